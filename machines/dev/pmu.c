/* Apple PMU99 behind a 6522 VIA. See pmu.h.
 *
 * The byte handshake, from the PMU's side, as Linux's via-pmu.c
 * (send_byte / recv_byte / pmu_sr_intr) and OpenBIOS's drivers/pmu.c
 * (pmu_send_byte / pmu_recv_byte / pmu_handshake) drive it:
 *
 *   host: ACR shift out under CB1 (mode 111), writes the byte to SR, or
 *         ACR shift in under CB1 (mode 011) and reads SR to clear it;
 *         then asserts TREQ (PB4 low)
 *   PMU:  clocks the byte out of (or into) SR, which raises the SR flag,
 *         and asserts TACK (PB3 low)
 *   host: (reading: takes SR) negates TREQ and waits for TACK to go high
 *   PMU:  negates TACK
 *
 * The byte leaves SR at the TREQ edge (it is read at once); the SR flag
 * and TACK come one byte time later, together, so a host that polls TACK
 * (OpenBIOS) and one that takes the SR interrupt and then checks TACK
 * (Linux) both see a consistent pair. TACK goes away as soon as TREQ does.
 *
 * Which bytes make a command is fixed by the command length table (the
 * pmu_data_len table both drivers carry): the command byte; a length byte
 * when the table says -1, else the fixed count; the argument bytes. The
 * command runs once the last byte's handshake is over (TREQ negated);
 * the reply is then a length byte when the table says -1, else exactly the
 * fixed count (short answers are padded with zeros), so commands this
 * model does not know still answer in the shape the host expects.
 *
 * Out-of-step hosts do not hang: a byte written while a reply was being
 * read starts a new command; a read while a command still expects
 * argument bytes runs it with what came; reads past the end give zeros.
 *
 * Port B: the host's TREQ is watched in the output register whatever DDRB
 * says (OpenBIOS never programs DDRB; QEMU's PMU, which it was written
 * against, does the same), and reads back as last written. Until the host
 * first writes it the line is idle (negated): the VIA's output register
 * resets to 0, but with DDRB 0 the pin is an input pulled high. TACK is
 * driven by the PMU.
 *
 * Interrupts: an event the mask enables (ADB data, the tick) pulses CB1
 * once the PMU is idle, which latches the VIA's CB1 flag whichever edge
 * PCR selects, and pulses again every 100 ms until PMU_INT_ACK: any read
 * or write of port B clears the CB1 flag (R6522 data sheet, IFR), and
 * the host reads port B all through its handshakes. PMU_INT_ACK returns
 * one ADB packet at a time (the reply to a host PMU_ADB_CMD before
 * autopoll data) or, with none, the other pending bits.
 */
#include "pmu.h"

#include <glib.h>
#include <string.h>

#define TACK 0x08 /* PB3, PMU -> host, active low */
#define TREQ 0x10 /* PB4, host -> PMU, active low */

/* From TREQ to the SR flag and TACK: the PMU's 68HC05 core shifts a byte
 * and answers in a few tens of microseconds. */
#define PMU_BYTE_DELAY (30 * SCHED_PS_PER_US)
/* CB1 pulses: the first a little after the transaction that left an
 * event pending (so the host's own reads of port B while it finishes the
 * handshake, which clear the CB1 flag on a 6522, do not wipe it), then
 * again every 100 ms until PMU_INT_ACK, in case a port B access cleared
 * the flag before the host saw it. */
#define PMU_SIGNAL_DELAY  (50 * SCHED_PS_PER_US)
#define PMU_SIGNAL_REPEAT (100 * SCHED_PS_PER_MS)
/* Autopoll period: the ADB's usual 11 ms. */
#define PMU_AUTOPOLL_MS 11
/* Seconds from 1904-01-01 (the Mac epoch) to 1970-01-01. */
#define MAC_EPOCH_OFFSET 2082844800LL

#define ARG_MAX   256
#define REPLY_MAX 256
#define ADB_PKT   (3 + ADB_MAX_REPLY)

enum { PS_IDLE, PS_CMD, PS_REPLY };
enum { POWER_NONE = -1, POWER_OFF = 0, POWER_RESTART = 1 };

struct pmu {
    device dev;
    device_env env;
    via6522 *via;
    adb_bus *adb; /* NULL without ADB */
    irq_line int_line;
    bool int_level;

    uint8_t host_b; /* port B as the host last wrote it */
    bool tack;      /* TACK asserted */

    /* The transaction. */
    int state;
    uint8_t cmd;
    int argc; /* argument bytes expected; -1 until the length byte came */
    int nargs;
    uint8_t args[ARG_MAX];
    uint8_t reply[REPLY_MAX];
    int reply_len, reply_pos;
    bool reply_len_pending; /* the length byte has not been sent yet */
    int power;              /* action once the transaction is over */

    /* The byte in flight. */
    sched_event xfer_ev;
    bool xfer_in;
    uint8_t xfer_byte;

    /* Interrupts. */
    uint8_t intbits; /* pending, other than ADB (that one follows the slots) */
    uint8_t intmask;
    sched_event sig_ev; /* the next CB1 pulse */
    sched_event tick_ev;

    /* ADB packets waiting for PMU_INT_ACK; length -1 = empty. */
    uint8_t adb_reply[ADB_PKT];
    int adb_reply_len;
    uint8_t adb_auto[ADB_PKT];
    int adb_auto_len;
    bool autopoll;
    uint16_t poll_mask;
    sched_event poll_ev;
    pmu_adb_reply_layout layout;

    uint8_t powerup_events[2], wakeup_events[2];
    uint8_t xpram[PMU_XPRAM_SIZE];
    int64_t rtc_offset;
    int64_t (*time_fn)(void *ctx);
    void *time_ctx;
    void (*power_fn)(void *ctx, bool restart);
    void *power_ctx;
};

/* ---- the command length table ----
 *
 * Argument and reply byte counts per command, -1 meaning "a length byte
 * precedes them" (the pmu_data_len table of Linux's via-pmu.c and
 * OpenBIOS's drivers/pmu.c). Commands 0xn0-0xn7 default to "length byte,
 * no reply", 0xn8-0xnf to "length byte both ways"; the others are listed. */
typedef struct {
    uint8_t cmd;
    int8_t args, reply;
} len_entry;

static const len_entry len_table[] = {
    {0x10, 1, 0},  {0x11, 1, 0},  {0x18, 0, 1},  {0x19, 0, 1},  {0x1f, 0, 0},  {0x21, 0, 0},
    {0x22, 2, 0},  {0x23, 1, 0},  {0x24, 1, 0},  {0x28, 0, -1}, {0x29, 0, -1}, {0x2f, 0, -1},
    {0x30, 4, 0},  {0x31, 20, 0}, {0x33, 3, 0},  {0x38, 0, 4},  {0x39, 0, 20}, {0x3a, 2, -1},
    {0x3b, 2, 1},  {0x3c, 3, -1}, {0x3f, 4, 0},  {0x40, 1, 0},  {0x41, 1, 0},  {0x48, 0, 1},
    {0x49, 0, 1},  {0x4b, 1, 0},  {0x4c, 1, 0},  {0x50, 1, 0},  {0x51, 0, 0},  {0x52, 2, 0},
    {0x53, 2, 0},  {0x55, 1, 0},  {0x56, 3, 0},  {0x57, 1, 0},  {0x58, 0, 1},  {0x59, 1, 0},
    {0x5a, 0, 2},  {0x5b, 0, 2},  {0x5c, 0, -1}, {0x60, 2, 0},  {0x68, 0, 3},  {0x69, 0, 3},
    {0x6a, 0, 2},  {0x6b, 0, 8},  {0x6c, 0, -1}, {0x6d, 0, -1}, {0x70, 1, 0},  {0x71, 1, 0},
    {0x72, 1, 0},  {0x78, 0, -1}, {0x79, 0, -1}, {0x7d, 5, 1},  {0x7e, 4, 1},  {0x7f, 4, 1},
    {0x80, 4, 0},  {0x82, 0, 0},  {0x88, 0, 5},  {0x90, 1, 0},  {0x91, 2, 0},  {0x98, 0, 1},
    {0x99, 0, 1},  {0xa0, 2, 0},  {0xa1, 2, 0},  {0xa2, 2, 0},  {0xa3, 4, 0},  {0xa5, 0, 0},
    {0xa8, 1, 1},  {0xa9, 1, 0},  {0xaa, 3, 0},  {0xab, 2, 0},  {0xd0, 0, 0},  {0xd8, 1, 1},
    {0xd9, 1, 1},  {0xdc, 0, 1},  {0xdd, 0, -1}, {0xe1, 4, 0},  {0xe2, 0, 1},  {0xe5, 4, 0},
    {0xe8, 3, -1}, {0xea, 0, 1},  {0xec, 0, -1}, {0xef, 0, 0},
};

static len_entry lengths(uint8_t cmd)
{
    for (size_t i = 0; i < G_N_ELEMENTS(len_table); i++)
        if (len_table[i].cmd == cmd) return len_table[i];
    len_entry e = {cmd, -1, (int8_t)((cmd & 8) ? -1 : 0)};
    return e;
}

/* ---- clock ---- */

static int64_t host_unix_time(void *ctx)
{
    (void)ctx;
    return g_get_real_time() / G_USEC_PER_SEC;
}

static uint32_t rtc_now(const pmu *p)
{
    return (uint32_t)(p->time_fn(p->time_ctx) + MAC_EPOCH_OFFSET + p->rtc_offset);
}

/* ---- interrupts ---- */

static uint8_t pending_bits(const pmu *p)
{
    uint8_t b = p->intbits;
    if (p->adb_reply_len >= 0 || p->adb_auto_len >= 0) b |= PMU_INT_ADB;
    return b;
}

static bool host_treq(const pmu *p)
{
    return !(p->host_b & TREQ);
}

static bool busy(const pmu *p)
{
    return p->state != PS_IDLE || host_treq(p) || sched_is_queued(&p->xfer_ev);
}

static bool int_pending(const pmu *p)
{
    return (pending_bits(p) & p->intmask) != 0;
}

static void update_int(pmu *p)
{
    bool pending = int_pending(p);
    if (pending != p->int_level) {
        p->int_level = pending;
        irq_set(&p->int_line, pending);
    }
    if (!pending)
        sched_cancel(p->env.sched, &p->sig_ev);
    else if (!busy(p) && !sched_is_queued(&p->sig_ev))
        sched_after(p->env.sched, &p->sig_ev, PMU_SIGNAL_DELAY);
}

static void sig_fire(void *opaque, sched_time late)
{
    (void)late;
    pmu *p = opaque;
    /* Busy: the end of the transaction arms the pulse again. */
    if (!int_pending(p) || busy(p)) return;
    /* One pulse: whichever edge PCR picks for CB1 latches the flag. */
    via6522_set_cb1(p->via, false);
    via6522_set_cb1(p->via, true);
    sched_after(p->env.sched, &p->sig_ev, PMU_SIGNAL_REPEAT);
}

static void tick_arm(pmu *p)
{
    if (p->intmask & PMU_INT_TICK) {
        if (!sched_is_queued(&p->tick_ev)) sched_after(p->env.sched, &p->tick_ev, SCHED_PS_PER_SEC);
    } else {
        sched_cancel(p->env.sched, &p->tick_ev);
    }
}

static void tick_fire(void *opaque, sched_time late)
{
    (void)late;
    pmu *p = opaque;
    p->intbits |= PMU_INT_TICK;
    update_int(p);
    tick_arm(p);
}

/* ---- ADB ---- */

static void autopoll_arm(pmu *p)
{
    if (p->autopoll && p->adb && p->poll_mask)
        sched_after(p->env.sched, &p->poll_ev, PMU_AUTOPOLL_MS * SCHED_PS_PER_MS);
    else
        sched_cancel(p->env.sched, &p->poll_ev);
}

static void poll_fire(void *opaque, sched_time late)
{
    (void)late;
    pmu *p = opaque;
    /* The PMU polls between transactions, and holds one packet at most
     * until the host has taken it. */
    if (p->adb && p->adb_auto_len < 0 && !busy(p)) {
        int n;
        uint8_t addr;
        if (adb_poll_mask(p->adb, p->poll_mask, p->adb_auto + 1, &n, &addr)) {
            p->adb_auto[0] = (uint8_t)(addr << 4 | 0x0c); /* the Talk R0 that got it */
            p->adb_auto_len = 1 + n;
            update_int(p);
        }
    }
    autopoll_arm(p);
}

/* PMU_ADB_CMD: a[0] the ADB command byte, a[1] flags (2: autopoll on, as
 * Linux sends), a[2] the number of data bytes, then the data of a Listen.
 * "00 86 hi lo" is the special form that sets the autopoll device mask. */
static void cmd_adb(pmu *p, const uint8_t *a, int na)
{
    if (na < 2 || !p->adb) return;
    if (a[0] == 0 && a[1] == 0x86) {
        if (na < 4) return;
        p->poll_mask = (uint16_t)(a[2] << 8 | a[3]);
        p->autopoll = p->poll_mask != 0;
        autopoll_arm(p);
        return;
    }
    uint8_t req[1 + ADB_MAX_REPLY];
    uint8_t data[ADB_MAX_REPLY];
    int dlen = na >= 3 ? a[2] : 0;
    int r = -1;
    if (dlen <= na - 3 && dlen <= ADB_MAX_REPLY) {
        req[0] = a[0];
        if (dlen > 0) memcpy(req + 1, a + 3, (size_t)dlen);
        r = adb_request(p->adb, req, 1 + dlen, data);
    }
    if (p->layout == PMU_ADB_REPLY_APPLE) {
        p->adb_reply[0] = a[0];
        p->adb_reply_len = 1;
    } else if (r > 0) {
        p->adb_reply[0] = 0x01;
        p->adb_reply[1] = (uint8_t)r;
        p->adb_reply_len = 2;
    } else {
        p->adb_reply[0] = 0x00;
        p->adb_reply_len = 1;
    }
    if (r > 0) {
        memcpy(p->adb_reply + p->adb_reply_len, data, (size_t)r);
        p->adb_reply_len += r;
    }
}

/* PMU_INT_ACK: one ADB packet (host reply first), or the other bits. */
static int cmd_int_ack(pmu *p, uint8_t *out)
{
    int n;
    if (p->adb_reply_len >= 0) {
        out[0] = PMU_INT_ADB;
        memcpy(out + 1, p->adb_reply, (size_t)p->adb_reply_len);
        n = 1 + p->adb_reply_len;
        p->adb_reply_len = -1;
    } else if (p->adb_auto_len >= 0) {
        out[0] = PMU_INT_ADB | PMU_INT_ADB_AUTO;
        memcpy(out + 1, p->adb_auto, (size_t)p->adb_auto_len);
        n = 1 + p->adb_auto_len;
        p->adb_auto_len = -1;
    } else {
        out[0] = p->intbits;
        p->intbits = 0;
        n = 1;
    }
    /* What is left is signalled afresh once this transaction is over. */
    sched_cancel(p->env.sched, &p->sig_ev);
    return n;
}

/* ---- commands ---- */

static uint32_t be32(const uint8_t *a)
{
    return (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
}

static bool matt(const uint8_t *a, int na)
{
    return na >= 4 && a[0] == 'M' && a[1] == 'A' && a[2] == 'T' && a[3] == 'T';
}

/* Runs p->cmd on p->args; returns the reply bytes in out, or -1 for a
 * command this PMU does not know. */
static int run_command(pmu *p, uint8_t *out)
{
    const uint8_t *a = p->args;
    int na = p->nargs;
    switch (p->cmd) {
    case PMU_GET_VERSION: out[0] = PMU_FIRMWARE_VERSION; return 1;
    case PMU_SET_INTR_MASK:
        if (na >= 1) {
            p->intmask = a[0];
            tick_arm(p);
        }
        return 0;
    case PMU_INT_ACK: return cmd_int_ack(p, out);
    case PMU_READ_RTC: {
        uint32_t t = rtc_now(p);
        out[0] = (uint8_t)(t >> 24);
        out[1] = (uint8_t)(t >> 16);
        out[2] = (uint8_t)(t >> 8);
        out[3] = (uint8_t)t;
        return 4;
    }
    case PMU_SET_RTC:
        if (na >= 4) p->rtc_offset += (int64_t)be32(a) - (int64_t)rtc_now(p);
        return 0;
    case PMU_READ_XPRAM: {
        /* Arguments: offset, count (Linux's m68k pmu_pram_read_byte). */
        if (na < 2) return 0;
        int n = a[1];
        for (int i = 0; i < n; i++) out[i] = p->xpram[(uint8_t)(a[0] + i)];
        return n;
    }
    case PMU_WRITE_XPRAM: {
        /* Arguments: offset, count, data. */
        if (na < 2) return 0;
        int n = a[1] < na - 2 ? a[1] : na - 2;
        for (int i = 0; i < n; i++) p->xpram[(uint8_t)(a[0] + i)] = a[2 + i];
        return 0;
    }
    case PMU_READ_NVRAM: {
        /* A 16-bit address (PowerBook 2400/3400 NVRAM through the PMU).
         * Only the XPRAM is modelled: addresses past it read 0xff. */
        unsigned addr = na >= 2 ? (unsigned)(a[0] << 8 | a[1]) : 0;
        out[0] = addr < PMU_XPRAM_SIZE ? p->xpram[addr] : 0xff;
        return 1;
    }
    case PMU_WRITE_NVRAM: {
        unsigned addr = na >= 2 ? (unsigned)(a[0] << 8 | a[1]) : PMU_XPRAM_SIZE;
        if (na >= 3 && addr < PMU_XPRAM_SIZE) p->xpram[addr] = a[2];
        return 0;
    }
    case PMU_ADB_CMD: cmd_adb(p, a, na); return 0;
    case PMU_ADB_POLL_OFF:
        p->autopoll = false;
        autopoll_arm(p);
        return 0;
    case PMU_SHUTDOWN:
        out[0] = 0;
        if (matt(a, na))
            p->power = POWER_OFF;
        else
            clarus_log(p->env.log, LOG_INFO, p->dev.id,
                       "power off without the MATT signature ignored");
        return 1;
    case PMU_RESET: p->power = POWER_RESTART; return 0;
    case PMU_SLEEP:
        /* No sleep: the machine keeps running and nothing wakes it. */
        clarus_log(p->env.log, LOG_INFO, p->dev.id, "sleep request refused");
        out[0] = 0;
        return 1;
    case PMU_CPU_SPEED:
        /* One speed only: accepted, nothing changes. */
        out[0] = 0;
        return 1;
    case PMU_SYSTEM_READY:
    case PMU_POWER_CTRL0:
    case PMU_POWER_CTRL:
    case PMU_SET_VOLBUTTON:
    case PMU_BACKLIGHT_BRIGHT:
    case PMU_PCEJECT: return 0;
    case PMU_GET_COVER: out[0] = 0; return 1; /* lid / case closed bit clear */
    case PMU_GET_VOLBUTTON: out[0] = 0; return 1;
    case PMU_GET_BRIGHTBUTTON: out[0] = 0; return 1;
    case PMU_BATTERY_STATE:
        /* A desktop: on AC (bit 0), no battery (bit 2 clear). */
        memset(out, 0, 8);
        out[0] = 0x01;
        return 8;
    case PMU_SMART_BATTERY_STATE:
        /* Format 3, flags: AC present, no battery; charge, max, current,
         * voltage all zero. */
        memset(out, 0, 6);
        out[0] = 3;
        out[1] = 0x01;
        return 6;
    case PMU_POWER_EVENTS: {
        /* Sub-commands 0-2 act on the power-up events, 3-5 on the wake-up
         * events: get (two bytes), set bits, clear bits ("which, bits"). */
        if (na < 1) return 0;
        uint8_t *ev = a[0] < 3 ? p->powerup_events : p->wakeup_events;
        switch (a[0]) {
        case 0:
        case 3:
            out[0] = ev[0];
            out[1] = ev[1];
            return 2;
        case 1:
        case 4:
            if (na >= 3) {
                ev[0] = a[1];
                ev[1] |= a[2];
            }
            return 0;
        case 2:
        case 5:
            if (na >= 3) {
                ev[0] = a[1];
                ev[1] &= (uint8_t)~a[2];
            }
            return 0;
        default: return -1;
        }
    }
    case PMU_DOWNLOAD_STATUS: out[0] = 0x62; return 1; /* "no firmware update in progress" */
    default: return -1;
    }
}

static void dispatch(pmu *p)
{
    len_entry e = lengths(p->cmd);
    int n = run_command(p, p->reply);
    if (n < 0) {
        clarus_log(p->env.log, LOG_DEBUG, p->dev.id, "unknown command 0x%02x (%d argument bytes)",
                   p->cmd, p->nargs);
        n = 0;
    }
    if (e.reply >= 0) {
        /* A fixed-size reply: exactly what the host will read. */
        if (n < e.reply) memset(p->reply + n, 0, (size_t)(e.reply - n));
        n = e.reply;
        p->reply_len_pending = false;
    } else {
        p->reply_len_pending = true;
    }
    p->reply_len = n;
    p->reply_pos = 0;
    p->state = PS_REPLY;
}

/* ---- the handshake ---- */

static bool sr_out_mode(pmu *p)
{
    return via6522_peek(p->via, VIA_ACR) & VIA_ACR_SR_OUT;
}

static uint8_t next_reply_byte(pmu *p)
{
    if (p->reply_len_pending) {
        p->reply_len_pending = false;
        return (uint8_t)p->reply_len;
    }
    if (p->reply_pos < p->reply_len) return p->reply[p->reply_pos++];
    return 0;
}

static void xfer_fire(void *opaque, sched_time late)
{
    (void)late;
    pmu *p = opaque;
    p->tack = true;
    if (p->xfer_in)
        via6522_sr_in(p->via, p->xfer_byte);
    else
        via6522_sr_done(p->via);
}

/* TREQ asserted: the host offers a byte or asks for one. */
static void treq_asserted(pmu *p)
{
    if (sr_out_mode(p)) {
        uint8_t b = via6522_sr_get(p->via);
        if (p->state == PS_REPLY) {
            clarus_log(p->env.log, LOG_DEBUG, p->dev.id,
                       "host sent a byte while reading a reply: new command");
            p->state = PS_IDLE;
        }
        if (p->state == PS_IDLE) {
            p->cmd = b;
            p->argc = lengths(b).args;
            p->nargs = 0;
            p->state = PS_CMD;
        } else if (p->argc < 0) {
            p->argc = b;
        } else if (p->nargs < ARG_MAX) {
            p->args[p->nargs++] = b;
        }
        p->xfer_in = false;
    } else {
        if (p->state == PS_CMD) dispatch(p); /* the host thinks it is done */
        p->xfer_byte = p->state == PS_REPLY ? next_reply_byte(p) : 0;
        p->xfer_in = true;
    }
    sched_after(p->env.sched, &p->xfer_ev, PMU_BYTE_DELAY);
}

/* TREQ negated: the byte's handshake is over. */
static void treq_negated(pmu *p)
{
    sched_cancel(p->env.sched, &p->xfer_ev); /* a host that gave up waiting */
    p->tack = false;
    if (p->state == PS_CMD && p->argc >= 0 && p->nargs >= p->argc) dispatch(p);
    if (p->state == PS_REPLY && !p->reply_len_pending && p->reply_pos >= p->reply_len)
        p->state = PS_IDLE;
    if (p->state != PS_IDLE) return;
    if (p->power != POWER_NONE) {
        int what = p->power;
        p->power = POWER_NONE;
        if (p->power_fn) p->power_fn(p->power_ctx, what == POWER_RESTART);
    }
    update_int(p);
}

static uint8_t via_port_in(void *ctx, int port)
{
    pmu *p = ctx;
    if (port == 0) return 0xff;
    uint8_t v = (uint8_t)(0xff & ~(TACK | TREQ));
    v |= p->host_b & TREQ;
    if (!p->tack) v |= TACK;
    return v;
}

static void via_port_out(void *ctx, int port, uint8_t value, uint8_t ddr)
{
    (void)ddr;
    pmu *p = ctx;
    if (port != 1) return;
    bool was = host_treq(p);
    p->host_b = value;
    bool now = host_treq(p);
    if (now && !was)
        treq_asserted(p);
    else if (!now && was)
        treq_negated(p);
}

/* ---- device ---- */

static void pmu_reset(device *d, reset_kind k)
{
    (void)k;
    pmu *p = (pmu *)d;
    device_reset(via6522_device(p->via), k);
    p->host_b = 0xff; /* lines idle until the host drives them */
    p->tack = false;
    p->state = PS_IDLE;
    p->cmd = 0;
    p->argc = p->nargs = 0;
    p->reply_len = p->reply_pos = 0;
    p->reply_len_pending = false;
    p->power = POWER_NONE;
    p->xfer_in = false;
    p->xfer_byte = 0;
    p->intbits = 0;
    /* ADB and tick enabled from reset: QEMU's PMU does so, and guests
     * that never set the mask (OpenBIOS, Mac OS 9 per QEMU) rely on it. */
    p->intmask = PMU_INT_ADB | PMU_INT_TICK;
    p->int_level = false; /* local state only: the wire is the machine's */
    p->adb_reply_len = p->adb_auto_len = -1;
    p->autopoll = false;
    p->poll_mask = 0;
    memset(p->powerup_events, 0, sizeof(p->powerup_events));
    memset(p->wakeup_events, 0, sizeof(p->wakeup_events));
    sched_cancel(p->env.sched, &p->xfer_ev);
    sched_cancel(p->env.sched, &p->poll_ev);
    sched_cancel(p->env.sched, &p->tick_ev);
    sched_cancel(p->env.sched, &p->sig_ev);
    tick_arm(p);
    if (p->adb) adb_bus_reset(p->adb);
    /* XPRAM and the clock are battery backed: kept. */
}

static void put_event(st_writer *w, const sched_event *e)
{
    st_put_bool(w, sched_is_queued(e));
    st_put_u64(w, (uint64_t)e->when);
}

static void get_event(pmu *p, st_reader *r, sched_event *e)
{
    bool queued = st_get_bool(r);
    sched_time when = (sched_time)st_get_u64(r);
    if (queued)
        sched_at(p->env.sched, e, when);
    else
        sched_cancel(p->env.sched, e);
}

static void pmu_save(const device *d, st_writer *w)
{
    const pmu *p = (const pmu *)d;
    const device *vd = via6522_device(p->via);
    st_put_u16(w, vd->cls->state_version);
    vd->cls->save(vd, w);
    st_put_u8(w, p->host_b);
    st_put_bool(w, p->tack);
    st_put_u8(w, (uint8_t)p->state);
    st_put_u8(w, p->cmd);
    st_put_u16(w, (uint16_t)(int16_t)p->argc);
    st_put_u16(w, (uint16_t)p->nargs);
    st_put_bytes(w, p->args, (size_t)p->nargs);
    st_put_u16(w, (uint16_t)p->reply_len);
    st_put_u16(w, (uint16_t)p->reply_pos);
    st_put_bytes(w, p->reply, (size_t)p->reply_len);
    st_put_bool(w, p->reply_len_pending);
    st_put_u8(w, (uint8_t)(int8_t)p->power);
    st_put_bool(w, p->xfer_in);
    st_put_u8(w, p->xfer_byte);
    put_event(w, &p->xfer_ev);
    st_put_u8(w, p->intbits);
    st_put_u8(w, p->intmask);
    put_event(w, &p->sig_ev);
    st_put_bool(w, p->int_level);
    put_event(w, &p->tick_ev);
    st_put_u8(w, (uint8_t)(int8_t)p->adb_reply_len);
    if (p->adb_reply_len > 0) st_put_bytes(w, p->adb_reply, (size_t)p->adb_reply_len);
    st_put_u8(w, (uint8_t)(int8_t)p->adb_auto_len);
    if (p->adb_auto_len > 0) st_put_bytes(w, p->adb_auto, (size_t)p->adb_auto_len);
    st_put_bool(w, p->autopoll);
    st_put_u16(w, p->poll_mask);
    put_event(w, &p->poll_ev);
    st_put_bytes(w, p->powerup_events, 2);
    st_put_bytes(w, p->wakeup_events, 2);
    st_put_bytes(w, p->xpram, sizeof(p->xpram));
    st_put_u64(w, (uint64_t)p->rtc_offset);
    st_put_bool(w, p->adb != NULL);
    if (p->adb) adb_save(p->adb, w);
}

static bool pmu_load(device *d, st_reader *r, uint16_t version)
{
    pmu *p = (pmu *)d;
    if (version > 1) return false;
    device *vd = via6522_device(p->via);
    uint16_t vver = st_get_u16(r);
    if (!vd->cls->load(vd, r, vver)) return false;
    p->host_b = st_get_u8(r);
    p->tack = st_get_bool(r);
    p->state = st_get_u8(r);
    if (p->state > PS_REPLY) return false;
    p->cmd = st_get_u8(r);
    p->argc = (int16_t)st_get_u16(r);
    p->nargs = st_get_u16(r);
    if (p->argc < -1 || p->argc > 255 || p->nargs > ARG_MAX) return false;
    st_get_bytes(r, p->args, (size_t)p->nargs);
    p->reply_len = st_get_u16(r);
    p->reply_pos = st_get_u16(r);
    if (p->reply_len > 255 || p->reply_pos > p->reply_len) return false;
    st_get_bytes(r, p->reply, (size_t)p->reply_len);
    p->reply_len_pending = st_get_bool(r);
    p->power = (int8_t)st_get_u8(r);
    if (p->power < POWER_NONE || p->power > POWER_RESTART) return false;
    p->xfer_in = st_get_bool(r);
    p->xfer_byte = st_get_u8(r);
    get_event(p, r, &p->xfer_ev);
    p->intbits = st_get_u8(r);
    p->intmask = st_get_u8(r);
    get_event(p, r, &p->sig_ev);
    bool level = st_get_bool(r);
    get_event(p, r, &p->tick_ev);
    p->adb_reply_len = (int8_t)st_get_u8(r);
    if (p->adb_reply_len < -1 || p->adb_reply_len > ADB_PKT) return false;
    if (p->adb_reply_len > 0) st_get_bytes(r, p->adb_reply, (size_t)p->adb_reply_len);
    p->adb_auto_len = (int8_t)st_get_u8(r);
    if (p->adb_auto_len < -1 || p->adb_auto_len > ADB_PKT) return false;
    if (p->adb_auto_len > 0) st_get_bytes(r, p->adb_auto, (size_t)p->adb_auto_len);
    p->autopoll = st_get_bool(r);
    p->poll_mask = st_get_u16(r);
    get_event(p, r, &p->poll_ev);
    st_get_bytes(r, p->powerup_events, 2);
    st_get_bytes(r, p->wakeup_events, 2);
    st_get_bytes(r, p->xpram, sizeof(p->xpram));
    p->rtc_offset = (int64_t)st_get_u64(r);
    bool had_adb = st_get_bool(r);
    if (had_adb != (p->adb != NULL)) return false;
    if (p->adb && !adb_load(p->adb, r)) return false;
    if (!st_chunk_ok(r)) return false;
    /* Drive the wire to the saved level. */
    p->int_level = level;
    irq_set(&p->int_line, level);
    return true;
}

static void pmu_destroy(device *d)
{
    pmu *p = (pmu *)d;
    sched_cancel(p->env.sched, &p->xfer_ev);
    sched_cancel(p->env.sched, &p->poll_ev);
    sched_cancel(p->env.sched, &p->tick_ev);
    sched_cancel(p->env.sched, &p->sig_ev);
    device_destroy(via6522_device(p->via));
    if (p->adb) adb_bus_free(p->adb);
    g_free(p);
}

static const device_class pmu_class = {
    .type = "pmu",
    .desc = "Apple PMU99 power manager: ADB, real-time clock, parameter RAM, power",
    .reset = pmu_reset,
    .save = pmu_save,
    .load = pmu_load,
    .state_version = 1,
    .destroy = pmu_destroy,
};

pmu *pmu_create(const device_env *env, const char *id, bool with_adb)
{
    if (!env || !env->sched) return NULL;
    pmu *p = g_new0(pmu, 1);
    p->dev.cls = &pmu_class;
    p->dev.id = id ? id : "pmu";
    p->env = *env;
    via6522_hooks h = {.ctx = p, .port_in = via_port_in, .port_out = via_port_out};
    p->via = via6522_create(env, p->dev.id, PMU_VIA_HZ, 9, &h);
    p->adb = with_adb ? adb_bus_new() : NULL;
    p->time_fn = host_unix_time;
    p->layout = PMU_ADB_REPLY_QEMU;
    sched_event_init(&p->xfer_ev, "pmu-byte", xfer_fire, p, 0);
    sched_event_init(&p->poll_ev, "pmu-autopoll", poll_fire, p, 0);
    sched_event_init(&p->tick_ev, "pmu-tick", tick_fire, p, 0);
    sched_event_init(&p->sig_ev, "pmu-signal", sig_fire, p, 0);
    pmu_reset(&p->dev, RESET_POWER_ON);
    return p;
}

const device_mmio *pmu_mmio(pmu *p)
{
    return via6522_mmio(p->via);
}

void pmu_connect_irq(pmu *p, irq_line out)
{
    via6522_connect_irq(p->via, out);
}

void pmu_connect_int_line(pmu *p, irq_line out)
{
    p->int_line = out;
}

void pmu_set_power_hook(pmu *p, void (*fn)(void *ctx, bool restart), void *ctx)
{
    p->power_fn = fn;
    p->power_ctx = ctx;
}

adb_bus *pmu_adb(pmu *p)
{
    return p->adb;
}

void pmu_set_time_source(pmu *p, int64_t (*fn)(void *ctx), void *ctx)
{
    p->time_fn = fn ? fn : host_unix_time;
    p->time_ctx = fn ? ctx : NULL;
}

uint8_t *pmu_xpram(pmu *p)
{
    return p->xpram;
}

device *pmu_device(pmu *p)
{
    return &p->dev;
}

via6522 *pmu_via(pmu *p)
{
    return p->via;
}

void pmu_set_adb_reply_layout(pmu *p, pmu_adb_reply_layout layout)
{
    p->layout = layout;
}
