/* The display window: a GtkApplication window with a header bar (pause,
 * power off, screenshot, fullscreen, a menu for scaling and the Command
 * key) and a drawing area showing the emulated display. The machine runs on
 * the runner's thread; this file never calls the session. */
#define G_LOG_DOMAIN "clarus"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>
#include <gtk/gtk.h>

#include "gtk_front.h"
#include "machines/adb_keymap.h"
#include "prefs.h"
#include "runner.h"

typedef struct display {
    const clarus_gtk_opts *opts;
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
    guint notice_id;
} display;

/* ---- status line ---- */

static void show_status(display *d)
{
    if (!d->header) return;
    gtk_header_bar_set_subtitle(GTK_HEADER_BAR(d->header), d->notice ? d->notice : d->status);
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

static gboolean on_key(GtkWidget *w, GdkEventKey *ev, gpointer data)
{
    display *d = data;
    bool down = ev->type == GDK_KEY_PRESS;
    /* Control-Option (Alt) shortcuts belong to the window (fullscreen). */
    const GdkModifierType both = GDK_CONTROL_MASK | GDK_MOD1_MASK;
    if (down && (ev->state & both) == both && gtk_window_activate_key(GTK_WINDOW(w), ev))
        return TRUE;
    if (!d->running || ev->hardware_keycode < 8) return FALSE;
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
    if (!d->run || !tb_has_new(runner_frames(d->run))) return G_SOURCE_CONTINUE;
    const tb_frame *f = tb_acquire(runner_frames(d->run));
    if (f->pixels && (f->w != d->frame_w || f->h != d->frame_h)) {
        d->frame_w = f->w;
        d->frame_h = f->h;
        fit_window(d, f->w, f->h);
    }
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
    if (d->dialog) gtk_widget_destroy(d->dialog);
    d->dialog = NULL;
}

static void on_runner_event(const runner_event *ev, void *data)
{
    display *d = data;
    switch (ev->kind) {
    case RUNNER_EVENT_PAUSED:
        if (!d->window) break;
        d->paused = ev->paused;
        set_action_state(d, "pause", d->paused);
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
    case RUNNER_EVENT_STOPPED:
        d->running = false;
        d->why = ev->why;
        memset(d->held, 0, sizeof d->held);
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
                                       GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, q, d->opts->title);
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

/* ^C or SIGTERM in the terminal: stop at once, as the headless run does. */
static gboolean on_unix_signal(gpointer data)
{
    display *d = data;
    d->quitting = true;
    if (d->running)
        runner_quit(d->run);
    else if (d->window)
        gtk_widget_destroy(d->window);
    return G_SOURCE_CONTINUE;
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
        gchar *name = n == 1 ? g_strdup_printf("Clarus %s %s.png", d->opts->id, stamp)
                             : g_strdup_printf("Clarus %s %s (%u).png", d->opts->id, stamp, n);
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

static void act_test_tone(GSimpleAction *a, GVariant *v, gpointer data)
{
    display *d = data;
    g_simple_action_set_state(a, v);
    double hz = d->opts->test_tone_hz > 0 ? d->opts->test_tone_hz : 440;
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
    return G_MENU_MODEL(menu);
}

static void on_activate(GtkApplication *app, gpointer data)
{
    display *d = data;
    if (d->window) {
        gtk_window_present(GTK_WINDOW(d->window));
        return;
    }
    d->window = gtk_application_window_new(app);
    g_object_add_weak_pointer(G_OBJECT(d->window), (gpointer *)&d->window);
    gtk_window_set_title(GTK_WINDOW(d->window), d->opts->title);
    gtk_window_set_default_size(GTK_WINDOW(d->window), 640, 480);
    g_action_map_add_action_entries(G_ACTION_MAP(d->window), win_actions, G_N_ELEMENTS(win_actions),
                                    d);
    set_action_state(d, "integer-scaling", d->prefs.integer_scaling);
    set_action_state(d, "alt-is-command", d->prefs.alt_is_command);
    set_action_state(d, "test-tone", d->opts->test_tone_hz > 0);
    const char *fs_keys[] = {"<Control><Alt>f", NULL};
    gtk_application_set_accels_for_action(app, "win.fullscreen", fs_keys);

    d->header = gtk_header_bar_new();
    g_object_add_weak_pointer(G_OBJECT(d->header), (gpointer *)&d->header);
    gtk_header_bar_set_show_close_button(GTK_HEADER_BAR(d->header), TRUE);
    gtk_header_bar_set_title(GTK_HEADER_BAR(d->header), d->opts->title);
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
    gtk_widget_set_tooltip_text(menu, "Display and keyboard settings");
    gtk_header_bar_pack_end(hb, menu);
    gtk_header_bar_pack_end(hb, header_button("view-fullscreen-symbolic", "win.fullscreen",
                                              "Fullscreen (Ctrl+Alt+F)", true));
    gtk_header_bar_pack_end(hb, header_button("camera-photo-symbolic", "win.screenshot",
                                              "Save a screenshot in the Pictures folder", false));
    gtk_window_set_titlebar(GTK_WINDOW(d->window), d->header);

    d->area = gtk_drawing_area_new();
    gtk_widget_set_size_request(d->area, 160, 120);
    gtk_container_add(GTK_CONTAINER(d->window), d->area);
    g_signal_connect(d->area, "draw", G_CALLBACK(on_draw), d);
    gtk_widget_add_tick_callback(d->area, on_tick, d, NULL);
    g_signal_connect(d->window, "key-press-event", G_CALLBACK(on_key), d);
    g_signal_connect(d->window, "key-release-event", G_CALLBACK(on_key), d);
    g_signal_connect(d->window, "focus-out-event", G_CALLBACK(on_focus_out), d);
    g_signal_connect(d->window, "delete-event", G_CALLBACK(on_delete), d);
    g_signal_connect(d->window, "window-state-event", G_CALLBACK(on_window_state), d);

    d->status = "Running";
    show_status(d);
    gtk_widget_show_all(d->window);

    runner_opts ro = {.until = d->opts->until,
                      .timeout_seconds = d->opts->timeout_seconds,
                      .test_tone_hz = d->opts->test_tone_hz};
    d->run = runner_start(d->session, &ro, NULL, on_runner_event, d);
    d->running = true;
}

bool clarus_gtk_display_available(void)
{
    /* Messages and numbers stay in the C locale, as without a window. */
    gtk_disable_setlocale();
    return gtk_init_check(NULL, NULL);
}

clarus_gtk_result clarus_gtk_run(clarus_session *s, const clarus_gtk_opts *o)
{
    display d = {.opts = o, .session = s, .why = CLARUS_STOP_REQUESTED};
    display_prefs_load(&d.prefs);
    /* NON_UNIQUE: each clarus runs its own machine. */
    GtkApplication *app = gtk_application_new("org.clarus.Clarus", G_APPLICATION_NON_UNIQUE);
    g_signal_connect(app, "activate", G_CALLBACK(on_activate), &d);
    guint sig[3] = {g_unix_signal_add(SIGINT, on_unix_signal, &d),
                    g_unix_signal_add(SIGTERM, on_unix_signal, &d),
                    g_unix_signal_add(SIGHUP, on_unix_signal, &d)};
    g_application_run(G_APPLICATION(app), 0, NULL);
    for (unsigned i = 0; i < G_N_ELEMENTS(sig); i++) g_source_remove(sig[i]);
    if (d.notice_id) g_source_remove(d.notice_id);
    g_free(d.notice);
    /* Joins the machine thread (stopping it first if the window went away
     * some other way); the session is the caller's again after this. */
    runner_free(d.run);
    g_object_unref(app);
    return (clarus_gtk_result){.why = d.why, .closed_by_user = d.closed_by_user};
}
