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
    PCI_CARDBUS_CIS = 0x28,
    PCI_SUBSYS_VENDOR = 0x2c,
    PCI_SUBSYS_ID = 0x2e,
    PCI_ROM_ADDRESS = 0x30,
    PCI_INT_LINE = 0x3c,
    PCI_INT_PIN = 0x3d,
};

#define PCI_COMMAND_IO     0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4
/* Writable command bits: I/O, memory, master, special cycles, MWI, VGA
 * palette snoop, parity, stepping, SERR#, fast back-to-back, INTx disable. */
#define PCI_COMMAND_WMASK 0x07ff

#define PCI_HEADER_MULTI_FUNCTION 0x80 /* header type bit 7 */
#define PCI_ROM_ENABLE            0x1  /* expansion ROM BAR bit 0 */
#define PCI_ROM_SLOT              6    /* `n` of the ROM BAR in bar_moved */

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
    /* Expansion ROM (offset 0x30), see pci_device_set_rom. */
    pci_bar rom;
    /* Optional: called after BAR n (PCI_ROM_SLOT for the ROM) was mapped at
     * cpu_addr (mapped) or unmapped. A BAR declared with neither ops nor ram
     * is decoded by nobody but this hook: a container such as mac-io maps
     * its own sub-windows there. */
    void (*bar_moved)(pci_device *d, unsigned n, bool mapped, uint32_t cpu_addr);
};

/* Fills the header: IDs, class (base << 16 | sub << 8 | prog-if),
 * revision, interrupt pin 1 (INTA#), and makes the command register,
 * cache line size, latency timer and interrupt line writable. Clears the
 * rest of the configuration space and the BAR declarations (call it
 * before pci_device_set_bar); the device header, irq and hooks are kept. */
void pci_device_init(pci_device *d, uint16_t vendor, uint16_t device_id, uint32_t class_code,
                     uint8_t revision);
/* Declares BAR n: its size and either MMIO ops or host memory. Memory BARs
 * are at least 16 bytes, I/O BARs at least 4 (smaller sizes are rounded
 * up, sizes not a power of two rounded up to one). */
void pci_device_set_bar(pci_device *d, unsigned n, uint32_t size, bool io, const mmio_ops *ops,
                        void *opaque, uint8_t *ram);
/* Marks memory BAR n prefetchable (bit 3). */
void pci_device_set_bar_prefetch(pci_device *d, unsigned n, bool prefetch);
/* Declares an expansion ROM of `size` bytes (>= 2 KiB, power of two) whose
 * contents `data` (size bytes, must outlive the device) appear read-only
 * where the guest places the ROM BAR once it sets its enable bit and
 * memory decoding. */
void pci_device_set_rom(pci_device *d, uint32_t size, const uint8_t *data);
/* Save-state helpers for the device that embeds the function: the
 * configuration space; load re-applies the BAR mappings. */
void pci_device_save(const pci_device *d, st_writer *w);
bool pci_device_load(pci_device *d, st_reader *r);

/* mem_base/io_base: where PCI memory address 0 and I/O address 0 appear
 * in CPU physical space (Uni-North and Grackle map PCI memory 1:1, so
 * mem_base is 0; I/O space sits in a window such as 0xf2000000). */
pci_bus *pci_bus_new(mm_space *mm, uint32_t mem_base, uint32_t io_base);
void pci_bus_free(pci_bus *b);
/* Plugs d in at devfn; false if the slot is taken. */
bool pci_bus_attach(pci_bus *b, pci_device *d, uint8_t devfn);
pci_device *pci_bus_device(pci_bus *b, uint8_t devfn);
/* Unmaps d's BARs and unplugs it (a device destroyed before its bus). */
void pci_bus_detach(pci_bus *b, pci_device *d);

/* Configuration access by a host bridge: little-endian values (PCI byte
 * order), size 1, 2 or 4 at any offset that does not cross a dword (a
 * crossing access is carried out byte by byte). Function 1-7 of a slot
 * whose function 0 is absent reads all ones, as does an empty slot. */
uint32_t pci_config_read(pci_bus *b, uint8_t devfn, uint8_t offset, unsigned size);
void pci_config_write(pci_bus *b, uint8_t devfn, uint8_t offset, uint32_t value, unsigned size);

/* Unmaps every BAR and clears the command registers, BAR and ROM base
 * addresses (PCI RST#). pci_bus_free touches no device, so buses and
 * devices may be freed in any order. */
void pci_bus_reset(pci_bus *b);

#endif
