/* The settings editor of a configured machine: a dialog generated from the
 * machine's typed property table (machine_desc.props), so a new machine
 * needs no new UI code, plus its name and its disks (ui/gtk/disks.h). It
 * edits a working copy; invalid values are refused with the reason in an
 * info bar and Save stays refused until they are fixed. */
#ifndef CLARUS_GTK_SETTINGS_H
#define CLARUS_GTK_SETTINGS_H

#include <gtk/gtk.h>

#include "machines/machine_config.h"

/* Opens a modal settings dialog for cfg; on Save the validated values are stored in cfg, the
 * .ini is saved (machine_config_save) and saved(cfg, ud) is called; Cancel leaves cfg untouched. */
void clarus_settings_dialog(GtkWindow *parent, machine_config *cfg,
                            void (*saved)(machine_config *cfg, void *ud), void *ud);

/* The same dialog, built but not shown, for the tests (which drive it by
 * its widgets' accessible names and gtk_dialog_response). cfg must outlive
 * it. The .ini goes to machine_config_path(cfg), or to a new file in
 * machine_config_dir() when cfg has none. A save that fails leaves cfg as
 * it was and the dialog open with the reason. */
GtkWidget *clarus_settings_dialog_new(GtkWindow *parent, machine_config *cfg,
                                      void (*saved)(machine_config *cfg, void *ud), void *ud);

/* The dialog's Disks page, for disks_page_attach and the rest (disks.h). */
GtkWidget *clarus_settings_disks_page(GtkWidget *dialog);

#endif
