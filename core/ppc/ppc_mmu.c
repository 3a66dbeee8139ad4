/* PowerPC MMU: block address translation, segments, the hashed page table
 * with referenced/changed updates, the 603e's software-loaded TLB, and the
 * slow paths of the translation caches.
 *
 * MPCFPE32B chapter 7 ("Memory management"): BATs are searched first; then
 * the segment register selected by EA[0-3] gives the VSID, the primary and
 * secondary hashes of VSID and page index select a PTE group in the table
 * described by SDR1, and the PTE's PP bits with the segment's Ks/Kp key
 * decide access. The 601 (MPC601UM chapter 6) has four unified BATs in its
 * own format; the 603e (MPC603EUM chapter 5) does not search the page
 * table in hardware: a miss takes exception 0x1000, 0x1100 or 0x1200 and
 * software loads its TLB with tlbli/tlbld. */
#include "ppc_internal.h"

#include <stdlib.h>
#include <string.h>

enum { ACC_READ, ACC_WRITE, ACC_FETCH };

/* 603e TLB: 32 sets of 2 ways, for instructions and for data. */
#define SOFT_TLB_SETS 32

typedef struct {
    bool valid;
    uint32_t ea_page; /* EA >> 12 */
    uint32_t vsid;
    uint32_t word1; /* RPN, R, C, WIMG, PP as loaded from RPA */
} soft_tlb_entry;

/* Lives outside ppc_cpu to keep the hot structure small; one per CPU. */
typedef struct ppc_soft_tlb {
    soft_tlb_entry e[2][SOFT_TLB_SETS][2]; /* [data?][set][way] */
    uint8_t lru[2][SOFT_TLB_SETS];
} soft_tlb;

/* The translation result. */
typedef struct {
    uint32_t pa;
    bool writable;  /* a store may use the cache entry */
    bool cacheable; /* RAM page may be cached by the translation cache */
} xlate;

/* ---- translation cache management ---- */

void ppc_tlb_flush(ppc_cpu *c)
{
    for (unsigned i = 0; i < PPC_TLB_SIZE; i++)
        c->dtlb[i].tag_r = c->dtlb[i].tag_w = PPC_TLB_INVALID;
    ppc_ipage_flush(c);
    c->fetch_tag = PPC_TLB_INVALID;
    ppc_stop_chain(c, -1); /* the next instruction may translate differently */
}

void ppc_tlb_flush_page(ppc_cpu *c, uint32_t ea)
{
    /* tlbie invalidates the page in every segment: the effective page
     * index selects the entries, whatever the upper address bits. */
    for (unsigned i = 0; i < PPC_TLB_SIZE; i++) {
        if (((c->dtlb[i].tag_r >> 12) & 0xffff) == ((ea >> 12) & 0xffff) ||
            ((c->dtlb[i].tag_w >> 12) & 0xffff) == ((ea >> 12) & 0xffff))
            c->dtlb[i].tag_r = c->dtlb[i].tag_w = PPC_TLB_INVALID;
    }
    ppc_ipage_flush_page(c, ea);
    c->fetch_tag = PPC_TLB_INVALID;
    ppc_stop_chain(c, -1);
}

void ppc_dtlb_protect_host(ppc_cpu *c, const uint8_t *host_page)
{
    for (unsigned i = 0; i < PPC_TLB_SIZE; i++) {
        ppc_tlb_entry *e = &c->dtlb[i];
        if (e->tag_w != PPC_TLB_INVALID && e->addend + (e->tag_w & ~0xfffu) == (uintptr_t)host_page)
            e->tag_w = PPC_TLB_INVALID;
    }
}

/* ---- BATs ---- */

/* Returns true and sets *pa / *pp if a BAT maps ea. */
static bool bat_lookup(ppc_cpu *c, uint32_t ea, int access, uint32_t *pa, unsigned *pp)
{
    bool user = c->msr & MSR_PR;
    if (c->info->is_601) {
        /* 601: BATU = BLPI | WIMG Ks Ku PP; BATL = PBN | V | BSM. */
        for (unsigned i = 0; i < 4; i++) {
            uint32_t u = c->spr[SPR_IBAT0U + 2 * i], l = c->spr[SPR_IBAT0U + 2 * i + 1];
            if (!(l & 0x40)) continue;
            uint32_t bsm = l & 0x3f;
            uint32_t mask = ~(bsm << 17) & 0xfffe0000u;
            if ((ea & mask) != (u & mask)) continue;
            *pa = (l & mask) | (ea & ~mask);
            unsigned key = user ? (u >> 2 & 1) : (u >> 3 & 1);
            unsigned p = u & 3;
            /* Same meaning as a page's PP with that key. */
            if (key == 0)
                *pp = p == 3 ? 1 : 2;
            else
                *pp = p == 0 ? 0 : p == 2 ? 2 : 1;
            return true;
        }
        return false;
    }
    unsigned base = access == ACC_FETCH ? SPR_IBAT0U : SPR_DBAT0U;
    for (unsigned i = 0; i < 4; i++) {
        uint32_t u = c->spr[base + 2 * i], l = c->spr[base + 2 * i + 1];
        if (!(u & (user ? 1 : 2))) continue;
        uint32_t bl = u >> 2 & 0x7ff;
        uint32_t mask = ~(bl << 17) & 0xfffe0000u;
        if ((ea & mask) != (u & mask)) continue;
        *pa = (l & mask) | (ea & ~mask);
        unsigned p = l & 3;
        /* PP 00: no access; x1: read only; 10: read/write. */
        *pp = p == 0 ? 0 : p == 2 ? 2 : 1;
        return true;
    }
    return false;
}

/* ---- page table ---- */

static uint32_t pteg_addr(uint32_t sdr1, uint32_t hash)
{
    uint32_t htaborg = sdr1 & 0xffff0000u, htabmask = sdr1 & 0x1ff;
    uint32_t hi = ((htaborg >> 16) & 0x1ff) | ((hash >> 10) & htabmask);
    return (htaborg & 0xfe000000u) | hi << 16 | (hash & 0x3ff) << 6;
}

/* Access allowed for PP under key? (0 none, 1 read, 2 read/write) */
static unsigned pp_access(unsigned key, unsigned pp)
{
    if (key == 0) return pp == 3 ? 1 : 2;
    return pp == 0 ? 0 : pp == 2 ? 2 : 1;
}

static uint32_t phys_read32(ppc_cpu *c, uint32_t pa)
{
    return mm_read(c->bus, pa, 4);
}
static void phys_write8(ppc_cpu *c, uint32_t pa, uint8_t v)
{
    mm_write(c->bus, pa, v, 1);
}

_Noreturn static void storage_fault(ppc_cpu *c, uint32_t ea, int access, uint32_t bits)
{
    if (access == ACC_FETCH) ppc_raise(c, EXC_ISI, ea, bits);
    c->spr[SPR_DAR] = ea;
    c->spr[SPR_DSISR] = bits | (access == ACC_WRITE ? 0x02000000u : 0);
    ppc_raise(c, EXC_DSI, c->pc, 0);
}

static soft_tlb *soft_tlb_of(ppc_cpu *c);

/* The 603e's TLB miss: set up the miss SPRs and take the exception. */
_Noreturn static void soft_tlb_miss(ppc_cpu *c, uint32_t ea, int access, uint32_t sr)
{
    uint32_t vsid = sr & 0xffffff;
    uint32_t pidx = (ea >> 12) & 0xffff;
    uint32_t hash = (vsid & 0x7ffff) ^ pidx;
    uint32_t cmp = 0x80000000u | vsid << 7 | (pidx >> 10);
    uint32_t key = (c->msr & MSR_PR) ? (sr >> 29 & 1) : (sr >> 30 & 1);
    c->spr[SPR_HASH1] = pteg_addr(c->spr[SPR_SDR1], hash);
    c->spr[SPR_HASH2] = pteg_addr(c->spr[SPR_SDR1], ~hash & 0x7ffff);
    uint32_t vector;
    if (access == ACC_FETCH) {
        c->spr[SPR_IMISS] = ea;
        c->spr[SPR_ICMP] = cmp;
        vector = EXC_ITLB_MISS;
    } else {
        c->spr[SPR_DMISS] = ea;
        c->spr[SPR_DCMP] = cmp;
        vector = access == ACC_WRITE ? EXC_DSTLB_MISS : EXC_DLTLB_MISS;
    }
    /* SRR1 bits 0-3 hold CR0 and bit 12 the key; MSR[TGPR] is set. */
    uint32_t bits = (c->cr & 0xf0000000u) | (key ? 0x00080000u : 0);
    if (c->host.user_fault) ppc_raise(c, vector, access == ACC_FETCH ? ea : c->pc, bits);
    ppc_deliver(c, vector, access == ACC_FETCH ? ea : c->pc, bits);
    ppc_set_msr_internal(c, c->msr | MSR_TGPR);
    longjmp(c->abort, 1);
}

/* Translates ea for `access`; raises the exception on failure. */
static xlate translate(ppc_cpu *c, uint32_t ea, int access)
{
    xlate x = {.pa = ea, .writable = true, .cacheable = true};
    bool on = access == ACC_FETCH ? (c->msr & MSR_IR) : (c->msr & MSR_DR);
    if (!on) return x;
    uint32_t pa;
    unsigned pp;
    if (bat_lookup(c, ea, access, &pa, &pp)) {
        if (pp == 0 || (access == ACC_WRITE && pp != 2)) storage_fault(c, ea, access, 0x08000000u);
        x.pa = pa;
        x.writable = pp == 2;
        return x;
    }
    uint32_t sr = c->sr[ea >> 28];
    if (sr & 0x80000000u) {
        /* Direct-store segment (T=1): not supported by the 603e/750/7400
         * as memory; a data access takes a DSI, a fetch an ISI. */
        if (c->info->is_601 && access != ACC_FETCH && (sr & 0x1ff00000u) == 0x07f00000u) {
            /* 601 memory-forced I/O with BUID 0x7F: a real-mode access. */
            x.pa = (sr << 28) | (ea & 0x0fffffffu);
            return x;
        }
        storage_fault(c, ea, access, access == ACC_FETCH ? 0x10000000u : 0x04000000u);
    }
    if (access == ACC_FETCH && (sr & 0x10000000u))
        storage_fault(c, ea, access, 0x10000000u); /* no-execute segment */
    unsigned key = (c->msr & MSR_PR) ? (sr >> 29 & 1) : (sr >> 30 & 1);
    uint32_t vsid = sr & 0xffffff;
    uint32_t pidx = (ea >> 12) & 0xffff;
    uint32_t api = pidx >> 10;

    if (c->info->soft_tlb) {
        soft_tlb *t = soft_tlb_of(c);
        unsigned d = access != ACC_FETCH;
        unsigned set = pidx & (SOFT_TLB_SETS - 1);
        for (unsigned w = 0; w < 2; w++) {
            soft_tlb_entry *e = &t->e[d][set][w];
            if (e->valid && e->ea_page == ea >> 12 && e->vsid == vsid) {
                unsigned acc = pp_access(key, e->word1 & 3);
                if (acc == 0 || (access == ACC_WRITE && acc != 2))
                    storage_fault(c, ea, access, 0x08000000u);
                if (access == ACC_WRITE && !(e->word1 & 0x80))
                    soft_tlb_miss(c, ea, access, sr); /* C not set: software sets it */
                t->lru[d][set] = (uint8_t)(w ^ 1);
                x.pa = (e->word1 & 0xfffff000u) | (ea & 0xfff);
                x.writable = acc == 2 && (e->word1 & 0x80);
                return x;
            }
        }
        soft_tlb_miss(c, ea, access, sr);
    }

    uint32_t hash = (vsid & 0x7ffff) ^ pidx;
    for (int h = 0; h < 2; h++) {
        uint32_t pteg = pteg_addr(c->spr[SPR_SDR1], h ? ~hash & 0x7ffff : hash);
        for (unsigned i = 0; i < 8; i++) {
            uint32_t pte = pteg + 8 * i;
            uint32_t w0 = phys_read32(c, pte);
            if (!(w0 & 0x80000000u) || ((w0 >> 7) & 0xffffff) != vsid ||
                ((w0 >> 6) & 1) != (unsigned)h || (w0 & 0x3f) != api)
                continue;
            uint32_t w1 = phys_read32(c, pte + 4);
            unsigned acc = pp_access(key, w1 & 3);
            if (acc == 0 || (access == ACC_WRITE && acc != 2))
                storage_fault(c, ea, access, 0x08000000u);
            /* Referenced on every access, changed on a store (byte 6 of
             * the PTE holds R and C). */
            uint32_t rc = (w1 >> 7) & 3; /* R C */
            uint32_t want = access == ACC_WRITE ? 3 : (rc | 2);
            if (want != rc) {
                uint32_t nw1 = (w1 & ~0x180u) | (want << 7);
                phys_write8(c, pte + 6, (uint8_t)(nw1 >> 8));
                phys_write8(c, pte + 7, (uint8_t)nw1);
                w1 = nw1;
            }
            x.pa = (w1 & 0xfffff000u) | (ea & 0xfff);
            /* A store may skip this walk only once C is set. */
            x.writable = acc == 2 && (w1 & 0x80);
            return x;
        }
    }
    storage_fault(c, ea, access, 0x40000000u);
}

uint32_t ppc_translate_data(ppc_cpu *c, uint32_t ea, bool store)
{
    return translate(c, ea, store ? ACC_WRITE : ACC_READ).pa;
}

/* ---- the 603e TLB, kept per CPU outside the hot structure ---- */

static soft_tlb *soft_tlb_of(ppc_cpu *c)
{
    if (!c->soft_tlb) {
        c->soft_tlb = calloc(1, sizeof(soft_tlb));
        if (!c->soft_tlb) abort();
    }
    return c->soft_tlb;
}

void ppc_soft_tlb_free(ppc_cpu *c)
{
    free(c->soft_tlb);
    c->soft_tlb = NULL;
}

/* tlbld/tlbli rB: load the entry for EA rB from DCMP/ICMP and RPA. */
void ppc_soft_tlb_load(ppc_cpu *c, uint32_t ea, bool data)
{
    soft_tlb *t = soft_tlb_of(c);
    unsigned d = data ? 1 : 0;
    uint32_t cmp = c->spr[data ? SPR_DCMP : SPR_ICMP];
    unsigned set = (ea >> 12) & (SOFT_TLB_SETS - 1);
    /* The way: SRR1 bit 14 says which way software wants replaced; use the
     * LRU way, which is what the 603e reports there. */
    unsigned w = t->lru[d][set];
    soft_tlb_entry *e = &t->e[d][set][w];
    e->valid = true;
    e->ea_page = ea >> 12;
    e->vsid = (cmp >> 7) & 0xffffff;
    e->word1 = c->spr[SPR_RPA];
    t->lru[d][set] = (uint8_t)(w ^ 1);
    ppc_tlb_flush_page(c, ea);
}

void ppc_soft_tlb_invalidate(ppc_cpu *c, uint32_t ea)
{
    if (!c->info->soft_tlb) return;
    soft_tlb *t = soft_tlb_of(c);
    unsigned set = (ea >> 12) & (SOFT_TLB_SETS - 1);
    for (unsigned d = 0; d < 2; d++)
        for (unsigned w = 0; w < 2; w++) t->e[d][set][w].valid = false;
}

/* ---- slow paths ---- */

/* Fills a translation-cache entry when the physical page is plain memory. */
static bool fill(ppc_cpu *c, ppc_tlb_entry *e, uint32_t ea, const xlate *x, uint32_t mode,
                 bool fetch)
{
    const mm_region *r = mm_lookup(c->bus, x->pa);
    if (!r || r->kind == MM_MMIO) return false;
    uint32_t page_pa = x->pa & ~0xfffu;
    if ((uint64_t)page_pa < r->base || (uint64_t)page_pa + 0x1000 > (uint64_t)r->base + r->size)
        return false;
    uintptr_t host_page = (uintptr_t)(r->host + (page_pa - r->base));
    uintptr_t addend = host_page - (ea & ~0xfffu);
    uint32_t tag = (ea & ~0xfffu) | mode;
    if (fetch) {
        c->fetch_tag = ea & ~0xfffu;
        c->fetch_addend = addend;
        return true;
    }
    e->addend = addend;
    e->tag_r = tag;
    /* Pages holding decoded instructions are written the slow way. */
    bool ok_w = r->kind == MM_RAM && x->writable && !mm_code_watched(c->bus, page_pa);
    e->tag_w = ok_w ? tag : PPC_TLB_INVALID;
    return true;
}

_Noreturn static void bus_fault(ppc_cpu *c, uint32_t ea, int access)
{
    /* No device answered: a machine check when enabled (the Macs' memory
     * controllers report it this way), else a checkstop, which we treat
     * as a DSI/ISI so that a guest cannot hang the emulator. */
    c->bus->bus_error = false;
    if (c->msr & MSR_ME) ppc_raise(c, EXC_MCHECK, access == ACC_FETCH ? ea : c->pc, 0);
    storage_fault(c, ea, access, 0x40000000u);
}

static uint64_t load_phys(ppc_cpu *c, uint32_t ea, uint32_t pa, unsigned size)
{
    mm_space *b = c->bus;
    uint64_t v;
    if (size == 8)
        v = (uint64_t)mm_read_slow(b, pa, 4) << 32 | mm_read_slow(b, pa + 4, 4);
    else
        v = mm_read_slow(b, pa, size);
    if (unlikely(b->bus_error)) bus_fault(c, ea, ACC_READ);
    return v;
}

uint64_t ppc_load_slow(ppc_cpu *c, uint32_t ea, unsigned size)
{
    if ((ea & 0xfff) + size > 0x1000) {
        /* Crosses a page: each byte translates on its own. */
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) v = v << 8 | ppc_load_slow(c, ea + i, 1);
        return v;
    }
    xlate x = translate(c, ea, ACC_READ);
    ppc_tlb_entry *e = dtlb_of(c, ea);
    if (x.cacheable && fill(c, e, ea, &x, c->dmode, false)) {
        const uint8_t *p = (const uint8_t *)(e->addend + ea);
        switch (size) {
        case 1: return *p;
        case 2: return load_be16(p);
        case 4: return load_be32(p);
        default: return (uint64_t)load_be32(p) << 32 | load_be32(p + 4);
        }
    }
    return load_phys(c, ea, x.pa, size);
}

void ppc_store_slow(ppc_cpu *c, uint32_t ea, uint64_t v, unsigned size)
{
    if ((ea & 0xfff) + size > 0x1000) {
        /* Translate both pages before writing anything, so a fault on the
         * second leaves memory untouched. */
        translate(c, ea, ACC_WRITE);
        translate(c, (ea + size - 1), ACC_WRITE);
        for (unsigned i = 0; i < size; i++) ppc_store_slow(c, ea + i, v >> (8 * (size - 1 - i)), 1);
        return;
    }
    xlate x = translate(c, ea, ACC_WRITE);
    /* A store into decoded code: the decoded page goes, then the store
     * can take the fast path. */
    if (mm_code_watched(c->bus, x.pa)) mm_notify_write(c->bus, x.pa, size);
    ppc_tlb_entry *e = dtlb_of(c, ea);
    if (x.cacheable && fill(c, e, ea, &x, c->dmode, false) && e->tag_w != PPC_TLB_INVALID) {
        uint8_t *p = (uint8_t *)(e->addend + ea);
        switch (size) {
        case 1: *p = (uint8_t)v; break;
        case 2: store_be16(p, (uint16_t)v); break;
        case 4: store_be32(p, (uint32_t)v); break;
        default:
            store_be32(p, (uint32_t)(v >> 32));
            store_be32(p + 4, (uint32_t)v);
            break;
        }
        if (c->reserve && ((c->reserve_addr ^ x.pa) & ~31u) == 0) c->reserve = false;
        return;
    }
    mm_space *b = c->bus;
    if (size == 8) {
        mm_write_slow(b, x.pa, (uint32_t)(v >> 32), 4);
        mm_write_slow(b, x.pa + 4, (uint32_t)v, 4);
    } else {
        mm_write_slow(b, x.pa, (uint32_t)v, size);
    }
    if (unlikely(b->bus_error)) bus_fault(c, ea, ACC_WRITE);
}

uint32_t ppc_fetch_slow(ppc_cpu *c)
{
    uint32_t ea = c->pc;
    if (ea & 3) {
        /* Branch targets drop their low bits; a PC can only be odd here
         * after rfi into such an address, which real CPUs also ignore. */
        ea &= ~3u;
        if (c->block_pc == c->pc) c->block_pc = ea;
        c->pc = ea;
    }
    xlate x = translate(c, ea, ACC_FETCH);
    if (fill(c, NULL, ea, &x, c->imode, true))
        return load_be32((const uint8_t *)(c->fetch_addend + ea));
    uint32_t v = mm_read_slow(c->bus, x.pa, 4);
    if (unlikely(c->bus->bus_error)) bus_fault(c, ea, ACC_FETCH);
    return v;
}

uint32_t ppc_translate_fetch(ppc_cpu *c, uint32_t ea, const uint8_t **host_page)
{
    xlate x = translate(c, ea, ACC_FETCH);
    *host_page = NULL;
    uint32_t page_pa = x.pa & ~0xfffu;
    const mm_region *r = x.cacheable ? mm_lookup(c->bus, page_pa) : NULL;
    if (r && r->kind != MM_MMIO && r->enabled && (uint64_t)page_pa >= r->base &&
        (uint64_t)page_pa + 0x1000 <= (uint64_t)r->base + r->size)
        *host_page = r->host + (page_pa - r->base);
    return x.pa;
}

bool ppc_read_virt(ppc_cpu *c, uint32_t ea, void *buf, uint32_t len)
{
    uint8_t *out = buf;
    for (uint32_t i = 0; i < len;) {
        uint32_t a = ea + i;
        uint32_t pa = a;
        if (c->msr & MSR_DR) {
            uint32_t bpa;
            unsigned pp;
            if (!bat_lookup(c, a, ACC_READ, &bpa, &pp))
                return false; /* page-table walks here could fault: BATs only */
            pa = bpa;
        }
        const mm_region *r = mm_lookup(c->bus, pa);
        if (!r || r->kind == MM_MMIO) return false;
        uint32_t chunk = 0x1000 - (a & 0xfff);
        if (chunk > len - i) chunk = len - i;
        if ((uint64_t)pa + chunk > (uint64_t)r->base + r->size)
            chunk = (uint32_t)((uint64_t)r->base + r->size - pa);
        memcpy(out + i, r->host + (pa - r->base), chunk);
        i += chunk;
    }
    return true;
}

bool ppc_write_virt(ppc_cpu *c, uint32_t ea, const void *buf, uint32_t len)
{
    const uint8_t *in = buf;
    for (uint32_t i = 0; i < len;) {
        uint32_t a = ea + i;
        uint32_t pa = a;
        if (c->msr & MSR_DR) {
            uint32_t bpa;
            unsigned pp;
            if (!bat_lookup(c, a, ACC_WRITE, &bpa, &pp)) return false;
            pa = bpa;
        }
        const mm_region *r = mm_lookup(c->bus, pa);
        if (!r || r->kind != MM_RAM) return false;
        uint32_t chunk = 0x1000 - (a & 0xfff);
        if (chunk > len - i) chunk = len - i;
        if ((uint64_t)pa + chunk > (uint64_t)r->base + r->size)
            chunk = (uint32_t)((uint64_t)r->base + r->size - pa);
        memcpy(r->host + (pa - r->base), in + i, chunk);
        i += chunk;
    }
    return true;
}
