/* The device model every machine is assembled from.
 *
 * A device is a C struct whose first member is a `device` header pointing
 * at a const `device_class`: its type name, reset, save/load and destroy.
 * Each device file offers a typed constructor (`via6522_create(...)`)
 * taking the machine's `device_env` (bus, scheduler, log) and its own
 * parameters; nothing is global, every callback gets its device.
 *
 * Registers are reached through the memory map: a device exposes one or
 * more `device_mmio` windows (ops + size) that the machine, or a parent
 * such as a PCI mac-io chip whose BAR moves them, maps with mm_add_mmio.
 * Offsets given to the ops are relative to the window.
 *
 * Interrupts are wires: an output is an `irq_line` the machine connects to
 * an input of an interrupt controller (or the CPU's pins); raising and
 * lowering it is a call. Controllers expose their inputs through
 * `irq_line`s made with irq_line_make().
 *
 * Timers never tick: a device computes counters from sched_now() when they
 * are read and schedules one event for the next thing that must happen.
 *
 * Lifecycle: create (power-on state) -> the machine wires IRQs and maps
 * windows -> reset(RESET_POWER_ON) on every device in table order -> run
 * -> destroy. reset() sets local state only; it must not raise interrupts
 * into neighbours (they may not be reset yet).
 *
 * Save states: save() writes the device's fields one by one with explicit
 * widths (st_put_*), never a struct; load() reads them back for any
 * version up to state_version and rejects newer ones.
 */
#ifndef CLARUS_DEVICE_H
#define CLARUS_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "memmap.h"
#include "scheduler.h"
#include "state.h"

typedef struct device device;

/* ---- interrupt wires ---- */

typedef struct irq_line {
    void (*set)(void *opaque, unsigned n, bool level);
    void *opaque;
    unsigned n;
} irq_line;

static inline irq_line irq_line_make(void (*set)(void *, unsigned, bool), void *opaque, unsigned n)
{
    irq_line l = {set, opaque, n};
    return l;
}

/* Drives the wire; an unconnected line (set == NULL) goes nowhere. */
static inline void irq_set(const irq_line *l, bool level)
{
    if (l->set) l->set(l->opaque, l->n, level);
}

/* ---- what a device gets from its machine ---- */

typedef struct device_env {
    mm_space *bus;            /* the machine's physical address space (DMA goes here) */
    sched *sched;             /* the machine's timeline */
    const clarus_logger *log; /* NULL: warnings to stderr */
    void *machine;            /* opaque, for the machine's own hooks */
} device_env;

typedef enum { RESET_POWER_ON, RESET_HARD } reset_kind;

typedef struct device_class {
    const char *type; /* "via6522", "escc", "openpic", ... */
    const char *desc; /* one line: the chip and what it does */
    void (*reset)(device *d, reset_kind k);
    void (*save)(const device *d, st_writer *w);
    bool (*load)(device *d, st_reader *r, uint16_t version);
    uint16_t state_version;
    void (*destroy)(device *d); /* frees the device and what it owns */
} device_class;

struct device {
    const device_class *cls;
    const char *id; /* the instance's name in its machine: "cuda", "escc" */
};

/* A register window: `ops` are called with the device as opaque. */
typedef struct device_mmio {
    const mmio_ops *ops;
    void *opaque;
    uint32_t size;
} device_mmio;

static inline void device_reset(device *d, reset_kind k)
{
    if (d && d->cls->reset) d->cls->reset(d, k);
}

static inline void device_destroy(device *d)
{
    if (d && d->cls->destroy) d->cls->destroy(d);
}

#endif
