/* New blank hard disk images: raw files of zeros, created sparse
 * (ftruncate), so a 2 GiB disk takes no space until the guest writes. */
#ifndef CLARUS_DISK_CREATE_H
#define CLARUS_DISK_CREATE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#define DISK_CREATE_MIN (UINT64_C(1) << 20) /* 1 MiB */
#define DISK_CREATE_MAX (UINT64_C(1) << 41) /* 2 TiB */

/* Parses a size as a user gives it: a number of bytes, or a number
 * (a fraction allowed: "1.5G") with K, M, G or T (powers of 1024; "MB",
 * "MiB" and lower case too). It must lie from 1 MiB to 2 TiB (otherwise
 * false with a message) and is rounded up to a multiple of 512. */
bool disk_size_parse(const char *text, uint64_t *bytes, GError **err);

/* Creates a blank image of `bytes` (1 MiB to 2 TiB, rounded up to a
 * multiple of 512) at path. Never overwrites: an existing file (or link) is
 * refused, and so is a path whose folder does not exist. */
bool disk_create(const char *path, uint64_t bytes, GError **err);

#endif
