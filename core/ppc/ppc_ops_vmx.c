/* AltiVec (VMX) on the 7400: the vector loads and stores of opcode 31 and
 * every opcode-4 instruction, following Motorola's "AltiVec Technology
 * Programming Environments Manual" (ALTIVECPEM, chapters 4-6) and the
 * MPC7400 user's manual (MPC7400UM, chapters 2 and 4).
 *
 * Every handler first checks MSR[VEC] (PEM 6.2.1): with it clear the
 * instruction takes the AltiVec unavailable exception (0xF20); the data
 * stream hints dst/dss (ppc_ops_ldst.c) are the exception to that rule.
 *
 * Integer forms wrap (modulo) or saturate; a saturating form that clips
 * any element sets the sticky VSCR[SAT] (PEM 4.2.1). Floating point
 * (PEM 3.2 and 4.2.4): round to nearest always, no exceptions and no
 * FPSCR; in Java mode (VSCR[NJ] = 0) denormals are IEEE, with NJ set
 * denormal operands are read as zero and denormal results written as
 * zero, keeping the sign. A NaN operand gives that NaN made quiet, the
 * first of vA, vB, vC when there are several; an invalid operation
 * (inf - inf, 0 * inf, sqrt of a negative) gives the default QNaN
 * 0x7FC00000. */
#include "ppc_internal.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef ppc_vreg vreg;

/* ---- handler shapes ---- */

/* A VX/VA-form handler: `body` reads va, vb, vc (copies of the source
 * registers), writes r, and may set `sat`. */
#define VOP(name, ...)                                                                             \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        require_vec(c);                                                                            \
        const vreg va = c->vr[RA(i)], vb = c->vr[RB(i)], vc = c->vr[RC(i)];                        \
        vreg r;                                                                                    \
        bool sat = false;                                                                          \
        (void)va;                                                                                  \
        (void)vb;                                                                                  \
        (void)vc;                                                                                  \
        __VA_ARGS__;                                                                               \
        if (sat) c->vscr |= VSCR_SAT;                                                              \
        c->vr[RD(i)] = r;                                                                          \
        NEXT(c);                                                                                   \
    }

/* Element-wise ops over the host arrays: position does not matter. */
#define EACH(n, ...)                                                                               \
    for (int k = 0; k < (n); k++) {                                                                \
        __VA_ARGS__;                                                                               \
    }

/* ---- saturation ---- */

PPC_INLINE int64_t clamp(int64_t v, int64_t lo, int64_t hi, bool *sat)
{
    if (v < lo) {
        *sat = true;
        return lo;
    }
    if (v > hi) {
        *sat = true;
        return hi;
    }
    return v;
}
#define SAT_UB(v) ((uint8_t)clamp((v), 0, 0xff, &sat))
#define SAT_SB(v) ((uint8_t)(int8_t)clamp((v), -0x80, 0x7f, &sat))
#define SAT_UH(v) ((uint16_t)clamp((v), 0, 0xffff, &sat))
#define SAT_SH(v) ((uint16_t)(int16_t)clamp((v), -0x8000, 0x7fff, &sat))
#define SAT_UW(v) ((uint32_t)clamp((v), 0, 0xffffffffll, &sat))
#define SAT_SW(v) ((uint32_t)(int32_t)clamp((v), -0x80000000ll, 0x7fffffffll, &sat))

#define S8(x)  ((int64_t)(int8_t)(x))
#define S16(x) ((int64_t)(int16_t)(x))
#define S32(x) ((int64_t)(int32_t)(x))

/* ---- integer arithmetic (PEM 4.2.1) ---- */

VOP(vaddubm, EACH(16, r.b[k] = (uint8_t)(va.b[k] + vb.b[k])))
VOP(vadduhm, EACH(8, r.h[k] = (uint16_t)(va.h[k] + vb.h[k])))
VOP(vadduwm, EACH(4, r.w[k] = va.w[k] + vb.w[k]))
VOP(vaddubs, EACH(16, r.b[k] = SAT_UB((int64_t)va.b[k] + vb.b[k])))
VOP(vadduhs, EACH(8, r.h[k] = SAT_UH((int64_t)va.h[k] + vb.h[k])))
VOP(vadduws, EACH(4, r.w[k] = SAT_UW((int64_t)va.w[k] + vb.w[k])))
VOP(vaddsbs, EACH(16, r.b[k] = SAT_SB(S8(va.b[k]) + S8(vb.b[k]))))
VOP(vaddshs, EACH(8, r.h[k] = SAT_SH(S16(va.h[k]) + S16(vb.h[k]))))
VOP(vaddsws, EACH(4, r.w[k] = SAT_SW(S32(va.w[k]) + S32(vb.w[k]))))
VOP(vaddcuw, EACH(4, r.w[k] = (uint32_t)(((uint64_t)va.w[k] + vb.w[k]) >> 32)))
VOP(vsububm, EACH(16, r.b[k] = (uint8_t)(va.b[k] - vb.b[k])))
VOP(vsubuhm, EACH(8, r.h[k] = (uint16_t)(va.h[k] - vb.h[k])))
VOP(vsubuwm, EACH(4, r.w[k] = va.w[k] - vb.w[k]))
VOP(vsububs, EACH(16, r.b[k] = SAT_UB((int64_t)va.b[k] - vb.b[k])))
VOP(vsubuhs, EACH(8, r.h[k] = SAT_UH((int64_t)va.h[k] - vb.h[k])))
VOP(vsubuws, EACH(4, r.w[k] = SAT_UW((int64_t)va.w[k] - vb.w[k])))
VOP(vsubsbs, EACH(16, r.b[k] = SAT_SB(S8(va.b[k]) - S8(vb.b[k]))))
VOP(vsubshs, EACH(8, r.h[k] = SAT_SH(S16(va.h[k]) - S16(vb.h[k]))))
VOP(vsubsws, EACH(4, r.w[k] = SAT_SW(S32(va.w[k]) - S32(vb.w[k]))))
/* The carry out of vA + ~vB + 1: 1 when no borrow. */
VOP(vsubcuw, EACH(4, r.w[k] = va.w[k] >= vb.w[k]))

VOP(vavgub, EACH(16, r.b[k] = (uint8_t)(((int64_t)va.b[k] + vb.b[k] + 1) >> 1)))
VOP(vavguh, EACH(8, r.h[k] = (uint16_t)(((int64_t)va.h[k] + vb.h[k] + 1) >> 1)))
VOP(vavguw, EACH(4, r.w[k] = (uint32_t)(((int64_t)va.w[k] + vb.w[k] + 1) >> 1)))
VOP(vavgsb, EACH(16, r.b[k] = (uint8_t)((S8(va.b[k]) + S8(vb.b[k]) + 1) >> 1)))
VOP(vavgsh, EACH(8, r.h[k] = (uint16_t)((S16(va.h[k]) + S16(vb.h[k]) + 1) >> 1)))
VOP(vavgsw, EACH(4, r.w[k] = (uint32_t)((S32(va.w[k]) + S32(vb.w[k]) + 1) >> 1)))

#define VMAX(x, y) ((x) > (y) ? (x) : (y))
#define VMIN(x, y) ((x) < (y) ? (x) : (y))
VOP(vmaxub, EACH(16, r.b[k] = VMAX(va.b[k], vb.b[k])))
VOP(vmaxuh, EACH(8, r.h[k] = VMAX(va.h[k], vb.h[k])))
VOP(vmaxuw, EACH(4, r.w[k] = VMAX(va.w[k], vb.w[k])))
VOP(vmaxsb, EACH(16, r.b[k] = (uint8_t)VMAX(S8(va.b[k]), S8(vb.b[k]))))
VOP(vmaxsh, EACH(8, r.h[k] = (uint16_t)VMAX(S16(va.h[k]), S16(vb.h[k]))))
VOP(vmaxsw, EACH(4, r.w[k] = (uint32_t)VMAX(S32(va.w[k]), S32(vb.w[k]))))
VOP(vminub, EACH(16, r.b[k] = VMIN(va.b[k], vb.b[k])))
VOP(vminuh, EACH(8, r.h[k] = VMIN(va.h[k], vb.h[k])))
VOP(vminuw, EACH(4, r.w[k] = VMIN(va.w[k], vb.w[k])))
VOP(vminsb, EACH(16, r.b[k] = (uint8_t)VMIN(S8(va.b[k]), S8(vb.b[k]))))
VOP(vminsh, EACH(8, r.h[k] = (uint16_t)VMIN(S16(va.h[k]), S16(vb.h[k]))))
VOP(vminsw, EACH(4, r.w[k] = (uint32_t)VMIN(S32(va.w[k]), S32(vb.w[k]))))

/* Even (element 2k) and odd (2k + 1) multiplies, architectural order. */
#define MUL_EO(name, odd, NR, RSET, SRC, EXT)                                                      \
    VOP(                                                                                           \
        name, for (int k = 0; k < NR; k++) {                                                       \
            RSET(r, k) = (uint32_t)(EXT(SRC(va, 2 * k + odd)) * EXT(SRC(vb, 2 * k + odd)));        \
        })
#define U8(x)   ((uint32_t)(uint8_t)(x))
#define U16(x)  ((uint32_t)(uint16_t)(x))
#define SB32(x) ((int32_t)(int8_t)(x))
#define SH64(x) ((int64_t)(int16_t)(x))
MUL_EO(vmuleub, 0, 8, VR_H, VR_B, U8)
MUL_EO(vmuloub, 1, 8, VR_H, VR_B, U8)
MUL_EO(vmuleuh, 0, 4, VR_W, VR_H, U16)
MUL_EO(vmulouh, 1, 4, VR_W, VR_H, U16)
MUL_EO(vmulesb, 0, 8, VR_H, VR_B, SB32)
MUL_EO(vmulosb, 1, 8, VR_H, VR_B, SB32)
MUL_EO(vmulesh, 0, 4, VR_W, VR_H, SH64)
MUL_EO(vmulosh, 1, 4, VR_W, VR_H, SH64)

/* Multiply-high-and-add: the top 17 bits of the product plus vC. */
VOP(vmhaddshs, EACH(8, r.h[k] = SAT_SH(((S16(va.h[k]) * S16(vb.h[k])) >> 15) + S16(vc.h[k]))))
VOP(vmhraddshs,
    EACH(8, r.h[k] = SAT_SH(((S16(va.h[k]) * S16(vb.h[k]) + 0x4000) >> 15) + S16(vc.h[k]))))
VOP(vmladduhm, EACH(8, r.h[k] = (uint16_t)((uint32_t)va.h[k] * vb.h[k] + vc.h[k])))

/* Multiply-sum: each word of vC plus the products of the elements of
 * vA and vB within that word. Elements in a word add the same in any
 * order, so host order serves. */
VOP(
    vmsumubm, for (int k = 0; k < 4; k++) {
        uint32_t s = vc.w[k];
        for (int j = 0; j < 4; j++) s += (uint32_t)va.b[4 * k + j] * vb.b[4 * k + j];
        r.w[k] = s;
    })
VOP(
    vmsummbm, for (int k = 0; k < 4; k++) {
        int64_t s = S32(vc.w[k]);
        for (int j = 0; j < 4; j++) s += S8(va.b[4 * k + j]) * (int64_t)vb.b[4 * k + j];
        r.w[k] = (uint32_t)s;
    })
VOP(
    vmsumuhm, for (int k = 0; k < 4; k++) {
        uint32_t s = vc.w[k];
        for (int j = 0; j < 2; j++) s += (uint32_t)va.h[2 * k + j] * vb.h[2 * k + j];
        r.w[k] = s;
    })
VOP(
    vmsumuhs, for (int k = 0; k < 4; k++) {
        int64_t s = vc.w[k];
        for (int j = 0; j < 2; j++) s += (int64_t)va.h[2 * k + j] * vb.h[2 * k + j];
        r.w[k] = SAT_UW(s);
    })
VOP(
    vmsumshm, for (int k = 0; k < 4; k++) {
        int64_t s = S32(vc.w[k]);
        for (int j = 0; j < 2; j++) s += S16(va.h[2 * k + j]) * S16(vb.h[2 * k + j]);
        r.w[k] = (uint32_t)s;
    })
VOP(
    vmsumshs, for (int k = 0; k < 4; k++) {
        int64_t s = S32(vc.w[k]);
        for (int j = 0; j < 2; j++) s += S16(va.h[2 * k + j]) * S16(vb.h[2 * k + j]);
        r.w[k] = SAT_SW(s);
    })

/* Sums across: vsum4 adds the elements of each word of vA to that word
 * of vB; vsum2sws adds words 0-1 and 2-3 of vA to words 1 and 3 of vB;
 * vsumsws adds all of vA to word 3 of vB. */
VOP(
    vsum4ubs, for (int k = 0; k < 4; k++) {
        int64_t s = vb.w[k];
        for (int j = 0; j < 4; j++) s += va.b[4 * k + j];
        r.w[k] = SAT_UW(s);
    })
VOP(
    vsum4sbs, for (int k = 0; k < 4; k++) {
        int64_t s = S32(vb.w[k]);
        for (int j = 0; j < 4; j++) s += S8(va.b[4 * k + j]);
        r.w[k] = SAT_SW(s);
    })
VOP(
    vsum4shs, for (int k = 0; k < 4; k++) {
        int64_t s = S32(vb.w[k]);
        for (int j = 0; j < 2; j++) s += S16(va.h[2 * k + j]);
        r.w[k] = SAT_SW(s);
    })
VOP(vsum2sws, {
    memset(&r, 0, sizeof(r));
    for (int k = 1; k < 4; k += 2)
        VR_W(r, k) = SAT_SW(S32(VR_W(va, k - 1)) + S32(VR_W(va, k)) + S32(VR_W(vb, k)));
})
VOP(vsumsws, {
    memset(&r, 0, sizeof(r));
    int64_t s = S32(VR_W(vb, 3));
    for (int k = 0; k < 4; k++) s += S32(va.w[k]);
    VR_W(r, 3) = SAT_SW(s);
})

/* ---- logical (PEM 4.2.2) ---- */

VOP(vand, EACH(2, r.d[k] = va.d[k] & vb.d[k]))
VOP(vandc, EACH(2, r.d[k] = va.d[k] & ~vb.d[k]))
VOP(vor, EACH(2, r.d[k] = va.d[k] | vb.d[k]))
VOP(vnor, EACH(2, r.d[k] = ~(va.d[k] | vb.d[k])))
VOP(vxor, EACH(2, r.d[k] = va.d[k] ^ vb.d[k]))
VOP(vsel, EACH(2, r.d[k] = (va.d[k] & ~vc.d[k]) | (vb.d[k] & vc.d[k])))

/* ---- rotates and shifts (PEM 4.2.3): counts from the low bits of each
 * element of vB ---- */

PPC_INLINE uint8_t rl8(uint8_t x, unsigned n)
{
    n &= 7;
    return n ? (uint8_t)(x << n | x >> (8 - n)) : x;
}
PPC_INLINE uint16_t rl16(uint16_t x, unsigned n)
{
    n &= 15;
    return n ? (uint16_t)(x << n | x >> (16 - n)) : x;
}
PPC_INLINE uint32_t rl32(uint32_t x, unsigned n)
{
    n &= 31;
    return n ? x << n | x >> (32 - n) : x;
}
VOP(vrlb, EACH(16, r.b[k] = rl8(va.b[k], vb.b[k])))
VOP(vrlh, EACH(8, r.h[k] = rl16(va.h[k], vb.h[k])))
VOP(vrlw, EACH(4, r.w[k] = rl32(va.w[k], vb.w[k])))
VOP(vslb, EACH(16, r.b[k] = (uint8_t)(va.b[k] << (vb.b[k] & 7))))
VOP(vslh, EACH(8, r.h[k] = (uint16_t)(va.h[k] << (vb.h[k] & 15))))
VOP(vslw, EACH(4, r.w[k] = va.w[k] << (vb.w[k] & 31)))
VOP(vsrb, EACH(16, r.b[k] = (uint8_t)(va.b[k] >> (vb.b[k] & 7))))
VOP(vsrh, EACH(8, r.h[k] = (uint16_t)(va.h[k] >> (vb.h[k] & 15))))
VOP(vsrw, EACH(4, r.w[k] = va.w[k] >> (vb.w[k] & 31)))
VOP(vsrab, EACH(16, r.b[k] = (uint8_t)(S8(va.b[k]) >> (vb.b[k] & 7))))
VOP(vsrah, EACH(8, r.h[k] = (uint16_t)(S16(va.h[k]) >> (vb.h[k] & 15))))
VOP(vsraw, EACH(4, r.w[k] = (uint32_t)(S32(va.w[k]) >> (vb.w[k] & 31))))

/* vsl/vsr shift the whole register by 0-7 bits, the count in the low 3
 * bits of byte 15 (the PEM makes the result undefined unless every byte
 * holds the same count; the 7400 is taken to use byte 15). */
VOP(vsl, {
    unsigned n = VR_B(vb, 15) & 7;
    uint64_t hi = VR_HI(va), lo = VR_LO(va);
    VR_HI(r) = n ? hi << n | lo >> (64 - n) : hi;
    VR_LO(r) = lo << n;
})
VOP(vsr, {
    unsigned n = VR_B(vb, 15) & 7;
    uint64_t hi = VR_HI(va), lo = VR_LO(va);
    VR_LO(r) = n ? lo >> n | hi << (64 - n) : lo;
    VR_HI(r) = hi >> n;
})
/* vslo/vsro: by whole octets, the count in bits 1-4 of byte 15. */
VOP(vslo, {
    unsigned n = VR_B(vb, 15) >> 3 & 15;
    for (unsigned k = 0; k < 16; k++) VR_B(r, k) = k + n < 16 ? VR_B(va, k + n) : 0;
})
VOP(vsro, {
    unsigned n = VR_B(vb, 15) >> 3 & 15;
    for (unsigned k = 0; k < 16; k++) VR_B(r, k) = k >= n ? VR_B(va, k - n) : 0;
})

/* ---- permute, merge, pack, unpack, splat (PEM 4.2.5) ---- */

VOP(
    vperm, for (int k = 0; k < 16; k++) {
        unsigned s = VR_B(vc, k) & 31;
        VR_B(r, k) = s < 16 ? VR_B(va, s) : VR_B(vb, s - 16);
    })
static void vsldoi(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    const vreg va = c->vr[RA(i)], vb = c->vr[RB(i)];
    unsigned sh = i >> 6 & 15;
    vreg r;
    for (unsigned k = 0; k < 16; k++)
        VR_B(r, k) = k + sh < 16 ? VR_B(va, k + sh) : VR_B(vb, k + sh - 16);
    c->vr[RD(i)] = r;
    NEXT(c);
}

#define MERGE(name, ACC, n, base)                                                                  \
    VOP(                                                                                           \
        name, for (int k = 0; k < n / 2; k++) {                                                    \
            ACC(r, 2 * k) = ACC(va, base + k);                                                     \
            ACC(r, 2 * k + 1) = ACC(vb, base + k);                                                 \
        })
MERGE(vmrghb, VR_B, 16, 0)
MERGE(vmrghh, VR_H, 8, 0)
MERGE(vmrghw, VR_W, 4, 0)
MERGE(vmrglb, VR_B, 16, 8)
MERGE(vmrglh, VR_H, 8, 4)
MERGE(vmrglw, VR_W, 4, 2)

/* Pack: the elements of vA then those of vB, each narrowed. */
#define PACK(name, DST, SRC, n, conv)                                                              \
    VOP(                                                                                           \
        name, for (int k = 0; k < n; k++) {                                                        \
            int64_t x = k < n / 2 ? (int64_t)SRC(va, k) : (int64_t)SRC(vb, k - n / 2);             \
            DST(r, k) = conv;                                                                      \
        })
PACK(vpkuhum, VR_B, VR_H, 16, (uint8_t)x)
PACK(vpkuwum, VR_H, VR_W, 8, (uint16_t)x)
PACK(vpkuhus, VR_B, VR_H, 16, SAT_UB(x))
PACK(vpkuwus, VR_H, VR_W, 8, SAT_UH(x))
PACK(vpkshus, VR_B, VR_H, 16, SAT_UB(S16(x)))
PACK(vpkswus, VR_H, VR_W, 8, SAT_UH(S32(x)))
PACK(vpkshss, VR_B, VR_H, 16, SAT_SB(S16(x)))
PACK(vpkswss, VR_H, VR_W, 8, SAT_SH(S32(x)))
/* 32-bit pixels to 1:5:5:5 (bit 7, bits 8-12, 16-20 and 24-28). */
PACK(vpkpx, VR_H, VR_W, 8,
     (uint16_t)((x >> 24 & 1) << 15 | (x >> 19 & 31) << 10 | (x >> 11 & 31) << 5 | (x >> 3 & 31)))

#define UNPACK(name, DST, SRC, n, base, conv)                                                      \
    VOP(                                                                                           \
        name, for (int k = 0; k < n; k++) {                                                        \
            uint32_t x = SRC(vb, base + k);                                                        \
            DST(r, k) = conv;                                                                      \
        })
UNPACK(vupkhsb, VR_H, VR_B, 8, 0, (uint16_t)(int8_t)x)
UNPACK(vupklsb, VR_H, VR_B, 8, 8, (uint16_t)(int8_t)x)
UNPACK(vupkhsh, VR_W, VR_H, 4, 0, (uint32_t)(int16_t)x)
UNPACK(vupklsh, VR_W, VR_H, 4, 4, (uint32_t)(int16_t)x)
/* 1:5:5:5 pixels to 8:8:8:8, the 1-bit field sign-extended. */
#define PX(x)                                                                                      \
    ((x & 0x8000 ? 0xff000000u : 0) | (x >> 10 & 31) << 16 | (x >> 5 & 31) << 8 | (x & 31))
UNPACK(vupkhpx, VR_W, VR_H, 4, 0, PX(x))
UNPACK(vupklpx, VR_W, VR_H, 4, 4, PX(x))

/* Splats: the element number is in the vA field (UIMM). */
VOP(vspltb, {
    uint8_t x = VR_B(vb, RA(i) & 15);
    EACH(16, r.b[k] = x)
})
VOP(vsplth, {
    uint16_t x = VR_H(vb, RA(i) & 7);
    EACH(8, r.h[k] = x)
})
VOP(vspltw, {
    uint32_t x = VR_W(vb, RA(i) & 3);
    EACH(4, r.w[k] = x)
})
/* SIMM: the vA field sign-extended from 5 bits. */
#define SIMM5(i) ((int32_t)((RA(i) ^ 16) - 16))
VOP(vspltisb, EACH(16, r.b[k] = (uint8_t)SIMM5(i)))
VOP(vspltish, EACH(8, r.h[k] = (uint16_t)SIMM5(i)))
VOP(vspltisw, EACH(4, r.w[k] = (uint32_t)SIMM5(i)))

/* ---- integer compares (PEM 4.2.1.4): all ones where true; the Rc form
 * sets CR6 to 1000 when every element is true, 0010 when none is ---- */

PPC_INLINE void cr6_of(ppc_cpu *c, const vreg *r)
{
    uint64_t all = r->d[0] & r->d[1], any = r->d[0] | r->d[1];
    set_cr_field(c, 6, (all == ~0ull ? 8 : 0) | (any == 0 ? 2 : 0));
}

#define VCMP(name, ...)                                                                            \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        require_vec(c);                                                                            \
        const vreg va = c->vr[RA(i)], vb = c->vr[RB(i)];                                           \
        vreg r;                                                                                    \
        __VA_ARGS__;                                                                               \
        c->vr[RD(i)] = r;                                                                          \
        if (i & 0x400) cr6_of(c, &r);                                                              \
        NEXT(c);                                                                                   \
    }
#define MASK(t, cond) ((t)0 - (t)(cond))
VCMP(vcmpequb, EACH(16, r.b[k] = MASK(uint8_t, va.b[k] == vb.b[k])))
VCMP(vcmpequh, EACH(8, r.h[k] = MASK(uint16_t, va.h[k] == vb.h[k])))
VCMP(vcmpequw, EACH(4, r.w[k] = MASK(uint32_t, va.w[k] == vb.w[k])))
VCMP(vcmpgtub, EACH(16, r.b[k] = MASK(uint8_t, va.b[k] > vb.b[k])))
VCMP(vcmpgtuh, EACH(8, r.h[k] = MASK(uint16_t, va.h[k] > vb.h[k])))
VCMP(vcmpgtuw, EACH(4, r.w[k] = MASK(uint32_t, va.w[k] > vb.w[k])))
VCMP(vcmpgtsb, EACH(16, r.b[k] = MASK(uint8_t, S8(va.b[k]) > S8(vb.b[k]))))
VCMP(vcmpgtsh, EACH(8, r.h[k] = MASK(uint16_t, S16(va.h[k]) > S16(vb.h[k]))))
VCMP(vcmpgtsw, EACH(4, r.w[k] = MASK(uint32_t, S32(va.w[k]) > S32(vb.w[k]))))

/* ---- floating point (PEM 3.2, 4.2.4) ---- */

#define F_SIGN 0x80000000u
#define F_EXP  0x7f800000u
#define F_FRAC 0x007fffffu
#define F_QNAN 0x7fc00000u /* the default NaN */

PPC_INLINE float f_of(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}
PPC_INLINE uint32_t u_of(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}
PPC_INLINE double d_of(uint64_t u)
{
    double f;
    memcpy(&f, &u, 8);
    return f;
}
PPC_INLINE uint64_t ud_of(double f)
{
    uint64_t u;
    memcpy(&u, &f, 8);
    return u;
}
PPC_INLINE bool f_nan(uint32_t u)
{
    return (u & ~F_SIGN) > F_EXP;
}
PPC_INLINE bool f_denorm(uint32_t u)
{
    return (u & F_EXP) == 0 && (u & F_FRAC) != 0;
}
/* Operands: with NJ a denormal reads as a zero of its sign. */
PPC_INLINE uint32_t f_in(bool nj, uint32_t u)
{
    return nj && f_denorm(u) ? u & F_SIGN : u;
}
/* Results: a NaN made by the operation is the default NaN (the host's
 * may differ); with NJ a denormal is written as zero. */
PPC_INLINE uint32_t f_out(bool nj, float f)
{
    uint32_t u = u_of(f);
    if (f_nan(u)) return F_QNAN;
    return nj && f_denorm(u) ? u & F_SIGN : u;
}
PPC_INLINE uint32_t f_quiet(uint32_t u)
{
    return u | 0x00400000u;
}

/* Floating-point element ops: body computes `r.w[k]` from x, y, z (the
 * operand bits of vA, vB, vC after the NJ rule) with `nj` in scope. NaN
 * operands are handled before body runs when `nans` lists them. */
#define FOP(name, ...)                                                                             \
    VOP(name, {                                                                                    \
        bool nj = (c->vscr & VSCR_NJ) != 0;                                                        \
        for (int k = 0; k < 4; k++) {                                                              \
            uint32_t x = f_in(nj, va.w[k]), y = f_in(nj, vb.w[k]), z = f_in(nj, vc.w[k]);          \
            (void)x;                                                                               \
            (void)y;                                                                               \
            (void)z;                                                                               \
            __VA_ARGS__;                                                                           \
        }                                                                                          \
    })

/* The first NaN of the listed operands, quiet; 0 if none. */
PPC_INLINE uint32_t nan2(uint32_t a, uint32_t b)
{
    if (f_nan(a)) return f_quiet(a);
    if (f_nan(b)) return f_quiet(b);
    return 0;
}
PPC_INLINE uint32_t nan3(uint32_t a, uint32_t b, uint32_t cc)
{
    uint32_t n = nan2(a, b);
    if (n) return n;
    return f_nan(cc) ? f_quiet(cc) : 0;
}
#define NAN_OR(n, expr) ((n) ? (n) : (expr))

FOP(vaddfp, r.w[k] = NAN_OR(nan2(x, y), f_out(nj, f_of(x) + f_of(y))))
FOP(vsubfp, r.w[k] = NAN_OR(nan2(x, y), f_out(nj, f_of(x) - f_of(y))))

/* a * c + b rounded once. The product of two singles is exact in a
 * double; the sum is rounded to a double with the rounding error kept
 * sticky in the last bit (round to odd), after which rounding to single
 * is the correctly rounded fused result. */
static float fused(float a, float cc, float b)
{
    double p = (double)a * cc, s = p + b;
    if (s != s || s - s != 0) return (float)s; /* NaN or infinity */
    double bv = s - p, err = (p - (s - bv)) + ((double)b - bv);
    uint64_t u = ud_of(s);
    if (err != 0 && !(u & 1)) {
        /* Step to the odd neighbour on the side of the true value. */
        bool up = (err > 0) == (s > 0) || s == 0;
        if (s == 0)
            u = ud_of(err > 0 ? 0x1p-1074 : -0x1p-1074);
        else
            u += up ? 1 : (uint64_t)-1;
    }
    return (float)d_of(u);
}
/* vmaddfp vD,vA,vC,vB: vA * vC + vB. */
FOP(vmaddfp, r.w[k] = NAN_OR(nan3(x, y, z), f_out(nj, fused(f_of(x), f_of(z), f_of(y)))))
/* vnmsubfp: -(vA * vC - vB); a NaN result is not negated. */
FOP(vnmsubfp, {
    uint32_t n = nan3(x, y, z);
    if (n)
        r.w[k] = n;
    else {
        uint32_t v = f_out(nj, fused(f_of(x), f_of(z), -f_of(y)));
        r.w[k] = v == F_QNAN ? v : v ^ F_SIGN;
    }
})

/* max/min: +0 is greater than -0. */
PPC_INLINE bool f_gt(uint32_t a, uint32_t b)
{
    float fa = f_of(a), fb = f_of(b);
    if (fa == fb) return !(a & F_SIGN) && (b & F_SIGN);
    return fa > fb;
}
FOP(vmaxfp, r.w[k] = NAN_OR(nan2(x, y), f_gt(x, y) ? x : y))
FOP(vminfp, r.w[k] = NAN_OR(nan2(x, y), f_gt(x, y) ? y : x))

/* Round to an integral value: mode 0 nearest (even), 1 toward zero,
 * 2 toward +inf, 3 toward -inf. Magnitudes of 2^23 and up are integers. */
static uint32_t f_round(uint32_t x, int mode)
{
    if (f_nan(x)) return f_quiet(x);
    if ((x & F_EXP) >= 0x4b000000u) return x; /* |x| >= 2^23, infinities */
    float f = f_of(x), a = f < 0 ? -f : f, t;
    switch (mode) {
    case 0: t = (a + 0x1p23f) - 0x1p23f; break;
    case 1: t = (float)(int32_t)a; break;
    case 2:
        t = (float)(int32_t)a;
        if (f > 0 && t < a) t += 1;
        break;
    default:
        t = (float)(int32_t)a;
        if (f < 0 && t < a) t += 1;
        break;
    }
    return u_of(t) | (x & F_SIGN);
}
FOP(vrfin, r.w[k] = f_round(y, 0))
FOP(vrfiz, r.w[k] = f_round(y, 1))
FOP(vrfip, r.w[k] = f_round(y, 2))
FOP(vrfim, r.w[k] = f_round(y, 3))

/* Estimates (PEM 4.2.4.3). vrefp and vrsqrtefp must be within 1/4096 of
 * the true value; these give the true value rounded to single, which
 * the 7400's table lookup approximates. */
static uint32_t f_recip(bool nj, uint32_t x)
{
    if (f_nan(x)) return f_quiet(x);
    return f_out(nj, 1.0f / f_of(x));
}
static double host_sqrt_d(double x)
{
#if defined(__SSE2__)
    return _mm_cvtsd_f64(_mm_sqrt_sd(_mm_setzero_pd(), _mm_set_sd(x)));
#else
    /* Newton's method from the exponent halved: x > 0 and finite. */
    int e;
    uint64_t u = ud_of(x);
    e = (int)(u >> 52 & 0x7ff) - 1023;
    double g = d_of((uint64_t)(1023 + e / 2) << 52);
    for (int n = 0; n < 8; n++) g = 0.5 * (g + x / g);
    return g;
#endif
}
static uint32_t f_rsqrt(bool nj, uint32_t x)
{
    if (f_nan(x)) return f_quiet(x);
    if ((x & ~F_SIGN) == 0) return (x & F_SIGN) | F_EXP; /* +-0: +-inf */
    if (x & F_SIGN) return F_QNAN;
    if (x == F_EXP) return 0;
    return f_out(nj, (float)(1.0 / host_sqrt_d((double)f_of(x))));
}
FOP(vrefp, r.w[k] = f_recip(nj, y))
FOP(vrsqrtefp, r.w[k] = f_rsqrt(nj, y))

/* log2 of m in [1, 2): ln m = 2 atanh((m - 1) / (m + 1)). */
static double log2_1to2(double m)
{
    double z = (m - 1) / (m + 1), z2 = z * z, t = z, s = 0;
    for (int n = 1; n < 40; n += 2) {
        s += t / n;
        t *= z2;
    }
    return 2 * s * 1.4426950408889634074;
}
/* vlogefp: the PEM asks for an absolute error under 1/32 and an exact
 * result for powers of two. The exponent is exact; the fraction's log is
 * rounded up to a multiple of 2^-11. (The 7400's table is not published;
 * this choice reproduces the estimates recorded in Valgrind's jm-vmx
 * results, e.g. 35 + 1199/2048 for 0x513FFFFF.) */
static uint32_t f_log2(bool nj, uint32_t x)
{
    if (f_nan(x)) return f_quiet(x);
    if ((x & ~F_SIGN) == 0) return F_SIGN | F_EXP; /* log2(+-0) = -inf */
    if (x & F_SIGN) return F_QNAN;
    if (x == F_EXP) return F_EXP;
    int e = (int)(x >> 23) - 127;
    uint32_t frac = x & F_FRAC;
    if ((x & F_EXP) == 0) { /* denormal (Java mode): normalise */
        e = -126;
        while (!(frac & 0x00800000u)) {
            frac <<= 1;
            e--;
        }
        frac &= F_FRAC;
    }
    double l = log2_1to2(1 + frac * 0x1p-23);
    double q = (double)(int64_t)(l * 2048);
    if (q < l * 2048) q += 1;
    return f_out(nj, (float)(e + q / 2048));
}
/* vexptefp: 2^x, within 1/16 relative error by the PEM; exact for
 * integral x. Computed as 2^floor(x) * 2^frac with a series. */
static uint32_t f_exp2(bool nj, uint32_t x)
{
    if (f_nan(x)) return f_quiet(x);
    float f = f_of(x);
    if (f >= 128) return F_EXP;
    if (f < -160) return 0;
    double fl = (double)(int32_t)f;
    if (fl > f) fl -= 1;
    double t = ((double)f - fl) * 0.69314718055994530942, s = 1, term = 1;
    for (int n = 1; n < 25; n++) {
        term *= t / n;
        s += term;
    }
    double p = d_of((uint64_t)(1023 + (int)fl) << 52);
    return f_out(nj, (float)(s * p));
}
FOP(vlogefp, r.w[k] = f_log2(nj, y))
FOP(vexptefp, r.w[k] = f_exp2(nj, y))

/* Conversions with a scale of 2^UIMM (the vA field). */
VOP(vcfux, EACH(4, r.w[k] = u_of((float)vb.w[k] * f_of((uint32_t)(127 - RA(i)) << 23))))
VOP(vcfsx, EACH(4, r.w[k] = u_of((float)(int32_t)vb.w[k] * f_of((uint32_t)(127 - RA(i)) << 23))))
/* To integer: truncate toward zero, saturate (setting SAT) when out of
 * range; a NaN converts to 0, which is not counted as saturation. */
static uint32_t f_toint(bool nj, uint32_t x, unsigned scale, bool sgn, bool *sat)
{
    x = f_in(nj, x);
    if (f_nan(x)) return 0;
    double v = (double)f_of(x) * (double)(1ull << scale);
    if (sgn) {
        if (v >= 0x1p31) return *sat = true, 0x7fffffffu;
        if (v <= -0x1p31 - 1) return *sat = true, 0x80000000u;
        return (uint32_t)(int32_t)v;
    }
    if (v >= 0x1p32) return *sat = true, 0xffffffffu;
    if (v <= -1) return *sat = true, 0;
    return (uint32_t)v;
}
VOP(vctuxs, EACH(4, r.w[k] = f_toint(c->vscr & VSCR_NJ, vb.w[k], RA(i), false, &sat)))
VOP(vctsxs, EACH(4, r.w[k] = f_toint(c->vscr & VSCR_NJ, vb.w[k], RA(i), true, &sat)))

/* Floating-point compares: a NaN compares false (vcmpbfp: out of both
 * bounds). */
#define FCMP(name, ...)                                                                            \
    VCMP(name, {                                                                                   \
        bool nj = (c->vscr & VSCR_NJ) != 0;                                                        \
        for (int k = 0; k < 4; k++) {                                                              \
            float x = f_of(f_in(nj, va.w[k])), y = f_of(f_in(nj, vb.w[k]));                        \
            __VA_ARGS__;                                                                           \
        }                                                                                          \
    })
FCMP(vcmpeqfp, r.w[k] = MASK(uint32_t, x == y))
FCMP(vcmpgefp, r.w[k] = MASK(uint32_t, x >= y))
FCMP(vcmpgtfp, r.w[k] = MASK(uint32_t, x > y))
/* vcmpbfp: bit 0 set unless x <= y, bit 1 unless x >= -y; the Rc form
 * sets CR6[2] when every element is within its bounds. */
static void vcmpbfp(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    const vreg va = c->vr[RA(i)], vb = c->vr[RB(i)];
    bool nj = (c->vscr & VSCR_NJ) != 0;
    vreg r;
    for (int k = 0; k < 4; k++) {
        float x = f_of(f_in(nj, va.w[k])), y = f_of(f_in(nj, vb.w[k]));
        r.w[k] = (x <= y ? 0 : 0x80000000u) | (x >= -y ? 0 : 0x40000000u);
    }
    c->vr[RD(i)] = r;
    if (i & 0x400) set_cr_field(c, 6, (r.d[0] | r.d[1]) == 0 ? 2 : 0);
    NEXT(c);
}

/* ---- VSCR ---- */

static void mfvscr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    vreg r;
    memset(&r, 0, sizeof(r));
    VR_W(r, 3) = c->vscr;
    c->vr[RD(i)] = r;
    NEXT(c);
}
static void mtvscr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    c->vscr = VR_W(c->vr[RB(i)], 3) & (VSCR_NJ | VSCR_SAT);
    NEXT(c);
}

/* ---- loads and stores (PEM 4.3, 6.3) ---- */

PPC_INLINE uint32_t ea_x(const ppc_cpu *c, uint32_t i)
{
    return (RA(i) ? c->gpr[RA(i)] : 0) + c->gpr[RB(i)];
}

/* lvx/lvxl: the quadword at EA with its low 4 bits cleared. */
static void lvx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    uint32_t ea = ea_x(c, i) & ~15u;
    const uint8_t *p = probe_r(c, ea, 16);
    vreg r;
    if (likely(p != NULL)) {
        for (int k = 0; k < 16; k++) VR_B(r, k) = p[k];
    } else {
        uint64_t hi = ld64(c, ea), lo = ld64(c, ea + 8);
        VR_HI(r) = hi;
        VR_LO(r) = lo;
    }
    c->vr[RD(i)] = r;
    NEXT_CHECK(c);
}
static void stvx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    uint32_t ea = ea_x(c, i) & ~15u;
    const vreg *v = &c->vr[RS(i)];
    uint8_t *p = probe_w(c, ea, 16);
    if (likely(p != NULL)) {
        for (int k = 0; k < 16; k++) p[k] = VR_B(*v, k);
    } else {
        /* One page, one translation: the first half cannot succeed
         * where the second faults. */
        uint64_t hi = VR_HI(*v), lo = VR_LO(*v);
        ppc_translate_data(c, ea, true);
        st64(c, ea, hi);
        st64(c, ea + 8, lo);
    }
    NEXT_CHECK(c);
}
/* Element loads: the element EA addresses (aligned to its size) goes to
 * the same place in vD; the other elements are left as they were (the
 * PEM leaves them undefined). */
static void lvebx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    uint32_t ea = ea_x(c, i);
    uint8_t v = (uint8_t)ld8(c, ea);
    VR_B(c->vr[RD(i)], ea & 15) = v;
    NEXT_CHECK(c);
}
static void lvehx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    uint32_t ea = ea_x(c, i) & ~1u;
    uint16_t v = (uint16_t)ld16(c, ea);
    VR_H(c->vr[RD(i)], (ea & 15) >> 1) = v;
    NEXT_CHECK(c);
}
static void lvewx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    uint32_t ea = ea_x(c, i) & ~3u;
    uint32_t v = ld32(c, ea);
    VR_W(c->vr[RD(i)], (ea & 15) >> 2) = v;
    NEXT_CHECK(c);
}
static void stvebx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    uint32_t ea = ea_x(c, i);
    st8(c, ea, VR_B(c->vr[RS(i)], ea & 15));
    NEXT_CHECK(c);
}
static void stvehx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    uint32_t ea = ea_x(c, i) & ~1u;
    st16(c, ea, VR_H(c->vr[RS(i)], (ea & 15) >> 1));
    NEXT_CHECK(c);
}
static void stvewx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    uint32_t ea = ea_x(c, i) & ~3u;
    st32(c, ea, VR_W(c->vr[RS(i)], (ea & 15) >> 2));
    NEXT_CHECK(c);
}
/* lvsl/lvsr: the permute control vectors for an unaligned EA; no memory
 * is read. */
static void lvsl(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    unsigned sh = ea_x(c, i) & 15;
    for (unsigned k = 0; k < 16; k++) VR_B(c->vr[RD(i)], k) = (uint8_t)(sh + k);
    NEXT(c);
}
static void lvsr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_vec(c);
    unsigned sh = ea_x(c, i) & 15;
    for (unsigned k = 0; k < 16; k++) VR_B(c->vr[RD(i)], k) = (uint8_t)(16 - sh + k);
    NEXT(c);
}

/* ---- decoding ---- */

/* VA-form pairs share a table entry (the index drops bit 31, the low bit
 * of the 6-bit extended opcode): pick by that bit and quicken. */
#define VA_PAIR(name, even, odd)                                                                   \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        ppc_handler h = (i & 1) ? odd : even;                                                      \
        quicken(d, name, h);                                                                       \
        h(c, i, d);                                                                                \
    }
static void vmx_illegal(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    (void)i;
    (void)d;
    ppc_illegal(c);
}
VA_PAIR(va_32, vmhaddshs, vmhraddshs)
VA_PAIR(va_34, vmladduhm, vmx_illegal)
VA_PAIR(va_36, vmsumubm, vmsummbm)
VA_PAIR(va_38, vmsumuhm, vmsumuhs)
VA_PAIR(va_40, vmsumshm, vmsumshs)
VA_PAIR(va_42, vsel, vperm)
VA_PAIR(va_44, vsldoi, vmx_illegal)
VA_PAIR(va_46, vmaddfp, vnmsubfp)

void ppc_ops_vmx_init(ppc_handler *t, const ppc_model_info *info)
{
    (void)info;
    /* VX-form (11-bit extended opcode, always even) and VC-form (Rc at
     * bit 21, 10-bit extended opcode) instructions of opcode 4. The
     * table index is bits 21-30, so VX entries sit at xo >> 1. */
    static const struct {
        uint16_t xo;
        ppc_handler h;
    } vx[] = {
        {0, vaddubm},    {2, vmaxub},      {4, vrlb},       {8, vmuloub},     {10, vaddfp},
        {12, vmrghb},    {14, vpkuhum},    {64, vadduhm},   {66, vmaxuh},     {68, vrlh},
        {72, vmulouh},   {74, vsubfp},     {76, vmrghh},    {78, vpkuwum},    {128, vadduwm},
        {130, vmaxuw},   {132, vrlw},      {140, vmrghw},   {142, vpkuhus},   {206, vpkuwus},
        {258, vmaxsb},   {260, vslb},      {264, vmulosb},  {266, vrefp},     {268, vmrglb},
        {270, vpkshus},  {322, vmaxsh},    {324, vslh},     {328, vmulosh},   {330, vrsqrtefp},
        {332, vmrglh},   {334, vpkswus},   {384, vaddcuw},  {386, vmaxsw},    {388, vslw},
        {394, vexptefp}, {396, vmrglw},    {398, vpkshss},  {452, vsl},       {458, vlogefp},
        {462, vpkswss},  {512, vaddubs},   {514, vminub},   {516, vsrb},      {520, vmuleub},
        {522, vrfin},    {524, vspltb},    {526, vupkhsb},  {576, vadduhs},   {578, vminuh},
        {580, vsrh},     {584, vmuleuh},   {586, vrfiz},    {588, vsplth},    {590, vupkhsh},
        {640, vadduws},  {642, vminuw},    {644, vsrw},     {650, vrfip},     {652, vspltw},
        {654, vupklsb},  {708, vsr},       {714, vrfim},    {718, vupklsh},   {768, vaddsbs},
        {770, vminsb},   {772, vsrab},     {776, vmulesb},  {778, vcfux},     {780, vspltisb},
        {782, vpkpx},    {832, vaddshs},   {834, vminsh},   {836, vsrah},     {840, vmulesh},
        {842, vcfsx},    {844, vspltish},  {846, vupkhpx},  {896, vaddsws},   {898, vminsw},
        {900, vsraw},    {906, vctuxs},    {908, vspltisw}, {970, vctsxs},    {974, vupklpx},
        {1024, vsububm}, {1026, vavgub},   {1028, vand},    {1034, vmaxfp},   {1036, vslo},
        {1088, vsubuhm}, {1090, vavguh},   {1092, vandc},   {1098, vminfp},   {1100, vsro},
        {1152, vsubuwm}, {1154, vavguw},   {1156, vor},     {1220, vxor},     {1282, vavgsb},
        {1284, vnor},    {1346, vavgsh},   {1408, vsubcuw}, {1410, vavgsw},   {1536, vsububs},
        {1540, mfvscr},  {1544, vsum4ubs}, {1600, vsubuhs}, {1604, mtvscr},   {1608, vsum4shs},
        {1664, vsubuws}, {1672, vsum2sws}, {1792, vsubsbs}, {1800, vsum4sbs}, {1856, vsubshs},
        {1920, vsubsws}, {1928, vsumsws},
    };
    for (size_t k = 0; k < sizeof(vx) / sizeof(vx[0]); k++)
        ppc_set_ext(t, 4, vx[k].xo >> 1, vx[k].h);
    static const struct {
        uint16_t xo;
        ppc_handler h;
    } vc[] = {
        {6, vcmpequb},   {70, vcmpequh},  {134, vcmpequw}, {198, vcmpeqfp}, {454, vcmpgefp},
        {518, vcmpgtub}, {582, vcmpgtuh}, {646, vcmpgtuw}, {710, vcmpgtfp}, {774, vcmpgtsb},
        {838, vcmpgtsh}, {902, vcmpgtsw}, {966, vcmpbfp},
    };
    for (size_t k = 0; k < sizeof(vc) / sizeof(vc[0]); k++) {
        ppc_set_ext(t, 4, vc[k].xo >> 1, vc[k].h);
        ppc_set_ext(t, 4, (vc[k].xo | 0x400u) >> 1, vc[k].h);
    }
    /* VA-form: the 6-bit extended opcode in bits 26-31 and vC in bits
     * 21-25, so each pair fills one index for every vC. */
    static const ppc_handler va[8] = {va_32, va_34, va_36, va_38, va_40, va_42, va_44, va_46};
    for (unsigned vcf = 0; vcf < 32; vcf++)
        for (unsigned k = 0; k < 8; k++) ppc_set_ext(t, 4, vcf << 5 | (16 + k), va[k]);

    /* Opcode 31: the vector loads and stores. */
    static const struct {
        uint16_t xo;
        ppc_handler h;
    } x[] = {
        {6, lvsl},  {38, lvsr},    {7, lvebx},    {39, lvehx},   {71, lvewx}, {103, lvx},
        {359, lvx}, {135, stvebx}, {167, stvehx}, {199, stvewx}, {231, stvx}, {487, stvx},
    };
    for (size_t k = 0; k < sizeof(x) / sizeof(x[0]); k++) ppc_set_ext(t, 31, x[k].xo, x[k].h);
}
