/* OpenPIC (KeyLargo MPIC) unit tests: the controller is mapped into a small
 * address space and driven through its little-endian registers, the way
 * Linux's mpic driver and OpenBIOS reach it. */
#include <glib.h>

#include "core/device.h"
#include "core/memmap.h"
#include "core/scheduler.h"
#include "core/state.h"
#include "machines/dev/openpic.h"

#define BASE       0x80040000u
#define TIMER_HZ   1000000u /* 1 us per tick */
#define VPR(n)     (0x10000u + 0x20u * (n))
#define DEST(n)    (0x10010u + 0x20u * (n))
#define TCCR(i)    (0x1100u + 0x40u * (i))
#define TBCR(i)    (0x1110u + 0x40u * (i))
#define TVPR(i)    (0x1120u + 0x40u * (i))
#define TDR(i)     (0x1130u + 0x40u * (i))
#define IPIVP(i)   (0x10a0u + 0x10u * (i))
#define IPIDISP(i) (0x20040u + 0x10u * (i))
#define CTPR       0x20080u
#define IACK       0x200a0u
#define EOI        0x200b0u
#define SPV        0x10e0u
#define SENSE      0x00400000u
#define MASK       0x80000000u
#define ACTIVITY   0x40000000u

typedef struct fixture {
    sched s;
    mm_space *mm;
    openpic *pic;
    bool cpu_int;
    unsigned int_edges;
} fixture;

static void cpu_pin(void *opaque, unsigned n, bool level)
{
    fixture *f = opaque;
    (void)n;
    if (level && !f->cpu_int) f->int_edges++;
    f->cpu_int = level;
}

static void fx_init(fixture *f)
{
    memset(f, 0, sizeof(*f));
    sched_init(&f->s);
    f->mm = mm_create(32);
    g_assert_nonnull(f->mm);
    device_env env = {.bus = f->mm, .sched = &f->s, .log = NULL, .machine = NULL};
    f->pic = openpic_create(&env, "mpic", 64, TIMER_HZ);
    g_assert_nonnull(f->pic);
    openpic_connect_cpu(f->pic, irq_line_make(cpu_pin, f, 0));
    const device_mmio *w = openpic_mmio(f->pic);
    g_assert_cmpuint(w->size, ==, 0x40000);
    g_assert_cmpint(mm_add_mmio(f->mm, "openpic", BASE, w->size, w->ops, w->opaque), >=, 0);
    mm_commit(f->mm);
    device_reset(openpic_device(f->pic), RESET_POWER_ON);
}

static void fx_done(fixture *f)
{
    device_destroy(openpic_device(f->pic));
    mm_destroy(f->mm);
}

/* The registers are little-endian: what the guest does with lwbrx/stwbrx. */
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
    irq_line l = openpic_input(f->pic, n);
    irq_set(&l, level);
}

/* Level-sensitive, priority prio, vector vec, routed to CPU 0. */
static void setup_source(fixture *f, unsigned n, unsigned prio, unsigned vec, bool level)
{
    wr(f, DEST(n), 1);
    wr(f, VPR(n), (level ? SENSE : 0) | (prio << 16) | vec);
}

static void test_identity(void)
{
    fixture f;
    fx_init(&f);
    /* 64 sources (NIRQ = 63), one CPU (NCPU = 0), spec revision 1.2. */
    g_assert_cmphex(rd(&f, 0x1000), ==, 0x003f0002);
    g_assert_cmphex(rd(&f, 0x1080), ==, 0);
    /* Reset values: sources masked, task priority 15, spurious 0xff,
     * timers inhibited, timer frequency reported. */
    g_assert_cmphex(rd(&f, VPR(5)), ==, MASK);
    g_assert_cmphex(rd(&f, CTPR), ==, 15);
    g_assert_cmphex(rd(&f, SPV), ==, 0xff);
    g_assert_cmphex(rd(&f, TBCR(2)), ==, 0x80000000);
    g_assert_cmphex(rd(&f, 0x10f0), ==, TIMER_HZ);
    g_assert_cmphex(rd(&f, 0x20090), ==, 0); /* WHO_AM_I */
    fx_done(&f);
}

static void test_byte_order(void)
{
    fixture f;
    fx_init(&f);
    /* A guest big-endian store of 0x12345678 lands as the LE word
     * 0x78563412: vector 0x12, priority 4, sense set, mask clear. */
    mm_write(f.mm, BASE + VPR(3), 0x12345678, 4);
    g_assert_cmphex(rd(&f, VPR(3)), ==, 0x78563412 & (MASK | 0x00c00000 | 0x000f00ff));
    g_assert_cmphex(rd(&f, VPR(3)) & 0xff, ==, 0x12);
    g_assert_cmphex((rd(&f, VPR(3)) >> 16) & 0xf, ==, 6);
    /* Written little-endian, it reads back little-endian, and the raw
     * bytes are in LE order on the bus. */
    wr(&f, SPV, 0x12345678);
    g_assert_cmphex(rd(&f, SPV), ==, 0x78);
    g_assert_cmphex(mm_read(f.mm, BASE + SPV, 1), ==, 0x78);
    g_assert_cmphex(mm_read(f.mm, BASE + SPV + 1, 1), ==, 0);
    wr(&f, 0x10f0, 0x12345678); /* TFRR keeps all 32 bits */
    g_assert_cmphex(mm_read(f.mm, BASE + 0x10f0, 4), ==, 0x78563412);
    g_assert_cmphex(mm_read(f.mm, BASE + 0x10f0, 2), ==, 0x7856);
    g_assert_cmphex(mm_read(f.mm, BASE + 0x10f2, 2), ==, 0x3412);
    fx_done(&f);
}

static void test_basic_delivery(void)
{
    fixture f;
    fx_init(&f);
    wr(&f, CTPR, 0);
    setup_source(&f, 10, 8, 0x2a, true);
    g_assert_false(f.cpu_int);
    set_line(&f, 10, true);
    g_assert_true(f.cpu_int);
    g_assert_cmphex(rd(&f, VPR(10)) & ACTIVITY, ==, ACTIVITY);
    g_assert_cmphex(rd(&f, IACK), ==, 0x2a);
    /* In service: INT drops even though the level is still asserted. */
    g_assert_false(f.cpu_int);
    g_assert_cmphex(rd(&f, IACK), ==, 0xff); /* nothing else: spurious */
    /* EOI with the line still high: the level source requests again. */
    wr(&f, EOI, 0);
    g_assert_true(f.cpu_int);
    g_assert_cmphex(rd(&f, IACK), ==, 0x2a);
    set_line(&f, 10, false);
    wr(&f, EOI, 0);
    g_assert_false(f.cpu_int);
    g_assert_cmphex(rd(&f, VPR(10)) & ACTIVITY, ==, 0);
    fx_done(&f);
}

static void test_mask_and_dest(void)
{
    fixture f;
    fx_init(&f);
    wr(&f, CTPR, 0);
    wr(&f, VPR(7), MASK | SENSE | (5 << 16) | 0x07);
    wr(&f, DEST(7), 1);
    set_line(&f, 7, true);
    g_assert_false(f.cpu_int); /* masked */
    wr(&f, VPR(7), SENSE | (5 << 16) | 0x07);
    g_assert_true(f.cpu_int);
    wr(&f, DEST(7), 0);
    g_assert_false(f.cpu_int); /* routed nowhere */
    g_assert_cmphex(rd(&f, IACK), ==, 0xff);
    wr(&f, DEST(7), 1);
    g_assert_true(f.cpu_int);
    /* Level drops before the acknowledge: the request is withdrawn. */
    set_line(&f, 7, false);
    g_assert_false(f.cpu_int);
    g_assert_cmphex(rd(&f, IACK), ==, 0xff);
    fx_done(&f);
}

static void test_priority_order(void)
{
    fixture f;
    fx_init(&f);
    wr(&f, CTPR, 0);
    setup_source(&f, 3, 4, 0x03, true);
    setup_source(&f, 40, 9, 0x28, true);
    setup_source(&f, 41, 9, 0x29, true);
    set_line(&f, 3, true);
    set_line(&f, 41, true);
    set_line(&f, 40, true);
    /* Highest priority first; equal priorities go to the lower source. */
    g_assert_cmphex(rd(&f, IACK), ==, 0x28);
    /* 41 has the same priority as the one in service: it waits. */
    g_assert_false(f.cpu_int);
    g_assert_cmphex(rd(&f, IACK), ==, 0xff);
    set_line(&f, 40, false);
    wr(&f, EOI, 0);
    g_assert_true(f.cpu_int);
    g_assert_cmphex(rd(&f, IACK), ==, 0x29);
    set_line(&f, 41, false);
    wr(&f, EOI, 0);
    g_assert_cmphex(rd(&f, IACK), ==, 0x03);
    set_line(&f, 3, false);
    wr(&f, EOI, 0);
    g_assert_false(f.cpu_int);
    fx_done(&f);
}

static void test_nesting(void)
{
    fixture f;
    fx_init(&f);
    wr(&f, CTPR, 0);
    setup_source(&f, 1, 3, 0x01, false); /* edge */
    setup_source(&f, 2, 12, 0x02, false);
    set_line(&f, 1, true);
    g_assert_cmphex(rd(&f, IACK), ==, 0x01);
    g_assert_false(f.cpu_int);
    /* A higher priority preempts the one in service. */
    set_line(&f, 2, true);
    g_assert_true(f.cpu_int);
    g_assert_cmphex(rd(&f, IACK), ==, 0x02);
    /* EOI retires the higher one first; the lower one is still in service
     * so its (new) edge waits for the second EOI. */
    set_line(&f, 1, false);
    set_line(&f, 1, true);
    wr(&f, EOI, 0);
    g_assert_false(f.cpu_int);
    wr(&f, EOI, 0);
    g_assert_true(f.cpu_int);
    g_assert_cmphex(rd(&f, IACK), ==, 0x01);
    wr(&f, EOI, 0);
    /* Edge sources are consumed by IACK: holding the wire high does not
     * request again. */
    g_assert_false(f.cpu_int);
    fx_done(&f);
}

static void test_task_priority(void)
{
    fixture f;
    fx_init(&f);
    setup_source(&f, 20, 6, 0x14, true);
    set_line(&f, 20, true);
    g_assert_false(f.cpu_int); /* CTPR 15 after reset */
    wr(&f, CTPR, 6);
    g_assert_false(f.cpu_int); /* must be strictly above */
    g_assert_cmphex(rd(&f, IACK), ==, 0xff);
    wr(&f, CTPR, 5);
    g_assert_true(f.cpu_int);
    wr(&f, CTPR, 10);
    g_assert_false(f.cpu_int);
    wr(&f, CTPR, 0);
    g_assert_true(f.cpu_int);
    /* Priority 0 never interrupts. */
    setup_source(&f, 21, 0, 0x15, true);
    set_line(&f, 20, false);
    set_line(&f, 21, true);
    g_assert_false(f.cpu_int);
    fx_done(&f);
}

static void test_spurious(void)
{
    fixture f;
    fx_init(&f);
    wr(&f, CTPR, 0);
    wr(&f, SPV, 0xbb);
    g_assert_cmphex(rd(&f, IACK), ==, 0xbb);
    /* The same registers through the global "this processor" view. */
    g_assert_cmphex(rd(&f, 0xa0), ==, 0xbb);
    wr(&f, 0x80, 3);
    g_assert_cmphex(rd(&f, CTPR), ==, 3);
    /* EOI with nothing in service is harmless. */
    wr(&f, EOI, 0);
    g_assert_false(f.cpu_int);
    fx_done(&f);
}

static void test_edge_latch(void)
{
    fixture f;
    fx_init(&f);
    wr(&f, CTPR, 0);
    wr(&f, DEST(9), 1);
    wr(&f, VPR(9), MASK | (7 << 16) | 0x09);
    /* A pulse while masked is latched and delivered on unmask. */
    set_line(&f, 9, true);
    set_line(&f, 9, false);
    g_assert_false(f.cpu_int);
    wr(&f, VPR(9), (7 << 16) | 0x09);
    g_assert_true(f.cpu_int);
    g_assert_cmphex(rd(&f, IACK), ==, 0x09);
    wr(&f, EOI, 0);
    g_assert_false(f.cpu_int);
    fx_done(&f);
}

static void test_ipi(void)
{
    fixture f;
    fx_init(&f);
    wr(&f, CTPR, 0);
    wr(&f, IPIVP(2), (14 << 16) | 0xfd);
    g_assert_cmphex(rd(&f, IPIVP(2)), ==, (14 << 16) | 0xfd);
    wr(&f, IPIDISP(2), 0); /* to no CPU */
    g_assert_false(f.cpu_int);
    wr(&f, IPIDISP(2), 1);
    g_assert_true(f.cpu_int);
    g_assert_cmphex(rd(&f, IACK), ==, 0xfd);
    wr(&f, EOI, 0);
    g_assert_false(f.cpu_int);
    fx_done(&f);
}

static void test_timer(void)
{
    fixture f;
    fx_init(&f);
    wr(&f, CTPR, 0);
    wr(&f, TVPR(1), (11 << 16) | 0xf1);
    wr(&f, TDR(1), 1);
    /* Base count 100 ticks (100 us), counting starts when CI clears. */
    wr(&f, TBCR(1), 0x80000000 | 100);
    sched_run_until(&f.s, 50 * SCHED_PS_PER_US);
    g_assert_cmphex(rd(&f, TCCR(1)), ==, 0); /* inhibited: not loaded */
    wr(&f, TBCR(1), 100);
    g_assert_cmphex(rd(&f, TCCR(1)), ==, 100);
    sched_run_until(&f.s, 80 * SCHED_PS_PER_US);
    g_assert_cmphex(rd(&f, TCCR(1)), ==, 70);
    g_assert_false(f.cpu_int);
    sched_run_until(&f.s, 149 * SCHED_PS_PER_US);
    g_assert_false(f.cpu_int);
    g_assert_cmphex(rd(&f, TCCR(1)), ==, 1);
    sched_run_until(&f.s, 150 * SCHED_PS_PER_US);
    g_assert_true(f.cpu_int);
    /* Reloaded, toggle bit flipped. */
    g_assert_cmphex(rd(&f, TCCR(1)), ==, 0x80000000 | 100);
    g_assert_cmphex(rd(&f, IACK), ==, 0xf1);
    wr(&f, EOI, 0);
    g_assert_false(f.cpu_int);
    /* The second period: toggle goes back to 0. */
    sched_run_until(&f.s, 250 * SCHED_PS_PER_US);
    g_assert_true(f.cpu_int);
    g_assert_cmphex(rd(&f, TCCR(1)), ==, 100);
    g_assert_cmphex(rd(&f, IACK), ==, 0xf1);
    wr(&f, EOI, 0);
    /* Inhibit freezes the count. */
    sched_run_until(&f.s, 290 * SCHED_PS_PER_US);
    wr(&f, TBCR(1), 0x80000000 | 100);
    sched_run_until(&f.s, 1000 * SCHED_PS_PER_US);
    g_assert_cmphex(rd(&f, TCCR(1)), ==, 60);
    g_assert_false(f.cpu_int);
    g_assert_cmpint(sched_next(&f.s), ==, SCHED_NEVER);
    fx_done(&f);
}

static void test_timer_masked_and_rebase(void)
{
    fixture f;
    fx_init(&f);
    wr(&f, CTPR, 0);
    wr(&f, TDR(0), 1);
    wr(&f, TVPR(0), MASK | (3 << 16) | 0x40);
    wr(&f, TBCR(0), 10);
    /* Only one scheduler event for the next expiry. */
    g_assert_cmpint(sched_next(&f.s), ==, 10 * SCHED_PS_PER_US);
    /* A new base while counting applies from the next reload. */
    sched_run_until(&f.s, 5 * SCHED_PS_PER_US);
    wr(&f, TBCR(0), 30);
    g_assert_cmphex(rd(&f, TCCR(0)), ==, 5);
    sched_run_until(&f.s, 10 * SCHED_PS_PER_US);
    g_assert_false(f.cpu_int); /* masked, but latched */
    g_assert_cmphex(rd(&f, TCCR(0)), ==, 0x80000000 | 30);
    g_assert_cmphex(rd(&f, TVPR(0)) & ACTIVITY, ==, 0);
    wr(&f, TVPR(0), (3 << 16) | 0x40);
    g_assert_true(f.cpu_int);
    g_assert_cmphex(rd(&f, TVPR(0)) & ACTIVITY, ==, ACTIVITY);
    g_assert_cmphex(rd(&f, IACK), ==, 0x40);
    wr(&f, EOI, 0);
    fx_done(&f);
}

/* A frequency that does not divide the picosecond: the interrupt comes on
 * the tick, never a tick early, and the count agrees with the event. */
static void test_timer_odd_hz(void)
{
    sched s;
    sched_init(&s);
    device_env env = {.sched = &s};
    openpic *p = openpic_create(&env, "mpic", 64, 4166666);
    g_assert_nonnull(p);
    const device_mmio *m = openpic_mmio(p);
#define PW(off, v) m->ops->write(m->opaque, (off), __builtin_bswap32(v), 4)
#define PR(off)    __builtin_bswap32(m->ops->read(m->opaque, (off), 4))
    fixture g = {0};
    openpic_connect_cpu(p, irq_line_make(cpu_pin, &g, 0));
    PW(CTPR, 0);
    PW(TVPR(2), (1 << 16) | 0x77);
    PW(TDR(2), 1);
    PW(TBCR(2), 41667); /* about 10 ms */
    sched_time due = sched_next(&s);
    g_assert_cmpint(due, ==, (41667LL * SCHED_PS_PER_SEC + 4166665) / 4166666);
    sched_run_until(&s, due - 1);
    g_assert_false(g.cpu_int);
    g_assert_cmphex(PR(TCCR(2)), ==, 1);
    sched_run_until(&s, due);
    g_assert_true(g.cpu_int);
    g_assert_cmphex(PR(TCCR(2)), ==, 0x80000000u | 41667);
    /* Many periods later, the count is still whole ticks from the start. */
    sched_run_until(&s, 1000 * SCHED_PS_PER_MS);
    uint64_t ticks =
        (uint64_t)((unsigned __int128)1000 * SCHED_PS_PER_MS * 4166666 / SCHED_PS_PER_SEC);
    g_assert_cmphex(PR(TCCR(2)) & 0x7fffffff, ==, 41667 - ticks % 41667);
    g_assert_cmphex(PR(TCCR(2)) >> 31, ==, (ticks / 41667) & 1);
#undef PW
#undef PR
    device_destroy(openpic_device(p));
}

static void test_gcr_reset(void)
{
    fixture f;
    fx_init(&f);
    wr(&f, CTPR, 0);
    setup_source(&f, 4, 8, 0x04, true);
    set_line(&f, 4, true);
    g_assert_true(f.cpu_int);
    wr(&f, 0x1020, 0xa0000000);
    /* Reset completes at once: the bit reads back 0, registers are back at
     * their reset values, INT is lowered. */
    g_assert_cmphex(rd(&f, 0x1020), ==, 0);
    g_assert_false(f.cpu_int);
    g_assert_cmphex(rd(&f, VPR(4)), ==, MASK);
    g_assert_cmphex(rd(&f, CTPR), ==, 15);
    wr(&f, 0x1020, 0x20000000);
    g_assert_cmphex(rd(&f, 0x1020), ==, 0x20000000);
    /* The wire is still asserted: reprogramming the source delivers it. */
    wr(&f, CTPR, 0);
    setup_source(&f, 4, 8, 0x04, true);
    g_assert_true(f.cpu_int);
    fx_done(&f);
}

static void test_save_load(void)
{
    fixture a, b;
    fx_init(&a);
    fx_init(&b);
    wr(&a, CTPR, 2);
    setup_source(&a, 33, 7, 0x21, true);
    set_line(&a, 33, true);
    wr(&a, TVPR(3), (4 << 16) | 0x33);
    wr(&a, TDR(3), 1);
    wr(&a, TBCR(3), 1000);
    sched_run_until(&a.s, 400 * SCHED_PS_PER_US);

    st_writer *w = st_writer_new();
    st_begin_chunk(w, "mpic", 1);
    openpic_device(a.pic)->cls->save(openpic_device(a.pic), w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);
    st_reader *r = st_reader_new(img, len, NULL);
    g_assert_nonnull(r);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "mpic", &ver));
    sched_run_until(&b.s, 400 * SCHED_PS_PER_US);
    g_assert_true(openpic_device(b.pic)->cls->load(openpic_device(b.pic), r, ver));
    st_reader_free(r);
    g_free(img);

    b.cpu_int = a.cpu_int;
    g_assert_cmphex(rd(&b, CTPR), ==, 2);
    g_assert_cmphex(rd(&b, VPR(33)), ==, rd(&a, VPR(33)));
    g_assert_cmphex(rd(&b, TCCR(3)), ==, 600);
    g_assert_cmphex(rd(&b, IACK), ==, 0x21);
    /* The restored timer fires at the same time as the original. */
    wr(&b, EOI, 0);
    set_line(&b, 33, false);
    g_assert_cmpint(sched_next(&b.s), ==, 1000 * SCHED_PS_PER_US);
    sched_run_until(&b.s, 1000 * SCHED_PS_PER_US);
    g_assert_cmphex(rd(&b, IACK), ==, 0x33);
    fx_done(&a);
    fx_done(&b);
}

static void test_bad_args(void)
{
    sched s;
    sched_init(&s);
    device_env env = {.sched = &s};
    g_assert_null(openpic_create(&env, "x", 0, 1000));
    g_assert_null(openpic_create(&env, "x", 257, 1000));
    openpic *p = openpic_create(&env, "x", 8, 0);
    g_assert_nonnull(p);
    irq_line none = openpic_input(p, 8);
    g_assert_null(none.set);
    /* Odd accesses neither crash nor act. */
    const device_mmio *m = openpic_mmio(p);
    m->ops->write(m->opaque, 0x20081, 0x55, 1);
    m->ops->write(m->opaque, 0x3fffc, 0x55, 4);
    g_assert_cmphex(__builtin_bswap32(m->ops->read(m->opaque, 0x20080, 4)), ==, 15);
    g_assert_cmphex(m->ops->read(m->opaque, 0x40000, 4), ==, 0);
    device_destroy(openpic_device(p));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/openpic/identity", test_identity);
    g_test_add_func("/openpic/byte-order", test_byte_order);
    g_test_add_func("/openpic/basic-delivery", test_basic_delivery);
    g_test_add_func("/openpic/mask-and-dest", test_mask_and_dest);
    g_test_add_func("/openpic/priority-order", test_priority_order);
    g_test_add_func("/openpic/nesting", test_nesting);
    g_test_add_func("/openpic/task-priority", test_task_priority);
    g_test_add_func("/openpic/spurious", test_spurious);
    g_test_add_func("/openpic/edge-latch", test_edge_latch);
    g_test_add_func("/openpic/ipi", test_ipi);
    g_test_add_func("/openpic/timer", test_timer);
    g_test_add_func("/openpic/timer-masked-rebase", test_timer_masked_and_rebase);
    g_test_add_func("/openpic/timer-odd-hz", test_timer_odd_hz);
    g_test_add_func("/openpic/gcr-reset", test_gcr_reset);
    g_test_add_func("/openpic/save-load", test_save_load);
    g_test_add_func("/openpic/bad-args", test_bad_args);
    return g_test_run();
}
