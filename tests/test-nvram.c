/* Mac NVRAM: strided byte cells, wide accesses, files and save states. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "machines/dev/nvram.h"

static nvram *make(sched *s, mm_space *bus, unsigned shift)
{
    device_env env = {.bus = bus, .sched = s};
    nvram *n = nvram_create(&env, "nvram", 0x2000, shift);
    g_assert_nonnull(n);
    device_reset(nvram_device(n), RESET_POWER_ON);
    return n;
}

static void test_stride_core99(void)
{
    sched s;
    sched_init(&s);
    nvram *n = make(&s, NULL, 1);
    const device_mmio *io = nvram_mmio(n);
    g_assert_cmphex(io->size, ==, 0x4000);
    uint8_t *d = nvram_data(n);
    for (unsigned i = 0; i < 0x2000; i++) g_assert_cmpuint(d[i], ==, 0);
    /* Byte i at offset i << 1; the odd offset hits the same cell. */
    io->ops->write(io->opaque, 0x10 << 1, 0x5a, 1);
    g_assert_cmphex(d[0x10], ==, 0x5a);
    g_assert_cmphex(io->ops->read(io->opaque, (0x10 << 1) + 1, 1), ==, 0x5a);
    io->ops->write(io->opaque, 0x1fff << 1, 0xa5, 1);
    g_assert_cmphex(d[0x1fff], ==, 0xa5);
    /* A 4-byte read at 4i covers cells 2i and 2i+1, each twice. */
    d[0x20] = 0x12;
    d[0x21] = 0x34;
    g_assert_cmphex(io->ops->read(io->opaque, 0x40, 4), ==, 0x12123434);
    g_assert_cmphex(io->ops->read(io->opaque, 0x40, 2), ==, 0x1212);
    /* A 4-byte write: the later byte of each pair wins. */
    io->ops->write(io->opaque, 0x80, 0xaabbccdd, 4);
    g_assert_cmphex(d[0x40], ==, 0xbb);
    g_assert_cmphex(d[0x41], ==, 0xdd);
    /* NVRAM survives a reset. */
    device_reset(nvram_device(n), RESET_HARD);
    g_assert_cmphex(d[0x10], ==, 0x5a);
    device_destroy(nvram_device(n));
}

static void test_stride_heathrow(void)
{
    sched s;
    sched_init(&s);
    nvram *n = make(&s, NULL, 4);
    const device_mmio *io = nvram_mmio(n);
    g_assert_cmphex(io->size, ==, 0x20000);
    uint8_t *d = nvram_data(n);
    for (unsigned i = 0; i < 256; i++) io->ops->write(io->opaque, i << 4, i ^ 0x3c, 1);
    for (unsigned i = 0; i < 256; i++) g_assert_cmphex(d[i], ==, i ^ 0x3c);
    g_assert_cmphex(d[256], ==, 0);
    g_assert_cmphex(io->ops->read(io->opaque, (7 << 4) + 0xf, 1), ==, 7 ^ 0x3c);
    /* With 16-byte cells a word access stays within one cell. */
    g_assert_cmphex(io->ops->read(io->opaque, 3 << 4, 4), ==, 0x3f3f3f3f);
    device_destroy(nvram_device(n));
}

static void test_bad_args(void)
{
    device_env env = {0};
    g_assert_null(nvram_create(&env, "nvram", 0x3000, 1));
    g_assert_null(nvram_create(&env, "nvram", 0, 1));
    g_assert_null(nvram_create(&env, "nvram", 0x2000, 9));
}

static void test_files(void)
{
    sched s;
    sched_init(&s);
    nvram *n = make(&s, NULL, 1);
    uint8_t *d = nvram_data(n);
    for (unsigned i = 0; i < 0x2000; i++) d[i] = (uint8_t)(i * 7);
    gchar *dir = g_dir_make_tmp("clarus-nvram-XXXXXX", NULL);
    g_assert_nonnull(dir);
    gchar *path = g_build_filename(dir, "nvram.bin", NULL);
    gchar *bad = g_build_filename(dir, "short.bin", NULL);
    GError *err = NULL;
    g_assert_true(nvram_save_file(n, path, &err));
    g_assert_no_error(err);

    nvram *m = make(&s, NULL, 4);
    g_assert_true(nvram_load_file(m, path, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(nvram_data(m), 0x2000, d, 0x2000);

    /* A file of the wrong size is refused and changes nothing. */
    g_assert_true(g_file_set_contents(bad, "abc", 3, NULL));
    g_assert_false(nvram_load_file(m, bad, &err));
    g_assert_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL);
    g_clear_error(&err);
    g_assert_cmpmem(nvram_data(m), 0x2000, d, 0x2000);
    gchar *missing = g_build_filename(dir, "none.bin", NULL);
    g_assert_false(nvram_load_file(m, missing, &err));
    g_assert_error(err, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_clear_error(&err);

    g_unlink(path);
    g_unlink(bad);
    g_rmdir(dir);
    g_free(missing);
    g_free(path);
    g_free(bad);
    g_free(dir);
    device_destroy(nvram_device(m));
    device_destroy(nvram_device(n));
}

static void test_save_state(void)
{
    sched s;
    sched_init(&s);
    nvram *n = make(&s, NULL, 1);
    device *dev = nvram_device(n);
    nvram_data(n)[5] = 0x77;
    st_writer *w = st_writer_new();
    st_begin_chunk(w, dev->id, dev->cls->state_version);
    dev->cls->save(dev, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);
    nvram_data(n)[5] = 0;
    st_reader *r = st_reader_new(img, len, NULL);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "nvram", &ver));
    g_assert_true(dev->cls->load(dev, r, ver));
    g_assert_cmphex(nvram_data(n)[5], ==, 0x77);
    st_reader_free(r);
    g_free(img);
    device_destroy(dev);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/nvram/stride-core99", test_stride_core99);
    g_test_add_func("/nvram/stride-heathrow", test_stride_heathrow);
    g_test_add_func("/nvram/bad-args", test_bad_args);
    g_test_add_func("/nvram/files", test_files);
    g_test_add_func("/nvram/save-state", test_save_state);
    return g_test_run();
}
