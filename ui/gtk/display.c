/* The display window: a GtkApplication window with a header bar (pause,
 * power off, screenshot, fullscreen, a menu for scaling, the Command key
 * and the serial console) and a drawing area showing the emulated display,
 * which grabs the pointer when clicked (grab.c) and takes files dropped on
 * it (CD images go into the drive at once), with an info bar over it for
 * what came of a drop. The machine runs on the runner's thread; this file
 * never calls the session. */
#define G_LOG_DOMAIN "clarus"

#include <math.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>
#include <gtk/gtk.h>

#include "display.h"
#include "fps.h"
#include "grab.h"
#include "gtk_front.h"
#include "machines/adb_keymap.h"
#include "prefs.h"
#include "runner.h"
#include "serial_console.h"

typedef struct display {
    char *title, *id, *until; /* from clarus_gtk_opts */
    double timeout_seconds;
    display_closed_fn closed;
    void *closed_data;
    clarus_session *session; /* handed to the runner, never called here */
    runner *run;
    GtkWidget *window, *header, *area, *dialog;
    display_prefs prefs;
    bool running, paused, quitting, closed_by_user, fullscreen;
    clarus_stop why;
    uint32_t held[4];          /* ADB keys the guest was told are down */
    unsigned frame_w, frame_h; /* the picture's size the window was last fitted to */
    int logged[5];             /* the picture's place last reported by g_debug */
    const char *status;        /* the header bar's subtitle */
    char *notice;              /* a passing message shown instead of status */
    guint notice_id, tick_id;
    pointer_grab *grab;      /* the mouse (grab.c) */
    serial_console *console; /* the serial console window, NULL without VTE */
    fps_meter *fps;          /* CLARUS_FPS_REPORT */
    bool new_picture;        /* on_tick saw a new picture for on_draw to paint */
    bool serial_console_opt; /* --serial-console: show it from the start */
    GtkWidget *menu_popover; /* the header bar menu's popover */
    double test_tone_hz;     /* --test-tone: its pitch, and the tone on from the start */
    GtkWidget *infobar, *info_label;
    display_drop_fn drop_fn; /* display_window_set_drop_handler */
    void *drop_data;
} display;

/* The shortcut that lets the grabbed pointer go, as QEMU's GTK window. */
#define RELEASE_KEYS_TEXT "Ctrl+Alt+G"
#define RELEASE_KEYS      "<Control><Alt>g"

static void machine_io_stopped(display *d);
static void cd_changed(display *d, const char *path, const char *error);

/* ---- status line ---- */

static void show_status(display *d)
{
    if (!d->header) return;
    const char *grabbed = "Pointer grabbed: press " RELEASE_KEYS_TEXT " to release it";
    bool has_grab = d->grab && pointer_grab_active(d->grab);
    gtk_header_bar_set_subtitle(GTK_HEADER_BAR(d->header), d->notice  ? d->notice
                                                           : has_grab ? grabbed
                                                                      : d->status);
}

static gboolean notice_done(gpointer data)
{
    display *d = data;
    d->notice_id = 0;
    g_clear_pointer(&d->notice, g_free);
    show_status(d);
    return G_SOURCE_REMOVE;
}

static void show_notice(display *d, char *msg)
{
    g_free(d->notice);
    d->notice = msg;
    if (d->notice_id) g_source_remove(d->notice_id);
    d->notice_id = g_timeout_add_seconds(5, notice_done, d);
    show_status(d);
}

static void set_action_state(display *d, const char *name, bool on)
{
    GAction *a = g_action_map_lookup_action(G_ACTION_MAP(d->window), name);
    if (a) g_simple_action_set_state(G_SIMPLE_ACTION(a), g_variant_new_boolean(on));
}

static void set_action_enabled(display *d, const char *name, bool on)
{
    GAction *a = g_action_map_lookup_action(G_ACTION_MAP(d->window), name);
    if (a) g_simple_action_set_enabled(G_SIMPLE_ACTION(a), on);
}

/* ---- the info bar ---- */

/* Shows msg over the top of the picture (an overlay, so the picture keeps
 * its size); errors and warnings also go to stderr, and every message to
 * the debug log tests read (G_MESSAGES_DEBUG=clarus). */
static void G_GNUC_PRINTF(3, 4) show_info(display *d, GtkMessageType type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gchar *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_debug("display: info bar: %s", msg);
    if (type == GTK_MESSAGE_ERROR || type == GTK_MESSAGE_WARNING)
        fprintf(stderr, "clarus: %s\n", msg);
    if (d->infobar) {
        gtk_info_bar_set_message_type(GTK_INFO_BAR(d->infobar), type);
        gtk_label_set_text(GTK_LABEL(d->info_label), msg);
        gtk_widget_show(d->infobar);
        gtk_info_bar_set_revealed(GTK_INFO_BAR(d->infobar), TRUE);
    }
    g_free(msg);
}

static void on_info_response(GtkInfoBar *bar, gint response, gpointer data)
{
    (void)response;
    (void)data;
    gtk_info_bar_set_revealed(bar, FALSE);
}

static GtkWidget *make_infobar(display *d)
{
    d->infobar = gtk_info_bar_new();
    gtk_info_bar_set_show_close_button(GTK_INFO_BAR(d->infobar), TRUE);
    gtk_widget_set_valign(d->infobar, GTK_ALIGN_START);
    gtk_widget_set_no_show_all(d->infobar, TRUE);
    d->info_label = gtk_label_new(NULL);
    gtk_label_set_line_wrap(GTK_LABEL(d->info_label), TRUE);
    gtk_label_set_xalign(GTK_LABEL(d->info_label), 0);
    gtk_widget_show(d->info_label);
    gtk_container_add(GTK_CONTAINER(gtk_info_bar_get_content_area(GTK_INFO_BAR(d->infobar))),
                      d->info_label);
    AtkObject *acc = gtk_widget_get_accessible(d->infobar);
    if (acc) atk_object_set_name(acc, "Machine message");
    g_signal_connect(d->infobar, "response", G_CALLBACK(on_info_response), d);
    return d->infobar;
}

/* ---- keyboard ---- */

static bool key_held(const display *d, uint8_t code)
{
    return (d->held[code >> 5] >> (code & 31)) & 1;
}

static void release_all_keys(display *d)
{
    for (unsigned code = 0; code < 128; code++) {
        if (!key_held(d, (uint8_t)code)) continue;
        d->held[code >> 5] &= ~(1u << (code & 31));
        if (d->running) runner_key(d->run, (uint8_t)code, false);
    }
}

static bool menu_open(display *d, GtkWidget *window)
{
    if (d->menu_popover && gtk_widget_get_visible(d->menu_popover)) return true;
    GtkWidget *f = gtk_window_get_focus(GTK_WINDOW(window));
    return f && gtk_widget_get_ancestor(f, GTK_TYPE_POPOVER);
}

static gboolean on_key(GtkWidget *w, GdkEventKey *ev, gpointer data)
{
    display *d = data;
    bool down = ev->type == GDK_KEY_PRESS;
    /* Control-Option (Alt) shortcuts belong to the window (fullscreen). */
    const GdkModifierType both = GDK_CONTROL_MASK | GDK_MOD1_MASK;
    if (down && (ev->state & both) == both && gtk_window_activate_key(GTK_WINDOW(w), ev))
        return TRUE;
    if (!d->running || ev->hardware_keycode < 8) return FALSE;
    /* While the header bar's menu (or any popover) is open, keys move
     * through it and choose items: they are not the guest's. */
    if (menu_open(d, w)) return FALSE;
    /* X11 and Wayland key codes are Linux input event codes + 8: keys map
     * by their place on the keyboard, whatever the host's layout. */
    uint8_t code = adb_keymap_evdev(ev->hardware_keycode - 8u, d->prefs.alt_is_command);
    if (code == ADB_KEY_NONE || code >= 128) return FALSE;
    /* The Mac repeats keys itself: drop the host's repeats. */
    if (key_held(d, code) == down) return TRUE;
    if (down)
        d->held[code >> 5] |= 1u << (code & 31);
    else
        d->held[code >> 5] &= ~(1u << (code & 31));
    runner_key(d->run, code, down);
    return TRUE;
}

static gboolean on_focus_out(GtkWidget *w, GdkEventFocus *ev, gpointer data)
{
    (void)w;
    (void)ev;
    /* Keys let go of in another window must not stay down in the guest. */
    release_all_keys(data);
    return FALSE;
}

/* ---- drawing ---- */

typedef struct placement {
    double scale;
    int x, y, w, h; /* device pixels within the area */
} placement;

/* Where a w x h picture goes in an area of aw x ah device pixels: as large
 * as fits keeping the aspect ratio, in whole multiples when integer (unless
 * even 1x does not fit), centred. */
static placement place(unsigned w, unsigned h, int aw, int ah, bool integer)
{
    placement p;
    double s = fmin((double)aw / w, (double)ah / h);
    if (integer && s >= 1) s = floor(s);
    if (s <= 0) s = 1.0 / 64;
    p.scale = s;
    p.w = (int)lround(w * s);
    p.h = (int)lround(h * s);
    p.x = (aw - p.w) / 2;
    p.y = (ah - p.h) / 2;
    return p;
}

/* The debug hook tests use (G_MESSAGES_DEBUG=clarus): where the picture is
 * on the screen, in device pixels, each time that changes. */
static void log_place(display *d, const tb_frame *f, const placement *p, int sf)
{
    GdkWindow *win = gtk_widget_get_window(d->area);
    int ox = 0, oy = 0;
    if (win) gdk_window_get_origin(win, &ox, &oy);
    int now[5] = {p->w, p->h, ox * sf + p->x, oy * sf + p->y, (int)f->w};
    if (memcmp(now, d->logged, sizeof now) == 0) return;
    memcpy(d->logged, now, sizeof now);
    g_debug("display: %ux%u picture shown at %dx%d+%d+%d on the screen, scale %.3f", f->w, f->h,
            now[0], now[1], now[2], now[3], p->scale);
}

static gboolean on_draw(GtkWidget *w, cairo_t *cr, gpointer data)
{
    display *d = data;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_paint(cr);
    if (!d->run) return TRUE;
    const tb_frame *f = tb_acquire(runner_frames(d->run));
    if (!f->pixels || !f->w || !f->h) return TRUE;
    /* Work in device pixels so HiDPI screens get sharp whole multiples. */
    int sf = gtk_widget_get_scale_factor(w);
    placement p = place(f->w, f->h, gtk_widget_get_allocated_width(w) * sf,
                        gtk_widget_get_allocated_height(w) * sf, d->prefs.integer_scaling);
    /* 0x00RRGGBB in host order is cairo's RGB24. */
    cairo_surface_t *img = cairo_image_surface_create_for_data(
        (unsigned char *)f->pixels, CAIRO_FORMAT_RGB24, (int)f->w, (int)f->h, (int)f->w * 4);
    cairo_save(cr);
    cairo_scale(cr, 1.0 / sf, 1.0 / sf);
    cairo_translate(cr, p.x, p.y);
    cairo_scale(cr, p.scale, p.scale);
    cairo_set_source_surface(cr, img, 0, 0);
    bool whole = fabs(p.scale - round(p.scale)) < 1e-9;
    cairo_pattern_set_filter(cairo_get_source(cr),
                             whole ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
    cairo_rectangle(cr, 0, 0, f->w, f->h);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
    log_place(d, f, &p, sf);
    if (d->new_picture) fps_meter_painted(d->fps);
    d->new_picture = false;
    return TRUE;
}

/* Sizes the window so the area shows the picture at 1x (one logical
 * pixel per emulated pixel), unless the user chose fullscreen or
 * maximized. */
static void fit_window(display *d, unsigned w, unsigned h)
{
    GdkWindow *gw = gtk_widget_get_window(d->window);
    if (!gw) return;
    GdkWindowState st = gdk_window_get_state(gw);
    if (st & (GDK_WINDOW_STATE_FULLSCREEN | GDK_WINDOW_STATE_MAXIMIZED | GDK_WINDOW_STATE_TILED))
        return;
    int ww, wh;
    gtk_window_get_size(GTK_WINDOW(d->window), &ww, &wh);
    int aw = gtk_widget_get_allocated_width(d->area);
    int ah = gtk_widget_get_allocated_height(d->area);
    gtk_window_resize(GTK_WINDOW(d->window), ww + ((int)w - aw), wh + ((int)h - ah));
}

/* Each frame of the window's frame clock: a newer picture is drawn. */
static gboolean on_tick(GtkWidget *w, GdkFrameClock *clock, gpointer data)
{
    (void)clock;
    display *d = data;
    if (!d->run) return G_SOURCE_CONTINUE;
    /* The picture for the next frame. */
    if (d->running) runner_want_frame(d->run);
    if (!tb_has_new(runner_frames(d->run))) return G_SOURCE_CONTINUE;
    const tb_frame *f = tb_acquire(runner_frames(d->run));
    if (f->pixels && (f->w != d->frame_w || f->h != d->frame_h)) {
        d->frame_w = f->w;
        d->frame_h = f->h;
        fit_window(d, f->w, f->h);
    }
    d->new_picture = true;
    gtk_widget_queue_draw(w);
    return G_SOURCE_CONTINUE;
}

/* ---- stopping ---- */

static const char *stop_text(clarus_stop why)
{
    switch (why) {
    case CLARUS_STOP_POWER_OFF: return "Powered off";
    case CLARUS_STOP_RESTART: return "Stopped: the guest asked for a restart";
    case CLARUS_STOP_UNTIL: return "Stopped: the awaited text appeared";
    case CLARUS_STOP_TIMEOUT: return "Stopped: the time limit passed";
    case CLARUS_STOP_FAILED: return "Stopped: the machine failed (see the terminal)";
    case CLARUS_STOP_REQUESTED: return "Stopped";
    case CLARUS_STOP_GUEST_TIME:
    case CLARUS_STOP_KEYS_TAKEN: break;
    }
    return "Stopped";
}

static void close_dialog(display *d)
{
    GtkWidget *dlg = d->dialog;
    if (!dlg) return;
    g_object_remove_weak_pointer(G_OBJECT(dlg), (gpointer *)&d->dialog);
    d->dialog = NULL;
    gtk_widget_destroy(dlg);
}

static void on_runner_event(const runner_event *ev, void *data)
{
    display *d = data;
    switch (ev->kind) {
    case RUNNER_EVENT_PAUSED:
        if (!d->window) break;
        d->paused = ev->paused;
        set_action_state(d, "pause", d->paused);
        fps_meter_set_running(d->fps, !d->paused);
        /* A paused guest takes no mouse motion. */
        if (d->grab) pointer_grab_set_enabled(d->grab, !d->paused);
        d->status = d->paused ? "Paused" : "Running";
        show_status(d);
        break;
    case RUNNER_EVENT_SCREENSHOT:
        if (!d->window) break;
        if (ev->error) {
            fprintf(stderr, "clarus: screenshot: %s\n", ev->error);
            show_notice(d, g_strdup_printf("Screenshot not saved: %s", ev->error));
        } else {
            gchar *base = g_path_get_basename(ev->path);
            show_notice(d, g_strdup_printf("Screenshot saved: %s", base));
            g_free(base);
        }
        break;
    case RUNNER_EVENT_SERIAL: serial_console_feed(d->console, ev->data, ev->len); break;
    case RUNNER_EVENT_CD:
        if (d->window) cd_changed(d, ev->path, ev->error);
        break;
    case RUNNER_EVENT_STOPPED:
        d->running = false;
        d->why = ev->why;
        memset(d->held, 0, sizeof d->held);
        machine_io_stopped(d);
        if (!d->window) break;
        close_dialog(d);
        set_action_enabled(d, "pause", false);
        set_action_enabled(d, "power-off", false);
        set_action_enabled(d, "reset", false);
        set_action_enabled(d, "screenshot", false);
        set_action_enabled(d, "test-tone", false);
        d->status = stop_text(ev->why);
        show_status(d);
        /* The machine is gone: the window goes with it, unless it failed
         * and the last picture may tell why. */
        if (d->quitting || ev->why != CLARUS_STOP_FAILED) gtk_widget_destroy(d->window);
        break;
    }
}

/* ---- drag and drop ---- */

/* The machine thread has swapped the disc (or could not). */
static void cd_changed(display *d, const char *path, const char *error)
{
    if (!path) {
        show_info(d, error ? GTK_MESSAGE_ERROR : GTK_MESSAGE_INFO, "%s",
                  error ? error : "The CD-ROM drive is empty");
        return;
    }
    gchar *base = g_path_get_basename(path);
    if (error) {
        show_info(d, GTK_MESSAGE_ERROR, "%s was not put in the CD-ROM drive: %s", base, error);
    } else if (!d->drop_fn) {
        show_info(d, GTK_MESSAGE_INFO,
                  "%s is in the CD-ROM drive (for this run: a machine started from the "
                  "command line takes its disc with --cdrom)",
                  base);
    } else {
        GError *err = NULL;
        if (d->drop_fn(DROP_CDROM, path, d->drop_data, &err))
            show_info(d, GTK_MESSAGE_INFO, "%s is in the CD-ROM drive, and in “%s”'s settings",
                      base, d->title);
        else
            show_info(d, GTK_MESSAGE_WARNING,
                      "%s is in the CD-ROM drive, but not in “%s”'s settings: %s", base, d->title,
                      err->message);
        g_clear_error(&err);
    }
    g_free(base);
}

/* A hard disk cannot be plugged into the IDE bus of a running machine:
 * it is for the next start, through the library machine's settings. */
static void disk_dropped(display *d, const char *path)
{
    gchar *base = g_path_get_basename(path);
    GError *err = NULL;
    if (!d->drop_fn)
        show_info(d, GTK_MESSAGE_WARNING,
                  "%s was not attached: hard disks cannot be plugged in while the machine "
                  "runs. Start it with --disk %s, or add the disk to a machine in the library",
                  base, path);
    else if (d->drop_fn(DROP_DISK, path, d->drop_data, &err))
        show_info(d, GTK_MESSAGE_INFO,
                  "%s is one of “%s”'s hard disks from its next start (a hard disk cannot be "
                  "plugged in while the machine runs)",
                  base, d->title);
    else
        show_info(d, GTK_MESSAGE_ERROR, "%s was not attached to “%s”: %s", base, d->title,
                  err->message);
    g_clear_error(&err);
    g_free(base);
}

static void on_drag_received(GtkWidget *w, GdkDragContext *ctx, gint x, gint y,
                             GtkSelectionData *sel, guint info, guint time, gpointer data)
{
    (void)w;
    (void)ctx;
    (void)x;
    (void)y;
    (void)info;
    (void)time;
    display *d = data;
    gchar **uris = gtk_selection_data_get_uris(sel);
    if (!uris || !uris[0]) {
        show_info(d, GTK_MESSAGE_WARNING, "Only disk and CD image files can be dropped here");
    } else if (!d->running) {
        show_info(d, GTK_MESSAGE_ERROR, "“%s” is not running: nothing was attached", d->title);
    } else {
        bool cd_taken = false;
        for (gchar **u = uris; *u; u++) {
            gchar *path = NULL;
            GError *err = NULL;
            drop_kind k = drop_classify_uri(*u, &path, &err);
            g_debug("display: dropped %s: %s", *u,
                    k == DROP_CDROM  ? "CD"
                    : k == DROP_DISK ? "hard disk"
                                     : "refused");
            if (k == DROP_REFUSED) {
                show_info(d, GTK_MESSAGE_ERROR, "Nothing was attached: %s", err->message);
            } else if (k == DROP_CDROM && cd_taken) {
                gchar *base = g_path_get_basename(path);
                show_info(d, GTK_MESSAGE_WARNING, "%s was left out: the drive takes one disc",
                          base);
                g_free(base);
            } else if (k == DROP_CDROM) {
                /* The answer comes back as RUNNER_EVENT_CD. */
                runner_change_cd(d->run, path);
                cd_taken = true;
            } else {
                disk_dropped(d, path);
            }
            g_clear_error(&err);
            g_free(path);
        }
    }
    g_strfreev(uris);
}

void display_window_set_drop_handler(display_window *w, display_drop_fn fn, void *data)
{
    display *d = (display *)w;
    d->drop_fn = fn;
    d->drop_data = data;
}

enum { CONFIRM_CLOSE, CONFIRM_POWER_OFF };

static void on_confirm(GtkDialog *dlg, gint response, gpointer data)
{
    display *d = data;
    int what = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(dlg), "clarus-confirm"));
    close_dialog(d);
    if (response != GTK_RESPONSE_ACCEPT || !d->running) return;
    if (what == CONFIRM_CLOSE) {
        d->quitting = true;
        d->closed_by_user = true;
        runner_quit(d->run);
    } else {
        runner_power_off(d->run);
    }
}

/* Asks before switching a running machine off. */
static void confirm(display *d, int what)
{
    if (d->dialog) {
        gtk_window_present(GTK_WINDOW(d->dialog));
        return;
    }
    const char *q =
        what == CONFIRM_CLOSE ? "Power off “%s” and close its window?" : "Power off “%s”?";
    d->dialog = gtk_message_dialog_new(GTK_WINDOW(d->window),
                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, q, d->title);
    gtk_message_dialog_format_secondary_text(
        GTK_MESSAGE_DIALOG(d->dialog),
        "The machine is still running. Switching it off is like pulling the plug: whatever "
        "the guest has not saved is lost.");
    gtk_dialog_add_button(GTK_DIALOG(d->dialog), "_Cancel", GTK_RESPONSE_CANCEL);
    GtkWidget *yes = gtk_dialog_add_button(
        GTK_DIALOG(d->dialog), what == CONFIRM_CLOSE ? "_Power Off and Close" : "_Power Off",
        GTK_RESPONSE_ACCEPT);
    gtk_style_context_add_class(gtk_widget_get_style_context(yes), "destructive-action");
    gtk_dialog_set_default_response(GTK_DIALOG(d->dialog), GTK_RESPONSE_CANCEL);
    g_object_add_weak_pointer(G_OBJECT(d->dialog), (gpointer *)&d->dialog);
    g_object_set_data(G_OBJECT(d->dialog), "clarus-confirm", GINT_TO_POINTER(what));
    g_signal_connect(d->dialog, "response", G_CALLBACK(on_confirm), d);
    gtk_widget_show(d->dialog);
}

static gboolean on_delete(GtkWidget *w, GdkEvent *ev, gpointer data)
{
    (void)w;
    (void)ev;
    display *d = data;
    if (!d->running) return FALSE;
    if (!d->quitting) confirm(d, CONFIRM_CLOSE);
    return TRUE;
}

void display_window_quit(display_window *w)
{
    display *d = (display *)w;
    d->quitting = true;
    if (d->running)
        runner_quit(d->run);
    else if (d->window)
        gtk_widget_destroy(d->window);
}

void display_window_present(display_window *w)
{
    display *d = (display *)w;
    if (d->window) gtk_window_present(GTK_WINDOW(d->window));
}

/* ---- actions ---- */

static void act_pause(GSimpleAction *a, GVariant *v, gpointer data)
{
    display *d = data;
    (void)a;
    /* The state changes when the machine thread says it has paused. */
    if (d->running) runner_pause(d->run, g_variant_get_boolean(v));
}

static void act_reset(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    display *d = data;
    if (d->running) runner_reset(d->run);
}

static void act_power_off(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    display *d = data;
    if (d->running) confirm(d, CONFIRM_POWER_OFF);
}

/* "Clarus mac99 2026-12-04 18.40.17.png" in the Pictures folder. */
static gchar *screenshot_path(const display *d)
{
    const char *dir = g_get_user_special_dir(G_USER_DIRECTORY_PICTURES);
    if (!dir) dir = g_get_home_dir();
    g_mkdir_with_parents(dir, 0755);
    GDateTime *now = g_date_time_new_now_local();
    gchar *stamp = g_date_time_format(now, "%Y-%m-%d %H.%M.%S");
    g_date_time_unref(now);
    gchar *path = NULL;
    for (unsigned n = 1; !path || g_file_test(path, G_FILE_TEST_EXISTS); n++) {
        g_free(path);
        gchar *name = n == 1 ? g_strdup_printf("Clarus %s %s.png", d->id, stamp)
                             : g_strdup_printf("Clarus %s %s (%u).png", d->id, stamp, n);
        g_strdelimit(name, "/", '-');
        path = g_build_filename(dir, name, NULL);
        g_free(name);
    }
    g_free(stamp);
    return path;
}

static void act_screenshot(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    display *d = data;
    if (!d->running) return;
    gchar *path = screenshot_path(d);
    runner_screenshot(d->run, path);
    g_free(path);
}

static void act_fullscreen(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    display *d = data;
    if (g_variant_get_boolean(v))
        gtk_window_fullscreen(GTK_WINDOW(d->window));
    else
        gtk_window_unfullscreen(GTK_WINDOW(d->window));
}

static gboolean on_window_state(GtkWidget *w, GdkEventWindowState *ev, gpointer data)
{
    (void)w;
    display *d = data;
    d->fullscreen = (ev->new_window_state & GDK_WINDOW_STATE_FULLSCREEN) != 0;
    set_action_state(d, "fullscreen", d->fullscreen);
    return FALSE;
}

static void act_integer_scaling(GSimpleAction *a, GVariant *v, gpointer data)
{
    display *d = data;
    g_simple_action_set_state(a, v);
    d->prefs.integer_scaling = g_variant_get_boolean(v);
    display_prefs_save(&d->prefs);
    gtk_widget_queue_draw(d->area);
}

static void act_alt_is_command(GSimpleAction *a, GVariant *v, gpointer data)
{
    display *d = data;
    g_simple_action_set_state(a, v);
    /* Keys down under the old mapping go up under it. */
    release_all_keys(d);
    d->prefs.alt_is_command = g_variant_get_boolean(v);
    display_prefs_save(&d->prefs);
}

/* ---- mouse and serial console ---- */

static void on_grab_mouse(int dx, int dy, unsigned buttons, void *data)
{
    display *d = data;
    if (d->running) runner_mouse(d->run, dx, dy, buttons);
}

static void on_grab_changed(bool grabbed, void *data)
{
    display *d = data;
    set_action_enabled(d, "release-pointer", grabbed);
    show_status(d);
}

static void act_release_pointer(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    display *d = data;
    if (d->grab) pointer_grab_release(d->grab);
}

static void on_console_input(const void *buf, size_t n, void *data)
{
    display *d = data;
    if (d->running) runner_send_serial(d->run, buf, n);
}

static void act_serial_console(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    display *d = data;
    serial_console_present(d->console);
}

/* The window's mouse, serial console and frame meter, set up once the
 * drawing area exists. */
static void machine_io_start(display *d)
{
    d->grab = pointer_grab_new(d->area, on_grab_mouse, on_grab_changed, d);
    pointer_grab_set_enabled(d->grab, true);
    set_action_enabled(d, "release-pointer", false);
    GtkApplication *app = gtk_window_get_application(GTK_WINDOW(d->window));
    const char *release_keys[] = {RELEASE_KEYS, NULL};
    gtk_application_set_accels_for_action(app, "win.release-pointer", release_keys);
    /* No tooltip: it would cover the picture under a resting pointer. */
    AtkObject *acc = gtk_widget_get_accessible(d->area);
    if (acc) {
        atk_object_set_name(acc, "Machine display");
        atk_object_set_description(acc, "Click to give the mouse to the machine; " RELEASE_KEYS_TEXT
                                        " gives it back");
    }
    d->console = serial_console_new(d->title, on_console_input, d);
    set_action_enabled(d, "serial-console", d->console != NULL);
    d->fps = fps_meter_new(d->area);
    fps_meter_set_running(d->fps, true);
}

static void machine_io_stopped(display *d)
{
    if (d->grab) pointer_grab_set_enabled(d->grab, false);
    serial_console_set_input_enabled(d->console, false);
    fps_meter_set_running(d->fps, false);
}

static void machine_io_free(display *d)
{
    pointer_grab_free(d->grab);
    d->grab = NULL;
    serial_console_free(d->console);
    d->console = NULL;
    fps_meter_free(d->fps);
    d->fps = NULL;
}

/* ---- sound ---- */

static void act_test_tone(GSimpleAction *a, GVariant *v, gpointer data)
{
    display *d = data;
    g_simple_action_set_state(a, v);
    double hz = d->test_tone_hz > 0 ? d->test_tone_hz : 440;
    if (d->running) runner_test_tone(d->run, g_variant_get_boolean(v) ? hz : 0);
}

static const GActionEntry win_actions[] = {
    {"pause", NULL, NULL, "false", act_pause, {0}},
    {"power-off", act_power_off, NULL, NULL, NULL, {0}},
    {"reset", act_reset, NULL, NULL, NULL, {0}},
    {"screenshot", act_screenshot, NULL, NULL, NULL, {0}},
    {"test-tone", NULL, NULL, "false", act_test_tone, {0}},
    {"fullscreen", NULL, NULL, "false", act_fullscreen, {0}},
    {"integer-scaling", NULL, NULL, "false", act_integer_scaling, {0}},
    {"alt-is-command", NULL, NULL, "false", act_alt_is_command, {0}},
    {"release-pointer", act_release_pointer, NULL, NULL, NULL, {0}},
    {"serial-console", act_serial_console, NULL, NULL, NULL, {0}},
};

/* ---- the window ---- */

static GtkWidget *header_button(const char *icon, const char *action, const char *tip, bool toggle)
{
    GtkWidget *b = toggle ? gtk_toggle_button_new() : gtk_button_new();
    gtk_button_set_image(GTK_BUTTON(b), gtk_image_new_from_icon_name(icon, GTK_ICON_SIZE_BUTTON));
    gtk_actionable_set_action_name(GTK_ACTIONABLE(b), action);
    gtk_widget_set_tooltip_text(b, tip);
    /* Keys go to the guest, never to a focused button. */
    gtk_widget_set_can_focus(b, FALSE);
    return b;
}

/* The serial console, in builds that have VTE. */
static void append_io_menu(GMenu *menu)
{
    if (!serial_console_available()) return;
    GMenu *io = g_menu_new();
    g_menu_append(io, "_Serial Console", "win.serial-console");
    g_menu_append_section(menu, NULL, G_MENU_MODEL(io));
    g_object_unref(io);
}

static GMenuModel *make_menu(void)
{
    GMenu *menu = g_menu_new();
    GMenu *mach = g_menu_new();
    g_menu_append(mach, "_Reset", "win.reset");
    g_menu_append(mach, "Play _Test Tone", "win.test-tone");
    g_menu_append_section(menu, NULL, G_MENU_MODEL(mach));
    g_object_unref(mach);
    GMenu *view = g_menu_new();
    g_menu_append(view, "_Integer Scaling", "win.integer-scaling");
    g_menu_append(view, "_Fullscreen", "win.fullscreen");
    g_menu_append_section(menu, NULL, G_MENU_MODEL(view));
    g_object_unref(view);
    GMenu *keys = g_menu_new();
    g_menu_append(keys, "_Alt Keys Are Command", "win.alt-is-command");
    g_menu_append_section(menu, NULL, G_MENU_MODEL(keys));
    g_object_unref(keys);
    append_io_menu(menu);
    return G_MENU_MODEL(menu);
}

/* The window is gone: the machine thread is stopped (if it still ran) and
 * joined, and the session goes back to whoever opened the window. */
static void on_destroy(GtkWidget *w, gpointer data)
{
    display *d = data;
    machine_io_free(d);
    /* Nothing of the window may call back into d once it is freed. */
    if (d->area) {
        gtk_widget_remove_tick_callback(d->area, d->tick_id);
        g_signal_handlers_disconnect_by_data(d->area, d);
    }
    g_signal_handlers_disconnect_by_data(w, d);
    close_dialog(d);
    if (d->header) g_object_remove_weak_pointer(G_OBJECT(d->header), (gpointer *)&d->header);
    if (d->menu_popover) {
        g_signal_handlers_disconnect_by_data(d->menu_popover, d);
        g_object_remove_weak_pointer(G_OBJECT(d->menu_popover), (gpointer *)&d->menu_popover);
        d->menu_popover = NULL;
    }
    g_object_remove_weak_pointer(G_OBJECT(w), (gpointer *)&d->window);
    d->header = d->window = d->area = d->infobar = d->info_label = NULL;
    if (d->notice_id) g_source_remove(d->notice_id);
    d->notice_id = 0;
    display_closed info = {
        .result = {.why = d->why, .closed_by_user = d->closed_by_user},
    };
    uint32_t *last = NULL;
    if (d->run) {
        /* The front frame is the newest the thread published (its last one
         * when it has ended); it goes with the runner, so keep a copy. */
        const tb_frame *f = tb_acquire(runner_frames(d->run));
        if (f->pixels && f->w && f->h) {
            last = g_memdup2(f->pixels, (gsize)f->w * f->h * 4);
            info.w = f->w;
            info.h = f->h;
        }
        /* Joins the machine thread, stopping it first if the window went
         * away some other way. */
        runner_free(d->run);
        d->run = NULL;
        d->running = false;
    }
    info.pixels = last;
    if (d->closed) d->closed(d->session, &info, d->closed_data);
    g_free(last);
    g_free(d->notice);
    g_free(d->title);
    g_free(d->id);
    g_free(d->until);
    g_free(d);
}

display_window *display_window_open(GtkApplication *app, clarus_session *s,
                                    const clarus_gtk_opts *o, display_closed_fn fn, void *data)
{
    display *d = g_new0(display, 1);
    d->title = g_strdup(o->title);
    d->id = g_strdup(o->id);
    d->until = g_strdup(o->until);
    d->timeout_seconds = o->timeout_seconds;
    d->serial_console_opt = o->serial_console;
    d->test_tone_hz = o->test_tone_hz;
    d->closed = fn;
    d->closed_data = data;
    d->session = s;
    d->why = CLARUS_STOP_REQUESTED;
    display_prefs_load(&d->prefs);

    d->window = gtk_application_window_new(app);
    g_object_add_weak_pointer(G_OBJECT(d->window), (gpointer *)&d->window);
    gtk_window_set_title(GTK_WINDOW(d->window), d->title);
    gtk_window_set_default_size(GTK_WINDOW(d->window), 640, 480);
    g_action_map_add_action_entries(G_ACTION_MAP(d->window), win_actions, G_N_ELEMENTS(win_actions),
                                    d);
    set_action_state(d, "integer-scaling", d->prefs.integer_scaling);
    set_action_state(d, "alt-is-command", d->prefs.alt_is_command);
    set_action_state(d, "test-tone", d->test_tone_hz > 0);
    const char *fs_keys[] = {"<Control><Alt>f", NULL};
    gtk_application_set_accels_for_action(app, "win.fullscreen", fs_keys);

    d->header = gtk_header_bar_new();
    g_object_add_weak_pointer(G_OBJECT(d->header), (gpointer *)&d->header);
    gtk_header_bar_set_show_close_button(GTK_HEADER_BAR(d->header), TRUE);
    gtk_header_bar_set_title(GTK_HEADER_BAR(d->header), d->title);
    GtkHeaderBar *hb = GTK_HEADER_BAR(d->header);
    gtk_header_bar_pack_start(
        hb, header_button("media-playback-pause-symbolic", "win.pause", "Pause", true));
    gtk_header_bar_pack_start(
        hb, header_button("system-shutdown-symbolic", "win.power-off", "Power Off", false));
    GtkWidget *menu = gtk_menu_button_new();
    gtk_button_set_image(GTK_BUTTON(menu),
                         gtk_image_new_from_icon_name("open-menu-symbolic", GTK_ICON_SIZE_BUTTON));
    GMenuModel *model = make_menu();
    gtk_menu_button_set_menu_model(GTK_MENU_BUTTON(menu), model);
    g_object_unref(model);
    gtk_widget_set_can_focus(menu, FALSE);
    d->menu_popover = GTK_WIDGET(gtk_menu_button_get_popover(GTK_MENU_BUTTON(menu)));
    if (d->menu_popover) {
        g_object_add_weak_pointer(G_OBJECT(d->menu_popover), (gpointer *)&d->menu_popover);
        /* The menu takes the keyboard: keys down in the guest go up, or
         * their release (seen by the menu) would leave them stuck. */
        g_signal_connect_swapped(d->menu_popover, "show", G_CALLBACK(release_all_keys), d);
    }
    gtk_widget_set_tooltip_text(menu, "Display and keyboard settings");
    gtk_header_bar_pack_end(hb, menu);
    gtk_header_bar_pack_end(hb, header_button("view-fullscreen-symbolic", "win.fullscreen",
                                              "Fullscreen (Ctrl+Alt+F)", true));
    gtk_header_bar_pack_end(hb, header_button("camera-photo-symbolic", "win.screenshot",
                                              "Save a screenshot in the Pictures folder", false));
    gtk_window_set_titlebar(GTK_WINDOW(d->window), d->header);

    d->area = gtk_drawing_area_new();
    gtk_widget_set_size_request(d->area, 160, 120);
    GtkWidget *overlay = gtk_overlay_new();
    gtk_container_add(GTK_CONTAINER(overlay), d->area);
    gtk_overlay_add_overlay(GTK_OVERLAY(overlay), make_infobar(d));
    gtk_container_add(GTK_CONTAINER(d->window), overlay);
    /* Files from a file manager: CD images go into the drive. */
    gtk_drag_dest_set(d->area, GTK_DEST_DEFAULT_ALL, NULL, 0, GDK_ACTION_COPY);
    gtk_drag_dest_add_uri_targets(d->area);
    g_signal_connect(d->area, "drag-data-received", G_CALLBACK(on_drag_received), d);
    g_signal_connect(d->area, "draw", G_CALLBACK(on_draw), d);
    d->tick_id = gtk_widget_add_tick_callback(d->area, on_tick, d, NULL);
    g_signal_connect(d->window, "key-press-event", G_CALLBACK(on_key), d);
    g_signal_connect(d->window, "key-release-event", G_CALLBACK(on_key), d);
    g_signal_connect(d->window, "focus-out-event", G_CALLBACK(on_focus_out), d);
    g_signal_connect(d->window, "delete-event", G_CALLBACK(on_delete), d);
    g_signal_connect(d->window, "window-state-event", G_CALLBACK(on_window_state), d);
    g_signal_connect(d->window, "destroy", G_CALLBACK(on_destroy), d);

    d->status = "Running";
    show_status(d);
    gtk_widget_show_all(d->window);

    runner_opts ro = {
        .until = d->until, .timeout_seconds = d->timeout_seconds, .test_tone_hz = d->test_tone_hz};
    d->run = runner_start(d->session, &ro, NULL, on_runner_event, d);
    d->running = true;
    machine_io_start(d);
    if (d->serial_console_opt) serial_console_present(d->console);
    return (display_window *)d;
}

bool clarus_gtk_display_available(void)
{
    /* Messages and numbers stay in the C locale, as without a window. */
    gtk_disable_setlocale();
    if (!gtk_init_check(NULL, NULL)) return false;
    /* The installed icon (data/icons), for every window. */
    gtk_window_set_default_icon_name("org.clarus.Clarus");
    return true;
}

bool clarus_gtk_serial_console_available(void)
{
    return serial_console_available();
}

/* ---- one machine from the command line ---- */

typedef struct single_run {
    clarus_session *session;
    const clarus_gtk_opts *opts;
    display_window *win;
    clarus_gtk_result result;
} single_run;

static void single_closed(clarus_session *s, const display_closed *info, void *data)
{
    (void)s;
    single_run *r = data;
    r->result = info->result;
    r->win = NULL;
}

static void single_activate(GtkApplication *app, gpointer data)
{
    single_run *r = data;
    if (r->win)
        display_window_present(r->win);
    else if (r->session)
        r->win = display_window_open(app, r->session, r->opts, single_closed, r);
    /* Opened once: later activations only raise it. */
    r->session = NULL;
}

/* ^C or SIGTERM in the terminal: stop at once, as the headless run does. */
static gboolean single_signal(gpointer data)
{
    single_run *r = data;
    if (r->win) display_window_quit(r->win);
    return G_SOURCE_CONTINUE;
}

clarus_gtk_result clarus_gtk_run(clarus_session *s, const clarus_gtk_opts *o)
{
    single_run r = {.session = s, .opts = o, .result = {.why = CLARUS_STOP_REQUESTED}};
    /* NON_UNIQUE: each clarus runs its own machine. */
    GtkApplication *app = gtk_application_new("org.clarus.Clarus", G_APPLICATION_NON_UNIQUE);
    g_signal_connect(app, "activate", G_CALLBACK(single_activate), &r);
    guint sig[3] = {g_unix_signal_add(SIGINT, single_signal, &r),
                    g_unix_signal_add(SIGTERM, single_signal, &r),
                    g_unix_signal_add(SIGHUP, single_signal, &r)};
    g_application_run(G_APPLICATION(app), 0, NULL);
    for (unsigned i = 0; i < G_N_ELEMENTS(sig); i++) g_source_remove(sig[i]);
    /* The window normally went before the application stopped; if not,
     * destroying it joins the machine thread. */
    if (r.win) gtk_widget_destroy(((display *)r.win)->window);
    g_object_unref(app);
    return r.result;
}
