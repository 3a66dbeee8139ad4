/* Branches, condition register logic, sc and rfi (MPCFPE32B 4.2.4, 4.2.5
 * and 4.4.1). The BO field: bit 0 (0x10) skips the condition test, bit 1
 * (0x08) is the value the CR bit must have, bit 2 (0x04) skips the CTR
 * decrement, bit 3 (0x02) branches on CTR == 0 instead of != 0. */
#include "ppc_internal.h"

PPC_INLINE bool bo_ok(ppc_cpu *c, unsigned bo, unsigned bi)
{
    bool ctr_ok = true;
    if (!(bo & 4)) {
        c->ctr--;
        ctr_ok = (c->ctr != 0) != ((bo & 2) != 0);
    }
    bool cond_ok = (bo & 16) || ((c->cr >> (31 - bi) & 1) == ((bo >> 3) & 1));
    return ctr_ok && cond_ok;
}

/* b, ba, bl, bla */
static void b(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t li = (uint32_t)((int32_t)(i << 6) >> 6) & ~3u;
    uint32_t target = (i & 2) ? li : c->pc + li;
    if (i & 1) c->lr = c->pc + 4;
    NEXT_AT(c, target);
}

static void bc_generic(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t bd = (uint32_t)(int32_t)(int16_t)(i & 0xfffc);
    uint32_t cia = c->pc;
    if (i & 1) c->lr = cia + 4;
    if (bo_ok(c, RD(i), RA(i))) {
        NEXT_AT(c, (i & 2) ? bd : cia + bd);
        return;
    }
    NEXT_AT(c, cia + 4);
}

/* The common relative forms without LK, by BO (the y hint bit ignored). */

void ppc_bc_true(ppc_cpu *c, uint32_t i, ppc_dinsn *d) /* BO = 011zy */
{
    bc_cond(c, i, d, true);
}

void ppc_bc_false(ppc_cpu *c, uint32_t i, ppc_dinsn *d) /* BO = 001zy */
{
    bc_cond(c, i, d, false);
}

static void bdnz(ppc_cpu *c, uint32_t i, ppc_dinsn *d) /* BO = 1z00y */
{
    if (--c->ctr != 0) {
        NEXT_AT(c, bd_target(c, i));
        return;
    }
    NEXT(c);
}

static void bdz(ppc_cpu *c, uint32_t i, ppc_dinsn *d) /* BO = 1z01y */
{
    if (--c->ctr == 0) {
        NEXT_AT(c, bd_target(c, i));
        return;
    }
    NEXT(c);
}

static void bc(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    unsigned bo = RD(i);
    ppc_handler h = bc_generic;
    if (!(i & 3)) {
        if ((bo & 0x1c) == 0x0c)
            h = ppc_bc_true;
        else if ((bo & 0x1c) == 0x04)
            h = ppc_bc_false;
        else if ((bo & 0x16) == 0x10)
            h = bdnz;
        else if ((bo & 0x16) == 0x12)
            h = bdz;
    }
    quicken(d, bc, h);
    h(c, i, d);
}

static void bclr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t target = c->lr & ~3u;
    uint32_t cia = c->pc;
    if (i & 1) c->lr = cia + 4;
    if (bo_ok(c, RD(i), RA(i))) {
        NEXT_AT(c, target);
        return;
    }
    NEXT_AT(c, cia + 4);
}

/* blr, the most common form, without the BO decoding. */
static void blr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    if (i & 1) {
        bclr(c, i, d);
        return;
    }
    NEXT_AT(c, c->lr & ~3u);
}

static void bcctr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    uint32_t target = c->ctr & ~3u;
    uint32_t cia = c->pc;
    if (i & 1) c->lr = cia + 4;
    /* BO[2] = 0 (decrement) is an invalid form: the CTR test is ignored. */
    unsigned bo = RD(i) | 4;
    if (bo_ok(c, bo, RA(i))) {
        NEXT_AT(c, target);
        return;
    }
    NEXT_AT(c, cia + 4);
}

static void bclr_any(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    /* BO = 1z1zz without link: blr */
    ppc_handler h = (RD(i) & 0x14) == 0x14 && !(i & 1) ? blr : bclr;
    quicken(d, bclr_any, h);
    h(c, i, d);
}

/* ---- CR logic ---- */

PPC_INLINE unsigned crbit(const ppc_cpu *c, unsigned n)
{
    return c->cr >> (31 - n) & 1;
}

#define CROP(name, expr)                                                                           \
    static void name(ppc_cpu *c, uint32_t i, ppc_dinsn *d)                                         \
    {                                                                                              \
        unsigned a = crbit(c, RA(i)), b_ = crbit(c, RB(i));                                        \
        unsigned t = RD(i);                                                                        \
        unsigned v = (expr)&1;                                                                     \
        c->cr = (c->cr & ~(1u << (31 - t))) | v << (31 - t);                                       \
        NEXT(c);                                                                                   \
    }

CROP(crand, a &b_)
CROP(crandc, a & ~b_)
CROP(creqv, ~(a ^ b_))
CROP(crnand, ~(a &b_))
CROP(crnor, ~(a | b_))
CROP(cror, a | b_)
CROP(crorc, a | ~b_)
CROP(crxor, a ^ b_)

static void mcrf(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    unsigned src = i >> 18 & 7, dst = i >> 23 & 7;
    set_cr_field(c, dst, c->cr >> (28 - 4 * src) & 15);
    NEXT(c);
}

/* ---- system call, return from interrupt ---- */

static void sc(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    (void)i;
    retire(c);
    if (c->host.syscall) {
        c->host.syscall(c->host.ctx, c);
        /* The call may have mapped or unmapped memory. */
        if (c->bus->generation != c->bus_generation) {
            c->bus_generation = c->bus->generation;
            ppc_tlb_flush(c);
        }
        /* The call may also have moved the PC (sigreturn). */
        c->pc += 4;
        NEXT_LOOKUP(c);
        return;
    }
    ppc_deliver(c, EXC_SC, c->pc + 4, 0);
    NEXT_LOOKUP(c);
}

static void rfi(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    (void)i;
    require_supervisor(c);
    uint32_t srr1 = c->spr[SPR_SRR1];
    uint32_t keep = ppc_srr1_msr_mask(c);
    uint32_t msr = (c->msr & ~keep) | (srr1 & keep);
    if (c->info->soft_tlb)
        msr &= ~MSR_TGPR; /* 603e: rfi leaves the TLB miss handler's register set */
    retire(c);
    ppc_set_msr_internal(c, msr);
    c->pc = c->spr[SPR_SRR0] & ~3u;
    NEXT_LOOKUP(c);
}

static void isync(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    (void)i;
    NEXT_CHECK(c);
}

void ppc_ops_branch_init(ppc_handler *t, const ppc_model_info *info)
{
    (void)info;
    ppc_set_primary(t, 18, b);
    ppc_set_primary(t, 16, bc);
    ppc_set_primary(t, 17, sc);
    ppc_set_ext(t, 19, 16, bclr_any);
    ppc_set_ext(t, 19, 528, bcctr);
    ppc_set_ext(t, 19, 0, mcrf);
    ppc_set_ext(t, 19, 33, crnor);
    ppc_set_ext(t, 19, 129, crandc);
    ppc_set_ext(t, 19, 193, crxor);
    ppc_set_ext(t, 19, 225, crnand);
    ppc_set_ext(t, 19, 257, crand);
    ppc_set_ext(t, 19, 289, creqv);
    ppc_set_ext(t, 19, 417, crorc);
    ppc_set_ext(t, 19, 449, cror);
    ppc_set_ext(t, 19, 150, isync);
    ppc_set_ext(t, 19, 50, rfi);
}
