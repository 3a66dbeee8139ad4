/* The 680x0 disassembler: structured decode and Motorola-syntax text.
 *
 * Independent of the CPU core: instruction words are read through a callback,
 * so the same code serves the debugger, trace logs and the tests. Only the
 * C library is used.
 *
 * Decoding follows the encodings and the effective-address categories of the
 * Motorola M68000 Family Programmer's Reference Manual (M68000PM/AD, rev. 1),
 * sections 2 (addressing modes), 4 (integer instructions), 6 (supervisor
 * instructions) and 8 (instruction format summary). Every encoding the 68000
 * does not implement, including an addressing mode that an instruction does
 * not allow (`and.w a1,d3` = $c649, `negx.l a2` = $408a), decodes as
 * M68K_DASM_INVALID ("dc.w $c649", 2 bytes): the 68000 takes the illegal-
 * instruction exception for those words. Line-A and line-F words are
 * M68K_DASM_LINEA / M68K_DASM_LINEF (printed "dc.w $a9f0"; a machine layer
 * may name the trap) and $4afc is M68K_DASM_ILLEGAL ("illegal").
 *
 * Only the 68000 instruction set is decoded so far. The CPU model argument
 * of m68k_dasm_decode_cpu() is where the 68010/020+ additions will plug in
 * (see the "68010+" notes in m68k_dasm.c); today every model decodes the
 * 68000 set.
 *
 * Text syntax (examples):
 *   move.l  (a0)+,-(a1)          addq.w  #1,d4          bra.s   $1234
 *   movem.l d0-d3/a0,-(sp)       lea     ($10,a0,d1.w),a2
 *   move.w  ($1234,pc),d0        andi.b  #$1f,ccr       dc.w    $4e7a
 * Lower case; the mnemonic is padded to 7 columns plus one space. A7 is "sp"
 * except in register lists ("d0-d7/a0-a7"). Numbers 0..9 are decimal, others
 * are hexadecimal with "$"; displacements are signed ("(-$10,a5)").
 * PC-relative operands and branches show the TARGET address, not the raw
 * displacement (which is in the structured decode). (xxx).W shows the word as
 * written ("($8000).w"); its structured value is the sign-extended address.
 * The size suffix is printed where Motorola syntax writes one (not for
 * moveq, lea, exg, swap, scc, the bit operations, abcd/sbcd/nbcd, tas ...).
 */
#ifndef CLARUS_M68K_DASM_H
#define CLARUS_M68K_DASM_H

#include <stddef.h>
#include <stdint.h>

/* Reads the big-endian 16-bit word at `addr` (always even for valid code). */
typedef uint16_t (*m68k_dasm_read16)(void *ctx, uint32_t addr);

/* The instruction set to decode. Only the 68000 set exists so far. */
typedef enum m68k_dasm_cpu {
    M68K_DASM_CPU_68000,
    M68K_DASM_CPU_68010,
    M68K_DASM_CPU_68020,
    M68K_DASM_CPU_68030,
    M68K_DASM_CPU_68040,
} m68k_dasm_cpu;

/* Operations. ADDI/ADDQ and friends are kept apart from ADD; ANDI/ORI/EORI
 * to CCR/SR are ANDI/ORI/EORI with a CCR or SR destination operand, MOVE
 * to/from SR, CCR and USP are MOVE with an SR/CCR/USP operand. */
typedef enum m68k_dasm_mnemonic {
    M68K_DASM_INVALID, /* not an instruction: "dc.w" */
    M68K_DASM_ABCD,
    M68K_DASM_ADD,
    M68K_DASM_ADDA,
    M68K_DASM_ADDI,
    M68K_DASM_ADDQ,
    M68K_DASM_ADDX,
    M68K_DASM_AND,
    M68K_DASM_ANDI,
    M68K_DASM_ASL,
    M68K_DASM_ASR,
    M68K_DASM_BCC, /* Bcc and BRA (cond 0): one TARGET operand */
    M68K_DASM_BCHG,
    M68K_DASM_BCLR,
    M68K_DASM_BSET,
    M68K_DASM_BSR,
    M68K_DASM_BTST,
    M68K_DASM_CHK,
    M68K_DASM_CLR,
    M68K_DASM_CMP,
    M68K_DASM_CMPA,
    M68K_DASM_CMPI,
    M68K_DASM_CMPM,
    M68K_DASM_DBCC,
    M68K_DASM_DIVS,
    M68K_DASM_DIVU,
    M68K_DASM_EOR,
    M68K_DASM_EORI,
    M68K_DASM_EXG,
    M68K_DASM_EXT,
    M68K_DASM_ILLEGAL, /* $4afc, the official illegal instruction */
    M68K_DASM_JMP,
    M68K_DASM_JSR,
    M68K_DASM_LEA,
    M68K_DASM_LINEA, /* $axxx: line 1010 emulator trap (Mac OS toolbox traps) */
    M68K_DASM_LINEF, /* $fxxx: line 1111 emulator trap (coprocessor on 020+) */
    M68K_DASM_LINK,
    M68K_DASM_LSL,
    M68K_DASM_LSR,
    M68K_DASM_MOVE,
    M68K_DASM_MOVEA,
    M68K_DASM_MOVEM,
    M68K_DASM_MOVEP,
    M68K_DASM_MOVEQ,
    M68K_DASM_MULS,
    M68K_DASM_MULU,
    M68K_DASM_NBCD,
    M68K_DASM_NEG,
    M68K_DASM_NEGX,
    M68K_DASM_NOP,
    M68K_DASM_NOT,
    M68K_DASM_OR,
    M68K_DASM_ORI,
    M68K_DASM_PEA,
    M68K_DASM_RESET,
    M68K_DASM_ROL,
    M68K_DASM_ROR,
    M68K_DASM_ROXL,
    M68K_DASM_ROXR,
    M68K_DASM_RTE,
    M68K_DASM_RTR,
    M68K_DASM_RTS,
    M68K_DASM_SBCD,
    M68K_DASM_SCC,
    M68K_DASM_STOP,
    M68K_DASM_SUB,
    M68K_DASM_SUBA,
    M68K_DASM_SUBI,
    M68K_DASM_SUBQ,
    M68K_DASM_SUBX,
    M68K_DASM_SWAP,
    M68K_DASM_TAS,
    M68K_DASM_TRAP,
    M68K_DASM_TRAPV,
    M68K_DASM_TST,
    M68K_DASM_UNLK,
    M68K_DASM_MNEMONIC_COUNT
} m68k_dasm_mnemonic;

/* Operand kinds. The fields of m68k_dasm_operand each kind uses are listed. */
typedef enum m68k_dasm_kind {
    M68K_DASM_NONE,
    M68K_DASM_DN,       /* Dn: reg */
    M68K_DASM_AN,       /* An: reg */
    M68K_DASM_AIND,     /* (An): reg */
    M68K_DASM_APOSTINC, /* (An)+: reg */
    M68K_DASM_APREDEC,  /* -(An): reg */
    M68K_DASM_ADISP,    /* (d16,An): reg, disp */
    M68K_DASM_AINDEX,   /* (d8,An,Xn.s): reg, disp, xreg, xlong */
    M68K_DASM_ABSW,     /* (xxx).W: value = sign-extended address */
    M68K_DASM_ABSL,     /* (xxx).L: value = address */
    M68K_DASM_PCDISP,   /* (d16,PC): disp, value = target address */
    M68K_DASM_PCINDEX,  /* (d8,PC,Xn.s): disp, xreg, xlong, value = base + d8 */
    M68K_DASM_IMM,      /* #data from extension words: value (masked to the
                           size; LINK's displacement is sign-extended) */
    M68K_DASM_QUICK,    /* data inside the opcode word (ADDQ/SUBQ 1..8, MOVEQ
                           -128..127, shift count 1..8, TRAP 0..15): value as
                           a signed number */
    M68K_DASM_REGLIST,  /* MOVEM list: value bit 0 = D0 .. bit 7 = D7, bit 8 =
                           A0 .. bit 15 = A7, whatever the addressing mode */
    M68K_DASM_CCR,
    M68K_DASM_SR,
    M68K_DASM_USP,
    M68K_DASM_TARGET, /* branch target: value = address, disp = displacement */
} m68k_dasm_kind;

typedef struct m68k_dasm_operand {
    m68k_dasm_kind kind;
    uint8_t reg;    /* 0..7 */
    uint8_t xreg;   /* index register: 0..7 = D0..D7, 8..15 = A0..A7 */
    uint8_t xlong;  /* 1: index is Xn.L, 0: Xn.W (sign-extended) */
    int32_t disp;   /* d16/d8 displacement, branch displacement */
    uint32_t value; /* see m68k_dasm_kind */
} m68k_dasm_operand;

typedef struct m68k_dasm_insn {
    uint32_t pc;     /* address of the opcode word */
    uint16_t opcode; /* the first word */
    uint8_t length;  /* bytes, 2..10 */
    uint8_t size;    /* operation size in bytes 1/2/4, 0 if none; branches:
                        1 = .s (8-bit displacement), 2 = .w */
    uint8_t cond;    /* 0..15 for BCC, DBCC, SCC (0 = T/BRA, 1 = F, 2 = HI ..) */
    uint8_t nops;    /* 0..2 */
    m68k_dasm_mnemonic mnemonic;
    m68k_dasm_operand op[2]; /* in assembler order: source, destination */
} m68k_dasm_insn;

/* Decodes the instruction at `pc` for the 68000. Reads only the words the
 * instruction occupies (the opcode first) and returns its length in bytes
 * (2 for an invalid word). `out` is always filled in. */
unsigned m68k_dasm_decode(uint32_t pc, m68k_dasm_read16 rd, void *ctx, m68k_dasm_insn *out);

/* The same for a given CPU model (only M68K_DASM_CPU_68000 differs today:
 * the others decode the 68000 set until their additions are written). */
unsigned m68k_dasm_decode_cpu(m68k_dasm_cpu cpu, uint32_t pc, m68k_dasm_read16 rd, void *ctx,
                              m68k_dasm_insn *out);

/* Writes the Motorola-syntax text of a decoded instruction into buf (always
 * NUL-terminated if bufsize > 0, truncated if too small; 64 bytes is always
 * enough). Returns the length the full text has, as snprintf does. */
int m68k_dasm_format(const m68k_dasm_insn *insn, char *buf, size_t bufsize);

/* Decode + format for the 68000; returns the instruction length in bytes. */
unsigned m68k_dasm(uint32_t pc, m68k_dasm_read16 rd, void *ctx, char *buf, size_t bufsize);

/* Lower-case base name ("add", "bcc", "dc.w" for INVALID); NULL if out of range. */
const char *m68k_dasm_mnemonic_name(m68k_dasm_mnemonic mn);

#endif
