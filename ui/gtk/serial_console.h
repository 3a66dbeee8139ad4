/* The serial console window: a VTE terminal showing what the guest sends
 * on its serial port and sending what the user types there. It keeps the
 * output from the start of the run, so it shows everything when it is
 * opened late. Built only with VTE (vte-2.91); without it
 * serial_console_available() is false and the rest does nothing.
 *
 * CLARUS_SERIAL_CONSOLE_DUMP=FILE (for tests): the terminal's text is
 * written to FILE shortly after each change, as the user sees it. */
#ifndef CLARUS_GTK_SERIAL_CONSOLE_H
#define CLARUS_GTK_SERIAL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gtk/gtk.h>

typedef struct serial_console serial_console;

/* Bytes the user typed, for the guest. */
typedef void (*serial_input_fn)(const void *buf, size_t n, void *data);

bool serial_console_available(void);
/* title: the machine's name. NULL without VTE. */
serial_console *serial_console_new(const char *title, serial_input_fn input, void *data);
void serial_console_free(serial_console *sc);
/* What the guest sent (on the UI thread). */
void serial_console_feed(serial_console *sc, const uint8_t *buf, size_t n);
/* Opens (or raises) the window. */
void serial_console_present(serial_console *sc);
/* The guest has stopped: typing goes nowhere now. */
void serial_console_set_input_enabled(serial_console *sc, bool on);

#endif
