/* The machine library's rules that need no window: the default machine of
 * a fresh install, finding a machine by name (`clarus NAME`), which files
 * a machine needs before it starts, what a file dropped on a machine
 * becomes, whether a firmware file suits a model, and the thumbnail the
 * library shows. Shared by ui/cli/main.c and ui/gtk/library.c. */
#ifndef CLARUS_UI_MACHINE_LIBRARY_H
#define CLARUS_UI_MACHINE_LIBRARY_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "machines/machine_config.h"

/* A library with no machine file (a fresh install: dir missing or holding
 * no .ini) gets machine_config_default() saved in it. *created says
 * whether it did; false with a message when dir cannot be read or the
 * file cannot be written. */
bool library_ensure_default(const char *dir, bool *created, GError **err);

/* The machine in dir whose name is `name` (exactly, else ignoring case),
 * or whose file is NAME.ini. NULL with a message naming the machines the
 * library holds when none is, or the file's own error when the match
 * cannot be read. */
machine_config *library_find(const char *dir, const char *name, GError **err);

/* Whether every disk and CD image cfg names is a file that exists; false
 * with a message naming the first one that is missing or a folder. */
bool library_check_files(const machine_config *cfg, GError **err);

typedef enum {
    LIBRARY_DROP_CDROM, /* .iso, .toast, .cdr (any case): the CD-ROM drive */
    LIBRARY_DROP_DISK,  /* any other file: one more hard disk */
    LIBRARY_DROP_FOLDER,
    LIBRARY_DROP_MISSING,
} library_drop_kind;

/* What a file dropped on a machine becomes (it looks at the file system:
 * a folder or a path that is not there is refused). */
library_drop_kind library_drop_classify(const char *path);

/* Attaches a dropped file to cfg (CD images replace the CD, other files
 * are added as hard disks); false with a message for a folder, a missing
 * file or a path the configuration refuses. cfg is not saved. */
bool library_drop_apply(machine_config *cfg, const char *path, library_drop_kind *kind,
                        GError **err);

/* Whether `path` can be d's firmware, with a plain sentence for the user
 * in *verdict (g_free it): an ELF image (OpenBIOS or another Open
 * Firmware build) suits the Power Macs; a Mac ROM is identified against
 * the checksum table (which Macs it fits, unknown, truncated or corrupt)
 * and refused, since these models boot Open Firmware. */
bool library_firmware_verdict(const char *path, const machine_desc *d, char **verdict);

/* Where the library keeps cfg's thumbnail: beside its .ini, as .png
 * (g_free it); NULL while cfg has no file. */
gchar *library_thumbnail_path(const machine_config *cfg);

/* Writes w x h 0x00RRGGBB pixels as cfg's thumbnail and records it in cfg
 * and its file. */
bool library_save_thumbnail(machine_config *cfg, const uint32_t *pixels, unsigned w, unsigned h,
                            GError **err);

#endif
