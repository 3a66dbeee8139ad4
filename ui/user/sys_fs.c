/* clarus-user: file and descriptor system calls.
 *
 * Guest descriptors are host descriptors, as in qemu-user. Structures are
 * converted field by field to the 32-bit PowerPC layouts of the kernel
 * headers (arch/powerpc/include/uapi/asm/stat.h struct stat64,
 * include/uapi/linux/stat.h struct statx, asm/termbits.h struct termios,
 * asm/fcntl.h open flags, which differ from other architectures for
 * O_DIRECTORY, O_NOFOLLOW, O_LARGEFILE and O_DIRECT). */
/* Not _GNU_SOURCE: with -I core, <pthread.h> (through glib.h) would then
 * find core/sched.h instead of the system <sched.h>. */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include "ui/user/sys_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <termios.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

/* Linux host flags that <fcntl.h> names only under _GNU_SOURCE. */
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef O_DIRECT
#define O_DIRECT __O_DIRECT
#endif
#ifndef O_NOATIME
#define O_NOATIME __O_NOATIME
#endif
#ifndef O_PATH
#define O_PATH __O_PATH
#endif
#ifndef O_TMPFILE
#define O_TMPFILE (__O_TMPFILE | O_DIRECTORY)
#endif

#include "bits.h"

#define G_AT_FDCWD            (-100)
#define G_AT_SYMLINK_NOFOLLOW 0x100
#define G_AT_REMOVEDIR        0x200
#define G_AT_EACCESS          0x200
#define G_AT_SYMLINK_FOLLOW   0x400
#define G_AT_EMPTY_PATH       0x1000

/* ---- helpers ---- */

static int host_dirfd(uint32_t fd)
{
    return (int32_t)fd == G_AT_FDCWD ? AT_FDCWD : (int)(int32_t)fd;
}

/* Reads a path argument; on failure returns NULL and sets *err. */
static char *get_path(lu_process *p, uint32_t addr, int64_t *err)
{
    char *s = lu_mem_strdup(&p->mem, addr, LU_PATH_MAX);
    if (!s) *err = lu_mem_ptr(&p->mem, addr, 1, LU_PROT_READ) ? -LE_NAMETOOLONG : -LE_FAULT;
    return s;
}

/* /proc/self/exe names the program, not the emulator. */
static const char *redirect_path(lu_process *p, const char *path)
{
    if (strcmp(path, "/proc/self/exe") == 0 && p->exe_path) return p->exe_path;
    return path;
}

static int64_t ret_host(long r)
{
    return r < 0 ? lu_host_err(errno) : (int64_t)r;
}

/* A write to a pipe with no reader: EPIPE, and SIGPIPE for the program. */
static int64_t ret_write(lu_process *p, long r)
{
    if (r < 0 && errno == EPIPE) lu_signal_send(p, SIGPIPE, 0);
    return ret_host(r);
}

/* ---- open flags ---- */

static const struct {
    uint32_t guest;
    int host;
} open_flags[] = {
    {0100, O_CREAT},       {0200, O_EXCL},
    {0400, O_NOCTTY},      {01000, O_TRUNC},
    {02000, O_APPEND},     {04000, O_NONBLOCK},
    {010000, O_DSYNC},     {020000, O_ASYNC},
    {040000, O_DIRECTORY}, {0100000, O_NOFOLLOW},
    {0400000, O_DIRECT},   {01000000, O_NOATIME},
    {02000000, O_CLOEXEC}, {04000000, O_SYNC & ~O_DSYNC},
    {010000000, O_PATH},   {020000000, O_TMPFILE & ~O_DIRECTORY},
};
#define G_O_LARGEFILE 0200000u

static int open_flags_to_host(uint32_t g)
{
    int h = (int)(g & 3);
    for (size_t i = 0; i < G_N_ELEMENTS(open_flags); i++)
        if (g & open_flags[i].guest) h |= open_flags[i].host;
    return h;
}

static uint32_t open_flags_to_guest(int h)
{
    uint32_t g = (uint32_t)h & 3;
    for (size_t i = 0; i < G_N_ELEMENTS(open_flags); i++)
        if (open_flags[i].host && (h & open_flags[i].host) == open_flags[i].host)
            g |= open_flags[i].guest;
    /* A 32-bit program sees O_LARGEFILE on files opened with it; the host
     * (64-bit) has no such flag. glibc always passes it. */
    return g | G_O_LARGEFILE;
}

/* ---- read, write ---- */

int64_t sys_read(lu_process *p, const uint32_t *a)
{
    void *buf = GUEST_W(p, a[1], a[2]);
    if (!buf) return -LE_FAULT;
    return ret_host(read((int)a[0], buf, a[2]));
}

int64_t sys_write(lu_process *p, const uint32_t *a)
{
    const void *buf = GUEST_R(p, a[1], a[2]);
    if (!buf) return -LE_FAULT;
    return ret_write(p, write((int)a[0], buf, a[2]));
}

int64_t sys_pread64(lu_process *p, const uint32_t *a)
{
    /* 64-bit offset in an aligned register pair: r7 (high), r8 (low). */
    void *buf = GUEST_W(p, a[1], a[2]);
    if (!buf) return -LE_FAULT;
    return ret_host(pread((int)a[0], buf, a[2], (off_t)((uint64_t)a[4] << 32 | a[5])));
}

int64_t sys_pwrite64(lu_process *p, const uint32_t *a)
{
    const void *buf = GUEST_R(p, a[1], a[2]);
    if (!buf) return -LE_FAULT;
    return ret_write(p, pwrite((int)a[0], buf, a[2], (off_t)((uint64_t)a[4] << 32 | a[5])));
}

/* iovec arrays: struct iovec { u32 base; u32 len; }. */
static int64_t get_iov(lu_process *p, uint32_t addr, uint32_t cnt, bool to_guest,
                       struct iovec **out)
{
    if (cnt > 1024) return -LE_INVAL;
    const uint8_t *g = GUEST_R(p, addr, cnt * 8);
    if (!g) return -LE_FAULT;
    struct iovec *v = g_new0(struct iovec, cnt ? cnt : 1);
    uint64_t total = 0;
    for (uint32_t i = 0; i < cnt; i++) {
        uint32_t base = load_be32(g + 8 * i), len = load_be32(g + 8 * i + 4);
        total += len;
        void *h = to_guest ? GUEST_W(p, base, len) : GUEST_R(p, base, len);
        if (!h || total > INT32_MAX) {
            g_free(v);
            return h ? -LE_INVAL : -LE_FAULT;
        }
        v[i].iov_base = h;
        v[i].iov_len = len;
    }
    *out = v;
    return 0;
}

int64_t sys_readv(lu_process *p, const uint32_t *a)
{
    struct iovec *v;
    int64_t r = get_iov(p, a[1], a[2], true, &v);
    if (r < 0) return r;
    r = ret_host(readv((int)a[0], v, (int)a[2]));
    g_free(v);
    return r;
}

int64_t sys_writev(lu_process *p, const uint32_t *a)
{
    struct iovec *v;
    int64_t r = get_iov(p, a[1], a[2], false, &v);
    if (r < 0) return r;
    r = ret_write(p, writev((int)a[0], v, (int)a[2]));
    g_free(v);
    return r;
}

/* ---- open, close, seek ---- */

/* /proc/cpuinfo describes the emulated CPU, in the format of Linux's
 * show_cpuinfo (arch/powerpc/kernel/setup-common.c): glibc's
 * __ppc_get_timebase_freq reads its "timebase" line. The file is an
 * unlinked temporary holding the text. */
static int64_t open_cpuinfo(lu_process *p)
{
    static const char *const names[] = {"601", "603e", "604e", "740/750", "7400"};
    uint32_t pvr = 0;
    ppc_get_spr(p->cpu, 287, &pvr);
    char *text = g_strdup_printf("processor\t: 0\n"
                                 "cpu\t\t: %s\n"
                                 "clock\t\t: %.6fMHz\n"
                                 "revision\t: %u.%u (pvr %04x %04x)\n"
                                 "bogomips\t: %.2f\n"
                                 "\n"
                                 "timebase\t: %llu\n"
                                 "platform\t: clarus-user\n"
                                 "model\t\t: clarus-user\n",
                                 names[p->model], p->core_hz / 1e6, (pvr >> 8) & 0xff, pvr & 0xff,
                                 pvr >> 16, pvr & 0xffff, p->timebase_hz / 500000.0,
                                 (unsigned long long)p->timebase_hz);
    gchar *name = NULL;
    int fd = g_file_open_tmp("clarus-cpuinfo-XXXXXX", &name, NULL);
    int64_t r;
    if (fd < 0) {
        r = -LE_IO;
    } else {
        unlink(name);
        size_t len = strlen(text);
        if (write(fd, text, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) != 0) {
            close(fd);
            r = -LE_IO;
        } else {
            r = fd;
        }
    }
    g_free(name);
    g_free(text);
    return r;
}

static int64_t do_openat(lu_process *p, uint32_t dirfd, uint32_t path_addr, uint32_t flags,
                         uint32_t mode)
{
    int64_t err;
    char *path = get_path(p, path_addr, &err);
    if (!path) return err;
    int64_t r;
    if (strcmp(path, "/proc/cpuinfo") == 0 && (flags & 3) == 0)
        r = open_cpuinfo(p);
    else
        r = ret_host(
            openat(host_dirfd(dirfd), redirect_path(p, path), open_flags_to_host(flags), mode));
    g_free(path);
    return r;
}

int64_t sys_open(lu_process *p, const uint32_t *a)
{
    return do_openat(p, (uint32_t)G_AT_FDCWD, a[0], a[1], a[2]);
}

int64_t sys_openat(lu_process *p, const uint32_t *a)
{
    return do_openat(p, a[0], a[1], a[2], a[3]);
}

int64_t sys_creat(lu_process *p, const uint32_t *a)
{
    return do_openat(p, (uint32_t)G_AT_FDCWD, a[0], 01 | 0100 | 01000, a[1]);
}

int64_t sys_close(lu_process *p, const uint32_t *a)
{
    return ret_host(close((int)a[0]));
}

int64_t sys_lseek(lu_process *p, const uint32_t *a)
{
    off_t r = lseek((int)a[0], (off_t)(int32_t)a[1], (int)a[2]);
    if (r < 0) return lu_host_err(errno);
    return r > INT32_MAX ? -LE_OVERFLOW : (int64_t)r;
}

int64_t sys__llseek(lu_process *p, const uint32_t *a)
{
    /* _llseek(fd, offset_high, offset_low, loff_t *result, whence) */
    uint8_t *res = GUEST_W(p, a[3], 8);
    if (!res) return -LE_FAULT;
    off_t r = lseek((int)a[0], (off_t)((uint64_t)a[1] << 32 | a[2]), (int)a[4]);
    if (r < 0) return lu_host_err(errno);
    store_be32(res, (uint32_t)((uint64_t)r >> 32));
    store_be32(res + 4, (uint32_t)r);
    return 0;
}

/* ---- stat ---- */

static uint64_t encode_dev(dev_t d)
{
    /* The kernel's new_encode_dev for 32-bit dev_t values in stat64. */
    uint64_t ma = major(d), mi = minor(d);
    return (mi & 0xff) | (ma << 8) | ((mi & ~0xffull) << 12);
}

/* struct stat64, 104 bytes (offsets of the ppc32 kernel layout). */
static void put_stat64(uint8_t *g, const struct stat *st)
{
    memset(g, 0, 104);
    uint64_t dev = encode_dev(st->st_dev), rdev = encode_dev(st->st_rdev);
    store_be32(g + 0, (uint32_t)(dev >> 32));
    store_be32(g + 4, (uint32_t)dev);
    store_be32(g + 8, (uint32_t)((uint64_t)st->st_ino >> 32));
    store_be32(g + 12, (uint32_t)st->st_ino);
    store_be32(g + 16, st->st_mode);
    store_be32(g + 20, (uint32_t)st->st_nlink);
    store_be32(g + 24, st->st_uid);
    store_be32(g + 28, st->st_gid);
    store_be32(g + 32, (uint32_t)(rdev >> 32));
    store_be32(g + 36, (uint32_t)rdev);
    store_be32(g + 48, (uint32_t)((uint64_t)st->st_size >> 32));
    store_be32(g + 52, (uint32_t)st->st_size);
    store_be32(g + 56, (uint32_t)st->st_blksize);
    store_be32(g + 64, (uint32_t)((uint64_t)st->st_blocks >> 32));
    store_be32(g + 68, (uint32_t)st->st_blocks);
    store_be32(g + 72, (uint32_t)st->st_atim.tv_sec);
    store_be32(g + 76, (uint32_t)st->st_atim.tv_nsec);
    store_be32(g + 80, (uint32_t)st->st_mtim.tv_sec);
    store_be32(g + 84, (uint32_t)st->st_mtim.tv_nsec);
    store_be32(g + 88, (uint32_t)st->st_ctim.tv_sec);
    store_be32(g + 92, (uint32_t)st->st_ctim.tv_nsec);
}

static void put_u64(uint8_t *g, uint64_t v)
{
    store_be32(g, (uint32_t)(v >> 32));
    store_be32(g + 4, (uint32_t)v);
}

static void put_statx_time(uint8_t *g, const struct timespec *t)
{
    put_u64(g, (uint64_t)(int64_t)t->tv_sec);
    store_be32(g + 8, (uint32_t)t->tv_nsec);
}

/* struct statx, 256 bytes, from what stat(2) gives: the basic fields. */
static void put_statx(uint8_t *g, const struct stat *st)
{
    memset(g, 0, 256);
    store_be32(g + 0, 0x7ffu); /* STATX_BASIC_STATS */
    store_be32(g + 4, (uint32_t)st->st_blksize);
    store_be32(g + 16, (uint32_t)st->st_nlink);
    store_be32(g + 20, st->st_uid);
    store_be32(g + 24, st->st_gid);
    store_be16(g + 28, (uint16_t)st->st_mode);
    put_u64(g + 32, st->st_ino);
    put_u64(g + 40, (uint64_t)st->st_size);
    put_u64(g + 48, (uint64_t)st->st_blocks);
    put_statx_time(g + 64, &st->st_atim);
    put_statx_time(g + 96, &st->st_ctim);
    put_statx_time(g + 112, &st->st_mtim);
    store_be32(g + 128, major(st->st_rdev));
    store_be32(g + 132, minor(st->st_rdev));
    store_be32(g + 136, major(st->st_dev));
    store_be32(g + 140, minor(st->st_dev));
}

static int at_flags_to_host(uint32_t g)
{
    return (g & G_AT_SYMLINK_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0) |
           (g & G_AT_EMPTY_PATH ? AT_EMPTY_PATH : 0);
}

/* stat of (dirfd, path, flags) into *st; path may be empty with
 * AT_EMPTY_PATH. */
static int64_t do_fstatat(lu_process *p, uint32_t dirfd, uint32_t path_addr, uint32_t flags,
                          struct stat *st)
{
    int64_t err;
    char *path = get_path(p, path_addr, &err);
    if (!path) return err;
    int r;
    if (!path[0] && !(flags & G_AT_EMPTY_PATH))
        r = -LE_NOENT;
    else if (fstatat(host_dirfd(dirfd), redirect_path(p, path), st, at_flags_to_host(flags)) < 0)
        r = (int)lu_host_err(errno);
    else
        r = 0;
    g_free(path);
    return r;
}

static int64_t stat64_common(lu_process *p, uint32_t dirfd, uint32_t path, uint32_t flags,
                             uint32_t buf)
{
    uint8_t *g = GUEST_W(p, buf, 104);
    if (!g) return -LE_FAULT;
    struct stat st;
    int64_t r = do_fstatat(p, dirfd, path, flags, &st);
    if (r == 0) put_stat64(g, &st);
    return r;
}

int64_t sys_stat64(lu_process *p, const uint32_t *a)
{
    return stat64_common(p, (uint32_t)G_AT_FDCWD, a[0], 0, a[1]);
}

int64_t sys_lstat64(lu_process *p, const uint32_t *a)
{
    return stat64_common(p, (uint32_t)G_AT_FDCWD, a[0], G_AT_SYMLINK_NOFOLLOW, a[1]);
}

int64_t sys_fstatat64(lu_process *p, const uint32_t *a)
{
    return stat64_common(p, a[0], a[1], a[3], a[2]);
}

int64_t sys_fstat64(lu_process *p, const uint32_t *a)
{
    uint8_t *g = GUEST_W(p, a[1], 104);
    if (!g) return -LE_FAULT;
    struct stat st;
    if (fstat((int)a[0], &st) < 0) return lu_host_err(errno);
    put_stat64(g, &st);
    return 0;
}

int64_t sys_statx(lu_process *p, const uint32_t *a)
{
    /* statx(dirfd, path, flags, mask, buf) */
    uint8_t *g = GUEST_W(p, a[4], 256);
    if (!g) return -LE_FAULT;
    struct stat st;
    int64_t r = do_fstatat(p, a[0], a[1], a[2], &st);
    if (r == 0) put_statx(g, &st);
    return r;
}

/* ---- names ---- */

static int64_t do_faccessat(lu_process *p, uint32_t dirfd, uint32_t path_addr, uint32_t mode,
                            uint32_t flags)
{
    int64_t err;
    char *path = get_path(p, path_addr, &err);
    if (!path) return err;
    int hf = (flags & G_AT_EACCESS ? AT_EACCESS : 0) |
             (flags & G_AT_SYMLINK_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0);
    int64_t r = ret_host(faccessat(host_dirfd(dirfd), redirect_path(p, path), (int)mode, hf));
    g_free(path);
    return r;
}

int64_t sys_access(lu_process *p, const uint32_t *a)
{
    return do_faccessat(p, (uint32_t)G_AT_FDCWD, a[0], a[1], 0);
}

int64_t sys_faccessat(lu_process *p, const uint32_t *a)
{
    return do_faccessat(p, a[0], a[1], a[2], 0);
}

int64_t sys_faccessat2(lu_process *p, const uint32_t *a)
{
    return do_faccessat(p, a[0], a[1], a[2], a[3]);
}

static int64_t do_readlinkat(lu_process *p, uint32_t dirfd, uint32_t path_addr, uint32_t buf,
                             uint32_t size)
{
    if ((int32_t)size <= 0) return -LE_INVAL;
    char *out = GUEST_W(p, buf, size);
    if (!out) return -LE_FAULT;
    int64_t err;
    char *path = get_path(p, path_addr, &err);
    if (!path) return err;
    int64_t r;
    if (strcmp(path, "/proc/self/exe") == 0 && p->exe_path) {
        size_t n = strlen(p->exe_path);
        r = (int64_t)(n < size ? n : size);
        memcpy(out, p->exe_path, (size_t)r);
    } else {
        r = ret_host(readlinkat(host_dirfd(dirfd), path, out, size));
    }
    g_free(path);
    return r;
}

int64_t sys_readlink(lu_process *p, const uint32_t *a)
{
    return do_readlinkat(p, (uint32_t)G_AT_FDCWD, a[0], a[1], a[2]);
}

int64_t sys_readlinkat(lu_process *p, const uint32_t *a)
{
    return do_readlinkat(p, a[0], a[1], a[2], a[3]);
}

int64_t sys_getcwd(lu_process *p, const uint32_t *a)
{
    char *out = GUEST_W(p, a[0], a[1]);
    if (!out) return -LE_FAULT;
    char *cwd = g_get_current_dir();
    size_t n = strlen(cwd) + 1;
    int64_t r = n > a[1] ? -LE_RANGE : (int64_t)n;
    if (r > 0) memcpy(out, cwd, n);
    g_free(cwd);
    return r; /* the kernel returns the length including the NUL */
}

/* Calls f(path) for one path argument. */
#define PATH_CALL(expr_with_path)                                                                  \
    do {                                                                                           \
        int64_t err_;                                                                              \
        char *path = get_path(p, a[0], &err_);                                                     \
        if (!path) return err_;                                                                    \
        int64_t r_ = ret_host(expr_with_path);                                                     \
        g_free(path);                                                                              \
        return r_;                                                                                 \
    } while (0)

int64_t sys_chdir(lu_process *p, const uint32_t *a)
{
    PATH_CALL(chdir(path));
}
int64_t sys_unlink(lu_process *p, const uint32_t *a)
{
    PATH_CALL(unlink(path));
}
int64_t sys_mkdir(lu_process *p, const uint32_t *a)
{
    PATH_CALL(mkdir(path, (mode_t)a[1]));
}
int64_t sys_rmdir(lu_process *p, const uint32_t *a)
{
    PATH_CALL(rmdir(path));
}
int64_t sys_chmod(lu_process *p, const uint32_t *a)
{
    PATH_CALL(chmod(path, (mode_t)a[1]));
}
int64_t sys_fchdir(lu_process *p, const uint32_t *a)
{
    return ret_host(fchdir((int)a[0]));
}
int64_t sys_fchmod(lu_process *p, const uint32_t *a)
{
    return ret_host(fchmod((int)a[0], (mode_t)a[1]));
}

int64_t sys_truncate64(lu_process *p, const uint32_t *a)
{
    /* truncate64(path, pad, high, low) */
    PATH_CALL(truncate(path, (off_t)((uint64_t)a[2] << 32 | a[3])));
}

int64_t sys_unlinkat(lu_process *p, const uint32_t *a)
{
    int64_t err;
    char *path = get_path(p, a[1], &err);
    if (!path) return err;
    int64_t r =
        ret_host(unlinkat(host_dirfd(a[0]), path, (a[2] & G_AT_REMOVEDIR) ? AT_REMOVEDIR : 0));
    g_free(path);
    return r;
}

int64_t sys_mkdirat(lu_process *p, const uint32_t *a)
{
    int64_t err;
    char *path = get_path(p, a[1], &err);
    if (!path) return err;
    int64_t r = ret_host(mkdirat(host_dirfd(a[0]), path, (mode_t)a[2]));
    g_free(path);
    return r;
}

int64_t sys_fchmodat(lu_process *p, const uint32_t *a)
{
    int64_t err;
    char *path = get_path(p, a[1], &err);
    if (!path) return err;
    int64_t r = ret_host(fchmodat(host_dirfd(a[0]), path, (mode_t)a[2], 0));
    g_free(path);
    return r;
}

/* Two-path calls: rename, renameat, link, symlink. */
static int64_t two_paths(lu_process *p, uint32_t a1, uint32_t a2, char **p1, char **p2)
{
    int64_t err;
    *p1 = get_path(p, a1, &err);
    if (!*p1) return err;
    *p2 = get_path(p, a2, &err);
    if (!*p2) {
        g_free(*p1);
        return err;
    }
    return 0;
}

int64_t sys_rename(lu_process *p, const uint32_t *a)
{
    char *from, *to;
    int64_t r = two_paths(p, a[0], a[1], &from, &to);
    if (r < 0) return r;
    r = ret_host(rename(from, to));
    g_free(from);
    g_free(to);
    return r;
}

int64_t sys_renameat(lu_process *p, const uint32_t *a)
{
    char *from, *to;
    int64_t r = two_paths(p, a[1], a[3], &from, &to);
    if (r < 0) return r;
    r = ret_host(renameat(host_dirfd(a[0]), from, host_dirfd(a[2]), to));
    g_free(from);
    g_free(to);
    return r;
}

int64_t sys_renameat2(lu_process *p, const uint32_t *a)
{
    if (a[4] != 0) return -LE_INVAL; /* RENAME_NOREPLACE and friends: not supported */
    return sys_renameat(p, a);
}

int64_t sys_link(lu_process *p, const uint32_t *a)
{
    char *from, *to;
    int64_t r = two_paths(p, a[0], a[1], &from, &to);
    if (r < 0) return r;
    r = ret_host(link(from, to));
    g_free(from);
    g_free(to);
    return r;
}

int64_t sys_symlink(lu_process *p, const uint32_t *a)
{
    char *target, *name;
    int64_t r = two_paths(p, a[0], a[1], &target, &name);
    if (r < 0) return r;
    r = ret_host(symlink(target, name));
    g_free(target);
    g_free(name);
    return r;
}

static int64_t do_fchownat(lu_process *p, uint32_t dirfd, uint32_t path_addr, uint32_t uid,
                           uint32_t gid, uint32_t flags)
{
    int64_t err;
    char *path = get_path(p, path_addr, &err);
    if (!path) return err;
    int64_t r;
    if (!path[0] && !(flags & G_AT_EMPTY_PATH))
        r = -LE_NOENT;
    else
        r = ret_host(
            fchownat(host_dirfd(dirfd), path, (uid_t)uid, (gid_t)gid, at_flags_to_host(flags)));
    g_free(path);
    return r;
}

int64_t sys_chown(lu_process *p, const uint32_t *a)
{
    return do_fchownat(p, (uint32_t)G_AT_FDCWD, a[0], a[1], a[2], 0);
}

int64_t sys_lchown(lu_process *p, const uint32_t *a)
{
    return do_fchownat(p, (uint32_t)G_AT_FDCWD, a[0], a[1], a[2], G_AT_SYMLINK_NOFOLLOW);
}

int64_t sys_fchownat(lu_process *p, const uint32_t *a)
{
    return do_fchownat(p, a[0], a[1], a[2], a[3], a[4]);
}

int64_t sys_fchown(lu_process *p, const uint32_t *a)
{
    return ret_host(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2]));
}

/* utimensat(dirfd, path, times[2], flags): 32-bit timespecs, or
 * __kernel_timespec pairs for the _time64 call; tv_nsec may be UTIME_NOW
 * or UTIME_OMIT (the same values everywhere). */
static int64_t do_utimensat(lu_process *p, const uint32_t *a, bool wide)
{
    struct timespec ts[2], *tp = NULL;
    if (a[2]) {
        const uint8_t *g = GUEST_R(p, a[2], wide ? 32 : 16);
        if (!g) return -LE_FAULT;
        for (int i = 0; i < 2; i++) {
            const uint8_t *q = g + (wide ? 16 : 8) * i;
            if (wide) {
                ts[i].tv_sec = (time_t)(int64_t)((uint64_t)load_be32(q) << 32 | load_be32(q + 4));
                ts[i].tv_nsec = (long)(int32_t)load_be32(q + 12);
            } else {
                ts[i].tv_sec = (time_t)(int32_t)load_be32(q);
                ts[i].tv_nsec = (long)(int32_t)load_be32(q + 4);
            }
        }
        tp = ts;
    }
    char *path = NULL;
    if (a[1]) {
        int64_t err;
        path = get_path(p, a[1], &err);
        if (!path) return err;
    }
    int64_t r;
    if (path)
        r = ret_host(utimensat(host_dirfd(a[0]), path, tp,
                               (a[3] & G_AT_SYMLINK_NOFOLLOW) ? AT_SYMLINK_NOFOLLOW : 0));
    else
        r = ret_host(futimens((int)a[0], tp)); /* a NULL path: the descriptor itself */
    g_free(path);
    return r;
}

int64_t sys_utimensat(lu_process *p, const uint32_t *a)
{
    return do_utimensat(p, a, false);
}
int64_t sys_utimensat_time64(lu_process *p, const uint32_t *a)
{
    return do_utimensat(p, a, true);
}

/* poll(fds, nfds, timeout_ms): struct pollfd { int fd; short events,
 * revents; }, with the generic POLL* values. */
int64_t sys_poll(lu_process *p, const uint32_t *a)
{
    uint32_t n = a[1];
    if (n > 4096) return -LE_INVAL;
    uint8_t *g = GUEST_W(p, a[0], 8 * n);
    if (!g) return -LE_FAULT;
    struct pollfd *v = g_new0(struct pollfd, n ? n : 1);
    for (uint32_t i = 0; i < n; i++) {
        v[i].fd = (int)load_be32(g + 8 * i);
        v[i].events = (short)load_be16(g + 8 * i + 4);
    }
    int r = poll(v, n, (int)a[2]);
    int64_t ret = r < 0 ? lu_host_err(errno) : r;
    if (r >= 0)
        for (uint32_t i = 0; i < n; i++) store_be16(g + 8 * i + 6, (uint16_t)v[i].revents);
    g_free(v);
    return ret;
}

static int64_t fadvise_common(int fd, uint32_t advice)
{
    struct stat st;
    if (fstat(fd, &st) < 0) return lu_host_err(errno);
    if (S_ISFIFO(st.st_mode)) return -LE_SPIPE;
    /* The advice only steers caching, with no visible effect. */
    return advice <= 5 ? 0 : -LE_INVAL;
}

int64_t sys_fadvise64_64(lu_process *p, const uint32_t *a)
{
    /* ppc32: fadvise64_64(fd, advice, offset high/low, len high/low) */
    return fadvise_common((int)a[0], a[1]);
}

int64_t sys_fadvise64(lu_process *p, const uint32_t *a)
{
    /* ppc32: fadvise64(fd, pad, offset high/low, 32-bit len, advice) */
    return fadvise_common((int)a[0], a[5]);
}

int64_t sys_sync(lu_process *p, const uint32_t *a)
{
    sync();
    return 0;
}

/* ---- descriptors ---- */

int64_t sys_dup(lu_process *p, const uint32_t *a)
{
    return ret_host(dup((int)a[0]));
}

int64_t sys_dup2(lu_process *p, const uint32_t *a)
{
    return ret_host(dup2((int)a[0], (int)a[1]));
}

int64_t sys_dup3(lu_process *p, const uint32_t *a)
{
    if (a[2] & ~02000000u) return -LE_INVAL;
    return ret_host(syscall(SYS_dup3, (int)a[0], (int)a[1], a[2] ? O_CLOEXEC : 0));
}

int64_t sys_fcntl(lu_process *p, const uint32_t *a)
{
    int fd = (int)a[0];
    switch (a[1]) {
    case 0: return ret_host(fcntl(fd, F_DUPFD, (int)a[2]));
    case 1030: return ret_host(fcntl(fd, F_DUPFD_CLOEXEC, (int)a[2]));
    case 1: return ret_host(fcntl(fd, F_GETFD));
    case 2: return ret_host(fcntl(fd, F_SETFD, (a[2] & 1) ? FD_CLOEXEC : 0));
    case 3: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? lu_host_err(errno) : (int64_t)open_flags_to_guest(r);
    }
    case 4: return ret_host(fcntl(fd, F_SETFL, open_flags_to_host(a[2])));
    default:
        lu_warn_once(p, LU_WARN_FCNTL, "fcntl command %u (file locks and others) is not supported",
                     a[1]);
        return -LE_INVAL;
    }
}

int64_t sys_fcntl64(lu_process *p, const uint32_t *a)
{
    return sys_fcntl(p, a);
}

static int64_t do_pipe(lu_process *p, uint32_t addr, uint32_t flags)
{
    uint8_t *g = GUEST_W(p, addr, 8);
    if (!g) return -LE_FAULT;
    if (flags & ~(02000000u | 04000u)) return -LE_INVAL;
    int fds[2];
    if (syscall(SYS_pipe2, fds, open_flags_to_host(flags)) < 0) return lu_host_err(errno);
    store_be32(g, (uint32_t)fds[0]);
    store_be32(g + 4, (uint32_t)fds[1]);
    return 0;
}

int64_t sys_pipe(lu_process *p, const uint32_t *a)
{
    return do_pipe(p, a[0], 0);
}
int64_t sys_pipe2(lu_process *p, const uint32_t *a)
{
    return do_pipe(p, a[0], a[1]);
}

int64_t sys_getdents64(lu_process *p, const uint32_t *a)
{
    /* struct linux_dirent64 has the same layout on both sides (u64 ino,
     * s64 off, u16 reclen, u8 type, name): read, then swap in place. */
    uint8_t *g = GUEST_W(p, a[1], a[2]);
    if (!g) return -LE_FAULT;
    long n = syscall(SYS_getdents64, (int)a[0], g, a[2]);
    if (n < 0) return lu_host_err(errno);
    for (long off = 0; off + 19 <= n;) {
        struct {
            uint64_t ino;
            int64_t off;
            uint16_t reclen;
        } h;
        memcpy(&h, g + off, 18); /* host order: ino, off, reclen */
        if (h.reclen < 19 || off + h.reclen > n) break;
        put_u64(g + off, h.ino);
        put_u64(g + off + 8, (uint64_t)h.off);
        store_be16(g + off + 16, h.reclen);
        off += h.reclen;
    }
    return n;
}

int64_t sys_umask(lu_process *p, const uint32_t *a)
{
    return umask((mode_t)(a[0] & 0777));
}
int64_t sys_fsync(lu_process *p, const uint32_t *a)
{
    return ret_host(fsync((int)a[0]));
}
int64_t sys_fdatasync(lu_process *p, const uint32_t *a)
{
    return ret_host(fdatasync((int)a[0]));
}

int64_t sys_ftruncate(lu_process *p, const uint32_t *a)
{
    return ret_host(ftruncate((int)a[0], (off_t)(int32_t)a[1]));
}

int64_t sys_ftruncate64(lu_process *p, const uint32_t *a)
{
    /* ftruncate64(fd, pad, high, low): the 64-bit length is register-pair
     * aligned. */
    return ret_host(ftruncate((int)a[0], (off_t)((uint64_t)a[2] << 32 | a[3])));
}

/* ---- ioctl: the terminal requests programs use ---- */

/* PowerPC ioctl numbers (asm/ioctls.h; _IOR/_IOW with the ppc encoding:
 * direction in bits 29-31, size in 16-28). */
#define G_TCGETS     0x402c7413u
#define G_TCSETS     0x802c7414u
#define G_TCSETSW    0x802c7415u
#define G_TCSETSF    0x802c7416u
#define G_TIOCGWINSZ 0x40087468u
#define G_TIOCSWINSZ 0x80087467u
#define G_TIOCGPGRP  0x40047477u
#define G_FIONREAD   0x4004667fu
#define G_FIONBIO    0x8004667eu

typedef struct {
    uint32_t guest;
    tcflag_t host;
} flag_map;

static const flag_map iflags[] = {
    {0x001, IGNBRK}, {0x002, BRKINT}, {0x004, IGNPAR}, {0x008, PARMRK},   {0x010, INPCK},
    {0x020, ISTRIP}, {0x040, INLCR},  {0x080, IGNCR},  {0x100, ICRNL},    {0x200, IXON},
    {0x400, IXOFF},  {0x800, IXANY},  {0x1000, IUCLC}, {0x2000, IMAXBEL}, {0x4000, IUTF8},
};
static const flag_map oflags[] = {
    {0x01, OPOST}, {0x02, ONLCR},  {0x04, OLCUC}, {0x08, OCRNL},
    {0x10, ONOCR}, {0x20, ONLRET}, {0x40, OFILL}, {0x80, OFDEL},
};
static const flag_map cflags[] = {
    {0x400, CSTOPB}, {0x800, CREAD},   {0x1000, PARENB},       {0x2000, PARODD},
    {0x4000, HUPCL}, {0x8000, CLOCAL}, {0x80000000u, CRTSCTS},
};
static const flag_map csizes[] = {{0x000, CS5}, {0x100, CS6}, {0x200, CS7}, {0x300, CS8}};
static const flag_map lflags[] = {
    {0x80, ISIG},    {0x100, ICANON}, {0x4000, XCASE},       {0x08, ECHO},         {0x02, ECHOE},
    {0x04, ECHOK},   {0x10, ECHONL},  {0x80000000u, NOFLSH}, {0x400000, TOSTOP},   {0x40, ECHOCTL},
    {0x20, ECHOPRT}, {0x01, ECHOKE},  {0x800000, FLUSHO},    {0x20000000, PENDIN}, {0x400, IEXTEN},
};
/* Baud codes: the ppc value is the index (B0 ... B38400, then B57600 at
 * 0x10 ... B4000000 at 0x1e), with its rate. */
static const struct {
    speed_t host;
    uint32_t rate;
} bauds[] = {
    {B0, 0},
    {B50, 50},
    {B75, 75},
    {B110, 110},
    {B134, 134},
    {B150, 150},
    {B200, 200},
    {B300, 300},
    {B600, 600},
    {B1200, 1200},
    {B1800, 1800},
    {B2400, 2400},
    {B4800, 4800},
    {B9600, 9600},
    {B19200, 19200},
    {B38400, 38400},
    {B57600, 57600},
    {B115200, 115200},
    {B230400, 230400},
    {B460800, 460800},
    {B500000, 500000},
    {B576000, 576000},
    {B921600, 921600},
    {B1000000, 1000000},
    {B1152000, 1152000},
    {B1500000, 1500000},
    {B2000000, 2000000},
    {B2500000, 2500000},
    {B3000000, 3000000},
    {B3500000, 3500000},
    {B4000000, 4000000},
};
/* c_cc: ppc index -> host index. */
static const int ccs[] = {VINTR, VQUIT,   VERASE,   VKILL, VEOF,   VMIN,  VEOL,   VTIME,   VEOL2,
                          VSWTC, VWERASE, VREPRINT, VSUSP, VSTART, VSTOP, VLNEXT, VDISCARD};

static uint32_t to_guest_flags(const flag_map *m, size_t n, tcflag_t h)
{
    uint32_t g = 0;
    for (size_t i = 0; i < n; i++)
        if (m[i].host && (h & m[i].host) == m[i].host) g |= m[i].guest;
    return g;
}

static tcflag_t to_host_flags(const flag_map *m, size_t n, uint32_t g)
{
    tcflag_t h = 0;
    for (size_t i = 0; i < n; i++)
        if (g & m[i].guest) h |= m[i].host;
    return h;
}

static uint32_t baud_index(speed_t s)
{
    for (size_t i = 0; i < G_N_ELEMENTS(bauds); i++)
        if (bauds[i].host == s) return (uint32_t)i;
    return 0;
}

static void put_termios(uint8_t *g, const struct termios *t)
{
    memset(g, 0, 44);
    store_be32(g, to_guest_flags(iflags, G_N_ELEMENTS(iflags), t->c_iflag));
    store_be32(g + 4, to_guest_flags(oflags, G_N_ELEMENTS(oflags), t->c_oflag));
    uint32_t cf = to_guest_flags(cflags, G_N_ELEMENTS(cflags), t->c_cflag);
    for (size_t i = 0; i < G_N_ELEMENTS(csizes); i++)
        if ((t->c_cflag & CSIZE) == csizes[i].host) cf |= csizes[i].guest;
    uint32_t ob = baud_index(cfgetospeed(t)), ib = baud_index(cfgetispeed(t));
    cf |= ob | ib << 16;
    store_be32(g + 8, cf);
    store_be32(g + 12, to_guest_flags(lflags, G_N_ELEMENTS(lflags), t->c_lflag));
    for (size_t i = 0; i < G_N_ELEMENTS(ccs); i++) g[16 + i] = t->c_cc[ccs[i]];
    g[35] = (uint8_t)t->c_line;
    store_be32(g + 36, bauds[ib].rate);
    store_be32(g + 40, bauds[ob].rate);
}

static void get_termios(const uint8_t *g, struct termios *t)
{
    t->c_iflag = to_host_flags(iflags, G_N_ELEMENTS(iflags), load_be32(g));
    t->c_oflag = to_host_flags(oflags, G_N_ELEMENTS(oflags), load_be32(g + 4));
    uint32_t cf = load_be32(g + 8);
    t->c_cflag = to_host_flags(cflags, G_N_ELEMENTS(cflags), cf) | csizes[(cf >> 8) & 3].host;
    t->c_lflag = to_host_flags(lflags, G_N_ELEMENTS(lflags), load_be32(g + 12));
    for (size_t i = 0; i < G_N_ELEMENTS(ccs); i++) t->c_cc[ccs[i]] = g[16 + i];
    t->c_line = g[35];
    uint32_t ob = cf & 0xff, ib = (cf >> 16) & 0xff;
    cfsetospeed(t, ob < G_N_ELEMENTS(bauds) ? bauds[ob].host : B38400);
    cfsetispeed(t, ib < G_N_ELEMENTS(bauds) ? bauds[ib].host : B38400);
}

int64_t sys_ioctl(lu_process *p, const uint32_t *a)
{
    int fd = (int)a[0];
    uint32_t req = a[1], arg = a[2];
    switch (req) {
    case G_TCGETS: {
        uint8_t *g = GUEST_W(p, arg, 44);
        if (!g) return -LE_FAULT;
        struct termios t;
        if (tcgetattr(fd, &t) < 0) return lu_host_err(errno);
        put_termios(g, &t);
        return 0;
    }
    case G_TCSETS:
    case G_TCSETSW:
    case G_TCSETSF: {
        const uint8_t *g = GUEST_R(p, arg, 44);
        if (!g) return -LE_FAULT;
        struct termios t;
        if (tcgetattr(fd, &t) < 0) return lu_host_err(errno);
        get_termios(g, &t);
        int when = req == G_TCSETS ? TCSANOW : req == G_TCSETSW ? TCSADRAIN : TCSAFLUSH;
        return ret_host(tcsetattr(fd, when, &t));
    }
    case G_TIOCGWINSZ: {
        uint8_t *g = GUEST_W(p, arg, 8);
        if (!g) return -LE_FAULT;
        struct winsize w;
        if (ioctl(fd, TIOCGWINSZ, &w) < 0) return lu_host_err(errno);
        store_be16(g, w.ws_row);
        store_be16(g + 2, w.ws_col);
        store_be16(g + 4, w.ws_xpixel);
        store_be16(g + 6, w.ws_ypixel);
        return 0;
    }
    case G_TIOCSWINSZ: {
        const uint8_t *g = GUEST_R(p, arg, 8);
        if (!g) return -LE_FAULT;
        struct winsize w = {.ws_row = load_be16(g),
                            .ws_col = load_be16(g + 2),
                            .ws_xpixel = load_be16(g + 4),
                            .ws_ypixel = load_be16(g + 6)};
        return ret_host(ioctl(fd, TIOCSWINSZ, &w));
    }
    case G_TIOCGPGRP:
    case G_FIONREAD: {
        uint8_t *g = GUEST_W(p, arg, 4);
        if (!g) return -LE_FAULT;
        int v = 0;
        if (ioctl(fd, req == G_FIONREAD ? FIONREAD : TIOCGPGRP, &v) < 0) return lu_host_err(errno);
        store_be32(g, (uint32_t)v);
        return 0;
    }
    case G_FIONBIO: {
        const uint8_t *g = GUEST_R(p, arg, 4);
        if (!g) return -LE_FAULT;
        int v = (int)load_be32(g);
        return ret_host(ioctl(fd, FIONBIO, &v));
    }
    default:
        lu_warn_once(p, LU_WARN_IOCTL,
                     "ioctl request 0x%08x is not supported (further unsupported requests are "
                     "not reported)",
                     req);
        return -LE_NOTTY;
    }
}
