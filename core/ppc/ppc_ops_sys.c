/* Processor control: CR and XER moves, MSR, SPRs, the time base, segment
 * registers, TLB management and the synchronisation instructions
 * (MPCFPE32B 4.2.5, 4.4 and chapter 8). An SPR number with bit 4 set is
 * privileged; one the model lacks is an illegal instruction. */
#include "ppc_internal.h"

static void mfcr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    c->gpr[RD(i)] = c->cr;
    NEXT(c);
}

static void mtcrf(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    unsigned fxm = i >> 12 & 0xff;
    uint32_t mask = 0;
    for (unsigned f = 0; f < 8; f++)
        if (fxm & (0x80 >> f)) mask |= 0xf0000000u >> (4 * f);
    c->cr = (c->cr & ~mask) | (c->gpr[RS(i)] & mask);
    NEXT(c);
}

static void mcrxr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    set_cr_field(c, i >> 23 & 7, c->xer_so << 3 | c->xer_ov << 2 | c->xer_ca << 1);
    c->xer_so = c->xer_ov = c->xer_ca = 0;
    NEXT(c);
}

static void mfmsr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_supervisor(c);
    c->gpr[RD(i)] = c->msr;
    NEXT(c);
}

static void mtmsr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_supervisor(c);
    ppc_set_msr_internal(c, c->gpr[RS(i)]);
    NEXT_CHECK(c);
}

PPC_INLINE unsigned spr_field(uint32_t i)
{
    return (i >> 16 & 0x1f) | (i >> 6 & 0x3e0);
}

static void mfspr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    unsigned spr = spr_field(i);
    if (spr & 0x10) require_supervisor(c);
    uint32_t v;
    if (!ppc_spr_read(c, spr, &v)) ppc_illegal(c);
    c->gpr[RD(i)] = v;
    NEXT(c);
}

/* The common user SPRs without the general lookup. */
/* A busy-wait on the time base (Linux's __delay, firmware delays) reads
 * it in a tight loop in which nothing but the value read changes. Running that loop instruction by
 * instruction for a long delay (Linux spends two seconds so before a G4 powers off) costs the host
 * the full guest time at interpreter speed; instead, once the same mftb has been reached 8 times
 * with the same registers, time jumps ahead by as much as the loop has already waited (tbw_pc then
 * holds the register). The guest sees its clock advance faster during the wait, never backwards,
 * and a delay ends at most about twice as late in guest time. The jump stays short of the run's
 * limit, so decrementer and device events still happen on time. */
static uint64_t tb_wait_digest(const ppc_cpu *c, unsigned rd)
{
    uint64_t h = 1469598103934665603ull;
    for (unsigned r = 0; r < 32; r++)
        if (r != rd) h = (h ^ c->gpr[r]) * 1099511628211ull;
    h = (h ^ c->ctr) * 1099511628211ull;
    h = (h ^ c->lr) * 1099511628211ull;
    return (h ^ c->cr) * 1099511628211ull;
}

static void tb_wait_check(ppc_cpu *c, unsigned rd)
{
    uint64_t now = now_cycles(c), dg = tb_wait_digest(c, rd);
    /* Not the PC: a loop may read the time base at two places (Linux's
     * __delay does), both into the same register. */
    if (rd != c->tbw_pc || dg != c->tbw_digest || now - c->tbw_start > 4 * c->clock_hz) {
        c->tbw_pc = rd;
        c->tbw_digest = dg;
        c->tbw_start = now;
        c->tbw_count = 0;
        return;
    }
    if (++c->tbw_count < 8) return;
    int64_t room = c->limit - cur_cycles(c) - 1;
    int64_t skip = (int64_t)(now - c->tbw_start);
    if (skip > room) skip = room;
    if (skip > 0) {
        c->cycles += skip;
        c->insn_count -= (uint64_t)skip; /* time passed, no instructions ran */
    }
}

static void mfspr_fast(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    switch (spr_field(i)) {
    case SPR_LR: c->gpr[RD(i)] = c->lr; break;
    case SPR_CTR: c->gpr[RD(i)] = c->ctr; break;
    case SPR_TBL_R:
    case SPR_TBU_R:
        /* mfspr 268/269 reads the time base too (Linux uses it). */
        if (c->info->has_tb) tb_wait_check(c, RD(i));
        mfspr(c, i, d);
        return;
    default: mfspr(c, i, d); return;
    }
    NEXT(c);
}

static void mtspr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    unsigned spr = spr_field(i);
    uint32_t v = c->gpr[RS(i)];
    switch (spr) {
    case SPR_LR: c->lr = v; break;
    case SPR_CTR: c->ctr = v; break;
    default:
        if (spr & 0x10) require_supervisor(c);
        if (!ppc_spr_write(c, spr, v)) ppc_illegal(c);
        break;
    }
    NEXT_CHECK(c);
}

static void mftb(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    unsigned tbr = spr_field(i);
    tb_wait_check(c, RD(i));
    uint64_t tb = ppc_tb_now(c);
    if (tbr == SPR_TBL_R)
        c->gpr[RD(i)] = (uint32_t)tb;
    else if (tbr == SPR_TBU_R)
        c->gpr[RD(i)] = (uint32_t)(tb >> 32);
    else
        ppc_illegal(c);
    NEXT(c);
}

static void mfsr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_supervisor(c);
    c->gpr[RD(i)] = c->sr[i >> 16 & 15];
    NEXT(c);
}

static void mtsr(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_supervisor(c);
    c->sr[i >> 16 & 15] = c->gpr[RS(i)];
    ppc_tlb_flush(c);
    NEXT_CHECK(c);
}

static void mfsrin(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_supervisor(c);
    c->gpr[RD(i)] = c->sr[c->gpr[RB(i)] >> 28];
    NEXT(c);
}

static void mtsrin(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_supervisor(c);
    c->sr[c->gpr[RB(i)] >> 28] = c->gpr[RS(i)];
    ppc_tlb_flush(c);
    NEXT_CHECK(c);
}

static void tlbie(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_supervisor(c);
    uint32_t ea = c->gpr[RB(i)];
    ppc_tlb_flush_page(c, ea);
    ppc_soft_tlb_invalidate(c, ea);
    NEXT_CHECK(c);
}

static void tlbld(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_supervisor(c);
    ppc_soft_tlb_load(c, c->gpr[RB(i)], true);
    NEXT_CHECK(c);
}

static void tlbli(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    require_supervisor(c);
    ppc_soft_tlb_load(c, c->gpr[RB(i)], false);
    NEXT_CHECK(c);
}

static void supervisor_nop(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    (void)i;
    require_supervisor(c);
    NEXT_CHECK(c);
}

static void nop(ppc_cpu *c, uint32_t i, ppc_dinsn *d)
{
    (void)i;
    NEXT_CHECK(c);
}

void ppc_ops_sys_init(ppc_handler *t, const ppc_model_info *info)
{
    ppc_set_ext(t, 31, 19, mfcr);
    ppc_set_ext(t, 31, 144, mtcrf);
    ppc_set_ext(t, 31, 512, mcrxr);
    ppc_set_ext(t, 31, 83, mfmsr);
    ppc_set_ext(t, 31, 146, mtmsr);
    ppc_set_ext(t, 31, 339, mfspr_fast);
    ppc_set_ext(t, 31, 467, mtspr);
    if (info->has_tb) ppc_set_ext(t, 31, 371, mftb);
    ppc_set_ext(t, 31, 595, mfsr);
    ppc_set_ext(t, 31, 210, mtsr);
    ppc_set_ext(t, 31, 659, mfsrin);
    ppc_set_ext(t, 31, 242, mtsrin);
    ppc_set_ext(t, 31, 306, tlbie);
    ppc_set_ext(t, 31, 566, supervisor_nop); /* tlbsync */
    ppc_set_ext(t, 31, 598, nop);            /* sync */
    ppc_set_ext(t, 31, 854, nop);            /* eieio */
    if (info->soft_tlb) {
        ppc_set_ext(t, 31, 978, tlbld);
        ppc_set_ext(t, 31, 1010, tlbli);
    }
}
