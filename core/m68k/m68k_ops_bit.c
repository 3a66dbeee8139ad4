/* Single-bit operations (BTST, BCHG, BCLR, BSET with a register or an
 * immediate bit number), Scc and TAS.
 * On a data register the bit number is taken modulo 32 and the operation
 * is long; in memory it is modulo 8 on a byte. Changing a bit of a data
 * register costs 2 more clocks when the bit is in the upper word (BCLR
 * another 2), per the MC68000 UM table 8-11. */
#include "m68k_ops.h"

enum { B_TST, B_CHG, B_CLR, B_SET };

INLINE uint32_t bit_apply(m68k_cpu *c, int kind, uint32_t v, unsigned bit)
{
    uint32_t m = 1u << bit;
    c->flag_z = !(v & m);
    switch (kind) {
    case B_CHG: return v ^ m;
    case B_CLR: return v & ~m;
    case B_SET: return v | m;
    default: return v;
    }
}

/* bit number in a register (Dn,<ea>) or in an extension word (#,<ea>) */
INLINE void bitop(m68k_cpu *c, uint32_t op, int mode, int kind, int immediate)
{
    uint32_t num = immediate ? ext_word(c) : DREG(c, OP_REG9(op));
    int reg = OP_REG0(op);
    if (mode == EA_DN) {
        unsigned bit = num & 31;
        uint32_t res = bit_apply(c, kind, DREG(c, reg), bit);
        prefetch_last(c);
        if (kind == B_TST)
            idle(c, 2);
        else if (kind == B_CLR)
            idle(c, bit < 16 ? 4 : 6);
        else
            idle(c, bit < 16 ? 2 : 4);
        DREG(c, reg) = res;
        return;
    }
    unsigned bit = num & 7;
    if (kind == B_TST) {
        uint32_t v = read_ea(c, mode, reg, 1);
        bit_apply(c, kind, v, bit);
        prefetch_last(c);
        if (mode == EA_IMM) idle(c, 2);
        return;
    }
    uint32_t addr = 0;
    uint32_t v = rmw_read(c, mode, reg, 1, &addr);
    uint32_t res = bit_apply(c, kind, v, bit);
    prefetch_last(c);
    rmw_write(c, mode, reg, 1, addr, res);
}

EA_HANDLERS(btst_r, bitop, B_TST, 0);
EA_HANDLERS(bchg_r, bitop, B_CHG, 0);
EA_HANDLERS(bclr_r, bitop, B_CLR, 0);
EA_HANDLERS(bset_r, bitop, B_SET, 0);
EA_HANDLERS(btst_i, bitop, B_TST, 1);
EA_HANDLERS(bchg_i, bitop, B_CHG, 1);
EA_HANDLERS(bclr_i, bitop, B_CLR, 1);
EA_HANDLERS(bset_i, bitop, B_SET, 1);

/* Scc <ea>: the byte is all ones or all zeros; memory is read first. */
INLINE void scc(m68k_cpu *c, uint32_t op, int mode, int cc)
{
    uint32_t v = cond_true(c, (unsigned)cc) ? 0xff : 0;
    int reg = OP_REG0(op);
    if (mode == EA_DN) {
        prefetch_last(c);
        if (v) idle(c, 2);
        set_dreg(c, reg, v, 1);
        return;
    }
    uint32_t addr = 0;
    rmw_read(c, mode, reg, 1, &addr);
    prefetch_last(c);
    rmw_write(c, mode, reg, 1, addr, v);
}
EA_HANDLERS(scc0, scc, 0);
EA_HANDLERS(scc1, scc, 1);
EA_HANDLERS(scc2, scc, 2);
EA_HANDLERS(scc3, scc, 3);
EA_HANDLERS(scc4, scc, 4);
EA_HANDLERS(scc5, scc, 5);
EA_HANDLERS(scc6, scc, 6);
EA_HANDLERS(scc7, scc, 7);
EA_HANDLERS(scc8, scc, 8);
EA_HANDLERS(scc9, scc, 9);
EA_HANDLERS(scc10, scc, 10);
EA_HANDLERS(scc11, scc, 11);
EA_HANDLERS(scc12, scc, 12);
EA_HANDLERS(scc13, scc, 13);
EA_HANDLERS(scc14, scc, 14);
EA_HANDLERS(scc15, scc, 15);
static const m68k_handler *const scc_tabs[16] = {
    scc0_tab, scc1_tab, scc2_tab,  scc3_tab,  scc4_tab,  scc5_tab,  scc6_tab,  scc7_tab,
    scc8_tab, scc9_tab, scc10_tab, scc11_tab, scc12_tab, scc13_tab, scc14_tab, scc15_tab};

/* TAS <ea>: test, then set bit 7, in one indivisible read-modify-write
 * cycle on the bus (the write comes before the next prefetch). */
INLINE void tas(m68k_cpu *c, uint32_t op, int mode, int unused)
{
    (void)unused;
    int reg = OP_REG0(op);
    if (mode == EA_DN) {
        uint32_t v = DREG(c, reg);
        flags_logic(c, v, 1);
        set_dreg(c, reg, v | 0x80, 1);
        prefetch_last(c);
        return;
    }
    uint32_t addr = ea_addr(c, mode, reg, 1);
    uint32_t v = rd_data(c, addr, 1);
    flags_logic(c, v, 1);
    idle(c, 2);
    bus_wr8(c, addr, v | 0x80, fc_data(c));
    prefetch_last(c);
}
EA_HANDLERS(tas, tas, 0);

void m68k_ops_bit_init(m68k_handler *t)
{
    for (uint32_t r = 0; r < 8; r++) {
        /* 0000 rrr 1tt <ea>; BTST also reads PC-relative and immediate operands */
        m68k_set_ea(t, 0x0100 | r << 9, EAS_DATA, btst_r_tab);
        m68k_set_ea(t, 0x0140 | r << 9, EAS_DATA_ALT, bchg_r_tab);
        m68k_set_ea(t, 0x0180 | r << 9, EAS_DATA_ALT, bclr_r_tab);
        m68k_set_ea(t, 0x01c0 | r << 9, EAS_DATA_ALT, bset_r_tab);
    }
    m68k_set_ea(t, 0x0800, EAS_DATA & ~EAM(EA_IMM), btst_i_tab);
    m68k_set_ea(t, 0x0840, EAS_DATA_ALT, bchg_i_tab);
    m68k_set_ea(t, 0x0880, EAS_DATA_ALT, bclr_i_tab);
    m68k_set_ea(t, 0x08c0, EAS_DATA_ALT, bset_i_tab);
    for (uint32_t cc = 0; cc < 16; cc++)
        m68k_set_ea(t, 0x50c0 | cc << 8, EAS_DATA_ALT, scc_tabs[cc]);
    m68k_set_ea(t, 0x4ac0, EAS_DATA_ALT, tas_tab);
}
