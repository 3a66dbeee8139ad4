/* clarus-user: processes: clone/clone3 in their fork and vfork forms,
 * wait4, execve.
 *
 * A forked child is a fork of the whole emulator: the host copies the
 * guest's memory (copy-on-write) with everything else, so the child goes on
 * from the same instruction with r3 = 0, as clone(2) describes. A vfork
 * (CLONE_VM | CLONE_VFORK, what posix_spawn and system use) is run as a
 * fork: the child gets a copy of memory instead of sharing it, which only
 * shows if the child writes memory before it calls execve or _exit.
 * Threads (CLONE_VM without CLONE_VFORK) are not supported.
 *
 * execve of a 32-bit PowerPC ELF starts a new clarus-user on it; any other
 * file is handed to the host's execve, so system("ls") runs the host's
 * shell, as in qemu-user without binfmt_misc. */
#define _DEFAULT_SOURCE
#include "ui/user/sys_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "bits.h"

#define G_CSIGNAL              0x000000ffu
#define G_CLONE_VM             0x00000100u
#define G_CLONE_VFORK          0x00004000u
#define G_CLONE_PARENT_SETTID  0x00100000u
#define G_CLONE_CHILD_CLEARTID 0x00200000u
#define G_CLONE_CHILD_SETTID   0x01000000u

/* Flags a fork-like clone may carry. */
#define FORK_FLAGS                                                                                 \
    (G_CSIGNAL | G_CLONE_VM | G_CLONE_VFORK | G_CLONE_PARENT_SETTID | G_CLONE_CHILD_CLEARTID |     \
     G_CLONE_CHILD_SETTID)

static int64_t do_fork(lu_process *p, uint32_t flags, uint32_t child_sp, uint32_t parent_tid,
                       uint32_t child_tid)
{
    if ((flags & ~FORK_FLAGS) || ((flags & G_CLONE_VM) && !(flags & G_CLONE_VFORK))) {
        lu_warn_once(p, LU_WARN_CLONE,
                     "clone flags 0x%x ask for a thread: threads are not supported", flags);
        return -LE_INVAL;
    }
    uint8_t *ptid = NULL, *ctid = NULL;
    if ((flags & G_CLONE_PARENT_SETTID) && !(ptid = GUEST_W(p, parent_tid, 4))) return -LE_FAULT;
    if ((flags & G_CLONE_CHILD_SETTID) && !(ctid = GUEST_W(p, child_tid, 4))) return -LE_FAULT;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) return lu_host_err(errno);
    if (pid == 0) {
        /* The child: its own thread id, its stack if one was given. */
        if (ctid) store_be32(ctid, (uint32_t)getpid());
        if (flags & G_CLONE_CHILD_CLEARTID) p->tid_address = child_tid;
        if (child_sp) ppc_set_gpr(p->cpu, 1, child_sp);
        p->sig_pending = 0;
        return 0;
    }
    if (ptid) store_be32(ptid, (uint32_t)pid);
    return pid;
}

int64_t sys_clone(lu_process *p, const uint32_t *a)
{
    /* ppc32 order: flags, newsp, parent_tidptr, tls, child_tidptr. */
    return do_fork(p, a[0], a[1], a[2], a[4]);
}

int64_t sys_clone3(lu_process *p, const uint32_t *a)
{
    /* struct clone_args: u64 flags, pidfd, child_tid, parent_tid,
     * exit_signal, stack, stack_size, tls, ... */
    if (a[1] < 64) return -LE_INVAL;
    const uint8_t *g = GUEST_R(p, a[0], 64);
    if (!g) return -LE_FAULT;
    uint64_t v[8];
    for (int i = 0; i < 8; i++)
        v[i] = (uint64_t)load_be32(g + 8 * i) << 32 | load_be32(g + 8 * i + 4);
    if ((v[0] >> 32) || (v[4] & ~0xffull) || (v[0] & G_CSIGNAL)) return -LE_INVAL;
    uint32_t sp = v[5] ? (uint32_t)(v[5] + v[6]) : 0;
    return do_fork(p, (uint32_t)v[0] | (uint32_t)v[4], sp, (uint32_t)v[3], (uint32_t)v[2]);
}

int64_t sys_fork(lu_process *p, const uint32_t *a)
{
    return do_fork(p, 17 /* SIGCHLD */, 0, 0, 0);
}

int64_t sys_vfork(lu_process *p, const uint32_t *a)
{
    return do_fork(p, G_CLONE_VM | G_CLONE_VFORK | 17, 0, 0, 0);
}

/* struct rusage (ppc32): two timevals, then 14 longs. */
void lu_put_rusage(uint8_t *g, const struct rusage *ru)
{
    store_be32(g, (uint32_t)ru->ru_utime.tv_sec);
    store_be32(g + 4, (uint32_t)ru->ru_utime.tv_usec);
    store_be32(g + 8, (uint32_t)ru->ru_stime.tv_sec);
    store_be32(g + 12, (uint32_t)ru->ru_stime.tv_usec);
    long rest[14] = {ru->ru_maxrss, ru->ru_ixrss,    ru->ru_idrss,   ru->ru_isrss,   ru->ru_minflt,
                     ru->ru_majflt, ru->ru_nswap,    ru->ru_inblock, ru->ru_oublock, ru->ru_msgsnd,
                     ru->ru_msgrcv, ru->ru_nsignals, ru->ru_nvcsw,   ru->ru_nivcsw};
    for (int i = 0; i < 14; i++) store_be32(g + 16 + 4 * i, (uint32_t)rest[i]);
}

int64_t sys_wait4(lu_process *p, const uint32_t *a)
{
    uint8_t *st = NULL, *ru = NULL;
    if (a[1] && !(st = GUEST_W(p, a[1], 4))) return -LE_FAULT;
    if (a[3] && !(ru = GUEST_W(p, a[3], 72))) return -LE_FAULT;
    /* WNOHANG, WUNTRACED, WCONTINUED, __WALL ... have the host's values;
     * so does the status word's encoding. */
    int status = 0;
    struct rusage r;
    pid_t pid = wait4((pid_t)(int32_t)a[0], &status, (int)a[2], &r);
    if (pid < 0) return lu_host_err(errno);
    if (pid > 0 && st) store_be32(st, (uint32_t)status);
    if (pid > 0 && ru) lu_put_rusage(ru, &r);
    return pid;
}

int64_t sys_waitpid(lu_process *p, const uint32_t *a)
{
    const uint32_t b[6] = {a[0], a[1], a[2], 0, 0, 0};
    return sys_wait4(p, b);
}

/* A NULL-terminated guest array of strings; NULL on a bad pointer. */
static char **get_strv(lu_process *p, uint32_t addr, int64_t *err)
{
    GPtrArray *v = g_ptr_array_new_with_free_func(g_free);
    for (uint32_t i = 0; addr; i++) {
        const uint8_t *slot = GUEST_R(p, addr + 4 * i, 4);
        if (!slot || i > 65536) {
            *err = slot ? -LE_INVAL : -LE_FAULT;
            g_ptr_array_free(v, TRUE);
            return NULL;
        }
        uint32_t s = load_be32(slot);
        if (!s) break;
        char *str = lu_mem_strdup(&p->mem, s, 1u << 20);
        if (!str) {
            *err = -LE_FAULT;
            g_ptr_array_free(v, TRUE);
            return NULL;
        }
        g_ptr_array_add(v, str);
    }
    g_ptr_array_add(v, NULL);
    return (char **)g_ptr_array_free(v, FALSE);
}

/* Is the file a 32-bit big-endian PowerPC ELF? */
static bool is_ppc_elf(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    uint8_t h[20];
    ssize_t n = read(fd, h, sizeof(h));
    close(fd);
    return n == (ssize_t)sizeof(h) && memcmp(h, "\177ELF", 4) == 0 && h[4] == 1 && h[5] == 2 &&
           load_be16(h + 18) == 20;
}

int64_t sys_execve(lu_process *p, const uint32_t *a)
{
    int64_t err = 0;
    char *path = lu_mem_strdup(&p->mem, a[0], LU_PATH_MAX);
    if (!path) return -LE_FAULT;
    char **argv = get_strv(p, a[1], &err);
    char **envp = argv ? get_strv(p, a[2], &err) : NULL;
    if (!argv || !envp) {
        g_free(path);
        g_strfreev(argv);
        return err;
    }
    fflush(stdout);
    fflush(stderr);
    if (access(path, X_OK) < 0) {
        err = lu_host_err(errno);
    } else if (is_ppc_elf(path) && p->self_exe) {
        /* clarus-user --cpu MODEL --argv0 ARGV0 -- PATH ARGS... */
        guint n = g_strv_length(argv);
        char **v = g_new0(char *, n + 8);
        int k = 0;
        v[k++] = (char *)p->self_exe;
        v[k++] = (char *)"--cpu";
        v[k++] = (char *)ppc_model_name(p->model);
        if (n > 0) {
            v[k++] = (char *)"--argv0";
            v[k++] = argv[0];
        }
        v[k++] = (char *)"--";
        v[k++] = path;
        for (guint i = 1; i < n; i++) v[k++] = argv[i];
        execve(p->self_exe, v, envp);
        err = lu_host_err(errno);
        g_free(v);
    } else {
        execve(path, argv, envp);
        err = lu_host_err(errno);
    }
    g_free(path);
    g_strfreev(argv);
    g_strfreev(envp);
    return err;
}
