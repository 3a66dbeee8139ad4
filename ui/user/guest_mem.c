/* clarus-user: the guest's address space.
 *
 * One 4 GiB host reservation backs every guest address, so a guest range
 * is a contiguous host range and the syscalls copy with plain pointers
 * once lu_mem_ptr has checked the pages. The reservation is made with
 * MAP_NORESERVE: only pages the guest touches cost host memory. The page
 * array records what the guest mapped and with which protection; runs of
 * accessible pages become RAM regions of the core's bus, so an access
 * outside them faults in the core (DSI/ISI) like an unmapped page would on
 * Linux. Write protection is recorded for the syscalls but not enforced on
 * guest stores (the bus has no read-only RAM that faults on a write). */
#include "ui/user/linux_user.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#define RESERVE_SIZE ((size_t)1 << 32)

bool lu_mem_init(lu_mem *m, const char **err)
{
    memset(m, 0, sizeof(*m));
    long hp = sysconf(_SC_PAGESIZE);
    m->host_page = hp > 0 ? (size_t)hp : 4096;
    void *h = mmap(NULL, RESERVE_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (h == MAP_FAILED) {
        *err = "cannot reserve 4 GiB of host address space for the guest";
        return false;
    }
    m->host = h;
    m->page = calloc(LU_NPAGES, 1);
    m->mm = mm_create(32);
    if (!m->page || !m->mm) {
        lu_mem_destroy(m);
        *err = "out of memory";
        return false;
    }
    return true;
}

void lu_mem_destroy(lu_mem *m)
{
    if (m->host) munmap(m->host, RESERVE_SIZE);
    free(m->page);
    free(m->runs);
    mm_destroy(m->mm);
    memset(m, 0, sizeof(*m));
}

static bool accessible(uint8_t flags)
{
    return (flags & LU_PAGE_MAPPED) && (flags & (LU_PROT_READ | LU_PROT_WRITE | LU_PROT_EXEC));
}

static void remove_run(lu_mem *m, size_t i)
{
    mm_remove(m->mm, m->runs[i].region);
    memmove(&m->runs[i], &m->runs[i + 1], (m->nruns - i - 1) * sizeof(lu_run));
    m->nruns--;
}

static bool add_run(lu_mem *m, uint32_t first, uint32_t count)
{
    if (m->nruns == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        lu_run *n = realloc(m->runs, cap * sizeof(*n));
        if (!n) return false;
        m->runs = n;
        m->cap = cap;
    }
    uint64_t base = (uint64_t)first << LU_PAGE_SHIFT;
    int id = mm_add_ram(m->mm, "guest", (uint32_t)base, (uint64_t)count << LU_PAGE_SHIFT,
                        m->host + base);
    if (id < 0) return false;
    m->runs[m->nruns++] = (lu_run){.first = first, .count = count, .region = id};
    return true;
}

/* Pages [lo, hi) changed: rebuild the regions that touch them (and their
 * neighbours, so adjacent runs merge). */
static bool resync(lu_mem *m, uint32_t lo, uint32_t hi)
{
    uint32_t span_lo = lo ? lo - 1 : 0;
    uint32_t span_hi = hi < LU_NPAGES ? hi + 1 : LU_NPAGES;
    for (size_t i = 0; i < m->nruns;) {
        lu_run *r = &m->runs[i];
        if (r->first < span_hi && r->first + r->count > span_lo) {
            if (r->first < span_lo) span_lo = r->first;
            if (r->first + r->count > span_hi) span_hi = r->first + r->count;
            remove_run(m, i);
        } else {
            i++;
        }
    }
    bool ok = true;
    for (uint32_t p = span_lo; p < span_hi;) {
        if (!accessible(m->page[p])) {
            p++;
            continue;
        }
        uint32_t q = p;
        while (q < span_hi && accessible(m->page[q])) q++;
        ok &= add_run(m, p, q - p);
        p = q;
    }
    m->dirty = true;
    return ok;
}

/* Gives [addr, addr+len) fresh zero pages in the host reservation. */
static void zero_host(lu_mem *m, uint32_t addr, uint32_t len)
{
    uintptr_t start = (uintptr_t)m->host + addr, end = start + len;
    uintptr_t hp = m->host_page;
    uintptr_t a = (start + hp - 1) & ~(hp - 1), b = end & ~(hp - 1);
    if (a < b) {
        /* Whole host pages: replacing them drops their contents and gives
         * the memory back to the host. */
        if (mmap((void *)a, b - a, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED)
            memset((void *)a, 0, b - a);
        memset((void *)start, 0, a - start);
        memset((void *)b, 0, end - b);
    } else {
        memset((void *)start, 0, len);
    }
}

/* Zeroes the mapped pages among [first, first+n): the rest are zero
 * already. */
static void zero_mapped(lu_mem *m, uint32_t first, uint32_t n)
{
    for (uint32_t i = 0; i < n;) {
        if (!m->page[first + i]) {
            i++;
            continue;
        }
        uint32_t j = i;
        while (j < n && m->page[first + j]) j++;
        zero_host(m, (first + i) << LU_PAGE_SHIFT, (j - i) << LU_PAGE_SHIFT);
        i = j;
    }
}

static bool range_ok(uint32_t addr, uint32_t len)
{
    return (addr & (LU_PAGE_SIZE - 1)) == 0 && (len & (LU_PAGE_SIZE - 1)) == 0 &&
           (uint64_t)addr + len <= (uint64_t)1 << 32;
}

bool lu_mem_map(lu_mem *m, uint32_t addr, uint32_t len, unsigned prot)
{
    if (!range_ok(addr, len) || len == 0) return false;
    uint32_t first = addr >> LU_PAGE_SHIFT, n = len >> LU_PAGE_SHIFT;
    bool was_mapped = false;
    for (uint32_t i = 0; i < n; i++) was_mapped |= m->page[first + i] != 0;
    if (was_mapped) {
        mm_notify_write(m->mm, addr, len);
        zero_host(m, addr, len);
    }
    memset(m->page + first, (int)(LU_PAGE_MAPPED | (prot & 7)), n);
    return resync(m, first, first + n);
}

bool lu_mem_map_keep(lu_mem *m, uint32_t addr, uint32_t len, unsigned prot)
{
    if (!range_ok(addr, len) || len == 0) return false;
    uint32_t first = addr >> LU_PAGE_SHIFT, n = len >> LU_PAGE_SHIFT;
    for (uint32_t i = 0; i < n; i++) m->page[first + i] |= (uint8_t)(LU_PAGE_MAPPED | (prot & 7));
    return resync(m, first, first + n);
}

void lu_mem_unmap(lu_mem *m, uint32_t addr, uint32_t len)
{
    if (!range_ok(addr, len) || len == 0) return;
    uint32_t first = addr >> LU_PAGE_SHIFT, n = len >> LU_PAGE_SHIFT;
    mm_notify_write(m->mm, addr, len);
    zero_mapped(m, first, n);
    memset(m->page + first, 0, n);
    resync(m, first, first + n);
}

void lu_mem_discard(lu_mem *m, uint32_t addr, uint32_t len)
{
    if (!range_ok(addr, len)) return;
    mm_notify_write(m->mm, addr, len);
    zero_mapped(m, addr >> LU_PAGE_SHIFT, len >> LU_PAGE_SHIFT);
}

bool lu_mem_protect(lu_mem *m, uint32_t addr, uint32_t len, unsigned prot)
{
    if (!range_ok(addr, len)) return false;
    uint32_t first = addr >> LU_PAGE_SHIFT, n = len >> LU_PAGE_SHIFT;
    for (uint32_t i = 0; i < n; i++)
        if (!(m->page[first + i] & LU_PAGE_MAPPED)) return false;
    memset(m->page + first, (int)(LU_PAGE_MAPPED | (prot & 7)), n);
    return n == 0 || resync(m, first, first + n);
}

bool lu_mem_range_free(const lu_mem *m, uint32_t addr, uint32_t len)
{
    if (!range_ok(addr, len)) return false;
    uint32_t first = addr >> LU_PAGE_SHIFT, n = len >> LU_PAGE_SHIFT;
    for (uint32_t i = 0; i < n; i++)
        if (m->page[first + i]) return false;
    return true;
}

uint32_t lu_mem_find_free(const lu_mem *m, uint32_t len, uint32_t top)
{
    uint32_t n = lu_page_up(len) >> LU_PAGE_SHIFT;
    if (n == 0) return 0;
    uint32_t lo_page = lu_page_up(m->brk > LU_MIN_ADDR ? m->brk : LU_MIN_ADDR) >> LU_PAGE_SHIFT;
    /* Leave room above the break for the heap to grow. */
    lo_page += (16u << 20) >> LU_PAGE_SHIFT;
    uint32_t end = top >> LU_PAGE_SHIFT; /* candidate range is [end - n, end) */
    while (end >= lo_page + n) {
        uint32_t i = n;
        while (i > 0 && !m->page[end - n + i - 1]) i--;
        if (i == 0) return (end - n) << LU_PAGE_SHIFT;
        end = end - n + i - 1; /* skip below the used page */
    }
    return 0;
}

void lu_mem_commit(lu_mem *m)
{
    if (m->dirty) {
        mm_commit(m->mm);
        m->dirty = false;
    }
}

void *lu_mem_ptr(const lu_mem *m, uint32_t addr, uint32_t len, unsigned prot)
{
    if ((uint64_t)addr + len > (uint64_t)1 << 32) return NULL;
    if (len) {
        uint32_t first = addr >> LU_PAGE_SHIFT, last = (uint32_t)(((uint64_t)addr + len - 1) >> 12);
        for (uint32_t p = first; p <= last; p++) {
            uint8_t f = m->page[p];
            if (!(f & LU_PAGE_MAPPED) || (f & prot) != prot) return NULL;
        }
        /* The caller is about to write: the core drops what it decoded
         * from these pages. */
        if (prot & LU_PROT_WRITE) mm_notify_write(m->mm, addr, len);
    }
    return m->host + addr;
}

char *lu_mem_strdup(const lu_mem *m, uint32_t addr, size_t max)
{
    for (size_t n = 0; n <= max; n++) {
        uint64_t a = (uint64_t)addr + n;
        if (a >> 32) return NULL;
        uint8_t f = m->page[a >> LU_PAGE_SHIFT];
        if (!(f & LU_PAGE_MAPPED) || !(f & LU_PROT_READ)) return NULL;
        if (m->host[a] == 0) return g_strndup((const char *)m->host + addr, n);
    }
    return NULL;
}
