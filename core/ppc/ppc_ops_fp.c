/* Floating-point instructions: the handlers around the FPU module
 * (ppc_fpu.c), which computes results and FPSCR updates exactly.
 * MPCFPE32B chapter 4.2.2 and 4.6: every FP instruction, loads and stores
 * included, needs MSR[FP]; an arithmetic instruction that sets FPSCR[FEX]
 * with MSR[FE0] or [FE1] set takes the program exception (bit 11), here
 * always in precise mode; the "." forms copy FPSCR[FX,FEX,VX,OX] to CR1. */
#include "ppc_internal.h"

#include "ppc_fpu.h"
#include "ppc_fpu_host.h"

#include <string.h>

#define FRD(i) RD(i)
#define FRA(i) RA(i)
#define FRB(i) RB(i)
#define FRC(i) RC(i)

PPC_INLINE void fp_finish(ppc_cpu *c, uint32_t i)
{
    if (i & 1) set_cr_field(c, 1, c->fpscr >> 28);
    if (unlikely((c->fpscr & PPC_FPSCR_FEX) && (c->msr & (MSR_FE0 | MSR_FE1))))
        ppc_program(c, PROG_FP);
}

/* ---- arithmetic ---- */

PPC_INLINE void arith(ppc_cpu *c, uint32_t i, ppc_fop op, bool single)
{
    require_fp(c);
    ppc_fp_sync(c);
    uint64_t r;
    if (ppc_fpu_arith(&c->fpscr, op, single, c->fpr[FRA(i)], c->fpr[FRB(i)], c->fpr[FRC(i)], &r))
        c->fpr[FRD(i)] = r;
    fp_finish(c, i);
}

#define ARITH(name, op, single)                                                                    \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        arith(c, i, op, single);                                                                   \
        NEXT(c);                                                                                   \
    }

/* ---- the lazy FPSCR ----
 *
 * Once XX is set (as it is after the first inexact operation of almost
 * any program), an operation on finite operands whose result is normal
 * and finite in its format changes nothing in the FPSCR but FPRF, FR and
 * FI: no exception can occur, XX is already set, so FX stays. The host
 * FPU computes such a result (round to nearest, NI = 0, no enabled
 * inexact exception), and the instruction's operands are kept; the three
 * fields are computed from them, exactly, only when something reads the
 * FPSCR. Anything else takes the exact path at once. */

#define LAZY_FPSCR_MASK (PPC_FPSCR_FEX | PPC_FPSCR_RN | PPC_FPSCR_NI | PPC_FPSCR_XE | PPC_FPSCR_XX)
#define LAZY_MULT_LOW   0x0FFFFFFFull /* frC bits the 750 rounds away in single multiplies */
#define LAZY_SINGLE_LOW 0x1FFFFFFFull /* double fraction bits below single precision */

/* The FPSCR with the recorded operation applied, and the FPCC of an
 * fcmpu that followed it. */
static uint32_t lazy_apply(const ppc_cpu *c, uint32_t f)
{
    uint64_t r;
    ppc_fpu_arith(&f, (ppc_fop)c->lazy_op, c->lazy_single, c->lazy_a, c->lazy_b, c->lazy_c, &r);
    if (c->lazy_fpcc) f = (f & ~PPC_FPSCR_FPCC) | (uint32_t)c->lazy_fpcc << 12;
    return f;
}

void ppc_fp_materialize(ppc_cpu *c)
{
    c->fpscr = lazy_apply(c, c->fpscr);
    c->fp_lazy = false;
}

uint32_t ppc_fpscr_value(const ppc_cpu *c)
{
    return c->fp_lazy ? lazy_apply(c, c->fpscr) : c->fpscr;
}

static inline double bits_to_double(uint64_t v)
{
    double d;
    memcpy(&d, &v, sizeof(d));
    return d;
}

static inline uint64_t double_to_bits(double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof(v));
    return v;
}

/* The host result r (double precision, rounded once) of a lazy-eligible
 * operation is final if it is normal; a single-precision result is final
 * if rounding r to single cannot differ from rounding the exact value
 * (r is not a single halfway point) and the single is normal. */
PPC_INLINE bool lazy_result(double r, bool single, bool zero_exact, uint64_t *out)
{
    if (r == 0) {
        /* A zero is final when the operation cannot have underflowed to
         * it: the caller knows (zero_exact). */
        if (!zero_exact) return false;
        *out = double_to_bits(single ? (double)(float)r : r);
        return true;
    }
    if (!single) {
        double m = __builtin_fabs(r);
        if (!(m > DBL_MIN && m <= DBL_MAX)) return false;
        *out = double_to_bits(r);
        return true;
    }
    if ((double_to_bits(r) & LAZY_SINGLE_LOW) == 0x10000000u) return false;
    float rs = (float)r;
    float m = __builtin_fabsf(rs);
    if (!(m > FLT_MIN && m <= FLT_MAX)) return false;
    *out = double_to_bits((double)rs);
    return true;
}

PPC_INLINE void lazy_record(ppc_cpu *c, ppc_fop op, bool single, uint64_t a, uint64_t b,
                            uint64_t cc)
{
    c->lazy_op = (uint8_t)op;
    c->lazy_single = single;
    c->lazy_a = a;
    c->lazy_b = b;
    c->lazy_c = cc;
    c->lazy_fpcc = 0;
    c->fp_lazy = true;
}

/* Lazy handlers: EXPR computes the double result from x (frA), y (frB)
 * and z (frC). Rc = 1 forms go the exact way (they copy FPSCR bits). */
#define LAZY_ARITH(name, op, single, uses_c, EXPR, ZERO)                                           \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        require_fp(c);                                                                             \
        if (likely((c->fpscr & LAZY_FPSCR_MASK) == PPC_FPSCR_XX && !(i & 1))) {                    \
            uint64_t a = c->fpr[FRA(i)], b = c->fpr[FRB(i)], cc = c->fpr[FRC(i)];                  \
            if (!(single && uses_c && (cc & LAZY_MULT_LOW))) {                                     \
                double x = bits_to_double(a), y = bits_to_double(b), z = bits_to_double(cc);       \
                (void)x, (void)y, (void)z;                                                         \
                uint64_t r;                                                                        \
                if (likely(lazy_result((EXPR), single, (ZERO), &r))) {                             \
                    lazy_record(c, op, single, a, b, cc);                                          \
                    c->fpr[FRD(i)] = r;                                                            \
                    NEXT(c);                                                                       \
                    return;                                                                        \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
        arith(c, i, op, single);                                                                   \
        NEXT(c);                                                                                   \
    }

#if FPU_FAST_PATH
/* The fused forms need the host's fused multiply-add. */
#define LAZY_FMA(name, op, single, EXPR, ZERO)                                                     \
    FAST_ATTR static void name##_fma(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                         \
    {                                                                                              \
        require_fp(c);                                                                             \
        if (likely((c->fpscr & LAZY_FPSCR_MASK) == PPC_FPSCR_XX && !(i & 1))) {                    \
            uint64_t a = c->fpr[FRA(i)], b = c->fpr[FRB(i)], cc = c->fpr[FRC(i)];                  \
            if (!(single && (cc & LAZY_MULT_LOW))) {                                               \
                double x = bits_to_double(a), y = bits_to_double(b), z = bits_to_double(cc);       \
                uint64_t r;                                                                        \
                if (likely(lazy_result((EXPR), single, (ZERO), &r))) {                             \
                    lazy_record(c, op, single, a, b, cc);                                          \
                    c->fpr[FRD(i)] = r;                                                            \
                    NEXT(c);                                                                       \
                    return;                                                                        \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
        arith(c, i, op, single);                                                                   \
        NEXT(c);                                                                                   \
    }                                                                                              \
    ARITH(name, op, single)
#define FMA_HANDLER(name) (host_fma ? name##_fma : name)
#else
#define LAZY_FMA(name, op, single, EXPR, ZERO) ARITH(name, op, single)
#define FMA_HANDLER(name)                      (name)
#endif

/* Exact zeros: a sum of doubles is zero only by exact cancellation; a
 * product or quotient, or a fused product plus zero, only from a zero
 * operand. */
#define Z_SUM true
#define Z_MUL (x == 0 || z == 0)
#define Z_DIV (x == 0)
#define Z_FMA ((x == 0 || z == 0) && y == 0)
LAZY_ARITH(fadd, PPC_FOP_ADD, false, false, x + y, Z_SUM)
LAZY_ARITH(fsub, PPC_FOP_SUB, false, false, x - y, Z_SUM)
LAZY_ARITH(fmul, PPC_FOP_MUL, false, true, x *z, Z_MUL)
LAZY_ARITH(fdiv, PPC_FOP_DIV, false, false, x / y, Z_DIV)
LAZY_ARITH(fadds, PPC_FOP_ADD, true, false, x + y, Z_SUM)
LAZY_ARITH(fsubs, PPC_FOP_SUB, true, false, x - y, Z_SUM)
LAZY_ARITH(fmuls, PPC_FOP_MUL, true, true, x *z, Z_MUL)
LAZY_ARITH(fdivs, PPC_FOP_DIV, true, false, x / y, Z_DIV)
LAZY_ARITH(frsp, PPC_FOP_FRSP, true, false, y, Z_SUM)
LAZY_FMA(fmadd, PPC_FOP_MADD, false, host_fma(x, z, y), Z_FMA)
LAZY_FMA(fmsub, PPC_FOP_MSUB, false, host_fma(x, z, -y), Z_FMA)
LAZY_FMA(fnmadd, PPC_FOP_NMADD, false, -host_fma(x, z, y), Z_FMA)
LAZY_FMA(fnmsub, PPC_FOP_NMSUB, false, -host_fma(x, z, -y), Z_FMA)
LAZY_FMA(fmadds, PPC_FOP_MADD, true, host_fma(x, z, y), Z_FMA)
LAZY_FMA(fmsubs, PPC_FOP_MSUB, true, host_fma(x, z, -y), Z_FMA)
LAZY_FMA(fnmadds, PPC_FOP_NMADD, true, -host_fma(x, z, y), Z_FMA)
LAZY_FMA(fnmsubs, PPC_FOP_NMSUB, true, -host_fma(x, z, -y), Z_FMA)
ARITH(fctiw, PPC_FOP_FCTIW, false)
ARITH(fctiwz, PPC_FOP_FCTIWZ, false)
ARITH(fres, PPC_FOP_FRES, true)
ARITH(frsqrte, PPC_FOP_FRSQRTE, false)
ARITH(fsel, PPC_FOP_FSEL, false)

/* ---- moves (no FPSCR change) ---- */

#define MOVE(name, expr)                                                                           \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        require_fp(c);                                                                             \
        uint64_t b = c->fpr[FRB(i)];                                                               \
        c->fpr[FRD(i)] = (expr);                                                                   \
        if (i & 1) set_cr_field(c, 1, ppc_fpscr_value(c) >> 28);                                   \
        NEXT(c);                                                                                   \
    }

MOVE(fmr, b)
MOVE(fneg, b ^ 0x8000000000000000ull)
MOVE(fabs_, b & ~0x8000000000000000ull)
MOVE(fnabs, b | 0x8000000000000000ull)

/* ---- compare ---- */

static void fcmpu(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_fp(c);
    uint64_t a = c->fpr[FRA(i)], b = c->fpr[FRB(i)];
    const uint64_t inf = 0x7ff0000000000000ull;
    if (likely((a << 1 >> 1) <= inf && (b << 1 >> 1) <= inf && !(c->fpscr & PPC_FPSCR_FEX))) {
        /* No NaN: only FPCC changes (after a lazy operation, on top of it). */
        double x = bits_to_double(a), y = bits_to_double(b);
        unsigned f = x < y ? 8 : x > y ? 4 : 2;
        if (c->fp_lazy)
            c->lazy_fpcc = (uint8_t)f;
        else
            c->fpscr = (c->fpscr & ~PPC_FPSCR_FPCC) | f << 12;
        set_cr_field(c, i >> 23 & 7, f);
        NEXT(c);
        return;
    }
    ppc_fp_sync(c);
    unsigned f = ppc_fpu_compare(&c->fpscr, false, c->fpr[FRA(i)], c->fpr[FRB(i)]);
    set_cr_field(c, i >> 23 & 7, f);
    fp_finish(c, i & ~1u);
    NEXT(c);
}

static void fcmpo(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_fp(c);
    ppc_fp_sync(c);
    unsigned f = ppc_fpu_compare(&c->fpscr, true, c->fpr[FRA(i)], c->fpr[FRB(i)]);
    set_cr_field(c, i >> 23 & 7, f);
    fp_finish(c, i & ~1u);
    NEXT(c);
}

/* ---- FPSCR ---- */

/* An FPSCR write: FX is set by any exception bit going from 0 to 1 (but
 * mtfsf/mtfsfi/mtfsb write FX directly, see each), FEX and VX are
 * recomputed. */
PPC_INLINE void fpscr_store(ppc_cpu *c, uint32_t v)
{
    c->fpscr = ppc_fpu_fpscr_summaries(v);
}

static void mffs(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_fp(c);
    ppc_fp_sync(c);
    /* The upper word reads as 0xFFF80000 on these CPUs. */
    c->fpr[FRD(i)] = 0xfff8000000000000ull | c->fpscr;
    if (i & 1) set_cr_field(c, 1, c->fpscr >> 28);
    NEXT(c);
}

/* Exception bits set by software also set FX when they go from 0 to 1. */
#define FPSCR_EXC_BITS 0x1ff80700u /* OX UX ZX XX VXSNAN..VXVC VXSOFT VXSQRT VXCVI */

static void mtfsf(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_fp(c);
    ppc_fp_sync(c);
    unsigned fm = i >> 17 & 0xff;
    uint32_t mask = 0;
    for (unsigned f = 0; f < 8; f++)
        if (fm & (0x80 >> f)) mask |= 0xf0000000u >> (4 * f);
    uint32_t nv = (c->fpscr & ~mask) | ((uint32_t)c->fpr[FRB(i)] & mask);
    /* FEX and VX cannot be written: they are summaries. */
    fpscr_store(c, nv);
    fp_finish(c, i);
    NEXT(c);
}

static void mtfsfi(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_fp(c);
    ppc_fp_sync(c);
    unsigned field = i >> 23 & 7;
    uint32_t imm = i >> 12 & 15;
    unsigned sh = 28 - 4 * field;
    uint32_t nv = (c->fpscr & ~(0xfu << sh)) | imm << sh;
    fpscr_store(c, nv);
    fp_finish(c, i);
    NEXT(c);
}

static void mtfsb0(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_fp(c);
    ppc_fp_sync(c);
    unsigned bit = RD(i);
    /* Bits 1 (FEX) and 2 (VX) cannot be cleared directly. */
    if (bit != 1 && bit != 2) fpscr_store(c, c->fpscr & ~(0x80000000u >> bit));
    fp_finish(c, i);
    NEXT(c);
}

static void mtfsb1(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_fp(c);
    ppc_fp_sync(c);
    unsigned bit = RD(i);
    uint32_t m = 0x80000000u >> bit;
    if (bit != 1 && bit != 2) {
        uint32_t nv = c->fpscr | m;
        if ((m & FPSCR_EXC_BITS) && !(c->fpscr & m)) nv |= PPC_FPSCR_FX;
        fpscr_store(c, nv);
    }
    fp_finish(c, i);
    NEXT(c);
}

/* mcrfs: copy an FPSCR field to a CR field and clear the exception bits
 * in it (FX, OX and the sticky exception bits; not FEX, VX or FPRF). */
static void mcrfs(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_fp(c);
    ppc_fp_sync(c);
    unsigned src = i >> 18 & 7;
    unsigned sh = 28 - 4 * src;
    set_cr_field(c, i >> 23 & 7, c->fpscr >> sh & 15);
    uint32_t clear = (0xfu << sh) & (FPSCR_EXC_BITS | PPC_FPSCR_FX);
    fpscr_store(c, c->fpscr & ~clear);
    NEXT(c);
}

/* ---- loads and stores ---- */

PPC_INLINE uint32_t ea_d(const ppc_cpu *c, uint32_t i)
{
    unsigned ra = RA(i);
    return (ra ? c->gpr[ra] : 0) + SIMM(i);
}

PPC_INLINE uint32_t ea_x(const ppc_cpu *c, uint32_t i)
{
    unsigned ra = RA(i);
    return (ra ? c->gpr[ra] : 0) + c->gpr[RB(i)];
}

/* Single to double and back for the common cases (normal numbers, and
 * zeros or large values on the way out); the rest in ppc_fpu.c. */
PPC_INLINE uint64_t load_single(uint32_t w)
{
    unsigned e = (w >> 23) & 0xff;
    if (likely(e != 0 && e != 0xff))
        return (uint64_t)(w >> 31) << 63 | (uint64_t)(e + 1023 - 127) << 52 |
               (uint64_t)(w & 0x7fffff) << 29;
    return ppc_fpu_load_single(w);
}

PPC_INLINE uint32_t store_single(uint64_t v)
{
    if (likely(((v >> 52) & 0x7ff) > 896))
        return (uint32_t)(v >> 32 & 0xc0000000u) | (uint32_t)(v >> 29 & 0x3fffffffu);
    return ppc_fpu_store_single(v);
}

/* As for the integer forms: a frameless fast handler for a hit in the
 * data translation cache, a slow twin for everything else. */
#define FLOAD(name, ea_expr, update, single)                                                       \
    static __attribute__((noinline)) void name##_slow(ppc_cpu *c, uint32_t i, ppc_dinsn *d)        \
    {                                                                                              \
        require_fp(c);                                                                             \
        uint32_t ea = (ea_expr);                                                                   \
        uint64_t v = single ? load_single(ld32(c, ea)) : ld64(c, ea);                              \
        if (update) c->gpr[RA(i)] = ea;                                                            \
        c->fpr[FRD(i)] = v;                                                                        \
        NEXT_CHECK(c);                                                                             \
    }                                                                                              \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        uint32_t ea = (ea_expr);                                                                   \
        const uint8_t *p = probe_r(c, ea, single ? 4 : 8);                                         \
        if (unlikely(!p || !(c->msr & MSR_FP))) {                                                  \
            name##_slow(c, i, d);                                                                  \
            return;                                                                                \
        }                                                                                          \
        uint64_t v = single ? load_single(load_be32(p)) : load_be64(p);                            \
        if (update) c->gpr[RA(i)] = ea;                                                            \
        c->fpr[FRD(i)] = v;                                                                        \
        NEXT(c);                                                                                   \
    }

#define FSTORE(name, ea_expr, update, single)                                                      \
    static __attribute__((noinline)) void name##_slow(ppc_cpu *c, uint32_t i, ppc_dinsn *d)        \
    {                                                                                              \
        require_fp(c);                                                                             \
        uint32_t ea = (ea_expr);                                                                   \
        uint64_t v = c->fpr[RS(i)];                                                                \
        if (single)                                                                                \
            st32(c, ea, store_single(v));                                                          \
        else                                                                                       \
            st64(c, ea, v);                                                                        \
        if (update) c->gpr[RA(i)] = ea;                                                            \
        NEXT_CHECK(c);                                                                             \
    }                                                                                              \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        uint32_t ea = (ea_expr);                                                                   \
        uint8_t *p = probe_w(c, ea, single ? 4 : 8);                                               \
        if (unlikely(!p || !(c->msr & MSR_FP))) {                                                  \
            name##_slow(c, i, d);                                                                  \
            return;                                                                                \
        }                                                                                          \
        uint64_t v = c->fpr[RS(i)];                                                                \
        if (single)                                                                                \
            store_be32(p, store_single(v));                                                        \
        else                                                                                       \
            store_be64(p, v);                                                                      \
        if (update) c->gpr[RA(i)] = ea;                                                            \
        NEXT(c);                                                                                   \
    }

FLOAD(lfs, ea_d(c, i), false, true)
FLOAD(lfsu, c->gpr[RA(i)] + SIMM(i), true, true)
FLOAD(lfsx, ea_x(c, i), false, true)
FLOAD(lfsux, c->gpr[RA(i)] + c->gpr[RB(i)], true, true)
FLOAD(lfd, ea_d(c, i), false, false)
FLOAD(lfdu, c->gpr[RA(i)] + SIMM(i), true, false)
FLOAD(lfdx, ea_x(c, i), false, false)
FLOAD(lfdux, c->gpr[RA(i)] + c->gpr[RB(i)], true, false)
FSTORE(stfs, ea_d(c, i), false, true)
FSTORE(stfsu, c->gpr[RA(i)] + SIMM(i), true, true)
FSTORE(stfsx, ea_x(c, i), false, true)
FSTORE(stfsux, c->gpr[RA(i)] + c->gpr[RB(i)], true, true)
FSTORE(stfd, ea_d(c, i), false, false)
FSTORE(stfdu, c->gpr[RA(i)] + SIMM(i), true, false)
FSTORE(stfdx, ea_x(c, i), false, false)
FSTORE(stfdux, c->gpr[RA(i)] + c->gpr[RB(i)], true, false)

/* stfiwx: the low word of frS, as is. */
static void stfiwx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_fp(c);
    st32(c, ea_x(c, i), (uint32_t)c->fpr[RS(i)]);
    NEXT(c);
}

void ppc_ops_fp_init(ppc_handler *t, const ppc_model_info *info)
{
#if FPU_FAST_PATH
    bool host_fma = HOST_HAS_FMA();
#endif
    ppc_set_primary(t, 48, lfs);
    ppc_set_primary(t, 49, lfsu);
    ppc_set_primary(t, 50, lfd);
    ppc_set_primary(t, 51, lfdu);
    ppc_set_primary(t, 52, stfs);
    ppc_set_primary(t, 53, stfsu);
    ppc_set_primary(t, 54, stfd);
    ppc_set_primary(t, 55, stfdu);
    ppc_set_ext(t, 31, 535, lfsx);
    ppc_set_ext(t, 31, 567, lfsux);
    ppc_set_ext(t, 31, 599, lfdx);
    ppc_set_ext(t, 31, 631, lfdux);
    ppc_set_ext(t, 31, 663, stfsx);
    ppc_set_ext(t, 31, 695, stfsux);
    ppc_set_ext(t, 31, 727, stfdx);
    ppc_set_ext(t, 31, 759, stfdux);

    /* A forms: a 5-bit extended opcode, frC in the bits above it. fsqrt
     * and fsqrts (22) are not implemented by any of these CPUs. */
    ppc_set_aform(t, 63, 18, fdiv);
    ppc_set_aform(t, 63, 20, fsub);
    ppc_set_aform(t, 63, 21, fadd);
    ppc_set_aform(t, 63, 25, fmul);
    ppc_set_aform(t, 63, 28, FMA_HANDLER(fmsub));
    ppc_set_aform(t, 63, 29, FMA_HANDLER(fmadd));
    ppc_set_aform(t, 63, 30, FMA_HANDLER(fnmsub));
    ppc_set_aform(t, 63, 31, FMA_HANDLER(fnmadd));
    ppc_set_aform(t, 59, 18, fdivs);
    ppc_set_aform(t, 59, 20, fsubs);
    ppc_set_aform(t, 59, 21, fadds);
    ppc_set_aform(t, 59, 25, fmuls);
    ppc_set_aform(t, 59, 28, FMA_HANDLER(fmsubs));
    ppc_set_aform(t, 59, 29, FMA_HANDLER(fmadds));
    ppc_set_aform(t, 59, 30, FMA_HANDLER(fnmsubs));
    ppc_set_aform(t, 59, 31, FMA_HANDLER(fnmadds));
    if (info->fgraphics) {
        /* The optional graphics group: not on the 601. */
        ppc_set_aform(t, 63, 23, fsel);
        ppc_set_aform(t, 63, 26, frsqrte);
        ppc_set_aform(t, 59, 24, fres);
        ppc_set_ext(t, 31, 983, stfiwx);
    }
    /* X forms. */
    ppc_set_ext(t, 63, 0, fcmpu);
    ppc_set_ext(t, 63, 32, fcmpo);
    ppc_set_ext(t, 63, 12, frsp);
    ppc_set_ext(t, 63, 14, fctiw);
    ppc_set_ext(t, 63, 15, fctiwz);
    ppc_set_ext(t, 63, 38, mtfsb1);
    ppc_set_ext(t, 63, 40, fneg);
    ppc_set_ext(t, 63, 64, mcrfs);
    ppc_set_ext(t, 63, 70, mtfsb0);
    ppc_set_ext(t, 63, 72, fmr);
    ppc_set_ext(t, 63, 134, mtfsfi);
    ppc_set_ext(t, 63, 136, fnabs);
    ppc_set_ext(t, 63, 264, fabs_);
    ppc_set_ext(t, 63, 583, mffs);
    ppc_set_ext(t, 63, 711, mtfsf);
}
