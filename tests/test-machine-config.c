/* The machine library's files (machines/machine_config.c) and the shared
 * property rules (machines/machine_prop.c). */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "machines/disk_create.h"
#include "machines/machine_config.h"
#include "machines/machine_prop.h"

static gchar *tmpdir;

static gchar *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

static gchar *write_tmp(const char *name, const char *text)
{
    gchar *p = tmp_path(name);
    g_assert_true(g_file_set_contents(p, text, -1, NULL));
    return p;
}

static gchar *slurp(const char *path)
{
    gchar *s = NULL;
    g_assert_true(g_file_get_contents(path, &s, NULL, NULL));
    return s;
}

static void test_prop_check(void)
{
    const machine_desc *mac99 = machine_find("mac99");
    g_assert_nonnull(mac99);
    GError *err = NULL;
    g_assert_true(machine_prop_check(mac99, "cpu", "750", &err));
    g_assert_no_error(err);
    g_assert_true(machine_prop_check(mac99, "ram", "2048", NULL));
    g_assert_true(machine_prop_check(mac99, "ram", "16", NULL));
    g_assert_true(machine_prop_check(mac99, "via", "pmu-adb", NULL));
    g_assert_true(machine_prop_check(mac99, "serial", "pty", NULL));

    struct {
        const char *key, *value, *msg;
    } bad[] = {
        {"bogus", "1", "'bogus' is not a setting of mac99 (its settings: cpu, ram, "},
        {"cpu", "z80", "cpu takes one of: 7400, 750"},
        {"cpu", "", "cpu takes one of: 7400, 750"},
        {"ram", "15", "ram takes a number from 16 to 2048 (15 is out of range)"},
        {"ram", "2049", "ram takes a number from 16 to 2048 (2049 is out of range)"},
        {"ram", "99999999999999999999999", "is out of range"},
        {"ram", "lots", "ram takes a number from 16 to 2048 ('lots' is not a number)"},
        {"ram", "-128", "'-128' is not a number"},
        {"ram", " 128", "' 128' is not a number"},
        {"ram", "0x80", "'0x80' is not a number"},
        {"ram", "", "'' is not a number"},
        {"firmware", "", "firmware is empty"},
        {"serial", "", "serial is empty"},
        {"cpu", NULL, "cpu needs a value"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_false(machine_prop_check(mac99, bad[i].key, bad[i].value, &err));
        g_assert_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG);
        if (!strstr(err->message, bad[i].msg))
            g_error("%s=%s: '%s' lacks '%s'", bad[i].key, bad[i].value ? bad[i].value : "(null)",
                    err->message, bad[i].msg);
        g_clear_error(&err);
    }
    /* g3beige has its own table: its RAM limit, no "via". */
    const machine_desc *g3 = machine_find("g3beige");
    g_assert_nonnull(g3);
    g_assert_false(machine_prop_check(g3, "via", "pmu", &err));
    g_assert_nonnull(strstr(err->message, "'via' is not a setting of g3beige"));
    g_clear_error(&err);
}

/* The session reports the same rules with the KEY=VALUE in front, as
 * tests/pmac-boot.sh expects of `clarus --machine`. */
static void test_session_messages(void)
{
    const char *const props[][2] = {{"bogus=1", NULL}, {"cpu=z80", NULL}, {"ram=1", NULL}};
    const char *want[] = {"bogus=1: 'bogus' is not a setting of mac99", "cpu=z80: cpu takes one of",
                          "ram=1: ram takes a number from 16 to 2048"};
    for (size_t i = 0; i < G_N_ELEMENTS(props); i++) {
        clarus_config c = {.machine = "mac99", .props = props[i], .headless = true};
        GError *err = NULL;
        clarus_session *s = clarus_session_new(&c, &err);
        g_assert_null(s);
        g_assert_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG);
        if (!g_str_has_prefix(err->message, want[i]))
            g_error("'%s' does not start with '%s'", err->message, want[i]);
        g_clear_error(&err);
    }
}

static void test_new_defaults(void)
{
    const machine_desc *mac99 = machine_find("mac99");
    machine_config *cfg = machine_config_new(mac99);
    g_assert_true(machine_config_desc(cfg) == mac99);
    g_assert_cmpstr(machine_config_name(cfg), ==, mac99->name);
    for (size_t i = 0; i < mac99->nprops; i++)
        g_assert_cmpstr(machine_config_get(cfg, mac99->props[i].key), ==, mac99->props[i].def);
    g_assert_null(machine_config_get(cfg, "bogus"));
    g_assert_cmpuint(machine_config_disk_count(cfg), ==, 0);
    g_assert_null(machine_config_cdrom(cfg));
    g_assert_null(machine_config_screenshot(cfg));
    g_assert_null(machine_config_path(cfg));
    machine_config_free(cfg);

    cfg = machine_config_default();
    g_assert_true(machine_config_desc(cfg) == machine_default());
    g_assert_cmpstr(machine_config_name(cfg), ==, "Power Mac G4");
    machine_config_free(cfg);

    /* id, name and screenshot share [machine] with the properties: no
     * machine may have a property of those names. */
    for (size_t i = 0; i < machine_count(); i++) {
        const machine_desc *d = machine_at(i);
        g_assert_null(machine_prop_find(d, "id"));
        g_assert_null(machine_prop_find(d, "name"));
        g_assert_null(machine_prop_find(d, "screenshot"));
    }
}

static void test_set(void)
{
    machine_config *cfg = machine_config_new(machine_find("mac99"));
    GError *err = NULL;
    g_assert_true(machine_config_set(cfg, "ram", "512", &err));
    g_assert_no_error(err);
    g_assert_cmpstr(machine_config_get(cfg, "ram"), ==, "512");

    g_assert_false(machine_config_set(cfg, "ram", "4096", &err));
    g_assert_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG);
    g_assert_nonnull(strstr(err->message, "ram takes a number from 16 to 2048"));
    g_clear_error(&err);
    g_assert_cmpstr(machine_config_get(cfg, "ram"), ==, "512");

    g_assert_false(machine_config_set(cfg, "cpu", "68040", &err));
    g_assert_nonnull(strstr(err->message, "cpu takes one of: 7400, 750"));
    g_clear_error(&err);
    g_assert_cmpstr(machine_config_get(cfg, "cpu"), ==, "7400");

    g_assert_false(machine_config_set(cfg, "firmware", "", &err));
    g_assert_nonnull(strstr(err->message, "firmware is empty"));
    g_clear_error(&err);

    g_assert_false(machine_config_set(cfg, "colour", "blue", &err));
    g_assert_nonnull(strstr(err->message, "'colour' is not a setting of mac99"));
    g_clear_error(&err);

    /* nvram's default is empty (no file): it may be emptied again. */
    g_assert_true(machine_config_set(cfg, "nvram", "/tmp/nv", NULL));
    g_assert_true(machine_config_set(cfg, "nvram", "", &err));
    g_assert_no_error(err);
    g_assert_cmpstr(machine_config_get(cfg, "nvram"), ==, "");

    g_assert_false(machine_config_set_name(cfg, "", &err));
    g_clear_error(&err);
    g_assert_cmpstr(machine_config_name(cfg), ==, "Power Mac G4 (AGP graphics)");

    g_assert_false(machine_config_add_disk(cfg, "", false, &err));
    g_clear_error(&err);
    g_assert_false(machine_config_add_disk(cfg, "/tmp/a,b.img", false, &err));
    g_assert_nonnull(strstr(err->message, "comma"));
    g_clear_error(&err);
    g_assert_false(machine_config_set_cdrom(cfg, "", &err));
    g_clear_error(&err);
    g_assert_cmpuint(machine_config_disk_count(cfg), ==, 0);
    g_assert_null(machine_config_cdrom(cfg));
    machine_config_free(cfg);
}

static void test_round_trip(void)
{
    /* A file a newer Clarus wrote: a setting, a disk key and a group we do
     * not know, and a comment. */
    gchar *path = write_tmp("newer.ini", "# my favourite machine\n"
                                         "[machine]\n"
                                         "id=mac99\n"
                                         "name=My G4\n"
                                         "cpu=750\n"
                                         "ram=256\n"
                                         "via=pmu\n"
                                         "turbo=yes\n"
                                         "[disks]\n"
                                         "hd1=/images/b.img\n"
                                         "hd0=/images/a.img\n"
                                         "hd0-readonly=true\n"
                                         "cd0=/images/debian.iso\n"
                                         "floppy0=/images/f.img\n"
                                         "[display]\n"
                                         "scale=2\n"
                                         "filter=smooth\n");
    GError *err = NULL;
    machine_config *cfg = machine_config_load(path, &err);
    g_assert_no_error(err);
    g_assert_nonnull(cfg);
    g_assert_cmpstr(machine_config_path(cfg), ==, path);
    g_assert_cmpstr(machine_config_desc(cfg)->id, ==, "mac99");
    g_assert_cmpstr(machine_config_name(cfg), ==, "My G4");
    g_assert_cmpstr(machine_config_get(cfg, "cpu"), ==, "750");
    g_assert_cmpstr(machine_config_get(cfg, "ram"), ==, "256");
    g_assert_cmpstr(machine_config_get(cfg, "via"), ==, "pmu");
    /* Not in the file: the default. */
    g_assert_cmpstr(machine_config_get(cfg, "serial"), ==, "none");
    g_assert_cmpuint(machine_config_disk_count(cfg), ==, 2);
    bool ro = false;
    g_assert_cmpstr(machine_config_disk(cfg, 0, &ro), ==, "/images/a.img");
    g_assert_true(ro);
    g_assert_cmpstr(machine_config_disk(cfg, 1, &ro), ==, "/images/b.img");
    g_assert_false(ro);
    g_assert_null(machine_config_disk(cfg, 2, NULL));
    g_assert_cmpstr(machine_config_cdrom(cfg), ==, "/images/debian.iso");

    /* Changes, saved into a new file. */
    g_assert_true(machine_config_set(cfg, "ram", "1024", NULL));
    g_assert_true(machine_config_set_name(cfg, "My G4 = fast\n[really]", NULL));
    machine_config_remove_disk(cfg, 1);
    g_assert_true(machine_config_add_disk(cfg, "/images/c d.img", false, NULL));
    machine_config_set_disk_readonly(cfg, 1, true);
    machine_config_set_screenshot(cfg, "/shots/g4.png");
    gchar *out = tmp_path("sub/dir/out.ini");
    g_assert_true(machine_config_save(cfg, out, &err));
    g_assert_no_error(err);
    g_assert_cmpstr(machine_config_path(cfg), ==, out);
    machine_config_free(cfg);

    gchar *text = slurp(out);
    g_assert_nonnull(strstr(text, "# my favourite machine"));
    g_assert_nonnull(strstr(text, "turbo=yes"));
    g_assert_nonnull(strstr(text, "floppy0=/images/f.img"));
    g_assert_nonnull(strstr(text, "[display]\nscale=2\nfilter=smooth"));
    /* Every property is written, the disks renumbered. */
    g_assert_nonnull(strstr(text, "firmware=/usr/share/qemu/openbios-ppc"));
    g_assert_nonnull(strstr(text, "nvram=\n"));
    g_assert_nonnull(strstr(text, "hd0=/images/a.img\n"));
    g_assert_nonnull(strstr(text, "hd1=/images/c d.img\n"));
    g_assert_nonnull(strstr(text, "hd1-readonly=true\n"));
    g_assert_null(strstr(text, "b.img"));
    g_free(text);

    cfg = machine_config_load(out, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(machine_config_name(cfg), ==, "My G4 = fast\n[really]");
    g_assert_cmpstr(machine_config_get(cfg, "ram"), ==, "1024");
    g_assert_cmpstr(machine_config_get(cfg, "cpu"), ==, "750");
    g_assert_cmpstr(machine_config_screenshot(cfg), ==, "/shots/g4.png");
    g_assert_cmpuint(machine_config_disk_count(cfg), ==, 2);
    g_assert_cmpstr(machine_config_disk(cfg, 0, &ro), ==, "/images/a.img");
    g_assert_true(ro);
    g_assert_cmpstr(machine_config_disk(cfg, 1, &ro), ==, "/images/c d.img");
    g_assert_true(ro);
    g_assert_cmpstr(machine_config_cdrom(cfg), ==, "/images/debian.iso");
    /* Emptied: the key goes, the unknown keys stay. */
    g_assert_true(machine_config_set_cdrom(cfg, NULL, NULL));
    machine_config_set_screenshot(cfg, NULL);
    g_assert_true(machine_config_save(cfg, out, &err));
    machine_config_free(cfg);
    text = slurp(out);
    g_assert_null(strstr(text, "cd0="));
    g_assert_null(strstr(text, "screenshot="));
    g_assert_nonnull(strstr(text, "floppy0=/images/f.img"));
    g_assert_nonnull(strstr(text, "turbo=yes"));
    g_free(text);

    /* A fresh machine with nothing in [disks] writes no [disks] group. */
    cfg = machine_config_default();
    gchar *fresh = tmp_path("fresh.ini");
    g_assert_true(machine_config_save(cfg, fresh, &err));
    machine_config_free(cfg);
    text = slurp(fresh);
    g_assert_true(g_str_has_prefix(text, "[machine]\nid=mac99\nname=Power Mac G4\n"));
    g_assert_null(strstr(text, "[disks]"));
    g_free(text);
    cfg = machine_config_load(fresh, &err);
    g_assert_no_error(err);
    machine_config_free(cfg);

    g_free(fresh);
    g_free(out);
    g_free(path);
}

/* Each bad file: refused with a message naming the file, group and key,
 * and left as it was. */
static void test_bad_files(void)
{
    struct {
        const char *text, *msg;
    } bad[] = {
        {"this is not a key file\n", "not a Clarus machine file (not a key file"},
        {"\x7f"
         "ELF\x01\x02",
         "not a key file"},
        {"[display]\nscale=2\n", "not a Clarus machine file (it has no [machine] group)"},
        {"[machine]\nname=x\n", "[machine] id is missing"},
        {"[machine]\nid=lisa\nname=x\n", "[machine] id=lisa: unknown machine 'lisa'"},
        {"[machine]\nid=mac99\ncpu=z80\n", "[machine] cpu=z80: cpu takes one of: 7400, 750"},
        {"[machine]\nid=mac99\nram=4096\n",
         "[machine] ram=4096: ram takes a number from 16 to 2048 (4096 is out of range)"},
        {"[machine]\nid=g3beige\nram=lots\n",
         "[machine] ram=lots: ram takes a number from 16 to 2048 ('lots' is not a number)"},
        {"[machine]\nid=mac99\nfirmware=\n", "[machine] firmware=: firmware is empty"},
        {"[machine]\nid=mac99\nvia=adb\n", "[machine] via=adb: via takes one of"},
        {"[machine]\nid=mac99\n[disks]\nhd0=\n", "[disks] hd0: the disk image path is empty"},
        {"[machine]\nid=mac99\n[disks]\nhd0=/a,b.img\n", "[disks] hd0: /a,b.img: a disk image"},
        {"[machine]\nid=mac99\n[disks]\nhd0=/a.img\nhd0-readonly=maybe\n",
         "[disks] hd0-readonly=maybe: takes true or false"},
        {"[machine]\nid=mac99\n[disks]\nhd0=/a.img\nhd1-readonly=true\n",
         "[disks] hd1-readonly: there is no hd1"},
        {"[machine]\nid=mac99\n[disks]\ncd0=\n", "[disks] cd0: the CD image path is empty"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        gchar *name = g_strdup_printf("bad%zu.ini", i);
        gchar *path = write_tmp(name, bad[i].text);
        GError *err = NULL;
        machine_config *cfg = machine_config_load(path, &err);
        g_assert_null(cfg);
        g_assert_nonnull(err);
        g_assert_true(err->domain == CLARUS_ERROR);
        if (!g_str_has_prefix(err->message, path) || !strstr(err->message, bad[i].msg))
            g_error("file %zu: '%s' lacks '%s: ...%s'", i, err->message, path, bad[i].msg);
        g_clear_error(&err);
        gchar *after = slurp(path);
        g_assert_cmpstr(after, ==, bad[i].text);
        g_free(after);
        g_free(path);
        g_free(name);
    }
    GError *err = NULL;
    gchar *missing = tmp_path("no-such.ini");
    g_assert_null(machine_config_load(missing, &err));
    g_assert_nonnull(strstr(err->message, "cannot read it"));
    g_clear_error(&err);
    g_free(missing);
    /* A setting the machine does not have is someone else's: kept, and
     * hd-like keys that are not ours (hd01, hdx) too. */
    gchar *path = write_tmp("odd.ini", "[machine]\nid=mac99\nbogus=1\n[disks]\nhd01=/x\nhdx=/y\n");
    machine_config *cfg = machine_config_load(path, &err);
    g_assert_no_error(err);
    g_assert_cmpuint(machine_config_disk_count(cfg), ==, 0);
    g_assert_true(machine_config_save(cfg, path, &err));
    machine_config_free(cfg);
    gchar *text = slurp(path);
    g_assert_nonnull(strstr(text, "bogus=1"));
    g_assert_nonnull(strstr(text, "hd01=/x"));
    g_assert_nonnull(strstr(text, "hdx=/y"));
    g_free(text);
    g_free(path);
}

static void test_save_fails(void)
{
    machine_config *cfg = machine_config_default();
    gchar *file = write_tmp("plain-file", "x");
    gchar *under = g_build_filename(file, "m.ini", NULL);
    GError *err = NULL;
    g_assert_false(machine_config_save(cfg, under, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, under));
    g_clear_error(&err);
    g_assert_null(machine_config_path(cfg));
    g_free(under);
    g_free(file);
    machine_config_free(cfg);
}

static void test_to_session(void)
{
    machine_config *cfg = machine_config_new(machine_find("mac99"));
    g_assert_true(machine_config_set(cfg, "ram", "256", NULL));
    g_assert_true(machine_config_set(cfg, "via", "pmu", NULL));
    g_assert_true(machine_config_set(cfg, "cpu", "7400", NULL)); /* the default */
    g_assert_true(machine_config_add_disk(cfg, "/images/a.img", false, NULL));
    g_assert_true(machine_config_add_disk(cfg, "/images/b.img", true, NULL));
    g_assert_true(machine_config_set_cdrom(cfg, "/images/d.iso", NULL));
    clarus_config c = {.headless = true, .kernel = "/boot/vmlinux"};
    machine_config_to_session(cfg, &c);
    g_assert_cmpstr(c.machine, ==, "mac99");
    g_assert_nonnull(c.props);
    g_assert_cmpstr(c.props[0], ==, "ram=256");
    g_assert_cmpstr(c.props[1], ==, "via=pmu");
    g_assert_null(c.props[2]);
    g_assert_cmpstr(clarus_config_prop(&c, "ram"), ==, "256");
    g_assert_null(clarus_config_prop(&c, "serial")); /* default: the session decides */
    g_assert_null(clarus_config_prop(&c, "nvram"));  /* empty: none */
    g_assert_cmpstr(c.disks[0], ==, "/images/a.img");
    g_assert_cmpstr(c.disks[1], ==, "/images/b.img,readonly");
    g_assert_null(c.disks[2]);
    g_assert_cmpstr(c.cdrom, ==, "/images/d.iso");
    g_assert_true(c.headless);
    g_assert_cmpstr(c.kernel, ==, "/boot/vmlinux");

    /* Again after changes: the new values. */
    g_assert_true(machine_config_set(cfg, "ram", "128", NULL));
    machine_config_remove_disk(cfg, 0);
    machine_config_remove_disk(cfg, 0);
    g_assert_true(machine_config_set_cdrom(cfg, NULL, NULL));
    machine_config_to_session(cfg, &c);
    g_assert_cmpstr(c.props[0], ==, "via=pmu");
    g_assert_null(c.props[1]);
    g_assert_null(c.disks[0]);
    g_assert_null(c.cdrom);
    machine_config_free(cfg);
}

/* A machine from the library runs: the session builds it with the disk
 * and the settings the config gave (needs OpenBIOS, as QEMU's machines). */
static void test_to_session_runs(void)
{
    if (!g_file_test("/usr/share/qemu/openbios-ppc", G_FILE_TEST_EXISTS)) {
        g_test_skip("OpenBIOS is not installed (apt-get install qemu-system-data)");
        return;
    }
    machine_config *cfg = machine_config_new(machine_find("g3beige"));
    g_assert_true(machine_config_set(cfg, "ram", "64", NULL));
    gchar *img = tmp_path("session-disk.img");
    g_assert_true(disk_create(img, 1 << 20, NULL));
    g_assert_true(machine_config_add_disk(cfg, img, true, NULL));
    clarus_config c = {.headless = true, .serial = "none"};
    machine_config_to_session(cfg, &c);
    GError *err = NULL;
    clarus_session *s = clarus_session_new(&c, &err);
    g_assert_no_error(err);
    g_assert_nonnull(s);
    g_assert_cmpstr(clarus_session_machine(s)->id, ==, "g3beige");
    clarus_session_free(s);

    /* A disk that is not there: refused by name, so the list reached the
     * machine. */
    gchar *nodisk = tmp_path("no-such-disk.img");
    g_assert_true(machine_config_add_disk(cfg, nodisk, false, NULL));
    machine_config_to_session(cfg, &c);
    g_assert_null(clarus_session_new(&c, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, nodisk)) g_error("'%s' does not name %s", err->message, nodisk);
    g_clear_error(&err);
    g_free(nodisk);
    g_free(img);
    machine_config_free(cfg);
}

static void test_library_dir(void)
{
    gchar *dir = machine_config_dir();
    gchar *want = g_build_filename(g_get_user_config_dir(), "clarus", "machines", NULL);
    g_assert_cmpstr(dir, ==, want);
    g_free(want);
    g_free(dir);

    gchar *lib = tmp_path("library");
    GError *err = NULL;
    gchar **list = machine_config_list(lib, &err); /* not there yet: empty */
    g_assert_no_error(err);
    g_assert_nonnull(list);
    g_assert_null(list[0]);
    g_strfreev(list);

    machine_config *cfg = machine_config_default();
    gchar *p1 = machine_config_new_path(lib, machine_config_name(cfg));
    gchar *w1 = g_build_filename(lib, "power-mac-g4.ini", NULL);
    g_assert_cmpstr(p1, ==, w1);
    g_assert_true(machine_config_save(cfg, p1, &err));
    gchar *p2 = machine_config_new_path(lib, "Power Mac G4!");
    gchar *w2 = g_build_filename(lib, "power-mac-g4-2.ini", NULL);
    g_assert_cmpstr(p2, ==, w2);
    g_assert_true(machine_config_save(cfg, p2, &err));
    gchar *p3 = machine_config_new_path(lib, "///");
    gchar *w3 = g_build_filename(lib, "machine.ini", NULL);
    g_assert_cmpstr(p3, ==, w3);
    g_assert_true(machine_config_save(cfg, p3, &err));
    machine_config_free(cfg);
    /* Not machines: other files, a hidden file, a folder named .ini. */
    gchar *junk = g_build_filename(lib, "notes.txt", NULL);
    g_assert_true(g_file_set_contents(junk, "x", -1, NULL));
    gchar *hidden = g_build_filename(lib, ".old.ini", NULL);
    g_assert_true(g_file_set_contents(hidden, "x", -1, NULL));
    gchar *sub = g_build_filename(lib, "folder.ini", NULL);
    g_assert_cmpint(g_mkdir(sub, 0700), ==, 0);

    list = machine_config_list(lib, &err);
    g_assert_no_error(err);
    g_assert_cmpuint(g_strv_length(list), ==, 3);
    g_assert_cmpstr(list[0], ==, w3);
    g_assert_cmpstr(list[1], ==, w2); /* byte order: '-' before '.' */
    g_assert_cmpstr(list[2], ==, w1);
    g_strfreev(list);

    /* A file where the folder should be. */
    g_assert_null(machine_config_list(junk, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, junk));
    g_clear_error(&err);

    g_free(sub);
    g_free(hidden);
    g_free(junk);
    g_free(p1);
    g_free(p2);
    g_free(p3);
    g_free(w1);
    g_free(w2);
    g_free(w3);
    g_free(lib);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("clarus-mcfg-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/machine-config/prop-check", test_prop_check);
    g_test_add_func("/machine-config/session-messages", test_session_messages);
    g_test_add_func("/machine-config/new-defaults", test_new_defaults);
    g_test_add_func("/machine-config/set", test_set);
    g_test_add_func("/machine-config/round-trip", test_round_trip);
    g_test_add_func("/machine-config/bad-files", test_bad_files);
    g_test_add_func("/machine-config/save-fails", test_save_fails);
    g_test_add_func("/machine-config/to-session", test_to_session);
    g_test_add_func("/machine-config/to-session/runs", test_to_session_runs);
    g_test_add_func("/machine-config/library-dir", test_library_dir);
    int rc = g_test_run();
    gchar *argv_rm[] = {"rm", "-rf", tmpdir, NULL};
    g_spawn_sync(NULL, argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    g_free(tmpdir);
    return rc;
}
