/* The Power Mac machine pieces of our own: the firmware ELF loader, the
 * NVRAM partition layout, mac-io's register window dispatch. */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/bits.h"
#include "machines/firmware.h"
#include "machines/macio.h"
#include "machines/pmac.h"
#include "machines/dev/adb.h"
#include "machines/dev/macio_ata.h"
#include "machines/session.h"
#include "machines/session_internal.h"

#define BASE 0xfff00000u
#define SIZE 0x00100000u

/* A minimal ELF32 big-endian PowerPC image with one PT_LOAD segment. */
static size_t make_elf(uint8_t *buf, uint16_t e_machine, uint32_t paddr, const void *data,
                       uint32_t filesz, uint32_t memsz)
{
    memset(buf, 0, 52 + 32);
    memcpy(buf, "\177ELF\001\002\001", 7);
    store_be16(buf + 16, 2);
    store_be16(buf + 18, e_machine);
    store_be32(buf + 24, paddr + 0x100); /* entry */
    store_be32(buf + 28, 52);            /* phoff */
    store_be16(buf + 40, 52);
    store_be16(buf + 42, 32);
    store_be16(buf + 44, 1);
    uint8_t *ph = buf + 52;
    store_be32(ph, 1);
    store_be32(ph + 4, 84);
    store_be32(ph + 8, paddr);
    store_be32(ph + 12, paddr);
    store_be32(ph + 16, filesz);
    store_be32(ph + 20, memsz);
    memcpy(buf + 84, data, filesz);
    return 84 + filesz;
}

static void test_elf_loads(void)
{
    uint8_t elf[256], *rom = g_malloc(SIZE);
    memset(rom, 0xaa, SIZE);
    size_t n = make_elf(elf, 20, 0xfff00100, "\x48\x00\x00\x00", 4, 16);
    uint32_t entry = 0;
    GError *err = NULL;
    g_assert_true(fw_load_elf_rom_data("t", elf, n, rom, BASE, SIZE, &entry, &err));
    g_assert_no_error(err);
    g_assert_cmphex(entry, ==, 0xfff00200);
    g_assert_cmphex(load_be32(rom + 0x100), ==, 0x48000000);
    /* The rest of memsz is zero-filled; outside it, untouched. */
    g_assert_cmphex(load_be32(rom + 0x10c), ==, 0);
    g_assert_cmphex(rom[0x110], ==, 0xaa);
    g_free(rom);
}

static void expect_bad(const uint8_t *elf, size_t n, const char *what)
{
    uint8_t *rom = g_malloc0(SIZE);
    GError *err = NULL;
    g_assert_false(fw_load_elf_rom_data("t", elf, n, rom, BASE, SIZE, NULL, &err));
    g_assert_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_FIRMWARE);
    if (!strstr(err->message, what)) g_error("message '%s' lacks '%s'", err->message, what);
    g_error_free(err);
    g_free(rom);
}

static void test_elf_rejects(void)
{
    uint8_t elf[256];
    size_t n = make_elf(elf, 20, 0xfff00100, "abcd", 4, 4);
    expect_bad((const uint8_t *)"MZ\x90\x00", 4, "not an ELF");
    expect_bad(elf, 40, "not an ELF"); /* shorter than the ELF header */
    expect_bad(elf, 60, "truncated");  /* program header cut off */
    expect_bad(elf, n - 2, "truncated");
    make_elf(elf, 3, 0xfff00100, "abcd", 4, 4);
    expect_bad(elf, n, "another CPU");
    make_elf(elf, 20, 0x00100000, "abcd", 4, 4);
    expect_bad(elf, n, "outside the boot ROM");
    make_elf(elf, 20, 0xfffffffe, "abcd", 4, 4);
    expect_bad(elf, n, "outside the boot ROM");
    make_elf(elf, 20, 0xfff00100, "abcd", 4, 4);
    elf[5] = 1; /* little-endian */
    expect_bad(elf, n, "big-endian");
}

static unsigned part_sum(const uint8_t *h)
{
    unsigned sum = h[0];
    for (int i = 2; i < 16; i++) {
        sum += h[i];
        if (sum > 0xff) sum = (sum & 0xff) + 1;
    }
    return sum;
}

static void test_nvram_layout(void)
{
    uint8_t nv[0x2000];
    const char *env[] = {"auto-boot?=false", "boot-device=hd:,\\\\:tbxi", NULL};
    g_assert_true(pmac_nvram_format(nv, sizeof(nv), env));
    /* System partition: signature 0x70, "system", then the variables. */
    g_assert_cmphex(nv[0], ==, 0x70);
    g_assert_cmpstr((const char *)nv + 4, ==, "system");
    g_assert_cmpuint(nv[1], ==, part_sum(nv));
    g_assert_cmpstr((const char *)nv + 16, ==, "auto-boot?=false");
    g_assert_cmpstr((const char *)nv + 16 + 17, ==, "boot-device=hd:,\\\\:tbxi");
    size_t sys = (size_t)load_be16(nv + 2) * 16;
    g_assert_cmpuint(sys, ==, 0xc10);
    /* Free space up to half, then Mac OS X's partition. */
    g_assert_cmphex(nv[sys], ==, 0x7f);
    g_assert_cmpuint(nv[sys + 1], ==, part_sum(nv + sys));
    g_assert_cmpuint(sys + (size_t)load_be16(nv + sys + 2) * 16, ==, 0x1000);
    g_assert_cmphex(nv[0x1000], ==, 0x5a);
    g_assert_cmpuint((size_t)load_be16(nv + 0x1002) * 16, ==, 0x1000);
    g_assert_cmpuint(nv[0x1001], ==, part_sum(nv + 0x1000));
    /* Settings that cannot fit are refused. */
    char big[0x1000];
    memset(big, 'x', sizeof(big) - 1);
    big[0] = 'a', big[1] = '=', big[sizeof(big) - 1] = 0;
    const char *too_much[] = {big, NULL};
    g_assert_false(pmac_nvram_format(nv, sizeof(nv), too_much));
}

/* A child register window that records what reaches it. */
typedef struct {
    uint32_t last_off, last_val;
    unsigned writes;
} probe;
static uint32_t probe_read(void *o, uint32_t off, unsigned size)
{
    (void)o;
    return 0x1000 + off + size;
}
static void probe_write(void *o, uint32_t off, uint32_t v, unsigned size)
{
    (void)size;
    probe *p = o;
    p->last_off = off, p->last_val = v, p->writes++;
}
static const mmio_ops probe_ops = {probe_read, probe_write, NULL};

static void test_macio_dispatch(void)
{
    mm_space *mm = mm_create(32);
    sched s;
    sched_init(&s);
    device_env env = {.bus = mm, .sched = &s};
    macio *m = macio_create(&env, "mac-io", MACIO_KEYLARGO);
    pci_device *pd = macio_pci(m);
    g_assert_cmphex(pd->config[0] | pd->config[1] << 8, ==, 0x106b);
    g_assert_cmphex(pd->config[2] | pd->config[3] << 8, ==, 0x0022);
    probe a = {0}, b = {0};
    device_mmio wa = {&probe_ops, &a, 0x40}, wb = {&probe_ops, &b, 0x1000};
    g_assert_true(macio_map(m, "a", 0x13000, &wa));
    g_assert_true(macio_map(m, "b", 0x16000, &wb));
    g_assert_false(macio_map(m, "too-far", 0x7f800, &wb)); /* past the 512 KiB BAR */
    const mmio_ops *ops = pd->bar[0].ops;
    void *op = pd->bar[0].opaque;
    g_assert_cmpuint(pd->bar[0].size, ==, 0x80000);
    g_assert_cmphex(ops->read(op, 0x13020, 1), ==, 0x1000 + 0x20 + 1);
    ops->write(op, 0x16400, 0x5a, 1);
    g_assert_cmpuint(b.writes, ==, 1);
    g_assert_cmphex(b.last_off, ==, 0x400);
    g_assert_cmpuint(a.writes, ==, 0);
    /* The ASIC's feature control registers keep what is written. */
    ops->write(op, 0x38, 0x12345678, 4);
    g_assert_cmphex(ops->read(op, 0x38, 4), ==, 0x12345678);
    g_assert_cmphex(ops->read(op, 0x3a, 2), ==, 0x5678);
    /* An unpopulated cell reads zero. */
    g_assert_cmphex(ops->read(op, 0x50000, 4), ==, 0);
    device_destroy(macio_device(m));
    mm_destroy(mm);
}

/* The reset button: OpenBIOS starts again from its reset vector. */
static void test_session_reset(void)
{
    if (!g_file_test("/usr/share/qemu/openbios-ppc", G_FILE_TEST_EXISTS)) {
        g_test_skip("OpenBIOS is not installed (apt-get install qemu-system-data)");
        return;
    }
    clarus_config cfg = {.machine = "g3beige", .headless = true, .serial = "none"};
    GError *err = NULL;
    clarus_session *s = clarus_session_new(&cfg, &err);
    g_assert_no_error(err);
    clarus_run_opts o = {.until = "0 >", .timeout_seconds = 60};
    g_assert_cmpint(clarus_session_run(s, &o), ==, CLARUS_STOP_UNTIL);
    g_assert_true(clarus_session_reset(s));
    clarus_run_opts again = {.until = "Welcome to OpenBIOS", .timeout_seconds = 60};
    g_assert_cmpint(clarus_session_run(s, &again), ==, CLARUS_STOP_UNTIL);
    g_assert_cmpint(clarus_session_run(s, &o), ==, CLARUS_STOP_UNTIL);
    clarus_session_free(s);
}

/* The mouse through the session: the motion and button reach the ADB
 * mouse behind the machine's CUDA or PMU, and a Talk register 0 reports
 * them as "Guide to the Macintosh Family Hardware" (2nd ed., chapter 8,
 * "Apple Desktop Bus", the mouse's register 0) lays it out: bit 15 the
 * button, 0 when down; bits 14-8 the Y motion and bits 6-0 the X motion,
 * each 7-bit two's complement; bit 7 always 1. */
static void check_mouse(const char *model, const char *via, bool has_adb)
{
    const char *props[] = {via, NULL};
    clarus_config cfg = {.machine = model, .headless = true, .serial = "none"};
    if (via) cfg.props = props;
    GError *err = NULL;
    clarus_session *s = clarus_session_new(&cfg, &err);
    g_assert_no_error(err);
    adb_bus *b = pmac_adb_bus(clarus_session_machine_internal(s));
    if (!has_adb) {
        g_assert_null(b);
        g_assert_false(clarus_session_mouse(s, 5, -3, 1));
        clarus_session_free(s);
        return;
    }
    g_assert_nonnull(b);
    uint8_t r[ADB_MAX_REPLY];
    const uint8_t talk0[] = {0x3c}; /* address 3 (the mouse), Talk, register 0 */
    g_assert_cmpint(adb_request(b, talk0, 1, r), ==, -1); /* nothing to say yet */
    g_assert_true(clarus_session_mouse(s, 5, -3, 1));
    g_assert_cmpint(adb_request(b, talk0, 1, r), ==, 2);
    g_assert_cmphex(r[0], ==, 0x7d);                      /* button down (0), dy -3 */
    g_assert_cmphex(r[1], ==, 0x85);                      /* bit 7 set, dx +5 */
    g_assert_cmpint(adb_request(b, talk0, 1, r), ==, -1); /* reported once */
    /* Motion adds up until the guest asks; the button let go of. */
    g_assert_true(clarus_session_mouse(s, -2, 4, 1));
    g_assert_true(clarus_session_mouse(s, -3, 4, 0));
    g_assert_cmpint(adb_request(b, talk0, 1, r), ==, 2);
    g_assert_cmphex(r[0], ==, 0x88); /* up, dy +8 */
    g_assert_cmphex(r[1], ==, 0xfb); /* dx -5 */
    /* A long move goes out in steps of at most 63 (or -64). */
    g_assert_true(clarus_session_mouse(s, 100, 0, 0));
    g_assert_cmpint(adb_request(b, talk0, 1, r), ==, 2);
    g_assert_cmphex(r[1], ==, 0x80 | 63);
    g_assert_cmpint(adb_request(b, talk0, 1, r), ==, 2);
    g_assert_cmphex(r[1], ==, 0x80 | 37);
    clarus_session_free(s);
}

static void test_session_mouse(void)
{
    if (!g_file_test("/usr/share/qemu/openbios-ppc", G_FILE_TEST_EXISTS)) {
        g_test_skip("OpenBIOS is not installed (apt-get install qemu-system-data)");
        return;
    }
    check_mouse("mac99", NULL, true);          /* CUDA */
    check_mouse("mac99", "via=pmu-adb", true); /* PMU with its ADB bus */
    check_mouse("mac99", "via=pmu", false);    /* PMU, USB-only: no ADB mouse */
    check_mouse("g3beige", NULL, true);        /* CUDA */
}

/* No Power Mac has sound yet (the AWACS/Screamer is not emulated): the
 * session says so rather than handing out silence. */
static void test_no_sound(void)
{
    if (!g_file_test("/usr/share/qemu/openbios-ppc", G_FILE_TEST_EXISTS)) {
        g_test_skip("OpenBIOS is not installed (apt-get install qemu-system-data)");
        return;
    }
    clarus_config cfg = {.machine = "mac99", .headless = true, .serial = "none"};
    GError *err = NULL;
    clarus_session *s = clarus_session_new(&cfg, &err);
    g_assert_no_error(err);
    unsigned rate = 1, channels = 1;
    g_assert_false(clarus_session_audio_format(s, &rate, &channels));
    clarus_run_opts o = {.guest_seconds = 0.05};
    g_assert_cmpint(clarus_session_run(s, &o), ==, CLARUS_STOP_GUEST_TIME);
    int16_t buf[64];
    g_assert_cmpuint(clarus_session_audio_take(s, buf, 32), ==, 0);
    clarus_session_free(s);
}

/* ---- a disc swapped through the session ---- */

/* Task-file registers of the mac-io ATA channel (offset = n << 4). */
enum { ATA_DATA, ATA_ERR, ATA_NSECT, ATA_SECT, ATA_LCYL, ATA_HCYL, ATA_SELECT, ATA_STATUS };

static uint8_t ata_rb(const device_mmio *io, unsigned reg)
{
    return (uint8_t)io->ops->read(io->opaque, reg << 4, 1);
}

static void ata_wb(const device_mmio *io, unsigned reg, uint8_t v)
{
    io->ops->write(io->opaque, reg << 4, v, 1);
}

/* One ATAPI packet by PIO, as a driver sends it (ATA/ATAPI-6 9.8, the
 * PACKET command protocol): the data-in bytes land in buf; returns the
 * ending status, *sense_key the Error register's sense key. */
static uint8_t atapi_packet(const device_mmio *io, const uint8_t cdb[12], uint8_t *buf,
                            uint32_t max, uint32_t *got, uint8_t *sense_key)
{
    ata_wb(io, ATA_ERR, 0); /* PIO */
    ata_wb(io, ATA_LCYL, (uint8_t)max);
    ata_wb(io, ATA_HCYL, (uint8_t)(max >> 8));
    ata_wb(io, ATA_SELECT, 0xa0);
    ata_wb(io, ATA_STATUS, 0xa0);
    g_assert_cmphex(ata_rb(io, ATA_STATUS) & 0x88, ==, 0x08);
    for (unsigned i = 0; i < 12; i += 2)
        io->ops->write(io->opaque, 0, (uint32_t)cdb[i] << 8 | cdb[i + 1], 2);
    *got = 0;
    for (;;) {
        uint8_t st = ata_rb(io, ATA_STATUS);
        if (!(st & 0x08)) {
            *sense_key = ata_rb(io, ATA_ERR) >> 4;
            return st;
        }
        uint32_t bc = ata_rb(io, ATA_LCYL) | (uint32_t)ata_rb(io, ATA_HCYL) << 8;
        for (uint32_t i = 0; i < bc; i += 2) {
            uint16_t w = __builtin_bswap16((uint16_t)io->ops->read(io->opaque, 0, 2));
            g_assert_cmpuint(*got + i + 2, <=, max);
            buf[*got + i] = (uint8_t)w;
            buf[*got + i + 1] = (uint8_t)(w >> 8);
        }
        *got += bc;
    }
}

/* TEST UNIT READY: 0 when good, else the sense key and *asc. */
static uint8_t test_unit_ready(const device_mmio *io, uint8_t *asc)
{
    const uint8_t tur[12] = {0x00};
    const uint8_t sense_cmd[12] = {0x03, 0, 0, 0, 18};
    uint8_t buf[64];
    uint32_t got;
    uint8_t key = 0, none;
    uint8_t st = atapi_packet(io, tur, buf, sizeof buf, &got, &key);
    *asc = 0;
    if (!(st & 0x01)) return 0;
    g_assert_cmpuint(atapi_packet(io, sense_cmd, buf, sizeof buf, &got, &none) & 0x01, ==, 0);
    g_assert_cmpuint(got, ==, 18);
    /* The Error register's sense key and REQUEST SENSE's agree. */
    g_assert_cmphex(buf[2] & 0x0f, ==, key);
    *asc = buf[12];
    return buf[2] & 0x0f;
}

/* READ CAPACITY: the last LBA. */
static uint32_t read_capacity(const device_mmio *io)
{
    const uint8_t cap[12] = {0x25};
    uint8_t buf[64];
    uint32_t got;
    uint8_t key;
    g_assert_cmpuint(atapi_packet(io, cap, buf, sizeof buf, &got, &key) & 0x01, ==, 0);
    g_assert_cmpuint(got, ==, 8);
    g_assert_cmpuint(load_be32(buf + 4), ==, 2048);
    return load_be32(buf);
}

static gchar *make_iso(const char *dir, const char *name, unsigned sectors)
{
    gchar *path = g_build_filename(dir, name, NULL);
    gchar *data = g_malloc0((gsize)sectors * 2048);
    g_assert_true(g_file_set_contents(path, data, (gssize)sectors * 2048, NULL));
    g_free(data);
    return path;
}

/* A disc swapped in the running machine's drive. T10 SPC-3 (the unit
 * attention condition) and MMC-3 / SFF-8020i (media changes): the drive
 * answers the first command after the change with CHECK CONDITION, sense
 * key UNIT ATTENTION (6), ASC 28h "not ready to ready change, medium may
 * have changed", once; then it is ready with the new disc's capacity. */
static void test_session_cd(void)
{
    if (!g_file_test("/usr/share/qemu/openbios-ppc", G_FILE_TEST_EXISTS)) {
        g_test_skip("OpenBIOS is not installed (apt-get install qemu-system-data)");
        return;
    }
    gchar *dir = g_dir_make_tmp("clarus-cd-XXXXXX", NULL);
    g_assert_nonnull(dir);
    gchar *a = make_iso(dir, "a.iso", 100), *b = make_iso(dir, "b.iso", 300);
    clarus_config cfg = {.machine = "mac99", .headless = true, .serial = "none", .cdrom = a};
    GError *err = NULL;
    clarus_session *s = clarus_session_new(&cfg, &err);
    g_assert_no_error(err);
    macio_ata *ata = pmac_cd_channel(clarus_session_machine_internal(s));
    g_assert_nonnull(ata);
    const device_mmio *io = macio_ata_mmio(ata);
    uint8_t asc;
    /* The disc the machine started with: no unit attention. */
    g_assert_cmpuint(test_unit_ready(io, &asc), ==, 0);
    g_assert_cmpuint(read_capacity(io), ==, 99);
    /* A folder or a missing file: refused, the disc stays, nothing to report. */
    g_assert_false(clarus_session_insert_cd(s, dir, &err));
    g_assert_nonnull(strstr(err->message, dir));
    g_clear_error(&err);
    gchar *missing = g_build_filename(dir, "none.iso", NULL);
    g_assert_false(clarus_session_insert_cd(s, missing, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    g_assert_cmpuint(test_unit_ready(io, &asc), ==, 0);
    g_assert_cmpuint(read_capacity(io), ==, 99);
    /* The new disc: one unit attention, then its capacity. */
    g_assert_true(clarus_session_insert_cd(s, b, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(test_unit_ready(io, &asc), ==, 6);
    g_assert_cmphex(asc, ==, 0x28);
    g_assert_cmpuint(test_unit_ready(io, &asc), ==, 0);
    g_assert_cmpuint(read_capacity(io), ==, 299);
    /* Ejected: a unit attention, then "medium not present" (02/3A). */
    g_assert_true(clarus_session_eject_cd(s, &err));
    g_assert_cmpuint(test_unit_ready(io, &asc), ==, 6);
    g_assert_cmpuint(test_unit_ready(io, &asc), ==, 2);
    g_assert_cmphex(asc, ==, 0x3a);
    /* The machine still runs with the drive's changes behind it. */
    clarus_run_opts o = {.guest_seconds = 0.02};
    g_assert_cmpint(clarus_session_run(s, &o), ==, CLARUS_STOP_GUEST_TIME);
    clarus_session_free(s);
    g_remove(a);
    g_remove(b);
    g_rmdir(dir);
    g_free(missing);
    g_free(a);
    g_free(b);
    g_free(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pmac/elf-loads", test_elf_loads);
    g_test_add_func("/pmac/elf-rejects", test_elf_rejects);
    g_test_add_func("/pmac/nvram-layout", test_nvram_layout);
    g_test_add_func("/pmac/macio-dispatch", test_macio_dispatch);
    g_test_add_func("/pmac/session-reset", test_session_reset);
    g_test_add_func("/pmac/session-mouse", test_session_mouse);
    g_test_add_func("/pmac/no-sound", test_no_sound);
    g_test_add_func("/pmac/session-cd", test_session_cd);
    return g_test_run();
}
