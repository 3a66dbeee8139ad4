/* PCI bus core, Uni-North and Grackle host bridges. */
#include <glib.h>
#include <string.h>

#include "core/bits.h"
#include "core/memmap.h"
#include "machines/dev/grackle.h"
#include "machines/dev/uninorth.h"
#include "machines/pci.h"

/* ---- a fake function: MMIO BAR0, I/O BAR1, RAM BAR2, expansion ROM ---- */

typedef struct fake {
    pci_device pci;
    uint32_t last_write_off, last_write_val;
    unsigned writes, config_writes;
    uint8_t ram[0x2000];
    uint8_t rom[0x800];
    unsigned moved_calls;
    bool moved_mapped;
    uint32_t moved_addr;
} fake;

static uint32_t fake_read(void *opaque, uint32_t offset, unsigned size)
{
    (void)opaque;
    return (0xc0de0000u | offset) & (size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1);
}

static void fake_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    (void)size;
    fake *f = opaque;
    f->last_write_off = offset;
    f->last_write_val = value;
    f->writes++;
}

static uint32_t fake_io_read(void *opaque, uint32_t offset, unsigned size)
{
    (void)opaque;
    (void)size;
    return 0x10 + offset;
}

static const mmio_ops fake_ops = {fake_read, fake_write, NULL};
static const mmio_ops fake_io_ops = {fake_io_read, fake_write, NULL};

static void fake_config_written(pci_device *d, uint8_t offset, unsigned size)
{
    (void)offset;
    (void)size;
    ((fake *)d)->config_writes++;
}

static void fake_init(fake *f, uint16_t device_id)
{
    memset(f, 0, sizeof(*f));
    f->pci.dev.id = "fake";
    pci_device_init(&f->pci, 0x1234, device_id, 0x020000, 0x05);
    pci_device_set_bar(&f->pci, 0, 0x1000, false, &fake_ops, f, NULL);
    pci_device_set_bar(&f->pci, 1, 0x100, true, &fake_io_ops, f, NULL);
    pci_device_set_bar(&f->pci, 2, 0x2000, false, NULL, NULL, f->ram);
    pci_device_set_bar_prefetch(&f->pci, 2, true);
    for (unsigned i = 0; i < sizeof(f->rom); i++) f->rom[i] = (uint8_t)(i ^ 0x5a);
    f->rom[0] = 0x55;
    f->rom[1] = 0xaa;
    pci_device_set_rom(&f->pci, sizeof(f->rom), f->rom);
    f->pci.config_written = fake_config_written;
}

#define FAKE_DEVFN PCI_DEVFN(13, 0)

typedef struct rig {
    mm_space *mm;
    pci_bus *bus;
    fake f;
} rig;

static void rig_init(rig *r)
{
    r->mm = mm_create(32);
    g_assert_nonnull(r->mm);
    r->bus = pci_bus_new(r->mm, 0, 0xf2000000);
    g_assert_nonnull(r->bus);
    fake_init(&r->f, 0x5678);
    g_assert_true(pci_bus_attach(r->bus, &r->f.pci, FAKE_DEVFN));
}

static void rig_free(rig *r)
{
    pci_bus_free(r->bus);
    mm_destroy(r->mm);
}

static bool decoded(mm_space *mm, uint32_t addr)
{
    return mm_lookup(mm, addr) != NULL;
}

/* ---- pci.c ---- */

static void test_config_header(void)
{
    rig r;
    rig_init(&r);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_VENDOR_ID, 4), ==, 0x56781234);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_VENDOR_ID, 2), ==, 0x1234);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_DEVICE_ID, 2), ==, 0x5678);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, 1, 1), ==, 0x12);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_REVISION, 4), ==, 0x02000005);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_INT_PIN, 1), ==, 1);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_HEADER_TYPE, 1), ==, 0);

    /* IDs are read-only; command and interrupt line are writable. */
    pci_config_write(r.bus, FAKE_DEVFN, PCI_VENDOR_ID, 0xffffffff, 4);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_VENDOR_ID, 4), ==, 0x56781234);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_INT_LINE, 0x1b, 1);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_INT_LINE, 2), ==, 0x011b);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, 0xffff, 2);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_COMMAND, 2), ==, PCI_COMMAND_WMASK);
    g_assert_cmpuint(r.f.config_writes, ==, 3);

    /* Empty slots and absent functions read all ones, writes go nowhere. */
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(5, 0), 0, 4), ==, 0xffffffff);
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(5, 0), 2, 2), ==, 0xffff);
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(5, 0), 3, 1), ==, 0xff);
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(13, 1), 0, 4), ==, 0xffffffff);
    pci_config_write(r.bus, PCI_DEVFN(5, 0), PCI_COMMAND, 3, 2);

    /* A second function turns on function 0's multi-function bit. */
    fake f1;
    fake_init(&f1, 0x9999);
    g_assert_false(pci_bus_attach(r.bus, &f1.pci, FAKE_DEVFN)); /* taken */
    g_assert_true(pci_bus_attach(r.bus, &f1.pci, PCI_DEVFN(13, 1)));
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_HEADER_TYPE, 1), ==, 0x80);
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(13, 1), 0, 4), ==, 0x99991234);
    g_assert_true(pci_bus_device(r.bus, PCI_DEVFN(13, 1)) == &f1.pci);
    pci_bus_detach(r.bus, &f1.pci);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_HEADER_TYPE, 1), ==, 0);
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(13, 1), 0, 4), ==, 0xffffffff);
    rig_free(&r);
}

static void test_bar_sizing(void)
{
    rig r;
    rig_init(&r);
    /* Type bits before sizing: memory 32-bit, I/O, prefetchable memory. */
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0, 4), ==, 0);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0 + 4, 4), ==, 1);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0 + 8, 4), ==, 8);

    /* Sizing with memory and I/O decoding on, as firmware often does:
     * nothing may appear at the top of the address space. */
    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
    for (unsigned n = 0; n < 6; n++) pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0 + 4 * n, ~0u, 4);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_ROM_ADDRESS, ~0u, 4);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0, 4), ==, 0xfffff000);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0 + 4, 4), ==, 0xffffff01);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0 + 8, 4), ==, 0xffffe008);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0 + 12, 4), ==, 0);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_ROM_ADDRESS, 4), ==, 0xfffff801);
    g_assert_false(decoded(r.mm, 0xfffff000));
    g_assert_false(decoded(r.mm, 0xffffe000));
    g_assert_false(decoded(r.mm, 0xfffff800));
    g_assert_cmpint(r.f.pci.bar[0].region, ==, -1);

    /* A byte-wide write touches only its byte (and respects the mask). */
    pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0 + 3, 0x12, 1);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0, 4), ==, 0x12fff000);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0, 0xff, 1); /* low bits read-only */
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0, 1), ==, 0x00);

    /* Odd sizes round up to a power of two, with the spec's minimums. */
    fake g;
    fake_init(&g, 1);
    pci_device_set_bar(&g.pci, 3, 3, false, &fake_ops, &g, NULL);
    pci_device_set_bar(&g.pci, 4, 0x300, true, &fake_io_ops, &g, NULL);
    g.pci.bar[5].size = 0x100; /* edited in place before attaching */
    g.pci.bar[5].prefetch = true;
    g_assert_true(pci_bus_attach(r.bus, &g.pci, PCI_DEVFN(2, 0)));
    pci_config_write(r.bus, PCI_DEVFN(2, 0), PCI_BAR0 + 12, ~0u, 4);
    pci_config_write(r.bus, PCI_DEVFN(2, 0), PCI_BAR0 + 16, ~0u, 4);
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(2, 0), PCI_BAR0 + 12, 4), ==, 0xfffffff0);
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(2, 0), PCI_BAR0 + 16, 4), ==, 0xfffffc01);
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(2, 0), PCI_BAR0 + 20, 4), ==, 0x00000008);
    pci_config_write(r.bus, PCI_DEVFN(2, 0), PCI_BAR0 + 20, ~0u, 4);
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(2, 0), PCI_BAR0 + 20, 4), ==, 0xffffff08);
    rig_free(&r);
}

static void test_bar_mapping(void)
{
    rig r;
    rig_init(&r);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0, 0x80000000, 4);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0 + 4, 0x400, 4);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0 + 8, 0x80100000, 4);
    /* Not decoded until the command register says so. */
    g_assert_false(decoded(r.mm, 0x80000000));
    g_assert_false(decoded(r.mm, 0xf2000400));

    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(mm_read(r.mm, 0x80000004, 4), ==, 0xc0de0004);
    g_assert_cmphex(mm_read(r.mm, 0x80000ffe, 2), ==, 0x0ffe);
    mm_write(r.mm, 0x80000010, 0xdeadbeef, 4);
    g_assert_cmpuint(r.f.writes, ==, 1);
    g_assert_cmphex(r.f.last_write_off, ==, 0x10);
    g_assert_cmphex(r.f.last_write_val, ==, 0xdeadbeef);
    g_assert_false(decoded(r.mm, 0x80001000)); /* exactly the BAR's size */
    g_assert_cmphex(r.f.pci.bar[0].mapped_at, ==, 0x80000000);
    /* The I/O BAR waits for I/O decoding. */
    g_assert_false(decoded(r.mm, 0xf2000400));

    /* The RAM BAR is plain memory: the fast path reaches the array. */
    mm_write(r.mm, 0x80100100, 0x11223344, 4);
    g_assert_cmphex(load_be32(r.f.ram + 0x100), ==, 0x11223344);
    r.f.ram[0x1fff] = 0x77;
    g_assert_cmphex(mm_read(r.mm, 0x80101fff, 1), ==, 0x77);
    g_assert_true(r.mm->rd[0x80100000 >> MM_PAGE_BITS] != 0);

    /* I/O decoding maps the I/O BAR at io_base + address. */
    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
    g_assert_cmphex(mm_read(r.mm, 0xf2000404, 1), ==, 0x14);
    g_assert_false(decoded(r.mm, 0xf2000500));

    /* Moving a BAR while decoding remaps it. */
    pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0, 0x80040000, 4);
    g_assert_false(decoded(r.mm, 0x80000000));
    g_assert_cmphex(mm_read(r.mm, 0x80040008, 4), ==, 0xc0de0008);
    r.mm->bus_error = false;
    mm_read(r.mm, 0x80000008, 4);
    g_assert_true(r.mm->bus_error);

    /* Disabling memory decoding unmaps the memory BARs, not the I/O one. */
    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, PCI_COMMAND_IO, 2);
    g_assert_false(decoded(r.mm, 0x80040000));
    g_assert_false(decoded(r.mm, 0x80100000));
    g_assert_true(decoded(r.mm, 0xf2000400));
    g_assert_cmpint(r.f.pci.bar[0].region, ==, -1);

    /* A BAR at 0 is unassigned even with decoding on. */
    pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0, 0, 4);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_false(decoded(r.mm, 0));
    g_assert_cmpint(r.f.pci.bar[0].region, ==, -1);
    rig_free(&r);
}

static void test_rom_bar(void)
{
    rig r;
    rig_init(&r);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_ROM_ADDRESS, 0x80080000, 4);
    g_assert_false(decoded(r.mm, 0x80080000)); /* enable bit clear */
    pci_config_write(r.bus, FAKE_DEVFN, PCI_ROM_ADDRESS, 0x80080001, 4);
    g_assert_cmphex(mm_read(r.mm, 0x80080000, 2), ==, 0x55aa);
    g_assert_cmphex(mm_read(r.mm, 0x80080010, 1), ==, 0x10 ^ 0x5a);
    mm_write(r.mm, 0x80080010, 0, 1); /* read-only */
    g_assert_cmphex(r.f.rom[0x10], ==, 0x10 ^ 0x5a);
    /* The ROM also needs memory decoding. */
    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, 0, 2);
    g_assert_false(decoded(r.mm, 0x80080000));
    rig_free(&r);
}

static void moved_hook(pci_device *d, unsigned n, bool mapped, uint32_t cpu_addr)
{
    fake *f = (fake *)d;
    if (n != 3) return;
    f->moved_calls++;
    f->moved_mapped = mapped;
    f->moved_addr = cpu_addr;
}

static void test_bar_hook(void)
{
    rig r;
    rig_init(&r);
    /* A BAR with neither ops nor RAM is left to the owner's hook. */
    pci_device_set_bar(&r.f.pci, 3, 0x80000, false, NULL, NULL, NULL);
    r.f.pci.bar_moved = moved_hook;
    pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0 + 12, 0x80800000, 4);
    g_assert_cmpuint(r.f.moved_calls, ==, 0);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_cmpuint(r.f.moved_calls, ==, 1);
    g_assert_true(r.f.moved_mapped);
    g_assert_cmphex(r.f.moved_addr, ==, 0x80800000);
    g_assert_false(decoded(r.mm, 0x80800000)); /* the hook maps, not the bus */
    pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0 + 12, 0x80c00000, 4);
    g_assert_cmpuint(r.f.moved_calls, ==, 3); /* unmapped, then mapped */
    g_assert_true(r.f.moved_mapped);
    g_assert_cmphex(r.f.moved_addr, ==, 0x80c00000);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, 0, 2);
    g_assert_cmpuint(r.f.moved_calls, ==, 4);
    g_assert_false(r.f.moved_mapped);
    rig_free(&r);
}

static void test_bus_reset_and_state(void)
{
    rig r;
    rig_init(&r);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_BAR0, 0x80000000, 4);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_INT_LINE, 0x1c, 1);
    pci_config_write(r.bus, FAKE_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_true(decoded(r.mm, 0x80000000));

    st_writer *w = st_writer_new();
    st_begin_chunk(w, "fake", 1);
    pci_device_save(&r.f.pci, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);

    pci_bus_reset(r.bus);
    g_assert_false(decoded(r.mm, 0x80000000));
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_COMMAND, 2), ==, 0);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0, 4), ==, 0);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_BAR0 + 8, 4), ==, 8); /* type kept */

    GError *err = NULL;
    st_reader *rd = st_reader_new(img, len, &err);
    g_assert_no_error(err);
    uint16_t ver;
    g_assert_true(st_find_chunk(rd, "fake", &ver));
    g_assert_true(pci_device_load(&r.f.pci, rd));
    st_reader_free(rd);
    g_free(img);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_INT_LINE, 1), ==, 0x1c);
    g_assert_cmphex(mm_read(r.mm, 0x80000020, 4), ==, 0xc0de0020);
    rig_free(&r);
}

/* ---- host bridges, driven through their CPU-side windows ---- */

/* stwbrx / lwbrx / lhbrx as the firmware issues them. */
static void stwbrx(mm_space *mm, uint32_t addr, uint32_t v)
{
    mm_write(mm, addr, __builtin_bswap32(v), 4);
}

static uint32_t lwbrx(mm_space *mm, uint32_t addr)
{
    return __builtin_bswap32(mm_read(mm, addr, 4));
}

static uint16_t lhbrx(mm_space *mm, uint32_t addr)
{
    return __builtin_bswap16((uint16_t)mm_read(mm, addr, 2));
}

static void map_window(mm_space *mm, const char *name, uint32_t base, const device_mmio *w)
{
    g_assert_cmpint(mm_add_mmio(mm, name, base, w->size, w->ops, w->opaque), >=, 0);
}

#define UN_IDX  0xf2800000u
#define UN_DATA 0xf2c00000u

static void test_uninorth_type0(void)
{
    rig r;
    rig_init(&r);
    device_env env = {.bus = r.mm};
    uninorth_host *h = uninorth_host_create(&env, "uni-n-pci", r.bus);
    g_assert_nonnull(h);
    map_window(r.mm, "conf-idx", UN_IDX, uninorth_conf_idx_mmio(h));
    map_window(r.mm, "conf-data", UN_DATA, uninorth_conf_data_mmio(h));
    mm_commit(r.mm);

    /* The bridge itself: IDSEL bit 11. */
    stwbrx(r.mm, UN_IDX, 1u << 11);
    g_assert_cmphex(lwbrx(r.mm, UN_IDX), ==, 1u << 11); /* reads back */
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0x001f106b);
    stwbrx(r.mm, UN_IDX, 1u << 11 | 0x08);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0x06000000);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA + 4), ==, 0x00001008); /* reg 0x0c: line 8, latency 16 */
    stwbrx(r.mm, UN_IDX, 1u << 11 | 0x48);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0x01000000);

    /* The fake function at slot 13: halfwords and bytes at their offsets
     * within the 8-byte group. */
    stwbrx(r.mm, UN_IDX, 1u << 13);
    g_assert_cmphex(lhbrx(r.mm, UN_DATA), ==, 0x1234);
    g_assert_cmphex(lhbrx(r.mm, UN_DATA + 2), ==, 0x5678);
    g_assert_cmphex(mm_read(r.mm, UN_DATA + 1, 1), ==, 0x12);
    g_assert_cmphex(mm_read(r.mm, UN_DATA + 3, 1), ==, 0x56);
    g_assert_cmphex(lhbrx(r.mm, UN_DATA + 6), ==, 0x0000); /* status */
    /* Function bits 10-8: function 1 is absent. */
    stwbrx(r.mm, UN_IDX, 1u << 13 | 1u << 8);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0xffffffff);
    /* An empty IDSEL line and no IDSEL at all read all ones. */
    stwbrx(r.mm, UN_IDX, 1u << 16);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0xffffffff);
    stwbrx(r.mm, UN_IDX, 0x10);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0xffffffff);

    /* Programming a BAR and the command register through the windows. */
    stwbrx(r.mm, UN_IDX, 1u << 13 | 0x10);
    stwbrx(r.mm, UN_DATA, 0xffffffff);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0xfffff000);
    stwbrx(r.mm, UN_DATA, 0x80000000);
    stwbrx(r.mm, UN_IDX, 1u << 13 | 0x00);
    mm_write(r.mm, UN_DATA + 4, __builtin_bswap16(PCI_COMMAND_MEMORY), 2); /* sthbrx */
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_COMMAND, 2), ==, PCI_COMMAND_MEMORY);
    g_assert_cmphex(mm_read(r.mm, 0x80000040, 4), ==, 0xc0de0040);

    /* Reset drives PCI RST#: the BAR disappears, the index clears. */
    device_reset(uninorth_host_device(h), RESET_HARD);
    g_assert_false(decoded(r.mm, 0x80000000));
    g_assert_cmphex(lwbrx(r.mm, UN_IDX), ==, 0);
    stwbrx(r.mm, UN_IDX, 1u << 11);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0x001f106b);

    device_destroy(uninorth_host_device(h));
    rig_free(&r);
}

static void test_uninorth_type1_and_openbios(void)
{
    rig r;
    rig_init(&r);
    uninorth_host *h = uninorth_host_create_kind(NULL, "uni-n-internal", r.bus, UNINORTH_INTERNAL);
    g_assert_nonnull(h);
    map_window(r.mm, "conf-idx", UN_IDX, uninorth_conf_idx_mmio(h));
    map_window(r.mm, "conf-data", UN_DATA, uninorth_conf_data_mmio(h));
    mm_commit(r.mm);

    /* Type 1 on bus 0: bus 23-16, devfn 15-8, register group 7-3. */
    stwbrx(r.mm, UN_IDX, (uint32_t)PCI_DEVFN(14, 0) << 8 | 1);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0x001e106b);
    stwbrx(r.mm, UN_IDX, (uint32_t)FAKE_DEVFN << 8 | 0x08 | 1);
    g_assert_cmphex(mm_read(r.mm, UN_DATA + 3, 1), ==, 0x02); /* class base at 0x0b */
    g_assert_cmphex(mm_read(r.mm, UN_DATA + 0, 1), ==, 0x05); /* revision */
    /* Another bus: nothing behind it. */
    stwbrx(r.mm, UN_IDX, 1u << 16 | (uint32_t)FAKE_DEVFN << 8 | 1);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0xffffffff);

    /* OpenBIOS's mechanism #1 addresses: enable bit 31, register in 7-2,
     * byte from the data address bits 1-0. */
    stwbrx(r.mm, UN_IDX, 0x80000000u | (uint32_t)FAKE_DEVFN << 8 | 0x3c);
    g_assert_cmphex(mm_read(r.mm, UN_DATA + 1, 1), ==, 0x01); /* interrupt pin */
    mm_write(r.mm, UN_DATA, 0x1d, 1);
    g_assert_cmphex(pci_config_read(r.bus, FAKE_DEVFN, PCI_INT_LINE, 1), ==, 0x1d);
    stwbrx(r.mm, UN_IDX, 0x80000000u | (uint32_t)FAKE_DEVFN << 8 | 0x00);
    g_assert_cmphex(lhbrx(r.mm, UN_DATA + 2), ==, 0x5678);
    g_assert_cmphex(lwbrx(r.mm, UN_DATA), ==, 0x56781234);

    /* A second bridge cannot take an occupied slot. */
    g_assert_null(uninorth_host_create_kind(NULL, "dup", r.bus, UNINORTH_INTERNAL));
    uninorth_host *agp = uninorth_host_create_kind(NULL, "agp", r.bus, UNINORTH_AGP);
    g_assert_nonnull(agp);
    g_assert_cmphex(pci_config_read(r.bus, PCI_DEVFN(11, 0), 0, 4), ==, 0x0020106b);
    device_destroy(uninorth_host_device(agp));
    device_destroy(uninorth_host_device(h));
    rig_free(&r);
}

static void test_unin_regs(void)
{
    mm_space *mm = mm_create(32);
    unin_regs *u = unin_regs_create(NULL, "unin");
    map_window(mm, "unin", 0xf8000000, unin_regs_mmio(u));
    mm_commit(mm);
    g_assert_cmphex(mm_read(mm, 0xf8000000, 4), ==, UNINORTH_VERSION_10A);
    mm_write(mm, 0xf8000000, 0x12345678, 4); /* read-only */
    g_assert_cmphex(mm_read(mm, 0xf8000000, 4), ==, UNINORTH_VERSION_10A);
    g_assert_cmphex(mm_read(mm, 0xf8000050, 4), ==, 0); /* CPU number: the boot CPU */
    mm_write(mm, 0xf8000020, 0x00000007, 4);
    mm_write(mm, 0xf8000071, 0xab, 1);
    g_assert_cmphex(mm_read(mm, 0xf8000020, 4), ==, 7);
    g_assert_cmphex(mm_read(mm, 0xf8000070, 4), ==, 0x00ab0000);
    device_reset(unin_regs_device(u), RESET_POWER_ON);
    g_assert_cmphex(mm_read(mm, 0xf8000020, 4), ==, 0);
    device_destroy(unin_regs_device(u));
    mm_destroy(mm);
}

#define GR_ADDR 0xfec00000u
#define GR_DATA 0xfee00000u

static void test_grackle(void)
{
    rig r;
    rig_init(&r);
    grackle *g = grackle_create(NULL, "grackle", r.bus);
    g_assert_nonnull(g);
    map_window(r.mm, "config-addr", GR_ADDR, grackle_addr_mmio(g));
    map_window(r.mm, "config-data", GR_DATA, grackle_data_mmio(g));
    mm_commit(r.mm);

    /* The MPC106 itself at 00:00.0. */
    stwbrx(r.mm, GR_ADDR, 0x80000000u);
    g_assert_cmphex(lwbrx(r.mm, GR_ADDR), ==, 0x80000000u);
    g_assert_cmphex(lwbrx(r.mm, GR_DATA), ==, 0x00021057);
    g_assert_cmphex(lhbrx(r.mm, GR_DATA + 2), ==, 0x0002);
    stwbrx(r.mm, GR_ADDR, 0x80000008u);
    g_assert_cmphex(lwbrx(r.mm, GR_DATA) >> 8, ==, 0x060000);
    /* Its own registers read back what is written. */
    stwbrx(r.mm, GR_ADDR, 0x800000f0u);
    stwbrx(r.mm, GR_DATA, 0x12345678);
    g_assert_cmphex(lwbrx(r.mm, GR_DATA), ==, 0x12345678);
    g_assert_cmphex(pci_config_read(r.bus, 0, 0xf0, 4), ==, 0x12345678);

    /* The fake function at slot 13, bytes and halfwords. */
    stwbrx(r.mm, GR_ADDR, 0x80000000u | (uint32_t)FAKE_DEVFN << 8);
    g_assert_cmphex(lwbrx(r.mm, GR_DATA), ==, 0x56781234);
    g_assert_cmphex(mm_read(r.mm, GR_DATA + 2, 1), ==, 0x78);
    g_assert_cmphex(lhbrx(r.mm, GR_DATA + 2), ==, 0x5678);
    /* Register bits 7-2 select the dword; data bits 1-0 the byte. */
    stwbrx(r.mm, GR_ADDR, 0x80000000u | (uint32_t)FAKE_DEVFN << 8 | 0x3c);
    g_assert_cmphex(mm_read(r.mm, GR_DATA + 1, 1), ==, 0x01);

    /* Enable bit clear, another bus, an empty slot: all ones. */
    stwbrx(r.mm, GR_ADDR, (uint32_t)FAKE_DEVFN << 8);
    g_assert_cmphex(lwbrx(r.mm, GR_DATA), ==, 0xffffffff);
    stwbrx(r.mm, GR_ADDR, 0x80010000u | (uint32_t)FAKE_DEVFN << 8);
    g_assert_cmphex(lwbrx(r.mm, GR_DATA), ==, 0xffffffff);
    stwbrx(r.mm, GR_ADDR, 0x80000000u | (uint32_t)PCI_DEVFN(20, 0) << 8);
    g_assert_cmphex(lwbrx(r.mm, GR_DATA), ==, 0xffffffff);
    g_assert_cmphex(mm_read(r.mm, GR_DATA + 3, 1), ==, 0xff);

    /* BAR programming through the windows maps the BAR. */
    stwbrx(r.mm, GR_ADDR, 0x80000000u | (uint32_t)FAKE_DEVFN << 8 | 0x10);
    stwbrx(r.mm, GR_DATA, 0x80800000);
    stwbrx(r.mm, GR_ADDR, 0x80000000u | (uint32_t)FAKE_DEVFN << 8 | 0x04);
    mm_write(r.mm, GR_DATA, PCI_COMMAND_MEMORY, 1);
    g_assert_cmphex(mm_read(r.mm, 0x80800008, 4), ==, 0xc0de0008);

    /* Save, reset, load. */
    st_writer *w = st_writer_new();
    st_begin_chunk(w, "grackle", 1);
    grackle_device(g)->cls->save(grackle_device(g), w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);
    device_reset(grackle_device(g), RESET_HARD);
    g_assert_false(decoded(r.mm, 0x80800000));
    g_assert_cmphex(pci_config_read(r.bus, 0, 0xf0, 4), ==, 0xff820000); /* MCCR1 power-on */
    g_assert_cmphex(pci_config_read(r.bus, 0, PCI_COMMAND, 2), ==, 0x0006);
    GError *err = NULL;
    st_reader *rd = st_reader_new(img, len, &err);
    g_assert_no_error(err);
    uint16_t ver;
    g_assert_true(st_find_chunk(rd, "grackle", &ver));
    g_assert_true(grackle_device(g)->cls->load(grackle_device(g), rd, ver));
    st_reader_free(rd);
    g_free(img);
    g_assert_cmphex(pci_config_read(r.bus, 0, 0xf0, 4), ==, 0x12345678);
    g_assert_cmphex(lwbrx(r.mm, GR_ADDR), ==, 0x80000000u | (uint32_t)FAKE_DEVFN << 8 | 0x04);

    device_destroy(grackle_device(g));
    rig_free(&r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pci/config-header", test_config_header);
    g_test_add_func("/pci/bar-sizing", test_bar_sizing);
    g_test_add_func("/pci/bar-mapping", test_bar_mapping);
    g_test_add_func("/pci/rom-bar", test_rom_bar);
    g_test_add_func("/pci/bar-hook", test_bar_hook);
    g_test_add_func("/pci/bus-reset-and-state", test_bus_reset_and_state);
    g_test_add_func("/pci/uninorth/type0", test_uninorth_type0);
    g_test_add_func("/pci/uninorth/type1-openbios", test_uninorth_type1_and_openbios);
    g_test_add_func("/pci/uninorth/unin-regs", test_unin_regs);
    g_test_add_func("/pci/grackle", test_grackle);
    return g_test_run();
}
