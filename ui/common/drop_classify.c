#include "drop_classify.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "machines/session.h"

gboolean drop_is_cd_name(const char *path)
{
    static const char *const cd_ext[] = {".iso", ".toast", ".cdr"};
    if (!path) return FALSE;
    gchar *base = g_path_get_basename(path);
    gchar *low = g_ascii_strdown(base, -1);
    gboolean cd = FALSE;
    for (size_t i = 0; i < G_N_ELEMENTS(cd_ext) && !cd; i++)
        cd = g_str_has_suffix(low, cd_ext[i]) && strlen(low) > strlen(cd_ext[i]);
    g_free(low);
    g_free(base);
    return cd;
}

static drop_kind refuse(GError **err, const char *path, const char *why)
{
    g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "%s: %s", path, why);
    return DROP_REFUSED;
}

drop_kind drop_classify(const char *path, GError **err)
{
    if (!path || !*path) {
        g_set_error_literal(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "the file name is empty");
        return DROP_REFUSED;
    }
    GStatBuf st;
    if (g_stat(path, &st) != 0) {
        int e = errno;
        if (e == ENOENT) return refuse(err, path, "the file does not exist");
        return refuse(err, path, g_strerror(e));
    }
    if (S_ISDIR(st.st_mode))
        return refuse(err, path, "is a folder, not a disk or CD image (drop the image inside it)");
    if (!S_ISREG(st.st_mode)) return refuse(err, path, "is not a regular file (not a disk image)");
    if (g_access(path, R_OK) != 0) return refuse(err, path, "cannot be read (no permission)");
    return drop_is_cd_name(path) ? DROP_CDROM : DROP_DISK;
}

drop_kind drop_classify_uri(const char *uri, gchar **path_out, GError **err)
{
    if (path_out) *path_out = NULL;
    GError *e = NULL;
    gchar *path = uri ? g_filename_from_uri(uri, NULL, &e) : NULL;
    if (!path) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s: not a file on this computer (%s)", uri ? uri : "(nothing)",
                    e ? e->message : "no URI");
        g_clear_error(&e);
        return DROP_REFUSED;
    }
    drop_kind k = drop_classify(path, err);
    if (path_out)
        *path_out = path;
    else
        g_free(path);
    return k;
}
