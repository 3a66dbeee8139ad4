/* System control: MOVE to and from SR and CCR, MOVE USP, STOP, RESET, NOP
 * and ILLEGAL. On the 68000 MOVE from SR is not privileged and reads its
 * destination before writing it (MC68000 UM, table 8-6). */
#include "m68k_ops.h"

/* MOVE <ea>,SR and MOVE <ea>,CCR (a word is read in both cases) */
INLINE void move_to_sr(m68k_cpu *c, uint32_t op, int mode, int to_sr)
{
    if (to_sr && !is_super(c)) {
        m68k_privilege(c);
        return;
    }
    uint32_t v = read_ea(c, mode, OP_REG0(op), 2);
    idle(c, 4);
    if (to_sr)
        m68k_set_sr(c, v);
    else
        set_ccr(c, v);
    m68k_refill_after_sr(c);
}
EA_HANDLERS(move_to_sr, move_to_sr, 1);
EA_HANDLERS(move_to_ccr, move_to_sr, 0);

INLINE void move_from_sr(m68k_cpu *c, uint32_t op, int mode, int unused)
{
    (void)unused;
    uint32_t addr = 0;
    int reg = OP_REG0(op);
    rmw_read(c, mode, reg, 2, &addr);
    uint32_t sr = get_sr(c);
    prefetch_last(c);
    if (mode == EA_DN) idle(c, 2);
    rmw_write(c, mode, reg, 2, addr, sr);
}
EA_HANDLERS(move_from_sr, move_from_sr, 0);

INLINE void move_usp_impl(m68k_cpu *c, uint32_t op)
{
    if (!is_super(c)) {
        m68k_privilege(c);
        return;
    }
    int ar = OP_REG0(op);
    prefetch_last(c);
    if (op & 8)
        AREG(c, ar) = c->other_sp;
    else
        c->other_sp = AREG(c, ar);
}
HANDLER(move_usp)

INLINE void nop_impl(m68k_cpu *c, uint32_t op)
{
    (void)op;
    prefetch_last(c);
}
HANDLER(nop)

/* STOP #imm: loads SR and waits for an interrupt (or trace) with the
 * queue as it is. */
INLINE void stop_impl(m68k_cpu *c, uint32_t op)
{
    (void)op;
    if (!is_super(c)) {
        m68k_privilege(c);
        return;
    }
    uint32_t imm = c->irc;
    idle(c, 4);
    m68k_set_sr(c, imm);
    c->stopped = true;
    m68k_update_pending(c);
}
HANDLER(stop)

/* RESET asserts the reset line for 124 clocks. */
INLINE void reset_impl(m68k_cpu *c, uint32_t op)
{
    (void)op;
    if (!is_super(c)) {
        m68k_privilege(c);
        return;
    }
    idle(c, 128);
    if (c->host.reset_out) c->host.reset_out(c->host.ctx);
    prefetch_last(c);
}
HANDLER(reset)

INLINE void illegal_impl(m68k_cpu *c, uint32_t op)
{
    m68k_illegal(c, op);
}
HANDLER(illegal)

void m68k_ops_system_init(m68k_handler *t)
{
    m68k_set_ea(t, 0x46c0, EAS_DATA, move_to_sr_tab);
    m68k_set_ea(t, 0x44c0, EAS_DATA, move_to_ccr_tab);
    m68k_set_ea(t, 0x40c0, EAS_DATA_ALT, move_from_sr_tab);
    for (uint32_t r = 0; r < 16; r++) t[0x4e60 | r] = move_usp;
    t[0x4e71] = nop;
    t[0x4e72] = stop;
    t[0x4e70] = reset;
    t[0x4afc] = illegal;
}
