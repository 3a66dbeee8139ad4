/* The Disks page of the settings editor: the hard disk images (each with a
 * read-only switch and a Detach button), Attach, Create Blank Disk, the
 * CD-ROM image with Eject, and drops of files onto the page. It edits the
 * editor's working copy of the configuration only; refusals (a missing
 * file, a folder, a disk attached twice) show in the page's info bar. */
#ifndef CLARUS_GTK_DISKS_H
#define CLARUS_GTK_DISKS_H

#include <stdbool.h>
#include <stdint.h>

#include <gtk/gtk.h>

#include "machines/machine_config.h"

/* The page for work (which must outlive it). */
GtkWidget *disks_page_new(machine_config *work);

/* What the page's file choosers and drops do, callable without a chooser
 * (the tests do). On a refusal each shows the reason in the page's info bar
 * and returns false with it in *err; on success the info bar is hidden. */
bool disks_page_attach(GtkWidget *page, const char *path, GError **err);
/* Creates a blank image (machines/disk_create.h: never over a file) and
 * attaches it. */
bool disks_page_create(GtkWidget *page, const char *path, uint64_t bytes, GError **err);
bool disks_page_insert_cd(GtkWidget *page, const char *path, GError **err);
void disks_page_eject(GtkWidget *page);
/* Dropped files as text/uri-list gives them: CD images (.iso, .toast, .cdr)
 * go into the CD-ROM drive, other files become hard disks; the refused ones
 * are listed in the info bar. Returns how many were taken. */
guint disks_page_drop(GtkWidget *page, const char *const *uris);

#endif
