/* Rate conversion of 16-bit sound to the host's output rate, by linear
 * interpolation between neighbouring input frames (enough for a machine's
 * 22 or 44 kHz stream played at 48 kHz; no filtering). The input is mono or
 * interleaved stereo; the output is always stereo. The position between
 * input frames carries over from one block to the next, so a stream cut
 * into blocks of any size comes out the same. */
#ifndef CLARUS_UI_RESAMPLE_H
#define CLARUS_UI_RESAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct resampler {
    unsigned in_rate, out_rate, in_channels;
    uint64_t step; /* input frames per output frame, 32.32 fixed point */
    /* The next output frame's place, 32.32, counted from the last frame of
     * the previous block (index 0) */
    uint64_t pos;
    int16_t prev[2]; /* that frame */
    bool primed;     /* a block has been seen */
} resampler;

/* Rates in Hz (1 to 1000000), in_channels 1 or 2; false otherwise. */
bool resampler_init(resampler *rs, unsigned in_rate, unsigned in_channels, unsigned out_rate);

/* The most output frames resampler_run can make from in_frames. */
size_t resampler_max_out(const resampler *rs, size_t in_frames);

/* Converts in_frames frames of in into out (room for resampler_max_out
 * frames, stereo); returns the frames written. */
size_t resampler_run(resampler *rs, const int16_t *in, size_t in_frames, int16_t *out);

#endif
