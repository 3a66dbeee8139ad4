/* The display window as a piece of a GtkApplication: the library opens one
 * per running machine and stays open beside them; clarus_gtk_run (a
 * machine given on the command line) opens one in an application of its
 * own. */
#ifndef CLARUS_GTK_DISPLAY_H
#define CLARUS_GTK_DISPLAY_H

#include <stdint.h>

#include <gtk/gtk.h>

#include "gtk_front.h"
#include "ui/common/drop_classify.h"

typedef struct display_window display_window;

typedef struct display_closed {
    clarus_gtk_result result;
    /* The last picture the window had (0x00RRGGBB), or NULL when the
     * machine never showed one; valid during the callback only. */
    const uint32_t *pixels;
    unsigned w, h;
} display_closed;

/* Called once, when the window has gone and the machine thread has ended:
 * the session is the caller's again (to free, or for --screenshot). */
typedef void (*display_closed_fn)(clarus_session *s, const display_closed *info, void *data);

/* Shows session s in a new window of app and starts the machine on its own
 * thread. o's strings are copied. */
display_window *display_window_open(GtkApplication *app, clarus_session *s,
                                    const clarus_gtk_opts *o, display_closed_fn fn, void *data);
void display_window_present(display_window *w);

/* A file dropped on the window of a machine from the library also goes
 * into the machine's settings: DROP_CDROM once the running machine has
 * taken the disc (the settings' CD), DROP_DISK for the next start (an IDE
 * disk cannot be plugged in while the machine runs). Returns false with a
 * message when the settings refuse it or cannot be saved. Without a
 * handler (a machine from the command line) a CD is only this run's and a
 * hard disk is refused with how to attach it. */
typedef bool (*display_drop_fn)(drop_kind kind, const char *path, void *data, GError **err);
void display_window_set_drop_handler(display_window *w, display_drop_fn fn, void *data);
/* Stops the machine at once, without asking, and closes the window (^C in
 * the terminal, the application quitting); closed comes later. */
void display_window_quit(display_window *w);

#endif
