/* QEMU standard VGA with the Bochs VBE (DISPI) extension.
 *
 * Sources: QEMU docs/specs/standard-vga.rst (PCI layout, MMIO BAR, QEMU
 * extended registers), the Bochs VBE "DISPI" interface (vbe.h of the Bochs
 * VGA BIOS: register numbers, IDs, ENABLE bits, the GETCAPS read-back), the
 * IBM VGA Technical Reference (legacy register set, DAC, input status 1,
 * the 640x480 timing) and OpenBIOS drivers/vga_vbe.c + drivers/vga.fs (the
 * client: it writes ENABLE=0, X/Y offset 0, XRES, YRES, BPP, ENABLE=1 via
 * little-endian halfword writes to 0x1ce/0x1d0, toggles attribute
 * controller blanking through 0x3c0 and loads the 8 bpp palette through
 * 0x3c8/0x3c9 with 6-bit values).
 */
#include "machines/dev/stdvga.h"

#include <glib.h>
#include <string.h>

#include "core/bits.h"

/* ---- Bochs DISPI ---- */
enum {
    VBE_ID = 0,
    VBE_XRES = 1,
    VBE_YRES = 2,
    VBE_BPP = 3,
    VBE_ENABLE = 4,
    VBE_BANK = 5,
    VBE_VIRT_WIDTH = 6,
    VBE_VIRT_HEIGHT = 7,
    VBE_X_OFFSET = 8,
    VBE_Y_OFFSET = 9,
    VBE_VIDEO_MEMORY_64K = 10,
    VBE_NREGS = 10, /* 0..9 are stored; 10 is computed */
};

#define VBE_ID0     0xb0c0
#define VBE_ID5     0xb0c5
#define VBE_ENABLED 0x01
#define VBE_GETCAPS 0x02
#define VBE_8BITDAC 0x20
#define VBE_LFB     0x40
#define VBE_NOCLEAR 0x80

/* The limits GETCAPS reports (the same as QEMU's, so guests probing them
 * see the same card). */
#define VBE_MAX_XRES 16000
#define VBE_MAX_YRES 12000
#define VBE_MAX_BPP  32

/* BAR2 layout (standard-vga.rst "MMIO area spec"). */
#define MMIO_BAR_SIZE   0x1000
#define MMIO_VGA_BASE   0x400
#define MMIO_VGA_SIZE   0x20
#define MMIO_DISPI_BASE 0x500
#define MMIO_DISPI_SIZE 0x16
#define MMIO_QEXT_BASE  0x600
#define MMIO_QEXT_SIZE  0x8
#define QEXT_BIG        0xbebebebeu
#define QEXT_LITTLE     0x1e1e1e1eu

#define STDVGA_STATE_VERSION 1

/* Standard 640x480 60 Hz VGA timing (IBM VGA Technical Reference): 25.175
 * MHz dot clock, 800 dots a line of which 640 are shown, 525 lines of
 * which 480 are shown, vertical sync on lines 490-491. Input status 1 is
 * computed from this and sched_now(). */
#define VGA_DOT_HZ     25175000u
#define VGA_HTOTAL     800u
#define VGA_HDISP      640u
#define VGA_VTOTAL     525u
#define VGA_VDISP      480u
#define VGA_VSYNC_LO   490u
#define VGA_VSYNC_HI   492u
#define ST1_DISP_BLANK 0x01 /* not in the active display (h or v blank) */
#define ST1_VRETRACE   0x08

struct stdvga {
    pci_device pci; /* first: the device header lives in it */
    device_env env;
    uint8_t *vram;
    uint32_t vram_size;
    device_mmio vga_win, vbe_win;
    bool default_big_endian;
    bool big_endian_fb;
    uint32_t generation;

    /* Legacy VGA. */
    uint8_t misc;
    uint8_t fcr;
    uint8_t ar_index; /* bits 0-4 index, bit 5 PAS (0 = blanked) */
    bool ar_data_next;
    uint8_t ar[0x20];
    uint8_t sr_index, sr[8];
    uint8_t gr_index, gr[16];
    uint8_t cr_index, cr[256];
    uint8_t dac_mask;
    uint8_t dac_read_index, dac_write_index, dac_sub;
    uint8_t dac_state; /* what 0x3c7 reads: 0 after a write index, 3 after a read index */
    uint8_t dac_latch[3];
    uint8_t palette[256 * 3];
    uint8_t st1_toggle; /* used only without a scheduler */

    /* Bochs VBE. */
    uint16_t vbe_index;
    uint16_t vbe[VBE_NREGS];
    uint32_t line_bytes; /* derived from the registers (see vbe_fixup) */
    uint32_t start;      /* byte offset of the visible top-left pixel */
};

static void log_debug(stdvga *v, const char *fmt, uint32_t a, uint32_t b)
{
    clarus_log(v->env.log, LOG_DEBUG, "stdvga", fmt, a, b);
}

/* ==== Bochs VBE registers ==== */

static bool vbe_on(const stdvga *v)
{
    return v->vbe[VBE_ENABLE] & VBE_ENABLED;
}

static unsigned vbe_bits(uint16_t bpp)
{
    return bpp == 15 ? 16 : bpp;
}

/* The DISPI interface cannot report an error, so out-of-range values are
 * pulled to the nearest workable ones while the extension is on: a depth
 * of 4, 8, 15, 16, 24 or 32 (anything else becomes 8), a width a multiple
 * of 8, a virtual width no smaller than the width, as many lines as VRAM
 * holds, and offsets that keep the visible picture inside VRAM. The
 * virtual height reads back as the lines VRAM holds at the virtual width.
 */
static void vbe_fixup(stdvga *v)
{
    uint16_t *r = v->vbe;
    if (!vbe_on(v)) return;

    switch (r[VBE_BPP]) {
    case 4:
    case 8:
    case 15:
    case 16:
    case 24:
    case 32: break;
    default: r[VBE_BPP] = 8; break;
    }
    unsigned bits = vbe_bits(r[VBE_BPP]);

    r[VBE_XRES] &= (uint16_t)~7u;
    if (r[VBE_XRES] == 0) r[VBE_XRES] = 8;
    if (r[VBE_XRES] > VBE_MAX_XRES) r[VBE_XRES] = VBE_MAX_XRES;
    r[VBE_VIRT_WIDTH] &= (uint16_t)~7u;
    if (r[VBE_VIRT_WIDTH] > VBE_MAX_XRES) r[VBE_VIRT_WIDTH] = VBE_MAX_XRES;
    if (r[VBE_VIRT_WIDTH] < r[VBE_XRES]) r[VBE_VIRT_WIDTH] = r[VBE_XRES];

    uint32_t line = (uint32_t)r[VBE_VIRT_WIDTH] * bits / 8;
    uint32_t maxy = v->vram_size / line;
    if (maxy > 0xffff) maxy = 0xffff;
    if (r[VBE_YRES] == 0) r[VBE_YRES] = 1;
    if (r[VBE_YRES] > VBE_MAX_YRES) r[VBE_YRES] = VBE_MAX_YRES;
    if (r[VBE_YRES] > maxy) r[VBE_YRES] = (uint16_t)maxy;

    if (r[VBE_X_OFFSET] > VBE_MAX_XRES) r[VBE_X_OFFSET] = VBE_MAX_XRES;
    if (r[VBE_Y_OFFSET] > VBE_MAX_YRES) r[VBE_Y_OFFSET] = VBE_MAX_YRES;
    uint64_t size = (uint64_t)r[VBE_YRES] * line;
    uint64_t off = (uint64_t)r[VBE_X_OFFSET] * bits / 8 + (uint64_t)r[VBE_Y_OFFSET] * line;
    if (off + size > v->vram_size) {
        r[VBE_Y_OFFSET] = 0;
        off = (uint64_t)r[VBE_X_OFFSET] * bits / 8;
        if (off + size > v->vram_size) {
            r[VBE_X_OFFSET] = 0;
            off = 0;
        }
    }
    r[VBE_VIRT_HEIGHT] = (uint16_t)maxy;
    v->line_bytes = line;
    v->start = (uint32_t)off;
}

static uint16_t vbe_read(stdvga *v)
{
    unsigned i = v->vbe_index;
    if (i == VBE_VIDEO_MEMORY_64K) return (uint16_t)(v->vram_size >> 16);
    if (i >= VBE_NREGS) return 0;
    /* With GETCAPS set, the resolution and depth registers read the
     * largest values the card accepts (how a Bochs BIOS sizes its mode
     * list); the values written stay in place underneath. */
    if (v->vbe[VBE_ENABLE] & VBE_GETCAPS) {
        if (i == VBE_XRES) return VBE_MAX_XRES;
        if (i == VBE_YRES) return VBE_MAX_YRES;
        if (i == VBE_BPP) return VBE_MAX_BPP;
    }
    return v->vbe[i];
}

static void vbe_write(stdvga *v, uint16_t val)
{
    unsigned i = v->vbe_index;
    switch (i) {
    case VBE_ID:
        /* The ID handshake: a guest writes the version it speaks and
         * reads back what the card accepted; unknown IDs are ignored. */
        if (val >= VBE_ID0 && val <= VBE_ID5) v->vbe[VBE_ID] = val;
        return;
    case VBE_XRES:
    case VBE_YRES:
    case VBE_BPP:
    case VBE_VIRT_WIDTH:
    case VBE_X_OFFSET:
    case VBE_Y_OFFSET:
        v->vbe[i] = val;
        vbe_fixup(v);
        break;
    case VBE_BANK:
        /* Selects which 64 KiB of VRAM the legacy 0xa0000 window shows;
         * stored for read-back only (there is no ISA window on a Mac). */
        v->vbe[VBE_BANK] = (uint16_t)(val & ((v->vram_size >> 16) - 1));
        return;
    case VBE_ENABLE:
        if ((val & VBE_ENABLED) && !vbe_on(v)) {
            /* Turning the extension on starts from an unscrolled picture
             * whose virtual width is the width, and clears the visible
             * part of VRAM unless NOCLEARMEM is set. */
            v->vbe[VBE_VIRT_WIDTH] = 0;
            v->vbe[VBE_X_OFFSET] = 0;
            v->vbe[VBE_Y_OFFSET] = 0;
            v->vbe[VBE_ENABLE] |= VBE_ENABLED;
            vbe_fixup(v);
            if (!(val & VBE_NOCLEAR)) {
                uint64_t n = (uint64_t)v->vbe[VBE_YRES] * v->line_bytes;
                memset(v->vram, 0, n < v->vram_size ? n : v->vram_size);
            }
        }
        v->vbe[VBE_ENABLE] = val;
        break;
    default: log_debug(v, "write to DISPI register %u = %#x ignored", i, val); return;
    }
    v->generation++;
}

/* ==== legacy VGA ports 0x3c0-0x3df ==== */

static bool crtc_port_dead(const stdvga *v, unsigned port)
{
    /* Misc output bit 0 selects the colour (0x3dx) or monochrome (0x3bx)
     * address of the CRTC and input status 1; in monochrome mode the
     * 0x3dx ports do not decode. Only 0x3dx lies in this window. */
    return port >= 0x3d0 && !(v->misc & 1);
}

static uint8_t input_status1(stdvga *v)
{
    if (!v->env.sched) {
        /* No timeline: alternate so that polling loops finish. */
        v->st1_toggle ^= ST1_DISP_BLANK | ST1_VRETRACE;
        return v->st1_toggle;
    }
    static const clock_domain dot = {VGA_DOT_HZ};
    uint64_t t = clock_ps_to_ticks(&dot, sched_now(v->env.sched)) % (VGA_HTOTAL * VGA_VTOTAL);
    unsigned line = (unsigned)(t / VGA_HTOTAL), x = (unsigned)(t % VGA_HTOTAL);
    uint8_t st = 0;
    if (x >= VGA_HDISP || line >= VGA_VDISP) st |= ST1_DISP_BLANK;
    if (line >= VGA_VSYNC_LO && line < VGA_VSYNC_HI) st |= ST1_VRETRACE;
    return st;
}

static uint8_t vga_port_read(stdvga *v, unsigned port)
{
    if (crtc_port_dead(v, port)) return 0xff;
    switch (port) {
    case 0x3c0: return v->ar_index;
    case 0x3c1: return v->ar[v->ar_index & 0x1f];
    case 0x3c2: return 0x00; /* input status 0: no interrupt pending, switches 0 */
    case 0x3c4: return v->sr_index;
    case 0x3c5: return v->sr[v->sr_index];
    case 0x3c6: return v->dac_mask;
    case 0x3c7: return v->dac_state;
    case 0x3c8: return v->dac_write_index;
    case 0x3c9: {
        uint8_t c = v->palette[v->dac_read_index * 3 + v->dac_sub];
        if (++v->dac_sub == 3) {
            v->dac_sub = 0;
            v->dac_read_index++;
        }
        return c;
    }
    case 0x3ca: return v->fcr;
    case 0x3cc: return v->misc;
    case 0x3ce: return v->gr_index;
    case 0x3cf: return v->gr[v->gr_index];
    case 0x3d4: return v->cr_index;
    case 0x3d5: return v->cr[v->cr_index];
    case 0x3da:
        /* Reading input status 1 also resets the attribute controller's
         * flip-flop to "index next". */
        v->ar_data_next = false;
        return input_status1(v);
    default: return 0xff;
    }
}

static void vga_port_write(stdvga *v, unsigned port, uint8_t val)
{
    if (crtc_port_dead(v, port)) return;
    switch (port) {
    case 0x3c0:
        /* One port for index and data, chosen by a flip-flop. The index
         * byte's bit 5 (PAS) connects the palette to the screen; 0 blanks
         * a legacy mode. DISPI modes are shown regardless (OpenBIOS
         * blanks while it switches modes and unblanks after). */
        if (!v->ar_data_next) {
            v->ar_index = val & 0x3f;
        } else {
            unsigned i = v->ar_index & 0x1f;
            if (i < 0x15) v->ar[i] = val;
        }
        v->ar_data_next = !v->ar_data_next;
        break;
    case 0x3c2: v->misc = val; break;
    case 0x3c4: v->sr_index = val & 7; break;
    case 0x3c5: v->sr[v->sr_index] = val; break;
    case 0x3c6:
        v->dac_mask = val;
        v->generation++;
        break;
    case 0x3c7:
        v->dac_read_index = val;
        v->dac_sub = 0;
        v->dac_state = 3;
        break;
    case 0x3c8:
        v->dac_write_index = val;
        v->dac_sub = 0;
        v->dac_state = 0;
        break;
    case 0x3c9:
        /* Three writes (red, green, blue) load one entry, then the index
         * advances. The DAC holds 6 bits a colour unless the DISPI
         * 8BIT_DAC bit is set. */
        v->dac_latch[v->dac_sub] = (v->vbe[VBE_ENABLE] & VBE_8BITDAC) ? val : (val & 0x3f);
        if (++v->dac_sub == 3) {
            memcpy(&v->palette[v->dac_write_index * 3], v->dac_latch, 3);
            v->dac_sub = 0;
            v->dac_write_index++;
            v->generation++;
        }
        break;
    case 0x3ce: v->gr_index = val & 0x0f; break;
    case 0x3cf: v->gr[v->gr_index] = val; break;
    case 0x3d4: v->cr_index = val; break;
    case 0x3d5:
        /* CR11 bit 7 write-protects CR0-CR7, except CR7 bit 4. */
        if ((v->cr[0x11] & 0x80) && v->cr_index <= 7) {
            if (v->cr_index == 7) v->cr[7] = (uint8_t)((v->cr[7] & ~0x10) | (val & 0x10));
            break;
        }
        v->cr[v->cr_index] = val;
        break;
    case 0x3da: v->fcr = val & 0x10; break; /* feature control (colour address) */
    default: log_debug(v, "write to VGA port %#x = %#x ignored", port, val); break;
    }
}

/* Guest-order values: byte i of an access of `size` bytes is the one at
 * the i-th lowest address, i.e. (value >> 8 * (size - 1 - i)). */
static uint8_t byte_of(uint32_t value, unsigned size, unsigned i)
{
    return (uint8_t)(value >> 8 * (size - 1 - i));
}

static uint32_t vga_ports_read(void *opaque, uint32_t off, unsigned size)
{
    stdvga *v = opaque;
    uint32_t r = 0;
    for (unsigned i = 0; i < size; i++)
        r = r << 8 | (off + i < MMIO_VGA_SIZE ? vga_port_read(v, 0x3c0 + off + i) : 0xff);
    return r;
}

static void vga_ports_write(void *opaque, uint32_t off, uint32_t value, unsigned size)
{
    stdvga *v = opaque;
    for (unsigned i = 0; i < size; i++)
        if (off + i < MMIO_VGA_SIZE) vga_port_write(v, 0x3c0 + off + i, byte_of(value, size, i));
}

/* The DAC data port (0x3c9) steps through the palette as it is read. */
static bool vga_ports_streams(void *opaque, uint32_t offset)
{
    (void)opaque;
    return offset == 0x09;
}

static const mmio_ops vga_ports_ops = {vga_ports_read, vga_ports_write, vga_ports_streams};

/* ==== Bochs VBE ports 0x1ce (index) and 0x1d0 (data) ==== */

/* A 16-bit little-endian register reached by the byte lanes of an access:
 * `lanes` bit 0 = low byte (even address), bit 1 = high byte. Full
 * halfwords act at once; a lone byte is merged into the register's
 * current value, so a byte write to the data port rewrites the register
 * with the other byte unchanged. */
typedef uint16_t (*reg16_get)(stdvga *v, unsigned reg);
typedef void (*reg16_set)(stdvga *v, unsigned reg, uint16_t val);

static uint16_t vbe_port_get(stdvga *v, unsigned reg)
{
    return reg == 0 ? v->vbe_index : vbe_read(v);
}

static void vbe_port_set(stdvga *v, unsigned reg, uint16_t val)
{
    if (reg == 0)
        v->vbe_index = val;
    else
        vbe_write(v, val);
}

static uint16_t dispi_flat_get(stdvga *v, unsigned reg)
{
    v->vbe_index = (uint16_t)reg;
    return vbe_read(v);
}

static void dispi_flat_set(stdvga *v, unsigned reg, uint16_t val)
{
    v->vbe_index = (uint16_t)reg;
    vbe_write(v, val);
}

/* Splits an access at `off` into the 16-bit registers it touches (register
 * n at offsets 2n, 2n+1), lowest address first. */
static uint32_t le16_regs_read(stdvga *v, uint32_t off, unsigned size, unsigned nregs,
                               reg16_get get)
{
    uint32_t r = 0;
    unsigned i = 0;
    while (i < size) {
        unsigned a = off + i, reg = a >> 1;
        bool whole = !(a & 1) && i + 1 < size;
        uint16_t val = reg < nregs ? get(v, reg) : 0;
        if (whole) {
            r = r << 16 | (uint32_t)(val & 0xff) << 8 | val >> 8; /* LE lanes */
            i += 2;
        } else {
            r = r << 8 | ((a & 1) ? val >> 8 : (val & 0xff));
            i++;
        }
    }
    return r;
}

static void le16_regs_write(stdvga *v, uint32_t off, uint32_t value, unsigned size, unsigned nregs,
                            reg16_get get, reg16_set set)
{
    unsigned i = 0;
    while (i < size) {
        unsigned a = off + i, reg = a >> 1;
        if (!(a & 1) && i + 1 < size) {
            uint16_t val = (uint16_t)(byte_of(value, size, i) | byte_of(value, size, i + 1) << 8);
            if (reg < nregs) set(v, reg, val);
            i += 2;
        } else {
            if (reg < nregs) {
                uint16_t cur = get(v, reg), b = byte_of(value, size, i);
                set(v, reg,
                    (a & 1) ? (uint16_t)((cur & 0x00ff) | b << 8) : (uint16_t)((cur & 0xff00) | b));
            }
            i++;
        }
    }
}

static uint32_t vbe_ports_read(void *opaque, uint32_t off, unsigned size)
{
    return le16_regs_read(opaque, off, size, 2, vbe_port_get);
}

static void vbe_ports_write(void *opaque, uint32_t off, uint32_t value, unsigned size)
{
    le16_regs_write(opaque, off, value, size, 2, vbe_port_get, vbe_port_set);
}

static const mmio_ops vbe_ports_ops = {vbe_ports_read, vbe_ports_write, NULL};

/* ==== BAR2: the MMIO window ==== */

static uint32_t qext_reg(stdvga *v, unsigned reg)
{
    if (reg == 0) return MMIO_QEXT_SIZE;
    return v->big_endian_fb ? QEXT_BIG : QEXT_LITTLE;
}

static uint32_t mmio_read(void *opaque, uint32_t off, unsigned size)
{
    stdvga *v = opaque;
    if (off >= MMIO_VGA_BASE && off + size <= MMIO_VGA_BASE + MMIO_VGA_SIZE)
        return vga_ports_read(v, off - MMIO_VGA_BASE, size);
    if (off >= MMIO_DISPI_BASE && off + size <= MMIO_DISPI_BASE + MMIO_DISPI_SIZE)
        return le16_regs_read(v, off - MMIO_DISPI_BASE, size, MMIO_DISPI_SIZE / 2, dispi_flat_get);
    if (off >= MMIO_QEXT_BASE && off + size <= MMIO_QEXT_BASE + MMIO_QEXT_SIZE) {
        /* 32-bit little-endian registers; narrower reads take their lanes. */
        uint32_t r = 0, rel = off - MMIO_QEXT_BASE;
        for (unsigned i = 0; i < size; i++) {
            unsigned a = rel + i;
            r = r << 8 | (uint8_t)(qext_reg(v, a >> 2) >> 8 * (a & 3));
        }
        return r;
    }
    return 0; /* EDID block and the unused space read zero */
}

static void mmio_write(void *opaque, uint32_t off, uint32_t value, unsigned size)
{
    stdvga *v = opaque;
    if (off >= MMIO_VGA_BASE && off + size <= MMIO_VGA_BASE + MMIO_VGA_SIZE) {
        vga_ports_write(v, off - MMIO_VGA_BASE, value, size);
    } else if (off >= MMIO_DISPI_BASE && off + size <= MMIO_DISPI_BASE + MMIO_DISPI_SIZE) {
        le16_regs_write(v, off - MMIO_DISPI_BASE, value, size, MMIO_DISPI_SIZE / 2, dispi_flat_get,
                        dispi_flat_set);
    } else if (off == MMIO_QEXT_BASE + 4 && size == 4) {
        /* The endianness register takes only its two magic values. */
        uint32_t le = __builtin_bswap32(value);
        if (le == QEXT_BIG || le == QEXT_LITTLE) {
            v->big_endian_fb = le == QEXT_BIG;
            v->generation++;
        }
    } else {
        log_debug(v, "BAR2 write at %#x size %u ignored", off, size);
    }
}

/* BAR2 mirrors the VGA ports at 0x400: the DAC data port at 0x409. */
static bool mmio_bar_streams(void *opaque, uint32_t offset)
{
    (void)opaque;
    return offset == 0x409;
}

static const mmio_ops mmio_bar_ops = {mmio_read, mmio_write, mmio_bar_streams};

/* ==== rendering ==== */

static uint32_t expand5(uint32_t c)
{
    return (c << 3 | c >> 2) & 0xff;
}

static uint32_t expand6(uint32_t c)
{
    return (c << 2 | c >> 4) & 0xff;
}

/* One row of n pixels in depth bpp (byte order `be` for 15-32 bpp). */
static void render_row(uint32_t *dst, const uint8_t *p, unsigned n, unsigned bpp, bool be,
                       const uint32_t *pal)
{
    switch (bpp) {
    case 8:
        for (unsigned x = 0; x < n; x++) dst[x] = pal[p[x]];
        break;
    case 15:
        /* x:5:5:5 in a halfword */
        for (unsigned x = 0; x < n; x++, p += 2) {
            uint32_t c = be ? load_be16(p) : load_le16(p);
            dst[x] =
                expand5(c >> 10 & 0x1f) << 16 | expand5(c >> 5 & 0x1f) << 8 | expand5(c & 0x1f);
        }
        break;
    case 16:
        /* 5:6:5 in a halfword */
        for (unsigned x = 0; x < n; x++, p += 2) {
            uint32_t c = be ? load_be16(p) : load_le16(p);
            dst[x] =
                expand5(c >> 11 & 0x1f) << 16 | expand6(c >> 5 & 0x3f) << 8 | expand5(c & 0x1f);
        }
        break;
    case 24:
        /* Little-endian: B, G, R in memory; big-endian: R, G, B. */
        for (unsigned x = 0; x < n; x++, p += 3)
            dst[x] = be ? (uint32_t)p[0] << 16 | p[1] << 8 | p[2]
                        : (uint32_t)p[2] << 16 | p[1] << 8 | p[0];
        break;
    default:
        /* 32: little-endian B, G, R, x; big-endian x, R, G, B */
        for (unsigned x = 0; x < n; x++, p += 4)
            dst[x] = (be ? load_be32(p) : load_le32(p)) & 0xffffff;
        break;
    }
}

void stdvga_size(stdvga *v, unsigned *w, unsigned *h)
{
    bool on = vbe_on(v) && v->vbe[VBE_BPP] != 4;
    *w = on ? v->vbe[VBE_XRES] : 0;
    *h = on ? v->vbe[VBE_YRES] : 0;
}

bool stdvga_render(stdvga *v, uint32_t *out, unsigned max_w, unsigned max_h, unsigned *w,
                   unsigned *h)
{
    unsigned fw, fh;
    stdvga_size(v, &fw, &fh);
    *w = *h = 0;
    if (fw == 0 || fh == 0) return false;
    fw = fw < max_w ? fw : max_w;
    fh = fh < max_h ? fh : max_h;
    *w = fw;
    *h = fh;

    unsigned bpp = v->vbe[VBE_BPP], bytes = vbe_bits(bpp) / 8;
    bool be = v->big_endian_fb;
    uint32_t pal[256];
    if (bpp == 8) {
        bool dac8 = v->vbe[VBE_ENABLE] & VBE_8BITDAC;
        for (unsigned i = 0; i < 256; i++) {
            /* The pixel mask (0x3c6) is ANDed with each pixel first. */
            const uint8_t *c = &v->palette[(i & v->dac_mask) * 3];
            uint32_t r = c[0], g = c[1], b = c[2];
            if (!dac8) {
                r = expand6(r & 0x3f);
                g = expand6(g & 0x3f);
                b = expand6(b & 0x3f);
            }
            pal[i] = r << 16 | g << 8 | b;
        }
    }

    for (unsigned y = 0; y < fh; y++) {
        uint32_t *dst = out + (size_t)y * fw;
        uint64_t row = (uint64_t)v->start + (uint64_t)y * v->line_bytes;
        /* Pixels past the end of VRAM (only reachable with a picture the
         * fix-ups let through at the very end) show black. */
        uint64_t room = row < v->vram_size ? (v->vram_size - row) / bytes : 0;
        unsigned n = room < fw ? (unsigned)room : fw;
        if (n) render_row(dst, v->vram + row, n, bpp, be, pal);
        for (unsigned x = n; x < fw; x++) dst[x] = 0;
    }
    return true;
}

/* ==== device plumbing ==== */

static void stdvga_reset(device *d, reset_kind k)
{
    stdvga *v = (stdvga *)d;
    v->misc = 0;
    v->fcr = 0;
    v->ar_index = 0;
    v->ar_data_next = false;
    memset(v->ar, 0, sizeof(v->ar));
    v->sr_index = v->gr_index = v->cr_index = 0;
    memset(v->sr, 0, sizeof(v->sr));
    memset(v->gr, 0, sizeof(v->gr));
    memset(v->cr, 0, sizeof(v->cr));
    v->dac_mask = 0xff;
    v->dac_read_index = v->dac_write_index = v->dac_sub = v->dac_state = 0;
    memset(v->dac_latch, 0, sizeof(v->dac_latch));
    v->st1_toggle = 0;
    v->vbe_index = 0;
    memset(v->vbe, 0, sizeof(v->vbe));
    v->vbe[VBE_ID] = VBE_ID5;
    v->line_bytes = 0;
    v->start = 0;
    v->generation++;
    if (k == RESET_POWER_ON) {
        /* Power-on: VRAM and DAC hold nothing; the framebuffer byte order
         * goes back to the platform's. A hard reset keeps all three (the
         * byte order is a property of the platform, not of a mode). */
        memset(v->palette, 0, sizeof(v->palette));
        memset(v->vram, 0, v->vram_size);
        v->big_endian_fb = v->default_big_endian;
    }
}

static void stdvga_save(const device *d, st_writer *w)
{
    const stdvga *v = (const stdvga *)d;
    st_put_u32(w, v->vram_size);
    st_put_bool(w, v->big_endian_fb);
    st_put_u8(w, v->misc);
    st_put_u8(w, v->fcr);
    st_put_u8(w, v->ar_index);
    st_put_bool(w, v->ar_data_next);
    st_put_bytes(w, v->ar, sizeof(v->ar));
    st_put_u8(w, v->sr_index);
    st_put_bytes(w, v->sr, sizeof(v->sr));
    st_put_u8(w, v->gr_index);
    st_put_bytes(w, v->gr, sizeof(v->gr));
    st_put_u8(w, v->cr_index);
    st_put_bytes(w, v->cr, sizeof(v->cr));
    st_put_u8(w, v->dac_mask);
    st_put_u8(w, v->dac_read_index);
    st_put_u8(w, v->dac_write_index);
    st_put_u8(w, v->dac_sub);
    st_put_u8(w, v->dac_state);
    st_put_bytes(w, v->dac_latch, sizeof(v->dac_latch));
    st_put_bytes(w, v->palette, sizeof(v->palette));
    st_put_u16(w, v->vbe_index);
    for (unsigned i = 0; i < VBE_NREGS; i++) st_put_u16(w, v->vbe[i]);
    st_put_bytes(w, v->vram, v->vram_size);
}

static bool stdvga_load(device *d, st_reader *r, uint16_t version)
{
    stdvga *v = (stdvga *)d;
    if (version == 0 || version > STDVGA_STATE_VERSION) return false;
    if (st_get_u32(r) != v->vram_size) return false; /* a different card */
    v->big_endian_fb = st_get_bool(r);
    v->misc = st_get_u8(r);
    v->fcr = st_get_u8(r);
    v->ar_index = st_get_u8(r);
    v->ar_data_next = st_get_bool(r);
    st_get_bytes(r, v->ar, sizeof(v->ar));
    v->sr_index = st_get_u8(r) & 7;
    st_get_bytes(r, v->sr, sizeof(v->sr));
    v->gr_index = st_get_u8(r) & 0x0f;
    st_get_bytes(r, v->gr, sizeof(v->gr));
    v->cr_index = st_get_u8(r);
    st_get_bytes(r, v->cr, sizeof(v->cr));
    v->dac_mask = st_get_u8(r);
    v->dac_read_index = st_get_u8(r);
    v->dac_write_index = st_get_u8(r);
    v->dac_sub = st_get_u8(r) % 3;
    v->dac_state = st_get_u8(r);
    st_get_bytes(r, v->dac_latch, sizeof(v->dac_latch));
    st_get_bytes(r, v->palette, sizeof(v->palette));
    v->vbe_index = st_get_u16(r);
    for (unsigned i = 0; i < VBE_NREGS; i++) v->vbe[i] = st_get_u16(r);
    st_get_bytes(r, v->vram, v->vram_size);
    /* Derived state: recomputed, and the registers re-validated so a
     * crafted state cannot point rendering outside VRAM. */
    v->line_bytes = 0;
    v->start = 0;
    vbe_fixup(v);
    v->generation++;
    return st_chunk_ok(r);
}

static void stdvga_destroy(device *d)
{
    stdvga *v = (stdvga *)d;
    g_free(v->vram);
    g_free(v);
}

static const device_class stdvga_class = {
    .type = "stdvga",
    .desc = "QEMU standard VGA (PCI 1234:1111) with the Bochs VBE extension",
    .reset = stdvga_reset,
    .save = stdvga_save,
    .load = stdvga_load,
    .state_version = STDVGA_STATE_VERSION,
    .destroy = stdvga_destroy,
};

stdvga *stdvga_create(const device_env *env, const char *id, uint32_t vram_bytes)
{
    if (!env) return NULL;
    uint32_t size = vram_bytes ? vram_bytes : 16 * MiB;
    if (size < 1 * MiB) size = 1 * MiB;
    if (size > 256 * MiB) size = 256 * MiB;
    if (size & (size - 1)) size = 1u << (32 - __builtin_clz(size));
    if (vram_bytes && size != vram_bytes)
        clarus_log(env->log, LOG_WARN, "stdvga", "%s: VRAM size %u rounded to %u bytes",
                   id ? id : "stdvga", vram_bytes, size);

    stdvga *v = g_try_new0(stdvga, 1);
    if (!v) return NULL;
    v->vram = g_try_malloc0(size);
    if (!v->vram) {
        g_free(v);
        return NULL;
    }
    v->vram_size = size;
    v->env = *env;
    v->default_big_endian = true;
    v->big_endian_fb = true;

    pci_device *p = &v->pci;
    /* Class 0x030000: VGA-compatible display. Revision 2 announces the
     * QEMU extended registers at BAR2 + 0x600 (standard-vga.rst). */
    pci_device_init(p, 0x1234, 0x1111, 0x030000, 2);
    p->dev.cls = &stdvga_class;
    p->dev.id = id;
    /* QEMU's subsystem IDs for its own devices (Red Hat, QEMU). */
    store_le16(&p->config[PCI_SUBSYS_VENDOR], 0x1af4);
    store_le16(&p->config[PCI_SUBSYS_ID], 0x1100);
    /* VGA has no interrupt. */
    p->config[PCI_INT_PIN] = 0;

    pci_device_set_bar(p, 0, size, false, NULL, NULL, v->vram);
    p->bar[0].prefetch = true;
    p->config[PCI_BAR0] |= 0x08;
    pci_device_set_bar(p, 2, MMIO_BAR_SIZE, false, &mmio_bar_ops, v, NULL);

    v->vga_win = (device_mmio){&vga_ports_ops, v, MMIO_VGA_SIZE};
    v->vbe_win = (device_mmio){&vbe_ports_ops, v, 4};
    stdvga_reset(&p->dev, RESET_POWER_ON);
    return v;
}

pci_device *stdvga_pci(stdvga *v)
{
    return &v->pci;
}

device *stdvga_device(stdvga *v)
{
    return &v->pci.dev;
}

const device_mmio *stdvga_vga_ports_mmio(stdvga *v)
{
    return &v->vga_win;
}

const device_mmio *stdvga_vbe_ports_mmio(stdvga *v)
{
    return &v->vbe_win;
}

uint8_t *stdvga_vram(stdvga *v)
{
    return v->vram;
}

uint32_t stdvga_vram_size(stdvga *v)
{
    return v->vram_size;
}

void stdvga_set_big_endian(stdvga *v, bool big)
{
    v->default_big_endian = big;
    v->big_endian_fb = big;
    v->generation++;
}

uint32_t stdvga_generation(stdvga *v)
{
    return v->generation;
}
