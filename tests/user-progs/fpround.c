/* Rounding: the four IEEE rounding modes set with fesetround, observed
 * through rint, nearbyint, lrint and llrint, through the basic operations
 * (+ - * / and sqrt, all correctly rounded in the current mode), through
 * double-to-float and 64-bit-integer-to-double conversions, and through
 * printf, which rounds decimal output in the current mode in glibc. Also the
 * mode-independent functions round, trunc, floor, ceil, lround. The
 * operations read volatile operands and write volatile results so that the
 * compiler cannot fold them at the default rounding mode. */
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const struct {
    int mode;
    const char *name;
} modes[] = {{FE_TONEAREST, "nearest"},
             {FE_TOWARDZERO, "toward-zero"},
             {FE_UPWARD, "upward"},
             {FE_DOWNWARD, "downward"}};

static const double samples[] = {0.5,
                                 1.5,
                                 2.5,
                                 -0.5,
                                 -1.5,
                                 -2.5,
                                 0.49999999999999994,
                                 2.4999999999999996,
                                 -7.5,
                                 1e15 + 0.5,
                                 4503599627370495.5,
                                 -4503599627370495.5,
                                 123456.789,
                                 -123456.789,
                                 0.0,
                                 -0.0,
                                 1e-300,
                                 -1e-300};

static volatile double va, vb, vr;
static volatile float vf;
static volatile int64_t vi;

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static void rounding_functions(void)
{
    for (unsigned m = 0; m < 4; m++) {
        if (fesetround(modes[m].mode) != 0) printf("fesetround(%s) failed\n", modes[m].name);
        printf("mode %s (fegetround ok: %d)\n", modes[m].name, fegetround() == modes[m].mode);
        for (unsigned i = 0; i < sizeof samples / sizeof samples[0]; i++) {
            va = samples[i];
            double x = va;
            double r = rint(x), n = nearbyint(x);
            long l = fabs(x) < 1e9 ? lrint(x) : 0;
            long long ll = llrint(x);
            printf("  %-24.17g rint %-20.17g nearbyint %-20.17g lrint %ld llrint %lld\n", x, r, n,
                   l, ll);
        }
    }
    fesetround(FE_TONEAREST);
}

static void operations(void)
{
    static const double a[] = {1.0, 1.0, 2.0, -1.0, 1e16, 0.1, 3.0, 1e308, 5e-324, -1.0 / 3};
    static const double b[] = {3.0, 0x1p-60, 3.0, 7.0, 1.0, 0.2, -0.1, 10.0, 0.5, 1e-20};
    for (unsigned m = 0; m < 4; m++) {
        fesetround(modes[m].mode);
        printf("mode %s\n", modes[m].name);
        uint64_t h = 0;
        for (unsigned i = 0; i < sizeof a / sizeof a[0]; i++) {
            va = a[i];
            vb = b[i];
            vr = va + vb;
            double s = vr;
            vr = va - vb;
            double d = vr;
            vr = va * vb;
            double p = vr;
            vr = va / vb;
            double q = vr;
            printf("  %a %a: + %a - %a * %a / %a\n", a[i], b[i], s, d, p, q);
        }
        for (int i = 1; i < 2000; i++) {
            va = i;
            vr = sqrt(va);
            h = h * 31 + bits(vr);
            vb = i * 0.37;
            vr = va / vb;
            h = h * 31 + bits(vr);
            vf = (float)vr;
            h = h * 31 + (uint64_t)(vf * 1e6f);
            vi = (INT64_C(1) << 62) + i * INT64_C(12345);
            vr = (double)vi;
            h = h * 31 + bits(vr);
            vi = -vi;
            vr = (double)vi;
            h = h * 31 + bits(vr);
        }
        va = 2.0;
        vr = sqrt(va);
        printf("  sqrt(2) %a  1/3 as float %a  (double)(2^62+1) %a  (double)-(2^62+1) %a\n", vr,
               (double)(float)(1.0 / va / 1.5), (double)((INT64_C(1) << 62) + 1 + vi * 0),
               (double)-((INT64_C(1) << 62) + 1));
        vr = 2.0 / 3.0;
        va = vr;
        vi = (INT64_C(1) << 62) + 1;
        vr = (double)vi;
        printf("  run-time (double)(2^62+1) %a  table hash %016" PRIx64 "\n", vr, h);
        /* printf rounds in the current mode. */
        printf("  printf: %.2f %.2f %.0f %.0f %.3e %.1f %.15g\n", 0.125, -0.125, 2.5, -2.5, 1.0 / 3,
               0.05, 0.1);
    }
    fesetround(FE_TONEAREST);
}

static void mode_independent(void)
{
    for (unsigned i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        double x = samples[i];
        printf("%-24.17g round %-18.17g trunc %-18.17g floor %-18.17g ceil %-18.17g lround %ld\n",
               x, round(x), trunc(x), floor(x), ceil(x), fabs(x) < 1e9 ? lround(x) : 0L);
    }
    /* The same with the mode changed: results must not move. */
    fesetround(FE_UPWARD);
    va = -2.5;
    printf("upward: round(-2.5) %g trunc %g floor %g ceil %g\n", round(va), trunc(va), floor(va),
           ceil(va));
    fesetround(FE_TONEAREST);
}

int main(void)
{
    rounding_functions();
    operations();
    mode_independent();
    return 0;
}
