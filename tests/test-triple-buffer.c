/* The GTK front end's triple buffer (ui/common/triple_buffer.c): the
 * consumer always sees a whole frame, the newest one, and never one the
 * producer is writing. */
#include <glib.h>

#include "ui/common/triple_buffer.h"

static uint32_t *frame_of(uint32_t value, unsigned n)
{
    uint32_t *px = g_new(uint32_t, n);
    for (unsigned i = 0; i < n; i++) px[i] = value;
    return px;
}

static void test_single_thread(void)
{
    triple_buffer tb;
    tb_init(&tb);
    g_assert_false(tb_has_new(&tb));
    const tb_frame *f = tb_acquire(&tb);
    g_assert_null(f->pixels);
    tb_publish(&tb, frame_of(1, 4), 2, 2);
    g_assert_true(tb_has_new(&tb));
    f = tb_acquire(&tb);
    g_assert_false(tb_has_new(&tb));
    g_assert_cmpuint(f->seq, ==, 1);
    g_assert_cmpuint(f->w, ==, 2);
    g_assert_cmphex(f->pixels[3], ==, 1);
    /* Two frames before the consumer looks: it gets the newer. */
    tb_publish(&tb, frame_of(2, 6), 3, 2);
    tb_publish(&tb, frame_of(3, 6), 2, 3);
    f = tb_acquire(&tb);
    g_assert_cmpuint(f->seq, ==, 3);
    g_assert_cmpuint(f->h, ==, 3);
    g_assert_cmphex(f->pixels[5], ==, 3);
    /* Nothing new: the same frame again. */
    g_assert_true(tb_acquire(&tb) == f);
    /* The held frame stays unchanged while the producer goes on writing
     * the other two slots. */
    for (uint32_t v = 4; v < 10; v++) {
        tb_publish(&tb, frame_of(v, 6), 3, 2);
        g_assert_cmphex(f->pixels[0], ==, 3);
        g_assert_cmpuint(f->seq, ==, 3);
    }
    f = tb_acquire(&tb);
    g_assert_cmpuint(f->seq, ==, 9);
    g_assert_cmphex(f->pixels[0], ==, 9);
    tb_clear(&tb);
}

/* A producer publishing frames filled with their number while the consumer
 * checks that each frame it holds is uniform, matches its seq, stays the
 * same while held, and that seq never goes back. */
enum { FRAMES = 20000, PIXELS = 1024 };

static gpointer producer(gpointer data)
{
    triple_buffer *tb = data;
    for (uint32_t v = 1; v <= FRAMES; v++) tb_publish(tb, frame_of(v, PIXELS), 32, 32);
    return NULL;
}

static void test_threads(void)
{
    triple_buffer tb;
    tb_init(&tb);
    GThread *t = g_thread_new("producer", producer, &tb);
    uint64_t last = 0;
    while (last < FRAMES) {
        const tb_frame *f = tb_acquire(&tb);
        if (!f->pixels) continue;
        g_assert_cmpuint(f->seq, >=, last);
        last = f->seq;
        for (unsigned i = 0; i < PIXELS; i++) g_assert_cmpuint(f->pixels[i], ==, f->seq);
        /* Held: still the same after the producer had time to write more. */
        g_thread_yield();
        for (unsigned i = 0; i < PIXELS; i += 97) g_assert_cmpuint(f->pixels[i], ==, last);
    }
    g_thread_join(t);
    /* The newest frame is what the consumer holds in the end. */
    g_assert_cmpuint(last, ==, FRAMES);
    g_assert_false(tb_has_new(&tb));
    tb_clear(&tb);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/triple-buffer/single-thread", test_single_thread);
    g_test_add_func("/triple-buffer/threads", test_threads);
    return g_test_run();
}
