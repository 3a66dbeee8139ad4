/* The memory map: RAM/ROM fast path, MMIO callbacks, overlays, byte order,
 * unmapped accesses. */
#include <glib.h>
#include <stdlib.h>

#include "memmap.h"

typedef struct {
    uint32_t last_off, last_val;
    unsigned last_size;
    int reads, writes;
    uint8_t regs[16];
} fake_dev;

static uint32_t dev_read(void *opaque, uint32_t off, unsigned size)
{
    fake_dev *d = opaque;
    d->reads++;
    d->last_off = off;
    d->last_size = size;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) v = v << 8 | d->regs[(off + i) & 15];
    return v;
}

static void dev_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    fake_dev *d = opaque;
    d->writes++;
    d->last_off = off;
    d->last_val = val;
    d->last_size = size;
    for (unsigned i = 0; i < size; i++)
        d->regs[(off + i) & 15] = (uint8_t)(val >> (8 * (size - 1 - i)));
}

static const mmio_ops dev_ops = {dev_read, dev_write, NULL};

/* Register 15 of the fake device is a data port that streams. */
static bool dev_streams(void *opaque, uint32_t off)
{
    (void)opaque;
    return (off & 15) == 15;
}
static const mmio_ops stream_ops = {dev_read, dev_write, dev_streams};

static void test_ram_rom(void)
{
    mm_space *s = mm_create(24);
    uint8_t *ram = calloc(1, 64 * KiB);
    uint8_t *rom = malloc(64 * KiB);
    for (unsigned i = 0; i < 64 * KiB; i++) rom[i] = (uint8_t)(i * 7);
    g_assert_cmpint(mm_add_ram(s, "ram", 0, 64 * KiB, ram), >=, 0);
    g_assert_cmpint(mm_add_rom(s, "rom", 0x400000, 64 * KiB, rom), >=, 0);
    mm_commit(s);
    g_assert_true(s->rd[0] != 0 && s->wr[0] != 0);
    g_assert_true(s->rd[0x400] != 0 && s->wr[0x400] == 0); /* ROM writes take the slow path */

    mm_write(s, 0x1000, 0x12345678, 4);
    g_assert_cmpuint(ram[0x1000], ==, 0x12); /* big-endian guest order */
    g_assert_cmpuint(ram[0x1003], ==, 0x78);
    g_assert_cmpuint(mm_read(s, 0x1001, 2), ==, 0x3456);
    g_assert_cmpuint(mm_read(s, 0x1003, 1), ==, 0x78);
    /* the 24-bit bus ignores A31-A24 */
    g_assert_cmpuint(mm_read(s, 0xff001000, 4), ==, 0x12345678);
    /* a long read that straddles a page boundary goes the slow way, same result */
    mm_write(s, 0x1ffe, 0xaabbccdd, 4);
    g_assert_cmpuint(mm_read(s, 0x1ffe, 4), ==, 0xaabbccdd);
    g_assert_cmpuint(ram[0x2000], ==, 0xcc);

    g_assert_cmpuint(mm_read(s, 0x400005, 1), ==, 35);
    mm_write(s, 0x400005, 0xee, 1); /* ignored */
    g_assert_cmpuint(mm_read(s, 0x400005, 1), ==, 35);
    g_assert_cmpuint(rom[5], ==, 35);
    g_assert_false(s->bus_error);
    mm_destroy(s);
    free(ram);
    free(rom);
}

static void test_mmio(void)
{
    mm_space *s = mm_create(32);
    fake_dev dev = {0};
    uint8_t *ram = calloc(1, 8 * KiB);
    mm_add_ram(s, "ram", 0x10000000, 8 * KiB, ram);
    g_assert_cmpint(mm_add_mmio(s, "dev", 0x50f00000, 0x2000, &dev_ops, &dev), >=, 0);
    mm_commit(s);
    mm_write(s, 0x50f00004, 0xbeef, 2);
    g_assert_cmpint(dev.writes, ==, 1);
    g_assert_cmpuint(dev.last_off, ==, 4);
    g_assert_cmpuint(dev.last_size, ==, 2);
    g_assert_cmpuint(mm_read(s, 0x50f00004, 2), ==, 0xbeef);
    g_assert_cmpuint(mm_read(s, 0x50f00005, 1), ==, 0xef);
    g_assert_cmpint(dev.reads, ==, 2);
    /* unmapped: open bus and a bus error flag */
    g_assert_false(s->bus_error);
    g_assert_cmpuint(mm_read(s, 0x60000000, 2), ==, 0xffff);
    g_assert_true(s->bus_error);
    s->bus_error = false;
    /* a long straddling RAM's end: two lanes mapped, two not */
    store_be16(ram + 8 * KiB - 2, 0x1234);
    g_assert_cmpuint(mm_read(s, 0x10000000 + 8 * KiB - 2, 4), ==, 0x1234ffff);
    g_assert_true(s->bus_error);
    mm_destroy(s);
    free(ram);
}

static void test_overlay(void)
{
    /* A 68k Mac maps ROM at 0 after reset until the overlay bit is cleared. */
    mm_space *s = mm_create(24);
    uint8_t *ram = calloc(1, 1 * MiB);
    uint8_t rom[8192];
    memset(rom, 0x4e, sizeof(rom));
    mm_add_ram(s, "ram", 0, 1 * MiB, ram);
    int ov = mm_add_rom(s, "overlay", 0, sizeof(rom), rom);
    mm_commit(s);
    uint32_t gen = s->generation;
    g_assert_cmpuint(mm_read(s, 0, 2), ==, 0x4e4e);
    mm_write(s, 0, 0x1111, 2); /* the overlay is ROM: RAM underneath is not written */
    g_assert_cmpuint(ram[0], ==, 0);
    mm_set_enabled(s, ov, false);
    mm_commit(s);
    g_assert_cmpuint(s->generation, !=, gen);
    g_assert_cmpuint(mm_read(s, 0, 2), ==, 0);
    mm_write(s, 0, 0x1111, 2);
    g_assert_cmpuint(ram[1], ==, 0x11);
    mm_destroy(s);
    free(ram);
}

static void test_partial_page_mmio(void)
{
    /* An MMIO region smaller than a page, inside RAM: the page is slow, yet
     * RAM around the device still works. */
    mm_space *s = mm_create(24);
    uint8_t *ram = calloc(1, 64 * KiB);
    fake_dev dev = {0};
    mm_add_ram(s, "ram", 0, 64 * KiB, ram);
    mm_add_mmio(s, "dev", 0x3010, 16, &dev_ops, &dev);
    mm_commit(s);
    g_assert_true(s->rd[3] == 0);
    mm_write(s, 0x3000, 0x55, 1);
    g_assert_cmpuint(ram[0x3000], ==, 0x55);
    mm_write(s, 0x3012, 0x66, 1);
    g_assert_cmpuint(ram[0x3012], ==, 0);
    g_assert_cmpuint(dev.regs[2], ==, 0x66);
    mm_destroy(s);
    free(ram);
}

static void test_remove_and_reuse(void)
{
    /* Mappings come and go (clarus-user's mmap/munmap): removed regions
     * stop decoding, their pages go back to the slow path, and the slot is
     * reused. Only the pages a change touched are repainted. */
    mm_space *s = mm_create(32);
    uint8_t *a = calloc(1, 8 * KiB), *b = calloc(1, 4 * KiB);
    int ra = mm_add_ram(s, "a", 0x10000000, 8 * KiB, a);
    mm_commit(s);
    g_assert_true(s->rd[0x10000] != 0 && s->rd[0x10001] != 0);
    uint32_t gen = s->generation;
    mm_remove(s, ra);
    mm_commit(s);
    g_assert_cmpuint(s->generation, !=, gen);
    g_assert_true(s->rd[0x10000] == 0 && s->wr[0x10001] == 0);
    g_assert_null(mm_lookup(s, 0x10000000));
    g_assert_cmpuint(mm_read(s, 0x10000000, 4), ==, 0xffffffff);
    g_assert_true(s->bus_error);
    s->bus_error = false;
    int rb = mm_add_ram(s, "b", 0x20000000, 4 * KiB, b);
    g_assert_cmpint(rb, ==, ra); /* the freed slot */
    mm_commit(s);
    mm_write(s, 0x20000010, 0xcafe, 2);
    g_assert_cmpuint(b[0x10], ==, 0xca);
    mm_destroy(s);
    free(a);
    free(b);
}

typedef struct {
    int calls;
    uint32_t last_page;
    mm_space *s;
} code_watcher;

static void on_code_write(void *ctx, uint32_t page)
{
    code_watcher *w = ctx;
    w->calls++;
    w->last_page = page;
    mm_code_unwatch(w->s, page);
}

/* A watched page: writes go the slow way and tell the hook once, then the
 * page is fast again; host writes announced with mm_notify_write too. */
static void test_code_watch(void)
{
    mm_space *s = mm_create(32);
    uint8_t *ram = calloc(1, 0x10000);
    mm_add_ram(s, "ram", 0, 0x10000, ram);
    mm_commit(s);
    code_watcher w = {0, 0, s};
    g_assert_true(mm_add_code_hook(s, on_code_write, &w));
    mm_code_watch(s, 0x3000);
    g_assert_true(mm_code_watched(s, 0x3abc));
    g_assert_false(mm_code_watched(s, 0x4000));
    g_assert_cmpuint(s->wr[3], ==, 0);
    g_assert_cmpuint(s->rd[3], !=, 0);
    mm_write(s, 0x2ffc, 0x11223344, 4); /* the page below: no call */
    g_assert_cmpint(w.calls, ==, 0);
    mm_write(s, 0x3010, 0xcafef00d, 4);
    g_assert_cmpint(w.calls, ==, 1);
    g_assert_cmphex(w.last_page, ==, 0x3000);
    g_assert_cmphex(mm_read(s, 0x3010, 4), ==, 0xcafef00d);
    g_assert_false(mm_code_watched(s, 0x3000));
    g_assert_cmpuint(s->wr[3], ==, s->rd[3]);
    mm_write(s, 0x3014, 1, 4);
    g_assert_cmpint(w.calls, ==, 1);
    /* A range over several pages calls once per watched page. */
    mm_code_watch(s, 0x5000);
    mm_code_watch(s, 0x7000);
    mm_notify_write(s, 0x4800, 0x3000);
    g_assert_cmpint(w.calls, ==, 3);
    g_assert_cmphex(w.last_page, ==, 0x7000);
    /* A commit keeps a watched page's write entry at 0. */
    mm_code_watch(s, 0x9000);
    mm_set_enabled(s, 0, false);
    mm_set_enabled(s, 0, true);
    mm_commit(s);
    g_assert_cmpuint(s->rd[9], !=, 0);
    g_assert_cmpuint(s->wr[9], ==, 0);
    mm_remove_code_hook(s, on_code_write, &w);
    mm_write(s, 0x9000, 5, 1);
    g_assert_cmpint(w.calls, ==, 3);
    mm_destroy(s);
    free(ram);
}

static void test_bad_args(void)
{
    g_assert_null(mm_create(8));
    g_assert_null(mm_create(33));
    mm_space *s = mm_create(24);
    uint8_t b[16];
    g_assert_cmpint(mm_add_ram(s, "big", 0xff0000, 0x20000, b), ==, -1); /* beyond 16 MiB */
    g_assert_cmpint(mm_add_ram(s, "none", 0, 0, b), ==, -1);
    g_assert_cmpint(mm_add_ram(s, "null", 0, 16, NULL), ==, -1);
    mm_destroy(s);
}

/* Records what the spin hook is told: -1 marks a run start, else the run. */
typedef struct {
    int calls, starts, spins;
} spin_log;

static void spin_count(void *ctx, unsigned run)
{
    spin_log *l = ctx;
    l->calls++;
    if (run == 0)
        l->starts++;
    else
        l->spins++;
}

static void test_spin_detect(void)
{
    mm_space *s = mm_create(32);
    fake_dev d = {0}, e = {0};
    mm_add_mmio(s, "dev", 0x1000, 16, &dev_ops, &d);
    mm_add_mmio(s, "streams", 0x2000, 16, &stream_ops, &e);
    mm_commit(s);
    spin_log l = {0};
    mm_set_spin_hook(s, 4, spin_count, &l);
    /* The first read starts a run; four more identical ones make it long
     * enough, and each further one is reported too. */
    mm_read(s, 0x1004, 1);
    g_assert_cmpint(l.starts, ==, 1);
    for (int i = 0; i < 3; i++) mm_read(s, 0x1004, 1);
    g_assert_cmpint(l.spins, ==, 0);
    mm_read(s, 0x1004, 1);
    g_assert_cmpint(l.spins, ==, 1);
    mm_read(s, 0x1004, 1);
    g_assert_cmpint(l.spins, ==, 2);
    /* A loop that writes the same value each time (clearing a flag) still
     * runs: the first such write ends the old run, the repeats do not. */
    for (int i = 0; i < 6; i++) {
        mm_write(s, 0x1008, 0x7f, 1);
        mm_read(s, 0x1004, 1);
    }
    g_assert_cmpint(l.starts, ==, 2);
    g_assert_cmpint(l.spins, ==, 4); /* reads 5 and 6 of the new run */
    /* A write of something new ends the run. */
    mm_write(s, 0x1008, 0x01, 1);
    mm_read(s, 0x1004, 1);
    g_assert_cmpint(l.starts, ==, 3);
    /* So does a changed value. */
    d.regs[4] = 9;
    mm_read(s, 0x1004, 1);
    g_assert_cmpint(l.starts, ==, 4);
    /* Alternating addresses never make a run long enough. */
    for (int i = 0; i < 20; i++) mm_read(s, i & 1 ? 0x1004 : 0x1005, 1);
    g_assert_cmpint(l.spins, ==, 4);
    /* A streaming register is never part of a run. */
    int calls = l.calls;
    for (int i = 0; i < 50; i++) mm_read(s, 0x200f, 1);
    g_assert_cmpint(l.calls, ==, calls);
    /* Nor is RAM. */
    uint8_t *ram = calloc(1, 4096);
    mm_add_ram(s, "ram", 0, 4096, ram);
    mm_commit(s);
    for (int i = 0; i < 50; i++) mm_read_slow(s, 0x10, 1);
    g_assert_cmpint(l.calls, ==, calls);
    free(ram);
    mm_destroy(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/memmap/ram-rom", test_ram_rom);
    g_test_add_func("/memmap/mmio", test_mmio);
    g_test_add_func("/memmap/overlay", test_overlay);
    g_test_add_func("/memmap/partial-page-mmio", test_partial_page_mmio);
    g_test_add_func("/memmap/remove-and-reuse", test_remove_and_reuse);
    g_test_add_func("/memmap/bad-args", test_bad_args);
    g_test_add_func("/memmap/code-watch", test_code_watch);
    g_test_add_func("/memmap/spin-detect", test_spin_detect);
    return g_test_run();
}
