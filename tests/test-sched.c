/* The scheduler: ordering, tie-breaks, cancellation, and slices that an
 * earlier event shortens. */
#include <glib.h>

#include "scheduler.h"

typedef struct {
    sched *s;
    GString *log;
    sched_event ev[4];
    sched_event *chain; /* fired event reschedules this one */
    sched_time chain_delay;
} fixture;

typedef struct {
    fixture *f;
    char tag;
} tagged;

static void fire_tag(void *opaque, sched_time late)
{
    tagged *t = opaque;
    g_string_append_printf(t->f->log, "%c@%" G_GINT64_FORMAT "+%" G_GINT64_FORMAT " ", t->tag,
                           sched_now(t->f->s), late);
    if (t->f->chain && t->tag == 'a') {
        sched_after(t->f->s, t->f->chain, t->f->chain_delay);
        t->f->chain = NULL;
    }
}

static void test_order(void)
{
    sched s;
    sched_init(&s);
    fixture f = {.s = &s, .log = g_string_new("")};
    tagged ta = {&f, 'a'}, tb = {&f, 'b'}, tc = {&f, 'c'}, td = {&f, 'd'};
    sched_event_init(&f.ev[0], "a", fire_tag, &ta, 1);
    sched_event_init(&f.ev[1], "b", fire_tag, &tb, 0);
    sched_event_init(&f.ev[2], "c", fire_tag, &tc, 1);
    sched_event_init(&f.ev[3], "d", fire_tag, &td, 1);
    sched_at(&s, &f.ev[0], 100);
    sched_at(&s, &f.ev[2], 100); /* same time and priority as a: after a (insertion order) */
    sched_at(&s, &f.ev[1], 100); /* same time, lower prio value: first */
    sched_at(&s, &f.ev[3], 50);
    g_assert_cmpint(sched_next(&s), ==, 50);
    sched_run_until(&s, 99);
    g_assert_cmpstr(f.log->str, ==, "d@50+0 ");
    g_assert_cmpint(sched_now(&s), ==, 99);
    sched_run_until(&s, 1000);
    g_assert_cmpstr(f.log->str, ==, "d@50+0 b@100+0 a@100+0 c@100+0 ");
    g_assert_cmpint(sched_next(&s), ==, SCHED_NEVER);
    g_assert_cmpint(sched_now(&s), ==, 1000);
    g_string_free(f.log, TRUE);
}

static void test_cancel_and_reschedule(void)
{
    sched s;
    sched_init(&s);
    fixture f = {.s = &s, .log = g_string_new("")};
    tagged ta = {&f, 'a'}, tb = {&f, 'b'};
    sched_event_init(&f.ev[0], "a", fire_tag, &ta, 0);
    sched_event_init(&f.ev[1], "b", fire_tag, &tb, 0);
    sched_at(&s, &f.ev[0], 10);
    sched_at(&s, &f.ev[1], 20);
    sched_cancel(&s, &f.ev[0]);
    g_assert_false(sched_is_queued(&f.ev[0]));
    sched_at(&s, &f.ev[1], 5); /* rescheduling moves, never duplicates */
    sched_run_until(&s, 100);
    g_assert_cmpstr(f.log->str, ==, "b@5+0 ");
    /* an event scheduled in the past fires at once, "now" */
    sched_at(&s, &f.ev[0], 3);
    sched_run_until(&s, 100);
    g_assert_cmpstr(f.log->str, ==, "b@5+0 a@100+0 ");
    g_string_free(f.log, TRUE);
}

static void test_chained(void)
{
    sched s;
    sched_init(&s);
    fixture f = {.s = &s, .log = g_string_new("")};
    tagged ta = {&f, 'a'}, tb = {&f, 'b'};
    sched_event_init(&f.ev[0], "a", fire_tag, &ta, 0);
    sched_event_init(&f.ev[1], "b", fire_tag, &tb, 0);
    f.chain = &f.ev[1];
    f.chain_delay = 7;
    sched_at(&s, &f.ev[0], 10);
    sched_run_until(&s, 17); /* b is scheduled by a at 10+7 = 17: it fires in this call */
    g_assert_cmpstr(f.log->str, ==, "a@10+0 b@17+0 ");
    g_string_free(f.log, TRUE);
}

/* A fake CPU: a slice that runs in 10 ps steps and honours deadlines. */
typedef struct {
    sched *s;
    sched_time elapsed;
    sched_time stop_at; /* absolute */
} fake_cpu;

static sched_time fake_elapsed(void *ctx)
{
    return ((fake_cpu *)ctx)->elapsed;
}
static void fake_deadline(void *ctx, sched_time when)
{
    ((fake_cpu *)ctx)->stop_at = when;
}

typedef struct {
    fake_cpu *cpu;
    sched_event *arm;
    sched_time at;
    int fired;
} mmio_like;

static void fire_count(void *opaque, sched_time late)
{
    (void)late;
    ((mmio_like *)opaque)->fired++;
}

static void test_slice_shortened(void)
{
    static const sched_cpu_hooks hooks = {fake_elapsed, fake_deadline};
    sched s;
    sched_init(&s);
    fake_cpu cpu = {.s = &s};
    sched_set_cpu(&s, &hooks, &cpu);
    mmio_like dev = {.cpu = &cpu};
    sched_event ev;
    sched_event_init(&ev, "dev", fire_count, &dev, 0);

    sched_time end = 1000;
    cpu.stop_at = end;
    sched_slice_begin(&s, end);
    /* The "CPU" runs; at 300 ps an MMIO write arms an event 200 ps later. */
    while (s.base + cpu.elapsed < cpu.stop_at) {
        cpu.elapsed += 10;
        if (cpu.elapsed == 300) {
            g_assert_cmpint(sched_now(&s), ==, 300);
            sched_after(&s, &ev, 200);
        }
    }
    g_assert_cmpint(cpu.stop_at, ==, 500); /* the slice was cut at the new event */
    sched_slice_end(&s, cpu.elapsed);
    g_assert_cmpint(sched_now(&s), ==, 500);
    sched_run_until(&s, sched_now(&s));
    g_assert_cmpint(dev.fired, ==, 1);
}

static void test_clock_domain(void)
{
    clock_domain e = {783360}; /* the Mac's VIA E clock */
    /* 783360 ticks are exactly one second, with no drift */
    g_assert_cmpint(clock_ticks_to_ps(&e, 783360), ==, SCHED_PS_PER_SEC);
    g_assert_cmpint(clock_ticks_to_ps(&e, 783360ull * 3600 * 24), ==, SCHED_PS_PER_SEC * 3600 * 24);
    g_assert_cmpint(clock_ps_to_ticks(&e, SCHED_PS_PER_SEC), ==, 783360);
    g_assert_cmpint(clock_ps_to_ticks(&e, clock_ticks_to_ps(&e, 12345) + 1), ==, 12345);
    g_assert_cmpint(clock_ps_to_ticks(&e, -5), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/order-and-ties", test_order);
    g_test_add_func("/sched/cancel-reschedule", test_cancel_and_reschedule);
    g_test_add_func("/sched/chained", test_chained);
    g_test_add_func("/sched/slice-shortened", test_slice_shortened);
    g_test_add_func("/sched/clock-domain", test_clock_domain);
    return g_test_run();
}
