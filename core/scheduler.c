/* Event scheduler: a sorted intrusive list (a Mac has a few dozen events at
 * most, so insertion order is cheaper than a heap). */
#include "scheduler.h"

#include <stddef.h>

void sched_init(sched *s)
{
    s->base = 0;
    s->slice_end = 0;
    s->head = NULL;
    s->seq = 0;
    s->in_slice = false;
    s->cpu = NULL;
    s->cpu_ctx = NULL;
}

void sched_set_cpu(sched *s, const sched_cpu_hooks *hooks, void *ctx)
{
    s->cpu = hooks;
    s->cpu_ctx = ctx;
}

void sched_event_init(sched_event *e, const char *name, sched_fire_fn fire, void *opaque,
                      uint8_t prio)
{
    e->when = 0;
    e->fire = fire;
    e->opaque = opaque;
    e->name = name;
    e->next = NULL;
    e->seq = 0;
    e->prio = prio;
    e->queued = false;
}

sched_time sched_now(const sched *s)
{
    if (s->in_slice && s->cpu) return s->base + s->cpu->elapsed(s->cpu_ctx);
    return s->base;
}

sched_time sched_next(const sched *s)
{
    return s->head ? s->head->when : SCHED_NEVER;
}

static bool before(const sched_event *a, const sched_event *b)
{
    if (a->when != b->when) return a->when < b->when;
    if (a->prio != b->prio) return a->prio < b->prio;
    return a->seq < b->seq;
}

void sched_cancel(sched *s, sched_event *e)
{
    if (!e->queued) return;
    for (sched_event **p = &s->head; *p; p = &(*p)->next) {
        if (*p == e) {
            *p = e->next;
            break;
        }
    }
    e->next = NULL;
    e->queued = false;
}

void sched_at(sched *s, sched_event *e, sched_time when)
{
    sched_time now = sched_now(s);
    if (when < now) when = now;
    sched_cancel(s, e);
    e->when = when;
    e->seq = s->seq++;
    sched_event **p = &s->head;
    while (*p && !before(e, *p)) p = &(*p)->next;
    e->next = *p;
    *p = e;
    e->queued = true;
    if (s->in_slice && when < s->slice_end) {
        s->slice_end = when;
        if (s->cpu && s->cpu->deadline) s->cpu->deadline(s->cpu_ctx, when);
    }
}

void sched_after(sched *s, sched_event *e, sched_time delay)
{
    sched_at(s, e, sched_now(s) + (delay < 0 ? 0 : delay));
}

void sched_slice_begin(sched *s, sched_time end)
{
    s->slice_end = end;
    s->in_slice = true;
}

void sched_slice_end(sched *s, sched_time elapsed)
{
    s->in_slice = false;
    s->base += elapsed;
}

void sched_run_until(sched *s, sched_time t)
{
    while (s->head && s->head->when <= t) {
        sched_event *e = s->head;
        s->head = e->next;
        e->next = NULL;
        e->queued = false;
        if (e->when > s->base) s->base = e->when;
        e->fire(e->opaque, s->base - e->when);
    }
    if (t > s->base) s->base = t;
}
