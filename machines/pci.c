/* PCI configuration space and BAR decoding (PCI Local Bus Specification
 * revision 2.1, chapter 6: "Configuration Space").
 *
 * Each function keeps its 256-byte configuration header in PCI (little-
 * endian) byte order plus a write mask per byte; the bus reconciles the
 * guest's BAR and command register writes with the machine's memory map.
 */
#include "pci.h"

#include <stdlib.h>
#include <string.h>

#include "core/bits.h"

struct pci_bus {
    mm_space *mm;
    uint32_t mem_base, io_base;
    pci_device *slot[256];
};

/* ---- function setup ---- */

void pci_device_init(pci_device *d, uint16_t vendor, uint16_t device_id, uint32_t class_code,
                     uint8_t revision)
{
    memset(d->config, 0, sizeof(d->config));
    memset(d->wmask, 0, sizeof(d->wmask));
    memset(d->bar, 0, sizeof(d->bar));
    memset(&d->rom, 0, sizeof(d->rom));
    for (unsigned i = 0; i < 6; i++) d->bar[i].region = -1;
    d->rom.region = -1;
    store_le16(d->config + PCI_VENDOR_ID, vendor);
    store_le16(d->config + PCI_DEVICE_ID, device_id);
    d->config[PCI_REVISION] = revision;
    d->config[PCI_CLASS_PROG] = (uint8_t)class_code;
    d->config[PCI_CLASS_DEVICE] = (uint8_t)(class_code >> 8);
    d->config[PCI_CLASS_DEVICE + 1] = (uint8_t)(class_code >> 16);
    d->config[PCI_INT_PIN] = 1;
    store_le16(d->wmask + PCI_COMMAND, PCI_COMMAND_WMASK);
    d->wmask[PCI_CACHE_LINE] = 0xff;
    d->wmask[PCI_LATENCY] = 0xff;
    d->wmask[PCI_INT_LINE] = 0xff;
}

/* Rounds up to a power of two, at least min. */
static uint32_t bar_round(uint32_t size, uint32_t min)
{
    if (size < min) return min;
    if (size & (size - 1)) {
        if (size > 0x80000000u) return 0x80000000u;
        uint32_t p = 1;
        while (p < size) p <<= 1;
        return p;
    }
    return size;
}

/* The read-only low bits of a BAR (spec 6.2.5.1): bit 0 is the space
 * indicator (1 = I/O); memory BARs have type 00 (32-bit, anywhere) in bits
 * 1-2 and the prefetchable flag in bit 3. */
static uint32_t bar_type_bits(const pci_bar *b)
{
    if (b->io) return 1;
    return b->prefetch ? 8 : 0;
}

static void bar_declare(pci_device *d, unsigned n)
{
    pci_bar *b = &d->bar[n];
    uint8_t off = (uint8_t)(PCI_BAR0 + 4 * n);
    uint32_t wmask = 0;
    if (b->size) wmask = ~(b->size - 1) & (b->io ? 0xfffffffcu : 0xfffffff0u);
    uint32_t cur = load_le32(d->config + off);
    store_le32(d->config + off, (cur & wmask) | bar_type_bits(b));
    store_le32(d->wmask + off, wmask);
}

void pci_device_set_bar(pci_device *d, unsigned n, uint32_t size, bool io, const mmio_ops *ops,
                        void *opaque, uint8_t *ram)
{
    if (n >= 6) return;
    pci_bar *b = &d->bar[n];
    b->size = size ? bar_round(size, io ? 4 : 16) : 0;
    b->io = io;
    b->ops = ops;
    b->opaque = opaque;
    b->ram = ram;
    bar_declare(d, n);
}

void pci_device_set_bar_prefetch(pci_device *d, unsigned n, bool prefetch)
{
    if (n >= 6 || d->bar[n].io) return;
    d->bar[n].prefetch = prefetch;
    bar_declare(d, n);
}

void pci_device_set_rom(pci_device *d, uint32_t size, const uint8_t *data)
{
    pci_bar *b = &d->rom;
    b->size = size ? bar_round(size, 2048) : 0;
    b->io = false;
    b->ops = NULL;
    b->opaque = NULL;
    /* Only ever mapped with mm_add_rom, which never writes through it. */
    b->ram = (uint8_t *)(uintptr_t)data;
    /* Spec 6.2.5.2: address bits 31-11, enable bit 0, the rest reserved. */
    uint32_t wmask = b->size ? (~(b->size - 1) & 0xfffff800u) | PCI_ROM_ENABLE : 0;
    store_le32(d->wmask + PCI_ROM_ADDRESS, wmask);
    store_le32(d->config + PCI_ROM_ADDRESS, load_le32(d->config + PCI_ROM_ADDRESS) & wmask);
}

/* ---- BAR decoding ---- */

/* Where BAR n (PCI_ROM_SLOT: the ROM) should be decoded now, or false. */
static bool bar_target(const pci_device *d, unsigned n, uint32_t *cpu)
{
    const pci_bus *bus = d->bus;
    uint16_t cmd = load_le16(d->config + PCI_COMMAND);
    const pci_bar *b = n == PCI_ROM_SLOT ? &d->rom : &d->bar[n];
    if (!b->size) return false;
    uint32_t addr, base;
    if (n == PCI_ROM_SLOT) {
        uint32_t v = load_le32(d->config + PCI_ROM_ADDRESS);
        /* The ROM decodes only with both its own enable and memory space. */
        if (!(cmd & PCI_COMMAND_MEMORY) || !(v & PCI_ROM_ENABLE)) return false;
        addr = v & ~(b->size - 1) & 0xfffff800u;
        base = bus->mem_base;
    } else {
        uint32_t v = load_le32(d->config + PCI_BAR0 + 4 * n);
        if (b->io) {
            if (!(cmd & PCI_COMMAND_IO)) return false;
            addr = v & ~(b->size - 1) & 0xfffffffcu;
            base = bus->io_base;
        } else {
            if (!(cmd & PCI_COMMAND_MEMORY)) return false;
            addr = v & ~(b->size - 1) & 0xfffffff0u;
            base = bus->mem_base;
        }
    }
    /* Firmware sizes BARs by writing all ones, often with decoding still
     * on: a BAR at 0 or one that would reach the top of the 32-bit space
     * (where the boot ROM lives) is treated as unassigned, not mapped. */
    if (addr == 0) return false;
    uint64_t cpu_addr = (uint64_t)base + addr;
    if (cpu_addr + b->size - 1 >= 0xffffffffull) return false;
    *cpu = (uint32_t)cpu_addr;
    return true;
}

static const char *bar_name(const pci_device *d)
{
    return d->dev.id ? d->dev.id : "pci-bar";
}

/* Unmaps BAR n if mapped; true if something changed. */
static bool bar_unmap(pci_device *d, unsigned n)
{
    pci_bar *b = n == PCI_ROM_SLOT ? &d->rom : &d->bar[n];
    if (b->region == -1) return false;
    if (b->region >= 0) mm_remove(d->bus->mm, b->region);
    b->region = -1;
    if (d->bar_moved) d->bar_moved(d, n, false, b->mapped_at);
    return true;
}

/* A BAR served only by the bar_moved hook is "mapped" with this id. */
#define REGION_HOOK_ONLY (-2)

static bool bar_update(pci_device *d, unsigned n)
{
    pci_bar *b = n == PCI_ROM_SLOT ? &d->rom : &d->bar[n];
    uint32_t cpu;
    bool want = d->bus && bar_target(d, n, &cpu);
    if (want && b->region != -1 && b->mapped_at == cpu) return false;
    bool changed = bar_unmap(d, n);
    if (!want) return changed;
    mm_space *mm = d->bus->mm;
    int r;
    if (n == PCI_ROM_SLOT)
        r = b->ram ? mm_add_rom(mm, bar_name(d), cpu, b->size, b->ram) : REGION_HOOK_ONLY;
    else if (b->ram)
        r = mm_add_ram(mm, bar_name(d), cpu, b->size, b->ram);
    else if (b->ops)
        r = mm_add_mmio(mm, bar_name(d), cpu, b->size, b->ops, b->opaque);
    else
        r = REGION_HOOK_ONLY;
    if (r == -1) return changed; /* outside the address space */
    b->region = r;
    b->mapped_at = cpu;
    if (d->bar_moved) d->bar_moved(d, n, true, cpu);
    return true;
}

static void device_update_bars(pci_device *d)
{
    bool changed = false;
    for (unsigned n = 0; n < 6; n++) changed |= bar_update(d, n);
    changed |= bar_update(d, PCI_ROM_SLOT);
    if (changed && d->bus) mm_commit(d->bus->mm);
}

static void device_unmap_all(pci_device *d)
{
    bool changed = false;
    for (unsigned n = 0; n < 6; n++) changed |= bar_unmap(d, n);
    changed |= bar_unmap(d, PCI_ROM_SLOT);
    if (changed && d->bus) mm_commit(d->bus->mm);
}

/* ---- the bus ---- */

pci_bus *pci_bus_new(mm_space *mm, uint32_t mem_base, uint32_t io_base)
{
    pci_bus *b = calloc(1, sizeof(*b));
    if (!b) return NULL;
    b->mm = mm;
    b->mem_base = mem_base;
    b->io_base = io_base;
    return b;
}

void pci_bus_free(pci_bus *b)
{
    free(b);
}

/* Spec 6.2.1: bit 7 of the header type tells software to probe functions
 * 1-7; keep it in step with what is plugged in. */
static void update_multifunction(pci_bus *b, uint8_t slot)
{
    pci_device *f0 = b->slot[PCI_DEVFN(slot, 0)];
    if (!f0) return;
    bool multi = false;
    for (unsigned fn = 1; fn < 8; fn++) multi |= b->slot[PCI_DEVFN(slot, fn)] != NULL;
    if (multi)
        f0->config[PCI_HEADER_TYPE] |= PCI_HEADER_MULTI_FUNCTION;
    else
        f0->config[PCI_HEADER_TYPE] &= (uint8_t)~PCI_HEADER_MULTI_FUNCTION;
}

bool pci_bus_attach(pci_bus *b, pci_device *d, uint8_t devfn)
{
    if (b->slot[devfn] || d->bus) return false;
    b->slot[devfn] = d;
    d->bus = b;
    d->devfn = devfn;
    /* Owners may have edited their pci_bar fields (a prefetch flag) after
     * pci_device_set_bar: derive the BAR type bits and masks again. */
    for (unsigned n = 0; n < 6; n++) bar_declare(d, n);
    update_multifunction(b, devfn >> 3);
    device_update_bars(d);
    return true;
}

void pci_bus_detach(pci_bus *b, pci_device *d)
{
    if (d->bus != b || b->slot[d->devfn] != d) return;
    device_unmap_all(d);
    b->slot[d->devfn] = NULL;
    d->bus = NULL;
    update_multifunction(b, d->devfn >> 3);
}

pci_device *pci_bus_device(pci_bus *b, uint8_t devfn)
{
    return b->slot[devfn];
}

/* The function answering a configuration cycle: functions 1-7 exist only
 * next to a function 0 (single-function devices ignore the function
 * number bits on real buses; software never looks past fn 0 of them). */
static pci_device *config_target(pci_bus *b, uint8_t devfn)
{
    if (!b->slot[devfn & ~7u]) return NULL;
    return b->slot[devfn];
}

uint32_t pci_config_read(pci_bus *b, uint8_t devfn, uint8_t offset, unsigned size)
{
    if (size != 1 && size != 2 && size != 4) size = 4;
    uint32_t all = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
    pci_device *d = config_target(b, devfn);
    if (!d) return all;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned o = offset + i;
        uint32_t byte = o < 256 ? d->config[o] : 0xff;
        v |= byte << (8 * i);
    }
    return v;
}

void pci_config_write(pci_bus *b, uint8_t devfn, uint8_t offset, uint32_t value, unsigned size)
{
    if (size != 1 && size != 2 && size != 4) return;
    pci_device *d = config_target(b, devfn);
    if (!d) return;
    bool bars = false;
    for (unsigned i = 0; i < size; i++) {
        unsigned o = offset + i;
        if (o >= 256) break;
        uint8_t m = d->wmask[o];
        uint8_t nv = (uint8_t)((d->config[o] & ~m) | ((value >> (8 * i)) & m));
        if (nv == d->config[o]) continue;
        d->config[o] = nv;
        if (o == PCI_COMMAND || (o >= PCI_BAR0 && o < PCI_CARDBUS_CIS) ||
            (o >= PCI_ROM_ADDRESS && o < PCI_ROM_ADDRESS + 4))
            bars = true;
    }
    if (bars) device_update_bars(d);
    if (d->config_written) d->config_written(d, offset, size);
}

void pci_bus_reset(pci_bus *b)
{
    for (unsigned i = 0; i < 256; i++) {
        pci_device *d = b->slot[i];
        if (!d) continue;
        device_unmap_all(d);
        store_le16(d->config + PCI_COMMAND, 0);
        for (unsigned n = 0; n < 6; n++) {
            uint8_t off = (uint8_t)(PCI_BAR0 + 4 * n);
            store_le32(d->config + off, load_le32(d->config + off) & ~load_le32(d->wmask + off));
        }
        store_le32(d->config + PCI_ROM_ADDRESS, 0);
    }
}

/* ---- save states ---- */

void pci_device_save(const pci_device *d, st_writer *w)
{
    st_put_bytes(w, d->config, sizeof(d->config));
}

bool pci_device_load(pci_device *d, st_reader *r)
{
    uint8_t cfg[256];
    st_get_bytes(r, cfg, sizeof(cfg));
    if (!st_chunk_ok(r)) return false;
    /* Unmap first: the restored BAR values may place the windows anywhere. */
    device_unmap_all(d);
    memcpy(d->config, cfg, sizeof(cfg));
    device_update_bars(d);
    return true;
}
