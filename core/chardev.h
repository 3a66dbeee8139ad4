/* Character back ends for emulated serial ports: the host side of a
 * line. A device writes what the guest transmits and polls for what the
 * host typed; neither call blocks.
 *
 *   chardev_open("stdio")      standard input and output (input in raw,
 *                              unechoed mode while a terminal is open)
 *   chardev_open("pty")        a new pseudo-terminal; its path is logged
 *                              and given by chardev_path()
 *   chardev_open("file:PATH")  output appended to PATH, no input
 *   chardev_open("none")       output dropped, no input
 *   chardev_buffer_new()       a memory buffer (tests): output collected,
 *                              input queued with chardev_buffer_push()
 *
 * An output watcher (chardev_watch) sees every byte written, which is how
 * `--until TEXT` spots its text on the serial console.
 */
#ifndef CLARUS_CHARDEV_H
#define CLARUS_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

typedef struct chardev chardev;

typedef void (*chardev_watch_fn)(void *ctx, const uint8_t *buf, size_t n);

/* Returns NULL and sets err for an unknown spec or a back end that cannot
 * be opened. */
chardev *chardev_open(const char *spec, GError **err);
chardev *chardev_buffer_new(void);
void chardev_close(chardev *c);

void chardev_write(chardev *c, const uint8_t *buf, size_t n);
/* Up to n bytes the host has sent; 0 when there are none. */
size_t chardev_read(chardev *c, uint8_t *buf, size_t n);
/* The host will send nothing more (end of file on stdin). */
bool chardev_input_closed(const chardev *c);

/* Queues input as if the host had sent it (scripts); it is read before
 * anything from the back end. Works for every kind, "none" included. */
void chardev_inject(chardev *c, const void *buf, size_t n);

void chardev_watch(chardev *c, chardev_watch_fn fn, void *ctx);
/* The pseudo-terminal's path, or NULL. */
const char *chardev_path(const chardev *c);

/* Memory back end: what has been written so far (NUL-terminated). */
const char *chardev_buffer_output(const chardev *c);
void chardev_buffer_push(chardev *c, const void *buf, size_t n);

#endif
