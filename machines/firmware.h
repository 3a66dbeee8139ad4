/* Firmware images for the Power Macs: OpenBIOS's openbios-ppc is an ELF
 * executable whose segments sit in the top megabyte of the address space
 * (the 0xfff00000 boot ROM, reset vector 0xfffffffc). */
#ifndef CLARUS_FIRMWARE_H
#define CLARUS_FIRMWARE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

/* Where Debian's qemu-system-data installs OpenBIOS for PowerPC. */
#define FW_OPENBIOS_PPC_PATH "/usr/share/qemu/openbios-ppc"

/* Copies every PT_LOAD segment of the 32-bit big-endian PowerPC ELF file
 * `path` into rom[], which stands for [base, base + size). A file that is
 * not such an ELF, is truncated, or has a segment outside the ROM fails
 * with a message naming the file and the problem. */
bool fw_load_elf_rom(const char *path, uint8_t *rom, uint32_t base, uint32_t size, uint32_t *entry,
                     GError **err);

/* The same from memory (tests). */
bool fw_load_elf_rom_data(const char *name, const uint8_t *data, size_t len, uint8_t *rom,
                          uint32_t base, uint32_t size, uint32_t *entry, GError **err);

/* Loads a 32-bit big-endian PowerPC ELF kernel (vmlinux) into guest RAM
 * the way QEMU's Power Macs do for OpenBIOS: each PT_LOAD segment goes to
 * load_base + (its physical address & 0x0fffffff). *span is the size from
 * load_base to the end of the highest segment. Fails with a message for a
 * file that is not such an ELF, is truncated, or does not fit in RAM. */
bool fw_load_kernel(const char *path, uint8_t *ram, uint32_t ram_size, uint32_t load_base,
                    uint32_t *span, GError **err);

#endif
