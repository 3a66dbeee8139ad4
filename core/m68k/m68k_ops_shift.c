/* Shifts and rotates: ASL, ASR, LSL, LSR, ROL, ROR, ROXL, ROXR, with a
 * register count (modulo 64), an immediate count (1-8), or one bit of a
 * word in memory. A register shift takes 2 clocks per bit after the
 * prefetch, plus 2 (byte, word) or 4 (long) (MC68000 UM table 8-10).
 * Flags per the Programmer's Reference Manual: a count of 0 clears C (ROXL
 * and ROXR copy X into it) and leaves X alone; ASL sets V when the sign bit
 * changes at any point of the shift. */
#include "m68k_ops.h"

enum { S_AS, S_LS, S_ROX, S_RO };

INLINE uint32_t shift(m68k_cpu *c, uint32_t v, unsigned n, int sz, int type, bool left)
{
    unsigned bits = (unsigned)sz * 8;
    uint32_t m = size_mask(sz);
    uint64_t val = v & m;
    uint32_t res, carry = 0;
    c->flag_v = 0;
    switch (type) {
    case S_AS:
        if (left) {
            if (n == 0) {
                res = (uint32_t)val;
            } else if (n < bits) {
                res = (uint32_t)(val << n) & m;
                carry = (uint32_t)(val >> (bits - n)) & 1;
                /* The top n+1 bits must all be equal for the sign to survive. */
                uint64_t top = val >> (bits - 1 - n);
                uint64_t all = (1ull << (n + 1)) - 1;
                c->flag_v = top != 0 && top != all;
            } else {
                res = 0;
                carry = n == bits ? (uint32_t)val & 1 : 0;
                c->flag_v = val != 0;
            }
        } else {
            int64_t sv = (int64_t)(int32_t)sext((uint32_t)val, sz);
            if (n == 0)
                res = (uint32_t)val;
            else if (n < bits) {
                res = (uint32_t)(sv >> n) & m;
                carry = (uint32_t)(sv >> (n - 1)) & 1;
            } else {
                res = sv < 0 ? m : 0;
                carry = sv < 0;
            }
        }
        break;
    case S_LS:
        if (n == 0)
            res = (uint32_t)val;
        else if (n <= bits) {
            res = left ? (uint32_t)(val << n) & m : (uint32_t)(val >> n);
            carry = left ? (uint32_t)(val >> (bits - n)) & 1 : (uint32_t)(val >> (n - 1)) & 1;
        } else {
            res = 0;
        }
        break;
    case S_RO: {
        unsigned k = n % bits;
        res = k == 0 ? (uint32_t)val
              : left ? (uint32_t)((val << k) | (val >> (bits - k))) & m
                     : (uint32_t)((val >> k) | (val << (bits - k))) & m;
        if (n) carry = left ? res & 1 : res >> (bits - 1) & 1;
        break;
    }
    default: { /* S_ROX: rotate through X, a (bits+1)-bit rotation */
        unsigned k = n % (bits + 1);
        uint64_t w = (uint64_t)c->flag_x << bits | val;
        uint64_t wm = (1ull << (bits + 1)) - 1;
        if (k)
            w = left ? ((w << k) | (w >> (bits + 1 - k))) & wm
                     : ((w >> k) | (w << (bits + 1 - k))) & wm;
        res = (uint32_t)w & m;
        c->flag_x = (uint32_t)(w >> bits) & 1;
        carry = c->flag_x;
        break;
    }
    }
    if (type != S_ROX && type != S_RO && n) c->flag_x = carry;
    c->flag_c = carry;
    c->flag_n = msb_of(res, sz);
    c->flag_z = res == 0;
    return res;
}

/* Register form: 1110 ccc d ss i tt rrr */
INLINE void shift_reg(m68k_cpu *c, uint32_t op, int sz, int type, bool left, bool by_reg)
{
    unsigned n = by_reg ? DREG(c, OP_REG9(op)) & 63 : (unsigned)((OP_REG9(op) - 1) & 7) + 1;
    int dn = OP_REG0(op);
    uint32_t res = shift(c, DREG(c, dn), n, sz, type, left);
    prefetch_last(c);
    idle(c, (sz == 4 ? 4 : 2) + 2 * (int)n);
    set_dreg(c, dn, res, sz);
}

/* Memory form: one bit, a word. */
INLINE void shift_mem(m68k_cpu *c, uint32_t op, int mode, int type, bool left)
{
    uint32_t addr = 0;
    uint32_t v = rmw_read(c, mode, OP_REG0(op), 2, &addr);
    uint32_t res = shift(c, v, 1, 2, type, left);
    prefetch_last(c);
    rmw_write(c, mode, 0, 2, addr, res);
}

#define REG_HANDLER(name, sz, type, left, by_reg)                                                  \
    static void name(m68k_cpu *c, uint32_t op)                                                     \
    {                                                                                              \
        shift_reg(c, op, sz, type, left, by_reg);                                                  \
        NEXT(c);                                                                                   \
    }
#define REG_SET(type, tname)                                                                       \
    REG_HANDLER(tname##_r_b_i, 1, type, false, false)                                              \
    REG_HANDLER(tname##_r_w_i, 2, type, false, false)                                              \
    REG_HANDLER(tname##_r_l_i, 4, type, false, false)                                              \
    REG_HANDLER(tname##_r_b_r, 1, type, false, true)                                               \
    REG_HANDLER(tname##_r_w_r, 2, type, false, true)                                               \
    REG_HANDLER(tname##_r_l_r, 4, type, false, true)                                               \
    REG_HANDLER(tname##_l_b_i, 1, type, true, false)                                               \
    REG_HANDLER(tname##_l_w_i, 2, type, true, false)                                               \
    REG_HANDLER(tname##_l_l_i, 4, type, true, false)                                               \
    REG_HANDLER(tname##_l_b_r, 1, type, true, true)                                                \
    REG_HANDLER(tname##_l_w_r, 2, type, true, true)                                                \
    REG_HANDLER(tname##_l_l_r, 4, type, true, true)                                                \
    /* [dir][size][by_reg] */                                                                      \
    static const m68k_handler tname##_reg[2][3][2] = {{{tname##_r_b_i, tname##_r_b_r},             \
                                                       {tname##_r_w_i, tname##_r_w_r},             \
                                                       {tname##_r_l_i, tname##_r_l_r}},            \
                                                      {{tname##_l_b_i, tname##_l_b_r},             \
                                                       {tname##_l_w_i, tname##_l_w_r},             \
                                                       {tname##_l_l_i, tname##_l_l_r}}};           \
    EA_HANDLERS(tname##_mr, shift_mem, type, false);                                               \
    EA_HANDLERS(tname##_ml, shift_mem, type, true)

REG_SET(S_AS, as);
REG_SET(S_LS, ls);
REG_SET(S_ROX, rox);
REG_SET(S_RO, ro);

void m68k_ops_shift_init(m68k_handler *t)
{
    const m68k_handler(*reg[4])[3][2] = {as_reg, ls_reg, rox_reg, ro_reg};
    const m68k_handler *mem[4][2] = {{as_mr_tab, as_ml_tab},
                                     {ls_mr_tab, ls_ml_tab},
                                     {rox_mr_tab, rox_ml_tab},
                                     {ro_mr_tab, ro_ml_tab}};
    for (uint32_t cnt = 0; cnt < 8; cnt++)
        for (uint32_t d = 0; d < 2; d++)
            for (uint32_t s = 0; s < 3; s++)
                for (uint32_t i = 0; i < 2; i++)
                    for (uint32_t type = 0; type < 4; type++)
                        for (uint32_t r = 0; r < 8; r++)
                            t[0xe000 | cnt << 9 | d << 8 | s << 6 | i << 5 | type << 3 | r] =
                                reg[type][d][s][i];
    for (uint32_t type = 0; type < 4; type++)
        for (uint32_t d = 0; d < 2; d++)
            m68k_set_ea(t, 0xe0c0 | type << 9 | d << 8, EAS_MEM_ALT, mem[type][d]);
}
