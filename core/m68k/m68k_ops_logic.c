/* Logical operations: AND, OR, EOR in every form, and the immediate forms
 * that target CCR and SR. Writing the SR makes the 68000 refetch its whole
 * prefetch queue, which shows on the bus as two fetches from the address
 * of the next instruction. */
#include "m68k_ops.h"

enum { L_AND, L_OR, L_EOR };

INLINE uint32_t logic(m68k_cpu *c, int kind, uint32_t a, uint32_t b, int sz)
{
    uint32_t r = kind == L_AND ? a & b : kind == L_OR ? a | b : a ^ b;
    flags_logic(c, r, sz);
    return r;
}

static inline bool reg_or_imm(int mode)
{
    return mode == EA_DN || mode == EA_AN || mode == EA_IMM;
}

/* AND/OR <ea>,Dn */
INLINE void logic_to_dn(m68k_cpu *c, uint32_t op, int mode, int sz, int kind)
{
    uint32_t src = read_ea(c, mode, OP_REG0(op), sz);
    int dn = OP_REG9(op);
    uint32_t res = logic(c, kind, DREG(c, dn), src, sz);
    prefetch_last(c);
    if (sz == 4) idle(c, reg_or_imm(mode) ? 4 : 2);
    set_dreg(c, dn, res, sz);
}

/* AND/OR/EOR Dn,<ea> (EOR also to a data register) */
INLINE void logic_to_ea(m68k_cpu *c, uint32_t op, int mode, int sz, int kind)
{
    uint32_t addr = 0;
    int reg = OP_REG0(op);
    uint32_t dst = rmw_read(c, mode, reg, sz, &addr);
    uint32_t res = logic(c, kind, dst, DREG(c, OP_REG9(op)), sz);
    prefetch_last(c);
    if (mode == EA_DN && sz == 4) idle(c, 4);
    rmw_write(c, mode, reg, sz, addr, res);
}

/* ANDI/ORI/EORI #,<ea> */
INLINE void logic_imm(m68k_cpu *c, uint32_t op, int mode, int sz, int kind)
{
    uint32_t src = read_ea(c, EA_IMM, 0, sz);
    uint32_t addr = 0;
    int reg = OP_REG0(op);
    uint32_t dst = rmw_read(c, mode, reg, sz, &addr);
    uint32_t res = logic(c, kind, dst, src, sz);
    prefetch_last(c);
    if (mode == EA_DN && sz == 4) idle(c, 4);
    rmw_write(c, mode, reg, sz, addr, res);
}

#define BWL(name, body, kind)                                                                      \
    EA_HANDLERS(name##_b, body, 1, kind);                                                          \
    EA_HANDLERS(name##_w, body, 2, kind);                                                          \
    EA_HANDLERS(name##_l, body, 4, kind)
#define TABS(name) name##_b_tab, name##_w_tab, name##_l_tab

BWL(and_dn, logic_to_dn, L_AND);
BWL(or_dn, logic_to_dn, L_OR);
BWL(and_ea, logic_to_ea, L_AND);
BWL(or_ea, logic_to_ea, L_OR);
BWL(eor_ea, logic_to_ea, L_EOR);
BWL(andi, logic_imm, L_AND);
BWL(ori, logic_imm, L_OR);
BWL(eori, logic_imm, L_EOR);

/* The queue refill after a write to CCR or SR: both words again, starting
 * at the word irc was fetched from. */
void m68k_refill_after_sr(m68k_cpu *c)
{
    c->pc -= 2;
    prefetch_irc(c);
    prefetch_last(c);
}

/* ANDI/ORI/EORI to CCR (byte) and SR (word, privileged). */
INLINE void logic_sr(m68k_cpu *c, int kind, bool to_sr)
{
    if (to_sr && !is_super(c)) {
        m68k_privilege(c);
        return;
    }
    uint32_t imm = ext_word(c);
    idle(c, 8);
    uint32_t cur = get_sr(c);
    uint32_t mask = to_sr ? 0xffffu : 0x1fu;
    uint32_t v = kind == L_AND  ? cur & (imm | ~mask)
                 : kind == L_OR ? cur | (imm & mask)
                                : cur ^ (imm & mask);
    if (to_sr)
        m68k_set_sr(c, v);
    else
        set_ccr(c, v);
    m68k_refill_after_sr(c);
}

INLINE void andi_ccr_impl(m68k_cpu *c, uint32_t op)
{
    (void)op, logic_sr(c, L_AND, false);
}
HANDLER(andi_ccr)
INLINE void ori_ccr_impl(m68k_cpu *c, uint32_t op)
{
    (void)op, logic_sr(c, L_OR, false);
}
HANDLER(ori_ccr)
INLINE void eori_ccr_impl(m68k_cpu *c, uint32_t op)
{
    (void)op, logic_sr(c, L_EOR, false);
}
HANDLER(eori_ccr)
INLINE void andi_sr_impl(m68k_cpu *c, uint32_t op)
{
    (void)op, logic_sr(c, L_AND, true);
}
HANDLER(andi_sr)
INLINE void ori_sr_impl(m68k_cpu *c, uint32_t op)
{
    (void)op, logic_sr(c, L_OR, true);
}
HANDLER(ori_sr)
INLINE void eori_sr_impl(m68k_cpu *c, uint32_t op)
{
    (void)op, logic_sr(c, L_EOR, true);
}
HANDLER(eori_sr)

void m68k_ops_logic_init(m68k_handler *t)
{
    set_bwl(t, 0xc000, true, EAS_DATA, EAS_DATA, TABS(and_dn));
    set_bwl(t, 0x8000, true, EAS_DATA, EAS_DATA, TABS(or_dn));
    set_bwl(t, 0xc100, true, EAS_MEM_ALT, EAS_MEM_ALT, TABS(and_ea));
    set_bwl(t, 0x8100, true, EAS_MEM_ALT, EAS_MEM_ALT, TABS(or_ea));
    set_bwl(t, 0xb100, true, EAS_DATA_ALT, EAS_DATA_ALT, TABS(eor_ea));
    set_bwl(t, 0x0200, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(andi));
    set_bwl(t, 0x0000, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(ori));
    set_bwl(t, 0x0a00, false, EAS_DATA_ALT, EAS_DATA_ALT, TABS(eori));
    t[0x023c] = andi_ccr;
    t[0x003c] = ori_ccr;
    t[0x0a3c] = eori_ccr;
    t[0x027c] = andi_sr;
    t[0x007c] = ori_sr;
    t[0x0a7c] = eori_sr;
}
