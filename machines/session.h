/* The session API: what every front end (the headless CLI, GTK, tests) uses
 * to build and drive a machine. Front ends never reach into devices. */
#ifndef CLARUS_SESSION_H
#define CLARUS_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "machine.h"

typedef struct clarus_session clarus_session;

struct clarus_config {
    const char *machine;  /* machine id; NULL = the default machine */
    const char *cpu;      /* CPU model name; NULL = the machine's own */
    unsigned ram_mb;      /* 0 = the machine's default */
    const char *firmware; /* firmware file; NULL = the machine's default search */
    const char *serial;   /* console back end (chardev spec); NULL: the "serial" setting, else
                             stdio when headless, else none */
    const char *const *prom_env; /* NULL-terminated "NAME=VALUE" Open Firmware settings */
    bool headless;               /* no display: firmware consoles on the serial port */
    /* A display, but the firmware's console on the serial port all the
     * same (the GTK window's serial console). */
    bool serial_console;
    /* NULL-terminated "KEY=VALUE" settings of the machine's property table
     * (machine_desc.props), as in `--machine mac99,via=pmu`. */
    const char *const *props;
    const char *kernel;       /* Linux kernel (ELF) handed to the firmware, or NULL */
    const char *initrd;       /* initial RAM disk, or NULL */
    const char *append;       /* kernel command line, or NULL */
    const char *const *disks; /* NULL-terminated "FILE[,readonly]" hard disk images */
    bool snapshot;            /* guest writes stay in memory; images are never changed */
    const char *cdrom;        /* CD image (ISO 9660, 2048-byte sectors) in the CD-ROM drive */
};

/* The value of property `key` in cfg->props, else NULL. */
const char *clarus_config_prop(const clarus_config *cfg, const char *key);

const char *clarus_version(void);

/* Builds the machine. Fails with a message naming the problem (unknown
 * machine, bad option value, missing or bad firmware, ...). */
clarus_session *clarus_session_new(const clarus_config *cfg, GError **err);
void clarus_session_free(clarus_session *s);
const machine_desc *clarus_session_machine(const clarus_session *s);

typedef enum {
    CLARUS_STOP_POWER_OFF,  /* the guest switched the machine off */
    CLARUS_STOP_RESTART,    /* the guest asked for a restart */
    CLARUS_STOP_UNTIL,      /* the awaited text appeared on the serial console */
    CLARUS_STOP_TIMEOUT,    /* the time limit passed first */
    CLARUS_STOP_FAILED,     /* the machine cannot go on (reported on stderr) */
    CLARUS_STOP_REQUESTED,  /* clarus_session_request_stop() was called */
    CLARUS_STOP_GUEST_TIME, /* guest_seconds have passed */
    CLARUS_STOP_KEYS_TAKEN, /* the guest has taken the queued key events */
} clarus_stop;

typedef struct clarus_run_opts {
    const char *until;      /* stop when this appears on the serial output; NULL = never */
    double timeout_seconds; /* host wall-clock limit; 0 = none */
    double guest_seconds;   /* stop after this much guest time; 0 = no limit */
    /* Stop once the guest has taken every queued key event (typing). */
    bool until_keys_taken;
} clarus_run_opts;

/* Runs the machine on the calling thread until one of the stop conditions. */
clarus_stop clarus_session_run(clarus_session *s, const clarus_run_opts *o);

/* Input for the machine's serial console, as if typed on the host side. */
void clarus_session_send_serial(clarus_session *s, const void *buf, size_t n);
/* An ADB key (machines/adb_keymap.h) goes down or up; false when the
 * machine has no keyboard. */
bool clarus_session_key(clarus_session *s, uint8_t adb_code, bool down);
/* The ADB mouse moves by (dx, dy) (host pixels, y growing downwards) with
 * `buttons` held (bit 0 the button, bit 1 a second one); motion adds up
 * until the guest polls. False when the machine has no mouse. */
bool clarus_session_mouse(clarus_session *s, int dx, int dy, unsigned buttons);
/* Every byte the guest sends on the serial console, as it is sent: fn is
 * called on the thread running clarus_session_run, whatever the serial
 * back end (stdio, file:, none). fn NULL stops the calls. */
typedef void (*clarus_serial_fn)(void *ctx, const uint8_t *buf, size_t n);
void clarus_session_watch_serial(clarus_session *s, clarus_serial_fn fn, void *ctx);
/* The end of the serial console's output so far (up to 4 KiB). */
const char *clarus_session_serial_tail(clarus_session *s);
/* Presses the machine's reset button; false when it has none. */
bool clarus_session_reset(clarus_session *s);
/* Puts the CD image at path (ISO 9660, 2048-byte sectors, opened
 * read-only) into the running machine's CD-ROM drive in place of its disc,
 * as a user swapping discs: the drive reports "medium may have changed" to
 * the guest's next command. False with a message (and the drive as it
 * was) when the machine has no CD-ROM drive or the image cannot be
 * opened: missing, a folder, shorter than one sector, locked. */
bool clarus_session_insert_cd(clarus_session *s, const char *path, GError **err);
/* Takes the disc out of the CD-ROM drive; false when there is no drive. */
bool clarus_session_eject_cd(clarus_session *s, GError **err);
/* Switches the machine off at once (the power button held). */
void clarus_session_power_off(clarus_session *s);

/* Starts pacing afresh: the guest's time is measured against the host's
 * from now on (after a pause, so that the guest does not race to catch up
 * with the time it was stopped). */
void clarus_session_pace_restart(clarus_session *s);

/* Asks a running clarus_session_run to return at its next check. Safe
 * from a signal handler and from another thread. */
void clarus_session_request_stop(clarus_session *s);

/* The emulated display as 0x00RRGGBB pixels (g_free *pixels); false when
 * the machine has no picture. */
bool clarus_session_frame(clarus_session *s, uint32_t **pixels, unsigned *w, unsigned *h);

/* The machine's sound output: its rate (Hz) and channels (1 or 2); false
 * when the machine has no sound device. None has one yet: the Power Macs'
 * AWACS/Screamer is not emulated, so every machine is silent for now. */
bool clarus_session_audio_format(clarus_session *s, unsigned *rate, unsigned *channels);
/* Moves up to max_frames frames of the machine's sound produced since the
 * last call (interleaved int16, the channels of audio_format) into buf,
 * oldest first; returns how many. 0 for a machine without sound. A front
 * end calls it after each slice of clarus_session_run. */
size_t clarus_session_audio_take(clarus_session *s, int16_t *buf, size_t max_frames);

/* Guest time since power-on, in seconds. */
double clarus_session_guest_seconds(const clarus_session *s);

#define CLARUS_ERROR (clarus_error_quark())
GQuark clarus_error_quark(void);
typedef enum {
    CLARUS_ERROR_UNKNOWN_MACHINE,
    CLARUS_ERROR_NO_MACHINE,
    CLARUS_ERROR_BAD_CONFIG,
    CLARUS_ERROR_BAD_FIRMWARE,
    CLARUS_ERROR_NO_FIRMWARE,
    CLARUS_ERROR_HOST, /* the host refused: no memory, a port that cannot open */
} clarus_error_code;

#endif
