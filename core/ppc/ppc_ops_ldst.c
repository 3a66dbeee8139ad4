/* Integer loads and stores: the D and X forms with update, byte-reversed,
 * multiple and string forms, lwarx/stwcx., and the cache and external
 * control instructions (MPCFPE32B 3.3.2, 3.3.3, 4.3 and 8). Misaligned
 * accesses are done in hardware by these CPUs, except lmw/stmw/lwarx/stwcx.
 * which take the alignment exception (MPC750UM 4.5.6). */
#include "ppc_internal.h"

#include <string.h>

/* The alignment exception: DAR = EA, DSISR identifies the instruction
 * (MPCFPE32B table 6-12: bits 15-21 from the opcode, 22-26 rD/rS, 27-31 rA). */
_Noreturn static void alignment(ppc_cpu *c, uint32_t ea, uint32_t insn)
{
    uint32_t dsisr;
    unsigned primary = insn >> 26;
    if (primary == 31) {
        /* X form: bits 15-16 = insn 29-30, 17 = insn 25, 18-21 = insn 21-24 */
        dsisr = ((insn >> 1) & 3) << 15 | ((insn >> 6) & 1) << 14 | ((insn >> 7) & 15) << 10;
    } else {
        /* D form: bit 17 = insn 5, bits 18-21 = insn 1-4 */
        dsisr = ((insn >> 26) & 1) << 14 | ((insn >> 27) & 15) << 10;
    }
    dsisr |= RD(insn) << 5 | RA(insn);
    c->spr[SPR_DAR] = ea;
    c->spr[SPR_DSISR] = dsisr;
    ppc_raise(c, EXC_ALIGN, c->pc, 0);
}

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

/* Loads: kind 0 word, 1 half zero, 2 half algebraic, 3 byte. */
enum { L_W, L_HZ, L_HA, L_B };

PPC_INLINE uint32_t do_load(ppc_cpu *c, uint32_t ea, int kind)
{
    switch (kind) {
    case L_W: return ld32(c, ea);
    case L_HZ: return ld16(c, ea);
    case L_HA: return (uint32_t)(int32_t)(int16_t)ld16(c, ea);
    default: return ld8(c, ea);
    }
}

PPC_INLINE void do_store(ppc_cpu *c, uint32_t ea, uint32_t v, int size)
{
    if (size == 4)
        st32(c, ea, v);
    else if (size == 2)
        st16(c, ea, v);
    else
        st8(c, ea, v);
}

PPC_INLINE uint32_t host_load(const uint8_t *p, int kind)
{
    switch (kind) {
    case L_W: return load_be32(p);
    case L_HZ: return load_be16(p);
    case L_HA: return (uint32_t)(int32_t)(int16_t)load_be16(p);
    default: return *p;
    }
}

PPC_INLINE void host_store(uint8_t *p, uint32_t v, int size)
{
    if (size == 4)
        store_be32(p, v);
    else if (size == 2)
        store_be16(p, (uint16_t)v);
    else
        *p = (uint8_t)v;
}

/* Each load and store has a fast handler that only handles a hit in the
 * data translation cache, so it needs no stack frame, and hands anything
 * else to a slow twin that does the whole instruction again. */
#define LOAD_FORM(name, kind, size, EA, update)                                                    \
    static __attribute__((noinline)) void name##_slow(ppc_cpu *c, uint32_t i, ppc_dinsn *d)        \
    {                                                                                              \
        uint32_t ea = (EA);                                                                        \
        uint32_t v = do_load(c, ea, kind);                                                         \
        if (update) c->gpr[RA(i)] = ea;                                                            \
        c->gpr[RD(i)] = v;                                                                         \
        NEXT_CHECK(c);                                                                             \
    }                                                                                              \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        uint32_t ea = (EA);                                                                        \
        const uint8_t *p = probe_r(c, ea, size);                                                   \
        if (unlikely(!p)) {                                                                        \
            name##_slow(c, i, d);                                                                  \
            return;                                                                                \
        }                                                                                          \
        uint32_t v = host_load(p, kind);                                                           \
        if (update) c->gpr[RA(i)] = ea;                                                            \
        c->gpr[RD(i)] = v;                                                                         \
        NEXT(c);                                                                                   \
    }

#define STORE_FORM(name, size, EA, update)                                                         \
    static __attribute__((noinline)) void name##_slow(ppc_cpu *c, uint32_t i, ppc_dinsn *d)        \
    {                                                                                              \
        uint32_t ea = (EA);                                                                        \
        do_store(c, ea, c->gpr[RS(i)], size);                                                      \
        if (update) c->gpr[RA(i)] = ea;                                                            \
        NEXT_CHECK(c);                                                                             \
    }                                                                                              \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        uint32_t ea = (EA);                                                                        \
        uint8_t *p = probe_w(c, ea, size);                                                         \
        if (unlikely(!p)) {                                                                        \
            name##_slow(c, i, d);                                                                  \
            return;                                                                                \
        }                                                                                          \
        host_store(p, c->gpr[RS(i)], size);                                                        \
        if (update) c->gpr[RA(i)] = ea;                                                            \
        NEXT(c);                                                                                   \
    }

#define EA_U  (c->gpr[RA(i)] + SIMM(i))
#define EA_UX (c->gpr[RA(i)] + c->gpr[RB(i)])

#define LOAD_D(name, kind, size)                                                                   \
    LOAD_FORM(name, kind, size, ea_d(c, i), false)                                                 \
    LOAD_FORM(name##u, kind, size, EA_U, true)                                                     \
    LOAD_FORM(name##x, kind, size, ea_x(c, i), false)                                              \
    LOAD_FORM(name##ux, kind, size, EA_UX, true)

#define STORE_D(name, size)                                                                        \
    STORE_FORM(name, size, ea_d(c, i), false)                                                      \
    STORE_FORM(name##u, size, EA_U, true)                                                          \
    STORE_FORM(name##x, size, ea_x(c, i), false)                                                   \
    STORE_FORM(name##ux, size, EA_UX, true)

LOAD_D(lwz, L_W, 4)
LOAD_D(lhz, L_HZ, 2)
LOAD_D(lha, L_HA, 2)
LOAD_D(lbz, L_B, 1)
STORE_D(stw, 4)
STORE_D(sth, 2)
STORE_D(stb, 1)

/* ---- byte-reversed ---- */

static void lwbrx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = __builtin_bswap32(ld32(c, ea_x(c, i)));
    NEXT_CHECK(c);
}

static void lhbrx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = __builtin_bswap16((uint16_t)ld16(c, ea_x(c, i)));
    NEXT_CHECK(c);
}

static void stwbrx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    st32(c, ea_x(c, i), __builtin_bswap32(c->gpr[RS(i)]));
    NEXT_CHECK(c);
}

static void sthbrx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    st16(c, ea_x(c, i), __builtin_bswap16((uint16_t)c->gpr[RS(i)]));
    NEXT_CHECK(c);
}

/* ---- multiple ---- */

static void lmw(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t ea = ea_d(c, i);
    if (ea & 3) alignment(c, ea, i);
    /* Load into a copy first, so a DSI part-way leaves the registers alone
     * (the instruction restarts from the beginning). */
    uint32_t v[32];
    unsigned rd = RD(i);
    for (unsigned r = rd; r < 32; r++) v[r] = ld32(c, ea + 4 * (r - rd));
    for (unsigned r = rd; r < 32; r++)
        if (r != RA(i) || r == 31) c->gpr[r] = v[r];
    NEXT_CHECK(c);
}

static void stmw(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t ea = ea_d(c, i);
    if (ea & 3) alignment(c, ea, i);
    unsigned rs = RS(i);
    for (unsigned r = rs; r < 32; r++) st32(c, ea + 4 * (r - rs), c->gpr[r]);
    NEXT_CHECK(c);
}

/* ---- strings ---- */

/* Loads n bytes into rD, rD+1, ... (wrapping to r0), left-justified in
 * each register, the last register's unused bytes cleared. rA (and rB for
 * lswx) are skipped if in the range, as the 750 does for the invalid form. */
static void load_string(ppc_cpu *c, uint32_t ea, unsigned rd, unsigned n, unsigned ra, int rb)
{
    uint8_t buf[128];
    for (unsigned k = 0; k < n; k++) buf[k] = (uint8_t)ld8(c, ea + k);
    unsigned r = rd;
    for (unsigned k = 0; k < n; k += 4) {
        uint32_t v = 0;
        for (unsigned b = 0; b < 4; b++) v = v << 8 | (k + b < n ? buf[k + b] : 0);
        if (r != ra && (int)r != rb) c->gpr[r] = v;
        r = (r + 1) & 31;
    }
}

static void store_string(ppc_cpu *c, uint32_t ea, unsigned rs, unsigned n)
{
    unsigned r = rs;
    for (unsigned k = 0; k < n; k++) {
        st8(c, ea + k, c->gpr[r] >> (24 - 8 * (k & 3)));
        if ((k & 3) == 3) r = (r + 1) & 31;
    }
}

static void lswi(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    unsigned ra = RA(i);
    unsigned n = RB(i) ? RB(i) : 32;
    load_string(c, ra ? c->gpr[ra] : 0, RD(i), n, ra ? ra : 32, -1);
    NEXT_CHECK(c);
}

static void lswx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    unsigned n = c->xer_bc & 0x7f;
    unsigned ra = RA(i);
    load_string(c, ea_x(c, i), RD(i), n, ra ? ra : 32, (int)RB(i));
    NEXT_CHECK(c);
}

static void stswi(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    unsigned ra = RA(i);
    unsigned n = RB(i) ? RB(i) : 32;
    store_string(c, ra ? c->gpr[ra] : 0, RS(i), n);
    NEXT_CHECK(c);
}

static void stswx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    store_string(c, ea_x(c, i), RS(i), c->xer_bc & 0x7f);
    NEXT_CHECK(c);
}

/* ---- reservations ---- */

static void lwarx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t ea = ea_x(c, i);
    if (ea & 3) alignment(c, ea, i);
    uint32_t v = ld32(c, ea);
    c->reserve_addr = ppc_translate_data(c, ea, false);
    c->reserve = true;
    c->gpr[RD(i)] = v;
    NEXT_CHECK(c);
}

static void stwcx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t ea = ea_x(c, i);
    if (ea & 3) alignment(c, ea, i);
    uint32_t f = c->xer_so;
    if (c->reserve) {
        uint32_t pa = ppc_translate_data(c, ea, true);
        if (pa == c->reserve_addr) {
            st32(c, ea, c->gpr[RS(i)]);
            f |= 2;
        }
        c->reserve = false;
    }
    set_cr_field(c, 0, f);
    NEXT_CHECK(c);
}

/* ---- caches ---- */

/* dcbz: zero the 32-byte block. */
static void dcbz(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t ea = ea_x(c, i) & ~31u;
    for (unsigned k = 0; k < 32; k += 8) st64(c, ea + k, 0);
    NEXT_CHECK(c);
}

/* dcbf, dcbst, dcbt, dcbtst, icbi: no architectural effect here, but the
 * address is still translated, so a bad one faults as on hardware (the
 * touch hints dcbt/dcbtst never fault). */
static void dcb_translate(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    ppc_translate_data(c, ea_x(c, i), false);
    NEXT_CHECK(c);
}

/* icbi: the decoded copy of the page goes (MPCFPE32B 5.1.5.1: software
 * runs icbi after writing instructions, before executing them). */
static void icbi(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t pa = ppc_translate_data(c, ea_x(c, i), false);
    ppc_dcache_invalidate(c, pa & ~31u, 32);
    NEXT_CHECK(c);
}

static void dcb_hint(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    (void)i;
    NEXT_CHECK(c);
}

static void dcbi(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_supervisor(c);
    ppc_translate_data(c, ea_x(c, i), true);
    NEXT_CHECK(c);
}

/* eciwx/ecowx: only when EAR[E] is set, else a DSI with DSISR bit 11. */
static void eciwx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t ea = ea_x(c, i);
    if (!(c->spr[SPR_EAR] & 0x80000000u)) {
        c->spr[SPR_DAR] = ea;
        c->spr[SPR_DSISR] = 0x00100000u;
        ppc_raise(c, EXC_DSI, c->pc, 0);
    }
    if (ea & 3) alignment(c, ea, i);
    c->gpr[RD(i)] = ld32(c, ea);
    NEXT_CHECK(c);
}

static void ecowx(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t ea = ea_x(c, i);
    if (!(c->spr[SPR_EAR] & 0x80000000u)) {
        c->spr[SPR_DAR] = ea;
        c->spr[SPR_DSISR] = 0x02100000u;
        ppc_raise(c, EXC_DSI, c->pc, 0);
    }
    if (ea & 3) alignment(c, ea, i);
    st32(c, ea, c->gpr[RS(i)]);
    NEXT_CHECK(c);
}

void ppc_ops_ldst_init(ppc_handler *t, const ppc_model_info *info)
{
    (void)info;
    ppc_set_primary(t, 32, lwz);
    ppc_set_primary(t, 33, lwzu);
    ppc_set_primary(t, 34, lbz);
    ppc_set_primary(t, 35, lbzu);
    ppc_set_primary(t, 36, stw);
    ppc_set_primary(t, 37, stwu);
    ppc_set_primary(t, 38, stb);
    ppc_set_primary(t, 39, stbu);
    ppc_set_primary(t, 40, lhz);
    ppc_set_primary(t, 41, lhzu);
    ppc_set_primary(t, 42, lha);
    ppc_set_primary(t, 43, lhau);
    ppc_set_primary(t, 44, sth);
    ppc_set_primary(t, 45, sthu);
    ppc_set_primary(t, 46, lmw);
    ppc_set_primary(t, 47, stmw);
    static const struct {
        unsigned xo;
        ppc_handler h;
    } x[] = {
        {23, lwzx},      {55, lwzux},         {87, lbzx},          {119, lbzux}, {151, stwx},
        {183, stwux},    {215, stbx},         {247, stbux},        {279, lhzx},  {311, lhzux},
        {343, lhax},     {375, lhaux},        {407, sthx},         {439, sthux}, {534, lwbrx},
        {662, stwbrx},   {790, lhbrx},        {918, sthbrx},       {533, lswx},  {597, lswi},
        {661, stswx},    {725, stswi},        {20, lwarx},         {150, stwcx}, {310, eciwx},
        {438, ecowx},    {86, dcb_translate}, {54, dcb_translate}, {982, icbi},  {278, dcb_hint},
        {246, dcb_hint}, {470, dcbi},         {1014, dcbz},
    };
    for (size_t k = 0; k < sizeof(x) / sizeof(x[0]); k++) ppc_set_ext(t, 31, x[k].xo, x[k].h);
    if (info->has_dst) {
        /* dst/dstt (342), dstst/dststt (374), dss/dssall (822): the 7400's
         * data stream prefetch hints (MPC7400UM 2.3.6, AltiVec PEM 5.2.1).
         * They start or stop background cache prefetches and never fault
         * or change architected state, so with no cache model they do
         * nothing, and unlike the rest of AltiVec (ppc_ops_vmx.c) they do
         * not need MSR[VEC]. Linux runs dssall in its idle loop on the 7400. */
        ppc_set_ext(t, 31, 342, dcb_hint);
        ppc_set_ext(t, 31, 374, dcb_hint);
        ppc_set_ext(t, 31, 822, dcb_hint);
    }
}
