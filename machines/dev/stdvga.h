/* QEMU "standard VGA" PCI display (PCI 1234:1111) with the Bochs VBE
 * "DISPI" extension, as OpenBIOS drives it on QEMU's Power Macs.
 *
 * Followed: QEMU's docs/specs/standard-vga.rst (PCI regions, the MMIO BAR
 * layout, the QEMU extended registers), the Bochs VBE interface as its
 * vbe.h describes it (DISPI index/data ports 0x1ce/0x1d0, registers 0-9
 * and VIDEO_MEMORY_64K, IDs 0xB0C0-0xB0C5, the ENABLE bits), and IBM's VGA
 * Technical Reference for the legacy registers (attribute controller,
 * sequencer, DAC, graphics controller, CRTC, input status).
 *
 * The PCI function:
 *   BAR0  VRAM, prefetchable memory, plain host memory (vram_bytes,
 *         a power of two; 16 MiB is QEMU's default)
 *   BAR2  4 KiB MMIO: 0x000 EDID (reads zero here), 0x400-0x41f the VGA
 *         ports 0x3c0-0x3df, 0x500 + index * 2 the DISPI registers (16-bit
 *         little-endian), 0x600 the QEMU extended registers (32-bit LE:
 *         0x600 size of the extended block, 0x604 framebuffer endianness,
 *         0xbebebebe big / 0x1e1e1e1e little).
 * The legacy ports are not a BAR: the machine maps the two windows below
 * where PCI I/O space ports 0x3c0 and 0x1ce appear to the CPU.
 *
 * Framebuffer byte order: on a big-endian target QEMU's VGA interprets
 * 15/16/24/32 bpp pixels as big-endian (32 bpp = bytes x,R,G,B in memory,
 * 16 bpp = a big-endian 5:6:5 halfword), which is what OpenBIOS and Linux
 * offb on a Power Mac write. That is the default here too; the guest can
 * switch to the Bochs/PC little-endian layout (32 bpp = B,G,R,x) through
 * extended register 0x604, and the machine with stdvga_set_big_endian().
 * 8 bpp is one byte per pixel and has no byte order.
 */
#ifndef CLARUS_STDVGA_H
#define CLARUS_STDVGA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"
#include "machines/pci.h"

typedef struct stdvga stdvga;

/* vram_bytes: 0 means 16 MiB; otherwise rounded up to a power of two
 * between 1 MiB and 256 MiB. Returns NULL if the VRAM cannot be allocated.
 * The caller attaches stdvga_pci() to its bus and maps the two port
 * windows; device_destroy(stdvga_device()) frees everything. */
stdvga *stdvga_create(const device_env *env, const char *id, uint32_t vram_bytes);

pci_device *stdvga_pci(stdvga *v);
device *stdvga_device(stdvga *v);

/* Legacy VGA ports 0x3c0..0x3df (offset 0 = port 0x3c0), size 0x20.
 * Wider accesses are split into byte accesses in address order (the
 * lowest port first, so an index/data pair is written by one halfword). */
const device_mmio *stdvga_vga_ports_mmio(stdvga *v);
/* Bochs VBE ports 0x1ce..0x1d1 (offset 0 = port 0x1ce), size 4: index at
 * 0x1ce and data at 0x1d0, both 16-bit little-endian; a byte access
 * reaches the low (even port) or high (odd port) byte of the register. */
const device_mmio *stdvga_vbe_ports_mmio(stdvga *v);

uint8_t *stdvga_vram(stdvga *v);
uint32_t stdvga_vram_size(stdvga *v);

/* Framebuffer byte order for 15-32 bpp (see above); true at power-on. */
void stdvga_set_big_endian(stdvga *v, bool big);

/* The visible picture's size; 0 x 0 when nothing renders (VBE off). */
void stdvga_size(stdvga *v, unsigned *w, unsigned *h);

/* Renders the visible picture of a DISPI linear mode (8, 15, 16, 24 or
 * 32 bpp) as 0x00RRGGBB pixels, row stride *w, clipped to max_w x max_h.
 * Returns false (and *w = *h = 0) when the VBE extension is disabled or
 * in its 4 bpp planar mode: legacy VGA text and planar modes are not
 * rendered. */
bool stdvga_render(stdvga *v, uint32_t *out, unsigned max_w, unsigned max_h, unsigned *w,
                   unsigned *h);

/* Bumped whenever the mode, the offsets or the palette change. Writes to
 * VRAM go straight to host memory through BAR0 and are NOT counted: a
 * front end must redraw periodically. */
uint32_t stdvga_generation(stdvga *v);

#endif
