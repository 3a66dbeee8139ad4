/* Integer arithmetic: ADD, ADDA, ADDI, ADDQ, ADDX, SUB (same forms), CMP,
 * CMPA, CMPI, CMPM, NEG, NEGX, CLR, NOT, TST.
 * Bus order and internal clocks per the MC68000 User's Manual, tables 8-4
 * to 8-9: a long register destination costs 2 or 4 extra clocks after the
 * last prefetch; memory destinations are read, prefetched, then written. */
#include "m68k_ops.h"

enum { OP_ADD, OP_SUB, OP_CMP };

INLINE uint32_t arith(m68k_cpu *c, int kind, uint32_t dst, uint32_t src, int sz)
{
    if (kind == OP_ADD) return do_add(c, dst, src, sz);
    if (kind == OP_SUB) return do_sub(c, dst, src, sz);
    do_cmp(c, dst, src, sz);
    return dst;
}

static inline bool reg_or_imm(int mode)
{
    return mode == EA_DN || mode == EA_AN || mode == EA_IMM;
}

/* ADD/SUB/CMP <ea>,Dn */
INLINE void arith_to_dn(m68k_cpu *c, uint32_t op, int mode, int sz, int kind)
{
    uint32_t src = read_ea(c, mode, OP_REG0(op), sz);
    int dn = OP_REG9(op);
    uint32_t res = arith(c, kind, DREG(c, dn), src, sz);
    prefetch_last(c);
    if (sz == 4) idle(c, kind == OP_CMP ? 2 : reg_or_imm(mode) ? 4 : 2);
    if (kind != OP_CMP) set_dreg(c, dn, res, sz);
}

/* ADD/SUB Dn,<ea> */
INLINE void arith_to_ea(m68k_cpu *c, uint32_t op, int mode, int sz, int kind)
{
    uint32_t addr = 0;
    uint32_t dst = rmw_read(c, mode, OP_REG0(op), sz, &addr);
    uint32_t res = arith(c, kind, dst, DREG(c, OP_REG9(op)), sz);
    prefetch_last(c);
    rmw_write(c, mode, OP_REG0(op), sz, addr, res);
}

/* ADDA/SUBA/CMPA <ea>,An: the source is sign-extended to 32 bits and the
 * flags are untouched, except by CMPA. */
INLINE void arith_to_an(m68k_cpu *c, uint32_t op, int mode, int sz, int kind)
{
    uint32_t src = sext(read_ea(c, mode, OP_REG0(op), sz), sz);
    int an = OP_REG9(op);
    prefetch_last(c);
    if (kind == OP_CMP) {
        idle(c, 2);
        do_cmp(c, AREG(c, an), src, 4);
        return;
    }
    idle(c, sz == 2 || reg_or_imm(mode) ? 4 : 2);
    AREG(c, an) = kind == OP_ADD ? AREG(c, an) + src : AREG(c, an) - src;
}

/* ADDI/SUBI/CMPI #,<ea> */
INLINE void arith_imm(m68k_cpu *c, uint32_t op, int mode, int sz, int kind)
{
    uint32_t src = read_ea(c, EA_IMM, 0, sz);
    if (mode == EA_DN) {
        int dn = OP_REG0(op);
        uint32_t res = arith(c, kind, DREG(c, dn), src, sz);
        prefetch_last(c);
        if (sz == 4) idle(c, kind == OP_CMP ? 2 : 4);
        if (kind != OP_CMP) set_dreg(c, dn, res, sz);
        return;
    }
    uint32_t addr = ea_addr(c, mode, OP_REG0(op), sz);
    uint32_t dst = rd_data(c, addr, sz);
    uint32_t res = arith(c, kind, dst, src, sz);
    prefetch_last(c);
    if (kind != OP_CMP) rmw_write(c, mode, 0, sz, addr, res);
}

/* ADDQ/SUBQ #1-8,<ea>; on an address register the whole register changes
 * and the flags do not. */
INLINE void arith_quick(m68k_cpu *c, uint32_t op, int mode, int sz, int kind)
{
    uint32_t q = ((op >> 9) - 1) % 8 + 1;
    if (mode == EA_AN) {
        int an = OP_REG0(op);
        prefetch_last(c);
        idle(c, 4);
        AREG(c, an) = kind == OP_ADD ? AREG(c, an) + q : AREG(c, an) - q;
        return;
    }
    if (mode == EA_DN) {
        int dn = OP_REG0(op);
        uint32_t res = arith(c, kind, DREG(c, dn), q, sz);
        prefetch_last(c);
        if (sz == 4) idle(c, 4);
        set_dreg(c, dn, res, sz);
        return;
    }
    uint32_t addr = 0;
    uint32_t dst = rmw_read(c, mode, OP_REG0(op), sz, &addr);
    uint32_t res = arith(c, kind, dst, q, sz);
    prefetch_last(c);
    rmw_write(c, mode, 0, sz, addr, res);
}

/* ADDX/SUBX/NEGX arithmetic: X is an extra carry in, and Z is only ever
 * cleared (so a multi-precision result tests zero as a whole). */
INLINE uint32_t do_addx(m68k_cpu *c, uint32_t dst, uint32_t src, int sz, bool sub)
{
    uint32_t m = size_mask(sz);
    uint64_t wide = sub ? (uint64_t)(dst & m) - (src & m) - c->flag_x
                        : (uint64_t)(dst & m) + (src & m) + c->flag_x;
    uint32_t res = (uint32_t)wide & m;
    c->flag_n = msb_of(res, sz);
    if (res) c->flag_z = 0;
    c->flag_v = sub ? msb_of((src ^ dst) & (res ^ dst), sz) : msb_of((src ^ res) & (dst ^ res), sz);
    c->flag_c = c->flag_x = (uint32_t)(wide >> (sz * 8)) & 1;
    return res;
}

/* ADDX/SUBX Dy,Dx and -(Ay),-(Ax). The memory form reads a long source
 * and destination low word first, and writes the destination's low word
 * before the last prefetch and its high word after it. */
INLINE void addx(m68k_cpu *c, uint32_t op, int memory, int sz, bool sub)
{
    int rx = OP_REG9(op), ry = OP_REG0(op);
    if (!memory) {
        uint32_t res = do_addx(c, DREG(c, rx), DREG(c, ry), sz, sub);
        prefetch_last(c);
        if (sz == 4) idle(c, 4);
        set_dreg(c, rx, res, sz);
        return;
    }
    unsigned fc = fc_data(c);
    idle(c, 2);
    c->ipc = c->pc;
    uint32_t src, dst, sa, da;
    if (sz == 4) {
        /* A long -(An) operand is read low word first; an odd address
         * faults on that first read, with An unchanged. */
        sa = AREG(c, ry) - 2;
        if (sa & 1) m68k_address_error(c, sa, false, fc, false, c->ipc);
        AREG(c, ry) = sa;
        src = bus_rd16(c, sa, fc);
        sa -= 2;
        AREG(c, ry) = sa;
        src |= bus_rd16(c, sa, fc) << 16;
        da = AREG(c, rx) - 2;
        if (da & 1) m68k_address_error(c, da, false, fc, false, c->ipc);
        AREG(c, rx) = da;
        dst = bus_rd16(c, da, fc);
        da -= 2;
        AREG(c, rx) = da;
        dst |= bus_rd16(c, da, fc) << 16;
        uint32_t res = do_addx(c, dst, src, 4, sub);
        bus_wr16(c, da + 2, res, fc);
        prefetch_last(c);
        bus_wr16(c, da, res >> 16, fc);
        return;
    }
    sa = AREG(c, ry) - step_of(ry, sz);
    AREG(c, ry) = sa;
    src = rd_data(c, sa, sz);
    da = AREG(c, rx) - step_of(rx, sz);
    AREG(c, rx) = da;
    dst = rd_data(c, da, sz);
    uint32_t res = do_addx(c, dst, src, sz, sub);
    prefetch_last(c);
    wr_data(c, da, res, sz);
}

/* CMPM (Ay)+,(Ax)+ */
INLINE void cmpm(m68k_cpu *c, uint32_t op, int unused, int sz)
{
    (void)unused;
    int rx = OP_REG9(op), ry = OP_REG0(op);
    c->ipc = c->pc;
    /* Ay is advanced as its operand is read (by 2 before a long's first
     * word); Ax only once its operand has been read. */
    uint32_t sa = AREG(c, ry);
    AREG(c, ry) = sa + (sz == 4 ? 2 : step_of(ry, sz));
    uint32_t src = rd_data(c, sa, sz);
    if (sz == 4) AREG(c, ry) = sa + 4;
    uint32_t da = AREG(c, rx);
    uint32_t dst = rd_data(c, da, sz);
    AREG(c, rx) = da + step_of(rx, sz);
    do_cmp(c, dst, src, sz);
    prefetch_last(c);
}

enum { U_NEG, U_NEGX, U_NOT, U_CLR, U_TST };

/* NEG, NEGX, NOT, CLR, TST <ea> */
INLINE void unary(m68k_cpu *c, uint32_t op, int mode, int sz, int kind)
{
    uint32_t addr = 0;
    int reg = OP_REG0(op);
    uint32_t v = rmw_read(c, mode, reg, sz, &addr);
    uint32_t res;
    switch (kind) {
    case U_NEG: res = do_sub(c, 0, v, sz); break;
    case U_NEGX: res = do_addx(c, 0, v, sz, true); break;
    case U_NOT:
        res = ~v;
        flags_logic(c, res, sz);
        break;
    case U_CLR:
        res = 0;
        flags_logic(c, 0, sz);
        break;
    default:
        res = v;
        flags_logic(c, v, sz);
        break;
    }
    prefetch_last(c);
    if (kind == U_TST) return;
    if (mode == EA_DN && sz == 4) idle(c, 2);
    rmw_write(c, mode, reg, sz, addr, res);
}

/* Stamps out byte, word and long tables of one body with one kind. */
#define BWL(name, body, kind)                                                                      \
    EA_HANDLERS(name##_b, body, 1, kind);                                                          \
    EA_HANDLERS(name##_w, body, 2, kind);                                                          \
    EA_HANDLERS(name##_l, body, 4, kind)
#define WL(name, body, kind)                                                                       \
    EA_HANDLERS(name##_w, body, 2, kind);                                                          \
    EA_HANDLERS(name##_l, body, 4, kind)

BWL(add_dn, arith_to_dn, OP_ADD);
BWL(sub_dn, arith_to_dn, OP_SUB);
BWL(cmp_dn, arith_to_dn, OP_CMP);
BWL(add_ea, arith_to_ea, OP_ADD);
BWL(sub_ea, arith_to_ea, OP_SUB);
WL(adda, arith_to_an, OP_ADD);
WL(suba, arith_to_an, OP_SUB);
WL(cmpa, arith_to_an, OP_CMP);
BWL(addi, arith_imm, OP_ADD);
BWL(subi, arith_imm, OP_SUB);
BWL(cmpi, arith_imm, OP_CMP);
BWL(addq, arith_quick, OP_ADD);
BWL(subq, arith_quick, OP_SUB);
BWL(neg, unary, U_NEG);
BWL(negx, unary, U_NEGX);
BWL(not, unary, U_NOT);
BWL(clr, unary, U_CLR);
BWL(tst, unary, U_TST);

#define XHANDLERS(name, sub)                                                                       \
    static void name##_b_r(m68k_cpu *c, uint32_t op)                                               \
    {                                                                                              \
        addx(c, op, 0, 1, sub);                                                                    \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_w_r(m68k_cpu *c, uint32_t op)                                               \
    {                                                                                              \
        addx(c, op, 0, 2, sub);                                                                    \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_l_r(m68k_cpu *c, uint32_t op)                                               \
    {                                                                                              \
        addx(c, op, 0, 4, sub);                                                                    \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_b_m(m68k_cpu *c, uint32_t op)                                               \
    {                                                                                              \
        addx(c, op, 1, 1, sub);                                                                    \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_w_m(m68k_cpu *c, uint32_t op)                                               \
    {                                                                                              \
        addx(c, op, 1, 2, sub);                                                                    \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_l_m(m68k_cpu *c, uint32_t op)                                               \
    {                                                                                              \
        addx(c, op, 1, 4, sub);                                                                    \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static const m68k_handler name##_tab[2][3] = {{name##_b_r, name##_w_r, name##_l_r},            \
                                                  {name##_b_m, name##_w_m, name##_l_m}}
XHANDLERS(addx, false);
XHANDLERS(subx, true);

INLINE void cmpm_b_impl(m68k_cpu *c, uint32_t op)
{
    cmpm(c, op, 0, 1);
}
HANDLER(cmpm_b)
INLINE void cmpm_w_impl(m68k_cpu *c, uint32_t op)
{
    cmpm(c, op, 0, 2);
}
HANDLER(cmpm_w)
INLINE void cmpm_l_impl(m68k_cpu *c, uint32_t op)
{
    cmpm(c, op, 0, 4);
}
HANDLER(cmpm_l)

#define TABS(name) name##_b_tab, name##_w_tab, name##_l_tab

void m68k_ops_arith_init(m68k_handler *t)
{
    /* 1101/1001 ddd 0ss <ea>: ADD/SUB <ea>,Dn (An as a byte source is illegal) */
    set_bwl(t, 0xd000, true, EAS_DATA, EAS_ALL, TABS(add_dn));
    set_bwl(t, 0x9000, true, EAS_DATA, EAS_ALL, TABS(sub_dn));
    set_bwl(t, 0xb000, true, EAS_DATA, EAS_ALL, TABS(cmp_dn));
    /* 1101/1001 ddd 1ss <ea>: ADD/SUB Dn,<ea> */
    set_bwl(t, 0xd100, true, EAS_MEM_ALT, EAS_MEM_ALT, TABS(add_ea));
    set_bwl(t, 0x9100, true, EAS_MEM_ALT, EAS_MEM_ALT, TABS(sub_ea));
    /* ADDA/SUBA/CMPA: size bit 8 */
    for (uint32_t r = 0; r < 8; r++) {
        m68k_set_ea(t, 0xd0c0 | r << 9, EAS_ALL, adda_w_tab);
        m68k_set_ea(t, 0xd1c0 | r << 9, EAS_ALL, adda_l_tab);
        m68k_set_ea(t, 0x90c0 | r << 9, EAS_ALL, suba_w_tab);
        m68k_set_ea(t, 0x91c0 | r << 9, EAS_ALL, suba_l_tab);
        m68k_set_ea(t, 0xb0c0 | r << 9, EAS_ALL, cmpa_w_tab);
        m68k_set_ea(t, 0xb1c0 | r << 9, EAS_ALL, cmpa_l_tab);
    }
    /* ADDI/SUBI/CMPI: 0000 011/010/110 0ss <ea> */
    set_bwl(t, 0x0600, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(addi));
    set_bwl(t, 0x0400, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(subi));
    set_bwl(t, 0x0c00, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(cmpi));
    /* ADDQ/SUBQ: 0101 qqq 0/1 ss <ea>; no byte access to An */
    set_bwl(t, 0x5000, true, EAS_DATA_ALT, EAS_ALTERABLE, TABS(addq));
    set_bwl(t, 0x5100, true, EAS_DATA_ALT, EAS_ALTERABLE, TABS(subq));
    /* ADDX/SUBX: 1101/1001 xxx 1ss 00m yyy; CMPM: 1011 xxx 1ss 001 yyy */
    for (uint32_t x = 0; x < 8; x++)
        for (uint32_t s = 0; s < 3; s++)
            for (uint32_t m = 0; m < 2; m++)
                for (uint32_t y = 0; y < 8; y++) {
                    uint32_t low = x << 9 | 1 << 8 | s << 6 | m << 3 | y;
                    t[0xd000 | low] = addx_tab[m][s];
                    t[0x9000 | low] = subx_tab[m][s];
                    if (m) t[0xb000 | low] = s == 0 ? cmpm_b : s == 1 ? cmpm_w : cmpm_l;
                }
    /* NEGX 0100 0000, CLR 0100 0010, NEG 0100 0100, NOT 0100 0110, TST 0100 1010 */
    set_bwl(t, 0x4000, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(negx));
    set_bwl(t, 0x4200, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(clr));
    set_bwl(t, 0x4400, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(neg));
    set_bwl(t, 0x4600, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(not ));
    set_bwl(t, 0x4a00, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(tst));
}
