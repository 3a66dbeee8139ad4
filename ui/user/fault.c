/* clarus-user: exceptions the program takes, turned into what Linux does.
 *
 * Linux (arch/powerpc/kernel/traps.c and fault.c) turns a DSI or ISI on an
 * unmapped address into SIGSEGV, an illegal or privileged instruction into
 * SIGILL, a trap instruction (tw, twi) into SIGTRAP, and handles most
 * alignment exceptions itself by emulating the access (align.c), sending
 * SIGBUS only for what it cannot emulate. Signal delivery to handlers is
 * not implemented: every such signal takes its default action, which ends
 * the process; we exit with 128 + the signal number, the status a shell
 * reports for a process killed by that signal. */
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

void lu_user_fault(void *ctx, ppc_cpu *cpu, uint32_t vector)
{
    lu_process *p = ctx;
    uint32_t pc = ppc_get_pc(cpu), dar = 0, insn = 0;
    ppc_get_spr(cpu, SPR_DAR, &dar);
    const uint8_t *ip = lu_mem_ptr(&p->mem, pc, 4, 0);
    if (ip && (p->mem.page[pc >> LU_PAGE_SHIFT] & LU_PAGE_MAPPED)) insn = load_be32(ip);
    char what[160];
    int sig;
    switch (vector) {
    case 0x300: /* DSI */
        snprintf(what, sizeof(what), "segmentation fault at 0x%08x (pc 0x%08x)", dar, pc);
        sig = SIGSEGV;
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
        break;
    case 0x700: { /* program: illegal, privileged or trap */
        unsigned op = insn >> 26, xo = insn >> 1 & 0x3ff;
        if ((insn & 0xfc1fffffu) == 0x7c1f42a6u) {
            /* mfpvr rD is privileged; Linux emulates it for user code
             * (traps.c, emulate_instruction) and glibc's start-up uses it. */
            uint32_t pvr = 0;
            ppc_get_spr(cpu, 287, &pvr);
            ppc_set_gpr(cpu, insn >> 21 & 31, pvr);
            ppc_set_pc(cpu, pc + 4);
            return;
        }
        if (op == 3 || (op == 31 && xo == 4)) {
            snprintf(what, sizeof(what), "trace/breakpoint trap (tw/twi 0x%08x at pc 0x%08x)", insn,
                     pc);
            sig = SIGTRAP;
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
    lu_kill_by_signal(p, sig, what);
}
