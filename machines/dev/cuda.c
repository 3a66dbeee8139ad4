/* Apple CUDA system controller behind a 6522 VIA. See cuda.h.
 *
 * The byte protocol, as the host drivers run it (Linux via-cuda.c,
 * OpenBIOS drivers/cuda.c) and as the CUDA answers here:
 *
 * Host to CUDA (a command packet):
 *   host: ACR shift-out (SR_OUT), writes byte 0 to SR, asserts TIP
 *   CUDA: clocks the byte out of SR, then raises the SR flag
 *   host: writes the next byte to SR, toggles TACK; CUDA takes it, SR flag
 *   host: after the last flag: ACR shift-in, reads SR, negates TIP and TACK
 *   CUDA: end of transfer -> SR flag; it runs the command and, with a
 *         reply, asserts TREQ at once, so that flag is also the
 *         "attention" the host waits for.
 * CUDA to host (a reply, or unsolicited autopoll data):
 *   CUDA: asserts TREQ, SR flag (the attention byte; its value is junk)
 *   host: reads SR, asserts TIP
 *   CUDA: shifts byte 0 into SR, SR flag
 *   host: reads SR; TREQ still asserted -> toggles TACK for the next byte
 *   CUDA: with the last byte it negates TREQ before the flag
 *   host: reads it, sees TREQ negated, negates TIP and TACK
 *   CUDA: end of transfer -> SR flag (the host reads SR to clear it)
 * Sync (Linux cuda_init_via): with TIP negated the host asserts TACK; the
 *   CUDA drops any transfer, asserts TREQ and raises the flag; the host
 *   negates TACK; the CUDA negates TREQ and raises the flag.
 * Collision: the host asserts TIP to send while TREQ is asserted. The
 *   CUDA ignores the host's bytes (the flag still comes, so the host sees
 *   TREQ and backs off); at TIP negation the CUDA raises the flag and its
 *   packet is then read as usual.
 *
 * Bytes move at the moment of the port B write that clocks them (SR is
 * loaded or read at once) and only the SR flag comes a byte time later.
 * Both drivers read SR only after the flag, so this is invisible to them,
 * and it keeps the protocol in step even when a host reads a stale flag
 * left by the power-on state (OpenBIOS polls IFR and never clears it
 * before its first command).
 *
 * The CUDA watches the port B output register whatever DDRB says:
 * OpenBIOS never programs DDRB, and QEMU's CUDA, which it was written
 * against, does the same. The lines read back as last written.
 */
#include "cuda.h"

#include <glib.h>
#include <string.h>

#define TREQ 0x08
#define TACK 0x10
#define TIP  0x20

/* From the byte's clock edge to the SR flag: a 68HC05 handshake takes a
 * few tens of microseconds per byte. */
#define CUDA_BYTE_DELAY (30 * SCHED_PS_PER_US)
/* Seconds from 1904-01-01 (the Mac epoch) to 1970-01-01. */
#define MAC_EPOCH_OFFSET 2082844800LL

#define OUT_MAX 64
#define IN_MAX  24

struct cuda {
    device dev;
    device_env env;
    via6522 *via;
    adb_bus *adb;

    /* Host lines as last written (port B output register) and TREQ. */
    uint8_t host_b;
    bool treq;

    /* Command from the host. */
    uint8_t out[OUT_MAX];
    int out_len;
    bool collision;
    bool sync;

    /* Packet for the host. */
    uint8_t in[IN_MAX];
    int in_len, in_pos;
    bool in_pending;

    sched_event sr_ev;   /* the delayed SR flag */
    sched_event poll_ev; /* autopoll */

    bool autopoll;
    uint8_t autopoll_ms;
    uint16_t device_mask;
    uint8_t one_second_mode;
    uint8_t power_messages;
    uint8_t ipl;
    uint8_t file_server;

    uint8_t pram[CUDA_PRAM_SIZE];
    int64_t rtc_offset; /* seconds added to the time source */
    int64_t (*time_fn)(void *ctx);
    void *time_ctx;

    void (*power_fn)(void *ctx, bool restart);
    void *power_ctx;
};

static int64_t host_unix_time(void *ctx)
{
    (void)ctx;
    return g_get_real_time() / G_USEC_PER_SEC;
}

static uint32_t rtc_now(const cuda *c)
{
    int64_t unix_s = c->time_fn(c->time_ctx);
    return (uint32_t)(unix_s + MAC_EPOCH_OFFSET + c->rtc_offset);
}

/* ---- byte level ---- */

static void sr_flag_later(cuda *c)
{
    sched_after(c->env.sched, &c->sr_ev, CUDA_BYTE_DELAY);
}

static void sr_flag_fire(void *opaque, sched_time late)
{
    (void)late;
    cuda *c = opaque;
    via6522_sr_done(c->via);
}

static bool sr_out_mode(const cuda *c)
{
    return via6522_peek(c->via, VIA_ACR) & VIA_ACR_SR_OUT;
}

static void take_byte(cuda *c)
{
    if (c->out_len < OUT_MAX) c->out[c->out_len++] = via6522_sr_get(c->via);
}

static void give_byte(cuda *c)
{
    via6522_sr_set(c->via, c->in[c->in_pos++]);
    /* TREQ goes away with the last byte, so the host sees it with the flag. */
    if (c->in_pos >= c->in_len) c->treq = false;
    sr_flag_later(c);
}

/* Queues a packet for the host: TREQ and the attention flag. */
static void post(cuda *c, const uint8_t *p, int n)
{
    if (n > IN_MAX) n = IN_MAX;
    memcpy(c->in, p, (size_t)n);
    c->in_len = n;
    c->in_pos = 0;
    c->in_pending = true;
    c->treq = true;
    sr_flag_later(c);
}

static bool idle(const cuda *c)
{
    bool tip = !(c->host_b & TIP);
    /* Also wait for the last flag to be delivered, so that an unsolicited
     * packet's attention flag is never merged with an end-of-transfer one. */
    return !tip && !c->in_pending && !c->treq && !c->sync && c->out_len == 0 &&
           !sched_is_queued(&c->sr_ev);
}

/* ---- commands ---- */

static void post_error(cuda *c, uint8_t code, uint8_t type, uint8_t cmd)
{
    uint8_t p[4] = {CUDA_ERROR_PACKET, code, type, cmd};
    post(c, p, 4);
}

static void autopoll_arm(cuda *c)
{
    if (c->autopoll)
        sched_after(c->env.sched, &c->poll_ev, (sched_time)c->autopoll_ms * SCHED_PS_PER_MS);
    else
        sched_cancel(c->env.sched, &c->poll_ev);
}

static uint8_t mcu_read(const cuda *c, unsigned addr)
{
    /* The 68HC05 keeps parameter RAM at 0x100-0x1ff of its address space. */
    if (addr >= 0x100 && addr < 0x200) return c->pram[addr - 0x100];
    return 0;
}

static void do_adb(cuda *c, const uint8_t *p, int n)
{
    if (n < 2) {
        post_error(c, CUDA_ERR_BAD_PARAMS, CUDA_ADB_PACKET, 0);
        return;
    }
    uint8_t reply[3 + ADB_MAX_REPLY] = {CUDA_ADB_PACKET, 0, p[1]};
    int r = adb_request(c->adb, p + 1, n - 1, reply + 3);
    if (r < 0) {
        reply[1] = 0x02; /* time-out: no device answered */
        r = 0;
    }
    post(c, reply, 3 + r);
}

/* Pseudo command p[1] with n - 2 argument bytes. Extra trailing bytes are
 * ignored: OpenBIOS sends GET_TIME, POWERDOWN and RESET_SYSTEM with one. */
static void do_pseudo(cuda *c, const uint8_t *p, int n)
{
    if (n < 2) {
        post_error(c, CUDA_ERR_BAD_PARAMS, CUDA_PSEUDO_PACKET, 0);
        return;
    }
    uint8_t cmd = p[1];
    const uint8_t *a = p + 2;
    int na = n - 2;
    uint8_t r[IN_MAX] = {CUDA_PSEUDO_PACKET, 0, cmd};
    int rn = 3;
    int power = -1;
    switch (cmd) {
    case CUDA_WARM_START:
    case CUDA_MS_RESET:
    case CUDA_POWERUP_TIME:
    case CUDA_WAKEUP:
    case CUDA_TIMER_TICKLE: break;
    case CUDA_AUTOPOLL:
        if (na < 1) goto bad;
        c->autopoll = a[0] != 0;
        autopoll_arm(c);
        break;
    case CUDA_GET_6805_ADDR:
        if (na < 2) goto bad;
        r[rn++] = mcu_read(c, (unsigned)(a[0] << 8 | a[1]));
        break;
    case CUDA_SET_6805_ADDR:
        if (na < 2) goto bad;
        for (int i = 2; i < na; i++) {
            unsigned addr = (unsigned)((a[0] << 8 | a[1]) + i - 2);
            if (addr >= 0x100 && addr < 0x200) c->pram[addr - 0x100] = a[i];
        }
        break;
    case CUDA_GET_TIME: {
        uint32_t t = rtc_now(c);
        r[rn++] = (uint8_t)(t >> 24);
        r[rn++] = (uint8_t)(t >> 16);
        r[rn++] = (uint8_t)(t >> 8);
        r[rn++] = (uint8_t)t;
        break;
    }
    case CUDA_SET_TIME: {
        if (na < 4) goto bad;
        uint32_t want = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
        c->rtc_offset += (int64_t)want - (int64_t)rtc_now(c);
        break;
    }
    case CUDA_GET_PRAM:
        if (na < 2) goto bad;
        r[rn++] = c->pram[a[1]];
        break;
    case CUDA_SET_PRAM:
        if (na < 2) goto bad;
        for (int i = 2; i < na; i++) c->pram[(uint8_t)(a[1] + i - 2)] = a[i];
        break;
    case CUDA_POWERDOWN: power = 0; break;
    case CUDA_RESET_SYSTEM: power = 1; break;
    case CUDA_SEND_DFAC:
    case CUDA_BATTERY_SWAP_SENSE: break;
    case CUDA_SET_IPL:
        if (na >= 1) c->ipl = a[0];
        break;
    case CUDA_FILE_SERVER_FLAG:
        if (na >= 1) c->file_server = a[0];
        break;
    case CUDA_SET_AUTO_RATE:
        if (na < 1 || a[0] == 0) goto bad;
        c->autopoll_ms = a[0];
        autopoll_arm(c);
        break;
    case CUDA_GET_AUTO_RATE: r[rn++] = c->autopoll_ms; break;
    case CUDA_SET_DEVICE_LIST:
        if (na < 2) goto bad;
        c->device_mask = (uint16_t)(a[0] << 8 | a[1]);
        break;
    case CUDA_GET_DEVICE_LIST:
        r[rn++] = (uint8_t)(c->device_mask >> 8);
        r[rn++] = (uint8_t)c->device_mask;
        break;
    case CUDA_SET_ONE_SECOND_MODE:
        /* Accepted; the one-second TIMER packets are not sent. */
        if (na >= 1) c->one_second_mode = a[0];
        break;
    case CUDA_SET_POWER_MESSAGES:
        if (na >= 1) c->power_messages = a[0];
        break;
    case CUDA_GET_SET_IIC:
    case CUDA_COMBINED_FORMAT_IIC:
        /* No I2C devices hang off this CUDA: nothing acknowledges. */
        post_error(c, CUDA_ERR_BAD_PARAMS, CUDA_PSEUDO_PACKET, cmd);
        return;
    default:
        clarus_log(c->env.log, LOG_DEBUG, c->dev.id, "unknown pseudo command 0x%02x", cmd);
        post_error(c, CUDA_ERR_BAD_COMMAND, CUDA_PSEUDO_PACKET, cmd);
        return;
    }
    post(c, r, rn);
    if (power >= 0 && c->power_fn) c->power_fn(c->power_ctx, power == 1);
    return;
bad:
    post_error(c, CUDA_ERR_BAD_PARAMS, CUDA_PSEUDO_PACKET, cmd);
}

static void run_command(cuda *c)
{
    switch (c->out[0]) {
    case CUDA_ADB_PACKET: do_adb(c, c->out, c->out_len); break;
    case CUDA_PSEUDO_PACKET: do_pseudo(c, c->out, c->out_len); break;
    default: post_error(c, CUDA_ERR_BAD_TYPE, c->out[0], c->out_len > 1 ? c->out[1] : 0); break;
    }
}

/* ---- the handshake lines ---- */

static void portb_changed(cuda *c, uint8_t b)
{
    bool tip = !(b & TIP), tack = !(b & TACK);
    bool was_tip = !(c->host_b & TIP), was_tack = !(c->host_b & TACK);
    c->host_b = b;
    if (tip == was_tip && tack == was_tack) return;

    if (tip && !was_tip) {
        /* Start of a transfer. */
        if (sr_out_mode(c)) {
            c->out_len = 0;
            c->collision = c->treq;
            if (!c->collision) take_byte(c);
            sr_flag_later(c);
        } else if (c->in_pending && c->in_pos < c->in_len) {
            give_byte(c);
        }
    } else if (tip) {
        /* TACK toggled inside a transfer: the next byte. */
        if (sr_out_mode(c)) {
            if (!c->collision) take_byte(c);
            sr_flag_later(c);
        } else if (c->in_pending && c->in_pos < c->in_len) {
            give_byte(c);
        }
    } else if (was_tip) {
        /* End of a transfer. */
        if (c->in_pending && c->in_pos > 0) {
            /* The host has read our packet (or given up on the rest). */
            c->in_pending = false;
            c->treq = false;
        }
        bool command = c->out_len > 0 && !c->collision;
        c->collision = false;
        sr_flag_later(c);
        if (command) run_command(c);
        c->out_len = 0;
    } else {
        /* TACK alone with TIP negated: the sync handshake. */
        if (tack) {
            c->out_len = 0;
            c->in_pending = false;
            c->treq = true;
            c->sync = true;
        } else {
            c->treq = false;
            c->sync = false;
        }
        sr_flag_later(c);
    }
}

static uint8_t via_port_in(void *ctx, int port)
{
    cuda *c = ctx;
    if (port == 0) return 0xff;
    uint8_t v = (uint8_t)(0xff & ~(TIP | TACK | TREQ));
    v |= c->host_b & (TIP | TACK);
    if (!c->treq) v |= TREQ;
    return v;
}

static void via_port_out(void *ctx, int port, uint8_t value, uint8_t ddr)
{
    (void)ddr;
    cuda *c = ctx;
    if (port == 1) portb_changed(c, value);
}

/* ---- autopoll ---- */

static void poll_fire(void *opaque, sched_time late)
{
    (void)late;
    cuda *c = opaque;
    if (!c->autopoll) return;
    if (idle(c)) {
        uint8_t p[3 + ADB_MAX_REPLY];
        int n;
        uint8_t addr;
        if (adb_poll_mask(c->adb, c->device_mask, p + 3, &n, &addr)) {
            p[0] = CUDA_ADB_PACKET;
            p[1] = 0x40; /* autopoll data */
            p[2] = (uint8_t)(addr << 4 | 0x0c);
            post(c, p, 3 + n);
        }
    }
    autopoll_arm(c);
}

/* ---- device ---- */

static void cuda_reset(device *d, reset_kind k)
{
    cuda *c = (cuda *)d;
    device_reset(via6522_device(c->via), k);
    /* The VIA's port B register is 0 after reset: both host lines read
     * as asserted until the host first writes them. */
    c->host_b = 0;
    c->treq = false;
    c->out_len = 0;
    c->collision = c->sync = false;
    c->in_len = c->in_pos = 0;
    c->in_pending = false;
    c->autopoll = false;
    c->autopoll_ms = 11;
    c->device_mask = 0xffff;
    c->one_second_mode = c->power_messages = c->ipl = c->file_server = 0;
    sched_cancel(c->env.sched, &c->sr_ev);
    sched_cancel(c->env.sched, &c->poll_ev);
    adb_bus_reset(c->adb);
    /* Parameter RAM and the clock are battery backed: kept. */
}

static void cuda_save(const device *d, st_writer *w)
{
    const cuda *c = (const cuda *)d;
    const device *vd = via6522_device(c->via);
    st_put_u16(w, vd->cls->state_version);
    vd->cls->save(vd, w);
    st_put_u8(w, c->host_b);
    st_put_bool(w, c->treq);
    st_put_u8(w, (uint8_t)c->out_len);
    st_put_bytes(w, c->out, (size_t)c->out_len);
    st_put_bool(w, c->collision);
    st_put_bool(w, c->sync);
    st_put_u8(w, (uint8_t)c->in_len);
    st_put_u8(w, (uint8_t)c->in_pos);
    st_put_bytes(w, c->in, (size_t)c->in_len);
    st_put_bool(w, c->in_pending);
    st_put_bool(w, sched_is_queued(&c->sr_ev));
    st_put_u64(w, (uint64_t)c->sr_ev.when);
    st_put_bool(w, c->autopoll);
    st_put_u8(w, c->autopoll_ms);
    st_put_u16(w, c->device_mask);
    st_put_u8(w, c->one_second_mode);
    st_put_u8(w, c->power_messages);
    st_put_u8(w, c->ipl);
    st_put_u8(w, c->file_server);
    st_put_bytes(w, c->pram, sizeof(c->pram));
    st_put_u64(w, (uint64_t)c->rtc_offset);
    adb_save(c->adb, w);
}

static bool cuda_load(device *d, st_reader *r, uint16_t version)
{
    cuda *c = (cuda *)d;
    if (version > 1) return false;
    device *vd = via6522_device(c->via);
    uint16_t vver = st_get_u16(r);
    if (!vd->cls->load(vd, r, vver)) return false;
    c->host_b = st_get_u8(r);
    c->treq = st_get_bool(r);
    c->out_len = st_get_u8(r);
    if (c->out_len > OUT_MAX) return false;
    st_get_bytes(r, c->out, (size_t)c->out_len);
    c->collision = st_get_bool(r);
    c->sync = st_get_bool(r);
    c->in_len = st_get_u8(r);
    c->in_pos = st_get_u8(r);
    if (c->in_len > IN_MAX || c->in_pos > c->in_len) return false;
    st_get_bytes(r, c->in, (size_t)c->in_len);
    c->in_pending = st_get_bool(r);
    bool sr_queued = st_get_bool(r);
    sched_time sr_when = (sched_time)st_get_u64(r);
    c->autopoll = st_get_bool(r);
    c->autopoll_ms = st_get_u8(r);
    if (c->autopoll_ms == 0) c->autopoll_ms = 11;
    c->device_mask = st_get_u16(r);
    c->one_second_mode = st_get_u8(r);
    c->power_messages = st_get_u8(r);
    c->ipl = st_get_u8(r);
    c->file_server = st_get_u8(r);
    st_get_bytes(r, c->pram, sizeof(c->pram));
    c->rtc_offset = (int64_t)st_get_u64(r);
    if (!adb_load(c->adb, r)) return false;
    if (sr_queued)
        sched_at(c->env.sched, &c->sr_ev, sr_when);
    else
        sched_cancel(c->env.sched, &c->sr_ev);
    autopoll_arm(c);
    return st_chunk_ok(r);
}

static void cuda_destroy(device *d)
{
    cuda *c = (cuda *)d;
    sched_cancel(c->env.sched, &c->sr_ev);
    sched_cancel(c->env.sched, &c->poll_ev);
    device_destroy(via6522_device(c->via));
    adb_bus_free(c->adb);
    g_free(c);
}

static const device_class cuda_class = {
    .type = "cuda",
    .desc = "Apple CUDA system controller: ADB, real-time clock, parameter RAM, power",
    .reset = cuda_reset,
    .save = cuda_save,
    .load = cuda_load,
    .state_version = 1,
    .destroy = cuda_destroy,
};

cuda *cuda_create(const device_env *env, const char *id)
{
    if (!env || !env->sched) return NULL;
    cuda *c = g_new0(cuda, 1);
    c->dev.cls = &cuda_class;
    c->dev.id = id ? id : "cuda";
    c->env = *env;
    via6522_hooks h = {.ctx = c, .port_in = via_port_in, .port_out = via_port_out};
    c->via = via6522_create(env, c->dev.id, CUDA_VIA_HZ, 9, &h);
    c->adb = adb_bus_new();
    c->time_fn = host_unix_time;
    sched_event_init(&c->sr_ev, "cuda-sr", sr_flag_fire, c, 0);
    sched_event_init(&c->poll_ev, "cuda-autopoll", poll_fire, c, 0);
    cuda_reset(&c->dev, RESET_POWER_ON);
    return c;
}

const device_mmio *cuda_mmio(cuda *c)
{
    return via6522_mmio(c->via);
}

void cuda_connect_irq(cuda *c, irq_line out)
{
    via6522_connect_irq(c->via, out);
}

void cuda_set_power_hook(cuda *c, void (*fn)(void *ctx, bool restart), void *ctx)
{
    c->power_fn = fn;
    c->power_ctx = ctx;
}

adb_bus *cuda_adb(cuda *c)
{
    return c->adb;
}

device *cuda_device(cuda *c)
{
    return &c->dev;
}

void cuda_set_time_source(cuda *c, int64_t (*fn)(void *ctx), void *ctx)
{
    c->time_fn = fn ? fn : host_unix_time;
    c->time_ctx = fn ? ctx : NULL;
}

uint8_t *cuda_pram(cuda *c)
{
    return c->pram;
}

via6522 *cuda_via(cuda *c)
{
    return c->via;
}
