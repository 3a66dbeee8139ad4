/* QEMU's firmware configuration device ("fw_cfg_mem", the PowerPC
 * flavour), which OpenBIOS reads for the machine's parameters (QEMU
 * docs/specs/fw_cfg.rst).
 *
 * Two windows: a 16-bit big-endian selector (2 bytes, mac machines put it
 * at 0xf0000510) and an 8-bit data register (1 byte, at 0xf0000512).
 * Writing the selector chooses an item and rewinds it; each data read
 * returns the item's next byte, 0 past its end or for an unknown item.
 * Data writes are ignored; no DMA interface (FW_CFG_ID reads 1: the
 * traditional interface only).
 *
 * Built-in items: FW_CFG_SIGNATURE ("QEMU") and FW_CFG_ID. The machine
 * adds the rest. Integers are stored little-endian, as QEMU does;
 * FW_CFG_FILE_DIR is built from fw_cfg_add_file (big-endian count, then
 * per file {be32 size, be16 select, be16 reserved, char name[56]}).
 */
#ifndef CLARUS_FW_CFG_H
#define CLARUS_FW_CFG_H

#include <stddef.h>
#include <stdint.h>

#include "core/device.h"

/* Selector keys (QEMU include/standard-headers/linux/qemu_fw_cfg.h,
 * include/hw/nvram/fw_cfg_keys.h). */
#define FW_CFG_SIGNATURE      0x00
#define FW_CFG_ID             0x01
#define FW_CFG_UUID           0x02
#define FW_CFG_RAM_SIZE       0x03
#define FW_CFG_NOGRAPHIC      0x04
#define FW_CFG_NB_CPUS        0x05
#define FW_CFG_MACHINE_ID     0x06
#define FW_CFG_KERNEL_ADDR    0x07
#define FW_CFG_KERNEL_SIZE    0x08
#define FW_CFG_KERNEL_CMDLINE 0x09
#define FW_CFG_INITRD_ADDR    0x0a
#define FW_CFG_INITRD_SIZE    0x0b
#define FW_CFG_BOOT_DEVICE    0x0c
#define FW_CFG_NUMA           0x0d
#define FW_CFG_BOOT_MENU      0x0e
#define FW_CFG_MAX_CPUS       0x0f
#define FW_CFG_KERNEL_ENTRY   0x10
#define FW_CFG_KERNEL_DATA    0x11
#define FW_CFG_INITRD_DATA    0x12
#define FW_CFG_CMDLINE_ADDR   0x13
#define FW_CFG_CMDLINE_SIZE   0x14
#define FW_CFG_CMDLINE_DATA   0x15
#define FW_CFG_SETUP_ADDR     0x16
#define FW_CFG_SETUP_SIZE     0x17
#define FW_CFG_SETUP_DATA     0x18
#define FW_CFG_FILE_DIR       0x19
#define FW_CFG_FILE_FIRST     0x20
#define FW_CFG_WRITE_CHANNEL  0x4000
#define FW_CFG_ARCH_LOCAL     0x8000
#define FW_CFG_INVALID        0xffff

/* FW_CFG_ID feature bits. */
#define FW_CFG_VERSION     0x01 /* traditional selector/data interface */
#define FW_CFG_VERSION_DMA 0x02 /* not provided */

/* PowerPC machine keys (QEMU include/hw/ppc/ppc.h). */
#define FW_CFG_PPC_WIDTH      (FW_CFG_ARCH_LOCAL + 0x00)
#define FW_CFG_PPC_HEIGHT     (FW_CFG_ARCH_LOCAL + 0x01)
#define FW_CFG_PPC_DEPTH      (FW_CFG_ARCH_LOCAL + 0x02)
#define FW_CFG_PPC_TBFREQ     (FW_CFG_ARCH_LOCAL + 0x03)
#define FW_CFG_PPC_CLOCKFREQ  (FW_CFG_ARCH_LOCAL + 0x04)
#define FW_CFG_PPC_IS_KVM     (FW_CFG_ARCH_LOCAL + 0x05)
#define FW_CFG_PPC_KVM_HC     (FW_CFG_ARCH_LOCAL + 0x06)
#define FW_CFG_PPC_KVM_PID    (FW_CFG_ARCH_LOCAL + 0x07)
#define FW_CFG_PPC_NVRAM_ADDR (FW_CFG_ARCH_LOCAL + 0x08)
#define FW_CFG_PPC_BUSFREQ    (FW_CFG_ARCH_LOCAL + 0x09)
#define FW_CFG_PPC_NVRAM_FLAT (FW_CFG_ARCH_LOCAL + 0x0a)
#define FW_CFG_PPC_VIACONFIG  (FW_CFG_ARCH_LOCAL + 0x0b)

#define FW_CFG_MAX_FILE_PATH 56
#define FW_CFG_CTL_SIZE      2
#define FW_CFG_DATA_SIZE     1

typedef struct fw_cfg fw_cfg;

fw_cfg *fw_cfg_create(const device_env *env, const char *id);
device *fw_cfg_device(fw_cfg *f);
const device_mmio *fw_cfg_ctl_mmio(fw_cfg *f);  /* 2 bytes */
const device_mmio *fw_cfg_data_mmio(fw_cfg *f); /* 1 byte */

/* Items, replacing any earlier item with the same key. Keys are taken
 * modulo FW_CFG_WRITE_CHANNEL (bit 14 is ignored, as in QEMU). The data
 * is copied. */
void fw_cfg_add_bytes(fw_cfg *f, uint16_t key, const void *data, size_t len);
void fw_cfg_add_i16(fw_cfg *f, uint16_t key, uint16_t value); /* little-endian */
void fw_cfg_add_i32(fw_cfg *f, uint16_t key, uint32_t value);
void fw_cfg_add_i64(fw_cfg *f, uint16_t key, uint64_t value);
void fw_cfg_add_string(fw_cfg *f, uint16_t key, const char *s); /* with its NUL */
/* A named file: gets the next key from FW_CFG_FILE_FIRST and an entry in
 * FW_CFG_FILE_DIR (directory in the order files were added). A name
 * already present is replaced in place. Returns the key, or 0 if the name
 * is empty or too long (55 characters at most). */
uint16_t fw_cfg_add_file(fw_cfg *f, const char *name, const void *data, size_t len);

#endif
