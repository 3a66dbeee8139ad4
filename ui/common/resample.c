#include "resample.h"

bool resampler_init(resampler *rs, unsigned in_rate, unsigned in_channels, unsigned out_rate)
{
    *rs = (resampler){0};
    if (in_rate == 0 || out_rate == 0 || in_rate > 1000000 || out_rate > 1000000) return false;
    if (in_channels != 1 && in_channels != 2) return false;
    rs->in_rate = in_rate;
    rs->out_rate = out_rate;
    rs->in_channels = in_channels;
    rs->step = ((uint64_t)in_rate << 32) / out_rate;
    return true;
}

size_t resampler_max_out(const resampler *rs, size_t in_frames)
{
    return (size_t)((uint64_t)in_frames * rs->out_rate / rs->in_rate) + 2;
}

/* Input frame i of the block, with -1 the previous block's last frame. */
static int16_t sample(const resampler *rs, const int16_t *in, size_t i, unsigned ch)
{
    unsigned c = rs->in_channels == 2 ? ch : 0;
    return i == 0 ? rs->prev[c] : in[(i - 1) * rs->in_channels + c];
}

size_t resampler_run(resampler *rs, const int16_t *in, size_t in_frames, int16_t *out)
{
    if (in_frames == 0) return 0;
    if (!rs->primed) {
        /* Start on the first frame itself, with no ramp from silence. */
        rs->primed = true;
        for (unsigned c = 0; c < rs->in_channels; c++) rs->prev[c] = in[c];
        rs->pos = (uint64_t)1 << 32;
    }
    size_t n = 0;
    /* Frames 0..in_frames in block terms; each output lies between frame i
     * and i + 1. */
    for (;;) {
        size_t i = (size_t)(rs->pos >> 32);
        if (i >= in_frames) break;
        int64_t frac = (int64_t)(rs->pos & 0xffffffffu);
        for (unsigned ch = 0; ch < 2; ch++) {
            int64_t a = sample(rs, in, i, ch), b = sample(rs, in, i + 1, ch);
            out[n * 2 + ch] = (int16_t)(a + (((b - a) * frac) >> 32));
        }
        n++;
        rs->pos += rs->step;
    }
    rs->pos -= (uint64_t)in_frames << 32;
    for (unsigned c = 0; c < rs->in_channels; c++)
        rs->prev[c] = in[(in_frames - 1) * rs->in_channels + c];
    return n;
}
