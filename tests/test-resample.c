/* Rate conversion (ui/common/resample.c) and the test tone
 * (ui/common/test_tone.c): the frame counts follow the rates, a stream cut
 * into blocks of any size comes out the same as in one piece, a tone keeps
 * its pitch, mono becomes both channels. */
#include <math.h>

#include <glib.h>

#include "ui/common/resample.h"
#include "ui/common/test_tone.h"

static void test_bad_init(void)
{
    resampler rs;
    g_assert_false(resampler_init(&rs, 0, 2, 48000));
    g_assert_false(resampler_init(&rs, 44100, 3, 48000));
    g_assert_false(resampler_init(&rs, 44100, 0, 48000));
    g_assert_false(resampler_init(&rs, 44100, 2, 0));
    g_assert_true(resampler_init(&rs, 22050, 1, 48000));
}

/* The same rate: frames pass through unchanged. */
static void test_same_rate(void)
{
    resampler rs;
    g_assert_true(resampler_init(&rs, 48000, 2, 48000));
    int16_t in[100 * 2], out[1000 * 2];
    for (int i = 0; i < 200; i++) in[i] = (int16_t)(i * 37 - 3000);
    size_t n = resampler_run(&rs, in, 60, out);
    n += resampler_run(&rs, in + 120, 40, out + n * 2);
    /* The last frame waits for the next block. */
    g_assert_cmpuint(n, ==, 99);
    for (size_t i = 0; i < n * 2; i++) g_assert_cmpint(out[i], ==, in[i]);
}

/* Frequency of a stereo stream's left channel by its rising zero
 * crossings, interpolated to a fraction of a frame. */
static double pitch(const int16_t *s, size_t frames, double rate)
{
    double first = -1, last = -1;
    unsigned n = 0;
    for (size_t i = 1; i < frames; i++) {
        int a = s[2 * (i - 1)], b = s[2 * i];
        if (a < 0 && b >= 0) {
            double at = (double)(i - 1) + (double)-a / (double)(b - a);
            if (first < 0) first = at;
            last = at;
            n++;
        }
    }
    return n > 1 ? (n - 1) * rate / (last - first) : 0;
}

static void test_tone_pitch_and_amplitude(void)
{
    enum { FRAMES = TEST_TONE_RATE };
    int16_t *s = g_new(int16_t, FRAMES * 2);
    test_tone t;
    test_tone_init(&t, 440, TEST_TONE_RATE);
    test_tone_fill(&t, s, FRAMES / 2);
    test_tone_fill(&t, s + FRAMES, FRAMES / 2);
    int peak = 0;
    for (size_t i = 0; i < FRAMES; i++) {
        g_assert_cmpint(s[2 * i], ==, s[2 * i + 1]);
        peak = MAX(peak, abs(s[2 * i]));
    }
    g_assert_cmpint(peak, >=, TEST_TONE_AMPLITUDE - 2);
    g_assert_cmpint(peak, <=, TEST_TONE_AMPLITUDE);
    g_assert_cmpfloat_with_epsilon(pitch(s, FRAMES, TEST_TONE_RATE), 440, 0.01);
    g_free(s);
}

/* 44.1 kHz to 48 kHz: the right number of frames, the same pitch, the same
 * output whatever the block sizes. */
static void test_44k_to_48k(void)
{
    enum { IN = 44100 * 2 };
    int16_t *in = g_new(int16_t, IN * 2);
    test_tone t;
    test_tone_init(&t, 1000, 44100);
    test_tone_fill(&t, in, IN);
    resampler whole, parts;
    g_assert_true(resampler_init(&whole, 44100, 2, 48000));
    g_assert_true(resampler_init(&parts, 44100, 2, 48000));
    int16_t *a = g_new(int16_t, resampler_max_out(&whole, IN) * 2);
    size_t na = resampler_run(&whole, in, IN, a);
    g_assert_cmpuint(na, <=, resampler_max_out(&whole, IN));
    g_assert_cmpint(labs((long)na - 96000), <=, 1);
    g_assert_cmpfloat_with_epsilon(pitch(a, na, 48000), 1000, 0.05);
    int16_t *b = g_new(int16_t, (na + 64) * 2);
    size_t nb = 0, done = 0, size = 1;
    while (done < IN) {
        size = size * 7 % 1031 + 1;
        size_t k = MIN(size, (size_t)IN - done);
        size_t got = resampler_run(&parts, in + done * 2, k, b + nb * 2);
        g_assert_cmpuint(got, <=, resampler_max_out(&parts, k));
        nb += got;
        done += k;
    }
    g_assert_cmpuint(nb, ==, na);
    for (size_t i = 0; i < na * 2; i++) g_assert_cmpint(a[i], ==, b[i]);
    g_free(in);
    g_free(a);
    g_free(b);
}

/* Mono at 22050 Hz: twice as many frames at 44100, the same on both
 * channels, each new frame halfway between its neighbours. */
static void test_mono_upsample(void)
{
    resampler rs;
    g_assert_true(resampler_init(&rs, 22050, 1, 44100));
    int16_t in[] = {0, 1000, -1000, 3000, 3000};
    int16_t out[16 * 2];
    size_t n = resampler_run(&rs, in, 5, out);
    g_assert_cmpuint(n, ==, 8);
    const int16_t want[] = {0, 500, 1000, 0, -1000, 1000, 3000, 3000};
    for (size_t i = 0; i < n; i++) {
        g_assert_cmpint(out[2 * i], ==, want[i]);
        g_assert_cmpint(out[2 * i + 1], ==, want[i]);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/resample/bad-init", test_bad_init);
    g_test_add_func("/resample/same-rate", test_same_rate);
    g_test_add_func("/resample/test-tone", test_tone_pitch_and_amplitude);
    g_test_add_func("/resample/44k-to-48k", test_44k_to_48k);
    g_test_add_func("/resample/mono-upsample", test_mono_upsample);
    return g_test_run();
}
