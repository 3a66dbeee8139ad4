/* clarus-user: exceptions the program takes, turned into what Linux does.
 *
 * Linux (arch/powerpc/kernel/traps.c and fault.c) turns a DSI or ISI on an
 * unmapped address into SIGSEGV, an illegal or privileged instruction into
 * SIGILL, a trap instruction (tw, twi) into SIGTRAP, and handles most
 * alignment exceptions itself by emulating the access (align.c), sending
 * SIGBUS only for what it cannot emulate. The signal goes to the program's
 * handler if it has one (signal.c); otherwise the program ends with
 * 128 + the signal number, the status a shell reports for a process
 * killed by that signal. */
#include "ui/user/linux_user.h"

#include <signal.h>
#include <stdio.h>

#include "bits.h"

enum { SPR_DSISR = 18, SPR_DAR = 19 };

/* Emulates lmw/stmw at a misaligned address, as the Linux alignment
 * handler does. Returns true when done (the program resumes after it). */
static bool fix_alignment(lu_process *p, ppc_cpu *cpu, uint32_t pc, uint32_t insn)
{
    unsigned op = insn >> 26, rt = insn >> 21 & 31, ra = insn >> 16 & 31;
    if (op != 46 && op != 47) /* lmw, stmw */
        return false;
    uint32_t ea = (ra ? ppc_get_gpr(cpu, ra) : 0) + (uint32_t)(int32_t)(int16_t)(insn & 0xffff);
    uint32_t len = 4 * (32 - rt);
    uint8_t *host = lu_mem_ptr(&p->mem, ea, len, op == 46 ? LU_PROT_READ : LU_PROT_WRITE);
    if (!host) return false; /* a fault on the emulated access: SIGSEGV below */
    for (unsigned r = rt; r < 32; r++) {
        if (op == 46) {
            /* lmw does not load rA when it is in the range (invalid form). */
            if (r != ra || r == rt) ppc_set_gpr(cpu, r, load_be32(host + 4 * (r - rt)));
        } else {
            store_be32(host + 4 * (r - rt), ppc_get_gpr(cpu, r));
        }
    }
    ppc_set_pc(cpu, pc + 4);
    return true;
}

void lu_user_fault(void *ctx, ppc_cpu *cpu, uint32_t vector, uint32_t srr1)
{
    lu_process *p = ctx;
    uint32_t pc = ppc_get_pc(cpu), dar = 0, insn = 0;
    ppc_get_spr(cpu, SPR_DAR, &dar);
    const uint8_t *ip = lu_mem_ptr(&p->mem, pc, 4, 0);
    if (ip && (p->mem.page[pc >> LU_PAGE_SHIFT] & LU_PAGE_MAPPED)) insn = load_be32(ip);
    char what[160];
    int sig, code = 1; /* SEGV_MAPERR, BUS_ADRALN, ILL_ILLOPC, TRAP_BRKPT */
    uint32_t addr = pc;
    switch (vector) {
    case 0x300: /* DSI */
        snprintf(what, sizeof(what), "segmentation fault at 0x%08x (pc 0x%08x)", dar, pc);
        sig = SIGSEGV;
        addr = dar;
        break;
    case 0x400: /* ISI */
        snprintf(what, sizeof(what), "segmentation fault: no code at pc 0x%08x", pc);
        sig = SIGSEGV;
        break;
    case 0x600: /* alignment */
        if (fix_alignment(p, cpu, pc, insn)) return;
        snprintf(what, sizeof(what),
                 "bus error: misaligned access at 0x%08x (pc 0x%08x, instruction 0x%08x)", dar, pc,
                 insn);
        sig = SIGBUS;
        addr = dar;
        break;
    case 0x700: { /* program: illegal, privileged or trap */
        if ((srr1 & 0x00040000u) && (insn & 0xfc1fffffu) == 0x7c1f42a6u) {
            /* mfpvr rD is privileged; Linux emulates it for user code
             * (traps.c, emulate_instruction) and glibc's start-up uses it. */
            uint32_t pvr = 0;
            ppc_get_spr(cpu, 287, &pvr);
            ppc_set_gpr(cpu, insn >> 21 & 31, pvr);
            ppc_set_pc(cpu, pc + 4);
            return;
        }
        uint32_t fpscr = ppc_get_fpscr(cpu);
        if (srr1 & 0x00100000u) {
            /* An enabled floating-point exception (FPSCR[FEX] with
             * MSR[FE0,FE1]): SIGFPE with the code Linux's parse_fpe picks,
             * in its order: invalid, overflow, underflow, divide, inexact. */
            static const struct {
                uint32_t enable, flag;
                int code;
            } fpe[] = {
                {0x80, 0x20000000u, 7}, /* VE VX: FPE_FLTINV */
                {0x40, 0x10000000u, 4}, /* OE OX: FPE_FLTOVF */
                {0x20, 0x08000000u, 5}, /* UE UX: FPE_FLTUND */
                {0x10, 0x04000000u, 3}, /* ZE ZX: FPE_FLTDIV */
                {0x08, 0x02000000u, 6}, /* XE XX: FPE_FLTRES */
            };
            code = 0;
            for (size_t k = 0; k < sizeof(fpe) / sizeof(fpe[0]) && !code; k++)
                if ((fpscr & fpe[k].enable) && (fpscr & fpe[k].flag)) code = fpe[k].code;
            snprintf(what, sizeof(what),
                     "floating-point exception (FPSCR 0x%08x) at pc 0x%08x, instruction 0x%08x",
                     fpscr, pc, insn);
            sig = SIGFPE;
        } else if (srr1 & 0x00020000u) {
            snprintf(what, sizeof(what), "trace/breakpoint trap (tw/twi 0x%08x at pc 0x%08x)", insn,
                     pc);
            sig = SIGTRAP;
        } else if (srr1 & 0x00040000u) {
            snprintf(what, sizeof(what), "privileged instruction 0x%08x at pc 0x%08x", insn, pc);
            sig = SIGILL;
            code = 5; /* ILL_PRVOPC */
        } else {
            snprintf(what, sizeof(what), "illegal instruction 0x%08x at pc 0x%08x", insn, pc);
            sig = SIGILL;
        }
        break;
    }
    case 0x800: /* FP unavailable: MSR[FP] is always set, so not expected */
        snprintf(what, sizeof(what), "floating-point unavailable at pc 0x%08x (instruction 0x%08x)",
                 pc, insn);
        sig = SIGILL;
        break;
    default:
        snprintf(what, sizeof(what), "unexpected exception 0x%x at pc 0x%08x", vector, pc);
        sig = SIGSEGV;
        break;
    }
    lu_signal_fault(p, sig, code, addr, what);
}
