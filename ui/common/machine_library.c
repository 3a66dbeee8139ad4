#include "machine_library.h"

#include <stdio.h>
#include <string.h>

#include "machines/rom_id.h"
#include "png.h"

bool library_ensure_default(const char *dir, bool *created, GError **err)
{
    if (created) *created = false;
    gchar **files = machine_config_list(dir, err);
    if (!files) return false;
    bool empty = files[0] == NULL;
    g_strfreev(files);
    if (!empty) return true;
    machine_config *cfg = machine_config_default();
    if (!cfg) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_NO_MACHINE,
                    "this build has no machine to put in the library");
        return false;
    }
    gchar *path = machine_config_new_path(dir, machine_config_name(cfg));
    bool ok = machine_config_save(cfg, path, err);
    g_free(path);
    machine_config_free(cfg);
    if (ok && created) *created = true;
    return ok;
}

static gchar *file_stem(const char *path)
{
    gchar *base = g_path_get_basename(path);
    if (g_str_has_suffix(base, ".ini")) base[strlen(base) - 4] = '\0';
    return base;
}

machine_config *library_find(const char *dir, const char *name, GError **err)
{
    gchar **files = machine_config_list(dir, err);
    if (!files) return NULL;
    /* Exact name first, then the name ignoring case, then the file name. */
    machine_config *found = NULL;
    GError *found_err = NULL;
    GString *names = g_string_new(NULL);
    for (int pass = 0; pass < 3 && !found && !found_err; pass++) {
        for (gchar **f = files; *f && !found && !found_err; f++) {
            GError *e = NULL;
            machine_config *cfg = machine_config_load(*f, &e);
            gchar *stem = file_stem(*f);
            bool match = false;
            if (pass == 2)
                match = strcmp(stem, name) == 0;
            else if (cfg)
                match = pass == 0 ? strcmp(machine_config_name(cfg), name) == 0
                                  : g_utf8_collate(machine_config_name(cfg), name) == 0 ||
                                        g_ascii_strcasecmp(machine_config_name(cfg), name) == 0;
            if (pass == 0 && cfg)
                g_string_append_printf(names, "%s'%s'", names->len ? ", " : "",
                                       machine_config_name(cfg));
            if (match && cfg) {
                found = cfg;
                cfg = NULL;
            } else if (match && !cfg) {
                found_err = e;
                e = NULL;
            }
            g_free(stem);
            g_clear_error(&e);
            if (cfg) machine_config_free(cfg);
        }
    }
    if (found_err) {
        g_propagate_error(err, found_err);
    } else if (!found) {
        if (names->len)
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_UNKNOWN_MACHINE,
                        "no machine named '%s' in the library (%s); it holds %s", name, dir,
                        names->str);
        else
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_UNKNOWN_MACHINE,
                        "no machine named '%s': the library (%s) holds no machine", name, dir);
    }
    g_string_free(names, TRUE);
    g_strfreev(files);
    return found;
}

static bool image_check(const char *what, const char *path, GError **err)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "the %s image %s is a folder, not an image file", what, path);
        return false;
    }
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "the %s image %s is missing (moved, renamed or on a disk that is not "
                    "mounted?)",
                    what, path);
        return false;
    }
    return true;
}

bool library_check_files(const machine_config *cfg, GError **err)
{
    const char *p;
    for (size_t i = 0; (p = machine_config_disk(cfg, i, NULL)) != NULL; i++)
        if (!image_check("hard disk", p, err)) return false;
    p = machine_config_cdrom(cfg);
    return !p || image_check("CD", p, err);
}

library_drop_kind library_drop_classify(const char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) return LIBRARY_DROP_FOLDER;
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) return LIBRARY_DROP_MISSING;
    static const char *const cd_ext[] = {".iso", ".toast", ".cdr"};
    gchar *lower = g_ascii_strdown(path, -1);
    library_drop_kind k = LIBRARY_DROP_DISK;
    for (size_t i = 0; i < G_N_ELEMENTS(cd_ext); i++)
        if (g_str_has_suffix(lower, cd_ext[i])) k = LIBRARY_DROP_CDROM;
    g_free(lower);
    return k;
}

bool library_drop_apply(machine_config *cfg, const char *path, library_drop_kind *kind,
                        GError **err)
{
    library_drop_kind k = library_drop_classify(path);
    if (kind) *kind = k;
    switch (k) {
    case LIBRARY_DROP_FOLDER:
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s is a folder: drop a disk or CD image file instead", path);
        return false;
    case LIBRARY_DROP_MISSING:
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "%s does not exist", path);
        return false;
    case LIBRARY_DROP_CDROM: return machine_config_set_cdrom(cfg, path, err);
    case LIBRARY_DROP_DISK: break;
    }
    for (size_t i = 0; i < machine_config_disk_count(cfg); i++) {
        if (strcmp(machine_config_disk(cfg, i, NULL), path) == 0) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "%s is already one of “%s”'s hard disks", path, machine_config_name(cfg));
            return false;
        }
    }
    return machine_config_add_disk(cfg, path, false, err);
}

bool library_firmware_verdict(const char *path, const machine_desc *d, char **verdict)
{
    gchar *base = g_path_get_basename(path);
    bool ok = false;
    char magic[4] = {0};
    FILE *f = g_file_test(path, G_FILE_TEST_IS_REGULAR) ? fopen(path, "rb") : NULL;
    size_t got = f ? fread(magic, 1, sizeof magic, f) : 0;
    if (f) fclose(f);
    if (got == sizeof magic && memcmp(magic, "\177ELF", 4) == 0) {
        /* OpenBIOS ships as an ELF program: the Power Macs load it into the
         * boot ROM's place and check it fully when the machine starts. */
        *verdict = g_strdup_printf("%s is an ELF firmware image (Open Firmware, such as "
                                   "OpenBIOS): the %s can boot it.",
                                   base, d->name);
        ok = true;
    } else {
        const rom_info *match = NULL;
        char *msg = NULL;
        rom_verdict v = rom_identify_file(path, &match, &msg);
        if (v == ROM_OK)
            *verdict = g_strdup_printf("%s. The %s boots Open Firmware (OpenBIOS), not a Mac "
                                       "ROM, so it cannot use this file.",
                                       msg, d->name);
        else
            *verdict = g_strdup_printf("%s. The %s needs an Open Firmware image such as "
                                       "OpenBIOS.",
                                       msg, d->name);
        g_free(msg);
    }
    g_free(base);
    return ok;
}

gchar *library_thumbnail_path(const machine_config *cfg)
{
    const char *ini = machine_config_path(cfg);
    if (!ini) return NULL;
    gchar *dir = g_path_get_dirname(ini);
    gchar *stem = file_stem(ini);
    gchar *name = g_strconcat(stem, ".png", NULL);
    gchar *p = g_build_filename(dir, name, NULL);
    g_free(name);
    g_free(stem);
    g_free(dir);
    return p;
}

bool library_save_thumbnail(machine_config *cfg, const uint32_t *pixels, unsigned w, unsigned h,
                            GError **err)
{
    gchar *png = library_thumbnail_path(cfg);
    if (!png) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "“%s” has no file in the library yet", machine_config_name(cfg));
        return false;
    }
    bool ok = png_write_rgb(png, pixels, w, h, err);
    if (ok) {
        machine_config_set_screenshot(cfg, png);
        ok = machine_config_save(cfg, machine_config_path(cfg), err);
    }
    g_free(png);
    return ok;
}
