/* 68000 core internals: the CPU structure, bus cycles, flags and the
 * effective-address machinery every instruction handler is built from.
 *
 * The model follows the 68000's bus behaviour, because that is what the
 * timing, the prefetch queue and the exception frames all derive from
 * (MC68000 User's Manual, section 8 "Instruction execution times", and the
 * bus-cycle orderings the manual's tables imply):
 *   - every bus cycle takes 4 clocks; internal operations add idle clocks;
 *   - `pc` is the address the next prefetch reads from (the "au" latch), so
 *     at an instruction boundary it is the instruction's address + 4;
 *   - `ir` holds the opcode being executed and `irc` the word after it. An
 *     extension word is taken from irc, which is refilled by one prefetch;
 *     the last prefetch of an instruction moves irc to ir and refills irc.
 * An address error or a bus error abandons the instruction: the exception
 * is stacked where it happens and control returns to the run loop through
 * longjmp (bus errors are rare, so the common path pays nothing).
 */
#ifndef CLARUS_M68K_INTERNAL_H
#define CLARUS_M68K_INTERNAL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "m68k.h"

typedef void (*m68k_handler)(m68k_cpu *c, uint32_t op);

/* The bus and operand helpers below are the interpreter's inner loop: they
 * must be inlined into every handler. */
#define M68K_INLINE static inline __attribute__((always_inline))

/* Status register bits. */
#define SR_T   0x8000u
#define SR_S   0x2000u
#define SR_I   0x0700u
#define SR_SYS 0xa700u /* implemented bits of the system byte */

/* Function codes (FC2-FC0). */
#define FC_USER_DATA  1
#define FC_USER_PROG  2
#define FC_SUPER_DATA 5
#define FC_SUPER_PROG 6
#define FC_IACK       7

/* Exception vectors. */
enum {
    VEC_RESET_SSP = 0,
    VEC_RESET_PC = 1,
    VEC_BUS_ERROR = 2,
    VEC_ADDRESS_ERROR = 3,
    VEC_ILLEGAL = 4,
    VEC_ZERO_DIVIDE = 5,
    VEC_CHK = 6,
    VEC_TRAPV = 7,
    VEC_PRIVILEGE = 8,
    VEC_TRACE = 9,
    VEC_LINE_A = 10,
    VEC_LINE_F = 11,
    VEC_UNINITIALIZED = 15,
    VEC_SPURIOUS = 24,
    VEC_AUTOVECTOR_BASE = 24,
    VEC_TRAP_BASE = 32,
};

/* Why the run loop must look before the next instruction. */
#define PEND_TRACE     1u  /* the instruction just run was traced */
#define PEND_IRQ       2u  /* IPL above the mask, or a new level 7 */
#define PEND_STOP      4u  /* STOP: waiting for an interrupt */
#define PEND_HALT      8u  /* double bus fault */
#define PEND_END       16u /* end_slice requested */
#define PEND_TRACE_ARM 32u /* T is set in SR */

struct m68k_cpu {
    /* Hot state first. */
    uint32_t r[16]; /* D0-D7, A0-A7; A7 is the active stack pointer */
    uint32_t pc;    /* next prefetch address */
    uint32_t ir, irc;
    uint32_t flag_x, flag_n, flag_z, flag_v, flag_c; /* each 0 or 1 */
    uint32_t sr_sys;                                 /* SR & SR_SYS */
    uint32_t fc_base;                                /* 4 in supervisor mode, 0 in user mode */
    uint32_t other_sp; /* the inactive stack pointer (USP when S=1, SSP when S=0) */
    uint32_t ipc;      /* the PC an address or bus error stacks (see ea_addr) */
    int64_t cycles;    /* clocks since the current run() began */
    int64_t budget;
    int64_t limit;  /* budget, or -1 when something is pending */
    uint32_t chain; /* instructions left in the current threaded run */
    uint32_t chain_start;
#define CHAIN_LENGTH 64
    uint32_t pending;
    uint32_t addr_mask;
    const uintptr_t *rd_page;
    const uintptr_t *wr_page;
    uint64_t insn_count;
    int64_t reset_cycles;

    /* Interrupts. */
    unsigned ipl;    /* level on the pins */
    bool nmi_edge;   /* level 7 newly asserted */
    bool trace_next; /* T was set when the current instruction began */

    /* An instruction is abandoned through here. */
    jmp_buf abort;
    bool in_run;

    mm_space *bus;
    sched *sched;
    m68k_host host;
    m68k_model model;
    uint64_t clock_hz;
    m68k_bus_observer observer;
    void *observer_ctx;
    bool halted;
    bool stopped;
    /* Set while the CPU stacks an exception: a second bus or address error
     * then is a double fault. */
    bool in_exception;

    /* The decode table, opcode -> handler, kept inside the CPU so a
     * dispatch is a single load. */
    m68k_handler table[65536];
};

/* ---- status register ---- */

M68K_INLINE uint32_t get_ccr(const m68k_cpu *c)
{
    return c->flag_x << 4 | c->flag_n << 3 | c->flag_z << 2 | c->flag_v << 1 | c->flag_c;
}

M68K_INLINE uint32_t get_sr(const m68k_cpu *c)
{
    return c->sr_sys | get_ccr(c);
}

M68K_INLINE void set_ccr(m68k_cpu *c, uint32_t v)
{
    c->flag_x = v >> 4 & 1;
    c->flag_n = v >> 3 & 1;
    c->flag_z = v >> 2 & 1;
    c->flag_v = v >> 1 & 1;
    c->flag_c = v & 1;
}

void m68k_set_sr(m68k_cpu *c, uint32_t v); /* swaps stacks, recomputes pending */
void m68k_update_pending(m68k_cpu *c);

/* ---- bus cycles ---- */

void m68k_notify(m68k_cpu *c, m68k_bus_kind kind, unsigned fc, uint32_t addr, uint16_t data,
                 unsigned size);
__attribute__((cold)) uint32_t m68k_slow_read(m68k_cpu *c, uint32_t addr, unsigned fc,
                                              unsigned size);
__attribute__((cold)) void m68k_slow_write(m68k_cpu *c, uint32_t addr, uint32_t v, unsigned fc,
                                           unsigned size);

/* The address-error exception for a word or long access to an odd address.
 * `write` and `fc` describe the access; `in` is the I/N bit (1 when not an
 * instruction-stream access... see m68k_core.c); `pc` the value stacked. */
_Noreturn void m68k_address_error(m68k_cpu *c, uint32_t addr, bool write, unsigned fc, bool in,
                                  uint32_t pc);
_Noreturn void m68k_bus_error(m68k_cpu *c, uint32_t addr, bool write, unsigned fc, bool in);

M68K_INLINE unsigned fc_data(const m68k_cpu *c)
{
    return c->fc_base | 1;
}
M68K_INLINE unsigned fc_prog(const m68k_cpu *c)
{
    return c->fc_base | 2;
}

M68K_INLINE void idle(m68k_cpu *c, int n)
{
    c->cycles += n;
}

/* One aligned word read. */
M68K_INLINE uint32_t bus_rd16(m68k_cpu *c, uint32_t addr, unsigned fc)
{
    uint32_t a = addr & c->addr_mask;
    uintptr_t h = c->rd_page[a >> MM_PAGE_BITS];
    if (likely(h)) {
        c->cycles += 4;
        return load_be16((const uint8_t *)(h + a));
    }
    return m68k_slow_read(c, addr, fc, 2);
}

M68K_INLINE uint32_t bus_rd8(m68k_cpu *c, uint32_t addr, unsigned fc)
{
    uint32_t a = addr & c->addr_mask;
    uintptr_t h = c->rd_page[a >> MM_PAGE_BITS];
    if (likely(h)) {
        c->cycles += 4;
        return *(const uint8_t *)(h + a);
    }
    return m68k_slow_read(c, addr, fc, 1);
}

M68K_INLINE void bus_wr16(m68k_cpu *c, uint32_t addr, uint32_t v, unsigned fc)
{
    uint32_t a = addr & c->addr_mask;
    uintptr_t h = c->wr_page[a >> MM_PAGE_BITS];
    if (likely(h)) {
        c->cycles += 4;
        store_be16((uint8_t *)(h + a), (uint16_t)v);
        return;
    }
    m68k_slow_write(c, addr, v, fc, 2);
}

M68K_INLINE void bus_wr8(m68k_cpu *c, uint32_t addr, uint32_t v, unsigned fc)
{
    uint32_t a = addr & c->addr_mask;
    uintptr_t h = c->wr_page[a >> MM_PAGE_BITS];
    if (likely(h)) {
        c->cycles += 4;
        *(uint8_t *)(h + a) = (uint8_t)v;
        return;
    }
    m68k_slow_write(c, addr, v, fc, 1);
}

/* The PC an address error stacks is not the instruction's address: it is
 * the 68000's internal PC at the failing cycle, which lags or leads the
 * prefetch address depending on the addressing mode (see ea_addr). */
M68K_INLINE uint32_t ae_pc(const m68k_cpu *c)
{
    return c->ipc;
}

/* Data accesses with the odd-address check. sz: 1, 2 or 4. */
M68K_INLINE uint32_t rd_data(m68k_cpu *c, uint32_t addr, int sz)
{
    unsigned fc = fc_data(c);
    if (sz == 1) return bus_rd8(c, addr, fc);
    if (unlikely(addr & 1)) m68k_address_error(c, addr, false, fc, false, ae_pc(c));
    if (sz == 2) return bus_rd16(c, addr, fc);
    uint32_t hi = bus_rd16(c, addr, fc);
    return hi << 16 | bus_rd16(c, addr + 2, fc);
}

M68K_INLINE void wr_data(m68k_cpu *c, uint32_t addr, uint32_t v, int sz)
{
    unsigned fc = fc_data(c);
    if (sz == 1) {
        bus_wr8(c, addr, v, fc);
        return;
    }
    if (unlikely(addr & 1)) m68k_address_error(c, addr, true, fc, false, ae_pc(c));
    if (sz == 2) {
        bus_wr16(c, addr, v, fc);
        return;
    }
    bus_wr16(c, addr, v >> 16, fc);
    bus_wr16(c, addr + 2, v, fc);
}

/* A long written low word first (predecrement destinations). */
M68K_INLINE void wr_data32_lo_first(m68k_cpu *c, uint32_t addr, uint32_t v)
{
    unsigned fc = fc_data(c);
    if (unlikely(addr & 1)) m68k_address_error(c, addr, true, fc, false, ae_pc(c));
    bus_wr16(c, addr + 2, v, fc);
    bus_wr16(c, addr, v >> 16, fc);
}

/* Operand reads through the program space (PC-relative modes). */
M68K_INLINE uint32_t rd_prog(m68k_cpu *c, uint32_t addr, int sz)
{
    unsigned fc = fc_prog(c);
    if (sz == 1) return bus_rd8(c, addr, fc);
    if (unlikely(addr & 1)) m68k_address_error(c, addr, false, fc, false, ae_pc(c));
    if (sz == 2) return bus_rd16(c, addr, fc);
    uint32_t hi = bus_rd16(c, addr, fc);
    return hi << 16 | bus_rd16(c, addr + 2, fc);
}

/* ---- the prefetch queue ---- */

/* One prefetch into irc ("np"). */
M68K_INLINE void prefetch_irc(m68k_cpu *c)
{
    c->irc = bus_rd16(c, c->pc, fc_prog(c));
    c->pc += 2;
}

/* Takes an extension word from irc and refills it. */
M68K_INLINE uint32_t ext_word(m68k_cpu *c)
{
    uint32_t v = c->irc;
    prefetch_irc(c);
    return v;
}

M68K_INLINE uint32_t ext_long(m68k_cpu *c)
{
    uint32_t hi = ext_word(c);
    return hi << 16 | ext_word(c);
}

/* The prefetch that ends an instruction: irc moves to ir, irc is refilled. */
M68K_INLINE void prefetch_last(m68k_cpu *c)
{
    c->ir = c->irc;
    prefetch_irc(c);
}

/* A jump: both queue words are refilled from `target`. An odd target is an
 * address error on the first fetch. */
void m68k_jump_odd(m68k_cpu *c, uint32_t target);
M68K_INLINE void jump_fill(m68k_cpu *c, uint32_t target)
{
    if (unlikely(target & 1)) m68k_jump_odd(c, target);
    c->pc = target;
    prefetch_irc(c);
    prefetch_last(c);
}

/* ---- effective addresses ---- */

/* EA modes as the decode table sees them. */
enum {
    EA_DN,
    EA_AN,
    EA_AI,   /* (An) */
    EA_PI,   /* (An)+ */
    EA_PD,   /* -(An) */
    EA_DI,   /* (d16,An) */
    EA_IX,   /* (d8,An,Xn) */
    EA_AW,   /* (xxx).W */
    EA_AL,   /* (xxx).L */
    EA_PCDI, /* (d16,PC) */
    EA_PCIX, /* (d8,PC,Xn) */
    EA_IMM,  /* #imm */
    EA_COUNT
};

M68K_INLINE int ea_mode_of(uint32_t mode, uint32_t reg)
{
    return mode < 7 ? (int)mode : reg <= 4 ? (int)(7 + reg) : -1;
}

#define DREG(c, n) ((c)->r[(n)])
#define AREG(c, n) ((c)->r[8 + (n)])

/* Brief extension word index: Xn.W or Xn.L plus d8. */
M68K_INLINE uint32_t index_disp(const m68k_cpu *c, uint32_t ext)
{
    uint32_t x = c->r[ext >> 12 & 15];
    if (!(ext & 0x800)) x = (uint32_t)(int32_t)(int16_t)x;
    return x + (uint32_t)(int32_t)(int8_t)ext;
}

/* Increment for (An)+ / -(An): bytes through A7 keep the stack even. */
M68K_INLINE uint32_t step_of(int reg, int sz)
{
    return sz == 1 && reg == 7 ? 2 : (uint32_t)sz;
}

/* The internal PC an error stacks for an operand in `mode`, given the
 * prefetch address when the operand's address calculation begins: two
 * bytes behind it for most modes, level with it for (xxx).W and for a byte
 * or word -(An), two bytes ahead for (xxx).L. */
M68K_INLINE void set_ipc_for(m68k_cpu *c, int mode, int sz)
{
    c->ipc = c->pc + ((mode == EA_PD && sz != 4) || mode == EA_AW ? 0 : mode == EA_AL ? 2 : -2u);
}

/* Computes the address of a memory operand with the bus activity the 68000
 * spends on it for a plain read of the operand (the common case): -(An)
 * and (d8,An,Xn) take 2 extra clocks. (An)+ is incremented here. */
M68K_INLINE uint32_t ea_addr(m68k_cpu *c, int mode, int reg, int sz)
{
    uint32_t a;
    set_ipc_for(c, mode, sz);
    switch (mode) {
    case EA_AI: return AREG(c, reg);
    case EA_PI:
        a = AREG(c, reg);
        /* A long from an odd address faults before An is incremented. */
        if (!(sz == 4 && (a & 1))) AREG(c, reg) = a + step_of(reg, sz);
        return a;
    case EA_PD:
        idle(c, 2);
        a = AREG(c, reg) - step_of(reg, sz);
        AREG(c, reg) = a;
        return a;
    case EA_DI: return AREG(c, reg) + (uint32_t)(int32_t)(int16_t)ext_word(c);
    case EA_IX: idle(c, 2); return AREG(c, reg) + index_disp(c, ext_word(c));
    case EA_AW: return (uint32_t)(int32_t)(int16_t)ext_word(c);
    case EA_AL: return ext_long(c);
    case EA_PCDI: {
        uint32_t base = c->pc - 2; /* the extension word's own address */
        return base + (uint32_t)(int32_t)(int16_t)ext_word(c);
    }
    case EA_PCIX: {
        idle(c, 2);
        uint32_t base = c->pc - 2;
        return base + index_disp(c, ext_word(c));
    }
    default: return 0;
    }
}

M68K_INLINE bool ea_is_pcrel(int mode)
{
    return mode == EA_PCDI || mode == EA_PCIX;
}

/* Reads a source operand of any mode. */
M68K_INLINE uint32_t read_ea(m68k_cpu *c, int mode, int reg, int sz)
{
    switch (mode) {
    case EA_DN: return DREG(c, reg);
    case EA_AN: return AREG(c, reg);
    case EA_IMM:
        if (sz == 4) return ext_long(c);
        return sz == 1 ? ext_word(c) & 0xff : ext_word(c);
    default: {
        uint32_t a = ea_addr(c, mode, reg, sz);
        return ea_is_pcrel(mode) ? rd_prog(c, a, sz) : rd_data(c, a, sz);
    }
    }
}

/* ---- sizes and flags ---- */

M68K_INLINE uint32_t size_mask(int sz)
{
    return sz == 1 ? 0xffu : sz == 2 ? 0xffffu : 0xffffffffu;
}
M68K_INLINE uint32_t msb_of(uint32_t v, int sz)
{
    return v >> (sz * 8 - 1) & 1;
}
M68K_INLINE uint32_t sext(uint32_t v, int sz)
{
    return sz == 1 ? (uint32_t)(int32_t)(int8_t)v : sz == 2 ? (uint32_t)(int32_t)(int16_t)v : v;
}

/* Writes the low bytes of a data register. */
M68K_INLINE void set_dreg(m68k_cpu *c, int reg, uint32_t v, int sz)
{
    uint32_t m = size_mask(sz);
    c->r[reg] = (c->r[reg] & ~m) | (v & m);
}

M68K_INLINE void flags_logic(m68k_cpu *c, uint32_t res, int sz)
{
    res &= size_mask(sz);
    c->flag_n = msb_of(res, sz);
    c->flag_z = res == 0;
    c->flag_v = 0;
    c->flag_c = 0;
}

/* dst + src; returns the masked result and sets XNZVC. */
M68K_INLINE uint32_t do_add(m68k_cpu *c, uint32_t dst, uint32_t src, int sz)
{
    uint32_t m = size_mask(sz);
    uint64_t wide = (uint64_t)(dst & m) + (src & m);
    uint32_t res = (uint32_t)wide & m;
    c->flag_n = msb_of(res, sz);
    c->flag_z = res == 0;
    c->flag_v = msb_of((src ^ res) & (dst ^ res), sz);
    c->flag_c = c->flag_x = (uint32_t)(wide >> (sz * 8)) & 1;
    return res;
}

/* dst - src. */
M68K_INLINE uint32_t do_sub(m68k_cpu *c, uint32_t dst, uint32_t src, int sz)
{
    uint32_t m = size_mask(sz);
    uint64_t wide = (uint64_t)(dst & m) - (src & m);
    uint32_t res = (uint32_t)wide & m;
    c->flag_n = msb_of(res, sz);
    c->flag_z = res == 0;
    c->flag_v = msb_of((src ^ dst) & (res ^ dst), sz);
    c->flag_c = c->flag_x = (uint32_t)(wide >> (sz * 8)) & 1;
    return res;
}

/* dst - src for CMP: X is untouched. */
M68K_INLINE void do_cmp(m68k_cpu *c, uint32_t dst, uint32_t src, int sz)
{
    uint32_t x = c->flag_x;
    do_sub(c, dst, src, sz);
    c->flag_x = x;
}

M68K_INLINE bool cond_true(const m68k_cpu *c, unsigned cc)
{
    switch (cc & 15) {
    case 0: return true;
    case 1: return false;
    case 2: return !c->flag_c && !c->flag_z;              /* HI */
    case 3: return c->flag_c || c->flag_z;                /* LS */
    case 4: return !c->flag_c;                            /* CC */
    case 5: return c->flag_c;                             /* CS */
    case 6: return !c->flag_z;                            /* NE */
    case 7: return c->flag_z;                             /* EQ */
    case 8: return !c->flag_v;                            /* VC */
    case 9: return c->flag_v;                             /* VS */
    case 10: return !c->flag_n;                           /* PL */
    case 11: return c->flag_n;                            /* MI */
    case 12: return c->flag_n == c->flag_v;               /* GE */
    case 13: return c->flag_n != c->flag_v;               /* LT */
    case 14: return !c->flag_z && c->flag_n == c->flag_v; /* GT */
    default: return c->flag_z || c->flag_n != c->flag_v;  /* LE */
    }
}

/* ---- exceptions ---- */

/* A group 1 or 2 exception raised by an instruction (TRAP, CHK, illegal,
 * privilege, ...): stacks SR and `pc`, fetches the vector and refills the
 * queue. The caller has spent the clocks that precede the stacking. */
void m68k_exception(m68k_cpu *c, unsigned vector, uint32_t pc);
void m68k_illegal(m68k_cpu *c, uint32_t op);
void m68k_privilege(m68k_cpu *c);
/* After a write to CCR or SR the 68000 refetches both queue words. */
void m68k_refill_after_sr(m68k_cpu *c);

M68K_INLINE bool is_super(const m68k_cpu *c)
{
    return c->fc_base != 0;
}

/* ---- decode table construction ---- */

void m68k_decode_build(m68k_handler *table, m68k_model model);
/* Each opcode group registers its handlers. */
void m68k_ops_move_init(m68k_handler *t);
void m68k_ops_arith_init(m68k_handler *t);
void m68k_ops_logic_init(m68k_handler *t);
void m68k_ops_shift_init(m68k_handler *t);
void m68k_ops_bit_init(m68k_handler *t);
void m68k_ops_bcd_init(m68k_handler *t);
void m68k_ops_flow_init(m68k_handler *t);
void m68k_ops_system_init(m68k_handler *t);
void m68k_ops_muldiv_init(m68k_handler *t);

/* Opcode bit fields. */
#define OP_REG0(op)  ((int)((op)&7))
#define OP_MODE0(op) ((int)((op) >> 3 & 7))
#define OP_REG9(op)  ((int)((op) >> 9 & 7))
#define OP_EA(op)    ea_mode_of((op) >> 3 & 7, (op)&7)

/* Helpers for registering handlers over a set of EA modes. A bit per EA_*. */
#define EAM(m)   (1u << (m))
#define EAS_ALL  0xfffu
#define EAS_DATA (EAS_ALL & ~EAM(EA_AN))
#define EAS_MEM  (EAS_DATA & ~EAM(EA_DN))
#define EAS_ALTERABLE                                                                              \
    (EAM(EA_DN) | EAM(EA_AN) | EAM(EA_AI) | EAM(EA_PI) | EAM(EA_PD) | EAM(EA_DI) | EAM(EA_IX) |    \
     EAM(EA_AW) | EAM(EA_AL))
#define EAS_DATA_ALT (EAS_ALTERABLE & ~EAM(EA_AN))
#define EAS_MEM_ALT  (EAS_DATA_ALT & ~EAM(EA_DN))
#define EAS_CONTROL                                                                                \
    (EAM(EA_AI) | EAM(EA_DI) | EAM(EA_IX) | EAM(EA_AW) | EAM(EA_AL) | EAM(EA_PCDI) | EAM(EA_PCIX))

/* Sets t[base | ea] = h[mode] for every EA field value whose mode is in
 * `modes`; bits 0-5 of base must be 0. h is indexed by EA_*. */
void m68k_set_ea(m68k_handler *t, uint32_t base, unsigned modes, const m68k_handler h[EA_COUNT]);

#endif
