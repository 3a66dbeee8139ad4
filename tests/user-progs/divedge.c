/* Division edge cases on 8, 16, 32 and 64-bit types: every sign combination,
 * the largest and smallest values, divisors of one, minus one (except the
 * undefined INT_MIN / -1), powers of two and their neighbours, dividends
 * smaller than the divisor, and division by compile-time constants (which
 * the compiler turns into multiply-high and shift sequences) checked against
 * division by the same value through a volatile. The C rule is truncation
 * towards zero with a == (a / b) * b + a % b. */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static uint32_t hash32 = 2166136261u;
static uint64_t hash64 = 14695981039346656037ULL;
static unsigned failures;

static void feed(uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        hash64 ^= (v >> (8 * i)) & 0xff;
        hash64 *= 1099511628211ULL;
    }
}

static void feed32(uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        hash32 ^= (v >> (8 * i)) & 0xff;
        hash32 *= 16777619u;
    }
}

static const int32_t s32[] = {
    0,          1,           -1,         2,           -2,        3,       -3,          5,
    -5,         7,           -7,         10,          -10,       16,      -16,         17,
    -17,        255,         -255,       256,         -256,      32767,   -32768,      65535,
    65536,      -65536,      1000000007, -999999,     INT_MAX,   INT_MIN, INT_MAX - 1, INT_MIN + 1,
    0x40000000, -0x40000000, 0x12345678, -0x12345678, 0x7ffffffe};

static void div32(void)
{
    const int n = sizeof s32 / sizeof s32[0];
    unsigned lines = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            volatile int32_t a = s32[i], b = s32[j];
            if (b == 0) continue;
            uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            feed32(ua / ub);
            feed32(ua % ub);
            if (ua != (ua / ub) * ub + ua % ub) failures++;
            if (a == INT_MIN && b == -1) continue;
            int32_t q = a / b, r = a % b;
            feed32((uint32_t)q);
            feed32((uint32_t)r);
            if (a != q * b + r) failures++;
            if (r != 0 && (r < 0) != (a < 0)) failures++;
            if (i < 14 && j < 14 && (lines++ % 7) == 0)
                printf("%" PRId32 " / %" PRId32 " = %" PRId32 " rem %" PRId32 "; unsigned %" PRIu32
                       " rem %" PRIu32 "\n",
                       a, b, q, r, ua / ub, ua % ub);
        }
    }
    printf("32-bit table hash %08" PRIx32 "\n", hash32);
}

static void div_small(void)
{
    /* int8_t and int16_t operands are promoted to int; the results are
     * converted back (values in range, so no implementation-defined part). */
    uint32_t h = 0;
    for (int a = -128; a <= 127; a++) {
        for (int b = -128; b <= 127; b++) {
            if (b == 0) continue;
            volatile int8_t x = (int8_t)a, y = (int8_t)b;
            int q = x / y, r = x % y;
            volatile uint8_t ux = (uint8_t)a, uy = (uint8_t)b;
            unsigned uq = ux / uy, ur = ux % uy;
            h = h * 31 + (uint32_t)(q * 1000 + r) + uq * 7 + ur;
        }
    }
    printf("8-bit exhaustive hash %08" PRIx32 "\n", h);
    h = 0;
    for (int32_t a = -32768; a <= 32767; a += 97) {
        for (int32_t b = -32768; b <= 32767; b += 89) {
            if (b == 0) continue;
            volatile int16_t x = (int16_t)a, y = (int16_t)b;
            volatile uint16_t ux = (uint16_t)a, uy = (uint16_t)b;
            h = h * 31 + (uint32_t)(x / y) + (uint32_t)(x % y) * 3 + (uint32_t)(ux / uy) * 5 +
                (uint32_t)(ux % uy) * 11;
        }
    }
    printf("16-bit sampled hash %08" PRIx32 "\n", h);
}

#define CONST_CHECK(T, K)                                                                          \
    do {                                                                                           \
        volatile T k = (K);                                                                        \
        T q1 = x / (K), r1 = x % (K), q2 = x / k, r2 = x % k;                                      \
        if (q1 != q2 || r1 != r2) failures++;                                                      \
        feed((uint64_t)q1);                                                                        \
        feed((uint64_t)r1);                                                                        \
    } while (0)

static void div_constants(void)
{
    uint32_t s = 12345;
    for (int i = 0; i < 4000; i++) {
        s = s * 1664525u + 1013904223u;
        {
            int32_t x = (int32_t)s;
            if (i == 0) x = INT_MIN;
            if (i == 1) x = INT_MAX;
            CONST_CHECK(int32_t, 2);
            CONST_CHECK(int32_t, -2);
            CONST_CHECK(int32_t, 3);
            CONST_CHECK(int32_t, -3);
            CONST_CHECK(int32_t, 4);
            CONST_CHECK(int32_t, 8);
            CONST_CHECK(int32_t, -8);
            CONST_CHECK(int32_t, 32);
            CONST_CHECK(int32_t, 1024);
            CONST_CHECK(int32_t, 1 << 30);
            CONST_CHECK(int32_t, 7);
            CONST_CHECK(int32_t, 10);
            CONST_CHECK(int32_t, -10);
            CONST_CHECK(int32_t, 16);
            CONST_CHECK(int32_t, -16);
            CONST_CHECK(int32_t, 641);
            CONST_CHECK(int32_t, 65536);
            CONST_CHECK(int32_t, 1000000007);
            CONST_CHECK(int32_t, INT_MIN);
        }
        {
            uint32_t x = s;
            CONST_CHECK(uint32_t, 3);
            CONST_CHECK(uint32_t, 7);
            CONST_CHECK(uint32_t, 10);
            CONST_CHECK(uint32_t, 16);
            CONST_CHECK(uint32_t, 641);
            CONST_CHECK(uint32_t, 0x80000000u);
            CONST_CHECK(uint32_t, 0xffffffffu);
        }
        {
            int64_t x = (int64_t)((uint64_t)s << 32 | s) >> (i % 40);
            if (i == 0) x = INT64_MIN;
            CONST_CHECK(int64_t, 2);
            CONST_CHECK(int64_t, 8);
            CONST_CHECK(int64_t, -4);
            CONST_CHECK(int64_t, 3);
            CONST_CHECK(int64_t, -7);
            CONST_CHECK(int64_t, 10);
            CONST_CHECK(int64_t, 1024);
            CONST_CHECK(int64_t, -1024);
            CONST_CHECK(int64_t, 4294967296LL);
            CONST_CHECK(int64_t, 4294967291LL);
        }
        {
            uint64_t x = ((uint64_t)s << 32 | (s ^ 0x5555aaaau)) >> (i % 50);
            CONST_CHECK(uint64_t, 3);
            CONST_CHECK(uint64_t, 10);
            CONST_CHECK(uint64_t, 4294967296ULL);
            CONST_CHECK(uint64_t, 0xfffffffffffffffULL);
        }
    }
    printf("constant divisor hash %016" PRIx64 "\n", hash64);
}

static void small_constants(void)
{
    /* int16_t and int8_t values divided by constants (promoted to int). */
    uint32_t hs = 0;
    for (int32_t a = -32768; a <= 32767; a += 3) {
        int16_t x = (int16_t)a;
        int8_t y = (int8_t)(a % 128);
        hs = hs * 31 + (uint32_t)(x / 2) + (uint32_t)(x % 2) * 3 + (uint32_t)(x / 8) * 5 +
             (uint32_t)(x % 8) * 7 + (uint32_t)(x / 7) * 11 + (uint32_t)(x % -7) * 13 +
             (uint32_t)(y / 4) * 17 + (uint32_t)(y % 4) * 19 + (uint32_t)(y / -3) * 23 +
             (uint32_t)(x >> 3) * 29 + (uint32_t)(y >> 1) * 37;
    }
    printf("int16/int8 by constants hash %08" PRIx32 "\n", hs);
}

static void printed(void)
{
    volatile int32_t m = INT_MIN, M = INT_MAX;
    printf("INT_MIN/1=%" PRId32 " INT_MIN%%-1 is not computed; INT_MIN/2=%" PRId32
           " INT_MIN/-2=%" PRId32 " INT_MIN%%3=%" PRId32 " INT_MAX/-1=%" PRId32 "\n",
           m / 1, m / 2, m / -2, m % 3, M / -1);
    volatile uint32_t u = 0xffffffffu;
    printf("UINT_MAX/1=%" PRIu32 " /2=%" PRIu32 " /UINT_MAX=%" PRIu32 " %%0x80000000=%" PRIu32 "\n",
           u / 1, u / 2, u / u, u % 0x80000000u);
    volatile int64_t lm = INT64_MIN;
    printf("INT64_MIN/INT64_MIN=%" PRId64 " INT64_MIN/INT64_MAX=%" PRId64
           " INT64_MIN%%INT64_MAX=%" PRId64 "\n",
           lm / lm, lm / INT64_MAX, lm % INT64_MAX);
    for (int a = -9; a <= 9; a += 3) {
        for (int b = -4; b <= 4; b++) {
            if (b == 0) continue;
            volatile int x = a, y = b;
            printf("%3d/%2d=%3d%%%3d ", x, y, x / y, x % y);
        }
        printf("\n");
    }
}

int main(void)
{
    div32();
    div_small();
    div_constants();
    small_constants();
    printed();
    printf("failures %u\n", failures);
    return failures != 0;
}
