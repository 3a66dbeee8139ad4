/* clarus-user: runs a static 32-bit big-endian PowerPC Linux program on the
 * PowerPC core in user mode, the way qemu-ppc does.
 *
 * The guest sees a Linux process: its ELF segments, a stack laid out as
 * the "System V ABI PowerPC Processor Supplement" (section "Process
 * Initialization") and the Linux ELF loader describe it, and the system
 * calls of the Linux 32-bit PowerPC ABI (number in r0, arguments in
 * r3-r8, result in r3, failure flagged by CR0[SO] with a positive errno
 * in r3). Translation is off, so a guest virtual address is the guest
 * physical address on the core's bus.
 *
 * Guest memory lives in one host reservation of 4 GiB: guest address A is
 * host byte mem.host[A]. Each run of mapped, accessible guest pages is a
 * RAM region of the core's mm_space; an access to anything else misses
 * every region and reaches the core's fault path (a DSI or ISI). Known
 * gap: a store to a read-only page (PROT_READ text or rodata) succeeds,
 * where Linux would raise SIGSEGV: the bus has no read-only RAM whose
 * writes fault.
 *
 * Not implemented: threads, timers and signals from outside (alarm,
 * setitimer), sockets; each such call returns ENOSYS and is named on
 * stderr once (clone asking for a thread gets EINVAL and a warning).
 */
#ifndef CLARUS_LINUX_USER_H
#define CLARUS_LINUX_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memmap.h"
#include "ppc/ppc.h"

#define LU_PAGE_SIZE   4096u
#define LU_PAGE_SHIFT  12
#define LU_NPAGES      (1u << 20)  /* 4 GiB of 4 KiB pages */
#define LU_TASK_SIZE   0xc0000000u /* top of user space (ppc32 Linux TASK_SIZE) */
#define LU_STACK_SIZE  (8u << 20)  /* the default RLIMIT_STACK */
#define LU_MIN_ADDR    0x10000u    /* Linux's default vm.mmap_min_addr */
#define LU_MMAP_TOP    0xb0000000u /* mmap searches downwards from here */
#define LU_NSYSCALLS   460u        /* numbers above the table are unknown */
#define LU_MAX_SIGNALS 64

/* Guest page protections (the PROT_* values of the Linux ABI). */
#define LU_PROT_READ   1u
#define LU_PROT_WRITE  2u
#define LU_PROT_EXEC   4u
#define LU_PAGE_MAPPED 0x80u /* set for every mapped page, even PROT_NONE */

/* A run of accessible guest pages registered with the mm_space. */
typedef struct lu_run {
    uint32_t first, count; /* pages */
    int region;
} lu_run;

typedef struct lu_mem {
    uint8_t *host;    /* the 4 GiB reservation */
    size_t host_page; /* the host's page size */
    uint8_t *page;    /* per guest page: LU_PAGE_MAPPED | LU_PROT_* or 0 */
    mm_space *mm;
    lu_run *runs;
    size_t nruns, cap;
    bool dirty; /* regions changed since the last mm_commit */
    uint32_t brk_start, brk;
} lu_mem;

/* What the ELF loader found. */
typedef struct lu_image {
    uint32_t entry;
    uint32_t phdr; /* guest address of the program headers */
    uint32_t phnum, phent;
    uint32_t end; /* end of the highest segment: the initial break */
} lu_image;

/* One system call: the handler returns the result, or -errno. */
typedef struct lu_process lu_process;
typedef int64_t (*lu_syscall_fn)(lu_process *p, const uint32_t *a);
typedef struct lu_syscall_def {
    const char *name;
    lu_syscall_fn fn; /* NULL: known to the ABI, not implemented */
} lu_syscall_def;

typedef struct lu_sigaction {
    uint32_t handler, flags, restorer;
    uint64_t mask;
} lu_sigaction;

struct lu_process {
    lu_mem mem;
    ppc_cpu *cpu;
    ppc_model model;
    uint64_t core_hz, timebase_hz;
    const char *exe_path;  /* absolute host path, for /proc/self/exe */
    const char *self_exe;  /* clarus-user itself, for execve */
    const char *exec_name; /* the program path as given: AT_EXECFN */
    bool exited;
    int exit_status;
    bool strace; /* --strace: log every call on stderr */
    uint8_t warned[(LU_NSYSCALLS + 7) / 8];
    uint32_t once_flags; /* other one-time warnings (LU_WARN_*) */
    uint32_t tid_address;
    /* Signals (signal.c): bit n-1 stands for signal n. */
    uint64_t sigmask;
    uint64_t sig_pending;
    uint64_t sig_forced; /* pending fault signals: delivered even if blocked */
    bool sigreturn_pending;
    bool restore_mask; /* rt_sigsuspend: the mask to put back is saved_mask */
    uint64_t saved_mask;
    uint32_t altstack_sp, altstack_size; /* sigaltstack; size 0: none */
    char comm[16];                       /* prctl PR_SET_NAME */
    lu_sigaction sigactions[LU_MAX_SIGNALS + 1];
    struct {
        int code;
        uint32_t addr;
    } siginfo[LU_MAX_SIGNALS + 1];
};

enum {
    LU_WARN_MMAP_SHARED = 1u << 0,
    LU_WARN_IOCTL = 1u << 1,
    LU_WARN_SIGNAL = 1u << 2,
    LU_WARN_FUTEX = 1u << 3,
    LU_WARN_FCNTL = 1u << 4,
    LU_WARN_SIGSUSPEND = 1u << 5,
    LU_WARN_PRCTL = 1u << 6,
    LU_WARN_UNKNOWN_NR = 1u << 7,
    LU_WARN_CLONE = 1u << 8,
};

/* ---- guest memory (guest_mem.c) ---- */

bool lu_mem_init(lu_mem *m, const char **err);
void lu_mem_destroy(lu_mem *m);
/* Maps [addr, addr+len) (page-aligned) as fresh zeroed memory; replaces
 * any mapping there. */
bool lu_mem_map(lu_mem *m, uint32_t addr, uint32_t len, unsigned prot);
/* Like lu_mem_map, but keeps the contents of pages already mapped there
 * and adds prot to theirs (the ELF loader: two segments in one page). */
bool lu_mem_map_keep(lu_mem *m, uint32_t addr, uint32_t len, unsigned prot);
void lu_mem_unmap(lu_mem *m, uint32_t addr, uint32_t len);
/* MADV_DONTNEED on private anonymous memory: the pages read as zero. */
void lu_mem_discard(lu_mem *m, uint32_t addr, uint32_t len);
/* false if some page of the range is not mapped. */
bool lu_mem_protect(lu_mem *m, uint32_t addr, uint32_t len, unsigned prot);
/* A free range of len bytes, searched downwards from below `top`; 0 if
 * none. */
uint32_t lu_mem_find_free(const lu_mem *m, uint32_t len, uint32_t top);
bool lu_mem_range_free(const lu_mem *m, uint32_t addr, uint32_t len);
/* Applies region changes to the bus (mm_commit). */
void lu_mem_commit(lu_mem *m);
/* Host pointer for guest [addr, addr+len) if every page has `prot`
 * (LU_PROT_READ and/or LU_PROT_WRITE), else NULL. len 0 is allowed. */
void *lu_mem_ptr(const lu_mem *m, uint32_t addr, uint32_t len, unsigned prot);
/* Copies a NUL-terminated guest string into a new host buffer (g_free);
 * NULL if it is not readable or longer than max. */
char *lu_mem_strdup(const lu_mem *m, uint32_t addr, size_t max);

static inline uint32_t lu_page_up(uint32_t v)
{
    return (v + LU_PAGE_SIZE - 1) & ~(LU_PAGE_SIZE - 1);
}

/* ---- ELF loading (elf_load.c) ---- */

/* Loads the program: on failure returns false with a message in err. */
bool lu_elf_load(lu_mem *m, const char *path, lu_image *img, char *err, size_t errlen);

/* ---- start-up (stack.c) ---- */

/* Maps the stack, lays out argc/argv/envp/auxv and sets the entry
 * registers. false with a message on failure. */
bool lu_setup_process(lu_process *p, const lu_image *img, int argc, char **argv, char **envp,
                      char *err, size_t errlen);

/* ---- system calls (syscalls.c) ---- */

void lu_syscall(void *ctx, ppc_cpu *cpu);
/* Ends the program with a status (exit, exit_group, fatal signals). */
void lu_exit(lu_process *p, int status);
/* The program is terminated by signal signo (default action). */
void lu_kill_by_signal(lu_process *p, int signo, const char *what);

/* ---- signals (signal.c) ---- */

/* The program sends itself sig (si_code code): queued for delivery when
 * the core stops. */
void lu_signal_send(lu_process *p, int sig, int code);
/* A fault's signal: delivered to a handler, else the program ends. */
void lu_signal_fault(lu_process *p, int sig, int code, uint32_t addr, const char *what);
/* Between two ppc_run calls: rt_sigreturn and pending deliveries. */
void lu_signal_between_runs(lu_process *p);
bool lu_signal_deliverable(const lu_process *p);

/* ---- faults (fault.c) ---- */

void lu_user_fault(void *ctx, ppc_cpu *cpu, uint32_t vector, uint32_t srr1);

#endif
