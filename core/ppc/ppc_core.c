/* PowerPC core: models, the public API, the run loop, exceptions,
 * interrupts, the time base and decrementer, and SPR access.
 *
 * Exception processing per MPCFPE32B chapter 6: SRR0 gets the address to
 * resume at, SRR1 the exception-specific bits 1-4 and 10-15 plus MSR bits
 * 16-23, 25-27 and 30-31; the new MSR keeps ME, IP and ILE (LE takes the
 * value of ILE) and clears everything else; execution continues at the
 * vector, offset from 0xFFF00000 when MSR[IP] is set. */
#include "ppc_internal.h"
#include "ppc_jit.h"

#include <stdlib.h>
#include <string.h>

static const ppc_model_info models[] = {
    [PPC_MODEL_601] = {.name = "601", .pvr = 0x00010001, .hz = 66000000, .is_601 = true},
    [PPC_MODEL_603E] = {.name = "603e",
                        .pvr = 0x00060101,
                        .hz = 200000000,
                        .soft_tlb = true,
                        .fgraphics = true,
                        .has_tb = true},
    [PPC_MODEL_604E] = {.name = "604e",
                        .pvr = 0x00090204,
                        .hz = 200000000,
                        .fgraphics = true,
                        .has_tb = true,
                        .has_pmc = true},
    [PPC_MODEL_750] = {.name = "750",
                       .pvr = 0x00083214,
                       .hz = 400000000,
                       .fgraphics = true,
                       .has_tb = true,
                       .has_l2cr = true,
                       .has_thrm = true,
                       .has_pmc = true},
    [PPC_MODEL_7400] = {.name = "7400",
                        .pvr = 0x000c0209,
                        .hz = 450000000,
                        .fgraphics = true,
                        .has_tb = true,
                        .has_l2cr = true,
                        .has_thrm = true,
                        .has_pmc = true,
                        .has_dst = true,
                        .has_vmx = true},
};

const ppc_model_info *ppc_model_get(ppc_model m)
{
    return &models[m];
}

bool ppc_model_from_name(const char *name, ppc_model *out)
{
    static const struct {
        const char *name;
        ppc_model m;
    } names[] = {
        {"601", PPC_MODEL_601},   {"603e", PPC_MODEL_603E}, {"603", PPC_MODEL_603E},
        {"604e", PPC_MODEL_604E}, {"604", PPC_MODEL_604E},  {"750", PPC_MODEL_750},
        {"g3", PPC_MODEL_750},    {"7400", PPC_MODEL_7400}, {"g4", PPC_MODEL_7400},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcasecmp(name, names[i].name) == 0) {
            *out = names[i].m;
            return true;
        }
    return false;
}

const char *ppc_model_name(ppc_model m)
{
    return models[m].name;
}

/* ---- time base and decrementer ---- */

uint64_t ppc_tb_now(const ppc_cpu *c)
{
    return c->tb_offset + now_cycles(c) / c->tb_divisor;
}

uint32_t ppc_dec_now(const ppc_cpu *c)
{
    /* DEC counts down at the time base rate: it reads 0 at dec_zero_at. */
    uint64_t tb = ppc_tb_now(c);
    return (uint32_t)(c->dec_zero_at - tb);
}

/* Clocks from the start of the current run until the decrementer turns
 * negative, or INT64_MAX. */
static int64_t dec_deadline(const ppc_cpu *c)
{
    if (!c->dec_armed) return INT64_MAX;
    /* DEC goes from 0 to -1 when TB reaches dec_zero_at + 1. */
    uint64_t tb_target = c->dec_zero_at + 1;
    if (tb_target <= c->tb_offset) return 0;
    unsigned __int128 clk = (unsigned __int128)(tb_target - c->tb_offset) * c->tb_divisor;
    if (clk <= c->total_cycles) return 0;
    clk -= c->total_cycles;
    return clk > INT64_MAX ? INT64_MAX : (int64_t)clk;
}

static void sync_limit(ppc_cpu *c)
{
    int64_t lim = c->budget;
    int64_t d = dec_deadline(c);
    if (d < lim) lim = d;
    c->limit = c->pending ? -1 : lim;
    ppc_stop_chain(c, c->limit);
}

void ppc_dec_write(ppc_cpu *c, uint32_t v)
{
    uint32_t old = ppc_dec_now(c);
    c->dec_zero_at = ppc_tb_now(c) + v;
    c->dec_armed = true;
    /* Writing a value with bit 0 set while DEC was non-negative signals at
     * once (the 0 -> 1 transition of bit 0 is what raises the exception). */
    if ((int32_t)v < 0 && (int32_t)old >= 0) c->dec_pending = true;
    ppc_update_pending(c);
}

void ppc_tb_write(ppc_cpu *c, bool upper, uint32_t v)
{
    uint32_t dec = ppc_dec_now(c);
    uint64_t tb = ppc_tb_now(c);
    tb = upper ? (tb & 0xffffffffu) | (uint64_t)v << 32 : (tb & ~0xffffffffull) | v;
    c->tb_offset = tb - now_cycles(c) / c->tb_divisor;
    /* DEC keeps its value across a time base write. */
    c->dec_zero_at = tb + dec;
    ppc_update_pending(c);
}

/* ---- pending work ---- */

void ppc_update_pending(ppc_cpu *c)
{
    uint32_t p = c->pending & (PEND_END | PEND_RESET);
    if (c->msr & MSR_EE) {
        if (c->int_line) p |= PEND_IRQ;
        if (c->dec_pending) p |= PEND_DEC;
    }
    if (c->msr & MSR_SE) p |= PEND_TRACE;
    if (c->sleeping) p |= PEND_SLEEP;
    c->pending = p;
    sync_limit(c);
}

static void dec_check(ppc_cpu *c)
{
    if (c->dec_armed && ppc_tb_now(c) > c->dec_zero_at) {
        /* 0 -> -1: signal, and count on to the next underflow, 2^32 ticks on. */
        c->dec_zero_at += 1ull << 32;
        c->dec_pending = true;
        ppc_update_pending(c);
    }
}

/* ---- MSR and translation modes ---- */

void ppc_set_msr_internal(ppc_cpu *c, uint32_t v)
{
    uint32_t old = c->msr;
    if (c->info->soft_tlb && ((old ^ v) & MSR_TGPR)) {
        /* 603e: MSR[TGPR] swaps r0-r3 with the shadow set. */
        for (int i = 0; i < 4; i++) {
            uint32_t t = c->gpr[i];
            c->gpr[i] = c->gpr_shadow[i];
            c->gpr_shadow[i] = t;
        }
    }
    c->msr = v;
    c->dmode = ((v & MSR_DR) ? 1 : 0) | ((v & MSR_PR) ? 2 : 0);
    c->imode = ((v & MSR_IR) ? 1 : 0) | ((v & MSR_PR) ? 2 : 0);
    c->fetch_tag = PPC_TLB_INVALID;
    ppc_stop_chain(c, -1); /* instruction translation may have changed */
    if (v & MSR_POW) c->sleeping = true;
    ppc_update_pending(c);
}

/* ---- exceptions ---- */

void ppc_deliver(ppc_cpu *c, uint32_t vector, uint32_t srr0, uint32_t srr1_bits)
{
    sync_cycles(c);
    uint32_t msr = c->msr;
    c->spr[SPR_SRR0] = srr0;
    uint32_t keep_msr = ppc_srr1_msr_mask(c);
    c->spr[SPR_SRR1] = (msr & keep_msr) | (srr1_bits & 0xffff0000u & ~keep_msr);
    uint32_t keep = msr & (MSR_ME | MSR_IP | MSR_ILE);
    uint32_t nmsr = keep | ((msr & MSR_ILE) ? MSR_LE : 0);
    c->sleeping = false;
    c->reserve = false;
    ppc_set_msr_internal(c, nmsr);
    c->pc = ((msr & MSR_IP) ? 0xfff00000u : 0) | vector;
    c->block_pc = c->pc;
}

_Noreturn void ppc_raise(ppc_cpu *c, uint32_t vector, uint32_t srr0, uint32_t srr1_bits)
{
    if (c->host.user_fault) {
        /* User-mode emulation: there is no kernel to take it. */
        c->host.user_fault(c->host.ctx, c, vector, srr1_bits);
        ppc_end_slice(c);
        longjmp(c->abort, 1);
    }
    ppc_deliver(c, vector, srr0, srr1_bits);
    longjmp(c->abort, 1);
}

_Noreturn void ppc_program(ppc_cpu *c, uint32_t bits)
{
    ppc_raise(c, EXC_PROGRAM, c->pc, bits);
}
_Noreturn void ppc_illegal(ppc_cpu *c)
{
    ppc_program(c, PROG_ILLEGAL);
}
_Noreturn void ppc_privileged(ppc_cpu *c)
{
    ppc_program(c, PROG_PRIV);
}
_Noreturn void ppc_fp_unavailable(ppc_cpu *c)
{
    ppc_raise(c, EXC_FPU, c->pc, 0);
}
/* A vector instruction with MSR[VEC] clear (AltiVec PEM 6.2.1, MPC7400UM
 * 4.6.16): SRR0 is the instruction, vector 0xF20. */
_Noreturn void ppc_vec_unavailable(ppc_cpu *c)
{
    ppc_raise(c, EXC_VEC_UNAVAIL, c->pc, 0);
}

/* Interrupts and other work between instructions. Returns false when the
 * run must stop. */
static bool service_pending(ppc_cpu *c)
{
    if (c->pending & PEND_END) {
        c->pending &= ~PEND_END;
        sync_limit(c);
        return false;
    }
    dec_check(c);
    if (c->pending & PEND_IRQ) {
        ppc_deliver(c, EXC_EXTERNAL, c->pc, 0);
        return true;
    }
    if (c->pending & PEND_DEC) {
        c->dec_pending = false;
        ppc_deliver(c, EXC_DEC, c->pc, 0);
        return true;
    }
    if (c->pending & PEND_SLEEP) {
        /* MSR[POW]: nothing runs until an interrupt; skip to the next
         * decrementer deadline or the end of the slice. */
        int64_t d = dec_deadline(c);
        int64_t until = d < c->budget ? d : c->budget;
        if (c->cycles < until) c->cycles = until;
        dec_check(c);
        return c->cycles < c->budget && (c->pending & ~PEND_SLEEP);
    }
    if (c->pending & PEND_TRACE) {
        /* MSR[SE]: run one instruction, then take the trace exception. */
        c->chain_start = c->cycles;
        ppc_step(c);
        sync_cycles(c);
        c->insn_count++;
        if (c->msr & MSR_SE) ppc_deliver(c, EXC_TRACE, c->pc, 0);
        return true;
    }
    return true;
}

/* ---- run ---- */

static void __attribute__((noinline)) run_fast(ppc_cpu *c)
{
    while (c->cycles < c->limit) {
        int64_t start = c->cycles;
        c->chain_start = start;
        if (c->limit - start > PPC_OVERRUN + 1) {
            int64_t stop = start + CHAIN_LENGTH, lim = c->limit - PPC_OVERRUN;
            c->stop = stop < lim ? stop : lim;
            ppc_dcache_maintain(c);
            ppc_dinsn *d = ppc_dlookup(c, c->pc);
            d->h(c, d->insn, d);
        } else {
            ppc_step(c);
        }
        sync_cycles(c);
        c->insn_count += (uint64_t)(c->cycles - start);
    }
}

int64_t ppc_run(ppc_cpu *c, int64_t budget)
{
    if (c->bus->generation != c->bus_generation) {
        c->bus_generation = c->bus->generation;
        ppc_tlb_flush(c);
    }
    c->cycles = 0;
    c->block_pc = c->pc;
    c->budget = budget;
    c->pending &= ~PEND_END; /* an end_slice after the last run ends nothing now */
    c->in_run = true;
    c->chain_start = 0;
    c->stop = -1;
    sync_limit(c);
    if (setjmp(c->abort)) {
        /* An instruction was abandoned by an exception: count what ran. */
        sync_cycles(c);
        c->insn_count += (uint64_t)(c->cycles - c->chain_start) + 1;
        c->cycles++;
        c->stop = -1;
    }
    while (c->cycles < c->budget) {
        sync_limit(c);
        if (c->limit <= c->cycles) {
            dec_check(c);
            if (!service_pending(c)) break;
            continue;
        }
        run_fast(c);
    }
    sync_cycles(c);
    c->in_run = false;
    c->total_cycles += (uint64_t)c->cycles;
    return c->cycles;
}

int64_t ppc_run_idle(ppc_cpu *c, int64_t cycles)
{
    bool was = c->sleeping;
    c->sleeping = true;
    ppc_update_pending(c);
    int64_t n = ppc_run(c, cycles);
    if (!was && c->sleeping) {
        c->sleeping = false;
        ppc_update_pending(c);
    }
    return n;
}

void ppc_end_slice(ppc_cpu *c)
{
    c->pending |= PEND_END;
    c->budget = c->in_run ? cur_cycles(c) : 0;
    c->limit = -1;
    c->stop = -1;
}

int64_t ppc_slice_cycles(const ppc_cpu *c)
{
    return c->in_run ? cur_cycles(c) : 0;
}

void ppc_set_pin(ppc_cpu *c, ppc_pin pin, bool asserted)
{
    switch (pin) {
    case PPC_PIN_INT:
        c->int_line = asserted;
        if (asserted) c->sleeping = false;
        break;
    case PPC_PIN_HRESET:
        if (asserted) ppc_reset(c);
        break;
    case PPC_PIN_SRESET:
        if (asserted) {
            c->sleeping = false;
            ppc_deliver(c, EXC_RESET, c->pc, 0);
        }
        break;
    case PPC_PIN_MCP:
        if (asserted && (c->msr & MSR_ME)) {
            c->sleeping = false;
            ppc_deliver(c, EXC_MCHECK, c->pc, 0);
        }
        break;
    }
    ppc_update_pending(c);
}

/* ---- SPRs ---- */

static bool bat_spr(unsigned spr)
{
    return spr >= 528 && spr <= 543;
}

bool ppc_spr_read(ppc_cpu *c, unsigned spr, uint32_t *out)
{
    const ppc_model_info *m = c->info;
    switch (spr) {
    case SPR_XER: *out = get_xer(c); return true;
    case SPR_LR: *out = c->lr; return true;
    case SPR_CTR: *out = c->ctr; return true;
    case SPR_DEC: *out = ppc_dec_now(c); return true;
    case SPR_PVR: *out = c->spr[SPR_PVR]; return true;
    case SPR_DSISR:
    case SPR_DAR:
    case SPR_SDR1:
    case SPR_SRR0:
    case SPR_SRR1:
    case SPR_SPRG0:
    case SPR_SPRG1:
    case SPR_SPRG2:
    case SPR_SPRG3:
    case SPR_EAR:
    case SPR_HID0:
    case SPR_IABR:
    case SPR_DABR: *out = c->spr[spr]; return true;
    case SPR_TBL_R:
    case SPR_TBU_R:
        if (!m->has_tb) return false;
        *out = (uint32_t)(ppc_tb_now(c) >> (spr == SPR_TBU_R ? 32 : 0));
        return true;
    default: break;
    }
    if (bat_spr(spr)) {
        if (m->is_601 && spr >= SPR_DBAT0U)
            return false; /* the 601 has four unified BAT pairs only */
        *out = c->spr[spr];
        return true;
    }
    if (m->is_601) {
        uint64_t ns = (uint64_t)((unsigned __int128)now_cycles(c) * 1000000000u / c->clock_hz);
        switch (spr) {
        case SPR_MQ: *out = c->mq; return true;
        case SPR_RTCU_R: *out = (uint32_t)(ns / 1000000000u) + c->spr[SPR_RTCU_W]; return true;
        case SPR_RTCL_R: *out = (uint32_t)(ns % 1000000000u) << 7; return true;
        case SPR_DEC_601U: *out = ppc_dec_now(c); return true;
        case SPR_HID1:
        case 1010: /* HID2 = IABR */
        case 1013: /* HID5 = DABR */
        case SPR_PIR: *out = c->spr[spr]; return true;
        default: return false;
        }
    }
    switch (spr) {
    case SPR_HID1:
        if (c->model == PPC_MODEL_604E || c->model == PPC_MODEL_750 || c->model == PPC_MODEL_7400) {
            *out = c->spr[spr];
            return true;
        }
        return false;
    case SPR_DMISS:
    case SPR_DCMP:
    case SPR_HASH1:
    case SPR_HASH2:
    case SPR_IMISS:
    case SPR_ICMP:
    case SPR_RPA:
        if (!m->soft_tlb) return false;
        *out = c->spr[spr];
        return true;
    case SPR_L2CR:
        if (!m->has_l2cr) return false;
        *out = c->spr[spr];
        return true;
    case SPR_ICTC:
    case SPR_THRM1:
    case SPR_THRM2:
    case SPR_THRM3:
        if (!m->has_thrm) return false;
        *out = c->spr[spr];
        return true;
    case SPR_MMCR0:
    case SPR_PMC1:
    case SPR_PMC2:
    case SPR_SIA:
    case SPR_SDA:
    case SPR_MMCR1:
    case SPR_PMC3:
    case SPR_PMC4:
        if (!m->has_pmc) return false;
        *out = c->spr[spr];
        return true;
    case 936: /* UMMCR0 and the other user-mode read-only copies (750, 7400) */
    case 937:
    case 938:
    case 939:
    case 940:
    case 941:
    case 942:
        if (!m->has_l2cr) return false;
        *out = c->spr[spr + 16];
        return true;
    case SPR_PIR:
        if (c->model == PPC_MODEL_604E || c->model == PPC_MODEL_7400) {
            *out = c->spr[spr];
            return true;
        }
        return false;
    case SPR_MSSCR0:
    case 1015:
    case SPR_VRSAVE:
        if (c->model != PPC_MODEL_7400) return false;
        *out = c->spr[spr];
        return true;
    default: return false;
    }
}

bool ppc_spr_write(ppc_cpu *c, unsigned spr, uint32_t v)
{
    const ppc_model_info *m = c->info;
    uint32_t dummy;
    switch (spr) {
    case SPR_XER: set_xer(c, v); return true;
    case SPR_LR: c->lr = v; return true;
    case SPR_CTR: c->ctr = v; return true;
    case SPR_DEC: ppc_dec_write(c, v); return true;
    case SPR_PVR: return true; /* read-only: writes are ignored */
    case SPR_SDR1:
        c->spr[spr] = v;
        ppc_tlb_flush(c);
        return true;
    case SPR_TBL_W:
    case SPR_TBU_W:
        if (!m->has_tb) return false;
        ppc_tb_write(c, spr == SPR_TBU_W, v);
        return true;
    default: break;
    }
    if (bat_spr(spr)) {
        if (m->is_601 && spr >= SPR_DBAT0U) return false;
        c->spr[spr] = v;
        ppc_tlb_flush(c);
        return true;
    }
    if (m->is_601) {
        switch (spr) {
        case SPR_MQ: c->mq = v; return true;
        case SPR_RTCU_W: c->spr[spr] = v; return true;
        case SPR_RTCL_W: return true;
        default: break;
        }
    }
    if (spr == SPR_TBL_R || spr == SPR_TBU_R || (spr >= 936 && spr <= 942))
        return false; /* read-only SPRs: an illegal mtspr */
    if (!ppc_spr_read(c, spr, &dummy)) return false;
    switch (spr) {
    case SPR_HID0:
        /* The cache flash-invalidate bits ICFI (20) and DCFI (21) clear
         * themselves once the invalidation is done, which is at once. */
        v &= ~0x00000c00u;
        break;
    case SPR_L2CR:
        /* L2I (bit 10) starts a global invalidate; L2IP (bit 31) reads 1
         * while it runs: here it has always finished. */
        v &= ~0x00200001u;
        break;
    case SPR_THRM1:
    case SPR_THRM2:
        /* Thermal assist: with V (bit 31) set the comparison is valid
         * (TIV, bit 1) and the junction is below the threshold (TIN = 0). */
        v = (v & ~0xc0000000u) | ((v & 1) ? 0x40000000u : 0);
        break;
    default: break;
    }
    c->spr[spr] = v;
    return true;
}

/* ---- the scheduler ---- */

static sched_time hook_elapsed(void *ctx)
{
    ppc_cpu *c = ctx;
    clock_domain d = {c->clock_hz};
    return clock_ticks_to_ps(&d, (uint64_t)(c->in_run ? cur_cycles(c) : 0));
}

/* An event due before the end of the running slice: stop there. */
static void hook_deadline(void *ctx, sched_time when)
{
    ppc_cpu *c = ctx;
    if (!c->in_run || !c->sched) return;
    clock_domain d = {c->clock_hz};
    sched_time rel = when - c->sched->base;
    int64_t cyc = (int64_t)clock_ps_to_ticks(&d, rel > 0 ? rel : 0) + 1;
    if (cyc < c->budget) c->budget = cyc;
    if (cyc < c->limit) c->limit = cyc;
    ppc_stop_chain(c, cyc);
}

static const sched_cpu_hooks sched_hooks = {hook_elapsed, hook_deadline};

/* ---- public API ---- */

/* Every opcode the model does not implement: a program exception. */
static void op_illegal(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)
{
    (void)insn;
    ppc_illegal(c);
}

ppc_cpu *ppc_create(const ppc_config *cfg, mm_space *bus, sched *s, const ppc_host *host,
                    const char **err)
{
    const char *dummy;
    if (!err) err = &dummy;
    if (!cfg || !bus) {
        *err = "ppc_create: no configuration or no bus";
        return NULL;
    }
    if ((unsigned)cfg->model > PPC_MODEL_7400) {
        *err = "unknown PowerPC model";
        return NULL;
    }
    if (bus->addr_bits != 32) {
        *err = "the PowerPC needs a 32-bit physical address space";
        return NULL;
    }
    ppc_cpu *c = calloc(1, sizeof(*c));
    if (!c) {
        *err = "out of memory";
        return NULL;
    }
    c->model = cfg->model;
    c->info = &models[cfg->model];
    c->clock_hz = cfg->core_hz ? cfg->core_hz : c->info->hz;
    c->tb_divisor = cfg->tb_divisor ? cfg->tb_divisor : 8;
    c->bus = bus;
    c->bus_generation = bus->generation;
    if (!ppc_dcache_init(c)) {
        free(c);
        *err = "out of memory";
        return NULL;
    }
    if (!cfg->no_jit) c->jit = ppc_jit_new();
    c->jit_hot = cfg->jit_hot ? (cfg->jit_hot > 255 ? 255 : cfg->jit_hot) : 16;
    c->sched = s;
    if (s) sched_set_cpu(s, &sched_hooks, c);
    if (host) c->host = *host;
    c->spr[SPR_PVR] = cfg->pvr ? cfg->pvr : c->info->pvr;

    for (uint32_t i = 0; i < 65536; i++) c->table[i] = op_illegal;
    ppc_ops_int_init(c->table, c->info);
    ppc_ops_ldst_init(c->table, c->info);
    ppc_ops_branch_init(c->table, c->info);
    ppc_ops_sys_init(c->table, c->info);
    ppc_ops_fp_init(c->table, c->info);
    if (c->info->is_601) ppc_ops_power_init(c->table, c->info);
    if (c->info->has_vmx) ppc_ops_vmx_init(c->table, c->info);
    ppc_reset(c);
    return c;
}

void ppc_destroy(ppc_cpu *c)
{
    if (!c) return;
    ppc_soft_tlb_free(c);
    ppc_dcache_free(c);
    ppc_jit_free(c->jit);
    free(c);
}

void ppc_reset(ppc_cpu *c)
{
    memset(c->gpr, 0, sizeof(c->gpr));
    memset(c->sr, 0, sizeof(c->sr));
    c->cr = 0;
    set_xer(c, 0);
    c->lr = c->ctr = 0;
    c->fpscr = 0;
    c->fp_lazy = false;
    /* The 7400 leaves reset in non-Java mode (MPC7400UM, state after
     * hard reset: VSCR = 0x0001_0000). */
    memset(c->vr, 0, sizeof(c->vr));
    c->vscr = VSCR_NJ;
    c->reserve = false;
    c->sleeping = false;
    c->dec_pending = false;
    c->dec_armed = false;
    c->pending = 0;
    c->msr = 0;
    ppc_set_msr_internal(c, MSR_IP);
    c->spr[SPR_HID0] = 0;
    for (unsigned i = 528; i <= 543; i++) c->spr[i] = 0;
    ppc_tlb_flush(c);
    c->pc = 0xfff00100u;
    c->block_pc = c->pc;
}

void ppc_set_gpr(ppc_cpu *c, unsigned n, uint32_t v)
{
    c->gpr[n & 31] = v;
}
uint32_t ppc_get_gpr(const ppc_cpu *c, unsigned n)
{
    return c->gpr[n & 31];
}
uint64_t ppc_get_fpr(const ppc_cpu *c, unsigned n)
{
    return c->fpr[n & 31];
}
void ppc_set_fpr(ppc_cpu *c, unsigned n, uint64_t v)
{
    c->fpr[n & 31] = v;
}
uint32_t ppc_get_cr(const ppc_cpu *c)
{
    return c->cr;
}
void ppc_set_cr(ppc_cpu *c, uint32_t v)
{
    c->cr = v;
}
uint32_t ppc_get_xer(const ppc_cpu *c)
{
    return get_xer(c);
}
void ppc_set_xer(ppc_cpu *c, uint32_t v)
{
    set_xer(c, v);
}
uint32_t ppc_get_fpscr(const ppc_cpu *c)
{
    return ppc_fpscr_value(c);
}
void ppc_set_fpscr(ppc_cpu *c, uint32_t v)
{
    c->fp_lazy = false;
    c->fpscr = v;
}
uint32_t ppc_get_msr(const ppc_cpu *c)
{
    return c->msr;
}
void ppc_set_msr(ppc_cpu *c, uint32_t v)
{
    ppc_set_msr_internal(c, v);
}
uint32_t ppc_get_pc(const ppc_cpu *c)
{
    return c->pc;
}
void ppc_set_pc(ppc_cpu *c, uint32_t v)
{
    if (c->in_run) sync_cycles(c);
    c->pc = v;
    c->block_pc = v;
}
uint32_t ppc_get_sr(const ppc_cpu *c, unsigned n)
{
    return c->sr[n & 15];
}

void ppc_set_sr(ppc_cpu *c, unsigned n, uint32_t v)
{
    c->sr[n & 15] = v;
    ppc_tlb_flush(c);
}

bool ppc_get_spr(const ppc_cpu *c, unsigned spr, uint32_t *out)
{
    return ppc_spr_read((ppc_cpu *)c, spr & 1023, out);
}

bool ppc_set_spr(ppc_cpu *c, unsigned spr, uint32_t v)
{
    return ppc_spr_write(c, spr & 1023, v);
}
uint64_t ppc_get_timebase(const ppc_cpu *c)
{
    return ppc_tb_now(c);
}
void ppc_get_vr(const ppc_cpu *c, unsigned n, uint8_t out[16])
{
    for (int i = 0; i < 16; i++) out[i] = c->info->has_vmx ? VR_B(c->vr[n & 31], i) : 0;
}
void ppc_set_vr(ppc_cpu *c, unsigned n, const uint8_t in[16])
{
    if (!c->info->has_vmx) return;
    for (int i = 0; i < 16; i++) VR_B(c->vr[n & 31], i) = in[i];
}
uint32_t ppc_get_vscr(const ppc_cpu *c)
{
    return c->info->has_vmx ? c->vscr : 0;
}
void ppc_set_vscr(ppc_cpu *c, uint32_t v)
{
    if (c->info->has_vmx) c->vscr = v & (VSCR_NJ | VSCR_SAT);
}
uint64_t ppc_instructions(const ppc_cpu *c)
{
    return c->insn_count;
}

uint64_t ppc_jit_blocks_compiled(const ppc_cpu *c)
{
    return ppc_jit_blocks(c->jit);
}
ppc_model ppc_get_model(const ppc_cpu *c)
{
    return c->model;
}

void ppc_save(const ppc_cpu *c, st_writer *w)
{
    for (int i = 0; i < 32; i++) st_put_u32(w, c->gpr[i]);
    for (int i = 0; i < 32; i++) st_put_u64(w, c->fpr[i]);
    st_put_u32(w, c->pc);
    st_put_u32(w, c->cr);
    st_put_u32(w, get_xer(c));
    st_put_u32(w, c->lr);
    st_put_u32(w, c->ctr);
    st_put_u32(w, c->msr);
    st_put_u32(w, ppc_fpscr_value(c));
    for (int i = 0; i < 16; i++) st_put_u32(w, c->sr[i]);
    for (int i = 0; i < 1024; i++) st_put_u32(w, c->spr[i]);
    st_put_u32(w, c->mq);
    st_put_u64(w, c->total_cycles);
    st_put_u64(w, c->tb_offset);
    st_put_u64(w, c->dec_zero_at);
    st_put_bool(w, c->dec_armed);
    st_put_bool(w, c->dec_pending);
    st_put_bool(w, c->int_line);
    st_put_bool(w, c->sleeping);
    for (int i = 0; i < 4; i++) st_put_u32(w, c->gpr_shadow[i]);
    st_put_u64(w, c->insn_count);
    /* Version 2: the AltiVec registers, element 0 first. */
    for (int i = 0; i < 32; i++)
        for (int k = 0; k < 4; k++) st_put_u32(w, VR_W(c->vr[i], k));
    st_put_u32(w, c->vscr);
}

bool ppc_load(ppc_cpu *c, st_reader *r, uint16_t version)
{
    if (version > PPC_STATE_VERSION) return false;
    ppc_cpu *t = malloc(sizeof(*t));
    if (!t) return false;
    memcpy(t, c, sizeof(*t));
    for (int i = 0; i < 32; i++) t->gpr[i] = st_get_u32(r);
    for (int i = 0; i < 32; i++) t->fpr[i] = st_get_u64(r);
    t->pc = st_get_u32(r);
    t->block_pc = t->pc;
    t->cr = st_get_u32(r);
    set_xer(t, st_get_u32(r));
    t->lr = st_get_u32(r);
    t->ctr = st_get_u32(r);
    uint32_t msr = st_get_u32(r);
    t->fpscr = st_get_u32(r);
    t->fp_lazy = false;
    for (int i = 0; i < 16; i++) t->sr[i] = st_get_u32(r);
    for (int i = 0; i < 1024; i++) t->spr[i] = st_get_u32(r);
    t->mq = st_get_u32(r);
    t->total_cycles = st_get_u64(r);
    t->tb_offset = st_get_u64(r);
    t->dec_zero_at = st_get_u64(r);
    t->dec_armed = st_get_bool(r);
    t->dec_pending = st_get_bool(r);
    t->int_line = st_get_bool(r);
    t->sleeping = st_get_bool(r);
    for (int i = 0; i < 4; i++) t->gpr_shadow[i] = st_get_u32(r);
    t->insn_count = st_get_u64(r);
    if (version >= 2) {
        for (int i = 0; i < 32; i++)
            for (int k = 0; k < 4; k++) VR_W(t->vr[i], k) = st_get_u32(r);
        t->vscr = st_get_u32(r) & (VSCR_NJ | VSCR_SAT);
    } else {
        memset(t->vr, 0, sizeof(t->vr));
        t->vscr = VSCR_NJ;
    }
    if (!st_chunk_ok(r)) {
        free(t);
        return false;
    }
    memcpy(c, t, sizeof(*t));
    free(t);
    /* c->msr is already the saved MSR, so the TGPR swap does not run again. */
    ppc_set_msr_internal(c, msr);
    c->pending &= ~PEND_END;
    ppc_tlb_flush(c);
    ppc_update_pending(c);
    return true;
}

/* ---- decode table construction ---- */

void ppc_set_primary(ppc_handler *t, unsigned primary, ppc_handler h)
{
    for (unsigned x = 0; x < 1024; x++) t[primary << 10 | x] = h;
}

void ppc_set_ext(ppc_handler *t, unsigned primary, unsigned xo, ppc_handler h)
{
    t[primary << 10 | (xo & 0x3ff)] = h;
}

void ppc_set_aform(ppc_handler *t, unsigned primary, unsigned xo5, ppc_handler h)
{
    for (unsigned hi = 0; hi < 32; hi++) t[primary << 10 | hi << 5 | (xo5 & 31)] = h;
}
