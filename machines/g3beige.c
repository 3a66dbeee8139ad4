/* g3beige: a Beige Power Macintosh G3 ("Silk") as QEMU's machine of that
 * name presents it: Grackle (MPC106) host bridge, Heathrow mac-io, QEMU's
 * std VGA and fw_cfg. Addresses from QEMU's `info mtree`/`info qtree`
 * (../shared/guests/qemu-machine-info/g3beige.txt); interrupt numbers are
 * Heathrow controller inputs as Apple's device tree for the G3 gives them. */
#include "pmac.h"

#define MACIO(off) .in_macio = true, .base = (off)
#define NOIRQ      .irq = {-1, -1}

static const pmac_dev g3beige_devices[] = {
    {PMAC_FW_CFG, "fw_cfg", .base = 0xf0000510, NOIRQ},
    {PMAC_GRACKLE, "grackle", .base = 0xfec00000, NOIRQ, .arg = 0xfe000000},
    {PMAC_MACIO, "mac-io", .base = 0x10 << 3, NOIRQ},
    {PMAC_HEATHROW_PIC, "pic", MACIO(0x00000), NOIRQ},
    {PMAC_DBDMA, "dbdma", MACIO(0x08000), NOIRQ},
    {PMAC_ESCC, "escc", MACIO(0x13000), .irq = {0x0f, 0x10}},
    {PMAC_CUDA, "cuda", MACIO(0x16000), .irq = {0x12, -1}},
    {PMAC_ATA, "ata0", MACIO(0x20000), .irq = {0x0d, 0x02}, .arg = 0x0b},
    {PMAC_ATA, "ata1", MACIO(0x21000), .irq = {0x0e, 0x03}, .arg = 0x0d},
    {PMAC_NVRAM, "nvram", MACIO(0x60000), NOIRQ, .arg = 4},
    {PMAC_VGA, "vga", .base = 0x01 << 3, NOIRQ},
};

static const pmac_model g3beige_model = {
    .cpu = PPC_MODEL_750,
    .pvr_750 = 0x00080301,
    .pvr_7400 = 0,
    .core_hz = 265600000,
    .tb_divisor = 16, /* 16.6 MHz time base */
    /* What QEMU tells OpenBIOS (and the device tree then says): 266 and
     * 66 MHz; the core runs at 16 time-base ticks a clock. */
    .bus_hz = 66000000,
    .fw_clock_hz = 266000000,
    .machine_id = 2,
    .keylargo = false,
    .nvram_addr = 0,
    .pci_irq_base = 0x15,
    .ram_default_mb = 128,
    .ram_max_mb = 2048,
    .devices = g3beige_devices,
    .ndevices = sizeof(g3beige_devices) / sizeof(g3beige_devices[0]),
};

static const char *const g3beige_cpus[] = {"750", NULL};

static const machine_prop g3beige_props[] = {
    {"cpu", "CPU", MPROP_ENUM, "750", g3beige_cpus, 0, 0, "PowerPC 750 (G3)."},
    {"ram", "Memory (MB)", MPROP_UINT, "128", NULL, 16, 2048, "Installed RAM."},
    {"firmware", "Firmware", MPROP_FILE, "/usr/share/qemu/openbios-ppc", NULL, 0, 0,
     "OpenBIOS for PowerPC (Debian package qemu-system-data)."},
    {"nvram", "NVRAM file", MPROP_FILE, "", NULL, 0, 0,
     "Keeps the NVRAM (Open Firmware settings) across runs; none when empty."},
    {"serial", "Serial port A", MPROP_STRING, "none", NULL, 0, 0,
     "Host side of the modem port: stdio, pty, file:PATH or none."},
};

const machine_desc pmac_g3beige_desc = {
    .id = "g3beige",
    .name = "Power Macintosh G3 (Beige)",
    .description = "Beige Power Macintosh G3 (PowerPC 750, Grackle, Heathrow) with OpenBIOS",
    .props = g3beige_props,
    .nprops = sizeof(g3beige_props) / sizeof(g3beige_props[0]),
    .create = pmac_create,
    .model = &g3beige_model,
};
