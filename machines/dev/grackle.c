/* Motorola MPC106 PCI bridge/memory controller ("Grackle").
 *
 * MPC106 User's Manual (MPC106UM/D rev. 1), chapter 4.4 "Configuration
 * Cycles": with address map B the processor writes a PCI configuration
 * mechanism #1 address to CONFIG_ADDR (0xfec00000) and moves data through
 * CONFIG_DATA (0xfee00000). The address is little-endian (byte-reversed on
 * the big-endian 60x bus; the firmware uses stwbrx):
 *   bit 31 enable, bits 23-16 bus, 15-11 device, 10-8 function,
 *   bits 7-2 register (dword); the byte within the dword is chosen by the
 *   CONFIG_DATA address bits 1-0.
 * With the enable bit clear, or for a bus other than 0 (no PCI-PCI bridge
 * is modelled), reads return all ones and writes are dropped.
 *
 * The MPC106 answers as device 0 of bus 0 with its own configuration
 * registers (manual chapter 3.2): the standard header plus the bridge and
 * memory controller registers at 0x40-0xff, which are kept and read back
 * as written (the memory controller itself is the machine's RAM map).
 */
#include "grackle.h"

#include <stdlib.h>
#include <string.h>

#include "core/bits.h"

struct grackle {
    device dev;
    pci_device fn; /* 00:00.0, the MPC106's own function */
    pci_bus *bus;
    const clarus_logger *log;
    uint32_t config_addr;
    device_mmio addr_mmio, data_mmio;
};

#define CONFIG_ENABLE 0x80000000u

/* Power-on values of the chip-specific registers (manual chapter 3.2). */
enum {
    MPC106_BUS_NUMBER = 0x40,
    MPC106_ODCR = 0x73, /* output driver control */
    MPC106_PICR1 = 0xa8,
    MPC106_PICR2 = 0xac,
    MPC106_MCCR1 = 0xf0,
    MPC106_MCCR2 = 0xf4,
    MPC106_MCCR4 = 0xfc,
};

static void fn_init(grackle *g)
{
    pci_device *f = &g->fn;
    pci_device_init(f, GRACKLE_VENDOR_MOTOROLA, GRACKLE_DEVICE_MPC106, 0x060000, 0x40);
    f->config[PCI_INT_PIN] = 0;
    /* Command: bus master and memory space on out of reset; status: fast
     * back-to-back capable. */
    store_le16(f->config + PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    store_le16(f->config + PCI_STATUS, 0x0080);
    memset(f->wmask + 0x40, 0xff, 0xc0);
    f->config[MPC106_ODCR] = 0xcd;
    store_le32(f->config + MPC106_PICR1, 0xff100010); /* ROM on the 60x bus, map B */
    store_le32(f->config + MPC106_PICR2, 0x000c060c);
    store_le32(f->config + MPC106_MCCR1, 0xff820000);
    store_le32(f->config + MPC106_MCCR2, 0x00000003);
    store_le32(f->config + MPC106_MCCR4, 0x00100000);
}

/* ---- CONFIG_ADDR / CONFIG_DATA ---- */

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

static uint32_t swap_size(uint32_t v, unsigned size)
{
    switch (size) {
    case 1: return v & 0xff;
    case 2: return __builtin_bswap16((uint16_t)v);
    default: return __builtin_bswap32(v);
    }
}

static uint32_t addr_read(void *opaque, uint32_t offset, unsigned size)
{
    grackle *g = opaque;
    return le_reg_read(g->config_addr, offset, size);
}

static void addr_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    grackle *g = opaque;
    g->config_addr = le_reg_write(g->config_addr, offset, value, size);
}

static bool decode(const grackle *g, uint32_t off, uint8_t *devfn, uint8_t *reg)
{
    uint32_t a = g->config_addr;
    if (!(a & CONFIG_ENABLE) || ((a >> 16) & 0xff) != 0) return false;
    *devfn = (uint8_t)(a >> 8);
    *reg = (uint8_t)((a & 0xfc) | (off & 3));
    return true;
}

static uint32_t data_read(void *opaque, uint32_t offset, unsigned size)
{
    grackle *g = opaque;
    uint8_t devfn, reg;
    if (!decode(g, offset, &devfn, &reg)) {
        clarus_log(g->log, LOG_DEBUG, "grackle", "%s: config read, no target (addr %08x)",
                   g->dev.id, g->config_addr);
        return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
    }
    return swap_size(pci_config_read(g->bus, devfn, reg, size), size);
}

static void data_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    grackle *g = opaque;
    uint8_t devfn, reg;
    if (!decode(g, offset, &devfn, &reg)) {
        clarus_log(g->log, LOG_DEBUG, "grackle", "%s: config write, no target (addr %08x)",
                   g->dev.id, g->config_addr);
        return;
    }
    pci_config_write(g->bus, devfn, reg, swap_size(value, size), size);
}

static const mmio_ops addr_ops = {addr_read, addr_write, NULL};
static const mmio_ops data_ops = {data_read, data_write, NULL};

/* ---- device class ---- */

static void grackle_reset(device *d, reset_kind k)
{
    (void)k;
    grackle *g = (grackle *)d;
    g->config_addr = 0;
    pci_bus_reset(g->bus); /* the MPC106 drives PCI RST# */
    uint8_t hdr = g->fn.config[PCI_HEADER_TYPE];
    fn_init(g);
    g->fn.config[PCI_HEADER_TYPE] = hdr;
}

static void grackle_save(const device *d, st_writer *w)
{
    const grackle *g = (const grackle *)d;
    st_put_u32(w, g->config_addr);
    pci_device_save(&g->fn, w);
}

static bool grackle_load(device *d, st_reader *r, uint16_t version)
{
    grackle *g = (grackle *)d;
    if (version > 1) return false;
    g->config_addr = st_get_u32(r);
    return pci_device_load(&g->fn, r);
}

static void grackle_destroy(device *d)
{
    free(d); /* the bus is not touched: it may already be gone */
}

static const device_class grackle_class = {
    .type = "grackle",
    .desc = "Motorola MPC106 (Grackle) PCI host bridge, configuration mechanism #1",
    .reset = grackle_reset,
    .save = grackle_save,
    .load = grackle_load,
    .state_version = 1,
    .destroy = grackle_destroy,
};

static const device_class grackle_fn_class = {
    .type = "grackle-fn",
    .desc = "MPC106 PCI function 00:00.0 (part of grackle)",
};

grackle *grackle_create(const device_env *env, const char *id, pci_bus *bus)
{
    if (!bus) return NULL;
    grackle *g = calloc(1, sizeof(*g));
    if (!g) return NULL;
    g->dev.cls = &grackle_class;
    g->dev.id = id;
    g->fn.dev.cls = &grackle_fn_class;
    g->fn.dev.id = id;
    g->bus = bus;
    g->log = env ? env->log : NULL;
    fn_init(g);
    if (!pci_bus_attach(bus, &g->fn, PCI_DEVFN(0, 0))) {
        clarus_log(g->log, LOG_ERROR, "grackle", "%s: PCI slot 00.0 is taken", id ? id : "?");
        free(g);
        return NULL;
    }
    g->addr_mmio = (device_mmio){&addr_ops, g, GRACKLE_WINDOW};
    g->data_mmio = (device_mmio){&data_ops, g, GRACKLE_WINDOW};
    return g;
}

device *grackle_device(grackle *g)
{
    return &g->dev;
}

pci_device *grackle_bridge(grackle *g)
{
    return &g->fn;
}

const device_mmio *grackle_addr_mmio(grackle *g)
{
    return &g->addr_mmio;
}

const device_mmio *grackle_data_mmio(grackle *g)
{
    return &g->data_mmio;
}
