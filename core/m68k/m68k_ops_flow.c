/* Program flow: Bcc, BRA, BSR, DBcc, JMP, JSR, RTS, RTR, RTE, TRAP, TRAPV.
 * A taken branch costs 2 clocks and refills both queue words from the
 * target; an odd target is an address error on the first of those fetches,
 * which stacks a PC that depends on the instruction (the branch's address
 * + 2 for Bcc, JMP and the returns; the target for BSR; the return address
 * for JSR). */
#include "m68k_ops.h"

INLINE void bcc(m68k_cpu *c, uint32_t op, unsigned cc)
{
    int32_t d8 = (int8_t)op;
    uint32_t base = c->pc - 2; /* the address after the opcode */
    if (cond_true(c, cc)) {
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

INLINE void bsr_impl(m68k_cpu *c, uint32_t op)
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
HANDLER(bsr)

/* DBcc Dn,<disp>: if the condition is false, decrement Dn.W and branch
 * unless it became -1. */
INLINE void dbcc(m68k_cpu *c, uint32_t op, unsigned cc)
{
    int dn = OP_REG0(op);
    uint32_t base = c->pc - 2;
    if (cond_true(c, cc)) {
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
    if (target & 1) m68k_jump_odd(c, target);
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

INLINE void rts_impl(m68k_cpu *c, uint32_t op)
{
    (void)op;
    c->ipc = c->pc - 2;
    uint32_t target = pop32(c);
    jump_fill(c, target);
}
HANDLER(rts)

INLINE void rtr_impl(m68k_cpu *c, uint32_t op)
{
    (void)op;
    c->ipc = c->pc - 2;
    uint32_t ccr = pop16(c);
    uint32_t target = pop32(c);
    set_ccr(c, ccr);
    jump_fill(c, target);
}
HANDLER(rtr)

INLINE void rte_impl(m68k_cpu *c, uint32_t op)
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
HANDLER(rte)

INLINE void trap_impl(m68k_cpu *c, uint32_t op)
{
    idle(c, 4);
    m68k_exception(c, VEC_TRAP_BASE + (op & 15), c->pc - 2);
}
HANDLER(trap)

INLINE void trapv_impl(m68k_cpu *c, uint32_t op)
{
    (void)op;
    prefetch_last(c);
    if (c->flag_v) m68k_exception(c, VEC_TRAPV, c->pc - 4);
}
HANDLER(trapv)

/* One handler per condition, so the condition test is compiled in. */
#define PER_CC(name, body)                                                                         \
    static void name##_0(m68k_cpu *c, uint32_t op)                                                 \
    {                                                                                              \
        body(c, op, 0);                                                                            \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_1(m68k_cpu *c, uint32_t op)                                                 \
    {                                                                                              \
        body(c, op, 1);                                                                            \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_2(m68k_cpu *c, uint32_t op)                                                 \
    {                                                                                              \
        body(c, op, 2);                                                                            \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_3(m68k_cpu *c, uint32_t op)                                                 \
    {                                                                                              \
        body(c, op, 3);                                                                            \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_4(m68k_cpu *c, uint32_t op)                                                 \
    {                                                                                              \
        body(c, op, 4);                                                                            \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_5(m68k_cpu *c, uint32_t op)                                                 \
    {                                                                                              \
        body(c, op, 5);                                                                            \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_6(m68k_cpu *c, uint32_t op)                                                 \
    {                                                                                              \
        body(c, op, 6);                                                                            \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_7(m68k_cpu *c, uint32_t op)                                                 \
    {                                                                                              \
        body(c, op, 7);                                                                            \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_8(m68k_cpu *c, uint32_t op)                                                 \
    {                                                                                              \
        body(c, op, 8);                                                                            \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_9(m68k_cpu *c, uint32_t op)                                                 \
    {                                                                                              \
        body(c, op, 9);                                                                            \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_10(m68k_cpu *c, uint32_t op)                                                \
    {                                                                                              \
        body(c, op, 10);                                                                           \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_11(m68k_cpu *c, uint32_t op)                                                \
    {                                                                                              \
        body(c, op, 11);                                                                           \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_12(m68k_cpu *c, uint32_t op)                                                \
    {                                                                                              \
        body(c, op, 12);                                                                           \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_13(m68k_cpu *c, uint32_t op)                                                \
    {                                                                                              \
        body(c, op, 13);                                                                           \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_14(m68k_cpu *c, uint32_t op)                                                \
    {                                                                                              \
        body(c, op, 14);                                                                           \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_15(m68k_cpu *c, uint32_t op)                                                \
    {                                                                                              \
        body(c, op, 15);                                                                           \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static const m68k_handler name##_tab[16] = {                                                   \
        name##_0, name##_1, name##_2,  name##_3,  name##_4,  name##_5,  name##_6,  name##_7,       \
        name##_8, name##_9, name##_10, name##_11, name##_12, name##_13, name##_14, name##_15}
PER_CC(bcc, bcc);
PER_CC(dbcc, dbcc);

void m68k_ops_flow_init(m68k_handler *t)
{
    for (uint32_t cc = 0; cc < 16; cc++)
        for (uint32_t d = 0; d < 256; d++) t[0x6000 | cc << 8 | d] = cc == 1 ? bsr : bcc_tab[cc];
    for (uint32_t cc = 0; cc < 16; cc++)
        for (uint32_t r = 0; r < 8; r++) t[0x50c8 | cc << 8 | r] = dbcc_tab[cc];
    m68k_set_ea(t, 0x4ec0, EAS_CONTROL, jmp_tab);
    m68k_set_ea(t, 0x4e80, EAS_CONTROL, jsr_tab);
    t[0x4e75] = rts;
    t[0x4e77] = rtr;
    t[0x4e73] = rte;
    for (uint32_t v = 0; v < 16; v++) t[0x4e40 | v] = trap;
    t[0x4e76] = trapv;
}
