/* The PowerPC JIT fast path (./configure --enable-jit, x86-64 hosts).
 *
 * A block is the straight line of guest code from a hot entry of a
 * decoded page (ppc_dcache.c) to the first branch, the first instruction
 * the JIT does not translate, or the end of the page. Its host code has
 * the signature of an instruction handler and is installed as the
 * handler of the entry it starts at, so the interpreter and the blocks
 * call each other freely:
 *   - a block ends at a branch the way NEXT_AT does (count the
 *     instructions, test the chain limit, dispatch the target's entry);
 *   - at an instruction it does not translate, it leaves the PC there and
 *     jumps to that entry's handler: the interpreter runs it and goes on;
 *   - a load or store that misses the data translation cache calls
 *     jit_mem_slow, which does what the interpreter's slow twin does.
 * The state is always the interpreter's: GPRs, CR, LR, CTR live in the
 * CPU structure, `pc` and `block_pc` say which instructions have run
 * (an exception in a slow path finds pc = the faulting instruction).
 * So a block can be abandoned by longjmp like any handler, and an entry
 * reset to a stub (code written) simply stops using the block.
 *
 * Blocks are keyed by physical page like the decoded entries, so the
 * code never embeds an effective address: the block's first PC is kept
 * in its stack frame and every address is computed from it.
 *
 * Registers: rbx = the CPU, [rsp] = the block's first PC; rax, rcx, rdx,
 * rsi, rdi scratch. The instruction semantics follow the interpreter
 * (ppc_ops_int.c, ppc_ops_ldst.c, ppc_ops_branch.c), which cites
 * MPCFPE32B for each.
 */
#include "ppc_jit.h"

#if CLARUS_JIT_X86_64

#include <stddef.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "ppc_jit_x86.h"

#define JIT_BUFFER         (32u << 20)
#define JIT_RESERVE        (256u << 10) /* room a block may need: compiling stops below this */
#define DPAGE_SIZE_FOR_JIT 1024

struct ppc_jit {
    /* A page of entries that all return: the interpreter's handler for an
     * instruction the JIT does not translate runs from the entry at the
     * instruction's place, so that its next entry, and any entry of the
     * page a branch of it reaches, brings control back (as ppc_step). */
    ppc_dinsn ret[1025];
    uint8_t *buf;
    size_t used;
    size_t inner; /* bytes of a block's prologue: where blocks jump into one another */
    bool full;
    uint64_t blocks;
};

#define OFF(f)     ((int32_t)offsetof(ppc_cpu, f))
#define OFF_GPR(n) (OFF(gpr) + 4 * (int32_t)(n))

_Static_assert(sizeof(ppc_tlb_entry) == 16, "the JIT indexes the TLB by shifting by 4");
_Static_assert(sizeof(ppc_dinsn) == 16, "the JIT indexes entries by shifting by 4");

static void jit_ret_stub(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)
{
    (void)c;
    (void)insn;
    (void)d;
}

ppc_jit *ppc_jit_new(void)
{
    ppc_jit *j = calloc(1, sizeof(*j));
    if (!j) return NULL;
    for (unsigned i = 0; i < 1025; i++) j->ret[i] = (ppc_dinsn){jit_ret_stub, 0, i};
    void *m = mmap(NULL, JIT_BUFFER, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        free(j);
        return NULL;
    }
    j->buf = m;
    return j;
}

void ppc_jit_free(ppc_jit *j)
{
    if (!j) return;
    munmap(j->buf, JIT_BUFFER);
    free(j);
}

bool ppc_jit_full(const ppc_jit *j)
{
    return j->full;
}

void ppc_jit_reset(ppc_jit *j)
{
    j->used = 0;
    j->full = false;
}

bool ppc_jit_owns(const ppc_jit *j, ppc_handler h)
{
    const uint8_t *p = (const uint8_t *)(uintptr_t)h;
    return j && p >= j->buf && p < j->buf + JIT_BUFFER;
}

uint64_t ppc_jit_blocks(const ppc_jit *j)
{
    return j ? j->blocks : 0;
}

/* ---- the slow path of loads and stores ---- */

/* Does the whole load or store (the TLB missed, the access crosses a page,
 * or it reaches a device) and says whether the block may go on: not when
 * the chain limit has been reached (a device may have ended the slice)
 * or the store rewrote decoded code. c->pc is the instruction. */
static int jit_mem_slow(ppc_cpu *c, uint32_t ea, uint32_t insn)
{
    unsigned op = insn >> 26, size = 4;
    bool store = false, update = false, sign = false;
    if (op == 31) {
        unsigned xo = insn >> 1 & 0x3ff;
        update = (xo & 0x20) != 0;
        switch (xo & ~0x20u) {
        case 23: break;            /* lwzx */
        case 87: size = 1; break;  /* lbzx */
        case 279: size = 2; break; /* lhzx */
        case 343:
            size = 2;
            sign = true;
            break;                     /* lhax */
        case 151: store = true; break; /* stwx */
        case 215:
            store = true;
            size = 1;
            break; /* stbx */
        case 407:
            store = true;
            size = 2;
            break; /* sthx */
        default: abort();
        }
    } else {
        update = op & 1;
        switch (op & ~1u) {
        case 32: break;
        case 34: size = 1; break;
        case 36: store = true; break;
        case 38:
            store = true;
            size = 1;
            break;
        case 40: size = 2; break;
        case 42:
            size = 2;
            sign = true;
            break;
        case 44:
            store = true;
            size = 2;
            break;
        default: abort();
        }
    }
    uint32_t gen = c->code_gen;
    if (store) {
        ppc_store_slow(c, ea, c->gpr[RS(insn)], size);
        if (update) c->gpr[RA(insn)] = ea;
    } else {
        uint32_t v = (uint32_t)ppc_load_slow(c, ea, size);
        if (sign) v = (uint32_t)(int32_t)(int16_t)v;
        if (update) c->gpr[RA(insn)] = ea;
        c->gpr[RD(insn)] = v;
    }
    return c->code_gen == gen && cur_cycles(c) + 1 < c->stop;
}

/* ---- emitting ---- */

/* Guest registers a host register may mirror: the GPRs, then these. */
enum { ID_CR = 32, ID_LR, ID_CTR, ID_NONE = -1 };

/* A load or store's slow path, emitted after the block's main line. */
typedef struct cold_stub {
    uint8_t *jcc;  /* the fast path's branch here */
    uint8_t *join; /* where the fast path goes on */
    unsigned k;
    uint32_t insn;
    int holds[8]; /* the host registers' guest registers at the join */
} cold_stub;

typedef struct jctx {
    xbuf x;
    ppc_cpu *c;
    ppc_jit *jit;
    uint8_t *code;  /* the block's first byte */
    ppc_dinsn *e;   /* the page's entries */
    unsigned start; /* the block's first entry */
    unsigned k;     /* the instruction being translated: entry start + k */
    unsigned heads[8];
    unsigned nheads;
    /* Which guest register each host register holds, valid only while
     * nothing else has been emitted since (valid_at == x.p) and never
     * across a jump target. */
    int holds[8];
    uint8_t *valid_at;
    /* GPRs whose value is known when the block is compiled (li, lis,
     * addi of a known value): loads and stores at a known address find
     * their TLB entry at compile time. Valid along the block's main line. */
    bool known[32];
    uint32_t val[32];
    unsigned ncold;
    cold_stub cold[DPAGE_SIZE_FOR_JIT];
    /* Branches to the block's plain return (the interpreter went elsewhere). */
    unsigned nleave;
    uint8_t *leave[DPAGE_SIZE_FOR_JIT];
} jctx;

static void j_patch(jctx *j, uint8_t *at);

static void want_head(jctx *j, unsigned idx)
{
    if (idx < 1024 && j->nheads < 8) j->heads[j->nheads++] = idx;
}

/* r = the address of instruction start + k + delta/4 (from the block's first PC). */
static void cia_plus(jctx *j, int r, int32_t delta)
{
    x_ld_rsp(&j->x, r);
    int32_t off = (int32_t)(4 * j->k) + delta;
    if (off) x_lea(&j->x, r, r, off);
}

static void epilogue_ret(jctx *j)
{
    xbuf *x = &j->x;
    x_b(x, 0x48); /* add rsp, 16 */
    x_b(x, 0x83);
    x_b(x, 0xc4);
    x_b(x, 0x10);
    x_b(x, 0x5b); /* pop rbx */
    x_b(x, 0xc3); /* ret */
}

/* Dispatches the entry at rdx: handler(c, entry->insn, entry). */
static void epilogue_jump_rdx(jctx *j)
{
    xbuf *x = &j->x;
    x_arg_cpu(x);
    x_b(x, 0x8b); /* mov esi, [rdx + 8] */
    x_b(x, 0x72);
    x_b(x, 0x08);
    x_b(x, 0x48); /* add rsp, 16 */
    x_b(x, 0x83);
    x_b(x, 0xc4);
    x_b(x, 0x10);
    x_b(x, 0x5b); /* pop rbx */
    x_b(x, 0xff); /* jmp [rdx] */
    x_b(x, 0x22);
}

static void jump_entry(jctx *j, unsigned idx)
{
    x_mov_imm64(&j->x, RDX, (uint64_t)(uintptr_t)&j->e[idx]);
    epilogue_jump_rdx(j);
}

/* Dispatches the entry at rdx, whose address is in eax: straight into
 * the code after the prologue when the entry holds a block, else through
 * its handler. */
static void dispatch_rdx(jctx *j)
{
    xbuf *x = &j->x;
    x_ld64_rdx(x, RCX);
    x_mov_imm64(x, RSI, (uint64_t)(uintptr_t)j->jit->buf);
    x_mov64(x, RDI, RCX);
    x_sub64(x, RDI, RSI);
    x_cmp64_imm(x, RDI, JIT_BUFFER);
    uint8_t *interp = x_jcc(x, CC_AE);
    x_st_rsp(x, RAX);
    x_add64_imm(x, RCX, (uint32_t)j->jit->inner);
    x_jmp_reg(x, RCX);
    j_patch(j, interp);
    epilogue_jump_rdx(j);
}

/* Control leaves the straight line for the address in eax after n
 * instructions of the block (NEXT_AT): count them, stop at the chain
 * limit, else dispatch the target. `tidx` is the target's entry when it
 * is known to be in this page, -1 when unknown (a register target, tested
 * at run time), -2 when it is in another page. */
static void emit_goto(jctx *j, unsigned n, int tidx)
{
    xbuf *x = &j->x;
    x_ld64(x, RCX, OFF(cycles));
    x_add64_imm(x, RCX, n);
    x_st64(x, OFF(cycles), RCX);
    x_st(x, OFF(pc), RAX);
    x_st(x, OFF(block_pc), RAX);
    x_cmp64_ld(x, RCX, OFF(stop));
    uint8_t *go = x_jcc(x, CC_L);
    epilogue_ret(j);
    j_patch(j, go);
    if (tidx >= 0) {
        /* A block of this page: jump into it directly when it exists. */
        const uint8_t *to = NULL;
        if ((unsigned)tidx == j->start)
            to = j->code + j->jit->inner;
        else if (ppc_jit_owns(j->jit, j->e[tidx].h))
            to = (const uint8_t *)(uintptr_t)j->e[tidx].h + j->jit->inner;
        if (to) {
            x_st_rsp(x, RAX);
            x_jmp_to(x, to);
        } else {
            jump_entry(j, (unsigned)tidx);
        }
        return;
    }
    uint8_t *found = NULL;
    if (tidx == -1) {
        x_ld_rsp(x, RCX);
        x_alu(x, ALU_XOR, RCX, RAX);
        x_test_imm(x, RCX, 0xfffff000u);
        uint8_t *other = x_jcc(x, CC_NE);
        x_mov(x, RDX, RAX);
        x_shift_imm(x, SH_SHR, RDX, 2);
        x_alu_imm(x, ALU_AND, RDX, 1023);
        x_shift_imm(x, SH_SHL, RDX, 4);
        x_mov_imm64(x, RCX, (uint64_t)(uintptr_t)j->e);
        x_add64(x, RDX, RCX);
        found = x_jmp(x);
        j_patch(j, other);
    }
    /* The instruction-side page cache (ppc_dlookup's fast path). */
    int32_t ip = OFF(ipage);
    x_mov(x, RDX, RAX);
    x_shift_imm(x, SH_SHR, RDX, 12);
    x_alu_imm(x, ALU_AND, RDX, PPC_TLB_SIZE - 1);
    x_shift_imm(x, SH_SHL, RDX, 4);
    x_mov(x, RCX, RAX);
    x_alu_imm(x, ALU_AND, RCX, 0xfffff000u);
    x_alu_ld(x, ALU_OR, RCX, OFF(imode));
    x_cmp_rbx_rdx(x, RCX, ip + (int32_t)offsetof(ppc_ipage_entry, tag));
    uint8_t *miss = x_jcc(x, CC_NE);
    x_ld64_rbx_rdx(x, RDX, ip + (int32_t)offsetof(ppc_ipage_entry, page));
    x_mov(x, RCX, RAX);
    x_shift_imm(x, SH_SHR, RCX, 2);
    x_alu_imm(x, ALU_AND, RCX, 1023);
    x_shift_imm(x, SH_SHL, RCX, 4);
    x_add64(x, RDX, RCX);
    uint8_t *hit = x_jmp(x);
    j_patch(j, miss);
    x_arg_cpu(x);
    x_mov(x, RSI, RAX);
    x_call(x, (const void *)ppc_dlookup);
    x_mov64(x, RDX, RAX);
    x_ld(x, RAX, OFF(pc));
    j_patch(j, hit);
    j_patch(j, found);
    dispatch_rdx(j);
}

/* Ends the block after instruction k without a dispatch (a slow path
 * reached the chain limit): the next instruction is where the run loop
 * goes on. */
static void emit_stop_after(jctx *j)
{
    xbuf *x = &j->x;
    cia_plus(j, RCX, 4);
    x_st(x, OFF(pc), RCX);
    x_st(x, OFF(block_pc), RCX);
    x_add64_mem_imm(x, OFF(cycles), j->k + 1);
    epilogue_ret(j);
}

static int32_t id_off(int id)
{
    return id < 32 ? OFF_GPR(id) : id == ID_CR ? OFF(cr) : id == ID_LR ? OFF(lr) : OFF(ctr);
}

static void forget(jctx *j)
{
    for (int r = 0; r < 8; r++) j->holds[r] = ID_NONE;
    j->valid_at = j->x.p;
}

/* A jump lands here: nothing is known of the host registers. */
static void j_patch(jctx *j, uint8_t *at)
{
    x_patch(&j->x, at);
    j->valid_at = NULL;
}

/* r = guest register id, from a host register that holds it if any. */
static void load_id(jctx *j, int r, int id)
{
    if (j->valid_at != j->x.p) forget(j);
    if (j->holds[r] == id) return;
    int from = -1;
    for (int q = 0; q < 8; q++)
        if (j->holds[q] == id) from = q;
    if (from >= 0)
        x_mov(&j->x, r, from);
    else
        x_ld(&j->x, r, id_off(id));
    j->holds[r] = id;
    j->valid_at = j->x.p;
}

/* guest register id = r */
static void store_id(jctx *j, int id, int r)
{
    if (id < 32) j->known[id] = false;
    if (j->valid_at != j->x.p) forget(j);
    x_st(&j->x, id_off(id), r);
    for (int q = 0; q < 8; q++)
        if (j->holds[q] == id) j->holds[q] = ID_NONE;
    j->holds[r] = id;
    j->valid_at = j->x.p;
}

static void load_gpr(jctx *j, int r, unsigned n)
{
    load_id(j, r, (int)n);
}

/* r = (rA|0) */
static void load_ra0(jctx *j, int r, unsigned ra)
{
    if (ra)
        load_gpr(j, r, ra);
    else
        x_mov_imm(&j->x, r, 0);
}

static void store_gpr(jctx *j, unsigned n, int r)
{
    store_id(j, (int)n, r);
}

/* CR field f = LT/GT/EQ from the flags of the last compare, | SO.
 * `cc_lt` is the "less" condition (signed or unsigned). */
static void set_cr_from_flags(jctx *j, unsigned f, int cc_lt)
{
    xbuf *x = &j->x;
    x_mov_imm(x, RDX, 4);
    x_mov_imm(x, RCX, 8);
    x_mov_imm(x, RSI, 2);
    x_cmov(x, cc_lt, RDX, RCX);
    x_cmov(x, CC_E, RDX, RSI);
    x_alu_ld(x, ALU_OR, RDX, OFF(xer_so));
    unsigned sh = 28 - 4 * f;
    if (sh) x_shift_imm(x, SH_SHL, RDX, sh);
    x_ld(x, RCX, OFF(cr));
    x_alu_imm(x, ALU_AND, RCX, ~(0xfu << sh));
    x_alu(x, ALU_OR, RCX, RDX);
    store_id(j, ID_CR, RCX);
}

/* CR0 from the result in eax (Rc = 1). */
static void j_cr0(jctx *j)
{
    x_test(&j->x, RAX, RAX);
    set_cr_from_flags(j, 0, CC_L);
}

static uint32_t rot_mask(unsigned mb, unsigned me)
{
    uint32_t m1 = 0xffffffffu >> mb, m2 = 0xffffffffu << (31 - me);
    return mb <= me ? m1 & m2 : m1 | m2;
}

/* Loads and stores: the D and X forms of lwz lbz lhz lha stw stb sth. */
static bool emit_mem(jctx *j, uint32_t i, bool xform, unsigned size, bool store, bool sign,
                     bool update)
{
    xbuf *x = &j->x;
    unsigned ra = RA(i), rd = RD(i);
    /* Invalid update forms go to the interpreter. */
    if (update && (ra == 0 || (!store && ra == rd))) return false;
    bool const_ea = !xform && !update && (!ra || j->known[ra]);
    if (xform) {
        load_ra0(j, RAX, ra);
        x_alu_ld(x, ALU_ADD, RAX, OFF_GPR(RB(i)));
    } else if (!const_ea) {
        uint32_t d = SIMM(i);
        if (ra) {
            load_gpr(j, RAX, ra);
            if (d) x_alu_imm(x, ALU_ADD, RAX, d);
        } else {
            x_mov_imm(x, RAX, d);
        }
    }
    /* The data translation cache (probe_r/probe_w in ppc_internal.h). */
    int32_t tlb = OFF(dtlb);
    int32_t tag_off =
        store ? (int32_t)offsetof(ppc_tlb_entry, tag_w) : (int32_t)offsetof(ppc_tlb_entry, tag_r);
    uint8_t *slow;
    if (const_ea) {
        /* A known address: the entry and the tag are constants. */
        uint32_t ea = (ra ? j->val[ra] : 0) + SIMM(i);
        int32_t e = tlb + (int32_t)(16 * ((ea >> 12) & (PPC_TLB_SIZE - 1)));
        x_mov_imm(x, RAX, ea);
        x_mov_imm(x, RCX, (ea + size - 1) & ~0xfffu);
        x_alu_ld(x, ALU_OR, RCX, OFF(dmode));
        x_alu_ld(x, ALU_CMP, RCX, e + tag_off);
        slow = x_jcc(x, CC_NE);
        x_ld64(x, RDX, e + (int32_t)offsetof(ppc_tlb_entry, addend));
    } else {
        x_lea(x, RCX, RAX, (int32_t)size - 1);
        x_alu_imm(x, ALU_AND, RCX, 0xfffff000u);
        x_alu_ld(x, ALU_OR, RCX, OFF(dmode));
        x_mov(x, RDX, RAX);
        x_shift_imm(x, SH_SHR, RDX, 12);
        x_alu_imm(x, ALU_AND, RDX, PPC_TLB_SIZE - 1);
        x_shift_imm(x, SH_SHL, RDX, 4);
        x_cmp_rbx_rdx(x, RCX, tlb + tag_off);
        slow = x_jcc(x, CC_NE);
        x_ld64_rbx_rdx(x, RDX, tlb + (int32_t)offsetof(ppc_tlb_entry, addend));
    }
    if (store) {
        load_gpr(j, RCX, rd);
        if (size == 4) x_bswap(x, RCX);
        if (size == 2) x_swap16(x, RCX);
        x_stmem(x, RCX, (int)size);
        if (update) store_gpr(j, ra, RAX);
    } else {
        x_ldmem(x, RCX, (int)size);
        if (size == 4) x_bswap(x, RCX);
        if (size == 2) {
            x_swap16(x, RCX);
            if (sign) x_movsx16(x, RCX, RCX);
        }
        if (update) store_gpr(j, ra, RAX);
        store_gpr(j, rd, RCX);
    }
    if (j->valid_at != x->p) forget(j);
    cold_stub *cs = &j->cold[j->ncold++];
    cs->jcc = slow;
    cs->join = x->p;
    cs->k = j->k;
    cs->insn = i;
    memcpy(cs->holds, j->holds, sizeof(cs->holds));
    return true;
}

/* The slow path of a load or store: the whole instruction in C, then back
 * to the main line with the host registers it expects reloaded. */
static void emit_cold(jctx *j, const cold_stub *cs)
{
    xbuf *x = &j->x;
    j->k = cs->k;
    x_patch(x, cs->jcc);
    cia_plus(j, RCX, 0);
    x_st(x, OFF(pc), RCX);
    x_arg_cpu(x);
    x_mov(x, RSI, RAX);
    x_mov_imm(x, RDX, cs->insn);
    x_call(x, (const void *)jit_mem_slow);
    x_test(x, RAX, RAX);
    uint8_t *stop = x_jcc(x, CC_E);
    for (int r = 0; r < 8; r++)
        if (cs->holds[r] != ID_NONE) x_ld(x, r, id_off(cs->holds[r]));
    x_jmp_to(x, cs->join);
    x_patch(x, stop);
    emit_stop_after(j);
}

/* Conditional branches (bc, bclr, bcctr): target in esi for the register
 * forms. Returns after emitting both exits. */
static void emit_bc_common(jctx *j, uint32_t i, unsigned bo, int kind /* 0 bc, 1 bclr, 2 bcctr */)
{
    xbuf *x = &j->x;
    unsigned bi = RA(i);
    unsigned n = j->k + 1;
    if (kind == 1) {
        load_id(j, RSI, ID_LR);
        x_alu_imm(x, ALU_AND, RSI, ~3u);
    } else if (kind == 2) {
        load_id(j, RSI, ID_CTR);
        x_alu_imm(x, ALU_AND, RSI, ~3u);
    }
    if (i & 1) {
        cia_plus(j, RCX, 4);
        x_st(x, OFF(lr), RCX);
    }
    uint8_t *nt1 = NULL, *nt2 = NULL;
    if (!(bo & 4)) {
        load_id(j, RCX, ID_CTR);
        x_alu_imm(x, ALU_SUB, RCX, 1);
        x_st(x, OFF(ctr), RCX);
        /* The subtraction's ZF is CTR == 0; BO[3] branches on zero. */
        nt1 = x_jcc(x, (bo & 2) ? CC_NE : CC_E);
    }
    if (!(bo & 16)) {
        load_id(j, RCX, ID_CR);
        x_test_imm(x, RCX, 1u << (31 - bi));
        nt2 = x_jcc(x, (bo & 8) ? CC_E : CC_NE);
    }
    /* Taken. */
    if (kind == 0) {
        uint32_t bd = SIMM(i & 0xfffc);
        if (i & 2) {
            x_mov_imm(x, RAX, bd);
            emit_goto(j, n, -2);
        } else {
            cia_plus(j, RAX, (int32_t)bd);
            int64_t t = (int64_t)(j->start + j->k) + ((int32_t)bd >> 2);
            if (t >= 0 && t < 1024) want_head(j, (unsigned)t);
            emit_goto(j, n, t >= 0 && t < 1024 ? (int)t : -2);
        }
    } else {
        x_mov(x, RAX, RSI);
        emit_goto(j, n, -1);
    }
    if (nt1 || nt2) {
        j_patch(j, nt1);
        j_patch(j, nt2);
        cia_plus(j, RAX, 4);
        unsigned t = j->start + j->k + 1;
        emit_goto(j, n, t < 1024 ? (int)t : -2);
    }
    want_head(j, j->start + j->k + 1);
}

typedef enum { EMIT_NO, EMIT_OK, EMIT_END } emit_result;

/* XER[CA] = the x86 condition cc of the last arithmetic instruction
 * (ecx is used; eax, the result, is kept). */
static void store_ca(jctx *j, int cc)
{
    xbuf *x = &j->x;
    x_setcc(x, cc, RCX);
    x_movzx8(x, RCX, RCX);
    x_st(x, OFF(xer_ca), RCX);
}

/* CF = XER[CA], for adc (eax is kept). */
static void load_ca_to_cf(jctx *j)
{
    xbuf *x = &j->x;
    x_ld(x, RCX, OFF(xer_ca));
    x_shift_imm(x, SH_SHR, RCX, 1);
}

/* The carrying adds and subtracts without OE (add3 in ppc_ops_int.c):
 * addc, adde, addze, subfc, subfe, subfze. */
static bool emit_carry_op(jctx *j, uint32_t i, unsigned xo)
{
    xbuf *x = &j->x;
    unsigned rd = RD(i), ra = RA(i), rb = RB(i);
    switch (xo) {
    case 10: /* addc: rA + rB */
        load_gpr(j, RAX, ra);
        x_alu_ld(x, ALU_ADD, RAX, OFF_GPR(rb));
        store_ca(j, CC_B);
        break;
    case 8: /* subfc: rB - rA, CA = no borrow */
        load_gpr(j, RAX, rb);
        x_alu_ld(x, ALU_SUB, RAX, OFF_GPR(ra));
        store_ca(j, CC_AE);
        break;
    case 138: /* adde: rA + rB + CA */
    case 202: /* addze: rA + CA */
    case 136: /* subfe: ~rA + rB + CA */
    case 200: /* subfze: ~rA + CA */
        if ((xo == 202 || xo == 200) && rb) return false;
        load_gpr(j, RAX, ra);
        if (xo == 136 || xo == 200) x_not(x, RAX);
        load_ca_to_cf(j);
        if (xo == 138 || xo == 136)
            x_alu_ld(x, ALU_ADC, RAX, OFF_GPR(rb));
        else
            x_alu_imm(x, ALU_ADC, RAX, 0);
        store_ca(j, CC_B);
        break;
    default: return false;
    }
    store_gpr(j, rd, RAX);
    if (i & 1) j_cr0(j);
    return true;
}

/* CR logical operations (crand ... crorc): bit bt = f(bit ba, bit bb). */
static bool emit_crop(jctx *j, uint32_t i, unsigned xo)
{
    xbuf *x = &j->x;
    unsigned bt = RD(i), ba = RA(i), bb = RB(i);
    int op;
    bool neg_b = false, neg_out = false;
    switch (xo) {
    case 257: op = ALU_AND; break; /* crand */
    case 129:
        op = ALU_AND;
        neg_b = true;
        break; /* crandc */
    case 289:
        op = ALU_XOR;
        neg_out = true;
        break; /* creqv */
    case 225:
        op = ALU_AND;
        neg_out = true;
        break; /* crnand */
    case 33:
        op = ALU_OR;
        neg_out = true;
        break;                    /* crnor */
    case 449: op = ALU_OR; break; /* cror */
    case 417:
        op = ALU_OR;
        neg_b = true;
        break;                     /* crorc */
    case 193: op = ALU_XOR; break; /* crxor */
    default: return false;
    }
    if (i & 1) return false;
    load_id(j, RCX, ID_CR);
    x_mov(x, RAX, RCX);
    if (31 - ba) x_shift_imm(x, SH_SHR, RAX, 31 - ba);
    x_mov(x, RDX, RCX);
    if (31 - bb) x_shift_imm(x, SH_SHR, RDX, 31 - bb);
    if (neg_b) x_not(x, RDX);
    x_alu(x, op, RAX, RDX);
    if (neg_out) x_not(x, RAX);
    x_alu_imm(x, ALU_AND, RAX, 1);
    if (31 - bt) x_shift_imm(x, SH_SHL, RAX, 31 - bt);
    x_alu_imm(x, ALU_AND, RCX, ~(1u << (31 - bt)));
    x_alu(x, ALU_OR, RCX, RAX);
    store_id(j, ID_CR, RCX);
    return true;
}

static emit_result emit_x31(jctx *j, uint32_t i)
{
    xbuf *x = &j->x;
    unsigned xo = i >> 1 & 0x3ff, rd = RD(i), ra = RA(i), rb = RB(i);
    bool rc = i & 1;
    switch (xo) {
    case 0:  /* cmp */
    case 32: /* cmpl */
        if (rc) return EMIT_NO;
        load_gpr(j, RAX, ra);
        x_alu_ld(x, ALU_CMP, RAX, OFF_GPR(rb));
        set_cr_from_flags(j, i >> 23 & 7, xo ? CC_B : CC_L);
        return EMIT_OK;
    case 266: /* add */
    case 40:  /* subf */
    case 235: /* mullw */
        load_gpr(j, RAX, xo == 40 ? rb : ra);
        if (xo == 266) x_alu_ld(x, ALU_ADD, RAX, OFF_GPR(rb));
        if (xo == 40) x_alu_ld(x, ALU_SUB, RAX, OFF_GPR(ra));
        if (xo == 235) {
            load_gpr(j, RCX, rb);
            x_imul(x, RAX, RCX);
        }
        store_gpr(j, rd, RAX);
        break;
    case 104: /* neg */
        load_gpr(j, RAX, ra);
        x_neg(x, RAX);
        store_gpr(j, rd, RAX);
        break;
    case 28:  /* and */
    case 60:  /* andc */
    case 444: /* or */
    case 316: /* xor */
    case 124: /* nor */
        load_gpr(j, RAX, rd);
        if (xo == 60) {
            load_gpr(j, RCX, rb);
            x_not(x, RCX);
            x_alu(x, ALU_AND, RAX, RCX);
        } else if (!(xo == 444 && rb == rd)) {
            int op = xo == 28 ? ALU_AND : xo == 316 ? ALU_XOR : ALU_OR;
            x_alu_ld(x, op, RAX, OFF_GPR(rb));
        }
        if (xo == 124) x_not(x, RAX);
        store_gpr(j, ra, RAX);
        break;
    case 24:  /* slw */
    case 536: /* srw */
        load_gpr(j, RAX, rd);
        load_gpr(j, RCX, rb);
        x_shift_cl(x, xo == 24 ? SH_SHL : SH_SHR, RAX);
        x_mov_imm(x, RDX, 0);
        x_test_imm(x, RCX, 0x20);
        x_cmov(x, CC_NE, RAX, RDX);
        store_gpr(j, ra, RAX);
        break;
    case 954: /* extsb */
    case 922: /* extsh */
        if (rb) return EMIT_NO;
        load_gpr(j, RAX, rd);
        if (xo == 954)
            x_movsx8(x, RAX, RAX);
        else
            x_movsx16(x, RAX, RAX);
        store_gpr(j, ra, RAX);
        break;
    case 824: { /* srawi: CA = negative and 1 bits shifted out */
        unsigned sh = rb;
        load_gpr(j, RAX, rd);
        x_mov_imm(x, RDX, 0);
        if (sh) {
            x_test_imm(x, RAX, (1u << sh) - 1);
            x_setcc(x, CC_NE, RDX);
            x_mov(x, RCX, RAX);
            x_shift_imm(x, SH_SHR, RCX, 31);
            x_alu(x, ALU_AND, RDX, RCX);
            x_shift_imm(x, SH_SAR, RAX, sh);
        }
        x_st(x, OFF(xer_ca), RDX);
        store_gpr(j, ra, RAX);
        break;
    }
    case 26: { /* cntlzw */
        if (rb) return EMIT_NO;
        load_gpr(j, RCX, rd);
        x_mov_imm(x, RAX, 32);
        x_test(x, RCX, RCX);
        uint8_t *zero = x_jcc(x, CC_E);
        x_bsr(x, RCX, RCX);
        x_mov_imm(x, RAX, 31);
        x_alu(x, ALU_SUB, RAX, RCX);
        j_patch(j, zero);
        store_gpr(j, ra, RAX);
        break;
    }
    case 144: { /* mtcrf */
        unsigned fxm = i >> 12 & 0xff;
        if (rc || (i & 0x00100800u)) return EMIT_NO; /* mtocrf and reserved bits: interpreter */
        uint32_t m = 0;
        for (unsigned f = 0; f < 8; f++)
            if (fxm & (0x80u >> f)) m |= 0xf0000000u >> (4 * f);
        load_gpr(j, RAX, rd);
        x_alu_imm(x, ALU_AND, RAX, m);
        x_ld(x, RCX, OFF(cr));
        x_alu_imm(x, ALU_AND, RCX, ~m);
        x_alu(x, ALU_OR, RCX, RAX);
        store_id(j, ID_CR, RCX);
        return EMIT_OK;
    }
    case 10:
    case 8:
    case 138:
    case 202:
    case 136:
    case 200: return emit_carry_op(j, i, xo) ? EMIT_OK : EMIT_NO;
    case 19: /* mfcr */
        if (rc || ra || rb) return EMIT_NO;
        load_id(j, RAX, ID_CR);
        store_gpr(j, rd, RAX);
        return EMIT_OK;
    case 339:   /* mfspr */
    case 467: { /* mtspr */
        unsigned spr = ra | rb << 5;
        if (rc || (spr != 8 && spr != 9)) return EMIT_NO;
        int id = spr == 8 ? ID_LR : ID_CTR;
        if (xo == 339) {
            load_id(j, RAX, id);
            store_gpr(j, rd, RAX);
        } else {
            load_gpr(j, RAX, rd);
            store_id(j, id, RAX);
        }
        return EMIT_OK;
    }
    case 23: /* lwzx */
        if (rc) return EMIT_NO;
        return emit_mem(j, i, true, 4, false, false, false) ? EMIT_OK : EMIT_NO;
    default: {
        /* The X-form loads and stores. */
        static const struct {
            uint16_t xo;
            uint8_t size, store, sign, update;
        } mem[] = {
            {55, 4, 0, 0, 1},  {87, 1, 0, 0, 0},  {119, 1, 0, 0, 1}, {279, 2, 0, 0, 0},
            {311, 2, 0, 0, 1}, {343, 2, 0, 1, 0}, {375, 2, 0, 1, 1}, {151, 4, 1, 0, 0},
            {183, 4, 1, 0, 1}, {215, 1, 1, 0, 0}, {247, 1, 1, 0, 1}, {407, 2, 1, 0, 0},
            {439, 2, 1, 0, 1},
        };
        if (rc) return EMIT_NO;
        for (size_t n = 0; n < sizeof(mem) / sizeof(mem[0]); n++)
            if (mem[n].xo == xo)
                return emit_mem(j, i, true, mem[n].size, mem[n].store, mem[n].sign, mem[n].update)
                           ? EMIT_OK
                           : EMIT_NO;
        return EMIT_NO;
    }
    }
    /* Arithmetic and logical results are in eax: OE=1 was refused below. */
    if (rc) j_cr0(j);
    return EMIT_OK;
}

/* An instruction the JIT does not translate: its interpreter handler runs
 * from the return page (see struct ppc_jit), then the block goes on if
 * the handler just went on to the next instruction, the way NEXT does, and
 * rewrote no decoded code; otherwise the interpreter has already done
 * what the instruction asked (an exception, a jump, the end of the chain),
 * and the block returns. */
static void emit_interp(jctx *j, uint32_t i)
{
    xbuf *x = &j->x;
    memset(j->known, 0, sizeof(j->known));
    ppc_dinsn *slot = &j->jit->ret[j->start + j->k];
    cia_plus(j, RCX, 0);
    x_st(x, OFF(pc), RCX);
    x_ld(x, RAX, OFF(code_gen));
    x_st_rsp8(x, RAX);
    x_mov_imm64(x, RDX, (uint64_t)(uintptr_t)slot);
    x_mov_imm64(x, RAX, (uint64_t)(uintptr_t)j->c->table[decode_index(i)]);
    x_st64_rdx(x, RAX);
    x_st_rdx8_imm(x, i);
    x_arg_cpu(x);
    x_mov_imm(x, RSI, i);
    x_b(x, 0xff); /* call rax */
    x_b(x, 0xd0);
    x_mov_imm64(x, RDX, (uint64_t)(uintptr_t)slot);
    x_mov_imm64(x, RAX, (uint64_t)(uintptr_t)jit_ret_stub);
    x_st64_rdx(x, RAX);
    cia_plus(j, RCX, 4);
    x_alu_ld(x, ALU_CMP, RCX, OFF(pc));
    j->leave[j->nleave++] = x_jcc(x, CC_NE);
    x_ld_rsp(x, RCX);
    x_alu_ld(x, ALU_CMP, RCX, OFF(block_pc));
    j->leave[j->nleave++] = x_jcc(x, CC_NE);
    x_ld(x, RCX, OFF(code_gen));
    x_cmp_rsp8(x, RCX);
    j->leave[j->nleave++] = x_jcc(x, CC_NE);
}

static emit_result emit_insn(jctx *j, uint32_t i);

/* Whether emit_insn translates i: emitted at the current place, then
 * everything it changed is put back. */
static bool translatable(jctx *j, uint32_t i)
{
    xbuf saved_x = j->x;
    unsigned ncold = j->ncold, nheads = j->nheads, nleave = j->nleave, k = j->k;
    int holds[8];
    bool known[32];
    uint32_t val[32];
    uint8_t *valid_at = j->valid_at;
    memcpy(holds, j->holds, sizeof(holds));
    memcpy(known, j->known, sizeof(known));
    memcpy(val, j->val, sizeof(val));
    j->k++;
    bool ok = emit_insn(j, i) != EMIT_NO;
    j->x = saved_x;
    j->ncold = ncold;
    j->nheads = nheads;
    j->nleave = nleave;
    j->k = k;
    j->valid_at = valid_at;
    memcpy(j->holds, holds, sizeof(holds));
    memcpy(j->known, known, sizeof(known));
    memcpy(j->val, val, sizeof(val));
    return ok;
}

/* Emits instruction i (entry start + k). EMIT_NO emits nothing. */
static emit_result emit_insn(jctx *j, uint32_t i)
{
    xbuf *x = &j->x;
    unsigned op = i >> 26, rd = RD(i), ra = RA(i);
    switch (op) {
    case 8: /* subfic: SIMM - rA, CA = no borrow */
        x_mov_imm(x, RAX, SIMM(i));
        x_alu_ld(x, ALU_SUB, RAX, OFF_GPR(ra));
        store_ca(j, CC_AE);
        store_gpr(j, rd, RAX);
        return EMIT_OK;
    case 12: /* addic */
    case 13: /* addic. */
        load_gpr(j, RAX, ra);
        x_alu_imm(x, ALU_ADD, RAX, SIMM(i));
        store_ca(j, CC_B);
        store_gpr(j, rd, RAX);
        if (op == 13) j_cr0(j);
        return EMIT_OK;
    case 20: { /* rlwimi */
        unsigned sh = RB(i);
        uint32_t m = rot_mask(i >> 6 & 31, i >> 1 & 31);
        load_gpr(j, RAX, rd);
        if (sh) x_shift_imm(x, SH_ROL, RAX, sh);
        x_alu_imm(x, ALU_AND, RAX, m);
        x_ld(x, RCX, OFF_GPR(ra));
        x_alu_imm(x, ALU_AND, RCX, ~m);
        x_alu(x, ALU_OR, RAX, RCX);
        store_gpr(j, ra, RAX);
        if (i & 1) j_cr0(j);
        return EMIT_OK;
    }
    case 7: /* mulli */
        load_gpr(j, RCX, ra);
        x_imul_imm(x, RAX, RCX, SIMM(i));
        store_gpr(j, rd, RAX);
        return EMIT_OK;
    case 10: /* cmpli */
    case 11: /* cmpi */
        load_gpr(j, RAX, ra);
        x_alu_imm(x, ALU_CMP, RAX, op == 11 ? SIMM(i) : UIMM(i));
        set_cr_from_flags(j, i >> 23 & 7, op == 11 ? CC_L : CC_B);
        return EMIT_OK;
    case 14: /* addi */
    case 15: /* addis */
    {
        uint32_t imm = op == 14 ? SIMM(i) : (uint32_t)UIMM(i) << 16;
        bool known = !ra || j->known[ra];
        uint32_t v = (ra ? j->val[ra] : 0) + imm;
        if (known) {
            x_mov_imm(x, RAX, v);
        } else {
            load_gpr(j, RAX, ra);
            if (imm) x_alu_imm(x, ALU_ADD, RAX, imm);
        }
        store_gpr(j, rd, RAX);
        j->known[rd] = known;
        j->val[rd] = v;
        return EMIT_OK;
    }
    case 16: /* bc */ emit_bc_common(j, i, rd, 0); return EMIT_END;
    case 18: { /* b */
        uint32_t li = (uint32_t)((int32_t)(i << 6) >> 6) & ~3u;
        if (i & 1) {
            cia_plus(j, RCX, 4);
            x_st(x, OFF(lr), RCX);
            want_head(j, j->start + j->k + 1);
        }
        if (i & 2) {
            x_mov_imm(x, RAX, li);
            emit_goto(j, j->k + 1, -2);
        } else {
            cia_plus(j, RAX, (int32_t)li);
            int64_t t = (int64_t)(j->start + j->k) + ((int32_t)li >> 2);
            bool same = t >= 0 && t < 1024;
            if (same) want_head(j, (unsigned)t);
            emit_goto(j, j->k + 1, same ? (int)t : -2);
        }
        return EMIT_END;
    }
    case 19: {
        unsigned xo = i >> 1 & 0x3ff;
        if (xo == 16) {
            emit_bc_common(j, i, rd, 1);
            return EMIT_END;
        }
        if (xo == 528) {
            emit_bc_common(j, i, rd | 4, 2);
            return EMIT_END;
        }
        return emit_crop(j, i, xo) ? EMIT_OK : EMIT_NO;
    }
    case 21: { /* rlwinm */
        unsigned sh = RB(i), mb = i >> 6 & 31, me = i >> 1 & 31;
        load_gpr(j, RAX, rd);
        if (sh) x_shift_imm(x, SH_ROL, RAX, sh);
        uint32_t m = rot_mask(mb, me);
        if (m != 0xffffffffu) x_alu_imm(x, ALU_AND, RAX, m);
        store_gpr(j, ra, RAX);
        if (i & 1) j_cr0(j);
        return EMIT_OK;
    }
    case 24: /* ori */
    case 25: /* oris */
    case 26: /* xori */
    case 27: /* xoris */
    case 28: /* andi. */
    case 29: /* andis. */
    {
        uint32_t imm = (op & 1) ? (uint32_t)UIMM(i) << 16 : UIMM(i);
        int alu = op <= 25 ? ALU_OR : op <= 27 ? ALU_XOR : ALU_AND;
        load_gpr(j, RAX, rd);
        if (imm || alu == ALU_AND) x_alu_imm(x, alu, RAX, imm);
        store_gpr(j, ra, RAX);
        if (op >= 28) j_cr0(j);
        return EMIT_OK;
    }
    case 31: {
        unsigned xo = i >> 1 & 0x3ff;
        /* OE = 1 forms (XER[OV]) go to the interpreter. */
        if ((xo == (266 | 0x200) || xo == (40 | 0x200) || xo == (235 | 0x200) ||
             xo == (104 | 0x200)))
            return EMIT_NO;
        return emit_x31(j, i);
    }
    case 32: return emit_mem(j, i, false, 4, false, false, false) ? EMIT_OK : EMIT_NO;
    case 33: return emit_mem(j, i, false, 4, false, false, true) ? EMIT_OK : EMIT_NO;
    case 34: return emit_mem(j, i, false, 1, false, false, false) ? EMIT_OK : EMIT_NO;
    case 35: return emit_mem(j, i, false, 1, false, false, true) ? EMIT_OK : EMIT_NO;
    case 36: return emit_mem(j, i, false, 4, true, false, false) ? EMIT_OK : EMIT_NO;
    case 37: return emit_mem(j, i, false, 4, true, false, true) ? EMIT_OK : EMIT_NO;
    case 38: return emit_mem(j, i, false, 1, true, false, false) ? EMIT_OK : EMIT_NO;
    case 39: return emit_mem(j, i, false, 1, true, false, true) ? EMIT_OK : EMIT_NO;
    case 40: return emit_mem(j, i, false, 2, false, false, false) ? EMIT_OK : EMIT_NO;
    case 41: return emit_mem(j, i, false, 2, false, false, true) ? EMIT_OK : EMIT_NO;
    case 42: return emit_mem(j, i, false, 2, false, true, false) ? EMIT_OK : EMIT_NO;
    case 43: return emit_mem(j, i, false, 2, false, true, true) ? EMIT_OK : EMIT_NO;
    case 44: return emit_mem(j, i, false, 2, true, false, false) ? EMIT_OK : EMIT_NO;
    case 45: return emit_mem(j, i, false, 2, true, false, true) ? EMIT_OK : EMIT_NO;
    default: return EMIT_NO;
    }
}

static ppc_handler compile(jctx *j, ppc_cpu *c, ppc_jit *jit, ppc_dinsn *e, const uint8_t *host,
                           unsigned start,
                           void (*mark_head)(ppc_cpu *c, ppc_dinsn *e, unsigned idx));

ppc_handler ppc_jit_compile(ppc_cpu *c, ppc_dinsn *e, const uint8_t *host, unsigned start,
                            void (*mark_head)(ppc_cpu *c, ppc_dinsn *e, unsigned idx))
{
    ppc_jit *jit = c->jit;
    if (!jit || jit->full) return NULL;
    if (JIT_BUFFER - jit->used < JIT_RESERVE) {
        jit->full = true;
        return NULL;
    }
    jctx *jp = malloc(sizeof(jctx));
    if (!jp) return NULL;
    ppc_handler h = compile(jp, c, jit, e, host, start, mark_head);
    free(jp);
    return h;
}

static ppc_handler compile(jctx *j, ppc_cpu *c, ppc_jit *jit, ppc_dinsn *e, const uint8_t *host,
                           unsigned start,
                           void (*mark_head)(ppc_cpu *c, ppc_dinsn *e, unsigned idx))
{
    memset(j, 0, offsetof(jctx, cold));
    j->nleave = 0;
    j->c = c;
    j->jit = jit;
    j->e = e;
    j->start = start;
    j->x.p = jit->buf + jit->used;
    j->x.end = jit->buf + JIT_BUFFER;
    uint8_t *code = j->x.p;
    j->code = code;
    xbuf *x = &j->x;

    /* Prologue: push rbx; sub rsp, 16; rbx = c; [rsp] = pc; count the
     * straight line that led here (a sequential entry into the block). */
    x_b(x, 0x53);
    x_b(x, 0x48);
    x_b(x, 0x83);
    x_b(x, 0xec);
    x_b(x, 0x10);
    x_b(x, 0x48); /* mov rbx, rdi */
    x_b(x, 0x89);
    x_mrr(x, RDI, RBX);
    x_ld(x, RAX, OFF(pc));
    x_st_rsp(x, RAX);
    x_mov(x, RCX, RAX);
    x_alu_ld(x, ALU_SUB, RCX, OFF(block_pc));
    x_shift_imm(x, SH_SHR, RCX, 2);
    x_add64_mem_reg(x, OFF(cycles), RCX);
    x_st(x, OFF(block_pc), RAX);
    jit->inner = (size_t)(x->p - code);
    forget(j);
    j->valid_at = NULL; /* other blocks jump in here */

    unsigned n = 0;
    emit_result r = EMIT_OK;
    for (j->k = 0; start + j->k < 1024; j->k++) {
        uint32_t i = load_be32(host + 4 * (start + j->k));
        uint8_t *before = x->p;
        r = emit_insn(j, i);
        if (r == EMIT_NO) {
            x->p = before;
            /* One instruction the JIT does not translate among translated
             * ones runs inline; a run of them (floating point, AltiVec,
             * lmw/stmw ...) is left to the interpreter's threaded dispatch,
             * which is faster there than a call for each. */
            if (j->nleave + 3 > DPAGE_SIZE_FOR_JIT) break;
            if (start + j->k + 1 < 1024 &&
                !translatable(j, load_be32(host + 4 * (start + j->k + 1))))
                break;
            emit_interp(j, i);
            r = EMIT_OK;
        }
        n++;
        if (r == EMIT_END) break;
    }
    if (n == 0) return NULL;
    if (r == EMIT_NO) {
        /* The interpreter runs from here on (to the next branch). */
        cia_plus(j, RCX, 0);
        x_st(x, OFF(pc), RCX);
        jump_entry(j, start + j->k);
    } else if (r == EMIT_OK) {
        /* The end of the page: on into the next one. */
        cia_plus(j, RAX, 0);
        emit_goto(j, j->k, -2);
    }
    if (j->nleave) {
        for (unsigned k = 0; k < j->nleave; k++) x_patch(x, j->leave[k]);
        epilogue_ret(j);
    }
    for (unsigned k = 0; k < j->ncold; k++) emit_cold(j, &j->cold[k]);
    if (x->overflow) {
        jit->full = true;
        return NULL;
    }
    jit->used = (size_t)(x->p - jit->buf + 15) & ~(size_t)15;
    jit->blocks++;
    for (unsigned h = 0; h < j->nheads; h++)
        if (j->heads[h] != start) mark_head(c, e, j->heads[h]);
    return (ppc_handler)(uintptr_t)code;
}

#else /* no JIT on this host */

ppc_jit *ppc_jit_new(void)
{
    return NULL;
}
void ppc_jit_free(ppc_jit *j)
{
    (void)j;
}
bool ppc_jit_full(const ppc_jit *j)
{
    (void)j;
    return false;
}
void ppc_jit_reset(ppc_jit *j)
{
    (void)j;
}
bool ppc_jit_owns(const ppc_jit *j, ppc_handler h)
{
    (void)j;
    (void)h;
    return false;
}
uint64_t ppc_jit_blocks(const ppc_jit *j)
{
    (void)j;
    return 0;
}
ppc_handler ppc_jit_compile(ppc_cpu *c, ppc_dinsn *e, const uint8_t *host, unsigned start,
                            void (*mark_head)(ppc_cpu *c, ppc_dinsn *e, unsigned idx))
{
    (void)c;
    (void)e;
    (void)host;
    (void)start;
    (void)mark_head;
    return NULL;
}

#endif
