/* The math library. Functions whose result IEEE 754 or C defines exactly
 * (sqrt, fmod, remainder, remquo, floor, ceil, trunc, round, rint, modf,
 * frexp, ldexp, scalbn, fabs, copysign, fdim, fmax, fmin, nextafter) are
 * compared bit for bit. The transcendental functions (exp, log, sin, pow,
 * ...) are not correctly rounded in glibc and the x86-64 build may pick
 * FMA-using variants at run time, so their results are printed to 12
 * significant digits and hashed after rounding away the last 12 bits: an
 * emulator error larger than an ulp or two shows, an honest last-bit
 * difference between two libm builds does not. Special cases (pow(0, -1),
 * log(0), atan2 of signed zeros, ...) are exact and printed in full. */
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

static uint64_t exact_hash, approx_hash;

static void exact(double d)
{
    uint64_t b = isnan(d) ? 0x7ff8000000000000ULL : bits(d);
    exact_hash = (exact_hash ^ b) * 0x100000001b3ULL;
    exact_hash ^= exact_hash >> 31;
}

static void approx(double d)
{
    uint64_t b = isnan(d) ? 0x7ff8000000000000ULL : bits(d);
    /* Round to 40 fraction bits (values are sign-magnitude; adding 2^11 to
     * the pattern rounds the magnitude). */
    if (!isinf(d) && !isnan(d)) b = (b + 0x800) & ~0xfffULL;
    approx_hash = (approx_hash ^ b) * 0x100000001b3ULL;
    approx_hash ^= approx_hash >> 31;
}

static void show(const char *what, double d)
{
    if (isnan(d))
        printf("%-22s nan\n", what);
    else
        printf("%-22s %.17g\n", what, d);
}

/* For results that are not exactly determined (see above). */
static void show_approx(const char *what, double d)
{
    if (isnan(d))
        printf("%-22s nan\n", what);
    else
        printf("%-22s ~%.12g\n", what, d);
}

typedef double (*fn1)(double);
static const struct {
    const char *name;
    fn1 f;
    double lo, hi;
} unary[] = {
    {"exp", exp, -700, 700},     {"exp2", exp2, -1000, 1000}, {"expm1", expm1, -5, 5},
    {"log", log, 1e-300, 1e300}, {"log2", log2, 1e-10, 1e10}, {"log10", log10, 1e-5, 1e5},
    {"log1p", log1p, -0.9, 10},  {"sin", sin, -100, 100},     {"cos", cos, -100, 100},
    {"tan", tan, -1.5, 1.5},     {"asin", asin, -1, 1},       {"acos", acos, -1, 1},
    {"atan", atan, -1e3, 1e3},   {"sinh", sinh, -20, 20},     {"cosh", cosh, -20, 20},
    {"tanh", tanh, -5, 5},       {"cbrt", cbrt, -1e9, 1e9},   {"erf", erf, -3, 3},
    {"erfc", erfc, -3, 9},       {"tgamma", tgamma, 0.1, 30}, {"lgamma", lgamma, 0.1, 100},
    {"asinh", asinh, -1e3, 1e3}, {"acosh", acosh, 1, 1e3},    {"atanh", atanh, -0.99, 0.99}};

static void transcendental(void)
{
    for (unsigned k = 0; k < sizeof unary / sizeof unary[0]; k++) {
        printf("%-6s", unary[k].name);
        for (int i = 0; i <= 400; i++) {
            double x = unary[k].lo + (unary[k].hi - unary[k].lo) * i / 400.0;
            if (unary[k].lo > 0 && unary[k].hi / unary[k].lo > 1e3) {
                /* Spread over the exponents, exactly computed. */
                int elo = ilogb(unary[k].lo), ehi = ilogb(unary[k].hi);
                x = ldexp(1 + (i % 16) / 16.0 + i / 1024.0, elo + (ehi - elo) * i / 400);
            }
            volatile double vx = x;
            double y = unary[k].f(vx);
            approx(y);
            if (i % 80 == 0) printf(" %.12g", y);
        }
        printf("\n");
    }
    for (int i = 0; i < 300; i++) {
        double x = 0.05 + i * 0.37, y = -20 + i * 0.13;
        approx(pow(x, y));
        approx(pow(-x, (double)(i % 7 - 3)));
        approx(atan2(y, x - 50));
        approx(hypot(x, y));
    }
    printf("pow(2, 0.5) %.12g pow(10, -3) %.12g pow(1.0001, 10000) %.12g atan2(1, -1) %.12g\n",
           pow(2, 0.5), pow(10, -3), pow(1.0001, 10000), atan2(1, -1));
    printf("approximate results hash %016" PRIx64 "\n", approx_hash);
}

static void exact_functions(void)
{
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 5000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double x = (double)(int64_t)s / 9.2233720368547758e18 * pow(2, (double)(i % 80 - 20));
        double y = (double)(int64_t)(s * 0x2545f4914f6cdd1dULL) / 9.2233720368547758e18 * 37;
        volatile double vx = x, vy = y;
        int q, e;
        double ip;
        exact(sqrt(fabs(vx)));
        if (vy != 0) {
            exact(fmod(vx, vy));
            exact(remainder(vx, vy));
            exact(remquo(vx, vy, &q));
            exact(q & 7);
        }
        exact(floor(vx));
        exact(ceil(vx));
        exact(trunc(vx));
        exact(round(vx));
        exact(rint(vx));
        exact(modf(vx, &ip));
        exact(ip);
        exact(frexp(vx, &e));
        exact(e);
        exact(ldexp(vx, i % 200 - 100));
        exact(scalbn(vy, -(i % 1100)));
        exact(fdim(vx, vy));
        exact(fmax(vx, vy));
        exact(fmin(vx, vy));
        exact(copysign(vx, vy));
        exact(nextafter(vx, vy));
        exact(sqrtf((float)fabs(vy)));
    }
    printf("exact results hash %016" PRIx64 "\n", exact_hash);
    static const double xs[] = {2.0, 3.0, 10.0, 1e-300, 1e300, 0.5, 1e16 + 2, 123.456};
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        volatile double x = xs[i];
        int e;
        double ip, m = frexp(x, &e), f = modf(x * 1.5, &ip);
        printf("sqrt(%g) = %a  frexp = %a * 2^%d  modf(%g) = %a + %a  fmod(x, 0.7) = %a  "
               "remainder(x, 0.7) = %a\n",
               x, sqrt(x), m, e, x * 1.5, ip, f, fmod(x, 0.7), remainder(x, 0.7));
    }
}

static void specials(void)
{
    volatile double z = 0.0, one = 1.0, inf = INFINITY;
    show("pow(0, -1)", pow(z, -one));
    show("pow(-0, -1)", pow(-z, -one));
    show("pow(-0, -2)", pow(-z, -2));
    show("pow(-1, inf)", pow(-one, inf));
    show("pow(1, nan)", pow(one, NAN));
    show("pow(nan, 0)", pow(NAN, z));
    show("pow(-8, 1/3)", pow(-8, one / 3));
    show("pow(-2, 3)", pow(-2 * one, 3));
    show("pow(2, 1024)", pow(2 * one, 1024));
    show("pow(2, -1074)", pow(2 * one, -1074));
    show("pow(0.5, -inf)", pow(0.5 * one, -inf));
    show("log(0)", log(z));
    show("log(-0)", log(-z));
    show("log(1)", log(one));
    show("log(inf)", log(inf));
    show("exp(-inf)", exp(-inf));
    show("exp(-746)", exp(-746 * one));
    show_approx("exp(709.78)", exp(709.78 * one));
    show("exp(0)", exp(z));
    show("atan2(0, -0)", atan2(z, -z));
    show("atan2(-0, -0)", atan2(-z, -z));
    show("atan2(-0, 1)", atan2(-z, one));
    show("atan2(inf, -inf)", atan2(inf, -inf));
    show("sin(-0)", sin(-z));
    show("cos(inf)", cos(inf));
    show("sqrt(-0)", sqrt(-z));
    show("sqrt(inf)", sqrt(inf));
    show("sqrt(-1)", sqrt(-one));
    show("hypot(inf, nan)", hypot(inf, NAN));
    show_approx("hypot(3e300, 4e300)", hypot(3e300 * one, 4e300));
    show("hypot(3e-320, 4e-320)", hypot(3e-320 * one, 4e-320));
    show("fmod(5.5, inf)", fmod(5.5 * one, inf));
    show("fmod(-5.5, 2)", fmod(-5.5 * one, 2));
    show("fmod(1e300, 3)", fmod(1e300 * one, 3));
    show("remainder(5.5, 2)", remainder(5.5 * one, 2));
    show("remainder(-7.5, 2)", remainder(-7.5 * one, 2));
    show_approx("tgamma(0.5)^2", tgamma(0.5 * one) * tgamma(0.5 * one));
    show("tgamma(-0)", tgamma(-z));
    show_approx("tgamma(171)", tgamma(171 * one));
    show("tgamma(172)", tgamma(172 * one));
    show("lgamma(1)", lgamma(one));
    show_approx("cbrt(-27)", cbrt(-27 * one));
    show("floor(-0.5)", floor(-0.5 * one));
    show("ceil(-0.5)", ceil(-0.5 * one));
    show("round(-0.5)", round(-0.5 * one));
    show("trunc(-0.7)", trunc(-0.7 * one));
    show("ldexp(0x1p-1022, -52)", ldexp(DBL_MIN * one, -52));
    show("sqrt(DBL_MAX)", sqrt(DBL_MAX * one));
    show("sqrt(DBL_MIN/4)", sqrt(DBL_MIN * one / 4));
    show("sqrtf(2)", sqrtf(2.0f * (float)one));
    show_approx("powf(3, 0.5)", powf(3.0f, 0.5f * (float)one));
    show_approx("expf(1)", expf((float)one));
    show_approx("logf(10)", logf(10.0f * (float)one));
}

int main(void)
{
    transcendental();
    exact_functions();
    specials();
    return 0;
}
