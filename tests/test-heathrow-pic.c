/* Heathrow interrupt controller unit tests, through its little-endian
 * registers as mapped at mac-io +0x00. */
#include <glib.h>

#include "core/device.h"
#include "core/memmap.h"
#include "core/state.h"
#include "machines/dev/heathrow_pic.h"

#define BASE 0xf3000000u
/* Bank registers: sources 0-31 at +0x20, 32-63 at +0x10. */
#define EVENTS(hi) ((hi) ? 0x10u : 0x20u)
#define ENABLE(hi) ((hi) ? 0x14u : 0x24u)
#define ACK(hi)    ((hi) ? 0x18u : 0x28u)
#define LEVEL(hi)  ((hi) ? 0x1cu : 0x2cu)

typedef struct fixture {
    sched s;
    mm_space *mm;
    heathrow_pic *pic;
    bool cpu_int;
} fixture;

static void cpu_pin(void *opaque, unsigned n, bool level)
{
    fixture *f = opaque;
    (void)n;
    f->cpu_int = level;
}

static void fx_init(fixture *f)
{
    memset(f, 0, sizeof(*f));
    sched_init(&f->s);
    f->mm = mm_create(32);
    g_assert_nonnull(f->mm);
    device_env env = {.bus = f->mm, .sched = &f->s};
    f->pic = heathrow_pic_create(&env, "pic");
    g_assert_nonnull(f->pic);
    heathrow_pic_connect_cpu(f->pic, irq_line_make(cpu_pin, f, 0));
    const device_mmio *w = heathrow_pic_mmio(f->pic);
    g_assert_cmpuint(w->size, ==, 0x40);
    g_assert_cmpint(mm_add_mmio(f->mm, "pic", BASE, w->size, w->ops, w->opaque), >=, 0);
    mm_commit(f->mm);
    device_reset(heathrow_pic_device(f->pic), RESET_POWER_ON);
}

static void fx_done(fixture *f)
{
    device_destroy(heathrow_pic_device(f->pic));
    mm_destroy(f->mm);
}

static uint32_t rd(fixture *f, uint32_t off)
{
    return __builtin_bswap32(mm_read(f->mm, BASE + off, 4));
}

static void wr(fixture *f, uint32_t off, uint32_t v)
{
    mm_write(f->mm, BASE + off, __builtin_bswap32(v), 4);
}

static void set_line(fixture *f, unsigned n, bool level)
{
    irq_line l = heathrow_pic_input(f->pic, n);
    irq_set(&l, level);
}

static void test_reset_state(void)
{
    fixture f;
    fx_init(&f);
    for (int hi = 0; hi < 2; hi++) {
        g_assert_cmphex(rd(&f, EVENTS(hi)), ==, 0);
        g_assert_cmphex(rd(&f, ENABLE(hi)), ==, 0);
        g_assert_cmphex(rd(&f, LEVEL(hi)), ==, 0);
        g_assert_cmphex(rd(&f, ACK(hi)), ==, 0);
    }
    g_assert_false(f.cpu_int);
    fx_done(&f);
}

static void test_edge_source(void)
{
    fixture f;
    fx_init(&f);
    /* Source 18 (VIA-CUDA on Heathrow) is edge-triggered. */
    wr(&f, ENABLE(0), 1u << 18);
    set_line(&f, 18, true);
    g_assert_cmphex(rd(&f, LEVEL(0)), ==, 1u << 18);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, 1u << 18);
    g_assert_true(f.cpu_int);
    /* The latch outlives the wire; ack clears it. */
    set_line(&f, 18, false);
    g_assert_cmphex(rd(&f, LEVEL(0)), ==, 0);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, 1u << 18);
    g_assert_true(f.cpu_int);
    wr(&f, ACK(0), 1u << 18);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, 0);
    g_assert_false(f.cpu_int);
    /* A wire held up does not latch again after the ack. */
    set_line(&f, 18, true);
    wr(&f, ACK(0), 1u << 18);
    set_line(&f, 18, true);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, 0);
    g_assert_false(f.cpu_int);
    fx_done(&f);
}

static void test_mask(void)
{
    fixture f;
    fx_init(&f);
    /* A rising edge on a disabled source is not latched, and enabling a
     * source whose wire is already up does not set its event bit (Linux
     * pic.c re-triggers such sources in software). */
    set_line(&f, 5, true);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, 0);
    wr(&f, ENABLE(0), 1u << 5);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, 0);
    g_assert_false(f.cpu_int);
    set_line(&f, 5, false);
    set_line(&f, 5, true);
    g_assert_true(f.cpu_int);
    /* Disabling hides a latched event from the CPU without clearing it. */
    wr(&f, ENABLE(0), 0);
    g_assert_false(f.cpu_int);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, 1u << 5);
    wr(&f, ENABLE(0), 1u << 5);
    g_assert_true(f.cpu_int);
    /* Acking other bits leaves it alone. */
    wr(&f, ACK(0), ~(1u << 5));
    g_assert_true(f.cpu_int);
    wr(&f, ACK(0), 0xffffffff);
    g_assert_false(f.cpu_int);
    fx_done(&f);
}

static void test_level_source(void)
{
    fixture f;
    fx_init(&f);
    /* Sources 20-28 are level-triggered: the event bit follows the wire
     * and an ack does not clear it. */
    set_line(&f, 22, true);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, 1u << 22);
    g_assert_false(f.cpu_int); /* not enabled */
    wr(&f, ENABLE(0), 1u << 22);
    g_assert_true(f.cpu_int);
    wr(&f, ACK(0), 1u << 22);
    g_assert_true(f.cpu_int);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, 1u << 22);
    set_line(&f, 22, false);
    g_assert_false(f.cpu_int);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, 0);
    /* Source 19 and 29 are edge-triggered neighbours. */
    wr(&f, ENABLE(0), (1u << 19) | (1u << 29));
    set_line(&f, 19, true);
    set_line(&f, 29, true);
    set_line(&f, 19, false);
    set_line(&f, 29, false);
    g_assert_cmphex(rd(&f, EVENTS(0)), ==, (1u << 19) | (1u << 29));
    fx_done(&f);
}

static void test_high_bank(void)
{
    fixture f;
    fx_init(&f);
    /* Source 36 is bit 4 of the bank at +0x10 (edge-triggered). */
    wr(&f, ENABLE(1), 1u << 4);
    g_assert_cmphex(rd(&f, ENABLE(0)), ==, 0);
    set_line(&f, 36, true);
    g_assert_cmphex(rd(&f, LEVEL(1)), ==, 1u << 4);
    g_assert_cmphex(rd(&f, LEVEL(0)), ==, 0);
    g_assert_cmphex(rd(&f, EVENTS(1)), ==, 1u << 4);
    g_assert_true(f.cpu_int);
    set_line(&f, 36, false);
    g_assert_true(f.cpu_int);
    /* Acking the other bank does nothing. */
    wr(&f, ACK(0), 0xffffffff);
    g_assert_true(f.cpu_int);
    wr(&f, ACK(1), 1u << 4);
    g_assert_false(f.cpu_int);
    /* Bit 20 of the high bank (source 52) is edge, not level. */
    wr(&f, ENABLE(1), 1u << 20);
    set_line(&f, 52, true);
    wr(&f, ACK(1), 1u << 20);
    g_assert_false(f.cpu_int);
    fx_done(&f);
}

static void test_byte_order(void)
{
    fixture f;
    fx_init(&f);
    /* A big-endian store of 0x12345678 is the LE word 0x78563412. */
    mm_write(f.mm, BASE + ENABLE(0), 0x12345678, 4);
    g_assert_cmphex(rd(&f, ENABLE(0)), ==, 0x78563412);
    /* Byte 0 of the register holds sources 0-7. */
    g_assert_cmphex(mm_read(f.mm, BASE + ENABLE(0), 1), ==, 0x12);
    g_assert_cmphex(mm_read(f.mm, BASE + ENABLE(0) + 3, 1), ==, 0x78);
    mm_write(f.mm, BASE + ENABLE(0) + 1, 0xff, 1);
    g_assert_cmphex(rd(&f, ENABLE(0)), ==, 0x7856ff12);
    mm_write(f.mm, BASE + ENABLE(0) + 2, 0x0000, 2);
    g_assert_cmphex(rd(&f, ENABLE(0)), ==, 0x0000ff12);
    /* Feature control is plain storage in the same window. */
    wr(&f, 0x38, 0xdeadbeef);
    g_assert_cmphex(rd(&f, 0x38), ==, 0xdeadbeef);
    g_assert_cmphex(rd(&f, 0x00), ==, 0);
    fx_done(&f);
}

static void test_save_load(void)
{
    fixture a, b;
    fx_init(&a);
    fx_init(&b);
    wr(&a, ENABLE(0), (1u << 3) | (1u << 24));
    wr(&a, ENABLE(1), 1u << 7);
    set_line(&a, 3, true);
    set_line(&a, 24, true);
    set_line(&a, 39, true);
    st_writer *w = st_writer_new();
    st_begin_chunk(w, "pic", 1);
    heathrow_pic_device(a.pic)->cls->save(heathrow_pic_device(a.pic), w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);
    st_reader *r = st_reader_new(img, len, NULL);
    g_assert_nonnull(r);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "pic", &ver));
    g_assert_true(heathrow_pic_device(b.pic)->cls->load(heathrow_pic_device(b.pic), r, ver));
    st_reader_free(r);
    g_free(img);
    for (int hi = 0; hi < 2; hi++) {
        g_assert_cmphex(rd(&b, EVENTS(hi)), ==, rd(&a, EVENTS(hi)));
        g_assert_cmphex(rd(&b, ENABLE(hi)), ==, rd(&a, ENABLE(hi)));
        g_assert_cmphex(rd(&b, LEVEL(hi)), ==, rd(&a, LEVEL(hi)));
    }
    /* The restored level source still behaves as one. */
    b.cpu_int = true;
    wr(&b, ACK(0), 0xffffffff);
    wr(&b, ACK(1), 0xffffffff);
    g_assert_true(b.cpu_int);
    set_line(&b, 24, false);
    g_assert_false(b.cpu_int);
    fx_done(&a);
    fx_done(&b);
}

static void test_bad_args(void)
{
    sched s;
    sched_init(&s);
    device_env env = {.sched = &s};
    g_assert_null(heathrow_pic_create(NULL, "x"));
    heathrow_pic *p = heathrow_pic_create(&env, NULL);
    g_assert_nonnull(p);
    irq_line none = heathrow_pic_input(p, 64);
    g_assert_null(none.set);
    const device_mmio *m = heathrow_pic_mmio(p);
    m->ops->write(m->opaque, 0x40, 0xffffffff, 4);
    m->ops->write(m->opaque, 0x27, 0xffff, 2); /* crosses the word end */
    g_assert_cmphex(m->ops->read(m->opaque, 0x24, 4), ==, 0x000000ff);
    g_assert_cmphex(m->ops->read(m->opaque, 0x40, 4), ==, 0);
    device_destroy(heathrow_pic_device(p));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/heathrow-pic/reset-state", test_reset_state);
    g_test_add_func("/heathrow-pic/edge-source", test_edge_source);
    g_test_add_func("/heathrow-pic/mask", test_mask);
    g_test_add_func("/heathrow-pic/level-source", test_level_source);
    g_test_add_func("/heathrow-pic/high-bank", test_high_bank);
    g_test_add_func("/heathrow-pic/byte-order", test_byte_order);
    g_test_add_func("/heathrow-pic/save-load", test_save_load);
    g_test_add_func("/heathrow-pic/bad-args", test_bad_args);
    return g_test_run();
}
