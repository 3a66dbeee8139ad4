/* Integer benchmark for bench/run-ppc-user-bench.sh: a 64-bit PRNG
 * (splitmix64 and xorshift64*), 32-bit hashes (FNV-1a, the murmur3 finalizer),
 * table-driven CRC-32, 64-bit multiply, divide and modulo (library calls on a
 * 32-bit target), modular exponentiation, Euclid's gcd, an integer square
 * root, rotates and bit counts. Prints one checksum line per kernel and a
 * final one; the output is the same on every host (fixed-width types only).
 *
 * bench-class: integer
 */
#include <stdint.h>
#include <stdio.h>

#define ROUNDS 400

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t xorshift64s(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dull;
}

static uint32_t rotl32(uint32_t x, unsigned r)
{
    return (x << r) | (x >> ((32 - r) & 31));
}

static uint32_t fmix32(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32_buf(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    for (uint32_t i = 0; i < n; i++) crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t fnv1a(uint32_t h, const uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x01000193u;
    }
    return h;
}

static uint32_t powmod(uint32_t b, uint32_t e, uint32_t m)
{
    uint64_t r = 1, x = b % m;
    while (e) {
        if (e & 1) r = r * x % m;
        x = x * x % m;
        e >>= 1;
    }
    return (uint32_t)r;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static uint32_t isqrt64(uint64_t n)
{
    uint64_t r = 0, bit = 1ull << 62;
    while (bit > n) bit >>= 2;
    while (bit) {
        if (n >= r + bit) {
            n -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return (uint32_t)r;
}

static int popcount32(uint32_t x)
{
    int n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

/* Miller-Rabin with the bases that are exact below 2^32. */
static int is_prime32(uint32_t n)
{
    static const uint32_t bases[] = {2, 7, 61};
    if (n < 2) return 0;
    if (n % 2 == 0) return n == 2;
    uint32_t d = n - 1;
    int s = 0;
    while ((d & 1) == 0) {
        d >>= 1;
        s++;
    }
    for (int i = 0; i < 3; i++) {
        uint32_t a = bases[i] % n;
        if (a == 0) continue;
        uint64_t x = powmod(a, d, n);
        if (x == 1 || x == n - 1) continue;
        int r;
        for (r = 1; r < s; r++) {
            x = x * x % n;
            if (x == n - 1) break;
        }
        if (r == s) return 0;
    }
    return 1;
}

int main(void)
{
    static uint8_t buf[4096];
    uint64_t seed = 0x0123456789abcdefull, xs = 0x9e3779b97f4a7c15ull;
    uint32_t crc = 0, fnv = 0, mix = 0, primes = 0, bits = 0;
    uint64_t acc64 = 0, gsum = 0, sq = 0;

    crc_init();
    for (int round = 0; round < ROUNDS; round++) {
        /* Fill a buffer from the PRNG, then hash it two ways. */
        for (uint32_t i = 0; i < sizeof buf; i += 8) {
            uint64_t v = splitmix64(&seed);
            for (int k = 0; k < 8; k++) buf[i + k] = (uint8_t)(v >> (8 * k));
        }
        for (int pass = 0; pass < 8; pass++) {
            crc = crc32_buf(crc, buf, sizeof buf);
            fnv = fnv1a(fnv ^ 0x811c9dc5u ^ (uint32_t)pass, buf, sizeof buf);
        }

        /* 32-bit mixing with rotates and multiplies. */
        uint32_t h = (uint32_t)round;
        for (uint32_t i = 0; i < 60000; i++) {
            uint32_t k = (uint32_t)xorshift64s(&xs);
            k *= 0xcc9e2d51u;
            k = rotl32(k, 15);
            k *= 0x1b873593u;
            h ^= k;
            h = rotl32(h, 13) * 5 + 0xe6546b64u;
            bits += (uint32_t)popcount32(h ^ k);
        }
        mix += fmix32(h);

        /* 64-bit arithmetic: multiply, divide, modulo, gcd, square root. */
        for (uint32_t i = 0; i < 12000; i++) {
            uint64_t a = splitmix64(&seed), b = xorshift64s(&xs) >> (i & 31);
            if (b == 0) b = 1;
            acc64 += a / b + a % (b | 1) + (a >> 7) * (b & 0xffff);
            gsum += gcd64(a | 1, (b << 1) | 1);
            sq += isqrt64(a ^ b);
        }

        /* Primality of pseudo-random odd numbers (modular exponentiation). */
        for (uint32_t i = 0; i < 3000; i++) {
            uint32_t n = (uint32_t)splitmix64(&seed) | 1;
            primes += (uint32_t)is_prime32(n);
        }
    }

    printf("crc32   %08x\n", (unsigned)crc);
    printf("fnv1a   %08x\n", (unsigned)fnv);
    printf("mix     %08x bits %u\n", (unsigned)mix, (unsigned)bits);
    printf("arith64 %016llx %016llx %016llx\n", (unsigned long long)acc64, (unsigned long long)gsum,
           (unsigned long long)sq);
    printf("primes  %u\n", (unsigned)primes);
    printf("checksum %08x\n", (unsigned)(fmix32(crc ^ fnv) ^ mix ^ bits ^ (uint32_t)acc64 ^
                                         (uint32_t)(gsum >> 32) ^ (uint32_t)sq ^ primes));
    return 0;
}
