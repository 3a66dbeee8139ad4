/* The event scheduler: one timeline per machine.
 *
 * Time is a 64-bit count of picoseconds since power-on. Events are intrusive
 * (they live inside the device that owns them, so scheduling never
 * allocates) and kept in a list sorted by time, then priority, then the
 * order they were scheduled in, so a run is deterministic.
 *
 * The machine loop runs the CPU in slices: the slice ends at the next event.
 * While a slice runs, sched_now() asks the CPU how far it has got, and an
 * event scheduled earlier than the slice's end shortens the slice through
 * the CPU's deadline hook.
 */
#ifndef CLARUS_SCHEDULER_H
#define CLARUS_SCHEDULER_H

#include <stdbool.h>
#include <stdint.h>

typedef int64_t sched_time;

#define SCHED_PS_PER_SEC 1000000000000LL
#define SCHED_PS_PER_MS  1000000000LL
#define SCHED_PS_PER_US  1000000LL
#define SCHED_NEVER      INT64_MAX

typedef struct sched_event sched_event;
typedef void (*sched_fire_fn)(void *opaque, sched_time late);

struct sched_event {
    sched_time when;
    sched_fire_fn fire;
    void *opaque;
    const char *name;
    sched_event *next;
    uint64_t seq;
    uint8_t prio; /* lower fires first among events due at the same time */
    bool queued;
};

/* What the scheduler needs from the CPU that is running a slice. */
typedef struct sched_cpu_hooks {
    /* Time elapsed since the slice started. */
    sched_time (*elapsed)(void *ctx);
    /* An event was scheduled `when` (absolute) before the slice's end: stop
     * the slice there, or at the next instruction boundary after it. */
    void (*deadline)(void *ctx, sched_time when);
} sched_cpu_hooks;

typedef struct sched {
    sched_time base; /* time at the start of the current slice, or now */
    sched_time slice_end;
    sched_event *head;
    uint64_t seq;
    bool in_slice;
    const sched_cpu_hooks *cpu;
    void *cpu_ctx;
} sched;

/* A clock converts a count of its ticks to picoseconds exactly. */
typedef struct clock_domain {
    uint64_t hz;
} clock_domain;

static inline sched_time clock_ticks_to_ps(const clock_domain *c, uint64_t ticks)
{
    return (sched_time)((unsigned __int128)ticks * SCHED_PS_PER_SEC / c->hz);
}

/* Whole ticks contained in ps (rounded down). */
static inline uint64_t clock_ps_to_ticks(const clock_domain *c, sched_time ps)
{
    return ps <= 0 ? 0 : (uint64_t)((unsigned __int128)ps * c->hz / SCHED_PS_PER_SEC);
}

void sched_init(sched *s);
void sched_set_cpu(sched *s, const sched_cpu_hooks *hooks, void *ctx);

void sched_event_init(sched_event *e, const char *name, sched_fire_fn fire, void *opaque,
                      uint8_t prio);
/* (Re)schedules e at absolute time `when` (clamped to now). */
void sched_at(sched *s, sched_event *e, sched_time when);
void sched_after(sched *s, sched_event *e, sched_time delay);
void sched_cancel(sched *s, sched_event *e);
static inline bool sched_is_queued(const sched_event *e)
{
    return e->queued;
}

sched_time sched_now(const sched *s);
/* Time of the earliest queued event, or SCHED_NEVER. */
sched_time sched_next(const sched *s);

/* Slice bookkeeping for the machine loop: begin a slice at the current time
 * that may run until `end`; end it after `elapsed` picoseconds. */
void sched_slice_begin(sched *s, sched_time end);
void sched_slice_end(sched *s, sched_time elapsed);

/* Advances time to t, firing every event due at or before t in order. An
 * event fired may schedule others; those due by t fire too. */
void sched_run_until(sched *s, sched_time t);

#endif
