/* The R6522 VIA model: timers against the scheduler, interrupt flag and
 * enable semantics, ports, control lines and the shift register. The VIA
 * runs at 1 MHz here so that a cycle is exactly one microsecond. */
#include <glib.h>

#include "machines/dev/via6522.h"

#define US SCHED_PS_PER_US

typedef struct {
    sched s;
    via6522 *v;
    bool irq;
    int irq_rises;
    sched_time last_rise;
    uint8_t pins[2];
    uint8_t out_val[2], out_ddr[2];
    int out_calls;
    int sr_out_calls;
    uint8_t sr_out_byte;
    int sr_reads;
    int ctrl_calls;
    bool ctrl_level[2];
} fx;

static void irq_cb(void *opaque, unsigned n, bool level)
{
    (void)n;
    fx *f = opaque;
    if (level && !f->irq) {
        f->irq_rises++;
        f->last_rise = sched_now(&f->s);
    }
    f->irq = level;
}

static uint8_t port_in(void *ctx, int port)
{
    fx *f = ctx;
    return f->pins[port];
}

static void port_out(void *ctx, int port, uint8_t value, uint8_t ddr)
{
    fx *f = ctx;
    f->out_val[port] = value;
    f->out_ddr[port] = ddr;
    f->out_calls++;
}

static void sr_out(void *ctx, uint8_t byte)
{
    fx *f = ctx;
    f->sr_out_calls++;
    f->sr_out_byte = byte;
}

static void sr_read(void *ctx)
{
    fx *f = ctx;
    f->sr_reads++;
}

static void ctrl_out(void *ctx, int line, bool level)
{
    fx *f = ctx;
    f->ctrl_calls++;
    f->ctrl_level[line] = level;
}

static fx *setup(void)
{
    fx *f = g_new0(fx, 1);
    sched_init(&f->s);
    device_env env = {.sched = &f->s};
    via6522_hooks h = {.ctx = f,
                       .port_in = port_in,
                       .port_out = port_out,
                       .sr_out = sr_out,
                       .sr_read = sr_read,
                       .ctrl_out = ctrl_out};
    f->v = via6522_create(&env, "via", 1000000, 0, &h);
    g_assert_nonnull(f->v);
    via6522_connect_irq(f->v, irq_line_make(irq_cb, f, 0));
    device_reset(via6522_device(f->v), RESET_POWER_ON);
    return f;
}

static void teardown(fx *f)
{
    device_destroy(via6522_device(f->v));
    g_free(f);
}

static uint8_t rd(fx *f, unsigned reg)
{
    return via6522_read(f->v, reg);
}

static void wr(fx *f, unsigned reg, uint8_t val)
{
    via6522_write(f->v, reg, val);
}

static unsigned t1(fx *f)
{
    unsigned hi = via6522_peek(f->v, VIA_T1CH);
    return hi << 8 | via6522_peek(f->v, VIA_T1CL);
}

static void test_t1_one_shot(void)
{
    fx *f = setup();
    wr(f, VIA_IER, 0x80 | VIA_INT_T1);
    wr(f, VIA_T1CL, 100);
    wr(f, VIA_T1CH, 0);
    g_assert_cmpuint(t1(f), ==, 100);
    sched_run_until(&f->s, 40 * US);
    g_assert_cmpuint(t1(f), ==, 60);
    sched_run_until(&f->s, 100 * US);
    g_assert_cmpuint(t1(f), ==, 0);
    g_assert_false(f->irq);
    g_assert_cmpuint(rd(f, VIA_IFR) & VIA_INT_T1, ==, 0);
    sched_run_until(&f->s, 101 * US);
    /* Time-out: the flag rises when the counter passes zero. */
    g_assert_true(f->irq);
    g_assert_cmpint(f->last_rise, ==, 101 * US);
    g_assert_cmpuint(t1(f), ==, 0xffff);
    g_assert_cmphex(rd(f, VIA_IFR), ==, 0x80 | VIA_INT_T1);
    /* Reading T1C-L clears the flag. */
    (void)rd(f, VIA_T1CL);
    g_assert_false(f->irq);
    g_assert_cmphex(rd(f, VIA_IFR), ==, 0);
    /* One-shot: the counter keeps going (reloading the latch) but never
     * raises the flag again. */
    sched_run_until(&f->s, 1000 * US);
    g_assert_false(f->irq);
    g_assert_cmpint(f->irq_rises, ==, 1);
    g_assert_cmpuint(rd(f, VIA_IFR), ==, 0);
    /* A new write to T1C-H re-arms it. */
    wr(f, VIA_T1CL, 10);
    wr(f, VIA_T1CH, 0);
    sched_run_until(&f->s, 1011 * US);
    g_assert_cmpint(f->irq_rises, ==, 2);
    g_assert_cmpint(f->last_rise, ==, 1011 * US);
    teardown(f);
}

static void test_t1_free_run_pb7(void)
{
    fx *f = setup();
    wr(f, VIA_ACR, VIA_ACR_T1_FREERUN | VIA_ACR_T1_PB7);
    wr(f, VIA_IER, 0x80 | VIA_INT_T1);
    wr(f, VIA_T1LL, 48);
    wr(f, VIA_T1CH, 0);
    /* PB7 low from the load until the first time-out. */
    g_assert_cmpuint(rd(f, VIA_ORB) & 0x80, ==, 0);
    /* Time-outs at 49, then every latch + 2 = 50 cycles. */
    sched_time expect[] = {49 * US, 99 * US, 149 * US, 199 * US};
    for (int i = 0; i < 4; i++) {
        sched_run_until(&f->s, expect[i] - 1);
        g_assert_false(f->irq);
        sched_run_until(&f->s, expect[i]);
        g_assert_true(f->irq);
        g_assert_cmpint(f->last_rise, ==, expect[i]);
        /* PB7 toggles at each time-out. */
        g_assert_cmpuint(rd(f, VIA_ORB) & 0x80, ==, (i & 1) ? 0 : 0x80);
        wr(f, VIA_IFR, VIA_INT_T1);
        g_assert_false(f->irq);
    }
    /* Counter between time-outs: reloaded with the latch one cycle after
     * showing 0xffff. */
    sched_run_until(&f->s, 200 * US);
    g_assert_cmpuint(t1(f), ==, 48);
    sched_run_until(&f->s, 210 * US);
    g_assert_cmpuint(t1(f), ==, 38);
    /* A new latch applies from the next reload only. */
    wr(f, VIA_T1LL, 8);
    sched_run_until(&f->s, 249 * US);
    g_assert_true(f->irq);
    g_assert_cmpint(f->last_rise, ==, 249 * US);
    wr(f, VIA_IFR, VIA_INT_T1);
    sched_run_until(&f->s, 259 * US);
    g_assert_true(f->irq);
    g_assert_cmpint(f->last_rise, ==, 259 * US);
    /* Left set, the flag stays set; clearing it finds the next one. */
    sched_run_until(&f->s, 300 * US);
    g_assert_cmpint(f->irq_rises, ==, 6);
    wr(f, VIA_IFR, 0x7f);
    sched_run_until(&f->s, 309 * US);
    g_assert_cmpint(f->irq_rises, ==, 7);
    g_assert_cmpint(f->last_rise, ==, 309 * US);
    teardown(f);
}

static void test_t2(void)
{
    fx *f = setup();
    wr(f, VIA_IER, 0x80 | VIA_INT_T2);
    wr(f, VIA_T2CL, 50);
    wr(f, VIA_T2CH, 0);
    sched_run_until(&f->s, 50 * US);
    g_assert_false(f->irq);
    g_assert_cmpuint(via6522_peek(f->v, VIA_T2CL), ==, 0);
    sched_run_until(&f->s, 51 * US);
    g_assert_true(f->irq);
    g_assert_cmpint(f->last_rise, ==, 51 * US);
    /* T2 does not reload: it keeps counting down from 0xffff. */
    sched_run_until(&f->s, 61 * US);
    g_assert_cmpuint(via6522_peek(f->v, VIA_T2CH), ==, 0xff);
    g_assert_cmpuint(via6522_peek(f->v, VIA_T2CL), ==, 0xf5);
    (void)rd(f, VIA_T2CL);
    g_assert_false(f->irq);
    sched_run_until(&f->s, 200000 * US);
    g_assert_cmpint(f->irq_rises, ==, 1);
    teardown(f);
}

static void test_ier_ifr(void)
{
    fx *f = setup();
    g_assert_cmphex(rd(f, VIA_IER), ==, 0x80);
    wr(f, VIA_IER, 0x80 | VIA_INT_CA1 | VIA_INT_SR);
    g_assert_cmphex(rd(f, VIA_IER), ==, 0x80 | VIA_INT_CA1 | VIA_INT_SR);
    /* Bit 7 clear: the 1 bits are cleared, the others left alone. */
    wr(f, VIA_IER, VIA_INT_SR);
    g_assert_cmphex(rd(f, VIA_IER), ==, 0x80 | VIA_INT_CA1);
    wr(f, VIA_IER, 0x7f);
    g_assert_cmphex(rd(f, VIA_IER), ==, 0x80);

    /* A flag without its enable: IFR bit 7 stays clear, no IRQ. */
    via6522_set_ca1(f->v, false); /* PCR 0: CA1 active on the falling edge */
    g_assert_cmphex(rd(f, VIA_IFR), ==, VIA_INT_CA1);
    g_assert_false(f->irq);
    wr(f, VIA_IER, 0x80 | VIA_INT_CA1);
    g_assert_cmphex(rd(f, VIA_IFR), ==, 0x80 | VIA_INT_CA1);
    g_assert_true(f->irq);
    /* Disabling drops the IRQ but not the flag. */
    wr(f, VIA_IER, VIA_INT_CA1);
    g_assert_false(f->irq);
    g_assert_cmphex(rd(f, VIA_IFR), ==, VIA_INT_CA1);
    wr(f, VIA_IER, 0x80 | VIA_INT_CA1);
    g_assert_true(f->irq);
    /* Writing bit 7 alone to IFR clears nothing. */
    wr(f, VIA_IFR, 0x80);
    g_assert_cmphex(rd(f, VIA_IFR), ==, 0x80 | VIA_INT_CA1);
    /* Reading ORA clears CA1. */
    (void)rd(f, VIA_ORA);
    g_assert_cmphex(rd(f, VIA_IFR), ==, 0);
    g_assert_false(f->irq);
    teardown(f);
}

static void test_ports(void)
{
    fx *f = setup();
    f->pins[1] = 0x5a;
    f->pins[0] = 0x33;
    wr(f, VIA_DDRB, 0xcc);
    wr(f, VIA_ORB, 0xf0);
    g_assert_cmphex(f->out_val[1], ==, 0xf0);
    g_assert_cmphex(f->out_ddr[1], ==, 0xcc);
    /* Output bits read the register, input bits the pins. */
    g_assert_cmphex(rd(f, VIA_ORB), ==, (0xf0 & 0xcc) | (0x5a & 0x33));
    g_assert_cmphex(rd(f, VIA_DDRB), ==, 0xcc);
    wr(f, VIA_DDRA, 0x0f);
    wr(f, VIA_ORA_NH, 0xa5);
    g_assert_cmphex(f->out_val[0], ==, 0xa5);
    g_assert_cmphex(rd(f, VIA_ORA), ==, 0x05 | 0x30);
    g_assert_cmphex(rd(f, VIA_ORA_NH), ==, 0x35);

    /* Port A latching: IRA holds the pins at the CA1 active edge. */
    wr(f, VIA_DDRA, 0);
    wr(f, VIA_ACR, VIA_ACR_PA_LATCH);
    wr(f, VIA_PCR, 0x01); /* CA1 rising edge */
    via6522_set_ca1(f->v, false);
    f->pins[0] = 0x11;
    via6522_set_ca1(f->v, true);
    f->pins[0] = 0x22;
    g_assert_cmphex(rd(f, VIA_ORA), ==, 0x11);
    wr(f, VIA_ACR, 0);
    g_assert_cmphex(rd(f, VIA_ORA), ==, 0x22);
    teardown(f);
}

static void test_control_lines(void)
{
    fx *f = setup();
    /* CA2 input, positive edge (PCR 3-1 = 010); CB2 independent
     * negative edge (PCR 7-5 = 001); CB1 positive edge. */
    wr(f, VIA_PCR, 0x04 | 0x20 | 0x10);
    via6522_set_ca2(f->v, false);
    g_assert_cmphex(rd(f, VIA_IFR) & VIA_INT_CA2, ==, 0);
    via6522_set_ca2(f->v, true);
    g_assert_cmphex(rd(f, VIA_IFR) & VIA_INT_CA2, ==, VIA_INT_CA2);
    via6522_set_cb2(f->v, false);
    via6522_set_cb1(f->v, false);
    via6522_set_cb1(f->v, true);
    g_assert_cmphex(rd(f, VIA_IFR) & (VIA_INT_CB1 | VIA_INT_CB2), ==, VIA_INT_CB1 | VIA_INT_CB2);
    /* Reading ORB clears CB1, but CB2 is independent. */
    (void)rd(f, VIA_ORB);
    g_assert_cmphex(rd(f, VIA_IFR) & (VIA_INT_CB1 | VIA_INT_CB2), ==, VIA_INT_CB2);
    /* ORA read clears CA2 in its normal input mode. */
    (void)rd(f, VIA_ORA);
    g_assert_cmphex(rd(f, VIA_IFR) & VIA_INT_CA2, ==, 0);
    /* CB2 manual output low, then high. */
    wr(f, VIA_PCR, 0xc0);
    g_assert_false(f->ctrl_level[1]);
    wr(f, VIA_PCR, 0xe0);
    g_assert_true(f->ctrl_level[1]);
    teardown(f);
}

static void test_shift_register(void)
{
    fx *f = setup();
    wr(f, VIA_IER, 0x80 | VIA_INT_SR);
    /* Shift in under an external clock on CB1 (ACR 011). */
    wr(f, VIA_ACR, VIA_ACR_SR_EXT);
    via6522_sr_in(f->v, 0xa5);
    g_assert_true(f->irq);
    g_assert_cmphex(rd(f, VIA_IFR), ==, 0x80 | VIA_INT_SR);
    g_assert_cmphex(rd(f, VIA_SR), ==, 0xa5);
    g_assert_cmpint(f->sr_reads, ==, 1);
    g_assert_false(f->irq);
    /* The split form: the byte arrives, the flag later. */
    via6522_sr_set(f->v, 0x3c);
    g_assert_false(f->irq);
    via6522_sr_done(f->v);
    g_assert_true(f->irq);
    g_assert_cmphex(rd(f, VIA_SR), ==, 0x3c);

    /* Shift out under an external clock: the device takes the byte. */
    wr(f, VIA_ACR, VIA_ACR_SR_EXT | VIA_ACR_SR_OUT);
    wr(f, VIA_SR, 0x81);
    g_assert_cmphex(via6522_sr_get(f->v), ==, 0x81);
    sched_run_until(&f->s, 1000 * US);
    g_assert_false(f->irq); /* no clock, no flag */
    g_assert_cmpint(f->sr_out_calls, ==, 0);

    /* Shift out under phi2 (ACR 110): 8 bits take 16 cycles. */
    wr(f, VIA_ACR, 0x18);
    wr(f, VIA_SR, 0x42);
    sched_run_until(&f->s, 1015 * US);
    g_assert_false(f->irq);
    sched_run_until(&f->s, 1016 * US);
    g_assert_true(f->irq);
    g_assert_cmpint(f->sr_out_calls, ==, 1);
    g_assert_cmphex(f->sr_out_byte, ==, 0x42);
    wr(f, VIA_SR, 0x43);
    g_assert_false(f->irq);

    /* Shift out under T2 (ACR 101): 16 * (N + 2) cycles. */
    wr(f, VIA_ACR, 0x14);
    wr(f, VIA_T2CL, 3);
    sched_run_until(&f->s, 2000 * US);
    g_assert_cmpint(f->sr_out_calls, ==, 1); /* the mode change dropped the phi2 shift */
    wr(f, VIA_SR, 0x99);
    sched_run_until(&f->s, 2079 * US);
    g_assert_false(f->irq);
    sched_run_until(&f->s, 2080 * US);
    g_assert_true(f->irq);
    g_assert_cmphex(f->sr_out_byte, ==, 0x99);
    teardown(f);
}

static uint32_t bus_rd(mm_space *m, uint32_t a)
{
    return mm_read(m, a, 1);
}

static void test_mmio_window(void)
{
    sched s;
    sched_init(&s);
    device_env env = {.sched = &s};
    /* The Mac spacing: register n at n * 0x200. */
    via6522 *v = via6522_create(&env, "via", 783360, 9, NULL);
    const device_mmio *w = via6522_mmio(v);
    g_assert_cmpuint(w->size, ==, 0x2000);
    mm_space *m = mm_create(32);
    g_assert_cmpint(mm_add_mmio(m, "via", 0xf3016000, w->size, w->ops, w->opaque), >=, 0);
    mm_commit(m);
    mm_write(m, 0xf3016000 + VIA_IER * 0x200, 0x80 | VIA_INT_T1, 1);
    g_assert_cmphex(bus_rd(m, 0xf3016000 + VIA_IER * 0x200), ==, 0x80 | VIA_INT_T1);
    mm_write(m, 0xf3016000 + VIA_DDRB * 0x200, 0x30, 1);
    g_assert_cmphex(bus_rd(m, 0xf3016000 + VIA_DDRB * 0x200), ==, 0x30);
    /* A 2-byte read: the register in the first lane, 0xff in the other. */
    g_assert_cmphex(mm_read(m, 0xf3016000 + VIA_DDRB * 0x200, 2), ==, 0x30ff);
    /* T1 at 783.36 kHz: 1000 cycles after the load. */
    mm_write(m, 0xf3016000 + VIA_T1CL * 0x200, 0xff, 1);
    mm_write(m, 0xf3016000 + VIA_T1CH * 0x200, 0x0f, 1);
    sched_time t = (sched_time)((1000 * (unsigned __int128)SCHED_PS_PER_SEC + 783359) / 783360);
    sched_run_until(&s, t);
    unsigned c = bus_rd(m, 0xf3016000 + VIA_T1CH * 0x200) << 8;
    c |= bus_rd(m, 0xf3016000 + VIA_T1CL * 0x200);
    g_assert_cmpuint(c, ==, 0x0fff - 1000);
    mm_destroy(m);
    device_destroy(via6522_device(v));
}

static void test_save_load(void)
{
    fx *f = setup();
    wr(f, VIA_ACR, VIA_ACR_T1_FREERUN);
    wr(f, VIA_IER, 0x80 | VIA_INT_T1);
    wr(f, VIA_DDRB, 0x30);
    wr(f, VIA_T1LL, 98);
    wr(f, VIA_T1CH, 0);
    sched_run_until(&f->s, 30 * US);
    st_writer *w = st_writer_new();
    const device *d = via6522_device(f->v);
    st_begin_chunk(w, d->id, d->cls->state_version);
    d->cls->save(d, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);

    /* Scramble the live device, then restore it. */
    wr(f, VIA_ACR, 0);
    wr(f, VIA_DDRB, 0);
    wr(f, VIA_T1CH, 0x40);
    st_reader *r = st_reader_new(img, len, NULL);
    g_assert_nonnull(r);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "via", &ver));
    g_assert_true(d->cls->load(via6522_device(f->v), r, ver));
    st_reader_free(r);
    g_free(img);
    g_assert_cmphex(rd(f, VIA_DDRB), ==, 0x30);
    g_assert_cmpuint(t1(f), ==, 68);
    sched_run_until(&f->s, 99 * US);
    g_assert_true(f->irq);
    g_assert_cmpint(f->last_rise, ==, 99 * US);
    /* A newer version is refused. */
    st_writer *w2 = st_writer_new();
    st_begin_chunk(w2, "via", 99);
    st_end_chunk(w2);
    img = st_writer_finish(w2, &len);
    r = st_reader_new(img, len, NULL);
    g_assert_true(st_find_chunk(r, "via", &ver));
    g_assert_false(d->cls->load(via6522_device(f->v), r, ver));
    st_reader_free(r);
    g_free(img);
    teardown(f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/via/t1-one-shot", test_t1_one_shot);
    g_test_add_func("/via/t1-free-run-pb7", test_t1_free_run_pb7);
    g_test_add_func("/via/t2", test_t2);
    g_test_add_func("/via/ier-ifr", test_ier_ifr);
    g_test_add_func("/via/ports", test_ports);
    g_test_add_func("/via/control-lines", test_control_lines);
    g_test_add_func("/via/shift-register", test_shift_register);
    g_test_add_func("/via/mmio-window", test_mmio_window);
    g_test_add_func("/via/save-load", test_save_load);
    return g_test_run();
}
