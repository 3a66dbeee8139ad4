/* OpenPIC interrupt controller (Apple KeyLargo "MPIC" flavour).
 *
 * Register layout and semantics follow the "OpenPIC Register Interface
 * Specification Revision 1.2" (AMD/Cyrix, 1995). Which registers Apple's
 * firmware and kernels touch, and the values they expect to read, were
 * checked against Linux arch/powerpc/sysdev/mpic.c (the client) and QEMU's
 * KeyLargo OpenPIC model (the behaviour OpenBIOS has been run against).
 *
 * Sources are numbered 0..nsources-1 (external), then the four global
 * timers, then the four IPIs. Every source has a vector/priority register:
 *   bit 31 mask, bit 30 activity (read-only: unmasked request or in service),
 *   bit 23 polarity, bit 22 sense (1 = level), bits 19-16 priority,
 *   bits 7-0 vector.
 * Timers and IPIs are always edge-sensitive and have no polarity/sense.
 *
 * Delivery (spec 1.2, "Interrupt delivery" and the per-processor
 * registers): a source is deliverable to CPU 0 when it is pending, not
 * masked, routed to CPU 0, and its priority is above both the CPU's current
 * task priority and the priority of the highest interrupt in service. INT
 * is asserted while such a source exists. IACK returns the vector of the
 * highest-priority deliverable source (the lower number wins a tie) and puts
 * it in service; with none it returns the spurious vector. EOI retires the
 * highest-priority in-service interrupt.
 *
 * The wires carry logical assertion (true = the device requests service),
 * not an electrical level, so the polarity bit is stored and read back but
 * does not invert the input. An edge-sensitive source latches on the wire's
 * rising edge, also while masked; IACK clears the latch. A level-sensitive
 * source is pending exactly while its wire is asserted.
 */
#include "openpic.h"

#include <glib.h>
#include <string.h>

#define OP_NTIMERS 4
#define OP_NIPIS   4

/* Global register offsets (spec 1.2, "Global registers"). */
#define OP_FRR   0x01000 /* feature reporting register 0 */
#define OP_GCR   0x01020 /* global configuration register 0 */
#define OP_VIR   0x01080 /* vendor identification */
#define OP_PIR   0x01090 /* processor initialization */
#define OP_IPIVP 0x010a0 /* IPI n vector/priority at +0x10*n */
#define OP_SPV   0x010e0 /* spurious vector */
#define OP_TFRR  0x010f0 /* timer frequency reporting */
#define OP_TMR   0x01100 /* global timer n at +0x40*n */
#define OP_SRC   0x10000 /* source n at +0x20*n */
#define OP_CPU0  0x20000 /* processor 0's registers */

/* Processor register offsets within a CPU's page. */
#define OP_CPU_IPI  0x40 /* IPI n dispatch at +0x10*n */
#define OP_CPU_CTPR 0x80
#define OP_CPU_WHO  0x90
#define OP_CPU_IACK 0xa0
#define OP_CPU_EOI  0xb0

#define GCR_RESET    0x80000000u
#define GCR_CASCADE  0x20000000u /* 8259 pass-through disable / mixed mode */
#define VPR_MASK     0x80000000u
#define VPR_ACTIVITY 0x40000000u
#define VPR_POLARITY 0x00800000u
#define VPR_SENSE    0x00400000u
#define VPR_PRIO     0x000f0000u
#define VPR_VECTOR   0x000000ffu
#define TBCR_CI      0x80000000u /* count inhibit */
#define TCCR_TOGGLE  0x80000000u
#define TMR_COUNT    0x7fffffffu

/* Spec 1.2 FRR bits 7-0: the revision of the spec implemented (2 = 1.2). */
#define OP_VERSION_1_2 2

typedef struct op_source {
    uint32_t vpr;  /* vector/priority as written (activity is computed) */
    uint32_t dest; /* destination: bit 0 = CPU 0 */
    bool line;     /* the input wire */
    bool pending;  /* requested: edge latch, or the wire for level sources */
    bool in_service;
} op_source;

/* A global timer counts down from its base count at timer_hz; reaching
 * zero toggles TCCR bit 31, reloads the base count and requests the
 * timer's interrupt. Nothing ticks: while counting, the count is derived
 * from the time elapsed since `epoch`, and `expiry_tick` (ticks since
 * epoch) is when it next reaches zero. */
typedef struct op_timer {
    uint32_t tbcr;
    uint32_t held; /* current count while not counting */
    bool toggle;
    bool counting;
    sched_time epoch;
    uint64_t expiry_tick;
} op_timer;

struct openpic {
    device dev;
    device_env env;
    device_mmio mmio;
    irq_line int_out;
    bool int_level;
    unsigned nsrc;   /* external sources */
    unsigned ntotal; /* + timers + IPIs */
    clock_domain clk;
    sched_event timer_ev;
    uint32_t gcr, pir, spurious, tfrr, ctpr;
    op_timer timers[OP_NTIMERS];
    op_source *src;
    bool warned_size;
};

static inline unsigned timer_src(const openpic *p, unsigned i)
{
    return p->nsrc + i;
}

static inline unsigned ipi_src(const openpic *p, unsigned i)
{
    return p->nsrc + OP_NTIMERS + i;
}

static inline bool is_external(const openpic *p, unsigned n)
{
    return n < p->nsrc;
}

static inline int vpr_prio(uint32_t vpr)
{
    return (int)((vpr & VPR_PRIO) >> 16);
}

/* ---- delivery ---- */

static int in_service_prio(const openpic *p)
{
    int best = -1;
    for (unsigned n = 0; n < p->ntotal; n++) {
        if (p->src[n].in_service && vpr_prio(p->src[n].vpr) > best) best = vpr_prio(p->src[n].vpr);
    }
    return best;
}

/* The source IACK would return now, or -1. */
static int best_deliverable(const openpic *p)
{
    int floor = in_service_prio(p);
    if ((int)p->ctpr > floor) floor = (int)p->ctpr;
    int best = -1, best_prio = floor;
    for (unsigned n = 0; n < p->ntotal; n++) {
        const op_source *s = &p->src[n];
        if (!s->pending || (s->vpr & VPR_MASK) || !(s->dest & 1)) continue;
        if (vpr_prio(s->vpr) > best_prio) {
            best = (int)n;
            best_prio = vpr_prio(s->vpr);
        }
    }
    return best;
}

static void update_output(openpic *p)
{
    bool level = best_deliverable(p) >= 0;
    if (level != p->int_level) {
        p->int_level = level;
        irq_set(&p->int_out, level);
    }
}

static void set_input(void *opaque, unsigned n, bool level)
{
    openpic *p = opaque;
    if (n >= p->nsrc) return;
    op_source *s = &p->src[n];
    bool rising = level && !s->line;
    s->line = level;
    if (s->vpr & VPR_SENSE)
        s->pending = level;
    else if (rising)
        s->pending = true;
    update_output(p);
}

static uint32_t do_iack(openpic *p)
{
    int n = best_deliverable(p);
    if (n < 0) return p->spurious;
    op_source *s = &p->src[n];
    s->in_service = true;
    /* An edge request is consumed by its acknowledge; a level source stays
     * pending while its wire is asserted but is now masked by its own
     * in-service priority until EOI. */
    if (!(s->vpr & VPR_SENSE)) s->pending = false;
    update_output(p);
    return s->vpr & VPR_VECTOR;
}

static void do_eoi(openpic *p)
{
    int best = -1, best_prio = -1;
    for (unsigned n = 0; n < p->ntotal; n++) {
        if (p->src[n].in_service && vpr_prio(p->src[n].vpr) > best_prio) {
            best = (int)n;
            best_prio = vpr_prio(p->src[n].vpr);
        }
    }
    if (best >= 0) p->src[best].in_service = false;
    update_output(p);
}

static uint32_t read_vpr(const openpic *p, unsigned n)
{
    /* Activity: the request has passed the mask (it is being presented or
     * is in service); a latched request behind the mask does not show. */
    const op_source *s = &p->src[n];
    bool active = (s->pending && !(s->vpr & VPR_MASK)) || s->in_service;
    return s->vpr | (active ? VPR_ACTIVITY : 0);
}

static void write_vpr(openpic *p, unsigned n, uint32_t v)
{
    op_source *s = &p->src[n];
    uint32_t writable = VPR_MASK | VPR_PRIO | VPR_VECTOR;
    if (is_external(p, n)) writable |= VPR_POLARITY | VPR_SENSE;
    bool was_level = s->vpr & VPR_SENSE;
    s->vpr = v & writable;
    if (s->vpr & VPR_SENSE)
        s->pending = s->line;
    else if (was_level)
        s->pending = false; /* a held level is not an edge */
    update_output(p);
}

/* ---- global timers ---- */

/* Time of tick k after epoch, rounded up so that clock_ps_to_ticks of the
 * result is k (not k - 1). */
static sched_time ticks_to_ps_ceil(const clock_domain *c, uint64_t k)
{
    unsigned __int128 num = (unsigned __int128)k * SCHED_PS_PER_SEC;
    return (sched_time)((num + c->hz - 1) / c->hz);
}

/* Accounts for every expiry of timer i up to now. */
static void timer_sync(openpic *p, unsigned i, sched_time now)
{
    op_timer *t = &p->timers[i];
    if (!t->counting) return;
    uint64_t k = clock_ps_to_ticks(&p->clk, now - t->epoch);
    if (k < t->expiry_tick) return;
    uint32_t base = t->tbcr & TMR_COUNT;
    if (base == 0) {
        /* Nothing to reload: the count stays at zero. */
        t->toggle = !t->toggle;
        t->counting = false;
        t->held = 0;
    } else {
        uint64_t n = 1 + (k - t->expiry_tick) / base;
        t->expiry_tick += n * base;
        if (n & 1) t->toggle = !t->toggle;
    }
    /* Expiries missed while the event was late collapse into one request. */
    p->src[timer_src(p, i)].pending = true;
}

static uint32_t timer_count(openpic *p, unsigned i, sched_time now)
{
    op_timer *t = &p->timers[i];
    timer_sync(p, i, now);
    uint32_t count = t->held;
    if (t->counting)
        count = (uint32_t)(t->expiry_tick - clock_ps_to_ticks(&p->clk, now - t->epoch));
    return (count & TMR_COUNT) | (t->toggle ? TCCR_TOGGLE : 0);
}

static void timer_start(openpic *p, unsigned i, uint32_t base, sched_time now)
{
    op_timer *t = &p->timers[i];
    if (base == 0 || p->clk.hz == 0) {
        t->counting = false;
        t->held = base;
        return;
    }
    t->counting = true;
    t->epoch = now;
    t->expiry_tick = base;
}

static void timer_schedule(openpic *p)
{
    sched_time next = SCHED_NEVER;
    for (unsigned i = 0; i < OP_NTIMERS; i++) {
        const op_timer *t = &p->timers[i];
        if (!t->counting) continue;
        sched_time when = t->epoch + ticks_to_ps_ceil(&p->clk, t->expiry_tick);
        if (when < next) next = when;
    }
    if (next == SCHED_NEVER)
        sched_cancel(p->env.sched, &p->timer_ev);
    else
        sched_at(p->env.sched, &p->timer_ev, next);
}

static void timer_fire(void *opaque, sched_time late)
{
    openpic *p = opaque;
    (void)late;
    sched_time now = sched_now(p->env.sched);
    for (unsigned i = 0; i < OP_NTIMERS; i++) timer_sync(p, i, now);
    update_output(p);
    timer_schedule(p);
}

/* Spec 1.2, Global Timer Base Count Register: clearing CI copies the base
 * count into the current count, clears the toggle bit and starts counting;
 * setting CI stops the count where it is; a new base count written while
 * counting is used from the next reload on. */
static void write_tbcr(openpic *p, unsigned i, uint32_t v)
{
    op_timer *t = &p->timers[i];
    sched_time now = sched_now(p->env.sched);
    timer_sync(p, i, now);
    bool was_inhibited = t->tbcr & TBCR_CI, inhibit = v & TBCR_CI;
    if (was_inhibited && !inhibit) {
        t->toggle = false;
        timer_start(p, i, v & TMR_COUNT, now);
    } else if (!was_inhibited && inhibit) {
        t->held = timer_count(p, i, now) & TMR_COUNT;
        t->counting = false;
    } else if (!inhibit && !t->counting && t->held == 0) {
        /* Stuck at zero after a zero base count: the next tick reloads. */
        timer_start(p, i, v & TMR_COUNT, now);
    }
    t->tbcr = v;
    update_output(p);
    timer_schedule(p);
}

/* ---- reset ---- */

static void reset_state(openpic *p, bool keep_lines)
{
    p->gcr = 0;
    p->pir = 0;
    p->spurious = 0xff;
    p->tfrr = p->clk.hz > UINT32_MAX ? UINT32_MAX : (uint32_t)p->clk.hz;
    p->ctpr = 15; /* everything masked until the OS lowers it */
    for (unsigned n = 0; n < p->ntotal; n++) {
        op_source *s = &p->src[n];
        s->vpr = VPR_MASK;
        /* IPIs are routed by their dispatch register, not a destination. */
        s->dest = n >= ipi_src(p, 0) ? 1 : 0;
        s->pending = false;
        s->in_service = false;
        if (!keep_lines) s->line = false;
    }
    for (unsigned i = 0; i < OP_NTIMERS; i++) {
        op_timer *t = &p->timers[i];
        memset(t, 0, sizeof(*t));
        t->tbcr = TBCR_CI;
    }
    sched_cancel(p->env.sched, &p->timer_ev);
}

static void openpic_reset(device *d, reset_kind k)
{
    openpic *p = (openpic *)d;
    (void)k;
    reset_state(p, false);
    p->int_level = false;
}

/* ---- registers ---- */

/* Offsets 0x40-0xb0 of the global space are a view of the processor
 * registers of "this" processor, as on the Motorola/Freescale OpenPICs and
 * QEMU's model; with one CPU it is CPU 0's page. */
static uint32_t cpu_alias(uint32_t off)
{
    return off >= 0x40 && off <= 0xbc ? OP_CPU0 + off : off;
}

static uint32_t reg_read(openpic *p, uint32_t off, bool side_effects)
{
    off = cpu_alias(off);
    if (off >= OP_CPU0) {
        if (off >= OP_CPU0 + 0x1000) return 0; /* only CPU 0 exists */
        switch (off - OP_CPU0) {
        case OP_CPU_CTPR: return p->ctpr;
        case OP_CPU_WHO: return 0;
        case OP_CPU_IACK: return side_effects ? do_iack(p) : 0;
        default: return 0; /* IPI dispatch and EOI read as zero */
        }
    }
    if (off >= OP_SRC) {
        unsigned n = (off - OP_SRC) / 0x20;
        if (n >= p->nsrc) return 0;
        switch ((off - OP_SRC) % 0x20) {
        case 0x00: return read_vpr(p, n);
        case 0x10: return p->src[n].dest;
        default: return 0;
        }
    }
    if (off >= OP_TMR && off < OP_TMR + 0x40 * OP_NTIMERS) {
        unsigned i = (off - OP_TMR) / 0x40;
        switch ((off - OP_TMR) % 0x40) {
        case 0x00: return timer_count(p, i, sched_now(p->env.sched));
        case 0x10: return p->timers[i].tbcr;
        case 0x20: return read_vpr(p, timer_src(p, i));
        case 0x30: return p->src[timer_src(p, i)].dest;
        default: return 0;
        }
    }
    if (off >= OP_IPIVP && off < OP_IPIVP + 0x10 * OP_NIPIS && !(off & 0xf))
        return read_vpr(p, ipi_src(p, (off - OP_IPIVP) / 0x10));
    switch (off) {
    case OP_FRR:
        /* NIRQ (bits 26-16) and NCPU (bits 12-8) hold the count minus one. */
        return ((p->nsrc - 1) << 16) | (0u << 8) | OP_VERSION_1_2;
    case OP_GCR: return p->gcr; /* reset completes at once: bit 31 reads 0 */
    case OP_VIR: return 0;      /* generic vendor, device and stepping 0 */
    case OP_PIR: return p->pir;
    case OP_SPV: return p->spurious;
    case OP_TFRR: return p->tfrr;
    default: return 0;
    }
}

static void reg_write(openpic *p, uint32_t off, uint32_t v)
{
    off = cpu_alias(off);
    if (off >= OP_CPU0) {
        if (off >= OP_CPU0 + 0x1000) return;
        uint32_t r = off - OP_CPU0;
        if (r >= OP_CPU_IPI && r < OP_CPU_IPI + 0x10 * OP_NIPIS && !(r & 0xf)) {
            /* The written value is a CPU mask; only CPU 0 exists. */
            if (v & 1) {
                p->src[ipi_src(p, (r - OP_CPU_IPI) / 0x10)].pending = true;
                update_output(p);
            }
            return;
        }
        switch (r) {
        case OP_CPU_CTPR:
            p->ctpr = v & 0xf;
            update_output(p);
            return;
        case OP_CPU_EOI: do_eoi(p); return;
        default: return; /* WHO_AM_I and IACK are read-only */
        }
    }
    if (off >= OP_SRC) {
        unsigned n = (off - OP_SRC) / 0x20;
        if (n >= p->nsrc) return;
        switch ((off - OP_SRC) % 0x20) {
        case 0x00: write_vpr(p, n, v); return;
        case 0x10:
            p->src[n].dest = v & 1;
            update_output(p);
            return;
        default: return;
        }
    }
    if (off >= OP_TMR && off < OP_TMR + 0x40 * OP_NTIMERS) {
        unsigned i = (off - OP_TMR) / 0x40;
        switch ((off - OP_TMR) % 0x40) {
        case 0x10: write_tbcr(p, i, v); return;
        case 0x20: write_vpr(p, timer_src(p, i), v); return;
        case 0x30:
            p->src[timer_src(p, i)].dest = v & 1;
            update_output(p);
            return;
        default: return; /* current count is read-only */
        }
    }
    if (off >= OP_IPIVP && off < OP_IPIVP + 0x10 * OP_NIPIS && !(off & 0xf)) {
        write_vpr(p, ipi_src(p, (off - OP_IPIVP) / 0x10), v);
        return;
    }
    switch (off) {
    case OP_GCR:
        if (v & GCR_RESET) {
            /* A software reset returns every register to its reset value
             * (the wires stay as they are) and lowers INT if it was up. */
            reset_state(p, true);
            update_output(p);
        } else {
            p->gcr = v & GCR_CASCADE;
        }
        return;
    case OP_PIR:
        /* Bit n holds processor n in reset; there is no reset wire to the
         * CPU here, the value is only kept. */
        p->pir = v & 1;
        return;
    case OP_SPV: p->spurious = v & VPR_VECTOR; return;
    case OP_TFRR: p->tfrr = v; return; /* written by firmware, informative */
    default: return;
    }
}

/* The registers are little-endian 32-bit words; the bus hands us values in
 * guest (big-endian) order, so a word is byte-swapped. The spec allows
 * word accesses only: narrower reads return the addressed bytes without
 * side effects, narrower writes are dropped. */
static uint32_t mmio_read(void *opaque, uint32_t off, unsigned size)
{
    openpic *p = opaque;
    if (off >= OPENPIC_WINDOW_SIZE) return 0;
    if (size == 4 && !(off & 3)) return __builtin_bswap32(reg_read(p, off, true));
    uint32_t reg = reg_read(p, off & ~3u, false), v = 0;
    for (unsigned j = 0; j < size; j++) {
        unsigned b = (off & 3) + j;
        v = v << 8 | (b < 4 ? (reg >> (8 * b)) & 0xff : 0);
    }
    return v;
}

static void mmio_write(void *opaque, uint32_t off, uint32_t value, unsigned size)
{
    openpic *p = opaque;
    if (off >= OPENPIC_WINDOW_SIZE) return;
    if (size == 4 && !(off & 3)) {
        reg_write(p, off, __builtin_bswap32(value));
        return;
    }
    if (!p->warned_size) {
        p->warned_size = true;
        clarus_log(p->env.log, LOG_WARN, "openpic",
                   "%s: %u-byte write at 0x%05x ignored (registers are 32-bit)", p->dev.id, size,
                   off);
    }
}

static const mmio_ops openpic_ops = {mmio_read, mmio_write, NULL};

/* ---- save states ---- */

static void openpic_save(const device *d, st_writer *w)
{
    const openpic *p = (const openpic *)d;
    st_put_u32(w, p->nsrc);
    st_put_u32(w, p->gcr);
    st_put_u32(w, p->pir);
    st_put_u32(w, p->spurious);
    st_put_u32(w, p->tfrr);
    st_put_u32(w, p->ctpr);
    st_put_bool(w, p->int_level);
    for (unsigned n = 0; n < p->ntotal; n++) {
        const op_source *s = &p->src[n];
        st_put_u32(w, s->vpr);
        st_put_u32(w, s->dest);
        st_put_bool(w, s->line);
        st_put_bool(w, s->pending);
        st_put_bool(w, s->in_service);
    }
    for (unsigned i = 0; i < OP_NTIMERS; i++) {
        const op_timer *t = &p->timers[i];
        st_put_u32(w, t->tbcr);
        st_put_u32(w, t->held);
        st_put_bool(w, t->toggle);
        st_put_bool(w, t->counting);
        st_put_u64(w, (uint64_t)t->epoch);
        st_put_u64(w, t->expiry_tick);
    }
}

static bool openpic_load(device *d, st_reader *r, uint16_t version)
{
    openpic *p = (openpic *)d;
    if (version > p->dev.cls->state_version) return false;
    if (st_get_u32(r) != p->nsrc) return false;
    p->gcr = st_get_u32(r) & GCR_CASCADE;
    p->pir = st_get_u32(r) & 1;
    p->spurious = st_get_u32(r) & VPR_VECTOR;
    p->tfrr = st_get_u32(r);
    p->ctpr = st_get_u32(r) & 0xf;
    p->int_level = st_get_bool(r);
    for (unsigned n = 0; n < p->ntotal; n++) {
        op_source *s = &p->src[n];
        s->vpr = st_get_u32(r) & (VPR_MASK | VPR_POLARITY | VPR_SENSE | VPR_PRIO | VPR_VECTOR);
        s->dest = st_get_u32(r) & 1;
        s->line = st_get_bool(r);
        s->pending = st_get_bool(r);
        s->in_service = st_get_bool(r);
    }
    for (unsigned i = 0; i < OP_NTIMERS; i++) {
        op_timer *t = &p->timers[i];
        t->tbcr = st_get_u32(r);
        t->held = st_get_u32(r);
        t->toggle = st_get_bool(r);
        t->counting = st_get_bool(r) && p->clk.hz != 0;
        t->epoch = (sched_time)st_get_u64(r);
        t->expiry_tick = st_get_u64(r);
    }
    if (!st_chunk_ok(r)) return false;
    timer_schedule(p);
    return true;
}

static void openpic_destroy(device *d)
{
    openpic *p = (openpic *)d;
    sched_cancel(p->env.sched, &p->timer_ev);
    g_free(p->src);
    g_free(p);
}

static const device_class openpic_class = {
    .type = "openpic",
    .desc = "OpenPIC 1.2 interrupt controller (KeyLargo MPIC)",
    .reset = openpic_reset,
    .save = openpic_save,
    .load = openpic_load,
    .state_version = 1,
    .destroy = openpic_destroy,
};

/* ---- public API ---- */

openpic *openpic_create(const device_env *env, const char *id, unsigned nsources, uint64_t timer_hz)
{
    if (!env || !env->sched || nsources == 0 || nsources > OPENPIC_MAX_SOURCES) return NULL;
    /* Beyond 1 THz a tick would be shorter than the timeline's picosecond. */
    if (timer_hz > (uint64_t)SCHED_PS_PER_SEC) return NULL;
    openpic *p = g_new0(openpic, 1);
    p->dev.cls = &openpic_class;
    p->dev.id = id ? id : "openpic";
    p->env = *env;
    p->nsrc = nsources;
    p->ntotal = nsources + OP_NTIMERS + OP_NIPIS;
    p->src = g_new0(op_source, p->ntotal);
    p->clk.hz = timer_hz;
    p->mmio.ops = &openpic_ops;
    p->mmio.opaque = p;
    p->mmio.size = OPENPIC_WINDOW_SIZE;
    sched_event_init(&p->timer_ev, "openpic-timer", timer_fire, p, 0);
    reset_state(p, false);
    return p;
}

irq_line openpic_input(openpic *p, unsigned n)
{
    /* An out-of-range source yields a wire that goes nowhere. */
    if (n >= p->nsrc) return irq_line_make(NULL, NULL, 0);
    return irq_line_make(set_input, p, n);
}

void openpic_connect_cpu(openpic *p, irq_line int_out)
{
    p->int_out = int_out;
}

const device_mmio *openpic_mmio(openpic *p)
{
    return &p->mmio;
}

device *openpic_device(openpic *p)
{
    return &p->dev;
}
