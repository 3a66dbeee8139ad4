/* Bit manipulation and shifts on signed and unsigned 8, 16, 32 and 64-bit
 * types: every shift count from 0 to width-1 (shifts by the width or more are
 * undefined and not done), arithmetic right shifts of negative values (GCC
 * defines them as sign-extending on every target), rotates written the usual
 * way (the compiler turns them into rotate instructions), population count,
 * leading and trailing zero counts (never of zero), byte swaps, bit
 * reversal, sign and zero extension, masks and bit-field extraction. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t h = 0xcbf29ce484222325ULL;
static void feed(uint64_t v)
{
    h ^= v;
    h *= 0x100000001b3ULL;
    h ^= h >> 29;
}

static uint32_t rotl32(uint32_t x, unsigned n)
{
    return (x << (n & 31)) | (x >> (-n & 31));
}
static uint32_t rotr32(uint32_t x, unsigned n)
{
    return (x >> (n & 31)) | (x << (-n & 31));
}
static uint64_t rotl64(uint64_t x, unsigned n)
{
    return (x << (n & 63)) | (x >> (-n & 63));
}
static uint16_t rotl16(uint16_t x, unsigned n)
{
    n &= 15;
    return (uint16_t)((x << n) | (x >> ((16 - n) & 15)));
}

static unsigned popcount_ref(uint64_t x)
{
    unsigned c = 0;
    while (x) {
        x &= x - 1;
        c++;
    }
    return c;
}

static uint32_t reverse32(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    x = ((x >> 8) & 0x00ff00ffu) | ((x & 0x00ff00ffu) << 8);
    return (x >> 16) | (x << 16);
}

static const uint64_t patterns[] = {0,
                                    1,
                                    0x80,
                                    0xff,
                                    0x8000,
                                    0xffff,
                                    0x80000000ULL,
                                    0xffffffffULL,
                                    0x8000000000000000ULL,
                                    0xffffffffffffffffULL,
                                    0x0123456789abcdefULL,
                                    0xfedcba9876543210ULL,
                                    0x5555555555555555ULL,
                                    0xaaaaaaaaaaaaaaaaULL,
                                    0x00000001fffffffeULL,
                                    0x7fffffffffffffffULL,
                                    0x8000000080000000ULL,
                                    0x0000ffff0000ffffULL};

static void shifts(void)
{
    const unsigned n = sizeof patterns / sizeof patterns[0];
    for (unsigned i = 0; i < n; i++) {
        volatile uint64_t p = patterns[i];
        for (volatile unsigned s = 0; s < 64; s++) {
            uint64_t u64 = p;
            int64_t s64 = (int64_t)p;
            feed(u64 << s);
            feed(u64 >> s);
            feed((uint64_t)(s64 >> s));
            feed(rotl64(u64, s));
            if (s < 32) {
                uint32_t u32 = (uint32_t)p;
                int32_t s32 = (int32_t)(uint32_t)p;
                feed(u32 << s);
                feed(u32 >> s);
                feed((uint64_t)(int64_t)(s32 >> s));
                feed(rotl32(u32, s));
                feed(rotr32(u32, s));
                /* Promotion: uint8_t and int16_t shift as int. */
                uint8_t u8 = (uint8_t)p;
                int8_t s8 = (int8_t)(uint8_t)p;
                uint16_t u16 = (uint16_t)p;
                int16_t s16 = (int16_t)(uint16_t)p;
                if (s < 8) {
                    feed((uint8_t)(u8 << s));
                    feed((uint64_t)(int64_t)(s8 >> s));
                    feed((uint8_t)(u8 >> s));
                }
                if (s < 16) {
                    feed((uint16_t)(u16 << s));
                    feed((uint64_t)(int64_t)(s16 >> s));
                    feed(rotl16(u16, s));
                }
                if (s < 24) feed((uint64_t)((uint32_t)u8 << s));
            }
        }
    }
    printf("shift hash %016" PRIx64 "\n", h);
    volatile int32_t m = -123456789;
    volatile int64_t m64 = -1234567890123456789LL;
    printf("-123456789 >> 0..31:");
    for (int s = 0; s < 32; s += 3) printf(" %" PRId32, m >> s);
    printf("\n-1234567890123456789 >> 0..63:");
    for (int s = 0; s < 64; s += 7) printf(" %" PRId64, m64 >> s);
    printf("\n");
}

static void counts(void)
{
    uint64_t x = 0x243f6a8885a308d3ULL;
    unsigned bad = 0;
    uint64_t sum = 0;
    for (int i = 0; i < 100000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        uint64_t v = x >> (i & 63);
        uint32_t v32 = (uint32_t)(v >> (i & 31));
        unsigned pc = (unsigned)__builtin_popcountll(v);
        if (pc != popcount_ref(v)) bad++;
        sum += pc;
        if (v) sum += (uint64_t)__builtin_clzll(v) * 3 + (uint64_t)__builtin_ctzll(v) * 5;
        if (v32) sum += (uint64_t)__builtin_clz(v32) * 7 + (uint64_t)__builtin_ctz(v32) * 11;
        sum += (uint64_t)__builtin_popcount(v32) * 13;
        sum ^= __builtin_bswap64(v) + __builtin_bswap32(v32) + __builtin_bswap16((uint16_t)v32);
        sum += reverse32(v32);
        sum = rotl64(sum, 5);
        feed(sum);
    }
    printf("count hash %016" PRIx64 " sum %016" PRIx64 " popcount mismatches %u\n", h, sum, bad);
    for (unsigned i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        uint64_t p = patterns[i];
        printf("%016" PRIx64 ": pop %2d", p, __builtin_popcountll(p));
        if (p) printf(" clz %2d ctz %2d", __builtin_clzll(p), __builtin_ctzll(p));
        printf(" bswap %016" PRIx64 " rev32 %08" PRIx32 " parity %d\n", __builtin_bswap64(p),
               reverse32((uint32_t)p), __builtin_parityll(p));
    }
}

static void extension(void)
{
    /* Conversions to narrower signed types of out-of-range values are
     * implementation-defined; GCC defines them as modulo 2^N on all targets,
     * but we only use in-range values through explicit masks here. */
    for (int i = 0; i < 16; i++) {
        uint32_t raw = 0x9876f3c1u * (uint32_t)(i + 1);
        uint8_t b = raw & 0xff;
        uint16_t w = raw & 0xffff;
        int32_t sb = (b & 0x80) ? (int32_t)b - 256 : b;
        int32_t sw = (w & 0x8000) ? (int32_t)w - 65536 : w;
        int32_t field = (int32_t)((raw >> 5) & 0x7ff);
        if (field & 0x400) field -= 0x800;
        signed char sc = (signed char)sb;
        unsigned char uc = (unsigned char)b;
        printf("%08" PRIx32 " b %3u sb %4" PRId32 " w %5u sw %6" PRId32 " field %5" PRId32
               " sc %4d uc %3u sc>>2 %3d ~uc %d -sc %d\n",
               raw, b, sb, w, sw, field, sc, uc, sc >> 2, ~uc, -sc);
    }
}

static void bitfields(void)
{
    struct bf {
        unsigned a : 3;
        unsigned b : 13;
        signed c : 7;
        unsigned d : 1;
        unsigned long long e : 40;
        signed long long f : 23;
    };
    struct bf x = {0};
    uint64_t acc = 0;
    for (int i = 0; i < 5000; i++) {
        x.a += 5;
        x.b = (unsigned)(x.b * 3 + (unsigned)i) & 0x1fff;
        x.c = (signed)((i % 128) - 64);
        x.d ^= 1;
        x.e = (x.e + 0x123456789ULL * (uint64_t)i) & 0xffffffffffULL;
        x.f = (i * 977) % 4000000 - 2000000;
        acc = acc * 31 + x.a + x.b + (uint64_t)(int64_t)x.c + x.d + x.e + (uint64_t)(int64_t)x.f;
    }
    printf("bit-field accumulator %016" PRIx64 " a %u b %u c %d d %u e %llu f %lld\n", acc, x.a,
           x.b, x.c, x.d, (unsigned long long)x.e, (long long)x.f);
}

int main(void)
{
    shifts();
    counts();
    extension();
    bitfields();
    return 0;
}
