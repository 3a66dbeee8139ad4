/* The flattened device tree Clarus hands Linux when a Power Mac boots with
 * no firmware (--firmware none): the tree OpenBIOS builds on the same
 * machine (and Linux's prom_init flattens), node for node and property for
 * property where Linux 6.1's powermac platform code, its PCI, interrupt,
 * serial (pmac_zilog, udbg_scc), ATA (pata_macio), CUDA/PMU and offb
 * drivers look. tests/pmac-fdt.sh compares the two trees.
 *
 * pmac_fdt_defaults fills in the layout OpenBIOS gives each machine (its
 * PCI BAR assignments included); the caller then sets what varies (RAM,
 * CPU, command line, initrd, CUDA or PMU) and must program the mac-io and
 * VGA BARs to the addresses in the info before entering the kernel. */
#ifndef CLARUS_PMAC_FDT_H
#define CLARUS_PMAC_FDT_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    PMAC_FDT_MAC99,   /* PowerMac3,1: Uni-North, KeyLargo mac-io, OpenPIC */
    PMAC_FDT_G3BEIGE, /* Beige G3: Grackle (MPC106), Heathrow mac-io and PIC */
} pmac_fdt_kind;

typedef enum {
    PMAC_FDT_CUDA,
    PMAC_FDT_PMU,     /* a PMU with no ADB (PowerBook style) */
    PMAC_FDT_PMU_ADB, /* a PMU with an ADB bus */
} pmac_fdt_via;

/* One entry of the PCI host's "ranges": PCI space (1 I/O, 2 32-bit
 * memory), the PCI address, the CPU address, the size. */
typedef struct pmac_fdt_range {
    uint32_t space, pci_addr, cpu_addr, size;
} pmac_fdt_range;

#define PMAC_FDT_MAX_RANGES 4

typedef struct pmac_fdt_info {
    pmac_fdt_kind kind;
    uint32_t ram_size; /* bytes, at physical 0 */

    uint32_t cpu_pvr;
    const char *cpu_name; /* "PowerPC,G4", "PowerPC,750" */
    uint32_t clock_hz, timebase_hz, bus_hz;

    /* PCI host bridge: the node's reg (Uni-North: the bridge's 32 MB at
     * 0xf2000000; Grackle: 0x80000000) and ranges. Config-space registers
     * are found by Linux from the compatible (uni-north: reg + 0x800000 /
     * + 0xc00000; grackle: the fixed 0xfec00000/0xfee00000). */
    uint32_t pci_reg_base, pci_reg_size;
    pmac_fdt_range pci_ranges[PMAC_FDT_MAX_RANGES];
    unsigned npci_ranges;
    uint32_t uni_n_base; /* mac99: the Uni-North memory controller node */

    /* mac-io on the main PCI bus: its devfn, BAR0 (512 KB) */
    uint8_t macio_devfn;
    uint32_t macio_bar;

    /* The std VGA: devfn, BAR0 (framebuffer, 16 MB), BAR2 (MMIO, 4 KB),
     * and the mode the caller programs (VBE) for offb. */
    uint8_t vga_devfn;
    uint32_t vga_fb_addr, vga_fb_size, vga_mmio_addr;
    uint32_t width, height, depth; /* linebytes = width * depth / 8 */
    bool display_is_stdout;        /* else the console is ESCC channel A */

    /* Interrupt inputs: OpenPIC sources on mac99, Heathrow PIC bits on
     * g3beige. */
    uint32_t irq_escc_a, irq_escc_b;
    uint32_t irq_escc_a_dma[2], irq_escc_b_dma[2]; /* tx, rx DBDMA (mac99) */
    uint32_t irq_via;
    uint32_t irq_ata[2], irq_ata_dma[2];
    uint32_t irq_macio;     /* mac99: mac-io's own "interrupts" */
    uint32_t irq_pci_inta;  /* mac99: the interrupt-map entry for mac-io's INTA# */
    uint32_t openpic_clock; /* mac99: the OpenPIC timer clock */
    pmac_fdt_via via;
    uint32_t nvram_addr, nvram_size; /* mac99: CPU address; g3beige: mac-io offset */

    /* /chosen */
    const char *cmdline;               /* NULL: none */
    uint32_t initrd_start, initrd_end; /* physical; equal: no initrd */
} pmac_fdt_info;

/* The layout OpenBIOS gives the machine (as seen by its guests on Clarus
 * and QEMU): PCI ranges, BAR addresses, devfns, interrupt numbers, CPU and
 * clocks of the model's default, an 800x600x32 display, CUDA, 128 MB, no
 * command line. */
void pmac_fdt_defaults(pmac_fdt_info *info, pmac_fdt_kind kind);

/* Builds the DTB (g_free it) for info; *len its size. NULL with *err set
 * on an impossible info (a cpu_name missing, a bad range count). */
uint8_t *pmac_fdt_build(const pmac_fdt_info *info, size_t *len, GError **err);

/* The path of the ESCC channel A node in the tree built for info
 * (linux,stdout-path); the caller g_frees it. */
char *pmac_fdt_escc_a_path(const pmac_fdt_info *info);

#endif
