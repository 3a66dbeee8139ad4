/* The 680x0 disassembler (see m68k_dasm.h).
 *
 * Reference: Motorola M68000 Family Programmer's Reference Manual
 * (M68000PM/AD): section 2.2 for the effective-address modes and their
 * extension words, section 4 for each instruction's encoding and the
 * addressing modes it allows, section 8 for the opcode map. The decoder is a
 * switch on the top four bits of the opcode word (the "line"), then on the
 * fields section 4 describes. An instruction is accepted only if every field
 * and every addressing mode is one the 68000 implements; anything else is
 * M68K_DASM_INVALID. Places where the 68010/020+ reuse an encoding the 68000
 * rejects are marked "68010+" / "68020+".
 */
#include "m68k_dasm.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* ---- effective-address categories (M68000PM table 2-4) ----
 * One bit per addressing mode: modes 0..6 are bits 0..6, mode 7 with
 * register 0..4 ((xxx).W, (xxx).L, (d16,PC), (d8,PC,Xn), #imm) bits 7..11. */
enum {
    EA_DN = 1 << 0,
    EA_AN = 1 << 1,
    EA_AIND = 1 << 2,
    EA_AINC = 1 << 3,
    EA_ADEC = 1 << 4,
    EA_ADISP = 1 << 5,
    EA_AIDX = 1 << 6,
    EA_ABSW = 1 << 7,
    EA_ABSL = 1 << 8,
    EA_PCDISP = 1 << 9,
    EA_PCIDX = 1 << 10,
    EA_IMM = 1 << 11,

    EA_ALL = 0xfff,
    EA_DATA = EA_ALL & ~EA_AN,
    EA_MEM = EA_ALL & ~(EA_DN | EA_AN),
    EA_CTRL = EA_AIND | EA_ADISP | EA_AIDX | EA_ABSW | EA_ABSL | EA_PCDISP | EA_PCIDX,
    EA_ALT = EA_DN | EA_AN | EA_AIND | EA_AINC | EA_ADEC | EA_ADISP | EA_AIDX | EA_ABSW | EA_ABSL,
    EA_DALT = EA_ALT & ~EA_AN,
    EA_MALT = EA_ALT & ~(EA_DN | EA_AN),
    EA_CALT = EA_CTRL & EA_ALT,
    EA_MOVEM_TO_MEM = EA_CALT | EA_ADEC,
    EA_MOVEM_FROM_MEM = EA_CTRL | EA_AINC,
    EA_DATA_NO_IMM = EA_DATA & ~EA_IMM, /* static BTST destination */
};

static bool ea_ok(unsigned mode, unsigned reg, unsigned allowed)
{
    unsigned bit = mode < 7 ? mode : (reg <= 4 ? 7 + reg : 31);
    return bit < 12 && ((allowed >> bit) & 1);
}

/* ---- decoder state ---- */
typedef struct dstate {
    m68k_dasm_read16 rd;
    void *ctx;
    uint32_t next; /* address of the next extension word */
    m68k_dasm_cpu cpu;
    m68k_dasm_insn *out;
} dstate;

static uint16_t fetch16(dstate *s)
{
    uint16_t w = s->rd(s->ctx, s->next);
    s->next += 2;
    return w;
}

static uint32_t fetch32(dstate *s)
{
    uint32_t hi = fetch16(s);
    return (hi << 16) | fetch16(s);
}

static void set_insn(dstate *s, m68k_dasm_mnemonic mn, unsigned size)
{
    s->out->mnemonic = mn;
    s->out->size = (uint8_t)size;
}

static m68k_dasm_operand *new_op(dstate *s, m68k_dasm_kind kind)
{
    m68k_dasm_operand *o = &s->out->op[s->out->nops++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    return o;
}

static void op_reg(dstate *s, m68k_dasm_kind kind, unsigned reg)
{
    new_op(s, kind)->reg = (uint8_t)reg;
}

static void op_quick(dstate *s, int32_t v)
{
    new_op(s, M68K_DASM_QUICK)->value = (uint32_t)v;
}

/* #data of the given size; a byte immediate occupies the low byte of one
 * extension word (M68000PM 2.2.12). */
static void op_imm(dstate *s, unsigned size)
{
    m68k_dasm_operand *o = new_op(s, M68K_DASM_IMM);
    if (size == 4)
        o->value = fetch32(s);
    else if (size == 2)
        o->value = fetch16(s);
    else
        o->value = fetch16(s) & 0xff;
}

/* The brief extension word of the indexed modes (M68000PM 2.2.8/2.2.12):
 * D/A, register, W/L, then an 8-bit displacement. The 68000 ignores bits
 * 10..8 (scale and full-format bits on the 68020+). */
static void index_word(m68k_dasm_operand *o, uint16_t ext)
{
    o->xreg = (uint8_t)((ext >> 12) & 15);
    o->xlong = (uint8_t)((ext >> 11) & 1);
    o->disp = (int8_t)(ext & 0xff);
}

/* An effective address whose mode was already checked with ea_ok. `size` is
 * the operand size, used by #imm only. */
static void op_ea(dstate *s, unsigned mode, unsigned reg, unsigned size)
{
    static const m68k_dasm_kind kinds[7] = {M68K_DASM_DN,       M68K_DASM_AN,      M68K_DASM_AIND,
                                            M68K_DASM_APOSTINC, M68K_DASM_APREDEC, M68K_DASM_ADISP,
                                            M68K_DASM_AINDEX};
    m68k_dasm_operand *o;
    uint32_t base;
    if (mode < 7) {
        o = new_op(s, kinds[mode]);
        o->reg = (uint8_t)reg;
        if (mode == 5)
            o->disp = (int16_t)fetch16(s);
        else if (mode == 6)
            index_word(o, fetch16(s));
        return;
    }
    switch (reg) {
    case 0:
        o = new_op(s, M68K_DASM_ABSW);
        o->value = (uint32_t)(int32_t)(int16_t)fetch16(s);
        break;
    case 1:
        o = new_op(s, M68K_DASM_ABSL);
        o->value = fetch32(s);
        break;
    case 2: /* the base is the address of the displacement word */
        o = new_op(s, M68K_DASM_PCDISP);
        base = s->next;
        o->disp = (int16_t)fetch16(s);
        o->value = base + (uint32_t)o->disp;
        break;
    case 3:
        o = new_op(s, M68K_DASM_PCINDEX);
        base = s->next;
        index_word(o, fetch16(s));
        o->value = base + (uint32_t)o->disp;
        break;
    default: op_imm(s, size); break;
    }
}

static void op_branch(dstate *s, int32_t disp)
{
    m68k_dasm_operand *o = new_op(s, M68K_DASM_TARGET);
    o->disp = disp;
    o->value = s->out->pc + 2 + (uint32_t)disp;
}

/* MOVEM's mask, normalised so bit 0 is D0 and bit 15 is A7. With -(An) the
 * mask is written the other way round (bit 0 = A7, M68000PM MOVEM). */
static void op_reglist(dstate *s, uint16_t mask, bool predec)
{
    uint32_t v = mask;
    if (predec) {
        v = 0;
        for (int i = 0; i < 16; i++)
            if (mask & (1u << i)) v |= 1u << (15 - i);
    }
    new_op(s, M68K_DASM_REGLIST)->value = v;
}

/* The size field at bits 7..6 of most one-operand and immediate
 * instructions: 00 byte, 01 word, 10 long, 11 not a size. */
static unsigned size_field(unsigned op)
{
    static const unsigned sizes[4] = {1, 2, 4, 0};
    return sizes[(op >> 6) & 3];
}

#define MODE(op) (((op) >> 3) & 7)
#define REG(op)  ((op)&7)
#define REG9(op) (((op) >> 9) & 7)

/* One-operand instruction on the EA in bits 5..0. */
static bool ea1(dstate *s, unsigned op, m68k_dasm_mnemonic mn, unsigned size, unsigned allowed)
{
    if (!ea_ok(MODE(op), REG(op), allowed)) return false;
    set_insn(s, mn, size);
    op_ea(s, MODE(op), REG(op), size);
    return true;
}

/* <ea>,Dn / <ea>,An with the register in bits 11..9. */
static bool ea_to_reg(dstate *s, unsigned op, m68k_dasm_mnemonic mn, unsigned size,
                      unsigned allowed, m68k_dasm_kind regkind)
{
    if (!ea1(s, op, mn, size, allowed)) return false;
    op_reg(s, regkind, REG9(op));
    return true;
}

/* Dn,<ea> with Dn in bits 11..9. */
static bool reg_to_ea(dstate *s, unsigned op, m68k_dasm_mnemonic mn, unsigned size,
                      unsigned allowed)
{
    if (!ea_ok(MODE(op), REG(op), allowed)) return false;
    set_insn(s, mn, size);
    op_reg(s, M68K_DASM_DN, REG9(op));
    op_ea(s, MODE(op), REG(op), size);
    return true;
}

/* ---- line 0: bit operations, MOVEP, immediate instructions ---- */
static bool line0(dstate *s, unsigned op)
{
    static const m68k_dasm_mnemonic bitops[4] = {M68K_DASM_BTST, M68K_DASM_BCHG, M68K_DASM_BCLR,
                                                 M68K_DASM_BSET};
    static const m68k_dasm_mnemonic immops[8] = {M68K_DASM_ORI,  M68K_DASM_ANDI,    M68K_DASM_SUBI,
                                                 M68K_DASM_ADDI, M68K_DASM_INVALID, M68K_DASM_EORI,
                                                 M68K_DASM_CMPI, M68K_DASM_INVALID};
    unsigned mode = MODE(op), reg = REG(op), type = (op >> 6) & 3;

    if (op & 0x100) {
        if (mode == 1) { /* MOVEP: 1oo, oo = w/l, to register/to memory */
            set_insn(s, M68K_DASM_MOVEP, (type & 1) ? 4 : 2);
            if (type & 2) op_reg(s, M68K_DASM_DN, REG9(op));
            m68k_dasm_operand *o = new_op(s, M68K_DASM_ADISP);
            o->reg = (uint8_t)reg;
            o->disp = (int16_t)fetch16(s);
            if (!(type & 2)) op_reg(s, M68K_DASM_DN, REG9(op));
            return true;
        }
        /* BTST/BCHG/BCLR/BSET Dn,<ea>: long on Dn, byte in memory. BTST
         * alone may read any data mode, #imm included. */
        return reg_to_ea(s, op, bitops[type], mode == 0 ? 4 : 1, type == 0 ? EA_DATA : EA_DALT);
    }

    unsigned kind = REG9(op);
    if (kind == 4) { /* BTST/BCHG/BCLR/BSET #n,<ea>: the number is a byte */
        if (!ea_ok(mode, reg, type == 0 ? EA_DATA_NO_IMM : EA_DALT)) return false;
        set_insn(s, bitops[type], mode == 0 ? 4 : 1);
        op_imm(s, 1);
        op_ea(s, mode, reg, 1);
        return true;
    }
    if (kind == 7 || type == 3) return false; /* 68010+: MOVES; 68020+: CMP2/CHK2, CAS */

    unsigned size = size_field(op);
    m68k_dasm_mnemonic mn = immops[kind];
    if ((op & 0x3f) == 0x3c &&
        (mn == M68K_DASM_ORI || mn == M68K_DASM_ANDI || mn == M68K_DASM_EORI)) {
        /* ORI/ANDI/EORI to CCR (byte) and to SR (word) */
        if (size == 4) return false;
        set_insn(s, mn, size);
        op_imm(s, size);
        new_op(s, size == 1 ? M68K_DASM_CCR : M68K_DASM_SR);
        return true;
    }
    /* 68020+: CMPI also allows the PC-relative modes. */
    if (!ea_ok(mode, reg, EA_DALT)) return false;
    set_insn(s, mn, size);
    op_imm(s, size);
    op_ea(s, mode, reg, size);
    return true;
}

/* ---- lines 1, 2, 3: MOVE and MOVEA ---- */
static bool line_move(dstate *s, unsigned op)
{
    static const unsigned sizes[4] = {0, 1, 4, 2};
    unsigned size = sizes[op >> 12];
    unsigned dmode = (op >> 6) & 7, dreg = REG9(op);
    if (!ea_ok(MODE(op), REG(op), size == 1 ? EA_DATA : EA_ALL)) return false;
    if (dmode == 1) {
        if (size == 1) return false;
        set_insn(s, M68K_DASM_MOVEA, size);
    } else {
        if (!ea_ok(dmode, dreg, EA_DALT)) return false;
        set_insn(s, M68K_DASM_MOVE, size);
    }
    op_ea(s, MODE(op), REG(op), size);
    op_ea(s, dmode, dreg, size);
    return true;
}

/* ---- line 4: miscellaneous ---- */
static bool line4_4e(dstate *s, unsigned op)
{
    unsigned reg = REG(op);
    switch ((op >> 6) & 3) {
    case 0: return false;
    case 2: return ea1(s, op, M68K_DASM_JSR, 0, EA_CTRL);
    case 3: return ea1(s, op, M68K_DASM_JMP, 0, EA_CTRL);
    default: break;
    }
    switch (MODE(op)) {
    case 0:
    case 1:
        set_insn(s, M68K_DASM_TRAP, 0);
        op_quick(s, op & 15);
        return true;
    case 2: {
        set_insn(s, M68K_DASM_LINK, 2);
        op_reg(s, M68K_DASM_AN, reg);
        m68k_dasm_operand *o = new_op(s, M68K_DASM_IMM);
        o->value = (uint32_t)(int32_t)(int16_t)fetch16(s);
        return true;
    }
    case 3:
        set_insn(s, M68K_DASM_UNLK, 0);
        op_reg(s, M68K_DASM_AN, reg);
        return true;
    case 4:
        set_insn(s, M68K_DASM_MOVE, 4);
        op_reg(s, M68K_DASM_AN, reg);
        new_op(s, M68K_DASM_USP);
        return true;
    case 5:
        set_insn(s, M68K_DASM_MOVE, 4);
        new_op(s, M68K_DASM_USP);
        op_reg(s, M68K_DASM_AN, reg);
        return true;
    case 6:
        switch (reg) {
        case 0: set_insn(s, M68K_DASM_RESET, 0); return true;
        case 1: set_insn(s, M68K_DASM_NOP, 0); return true;
        case 2:
            set_insn(s, M68K_DASM_STOP, 0);
            op_imm(s, 2);
            return true;
        case 3: set_insn(s, M68K_DASM_RTE, 0); return true;
        case 5: set_insn(s, M68K_DASM_RTS, 0); return true;
        case 6: set_insn(s, M68K_DASM_TRAPV, 0); return true;
        case 7: set_insn(s, M68K_DASM_RTR, 0); return true;
        default: return false; /* 68010+: RTD ($4e74) */
        }
    default: return false; /* 68010+: MOVEC ($4e7a/$4e7b) */
    }
}

static bool line4(dstate *s, unsigned op)
{
    unsigned mode = MODE(op), reg = REG(op), size = size_field(op);

    if (op & 0x100) {
        switch ((op >> 6) & 3) {
        case 2: return ea_to_reg(s, op, M68K_DASM_CHK, 2, EA_DATA, M68K_DASM_DN);
        case 3: return ea_to_reg(s, op, M68K_DASM_LEA, 4, EA_CTRL, M68K_DASM_AN);
        default: return false; /* 68020+: CHK.L (100) */
        }
    }

    switch ((op >> 9) & 7) {
    case 0:
        if (size == 0) { /* MOVE from SR (not privileged on the 68000) */
            if (!ea_ok(mode, reg, EA_DALT)) return false;
            set_insn(s, M68K_DASM_MOVE, 2);
            new_op(s, M68K_DASM_SR);
            op_ea(s, mode, reg, 2);
            return true;
        }
        return ea1(s, op, M68K_DASM_NEGX, size, EA_DALT);
    case 1:
        if (size == 0) return false; /* 68010+: MOVE from CCR */
        return ea1(s, op, M68K_DASM_CLR, size, EA_DALT);
    case 2:
    case 3: {
        bool sr = (op >> 9) & 1;
        if (size == 0) { /* MOVE to CCR / MOVE to SR: a word source */
            if (!ea1(s, op, M68K_DASM_MOVE, 2, EA_DATA)) return false;
            new_op(s, sr ? M68K_DASM_SR : M68K_DASM_CCR);
            return true;
        }
        return ea1(s, op, sr ? M68K_DASM_NOT : M68K_DASM_NEG, size, EA_DALT);
    }
    case 4:
        switch ((op >> 6) & 3) {
        case 0: return ea1(s, op, M68K_DASM_NBCD, 1, EA_DALT); /* 68020+: LINK.L */
        case 1:
            if (mode == 0) {
                set_insn(s, M68K_DASM_SWAP, 4);
                op_reg(s, M68K_DASM_DN, reg);
                return true;
            }
            return ea1(s, op, M68K_DASM_PEA, 4, EA_CTRL); /* 68010+: BKPT (mode 1) */
        default:
            size = (op & 0x40) ? 4 : 2;
            if (mode == 0) {
                set_insn(s, M68K_DASM_EXT, size);
                op_reg(s, M68K_DASM_DN, reg);
                return true;
            }
            if (!ea_ok(mode, reg, EA_MOVEM_TO_MEM)) return false;
            set_insn(s, M68K_DASM_MOVEM, size);
            op_reglist(s, fetch16(s), mode == 4);
            op_ea(s, mode, reg, size);
            return true;
        }
    case 5:
        if (op == 0x4afc) {
            set_insn(s, M68K_DASM_ILLEGAL, 0);
            return true;
        }
        if (size == 0) return ea1(s, op, M68K_DASM_TAS, 1, EA_DALT);
        return ea1(s, op, M68K_DASM_TST, size, EA_DALT); /* 68020+: more modes */
    case 6: {
        if (!(op & 0x80)) return false; /* 68020+: MULx.L/DIVx.L */
        if (!ea_ok(mode, reg, EA_MOVEM_FROM_MEM)) return false;
        size = (op & 0x40) ? 4 : 2;
        set_insn(s, M68K_DASM_MOVEM, size);
        uint16_t mask = fetch16(s); /* the mask word comes before the EA's */
        op_ea(s, mode, reg, size);
        op_reglist(s, mask, false);
        return true;
    }
    default: return line4_4e(s, op);
    }
}

/* ---- line 5: ADDQ, SUBQ, Scc, DBcc ---- */
static bool line5(dstate *s, unsigned op)
{
    unsigned size = size_field(op);
    if (size == 0) {
        s->out->cond = (uint8_t)((op >> 8) & 15);
        if (MODE(op) == 1) {
            set_insn(s, M68K_DASM_DBCC, 2);
            op_reg(s, M68K_DASM_DN, REG(op));
            op_branch(s, (int16_t)fetch16(s));
            return true;
        }
        return ea1(s, op, M68K_DASM_SCC, 1, EA_DALT); /* 68020+: TRAPcc */
    }
    /* ADDQ/SUBQ: An only as a word or long destination */
    if (!ea_ok(MODE(op), REG(op), size == 1 ? EA_DALT : EA_ALT)) return false;
    set_insn(s, (op & 0x100) ? M68K_DASM_SUBQ : M68K_DASM_ADDQ, size);
    op_quick(s, REG9(op) ? (int32_t)REG9(op) : 8);
    op_ea(s, MODE(op), REG(op), size);
    return true;
}

/* ---- line 6: Bcc, BRA, BSR ---- */
static bool line6(dstate *s, unsigned op)
{
    unsigned cond = (op >> 8) & 15;
    int32_t disp = (int8_t)(op & 0xff);
    set_insn(s, cond == 1 ? M68K_DASM_BSR : M68K_DASM_BCC, 1);
    s->out->cond = (uint8_t)cond;
    if (disp == 0) { /* 68020+: $ff selects a 32-bit displacement */
        s->out->size = 2;
        disp = (int16_t)fetch16(s);
    }
    op_branch(s, disp);
    return true;
}

/* ---- line 7: MOVEQ ---- */
static bool line7(dstate *s, unsigned op)
{
    if (op & 0x100) return false;
    set_insn(s, M68K_DASM_MOVEQ, 4);
    op_quick(s, (int8_t)(op & 0xff));
    op_reg(s, M68K_DASM_DN, REG9(op));
    return true;
}

/* ---- lines 8 and C: OR/AND, DIVx/MULx, SBCD/ABCD, EXG ---- */
static bool line8c(dstate *s, unsigned op)
{
    bool c = (op >> 12) == 0xc;
    unsigned opmode = (op >> 6) & 7, mode = MODE(op), reg = REG(op);
    m68k_dasm_mnemonic logic = c ? M68K_DASM_AND : M68K_DASM_OR;

    if (opmode == 3)
        return ea_to_reg(s, op, c ? M68K_DASM_MULU : M68K_DASM_DIVU, 2, EA_DATA, M68K_DASM_DN);
    if (opmode == 7)
        return ea_to_reg(s, op, c ? M68K_DASM_MULS : M68K_DASM_DIVS, 2, EA_DATA, M68K_DASM_DN);
    if (opmode < 3) return ea_to_reg(s, op, logic, size_field(op), EA_DATA, M68K_DASM_DN);
    if (mode >= 2) return reg_to_ea(s, op, logic, size_field(op), EA_MALT);

    if (opmode == 4) { /* SBCD/ABCD Dy,Dx or -(Ay),-(Ax) */
        m68k_dasm_kind k = mode ? M68K_DASM_APREDEC : M68K_DASM_DN;
        set_insn(s, c ? M68K_DASM_ABCD : M68K_DASM_SBCD, 1);
        op_reg(s, k, reg);
        op_reg(s, k, REG9(op));
        return true;
    }
    if (!c) return false; /* 68020+: PACK/UNPK */
    /* EXG: opmode 01000 Dx,Dy; 01001 Ax,Ay; 10001 Dx,Ay */
    if (opmode == 5) {
        m68k_dasm_kind k = mode ? M68K_DASM_AN : M68K_DASM_DN;
        set_insn(s, M68K_DASM_EXG, 4);
        op_reg(s, k, REG9(op));
        op_reg(s, k, reg);
        return true;
    }
    if (mode != 1) return false;
    set_insn(s, M68K_DASM_EXG, 4);
    op_reg(s, M68K_DASM_DN, REG9(op));
    op_reg(s, M68K_DASM_AN, reg);
    return true;
}

/* ---- lines 9 and D: SUB/ADD, SUBA/ADDA, SUBX/ADDX ---- */
static bool line9d(dstate *s, unsigned op)
{
    bool add = (op >> 12) == 0xd;
    unsigned opmode = (op >> 6) & 7, mode = MODE(op), size = size_field(op);

    if (opmode == 3 || opmode == 7)
        return ea_to_reg(s, op, add ? M68K_DASM_ADDA : M68K_DASM_SUBA, opmode == 7 ? 4 : 2, EA_ALL,
                         M68K_DASM_AN);
    if (opmode < 3)
        return ea_to_reg(s, op, add ? M68K_DASM_ADD : M68K_DASM_SUB, size,
                         size == 1 ? EA_DATA : EA_ALL, M68K_DASM_DN);
    if (mode >= 2) return reg_to_ea(s, op, add ? M68K_DASM_ADD : M68K_DASM_SUB, size, EA_MALT);
    m68k_dasm_kind k = mode ? M68K_DASM_APREDEC : M68K_DASM_DN;
    set_insn(s, add ? M68K_DASM_ADDX : M68K_DASM_SUBX, size);
    op_reg(s, k, REG(op));
    op_reg(s, k, REG9(op));
    return true;
}

/* ---- line B: CMP, CMPA, CMPM, EOR ---- */
static bool lineb(dstate *s, unsigned op)
{
    unsigned opmode = (op >> 6) & 7, size = size_field(op);
    if (opmode == 3 || opmode == 7)
        return ea_to_reg(s, op, M68K_DASM_CMPA, opmode == 7 ? 4 : 2, EA_ALL, M68K_DASM_AN);
    if (opmode < 3)
        return ea_to_reg(s, op, M68K_DASM_CMP, size, size == 1 ? EA_DATA : EA_ALL, M68K_DASM_DN);
    if (MODE(op) == 1) {
        set_insn(s, M68K_DASM_CMPM, size);
        op_reg(s, M68K_DASM_APOSTINC, REG(op));
        op_reg(s, M68K_DASM_APOSTINC, REG9(op));
        return true;
    }
    return reg_to_ea(s, op, M68K_DASM_EOR, size, EA_DALT);
}

/* ---- line E: shifts and rotates ---- */
static bool linee(dstate *s, unsigned op)
{
    /* by type (AS, LS, ROX, RO), then direction (right, left) */
    static const m68k_dasm_mnemonic shifts[4][2] = {{M68K_DASM_ASR, M68K_DASM_ASL},
                                                    {M68K_DASM_LSR, M68K_DASM_LSL},
                                                    {M68K_DASM_ROXR, M68K_DASM_ROXL},
                                                    {M68K_DASM_ROR, M68K_DASM_ROL}};
    unsigned size = size_field(op), left = (op >> 8) & 1;
    if (size == 0) {                  /* memory form: one bit, word */
        if (op & 0x800) return false; /* 68020+: bit-field instructions */
        return ea1(s, op, shifts[(op >> 9) & 3][left], 2, EA_MALT);
    }
    set_insn(s, shifts[(op >> 3) & 3][left], size);
    if (op & 0x20)
        op_reg(s, M68K_DASM_DN, REG9(op));
    else
        op_quick(s, REG9(op) ? (int32_t)REG9(op) : 8);
    op_reg(s, M68K_DASM_DN, REG(op));
    return true;
}

unsigned m68k_dasm_decode_cpu(m68k_dasm_cpu cpu, uint32_t pc, m68k_dasm_read16 rd, void *ctx,
                              m68k_dasm_insn *out)
{
    dstate s = {rd, ctx, pc + 2, cpu, out};
    uint16_t op = rd(ctx, pc);
    bool ok;

    memset(out, 0, sizeof *out);
    out->pc = pc;
    out->opcode = op;
    switch (op >> 12) {
    case 0x0: ok = line0(&s, op); break;
    case 0x1:
    case 0x2:
    case 0x3: ok = line_move(&s, op); break;
    case 0x4: ok = line4(&s, op); break;
    case 0x5: ok = line5(&s, op); break;
    case 0x6: ok = line6(&s, op); break;
    case 0x7: ok = line7(&s, op); break;
    case 0x8:
    case 0xc: ok = line8c(&s, op); break;
    case 0x9:
    case 0xd: ok = line9d(&s, op); break;
    case 0xa:
        set_insn(&s, M68K_DASM_LINEA, 0);
        ok = true;
        break;
    case 0xb: ok = lineb(&s, op); break;
    case 0xe: ok = linee(&s, op); break;
    default:
        set_insn(&s, M68K_DASM_LINEF, 0);
        ok = true;
        break;
    }
    if (!ok) {
        /* Validity is settled before any extension word is read, so nothing
         * past the opcode has been consumed. */
        memset(out, 0, sizeof *out);
        out->pc = pc;
        out->opcode = op;
        out->mnemonic = M68K_DASM_INVALID;
        s.next = pc + 2;
    }
    out->length = (uint8_t)(s.next - pc);
    return out->length;
}

unsigned m68k_dasm_decode(uint32_t pc, m68k_dasm_read16 rd, void *ctx, m68k_dasm_insn *out)
{
    return m68k_dasm_decode_cpu(M68K_DASM_CPU_68000, pc, rd, ctx, out);
}

/* ---- text ---- */

static const struct {
    const char *name;
    unsigned char show_size; /* Motorola syntax writes the size suffix */
} mn_info[M68K_DASM_MNEMONIC_COUNT] = {
    [M68K_DASM_INVALID] = {"dc.w", 0},    [M68K_DASM_ABCD] = {"abcd", 0},
    [M68K_DASM_ADD] = {"add", 1},         [M68K_DASM_ADDA] = {"adda", 1},
    [M68K_DASM_ADDI] = {"addi", 1},       [M68K_DASM_ADDQ] = {"addq", 1},
    [M68K_DASM_ADDX] = {"addx", 1},       [M68K_DASM_AND] = {"and", 1},
    [M68K_DASM_ANDI] = {"andi", 1},       [M68K_DASM_ASL] = {"asl", 1},
    [M68K_DASM_ASR] = {"asr", 1},         [M68K_DASM_BCC] = {"bcc", 1},
    [M68K_DASM_BCHG] = {"bchg", 0},       [M68K_DASM_BCLR] = {"bclr", 0},
    [M68K_DASM_BSET] = {"bset", 0},       [M68K_DASM_BSR] = {"bsr", 1},
    [M68K_DASM_BTST] = {"btst", 0},       [M68K_DASM_CHK] = {"chk", 1},
    [M68K_DASM_CLR] = {"clr", 1},         [M68K_DASM_CMP] = {"cmp", 1},
    [M68K_DASM_CMPA] = {"cmpa", 1},       [M68K_DASM_CMPI] = {"cmpi", 1},
    [M68K_DASM_CMPM] = {"cmpm", 1},       [M68K_DASM_DBCC] = {"dbcc", 0},
    [M68K_DASM_DIVS] = {"divs", 1},       [M68K_DASM_DIVU] = {"divu", 1},
    [M68K_DASM_EOR] = {"eor", 1},         [M68K_DASM_EORI] = {"eori", 1},
    [M68K_DASM_EXG] = {"exg", 0},         [M68K_DASM_EXT] = {"ext", 1},
    [M68K_DASM_ILLEGAL] = {"illegal", 0}, [M68K_DASM_JMP] = {"jmp", 0},
    [M68K_DASM_JSR] = {"jsr", 0},         [M68K_DASM_LEA] = {"lea", 0},
    [M68K_DASM_LINEA] = {"dc.w", 0},      [M68K_DASM_LINEF] = {"dc.w", 0},
    [M68K_DASM_LINK] = {"link", 0},       [M68K_DASM_LSL] = {"lsl", 1},
    [M68K_DASM_LSR] = {"lsr", 1},         [M68K_DASM_MOVE] = {"move", 1},
    [M68K_DASM_MOVEA] = {"movea", 1},     [M68K_DASM_MOVEM] = {"movem", 1},
    [M68K_DASM_MOVEP] = {"movep", 1},     [M68K_DASM_MOVEQ] = {"moveq", 0},
    [M68K_DASM_MULS] = {"muls", 1},       [M68K_DASM_MULU] = {"mulu", 1},
    [M68K_DASM_NBCD] = {"nbcd", 0},       [M68K_DASM_NEG] = {"neg", 1},
    [M68K_DASM_NEGX] = {"negx", 1},       [M68K_DASM_NOP] = {"nop", 0},
    [M68K_DASM_NOT] = {"not", 1},         [M68K_DASM_OR] = {"or", 1},
    [M68K_DASM_ORI] = {"ori", 1},         [M68K_DASM_PEA] = {"pea", 0},
    [M68K_DASM_RESET] = {"reset", 0},     [M68K_DASM_ROL] = {"rol", 1},
    [M68K_DASM_ROR] = {"ror", 1},         [M68K_DASM_ROXL] = {"roxl", 1},
    [M68K_DASM_ROXR] = {"roxr", 1},       [M68K_DASM_RTE] = {"rte", 0},
    [M68K_DASM_RTR] = {"rtr", 0},         [M68K_DASM_RTS] = {"rts", 0},
    [M68K_DASM_SBCD] = {"sbcd", 0},       [M68K_DASM_SCC] = {"scc", 0},
    [M68K_DASM_STOP] = {"stop", 0},       [M68K_DASM_SUB] = {"sub", 1},
    [M68K_DASM_SUBA] = {"suba", 1},       [M68K_DASM_SUBI] = {"subi", 1},
    [M68K_DASM_SUBQ] = {"subq", 1},       [M68K_DASM_SUBX] = {"subx", 1},
    [M68K_DASM_SWAP] = {"swap", 0},       [M68K_DASM_TAS] = {"tas", 0},
    [M68K_DASM_TRAP] = {"trap", 0},       [M68K_DASM_TRAPV] = {"trapv", 0},
    [M68K_DASM_TST] = {"tst", 1},         [M68K_DASM_UNLK] = {"unlk", 0},
};

const char *m68k_dasm_mnemonic_name(m68k_dasm_mnemonic mn)
{
    if ((unsigned)mn >= M68K_DASM_MNEMONIC_COUNT) return NULL;
    return mn_info[mn].name;
}

/* A bounded appender: keeps counting past the end like snprintf. */
typedef struct text {
    char *buf;
    size_t size;
    size_t len;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    size_t room = t->len < t->size ? t->size - t->len : 0;
    va_start(ap, fmt);
    int n = vsnprintf(room ? t->buf + t->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0) t->len += (size_t)n;
}

/* 0..9 in decimal, the rest in hex. */
static void put_unsigned(text *t, uint32_t v)
{
    if (v < 10)
        put(t, "%u", (unsigned)v);
    else
        put(t, "$%x", (unsigned)v);
}

static void put_signed(text *t, int32_t v)
{
    if (v < 0) {
        put(t, "-");
        put_unsigned(t, 0u - (uint32_t)v);
    } else {
        put_unsigned(t, (uint32_t)v);
    }
}

static void put_areg(text *t, unsigned r)
{
    if (r == 7)
        put(t, "sp");
    else
        put(t, "a%u", r);
}

static void put_xreg(text *t, const m68k_dasm_operand *o)
{
    if (o->xreg < 8)
        put(t, "d%u", (unsigned)o->xreg);
    else
        put_areg(t, o->xreg - 8u);
    put(t, o->xlong ? ".l" : ".w");
}

static void put_reglist(text *t, uint32_t mask)
{
    bool first = true;
    if (!mask) {
        put(t, "#0");
        return;
    }
    for (unsigned i = 0; i < 16;) {
        if (!(mask & (1u << i))) {
            i++;
            continue;
        }
        unsigned j = i; /* a run stays within D0-D7 or A0-A7 */
        while (j + 1 < 16 && (j + 1) % 8 != 0 && (mask & (1u << (j + 1)))) j++;
        put(t, "%s%c%u", first ? "" : "/", i < 8 ? 'd' : 'a', i % 8);
        if (j > i) put(t, "-%c%u", j < 8 ? 'd' : 'a', j % 8);
        first = false;
        i = j + 1;
    }
}

static void put_operand(text *t, const m68k_dasm_insn *in, const m68k_dasm_operand *o)
{
    switch (o->kind) {
    case M68K_DASM_NONE: break;
    case M68K_DASM_DN: put(t, "d%u", (unsigned)o->reg); break;
    case M68K_DASM_AN: put_areg(t, o->reg); break;
    case M68K_DASM_AIND:
        put(t, "(");
        put_areg(t, o->reg);
        put(t, ")");
        break;
    case M68K_DASM_APOSTINC:
        put(t, "(");
        put_areg(t, o->reg);
        put(t, ")+");
        break;
    case M68K_DASM_APREDEC:
        put(t, "-(");
        put_areg(t, o->reg);
        put(t, ")");
        break;
    case M68K_DASM_ADISP:
    case M68K_DASM_AINDEX:
        put(t, "(");
        put_signed(t, o->disp);
        put(t, ",");
        put_areg(t, o->reg);
        if (o->kind == M68K_DASM_AINDEX) {
            put(t, ",");
            put_xreg(t, o);
        }
        put(t, ")");
        break;
    case M68K_DASM_ABSW: put(t, "($%x).w", (unsigned)(o->value & 0xffff)); break;
    case M68K_DASM_ABSL: put(t, "($%x).l", (unsigned)o->value); break;
    case M68K_DASM_PCDISP: put(t, "($%x,pc)", (unsigned)o->value); break;
    case M68K_DASM_PCINDEX:
        put(t, "($%x,pc,", (unsigned)o->value);
        put_xreg(t, o);
        put(t, ")");
        break;
    case M68K_DASM_IMM:
        put(t, "#");
        if (in->mnemonic == M68K_DASM_LINK)
            put_signed(t, (int32_t)o->value);
        else
            put_unsigned(t, o->value);
        break;
    case M68K_DASM_QUICK: put(t, "#%d", (int)(int32_t)o->value); break;
    case M68K_DASM_REGLIST: put_reglist(t, o->value); break;
    case M68K_DASM_CCR: put(t, "ccr"); break;
    case M68K_DASM_SR: put(t, "sr"); break;
    case M68K_DASM_USP: put(t, "usp"); break;
    case M68K_DASM_TARGET: put(t, "$%x", (unsigned)o->value); break;
    }
}

int m68k_dasm_format(const m68k_dasm_insn *in, char *buf, size_t bufsize)
{
    static const char cc[16][3] = {"t",  "f",  "hi", "ls", "cc", "cs", "ne", "eq",
                                   "vc", "vs", "pl", "mi", "ge", "lt", "gt", "le"};
    text t = {buf, bufsize, 0};
    char mn[16];
    m68k_dasm_mnemonic m = in->mnemonic;

    if (bufsize) buf[0] = 0;
    if ((unsigned)m >= M68K_DASM_MNEMONIC_COUNT) m = M68K_DASM_INVALID;
    switch (m) {
    case M68K_DASM_BCC:
        snprintf(mn, sizeof mn, "b%s", in->cond == 0 ? "ra" : cc[in->cond & 15]);
        break;
    case M68K_DASM_DBCC: snprintf(mn, sizeof mn, "db%s", cc[in->cond & 15]); break;
    case M68K_DASM_SCC: snprintf(mn, sizeof mn, "s%s", cc[in->cond & 15]); break;
    default: snprintf(mn, sizeof mn, "%s", mn_info[m].name); break;
    }
    if (mn_info[m].show_size && in->size) {
        bool branch = m == M68K_DASM_BCC || m == M68K_DASM_BSR;
        const char *sfx = in->size == 1 ? (branch ? ".s" : ".b") : in->size == 2 ? ".w" : ".l";
        size_t l = strlen(mn);
        snprintf(mn + l, sizeof mn - l, "%s", sfx);
    }

    if (m == M68K_DASM_INVALID || m == M68K_DASM_LINEA || m == M68K_DASM_LINEF) {
        put(&t, "%-7s $%04x", mn, (unsigned)in->opcode);
    } else if (in->nops == 0) {
        put(&t, "%s", mn);
    } else {
        put(&t, "%-7s ", mn);
        for (unsigned i = 0; i < in->nops && i < 2; i++) {
            if (i) put(&t, ",");
            put_operand(&t, in, &in->op[i]);
        }
    }
    return (int)t.len;
}

unsigned m68k_dasm(uint32_t pc, m68k_dasm_read16 rd, void *ctx, char *buf, size_t bufsize)
{
    m68k_dasm_insn in;
    unsigned len = m68k_dasm_decode(pc, rd, ctx, &in);
    m68k_dasm_format(&in, buf, bufsize);
    return len;
}
