#include "disk_image.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session.h"

struct disk_image {
    char *path;
    int fd;
    unsigned ssize;
    uint64_t sectors;
    bool readonly; /* to the guest */
    bool snapshot;
    GHashTable *overlay; /* snapshot: sector -> ssize bytes written by the guest */
};

/* "clarus (pid 123)" for the process holding a lock on fd's file. */
static char *lock_holder(int fd, short type)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK) return g_strdup("another process");
    char *comm = NULL, *p = g_strdup_printf("/proc/%d/comm", (int)fl.l_pid);
    if (g_file_get_contents(p, &comm, NULL, NULL)) g_strchomp(comm);
    char *who = g_strdup_printf("%s (pid %d)", comm ? comm : "a process", (int)fl.l_pid);
    g_free(comm);
    g_free(p);
    return who;
}

disk_image *disk_image_open(const char *path, unsigned sector_size, bool readonly, bool snapshot,
                            GError **err)
{
    bool write_file = !readonly && !snapshot;
    int fd = open(path, (write_file ? O_RDWR : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "cannot open the image %s: %s",
                    path, g_strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s is not an image file (a directory or a device)", path);
        close(fd);
        return NULL;
    }
    if ((uint64_t)st.st_size < sector_size) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s is too small to be an image (%lld bytes; a sector is %u)", path,
                    (long long)st.st_size, sector_size);
        close(fd);
        return NULL;
    }
    short type = write_file ? F_WRLCK : F_RDLCK;
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    if (fcntl(fd, F_SETLK, &fl) != 0) {
        char *who = lock_holder(fd, type);
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "the image %s is in use by %s; it is locked so that two machines never "
                    "write it at once",
                    path, who);
        g_free(who);
        close(fd);
        return NULL;
    }
    disk_image *d = g_new0(disk_image, 1);
    d->path = g_strdup(path);
    d->fd = fd;
    d->ssize = sector_size;
    d->sectors = (uint64_t)st.st_size / sector_size;
    d->readonly = readonly;
    d->snapshot = snapshot;
    if (snapshot) d->overlay = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    return d;
}

void disk_image_close(disk_image *d)
{
    if (!d) return;
    close(d->fd); /* drops the lock */
    if (d->overlay) g_hash_table_destroy(d->overlay);
    g_free(d->path);
    g_free(d);
}

uint64_t disk_image_sectors(const disk_image *d)
{
    return d->sectors;
}

bool disk_image_readonly(const disk_image *d)
{
    return d->readonly;
}

const char *disk_image_path(const disk_image *d)
{
    return d->path;
}

static bool pread_all(int fd, uint8_t *buf, size_t len, uint64_t off)
{
    while (len) {
        ssize_t n = pread(fd, buf, len, (off_t)off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        buf += n, len -= (size_t)n, off += (uint64_t)n;
    }
    return true;
}

static bool pwrite_all(int fd, const uint8_t *buf, size_t len, uint64_t off)
{
    while (len) {
        ssize_t n = pwrite(fd, buf, len, (off_t)off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        buf += n, len -= (size_t)n, off += (uint64_t)n;
    }
    return true;
}

bool disk_image_read(disk_image *d, uint64_t sector, uint32_t count, uint8_t *buf)
{
    if (sector > d->sectors || count > d->sectors - sector) return false;
    if (!pread_all(d->fd, buf, (size_t)count * d->ssize, sector * d->ssize)) return false;
    if (d->overlay) {
        for (uint32_t i = 0; i < count; i++) {
            gint64 key = (gint64)(sector + i);
            const uint8_t *s = g_hash_table_lookup(d->overlay, &key);
            if (s) memcpy(buf + (size_t)i * d->ssize, s, d->ssize);
        }
    }
    return true;
}

bool disk_image_write(disk_image *d, uint64_t sector, uint32_t count, const uint8_t *buf)
{
    if (d->readonly || sector > d->sectors || count > d->sectors - sector) return false;
    if (!d->overlay) return pwrite_all(d->fd, buf, (size_t)count * d->ssize, sector * d->ssize);
    for (uint32_t i = 0; i < count; i++) {
        gint64 *key = g_new(gint64, 1);
        *key = (gint64)(sector + i);
        g_hash_table_replace(d->overlay, key, g_memdup2(buf + (size_t)i * d->ssize, d->ssize));
    }
    return true;
}

bool disk_image_flush(disk_image *d)
{
    if (d->overlay || d->readonly) return true;
    return fdatasync(d->fd) == 0;
}
