/* The settings editor of a machine in the library.
 * PLACEHOLDER INTERFACE (branch gtk-library): the gtk-settings branch writes
 * the real editor with this same declaration; the merger keeps that
 * branch's settings.h and settings.c. */
#ifndef CLARUS_GTK_SETTINGS_H
#define CLARUS_GTK_SETTINGS_H

#include <gtk/gtk.h>

#include "machines/machine_config.h"

/* Edits cfg in a dialog over parent; when the user saves, cfg holds the
 * new values and saved(cfg, ud) is called (the library then writes it to
 * its file and refreshes the machine's row). */
void clarus_settings_dialog(GtkWindow *parent, machine_config *cfg,
                            void (*saved)(machine_config *cfg, void *ud), void *ud);

#endif
