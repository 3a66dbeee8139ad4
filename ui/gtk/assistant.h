/* The new-machine assistant: name, model (each with its description),
 * firmware (OpenBIOS, or a file judged against the ROM checksum table),
 * memory within the model's range, and disks (none, an existing image, or
 * a blank one created at a chosen size), then a summary. */
#ifndef CLARUS_GTK_ASSISTANT_H
#define CLARUS_GTK_ASSISTANT_H

#include <gtk/gtk.h>

#include "machines/machine_config.h"

/* Called once when the assistant has finished: cfg (the caller's to free)
 * is saved in the library folder; or cfg is NULL and error says why the
 * machine could not be created. Not called when the user cancels. */
typedef void (*assistant_done_fn)(machine_config *cfg, const char *error, void *ud);

/* Opens the assistant over parent; new machines go to dir. */
void assistant_open(GtkWindow *parent, const char *dir, assistant_done_fn done, void *ud);

#endif
