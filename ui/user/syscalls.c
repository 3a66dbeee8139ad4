/* clarus-user: the system call table and the process-level calls.
 *
 * The 32-bit PowerPC Linux system call ABI (arch/powerpc/kernel/entry_32.S
 * and syscall.c; the numbers of arch/powerpc/kernel/syscalls/syscall.tbl
 * as installed in asm/unistd_32.h): `sc` with the call number in r0 and
 * up to six arguments in r3-r8; the result comes back in r3. On failure
 * the kernel sets CR0[SO] and leaves the positive errno in r3; on success
 * it clears CR0[SO]. 64-bit arguments take an aligned register pair (r5:r6
 * or r7:r8), high word first.
 *
 * The table lists every call the ABI numbers, by number, with its name
 * and the handler; a call with no handler returns ENOSYS and is named on
 * stderr the first time the program makes it. */
/* Not _GNU_SOURCE: with -I core, <pthread.h> (through glib.h) would then
 * find core/sched.h instead of the system <sched.h>. */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include "ui/user/sys_impl.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "bits.h"

/* ---- errno ---- */

/* Host errno -> Linux errno (asm-generic/errno-base.h, errno.h; the
 * PowerPC ABI differs only in EDEADLOCK, which Linux hosts alias). */
static const struct {
    int host, guest;
} errnos[] = {
    {EPERM, 1},
    {ENOENT, 2},
    {ESRCH, 3},
    {EINTR, 4},
    {EIO, 5},
    {ENXIO, 6},
    {E2BIG, 7},
    {ENOEXEC, 8},
    {EBADF, 9},
    {ECHILD, 10},
    {EAGAIN, 11},
    {ENOMEM, 12},
    {EACCES, 13},
    {EFAULT, 14},
    {ENOTBLK, 15},
    {EBUSY, 16},
    {EEXIST, 17},
    {EXDEV, 18},
    {ENODEV, 19},
    {ENOTDIR, 20},
    {EISDIR, 21},
    {EINVAL, 22},
    {ENFILE, 23},
    {EMFILE, 24},
    {ENOTTY, 25},
    {ETXTBSY, 26},
    {EFBIG, 27},
    {ENOSPC, 28},
    {ESPIPE, 29},
    {EROFS, 30},
    {EMLINK, 31},
    {EPIPE, 32},
    {EDOM, 33},
    {ERANGE, 34},
    {EDEADLK, 35},
    {ENAMETOOLONG, 36},
    {ENOLCK, 37},
    {ENOSYS, 38},
    {ENOTEMPTY, 39},
    {ELOOP, 40},
    {ENOMSG, 42},
    {EIDRM, 43},
    {ENOSTR, 60},
    {ENODATA, 61},
    {ETIME, 62},
    {EOVERFLOW, 75},
    {EILSEQ, 84},
    {ENOTSOCK, 88},
    {EDESTADDRREQ, 89},
    {EMSGSIZE, 90},
    {EPROTOTYPE, 91},
    {ENOPROTOOPT, 92},
    {EPROTONOSUPPORT, 93},
    {EOPNOTSUPP, 95},
    {EAFNOSUPPORT, 97},
    {EADDRINUSE, 98},
    {EADDRNOTAVAIL, 99},
    {ENETDOWN, 100},
    {ENETUNREACH, 101},
    {ECONNABORTED, 103},
    {ECONNRESET, 104},
    {ENOBUFS, 105},
    {EISCONN, 106},
    {ENOTCONN, 107},
    {ETIMEDOUT, 110},
    {ECONNREFUSED, 111},
    {EHOSTUNREACH, 113},
    {EALREADY, 114},
    {EINPROGRESS, 115},
    {ESTALE, 116},
    {EDQUOT, 122},
    {ECANCELED, 125},
};

int64_t lu_host_err(int e)
{
    for (size_t i = 0; i < G_N_ELEMENTS(errnos); i++)
        if (errnos[i].host == e) return -errnos[i].guest;
    return -LE_IO;
}

void lu_warn_once(lu_process *p, uint32_t key, const char *fmt, ...)
{
    if (p->once_flags & key) return;
    p->once_flags |= key;
    va_list ap;
    va_start(ap, fmt);
    fputs("clarus-user: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- ending the program ---- */

void lu_exit(lu_process *p, int status)
{
    p->exited = true;
    p->exit_status = status & 0xff;
    ppc_end_slice(p->cpu);
}

void lu_kill_by_signal(lu_process *p, int signo, const char *what)
{
    fflush(stdout);
    fprintf(stderr, "clarus-user: %s\n", what);
    p->exited = true;
    p->exit_status = 128 + signo;
    ppc_end_slice(p->cpu);
}

static int64_t sys_exit(lu_process *p, const uint32_t *a)
{
    lu_exit(p, (int)a[0]);
    return 0;
}

/* ---- identity ---- */

static int64_t sys_getpid(lu_process *p, const uint32_t *a)
{
    return getpid();
}
static int64_t sys_getppid(lu_process *p, const uint32_t *a)
{
    return getppid();
}
static int64_t sys_getuid(lu_process *p, const uint32_t *a)
{
    return getuid();
}
static int64_t sys_geteuid(lu_process *p, const uint32_t *a)
{
    return geteuid();
}
static int64_t sys_getgid(lu_process *p, const uint32_t *a)
{
    return getgid();
}
static int64_t sys_getegid(lu_process *p, const uint32_t *a)
{
    return getegid();
}
static int64_t sys_getpgrp(lu_process *p, const uint32_t *a)
{
    return getpgrp();
}

/* A single-threaded process: its one thread's id is the process id. */
static int64_t sys_gettid(lu_process *p, const uint32_t *a)
{
    return getpid();
}

static int64_t put_ids(lu_process *p, const uint32_t *a, uint32_t r, uint32_t e, uint32_t s)
{
    uint8_t *g[3] = {GUEST_W(p, a[0], 4), GUEST_W(p, a[1], 4), GUEST_W(p, a[2], 4)};
    if (!g[0] || !g[1] || !g[2]) return -LE_FAULT;
    store_be32(g[0], r);
    store_be32(g[1], e);
    store_be32(g[2], s);
    return 0;
}

static int64_t sys_getresuid(lu_process *p, const uint32_t *a)
{
    uid_t r, e, s;
    if (syscall(SYS_getresuid, &r, &e, &s) < 0) return lu_host_err(errno);
    return put_ids(p, a, r, e, s);
}

static int64_t sys_getresgid(lu_process *p, const uint32_t *a)
{
    gid_t r, e, s;
    if (syscall(SYS_getresgid, &r, &e, &s) < 0) return lu_host_err(errno);
    return put_ids(p, a, r, e, s);
}

static int64_t sys_set_tid_address(lu_process *p, const uint32_t *a)
{
    p->tid_address = a[0];
    return getpid();
}

static int64_t sys_set_robust_list(lu_process *p, const uint32_t *a)
{
    /* struct robust_list_head is three words on ppc32; only threads'
     * exits read the list, and there is one thread. */
    return a[1] == 12 ? 0 : -LE_INVAL;
}

static int64_t sys_rseq(lu_process *p, const uint32_t *a)
{
    /* Restartable sequences need preemption notification; refusing them
     * is allowed (glibc then works without). Not worth a warning. */
    return -LE_NOSYS;
}

/* struct new_utsname: six 65-byte strings. */
static int64_t sys_uname(lu_process *p, const uint32_t *a)
{
    uint8_t *g = GUEST_W(p, a[0], 6 * 65);
    if (!g) return -LE_FAULT;
    struct utsname u;
    if (uname(&u) < 0) return lu_host_err(errno);
    memset(g, 0, 6 * 65);
    const char *f[6] = {"Linux", u.nodename, u.release, u.version, "ppc", "(none)"};
    for (int i = 0; i < 6; i++) g_strlcpy((char *)g + 65 * i, f[i], 65);
    return 0;
}

/* ---- time ---- */

static bool clock_ok(uint32_t id)
{
    return id <= 7 || id == 9 || id == 11;
}

static int64_t get_clock(uint32_t id, struct timespec *ts)
{
    if (!clock_ok(id)) return -LE_INVAL;
    if (clock_gettime((clockid_t)id, ts) < 0) return lu_host_err(errno);
    return 0;
}

/* timespec (32-bit: two words) and __kernel_timespec (two 64-bit words). */
static void put_ts32(uint8_t *g, const struct timespec *ts)
{
    store_be32(g, (uint32_t)ts->tv_sec);
    store_be32(g + 4, (uint32_t)ts->tv_nsec);
}

static void put_ts64(uint8_t *g, const struct timespec *ts)
{
    store_be32(g, (uint32_t)((uint64_t)(int64_t)ts->tv_sec >> 32));
    store_be32(g + 4, (uint32_t)ts->tv_sec);
    store_be32(g + 8, 0);
    store_be32(g + 12, (uint32_t)ts->tv_nsec);
}

static bool get_ts(const uint8_t *g, bool wide, struct timespec *ts)
{
    int64_t sec, nsec;
    if (wide) {
        sec = (int64_t)((uint64_t)load_be32(g) << 32 | load_be32(g + 4));
        nsec = (int32_t)load_be32(g + 12); /* the upper word is ignored for 32-bit tasks */
    } else {
        sec = (int32_t)load_be32(g);
        nsec = (int32_t)load_be32(g + 4);
    }
    if (sec < 0 || nsec < 0 || nsec >= 1000000000) return false;
    ts->tv_sec = (time_t)sec;
    ts->tv_nsec = (long)nsec;
    return true;
}

static int64_t clock_common(lu_process *p, const uint32_t *a, bool wide, bool res)
{
    if (!a[1]) /* a NULL buffer is allowed and just checks the clock id */
        return clock_ok(a[0]) ? 0 : -LE_INVAL;
    uint8_t *g = GUEST_W(p, a[1], wide ? 16 : 8);
    if (!g) return -LE_FAULT;
    struct timespec ts;
    int64_t r;
    if (res)
        r = clock_ok(a[0]) ? (clock_getres((clockid_t)a[0], &ts) < 0 ? lu_host_err(errno) : 0)
                           : -LE_INVAL;
    else
        r = get_clock(a[0], &ts);
    if (r == 0) {
        if (wide)
            put_ts64(g, &ts);
        else
            put_ts32(g, &ts);
    }
    return r;
}

static int64_t sys_clock_gettime(lu_process *p, const uint32_t *a)
{
    return clock_common(p, a, false, false);
}
static int64_t sys_clock_gettime64(lu_process *p, const uint32_t *a)
{
    return clock_common(p, a, true, false);
}
static int64_t sys_clock_getres(lu_process *p, const uint32_t *a)
{
    return clock_common(p, a, false, true);
}
static int64_t sys_clock_getres_time64(lu_process *p, const uint32_t *a)
{
    return clock_common(p, a, true, true);
}

static int64_t sys_gettimeofday(lu_process *p, const uint32_t *a)
{
    struct timespec ts;
    get_clock(0, &ts);
    if (a[0]) {
        uint8_t *g = GUEST_W(p, a[0], 8);
        if (!g) return -LE_FAULT;
        store_be32(g, (uint32_t)ts.tv_sec);
        store_be32(g + 4, (uint32_t)(ts.tv_nsec / 1000));
    }
    if (a[1]) {
        uint8_t *g = GUEST_W(p, a[1], 8);
        if (!g) return -LE_FAULT;
        memset(g, 0, 8); /* struct timezone: UTC, no DST */
    }
    return 0;
}

static int64_t sys_time(lu_process *p, const uint32_t *a)
{
    time_t t = time(NULL);
    if (a[0]) {
        uint8_t *g = GUEST_W(p, a[0], 4);
        if (!g) return -LE_FAULT;
        store_be32(g, (uint32_t)t);
    }
    return (int64_t)(int32_t)t;
}

static int64_t sleep_common(lu_process *p, uint32_t clk, uint32_t flags, uint32_t req, uint32_t rem,
                            bool wide)
{
    const uint8_t *g = GUEST_R(p, req, wide ? 16 : 8);
    if (!g) return -LE_FAULT;
    struct timespec ts, left;
    if (!get_ts(g, wide, &ts)) return -LE_INVAL;
    if (!clock_ok(clk)) return -LE_INVAL;
    int r = clock_nanosleep((clockid_t)clk, (flags & 1) ? TIMER_ABSTIME : 0, &ts, &left);
    if (r != 0) {
        if (r == EINTR && rem && !(flags & 1)) {
            uint8_t *out = GUEST_W(p, rem, wide ? 16 : 8);
            if (out) {
                if (wide)
                    put_ts64(out, &left);
                else
                    put_ts32(out, &left);
            }
        }
        return lu_host_err(r);
    }
    return 0;
}

static int64_t sys_nanosleep(lu_process *p, const uint32_t *a)
{
    return sleep_common(p, 1, 0, a[0], a[1], false);
}
static int64_t sys_clock_nanosleep(lu_process *p, const uint32_t *a)
{
    return sleep_common(p, a[0], a[1], a[2], a[3], false);
}
static int64_t sys_clock_nanosleep_time64(lu_process *p, const uint32_t *a)
{
    return sleep_common(p, a[0], a[1], a[2], a[3], true);
}

static int64_t sys_times(lu_process *p, const uint32_t *a)
{
    struct tms t;
    clock_t r = times(&t);
    if (a[0]) {
        uint8_t *g = GUEST_W(p, a[0], 16);
        if (!g) return -LE_FAULT;
        /* Host clock ticks are sysconf(_SC_CLK_TCK); the guest was told
         * AT_CLKTCK = 100. */
        long hz = sysconf(_SC_CLK_TCK);
        clock_t v[4] = {t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime};
        for (int i = 0; i < 4; i++)
            store_be32(g + 4 * i, (uint32_t)(hz > 0 ? v[i] * 100 / hz : v[i]));
    }
    long hz = sysconf(_SC_CLK_TCK);
    return (int64_t)(uint32_t)(hz > 0 ? r * 100 / hz : r);
}

static int64_t sys_getpgid(lu_process *p, const uint32_t *a)
{
    pid_t r = getpgid((pid_t)a[0]);
    return r < 0 ? lu_host_err(errno) : r;
}

static int64_t sys_getsid(lu_process *p, const uint32_t *a)
{
    pid_t r = getsid((pid_t)a[0]);
    return r < 0 ? lu_host_err(errno) : r;
}

/* ---- misc ---- */

static int64_t sys_getrandom(lu_process *p, const uint32_t *a)
{
    void *g = GUEST_W(p, a[0], a[1]);
    if (!g) return -LE_FAULT;
    if (a[2] & ~7u) return -LE_INVAL;
    /* GRND_NONBLOCK 1, GRND_RANDOM 2, GRND_INSECURE 4: the same values. */
    ssize_t r = getrandom(g, a[1], a[2] & 3);
    return r < 0 ? lu_host_err(errno) : r;
}

/* struct sysinfo (ppc32): uptime, loads[3], totalram, freeram,
 * sharedram, bufferram, totalswap, freeswap (longs), procs (u16), pad,
 * totalhigh, freehigh, mem_unit, padding: 64 bytes. Memory counts are in
 * mem_unit bytes, raised until they fit 32 bits. */
static int64_t sys_sysinfo(lu_process *p, const uint32_t *a)
{
    uint8_t *g = GUEST_W(p, a[0], 64);
    if (!g) return -LE_FAULT;
    struct sysinfo si;
    if (sysinfo(&si) < 0) return lu_host_err(errno);
    uint64_t unit = si.mem_unit ? si.mem_unit : 1;
    uint64_t mem[6] = {si.totalram,  si.freeram,   si.sharedram,
                       si.bufferram, si.totalswap, si.freeswap};
    uint64_t biggest = 0;
    for (int i = 0; i < 6; i++) biggest = mem[i] > biggest ? mem[i] : biggest;
    unsigned shift = 0;
    while (unit << shift < (1u << 30) && (biggest >> shift) > UINT32_MAX) shift++;
    memset(g, 0, 64);
    store_be32(g, (uint32_t)si.uptime);
    for (int i = 0; i < 3; i++) store_be32(g + 4 + 4 * i, (uint32_t)si.loads[i]);
    for (int i = 0; i < 6; i++) store_be32(g + 16 + 4 * i, (uint32_t)(mem[i] >> shift));
    store_be16(g + 40, si.procs);
    store_be32(g + 52, (uint32_t)(unit << shift));
    return 0;
}

/* struct rusage (ppc32): two timevals, then 14 longs. The CPU times are
 * the emulator's, which runs the program. */
static int64_t sys_getrusage(lu_process *p, const uint32_t *a)
{
    int who = (int32_t)a[0];
    if (who != 0 && who != -1 && who != 1) /* SELF, CHILDREN, THREAD */
        return -LE_INVAL;
    uint8_t *g = GUEST_W(p, a[1], 72);
    if (!g) return -LE_FAULT;
    struct rusage ru;
    if (getrusage(who == -1 ? RUSAGE_CHILDREN : RUSAGE_SELF, &ru) < 0) return lu_host_err(errno);
    lu_put_rusage(g, &ru);
    return 0;
}

/* The emulated process has one CPU: CPU 0. The kernel copies its mask
 * size (4 bytes for up to 32 CPUs here) and returns it. */
static int64_t sys_sched_getaffinity(lu_process *p, const uint32_t *a)
{
    uint32_t len = a[1];
    if (len < 4 || (len & 3)) return -LE_INVAL;
    uint8_t *g = GUEST_W(p, a[2], 4);
    if (!g) return -LE_FAULT;
    store_be32(g, 1);
    return 4;
}

static int64_t sys_sched_yield(lu_process *p, const uint32_t *a)
{
    return 0;
}

/* Resource limits: the host's, with RLIMIT_STACK as the guest stack. */
static bool get_limit(uint32_t res, uint64_t *cur, uint64_t *max)
{
    if (res > 15) return false;
    if (res == 3) { /* RLIMIT_STACK */
        *cur = *max = LU_STACK_SIZE;
        return true;
    }
    /* Linux's resource numbers are the same on every architecture. */
    struct rlimit rl;
    if (getrlimit((int)res, &rl) < 0) return false;
    *cur = rl.rlim_cur == RLIM_INFINITY ? UINT64_MAX : rl.rlim_cur;
    *max = rl.rlim_max == RLIM_INFINITY ? UINT64_MAX : rl.rlim_max;
    return true;
}

static int64_t sys_ugetrlimit(lu_process *p, const uint32_t *a)
{
    uint8_t *g = GUEST_W(p, a[1], 8);
    if (!g) return -LE_FAULT;
    uint64_t cur, max;
    if (!get_limit(a[0], &cur, &max)) return -LE_INVAL;
    store_be32(g, cur > UINT32_MAX ? UINT32_MAX : (uint32_t)cur);
    store_be32(g + 4, max > UINT32_MAX ? UINT32_MAX : (uint32_t)max);
    return 0;
}

static int64_t sys_prlimit64(lu_process *p, const uint32_t *a)
{
    /* prlimit64(pid, resource, new, old): this process only; setting a
     * limit is refused rather than silently ignored. */
    if (a[0] != 0 && a[0] != (uint32_t)getpid()) return -LE_PERM;
    if (a[2]) return -LE_PERM;
    if (a[3]) {
        uint8_t *g = GUEST_W(p, a[3], 16);
        if (!g) return -LE_FAULT;
        uint64_t cur, max;
        if (!get_limit(a[1], &cur, &max)) return -LE_INVAL;
        store_be32(g, (uint32_t)(cur >> 32));
        store_be32(g + 4, (uint32_t)cur);
        store_be32(g + 8, (uint32_t)(max >> 32));
        store_be32(g + 12, (uint32_t)max);
    }
    return 0;
}

/* ---- signals (delivery: signal.c) ---- */

#define G_SIG_IGN 1u

static int64_t sys_rt_sigaction(lu_process *p, const uint32_t *a)
{
    /* struct sigaction (ppc32): handler, flags, restorer, 64-bit mask. */
    uint32_t sig = a[0];
    if (sig < 1 || sig > LU_MAX_SIGNALS || a[3] != 8) return -LE_INVAL;
    if (a[1] && (sig == SIGKILL || sig == SIGSTOP)) return -LE_INVAL;
    lu_sigaction *s = &p->sigactions[sig];
    if (a[2]) {
        uint8_t *g = GUEST_W(p, a[2], 20);
        if (!g) return -LE_FAULT;
        store_be32(g, s->handler);
        store_be32(g + 4, s->flags);
        store_be32(g + 8, s->restorer);
        store_be32(g + 12, (uint32_t)s->mask);
        store_be32(g + 16, (uint32_t)(s->mask >> 32));
    }
    if (a[1]) {
        const uint8_t *g = GUEST_R(p, a[1], 20);
        if (!g) return -LE_FAULT;
        s->handler = load_be32(g);
        s->flags = load_be32(g + 4);
        s->restorer = load_be32(g + 8);
        /* The kernel's sigset_t: signal 1 in bit 0 of the first word. */
        s->mask = load_be32(g + 12) | (uint64_t)load_be32(g + 16) << 32;
        /* Setting SIG_IGN discards a pending instance. */
        if (s->handler == G_SIG_IGN) p->sig_pending &= ~(1ull << (sig - 1));
    }
    return 0;
}

static int64_t sys_rt_sigprocmask(lu_process *p, const uint32_t *a)
{
    if (a[3] != 8) return -LE_INVAL;
    uint64_t old = p->sigmask;
    if (a[1]) {
        const uint8_t *g = GUEST_R(p, a[1], 8);
        if (!g) return -LE_FAULT;
        /* The kernel's sigset_t on ppc32 is two words, signal 1 in bit 0
         * of the first (lower) word. */
        uint64_t set = load_be32(g) | (uint64_t)load_be32(g + 4) << 32;
        set &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
        switch (a[0]) {
        case 0: p->sigmask |= set; break;  /* SIG_BLOCK */
        case 1: p->sigmask &= ~set; break; /* SIG_UNBLOCK */
        case 2: p->sigmask = set; break;   /* SIG_SETMASK */
        default: return -LE_INVAL;
        }
    }
    if (a[2]) {
        uint8_t *g = GUEST_W(p, a[2], 8);
        if (!g) return -LE_FAULT;
        store_be32(g, (uint32_t)old);
        store_be32(g + 4, (uint32_t)(old >> 32));
    }
    /* A signal unblocked here is delivered before the call returns. */
    if (lu_signal_deliverable(p)) ppc_end_slice(p->cpu);
    return 0;
}

/* si_code values: SI_USER (kill), SI_TKILL (tkill, tgkill). */
#define G_SI_USER  0
#define G_SI_TKILL (-6)

static int64_t self_signal(lu_process *p, uint32_t sig, int code)
{
    if (sig > LU_MAX_SIGNALS) return -LE_INVAL;
    if (sig != 0) lu_signal_send(p, (int)sig, code);
    return 0;
}

static int64_t sys_kill(lu_process *p, const uint32_t *a)
{
    int32_t pid = (int32_t)a[0];
    if (pid == getpid() || pid == 0) return self_signal(p, a[1], G_SI_USER);
    /* Another process: Linux signal numbers are the host's. */
    return kill(pid, (int)a[1]) < 0 ? lu_host_err(errno) : 0;
}

static int64_t sys_tkill(lu_process *p, const uint32_t *a)
{
    if ((int32_t)a[0] != getpid()) return -LE_SRCH;
    return self_signal(p, a[1], G_SI_TKILL);
}

static int64_t sys_tgkill(lu_process *p, const uint32_t *a)
{
    if ((int32_t)a[0] != getpid() || (int32_t)a[1] != getpid()) return -LE_SRCH;
    return self_signal(p, a[2], G_SI_TKILL);
}

/* prctl: the floating-point exception mode (glibc's feenableexcept sets
 * MSR[FE0,FE1] through it: arch/powerpc/kernel/process.c set_fpexc_mode,
 * FE0 = mode bit 1, FE1 = mode bit 0) and the thread name. */
#define G_PR_GET_FPEXC 11
#define G_PR_SET_FPEXC 12
#define G_PR_SET_NAME  15
#define G_PR_GET_NAME  16
#define MSR_FE0        0x800u
#define MSR_FE1        0x100u

static int64_t sys_prctl(lu_process *p, const uint32_t *a)
{
    ppc_cpu *c = p->cpu;
    switch (a[0]) {
    case G_PR_GET_FPEXC: {
        uint8_t *g = GUEST_W(p, a[1], 4);
        if (!g) return -LE_FAULT;
        uint32_t msr = ppc_get_msr(c);
        store_be32(g, (msr & MSR_FE0 ? 2u : 0) | (msr & MSR_FE1 ? 1u : 0));
        return 0;
    }
    case G_PR_SET_FPEXC: {
        uint32_t mode = a[1];
        if (mode & ~3u) return -LE_INVAL; /* the SPE modes (PR_FP_EXC_SW_ENABLE ...) */
        uint32_t msr = ppc_get_msr(c) & ~(MSR_FE0 | MSR_FE1);
        ppc_set_msr(c, msr | (mode & 2 ? MSR_FE0 : 0) | (mode & 1 ? MSR_FE1 : 0));
        return 0;
    }
    case G_PR_SET_NAME: {
        char *name = lu_mem_strdup(&p->mem, a[1], 4096);
        if (!name) return -LE_FAULT;
        g_strlcpy(p->comm, name, sizeof(p->comm));
        g_free(name);
        return 0;
    }
    case G_PR_GET_NAME: {
        char *g = GUEST_W(p, a[1], 16);
        if (!g) return -LE_FAULT;
        memcpy(g, p->comm, 16);
        return 0;
    }
    default:
        lu_warn_once(p, LU_WARN_PRCTL, "prctl option %u is not supported", a[0]);
        return -LE_INVAL;
    }
}

/* Only FUTEX_WAKE can be answered with one thread: nobody waits. A
 * FUTEX_WAIT whose value still matches would sleep forever. */
static int64_t futex_common(lu_process *p, const uint32_t *a)
{
    uint32_t op = a[1] & 0x7f; /* without FUTEX_PRIVATE_FLAG, CLOCK_REALTIME */
    if (op == 1)               /* FUTEX_WAKE */
        return 0;
    if (op == 0 || op == 9) { /* FUTEX_WAIT, FUTEX_WAIT_BITSET */
        const uint8_t *g = GUEST_R(p, a[0], 4);
        if (!g) return -LE_FAULT;
        if (load_be32(g) != a[2]) return -LE_AGAIN;
        lu_warn_once(p, LU_WARN_FUTEX, "futex wait with no other thread: it would never wake");
        return -LE_INVAL;
    }
    return -LE_NOSYS;
}

static int64_t sys_futex(lu_process *p, const uint32_t *a)
{
    return futex_common(p, a);
}
static int64_t sys_futex_time64(lu_process *p, const uint32_t *a)
{
    return futex_common(p, a);
}

/* ---- the table ----
 *
 * Every number of the 32-bit PowerPC ABI (asm/unistd_32.h, Linux 6.1),
 * in order: SYS has a handler, NOSYS is known by name only. */

#define SYS(nr, name, fn) [nr] = {name, fn}
#define NOSYS(nr, name)   [nr] = {name, NULL}

static const lu_syscall_def table[LU_NSYSCALLS] = {
    /* clang-format off */
    NOSYS(0, "restart_syscall"),
    SYS(1, "exit", sys_exit),
    SYS(2, "fork", sys_fork),
    SYS(3, "read", sys_read),
    SYS(4, "write", sys_write),
    SYS(5, "open", sys_open),
    SYS(6, "close", sys_close),
    SYS(7, "waitpid", sys_waitpid),
    SYS(8, "creat", sys_creat),
    SYS(9, "link", sys_link),
    SYS(10, "unlink", sys_unlink),
    SYS(11, "execve", sys_execve),
    SYS(12, "chdir", sys_chdir),
    SYS(13, "time", sys_time),
    NOSYS(14, "mknod"),
    SYS(15, "chmod", sys_chmod),
    SYS(16, "lchown", sys_lchown),
    NOSYS(17, "break"),
    NOSYS(18, "oldstat"),
    SYS(19, "lseek", sys_lseek),
    SYS(20, "getpid", sys_getpid),
    NOSYS(21, "mount"),
    NOSYS(22, "umount"),
    NOSYS(23, "setuid"),
    SYS(24, "getuid", sys_getuid),
    NOSYS(25, "stime"),
    NOSYS(26, "ptrace"),
    NOSYS(27, "alarm"),
    NOSYS(28, "oldfstat"),
    NOSYS(29, "pause"),
    NOSYS(30, "utime"),
    NOSYS(31, "stty"),
    NOSYS(32, "gtty"),
    SYS(33, "access", sys_access),
    NOSYS(34, "nice"),
    NOSYS(35, "ftime"),
    SYS(36, "sync", sys_sync),
    SYS(37, "kill", sys_kill),
    SYS(38, "rename", sys_rename),
    SYS(39, "mkdir", sys_mkdir),
    SYS(40, "rmdir", sys_rmdir),
    SYS(41, "dup", sys_dup),
    SYS(42, "pipe", sys_pipe),
    SYS(43, "times", sys_times),
    NOSYS(44, "prof"),
    SYS(45, "brk", sys_brk),
    NOSYS(46, "setgid"),
    SYS(47, "getgid", sys_getgid),
    NOSYS(48, "signal"),
    SYS(49, "geteuid", sys_geteuid),
    SYS(50, "getegid", sys_getegid),
    NOSYS(51, "acct"),
    NOSYS(52, "umount2"),
    NOSYS(53, "lock"),
    SYS(54, "ioctl", sys_ioctl),
    SYS(55, "fcntl", sys_fcntl),
    NOSYS(56, "mpx"),
    NOSYS(57, "setpgid"),
    NOSYS(58, "ulimit"),
    NOSYS(59, "oldolduname"),
    SYS(60, "umask", sys_umask),
    NOSYS(61, "chroot"),
    NOSYS(62, "ustat"),
    SYS(63, "dup2", sys_dup2),
    SYS(64, "getppid", sys_getppid),
    SYS(65, "getpgrp", sys_getpgrp),
    NOSYS(66, "setsid"),
    NOSYS(67, "sigaction"),
    NOSYS(68, "sgetmask"),
    NOSYS(69, "ssetmask"),
    NOSYS(70, "setreuid"),
    NOSYS(71, "setregid"),
    NOSYS(72, "sigsuspend"),
    NOSYS(73, "sigpending"),
    NOSYS(74, "sethostname"),
    NOSYS(75, "setrlimit"),
    SYS(76, "getrlimit", sys_ugetrlimit),
    SYS(77, "getrusage", sys_getrusage),
    SYS(78, "gettimeofday", sys_gettimeofday),
    NOSYS(79, "settimeofday"),
    NOSYS(80, "getgroups"),
    NOSYS(81, "setgroups"),
    NOSYS(82, "select"),
    SYS(83, "symlink", sys_symlink),
    NOSYS(84, "oldlstat"),
    SYS(85, "readlink", sys_readlink),
    NOSYS(86, "uselib"),
    NOSYS(87, "swapon"),
    NOSYS(88, "reboot"),
    NOSYS(89, "readdir"),
    SYS(90, "mmap", sys_mmap),
    SYS(91, "munmap", sys_munmap),
    NOSYS(92, "truncate"),
    SYS(93, "ftruncate", sys_ftruncate),
    SYS(94, "fchmod", sys_fchmod),
    SYS(95, "fchown", sys_fchown),
    NOSYS(96, "getpriority"),
    NOSYS(97, "setpriority"),
    NOSYS(98, "profil"),
    NOSYS(99, "statfs"),
    NOSYS(100, "fstatfs"),
    NOSYS(101, "ioperm"),
    NOSYS(102, "socketcall"),
    NOSYS(103, "syslog"),
    NOSYS(104, "setitimer"),
    NOSYS(105, "getitimer"),
    NOSYS(106, "stat"),
    NOSYS(107, "lstat"),
    NOSYS(108, "fstat"),
    NOSYS(109, "olduname"),
    NOSYS(110, "iopl"),
    NOSYS(111, "vhangup"),
    NOSYS(112, "idle"),
    NOSYS(113, "vm86"),
    SYS(114, "wait4", sys_wait4),
    NOSYS(115, "swapoff"),
    SYS(116, "sysinfo", sys_sysinfo),
    NOSYS(117, "ipc"),
    SYS(118, "fsync", sys_fsync),
    NOSYS(119, "sigreturn"),
    SYS(120, "clone", sys_clone),
    NOSYS(121, "setdomainname"),
    SYS(122, "uname", sys_uname),
    NOSYS(123, "modify_ldt"),
    NOSYS(124, "adjtimex"),
    SYS(125, "mprotect", sys_mprotect),
    NOSYS(126, "sigprocmask"),
    NOSYS(127, "create_module"),
    NOSYS(128, "init_module"),
    NOSYS(129, "delete_module"),
    NOSYS(130, "get_kernel_syms"),
    NOSYS(131, "quotactl"),
    SYS(132, "getpgid", sys_getpgid),
    SYS(133, "fchdir", sys_fchdir),
    NOSYS(134, "bdflush"),
    NOSYS(135, "sysfs"),
    NOSYS(136, "personality"),
    NOSYS(137, "afs_syscall"),
    NOSYS(138, "setfsuid"),
    NOSYS(139, "setfsgid"),
    SYS(140, "_llseek", sys__llseek),
    NOSYS(141, "getdents"),
    NOSYS(142, "_newselect"),
    NOSYS(143, "flock"),
    NOSYS(144, "msync"),
    SYS(145, "readv", sys_readv),
    SYS(146, "writev", sys_writev),
    SYS(147, "getsid", sys_getsid),
    SYS(148, "fdatasync", sys_fdatasync),
    NOSYS(149, "_sysctl"),
    NOSYS(150, "mlock"),
    NOSYS(151, "munlock"),
    NOSYS(152, "mlockall"),
    NOSYS(153, "munlockall"),
    NOSYS(154, "sched_setparam"),
    NOSYS(155, "sched_getparam"),
    NOSYS(156, "sched_setscheduler"),
    NOSYS(157, "sched_getscheduler"),
    SYS(158, "sched_yield", sys_sched_yield),
    NOSYS(159, "sched_get_priority_max"),
    NOSYS(160, "sched_get_priority_min"),
    NOSYS(161, "sched_rr_get_interval"),
    SYS(162, "nanosleep", sys_nanosleep),
    SYS(163, "mremap", sys_mremap),
    NOSYS(164, "setresuid"),
    SYS(165, "getresuid", sys_getresuid),
    NOSYS(166, "query_module"),
    SYS(167, "poll", sys_poll),
    NOSYS(168, "nfsservctl"),
    NOSYS(169, "setresgid"),
    SYS(170, "getresgid", sys_getresgid),
    SYS(171, "prctl", sys_prctl),
    SYS(172, "rt_sigreturn", sys_rt_sigreturn),
    SYS(173, "rt_sigaction", sys_rt_sigaction),
    SYS(174, "rt_sigprocmask", sys_rt_sigprocmask),
    SYS(175, "rt_sigpending", sys_rt_sigpending),
    NOSYS(176, "rt_sigtimedwait"),
    NOSYS(177, "rt_sigqueueinfo"),
    SYS(178, "rt_sigsuspend", sys_rt_sigsuspend),
    SYS(179, "pread64", sys_pread64),
    SYS(180, "pwrite64", sys_pwrite64),
    SYS(181, "chown", sys_chown),
    SYS(182, "getcwd", sys_getcwd),
    NOSYS(183, "capget"),
    NOSYS(184, "capset"),
    SYS(185, "sigaltstack", sys_sigaltstack),
    NOSYS(186, "sendfile"),
    NOSYS(187, "getpmsg"),
    NOSYS(188, "putpmsg"),
    SYS(189, "vfork", sys_vfork),
    SYS(190, "ugetrlimit", sys_ugetrlimit),
    NOSYS(191, "readahead"),
    SYS(192, "mmap2", sys_mmap2),
    SYS(193, "truncate64", sys_truncate64),
    SYS(194, "ftruncate64", sys_ftruncate64),
    SYS(195, "stat64", sys_stat64),
    SYS(196, "lstat64", sys_lstat64),
    SYS(197, "fstat64", sys_fstat64),
    NOSYS(198, "pciconfig_read"),
    NOSYS(199, "pciconfig_write"),
    NOSYS(200, "pciconfig_iobase"),
    NOSYS(201, "multiplexer"),
    SYS(202, "getdents64", sys_getdents64),
    NOSYS(203, "pivot_root"),
    SYS(204, "fcntl64", sys_fcntl64),
    SYS(205, "madvise", sys_madvise),
    NOSYS(206, "mincore"),
    SYS(207, "gettid", sys_gettid),
    SYS(208, "tkill", sys_tkill),
    NOSYS(209, "setxattr"),
    NOSYS(210, "lsetxattr"),
    NOSYS(211, "fsetxattr"),
    NOSYS(212, "getxattr"),
    NOSYS(213, "lgetxattr"),
    NOSYS(214, "fgetxattr"),
    NOSYS(215, "listxattr"),
    NOSYS(216, "llistxattr"),
    NOSYS(217, "flistxattr"),
    NOSYS(218, "removexattr"),
    NOSYS(219, "lremovexattr"),
    NOSYS(220, "fremovexattr"),
    SYS(221, "futex", sys_futex),
    NOSYS(222, "sched_setaffinity"),
    SYS(223, "sched_getaffinity", sys_sched_getaffinity),
    NOSYS(225, "tuxcall"),
    NOSYS(226, "sendfile64"),
    NOSYS(227, "io_setup"),
    NOSYS(228, "io_destroy"),
    NOSYS(229, "io_getevents"),
    NOSYS(230, "io_submit"),
    NOSYS(231, "io_cancel"),
    SYS(232, "set_tid_address", sys_set_tid_address),
    SYS(233, "fadvise64", sys_fadvise64),
    SYS(234, "exit_group", sys_exit),
    NOSYS(235, "lookup_dcookie"),
    NOSYS(236, "epoll_create"),
    NOSYS(237, "epoll_ctl"),
    NOSYS(238, "epoll_wait"),
    NOSYS(239, "remap_file_pages"),
    NOSYS(240, "timer_create"),
    NOSYS(241, "timer_settime"),
    NOSYS(242, "timer_gettime"),
    NOSYS(243, "timer_getoverrun"),
    NOSYS(244, "timer_delete"),
    NOSYS(245, "clock_settime"),
    SYS(246, "clock_gettime", sys_clock_gettime),
    SYS(247, "clock_getres", sys_clock_getres),
    SYS(248, "clock_nanosleep", sys_clock_nanosleep),
    NOSYS(249, "swapcontext"),
    SYS(250, "tgkill", sys_tgkill),
    NOSYS(251, "utimes"),
    NOSYS(252, "statfs64"),
    NOSYS(253, "fstatfs64"),
    SYS(254, "fadvise64_64", sys_fadvise64_64),
    NOSYS(255, "rtas"),
    NOSYS(256, "sys_debug_setcontext"),
    NOSYS(258, "migrate_pages"),
    NOSYS(259, "mbind"),
    NOSYS(260, "get_mempolicy"),
    NOSYS(261, "set_mempolicy"),
    NOSYS(262, "mq_open"),
    NOSYS(263, "mq_unlink"),
    NOSYS(264, "mq_timedsend"),
    NOSYS(265, "mq_timedreceive"),
    NOSYS(266, "mq_notify"),
    NOSYS(267, "mq_getsetattr"),
    NOSYS(268, "kexec_load"),
    NOSYS(269, "add_key"),
    NOSYS(270, "request_key"),
    NOSYS(271, "keyctl"),
    NOSYS(272, "waitid"),
    NOSYS(273, "ioprio_set"),
    NOSYS(274, "ioprio_get"),
    NOSYS(275, "inotify_init"),
    NOSYS(276, "inotify_add_watch"),
    NOSYS(277, "inotify_rm_watch"),
    NOSYS(278, "spu_run"),
    NOSYS(279, "spu_create"),
    NOSYS(280, "pselect6"),
    NOSYS(281, "ppoll"),
    NOSYS(282, "unshare"),
    NOSYS(283, "splice"),
    NOSYS(284, "tee"),
    NOSYS(285, "vmsplice"),
    SYS(286, "openat", sys_openat),
    SYS(287, "mkdirat", sys_mkdirat),
    NOSYS(288, "mknodat"),
    SYS(289, "fchownat", sys_fchownat),
    NOSYS(290, "futimesat"),
    SYS(291, "fstatat64", sys_fstatat64),
    SYS(292, "unlinkat", sys_unlinkat),
    SYS(293, "renameat", sys_renameat),
    NOSYS(294, "linkat"),
    NOSYS(295, "symlinkat"),
    SYS(296, "readlinkat", sys_readlinkat),
    SYS(297, "fchmodat", sys_fchmodat),
    SYS(298, "faccessat", sys_faccessat),
    NOSYS(299, "get_robust_list"),
    SYS(300, "set_robust_list", sys_set_robust_list),
    NOSYS(301, "move_pages"),
    NOSYS(302, "getcpu"),
    NOSYS(303, "epoll_pwait"),
    SYS(304, "utimensat", sys_utimensat),
    NOSYS(305, "signalfd"),
    NOSYS(306, "timerfd_create"),
    NOSYS(307, "eventfd"),
    NOSYS(308, "sync_file_range2"),
    NOSYS(309, "fallocate"),
    NOSYS(310, "subpage_prot"),
    NOSYS(311, "timerfd_settime"),
    NOSYS(312, "timerfd_gettime"),
    NOSYS(313, "signalfd4"),
    NOSYS(314, "eventfd2"),
    NOSYS(315, "epoll_create1"),
    SYS(316, "dup3", sys_dup3),
    SYS(317, "pipe2", sys_pipe2),
    NOSYS(318, "inotify_init1"),
    NOSYS(319, "perf_event_open"),
    NOSYS(320, "preadv"),
    NOSYS(321, "pwritev"),
    NOSYS(322, "rt_tgsigqueueinfo"),
    NOSYS(323, "fanotify_init"),
    NOSYS(324, "fanotify_mark"),
    SYS(325, "prlimit64", sys_prlimit64),
    NOSYS(326, "socket"),
    NOSYS(327, "bind"),
    NOSYS(328, "connect"),
    NOSYS(329, "listen"),
    NOSYS(330, "accept"),
    NOSYS(331, "getsockname"),
    NOSYS(332, "getpeername"),
    NOSYS(333, "socketpair"),
    NOSYS(334, "send"),
    NOSYS(335, "sendto"),
    NOSYS(336, "recv"),
    NOSYS(337, "recvfrom"),
    NOSYS(338, "shutdown"),
    NOSYS(339, "setsockopt"),
    NOSYS(340, "getsockopt"),
    NOSYS(341, "sendmsg"),
    NOSYS(342, "recvmsg"),
    NOSYS(343, "recvmmsg"),
    NOSYS(344, "accept4"),
    NOSYS(345, "name_to_handle_at"),
    NOSYS(346, "open_by_handle_at"),
    NOSYS(347, "clock_adjtime"),
    NOSYS(348, "syncfs"),
    NOSYS(349, "sendmmsg"),
    NOSYS(350, "setns"),
    NOSYS(351, "process_vm_readv"),
    NOSYS(352, "process_vm_writev"),
    NOSYS(353, "finit_module"),
    NOSYS(354, "kcmp"),
    NOSYS(355, "sched_setattr"),
    NOSYS(356, "sched_getattr"),
    SYS(357, "renameat2", sys_renameat2),
    NOSYS(358, "seccomp"),
    SYS(359, "getrandom", sys_getrandom),
    NOSYS(360, "memfd_create"),
    NOSYS(361, "bpf"),
    NOSYS(362, "execveat"),
    NOSYS(363, "switch_endian"),
    NOSYS(364, "userfaultfd"),
    NOSYS(365, "membarrier"),
    NOSYS(378, "mlock2"),
    NOSYS(379, "copy_file_range"),
    NOSYS(380, "preadv2"),
    NOSYS(381, "pwritev2"),
    NOSYS(382, "kexec_file_load"),
    SYS(383, "statx", sys_statx),
    NOSYS(384, "pkey_alloc"),
    NOSYS(385, "pkey_free"),
    NOSYS(386, "pkey_mprotect"),
    SYS(387, "rseq", sys_rseq),
    NOSYS(388, "io_pgetevents"),
    NOSYS(393, "semget"),
    NOSYS(394, "semctl"),
    NOSYS(395, "shmget"),
    NOSYS(396, "shmctl"),
    NOSYS(397, "shmat"),
    NOSYS(398, "shmdt"),
    NOSYS(399, "msgget"),
    NOSYS(400, "msgsnd"),
    NOSYS(401, "msgrcv"),
    NOSYS(402, "msgctl"),
    SYS(403, "clock_gettime64", sys_clock_gettime64),
    NOSYS(404, "clock_settime64"),
    NOSYS(405, "clock_adjtime64"),
    SYS(406, "clock_getres_time64", sys_clock_getres_time64),
    SYS(407, "clock_nanosleep_time64", sys_clock_nanosleep_time64),
    NOSYS(408, "timer_gettime64"),
    NOSYS(409, "timer_settime64"),
    NOSYS(410, "timerfd_gettime64"),
    NOSYS(411, "timerfd_settime64"),
    SYS(412, "utimensat_time64", sys_utimensat_time64),
    NOSYS(413, "pselect6_time64"),
    NOSYS(414, "ppoll_time64"),
    NOSYS(416, "io_pgetevents_time64"),
    NOSYS(417, "recvmmsg_time64"),
    NOSYS(418, "mq_timedsend_time64"),
    NOSYS(419, "mq_timedreceive_time64"),
    NOSYS(420, "semtimedop_time64"),
    NOSYS(421, "rt_sigtimedwait_time64"),
    SYS(422, "futex_time64", sys_futex_time64),
    NOSYS(423, "sched_rr_get_interval_time64"),
    NOSYS(424, "pidfd_send_signal"),
    NOSYS(425, "io_uring_setup"),
    NOSYS(426, "io_uring_enter"),
    NOSYS(427, "io_uring_register"),
    NOSYS(428, "open_tree"),
    NOSYS(429, "move_mount"),
    NOSYS(430, "fsopen"),
    NOSYS(431, "fsconfig"),
    NOSYS(432, "fsmount"),
    NOSYS(433, "fspick"),
    NOSYS(434, "pidfd_open"),
    SYS(435, "clone3", sys_clone3),
    NOSYS(436, "close_range"),
    NOSYS(437, "openat2"),
    NOSYS(438, "pidfd_getfd"),
    SYS(439, "faccessat2", sys_faccessat2),
    NOSYS(440, "process_madvise"),
    NOSYS(441, "epoll_pwait2"),
    NOSYS(442, "mount_setattr"),
    NOSYS(443, "quotactl_fd"),
    NOSYS(444, "landlock_create_ruleset"),
    NOSYS(445, "landlock_add_rule"),
    NOSYS(446, "landlock_restrict_self"),
    NOSYS(448, "process_mrelease"),
    NOSYS(449, "futex_waitv"),
    NOSYS(450, "set_mempolicy_home_node"),
    /* clang-format on */
};

static int64_t dispatch(lu_process *p, uint32_t nr, const uint32_t *a)
{
    const lu_syscall_def *d = nr < LU_NSYSCALLS ? &table[nr] : NULL;
    if (d && d->fn) return d->fn(p, a);
    if (nr >= LU_NSYSCALLS) {
        lu_warn_once(p, LU_WARN_UNKNOWN_NR,
                     "unknown system call %u: returning ENOSYS (further unknown numbers are "
                     "not reported)",
                     nr);
    } else if (!(p->warned[nr / 8] & (1u << (nr % 8)))) {
        p->warned[nr / 8] |= (uint8_t)(1u << (nr % 8));
        if (d->name)
            fprintf(stderr, "clarus-user: unimplemented system call %u (%s): returning ENOSYS\n",
                    nr, d->name);
        else
            fprintf(stderr, "clarus-user: unknown system call %u: returning ENOSYS\n", nr);
    }
    return -LE_NOSYS;
}

void lu_syscall(void *ctx, ppc_cpu *cpu)
{
    lu_process *p = ctx;
    uint32_t nr = ppc_get_gpr(cpu, 0);
    uint32_t a[6];
    for (unsigned i = 0; i < 6; i++) a[i] = ppc_get_gpr(cpu, 3 + i);
    int64_t r = dispatch(p, nr, a);
    if (p->strace) {
        const char *name = nr < LU_NSYSCALLS && table[nr].name ? table[nr].name : "?";
        fprintf(stderr, "[%u] %s(0x%x, 0x%x, 0x%x, 0x%x) = %lld\n", nr, name, a[0], a[1], a[2],
                a[3], (long long)r);
    }
    lu_mem_commit(&p->mem);
    if (p->exited) return;
    uint32_t cr = ppc_get_cr(cpu);
    if (r < 0 && r >= -4095) {
        ppc_set_gpr(cpu, 3, (uint32_t)-r);
        ppc_set_cr(cpu, cr | 0x10000000u); /* CR0[SO] */
    } else {
        ppc_set_gpr(cpu, 3, (uint32_t)r);
        ppc_set_cr(cpu, cr & ~0x10000000u);
    }
}
