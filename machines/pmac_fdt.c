/* The Power Macs' flattened device tree for a direct kernel boot.
 *
 * The nodes and properties are those OpenBIOS presents on these machines
 * (dumped from /proc/device-tree of a Linux guest booted through it; see
 * tests/pmac-fdt.sh), less what only an Open Firmware client uses (ihandles
 * in /chosen, the MMU's "translations", /packages, /options, /openprom).
 * Bindings: Devicetree Specification v0.4 (memory, chosen, cpus), the
 * IEEE 1275 PCI Bus Binding (reg/assigned-addresses/ranges phys.hi cells:
 * npt000ss bbbbbbbb dddddfff rrrrrrrr), the Open Firmware interrupt
 * mapping recommended practice (interrupt-map), and Apple's device trees
 * for these machines (mac-io children, AAPL,interrupts on Heathrow, the
 * OpenPIC's two-cell interrupt specifiers: source, sense). */
#include "pmac_fdt.h"

#include <string.h>

#include "fdt.h"
#include "session.h"

/* The only phandle the tree refers to: the OpenPIC (mac99). */
#define PHANDLE_MPIC 1u

/* IEEE 1275 PCI binding phys.hi: space code in bits 24-25, prefetchable
 * bit 30, device/function in bits 8-15, register in bits 0-7. */
#define PCI_SPACE_CONFIG 0x00000000u
#define PCI_SPACE_IO     0x01000000u
#define PCI_SPACE_MEM32  0x02000000u
#define PCI_PREFETCH     0x40000000u
#define PCI_BAR0         0x10u
#define PCI_BAR2         0x18u

#define MACIO_SIZE    0x00080000u
#define VGA_MMIO_SIZE 0x00001000u

void pmac_fdt_defaults(pmac_fdt_info *info, pmac_fdt_kind kind)
{
    memset(info, 0, sizeof(*info));
    info->kind = kind;
    info->ram_size = 128u << 20;
    info->width = 800;
    info->height = 600;
    info->depth = 32;
    info->via = PMAC_FDT_CUDA;
    info->vga_fb_size = 16u << 20;
    if (kind == PMAC_FDT_MAC99) {
        info->cpu_pvr = 0x000c0209;
        info->cpu_name = "PowerPC,G4";
        info->clock_hz = 900000000;
        info->timebase_hz = 100000000;
        info->bus_hz = 100000000;
        info->pci_reg_base = 0xf2000000;
        info->pci_reg_size = 0x02000000;
        info->pci_ranges[0] = (pmac_fdt_range){1, 0, 0xf2000000, 0x00800000};
        info->pci_ranges[1] = (pmac_fdt_range){2, 0x80000000, 0x80000000, 0x10000000};
        info->npci_ranges = 2;
        info->uni_n_base = 0xf8000000;
        info->macio_devfn = 0x0c << 3;
        info->macio_bar = 0x80000000;
        info->vga_devfn = 0x0e << 3;
        info->vga_fb_addr = 0x81000000;
        info->vga_mmio_addr = 0x82000000;
        /* KeyLargo's OpenPIC sources (mac99.c's table). */
        info->irq_escc_a = 0x25;
        info->irq_escc_b = 0x24;
        info->irq_escc_a_dma[0] = 4, info->irq_escc_a_dma[1] = 5;
        info->irq_escc_b_dma[0] = 6, info->irq_escc_b_dma[1] = 7;
        info->irq_via = 0x19;
        info->irq_ata[0] = 0x0d, info->irq_ata_dma[0] = 0x02;
        info->irq_ata[1] = 0x0e, info->irq_ata_dma[1] = 0x03;
        info->irq_macio = 1;
        info->irq_pci_inta = 0x1b;
        info->openpic_clock = 4166666;
        info->nvram_addr = 0xfff04000;
        info->nvram_size = 0x4000;
    } else {
        info->cpu_pvr = 0x00080301;
        info->cpu_name = "PowerPC,750";
        info->clock_hz = 266000000;
        info->timebase_hz = 16600000;
        info->bus_hz = 66000000;
        info->pci_reg_base = 0x80000000;
        info->pci_reg_size = 0x7f000000;
        info->pci_ranges[0] = (pmac_fdt_range){1, 0, 0xfe000000, 0x00800000};
        info->pci_ranges[1] = (pmac_fdt_range){2, 0, 0xfd000000, 0x01000000};
        info->pci_ranges[2] = (pmac_fdt_range){2, 0x80000000, 0x80000000, 0x10000000};
        info->npci_ranges = 3;
        info->macio_devfn = 0x10 << 3;
        info->macio_bar = 0x81080000;
        info->vga_devfn = 0x01 << 3;
        info->vga_fb_addr = 0x80000000;
        info->vga_mmio_addr = 0x81000000;
        /* Heathrow PIC inputs (g3beige.c's table). */
        info->irq_escc_a = 0x0f;
        info->irq_escc_b = 0x10;
        info->irq_via = 0x12;
        info->irq_ata[0] = 0x0d, info->irq_ata_dma[0] = 0x02;
        info->irq_ata[1] = 0x0e, info->irq_ata_dma[1] = 0x03;
        info->irq_pci_inta = 0x15;
        info->nvram_addr = 0x60000;
        info->nvram_size = 0x20000;
    }
}

/* ---- helpers ---- */

static void prop_cells2(fdt_writer *w, const char *name, uint32_t a, uint32_t b)
{
    uint32_t c[2] = {a, b};
    fdt_prop_cells(w, name, c, 2);
}

static void begin_nodef(fdt_writer *w, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void begin_nodef(fdt_writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *name = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fdt_begin_node(w, name);
    g_free(name);
}

static bool newworld(const pmac_fdt_info *in)
{
    return in->kind == PMAC_FDT_MAC99;
}

/* A device's interrupts: on mac99 OpenPIC specifiers (source, sense: 1
 * level, 0 edge) with the OpenPIC as parent; on g3beige the Heathrow
 * input numbers in AAPL,interrupts. */
static void interrupts(fdt_writer *w, const pmac_fdt_info *in, const uint32_t *spec, size_t n)
{
    if (newworld(in)) {
        fdt_prop_u32(w, "interrupt-parent", PHANDLE_MPIC);
        fdt_prop_cells(w, "interrupts", spec, n);
    } else {
        uint32_t irqs[4];
        size_t k = 0;
        for (size_t i = 0; i < n && k < 4; i += 2) irqs[k++] = spec[i];
        fdt_prop_cells(w, "AAPL,interrupts", irqs, k);
    }
}

/* The properties OpenBIOS copies from a PCI function's configuration
 * header. */
static void pci_ids(fdt_writer *w, uint32_t vendor, uint32_t device, uint32_t rev, uint32_t cls)
{
    fdt_prop_u32(w, "vendor-id", vendor);
    fdt_prop_u32(w, "device-id", device);
    fdt_prop_u32(w, "revision-id", rev);
    fdt_prop_u32(w, "class-code", cls);
    fdt_prop_u32(w, "min-grant", 0);
    fdt_prop_u32(w, "max-latency", 0);
    fdt_prop_u32(w, "devsel-speed", 0);
}

static char *macio_path(const pmac_fdt_info *in)
{
    return g_strdup_printf("/pci@%x/mac-io@%x", in->pci_reg_base, in->macio_devfn >> 3);
}

char *pmac_fdt_escc_a_path(const pmac_fdt_info *in)
{
    char *m = macio_path(in);
    char *p = g_strdup_printf("%s/escc@13000/ch-a@13020", m);
    g_free(m);
    return p;
}

/* ---- nodes ---- */

static void root_props(fdt_writer *w, const pmac_fdt_info *in)
{
    fdt_prop_u32(w, "#address-cells", 1);
    fdt_prop_u32(w, "#size-cells", 1);
    fdt_prop_u32(w, "clock-frequency", in->bus_hz);
    if (newworld(in)) {
        static const char *const compat[] = {"PowerMac3,1", "MacRISC", "MacRISC2",
                                             "Power Macintosh", NULL};
        fdt_prop_strings(w, "compatible", compat);
        fdt_prop_string(w, "device_type", "bootrom");
        fdt_prop_string(w, "model", "PowerMac3,1");
    } else {
        static const char *const compat[] = {"AAPL,PowerMac G3", "MacRISC", NULL};
        fdt_prop_u32(w, "AAPL,cpu-id", 0);
        fdt_prop_string(w, "AAPL,original-name", "device-tree");
        fdt_prop_strings(w, "compatible", compat);
        fdt_prop_string(w, "model", "Power Macintosh");
    }
    fdt_prop_string(w, "system-id", "0000000000000");
}

static void aliases(fdt_writer *w, const pmac_fdt_info *in)
{
    char *m = macio_path(in);
    const char *via = in->via == PMAC_FDT_CUDA ? "via-cuda" : "via-pmu";
    char *s;
    fdt_begin_node(w, "aliases");
    if (in->via != PMAC_FDT_PMU) {
        s = g_strdup_printf("%s/%s/adb/keyboard", m, via);
        fdt_prop_string(w, "adb-keyboard", s);
        g_free(s);
        s = g_strdup_printf("%s/%s/adb/mouse", m, via);
        fdt_prop_string(w, "adb-mouse", s);
        g_free(s);
        s = g_strdup_printf("%s/%s@16000/adb/keyboard@8", m, via);
        fdt_prop_string(w, "kbd", s);
        fdt_prop_string(w, "keyboard", s);
        g_free(s);
    }
    fdt_prop_string(w, "mac-io", m);
    if (newworld(in)) {
        s = g_strdup_printf("/nvram@%x", in->nvram_addr);
    } else {
        s = g_strdup_printf("%s/nvram@%x", m, in->nvram_addr);
    }
    fdt_prop_string(w, "nvram", s);
    g_free(s);
    s = g_strdup_printf("%s/%s/rtc", m, via);
    fdt_prop_string(w, "rtc", s);
    g_free(s);
    char *scca = g_strdup_printf("%s/escc/ch-a", m);
    char *sccb = g_strdup_printf("%s/escc/ch-b", m);
    fdt_prop_string(w, "scca", scca);
    fdt_prop_string(w, "sccb", sccb);
    fdt_prop_string(w, "screen", scca);
    if (!newworld(in)) {
        fdt_prop_string(w, "ttya", scca);
        fdt_prop_string(w, "ttyb", sccb);
    }
    g_free(scca);
    g_free(sccb);
    s = g_strdup_printf("%s/%s", m, via);
    fdt_prop_string(w, via, s);
    g_free(s);
    fdt_end_node(w);
    g_free(m);
}

static void chosen(fdt_writer *w, const pmac_fdt_info *in)
{
    fdt_begin_node(w, "chosen");
    fdt_prop_string(w, "bootargs", in->cmdline ? in->cmdline : "");
    char *out;
    if (in->display_is_stdout) {
        out = g_strdup_printf("/pci@%x/QEMU,VGA@%x", in->pci_reg_base, in->vga_devfn >> 3);
    } else {
        out = pmac_fdt_escc_a_path(in);
    }
    /* Linux's powermac code reads linux,stdout-path (udbg_scc, the
     * preferred console); the Devicetree Specification names stdout-path. */
    fdt_prop_string(w, "linux,stdout-path", out);
    fdt_prop_string(w, "stdout-path", out);
    g_free(out);
    if (in->initrd_end > in->initrd_start) {
        fdt_prop_u32(w, "linux,initrd-start", in->initrd_start);
        fdt_prop_u32(w, "linux,initrd-end", in->initrd_end);
    }
    fdt_end_node(w);
}

static void cpus(fdt_writer *w, const pmac_fdt_info *in)
{
    fdt_begin_node(w, "cpus");
    fdt_prop_u32(w, "#address-cells", 1);
    fdt_prop_u32(w, "#size-cells", 0);
    begin_nodef(w, "%s@0", in->cpu_name);
    fdt_prop_u32(w, "bus-frequency", in->bus_hz);
    fdt_prop_u32(w, "clock-frequency", in->clock_hz);
    fdt_prop_u32(w, "cpu-version", in->cpu_pvr);
    /* The 750's and 7400's L1 caches: 32 KB each, 8-way, 32-byte blocks
     * (128 sets); 128 TLB entries in 64 sets (the user's manuals' "Cache
     * and TLB organization"). */
    fdt_prop_u32(w, "d-cache-block-size", 32);
    fdt_prop_u32(w, "d-cache-sets", 128);
    fdt_prop_u32(w, "d-cache-size", 0x8000);
    fdt_prop_string(w, "device_type", "cpu");
    fdt_prop_u32(w, "i-cache-block-size", 32);
    fdt_prop_u32(w, "i-cache-sets", 128);
    fdt_prop_u32(w, "i-cache-size", 0x8000);
    fdt_prop_u32(w, "reg", 0);
    fdt_prop_u32(w, "reservation-granule-size", 32);
    fdt_prop_string(w, "state", "running");
    fdt_prop_u32(w, "timebase-frequency", in->timebase_hz);
    fdt_prop_u32(w, "tlb-sets", 64);
    fdt_prop_u32(w, "tlb-size", 128);
    fdt_end_node(w);
    fdt_end_node(w);
}

static void memory(fdt_writer *w, const pmac_fdt_info *in)
{
    fdt_begin_node(w, "memory@0");
    fdt_prop_string(w, "device_type", "memory");
    prop_cells2(w, "reg", 0, in->ram_size);
    fdt_end_node(w);
}

static void rom(fdt_writer *w)
{
    /* The boot ROM's 8 MB window, as OpenBIOS describes it. */
    fdt_begin_node(w, "rom@ff800000");
    fdt_prop_u32(w, "#address-cells", 1);
    uint32_t ranges[3] = {0xff800000, 0x00800000, 0xff800000};
    fdt_prop_cells(w, "ranges", ranges, 3);
    prop_cells2(w, "reg", 0xff800000, 0);
    fdt_end_node(w);
}

static void escc_channel(fdt_writer *w, const pmac_fdt_info *in, uint32_t base, bool legacy, bool a)
{
    /* Channel A's control register is at +2 (legacy) or +0x20 from the
     * cell; B's at +0. The reg entries: control, data, enhanced register,
     * then the channel's two DBDMA channels (tx, rx: 0x84/0x85 for A,
     * 0x86/0x87 for B, 0x100 bytes each from mac-io +0x8000). */
    uint32_t ctl = base + (a ? (legacy ? 2 : 0x20) : 0);
    uint32_t data = ctl + (legacy ? 4 : 0x10);
    uint32_t enh = legacy ? ctl + 8 : base + (a ? 0x50 : 0x40);
    uint32_t dma = a ? 0x8400 : 0x8600;
    begin_nodef(w, "ch-%c@%x", a ? 'a' : 'b', ctl);
    if (!newworld(in)) fdt_prop_u32(w, "AAPL,address", in->macio_bar + ctl);
    if (!newworld(in)) fdt_prop_u32(w, "AAPL,interrupts", a ? in->irq_escc_a : in->irq_escc_b);
    char compat[16];
    g_snprintf(compat, sizeof(compat), "chrp,es%d", (legacy ? 4 : 2) + (a ? 0 : 1));
    fdt_prop_string(w, "compatible", compat);
    fdt_prop_string(w, "device_type", "serial");
    if (newworld(in)) {
        const uint32_t *d = a ? in->irq_escc_a_dma : in->irq_escc_b_dma;
        uint32_t spec[6] = {a ? in->irq_escc_a : in->irq_escc_b, 1, d[0], 0, d[1], 0};
        fdt_prop_u32(w, "interrupt-parent", PHANDLE_MPIC);
        fdt_prop_cells(w, "interrupts", spec, 6);
    }
    uint32_t reg[10] = {ctl, 1, data, 1, enh, 1, dma, 0x100, dma + 0x100, 0x100};
    fdt_prop_cells(w, "reg", reg, 10);
    fdt_prop_u32(w, "slot-names", 0);
    fdt_end_node(w);
}

static void escc(fdt_writer *w, const pmac_fdt_info *in, bool legacy)
{
    uint32_t base = legacy ? 0x12000 : 0x13000;
    begin_nodef(w, "%s@%x", legacy ? "escc-legacy" : "escc", base);
    fdt_prop_u32(w, "#address-cells", 1);
    if (!legacy) fdt_prop_u32(w, "#size-cells", 1);
    if (legacy) {
        fdt_prop_string(w, "compatible", "chrp,es1");
    } else {
        static const char *const compat[] = {"escc", "CHRP,es0", NULL};
        fdt_prop_strings(w, "compatible", compat);
    }
    fdt_prop_string(w, "device_type", legacy ? "escc-legacy" : "escc");
    fdt_prop_empty(w, "ranges");
    prop_cells2(w, "reg", base, 0x1000);
    escc_channel(w, in, base, legacy, true);
    escc_channel(w, in, base, legacy, false);
    fdt_end_node(w);
}

static void ata(fdt_writer *w, const pmac_fdt_info *in, unsigned n)
{
    uint32_t base = 0x20000 + n * 0x1000;
    /* The channel's DBDMA channel: 0x0b / 0x0d at mac-io +0x8000. */
    uint32_t dma = n ? 0x8d00 : 0x8b00;
    begin_nodef(w, "ata-3@%x", base);
    fdt_prop_u32(w, "#address-cells", 1);
    if (newworld(in)) fdt_prop_u32(w, "#interrupt-cells", 2);
    fdt_prop_u32(w, "#size-cells", 0);
    if (!newworld(in)) prop_cells2(w, "AAPL,address", in->macio_bar + base, in->macio_bar + dma);
    fdt_prop_u32(w, "AAPL,bus-id", n);
    fdt_prop_string(w, "AAPL,connector", "ata");
    /* The PIO timings Apple's ATA-3 nodes carry: 0x526 ns cycle for mode
     * 0, 0x85 for mode 1, then 0x25. */
    static const uint32_t timing[8] = {0x526, 0x85, 0x25, 0x25, 0x25, 0, 0, 0};
    fdt_prop_cells(w, "AAPL,pio-timing", timing, 8);
    fdt_prop_string(w, "compatible", newworld(in) ? "keylargo-ata" : "heathrow-ata");
    fdt_prop_string(w, "device_type", "ata");
    uint32_t spec[4] = {in->irq_ata[n], 1, in->irq_ata_dma[n], 0};
    interrupts(w, in, spec, 4);
    fdt_prop_string(w, "model", "ata-3");
    uint32_t reg[4] = {base, 0x1000, dma, 0x200};
    fdt_prop_cells(w, "reg", reg, 4);
    fdt_end_node(w);
}

static void adb(fdt_writer *w)
{
    fdt_begin_node(w, "adb");
    fdt_prop_u32(w, "#address-cells", 1);
    fdt_prop_u32(w, "#size-cells", 0);
    fdt_prop_string(w, "compatible", "adb");
    fdt_prop_string(w, "device_type", "adb");
    fdt_begin_node(w, "keyboard@8");
    fdt_prop_string(w, "device_type", "keyboard");
    fdt_prop_u32(w, "reg", 8);
    fdt_end_node(w);
    fdt_begin_node(w, "mouse@9");
    fdt_prop_u32(w, "#buttons", 3);
    fdt_prop_string(w, "device_type", "mouse");
    fdt_prop_u32(w, "reg", 9);
    fdt_end_node(w);
    fdt_end_node(w);
}

static void via(fdt_writer *w, const pmac_fdt_info *in)
{
    bool cuda = in->via == PMAC_FDT_CUDA;
    fdt_begin_node(w, cuda ? "via-cuda@16000" : "via-pmu@16000");
    fdt_prop_u32(w, "#address-cells", 1);
    if (cuda && newworld(in)) fdt_prop_u32(w, "#interrupt-cells", 2);
    fdt_prop_u32(w, "#size-cells", 0);
    fdt_prop_string(w, "compatible", cuda ? "cuda" : "pmu");
    fdt_prop_string(w, "device_type", cuda ? "via-cuda" : "via-pmu");
    /* CUDA's line is edge triggered, the PMU's level. */
    uint32_t spec[2] = {in->irq_via, cuda ? 0 : 1};
    interrupts(w, in, spec, 2);
    if (!cuda) fdt_prop_u32(w, "pmu-version", 0x00d0330c);
    prop_cells2(w, "reg", 0x16000, 0x2000);
    if (in->via != PMAC_FDT_PMU) adb(w);
    fdt_begin_node(w, "power-mgt");
    if (cuda) {
        fdt_prop_string(w, "compatible", "cuda");
        fdt_prop_string(w, "device_type", "power-mgt");
        fdt_prop_string(w, "mgt-kind", "min-consumption-pwm-led");
    } else {
        fdt_prop_string(w, "compatible", "via-pmu-99");
        fdt_prop_string(w, "device_type", "power-mgt");
        /* Apple's PMU99 power-management parameters as OpenBIOS gives
         * them; via-pmu reads the 0xff version in the first cell. */
        static const uint8_t prim[] = {0x00, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00, 0x2c, 0x00,
                                       0x03, 0x0d, 0x40, 0x00, 0x01, 0xe7, 0x05, 0x00, 0x00,
                                       0x34, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x26,
                                       0x0d, 0x46, 0x00, 0x02, 0x78, 0x78, 0x3c, 0x00};
        fdt_prop(w, "prim-info", prim, sizeof(prim));
        fdt_prop_string(w, "registry-name", "extint-gpio1");
    }
    fdt_end_node(w);
    fdt_begin_node(w, "rtc");
    fdt_prop_string(w, "compatible", cuda ? "rtc" : "rtc,via-pmu");
    fdt_prop_string(w, "device_type", "rtc");
    fdt_end_node(w);
    fdt_end_node(w);
}

/* KeyLargo's GPIO cell, present with the PMU: its external interrupt 1
 * (the PMU's) and the programmer's switch. */
static void gpio(fdt_writer *w)
{
    fdt_begin_node(w, "gpio@50");
    fdt_prop_u32(w, "#address-cells", 1);
    fdt_prop_u32(w, "#size-cells", 0);
    fdt_prop_string(w, "compatible", "mac-io-gpio");
    fdt_prop_string(w, "device_type", "gpio");
    prop_cells2(w, "reg", 0x50, 0x30);
    fdt_begin_node(w, "extint-gpio1@9");
    static const char *const compat[] = {"keywest-gpio1", "gpio", NULL};
    fdt_prop_strings(w, "compatible", compat);
    fdt_prop_u32(w, "interrupt-parent", PHANDLE_MPIC);
    prop_cells2(w, "interrupts", 0x2f, 1);
    fdt_prop_u32(w, "reg", 9);
    fdt_end_node(w);
    fdt_begin_node(w, "programmer-switch");
    fdt_prop_string(w, "device_type", "programmer-switch");
    fdt_prop_u32(w, "interrupt-parent", PHANDLE_MPIC);
    prop_cells2(w, "interrupts", 0x37, 0);
    fdt_end_node(w);
    fdt_end_node(w);
}

static void openpic(fdt_writer *w, const pmac_fdt_info *in)
{
    fdt_begin_node(w, "interrupt-controller@40000");
    fdt_prop_u32(w, "#address-cells", 0);
    fdt_prop_u32(w, "#interrupt-cells", 2);
    fdt_prop_empty(w, "built-in");
    fdt_prop_u32(w, "clock-frequency", in->openpic_clock);
    fdt_prop_string(w, "compatible", "chrp,open-pic");
    fdt_prop_string(w, "device_type", "open-pic");
    fdt_prop_empty(w, "interrupt-controller");
    fdt_prop_u32(w, "phandle", PHANDLE_MPIC);
    prop_cells2(w, "reg", 0x40000, 0x40000);
    fdt_end_node(w);
}

static void nvram_node(fdt_writer *w, const pmac_fdt_info *in)
{
    begin_nodef(w, "nvram@%x", in->nvram_addr);
    fdt_prop_u32(w, "#bytes", 0x2000);
    if (newworld(in)) fdt_prop_string(w, "compatible", "nvram,flash");
    fdt_prop_string(w, "device_type", "nvram");
    prop_cells2(w, "reg", in->nvram_addr, in->nvram_size);
    fdt_end_node(w);
}

static void macio(fdt_writer *w, const pmac_fdt_info *in)
{
    uint32_t dev = in->macio_devfn >> 3;
    uint32_t bar0 = PCI_SPACE_MEM32 | (uint32_t)in->macio_devfn << 8 | PCI_BAR0;
    begin_nodef(w, "mac-io@%x", dev);
    fdt_prop_u32(w, "#address-cells", 1);
    fdt_prop_u32(w, "#interrupt-cells", 1);
    fdt_prop_u32(w, "#size-cells", 1);
    if (!newworld(in)) {
        fdt_prop_u32(w, "AAPL,address", in->macio_bar);
        fdt_prop_u32(w, "AAPL,interrupts", in->irq_pci_inta);
    }
    uint32_t assigned[5] = {bar0, 0, in->macio_bar, 0, MACIO_SIZE};
    fdt_prop_cells(w, "assigned-addresses", assigned, 5);
    fdt_prop_u32(w, "cache-line-size", 0);
    fdt_prop_string(w, "compatible", newworld(in) ? "Keylargo" : "heathrow");
    fdt_prop_string(w, "device_type", "mac-io");
    if (newworld(in)) {
        fdt_prop_u32(w, "interrupt-parent", PHANDLE_MPIC);
        fdt_prop_u32(w, "interrupts", in->irq_macio);
    }
    fdt_prop_string(w, "model", newworld(in) ? "AAPL,Keylargo" : "AAPL,343S1201");
    /* The subsystem QEMU gives its PCI functions (and so the machines do). */
    fdt_prop_u32(w, "subsystem-id", 0x1100);
    fdt_prop_u32(w, "subsystem-vendor-id", 0x1af4);
    /* The cells' offsets map onto BAR0. */
    uint32_t ranges[5] = {0, bar0, 0, in->macio_bar, MACIO_SIZE};
    fdt_prop_cells(w, "ranges", ranges, 5);
    uint32_t reg[10] = {
        PCI_SPACE_CONFIG | (uint32_t)in->macio_devfn << 8, 0, 0, 0, 0, bar0, 0, 0, 0, MACIO_SIZE};
    fdt_prop_cells(w, "reg", reg, 10);
    pci_ids(w, 0x106b, newworld(in) ? 0x22 : 0x10, newworld(in) ? 0 : 1, 0x00ff0000);

    ata(w, in, 0);
    ata(w, in, 1);
    escc(w, in, true);
    escc(w, in, false);
    if (newworld(in) && in->via != PMAC_FDT_CUDA) gpio(w);
    if (newworld(in)) openpic(w, in);
    if (!newworld(in)) nvram_node(w, in);
    via(w, in);
    fdt_end_node(w);
}

static void vga(fdt_writer *w, const pmac_fdt_info *in)
{
    uint32_t devfn = in->vga_devfn;
    uint32_t fb = PCI_PREFETCH | PCI_SPACE_MEM32 | devfn << 8 | PCI_BAR0;
    uint32_t mmio = PCI_SPACE_MEM32 | devfn << 8 | PCI_BAR2;
    begin_nodef(w, "QEMU,VGA@%x", devfn >> 3);
    if (!newworld(in)) prop_cells2(w, "AAPL,address", in->vga_fb_addr, in->vga_mmio_addr);
    /* offb: the framebuffer address, then its geometry. */
    fdt_prop_u32(w, "address", in->vga_fb_addr);
    uint32_t assigned[10] = {fb,   0, in->vga_fb_addr,   0, in->vga_fb_size,
                             mmio, 0, in->vga_mmio_addr, 0, VGA_MMIO_SIZE};
    fdt_prop_cells(w, "assigned-addresses", assigned, 10);
    fdt_prop_u32(w, "cache-line-size", 0);
    fdt_prop_string(w, "compatible", "VGA");
    fdt_prop_u32(w, "depth", in->depth);
    fdt_prop_string(w, "device_type", "display");
    fdt_prop_u32(w, "height", in->height);
    fdt_prop_u32(w, "linebytes", in->width * in->depth / 8);
    /* Linux makes an "of-display" device for offb of a display node
     * marked opened (drivers/of/platform.c); boot-display when it is the
     * console. */
    if (in->display_is_stdout) fdt_prop_empty(w, "linux,boot-display");
    fdt_prop_empty(w, "linux,opened");
    fdt_prop_string(w, "model", "QEMU VGA");
    uint32_t reg[15] = {devfn << 8,      0,    0, 0, 0, fb,           0, 0, 0,
                        in->vga_fb_size, mmio, 0, 0, 0, VGA_MMIO_SIZE};
    fdt_prop_cells(w, "reg", reg, 15);
    pci_ids(w, 0x1234, 0x1111, 2, 0x00030000);
    fdt_prop_u32(w, "subsystem-id", 0x1100);
    fdt_prop_u32(w, "subsystem-vendor-id", 0x1af4);
    fdt_prop_u32(w, "width", in->width);
    fdt_end_node(w);
}

static void pci_host(fdt_writer *w, const pmac_fdt_info *in)
{
    begin_nodef(w, "pci@%x", in->pci_reg_base);
    fdt_prop_u32(w, "#address-cells", 3);
    fdt_prop_u32(w, "#interrupt-cells", 1);
    fdt_prop_u32(w, "#size-cells", 2);
    prop_cells2(w, "bus-range", 0, 0);
    fdt_prop_string(w, "compatible", newworld(in) ? "uni-north" : "grackle");
    fdt_prop_string(w, "device_type", "pci");
    if (newworld(in)) {
        /* mac-io's INTA# (pin 1) on the OpenPIC, level triggered; the
         * mask keeps the device number and the pin. */
        uint32_t map[7] = {
            (uint32_t)in->macio_devfn << 8, 0, 0, 1, PHANDLE_MPIC, in->irq_pci_inta, 1};
        uint32_t mask[4] = {0x00fff800, 0, 0, 7};
        fdt_prop_cells(w, "interrupt-map", map, 7);
        fdt_prop_cells(w, "interrupt-map-mask", mask, 4);
        fdt_prop_u32(w, "interrupt-parent", PHANDLE_MPIC);
        fdt_prop_string(w, "model", "AAPL,UniNorth");
    } else {
        fdt_prop_empty(w, "fast-back-to-back");
        fdt_prop_string(w, "model", "MOT,MPC106");
    }
    uint32_t ranges[PMAC_FDT_MAX_RANGES * 6];
    for (unsigned i = 0; i < in->npci_ranges; i++) {
        const pmac_fdt_range *r = &in->pci_ranges[i];
        uint32_t *c = &ranges[i * 6];
        c[0] = r->space == 1 ? PCI_SPACE_IO : PCI_SPACE_MEM32;
        c[1] = 0;
        c[2] = r->pci_addr;
        c[3] = r->cpu_addr;
        c[4] = 0;
        c[5] = r->size;
    }
    fdt_prop_cells(w, "ranges", ranges, in->npci_ranges * 6);
    prop_cells2(w, "reg", in->pci_reg_base, in->pci_reg_size);
    if (newworld(in)) {
        pci_ids(w, 0x106b, 0x1f, 0, 0x00060000);
        /* OpenBIOS reads this word-wide from the bridge's header. */
        fdt_prop_u32(w, "cache-line-size", 0x1008);
    } else {
        pci_ids(w, 0x1057, 0x0002, 0x40, 0x00060000);
        fdt_prop_u32(w, "cache-line-size", 0);
    }
    vga(w, in);
    macio(w, in);
    fdt_end_node(w);
}

static void uni_n(fdt_writer *w, const pmac_fdt_info *in)
{
    begin_nodef(w, "uni-n@%x", in->uni_n_base);
    fdt_prop_string(w, "compatible", "uni-north");
    fdt_prop_u32(w, "device-rev", 7);
    fdt_prop_string(w, "device_type", "memory-controller");
    prop_cells2(w, "reg", in->uni_n_base, 0x01000000);
    fdt_end_node(w);
}

uint8_t *pmac_fdt_build(const pmac_fdt_info *in, size_t *len, GError **err)
{
    if (!in->cpu_name || !in->cpu_name[0] || in->npci_ranges == 0 ||
        in->npci_ranges > PMAC_FDT_MAX_RANGES || in->ram_size == 0) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "device tree: incomplete machine description (CPU name, PCI ranges, RAM)");
        return NULL;
    }
    if (in->initrd_end < in->initrd_start || in->initrd_end > in->ram_size) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "device tree: the initrd range 0x%x-0x%x is not in RAM", in->initrd_start,
                    in->initrd_end);
        return NULL;
    }
    fdt_writer *w = fdt_new(0);
    fdt_begin_node(w, "");
    root_props(w, in);
    aliases(w, in);
    chosen(w, in);
    cpus(w, in);
    memory(w, in);
    if (newworld(in)) nvram_node(w, in);
    pci_host(w, in);
    rom(w);
    if (newworld(in)) uni_n(w, in);
    fdt_end_node(w);
    return fdt_finish(w, len, err);
}
