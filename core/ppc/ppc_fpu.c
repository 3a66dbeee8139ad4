/* The PowerPC floating-point unit: exact arithmetic and FPSCR semantics.
 *
 * Two ways to the same result:
 *
 * - A software path that computes every instruction exactly with integer
 *   arithmetic: operands are unpacked to a 53-bit significand and an
 *   exponent, the exact result (or one whose lowest bit is a "sticky" bit
 *   standing for everything discarded below it) is formed in 128 bits and
 *   rounded once, to double or single precision, by round_pack(), which
 *   also decides FR, FI, OX, UX and XX the way MPCFPE32B 3.3.6 describes.
 *
 * - A fast path for the common case (round to nearest, NI = 0, finite
 *   operands, a normal or exactly zero result): the host FPU computes the
 *   rounded result, and an error-free transformation gives the exact sign
 *   of the rounding error, from which FI (inexact) and FR (magnitude
 *   increased) follow. Anything else (NaN, infinity, an operand or result
 *   near the denormal range, a single-precision result that could suffer
 *   double rounding, another rounding mode, NI) goes to the software path.
 *   The fast path needs a fused multiply-add in hardware; on x86-64 it is
 *   compiled for FMA and used only when the CPU has it.
 *
 * Behaviour the architecture leaves open follows the MPC750 (MPC750UM), and
 * where the MPC750UM is silent, what recorded 750-class hardware does (the
 * DingusPPC FP vectors in ../shared): see the comments at each place.
 */
#include "ppc_fpu.h"

#include <float.h>
#include <string.h>

#include "ppc_fpu_host.h"

typedef unsigned __int128 u128;

#define SIGN_BIT     0x8000000000000000ull
#define EXP_MASK     0x7FF0000000000000ull
#define FRAC_MASK    0x000FFFFFFFFFFFFFull
#define IMPLICIT_BIT 0x0010000000000000ull
#define QUIET_BIT    0x0008000000000000ull
#define DEFAULT_QNAN 0x7FF8000000000000ull
/* The double fraction bits below single precision. */
#define SINGLE_LOW 0x1FFFFFFFull
/* fctiw/fctiwz: the 750 fills the upper word of frD with 0xFFF80000 (the
 * architecture leaves it undefined). */
#define FCTIW_UPPER 0xFFF8000000000000ull

static inline double as_double(uint64_t x)
{
    double d;
    memcpy(&d, &x, sizeof d);
    return d;
}

static inline uint64_t as_bits(double d)
{
    uint64_t x;
    memcpy(&x, &d, sizeof x);
    return x;
}

static inline int clz64(uint64_t x)
{
    return __builtin_clzll(x);
}

static inline int clz128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);
    return hi ? clz64(hi) : 64 + clz64((uint64_t)x);
}

/* x >> n, with every bit shifted out ORed into the lowest bit. */
static inline u128 shift_right_jam(u128 x, int n)
{
    if (n <= 0) return x;
    if (n >= 128) return x != 0;
    return (x >> n) | ((x & (((u128)1 << n) - 1)) != 0);
}

uint32_t ppc_fpu_fpscr_summaries(uint32_t f)
{
    f &= ~(PPC_FPSCR_VX | PPC_FPSCR_FEX);
    if (f & PPC_FPSCR_VX_ALL) f |= PPC_FPSCR_VX;
    /* VX, OX, UX, ZX, XX shifted right by 22 line up with VE, OE, UE, ZE, XE. */
    if ((f >> 22) & f & 0xF8u) f |= PPC_FPSCR_FEX;
    return f;
}

/* FPRF for a result, classed in its target format: a single-precision
 * result below 2^-126 is a denormal even though the FPR holds it as a
 * normal double. */
static uint32_t result_class(uint64_t x, bool single)
{
    bool neg = x >> 63;
    unsigned e = (x >> 52) & 0x7FF;
    uint64_t frac = x & FRAC_MASK;
    if (e == 0x7FF) {
        if (frac) return PPC_FPRF_QNAN;
        return neg ? PPC_FPRF_NEG_INF : PPC_FPRF_POS_INF;
    }
    if (e == 0 && frac == 0) return neg ? PPC_FPRF_NEG_ZERO : PPC_FPRF_POS_ZERO;
    if (single ? e < 1023 - 126 : e == 0) return neg ? PPC_FPRF_NEG_DENORM : PPC_FPRF_POS_DENORM;
    return neg ? PPC_FPRF_NEG_NORM : PPC_FPRF_POS_NORM;
}

/* ---- The software path ------------------------------------------------ */

enum { K_ZERO, K_FINITE, K_INF, K_QNAN, K_SNAN };

/* A finite nonzero operand is sig * 2^exp with sig in [2^52, 2^53). */
typedef struct {
    int kind;
    bool sign;
    int exp;
    uint64_t sig;
} fnum;

/* Non-IEEE mode (FPSCR[NI] = 1): the architecture lets an implementation
 * drop denormals; the MPC750UM's description of the bit is that denormal
 * operands are taken as zeros (of the same sign) and denormal results are
 * delivered as zeros. Here an operand is flushed as it is unpacked, and a
 * tiny result in round_pack(). */
static fnum unpack(uint64_t x, bool ni)
{
    fnum u = {K_ZERO, (bool)(x >> 63), 0, 0};
    unsigned e = (x >> 52) & 0x7FF;
    uint64_t frac = x & FRAC_MASK;
    if (e == 0x7FF) {
        u.kind = frac == 0 ? K_INF : (frac & QUIET_BIT) ? K_QNAN : K_SNAN;
    } else if (e == 0) {
        if (frac != 0 && !ni) {
            int sh = clz64(frac) - 11;
            u.kind = K_FINITE;
            u.sig = frac << sh;
            u.exp = -1074 - sh;
        }
    } else {
        u.kind = K_FINITE;
        u.sig = frac | IMPLICIT_BIT;
        u.exp = (int)e - 1075;
    }
    return u;
}

static inline bool is_nan(const fnum *u)
{
    return u->kind >= K_QNAN;
}

/* The single-precision multiplies (fmuls, fmadds, fmsubs, fnmadds, fnmsubs)
 * use frC with its significand rounded to 25 bits (a half rounded away from
 * zero): the recorded vectors show it (fmuls 0.25 * 0.35 is exact, with
 * FI = 0, in every rounding mode, though 0.35 is not a single; fmuls
 * 2.999999984523 * 6.888239210233 gives 0x4034AA2AE0000000, not the
 * 0x4034AA2B00000000 of one rounding of the exact product), and it is
 * harmless where the architecture defines the result, frC being a single.
 * Whether an exact half rounds up or to even, the vectors cannot tell. */
#define MULTIPLIER_LOW  0x0FFFFFFFull
#define MULTIPLIER_HALF 0x08000000ull

static void round_multiplier(fnum *z)
{
    if (z->kind != K_FINITE) return;
    z->sig = (z->sig + MULTIPLIER_HALF) & ~MULTIPLIER_LOW;
    if (z->sig >> 53) {
        z->sig >>= 1;
        z->exp++;
    }
}

/* sig * 2^e, exactly representable as a double (normal or denormal). */
static uint64_t pack_exact(bool sign, uint64_t sig, int e)
{
    uint64_t s = (uint64_t)sign << 63;
    if (sig == 0) return s;
    int lead = 63 - clz64(sig);
    int exp = e + lead;
    if (exp >= -1022) {
        if (exp > 1023) return s | EXP_MASK; /* only reachable in undefined cases */
        sig = lead > 52 ? sig >> (lead - 52) : sig << (52 - lead);
        return s | (uint64_t)(exp + 1023) << 52 | (sig & FRAC_MASK);
    }
    int sh = e + 1074;
    if (sh <= -64) return s;
    return s | (sh >= 0 ? sig << sh : sig >> -sh);
}

/* The largest finite value of the target format, as a double. */
static uint64_t max_finite(bool single)
{
    return single ? 0x47EFFFFFE0000000ull : 0x7FEFFFFFFFFFFFFFull;
}

/* Rounds the exact value m * 2^exp (m != 0; its lowest bit may be a sticky
 * bit) to double or single precision under the FPSCR's rounding mode and
 * enables, and packs it as a double. ORs FR, FI, OX, UX, XX into *st.
 *
 * MPCFPE32B 3.3.6.2: tininess is detected before rounding (the exact value
 * below 2^Emin); with UE = 0 a tiny result is denormalized and rounded
 * there, and UX is set only if that loses accuracy; with UE = 1 UX is set
 * for every tiny result and the result is the normalized rounded value with
 * the exponent adjusted by +1536 (double) or +192 (single). Overflow is the
 * rounded value (unbounded exponent) above the largest finite number: with
 * OE = 1 the exponent is adjusted by -1536 / -192; with OE = 0 the result is
 * infinity or the largest finite number as the rounding mode says, and XX
 * and FI are set. The 750 leaves FR at what the significand rounding did
 * (FR = 1 when it rounded up), as the recorded vectors show (fadds of 0 and
 * DBL_MAX in round-to-nearest gives FR = 1, fadd of DBL_MAX and DBL_MAX gives
 * FR = 0). In non-IEEE mode a tiny result is a zero of the same sign. */
static uint64_t round_pack(uint32_t fpscr, bool single, bool sign, int exp, u128 m, uint32_t *st)
{
    const int p = single ? 24 : 53;
    const int emin = single ? -126 : -1022, emax = single ? 127 : 1023;
    const int adjust = single ? 192 : 1536;
    const unsigned rn = fpscr & PPC_FPSCR_RN;

    int n = clz128(m);
    m <<= n;
    exp -= n;
    int e = exp + 127; /* exponent of the leading bit */
    bool tiny = e < emin;
    if (tiny && !(fpscr & PPC_FPSCR_UE)) {
        if (fpscr & PPC_FPSCR_NI) {
            *st |= PPC_FPSCR_UX | PPC_FPSCR_XX | PPC_FPSCR_FI;
            return (uint64_t)sign << 63;
        }
        m = shift_right_jam(m, emin - e);
        e = emin;
    }
    uint64_t keep = (uint64_t)(m >> (128 - p));
    u128 rem = m & (((u128)1 << (128 - p)) - 1);
    u128 half = (u128)1 << (127 - p);
    bool inc;
    switch (rn) {
    case PPC_RN_NEAREST: inc = rem > half || (rem == half && (keep & 1)); break;
    case PPC_RN_ZERO: inc = false; break;
    case PPC_RN_PLUS: inc = !sign && rem != 0; break;
    default: inc = sign && rem != 0; break;
    }
    bool inexact = rem != 0;
    if (inc) {
        keep++;
        if (keep >> p) { /* carried out of the significand */
            keep >>= 1;
            e++;
        }
    }
    uint32_t s = 0;
    if (inexact) s |= PPC_FPSCR_FI | PPC_FPSCR_XX;
    if (inc) s |= PPC_FPSCR_FR;
    if (tiny) {
        if (fpscr & PPC_FPSCR_UE) {
            s |= PPC_FPSCR_UX;
            e += adjust;
        } else if (inexact) {
            s |= PPC_FPSCR_UX;
        }
    } else if (e > emax) {
        s |= PPC_FPSCR_OX;
        if ((fpscr & PPC_FPSCR_OE) && e - adjust <= 1023) {
            e -= adjust;
        } else {
            /* OE = 0 (or an OE = 1 single result whose adjusted exponent
             * still does not fit a double: single operands outside the
             * single range, where the architecture leaves the result
             * undefined). */
            *st |= s | PPC_FPSCR_XX | PPC_FPSCR_FI;
            bool to_inf = rn == PPC_RN_NEAREST || (rn == PPC_RN_PLUS && !sign) ||
                          (rn == PPC_RN_MINUS && sign);
            return (uint64_t)sign << 63 | (to_inf ? EXP_MASK : max_finite(single));
        }
    }
    *st |= s;
    return pack_exact(sign, keep, e - p + 1);
}

/* Exact sum of two nonzero terms (-1)^s * m * 2^e (m below 2^107). Returns
 * false when the sum is exactly zero. The smaller term is aligned with a
 * sticky bit; both are first placed with their leading bit at bit 125, so
 * at least 70 bits lie between any rounding position and the sticky bit. */
static bool exact_sum(bool sx, int ex, u128 mx, bool sy, int ey, u128 my, bool *s, int *e, u128 *m)
{
    int nx = clz128(mx) - 2, ny = clz128(my) - 2;
    mx <<= nx;
    ex -= nx;
    my <<= ny;
    ey -= ny;
    if (ey > ex || (ey == ex && my > mx)) {
        bool ts = sx;
        int te = ex;
        u128 tm = mx;
        sx = sy, ex = ey, mx = my;
        sy = ts, ey = te, my = tm;
    }
    my = shift_right_jam(my, ex - ey);
    mx = sx == sy ? mx + my : mx - my;
    if (mx == 0) return false;
    *s = sx;
    *e = ex;
    *m = mx;
    return true;
}

/* floor(sqrt(x)); *inexact tells whether x was not a perfect square. */
static uint64_t isqrt128(u128 x, bool *inexact)
{
    u128 res = 0, bit = (u128)1 << 126;
    while (bit > x) bit >>= 2;
    while (bit) {
        if (x >= res + bit) {
            x -= res + bit;
            res = (res >> 1) + bit;
        } else {
            res >>= 1;
        }
        bit >>= 2;
    }
    *inexact = x != 0;
    return (uint64_t)res;
}

/* What an instruction does to frD and the FPSCR. */
typedef struct {
    uint64_t res;
    uint32_t exc;    /* exception bits raised */
    uint32_t status; /* FR and FI */
    bool write;      /* frD is written */
    bool fprf;       /* FPRF is set from the result */
    bool single;     /* the result is classed as a single */
} outcome;

static void set_result(outcome *o, uint64_t r)
{
    o->res = r;
    o->write = true;
    o->fprf = true;
}

static void set_rounded(outcome *o, uint32_t fpscr, bool sign, int exp, u128 m)
{
    uint32_t st = 0;
    set_result(o, round_pack(fpscr, o->single, sign, exp, m, &st));
    o->status = st & (PPC_FPSCR_FR | PPC_FPSCR_FI);
    o->exc |= st & (PPC_FPSCR_OX | PPC_FPSCR_UX | PPC_FPSCR_XX);
}

/* An invalid operation (MPCFPE32B 3.3.6.1.1): with VE = 1 frD and FPRF are
 * left alone; with VE = 0 frD gets qnan (the default QNaN or, for the
 * fmadd family's inf*0 + QNaN, the QNaN operand). FR and FI are cleared. */
static void set_invalid(outcome *o, uint32_t fpscr, uint32_t cause, uint64_t qnan)
{
    o->exc |= cause;
    o->status = 0;
    if (fpscr & PPC_FPSCR_VE) {
        o->write = false;
    } else {
        set_result(o, qnan);
    }
}

/* A zero divide (MPCFPE32B 3.3.6.1.2): ZE = 1 leaves frD and FPRF alone;
 * otherwise the result is an infinity. */
static void set_zero_divide(outcome *o, uint32_t fpscr, bool sign)
{
    o->exc |= PPC_FPSCR_ZX;
    o->status = 0;
    if (fpscr & PPC_FPSCR_ZE) {
        o->write = false;
    } else {
        set_result(o, (uint64_t)sign << 63 | EXP_MASK);
    }
}

/* A NaN operand is the result, quieted; the first of frA, frB, frC that is
 * a NaN wins (MPCFPE32B 3.3.6.1, "QNaN propagation"). A single-precision
 * result keeps only the bits a single has (the low 29 fraction bits are
 * cleared, as frsp does). An SNaN operand anywhere raises VXSNAN. */
static void set_nan_result(outcome *o, uint32_t fpscr, const uint64_t *v, const fnum *u, int n,
                           uint32_t more_exc)
{
    uint32_t exc = more_exc;
    uint64_t r = 0;
    bool found = false;
    for (int i = 0; i < n; i++) {
        if (u[i].kind == K_SNAN) exc |= PPC_FPSCR_VXSNAN;
        if (!found && is_nan(&u[i])) {
            r = v[i] | QUIET_BIT;
            found = true;
        }
    }
    if (o->single) r &= ~SINGLE_LOW;
    if (exc) {
        set_invalid(o, fpscr, exc, r);
    } else {
        o->status = 0;
        set_result(o, r);
    }
}

static void set_exact(outcome *o, uint64_t r)
{
    o->status = 0;
    set_result(o, r);
}

static uint64_t signed_zero(bool sign)
{
    return (uint64_t)sign << 63;
}
static uint64_t signed_inf(bool sign)
{
    return (uint64_t)sign << 63 | EXP_MASK;
}

/* The sign of an exact zero sum of two nonzero terms, or of two zeros of
 * opposite signs: +0, except -0 when rounding toward minus infinity. */
static bool zero_sum_sign(uint32_t fpscr)
{
    return (fpscr & PPC_FPSCR_RN) == PPC_RN_MINUS;
}

static void op_add(outcome *o, uint32_t fpscr, bool sub, uint64_t a, uint64_t b)
{
    const bool ni = fpscr & PPC_FPSCR_NI;
    fnum u[2] = {unpack(a, ni), unpack(b, ni)};
    uint64_t v[2] = {a, b};
    if (is_nan(&u[0]) || is_nan(&u[1])) {
        set_nan_result(o, fpscr, v, u, 2, 0);
        return;
    }
    fnum x = u[0], y = u[1];
    y.sign ^= sub;
    if (x.kind == K_INF || y.kind == K_INF) {
        if (x.kind == K_INF && y.kind == K_INF && x.sign != y.sign) {
            set_invalid(o, fpscr, PPC_FPSCR_VXISI, DEFAULT_QNAN);
        } else {
            set_exact(o, signed_inf(x.kind == K_INF ? x.sign : y.sign));
        }
        return;
    }
    if (x.kind == K_ZERO && y.kind == K_ZERO) {
        set_exact(o, signed_zero(x.sign == y.sign ? x.sign : zero_sum_sign(fpscr)));
        return;
    }
    if (x.kind == K_ZERO) {
        set_rounded(o, fpscr, y.sign, y.exp, y.sig);
        return;
    }
    if (y.kind == K_ZERO) {
        set_rounded(o, fpscr, x.sign, x.exp, x.sig);
        return;
    }
    bool s;
    int e;
    u128 m;
    if (exact_sum(x.sign, x.exp, x.sig, y.sign, y.exp, y.sig, &s, &e, &m)) {
        set_rounded(o, fpscr, s, e, m);
    } else {
        set_exact(o, signed_zero(zero_sum_sign(fpscr)));
    }
}

static void op_mul(outcome *o, uint32_t fpscr, uint64_t a, uint64_t c)
{
    const bool ni = fpscr & PPC_FPSCR_NI;
    fnum u[2] = {unpack(a, ni), unpack(c, ni)};
    uint64_t v[2] = {a, c};
    if (is_nan(&u[0]) || is_nan(&u[1])) {
        set_nan_result(o, fpscr, v, u, 2, 0);
        return;
    }
    fnum x = u[0], z = u[1];
    if (o->single) round_multiplier(&z);
    bool s = x.sign ^ z.sign;
    if ((x.kind == K_INF && z.kind == K_ZERO) || (x.kind == K_ZERO && z.kind == K_INF)) {
        set_invalid(o, fpscr, PPC_FPSCR_VXIMZ, DEFAULT_QNAN);
    } else if (x.kind == K_INF || z.kind == K_INF) {
        set_exact(o, signed_inf(s));
    } else if (x.kind == K_ZERO || z.kind == K_ZERO) {
        set_exact(o, signed_zero(s));
    } else {
        set_rounded(o, fpscr, s, x.exp + z.exp, (u128)x.sig * z.sig);
    }
}

static void op_div(outcome *o, uint32_t fpscr, uint64_t a, uint64_t b)
{
    const bool ni = fpscr & PPC_FPSCR_NI;
    fnum u[2] = {unpack(a, ni), unpack(b, ni)};
    uint64_t v[2] = {a, b};
    if (is_nan(&u[0]) || is_nan(&u[1])) {
        set_nan_result(o, fpscr, v, u, 2, 0);
        return;
    }
    fnum x = u[0], y = u[1];
    bool s = x.sign ^ y.sign;
    if (x.kind == K_INF && y.kind == K_INF) {
        set_invalid(o, fpscr, PPC_FPSCR_VXIDI, DEFAULT_QNAN);
    } else if (x.kind == K_ZERO && y.kind == K_ZERO) {
        set_invalid(o, fpscr, PPC_FPSCR_VXZDZ, DEFAULT_QNAN);
    } else if (x.kind == K_INF) {
        set_exact(o, signed_inf(s));
    } else if (y.kind == K_INF || x.kind == K_ZERO) {
        set_exact(o, signed_zero(s));
    } else if (y.kind == K_ZERO) {
        set_zero_divide(o, fpscr, s);
    } else {
        /* A quotient of 74 or 75 bits, the remainder as a sticky bit. */
        u128 n = (u128)x.sig << 74;
        u128 q = n / y.sig;
        bool r = n != q * y.sig;
        set_rounded(o, fpscr, s, x.exp - y.exp - 74, q | r);
    }
}

/* floor(sqrt(sig * 2^exp)) as a 63-bit root times 2^*rexp; *inexact when
 * the root is not exact. */
static uint64_t root_of(uint64_t sig, int exp, int *rexp, bool *inexact)
{
    if (exp & 1) {
        sig <<= 1;
        exp -= 1;
    }
    *rexp = (exp - 72) / 2;
    return isqrt128((u128)sig << 72, inexact);
}

static void op_sqrt(outcome *o, uint32_t fpscr, uint64_t b)
{
    fnum y = unpack(b, fpscr & PPC_FPSCR_NI);
    if (is_nan(&y)) {
        set_nan_result(o, fpscr, &b, &y, 1, 0);
    } else if (y.kind == K_ZERO) {
        set_exact(o, signed_zero(y.sign));
    } else if (y.sign) {
        set_invalid(o, fpscr, PPC_FPSCR_VXSQRT, DEFAULT_QNAN);
    } else if (y.kind == K_INF) {
        set_exact(o, signed_inf(false));
    } else {
        int e;
        bool inexact;
        uint64_t root = root_of(y.sig, y.exp, &e, &inexact);
        set_rounded(o, fpscr, false, e, (u128)root | inexact);
    }
}

/* fmadd, fmsub, fnmadd, fnmsub: A*C + B with one rounding. The negative
 * forms negate the rounded result of fmadd/fmsub (rounded in the current
 * mode before the negation, as the recorded 750 results in directed modes
 * show), except that a NaN result keeps its sign (MPCFPE32B fnmadd). */
static void op_madd(outcome *o, uint32_t fpscr, ppc_fop op, uint64_t a, uint64_t b, uint64_t c)
{
    const bool ni = fpscr & PPC_FPSCR_NI;
    const bool negate = op == PPC_FOP_NMADD || op == PPC_FOP_NMSUB;
    fnum u[3] = {unpack(a, ni), unpack(b, ni), unpack(c, ni)};
    uint64_t v[3] = {a, b, c};
    if (o->single) round_multiplier(&u[2]);
    const fnum *x = &u[0], *y = &u[1], *z = &u[2];
    bool inf_times_zero =
        (x->kind == K_INF && z->kind == K_ZERO) || (x->kind == K_ZERO && z->kind == K_INF);
    if (is_nan(x) || is_nan(y) || is_nan(z)) {
        /* inf * 0 + QNaN is still an invalid multiply: VXIMZ is set and the
         * QNaN operand is the result. */
        set_nan_result(o, fpscr, v, u, 3, inf_times_zero ? PPC_FPSCR_VXIMZ : 0);
        return;
    }
    bool ps = x->sign ^ z->sign;
    bool bs = y->sign ^ (op == PPC_FOP_MSUB || op == PPC_FOP_NMSUB);
    if (inf_times_zero) {
        set_invalid(o, fpscr, PPC_FPSCR_VXIMZ, DEFAULT_QNAN);
        return;
    }
    if (x->kind == K_INF || z->kind == K_INF) {
        if (y->kind == K_INF && bs != ps) {
            set_invalid(o, fpscr, PPC_FPSCR_VXISI, DEFAULT_QNAN);
            return;
        }
        set_exact(o, signed_inf(ps));
    } else if (y->kind == K_INF) {
        set_exact(o, signed_inf(bs));
    } else if (x->kind == K_ZERO || z->kind == K_ZERO) {
        if (y->kind == K_ZERO) {
            set_exact(o, signed_zero(ps == bs ? ps : zero_sum_sign(fpscr)));
        } else {
            set_rounded(o, fpscr, bs, y->exp, y->sig);
        }
    } else {
        u128 prod = (u128)x->sig * z->sig;
        int pe = x->exp + z->exp;
        bool s;
        int e;
        u128 m;
        if (y->kind == K_ZERO) {
            set_rounded(o, fpscr, ps, pe, prod);
        } else if (exact_sum(ps, pe, prod, bs, y->exp, y->sig, &s, &e, &m)) {
            set_rounded(o, fpscr, s, e, m);
        } else {
            set_exact(o, signed_zero(zero_sum_sign(fpscr)));
        }
    }
    if (negate && o->write) o->res ^= SIGN_BIT;
}

static void op_frsp(outcome *o, uint32_t fpscr, uint64_t b)
{
    fnum y = unpack(b, fpscr & PPC_FPSCR_NI);
    if (is_nan(&y)) {
        set_nan_result(o, fpscr, &b, &y, 1, 0);
    } else if (y.kind == K_ZERO) {
        set_exact(o, signed_zero(y.sign));
    } else if (y.kind == K_INF) {
        set_exact(o, signed_inf(y.sign));
    } else {
        set_rounded(o, fpscr, y.sign, y.exp, y.sig);
    }
}

/* fres: the architecture asks for an estimate within 1/256 (MPCFPE32B) and
 * the 750's is more precise (1/4096, MPC750UM). This gives the reciprocal
 * correctly rounded to single precision in the current rounding mode,
 * within every documented bound. FR and FI are undefined for fres
 * (MPCFPE32B) and are cleared; fres does not set XX. OX and UX are set as
 * for a single result. */
static void op_fres(outcome *o, uint32_t fpscr, uint64_t b)
{
    fnum y = unpack(b, fpscr & PPC_FPSCR_NI);
    if (is_nan(&y)) {
        set_nan_result(o, fpscr, &b, &y, 1, 0);
    } else if (y.kind == K_ZERO) {
        set_zero_divide(o, fpscr, y.sign);
    } else if (y.kind == K_INF) {
        set_exact(o, signed_zero(y.sign));
    } else {
        u128 n = (u128)1 << 126;
        u128 q = n / y.sig;
        bool r = n != q * y.sig;
        set_rounded(o, fpscr, y.sign, -126 - y.exp, q | r);
        o->status = 0;
        o->exc &= ~PPC_FPSCR_XX;
    }
}

/* frsqrte: an estimate of 1/sqrt(B) in double precision (architected
 * bound 1/32, MPCFPE32B; the 750's is 1/4096, MPC750UM). Computed as
 * floor(2^127 / floor(sqrt)) to about 60 bits and rounded to nearest, so it
 * is within one unit in the last place of the true value, independent of
 * the host and of FPSCR[RN]. FR and FI are undefined (cleared); no XX, OX
 * or UX. */
static void op_frsqrte(outcome *o, uint32_t fpscr, uint64_t b)
{
    fnum y = unpack(b, fpscr & PPC_FPSCR_NI);
    if (is_nan(&y)) {
        o->single = false;
        set_nan_result(o, fpscr, &b, &y, 1, 0);
    } else if (y.kind == K_ZERO) {
        set_zero_divide(o, fpscr, y.sign);
    } else if (y.sign) {
        set_invalid(o, fpscr, PPC_FPSCR_VXSQRT, DEFAULT_QNAN);
    } else if (y.kind == K_INF) {
        set_exact(o, signed_zero(false));
    } else {
        int e;
        bool inexact; /* not needed: the quotient's remainder is the sticky bit */
        uint64_t root = root_of(y.sig, y.exp, &e, &inexact);
        u128 n = (u128)1 << 127;
        u128 q = n / root;
        bool r = n != q * root;
        uint32_t st = 0;
        set_result(o, round_pack(PPC_RN_NEAREST, false, false, -127 - e, q | r, &st));
        o->status = 0;
    }
}

/* fctiw, fctiwz (MPCFPE32B D.4.2): round to an integer in the current mode
 * (fctiwz: toward zero); NaN, infinity and values whose rounded value is
 * outside the int32 range are invalid (VXCVI; VXSNAN too for an SNaN) and
 * give 0x7FFFFFFF or 0x80000000 (NaN: 0x80000000). FPRF is undefined and
 * the 750 leaves it unchanged. */
static void op_fctiw(outcome *o, uint32_t fpscr, bool toward_zero, uint64_t b)
{
    fnum y = unpack(b, fpscr & PPC_FPSCR_NI);
    unsigned rn = toward_zero ? PPC_RN_ZERO : fpscr & PPC_FPSCR_RN;
    o->fprf = false;
    if (is_nan(&y)) {
        uint32_t exc = PPC_FPSCR_VXCVI | (y.kind == K_SNAN ? PPC_FPSCR_VXSNAN : 0);
        set_invalid(o, fpscr, exc, FCTIW_UPPER | 0x80000000u);
        o->fprf = false;
        return;
    }
    uint32_t saturated = y.sign ? 0x80000000u : 0x7FFFFFFFu;
    if (y.kind == K_INF || (y.kind == K_FINITE && y.exp >= 0)) {
        set_invalid(o, fpscr, PPC_FPSCR_VXCVI, FCTIW_UPPER | saturated);
        o->fprf = false;
        return;
    }
    if (y.kind == K_ZERO) {
        o->res = FCTIW_UPPER;
        o->write = true;
        return;
    }
    int sh = -y.exp; /* 1 and up: the value is sig / 2^sh */
    uint64_t mag;
    u128 rem, half;
    if (sh > 64) {
        mag = 0;
        rem = 1; /* below one half: only the directed modes round it up */
        half = 2;
    } else {
        mag = sh == 64 ? 0 : y.sig >> sh;
        rem = (u128)y.sig & (((u128)1 << sh) - 1);
        half = (u128)1 << (sh - 1);
    }
    bool inc;
    switch (rn) {
    case PPC_RN_NEAREST: inc = rem > half || (rem == half && (mag & 1)); break;
    case PPC_RN_ZERO: inc = false; break;
    case PPC_RN_PLUS: inc = !y.sign && rem != 0; break;
    default: inc = y.sign && rem != 0; break;
    }
    mag += inc;
    if (mag > (y.sign ? 0x80000000u : 0x7FFFFFFFu)) {
        set_invalid(o, fpscr, PPC_FPSCR_VXCVI, FCTIW_UPPER | saturated);
        o->fprf = false;
        return;
    }
    uint32_t word = y.sign ? (uint32_t)(0 - mag) : (uint32_t)mag;
    o->res = FCTIW_UPPER | word;
    o->write = true;
    if (rem != 0) {
        o->status = PPC_FPSCR_FI | (inc ? PPC_FPSCR_FR : 0);
        o->exc |= PPC_FPSCR_XX;
    }
}

static bool commit(uint32_t *fpscr, const outcome *o, uint64_t *result)
{
    uint32_t f = *fpscr;
    if (o->exc & ~f) f |= PPC_FPSCR_FX;
    f |= o->exc;
    f = (f & ~(PPC_FPSCR_FR | PPC_FPSCR_FI)) | o->status;
    if (o->write && o->fprf) f = (f & ~PPC_FPSCR_FPRF) | result_class(o->res, o->single);
    *fpscr = ppc_fpu_fpscr_summaries(f);
    if (o->write) *result = o->res;
    return o->write;
}

/* fsel: frA >= 0 (either zero included) selects frC, anything else
 * (negative, NaN) frB. No exceptions, no FPSCR change. */
static uint64_t fsel(uint64_t a, uint64_t b, uint64_t c)
{
    bool a_nan = (a & ~SIGN_BIT) > EXP_MASK;
    bool a_ge_zero = !(a >> 63) || (a & ~SIGN_BIT) == 0;
    return !a_nan && a_ge_zero ? c : b;
}

bool ppc_fpu_arith_soft(uint32_t *fpscr, ppc_fop op, bool single, uint64_t a, uint64_t b,
                        uint64_t c, uint64_t *result)
{
    const uint32_t f = *fpscr;
    outcome o = {0, 0, 0, false, false, single};
    switch (op) {
    case PPC_FOP_ADD: op_add(&o, f, false, a, b); break;
    case PPC_FOP_SUB: op_add(&o, f, true, a, b); break;
    case PPC_FOP_MUL: op_mul(&o, f, a, c); break;
    case PPC_FOP_DIV: op_div(&o, f, a, b); break;
    case PPC_FOP_SQRT: op_sqrt(&o, f, b); break;
    case PPC_FOP_MADD:
    case PPC_FOP_MSUB:
    case PPC_FOP_NMADD:
    case PPC_FOP_NMSUB: op_madd(&o, f, op, a, b, c); break;
    case PPC_FOP_FRSP:
        o.single = true;
        op_frsp(&o, f, b);
        break;
    case PPC_FOP_FCTIW:
    case PPC_FOP_FCTIWZ:
        o.single = false;
        op_fctiw(&o, f, op == PPC_FOP_FCTIWZ, b);
        break;
    case PPC_FOP_FRES:
        o.single = true;
        op_fres(&o, f, b);
        break;
    case PPC_FOP_FRSQRTE:
        o.single = false;
        op_frsqrte(&o, f, b);
        break;
    case PPC_FOP_FSEL: *result = fsel(a, b, c); return true;
    default: return false;
    }
    return commit(fpscr, &o, result);
}

/* ---- The fast path ------------------------------------------------------ */

#if FPU_FAST_PATH

static inline double fast_abs(double x)
{
    return __builtin_fabs(x);
}
static inline int sign_of(double x)
{
    return (x > 0) - (x < 0);
}

/* The exact error of r = x + y rounded to nearest (TwoSum, Knuth): exact
 * for all finite x and y as long as nothing overflows. */
static inline double two_sum_error(double x, double y, double r)
{
    double yv = r - x;
    double xv = r - yv;
    return (x - xv) + (y - yv);
}

/* Computes op in round-to-nearest when the result is a normal number or an
 * exact zero; returns false for anything else.
 *
 * Each case finds r, the host's correctly rounded double result, and err,
 * the sign of (exact result - r), exactly:
 *   add:  the TwoSum error;
 *   mul:  fma(x, z, -r), the exact product error;
 *   div:  the remainder fma(-r, y, x), exact for a correctly rounded
 *         quotient, divided by y (so its sign times y's);
 *   sqrt: the residual fma(-r, r, x);
 *   fmadd: with p + pl = x*z exactly (p rounded) and d + dl = r - y exactly
 *         (TwoSum), exact - r = (p + pl) - (d + dl); rounding to nearest
 *         is monotonic, so p > d means x*z > r - y, and when p == d the
 *         sign is that of pl - dl.
 * These are exact only while no partial result falls below the denormal
 * range, hence the 2^-960 bounds (a product error is a multiple of the
 * product of the operands' units in the last place, which is then at least
 * 2^-1074), and while nothing overflows (the 2^1022 bounds).
 *
 * On success the FPSCR and *result are updated here.
 *
 * A single-precision result rounds r again, to single. That second rounding
 * equals one rounding of the exact value unless r lies exactly halfway
 * between two singles and the exact value does not (err != 0): that case,
 * and results outside the single normal range, go to the software path. */
FAST_ATTR static bool fast_arith(uint32_t *fpscr, ppc_fop op, bool single, uint64_t a, uint64_t b,
                                 uint64_t c, uint64_t *result)
{
    if (single && (c & MULTIPLIER_LOW) &&
        (op == PPC_FOP_MUL || op == PPC_FOP_MADD || op == PPC_FOP_MSUB || op == PPC_FOP_NMADD ||
         op == PPC_FOP_NMSUB)) {
        /* frC rounded to 25 bits, as round_multiplier() does; for a normal
         * number a carry out of the significand moves into the exponent. */
        if (!(c & EXP_MASK)) return false;
        c = (c + MULTIPLIER_HALF) & ~MULTIPLIER_LOW;
    }
    const double x = as_double(a), z = as_double(c);
    double y = as_double(b);
    double r;
    int err;
    switch (op) {
    case PPC_FOP_SUB:
        y = -y;
        /* fall through */
    case PPC_FOP_ADD:
        if (!(fast_abs(x) < 0x1p1022 && fast_abs(y) < 0x1p1022)) return false;
        r = x + y;
        if (r == 0) {
            err = 0;
            break;
        }
        if (!(fast_abs(r) > DBL_MIN)) return false;
        err = sign_of(two_sum_error(x, y, r));
        break;
    case PPC_FOP_MUL:
        r = x * z;
        if (!(fast_abs(r) > 0x1p-960 && fast_abs(r) <= DBL_MAX)) {
            if (r == 0 && (x == 0 || z == 0)) {
                err = 0;
                break;
            }
            return false;
        }
        err = sign_of(host_fma(x, z, -r));
        break;
    case PPC_FOP_DIV:
        r = x / y;
        if (!(fast_abs(r) > DBL_MIN && fast_abs(r) <= DBL_MAX && fast_abs(x) > 0x1p-960)) {
            if (r == 0 && x == 0) {
                err = 0;
                break;
            }
            return false;
        }
        err = sign_of(host_fma(-r, y, x)) * sign_of(y);
        break;
#if HOST_HAS_SQRT
    case PPC_FOP_SQRT:
        if (!(y > 0x1p-960 && y <= DBL_MAX)) {
            if (y == 0) {
                r = y;
                err = 0;
                break;
            }
            return false;
        }
        r = host_sqrt(y);
        err = sign_of(host_fma(-r, r, y));
        break;
#endif
    case PPC_FOP_MSUB:
    case PPC_FOP_NMSUB:
        y = -y;
        /* fall through */
    case PPC_FOP_MADD:
    case PPC_FOP_NMADD: {
        double p = x * z;
        if (!(fast_abs(p) > 0x1p-960 && fast_abs(p) < 0x1p1022)) {
            if (!(p == 0 && (x == 0 || z == 0))) return false;
        }
        if (!(fast_abs(y) < 0x1p1022)) return false;
        r = host_fma(x, z, y);
        if (r == 0) {
            err = 0;
        } else {
            if (!(fast_abs(r) > DBL_MIN && fast_abs(r) < 0x1p1022)) return false;
            double pl = host_fma(x, z, -p);
            double d = r - y;
            double dl = two_sum_error(r, -y, d);
            err = p > d ? 1 : p < d ? -1 : pl > dl ? 1 : pl < dl ? -1 : 0;
        }
        if (op == PPC_FOP_NMADD || op == PPC_FOP_NMSUB) {
            r = -r;
            err = -err;
        }
        break;
    }
    case PPC_FOP_FRSP:
        if (!(fast_abs(y) <= DBL_MAX)) return false;
        r = y;
        err = 0;
        single = true;
        break;
    default: return false;
    }

    bool inexact, up;
    if (single && r != 0) {
        if (!(fast_abs(r) > 0x1p-126)) return false;
        if ((as_bits(r) & SINGLE_LOW) == 0x10000000u && err != 0) return false;
        double rs = (float)r;
        if (!(fast_abs(rs) <= FLT_MAX)) return false;
        if (rs != r) {
            /* No double lies strictly between r and the exact value, so the
             * single is on the same side of both. */
            inexact = true;
            up = fast_abs(rs) > fast_abs(r);
        } else {
            inexact = err != 0;
            up = err != 0 && ((err > 0) == (r < 0));
        }
        r = rs;
    } else {
        inexact = err != 0;
        up = err != 0 && ((err > 0) == (r < 0));
    }

    /* r is zero or normal in its format, and the only exception is XX. */
    const uint32_t f = *fpscr;
    const uint64_t rb = as_bits(r);
    uint32_t nf = f & ~(PPC_FPSCR_FPRF | PPC_FPSCR_FR | PPC_FPSCR_FI);
    if (rb << 1 == 0) {
        nf |= rb >> 63 ? PPC_FPRF_NEG_ZERO : PPC_FPRF_POS_ZERO;
    } else {
        nf |= rb >> 63 ? PPC_FPRF_NEG_NORM : PPC_FPRF_POS_NORM;
    }
    if (up) nf |= PPC_FPSCR_FR;
    if (inexact) {
        nf |= PPC_FPSCR_FI | PPC_FPSCR_XX;
        if (!(f & PPC_FPSCR_XX)) nf |= PPC_FPSCR_FX;
        if (f & PPC_FPSCR_XE) nf |= PPC_FPSCR_FEX;
    }
    *fpscr = nf;
    *result = rb;
    return true;
}

#endif /* FPU_FAST_PATH */

bool ppc_fpu_arith(uint32_t *fpscr, ppc_fop op, bool single, uint64_t a, uint64_t b, uint64_t c,
                   uint64_t *result)
{
#if FPU_FAST_PATH
    if ((*fpscr & (PPC_FPSCR_RN | PPC_FPSCR_NI)) == 0 && HOST_HAS_FMA() &&
        fast_arith(fpscr, op, single, a, b, c, result)) {
        return true;
    }
#endif
    return ppc_fpu_arith_soft(fpscr, op, single, a, b, c, result);
}

/* ---- Compare, load, store ------------------------------------------------ */

unsigned ppc_fpu_compare(uint32_t *fpscr, bool ordered, uint64_t a, uint64_t b)
{
    uint32_t f = *fpscr;
    uint32_t exc = 0;
    unsigned c;
    bool a_nan = (a & ~SIGN_BIT) > EXP_MASK, b_nan = (b & ~SIGN_BIT) > EXP_MASK;
    if (a_nan || b_nan) {
        bool snan = (a_nan && !(a & QUIET_BIT)) || (b_nan && !(b & QUIET_BIT));
        c = 1;
        /* MPCFPE32B fcmpo: an SNaN sets VXSNAN, and VXVC too unless VE = 1;
         * a QNaN sets VXVC. fcmpu: only an SNaN, VXSNAN. */
        if (snan) {
            exc = PPC_FPSCR_VXSNAN;
            if (ordered && !(f & PPC_FPSCR_VE)) exc |= PPC_FPSCR_VXVC;
        } else if (ordered) {
            exc = PPC_FPSCR_VXVC;
        }
    } else {
        double x = as_double(a), y = as_double(b);
        c = x < y ? 8 : x > y ? 4 : 2;
    }
    if (exc & ~f) f |= PPC_FPSCR_FX;
    f |= exc;
    f = (f & ~PPC_FPSCR_FPCC) | (uint32_t)c << 12;
    *fpscr = ppc_fpu_fpscr_summaries(f);
    return c;
}

uint64_t ppc_fpu_load_single(uint32_t w)
{
    uint64_t s = (uint64_t)(w >> 31) << 63;
    unsigned e = (w >> 23) & 0xFF;
    uint64_t frac = w & 0x7FFFFF;
    if (e == 0xFF) return s | EXP_MASK | frac << 29;
    if (e != 0) return s | (uint64_t)(e + 1023 - 127) << 52 | frac << 29;
    if (frac == 0) return s;
    /* A single denormal, frac * 2^-149, becomes a normal double. */
    int lead = 63 - clz64(frac);
    return s | (uint64_t)(lead - 149 + 1023) << 52 | ((frac << (52 - lead)) & FRAC_MASK);
}

uint32_t ppc_fpu_store_single(uint64_t d)
{
    unsigned e = (d >> 52) & 0x7FF;
    uint32_t s = (uint32_t)(d >> 63) << 31;
    if (e > 896 || (d & ~SIGN_BIT) == 0) {
        /* No denormalization: bits 0-1 and 5-34 of the double. Exponents
         * above the single range are not rounded or saturated, just cut. */
        return (uint32_t)(d >> 32 & 0xC0000000u) | (uint32_t)(d >> 29 & 0x3FFFFFFFu);
    }
    if (e >= 874) {
        /* In the single denormal range: shift the significand right until
         * the exponent is -126, dropping what falls off (no rounding). */
        uint64_t frac = (d & FRAC_MASK) | IMPLICIT_BIT;
        frac >>= (-126 - ((int)e - 1023));
        return s | (uint32_t)(frac >> 29 & 0x7FFFFF);
    }
    /* Below the single denormal range (and double denormals) the
     * architecture leaves the word undefined; continuing the same
     * denormalization shifts every bit out and leaves a zero of the
     * operand's sign. */
    return s;
}
