/* What a file dropped on (or chosen for) a machine's drives becomes: a CD
 * image for the CD-ROM drive, a hard disk image, or nothing with the reason.
 * Shared by the GTK settings editor and the machine library; no GTK. */
#ifndef CLARUS_DROP_CLASSIFY_H
#define CLARUS_DROP_CLASSIFY_H

#include <glib.h>

typedef enum {
    DROP_REFUSED, /* *err says why */
    DROP_DISK,    /* a regular file that is not a CD image: a hard disk */
    DROP_CDROM,   /* a regular file named .iso, .toast or .cdr (any case) */
} drop_kind;

/* Classifies the file at path. Refused, with a CLARUS_ERROR message naming
 * the path: an empty path, a path that does not exist, a folder, anything
 * that is not a regular file (a device, a socket), a file that cannot be
 * read. Only the file's kind and name are looked at, never its contents. */
drop_kind drop_classify(const char *path, GError **err);

/* Whether the name ends in .iso, .toast or .cdr, in any case (the names
 * Toast, Disk Copy and hdiutil give CD images), without looking at a file. */
gboolean drop_is_cd_name(const char *path);

/* drop_classify for a URI as a drag-and-drop text/uri-list carries it
 * (file:///...); a URI that is not a local file is refused. */
drop_kind drop_classify_uri(const char *uri, gchar **path_out, GError **err);

#endif
