/* QEMU fw_cfg (memory-mapped, PowerPC layout) driven through its windows
 * the way OpenBIOS reads it: a big-endian halfword store to the selector,
 * then byte loads from the data register. */
#include <glib.h>
#include <string.h>

#include "core/bits.h"
#include "core/memmap.h"
#include "machines/dev/fw_cfg.h"

#define CTL  0xf0000510u
#define DATA 0xf0000512u

typedef struct rig {
    mm_space *mm;
    fw_cfg *f;
} rig;

static void rig_init(rig *r)
{
    r->mm = mm_create(32);
    r->f = fw_cfg_create(NULL, "fw_cfg");
    g_assert_nonnull(r->f);
    const device_mmio *c = fw_cfg_ctl_mmio(r->f), *d = fw_cfg_data_mmio(r->f);
    g_assert_cmpuint(c->size, ==, 2);
    g_assert_cmpuint(d->size, ==, 1);
    g_assert_cmpint(mm_add_mmio(r->mm, "fw_cfg.ctl", CTL, c->size, c->ops, c->opaque), >=, 0);
    g_assert_cmpint(mm_add_mmio(r->mm, "fw_cfg.data", DATA, d->size, d->ops, d->opaque), >=, 0);
    mm_commit(r->mm);
    device_reset(fw_cfg_device(r->f), RESET_POWER_ON);
}

static void rig_free(rig *r)
{
    device_destroy(fw_cfg_device(r->f));
    mm_destroy(r->mm);
}

static void sel(rig *r, uint16_t key)
{
    mm_write(r->mm, CTL, key, 2);
}

static void read_item(rig *r, uint16_t key, uint8_t *buf, size_t n)
{
    sel(r, key);
    for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)mm_read(r->mm, DATA, 1);
}

static void test_signature_and_id(void)
{
    rig r;
    rig_init(&r);
    uint8_t b[8];
    read_item(&r, FW_CFG_SIGNATURE, b, 6);
    g_assert_cmpmem(b, 4, "QEMU", 4);
    g_assert_cmpuint(b[4], ==, 0); /* past the end */
    g_assert_cmpuint(b[5], ==, 0);
    read_item(&r, FW_CFG_ID, b, 4);
    g_assert_cmphex(load_le32(b), ==, FW_CFG_VERSION); /* no DMA bit */
    /* After reset the signature is selected. */
    sel(&r, FW_CFG_ID);
    device_reset(fw_cfg_device(r.f), RESET_HARD);
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 'Q');
    /* An unknown item reads zeros. */
    read_item(&r, 0x1234, b, 4);
    g_assert_cmphex(load_le32(b), ==, 0);
    rig_free(&r);
}

static void test_integers(void)
{
    rig r;
    rig_init(&r);
    fw_cfg_add_i16(r.f, FW_CFG_NB_CPUS, 0x0102);
    fw_cfg_add_i32(r.f, FW_CFG_PPC_TBFREQ, 16600000);
    fw_cfg_add_i64(r.f, FW_CFG_RAM_SIZE, 0x0000000180000000ull);
    uint8_t b[9];
    read_item(&r, FW_CFG_NB_CPUS, b, 3);
    g_assert_cmpuint(b[0], ==, 0x02);
    g_assert_cmpuint(b[1], ==, 0x01);
    g_assert_cmpuint(b[2], ==, 0);
    read_item(&r, FW_CFG_PPC_TBFREQ, b, 4);
    g_assert_cmpuint(load_le32(b), ==, 16600000);
    read_item(&r, FW_CFG_RAM_SIZE, b, 9);
    static const uint8_t ram[9] = {0, 0, 0, 0x80, 1, 0, 0, 0, 0};
    g_assert_cmpmem(b, 9, ram, 9);
    /* Replacing an item. */
    fw_cfg_add_i32(r.f, FW_CFG_PPC_TBFREQ, 25000000);
    read_item(&r, FW_CFG_PPC_TBFREQ, b, 4);
    g_assert_cmpuint(load_le32(b), ==, 25000000);
    /* Strings keep their NUL. */
    fw_cfg_add_string(r.f, FW_CFG_CMDLINE_DATA, "root=/dev/sda");
    read_item(&r, FW_CFG_CMDLINE_DATA, b, 4);
    g_assert_cmpmem(b, 4, "root", 4);
    rig_free(&r);
}

static void test_selector(void)
{
    rig r;
    rig_init(&r);
    fw_cfg_add_i32(r.f, FW_CFG_PPC_CLOCKFREQ, 0xaabbccdd);   /* 0x8004 */
    fw_cfg_add_bytes(r.f, 0x0480, "wrong byte order", 16);   /* 0x8004 byte-swapped, arch bit off */
    fw_cfg_add_bytes(r.f, FW_CFG_MACHINE_ID, "\x03\x00", 2); /* 0x0006 */
    uint8_t b[4];
    /* The selector is a big-endian halfword: 0x80 0x04 in memory. */
    read_item(&r, FW_CFG_PPC_CLOCKFREQ, b, 4);
    g_assert_cmphex(load_le32(b), ==, 0xaabbccdd);
    sel(&r, FW_CFG_SIGNATURE);
    mm_write(r.mm, CTL, 0x80, 1); /* byte stores are not a selection */
    mm_write(r.mm, CTL + 1, 0x04, 1);
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 'Q');
    /* Arch-local and generic keys are distinct items. */
    read_item(&r, 0x0004, b, 4);
    g_assert_cmphex(load_le32(b), ==, 0);
    /* Reselecting rewinds; the write-channel bit is ignored. */
    sel(&r, FW_CFG_MACHINE_ID);
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 3);
    sel(&r, FW_CFG_MACHINE_ID | FW_CFG_WRITE_CHANNEL);
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 3);
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 0);
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 0);
    /* Data writes change nothing. */
    sel(&r, FW_CFG_SIGNATURE);
    mm_write(r.mm, DATA, 'X', 1);
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 'Q');
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 'E');
    rig_free(&r);
}

static void test_file_dir(void)
{
    rig r;
    rig_init(&r);
    /* No files yet: the directory is absent and reads a count of 0. */
    uint8_t b[4 + 3 * 64];
    read_item(&r, FW_CFG_FILE_DIR, b, 4);
    g_assert_cmpuint(load_be32(b), ==, 0);

    static const uint8_t ndrv[5] = {1, 2, 3, 4, 5};
    g_assert_cmphex(fw_cfg_add_file(r.f, "ndrv/qemu_vga.ndrv", ndrv, sizeof(ndrv)), ==, 0x20);
    g_assert_cmphex(fw_cfg_add_file(r.f, "bootorder", "/pci@f2000000\n", 15), ==, 0x21);
    read_item(&r, FW_CFG_FILE_DIR, b, sizeof(b));
    g_assert_cmpuint(load_be32(b), ==, 2);
    const uint8_t *e = b + 4;
    g_assert_cmpuint(load_be32(e), ==, 5);
    g_assert_cmphex(load_be16(e + 4), ==, 0x20);
    g_assert_cmphex(load_be16(e + 6), ==, 0);
    g_assert_cmpstr((const char *)e + 8, ==, "ndrv/qemu_vga.ndrv");
    e += 64;
    g_assert_cmpuint(load_be32(e), ==, 15);
    g_assert_cmphex(load_be16(e + 4), ==, 0x21);
    g_assert_cmpstr((const char *)e + 8, ==, "bootorder");
    /* Past the directory's end: zeros. */
    for (unsigned i = 4 + 2 * 64; i < sizeof(b); i++) g_assert_cmpuint(b[i], ==, 0);

    uint8_t c[6];
    read_item(&r, 0x20, c, 6);
    g_assert_cmpmem(c, 5, ndrv, 5);
    g_assert_cmpuint(c[5], ==, 0);

    /* Replacing a file keeps its key and updates the size in the directory. */
    g_assert_cmphex(fw_cfg_add_file(r.f, "bootorder", "x", 2), ==, 0x21);
    read_item(&r, FW_CFG_FILE_DIR, b, 4 + 2 * 64);
    g_assert_cmpuint(load_be32(b), ==, 2);
    g_assert_cmpuint(load_be32(b + 4 + 64), ==, 2);
    /* Bad names are refused. */
    g_assert_cmphex(fw_cfg_add_file(r.f, "", "x", 1), ==, 0);
    char longname[80];
    memset(longname, 'a', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = 0;
    g_assert_cmphex(fw_cfg_add_file(r.f, longname, "x", 1), ==, 0);
    rig_free(&r);
}

static void test_state(void)
{
    rig r;
    rig_init(&r);
    fw_cfg_add_string(r.f, FW_CFG_BOOT_DEVICE, "cd");
    sel(&r, FW_CFG_SIGNATURE);
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 'Q');
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 'E');
    device *d = fw_cfg_device(r.f);
    st_writer *w = st_writer_new();
    st_begin_chunk(w, "fw_cfg", d->cls->state_version);
    d->cls->save(d, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);
    sel(&r, FW_CFG_BOOT_DEVICE);
    GError *err = NULL;
    st_reader *rd = st_reader_new(img, len, &err);
    g_assert_no_error(err);
    uint16_t ver;
    g_assert_true(st_find_chunk(rd, "fw_cfg", &ver));
    g_assert_true(d->cls->load(d, rd, ver));
    st_reader_free(rd);
    g_free(img);
    g_assert_cmphex(mm_read(r.mm, DATA, 1), ==, 'M');
    rig_free(&r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fw-cfg/signature-id", test_signature_and_id);
    g_test_add_func("/fw-cfg/integers", test_integers);
    g_test_add_func("/fw-cfg/selector", test_selector);
    g_test_add_func("/fw-cfg/file-dir", test_file_dir);
    g_test_add_func("/fw-cfg/state", test_state);
    return g_test_run();
}
