/* Conversions between float, double and the integer types at the edges of
 * what C defines: floating to integer truncates towards zero and is only
 * defined when the truncated value fits (so 2147483647.99 -> INT_MAX and
 * -0.99 -> 0u are tested, 2147483648.0 -> int32 and NaN -> int are not);
 * integer to floating rounds to nearest even when inexact (int64 and uint64
 * to double and float, uint32 to float); double to float rounds and, under
 * IEEE 754 (Annex F), overflows to infinity and keeps NaN a NaN. On 32-bit
 * PowerPC the 64-bit cases are libgcc routines (__fixdfdi, __fixunsdfdi,
 * __floatdidf, __floatundisf, ...) and the unsigned 32-bit ones are inline
 * fctiwz sequences with a bias. */
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0x100000001b3ULL;
    return h ^ (h >> 29);
}

static void to_integers(void)
{
    static const double in32[] = {0.0,
                                  -0.0,
                                  0.99,
                                  -0.99,
                                  1.5,
                                  -1.5,
                                  2147483647.0,
                                  2147483647.99,
                                  -2147483648.0,
                                  -2147483648.99,
                                  1e9,
                                  -1e9,
                                  123456789.987654321};
    for (unsigned i = 0; i < sizeof in32 / sizeof in32[0]; i++) {
        volatile double d = in32[i];
        volatile float f = (float)in32[i];
        int32_t fi = fabsf(f) < 2147483648.0f ? (int32_t)f : 0;
        printf("%-22.17g int32 %-12" PRId32 " int64 %-12" PRId64 " (float)%-14.9g -> int32 %" PRId32
               "\n",
               d, (int32_t)d, (int64_t)d, (double)f, fi);
    }
    static const double inu32[] = {0.0,          0.5,          -0.99,        2147483648.0,
                                   2147483648.5, 3000000000.7, 4294967295.0, 4294967295.99,
                                   65535.99,     255.5};
    for (unsigned i = 0; i < sizeof inu32 / sizeof inu32[0]; i++) {
        volatile double d = inu32[i];
        volatile float f = (float)inu32[i];
        printf("%-22.17g uint32 %-10" PRIu32 " uint64 %-10" PRIu64 " float->uint32 %-10" PRIu32
               " uint16 %" PRIu32 " uint8 %" PRIu32 "\n",
               d, (uint32_t)d, (uint64_t)d, f < 4294967296.0f ? (uint32_t)f : 0,
               d < 65536 ? (uint32_t)(uint16_t)d : 0, d < 256 ? (uint32_t)(uint8_t)d : 0);
    }
    static const double in64[] = {9223372036854774784.0,
                                  -9223372036854775808.0,
                                  -9223372036854774784.0,
                                  4503599627370497.0,
                                  9007199254740993.0,
                                  -9007199254740993.0,
                                  1e18,
                                  -1e18,
                                  4294967296.5,
                                  -4294967296.5,
                                  4294967295.5,
                                  281474976710655.75};
    for (unsigned i = 0; i < sizeof in64 / sizeof in64[0]; i++) {
        volatile double d = in64[i];
        printf("%-24.17g int64 %" PRId64, d, (int64_t)d);
        if (d > -1) printf(" uint64 %" PRIu64, (uint64_t)d);
        printf("\n");
    }
    static const double inu64[] = {9223372036854775808.0, 18446744073709549568.0,
                                   12345678901234567890.0, 1.8446744073709550e19};
    for (unsigned i = 0; i < sizeof inu64 / sizeof inu64[0]; i++) {
        volatile double d = inu64[i];
        volatile float f = (float)d;
        printf("%-24.17g uint64 %" PRIu64 " from float %" PRIu64 "\n", d, (uint64_t)d,
               f < 18446744073709551616.0f ? (uint64_t)f : 0);
    }
    static const double small[] = {127.9, -128.9, 32767.5, -32768.99, -0.5};
    for (unsigned i = 0; i < sizeof small / sizeof small[0]; i++) {
        volatile double d = small[i];
        printf("%g ->", d);
        if (d > -129.0 && d < 128.0) printf(" int8 %d", (int)(int8_t)d);
        printf(" int16 %d\n", (int)(int16_t)d);
    }
}

static void from_integers(void)
{
    static const int64_t s[] = {0,
                                1,
                                -1,
                                INT32_MAX,
                                INT32_MIN,
                                16777217,
                                -16777217,
                                16777219,
                                (INT64_C(1) << 53) + 1,
                                (INT64_C(1) << 53) + 3,
                                -(INT64_C(1) << 53) - 1,
                                (INT64_C(1) << 54) + 2,
                                (INT64_C(1) << 54) + 6,
                                INT64_MAX,
                                INT64_MIN,
                                INT64_MIN + 1,
                                INT64_MAX - 1023,
                                INT64_MAX - 1024,
                                INT64_MAX - 512,
                                0x123456789abcdefLL,
                                -0x123456789abcdefLL};
    for (unsigned i = 0; i < sizeof s / sizeof s[0]; i++) {
        volatile int64_t v = s[i];
        volatile uint64_t u = (uint64_t)s[i];
        printf("%-21" PRId64 " double %-24a float %-16a | u %-20" PRIu64 " double %-24a float %a\n",
               v, (double)v, (double)(float)v, u, (double)u, (double)(float)u);
    }
    static const uint32_t u32[] = {0u,          1u,          16777217u,   0x7fffffffu, 0x80000000u,
                                   0x80000001u, 0xffffff7fu, 0xffffff80u, 0xffffffffu, 3000000001u};
    for (unsigned i = 0; i < sizeof u32 / sizeof u32[0]; i++) {
        volatile uint32_t v = u32[i];
        volatile int32_t sv = (int32_t)(v & 0x7fffffffu) - (int32_t)(v >> 31) * 0x40000000;
        printf("uint32 %-10" PRIu32 " double %-22a float %-16a int32 %-11" PRId32 " float %a\n", v,
               (double)v, (double)(float)v, sv, (double)(float)sv);
    }
}

static void float_double(void)
{
    static const double d[] = {0.1,
                               1.0 / 3,
                               FLT_MAX,
                               3.4028235e38,
                               3.40282357e38,
                               1e39,
                               -1e39,
                               FLT_MIN,
                               1e-40,
                               1e-45,
                               7e-46,
                               1e-46,
                               -1e-46,
                               1e300,
                               DBL_MAX,
                               DBL_MIN,
                               0x1.fffffefp-1,
                               0x1.000001p0,
                               0x1.0000010000001p0};
    for (unsigned i = 0; i < sizeof d / sizeof d[0]; i++) {
        volatile double v = d[i];
        float f = (float)v;
        printf("(float)%-24.17g = %-16a %08" PRIx32 " back %a\n", v, (double)f, fbits(f),
               (double)f);
    }
    volatile double n = NAN, i = INFINITY;
    float fn = (float)n, fi = (float)-i;
    double dn = (double)fn;
    printf("(float)NAN isnan %d, (double)(float)NAN isnan %d, (float)-inf %g, (double)FLT_MAX "
           "%.17g\n",
           isnan(fn) != 0, isnan(dn) != 0, (double)fi, (double)FLT_MAX);
    /* Every float converts to double exactly and back unchanged. */
    uint32_t bad = 0;
    uint64_t h = 0;
    for (uint32_t b = 0; b < 0xff800000u; b += 0x00012345u) {
        if ((b & 0x7fffffffu) > 0x7f800000u) continue; /* NaNs: quieted, payload not portable */
        float f;
        memcpy(&f, &b, sizeof f);
        volatile double v = f;
        float back = (float)v;
        if (fbits(back) != b) bad++;
        h = mix(h, dbits(v));
    }
    printf("float->double->float round trips: %" PRIu32 " bad, hash %016" PRIx64 "\n", bad, h);
}

static void sweep(void)
{
    uint64_t x = 0x853c49e6748fea9bULL, h = 0;
    for (int i = 0; i < 50000; i++) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        uint64_t r = x * 0x2545f4914f6cdd1dULL;
        int sh = i % 64;
        volatile int64_t sv = (int64_t)(r >> sh) * ((i & 1) ? -1 : 1);
        volatile uint64_t uv = r >> (sh / 2);
        double ds = (double)sv, du = (double)uv;
        float fs = (float)sv, fu = (float)uv;
        h = mix(h, dbits(ds));
        h = mix(h, dbits(du));
        h = mix(h, fbits(fs));
        h = mix(h, fbits(fu));
        /* Back to integers: in range by construction (|ds| < 2^63 unless it
         * rounded up to 2^63, which is excluded). */
        if (ds < 9223372036854775808.0 && ds >= -9223372036854775808.0)
            h = mix(h, (uint64_t)(int64_t)ds);
        if (du < 18446744073709551616.0) h = mix(h, (uint64_t)du);
        volatile double frac = (double)(r >> 11) * 0x1p-53 * 4294967296.0;
        h = mix(h, (uint32_t)frac);
        h = mix(h, (uint32_t)(int32_t)(frac - 2147483648.0));
        h = mix(h, (uint64_t)(int64_t)(frac * (double)(1 << (i % 31))));
    }
    printf("random conversion hash %016" PRIx64 "\n", h);
}

int main(void)
{
    to_integers();
    from_integers();
    float_double();
    sweep();
    return 0;
}
