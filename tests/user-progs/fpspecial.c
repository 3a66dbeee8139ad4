/* NaN, infinities, signed zeros and denormals (subnormals). How NaNs come
 * out (0/0, inf-inf, sqrt(-1), 0*inf) and that they compare unordered;
 * isnan/isinf/isfinite/isnormal/fpclassify/signbit/copysign/fabs; arithmetic
 * with and across the subnormal range (gradual underflow, exact halving,
 * subnormal times large, division producing subnormals); nextafter across
 * zero and the boundaries; min/max with NaN operands (fmin/fmax). The sign
 * and payload of a NaN produced by an invalid operation are not specified by
 * C or IEEE 754 (x86 gives a negative NaN, PowerPC a positive one), so NaNs
 * are only ever printed as "nan". */
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

static const char *cls(double x)
{
    switch (fpclassify(x)) {
    case FP_NAN: return "nan";
    case FP_INFINITE: return "infinite";
    case FP_ZERO: return "zero";
    case FP_SUBNORMAL: return "subnormal";
    case FP_NORMAL: return "normal";
    }
    return "?";
}

/* Print a double portably: NaN without sign or payload, others exactly. */
static void show(const char *what, double x)
{
    if (isnan(x))
        printf("%-28s nan (class %s)\n", what, cls(x));
    else
        printf("%-28s %-26a %-24.17g %s%s\n", what, x, x, cls(x), signbit(x) ? " signbit" : "");
}

static volatile double zero = 0.0, one = 1.0, inf = INFINITY, mn = DBL_MIN, dmin = 0x1p-1074;

static void nans(void)
{
    double n1 = zero / zero, n2 = inf - inf, n3 = zero * inf, n4 = sqrt(-one), n5 = inf / inf;
    double qn = NAN;
    show("0/0", n1);
    show("inf-inf", n2);
    show("0*inf", n3);
    show("sqrt(-1)", n4);
    show("inf/inf", n5);
    show("fmod(1, 0)", fmod(one, zero));
    show("log(-1)", log(-one));
    show("NAN", qn);
    show("-NAN sign stays", copysign(1.0, -qn));
    printf("NAN == NAN %d, NAN != NAN %d, NAN < 1 %d, NAN > 1 %d, NAN <= NAN %d\n", qn == qn,
           qn != qn, qn<one, qn> one, qn <= qn);
    printf("isunordered(NAN, 1) %d isless(NAN, 1) %d isgreater(1, NAN) %d islessgreater(1, 2) %d\n",
           isunordered(qn, one), isless(qn, one), isgreater(one, qn), islessgreater(one, 2.0));
    show("fmax(NAN, 1)", fmax(qn, one));
    show("fmin(2, NAN)", fmin(2.0, qn));
    show("NAN + 1 is nan", qn + one);
    show("copysign(NAN, -1) sign", signbit(copysign(qn, -1.0)) ? -1.0 : 1.0);
    show("fabs(-NAN) sign", signbit(fabs(-qn)) ? -1.0 : 1.0);
    show("-(NAN) sign", signbit(-qn) ? -1.0 : 1.0);
    /* Quiet NaN bit patterns built by hand survive copies and negation. */
    uint64_t u = 0x7ff8000000012345ULL;
    double d;
    memcpy(&d, &u, sizeof d);
    volatile double vd = d;
    double e = -vd;
    printf("hand NaN copy %016" PRIx64 " negated %016" PRIx64 " fabs %016" PRIx64 "\n", bits(vd),
           bits(e), bits(fabs(e)));
}

static void infinities(void)
{
    show("1/0", one / zero);
    show("-1/0", -one / zero);
    show("1/-0", one / -zero);
    show("inf+inf", inf + inf);
    show("inf*-2", inf * -2);
    show("1/inf", one / inf);
    show("-1/inf", -one / inf);
    show("DBL_MAX*2", DBL_MAX * (one + one));
    show("-DBL_MAX*2", -DBL_MAX * (one + one));
    show("DBL_MAX+ulp/2", DBL_MAX + 0x1p970 * one);
    show("DBL_MAX+ulp", DBL_MAX + 0x1p971 * one);
    show("exp(1000)", exp(1000 * one));
    show("atan(inf)*2", atan(inf) * 2);
    printf("isinf(-inf) %d isfinite(inf) %d isfinite(DBL_MAX) %d inf > DBL_MAX %d -inf < -DBL_MAX "
           "%d\n",
           isinf(-inf) != 0, isfinite(inf) != 0, isfinite(DBL_MAX) != 0, inf > DBL_MAX,
           -inf < -DBL_MAX);
}

static void denormals(void)
{
    show("DBL_MIN", mn);
    show("DBL_MIN/2", mn / 2);
    show("DBL_MIN/3", mn / 3);
    show("DBL_MIN*0.75", mn * 0.75);
    show("DBL_MIN-DBL_MIN/2^52", mn - dmin);
    show("2^-1074", dmin);
    show("2^-1074/2 (to even: 0)", dmin / 2);
    show("3*2^-1074/2 (to even)", 3 * dmin / 2);
    show("2^-1074*0.75", dmin * 0.75);
    show("2^-1074*2^1074", dmin * 0x1p1000 * 0x1p74);
    show("subnormal*2^60", mn / 12345 * 0x1p60);
    show("1/DBL_MAX", one / DBL_MAX);
    show("1e-310+1e-310", 1e-310 * one + 1e-310);
    show("1e-310-1.00000001e-310", 1e-310 * one - 1.00000001e-310);
    show("1e-310*1e10", 1e-310 * one * 1e10);
    show("1e-320/1e-5", 1e-320 * one / 1e-5);
    show("sqrt(1e-310)", sqrt(1e-310 * one));
    show("sqrt(2^-1074)", sqrt(dmin));
    /* Gradual underflow: halve until zero, summing the bit patterns. */
    double x = one;
    int steps = 0;
    uint64_t h = 0;
    while (x != 0) {
        h = h * 31 + bits(x);
        x /= 2;
        steps++;
    }
    printf("halvings of 1.0 to zero: %d, hash %016" PRIx64 "\n", steps, h);
    /* Pseudo-random subnormal arithmetic. */
    uint64_t s = 88172645463325252ULL;
    h = 0;
    for (int i = 0; i < 40000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        uint64_t ua = s & 0x800fffffffffffffULL, ub = (s >> 11) & 0x801fffffffffffffULL;
        double a, b;
        memcpy(&a, &ua, sizeof a);
        memcpy(&b, &ub, sizeof b);
        volatile double va = a, vb = b;
        h = h * 31 + bits(va + vb);
        h = h * 31 + bits(va - vb);
        h = h * 31 + bits(va * 0x1p52);
        h = h * 31 + bits(va * 0.3);
        if (vb != 0) h = h * 31 + bits(va / vb);
        h = h * 31 + bits(va / 3.0);
        h = h * 31 + bits((double)(float)(va * 0x1p900));
    }
    printf("random subnormal hash %016" PRIx64 "\n", h);
}

static void nextafters(void)
{
    show("nextafter(0, 1)", nextafter(zero, one));
    show("nextafter(0, -1)", nextafter(zero, -one));
    show("nextafter(-0, 1)", nextafter(-zero, one));
    show("nextafter(DBL_MIN, 0)", nextafter(mn, zero));
    show("nextafter(1, 2)", nextafter(one, 2));
    show("nextafter(1, 0)", nextafter(one, 0));
    show("nextafter(DBL_MAX, inf)", nextafter(DBL_MAX, inf));
    show("nextafter(inf, 0)", nextafter(inf, 0));
    show("nextafterf(1, 2)", nextafterf(1.0f, 2.0f));
    show("nextafterf(0, 1)", nextafterf(0.0f, 1.0f));
    show("copysign(3, -0)", copysign(3.0, -zero));
    show("copysign(-3, 0)", copysign(-3.0, zero));
    show("copysign(0, -inf)", copysign(zero, -inf));
    show("fabs(-0)", fabs(-zero));
    show("-0 + 0", -zero + zero);
    show("-0 - 0", -zero - zero);
    show("-0 * -0", -zero * -zero);
    show("0 / -3", zero / -3);
    printf("-0 == 0 %d, 1/-0 < 0 %d\n", -zero == zero, one / -zero < 0);
    show("fmin(-0, 0)", fmin(-zero, zero) == 0 ? 0.0 : 1.0);
    show("ldexp(1, -1074)", ldexp(one, -1074));
    show("ldexp(1, -1075)", ldexp(one, -1075));
    show("ldexp(1.5, -1074)", ldexp(1.5, -1074));
    show("ldexp(DBL_MIN, 1023)", ldexp(mn, 1023));
    show("ldexp(1, 1024)", ldexp(one, 1024));
    show("scalbn(3, -1073)", scalbn(3.0, -1073));
    int e;
    double m = frexp(dmin * 5, &e);
    printf("frexp(5*2^-1074) = %a * 2^%d\n", m, e);
    m = frexp(-mn / 3, &e);
    printf("frexp(-DBL_MIN/3) = %a * 2^%d\n", m, e);
    printf("ilogb(2^-1074) %d ilogb(DBL_MIN) %d logb(1e-310) %g\n", ilogb(dmin), ilogb(mn),
           logb(1e-310 * one));
}

int main(void)
{
    nans();
    infinities();
    denormals();
    nextafters();
    return 0;
}
