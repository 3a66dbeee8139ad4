/* Differential test of the PowerPC 750 model against Unicorn's.
 *
 * Random blocks of valid user-mode instructions run from the same initial
 * state through Clarus (core/ppc, model 750) and Unicorn's PowerPC 750 (the
 * QEMU-derived model in libunicorn, UC_CPU_PPC32_750_V3_1); after each block
 * every GPR, FPR (bit for bit), CR, XER, LR, CTR, FPSCR, the PC and the data
 * memory are compared. On a mismatch the block (disassembled), the initial
 * state and both final states are printed, and Clarus is stepped one
 * instruction at a time against Unicorn to name the instruction after which
 * the two differ for good.
 *
 * Memory (both engines map exactly these; Unicorn also a stub page):
 *   CODE_BASE..CODE_END  the block, ended by `sc` (Unicorn stops before it,
 *                        Clarus's host syscall hook ends the run there);
 *   DATA_BASE, 2 pages   loads and stores (misaligned accesses cross the
 *                        page boundary in the middle);
 *   POOL_BASE, 4 pages   constants loaded into FPRs with lfd so that the
 *                        generator knows their values; nothing stores there.
 * Every branch goes forward inside the block, so each instruction runs at
 * most once and the block always reaches its end.
 *
 * Instructions: integer arithmetic, logical, rotate, shift and compare
 * (every D, X, XO and M form, with OE and Rc), divides, tw/twi; loads and
 * stores of every width with update, indexed and byte-reversed forms, lmw,
 * stmw, lswi, lswx, stswi, stswx, lwarx/stwcx., dcbz and the cache and sync
 * no-ops; b, bc, bclr, bcctr with AA/LK and every valid BO; CR logic, mcrf,
 * mtcrf, mfcr, mcrxr, mtspr/mfspr of XER, LR and CTR; FP arithmetic double
 * and single (fadd ... fnmsub), fsel, frsp, fctiw(z), fmr/fneg/fabs/fnabs,
 * fcmpu/fcmpo, mffs, mtfsf, mtfsfi, mtfsb0/1, mcrfs, every FP load and store
 * and stfiwx. Operands: random registers, immediates weighted to the edges,
 * values from an interesting set (zeros, ones, denormals, extremes, NaNs,
 * infinities, single-format boundaries, 2^31 neighbours, random bits).
 *
 * How operands are kept valid (MPCFPE32B, "Programming Environments Manual
 * for 32-Bit Implementations of the PowerPC Architecture", chapter 8, and the
 * MPC750 User's Manual, MPC750UM):
 *   - a load or store is preceded by li/lis/ori that set its base and index
 *     registers so the EA lands in the data area; update forms never have
 *     rA = 0, loads with update never rA = rD; lmw never loads rA, lswi/lswx
 *     never load rA or rB (their byte count is set with mtxer first);
 *   - lmw, stmw, lwarx, stwcx. and every FP load/store are word aligned (else
 *     the 750 takes an alignment exception, MPC750UM 4.5.6); integer loads
 *     and stores, strings included, may be misaligned and cross the page;
 *   - BO is one of the valid encodings with the z bits clear, bcctr never
 *     decrements CTR (invalid form), bclr/bcctr targets are loaded into
 *     LR/CTR just before (sometimes with the low two bits set, which the
 *     branch ignores);
 *   - the single-precision arithmetic instructions only get inputs that are
 *     representable in single format (MPCFPE32B 4.2.2: otherwise frD, FPSCR
 *     and CR1 are undefined): the generator tracks what it knows of each FPR
 *     and of the FPSCR, merging what every path knows at branch targets;
 *   - MSR is 0x6000 (user mode, FP available, FE0 = FE1 = 0, translation
 *     off): FP exceptions never trap.
 *
 * Not generated because the architecture leaves the result undefined or the
 * instruction cannot run in this setting:
 *   divw/divwu overflow    rD (and CR0 LT/GT/EQ with Rc = 1) undefined when
 *                          dividing by 0 or 0x80000000 by -1 (MPCFPE32B
 *                          divw): such divides are generated with Rc = 0 and
 *                          followed by li rD, so only XER[OV,SO] is compared;
 *                          other divides get a divisor set up to a legal value
 *   lswx with count 0      rD undefined (MPCFPE32B lswx); stswx 0 is included
 *   lwarx/stwcx. alone     only as a pair on one EA with nothing stored in
 *                          between, then possibly a second stwcx. (which must
 *                          fail): a reservation never outlives its unit
 *   fres, frsqrte          estimates whose precision is implementation
 *                          specific (MPCFPE32B fres/frsqrte: 1/4096, 1/32)
 *   fsqrt, fsqrts          not implemented by the 750 (illegal instruction)
 *   fctiw(z)/mffs result   frD bits 0-31 undefined (MPCFPE32B fctiw, mffs):
 *                          the register only feeds stfiwx, mtfsf and moves,
 *                          and its upper word is not compared
 *   FPRF after fctiw(z)    undefined (MPCFPE32B fctiw): not compared, and set
 *                          with mtfsb0/1 before mffs or mcrfs reads it
 *   stfs of a tiny value   a nonzero double with exponent < 874 is in neither
 *                          case of MPCFPE32B D.7: stfs only stores FPRs known
 *                          to be zero or of exponent >= 874
 *   FPSCR[NI], bit 20      non-IEEE mode results are implementation specific;
 *                          bit 20 is reserved: never set
 *   XER bits 3-24          reserved: mtxer values and the initial XER have
 *                          them clear
 *   tw/twi that trap, sc,  exceptions end the block (exception delivery is not
 *   alignment faults       what this compares): TO only holds conditions that
 *                          are false for the set-up operands
 *   mftb                   reads the time base: differs by design
 *   supervisor-only,       privileged in user mode (mfmsr, mtsr, dcbi, rfi,
 *   eciwx/ecowx, dcba      tlbie, other SPRs); optional / external control
 *   invalid forms          cmp/cmpl with L = 1, BO z bits, reserved bits set
 *                          (every generated word is checked with
 *                          ppc_dasm_valid())
 *
 * Unicorn 2.0.1's deviations from MPCFPE32B, steered around (--quirks shows
 * each on one instruction, with Clarus giving the architected result):
 *   U1  FX is set whenever an exception bit is raised, even if it was set
 *       already (2.1.4: only on a 0 -> 1 change). The generator keeps FX = 1
 *       while any exception bit is set: initial FPSCR, mtfsf/mtfsfi values,
 *       no mtfsb0 of FX, other exception bits cleared before mcrfs of field 0
 *   U2  FR is never computed: not compared after a rounding instruction
 *   U3  mtfsf, mtfsfi, mtfsb0/1, fcmpu and fcmpo clear FI; fctiw(z) leaves
 *       it set when exact: FI not compared after those until an arithmetic
 *       instruction sets it
 *   U4  enabled invalid, zero-divide, overflow and underflow exceptions
 *       (VE, ZE, OE, UE) do not change the result (3.3.6: frD kept, exponent
 *       adjusted): mtfsfi 6,0 before any rounding instruction when one of
 *       them may be set
 *   U5  fctiw(z) of a value above 2^31 - 1 gives 0x80000000, not 0x7FFFFFFF
 *       (also recorded on hardware in ppc-valgrind-jm-insns jm-fp: fctiw of
 *       +inf is 0x7FFFFFFF): fctiw inputs are constants that are not
 *   U6  fnmadd/fnmsub round the negated result in round to +/-inf: they run
 *       with RN = 0 or 1 (mtfsb0 30 first)
 *   U7  a single-precision result that is a single denormal gets FPRF
 *       +/-normal and no UX: FPRF and UX not compared after single
 *       arithmetic and frsp until rewritten
 *   U8  multiply-add with inf * 0 or inf * NaN sets VXISI as well: frA and
 *       frC are constants never in those pairs
 *   U9  fcmpo raising VXVC sets FPRF[C]: FPRF[C] not compared after fcmpo
 *   U10 fcmpo of an SNaN with VE = 1 sets VXVC: fcmpo only with VE clear
 *   U11 mtfsb0 of an invalid-operation bit with VE = 1 leaves FEX set: only
 *       with VE clear
 *   U12 single multiply-adds round twice (double, then single): their three
 *       operands are constants for which the host's fmaf() and (float)fma()
 *       agree in every rounding mode the block may be in
 * Harness-level: Unicorn's register API reads and writes XER without
 * SO/OV/CA (moved through r0 and mtxer/mfxer instead), and after an
 * instruction that sets FPSCR[FEX] a one-instruction uc_emu_start stops with
 * an exception (so the stepping reruns Unicorn from the block start).
 *
 * Usage: ppc-diff [--seed N] [--blocks N] [--start N] [--block-len N]
 *                 [--classes int,ldst,branch,cr,fp] [--keep-going] [--verbose]
 *                 [--stats] [--mutate] [--quirks]
 * Block k is generated from (seed, k) alone, so `--start k --blocks 1`
 * reproduces one block. --stats counts executed instructions by mnemonic;
 * --mutate flips a bit in Unicorn's copy of each block (the comparison must
 * notice); --quirks runs the U1-U12 demonstrations.
 */
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <unicorn/unicorn.h>

#include "ppc/ppc.h"
#include "ppc/ppc_dasm.h"

/* ---- layout ---- */

#define CODE_BASE 0x00001000u
#define CODE_END  0x00008000u /* bca targets (BD sign-extended) must stay below 0x8000 */
#define DATA_BASE 0x00010000u
#define DATA_SIZE 0x00002000u
#define POOL_BASE 0x00014000u
#define POOL_SIZE 0x00004000u /* lis 1 + d reaches all of it */
/* Unicorn only: stubs that move XER through r0 (see un_load). */
#define STUB_BASE 0x00009000u

#define MAX_WORDS ((CODE_END - CODE_BASE) / 4 - 1) /* room for the final sc */
#define MAX_UNITS 500

#define MSR_USER 0x00006000u /* PR | FP */

/* FPSCR bits (MPCFPE32B 2.1.4). */
#define FX      0x80000000u
#define FEX     0x40000000u
#define VX      0x20000000u
#define OX      0x10000000u
#define UX      0x08000000u
#define ZX      0x04000000u
#define XX      0x02000000u
#define VX_ALL  0x01f80700u /* VXSNAN VXISI VXIDI VXZDZ VXIMZ VXVC VXSOFT VXSQRT VXCVI */
#define FPRF    0x0001f000u
#define FPCC    0x0000f000u
#define FR      0x00040000u
#define FI      0x00020000u
#define EXC     (OX | UX | ZX | XX | VX_ALL) /* the sticky exception bits but FX */
#define FPSCR20 0x00000800u                  /* reserved */
#define VE      0x00000080u
#define OE      0x00000040u
#define UE      0x00000020u
#define ZE      0x00000010u
#define XE      0x00000008u
#define NI      0x00000004u
#define ENABLES (VE | OE | UE | ZE | XE)
#define TRAPS   (VE | OE | UE | ZE) /* enables that change results (U4) */
#define RN_BITS 0x00000003u
#define KNOWN   (ENABLES | RN_BITS) /* FPSCR bits the generator tracks */

/* ---- random numbers: xoshiro256** seeded through splitmix64 ---- */

typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) r->s[i] = splitmix(&seed);
}

static uint64_t rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t r64(rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl64(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return out;
}

static uint32_t r32(rng *r)
{
    return (uint32_t)(r64(r) >> 32);
}

/* Uniform in [0, n). */
static unsigned rn(rng *r, unsigned n)
{
    return (unsigned)(((r64(r) >> 32) * n) >> 32);
}

static bool chance(rng *r, unsigned percent)
{
    return rn(r, 100) < percent;
}

/* ---- big-endian helpers ---- */

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)(v >> 32));
    put32(p + 4, (uint32_t)v);
}

static uint64_t get64(const uint8_t *p)
{
    return (uint64_t)get32(p) << 32 | get32(p + 4);
}

/* ---- interesting floating-point values ---- */

/* The double a single widens to, exactly (as lfs does, SNaNs kept). */
static uint64_t widen_single(uint32_t f)
{
    uint64_t sign = (uint64_t)(f >> 31) << 63;
    uint32_t exp = f >> 23 & 0xff;
    uint64_t frac = f & 0x7fffff;
    if (exp == 0xff) return sign | 0x7ff0000000000000ull | frac << 29;
    if (exp == 0) {
        if (!frac) return sign;
        int e = -126;
        while (!(frac & 0x800000)) {
            frac <<= 1;
            e--;
        }
        return sign | (uint64_t)(e + 1023) << 52 | (frac & 0x7fffff) << 29;
    }
    return sign | (uint64_t)(exp - 127 + 1023) << 52 | frac << 29;
}

/* Representable in single format without loss (MPCFPE32B 4.2.2). */
static bool is_single(uint64_t d)
{
    int exp = (int)(d >> 52 & 0x7ff);
    uint64_t frac = d & 0xfffffffffffffull;
    if (exp == 0x7ff) return (frac & 0x1fffffff) == 0;
    if (exp == 0) return frac == 0;
    int e = exp - 1023;
    if (e > 127 || e < -149) return false;
    int keep = e >= -126 ? 23 : 23 - (-126 - e); /* fraction bits a single keeps */
    return (frac & ((1ull << (52 - keep)) - 1)) == 0;
}

/* stfs is defined for zero and for exponents >= 874 (MPCFPE32B D.7). */
static bool stfs_defined(uint64_t d)
{
    return (d << 1) == 0 || (d >> 52 & 0x7ff) >= 874;
}

static uint64_t dbl_bits(double v)
{
    uint64_t u;
    memcpy(&u, &v, 8);
    return u;
}

static uint32_t flt_bits(float v)
{
    uint32_t u;
    memcpy(&u, &v, 4);
    return u;
}

static uint32_t rand_single_bits(rng *r)
{
    uint32_t s = chance(r, 50) ? 0x80000000u : 0;
    switch (rn(r, 15)) {
    case 0: return s;
    case 1: return s | 0x3f800000u; /* 1 */
    case 2: return s | flt_bits((float)rn(r, 64));
    case 3: return s | flt_bits((float)rn(r, 64) + 0.5f);
    case 4: return s | 0x7f7fffffu;                                         /* FLT_MAX */
    case 5: return s | 0x00800000u;                                         /* FLT_MIN */
    case 6: return s | (1 + rn(r, 0x7fffff));                               /* denormal */
    case 7: return s | 0x7f800000u;                                         /* infinity */
    case 8: return s | 0x7fc00000u | (chance(r, 50) ? 0 : rn(r, 0x400000)); /* QNaN */
    case 9: return s | 0x7f800000u | (1 + rn(r, 0x3fffff));                 /* SNaN */
    case 10: return s | (0x3f800000u + rn(r, 4));                           /* 1 + ulps */
    case 11: return s | (0x4f000000u - 1 + rn(r, 3));                       /* around 2^31 */
    case 12: return s | ((110 + rn(r, 36)) << 23 | (r32(r) & 0x7fffff));
    default: return r32(r);
    }
}

static uint64_t rand_double_bits(rng *r)
{
    uint64_t s = chance(r, 50) ? 0x8000000000000000ull : 0;
    static const double ints[] = {2147483647.0,  2147483647.5,  2147483648.0, -2147483648.0,
                                  -2147483648.5, -2147483649.0, 4294967296.0, 0.5,
                                  1.5,           2.5,           -0.5,         1e300,
                                  1e-300,        3.0,           1e10,         -1e10};
    switch (rn(r, 18)) {
    case 0: return s;
    case 1: return s | 0x3ff0000000000000ull;
    case 2: return dbl_bits(ints[rn(r, 16)]);
    case 3: return s | 0x7fefffffffffffffull;             /* DBL_MAX */
    case 4: return s | 0x0010000000000000ull;             /* DBL_MIN */
    case 5: return s | (r64(r) & 0xfffffffffffffull) | 1; /* denormal */
    case 6: return s | 0x7ff0000000000000ull;
    case 7: return s | 0x7ff8000000000000ull | (chance(r, 50) ? 0 : r64(r) & 0x7ffffffffffffull);
    case 8: return s | 0x7ff0000000000000ull | ((r64(r) & 0x7ffffffffffffull) | 1);
    case 9: return s | 0x47effffff0000000ull;  /* FLT_MAX + half an ulp */
    case 10: return s | 0x3ff0000010000000ull; /* 1 + 2^-24: a single tie */
    case 11: return s | 0x36a0000000000000ull; /* 2^-149, the smallest single */
    case 12: return s | (0x3ff0000000000000ull | (r64(r) & 0xfffffffffffffull));
    case 13: return s | (uint64_t)(860 + rn(r, 40)) << 52 | (r64(r) & 0xfffffffffffffull);
    case 14: return s | (uint64_t)(1100 + rn(r, 60)) << 52 | (r64(r) & 0xfffffffffffffull);
    case 15: return widen_single(rand_single_bits(r));
    default: return r64(r);
    }
}

static uint64_t rand_fp(rng *r, bool single)
{
    return single ? widen_single(rand_single_bits(r)) : rand_double_bits(r);
}

static uint32_t fpscr_summaries(uint32_t v)
{
    v &= ~(FEX | VX);
    if (v & VX_ALL) v |= VX;
    if (((v >> 25) & (v >> 3) & 0x1f) != 0) /* VX OX UX ZX XX against VE OE UE ZE XE */
        v |= FEX;
    return v;
}

/* ---- state ---- */

typedef struct cpu_state {
    uint32_t gpr[32];
    uint64_t fpr[32];
    uint32_t cr, xer, lr, ctr, fpscr, pc;
    uint8_t data[DATA_SIZE];
} cpu_state;

static uint32_t rand_gpr_value(rng *r)
{
    static const uint32_t special[] = {0x7fffffffu, 0x80000000u, 0xffffffffu, 1,
                                       0x8000u,     0xffffu,     0x7fffu,     0x80000001u};
    switch (rn(r, 8)) {
    case 0: return 0;
    case 1: return rn(r, 64);
    case 2: return 0u - rn(r, 64);
    case 3: return special[rn(r, 8)];
    case 4: return DATA_BASE + rn(r, DATA_SIZE);
    default: return r32(r);
    }
}

static void make_state(rng *r, cpu_state *s)
{
    for (int i = 0; i < 32; i++) s->gpr[i] = rand_gpr_value(r);
    for (int i = 0; i < 32; i++) s->fpr[i] = rand_fp(r, chance(r, 50));
    s->cr = r32(r);
    s->xer = r32(r) & 0xe000007fu;
    s->lr = r32(r);
    s->ctr = chance(r, 40) ? rn(r, 4) : r32(r);
    uint32_t f = r32(r) & ~(FEX | VX | NI | FPSCR20);
    if (chance(r, 75)) f &= ~ENABLES;
    if (chance(r, 50)) f &= ~(FX | EXC);
    if (f & EXC) f |= FX; /* see U1 */
    s->fpscr = fpscr_summaries(f);
    s->pc = CODE_BASE;
    for (unsigned off = 0; off < DATA_SIZE; off += 8) {
        switch (rn(r, 4)) {
        case 0: put64(s->data + off, rand_double_bits(r)); break;
        case 1:
            put32(s->data + off, rand_single_bits(r));
            put32(s->data + off + 4, rand_single_bits(r));
            break;
        default: put64(s->data + off, r64(r)); break;
        }
    }
}

/* ---- the generated block ---- */

enum { FIX_NONE, FIX_REL14, FIX_ABS14, FIX_REL24, FIX_ABS24, FIX_HI16, FIX_LO16 };

typedef struct ginsn {
    uint32_t word;
    uint32_t hi_after, nocmp_after; /* what is not comparable after it (for bisect) */
    uint8_t fix;
    uint8_t extra;   /* FIX_LO16: low bits ORed into the address */
    uint16_t target; /* a unit index */
} ginsn;

/* What the generator knows about the FP state at a point of the block. */
typedef struct fptrack {
    uint32_t single;      /* FPR n holds a value representable in single format */
    uint32_t stfs_ok;     /* FPR n is zero or has an exponent >= 874 */
    uint32_t hi_undef;    /* FPR n's upper word is undefined (fctiw, mffs) */
    uint32_t fpscr_nocmp; /* FPSCR bits not comparable: undefined, or see U2/U3 */
    uint32_t en_val;      /* FPSCR enable and RN bits, as known */
    uint32_t en_unk;      /* those that may differ between paths */
} fptrack;

typedef struct block {
    ginsn insn[MAX_WORDS + 1];
    unsigned n;
    unsigned nunits;
    unsigned unit_start[MAX_UNITS + 1];
    uint8_t pool[POOL_SIZE];
    unsigned npool;
    fptrack end; /* at the end of the block, every path merged */
} block;

enum { C_INT = 1, C_LDST = 2, C_BRANCH = 4, C_CR = 8, C_FP = 16, C_ALL = 31 };

typedef struct gen {
    rng *r;
    block *b;
    unsigned unit;
    uint32_t hot; /* a 256-byte window of the data area most accesses go to */
    fptrack ft;
    fptrack pend[MAX_UNITS + 1];
    bool pend_set[MAX_UNITS + 1];
} gen;

#define OP(p) ((uint32_t)(p) << 26)

static uint32_t enc_d(unsigned op, unsigned rt, unsigned ra, uint32_t imm)
{
    return OP(op) | rt << 21 | ra << 16 | (imm & 0xffff);
}

static uint32_t enc_x(unsigned op, unsigned rt, unsigned ra, unsigned rb, unsigned xo, unsigned rc)
{
    return OP(op) | rt << 21 | ra << 16 | rb << 11 | xo << 1 | rc;
}

static uint32_t enc_xo(unsigned rt, unsigned ra, unsigned rb, unsigned oe, unsigned xo, unsigned rc)
{
    return OP(31) | rt << 21 | ra << 16 | rb << 11 | oe << 10 | xo << 1 | rc;
}

static uint32_t enc_m(unsigned op, unsigned rs, unsigned ra, unsigned sh, unsigned mb, unsigned me,
                      unsigned rc)
{
    return OP(op) | rs << 21 | ra << 16 | sh << 11 | mb << 6 | me << 1 | rc;
}

static uint32_t enc_a(unsigned op, unsigned d, unsigned a, unsigned b, unsigned c, unsigned xo,
                      unsigned rc)
{
    return OP(op) | d << 21 | a << 16 | b << 11 | c << 6 | xo << 1 | rc;
}

static uint32_t enc_spr(unsigned xo, unsigned r, unsigned spr)
{
    return OP(31) | r << 21 | (spr & 31) << 16 | (spr >> 5) << 11 | xo << 1;
}

static void emit_fix(gen *g, uint32_t w, unsigned fix, unsigned target, unsigned extra)
{
    block *b = g->b;
    if (b->n >= MAX_WORDS) {
        fprintf(stderr, "ppc-diff: block overflow (generator bug)\n");
        exit(99);
    }
    if (b->n) {
        b->insn[b->n - 1].hi_after = g->ft.hi_undef;
        b->insn[b->n - 1].nocmp_after = g->ft.fpscr_nocmp;
    }
    b->insn[b->n++] = (ginsn){w, 0, 0, (uint8_t)fix, (uint8_t)extra, (uint16_t)target};
}

static void emit(gen *g, uint32_t w)
{
    emit_fix(g, w, FIX_NONE, 0, 0);
}

static unsigned rreg(gen *g)
{
    return rn(g->r, 32);
}
static unsigned rreg_nz(gen *g)
{
    return 1 + rn(g->r, 31);
}

/* li, or lis + ori. */
static void set_gpr(gen *g, unsigned r, uint32_t v)
{
    if ((int32_t)v >= -32768 && (int32_t)v <= 32767) {
        emit(g, enc_d(14, r, 0, v));
        return;
    }
    emit(g, enc_d(15, r, 0, v >> 16));
    if (v & 0xffff) emit(g, enc_d(24, r, r, v & 0xffff));
}

static uint32_t rand_imm16(gen *g)
{
    static const uint32_t special[] = {0, 1, 0xffff, 0x7fff, 0x8000, 0xfffe, 0x00ff, 0xff00};
    switch (rn(g->r, 4)) {
    case 0: return special[rn(g->r, 8)];
    case 1: return (uint32_t)((int)rn(g->r, 33) - 16) & 0xffff;
    default: return r32(g->r) & 0xffff;
    }
}

/* An EA for `size` bytes inside the data area, a multiple of `align`. */
static uint32_t pick_ea(gen *g, unsigned size, unsigned align)
{
    uint32_t lo = DATA_BASE, hi = DATA_BASE + DATA_SIZE - size, ea;
    switch (rn(g->r, 5)) {
    case 0: ea = DATA_BASE + 0x1000 - size - 4 + rn(g->r, size + 8); break; /* the page boundary */
    case 1:
    case 2:
    case 3: ea = g->hot + rn(g->r, 256); break;
    default: ea = lo + rn(g->r, hi - lo + 1); break;
    }
    if (ea > hi) ea = hi;
    return ea & ~(align - 1);
}

static int32_t pick_disp(gen *g)
{
    switch (rn(g->r, 4)) {
    case 0: return 0;
    case 1: return (int32_t)rn(g->r, 129) - 64;
    case 2: return (int32_t)rn(g->r, 2049) - 1024;
    default: return (int16_t)r32(g->r);
    }
}

/* Sets rA and rB so that (rA|0) + rB = ea. rA == rB needs an even ea. */
static void setup_x(gen *g, unsigned ra, unsigned rb, uint32_t ea)
{
    if (ra == 0) {
        set_gpr(g, rb, ea);
        return;
    }
    if (ra == rb) {
        set_gpr(g, ra, ea / 2 + (chance(g->r, 50) ? 0x80000000u : 0));
        return;
    }
    uint32_t off;
    switch (rn(g->r, 4)) {
    case 0: off = (uint32_t)((int)rn(g->r, 257) - 128); break;
    case 1: off = ea; break;
    case 2: off = r32(g->r); break;
    default: off = rn(g->r, 0x1000); break;
    }
    set_gpr(g, ra, ea - off);
    set_gpr(g, rb, off);
}

/* Index registers for an X-form access: rA (0 allowed when ra0_ok), rB. */
static void pick_x(gen *g, bool ra0_ok, uint32_t ea, unsigned *ra, unsigned *rb)
{
    *ra = ra0_ok && chance(g->r, 20) ? 0 : rreg_nz(g);
    *rb = rreg(g);
    if (*ra == *rb && (ea & 1)) *rb = (*ra + 1 + rn(g->r, 31)) & 31;
}

/* ---- FP tracking ---- */

static void ft_known(fptrack *t, unsigned f, uint64_t v)
{
    uint32_t m = 1u << f;
    t->single = is_single(v) ? t->single | m : t->single & ~m;
    t->stfs_ok = stfs_defined(v) ? t->stfs_ok | m : t->stfs_ok & ~m;
    t->hi_undef &= ~m;
}

/* An FPR write. may_skip: frD may be left unchanged (an enabled invalid
 * operation or zero divide), so what was true of the old value must stay
 * true of the new one for the flag to hold. */
static void ft_write(gen *g, unsigned f, bool single, bool stfs_ok, bool hi_undef, bool may_skip)
{
    fptrack *t = &g->ft;
    uint32_t m = 1u << f;
    bool os = t->single & m, oo = t->stfs_ok & m, oh = t->hi_undef & m;
    if (may_skip) {
        single = single && os;
        stfs_ok = stfs_ok && oo;
        hi_undef = hi_undef || oh;
    }
    t->single = single ? t->single | m : t->single & ~m;
    t->stfs_ok = stfs_ok ? t->stfs_ok | m : t->stfs_ok & ~m;
    t->hi_undef = hi_undef ? t->hi_undef | m : t->hi_undef & ~m;
}

static void ft_copy(gen *g, unsigned fd, unsigned fs)
{
    fptrack *t = &g->ft;
    ft_write(g, fd, t->single >> fs & 1, t->stfs_ok >> fs & 1, t->hi_undef >> fs & 1, false);
}

static bool ft_may(const gen *g, uint32_t enable)
{
    return ((g->ft.en_val | g->ft.en_unk) & enable) != 0;
}

/* The FPSCR bits in `mask` were written with `v`. */
static void ft_fpscr_write(gen *g, uint32_t mask, uint32_t v)
{
    g->ft.fpscr_nocmp &= ~mask;
    uint32_t e = mask & KNOWN;
    g->ft.en_val = (g->ft.en_val & ~e) | (v & e);
    g->ft.en_unk &= ~e;
}

static fptrack ft_merge(fptrack a, fptrack b)
{
    fptrack m;
    m.single = a.single & b.single;
    m.stfs_ok = a.stfs_ok & b.stfs_ok;
    m.hi_undef = a.hi_undef | b.hi_undef;
    m.fpscr_nocmp = a.fpscr_nocmp | b.fpscr_nocmp;
    m.en_unk = a.en_unk | b.en_unk | (a.en_val ^ b.en_val);
    m.en_val = a.en_val & ~m.en_unk;
    return m;
}

/* A branch from here to unit t. */
static void branch_to(gen *g, unsigned t)
{
    g->pend[t] = g->pend_set[t] ? ft_merge(g->pend[t], g->ft) : g->ft;
    g->pend_set[t] = true;
}

/* The constant pool: lfd from it gives an FPR a known value, returned. When
 * the pool is full, slot 0 (1.0) is loaded instead. */
static uint64_t load_const(gen *g, unsigned f, uint64_t v)
{
    block *b = g->b;
    unsigned off = 0;
    if (b->npool < POOL_SIZE / 8) {
        off = 8 * b->npool++;
        put64(b->pool + off, v);
    } else {
        v = get64(b->pool);
    }
    unsigned rp = rreg_nz(g);
    emit(g, enc_d(15, rp, 0, POOL_BASE >> 16));
    emit(g, enc_d(50, f, rp, (POOL_BASE & 0xffff) + off));
    ft_known(&g->ft, f, v);
    return v;
}

/* An FPR from `eligible`, or a fresh constant loaded into a random one. */
static unsigned pick_fpr(gen *g, uint32_t eligible, bool single)
{
    if (eligible && !chance(g->r, 10)) {
        for (;;) {
            unsigned f = rn(g->r, 32);
            if (eligible >> f & 1) return f;
        }
    }
    unsigned f = rn(g->r, 32);
    load_const(g, f, rand_fp(g->r, single));
    return f;
}

/* ---- integer class ---- */

typedef struct dop {
    unsigned op;
} dop;

/* addi addis addic addic. subfic mulli */
static const dop d_arith[] = {{14}, {15}, {12}, {13}, {8}, {7}};
/* ori oris xori xoris andi. andis. */
static const dop d_logic[] = {{24}, {25}, {26}, {27}, {28}, {29}};

typedef struct xop {
    unsigned xo;
    unsigned flags;
} xop;

enum { XO_OE = 1, XO_NORB = 2 };

static const xop xo_arith[] = {
    {266, XO_OE},           /* add */
    {10, XO_OE},            /* addc */
    {138, XO_OE},           /* adde */
    {40, XO_OE},            /* subf */
    {8, XO_OE},             /* subfc */
    {136, XO_OE},           /* subfe */
    {235, XO_OE},           /* mullw */
    {75, 0},                /* mulhw */
    {11, 0},                /* mulhwu */
    {234, XO_OE | XO_NORB}, /* addme */
    {202, XO_OE | XO_NORB}, /* addze */
    {232, XO_OE | XO_NORB}, /* subfme */
    {200, XO_OE | XO_NORB}, /* subfze */
    {104, XO_OE | XO_NORB}, /* neg */
};

/* rA <- rS op rB: and andc or orc xor nand nor eqv slw srw sraw; then
 * cntlzw extsb extsh (no rB) */
static const xop x_logic[] = {
    {28, 0},  {60, 0}, {444, 0}, {412, 0}, {316, 0},      {476, 0},       {124, 0},
    {284, 0}, {24, 0}, {536, 0}, {792, 0}, {26, XO_NORB}, {954, XO_NORB}, {922, XO_NORB},
};

/* The TO bits (lt gt eq ltu gtu) whose condition is false for a, b. */
static unsigned trap_false(uint32_t a, uint32_t b)
{
    unsigned t = 0;
    if (!((int32_t)a < (int32_t)b)) t |= 16;
    if (!((int32_t)a > (int32_t)b)) t |= 8;
    if (a != b) t |= 4;
    if (!(a < b)) t |= 2;
    if (!(a > b)) t |= 1;
    return t;
}

static void gen_int(gen *g)
{
    rng *r = g->r;
    unsigned rd = rreg(g), ra = rreg(g), rb = rreg(g), rc = chance(r, 50);
    switch (rn(r, 14)) {
    case 0:
    case 1: {
        const dop *o = &d_arith[rn(r, 6)];
        emit(g, enc_d(o->op, rd, ra, rand_imm16(g)));
        break;
    }
    case 2: {
        const dop *o = &d_logic[rn(r, 6)];
        emit(g, enc_d(o->op, rd, ra, rand_imm16(g)));
        break;
    }
    case 3:
    case 4:
    case 5: {
        const xop *o = &xo_arith[rn(r, sizeof xo_arith / sizeof xo_arith[0])];
        unsigned oe = (o->flags & XO_OE) && chance(r, 50);
        emit(g, enc_xo(rd, ra, (o->flags & XO_NORB) ? 0 : rb, oe, o->xo, rc));
        break;
    }
    case 6:
    case 7: {
        if (chance(r, 15)) {
            emit(g, enc_x(31, rd, ra, rn(r, 32), 824, rc)); /* srawi */
            break;
        }
        const xop *o = &x_logic[rn(r, sizeof x_logic / sizeof x_logic[0])];
        emit(g, enc_x(31, rd, ra, (o->flags & XO_NORB) ? 0 : rb, o->xo, rc));
        break;
    }
    case 8:
    case 9: {
        unsigned sh = rn(r, 32), mb = rn(r, 32), me = rn(r, 32);
        switch (rn(r, 3)) {
        case 0: emit(g, enc_m(21, rd, ra, sh, mb, me, rc)); break;  /* rlwinm */
        case 1: emit(g, enc_m(20, rd, ra, sh, mb, me, rc)); break;  /* rlwimi */
        default: emit(g, enc_m(23, rd, ra, rb, mb, me, rc)); break; /* rlwnm */
        }
        break;
    }
    case 10: {
        unsigned crf = rn(r, 8);
        switch (rn(r, 4)) {
        case 0: emit(g, enc_x(31, crf << 2, ra, rb, 0, 0)); break;       /* cmp */
        case 1: emit(g, enc_x(31, crf << 2, ra, rb, 32, 0)); break;      /* cmpl */
        case 2: emit(g, enc_d(11, crf << 2, ra, rand_imm16(g))); break;  /* cmpi */
        default: emit(g, enc_d(10, crf << 2, ra, rand_imm16(g))); break; /* cmpli */
        }
        break;
    }
    case 11: {
        /* A divide with a legal divisor set up first. */
        bool u = chance(r, 40);
        unsigned oe = chance(r, 50);
        uint32_t dv;
        if (!u && ra != rb && chance(r, 15)) {
            /* Divisor -1 with a dividend other than 0x80000000. */
            uint32_t a;
            do a = rand_gpr_value(r);
            while (a == 0x80000000u);
            set_gpr(g, ra, a);
            dv = 0xffffffffu;
        } else {
            do dv = chance(r, 50) ? rand_gpr_value(r) : (uint32_t)((int)rn(r, 33) - 16);
            while (dv == 0 || (!u && dv == 0xffffffffu));
        }
        set_gpr(g, rb, dv);
        emit(g, enc_xo(rd, ra, rb, oe, u ? 459 : 491, rc));
        break;
    }
    case 12: {
        if (chance(r, 70)) {
            /* Overflowing divide: only XER[OV,SO] is defined (Rc = 0, rD
             * overwritten at once). */
            bool u = chance(r, 40);
            if (u || ra == rb || chance(r, 50)) {
                set_gpr(g, rb, 0);
            } else {
                set_gpr(g, ra, 0x80000000u);
                set_gpr(g, rb, 0xffffffffu);
            }
            emit(g, enc_xo(rd, ra, rb, chance(r, 70), u ? 459 : 491, 0));
            emit(g, enc_d(14, rd, 0, rand_imm16(g)));
            break;
        }
        /* A trap whose conditions are all false. */
        uint32_t a = rand_gpr_value(r);
        set_gpr(g, ra, a);
        if (chance(r, 50)) {
            uint32_t si = rand_imm16(g);
            unsigned to = trap_false(a, (uint32_t)(int32_t)(int16_t)si) & r32(r);
            emit(g, enc_d(3, to, ra, si));
        } else {
            uint32_t bv = ra == rb ? a : chance(r, 30) ? a : rand_gpr_value(r);
            if (ra != rb) set_gpr(g, rb, bv);
            unsigned to = trap_false(a, bv) & r32(r);
            emit(g, enc_x(31, to, ra, rb, 4, 0));
        }
        break;
    }
    default: {
        /* Interesting operands first. */
        set_gpr(g, ra, rand_gpr_value(r));
        const xop *o = &xo_arith[rn(r, sizeof xo_arith / sizeof xo_arith[0])];
        unsigned oe = (o->flags & XO_OE) && chance(r, 50);
        emit(g, enc_xo(rd, ra, (o->flags & XO_NORB) ? 0 : rb, oe, o->xo, rc));
        break;
    }
    }
}

/* ---- load/store class ---- */

typedef struct memop {
    unsigned dop, xxo, size; /* D-form opcode, X-form extended opcode */
    bool store;
} memop;

static const memop int_memops[] = {
    {34, 87, 1, false},  /* lbz lbzu lbzx lbzux */
    {40, 279, 2, false}, /* lhz ... */
    {42, 343, 2, false}, /* lha ... */
    {32, 23, 4, false},  /* lwz ... */
    {38, 215, 1, true},  /* stb ... */
    {44, 407, 2, true},  /* sth ... */
    {36, 151, 4, true},  /* stw ... */
};

static const memop brx_memops[] = {
    {0, 790, 2, false}, /* lhbrx */
    {0, 534, 4, false}, /* lwbrx */
    {0, 918, 2, true},  /* sthbrx */
    {0, 662, 4, true},  /* stwbrx */
};

static const memop fp_memops[] = {
    {48, 535, 4, false}, /* lfs lfsu lfsx lfsux */
    {50, 599, 8, false}, /* lfd ... */
    {52, 663, 4, true},  /* stfs ... */
    {54, 727, 8, true},  /* stfd ... */
};

/* form: bit 0 update, bit 1 indexed. rd is a GPR unless fp. */
static void gen_memop(gen *g, const memop *m, unsigned rd, unsigned form, unsigned align, bool fp)
{
    uint32_t ea = pick_ea(g, m->size, align);
    bool upd = form & 1, idx = form & 2;
    unsigned ra, rb;
    if (!idx) {
        do ra = rreg_nz(g);
        while (upd && !m->store && !fp && ra == rd);
        int32_t d = pick_disp(g);
        set_gpr(g, ra, ea - (uint32_t)d);
        emit(g, enc_d(m->dop + upd, rd, ra, (uint32_t)d));
        return;
    }
    do pick_x(g, !upd, ea, &ra, &rb);
    while (upd && !m->store && !fp && ra == rd);
    setup_x(g, ra, rb, ea);
    emit(g, enc_x(31, rd, ra, rb, m->xxo + (upd ? 32 : 0), 0));
}

/* Registers rd, rd+1, ... (wrapping) that n string bytes fill. */
static bool in_string_range(unsigned rd, unsigned nbytes, unsigned reg)
{
    unsigned nregs = (nbytes + 3) / 4;
    return ((reg - rd) & 31) < nregs;
}

/* mtxer with a random SO/OV/CA and the byte count n. */
static void set_xer_count(gen *g, unsigned n)
{
    unsigned t = rreg(g);
    set_gpr(g, t, (r32(g->r) & 0xe0000000u) | n);
    emit(g, enc_spr(467, t, 1));
}

static void gen_ldst(gen *g)
{
    rng *r = g->r;
    switch (rn(r, 18)) {
    default: {
        const memop *m = &int_memops[rn(r, sizeof int_memops / sizeof int_memops[0])];
        gen_memop(g, m, rreg(g), rn(r, 4), 1, false);
        break;
    }
    case 8:
    case 9: gen_memop(g, &brx_memops[rn(r, 4)], rreg(g), 2, 1, false); break;
    case 10: {
        unsigned rd = 2 + rn(r, 30), ra = 1 + rn(r, rd - 1);
        uint32_t ea = pick_ea(g, 4 * (32 - rd), 4);
        int32_t d = pick_disp(g);
        set_gpr(g, ra, ea - (uint32_t)d);
        emit(g, enc_d(46, rd, ra, (uint32_t)d));
        break;
    }
    case 11: {
        unsigned rs = rreg(g), ra = rreg_nz(g);
        uint32_t ea = pick_ea(g, 4 * (32 - rs), 4);
        int32_t d = pick_disp(g);
        set_gpr(g, ra, ea - (uint32_t)d);
        emit(g, enc_d(47, rs, ra, (uint32_t)d));
        break;
    }
    case 12: {
        unsigned nb = rn(r, 32), n = nb ? nb : 32, rd = rreg(g), ra;
        bool load = chance(r, 50);
        do ra = rreg_nz(g);
        while (load && in_string_range(rd, n, ra));
        set_gpr(g, ra, pick_ea(g, n, 1));
        if (load)
            emit(g, enc_x(31, rd, ra, nb, 597, 0));
        else
            emit(g, enc_x(31, rd, ra, nb, 725, 0));
        break;
    }
    case 13: {
        bool load = chance(r, 50);
        unsigned n = load ? 1 + rn(r, 48) : rn(r, 49), rd, ra, rb;
        uint32_t ea = pick_ea(g, n ? n : 1, 1);
        for (;;) {
            rd = rreg(g);
            pick_x(g, true, ea, &ra, &rb);
            if (!load || ((ra == 0 || !in_string_range(rd, n, ra)) && !in_string_range(rd, n, rb)))
                break;
        }
        set_xer_count(g, n);
        setup_x(g, ra, rb, ea);
        if (load)
            emit(g, enc_x(31, rd, ra, rb, 533, 0));
        else
            emit(g, enc_x(31, rd, ra, rb, 661, 0));
        break;
    }
    case 14: {
        /* lwarx ... stwcx. on one EA, then maybe a stwcx. without a
         * reservation. */
        uint32_t ea = pick_ea(g, 4, 4);
        unsigned ra, rb, rd;
        pick_x(g, true, ea, &ra, &rb);
        do rd = rreg(g);
        while ((ra && rd == ra) || rd == rb);
        setup_x(g, ra, rb, ea);
        emit(g, enc_x(31, rd, ra, rb, 20, 0));
        unsigned rs = rreg(g);
        if (chance(r, 50) && rd != ra && rd != rb) {
            emit(g, enc_d(14, rd, rd, 1));
            rs = rd;
        }
        emit(g, enc_x(31, rs, ra, rb, 150, 1));
        if (chance(r, 30)) {
            ea = pick_ea(g, 4, 4);
            pick_x(g, true, ea, &ra, &rb);
            setup_x(g, ra, rb, ea);
            emit(g, enc_x(31, rreg(g), ra, rb, 150, 1));
        }
        break;
    }
    case 15: {
        uint32_t ea = pick_ea(g, 1, 1);
        unsigned ra, rb;
        pick_x(g, true, ea, &ra, &rb);
        setup_x(g, ra, rb, ea);
        emit(g, enc_x(31, 0, ra, rb, 1014, 0));
        break;
    }
    case 16: {
        /* dcbt dcbtst dcbf dcbst icbi */
        static const xop hints[] = {{278, 0}, {246, 0}, {86, 0}, {54, 0}, {982, 0}};
        switch (rn(r, 4)) {
        case 0: emit(g, enc_x(31, 0, 0, 0, 598, 0)); break;
        case 1: emit(g, enc_x(31, 0, 0, 0, 854, 0)); break;
        case 2: emit(g, enc_x(19, 0, 0, 0, 150, 0)); break;
        default: {
            const xop *o = &hints[rn(r, 5)];
            uint32_t ea = pick_ea(g, 1, 1);
            unsigned ra, rb;
            pick_x(g, true, ea, &ra, &rb);
            setup_x(g, ra, rb, ea);
            emit(g, enc_x(31, 0, ra, rb, o->xo, 0));
            break;
        }
        }
        break;
    }
    }
}

/* ---- branch class ---- */

/* Valid BO values with the z bits clear (MPCFPE32B table 4-20). */
static const uint8_t bo_any[] = {0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20};
static const uint8_t bo_noctr[] = {4, 5, 12, 13, 20};

static unsigned pick_target(gen *g)
{
    unsigned left = g->b->nunits - g->unit; /* targets unit+1 .. nunits */
    unsigned span = left < 8 || chance(g->r, 80) ? (left < 8 ? left : 8) : left;
    return g->unit + 1 + rn(g->r, span);
}

static void maybe_small_ctr(gen *g)
{
    if (chance(g->r, 40)) {
        unsigned t = rreg(g);
        set_gpr(g, t, rn(g->r, 4));
        emit(g, enc_spr(467, t, 9));
    }
}

/* lis/ori of a unit's address (patched later) into rT, then mtspr. */
static void set_target_spr(gen *g, unsigned t, unsigned spr)
{
    unsigned rt = rreg(g), low = chance(g->r, 25) ? rn(g->r, 4) : 0;
    emit_fix(g, enc_d(15, rt, 0, 0), FIX_HI16, t, 0);
    emit_fix(g, enc_d(24, rt, rt, 0), FIX_LO16, t, low);
    emit(g, enc_spr(467, rt, spr));
}

static void gen_branch(gen *g)
{
    rng *r = g->r;
    unsigned t = pick_target(g), bi = rn(r, 32), lk = chance(r, 25);
    switch (rn(r, 8)) {
    case 0:
    case 1: {
        unsigned aa = chance(r, 20);
        emit_fix(g, OP(18) | aa << 1 | lk, aa ? FIX_ABS24 : FIX_REL24, t, 0);
        break;
    }
    case 2:
    case 3:
    case 4: {
        maybe_small_ctr(g);
        unsigned aa = chance(r, 15), bo = bo_any[rn(r, sizeof bo_any)];
        emit_fix(g, OP(16) | bo << 21 | bi << 16 | aa << 1 | lk, aa ? FIX_ABS14 : FIX_REL14, t, 0);
        break;
    }
    case 5:
    case 6: {
        maybe_small_ctr(g);
        set_target_spr(g, t, 8);
        unsigned bo = bo_any[rn(r, sizeof bo_any)];
        emit(g, OP(19) | bo << 21 | bi << 16 | 16 << 1 | lk);
        break;
    }
    default: {
        set_target_spr(g, t, 9);
        unsigned bo = bo_noctr[rn(r, sizeof bo_noctr)];
        emit(g, OP(19) | bo << 21 | bi << 16 | 528 << 1 | lk);
        break;
    }
    }
    branch_to(g, t);
}

/* ---- CR and SPR class ---- */

static void gen_cr(gen *g)
{
    rng *r = g->r;
    /* crand crandc creqv crnand crnor cror crorc crxor */
    static const xop crops[] = {{257, 0}, {129, 0}, {289, 0}, {225, 0},
                                {33, 0},  {449, 0}, {417, 0}, {193, 0}};
    static const unsigned sprs[] = {1, 8, 9};
    switch (rn(r, 11)) {
    case 0:
    case 1:
    case 2: {
        const xop *o = &crops[rn(r, 8)];
        emit(g, enc_x(19, rn(r, 32), rn(r, 32), rn(r, 32), o->xo, 0));
        break;
    }
    case 3: emit(g, OP(19) | rn(r, 8) << 23 | rn(r, 8) << 18); break; /* mcrf */
    case 4: {
        unsigned fxm;
        switch (rn(r, 4)) {
        case 0: fxm = 0xff; break;
        case 1: fxm = 0x80u >> rn(r, 8); break;
        default: fxm = rn(r, 256); break;
        }
        emit(g, OP(31) | rreg(g) << 21 | fxm << 12 | 144 << 1); /* mtcrf */
        break;
    }
    case 5: emit(g, enc_x(31, rreg(g), 0, 0, 19, 0)); break;    /* mfcr */
    case 6: emit(g, OP(31) | rn(r, 8) << 23 | 512 << 1); break; /* mcrxr */
    case 7: set_xer_count(g, rn(r, 128)); break;                /* mtxer */
    case 8:
    case 9: emit(g, enc_spr(339, rreg(g), sprs[rn(r, 3)])); break;      /* mfxer/mflr/mfctr */
    default: emit(g, enc_spr(467, rreg(g), sprs[1 + rn(r, 2)])); break; /* mtlr/mtctr */
    }
}

/* ---- floating-point class ---- */

enum { FA = 1, FB = 2, FC = 4 };

typedef struct fpa {
    unsigned xo, ops;
} fpa;

/* fadd fsub fmul fdiv fmadd fmsub fnmadd fnmsub (primary 63), and the
 * single forms fadds ... fnmsubs (primary 59) */
static const fpa fp_arith[] = {
    {21, FA | FB},      {20, FA | FB},      {25, FA | FC},      {18, FA | FB},
    {29, FA | FB | FC}, {28, FA | FB | FC}, {31, FA | FB | FC}, {30, FA | FB | FC},
};

/* An FPR usable as an arithmetic input (single: representable in single). */
static unsigned fp_input(gen *g, bool single, bool fresh)
{
    if (fresh) {
        unsigned f = rn(g->r, 32);
        load_const(g, f, rand_fp(g->r, single));
        return f;
    }
    uint32_t ok = ~g->ft.hi_undef;
    if (single) ok &= g->ft.single;
    return pick_fpr(g, ok, single);
}

/* After an instruction that sets FR and FI from its rounding (arithmetic,
 * frsp): FR is not comparable (U2); FI is, unless frD may be left alone. */
static void ft_rounded(gen *g, bool may_skip)
{
    g->ft.fpscr_nocmp |= FR;
    if (!may_skip) g->ft.fpscr_nocmp &= ~(FI | FPRF);
}

static void emit_mtfsb(gen *g, unsigned bit, bool one, unsigned rc);

/* Before an instruction that rounds: no enabled invalid, zero-divide,
 * overflow or underflow exception (U4): mtfsfi 6,0 if one may be set. */
static void fp_traps_off(gen *g)
{
    if (!ft_may(g, TRAPS)) return;
    emit(g, OP(63) | 6u << 23 | 134 << 1);
    ft_fpscr_write(g, 0x000000f0u, 0);
    g->ft.fpscr_nocmp |= FI; /* U3 */
}

static bool fp_is_nan(uint64_t v)
{
    return (v & 0x7fffffffffffffffull) > 0x7ff0000000000000ull;
}
static bool fp_is_inf(uint64_t v)
{
    return (v & 0x7fffffffffffffffull) == 0x7ff0000000000000ull;
}

/* Multiply-add operands Unicorn mishandles (U8): an infinity times a NaN
 * or a zero. */
static bool madd_bad(uint64_t a, uint64_t c)
{
    bool za = (a << 1) == 0, zc = (c << 1) == 0;
    return (fp_is_inf(a) && (fp_is_nan(c) || zc)) || (fp_is_inf(c) && (fp_is_nan(a) || za));
}

/* U12: Unicorn computes fmadds and its kin as a double multiply-add rounded
 * again to single. True if, in FPSCR[RN] mode `mode`, that double rounding
 * gives another result than the single rounding of a*c + b (the host's fmaf
 * rounds once). The inputs are read after fesetround through volatiles so
 * the computation cannot move across it. */
static bool madds_double_rounds(uint64_t a, uint64_t c, uint64_t b, unsigned mode)
{
    static const int modes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
    if (fp_is_nan(a) || fp_is_nan(c) || fp_is_nan(b)) return false;
    double da, dc, db;
    memcpy(&da, &a, 8);
    memcpy(&dc, &c, 8);
    memcpy(&db, &b, 8);
    volatile double va = da, vc = dc, vb = db;
    fesetround(modes[mode & 3]);
    volatile float once = fmaf((float)va, (float)vc, (float)vb);
    volatile float twice = (float)fma(va, vc, vb);
    fesetround(FE_TONEAREST);
    float o = once, t = twice;
    return memcmp(&o, &t, sizeof o) != 0;
}

/* The FPSCR[RN] values the block may be in here (bit m: mode m); with
 * `rn_high_cleared` (mtfsb0 30 will come first) only RN = 0 or 1. */
static unsigned possible_modes(const gen *g, bool rn_high_cleared)
{
    uint32_t val = g->ft.en_val, unk = g->ft.en_unk;
    if (rn_high_cleared) {
        val &= ~2u;
        unk &= ~2u;
    }
    unsigned set = 0;
    for (unsigned m = 0; m < 4; m++)
        if (((m ^ val) & RN_BITS & ~unk) == 0) set |= 1u << m;
    return set;
}

static void gen_fp_arith(gen *g, bool fresh)
{
    rng *r = g->r;
    bool single = chance(r, 50);
    const fpa *o = &fp_arith[rn(r, 8)];
    bool negated = o->xo >= 30; /* fnmadd, fnmsub */
    unsigned fa, fb, fc;
    if (o->ops == (FA | FB | FC)) {
        /* Multiply-add: frA and frC are constants, never an infinity
         * times a NaN or a zero (U8); single precision: frB too, and no
         * operands that Unicorn's double rounding gets wrong (U12). */
        unsigned modes = possible_modes(g, negated);
        uint64_t va, vc, vb = 0;
        bool ok = false;
        for (int tries = 0; tries < 100 && !ok; tries++) {
            va = rand_fp(r, single);
            vc = rand_fp(r, single);
            vb = rand_fp(r, single);
            ok = !madd_bad(va, vc);
            uint64_t sb = o->xo == 28 || o->xo == 30 ? vb ^ (1ull << 63) : vb; /* fmsub(s) */
            for (unsigned m = 0; single && ok && m < 4; m++)
                if (modes & (1u << m)) ok = !madds_double_rounds(va, vc, sb, m);
        }
        if (!ok) {
            va = vc = 0x3ff0000000000000ull;
            vb = 0;
        }
        fa = rn(r, 32);
        fc = rn(r, 32);
        if (single) {
            fb = rn(r, 32);
            load_const(g, fb, vb);
        } else {
            fb = fp_input(g, single, fresh);
        }
        va = load_const(g, fa, va);
        vc = load_const(g, fc, vc);
        if (fa == fc) va = vc;
        if (madd_bad(va, vc)) load_const(g, fc, 0x3ff0000000000000ull); /* the pool was full */
        if (single && (fb == fa || fb == fc)) /* frB was overwritten: reload it */
            load_const(g, fb = (fa + 1 + (fa + 1 == fc)) & 31, vb);
    } else {
        fa = fp_input(g, single, fresh);
        fb = (o->ops & FB) ? fp_input(g, single, fresh) : 0;
        fc = (o->ops & FC) ? fp_input(g, single, fresh) : 0;
    }
    unsigned fd = rn(r, 32);
    fp_traps_off(g);
    if (negated && (g->ft.en_val | g->ft.en_unk) & 2)
        emit_mtfsb(g, 30, false, 0); /* fnmadd, fnmsub: RN 0 or 1 (U6) */
    emit(g, enc_a(single ? 59 : 63, fd, fa, fb, fc, o->xo, chance(r, 30)));
    bool skip = ft_may(g, VE) || (o->xo == 18 && ft_may(g, ZE));
    ft_write(g, fd, single, single, false, skip);
    ft_rounded(g, skip);
    if (single) g->ft.fpscr_nocmp |= FPRF | UX; /* U7 */
}

/* mtfsb0/mtfsb1 of one FPSCR bit. Unicorn's clear FI (U3). */
static void emit_mtfsb(gen *g, unsigned bit, bool one, unsigned rc)
{
    uint32_t m = 0x80000000u >> bit;
    emit(g, OP(63) | bit << 21 | (one ? 38u : 70u) << 1 | rc);
    ft_fpscr_write(g, m, one ? m : 0);
    g->ft.fpscr_nocmp |= FI;
    if (bit == 14 && !one) g->ft.fpscr_nocmp &= ~FI;
}

/* Gives the FPSCR bits in `bits` values both engines agree on, before an
 * instruction copies them somewhere (mffs, mcrfs). FI last, and to 0. */
static void fpscr_settle(gen *g, uint32_t bits)
{
    for (unsigned bit = 0; bit < 32; bit++) {
        uint32_t m = 0x80000000u >> bit;
        if ((bits & m) && m != FI) emit_mtfsb(g, bit, (m & EXC) || chance(g->r, 50), 0); /* U11 */
    }
    if ((g->ft.fpscr_nocmp | bits) & FI) emit_mtfsb(g, 14, false, 0);
}

static unsigned fm_to_mask(unsigned fm)
{
    uint32_t mask = 0;
    for (unsigned f = 0; f < 8; f++)
        if (fm & (0x80u >> f)) mask |= 0xf0000000u >> (4 * f);
    return mask;
}

static void gen_fp(gen *g)
{
    rng *r = g->r;
    unsigned rc = chance(r, 30);
    uint32_t usable = ~g->ft.hi_undef;
    switch (rn(r, 22)) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4: gen_fp_arith(g, false); break;
    case 5:
    case 6: gen_fp_arith(g, true); break;
    case 7: {
        unsigned fa = pick_fpr(g, usable, false), fb = pick_fpr(g, usable, false),
                 fc = pick_fpr(g, usable, false), fd = rn(r, 32);
        emit(g, enc_a(63, fd, fa, fb, fc, 23, rc)); /* fsel */
        const fptrack *t = &g->ft;
        ft_write(g, fd, (t->single >> fb & t->single >> fc) & 1,
                 (t->stfs_ok >> fb & t->stfs_ok >> fc) & 1, false, false);
        break;
    }
    case 8: {
        unsigned fb = pick_fpr(g, usable, false), fd = rn(r, 32);
        fp_traps_off(g);
        emit(g, enc_x(63, fd, 0, fb, 12, rc)); /* frsp */
        ft_write(g, fd, true, true, false, ft_may(g, VE));
        ft_rounded(g, ft_may(g, VE));
        g->ft.fpscr_nocmp |= FPRF | UX; /* U7 */
        break;
    }
    case 9: {
        /* An input known not to be above 2^31 - 1 (U5). */
        uint64_t v;
        do v = rand_fp(r, chance(r, 30));
        while (!(v >> 63) && v > 0x41dfffffffc00000ull && (v >> 52) != 0x7ff);
        if (v == 0x7ff0000000000000ull) v |= 1ull << 63;
        unsigned fb = rn(r, 32), fd = rn(r, 32);
        load_const(g, fb, v);
        fp_traps_off(g);
        emit(g, enc_x(63, fd, 0, fb, chance(r, 50) ? 15 : 14, rc)); /* fctiwz, fctiw */
        ft_write(g, fd, false, false, true, ft_may(g, VE));
        g->ft.fpscr_nocmp |= FPRF | FR | FI; /* FPRF undefined; U2, U3 */
        break;
    }
    case 10: {
        static const unsigned moves[] = {72, 40, 264, 136}; /* fmr fneg fabs fnabs */
        unsigned fb = rn(r, 32), fd = rn(r, 32);
        emit(g, enc_x(63, fd, 0, fb, moves[rn(r, 4)], rc));
        ft_copy(g, fd, fb);
        break;
    }
    case 11: {
        unsigned fa = pick_fpr(g, usable, false), fb = pick_fpr(g, usable, false);
        bool o = chance(r, 50) && !ft_may(g, VE);                 /* fcmpo with VE set: U10 */
        emit(g, enc_x(63, rn(r, 8) << 2, fa, fb, o ? 32 : 0, 0)); /* fcmpo, fcmpu */
        g->ft.fpscr_nocmp &= ~FPCC;
        g->ft.fpscr_nocmp |= FI | (o ? 0x00010000u : 0); /* U3; U9: FPRF[C] */
        break;
    }
    case 12: {
        fpscr_settle(g, g->ft.fpscr_nocmp);
        unsigned fd = rn(r, 32);
        emit(g, enc_x(63, fd, 0, 0, 583, rc)); /* mffs */
        ft_write(g, fd, false, false, true, false);
        break;
    }
    case 13: {
        /* mtfsf from a known value: NI and bit 20 clear, FX kept 1 while an
         * exception bit is set (U1). */
        unsigned fm = chance(r, 30) ? 0xff : rn(r, 256), fb = rn(r, 32);
        uint32_t v = r32(r) & ~(NI | FPSCR20);
        if (chance(r, 60)) v &= ~ENABLES;
        if (chance(r, 50)) v &= ~EXC;
        uint32_t mask = fm_to_mask(fm);
        if ((v & mask & EXC) || ((mask & FX) && !(v & FX) && (mask & EXC) != EXC)) {
            fm |= 0x80;
            mask |= 0xf0000000u;
            v |= FX;
        }
        load_const(g, fb, (uint64_t)r32(r) << 32 | v);
        emit(g, OP(63) | fm << 17 | fb << 11 | 711 << 1 | rc);
        ft_fpscr_write(g, mask, v);
        g->ft.fpscr_nocmp |= FI; /* U3 */
        break;
    }
    case 14: {
        unsigned field = rn(r, 8), imm = rn(r, 16), sh = 28 - 4 * field;
        if (field == 7) imm &= ~4u; /* NI */
        if (field == 5) imm &= ~8u; /* reserved bit 20 */
        if (field == 6 && chance(r, 50)) imm = 0;
        if (field == 0)
            imm |= 8; /* FX (U1) */
        else if ((imm << sh) & EXC)
            emit_mtfsb(g, 0, true, 0); /* FX first (U1) */
        emit(g, OP(63) | field << 23 | imm << 12 | 134 << 1 | rc);
        ft_fpscr_write(g, 0xfu << sh, imm << sh);
        g->ft.fpscr_nocmp |= FI; /* U3 */
        break;
    }
    case 15: {
        /* Never NI or bit 20, never mtfsb0 FX (U1); enables seldom;
         * mtfsb0 of an invalid-operation bit only with VE clear (U11). */
        bool one = chance(r, 50);
        unsigned bit;
        for (;;) {
            bit = rn(r, 32);
            uint32_t m = 0x80000000u >> bit;
            if (bit == 20 || (one && bit == 29) || (!one && bit == 0)) continue;
            if (one && (m & TRAPS) && chance(r, 60)) continue;
            if (!one && (m & VX_ALL) && ft_may(g, VE)) continue;
            break;
        }
        emit_mtfsb(g, bit, one, rc);
        break;
    }
    case 16: {
        unsigned src = rn(r, 8);
        if (src == 0) {
            /* mcrfs clears FX and OX: clear the other exception bits first
             * so that FX stays consistent (U1). */
            static const unsigned clear_fields[] = {1, 2, 5};
            for (unsigned k = 0; k < 3; k++) {
                emit(g, OP(63) | clear_fields[k] << 23 | 134 << 1);
                ft_fpscr_write(g, 0xf0000000u >> (4 * clear_fields[k]), 0);
            }
            /* VXVC through mtfsfi 3 (not mtfsb0, U11). */
            unsigned imm = rn(r, 8);
            emit(g, OP(63) | 3u << 23 | imm << 12 | 134 << 1);
            ft_fpscr_write(g, 0x000f0000u, imm << 16);
            g->ft.fpscr_nocmp |= FI; /* U3 */
        }
        fpscr_settle(g, g->ft.fpscr_nocmp & (0xf0000000u >> (4 * src)));
        emit(g, OP(63) | rn(r, 8) << 23 | src << 18 | 64 << 1); /* mcrfs */
        ft_fpscr_write(g, 0, 0);
        break;
    }
    case 17:
    case 18: {
        unsigned k = rn(r, 4), form = rn(r, 4);
        const memop *m = &fp_memops[k];
        unsigned f;
        if (!m->store)
            f = rn(r, 32);
        else if (k == 2)
            f = pick_fpr(g, g->ft.stfs_ok & usable, true); /* stfs: see D.7 */
        else
            f = pick_fpr(g, usable, false);
        gen_memop(g, m, f, form, 4, true);
        if (k == 0)
            ft_write(g, f, true, true, false, false);
        else if (k == 1)
            ft_write(g, f, false, false, false, false);
        break;
    }
    case 19: {
        uint32_t ea = pick_ea(g, 4, 4);
        unsigned ra, rb;
        pick_x(g, true, ea, &ra, &rb);
        setup_x(g, ra, rb, ea);
        emit(g, enc_x(31, rn(r, 32), ra, rb, 983, 0)); /* stfiwx */
        break;
    }
    default: {
        unsigned f = rn(r, 32);
        load_const(g, f, rand_fp(r, chance(r, 50)));
        break;
    }
    }
}

/* ---- block generation ---- */

static void gen_block(gen *g, rng *r, block *b, unsigned classes, unsigned nunits,
                      const cpu_state *init)
{
    memset(g, 0, sizeof(*g));
    g->r = r;
    g->b = b;
    g->hot = DATA_BASE + rn(r, DATA_SIZE - 256 - 128);
    b->n = 0;
    b->nunits = nunits;
    b->npool = 1;
    memset(b->pool, 0, sizeof b->pool);
    put64(b->pool, 0x3ff0000000000000ull);
    for (unsigned f = 0; f < 32; f++) ft_known(&g->ft, f, init->fpr[f]);
    g->ft.en_val = init->fpscr & KNOWN;

    unsigned list[5], nlist = 0;
    for (unsigned c = 0; c < 5; c++)
        if (classes & (1u << c)) list[nlist++] = 1u << c;
    for (unsigned u = 0; u < nunits; u++) {
        g->unit = u;
        b->unit_start[u] = b->n;
        if (g->pend_set[u]) g->ft = ft_merge(g->ft, g->pend[u]);
        switch (list[rn(r, nlist)]) {
        case C_INT: gen_int(g); break;
        case C_LDST: gen_ldst(g); break;
        case C_BRANCH: gen_branch(g); break;
        case C_CR: gen_cr(g); break;
        default: gen_fp(g); break;
        }
    }
    b->unit_start[nunits] = b->n;
    if (g->pend_set[nunits]) g->ft = ft_merge(g->ft, g->pend[nunits]);
    b->end = g->ft;
    emit(g, 0x44000002u);

    /* Branch displacements and target addresses. */
    for (unsigned i = 0; i < b->n; i++) {
        ginsn *in = &b->insn[i];
        uint32_t pc = CODE_BASE + 4 * i, ta = CODE_BASE + 4 * b->unit_start[in->target];
        switch (in->fix) {
        case FIX_REL14: in->word |= (ta - pc) & 0xfffc; break;
        case FIX_ABS14: in->word |= ta & 0xfffc; break;
        case FIX_REL24: in->word |= (ta - pc) & 0x03fffffc; break;
        case FIX_ABS24: in->word |= ta & 0x03fffffc; break;
        case FIX_HI16: in->word |= ta >> 16; break;
        case FIX_LO16: in->word |= (ta | in->extra) & 0xffff; break;
        default: break;
        }
        /* The disassembler rejects unknown opcodes and reserved bits set. */
        if (!ppc_dasm_valid(in->word, PPC_DASM_750)) {
            fprintf(stderr, "ppc-diff: generated an invalid word %08" PRIX32 " (generator bug)\n",
                    in->word);
            exit(99);
        }
    }
}

/* ---- Clarus ---- */

typedef struct clarus {
    mm_space *bus;
    ppc_cpu *cpu;
    uint8_t *code, *data, *pool;
    bool sc_hit, fault;
    uint32_t fault_vector, fault_pc;
} clarus;

static void cl_syscall(void *ctx, ppc_cpu *cpu)
{
    clarus *c = ctx;
    c->sc_hit = true;
    ppc_end_slice(cpu);
}

static void cl_fault(void *ctx, ppc_cpu *cpu, uint32_t vector, uint32_t srr1)
{
    (void)srr1;
    clarus *c = ctx;
    c->fault = true;
    c->fault_vector = vector;
    c->fault_pc = ppc_get_pc(cpu);
    ppc_end_slice(cpu);
}

static bool cl_init(clarus *c, unsigned jit_hot)
{
    c->code = calloc(1, CODE_END - CODE_BASE);
    c->data = calloc(1, DATA_SIZE);
    c->pool = calloc(1, POOL_SIZE);
    c->bus = mm_create(32);
    if (!c->code || !c->data || !c->pool || !c->bus) return false;
    if (mm_add_ram(c->bus, "code", CODE_BASE, CODE_END - CODE_BASE, c->code) < 0 ||
        mm_add_ram(c->bus, "data", DATA_BASE, DATA_SIZE, c->data) < 0 ||
        mm_add_ram(c->bus, "pool", POOL_BASE, POOL_SIZE, c->pool) < 0)
        return false;
    mm_commit(c->bus);
    ppc_config cfg = {.model = PPC_MODEL_750, .jit_hot = jit_hot};
    ppc_host host = {.ctx = c, .syscall = cl_syscall, .user_fault = cl_fault};
    const char *err = NULL;
    c->cpu = ppc_create(&cfg, c->bus, NULL, &host, &err);
    if (!c->cpu) {
        fprintf(stderr, "ppc-diff: ppc_create: %s\n", err ? err : "?");
        return false;
    }
    return true;
}

static void cl_free(clarus *c)
{
    if (c->cpu) ppc_destroy(c->cpu);
    if (c->bus) mm_destroy(c->bus);
    free(c->code);
    free(c->data);
    free(c->pool);
}

static void cl_load(clarus *c, const cpu_state *s, const block *b)
{
    for (unsigned i = 0; i < b->n; i++) put32(c->code + 4 * i, b->insn[i].word);
    mm_notify_write(c->bus, CODE_BASE, 4 * b->n); /* drop the previous block's decoded code */
    memcpy(c->data, s->data, DATA_SIZE);
    memcpy(c->pool, b->pool, 8 * b->npool);
    ppc_cpu *cpu = c->cpu;
    ppc_set_msr(cpu, MSR_USER);
    for (unsigned i = 0; i < 32; i++) {
        ppc_set_gpr(cpu, i, s->gpr[i]);
        ppc_set_fpr(cpu, i, s->fpr[i]);
    }
    ppc_set_cr(cpu, s->cr);
    ppc_set_xer(cpu, s->xer);
    ppc_set_spr(cpu, 8, s->lr);
    ppc_set_spr(cpu, 9, s->ctr);
    ppc_set_fpscr(cpu, s->fpscr);
    ppc_set_pc(cpu, s->pc);
    c->sc_hit = c->fault = false;
}

/* Runs until the sc at the end (its hook ends the slice), a fault, or
 * `budget` clocks. */
static void cl_run(clarus *c, int64_t budget)
{
    ppc_run(c->cpu, budget);
}

static void cl_save(const clarus *c, cpu_state *s)
{
    const ppc_cpu *cpu = c->cpu;
    for (unsigned i = 0; i < 32; i++) {
        s->gpr[i] = ppc_get_gpr(cpu, i);
        s->fpr[i] = ppc_get_fpr(cpu, i);
    }
    s->cr = ppc_get_cr(cpu);
    s->xer = ppc_get_xer(cpu);
    ppc_get_spr(cpu, 8, &s->lr);
    ppc_get_spr(cpu, 9, &s->ctr);
    s->fpscr = ppc_get_fpscr(cpu);
    s->pc = ppc_get_pc(cpu);
    memcpy(s->data, c->data, DATA_SIZE);
}

/* ---- Unicorn ---- */

/* GPRs, FPRs, CR, LR, CTR, FPSCR, PC; not XER (see un_load). */
#define UN_NREGS 69

typedef struct unic {
    uc_engine *uc;
    uint8_t code[CODE_END - CODE_BASE];
    GHashTable *stats; /* --stats: mnemonic -> executed count */
    bool mutate;       /* --mutate: flip the low immediate bit of the first addi */
    int ids[UN_NREGS];
} unic;

/* --stats: counts each executed instruction of a block by its basic mnemonic. */
static void un_count(uc_engine *uc, uint64_t address, uint32_t size, void *user)
{
    (void)uc;
    (void)size;
    unic *u = user;
    if (address < CODE_BASE || address >= CODE_END) return;
    char text[PPC_DASM_BUFSIZE];
    uint32_t w = get32(u->code + (address - CODE_BASE));
    ppc_dasm_ex((uint32_t)address, w, PPC_DASM_750, PPC_DASM_BASIC, text, sizeof text);
    text[strcspn(text, " ")] = 0;
    uint64_t *n = g_hash_table_lookup(u->stats, text);
    if (!n) {
        n = g_new0(uint64_t, 1);
        g_hash_table_insert(u->stats, g_strdup(text), n);
    }
    (*n)++;
}

static bool un_init(unic *u, bool stats)
{
    uc_err e = uc_open(UC_ARCH_PPC, UC_MODE_PPC32 | UC_MODE_BIG_ENDIAN, &u->uc);
    if (e != UC_ERR_OK) {
        fprintf(stderr, "ppc-diff: uc_open: %s\n", uc_strerror(e));
        return false;
    }
    e = uc_ctl_set_cpu_model(u->uc, UC_CPU_PPC32_750_V3_1);
    if (e == UC_ERR_OK) e = uc_mem_map(u->uc, CODE_BASE, CODE_END - CODE_BASE, UC_PROT_ALL);
    if (e == UC_ERR_OK) e = uc_mem_map(u->uc, DATA_BASE, DATA_SIZE, UC_PROT_READ | UC_PROT_WRITE);
    if (e == UC_ERR_OK) e = uc_mem_map(u->uc, POOL_BASE, POOL_SIZE, UC_PROT_READ);
    if (e == UC_ERR_OK) e = uc_mem_map(u->uc, STUB_BASE, 0x1000, UC_PROT_READ | UC_PROT_EXEC);
    if (e == UC_ERR_OK) {
        uint8_t stub[8];
        put32(stub, 0x7c0103a6u);     /* mtxer r0 */
        put32(stub + 4, 0x7c0102a6u); /* mfxer r0 */
        e = uc_mem_write(u->uc, STUB_BASE, stub, sizeof stub);
    }
    if (e != UC_ERR_OK) {
        fprintf(stderr, "ppc-diff: unicorn setup: %s\n", uc_strerror(e));
        return false;
    }
    if (stats) {
        uc_hook h;
        u->stats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        e = uc_hook_add(u->uc, &h, UC_HOOK_CODE, (void *)un_count, u, CODE_BASE, CODE_END - 1);
        if (e != UC_ERR_OK) {
            fprintf(stderr, "ppc-diff: uc_hook_add: %s\n", uc_strerror(e));
            return false;
        }
    }
    for (int i = 0; i < 32; i++) {
        u->ids[i] = UC_PPC_REG_0 + i;
        u->ids[32 + i] = UC_PPC_REG_FPR0 + i;
    }
    u->ids[64] = UC_PPC_REG_CR;
    u->ids[65] = UC_PPC_REG_LR;
    u->ids[66] = UC_PPC_REG_CTR;
    u->ids[67] = UC_PPC_REG_FPSCR;
    u->ids[68] = UC_PPC_REG_PC;
    return true;
}

static void un_ptrs(cpu_state *s, void **p)
{
    for (int i = 0; i < 32; i++) {
        p[i] = &s->gpr[i];
        p[32 + i] = &s->fpr[i];
    }
    p[64] = &s->cr;
    p[65] = &s->lr;
    p[66] = &s->ctr;
    p[67] = &s->fpscr;
    p[68] = &s->pc;
}

static bool un_load(unic *u, const cpu_state *s, const block *b)
{
    uint8_t *code = u->code;
    bool mutated = !u->mutate;
    for (unsigned i = 0; i < b->n; i++) {
        uint32_t w = b->insn[i].word;
        if (!mutated && w >> 26 == 14) {
            w ^= 1;
            mutated = true;
        }
        put32(code + 4 * i, w);
    }
    uint32_t msr = MSR_USER;
    cpu_state tmp = *s;
    void *p[UN_NREGS];
    un_ptrs(&tmp, p);
    uc_err e = uc_mem_write(u->uc, CODE_BASE, code, 4 * b->n);
    if (e == UC_ERR_OK) e = uc_ctl_remove_cache(u->uc, CODE_BASE, CODE_END);
    if (e == UC_ERR_OK) e = uc_mem_write(u->uc, DATA_BASE, s->data, DATA_SIZE);
    if (e == UC_ERR_OK) e = uc_mem_write(u->uc, POOL_BASE, b->pool, 8 * b->npool);
    if (e == UC_ERR_OK) e = uc_reg_write(u->uc, UC_PPC_REG_MSR, &msr);
    /* Unicorn 2.0.1's register API reads and writes XER without its SO,
     * OV and CA bits (QEMU keeps them apart): XER goes in through r0 and
     * mtxer instead. */
    uint32_t r0 = s->xer;
    if (e == UC_ERR_OK) e = uc_reg_write(u->uc, UC_PPC_REG_0, &r0);
    if (e == UC_ERR_OK) e = uc_emu_start(u->uc, STUB_BASE, STUB_BASE + 4, 0, 0);
    if (e == UC_ERR_OK) e = uc_reg_write_batch(u->uc, u->ids, p, UN_NREGS);
    if (e != UC_ERR_OK) {
        fprintf(stderr, "ppc-diff: unicorn load: %s\n", uc_strerror(e));
        return false;
    }
    return true;
}

static void un_save(unic *u, cpu_state *s)
{
    void *p[UN_NREGS];
    un_ptrs(s, p);
    uc_reg_read_batch(u->uc, u->ids, p, UN_NREGS);
    uc_mem_read(u->uc, DATA_BASE, s->data, DATA_SIZE);
    /* XER through mfxer r0 (see un_load), then r0 and the PC put back. */
    uint32_t pc = s->pc;
    uc_emu_start(u->uc, STUB_BASE + 4, STUB_BASE + 8, 0, 0);
    uc_reg_read(u->uc, UC_PPC_REG_0, &s->xer);
    uc_reg_write(u->uc, UC_PPC_REG_0, &s->gpr[0]);
    uc_reg_write(u->uc, UC_PPC_REG_PC, &pc);
}

/* ---- comparison and reports ---- */

typedef struct masks {
    uint32_t fpr_hi_undef;
    uint32_t fpscr;
} masks;

static uint64_t fpr_mask(const masks *m, unsigned i)
{
    return (m->fpr_hi_undef >> i & 1) ? 0xffffffffull : ~0ull;
}

static bool same_state(const cpu_state *a, const cpu_state *b, const masks *m)
{
    for (unsigned i = 0; i < 32; i++)
        if (a->gpr[i] != b->gpr[i] || ((a->fpr[i] ^ b->fpr[i]) & fpr_mask(m, i))) return false;
    return a->cr == b->cr && a->xer == b->xer && a->lr == b->lr && a->ctr == b->ctr &&
           ((a->fpscr ^ b->fpscr) & ~m->fpscr) == 0 && a->pc == b->pc &&
           memcmp(a->data, b->data, DATA_SIZE) == 0;
}

static void print_state(const char *title, const cpu_state *s)
{
    printf("# %s:\n", title);
    for (unsigned i = 0; i < 32; i += 8) {
        printf("#  ");
        for (unsigned j = i; j < i + 8; j++) printf(" r%-2u=%08" PRIX32, j, s->gpr[j]);
        printf("\n");
    }
    for (unsigned i = 0; i < 32; i += 4) {
        printf("#  ");
        for (unsigned j = i; j < i + 4; j++) printf(" f%-2u=%016" PRIX64, j, s->fpr[j]);
        printf("\n");
    }
    printf("#   cr=%08" PRIX32 " xer=%08" PRIX32 " lr=%08" PRIX32 " ctr=%08" PRIX32
           " fpscr=%08" PRIX32 " pc=%08" PRIX32 "\n",
           s->cr, s->xer, s->lr, s->ctr, s->fpscr, s->pc);
}

/* The differences between Clarus (a) and Unicorn (b). */
static void print_diff(const cpu_state *a, const cpu_state *b, const masks *m)
{
    printf("# differences (clarus / unicorn):\n");
    for (unsigned i = 0; i < 32; i++)
        if (a->gpr[i] != b->gpr[i])
            printf("#   r%u: %08" PRIX32 " / %08" PRIX32 "\n", i, a->gpr[i], b->gpr[i]);
    for (unsigned i = 0; i < 32; i++)
        if ((a->fpr[i] ^ b->fpr[i]) & fpr_mask(m, i))
            printf("#   f%u: %016" PRIX64 " / %016" PRIX64 "\n", i, a->fpr[i], b->fpr[i]);
#define D32(name, f)                                                                               \
    if (a->f != b->f) printf("#   %s: %08" PRIX32 " / %08" PRIX32 "\n", name, a->f, b->f)
    D32("cr", cr);
    D32("xer", xer);
    D32("lr", lr);
    D32("ctr", ctr);
    D32("pc", pc);
#undef D32
    if ((a->fpscr ^ b->fpscr) & ~m->fpscr)
        printf("#   fpscr: %08" PRIX32 " / %08" PRIX32 " (compared bits %08" PRIX32 ")\n", a->fpscr,
               b->fpscr, ~m->fpscr);
    unsigned shown = 0;
    for (unsigned i = 0; i < DATA_SIZE; i++) {
        if (a->data[i] != b->data[i] && shown++ < 16)
            printf("#   mem[%08" PRIX32 "]: %02X / %02X\n", DATA_BASE + i, a->data[i], b->data[i]);
    }
    if (shown > 16) printf("#   ... %u differing bytes in all\n", shown);
}

static void print_block(const block *b)
{
    printf("# block (%u words, %u units):\n", b->n, b->nunits);
    unsigned u = 0;
    for (unsigned i = 0; i < b->n; i++) {
        char text[80];
        uint32_t pc = CODE_BASE + 4 * i;
        ppc_dasm(pc, b->insn[i].word, PPC_DASM_750, text, sizeof text);
        bool start = u < b->nunits && b->unit_start[u] == i;
        while (u < b->nunits && b->unit_start[u] == i) u++;
        printf("#   %08" PRIX32 ": %08" PRIX32 "  %c %s\n", pc, b->insn[i].word, start ? '*' : ' ',
               text);
    }
}

/* ---- running ---- */

typedef struct run_result {
    bool cl_ok, un_ok;
    uint64_t executed;
    uc_err un_err;
} run_result;

static uint32_t block_end(const block *b)
{
    return CODE_BASE + 4 * (b->n - 1);
}

static run_result run_block(clarus *c, unic *u, const cpu_state *init, const block *b,
                            cpu_state *cs, cpu_state *us)
{
    run_result res = {0};
    uint32_t end = block_end(b);
    cl_load(c, init, b);
    uint64_t before = ppc_instructions(c->cpu);
    cl_run(c, b->n + 1);
    res.executed = ppc_instructions(c->cpu) - before;
    if (c->sc_hit) res.executed--;
    cl_save(c, cs);
    res.cl_ok = c->sc_hit && !c->fault && cs->pc == end + 4;
    if (c->sc_hit) cs->pc -= 4; /* where Unicorn stops: at the sc */

    res.un_ok = un_load(u, init, b);
    if (res.un_ok) {
        res.un_err = uc_emu_start(u->uc, CODE_BASE, end, 0, 0);
        un_save(u, us);
        res.un_ok = res.un_err == UC_ERR_OK && us->pc == end;
    }
    return res;
}

/* Steps Clarus one instruction at a time from the initial state; after
 * each step Unicorn runs the block from the start to the same address
 * (single-stepping Unicorn is not reliable: after an instruction that sets
 * FPSCR[FEX] its next one-instruction run stops with an exception). Reports
 * the instruction after which the two differ for good: a difference that
 * disappears later (an undefined intermediate value) does not count. */
static void bisect(clarus *c, unic *u, const cpu_state *init, const block *b)
{
    static cpu_state cs, us, cs_before, cand_c, cand_u, cand_before;
    static masks cand_m;
    uint32_t end = block_end(b);
    cl_load(c, init, b);
    bool have = false;
    uint32_t cand_pc = 0;
    for (unsigned steps = 0; steps <= b->n; steps++) {
        cl_save(c, &cs_before);
        uint32_t pc = cs_before.pc;
        if (pc == end || c->fault) break;
        const ginsn *in = &b->insn[(pc - CODE_BASE) / 4];
        const masks step_masks = {in->hi_after, in->nocmp_after}, *m = &step_masks;
        cl_run(c, 1);
        cl_save(c, &cs);
        if (!un_load(u, init, b)) return;
        uc_err e = uc_emu_start(u->uc, CODE_BASE, cs.pc, 0, 0);
        un_save(u, &us);
        if (e != UC_ERR_OK) {
            printf("# unicorn, run to %08" PRIX32 ": %s at %08" PRIX32 "\n", cs.pc, uc_strerror(e),
                   us.pc);
            if (!have) {
                have = true;
                cand_pc = pc;
                cand_c = cs;
                cand_u = us;
                cand_before = cs_before;
                cand_m = *m;
            }
            break;
        }
        if (same_state(&cs, &us, m)) {
            have = false;
        } else if (!have) {
            have = true;
            cand_pc = pc;
            cand_c = cs;
            cand_u = us;
            cand_before = cs_before;
            cand_m = *m;
        }
    }
    if (!have) {
        printf("# stepping one instruction at a time: no divergence found\n");
        return;
    }
    unsigned i = (cand_pc - CODE_BASE) / 4;
    char text[80];
    ppc_dasm(cand_pc, b->insn[i].word, PPC_DASM_750, text, sizeof text);
    printf("# first lasting divergence: %08" PRIX32 ": %08" PRIX32 "  %s\n", cand_pc,
           b->insn[i].word, text);
    print_state("state before it", &cand_before);
    print_diff(&cand_c, &cand_u, &cand_m);
}

/* ---- the Unicorn deviations, demonstrated ---- */

/* One instruction from a fixed state, for each deviation the generator
 * steers around (U1..U12 in the header). `expect` is the result MPCFPE32B
 * specifies; Clarus must give it. Unicorn giving it too means its bug was
 * fixed and the exclusion can go. */
typedef struct quirk {
    const char *id, *what;
    uint32_t fpscr, insn;
    uint64_t f1, f2, f3;
    int show; /* -1: FPSCR; n: FPR n; 32 + n: the low word of FPR n */
    uint64_t expect, mask;
} quirk;

#define ONE  0x3ff0000000000000ull
#define SNAN 0x7ff4000000000000ull
#define QNAN 0x7ff8000000000000ull
#define PINF 0x7ff0000000000000ull
#define ALL  0xffffffffffffffffull

static const quirk quirks[] = {
    {"U1", "fadd inexact with XX already set: no 0->1 change, FX stays 0 (2.1.4)", XX, 0xfc61102a,
     ONE, 0x3c30000000000000ull, 0, -1, 0x02024000, ALL},
    {"U2", "fadd rounding up sets FR", 0, 0xfc61102a, ONE, 0x3ca8000000000000ull, 0, -1, 0x82064000,
     ALL},
    {"U3", "mtfsfi 7,0 leaves FI alone", FI, 0xff80010c, 0, 0, 0, -1, FI, ALL},
    {"U3", "fctiw of an exact value clears FI", FI, 0xfc60081c, ONE, 0, 0, -1, 0, ~(uint64_t)FPRF},
    {"U3", "fcmpu leaves FI alone", FI, 0xfc010800, ONE, 0, 0, -1, FI | 0x2000, ALL},
    {"U4", "fadd of an SNaN with VE = 1 leaves frD alone (3.3.6.1)", VE, 0xfc61102a, SNAN, ONE,
     0x4000000000000000ull, 3, 0x4000000000000000ull, ALL},
    {"U4", "fmul underflow with UE = 1 adds 1536 to the exponent (3.3.6.2.2)", UE, 0xfc6100b2,
     0x0170000000000000ull, 0x39b0000000000000ull, 0, 3, 0x5b30000000000000ull, ALL},
    {"U5", "fctiw of 1e10 saturates to 0x7FFFFFFF", 0, 0xfc60081c, 0x4202a05f20000000ull, 0, 0,
     32 + 3, 0x7fffffff, ALL},
    {"U6", "fnmadd in round to -inf rounds before negating", 3, 0xfc8118be, 0x3ff0000000000001ull,
     0x3ff0000000000001ull, 0, 4, 0xbff0000000000002ull, ALL},
    {"U7", "fmuls with a single denormal result: UX and FPRF = +denormal", 0, 0xec6100b2,
     0x3810000020000000ull, 0x3fe0000000000000ull, 0, -1, 0x8a034000, ALL},
    {"U8", "fmadd inf * 0 + -inf: VXIMZ only, no VXISI", 0, 0xfc8118ba, PINF, 0,
     0xfff0000000000000ull, -1, 0xa0111000, ALL},
    {"U9", "fcmpo of a QNaN leaves FPRF[C] alone", 0, 0xfc011040, ONE, QNAN, 0, -1, 0xa0081000,
     ALL},
    {"U10", "fcmpo of an SNaN with VE = 1 does not set VXVC", VE, 0xfc010840, SNAN, 0, 0, -1,
     0xe1001080, ALL},
    {"U11", "mtfsb0 VXVC recomputes FEX", FX | FEX | VX | 0x00080000 | VE, 0xfd80008c, 0, 0, 0, -1,
     FX | VE, ALL},
    {"U12", "fmadds rounds once to single", 0, 0xec8118ba, 0x43a06d4c60000000ull,
     0xc048000000000000ull, 0xbff0000060000000ull, 4, 0xc3f8a3f2a0000000ull, ALL},
};

static uint64_t quirk_value(const quirk *q, const cpu_state *s)
{
    if (q->show < 0) return s->fpscr;
    if (q->show >= 32) return (uint32_t)s->fpr[q->show - 32];
    return s->fpr[q->show];
}

/* Returns the number of demonstrations where Clarus is wrong. */
static int run_quirks(clarus *c, unic *u)
{
    static block b;
    static cpu_state init, cs, us;
    int bad = 0;
    for (size_t i = 0; i < sizeof quirks / sizeof quirks[0]; i++) {
        const quirk *q = &quirks[i];
        memset(&init, 0, sizeof init);
        memset(&b, 0, sizeof b);
        init.fpscr = q->fpscr;
        init.fpr[1] = q->f1;
        init.fpr[2] = q->f2;
        init.fpr[3] = q->f3;
        init.pc = CODE_BASE;
        b.n = 2;
        b.insn[0].word = q->insn;
        b.insn[1].word = 0x44000002u;
        run_result res = run_block(c, u, &init, &b, &cs, &us);
        uint64_t cv = quirk_value(q, &cs) & q->mask, uv = quirk_value(q, &us) & q->mask;
        uint64_t ev = q->expect & q->mask;
        bool ok = res.cl_ok && cv == ev;
        bad += !ok;
        printf("# %-4s %s: expected %" PRIX64 ", clarus %" PRIX64 "%s, unicorn %" PRIX64 "%s\n",
               q->id, q->what, ev, cv, ok ? "" : " (WRONG)", uv,
               uv == ev ? " (agrees now: the exclusion can go)" : "");
    }
    return bad;
}

/* ---- main ---- */

static unsigned parse_classes(const char *s)
{
    static const char *const names[] = {"int", "ldst", "branch", "cr", "fp"};
    unsigned m = 0;
    while (*s) {
        size_t len = strcspn(s, ",");
        unsigned k;
        for (k = 0; k < 5; k++)
            if (strlen(names[k]) == len && strncmp(s, names[k], len) == 0) break;
        if (k == 5) {
            if (len == 3 && strncmp(s, "all", 3) == 0)
                m |= C_ALL;
            else
                return 0;
        } else {
            m |= 1u << k;
        }
        s += len;
        if (*s == ',') s++;
    }
    return m;
}

static void usage(void)
{
    fprintf(stderr, "usage: ppc-diff [--seed N] [--blocks N] [--start N] [--block-len N]\n"
                    "                [--classes int,ldst,branch,cr,fp] [--keep-going] [--verbose]\n"
                    "                [--stats] [--mutate] [--quirks] [--jit-hot N]\n");
}

static bool parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (!s || !*s) return false;
    unsigned long long v = strtoull(s, &end, 0);
    if (*end) return false;
    *out = v;
    return true;
}

int main(int argc, char **argv)
{
    uint64_t seed = 0x7501a2c5, nblocks = 1000, start = 0, block_len = 64, jit_hot = 0;
    unsigned classes = C_ALL;
    const char *class_text = "int,ldst,branch,cr,fp";
    bool keep_going = false, verbose = false, stats = false, mutate = false, quirk_mode = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true;
        if (strcmp(a, "--seed") == 0) {
            ok = parse_u64(v, &seed);
            i++;
        } else if (strcmp(a, "--blocks") == 0) {
            ok = parse_u64(v, &nblocks);
            i++;
        } else if (strcmp(a, "--start") == 0) {
            ok = parse_u64(v, &start);
            i++;
        } else if (strcmp(a, "--block-len") == 0) {
            ok = parse_u64(v, &block_len) && block_len >= 1 && block_len <= MAX_UNITS;
            i++;
        } else if (strcmp(a, "--classes") == 0) {
            ok = v && (classes = parse_classes(v)) != 0;
            class_text = v;
            i++;
        } else if (strcmp(a, "--jit-hot") == 0) {
            /* In a JIT build: compile a block after this many runs (1: at once). */
            ok = parse_u64(v, &jit_hot) && jit_hot >= 1 && jit_hot <= 255;
            i++;
        } else if (strcmp(a, "--keep-going") == 0) {
            keep_going = true;
        } else if (strcmp(a, "--stats") == 0) {
            stats = true;
        } else if (strcmp(a, "--mutate") == 0) {
            mutate = true;
        } else if (strcmp(a, "--quirks") == 0) {
            quirk_mode = true;
        } else if (strcmp(a, "--verbose") == 0) {
            verbose = true;
        } else {
            ok = false;
        }
        if (!ok) {
            usage();
            return 2;
        }
    }

    static clarus c;
    static unic u;
    if (!cl_init(&c, (unsigned)jit_hot) || !un_init(&u, stats)) return 2;
    u.mutate = mutate;
    if (quirk_mode) {
        int bad = run_quirks(&c, &u);
        printf("# %d of %zu demonstrations: clarus differs from the architecture\n", bad,
               sizeof quirks / sizeof quirks[0]);
        cl_free(&c);
        uc_close(u.uc);
        return bad ? 1 : 0;
    }
    static block b;
    static gen g;
    static cpu_state init, cs, us;
    uint64_t executed = 0, generated = 0, failures = 0;
    for (uint64_t k = start; k < start + nblocks; k++) {
        rng r;
        rng_seed(&r, seed ^ (k * 0x9e3779b97f4a7c15ull));
        make_state(&r, &init);
        gen_block(&g, &r, &b, classes, (unsigned)block_len, &init);
        masks m = {b.end.hi_undef, b.end.fpscr_nocmp};
        run_result res = run_block(&c, &u, &init, &b, &cs, &us);
        executed += res.executed;
        generated += b.n - 1;
        if (verbose) print_block(&b);
        if (res.cl_ok && res.un_ok && same_state(&cs, &us, &m)) continue;
        failures++;
        printf("# MISMATCH in block %" PRIu64 " (seed 0x%" PRIX64 ", classes %s, block-len %" PRIu64
               ")\n",
               k, seed, class_text, block_len);
        printf("# reproduce: ppc-diff --seed 0x%" PRIX64 " --start %" PRIu64
               " --blocks 1 --block-len %" PRIu64 " --classes %s\n",
               seed, k, block_len, class_text);
        if (!res.cl_ok)
            printf("# clarus did not reach the end: %s at %08" PRIX32 " (vector %03" PRIX32 ")\n",
                   c.fault ? "exception" : "stopped", c.fault ? c.fault_pc : cs.pc, c.fault_vector);
        if (!res.un_ok)
            printf("# unicorn did not reach the end: %s, pc %08" PRIX32 "\n",
                   uc_strerror(res.un_err), us.pc);
        print_block(&b);
        print_state("initial state", &init);
        print_state("clarus final state", &cs);
        print_state("unicorn final state", &us);
        print_diff(&cs, &us, &m);
        bisect(&c, &u, &init, &b);
        if (!keep_going) break;
    }
    printf("# seed 0x%" PRIX64 ": %" PRIu64 " blocks from %" PRIu64 ", %" PRIu64
           " instructions generated, %" PRIu64 " executed, %" PRIu64 " mismatching blocks\n",
           seed, nblocks, start, generated, executed, failures);
    cl_free(&c);
    if (stats) {
        GList *keys = g_list_sort(g_hash_table_get_keys(u.stats), (GCompareFunc)strcmp);
        printf("# executed, by basic mnemonic (%u kinds):\n", g_hash_table_size(u.stats));
        for (GList *l = keys; l; l = l->next)
            printf("#   %-10s %" PRIu64 "\n", (const char *)l->data,
                   *(uint64_t *)g_hash_table_lookup(u.stats, l->data));
        g_list_free(keys);
        g_hash_table_destroy(u.stats);
    }
    uc_close(u.uc);
    return failures ? 1 : 0;
}
