/* The GTK front end's entry points for the clarus binary (ui/cli/main.c).
 * This header includes no GTK header. */
#ifndef CLARUS_GTK_FRONT_H
#define CLARUS_GTK_FRONT_H

#include <stdbool.h>

#include "machines/session.h"

typedef struct clarus_gtk_opts {
    const char *title;      /* the window's title: the machine's name */
    const char *id;         /* the machine's id, for screenshot file names */
    const char *until;      /* stop when this appears on the serial output; NULL = never */
    double timeout_seconds; /* host wall-clock limit; 0 = none */
    bool serial_console;    /* open the serial console window at the start */
    double test_tone_hz;    /* play the test tone at this pitch from the start; 0 = no */
} clarus_gtk_opts;

typedef struct clarus_gtk_result {
    clarus_stop why;     /* why the machine stopped */
    bool closed_by_user; /* the window was closed (and the user agreed) */
} clarus_gtk_result;

/* Whether GTK can open a display (DISPLAY or WAYLAND_DISPLAY reachable).
 * Initializes GTK when it can, without changing the process's locale. */
bool clarus_gtk_display_available(void);

/* Whether this build has the serial console window (VTE). */
bool clarus_gtk_serial_console_available(void);

/* Shows session s in a display window, runs the machine on its own thread
 * and returns when the window has closed and the thread has ended; s is
 * the caller's again then (for --screenshot). The UI never calls the
 * session itself. */
clarus_gtk_result clarus_gtk_run(clarus_session *s, const clarus_gtk_opts *o);

#endif
