/* Apple Uni-North PCI host bridges and memory-controller registers.
 *
 * Configuration mechanism (Apple's "MacRISC" scheme, as Linux's
 * arch/powerpc/platforms/powermac/pci.c drives it and QEMU's
 * hw/pci-host/uninorth.c decodes it): the guest writes a configuration
 * address to conf-idx, reads it back (the chip needs the read-back before
 * the data cycle), then accesses conf-data. Both registers are
 * little-endian: the firmware uses stwbrx/lwbrx.
 *
 *   type 0 (bit 0 = 0): bits 31-11 are IDSEL lines, one per slot (the
 *       lowest set bit selects the slot), bits 10-8 the function, bits 7-3
 *       the register's 8-byte group; the byte within the group comes from
 *       the conf-data address (offset & 7), not from conf-idx bits 2-0.
 *   type 1 (bit 0 = 1): bus in bits 23-16, devfn in bits 15-8, register
 *       group in bits 7-3, byte from conf-data (offset & 7), as above.
 *   bit 31 set: OpenBIOS writes PCI mechanism #1 addresses (enable bit 31,
 *       bus 23-16, devfn 15-8, register 7-2) to every host bridge; no real
 *       IDSEL pattern uses bit 31 alone on these buses, so such an address
 *       is taken in that format, byte from offset & 3 (QEMU does the same).
 *
 * This bus is bus 0 of its bridge; there are no PCI-PCI bridges, so a
 * type-1 cycle for another bus, or a type-0 cycle with no IDSEL bit set,
 * finds no device and reads all ones.
 */
#include "uninorth.h"

#include <stdlib.h>
#include <string.h>

#include "core/bits.h"

struct uninorth_host {
    device dev;
    pci_device bridge; /* the host bridge's own function on its bus */
    pci_bus *bus;
    const clarus_logger *log;
    uint16_t bridge_device_id;
    uint8_t bridge_devfn;
    uint32_t conf_idx;
    device_mmio idx_mmio, data_mmio;
};

struct unin_regs {
    device dev;
    uint8_t regs[UNINORTH_REGS_WINDOW];
    device_mmio mmio;
};

/* ---- little-endian register helpers ---- */

/* A 32-bit little-endian register seen at window offset `off`: guest byte
 * k of an access lands in byte lane (off + k) & 3. */
static uint32_t le_reg_read(uint32_t reg, uint32_t off, unsigned size)
{
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++) v = v << 8 | ((reg >> (8 * ((off + k) & 3))) & 0xff);
    return v;
}

static uint32_t le_reg_write(uint32_t reg, uint32_t off, uint32_t value, unsigned size)
{
    for (unsigned k = 0; k < size; k++) {
        unsigned lane = (off + k) & 3;
        uint32_t byte = (value >> (8 * (size - 1 - k))) & 0xff;
        reg = (reg & ~(0xffu << (8 * lane))) | byte << (8 * lane);
    }
    return reg;
}

/* PCI data (little-endian value of `size` bytes) to guest order and back. */
static uint32_t swap_size(uint32_t v, unsigned size)
{
    switch (size) {
    case 1: return v & 0xff;
    case 2: return __builtin_bswap16((uint16_t)v);
    default: return __builtin_bswap32(v);
    }
}

/* ---- configuration decode ---- */

static bool decode(uint32_t idx, uint32_t off, uint8_t *devfn, uint8_t *reg)
{
    unsigned bus;
    if (idx & 0x80000000u) {
        bus = (idx >> 16) & 0xff;
        *devfn = (uint8_t)(idx >> 8);
        *reg = (uint8_t)((idx & 0xfc) | (off & 3));
    } else if (idx & 1) {
        bus = (idx >> 16) & 0xff;
        *devfn = (uint8_t)(idx >> 8);
        *reg = (uint8_t)((idx & 0xf8) | (off & 7));
    } else {
        uint32_t idsel = idx & 0xfffff800u;
        if (!idsel) return false;
        bus = 0;
        *devfn = PCI_DEVFN(__builtin_ctz(idsel), (idx >> 8) & 7);
        *reg = (uint8_t)((idx & 0xf8) | (off & 7));
    }
    return bus == 0;
}

static uint32_t idx_read(void *opaque, uint32_t offset, unsigned size)
{
    uninorth_host *h = opaque;
    return le_reg_read(h->conf_idx, offset, size);
}

static void idx_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    uninorth_host *h = opaque;
    h->conf_idx = le_reg_write(h->conf_idx, offset, value, size);
}

static uint32_t data_read(void *opaque, uint32_t offset, unsigned size)
{
    uninorth_host *h = opaque;
    uint8_t devfn, reg;
    if (!decode(h->conf_idx, offset, &devfn, &reg)) {
        clarus_log(h->log, LOG_DEBUG, "uninorth", "%s: config read, no target (idx %08x)",
                   h->dev.id, h->conf_idx);
        return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
    }
    return swap_size(pci_config_read(h->bus, devfn, reg, size), size);
}

static void data_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    uninorth_host *h = opaque;
    uint8_t devfn, reg;
    if (!decode(h->conf_idx, offset, &devfn, &reg)) {
        clarus_log(h->log, LOG_DEBUG, "uninorth", "%s: config write, no target (idx %08x)",
                   h->dev.id, h->conf_idx);
        return;
    }
    pci_config_write(h->bus, devfn, reg, swap_size(value, size), size);
}

static const mmio_ops idx_ops = {idx_read, idx_write, NULL};
static const mmio_ops data_ops = {data_read, data_write, NULL};

/* ---- the bridge's own function ---- */

static void bridge_init(uninorth_host *h)
{
    pci_device *f = &h->bridge;
    pci_device_init(f, UNINORTH_PCI_VENDOR_APPLE, h->bridge_device_id, 0x060000, 0);
    f->config[PCI_INT_PIN] = 0; /* the host bridge raises no interrupt */
    f->config[PCI_CACHE_LINE] = 0x08;
    f->config[PCI_LATENCY] = 0x10;
    /* Chip-specific registers 0x40-0xff: kept and read back (Apple's
     * drivers program the AGP GART and address-select registers there). */
    memset(f->wmask + 0x40, 0xff, 0xc0);
    if (h->bridge_device_id == UNINORTH_DEVICE_PCI) {
        /* Address-select register (0x48): PCI memory space decoded at
         * 0x80000000-0x8fffffff, the range Mac OS's AppleMacRiscPCI driver
         * reads back here (QEMU presets the same value). */
        store_le32(f->config + 0x48, 0x01000000);
    }
}

/* ---- device class ---- */

static void host_reset(device *d, reset_kind k)
{
    (void)k;
    uninorth_host *h = (uninorth_host *)d;
    h->conf_idx = 0;
    /* The bridge drives PCI RST#: every function on its bus loses its BAR
     * and command settings. */
    pci_bus_reset(h->bus);
    pci_device *f = &h->bridge;
    uint8_t saved_hdr = f->config[PCI_HEADER_TYPE];
    bridge_init(h);
    f->config[PCI_HEADER_TYPE] = saved_hdr;
}

static void host_save(const device *d, st_writer *w)
{
    const uninorth_host *h = (const uninorth_host *)d;
    st_put_u32(w, h->conf_idx);
    pci_device_save(&h->bridge, w);
}

static bool host_load(device *d, st_reader *r, uint16_t version)
{
    uninorth_host *h = (uninorth_host *)d;
    if (version > 1) return false;
    h->conf_idx = st_get_u32(r);
    return pci_device_load(&h->bridge, r);
}

static void host_destroy(device *d)
{
    /* The bus is not touched: it may already be gone. */
    free(d);
}

static const device_class uninorth_host_class = {
    .type = "uninorth-pci-host",
    .desc = "Apple Uni-North PCI host bridge (MacRISC configuration mechanism)",
    .reset = host_reset,
    .save = host_save,
    .load = host_load,
    .state_version = 1,
    .destroy = host_destroy,
};

/* The embedded PCI function's header: a class with no behaviour of its
 * own (the host device resets, saves and frees it). */
static const device_class uninorth_bridge_fn_class = {
    .type = "uninorth-bridge-fn",
    .desc = "Uni-North host bridge PCI function (part of uninorth-pci-host)",
};

uninorth_host *uninorth_host_create_custom(const device_env *env, const char *id, pci_bus *bus,
                                           uint16_t bridge_device_id, uint8_t bridge_devfn)
{
    if (!bus) return NULL;
    uninorth_host *h = calloc(1, sizeof(*h));
    if (!h) return NULL;
    h->dev.cls = &uninorth_host_class;
    h->dev.id = id;
    h->bridge.dev.cls = &uninorth_bridge_fn_class;
    h->bridge.dev.id = id;
    h->bus = bus;
    h->log = env ? env->log : NULL;
    h->bridge_device_id = bridge_device_id;
    h->bridge_devfn = bridge_devfn;
    bridge_init(h);
    if (!pci_bus_attach(bus, &h->bridge, bridge_devfn)) {
        clarus_log(h->log, LOG_ERROR, "uninorth", "%s: PCI slot %02x.%u is taken", id ? id : "?",
                   bridge_devfn >> 3, bridge_devfn & 7);
        free(h);
        return NULL;
    }
    h->idx_mmio = (device_mmio){&idx_ops, h, UNINORTH_CONF_WINDOW};
    h->data_mmio = (device_mmio){&data_ops, h, UNINORTH_CONF_WINDOW};
    return h;
}

uninorth_host *uninorth_host_create_kind(const device_env *env, const char *id, pci_bus *bus,
                                         uninorth_kind kind)
{
    switch (kind) {
    case UNINORTH_AGP:
        return uninorth_host_create_custom(env, id, bus, UNINORTH_DEVICE_AGP, PCI_DEVFN(11, 0));
    case UNINORTH_INTERNAL:
        return uninorth_host_create_custom(env, id, bus, UNINORTH_DEVICE_INTERNAL,
                                           PCI_DEVFN(14, 0));
    default:
        return uninorth_host_create_custom(env, id, bus, UNINORTH_DEVICE_PCI, PCI_DEVFN(11, 0));
    }
}

uninorth_host *uninorth_host_create(const device_env *env, const char *id, pci_bus *bus)
{
    return uninorth_host_create_kind(env, id, bus, UNINORTH_PCI);
}

device *uninorth_host_device(uninorth_host *h)
{
    return &h->dev;
}

pci_device *uninorth_host_bridge(uninorth_host *h)
{
    return &h->bridge;
}

const device_mmio *uninorth_conf_idx_mmio(uninorth_host *h)
{
    return &h->idx_mmio;
}

const device_mmio *uninorth_conf_data_mmio(uninorth_host *h)
{
    return &h->data_mmio;
}

/* ---- "unin": the memory controller's register window ----
 *
 * Big-endian registers. Offset 0 is the chip version (Uni-North 1.0.10
 * reads 7, as QEMU's mac99 reports); offset 0x50 the number of the CPU
 * making the access (0: the boot CPU, the only one modelled). The rest
 * (clock control at 0x20, power management 0x30, arbiter 0x40, hardware
 * init state 0x70, the memory timing registers) is state firmware writes
 * and reads back, kept as bytes.
 */

static uint8_t unin_byte(const unin_regs *u, uint32_t a)
{
    if (a < 4) return a == 3 ? UNINORTH_VERSION_10A : 0;
    return a < UNINORTH_REGS_WINDOW ? u->regs[a] : 0;
}

static uint32_t unin_read(void *opaque, uint32_t offset, unsigned size)
{
    unin_regs *u = opaque;
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++) v = v << 8 | unin_byte(u, offset + k);
    return v;
}

static void unin_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    unin_regs *u = opaque;
    for (unsigned k = 0; k < size; k++) {
        uint32_t a = offset + k;
        if (a < 4 || a >= UNINORTH_REGS_WINDOW) continue; /* version is read-only */
        u->regs[a] = (uint8_t)(value >> (8 * (size - 1 - k)));
    }
}

static const mmio_ops unin_ops = {unin_read, unin_write, NULL};

static void unin_reset(device *d, reset_kind k)
{
    (void)k;
    unin_regs *u = (unin_regs *)d;
    memset(u->regs, 0, sizeof(u->regs));
}

static void unin_save(const device *d, st_writer *w)
{
    const unin_regs *u = (const unin_regs *)d;
    st_put_bytes(w, u->regs, sizeof(u->regs));
}

static bool unin_load(device *d, st_reader *r, uint16_t version)
{
    unin_regs *u = (unin_regs *)d;
    if (version > 1) return false;
    st_get_bytes(r, u->regs, sizeof(u->regs));
    return st_chunk_ok(r);
}

static void unin_destroy(device *d)
{
    free(d);
}

static const device_class unin_regs_class = {
    .type = "unin",
    .desc = "Apple Uni-North memory controller registers (version, clocks, CPU number)",
    .reset = unin_reset,
    .save = unin_save,
    .load = unin_load,
    .state_version = 1,
    .destroy = unin_destroy,
};

unin_regs *unin_regs_create(const device_env *env, const char *id)
{
    (void)env;
    unin_regs *u = calloc(1, sizeof(*u));
    if (!u) return NULL;
    u->dev.cls = &unin_regs_class;
    u->dev.id = id;
    u->mmio = (device_mmio){&unin_ops, u, UNINORTH_REGS_WINDOW};
    return u;
}

device *unin_regs_device(unin_regs *u)
{
    return &u->dev;
}

const device_mmio *unin_regs_mmio(unin_regs *u)
{
    return &u->mmio;
}
