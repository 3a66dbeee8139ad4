/* The Power Mac NVRAM as the mac-io chips present it (8 KiB on Heathrow
 * and Core99 machines).
 *
 * The array is byte-wide on a 32-bit bus: byte i sits at offset
 * i << it_shift of the window (mac99: CPU 0xfff04000, it_shift 1, a
 * 0x4000 window; g3beige: mac-io +0x60000, it_shift 4, a 0x20000 window).
 * Offset bits below it_shift are ignored, and wider accesses are taken
 * apart into byte accesses at consecutive addresses, assembled big-endian
 * (as QEMU's macio-nvram, which OpenBIOS was written against, does): with
 * it_shift 1 a 4-byte read at 4i returns d[2i] d[2i] d[2i+1] d[2i+1], and
 * the last byte written to a cell wins.
 *
 * Contents start zeroed; OpenBIOS formats the CHRP partitions itself.
 * nvram_load_file / nvram_save_file keep the contents in a host file.
 */
#ifndef CLARUS_NVRAM_H
#define CLARUS_NVRAM_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "core/device.h"

typedef struct nvram nvram;

/* size: bytes, a power of two (8 KiB on the Power Macs); it_shift <= 8.
 * Returns NULL on a bad argument. */
nvram *nvram_create(const device_env *env, const char *id, uint32_t size, unsigned it_shift);
const device_mmio *nvram_mmio(nvram *n); /* size << it_shift bytes */
uint8_t *nvram_data(nvram *n);           /* the `size` bytes */
uint32_t nvram_size(const nvram *n);
device *nvram_device(nvram *n);

/* Loads the contents from a file of exactly `size` bytes. On any error
 * (missing file: G_FILE_ERROR_NOENT) the contents are left unchanged. */
bool nvram_load_file(nvram *n, const char *path, GError **err);
/* Writes the contents atomically (a temporary file renamed over path). */
bool nvram_save_file(const nvram *n, const char *path, GError **err);

#endif
