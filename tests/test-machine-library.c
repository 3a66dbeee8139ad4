/* The machine library's rules that need no window (ui/common/machine_library.c):
 * the default machine of a fresh install, finding a machine by name, the
 * files a machine needs, what a dropped file becomes, firmware verdicts and
 * thumbnails. */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "machines/rom_id.h"
#include "ui/common/machine_library.h"

static gchar *tmpdir;

static gchar *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

static gchar *write_tmp(const char *name, const void *data, gssize len)
{
    gchar *p = tmp_path(name);
    g_assert_true(g_file_set_contents(p, data, len, NULL));
    return p;
}

static void test_drop_classify(void)
{
    gchar *iso = write_tmp("Install.ISO", "x", 1);
    gchar *toast = write_tmp("disc.toast", "x", 1);
    gchar *cdr = write_tmp("disc.cdr", "x", 1);
    gchar *img = write_tmp("hd.img", "x", 1);
    gchar *isolike = write_tmp("iso.img", "x", 1);
    gchar *dir = tmp_path("a-folder.iso");
    g_assert_cmpint(g_mkdir(dir, 0700), ==, 0);
    gchar *missing = tmp_path("missing.img");
    g_assert_cmpint(library_drop_classify(iso), ==, LIBRARY_DROP_CDROM);
    g_assert_cmpint(library_drop_classify(toast), ==, LIBRARY_DROP_CDROM);
    g_assert_cmpint(library_drop_classify(cdr), ==, LIBRARY_DROP_CDROM);
    g_assert_cmpint(library_drop_classify(img), ==, LIBRARY_DROP_DISK);
    g_assert_cmpint(library_drop_classify(isolike), ==, LIBRARY_DROP_DISK);
    g_assert_cmpint(library_drop_classify(dir), ==, LIBRARY_DROP_FOLDER);
    g_assert_cmpint(library_drop_classify(missing), ==, LIBRARY_DROP_MISSING);

    machine_config *cfg = machine_config_new(machine_find("mac99"));
    GError *err = NULL;
    library_drop_kind k;
    g_assert_false(library_drop_apply(cfg, dir, &k, &err));
    g_assert_cmpint(k, ==, LIBRARY_DROP_FOLDER);
    g_assert_nonnull(strstr(err->message, "a-folder.iso is a folder"));
    g_clear_error(&err);
    g_assert_false(library_drop_apply(cfg, missing, &k, &err));
    g_assert_nonnull(strstr(err->message, "does not exist"));
    g_clear_error(&err);
    g_assert_cmpuint(machine_config_disk_count(cfg), ==, 0);
    g_assert_null(machine_config_cdrom(cfg));

    g_assert_true(library_drop_apply(cfg, iso, &k, &err));
    g_assert_no_error(err);
    g_assert_cmpint(k, ==, LIBRARY_DROP_CDROM);
    g_assert_cmpstr(machine_config_cdrom(cfg), ==, iso);
    g_assert_true(library_drop_apply(cfg, toast, &k, NULL));
    g_assert_cmpstr(machine_config_cdrom(cfg), ==, toast);
    g_assert_true(library_drop_apply(cfg, img, &k, &err));
    g_assert_cmpint(k, ==, LIBRARY_DROP_DISK);
    g_assert_cmpuint(machine_config_disk_count(cfg), ==, 1);
    g_assert_cmpstr(machine_config_disk(cfg, 0, NULL), ==, img);
    /* The same disk twice would be locked against itself. */
    g_assert_false(library_drop_apply(cfg, img, &k, &err));
    g_assert_nonnull(strstr(err->message, "already"));
    g_clear_error(&err);
    g_assert_cmpuint(machine_config_disk_count(cfg), ==, 1);

    /* The files a machine needs before it starts. */
    g_assert_true(library_check_files(cfg, &err));
    g_assert_no_error(err);
    g_assert_true(machine_config_add_disk(cfg, missing, false, NULL));
    g_assert_false(library_check_files(cfg, &err));
    g_assert_nonnull(strstr(err->message, missing));
    g_assert_nonnull(strstr(err->message, "missing"));
    g_clear_error(&err);
    machine_config_remove_disk(cfg, 1);
    g_assert_true(machine_config_set_cdrom(cfg, dir, NULL));
    g_assert_false(library_check_files(cfg, &err));
    g_assert_nonnull(strstr(err->message, "is a folder"));
    g_clear_error(&err);
    machine_config_free(cfg);

    g_remove(iso);
    g_remove(toast);
    g_remove(cdr);
    g_remove(img);
    g_remove(isolike);
    g_rmdir(dir);
    g_free(iso);
    g_free(toast);
    g_free(cdr);
    g_free(img);
    g_free(isolike);
    g_free(dir);
    g_free(missing);
}

static void test_default_and_find(void)
{
    gchar *lib = tmp_path("library");
    GError *err = NULL;
    bool created = false;
    /* A fresh install: the folder does not exist yet. */
    g_assert_true(library_ensure_default(lib, &created, &err));
    g_assert_no_error(err);
    g_assert_true(created);
    gchar **files = machine_config_list(lib, NULL);
    g_assert_cmpuint(g_strv_length(files), ==, 1);
    machine_config *cfg = machine_config_load(files[0], &err);
    g_assert_no_error(err);
    g_assert_cmpstr(machine_config_desc(cfg)->id, ==, "mac99");
    g_assert_cmpstr(machine_config_name(cfg), ==, "Power Mac G4");
    machine_config_free(cfg);
    g_assert_true(library_ensure_default(lib, &created, NULL));
    g_assert_false(created);

    cfg = library_find(lib, "Power Mac G4", &err);
    g_assert_no_error(err);
    g_assert_nonnull(cfg);
    g_assert_cmpstr(machine_config_path(cfg), ==, files[0]);
    machine_config_free(cfg);
    cfg = library_find(lib, "power mac g4", NULL);
    g_assert_nonnull(cfg);
    machine_config_free(cfg);
    gchar *stem = g_path_get_basename(files[0]);
    stem[strlen(stem) - 4] = '\0';
    cfg = library_find(lib, stem, NULL);
    g_assert_nonnull(cfg);
    machine_config_free(cfg);
    g_free(stem);
    g_assert_null(library_find(lib, "Quadra", &err));
    g_assert_nonnull(strstr(err->message, "no machine named 'Quadra'"));
    g_assert_nonnull(strstr(err->message, "'Power Mac G4'"));
    g_clear_error(&err);

    /* A broken file is named by the error when it is the one asked for, and
     * is never written. */
    const char *bad = "[machine]\nid=mac99\nname=Broken\nram=lots\n";
    gchar *badpath = g_build_filename(lib, "broken.ini", NULL);
    g_assert_true(g_file_set_contents(badpath, bad, -1, NULL));
    g_assert_null(library_find(lib, "broken", &err));
    g_assert_nonnull(strstr(err->message, "broken.ini"));
    g_assert_nonnull(strstr(err->message, "ram"));
    g_clear_error(&err);
    gchar *after = NULL;
    g_assert_true(g_file_get_contents(badpath, &after, NULL, NULL));
    g_assert_cmpstr(after, ==, bad);
    g_free(after);

    /* Only broken files: not a fresh install, nothing is added. */
    g_remove(files[0]);
    g_assert_true(library_ensure_default(lib, &created, NULL));
    g_assert_false(created);
    g_strfreev(files);
    files = machine_config_list(lib, NULL);
    g_assert_cmpuint(g_strv_length(files), ==, 1);
    g_strfreev(files);
    g_remove(badpath);
    g_free(badpath);
    g_rmdir(lib);
    g_free(lib);
}

static void test_firmware_verdict(void)
{
    const machine_desc *mac99 = machine_find("mac99");
    char *v = NULL;
    static const char elf[] = "\177ELF\001\002\001";
    gchar *fw = write_tmp("my-openbios", elf, sizeof elf);
    g_assert_true(library_firmware_verdict(fw, mac99, &v));
    g_assert_nonnull(strstr(v, "ELF firmware image"));
    g_free(v);

    gchar *junk = write_tmp("junk.rom", "not a rom at all", -1);
    g_assert_false(library_firmware_verdict(junk, mac99, &v));
    g_assert_nonnull(strstr(v, "not a Macintosh ROM"));
    g_assert_nonnull(strstr(v, "junk.rom"));
    g_free(v);

    /* A known ROM's checksum on a file cut short: truncated. */
    const rom_info *r = &rom_table[0];
    gsize n = r->size / 2;
    guint8 *data = g_malloc0(n);
    data[0] = (guint8)(r->checksum >> 24);
    data[1] = (guint8)(r->checksum >> 16);
    data[2] = (guint8)(r->checksum >> 8);
    data[3] = (guint8)r->checksum;
    gchar *cut = write_tmp("cut.rom", data, (gssize)n);
    g_assert_false(library_firmware_verdict(cut, mac99, &v));
    g_assert_nonnull(strstr(v, "truncated"));
    g_free(v);

    gchar *missing = tmp_path("no-such.rom");
    g_assert_false(library_firmware_verdict(missing, mac99, &v));
    g_assert_nonnull(strstr(v, "no-such.rom"));
    g_free(v);

    g_remove(fw);
    g_remove(junk);
    g_remove(cut);
    g_free(fw);
    g_free(junk);
    g_free(cut);
    g_free(missing);
    g_free(data);
}

static void test_thumbnail(void)
{
    machine_config *cfg = machine_config_new(machine_find("g3beige"));
    const uint32_t px[4] = {0xff0000, 0x00ff00, 0x0000ff, 0xffffff};
    GError *err = NULL;
    g_assert_null(library_thumbnail_path(cfg));
    g_assert_false(library_save_thumbnail(cfg, px, 2, 2, &err));
    g_clear_error(&err);
    gchar *ini = tmp_path("beige.ini");
    g_assert_true(machine_config_save(cfg, ini, NULL));
    g_assert_true(library_save_thumbnail(cfg, px, 2, 2, &err));
    g_assert_no_error(err);
    gchar *png = tmp_path("beige.png");
    g_assert_cmpstr(machine_config_screenshot(cfg), ==, png);
    g_assert_true(g_file_test(png, G_FILE_TEST_IS_REGULAR));
    machine_config *again = machine_config_load(ini, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(machine_config_screenshot(again), ==, png);
    machine_config_free(again);
    machine_config_free(cfg);
    g_remove(png);
    g_remove(ini);
    g_free(png);
    g_free(ini);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("clarus-library-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/library/drop", test_drop_classify);
    g_test_add_func("/library/default-and-find", test_default_and_find);
    g_test_add_func("/library/firmware-verdict", test_firmware_verdict);
    g_test_add_func("/library/thumbnail", test_thumbnail);
    int rc = g_test_run();
    g_rmdir(tmpdir);
    g_free(tmpdir);
    return rc;
}
