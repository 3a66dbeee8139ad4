#include "prefs.h"

#include <stdio.h>

#include <glib.h>

static gchar *prefs_path(void)
{
    return g_build_filename(g_get_user_config_dir(), "clarus", "clarus.ini", NULL);
}

/* The value of [display] key, or def when the file does not set it;
 * false in *ok when it is set to something that is not a boolean. */
static bool get_bool(GKeyFile *kf, const char *path, const char *key, bool def, bool *ok)
{
    GError *err = NULL;
    gboolean v = g_key_file_get_boolean(kf, "display", key, &err);
    if (!err) return v;
    if (!g_error_matches(err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND) &&
        !g_error_matches(err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND)) {
        fprintf(stderr, "clarus: %s: [display] %s: %s\n", path, key, err->message);
        *ok = false;
    }
    g_error_free(err);
    return def;
}

void display_prefs_load(display_prefs *p)
{
    *p = (display_prefs){.integer_scaling = false, .alt_is_command = false, .writable = true};
    gchar *path = prefs_path();
    GKeyFile *kf = g_key_file_new();
    GError *err = NULL;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_KEEP_COMMENTS, &err)) {
        if (!g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
            fprintf(stderr, "clarus: %s: %s (using the default display settings)\n", path,
                    err->message);
            p->writable = false;
        }
        g_error_free(err);
    } else {
        bool ok = true;
        p->integer_scaling = get_bool(kf, path, "integer-scaling", false, &ok);
        p->alt_is_command = get_bool(kf, path, "alt-is-command", false, &ok);
        p->writable = ok;
    }
    g_key_file_free(kf);
    g_free(path);
}

void display_prefs_save(const display_prefs *p)
{
    if (!p->writable) return;
    gchar *path = prefs_path();
    GKeyFile *kf = g_key_file_new();
    GError *err = NULL;
    /* Keep what else the file holds (a missing file starts empty). */
    g_key_file_load_from_file(kf, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
    g_key_file_set_boolean(kf, "display", "integer-scaling", p->integer_scaling);
    g_key_file_set_boolean(kf, "display", "alt-is-command", p->alt_is_command);
    gchar *dir = g_path_get_dirname(path);
    if (g_mkdir_with_parents(dir, 0700) != 0 || !g_key_file_save_to_file(kf, path, &err)) {
        fprintf(stderr, "clarus: cannot save the display settings to %s%s%s\n", path,
                err ? ": " : "", err ? err->message : "");
        g_clear_error(&err);
    }
    g_free(dir);
    g_key_file_free(kf);
    g_free(path);
}
