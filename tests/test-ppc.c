/* The PowerPC core's supervisor level and MMU through its public API:
 * BATs, the hashed page table (R/C updates, protection, tlbie and mtsr
 * coherence of the translation cache), DSI/ISI with DSISR/DAR/SRR0/SRR1,
 * the decrementer, external interrupts, sc, program and FP-unavailable
 * exceptions, alignment, the 603e's TLB-miss path, the time base and save
 * states; the 7400's AltiVec state (MSR[VEC] and the 0xF20 exception,
 * VRSAVE, the VRs in save states). Instruction encodings follow MPCFPE32B
 * chapter 8 and the AltiVec PEM chapter 6. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "config.h"
#include "ppc/ppc.h"

#define RAM_SIZE (8u << 20)
#define CODE     0x4000u

/* ---- encodings ---- */
#define D_FORM(op, rd, ra, d) ((uint32_t)(op) << 26 | (rd) << 21 | (ra) << 16 | ((d)&0xffff))
#define X_FORM(op, rd, ra, rb, xo, rc)                                                             \
    ((uint32_t)(op) << 26 | (rd) << 21 | (ra) << 16 | (rb) << 11 | (xo) << 1 | (rc))
#define LWZ(rd, d, ra)    D_FORM(32, rd, ra, d)
#define STW(rs, d, ra)    D_FORM(36, rs, ra, d)
#define ADDI(rd, ra, v)   D_FORM(14, rd, ra, v)
#define NOP               0x60000000u
#define SC                0x44000002u
#define RFI               0x4c000064u
#define MFMSR(rd)         X_FORM(31, rd, 0, 0, 83, 0)
#define LWARX(rd, ra, rb) X_FORM(31, rd, ra, rb, 20, 0)
#define TW(to, ra, rb)    X_FORM(31, to, ra, rb, 4, 0)
#define MTSPR(spr, rs)    X_FORM(31, rs, (spr)&31, (spr) >> 5, 467, 0)
#define MFSPR(rd, spr)    X_FORM(31, rd, (spr)&31, (spr) >> 5, 339, 0)
#define TLBIE(rb)         X_FORM(31, 0, 0, rb, 306, 0)
#define TLBLD(rb)         X_FORM(31, 0, 0, rb, 978, 0)
#define MFTB(rd)          X_FORM(31, rd, 12, 8, 371, 0)
#define LFD(fd, d, ra)    D_FORM(50, fd, ra, d)
#define B_SELF            0x48000000u
/* AltiVec (opcode 4 VX form, opcode 31 loads and stores) */
#define VX(vd, va, vb, xo) ((uint32_t)4 << 26 | (vd) << 21 | (va) << 16 | (vb) << 11 | (xo))
#define VADDUBM(d, a, b)   VX(d, a, b, 0)
#define MFVSCR(d)          VX(d, 0, 0, 1540)
#define MTVSCR(b)          VX(0, 0, b, 1604)
#define LVX(vd, ra, rb)    X_FORM(31, vd, ra, rb, 103, 0)
#define STVX(vs, ra, rb)   X_FORM(31, vs, ra, rb, 231, 0)
#define LVSL(vd, ra, rb)   X_FORM(31, vd, ra, rb, 6, 0)
#define DST(ra, rb)        X_FORM(31, 0, ra, rb, 342, 0)

#define MSR_VEC 0x02000000u
#define MSR_EE  0x8000u
#define MSR_PR  0x4000u
#define MSR_FP  0x2000u
#define MSR_IR  0x20u
#define MSR_DR  0x10u

typedef struct {
    ppc_cpu *cpu;
    mm_space *bus;
    uint8_t *ram;
} rig;

static rig *rig_new_cfg(const ppc_config *base)
{
    rig *r = g_new0(rig, 1);
    r->ram = calloc(1, RAM_SIZE);
    r->bus = mm_create(32);
    mm_add_ram(r->bus, "ram", 0, RAM_SIZE, r->ram);
    mm_commit(r->bus);
    ppc_config cfg = *base;
    ppc_model model = cfg.model;
    r->cpu = ppc_create(&cfg, r->bus, NULL, NULL, NULL);
    g_assert_nonnull(r->cpu);
    /* Every exception vector holds a branch-to-self, so a run stops there. */
    for (uint32_t v = 0x100; v < 0x2000; v += 0x100) store_be32(r->ram + v, B_SELF);
    ppc_set_msr(r->cpu, MSR_FP);
    ppc_set_pc(r->cpu, CODE);
    (void)model;
    return r;
}

static rig *rig_new(ppc_model model)
{
    ppc_config cfg = {.model = model};
    return rig_new_cfg(&cfg);
}

static void rig_free(rig *r)
{
    ppc_destroy(r->cpu);
    mm_destroy(r->bus);
    free(r->ram);
    g_free(r);
}

static void put(rig *r, uint32_t a, uint32_t v)
{
    store_be32(r->ram + a, v);
    mm_notify_write(r->bus, a, 4); /* as a loader or DMA must, for decoded code */
}
static uint32_t get(rig *r, uint32_t a)
{
    return load_be32(r->ram + a);
}

static void code(rig *r, const uint32_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++) put(r, CODE + 4 * (uint32_t)i, w[i]);
    ppc_set_pc(r->cpu, CODE);
}

static uint32_t spr(rig *r, unsigned n)
{
    uint32_t v = 0;
    g_assert_true(ppc_get_spr(r->cpu, n, &v));
    return v;
}

/* Runs n instructions (one clock each). */
static void step(rig *r, int n)
{
    ppc_run(r->cpu, n);
}

/* Page table: 64 KiB at 0x10000; SDR1 = HTABORG | HTABMASK 0. */
#define HTAB 0x10000u

static void add_pte(rig *r, uint32_t vsid, uint32_t ea, uint32_t pa, unsigned pp)
{
    uint32_t pidx = (ea >> 12) & 0xffff;
    uint32_t hash = (vsid & 0x7ffff) ^ pidx;
    uint32_t pteg = HTAB | (hash & 0x3ff) << 6;
    for (uint32_t i = 0; i < 8; i++) {
        uint32_t pte = pteg + 8 * i;
        if (get(r, pte) & 0x80000000u) continue;
        put(r, pte, 0x80000000u | vsid << 7 | (pidx >> 10));
        put(r, pte + 4, (pa & 0xfffff000u) | pp);
        return;
    }
    g_assert_not_reached();
}

static uint32_t pte_word1(rig *r, uint32_t vsid, uint32_t ea)
{
    uint32_t pidx = (ea >> 12) & 0xffff;
    uint32_t hash = (vsid & 0x7ffff) ^ pidx;
    uint32_t pteg = HTAB | (hash & 0x3ff) << 6;
    for (uint32_t i = 0; i < 8; i++)
        if ((get(r, pteg + 8 * i) & 0x7fffffc0u) == (vsid << 7)) return get(r, pteg + 8 * i + 4);
    return 0;
}

static void test_bat(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    /* DBAT0: EA 0x80000000, 128 KiB (BL 0), Vs, -> PA 0x00200000, PP RW */
    ppc_set_spr(r->cpu, 536, 0x80000002u);
    ppc_set_spr(r->cpu, 537, 0x00200002u);
    put(r, 0x00200010, 0x12345678);
    ppc_set_gpr(r->cpu, 5, 0x80000000u);
    uint32_t prog[] = {LWZ(3, 16, 5), STW(3, 32, 5)};
    code(r, prog, 2);
    ppc_set_msr(r->cpu, MSR_FP | MSR_DR);
    step(r, 2);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 3), ==, 0x12345678);
    g_assert_cmphex(get(r, 0x00200020), ==, 0x12345678);
    /* Rewriting the BAT moves the block: the translation cache follows. */
    ppc_set_spr(r->cpu, 537, 0x00300002u);
    put(r, 0x00300010, 0xcafef00d);
    code(r, prog, 1);
    step(r, 1);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 3), ==, 0xcafef00d);
    rig_free(r);
}

static void setup_paging(rig *r)
{
    ppc_set_spr(r->cpu, 25, HTAB); /* SDR1 */
    /* Segment 1: VSID 0x123, Ks = 0, Kp = 1 */
    ppc_set_sr(r->cpu, 1, 0x20000123u);
    /* Code and vectors run untranslated through a BAT: IBAT0 maps 0-128 KiB. */
    ppc_set_spr(r->cpu, 528, 0x00000003u);
    ppc_set_spr(r->cpu, 529, 0x00000002u);
}

static void test_page_table(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    setup_paging(r);
    add_pte(r, 0x123, 0x10005000u, 0x00400000u, 2);
    put(r, 0x00400044, 0xdeadbeef);
    ppc_set_gpr(r->cpu, 5, 0x10005000u);
    uint32_t prog[] = {LWZ(3, 0x44, 5), STW(3, 0x48, 5)};
    code(r, prog, 2);
    ppc_set_msr(r->cpu, MSR_FP | MSR_DR | MSR_IR);
    step(r, 1);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 3), ==, 0xdeadbeef);
    /* R set by the load, C still clear */
    g_assert_cmphex(pte_word1(r, 0x123, 0x10005000u) & 0x180, ==, 0x100);
    step(r, 1);
    g_assert_cmphex(get(r, 0x00400048), ==, 0xdeadbeef);
    g_assert_cmphex(pte_word1(r, 0x123, 0x10005000u) & 0x180, ==, 0x180);
    rig_free(r);
}

static void test_dsi(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    setup_paging(r);
    ppc_set_gpr(r->cpu, 5, 0x10777000u);
    uint32_t prog[] = {NOP, LWZ(3, 8, 5)};
    code(r, prog, 2);
    ppc_set_msr(r->cpu, MSR_FP | MSR_DR | MSR_IR);
    step(r, 2);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x300);
    g_assert_cmphex(spr(r, 26), ==, CODE + 4);    /* SRR0: the faulting instruction */
    g_assert_cmphex(spr(r, 19), ==, 0x10777008u); /* DAR */
    g_assert_cmphex(spr(r, 18), ==, 0x40000000u); /* DSISR: no translation */
    g_assert_cmphex(spr(r, 27) & 0xffff, ==, MSR_FP | MSR_DR | MSR_IR); /* SRR1 keeps the MSR */
    g_assert_cmphex(ppc_get_msr(r->cpu) & (MSR_DR | MSR_IR | MSR_EE | MSR_PR), ==, 0);

    /* A store to a read-only page: protection, store bit. */
    rig *w = rig_new(PPC_MODEL_750);
    setup_paging(w);
    add_pte(w, 0x123, 0x10005000u, 0x00400000u, 3); /* PP 11: read only */
    ppc_set_gpr(w->cpu, 5, 0x10005000u);
    uint32_t st[] = {STW(3, 0, 5)};
    code(w, st, 1);
    ppc_set_msr(w->cpu, MSR_FP | MSR_DR | MSR_IR);
    step(w, 1);
    g_assert_cmphex(ppc_get_pc(w->cpu), ==, 0x300);
    g_assert_cmphex(spr(w, 18), ==, 0x0a000000u);
    rig_free(r);
    rig_free(w);
}

static void test_user_key(void)
{
    /* PP 00 with Kp = 1: user accesses fault, supervisor ones do not. */
    rig *r = rig_new(PPC_MODEL_750);
    setup_paging(r);
    add_pte(r, 0x123, 0x10005000u, 0x00400000u, 0);
    ppc_set_gpr(r->cpu, 5, 0x10005000u);
    uint32_t prog[] = {LWZ(3, 0, 5)};
    code(r, prog, 1);
    ppc_set_msr(r->cpu, MSR_FP | MSR_DR | MSR_IR);
    step(r, 1);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, CODE + 4);
    code(r, prog, 1);
    ppc_set_msr(r->cpu, MSR_FP | MSR_DR | MSR_IR | MSR_PR);
    step(r, 1);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x300);
    g_assert_cmphex(spr(r, 18), ==, 0x08000000u);
    rig_free(r);
}

static void test_isi(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    setup_paging(r);
    /* Jump to an unmapped page with rfi: SRR0 = target, SRR1 = MSR with IR. */
    uint32_t go[] = {RFI};
    code(r, go, 1);
    ppc_set_spr(r->cpu, 26, 0x10040000u);
    ppc_set_spr(r->cpu, 27, MSR_FP | MSR_IR | MSR_DR);
    step(r, 2);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x400);
    g_assert_cmphex(spr(r, 26), ==, 0x10040000u);
    g_assert_cmphex(spr(r, 27) & 0x40000000u, ==, 0x40000000u);
    rig_free(r);
}

static void test_tlbie_and_mtsr(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    setup_paging(r);
    add_pte(r, 0x123, 0x10005000u, 0x00400000u, 2);
    put(r, 0x00400000, 111);
    put(r, 0x00500000, 222);
    put(r, 0x00600000, 333);
    ppc_set_gpr(r->cpu, 5, 0x10005000u);
    uint32_t prog[] = {LWZ(3, 0, 5), TLBIE(5), LWZ(4, 0, 5)};
    code(r, prog, 3);
    ppc_set_msr(r->cpu, MSR_FP | MSR_DR | MSR_IR);
    step(r, 1);
    g_assert_cmpuint(ppc_get_gpr(r->cpu, 3), ==, 111);
    /* The OS moves the page and invalidates it: the next load sees it. */
    uint32_t pidx = 5, hash = (0x123 ^ pidx);
    uint32_t pte = HTAB | (hash & 0x3ff) << 6;
    put(r, pte + 4, 0x00500000u | 2);
    step(r, 2);
    g_assert_cmpuint(ppc_get_gpr(r->cpu, 4), ==, 222);
    /* A new segment register value (VSID 0x456) selects other PTEs. */
    add_pte(r, 0x456, 0x10005000u, 0x00600000u, 2);
    ppc_set_sr(r->cpu, 1, 0x20000456u);
    code(r, prog, 1);
    step(r, 1);
    g_assert_cmpuint(ppc_get_gpr(r->cpu, 3), ==, 333);
    rig_free(r);
}

static void test_decrementer(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    uint32_t prog[] = {B_SELF};
    code(r, prog, 1);
    ppc_set_spr(r->cpu, 22, 100); /* DEC: 100 time base ticks (8 clocks each) */
    ppc_set_msr(r->cpu, MSR_FP | MSR_EE);
    step(r, 500);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, CODE);
    step(r, 500);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x900);
    g_assert_cmphex(spr(r, 26), ==, CODE);
    /* With EE clear the exception waits. */
    rig *q = rig_new(PPC_MODEL_750);
    code(q, prog, 1);
    ppc_set_spr(q->cpu, 22, 10);
    ppc_set_msr(q->cpu, MSR_FP);
    step(q, 1000);
    g_assert_cmphex(ppc_get_pc(q->cpu), ==, CODE);
    ppc_set_msr(q->cpu, MSR_FP | MSR_EE);
    step(q, 2);
    g_assert_cmphex(ppc_get_pc(q->cpu), ==, 0x900);
    rig_free(r);
    rig_free(q);
}

/* Idle skipping: time passes, nothing runs, the decrementer still fires. */
static void test_run_idle(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    uint32_t prog[] = {ADDI(3, 3, 1), 0x4bfffffcu}; /* r3++ forever */
    code(r, prog, 2);
    uint64_t tb0 = ppc_get_timebase(r->cpu);
    uint64_t n0 = ppc_instructions(r->cpu);
    g_assert_cmpint(ppc_run_idle(r->cpu, 8000), ==, 8000);
    g_assert_cmpuint(ppc_instructions(r->cpu), ==, n0);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 3), ==, 0);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, CODE);
    g_assert_cmpuint(ppc_get_timebase(r->cpu) - tb0, ==, 1000); /* 8 clocks a tick */
    /* The CPU runs normally afterwards. */
    step(r, 10);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 3), ==, 5);
    /* A decrementer that expires during the skip is taken there. */
    ppc_set_spr(r->cpu, 22, 50);
    ppc_set_msr(r->cpu, MSR_FP | MSR_EE);
    ppc_run_idle(r->cpu, 8000);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x900);
    g_assert_cmphex(spr(r, 26), ==, CODE);
    rig_free(r);
}

/* A busy-wait on the time base (Linux's __delay) is skipped ahead: it ends
 * after the time it asked for, not much later, in far fewer instructions
 * than spinning would take; a loop that also counts is run as written. */
static void test_tb_wait_skip(void)
{
    for (int counting = 0; counting < 2; counting++) {
        rig *r = rig_new(PPC_MODEL_750);
        uint32_t prog[] = {
            MFTB(10),                       /* start */
            MFSPR(9, 268),                  /* loop: r9 = TB - start */
            X_FORM(31, 9, 10, 9, 40, 0),    /* subf r9, r10, r9 */
            counting ? ADDI(4, 4, 1) : NOP, /* a loop that counts */
            X_FORM(31, 0, 3, 9, 32, 0),     /* cmplw r3, r9 */
            0x4181fff0u,                    /* bgt loop */
            B_SELF,
        };
        code(r, prog, 7);
        ppc_set_gpr(r->cpu, 3, 100000); /* ticks: 800000 clocks */
        uint64_t n0 = ppc_instructions(r->cpu);
        /* Short runs, so the branch-to-self at the end adds little. */
        for (int k = 0; k < 100000 && ppc_get_pc(r->cpu) != CODE + 24; k++) ppc_run(r->cpu, 4096);
        g_assert_cmphex(ppc_get_pc(r->cpu), ==, CODE + 24); /* the loop ended */
        uint32_t waited = ppc_get_gpr(r->cpu, 9);
        uint64_t ran = ppc_instructions(r->cpu) - n0;
        g_assert_cmpuint(waited, >=, 100000);
        if (counting) {
            /* Every iteration ran: 5 instructions, 5 clocks, per turn. */
            g_assert_cmpuint(ran, >, 700000);
            g_assert_cmpuint(ppc_get_gpr(r->cpu, 4), >, 100000);
        } else {
            g_assert_cmpuint(waited, <=, 2 * 100000 + 100);
            g_assert_cmpuint(ran, <, 40000);
        }
        rig_free(r);
    }
}

static void test_external_interrupt(void)
{
    rig *r = rig_new(PPC_MODEL_7400);
    uint32_t prog[] = {NOP, NOP, B_SELF};
    code(r, prog, 3);
    ppc_set_msr(r->cpu, MSR_FP | MSR_EE);
    step(r, 1);
    ppc_set_pin(r->cpu, PPC_PIN_INT, true);
    step(r, 2);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x500);
    g_assert_cmphex(spr(r, 26), ==, CODE + 4);
    g_assert_cmphex(ppc_get_msr(r->cpu) & MSR_EE, ==, 0);
    rig_free(r);
}

static void test_sc_and_program(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    uint32_t prog[] = {SC};
    code(r, prog, 1);
    step(r, 1);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0xc00);
    g_assert_cmphex(spr(r, 26), ==, CODE + 4);

    /* An opcode the 750 lacks (fsqrt), mfmsr in user mode, a taken trap. */
    struct {
        uint32_t insn, msr, srr1_bit;
    } cases[] = {
        {0xfc20002cu, MSR_FP, 0x00080000u},
        {MFMSR(3), MSR_FP | MSR_PR, 0x00040000u},
        {TW(4, 3, 3), MSR_FP, 0x00020000u},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        code(r, &cases[k].insn, 1);
        ppc_set_msr(r->cpu, cases[k].msr);
        step(r, 1);
        g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x700);
        g_assert_cmphex(spr(r, 26), ==, CODE);
        g_assert_cmphex(spr(r, 27) & 0x001f0000u, ==, cases[k].srr1_bit);
    }
    /* FP instructions with MSR[FP] clear. */
    uint32_t fp[] = {LFD(1, 0, 0)};
    code(r, fp, 1);
    ppc_set_msr(r->cpu, 0);
    step(r, 1);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x800);
    rig_free(r);
}

static void test_alignment(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    ppc_set_gpr(r->cpu, 4, 0x1002);
    uint32_t prog[] = {LWARX(3, 0, 4)};
    code(r, prog, 1);
    step(r, 1);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x600);
    g_assert_cmphex(spr(r, 19), ==, 0x1002);
    rig_free(r);
}

static void test_603e_tlb_miss(void)
{
    rig *r = rig_new(PPC_MODEL_603E);
    setup_paging(r);
    put(r, 0x00400010, 0xfeedface);
    ppc_set_gpr(r->cpu, 5, 0x10005000u);
    uint32_t prog[] = {LWZ(3, 0x10, 5)};
    code(r, prog, 1);
    ppc_set_msr(r->cpu, MSR_FP | MSR_DR);
    step(r, 1);
    /* No hardware table walk: the data TLB load miss exception. */
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x1100);
    g_assert_cmphex(spr(r, 976), ==, 0x10005010u); /* DMISS */
    uint32_t dcmp = spr(r, 977);
    g_assert_cmphex(dcmp, ==, 0x80000000u | 0x123 << 7 | 0); /* V, VSID, H = 0, API */
    uint32_t hash = 0x123 ^ 5;
    g_assert_cmphex(spr(r, 978), ==, HTAB | (hash & 0x3ff) << 6);  /* HASH1 */
    g_assert_cmphex(ppc_get_msr(r->cpu) & 0x20000u, ==, 0x20000u); /* TGPR */
    /* The miss handler loads the TLB (RPA = PTE word 1 with R and C) and
     * returns: the load then succeeds. */
    ppc_set_spr(r->cpu, 982, 0x00400000u | 0x180 | 2);
    ppc_set_gpr(r->cpu, 6, 0x10005010u);
    uint32_t handler[] = {TLBLD(6), RFI};
    put(r, 0x1100, handler[0]);
    put(r, 0x1104, handler[1]);
    step(r, 3);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 3), ==, 0xfeedface);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, CODE + 4);
    rig_free(r);
}

static void test_timebase(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    uint32_t prog[] = {MFTB(3), NOP, NOP, NOP, NOP, NOP, NOP, NOP, NOP, MFTB(4)};
    code(r, prog, 10);
    step(r, 10);
    /* Nine clocks between the two reads at 8 clocks per tick: one tick. */
    g_assert_cmpuint(ppc_get_gpr(r->cpu, 4) - ppc_get_gpr(r->cpu, 3), ==, 1);
    ppc_set_spr(r->cpu, 284, 1000); /* TBL */
    g_assert_cmpuint(ppc_get_timebase(r->cpu) & 0xffffffffu, ==, 1000);
    /* The 601 has no mftb: the RTC registers instead. */
    rig *s = rig_new(PPC_MODEL_601);
    code(s, prog, 1);
    step(s, 1);
    g_assert_cmphex(ppc_get_pc(s->cpu), ==, 0x700);
    uint32_t rtc[] = {MFSPR(3, 5)};
    code(s, rtc, 1);
    step(s, 1);
    g_assert_cmphex(ppc_get_pc(s->cpu), ==, CODE + 4);
    rig_free(r);
    rig_free(s);
}

/* Decoded instructions: a guest store into code already executed (and so
 * decoded) and a host write announced with mm_notify_write both take
 * effect at the next execution. */
static void test_code_modification(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    uint32_t prog[] = {ADDI(5, 0, 1), STW(3, 0, 4), B_SELF};
    code(r, prog, 3);
    ppc_set_gpr(r->cpu, 3, ADDI(5, 0, 2));
    ppc_set_gpr(r->cpu, 4, CODE);
    step(r, 3);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 5), ==, 1);
    g_assert_cmphex(get(r, CODE), ==, ADDI(5, 0, 2));
    ppc_set_pc(r->cpu, CODE);
    step(r, 1);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 5), ==, 2);
    /* The store's own page is written; the instruction after it runs the
     * new contents too. */
    uint32_t prog2[] = {STW(3, 8, 4), NOP, NOP, B_SELF};
    code(r, prog2, 4);
    step(r, 4);
    ppc_set_pc(r->cpu, CODE);
    ppc_set_gpr(r->cpu, 5, 0);
    step(r, 3);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 5), ==, 2);
    /* The host replaces the code. */
    put(r, CODE, ADDI(5, 0, 7));
    ppc_set_pc(r->cpu, CODE);
    step(r, 1);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 5), ==, 7);
    rig_free(r);
}

#define A_FORM(op, d, a, b, c, xo)                                                                 \
    ((uint32_t)(op) << 26 | (d) << 21 | (a) << 16 | (b) << 11 | (c) << 6 | (xo) << 1)
#define FDIV(d, a, b) A_FORM(63, d, a, b, 0, 18)
#define FSUB(d, a, b) A_FORM(63, d, a, b, 0, 20)
#define FADD(d, a, b) A_FORM(63, d, a, b, 0, 21)
#define FMUL(d, a, c) A_FORM(63, d, a, 0, c, 25)
#define MFFS(d)       X_FORM(63, d, 0, 0, 583, 0)

#define F_ONE 0x3ff0000000000000ull
#define F_TWO 0x4000000000000000ull
#define F_TEN 0x4024000000000000ull
#define FX    0x80000000u
#define XX    0x02000000u
#define FR    0x00040000u
#define FI    0x00020000u
#define FL    0x00008000u /* FPRF: negative normal */
#define FG    0x00004000u /* FPRF: positive normal */

/* The FPSCR after a run of arithmetic: the last instruction's FPRF, FR
 * and FI, whether read by mffs or through the API, once XX is set (the
 * core then defers computing them) and before. */
static void test_fpscr_after_runs(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    ppc_set_fpr(r->cpu, 1, F_ONE);
    ppc_set_fpr(r->cpu, 2, F_TWO);
    ppc_set_fpr(r->cpu, 10, F_TEN);
    /* 1/10 rounds up (FR, FI); 1+1 is exact; 1-2 is exact and negative. */
    uint32_t prog[] = {FDIV(3, 1, 10), MFFS(20),      FADD(4, 1, 1), MFFS(21),
                       FDIV(5, 1, 10), FSUB(6, 1, 2), MFFS(22),      FDIV(7, 1, 10)};
    for (int start_xx = 0; start_xx < 2; start_xx++) {
        ppc_set_fpscr(r->cpu, start_xx ? XX : 0);
        code(r, prog, 8);
        step(r, 8);
        uint32_t fx = start_xx ? 0 : FX; /* XX going from 0 to 1 sets FX */
        g_assert_cmphex(ppc_get_fpr(r->cpu, 3), ==, 0x3fb999999999999aull);
        g_assert_cmphex((uint32_t)ppc_get_fpr(r->cpu, 20), ==, fx | XX | FR | FI | FG);
        g_assert_cmphex(ppc_get_fpr(r->cpu, 4), ==, F_TWO);
        g_assert_cmphex((uint32_t)ppc_get_fpr(r->cpu, 21), ==, fx | XX | FG);
        g_assert_cmphex(ppc_get_fpr(r->cpu, 6), ==, 0xbff0000000000000ull);
        g_assert_cmphex((uint32_t)ppc_get_fpr(r->cpu, 22), ==, fx | XX | FL);
        g_assert_cmphex(ppc_get_fpscr(r->cpu), ==, fx | XX | FR | FI | FG);
    }
    /* An exact product after an inexact quotient, read by the API. */
    uint32_t prog2[] = {FDIV(3, 1, 10), FMUL(4, 2, 2)};
    ppc_set_fpscr(r->cpu, XX);
    code(r, prog2, 2);
    step(r, 2);
    g_assert_cmphex(ppc_get_fpr(r->cpu, 4), ==, 0x4010000000000000ull);
    g_assert_cmphex(ppc_get_fpscr(r->cpu), ==, XX | FG);
    rig_free(r);
}

static void test_save_load(void)
{
    rig *a = rig_new(PPC_MODEL_750), *b = rig_new(PPC_MODEL_750);
    ppc_set_gpr(a->cpu, 7, 0x1234);
    ppc_set_fpr(a->cpu, 2, 0x400921fb54442d18ull);
    ppc_set_cr(a->cpu, 0x24000000);
    ppc_set_spr(a->cpu, 272, 0xabcdef);
    ppc_set_sr(a->cpu, 3, 0x777);
    st_writer *w = st_writer_new();
    st_begin_chunk(w, "cpu", PPC_STATE_VERSION);
    ppc_save(a->cpu, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);
    GError *err = NULL;
    st_reader *rd = st_reader_new(img, len, &err);
    g_assert_no_error(err);
    uint16_t ver;
    g_assert_true(st_find_chunk(rd, "cpu", &ver));
    g_assert_true(ppc_load(b->cpu, rd, ver));
    g_assert_cmphex(ppc_get_gpr(b->cpu, 7), ==, 0x1234);
    g_assert_cmphex(ppc_get_fpr(b->cpu, 2), ==, 0x400921fb54442d18ull);
    g_assert_cmphex(ppc_get_cr(b->cpu), ==, 0x24000000);
    g_assert_cmphex(spr(b, 272), ==, 0xabcdef);
    g_assert_cmphex(ppc_get_sr(b->cpu, 3), ==, 0x777);
    st_reader_free(rd);
    g_free(img);
    rig_free(a);
    rig_free(b);
}

/* ---- AltiVec (7400) ---- */

static void set_vr_words(rig *r, unsigned n, uint32_t w0, uint32_t w1, uint32_t w2, uint32_t w3)
{
    uint8_t b[16];
    store_be32(b, w0);
    store_be32(b + 4, w1);
    store_be32(b + 8, w2);
    store_be32(b + 12, w3);
    ppc_set_vr(r->cpu, n, b);
}

static uint32_t vr_word(rig *r, unsigned n, unsigned k)
{
    uint8_t b[16];
    ppc_get_vr(r->cpu, n, b);
    return load_be32(b + 4 * k);
}

/* With MSR[VEC] clear every vector instruction, loads, stores and the
 * VSCR moves included, takes the AltiVec unavailable exception at 0xF20
 * (SRR0 = the instruction); the dst/dss hints do not. */
static void test_vmx_unavailable(void)
{
    rig *r = rig_new(PPC_MODEL_7400);
    ppc_set_gpr(r->cpu, 4, 0x2000);
    uint32_t insns[] = {VADDUBM(1, 2, 3), LVX(1, 0, 4), STVX(1, 0, 4),
                        LVSL(1, 0, 4),    MFVSCR(1),    MTVSCR(1)};
    for (size_t k = 0; k < G_N_ELEMENTS(insns); k++) {
        code(r, &insns[k], 1);
        ppc_set_msr(r->cpu, MSR_FP);
        step(r, 1);
        g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0xf20);
        g_assert_cmphex(spr(r, 26), ==, CODE);
        g_assert_cmphex(ppc_get_msr(r->cpu) & MSR_VEC, ==, 0);
    }
    uint32_t hint[] = {DST(4, 4)};
    code(r, hint, 1);
    ppc_set_msr(r->cpu, MSR_FP);
    step(r, 1);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, CODE + 4);

    /* With MSR[VEC] set the instruction runs. */
    set_vr_words(r, 2, 0x01020304, 0xfffefdfc, 0, 0x80808080);
    set_vr_words(r, 3, 0x01010101, 0x02020202, 0x7f7f7f7f, 0x80808080);
    uint32_t add[] = {VADDUBM(1, 2, 3)};
    code(r, add, 1);
    ppc_set_msr(r->cpu, MSR_FP | MSR_VEC);
    step(r, 1);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, CODE + 4);
    g_assert_cmphex(vr_word(r, 1, 0), ==, 0x02030405);
    g_assert_cmphex(vr_word(r, 1, 1), ==, 0x0100fffe);
    g_assert_cmphex(vr_word(r, 1, 2), ==, 0x7f7f7f7f);
    g_assert_cmphex(vr_word(r, 1, 3), ==, 0);

    /* An exception saves MSR[VEC] in SRR1 and clears it; rfi restores it. */
    put(r, 0xc00, RFI);
    uint32_t sys[] = {SC, NOP};
    code(r, sys, 2);
    ppc_set_msr(r->cpu, MSR_FP | MSR_VEC);
    step(r, 1);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0xc00);
    g_assert_cmphex(spr(r, 27) & MSR_VEC, ==, MSR_VEC);
    g_assert_cmphex(ppc_get_msr(r->cpu) & MSR_VEC, ==, 0);
    step(r, 1);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, CODE + 4);
    g_assert_cmphex(ppc_get_msr(r->cpu) & MSR_VEC, ==, MSR_VEC);
    rig_free(r);
}

/* The 750 has no AltiVec: the same opcodes are illegal instructions,
 * VRSAVE does not exist, and MSR[VEC] does not make them legal. */
static void test_vmx_750_illegal(void)
{
    rig *r = rig_new(PPC_MODEL_750);
    ppc_set_gpr(r->cpu, 4, 0x2000);
    uint32_t insns[] = {VADDUBM(1, 2, 3), LVX(1, 0, 4),  STVX(1, 0, 4),
                        MFVSCR(1),        MFSPR(3, 256), DST(4, 4)};
    for (size_t k = 0; k < G_N_ELEMENTS(insns); k++) {
        code(r, &insns[k], 1);
        ppc_set_msr(r->cpu, MSR_FP | MSR_VEC);
        step(r, 1);
        g_assert_cmphex(ppc_get_pc(r->cpu), ==, 0x700);
        g_assert_cmphex(spr(r, 26), ==, CODE);
        g_assert_cmphex(spr(r, 27) & 0x001f0000u, ==, 0x00080000u);
    }
    rig_free(r);
}

/* VRSAVE (SPR 256) is a plain user-level register; it needs no MSR[VEC]. */
static void test_vmx_vrsave(void)
{
    rig *r = rig_new(PPC_MODEL_7400);
    ppc_set_gpr(r->cpu, 3, 0xdeadbeef);
    uint32_t prog[] = {MTSPR(256, 3), MFSPR(4, 256)};
    code(r, prog, 2);
    ppc_set_msr(r->cpu, MSR_PR);
    step(r, 2);
    g_assert_cmphex(ppc_get_pc(r->cpu), ==, CODE + 8);
    g_assert_cmphex(ppc_get_gpr(r->cpu, 4), ==, 0xdeadbeef);
    g_assert_cmphex(spr(r, 256), ==, 0xdeadbeef);
    rig_free(r);
}

static uint8_t *save_cpu(rig *r, uint16_t version, size_t *len)
{
    st_writer *w = st_writer_new();
    st_begin_chunk(w, "cpu", version);
    ppc_save(r->cpu, w);
    st_end_chunk(w);
    return st_writer_finish(w, len);
}

static void load_cpu(rig *r, const uint8_t *img, size_t len)
{
    GError *err = NULL;
    st_reader *rd = st_reader_new(img, len, &err);
    g_assert_no_error(err);
    uint16_t ver;
    g_assert_true(st_find_chunk(rd, "cpu", &ver));
    g_assert_true(ppc_load(r->cpu, rd, ver));
    st_reader_free(rd);
}

/* The VRs, VSCR and VRSAVE survive a save state; a version 1 state (from
 * before AltiVec) loads with the VRs zero and the VSCR at reset. */
static void test_vmx_save_load(void)
{
    rig *a = rig_new(PPC_MODEL_7400), *b = rig_new(PPC_MODEL_7400);
    set_vr_words(a, 0, 0x00112233, 0x44556677, 0x8899aabb, 0xccddeeff);
    set_vr_words(a, 31, 0xfedcba98, 0x76543210, 0x0f0e0d0c, 0x0b0a0908);
    ppc_set_vscr(a->cpu, 0x00000001);
    ppc_set_spr(a->cpu, 256, 0xf0000001);
    ppc_set_msr(a->cpu, MSR_FP | MSR_VEC);
    size_t len;
    uint8_t *img = save_cpu(a, PPC_STATE_VERSION, &len);
    load_cpu(b, img, len);
    g_free(img);
    g_assert_cmphex(vr_word(b, 0, 0), ==, 0x00112233);
    g_assert_cmphex(vr_word(b, 0, 3), ==, 0xccddeeff);
    g_assert_cmphex(vr_word(b, 31, 1), ==, 0x76543210);
    g_assert_cmphex(vr_word(b, 31, 2), ==, 0x0f0e0d0c);
    g_assert_cmphex(ppc_get_vscr(b->cpu), ==, 0x00000001);
    g_assert_cmphex(spr(b, 256), ==, 0xf0000001);
    g_assert_cmphex(ppc_get_msr(b->cpu) & MSR_VEC, ==, MSR_VEC);

    /* Version 1 held the same fields up to the instruction count. */
    img = save_cpu(a, 1, &len);
    set_vr_words(b, 5, 1, 2, 3, 4);
    load_cpu(b, img, len);
    g_free(img);
    for (unsigned n = 0; n < 32; n++)
        for (unsigned k = 0; k < 4; k++) g_assert_cmphex(vr_word(b, n, k), ==, 0);
    g_assert_cmphex(ppc_get_vscr(b->cpu), ==, 0x00010000);
    rig_free(a);
    rig_free(b);
}

/* ---- the JIT fast path (./configure --enable-jit) ----
 * Each program runs on an interpreter-only CPU and on one that compiles
 * every block on its first run (jit_hot = 1); the architected state and
 * the instruction counts must be the same. A build without the JIT runs
 * both on the interpreter, and checks that it compiled nothing. */
#define CMPWI(f, ra, v) D_FORM(11, (f) << 2, ra, v)
#define BC(bo, bi, d)   ((uint32_t)16 << 26 | (bo) << 21 | (bi) << 16 | ((d)&0xfffc))
#define LWZU(rd, d, ra) D_FORM(33, rd, ra, d)
#define ADD(rd, ra, rb) X_FORM(31, rd, ra, rb, 266, 0)
#define RLWINM(ra, rs, sh, mb, me)                                                                 \
    ((uint32_t)21 << 26 | (rs) << 21 | (ra) << 16 | (sh) << 11 | (mb) << 6 | (me) << 1)
#define STB(rs, d, ra) D_FORM(38, rs, ra, d)
#define LHA(rd, d, ra) D_FORM(42, rd, ra, d)
/* Not translated by the JIT: run by the interpreter, alone (inline) or in a run. */
#define DIVWU(rd, ra, rb)  X_FORM(31, rd, ra, rb, 459, 0)
#define MULHWU(rd, ra, rb) X_FORM(31, rd, ra, rb, 11, 0)

static rig *jit_rig(bool jit)
{
    ppc_config cfg = {.model = PPC_MODEL_7400, .no_jit = !jit, .jit_hot = 1};
    return rig_new_cfg(&cfg);
}

static void assert_same_state(rig *a, rig *b)
{
    for (unsigned n = 0; n < 32; n++)
        g_assert_cmphex(ppc_get_gpr(a->cpu, n), ==, ppc_get_gpr(b->cpu, n));
    g_assert_cmphex(ppc_get_cr(a->cpu), ==, ppc_get_cr(b->cpu));
    g_assert_cmphex(ppc_get_pc(a->cpu), ==, ppc_get_pc(b->cpu));
    g_assert_cmphex(spr(a, 8), ==, spr(b, 8));
    g_assert_cmphex(spr(a, 9), ==, spr(b, 9));
    g_assert_cmphex(spr(a, 26), ==, spr(b, 26));
    g_assert_cmpuint(ppc_instructions(a->cpu), ==, ppc_instructions(b->cpu));
    g_assert_cmpint(memcmp(a->ram, b->ram, RAM_SIZE), ==, 0);
}

static void assert_compiled(rig *j)
{
#ifdef CLARUS_JIT
    g_assert_cmpuint(ppc_jit_blocks_compiled(j->cpu), >, 0);
#else
    g_assert_cmpuint(ppc_jit_blocks_compiled(j->cpu), ==, 0);
#endif
}

/* A loop over an array: loads with update, sign extension, compares and
 * conditional branches, byte stores, CTR, all compiled. */
static void test_jit_loop(void)
{
    uint32_t prog[] = {
        ADDI(4, 0, 0x2000 - 4), /* r4 = array - 4 */
        ADDI(5, 0, 0),          /* sum */
        ADDI(7, 0, 0),          /* count of negatives */
        ADDI(12, 0, 0x2000),    /* a known base: the JIT's constant address */
        LWZ(11, 8, 12),
        ADD(5, 5, 11),
        STB(11, 0x1001, 12),
        MTSPR(9, 8),   /* ctr = r8 */
        LWZU(6, 4, 4), /* loop: r6 = *++r4 */
        ADD(5, 5, 6),
        CMPWI(0, 6, 0),
        BC(4, 0, 8), /* bge +8 */
        ADDI(7, 7, 1),
        RLWINM(9, 6, 8, 24, 31), /* r9 = the top byte */
        STB(9, 0x1000, 4),
        LHA(10, 2, 4),
        DIVWU(13, 6, 12),
        ADD(5, 5, 13),
        MULHWU(14, 6, 6),
        DIVWU(15, 6, 12),
        ADD(5, 5, 14),
        ADD(5, 5, 15),
        ADD(5, 5, 10),
        BC(16, 0, -60), /* bdnz loop */
        STW(5, 0x3000, 0),
        B_SELF,
    };
    rig *r[2] = {jit_rig(false), jit_rig(true)};
    for (int k = 0; k < 2; k++) {
        for (uint32_t i = 0; i < 300; i++) {
            uint32_t v = i * 0x9e3779b9u;
            store_be32(r[k]->ram + 0x2000 + 4 * i, v);
        }
        code(r[k], prog, G_N_ELEMENTS(prog));
        ppc_set_gpr(r[k]->cpu, 8, 300);
        step(r[k], 20000);
        g_assert_cmphex(ppc_get_pc(r[k]->cpu), ==, CODE + 4 * (G_N_ELEMENTS(prog) - 1));
    }
    assert_same_state(r[0], r[1]);
    assert_compiled(r[1]);
    rig_free(r[0]);
    rig_free(r[1]);
}

/* A compiled block stores over one of its own later instructions: the
 * new instruction runs, as on the interpreter. */
static void test_jit_self_modify(void)
{
    uint32_t prog[] = {STW(3, 12, 4), ADDI(5, 5, 1), ADDI(5, 5, 1), ADDI(6, 6, 1), B_SELF};
    rig *r[2] = {jit_rig(false), jit_rig(true)};
    for (int k = 0; k < 2; k++) {
        code(r[k], prog, G_N_ELEMENTS(prog));
        ppc_set_gpr(r[k]->cpu, 3, ADDI(6, 6, 100));
        ppc_set_gpr(r[k]->cpu, 4, CODE);
        step(r[k], 5000); /* past the chain overrun: runs in chains, not steps */
        g_assert_cmphex(ppc_get_gpr(r[k]->cpu, 6), ==, 100);
        g_assert_cmphex(ppc_get_gpr(r[k]->cpu, 5), ==, 2);
    }
    assert_same_state(r[0], r[1]);
    assert_compiled(r[1]);
    rig_free(r[0]);
    rig_free(r[1]);
}

/* A load in the middle of a compiled block faults: SRR0 is that load,
 * the instructions before it have run and those after it have not. */
static void test_jit_fault(void)
{
    uint32_t prog[] = {ADDI(5, 5, 1), LWZ(6, 0, 7), ADDI(5, 5, 1), B_SELF};
    rig *r[2] = {jit_rig(false), jit_rig(true)};
    for (int k = 0; k < 2; k++) {
        code(r[k], prog, G_N_ELEMENTS(prog));
        ppc_set_gpr(r[k]->cpu, 7, 0x40000000u); /* nothing there */
        step(r[k], 5000);
        g_assert_cmphex(spr(r[k], 26), ==, CODE + 4);
        g_assert_cmphex(ppc_get_gpr(r[k]->cpu, 5), ==, 1);
        g_assert_cmphex(ppc_get_gpr(r[k]->cpu, 6), ==, 0);
    }
    assert_same_state(r[0], r[1]);
    assert_compiled(r[1]);
    rig_free(r[0]);
    rig_free(r[1]);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ppc/mmu/bat", test_bat);
    g_test_add_func("/ppc/mmu/page-table", test_page_table);
    g_test_add_func("/ppc/mmu/dsi", test_dsi);
    g_test_add_func("/ppc/mmu/user-key", test_user_key);
    g_test_add_func("/ppc/mmu/isi", test_isi);
    g_test_add_func("/ppc/mmu/tlbie-and-mtsr", test_tlbie_and_mtsr);
    g_test_add_func("/ppc/decrementer", test_decrementer);
    g_test_add_func("/ppc/run-idle", test_run_idle);
    g_test_add_func("/ppc/tb-wait-skip", test_tb_wait_skip);
    g_test_add_func("/ppc/external-interrupt", test_external_interrupt);
    g_test_add_func("/ppc/sc-and-program", test_sc_and_program);
    g_test_add_func("/ppc/alignment", test_alignment);
    g_test_add_func("/ppc/603e-tlb-miss", test_603e_tlb_miss);
    g_test_add_func("/ppc/timebase", test_timebase);
    g_test_add_func("/ppc/save-load", test_save_load);
    g_test_add_func("/ppc/code-modification", test_code_modification);
    g_test_add_func("/ppc/fpscr-after-runs", test_fpscr_after_runs);
    g_test_add_func("/ppc/vmx/unavailable", test_vmx_unavailable);
    g_test_add_func("/ppc/vmx/750-illegal", test_vmx_750_illegal);
    g_test_add_func("/ppc/vmx/vrsave", test_vmx_vrsave);
    g_test_add_func("/ppc/vmx/save-load", test_vmx_save_load);
    g_test_add_func("/ppc/jit/loop", test_jit_loop);
    g_test_add_func("/ppc/jit/self-modify", test_jit_self_modify);
    g_test_add_func("/ppc/jit/fault", test_jit_fault);
    return g_test_run();
}
