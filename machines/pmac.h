/* The PCI Power Macs that boot OpenBIOS: a machine family described by
 * device tables (machines/mac99.c, machines/g3beige.c) and built here.
 *
 * Both models present the hardware QEMU's machines of the same names
 * present, because OpenBIOS expects exactly that: QEMU's firmware
 * configuration device (fw_cfg), its std VGA with the Bochs VBE interface,
 * and the mac-io cells at their Apple offsets. The layout is taken from
 * QEMU's `info mtree`/`info qtree` of these machines
 * (../shared/guests/qemu-machine-info) and Apple's device trees.
 */
#ifndef CLARUS_PMAC_H
#define CLARUS_PMAC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/ppc/ppc.h"
#include "machine.h"

typedef enum {
    PMAC_FW_CFG,       /* base: selector register (data register at base + 2) */
    PMAC_UNIN_PCI,     /* base: conf-idx (conf-data at +0x400000); arg: PCI I/O window */
    PMAC_UNIN_REGS,    /* base: Uni-North memory-controller registers */
    PMAC_GRACKLE,      /* base: CONFIG_ADDR (CONFIG_DATA at +0x200000); arg: PCI I/O window */
    PMAC_NVRAM,        /* base: CPU address or mac-io offset; arg: address shift */
    PMAC_MACIO,        /* base: PCI devfn on the main bus */
    PMAC_OPENPIC,      /* base: mac-io offset */
    PMAC_HEATHROW_PIC, /* base: mac-io offset */
    PMAC_DBDMA,        /* base: mac-io offset */
    PMAC_ESCC,         /* base: mac-io offset of the escc window (legacy at base - 0x1000);
                          irq: channel A, channel B */
    PMAC_CUDA,         /* base: mac-io offset */
    PMAC_ATA,          /* base: mac-io offset; irq: the channel, its DMA; arg: DBDMA channel
                          (0x100 bytes each from mac-io +0x8000: 0x0b is +0x8b00) */
    PMAC_VGA,          /* base: PCI devfn on the main bus */
} pmac_dev_type;

typedef struct pmac_dev {
    pmac_dev_type type;
    const char *id;
    bool in_macio; /* base is an offset inside mac-io's BAR0 */
    uint32_t base;
    int irq[2]; /* inputs on the machine's interrupt controller; -1 = none */
    uint32_t arg;
    unsigned variant; /* PMAC_UNIN_PCI: 0 PCI, 1 AGP, 2 internal */
} pmac_dev;

typedef struct pmac_model {
    ppc_model cpu;
    uint32_t pvr_750;  /* PVR when the CPU is a 750 */
    uint32_t pvr_7400; /* PVR when the CPU is a 7400 */
    uint64_t core_hz;  /* CPU clock */
    uint32_t tb_divisor;
    uint32_t bus_hz;
    uint32_t fw_clock_hz;  /* the CPU clock the firmware is told (0: core_hz) */
    uint16_t machine_id;   /* fw_cfg FW_CFG_MACHINE_ID as OpenBIOS knows it */
    bool keylargo;         /* OpenPIC interrupt controller (else Heathrow's) */
    uint32_t nvram_addr;   /* fw_cfg NVRAM_ADDR (0: not given) */
    unsigned pci_irq_base; /* controller input of PCI INTA# on slot 0 (rotating per slot) */
    unsigned ram_default_mb, ram_max_mb;
    const pmac_dev *devices;
    size_t ndevices;
} pmac_model;

extern const machine_desc pmac_mac99_desc;
extern const machine_desc pmac_g3beige_desc;

machine *pmac_create(const machine_desc *d, const clarus_config *cfg, GError **err);

/* The ADB bus behind the machine's CUDA or PMU (NULL for a PMU without
 * ADB): what tests look at after driving the session's input calls. */
typedef struct adb_bus adb_bus;
adb_bus *pmac_adb_bus(machine *m);

/* The ATA channel whose unit 0 is the CD-ROM drive (NULL when the machine
 * has none): tests drive its registers after a session's media change. */
typedef struct macio_ata macio_ata;
macio_ata *pmac_cd_channel(machine *m);

/* Formats a Mac NVRAM image as QEMU does for OpenBIOS: the first half an
 * Open Firmware "system" partition holding `env` (NAME=VALUE strings) and
 * a free partition, the second half Mac OS X's partition. CHRP partition
 * headers per the CHRP System Binding's NVRAM chapter. False if the
 * settings do not fit. */
bool pmac_nvram_format(uint8_t *nv, size_t len, const char *const *env);

#endif
