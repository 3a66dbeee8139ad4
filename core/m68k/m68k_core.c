/* 68000 core: the public API, the run loop, exception processing and the
 * slow bus path.
 *
 * Exception processing follows the MC68000 User's Manual, section 6
 * ("Exception processing"): the SR is copied, S set and T cleared, the PC
 * and SR are stacked (the address and bus error frame adds the access
 * address, the instruction register and a status word), the vector is read
 * and the queue refilled from the handler. The stacking order on the bus
 * (PC low word first, then SR, then PC high) is the 68000's.
 */
#include "m68k_internal.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_CLOCK_HZ 7833600u /* Macintosh Plus / SE / Classic */

/* ---- status register and stacks ---- */

void m68k_update_pending(m68k_cpu *c)
{
    uint32_t p = c->pending & (PEND_TRACE | PEND_END);
    unsigned mask = (c->sr_sys >> 8) & 7;
    if (c->ipl > mask || c->nmi_edge) p |= PEND_IRQ;
    if (c->stopped) p |= PEND_STOP;
    if (c->halted) p |= PEND_HALT;
    if (c->sr_sys & SR_T) p |= PEND_TRACE_ARM;
    c->pending = p;
    /* Anything pending stops the fast loop after this instruction. */
    c->limit = p ? -1 : c->budget;
}

void m68k_set_sr(m68k_cpu *c, uint32_t v)
{
    uint32_t old_s = c->sr_sys & SR_S;
    c->sr_sys = v & SR_SYS;
    set_ccr(c, v);
    if ((v & SR_S) != old_s) {
        uint32_t t = c->r[15];
        c->r[15] = c->other_sp;
        c->other_sp = t;
    }
    c->fc_base = (v & SR_S) ? 4 : 0;
    m68k_update_pending(c);
}

/* ---- slow bus path ---- */

void m68k_notify(m68k_cpu *c, m68k_bus_kind kind, unsigned fc, uint32_t addr, uint16_t data,
                 unsigned size)
{
    if (!c->observer) return;
    m68k_bus_event ev = {
        .kind = kind,
        .fc = fc,
        .addr = addr,
        .data = data,
        .uds = size != 1 || !(addr & 1),
        .lds = size != 1 || (addr & 1),
        .cycle = c->cycles,
    };
    c->observer(c->observer_ctx, &ev);
}

static void check_bus_error(m68k_cpu *c, uint32_t addr, bool write, unsigned fc)
{
    if (unlikely(c->bus->bus_error)) {
        c->bus->bus_error = false;
        m68k_bus_error(c, addr, write, fc, false);
    }
}

uint32_t m68k_slow_read(m68k_cpu *c, uint32_t addr, unsigned fc, unsigned size)
{
    int64_t start = c->cycles;
    uint32_t v = mm_read_slow(c->bus, addr & c->addr_mask, size);
    c->cycles = start;
    if (c->observer)
        m68k_notify(c, M68K_BUS_READ, fc, addr, (uint16_t)(size == 1 && !(addr & 1) ? v << 8 : v),
                    size);
    c->cycles = start + 4;
    check_bus_error(c, addr, false, fc);
    return v;
}

void m68k_slow_write(m68k_cpu *c, uint32_t addr, uint32_t v, unsigned fc, unsigned size)
{
    if (c->observer) {
        uint16_t data = (uint16_t)(size == 1 ? (v & 0xff) * 0x101 : v);
        m68k_notify(c, M68K_BUS_WRITE, fc, addr, data, size);
    }
    c->cycles += 4;
    mm_write_slow(c->bus, addr & c->addr_mask, size == 1 ? v & 0xff : v & 0xffff, size);
    check_bus_error(c, addr, true, fc);
}

/* ---- exceptions ---- */

static _Noreturn void abandon(m68k_cpu *c)
{
    longjmp(c->abort, 1);
}

static void halt(m68k_cpu *c)
{
    c->halted = true;
    c->in_exception = false;
    m68k_update_pending(c);
}

/* Enters supervisor mode for exception processing; returns the old SR. */
static uint32_t enter_exception(m68k_cpu *c)
{
    uint32_t old = get_sr(c);
    m68k_set_sr(c, (old | SR_S) & ~SR_T);
    c->pending &= ~PEND_TRACE;
    c->trace_next = false;
    return old;
}

static void push_word_at(m68k_cpu *c, uint32_t addr, uint32_t v)
{
    if (addr & 1) {
        /* The supervisor stack is odd: the 68000 double-faults and halts. */
        halt(c);
        abandon(c);
    }
    bus_wr16(c, addr, v, FC_SUPER_DATA);
}

/* Stacks the 3-word frame. Bus order: PC low, SR, PC high. */
static void push_frame(m68k_cpu *c, uint32_t sr, uint32_t pc)
{
    uint32_t sp = c->r[15] - 6;
    c->r[15] = sp;
    push_word_at(c, sp + 4, pc & 0xffff);
    push_word_at(c, sp, sr);
    push_word_at(c, sp + 2, pc >> 16);
}

/* Reads the vector and refills the queue from the handler ("np n np"). An
 * odd handler address is an address error at the first fetch. */
static void vector_jump(m68k_cpu *c, unsigned vector)
{
    uint32_t va = vector * 4;
    uint32_t hi = bus_rd16(c, va, FC_SUPER_DATA);
    uint32_t target = hi << 16 | bus_rd16(c, va + 2, FC_SUPER_DATA);
    c->in_exception = false;
    if (target & 1) {
        c->ipc = target; /* see m68k_jump_odd */
        m68k_address_error(c, target, false, FC_SUPER_PROG, false, target);
    }
    c->pc = target;
    prefetch_irc(c);
    idle(c, 2);
    prefetch_last(c);
}

void m68k_exception(m68k_cpu *c, unsigned vector, uint32_t pc)
{
    uint32_t old = enter_exception(c);
    c->in_exception = true;
    push_frame(c, old, pc);
    vector_jump(c, vector);
}

void m68k_illegal(m68k_cpu *c, uint32_t op)
{
    unsigned vec = (op >> 12) == 0xa ? VEC_LINE_A : (op >> 12) == 0xf ? VEC_LINE_F : VEC_ILLEGAL;
    idle(c, 4);
    m68k_exception(c, vec, c->pc - 4);
}

void m68k_privilege(m68k_cpu *c)
{
    idle(c, 4);
    m68k_exception(c, VEC_PRIVILEGE, c->pc - 4);
}

/* Address and bus errors (group 0): a 7-word frame. */
static _Noreturn void group0(m68k_cpu *c, unsigned vector, uint32_t addr, bool write, unsigned fc,
                             bool in, uint32_t pc)
{
    if (c->in_exception) {
        halt(c);
        abandon(c);
    }
    idle(c, 8);
    uint32_t ir = c->ir;
    uint32_t old = enter_exception(c);
    c->in_exception = true;
    uint32_t status = (ir & 0xffe0) | (write ? 0 : 0x10) | (in ? 8 : 0) | fc;
    uint32_t sp = c->r[15] - 14;
    c->r[15] = sp;
    push_word_at(c, sp + 12, pc & 0xffff);
    push_word_at(c, sp + 8, old);
    push_word_at(c, sp + 10, pc >> 16);
    push_word_at(c, sp + 6, ir);
    push_word_at(c, sp + 4, addr & 0xffff);
    push_word_at(c, sp, status);
    push_word_at(c, sp + 2, addr >> 16);
    vector_jump(c, vector);
    abandon(c);
}

void m68k_address_error(m68k_cpu *c, uint32_t addr, bool write, unsigned fc, bool in, uint32_t pc)
{
    /* The attempt takes a bus cycle's time, but AS is never asserted. */
    m68k_notify(c, write ? M68K_BUS_WRITE_ADDRESS_ERROR : M68K_BUS_READ_ADDRESS_ERROR, fc, addr, 0,
                2);
    c->cycles += 4;
    group0(c, VEC_ADDRESS_ERROR, addr, write, fc, in, pc);
}

void m68k_bus_error(m68k_cpu *c, uint32_t addr, bool write, unsigned fc, bool in)
{
    group0(c, VEC_BUS_ERROR, addr, write, fc, in, c->ipc);
}

void m68k_jump_odd(m68k_cpu *c, uint32_t target)
{
    m68k_address_error(c, target, false, fc_prog(c), false, c->ipc);
}

/* ---- interrupts, trace, STOP ---- */

static void take_interrupt(m68k_cpu *c)
{
    unsigned level = c->nmi_edge ? 7 : c->ipl;
    c->nmi_edge = false;
    c->stopped = false;
    idle(c, 6);
    /* Interrupt acknowledge cycle: the machine supplies the vector, or VPA
     * asks for an autovector; a bus error during IACK is spurious. */
    int v = c->host.iack ? c->host.iack(c->host.ctx, level) : M68K_IACK_AUTOVECTOR;
    c->cycles += 4;
    unsigned vector = v == M68K_IACK_AUTOVECTOR ? VEC_AUTOVECTOR_BASE + level
                      : v == M68K_IACK_SPURIOUS ? VEC_SPURIOUS
                                                : (unsigned)v & 0xff;
    idle(c, 4);
    uint32_t old = enter_exception(c);
    c->sr_sys = (c->sr_sys & ~SR_I) | level << 8;
    c->in_exception = true;
    push_frame(c, old, c->pc - 4);
    vector_jump(c, vector);
    m68k_update_pending(c);
}

/* Handles whatever `pending` flags before the next instruction. Returns
 * false when the run must stop now (halted, stopped with nothing to do,
 * or end of slice). */
static bool service_pending(m68k_cpu *c)
{
    if (c->pending & PEND_HALT) return false;
    if (c->pending & PEND_END) {
        c->pending &= ~PEND_END;
        return false;
    }
    if (c->pending & PEND_TRACE) {
        /* The previous instruction ran with T set. */
        c->pending &= ~PEND_TRACE;
        idle(c, 4);
        m68k_exception(c, VEC_TRACE, c->pc - 4);
    }
    if (c->pending & PEND_IRQ) {
        take_interrupt(c);
        return true;
    }
    if (c->stopped) {
        /* Nothing will happen before the end of the slice: skip to it. */
        if (c->cycles < c->budget) c->cycles = c->budget;
        return false;
    }
    m68k_update_pending(c);
    if (c->pending & PEND_TRACE_ARM) {
        /* T is set: run one instruction, then take the trace exception. */
        c->pending |= PEND_TRACE;
        uint32_t op = c->ir;
        c->chain = c->chain_start = 1;
        c->table[op](c, op);
        c->insn_count += 1;
    }
    return true;
}

/* The interpreter's inner loop: nothing pending, budget not reached. */
static void __attribute__((noinline)) run_fast(m68k_cpu *c)
{
    while (c->cycles < c->limit) {
        uint32_t op = c->ir;
        c->chain = c->chain_start = CHAIN_LENGTH;
        c->table[op](c, op);
        /* Each instruction of the chain counted itself down. */
        c->insn_count += CHAIN_LENGTH - c->chain;
    }
}

/* ---- public API ---- */

static sched_time hook_elapsed(void *ctx)
{
    m68k_cpu *c = ctx;
    clock_domain d = {c->clock_hz};
    return clock_ticks_to_ps(&d, (uint64_t)(c->in_run ? c->cycles : 0));
}

static void hook_deadline(void *ctx, sched_time when)
{
    m68k_cpu *c = ctx;
    if (!c->in_run || !c->sched) return;
    clock_domain d = {c->clock_hz};
    sched_time rel = when - c->sched->base;
    int64_t cyc = (int64_t)clock_ps_to_ticks(&d, rel > 0 ? rel : 0) + 1;
    if (cyc < c->budget) c->budget = cyc;
    if (cyc < c->limit) c->limit = cyc;
}

static const sched_cpu_hooks sched_hooks = {hook_elapsed, hook_deadline};

m68k_cpu *m68k_create(const m68k_config *cfg, mm_space *bus, sched *s, const m68k_host *host,
                      const char **err)
{
    const char *dummy;
    if (!err) err = &dummy;
    if (!cfg || !bus) {
        *err = "m68k_create: no configuration or no bus";
        return NULL;
    }
    if (cfg->model != M68K_MODEL_68000) {
        *err = "only the 68000 is implemented so far";
        return NULL;
    }
    m68k_cpu *c = calloc(1, sizeof(*c));
    if (!c) {
        *err = "out of memory";
        return NULL;
    }
    m68k_decode_build(c->table, cfg->model);
    c->model = cfg->model;
    c->clock_hz = cfg->clock_hz ? cfg->clock_hz : DEFAULT_CLOCK_HZ;
    c->bus = bus;
    c->rd_page = bus->rd;
    c->wr_page = bus->wr;
    c->addr_mask = 0xffffff; /* the 68000 drives A1-A23 */
    c->sched = s;
    if (host) c->host = *host;
    if (s) sched_set_cpu(s, &sched_hooks, c);
    m68k_set_sr(c, SR_S | SR_I);
    return c;
}

void m68k_destroy(m68k_cpu *c)
{
    if (!c) return;
    free(c);
}

/* Reset: 40 clocks after RESET is released, SSP and PC are read from
 * vectors 0 and 1 and the queue is filled. Done here at once; the clocks
 * are charged to the next run. */
void m68k_reset(m68k_cpu *c)
{
    c->halted = false;
    c->stopped = false;
    c->in_exception = false;
    c->trace_next = false;
    c->pending = 0;
    c->nmi_edge = false;
    c->sr_sys = SR_S | SR_I;
    c->fc_base = 4;
    int64_t saved = c->cycles;
    uint32_t ssp = mm_read(c->bus, 0, 2) << 16 | mm_read(c->bus, 2, 2);
    uint32_t pc = mm_read(c->bus, 4, 2) << 16 | mm_read(c->bus, 6, 2);
    c->r[15] = ssp;
    c->cycles = saved;
    m68k_set_pc(c, pc);
    c->reset_cycles = 40; /* MC68000 UM table 8-14: reset, 40(6/0) */
    if (pc & 1) halt(c);  /* an odd reset PC is a double fault on the first fetch */
    m68k_update_pending(c);
}

void m68k_set_pc(m68k_cpu *c, uint32_t pc)
{
    c->pc = pc + 4;
    c->ir = mm_read(c->bus, pc & ~1u, 2);
    c->irc = mm_read(c->bus, (pc + 2) & ~1u, 2);
    c->bus->bus_error = false;
}

int64_t m68k_run(m68k_cpu *c, int64_t budget)
{
    /* Pick up a remapped address space. */
    c->rd_page = c->bus->rd;
    c->wr_page = c->bus->wr;
    c->cycles = c->reset_cycles; /* a reset's clocks are charged to the next run */
    c->reset_cycles = 0;
    c->budget = budget;
    c->pending &= ~PEND_END; /* an end_slice from outside a run ends nothing later */
    m68k_update_pending(c);
    c->in_run = true;
    c->chain = c->chain_start = 0;
    if (setjmp(c->abort)) {
        /* The chain was cut short inside an instruction: count what ran,
         * the abandoned instruction included. */
        c->insn_count += c->chain_start - c->chain + 1;
        c->chain = c->chain_start = 0;
    }
    /* An instruction abandoned by an address or bus error lands here with
     * its exception already stacked. */
    while (c->cycles < c->budget) {
        if (unlikely(c->pending)) {
            if (!service_pending(c)) break;
            continue;
        }
        c->limit = c->budget;
        run_fast(c);
    }
    c->in_run = false;
    return c->cycles;
}

void m68k_end_slice(m68k_cpu *c)
{
    c->pending |= PEND_END;
    c->budget = c->cycles;
    c->limit = -1;
}

int64_t m68k_slice_cycles(const m68k_cpu *c)
{
    return c->in_run ? c->cycles : 0;
}

void m68k_set_ipl(m68k_cpu *c, unsigned level)
{
    level &= 7;
    if (level == 7 && c->ipl != 7) c->nmi_edge = true;
    c->ipl = level;
    m68k_update_pending(c);
}

uint32_t m68k_get_reg(const m68k_cpu *c, m68k_reg r)
{
    bool s = c->sr_sys & SR_S;
    if (r <= M68K_REG_A7) return c->r[r];
    switch (r) {
    case M68K_REG_USP: return s ? c->other_sp : c->r[15];
    case M68K_REG_SSP: return s ? c->r[15] : c->other_sp;
    case M68K_REG_SR: return get_sr(c);
    case M68K_REG_PC: return c->pc - 4;
    case M68K_REG_IR: return c->ir;
    case M68K_REG_IRC: return c->irc;
    default: return 0;
    }
}

void m68k_set_reg(m68k_cpu *c, m68k_reg r, uint32_t v)
{
    bool s = c->sr_sys & SR_S;
    if (r <= M68K_REG_A7) {
        c->r[r] = v;
        return;
    }
    switch (r) {
    case M68K_REG_USP: *(s ? &c->other_sp : &c->r[15]) = v; break;
    case M68K_REG_SSP: *(s ? &c->r[15] : &c->other_sp) = v; break;
    case M68K_REG_SR: m68k_set_sr(c, v); break;
    case M68K_REG_PC: c->pc = v + 4; break;
    case M68K_REG_IR: c->ir = v & 0xffff; break;
    case M68K_REG_IRC: c->irc = v & 0xffff; break;
    default: break;
    }
}

void m68k_get_state(const m68k_cpu *c, m68k_state *st)
{
    memcpy(st->d, c->r, sizeof(st->d));
    memcpy(st->a, c->r + 8, sizeof(st->a));
    st->usp = m68k_get_reg(c, M68K_REG_USP);
    st->ssp = m68k_get_reg(c, M68K_REG_SSP);
    st->sr = (uint16_t)get_sr(c);
    st->pc = c->pc - 4;
    st->ir = (uint16_t)c->ir;
    st->irc = (uint16_t)c->irc;
}

void m68k_set_state(m68k_cpu *c, const m68k_state *st)
{
    memcpy(c->r, st->d, sizeof(st->d));
    memcpy(c->r + 8, st->a, sizeof(st->a));
    c->sr_sys = st->sr & SR_SYS;
    set_ccr(c, st->sr);
    c->fc_base = (st->sr & SR_S) ? 4 : 0;
    if (st->sr & SR_S) {
        c->r[15] = st->ssp;
        c->other_sp = st->usp;
    } else {
        c->r[15] = st->usp;
        c->other_sp = st->ssp;
    }
    c->pc = st->pc + 4;
    c->ir = st->ir;
    c->irc = st->irc;
    c->halted = false;
    c->stopped = false;
    c->in_exception = false;
    c->trace_next = false;
    c->pending = 0;
    m68k_update_pending(c);
}

void m68k_save(const m68k_cpu *c, st_writer *w)
{
    for (int i = 0; i < 16; i++) st_put_u32(w, c->r[i]);
    st_put_u32(w, c->other_sp);
    st_put_u16(w, (uint16_t)get_sr(c));
    st_put_u32(w, c->pc);
    st_put_u16(w, (uint16_t)c->ir);
    st_put_u16(w, (uint16_t)c->irc);
    st_put_u8(w, (uint8_t)c->ipl);
    st_put_bool(w, c->nmi_edge);
    st_put_bool(w, c->stopped);
    st_put_bool(w, c->halted);
    st_put_bool(w, (c->pending & PEND_TRACE) != 0);
    st_put_u64(w, (uint64_t)c->reset_cycles);
    st_put_u64(w, c->insn_count);
}

bool m68k_load(m68k_cpu *c, st_reader *r, uint16_t version)
{
    if (version > M68K_STATE_VERSION) return false;
    uint32_t regs[16];
    for (int i = 0; i < 16; i++) regs[i] = st_get_u32(r);
    uint32_t other = st_get_u32(r);
    uint16_t sr = st_get_u16(r);
    uint32_t pc = st_get_u32(r);
    uint16_t ir = st_get_u16(r), irc = st_get_u16(r);
    uint8_t ipl = st_get_u8(r);
    bool nmi = st_get_bool(r), stopped = st_get_bool(r), halted = st_get_bool(r);
    bool trace = st_get_bool(r);
    uint64_t reset_cycles = st_get_u64(r), insns = st_get_u64(r);
    if (!st_chunk_ok(r)) return false;
    memcpy(c->r, regs, sizeof(regs));
    c->other_sp = other;
    c->sr_sys = sr & SR_SYS;
    set_ccr(c, sr);
    c->fc_base = (sr & SR_S) ? 4 : 0;
    c->pc = pc;
    c->ir = ir;
    c->irc = irc;
    c->ipl = ipl & 7;
    c->nmi_edge = nmi;
    c->stopped = stopped;
    c->halted = halted;
    c->in_exception = false;
    c->reset_cycles = (int64_t)reset_cycles;
    c->insn_count = insns;
    c->pending = trace ? PEND_TRACE : 0;
    m68k_update_pending(c);
    return true;
}

bool m68k_is_stopped(const m68k_cpu *c)
{
    return c->stopped;
}
bool m68k_is_halted(const m68k_cpu *c)
{
    return c->halted;
}
uint64_t m68k_instructions(const m68k_cpu *c)
{
    return c->insn_count;
}

void m68k_set_bus_observer(m68k_cpu *c, m68k_bus_observer fn, void *ctx)
{
    c->observer = fn;
    c->observer_ctx = ctx;
}

/* ---- decode table ---- */

void m68k_set_ea(m68k_handler *t, uint32_t base, unsigned modes, const m68k_handler h[EA_COUNT])
{
    for (uint32_t ea = 0; ea < 64; ea++) {
        int m = ea_mode_of(ea >> 3, ea & 7);
        if (m >= 0 && (modes & EAM(m)) && h[m]) t[base | ea] = h[m];
    }
}

static void op_illegal(m68k_cpu *c, uint32_t op)
{
    m68k_illegal(c, op);
}

void m68k_decode_build(m68k_handler *t, m68k_model model)
{
    (void)model;
    for (uint32_t i = 0; i < 65536; i++) t[i] = op_illegal;
    m68k_ops_move_init(t);
    m68k_ops_arith_init(t);
    m68k_ops_logic_init(t);
    m68k_ops_shift_init(t);
    m68k_ops_bit_init(t);
    m68k_ops_bcd_init(t);
    m68k_ops_flow_init(t);
    m68k_ops_system_init(t);
    m68k_ops_muldiv_init(t);
}
