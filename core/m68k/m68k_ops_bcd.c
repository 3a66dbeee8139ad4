/* Decimal arithmetic: ABCD, SBCD, NBCD. The 68000 adds in binary and
 * applies decimal corrections of 6 and 0x60; N and V, which Motorola
 * documents as undefined, come out of that correction as computed below
 * (V is set when the correction carries the result's bit 7 from 0 to 1 for
 * an addition, or from 1 to 0 for a subtraction). Z is only ever cleared. */
#include "m68k_ops.h"

static uint32_t bcd_add(m68k_cpu *c, uint32_t dst, uint32_t src)
{
    uint32_t x = c->flag_x;
    uint32_t bin = (dst & 0xff) + (src & 0xff) + x;
    uint32_t res = bin;
    if (((dst & 0x0f) + (src & 0x0f) + x) > 9) res += 6;
    /* The decimal carry looks at the binary sum, before the low digit's
     * correction (so 0x4a + 0x4a + 1 gives 0x9b with no carry). */
    uint32_t carry = bin > 0x99 || res > 0xff;
    if (carry) res += 0x60;
    c->flag_v = (~bin & res) >> 7 & 1;
    res &= 0xff;
    c->flag_c = c->flag_x = carry;
    c->flag_n = res >> 7;
    if (res) c->flag_z = 0;
    return res;
}

static uint32_t bcd_sub(m68k_cpu *c, uint32_t dst, uint32_t src)
{
    uint32_t x = c->flag_x;
    uint32_t bin = ((dst & 0xff) - (src & 0xff) - x) & 0x1ff;
    uint32_t res = bin;
    bool low_borrow = (int)(dst & 0x0f) - (int)(src & 0x0f) - (int)x < 0;
    if (low_borrow) res -= 6;
    uint32_t carry = (int)(dst & 0xff) - (int)(src & 0xff) - (int)x < 0;
    if (carry) res -= 0x60;
    c->flag_v = (bin & ~res) >> 7 & 1;
    if (low_borrow && !carry && (res & 0x100)) carry = 1;
    res &= 0xff;
    c->flag_c = c->flag_x = carry;
    c->flag_n = res >> 7;
    if (res) c->flag_z = 0;
    return res;
}

/* ABCD/SBCD Dy,Dx and -(Ay),-(Ax) */
INLINE void bcd_rr(m68k_cpu *c, uint32_t op, bool memory, bool sub)
{
    int rx = OP_REG9(op), ry = OP_REG0(op);
    if (!memory) {
        uint32_t res =
            sub ? bcd_sub(c, DREG(c, rx), DREG(c, ry)) : bcd_add(c, DREG(c, rx), DREG(c, ry));
        prefetch_last(c);
        idle(c, 2);
        set_dreg(c, rx, res, 1);
        return;
    }
    idle(c, 2);
    c->ipc = c->pc;
    uint32_t sa = AREG(c, ry) - step_of(ry, 1);
    AREG(c, ry) = sa;
    uint32_t src = rd_data(c, sa, 1);
    uint32_t da = AREG(c, rx) - step_of(rx, 1);
    AREG(c, rx) = da;
    uint32_t dst = rd_data(c, da, 1);
    uint32_t res = sub ? bcd_sub(c, dst, src) : bcd_add(c, dst, src);
    prefetch_last(c);
    wr_data(c, da, res, 1);
}

INLINE void abcd_r_impl(m68k_cpu *c, uint32_t op)
{
    bcd_rr(c, op, false, false);
}
HANDLER(abcd_r)
INLINE void abcd_m_impl(m68k_cpu *c, uint32_t op)
{
    bcd_rr(c, op, true, false);
}
HANDLER(abcd_m)
INLINE void sbcd_r_impl(m68k_cpu *c, uint32_t op)
{
    bcd_rr(c, op, false, true);
}
HANDLER(sbcd_r)
INLINE void sbcd_m_impl(m68k_cpu *c, uint32_t op)
{
    bcd_rr(c, op, true, true);
}
HANDLER(sbcd_m)

/* NBCD <ea>: 0 - <ea> - X in decimal. */
INLINE void nbcd(m68k_cpu *c, uint32_t op, int mode, int unused)
{
    (void)unused;
    uint32_t addr = 0;
    int reg = OP_REG0(op);
    uint32_t v = rmw_read(c, mode, reg, 1, &addr);
    uint32_t res = bcd_sub(c, 0, v);
    prefetch_last(c);
    if (mode == EA_DN) idle(c, 2);
    rmw_write(c, mode, reg, 1, addr, res);
}
EA_HANDLERS(nbcd, nbcd, 0);

void m68k_ops_bcd_init(m68k_handler *t)
{
    for (uint32_t x = 0; x < 8; x++)
        for (uint32_t y = 0; y < 8; y++) {
            t[0xc100 | x << 9 | y] = abcd_r;
            t[0xc108 | x << 9 | y] = abcd_m;
            t[0x8100 | x << 9 | y] = sbcd_r;
            t[0x8108 | x << 9 | y] = sbcd_m;
        }
    m68k_set_ea(t, 0x4800, EAS_DATA_ALT, nbcd_tab);
}
