/* clarus-user: what the system call implementations share. Each handler
 * takes the six argument registers r3-r8 and returns the result or
 * -errno (Linux errno numbers as the PowerPC ABI has them). */
#ifndef CLARUS_USER_SYS_IMPL_H
#define CLARUS_USER_SYS_IMPL_H

#include "ui/user/linux_user.h"

/* Linux errno values used directly (include/uapi/asm-generic/errno*.h). */
enum {
    LE_PERM = 1,
    LE_NOENT = 2,
    LE_SRCH = 3,
    LE_INTR = 4,
    LE_IO = 5,
    LE_BADF = 9,
    LE_AGAIN = 11,
    LE_NOMEM = 12,
    LE_ACCES = 13,
    LE_FAULT = 14,
    LE_EXIST = 17,
    LE_NOTDIR = 20,
    LE_INVAL = 22,
    LE_NOTTY = 25,
    LE_SPIPE = 29,
    LE_RANGE = 34,
    LE_NAMETOOLONG = 36,
    LE_NOSYS = 38,
    LE_OVERFLOW = 75,
    LE_OPNOTSUPP = 95,
};

#define LU_PATH_MAX 4096

/* -errno for the host's errno value e. */
int64_t lu_host_err(int e);
/* A guest pointer checked for access, or NULL (the caller returns
 * -LE_FAULT). */
#define GUEST_R(p, addr, len) lu_mem_ptr(&(p)->mem, (addr), (len), LU_PROT_READ)
#define GUEST_W(p, addr, len) lu_mem_ptr(&(p)->mem, (addr), (len), LU_PROT_WRITE)
/* One-time warning on stderr, keyed by a LU_WARN_* bit. */
void lu_warn_once(lu_process *p, uint32_t key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* File system calls (sys_fs.c). */
int64_t sys_read(lu_process *p, const uint32_t *a);
int64_t sys_write(lu_process *p, const uint32_t *a);
int64_t sys_open(lu_process *p, const uint32_t *a);
int64_t sys_openat(lu_process *p, const uint32_t *a);
int64_t sys_creat(lu_process *p, const uint32_t *a);
int64_t sys_close(lu_process *p, const uint32_t *a);
int64_t sys_lseek(lu_process *p, const uint32_t *a);
int64_t sys__llseek(lu_process *p, const uint32_t *a);
int64_t sys_readv(lu_process *p, const uint32_t *a);
int64_t sys_writev(lu_process *p, const uint32_t *a);
int64_t sys_pread64(lu_process *p, const uint32_t *a);
int64_t sys_pwrite64(lu_process *p, const uint32_t *a);
int64_t sys_stat64(lu_process *p, const uint32_t *a);
int64_t sys_lstat64(lu_process *p, const uint32_t *a);
int64_t sys_fstat64(lu_process *p, const uint32_t *a);
int64_t sys_fstatat64(lu_process *p, const uint32_t *a);
int64_t sys_statx(lu_process *p, const uint32_t *a);
int64_t sys_access(lu_process *p, const uint32_t *a);
int64_t sys_faccessat(lu_process *p, const uint32_t *a);
int64_t sys_faccessat2(lu_process *p, const uint32_t *a);
int64_t sys_readlink(lu_process *p, const uint32_t *a);
int64_t sys_readlinkat(lu_process *p, const uint32_t *a);
int64_t sys_getcwd(lu_process *p, const uint32_t *a);
int64_t sys_chdir(lu_process *p, const uint32_t *a);
int64_t sys_fchdir(lu_process *p, const uint32_t *a);
int64_t sys_unlink(lu_process *p, const uint32_t *a);
int64_t sys_unlinkat(lu_process *p, const uint32_t *a);
int64_t sys_mkdir(lu_process *p, const uint32_t *a);
int64_t sys_mkdirat(lu_process *p, const uint32_t *a);
int64_t sys_rmdir(lu_process *p, const uint32_t *a);
int64_t sys_rename(lu_process *p, const uint32_t *a);
int64_t sys_renameat(lu_process *p, const uint32_t *a);
int64_t sys_renameat2(lu_process *p, const uint32_t *a);
int64_t sys_chmod(lu_process *p, const uint32_t *a);
int64_t sys_fchmod(lu_process *p, const uint32_t *a);
int64_t sys_fchmodat(lu_process *p, const uint32_t *a);
int64_t sys_dup(lu_process *p, const uint32_t *a);
int64_t sys_dup2(lu_process *p, const uint32_t *a);
int64_t sys_dup3(lu_process *p, const uint32_t *a);
int64_t sys_fcntl(lu_process *p, const uint32_t *a);
int64_t sys_fcntl64(lu_process *p, const uint32_t *a);
int64_t sys_pipe(lu_process *p, const uint32_t *a);
int64_t sys_pipe2(lu_process *p, const uint32_t *a);
int64_t sys_getdents64(lu_process *p, const uint32_t *a);
int64_t sys_ioctl(lu_process *p, const uint32_t *a);
int64_t sys_umask(lu_process *p, const uint32_t *a);
int64_t sys_fsync(lu_process *p, const uint32_t *a);
int64_t sys_fdatasync(lu_process *p, const uint32_t *a);
int64_t sys_ftruncate64(lu_process *p, const uint32_t *a);
int64_t sys_truncate64(lu_process *p, const uint32_t *a);
int64_t sys_ftruncate(lu_process *p, const uint32_t *a);
int64_t sys_symlink(lu_process *p, const uint32_t *a);
int64_t sys_link(lu_process *p, const uint32_t *a);
int64_t sys_chown(lu_process *p, const uint32_t *a);
int64_t sys_lchown(lu_process *p, const uint32_t *a);
int64_t sys_fchown(lu_process *p, const uint32_t *a);
int64_t sys_fchownat(lu_process *p, const uint32_t *a);
int64_t sys_utimensat(lu_process *p, const uint32_t *a);
int64_t sys_utimensat_time64(lu_process *p, const uint32_t *a);
int64_t sys_poll(lu_process *p, const uint32_t *a);
int64_t sys_fadvise64_64(lu_process *p, const uint32_t *a);
int64_t sys_fadvise64(lu_process *p, const uint32_t *a);
int64_t sys_sync(lu_process *p, const uint32_t *a);

/* Signal calls (signal.c). */
int64_t sys_rt_sigreturn(lu_process *p, const uint32_t *a);
int64_t sys_rt_sigsuspend(lu_process *p, const uint32_t *a);
int64_t sys_rt_sigpending(lu_process *p, const uint32_t *a);
int64_t sys_sigaltstack(lu_process *p, const uint32_t *a);

/* Processes (sys_proc.c). */
int64_t sys_clone(lu_process *p, const uint32_t *a);
int64_t sys_clone3(lu_process *p, const uint32_t *a);
int64_t sys_fork(lu_process *p, const uint32_t *a);
int64_t sys_vfork(lu_process *p, const uint32_t *a);
int64_t sys_wait4(lu_process *p, const uint32_t *a);
int64_t sys_waitpid(lu_process *p, const uint32_t *a);
int64_t sys_execve(lu_process *p, const uint32_t *a);
struct rusage;
void lu_put_rusage(uint8_t *g, const struct rusage *ru);

/* Memory calls (sys_mem.c). */
int64_t sys_brk(lu_process *p, const uint32_t *a);
int64_t sys_mmap(lu_process *p, const uint32_t *a);
int64_t sys_mmap2(lu_process *p, const uint32_t *a);
int64_t sys_munmap(lu_process *p, const uint32_t *a);
int64_t sys_mprotect(lu_process *p, const uint32_t *a);
int64_t sys_mremap(lu_process *p, const uint32_t *a);
int64_t sys_madvise(lu_process *p, const uint32_t *a);

#endif
