/* The PCI Power Mac family: builds a machine from its device table. */
#include "pmac.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/device.h"
#include "core/memmap.h"
#include "dev/cuda.h"
#include "dev/adb.h"
#include "dev/dbdma.h"
#include "dev/escc.h"
#include "dev/fw_cfg.h"
#include "dev/grackle.h"
#include "dev/heathrow_pic.h"
#include "dev/macio_ata.h"
#include "dev/nvram.h"
#include "dev/openpic.h"
#include "dev/pmu.h"
#include "dev/stdvga.h"
#include "dev/uninorth.h"
#include "disk_image.h"
#include "firmware.h"
#include "macio.h"
#include "pci.h"
#include "pmac_fdt.h"
#include "session.h"

#define ROM_BASE   0xfff00000u
#define ROM_SIZE   0x00100000u
#define NVRAM_SIZE 0x2000u
#define MAX_DEVS   32
#define MAX_BUSES  3
#define MAX_DISKS  4
#define MAX_ATA    2
/* Identical device reads in a row that make a polling loop. */
#define SPIN_READS 16

typedef struct pmac {
    machine m; /* first */
    const pmac_model *model;
    sched sched;
    mm_space *mm;
    ppc_cpu *cpu;
    uint64_t core_hz;
    uint8_t *ram;
    uint32_t ram_size;
    uint8_t *rom;
    device_env env;
    pci_bus *bus[MAX_BUSES];
    unsigned nbus;
    pci_bus *main_bus;
    uint32_t pci_io_base;
    macio *mio;
    openpic *mpic;
    heathrow_pic *hpic;
    dbdma *dma;
    escc *scc;
    cuda *cuda;
    pmu *pmu;
    uint32_t via_config; /* fw_cfg VIACONFIG: 0 CUDA, 1 PMU, 2 PMU with ADB */
    nvram *nv;
    fw_cfg *fwc;
    stdvga *vga;
    macio_ata *ata[MAX_ATA];
    unsigned nata;
    /* Hard disk images and their ATA glue. */
    disk_image *disk[MAX_DISKS];
    ata_disk_ops disk_ops[MAX_DISKS];
    unsigned ndisks;
    disk_image *cd; /* --cdrom */
    atapi_media_ops cd_media;
    device *devs[MAX_DEVS];
    unsigned ndevs;
    bool reset_pending;
    const char *nvram_file; /* saved when the machine is destroyed */
    /* --firmware none: what a restart needs to enter the kernel again. */
    bool direct;
    uint32_t pvr;
    clarus_config boot_cfg;
    gchar *boot_kernel, *boot_initrd, *boot_append;
    bool spinning;        /* the CPU is polling a device: skip to the next event */
    uint64_t spin_digest; /* the registers at the start of the polling run */
} pmac;

/* ---- wiring ---- */

static void cpu_int(void *opaque, unsigned n, bool level)
{
    (void)n;
    pmac *p = opaque;
    ppc_set_pin(p->cpu, PPC_PIN_INT, level);
}

static irq_line pic_input(pmac *p, int n)
{
    if (n < 0) return (irq_line){0};
    if (p->mpic) return openpic_input(p->mpic, (unsigned)n);
    if (p->hpic) return heathrow_pic_input(p->hpic, (unsigned)n);
    return (irq_line){0};
}

static void add_dev(pmac *p, device *d)
{
    if (d && p->ndevs < MAX_DEVS) p->devs[p->ndevs++] = d;
}

static bool map_cpu(pmac *p, const char *name, uint32_t base, const device_mmio *w)
{
    return mm_add_mmio(p->mm, name, base, w->size, w->ops, w->opaque) >= 0;
}

static bool place(pmac *p, const pmac_dev *e, const char *name, uint32_t offset,
                  const device_mmio *w)
{
    if (e->in_macio) return p->mio && macio_map(p->mio, name, offset, w);
    return map_cpu(p, name, offset, w);
}

/* Reads of PCI space no device claims end in a master abort: all ones,
 * no bus error (Uni-North and the MPC106 both answer so). */
static uint32_t abort_read(void *o, uint32_t off, unsigned size)
{
    (void)o, (void)off;
    return size == 4 ? 0xffffffffu : size == 2 ? 0xffffu : 0xffu;
}
static void abort_write(void *o, uint32_t off, uint32_t v, unsigned size)
{
    (void)o, (void)off, (void)v, (void)size;
}
static const mmio_ops abort_ops = {abort_read, abort_write, NULL};

/* QEMU gives every PCI function the subsystem 1af4:1100 (vendor and
 * device IDs it uses for its own boards); OpenBIOS copies it into the
 * device tree, so the machines present it too. */
static void qemu_subsystem(pci_device *d)
{
    d->config[PCI_SUBSYS_VENDOR] = 0xf4;
    d->config[PCI_SUBSYS_VENDOR + 1] = 0x1a;
    d->config[PCI_SUBSYS_ID] = 0x00;
    d->config[PCI_SUBSYS_ID + 1] = 0x11;
}

static pci_bus *new_bus(pmac *p, uint32_t io_base)
{
    if (p->nbus == MAX_BUSES) return NULL;
    pci_bus *b = pci_bus_new(p->mm, 0, io_base);
    if (b) p->bus[p->nbus++] = b;
    return b;
}

/* The system controller switches the machine off or restarts it. */
static void power_hook(void *ctx, bool restart)
{
    pmac *p = ctx;
    if (restart) {
        p->reset_pending = true;
    } else {
        p->m.state = MACHINE_POWERED_OFF;
    }
    ppc_end_slice(p->cpu);
}

/* ---- building ---- */

static bool build_device(pmac *p, const pmac_dev *e, const clarus_config *cfg, GError **err)
{
    const device_env *env = &p->env;
    switch (e->type) {
    case PMAC_FW_CFG:
        p->fwc = fw_cfg_create(env, e->id);
        if (!p->fwc) break;
        add_dev(p, fw_cfg_device(p->fwc));
        return map_cpu(p, "fw_cfg.ctl", e->base, fw_cfg_ctl_mmio(p->fwc)) &&
               map_cpu(p, "fw_cfg.data", e->base + 2, fw_cfg_data_mmio(p->fwc));
    case PMAC_UNIN_PCI: {
        pci_bus *b = new_bus(p, e->arg);
        if (!b) break;
        if (!p->main_bus && e->arg) {
            p->main_bus = b;
            p->pci_io_base = e->arg;
        }
        static const uninorth_kind kinds[] = {UNINORTH_PCI, UNINORTH_AGP, UNINORTH_INTERNAL};
        uninorth_host *h = uninorth_host_create_kind(env, e->id, b, kinds[e->variant % 3]);
        if (!h) break;
        add_dev(p, uninorth_host_device(h));
        qemu_subsystem(uninorth_host_bridge(h));
        return map_cpu(p, "unin-pci-conf-idx", e->base, uninorth_conf_idx_mmio(h)) &&
               map_cpu(p, "unin-pci-conf-data", e->base + 0x400000, uninorth_conf_data_mmio(h));
    }
    case PMAC_UNIN_REGS: {
        unin_regs *u = unin_regs_create(env, e->id);
        if (!u) break;
        add_dev(p, unin_regs_device(u));
        return map_cpu(p, "uni-n", e->base, unin_regs_mmio(u));
    }
    case PMAC_GRACKLE: {
        pci_bus *b = new_bus(p, e->arg);
        if (!b) break;
        p->main_bus = b;
        p->pci_io_base = e->arg;
        grackle *g = grackle_create(env, e->id, b);
        if (!g) break;
        add_dev(p, grackle_device(g));
        qemu_subsystem(grackle_bridge(g));
        return map_cpu(p, "grackle-addr", e->base, grackle_addr_mmio(g)) &&
               map_cpu(p, "grackle-data", e->base + 0x200000, grackle_data_mmio(g));
    }
    case PMAC_NVRAM:
        p->nv = nvram_create(env, e->id, NVRAM_SIZE, e->arg);
        if (!p->nv) break;
        add_dev(p, nvram_device(p->nv));
        /* The "nvram" setting: a file that keeps the NVRAM across runs. */
        p->nvram_file = clarus_config_prop(cfg, "nvram");
        if (p->nvram_file && g_file_test(p->nvram_file, G_FILE_TEST_EXISTS)) {
            if (!nvram_load_file(p->nv, p->nvram_file, err)) return false;
            if (!cfg->prom_env) return place(p, e, "nvram", e->base, nvram_mmio(p->nv));
        }
        if (!pmac_nvram_format(nvram_data(p->nv), NVRAM_SIZE, cfg->prom_env)) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "the --prom-env settings do not fit in the %u-byte NVRAM", NVRAM_SIZE);
            return false;
        }
        return place(p, e, "nvram", e->base, nvram_mmio(p->nv));
    case PMAC_MACIO:
        p->mio = macio_create(env, e->id, p->model->keylargo ? MACIO_KEYLARGO : MACIO_HEATHROW);
        if (!p->mio) break;
        add_dev(p, macio_device(p->mio));
        qemu_subsystem(macio_pci(p->mio));
        return p->main_bus && pci_bus_attach(p->main_bus, macio_pci(p->mio), (uint8_t)e->base);
    case PMAC_OPENPIC:
        /* The timer clock OpenBIOS gives as the node's clock-frequency. */
        p->mpic = openpic_create(env, e->id, 64, 4166666);
        if (!p->mpic) break;
        add_dev(p, openpic_device(p->mpic));
        openpic_connect_cpu(p->mpic, irq_line_make(cpu_int, p, 0));
        return place(p, e, "openpic", e->base, openpic_mmio(p->mpic));
    case PMAC_HEATHROW_PIC:
        p->hpic = heathrow_pic_create(env, e->id);
        if (!p->hpic) break;
        add_dev(p, heathrow_pic_device(p->hpic));
        heathrow_pic_connect_cpu(p->hpic, irq_line_make(cpu_int, p, 0));
        return place(p, e, "pic", e->base, heathrow_pic_mmio(p->hpic));
    case PMAC_DBDMA:
        p->dma = dbdma_create(env, e->id);
        if (!p->dma) break;
        add_dev(p, dbdma_device(p->dma));
        return place(p, e, "dbdma", e->base, dbdma_mmio(p->dma));
    case PMAC_ESCC:
        p->scc = escc_create(env, e->id);
        if (!p->scc) break;
        add_dev(p, escc_device(p->scc));
        escc_attach(p->scc, 0, p->m.serial);
        escc_connect_irq(p->scc, 0, pic_input(p, e->irq[0]));
        escc_connect_irq(p->scc, 1, pic_input(p, e->irq[1]));
        return place(p, e, "escc", e->base, escc_mmio(p->scc)) &&
               place(p, e, "escc-legacy", e->base - 0x1000, escc_legacy_mmio(p->scc));
    case PMAC_CUDA: {
        /* mac99's "via" setting: the system controller on the VIA, CUDA as
         * on the desktop G4s, or the PMU of the PowerBooks (QEMU's
         * via=pmu, via=pmu-adb). */
        const char *via = clarus_config_prop(cfg, "via");
        if (via && strcmp(via, "cuda") != 0) {
            bool adb = strcmp(via, "pmu-adb") == 0;
            p->pmu = pmu_create(env, "pmu", adb);
            if (!p->pmu) break;
            p->via_config = adb ? 2 : 1;
            add_dev(p, pmu_device(p->pmu));
            pmu_connect_irq(p->pmu, pic_input(p, e->irq[0]));
            pmu_set_power_hook(p->pmu, power_hook, p);
            return place(p, e, "pmu", e->base, pmu_mmio(p->pmu));
        }
        p->cuda = cuda_create(env, e->id);
        if (!p->cuda) break;
        add_dev(p, cuda_device(p->cuda));
        cuda_connect_irq(p->cuda, pic_input(p, e->irq[0]));
        cuda_set_power_hook(p->cuda, power_hook, p);
        return place(p, e, "cuda", e->base, cuda_mmio(p->cuda));
    }
    case PMAC_ATA: {
        macio_ata *a = macio_ata_create(env, e->id);
        if (!a) break;
        add_dev(p, macio_ata_device(a));
        if (p->nata < MAX_ATA) p->ata[p->nata++] = a;
        macio_ata_connect_irq(a, pic_input(p, e->irq[0]));
        if (p->dma) {
            macio_ata_attach_dma(a, p->dma, e->arg);
            dbdma_connect_irq(p->dma, e->arg, pic_input(p, e->irq[1]));
        }
        return place(p, e, e->id, e->base, macio_ata_mmio(a));
    }
    case PMAC_VGA: {
        p->vga = stdvga_create(env, e->id, 16u << 20);
        if (!p->vga || !p->main_bus) break;
        add_dev(p, stdvga_device(p->vga));
        if (!pci_bus_attach(p->main_bus, stdvga_pci(p->vga), (uint8_t)e->base)) break;
        /* The legacy VGA and VBE ports sit at fixed PCI I/O addresses. */
        return map_cpu(p, "vga", p->pci_io_base + 0x3c0, stdvga_vga_ports_mmio(p->vga)) &&
               map_cpu(p, "vbe", p->pci_io_base + 0x1ce, stdvga_vbe_ports_mmio(p->vga));
    }
    }
    if (!err || !*err)
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "cannot build device '%s'", e->id);
    return false;
}

/* Where QEMU's Power Macs load a kernel for OpenBIOS, and the gap left
 * after it before the initrd and the command line. */
#define KERNEL_BASE   0x01000000u
#define KERNEL_GAP    0x00100000u
#define PAGE_ALIGN(x) (((x) + 0xfffu) & ~0xfffu)

typedef struct boot_images {
    uint32_t kernel_addr, kernel_size, initrd_addr, initrd_size, cmdline_addr;
} boot_images;

/* Loads --kernel, --initrd and --append into RAM, laid out as QEMU does. */
static bool load_boot_images(pmac *p, const clarus_config *cfg, boot_images *b, GError **err)
{
    memset(b, 0, sizeof(*b));
    if (!cfg->kernel) {
        if (cfg->initrd || cfg->append) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "--initrd and --append need --kernel");
            return false;
        }
        return true;
    }
    if (!fw_load_kernel(cfg->kernel, p->ram, p->ram_size, KERNEL_BASE, &b->kernel_size, err))
        return false;
    b->kernel_addr = KERNEL_BASE;
    uint32_t next = PAGE_ALIGN(KERNEL_BASE + b->kernel_size + KERNEL_GAP);
    if (cfg->initrd) {
        gchar *data = NULL;
        gsize len = 0;
        GError *e = NULL;
        if (!g_file_get_contents(cfg->initrd, &data, &len, &e)) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "cannot read the initrd: %s",
                        e->message);
            g_error_free(e);
            return false;
        }
        if ((uint64_t)next + len > p->ram_size) {
            g_free(data);
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "%s: the initrd does not fit in %u MB of RAM", cfg->initrd,
                        p->ram_size >> 20);
            return false;
        }
        memcpy(p->ram + next, data, len);
        g_free(data);
        b->initrd_addr = next;
        b->initrd_size = (uint32_t)len;
        next = PAGE_ALIGN(next + (uint32_t)len);
    }
    if (cfg->append) {
        size_t n = strlen(cfg->append) + 1;
        if (n > 4096 || (uint64_t)next + n > p->ram_size) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "--append: the command line is longer than 4095 bytes");
            return false;
        }
        memcpy(p->ram + next, cfg->append, n);
        b->cmdline_addr = next;
    }
    return true;
}

/* ---- --firmware none: Linux entered directly with a flattened device tree ---- */

static bool firmware_none(const clarus_config *cfg)
{
    const char *path = cfg->firmware ? cfg->firmware : clarus_config_prop(cfg, "firmware");
    return path && !strcmp(path, "none");
}

/* Loads the kernel at its physical address, the initrd and the device
 * tree after it, programs the BARs the tree names, and sets the CPU up as
 * Linux's 32-bit entry (__start, head_book3s_32.S) expects a flattened
 * tree boot: r3 = the tree's physical address, r4 = r5 = 0, MMU off. */
static bool direct_boot(pmac *p, const clarus_config *cfg, uint32_t pvr, GError **err)
{
    if (!cfg->kernel) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "--firmware none needs --kernel");
        return false;
    }
    uint32_t span = 0;
    if (!fw_load_kernel(cfg->kernel, p->ram, p->ram_size, 0, &span, err)) return false;
    gchar *elf = NULL;
    gsize elf_len = 0;
    if (!g_file_get_contents(cfg->kernel, &elf, &elf_len, NULL) || elf_len < 28) {
        g_free(elf);
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "%s: cannot read", cfg->kernel);
        return false;
    }
    const uint8_t *e = (const uint8_t *)elf + 24;
    uint32_t entry =
        ((uint32_t)e[0] << 24 | (uint32_t)e[1] << 16 | (uint32_t)e[2] << 8 | e[3]) & 0x0fffffffu;
    g_free(elf);
    pmac_fdt_info in;
    pmac_fdt_defaults(&in, p->model->keylargo ? PMAC_FDT_MAC99 : PMAC_FDT_G3BEIGE);
    in.ram_size = p->ram_size;
    in.cpu_pvr = pvr;
    in.cpu_name = (pvr >> 16) == 0x000c ? "PowerPC,G4" : "PowerPC,750";
    in.clock_hz = p->model->fw_clock_hz ? p->model->fw_clock_hz : (uint32_t)p->core_hz;
    in.timebase_hz = (uint32_t)(p->core_hz / p->model->tb_divisor);
    in.bus_hz = p->model->bus_hz;
    in.via = p->pmu ? (p->via_config == 2 ? PMAC_FDT_PMU_ADB : PMAC_FDT_PMU) : PMAC_FDT_CUDA;
    in.cmdline = cfg->append;
    in.display_is_stdout = false;
    uint32_t next = PAGE_ALIGN(span + KERNEL_GAP);
    if (cfg->initrd) {
        gchar *data = NULL;
        gsize len = 0;
        if (!g_file_get_contents(cfg->initrd, &data, &len, NULL) ||
            (uint64_t)next + len > p->ram_size) {
            g_free(data);
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "%s: cannot read the initrd or it does not fit in RAM", cfg->initrd);
            return false;
        }
        memcpy(p->ram + next, data, len);
        g_free(data);
        in.initrd_start = next;
        in.initrd_end = next + (uint32_t)len;
        next = PAGE_ALIGN(next + (uint32_t)len);
    }
    size_t fdt_len = 0;
    uint8_t *fdt = pmac_fdt_build(&in, &fdt_len, err);
    if (!fdt) return false;
    if ((uint64_t)next + fdt_len > p->ram_size) {
        g_free(fdt);
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "the device tree does not fit in RAM");
        return false;
    }
    memcpy(p->ram + next, fdt, fdt_len);
    g_free(fdt);
    uint32_t fdt_addr = next;
    /* The BARs as the tree gives them, memory decoding and bus mastering on
     * (PCI Local Bus Specification 3.0, 6.2.2 Command register). */
    pci_config_write(p->main_bus, in.macio_devfn, 0x10, in.macio_bar, 4);
    pci_config_write(p->main_bus, in.macio_devfn, 0x04, 0x0006, 2);
    pci_config_write(p->main_bus, in.vga_devfn, 0x10, in.vga_fb_addr, 4);
    pci_config_write(p->main_bus, in.vga_devfn, 0x18, in.vga_mmio_addr, 4);
    pci_config_write(p->main_bus, in.vga_devfn, 0x04, 0x0003, 2);
    /* Linux runs early_init (C) on the caller's stack before it switches
     * to its own: 64 KB after the tree, with a zero back chain. */
    uint32_t stack_top = PAGE_ALIGN(fdt_addr + (uint32_t)fdt_len) + 0x10000u;
    if (stack_top > p->ram_size) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "no RAM left for the boot stack");
        return false;
    }
    ppc_set_gpr(p->cpu, 1, stack_top - 16);
    ppc_set_gpr(p->cpu, 3, fdt_addr);
    ppc_set_gpr(p->cpu, 4, 0);
    ppc_set_gpr(p->cpu, 5, 0);
    ppc_set_msr(p->cpu, 0);
    ppc_set_pc(p->cpu, entry);
    return true;
}

static bool disk_read(void *ctx, uint64_t lba, uint32_t count, uint8_t *buf)
{
    return disk_image_read(ctx, lba, count, buf);
}

static bool disk_write(void *ctx, uint64_t lba, uint32_t count, const uint8_t *buf)
{
    return disk_image_write(ctx, lba, count, buf);
}

/* --disk FILE[,readonly]...: hard disks, in order, on the first ATA
 * channel (master, slave), then the second channel's slave (its master is
 * the CD-ROM drive, as on QEMU's machines). */
static bool attach_disks(pmac *p, const clarus_config *cfg, GError **err)
{
    static const struct {
        unsigned channel, unit;
    } slots[] = {{0, 0}, {0, 1}, {1, 1}};
    for (size_t i = 0; cfg->disks && cfg->disks[i]; i++) {
        gchar **parts = g_strsplit(cfg->disks[i], ",", -1);
        bool readonly = false, ok = parts[0] && parts[0][0];
        for (gchar **o = parts + (ok ? 1 : 0); ok && *o; o++) {
            if (!strcmp(*o, "readonly") || !strcmp(*o, "ro"))
                readonly = true;
            else
                ok = false;
        }
        if (!ok) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "--disk %s: takes FILE or FILE,readonly", cfg->disks[i]);
            g_strfreev(parts);
            return false;
        }
        if (p->ndisks == sizeof(slots) / sizeof(slots[0]) || slots[p->ndisks].channel >= p->nata) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "--disk %s: this machine takes at most %u disks", parts[0],
                        (unsigned)(sizeof(slots) / sizeof(slots[0])));
            g_strfreev(parts);
            return false;
        }
        disk_image *d = disk_image_open(parts[0], 512, readonly, cfg->snapshot, err);
        g_strfreev(parts);
        if (!d) return false;
        unsigned n = p->ndisks++;
        p->disk[n] = d;
        p->disk_ops[n] = (ata_disk_ops){.ctx = d,
                                        .sectors = disk_image_sectors(d),
                                        .readonly = disk_image_readonly(d),
                                        .read = disk_read,
                                        .write = disk_write};
        if (!macio_ata_attach_disk(p->ata[slots[n].channel], slots[n].unit, &p->disk_ops[n])) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "cannot attach the disk %s",
                        disk_image_path(d));
            return false;
        }
    }
    return true;
}

static bool cd_read(void *ctx, uint64_t lba, uint32_t count, uint8_t *buf)
{
    return disk_image_read(ctx, lba, count, buf);
}

/* The ATAPI CD-ROM drive: master of the second ATA channel, as on QEMU's
 * machines (which attach one, empty, by default); --cdrom puts a disc in. */
static bool attach_cdrom(pmac *p, const clarus_config *cfg, GError **err)
{
    if (p->nata < 2) return true;
    const atapi_media_ops *media = NULL;
    if (cfg->cdrom) {
        p->cd = disk_image_open(cfg->cdrom, 2048, true, false, err);
        if (!p->cd) return false;
        p->cd_media =
            (atapi_media_ops){.ctx = p->cd, .sectors = disk_image_sectors(p->cd), .read = cd_read};
        media = &p->cd_media;
    }
    if (!macio_ata_attach_cdrom(p->ata[1], 0, media)) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "cannot attach the CD-ROM drive");
        return false;
    }
    return true;
}

/* A disc swapped while the machine runs. The drive (atapi_cd.c) reports
 * the change to the guest as a unit attention; a read the guest has under
 * way goes on from the new disc, as a real drive's would fail. */
static bool pmac_change_cd(machine *mb, const char *path, GError **err)
{
    pmac *p = (pmac *)mb;
    if (p->nata < 2) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "the %s has no CD-ROM drive",
                    p->m.desc->name);
        return false;
    }
    disk_image *cd = NULL;
    atapi_media_ops media = {0};
    if (path) {
        cd = disk_image_open(path, 2048, true, false, err);
        if (!cd) return false;
        media = (atapi_media_ops){.ctx = cd, .sectors = disk_image_sectors(cd), .read = cd_read};
    }
    macio_ata_change_media(p->ata[1], 0, path ? &media : NULL);
    /* The drive keeps its own copy of the ops; the old image goes. */
    disk_image_close(p->cd);
    p->cd = cd;
    p->cd_media = media;
    return true;
}

macio_ata *pmac_cd_channel(machine *mb)
{
    pmac *p = (pmac *)mb;
    return p->nata < 2 ? NULL : p->ata[1];
}

/* What OpenBIOS learns through fw_cfg, as QEMU's machines provide it. */
static void fill_fw_cfg(pmac *p, const clarus_config *cfg, const boot_images *b)
{
    fw_cfg *f = p->fwc;
    const pmac_model *md = p->model;
    fw_cfg_add_i16(f, FW_CFG_NB_CPUS, 1);
    fw_cfg_add_i16(f, FW_CFG_MAX_CPUS, 1);
    fw_cfg_add_i64(f, FW_CFG_RAM_SIZE, p->ram_size);
    fw_cfg_add_i16(f, FW_CFG_MACHINE_ID, md->machine_id);
    fw_cfg_add_i16(f, FW_CFG_NOGRAPHIC, cfg->headless || cfg->serial_console ? 1 : 0);
    fw_cfg_add_i32(f, FW_CFG_KERNEL_ADDR, b->kernel_addr);
    fw_cfg_add_i32(f, FW_CFG_KERNEL_SIZE, b->kernel_size);
    /* OpenBIOS finds the command line's address in KERNEL_CMDLINE. */
    fw_cfg_add_i32(f, FW_CFG_KERNEL_CMDLINE, b->cmdline_addr);
    fw_cfg_add_i32(f, FW_CFG_CMDLINE_ADDR, b->cmdline_addr);
    fw_cfg_add_i32(f, FW_CFG_INITRD_ADDR, b->initrd_addr);
    fw_cfg_add_i32(f, FW_CFG_INITRD_SIZE, b->initrd_size);
    /* 'm': the kernel is already in memory; 'c': the first hard disk. */
    fw_cfg_add_i16(f, FW_CFG_BOOT_DEVICE, b->kernel_addr ? 'm' : 'c');
    fw_cfg_add_i16(f, FW_CFG_PPC_WIDTH, 800);
    fw_cfg_add_i16(f, FW_CFG_PPC_HEIGHT, 600);
    fw_cfg_add_i16(f, FW_CFG_PPC_DEPTH, 32);
    if (md->keylargo) fw_cfg_add_i32(f, FW_CFG_PPC_VIACONFIG, p->via_config);
    fw_cfg_add_i32(f, FW_CFG_PPC_IS_KVM, 0);
    fw_cfg_add_i32(f, FW_CFG_PPC_TBFREQ, (uint32_t)(p->core_hz / md->tb_divisor));
    fw_cfg_add_i32(f, FW_CFG_PPC_CLOCKFREQ,
                   md->fw_clock_hz ? md->fw_clock_hz : (uint32_t)p->core_hz);
    fw_cfg_add_i32(f, FW_CFG_PPC_BUSFREQ, md->bus_hz);
    if (md->nvram_addr) fw_cfg_add_i32(f, FW_CFG_PPC_NVRAM_ADDR, md->nvram_addr);
}

static bool load_firmware(pmac *p, const clarus_config *cfg, GError **err)
{
    const char *path = cfg->firmware ? cfg->firmware : clarus_config_prop(cfg, "firmware");
    if (path && !strcmp(path, "none")) return true;
    if (!path) {
        path = FW_OPENBIOS_PPC_PATH;
        if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_NO_FIRMWARE,
                        "no firmware for %s: OpenBIOS is not installed at %s (on Debian: "
                        "apt-get install qemu-system-data), or pass --firmware FILE",
                        p->m.desc->id, FW_OPENBIOS_PPC_PATH);
            return false;
        }
    }
    uint32_t entry;
    return fw_load_elf_rom(path, p->rom, ROM_BASE, ROM_SIZE, &entry, err);
}

static void pmac_reset(pmac *p)
{
    /* The host bridges' resets reset their buses (PCI RST#). */
    for (unsigned i = 0; i < p->ndevs; i++) device_reset(p->devs[i], RESET_HARD);
    ppc_reset(p->cpu);
    /* RAM keeps its contents across a reset, but the boot images are
     * loaded afresh: with firmware it finds them where fw_cfg says (the
     * same places as at power-on); without, the kernel is entered again. */
    GError *err = NULL;
    boot_images b;
    bool ok = p->direct
                  ? (memset(p->ram, 0, p->ram_size), direct_boot(p, &p->boot_cfg, p->pvr, &err))
                  : load_boot_images(p, &p->boot_cfg, &b, &err);
    if (!ok) {
        fprintf(stderr, "clarus: restart: %s\n", err->message);
        g_error_free(err);
        p->m.state = MACHINE_FAILED;
    }
}

/* A digest of the CPU's registers. A polling loop that waits for a
 * device leaves them as they were at its last read; a loop that counts
 * (udelay-style, reading a register as a delay) or does other work does
 * not, and must run its course. */
static uint64_t cpu_digest(const ppc_cpu *cpu)
{
    uint64_t h = 1469598103934665603ull;
    for (unsigned i = 0; i < 32; i++) h = (h ^ ppc_get_gpr(cpu, i)) * 1099511628211ull;
    uint32_t ctr = 0, lr = 0;
    ppc_get_spr(cpu, 9, &ctr);
    ppc_get_spr(cpu, 8, &lr);
    h = (h ^ ctr) * 1099511628211ull;
    h = (h ^ lr) * 1099511628211ull;
    h = (h ^ ppc_get_cr(cpu)) * 1099511628211ull;
    return (h ^ ppc_get_pc(cpu)) * 1099511628211ull;
}

/* The CPU has read the same device register with the same result many
 * times in a row, from the same place with the same registers: it is in a
 * loop waiting for something only an event can change. */
static void spin_hook(void *ctx, unsigned run)
{
    pmac *p = ctx;
    uint64_t h = cpu_digest(p->cpu);
    if (run == 0) {
        p->spin_digest = h;
        return;
    }
    if (h == p->spin_digest) {
        p->spinning = true;
        ppc_end_slice(p->cpu);
    } else {
        p->spin_digest = h;
    }
}

static bool pmac_run(machine *mb, sched_time until)
{
    pmac *p = (pmac *)mb;
    sched *s = &p->sched;
    if (p->reset_pending) {
        p->reset_pending = false;
        pmac_reset(p);
    }
    bool idle = p->spinning;
    p->spinning = false;
    sched_time now = sched_now(s), next = sched_next(s);
    if (next < until) until = next;
    if (until > now) {
        clock_domain cd = {p->core_hz};
        int64_t cycles = (int64_t)clock_ps_to_ticks(&cd, until - now);
        if (cycles < 1) cycles = 1;
        sched_slice_begin(s, until);
        int64_t ran = idle ? ppc_run_idle(p->cpu, cycles) : ppc_run(p->cpu, cycles);
        sched_slice_end(s, clock_ticks_to_ps(&cd, (uint64_t)ran));
    }
    sched_run_until(s, sched_now(s));
    /* MSR[POW]: the CPU sleeps until an interrupt (Linux's idle loop). */
    return idle || (ppc_get_msr(p->cpu) & 0x00040000u);
}

static bool pmac_frame(machine *mb, uint32_t *out, unsigned max_w, unsigned max_h, unsigned *w,
                       unsigned *h)
{
    pmac *p = (pmac *)mb;
    return p->vga && stdvga_render(p->vga, out, max_w, max_h, w, h);
}

static adb_bus *pmac_adb(pmac *p)
{
    if (p->cuda) return cuda_adb(p->cuda);
    if (p->pmu) return pmu_adb(p->pmu);
    return NULL;
}

static void pmac_reset_button(machine *mb)
{
    pmac *p = (pmac *)mb;
    p->reset_pending = true;
    ppc_end_slice(p->cpu);
}

static void pmac_key(machine *mb, uint8_t code, bool down)
{
    adb_bus *b = pmac_adb((pmac *)mb);
    if (b) adb_key(b, code, down);
}

static bool pmac_mouse(machine *mb, int dx, int dy, unsigned buttons)
{
    adb_bus *b = pmac_adb((pmac *)mb);
    if (b) adb_mouse(b, dx, dy, buttons);
    return b != NULL;
}

adb_bus *pmac_adb_bus(machine *mb)
{
    return pmac_adb((pmac *)mb);
}

static bool pmac_keys_pending(machine *mb)
{
    adb_bus *b = pmac_adb((pmac *)mb);
    return b && adb_has_data(b);
}

static void pmac_destroy(machine *mb)
{
    pmac *p = (pmac *)mb;
    if (p->nv && p->nvram_file && p->m.state != MACHINE_FAILED) {
        GError *e = NULL;
        if (!nvram_save_file(p->nv, p->nvram_file, &e)) {
            fprintf(stderr, "clarus: the NVRAM was not saved: %s\n", e->message);
            g_error_free(e);
        }
    }
    if (p->cpu) ppc_destroy(p->cpu);
    for (unsigned i = p->ndevs; i-- > 0;) device_destroy(p->devs[i]);
    for (unsigned i = 0; i < p->nbus; i++) pci_bus_free(p->bus[i]);
    for (unsigned i = 0; i < p->ndisks; i++) disk_image_close(p->disk[i]);
    disk_image_close(p->cd);
    if (p->mm) mm_destroy(p->mm);
    if (p->m.serial) chardev_close(p->m.serial);
    free(p->ram);
    free(p->rom);
    g_free(p->boot_kernel);
    g_free(p->boot_initrd);
    g_free(p->boot_append);
    free(p);
}

static bool parse_cpu(const pmac_model *md, const clarus_config *cfg, ppc_model *cpu, uint32_t *pvr,
                      GError **err)
{
    *cpu = md->cpu;
    const char *name = cfg->cpu ? cfg->cpu : clarus_config_prop(cfg, "cpu");
    if (name && !ppc_model_from_name(name, cpu)) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "unknown CPU '%s' (this machine takes %s)", name,
                    md->pvr_7400 ? "750 or 7400" : "750");
        return false;
    }
    if (*cpu == PPC_MODEL_7400 && md->pvr_7400) {
        *pvr = md->pvr_7400;
    } else if (*cpu == PPC_MODEL_750) {
        *pvr = md->pvr_750;
    } else {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "CPU '%s' does not fit this machine (it takes %s)", name,
                    md->pvr_7400 ? "750 or 7400" : "750");
        return false;
    }
    return true;
}

machine *pmac_create(const machine_desc *d, const clarus_config *cfg, GError **err)
{
    const pmac_model *md = d->model;
    ppc_model cpu_model;
    uint32_t pvr;
    if (!parse_cpu(md, cfg, &cpu_model, &pvr, err)) return NULL;
    unsigned ram_mb = cfg->ram_mb;
    if (!ram_mb && clarus_config_prop(cfg, "ram"))
        ram_mb = (unsigned)g_ascii_strtoull(clarus_config_prop(cfg, "ram"), NULL, 10);
    if (!ram_mb) ram_mb = md->ram_default_mb;
    if (ram_mb < 16 || ram_mb > md->ram_max_mb) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "--ram %u: this machine takes 16 to %u MB", ram_mb, md->ram_max_mb);
        return NULL;
    }
    pmac *p = calloc(1, sizeof(*p));
    if (!p) goto nomem;
    p->m.desc = d;
    p->m.sched = &p->sched;
    p->m.run = pmac_run;
    p->m.frame = pmac_frame;
    p->m.destroy = pmac_destroy;
    p->m.key = pmac_key;
    p->m.mouse = pmac_mouse;
    p->m.reset = pmac_reset_button;
    p->m.change_cd = pmac_change_cd;
    p->m.keys_pending = pmac_keys_pending;
    p->model = md;
    p->core_hz = md->core_hz;
    sched_init(&p->sched);
    p->ram_size = ram_mb << 20;
    p->ram = calloc(1, p->ram_size);
    p->rom = calloc(1, ROM_SIZE);
    p->mm = mm_create(32);
    if (!p->ram || !p->rom || !p->mm) goto nomem;
    if (!load_firmware(p, cfg, err)) goto fail;
    {
        GError *e = NULL;
        const char *spec = cfg->serial ? cfg->serial : clarus_config_prop(cfg, "serial");
        if (!spec) spec = cfg->headless ? "stdio" : "none";
        p->m.serial = chardev_open(spec, &e);
        if (!p->m.serial) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "--serial: %s", e->message);
            g_error_free(e);
            goto fail;
        }
    }
    p->env = (device_env){.bus = p->mm, .sched = &p->sched, .log = NULL, .machine = p};
    mm_add_ram(p->mm, "ram", 0, p->ram_size, p->ram);
    /* PCI memory and I/O space no BAR claims: master aborts. */
    mm_add_mmio(p->mm, "pci-mem", 0x80000000u, 0x70000000u, &abort_ops, p);
    mm_add_rom(p->mm, "rom", ROM_BASE, ROM_SIZE, p->rom);

    ppc_config pc = {
        .model = cpu_model, .pvr = pvr, .core_hz = p->core_hz, .tb_divisor = md->tb_divisor};
    const char *cerr = NULL;
    p->cpu = ppc_create(&pc, p->mm, &p->sched, NULL, &cerr);
    if (!p->cpu) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "CPU: %s", cerr);
        goto fail;
    }
    for (size_t i = 0; i < md->ndevices; i++) {
        if (md->devices[i].type == PMAC_UNIN_PCI || md->devices[i].type == PMAC_GRACKLE) {
            /* The PCI I/O window, before any port inside it is mapped. */
            if (md->devices[i].arg)
                mm_add_mmio(p->mm, "pci-io", md->devices[i].arg, 0x00800000u, &abort_ops, p);
        }
        if (!build_device(p, &md->devices[i], cfg, err)) goto fail;
    }
    boot_images boot;
    if (!firmware_none(cfg) && !load_boot_images(p, cfg, &boot, err)) goto fail;
    if (!attach_disks(p, cfg, err)) goto fail;
    if (!attach_cdrom(p, cfg, err)) goto fail;
    if (p->fwc && !firmware_none(cfg)) fill_fw_cfg(p, cfg, &boot);
    mm_set_spin_hook(p->mm, SPIN_READS, spin_hook, p);
    mm_commit(p->mm);
    for (unsigned i = 0; i < p->ndevs; i++) device_reset(p->devs[i], RESET_POWER_ON);
    ppc_reset(p->cpu);
    /* What a restart needs to load again: the running guest writes over the
     * images in RAM (QEMU likewise copies them in again at each reset). */
    p->pvr = pvr;
    p->boot_kernel = g_strdup(cfg->kernel);
    p->boot_initrd = g_strdup(cfg->initrd);
    p->boot_append = g_strdup(cfg->append);
    p->boot_cfg = (clarus_config){
        .kernel = p->boot_kernel, .initrd = p->boot_initrd, .append = p->boot_append};
    if (firmware_none(cfg)) {
        p->direct = true;
        if (!direct_boot(p, &p->boot_cfg, pvr, err)) goto fail;
    }
    p->m.state = MACHINE_RUNNING;
    return &p->m;
nomem:
    g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "out of memory building %s (%u MB RAM)",
                d->id, ram_mb);
fail:
    if (p) pmac_destroy(&p->m);
    return NULL;
}
