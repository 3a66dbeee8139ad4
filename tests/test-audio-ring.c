/* The sound ring (ui/common/audio_ring.c): frames come out in the order
 * they went in, across the wrap, with silence and a count when the
 * consumer runs dry and a count of the frames dropped when the producer
 * finds it full; and with a producer and a consumer thread, every frame
 * arrives once, in order, intact. */
#include <glib.h>

#include "ui/common/audio_ring.h"

/* Frame k: left = low 15 bits of k, right = its complement, so a torn or
 * swapped frame shows. */
static void make_frame(int16_t *f, uint32_t k)
{
    f[0] = (int16_t)(k & 0x7fff);
    f[1] = (int16_t)(~k & 0x7fff);
}

static void test_bad_capacity(void)
{
    audio_ring r;
    g_assert_false(audio_ring_init(&r, 0));
    g_assert_false(audio_ring_init(&r, 1));
    g_assert_false(audio_ring_init(&r, 1000));
    g_assert_true(audio_ring_init(&r, 1024));
    audio_ring_clear(&r);
}

static void test_order_and_wrap(void)
{
    audio_ring r;
    g_assert_true(audio_ring_init(&r, 8));
    g_assert_cmpuint(audio_ring_fill(&r), ==, 0);
    g_assert_cmpuint(audio_ring_space(&r), ==, 8);
    int16_t in[16 * 2], out[16 * 2];
    uint32_t next_in = 0, next_out = 0;
    /* Blocks of 5 in, 5 out: the place in the ring wraps every 8 frames,
     * so blocks straddle the end at every offset. */
    for (unsigned round = 0; round < 40; round++) {
        for (unsigned i = 0; i < 5; i++) make_frame(in + 2 * i, next_in++);
        g_assert_cmpuint(audio_ring_push(&r, in, 5), ==, 5);
        g_assert_cmpuint(audio_ring_fill(&r), ==, 5);
        g_assert_cmpuint(audio_ring_space(&r), ==, 3);
        g_assert_cmpuint(audio_ring_pop(&r, out, 5), ==, 5);
        for (unsigned i = 0; i < 5; i++) {
            int16_t want[2];
            make_frame(want, next_out++);
            g_assert_cmpint(out[2 * i], ==, want[0]);
            g_assert_cmpint(out[2 * i + 1], ==, want[1]);
        }
    }
    g_assert_cmpuint(atomic_load(&r.underruns), ==, 0);
    g_assert_cmpuint(atomic_load(&r.dropped_frames), ==, 0);
    audio_ring_clear(&r);
}

static void test_underrun(void)
{
    audio_ring r;
    g_assert_true(audio_ring_init(&r, 16));
    int16_t in[3 * 2], out[10 * 2];
    for (unsigned i = 0; i < 3; i++) make_frame(in + 2 * i, 100 + i);
    audio_ring_push(&r, in, 3);
    for (unsigned i = 0; i < G_N_ELEMENTS(out); i++) out[i] = 0x5555;
    /* Three real frames, then seven of silence. */
    g_assert_cmpuint(audio_ring_pop(&r, out, 10), ==, 3);
    g_assert_cmpint(out[4], ==, 102);
    for (unsigned i = 3 * 2; i < 10 * 2; i++) g_assert_cmpint(out[i], ==, 0);
    g_assert_cmpuint(atomic_load(&r.underruns), ==, 1);
    g_assert_cmpuint(atomic_load(&r.silence_frames), ==, 7);
    /* Empty: all silence, one more underrun. */
    g_assert_cmpuint(audio_ring_pop(&r, out, 4), ==, 0);
    g_assert_cmpuint(atomic_load(&r.underruns), ==, 2);
    g_assert_cmpuint(atomic_load(&r.silence_frames), ==, 11);
    /* A pop the ring can fill is no underrun. */
    audio_ring_push(&r, in, 3);
    g_assert_cmpuint(audio_ring_pop(&r, out, 3), ==, 3);
    g_assert_cmpuint(atomic_load(&r.underruns), ==, 2);
    audio_ring_clear(&r);
}

static void test_overrun_drops_newest(void)
{
    audio_ring r;
    g_assert_true(audio_ring_init(&r, 4));
    int16_t in[6 * 2], out[4 * 2];
    for (unsigned i = 0; i < 6; i++) make_frame(in + 2 * i, i);
    g_assert_cmpuint(audio_ring_push(&r, in, 6), ==, 4);
    g_assert_cmpuint(atomic_load(&r.dropped_frames), ==, 2);
    g_assert_cmpuint(audio_ring_space(&r), ==, 0);
    /* Full: the next push drops everything. */
    g_assert_cmpuint(audio_ring_push(&r, in, 1), ==, 0);
    g_assert_cmpuint(atomic_load(&r.dropped_frames), ==, 3);
    /* What is kept is the oldest: frames 0 to 3. */
    g_assert_cmpuint(audio_ring_pop(&r, out, 4), ==, 4);
    for (unsigned i = 0; i < 4; i++) g_assert_cmpint(out[2 * i], ==, (int)i);
    audio_ring_clear(&r);
}

/* Two threads: the producer pushes numbered frames in blocks of varying
 * size, retrying what did not fit (so nothing is dropped); the consumer
 * pops blocks of another varying size and checks each real frame is the
 * next number. Underruns happen (the consumer is often faster) and are
 * only silence, never a skipped or repeated frame. */
enum { THREAD_FRAMES = 2000000 };

static gpointer producer(gpointer data)
{
    audio_ring *r = data;
    int16_t block[97 * 2];
    uint32_t k = 0;
    unsigned size = 1;
    while (k < THREAD_FRAMES) {
        size = size % 97 + 1;
        unsigned n = THREAD_FRAMES - k < size ? THREAD_FRAMES - k : size;
        for (unsigned i = 0; i < n; i++) make_frame(block + 2 * i, k + i);
        unsigned done = 0;
        while (done < n) {
            size_t space = audio_ring_space(r);
            if (space == 0) {
                g_thread_yield();
                continue;
            }
            size_t want = n - done < space ? n - done : space;
            g_assert_cmpuint(audio_ring_push(r, block + 2 * done, want), ==, want);
            done += (unsigned)want;
        }
        k += n;
    }
    return NULL;
}

static void test_threads(void)
{
    audio_ring r;
    g_assert_true(audio_ring_init(&r, 256));
    GThread *t = g_thread_new("producer", producer, &r);
    int16_t out[61 * 2];
    uint32_t next = 0;
    unsigned size = 1;
    while (next < THREAD_FRAMES) {
        size = size % 61 + 1;
        size_t got = audio_ring_pop(&r, out, size);
        for (size_t i = 0; i < got; i++) {
            int16_t want[2];
            make_frame(want, next);
            if (out[2 * i] != want[0] || out[2 * i + 1] != want[1])
                g_error("frame %u: got %d,%d, wanted %d,%d", next, out[2 * i], out[2 * i + 1],
                        want[0], want[1]);
            next++;
        }
        for (size_t i = got * 2; i < size * 2; i++) g_assert_cmpint(out[i], ==, 0);
    }
    g_thread_join(t);
    g_assert_cmpuint(audio_ring_fill(&r), ==, 0);
    g_assert_cmpuint(atomic_load(&r.dropped_frames), ==, 0);
    g_test_message("underruns: %lu (%lu frames of silence)", atomic_load(&r.underruns),
                   atomic_load(&r.silence_frames));
    audio_ring_clear(&r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/audio-ring/bad-capacity", test_bad_capacity);
    g_test_add_func("/audio-ring/order-and-wrap", test_order_and_wrap);
    g_test_add_func("/audio-ring/underrun", test_underrun);
    g_test_add_func("/audio-ring/overrun-drops-newest", test_overrun_drops_newest);
    g_test_add_func("/audio-ring/threads", test_threads);
    return g_test_run();
}
