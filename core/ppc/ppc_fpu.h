/* The PowerPC floating-point unit as pure functions.
 *
 * No CPU state lives here: the core passes the FPSCR and the operand bit
 * patterns (IEEE-754 doubles, as the FPRs hold them) and gets the result
 * and the updated FPSCR back. The arithmetic is exact to the bit for every
 * rounding mode, NaN, infinity, denormal, overflow and underflow case, and
 * every FPSCR status bit is set as the hardware sets it.
 *
 * References: "PowerPC Microprocessor Family: The Programming Environments
 * for 32-Bit Microprocessors" (MPCFPE32B), chapter 2.1.4 (FPSCR), chapter 3.3
 * (floating-point execution models, exceptions) and appendix D (conversions,
 * load/store of single-precision values); chapter 8 (instruction
 * descriptions). "MPC750 RISC Microprocessor Family User's Manual"
 * (MPC750UM) for what the architecture leaves to the implementation: the
 * estimate instructions, non-IEEE mode, the fctiw upper word.
 *
 * Where the hardware and the architecture leave something open, the 750's
 * behaviour is taken (see ppc_fpu.c for each case).
 *
 * Host requirement: IEEE-754 binary64/binary32 with the host FPU in its
 * default state (round to nearest, no flush-to-zero, no denormals-are-zero).
 * Nothing here changes the host's floating-point environment.
 */
#ifndef CLARUS_PPC_FPU_H
#define CLARUS_PPC_FPU_H

#include <stdbool.h>
#include <stdint.h>

/* FPSCR bits; PPC bit numbers (0 = most significant) in the comments. */
#define PPC_FPSCR_FX     0x80000000u /* 0: exception summary (sticky) */
#define PPC_FPSCR_FEX    0x40000000u /* 1: enabled exception summary */
#define PPC_FPSCR_VX     0x20000000u /* 2: invalid operation summary */
#define PPC_FPSCR_OX     0x10000000u /* 3: overflow */
#define PPC_FPSCR_UX     0x08000000u /* 4: underflow */
#define PPC_FPSCR_ZX     0x04000000u /* 5: zero divide */
#define PPC_FPSCR_XX     0x02000000u /* 6: inexact */
#define PPC_FPSCR_VXSNAN 0x01000000u /* 7: invalid: signalling NaN operand */
#define PPC_FPSCR_VXISI  0x00800000u /* 8: invalid: inf - inf */
#define PPC_FPSCR_VXIDI  0x00400000u /* 9: invalid: inf / inf */
#define PPC_FPSCR_VXZDZ  0x00200000u /* 10: invalid: 0 / 0 */
#define PPC_FPSCR_VXIMZ  0x00100000u /* 11: invalid: inf * 0 */
#define PPC_FPSCR_VXVC   0x00080000u /* 12: invalid compare */
#define PPC_FPSCR_FR     0x00040000u /* 13: fraction rounded (magnitude increased) */
#define PPC_FPSCR_FI     0x00020000u /* 14: fraction inexact */
#define PPC_FPSCR_C      0x00010000u /* 15: result class descriptor */
#define PPC_FPSCR_FL     0x00008000u /* 16: < (FPCC) */
#define PPC_FPSCR_FG     0x00004000u /* 17: > */
#define PPC_FPSCR_FE     0x00002000u /* 18: = */
#define PPC_FPSCR_FU     0x00001000u /* 19: unordered */
#define PPC_FPSCR_VXSOFT 0x00000400u /* 21: invalid: software request */
#define PPC_FPSCR_VXSQRT 0x00000200u /* 22: invalid: square root of a negative */
#define PPC_FPSCR_VXCVI  0x00000100u /* 23: invalid integer convert */
#define PPC_FPSCR_VE     0x00000080u /* 24: invalid operation enable */
#define PPC_FPSCR_OE     0x00000040u /* 25: overflow enable */
#define PPC_FPSCR_UE     0x00000020u /* 26: underflow enable */
#define PPC_FPSCR_ZE     0x00000010u /* 27: zero divide enable */
#define PPC_FPSCR_XE     0x00000008u /* 28: inexact enable */
#define PPC_FPSCR_NI     0x00000004u /* 29: non-IEEE mode */
#define PPC_FPSCR_RN     0x00000003u /* 30-31: rounding mode */

#define PPC_FPSCR_FPCC 0x0000F000u /* FL FG FE FU */
#define PPC_FPSCR_FPRF 0x0001F000u /* C + FPCC */
/* Every invalid-operation cause; VX is their OR. */
#define PPC_FPSCR_VX_ALL                                                                           \
    (PPC_FPSCR_VXSNAN | PPC_FPSCR_VXISI | PPC_FPSCR_VXIDI | PPC_FPSCR_VXZDZ | PPC_FPSCR_VXIMZ |    \
     PPC_FPSCR_VXVC | PPC_FPSCR_VXSOFT | PPC_FPSCR_VXSQRT | PPC_FPSCR_VXCVI)
/* The exception bits: an instruction that turns one of them from 0 to 1 sets FX. */
#define PPC_FPSCR_EXCEPTIONS                                                                       \
    (PPC_FPSCR_OX | PPC_FPSCR_UX | PPC_FPSCR_ZX | PPC_FPSCR_XX | PPC_FPSCR_VX_ALL)

/* FPSCR[RN] values. */
#define PPC_RN_NEAREST 0u
#define PPC_RN_ZERO    1u
#define PPC_RN_PLUS    2u /* toward +infinity */
#define PPC_RN_MINUS   3u /* toward -infinity */

/* FPRF values: the result class (MPCFPE32B 2.1.4). */
#define PPC_FPRF_QNAN       0x11000u
#define PPC_FPRF_NEG_INF    0x09000u
#define PPC_FPRF_NEG_NORM   0x08000u
#define PPC_FPRF_NEG_DENORM 0x18000u
#define PPC_FPRF_NEG_ZERO   0x12000u
#define PPC_FPRF_POS_ZERO   0x02000u
#define PPC_FPRF_POS_DENORM 0x14000u
#define PPC_FPRF_POS_NORM   0x04000u
#define PPC_FPRF_POS_INF    0x05000u

/* The computational instructions. Operands follow the instruction fields:
 *   ADD  A+B      SUB  A-B      MUL  A*C      DIV  A/B      SQRT  sqrt(B)
 *   MADD A*C+B    MSUB A*C-B    NMADD -(A*C+B)              NMSUB -(A*C-B)
 *   FRSP  B rounded to single   FCTIW/FCTIWZ  B to int32 (RN / toward zero)
 *   FRES  estimate of 1/B (single)             FRSQRTE  estimate of 1/sqrt(B)
 *   FSEL  A >= 0 ? C : B (no FPSCR effect)
 * Unused operands are ignored. */
typedef enum {
    PPC_FOP_ADD,
    PPC_FOP_SUB,
    PPC_FOP_MUL,
    PPC_FOP_DIV,
    PPC_FOP_SQRT,
    PPC_FOP_MADD,
    PPC_FOP_MSUB,
    PPC_FOP_NMADD,
    PPC_FOP_NMSUB,
    PPC_FOP_FRSP,
    PPC_FOP_FCTIW,
    PPC_FOP_FCTIWZ,
    PPC_FOP_FRES,
    PPC_FOP_FRSQRTE,
    PPC_FOP_FSEL,
    PPC_FOP_COUNT
} ppc_fop;

/* Executes one computational instruction.
 * a, b, c: the bit patterns of frA, frB, frC. single: the "s" form (fadds,
 * fmadds, ...: the exact result is rounded once, to single precision, and
 * held as a double; the single multiplies first round frC's significand to
 * 25 bits as the 750 does, which changes nothing when frC is a single, the
 * only case the architecture defines); FRSP and FRES are always single,
 * FCTIW*, FRSQRTE and FSEL ignore it.
 * Reads RN, NI and the enable bits from *fpscr and updates every status bit
 * the instruction changes: FPRF, FR, FI, the sticky exception bits, FX (set
 * when an exception bit goes from 0 to 1) and the summaries VX and FEX.
 * Returns true when frD is written with *result; false when an enabled
 * invalid-operation (VE) or zero-divide (ZE) exception leaves frD unchanged
 * (*result is then not written). Enabled overflow, underflow and inexact
 * exceptions write the result the architecture specifies (for overflow and
 * underflow the exponent-adjusted one) and return true.
 * The caller raises the floating-point enabled program exception when FEX
 * is set and MSR[FE0|FE1] allow it, and copies ppc_fpu_cr1(*fpscr) into CR1
 * for the "." forms. */
bool ppc_fpu_arith(uint32_t *fpscr, ppc_fop op, bool single, uint64_t a, uint64_t b, uint64_t c,
                   uint64_t *result);

/* The same operation computed entirely in software, without the host FPU
 * fast path. Gives results identical to ppc_fpu_arith(); the tests compare
 * the two. */
bool ppc_fpu_arith_soft(uint32_t *fpscr, ppc_fop op, bool single, uint64_t a, uint64_t b,
                        uint64_t c, uint64_t *result);

/* fcmpu (ordered = false) and fcmpo (ordered = true) of frA with frB.
 * Returns the 4-bit CR field value (8 = LT, 4 = GT, 2 = EQ, 1 = unordered)
 * for crfD; sets FPSCR[FPCC] to the same value and VXSNAN / VXVC (with FX,
 * VX, FEX). FR, FI and FPRF[C] are unchanged. The operands are compared as
 * they are: non-IEEE mode does not apply to compares. */
unsigned ppc_fpu_compare(uint32_t *fpscr, bool ordered, uint64_t a, uint64_t b);

/* lfs/lfsx/lfsu/lfsux: a single-precision word to the FPR's double format,
 * exactly (denormals are normalized, NaNs keep their payload and are not
 * quieted). No FPSCR effect. MPCFPE32B D.6. */
uint64_t ppc_fpu_load_single(uint32_t word);

/* stfs/stfsx/stfsu/stfsux: the FPR's double to a single-precision word the
 * way the hardware does it, without rounding (MPCFPE32B D.7): exponents
 * above the single range keep their low bits (bit selection), values in the
 * single denormal range are denormalized by truncation, and values below it
 * (including double denormals) give a zero of the same sign. No FPSCR
 * effect. */
uint32_t ppc_fpu_store_single(uint64_t dbl);

/* Recomputes the summaries VX (OR of the VX* bits) and FEX (an exception
 * bit with its enable set) after mtfsf, mtfsfi, mtfsb0, mtfsb1 or mcrfs
 * changed the FPSCR. FX is left as given: it is the caller's to set. */
uint32_t ppc_fpu_fpscr_summaries(uint32_t fpscr);

/* The CR1 value of the "." forms: FX, FEX, VX, OX. */
static inline unsigned ppc_fpu_cr1(uint32_t fpscr)
{
    return fpscr >> 28;
}

#endif
