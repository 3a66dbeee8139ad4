/* Apple DBDMA engine (see dbdma.h for the documents followed).
 *
 * A channel runs while RUN and ACTIVE are set and PAUSE and DEAD are not.
 * Each step is a scheduler event: it fetches the descriptor at
 * CommandPtr, performs it, writes resCount/xferStatus back (little-endian,
 * bytes 12-15 of the descriptor), raises the interrupt if the descriptor's
 * i field says so, then advances CommandPtr by 16 or branches to cmdDep
 * (setting BT). A data descriptor ends the step; the next step comes after
 * the time the bytes took. STOP clears ACTIVE and leaves CommandPtr on the
 * STOP descriptor, so that software can patch it and set WAKE.
 */
#include "dbdma.h"

#include <glib.h>
#include <string.h>

#include "core/bits.h"

/* Descriptors processed in one event before the engine yields to the CPU
 * (a NOP that branches to itself must not hang the machine). */
#define STEP_BUDGET 64

typedef struct dbdma_chan {
    dbdma *owner;
    unsigned index;
    /* Registers. */
    uint32_t status; /* 16 bits */
    uint32_t cmdptr_hi, cmdptr_lo;
    uint32_t intr_sel, branch_sel, wait_sel;
    uint32_t xfer_mode, data2_hi, data2_lo, address_hi, branch_addr_hi;
    /* Engine state for the descriptor at cmdptr_lo. */
    uint32_t done;    /* bytes of it already moved */
    bool acted;       /* its transfer/store/load is finished (waiting on w) */
    bool parked;      /* the client said "not ready": wait for dbdma_kick */
    uint32_t loaded;  /* LOAD_QUAD result, kept while waiting */
    sched_event step; /* the next step */
    irq_line irq;
    dbdma_client client;
} dbdma_chan;

struct dbdma {
    device dev;
    device_env env;
    device_mmio mmio;
    dbdma_chan ch[DBDMA_CHANNELS];
};

/* ---- guest memory ---- */

/* The byte-wise path must not leave a bus error behind for the CPU (the
 * flag belongs to the CPU's own accesses): it is restored and reported. */
bool dbdma_mem_read(mm_space *bus, uint32_t addr, uint8_t *buf, uint32_t len)
{
    bool ok = true;
    while (len) {
        uint32_t chunk = MM_PAGE_SIZE - (addr & (MM_PAGE_SIZE - 1));
        if (chunk > len) chunk = len;
        const mm_region *r = mm_lookup(bus, addr);
        if (r && (r->kind == MM_RAM || r->kind == MM_ROM) && r->host &&
            (uint64_t)(addr & bus->addr_mask) - r->base + chunk <= r->size) {
            memcpy(buf, r->host + ((addr & bus->addr_mask) - r->base), chunk);
        } else {
            bool saved = bus->bus_error;
            bus->bus_error = false;
            for (uint32_t i = 0; i < chunk; i++) buf[i] = (uint8_t)mm_read(bus, addr + i, 1);
            if (bus->bus_error) ok = false;
            bus->bus_error = saved;
        }
        addr += chunk;
        buf += chunk;
        len -= chunk;
    }
    return ok;
}

bool dbdma_mem_write(mm_space *bus, uint32_t addr, const uint8_t *buf, uint32_t len)
{
    bool ok = true;
    while (len) {
        uint32_t chunk = MM_PAGE_SIZE - (addr & (MM_PAGE_SIZE - 1));
        if (chunk > len) chunk = len;
        const mm_region *r = mm_lookup(bus, addr);
        if (r && r->kind == MM_RAM && r->host &&
            (uint64_t)(addr & bus->addr_mask) - r->base + chunk <= r->size) {
            mm_notify_write(bus, addr, chunk);
            memcpy(r->host + ((addr & bus->addr_mask) - r->base), buf, chunk);
        } else {
            bool saved = bus->bus_error;
            bus->bus_error = false;
            for (uint32_t i = 0; i < chunk; i++) mm_write(bus, addr + i, buf[i], 1);
            if (bus->bus_error) ok = false;
            bus->bus_error = saved;
        }
        addr += chunk;
        buf += chunk;
        len -= chunk;
    }
    return ok;
}

/* ---- the engine ---- */

typedef struct desc {
    uint16_t req_count, command;
    uint32_t address, cmd_dep;
} desc;

static bool fetch(dbdma_chan *c, desc *d)
{
    uint8_t b[12];
    bool ok = dbdma_mem_read(c->owner->env.bus, c->cmdptr_lo, b, sizeof(b));
    d->req_count = load_le16(b);
    d->command = load_le16(b + 2);
    d->address = load_le32(b + 4);
    d->cmd_dep = load_le32(b + 8);
    return ok;
}

static bool runnable(const dbdma_chan *c)
{
    return (c->status & (DBDMA_RUN | DBDMA_ACTIVE | DBDMA_PAUSE | DBDMA_DEAD)) ==
               (DBDMA_RUN | DBDMA_ACTIVE) &&
           !c->parked;
}

static void schedule(dbdma_chan *c, sched_time delay)
{
    sched *s = c->owner->env.sched;
    if (!sched_is_queued(&c->step) || c->step.when > sched_now(s) + delay)
        sched_after(s, &c->step, delay);
}

static void pulse_irq(dbdma_chan *c)
{
    irq_set(&c->irq, true);
    irq_set(&c->irq, false);
}

/* The i, b and w fields: 0 never, 1 if the select condition holds, 2 if it
 * does not, 3 always. A select register holds a mask in bits 23-16 and a
 * value in bits 7-0, compared against s7-s0 of ChannelStatus. */
static bool condition(const dbdma_chan *c, unsigned field, uint32_t sel)
{
    uint32_t mask = sel >> 16 & 0xff, value = sel & 0xff;
    bool cond = ((c->status & mask) == (value & mask));
    switch (field & 3) {
    case DBDMA_COND_NEVER: return false;
    case DBDMA_COND_IFSET: return cond;
    case DBDMA_COND_IFCLR: return !cond;
    default: return true;
    }
}

static void die(dbdma_chan *c, const char *why)
{
    clarus_log(c->owner->env.log, LOG_WARN, "dbdma", "%s: channel %u dead at %08x: %s",
               c->owner->dev.id, c->index, c->cmdptr_lo, why);
    c->status |= DBDMA_DEAD;
    c->status &= ~DBDMA_ACTIVE;
    pulse_irq(c);
}

static void write_back(dbdma_chan *c, uint16_t res_count)
{
    uint8_t b[4];
    store_le16(b, res_count);
    store_le16(b + 2, (uint16_t)c->status);
    dbdma_mem_write(c->owner->env.bus, c->cmdptr_lo + 12, b, 4);
}

/* The descriptor's action is done: w, status write-back, i, then b. Returns
 * false when the channel must wait (w condition holds). */
static bool complete(dbdma_chan *c, const desc *d, unsigned cmd)
{
    if (condition(c, d->command, c->wait_sel)) return false;
    if (cmd == DBDMA_LOAD_QUAD) {
        uint8_t b[4];
        store_le32(b, c->loaded);
        dbdma_mem_write(c->owner->env.bus, c->cmdptr_lo + 8, b, 4);
    }
    uint16_t res = cmd <= DBDMA_INPUT_LAST ? (uint16_t)(d->req_count - c->done) : 0;
    write_back(c, res);
    if (condition(c, d->command >> 4, c->intr_sel)) pulse_irq(c);
    /* STORE_QUAD and LOAD_QUAD have no branch field. */
    bool br = cmd != DBDMA_STORE_QUAD && cmd != DBDMA_LOAD_QUAD &&
              condition(c, d->command >> 2, c->branch_sel);
    if (br) {
        c->cmdptr_lo = d->cmd_dep & ~0xfu;
        c->status |= DBDMA_BT;
    } else {
        c->cmdptr_lo += 16;
        c->status &= ~DBDMA_BT;
    }
    c->done = 0;
    c->acted = false;
    return true;
}

/* STORE_QUAD / LOAD_QUAD: reqCount 4, 2 or 1 bytes (aligned down), only
 * with KEY_SYSTEM (system memory). The data are the first bytes of the
 * little-endian cmdDep field, in memory order. */
static bool quad(dbdma_chan *c, desc *d, unsigned cmd, unsigned key)
{
    if (key != DBDMA_KEY_SYSTEM) {
        die(c, "STORE_QUAD/LOAD_QUAD without KEY_SYSTEM");
        return false;
    }
    unsigned n = (d->req_count & 4) ? 4 : (d->req_count & 2) ? 2 : 1;
    uint32_t addr = d->address & ~(n - 1);
    uint8_t b[4];
    store_le32(b, d->cmd_dep);
    if (cmd == DBDMA_STORE_QUAD) {
        dbdma_mem_write(c->owner->env.bus, addr, b, n);
    } else {
        dbdma_mem_read(c->owner->env.bus, addr, b, n);
        c->loaded = load_le32(b);
    }
    return true;
}

static void step(void *opaque, sched_time late)
{
    (void)late;
    dbdma_chan *c = opaque;
    for (unsigned budget = STEP_BUDGET; runnable(c); budget--) {
        if (!budget) {
            schedule(c, DBDMA_PS_PER_DESC);
            return;
        }
        desc d;
        if (!fetch(c, &d)) {
            die(c, "descriptor fetch from an undecoded address");
            return;
        }
        c->status &= ~DBDMA_WAKE; /* WAKE is consumed by a fetch */
        unsigned cmd = d.command >> 12 & 0xf, key = d.command >> 8 & 7;
        uint32_t moved = 0;
        switch (cmd) {
        case DBDMA_OUTPUT_MORE:
        case DBDMA_OUTPUT_LAST:
        case DBDMA_INPUT_MORE:
        case DBDMA_INPUT_LAST:
            if (key > 3) {
                die(c, "data transfer with a non-stream key");
                return;
            }
            if (!c->acted && c->done < d.req_count) {
                if (!c->client.transfer) {
                    c->parked = true;
                    return;
                }
                uint32_t want = d.req_count - c->done;
                moved =
                    c->client.transfer(c->client.ctx, cmd >= DBDMA_INPUT_MORE, d.address + c->done,
                                       want, cmd == DBDMA_OUTPUT_LAST || cmd == DBDMA_INPUT_LAST);
                if (!moved) {
                    c->parked = true;
                    return;
                }
                if (moved > want) moved = want;
                c->done += moved;
                if (c->done < d.req_count) {
                    schedule(c, (sched_time)moved * DBDMA_PS_PER_BYTE);
                    return;
                }
            }
            c->acted = true;
            break;
        case DBDMA_STORE_QUAD:
        case DBDMA_LOAD_QUAD:
            if (!c->acted && !quad(c, &d, cmd, key)) return;
            c->acted = true;
            break;
        case DBDMA_NOP: c->acted = true; break;
        case DBDMA_STOP: c->status &= ~DBDMA_ACTIVE; return;
        default: die(c, "reserved command"); return;
        }
        if (!complete(c, &d, cmd)) return; /* waits until the w condition clears */
        if (moved) {
            schedule(c, (sched_time)moved * DBDMA_PS_PER_BYTE);
            return;
        }
    }
}

/* Flush: the engine buffers nothing, so it completes at once; for a data
 * descriptor that has moved part of its bytes, the status and resCount so
 * far are written to it (what software reads after flushing an input). */
static void flush(dbdma_chan *c)
{
    if ((c->status & DBDMA_ACTIVE) && c->done && !c->acted) {
        desc d;
        unsigned cmd = fetch(c, &d) ? d.command >> 12 & 0xf : DBDMA_STOP;
        if (cmd <= DBDMA_INPUT_LAST && c->done < d.req_count)
            write_back(c, (uint16_t)(d.req_count - c->done));
    }
    c->status &= ~DBDMA_FLUSH;
}

static void control_write(dbdma_chan *c, uint32_t v)
{
    const uint32_t writable = DBDMA_RUN | DBDMA_PAUSE | DBDMA_FLUSH | DBDMA_WAKE | DBDMA_S_MASK;
    uint32_t mask = (v >> 16) & writable, old = c->status;
    uint32_t s = (old & ~mask) | (v & mask);
    if ((old & DBDMA_RUN) && !(s & DBDMA_RUN)) {
        /* Run cleared: the channel stops at once and forgets the descriptor. */
        s &= ~(DBDMA_ACTIVE | DBDMA_DEAD | DBDMA_WAKE);
        c->done = 0;
        c->acted = false;
        c->parked = false;
        sched_cancel(c->owner->env.sched, &c->step);
    } else if (!(old & DBDMA_RUN) && (s & DBDMA_RUN)) {
        s |= DBDMA_ACTIVE;
        s &= ~DBDMA_DEAD;
        c->done = 0;
        c->acted = false;
        c->parked = false;
    }
    if ((s & DBDMA_WAKE) && (s & DBDMA_RUN) && !(s & DBDMA_DEAD)) {
        /* Wake: refetch at CommandPtr (after a STOP, or a parked descriptor). */
        s |= DBDMA_ACTIVE;
        c->parked = false;
    }
    c->status = s;
    if (s & DBDMA_FLUSH) flush(c);
    if (runnable(c)) schedule(c, 0);
}

static uint32_t reg_read(const dbdma_chan *c, uint32_t reg)
{
    switch (reg) {
    case DBDMA_STATUS: return c->status;
    case DBDMA_CMDPTR_HI: return c->cmdptr_hi;
    case DBDMA_CMDPTR_LO: return c->cmdptr_lo;
    case DBDMA_INTR_SEL: return c->intr_sel;
    case DBDMA_BRANCH_SEL: return c->branch_sel;
    case DBDMA_WAIT_SEL: return c->wait_sel;
    case DBDMA_XFER_MODE: return c->xfer_mode;
    case DBDMA_DATA2PTR_HI: return c->data2_hi;
    case DBDMA_DATA2PTR_LO: return c->data2_lo;
    case DBDMA_ADDRESS_HI: return c->address_hi;
    case DBDMA_BRANCH_ADDR_HI: return c->branch_addr_hi;
    default: return 0; /* ChannelControl is write-only; reserved words read 0 */
    }
}

static void reg_write(dbdma_chan *c, uint32_t reg, uint32_t v)
{
    switch (reg) {
    case DBDMA_CONTROL: control_write(c, v); break;
    case DBDMA_CMDPTR_HI: c->cmdptr_hi = v; break;
    case DBDMA_CMDPTR_LO:
        /* CommandPtr may only be changed while the channel is not running. */
        if (!(c->status & DBDMA_ACTIVE)) {
            c->cmdptr_lo = v & ~0xfu;
            c->done = 0;
            c->acted = false;
        }
        break;
    case DBDMA_INTR_SEL: c->intr_sel = v & 0x00ff00ff; break;
    case DBDMA_BRANCH_SEL: c->branch_sel = v & 0x00ff00ff; break;
    case DBDMA_WAIT_SEL:
        c->wait_sel = v & 0x00ff00ff;
        if (runnable(c)) schedule(c, 0);
        break;
    case DBDMA_XFER_MODE: c->xfer_mode = v; break;
    case DBDMA_DATA2PTR_HI: c->data2_hi = v; break;
    case DBDMA_DATA2PTR_LO: c->data2_lo = v; break;
    case DBDMA_ADDRESS_HI: c->address_hi = v; break;
    case DBDMA_BRANCH_ADDR_HI: c->branch_addr_hi = v; break;
    default: break;
    }
}

/* mmio values are in guest byte order; the registers are little-endian
 * words, so byte k of the word (k = offset & 3) is bits 8k..8k+7. Narrow
 * accesses read or merge those byte lanes. */
static uint32_t mmio_read(void *opaque, uint32_t offset, unsigned size)
{
    dbdma *d = opaque;
    offset &= DBDMA_WINDOW_SIZE - 1;
    const dbdma_chan *c = &d->ch[offset >> 8];
    uint32_t reg = offset & 0xfc, word = reg_read(c, reg), v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned lane = (offset + i) & 3;
        v = v << 8 | (word >> (8 * lane) & 0xff);
    }
    return v;
}

static void mmio_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    dbdma *d = opaque;
    offset &= DBDMA_WINDOW_SIZE - 1;
    dbdma_chan *c = &d->ch[offset >> 8];
    uint32_t reg = offset & 0xfc, word;
    if (size == 4 && !(offset & 3)) {
        word = __builtin_bswap32(value);
    } else {
        /* A narrow write to ChannelControl carries no mask for the other
         * lanes; it is applied as a word with those lanes zero. */
        word = reg == DBDMA_CONTROL ? 0 : reg_read(c, reg);
        for (unsigned i = 0; i < size; i++) {
            unsigned lane = (offset + i) & 3;
            uint32_t byte = value >> (8 * (size - 1 - i)) & 0xff;
            word = (word & ~(0xffu << (8 * lane))) | byte << (8 * lane);
        }
    }
    reg_write(c, reg, word);
}

static const mmio_ops dbdma_ops = {mmio_read, mmio_write, NULL};

/* ---- device ---- */

static void dbdma_reset(device *dev, reset_kind k)
{
    (void)k;
    dbdma *d = (dbdma *)dev;
    for (unsigned i = 0; i < DBDMA_CHANNELS; i++) {
        dbdma_chan *c = &d->ch[i];
        sched_cancel(d->env.sched, &c->step);
        c->status = 0;
        c->cmdptr_hi = c->cmdptr_lo = 0;
        c->intr_sel = c->branch_sel = c->wait_sel = 0;
        c->xfer_mode = c->data2_hi = c->data2_lo = c->address_hi = c->branch_addr_hi = 0;
        c->done = 0;
        c->acted = c->parked = false;
        c->loaded = 0;
    }
}

static void dbdma_save(const device *dev, st_writer *w)
{
    const dbdma *d = (const dbdma *)dev;
    for (unsigned i = 0; i < DBDMA_CHANNELS; i++) {
        const dbdma_chan *c = &d->ch[i];
        st_put_u16(w, (uint16_t)c->status);
        st_put_u32(w, c->cmdptr_hi);
        st_put_u32(w, c->cmdptr_lo);
        st_put_u32(w, c->intr_sel);
        st_put_u32(w, c->branch_sel);
        st_put_u32(w, c->wait_sel);
        st_put_u32(w, c->xfer_mode);
        st_put_u32(w, c->data2_hi);
        st_put_u32(w, c->data2_lo);
        st_put_u32(w, c->address_hi);
        st_put_u32(w, c->branch_addr_hi);
        st_put_u32(w, c->done);
        st_put_bool(w, c->acted);
        st_put_bool(w, c->parked);
        st_put_u32(w, c->loaded);
        st_put_bool(w, sched_is_queued(&c->step));
        st_put_u64(w, (uint64_t)c->step.when);
    }
}

static bool dbdma_load(device *dev, st_reader *r, uint16_t version)
{
    dbdma *d = (dbdma *)dev;
    if (version > 1) return false;
    for (unsigned i = 0; i < DBDMA_CHANNELS; i++) {
        dbdma_chan *c = &d->ch[i];
        c->status = st_get_u16(r);
        c->cmdptr_hi = st_get_u32(r);
        c->cmdptr_lo = st_get_u32(r) & ~0xfu;
        c->intr_sel = st_get_u32(r) & 0x00ff00ff;
        c->branch_sel = st_get_u32(r) & 0x00ff00ff;
        c->wait_sel = st_get_u32(r) & 0x00ff00ff;
        c->xfer_mode = st_get_u32(r);
        c->data2_hi = st_get_u32(r);
        c->data2_lo = st_get_u32(r);
        c->address_hi = st_get_u32(r);
        c->branch_addr_hi = st_get_u32(r);
        c->done = st_get_u32(r);
        c->acted = st_get_bool(r);
        c->parked = st_get_bool(r);
        c->loaded = st_get_u32(r);
        bool queued = st_get_bool(r);
        sched_time when = (sched_time)st_get_u64(r);
        sched_cancel(d->env.sched, &c->step);
        if (queued) sched_at(d->env.sched, &c->step, when);
    }
    return st_chunk_ok(r);
}

static void dbdma_destroy(device *dev)
{
    dbdma *d = (dbdma *)dev;
    for (unsigned i = 0; i < DBDMA_CHANNELS; i++) sched_cancel(d->env.sched, &d->ch[i].step);
    g_free(d);
}

static const device_class dbdma_class = {
    .type = "dbdma",
    .desc = "Apple descriptor-based DMA controller, 32 channels (mac-io)",
    .reset = dbdma_reset,
    .save = dbdma_save,
    .load = dbdma_load,
    .state_version = 1,
    .destroy = dbdma_destroy,
};

dbdma *dbdma_create(const device_env *env, const char *id)
{
    dbdma *d = g_new0(dbdma, 1);
    d->dev.cls = &dbdma_class;
    d->dev.id = id;
    d->env = *env;
    d->mmio.ops = &dbdma_ops;
    d->mmio.opaque = d;
    d->mmio.size = DBDMA_WINDOW_SIZE;
    for (unsigned i = 0; i < DBDMA_CHANNELS; i++) {
        d->ch[i].owner = d;
        d->ch[i].index = i;
        sched_event_init(&d->ch[i].step, "dbdma", step, &d->ch[i], 20);
    }
    return d;
}

const device_mmio *dbdma_mmio(dbdma *d)
{
    return &d->mmio;
}

void dbdma_connect_irq(dbdma *d, unsigned channel, irq_line out)
{
    if (channel < DBDMA_CHANNELS) d->ch[channel].irq = out;
}

void dbdma_set_client(dbdma *d, unsigned channel, const dbdma_client *c)
{
    if (channel >= DBDMA_CHANNELS) return;
    if (c) {
        d->ch[channel].client = *c;
    } else {
        memset(&d->ch[channel].client, 0, sizeof(d->ch[channel].client));
    }
}

void dbdma_kick(dbdma *d, unsigned channel)
{
    if (channel >= DBDMA_CHANNELS) return;
    dbdma_chan *c = &d->ch[channel];
    c->parked = false;
    if (runnable(c)) schedule(c, 0);
}

device *dbdma_device(dbdma *d)
{
    return &d->dev;
}
