/* ROM identification (machines/rom_id.c) on synthetic images: no Apple ROM
 * is used. An image whose checksum is right is built here (a pattern, its
 * sum stored in front), so the verdicts that need a right checksum are
 * tested against a test table through rom_identify_in; the real table is
 * checked for its invariants and against roms-README.
 *
 *   tests/test-rom-id --print-table        prints roms-README's ROM section
 *   tests/test-rom-id --update-readme FILE rewrites that section in FILE */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "machines/rom_id.h"

#define KB 1024u
#define MB (1024u * 1024u)

/* ---- roms-README's ROM section, generated from the table ---- */

static const char readme_heading[] = "ROMs for the 68k Macs and old-world Power Macs";
static const char readme_next[] = "Machines that need no ROM";

static void append_size(GString *s, uint32_t size)
{
    if (size >= MB)
        g_string_append_printf(s, "%u MiB", size / MB);
    else
        g_string_append_printf(s, "%u KiB", size / KB);
}

static void append_family(GString *s, rom_family fam, int name_w)
{
    g_string_append_printf(s, "    checksum  size     %-*s  fits\n", name_w, "ROM name");
    g_string_append_printf(s, "    --------  ----     %-*s  ----\n", name_w, "--------");
    for (size_t i = 0; i < rom_table_len; i++) {
        const rom_info *e = &rom_table[i];
        if (e->family != fam) continue;
        GString *size = g_string_new(NULL);
        append_size(size, e->size);
        g_string_append_printf(s, "    %08X  %-7s  %-*s  %s\n", e->checksum, size->str, name_w,
                               e->name, e->models);
        g_string_free(size, TRUE);
    }
}

static char *readme_section(void)
{
    int name_w = 8;
    for (size_t i = 0; i < rom_table_len; i++) name_w = MAX(name_w, (int)strlen(rom_table[i].name));
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "%s\n", readme_heading);
    for (size_t i = 0; i < strlen(readme_heading); i++) g_string_append_c(s, '-');
    g_string_append(
        s, "\n\n"
           "Clarus has no 68k Mac and no old-world Power Mac machine yet. The 68k machines (the\n"
           "Macintosh 128K to the Quadras) and the old-world Power Macs (NuBus and PCI, up to the\n"
           "beige G3) will each accept the ROMs below that list its model. This section is\n"
           "printed by `tests/test-rom-id --print-table` from machines/rom_id.c (`make\n"
           "update-roms-readme` rewrites it), and `make check` fails when the two differ.\n"
           "\n"
           "68k Macs: the checksum covers the whole ROM (the Classic's: its first 256 KiB, the\n"
           "rest is its ROM disk).\n\n");
    append_family(s, ROM_FAMILY_68K, name_w);
    g_string_append(
        s, "\nOld-world Power Macs: 4 MiB, the 32-bit checksum covers the first 3 MiB (the 68k\n"
           "ROM), a 64-bit checksum in the PowerPC part covers the whole image.\n\n");
    append_family(s, ROM_FAMILY_OLD_WORLD, name_w);
    g_string_append(s, "\n");
    return g_string_free(s, FALSE);
}

/* The section of the README text `all`: from the heading line to the line
 * before readme_next, as [*start, *end). False if either is missing. */
static bool find_section(const char *all, const char **start, const char **end)
{
    g_autofree char *head = g_strdup_printf("\n%s\n", readme_heading);
    g_autofree char *next = g_strdup_printf("\n%s\n", readme_next);
    const char *h = strstr(all, head);
    if (!h) return false;
    const char *n = strstr(h + 1, next);
    if (!n) return false;
    *start = h + 1;
    *end = n + 1;
    return true;
}

static int update_readme(const char *path)
{
    g_autofree char *all = NULL;
    g_autoptr(GError) err = NULL;
    if (!g_file_get_contents(path, &all, NULL, &err)) {
        fprintf(stderr, "test-rom-id: %s\n", err->message);
        return 1;
    }
    const char *start, *end;
    if (!find_section(all, &start, &end)) {
        fprintf(stderr, "test-rom-id: %s has no line \"%s\" followed by \"%s\"\n", path,
                readme_heading, readme_next);
        return 1;
    }
    g_autofree char *section = readme_section();
    g_autofree char *out = g_strdup_printf("%.*s%s%s", (int)(start - all), all, section, end);
    if (!g_file_set_contents(path, out, -1, &err)) {
        fprintf(stderr, "test-rom-id: %s\n", err->message);
        return 1;
    }
    return 0;
}

static void test_readme_table(void)
{
    g_autofree char *path = g_test_build_filename(G_TEST_DIST, "..", "roms-README", NULL);
    g_autofree char *all = NULL;
    g_autoptr(GError) err = NULL;
    g_assert_true(g_file_get_contents(path, &all, NULL, &err));
    const char *start, *end;
    g_assert_true(find_section(all, &start, &end));
    g_autofree char *have = g_strndup(start, (gsize)(end - start));
    g_autofree char *want = readme_section();
    if (strcmp(have, want) != 0) {
        g_test_message("roms-README's ROM section differs from machines/rom_id.c's table; "
                       "`make update-roms-readme` rewrites it. Expected:\n%s",
                       want);
        g_test_fail();
    }
    /* The section of the machines that need no ROM is still there. */
    g_assert_nonnull(strstr(all, "\n    mac99 "));
}

/* ---- synthetic images ---- */

static uint64_t ref_sum(const uint8_t *d, size_t span)
{
    uint64_t sum = 0;
    for (size_t i = 4; i + 1 < span; i += 2) sum += (uint64_t)(d[i] << 8 | d[i + 1]);
    return sum;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)(v >> 32));
    put32(p + 4, (uint32_t)v);
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v = v << 8 | p[i];
    return v;
}

/* `size` bytes of a pseudo-random pattern, the checksum over [4, span)
 * stored in the first four bytes; returns the checksum. */
static uint32_t fill_image(uint8_t *buf, size_t size, size_t span, uint32_t seed)
{
    uint32_t x = seed | 1;
    for (size_t i = 0; i < size; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        buf[i] = (uint8_t)x;
    }
    uint32_t sum = (uint32_t)ref_sum(buf, span);
    put32(buf, sum);
    return sum;
}

/* An old-world image: the 32-bit checksum over the first 3 MiB, the
 * configuration record at 0x300000 + ci_off, then its 64-bit checksum over
 * the whole image, the 32-bit one included, the record's first 40 bytes
 * left out. */
static uint32_t fill_old_world(uint8_t *buf, uint32_t ci_off, uint32_t seed)
{
    uint32_t sum32 = fill_image(buf, 4 * MB, 3 * MB, seed);
    put32(buf + 0x300080, ci_off);
    size_t ci = 0x300000 + ci_off;
    uint64_t sum = 0;
    for (size_t i = 0; i < 4 * MB; i += 8)
        if (i < ci || i >= ci + 40) sum += get64(buf + i);
    put64(buf + ci + 0x20, sum);
    return sum32;
}

static void test_checksum(void)
{
    const uint8_t small[] = {0xde, 0xad, 0xbe, 0xef, 0x12, 0x34, 0xff, 0xff, 0x00, 0x01, 0x77};
    /* Words from offset 4, big-endian; the odd last byte is not counted. */
    g_assert_cmphex(rom_checksum(small, sizeof small), ==, 0x1234 + 0xffff + 0x0001);
    g_assert_cmphex(rom_checksum(small, 4), ==, 0);
    g_assert_cmphex(rom_checksum(small, 6), ==, 0x1234);
    /* The sum wraps at 32 bits: 256 KiB of 0xFF words overflow it. */
    size_t n = 256 * KB;
    uint8_t *ff = g_malloc(n);
    memset(ff, 0xff, n);
    uint64_t full = ref_sum(ff, n);
    g_assert_cmpuint(full, >, UINT32_MAX);
    g_assert_cmphex(rom_checksum(ff, n), ==, (uint32_t)full);
    g_free(ff);
    /* The span of an unknown image: 3 MiB of a 4 MiB one, else all of it. */
    g_assert_cmpuint(rom_default_sum_span(4 * MB), ==, 3 * MB);
    g_assert_cmpuint(rom_default_sum_span(1 * MB), ==, 1 * MB);
    g_assert_cmpuint(rom_default_sum_span(64 * KB), ==, 64 * KB);
}

static void test_verdicts(void)
{
    size_t size = 256 * KB;
    uint8_t *img = g_malloc(2 * size);
    uint32_t ck = fill_image(img, size, size, 1);
    uint8_t *other = g_malloc(size);
    uint32_t ck2 = fill_image(other, size, size / 2, 2);
    g_assert_cmphex(ck, !=, ck2);
    const rom_info table[] = {
        {ck, 256 * KB, 256 * KB, ROM_FAMILY_68K, "Test ROM", "Test Mac 1, Test Mac 2"},
        /* Like the Classic's: the checksum covers the first half. */
        {ck2, 256 * KB, 128 * KB, ROM_FAMILY_68K, "Half ROM", "Test Mac 3"},
    };
    const rom_info *m = NULL;
    char *detail = NULL;

    /* Known, right size, right sum. */
    g_assert_cmpint(rom_identify_in(table, 2, img, size, &m, &detail), ==, ROM_OK);
    g_assert_true(m == &table[0]);
    g_assert_nonnull(strstr(detail, "Test ROM"));
    g_assert_nonnull(strstr(detail, "Test Mac 1, Test Mac 2"));
    g_clear_pointer(&detail, g_free);
    /* Without the optional outputs. */
    g_assert_cmpint(rom_identify_in(table, 2, img, size, NULL, NULL), ==, ROM_OK);

    /* Short: truncated, whatever is left (down to the checksum itself). */
    size_t shorts[] = {size - 2, size / 2, 1000, 4};
    for (size_t i = 0; i < G_N_ELEMENTS(shorts); i++) {
        m = NULL;
        g_assert_cmpint(rom_identify_in(table, 2, img, shorts[i], &m, &detail), ==, ROM_TRUNCATED);
        g_assert_true(m == &table[0]);
        g_assert_nonnull(strstr(detail, "truncated"));
        g_clear_pointer(&detail, g_free);
    }

    /* Too long: the right checksum, the wrong size. */
    memset(img + size, 0, size);
    g_assert_cmpint(rom_identify_in(table, 2, img, size + 2, &m, NULL), ==, ROM_CORRUPT);
    g_assert_true(m == &table[0]);
    g_assert_cmpint(rom_identify_in(table, 2, img, 2 * size, &m, NULL), ==, ROM_CORRUPT);

    /* One byte changed anywhere the sum covers: corrupt. */
    size_t spots[] = {4, 5, size / 3, size - 1};
    for (size_t i = 0; i < G_N_ELEMENTS(spots); i++) {
        img[spots[i]] ^= 0x40;
        m = NULL;
        g_assert_cmpint(rom_identify_in(table, 2, img, size, &m, &detail), ==, ROM_CORRUPT);
        g_assert_true(m == &table[0]);
        g_assert_nonnull(strstr(detail, "corrupt"));
        g_clear_pointer(&detail, g_free);
        img[spots[i]] ^= 0x40;
    }
    g_assert_cmpint(rom_identify_in(table, 2, img, size, NULL, NULL), ==, ROM_OK);

    /* A ROM whose sum covers its first half: the second half is not checked,
     * the first is. */
    g_assert_cmpint(rom_identify_in(table, 2, other, size, &m, NULL), ==, ROM_OK);
    g_assert_true(m == &table[1]);
    other[size - 10] ^= 1;
    g_assert_cmpint(rom_identify_in(table, 2, other, size, NULL, NULL), ==, ROM_OK);
    other[size / 2 - 10] ^= 1;
    g_assert_cmpint(rom_identify_in(table, 2, other, size, NULL, NULL), ==, ROM_CORRUPT);

    /* Not in the table but well-formed: unknown, no match. */
    m = &table[0];
    g_assert_cmpint(rom_identify_in(NULL, 0, img, size, &m, &detail), ==, ROM_UNKNOWN);
    g_assert_null(m);
    g_assert_nonnull(strstr(detail, "does not know"));
    g_clear_pointer(&detail, g_free);
    for (size_t s = 64 * KB; s <= 4 * MB; s *= 2) {
        uint8_t *u = g_malloc(s);
        fill_image(u, s, rom_default_sum_span(s), (uint32_t)s);
        g_assert_cmpint(rom_identify_in(NULL, 0, u, s, NULL, NULL), ==, ROM_UNKNOWN);
        /* The same with its checksum wrong: no Mac ROM at all. */
        u[7] ^= 0x80;
        g_assert_cmpint(rom_identify_in(NULL, 0, u, s, NULL, &detail), ==, ROM_NOT_A_ROM);
        g_assert_nonnull(strstr(detail, "not the checksum"));
        g_clear_pointer(&detail, g_free);
        g_free(u);
    }

    /* Empty, tiny, too small, too large: not a ROM. */
    g_assert_cmpint(rom_identify_in(table, 2, img, 0, &m, &detail), ==, ROM_NOT_A_ROM);
    g_assert_null(m);
    g_assert_nonnull(strstr(detail, "empty"));
    g_clear_pointer(&detail, g_free);
    g_assert_cmpint(rom_identify_in(table, 2, img, 3, &m, NULL), ==, ROM_NOT_A_ROM);
    g_assert_null(m);
    g_assert_cmpint(rom_identify_in(NULL, 0, img, 1000, &m, NULL), ==, ROM_NOT_A_ROM);
    g_assert_cmpint(rom_identify_in(NULL, 0, img, 64 * KB - 2, &m, NULL), ==, ROM_NOT_A_ROM);

    /* A size between ROM sizes with an unknown checksum: corrupt. */
    g_assert_cmpint(rom_identify_in(NULL, 0, img, 100000, &m, &detail), ==, ROM_CORRUPT);
    g_assert_null(m);
    g_assert_nonnull(strstr(detail, "no Macintosh ROM size"));
    g_clear_pointer(&detail, g_free);
    g_assert_cmpint(rom_identify_in(NULL, 0, img, size + 2, &m, NULL), ==, ROM_CORRUPT);

    g_free(img);
    g_free(other);
}

static void test_old_world(void)
{
    uint8_t *img = g_malloc(4 * MB + 8);
    uint32_t ck = fill_old_world(img, 0xd000, 7);
    const rom_info table[] = {
        {ck, 4 * MB, 3 * MB, ROM_FAMILY_OLD_WORLD, "Test Power Mac ROM", "Test Power Mac"},
    };
    const rom_info *m = NULL;
    char *detail = NULL;
    g_assert_cmpint(rom_identify_in(table, 1, img, 4 * MB, &m, NULL), ==, ROM_OK);
    g_assert_true(m == &table[0]);
    /* A changed byte in the 68k part breaks the 32-bit checksum. */
    img[0x123456] ^= 4;
    g_assert_cmpint(rom_identify_in(table, 1, img, 4 * MB, NULL, NULL), ==, ROM_CORRUPT);
    img[0x123456] ^= 4;
    /* One in the PowerPC part (the last MiB) only the 64-bit one. */
    size_t ppc_spots[] = {0x300000, 0x345678, 4 * MB - 1};
    for (size_t i = 0; i < G_N_ELEMENTS(ppc_spots); i++) {
        img[ppc_spots[i]] ^= 0x10;
        g_assert_cmphex(rom_checksum(img, 3 * MB), ==, ck);
        g_assert_cmpint(rom_identify_in(table, 1, img, 4 * MB, NULL, &detail), ==, ROM_CORRUPT);
        g_assert_nonnull(strstr(detail, "64-bit"));
        g_clear_pointer(&detail, g_free);
        img[ppc_spots[i]] ^= 0x10;
    }
    /* The 40 bytes of stored sums themselves are not summed (the byte-lane
     * sums may hold anything). */
    img[0x30d000 + 3] ^= 0xff;
    g_assert_cmpint(rom_identify_in(table, 1, img, 4 * MB, NULL, NULL), ==, ROM_OK);
    img[0x30d000 + 3] ^= 0xff;
    /* A configuration record pointer out of the image. */
    put32(img + 0x300080, 0x00200000);
    g_assert_cmpint(rom_identify_in(table, 1, img, 4 * MB, NULL, NULL), ==, ROM_CORRUPT);
    /* Another record place, consistently built, is fine. */
    ck = fill_old_world(img, 0x8000, 9);
    const rom_info table2[] = {
        {ck, 4 * MB, 3 * MB, ROM_FAMILY_OLD_WORLD, "Test Power Mac ROM", "Test Power Mac"},
    };
    g_assert_cmpint(rom_identify_in(table2, 1, img, 4 * MB, NULL, NULL), ==, ROM_OK);
    /* Truncated to 3 MiB: the 68k part is whole, the image is still short. */
    g_assert_cmpint(rom_identify_in(table2, 1, img, 3 * MB, NULL, NULL), ==, ROM_TRUNCATED);
    /* Unknown 4 MiB images are judged by the 32-bit checksum alone. */
    g_assert_cmpint(rom_identify_in(NULL, 0, img, 4 * MB, NULL, NULL), ==, ROM_UNKNOWN);
    g_free(img);
}

static void test_real_table(void)
{
    g_assert_cmpuint(rom_table_len, >=, 40);
    for (size_t i = 0; i < rom_table_len; i++) {
        const rom_info *e = &rom_table[i];
        /* One entry per checksum. */
        for (size_t j = i + 1; j < rom_table_len; j++)
            g_assert_cmphex(e->checksum, !=, rom_table[j].checksum);
        g_assert_true(rom_lookup(e->checksum) == e);
        /* Power-of-two ROM sizes; a span inside the ROM. */
        g_assert_cmpuint(e->size, >=, ROM_MIN_SIZE);
        g_assert_cmpuint(e->size, <=, ROM_MAX_SIZE);
        g_assert_cmpuint(e->size & (e->size - 1), ==, 0);
        g_assert_cmpuint(e->sum_span, <=, e->size);
        g_assert_cmpuint(e->sum_span, >=, e->size / 2);
        g_assert_cmpuint(e->sum_span % 2, ==, 0);
        /* Old-world ROMs are 4 MiB summed over 3; 68k ROMs are smaller. */
        if (e->family == ROM_FAMILY_OLD_WORLD) {
            g_assert_cmpuint(e->size, ==, 4 * MB);
            g_assert_cmpuint(e->sum_span, ==, 3 * MB);
        } else {
            g_assert_cmpint(e->family, ==, ROM_FAMILY_68K);
            g_assert_cmpuint(e->size, <=, 2 * MB);
        }
        g_assert_nonnull(e->name);
        g_assert_cmpuint(strlen(e->name), >, 0);
        g_assert_cmpuint(strlen(e->name), <=, 40);
        g_assert_nonnull(e->models);
        g_assert_cmpuint(strlen(e->models), >, 0);
        /* Distinct names, so the user can tell the verdicts apart. */
        for (size_t j = i + 1; j < rom_table_len; j++)
            g_assert_cmpstr(e->name, !=, rom_table[j].name);
    }
    g_assert_null(rom_lookup(0));
    g_assert_null(rom_lookup(0x12345678));
    /* The common ROMs the brief names are there, with their sizes. */
    struct {
        uint32_t ck, size;
        const char *model;
    } want[] = {
        {0x28BA61CE, 64 * KB, "Macintosh 128K"},
        {0x4D1F8172, 128 * KB, "Macintosh Plus"},
        {0xB2E362A8, 256 * KB, "Macintosh SE"},
        {0x97221136, 256 * KB, "SE/30"},
        {0x9779D2C4, 256 * KB, "Macintosh II"},
        {0xA49F9914, 512 * KB, "Classic"},
        {0x350EACF0, 512 * KB, "Macintosh LC"},
        {0x368CADFE, 512 * KB, "IIci"},
        {0x4147DD77, 512 * KB, "IIfx"},
        {0x420DBFF3, 1 * MB, "Quadra 900"},
        {0x3DC27823, 1 * MB, "Quadra 950"},
        {0xF1ACAD13, 1 * MB, "Quadra 800"},
        {0xFF7439EE, 1 * MB, "Quadra 605"},
        {0x06684214, 1 * MB, "Quadra 630"},
        {0x9FEB69B3, 4 * MB, "6100"},
        {0x96CD923D, 4 * MB, "9500"},
        {0x9630C68B, 4 * MB, "7200"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        const rom_info *e = rom_lookup(want[i].ck);
        g_assert_nonnull(e);
        g_assert_cmpuint(e->size, ==, want[i].size);
        g_assert_nonnull(strstr(e->models, want[i].model));
    }
    /* The Classic's checksum covers its first 256 KiB. */
    g_assert_cmpuint(rom_lookup(0xA49F9914)->sum_span, ==, 256 * KB);

    /* rom_identify uses this table: a Plus v3 checksum over a synthetic
     * body cannot add up (a real checksum cannot be forged), so the verdict
     * is corrupt, and truncated when short. */
    uint8_t *img = g_malloc0(128 * KB);
    fill_image(img, 128 * KB, 128 * KB, 3);
    put32(img, 0x4D1F8172);
    const rom_info *m = NULL;
    g_assert_cmpint(rom_identify(img, 128 * KB, &m), ==, ROM_CORRUPT);
    g_assert_nonnull(m);
    g_assert_cmphex(m->checksum, ==, 0x4D1F8172);
    g_assert_cmpint(rom_identify(img, 64 * KB, &m), ==, ROM_TRUNCATED);
    g_assert_cmphex(m->checksum, ==, 0x4D1F8172);
    /* A well-formed image of our own is unknown to it. */
    fill_image(img, 128 * KB, 128 * KB, 3);
    g_assert_null(rom_lookup(rom_checksum(img, 128 * KB)));
    g_assert_cmpint(rom_identify(img, 128 * KB, &m), ==, ROM_UNKNOWN);
    g_assert_null(m);
    g_free(img);
}

static char *write_temp(const char *dir, const char *name, const uint8_t *data, size_t len)
{
    char *path = g_build_filename(dir, name, NULL);
    g_assert_true(g_file_set_contents(path, (const char *)data, (gssize)len, NULL));
    return path;
}

static void test_file(void)
{
    g_autofree char *dir = g_dir_make_tmp("rom-id-XXXXXX", NULL);
    g_assert_nonnull(dir);
    const rom_info *m = NULL;
    char *msg = NULL;

    /* Missing file, a directory. */
    g_autofree char *missing = g_build_filename(dir, "missing.rom", NULL);
    g_assert_cmpint(rom_identify_file(missing, &m, &msg), ==, ROM_UNREADABLE);
    g_assert_null(m);
    g_assert_nonnull(strstr(msg, missing));
    g_assert_nonnull(strstr(msg, "No such file"));
    g_clear_pointer(&msg, g_free);
    g_assert_cmpint(rom_identify_file(dir, &m, &msg), ==, ROM_UNREADABLE);
    g_assert_nonnull(strstr(msg, "not a regular file"));
    g_clear_pointer(&msg, g_free);

    /* Empty. */
    g_autofree char *empty = write_temp(dir, "empty.rom", (const uint8_t *)"", 0);
    g_assert_cmpint(rom_identify_file(empty, &m, &msg), ==, ROM_NOT_A_ROM);
    g_assert_nonnull(strstr(msg, "not a Macintosh ROM"));
    g_assert_nonnull(strstr(msg, "empty"));
    g_clear_pointer(&msg, g_free);

    /* A Plus v3 ROM's first 64 KiB: truncated, named. */
    uint8_t *img = g_malloc(256 * KB);
    fill_image(img, 256 * KB, 256 * KB, 5);
    g_autofree char *unknown = write_temp(dir, "unknown.rom", img, 256 * KB);
    g_assert_cmpint(rom_identify_file(unknown, &m, &msg), ==, ROM_UNKNOWN);
    g_assert_null(m);
    g_assert_nonnull(strstr(msg, "unknown ROM"));
    g_clear_pointer(&msg, g_free);
    put32(img, 0x4D1F8172);
    g_autofree char *trunc = write_temp(dir, "trunc.rom", img, 64 * KB);
    g_assert_cmpint(rom_identify_file(trunc, &m, &msg), ==, ROM_TRUNCATED);
    g_assert_nonnull(m);
    g_assert_cmphex(m->checksum, ==, 0x4D1F8172);
    g_assert_nonnull(strstr(msg, trunc));
    g_assert_nonnull(strstr(msg, "Macintosh Plus v3"));
    g_assert_nonnull(strstr(msg, "64 KiB of its 128 KiB"));
    g_clear_pointer(&msg, g_free);
    g_autofree char *bad = write_temp(dir, "bad.rom", img, 128 * KB);
    g_assert_cmpint(rom_identify_file(bad, &m, &msg), ==, ROM_CORRUPT);
    g_assert_nonnull(strstr(msg, "corrupt"));
    g_clear_pointer(&msg, g_free);

    /* Larger than any ROM (a sparse file): only the start is read. */
    g_autofree char *big = write_temp(dir, "big.rom", img, 4);
    FILE *f = fopen(big, "r+b");
    g_assert_nonnull(f);
    g_assert_cmpint(fseek(f, 64 * MB - 1, SEEK_SET), ==, 0);
    g_assert_cmpint(fputc(0, f), ==, 0);
    fclose(f);
    g_assert_cmpint(rom_identify_file(big, &m, &msg), ==, ROM_CORRUPT);
    g_assert_cmphex(m->checksum, ==, 0x4D1F8172);
    g_assert_nonnull(strstr(msg, "64 MiB"));
    g_clear_pointer(&msg, g_free);
    f = fopen(big, "r+b");
    g_assert_cmpint(fputc(0x55, f), ==, 0x55);
    fclose(f);
    g_assert_cmpint(rom_identify_file(big, &m, &msg), ==, ROM_NOT_A_ROM);
    g_assert_null(m);
    g_assert_nonnull(strstr(msg, "larger than any Macintosh ROM"));
    g_clear_pointer(&msg, g_free);
    /* No message asked for. */
    g_assert_cmpint(rom_identify_file(big, NULL, NULL), ==, ROM_NOT_A_ROM);

    const char *files[] = {empty, unknown, trunc, bad, big};
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) g_assert_cmpint(g_unlink(files[i]), ==, 0);
    g_assert_cmpint(g_rmdir(dir), ==, 0);
    g_free(img);
}

static void test_verdict_text(void)
{
    const rom_verdict all[] = {ROM_OK,      ROM_UNKNOWN,   ROM_TRUNCATED,
                               ROM_CORRUPT, ROM_NOT_A_ROM, ROM_UNREADABLE};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++) {
        const char *t = rom_verdict_text(all[i]);
        g_assert_nonnull(t);
        g_assert_cmpuint(strlen(t), >, 0);
        for (size_t j = 0; j < i; j++) g_assert_cmpstr(t, !=, rom_verdict_text(all[j]));
    }
    g_assert_cmpstr(rom_verdict_text(ROM_TRUNCATED), ==, "truncated ROM");
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--print-table") == 0) {
        g_autofree char *s = readme_section();
        fputs(s, stdout);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--update-readme") == 0) return update_readme(argv[2]);
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/rom-id/checksum", test_checksum);
    g_test_add_func("/rom-id/verdicts", test_verdicts);
    g_test_add_func("/rom-id/old-world", test_old_world);
    g_test_add_func("/rom-id/real-table", test_real_table);
    g_test_add_func("/rom-id/file", test_file);
    g_test_add_func("/rom-id/verdict-text", test_verdict_text);
    g_test_add_func("/rom-id/readme-table", test_readme_table);
    return g_test_run();
}
