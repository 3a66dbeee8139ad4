/* Data movement: MOVE, MOVEA, MOVEQ, MOVEM, MOVEP, LEA, PEA, LINK, UNLK,
 * EXG, SWAP, EXT.
 * MOVE writes before its last prefetch except to -(An), which prefetches
 * first and writes a long low word first (MC68000 User's Manual, table 8-2
 * and the bus orderings behind it). */
#include "m68k_ops.h"

/* MOVE <ea>,<ea> and MOVEA <ea>,An */
INLINE void move(m68k_cpu *c, uint32_t op, int smode, int dmode, int sz)
{
    uint32_t v = read_ea(c, smode, OP_REG0(op), sz);
    int dr = OP_REG9(op);
    if (dmode == EA_AN) {
        prefetch_last(c);
        AREG(c, dr) = sext(v, sz);
        return;
    }
    /* Past the source operand, an error stacks the prefetch address. A
     * long's flags are set from its low word first and from the whole long
     * once written, as a fault on the write shows. */
    c->ipc = c->pc;
    if (sz != 4 || dmode == EA_DN) {
        flags_logic(c, v, sz);
    } else if (smode != EA_DN && smode != EA_AN && smode != EA_IMM) {
        /* A long from memory has passed through the ALU a word at a time:
         * before the write the flags show its low word for (An), (An)+ and
         * (xxx).L, its high word for the other destinations. */
        flags_logic(c, dmode == EA_AI || dmode == EA_PI || dmode == EA_AL ? v : v >> 16, 2);
    } else if (dmode == EA_DI || dmode == EA_IX) {
        /* From a register or an immediate, N and Z are set before the
         * write but V and C only after it. */
        c->flag_n = v >> 31;
        c->flag_z = (v >> 16) == 0;
    } else if (dmode != EA_AI && dmode != EA_PI) {
        flags_logic(c, v >> 16, 2);
    }
    uint32_t a;
    switch (dmode) {
    case EA_DN:
        prefetch_last(c);
        set_dreg(c, dr, v, sz);
        return;
    case EA_AI: wr_data(c, AREG(c, dr), v, sz); break;
    case EA_PI:
        a = AREG(c, dr);
        wr_data(c, a, v, sz);
        AREG(c, dr) = a + step_of(dr, sz);
        break;
    case EA_PD:
        a = AREG(c, dr) - step_of(dr, sz);
        if (sz == 4) {
            /* The queue advances but IR keeps this opcode until the low
             * word, written first at An - 2, is out; An changes last. */
            uint32_t next = c->irc;
            prefetch_irc(c);
            if (a & 1) m68k_address_error(c, a + 2, true, fc_data(c), false, c->ipc);
            bus_wr16(c, a + 2, v, fc_data(c));
            bus_wr16(c, a, v >> 16, fc_data(c));
            c->ir = next;
            AREG(c, dr) = a;
            flags_logic(c, v, 4);
            return;
        }
        prefetch_last(c);
        AREG(c, dr) = a;
        wr_data(c, a, v, sz);
        return;
    case EA_DI:
        a = AREG(c, dr) + (uint32_t)(int32_t)(int16_t)ext_word(c);
        wr_data(c, a, v, sz);
        break;
    case EA_IX:
        idle(c, 2);
        a = AREG(c, dr) + index_disp(c, ext_word(c));
        wr_data(c, a, v, sz);
        break;
    case EA_AW:
        a = (uint32_t)(int32_t)(int16_t)ext_word(c);
        wr_data(c, a, v, sz);
        break;
    default:
        if (smode == EA_DN || smode == EA_AN || smode == EA_IMM) {
            a = ext_long(c);
            c->ipc = c->pc - 2;
            wr_data(c, a, v, sz);
            break;
        }
        /* From memory, the low address word stays in irc until after the
         * write. */
        a = ext_word(c) << 16;
        a |= c->irc;
        wr_data(c, a, v, sz);
        prefetch_irc(c);
        break;
    }
    if (sz == 4) flags_logic(c, v, 4);
    prefetch_last(c);
}

#define MOVE_DST(sz, dname, dmode) EA_HANDLERS(move_##sz##_##dname, move, dmode, sz##_SIZE)
#define b_SIZE                     1
#define w_SIZE                     2
#define l_SIZE                     4
#define MOVE_SIZE(sz)                                                                              \
    MOVE_DST(sz, dn, EA_DN);                                                                       \
    MOVE_DST(sz, an, EA_AN);                                                                       \
    MOVE_DST(sz, ai, EA_AI);                                                                       \
    MOVE_DST(sz, pi, EA_PI);                                                                       \
    MOVE_DST(sz, pd, EA_PD);                                                                       \
    MOVE_DST(sz, di, EA_DI);                                                                       \
    MOVE_DST(sz, ix, EA_IX);                                                                       \
    MOVE_DST(sz, aw, EA_AW);                                                                       \
    MOVE_DST(sz, al, EA_AL);                                                                       \
    static const m68k_handler *const move_##sz##_dst[9] = {                                        \
        move_##sz##_dn_tab, move_##sz##_an_tab, move_##sz##_ai_tab,                                \
        move_##sz##_pi_tab, move_##sz##_pd_tab, move_##sz##_di_tab,                                \
        move_##sz##_ix_tab, move_##sz##_aw_tab, move_##sz##_al_tab}
MOVE_SIZE(b);
MOVE_SIZE(w);
MOVE_SIZE(l);

INLINE void moveq_impl(m68k_cpu *c, uint32_t op)
{
    uint32_t v = (uint32_t)(int32_t)(int8_t)op;
    DREG(c, OP_REG9(op)) = v;
    flags_logic(c, v, 4);
    prefetch_last(c);
}
HANDLER(moveq)

/* Control addressing modes for LEA, PEA, JMP, JSR and MOVEM: the address
 * only, with the 68000's own timing for these instructions (no operand
 * read; (d8,An,Xn) costs 2 clocks before and 2 after its extension word). */
INLINE uint32_t control_addr(m68k_cpu *c, int mode, int reg)
{
    uint32_t a;
    set_ipc_for(c, mode, 4);
    switch (mode) {
    case EA_AI: return AREG(c, reg);
    case EA_DI: return AREG(c, reg) + (uint32_t)(int32_t)(int16_t)ext_word(c);
    case EA_IX:
        idle(c, 2);
        a = AREG(c, reg) + index_disp(c, ext_word(c));
        idle(c, 2);
        return a;
    case EA_AW: return (uint32_t)(int32_t)(int16_t)ext_word(c);
    case EA_AL: return ext_long(c);
    case EA_PCDI: {
        uint32_t base = c->pc - 2;
        return base + (uint32_t)(int32_t)(int16_t)ext_word(c);
    }
    default: { /* EA_PCIX */
        idle(c, 2);
        uint32_t base = c->pc - 2;
        a = base + index_disp(c, ext_word(c));
        idle(c, 2);
        return a;
    }
    }
}

INLINE void lea(m68k_cpu *c, uint32_t op, int mode, int unused)
{
    (void)unused;
    uint32_t a = control_addr(c, mode, OP_REG0(op));
    prefetch_last(c);
    AREG(c, OP_REG9(op)) = a;
}
EA_HANDLERS(lea, lea, 0);

/* PEA pushes the address high word first; the absolute modes write before
 * the last prefetch, the others after it. */
INLINE void pea(m68k_cpu *c, uint32_t op, int mode, int unused)
{
    (void)unused;
    uint32_t a = control_addr(c, mode, OP_REG0(op));
    bool abs = mode == EA_AW || mode == EA_AL;
    if (!abs) prefetch_last(c);
    c->ipc = c->pc - (abs ? 2 : 4);
    push32_hi_first(c, a);
    if (abs) prefetch_last(c);
}
EA_HANDLERS(pea, pea, 0);

/* MOVEM <list>,<ea> and MOVEM <ea>,<list>. Memory to registers reads one
 * word past the last register, and a word load sign-extends into the whole
 * register (address or data). */
INLINE void movem(m68k_cpu *c, uint32_t op, int mode, int sz, int to_regs)
{
    uint32_t mask = ext_word(c);
    int reg = OP_REG0(op);
    unsigned fc = ea_is_pcrel(mode) ? fc_prog(c) : fc_data(c);
    uint32_t a;
    if (!to_regs && mode == EA_PD) {
        /* -(An): A7 down to D0, each long low word first. */
        a = AREG(c, reg);
        c->ipc = c->pc;
        if ((a & 1) && mask) {
            m68k_address_error(c, a - 2, true, fc, false, c->ipc);
        }
        for (int i = 15; i >= 0; i--) {
            if (!(mask & (1u << (15 - i)))) continue;
            uint32_t v = c->r[i];
            if (sz == 4) {
                a -= 2;
                bus_wr16(c, a, v, fc);
                a -= 2;
                bus_wr16(c, a, v >> 16, fc);
            } else {
                a -= 2;
                bus_wr16(c, a, v, fc);
            }
        }
        AREG(c, reg) = a;
        prefetch_last(c);
        return;
    }
    if (mode == EA_PI)
        a = AREG(c, reg);
    else
        a = ea_addr(c, mode, reg, sz);
    c->ipc = c->pc;
    if ((a & 1) && mask) m68k_address_error(c, a, !to_regs, fc, false, c->ipc);
    for (int i = 0; i < 16; i++) {
        if (!(mask & (1u << i))) continue;
        if (to_regs) {
            uint32_t v = bus_rd16(c, a, fc);
            if (sz == 4)
                v = v << 16 | bus_rd16(c, a + 2, fc);
            else
                v = (uint32_t)(int32_t)(int16_t)v;
            c->r[i] = v;
        } else {
            uint32_t v = c->r[i];
            if (sz == 4) {
                bus_wr16(c, a, v >> 16, fc);
                bus_wr16(c, a + 2, v, fc);
            } else {
                bus_wr16(c, a, v, fc);
            }
        }
        a += sz;
    }
    if (to_regs) {
        bus_rd16(c, a, fc); /* the extra read */
        if (mode == EA_PI) AREG(c, reg) = a;
    }
    prefetch_last(c);
}

EA_HANDLERS(movem_w_to_mem, movem, 2, 0);
EA_HANDLERS(movem_l_to_mem, movem, 4, 0);
EA_HANDLERS(movem_w_to_reg, movem, 2, 1);
EA_HANDLERS(movem_l_to_reg, movem, 4, 1);

/* MOVEP: bytes at every other address, high byte first. */
INLINE void movep_impl(m68k_cpu *c, uint32_t op)
{
    int dr = OP_REG9(op), ar = OP_REG0(op);
    uint32_t a = AREG(c, ar) + (uint32_t)(int32_t)(int16_t)ext_word(c);
    unsigned fc = fc_data(c);
    unsigned opmode = op >> 6 & 3;
    int n = opmode & 1 ? 4 : 2;
    if (opmode < 2) {
        uint32_t v = 0;
        for (int i = 0; i < n; i++) v = v << 8 | bus_rd8(c, a + 2 * (uint32_t)i, fc);
        if (n == 2)
            set_dreg(c, dr, v, 2);
        else
            DREG(c, dr) = v;
    } else {
        uint32_t v = DREG(c, dr);
        for (int i = 0; i < n; i++) bus_wr8(c, a + 2 * (uint32_t)i, v >> (8 * (n - 1 - i)), fc);
    }
    prefetch_last(c);
}
HANDLER(movep)

INLINE void link_impl(m68k_cpu *c, uint32_t op)
{
    int ar = OP_REG0(op);
    uint32_t disp = (uint32_t)(int32_t)(int16_t)ext_word(c);
    c->ipc = c->pc - 2;
    uint32_t v = AREG(c, ar);
    uint32_t sp = c->r[15] - 4;
    c->r[15] = sp;
    wr_data(c, sp, v, 4);
    AREG(c, ar) = sp;
    c->r[15] += disp;
    prefetch_last(c);
}
HANDLER(link)

INLINE void unlk_impl(m68k_cpu *c, uint32_t op)
{
    int ar = OP_REG0(op);
    uint32_t a = AREG(c, ar);
    c->ipc = c->pc;
    uint32_t v = rd_data(c, a, 4);
    c->r[15] = a + 4;
    AREG(c, ar) = v;
    prefetch_last(c);
}
HANDLER(unlk)

INLINE void exg_impl(m68k_cpu *c, uint32_t op)
{
    int rx = OP_REG9(op), ry = OP_REG0(op);
    unsigned mode = op >> 3 & 0x1f;
    int x = mode == 0x09 ? 8 + rx : rx;
    int y = mode == 0x08 ? ry : 8 + ry;
    uint32_t t = c->r[x];
    c->r[x] = c->r[y];
    c->r[y] = t;
    prefetch_last(c);
    idle(c, 2);
}
HANDLER(exg)

INLINE void swap_impl(m68k_cpu *c, uint32_t op)
{
    uint32_t v = DREG(c, OP_REG0(op));
    v = v << 16 | v >> 16;
    DREG(c, OP_REG0(op)) = v;
    flags_logic(c, v, 4);
    prefetch_last(c);
}
HANDLER(swap)

INLINE void ext_w_impl(m68k_cpu *c, uint32_t op)
{
    uint32_t v = (uint32_t)(int32_t)(int8_t)DREG(c, OP_REG0(op));
    set_dreg(c, OP_REG0(op), v, 2);
    flags_logic(c, v, 2);
    prefetch_last(c);
}
HANDLER(ext_w)

INLINE void ext_l_impl(m68k_cpu *c, uint32_t op)
{
    uint32_t v = (uint32_t)(int32_t)(int16_t)DREG(c, OP_REG0(op));
    DREG(c, OP_REG0(op)) = v;
    flags_logic(c, v, 4);
    prefetch_last(c);
}
HANDLER(ext_l)

#define EAS_CTRL_ALT (EAS_CONTROL & ~(EAM(EA_PCDI) | EAM(EA_PCIX)))

void m68k_ops_move_init(m68k_handler *t)
{
    static const uint32_t size_bits[3] = {0x1000, 0x3000, 0x2000};
    const m68k_handler *const *dst[3] = {move_b_dst, move_w_dst, move_l_dst};
    for (int s = 0; s < 3; s++)
        for (uint32_t dmode = 0; dmode < 8; dmode++)
            for (uint32_t dreg = 0; dreg < 8; dreg++) {
                int dm = ea_mode_of(dmode, dreg);
                if (dm < 0 || dm > EA_AL || (dm == EA_AN && s == 0)) continue;
                unsigned src_modes = s == 0 ? EAS_DATA : EAS_ALL;
                m68k_set_ea(t, size_bits[s] | dreg << 9 | dmode << 6, src_modes, dst[s][dm]);
            }
    for (uint32_t r = 0; r < 8; r++)
        for (uint32_t d = 0; d < 256; d++) t[0x7000 | r << 9 | d] = moveq;
    for (uint32_t r = 0; r < 8; r++) m68k_set_ea(t, 0x41c0 | r << 9, EAS_CONTROL, lea_tab);
    m68k_set_ea(t, 0x4840, EAS_CONTROL, pea_tab);
    /* MOVEM: 0100 1d00 1s <ea> */
    m68k_set_ea(t, 0x4880, EAS_CTRL_ALT | EAM(EA_PD), movem_w_to_mem_tab);
    m68k_set_ea(t, 0x48c0, EAS_CTRL_ALT | EAM(EA_PD), movem_l_to_mem_tab);
    m68k_set_ea(t, 0x4c80, EAS_CONTROL | EAM(EA_PI), movem_w_to_reg_tab);
    m68k_set_ea(t, 0x4cc0, EAS_CONTROL | EAM(EA_PI), movem_l_to_reg_tab);
    for (uint32_t r = 0; r < 8; r++) {
        t[0x4840 | r] = swap;
        t[0x4880 | r] = ext_w;
        t[0x48c0 | r] = ext_l;
        t[0x4e50 | r] = link;
        t[0x4e58 | r] = unlk;
        for (uint32_t m = 0; m < 4; m++)
            for (uint32_t d = 0; d < 8; d++) t[0x0108 | d << 9 | m << 6 | r] = movep;
        for (uint32_t x = 0; x < 8; x++) {
            t[0xc140 | x << 9 | r] = exg;
            t[0xc148 | x << 9 | r] = exg;
            t[0xc188 | x << 9 | r] = exg;
        }
    }
}
