/* The machine library window (see library.h). Each machine file in the
 * library folder is a row; a file that cannot be read stays a row marked
 * broken, with the reason, and is never written. Starting a machine opens
 * its display window beside the library (display.h); when that closes,
 * its last picture becomes the row's thumbnail. */
#define G_LOG_DOMAIN "clarus"

#include "library.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "assistant.h"
#include "display.h"
#include "settings.h"
#include "ui/common/machine_library.h"

#define THUMB_W 160
#define THUMB_H 120

typedef struct library library;

typedef struct lib_entry {
    library *lib;
    char *path;
    machine_config *cfg; /* NULL when the file could not be read */
    char *error;         /* why, when cfg is NULL */
    display_window *win; /* while the machine runs */
    GtkWidget *row, *thumb, *name, *model, *state;
} lib_entry;

struct library {
    GtkApplication *app;
    char *dir;
    GPtrArray *entries; /* lib_entry */
    GtkWidget *window, *list, *infobar, *info_label;
    bool quitting;
    int exit_code;
};

static void entry_free(gpointer p)
{
    lib_entry *e = p;
    if (e->cfg) machine_config_free(e->cfg);
    g_free(e->path);
    g_free(e->error);
    g_free(e);
}

/* ---- the info bar ---- */

/* Shows a message in the window's info bar (replacing the one before); an
 * error or warning also goes to stderr, for whoever started clarus from a
 * terminal or a test. */
static void G_GNUC_PRINTF(3, 4) show_info(library *lib, GtkMessageType type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gchar *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (type == GTK_MESSAGE_ERROR || type == GTK_MESSAGE_WARNING)
        fprintf(stderr, "clarus: %s\n", msg);
    if (lib->window) {
        gtk_info_bar_set_message_type(GTK_INFO_BAR(lib->infobar), type);
        gtk_label_set_text(GTK_LABEL(lib->info_label), msg);
        gtk_info_bar_set_revealed(GTK_INFO_BAR(lib->infobar), TRUE);
        gtk_widget_show(lib->infobar);
    }
    g_free(msg);
}

static void on_info_response(GtkInfoBar *bar, gint response, gpointer data)
{
    (void)response;
    (void)data;
    gtk_info_bar_set_revealed(bar, FALSE);
}

/* ---- rows ---- */

static lib_entry *selected(library *lib)
{
    if (!lib->window) return NULL;
    GtkListBoxRow *row = gtk_list_box_get_selected_row(GTK_LIST_BOX(lib->list));
    return row ? g_object_get_data(G_OBJECT(row), "clarus-entry") : NULL;
}

static void set_enabled(library *lib, const char *name, bool on)
{
    GAction *a = g_action_map_lookup_action(G_ACTION_MAP(lib->window), name);
    if (a) g_simple_action_set_enabled(G_SIMPLE_ACTION(a), on);
}

static void update_actions(library *lib)
{
    if (!lib->window) return;
    lib_entry *e = selected(lib);
    bool ok = e && e->cfg;
    set_enabled(lib, "start", ok);
    set_enabled(lib, "settings", ok);
    set_enabled(lib, "duplicate", ok);
    set_enabled(lib, "rename", ok && !e->win);
    /* A broken file may be deleted (the user is asked first). */
    set_enabled(lib, "delete", e && !e->win);
}

static void update_thumb(lib_entry *e)
{
    const char *shot = e->cfg ? machine_config_screenshot(e->cfg) : NULL;
    GdkPixbuf *pb = NULL;
    if (shot) pb = gdk_pixbuf_new_from_file_at_scale(shot, THUMB_W, THUMB_H, TRUE, NULL);
    if (pb) {
        gtk_image_set_from_pixbuf(GTK_IMAGE(e->thumb), pb);
        g_object_unref(pb);
    } else {
        gtk_image_set_from_icon_name(GTK_IMAGE(e->thumb),
                                     e->cfg ? "computer-symbolic" : "dialog-warning-symbolic",
                                     GTK_ICON_SIZE_DIALOG);
        gtk_image_set_pixel_size(GTK_IMAGE(e->thumb), 64);
    }
}

static void update_row(lib_entry *e)
{
    if (!e->row || !e->lib->window) return;
    gchar *base = g_path_get_basename(e->path);
    const char *name = e->cfg ? machine_config_name(e->cfg) : base;
    gchar *markup = g_markup_printf_escaped("<b>%s</b>", name);
    gtk_label_set_markup(GTK_LABEL(e->name), markup);
    g_free(markup);
    if (e->cfg) {
        size_t nd = machine_config_disk_count(e->cfg);
        const char *cd = machine_config_cdrom(e->cfg);
        gchar *cd_base = cd ? g_path_get_basename(cd) : NULL;
        GString *line = g_string_new(machine_config_desc(e->cfg)->name);
        if (nd) g_string_append_printf(line, " · %zu hard disk%s", nd, nd == 1 ? "" : "s");
        if (cd_base) g_string_append_printf(line, " · CD: %s", cd_base);
        gtk_label_set_text(GTK_LABEL(e->model), line->str);
        g_string_free(line, TRUE);
        g_free(cd_base);
        gtk_label_set_text(GTK_LABEL(e->state), e->win ? "Running" : "Stopped");
    } else {
        gtk_label_set_text(GTK_LABEL(e->model), "Cannot be read: left as it is");
        gtk_label_set_text(GTK_LABEL(e->state), e->error);
    }
    AtkObject *acc = gtk_widget_get_accessible(e->row);
    gchar *acc_name = g_strdup_printf("%s, %s", name,
                                      !e->cfg  ? "broken"
                                      : e->win ? "running"
                                               : "stopped");
    atk_object_set_name(acc, acc_name);
    g_free(acc_name);
    g_free(base);
    update_thumb(e);
    update_actions(e->lib);
}

static void on_drag_received(GtkWidget *w, GdkDragContext *ctx, gint x, gint y,
                             GtkSelectionData *sel, guint info, guint time, gpointer data);

static void add_row(library *lib, lib_entry *e)
{
    GtkWidget *row = gtk_list_box_row_new();
    e->row = row;
    g_object_set_data(G_OBJECT(row), "clarus-entry", e);
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
    gtk_container_set_border_width(GTK_CONTAINER(box), 6);
    e->thumb = gtk_image_new();
    gtk_widget_set_size_request(e->thumb, THUMB_W, THUMB_H);
    gtk_box_pack_start(GTK_BOX(box), e->thumb, FALSE, FALSE, 0);
    GtkWidget *text = gtk_box_new(GTK_ORIENTATION_VERTICAL, 4);
    gtk_widget_set_valign(text, GTK_ALIGN_CENTER);
    e->name = gtk_label_new(NULL);
    e->model = gtk_label_new(NULL);
    e->state = gtk_label_new(NULL);
    GtkWidget *labels[] = {e->name, e->model, e->state};
    for (size_t i = 0; i < G_N_ELEMENTS(labels); i++) {
        gtk_label_set_xalign(GTK_LABEL(labels[i]), 0);
        gtk_label_set_line_wrap(GTK_LABEL(labels[i]), TRUE);
        gtk_label_set_max_width_chars(GTK_LABEL(labels[i]), 60);
        gtk_box_pack_start(GTK_BOX(text), labels[i], FALSE, FALSE, 0);
    }
    gtk_style_context_add_class(gtk_widget_get_style_context(e->model), "dim-label");
    gtk_style_context_add_class(gtk_widget_get_style_context(e->state), "dim-label");
    gtk_box_pack_start(GTK_BOX(box), text, TRUE, TRUE, 0);
    gtk_container_add(GTK_CONTAINER(row), box);
    gtk_widget_set_tooltip_text(row, "Drop disk or CD images here to attach them");
    /* Files from a file manager: .iso/.toast/.cdr become the CD, other
     * files hard disks. */
    static const GtkTargetEntry uris[] = {{(gchar *)"text/uri-list", 0, 0}};
    gtk_drag_dest_set(row, GTK_DEST_DEFAULT_ALL, uris, 1, GDK_ACTION_COPY);
    g_signal_connect(row, "drag-data-received", G_CALLBACK(on_drag_received), e);
    gtk_widget_show_all(row);
    gtk_container_add(GTK_CONTAINER(lib->list), row);
    update_row(e);
}

static lib_entry *add_entry(library *lib, const char *path, machine_config *cfg, const char *error)
{
    lib_entry *e = g_new0(lib_entry, 1);
    e->lib = lib;
    e->path = g_strdup(path);
    e->cfg = cfg;
    e->error = g_strdup(error);
    g_ptr_array_add(lib->entries, e);
    if (lib->window) add_row(lib, e);
    return e;
}

static void select_entry(library *lib, lib_entry *e)
{
    if (!lib->window || !e->row) return;
    gtk_list_box_select_row(GTK_LIST_BOX(lib->list), GTK_LIST_BOX_ROW(e->row));
    gtk_widget_grab_focus(e->row);
}

static bool save_entry(lib_entry *e)
{
    GError *err = NULL;
    if (machine_config_save(e->cfg, e->path, &err)) return true;
    show_info(e->lib, GTK_MESSAGE_ERROR, "“%s” could not be saved: %s", machine_config_name(e->cfg),
              err->message);
    g_error_free(err);
    return false;
}

/* Reads the library folder; a fresh install first gets the default machine. */
static void load_entries(library *lib)
{
    GError *err = NULL;
    bool created = false;
    if (!library_ensure_default(lib->dir, &created, &err)) {
        show_info(lib, GTK_MESSAGE_ERROR, "The default machine could not be set up: %s",
                  err->message);
        g_clear_error(&err);
    }
    gchar **files = machine_config_list(lib->dir, &err);
    if (!files) {
        show_info(lib, GTK_MESSAGE_ERROR, "The machine library cannot be read: %s", err->message);
        g_error_free(err);
        return;
    }
    GString *broken = g_string_new(NULL);
    unsigned nbroken = 0;
    for (gchar **f = files; *f; f++) {
        machine_config *cfg = machine_config_load(*f, &err);
        add_entry(lib, *f, cfg, cfg ? NULL : err->message);
        if (!cfg) {
            g_string_append_printf(broken, "%s%s", nbroken ? "\n" : "", err->message);
            nbroken++;
            g_clear_error(&err);
        }
    }
    if (nbroken)
        show_info(lib, GTK_MESSAGE_ERROR,
                  nbroken == 1 ? "A machine file cannot be read; it is left as it is:\n%s"
                               : "Machine files cannot be read; they are left as they are:\n%s",
                  broken->str);
    else if (created)
        show_info(lib, GTK_MESSAGE_INFO,
                  "Welcome to Clarus: “%s” is ready to start. New adds another machine.",
                  machine_config_name(((lib_entry *)g_ptr_array_index(lib->entries, 0))->cfg));
    g_string_free(broken, TRUE);
    g_strfreev(files);
}

/* ---- running machines ---- */

static void maybe_quit(library *lib)
{
    if (!lib->quitting) return;
    for (guint i = 0; i < lib->entries->len; i++)
        if (((lib_entry *)g_ptr_array_index(lib->entries, i))->win) return;
    if (lib->window) gtk_widget_destroy(lib->window);
}

static void on_display_closed(clarus_session *s, const display_closed *info, void *data)
{
    lib_entry *e = data;
    library *lib = e->lib;
    e->win = NULL;
    clarus_session_free(s);
    if (info->pixels) {
        GError *err = NULL;
        if (!library_save_thumbnail(e->cfg, info->pixels, info->w, info->h, &err)) {
            show_info(lib, GTK_MESSAGE_WARNING, "The thumbnail of “%s” was not saved: %s",
                      machine_config_name(e->cfg), err->message);
            g_error_free(err);
        }
    }
    if (info->result.why == CLARUS_STOP_FAILED)
        show_info(lib, GTK_MESSAGE_ERROR, "“%s” stopped: the machine failed (see the terminal)",
                  machine_config_name(e->cfg));
    update_row(e);
    maybe_quit(lib);
}

/* A file dropped on the machine's display window goes into its settings
 * too (display.h): the CD the running machine took, or a hard disk for its
 * next start. */
static bool on_display_drop(drop_kind kind, const char *path, void *data, GError **err)
{
    lib_entry *e = data;
    if (!e->cfg) return false;
    bool ok = kind == DROP_CDROM ? machine_config_set_cdrom(e->cfg, path, err)
                                 : library_drop_apply(e->cfg, path, NULL, err);
    ok = ok && machine_config_save(e->cfg, e->path, err);
    update_row(e);
    return ok;
}

static void start_entry(lib_entry *e)
{
    library *lib = e->lib;
    if (!e->cfg) {
        show_info(lib, GTK_MESSAGE_ERROR, "%s cannot start: %s", e->path, e->error);
        return;
    }
    if (e->win) {
        /* Already running: one machine, one window. */
        display_window_present(e->win);
        return;
    }
    const char *name = machine_config_name(e->cfg);
    GError *err = NULL;
    if (!library_check_files(e->cfg, &err)) {
        show_info(lib, GTK_MESSAGE_ERROR, "“%s” cannot start: %s", name, err->message);
        g_error_free(err);
        return;
    }
    clarus_config sc = {.headless = false};
    machine_config_to_session(e->cfg, &sc);
    clarus_session *s = clarus_session_new(&sc, &err);
    if (!s) {
        show_info(lib, GTK_MESSAGE_ERROR, "“%s” cannot start: %s", name, err->message);
        g_error_free(err);
        return;
    }
    clarus_gtk_opts o = {.title = name, .id = machine_config_desc(e->cfg)->id};
    e->win = display_window_open(lib->app, s, &o, on_display_closed, e);
    display_window_set_drop_handler(e->win, on_display_drop, e);
    update_row(e);
}

/* ---- drag and drop ---- */

static void on_drag_received(GtkWidget *w, GdkDragContext *ctx, gint x, gint y,
                             GtkSelectionData *sel, guint info, guint time, gpointer data)
{
    (void)w;
    (void)ctx;
    (void)x;
    (void)y;
    (void)info;
    (void)time;
    lib_entry *e = data;
    library *lib = e->lib;
    gchar **uris = gtk_selection_data_get_uris(sel);
    if (!uris || !uris[0]) {
        show_info(lib, GTK_MESSAGE_WARNING, "Only files can be dropped on a machine");
        g_strfreev(uris);
        return;
    }
    if (!e->cfg) {
        show_info(lib, GTK_MESSAGE_ERROR, "%s cannot take disks: %s", e->path, e->error);
        g_strfreev(uris);
        return;
    }
    const char *name = machine_config_name(e->cfg);
    GString *done = g_string_new(NULL), *refused = g_string_new(NULL);
    for (gchar **u = uris; *u; u++) {
        GError *err = NULL;
        gchar *path = g_filename_from_uri(*u, NULL, &err);
        library_drop_kind kind;
        if (path && library_drop_apply(e->cfg, path, &kind, &err)) {
            gchar *base = g_path_get_basename(path);
            g_string_append_printf(done, "%s%s is %s", done->len ? "; " : "", base,
                                   kind == LIBRARY_DROP_CDROM ? "in the CD-ROM drive"
                                                              : "a hard disk");
            g_free(base);
        } else {
            g_string_append_printf(refused, "%s%s", refused->len ? "; " : "",
                                   err ? err->message : *u);
        }
        g_clear_error(&err);
        g_free(path);
    }
    bool saved = done->len == 0 || save_entry(e);
    if (refused->len)
        show_info(lib, GTK_MESSAGE_ERROR, "Not attached to “%s”: %s%s%s", name, refused->str,
                  done->len ? ". Attached: " : "", done->str);
    else if (saved)
        show_info(lib, GTK_MESSAGE_INFO, "“%s”: %s%s", name, done->str,
                  e->win ? " (from its next start)" : "");
    g_string_free(done, TRUE);
    g_string_free(refused, TRUE);
    g_strfreev(uris);
    update_row(e);
}

/* ---- actions ---- */

static void on_assistant_done(machine_config *cfg, const char *error, void *ud)
{
    library *lib = ud;
    if (!cfg) {
        show_info(lib, GTK_MESSAGE_ERROR, "The new machine was not created: %s", error);
        return;
    }
    lib_entry *e = add_entry(lib, machine_config_path(cfg), cfg, NULL);
    show_info(lib, GTK_MESSAGE_INFO, "“%s” is in the library: Start runs it.",
              machine_config_name(cfg));
    select_entry(lib, e);
}

static void act_new(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    library *lib = data;
    assistant_open(GTK_WINDOW(lib->window), lib->dir, on_assistant_done, lib);
}

static void act_start(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    lib_entry *e = selected(data);
    if (e) start_entry(e);
}

static void on_settings_saved(machine_config *cfg, void *ud)
{
    (void)cfg;
    lib_entry *e = ud;
    if (save_entry(e) && e->win)
        show_info(e->lib, GTK_MESSAGE_INFO, "The settings of “%s” apply from its next start",
                  machine_config_name(e->cfg));
    update_row(e);
}

static void act_settings(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    library *lib = data;
    lib_entry *e = selected(lib);
    if (e && e->cfg) clarus_settings_dialog(GTK_WINDOW(lib->window), e->cfg, on_settings_saved, e);
}

static bool name_taken(library *lib, const char *name)
{
    for (guint i = 0; i < lib->entries->len; i++) {
        lib_entry *e = g_ptr_array_index(lib->entries, i);
        if (e->cfg && g_utf8_collate(machine_config_name(e->cfg), name) == 0) return true;
    }
    return false;
}

static void act_duplicate(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    library *lib = data;
    lib_entry *e = selected(lib);
    if (!e || !e->cfg || !save_entry(e)) return;
    GError *err = NULL;
    /* A copy through the file, which holds everything, unknown keys too. */
    machine_config *copy = machine_config_load(e->path, &err);
    if (!copy) {
        show_info(lib, GTK_MESSAGE_ERROR, "“%s” could not be duplicated: %s",
                  machine_config_name(e->cfg), err->message);
        g_error_free(err);
        return;
    }
    gchar *name = g_strdup_printf("%s (copy)", machine_config_name(e->cfg));
    for (unsigned n = 2; name_taken(lib, name); n++) {
        g_free(name);
        name = g_strdup_printf("%s (copy %u)", machine_config_name(e->cfg), n);
    }
    machine_config_set_name(copy, name, NULL);
    machine_config_set_screenshot(copy, NULL);
    gchar *path = machine_config_new_path(lib->dir, name);
    if (!machine_config_save(copy, path, &err)) {
        show_info(lib, GTK_MESSAGE_ERROR, "“%s” could not be duplicated: %s",
                  machine_config_name(e->cfg), err->message);
        g_error_free(err);
        machine_config_free(copy);
    } else {
        lib_entry *ne = add_entry(lib, path, copy, NULL);
        if (machine_config_disk_count(copy) || machine_config_cdrom(copy))
            show_info(lib, GTK_MESSAGE_INFO,
                      "“%s” uses the same disk images as “%s”: only one of them can run at a "
                      "time",
                      name, machine_config_name(e->cfg));
        select_entry(lib, ne);
    }
    g_free(path);
    g_free(name);
}

static void on_rename_response(GtkDialog *dlg, gint response, gpointer data)
{
    lib_entry *e = data;
    if (response == GTK_RESPONSE_ACCEPT && e->cfg) {
        GtkEntry *entry = g_object_get_data(G_OBJECT(dlg), "clarus-entry");
        gchar *name = g_strstrip(g_strdup(gtk_entry_get_text(entry)));
        gchar *old = g_strdup(machine_config_name(e->cfg));
        GError *err = NULL;
        if (!machine_config_set_name(e->cfg, name, &err)) {
            show_info(e->lib, GTK_MESSAGE_ERROR, "“%s” was not renamed: %s", old, err->message);
            g_error_free(err);
        } else if (!save_entry(e)) {
            machine_config_set_name(e->cfg, old, NULL);
        }
        g_free(old);
        g_free(name);
        update_row(e);
    }
    gtk_widget_destroy(GTK_WIDGET(dlg));
}

static void act_rename(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    library *lib = data;
    lib_entry *e = selected(lib);
    if (!e || !e->cfg || e->win) return;
    GtkWidget *dlg = gtk_dialog_new_with_buttons(
        "Rename Machine", GTK_WINDOW(lib->window),
        GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT | GTK_DIALOG_USE_HEADER_BAR, "_Cancel",
        GTK_RESPONSE_CANCEL, "_Rename", GTK_RESPONSE_ACCEPT, NULL);
    gtk_dialog_set_default_response(GTK_DIALOG(dlg), GTK_RESPONSE_ACCEPT);
    GtkWidget *ok = gtk_dialog_get_widget_for_response(GTK_DIALOG(dlg), GTK_RESPONSE_ACCEPT);
    gtk_style_context_add_class(gtk_widget_get_style_context(ok), "suggested-action");
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
    gtk_container_set_border_width(GTK_CONTAINER(box), 18);
    GtkWidget *label = gtk_label_new_with_mnemonic("_Name");
    GtkWidget *entry = gtk_entry_new();
    gtk_label_set_mnemonic_widget(GTK_LABEL(label), entry);
    gtk_entry_set_text(GTK_ENTRY(entry), machine_config_name(e->cfg));
    gtk_entry_set_activates_default(GTK_ENTRY(entry), TRUE);
    atk_object_set_name(gtk_widget_get_accessible(entry), "Name");
    gtk_box_pack_start(GTK_BOX(box), label, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), entry, TRUE, TRUE, 0);
    gtk_container_add(GTK_CONTAINER(gtk_dialog_get_content_area(GTK_DIALOG(dlg))), box);
    g_object_set_data(G_OBJECT(dlg), "clarus-entry", entry);
    g_signal_connect(dlg, "response", G_CALLBACK(on_rename_response), e);
    gtk_widget_show_all(dlg);
}

static void on_delete_response(GtkDialog *dlg, gint response, gpointer data)
{
    lib_entry *e = data;
    library *lib = e->lib;
    gtk_widget_destroy(GTK_WIDGET(dlg));
    if (response != GTK_RESPONSE_ACCEPT || e->win) return;
    if (g_unlink(e->path) != 0) {
        int errsv = errno;
        show_info(lib, GTK_MESSAGE_ERROR, "%s could not be deleted: %s", e->path,
                  g_strerror(errsv));
        return;
    }
    /* The thumbnail is the library's own; disk images are the user's. */
    gchar *png = e->cfg ? library_thumbnail_path(e->cfg) : NULL;
    if (png && g_strcmp0(png, machine_config_screenshot(e->cfg)) == 0) g_unlink(png);
    g_free(png);
    if (e->row) gtk_widget_destroy(e->row);
    g_ptr_array_remove(lib->entries, e);
    update_actions(lib);
}

static void act_delete(GSimpleAction *a, GVariant *v, gpointer data)
{
    (void)a;
    (void)v;
    library *lib = data;
    lib_entry *e = selected(lib);
    if (!e || e->win) return;
    gchar *base = g_path_get_basename(e->path);
    GtkWidget *dlg = gtk_message_dialog_new(GTK_WINDOW(lib->window),
                                            GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                            GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "Delete “%s”?",
                                            e->cfg ? machine_config_name(e->cfg) : base);
    gtk_message_dialog_format_secondary_text(
        GTK_MESSAGE_DIALOG(dlg), "Its settings file %s is removed. Its disk images are kept.",
        e->path);
    gtk_dialog_add_button(GTK_DIALOG(dlg), "_Cancel", GTK_RESPONSE_CANCEL);
    GtkWidget *yes = gtk_dialog_add_button(GTK_DIALOG(dlg), "_Delete", GTK_RESPONSE_ACCEPT);
    gtk_style_context_add_class(gtk_widget_get_style_context(yes), "destructive-action");
    gtk_dialog_set_default_response(GTK_DIALOG(dlg), GTK_RESPONSE_CANCEL);
    g_signal_connect(dlg, "response", G_CALLBACK(on_delete_response), e);
    gtk_widget_show(dlg);
    g_free(base);
}

static const GActionEntry lib_actions[] = {
    {"new", act_new, NULL, NULL, NULL, {0}},
    {"start", act_start, NULL, NULL, NULL, {0}},
    {"settings", act_settings, NULL, NULL, NULL, {0}},
    {"duplicate", act_duplicate, NULL, NULL, NULL, {0}},
    {"rename", act_rename, NULL, NULL, NULL, {0}},
    {"delete", act_delete, NULL, NULL, NULL, {0}},
};

/* ---- the window ---- */

static void on_row_activated(GtkListBox *box, GtkListBoxRow *row, gpointer data)
{
    (void)box;
    (void)data;
    lib_entry *e = g_object_get_data(G_OBJECT(row), "clarus-entry");
    if (e) start_entry(e);
}

static void on_selected(GtkListBox *box, GtkListBoxRow *row, gpointer data)
{
    (void)box;
    (void)row;
    update_actions(data);
}

static void on_window_destroy(GtkWidget *w, gpointer data)
{
    (void)w;
    library *lib = data;
    lib->window = NULL;
    /* Machine windows stay open; the rows they would update are gone. */
    for (guint i = 0; i < lib->entries->len; i++) {
        lib_entry *e = g_ptr_array_index(lib->entries, i);
        e->row = e->thumb = e->name = e->model = e->state = NULL;
    }
}

static GtkWidget *named(GtkWidget *w, const char *name, const char *tip)
{
    atk_object_set_name(gtk_widget_get_accessible(w), name);
    if (tip) gtk_widget_set_tooltip_text(w, tip);
    return w;
}

static GtkWidget *text_button(const char *label, const char *action)
{
    GtkWidget *b = gtk_button_new_with_mnemonic(label);
    gtk_actionable_set_action_name(GTK_ACTIONABLE(b), action);
    return b;
}

static GtkWidget *icon_button(const char *icon, const char *action)
{
    GtkWidget *b = gtk_button_new_from_icon_name(icon, GTK_ICON_SIZE_BUTTON);
    gtk_actionable_set_action_name(GTK_ACTIONABLE(b), action);
    return b;
}

static void build_window(library *lib)
{
    lib->window = gtk_application_window_new(lib->app);
    gtk_window_set_title(GTK_WINDOW(lib->window), "Clarus");
    gtk_window_set_default_size(GTK_WINDOW(lib->window), 640, 520);
    g_signal_connect(lib->window, "destroy", G_CALLBACK(on_window_destroy), lib);
    g_action_map_add_action_entries(G_ACTION_MAP(lib->window), lib_actions,
                                    G_N_ELEMENTS(lib_actions), lib);
    const char *new_keys[] = {"<Control>n", NULL};
    gtk_application_set_accels_for_action(lib->app, "win.new", new_keys);

    GtkWidget *hb = gtk_header_bar_new();
    gtk_header_bar_set_show_close_button(GTK_HEADER_BAR(hb), TRUE);
    gtk_header_bar_set_title(GTK_HEADER_BAR(hb), "Clarus");
    gtk_header_bar_set_subtitle(GTK_HEADER_BAR(hb), "Machines");
    gtk_header_bar_pack_start(GTK_HEADER_BAR(hb), named(text_button("_New", "win.new"), "New",
                                                        "Create a machine (Ctrl+N)"));
    GtkWidget *menu_btn = gtk_menu_button_new();
    gtk_button_set_image(GTK_BUTTON(menu_btn),
                         gtk_image_new_from_icon_name("view-more-symbolic", GTK_ICON_SIZE_BUTTON));
    GMenu *menu = g_menu_new();
    g_menu_append(menu, "_Duplicate", "win.duplicate");
    g_menu_append(menu, "_Rename…", "win.rename");
    g_menu_append(menu, "De_lete…", "win.delete");
    gtk_menu_button_set_menu_model(GTK_MENU_BUTTON(menu_btn), G_MENU_MODEL(menu));
    g_object_unref(menu);
    gtk_header_bar_pack_end(GTK_HEADER_BAR(hb),
                            named(menu_btn, "More", "Duplicate, rename or delete the machine"));
    GtkWidget *start = named(text_button("_Start", "win.start"), "Start", "Start the machine");
    gtk_style_context_add_class(gtk_widget_get_style_context(start), "suggested-action");
    gtk_header_bar_pack_end(GTK_HEADER_BAR(hb), start);
    gtk_header_bar_pack_end(GTK_HEADER_BAR(hb),
                            named(icon_button("emblem-system-symbolic", "win.settings"), "Settings",
                                  "The machine's settings"));
    gtk_window_set_titlebar(GTK_WINDOW(lib->window), hb);

    GtkWidget *vbox = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
    lib->infobar = gtk_info_bar_new();
    gtk_info_bar_set_show_close_button(GTK_INFO_BAR(lib->infobar), TRUE);
    lib->info_label = gtk_label_new(NULL);
    gtk_label_set_line_wrap(GTK_LABEL(lib->info_label), TRUE);
    gtk_label_set_xalign(GTK_LABEL(lib->info_label), 0);
    gtk_label_set_selectable(GTK_LABEL(lib->info_label), TRUE);
    gtk_container_add(GTK_CONTAINER(gtk_info_bar_get_content_area(GTK_INFO_BAR(lib->infobar))),
                      lib->info_label);
    g_signal_connect(lib->infobar, "response", G_CALLBACK(on_info_response), NULL);
    gtk_info_bar_set_revealed(GTK_INFO_BAR(lib->infobar), FALSE);
    gtk_box_pack_start(GTK_BOX(vbox), named(lib->infobar, "Message", NULL), FALSE, FALSE, 0);

    GtkWidget *scroll = gtk_scrolled_window_new(NULL, NULL);
    gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll), GTK_POLICY_NEVER,
                                   GTK_POLICY_AUTOMATIC);
    lib->list = gtk_list_box_new();
    named(lib->list, "Machines", NULL);
    gtk_list_box_set_selection_mode(GTK_LIST_BOX(lib->list), GTK_SELECTION_BROWSE);
    GtkWidget *empty = gtk_label_new("No machines. New creates one.");
    gtk_style_context_add_class(gtk_widget_get_style_context(empty), "dim-label");
    gtk_widget_show(empty);
    gtk_list_box_set_placeholder(GTK_LIST_BOX(lib->list), empty);
    g_signal_connect(lib->list, "row-activated", G_CALLBACK(on_row_activated), lib);
    g_signal_connect(lib->list, "row-selected", G_CALLBACK(on_selected), lib);
    gtk_container_add(GTK_CONTAINER(scroll), lib->list);
    gtk_box_pack_start(GTK_BOX(vbox), scroll, TRUE, TRUE, 0);
    gtk_container_add(GTK_CONTAINER(lib->window), vbox);
    gtk_widget_show_all(lib->window);
}

static void on_activate(GtkApplication *app, gpointer data)
{
    (void)app;
    library *lib = data;
    if (lib->window) {
        gtk_window_present(GTK_WINDOW(lib->window));
        return;
    }
    if (lib->quitting) return;
    build_window(lib);
    load_entries(lib);
    if (lib->entries->len) select_entry(lib, g_ptr_array_index(lib->entries, 0));
    update_actions(lib);
}

/* ^C or SIGTERM in the terminal: every machine stops at once, then the
 * library closes. */
static gboolean on_unix_signal(gpointer data)
{
    library *lib = data;
    lib->quitting = true;
    lib->exit_code = 130;
    for (guint i = 0; i < lib->entries->len; i++) {
        lib_entry *e = g_ptr_array_index(lib->entries, i);
        if (e->win) display_window_quit(e->win);
    }
    maybe_quit(lib);
    return G_SOURCE_CONTINUE;
}

int clarus_gtk_library(void)
{
    library lib = {.exit_code = 0};
    lib.dir = machine_config_dir();
    lib.entries = g_ptr_array_new_with_free_func(entry_free);
    /* NON_UNIQUE: a second clarus is a second library, not a remote call
     * into the first (each runs its machines in its own process). */
    lib.app = gtk_application_new("org.clarus.Clarus", G_APPLICATION_NON_UNIQUE);
    g_signal_connect(lib.app, "activate", G_CALLBACK(on_activate), &lib);
    guint sig[3] = {g_unix_signal_add(SIGINT, on_unix_signal, &lib),
                    g_unix_signal_add(SIGTERM, on_unix_signal, &lib),
                    g_unix_signal_add(SIGHUP, on_unix_signal, &lib)};
    g_application_run(G_APPLICATION(lib.app), 0, NULL);
    for (unsigned i = 0; i < G_N_ELEMENTS(sig); i++) g_source_remove(sig[i]);
    /* Windows still open (the application quit some other way) close now,
     * joining their machine threads and saving thumbnails. */
    lib.quitting = true;
    for (guint i = 0; i < lib.entries->len; i++) {
        lib_entry *e = g_ptr_array_index(lib.entries, i);
        if (e->win) display_window_quit(e->win);
        while (e->win) g_main_context_iteration(NULL, TRUE);
    }
    if (lib.window) gtk_widget_destroy(lib.window);
    g_object_unref(lib.app);
    g_ptr_array_free(lib.entries, TRUE);
    g_free(lib.dir);
    return lib.exit_code;
}
