/* The display's frame-rate meter; see fps.h. */
#define G_LOG_DOMAIN "clarus"

#include "fps.h"

#include <stdio.h>

#define WINDOW_US (5 * G_USEC_PER_SEC)

struct fps_meter {
    GtkWidget *w; /* weak */
    GdkFrameClock *clock;
    gulong handler;
    char *path;
    bool running, painted;
    gint64 start_us; /* 0: the window has not started */
    unsigned frames, ticks;
};

static void report(fps_meter *m, gint64 now)
{
    double secs = (double)(now - m->start_us) / G_USEC_PER_SEC;
    FILE *f = fopen(m->path, "a");
    if (!f) {
        g_warning("CLARUS_FPS_REPORT: cannot write %s", m->path);
        return;
    }
    /* fps: the frame clock's paints of the window; pictures: those that
     * showed a new picture from the machine. */
    fprintf(f, "painted=%u ticks=%u seconds=%.3f fps=%.1f pictures=%.1f\n", m->frames, m->ticks,
            secs, m->ticks / secs, m->frames / secs);
    fclose(f);
}

static void on_after_paint(GdkFrameClock *clock, gpointer data)
{
    (void)clock;
    fps_meter *m = data;
    bool painted = m->painted;
    m->painted = false;
    if (!m->running) {
        /* A pause or a stop ends the window under way unreported. */
        m->start_us = 0;
        return;
    }
    gint64 now = g_get_monotonic_time();
    if (!m->start_us) {
        if (!painted) return;
        m->start_us = now;
        m->frames = m->ticks = 0;
        return; /* the window starts after its first picture */
    }
    m->ticks++;
    if (painted) m->frames++;
    if (now - m->start_us >= WINDOW_US) {
        report(m, now);
        m->start_us = now;
        m->frames = m->ticks = 0;
    }
}

static void on_realize(GtkWidget *w, gpointer data)
{
    fps_meter *m = data;
    if (m->clock) return;
    m->clock = gtk_widget_get_frame_clock(w);
    if (!m->clock) return;
    g_object_ref(m->clock);
    m->handler = g_signal_connect(m->clock, "after-paint", G_CALLBACK(on_after_paint), m);
}

fps_meter *fps_meter_new(GtkWidget *w)
{
    const char *path = g_getenv("CLARUS_FPS_REPORT");
    if (!path || !*path) return NULL;
    fps_meter *m = g_new0(fps_meter, 1);
    m->path = g_strdup(path);
    m->w = w;
    g_object_add_weak_pointer(G_OBJECT(w), (gpointer *)&m->w);
    g_signal_connect(w, "realize", G_CALLBACK(on_realize), m);
    if (gtk_widget_get_realized(w)) on_realize(w, m);
    return m;
}

void fps_meter_free(fps_meter *m)
{
    if (!m) return;
    if (m->clock) {
        g_signal_handler_disconnect(m->clock, m->handler);
        g_object_unref(m->clock);
    }
    if (m->w) {
        g_signal_handlers_disconnect_by_data(m->w, m);
        g_object_remove_weak_pointer(G_OBJECT(m->w), (gpointer *)&m->w);
    }
    g_free(m->path);
    g_free(m);
}

void fps_meter_painted(fps_meter *m)
{
    if (m) m->painted = true;
}

void fps_meter_set_running(fps_meter *m, bool running)
{
    if (m) m->running = running;
}
