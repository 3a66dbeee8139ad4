/* PowerPC core internals: the CPU structure, the translation caches that
 * make up the memory fast path, and the helpers every instruction handler
 * is built from.
 *
 * Execution model: `pc` is the address of the instruction being executed
 * (CIA) while its handler runs. Instructions are decoded once into pages
 * of ppc_dinsn (a handler and the instruction word), one page per 4 KiB of
 * guest code (ppc_dcache.c); a handler receives its own entry `d`, and the
 * next sequential instruction is d + 1. Handlers end with NEXT (advance by
 * 4) or NEXT_AT (a branch), which also dispatch the following instruction
 * (threaded dispatch) while `cycles` is below `stop`; the run loop sets
 * `stop` to bound each chain, and anything that changes the translation
 * of instruction addresses (MSR, segment registers, TLB and BAT changes)
 * sets it to -1 so that the run loop looks the PC up again.
 * An exception raised inside a handler (DSI, alignment, program, ...) is
 * taken at once: the handler is abandoned through longjmp back into the
 * run loop with the exception already delivered.
 *
 * Memory: effective addresses go through two direct-mapped translation
 * caches (instruction and data). An entry maps a 4 KiB effective page in
 * one translation mode (MSR[IR]/[DR] and [PR]) to a host pointer; the tag
 * is the page address with the mode in its low bits, so a mode change
 * needs no flush. Pages that are not RAM, not writable, or whose PTE
 * changed bit is not set yet leave the write tag invalid and go the slow
 * way. mtsr/mtsrin/tlbie/tlbia/BAT and SDR1 writes flush the caches.
 */
#ifndef CLARUS_PPC_INTERNAL_H
#define CLARUS_PPC_INTERNAL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "ppc.h"

#define PPC_INLINE static inline __attribute__((always_inline))

typedef struct ppc_cpu ppc_cpu;
typedef struct ppc_dinsn ppc_dinsn;
typedef struct ppc_jit ppc_jit;
typedef void (*ppc_handler)(ppc_cpu *c, uint32_t insn, ppc_dinsn *d);

/* One decoded instruction. `aux` is the entry's index in its page until
 * the entry is decoded; a handler may keep a precomputed value there. */
struct ppc_dinsn {
    ppc_handler h;
    uint32_t insn;
    uint32_t aux;
};

/* MSR bits (MPCFPE32B 2.3.1). */
#define MSR_VEC  0x02000000u /* 7400: AltiVec available (MPC7400UM 2.1.3.3) */
#define MSR_POW  0x00040000u
#define MSR_TGPR 0x00020000u /* 603e: temporary GPRs for TLB miss handlers */
#define MSR_ILE  0x00010000u
#define MSR_EE   0x00008000u
#define MSR_PR   0x00004000u
#define MSR_FP   0x00002000u
#define MSR_ME   0x00001000u
#define MSR_FE0  0x00000800u
#define MSR_SE   0x00000400u
#define MSR_BE   0x00000200u
#define MSR_FE1  0x00000100u
#define MSR_IP   0x00000040u
#define MSR_IR   0x00000020u
#define MSR_DR   0x00000010u
#define MSR_PM   0x00000004u
#define MSR_RI   0x00000002u
#define MSR_LE   0x00000001u

/* SPR numbers. */
enum {
    SPR_MQ = 0,
    SPR_XER = 1,
    SPR_RTCU_R = 4,
    SPR_RTCL_R = 5,
    SPR_DEC_601U = 6,
    SPR_LR = 8,
    SPR_CTR = 9,
    SPR_DSISR = 18,
    SPR_DAR = 19,
    SPR_RTCU_W = 20,
    SPR_RTCL_W = 21,
    SPR_DEC = 22,
    SPR_SDR1 = 25,
    SPR_SRR0 = 26,
    SPR_SRR1 = 27,
    SPR_VRSAVE = 256,
    SPR_TBL_R = 268,
    SPR_TBU_R = 269,
    SPR_SPRG0 = 272,
    SPR_SPRG1 = 273,
    SPR_SPRG2 = 274,
    SPR_SPRG3 = 275,
    SPR_EAR = 282,
    SPR_TBL_W = 284,
    SPR_TBU_W = 285,
    SPR_PVR = 287,
    SPR_IBAT0U = 528, /* IBATnU = 528 + 2n, IBATnL = 529 + 2n */
    SPR_DBAT0U = 536,
    SPR_UMMCR0 = 936,
    SPR_MMCR0 = 952,
    SPR_PMC1 = 953,
    SPR_PMC2 = 954,
    SPR_SIA = 955,
    SPR_MMCR1 = 956,
    SPR_PMC3 = 957,
    SPR_PMC4 = 958,
    SPR_SDA = 959,
    SPR_DMISS = 976,
    SPR_DCMP = 977,
    SPR_HASH1 = 978,
    SPR_HASH2 = 979,
    SPR_IMISS = 980,
    SPR_ICMP = 981,
    SPR_RPA = 982,
    SPR_HID0 = 1008,
    SPR_HID1 = 1009,
    SPR_IABR = 1010,
    SPR_DABR = 1013,
    SPR_MSSCR0 = 1014,
    SPR_L2CR = 1017,
    SPR_ICTC = 1019,
    SPR_THRM1 = 1020,
    SPR_THRM2 = 1021,
    SPR_THRM3 = 1022,
    SPR_PIR = 1023,
};

/* Exception vectors (offsets). */
enum {
    EXC_RESET = 0x100,
    EXC_MCHECK = 0x200,
    EXC_DSI = 0x300,
    EXC_ISI = 0x400,
    EXC_EXTERNAL = 0x500,
    EXC_ALIGN = 0x600,
    EXC_PROGRAM = 0x700,
    EXC_FPU = 0x800,
    EXC_DEC = 0x900,
    EXC_SC = 0xc00,
    EXC_TRACE = 0xd00,
    EXC_PERF = 0xf00,
    EXC_VEC_UNAVAIL = 0xf20, /* 7400: AltiVec unavailable (MPC7400UM 4.6.16) */
    EXC_ITLB_MISS = 0x1000,  /* 603e */
    EXC_DLTLB_MISS = 0x1100,
    EXC_DSTLB_MISS = 0x1200,
};

/* SRR1 bits of a program exception. */
#define PROG_FP      0x00100000u
#define PROG_ILLEGAL 0x00080000u
#define PROG_PRIV    0x00040000u
#define PROG_TRAP    0x00020000u

/* Model capabilities. */
typedef struct ppc_model_info {
    const char *name;
    uint32_t pvr;
    uint64_t hz;
    bool is_601;    /* POWER instructions, MQ, RTC, unified BATs */
    bool soft_tlb;  /* 603e: software table reload */
    bool fgraphics; /* fres, frsqrte, fsel, stfiwx (not the 601) */
    bool has_tb;    /* mftb (not the 601) */
    bool has_l2cr;  /* 750, 7400 */
    bool has_thrm;  /* 750, 7400 */
    bool has_pmc;   /* performance monitor (604e, 750, 7400) */
    bool has_dst;   /* AltiVec data stream touch hints dst/dstst/dss (7400) */
    bool has_vmx;   /* AltiVec: VRs, VSCR, VRSAVE, MSR[VEC] (7400) */
} ppc_model_info;

const ppc_model_info *ppc_model_get(ppc_model m);

typedef struct ppc_tlb_entry {
    uint32_t tag_r, tag_w; /* page | mode, or PPC_TLB_INVALID */
    uintptr_t addend;      /* host = addend + ea */
} ppc_tlb_entry;

#define PPC_TLB_BITS    8
#define PPC_TLB_SIZE    (1u << PPC_TLB_BITS)
#define PPC_TLB_INVALID 0xffffffffu

#define PEND_IRQ   1u  /* external interrupt line with MSR[EE] */
#define PEND_DEC   2u  /* decrementer underflowed, MSR[EE] */
#define PEND_END   4u  /* end_slice */
#define PEND_TRACE 8u  /* MSR[SE] */
#define PEND_SLEEP 16u /* MSR[POW] */
#define PEND_RESET 32u /* SRESET/HRESET/MCP edge */

/* Cycles per chain of handlers. Each handler tail-calls the next; where
 * the compiler may not turn those into jumps (no optimisation, sanitizers)
 * a chain is a nest of calls and must stay short. */
#if defined(__OPTIMIZE__) && !defined(__SANITIZE_ADDRESS__)
#define CHAIN_LENGTH 4096
#else
#define CHAIN_LENGTH 64
#endif

struct ppc_dpage;

/* An AltiVec vector register. Elements are numbered as the architecture
 * numbers them (element 0 is the most significant); on a little-endian
 * host the 128 bits are kept as one little-endian number, so element i of
 * each size sits at index (count - 1 - i) of the matching array. The
 * VR_B/VR_H/VR_W accessors hide that. */
typedef union ppc_vreg {
    uint8_t b[16];
    uint16_t h[8];
    uint32_t w[4];
    uint64_t d[2];
} __attribute__((aligned(16))) ppc_vreg;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define VR_IX(n, i) (i)
#else
#define VR_IX(n, i) ((n)-1 - (i))
#endif
#define VR_B(v, i) ((v).b[VR_IX(16, (i))])
#define VR_H(v, i) ((v).h[VR_IX(8, (i))])
#define VR_W(v, i) ((v).w[VR_IX(4, (i))])
/* The most and least significant doublewords. */
#define VR_HI(v) ((v).d[VR_IX(2, 0)])
#define VR_LO(v) ((v).d[VR_IX(2, 1)])

#define VSCR_NJ  0x00010000u /* non-Java mode: denormals flush to zero */
#define VSCR_SAT 0x00000001u /* sticky saturation */

/* The instruction-side cache: effective page and mode to decoded page. */
typedef struct ppc_ipage_entry {
    uint32_t tag; /* page | imode, or PPC_TLB_INVALID */
    struct ppc_dpage *page;
} ppc_ipage_entry;

struct ppc_cpu {
    /* Hot state first. */
    uint32_t gpr[32];
    uint32_t pc;
    uint32_t cr;
    uint32_t xer_so, xer_ov, xer_ca; /* 0 or 1 */
    uint32_t xer_bc;                 /* XER bits 25-31 (and the rest of XER as written) */
    uint32_t lr, ctr;
    uint32_t msr;
    uint32_t dmode, imode; /* translation mode tag bits: 1 = translated, 2 = user */
    int64_t cycles;        /* clocks since run() began, up to block_pc (see cur_cycles) */
    uint32_t block_pc;     /* where the instructions not yet in `cycles` begin */
    int64_t stop;          /* handlers dispatch the next instruction while cycles < stop */
    int64_t limit;         /* budget, or -1 when something is pending */
    int64_t budget;
    int64_t chain_start; /* cycles when the current chain began */
    uint32_t pending;
    /* The instruction page being executed: host = fetch_addend + pc. */
    uint32_t fetch_tag; /* page | imode, or invalid */
    uintptr_t fetch_addend;
    uint64_t fpr[32];
    uint32_t fpscr; /* without the last lazy operation's FPRF, FR and FI */
    /* Lazy FPSCR (ppc_ops_fp.c): the last arithmetic instruction, when it
     * could only change FPRF, FR and FI, is recorded instead of computing
     * them; ppc_fp_sync computes them when something reads the FPSCR. */
    bool fp_lazy;
    uint8_t lazy_op, lazy_single;
    uint8_t lazy_fpcc; /* FPCC of an fcmpu after the operation, or 0 */
    uint64_t lazy_a, lazy_b, lazy_c;

    ppc_tlb_entry dtlb[PPC_TLB_SIZE];
    ppc_ipage_entry ipage[PPC_TLB_SIZE];

    uint32_t sr[16];
    uint32_t spr[1024]; /* backing store for the SPRs without fields of their own */
    uint32_t mq;        /* 601 */
    uint32_t reserve_addr;
    bool reserve;

    /* Time base and decrementer, computed from the clock count. */
    uint64_t total_cycles; /* before the current run() */
    uint64_t tb_offset;    /* TB = tb_offset + clocks / tb_divisor */
    uint32_t tb_divisor;
    uint64_t dec_zero_at; /* clock count at which DEC reads 0 */
    bool dec_armed;       /* a DEC interrupt is due when DEC goes negative */
    bool dec_pending;
    bool int_line;
    uint64_t insn_count;
    uint32_t gpr_shadow[4];        /* 603e: r0-r3 swapped with MSR[TGPR] */
    struct ppc_soft_tlb *soft_tlb; /* 603e: the software-loaded TLB */

    jmp_buf abort;
    bool in_run;
    bool sleeping;
    /* Time-base wait loops (see mftb): the loop's mftb, the registers there
     * (without mftb's target), when it was first seen, how often since. */
    uint32_t tbw_pc;
    uint64_t tbw_digest, tbw_start;
    unsigned tbw_count;

    mm_space *bus;
    uint32_t bus_generation;
    sched *sched;
    ppc_host host;
    ppc_model model;
    const ppc_model_info *info;
    uint64_t clock_hz;

    struct ppc_dcache *dcache; /* decoded pages (ppc_dcache.c) */
    uint32_t code_gen;         /* counts resets of decoded pages (code written) */
    ppc_jit *jit;              /* the JIT (ppc_jit.c), or NULL */
    unsigned jit_hot;          /* runs of a block head before it is compiled */

    /* AltiVec (7400): ppc_ops_vmx.c. VRSAVE lives in spr[256]. */
    ppc_vreg vr[32];
    uint32_t vscr;

    ppc_handler table[65536];
};

/* ---- decoding ---- */

#define RD(i)    ((i) >> 21 & 31)
#define RS(i)    ((i) >> 21 & 31)
#define RA(i)    ((i) >> 16 & 31)
#define RB(i)    ((i) >> 11 & 31)
#define RC(i)    ((i) >> 6 & 31)
#define RCBIT(i) ((i)&1)
#define OEBIT(i) ((i)&0x400)
#define SIMM(i)  ((uint32_t)(int32_t)(int16_t)(i))
#define UIMM(i)  ((i)&0xffff)

/* The table index: primary opcode and the 10-bit extended opcode field. */
PPC_INLINE uint32_t decode_index(uint32_t insn)
{
    return (insn >> 26) << 10 | (insn >> 1 & 0x3ff);
}

/* ---- condition register and XER ---- */

PPC_INLINE void set_cr_field(ppc_cpu *c, unsigned field, uint32_t v)
{
    unsigned sh = 28 - 4 * field;
    c->cr = (c->cr & ~(0xfu << sh)) | (v & 0xf) << sh;
}

/* CR0 from a result: LT GT EQ SO. */
PPC_INLINE void set_cr0(ppc_cpu *c, uint32_t r)
{
    uint32_t f = (int32_t)r < 0 ? 8 : r ? 4 : 2;
    c->cr = (c->cr & 0x0fffffffu) | (f | c->xer_so) << 28;
}

PPC_INLINE uint32_t get_xer(const ppc_cpu *c)
{
    return c->xer_so << 31 | c->xer_ov << 30 | c->xer_ca << 29 | (c->xer_bc & 0x1fffffffu);
}

PPC_INLINE void set_xer(ppc_cpu *c, uint32_t v)
{
    c->xer_so = v >> 31;
    c->xer_ov = v >> 30 & 1;
    c->xer_ca = v >> 29 & 1;
    c->xer_bc = v & 0x0000ff7fu; /* bits 16-23: the lscbx byte; 25-31: string byte count */
}

/* ---- exceptions ---- */

/* Delivers an exception with SRR0 = srr0 and the given SRR1 bits 0-15,
 * then abandons the current instruction. */
_Noreturn void ppc_raise(ppc_cpu *c, uint32_t vector, uint32_t srr0, uint32_t srr1_bits);
/* The same without abandoning anything (interrupts between instructions). */
void ppc_deliver(ppc_cpu *c, uint32_t vector, uint32_t srr0, uint32_t srr1_bits);
_Noreturn void ppc_program(ppc_cpu *c, uint32_t bits);
_Noreturn void ppc_illegal(ppc_cpu *c);
_Noreturn void ppc_privileged(ppc_cpu *c);
_Noreturn void ppc_fp_unavailable(ppc_cpu *c);
_Noreturn void ppc_vec_unavailable(ppc_cpu *c);

PPC_INLINE void require_supervisor(ppc_cpu *c)
{
    if (unlikely(c->msr & MSR_PR)) ppc_privileged(c);
}

PPC_INLINE void require_fp(ppc_cpu *c)
{
    if (unlikely(!(c->msr & MSR_FP))) ppc_fp_unavailable(c);
}

PPC_INLINE void require_vec(ppc_cpu *c)
{
    if (unlikely(!(c->msr & MSR_VEC))) ppc_vec_unavailable(c);
}

/* The MSR bits SRR1 saves and rfi restores: 16-23, 25-27, 30-31, and on
 * the 7400 bit 6, MSR[VEC] (MPC7400UM 4.3). */
PPC_INLINE uint32_t ppc_srr1_msr_mask(const ppc_cpu *c)
{
    return c->info->has_vmx ? 0x0200ff73u : 0x0000ff73u;
}

void ppc_set_msr_internal(ppc_cpu *c, uint32_t v);
void ppc_update_pending(ppc_cpu *c);

/* ---- memory ---- */

void ppc_tlb_flush(ppc_cpu *c);
void ppc_tlb_flush_page(ppc_cpu *c, uint32_t ea);
/* Slow paths: translate (raising DSI/alignment as needed), fill the cache,
 * access. size 1, 2, 4 or 8 (8: two words, FP). */
__attribute__((cold)) uint64_t ppc_load_slow(ppc_cpu *c, uint32_t ea, unsigned size);
__attribute__((cold)) void ppc_store_slow(ppc_cpu *c, uint32_t ea, uint64_t v, unsigned size);
/* Instruction fetch for a page not in fetch_tag; raises ISI if needed. */
uint32_t ppc_fetch_slow(ppc_cpu *c);
/* Translates for dcbz/dcbi/eciwx/lwarx and friends (store: for writing);
 * raises DSI. Returns a physical address. */
uint32_t ppc_translate_data(ppc_cpu *c, uint32_t ea, bool store);
/* 603e: tlbld/tlbli, and tlbie's effect on the software-loaded TLB. */
void ppc_soft_tlb_load(ppc_cpu *c, uint32_t ea, bool data);
void ppc_soft_tlb_invalidate(ppc_cpu *c, uint32_t ea);
void ppc_soft_tlb_free(ppc_cpu *c);

PPC_INLINE ppc_tlb_entry *dtlb_of(ppc_cpu *c, uint32_t ea)
{
    return &c->dtlb[(ea >> 12) & (PPC_TLB_SIZE - 1)];
}

/* The host address of a size-byte access at ea when the data cache
 * holds its page for reading (writing), else NULL. Testing the page of
 * the access's last byte against the tag of its first byte's entry also
 * rejects an access that crosses into the next page. */
PPC_INLINE const uint8_t *probe_r(ppc_cpu *c, uint32_t ea, unsigned size)
{
    ppc_tlb_entry *e = dtlb_of(c, ea);
    if (likely(e->tag_r == (((ea + size - 1) & ~0xfffu) | c->dmode)))
        return (const uint8_t *)(e->addend + ea);
    return NULL;
}

PPC_INLINE uint8_t *probe_w(ppc_cpu *c, uint32_t ea, unsigned size)
{
    ppc_tlb_entry *e = dtlb_of(c, ea);
    if (likely(e->tag_w == (((ea + size - 1) & ~0xfffu) | c->dmode)))
        return (uint8_t *)(e->addend + ea);
    return NULL;
}

PPC_INLINE uint32_t ld32(ppc_cpu *c, uint32_t ea)
{
    const uint8_t *p = probe_r(c, ea, 4);
    if (likely(p != NULL)) return load_be32(p);
    return (uint32_t)ppc_load_slow(c, ea, 4);
}

PPC_INLINE uint32_t ld16(ppc_cpu *c, uint32_t ea)
{
    const uint8_t *p = probe_r(c, ea, 2);
    if (likely(p != NULL)) return load_be16(p);
    return (uint32_t)ppc_load_slow(c, ea, 2);
}

PPC_INLINE uint32_t ld8(ppc_cpu *c, uint32_t ea)
{
    const uint8_t *p = probe_r(c, ea, 1);
    if (likely(p != NULL)) return *p;
    return (uint32_t)ppc_load_slow(c, ea, 1);
}

PPC_INLINE uint64_t ld64(ppc_cpu *c, uint32_t ea)
{
    const uint8_t *p = probe_r(c, ea, 8);
    if (likely(p != NULL)) return (uint64_t)load_be32(p) << 32 | load_be32(p + 4);
    return ppc_load_slow(c, ea, 8);
}

PPC_INLINE void st32(ppc_cpu *c, uint32_t ea, uint32_t v)
{
    uint8_t *p = probe_w(c, ea, 4);
    if (likely(p != NULL))
        store_be32(p, v);
    else
        ppc_store_slow(c, ea, v, 4);
}

PPC_INLINE void st16(ppc_cpu *c, uint32_t ea, uint32_t v)
{
    uint8_t *p = probe_w(c, ea, 2);
    if (likely(p != NULL))
        store_be16(p, (uint16_t)v);
    else
        ppc_store_slow(c, ea, v, 2);
}

PPC_INLINE void st8(ppc_cpu *c, uint32_t ea, uint32_t v)
{
    uint8_t *p = probe_w(c, ea, 1);
    if (likely(p != NULL))
        *p = (uint8_t)v;
    else
        ppc_store_slow(c, ea, v, 1);
}

PPC_INLINE void st64(ppc_cpu *c, uint32_t ea, uint64_t v)
{
    uint8_t *p = probe_w(c, ea, 8);
    if (likely(p != NULL)) {
        store_be32(p, (uint32_t)(v >> 32));
        store_be32(p + 4, (uint32_t)v);
    } else {
        ppc_store_slow(c, ea, v, 8);
    }
}

/* ---- dispatch ---- */

PPC_INLINE uint32_t fetch(ppc_cpu *c)
{
    if (likely((c->pc & ~0xfffu) == c->fetch_tag))
        return load_be32((const uint8_t *)(c->fetch_addend + c->pc));
    return ppc_fetch_slow(c);
}

/* The decoded entry for the instruction at ea (word aligned); raises ISI. */
ppc_dinsn *ppc_dlookup(ppc_cpu *c, uint32_t ea);

/* Lowers the point where the current chain of handlers stops. */
PPC_INLINE void ppc_stop_chain(ppc_cpu *c, int64_t at)
{
    if (at < c->stop) c->stop = at;
}

/* Cycle accounting: one clock per instruction. Sequential instructions
 * are not counted one by one: `cycles` covers everything before
 * block_pc, and the instructions from block_pc up to pc are added when
 * control leaves the straight line (a branch, an exception, the end of a
 * chain). The chain limit `stop` is tested at those points too. */
PPC_INLINE int64_t cur_cycles(const ppc_cpu *c)
{
    return c->cycles + (int64_t)((uint32_t)(c->pc - c->block_pc) >> 2);
}

PPC_INLINE void sync_cycles(ppc_cpu *c)
{
    c->cycles = cur_cycles(c);
    c->block_pc = c->pc;
}

/* Counts the current instruction as completed (before a handler moves
 * the PC somewhere a NEXT_LOOKUP then continues). */
PPC_INLINE void retire(ppc_cpu *c)
{
    c->cycles = cur_cycles(c) + 1;
    c->block_pc = c->pc;
}

/* Runs the next sequential instruction. */
#define NEXT(c)                                                                                    \
    do {                                                                                           \
        (c)->pc += 4;                                                                              \
        ppc_dinsn *n_ = d + 1;                                                                     \
        n_->h((c), n_->insn, n_);                                                                  \
    } while (0)

/* Runs the next sequential instruction unless the chain limit has been
 * reached: for instructions that may change what runs next or when (MSR,
 * SPR, segment and TLB changes, and the slow paths of loads and stores,
 * which may reach a device that raises an interrupt or ends the slice). */
#define NEXT_CHECK(c)                                                                              \
    do {                                                                                           \
        (c)->pc += 4;                                                                              \
        sync_cycles(c);                                                                            \
        if (likely((c)->cycles < (c)->stop)) {                                                     \
            ppc_dinsn *n_ = d + 1;                                                                 \
            n_->h((c), n_->insn, n_);                                                              \
        }                                                                                          \
    } while (0)

/* End of a handler that continues at `target` (word aligned): counts the
 * straight line that ends here and runs the target unless the chain
 * ends. A target in the same page is found from the current entry. */
#define NEXT_AT(c, target)                                                                         \
    do {                                                                                           \
        uint32_t t_ = (target), cia_ = (c)->pc;                                                    \
        int64_t cy_ = (c)->cycles + (int64_t)((cia_ - (c)->block_pc) >> 2) + 1;                    \
        (c)->cycles = cy_;                                                                         \
        (c)->pc = t_;                                                                              \
        (c)->block_pc = t_;                                                                        \
        if (likely(cy_ < (c)->stop)) {                                                             \
            ppc_dinsn *n_ = likely(((t_ ^ cia_) & ~0xfffu) == 0) ? d + ((int32_t)(t_ - cia_) >> 2) \
                                                                 : ppc_dlookup((c), t_);           \
            n_->h((c), n_->insn, n_);                                                              \
        }                                                                                          \
    } while (0)

/* End of a handler that called retire() and set c->pc: looks the PC up
 * afresh (an exception was delivered, or the mapping may have changed). */
#define NEXT_LOOKUP(c)                                                                             \
    do {                                                                                           \
        (void)d;                                                                                   \
        (c)->block_pc = (c)->pc;                                                                   \
        if (likely((c)->cycles < (c)->stop)) {                                                     \
            ppc_dinsn *n_ = ppc_dlookup((c), (c)->pc);                                             \
            n_->h((c), n_->insn, n_);                                                              \
        }                                                                                          \
    } while (0)

/* A chain may run this many instructions past `stop` (to the end of a
 * page); the run loop steps one instruction at a time when it is nearer
 * than that to its limit, so that slices end exactly. */
#define PPC_OVERRUN 1026

/* Runs exactly one instruction. */
void ppc_step(ppc_cpu *c);
/* JIT: makes entry idx of a decoded page (entries e) a block head. */
void ppc_dcache_mark_head(ppc_cpu *c, ppc_dinsn *e, unsigned idx);
/* Frees decoded pages when there are too many (between chains only). */
void ppc_dcache_maintain(ppc_cpu *c);

/* Brings c->fpscr up to date (see fp_lazy). */
void ppc_fp_materialize(ppc_cpu *c);
PPC_INLINE void ppc_fp_sync(ppc_cpu *c)
{
    if (unlikely(c->fp_lazy)) ppc_fp_materialize(c);
}
/* The architected FPSCR without changing the CPU. */
uint32_t ppc_fpscr_value(const ppc_cpu *c);

/* Quickening: a handler that finds, from the instruction word, a more
 * specific handler for it stores that in the decoded entry, so the choice
 * is made once. Entries of pages that read memory on every execution
 * (their handler is a stub, not `self`) are left alone. */
PPC_INLINE void quicken(ppc_dinsn *d, ppc_handler self, ppc_handler h)
{
    if (d->h == self) d->h = h;
}

/* bc testing one CR bit (BO = 011zy: branch if set, 001zy: if clear),
 * relative, without LK: shared by the bc handlers and the compare
 * handlers fused with them. */
PPC_INLINE uint32_t bd_target(const ppc_cpu *c, uint32_t i)
{
    return c->pc + (uint32_t)(int32_t)(int16_t)(i & 0xfffc);
}

PPC_INLINE void bc_cond(ppc_cpu *c, uint32_t i, ppc_dinsn *d, bool sense)
{
    if ((bool)(c->cr >> (31 - RA(i)) & 1) == sense) {
        NEXT_AT(c, bd_target(c, i));
        return;
    }
    NEXT(c);
}

void ppc_bc_true(ppc_cpu *c, uint32_t i, ppc_dinsn *d);
/* The handler of an entry not decoded yet. */
void ppc_decode_stub(ppc_cpu *c, uint32_t insn, ppc_dinsn *d);
void ppc_bc_false(ppc_cpu *c, uint32_t i, ppc_dinsn *d);

/* ---- the decoded-instruction cache (ppc_dcache.c) ---- */

bool ppc_dcache_init(ppc_cpu *c);
void ppc_dcache_free(ppc_cpu *c);
/* Forgets the instruction-side page cache (not the decoded pages). */
void ppc_ipage_flush(ppc_cpu *c);
void ppc_ipage_flush_page(ppc_cpu *c, uint32_t ea);
/* Guest physical [pa, pa+len) changed: decoded pages there decode again. */
void ppc_dcache_invalidate(ppc_cpu *c, uint32_t pa, uint32_t len);
/* Data-side write tags of the host page are revoked (it holds code). */
void ppc_dtlb_protect_host(ppc_cpu *c, const uint8_t *host_page);
/* Instruction fetch translation for a decoded page: the physical page and
 * its host memory, or NULL when the page must be read through the bus. */
uint32_t ppc_translate_fetch(ppc_cpu *c, uint32_t ea, const uint8_t **host_page);

/* Handler definition: body(c, insn) is an inline function ending without a
 * dispatch; HANDLER(name) wraps name##_impl with NEXT. */
#define HANDLER(name)                                                                              \
    static void name(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)                                      \
    {                                                                                              \
        name##_impl(c, insn);                                                                      \
        NEXT(c);                                                                                   \
    }

/* ---- decode table construction ---- */

/* Sets the handler for a primary opcode (all extended values). */
void ppc_set_primary(ppc_handler *t, unsigned primary, ppc_handler h);
/* Sets the handler for primary/extended (10-bit xo). */
void ppc_set_ext(ppc_handler *t, unsigned primary, unsigned xo, ppc_handler h);
/* Sets the handler for an A-form xo (5 bits, bits 26-30) under primary:
 * every 10-bit value whose low 5 bits are xo. */
void ppc_set_aform(ppc_handler *t, unsigned primary, unsigned xo5, ppc_handler h);

void ppc_ops_int_init(ppc_handler *t, const ppc_model_info *info);
void ppc_ops_ldst_init(ppc_handler *t, const ppc_model_info *info);
void ppc_ops_branch_init(ppc_handler *t, const ppc_model_info *info);
void ppc_ops_sys_init(ppc_handler *t, const ppc_model_info *info);
void ppc_ops_fp_init(ppc_handler *t, const ppc_model_info *info);
void ppc_ops_power_init(ppc_handler *t, const ppc_model_info *info);
void ppc_ops_vmx_init(ppc_handler *t, const ppc_model_info *info);

/* ---- SPRs, time ---- */

uint64_t ppc_tb_now(const ppc_cpu *c);
uint32_t ppc_dec_now(const ppc_cpu *c);
void ppc_dec_write(ppc_cpu *c, uint32_t v);
void ppc_tb_write(ppc_cpu *c, bool upper, uint32_t v);
/* mfspr/mtspr: false if the SPR does not exist on this model. */
bool ppc_spr_read(ppc_cpu *c, unsigned spr, uint32_t *out);
bool ppc_spr_write(ppc_cpu *c, unsigned spr, uint32_t v);

PPC_INLINE uint64_t now_cycles(const ppc_cpu *c)
{
    return c->total_cycles + (uint64_t)(c->in_run ? cur_cycles(c) : 0);
}

#endif
