/* The decoded-instruction cache.
 *
 * Guest code is decoded once into pages of ppc_dinsn, one per 4 KiB
 * physical page, keyed by physical address so that every effective
 * mapping of a page shares it. An entry starts as ppc_decode_stub, which
 * reads the instruction word, stores its handler in the entry and runs
 * it; from then on the entry dispatches straight to the handler. Entry
 * 1024 links to whatever follows the page.
 *
 * Coherence: a page with decoded entries is watched in the memory map
 * (mm_code_watch), so every write to it takes a slow path that resets
 * the page to stubs before the write lands: CPU stores, DMA, and the
 * host writing on the guest's behalf (mm_notify_write). icbi resets the
 * page as well. Resetting is in place, so a handler running from the page
 * can continue into it and decodes the new contents. A page that is reset
 * over and over (code and data sharing a page) stops caching and reads
 * each instruction from memory when it runs.
 *
 * Pages that are not plain memory (code in MMIO space) run through
 * slow_page, whose entries fetch through the bus every time.
 */
#include "ppc_internal.h"
#include "ppc_jit.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define DPAGE_INSNS  1024
#define HASH_BUCKETS 4096
#define RAW_AFTER    32   /* resets before a page stops caching */
#define MAX_DPAGES   8192 /* 130 MiB of decoded code */

typedef struct ppc_dpage {
    ppc_dinsn e[DPAGE_INSNS + 1];
    uint32_t pa; /* physical page address */
    const uint8_t *host;
    struct ppc_dpage *next;
    uint32_t resets;
    uint8_t heat[DPAGE_INSNS]; /* JIT: runs of each block head (saturating) */
    bool armed;                /* watched in the memory map */
    bool raw;                  /* too often written: read each instruction when it runs */
} ppc_dpage;

typedef struct ppc_dcache {
    ppc_dpage *bucket[HASH_BUCKETS];
    ppc_dpage *slow_page;
    ppc_dpage *step_page; /* ppc_step: every entry ends the chain */
    unsigned step_idx;    /* the step_page entry the last step used */
    size_t npages;
} ppc_dcache;

static void raw_stub(ppc_cpu *c, uint32_t insn, ppc_dinsn *d);
static void slow_stub(ppc_cpu *c, uint32_t insn, ppc_dinsn *d);
static void page_end(ppc_cpu *c, uint32_t insn, ppc_dinsn *d);
static void step_stop(ppc_cpu *c, uint32_t insn, ppc_dinsn *d);

static ppc_dpage *page_of(ppc_dinsn *d)
{
    return (ppc_dpage *)(void *)(d - d->aux);
}

static void fill_stubs(ppc_dpage *p, ppc_handler h)
{
    for (uint32_t i = 0; i < DPAGE_INSNS; i++) p->e[i] = (ppc_dinsn){h, 0, i};
    p->e[DPAGE_INSNS] = (ppc_dinsn){page_end, 0, DPAGE_INSNS};
    memset(p->heat, 0, sizeof(p->heat));
}

static void code_written(void *ctx, uint32_t page);

bool ppc_dcache_init(ppc_cpu *c)
{
    ppc_dcache *dc = calloc(1, sizeof(*dc));
    if (!dc) return false;
    dc->slow_page = calloc(1, sizeof(ppc_dpage));
    dc->step_page = calloc(1, sizeof(ppc_dpage));
    if (!dc->slow_page || !dc->step_page || !mm_add_code_hook(c->bus, code_written, c)) {
        free(dc->slow_page);
        free(dc->step_page);
        free(dc);
        return false;
    }
    fill_stubs(dc->slow_page, slow_stub);
    fill_stubs(dc->step_page, step_stop);
    dc->step_page->e[DPAGE_INSNS].h = step_stop;
    c->dcache = dc;
    ppc_ipage_flush(c);
    return true;
}

static void unwatch(ppc_cpu *c, ppc_dpage *p)
{
    if (p->armed) {
        mm_code_unwatch(c->bus, p->pa);
        p->armed = false;
    }
}

void ppc_dcache_free(ppc_cpu *c)
{
    ppc_dcache *dc = c->dcache;
    if (!dc) return;
    mm_remove_code_hook(c->bus, code_written, c);
    for (unsigned b = 0; b < HASH_BUCKETS; b++) {
        for (ppc_dpage *p = dc->bucket[b], *n; p; p = n) {
            n = p->next;
            unwatch(c, p);
            free(p);
        }
    }
    free(dc->slow_page);
    free(dc->step_page);
    free(dc);
    c->dcache = NULL;
}

void ppc_ipage_flush(ppc_cpu *c)
{
    for (unsigned i = 0; i < PPC_TLB_SIZE; i++) c->ipage[i].tag = PPC_TLB_INVALID;
}

void ppc_ipage_flush_page(ppc_cpu *c, uint32_t ea)
{
    for (unsigned i = 0; i < PPC_TLB_SIZE; i++)
        if (((c->ipage[i].tag >> 12) & 0xffff) == ((ea >> 12) & 0xffff))
            c->ipage[i].tag = PPC_TLB_INVALID;
}

static unsigned bucket_of(uint32_t pa)
{
    return (pa >> 12) & (HASH_BUCKETS - 1);
}

static ppc_dpage *find(ppc_dcache *dc, uint32_t pa)
{
    for (ppc_dpage *p = dc->bucket[bucket_of(pa)]; p; p = p->next)
        if (p->pa == pa) return p;
    return NULL;
}

static void reset(ppc_cpu *c, ppc_dpage *p)
{
    c->code_gen++;
    unwatch(c, p);
    if (++p->resets >= RAW_AFTER) p->raw = true;
    fill_stubs(p, p->raw ? raw_stub : ppc_decode_stub);
}

/* Drops every decoded page (too many of them). Entries stay valid memory
 * only while a chain runs, so this happens between chains. */
static void drop_all(ppc_cpu *c)
{
    ppc_dcache *dc = c->dcache;
    for (unsigned b = 0; b < HASH_BUCKETS; b++) {
        for (ppc_dpage *p = dc->bucket[b], *n; p; p = n) {
            n = p->next;
            unwatch(c, p);
            free(p);
        }
        dc->bucket[b] = NULL;
    }
    dc->npages = 0;
    ppc_ipage_flush(c);
}

static ppc_dpage *get_page(ppc_cpu *c, uint32_t pa, const uint8_t *host)
{
    ppc_dcache *dc = c->dcache;
    ppc_dpage *p = find(dc, pa);
    if (p) {
        if (p->host != host) {
            /* The memory map put other memory behind this address. */
            reset(c, p);
            p->resets = 0;
            p->raw = false;
            fill_stubs(p, ppc_decode_stub);
            p->host = host;
        }
        return p;
    }
    p = malloc(sizeof(*p));
    if (!p) return dc->slow_page;
    fill_stubs(p, ppc_decode_stub);
    p->pa = pa;
    p->host = host;
    p->resets = 0;
    p->armed = false;
    p->raw = false;
    unsigned b = bucket_of(pa);
    p->next = dc->bucket[b];
    dc->bucket[b] = p;
    dc->npages++;
    return p;
}

ppc_dinsn *ppc_dlookup(ppc_cpu *c, uint32_t ea)
{
    if (unlikely(ea & 3)) {
        /* Branch targets drop their low bits; only a debugger can leave
         * an odd PC, and the CPU would ignore the bits too. */
        ea &= ~3u;
        if (c->block_pc == c->pc) c->block_pc = ea;
        c->pc = ea;
    }
    ppc_ipage_entry *ie = &c->ipage[(ea >> 12) & (PPC_TLB_SIZE - 1)];
    uint32_t tag = (ea & ~0xfffu) | c->imode;
    if (likely(ie->tag == tag)) return &ie->page->e[(ea >> 2) & (DPAGE_INSNS - 1)];
    ppc_dcache *dc = c->dcache;
    const uint8_t *host;
    uint32_t pa = ppc_translate_fetch(c, ea, &host);
    ppc_dpage *p = host ? get_page(c, pa & ~0xfffu, host) : dc->slow_page;
    ie->tag = tag;
    ie->page = p;
    return &p->e[(ea >> 2) & (DPAGE_INSNS - 1)];
}

/* Watches the page so that writes to it come here first. */
static void arm(ppc_cpu *c, ppc_dpage *p)
{
    mm_code_watch(c->bus, p->pa);
    ppc_dtlb_protect_host(c, p->host);
    p->armed = true;
}

/* ---- the JIT's block heads ----
 * An entry reached by a jump (not by running into it) is a block head:
 * it counts its runs in jit_count_stub and is compiled when hot. Blocks
 * mark the entries of their page they branch to as heads too. */

static void jit_count_stub(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)
{
    unsigned idx = (c->pc >> 2) & (DPAGE_INSNS - 1);
    ppc_dpage *p = (ppc_dpage *)(void *)(d - idx);
    insn = load_be32(p->host + 4 * idx);
    ppc_handler h = c->table[decode_index(insn)];
    d->insn = insn;
    if (++p->heat[idx] >= c->jit_hot) {
        ppc_handler b = ppc_jit_compile(c, p->e, p->host, idx, ppc_dcache_mark_head);
        d->h = b ? b : h;
        d->h(c, insn, d);
        return;
    }
    h(c, insn, d);
}

void ppc_dcache_mark_head(ppc_cpu *c, ppc_dinsn *e, unsigned idx)
{
    ppc_dpage *p = (ppc_dpage *)(void *)e;
    ppc_dinsn *d = &e[idx];
    if (p->heat[idx] >= c->jit_hot || d->h == jit_count_stub || ppc_jit_owns(c->jit, d->h)) return;
    d->h = jit_count_stub;
}

void ppc_decode_stub(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)
{
    ppc_dpage *p = page_of(d);
    if (!p->armed) arm(c, p);
    insn = load_be32(p->host + 4 * d->aux);
    ppc_handler h = c->table[decode_index(insn)];
    d->insn = insn;
    if (c->jit && c->block_pc == c->pc) {
        d->h = jit_count_stub;
        jit_count_stub(c, insn, d);
        return;
    }
    d->h = h;
    h(c, insn, d);
}

static void raw_stub(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)
{
    insn = load_be32(page_of(d)->host + 4 * d->aux);
    c->table[decode_index(insn)](c, insn, d);
}

static void slow_stub(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)
{
    insn = ppc_fetch_slow(c);
    c->table[decode_index(insn)](c, insn, d);
}

/* Past the last instruction of a page: c->pc is the next page's first.
 * A straight line of code is never longer than a page without a test of
 * the chain limit. */
static void page_end(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)
{
    (void)insn;
    (void)d;
    if (cur_cycles(c) >= c->stop) return;
    ppc_dinsn *n = ppc_dlookup(c, c->pc);
    n->h(c, n->insn, n);
}

static void step_stop(ppc_cpu *c, uint32_t insn, ppc_dinsn *d)
{
    (void)c;
    (void)insn;
    (void)d;
}

void ppc_step(ppc_cpu *c)
{
    ppc_dcache *dc = c->dcache;
    /* The instruction runs from an entry of step_page, whose other entries
     * (the next one, any branch target in the page, the page end) all stop;
     * a branch elsewhere stops at the chain limit. */
    c->stop = cur_cycles(c) + 1;
    uint32_t insn = fetch(c);
    unsigned idx = (c->pc >> 2) & (DPAGE_INSNS - 1);
    /* Only the entry the previous step used can differ from step_stop (it
     * may have been left by an exception, or quickened in place). */
    dc->step_page->e[dc->step_idx] = (ppc_dinsn){step_stop, 0, dc->step_idx};
    dc->step_idx = idx;
    ppc_dinsn *d = &dc->step_page->e[idx];
    d->h = c->table[decode_index(insn)];
    d->insn = insn;
    d->h(c, insn, d);
}

void ppc_dcache_maintain(ppc_cpu *c)
{
    if (c->dcache->npages >= MAX_DPAGES) drop_all(c);
    if (c->jit && ppc_jit_full(c->jit)) {
        /* Every block is reachable only from a decoded page. */
        drop_all(c);
        ppc_jit_reset(c->jit);
    }
}

void ppc_dcache_invalidate(ppc_cpu *c, uint32_t pa, uint32_t len)
{
    if (!len) return;
    uint64_t end = (uint64_t)pa + len;
    for (uint64_t a = pa & ~0xfffu; a < end; a += 0x1000) {
        ppc_dpage *p = find(c->dcache, (uint32_t)a);
        if (p) reset(c, p);
    }
}

static void code_written(void *ctx, uint32_t page)
{
    ppc_cpu *c = ctx;
    ppc_dpage *p = find(c->dcache, page);
    if (p)
        reset(c, p);
    else
        mm_code_unwatch(c->bus, page);
}
