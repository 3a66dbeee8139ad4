/* Fused multiply-add: fma() and fmaf() compute a*b+c with one rounding. On
 * PowerPC GCC emits fmadd/fmsub/fnmadd/fnmsub (and the single-precision
 * forms) for them; on x86-64 they call glibc. An emulator that computes the
 * product and the sum separately rounds twice and gets some of these wrong.
 * Covered: error-free products (a*b - fl(a*b) exactly), cancellation to
 * signed zero, products that overflow while the sum does not, subnormal
 * results, all four rounding modes, the negated forms, and a dot product
 * compensated with fma (double-double). */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bits(double d)
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

static volatile double va, vb, vc;
static volatile float fa, fb, fc;

static void cases(void)
{
    static const double t[][3] = {
        {1.0 + 0x1p-52, 1.0 - 0x1p-52, -1.0},
        {0.1, 10.0, -1.0},
        {1.0 / 3, 3.0, -1.0},
        {DBL_MAX, 2.0, -DBL_MAX},
        {DBL_MAX, 1.0 + 0x1p-52, -DBL_MAX},
        {0x1p-600, 0x1p-600, 0.0},
        {0x1p-537, 0x1p-537, 0x1p-1074},
        {0x1p-1022, 0.5, 0x1p-1074},
        {3.0, 0x1p-1074, -0x1p-1073},
        {2.0, 3.0, -6.0},
        {-2.0, 3.0, 6.0},
        {1e308, 10.0, -1e308},
        {1.0 + 0x1p-30, 1.0 + 0x1p-30, -(1.0 + 0x1p-29)},
        {0x1.fffffffffffffp-1, 0x1.fffffffffffffp-1, -0x1.ffffffffffffep-1},
        {1.0, 1.0, 0x1p-53},
        {1.0, 1.0, 0x1p-53 + 0x1p-105},
        {1.0, -1.0, 0x1p-54},
        {INFINITY, 0.5, 1.0},
        {123456789.0, 987654321.0, -121932631112635269.0},
    };
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        va = t[i][0];
        vb = t[i][1];
        vc = t[i][2];
        double f = fma(va, vb, vc);
        double s = va * vb + vc; /* two roundings: -ffp-contract=off */
        double m = fma(va, vb, -vc), nm = -fma(va, vb, vc), nm2 = -fma(va, vb, -vc);
        printf("fma(%a, %a, %a)\n  = %a (unfused %a) msub %a nmadd %a nmsub %a\n", va, vb, vc, f, s,
               m, nm, nm2);
    }
}

static void modes(void)
{
    static const int m[] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
    static const char *mn[] = {"nearest", "zero", "up", "down"};
    for (int k = 0; k < 4; k++) {
        fesetround(m[k]);
        va = 1.0 + 0x1p-52;
        vb = 1.0 + 0x1p-52;
        vc = -1.0;
        double x = fma(va, vb, vc);
        va = 2.0;
        vb = 3.0;
        vc = -6.0;
        double z = fma(va, vb, vc);
        va = 0.1;
        vb = 0.1;
        vc = 0.1;
        double y = fma(va, vb, vc);
        fa = 1.0f + 0x1p-23f;
        fb = 1.0f - 0x1p-23f;
        fc = -1.0f;
        float fx = fmaf(fa, fb, fc);
        printf("%-8s exact-zero %s%a  0.1*0.1+0.1 %a  (1+2^-52)^2-1 %a  fmaf %a\n", mn[k],
               signbit(z) ? "-" : "+", z, y, x, (double)fx);
    }
    fesetround(FE_TONEAREST);
}

static void random_sweep(void)
{
    uint64_t s = 0x2545f4914f6cdd1dULL, h = 0, hf = 0;
    int differs = 0;
    for (int i = 0; i < 30000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        uint64_t ua =
            (s & 0x800fffffffffffffULL) | ((uint64_t)(1023 + (int)(s >> 52 & 63) - 32) << 52);
        uint64_t ub = ((s * 0x9e3779b97f4a7c15ULL) & 0x800fffffffffffffULL) |
                      ((uint64_t)(1023 + (int)(s >> 46 & 63) - 32) << 52);
        double a, b;
        memcpy(&a, &ua, sizeof a);
        memcpy(&b, &ub, sizeof b);
        double c = -(a * b) * (1.0 + (double)(i % 9 - 4) * 0x1p-50);
        if (i % 3 == 1) c = (double)(int64_t)(s >> 20) * 0x1p-30;
        va = a;
        vb = b;
        vc = c;
        double f = fma(va, vb, vc), u = va * vb + vc;
        if (bits(f) != bits(u)) differs++;
        h = (h ^ bits(f)) * 0x100000001b3ULL;
        /* Error-free transformation: p + e == a*b exactly. */
        double p = va * vb, e = fma(va, vb, -p);
        h = (h ^ bits(e)) * 0x100000001b3ULL;
        fa = (float)a;
        fb = (float)b;
        fc = (float)c;
        float ff = fmaf(fa, fb, fc);
        hf = (hf ^ fbits(ff)) * 0x100000001b3ULL;
    }
    printf("random fma hash %016" PRIx64 " fmaf hash %016" PRIx64 " fused!=unfused %d\n", h, hf,
           differs);
}

static void dot(void)
{
    /* Dot product of an ill-conditioned pair of vectors, naive vs
     * compensated with fma (Ogita, Rump and Oishi's Dot2). */
    enum { N = 200 };
    double x[N], y[N];
    for (int i = 0; i < N; i++) {
        x[i] = ldexp(1.0 + i * 0x1p-20, (i * 37) % 101 - 50);
        y[i] = (i & 1 ? -1 : 1) / x[i] * (1.0 + 0x1p-40 * i);
    }
    double naive = 0, sh = 0, sl = 0;
    for (int i = 0; i < N; i++) {
        naive += x[i] * y[i];
        double p = x[i] * y[i];
        double e = fma(x[i], y[i], -p);
        double t = sh + p;
        double z = t - sh;
        double err = (sh - (t - z)) + (p - z);
        sh = t;
        sl += err + e;
    }
    printf("dot naive %.17g compensated %.17g\n", naive, sh + sl);
}

int main(void)
{
    cases();
    modes();
    random_sweep();
    dot();
    return 0;
}
