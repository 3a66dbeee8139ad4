#include "audio_ring.h"

#include <stdlib.h>
#include <string.h>

bool audio_ring_init(audio_ring *r, size_t capacity_frames)
{
    memset(r, 0, sizeof *r);
    if (capacity_frames < 2 || (capacity_frames & (capacity_frames - 1)) != 0) return false;
    r->samples = calloc(capacity_frames * AUDIO_RING_CHANNELS, sizeof *r->samples);
    if (!r->samples) return false;
    r->capacity = capacity_frames;
    atomic_init(&r->write, 0);
    atomic_init(&r->read, 0);
    atomic_init(&r->underruns, 0);
    atomic_init(&r->silence_frames, 0);
    atomic_init(&r->dropped_frames, 0);
    return true;
}

void audio_ring_clear(audio_ring *r)
{
    free(r->samples);
    r->samples = NULL;
    r->capacity = 0;
}

/* Copies n frames between the ring at frame index `at` (wrapping) and the
 * flat buffer. */
static void copy_in(audio_ring *r, size_t at, const int16_t *src, size_t n)
{
    size_t i = at & (r->capacity - 1);
    size_t first = r->capacity - i < n ? r->capacity - i : n;
    memcpy(r->samples + i * AUDIO_RING_CHANNELS, src, first * AUDIO_RING_CHANNELS * sizeof *src);
    memcpy(r->samples, src + first * AUDIO_RING_CHANNELS,
           (n - first) * AUDIO_RING_CHANNELS * sizeof *src);
}

static void copy_out(const audio_ring *r, size_t at, int16_t *dst, size_t n)
{
    size_t i = at & (r->capacity - 1);
    size_t first = r->capacity - i < n ? r->capacity - i : n;
    memcpy(dst, r->samples + i * AUDIO_RING_CHANNELS, first * AUDIO_RING_CHANNELS * sizeof *dst);
    memcpy(dst + first * AUDIO_RING_CHANNELS, r->samples,
           (n - first) * AUDIO_RING_CHANNELS * sizeof *dst);
}

size_t audio_ring_space(audio_ring *r)
{
    size_t w = atomic_load_explicit(&r->write, memory_order_relaxed);
    /* Acquire: the consumer has finished reading the frames it gave back. */
    size_t rd = atomic_load_explicit(&r->read, memory_order_acquire);
    return r->capacity - (w - rd);
}

size_t audio_ring_push(audio_ring *r, const int16_t *frames, size_t n)
{
    size_t w = atomic_load_explicit(&r->write, memory_order_relaxed);
    size_t space = audio_ring_space(r);
    size_t k = n < space ? n : space;
    copy_in(r, w, frames, k);
    /* Release: the frames are in place before the consumer can see them. */
    atomic_store_explicit(&r->write, w + k, memory_order_release);
    if (k < n) atomic_fetch_add_explicit(&r->dropped_frames, n - k, memory_order_relaxed);
    return k;
}

size_t audio_ring_pop(audio_ring *r, int16_t *out, size_t n)
{
    size_t rd = atomic_load_explicit(&r->read, memory_order_relaxed);
    size_t w = atomic_load_explicit(&r->write, memory_order_acquire);
    size_t avail = w - rd;
    size_t k = n < avail ? n : avail;
    copy_out(r, rd, out, k);
    atomic_store_explicit(&r->read, rd + k, memory_order_release);
    if (k < n) {
        memset(out + k * AUDIO_RING_CHANNELS, 0, (n - k) * AUDIO_RING_CHANNELS * sizeof *out);
        atomic_fetch_add_explicit(&r->underruns, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&r->silence_frames, n - k, memory_order_relaxed);
    }
    return k;
}

size_t audio_ring_fill(audio_ring *r)
{
    size_t rd = atomic_load_explicit(&r->read, memory_order_acquire);
    size_t w = atomic_load_explicit(&r->write, memory_order_acquire);
    /* Read first: a write index read later is never behind it. A third
     * thread may see both sides move in between. */
    return w - rd < r->capacity ? w - rd : r->capacity;
}
