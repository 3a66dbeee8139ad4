/* PCI: configuration space, BARs and the bus the host bridges serve
 * (PCI Local Bus Specification 2.1, chapter 6).
 *
 * A PCI function embeds `pci_device` (whose first member is the device
 * header) and fills in its configuration header: IDs, class, BAR sizes.
 * The bus owns the address decoding: when the guest writes a BAR or the
 * command register, pci_bus maps or unmaps the BAR's window in the
 * machine's memory map (memory BARs in the memory window, I/O BARs in the
 * I/O window that the host bridge places in CPU space) and commits it.
 *
 * Host bridges (Uni-North, Grackle) translate their CPU-side configuration
 * mechanism to pci_config_read/pci_config_write(bus, devfn, offset, ...);
 * an empty slot reads all ones.
 */
#ifndef CLARUS_PCI_H
#define CLARUS_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"

#define PCI_DEVFN(slot, fn) ((uint8_t)((slot) << 3 | (fn)))

/* Configuration header offsets (type 0). */
enum {
    PCI_VENDOR_ID = 0x00,
    PCI_DEVICE_ID = 0x02,
    PCI_COMMAND = 0x04,
    PCI_STATUS = 0x06,
    PCI_REVISION = 0x08,
    PCI_CLASS_PROG = 0x09,
    PCI_CLASS_DEVICE = 0x0a,
    PCI_CACHE_LINE = 0x0c,
    PCI_LATENCY = 0x0d,
    PCI_HEADER_TYPE = 0x0e,
    PCI_BAR0 = 0x10,
    PCI_SUBSYS_VENDOR = 0x2c,
    PCI_SUBSYS_ID = 0x2e,
    PCI_ROM_ADDRESS = 0x30,
    PCI_INT_LINE = 0x3c,
    PCI_INT_PIN = 0x3d,
};

#define PCI_COMMAND_IO     0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4

typedef struct pci_bus pci_bus;
typedef struct pci_device pci_device;

typedef struct pci_bar {
    uint32_t size;       /* power of two; 0 = not implemented */
    bool io;             /* I/O space (else memory) */
    bool prefetch;       /* memory BAR bit 3 */
    const mmio_ops *ops; /* for an MMIO window (opaque = the pci_device's owner) */
    void *opaque;
    uint8_t *ram;       /* or: plain memory behind the BAR (a framebuffer) */
    uint32_t mapped_at; /* CPU physical address while mapped */
    int region;         /* memory-map region id while mapped, else -1 */
} pci_bar;

struct pci_device {
    device dev;
    pci_bus *bus;
    uint8_t devfn;
    uint8_t config[256];
    uint8_t wmask[256]; /* writable bits of each configuration byte */
    pci_bar bar[6];
    irq_line irq; /* INTA#, wired by the machine */
    /* Optional: called after a configuration write (offset, size). */
    void (*config_written)(pci_device *d, uint8_t offset, unsigned size);
};

/* Fills the header: IDs, class (base << 16 | sub << 8 | prog-if),
 * revision, interrupt pin 1 (INTA#), and makes the command register and
 * interrupt line writable. */
void pci_device_init(pci_device *d, uint16_t vendor, uint16_t device_id, uint32_t class_code,
                     uint8_t revision);
/* Declares BAR n: its size and either MMIO ops or host memory. */
void pci_device_set_bar(pci_device *d, unsigned n, uint32_t size, bool io, const mmio_ops *ops,
                        void *opaque, uint8_t *ram);

/* mem_base/io_base: where PCI memory address 0 and I/O address 0 appear
 * in CPU physical space (Uni-North and Grackle map PCI memory 1:1, so
 * mem_base is 0; I/O space sits in a window such as 0xf2000000). */
pci_bus *pci_bus_new(mm_space *mm, uint32_t mem_base, uint32_t io_base);
void pci_bus_free(pci_bus *b);
/* Plugs d in at devfn; false if the slot is taken. */
bool pci_bus_attach(pci_bus *b, pci_device *d, uint8_t devfn);
pci_device *pci_bus_device(pci_bus *b, uint8_t devfn);

/* Configuration access by a host bridge: little-endian values (PCI byte
 * order), size 1, 2 or 4 at any offset that does not cross a dword. */
uint32_t pci_config_read(pci_bus *b, uint8_t devfn, uint8_t offset, unsigned size);
void pci_config_write(pci_bus *b, uint8_t devfn, uint8_t offset, uint32_t value, unsigned size);

/* Unmaps every BAR and clears the command registers (bus reset). */
void pci_bus_reset(pci_bus *b);

#endif
