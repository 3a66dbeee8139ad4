/* Guest physical address space.
 *
 * RAM and ROM are reached through a page table: one entry per 4 KiB page
 * holding `host - guest` (an addend), so a hit is a load, a test and a
 * byte swap. An entry of 0 sends the access to the slow path, which calls
 * the region's MMIO callbacks. ROM pages are readable only; writes to them,
 * and any page a device wants to watch (framebuffers, translated code),
 * leave the write entry at 0.
 *
 * Regions may overlap: the one added later wins (a ROM overlay at address 0
 * is added after RAM and switched with mm_set_enabled). Any change is
 * applied by mm_commit, which repaints the pages the changes touched and
 * bumps `generation` so that CPUs drop their translations.
 */
#ifndef CLARUS_MEMMAP_H
#define CLARUS_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bits.h"

#define MM_PAGE_BITS 12
#define MM_PAGE_SIZE (1u << MM_PAGE_BITS)

typedef struct mmio_ops {
    /* offset is relative to the region base; size is 1, 2 or 4 bytes. Values
     * are in guest order: a 2-byte read of bytes AB returns 0xAB. */
    uint32_t (*read)(void *opaque, uint32_t offset, unsigned size);
    void (*write)(void *opaque, uint32_t offset, uint32_t value, unsigned size);
    /* Optional: true when reading this register takes the next item of a
     * stream (a FIFO, a data port that advances), so that reading it again
     * and again is not polling (see mm_set_spin_hook). NULL: no register
     * of the region streams. */
    bool (*streams)(void *opaque, uint32_t offset);
} mmio_ops;

typedef enum { MM_RAM, MM_ROM, MM_MMIO, MM_FREE } mm_kind;

typedef struct mm_region {
    mm_kind kind;
    bool enabled;
    uint32_t base;
    uint64_t size;
    uint8_t *host;
    const mmio_ops *ops;
    void *opaque;
    const char *name;
} mm_region;

/* See mm_set_spin_hook. */
typedef void (*mm_spin_hook)(void *ctx, unsigned run);

/* Called when a watched page is written by anyone but a CPU fast path;
 * page is the page's address. The hook normally calls mm_code_unwatch. */
typedef void (*mm_code_hook)(void *ctx, uint32_t page);

typedef struct mm_space {
    /* The fast path (read by the CPU cores, inline). */
    uintptr_t *rd; /* per page: host addend, or 0 for the slow path */
    uintptr_t *wr;
    uint32_t addr_mask;
    unsigned addr_bits;
    /* Set by mm_signal_bus_error() or an access no region decodes; the CPU
     * core tests and clears it after each slow access. */
    bool bus_error;
    /* Bumped by every mm_commit, so TLBs in front of this map know to flush. */
    uint32_t generation;
    /* Private. */
    mm_region *regions;
    size_t nregions, cap;
    uint32_t open_bus;           /* value read from an undecoded address */
    uint64_t dirty_lo, dirty_hi; /* pages to repaint at the next commit */
    uint8_t *code_bits;          /* one bit per page: watched for code (see mm_code_watch) */
    struct {
        mm_code_hook fn;
        void *ctx;
    } code_hooks[4];
    unsigned ncode_hooks;
    /* Spin detection (see mm_set_spin_hook). */
    uint32_t spin_addr, spin_val, spin_waddr, spin_wval;
    unsigned spin_count, spin_threshold;
    bool spin_valid;
    mm_spin_hook spin_hook;
    void *spin_ctx;
} mm_space;

/* addr_bits: 24 (68000) to 32. Returns NULL on a bad argument or no memory. */
mm_space *mm_create(unsigned addr_bits);
void mm_destroy(mm_space *s);

/* Each returns a region id (>= 0) or -1 when the region does not fit the
 * address space. `host` must stay valid while the region exists. */
int mm_add_ram(mm_space *s, const char *name, uint32_t base, uint64_t size, uint8_t *host);
int mm_add_rom(mm_space *s, const char *name, uint32_t base, uint64_t size, const uint8_t *host);
int mm_add_mmio(mm_space *s, const char *name, uint32_t base, uint64_t size, const mmio_ops *ops,
                void *opaque);
void mm_set_enabled(mm_space *s, int region, bool enabled);
/* Removes a region; its id may be reused by a later add. */
void mm_remove(mm_space *s, int region);
void mm_commit(mm_space *s);

/* The region decoding addr, or NULL. */
const mm_region *mm_lookup(const mm_space *s, uint32_t addr);

/* Slow path: any region, any alignment; sizes 1, 2, 4. Wider accesses to
 * MMIO are split into big-endian byte lanes when a region boundary is
 * crossed. An undecoded address reads open_bus and sets bus_error. */
uint32_t mm_read_slow(mm_space *s, uint32_t addr, unsigned size);
void mm_write_slow(mm_space *s, uint32_t addr, uint32_t value, unsigned size);

/* Code watch. A CPU that keeps decoded instructions watches the pages
 * they came from: a watched page's write entry stays 0, so writes take the
 * slow path, and mm_write_slow and mm_notify_write call every hook before
 * the page changes. Hooks are registered once per CPU (at most 4). */
bool mm_add_code_hook(mm_space *s, mm_code_hook fn, void *ctx);
void mm_remove_code_hook(mm_space *s, mm_code_hook fn, void *ctx);
void mm_code_watch(mm_space *s, uint32_t addr);
void mm_code_unwatch(mm_space *s, uint32_t addr);
static inline bool mm_code_watched(const mm_space *s, uint32_t addr)
{
    uint32_t p = (addr & s->addr_mask) >> MM_PAGE_BITS;
    return s->code_bits[p >> 3] >> (p & 7) & 1;
}
/* Something other than a CPU store (a DMA transfer, the host on the
 * guest's behalf) is about to change or has changed [addr, addr+len). */
void mm_notify_write(mm_space *s, uint32_t addr, uint64_t len);

/* Spin detection, for idle skipping: a CPU polling a device register in a
 * loop reads the same MMIO address and gets the same value again and
 * again, writing (if anything) the same value to the same address in
 * between, from a register that does not stream (mmio_ops.streams). The
 * hook sees the first read of such a run (run = 0) and, once `threshold`
 * identical reads have followed, every further one (run = threshold); the
 * machine, which knows how much time those reads took, decides whether it
 * is a tight polling loop and lets time jump to the next event, since
 * nothing the CPU does until then changes what it will read. Any other
 * MMIO access ends the run. */
void mm_set_spin_hook(mm_space *s, unsigned threshold, mm_spin_hook fn, void *ctx);

/* A device callback calls this to make the current access a bus error. */
static inline void mm_signal_bus_error(mm_space *s)
{
    s->bus_error = true;
}

/* Generic fast accessors for code that has no TLB of its own (tests, DMA). */
static inline uint32_t mm_read(mm_space *s, uint32_t addr, unsigned size)
{
    addr &= s->addr_mask;
    uintptr_t a = s->rd[addr >> MM_PAGE_BITS];
    if (likely(a) && ((addr & (MM_PAGE_SIZE - 1)) + size) <= MM_PAGE_SIZE) {
        const uint8_t *p = (const uint8_t *)(a + addr);
        switch (size) {
        case 1: return *p;
        case 2: return load_be16(p);
        default: return load_be32(p);
        }
    }
    return mm_read_slow(s, addr, size);
}

static inline void mm_write(mm_space *s, uint32_t addr, uint32_t value, unsigned size)
{
    addr &= s->addr_mask;
    uintptr_t a = s->wr[addr >> MM_PAGE_BITS];
    if (likely(a) && ((addr & (MM_PAGE_SIZE - 1)) + size) <= MM_PAGE_SIZE) {
        uint8_t *p = (uint8_t *)(a + addr);
        switch (size) {
        case 1: *p = (uint8_t)value; return;
        case 2: store_be16(p, (uint16_t)value); return;
        default: store_be32(p, value); return;
        }
    }
    mm_write_slow(s, addr, value, size);
}

#endif
