#include "triple_buffer.h"

#include <glib.h>

enum { TB_INDEX = 3u, TB_FRESH = 4u };

void tb_init(triple_buffer *tb)
{
    for (unsigned i = 0; i < 3; i++) tb->slot[i] = (tb_frame){0};
    tb->back = 0;
    atomic_init(&tb->middle, 1u);
    tb->front = 2;
    tb->seq = 0;
}

void tb_clear(triple_buffer *tb)
{
    for (unsigned i = 0; i < 3; i++) {
        g_free(tb->slot[i].pixels);
        tb->slot[i] = (tb_frame){0};
    }
}

void tb_publish(triple_buffer *tb, uint32_t *pixels, unsigned w, unsigned h)
{
    tb_frame *f = &tb->slot[tb->back];
    g_free(f->pixels);
    f->pixels = pixels;
    f->w = w;
    f->h = h;
    f->seq = ++tb->seq;
    /* Release: the frame's contents are visible to whoever takes the slot. */
    unsigned old = atomic_exchange_explicit(&tb->middle, tb->back | TB_FRESH, memory_order_acq_rel);
    tb->back = old & TB_INDEX;
}

bool tb_has_new(triple_buffer *tb)
{
    return (atomic_load_explicit(&tb->middle, memory_order_acquire) & TB_FRESH) != 0;
}

const tb_frame *tb_acquire(triple_buffer *tb)
{
    if (tb_has_new(tb)) {
        /* Acquire: the producer's writes to the slot happen before this. */
        unsigned old = atomic_exchange_explicit(&tb->middle, tb->front, memory_order_acq_rel);
        tb->front = old & TB_INDEX;
    }
    return &tb->slot[tb->front];
}
