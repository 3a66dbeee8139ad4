/* MULU, MULS, DIVU, DIVS and CHK.
 *
 * Multiply time is 38 + 2n clocks, n being the number of 1 bits in the
 * source (MULU) or of 01/10 bit pairs in the source shifted left once
 * (MULS) (MC68000 UM, table 8-7 notes). Divide time depends on the
 * quotient bits the 68000's shift-and-subtract loop produces; the model
 * below follows the microcode loop as analysed in Jorge Cwik's "68000 DIVU
 * and DIVS exact timing" note: DIVU costs 2 clocks per iteration without
 * carry, 1 less when the trial subtraction succeeds; DIVS adds the sign
 * handling around an unsigned divide of the magnitudes. Overflow is
 * detected after 5 (DIVU) or 7-8 (DIVS) microcycles. */
#include "m68k_ops.h"

static int mulu_clocks(uint32_t src)
{
    return 38 + 2 * __builtin_popcount(src & 0xffff);
}

static int muls_clocks(uint32_t src)
{
    uint32_t pairs = ((src << 1) ^ src) & 0xffff;
    return 38 + 2 * __builtin_popcount(pairs);
}

INLINE void mul(m68k_cpu *c, uint32_t op, int mode, int is_signed)
{
    uint32_t src = read_ea(c, mode, OP_REG0(op), 2);
    int dn = OP_REG9(op);
    uint32_t res;
    if (is_signed)
        res = (uint32_t)((int32_t)(int16_t)src * (int32_t)(int16_t)DREG(c, dn));
    else
        res = (src & 0xffff) * (DREG(c, dn) & 0xffff);
    flags_logic(c, res, 4);
    prefetch_last(c);
    idle(c, (is_signed ? muls_clocks(src) : mulu_clocks(src)) - 4);
    DREG(c, dn) = res;
}
EA_HANDLERS(mulu, mul, 0);
EA_HANDLERS(muls, mul, 1);

/* Clocks for a DIVU that does not overflow: 15 shift-and-subtract steps
 * after the 38 microcycles of set-up; a step costs 2 more microcycles
 * unless the shift carried out of the partial remainder, and 1 less when
 * the trial subtraction succeeds (branch-free: the steps are data-driven). */
static int divu_clocks(uint32_t dividend, uint32_t divisor, uint32_t quotient)
{
    /* The 15 steps produce quotient bits 15-1; a divisor below 0x8000
     * keeps the partial remainder below 0x8000, so no step carries and
     * the count follows from the quotient alone. */
    if (divisor < 0x8000) return (68 - __builtin_popcount((quotient >> 1) & 0x7fff)) * 2;
    int mc = 38;
    uint32_t hd = divisor << 16;
    for (int i = 0; i < 15; i++) {
        uint32_t carry = dividend >> 31;
        dividend <<= 1;
        uint32_t sub = carry | (dividend >= hd);
        dividend -= hd & (0u - sub);
        mc += (int)((2 - sub) & (0u - (carry ^ 1)));
    }
    return mc * 2;
}

static int divs_clocks(int32_t dividend, int16_t divisor, bool *overflow_early)
{
    int mc = dividend < 0 ? 7 : 6;
    uint32_t adividend = dividend < 0 ? 0u - (uint32_t)dividend : (uint32_t)dividend;
    uint32_t adivisor = divisor < 0 ? (uint32_t)(-(int32_t)divisor) : (uint32_t)divisor;
    if ((adividend >> 16) >= adivisor) {
        *overflow_early = true;
        return (mc + 2) * 2;
    }
    *overflow_early = false;
    uint32_t q = adividend / adivisor;
    mc += 55;
    if (divisor >= 0) mc += dividend >= 0 ? -1 : 1;
    /* One more microcycle for each 0 among the quotient's top 15 bits. */
    mc += 15 - __builtin_popcount(q & 0xfffe);
    return mc * 2;
}

INLINE void divide(m68k_cpu *c, uint32_t op, int mode, int is_signed)
{
    uint32_t src = read_ea(c, mode, OP_REG0(op), 2) & 0xffff;
    int dn = OP_REG9(op);
    uint32_t dst = DREG(c, dn);
    if (src == 0) {
        /* Divide by zero: the exception stacks the next instruction. */
        c->flag_c = 0;
        idle(c, 8);
        m68k_exception(c, VEC_ZERO_DIVIDE, c->pc - 2);
        return;
    }
    if (!is_signed) {
        if ((dst >> 16) >= src) {
            /* Overflow: the destination is unchanged; N is left set. */
            c->flag_n = 1;
            c->flag_z = 0;
            c->flag_v = 1;
            c->flag_c = 0;
            idle(c, 6);
            prefetch_last(c);
            return;
        }
        uint32_t q = dst / src, r = dst % src;
        c->flag_n = q >> 15 & 1;
        c->flag_z = (q & 0xffff) == 0;
        c->flag_v = 0;
        c->flag_c = 0;
        idle(c, divu_clocks(dst, src, q) - 4);
        prefetch_last(c);
        DREG(c, dn) = r << 16 | (q & 0xffff);
        return;
    }
    bool early;
    int clocks = divs_clocks((int32_t)dst, (int16_t)src, &early);
    c->flag_c = 0;
    if (!early) {
        int32_t q = (int32_t)dst / (int16_t)src;
        int32_t r = (int32_t)dst % (int16_t)src;
        if (q >= -32768 && q <= 32767) {
            c->flag_n = (uint32_t)q >> 15 & 1;
            c->flag_z = (q & 0xffff) == 0;
            c->flag_v = 0;
            idle(c, clocks - 4);
            prefetch_last(c);
            DREG(c, dn) = (uint32_t)r << 16 | ((uint32_t)q & 0xffff);
            return;
        }
    }
    c->flag_n = 1;
    c->flag_z = 0;
    c->flag_v = 1;
    idle(c, clocks - 4);
    prefetch_last(c);
}
EA_HANDLERS(divu, divide, 0);
EA_HANDLERS(divs, divide, 1);

/* CHK <ea>,Dn: trap if Dn.W < 0 or Dn.W > <ea>. The 68000 first tests the
 * upper bound, taking the sign of the 16-bit difference bound - Dn (so a
 * difference that overflows also traps there, after 8 clocks), then the
 * sign of Dn (10 clocks). N reflects Dn's sign; Z, V and C are cleared. */
INLINE void chk(m68k_cpu *c, uint32_t op, int mode, int unused)
{
    (void)unused;
    uint32_t bound = read_ea(c, mode, OP_REG0(op), 2) & 0xffff;
    uint32_t v = DREG(c, OP_REG9(op)) & 0xffff;
    c->flag_n = v >> 15;
    c->flag_z = 0;
    c->flag_v = 0;
    c->flag_c = 0;
    bool above = (!(v & 0x8000) && (bound & 0x8000)) || ((bound - v) & 0x8000);
    if (above) {
        idle(c, 8);
        m68k_exception(c, VEC_CHK, c->pc - 2);
        return;
    }
    if (v & 0x8000) {
        idle(c, 10);
        m68k_exception(c, VEC_CHK, c->pc - 2);
        return;
    }
    idle(c, 6);
    prefetch_last(c);
}
EA_HANDLERS(chk, chk, 0);

void m68k_ops_muldiv_init(m68k_handler *t)
{
    for (uint32_t r = 0; r < 8; r++) {
        m68k_set_ea(t, 0xc0c0 | r << 9, EAS_DATA, mulu_tab);
        m68k_set_ea(t, 0xc1c0 | r << 9, EAS_DATA, muls_tab);
        m68k_set_ea(t, 0x80c0 | r << 9, EAS_DATA, divu_tab);
        m68k_set_ea(t, 0x81c0 | r << 9, EAS_DATA, divs_tab);
        m68k_set_ea(t, 0x4180 | r << 9, EAS_DATA, chk_tab);
    }
}
