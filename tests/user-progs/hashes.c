/* Message digests and checksums written out in C: SHA-256 (32-bit rotates
 * and big-endian loads), MD5 (little-endian loads), SipHash-2-4 (64-bit
 * add-rotate-xor, which on 32-bit PowerPC is done in register pairs),
 * CRC-32 (bitwise and table-driven), Adler-32 and FNV-1a 64. Each is run on
 * the standard test vectors and on generated messages of every length from
 * 0 to 300 bytes (crossing block and padding boundaries) and one of 200 KB.
 * The byte order of the machine must not show in any result. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t ror32(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}
static uint32_t rol32(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}
static uint64_t rol64(uint64_t x, int n)
{
    return (x << n) | (x >> (64 - n));
}

static void sha256(const unsigned char *msg, size_t len, unsigned char out[32])
{
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t total = ((len + 9 + 63) / 64) * 64;
    for (size_t off = 0; off < total; off += 64) {
        unsigned char block[64];
        for (int i = 0; i < 64; i++) {
            size_t p = off + (size_t)i;
            if (p < len)
                block[i] = msg[p];
            else if (p == len)
                block[i] = 0x80;
            else if (p >= total - 8)
                block[i] = (unsigned char)(((uint64_t)len * 8) >> (8 * (total - 1 - p)));
            else
                block[i] = 0;
        }
        uint32_t w[64];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
                   (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; i++) {
            uint32_t S1 = ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25);
            uint32_t ch = (e & f) ^ (~e & g);
            uint32_t t1 = hh + S1 + ch + k[i] + w[i];
            uint32_t S0 = ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22);
            uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
            uint32_t t2 = S0 + maj;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++) out[4 * i + j] = (unsigned char)(h[i] >> (24 - 8 * j));
}

static void md5(const unsigned char *msg, size_t len, unsigned char out[16])
{
    static const uint32_t K[64] = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391};
    static const int R[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                              5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                              4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                              6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
    uint32_t h0 = 0x67452301, h1 = 0xefcdab89, h2 = 0x98badcfe, h3 = 0x10325476;
    size_t total = ((len + 9 + 63) / 64) * 64;
    for (size_t off = 0; off < total; off += 64) {
        uint32_t m[16];
        for (int i = 0; i < 16; i++) {
            m[i] = 0;
            for (int j = 0; j < 4; j++) {
                size_t p = off + (size_t)(4 * i + j);
                uint32_t byte;
                if (p < len)
                    byte = msg[p];
                else if (p == len)
                    byte = 0x80;
                else if (p >= total - 8)
                    byte = (uint32_t)(((uint64_t)len * 8) >> (8 * (p - (total - 8)))) & 0xff;
                else
                    byte = 0;
                m[i] |= byte << (8 * j);
            }
        }
        uint32_t a = h0, b = h1, c = h2, d = h3;
        for (int i = 0; i < 64; i++) {
            uint32_t f;
            int g;
            if (i < 16) {
                f = (b & c) | (~b & d);
                g = i;
            } else if (i < 32) {
                f = (d & b) | (~d & c);
                g = (5 * i + 1) % 16;
            } else if (i < 48) {
                f = b ^ c ^ d;
                g = (3 * i + 5) % 16;
            } else {
                f = c ^ (b | ~d);
                g = (7 * i) % 16;
            }
            uint32_t t = d;
            d = c;
            c = b;
            b = b + rol32(a + f + K[i] + m[g], R[i]);
            a = t;
        }
        h0 += a;
        h1 += b;
        h2 += c;
        h3 += d;
    }
    uint32_t hs[4] = {h0, h1, h2, h3};
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) out[4 * i + j] = (unsigned char)(hs[i] >> (8 * j));
}

static uint64_t siphash24(const unsigned char *m, size_t len, uint64_t k0, uint64_t k1)
{
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL, v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL, v3 = k1 ^ 0x7465646279746573ULL;
#define ROUND                                                                                      \
    do {                                                                                           \
        v0 += v1;                                                                                  \
        v1 = rol64(v1, 13);                                                                        \
        v1 ^= v0;                                                                                  \
        v0 = rol64(v0, 32);                                                                        \
        v2 += v3;                                                                                  \
        v3 = rol64(v3, 16);                                                                        \
        v3 ^= v2;                                                                                  \
        v0 += v3;                                                                                  \
        v3 = rol64(v3, 21);                                                                        \
        v3 ^= v0;                                                                                  \
        v2 += v1;                                                                                  \
        v1 = rol64(v1, 17);                                                                        \
        v1 ^= v2;                                                                                  \
        v2 = rol64(v2, 32);                                                                        \
    } while (0)
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w = 0;
        for (int j = 7; j >= 0; j--) w = w << 8 | m[i + (size_t)j];
        v3 ^= w;
        ROUND;
        ROUND;
        v0 ^= w;
    }
    uint64_t last = (uint64_t)(len & 0xff) << 56;
    for (size_t j = 0; i + j < len; j++) last |= (uint64_t)m[i + j] << (8 * j);
    v3 ^= last;
    ROUND;
    ROUND;
    v0 ^= last;
    v2 ^= 0xff;
    ROUND;
    ROUND;
    ROUND;
    ROUND;
#undef ROUND
    return v0 ^ v1 ^ v2 ^ v3;
}

static uint32_t crc_bitwise(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return ~c;
}

static uint32_t crc_table[256];
static uint32_t crc_fast(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return ~c;
}

static uint32_t adler32(const unsigned char *p, size_t n)
{
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < n; i++) {
        a = (a + p[i]) % 65521;
        b = (b + a) % 65521;
    }
    return b << 16 | a;
}

static uint64_t fnv64(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static void hex(const unsigned char *d, int n)
{
    for (int i = 0; i < n; i++) printf("%02x", d[i]);
}

int main(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    static const char *vectors[] = {"", "abc", "The quick brown fox jumps over the lazy dog",
                                    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"};
    for (unsigned v = 0; v < 4; v++) {
        const unsigned char *m = (const unsigned char *)vectors[v];
        size_t n = strlen(vectors[v]);
        unsigned char d[32];
        printf("\"%s\"\n  sha256 ", vectors[v]);
        sha256(m, n, d);
        hex(d, 32);
        printf("\n  md5 ");
        md5(m, n, d);
        hex(d, 16);
        printf(" crc32 %08" PRIx32 " adler32 %08" PRIx32 " fnv1a64 %016" PRIx64 "\n",
               crc_fast(m, n), adler32(m, n), fnv64(m, n));
    }
    unsigned char key[16];
    for (int i = 0; i < 16; i++) key[i] = (unsigned char)i;
    uint64_t k0 = 0, k1 = 0;
    for (int j = 7; j >= 0; j--) {
        k0 = k0 << 8 | key[j];
        k1 = k1 << 8 | key[8 + j];
    }
    unsigned char msg[300];
    for (int i = 0; i < 300; i++) msg[i] = (unsigned char)i;
    printf("siphash-2-4 reference vectors: len 0 %016" PRIx64 ", len 15 %016" PRIx64
           ", len 63 %016" PRIx64 "\n",
           siphash24(msg, 0, k0, k1), siphash24(msg, 15, k0, k1), siphash24(msg, 63, k0, k1));

    uint32_t all = 0, crc_agree = 1;
    for (size_t len = 0; len <= 300; len++) {
        unsigned char d[32];
        sha256(msg, len, d);
        for (int i = 0; i < 32; i++) all = all * 31 + d[i];
        md5(msg, len, d);
        for (int i = 0; i < 16; i++) all = all * 31 + d[i];
        uint64_t s = siphash24(msg, len, k0, k1);
        all = all * 31 + (uint32_t)s + (uint32_t)(s >> 32);
        all = all * 31 + adler32(msg, len);
        if (crc_fast(msg, len) != crc_bitwise(msg, len)) crc_agree = 0;
        all = all * 31 + crc_fast(msg, len);
    }
    printf("lengths 0..300: combined %08" PRIx32 ", crc implementations agree %" PRIu32 "\n", all,
           crc_agree);

    static unsigned char big[200000];
    uint32_t s = 1;
    for (size_t i = 0; i < sizeof big; i++) {
        s = s * 1103515245u + 12345u;
        big[i] = (unsigned char)(s >> 16);
    }
    unsigned char d[32];
    sha256(big, sizeof big, d);
    printf("200 KB: sha256 ");
    hex(d, 32);
    md5(big, sizeof big, d);
    printf("\n  md5 ");
    hex(d, 16);
    printf(" crc32 %08" PRIx32 " adler32 %08" PRIx32 " siphash %016" PRIx64 " fnv %016" PRIx64 "\n",
           crc_fast(big, sizeof big), adler32(big, sizeof big), siphash24(big, sizeof big, k0, k1),
           fnv64(big, sizeof big));
    return 0;
}
