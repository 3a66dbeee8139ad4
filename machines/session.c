#include "session.h"

#include <signal.h>
#include <string.h>

#include "config.h"
#include "machine_prop.h"
#include "session_internal.h"

G_DEFINE_QUARK(clarus - error - quark, clarus_error)

struct clarus_session {
    const machine_desc *desc;
    machine *m;
    /* --until: the text and how much of it the output has matched so far. */
    const char *until;
    size_t until_len;
    bool until_seen;
    volatile sig_atomic_t stop_requested;
    GString *tail;              /* the end of the serial output */
    GString *since;             /* the output since the last match */
    uint32_t *frame_buf;        /* clarus_session_frame's rendering buffer */
    clarus_serial_fn serial_fn; /* clarus_session_watch_serial */
    void *serial_ctx;
    /* Pacing: host and guest time when the machine first ran. */
    bool pace_started;
    gint64 start_us;
    sched_time start_ps;
};

#define TAIL_MAX  4096
#define SINCE_MAX (1u << 20)

const char *clarus_version(void)
{
    return PACKAGE_VERSION;
}

/* Serial output watcher: keeps the end of the output (for messages) and
 * everything since the last --until/wait-serial match, so a wait finds text
 * that arrived while the machine ran for something else (typing, a sleep). */
static void until_watch(void *ctx, const uint8_t *buf, size_t n)
{
    clarus_session *s = ctx;
    if (s->serial_fn) s->serial_fn(s->serial_ctx, buf, n);
    g_string_append_len(s->tail, (const char *)buf, (gssize)n);
    if (s->tail->len > 2 * TAIL_MAX) g_string_erase(s->tail, 0, (gssize)(s->tail->len - TAIL_MAX));
    size_t old = s->since->len;
    g_string_append_len(s->since, (const char *)buf, (gssize)n);
    if (!s->until || s->until_seen) {
        if (s->since->len > SINCE_MAX)
            g_string_erase(s->since, 0, (gssize)(s->since->len - SINCE_MAX / 2));
        return;
    }
    size_t from = old >= s->until_len ? old - s->until_len + 1 : 0;
    const char *hit = g_strstr_len(s->since->str + from, (gssize)(s->since->len - from), s->until);
    if (hit) {
        s->until_seen = true;
        g_string_erase(s->since, 0, (gssize)(hit - s->since->str + s->until_len));
    }
}

const char *clarus_config_prop(const clarus_config *cfg, const char *key)
{
    size_t n = strlen(key);
    const char *v = NULL;
    for (size_t i = 0; cfg && cfg->props && cfg->props[i]; i++)
        if (strncmp(cfg->props[i], key, n) == 0 && cfg->props[i][n] == '=')
            v = cfg->props[i] + n + 1; /* the last one given wins */
    return v;
}

/* Checks every KEY=VALUE against the machine's typed property table, by
 * the rules the machine library's files follow too (machine_prop.c). */
static bool check_props(const machine_desc *d, const clarus_config *cfg, GError **err)
{
    for (size_t i = 0; cfg->props && cfg->props[i]; i++) {
        const char *kv = cfg->props[i], *eq = strchr(kv, '=');
        gchar *key = eq ? g_strndup(kv, (gsize)(eq - kv)) : g_strdup(kv);
        bool ok = machine_prop_check(d, key, eq ? eq + 1 : NULL, err);
        g_free(key);
        if (!ok) {
            g_prefix_error(err, "%s: ", kv);
            return false;
        }
    }
    return true;
}

clarus_session *clarus_session_new(const clarus_config *cfg, GError **err)
{
    const machine_desc *d;
    if (cfg && cfg->machine) {
        d = machine_find(cfg->machine);
        if (!d) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_UNKNOWN_MACHINE,
                        "unknown machine '%s' (clarus --list-machines shows the machines)",
                        cfg->machine);
            return NULL;
        }
    } else {
        d = machine_default();
        if (!d) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_NO_MACHINE,
                        "this build of Clarus has no machine to run");
            return NULL;
        }
    }
    clarus_config def = {0};
    if (!cfg) cfg = &def;
    if (!check_props(d, cfg, err)) return NULL;
    machine *m = d->create(d, cfg, err);
    if (!m) return NULL;
    clarus_session *s = g_new0(clarus_session, 1);
    s->desc = d;
    s->m = m;
    s->tail = g_string_new(NULL);
    s->since = g_string_new(NULL);
    if (m->serial) chardev_watch(m->serial, until_watch, s);
    return s;
}

void clarus_session_free(clarus_session *s)
{
    if (!s) return;
    if (s->m) s->m->destroy(s->m);
    g_string_free(s->tail, TRUE);
    g_string_free(s->since, TRUE);
    g_free(s->frame_buf);
    g_free(s);
}

const machine_desc *clarus_session_machine(const clarus_session *s)
{
    return s->desc;
}

clarus_stop clarus_session_run(clarus_session *s, const clarus_run_opts *o)
{
    machine *m = s->m;
    s->until = NULL;
    s->until_seen = false;
    if (o && o->until && *o->until) {
        if (!m->serial) return CLARUS_STOP_FAILED;
        s->until = o->until;
        s->until_len = strlen(o->until);
        const char *hit = strstr(s->since->str, s->until);
        if (hit) {
            /* Already there: it came while the machine ran for something else. */
            g_string_erase(s->since, 0, (gssize)(hit - s->since->str + s->until_len));
            s->until = NULL;
            return CLARUS_STOP_UNTIL;
        }
    }
    sched_time guest_end = SCHED_NEVER;
    if (o && o->guest_seconds > 0)
        guest_end = sched_now(m->sched) + (sched_time)(o->guest_seconds * SCHED_PS_PER_SEC);
    gint64 deadline = 0;
    if (o && o->timeout_seconds > 0)
        deadline = g_get_monotonic_time() + (gint64)(o->timeout_seconds * 1e6);
    /* Slices of at most 1 ms of guest time, so the stop conditions are
     * looked at often; the machine ends a slice sooner at each event. */
    const sched_time step = SCHED_PS_PER_MS;
    /* Pacing: an idle guest (one waiting for a device or a timer) must not
     * burn a host core, so while it idles its time may run ahead of the
     * host's by at most PACE_LEAD, then the host sleeps; a busy guest runs as
     * fast as it can. The lead lets boot-time sleeps (Linux's pata_macio
     * waits a second per channel) pass at once instead of in real time; the
     * guest's clock is then ahead of the host's by at most that much. */
    const sched_time PACE_LEAD = 3 * SCHED_PS_PER_SEC;
    if (!s->pace_started) {
        s->pace_started = true;
        s->start_us = g_get_monotonic_time();
        s->start_ps = sched_now(m->sched);
    }
    const gint64 start_us = s->start_us;
    const sched_time start_ps = s->start_ps;
    for (;;) {
        if (s->until_seen) return CLARUS_STOP_UNTIL;
        if (s->stop_requested) {
            s->stop_requested = 0;
            return CLARUS_STOP_REQUESTED;
        }
        switch (m->state) {
        case MACHINE_POWERED_OFF: return CLARUS_STOP_POWER_OFF;
        case MACHINE_RESTART: return CLARUS_STOP_RESTART;
        case MACHINE_FAILED: return CLARUS_STOP_FAILED;
        case MACHINE_RUNNING: break;
        }
        /* Every step: a step of busy guest can take 20 ms of host time, and
         * a front end bounds its slices with the time limit (clock_gettime
         * costs next to nothing). */
        if (deadline && g_get_monotonic_time() >= deadline) return CLARUS_STOP_TIMEOUT;
        sched_time now = sched_now(m->sched);
        if (now >= guest_end) return CLARUS_STOP_GUEST_TIME;
        if (o && o->until_keys_taken && !(m->keys_pending && m->keys_pending(m)))
            return CLARUS_STOP_KEYS_TAKEN;
        sched_time end = now + step < guest_end ? now + step : guest_end;
        if (m->run(m, end)) {
            sched_time guest = sched_now(m->sched) - start_ps;
            sched_time host = (sched_time)(g_get_monotonic_time() - start_us) * SCHED_PS_PER_US;
            if (guest - host > PACE_LEAD) {
                gint64 us = (gint64)((guest - host - PACE_LEAD) / SCHED_PS_PER_US);
                if (deadline) {
                    gint64 left = deadline - g_get_monotonic_time();
                    if (us > left) us = left > 0 ? left : 0;
                }
                g_usleep((gulong)(us < 100000 ? us : 100000));
            }
        }
    }
}

void clarus_session_send_serial(clarus_session *s, const void *buf, size_t n)
{
    if (s->m->serial) chardev_inject(s->m->serial, buf, n);
}

bool clarus_session_key(clarus_session *s, uint8_t adb_code, bool down)
{
    if (!s->m->key) return false;
    s->m->key(s->m, adb_code, down);
    return true;
}

bool clarus_session_mouse(clarus_session *s, int dx, int dy, unsigned buttons)
{
    return s->m->mouse && s->m->mouse(s->m, dx, dy, buttons);
}

void clarus_session_watch_serial(clarus_session *s, clarus_serial_fn fn, void *ctx)
{
    s->serial_fn = fn;
    s->serial_ctx = ctx;
}

machine *clarus_session_machine_internal(clarus_session *s)
{
    return s->m;
}

const char *clarus_session_serial_tail(clarus_session *s)
{
    if (s->tail->len > TAIL_MAX) g_string_erase(s->tail, 0, (gssize)(s->tail->len - TAIL_MAX));
    return s->tail->str;
}

bool clarus_session_reset(clarus_session *s)
{
    if (!s->m->reset) return false;
    s->m->reset(s->m);
    return true;
}

static bool change_cd(clarus_session *s, const char *path, GError **err)
{
    if (!s->m->change_cd) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "the %s has no CD-ROM drive",
                    s->desc->name);
        return false;
    }
    return s->m->change_cd(s->m, path, err);
}

bool clarus_session_insert_cd(clarus_session *s, const char *path, GError **err)
{
    g_return_val_if_fail(path != NULL, false);
    return change_cd(s, path, err);
}

bool clarus_session_eject_cd(clarus_session *s, GError **err)
{
    return change_cd(s, NULL, err);
}

void clarus_session_power_off(clarus_session *s)
{
    s->m->state = MACHINE_POWERED_OFF;
}

void clarus_session_pace_restart(clarus_session *s)
{
    s->pace_started = false;
}

void clarus_session_request_stop(clarus_session *s)
{
    s->stop_requested = 1;
}

bool clarus_session_frame(clarus_session *s, uint32_t **pixels, unsigned *w, unsigned *h)
{
    machine *m = s->m;
    if (!m->frame) return false;
    /* Rendered into one buffer of the largest size, kept for the session
     * (a front end asks 60 times a second), then copied at its real size. */
    const unsigned max_w = 2048, max_h = 2048;
    if (!s->frame_buf) s->frame_buf = g_try_malloc((size_t)max_w * max_h * 4);
    if (!s->frame_buf) return false;
    if (!m->frame(m, s->frame_buf, max_w, max_h, w, h)) return false;
    *pixels = g_memdup2(s->frame_buf, (gsize)*w * *h * 4);
    return true;
}

double clarus_session_guest_seconds(const clarus_session *s)
{
    return (double)sched_now(s->m->sched) / (double)SCHED_PS_PER_SEC;
}

bool clarus_session_audio_format(clarus_session *s, unsigned *rate, unsigned *channels)
{
    machine *m = s->m;
    if (!m->audio_format || !m->audio_take) return false;
    unsigned r = 0, c = 0;
    m->audio_format(m, &r, &c);
    if (r == 0 || (c != 1 && c != 2)) return false;
    *rate = r;
    *channels = c;
    return true;
}

size_t clarus_session_audio_take(clarus_session *s, int16_t *buf, size_t max_frames)
{
    machine *m = s->m;
    return m->audio_take && max_frames ? m->audio_take(m, buf, max_frames) : 0;
}
