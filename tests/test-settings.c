/* The GTK settings editor (ui/gtk/settings.c, disks.c) under Xvfb
 * (tests/gtk-settings.sh): one widget per property of each machine's table,
 * found by its accessible name as an AT-SPI client would; refused values
 * named in the info bar with Save refused and the configuration untouched;
 * saved values in the .ini; disks attached, created, dropped, made
 * read-only, detached. With CLARUS_ARTEFACTS set, screenshots of the dialog
 * are written there. */
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "machines/machine_config.h"
#include "machines/machine_prop.h"
#include "ui/gtk/disks.h"
#include "ui/gtk/settings.h"

static gchar *tmpdir;

/* ---- finding widgets ---- */

typedef struct {
    const char *name;
    GType type;
    GPtrArray *found;
} search;

static void search_in(GtkWidget *w, gpointer data)
{
    search *q = data;
    const char *n = atk_object_get_name(gtk_widget_get_accessible(w));
    /* A label's accessible name is its text: only the controls count. */
    if (n && !strcmp(n, q->name) && !GTK_IS_LABEL(w) && G_TYPE_CHECK_INSTANCE_TYPE(w, q->type))
        g_ptr_array_add(q->found, w);
    if (GTK_IS_CONTAINER(w)) gtk_container_forall(GTK_CONTAINER(w), search_in, q);
}

static GPtrArray *find_all(GtkWidget *root, GType type, const char *name)
{
    search q = {name, type, g_ptr_array_new()};
    search_in(root, &q);
    return q.found;
}

/* The one widget of `type` named `name`; fails the test if there are none
 * or several. */
static GtkWidget *find(GtkWidget *root, GType type, const char *name)
{
    GPtrArray *a = find_all(root, type, name);
    if (a->len != 1)
        g_error("%u widgets of type %s named '%s', wanted 1", a->len, g_type_name(type), name);
    GtkWidget *w = g_ptr_array_index(a, 0);
    g_ptr_array_unref(a);
    return w;
}

static GtkWidget *find_named(GtkWidget *root, const char *widget_name)
{
    if (!g_strcmp0(gtk_widget_get_name(root), widget_name)) return root;
    GtkWidget *hit = NULL;
    if (GTK_IS_CONTAINER(root)) {
        GList *kids = gtk_container_get_children(GTK_CONTAINER(root));
        for (GList *l = kids; l && !hit; l = l->next) hit = find_named(l->data, widget_name);
        g_list_free(kids);
    }
    return hit;
}

/* The text of the info bar with widget name `bar`, or NULL when it is not
 * shown. */
static const char *bar_text(GtkWidget *root, const char *bar)
{
    GtkWidget *b = find_named(root, bar);
    g_assert_nonnull(b);
    if (!gtk_widget_get_visible(b)) return NULL;
    GtkWidget *area = gtk_info_bar_get_content_area(GTK_INFO_BAR(b));
    GList *kids = gtk_container_get_children(GTK_CONTAINER(area));
    g_assert_nonnull(kids);
    const char *t = gtk_label_get_text(GTK_LABEL(kids->data));
    g_list_free(kids);
    return t;
}

static bool save_allowed(GtkWidget *dialog)
{
    GtkWidget *b = gtk_dialog_get_widget_for_response(GTK_DIALOG(dialog), GTK_RESPONSE_ACCEPT);
    g_assert_nonnull(b);
    return gtk_widget_get_sensitive(b);
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle))
        g_error("'%s' does not contain '%s'", hay ? hay : "(nothing shown)", needle);
}

/* ---- screenshots ---- */

static void wait_ms(guint ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;
    while (g_get_monotonic_time() < end) {
        while (g_main_context_iteration(NULL, FALSE)) {}
        g_usleep(10000);
    }
}

/* The dialog mapped on the X server, as a user sees it (a spin button
 * formats its text when it is realized: the edits come after). */
static GtkWidget *shown(GtkWidget *dialog)
{
    gtk_widget_show(dialog);
    wait_ms(200);
    g_assert_true(gtk_widget_get_mapped(dialog));
    return dialog;
}

static void screenshot(GtkWidget *dialog, const char *name)
{
    const char *dir = g_getenv("CLARUS_ARTEFACTS");
    if (!dir || !*dir) return;
    wait_ms(300);
    GdkWindow *w = gtk_widget_get_window(dialog);
    if (!w) return;
    GdkPixbuf *pb =
        gdk_pixbuf_get_from_window(w, 0, 0, gdk_window_get_width(w), gdk_window_get_height(w));
    if (!pb) return;
    g_mkdir_with_parents(dir, 0755);
    gchar *path = g_build_filename(dir, name, NULL);
    GError *e = NULL;
    if (!gdk_pixbuf_save(pb, path, "png", &e, NULL)) {
        g_test_message("screenshot %s: %s", path, e->message);
        g_error_free(e);
    }
    g_free(path);
    g_object_unref(pb);
}

/* ---- fixtures ---- */

typedef struct {
    int calls;
    machine_config *cfg;
} saved_log;

static void on_saved(machine_config *cfg, void *ud)
{
    saved_log *l = ud;
    l->calls++;
    l->cfg = cfg;
}

static gchar *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

static gchar *make_file(const char *name, gsize size)
{
    gchar *p = tmp_path(name);
    gchar *data = g_malloc0(size);
    g_assert_true(g_file_set_contents(p, data, (gssize)size, NULL));
    g_free(data);
    return p;
}

static gchar *read_text(const char *path)
{
    gchar *t = NULL;
    g_assert_true(g_file_get_contents(path, &t, NULL, NULL));
    return t;
}

/* A machine saved to name.ini, with a key of a newer Clarus in it. */
static machine_config *saved_config(const char *id, const char *name)
{
    machine_config *cfg = machine_config_new(machine_find(id));
    gchar *path = tmp_path(name);
    g_assert_true(machine_config_save(cfg, path, NULL));
    machine_config_free(cfg);
    GKeyFile *kf = g_key_file_new();
    g_assert_true(g_key_file_load_from_file(kf, path, G_KEY_FILE_KEEP_COMMENTS, NULL));
    g_key_file_set_string(kf, "machine", "from-the-future", "kept");
    g_assert_true(g_key_file_save_to_file(kf, path, NULL));
    g_key_file_unref(kf);
    GError *e = NULL;
    cfg = machine_config_load(path, &e);
    g_assert_no_error(e);
    g_free(path);
    return cfg;
}

/* ---- the generated fields ---- */

static void check_generated(const char *id)
{
    const machine_desc *d = machine_find(id);
    g_assert_nonnull(d);
    g_assert_cmpuint(d->nprops, >, 0);
    machine_config *cfg = machine_config_new(d);
    GtkWidget *dlg = shown(clarus_settings_dialog_new(NULL, cfg, NULL, NULL));
    g_assert_nonnull(dlg);
    for (size_t i = 0; i < d->nprops; i++) {
        const machine_prop *p = &d->props[i];
        GPtrArray *all = find_all(dlg, GTK_TYPE_WIDGET, p->label);
        if (all->len != 1) g_error("%s: %u controls named '%s'", id, all->len, p->label);
        GtkWidget *w = g_ptr_array_index(all, 0);
        g_ptr_array_unref(all);
        gchar *tip = gtk_widget_get_tooltip_text(w);
        g_assert_cmpstr(tip, ==, p->help);
        g_free(tip);
        const char *v = machine_config_get(cfg, p->key);
        switch (p->type) {
        case MPROP_ENUM: {
            g_assert_true(GTK_IS_COMBO_BOX_TEXT(w));
            g_assert_false(gtk_combo_box_get_has_entry(GTK_COMBO_BOX(w)));
            g_assert_cmpstr(gtk_combo_box_get_active_id(GTK_COMBO_BOX(w)), ==, v);
            GtkTreeModel *m = gtk_combo_box_get_model(GTK_COMBO_BOX(w));
            guint n = 0;
            while (p->choices[n]) n++;
            g_assert_cmpint(gtk_tree_model_iter_n_children(m, NULL), ==, (gint)n);
            /* No way to pick a value that is not a choice. */
            g_assert_false(gtk_combo_box_set_active_id(GTK_COMBO_BOX(w), "bogus"));
            g_assert_cmpstr(gtk_combo_box_get_active_id(GTK_COMBO_BOX(w)), ==, v);
            break;
        }
        case MPROP_UINT: {
            g_assert_true(GTK_IS_SPIN_BUTTON(w));
            double lo, hi;
            gtk_spin_button_get_range(GTK_SPIN_BUTTON(w), &lo, &hi);
            g_assert_cmpfloat(lo, ==, p->min);
            g_assert_cmpfloat(hi, ==, p->max);
            g_assert_cmpstr(gtk_entry_get_text(GTK_ENTRY(w)), ==, v);
            break;
        }
        case MPROP_FILE: {
            g_assert_true(GTK_IS_ENTRY(w) && !GTK_IS_SPIN_BUTTON(w));
            g_assert_cmpstr(gtk_entry_get_text(GTK_ENTRY(w)), ==, v);
            gchar *choose = g_strdup_printf("Choose %s", p->label);
            find(dlg, GTK_TYPE_BUTTON, choose);
            g_free(choose);
            break;
        }
        case MPROP_STRING:
            g_assert_true(GTK_IS_ENTRY(w) && !GTK_IS_SPIN_BUTTON(w));
            g_assert_cmpstr(gtk_entry_get_text(GTK_ENTRY(w)), ==, v);
            break;
        }
    }
    GtkWidget *name = find(dlg, GTK_TYPE_ENTRY, "Name");
    g_assert_cmpstr(gtk_entry_get_text(GTK_ENTRY(name)), ==, d->name);
    find(dlg, GTK_TYPE_BUTTON, "Attach Disk");
    find(dlg, GTK_TYPE_BUTTON, "Create Blank Disk");
    find(dlg, GTK_TYPE_BUTTON, "Eject");
    /* Fresh defaults are valid (a missing OpenBIOS is only a warning). */
    g_assert_true(save_allowed(dlg));
    gchar *shot = g_strdup_printf("settings-%s.png", id);
    screenshot(dlg, shot);
    g_free(shot);
    gtk_widget_destroy(dlg);
    machine_config_free(cfg);
}

static void test_generated_mac99(void)
{
    check_generated("mac99");
}

static void test_generated_g3beige(void)
{
    check_generated("g3beige");
}

/* ---- refused values ---- */

static void test_refused(void)
{
    machine_config *cfg = saved_config("mac99", "refused.ini");
    gchar *before = read_text(machine_config_path(cfg));
    saved_log log = {0};
    GtkWidget *dlg = shown(clarus_settings_dialog_new(NULL, cfg, on_saved, &log));
    g_object_add_weak_pointer(G_OBJECT(dlg), (gpointer *)&dlg);
    const machine_prop *ram = machine_prop_find(machine_config_desc(cfg), "ram");
    GtkWidget *spin = find(dlg, GTK_TYPE_SPIN_BUTTON, ram->label);
    g_assert_null(bar_text(dlg, "settings-problem"));

    gchar *too_big = g_strdup_printf("%u", ram->max + 1);
    gtk_entry_set_text(GTK_ENTRY(spin), too_big);
    const char *msg = bar_text(dlg, "settings-problem");
    assert_contains(msg, "ram");
    assert_contains(msg, too_big);
    assert_contains(msg, "out of range");
    g_assert_false(save_allowed(dlg));
    screenshot(dlg, "settings-refused.png");
    /* Save pressed anyway (Enter in a field, an AT client): refused. */
    gtk_dialog_response(GTK_DIALOG(dlg), GTK_RESPONSE_ACCEPT);
    g_assert_nonnull(dlg);
    g_assert_cmpint(log.calls, ==, 0);
    g_assert_cmpstr(machine_config_get(cfg, "ram"), ==, "128");
    assert_contains(bar_text(dlg, "settings-problem"), "ram");

    /* Two problems at once: both named. */
    const machine_prop *serial = machine_prop_find(machine_config_desc(cfg), "serial");
    GtkWidget *ser = find(dlg, GTK_TYPE_ENTRY, serial->label);
    gtk_entry_set_text(GTK_ENTRY(ser), "");
    msg = bar_text(dlg, "settings-problem");
    assert_contains(msg, "ram");
    assert_contains(msg, "serial is empty");
    gtk_entry_set_text(GTK_ENTRY(ser), "none");
    GtkWidget *name = find(dlg, GTK_TYPE_ENTRY, "Name");
    gtk_entry_set_text(GTK_ENTRY(name), "");
    assert_contains(bar_text(dlg, "settings-problem"), "name is empty");
    gtk_entry_set_text(GTK_ENTRY(name), "Still Valid");

    /* A folder as the firmware is refused; a missing firmware only warned about. */
    const machine_prop *fw = machine_prop_find(machine_config_desc(cfg), "firmware");
    GtkWidget *fwe = find(dlg, GTK_TYPE_ENTRY, fw->label);
    gtk_entry_set_text(GTK_ENTRY(spin), "256");
    gtk_entry_set_text(GTK_ENTRY(fwe), tmpdir);
    assert_contains(bar_text(dlg, "settings-problem"), "is a folder");
    g_assert_false(save_allowed(dlg));
    gchar *nofw = tmp_path("no-such-firmware");
    gtk_entry_set_text(GTK_ENTRY(fwe), nofw);
    assert_contains(bar_text(dlg, "settings-problem"), "does not exist");
    GtkWidget *bar = find_named(dlg, "settings-problem");
    g_assert_cmpint(gtk_info_bar_get_message_type(GTK_INFO_BAR(bar)), ==, GTK_MESSAGE_WARNING);
    g_assert_true(save_allowed(dlg));
    gtk_entry_set_text(GTK_ENTRY(fwe), fw->def);
    if (g_file_test(fw->def, G_FILE_TEST_EXISTS)) g_assert_null(bar_text(dlg, "settings-problem"));
    g_assert_true(save_allowed(dlg));

    /* Cancel: nothing of it reaches cfg or the file. */
    gtk_dialog_response(GTK_DIALOG(dlg), GTK_RESPONSE_CANCEL);
    g_assert_null(dlg);
    g_assert_cmpint(log.calls, ==, 0);
    g_assert_cmpstr(machine_config_get(cfg, "ram"), ==, "128");
    g_assert_cmpstr(machine_config_get(cfg, "firmware"), ==, fw->def);
    g_assert_cmpstr(machine_config_name(cfg), ==, "Power Mac G4 (AGP graphics)");
    gchar *after = read_text(machine_config_path(cfg));
    g_assert_cmpstr(after, ==, before);
    g_free(after);
    g_free(before);
    g_free(nofw);
    g_free(too_big);
    machine_config_free(cfg);
}

/* ---- saved values ---- */

/* A valid value other than the current one, by the property's type. */
static gchar *other_value(const machine_prop *p, const char *cur)
{
    switch (p->type) {
    case MPROP_ENUM:
        for (size_t k = 0; p->choices[k]; k++)
            if (strcmp(p->choices[k], cur)) return g_strdup(p->choices[k]);
        return g_strdup(cur);
    case MPROP_UINT:
        return g_strdup_printf(
            "%u", strcmp(cur, "") && g_ascii_strtoull(cur, NULL, 10) == p->max ? p->min : p->max);
    case MPROP_FILE: {
        gchar *name = g_strdup_printf("file-%s", p->key);
        gchar *f = make_file(name, 16);
        g_free(name);
        return f;
    }
    case MPROP_STRING: return g_strdup(strcmp(cur, "stdio") ? "stdio" : "pty");
    }
    return NULL;
}

static void set_field(GtkWidget *dlg, const machine_prop *p, const char *v)
{
    GtkWidget *w = find(dlg, GTK_TYPE_WIDGET, p->label);
    if (p->type == MPROP_ENUM)
        g_assert_true(gtk_combo_box_set_active_id(GTK_COMBO_BOX(w), v));
    else
        gtk_entry_set_text(GTK_ENTRY(w), v);
}

static void check_saved(const char *id, bool with_path)
{
    const machine_desc *d = machine_find(id);
    machine_config *cfg = with_path ? saved_config(id, "valid.ini") : machine_config_new(d);
    saved_log log = {0};
    GtkWidget *dlg = shown(clarus_settings_dialog_new(NULL, cfg, on_saved, &log));
    g_object_add_weak_pointer(G_OBJECT(dlg), (gpointer *)&dlg);
    gchar **want = g_new0(gchar *, d->nprops + 1);
    for (size_t i = 0; i < d->nprops; i++) {
        want[i] = other_value(&d->props[i], machine_config_get(cfg, d->props[i].key));
        set_field(dlg, &d->props[i], want[i]);
    }
    gtk_entry_set_text(GTK_ENTRY(find(dlg, GTK_TYPE_ENTRY, "Name")), "Test Machine");
    g_assert_null(bar_text(dlg, "settings-problem"));
    g_assert_true(save_allowed(dlg));
    /* Nothing reaches cfg before Save. */
    g_assert_cmpstr(machine_config_name(cfg), !=, "Test Machine");
    gtk_dialog_response(GTK_DIALOG(dlg), GTK_RESPONSE_ACCEPT);
    g_assert_null(dlg);
    g_assert_cmpint(log.calls, ==, 1);
    g_assert_true(log.cfg == cfg);
    const char *path = machine_config_path(cfg);
    g_assert_nonnull(path);
    if (!with_path) {
        gchar *dir = machine_config_dir();
        g_assert_true(g_str_has_prefix(path, dir));
        g_free(dir);
    }
    GError *e = NULL;
    machine_config *back = machine_config_load(path, &e);
    g_assert_no_error(e);
    g_assert_cmpstr(machine_config_name(back), ==, "Test Machine");
    g_assert_cmpstr(machine_config_name(cfg), ==, "Test Machine");
    for (size_t i = 0; i < d->nprops; i++) {
        g_assert_cmpstr(machine_config_get(back, d->props[i].key), ==, want[i]);
        g_assert_cmpstr(machine_config_get(cfg, d->props[i].key), ==, want[i]);
    }
    if (with_path) {
        GKeyFile *kf = g_key_file_new();
        g_assert_true(g_key_file_load_from_file(kf, path, 0, NULL));
        gchar *kept = g_key_file_get_string(kf, "machine", "from-the-future", NULL);
        g_assert_cmpstr(kept, ==, "kept");
        g_free(kept);
        g_key_file_unref(kf);
    }
    machine_config_free(back);
    g_strfreev(want);
    machine_config_free(cfg);
}

static void test_saved_mac99(void)
{
    check_saved("mac99", true);
}

static void test_saved_g3beige_new(void)
{
    check_saved("g3beige", false);
}

/* A save the host refuses: the dialog stays open with the reason, cfg as
 * it was. */
static void test_save_fails(void)
{
    machine_config *cfg = machine_config_new(machine_find("mac99"));
    gchar *sub = tmp_path("gone");
    gchar *path = g_build_filename(sub, "m.ini", NULL);
    g_assert_true(machine_config_save(cfg, path, NULL));
    g_assert_cmpint(g_remove(path), ==, 0);
    g_assert_cmpint(g_rmdir(sub), ==, 0);
    g_assert_true(g_file_set_contents(sub, "not a folder", -1, NULL));
    saved_log log = {0};
    GtkWidget *dlg = shown(clarus_settings_dialog_new(NULL, cfg, on_saved, &log));
    g_object_add_weak_pointer(G_OBJECT(dlg), (gpointer *)&dlg);
    const machine_prop *ram = machine_prop_find(machine_config_desc(cfg), "ram");
    gtk_entry_set_text(GTK_ENTRY(find(dlg, GTK_TYPE_SPIN_BUTTON, ram->label)), "512");
    gtk_dialog_response(GTK_DIALOG(dlg), GTK_RESPONSE_ACCEPT);
    g_assert_nonnull(dlg);
    g_assert_cmpint(log.calls, ==, 0);
    assert_contains(bar_text(dlg, "settings-problem"), "could not be saved");
    g_assert_true(save_allowed(dlg));
    g_assert_cmpstr(machine_config_get(cfg, "ram"), ==, "128");
    gtk_widget_destroy(dlg);
    g_free(path);
    g_free(sub);
    machine_config_free(cfg);
}

/* ---- disks ---- */

static gchar *uri_of(const char *path)
{
    gchar *u = g_filename_to_uri(path, NULL, NULL);
    g_assert_nonnull(u);
    return u;
}

static void test_disks(void)
{
    machine_config *cfg = saved_config("mac99", "disks.ini");
    gchar *before = read_text(machine_config_path(cfg));
    gchar *hd = make_file("hd.img", 1 << 20);
    gchar *cd = make_file("disc.ISO", 2048);
    gchar *folder = tmp_path("folder");
    g_mkdir(folder, 0700);
    gchar *missing = tmp_path("missing.img");
    gchar *blank = tmp_path("blank.img");

    saved_log log = {0};
    GtkWidget *dlg = shown(clarus_settings_dialog_new(NULL, cfg, on_saved, &log));
    g_object_add_weak_pointer(G_OBJECT(dlg), (gpointer *)&dlg);
    GtkWidget *page = clarus_settings_disks_page(dlg);
    g_assert_nonnull(page);
    gtk_stack_set_visible_child(GTK_STACK(gtk_widget_get_parent(page)), page);
    g_assert_false(gtk_widget_get_sensitive(find(dlg, GTK_TYPE_BUTTON, "Eject")));

    /* A drop of four files: the image, the CD, a folder and a missing file. */
    gchar *uris[] = {uri_of(hd), uri_of(cd), uri_of(folder), uri_of(missing), NULL};
    g_assert_cmpuint(disks_page_drop(page, (const char *const *)uris), ==, 2);
    const char *msg = bar_text(dlg, "disks-notice");
    assert_contains(msg, folder);
    assert_contains(msg, "is a folder");
    assert_contains(msg, missing);
    assert_contains(msg, "does not exist");
    for (size_t i = 0; uris[i]; i++) g_free(uris[i]);
    find(dlg, GTK_TYPE_SWITCH, "Read-only hd.img");
    g_assert_true(gtk_widget_get_sensitive(find(dlg, GTK_TYPE_BUTTON, "Eject")));
    GtkWidget *cdl = find_named(dlg, "cdrom-image");
    g_assert_cmpstr(gtk_label_get_text(GTK_LABEL(cdl)), ==, "disc.ISO");
    /* Images that are there carry no warning. */
    g_assert_null(find_named(dlg, "disk-problem"));
    g_assert_false(gtk_widget_get_visible(find_named(dlg, "cd-problem")));
    screenshot(dlg, "settings-disks.png");

    /* Attach: the same image twice, a folder, a missing file: refused. */
    GError *e = NULL;
    g_assert_false(disks_page_attach(page, hd, &e));
    assert_contains(e->message, "already attached");
    assert_contains(bar_text(dlg, "disks-notice"), "already attached");
    g_clear_error(&e);
    g_assert_false(disks_page_attach(page, folder, &e));
    assert_contains(e->message, "is a folder");
    g_clear_error(&e);
    g_assert_false(disks_page_attach(page, missing, &e));
    assert_contains(e->message, "does not exist");
    g_clear_error(&e);

    /* A blank disk: created, attached; never made over an existing file. */
    g_assert_true(disks_page_create(page, blank, 2 << 20, &e));
    g_assert_no_error(e);
    g_assert_null(bar_text(dlg, "disks-notice"));
    GStatBuf st;
    g_assert_cmpint(g_stat(blank, &st), ==, 0);
    g_assert_cmpint(st.st_size, ==, 2 << 20);
    g_assert_false(disks_page_create(page, hd, 2 << 20, &e));
    g_assert_nonnull(e);
    g_assert_nonnull(bar_text(dlg, "disks-notice"));
    g_clear_error(&e);
    g_assert_cmpint(g_stat(hd, &st), ==, 0);
    g_assert_cmpint(st.st_size, ==, 1 << 20);

    /* Read-only on the new one, then the first detached. */
    GtkWidget *sw = find(dlg, GTK_TYPE_SWITCH, "Read-only blank.img");
    g_assert_false(gtk_switch_get_active(GTK_SWITCH(sw)));
    gtk_switch_set_active(GTK_SWITCH(sw), TRUE);
    gtk_button_clicked(GTK_BUTTON(find(dlg, GTK_TYPE_BUTTON, "Detach hd.img")));
    GPtrArray *gone = find_all(dlg, GTK_TYPE_SWITCH, "Read-only hd.img");
    g_assert_cmpuint(gone->len, ==, 0);
    g_ptr_array_unref(gone);
    g_assert_true(
        gtk_switch_get_active(GTK_SWITCH(find(dlg, GTK_TYPE_SWITCH, "Read-only blank.img"))));

    /* The CD: ejected, a folder refused, put back. */
    gtk_button_clicked(GTK_BUTTON(find(dlg, GTK_TYPE_BUTTON, "Eject")));
    g_assert_false(gtk_widget_get_sensitive(find(dlg, GTK_TYPE_BUTTON, "Eject")));
    g_assert_cmpstr(gtk_label_get_text(GTK_LABEL(cdl)), ==, "No disc");
    g_assert_false(disks_page_insert_cd(page, folder, &e));
    assert_contains(bar_text(dlg, "disks-notice"), "is a folder");
    g_clear_error(&e);
    g_assert_true(disks_page_insert_cd(page, cd, &e));
    g_assert_no_error(e);

    /* Nothing in cfg or the file before Save. */
    g_assert_cmpuint(machine_config_disk_count(cfg), ==, 0);
    g_assert_null(machine_config_cdrom(cfg));
    gchar *now = read_text(machine_config_path(cfg));
    g_assert_cmpstr(now, ==, before);
    g_free(now);

    gtk_dialog_response(GTK_DIALOG(dlg), GTK_RESPONSE_ACCEPT);
    g_assert_null(dlg);
    g_assert_cmpint(log.calls, ==, 1);
    machine_config *back = machine_config_load(machine_config_path(cfg), &e);
    g_assert_no_error(e);
    g_assert_cmpuint(machine_config_disk_count(back), ==, 1);
    bool ro = false;
    g_assert_cmpstr(machine_config_disk(back, 0, &ro), ==, blank);
    g_assert_true(ro);
    g_assert_cmpstr(machine_config_cdrom(back), ==, cd);
    machine_config_free(back);

    /* Cancel after changing the disks: cfg keeps the saved ones. */
    dlg = shown(clarus_settings_dialog_new(NULL, cfg, on_saved, &log));
    g_object_add_weak_pointer(G_OBJECT(dlg), (gpointer *)&dlg);
    page = clarus_settings_disks_page(dlg);
    g_assert_true(disks_page_attach(page, hd, NULL));
    gtk_switch_set_active(GTK_SWITCH(find(dlg, GTK_TYPE_SWITCH, "Read-only blank.img")), FALSE);
    disks_page_eject(page);
    gtk_dialog_response(GTK_DIALOG(dlg), GTK_RESPONSE_CANCEL);
    g_assert_null(dlg);
    g_assert_cmpint(log.calls, ==, 1);
    g_assert_cmpuint(machine_config_disk_count(cfg), ==, 1);
    g_assert_cmpstr(machine_config_disk(cfg, 0, &ro), ==, blank);
    g_assert_true(ro);
    g_assert_cmpstr(machine_config_cdrom(cfg), ==, cd);

    /* The saved images go missing: the next dialog marks them, with why. */
    g_assert_cmpint(g_remove(blank), ==, 0);
    g_assert_cmpint(g_remove(cd), ==, 0);
    dlg = shown(clarus_settings_dialog_new(NULL, cfg, on_saved, &log));
    g_object_add_weak_pointer(G_OBJECT(dlg), (gpointer *)&dlg);
    GtkWidget *warn = find_named(dlg, "disk-problem");
    g_assert_nonnull(warn);
    g_assert_true(gtk_widget_get_visible(warn));
    gchar *tip = gtk_widget_get_tooltip_text(warn);
    assert_contains(tip, blank);
    assert_contains(tip, "does not exist");
    g_free(tip);
    warn = find_named(dlg, "cd-problem");
    g_assert_true(gtk_widget_get_visible(warn));
    tip = gtk_widget_get_tooltip_text(warn);
    assert_contains(tip, "does not exist");
    g_free(tip);
    /* Ejected, the CD's warning goes. */
    disks_page_eject(clarus_settings_disks_page(dlg));
    g_assert_false(gtk_widget_get_visible(warn));
    gtk_widget_destroy(dlg);
    g_assert_null(dlg);

    g_free(before);
    g_free(hd);
    g_free(cd);
    g_free(folder);
    g_free(missing);
    g_free(blank);
    machine_config_free(cfg);
}

int main(int argc, char **argv)
{
    tmpdir = g_dir_make_tmp("clarus-settings-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    /* The user's own machines stay out of it. */
    gchar *conf = g_build_filename(tmpdir, "config", NULL);
    g_setenv("XDG_CONFIG_HOME", conf, TRUE);
    g_free(conf);
    gtk_test_init(&argc, &argv, NULL);
    g_test_add_func("/settings/generated/mac99", test_generated_mac99);
    g_test_add_func("/settings/generated/g3beige", test_generated_g3beige);
    g_test_add_func("/settings/refused", test_refused);
    g_test_add_func("/settings/saved/mac99", test_saved_mac99);
    g_test_add_func("/settings/saved/g3beige-new", test_saved_g3beige_new);
    g_test_add_func("/settings/save-fails", test_save_fails);
    g_test_add_func("/settings/disks", test_disks);
    int rc = g_test_run();
    gchar *argv_rm[] = {"rm", "-rf", tmpdir, NULL};
    g_spawn_sync(NULL, argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    g_free(tmpdir);
    return rc;
}
