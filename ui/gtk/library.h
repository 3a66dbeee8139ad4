/* The machine library window, what `clarus` with no arguments opens: every
 * machine configured under machine_config_dir(), each with its model,
 * state and the last picture it showed; New (the assistant), Start,
 * Settings, Duplicate, Rename, Delete, and disk or CD images dropped on a
 * machine. This header includes no GTK header (ui/cli/main.c uses it). */
#ifndef CLARUS_GTK_LIBRARY_H
#define CLARUS_GTK_LIBRARY_H

/* Runs the library until its window and every machine window it opened
 * have closed; the exit status (0, or 130 when ^C/SIGTERM ended it). The
 * caller has checked that a display is available. */
int clarus_gtk_library(void);

#endif
