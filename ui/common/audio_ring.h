/* A ring of interleaved stereo 16-bit frames that hands sound from one
 * producer thread (the machine thread) to one consumer thread (the audio
 * device's callback) without a lock: each side owns one index and only
 * reads the other's. Neither side waits, allocates or makes a system call,
 * so the audio callback can never be held up by the machine.
 *
 * Underrun (the device wants more than the ring holds): the missing frames
 * are silence and the underrun is counted. Overrun (the machine produces
 * faster than the device plays): the newest frames, the ones that do not
 * fit, are dropped and counted; the producer cannot drop the oldest, since
 * the read index belongs to the consumer. */
#ifndef CLARUS_UI_AUDIO_RING_H
#define CLARUS_UI_AUDIO_RING_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AUDIO_RING_CHANNELS 2

typedef struct audio_ring {
    int16_t *samples; /* capacity * AUDIO_RING_CHANNELS */
    size_t capacity;  /* frames, a power of two */
    /* Frame counts since the start, wrapping; the place in samples is
     * the count & (capacity - 1). write belongs to the producer, read to
     * the consumer. */
    atomic_size_t write, read;
    atomic_ulong underruns;      /* pops that came up short */
    atomic_ulong silence_frames; /* frames those pops filled with silence */
    atomic_ulong dropped_frames; /* frames pushes found no room for */
} audio_ring;

/* capacity_frames: a power of two, at least 2; false otherwise. */
bool audio_ring_init(audio_ring *r, size_t capacity_frames);
/* Neither side may use r after this. */
void audio_ring_clear(audio_ring *r);

/* Producer: stores up to n frames; returns how many fitted (the rest are
 * dropped and counted). */
size_t audio_ring_push(audio_ring *r, const int16_t *frames, size_t n);
/* Producer: frames that can be pushed now without a drop. */
size_t audio_ring_space(audio_ring *r);

/* Consumer: fills out with n frames; frames the ring did not hold are
 * silence. Returns how many were real. */
size_t audio_ring_pop(audio_ring *r, int16_t *out, size_t n);

/* Either side: frames waiting (a snapshot; the other side moves on). */
size_t audio_ring_fill(audio_ring *r);

#endif
