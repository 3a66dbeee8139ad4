/* A tiny x86-64 instruction encoder for the PowerPC JIT (ppc_jit.c).
 * Only what the JIT emits: 32-bit ALU operations between the low eight
 * registers, loads and stores relative to rbx (the CPU structure) and to
 * rdx + rax (guest memory), and the control transfers. Encodings follow
 * the Intel 64 and IA-32 Architectures Software Developer's Manual,
 * volume 2 (instruction set reference): ModRM/SIB in 2.1.5, each opcode
 * in its own entry. */
#ifndef CLARUS_PPC_JIT_X86_H
#define CLARUS_PPC_JIT_X86_H

#include <stdint.h>
#include <string.h>

enum { RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7 };

/* Condition codes (the low nibble of Jcc/SETcc/CMOVcc). */
enum { CC_B = 2, CC_AE = 3, CC_E = 4, CC_NE = 5, CC_L = 0xc, CC_GE = 0xd, CC_LE = 0xe, CC_G = 0xf };

/* ALU group-1 operations: the /digit of 81 /d and the opcode base of the
 * r/m32, r32 forms (base + 1). */
enum { ALU_ADD = 0, ALU_OR = 1, ALU_ADC = 2, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7 };

typedef struct xbuf {
    uint8_t *p, *end;
    int overflow;
} xbuf;

static inline void x_b(xbuf *x, uint8_t v)
{
    if (x->p < x->end)
        *x->p++ = v;
    else
        x->overflow = 1;
}

static inline void x_d32(xbuf *x, uint32_t v)
{
    for (int i = 0; i < 4; i++) x_b(x, (uint8_t)(v >> (8 * i)));
}

static inline void x_d64(xbuf *x, uint64_t v)
{
    x_d32(x, (uint32_t)v);
    x_d32(x, (uint32_t)(v >> 32));
}

/* ModRM for [rbx + disp32] with register field r. */
static inline void x_mrbx(xbuf *x, int r, int32_t disp)
{
    x_b(x, (uint8_t)(0x80 | (r & 7) << 3 | RBX));
    x_d32(x, (uint32_t)disp);
}

/* ModRM register-register: reg field r, rm field m. */
static inline void x_mrr(xbuf *x, int r, int m)
{
    x_b(x, (uint8_t)(0xc0 | (r & 7) << 3 | (m & 7)));
}

/* mov r32, [rbx + disp] */
static inline void x_ld(xbuf *x, int r, int32_t disp)
{
    x_b(x, 0x8b);
    x_mrbx(x, r, disp);
}

/* mov [rbx + disp], r32 */
static inline void x_st(xbuf *x, int32_t disp, int r)
{
    x_b(x, 0x89);
    x_mrbx(x, r, disp);
}

/* mov dword [rbx + disp], imm32 */
static inline void x_st_imm(xbuf *x, int32_t disp, uint32_t imm)
{
    x_b(x, 0xc7);
    x_mrbx(x, 0, disp);
    x_d32(x, imm);
}

/* mov r32, imm32 */
static inline void x_mov_imm(xbuf *x, int r, uint32_t imm)
{
    if (imm == 0) {
        x_b(x, 0x31); /* xor r, r */
        x_mrr(x, r, r);
        return;
    }
    x_b(x, (uint8_t)(0xb8 + r));
    x_d32(x, imm);
}

/* mov r64, imm64 */
static inline void x_mov_imm64(xbuf *x, int r, uint64_t imm)
{
    x_b(x, 0x48);
    x_b(x, (uint8_t)(0xb8 + r));
    x_d64(x, imm);
}

/* mov dst, src (32-bit) */
static inline void x_mov(xbuf *x, int dst, int src)
{
    x_b(x, 0x89);
    x_mrr(x, src, dst);
}

/* op dst, src (32-bit ALU) */
static inline void x_alu(xbuf *x, int op, int dst, int src)
{
    x_b(x, (uint8_t)(op * 8 + 1));
    x_mrr(x, src, dst);
}

/* op r32, imm32 */
static inline void x_alu_imm(xbuf *x, int op, int r, uint32_t imm)
{
    x_b(x, 0x81);
    x_mrr(x, op, r);
    x_d32(x, imm);
}

/* op r32, [rbx + disp] */
static inline void x_alu_ld(xbuf *x, int op, int r, int32_t disp)
{
    x_b(x, (uint8_t)(op * 8 + 3));
    x_mrbx(x, r, disp);
}

/* Shifts by an immediate: /4 shl, /5 shr, /7 sar, /0 rol. */
enum { SH_ROL = 0, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };
static inline void x_shift_imm(xbuf *x, int kind, int r, unsigned n)
{
    x_b(x, 0xc1);
    x_mrr(x, kind, r);
    x_b(x, (uint8_t)n);
}

/* Shift r by cl. */
static inline void x_shift_cl(xbuf *x, int kind, int r)
{
    x_b(x, 0xd3);
    x_mrr(x, kind, r);
}

static inline void x_not(xbuf *x, int r)
{
    x_b(x, 0xf7);
    x_mrr(x, 2, r);
}

static inline void x_neg(xbuf *x, int r)
{
    x_b(x, 0xf7);
    x_mrr(x, 3, r);
}

/* imul dst, src */
static inline void x_imul(xbuf *x, int dst, int src)
{
    x_b(x, 0x0f);
    x_b(x, 0xaf);
    x_mrr(x, dst, src);
}

/* imul dst, src, imm32 */
static inline void x_imul_imm(xbuf *x, int dst, int src, uint32_t imm)
{
    x_b(x, 0x69);
    x_mrr(x, dst, src);
    x_d32(x, imm);
}

static inline void x_bswap(xbuf *x, int r)
{
    x_b(x, 0x0f);
    x_b(x, (uint8_t)(0xc8 + r));
}

/* movsx dst, src8 (src: rax, rcx or rdx) / movsx dst, src16 */
static inline void x_movsx8(xbuf *x, int dst, int src)
{
    x_b(x, 0x0f);
    x_b(x, 0xbe);
    x_mrr(x, dst, src);
}

static inline void x_movsx16(xbuf *x, int dst, int src)
{
    x_b(x, 0x0f);
    x_b(x, 0xbf);
    x_mrr(x, dst, src);
}

/* cmovcc dst, src */
static inline void x_cmov(xbuf *x, int cc, int dst, int src)
{
    x_b(x, 0x0f);
    x_b(x, (uint8_t)(0x40 + cc));
    x_mrr(x, dst, src);
}

/* setcc r8 (r: rax, rcx, rdx or rbx's low byte; only the first three are used) */
static inline void x_setcc(xbuf *x, int cc, int r)
{
    x_b(x, 0x0f);
    x_b(x, (uint8_t)(0x90 + cc));
    x_mrr(x, 0, r);
}

/* movzx dst, src8 */
static inline void x_movzx8(xbuf *x, int dst, int src)
{
    x_b(x, 0x0f);
    x_b(x, 0xb6);
    x_mrr(x, dst, src);
}

/* bsr dst, src (ZF set and dst undefined when src is 0) */
static inline void x_bsr(xbuf *x, int dst, int src)
{
    x_b(x, 0x0f);
    x_b(x, 0xbd);
    x_mrr(x, dst, src);
}

/* test r32, imm32 */
static inline void x_test_imm(xbuf *x, int r, uint32_t imm)
{
    x_b(x, 0xf7);
    x_mrr(x, 0, r);
    x_d32(x, imm);
}

/* test a, b (32-bit) */
static inline void x_test(xbuf *x, int a, int b)
{
    x_b(x, 0x85);
    x_mrr(x, b, a);
}

/* Guest memory at [rdx + rax]: SIB base rdx, index rax. */
static inline void x_sib_mem(xbuf *x, int r)
{
    x_b(x, (uint8_t)(0x04 | (r & 7) << 3));
    x_b(x, 0x02); /* scale 1, index rax, base rdx */
}

/* mov r32, [rdx + rax] / movzx r32, word [rdx + rax] / movzx r32, byte [rdx + rax] */
static inline void x_ldmem(xbuf *x, int r, int size)
{
    if (size == 4) {
        x_b(x, 0x8b);
    } else {
        x_b(x, 0x0f);
        x_b(x, size == 2 ? 0xb7 : 0xb6);
    }
    x_sib_mem(x, r);
}

/* mov [rdx + rax], r32 / r16 / r8 (r: rax, rcx or rdx for bytes) */
static inline void x_stmem(xbuf *x, int r, int size)
{
    if (size == 2) x_b(x, 0x66);
    x_b(x, size == 1 ? 0x88 : 0x89);
    x_sib_mem(x, r);
}

/* rol r16, 8: swaps the two low bytes */
static inline void x_swap16(xbuf *x, int r)
{
    x_b(x, 0x66);
    x_shift_imm(x, SH_ROL, r, 8);
}

/* 64-bit: add qword [rbx + disp], imm32 */
static inline void x_add64_mem_imm(xbuf *x, int32_t disp, uint32_t imm)
{
    x_b(x, 0x48);
    x_b(x, 0x81);
    x_mrbx(x, ALU_ADD, disp);
    x_d32(x, imm);
}

/* 64-bit: add qword [rbx + disp], r64 */
static inline void x_add64_mem_reg(xbuf *x, int32_t disp, int r)
{
    x_b(x, 0x48);
    x_b(x, 0x01);
    x_mrbx(x, r, disp);
}

/* 64-bit: add r64, imm32 / mov [rbx + disp], r64 */
static inline void x_add64_imm(xbuf *x, int r, uint32_t imm)
{
    x_b(x, 0x48);
    x_b(x, 0x81);
    x_mrr(x, ALU_ADD, r);
    x_d32(x, imm);
}

static inline void x_st64(xbuf *x, int32_t disp, int r)
{
    x_b(x, 0x48);
    x_b(x, 0x89);
    x_mrbx(x, r, disp);
}

/* 64-bit: sub dst, src / cmp r64, imm32 */
static inline void x_sub64(xbuf *x, int dst, int src)
{
    x_b(x, 0x48);
    x_b(x, 0x29);
    x_mrr(x, src, dst);
}

static inline void x_cmp64_imm(xbuf *x, int r, uint32_t imm)
{
    x_b(x, 0x48);
    x_b(x, 0x81);
    x_mrr(x, ALU_CMP, r);
    x_d32(x, imm);
}

/* mov r64, [rdx] */
static inline void x_ld64_rdx(xbuf *x, int r)
{
    x_b(x, 0x48);
    x_b(x, 0x8b);
    x_b(x, (uint8_t)((r & 7) << 3 | RDX));
}

/* jmp r64 */
static inline void x_jmp_reg(xbuf *x, int r)
{
    x_b(x, 0xff);
    x_b(x, (uint8_t)(0xe0 | r));
}

/* Backward (known) targets. */
static inline void x_jmp_to(xbuf *x, const uint8_t *target)
{
    x_b(x, 0xe9);
    int32_t rel = (int32_t)(target - (x->p + 4));
    x_d32(x, (uint32_t)rel);
}

/* 64-bit: mov r64, [rbx + disp] / cmp r64, [rbx + disp] */
static inline void x_ld64(xbuf *x, int r, int32_t disp)
{
    x_b(x, 0x48);
    x_b(x, 0x8b);
    x_mrbx(x, r, disp);
}

static inline void x_cmp64_ld(xbuf *x, int r, int32_t disp)
{
    x_b(x, 0x48);
    x_b(x, 0x3b);
    x_mrbx(x, r, disp);
}

/* SIB forms with base rbx and index rdx: cmp r32, [rbx + rdx + disp];
 * mov r64, [rbx + rdx + disp]. */
static inline void x_cmp_rbx_rdx(xbuf *x, int r, int32_t disp)
{
    x_b(x, 0x3b);
    x_b(x, (uint8_t)(0x84 | (r & 7) << 3));
    x_b(x, 0x13);
    x_d32(x, (uint32_t)disp);
}

static inline void x_ld64_rbx_rdx(xbuf *x, int r, int32_t disp)
{
    x_b(x, 0x48);
    x_b(x, 0x8b);
    x_b(x, (uint8_t)(0x84 | (r & 7) << 3));
    x_b(x, 0x13);
    x_d32(x, (uint32_t)disp);
}

/* mov r32, [rsp] / mov [rsp], r32 */
static inline void x_ld_rsp(xbuf *x, int r)
{
    x_b(x, 0x8b);
    x_b(x, (uint8_t)(0x04 | (r & 7) << 3));
    x_b(x, 0x24);
}

static inline void x_st_rsp(xbuf *x, int r)
{
    x_b(x, 0x89);
    x_b(x, (uint8_t)(0x04 | (r & 7) << 3));
    x_b(x, 0x24);
}

/* mov [rsp + 8], r32 / cmp r32, [rsp + 8] */
static inline void x_st_rsp8(xbuf *x, int r)
{
    x_b(x, 0x89);
    x_b(x, (uint8_t)(0x44 | (r & 7) << 3));
    x_b(x, 0x24);
    x_b(x, 0x08);
}

static inline void x_cmp_rsp8(xbuf *x, int r)
{
    x_b(x, 0x3b);
    x_b(x, (uint8_t)(0x44 | (r & 7) << 3));
    x_b(x, 0x24);
    x_b(x, 0x08);
}

/* mov [rdx], r64 / mov dword [rdx + 8], imm32 */
static inline void x_st64_rdx(xbuf *x, int r)
{
    x_b(x, 0x48);
    x_b(x, 0x89);
    x_b(x, (uint8_t)((r & 7) << 3 | RDX));
}

static inline void x_st_rdx8_imm(xbuf *x, uint32_t imm)
{
    x_b(x, 0xc7);
    x_b(x, 0x42);
    x_b(x, 0x08);
    x_d32(x, imm);
}

/* lea dst, [src + disp32] (32-bit) */
static inline void x_lea(xbuf *x, int dst, int src, int32_t disp)
{
    x_b(x, 0x8d);
    x_b(x, (uint8_t)(0x80 | (dst & 7) << 3 | (src & 7)));
    x_d32(x, (uint32_t)disp);
}

/* Forward jumps: emit with a zero offset, patch when the target is known. */
static inline uint8_t *x_jcc(xbuf *x, int cc)
{
    x_b(x, 0x0f);
    x_b(x, (uint8_t)(0x80 + cc));
    uint8_t *at = x->p;
    x_d32(x, 0);
    return at;
}

static inline uint8_t *x_jmp(xbuf *x)
{
    x_b(x, 0xe9);
    uint8_t *at = x->p;
    x_d32(x, 0);
    return at;
}

static inline void x_patch(xbuf *x, uint8_t *at)
{
    if (!at || x->overflow) return;
    int32_t rel = (int32_t)(x->p - (at + 4));
    memcpy(at, &rel, 4);
}

/* mov rax, fn; call rax */
static inline void x_call(xbuf *x, const void *fn)
{
    x_mov_imm64(x, RAX, (uint64_t)(uintptr_t)fn);
    x_b(x, 0xff);
    x_b(x, 0xd0);
}

/* mov rdi, rbx */
static inline void x_arg_cpu(xbuf *x)
{
    x_b(x, 0x48);
    x_b(x, 0x89);
    x_mrr(x, RBX, RDI);
}

/* mov rdx, rax (64-bit) */
static inline void x_mov64(xbuf *x, int dst, int src)
{
    x_b(x, 0x48);
    x_b(x, 0x89);
    x_mrr(x, src, dst);
}

/* add rdx, rcx (64-bit) */
static inline void x_add64(xbuf *x, int dst, int src)
{
    x_b(x, 0x48);
    x_b(x, 0x01);
    x_mrr(x, src, dst);
}

#endif
