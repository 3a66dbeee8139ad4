/* The QEMU standard VGA / Bochs VBE display: the DISPI handshake and mode
 * set as OpenBIOS performs it, the DAC, rendering in every DISPI depth and
 * both framebuffer byte orders, port byte lanes, the BAR2 mirror, input
 * status timing and save/load. The ports are mapped in a memory map the way
 * a Power Mac presents PCI I/O space, and reached with the stores a
 * PowerPC guest would use (stb, sthbrx = little-endian halfword). */
#include <glib.h>
#include <string.h>

#include "core/bits.h"
#include "core/device.h"
#include "machines/dev/stdvga.h"
#include "machines/pci.h"

#define IO_BASE 0xf2000000u /* where PCI I/O port 0 appears to the CPU */

/* machines/pci.c was not committed when this test was written: these weak
 * stand-ins do just what pci.h documents for the two calls the display
 * makes, and give way to the real functions whenever pci.c is linked. */
__attribute__((weak)) void pci_device_init(pci_device *d, uint16_t vendor, uint16_t device_id,
                                           uint32_t class_code, uint8_t revision)
{
    memset(d->config, 0, sizeof(d->config));
    memset(d->wmask, 0, sizeof(d->wmask));
    memset(d->bar, 0, sizeof(d->bar));
    store_le16(&d->config[PCI_VENDOR_ID], vendor);
    store_le16(&d->config[PCI_DEVICE_ID], device_id);
    d->config[PCI_REVISION] = revision;
    d->config[PCI_CLASS_PROG] = (uint8_t)class_code;
    store_le16(&d->config[PCI_CLASS_DEVICE], (uint16_t)(class_code >> 8));
    d->config[PCI_INT_PIN] = 1;
}

__attribute__((weak)) void pci_device_set_bar(pci_device *d, unsigned n, uint32_t size, bool io,
                                              const mmio_ops *ops, void *opaque, uint8_t *ram)
{
    d->bar[n] = (pci_bar){.size = size, .io = io, .ops = ops, .opaque = opaque, .ram = ram};
    d->bar[n].region = -1;
    d->config[PCI_BAR0 + 4 * n] = io ? 1 : 0;
}

typedef struct {
    sched s;
    mm_space *mm;
    stdvga *v;
    const mmio_ops *bar2;
    void *bar2_opaque;
} rig;

static void rig_init(rig *r, uint32_t vram)
{
    sched_init(&r->s);
    r->mm = mm_create(32);
    g_assert_nonnull(r->mm);
    device_env env = {r->mm, &r->s, NULL, NULL};
    r->v = stdvga_create(&env, "vga", vram);
    g_assert_nonnull(r->v);
    const device_mmio *w = stdvga_vga_ports_mmio(r->v);
    g_assert_cmpuint(w->size, ==, 0x20);
    g_assert_cmpint(mm_add_mmio(r->mm, "vga", IO_BASE + 0x3c0, w->size, w->ops, w->opaque), >=, 0);
    w = stdvga_vbe_ports_mmio(r->v);
    g_assert_cmpuint(w->size, ==, 4);
    g_assert_cmpint(mm_add_mmio(r->mm, "vbe", IO_BASE + 0x1ce, w->size, w->ops, w->opaque), >=, 0);
    mm_commit(r->mm);
    pci_device *p = stdvga_pci(r->v);
    r->bar2 = p->bar[2].ops;
    r->bar2_opaque = p->bar[2].opaque;
    device_reset(stdvga_device(r->v), RESET_POWER_ON);
}

static void rig_free(rig *r)
{
    device_destroy(stdvga_device(r->v));
    mm_destroy(r->mm);
}

/* PowerPC Linux/OpenBIOS-style port accessors: out_8 and out_le16 (sthbrx). */
static void outb(rig *r, unsigned port, uint8_t val)
{
    mm_write(r->mm, IO_BASE + port, val, 1);
}

static uint8_t inb(rig *r, unsigned port)
{
    return (uint8_t)mm_read(r->mm, IO_BASE + port, 1);
}

static void outw_le(rig *r, unsigned port, uint16_t val)
{
    mm_write(r->mm, IO_BASE + port, __builtin_bswap16(val), 2);
}

static uint16_t inw_le(rig *r, unsigned port)
{
    return __builtin_bswap16((uint16_t)mm_read(r->mm, IO_BASE + port, 2));
}

static void vbe_set(rig *r, uint16_t index, uint16_t val)
{
    outw_le(r, 0x1ce, index);
    outw_le(r, 0x1d0, val);
}

static uint16_t vbe_get(rig *r, uint16_t index)
{
    outw_le(r, 0x1ce, index);
    return inw_le(r, 0x1d0);
}

/* drivers/vga_vbe.c's vga_vbe_set_mode, step by step. */
static void openbios_set_mode(rig *r, unsigned w, unsigned h, unsigned depth)
{
    outb(r, 0x3c0, 0x00);
    vbe_set(r, 4, 0);
    vbe_set(r, 8, 0);
    vbe_set(r, 9, 0);
    vbe_set(r, 1, (uint16_t)w);
    vbe_set(r, 2, (uint16_t)h);
    vbe_set(r, 3, (uint16_t)depth);
    vbe_set(r, 4, 0x01);
    outb(r, 0x3c0, 0x00);
    outb(r, 0x3c0, 0x20);
}

static void set_color(rig *r, uint8_t i, uint8_t red, uint8_t green, uint8_t blue)
{
    outb(r, 0x3c8, i);
    outb(r, 0x3c9, red >> 2);
    outb(r, 0x3c9, green >> 2);
    outb(r, 0x3c9, blue >> 2);
}

static uint32_t *render(rig *r, unsigned *w, unsigned *h)
{
    static uint32_t buf[1024 * 768];
    memset(buf, 0xee, sizeof(buf));
    g_assert_true(stdvga_render(r->v, buf, 1024, 768, w, h));
    return buf;
}

static void test_id_handshake(void)
{
    rig r;
    rig_init(&r, 0);
    g_assert_cmphex(vbe_get(&r, 0), ==, 0xb0c5); /* the newest ID at reset */
    vbe_set(&r, 0, 0xb0c0);
    g_assert_cmphex(vbe_get(&r, 0), ==, 0xb0c0);
    vbe_set(&r, 0, 0xb0c2);
    g_assert_cmphex(vbe_get(&r, 0), ==, 0xb0c2);
    vbe_set(&r, 0, 0x1234); /* not a DISPI ID: ignored */
    g_assert_cmphex(vbe_get(&r, 0), ==, 0xb0c2);
    vbe_set(&r, 0, 0xb0c6);
    g_assert_cmphex(vbe_get(&r, 0), ==, 0xb0c2);
    /* the index port reads back */
    outw_le(&r, 0x1ce, 3);
    g_assert_cmphex(inw_le(&r, 0x1ce), ==, 3);
    /* VRAM in 64 KiB units, and an index past the registers reads 0 */
    g_assert_cmpuint(vbe_get(&r, 0xa), ==, 16 * MiB / (64 * KiB));
    g_assert_cmpuint(vbe_get(&r, 0xb), ==, 0);
    g_assert_cmpuint(vbe_get(&r, 0x1234), ==, 0);
    rig_free(&r);
}

static void test_getcaps(void)
{
    rig r;
    rig_init(&r, 0);
    vbe_set(&r, 1, 800);
    vbe_set(&r, 4, 0x02); /* GETCAPS */
    g_assert_cmpuint(vbe_get(&r, 1), ==, 16000);
    g_assert_cmpuint(vbe_get(&r, 2), ==, 12000);
    g_assert_cmpuint(vbe_get(&r, 3), ==, 32);
    vbe_set(&r, 4, 0);
    g_assert_cmpuint(vbe_get(&r, 1), ==, 800); /* the value written is still there */
    rig_free(&r);
}

static void test_mode_8bpp_palette(void)
{
    rig r;
    rig_init(&r, 0);
    unsigned w, h;
    g_assert_false(stdvga_render(r.v, NULL, 0, 0, &w, &h)); /* off at reset */
    uint8_t *vram = stdvga_vram(r.v);
    memset(vram, 0x55, 640 * 480); /* cleared by the mode set */

    openbios_set_mode(&r, 640, 480, 8);
    g_assert_cmpuint(vbe_get(&r, 1), ==, 640);
    g_assert_cmpuint(vbe_get(&r, 2), ==, 480);
    g_assert_cmpuint(vbe_get(&r, 3), ==, 8);
    g_assert_cmpuint(vbe_get(&r, 6), ==, 640);            /* virtual width */
    g_assert_cmpuint(vbe_get(&r, 7), ==, 16 * MiB / 640); /* lines VRAM holds */
    g_assert_cmpuint(vram[0], ==, 0);
    g_assert_cmpuint(vram[640 * 480 - 1], ==, 0);
    stdvga_size(r.v, &w, &h);
    g_assert_cmpuint(w, ==, 640);
    g_assert_cmpuint(h, ==, 480);

    uint32_t gen = stdvga_generation(r.v);
    set_color(&r, 1, 0xff, 0x00, 0x00);
    set_color(&r, 2, 0x33, 0x66, 0x99);
    set_color(&r, 255, 0xff, 0xff, 0xff);
    g_assert_cmpuint(stdvga_generation(r.v), !=, gen);
    /* DAC read-back: 6-bit values, index auto-increments across entries */
    outb(&r, 0x3c7, 1);
    g_assert_cmpuint(inb(&r, 0x3c7), ==, 3); /* DAC state: read mode */
    g_assert_cmpuint(inb(&r, 0x3c9), ==, 0x3f);
    g_assert_cmpuint(inb(&r, 0x3c9), ==, 0);
    g_assert_cmpuint(inb(&r, 0x3c9), ==, 0);
    g_assert_cmpuint(inb(&r, 0x3c9), ==, 0x33 >> 2);
    g_assert_cmpuint(inb(&r, 0x3c9), ==, 0x66 >> 2);
    g_assert_cmpuint(inb(&r, 0x3c9), ==, 0x99 >> 2);
    g_assert_cmpuint(inb(&r, 0x3c8), ==, 0); /* write index wrapped past 255 */

    vram[0] = 1;
    vram[1] = 2;
    vram[640] = 255;           /* second line */
    vram[479 * 640 + 639] = 2; /* bottom-right */
    uint32_t *px = render(&r, &w, &h);
    g_assert_cmpuint(w, ==, 640);
    g_assert_cmpuint(h, ==, 480);
    g_assert_cmphex(px[0], ==, 0xff0000);
    /* 6-bit DAC precision: 0x33 >> 2 = 0x0c reads back as 0x30, 0x66 as
     * 0x65, 0x99 as 0x9a (the top bits repeat in the low two) */
    g_assert_cmphex(px[1], ==, 0x30659a);
    g_assert_cmphex(px[2], ==, 0x000000);
    g_assert_cmphex(px[640], ==, 0xffffff);
    g_assert_cmphex(px[479 * 640 + 639], ==, 0x30659a);

    /* the pixel mask is applied to each pixel before the palette */
    outb(&r, 0x3c6, 0xfe);
    px = render(&r, &w, &h);
    g_assert_cmphex(px[0], ==, 0x000000);   /* 1 & 0xfe = 0 */
    g_assert_cmphex(px[640], ==, 0x000000); /* 255 & 0xfe = 254, never set */
    outb(&r, 0x3c6, 0xff);

    /* clipping to the caller's buffer keeps the row stride = *w */
    uint32_t small[16 * 4];
    g_assert_true(stdvga_render(r.v, small, 16, 4, &w, &h));
    g_assert_cmpuint(w, ==, 16);
    g_assert_cmpuint(h, ==, 4);
    g_assert_cmphex(small[0], ==, 0xff0000);
    g_assert_cmphex(small[16], ==, 0xffffff);
    rig_free(&r);
}

static void test_8bit_dac(void)
{
    rig r;
    rig_init(&r, 0);
    openbios_set_mode(&r, 320, 200, 8);
    vbe_set(&r, 4, 0x01 | 0x20); /* ENABLED | 8BIT_DAC: already on, no clear */
    outb(&r, 0x3c8, 7);
    outb(&r, 0x3c9, 0x81);
    outb(&r, 0x3c9, 0x42);
    outb(&r, 0x3c9, 0xfe);
    outb(&r, 0x3c7, 7);
    g_assert_cmpuint(inb(&r, 0x3c9), ==, 0x81);
    stdvga_vram(r.v)[5] = 7;
    unsigned w, h;
    uint32_t *px = render(&r, &w, &h);
    g_assert_cmpuint(w, ==, 320);
    g_assert_cmphex(px[5], ==, 0x8142fe);
    rig_free(&r);
}

static void test_direct_colour_depths(void)
{
    rig r;
    rig_init(&r, 0);
    uint8_t *vram = stdvga_vram(r.v);
    unsigned w, h;
    uint32_t *px;

    /* 32 bpp, big-endian (the default on a PowerPC platform, as QEMU):
     * a guest stw of 0x00RRGGBB is the pixel. */
    openbios_set_mode(&r, 800, 600, 32);
    g_assert_cmpuint(vbe_get(&r, 3), ==, 32);
    store_be32(vram + 0, 0x00123456);
    store_be32(vram + 4, 0xffabcdef); /* top byte ignored */
    store_be32(vram + 800 * 4, 0x00010203);
    px = render(&r, &w, &h);
    g_assert_cmpuint(w, ==, 800);
    g_assert_cmpuint(h, ==, 600);
    g_assert_cmphex(px[0], ==, 0x123456);
    g_assert_cmphex(px[1], ==, 0xabcdef);
    g_assert_cmphex(px[800], ==, 0x010203);

    /* little-endian layout (PC/Bochs): bytes B, G, R, x */
    stdvga_set_big_endian(r.v, false);
    px = render(&r, &w, &h);
    g_assert_cmphex(px[0], ==, 0x341200); /* bytes 00 12 34 56 */
    g_assert_cmphex(px[1], ==, 0xcdabff);

    /* 16 bpp 5:6:5 */
    stdvga_set_big_endian(r.v, true);
    openbios_set_mode(&r, 640, 480, 16);
    store_be16(vram + 0, 0xf800); /* red */
    store_be16(vram + 2, 0x07e0); /* green */
    store_be16(vram + 4, 0x001f); /* blue */
    store_be16(vram + 6, 0x8410); /* 10000 100000 10000 */
    px = render(&r, &w, &h);
    g_assert_cmphex(px[0], ==, 0xff0000);
    g_assert_cmphex(px[1], ==, 0x00ff00);
    g_assert_cmphex(px[2], ==, 0x0000ff);
    g_assert_cmphex(px[3], ==, 0x848284);
    stdvga_set_big_endian(r.v, false);
    px = render(&r, &w, &h);
    /* 0xf800 read little-endian is 0x00f8: g = 0b000111 -> 0x1c, b = 0x18 -> 0xc6 */
    g_assert_cmphex(px[0], ==, 0x001cc6);

    /* 15 bpp x:5:5:5 (two bytes a pixel like 16) */
    stdvga_set_big_endian(r.v, true);
    openbios_set_mode(&r, 640, 480, 15);
    g_assert_cmpuint(vbe_get(&r, 3), ==, 15);
    store_be16(vram + 0, 0x7c00);
    store_be16(vram + 2, 0x03e0);
    store_be16(vram + 4, 0x001f);
    store_be16(vram + 640 * 2, 0x4210);
    px = render(&r, &w, &h);
    g_assert_cmphex(px[0], ==, 0xff0000);
    g_assert_cmphex(px[1], ==, 0x00ff00);
    g_assert_cmphex(px[2], ==, 0x0000ff);
    g_assert_cmphex(px[640], ==, 0x848484);

    /* 24 bpp: R, G, B in memory big-endian; B, G, R little-endian */
    openbios_set_mode(&r, 640, 480, 24);
    memcpy(vram, "\x11\x22\x33\x44\x55\x66", 6);
    memcpy(vram + 640 * 3, "\xaa\xbb\xcc", 3);
    px = render(&r, &w, &h);
    g_assert_cmphex(px[0], ==, 0x112233);
    g_assert_cmphex(px[1], ==, 0x445566);
    g_assert_cmphex(px[640], ==, 0xaabbcc);
    stdvga_set_big_endian(r.v, false);
    px = render(&r, &w, &h);
    g_assert_cmphex(px[0], ==, 0x332211);
    rig_free(&r);
}

static void test_virtual_width_offsets(void)
{
    rig r;
    rig_init(&r, 0);
    uint8_t *vram = stdvga_vram(r.v);
    openbios_set_mode(&r, 640, 480, 8);
    set_color(&r, 9, 0x80, 0x40, 0x20);
    vbe_set(&r, 6, 1024); /* virtual width */
    g_assert_cmpuint(vbe_get(&r, 6), ==, 1024);
    g_assert_cmpuint(vbe_get(&r, 7), ==, 16 * MiB / 1024);
    vbe_set(&r, 8, 16);          /* x offset */
    vbe_set(&r, 9, 3);           /* y offset */
    vram[3 * 1024 + 16] = 9;     /* the new top-left */
    vram[4 * 1024 + 16 + 1] = 9; /* one line down, one right */
    unsigned w, h;
    uint32_t *px = render(&r, &w, &h);
    g_assert_cmpuint(w, ==, 640);
    g_assert_cmphex(px[0], ==, 0x824120);
    g_assert_cmphex(px[640 + 1], ==, 0x824120);
    g_assert_cmphex(px[1], ==, 0);

    /* bad depth becomes 8; widths round down to a multiple of 8; a height
     * larger than VRAM holds is cut to what fits */
    vbe_set(&r, 3, 7);
    g_assert_cmpuint(vbe_get(&r, 3), ==, 8);
    vbe_set(&r, 1, 643);
    g_assert_cmpuint(vbe_get(&r, 1), ==, 640);
    rig_free(&r);

    rig_init(&r, 1 * MiB);
    g_assert_cmpuint(stdvga_vram_size(r.v), ==, 1 * MiB);
    openbios_set_mode(&r, 1024, 2000, 32);
    g_assert_cmpuint(vbe_get(&r, 2), ==, 1 * MiB / 4096);
    /* a y offset that would show lines past VRAM is refused (falls back to 0) */
    vbe_set(&r, 3, 8);
    g_assert_cmpuint(vbe_get(&r, 7), ==, 1024);
    vbe_set(&r, 9, 900);
    g_assert_cmpuint(vbe_get(&r, 9), ==, 0);
    vbe_set(&r, 9, 700);
    g_assert_cmpuint(vbe_get(&r, 9), ==, 700);
    rig_free(&r);
}

static void test_enable_clear_and_disable(void)
{
    rig r;
    rig_init(&r, 0);
    uint8_t *vram = stdvga_vram(r.v);
    vbe_set(&r, 1, 64);
    vbe_set(&r, 2, 8);
    vbe_set(&r, 3, 8);
    memset(vram, 0xaa, 4096);
    vbe_set(&r, 4, 0x01 | 0x80); /* NOCLEARMEM */
    g_assert_cmpuint(vram[0], ==, 0xaa);
    unsigned w, h;
    stdvga_size(r.v, &w, &h);
    g_assert_cmpuint(w, ==, 64);
    g_assert_cmpuint(h, ==, 8);

    vbe_set(&r, 4, 0); /* off: nothing renders, the picture has no size */
    uint32_t buf[64 * 8];
    g_assert_false(stdvga_render(r.v, buf, 64, 8, &w, &h));
    g_assert_cmpuint(w, ==, 0);
    g_assert_cmpuint(h, ==, 0);
    stdvga_size(r.v, &w, &h);
    g_assert_cmpuint(w, ==, 0);
    g_assert_cmpuint(vbe_get(&r, 1), ==, 64); /* registers keep their values */

    vbe_set(&r, 4, 0x01); /* on again, with clearing: the visible part only */
    g_assert_cmpuint(vram[0], ==, 0);
    g_assert_cmpuint(vram[64 * 8 - 1], ==, 0);
    g_assert_cmpuint(vram[64 * 8], ==, 0xaa);
    g_assert_true(stdvga_render(r.v, buf, 64, 8, &w, &h));

    /* 4 bpp planar is accepted but not rendered */
    vbe_set(&r, 3, 4);
    g_assert_cmpuint(vbe_get(&r, 3), ==, 4);
    g_assert_false(stdvga_render(r.v, buf, 64, 8, &w, &h));
    rig_free(&r);
}

static void test_vbe_port_byte_lanes(void)
{
    rig r;
    rig_init(&r, 0);
    /* A guest sthbrx of 0x0004 to 0x1ce stores bytes 04 00: the window sees
     * the guest-order value 0x0400. */
    mm_write(r.mm, IO_BASE + 0x1ce, 0x0400, 2);
    g_assert_cmphex(inw_le(&r, 0x1ce), ==, 4);
    g_assert_cmphex(mm_read(r.mm, IO_BASE + 0x1ce, 2), ==, 0x0400);
    /* A plain big-endian sth of 0x0004 selects index 0x0400 instead. */
    mm_write(r.mm, IO_BASE + 0x1ce, 0x0004, 2);
    g_assert_cmphex(inw_le(&r, 0x1ce), ==, 0x400);

    /* Byte lanes: 0x1ce = index low, 0x1cf = index high, 0x1d0/0x1d1 = data. */
    outb(&r, 0x1ce, 0x01);
    outb(&r, 0x1cf, 0x00);
    g_assert_cmphex(inw_le(&r, 0x1ce), ==, 1);
    outb(&r, 0x1d0, 0x20); /* XRES low byte = 0x20 */
    outb(&r, 0x1d1, 0x03); /* XRES high byte: 0x320 = 800 */
    g_assert_cmpuint(vbe_get(&r, 1), ==, 800);
    g_assert_cmphex(inb(&r, 0x1d0), ==, 0x20);
    g_assert_cmphex(inb(&r, 0x1d1), ==, 0x03);

    /* One 32-bit access covers index then data (each little-endian). */
    mm_write(r.mm, IO_BASE + 0x1ce, 0x0200e001, 4); /* index 2, data 0x01e0 = 480 */
    g_assert_cmpuint(vbe_get(&r, 2), ==, 480);
    outw_le(&r, 0x1ce, 2);
    g_assert_cmphex(mm_read(r.mm, IO_BASE + 0x1ce, 4), ==, 0x0200e001);
    rig_free(&r);
}

static void test_vga_port_lanes_and_regs(void)
{
    rig r;
    rig_init(&r, 0);
    /* A halfword at an index/data pair writes the index first (lower port). */
    mm_write(r.mm, IO_BASE + 0x3c4, 0x0207, 2); /* SR2 = 7 */
    g_assert_cmpuint(inb(&r, 0x3c4), ==, 2);
    g_assert_cmpuint(inb(&r, 0x3c5), ==, 7);
    mm_write(r.mm, IO_BASE + 0x3ce, 0x0530, 2); /* GR5 = 0x30 */
    g_assert_cmphex(mm_read(r.mm, IO_BASE + 0x3ce, 2), ==, 0x0530);
    /* misc output: written at 0x3c2, read at 0x3cc */
    outb(&r, 0x3c2, 0x67);
    g_assert_cmphex(inb(&r, 0x3cc), ==, 0x67);
    /* CRTC at 0x3d4 in colour mode, with the CR0-7 write protect */
    outb(&r, 0x3d4, 0x01);
    outb(&r, 0x3d5, 0x4f);
    g_assert_cmphex(inb(&r, 0x3d5), ==, 0x4f);
    outb(&r, 0x3d4, 0x11);
    outb(&r, 0x3d5, 0x80);
    outb(&r, 0x3d4, 0x01);
    outb(&r, 0x3d5, 0x12);
    g_assert_cmphex(inb(&r, 0x3d5), ==, 0x4f);
    outb(&r, 0x3d4, 0x07);
    outb(&r, 0x3d5, 0xff);
    g_assert_cmphex(inb(&r, 0x3d5), ==, 0x10);
    /* in monochrome mode the 0x3dx ports do not decode */
    outb(&r, 0x3c2, 0x66);
    g_assert_cmphex(inb(&r, 0x3d5), ==, 0xff);
    outb(&r, 0x3c2, 0x67);

    /* attribute controller flip-flop: index, data, index...; 0x3da resets */
    (void)inb(&r, 0x3da);
    outb(&r, 0x3c0, 0x31); /* index 0x11 (overscan), PAS set */
    outb(&r, 0x3c0, 0x05);
    g_assert_cmphex(inb(&r, 0x3c0), ==, 0x31);
    g_assert_cmphex(inb(&r, 0x3c1), ==, 0x05);
    outb(&r, 0x3c0, 0x32); /* index again: flip-flop came back */
    (void)inb(&r, 0x3da);  /* reset: next write is an index */
    outb(&r, 0x3c0, 0x31);
    g_assert_cmphex(inb(&r, 0x3c0), ==, 0x31);
    rig_free(&r);
}

static void test_input_status_timing(void)
{
    rig r;
    rig_init(&r, 0);
    outb(&r, 0x3c2, 0x01); /* colour addressing */
    /* t = 0: first dot of the first visible line */
    g_assert_cmphex(inb(&r, 0x3da) & 0x09, ==, 0x00);
    /* dot 700 of line 0: horizontal blank, no vertical retrace.
     * One dot is 1e12 / 25175000 ps (39721.9...). */
    sched_run_until(&r.s, (sched_time)(700.5 * 1e12 / 25175000.0));
    g_assert_cmphex(inb(&r, 0x3da) & 0x09, ==, 0x01);
    /* line 485: vertical blank, not yet sync */
    sched_run_until(&r.s, (sched_time)((485 * 800 + 10.5) * 1e12 / 25175000.0));
    g_assert_cmphex(inb(&r, 0x3da) & 0x09, ==, 0x01);
    /* line 490: vertical retrace */
    sched_run_until(&r.s, (sched_time)((490 * 800 + 10.5) * 1e12 / 25175000.0));
    g_assert_cmphex(inb(&r, 0x3da) & 0x09, ==, 0x09);
    /* next frame, line 1 dot 5: active again */
    sched_run_until(&r.s, (sched_time)((525 * 800 + 805.5) * 1e12 / 25175000.0));
    g_assert_cmphex(inb(&r, 0x3da) & 0x09, ==, 0x00);
    rig_free(&r);
}

static void test_bar2_mirror(void)
{
    rig r;
    rig_init(&r, 0);
    pci_device *p = stdvga_pci(r.v);
    g_assert_cmpuint(p->bar[2].size, ==, 4096);
    g_assert_false(p->bar[2].io);
    g_assert_nonnull(r.bar2);
    g_assert_cmpuint(p->bar[0].size, ==, 16 * MiB);
    g_assert_true(p->bar[0].ram == stdvga_vram(r.v));
    g_assert_true(p->bar[0].prefetch);
    g_assert_cmphex(p->config[PCI_BAR0] & 0x08, ==, 0x08);
    g_assert_cmphex(load_le16(&p->config[PCI_SUBSYS_VENDOR]), ==, 0x1af4);
    g_assert_cmphex(load_le16(&p->config[PCI_SUBSYS_ID]), ==, 0x1100);

    /* DISPI flat: register n at 0x500 + 2n, 16-bit little-endian */
    r.bar2->write(r.bar2_opaque, 0x502, __builtin_bswap16(1024), 2);
    r.bar2->write(r.bar2_opaque, 0x504, __builtin_bswap16(768), 2);
    r.bar2->write(r.bar2_opaque, 0x506, __builtin_bswap16(32), 2);
    r.bar2->write(r.bar2_opaque, 0x508, __builtin_bswap16(0x41), 2); /* ENABLED|LFB */
    g_assert_cmpuint(vbe_get(&r, 1), ==, 1024);
    g_assert_cmpuint(vbe_get(&r, 2), ==, 768);
    g_assert_cmphex(vbe_get(&r, 4), ==, 0x41);
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x500, 2), ==, 0xc5b0); /* ID, LE */
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x502, 2), ==, 0x0004); /* 1024 LE */
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x503, 1), ==, 0x04);
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x514, 2), ==, 0x0001); /* 16 MiB / 64K */
    unsigned w, h;
    stdvga_size(r.v, &w, &h);
    g_assert_cmpuint(w, ==, 1024);
    g_assert_cmpuint(h, ==, 768);

    /* VGA ports at 0x400 + (port - 0x3c0): a DAC entry through one halfword
     * (index byte first) and two bytes */
    r.bar2->write(r.bar2_opaque, 0x408, 0x0a3f, 2); /* 0x3c8 = 10, 0x3c9 = R */
    r.bar2->write(r.bar2_opaque, 0x409, 0x00, 1);
    r.bar2->write(r.bar2_opaque, 0x409, 0x15, 1);
    outb(&r, 0x3c7, 10);
    g_assert_cmphex(inb(&r, 0x3c9), ==, 0x3f);
    g_assert_cmphex(inb(&r, 0x3c9), ==, 0x00);
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x409, 1), ==, 0x15);

    /* QEMU extended registers: size 8, endianness big at reset on a PowerPC */
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x600, 4), ==, 0x08000000);
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x604, 4), ==, 0xbebebebe);
    store_be32(stdvga_vram(r.v), 0x00a1b2c3);
    uint32_t *px = render(&r, &w, &h);
    g_assert_cmphex(px[0], ==, 0xa1b2c3);
    r.bar2->write(r.bar2_opaque, 0x604, 0x1e1e1e1e, 4);
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x604, 4), ==, 0x1e1e1e1e);
    px = render(&r, &w, &h);
    g_assert_cmphex(px[0], ==, 0xb2a100);               /* B, G, R, x = 00 a1 b2 c3 */
    r.bar2->write(r.bar2_opaque, 0x604, 0x12345678, 4); /* not a magic value */
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x604, 4), ==, 0x1e1e1e1e);
    /* the EDID area reads zero */
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x0, 4), ==, 0);
    rig_free(&r);
}

/* drivers/vga.fs built for QEMU: every register access goes through BAR2,
 * byte stores (c!) for the VGA ports at 0x400 + port - 0x3c0 and
 * little-endian halfword stores (le-w!) at 0x500 + index * 2. */
static void bar2_c(rig *r, unsigned port, uint8_t val)
{
    r->bar2->write(r->bar2_opaque, 0x400 + port - 0x3c0, val, 1);
}

static void bar2_le_w(rig *r, unsigned index, uint16_t val)
{
    r->bar2->write(r->bar2_opaque, 0x500 + index * 2, __builtin_bswap16(val), 2);
}

static void test_openbios_mmio_path(void)
{
    rig r;
    rig_init(&r, 0);
    uint8_t *vram = stdvga_vram(r.v);
    /* vbe-init */
    bar2_c(&r, 0x3c0, 0x00);
    bar2_le_w(&r, 4, 0);
    bar2_le_w(&r, 8, 0);
    bar2_le_w(&r, 9, 0);
    bar2_le_w(&r, 1, 1024);
    bar2_le_w(&r, 2, 768);
    bar2_le_w(&r, 3, 8);
    bar2_le_w(&r, 4, 1);
    bar2_c(&r, 0x3c0, 0x00);
    bar2_c(&r, 0x3c0, 0x20);
    /* color! ( r g b index -- ) for index 0x0f = white-ish, 0x10 = teal */
    const uint8_t cols[2][4] = {{0x0f, 0xff, 0xff, 0xff}, {0x10, 0x00, 0x80, 0x80}};
    for (unsigned i = 0; i < 2; i++) {
        bar2_c(&r, 0x3c8, cols[i][0]);
        for (unsigned c = 1; c < 4; c++) bar2_c(&r, 0x3c9, cols[i][c] >> 2);
    }
    /* the console draws into the framebuffer BAR */
    memset(vram + 1024 * 767, 0x10, 1024);
    vram[0] = 0x0f;
    unsigned w, h;
    uint32_t *px = render(&r, &w, &h);
    g_assert_cmpuint(w, ==, 1024);
    g_assert_cmpuint(h, ==, 768);
    g_assert_cmphex(px[0], ==, 0xffffff);
    g_assert_cmphex(px[1], ==, 0x000000);
    g_assert_cmphex(px[1024 * 767], ==, 0x008282);
    g_assert_cmphex(px[1024 * 768 - 1], ==, 0x008282);

    /* vbe-deinit: off, on (which clears the picture), off */
    bar2_le_w(&r, 4, 0);
    bar2_le_w(&r, 4, 1);
    bar2_le_w(&r, 4, 0);
    g_assert_cmpuint(vram[0], ==, 0);
    g_assert_cmpuint(vram[1024 * 768 - 1], ==, 0);
    g_assert_false(stdvga_render(r.v, px, 1024, 768, &w, &h));
    rig_free(&r);
}

static void test_save_load(void)
{
    rig a, b;
    rig_init(&a, 1 * MiB);
    rig_init(&b, 1 * MiB);
    openbios_set_mode(&a, 320, 240, 8);
    set_color(&a, 3, 0x40, 0x80, 0xc0);
    vbe_set(&a, 6, 512);
    stdvga_vram(a.v)[513] = 3;

    st_writer *w = st_writer_new();
    device *d = stdvga_device(a.v);
    st_begin_chunk(w, d->id, d->cls->state_version);
    d->cls->save(d, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);
    GError *err = NULL;
    st_reader *r = st_reader_new(img, len, &err);
    g_assert_no_error(err);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "vga", &ver));
    device *db = stdvga_device(b.v);
    g_assert_true(db->cls->load(db, r, ver));
    st_reader_free(r);
    g_free(img);

    unsigned w1, h1, w2, h2;
    uint32_t *p1 = g_new(uint32_t, 320 * 240), *p2 = g_new(uint32_t, 320 * 240);
    g_assert_true(stdvga_render(a.v, p1, 320, 240, &w1, &h1));
    g_assert_true(stdvga_render(b.v, p2, 320, 240, &w2, &h2));
    g_assert_cmpuint(w1, ==, w2);
    g_assert_cmpuint(h1, ==, h2);
    g_assert_cmpmem(p1, 320 * 240 * 4, p2, 320 * 240 * 4);
    g_assert_cmphex(p2[320 + 1], ==, 0x4182c3); /* line 1 at the 512-byte pitch */
    g_assert_cmpuint(vbe_get(&b, 6), ==, 512);
    g_free(p1);
    g_free(p2);

    /* a newer version is refused */
    w = st_writer_new();
    st_begin_chunk(w, "vga", 99);
    d->cls->save(d, w);
    st_end_chunk(w);
    img = st_writer_finish(w, &len);
    r = st_reader_new(img, len, &err);
    g_assert_true(st_find_chunk(r, "vga", &ver));
    g_assert_false(db->cls->load(db, r, ver));
    st_reader_free(r);
    g_free(img);
    rig_free(&a);
    rig_free(&b);
}

static void test_reset(void)
{
    rig r;
    rig_init(&r, 1 * MiB);
    openbios_set_mode(&r, 320, 200, 8);
    set_color(&r, 1, 0xff, 0xff, 0xff);
    stdvga_vram(r.v)[0] = 1;
    stdvga_set_big_endian(r.v, false);
    r.bar2->write(r.bar2_opaque, 0x604, 0xbebebebe, 4); /* guest picks big */
    device_reset(stdvga_device(r.v), RESET_HARD);
    unsigned w, h;
    stdvga_size(r.v, &w, &h);
    g_assert_cmpuint(w, ==, 0);
    g_assert_cmphex(vbe_get(&r, 0), ==, 0xb0c5);
    g_assert_cmpuint(stdvga_vram(r.v)[0], ==, 1); /* kept by a hard reset */
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x604, 4), ==, 0xbebebebe);
    device_reset(stdvga_device(r.v), RESET_POWER_ON);
    g_assert_cmpuint(stdvga_vram(r.v)[0], ==, 0);
    g_assert_cmphex(r.bar2->read(r.bar2_opaque, 0x604, 4), ==, 0x1e1e1e1e); /* platform's */
    rig_free(&r);
}

static void count_sink(void *ud, log_level level, const char *category, const char *msg)
{
    (void)category;
    (void)msg;
    if (level == LOG_WARN) ++*(int *)ud;
}

static void test_vram_size(void)
{
    sched s;
    sched_init(&s);
    int warnings = 0;
    clarus_logger log = {count_sink, &warnings, LOG_WARN};
    device_env env = {NULL, &s, &log, NULL};
    stdvga *v = stdvga_create(&env, "vga", 3 * MiB); /* not a power of two */
    g_assert_nonnull(v);
    g_assert_cmpuint(stdvga_vram_size(v), ==, 4 * MiB);
    g_assert_cmpuint(stdvga_pci(v)->bar[0].size, ==, 4 * MiB);
    g_assert_cmpint(warnings, ==, 1);
    device_destroy(stdvga_device(v));
    v = stdvga_create(&env, "vga", 0); /* QEMU's default */
    g_assert_cmpuint(stdvga_vram_size(v), ==, 16 * MiB);
    g_assert_cmpint(warnings, ==, 1);
    device_destroy(stdvga_device(v));
    g_assert_null(stdvga_create(NULL, "vga", 0));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/stdvga/id-handshake", test_id_handshake);
    g_test_add_func("/stdvga/getcaps", test_getcaps);
    g_test_add_func("/stdvga/mode-8bpp-palette", test_mode_8bpp_palette);
    g_test_add_func("/stdvga/8bit-dac", test_8bit_dac);
    g_test_add_func("/stdvga/direct-colour", test_direct_colour_depths);
    g_test_add_func("/stdvga/virtual-width-offsets", test_virtual_width_offsets);
    g_test_add_func("/stdvga/enable-clear-disable", test_enable_clear_and_disable);
    g_test_add_func("/stdvga/vbe-port-byte-lanes", test_vbe_port_byte_lanes);
    g_test_add_func("/stdvga/vga-ports", test_vga_port_lanes_and_regs);
    g_test_add_func("/stdvga/input-status-timing", test_input_status_timing);
    g_test_add_func("/stdvga/bar2-mirror", test_bar2_mirror);
    g_test_add_func("/stdvga/openbios-mmio-path", test_openbios_mmio_path);
    g_test_add_func("/stdvga/save-load", test_save_load);
    g_test_add_func("/stdvga/reset", test_reset);
    g_test_add_func("/stdvga/vram-size", test_vram_size);
    return g_test_run();
}
