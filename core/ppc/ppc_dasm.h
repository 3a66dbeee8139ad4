/* The 32-bit PowerPC disassembler: one instruction word to text.
 *
 * Independent of the CPU core (plain C library only), so the debugger, trace
 * logs and the tests share it.
 *
 * References: IBM/Motorola "PowerPC Microprocessor Family: The Programming
 * Environments for 32-Bit Microprocessors" (MPCFPE32B): chapter 8 (the
 * instruction set), appendix A (instruction encodings) and appendix F
 * (simplified mnemonics); the "PowerPC 601 RISC Microprocessor User's Manual"
 * (MPC601UM) for the POWER instructions the 601 keeps; the "MPC603e User's
 * Manual" (MPC603EUM) for tlbld/tlbli; the "AltiVec Technology Programming
 * Environments Manual" (ALTIVECPEM) for the 7400's vector instructions.
 *
 * What each model decodes:
 *   every model  the whole 32-bit PowerPC architecture of MPCFPE32B, optional
 *                instructions included (fsqrt, fres, frsqrte, fsel, stfiwx,
 *                tlbia, tlbsync, eciwx, ecowx, dcba), even where a given chip
 *                traps one of them;
 *   601          + the POWER instructions it implements: abs, clcs, div, divs,
 *                doz, dozi, lscbx, maskg, maskir, mul, nabs, rlmi, rrib, sle,
 *                sleq, sliq, slliq, sllq, slq, sraiq, sraq, sre, srea, sreq,
 *                sriq, srliq, srlq, srq; and the MQ/RTC SPR names;
 *   603e         + tlbld, tlbli;
 *   7400         + AltiVec (primary opcode 4, the vector loads and stores,
 *                dst/dstt/dstst/dststt/dss/dssall) and the VRSAVE SPR names.
 * Any other model value decodes the base architecture only.
 *
 * Text syntax (lower case, one space after the mnemonic, no spaces between
 * operands):
 *   addi r3,r1,16        lwz r0,-8(r31)        lwzx r3,0,r4
 *   ori r3,r3,0xFF00     bl 0xFFF0335C         bne+ cr1,0xFFF00198
 *   beqlr                bdnzt 4*cr1+eq,0x100  crxor lt,lt,4*cr1+so
 *   mtcrf 0x18,r12       mtsprg 0,r3           dc.l 0x7D49F02F
 * Registers are r0-r31, f0-f31, v0-v31, cr0-cr7. A (rA|0) operand (the
 * architecture's "0 means the value zero") prints as 0 when it is r0. CR bits
 * print as lt/gt/eq/so for cr0 and 4*crN+lt.. for the others. Signed
 * immediates and displacements are decimal; the unsigned immediates of the
 * logical instructions (andi., ori, xoris ...) and the masks of mtcrf/mtfsf
 * are hexadecimal; branch targets are absolute addresses, "0x" and 8 upper-
 * case hex digits. Shift counts, mask bounds, TO, SPR/SR numbers, FPSCR bits
 * and AltiVec immediates are decimal.
 *
 * Simplified mnemonics (MPCFPE32B appendix F) are used where one exists and
 * assembling it gives back the same word: li, lis, subi, subis, subic(.),
 * sub(o)(.), subc(o)(.), mr, not, nop, cmpw(i), cmplw(i), tw/twi conditions
 * (twlt, tweqi, ..., trap; TO values 12/20/5/6 print as ge/le/lge/lle),
 * mtcr, mfxer/mtlr/mfctr/mtsprg/mfibatu/... (SPR moves), mftb/mftbu,
 * rotlwi/rotrwi (shift 16 and above as rotrwi)/rotlw/slwi/srwi/extlwi/
 * extrwi/inslwi/insrwi/clrlwi/clrrwi/clrlslwi, crset/crclr/crmove/crnot,
 * vmr/vnot, and the branch mnemonics (blr, bctrl, beq, bne+ cr1, bdnz-,
 * bdzfla, bltctr cr6 ...). A conditional branch whose BO field has a
 * "z" bit set, or a CTR-only branch with a nonzero BI, has no simplified
 * form that reassembles to it and prints in the basic form ("bclr 14,eq").
 * The branch hint follows the 32-bit architecture: with the y bit (BO[4])
 * set, "+" is printed for bclr/bcctr and forward bc, "-" for backward bc
 * (the y bit reverses the static prediction). bc with BO = 20 (branch
 * always) has no simplified mnemonic and prints as "bc 20,lt,target".
 *
 * Invalid words print as "dc.l 0x%08X": an unknown opcode, an instruction the
 * model lacks, a reserved field that is not zero (MPCFPE32B: such a form is
 * invalid), Rc = 1 where the instruction has no record form (or Rc = 0 for
 * stwcx.), OE = 1 where it has no OE bit, sc other than 0x44000002.
 * Exception: bits 6-10 of tlbld/tlbli are not checked, as the DingusPPC test
 * set expects those words with them set to decode. Field values the
 * architecture only calls invalid forms (cmp with L = 1, mftb with a TBR
 * other than 268/269, lwzu with rA = 0 or rA = rD, lmw loading rA, bcctr
 * decrementing CTR, z bits in BO) are printed as they are, in the basic
 * form where no simplified mnemonic fits.
 */
#ifndef CLARUS_PPC_DASM_H
#define CLARUS_PPC_DASM_H

#include <stddef.h>
#include <stdint.h>

/* CPU models, by their numbers. */
typedef enum ppc_dasm_model {
    PPC_DASM_601 = 601,
    PPC_DASM_603E = 603,
    PPC_DASM_604E = 604,
    PPC_DASM_750 = 750,
    PPC_DASM_7400 = 7400,
} ppc_dasm_model;

/* Flags for ppc_dasm_ex(). */
enum {
    /* No simplified mnemonics: every instruction in the basic form of
     * MPCFPE32B chapter 8 ("addi r3,0,5", "bclr 20,lt", "mtspr 8,r0",
     * "rlwinm r3,r4,2,0,29", "mftb r3,268"), like objdump -M raw. */
    PPC_DASM_BASIC = 1u << 0,
};

/* Enough for any text this disassembler writes, NUL included. */
#define PPC_DASM_BUFSIZE 64

/* Disassembles the big-endian instruction word `insn` found at address `pc`
 * for CPU model `model` (a ppc_dasm_model; see above for other values).
 * Writes the text into buf (always NUL-terminated when bufsize > 0,
 * truncated if too small; buf may be NULL when bufsize is 0) and returns the
 * length of the full text, as snprintf does. */
int ppc_dasm(uint32_t pc, uint32_t insn, int model, char *buf, size_t bufsize);

/* The same with PPC_DASM_* flags. */
int ppc_dasm_ex(uint32_t pc, uint32_t insn, int model, unsigned flags, char *buf, size_t bufsize);

/* 1 if `insn` is an instruction of `model` (not printed as dc.l), else 0. */
int ppc_dasm_valid(uint32_t insn, int model);

#endif
