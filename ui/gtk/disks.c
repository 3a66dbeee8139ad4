#include "disks.h"

#include <string.h>

#include "machines/disk_create.h"
#include "machines/session.h"
#include "ui/common/drop_classify.h"

#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)

typedef struct {
    machine_config *work;
    GtkWidget *page, *list, *notice, *notice_label, *cd_label, *cd_warn, *eject;
} disks_page;

static disks_page *page_of(GtkWidget *page)
{
    disks_page *p = g_object_get_data(G_OBJECT(page), "clarus-disks");
    g_return_val_if_fail(p != NULL, NULL);
    return p;
}

static void set_accessible_name(GtkWidget *w, const char *name)
{
    atk_object_set_name(gtk_widget_get_accessible(w), name);
}

/* ---- the info bar ---- */

static void notice_show(disks_page *p, GtkMessageType type, const char *msg)
{
    gtk_info_bar_set_message_type(GTK_INFO_BAR(p->notice), type);
    gtk_label_set_text(GTK_LABEL(p->notice_label), msg);
    gtk_widget_show(p->notice);
    /* GtkInfoBar's revealer: shown without the slide, so the message is
     * there at once (and for the tests). */
    gtk_info_bar_set_revealed(GTK_INFO_BAR(p->notice), TRUE);
}

static void notice_hide(disks_page *p)
{
    gtk_widget_hide(p->notice);
}

static void notice_response(GtkInfoBar *bar, gint response, gpointer data)
{
    (void)bar;
    (void)response;
    notice_hide(data);
}

static bool refused(disks_page *p, GError *e, GError **err)
{
    notice_show(p, GTK_MESSAGE_ERROR, e->message);
    g_propagate_error(err, e);
    return false;
}

/* ---- the list ---- */

static void rebuild(disks_page *p);

static void readonly_changed(GObject *sw, GParamSpec *ps, gpointer data)
{
    (void)ps;
    disks_page *p = data;
    size_t i = GPOINTER_TO_SIZE(g_object_get_data(sw, "clarus-disk-index"));
    machine_config_set_disk_readonly(p->work, i, gtk_switch_get_active(GTK_SWITCH(sw)));
}

static void detach_clicked(GtkButton *b, gpointer data)
{
    disks_page *p = data;
    size_t i = GPOINTER_TO_SIZE(g_object_get_data(G_OBJECT(b), "clarus-disk-index"));
    machine_config_remove_disk(p->work, i);
    notice_hide(p);
    rebuild(p);
}

/* An image the configuration names but the machine could not open (moved,
 * deleted, a folder now): a warning sign with the reason, so the user sees
 * it before the machine refuses to start. */
static void problem_icon(GtkWidget *box, const char *path)
{
    GError *e = NULL;
    if (drop_classify(path, &e) != DROP_REFUSED) return;
    GtkWidget *warn = gtk_image_new_from_icon_name("dialog-warning-symbolic", GTK_ICON_SIZE_BUTTON);
    gtk_widget_set_name(warn, "disk-problem");
    gtk_widget_set_tooltip_text(warn, e->message);
    set_accessible_name(warn, e->message);
    gtk_box_pack_start(GTK_BOX(box), warn, FALSE, FALSE, 0);
    gtk_widget_show(warn);
    g_error_free(e);
}

static GtkWidget *disk_row(disks_page *p, size_t i)
{
    bool ro = false;
    const char *path = machine_config_disk(p->work, i, &ro);
    gchar *base = g_path_get_basename(path);
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
    g_object_set(box, "margin", 6, NULL);

    GtkWidget *icon = gtk_image_new_from_icon_name("drive-harddisk-symbolic", GTK_ICON_SIZE_BUTTON);
    gtk_box_pack_start(GTK_BOX(box), icon, FALSE, FALSE, 0);

    GtkWidget *name = gtk_label_new(base);
    gtk_label_set_xalign(GTK_LABEL(name), 0);
    gtk_label_set_ellipsize(GTK_LABEL(name), PANGO_ELLIPSIZE_MIDDLE);
    gtk_widget_set_tooltip_text(name, path);
    gtk_box_pack_start(GTK_BOX(box), name, TRUE, TRUE, 0);
    problem_icon(box, path);

    GtkWidget *rol = gtk_label_new("Read-only");
    gtk_style_context_add_class(gtk_widget_get_style_context(rol), "dim-label");
    gtk_box_pack_start(GTK_BOX(box), rol, FALSE, FALSE, 0);
    GtkWidget *sw = gtk_switch_new();
    gtk_switch_set_active(GTK_SWITCH(sw), ro);
    gtk_widget_set_valign(sw, GTK_ALIGN_CENTER);
    g_object_set_data(G_OBJECT(sw), "clarus-disk-index", GSIZE_TO_POINTER(i));
    gchar *acc = g_strdup_printf("Read-only %s", base);
    set_accessible_name(sw, acc);
    g_free(acc);
    gtk_widget_set_tooltip_text(sw, "The guest may read the image but not change it.");
    g_signal_connect(sw, "notify::active", G_CALLBACK(readonly_changed), p);
    gtk_box_pack_start(GTK_BOX(box), sw, FALSE, FALSE, 0);

    GtkWidget *detach = gtk_button_new_with_label("Detach");
    g_object_set_data(G_OBJECT(detach), "clarus-disk-index", GSIZE_TO_POINTER(i));
    acc = g_strdup_printf("Detach %s", base);
    set_accessible_name(detach, acc);
    g_free(acc);
    gtk_widget_set_tooltip_text(detach, "Takes the image out of the machine; the file stays.");
    g_signal_connect(detach, "clicked", G_CALLBACK(detach_clicked), p);
    gtk_box_pack_start(GTK_BOX(box), detach, FALSE, FALSE, 0);

    GtkWidget *row = gtk_list_box_row_new();
    gtk_container_add(GTK_CONTAINER(row), box);
    gtk_list_box_row_set_activatable(GTK_LIST_BOX_ROW(row), FALSE);
    set_accessible_name(row, base);
    g_free(base);
    return row;
}

static void remove_child(GtkWidget *w, gpointer data)
{
    (void)data;
    gtk_widget_destroy(w);
}

static void rebuild(disks_page *p)
{
    gtk_container_foreach(GTK_CONTAINER(p->list), remove_child, NULL);
    for (size_t i = 0; i < machine_config_disk_count(p->work); i++)
        gtk_container_add(GTK_CONTAINER(p->list), disk_row(p, i));
    gtk_widget_show_all(p->list);

    const char *cd = machine_config_cdrom(p->work);
    if (cd) {
        gchar *base = g_path_get_basename(cd);
        gtk_label_set_text(GTK_LABEL(p->cd_label), base);
        gtk_widget_set_tooltip_text(p->cd_label, cd);
        g_free(base);
    } else {
        gtk_label_set_text(GTK_LABEL(p->cd_label), "No disc");
        gtk_widget_set_tooltip_text(p->cd_label, NULL);
    }
    GError *e = NULL;
    if (cd && drop_classify(cd, &e) == DROP_REFUSED) {
        gtk_widget_set_tooltip_text(p->cd_warn, e->message);
        set_accessible_name(p->cd_warn, e->message);
        gtk_widget_show(p->cd_warn);
        g_error_free(e);
    } else {
        gtk_widget_hide(p->cd_warn);
    }
    gtk_widget_set_sensitive(p->eject, cd != NULL);
}

/* ---- actions ---- */

/* One image in two drives would have two guests' worth of writes racing
 * in one file. */
static bool already_in(disks_page *p, const char *path, GError **err)
{
    bool in = !g_strcmp0(machine_config_cdrom(p->work), path);
    for (size_t i = 0; !in && i < machine_config_disk_count(p->work); i++)
        in = !strcmp(machine_config_disk(p->work, i, NULL), path);
    if (in)
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "%s: is already attached", path);
    return in;
}

bool disks_page_attach(GtkWidget *page, const char *path, GError **err)
{
    disks_page *p = page_of(page);
    GError *e = NULL;
    if (drop_classify(path, &e) == DROP_REFUSED || already_in(p, path, &e) ||
        !machine_config_add_disk(p->work, path, false, &e))
        return refused(p, e, err);
    notice_hide(p);
    rebuild(p);
    return true;
}

bool disks_page_create(GtkWidget *page, const char *path, uint64_t bytes, GError **err)
{
    disks_page *p = page_of(page);
    GError *e = NULL;
    if (!disk_create(path, bytes, &e)) return refused(p, e, err);
    return disks_page_attach(page, path, err);
}

bool disks_page_insert_cd(GtkWidget *page, const char *path, GError **err)
{
    disks_page *p = page_of(page);
    GError *e = NULL;
    if (drop_classify(path, &e) == DROP_REFUSED ||
        (g_strcmp0(machine_config_cdrom(p->work), path) && already_in(p, path, &e)) ||
        !machine_config_set_cdrom(p->work, path, &e))
        return refused(p, e, err);
    notice_hide(p);
    rebuild(p);
    return true;
}

void disks_page_eject(GtkWidget *page)
{
    disks_page *p = page_of(page);
    machine_config_set_cdrom(p->work, NULL, NULL);
    notice_hide(p);
    rebuild(p);
}

guint disks_page_drop(GtkWidget *page, const char *const *uris)
{
    disks_page *p = page_of(page);
    GString *why = g_string_new(NULL);
    guint taken = 0;
    for (size_t i = 0; uris && uris[i]; i++) {
        gchar *path = NULL;
        GError *e = NULL;
        drop_kind k = drop_classify_uri(uris[i], &path, &e);
        bool ok = k != DROP_REFUSED;
        if (ok && k == DROP_CDROM) {
            ok = (!g_strcmp0(machine_config_cdrom(p->work), path) || !already_in(p, path, &e)) &&
                 machine_config_set_cdrom(p->work, path, &e);
        } else if (ok) {
            ok = !already_in(p, path, &e) && machine_config_add_disk(p->work, path, false, &e);
        }
        if (ok) {
            taken++;
        } else {
            g_string_append_printf(why, "%s%s", why->len ? "\n" : "", e->message);
            g_error_free(e);
        }
        g_free(path);
    }
    rebuild(p);
    if (why->len)
        notice_show(p, GTK_MESSAGE_ERROR, why->str);
    else
        notice_hide(p);
    g_string_free(why, TRUE);
    return taken;
}

/* GTK_DEST_DEFAULT_ALL: GTK fetched the data and finishes the drag. */
static void drag_received(GtkWidget *w, GdkDragContext *ctx, gint x, gint y, GtkSelectionData *sel,
                          guint info, guint time, gpointer data)
{
    (void)ctx;
    (void)x;
    (void)y;
    (void)info;
    (void)time;
    (void)data;
    gchar **uris = gtk_selection_data_get_uris(sel);
    if (uris)
        disks_page_drop(w, (const char *const *)uris);
    else
        notice_show(page_of(w), GTK_MESSAGE_ERROR, "Only files can be dropped here.");
    g_strfreev(uris);
}

/* ---- choosers ---- */

static GtkWindow *toplevel(disks_page *p)
{
    GtkWidget *t = gtk_widget_get_toplevel(p->page);
    return GTK_IS_WINDOW(t) ? GTK_WINDOW(t) : NULL;
}

static void add_filters(GtkFileChooser *fc, bool cd)
{
    GtkFileFilter *f = gtk_file_filter_new();
    if (cd) {
        gtk_file_filter_set_name(f, "CD images (.iso, .toast, .cdr)");
        for (const char *const *x = (const char *const[]){"iso", "toast", "cdr", NULL}; *x; x++) {
            gchar *lo = g_strdup_printf("*.%s", *x), *up = g_ascii_strup(lo, -1);
            gtk_file_filter_add_pattern(f, lo);
            gtk_file_filter_add_pattern(f, up);
            g_free(lo);
            g_free(up);
        }
    } else {
        gtk_file_filter_set_name(f, "Disk images");
        for (const char *const *x =
                 (const char *const[]){"img", "dsk", "hfv", "hda", "raw", "image", "bin", NULL};
             *x; x++) {
            gchar *lo = g_strdup_printf("*.%s", *x), *up = g_ascii_strup(lo, -1);
            gtk_file_filter_add_pattern(f, lo);
            gtk_file_filter_add_pattern(f, up);
            g_free(lo);
            g_free(up);
        }
    }
    gtk_file_chooser_add_filter(fc, f);
    GtkFileFilter *all = gtk_file_filter_new();
    gtk_file_filter_set_name(all, "All files");
    gtk_file_filter_add_pattern(all, "*");
    gtk_file_chooser_add_filter(fc, all);
}

static void attach_response(GtkNativeDialog *d, gint response, gpointer data)
{
    disks_page *p = data;
    if (response == GTK_RESPONSE_ACCEPT) {
        GSList *files = gtk_file_chooser_get_filenames(GTK_FILE_CHOOSER(d));
        for (GSList *l = files; l; l = l->next)
            if (!disks_page_attach(p->page, l->data, NULL)) break;
        g_slist_free_full(files, g_free);
    }
    g_object_unref(d);
}

static void attach_clicked(GtkButton *b, gpointer data)
{
    (void)b;
    disks_page *p = data;
    GtkFileChooserNative *fc = gtk_file_chooser_native_new(
        "Attach Disk Images", toplevel(p), GTK_FILE_CHOOSER_ACTION_OPEN, "_Attach", "_Cancel");
    gtk_file_chooser_set_select_multiple(GTK_FILE_CHOOSER(fc), TRUE);
    add_filters(GTK_FILE_CHOOSER(fc), false);
    g_signal_connect(fc, "response", G_CALLBACK(attach_response), p);
    gtk_native_dialog_set_modal(GTK_NATIVE_DIALOG(fc), TRUE);
    gtk_native_dialog_show(GTK_NATIVE_DIALOG(fc));
}

static void cd_response(GtkNativeDialog *d, gint response, gpointer data)
{
    disks_page *p = data;
    if (response == GTK_RESPONSE_ACCEPT) {
        gchar *path = gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(d));
        disks_page_insert_cd(p->page, path, NULL);
        g_free(path);
    }
    g_object_unref(d);
}

static void cd_clicked(GtkButton *b, gpointer data)
{
    (void)b;
    disks_page *p = data;
    GtkFileChooserNative *fc = gtk_file_chooser_native_new(
        "Insert CD Image", toplevel(p), GTK_FILE_CHOOSER_ACTION_OPEN, "_Insert", "_Cancel");
    add_filters(GTK_FILE_CHOOSER(fc), true);
    g_signal_connect(fc, "response", G_CALLBACK(cd_response), p);
    gtk_native_dialog_set_modal(GTK_NATIVE_DIALOG(fc), TRUE);
    gtk_native_dialog_show(GTK_NATIVE_DIALOG(fc));
}

static void eject_clicked(GtkButton *b, gpointer data)
{
    (void)b;
    disks_page_eject(((disks_page *)data)->page);
}

/* The size goes in the save chooser itself (its extra widget), so creating
 * a disk is one dialog: a native chooser cannot carry it. */
static void create_response(GtkDialog *d, gint response, gpointer data)
{
    disks_page *p = data;
    if (response == GTK_RESPONSE_ACCEPT) {
        GtkWidget *extra = gtk_file_chooser_get_extra_widget(GTK_FILE_CHOOSER(d));
        GtkSpinButton *spin = g_object_get_data(G_OBJECT(extra), "clarus-size");
        GtkComboBox *unit = g_object_get_data(G_OBJECT(extra), "clarus-unit");
        uint64_t n = (uint64_t)gtk_spin_button_get_value_as_int(spin);
        uint64_t bytes = n * (g_strcmp0(gtk_combo_box_get_active_id(unit), "GB") ? MiB : GiB);
        gchar *path = gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(d));
        disks_page_create(p->page, path, bytes, NULL);
        g_free(path);
    }
    gtk_widget_destroy(GTK_WIDGET(d));
}

static void create_clicked(GtkButton *b, gpointer data)
{
    (void)b;
    disks_page *p = data;
    GtkWidget *fc = gtk_file_chooser_dialog_new(
        "Create Blank Disk Image", toplevel(p), GTK_FILE_CHOOSER_ACTION_SAVE, "_Cancel",
        GTK_RESPONSE_CANCEL, "C_reate", GTK_RESPONSE_ACCEPT, NULL);
    gtk_dialog_set_default_response(GTK_DIALOG(fc), GTK_RESPONSE_ACCEPT);
    gtk_window_set_modal(GTK_WINDOW(fc), TRUE);
    gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(fc), "Disk.img");
    /* disk_create never writes over a file: choosing one gets its refusal. */
    gtk_file_chooser_set_do_overwrite_confirmation(GTK_FILE_CHOOSER(fc), FALSE);

    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *label = gtk_label_new_with_mnemonic("_Size");
    GtkWidget *spin = gtk_spin_button_new_with_range(1, 2048 * 1024, 1);
    gtk_spin_button_set_value(GTK_SPIN_BUTTON(spin), 2);
    gtk_label_set_mnemonic_widget(GTK_LABEL(label), spin);
    set_accessible_name(spin, "Size");
    GtkWidget *unit = gtk_combo_box_text_new();
    gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(unit), "MB", "MB");
    gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(unit), "GB", "GB");
    gtk_combo_box_set_active_id(GTK_COMBO_BOX(unit), "GB");
    set_accessible_name(unit, "Size unit");
    gtk_box_pack_start(GTK_BOX(box), label, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), spin, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), unit, FALSE, FALSE, 0);
    GtkWidget *hint = gtk_label_new("The file takes no space until the guest writes to it.");
    gtk_style_context_add_class(gtk_widget_get_style_context(hint), "dim-label");
    gtk_box_pack_start(GTK_BOX(box), hint, FALSE, FALSE, 6);
    g_object_set_data(G_OBJECT(box), "clarus-size", spin);
    g_object_set_data(G_OBJECT(box), "clarus-unit", unit);
    gtk_widget_show_all(box);
    gtk_file_chooser_set_extra_widget(GTK_FILE_CHOOSER(fc), box);

    g_signal_connect(fc, "response", G_CALLBACK(create_response), p);
    gtk_widget_show(fc);
}

/* ---- the page ---- */

static GtkWidget *heading(const char *text)
{
    GtkWidget *l = gtk_label_new(NULL);
    gchar *m = g_markup_printf_escaped("<b>%s</b>", text);
    gtk_label_set_markup(GTK_LABEL(l), m);
    g_free(m);
    gtk_label_set_xalign(GTK_LABEL(l), 0);
    return l;
}

static GtkWidget *button(const char *mnemonic, const char *acc, const char *tip, GCallback cb,
                         disks_page *p)
{
    GtkWidget *b = gtk_button_new_with_mnemonic(mnemonic);
    set_accessible_name(b, acc);
    gtk_widget_set_tooltip_text(b, tip);
    g_signal_connect(b, "clicked", cb, p);
    return b;
}

GtkWidget *disks_page_new(machine_config *work)
{
    disks_page *p = g_new0(disks_page, 1);
    p->work = work;
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 12);
    g_object_set(box, "margin", 18, NULL);
    p->page = box;
    g_object_set_data_full(G_OBJECT(box), "clarus-disks", p, g_free);
    set_accessible_name(box, "Disks");

    p->notice = gtk_info_bar_new();
    gtk_widget_set_name(p->notice, "disks-notice");
    set_accessible_name(p->notice, "Disk message");
    gtk_info_bar_set_show_close_button(GTK_INFO_BAR(p->notice), TRUE);
    p->notice_label = gtk_label_new(NULL);
    gtk_label_set_line_wrap(GTK_LABEL(p->notice_label), TRUE);
    gtk_label_set_xalign(GTK_LABEL(p->notice_label), 0);
    gtk_label_set_selectable(GTK_LABEL(p->notice_label), TRUE);
    gtk_container_add(GTK_CONTAINER(gtk_info_bar_get_content_area(GTK_INFO_BAR(p->notice))),
                      p->notice_label);
    g_signal_connect(p->notice, "response", G_CALLBACK(notice_response), p);
    gtk_widget_set_no_show_all(p->notice, TRUE);
    gtk_widget_show(p->notice_label);
    gtk_box_pack_start(GTK_BOX(box), p->notice, FALSE, FALSE, 0);

    gtk_box_pack_start(GTK_BOX(box), heading("Hard Disks"), FALSE, FALSE, 0);
    p->list = gtk_list_box_new();
    gtk_list_box_set_selection_mode(GTK_LIST_BOX(p->list), GTK_SELECTION_NONE);
    set_accessible_name(p->list, "Hard disks");
    GtkWidget *empty = gtk_label_new("No hard disks. Attach one, create one, or drop images here.");
    gtk_style_context_add_class(gtk_widget_get_style_context(empty), "dim-label");
    g_object_set(empty, "margin", 12, NULL);
    gtk_widget_show(empty);
    gtk_list_box_set_placeholder(GTK_LIST_BOX(p->list), empty);
    GtkWidget *frame = gtk_frame_new(NULL);
    gtk_container_add(GTK_CONTAINER(frame), p->list);
    gtk_box_pack_start(GTK_BOX(box), frame, FALSE, FALSE, 0);

    GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_box_pack_start(GTK_BOX(row),
                       button("_Attach Disk…", "Attach Disk", "Adds an existing disk image.",
                              G_CALLBACK(attach_clicked), p),
                       FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(row),
                       button("C_reate Blank Disk…", "Create Blank Disk",
                              "Creates an empty disk image of a size you choose and adds it.",
                              G_CALLBACK(create_clicked), p),
                       FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), row, FALSE, FALSE, 0);

    gtk_box_pack_start(GTK_BOX(box), heading("CD-ROM"), FALSE, FALSE, 6);
    GtkWidget *cd = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *icon = gtk_image_new_from_icon_name("media-optical-symbolic", GTK_ICON_SIZE_BUTTON);
    gtk_box_pack_start(GTK_BOX(cd), icon, FALSE, FALSE, 0);
    p->cd_label = gtk_label_new(NULL);
    gtk_label_set_xalign(GTK_LABEL(p->cd_label), 0);
    gtk_label_set_ellipsize(GTK_LABEL(p->cd_label), PANGO_ELLIPSIZE_MIDDLE);
    gtk_widget_set_name(p->cd_label, "cdrom-image");
    gtk_box_pack_start(GTK_BOX(cd), p->cd_label, TRUE, TRUE, 0);
    p->cd_warn = gtk_image_new_from_icon_name("dialog-warning-symbolic", GTK_ICON_SIZE_BUTTON);
    gtk_widget_set_name(p->cd_warn, "cd-problem");
    gtk_widget_set_no_show_all(p->cd_warn, TRUE);
    gtk_box_pack_start(GTK_BOX(cd), p->cd_warn, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(cd),
                       button("_Insert CD…", "Insert CD", "Puts a CD image in the CD-ROM drive.",
                              G_CALLBACK(cd_clicked), p),
                       FALSE, FALSE, 0);
    p->eject = button("_Eject", "Eject", "Empties the CD-ROM drive.", G_CALLBACK(eject_clicked), p);
    gtk_box_pack_start(GTK_BOX(cd), p->eject, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), cd, FALSE, FALSE, 0);

    GtkWidget *hint = gtk_label_new("Drop files here: CD images (.iso, .toast, .cdr) go into the "
                                    "CD-ROM drive, other images become hard disks.");
    gtk_label_set_line_wrap(GTK_LABEL(hint), TRUE);
    gtk_label_set_xalign(GTK_LABEL(hint), 0);
    gtk_style_context_add_class(gtk_widget_get_style_context(hint), "dim-label");
    gtk_box_pack_end(GTK_BOX(box), hint, FALSE, FALSE, 0);

    gtk_drag_dest_set(box, GTK_DEST_DEFAULT_ALL, NULL, 0, GDK_ACTION_COPY);
    gtk_drag_dest_add_uri_targets(box);
    g_signal_connect(box, "drag-data-received", G_CALLBACK(drag_received), NULL);

    rebuild(p);
    return box;
}
