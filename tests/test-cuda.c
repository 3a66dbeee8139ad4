/* The CUDA and its ADB bus, driven through the VIA registers the way
 * Linux's via-cuda.c and OpenBIOS's drivers/cuda.c drive them. */
#include <glib.h>
#include <string.h>

#include "machines/dev/cuda.h"

#define TREQ 0x08
#define TACK 0x10
#define TIP  0x20

#define US SCHED_PS_PER_US

typedef struct {
    sched s;
    cuda *c;
    via6522 *v;
    int64_t unix_time;
    int power_calls;
    bool power_restart;
    bool irq;
    int irq_rises;
} fx;

static int64_t fake_time(void *ctx)
{
    fx *f = ctx;
    return f->unix_time;
}

static void power_hook(void *ctx, bool restart)
{
    fx *f = ctx;
    f->power_calls++;
    f->power_restart = restart;
}

static void irq_cb(void *opaque, unsigned n, bool level)
{
    (void)n;
    fx *f = opaque;
    if (level && !f->irq) f->irq_rises++;
    f->irq = level;
}

static uint8_t rd(fx *f, unsigned reg)
{
    return via6522_read(f->v, reg);
}

static void wr(fx *f, unsigned reg, uint8_t val)
{
    via6522_write(f->v, reg, val);
}

/* Polls IFR for the shift register flag, as both drivers do, advancing
 * time 5 us per poll; clears the flag. Fails after 20 ms. */
static bool wait_sr(fx *f)
{
    for (int i = 0; i < 4000; i++) {
        uint8_t ifr = rd(f, VIA_IFR);
        if (ifr & VIA_INT_SR) {
            wr(f, VIA_IFR, VIA_INT_SR);
            return true;
        }
        sched_run_until(&f->s, sched_now(&f->s) + 5 * US);
    }
    return false;
}

static bool treq_asserted(fx *f)
{
    return !(rd(f, VIA_ORB) & TREQ);
}

/* Linux cuda_init_via: the sync handshake. */
static void linux_init_via(fx *f)
{
    wr(f, VIA_IER, 0x7f);
    wr(f, VIA_DDRB, (uint8_t)((rd(f, VIA_DDRB) | TACK | TIP) & ~TREQ));
    wr(f, VIA_ACR, (uint8_t)((rd(f, VIA_ACR) & ~VIA_ACR_SR_MASK) | VIA_ACR_SR_EXT));
    (void)rd(f, VIA_SR);
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TIP | TACK);
    sched_run_until(&f->s, sched_now(&f->s) + 4000 * US);
    (void)rd(f, VIA_SR);
    wr(f, VIA_IFR, VIA_INT_SR);
    /* Assert TACK without TIP: the CUDA answers with TREQ and a flag. */
    wr(f, VIA_ORB, rd(f, VIA_ORB) & ~TACK);
    g_assert_true(treq_asserted(f));
    g_assert_true(wait_sr(f));
    (void)rd(f, VIA_SR);
    /* Negate TACK: TREQ goes away, another flag. */
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TACK);
    g_assert_false(treq_asserted(f));
    g_assert_true(wait_sr(f));
    (void)rd(f, VIA_SR);
    wr(f, VIA_IER, 0x80 | VIA_INT_SR);
}

/* Reads one packet the CUDA announced (TREQ and a flag already seen),
 * like Linux's reading / read_done states. */
static int linux_read_packet(fx *f, uint8_t *buf)
{
    int n = 0;
    (void)rd(f, VIA_SR); /* the attention byte */
    wr(f, VIA_ORB, rd(f, VIA_ORB) & ~TIP);
    for (;;) {
        g_assert_true(wait_sr(f));
        uint8_t status = rd(f, VIA_ORB) & (TIP | TACK | TREQ);
        g_assert_cmpint(n, <, 16);
        buf[n++] = rd(f, VIA_SR);
        if (status & TREQ) break; /* TREQ negated: that was the last byte */
        wr(f, VIA_ORB, rd(f, VIA_ORB) ^ TACK);
    }
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TIP | TACK);
    g_assert_true(wait_sr(f)); /* read_done */
    (void)rd(f, VIA_SR);
    return n;
}

/* One request and its reply, Linux style, checking the line states the
 * driver checks at every step. */
static int linux_request(fx *f, const uint8_t *req, int n, uint8_t *reply)
{
    g_assert_false(treq_asserted(f));
    wr(f, VIA_ACR, rd(f, VIA_ACR) | VIA_ACR_SR_OUT);
    wr(f, VIA_SR, req[0]);
    wr(f, VIA_ORB, rd(f, VIA_ORB) & ~TIP);
    for (int i = 1; i < n; i++) {
        g_assert_true(wait_sr(f));
        g_assert_false(treq_asserted(f)); /* no collision */
        wr(f, VIA_SR, req[i]);
        wr(f, VIA_ORB, rd(f, VIA_ORB) ^ TACK);
    }
    g_assert_true(wait_sr(f));
    wr(f, VIA_ACR, rd(f, VIA_ACR) & ~VIA_ACR_SR_OUT);
    (void)rd(f, VIA_SR);
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TIP | TACK);
    /* awaiting_reply: the next flag comes with TREQ asserted. */
    g_assert_true(wait_sr(f));
    g_assert_true(treq_asserted(f));
    int len = linux_read_packet(f, reply);
    g_assert_false(treq_asserted(f));
    return len;
}

static fx *setup(void)
{
    fx *f = g_new0(fx, 1);
    sched_init(&f->s);
    device_env env = {.sched = &f->s};
    f->c = cuda_create(&env, "cuda");
    g_assert_nonnull(f->c);
    f->v = cuda_via(f->c);
    f->unix_time = 1700000000;
    cuda_set_time_source(f->c, fake_time, f);
    cuda_set_power_hook(f->c, power_hook, f);
    cuda_connect_irq(f->c, irq_line_make(irq_cb, f, 0));
    device_reset(cuda_device(f->c), RESET_POWER_ON);
    return f;
}

static void teardown(fx *f)
{
    device_destroy(cuda_device(f->c));
    g_free(f);
}

static void test_window(void)
{
    fx *f = setup();
    const device_mmio *w = cuda_mmio(f->c);
    g_assert_cmpuint(w->size, ==, 0x2000);
    mm_space *m = mm_create(32);
    g_assert_cmpint(mm_add_mmio(m, "cuda", 0x80816000, w->size, w->ops, w->opaque), >=, 0);
    mm_commit(m);
    mm_write(m, 0x80816000 + VIA_DDRB * 0x200, 0x30, 1);
    g_assert_cmphex(rd(f, VIA_DDRB), ==, 0x30);
    g_assert_cmphex(mm_read(m, 0x80816000 + VIA_DDRB * 0x200, 1), ==, 0x30);
    mm_destroy(m);
    teardown(f);
}

static void test_sync_and_get_time(void)
{
    fx *f = setup();
    linux_init_via(f);
    uint8_t reply[16];
    const uint8_t get_time[] = {CUDA_PSEUDO_PACKET, CUDA_GET_TIME};
    int n = linux_request(f, get_time, 2, reply);
    g_assert_cmpint(n, ==, 7);
    g_assert_cmphex(reply[0], ==, CUDA_PSEUDO_PACKET);
    g_assert_cmphex(reply[1], ==, 0);
    g_assert_cmphex(reply[2], ==, CUDA_GET_TIME);
    uint32_t t = (uint32_t)reply[3] << 24 | reply[4] << 16 | reply[5] << 8 | reply[6];
    g_assert_cmpuint(t, ==, 1700000000u + 2082844800u);
    /* The SR interrupt reached the IRQ line (IER enabled after the sync). */
    g_assert_cmpint(f->irq_rises, >, 0);

    /* SET_TIME moves the clock; it keeps running from there. */
    const uint8_t set_time[] = {CUDA_PSEUDO_PACKET, CUDA_SET_TIME, 0xc0, 0x00, 0x00, 0x00};
    n = linux_request(f, set_time, 6, reply);
    g_assert_cmpint(n, ==, 3);
    g_assert_cmphex(reply[2], ==, CUDA_SET_TIME);
    f->unix_time += 5;
    n = linux_request(f, get_time, 2, reply);
    t = (uint32_t)reply[3] << 24 | reply[4] << 16 | reply[5] << 8 | reply[6];
    g_assert_cmpuint(t, ==, 0xc0000005u);
    teardown(f);
}

static void test_pram(void)
{
    fx *f = setup();
    linux_init_via(f);
    uint8_t reply[16];
    const uint8_t set[] = {CUDA_PSEUDO_PACKET, CUDA_SET_PRAM, 0x00, 0x10, 0xab, 0xcd};
    int n = linux_request(f, set, 6, reply);
    g_assert_cmpint(n, ==, 3);
    g_assert_cmphex(reply[0], ==, CUDA_PSEUDO_PACKET);
    g_assert_cmphex(reply[2], ==, CUDA_SET_PRAM);
    const uint8_t get[] = {CUDA_PSEUDO_PACKET, CUDA_GET_PRAM, 0x00, 0x11};
    n = linux_request(f, get, 4, reply);
    g_assert_cmpint(n, ==, 4);
    g_assert_cmphex(reply[3], ==, 0xcd);
    /* The same bytes through the 68HC05's address space (0x100 + n). */
    const uint8_t peek[] = {CUDA_PSEUDO_PACKET, CUDA_GET_6805_ADDR, 0x01, 0x10};
    n = linux_request(f, peek, 4, reply);
    g_assert_cmpint(n, ==, 4);
    g_assert_cmphex(reply[3], ==, 0xab);
    g_assert_cmphex(cuda_pram(f->c)[0x10], ==, 0xab);
    /* Parameter RAM survives a reset. */
    device_reset(cuda_device(f->c), RESET_HARD);
    g_assert_cmphex(cuda_pram(f->c)[0x11], ==, 0xcd);
    teardown(f);
}

static void test_adb_through_cuda(void)
{
    fx *f = setup();
    linux_init_via(f);
    uint8_t reply[16];
    /* Talk register 3 of the keyboard (address 2). */
    const uint8_t talk3[] = {CUDA_ADB_PACKET, 0x2f};
    int n = linux_request(f, talk3, 2, reply);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmphex(reply[0], ==, CUDA_ADB_PACKET);
    g_assert_cmphex(reply[1], ==, 0);
    g_assert_cmphex(reply[2], ==, 0x2f);
    g_assert_cmphex(reply[3] & 0x0f, ==, 2);
    g_assert_cmphex(reply[4], ==, 2);
    /* Nobody at address 5: a time-out (flag 0x02), no data. */
    const uint8_t talk5[] = {CUDA_ADB_PACKET, 0x5f};
    n = linux_request(f, talk5, 2, reply);
    g_assert_cmpint(n, ==, 3);
    g_assert_cmphex(reply[1], ==, 0x02);
    g_assert_cmphex(reply[2], ==, 0x5f);
    teardown(f);
}

static void test_autopoll(void)
{
    fx *f = setup();
    linux_init_via(f);
    uint8_t reply[16];
    const uint8_t on[] = {CUDA_PSEUDO_PACKET, CUDA_AUTOPOLL, 1};
    int n = linux_request(f, on, 3, reply);
    g_assert_cmpint(n, ==, 3);
    g_assert_cmphex(reply[2], ==, CUDA_AUTOPOLL);
    /* Nothing to report: no unsolicited packet. */
    sched_run_until(&f->s, sched_now(&f->s) + 50000 * US);
    g_assert_cmphex(rd(f, VIA_IFR) & VIA_INT_SR, ==, 0);
    g_assert_false(treq_asserted(f));

    /* A key press comes in unsolicited within one autopoll period. */
    adb_key(cuda_adb(f->c), 0x00, true);
    g_assert_true(wait_sr(f));
    g_assert_true(treq_asserted(f));
    n = linux_read_packet(f, reply);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmphex(reply[0], ==, CUDA_ADB_PACKET);
    g_assert_cmphex(reply[1], ==, 0x40);
    g_assert_cmphex(reply[2], ==, 0x2c); /* Talk register 0 of address 2 */
    g_assert_cmphex(reply[3], ==, 0x00); /* 'A' down */
    g_assert_cmphex(reply[4], ==, 0xff);
    g_assert_false(treq_asserted(f));

    /* The mouse too, once moved. */
    adb_mouse(cuda_adb(f->c), 3, -2, 1);
    g_assert_true(wait_sr(f));
    n = linux_read_packet(f, reply);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmphex(reply[2], ==, 0x3c);
    g_assert_cmphex(reply[3], ==, 0x7e); /* button down, dy = -2 */
    g_assert_cmphex(reply[4], ==, 0x83); /* dx = 3 */

    /* Autopoll off: keys stay in the keyboard. */
    const uint8_t off[] = {CUDA_PSEUDO_PACKET, CUDA_AUTOPOLL, 0};
    linux_request(f, off, 3, reply);
    adb_key(cuda_adb(f->c), 0x00, false);
    sched_run_until(&f->s, sched_now(&f->s) + 50000 * US);
    g_assert_false(treq_asserted(f));
    const uint8_t talk0[] = {CUDA_ADB_PACKET, 0x2c};
    n = linux_request(f, talk0, 2, reply);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmphex(reply[3], ==, 0x80); /* 'A' up */
    teardown(f);
}

/* The CUDA raised TREQ just as the host started sending: Linux's
 * sent_first_byte state sees TREQ with the flag, backs off, reads the
 * CUDA's packet and then sends its own again. */
static void test_collision(void)
{
    fx *f = setup();
    linux_init_via(f);
    uint8_t reply[16];
    const uint8_t on[] = {CUDA_PSEUDO_PACKET, CUDA_AUTOPOLL, 1};
    linux_request(f, on, 3, reply);
    adb_key(cuda_adb(f->c), 0x05, true);
    /* Wait for the autopoll packet to be announced, without taking the flag. */
    for (int i = 0; i < 4000 && !treq_asserted(f); i++)
        sched_run_until(&f->s, sched_now(&f->s) + 5 * US);
    g_assert_true(treq_asserted(f));
    wr(f, VIA_ACR, rd(f, VIA_ACR) | VIA_ACR_SR_OUT);
    wr(f, VIA_SR, CUDA_PSEUDO_PACKET);
    wr(f, VIA_ORB, rd(f, VIA_ORB) & ~TIP);
    g_assert_true(wait_sr(f));
    g_assert_true(treq_asserted(f)); /* collision */
    wr(f, VIA_ACR, rd(f, VIA_ACR) & ~VIA_ACR_SR_OUT);
    (void)rd(f, VIA_SR);
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TIP | TACK);
    g_assert_true(wait_sr(f));
    g_assert_true(treq_asserted(f));
    int n = linux_read_packet(f, reply);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmphex(reply[1], ==, 0x40);
    g_assert_cmphex(reply[3], ==, 0x05);
    /* The aborted command was not run; sent again, it works. */
    const uint8_t get_time[] = {CUDA_PSEUDO_PACKET, CUDA_GET_TIME};
    n = linux_request(f, get_time, 2, reply);
    g_assert_cmpint(n, ==, 7);
    teardown(f);
}

static void test_power(void)
{
    fx *f = setup();
    linux_init_via(f);
    uint8_t reply[16];
    const uint8_t down[] = {CUDA_PSEUDO_PACKET, CUDA_POWERDOWN};
    int n = linux_request(f, down, 2, reply);
    g_assert_cmpint(n, ==, 3);
    g_assert_cmpint(f->power_calls, ==, 1);
    g_assert_false(f->power_restart);
    const uint8_t restart[] = {CUDA_PSEUDO_PACKET, CUDA_RESET_SYSTEM};
    linux_request(f, restart, 2, reply);
    g_assert_cmpint(f->power_calls, ==, 2);
    g_assert_true(f->power_restart);
    teardown(f);
}

static void test_errors(void)
{
    fx *f = setup();
    linux_init_via(f);
    uint8_t reply[16];
    const uint8_t unknown[] = {CUDA_PSEUDO_PACKET, 0x7e};
    int n = linux_request(f, unknown, 2, reply);
    g_assert_cmpint(n, ==, 4);
    g_assert_cmphex(reply[0], ==, CUDA_ERROR_PACKET);
    g_assert_cmphex(reply[1], ==, CUDA_ERR_BAD_COMMAND);
    g_assert_cmphex(reply[3], ==, 0x7e);
    const uint8_t short_set_time[] = {CUDA_PSEUDO_PACKET, CUDA_SET_TIME, 1};
    n = linux_request(f, short_set_time, 3, reply);
    g_assert_cmphex(reply[0], ==, CUDA_ERROR_PACKET);
    g_assert_cmphex(reply[1], ==, CUDA_ERR_BAD_PARAMS);
    const uint8_t iic[] = {CUDA_PSEUDO_PACKET, CUDA_COMBINED_FORMAT_IIC, 0x50, 0, 0x51};
    n = linux_request(f, iic, 5, reply);
    g_assert_cmphex(reply[0], ==, CUDA_ERROR_PACKET);
    const uint8_t bad_type[] = {0x07, 0x01};
    n = linux_request(f, bad_type, 2, reply);
    g_assert_cmphex(reply[0], ==, CUDA_ERROR_PACKET);
    g_assert_cmphex(reply[1], ==, CUDA_ERR_BAD_TYPE);
    teardown(f);
}

/* ---- OpenBIOS's driver, step for step: DDRB never set, no sync, the
 * IFR polled and cleared wholesale, no look at TREQ before sending. */

static void ob_wait_irq(fx *f)
{
    for (int i = 0; i < 4000; i++) {
        uint8_t val = rd(f, VIA_IFR);
        wr(f, VIA_IFR, val & 0x7f);
        if (val & VIA_INT_SR) return;
        sched_run_until(&f->s, sched_now(&f->s) + 3 * US);
    }
    g_assert_not_reached();
}

static int ob_request(fx *f, uint8_t type, const uint8_t *buf, int len, uint8_t *obuf)
{
    wr(f, VIA_ACR, rd(f, VIA_ACR) | VIA_ACR_SR_OUT);
    wr(f, VIA_SR, type);
    wr(f, VIA_ORB, rd(f, VIA_ORB) & ~TIP);
    for (int i = 0; i < len; i++) {
        ob_wait_irq(f);
        wr(f, VIA_SR, buf[i]);
        wr(f, VIA_ORB, rd(f, VIA_ORB) ^ TACK);
    }
    ob_wait_irq(f);
    wr(f, VIA_ACR, rd(f, VIA_ACR) & ~VIA_ACR_SR_OUT);
    (void)rd(f, VIA_SR);
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TIP | TACK);
    int n = 0;
    ob_wait_irq(f);
    (void)rd(f, VIA_SR);
    wr(f, VIA_ORB, rd(f, VIA_ORB) & ~TIP);
    for (;;) {
        ob_wait_irq(f);
        uint8_t val = rd(f, VIA_SR);
        if (n < 16) obuf[n++] = val;
        if (rd(f, VIA_ORB) & TREQ) break;
        wr(f, VIA_ORB, rd(f, VIA_ORB) ^ TACK);
    }
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TIP | TACK);
    ob_wait_irq(f);
    (void)rd(f, VIA_SR);
    return n;
}

static void test_openbios_driver(void)
{
    fx *f = setup();
    /* cuda_init(): B |= TREQ | TIP, nothing else. */
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TREQ | TIP);
    sched_run_until(&f->s, sched_now(&f->s) + 100 * US);
    uint8_t obuf[16];
    /* adb_reset: SendReset. */
    const uint8_t reset[] = {0x00};
    int n = ob_request(f, CUDA_ADB_PACKET, reset, 1, obuf);
    g_assert_cmpint(n, ==, 3);
    g_assert_cmphex(obuf[2], ==, 0x00);
    /* The bus scan: Talk register 3 at addresses 1 to 3. */
    const uint8_t t1[] = {0x1f}, t2[] = {0x2f}, t3[] = {0x3f};
    n = ob_request(f, CUDA_ADB_PACKET, t1, 1, obuf);
    g_assert_cmpint(n, ==, 3); /* time-out: OpenBIOS strips 3 bytes, 0 left */
    g_assert_cmphex(obuf[2], ==, 0x1f);
    n = ob_request(f, CUDA_ADB_PACKET, t2, 1, obuf);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmphex(obuf[2], ==, 0x2f);
    g_assert_cmphex(obuf[4], ==, 2);
    /* Relocate the keyboard to address 8 (Listen register 3, 0xfe). */
    const uint8_t move[] = {0x2b, 0x28, 0xfe};
    n = ob_request(f, CUDA_ADB_PACKET, move, 3, obuf);
    g_assert_cmpint(n, ==, 3);
    const uint8_t t8[] = {0x8f};
    n = ob_request(f, CUDA_ADB_PACKET, t8, 1, obuf);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmphex(obuf[3] & 0x0f, ==, 8);
    n = ob_request(f, CUDA_ADB_PACKET, t3, 1, obuf);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmphex(obuf[4], ==, 1); /* the mouse, handler 1 */
    /* rtc get-time: GET_TIME with a stray second byte. */
    const uint8_t gt[] = {CUDA_GET_TIME, 0x00};
    n = ob_request(f, CUDA_PSEUDO_PACKET, gt, 2, obuf);
    g_assert_cmpint(n, ==, 7);
    uint32_t t = (uint32_t)obuf[3] << 24 | obuf[4] << 16 | obuf[5] << 8 | obuf[6];
    g_assert_cmpuint(t, ==, 1700000000u + 2082844800u);
    /* power-off */
    const uint8_t pd[] = {CUDA_POWERDOWN, 0x00};
    ob_request(f, CUDA_PSEUDO_PACKET, pd, 2, obuf);
    g_assert_cmpint(f->power_calls, ==, 1);
    g_assert_false(f->power_restart);
    teardown(f);
}

/* ---- the ADB bus on its own ---- */

static void test_adb_registers(void)
{
    adb_bus *b = adb_bus_new();
    uint8_t r[ADB_MAX_REPLY];
    const uint8_t talk3_kbd[] = {0x2f};
    g_assert_cmpint(adb_request(b, talk3_kbd, 1, r), ==, 2);
    g_assert_cmphex(r[0], ==, 0x62); /* SRQ enabled, address 2 */
    g_assert_cmphex(r[1], ==, 2);
    const uint8_t talk3_mouse[] = {0x3f};
    g_assert_cmpint(adb_request(b, talk3_mouse, 1, r), ==, 2);
    g_assert_cmphex(r[0], ==, 0x63);
    g_assert_cmphex(r[1], ==, 1);
    /* Talk register 0 with nothing to say: time-out. */
    const uint8_t talk0_kbd[] = {0x2c};
    g_assert_cmpint(adb_request(b, talk0_kbd, 1, r), ==, -1);
    /* Handler change to 3 (keeps the address), then an unsupported one. */
    const uint8_t h3[] = {0x2b, 0x62, 0x03};
    g_assert_cmpint(adb_request(b, h3, 3, r), ==, 0);
    const uint8_t h9[] = {0x2b, 0x62, 0x09};
    adb_request(b, h9, 3, r);
    adb_request(b, talk3_kbd, 1, r);
    g_assert_cmphex(r[1], ==, 3);
    /* Handler 3 reports the right shift key as itself, handler 2 as left. */
    adb_key(b, 0x7b, true);
    g_assert_cmpint(adb_request(b, talk0_kbd, 1, r), ==, 2);
    g_assert_cmphex(r[0], ==, 0x7b);
    const uint8_t h2[] = {0x2b, 0x62, 0x02};
    adb_request(b, h2, 3, r);
    adb_key(b, 0x7b, false);
    adb_request(b, talk0_kbd, 1, r);
    g_assert_cmphex(r[0], ==, 0xb8);
    /* Two events per Talk; register 2 tracks the modifiers. */
    adb_key(b, 0x37, true);
    adb_key(b, 0x01, true);
    adb_key(b, 0x01, false);
    g_assert_cmpint(adb_request(b, talk0_kbd, 1, r), ==, 2);
    g_assert_cmphex(r[0], ==, 0x37);
    g_assert_cmphex(r[1], ==, 0x01);
    const uint8_t talk2_kbd[] = {0x2e};
    g_assert_cmpint(adb_request(b, talk2_kbd, 1, r), ==, 2);
    g_assert_cmphex(r[0], ==, 0xfe); /* Command (bit 8) down */
    /* Flush drops the rest. */
    const uint8_t flush_kbd[] = {0x21};
    g_assert_cmpint(adb_request(b, flush_kbd, 1, r), ==, 0);
    g_assert_cmpint(adb_request(b, talk0_kbd, 1, r), ==, -1);
    /* The Power key travels alone, in both bytes. */
    adb_key(b, 0x7f, true);
    adb_key(b, 0x00, true);
    adb_request(b, talk0_kbd, 1, r);
    g_assert_cmphex(r[0], ==, 0x7f);
    g_assert_cmphex(r[1], ==, 0x7f);
    adb_request(b, talk0_kbd, 1, r);
    g_assert_cmphex(r[0], ==, 0x00);

    /* Move the mouse to address 10; address 3 goes silent. */
    const uint8_t move[] = {0x3b, 0x6a, 0xfe};
    g_assert_cmpint(adb_request(b, move, 3, r), ==, 0);
    g_assert_cmpint(adb_request(b, talk3_mouse, 1, r), ==, -1);
    const uint8_t talk3_a[] = {0xaf};
    g_assert_cmpint(adb_request(b, talk3_a, 1, r), ==, 2);
    g_assert_cmphex(r[0] & 0x0f, ==, 10);
    /* Large motion is sent in 7-bit pieces. */
    adb_mouse(b, 100, 0, 0);
    const uint8_t talk0_a[] = {0xac};
    g_assert_cmpint(adb_request(b, talk0_a, 1, r), ==, 2);
    g_assert_cmphex(r[1], ==, 0x80 | 63);
    g_assert_cmphex(r[0], ==, 0x80);
    adb_request(b, talk0_a, 1, r);
    g_assert_cmphex(r[1], ==, 0x80 | 37);
    g_assert_cmpint(adb_request(b, talk0_a, 1, r), ==, -1);

    /* Autopoll finds whoever has data, at its current address. */
    uint8_t addr;
    int len;
    g_assert_false(adb_poll(b, r, &len, &addr));
    adb_mouse(b, 0, 1, 0);
    g_assert_true(adb_poll(b, r, &len, &addr));
    g_assert_cmpint(addr, ==, 10);
    g_assert_cmpint(len, ==, 2);
    adb_key(b, 0x02, true);
    g_assert_false(adb_poll_mask(b, 1u << 3, r, &len, &addr));
    g_assert_true(adb_poll_mask(b, 1u << 2, r, &len, &addr));
    g_assert_cmpint(addr, ==, 2);

    /* SendReset: original addresses and handlers. */
    const uint8_t reset[] = {0x00};
    g_assert_cmpint(adb_request(b, reset, 1, r), ==, 0);
    g_assert_cmpint(adb_request(b, talk3_mouse, 1, r), ==, 2);
    g_assert_cmphex(r[1], ==, 1);
    adb_bus_free(b);
}

static void test_save_load(void)
{
    fx *f = setup();
    linux_init_via(f);
    uint8_t reply[16];
    const uint8_t set[] = {CUDA_PSEUDO_PACKET, CUDA_SET_PRAM, 0x00, 0x42, 0x5a};
    linux_request(f, set, 5, reply);
    const uint8_t on[] = {CUDA_PSEUDO_PACKET, CUDA_AUTOPOLL, 1};
    linux_request(f, on, 3, reply);
    const device *d = cuda_device(f->c);
    st_writer *w = st_writer_new();
    st_begin_chunk(w, d->id, d->cls->state_version);
    d->cls->save(d, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);
    sched_time saved_at = sched_now(&f->s);

    /* Restore into a fresh CUDA (on a timeline restored to the same
     * time, as the machine does) and keep talking to it. */
    teardown(f);
    f = setup();
    sched_run_until(&f->s, saved_at);
    st_reader *r = st_reader_new(img, len, NULL);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "cuda", &ver));
    d = cuda_device(f->c);
    g_assert_true(d->cls->load(cuda_device(f->c), r, ver));
    st_reader_free(r);
    g_free(img);
    g_assert_cmphex(cuda_pram(f->c)[0x42], ==, 0x5a);
    adb_key(cuda_adb(f->c), 0x03, true);
    g_assert_true(wait_sr(f)); /* autopoll came back on */
    int n = linux_read_packet(f, reply);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmphex(reply[3], ==, 0x03);
    teardown(f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cuda/window", test_window);
    g_test_add_func("/cuda/sync-and-time", test_sync_and_get_time);
    g_test_add_func("/cuda/pram", test_pram);
    g_test_add_func("/cuda/adb", test_adb_through_cuda);
    g_test_add_func("/cuda/autopoll", test_autopoll);
    g_test_add_func("/cuda/collision", test_collision);
    g_test_add_func("/cuda/power", test_power);
    g_test_add_func("/cuda/errors", test_errors);
    g_test_add_func("/cuda/openbios-driver", test_openbios_driver);
    g_test_add_func("/cuda/save-load", test_save_load);
    g_test_add_func("/adb/registers", test_adb_registers);
    return g_test_run();
}
