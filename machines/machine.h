/* The machine registry and the interface every running machine offers
 * the session. A machine family (machines/pmac.c for the PCI Power Macs)
 * describes its models with `machine_desc`s listed in machines/machine.c,
 * each with a table of typed properties that front ends (the command
 * line, the GTK settings editor) are generated from. */
#ifndef CLARUS_MACHINE_H
#define CLARUS_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "core/chardev.h"
#include "core/scheduler.h"

typedef struct clarus_config clarus_config;
typedef struct machine machine;
typedef struct machine_desc machine_desc;

typedef enum { MPROP_ENUM, MPROP_UINT, MPROP_FILE, MPROP_STRING } machine_prop_type;

/* One setting of a machine model, as the GTK editor will show it. */
typedef struct machine_prop {
    const char *key;   /* "cpu", "ram", "firmware", "serial" */
    const char *label; /* "CPU", "Memory (MB)", ... */
    machine_prop_type type;
    const char *def;            /* default, as text */
    const char *const *choices; /* MPROP_ENUM: NULL-terminated */
    uint32_t min, max;          /* MPROP_UINT */
    const char *help;           /* one sentence */
} machine_prop;

struct machine_desc {
    const char *id;          /* command-line name: "mac99" */
    const char *name;        /* "Power Mac G4 (AGP graphics)" */
    const char *description; /* one line for --list-machines and the GTK library */
    const machine_prop *props;
    size_t nprops;
    /* Builds the machine, powered on and reset. */
    machine *(*create)(const machine_desc *d, const clarus_config *cfg, GError **err);
    const void *model; /* the family's own description of the model */
};

typedef enum {
    MACHINE_RUNNING,
    MACHINE_POWERED_OFF,
    MACHINE_RESTART,
    MACHINE_FAILED
} machine_state;

/* A built machine. The family embeds this first in its own struct. */
struct machine {
    const machine_desc *desc;
    sched *sched;
    chardev *serial; /* the console port's host side, or NULL */
    machine_state state;
    /* Runs the CPU and devices up to `until` (absolute guest time), or less
     * (an event or a power-off ends it sooner). True when the CPU was idle
     * (waiting for a device) and the time passed without it running. */
    bool (*run)(machine *m, sched_time until);
    /* Renders the display into out (max_w x max_h 0x00RRGGBB pixels); false
     * when it shows nothing. */
    bool (*frame)(machine *m, uint32_t *out, unsigned max_w, unsigned max_h, unsigned *w,
                  unsigned *h);
    /* ADB keyboard: a key (ADB key code) goes down or up; NULL when the
     * machine has no keyboard. keys_pending: events the guest has not
     * collected yet. */
    void (*key)(machine *m, uint8_t adb_code, bool down);
    /* ADB mouse: relative motion (host pixels, y down) and the buttons
     * held (bit 0 the button); false (or NULL) when there is no mouse. */
    bool (*mouse)(machine *m, int dx, int dy, unsigned buttons);
    /* The reset button: every device and the CPU start again (the RAM keeps
     * what it holds, as on the real machines). NULL if there is none. */
    void (*reset)(machine *m);
    /* The CD-ROM drive's disc changes while the machine runs: the image at
     * path goes in (NULL: the drive is emptied). False with a message when
     * the image cannot be opened (the old disc stays) or there is no
     * drive; NULL when the machine has no CD-ROM drive at all. */
    bool (*change_cd)(machine *m, const char *path, GError **err);
    bool (*keys_pending)(machine *m);
    /* Sound output, NULL when the machine has none (so far none has: the
     * Power Macs' AWACS/Screamer is not emulated). audio_format: the rate
     * in Hz and 1 or 2 channels; audio_take: moves up to max_frames frames
     * (interleaved int16) produced since the last call into buf. */
    void (*audio_format)(machine *m, unsigned *rate, unsigned *channels);
    size_t (*audio_take)(machine *m, int16_t *buf, size_t max_frames);
    void (*destroy)(machine *m);
};

size_t machine_count(void);
const machine_desc *machine_at(size_t i);
const machine_desc *machine_find(const char *id);
/* The machine `clarus --headless` runs when none is named, or NULL. */
const machine_desc *machine_default(void);

#endif
