/* Blank disk images (machines/disk_create.c): sizes as users write them,
 * sparse files, and never a file overwritten. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "machines/disk_create.h"
#include "machines/session.h"

#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)
#define TiB (UINT64_C(1) << 40)

static gchar *tmpdir;

static void test_parse(void)
{
    struct {
        const char *text;
        uint64_t bytes;
    } good[] = {
        {"512M", 512 * MiB},
        {"2G", 2 * GiB},
        {"2g", 2 * GiB},
        {"2GB", 2 * GiB},
        {"2GiB", 2 * GiB},
        {"1024K", MiB},
        {"1M", MiB},
        {"1.5G", 3 * GiB / 2},
        {"0.5T", TiB / 2},
        {"2T", 2 * TiB},
        {"1048576", MiB},
        {"1048576B", MiB},
        {"1048577", MiB + 512}, /* rounded up to a sector */
        {"1.000001M", MiB + 512},
        /* 1.05 bytes more */ {"2048G", 2 * TiB},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
        uint64_t n = 0;
        GError *err = NULL;
        if (!disk_size_parse(good[i].text, &n, &err)) g_error("%s: %s", good[i].text, err->message);
        g_assert_cmpuint(n, ==, good[i].bytes);
        g_assert_cmpuint(n % 512, ==, 0);
    }
    struct {
        const char *text, *msg;
    } bad[] = {
        {"", "'' is not a size"},
        {"abc", "'abc' is not a size"},
        {"M", "'M' is not a size"},
        {"-1G", "'-1G' is not a size"},
        {"5X", "'5X' is not a size"},
        {"5 G", "'5 G' is not a size"},
        {"1.5", "'1.5' is not a size"},
        {"2G3", "'2G3' is not a size"},
        {"1048575", "'1048575' is too small: a disk image takes at least 1 MiB"},
        {"512K", "'512K' is too small"},
        {"0", "'0' is too small"},
        {"2049G", "'2049G' is too large: a disk image takes at most 2 TiB"},
        {"2.0001T", "is too large"},
        {"3T", "is too large"},
        {"99999999999999999999999T", "is too large"},
        {"18446744073709551615", "is too large"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        uint64_t n = 12345;
        GError *err = NULL;
        g_assert_false(disk_size_parse(bad[i].text, &n, &err));
        g_assert_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG);
        if (!strstr(err->message, bad[i].msg))
            g_error("%s: '%s' lacks '%s'", bad[i].text, err->message, bad[i].msg);
        g_assert_cmpuint(n, ==, 12345); /* untouched */
        g_error_free(err);
    }
}

static void test_create(void)
{
    gchar *path = g_build_filename(tmpdir, "disk.img", NULL);
    GError *err = NULL;
    uint64_t n = 0;
    g_assert_true(disk_size_parse("512M", &n, NULL));
    g_assert_true(disk_create(path, n, &err));
    g_assert_no_error(err);
    GStatBuf st;
    g_assert_cmpint(g_stat(path, &st), ==, 0);
    g_assert_true(S_ISREG(st.st_mode));
    g_assert_cmpuint((uint64_t)st.st_size, ==, 512 * MiB);
    /* Sparse: hardly any blocks behind 512 MiB of zeros. */
    g_assert_cmpuint((uint64_t)st.st_blocks * 512, <, MiB);
    /* All zeros where we look. */
    FILE *f = fopen(path, "rb");
    g_assert_nonnull(f);
    unsigned char buf[4096];
    g_assert_cmpint(fseek(f, (long)(300 * MiB), SEEK_SET), ==, 0);
    g_assert_cmpuint(fread(buf, 1, sizeof buf, f), ==, sizeof buf);
    for (size_t i = 0; i < sizeof buf; i++) g_assert_cmpuint(buf[i], ==, 0);
    fclose(f);

    /* Never overwritten: a second create, even smaller, leaves it. */
    g_assert_false(disk_create(path, MiB, &err));
    g_assert_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG);
    g_assert_nonnull(strstr(err->message, path));
    g_assert_nonnull(strstr(err->message, "already exists"));
    g_clear_error(&err);
    g_assert_cmpint(g_stat(path, &st), ==, 0);
    g_assert_cmpuint((uint64_t)st.st_size, ==, 512 * MiB);

    /* A file with data in it keeps its data. */
    gchar *mine = g_build_filename(tmpdir, "mine.img", NULL);
    g_assert_true(g_file_set_contents(mine, "precious", -1, NULL));
    g_assert_false(disk_create(mine, 2 * MiB, &err));
    g_clear_error(&err);
    gchar *text = NULL;
    g_assert_true(g_file_get_contents(mine, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, "precious");
    g_free(text);

    /* A dangling symbolic link is not followed to create its target. */
    gchar *target = g_build_filename(tmpdir, "target.img", NULL);
    gchar *link = g_build_filename(tmpdir, "link.img", NULL);
    g_assert_cmpint(symlink(target, link), ==, 0);
    g_assert_false(disk_create(link, MiB, &err));
    g_assert_nonnull(strstr(err->message, "already exists"));
    g_clear_error(&err);
    g_assert_false(g_file_test(target, G_FILE_TEST_EXISTS));

    /* A size not a multiple of 512 is rounded up. */
    gchar *odd = g_build_filename(tmpdir, "odd.img", NULL);
    g_assert_true(disk_create(odd, MiB + 1, &err));
    g_assert_cmpint(g_stat(odd, &st), ==, 0);
    g_assert_cmpuint((uint64_t)st.st_size, ==, MiB + 512);

    /* Sizes out of range: nothing is created. */
    gchar *small = g_build_filename(tmpdir, "small.img", NULL);
    g_assert_false(disk_create(small, MiB - 512, &err));
    g_assert_nonnull(strstr(err->message, "too small"));
    g_clear_error(&err);
    g_assert_false(disk_create(small, 2 * TiB + 1, &err));
    g_assert_nonnull(strstr(err->message, "too large"));
    g_clear_error(&err);
    g_assert_false(g_file_test(small, G_FILE_TEST_EXISTS));

    g_free(small);
    g_free(odd);
    g_free(link);
    g_free(target);
    g_free(mine);
    g_free(path);
}

static void test_bad_paths(void)
{
    GError *err = NULL;
    gchar *missing = g_build_filename(tmpdir, "no-such-dir", "disk.img", NULL);
    gchar *mdir = g_build_filename(tmpdir, "no-such-dir", NULL);
    g_assert_false(disk_create(missing, MiB, &err));
    g_assert_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG);
    gchar *want = g_strdup_printf("the folder %s does not exist", mdir);
    if (!strstr(err->message, want)) g_error("'%s' lacks '%s'", err->message, want);
    g_clear_error(&err);
    g_assert_false(g_file_test(mdir, G_FILE_TEST_EXISTS)); /* not made either */

    gchar *file = g_build_filename(tmpdir, "plain", NULL);
    g_assert_true(g_file_set_contents(file, "x", -1, NULL));
    gchar *under = g_build_filename(file, "disk.img", NULL);
    g_assert_false(disk_create(under, MiB, &err));
    g_assert_nonnull(strstr(err->message, "is not a folder"));
    g_clear_error(&err);

    g_assert_false(disk_create("", MiB, &err));
    g_assert_nonnull(strstr(err->message, "empty"));
    g_clear_error(&err);

    g_free(under);
    g_free(file);
    g_free(want);
    g_free(mdir);
    g_free(missing);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("clarus-disk-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/disk-create/parse", test_parse);
    g_test_add_func("/disk-create/create", test_create);
    g_test_add_func("/disk-create/bad-paths", test_bad_paths);
    int rc = g_test_run();
    gchar *argv_rm[] = {"rm", "-rf", tmpdir, NULL};
    g_spawn_sync(NULL, argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    g_free(tmpdir);
    return rc;
}
