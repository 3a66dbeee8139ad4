/* Signals as a user-mode runner must deliver them: raise (tgkill) and kill
 * to ourselves with sigaction and SA_SIGINFO (si_signo, si_code), a handler
 * raising a second signal (nested frames), blocking with sigprocmask and
 * the signal staying pending until unblocked, sigsuspend, SIG_IGN, a
 * handler on an alternate stack (sigaltstack), floating-point and integer
 * registers of the interrupted code surviving a handler that clobbers them,
 * SIGSEGV from a store to an unmapped address (si_addr, SEGV_MAPERR) and
 * SIGFPE from a floating-point divide by zero once feenableexcept has
 * enabled the trap (FPE_FLTDIV), both left with siglongjmp, and the signal
 * mask after siglongjmp with and without sigsetjmp saving it. */
#define _GNU_SOURCE
#include <fenv.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t order[16];
static volatile sig_atomic_t norder;
static volatile int last_code, last_signo;
static void *volatile last_addr;
static sigjmp_buf env;

static void note(int sig)
{
    if (norder < 16) order[norder++] = sig;
}

static void info_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    note(sig);
    last_signo = si->si_signo;
    last_code = si->si_code;
    if (sig == SIGUSR1 && norder == 1) raise(SIGUSR2); /* nested */
}

static char *alt_base;
static size_t alt_size;
static volatile int on_alt;
static void alt_handler(int sig)
{
    char local;
    note(sig);
    on_alt = &local >= alt_base && &local < alt_base + alt_size;
}

static volatile double sink;
static void clobber_handler(int sig)
{
    note(sig);
    /* Use plenty of floating-point and integer registers. */
    double a = sig * 1.5, b = a * a, c = b - a, d = c / 3, e = d + b, f = e * e, g = f - c;
    uint32_t i = (uint32_t)sig * 77, j = i ^ 0xdeadbeef, k = j * 3, l = k + i, m = l << 3;
    sink = a + b + c + d + e + f + g + i + j + k + l + m;
}

static void jump_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    last_signo = sig;
    last_code = si->si_code;
    last_addr = si->si_addr;
    siglongjmp(env, sig);
}

static sigjmp_buf usr_env;
static void usr_jump_handler(int sig)
{
    siglongjmp(usr_env, sig);
}

static void print_order(const char *what)
{
    printf("%s:", what);
    for (int i = 0; i < norder; i++)
        printf(" %s", order[i] == SIGUSR1   ? "USR1"
                      : order[i] == SIGUSR2 ? "USR2"
                      : order[i] == SIGALRM ? "ALRM"
                      : order[i] == SIGHUP  ? "HUP"
                                            : "other");
    printf("\n");
    norder = 0;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = info_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);

    raise(SIGUSR1);
    print_order("raise USR1 (handler raises USR2)");
    printf("last si_signo %s, si_code SI_TKILL %d\n", last_signo == SIGUSR2 ? "USR2" : "?",
           last_code == SI_TKILL);
    kill(getpid(), SIGUSR2);
    print_order("kill USR2");
    printf("si_code SI_USER %d\n", last_code == SI_USER);

    /* Blocked signals stay pending until unblocked. */
    sigset_t block, old, pending;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR2);
    raise(SIGUSR2); /* standard signals do not queue */
    sigpending(&pending);
    printf("while blocked: delivered %d, pending USR1 %d USR2 %d\n", (int)norder,
           sigismember(&pending, SIGUSR1), sigismember(&pending, SIGUSR2));
    sigprocmask(SIG_SETMASK, &old, NULL);
    print_order("after unblocking");

    /* sigsuspend with a pending signal returns after its handler. */
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR2);
    sigset_t none;
    sigemptyset(&none);
    int rc = sigsuspend(&none);
    print_order("sigsuspend");
    printf("sigsuspend returned %d (EINTR expected)\n", rc);
    sigprocmask(SIG_SETMASK, &old, NULL);

    /* Ignored. */
    signal(SIGHUP, SIG_IGN);
    raise(SIGHUP);
    print_order("SIG_IGN HUP");

    /* Alternate signal stack. */
    static char altstack[65536];
    alt_base = altstack;
    alt_size = sizeof altstack;
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sb;
    memset(&sb, 0, sizeof sb);
    sb.sa_handler = alt_handler;
    sb.sa_flags = SA_ONSTACK;
    sigaction(SIGALRM, &sb, NULL);
    raise(SIGALRM);
    print_order("alternate stack");
    printf("handler ran on the alternate stack: %d\n", on_alt);

    /* Registers of the interrupted code survive the handler. */
    signal(SIGUSR1, clobber_handler);
    volatile double x0 = 1.0 / 3;
    double x = x0, y = x * 7, z = y - 1e-3;
    uint64_t u = 0x0123456789abcdefULL * (uint64_t)(x0 * 3);
    uint32_t v = 0xcafef00d;
    for (int i = 0; i < 5; i++) {
        raise(SIGUSR1);
        x = x * 1.0000001 + y;
        y = y / 1.5 + z;
        u = u * 3 + v;
        v ^= (uint32_t)u;
    }
    print_order("clobbering handler x5");
    printf("values after handlers: %.17g %.17g %.17g %016" PRIx64 " %08" PRIx32 "\n", x, y, z, u,
           v);

    /* Leaving a handler with siglongjmp: SIGUSR1 is blocked while its
     * handler runs, and stays blocked after the jump unless sigsetjmp saved
     * the mask. */
    signal(SIGUSR1, usr_jump_handler);
    for (volatile int save = 0; save <= 1; save++) {
        if ((rc = sigsetjmp(usr_env, save)) == 0) {
            raise(SIGUSR1);
            printf("raise returned?\n");
        }
        sigset_t cur;
        sigprocmask(SIG_BLOCK, NULL, &cur);
        printf("sigsetjmp(savemask=%d): got signal %s, SIGUSR1 blocked afterwards: %d\n", save,
               rc == SIGUSR1 ? "SIGUSR1" : "?", sigismember(&cur, SIGUSR1));
        sigemptyset(&cur);
        sigaddset(&cur, SIGUSR1);
        sigprocmask(SIG_UNBLOCK, &cur, NULL);
    }

    /* SIGSEGV from an unmapped address. */
    struct sigaction sj;
    memset(&sj, 0, sizeof sj);
    sj.sa_sigaction = jump_handler;
    sj.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sj, NULL);
    sigaction(SIGFPE, &sj, NULL);
    volatile uintptr_t low = 16;
    if (sigsetjmp(env, 1) == 0) {
        *(volatile int *)low = 1;
        printf("store to address 16 did not fault\n");
    } else {
        printf("SIGSEGV: signo ok %d, SEGV_MAPERR %d, si_addr %lu\n", last_signo == SIGSEGV,
               last_code == SEGV_MAPERR, (unsigned long)(uintptr_t)last_addr);
    }
    /* And again: the handler must still be installed and the mask restored
     * by siglongjmp. */
    if (sigsetjmp(env, 1) == 0) {
        low = 64;
        (void)*(volatile int *)low;
        printf("load from address 64 did not fault\n");
    } else {
        printf("second SIGSEGV: si_addr %lu\n", (unsigned long)(uintptr_t)last_addr);
    }

    /* SIGFPE from an enabled floating-point exception. */
    volatile double one = 1.0, zero = 0.0, r;
    if (sigsetjmp(env, 1) == 0) {
        feenableexcept(FE_DIVBYZERO);
        r = one / zero;
        printf("no trap, result %g\n", r);
    } else {
        printf("SIGFPE: signo ok %d, FPE_FLTDIV %d\n", last_signo == SIGFPE,
               last_code == FPE_FLTDIV);
    }
    fedisableexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    r = one / zero;
    printf("with the trap disabled again: %g, enabled traps %d\n", r, fegetexcept());
    return 0;
}
