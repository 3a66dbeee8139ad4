/* The machine thread of the GTK front end. It alone calls the session: it
 * runs the machine in short slices of guest time and, between slices,
 * applies the commands the UI queued (keys, mouse, serial input, pause,
 * power off, screenshot, test tone, CD changes, quit), publishes a frame about 60
 * times a second of host time into a triple buffer the UI reads without a
 * lock, and puts the machine's sound (or the test tone) into the ring the
 * audio output drains. What happens on the machine thread (the serial
 * console's output too, gathered over a slice) comes back to the UI as
 * events on its main context. No GTK here. */
#ifndef CLARUS_GTK_RUNNER_H
#define CLARUS_GTK_RUNNER_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "machines/session.h"
#include "ui/common/triple_buffer.h"

typedef struct runner runner;

typedef struct runner_opts {
    const char *until;        /* stop when this appears on the serial output; NULL = never */
    double timeout_seconds;   /* host wall-clock limit; 0 = none */
    double slice_seconds;     /* guest time per slice; 0 = 0.004 */
    double frames_per_second; /* 0 = 60 */
    double test_tone_hz;      /* play the test tone from the start; 0 = no */
} runner_opts;

typedef enum {
    RUNNER_EVENT_PAUSED,     /* paused says which */
    RUNNER_EVENT_SCREENSHOT, /* path written, or error */
    RUNNER_EVENT_STOPPED,    /* why; the thread has ended (runner_free joins it) */
    RUNNER_EVENT_SERIAL,     /* data/len: what the guest sent on the serial console */
    RUNNER_EVENT_CD,         /* the disc path (NULL: ejected) is in the drive, or error */
} runner_event_kind;

typedef struct runner_event {
    runner_event_kind kind;
    bool paused;
    clarus_stop why;
    const char *path;
    const char *error;
    const uint8_t *data;
    size_t len;
} runner_event;

/* Called on ctx's thread (the UI's main context), in the order the events
 * happened; the event is only valid during the call. */
typedef void (*runner_event_fn)(const runner_event *ev, void *data);

/* Starts the thread on session s, which it uses alone until runner_free
 * returns. Events go to fn(data) on main_ctx (NULL: the default context). */
runner *runner_start(clarus_session *s, const runner_opts *o, GMainContext *main_ctx,
                     runner_event_fn fn, void *data);
/* Asks the thread to stop (as runner_quit) if it still runs, waits for it
 * and frees the runner. Events not yet delivered are dropped. */
void runner_free(runner *r);

/* Commands, queued; each returns at once. */
void runner_key(runner *r, uint8_t adb_code, bool down);
/* The mouse moves by (dx, dy) with `buttons` held (clarus_session_mouse). */
void runner_mouse(runner *r, int dx, int dy, unsigned buttons);
/* Bytes typed on the serial console's host side. */
void runner_send_serial(runner *r, const void *buf, size_t n);
void runner_pause(runner *r, bool paused);
void runner_power_off(runner *r);
/* The machine's reset button. */
void runner_reset(runner *r);
/* Plays a sine of hz (TEST_TONE_MIN_HZ to TEST_TONE_MAX_HZ) in place of the
 * machine's sound, proving the way to the speakers; 0 stops it. */
void runner_test_tone(runner *r, double hz);
/* Writes the emulated display to path as a PNG (the event tells how it went). */
void runner_screenshot(runner *r, const char *path);
/* Puts the CD image at path in the machine's CD-ROM drive (NULL: ejects
 * the disc); the CD event tells how it went. */
void runner_change_cd(runner *r, const char *path);
/* Ends the run at once (the slice under way is cut short): STOPPED with
 * CLARUS_STOP_REQUESTED. */
void runner_quit(runner *r);

/* The UI wants a new picture (each frame of its frame clock): the machine
 * thread publishes one at the end of the slice under way, so pictures come
 * at the pace the window paints them, not on a clock of their own that
 * beats against the window's. Without requests (the window hidden),
 * pictures come frames_per_second times a second. */
void runner_want_frame(runner *r);

/* The frames, for the UI thread only (the consumer side). */
triple_buffer *runner_frames(runner *r);

#endif
