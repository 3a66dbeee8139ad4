/* The display's pointer grab; see grab.h. */
#define G_LOG_DOMAIN "clarus"

#include "grab.h"

#include <stdlib.h>

struct pointer_grab {
    GtkWidget *area; /* weak */
    grab_mouse_fn mouse;
    grab_changed_fn changed;
    void *data;
    bool enabled, grabbed;
    GdkSeat *seat;
    unsigned buttons;
    /* The pointer's last place (root coordinates) motion is measured from. */
    double last_x, last_y;
};

static unsigned button_bit(guint button)
{
    switch (button) {
    case 1: return 1u << 0; /* primary */
    case 3: return 1u << 1; /* secondary */
    case 2: return 1u << 2; /* middle */
    default: return 0;
    }
}

/* The middle of the area on the screen, in root coordinates. */
static void area_centre(pointer_grab *g, int *x, int *y)
{
    GdkWindow *win = gtk_widget_get_window(g->area);
    int ox = 0, oy = 0;
    gdk_window_get_origin(win, &ox, &oy);
    *x = ox + gtk_widget_get_allocated_width(g->area) / 2;
    *y = oy + gtk_widget_get_allocated_height(g->area) / 2;
}

/* Puts the pointer back in the middle so it never reaches an edge (where
 * its motion would stop). Wayland does not let a client move the pointer:
 * there the motion is measured from where it last was instead. */
static void recentre(pointer_grab *g, GdkDevice *pointer)
{
    int cx, cy;
    area_centre(g, &cx, &cy);
    gdk_device_warp(pointer, gtk_widget_get_screen(g->area), cx, cy);
    g->last_x = cx;
    g->last_y = cy;
}

static void set_grabbed(pointer_grab *g, bool on)
{
    if (g->grabbed == on) return;
    g->grabbed = on;
    g_debug("pointer: %s", on ? "grabbed" : "released");
    if (g->changed) g->changed(on, g->data);
}

static bool start_grab(pointer_grab *g, GdkEvent *ev)
{
    GdkWindow *win = gtk_widget_get_window(g->area);
    GdkDisplay *dpy = gtk_widget_get_display(g->area);
    GdkSeat *seat = gdk_display_get_default_seat(dpy);
    if (!win || !seat) return false;
    GdkCursor *blank = gdk_cursor_new_for_display(dpy, GDK_BLANK_CURSOR);
    /* The keyboard too, so the window manager's shortcuts (Alt+Tab, the
     * Super key) reach the guest while it has the pointer. */
    GdkGrabStatus st =
        gdk_seat_grab(seat, win, GDK_SEAT_CAPABILITY_ALL, FALSE, blank, ev, NULL, NULL);
    g_object_unref(blank);
    if (st != GDK_GRAB_SUCCESS) {
        g_debug("pointer: the grab was refused (%d)", (int)st);
        return false;
    }
    g->seat = seat;
    g->buttons = 0;
    recentre(g, gdk_seat_get_pointer(seat));
    set_grabbed(g, true);
    return true;
}

void pointer_grab_release(pointer_grab *g)
{
    if (!g->grabbed) return;
    if (g->buttons && g->mouse) g->mouse(0, 0, 0, g->data);
    g->buttons = 0;
    gdk_seat_ungrab(g->seat);
    g->seat = NULL;
    set_grabbed(g, false);
}

static gboolean on_button(GtkWidget *w, GdkEventButton *ev, gpointer data)
{
    (void)w;
    pointer_grab *g = data;
    if (ev->type != GDK_BUTTON_PRESS && ev->type != GDK_BUTTON_RELEASE) return TRUE;
    if (!g->grabbed) {
        /* The click that grabs stays with the host, as in QEMU. */
        if (g->enabled && ev->type == GDK_BUTTON_PRESS && ev->button == 1)
            start_grab(g, (GdkEvent *)ev);
        return TRUE;
    }
    unsigned bit = button_bit(ev->button);
    if (!bit) return TRUE;
    unsigned now = ev->type == GDK_BUTTON_PRESS ? g->buttons | bit : g->buttons & ~bit;
    if (now == g->buttons) return TRUE;
    g->buttons = now;
    g_debug("mouse: buttons %u", now);
    if (g->mouse) g->mouse(0, 0, now, g->data);
    return TRUE;
}

static gboolean on_motion(GtkWidget *w, GdkEventMotion *ev, gpointer data)
{
    (void)w;
    pointer_grab *g = data;
    if (!g->grabbed) return FALSE;
    int dx = (int)(ev->x_root - g->last_x), dy = (int)(ev->y_root - g->last_y);
    if (!dx && !dy) return TRUE; /* the warp back to the centre */
    g->last_x += dx;
    g->last_y += dy;
    g_debug("mouse: moved %d,%d", dx, dy);
    if (g->mouse) g->mouse(dx, dy, g->buttons, g->data);
    int cx, cy;
    area_centre(g, &cx, &cy);
    int qw = gtk_widget_get_allocated_width(g->area) / 4;
    int qh = gtk_widget_get_allocated_height(g->area) / 4;
    if (abs((int)g->last_x - cx) > qw || abs((int)g->last_y - cy) > qh)
        recentre(g, gdk_event_get_device((GdkEvent *)ev));
    return TRUE;
}

static gboolean on_grab_broken(GtkWidget *w, GdkEventGrabBroken *ev, gpointer data)
{
    (void)w;
    (void)ev;
    pointer_grab *g = data;
    /* Another client or the system took the pointer: the grab is over. */
    if (g->grabbed) {
        if (g->buttons && g->mouse) g->mouse(0, 0, 0, g->data);
        g->buttons = 0;
        g->seat = NULL;
        set_grabbed(g, false);
    }
    return FALSE;
}

pointer_grab *pointer_grab_new(GtkWidget *area, grab_mouse_fn mouse, grab_changed_fn changed,
                               void *data)
{
    pointer_grab *g = g_new0(pointer_grab, 1);
    g->area = area;
    g_object_add_weak_pointer(G_OBJECT(area), (gpointer *)&g->area);
    g->mouse = mouse;
    g->changed = changed;
    g->data = data;
    gtk_widget_add_events(area, GDK_BUTTON_PRESS_MASK | GDK_BUTTON_RELEASE_MASK |
                                    GDK_POINTER_MOTION_MASK);
    g_signal_connect(area, "button-press-event", G_CALLBACK(on_button), g);
    g_signal_connect(area, "button-release-event", G_CALLBACK(on_button), g);
    g_signal_connect(area, "motion-notify-event", G_CALLBACK(on_motion), g);
    g_signal_connect(area, "grab-broken-event", G_CALLBACK(on_grab_broken), g);
    return g;
}

void pointer_grab_set_enabled(pointer_grab *g, bool enabled)
{
    g->enabled = enabled;
    if (!enabled) pointer_grab_release(g);
}

bool pointer_grab_active(const pointer_grab *g)
{
    return g->grabbed;
}

void pointer_grab_free(pointer_grab *g)
{
    if (!g) return;
    if (g->area) {
        pointer_grab_release(g);
        g_signal_handlers_disconnect_by_data(g->area, g);
        g_object_remove_weak_pointer(G_OBJECT(g->area), (gpointer *)&g->area);
    } else if (g->grabbed && g->seat) {
        gdk_seat_ungrab(g->seat);
    }
    g_free(g);
}
