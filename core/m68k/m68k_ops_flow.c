/* Program flow: Bcc, BRA, BSR, DBcc, JMP, JSR, RTS, RTR, RTE, TRAP, TRAPV.
 * A taken branch costs 2 clocks and refills both queue words from the
 * target; an odd target is an address error on the first of those fetches,
 * which stacks a PC that depends on the instruction (the branch's address
 * + 2 for Bcc, JMP and the returns; the target for BSR; the return address
 * for JSR). */
#include "m68k_ops.h"

static void bcc(m68k_cpu *c, uint32_t op)
{
    int32_t d8 = (int8_t)op;
    uint32_t base = c->pc - 2; /* the address after the opcode */
    if (cond_true(c, op >> 8)) {
        idle(c, 2);
        uint32_t target = base + (uint32_t)(d8 ? d8 : (int16_t)c->irc);
        c->ipc = base;
        jump_fill(c, target);
        return;
    }
    idle(c, 4);
    if (d8 == 0) prefetch_irc(c); /* skip the displacement word */
    prefetch_last(c);
}

static void bsr(m68k_cpu *c, uint32_t op)
{
    int32_t d8 = (int8_t)op;
    uint32_t base = c->pc - 2;
    uint32_t target = base + (uint32_t)(d8 ? d8 : (int16_t)c->irc);
    uint32_t ret = d8 ? base : base + 2;
    idle(c, 2);
    c->ipc = base;
    push32_hi_first(c, ret);
    c->ipc = target;
    jump_fill(c, target);
}

/* DBcc Dn,<disp>: if the condition is false, decrement Dn.W and branch
 * unless it became -1. */
static void dbcc(m68k_cpu *c, uint32_t op)
{
    int dn = OP_REG0(op);
    uint32_t base = c->pc - 2;
    if (cond_true(c, op >> 8)) {
        idle(c, 4);
        prefetch_irc(c);
        prefetch_last(c);
        return;
    }
    idle(c, 2);
    uint32_t cnt = (DREG(c, dn) - 1) & 0xffff;
    if (cnt != 0xffff) {
        /* The counter is written back only once the target has been fetched. */
        uint32_t target = base + (uint32_t)(int16_t)c->irc;
        c->ipc = base + 2;
        jump_fill(c, target);
        set_dreg(c, dn, cnt, 2);
        return;
    }
    set_dreg(c, dn, cnt, 2);
    /* The loop ran out: the word at the branch target has already been
     * fetched and is discarded; the queue then continues after the
     * displacement (14 clocks, 3 reads). */
    uint32_t target = base + (uint32_t)(int16_t)c->irc;
    c->ipc = base + 2;
    if (target & 1)
        m68k_jump_odd(c, target);
    bus_rd16(c, target, fc_prog(c));
    prefetch_irc(c);
    prefetch_last(c);
}

/* The target of JMP/JSR: extension words are taken from the queue without
 * refilling it, since the queue is refilled from the target anyway. */
INLINE uint32_t jump_target(m68k_cpu *c, int mode, int reg)
{
    uint32_t ext = c->irc;
    switch (mode) {
    case EA_AI: return AREG(c, reg);
    case EA_DI: idle(c, 2); return AREG(c, reg) + (uint32_t)(int32_t)(int16_t)ext;
    case EA_IX: idle(c, 6); return AREG(c, reg) + index_disp(c, ext);
    case EA_AW: idle(c, 2); return (uint32_t)(int32_t)(int16_t)ext;
    case EA_AL: {
        prefetch_irc(c);
        return ext << 16 | c->irc;
    }
    case EA_PCDI: idle(c, 2); return c->pc - 2 + (uint32_t)(int32_t)(int16_t)ext;
    default: idle(c, 6); return c->pc - 2 + index_disp(c, ext); /* EA_PCIX */
    }
}

/* Extension words of a control mode. */
static inline uint32_t ext_bytes(int mode)
{
    return mode == EA_AI ? 0 : mode == EA_AL ? 4 : 2;
}

INLINE void jmp(m68k_cpu *c, uint32_t op, int mode, int unused)
{
    (void)unused;
    uint32_t base = c->pc - 2;
    uint32_t target = jump_target(c, mode, OP_REG0(op));
    c->ipc = base;
    jump_fill(c, target);
}
EA_HANDLERS(jmp, jmp, 0);

/* JSR fetches the first word at the target before pushing the return
 * address, so an odd target faults with nothing pushed. */
INLINE void jsr(m68k_cpu *c, uint32_t op, int mode, int unused)
{
    (void)unused;
    uint32_t ret = c->pc - 2 + ext_bytes(mode);
    uint32_t target = jump_target(c, mode, OP_REG0(op));
    c->ipc = ret;
    if (target & 1) m68k_jump_odd(c, target);
    c->pc = target;
    prefetch_irc(c);
    push32_hi_first(c, ret);
    prefetch_last(c);
}
EA_HANDLERS(jsr, jsr, 0);

static uint32_t pop16(m68k_cpu *c)
{
    uint32_t sp = c->r[15];
    uint32_t v = rd_data(c, sp, 2);
    c->r[15] = sp + 2;
    return v;
}

static uint32_t pop32(m68k_cpu *c)
{
    uint32_t sp = c->r[15];
    uint32_t v = rd_data(c, sp, 4);
    c->r[15] = sp + 4;
    return v;
}

static void rts(m68k_cpu *c, uint32_t op)
{
    (void)op;
    c->ipc = c->pc - 2;
    uint32_t target = pop32(c);
    jump_fill(c, target);
}

static void rtr(m68k_cpu *c, uint32_t op)
{
    (void)op;
    c->ipc = c->pc - 2;
    uint32_t ccr = pop16(c);
    uint32_t target = pop32(c);
    set_ccr(c, ccr);
    jump_fill(c, target);
}

static void rte(m68k_cpu *c, uint32_t op)
{
    (void)op;
    if (!is_super(c)) {
        m68k_privilege(c);
        return;
    }
    c->ipc = c->pc - 2;
    uint32_t sr = pop16(c);
    uint32_t target = pop32(c);
    m68k_set_sr(c, sr);
    jump_fill(c, target);
}

static void trap(m68k_cpu *c, uint32_t op)
{
    idle(c, 4);
    m68k_exception(c, VEC_TRAP_BASE + (op & 15), c->pc - 2);
}

static void trapv(m68k_cpu *c, uint32_t op)
{
    (void)op;
    prefetch_last(c);
    if (c->flag_v) m68k_exception(c, VEC_TRAPV, c->pc - 4);
}

void m68k_ops_flow_init(m68k_handler *t)
{
    for (uint32_t cc = 0; cc < 16; cc++)
        for (uint32_t d = 0; d < 256; d++) t[0x6000 | cc << 8 | d] = cc == 1 ? bsr : bcc;
    for (uint32_t cc = 0; cc < 16; cc++)
        for (uint32_t r = 0; r < 8; r++) t[0x50c8 | cc << 8 | r] = dbcc;
    m68k_set_ea(t, 0x4ec0, EAS_CONTROL, jmp_tab);
    m68k_set_ea(t, 0x4e80, EAS_CONTROL, jsr_tab);
    t[0x4e75] = rts;
    t[0x4e77] = rtr;
    t[0x4e73] = rte;
    for (uint32_t v = 0; v < 16; v++) t[0x4e40 | v] = trap;
    t[0x4e76] = trapv;
}
