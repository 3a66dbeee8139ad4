/* The POWER instructions the 601 keeps for compatibility (MPC601UM
 * chapter 10; IBM "AIX Assembler Language Reference", one page per
 * instruction): abs, clcs, div, divs, doz, dozi, lscbx, maskg, maskir, mul,
 * nabs, rlmi, rrib and the MQ shifts sle, sleq, sliq, slliq, sllq, slq,
 * sraiq, sraq, sre, srea, sreq, sriq, srliq, srlq, srq. Other models leave
 * these opcodes illegal (the core installs this table for the 601 only).
 *
 * Choices where the documents leave the result open or disagree:
 * - abs: the AIX page's prose says the four forms "always affect" CA, but
 *   its own table lists only SO and OV (abso) and nothing says how CA would
 *   change; CA is left alone.
 * - mul.: CR0 LT/GT/EQ reflect the low word of the product (MQ), as the
 *   AIX page states and its mul. example (CR0 = GT for a negative rD)
 *   shows; SO is XER[SO] as usual.
 * - div/divs: -2^31 / -1 gives rD = 0x80000000 and MQ = 0 (documented);
 *   every other overflow (divisor 0, or a div quotient that does not fit
 *   in 32 bits), left undefined, gives the same. The "." forms set CR0
 *   from rD.
 * - clcs: the 601 has one 64-byte-line cache, so every RA code returns 64
 *   (codes other than 12-15 are undefined); clcs. sets CR0 from rD (the
 *   AIX page calls CR0 undefined).
 * - lscbx: the bytes of the last register written that receive no data are
 *   cleared (the AIX page leaves them undefined; lswx clears them); RA
 *   (when not r0) and RB are never written; lscbx. sets CR0[EQ] when the
 *   byte was found and clears LT and GT.
 * - The shift amount comes from bits 27-31 of rB; only sllq, slq, sraq,
 *   srlq and srq look at bit 26 ("shift by 32 or more").
 */
#include "ppc_internal.h"

/* ---- helpers ---- */

PPC_INLINE uint32_t rotl32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? v << n | v >> (32 - n) : v;
}

/* Ones from bit mb to bit me (IBM numbering), wrapping round when mb > me:
 * the rlmi/maskg mask (MB = ME + 1 gives all ones). */
PPC_INLINE uint32_t mask_mb_me(unsigned mb, unsigned me)
{
    uint32_t from_mb = 0xffffffffu >> mb;
    uint32_t to_me = 0xffffffffu << (31 - me);
    return mb <= me ? from_mb & to_me : from_mb | to_me;
}

/* MASK(0, 31 - n): the left shifts keep 32 - n bits. */
PPC_INLINE uint32_t mask_left(unsigned n)
{
    return 0xffffffffu << n;
}
/* MASK(n, 31): the right shifts keep 32 - n bits. */
PPC_INLINE uint32_t mask_right(unsigned n)
{
    return 0xffffffffu >> n;
}

PPC_INLINE void set_ov(ppc_cpu *c, bool ov)
{
    c->xer_ov = ov;
    c->xer_so |= ov;
}

PPC_INLINE void put(ppc_cpu *c, unsigned r, uint32_t v, bool rc)
{
    c->gpr[r] = v;
    if (rc) set_cr0(c, v);
}

/* One handler per X-form opcode; Rc (bit 31) lies outside the decode index,
 * so the handler tests it and both paths are compiled with a constant. */
#define X_HANDLER(name)                                                                            \
    static void op_##name(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                                 \
    {                                                                                              \
        if (insn & 1)                                                                              \
            name##_body(c, insn, true);                                                            \
        else                                                                                       \
            name##_body(c, insn, false);                                                           \
        NEXT(c);                                                                                   \
    }

/* XO forms: OE is bit 21, inside the decode index (xo | 0x200), so there
 * is a handler for each OE value; each tests Rc itself. */
#define XO_HANDLERS(name)                                                                          \
    static void op_##name(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                                 \
    {                                                                                              \
        if (insn & 1)                                                                              \
            name##_body(c, insn, false, true);                                                     \
        else                                                                                       \
            name##_body(c, insn, false, false);                                                    \
        NEXT(c);                                                                                   \
    }                                                                                              \
    static void op_##name##_o(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                             \
    {                                                                                              \
        if (insn & 1)                                                                              \
            name##_body(c, insn, true, true);                                                      \
        else                                                                                       \
            name##_body(c, insn, true, false);                                                     \
        NEXT(c);                                                                                   \
    }

/* ---- arithmetic ---- */

/* abs: |rA|; 0x80000000 stays 0x80000000 and is the only overflow. */
PPC_INLINE void abs_body(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    uint32_t a = c->gpr[RA(i)];
    if (oe) set_ov(c, a == 0x80000000u);
    put(c, RD(i), (int32_t)a < 0 ? 0u - a : a, rc);
}

/* nabs: -|rA|, which cannot overflow: OE clears OV and leaves SO. */
PPC_INLINE void nabs_body(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    uint32_t a = c->gpr[RA(i)];
    if (oe) c->xer_ov = 0;
    put(c, RD(i), (int32_t)a > 0 ? 0u - a : a, rc);
}

/* doz: rB - rA, or 0 when rA > rB (signed). Only a positive difference can
 * overflow. */
PPC_INLINE uint32_t difference_or_zero(ppc_cpu *c, uint32_t a, uint32_t b, bool oe)
{
    int64_t d = (int64_t)(int32_t)b - (int32_t)a;
    if (d < 0) {
        if (oe) set_ov(c, false);
        return 0;
    }
    if (oe) set_ov(c, d > INT32_MAX);
    return (uint32_t)d;
}

PPC_INLINE void doz_body(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    put(c, RD(i), difference_or_zero(c, c->gpr[RA(i)], c->gpr[RB(i)], oe), rc);
}

/* dozi: D-form, no OE, no Rc. */
static void op_dozi(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = difference_or_zero(c, c->gpr[RA(i)], SIMM(i), false);
    NEXT(c);
}

/* mul: the 64-bit signed product; rD gets the high word, MQ the low one.
 * OV: the product does not fit in 32 bits. CR0 reflects MQ. */
PPC_INLINE void mul_body(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    int64_t p = (int64_t)(int32_t)c->gpr[RA(i)] * (int32_t)c->gpr[RB(i)];
    uint32_t lo = (uint32_t)p;
    c->gpr[RD(i)] = (uint32_t)((uint64_t)p >> 32);
    c->mq = lo;
    if (oe) set_ov(c, p != (int64_t)(int32_t)lo);
    if (rc) set_cr0(c, lo);
}

/* The quotient and remainder of a signed division into rD and MQ; the
 * remainder takes the dividend's sign (C's truncating division). */
PPC_INLINE void divide(ppc_cpu *c, uint32_t i, int64_t dividend, bool oe, bool rc)
{
    int32_t divisor = (int32_t)c->gpr[RB(i)];
    int64_t q = 0;
    bool overflow = divisor == 0;
    if (!overflow) {
        /* rA || MQ = 0x80000000_00000000 over -1 overflows even in 64 bits. */
        if (dividend == INT64_MIN && divisor == -1)
            overflow = true;
        else {
            q = dividend / divisor;
            overflow = q != (int64_t)(int32_t)q;
        }
    }
    uint32_t qd, r;
    if (overflow) {
        qd = 0x80000000u;
        r = 0;
    } else {
        qd = (uint32_t)q;
        r = (uint32_t)(dividend - q * divisor);
    }
    c->gpr[RD(i)] = qd;
    c->mq = r;
    if (oe) set_ov(c, overflow);
    if (rc) set_cr0(c, qd);
}

/* div: (rA || MQ) / rB. */
PPC_INLINE void div_body(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    uint64_t dividend = (uint64_t)c->gpr[RA(i)] << 32 | c->mq;
    divide(c, i, (int64_t)dividend, oe, rc);
}

/* divs: rA / rB. */
PPC_INLINE void divs_body(ppc_cpu *c, uint32_t i, bool oe, bool rc)
{
    divide(c, i, (int32_t)c->gpr[RA(i)], oe, rc);
}

XO_HANDLERS(abs)
XO_HANDLERS(nabs)
XO_HANDLERS(doz)
XO_HANDLERS(mul)
XO_HANDLERS(div)
XO_HANDLERS(divs)

/* clcs: the RA field (not a register) selects which line size. */
PPC_INLINE void clcs_body(ppc_cpu *c, uint32_t i, bool rc)
{
    put(c, RD(i), 64, rc);
}

/* ---- lscbx ---- */

/* Loads up to XER[25-31] bytes from (rA|0) + rB into rD, rD+1, ... (wrapping
 * to r0), left to right, stopping after the byte equal to XER[16-23]. XER
 * [25-31] becomes the number of bytes loaded, the matching one included. */
PPC_INLINE void lscbx_body(ppc_cpu *c, uint32_t i, bool rc)
{
    unsigned ra = RA(i), rb = RB(i);
    uint32_t ea = (ra ? c->gpr[ra] : 0) + c->gpr[rb];
    unsigned n = c->xer_bc & 0x7f;
    uint32_t match = c->xer_bc >> 8 & 0xff;
    unsigned reg = RD(i), done = 0;
    uint32_t word = 0;
    bool found = false;
    while (done < n) {
        uint32_t b = ld8(c, ea + done);
        unsigned pos = done & 3;
        word = pos ? word | b << (24 - 8 * pos) : b << 24;
        /* A restarted lscbx needs its address registers intact. */
        if (reg != rb && (ra == 0 || reg != ra)) c->gpr[reg] = word;
        done++;
        if (b == match) {
            found = true;
            break;
        }
        if ((done & 3) == 0) reg = (reg + 1) & 31;
    }
    c->xer_bc = (c->xer_bc & ~0x7fu) | done;
    if (rc) set_cr_field(c, 0, (found ? 2u : 0u) | c->xer_so);
}

/* ---- masks and rotates ---- */

/* maskg: the mask from bit rS[27-31] to bit rB[27-31]. */
PPC_INLINE void maskg_body(ppc_cpu *c, uint32_t i, bool rc)
{
    put(c, RA(i), mask_mb_me(c->gpr[RS(i)] & 31, c->gpr[RB(i)] & 31), rc);
}

/* maskir: rS inserted into rA where rB has ones. */
PPC_INLINE void maskir_body(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t m = c->gpr[RB(i)];
    put(c, RA(i), (c->gpr[RS(i)] & m) | (c->gpr[RA(i)] & ~m), rc);
}

/* rlmi (M-form, primary 22): rS rotated left by rB[27-31], inserted into rA
 * under MASK(MB, ME). */
PPC_INLINE void rlmi_body(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t m = mask_mb_me(i >> 6 & 31, i >> 1 & 31);
    uint32_t r = rotl32(c->gpr[RS(i)], c->gpr[RB(i)] & 31);
    put(c, RA(i), (r & m) | (c->gpr[RA(i)] & ~m), rc);
}

/* rrib: bit 0 of rS rotated right by rB[27-31] into the same bit of rA. */
PPC_INLINE void rrib_body(ppc_cpu *c, uint32_t i, bool rc)
{
    unsigned n = c->gpr[RB(i)] & 31;
    uint32_t m = 0x80000000u >> n;
    put(c, RA(i), (c->gpr[RA(i)] & ~m) | ((c->gpr[RS(i)] & 0x80000000u) >> n), rc);
}

/* ---- shifts with MQ ----
 * Left shifts rotate rS left by n and keep MASK(0, 31 - n); right shifts
 * rotate it left by 32 - n and keep MASK(n, 31). The "extended" forms (sle,
 * sre, srea and the immediates sliq, sriq, sraiq) leave the rotated word in
 * MQ; the "with MQ" merges (sleq, sreq and the immediates slliq, srliq)
 * fill the bits outside the mask from MQ and then put the rotated word in
 * MQ; the "long" forms sllq and srlq merge without writing MQ, and with
 * rB[26] set they give MQ under the mask (the previous word shifted by
 * 32 + n, when MQ holds it rotated). */

PPC_INLINE unsigned shift_of(uint32_t rb)
{
    return rb & 31;
}
PPC_INLINE bool over_31(uint32_t rb)
{
    return (rb & 0x20) != 0;
}

/* sle / sliq */
PPC_INLINE void shift_left_ext(ppc_cpu *c, uint32_t i, unsigned n, bool rc)
{
    uint32_t r = rotl32(c->gpr[RS(i)], n);
    c->mq = r;
    put(c, RA(i), r & mask_left(n), rc);
}

/* sleq / slliq */
PPC_INLINE void shift_left_ext_mq(ppc_cpu *c, uint32_t i, unsigned n, bool rc)
{
    uint32_t r = rotl32(c->gpr[RS(i)], n), m = mask_left(n);
    uint32_t v = (r & m) | (c->mq & ~m);
    c->mq = r;
    put(c, RA(i), v, rc);
}

/* sre / sriq */
PPC_INLINE void shift_right_ext(ppc_cpu *c, uint32_t i, unsigned n, bool rc)
{
    uint32_t r = rotl32(c->gpr[RS(i)], 32 - n);
    c->mq = r;
    put(c, RA(i), r & mask_right(n), rc);
}

/* sreq / srliq */
PPC_INLINE void shift_right_ext_mq(ppc_cpu *c, uint32_t i, unsigned n, bool rc)
{
    uint32_t r = rotl32(c->gpr[RS(i)], 32 - n), m = mask_right(n);
    uint32_t v = (r & m) | (c->mq & ~m);
    c->mq = r;
    put(c, RA(i), v, rc);
}

/* srea / sraiq / sraq: the bits outside the mask are copies of the sign;
 * CA = sign AND (any 1 bit shifted out). */
PPC_INLINE void shift_right_alg(ppc_cpu *c, uint32_t i, uint32_t r, uint32_t m, bool rc)
{
    uint32_t s = (int32_t)c->gpr[RS(i)] < 0 ? 0xffffffffu : 0;
    c->mq = r;
    c->xer_ca = s && (r & ~m) != 0;
    put(c, RA(i), (r & m) | (s & ~m), rc);
}

PPC_INLINE void sle_body(ppc_cpu *c, uint32_t i, bool rc)
{
    shift_left_ext(c, i, shift_of(c->gpr[RB(i)]), rc);
}
PPC_INLINE void sliq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    shift_left_ext(c, i, RB(i), rc);
}
PPC_INLINE void sleq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    shift_left_ext_mq(c, i, shift_of(c->gpr[RB(i)]), rc);
}
PPC_INLINE void slliq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    shift_left_ext_mq(c, i, RB(i), rc);
}
PPC_INLINE void sre_body(ppc_cpu *c, uint32_t i, bool rc)
{
    shift_right_ext(c, i, shift_of(c->gpr[RB(i)]), rc);
}
PPC_INLINE void sriq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    shift_right_ext(c, i, RB(i), rc);
}
PPC_INLINE void sreq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    shift_right_ext_mq(c, i, shift_of(c->gpr[RB(i)]), rc);
}
PPC_INLINE void srliq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    shift_right_ext_mq(c, i, RB(i), rc);
}

PPC_INLINE void srea_body(ppc_cpu *c, uint32_t i, bool rc)
{
    unsigned n = shift_of(c->gpr[RB(i)]);
    shift_right_alg(c, i, rotl32(c->gpr[RS(i)], 32 - n), mask_right(n), rc);
}

PPC_INLINE void sraiq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    unsigned n = RB(i);
    shift_right_alg(c, i, rotl32(c->gpr[RS(i)], 32 - n), mask_right(n), rc);
}

/* sraq: with rB[26] set the mask is empty: the result is all sign bits. */
PPC_INLINE void sraq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t rb = c->gpr[RB(i)];
    unsigned n = shift_of(rb);
    shift_right_alg(c, i, rotl32(c->gpr[RS(i)], 32 - n), over_31(rb) ? 0 : mask_right(n), rc);
}

/* slq / srq: with rB[26] set the mask is empty (the result is 0); MQ gets
 * the rotated word either way. */
PPC_INLINE void slq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t rb = c->gpr[RB(i)];
    unsigned n = shift_of(rb);
    uint32_t r = rotl32(c->gpr[RS(i)], n);
    c->mq = r;
    put(c, RA(i), over_31(rb) ? 0 : r & mask_left(n), rc);
}

PPC_INLINE void srq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t rb = c->gpr[RB(i)];
    unsigned n = shift_of(rb);
    uint32_t r = rotl32(c->gpr[RS(i)], 32 - n);
    c->mq = r;
    put(c, RA(i), over_31(rb) ? 0 : r & mask_right(n), rc);
}

/* sllq / srlq: MQ is read, never written. */
PPC_INLINE void sllq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t rb = c->gpr[RB(i)];
    unsigned n = shift_of(rb);
    uint32_t m = mask_left(n);
    uint32_t v = over_31(rb) ? c->mq & m : (rotl32(c->gpr[RS(i)], n) & m) | (c->mq & ~m);
    put(c, RA(i), v, rc);
}

PPC_INLINE void srlq_body(ppc_cpu *c, uint32_t i, bool rc)
{
    uint32_t rb = c->gpr[RB(i)];
    unsigned n = shift_of(rb);
    uint32_t m = mask_right(n);
    uint32_t v = over_31(rb) ? c->mq & m : (rotl32(c->gpr[RS(i)], 32 - n) & m) | (c->mq & ~m);
    put(c, RA(i), v, rc);
}

X_HANDLER(clcs)
X_HANDLER(lscbx)
X_HANDLER(maskg)
X_HANDLER(maskir)
X_HANDLER(rlmi)
X_HANDLER(rrib)
X_HANDLER(sle)
X_HANDLER(sleq)
X_HANDLER(sliq)
X_HANDLER(slliq)
X_HANDLER(sllq)
X_HANDLER(slq)
X_HANDLER(sraiq)
X_HANDLER(sraq)
X_HANDLER(sre)
X_HANDLER(srea)
X_HANDLER(sreq)
X_HANDLER(sriq)
X_HANDLER(srliq)
X_HANDLER(srlq)
X_HANDLER(srq)

/* Extended opcodes under primary 31 (MPC601UM chapter 10; the AIX pages
 * give the same numbers). */
void ppc_ops_power_init(ppc_handler *t, const ppc_model_info *info)
{
    (void)info;
    ppc_set_primary(t, 9, op_dozi);
    ppc_set_primary(t, 22, op_rlmi);

    static const struct {
        unsigned xo;
        ppc_handler h, h_oe;
    } xo[] = {
        {360, op_abs, op_abs_o}, {488, op_nabs, op_nabs_o}, {264, op_doz, op_doz_o},
        {107, op_mul, op_mul_o}, {331, op_div, op_div_o},   {363, op_divs, op_divs_o},
    };
    for (size_t k = 0; k < sizeof(xo) / sizeof(xo[0]); k++) {
        ppc_set_ext(t, 31, xo[k].xo, xo[k].h);
        ppc_set_ext(t, 31, xo[k].xo | 0x200, xo[k].h_oe);
    }

    static const struct {
        unsigned xo;
        ppc_handler h;
    } x[] = {
        {531, op_clcs}, {277, op_lscbx}, {29, op_maskg},  {541, op_maskir}, {537, op_rrib},
        {153, op_sle},  {217, op_sleq},  {184, op_sliq},  {248, op_slliq},  {216, op_sllq},
        {152, op_slq},  {952, op_sraiq}, {920, op_sraq},  {665, op_sre},    {921, op_srea},
        {729, op_sreq}, {696, op_sriq},  {760, op_srliq}, {728, op_srlq},   {664, op_srq},
    };
    for (size_t k = 0; k < sizeof(x) / sizeof(x[0]); k++) ppc_set_ext(t, 31, x[k].xo, x[k].h);
}
