/* Disk and CD images on the host: raw files of 512-byte (ATA) or 2048-byte
 * (CD) sectors.
 *
 * An image opened for writing is locked exclusively with a POSIX record
 * lock on the whole file; an image opened read-only (CDs, ",readonly"
 * disks, --snapshot) takes a shared lock. A second Clarus that wants a
 * conflicting lock is refused with a message naming the image and the
 * process holding it, so two machines never write one image. Writes go to
 * the file as the guest makes them (pwrite: in the host's page cache at
 * once, so a killed Clarus loses nothing the guest had written); with a
 * snapshot they go to memory instead and the file is never changed.
 */
#ifndef CLARUS_DISK_IMAGE_H
#define CLARUS_DISK_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

typedef struct disk_image disk_image;

/* sector_size: 512 or 2048. A file shorter than one sector, a directory, or
 * one that cannot be opened or locked fails with a message. */
disk_image *disk_image_open(const char *path, unsigned sector_size, bool readonly, bool snapshot,
                            GError **err);
void disk_image_close(disk_image *d);

uint64_t disk_image_sectors(const disk_image *d);
bool disk_image_readonly(const disk_image *d); /* the guest may not write */
const char *disk_image_path(const disk_image *d);
bool disk_image_read(disk_image *d, uint64_t sector, uint32_t count, uint8_t *buf);
bool disk_image_write(disk_image *d, uint64_t sector, uint32_t count, const uint8_t *buf);
/* Makes written data durable (fdatasync); nothing to do for a snapshot. */
bool disk_image_flush(disk_image *d);

#endif
