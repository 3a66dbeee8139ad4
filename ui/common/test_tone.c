#include "test_tone.h"

#include <math.h>

void test_tone_init(test_tone *t, double hz, double rate)
{
    t->hz = hz;
    t->rate = rate;
    t->phase = 0;
}

void test_tone_fill(test_tone *t, int16_t *out, size_t n)
{
    const double inc = t->hz / t->rate;
    for (size_t i = 0; i < n; i++) {
        int16_t v = (int16_t)lrint(TEST_TONE_AMPLITUDE * sin(2 * M_PI * t->phase));
        out[2 * i] = out[2 * i + 1] = v;
        t->phase += inc;
        if (t->phase >= 1) t->phase -= 1;
    }
}
