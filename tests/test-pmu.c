/* The PMU and its ADB bus, driven through the VIA register window the way
 * Linux's drivers/macintosh/via-pmu.c (send_byte / recv_byte / the
 * pmu_sr_intr state machine, polled through IFR as pmu_poll does) and
 * OpenBIOS's drivers/pmu.c (pmu_handshake, polling TACK, DDRB never set)
 * drive it. */
#include <glib.h>
#include <string.h>

#include "machines/dev/pmu.h"

#define TACK 0x08
#define TREQ 0x10

#define US SCHED_PS_PER_US

typedef struct {
    sched s;
    pmu *p;
    const device_mmio *m;
    int64_t unix_time;
    int power_calls;
    bool power_restart;
    bool irq;
    int irq_rises;
    bool int_line;
    int int_rises;
    int cb1_seen;
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

static void int_cb(void *opaque, unsigned n, bool level)
{
    (void)n;
    fx *f = opaque;
    if (level && !f->int_line) f->int_rises++;
    f->int_line = level;
}

static fx *setup_with(bool with_adb)
{
    fx *f = g_new0(fx, 1);
    sched_init(&f->s);
    device_env env = {.sched = &f->s};
    f->p = pmu_create(&env, "pmu", with_adb);
    g_assert_nonnull(f->p);
    f->m = pmu_mmio(f->p);
    g_assert_cmpuint(f->m->size, ==, PMU_WINDOW_SIZE);
    f->unix_time = 1700000000;
    pmu_set_time_source(f->p, fake_time, f);
    pmu_set_power_hook(f->p, power_hook, f);
    pmu_connect_irq(f->p, irq_line_make(irq_cb, f, 0));
    pmu_connect_int_line(f->p, irq_line_make(int_cb, f, 0));
    return f;
}

static fx *setup(void)
{
    return setup_with(true);
}

static void teardown(fx *f)
{
    device_destroy(pmu_device(f->p));
    g_free(f);
}

/* Register access through the window: registers 0x200 apart, one byte. */
static uint8_t rd(fx *f, unsigned reg)
{
    return (uint8_t)f->m->ops->read(f->m->opaque, reg << 9, 1);
}

static void wr(fx *f, unsigned reg, uint8_t val)
{
    f->m->ops->write(f->m->opaque, reg << 9, val, 1);
}

static void advance(fx *f, sched_time dt)
{
    sched_run_until(&f->s, sched_now(&f->s) + dt);
}

/* ---- the host's view of the length table (Linux's pmu_data_len) ---- */

static int host_len(uint8_t cmd, int dir)
{
    static const struct {
        uint8_t cmd;
        int8_t len[2];
    } t[] = {
        {0xea, {0, 1}},  {0x70, {1, 0}},  {0x78, {0, -1}},  {0x38, {0, 4}}, {0x30, {4, 0}},
        {0x3a, {2, -1}}, {0x32, {-1, 0}}, {0x3b, {2, 1}},   {0x33, {3, 0}}, {0x20, {-1, 0}},
        {0x21, {0, 0}},  {0x7e, {4, 1}},  {0x7f, {4, 1}},   {0xd0, {0, 0}}, {0xdf, {-1, -1}},
        {0xdc, {0, 1}},  {0x6b, {0, 8}},  {0x0b, {-1, -1}}, {0x68, {0, 3}}, {0x8f, {-1, -1}},
        {0xe0, {-1, 0}},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(t); i++)
        if (t[i].cmd == cmd) return t[i].len[dir];
    g_assert_not_reached();
    return 0;
}

/* ---- a Linux-style host ---- */

static bool tack_asserted(fx *f)
{
    return !(rd(f, VIA_ORB) & TACK);
}

/* wait_for_ack: TACK negated, polled every 10 us, 4000 times. */
static bool wait_for_ack(fx *f)
{
    for (int i = 0; i < 4000; i++) {
        if (!tack_asserted(f)) return true;
        advance(f, 10 * US);
    }
    return false;
}

/* init_pmu's port setup, after find_via_pmu cleared IER and IFR. */
static void linux_init(fx *f)
{
    wr(f, VIA_IER, 0x7f);
    wr(f, VIA_IFR, 0x7f);
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TREQ);
    wr(f, VIA_DDRB, (uint8_t)((rd(f, VIA_DDRB) | TREQ) & ~TACK));
    wr(f, VIA_IER, 0x80 | VIA_INT_SR | VIA_INT_CB1);
}

static void send_byte(fx *f, uint8_t x)
{
    wr(f, VIA_ACR, rd(f, VIA_ACR) | VIA_ACR_SR_OUT | VIA_ACR_SR_EXT);
    wr(f, VIA_SR, x);
    wr(f, VIA_ORB, rd(f, VIA_ORB) & ~TREQ);
    (void)rd(f, VIA_ORB);
}

static void recv_byte(fx *f)
{
    wr(f, VIA_ACR, (uint8_t)((rd(f, VIA_ACR) & ~VIA_ACR_SR_OUT) | VIA_ACR_SR_EXT));
    (void)rd(f, VIA_SR);
    wr(f, VIA_ORB, rd(f, VIA_ORB) & ~TREQ);
    (void)rd(f, VIA_ORB);
}

/* via_pmu_interrupt's IFR poll until the SR flag, then the first half of
 * pmu_sr_intr: TREQ must be ours, TACK must be asserted, take the byte,
 * negate TREQ, wait for TACK to go away. */
static int sr_intr(fx *f, bool reading)
{
    uint8_t intr = 0;
    for (int i = 0; i < 4000 && !(intr & VIA_INT_SR); i++) {
        intr = rd(f, VIA_IFR) & (VIA_INT_SR | VIA_INT_CB1);
        wr(f, VIA_IFR, intr);
        if (intr & VIA_INT_CB1) f->cb1_seen++;
        if (!(intr & VIA_INT_SR)) advance(f, 5 * US);
    }
    g_assert_true(intr & VIA_INT_SR);
    g_assert_false(rd(f, VIA_ORB) & TREQ); /* not a spurious SR interrupt */
    g_assert_true(tack_asserted(f));
    int bite = reading ? rd(f, VIA_SR) : 0;
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TREQ);
    g_assert_true(wait_for_ack(f));
    return bite;
}

/* One request (data[0] the command), pmu_start + the sending and reading
 * states. Returns the reply length (without the length byte). */
static int linux_request(fx *f, const uint8_t *data, int nbytes, uint8_t *reply)
{
    g_assert_true(wait_for_ack(f));
    int data_len = host_len(data[0], 0);
    if (data_len >= 0) g_assert_cmpint(nbytes, ==, data_len + 1);
    int idx = 1;
    send_byte(f, data[0]);
    for (;;) {
        sr_intr(f, false);
        if (data_len < 0) {
            data_len = nbytes - 1;
            send_byte(f, (uint8_t)data_len);
            continue;
        }
        if (idx <= data_len) {
            send_byte(f, data[idx++]);
            continue;
        }
        break;
    }
    data_len = host_len(data[0], 1);
    if (data_len == 0) return 0;
    int n = 0;
    recv_byte(f);
    for (;;) {
        int bite = sr_intr(f, true);
        if (data_len == -1) {
            data_len = bite;
            g_assert_cmpint(data_len, <=, 32);
        } else {
            reply[n++] = (uint8_t)bite;
        }
        if (n < data_len) {
            recv_byte(f);
            continue;
        }
        break;
    }
    return n;
}

/* The CB1 flag ("the PMU has something"), as via_pmu_interrupt sees it. */
static bool cb1_pending(fx *f)
{
    uint8_t ifr = rd(f, VIA_IFR);
    if (!(ifr & VIA_INT_CB1)) return false;
    wr(f, VIA_IFR, VIA_INT_CB1);
    return true;
}

/* Polls IFR for CB1 (10 us steps, up to 250 ms, beyond the PMU's 100 ms
 * repeat): the pulse comes a little after the transaction that caused it. */
static bool wait_cb1(fx *f)
{
    for (int i = 0; i < 25000; i++) {
        if (cb1_pending(f)) return true;
        advance(f, 10 * US);
    }
    return false;
}

/* ---- an OpenBIOS-style host: TACK polled, SR read after the handshake ---- */

static void ob_handshake(fx *f)
{
    wr(f, VIA_ORB, rd(f, VIA_ORB) & ~TREQ);
    int i = 0;
    while (!tack_asserted(f) && i++ < 1000) advance(f, 1 * US);
    g_assert_true(tack_asserted(f));
    wr(f, VIA_ORB, rd(f, VIA_ORB) | TREQ);
    i = 0;
    while (tack_asserted(f) && i++ < 1000) advance(f, 1 * US);
    g_assert_false(tack_asserted(f));
}

static void ob_send_byte(fx *f, uint8_t v)
{
    wr(f, VIA_ACR, rd(f, VIA_ACR) | VIA_ACR_SR_OUT | VIA_ACR_SR_EXT);
    wr(f, VIA_SR, v);
    ob_handshake(f);
}

static uint8_t ob_recv_byte(fx *f)
{
    wr(f, VIA_ACR, (uint8_t)((rd(f, VIA_ACR) & ~VIA_ACR_SR_OUT) | VIA_ACR_SR_EXT));
    (void)rd(f, VIA_SR);
    ob_handshake(f);
    return rd(f, VIA_SR);
}

static int ob_request(fx *f, uint8_t cmd, int in_len, const uint8_t *in, uint8_t *out)
{
    g_assert_false(tack_asserted(f));
    int l = host_len(cmd, 0);
    ob_send_byte(f, cmd);
    if (l < 0) ob_send_byte(f, (uint8_t)in_len);
    for (int i = 0; i < in_len; i++) ob_send_byte(f, in[i]);
    l = host_len(cmd, 1);
    if (l < 0) l = ob_recv_byte(f);
    for (int i = 0; i < l; i++) out[i] = ob_recv_byte(f);
    return l;
}

/* OpenBIOS pmu_adb_req: the ADB command without autopoll, then INT_ACK;
 * the ADB data starts at byte 3 of the INT_ACK reply. */
static int ob_adb(fx *f, const uint8_t *snd, int len, uint8_t *rcv)
{
    uint8_t buf[64];
    buf[0] = snd[0];
    buf[1] = 0;
    buf[2] = (uint8_t)(len - 1);
    memcpy(buf + 3, snd + 1, (size_t)(len - 1));
    uint8_t out[64];
    ob_request(f, PMU_ADB_CMD, len + 2, buf, out);
    int olen = ob_request(f, PMU_INT_ACK, 0, NULL, buf);
    if (olen <= 2) return 0;
    memcpy(rcv, buf + 3, (size_t)(olen - 3));
    return olen - 3;
}

/* ---- tests ---- */

static void test_version_linux(void)
{
    fx *f = setup();
    linux_init(f);
    uint8_t reply[32];
    /* init_pmu: the interrupt mask, then SYSTEM_READY, then the version. */
    const uint8_t mask[] = {PMU_SET_INTR_MASK, PMU_INT_ADB | PMU_INT_TICK};
    g_assert_cmpint(linux_request(f, mask, 2, reply), ==, 0);
    const uint8_t ready[] = {PMU_SYSTEM_READY, 2};
    g_assert_cmpint(linux_request(f, ready, 2, reply), ==, 0);
    const uint8_t ver[] = {PMU_GET_VERSION};
    g_assert_cmpint(linux_request(f, ver, 1, reply), ==, 1);
    g_assert_cmphex(reply[0], ==, PMU_FIRMWARE_VERSION);
    /* The SR flags reached the CPU through IER. */
    g_assert_cmpint(f->irq_rises, >, 0);
    g_assert_false(f->irq);
    teardown(f);
}

static void test_openbios_style(void)
{
    fx *f = setup();
    /* No DDRB, no IER, no IFR: straight after reset. */
    uint8_t out[32];
    g_assert_cmpint(ob_request(f, PMU_GET_VERSION, 0, NULL, out), ==, 1);
    g_assert_cmphex(out[0], ==, PMU_FIRMWARE_VERSION);
    g_assert_cmpint(ob_request(f, PMU_READ_RTC, 0, NULL, out), ==, 4);
    uint32_t t = (uint32_t)out[0] << 24 | (uint32_t)out[1] << 16 | (uint32_t)out[2] << 8 | out[3];
    g_assert_cmpuint(t, ==, (uint32_t)(1700000000LL + 2082844800LL));
    teardown(f);
}

static void test_rtc(void)
{
    fx *f = setup();
    linux_init(f);
    uint8_t reply[32];
    const uint8_t get[] = {PMU_READ_RTC};
    g_assert_cmpint(linux_request(f, get, 1, reply), ==, 4);
    uint32_t t =
        (uint32_t)reply[0] << 24 | (uint32_t)reply[1] << 16 | (uint32_t)reply[2] << 8 | reply[3];
    g_assert_cmpuint(t, ==, (uint32_t)(1700000000LL + 2082844800LL));

    const uint8_t set[] = {PMU_SET_RTC, 0xb0, 0x00, 0x12, 0x34};
    g_assert_cmpint(linux_request(f, set, 5, reply), ==, 0);
    f->unix_time += 10; /* the clock keeps running from the new value */
    g_assert_cmpint(linux_request(f, get, 1, reply), ==, 4);
    t = (uint32_t)reply[0] << 24 | (uint32_t)reply[1] << 16 | (uint32_t)reply[2] << 8 | reply[3];
    g_assert_cmphex(t, ==, 0xb0001234u + 10);
    teardown(f);
}

static void test_xpram(void)
{
    fx *f = setup();
    linux_init(f);
    uint8_t reply[32];
    const uint8_t w[] = {PMU_WRITE_XPRAM, 0x10, 4, 0xde, 0xad, 0xbe, 0xef};
    g_assert_cmpint(linux_request(f, w, 7, reply), ==, 0);
    g_assert_cmphex(pmu_xpram(f->p)[0x10], ==, 0xde);
    g_assert_cmphex(pmu_xpram(f->p)[0x13], ==, 0xef);
    const uint8_t r[] = {PMU_READ_XPRAM, 0x11, 3};
    g_assert_cmpint(linux_request(f, r, 3, reply), ==, 3);
    g_assert_cmphex(reply[0], ==, 0xad);
    g_assert_cmphex(reply[1], ==, 0xbe);
    g_assert_cmphex(reply[2], ==, 0xef);
    /* The address wraps inside the 256 bytes. */
    const uint8_t w2[] = {PMU_WRITE_XPRAM, 0xff, 2, 0x11, 0x22};
    linux_request(f, w2, 5, reply);
    g_assert_cmphex(pmu_xpram(f->p)[0xff], ==, 0x11);
    g_assert_cmphex(pmu_xpram(f->p)[0x00], ==, 0x22);
    /* The NVRAM commands reach the same bytes by 16-bit address. */
    const uint8_t rn[] = {PMU_READ_NVRAM, 0x00, 0x12};
    g_assert_cmpint(linux_request(f, rn, 3, reply), ==, 1);
    g_assert_cmphex(reply[0], ==, 0xbe);
    const uint8_t wn[] = {PMU_WRITE_NVRAM, 0x00, 0x20, 0x77};
    linux_request(f, wn, 4, reply);
    g_assert_cmphex(pmu_xpram(f->p)[0x20], ==, 0x77);
    const uint8_t rfar[] = {PMU_READ_NVRAM, 0x10, 0x00};
    linux_request(f, rfar, 3, reply);
    g_assert_cmphex(reply[0], ==, 0xff);
    teardown(f);
}

static void test_adb_openbios(void)
{
    fx *f = setup();
    uint8_t rcv[16];
    /* Talk register 3 of the keyboard (address 2): two bytes, handler 2. */
    const uint8_t talk3[] = {0x2f};
    g_assert_cmpint(ob_adb(f, talk3, 1, rcv), ==, 2);
    g_assert_cmphex(rcv[0] & 0x0f, ==, 2);
    g_assert_cmphex(rcv[1], ==, 2);
    /* Nobody at address 5. */
    const uint8_t talk5[] = {0x5f};
    g_assert_cmpint(ob_adb(f, talk5, 1, rcv), ==, 0);
    /* Listen register 3 moves the mouse to address 9 (as adb_bus_init
     * relocates devices), after which it answers there. */
    const uint8_t listen[] = {0x3b, 0x29, 0xfe};
    g_assert_cmpint(ob_adb(f, listen, 3, rcv), ==, 0);
    const uint8_t talk9[] = {0x9f};
    g_assert_cmpint(ob_adb(f, talk9, 1, rcv), ==, 2);
    g_assert_cmphex(rcv[0] & 0x0f, ==, 9);
    /* A key typed at the prompt: Talk register 0. */
    adb_key(pmu_adb(f->p), 0x0e, true);
    const uint8_t talk0[] = {0x2c};
    g_assert_cmpint(ob_adb(f, talk0, 1, rcv), ==, 2);
    g_assert_cmphex(rcv[0], ==, 0x0e);
    g_assert_cmphex(rcv[1], ==, 0xff);
    teardown(f);
}

static void test_adb_linux_apple_layout(void)
{
    fx *f = setup();
    pmu_set_adb_reply_layout(f->p, PMU_ADB_REPLY_APPLE);
    linux_init(f);
    uint8_t reply[32];
    /* pmu_send_request's ADB packet: cmd, flags, length, data. */
    const uint8_t talk3[] = {PMU_ADB_CMD, 0x2f, 0, 0};
    g_assert_cmpint(linux_request(f, talk3, 4, reply), ==, 0);
    /* The reply comes as an interrupt: CB1, then INT_ACK. */
    g_assert_true(wait_cb1(f));
    g_assert_true(f->int_line);
    const uint8_t ack[] = {PMU_INT_ACK};
    int n = linux_request(f, ack, 1, reply);
    g_assert_cmpint(n, ==, 4);
    g_assert_cmphex(reply[0], ==, PMU_INT_ADB);
    g_assert_cmphex(reply[1], ==, 0x2f);
    g_assert_cmphex(reply[3], ==, 2); /* adb.c's handler_id = reply[2] of data + 1 */
    g_assert_false(f->int_line);
    /* Nothing more: the next INT_ACK reports no bits. */
    n = linux_request(f, ack, 1, reply);
    g_assert_cmpint(n, ==, 1);
    g_assert_cmphex(reply[0], ==, 0);
    teardown(f);
}

static void test_autopoll(void)
{
    fx *f = setup();
    linux_init(f);
    uint8_t reply[32];
    const uint8_t mask[] = {PMU_SET_INTR_MASK, PMU_INT_ADB};
    linux_request(f, mask, 2, reply);
    /* __pmu_adb_autopoll: "00 86 mask" with the keyboard's bit. */
    const uint8_t on[] = {PMU_ADB_CMD, 0, 0x86, 0x00, 0x04};
    linux_request(f, on, 5, reply);
    advance(f, 50000 * US);
    g_assert_false(cb1_pending(f)); /* nothing typed yet */
    f->irq_rises = 0;

    adb_key(pmu_adb(f->p), 0x00, true);
    advance(f, 20000 * US);
    g_assert_true(f->irq); /* CB1 is enabled in IER */
    g_assert_cmpint(f->int_rises, ==, 1);
    g_assert_true(cb1_pending(f));
    g_assert_false(f->irq);
    const uint8_t ack[] = {PMU_INT_ACK};
    int n = linux_request(f, ack, 1, reply);
    g_assert_cmpint(n, ==, 4);
    g_assert_cmphex(reply[0], ==, PMU_INT_ADB | PMU_INT_ADB_AUTO);
    g_assert_cmphex(reply[1], ==, 0x2c); /* Talk R0 of address 2 */
    g_assert_cmphex(reply[2], ==, 0x00); /* 'A' down */
    g_assert_cmphex(reply[3], ==, 0xff);
    g_assert_false(f->int_line);

    /* The release comes as another interrupt. */
    adb_key(pmu_adb(f->p), 0x00, false);
    advance(f, 20000 * US);
    g_assert_true(cb1_pending(f));
    n = linux_request(f, ack, 1, reply);
    g_assert_cmpint(n, ==, 4);
    g_assert_cmphex(reply[2], ==, 0x80);

    /* The mouse is not in the mask: its motion is not polled. */
    adb_mouse(pmu_adb(f->p), 3, 0, 0);
    advance(f, 50000 * US);
    g_assert_false(cb1_pending(f));

    /* Autopoll off: keys wait in the keyboard. */
    const uint8_t off[] = {PMU_ADB_POLL_OFF};
    linux_request(f, off, 1, reply);
    adb_key(pmu_adb(f->p), 0x01, true);
    advance(f, 50000 * US);
    g_assert_false(cb1_pending(f));
    g_assert_true(adb_has_data(pmu_adb(f->p)));
    teardown(f);
}

static void test_host_reply_before_autopoll(void)
{
    fx *f = setup();
    linux_init(f);
    uint8_t reply[32];
    const uint8_t on[] = {PMU_ADB_CMD, 0, 0x86, 0x00, 0x04};
    linux_request(f, on, 5, reply);
    adb_key(pmu_adb(f->p), 0x03, true);
    advance(f, 20000 * US); /* an autopoll packet waits */
    /* A host ADB command now: its reply is delivered first, then the
     * autopoll data, each with its own interrupt. */
    const uint8_t talk3[] = {PMU_ADB_CMD, 0x3f, 2, 0};
    linux_request(f, talk3, 4, reply);
    const uint8_t ack[] = {PMU_INT_ACK};
    int n = linux_request(f, ack, 1, reply);
    g_assert_cmpint(n, ==, 5);
    g_assert_cmphex(reply[0], ==, PMU_INT_ADB);
    g_assert_cmphex(reply[1], ==, 0x01); /* QEMU layout: 01, length, data */
    g_assert_cmphex(reply[2], ==, 2);
    g_assert_cmphex(reply[3] & 0x0f, ==, 3);
    g_assert_true(f->int_line);
    g_assert_true(wait_cb1(f)); /* signalled again after the ack */
    n = linux_request(f, ack, 1, reply);
    g_assert_cmphex(reply[0], ==, PMU_INT_ADB | PMU_INT_ADB_AUTO);
    g_assert_cmphex(reply[2], ==, 0x03);
    teardown(f);
}

static void test_tick(void)
{
    fx *f = setup();
    linux_init(f);
    uint8_t reply[32];
    const uint8_t mask[] = {PMU_SET_INTR_MASK, PMU_INT_TICK};
    linux_request(f, mask, 2, reply);
    (void)cb1_pending(f);
    advance(f, 1100 * SCHED_PS_PER_MS);
    g_assert_true(cb1_pending(f));
    const uint8_t ack[] = {PMU_INT_ACK};
    g_assert_cmpint(linux_request(f, ack, 1, reply), ==, 1);
    g_assert_cmphex(reply[0], ==, PMU_INT_TICK);
    /* Masked off: no more ticks. */
    const uint8_t none[] = {PMU_SET_INTR_MASK, 0};
    linux_request(f, none, 2, reply);
    advance(f, 2500 * SCHED_PS_PER_MS);
    g_assert_false(cb1_pending(f));
    teardown(f);
}

static void test_power_off(void)
{
    fx *f = setup();
    linux_init(f);
    uint8_t reply[32];
    const uint8_t bad[] = {PMU_SHUTDOWN, 'M', 'A', 'T', 'X'};
    g_assert_cmpint(linux_request(f, bad, 5, reply), ==, 1);
    g_assert_cmpint(f->power_calls, ==, 0);
    const uint8_t good[] = {PMU_SHUTDOWN, 'M', 'A', 'T', 'T'};
    g_assert_cmpint(linux_request(f, good, 5, reply), ==, 1);
    g_assert_cmpint(f->power_calls, ==, 1);
    g_assert_false(f->power_restart);
    /* Sleep is refused: no power action. */
    const uint8_t sleep[] = {PMU_SLEEP, 'M', 'A', 'T', 'T'};
    g_assert_cmpint(linux_request(f, sleep, 5, reply), ==, 1);
    g_assert_cmpint(f->power_calls, ==, 1);
    teardown(f);
}

static void test_reset(void)
{
    fx *f = setup();
    uint8_t out[8];
    /* OpenBIOS's reset-all. */
    g_assert_cmpint(ob_request(f, PMU_RESET, 0, NULL, out), ==, 0);
    g_assert_cmpint(f->power_calls, ==, 1);
    g_assert_true(f->power_restart);
    /* And its power-off, whose reply byte it reads. */
    const uint8_t matt[] = {'M', 'A', 'T', 'T'};
    g_assert_cmpint(ob_request(f, PMU_SHUTDOWN, 4, matt, out), ==, 1);
    g_assert_cmpint(f->power_calls, ==, 2);
    g_assert_false(f->power_restart);
    teardown(f);
}

static void test_bad_commands(void)
{
    fx *f = setup();
    linux_init(f);
    uint8_t reply[32];
    /* Unknown commands answer in the shape the table gives. */
    const uint8_t u1[] = {0x0b, 1, 2};
    g_assert_cmpint(linux_request(f, u1, 3, reply), ==, 0);
    memset(reply, 0xaa, sizeof(reply));
    const uint8_t u2[] = {0x68};
    g_assert_cmpint(linux_request(f, u2, 1, reply), ==, 3);
    g_assert_cmphex(reply[0] | reply[1] | reply[2], ==, 0);
    const uint8_t u3[] = {0xe0, 9, 9, 9};
    g_assert_cmpint(linux_request(f, u3, 4, reply), ==, 0);
    /* A desktop's battery state: AC, no battery. */
    const uint8_t bat[] = {PMU_BATTERY_STATE};
    g_assert_cmpint(linux_request(f, bat, 1, reply), ==, 8);
    g_assert_cmphex(reply[0], ==, 0x01);
    /* Power events: set then get. */
    const uint8_t pe_set[] = {0x8f, 1, 0x00, 0x02};
    linux_request(f, pe_set, 4, reply);
    const uint8_t pe_get[] = {0x8f, 0};
    g_assert_cmpint(linux_request(f, pe_get, 2, reply), ==, 2);
    g_assert_cmphex(reply[1], ==, 0x02);

    /* An out-of-step host: SET_RTC with one argument byte, then reads.
     * The PMU runs what it has and answers; the host is not stuck. */
    send_byte(f, PMU_SET_RTC);
    sr_intr(f, false);
    send_byte(f, 0x12);
    sr_intr(f, false);
    recv_byte(f);
    g_assert_cmphex(sr_intr(f, true), ==, 0);
    /* A read with nothing to say. */
    recv_byte(f);
    g_assert_cmphex(sr_intr(f, true), ==, 0);
    /* A host that starts a new command in the middle of a reply. */
    send_byte(f, PMU_READ_RTC);
    sr_intr(f, false);
    recv_byte(f);
    sr_intr(f, true);
    /* ...and then everything works again. */
    const uint8_t ver[] = {PMU_GET_VERSION};
    g_assert_cmpint(linux_request(f, ver, 1, reply), ==, 1);
    g_assert_cmphex(reply[0], ==, PMU_FIRMWARE_VERSION);
    teardown(f);
}

static void test_without_adb(void)
{
    fx *f = setup_with(false);
    g_assert_null(pmu_adb(f->p));
    linux_init(f);
    uint8_t reply[32];
    const uint8_t talk3[] = {PMU_ADB_CMD, 0x2f, 0, 0};
    linux_request(f, talk3, 4, reply);
    g_assert_false(cb1_pending(f));
    const uint8_t ack[] = {PMU_INT_ACK};
    g_assert_cmpint(linux_request(f, ack, 1, reply), ==, 1);
    g_assert_cmphex(reply[0], ==, 0);
    teardown(f);
}

static uint8_t *save(fx *f, size_t *len)
{
    const device *d = pmu_device(f->p);
    st_writer *w = st_writer_new();
    st_begin_chunk(w, d->id, d->cls->state_version);
    d->cls->save(d, w);
    st_end_chunk(w);
    return st_writer_finish(w, len);
}

static void load(fx *f, const uint8_t *img, size_t len)
{
    st_reader *r = st_reader_new(img, len, NULL);
    g_assert_nonnull(r);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "pmu", &ver));
    device *d = pmu_device(f->p);
    g_assert_true(d->cls->load(d, r, ver));
    st_reader_free(r);
}

static void test_save_load(void)
{
    fx *f = setup();
    linux_init(f);
    uint8_t reply[32];
    const uint8_t w[] = {PMU_WRITE_XPRAM, 0x42, 1, 0x5a};
    linux_request(f, w, 4, reply);
    const uint8_t set[] = {PMU_SET_RTC, 0x10, 0x20, 0x30, 0x40};
    linux_request(f, set, 5, reply);
    const uint8_t on[] = {PMU_ADB_CMD, 0, 0x86, 0x00, 0x04};
    linux_request(f, on, 5, reply);
    adb_key(pmu_adb(f->p), 0x07, true);
    advance(f, 20000 * US); /* the key waits in the PMU */
    adb_key(pmu_adb(f->p), 0x08, true);
    /* Save in the middle of a transaction: GET_VERSION's byte in flight. */
    send_byte(f, PMU_GET_VERSION);
    size_t len;
    uint8_t *img = save(f, &len);
    sched_time saved_at = sched_now(&f->s);
    teardown(f);

    /* A fresh PMU on a timeline restored to the same time. */
    f = setup();
    sched_run_until(&f->s, saved_at);
    load(f, img, len);
    g_free(img);
    g_assert_cmphex(pmu_xpram(f->p)[0x42], ==, 0x5a);
    /* The transaction goes on where it was. */
    sr_intr(f, false);
    recv_byte(f);
    g_assert_cmphex(sr_intr(f, true), ==, PMU_FIRMWARE_VERSION);
    /* The clock kept its offset. */
    const uint8_t get[] = {PMU_READ_RTC};
    linux_request(f, get, 1, reply);
    g_assert_cmphex(reply[0], ==, 0x10);
    g_assert_cmphex(reply[3], ==, 0x40);
    /* The waiting packet, then the key still in the keyboard (autopoll
     * came back on). */
    g_assert_true(wait_cb1(f));
    const uint8_t ack[] = {PMU_INT_ACK};
    linux_request(f, ack, 1, reply);
    g_assert_cmphex(reply[0], ==, PMU_INT_ADB | PMU_INT_ADB_AUTO);
    g_assert_cmphex(reply[2], ==, 0x07);
    g_assert_true(wait_cb1(f));
    linux_request(f, ack, 1, reply);
    g_assert_cmphex(reply[2], ==, 0x08);
    teardown(f);
}

static void test_bad_state(void)
{
    fx *f = setup();
    size_t len;
    uint8_t *img = save(f, &len);
    /* A truncated chunk is refused. */
    st_writer *w = st_writer_new();
    const device *d = pmu_device(f->p);
    st_begin_chunk(w, "pmu", d->cls->state_version);
    st_put_bytes(w, img + 44, 40); /* part of a payload only */
    st_end_chunk(w);
    size_t blen;
    uint8_t *bad = st_writer_finish(w, &blen);
    st_reader *r = st_reader_new(bad, blen, NULL);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "pmu", &ver));
    g_assert_false(pmu_device(f->p)->cls->load(pmu_device(f->p), r, ver));
    st_reader_free(r);
    /* A newer version is refused. */
    r = st_reader_new(img, len, NULL);
    g_assert_true(st_find_chunk(r, "pmu", &ver));
    g_assert_false(pmu_device(f->p)->cls->load(pmu_device(f->p), r, 99));
    st_reader_free(r);
    g_free(bad);
    g_free(img);
    teardown(f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pmu/version-linux", test_version_linux);
    g_test_add_func("/pmu/openbios-style", test_openbios_style);
    g_test_add_func("/pmu/rtc", test_rtc);
    g_test_add_func("/pmu/xpram", test_xpram);
    g_test_add_func("/pmu/adb-openbios", test_adb_openbios);
    g_test_add_func("/pmu/adb-linux-apple-layout", test_adb_linux_apple_layout);
    g_test_add_func("/pmu/autopoll", test_autopoll);
    g_test_add_func("/pmu/host-reply-before-autopoll", test_host_reply_before_autopoll);
    g_test_add_func("/pmu/tick", test_tick);
    g_test_add_func("/pmu/power-off", test_power_off);
    g_test_add_func("/pmu/reset", test_reset);
    g_test_add_func("/pmu/bad-commands", test_bad_commands);
    g_test_add_func("/pmu/without-adb", test_without_adb);
    g_test_add_func("/pmu/save-load", test_save_load);
    g_test_add_func("/pmu/bad-state", test_bad_state);
    return g_test_run();
}
