/* Single-precision (float) arithmetic. FLT_EVAL_METHOD is 0 on both hosts,
 * so every float operation rounds to single precision (on PowerPC through the
 * single-precision instructions fadds/fmuls/fdivs and frsp). Results are
 * checked bit for bit: sums, products, quotients, square roots via Newton,
 * float<->double conversions (exact one way, rounded the other),
 * single-precision denormals and overflow to infinity. */
#include <float.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static float from_bits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static uint32_t h = 2166136261u;
static void feed(float f)
{
    uint32_t u = fbits(f);
    /* Canonicalize NaN: the payload is not portable. */
    if (f != f) u = 0x7fc00000u;
    h = (h ^ u) * 16777619u;
}

int main(void)
{
    /* Pseudo-random operands covering the whole exponent range. */
    uint32_t s = 1;
    unsigned ops = 0;
    for (int i = 0; i < 60000; i++) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        uint32_t t = s * 2654435761u;
        float a = from_bits(s & 0xbf7fffffu), b = from_bits((t & 0x807fffffu) | 0x3f000000u);
        if (i % 3 == 0) b = from_bits(t & 0x8fffffffu);
        if (a != a || b != b) continue;
        volatile float va = a, vb = b;
        feed(va + vb);
        feed(va - vb);
        feed(va * vb);
        if (vb != 0) feed(va / vb);
        double d = (double)va * (double)vb;
        feed((float)d);
        feed((float)((double)va / 3.0));
        ops += 6;
    }
    printf("random ops %u hash %08" PRIx32 "\n", ops, h);

    volatile float one = 1.0f, third = one / 3.0f, tenth = 0.1f;
    printf("1/3f %.9g (%08" PRIx32 ") as double %.17g\n", third, fbits(third), (double)third);
    float acc = 0;
    for (int i = 0; i < 100000; i++) acc += tenth;
    printf("0.1f x 1e5 = %.9g (%08" PRIx32 ")\n", acc, fbits(acc));
    float harm = 0;
    for (int i = 1; i <= 20000; i++) harm += 1.0f / (float)i;
    printf("harmonic float(2e4) %.9g\n", harm);

    /* Denormals and the edges of the range. */
    volatile float tiny = FLT_MIN, big = FLT_MAX;
    printf("FLT_MIN/2 %a  FLT_MIN/3 %a  FLT_MIN*FLT_EPSILON %a  denorm_min/2 %a\n", tiny / 2,
           tiny / 3, tiny * FLT_EPSILON, tiny * FLT_EPSILON / 2);
    printf("FLT_MAX*2 %g  FLT_MAX+FLT_MAX/2^25 %a  FLT_MAX+FLT_MAX/2^24 %g\n", big * 2,
           big + big / 33554432.0f, big + big / 16777216.0f);
    float d = tiny;
    int steps = 0;
    while (d != 0) {
        d /= 2;
        steps++;
    }
    printf("halvings of FLT_MIN to zero: %d\n", steps);
    for (int e = -150; e <= -120; e += 5) {
        volatile double dd = 1.0;
        for (int k = 0; k > e; k--) dd /= 2;
        dd *= 1.7;
        printf("(float)(1.7*2^%d) = %a\n", e, (float)dd);
    }

    /* Double to float rounding: halfway cases go to even. */
    static const double halfway[] = {1.0 + 0x1p-24,         1.0 + 0x3p-24, 1.0 + 0x1p-24 + 0x1p-50,
                                     -(1.0 + 0x1p-24),      16777217.0,    16777219.0,
                                     3.4028235677973366e38, 1e39,          -1e39};
    for (unsigned i = 0; i < sizeof halfway / sizeof halfway[0]; i++) {
        volatile double v = halfway[i];
        printf("(float)%.17g = %a\n", v, (float)v);
    }

    /* Newton square roots in float. */
    for (int k = 2; k < 50; k += 7) {
        float x = (float)k, r = x;
        for (int i = 0; i < 30; i++) r = 0.5f * (r + x / r);
        printf("sqrtf-newton(%d) %.9g %08" PRIx32 "\n", k, r, fbits(r));
    }
    return 0;
}
