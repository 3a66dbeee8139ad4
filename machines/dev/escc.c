/* Zilog Z85C30 SCC / Z85230 ESCC, two asynchronous channels, as in the
 * Power Mac mac-io chips.
 *
 * Reference: Zilog "Z80C30/Z85C30/Z80230/Z85230/Z85233 SCC/ESCC User
 * Manual" (UM010901), chapters 4 (interrupts) and 5 (register
 * descriptions, with the reset-value tables). The mac-io register layouts
 * follow the CHRP I/O Device Reference ("ESCC" and "ESCC legacy" nodes)
 * and the "reg" properties OpenBIOS gives the ch-a/ch-b nodes.
 *
 * What is modelled and how time is treated:
 *  - Transmit is instantaneous: a byte written to the data register (or
 *    WR8) goes to the host at once, so the transmit buffer is empty again
 *    and, with Tx interrupts enabled, Tx IP is set within the same access.
 *    A byte written while the transmitter is disabled (WR5 D3 = 0) waits
 *    in the buffer (RR0 D2 = 0) until the transmitter is enabled.
 *  - Receive: a scheduler event polls the host while the receiver is
 *    enabled, taking at most what fits in the 3-byte FIFO.
 *  - Synchronous modes (SDLC, CRC, sync characters, DPLL) and DMA requests
 *    are not modelled; their registers are stored and read back.
 */
#include "escc.h"

#include <string.h>

#include <glib.h>

/* WR0 commands (bits 5-3). */
enum {
    CMD_NULL = 0,
    CMD_POINT_HIGH = 1,
    CMD_RESET_EXT = 2,
    CMD_SEND_ABORT = 3,
    CMD_ENABLE_RX_NEXT = 4,
    CMD_RESET_TX_IP = 5,
    CMD_ERROR_RESET = 6,
    CMD_RESET_IUS = 7,
};

/* RR0 bits. */
#define RR0_RX_AVAIL  0x01
#define RR0_ZERO_CNT  0x02
#define RR0_TX_EMPTY  0x04
#define RR0_DCD       0x08
#define RR0_SYNC_HUNT 0x10
#define RR0_CTS       0x20
#define RR0_TX_UNDER  0x40
#define RR0_BREAK     0x80
/* The RR0 bits that are external/status sources (same positions as their
 * WR15 enables). */
#define RR0_STATUS_BITS 0xfa

/* RR1 bits. */
#define RR1_ALL_SENT 0x01
#define RR1_RESIDUE  0x06 /* residue code 011: what an idle async channel shows */
#define RR1_PARITY   0x10
#define RR1_OVERRUN  0x20
#define RR1_FRAMING  0x40

/* Interrupt priority levels of the daisy chain, highest first (UM
 * "Interrupt Sources": Rx A, Tx A, Ext/Status A, Rx B, Tx B, Ext/Status B). */
enum { LVL_RX = 0, LVL_TX = 1, LVL_EXT = 2 };
#define LEVEL(ch, kind) ((ch)*3 + (kind))

#define POLL_IDLE_PS SCHED_PS_PER_MS
#define POLL_MIN_PS  (5 * SCHED_PS_PER_US)

typedef struct escc_chan {
    escc *owner;
    int idx; /* 0 = A, 1 = B */
    chardev *host;
    uint8_t wr[16]; /* WR2 and WR9 live in struct escc (one register for both) */
    uint8_t wr7p;   /* ESCC WR7' (written while WR15 D0 is set) */
    uint8_t ptr;    /* register pointer, 0-15 */
    /* Receive FIFO. */
    uint8_t fifo[ESCC_RX_FIFO];
    uint8_t fifo_head, fifo_count;
    /* Host input the guest never read, taken back from the FIFO by a
     * channel reset: a real line would lose it, but the host side here is
     * a pipe or a terminal the user expects to be reliable (firmware
     * resets the port after enabling the receiver, and a command piped in
     * at start-up must survive that). Delivered before new host input. */
    uint8_t held[ESCC_RX_FIFO];
    uint8_t nheld;
    uint8_t rx_last; /* what the data register reads when the FIFO is empty */
    uint8_t rr1_err; /* latched special-condition bits, cleared by Error Reset */
    bool rx_armed;   /* Rx-int-on-first-character mode waits for a character */
    bool rx_first;   /* ... and got it: Rx IP until it is read */
    bool rx_special; /* special receive condition pending */
    /* Transmit. */
    bool tx_full;
    uint8_t tx_data;
    bool tx_ip;
    /* External/status. */
    uint8_t live;     /* current state of the RR0 status bits */
    uint8_t snap;     /* RR0 status bits as latched at the last change */
    bool ext_latched; /* an enabled status change is latched: Ext IP */
    uint8_t enh;      /* Apple's enhancement register */
    sched_event poll;
    irq_line irq;
    bool irq_level;
} escc_chan;

struct escc {
    device dev;
    device_env env;
    char *id;
    escc_chan ch[2];
    uint8_t wr2;    /* interrupt vector, shared */
    uint8_t wr9;    /* master interrupt control, shared (without the reset bits) */
    uint8_t ius;    /* interrupt-under-service bits, one per LEVEL() */
    uint8_t dma[4]; /* +0x80 recovery count, +0x90/+0xa0 start A/B, +0xb0 detect */
    device_mmio mmio, legacy;
    irq_line combined;
    bool combined_level;
};

#define WR9_VIS       0x01
#define WR9_NV        0x02
#define WR9_DLC       0x04
#define WR9_MIE       0x08
#define WR9_STATUS_HI 0x10
#define WR9_SOFT_ACK  0x20

static void log_dbg(const escc *e, const char *fmt, const char *what, unsigned v)
{
    clarus_log(e->env.log, LOG_DEBUG, "escc", fmt, what, v);
}

/* ---- interrupts ---- */

static bool rx_ip(const escc_chan *c)
{
    unsigned mode = (c->wr[1] >> 3) & 3;
    bool special = c->rx_special && mode != 0;
    switch (mode) {
    case 1: return c->rx_first || special;       /* first character or special condition */
    case 2: return c->fifo_count > 0 || special; /* every character or special condition */
    case 3: return special;                      /* special condition only */
    default: return false;
    }
}

/* Pending bits, one per LEVEL(), gated by their enables (WR1 D0, D1, D4-3)
 * but not by MIE: RR3 shows them with MIE clear too. */
static uint8_t pending(const escc *e)
{
    uint8_t p = 0;
    for (int i = 0; i < 2; i++) {
        const escc_chan *c = &e->ch[i];
        if (rx_ip(c)) p |= 1u << LEVEL(i, LVL_RX);
        if (c->tx_ip && (c->wr[1] & 0x02)) p |= 1u << LEVEL(i, LVL_TX);
        if (c->ext_latched && (c->wr[1] & 0x01)) p |= 1u << LEVEL(i, LVL_EXT);
    }
    return p;
}

/* Pending levels that may request an interrupt: the daisy chain stops at
 * the first interrupt under service (it blocks its own and lower levels). */
static uint8_t requesting(const escc *e)
{
    uint8_t p = pending(e), r = 0;
    for (int l = 0; l < 6; l++) {
        if (e->ius & (1u << l)) break;
        r |= p & (1u << l);
    }
    return r;
}

static void update_irq(escc *e)
{
    uint8_t r = (e->wr9 & WR9_MIE) ? requesting(e) : 0;
    bool lv[2] = {(r & 0x07) != 0, (r & 0x38) != 0};
    for (int i = 0; i < 2; i++) {
        if (lv[i] != e->ch[i].irq_level) {
            e->ch[i].irq_level = lv[i];
            irq_set(&e->ch[i].irq, lv[i]);
        }
    }
    bool any = lv[0] || lv[1];
    if (any != e->combined_level) {
        e->combined_level = any;
        irq_set(&e->combined, any);
    }
}

/* RR3 (channel A): D5 Rx A, D4 Tx A, D3 Ext A, D2 Rx B, D1 Tx B, D0 Ext B. */
static uint8_t rr3(const escc *e)
{
    uint8_t p = pending(e), v = 0;
    for (int l = 0; l < 6; l++)
        if (p & (1u << l)) v |= (uint8_t)(0x20 >> l);
    return v;
}

/* RR2 in channel B: WR2 with the status of the highest-priority pending
 * interrupt in V3-V1 (or V4-V6, bit-reversed, with WR9 Status High), no
 * matter what VIS says (UM, RR2 description and the "Interrupt Vector
 * Modification" table). Codes: Tx B 000, Ext B 001, Rx B 010, special B
 * 011, Tx A 100, Ext A 101, Rx A 110, special A 111; none pending 011. */
static uint8_t modified_vector(const escc *e)
{
    uint8_t r = requesting(e);
    unsigned code = 3;
    for (int l = 0; l < 6; l++) {
        if (!(r & (1u << l))) continue;
        int ch = l / 3, kind = l % 3;
        unsigned base = ch == 0 ? 4 : 0;
        switch (kind) {
        case LVL_RX: code = base | (e->ch[ch].rx_special ? 3 : 2); break;
        case LVL_TX: code = base; break;
        default: code = base | 1; break;
        }
        break;
    }
    if (e->wr9 & WR9_STATUS_HI) {
        uint8_t v = e->wr2 & 0x8f;
        if (code & 4) v |= 0x10;
        if (code & 2) v |= 0x20;
        if (code & 1) v |= 0x40;
        return v;
    }
    return (uint8_t)((e->wr2 & 0xf1) | code << 1);
}

/* ---- external/status ---- */

/* The status bits move to `now`. A change of a bit enabled in WR15 latches
 * RR0's status bits and sets Ext IP until Reset Ext/Status Interrupts.
 * Tx Underrun/EOM interrupts only on its rising edge. */
static void status_change(escc_chan *c, uint8_t now)
{
    uint8_t old = c->live;
    c->live = now;
    if (c->ext_latched) return;
    uint8_t en = c->wr[15] & RR0_STATUS_BITS;
    uint8_t changed = (uint8_t)((old ^ now) & en & ~RR0_TX_UNDER);
    changed |= (uint8_t)(~old & now & en & RR0_TX_UNDER);
    c->snap = now;
    if (changed) c->ext_latched = true;
}

static void reset_ext_status(escc_chan *c)
{
    /* A change that happened while latched shows up as a new interrupt. */
    uint8_t en = c->wr[15] & RR0_STATUS_BITS & ~RR0_TX_UNDER;
    uint8_t missed = (c->live ^ c->snap) & en;
    c->snap = c->live;
    c->ext_latched = missed != 0;
}

static uint8_t rr0(const escc_chan *c)
{
    uint8_t en = c->wr[15] & RR0_STATUS_BITS;
    uint8_t st = c->ext_latched ? (uint8_t)((c->snap & en) | (c->live & ~en)) : c->live;
    st &= RR0_STATUS_BITS;
    if (c->fifo_count) st |= RR0_RX_AVAIL;
    if (!c->tx_full) st |= RR0_TX_EMPTY;
    return st;
}

/* ---- receive ---- */

static sched_time char_time(const escc_chan *c)
{
    /* Baud rate = BRG input / (2 * (time constant + 2)) / clock mode
     * (UM, "Baud Rate Generator"); a character is about 10 bit times. */
    static const unsigned mult[4] = {1, 16, 32, 64};
    uint64_t tc = (uint64_t)c->wr[12] | (uint64_t)c->wr[13] << 8;
    uint64_t div = 2 * (tc + 2) * mult[c->wr[4] >> 6];
    sched_time t = (sched_time)(10 * div * (uint64_t)SCHED_PS_PER_SEC / ESCC_CLOCK_HZ);
    if (t < POLL_MIN_PS) t = POLL_MIN_PS;
    if (t > POLL_IDLE_PS) t = POLL_IDLE_PS;
    return t;
}

static void rx_push(escc_chan *c, uint8_t byte)
{
    if (c->fifo_count == ESCC_RX_FIFO) {
        /* Overrun: the newest character replaces the last one in the FIFO
         * and the overrun bit is set: a special receive condition. */
        c->fifo[(c->fifo_head + ESCC_RX_FIFO - 1) % ESCC_RX_FIFO] = byte;
        c->rr1_err |= RR1_OVERRUN;
        c->rx_special = true;
    } else {
        c->fifo[(c->fifo_head + c->fifo_count) % ESCC_RX_FIFO] = byte;
        c->fifo_count++;
    }
    if (((c->wr[1] >> 3) & 3) == 1 && c->rx_armed) {
        c->rx_armed = false;
        c->rx_first = true;
    }
}

static uint8_t rx_pop(escc_chan *c)
{
    if (c->fifo_count) {
        c->rx_last = c->fifo[c->fifo_head];
        c->fifo_head = (uint8_t)((c->fifo_head + 1) % ESCC_RX_FIFO);
        c->fifo_count--;
    }
    c->rx_first = false;
    return c->rx_last;
}

static bool rx_enabled(const escc_chan *c)
{
    return c->wr[3] & 0x01;
}

/* The host is polled while the receiver is enabled (and not looped back)
 * and the FIFO has room; a full FIFO stops the polling until the guest
 * reads a character, so input waits in the host instead of overrunning. */
static void update_poll(escc_chan *c, sched_time delay)
{
    sched *s = c->owner->env.sched;
    bool want = c->host && rx_enabled(c) && !(c->wr[14] & 0x10) && c->fifo_count < ESCC_RX_FIFO;
    if (want && !sched_is_queued(&c->poll))
        sched_after(s, &c->poll, delay);
    else if (!want && sched_is_queued(&c->poll))
        sched_cancel(s, &c->poll);
}

static void poll_fire(void *opaque, sched_time late)
{
    (void)late;
    escc_chan *c = opaque;
    escc *e = c->owner;
    if (!c->host || !rx_enabled(c) || c->fifo_count == ESCC_RX_FIFO) return;
    uint8_t buf[ESCC_RX_FIFO];
    size_t want = ESCC_RX_FIFO - c->fifo_count, n = 0;
    while (n < want && c->nheld) {
        buf[n++] = c->held[0];
        memmove(c->held, c->held + 1, --c->nheld);
    }
    if (n < want) n += chardev_read(c->host, buf + n, want - n);
    for (size_t i = 0; i < n; i++) {
        rx_push(c, buf[i]);
        /* Auto Echo (WR14 D3): what is received goes straight back out. */
        if (c->wr[14] & 0x08) chardev_write(c->host, &buf[i], 1);
    }
    /* While input flows, poll at the line's character rate; otherwise
     * once a millisecond. */
    update_poll(c, n ? char_time(c) : POLL_IDLE_PS);
    if (n) update_irq(e);
}

/* ---- transmit ---- */

static void tx_try(escc_chan *c)
{
    if (!c->tx_full || !(c->wr[5] & 0x08)) return;
    /* WR5 D6-5: bits per character; the rest of the byte is not sent. */
    static const uint8_t mask[4] = {0x1f, 0x7f, 0x3f, 0xff};
    uint8_t b = c->tx_data & mask[(c->wr[5] >> 5) & 3];
    c->tx_full = false;
    if (c->wr[14] & 0x10) {
        /* Local loopback: the transmitter feeds this channel's receiver. */
        if (rx_enabled(c)) rx_push(c, b);
    } else if (!(c->wr[14] & 0x08) && c->host) {
        chardev_write(c->host, &b, 1);
    }
    /* The buffer has emptied: Tx IP, if Tx interrupts are enabled. */
    if (c->wr[1] & 0x02) c->tx_ip = true;
}

static void tx_write(escc_chan *c, uint8_t v)
{
    c->tx_data = v;
    c->tx_full = true;
    c->tx_ip = false;
    tx_try(c);
}

/* ---- resets (UM table "Register Reset Values") ---- */

static void chan_reset(escc_chan *c, bool hardware)
{
    c->ptr = 0;
    c->wr[0] = 0;
    c->wr[1] &= 0x24; /* 00x00x00 */
    c->wr[3] &= 0xfe;
    c->wr[4] |= 0x04;
    c->wr[5] &= 0x61; /* 0xx0000x */
    if (hardware) {
        c->wr[10] = 0;
        c->wr[14] = (uint8_t)((c->wr[14] & 0xc0) | 0x20);
    } else {
        c->wr[10] &= 0x60;
        c->wr[14] = (uint8_t)((c->wr[14] & 0xc3) | 0x20);
    }
    c->wr[11] = 0x08;
    c->wr[15] = 0xf8;
    c->wr7p = 0x20;
    if (c->host && c->fifo_count) {
        uint8_t keep[2 * ESCC_RX_FIFO];
        unsigned n = 0;
        for (unsigned j = 0; j < c->fifo_count; j++)
            keep[n++] = c->fifo[(c->fifo_head + j) % ESCC_RX_FIFO];
        for (unsigned j = 0; j < c->nheld && n < ESCC_RX_FIFO; j++) keep[n++] = c->held[j];
        memcpy(c->held, keep, n);
        c->nheld = (uint8_t)n;
    }
    c->fifo_head = c->fifo_count = 0;
    c->rr1_err = 0;
    c->rx_armed = true;
    c->rx_first = c->rx_special = false;
    c->tx_full = false;
    c->tx_ip = false;
    /* RR0 after reset: 01xxx100; the modem inputs keep their level. */
    c->live = (uint8_t)((c->live & (RR0_DCD | RR0_CTS | RR0_SYNC_HUNT)) | RR0_TX_UNDER);
    c->snap = c->live;
    c->ext_latched = false;
    c->enh = 0;
    c->owner->ius &= (uint8_t) ~(0x07u << (c->idx * 3));
    update_poll(c, POLL_IDLE_PS);
}

static void hardware_reset(escc *e)
{
    e->wr9 &= WR9_VIS | WR9_NV; /* 110000xx */
    e->ius = 0;
    memset(e->dma, 0, sizeof(e->dma));
    chan_reset(&e->ch[0], true);
    chan_reset(&e->ch[1], true);
}

/* ---- registers ---- */

static uint8_t read_reg(escc *e, escc_chan *c, unsigned r)
{
    bool ext_read = c->wr7p & 0x40; /* ESCC WR7' D6: extended read */
    switch (r) {
    case 0: return rr0(c);
    case 1: return (uint8_t)(c->rr1_err | RR1_RESIDUE | (c->tx_full ? 0 : RR1_ALL_SENT));
    case 2: {
        uint8_t v = c->idx == 1 ? modified_vector(e) : e->wr2;
        /* Software INTACK (WR9 D5): reading RR2 acknowledges the highest
         * requesting interrupt, setting its IUS bit. */
        if ((e->wr9 & (WR9_SOFT_ACK | WR9_MIE)) == (WR9_SOFT_ACK | WR9_MIE)) {
            uint8_t req = requesting(e);
            if (req) {
                e->ius |= (uint8_t)(req & -req);
                update_irq(e);
            }
        }
        return v;
    }
    case 3: return c->idx == 0 ? rr3(e) : 0;
    case 4: return ext_read ? c->wr[4] : read_reg(e, c, 0);
    case 5: return ext_read ? c->wr[5] : read_reg(e, c, 1);
    case 6: return read_reg(e, c, 2); /* SDLC frame FIFO (WR15 D2) not modelled */
    case 7: return read_reg(e, c, 3);
    case 8: {
        uint8_t v = rx_pop(c);
        update_poll(c, char_time(c)); /* room again in a full FIFO */
        update_irq(e);
        return v;
    }
    case 9: return ext_read ? c->wr[3] : c->wr[13];
    case 10: return 0; /* no loop mode, no missing clocks */
    case 11: return ext_read ? c->wr[10] : (uint8_t)(c->wr[15] & 0xfa);
    case 12: return c->wr[12];
    case 13: return c->wr[13];
    case 14: return ext_read ? c->wr7p : 0;
    default: return (uint8_t)(c->wr[15] & 0xfa); /* RR15: WR15 with D0, D2 read 0 */
    }
}

static void write_wr0(escc *e, escc_chan *c, uint8_t v)
{
    c->ptr = v & 7;
    switch ((v >> 3) & 7) {
    case CMD_POINT_HIGH: c->ptr |= 8; break;
    case CMD_RESET_EXT: reset_ext_status(c); break;
    case CMD_ENABLE_RX_NEXT: c->rx_armed = true; break;
    case CMD_RESET_TX_IP: c->tx_ip = false; break;
    case CMD_ERROR_RESET:
        c->rr1_err = 0;
        c->rx_special = false;
        break;
    case CMD_RESET_IUS:
        if (e->ius) e->ius &= (uint8_t)(e->ius - 1); /* the highest priority one */
        break;
    default: break; /* null; send abort is SDLC only */
    }
    /* D7-6 = 11: Reset Tx Underrun/EOM latch. */
    if ((v & 0xc0) == 0xc0) status_change(c, (uint8_t)(c->live & ~RR0_TX_UNDER));
    c->wr[0] = v;
}

static void write_reg(escc *e, escc_chan *c, unsigned r, uint8_t v)
{
    switch (r) {
    case 0: write_wr0(e, c, v); break;
    case 2: e->wr2 = v; break;
    case 3:
        c->wr[3] = v;
        update_poll(c, POLL_IDLE_PS);
        break;
    case 5:
        c->wr[5] = v;
        tx_try(c);
        break;
    case 7:
        if (c->wr[15] & 0x01)
            c->wr7p = v; /* ESCC: WR7' while WR15 D0 is set */
        else
            c->wr[7] = v;
        break;
    case 8: tx_write(c, v); break;
    case 9:
        e->wr9 = v & 0x3f;
        switch (v >> 6) {
        case 1: chan_reset(&e->ch[1], false); break;
        case 2: chan_reset(&e->ch[0], false); break;
        case 3: hardware_reset(e); break;
        default: break;
        }
        break;
    case 14:
        c->wr[14] = v;
        update_poll(c, POLL_IDLE_PS);
        break;
    default: c->wr[r] = v; break;
    }
    update_irq(e);
}

static uint8_t ctl_read(escc *e, escc_chan *c)
{
    unsigned r = c->ptr;
    c->ptr = 0;
    return read_reg(e, c, r);
}

static void ctl_write(escc *e, escc_chan *c, uint8_t v)
{
    unsigned r = c->ptr;
    /* Any access to a register other than WR0 points back at WR0. */
    if (r != 0) c->ptr = 0;
    write_reg(e, c, r, v);
}

/* Register selectors shared by both windows. */
enum { SEL_CTL, SEL_DATA, SEL_ENH, SEL_DMA, SEL_NONE };

typedef struct {
    int sel;
    int ch;
} target;

static target decode_dma(uint32_t off)
{
    if (off >= 0x80 && off < 0xc0) return (target){SEL_DMA, (int)((off - 0x80) >> 4)};
    return (target){SEL_NONE, 0};
}

/* +0x13000: B control 0x00, B data 0x10, A control 0x20, A data 0x30,
 * B/A enhancement 0x40/0x50. */
static target decode_modern(uint32_t off)
{
    if (off < 0x60) {
        unsigned n = off >> 4;
        static const target t[6] = {{SEL_CTL, 1},  {SEL_DATA, 1}, {SEL_CTL, 0},
                                    {SEL_DATA, 0}, {SEL_ENH, 1},  {SEL_ENH, 0}};
        return t[n];
    }
    return decode_dma(off);
}

/* +0x12000: B control 0, A control 2, B data 4, A data 6, B/A enhancement
 * 8/0xa. */
static target decode_legacy(uint32_t off)
{
    if (off < 0x0c) {
        static const target t[6] = {{SEL_CTL, 1},  {SEL_CTL, 0}, {SEL_DATA, 1},
                                    {SEL_DATA, 0}, {SEL_ENH, 1}, {SEL_ENH, 0}};
        return t[off >> 1];
    }
    return decode_dma(off);
}

static uint8_t do_read(escc *e, target t)
{
    switch (t.sel) {
    case SEL_CTL: return ctl_read(e, &e->ch[t.ch]);
    case SEL_DATA: return read_reg(e, &e->ch[t.ch], 8);
    case SEL_ENH: return e->ch[t.ch].enh;
    case SEL_DMA: return e->dma[t.ch];
    default: return 0;
    }
}

static void do_write(escc *e, target t, uint8_t v)
{
    switch (t.sel) {
    case SEL_CTL: ctl_write(e, &e->ch[t.ch], v); break;
    case SEL_DATA: write_reg(e, &e->ch[t.ch], 8, v); break;
    case SEL_ENH: e->ch[t.ch].enh = v; break;
    case SEL_DMA: e->dma[t.ch] = v; break;
    default: break;
    }
}

/* Byte registers: a wider access acts once, the byte in the top lane. */
static uint32_t modern_read(void *opaque, uint32_t off, unsigned size)
{
    escc *e = opaque;
    if (size != 1) log_dbg(e, "%s read of size %u", "byte register", size);
    return (uint32_t)do_read(e, decode_modern(off)) << (8 * (size - 1));
}

static void modern_write(void *opaque, uint32_t off, uint32_t v, unsigned size)
{
    escc *e = opaque;
    if (size != 1) log_dbg(e, "%s write of size %u", "byte register", size);
    do_write(e, decode_modern(off), (uint8_t)(v >> (8 * (size - 1))));
}

static uint32_t legacy_read(void *opaque, uint32_t off, unsigned size)
{
    escc *e = opaque;
    if (size != 1) log_dbg(e, "%s read of size %u", "legacy byte register", size);
    return (uint32_t)do_read(e, decode_legacy(off)) << (8 * (size - 1));
}

static void legacy_write(void *opaque, uint32_t off, uint32_t v, unsigned size)
{
    escc *e = opaque;
    if (size != 1) log_dbg(e, "%s write of size %u", "legacy byte register", size);
    do_write(e, decode_legacy(off), (uint8_t)(v >> (8 * (size - 1))));
}

/* Reading a data register takes the next received character. */
static bool modern_streams(void *opaque, uint32_t offset)
{
    (void)opaque;
    return offset < 0x40 && (offset & 0x10);
}

static bool legacy_streams(void *opaque, uint32_t offset)
{
    (void)opaque;
    return offset < 8 && (offset & 4);
}

static const mmio_ops modern_ops = {modern_read, modern_write, modern_streams};
static const mmio_ops legacy_ops = {legacy_read, legacy_write, legacy_streams};

/* ---- device class ---- */

static void escc_reset(device *d, reset_kind k)
{
    (void)k;
    escc *e = (escc *)d;
    hardware_reset(e);
    /* Let go of any line still held; nothing is raised here. */
    for (int i = 0; i < 2; i++) {
        if (e->ch[i].irq_level) irq_set(&e->ch[i].irq, false);
        e->ch[i].irq_level = false;
    }
    if (e->combined_level) irq_set(&e->combined, false);
    e->combined_level = false;
}

static void escc_save(const device *d, st_writer *w)
{
    const escc *e = (const escc *)d;
    st_put_u8(w, e->wr2);
    st_put_u8(w, e->wr9);
    st_put_u8(w, e->ius);
    st_put_bytes(w, e->dma, sizeof(e->dma));
    st_put_bool(w, e->combined_level);
    for (int i = 0; i < 2; i++) {
        const escc_chan *c = &e->ch[i];
        st_put_bytes(w, c->wr, sizeof(c->wr));
        st_put_u8(w, c->wr7p);
        st_put_u8(w, c->ptr);
        st_put_u8(w, c->fifo_count);
        for (unsigned j = 0; j < c->fifo_count; j++)
            st_put_u8(w, c->fifo[(c->fifo_head + j) % ESCC_RX_FIFO]);
        st_put_u8(w, c->rx_last);
        st_put_u8(w, c->rr1_err);
        st_put_bool(w, c->rx_armed);
        st_put_bool(w, c->rx_first);
        st_put_bool(w, c->rx_special);
        st_put_bool(w, c->tx_full);
        st_put_u8(w, c->tx_data);
        st_put_bool(w, c->tx_ip);
        st_put_u8(w, c->live);
        st_put_u8(w, c->snap);
        st_put_bool(w, c->ext_latched);
        st_put_u8(w, c->enh);
        st_put_bool(w, c->irq_level);
        st_put_bool(w, sched_is_queued(&c->poll));
        st_put_u64(w, (uint64_t)c->poll.when);
    }
}

static bool escc_load(device *d, st_reader *r, uint16_t version)
{
    escc *e = (escc *)d;
    if (version != 1) return false;
    e->wr2 = st_get_u8(r);
    e->wr9 = st_get_u8(r) & 0x3f;
    e->ius = st_get_u8(r) & 0x3f;
    st_get_bytes(r, e->dma, sizeof(e->dma));
    (void)st_get_bool(r); /* combined level: recomputed below */
    for (int i = 0; i < 2; i++) {
        escc_chan *c = &e->ch[i];
        st_get_bytes(r, c->wr, sizeof(c->wr));
        c->wr7p = st_get_u8(r);
        c->ptr = st_get_u8(r) & 15;
        uint8_t n = st_get_u8(r);
        if (n > ESCC_RX_FIFO) return false;
        c->fifo_head = 0;
        c->fifo_count = n;
        for (unsigned j = 0; j < n; j++) c->fifo[j] = st_get_u8(r);
        c->rx_last = st_get_u8(r);
        c->rr1_err = st_get_u8(r);
        c->rx_armed = st_get_bool(r);
        c->rx_first = st_get_bool(r);
        c->rx_special = st_get_bool(r);
        c->tx_full = st_get_bool(r);
        c->tx_data = st_get_u8(r);
        c->tx_ip = st_get_bool(r);
        c->live = st_get_u8(r);
        c->snap = st_get_u8(r);
        c->ext_latched = st_get_bool(r);
        c->enh = st_get_u8(r);
        (void)st_get_bool(r); /* line level: recomputed below */
        bool queued = st_get_bool(r);
        sched_time when = (sched_time)st_get_u64(r);
        sched_cancel(e->env.sched, &c->poll);
        if (queued) sched_at(e->env.sched, &c->poll, when);
    }
    if (!st_chunk_ok(r)) return false;
    for (int i = 0; i < 2; i++) update_poll(&e->ch[i], POLL_IDLE_PS);
    /* Drive the outputs to what the loaded registers say (the levels
     * in the file are informative only). */
    update_irq(e);
    return true;
}

static void escc_destroy(device *d)
{
    escc *e = (escc *)d;
    for (int i = 0; i < 2; i++) sched_cancel(e->env.sched, &e->ch[i].poll);
    g_free(e->id);
    g_free(e);
}

static const device_class escc_class = {
    .type = "escc",
    .desc = "Zilog Z85C30 SCC: two-channel serial controller (mac-io)",
    .reset = escc_reset,
    .save = escc_save,
    .load = escc_load,
    .state_version = 1,
    .destroy = escc_destroy,
};

/* ---- public API ---- */

escc *escc_create(const device_env *env, const char *id)
{
    escc *e = g_new0(escc, 1);
    e->env = *env;
    e->id = g_strdup(id ? id : "escc");
    e->dev.cls = &escc_class;
    e->dev.id = e->id;
    e->mmio = (device_mmio){&modern_ops, e, ESCC_WIN_SIZE};
    e->legacy = (device_mmio){&legacy_ops, e, ESCC_WIN_SIZE};
    for (int i = 0; i < 2; i++) {
        escc_chan *c = &e->ch[i];
        c->owner = e;
        c->idx = i;
        sched_event_init(&c->poll, i == 0 ? "escc-a-rx" : "escc-b-rx", poll_fire, c, 10);
    }
    hardware_reset(e);
    return e;
}

void escc_attach(escc *e, int channel, chardev *host)
{
    if (channel < 0 || channel > 1) return;
    e->ch[channel].host = host;
    update_poll(&e->ch[channel], POLL_IDLE_PS);
}

const device_mmio *escc_mmio(escc *e)
{
    return &e->mmio;
}

const device_mmio *escc_legacy_mmio(escc *e)
{
    return &e->legacy;
}

void escc_connect_irq(escc *e, int channel, irq_line out)
{
    if (channel == ESCC_COMBINED)
        e->combined = out;
    else if (channel == ESCC_CH_A || channel == ESCC_CH_B)
        e->ch[channel].irq = out;
}

device *escc_device(escc *e)
{
    return &e->dev;
}

void escc_set_modem_inputs(escc *e, int channel, bool cts, bool dcd)
{
    if (channel < 0 || channel > 1) return;
    escc_chan *c = &e->ch[channel];
    uint8_t now = (uint8_t)(c->live & ~(RR0_CTS | RR0_DCD));
    if (cts) now |= RR0_CTS;
    if (dcd) now |= RR0_DCD;
    status_change(c, now);
    update_irq(e);
}
