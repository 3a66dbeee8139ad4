/* mac99: a Power Mac G4 (PowerMac3,1, "AGP graphics") as QEMU's machine of
 * that name presents it: Uni-North host bridges, KeyLargo mac-io on the
 * PCI bus at 0xf2000000, QEMU's std VGA and fw_cfg. Addresses from QEMU's
 * `info mtree`/`info qtree` (../shared/guests/qemu-machine-info/mac99.txt);
 * interrupt numbers are KeyLargo's OpenPIC inputs as Apple's device tree
 * for PowerMac3,1 gives them. */
#include "pmac.h"

#define MACIO(off) .in_macio = true, .base = (off)
#define NOIRQ      .irq = {-1, -1}

static const pmac_dev mac99_devices[] = {
    {PMAC_FW_CFG, "fw_cfg", .base = 0xf0000510, NOIRQ},
    {PMAC_UNIN_PCI, "unin-agp", .base = 0xf0800000, NOIRQ, .arg = 0, .variant = 1},
    {PMAC_UNIN_PCI, "unin-pci", .base = 0xf2800000, NOIRQ, .arg = 0xf2000000},
    {PMAC_UNIN_PCI, "unin-internal", .base = 0xf4800000, NOIRQ, .arg = 0, .variant = 2},
    {PMAC_UNIN_REGS, "uni-n", .base = 0xf8000000, NOIRQ},
    {PMAC_NVRAM, "nvram", .base = 0xfff04000, NOIRQ, .arg = 1},
    {PMAC_MACIO, "mac-io", .base = 0x0c << 3, NOIRQ},
    {PMAC_OPENPIC, "mpic", MACIO(0x40000), NOIRQ},
    {PMAC_DBDMA, "dbdma", MACIO(0x08000), NOIRQ},
    {PMAC_ESCC, "escc", MACIO(0x13000), .irq = {0x25, 0x24}},
    {PMAC_CUDA, "cuda", MACIO(0x16000), .irq = {0x19, -1}},
    {PMAC_ATA, "ata0", MACIO(0x20000), .irq = {0x0d, 0x02}, .arg = 0x0b},
    {PMAC_ATA, "ata1", MACIO(0x21000), .irq = {0x0e, 0x03}, .arg = 0x0d},
    {PMAC_VGA, "vga", .base = 0x0e << 3, NOIRQ},
};

static const pmac_model mac99_model = {
    .cpu = PPC_MODEL_7400,
    .pvr_750 = 0x00080301,
    .pvr_7400 = 0x000c0209,
    .core_hz = 900000000,
    .tb_divisor = 9, /* 100 MHz time base */
    .bus_hz = 100000000,
    .machine_id = 1,
    .keylargo = true,
    .nvram_addr = 0xfff04000,
    .pci_irq_base = 0x1b,
    .ram_default_mb = 128,
    .ram_max_mb = 2048,
    .devices = mac99_devices,
    .ndevices = sizeof(mac99_devices) / sizeof(mac99_devices[0]),
};

static const char *const mac99_cpus[] = {"7400", "750", NULL};

static const char *const mac99_vias[] = {"cuda", "pmu", "pmu-adb", NULL};

static const machine_prop mac99_props[] = {
    {"cpu", "CPU", MPROP_ENUM, "7400", mac99_cpus, 0, 0, "PowerPC 7400 (G4) or 750 (G3)."},
    {"ram", "Memory (MB)", MPROP_UINT, "128", NULL, 16, 2048, "Installed RAM."},
    {"firmware", "Firmware", MPROP_FILE, "/usr/share/qemu/openbios-ppc", NULL, 0, 0,
     "OpenBIOS for PowerPC (Debian package qemu-system-data)."},
    {"via", "System controller", MPROP_ENUM, "cuda", mac99_vias, 0, 0,
     "CUDA (desktop G4, ADB keyboard and mouse), PMU (PowerBook, no ADB) or PMU with ADB."},
    {"nvram", "NVRAM file", MPROP_FILE, "", NULL, 0, 0,
     "Keeps the NVRAM (Open Firmware settings) across runs; none when empty."},
    {"serial", "Serial port A", MPROP_STRING, "none", NULL, 0, 0,
     "Host side of the modem port: stdio, pty, file:PATH or none."},
};

const machine_desc pmac_mac99_desc = {
    .id = "mac99",
    .name = "Power Mac G4 (AGP graphics)",
    .description = "Power Mac G4 (PowerPC 7400, Uni-North, KeyLargo) with OpenBIOS",
    .props = mac99_props,
    .nprops = sizeof(mac99_props) / sizeof(mac99_props[0]),
    .create = pmac_create,
    .model = &mac99_model,
};
