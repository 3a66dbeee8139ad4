/* Floating-point exception flags (fenv.h): which of inexact, underflow,
 * overflow, divide-by-zero and invalid each operation raises, that the flags
 * are sticky and cleared only by feclearexcept, feraiseexcept,
 * fegetexceptflag/fesetexceptflag, feholdexcept/feupdateenv and
 * fegetenv/fesetenv. Underflow is only ever provoked by results that are
 * tiny both before and after rounding, because IEEE 754 lets x86 (after
 * rounding) and PowerPC (before rounding) detect tininess differently.
 * Comparisons involving NaN are left out: GCC's PowerPC code uses the quiet
 * compare for <, so whether it raises invalid differs from x86. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>

static volatile double one = 1.0, two = 2.0, three = 3.0, zero = 0.0, big = DBL_MAX,
                       small = DBL_MIN, inf = INFINITY, qnan = NAN, r;
static volatile float fr;

static void flags(const char *what, int mask)
{
    int f = fetestexcept(mask);
    printf("%-34s", what);
    if (f & FE_INVALID) printf(" invalid");
    if (f & FE_DIVBYZERO) printf(" divbyzero");
    if (f & FE_OVERFLOW) printf(" overflow");
    if (f & FE_UNDERFLOW) printf(" underflow");
    if (f & FE_INEXACT) printf(" inexact");
    if (!f) printf(" none");
    printf("\n");
}

#define OP(desc, expr)                                                                             \
    do {                                                                                           \
        feclearexcept(FE_ALL_EXCEPT);                                                              \
        expr;                                                                                      \
        flags(desc, FE_ALL_EXCEPT);                                                                \
    } while (0)

/* Library functions: only the flags the standard specifies are looked at. */
#define LIB(desc, expr, mask)                                                                      \
    do {                                                                                           \
        feclearexcept(FE_ALL_EXCEPT);                                                              \
        expr;                                                                                      \
        flags(desc, mask);                                                                         \
    } while (0)

int main(void)
{
    OP("2+2", r = two + two);
    OP("1/3", r = one / three);
    OP("1/0", r = one / zero);
    OP("-1/0", r = -one / zero);
    OP("0/0", r = zero / zero);
    OP("inf-inf", r = inf - inf);
    OP("0*inf", r = zero * inf);
    OP("inf/inf", r = inf / inf);
    OP("DBL_MAX*2", r = big * two);
    OP("DBL_MAX+DBL_MAX/2^54 (rounds down)", r = big + big / 0x1p54);
    OP("DBL_MAX+DBL_MAX/2^52 (overflows)", r = big + big / 0x1p52);
    OP("inf*2 (exact)", r = inf * two);
    OP("-inf+1e308", r = -inf + 1e308);
    OP("-DBL_MAX*3", r = -big * three);
    OP("DBL_MIN/3 (tiny, inexact)", r = small / three);
    OP("DBL_MIN/2 (tiny, exact)", r = small / two);
    OP("DBL_MIN*DBL_MIN", r = small * small);
    OP("DBL_MIN*0.25 (exact)", r = small * 0.25);
    OP("2^-1074/2", r = (small / 4503599627370496.0) / two);
    OP("1e-310*1e-10", r = 1e-310 * one * 1e-10);
    OP("DBL_MIN-DBL_MIN", r = small - small);
    OP("1+2^-53 (tie to even)", r = one + 0x1p-53);
    OP("1+2^-52", r = one + 0x1p-52);
    OP("0.1+0.2", r = 0.1 * one + 0.2);
    OP("3*(1/3)", r = three * (one / three));
    OP("(float)1e-40", fr = (float)(1e-40 * one));
    OP("(float)0.5 (exact)", fr = (float)(0.5 * one));
    OP("(float)0.1", fr = (float)(0.1 * one));
    OP("(float)1e39", fr = (float)(1e39 * one));
    OP("(float)FLT_MIN/2 (tiny, exact)", fr = (float)(FLT_MIN * one / 2));
    OP("float 1e38f*10", fr = (float)(1e38 * one) * 10.0f);
    OP("float 1/3", fr = (float)one / 3.0f);
    OP("-(0/0)", r = -(zero / zero));
    OP("nan+1 (quiet NaN operand)", r = qnan + one);
    OP("nan*0", r = qnan * zero);
    OP("isless(nan, 1)", r = isless(qnan, one));

    LIB("sqrt(-1) [invalid]", r = sqrt(-one), FE_INVALID);
    LIB("sqrt(4) [all]", r = sqrt(4 * one), FE_ALL_EXCEPT);
    LIB("sqrt(2) [inexact]", r = sqrt(two), FE_INEXACT);
    LIB("log(0) [divbyzero]", r = log(zero), FE_DIVBYZERO | FE_INVALID);
    LIB("log(-1) [invalid]", r = log(-one), FE_DIVBYZERO | FE_INVALID);
    LIB("exp(1000) [overflow]", r = exp(1000 * one), FE_OVERFLOW | FE_INVALID | FE_DIVBYZERO);
    LIB("exp(-1000) [underflow]", r = exp(-1000 * one), FE_UNDERFLOW | FE_INVALID);
    LIB("fmod(1, 0) [invalid]", r = fmod(one, zero), FE_INVALID);
    LIB("pow(0, -1) [divbyzero]", r = pow(zero, -one), FE_DIVBYZERO | FE_INVALID);
    LIB("floor(2.5) [invalid|divbyzero]", r = floor(2.5 * one), FE_INVALID | FE_DIVBYZERO);

    /* Sticky: flags accumulate until cleared. */
    feclearexcept(FE_ALL_EXCEPT);
    r = one / three;
    r = one / zero;
    r = two + two;
    flags("sticky 1/3, 1/0, 2+2", FE_ALL_EXCEPT);
    feclearexcept(FE_INEXACT);
    flags("after clearing inexact", FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    flags("after clearing all", FE_ALL_EXCEPT);

    /* feraiseexcept, one flag at a time. */
    static const int each[] = {FE_INVALID, FE_DIVBYZERO, FE_OVERFLOW, FE_UNDERFLOW, FE_INEXACT};
    static const char *names[] = {"invalid", "divbyzero", "overflow", "underflow", "inexact"};
    for (int i = 0; i < 5; i++) {
        char buf[40];
        feclearexcept(FE_ALL_EXCEPT);
        int rc = feraiseexcept(each[i]);
        snprintf(buf, sizeof buf, "feraiseexcept(%s) rc %d", names[i], rc);
        flags(buf, FE_ALL_EXCEPT);
    }

    /* Saving and restoring flags. */
    fexcept_t saved;
    feclearexcept(FE_ALL_EXCEPT);
    r = one / zero;
    r = one / three;
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    r = zero / zero;
    flags("before fesetexceptflag", FE_ALL_EXCEPT);
    fesetexceptflag(&saved, FE_DIVBYZERO | FE_INEXACT);
    flags("after fesetexceptflag(divbyzero|inexact)", FE_ALL_EXCEPT);

    /* feholdexcept clears the flags and saves them; feupdateenv restores the
     * saved ones and raises the ones raised since. */
    fenv_t env;
    feclearexcept(FE_ALL_EXCEPT);
    r = one / zero;
    feholdexcept(&env);
    flags("inside feholdexcept", FE_ALL_EXCEPT);
    fesetround(FE_UPWARD);
    r = one / three;
    flags("inside, after 1/3", FE_ALL_EXCEPT);
    printf("rounding inside hold: upward %d\n", fegetround() == FE_UPWARD);
    feupdateenv(&env);
    flags("after feupdateenv", FE_ALL_EXCEPT);
    printf("rounding after feupdateenv: nearest %d\n", fegetround() == FE_TONEAREST);

    /* fegetenv/fesetenv and the default environment. */
    fesetround(FE_DOWNWARD);
    feclearexcept(FE_ALL_EXCEPT);
    r = big * two;
    fegetenv(&env);
    fesetenv(FE_DFL_ENV);
    flags("after fesetenv(FE_DFL_ENV)", FE_ALL_EXCEPT);
    printf("default rounding nearest %d\n", fegetround() == FE_TONEAREST);
    r = big * two;
    printf("DBL_MAX*2 in default mode: %g\n", r);
    fesetenv(&env);
    flags("after fesetenv(saved)", FE_ALL_EXCEPT);
    printf("saved rounding downward %d\n", fegetround() == FE_DOWNWARD);
    r = big * two;
    printf("DBL_MAX*2 rounding downward: %g\n", r);
    fesetenv(FE_DFL_ENV);

    /* Flags raised inside a loop of ordinary arithmetic. */
    int inexact_count = 0;
    for (int i = 1; i <= 1000; i++) {
        feclearexcept(FE_ALL_EXCEPT);
        r = (double)i / 8.0 + (double)i / 5.0;
        if (fetestexcept(FE_INEXACT)) inexact_count++;
    }
    printf("i/8 + i/5 inexact for %d of 1000\n", inexact_count);
    return 0;
}
