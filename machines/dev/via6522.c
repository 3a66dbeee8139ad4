/* Rockwell R6522 Versatile Interface Adapter (R6522 data sheet, Rockwell
 * document 29000D39; the Synertek SY6522 sheet says the same). See
 * via6522.h for the interface.
 *
 * Timers are kept as "counter value v was loaded at tick L": the counter
 * at tick T follows from T - L. Ticks are whole phi2 cycles since power-on.
 * One scheduler event stands for the next flag a timer or the shift
 * register will raise; before any register access the model catches up
 * (via_sync) so a read never sees a stale flag even inside a CPU slice.
 */
#include "via6522.h"

#include <glib.h>
#include <string.h>

/* The internal clock shifts one bit every two phi2 cycles (CB1 runs at
 * phi2/2), so a byte takes 16 cycles. Under T2 each CB1 half period is
 * N+2 cycles, N the T2 latch low byte. */
#define SR_PHI2_CYCLES 16

struct via6522 {
    device dev;
    device_env env;
    clock_domain clk;
    unsigned reg_shift;
    via6522_hooks hooks;
    device_mmio mmio;
    irq_line irq;
    bool irq_level;
    sched_event ev;

    uint8_t ora, orb, ddra, ddrb, acr, pcr, ifr, ier, sr;
    uint8_t ira_latch, irb_latch; /* port pins latched on CA1/CB1 */
    bool ca1, ca2, cb1, cb2;      /* input levels */
    bool ca2_out, cb2_out;        /* output levels (PCR output modes) */

    /* Timer 1: counter = t1_init at tick t1_load, then counts down; on
     * passing zero it shows 0xffff for a cycle and reloads t1_latch. */
    uint16_t t1_latch, t1_init;
    int64_t t1_load;
    uint64_t t1_uf_base; /* underflows before t1_load (for PB7) */
    bool t1_armed;       /* one-shot: the next underflow raises the flag */

    /* Timer 2: counts down from t2_init at t2_load, no reload; in pulse
     * counting mode it holds t2_held. */
    uint8_t t2_latch_lo;
    uint16_t t2_init, t2_held;
    int64_t t2_load;
    bool t2_armed;

    int64_t sr_done; /* tick the internally clocked shift ends, or -1 */

    int64_t synced; /* flags are up to date for ticks <= synced */
};

/* ---- time ---- */

static int64_t now_tick(const via6522 *v)
{
    return (int64_t)clock_ps_to_ticks(&v->clk, sched_now(v->env.sched));
}

/* The first picosecond at which tick t has begun. */
static sched_time tick_time(const via6522 *v, int64_t t)
{
    if (t <= 0) return 0;
    unsigned __int128 ps = (unsigned __int128)t * SCHED_PS_PER_SEC + v->clk.hz - 1;
    return (sched_time)(ps / v->clk.hz);
}

/* ---- timer 1 ---- */

static uint16_t t1_counter(const via6522 *v, int64_t t)
{
    int64_t d = t - v->t1_load;
    if (d <= v->t1_init) return (uint16_t)(v->t1_init - d);
    int64_t period = (int64_t)v->t1_latch + 2;
    int64_t p = (d - v->t1_init - 1) % period;
    return p == 0 ? 0xffff : (uint16_t)(v->t1_latch - (p - 1));
}

/* Underflows (counter passing 0 -> 0xffff) in (t1_load, t]. */
static uint64_t t1_underflows(const via6522 *v, int64_t t)
{
    int64_t d = t - v->t1_load;
    if (d <= v->t1_init) return 0;
    return 1 + (uint64_t)((d - v->t1_init - 1) / ((int64_t)v->t1_latch + 2));
}

/* The first underflow tick after tick `after`. */
static int64_t t1_next_underflow(const via6522 *v, int64_t after)
{
    int64_t first = v->t1_load + v->t1_init + 1;
    if (first > after) return first;
    int64_t period = (int64_t)v->t1_latch + 2;
    return first + ((after - first) / period + 1) * period;
}

/* Re-express T1 from tick t on so that a new latch value only applies from
 * the next reload, as on the chip. */
static void t1_rebase(via6522 *v, int64_t t)
{
    int64_t d = t - v->t1_load;
    if (d <= v->t1_init) return;
    int64_t period = (int64_t)v->t1_latch + 2;
    int64_t p = (d - v->t1_init - 1) % period;
    int64_t load;
    uint16_t init;
    if (p == 0) { /* showing 0xffff: it was 0 one tick ago */
        load = t - 1;
        init = 0;
    } else {
        load = t;
        init = (uint16_t)(v->t1_latch - (p - 1));
    }
    v->t1_uf_base += t1_underflows(v, load);
    v->t1_load = load;
    v->t1_init = init;
}

/* PB7 as driven by T1 when ACR bit 7 is set: low from the write of T1C-H
 * to the time-out (one-shot); inverted at every time-out (free-run). */
static bool t1_pb7(const via6522 *v, int64_t t)
{
    uint64_t n = v->t1_uf_base + t1_underflows(v, t);
    if (v->acr & VIA_ACR_T1_FREERUN) return n & 1;
    return n != 0;
}

/* ---- timer 2 ---- */

static bool t2_counting_pulses(const via6522 *v)
{
    return v->acr & VIA_ACR_T2_PULSES;
}

static uint16_t t2_counter(const via6522 *v, int64_t t)
{
    if (t2_counting_pulses(v)) return v->t2_held;
    return (uint16_t)(v->t2_init - (t - v->t2_load));
}

/* ---- interrupts and the event ---- */

static void update_irq(via6522 *v)
{
    bool level = (v->ifr & v->ier & 0x7f) != 0;
    if (level != v->irq_level) {
        v->irq_level = level;
        irq_set(&v->irq, level);
    }
}

static unsigned sr_mode(const via6522 *v)
{
    return (v->acr >> 2) & 7;
}

static void sr_finish(via6522 *v)
{
    v->sr_done = -1;
    unsigned m = sr_mode(v);
    if (m == 5 || m == 6) {
        if (v->hooks.sr_out) v->hooks.sr_out(v->hooks.ctx, v->sr);
    } else if (m == 1 || m == 2) {
        /* Nothing drives CB2 unless the owner placed a byte: the input
         * floats high. */
    }
    v->ifr |= VIA_INT_SR;
}

/* Raise every flag due by tick t. */
static void via_sync(via6522 *v, int64_t t)
{
    if (t <= v->synced) return;
    bool freerun = v->acr & VIA_ACR_T1_FREERUN;
    if (freerun || v->t1_armed) {
        if (t1_next_underflow(v, v->synced) <= t) {
            v->ifr |= VIA_INT_T1;
            if (!freerun) v->t1_armed = false;
        }
    }
    if (v->t2_armed && !t2_counting_pulses(v)) {
        int64_t uf = v->t2_load + v->t2_init + 1;
        if (uf <= t) {
            v->ifr |= VIA_INT_T2;
            v->t2_armed = false;
        }
    }
    if (v->sr_done >= 0 && v->sr_done <= t) sr_finish(v);
    v->synced = t;
}

static void resched(via6522 *v)
{
    int64_t t = v->synced;
    int64_t next = INT64_MAX;
    bool freerun = v->acr & VIA_ACR_T1_FREERUN;
    if ((freerun && !(v->ifr & VIA_INT_T1)) || (!freerun && v->t1_armed)) {
        int64_t uf = t1_next_underflow(v, t);
        if (uf < next) next = uf;
    }
    if (v->t2_armed && !t2_counting_pulses(v)) {
        int64_t uf = v->t2_load + v->t2_init + 1;
        if (uf < next) next = uf;
    }
    if (v->sr_done >= 0 && v->sr_done < next) next = v->sr_done;
    if (next == INT64_MAX) {
        sched_cancel(v->env.sched, &v->ev);
        return;
    }
    sched_time when = tick_time(v, next);
    if (!sched_is_queued(&v->ev) || v->ev.when != when) sched_at(v->env.sched, &v->ev, when);
}

static void via_fire(void *opaque, sched_time late)
{
    (void)late;
    via6522 *v = opaque;
    via_sync(v, now_tick(v));
    update_irq(v);
    resched(v);
}

/* ---- ports and control lines ---- */

static uint8_t pins(via6522 *v, int port)
{
    return v->hooks.port_in ? v->hooks.port_in(v->hooks.ctx, port) : 0xff;
}

static void port_changed(via6522 *v, int port)
{
    if (v->hooks.port_out) {
        if (port == 0)
            v->hooks.port_out(v->hooks.ctx, 0, v->ora, v->ddra);
        else
            v->hooks.port_out(v->hooks.ctx, 1, v->orb, v->ddrb);
    }
}

static void set_ctrl_out(via6522 *v, int line, bool level)
{
    bool *cur = line ? &v->cb2_out : &v->ca2_out;
    if (*cur == level) return;
    *cur = level;
    if (v->hooks.ctrl_out) v->hooks.ctrl_out(v->hooks.ctx, line, level);
}

/* CA2 (PCR bits 3-1) or CB2 (bits 7-5) control field. */
static unsigned ctrl2_mode(const via6522 *v, int line)
{
    return line ? (v->pcr >> 5) & 7 : (v->pcr >> 1) & 7;
}

/* Input modes 001 and 011 are "independent": port accesses leave the flag. */
static bool ctrl2_independent(unsigned mode)
{
    return mode == 1 || mode == 3;
}

/* A read or write of ORA (line 0) or ORB (line 1): clears the CA1/CA2 or
 * CB1/CB2 flags and runs the handshake on CA2/CB2. */
static void port_access(via6522 *v, int line, bool write)
{
    unsigned m = ctrl2_mode(v, line);
    uint8_t c1 = line ? VIA_INT_CB1 : VIA_INT_CA1;
    uint8_t c2 = line ? VIA_INT_CB2 : VIA_INT_CA2;
    v->ifr &= (uint8_t)~c1;
    if (!ctrl2_independent(m) && m < 4) v->ifr &= (uint8_t)~c2;
    /* Handshake: CA2 answers reads of ORA, CB2 answers writes of ORB. */
    if (write == (line == 1)) {
        if (m == 4) {
            set_ctrl_out(v, line, false); /* low until the CA1/CB1 active edge */
        } else if (m == 5) {
            set_ctrl_out(v, line, false); /* one-cycle pulse */
            set_ctrl_out(v, line, true);
        }
    }
    update_irq(v);
}

static void edge1(via6522 *v, int line, bool level)
{
    bool *cur = line ? &v->cb1 : &v->ca1;
    if (*cur == level) return;
    *cur = level;
    bool positive = line ? v->pcr & 0x10 : v->pcr & 0x01;
    if (level != positive) return;
    v->ifr |= line ? VIA_INT_CB1 : VIA_INT_CA1;
    if (line == 0 && (v->acr & VIA_ACR_PA_LATCH)) v->ira_latch = pins(v, 0);
    if (line == 1 && (v->acr & VIA_ACR_PB_LATCH)) v->irb_latch = pins(v, 1);
    if (ctrl2_mode(v, line) == 4) set_ctrl_out(v, line, true); /* data ready/taken */
    update_irq(v);
}

static void edge2(via6522 *v, int line, bool level)
{
    bool *cur = line ? &v->cb2 : &v->ca2;
    if (*cur == level) return;
    *cur = level;
    unsigned m = ctrl2_mode(v, line);
    if (m >= 4) return; /* an output */
    bool positive = m & 2;
    if (level != positive) return;
    v->ifr |= line ? VIA_INT_CB2 : VIA_INT_CA2;
    update_irq(v);
}

void via6522_set_ca1(via6522 *v, bool level)
{
    edge1(v, 0, level);
}
void via6522_set_cb1(via6522 *v, bool level)
{
    edge1(v, 1, level);
}
void via6522_set_ca2(via6522 *v, bool level)
{
    edge2(v, 0, level);
}
void via6522_set_cb2(via6522 *v, bool level)
{
    edge2(v, 1, level);
}

/* ---- shift register ---- */

static void sr_start(via6522 *v)
{
    unsigned m = sr_mode(v);
    v->sr_done = -1;
    switch (m) {
    case 1:
    case 5: v->sr_done = v->synced + 16 * ((int64_t)(v->t2_latch_lo) + 2); break;
    case 2:
    case 6: v->sr_done = v->synced + SR_PHI2_CYCLES; break;
    default: break; /* disabled, external clock, or free-running out */
    }
    if (m == 1 || m == 2) v->sr = 0xff;
}

void via6522_sr_in(via6522 *v, uint8_t byte)
{
    via_sync(v, now_tick(v));
    v->sr = byte;
    v->ifr |= VIA_INT_SR;
    update_irq(v);
}

void via6522_sr_set(via6522 *v, uint8_t byte)
{
    v->sr = byte;
}

uint8_t via6522_sr_get(const via6522 *v)
{
    return v->sr;
}

void via6522_sr_done(via6522 *v)
{
    via_sync(v, now_tick(v));
    v->ifr |= VIA_INT_SR;
    update_irq(v);
}

/* ---- registers ---- */

static uint8_t read_port_b(via6522 *v)
{
    uint8_t in = (v->acr & VIA_ACR_PB_LATCH) ? v->irb_latch : pins(v, 1);
    uint8_t val = (uint8_t)((v->orb & v->ddrb) | (in & ~v->ddrb));
    if (v->acr & VIA_ACR_T1_PB7) val = (uint8_t)((val & 0x7f) | (t1_pb7(v, v->synced) ? 0x80 : 0));
    return val;
}

static uint8_t read_port_a(via6522 *v)
{
    uint8_t in = (v->acr & VIA_ACR_PA_LATCH) ? v->ira_latch : pins(v, 0);
    return (uint8_t)((v->ora & v->ddra) | (in & ~v->ddra));
}

uint8_t via6522_read(via6522 *v, unsigned reg)
{
    via_sync(v, now_tick(v));
    uint8_t val;
    switch (reg & 15) {
    case VIA_ORB:
        val = read_port_b(v);
        port_access(v, 1, false);
        break;
    case VIA_ORA:
        val = read_port_a(v);
        port_access(v, 0, false);
        break;
    case VIA_ORA_NH: val = read_port_a(v); break;
    case VIA_DDRB: val = v->ddrb; break;
    case VIA_DDRA: val = v->ddra; break;
    case VIA_T1CL:
        val = (uint8_t)t1_counter(v, v->synced);
        v->ifr &= (uint8_t)~VIA_INT_T1;
        update_irq(v);
        resched(v);
        break;
    case VIA_T1CH: val = (uint8_t)(t1_counter(v, v->synced) >> 8); break;
    case VIA_T1LL: val = (uint8_t)v->t1_latch; break;
    case VIA_T1LH: val = (uint8_t)(v->t1_latch >> 8); break;
    case VIA_T2CL:
        val = (uint8_t)t2_counter(v, v->synced);
        v->ifr &= (uint8_t)~VIA_INT_T2;
        update_irq(v);
        break;
    case VIA_T2CH: val = (uint8_t)(t2_counter(v, v->synced) >> 8); break;
    case VIA_SR:
        val = v->sr;
        v->ifr &= (uint8_t)~VIA_INT_SR;
        update_irq(v);
        sr_start(v);
        resched(v);
        if (v->hooks.sr_read) v->hooks.sr_read(v->hooks.ctx);
        break;
    case VIA_ACR: val = v->acr; break;
    case VIA_PCR: val = v->pcr; break;
    case VIA_IFR: val = (uint8_t)(v->ifr | ((v->ifr & v->ier & 0x7f) ? 0x80 : 0)); break;
    default: /* VIA_IER: bit 7 reads as 1 (R6522 data sheet, IER description) */
        val = v->ier | 0x80;
        break;
    }
    return val;
}

static void write_acr(via6522 *v, uint8_t val)
{
    uint8_t old = v->acr;
    if ((old ^ val) & VIA_ACR_T1_FREERUN) t1_rebase(v, v->synced);
    if ((old ^ val) & VIA_ACR_T2_PULSES) {
        if (val & VIA_ACR_T2_PULSES) {
            v->t2_held = t2_counter(v, v->synced);
        } else {
            v->t2_load = v->synced;
            v->t2_init = v->t2_held;
        }
        clarus_log(v->env.log, LOG_DEBUG, v->dev.id, "T2 pulse counting (PB6) is not modelled");
    }
    v->acr = val;
    if (((old ^ val) & VIA_ACR_SR_MASK) && v->sr_done >= 0) v->sr_done = -1;
    resched(v);
}

void via6522_write(via6522 *v, unsigned reg, uint8_t val)
{
    via_sync(v, now_tick(v));
    switch (reg & 15) {
    case VIA_ORB:
        v->orb = val;
        port_access(v, 1, true);
        port_changed(v, 1);
        break;
    case VIA_ORA:
        v->ora = val;
        port_access(v, 0, true);
        port_changed(v, 0);
        break;
    case VIA_ORA_NH:
        v->ora = val;
        port_changed(v, 0);
        break;
    case VIA_DDRB:
        v->ddrb = val;
        port_changed(v, 1);
        break;
    case VIA_DDRA:
        v->ddra = val;
        port_changed(v, 0);
        break;
    case VIA_T1CL:
    case VIA_T1LL:
        t1_rebase(v, v->synced);
        v->t1_latch = (uint16_t)((v->t1_latch & 0xff00) | val);
        break;
    case VIA_T1LH:
        /* Loads the latch only; the R6522 also clears the T1 flag here. */
        t1_rebase(v, v->synced);
        v->t1_latch = (uint16_t)((v->t1_latch & 0x00ff) | (val << 8));
        v->ifr &= (uint8_t)~VIA_INT_T1;
        update_irq(v);
        resched(v);
        break;
    case VIA_T1CH:
        /* Latch high, then both latches into the counter; PB7 goes low.
         * The flag rises N+1 cycles later (the data sheet's N+1.5, with
         * the half cycle of the write dropped). */
        v->t1_latch = (uint16_t)((v->t1_latch & 0x00ff) | (val << 8));
        v->t1_load = v->synced;
        v->t1_init = v->t1_latch;
        v->t1_uf_base = 0;
        v->t1_armed = true;
        v->ifr &= (uint8_t)~VIA_INT_T1;
        update_irq(v);
        resched(v);
        break;
    case VIA_T2CL: v->t2_latch_lo = val; break;
    case VIA_T2CH:
        v->t2_init = (uint16_t)(v->t2_latch_lo | (val << 8));
        v->t2_load = v->synced;
        v->t2_held = v->t2_init;
        v->t2_armed = true;
        v->ifr &= (uint8_t)~VIA_INT_T2;
        update_irq(v);
        resched(v);
        break;
    case VIA_SR:
        v->sr = val;
        v->ifr &= (uint8_t)~VIA_INT_SR;
        update_irq(v);
        if (sr_mode(v) == 4) {
            /* Free-running output at the T2 rate: the byte recirculates
             * forever and never raises the flag; the owner sees it once. */
            if (v->hooks.sr_out) v->hooks.sr_out(v->hooks.ctx, val);
        } else {
            sr_start(v);
        }
        resched(v);
        break;
    case VIA_ACR: write_acr(v, val); break;
    case VIA_PCR: {
        v->pcr = val;
        /* Manual output modes drive CA2/CB2 at once. */
        for (int line = 0; line < 2; line++) {
            unsigned m = ctrl2_mode(v, line);
            if (m == 6) set_ctrl_out(v, line, false);
            if (m == 7) set_ctrl_out(v, line, true);
        }
        break;
    }
    case VIA_IFR:
        /* Writing a 1 clears that flag; bit 7 cannot be written. */
        v->ifr &= (uint8_t) ~(val & 0x7f);
        update_irq(v);
        resched(v);
        break;
    default: /* VIA_IER */
        if (val & 0x80)
            v->ier |= val & 0x7f;
        else
            v->ier &= (uint8_t) ~(val & 0x7f);
        update_irq(v);
        break;
    }
}

uint8_t via6522_peek(via6522 *v, unsigned reg)
{
    via_sync(v, now_tick(v));
    switch (reg & 15) {
    case VIA_ORB: return v->orb;
    case VIA_ORA:
    case VIA_ORA_NH: return v->ora;
    case VIA_DDRB: return v->ddrb;
    case VIA_DDRA: return v->ddra;
    case VIA_T1CL: return (uint8_t)t1_counter(v, v->synced);
    case VIA_T1CH: return (uint8_t)(t1_counter(v, v->synced) >> 8);
    case VIA_T1LL: return (uint8_t)v->t1_latch;
    case VIA_T1LH: return (uint8_t)(v->t1_latch >> 8);
    case VIA_T2CL: return (uint8_t)t2_counter(v, v->synced);
    case VIA_T2CH: return (uint8_t)(t2_counter(v, v->synced) >> 8);
    case VIA_SR: return v->sr;
    case VIA_ACR: return v->acr;
    case VIA_PCR: return v->pcr;
    case VIA_IFR: return (uint8_t)(v->ifr | ((v->ifr & v->ier & 0x7f) ? 0x80 : 0));
    default: return v->ier | 0x80;
    }
}

bool via6522_irq_level(const via6522 *v)
{
    return v->irq_level;
}

/* ---- the register window ---- */

/* Each register is one byte; a wider access touches the register in its
 * first byte lane and any other register that starts inside it (only
 * when reg_shift is 0). The others read 0xff. */
static bool lane_selects(const via6522 *v, uint32_t off, unsigned i)
{
    return i == 0 || ((off + i) >> v->reg_shift) != ((off + i - 1) >> v->reg_shift);
}

static uint32_t mmio_read(void *opaque, uint32_t off, unsigned size)
{
    via6522 *v = opaque;
    uint32_t val = 0;
    for (unsigned i = 0; i < size; i++) {
        uint8_t b = 0xff;
        if (lane_selects(v, off, i)) b = via6522_read(v, ((off + i) >> v->reg_shift) & 15);
        val = val << 8 | b;
    }
    return val;
}

static void mmio_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    via6522 *v = opaque;
    for (unsigned i = 0; i < size; i++) {
        uint8_t b = (uint8_t)(val >> (8 * (size - 1 - i)));
        if (lane_selects(v, off, i)) via6522_write(v, ((off + i) >> v->reg_shift) & 15, b);
    }
}

static const mmio_ops via_ops = {mmio_read, mmio_write, NULL};

/* ---- device class ---- */

static void via_reset(device *d, reset_kind k)
{
    via6522 *v = (via6522 *)d;
    int64_t t = now_tick(v);
    via_sync(v, t);
    /* RES clears every register except the timers' counters and latches
     * and the shift register (R6522 data sheet, "Reset"). At power-on
     * those hold whatever they came up with: we pick all ones. */
    v->ora = v->orb = v->ddra = v->ddrb = 0;
    v->acr = v->pcr = v->ifr = v->ier = 0;
    v->ira_latch = v->irb_latch = 0;
    v->t1_armed = v->t2_armed = false;
    v->sr_done = -1;
    v->ca2_out = v->cb2_out = true;
    if (k == RESET_POWER_ON) {
        v->sr = 0;
        v->t1_latch = v->t1_init = 0xffff;
        v->t1_load = t;
        v->t1_uf_base = 1; /* PB7 idles high */
        v->t2_latch_lo = 0xff;
        v->t2_init = v->t2_held = 0xffff;
        v->t2_load = t;
        v->ca1 = v->ca2 = v->cb1 = v->cb2 = true;
    } else {
        t1_rebase(v, t);
    }
    /* Local state only: the IRQ line is left to the machine's reset. */
    v->irq_level = false;
    sched_cancel(v->env.sched, &v->ev);
}

static void via_save(const device *d, st_writer *w)
{
    via6522 *v = (via6522 *)d;
    via_sync(v, now_tick(v));
    uint8_t regs[] = {v->ora, v->orb, v->ddra, v->ddrb,      v->acr,      v->pcr,
                      v->ifr, v->ier, v->sr,   v->ira_latch, v->irb_latch};
    st_put_bytes(w, regs, sizeof(regs));
    st_put_bool(w, v->ca1);
    st_put_bool(w, v->ca2);
    st_put_bool(w, v->cb1);
    st_put_bool(w, v->cb2);
    st_put_bool(w, v->ca2_out);
    st_put_bool(w, v->cb2_out);
    st_put_u16(w, v->t1_latch);
    st_put_u16(w, v->t1_init);
    st_put_u64(w, (uint64_t)v->t1_load);
    st_put_u64(w, v->t1_uf_base);
    st_put_bool(w, v->t1_armed);
    st_put_u8(w, v->t2_latch_lo);
    st_put_u16(w, v->t2_init);
    st_put_u16(w, v->t2_held);
    st_put_u64(w, (uint64_t)v->t2_load);
    st_put_bool(w, v->t2_armed);
    st_put_u64(w, (uint64_t)v->sr_done);
    st_put_u64(w, (uint64_t)v->synced);
    st_put_bool(w, v->irq_level);
}

static bool via_load(device *d, st_reader *r, uint16_t version)
{
    via6522 *v = (via6522 *)d;
    if (version > 1) return false;
    uint8_t regs[11];
    st_get_bytes(r, regs, sizeof(regs));
    v->ora = regs[0];
    v->orb = regs[1];
    v->ddra = regs[2];
    v->ddrb = regs[3];
    v->acr = regs[4];
    v->pcr = regs[5];
    v->ifr = regs[6] & 0x7f;
    v->ier = regs[7] & 0x7f;
    v->sr = regs[8];
    v->ira_latch = regs[9];
    v->irb_latch = regs[10];
    v->ca1 = st_get_bool(r);
    v->ca2 = st_get_bool(r);
    v->cb1 = st_get_bool(r);
    v->cb2 = st_get_bool(r);
    v->ca2_out = st_get_bool(r);
    v->cb2_out = st_get_bool(r);
    v->t1_latch = st_get_u16(r);
    v->t1_init = st_get_u16(r);
    v->t1_load = (int64_t)st_get_u64(r);
    v->t1_uf_base = st_get_u64(r);
    v->t1_armed = st_get_bool(r);
    v->t2_latch_lo = st_get_u8(r);
    v->t2_init = st_get_u16(r);
    v->t2_held = st_get_u16(r);
    v->t2_load = (int64_t)st_get_u64(r);
    v->t2_armed = st_get_bool(r);
    v->sr_done = (int64_t)st_get_u64(r);
    v->synced = (int64_t)st_get_u64(r);
    bool level = st_get_bool(r);
    if (!st_chunk_ok(r)) return false;
    v->irq_level = !level; /* force the wire to the saved level */
    update_irq(v);
    resched(v);
    return true;
}

static void via_destroy(device *d)
{
    via6522 *v = (via6522 *)d;
    sched_cancel(v->env.sched, &v->ev);
    g_free(v);
}

static const device_class via_class = {
    .type = "via6522",
    .desc = "Rockwell R6522 VIA: two 8-bit ports, two timers, shift register",
    .reset = via_reset,
    .save = via_save,
    .load = via_load,
    .state_version = 1,
    .destroy = via_destroy,
};

via6522 *via6522_create(const device_env *env, const char *id, uint64_t clock_hz,
                        unsigned reg_shift, const via6522_hooks *hooks)
{
    if (!env || !env->sched || clock_hz == 0 || reg_shift > 24) return NULL;
    via6522 *v = g_new0(via6522, 1);
    v->dev.cls = &via_class;
    v->dev.id = id ? id : "via";
    v->env = *env;
    v->clk.hz = clock_hz;
    v->reg_shift = reg_shift;
    if (hooks) v->hooks = *hooks;
    v->mmio.ops = &via_ops;
    v->mmio.opaque = v;
    v->mmio.size = 16u << reg_shift;
    sched_event_init(&v->ev, "via6522", via_fire, v, 0);
    v->synced = now_tick(v);
    via_reset(&v->dev, RESET_POWER_ON);
    return v;
}

const device_mmio *via6522_mmio(via6522 *v)
{
    return &v->mmio;
}

void via6522_connect_irq(via6522 *v, irq_line out)
{
    v->irq = out;
}

device *via6522_device(via6522 *v)
{
    return &v->dev;
}
