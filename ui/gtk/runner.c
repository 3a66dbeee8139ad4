#include "runner.h"

#include <stdatomic.h>

#include "ui/common/png.h"

typedef enum {
    CMD_KEY,
    CMD_MOUSE,
    CMD_SERIAL,
    CMD_PAUSE,
    CMD_RESUME,
    CMD_POWER_OFF,
    CMD_RESET,
    CMD_SCREENSHOT,
    CMD_QUIT,
} cmd_kind;

typedef struct cmd {
    cmd_kind kind;
    uint8_t adb_code;
    bool down;
    int dx, dy;
    unsigned buttons;
    char *path;
    GBytes *data; /* CMD_SERIAL */
} cmd;

/* What the events need of the UI side, shared by the runner and every
 * event still on its way: runner_free cancels it, so an event that arrives
 * after the runner is gone is dropped. */
typedef struct link {
    gatomicrefcount ref;
    atomic_bool cancelled;
    GMainContext *ctx;
    runner_event_fn fn;
    void *data;
} link;

struct runner {
    clarus_session *s;
    char *until;
    double timeout_seconds, slice_seconds, frame_interval_us;
    GAsyncQueue *q;
    GThread *thread;
    link *to_ui;
    triple_buffer frames;
    atomic_bool finished;
    atomic_bool want_frame; /* runner_want_frame */
    GByteArray *serial_out; /* machine thread: serial output not yet posted */
};

static link *link_ref(link *l)
{
    g_atomic_ref_count_inc(&l->ref);
    return l;
}

static void link_unref(link *l)
{
    if (g_atomic_ref_count_dec(&l->ref)) {
        if (l->ctx) g_main_context_unref(l->ctx);
        g_free(l);
    }
}

typedef struct pending_event {
    link *to;
    runner_event ev;
    char *path, *error;
    GBytes *data;
} pending_event;

static gboolean deliver(gpointer p)
{
    pending_event *e = p;
    if (!atomic_load(&e->to->cancelled)) e->to->fn(&e->ev, e->to->data);
    return G_SOURCE_REMOVE;
}

static void free_event(gpointer p)
{
    pending_event *e = p;
    link_unref(e->to);
    g_free(e->path);
    g_free(e->error);
    if (e->data) g_bytes_unref(e->data);
    g_free(e);
}

/* Machine thread: hands ev to the UI's main context. */
static void post(runner *r, const runner_event *ev)
{
    pending_event *e = g_new0(pending_event, 1);
    e->to = link_ref(r->to_ui);
    e->ev = *ev;
    e->path = g_strdup(ev->path);
    e->error = g_strdup(ev->error);
    e->ev.path = e->path;
    e->ev.error = e->error;
    if (ev->len) {
        e->data = g_bytes_new(ev->data, ev->len);
        e->ev.data = g_bytes_get_data(e->data, NULL);
    }
    g_main_context_invoke_full(r->to_ui->ctx, G_PRIORITY_DEFAULT, deliver, e, free_event);
}

/* Machine thread, inside a slice: the serial output gathers until the
 * slice ends, so the UI gets one event per slice, not per byte. */
static void on_serial(void *ctx, const uint8_t *buf, size_t n)
{
    runner *r = ctx;
    g_byte_array_append(r->serial_out, buf, (guint)n);
}

static void post_serial(runner *r)
{
    if (!r->serial_out->len) return;
    runner_event ev = {
        .kind = RUNNER_EVENT_SERIAL, .data = r->serial_out->data, .len = r->serial_out->len};
    post(r, &ev);
    g_byte_array_set_size(r->serial_out, 0);
}

static void publish_frame(runner *r)
{
    uint32_t *px = NULL;
    unsigned w = 0, h = 0;
    if (clarus_session_frame(r->s, &px, &w, &h)) tb_publish(&r->frames, px, w, h);
}

static void screenshot(runner *r, const char *path)
{
    runner_event ev = {.kind = RUNNER_EVENT_SCREENSHOT, .path = path};
    uint32_t *px = NULL;
    unsigned w = 0, h = 0;
    GError *err = NULL;
    if (!clarus_session_frame(r->s, &px, &w, &h)) {
        ev.error = "the display shows nothing (no picture to save)";
        post(r, &ev);
        return;
    }
    if (!png_write_rgb(path, px, w, h, &err)) ev.error = err->message;
    post(r, &ev);
    g_clear_error(&err);
    g_free(px);
}

static void free_cmd(cmd *c)
{
    g_free(c->path);
    if (c->data) g_bytes_unref(c->data);
    g_free(c);
}

/* Applies one command; true when it ends the run (quit). */
static bool apply(runner *r, cmd *c, bool *paused)
{
    bool quit = false;
    switch (c->kind) {
    case CMD_KEY: clarus_session_key(r->s, c->adb_code, c->down); break;
    case CMD_MOUSE: clarus_session_mouse(r->s, c->dx, c->dy, c->buttons); break;
    case CMD_SERIAL: {
        gsize n = 0;
        const void *p = g_bytes_get_data(c->data, &n);
        clarus_session_send_serial(r->s, p, n);
        break;
    }
    case CMD_PAUSE:
    case CMD_RESUME:
        if (*paused != (c->kind == CMD_PAUSE)) {
            *paused = c->kind == CMD_PAUSE;
            /* The time spent paused is not time the guest fell behind. */
            if (!*paused) clarus_session_pace_restart(r->s);
            runner_event ev = {.kind = RUNNER_EVENT_PAUSED, .paused = *paused};
            post(r, &ev);
        }
        break;
    case CMD_POWER_OFF:
        clarus_session_power_off(r->s);
        /* The next slice returns at once with CLARUS_STOP_POWER_OFF. */
        *paused = false;
        break;
    case CMD_RESET: clarus_session_reset(r->s); break;
    case CMD_SCREENSHOT: screenshot(r, c->path); break;
    case CMD_QUIT: quit = true; break;
    }
    free_cmd(c);
    return quit;
}

static gpointer runner_main(gpointer data)
{
    runner *r = data;
    const gint64 deadline =
        r->timeout_seconds > 0 ? g_get_monotonic_time() + (gint64)(r->timeout_seconds * 1e6) : 0;
    const clarus_run_opts ro = {.until = r->until, .guest_seconds = r->slice_seconds};
    gint64 next_frame = 0;
    bool paused = false;
    clarus_stop why = CLARUS_STOP_REQUESTED;
    for (;;) {
        /* Commands first; while paused, wait for them (waking up now and
         * then for the time limit). */
        bool quit = false;
        cmd *c;
        while (!quit && (c = paused ? g_async_queue_timeout_pop(r->q, 50000)
                                    : g_async_queue_try_pop(r->q)) != NULL)
            quit = apply(r, c, &paused);
        if (quit) break;
        gint64 now = g_get_monotonic_time();
        if (deadline && now >= deadline) {
            why = CLARUS_STOP_TIMEOUT;
            break;
        }
        if (paused) continue;
        clarus_stop st = clarus_session_run(r->s, &ro);
        post_serial(r);
        if (st != CLARUS_STOP_GUEST_TIME && st != CLARUS_STOP_REQUESTED &&
            st != CLARUS_STOP_KEYS_TAKEN) {
            why = st;
            break;
        }
        /* CLARUS_STOP_REQUESTED: runner_quit cut the slice short; its
         * command is in the queue. */
        now = g_get_monotonic_time();
        if (atomic_exchange(&r->want_frame, false)) {
            publish_frame(r);
            next_frame = now + (gint64)r->frame_interval_us;
        } else if (now >= next_frame) {
            publish_frame(r);
            next_frame += (gint64)r->frame_interval_us;
            if (next_frame < now) next_frame = now + (gint64)r->frame_interval_us;
        }
    }
    /* The last picture stays on the screen. */
    publish_frame(r);
    post_serial(r);
    clarus_session_watch_serial(r->s, NULL, NULL);
    atomic_store(&r->finished, true);
    runner_event ev = {.kind = RUNNER_EVENT_STOPPED, .why = why};
    post(r, &ev);
    return NULL;
}

runner *runner_start(clarus_session *s, const runner_opts *o, GMainContext *main_ctx,
                     runner_event_fn fn, void *data)
{
    runner *r = g_new0(runner, 1);
    r->s = s;
    r->until = o && o->until ? g_strdup(o->until) : NULL;
    r->timeout_seconds = o ? o->timeout_seconds : 0;
    /* Short slices: a command or a picture request waits at most one. */
    r->slice_seconds = o && o->slice_seconds > 0 ? o->slice_seconds : 0.004;
    double fps = o && o->frames_per_second > 0 ? o->frames_per_second : 60;
    r->frame_interval_us = 1e6 / fps;
    r->q = g_async_queue_new();
    tb_init(&r->frames);
    r->to_ui = g_new0(link, 1);
    g_atomic_ref_count_init(&r->to_ui->ref);
    atomic_init(&r->to_ui->cancelled, false);
    r->to_ui->ctx = g_main_context_ref(main_ctx ? main_ctx : g_main_context_default());
    r->to_ui->fn = fn;
    r->to_ui->data = data;
    atomic_init(&r->finished, false);
    atomic_init(&r->want_frame, false);
    r->serial_out = g_byte_array_new();
    /* Set before the thread starts, which alone runs the session after. */
    clarus_session_watch_serial(s, on_serial, r);
    r->thread = g_thread_new("clarus-machine", runner_main, r);
    return r;
}

static void push(runner *r, cmd_kind kind, uint8_t code, bool down, const char *path)
{
    cmd *c = g_new0(cmd, 1);
    c->kind = kind;
    c->adb_code = code;
    c->down = down;
    c->path = g_strdup(path);
    g_async_queue_push(r->q, c);
}

void runner_key(runner *r, uint8_t adb_code, bool down)
{
    push(r, CMD_KEY, adb_code, down, NULL);
}

void runner_mouse(runner *r, int dx, int dy, unsigned buttons)
{
    cmd *c = g_new0(cmd, 1);
    c->kind = CMD_MOUSE;
    c->dx = dx;
    c->dy = dy;
    c->buttons = buttons;
    g_async_queue_push(r->q, c);
}

void runner_send_serial(runner *r, const void *buf, size_t n)
{
    if (!n) return;
    cmd *c = g_new0(cmd, 1);
    c->kind = CMD_SERIAL;
    c->data = g_bytes_new(buf, n);
    g_async_queue_push(r->q, c);
}

void runner_pause(runner *r, bool paused)
{
    push(r, paused ? CMD_PAUSE : CMD_RESUME, 0, false, NULL);
}

void runner_reset(runner *r)
{
    push(r, CMD_RESET, 0, false, NULL);
}

void runner_power_off(runner *r)
{
    push(r, CMD_POWER_OFF, 0, false, NULL);
}

void runner_screenshot(runner *r, const char *path)
{
    push(r, CMD_SCREENSHOT, 0, false, path);
}

void runner_quit(runner *r)
{
    push(r, CMD_QUIT, 0, false, NULL);
    /* Cut the slice under way short (safe from another thread); once the
     * thread has ended there is no run to stop. */
    if (!atomic_load(&r->finished)) clarus_session_request_stop(r->s);
}

void runner_free(runner *r)
{
    if (!r) return;
    if (!atomic_load(&r->finished)) runner_quit(r);
    g_thread_join(r->thread);
    atomic_store(&r->to_ui->cancelled, true);
    link_unref(r->to_ui);
    cmd *c;
    while ((c = g_async_queue_try_pop(r->q)) != NULL) free_cmd(c);
    g_byte_array_unref(r->serial_out);
    g_async_queue_unref(r->q);
    tb_clear(&r->frames);
    g_free(r->until);
    g_free(r);
}

void runner_want_frame(runner *r)
{
    atomic_store(&r->want_frame, true);
}

triple_buffer *runner_frames(runner *r)
{
    return &r->frames;
}
