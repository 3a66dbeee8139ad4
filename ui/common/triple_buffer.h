/* A triple buffer that hands video frames from one producer thread (the
 * machine) to one consumer thread (the UI) without a lock: the producer
 * fills its back slot and swaps it with the middle one; the consumer swaps
 * its front slot with the middle one when a newer frame is there. Neither
 * side ever waits for the other, and each only touches the slot it holds,
 * so a frame is never read while it is written. */
#ifndef CLARUS_UI_TRIPLE_BUFFER_H
#define CLARUS_UI_TRIPLE_BUFFER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct tb_frame {
    uint32_t *pixels; /* 0x00RRGGBB, w * h, rows packed; NULL before the first frame */
    unsigned w, h;
    uint64_t seq; /* 1 for the first frame published, then counting up */
} tb_frame;

typedef struct triple_buffer {
    tb_frame slot[3];
    /* The middle slot's index, plus TB_FRESH while the consumer has not
     * taken it. Swapped atomically by both sides. */
    atomic_uint middle;
    unsigned back;  /* the producer's slot */
    unsigned front; /* the consumer's slot */
    uint64_t seq;   /* the producer's count */
} triple_buffer;

void tb_init(triple_buffer *tb);
/* Frees the pixels of all three slots; neither side may use tb after. */
void tb_clear(triple_buffer *tb);

/* Producer: publishes w x h pixels (taking ownership of the g_malloc'd
 * block), freeing whatever the slot held before. */
void tb_publish(triple_buffer *tb, uint32_t *pixels, unsigned w, unsigned h);

/* Consumer: whether a frame newer than the one it holds is waiting. */
bool tb_has_new(triple_buffer *tb);
/* Consumer: takes the newest frame when there is one and returns the
 * frame it now holds (pixels NULL before the first). It stays valid and
 * unchanged until the consumer's next tb_acquire. */
const tb_frame *tb_acquire(triple_buffer *tb);

#endif
