/* Integer arithmetic, logic, compare, rotate, shift and trap instructions
 * (MPCFPE32B chapter 3.3 and chapter 8). Each XO-form instruction has four
 * handlers (with and without OE and Rc) so the flag updates are compiled
 * in. Results the architecture leaves undefined follow what the 750 does:
 * divw by zero or 0x80000000 / -1 gives 0xFFFFFFFF for a negative dividend
 * and 0 otherwise, divwu by zero gives 0, and the CR0 of such a "."
 * instruction reflects that result. */
#include "ppc_internal.h"

/* Four handlers: name, name_rc, name_oe, name_oe_rc from body(c, insn, oe, rc). */
#define XO_HANDLERS(name, body)                                                                    \
    static void name(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                                      \
    {                                                                                              \
        body(c, insn, false, false);                                                               \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_rc(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                                 \
    {                                                                                              \
        body(c, insn, false, true);                                                                \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_oe(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                                 \
    {                                                                                              \
        body(c, insn, true, false);                                                                \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_oe_rc(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                              \
    {                                                                                              \
        body(c, insn, true, true);                                                                 \
        NEXT(c);                                                                                   \
    }

/* Two handlers: name, name_rc from body(c, insn, rc). */
#define RC_HANDLERS(name, body)                                                                    \
    static void name(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                                      \
    {                                                                                              \
        body(c, insn, false);                                                                      \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_rc(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                                 \
    {                                                                                              \
        body(c, insn, true);                                                                       \
        NEXT(c);                                                                                   \
    }

/* Rc lives in bit 0 of the instruction, outside the table index: the
 * table holds name_any, which picks the handler for the Rc (and OE) bits
 * and quickens the decoded entry to it. */
#define RC_SPLIT(name)                                                                             \
    static void name##_any(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                                \
    {                                                                                              \
        ppc_handler h = (insn & 1) ? name##_rc : name;                                             \
        quicken(d, name##_any, h);                                                                 \
        h(c, insn, d);                                                                             \
    }
#define XO_SPLIT(name)                                                                             \
    RC_SPLIT(name)                                                                                 \
    static void name##_oe_any(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                             \
    {                                                                                              \
        ppc_handler h = (insn & 1) ? name##_oe_rc : name##_oe;                                     \
        quicken(d, name##_oe_any, h);                                                              \
        h(c, insn, d);                                                                             \
    }

PPC_INLINE void finish(ppc_cpu *c, unsigned rd, uint32_t r, bool rc)
{
    c->gpr[rd] = r;
    if (rc) set_cr0(c, r);
}

PPC_INLINE void set_ov(ppc_cpu *c, bool ov)
{
    c->xer_ov = ov;
    c->xer_so |= ov;
}

/* ---- add / subtract ---- */

/* a + b + carry_in, with CA and (if oe) OV. */
PPC_INLINE uint32_t add3(ppc_cpu *c, uint32_t a, uint32_t b, uint32_t cin, bool set_ca, bool oe)
{
    uint64_t wide = (uint64_t)a + b + cin;
    uint32_t r = (uint32_t)wide;
    if (set_ca) c->xer_ca = (uint32_t)(wide >> 32);
    if (oe) set_ov(c, ((a ^ r) & (b ^ r)) >> 31);
    return r;
}

PPC_INLINE void op_add(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    finish(c, RD(i), add3(c, c->gpr[RA(i)], c->gpr[RB(i)], 0, false, oe), rc);
}
PPC_INLINE void op_addc(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    finish(c, RD(i), add3(c, c->gpr[RA(i)], c->gpr[RB(i)], 0, true, oe), rc);
}
PPC_INLINE void op_adde(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    finish(c, RD(i), add3(c, c->gpr[RA(i)], c->gpr[RB(i)], c->xer_ca, true, oe), rc);
}
PPC_INLINE void op_addze(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    finish(c, RD(i), add3(c, c->gpr[RA(i)], 0, c->xer_ca, true, oe), rc);
}
PPC_INLINE void op_addme(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    finish(c, RD(i), add3(c, c->gpr[RA(i)], 0xffffffffu, c->xer_ca, true, oe), rc);
}
/* subf: rB - rA = ~rA + rB + 1 */
PPC_INLINE void op_subf(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    finish(c, RD(i), add3(c, ~c->gpr[RA(i)], c->gpr[RB(i)], 1, false, oe), rc);
}
PPC_INLINE void op_subfc(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    finish(c, RD(i), add3(c, ~c->gpr[RA(i)], c->gpr[RB(i)], 1, true, oe), rc);
}
PPC_INLINE void op_subfe(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    finish(c, RD(i), add3(c, ~c->gpr[RA(i)], c->gpr[RB(i)], c->xer_ca, true, oe), rc);
}
PPC_INLINE void op_subfze(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    finish(c, RD(i), add3(c, ~c->gpr[RA(i)], 0, c->xer_ca, true, oe), rc);
}
PPC_INLINE void op_subfme(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    finish(c, RD(i), add3(c, ~c->gpr[RA(i)], 0xffffffffu, c->xer_ca, true, oe), rc);
}
PPC_INLINE void op_neg(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    uint32_t a = c->gpr[RA(i)];
    if (oe) set_ov(c, a == 0x80000000u);
    finish(c, RD(i), 0u - a, rc);
}

/* ---- multiply / divide ---- */

PPC_INLINE void op_mullw(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    int64_t p = (int64_t)(int32_t)c->gpr[RA(i)] * (int32_t)c->gpr[RB(i)];
    if (oe) set_ov(c, p != (int64_t)(int32_t)p);
    finish(c, RD(i), (uint32_t)p, rc);
}

PPC_INLINE void op_mulhw(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    (void)oe;
    int64_t p = (int64_t)(int32_t)c->gpr[RA(i)] * (int32_t)c->gpr[RB(i)];
    finish(c, RD(i), (uint32_t)((uint64_t)p >> 32), rc);
}

PPC_INLINE void op_mulhwu(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    (void)oe;
    uint64_t p = (uint64_t)c->gpr[RA(i)] * c->gpr[RB(i)];
    finish(c, RD(i), (uint32_t)(p >> 32), rc);
}

PPC_INLINE void op_divw(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    int32_t a = (int32_t)c->gpr[RA(i)], b = (int32_t)c->gpr[RB(i)];
    bool bad = b == 0 || (a == INT32_MIN && b == -1);
    uint32_t r = bad ? (a < 0 ? 0xffffffffu : 0) : (uint32_t)(a / b);
    if (oe) set_ov(c, bad);
    finish(c, RD(i), r, rc);
}

PPC_INLINE void op_divwu(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    uint32_t a = c->gpr[RA(i)], b = c->gpr[RB(i)];
    uint32_t r = b ? a / b : 0;
    if (oe) set_ov(c, b == 0);
    finish(c, RD(i), r, rc);
}

XO_HANDLERS(add, op_add)
XO_HANDLERS(addc, op_addc)
XO_HANDLERS(adde, op_adde)
XO_HANDLERS(addze, op_addze)
XO_HANDLERS(addme, op_addme)
XO_HANDLERS(subf, op_subf)
XO_HANDLERS(subfc, op_subfc)
XO_HANDLERS(subfe, op_subfe)
XO_HANDLERS(subfze, op_subfze)
XO_HANDLERS(subfme, op_subfme)
XO_HANDLERS(neg, op_neg)
XO_HANDLERS(mullw, op_mullw)
XO_HANDLERS(mulhw, op_mulhw)
XO_HANDLERS(mulhwu, op_mulhwu)
XO_HANDLERS(divw, op_divw)
XO_HANDLERS(divwu, op_divwu)
XO_SPLIT(add)
XO_SPLIT(addc)
XO_SPLIT(adde)
XO_SPLIT(addze)
XO_SPLIT(addme)
XO_SPLIT(subf)
XO_SPLIT(subfc)
XO_SPLIT(subfe)
XO_SPLIT(subfze)
XO_SPLIT(subfme)
XO_SPLIT(neg)
XO_SPLIT(mullw)
XO_SPLIT(mulhw)
XO_SPLIT(mulhwu)
XO_SPLIT(divw)
XO_SPLIT(divwu)

/* ---- immediate arithmetic ---- */

static void addi_r(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = c->gpr[RA(i)] + SIMM(i);
    NEXT(c);
}

static void li(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = SIMM(i);
    NEXT(c);
}

static void addis_r(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = c->gpr[RA(i)] + (i << 16);
    NEXT(c);
}

static void lis(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = i << 16;
    NEXT(c);
}

/* rA = 0 means the value 0, not r0. */
static void addi(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    ppc_handler h = RA(i) ? addi_r : li;
    quicken(d, addi, h);
    h(c, i, d);
}

static void addis(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    ppc_handler h = RA(i) ? addis_r : lis;
    quicken(d, addis, h);
    h(c, i, d);
}

static void addic(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = add3(c, c->gpr[RA(i)], SIMM(i), 0, true, false);
    NEXT(c);
}

static void addic_rc(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    finish(c, RD(i), add3(c, c->gpr[RA(i)], SIMM(i), 0, true, false), true);
    NEXT(c);
}

static void subfic(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = add3(c, ~c->gpr[RA(i)], SIMM(i), 1, true, false);
    NEXT(c);
}

static void mulli(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = c->gpr[RA(i)] * SIMM(i);
    NEXT(c);
}

/* ---- compare ---- */

PPC_INLINE void compare_to(ppc_cpu *c, uint32_t i, bool is_signed, uint32_t a, uint32_t b)
{
    uint32_t f;
    if (is_signed)
        f = (int32_t)a < (int32_t)b ? 8 : (int32_t)a > (int32_t)b ? 4 : 2;
    else
        f = a < b ? 8 : a > b ? 4 : 2;
    set_cr_field(c, i >> 23 & 7, f | c->xer_so);
}

/* A compare is nearly always followed by the conditional branch that
 * tests it. Once that branch has been decoded, the compare's entry is
 * quickened to a handler that does both, without a dispatch between:
 * NAME_bc. While the next entry is not decoded yet, NAME keeps looking;
 * NAME_plain is the compare alone. */
#define COMPARE(name, is_signed, B)                                                                \
    static void name##_plain(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                 \
    {                                                                                              \
        compare_to(c, i, is_signed, c->gpr[RA(i)], (B));                                           \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void name##_bc(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                    \
    {                                                                                              \
        compare_to(c, i, is_signed, c->gpr[RA(i)], (B));                                           \
        c->pc += 4;                                                                                \
        ppc_dinsn *n = d + 1;                                                                      \
        if (likely(n->h == ppc_bc_true))                                                           \
            bc_cond(c, n->insn, n, true);                                                          \
        else if (likely(n->h == ppc_bc_false))                                                     \
            bc_cond(c, n->insn, n, false);                                                         \
        else                                                                                       \
            n->h(c, n->insn, n); /* the page was decoded again */                                  \
    }                                                                                              \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        ppc_handler next = d[1].h;                                                                 \
        if (d->h == name) {                                                                        \
            if (next == ppc_bc_true || next == ppc_bc_false)                                       \
                d->h = name##_bc;                                                                  \
            else if (next != ppc_decode_stub)                                                      \
                d->h = name##_plain;                                                               \
        }                                                                                          \
        name##_plain(c, i, d);                                                                     \
    }

COMPARE(cmp, true, c->gpr[RB(i)])
COMPARE(cmpl, false, c->gpr[RB(i)])
COMPARE(cmpi, true, SIMM(i))
COMPARE(cmpli, false, UIMM(i))

/* ---- logical ---- */

#define LOGIC_OPS(name, expr)                                                                      \
    PPC_INLINE void op_##name(ppc_cpu *c, uint32_t i, bool rc)                                     \
    {                                                                                              \
        uint32_t s = c->gpr[RS(i)], b = c->gpr[RB(i)];                                             \
        (void)b;                                                                                   \
        finish(c, RA(i), (expr), rc);                                                              \
    }                                                                                              \
    RC_HANDLERS(name, op_##name)
#define LOGIC(name, expr)                                                                          \
    LOGIC_OPS(name, expr)                                                                          \
    RC_SPLIT(name)

LOGIC(and, s &b)
LOGIC(andc, s & ~b)
LOGIC_OPS(or, s | b)

static void mr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RA(i)] = c->gpr[RS(i)];
    NEXT(c);
}

static void or_any(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    ppc_handler h = (i & 1) ? or_rc : RS(i) == RB(i) ? mr : or ;
    quicken(d, or_any, h);
    h(c, i, d);
}
LOGIC(orc, s | ~b)
LOGIC(xor, s ^ b)
LOGIC(nand, ~(s &b))
LOGIC(nor, ~(s | b))
LOGIC(eqv, ~(s ^ b))
LOGIC(extsb, (uint32_t)(int32_t)(int8_t)s)
LOGIC(extsh, (uint32_t)(int32_t)(int16_t)s)
LOGIC(cntlzw, s ? (uint32_t)__builtin_clz(s) : 32)

static void ori(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RA(i)] = c->gpr[RS(i)] | UIMM(i);
    NEXT(c);
}

static void oris(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RA(i)] = c->gpr[RS(i)] | i << 16;
    NEXT(c);
}

static void xori(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RA(i)] = c->gpr[RS(i)] ^ UIMM(i);
    NEXT(c);
}

static void xoris(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RA(i)] = c->gpr[RS(i)] ^ i << 16;
    NEXT(c);
}

static void andi_rc(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    finish(c, RA(i), c->gpr[RS(i)] & UIMM(i), true);
    NEXT(c);
}

static void andis_rc(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    finish(c, RA(i), c->gpr[RS(i)] & i << 16, true);
    NEXT(c);
}

/* ---- rotate ---- */

PPC_INLINE uint32_t rotl(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? v << n | v >> (32 - n) : v;
}

/* MASK(mb, me): ones from bit mb to bit me (IBM numbering, wrapping). */
PPC_INLINE uint32_t ppc_mask(unsigned mb, unsigned me)
{
    uint32_t a = 0xffffffffu >> mb, b = me == 31 ? 0xffffffffu : ~(0xffffffffu >> (me + 1));
    return mb <= me ? a & b : a | b;
}

PPC_INLINE void op_rlwinm(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t m = ppc_mask(i >> 6 & 31, i >> 1 & 31);
    finish(c, RA(i), rotl(c->gpr[RS(i)], i >> 11 & 31) & m, rc);
}

PPC_INLINE void op_rlwnm(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t m = ppc_mask(i >> 6 & 31, i >> 1 & 31);
    finish(c, RA(i), rotl(c->gpr[RS(i)], c->gpr[RB(i)] & 31) & m, rc);
}

PPC_INLINE void op_rlwimi(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t m = ppc_mask(i >> 6 & 31, i >> 1 & 31);
    uint32_t r = (rotl(c->gpr[RS(i)], i >> 11 & 31) & m) | (c->gpr[RA(i)] & ~m);
    finish(c, RA(i), r, rc);
}

RC_HANDLERS(rlwinm, op_rlwinm)
RC_HANDLERS(rlwnm, op_rlwnm)
RC_HANDLERS(rlwimi, op_rlwimi)

/* rlwinm without Rc, the mask precomputed in the decoded entry. */
static void rlwinm_q(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RA(i)] = rotl(c->gpr[RS(i)], i >> 11 & 31) & d->aux;
    NEXT(c);
}

static void rlwinm_any(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    if (i & 1) {
        quicken(d, rlwinm_any, rlwinm_rc);
        rlwinm_rc(c, i, d);
        return;
    }
    if (d->h == rlwinm_any) {
        d->aux = ppc_mask(i >> 6 & 31, i >> 1 & 31);
        d->h = rlwinm_q;
    }
    rlwinm(c, i, d);
}
RC_SPLIT(rlwnm)
RC_SPLIT(rlwimi)

/* ---- shifts ---- */

PPC_INLINE void op_slw(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t n = c->gpr[RB(i)] & 63;
    finish(c, RA(i), n > 31 ? 0 : c->gpr[RS(i)] << n, rc);
}

PPC_INLINE void op_srw(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t n = c->gpr[RB(i)] & 63;
    finish(c, RA(i), n > 31 ? 0 : c->gpr[RS(i)] >> n, rc);
}

/* sraw/srawi: CA is set when the result is negative and 1 bits were
 * shifted out. */
PPC_INLINE uint32_t do_sraw(ppc_cpu *c, uint32_t s, uint32_t n)
{
    int32_t v = (int32_t)s;
    if (n > 31) {
        c->xer_ca = v < 0;
        return v < 0 ? 0xffffffffu : 0;
    }
    uint32_t lost = n ? s & ((1u << n) - 1) : 0;
    c->xer_ca = v < 0 && lost;
    return (uint32_t)(v >> n);
}

PPC_INLINE void op_sraw(ppc_cpu *c, uint32_t i, bool rc)
{
    finish(c, RA(i), do_sraw(c, c->gpr[RS(i)], c->gpr[RB(i)] & 63), rc);
}

PPC_INLINE void op_srawi(ppc_cpu *c, uint32_t i, bool rc)
{
    finish(c, RA(i), do_sraw(c, c->gpr[RS(i)], i >> 11 & 31), rc);
}

RC_HANDLERS(slw, op_slw)
RC_HANDLERS(srw, op_srw)
RC_HANDLERS(sraw, op_sraw)
RC_HANDLERS(srawi, op_srawi)
RC_SPLIT(slw)
RC_SPLIT(srw)
RC_SPLIT(sraw)
RC_SPLIT(srawi)

/* ---- traps ---- */

PPC_INLINE bool trap_cond(unsigned to, uint32_t a, uint32_t b)
{
    return ((to & 16) && (int32_t)a < (int32_t)b) || ((to & 8) && (int32_t)a > (int32_t)b) ||
           ((to & 4) && a == b) || ((to & 2) && a < b) || ((to & 1) && a > b);
}

static void tw(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    if (trap_cond(RD(i), c->gpr[RA(i)], c->gpr[RB(i)])) ppc_program(c, PROG_TRAP);
    NEXT(c);
}

static void twi(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    if (trap_cond(RD(i), c->gpr[RA(i)], SIMM(i))) ppc_program(c, PROG_TRAP);
    NEXT(c);
}

/* rlwinm and friends take Rc from bit 31 like the X forms: primary opcode
 * handlers check it too. */
void ppc_ops_int_init(ppc_handler *t, const ppc_model_info *info)
{
    (void)info;
    ppc_set_primary(t, 3, twi);
    ppc_set_primary(t, 7, mulli);
    ppc_set_primary(t, 8, subfic);
    ppc_set_primary(t, 10, cmpli);
    ppc_set_primary(t, 11, cmpi);
    ppc_set_primary(t, 12, addic);
    ppc_set_primary(t, 13, addic_rc);
    ppc_set_primary(t, 14, addi);
    ppc_set_primary(t, 15, addis);
    ppc_set_primary(t, 20, rlwimi_any);
    ppc_set_primary(t, 21, rlwinm_any);
    ppc_set_primary(t, 23, rlwnm_any);
    ppc_set_primary(t, 24, ori);
    ppc_set_primary(t, 25, oris);
    ppc_set_primary(t, 26, xori);
    ppc_set_primary(t, 27, xoris);
    ppc_set_primary(t, 28, andi_rc);
    ppc_set_primary(t, 29, andis_rc);

    static const struct {
        unsigned xo;
        ppc_handler h, h_oe;
    } xo[] = {
        {266, add_any, add_oe_any},       {10, addc_any, addc_oe_any},
        {138, adde_any, adde_oe_any},     {202, addze_any, addze_oe_any},
        {234, addme_any, addme_oe_any},   {40, subf_any, subf_oe_any},
        {8, subfc_any, subfc_oe_any},     {136, subfe_any, subfe_oe_any},
        {200, subfze_any, subfze_oe_any}, {232, subfme_any, subfme_oe_any},
        {104, neg_any, neg_oe_any},       {235, mullw_any, mullw_oe_any},
        {75, mulhw_any, mulhw_oe_any},    {11, mulhwu_any, mulhwu_oe_any},
        {491, divw_any, divw_oe_any},     {459, divwu_any, divwu_oe_any},
    };
    for (size_t k = 0; k < sizeof(xo) / sizeof(xo[0]); k++) {
        ppc_set_ext(t, 31, xo[k].xo, xo[k].h);
        ppc_set_ext(t, 31, xo[k].xo | 0x200, xo[k].h_oe);
    }
    static const struct {
        unsigned xo;
        ppc_handler h;
    } x[] = {
        {28, and_any},    {60, andc_any}, {444, or_any},  {412, orc_any},   {316, xor_any},
        {476, nand_any},  {124, nor_any}, {284, eqv_any}, {954, extsb_any}, {922, extsh_any},
        {26, cntlzw_any}, {24, slw_any},  {536, srw_any}, {792, sraw_any},  {824, srawi_any},
        {0, cmp},         {32, cmpl},     {4, tw},
    };
    for (size_t k = 0; k < sizeof(x) / sizeof(x[0]); k++) ppc_set_ext(t, 31, x[k].xo, x[k].h);
}
