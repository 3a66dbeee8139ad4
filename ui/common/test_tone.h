/* The test tone: a sine wave at a chosen pitch, the same on both channels,
 * standing in for a machine's sound device to prove the path from the
 * machine thread to the speakers (no machine emulates one yet). */
#ifndef CLARUS_UI_TEST_TONE_H
#define CLARUS_UI_TEST_TONE_H

#include <stddef.h>
#include <stdint.h>

/* The rate the tone is made at: the AWACS's usual 44.1 kHz, so that it goes
 * through the same rate conversion a machine's sound would. */
#define TEST_TONE_RATE 44100
/* A quarter of full scale (-12 dBFS): clearly audible, never harsh. */
#define TEST_TONE_AMPLITUDE  8192
#define TEST_TONE_DEFAULT_HZ 440.0
#define TEST_TONE_MIN_HZ     20.0
#define TEST_TONE_MAX_HZ     20000.0

typedef struct test_tone {
    double hz, rate;
    double phase; /* in cycles, 0 to 1 */
} test_tone;

void test_tone_init(test_tone *t, double hz, double rate);
/* Writes the next n stereo frames. */
void test_tone_fill(test_tone *t, int16_t *out, size_t n);

#endif
