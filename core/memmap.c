/* Guest physical address space: regions and the page tables built from them. */
#include "memmap.h"

#include <stdlib.h>

mm_space *mm_create(unsigned addr_bits)
{
    if (addr_bits < 16 || addr_bits > 32) return NULL;
    mm_space *s = calloc(1, sizeof(*s));
    if (!s) return NULL;
    s->addr_bits = addr_bits;
    s->addr_mask = (uint32_t)((1ull << addr_bits) - 1);
    size_t pages = (size_t)1 << (addr_bits - MM_PAGE_BITS);
    s->rd = calloc(pages, sizeof(uintptr_t));
    s->wr = calloc(pages, sizeof(uintptr_t));
    s->code_bits = calloc((pages + 7) / 8, 1);
    s->open_bus = 0xffffffffu;
    s->dirty_lo = UINT64_MAX;
    s->dirty_hi = 0;
    if (!s->rd || !s->wr || !s->code_bits) {
        mm_destroy(s);
        return NULL;
    }
    return s;
}

void mm_destroy(mm_space *s)
{
    if (!s) return;
    free(s->rd);
    free(s->wr);
    free(s->code_bits);
    free(s->regions);
    free(s);
}

static void mark_dirty(mm_space *s, const mm_region *r)
{
    uint64_t first = r->base >> MM_PAGE_BITS;
    uint64_t last = ((uint64_t)r->base + r->size - 1) >> MM_PAGE_BITS;
    if (first < s->dirty_lo) s->dirty_lo = first;
    if (last > s->dirty_hi) s->dirty_hi = last;
}

static int add_region(mm_space *s, const mm_region *r)
{
    if (r->size == 0 || (uint64_t)r->base + r->size > (uint64_t)s->addr_mask + 1) return -1;
    mark_dirty(s, r);
    /* Reuse a slot mm_remove freed. */
    for (size_t i = 0; i < s->nregions; i++)
        if (s->regions[i].kind == MM_FREE) {
            s->regions[i] = *r;
            return (int)i;
        }
    if (s->nregions == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        mm_region *n = realloc(s->regions, cap * sizeof(*n));
        if (!n) return -1;
        s->regions = n;
        s->cap = cap;
    }
    s->regions[s->nregions] = *r;
    return (int)s->nregions++;
}

int mm_add_ram(mm_space *s, const char *name, uint32_t base, uint64_t size, uint8_t *host)
{
    mm_region r = {
        .kind = MM_RAM, .enabled = true, .base = base, .size = size, .host = host, .name = name};
    return host ? add_region(s, &r) : -1;
}

int mm_add_rom(mm_space *s, const char *name, uint32_t base, uint64_t size, const uint8_t *host)
{
    /* The ROM's bytes are never written through this pointer: the page
     * table's write entries for ROM stay 0 and the slow path ignores writes. */
    mm_region r = {.kind = MM_ROM,
                   .enabled = true,
                   .base = base,
                   .size = size,
                   .host = (uint8_t *)(uintptr_t)host,
                   .name = name};
    return host ? add_region(s, &r) : -1;
}

int mm_add_mmio(mm_space *s, const char *name, uint32_t base, uint64_t size, const mmio_ops *ops,
                void *opaque)
{
    mm_region r = {.kind = MM_MMIO,
                   .enabled = true,
                   .base = base,
                   .size = size,
                   .ops = ops,
                   .opaque = opaque,
                   .name = name};
    return ops ? add_region(s, &r) : -1;
}

void mm_set_enabled(mm_space *s, int region, bool enabled)
{
    if (region >= 0 && (size_t)region < s->nregions && s->regions[region].kind != MM_FREE &&
        s->regions[region].enabled != enabled) {
        s->regions[region].enabled = enabled;
        mark_dirty(s, &s->regions[region]);
    }
}

void mm_remove(mm_space *s, int region)
{
    if (region < 0 || (size_t)region >= s->nregions || s->regions[region].kind == MM_FREE) return;
    mark_dirty(s, &s->regions[region]);
    s->regions[region].enabled = false;
    s->regions[region].kind = MM_FREE;
}

const mm_region *mm_lookup(const mm_space *s, uint32_t addr)
{
    addr &= s->addr_mask;
    for (size_t i = s->nregions; i-- > 0;) {
        const mm_region *r = &s->regions[i];
        if (r->enabled && addr >= r->base && (uint64_t)addr - r->base < r->size) return r;
    }
    return NULL;
}

/* Repaints the pages the changes since the last commit touched
 * ([dirty_lo, dirty_hi]). A page is fast only if one RAM/ROM region covers
 * all of it and no region added after it covers any of it: regions are
 * painted in the order they were added, so later ones win. */
void mm_commit(mm_space *s)
{
    if (s->dirty_lo <= s->dirty_hi) {
        uint64_t lo = s->dirty_lo, hi = s->dirty_hi;
        for (uint64_t p = lo; p <= hi; p++) s->rd[p] = s->wr[p] = 0;
        for (size_t i = 0; i < s->nregions; i++) {
            const mm_region *r = &s->regions[i];
            if (!r->enabled) continue;
            uint64_t first = r->base >> MM_PAGE_BITS;
            uint64_t last = ((uint64_t)r->base + r->size - 1) >> MM_PAGE_BITS;
            if (first < lo) first = lo;
            if (last > hi) last = hi;
            for (uint64_t p = first; p <= last; p++) {
                uint64_t pstart = p << MM_PAGE_BITS, pend = pstart + MM_PAGE_SIZE;
                bool whole = pstart >= r->base && pend <= (uint64_t)r->base + r->size;
                uintptr_t addend = 0;
                if (whole && r->kind != MM_MMIO) addend = (uintptr_t)(r->host - r->base);
                /* An addend of 0 would read as "slow path": leave such a page slow. */
                s->rd[p] = addend;
                bool watched = s->code_bits[p >> 3] >> (p & 7) & 1;
                s->wr[p] = r->kind == MM_RAM && !watched ? addend : 0;
            }
        }
        s->dirty_lo = UINT64_MAX;
        s->dirty_hi = 0;
    }
    s->generation++;
}

static uint32_t region_read(mm_space *s, const mm_region *r, uint32_t addr, unsigned size)
{
    uint32_t off = addr - r->base;
    if (r->kind != MM_MMIO) {
        const uint8_t *p = r->host + off;
        return size == 1 ? *p : size == 2 ? load_be16(p) : load_be32(p);
    }
    return r->ops->read ? r->ops->read(r->opaque, off, size) : s->open_bus;
}

static void region_write(const mm_region *r, uint32_t addr, uint32_t value, unsigned size)
{
    uint32_t off = addr - r->base;
    if (r->kind == MM_RAM) {
        uint8_t *p = r->host + off;
        if (size == 1)
            *p = (uint8_t)value;
        else if (size == 2)
            store_be16(p, (uint16_t)value);
        else
            store_be32(p, value);
    } else if (r->kind == MM_MMIO && r->ops->write) {
        r->ops->write(r->opaque, off, value, size);
    }
}

/* True if [addr, addr+size) lies inside r. */
static bool fits(const mm_region *r, uint32_t addr, unsigned size)
{
    return (uint64_t)addr - r->base + size <= r->size;
}

uint32_t mm_read_slow(mm_space *s, uint32_t addr, unsigned size)
{
    addr &= s->addr_mask;
    const mm_region *r = mm_lookup(s, addr);
    if (r && fits(r, addr, size)) {
        uint32_t v = region_read(s, r, addr, size);
        if (r->kind == MM_MMIO && s->spin_hook) {
            if (r->ops->streams && r->ops->streams(r->opaque, addr - r->base)) {
                s->spin_valid = false;
            } else {
                if (s->spin_valid && addr == s->spin_addr && v == s->spin_val) {
                    if (s->spin_count < s->spin_threshold) s->spin_count++;
                } else {
                    s->spin_valid = true;
                    s->spin_addr = addr;
                    s->spin_val = v;
                    s->spin_count = 0;
                }
                /* The start of a run, and every read once it is long enough
                 * (the loop going round again). */
                if (s->spin_count == 0 || s->spin_count >= s->spin_threshold)
                    s->spin_hook(s->spin_ctx, s->spin_count);
            }
        }
        return v;
    }
    if (!r && size == 1) {
        s->bus_error = true;
        return s->open_bus & 0xff;
    }
    /* Straddles a region boundary (or starts unmapped): assemble byte lanes. */
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) v = v << 8 | mm_read_slow(s, addr + i, 1);
    return v;
}

void mm_write_slow(mm_space *s, uint32_t addr, uint32_t value, unsigned size)
{
    addr &= s->addr_mask;
    const mm_region *r = mm_lookup(s, addr);
    if (r && fits(r, addr, size)) {
        if (r->kind == MM_RAM && mm_code_watched(s, addr)) mm_notify_write(s, addr, size);
        if (r->kind == MM_MMIO && (addr != s->spin_waddr || value != s->spin_wval)) {
            /* A write unlike the loop's last one: not (yet) a spin. */
            s->spin_waddr = addr;
            s->spin_wval = value;
            s->spin_valid = false;
        }
        region_write(r, addr, value, size);
        return;
    }
    if (!r && size == 1) {
        s->bus_error = true;
        return;
    }
    for (unsigned i = 0; i < size; i++)
        mm_write_slow(s, addr + i, value >> (8 * (size - 1 - i)), 1);
}

void mm_set_spin_hook(mm_space *s, unsigned threshold, mm_spin_hook fn, void *ctx)
{
    s->spin_threshold = threshold ? threshold : 1;
    s->spin_hook = fn;
    s->spin_ctx = ctx;
    s->spin_count = 0;
    s->spin_valid = false;
}

/* ---- code watch ---- */

bool mm_add_code_hook(mm_space *s, mm_code_hook fn, void *ctx)
{
    unsigned n = sizeof(s->code_hooks) / sizeof(s->code_hooks[0]);
    if (s->ncode_hooks == n) return false;
    s->code_hooks[s->ncode_hooks].fn = fn;
    s->code_hooks[s->ncode_hooks].ctx = ctx;
    s->ncode_hooks++;
    return true;
}

void mm_remove_code_hook(mm_space *s, mm_code_hook fn, void *ctx)
{
    for (unsigned i = 0; i < s->ncode_hooks; i++) {
        if (s->code_hooks[i].fn == fn && s->code_hooks[i].ctx == ctx) {
            s->code_hooks[i] = s->code_hooks[--s->ncode_hooks];
            return;
        }
    }
}

void mm_code_watch(mm_space *s, uint32_t addr)
{
    uint32_t p = (addr & s->addr_mask) >> MM_PAGE_BITS;
    s->code_bits[p >> 3] |= (uint8_t)(1u << (p & 7));
    s->wr[p] = 0;
}

void mm_code_unwatch(mm_space *s, uint32_t addr)
{
    uint32_t p = (addr & s->addr_mask) >> MM_PAGE_BITS;
    s->code_bits[p >> 3] &= (uint8_t) ~(1u << (p & 7));
    /* Give the page its write entry back if it is a whole RAM page. */
    const mm_region *r = mm_lookup(s, p << MM_PAGE_BITS);
    if (s->rd[p] && r && r->kind == MM_RAM) s->wr[p] = s->rd[p];
}

void mm_notify_write(mm_space *s, uint32_t addr, uint64_t len)
{
    if (!len) return;
    addr &= s->addr_mask;
    uint64_t first = addr >> MM_PAGE_BITS;
    uint64_t last = ((uint64_t)addr + len - 1) >> MM_PAGE_BITS;
    uint64_t npages = (uint64_t)1 << (s->addr_bits - MM_PAGE_BITS);
    if (last >= npages) last = npages - 1;
    for (uint64_t p = first; p <= last; p++) {
        if (!(s->code_bits[p >> 3] >> (p & 7) & 1)) {
            /* Skip eight clear pages at a time. */
            if ((p & 7) == 0 && !s->code_bits[p >> 3]) p += 7;
            continue;
        }
        for (unsigned i = 0; i < s->ncode_hooks; i++)
            s->code_hooks[i].fn(s->code_hooks[i].ctx, (uint32_t)(p << MM_PAGE_BITS));
    }
}
