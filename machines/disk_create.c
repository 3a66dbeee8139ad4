#include "disk_create.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session.h"

static uint64_t round_up(uint64_t n)
{
    return (n + 511) & ~UINT64_C(511);
}

static bool size_range(const char *what, uint64_t n, GError **err)
{
    if (n < DISK_CREATE_MIN) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s is too small: a disk image takes at least 1 MiB", what);
        return false;
    }
    if (n > DISK_CREATE_MAX) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s is too large: a disk image takes at most 2 TiB", what);
        return false;
    }
    return true;
}

bool disk_size_parse(const char *text, uint64_t *bytes, GError **err)
{
    const char *c = text ? text : "";
    /* Whole and fractional digits, kept exact: the fraction's first 6
     * digits (frac / scale), so frac << 40 still fits 64 bits. */
    uint64_t whole = 0, frac = 0, scale = 1;
    bool digits = false, big = false;
    for (; g_ascii_isdigit(*c); c++) {
        digits = true;
        if (whole > (UINT64_MAX - 9) / 10)
            big = true;
        else
            whole = whole * 10 + (uint64_t)(*c - '0');
    }
    if (*c == '.') {
        for (c++; g_ascii_isdigit(*c); c++) {
            digits = true;
            if (scale < UINT64_C(1000000)) {
                frac = frac * 10 + (uint64_t)(*c - '0');
                scale *= 10;
            }
        }
    }
    unsigned shift = 0;
    switch (g_ascii_toupper(*c)) {
    case 'K': shift = 10; break;
    case 'M': shift = 20; break;
    case 'G': shift = 30; break;
    case 'T': shift = 40; break;
    default: break;
    }
    if (shift) {
        c++;
        if (g_ascii_toupper(*c) == 'I' && g_ascii_toupper(c[1]) == 'B')
            c += 2;
        else if (g_ascii_toupper(*c) == 'B')
            c++;
    } else if (g_ascii_toupper(*c) == 'B' && !c[1]) {
        c++;
    }
    if (!digits || *c || (frac && !shift)) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "'%s' is not a size: give a number with K, M, G or T (as in 512M or 2G)",
                    text ? text : "");
        return false;
    }
    uint64_t n;
    if (big || whole > (UINT64_MAX >> shift))
        n = UINT64_MAX;
    else
        /* The fraction, rounded up to a byte. */
        n = (whole << shift) + ((frac << shift) + scale - 1) / scale;
    gchar *what = g_strdup_printf("'%s'", text);
    bool ok = size_range(what, n, err);
    g_free(what);
    if (ok) *bytes = round_up(n);
    return ok;
}

bool disk_create(const char *path, uint64_t bytes, GError **err)
{
    gchar *what = g_strdup_printf("%s: %" G_GUINT64_FORMAT " bytes", path, bytes);
    bool ok = size_range(what, bytes, err);
    g_free(what);
    if (!ok) return false;
    bytes = round_up(bytes); /* 2 TiB is a multiple of 512: no overflow */
    if (!path || !*path) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "the disk image path is empty");
        return false;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        int e = errno;
        gchar *dir = g_path_get_dirname(path);
        if (e == EEXIST)
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "%s already exists: Clarus does not overwrite it (choose another name)",
                        path);
        else if (e == ENOENT)
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "cannot create %s: the folder %s does not exist", path, dir);
        else if (e == ENOTDIR)
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "cannot create %s: %s is not a folder", path, dir);
        else
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "cannot create %s: %s", path,
                        g_strerror(e));
        g_free(dir);
        return false;
    }
    /* Sparse: the file system allocates blocks only as they are written. */
    if (ftruncate(fd, (off_t)bytes) != 0) {
        int e = errno;
        close(fd);
        unlink(path); /* ours: created by this call (O_EXCL) */
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST,
                    "cannot make %s %" G_GUINT64_FORMAT " bytes long: %s", path, bytes,
                    g_strerror(e));
        return false;
    }
    if (close(fd) != 0) {
        int e = errno;
        unlink(path);
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "cannot create %s: %s", path,
                    g_strerror(e));
        return false;
    }
    return true;
}
