/* What a dropped file becomes (ui/common/drop_classify.c): CD images by
 * name, other regular files hard disks, folders and missing files refused
 * with a message naming them. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "machines/session.h"
#include "ui/common/drop_classify.h"

static gchar *tmpdir;

static gchar *make_file(const char *name)
{
    gchar *p = g_build_filename(tmpdir, name, NULL);
    g_assert_true(g_file_set_contents(p, "data", 4, NULL));
    return p;
}

static void test_names(void)
{
    const char *cd[] = {"a.iso", "A.ISO", "dir/x.Toast", "x.cdr", "x.CDR", "/p/q/r.iSo"};
    const char *not_cd[] = {"a.img", "a.iso.img", "iso", ".iso", "a.dsk", "a.toas", "cdr", "a_iso"};
    for (size_t i = 0; i < G_N_ELEMENTS(cd); i++) g_assert_true(drop_is_cd_name(cd[i]));
    for (size_t i = 0; i < G_N_ELEMENTS(not_cd); i++)
        if (drop_is_cd_name(not_cd[i])) g_error("%s taken for a CD image", not_cd[i]);
    g_assert_false(drop_is_cd_name(NULL));
}

static void test_files(void)
{
    const char *cds[] = {"disc.iso", "DISC2.ISO", "burn.toast", "Image.Cdr"};
    const char *disks[] = {"hd.img", "hd.dsk", "noext", "hd.hfv", "iso.img"};
    for (size_t i = 0; i < G_N_ELEMENTS(cds); i++) {
        gchar *p = make_file(cds[i]);
        GError *err = NULL;
        g_assert_cmpint(drop_classify(p, &err), ==, DROP_CDROM);
        g_assert_no_error(err);
        g_free(p);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(disks); i++) {
        gchar *p = make_file(disks[i]);
        GError *err = NULL;
        g_assert_cmpint(drop_classify(p, &err), ==, DROP_DISK);
        g_assert_no_error(err);
        g_free(p);
    }
}

static void expect_refused(const char *path, const char *why)
{
    GError *err = NULL;
    g_assert_cmpint(drop_classify(path, &err), ==, DROP_REFUSED);
    g_assert_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG);
    if (*path && !strstr(err->message, path)) g_error("'%s' does not name %s", err->message, path);
    if (!strstr(err->message, why)) g_error("'%s' does not say '%s'", err->message, why);
    g_error_free(err);
}

static void test_refused(void)
{
    gchar *dir = g_build_filename(tmpdir, "folder.iso", NULL);
    g_assert_cmpint(g_mkdir(dir, 0700), ==, 0);
    expect_refused(dir, "is a folder");
    gchar *plain = g_build_filename(tmpdir, "folder", NULL);
    g_assert_cmpint(g_mkdir(plain, 0700), ==, 0);
    expect_refused(plain, "is a folder");
    gchar *missing = g_build_filename(tmpdir, "missing.img", NULL);
    expect_refused(missing, "does not exist");
    gchar *missing_cd = g_build_filename(tmpdir, "missing.iso", NULL);
    expect_refused(missing_cd, "does not exist");
    expect_refused("", "empty");
    expect_refused("/dev/null", "not a regular file");
    /* A file the user may not read (root reads everything: skip that part). */
    if (geteuid() != 0) {
        gchar *locked = make_file("locked.img");
        g_assert_cmpint(g_chmod(locked, 0), ==, 0);
        expect_refused(locked, "cannot be read");
        g_chmod(locked, 0600);
        g_free(locked);
    }
    g_free(dir);
    g_free(plain);
    g_free(missing);
    g_free(missing_cd);
}

static void test_uri(void)
{
    gchar *p = make_file("with space.ISO");
    gchar *uri = g_filename_to_uri(p, NULL, NULL);
    gchar *back = NULL;
    GError *err = NULL;
    g_assert_cmpint(drop_classify_uri(uri, &back, &err), ==, DROP_CDROM);
    g_assert_no_error(err);
    g_assert_cmpstr(back, ==, p);
    g_free(back);
    g_assert_cmpint(drop_classify_uri("http://example.org/a.iso", &back, &err), ==, DROP_REFUSED);
    g_assert_null(back);
    g_assert_nonnull(strstr(err->message, "http://example.org/a.iso"));
    g_clear_error(&err);
    gchar *dir_uri = g_filename_to_uri(tmpdir, NULL, NULL);
    g_assert_cmpint(drop_classify_uri(dir_uri, &back, &err), ==, DROP_REFUSED);
    g_assert_nonnull(strstr(err->message, "is a folder"));
    g_assert_cmpstr(back, ==, tmpdir);
    g_clear_error(&err);
    g_free(back);
    g_free(dir_uri);
    g_free(uri);
    g_free(p);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("clarus-drop-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/drop-classify/names", test_names);
    g_test_add_func("/drop-classify/files", test_files);
    g_test_add_func("/drop-classify/refused", test_refused);
    g_test_add_func("/drop-classify/uri", test_uri);
    int rc = g_test_run();
    gchar *argv_rm[] = {"rm", "-rf", tmpdir, NULL};
    g_spawn_sync(NULL, argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    g_free(tmpdir);
    return rc;
}
