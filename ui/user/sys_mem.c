/* clarus-user: the memory system calls (brk, mmap, mmap2, munmap,
 * mprotect, mremap, madvise), with the semantics of the Linux man pages
 * brk(2), mmap(2), mremap(2), madvise(2) and the flag values of the
 * PowerPC ABI (arch/powerpc/include/uapi/asm/mman.h over
 * asm-generic/mman-common.h: MAP_NORESERVE and MAP_LOCKED differ from
 * other architectures). */
#include "ui/user/sys_impl.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    GMAP_SHARED = 0x01,
    GMAP_PRIVATE = 0x02,
    GMAP_SHARED_VALIDATE = 0x03,
    GMAP_TYPE = 0x0f,
    GMAP_FIXED = 0x10,
    GMAP_ANONYMOUS = 0x20,
    GMAP_FIXED_NOREPLACE = 0x100000,
    GPROT_WRITE = 0x2,
    GMREMAP_MAYMOVE = 1,
    GMREMAP_FIXED = 2,
    GMADV_DONTNEED = 4,
};

/* The top of what brk may reach: the lowest mapping above the break. */
static bool brk_room(const lu_mem *m, uint32_t from, uint32_t to)
{
    return to <= LU_TASK_SIZE && lu_mem_range_free(m, from, to - from);
}

int64_t sys_brk(lu_process *p, const uint32_t *a)
{
    lu_mem *m = &p->mem;
    uint32_t want = a[0];
    /* Linux returns the current break for a request it cannot honour. */
    if (want < m->brk_start || want > LU_TASK_SIZE - LU_PAGE_SIZE) return m->brk;
    uint32_t old_top = lu_page_up(m->brk), new_top = lu_page_up(want);
    if (new_top > old_top) {
        if (!brk_room(m, old_top, new_top) ||
            !lu_mem_map(m, old_top, new_top - old_top, LU_PROT_READ | LU_PROT_WRITE))
            return m->brk;
    } else if (new_top < old_top) {
        lu_mem_unmap(m, new_top, old_top - new_top);
    }
    m->brk = want;
    return want;
}

static bool user_range(uint32_t addr, uint32_t len)
{
    return addr >= LU_MIN_ADDR && (uint64_t)addr + len <= LU_TASK_SIZE;
}

static int64_t do_mmap(lu_process *p, uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags,
                       int32_t fd, uint64_t off)
{
    lu_mem *m = &p->mem;
    if (len == 0 || (off & (LU_PAGE_SIZE - 1))) return -LE_INVAL;
    if (len > LU_TASK_SIZE) return -LE_NOMEM;
    uint32_t size = lu_page_up(len);
    uint32_t type = flags & GMAP_TYPE;
    if (type != GMAP_SHARED && type != GMAP_PRIVATE && type != GMAP_SHARED_VALIDATE)
        return -LE_INVAL;
    bool anon = flags & GMAP_ANONYMOUS;
    if (!anon) {
        struct stat st;
        if (fstat(fd, &st) < 0) return lu_host_err(errno);
        if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
            return -LE_ACCES; /* Linux: ENODEV for files with no mmap */
        if (type != GMAP_PRIVATE && (prot & GPROT_WRITE)) {
            /* The guest's writes would have to reach the file. */
            lu_warn_once(p, LU_WARN_MMAP_SHARED,
                         "shared writable file mappings (MAP_SHARED, PROT_WRITE) are not "
                         "supported");
            return -LE_OPNOTSUPP;
        }
    }
    if (flags & (GMAP_FIXED | GMAP_FIXED_NOREPLACE)) {
        if (addr & (LU_PAGE_SIZE - 1)) return -LE_INVAL;
        if (!user_range(addr, size)) return addr < LU_MIN_ADDR ? -LE_PERM : -LE_NOMEM;
        if ((flags & GMAP_FIXED_NOREPLACE) && !(flags & GMAP_FIXED) &&
            !lu_mem_range_free(m, addr, size))
            return -LE_EXIST;
    } else {
        /* A hint is used when the range is free, as Linux does. */
        addr &= ~(LU_PAGE_SIZE - 1);
        if (!addr || !user_range(addr, size) || !lu_mem_range_free(m, addr, size))
            addr = lu_mem_find_free(m, size, LU_MMAP_TOP);
        if (!addr) return -LE_NOMEM;
    }
    if (!lu_mem_map(m, addr, size, prot & 7)) return -LE_NOMEM;
    if (!anon) {
        /* A private copy of the file; past its end the pages stay zero. */
        uint8_t *host = m->host + addr;
        uint32_t done = 0;
        while (done < len) {
            ssize_t r = pread(fd, host + done, len - done, (off_t)(off + done));
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) {
                int e = errno;
                lu_mem_unmap(m, addr, size);
                return lu_host_err(e);
            }
            if (r == 0) break;
            done += (uint32_t)r;
        }
    }
    return addr;
}

int64_t sys_mmap(lu_process *p, const uint32_t *a)
{
    return do_mmap(p, a[0], a[1], a[2], a[3], (int32_t)a[4], a[5]);
}

int64_t sys_mmap2(lu_process *p, const uint32_t *a)
{
    /* The offset is in 4096-byte units. */
    return do_mmap(p, a[0], a[1], a[2], a[3], (int32_t)a[4], (uint64_t)a[5] << 12);
}

int64_t sys_munmap(lu_process *p, const uint32_t *a)
{
    uint32_t addr = a[0], len = a[1];
    if ((addr & (LU_PAGE_SIZE - 1)) || len == 0 || (uint64_t)addr + len > LU_TASK_SIZE)
        return -LE_INVAL;
    lu_mem_unmap(&p->mem, addr, lu_page_up(len));
    return 0;
}

int64_t sys_mprotect(lu_process *p, const uint32_t *a)
{
    uint32_t addr = a[0], len = lu_page_up(a[1]), prot = a[2];
    if (addr & (LU_PAGE_SIZE - 1)) return -LE_INVAL;
    if ((uint64_t)addr + len > LU_TASK_SIZE) return -LE_NOMEM;
    if (prot & ~7u) return -LE_INVAL;
    return lu_mem_protect(&p->mem, addr, len, prot) ? 0 : -LE_NOMEM;
}

int64_t sys_mremap(lu_process *p, const uint32_t *a)
{
    lu_mem *m = &p->mem;
    uint32_t old = a[0], flags = a[3], fixed_at = a[4];
    if ((old & (LU_PAGE_SIZE - 1)) || (flags & ~7u) || a[2] == 0) return -LE_INVAL;
    if ((flags & GMREMAP_FIXED) && !(flags & GMREMAP_MAYMOVE)) return -LE_INVAL;
    if (a[1] > LU_TASK_SIZE || a[2] > LU_TASK_SIZE) return -LE_NOMEM;
    uint32_t old_size = lu_page_up(a[1]), new_size = lu_page_up(a[2]);
    if (old_size == 0 || !user_range(old, old_size)) return -LE_FAULT;
    for (uint32_t pg = old >> LU_PAGE_SHIFT; pg < (old + old_size) >> LU_PAGE_SHIFT; pg++)
        if (!m->page[pg]) return -LE_FAULT;
    unsigned prot = m->page[old >> LU_PAGE_SHIFT] & 7;
    uint32_t dest;
    if (flags & GMREMAP_FIXED) {
        if ((fixed_at & (LU_PAGE_SIZE - 1)) || !user_range(fixed_at, new_size)) return -LE_INVAL;
        if (fixed_at < old + old_size && old < fixed_at + new_size)
            return -LE_INVAL; /* overlapping ranges */
        dest = fixed_at;
    } else if (new_size <= old_size) {
        if (new_size < old_size) lu_mem_unmap(m, old + new_size, old_size - new_size);
        return old;
    } else if (user_range(old, new_size) &&
               lu_mem_range_free(m, old + old_size, new_size - old_size)) {
        if (!lu_mem_map(m, old + old_size, new_size - old_size, prot)) return -LE_NOMEM;
        return old;
    } else if (flags & GMREMAP_MAYMOVE) {
        dest = lu_mem_find_free(m, new_size, LU_MMAP_TOP);
        if (!dest) return -LE_NOMEM;
    } else {
        return -LE_NOMEM;
    }
    if (!lu_mem_map(m, dest, new_size, prot)) return -LE_NOMEM;
    memcpy(m->host + dest, m->host + old, old_size < new_size ? old_size : new_size);
    lu_mem_unmap(m, old, old_size);
    return dest;
}

int64_t sys_madvise(lu_process *p, const uint32_t *a)
{
    uint32_t addr = a[0], len = lu_page_up(a[1]);
    if ((addr & (LU_PAGE_SIZE - 1)) || (uint64_t)addr + len > LU_TASK_SIZE) return -LE_INVAL;
    /* Private anonymous pages read as zero after MADV_DONTNEED; every
     * other piece of advice is a hint with no visible effect. */
    if (a[2] == GMADV_DONTNEED) lu_mem_discard(&p->mem, addr, len);
    return 0;
}
