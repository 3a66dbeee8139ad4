/* clarus-user: signals.
 *
 * What is modelled: the program's dispositions (rt_sigaction), its blocked
 * mask (rt_sigprocmask), signals it sends itself (kill, tkill, tgkill,
 * raise, abort), SIGPIPE on a write to a broken pipe, and the synchronous
 * signals of its faults (SIGSEGV, SIGBUS, SIGILL, SIGTRAP). A signal with
 * a handler is delivered as Linux does on 32-bit PowerPC
 * (arch/powerpc/kernel/signal_32.c, handle_rt_signal32 and
 * sys_rt_sigreturn): an rt_sigframe below the interrupted r1 holding the
 * siginfo and a ucontext whose mcontext saves every register, a
 * back-chained 64 + 16 byte gap under it, the handler entered with r1 at
 * that gap, r3 = signal, r4 = &siginfo, r5 = &ucontext, r6 = the frame,
 * LR at a two-instruction trampoline in the frame (li r0,172; sc) that
 * calls rt_sigreturn. Layouts: asm/ucontext.h, asm/elf.h (48 general
 * registers: r0-r31, nip, msr, orig_r3, ctr, lr, xer, ccr, mq, trap, dar,
 * dsisr, result; 32 FPRs and the FPSCR as doubles).
 *
 * Not modelled: signals from other processes or timers, and the old
 * non-RT frame (a handler without SA_SIGINFO gets the RT frame, which a
 * one-argument handler does not look at).
 *
 * A handler runs between two runs of the core: a system call or a fault
 * only queues the signal and ends the slice, and lu_signal_between_runs
 * builds the frame once the core has stopped at a clean instruction
 * boundary; rt_sigreturn likewise restores the registers there. */
#include "ui/user/sys_impl.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bits.h"

#define G_SIG_DFL        0u
#define G_SIG_IGN        1u
#define G_SA_SIGINFO     0x00000004u
#define G_SA_ONSTACK     0x08000000u
#define G_SS_ONSTACK     1u
#define G_SS_DISABLE     2u
#define G_MINSIGSTKSZ    2048u
#define G_SA_NODEFER     0x40000000u
#define G_SA_RESETHAND   0x80000000u
#define NR_RT_SIGRETURN  172u
#define SIGNAL_FRAMESIZE 64u /* __SIGNAL_FRAMESIZE, ppc32 */

/* rt_sigframe: siginfo (128), ucontext (1184), ABI gap (224). */
enum {
    FRAME_INFO = 0,
    FRAME_UC = 128,
    FRAME_SIZE = 1536,
    UC_STACK = 8,
    UC_REGS = 48,
    UC_SIGMASK = 52,
    UC_MCONTEXT = 192,
    MC_GREGS = 0,
    MC_FREGS = 192,
    MC_PAD = 456,
    PT_NIP = 32,
    PT_MSR = 33,
    PT_ORIG_R3 = 34,
    PT_CTR = 35,
    PT_LNK = 36,
    PT_XER = 37,
    PT_CCR = 38,
    PT_TRAP = 40,
    PT_DAR = 41,
    PT_DSISR = 42,
};

static uint64_t bit(int sig)
{
    return 1ull << (sig - 1);
}

static bool default_ignored(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void terminate(lu_process *p, int sig, const char *what)
{
    char msg[200];
    if (what)
        snprintf(msg, sizeof(msg), "%s", what);
    else
        snprintf(msg, sizeof(msg), "program terminated by signal %d (%s)", sig, strsignal(sig));
    lu_kill_by_signal(p, sig, msg);
}

void lu_signal_send(lu_process *p, int sig, int code)
{
    if (sig < 1 || sig > LU_MAX_SIGNALS) return;
    uint32_t h = p->sigactions[sig].handler;
    /* Discarded at generation when ignored (explicitly or by default). */
    if (sig != SIGKILL && sig != SIGSTOP &&
        (h == G_SIG_IGN || (h == G_SIG_DFL && (default_ignored(sig) || default_stops(sig)))))
        return;
    if (p->sig_pending & bit(sig)) return; /* standard signals do not queue */
    p->sig_pending |= bit(sig);
    p->siginfo[sig].code = code;
    p->siginfo[sig].addr = 0;
    ppc_end_slice(p->cpu);
}

void lu_signal_fault(lu_process *p, int sig, int code, uint32_t addr, const char *what)
{
    lu_sigaction *a = &p->sigactions[sig];
    /* Linux (force_sig_fault): a blocked or ignored fault signal is not
     * deferred, it kills with the default action. */
    if (a->handler == G_SIG_DFL || a->handler == G_SIG_IGN || (p->sigmask & bit(sig))) {
        terminate(p, sig, what);
        return;
    }
    p->sig_pending |= bit(sig);
    p->siginfo[sig].code = code;
    p->siginfo[sig].addr = addr;
    p->sig_forced |= bit(sig);
    ppc_end_slice(p->cpu);
}

static void put32(uint8_t *base, uint32_t off, uint32_t v)
{
    store_be32(base + off, v);
}

static void put64(uint8_t *base, uint32_t off, uint64_t v)
{
    store_be32(base + off, (uint32_t)(v >> 32));
    store_be32(base + off + 4, (uint32_t)v);
}

static bool on_altstack(const lu_process *p, uint32_t sp)
{
    return p->altstack_size && sp - p->altstack_sp <= p->altstack_size;
}

static uint32_t altstack_flags(const lu_process *p, uint32_t sp)
{
    return !p->altstack_size ? G_SS_DISABLE : on_altstack(p, sp) ? G_SS_ONSTACK : 0;
}

/* Builds the frame and enters the handler; false if the stack cannot
 * hold it. */
static bool setup_frame(lu_process *p, int sig, bool fault)
{
    ppc_cpu *c = p->cpu;
    lu_sigaction *a = &p->sigactions[sig];
    uint32_t sp = ppc_get_gpr(c, 1);
    uint32_t old_sp = sp;
    if ((a->flags & G_SA_ONSTACK) && p->altstack_size && !on_altstack(p, sp))
        sp = p->altstack_sp + p->altstack_size;
    uint32_t frame = (sp - FRAME_SIZE) & ~15u;
    uint32_t newsp = frame - (SIGNAL_FRAMESIZE + 16);
    if (frame > sp || newsp > frame) return false;
    uint8_t *f = GUEST_W(p, frame, FRAME_SIZE);
    uint8_t *chain = GUEST_W(p, newsp, 4);
    if (!f || !chain) return false;
    memset(f, 0, FRAME_SIZE);

    /* siginfo: signo, errno, code, then the pid/uid of a sender or the
     * address of a fault. */
    put32(f, FRAME_INFO + 0, (uint32_t)sig);
    put32(f, FRAME_INFO + 8, (uint32_t)p->siginfo[sig].code);
    if (fault) {
        put32(f, FRAME_INFO + 12, p->siginfo[sig].addr);
    } else {
        put32(f, FRAME_INFO + 12, (uint32_t)getpid());
        put32(f, FRAME_INFO + 16, (uint32_t)getuid());
    }

    uint8_t *uc = f + FRAME_UC;
    uint32_t mc_addr = frame + FRAME_UC + UC_MCONTEXT;
    put32(uc, UC_STACK, p->altstack_sp);
    put32(uc, UC_STACK + 4, altstack_flags(p, old_sp));
    put32(uc, UC_STACK + 8, p->altstack_size);
    put32(uc, UC_REGS, mc_addr);
    /* sigset_t: signal 1 in bit 0 of the first word. After rt_sigsuspend
     * the mask to return to is the one from before the call. */
    uint64_t saved = p->restore_mask ? p->saved_mask : p->sigmask;
    p->restore_mask = false;
    put32(uc, UC_SIGMASK, (uint32_t)saved);
    put32(uc, UC_SIGMASK + 4, (uint32_t)(saved >> 32));
    uint8_t *mc = uc + UC_MCONTEXT;
    for (unsigned r = 0; r < 32; r++) put32(mc, MC_GREGS + 4 * r, ppc_get_gpr(c, r));
    uint32_t dar = 0, dsisr = 0;
    ppc_get_spr(c, 19, &dar);
    ppc_get_spr(c, 18, &dsisr);
    uint32_t ctr = 0, lr = 0;
    ppc_get_spr(c, 9, &ctr);
    ppc_get_spr(c, 8, &lr);
    put32(mc, 4 * PT_NIP, ppc_get_pc(c));
    put32(mc, 4 * PT_MSR, ppc_get_msr(c));
    put32(mc, 4 * PT_ORIG_R3, ppc_get_gpr(c, 3));
    put32(mc, 4 * PT_CTR, ctr);
    put32(mc, 4 * PT_LNK, lr);
    put32(mc, 4 * PT_XER, ppc_get_xer(c));
    put32(mc, 4 * PT_CCR, ppc_get_cr(c));
    put32(mc, 4 * PT_DAR, dar);
    put32(mc, 4 * PT_DSISR, dsisr);
    for (unsigned r = 0; r < 32; r++) put64(mc, MC_FREGS + 8 * r, ppc_get_fpr(c, r));
    put64(mc, MC_FREGS + 8 * 32, ppc_get_fpscr(c));
    /* The return trampoline: li r0,__NR_rt_sigreturn; sc. */
    put32(mc, MC_PAD, 0x38000000u | NR_RT_SIGRETURN);
    put32(mc, MC_PAD + 4, 0x44000002u);
    store_be32(chain, old_sp); /* back chain */

    uint64_t mask = p->sigmask | a->mask;
    if (!(a->flags & G_SA_NODEFER)) mask |= bit(sig);
    p->sigmask = mask & ~(bit(SIGKILL) | bit(SIGSTOP));
    uint32_t handler = a->handler;
    if (a->flags & G_SA_RESETHAND) a->handler = G_SIG_DFL;

    ppc_set_gpr(c, 1, newsp);
    ppc_set_gpr(c, 3, (uint32_t)sig);
    ppc_set_gpr(c, 4, frame + FRAME_INFO);
    ppc_set_gpr(c, 5, frame + FRAME_UC);
    ppc_set_gpr(c, 6, frame);
    ppc_set_spr(c, 8, mc_addr + MC_PAD);
    ppc_set_pc(c, handler & ~3u);
    return true;
}

/* rt_sigreturn: the frame sits above the gap r1 points to. */
static void do_sigreturn(lu_process *p)
{
    ppc_cpu *c = p->cpu;
    uint32_t frame = ppc_get_gpr(c, 1) + SIGNAL_FRAMESIZE + 16;
    const uint8_t *uc = GUEST_R(p, frame + FRAME_UC, UC_MCONTEXT);
    uint32_t mc_addr = uc ? load_be32(uc + UC_REGS) : 0;
    const uint8_t *mc = uc ? GUEST_R(p, mc_addr, MC_PAD) : NULL;
    if (!mc) {
        terminate(p, SIGSEGV, "segmentation fault: bad signal frame at rt_sigreturn");
        return;
    }
    uint64_t mask = load_be32(uc + UC_SIGMASK) | (uint64_t)load_be32(uc + UC_SIGMASK + 4) << 32;
    p->sigmask = mask & ~(bit(SIGKILL) | bit(SIGSTOP));
    for (unsigned r = 0; r < 32; r++) ppc_set_gpr(c, r, load_be32(mc + MC_GREGS + 4 * r));
    ppc_set_pc(c, load_be32(mc + 4 * PT_NIP));
    ppc_set_spr(c, 9, load_be32(mc + 4 * PT_CTR));
    ppc_set_spr(c, 8, load_be32(mc + 4 * PT_LNK));
    ppc_set_xer(c, load_be32(mc + 4 * PT_XER));
    ppc_set_cr(c, load_be32(mc + 4 * PT_CCR));
    for (unsigned r = 0; r < 32; r++) {
        const uint8_t *q = mc + MC_FREGS + 8 * r;
        ppc_set_fpr(c, r, (uint64_t)load_be32(q) << 32 | load_be32(q + 4));
    }
    ppc_set_fpscr(c, load_be32(mc + MC_FREGS + 8 * 32 + 4));
}

int64_t sys_rt_sigreturn(lu_process *p, const uint32_t *a)
{
    (void)a;
    p->sigreturn_pending = true;
    ppc_end_slice(p->cpu);
    return 0;
}

void lu_signal_between_runs(lu_process *p)
{
    if (p->exited) return;
    if (p->sigreturn_pending) {
        p->sigreturn_pending = false;
        do_sigreturn(p);
    }
    for (int sig = 1; sig <= LU_MAX_SIGNALS && !p->exited; sig++) {
        if (!(p->sig_pending & bit(sig))) continue;
        bool forced = p->sig_forced & bit(sig);
        if (!forced && (p->sigmask & bit(sig)) && sig != SIGKILL && sig != SIGSTOP)
            continue; /* stays pending until unblocked */
        p->sig_pending &= ~bit(sig);
        p->sig_forced &= ~bit(sig);
        uint32_t h = p->sigactions[sig].handler;
        if (sig == SIGKILL || h == G_SIG_DFL) {
            if (default_ignored(sig) || default_stops(sig)) continue;
            terminate(p, sig, NULL);
        } else if (h == G_SIG_IGN) {
            continue;
        } else if (!setup_frame(p, sig, forced)) {
            terminate(p, SIGSEGV, "segmentation fault: no room for a signal frame on the stack");
        }
    }
    if (p->restore_mask) {
        /* rt_sigsuspend ran no handler: back to the mask from before. */
        p->restore_mask = false;
        p->sigmask = p->saved_mask;
    }
}

int64_t sys_rt_sigpending(lu_process *p, const uint32_t *a)
{
    if (a[1] != 8) return -LE_INVAL;
    uint8_t *g = GUEST_W(p, a[0], 8);
    if (!g) return -LE_FAULT;
    uint64_t set = p->sig_pending & p->sigmask;
    store_be32(g, (uint32_t)set);
    store_be32(g + 4, (uint32_t)(set >> 32));
    return 0;
}

int64_t sys_rt_sigsuspend(lu_process *p, const uint32_t *a)
{
    if (a[1] != 8) return -LE_INVAL;
    const uint8_t *g = GUEST_R(p, a[0], 8);
    if (!g) return -LE_FAULT;
    uint64_t mask = load_be32(g) | (uint64_t)load_be32(g + 4) << 32;
    mask &= ~(bit(SIGKILL) | bit(SIGSTOP));
    if (!(p->sig_pending & ~mask)) {
        /* Nothing but another process or a timer could end the wait, and
         * neither is modelled. */
        lu_warn_once(p, LU_WARN_SIGSUSPEND,
                     "sigsuspend with no deliverable signal pending would wait forever: "
                     "returning EINTR");
        return -LE_INTR;
    }
    /* The handler runs with the temporary mask; its frame saves the old. */
    p->saved_mask = p->sigmask;
    p->restore_mask = true;
    p->sigmask = mask;
    ppc_end_slice(p->cpu);
    return -LE_INTR;
}

int64_t sys_sigaltstack(lu_process *p, const uint32_t *a)
{
    /* stack_t: ss_sp, ss_flags, ss_size. */
    uint32_t sp = ppc_get_gpr(p->cpu, 1);
    if (a[1]) {
        uint8_t *g = GUEST_W(p, a[1], 12);
        if (!g) return -LE_FAULT;
        store_be32(g, p->altstack_sp);
        store_be32(g + 4, altstack_flags(p, sp));
        store_be32(g + 8, p->altstack_size);
    }
    if (a[0]) {
        const uint8_t *g = GUEST_R(p, a[0], 12);
        if (!g) return -LE_FAULT;
        if (on_altstack(p, sp)) return -LE_PERM;
        uint32_t ss_sp = load_be32(g), flags = load_be32(g + 4), size = load_be32(g + 8);
        if (flags & G_SS_DISABLE) {
            p->altstack_sp = p->altstack_size = 0;
        } else if (flags != 0 && flags != G_SS_ONSTACK) {
            return -LE_INVAL;
        } else if (size < G_MINSIGSTKSZ) {
            return -LE_NOMEM;
        } else {
            p->altstack_sp = ss_sp;
            p->altstack_size = size;
        }
    }
    return 0;
}

bool lu_signal_deliverable(const lu_process *p)
{
    return (p->sig_pending & ~p->sigmask) != 0;
}
