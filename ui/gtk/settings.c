#include "settings.h"

#include <string.h>

#include "disks.h"
#include "machines/session.h"

typedef void (*saved_fn)(machine_config *cfg, void *ud);

/* One generated row: the property and the widget that edits it. */
typedef struct {
    const machine_prop *prop;
    GtkWidget *input; /* GtkComboBoxText, GtkSpinButton or GtkEntry */
    gchar *error;     /* why the value shown is refused, or NULL */
    gchar *warning;   /* a value that saves but will not work as it is */
} field;

typedef struct {
    machine_config *cfg;  /* the caller's, only written on a Save that works */
    machine_config *work; /* what the widgets edit */
    saved_fn saved;
    void *ud;
    GtkWidget *dialog, *problem, *problem_label, *name, *disks;
    gchar *name_error, *save_error;
    field *fields;
    size_t nfields;
} settings;

static void settings_free(gpointer data)
{
    settings *s = data;
    for (size_t i = 0; i < s->nfields; i++) {
        g_free(s->fields[i].error);
        g_free(s->fields[i].warning);
    }
    g_free(s->fields);
    g_free(s->name_error);
    g_free(s->save_error);
    machine_config_free(s->work);
    g_free(s);
}

static void set_accessible_name(GtkWidget *w, const char *name)
{
    atk_object_set_name(gtk_widget_get_accessible(w), name);
}

/* Name, settings, disks and CD of src into dst (the same model); the
 * values were checked when they went into src. */
static void copy_settings(machine_config *dst, const machine_config *src)
{
    const machine_desc *d = machine_config_desc(src);
    machine_config_set_name(dst, machine_config_name(src), NULL);
    for (size_t i = 0; i < d->nprops; i++)
        machine_config_set(dst, d->props[i].key, machine_config_get(src, d->props[i].key), NULL);
    while (machine_config_disk_count(dst)) machine_config_remove_disk(dst, 0);
    for (size_t i = 0; i < machine_config_disk_count(src); i++) {
        bool ro = false;
        const char *path = machine_config_disk(src, i, &ro);
        machine_config_add_disk(dst, path, ro, NULL);
    }
    machine_config_set_cdrom(dst, machine_config_cdrom(src), NULL);
}

/* ---- the info bar ---- */

static void show_problems(settings *s)
{
    GString *errors = g_string_new(NULL), *warnings = g_string_new(NULL);
    if (s->save_error) g_string_append(errors, s->save_error);
    if (s->name_error)
        g_string_append_printf(errors, "%sName: %s", errors->len ? "\n" : "", s->name_error);
    for (size_t i = 0; i < s->nfields; i++) {
        const field *f = &s->fields[i];
        if (f->error)
            g_string_append_printf(errors, "%s%s: %s", errors->len ? "\n" : "", f->prop->label,
                                   f->error);
        if (f->warning)
            g_string_append_printf(warnings, "%s%s: %s", warnings->len ? "\n" : "", f->prop->label,
                                   f->warning);
    }
    /* A refused value blocks Save; a failed save may be tried again. */
    bool blocked = s->name_error != NULL;
    for (size_t i = 0; i < s->nfields; i++) blocked = blocked || s->fields[i].error;
    GString *msg = errors->len ? errors : warnings;
    if (msg->len) {
        gtk_info_bar_set_message_type(GTK_INFO_BAR(s->problem),
                                      errors->len ? GTK_MESSAGE_ERROR : GTK_MESSAGE_WARNING);
        gtk_label_set_text(GTK_LABEL(s->problem_label), msg->str);
        gtk_widget_show(s->problem);
        gtk_info_bar_set_revealed(GTK_INFO_BAR(s->problem), TRUE);
    } else {
        gtk_widget_hide(s->problem);
    }
    gtk_dialog_set_response_sensitive(GTK_DIALOG(s->dialog), GTK_RESPONSE_ACCEPT, !blocked);
    g_string_free(errors, TRUE);
    g_string_free(warnings, TRUE);
}

/* ---- the generated fields ---- */

static gchar *field_text(const field *f)
{
    if (f->prop->type == MPROP_ENUM) {
        const char *id = gtk_combo_box_get_active_id(GTK_COMBO_BOX(f->input));
        return g_strdup(id ? id : "");
    }
    /* A spin button's text, not its value: the value is clamped into range,
     * and a number typed out of range must be refused, not quietly changed. */
    return g_strdup(gtk_entry_get_text(GTK_ENTRY(f->input)));
}

static void check_field(settings *s, field *f)
{
    gchar *v = field_text(f);
    g_clear_pointer(&f->error, g_free);
    g_clear_pointer(&f->warning, g_free);
    GError *e = NULL;
    if (!machine_config_set(s->work, f->prop->key, v, &e)) {
        f->error = g_strdup(e->message);
        g_error_free(e);
    } else if (f->prop->type == MPROP_FILE && *v && g_file_test(v, G_FILE_TEST_IS_DIR)) {
        f->error = g_strdup_printf("%s is a folder, not a file", v);
    } else if (f->prop->type == MPROP_FILE && *v && f->prop->def && *f->prop->def &&
               !g_file_test(v, G_FILE_TEST_EXISTS)) {
        /* A file with a default is one the machine reads (the firmware);
         * one without (the NVRAM file) the machine creates itself. */
        f->warning = g_strdup_printf("%s does not exist: the machine will not start without it", v);
    }
    g_free(v);
}

static void field_changed(GtkWidget *w, gpointer data)
{
    settings *s = data;
    field *f = g_object_get_data(G_OBJECT(w), "clarus-field");
    g_clear_pointer(&s->save_error, g_free);
    check_field(s, f);
    show_problems(s);
}

static void name_changed(GtkEditable *e, gpointer data)
{
    settings *s = data;
    GError *err = NULL;
    g_clear_pointer(&s->name_error, g_free);
    g_clear_pointer(&s->save_error, g_free);
    if (!machine_config_set_name(s->work, gtk_entry_get_text(GTK_ENTRY(e)), &err)) {
        s->name_error = g_strdup(err->message);
        g_error_free(err);
    }
    show_problems(s);
}

static void file_chosen(GtkNativeDialog *d, gint response, gpointer data)
{
    GtkEntry *entry = data;
    if (response == GTK_RESPONSE_ACCEPT) {
        gchar *path = gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(d));
        if (path) gtk_entry_set_text(entry, path);
        g_free(path);
    }
    g_object_unref(d);
    g_object_unref(entry);
}

static void choose_file(GtkButton *b, gpointer data)
{
    GtkEntry *entry = data;
    const machine_prop *p = g_object_get_data(G_OBJECT(b), "clarus-prop");
    GtkWidget *top = gtk_widget_get_toplevel(GTK_WIDGET(b));
    /* A file property without a default is one the machine writes (NVRAM):
     * a save chooser, so a new name can be given. */
    bool written = !p->def || !*p->def;
    GtkFileChooserNative *fc = gtk_file_chooser_native_new(
        p->label, GTK_IS_WINDOW(top) ? GTK_WINDOW(top) : NULL,
        written ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN, "_Select",
        "_Cancel");
    const char *cur = gtk_entry_get_text(entry);
    if (*cur) gtk_file_chooser_set_filename(GTK_FILE_CHOOSER(fc), cur);
    g_signal_connect(fc, "response", G_CALLBACK(file_chosen), g_object_ref(entry));
    gtk_native_dialog_set_modal(GTK_NATIVE_DIALOG(fc), TRUE);
    gtk_native_dialog_show(GTK_NATIVE_DIALOG(fc));
}

static GtkWidget *field_input(settings *s, field *f, GtkWidget **row)
{
    const machine_prop *p = f->prop;
    const char *v = machine_config_get(s->work, p->key);
    GtkWidget *w = NULL;
    *row = NULL;
    switch (p->type) {
    case MPROP_ENUM:
        w = gtk_combo_box_text_new();
        for (size_t k = 0; p->choices && p->choices[k]; k++)
            gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(w), p->choices[k], p->choices[k]);
        gtk_combo_box_set_active_id(GTK_COMBO_BOX(w), v);
        break;
    case MPROP_UINT:
        w = gtk_spin_button_new_with_range(p->min, p->max, 1);
        gtk_spin_button_set_numeric(GTK_SPIN_BUTTON(w), TRUE);
        gtk_spin_button_set_increments(GTK_SPIN_BUTTON(w), 1, 16);
        gtk_spin_button_set_value(GTK_SPIN_BUTTON(w), g_ascii_strtod(v, NULL));
        gtk_entry_set_text(GTK_ENTRY(w), v);
        gtk_widget_set_halign(w, GTK_ALIGN_START);
        break;
    case MPROP_FILE:
    case MPROP_STRING:
        w = gtk_entry_new();
        gtk_entry_set_text(GTK_ENTRY(w), v);
        gtk_entry_set_activates_default(GTK_ENTRY(w), TRUE);
        gtk_widget_set_hexpand(w, TRUE);
        if (p->type == MPROP_FILE) {
            if (!p->def || !*p->def) gtk_entry_set_placeholder_text(GTK_ENTRY(w), "None");
            GtkWidget *b =
                gtk_button_new_from_icon_name("document-open-symbolic", GTK_ICON_SIZE_BUTTON);
            gchar *acc = g_strdup_printf("Choose %s", p->label);
            set_accessible_name(b, acc);
            gtk_widget_set_tooltip_text(b, acc);
            g_free(acc);
            g_object_set_data(G_OBJECT(b), "clarus-prop", (gpointer)p);
            g_signal_connect(b, "clicked", G_CALLBACK(choose_file), w);
            *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 0);
            gtk_style_context_add_class(gtk_widget_get_style_context(*row), "linked");
            gtk_box_pack_start(GTK_BOX(*row), w, TRUE, TRUE, 0);
            gtk_box_pack_start(GTK_BOX(*row), b, FALSE, FALSE, 0);
        }
        break;
    }
    if (!w) { /* a type this front end does not know: shown as text */
        w = gtk_entry_new();
        gtk_entry_set_text(GTK_ENTRY(w), v);
    }
    f->input = w;
    gtk_widget_set_name(w, p->key);
    set_accessible_name(w, p->label);
    if (p->help) gtk_widget_set_tooltip_text(w, p->help);
    g_object_set_data(G_OBJECT(w), "clarus-field", f);
    g_signal_connect(w, "changed", G_CALLBACK(field_changed), s);
    if (!*row) *row = w;
    return w;
}

/* "Memory (MB)" -> "_Memory (MB)": each label gets a mnemonic on its first
 * letter (GTK cycles through labels that share one). */
static GtkWidget *mnemonic_label(const char *text, GtkWidget *target)
{
    GString *m = g_string_new("_");
    for (const char *c = text; *c; c++) {
        if (*c == '_') g_string_append_c(m, '_');
        g_string_append_c(m, *c);
    }
    GtkWidget *l = gtk_label_new_with_mnemonic(m->str);
    g_string_free(m, TRUE);
    gtk_label_set_xalign(GTK_LABEL(l), 1);
    gtk_label_set_mnemonic_widget(GTK_LABEL(l), target);
    return l;
}

static GtkWidget *machine_page(settings *s)
{
    const machine_desc *d = machine_config_desc(s->work);
    GtkWidget *grid = gtk_grid_new();
    gtk_grid_set_row_spacing(GTK_GRID(grid), 6);
    gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
    g_object_set(grid, "margin", 18, NULL);
    set_accessible_name(grid, "Machine");

    GtkWidget *ml = gtk_label_new("Model");
    gtk_label_set_xalign(GTK_LABEL(ml), 1);
    gtk_style_context_add_class(gtk_widget_get_style_context(ml), "dim-label");
    GtkWidget *model = gtk_label_new(d->name);
    gtk_label_set_xalign(GTK_LABEL(model), 0);
    gtk_widget_set_tooltip_text(model, d->description);
    set_accessible_name(model, "Model");
    gtk_grid_attach(GTK_GRID(grid), ml, 0, 0, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), model, 1, 0, 1, 1);

    s->name = gtk_entry_new();
    gtk_entry_set_text(GTK_ENTRY(s->name), machine_config_name(s->work));
    gtk_entry_set_activates_default(GTK_ENTRY(s->name), TRUE);
    gtk_widget_set_hexpand(s->name, TRUE);
    set_accessible_name(s->name, "Name");
    gtk_widget_set_tooltip_text(s->name, "What the machine library calls this machine.");
    g_signal_connect(s->name, "changed", G_CALLBACK(name_changed), s);
    gtk_grid_attach(GTK_GRID(grid), mnemonic_label("Name", s->name), 0, 1, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), s->name, 1, 1, 1, 1);

    s->nfields = d->nprops;
    s->fields = g_new0(field, d->nprops);
    for (size_t i = 0; i < d->nprops; i++) {
        field *f = &s->fields[i];
        f->prop = &d->props[i];
        GtkWidget *row;
        GtkWidget *w = field_input(s, f, &row);
        GtkWidget *l = mnemonic_label(f->prop->label, w);
        if (f->prop->help) gtk_widget_set_tooltip_text(l, f->prop->help);
        gtk_grid_attach(GTK_GRID(grid), l, 0, (int)i + 2, 1, 1);
        gtk_grid_attach(GTK_GRID(grid), row, 1, (int)i + 2, 1, 1);
        check_field(s, f);
    }
    return grid;
}

/* ---- saving ---- */

static bool commit(settings *s)
{
    g_clear_pointer(&s->save_error, g_free);
    /* Fields first, so a value typed but not yet checked counts too. */
    for (size_t i = 0; i < s->nfields; i++) check_field(s, &s->fields[i]);
    bool bad = s->name_error != NULL;
    for (size_t i = 0; i < s->nfields; i++) bad = bad || s->fields[i].error;
    if (bad) {
        show_problems(s);
        gtk_widget_error_bell(s->dialog);
        return false;
    }
    gchar *path = g_strdup(machine_config_path(s->cfg));
    if (!path) {
        gchar *dir = machine_config_dir();
        path = machine_config_new_path(dir, machine_config_name(s->work));
        g_free(dir);
    }
    machine_config *before = machine_config_new(machine_config_desc(s->cfg));
    copy_settings(before, s->cfg);
    copy_settings(s->cfg, s->work);
    GError *e = NULL;
    bool ok = machine_config_save(s->cfg, path, &e);
    if (!ok) {
        copy_settings(s->cfg, before);
        s->save_error = g_strdup_printf("The settings could not be saved: %s", e->message);
        g_error_free(e);
        show_problems(s);
    }
    machine_config_free(before);
    g_free(path);
    return ok;
}

static void response(GtkDialog *d, gint r, gpointer data)
{
    settings *s = data;
    if (r == GTK_RESPONSE_ACCEPT) {
        if (!commit(s)) return;
        saved_fn cb = s->saved;
        void *ud = s->ud;
        machine_config *cfg = s->cfg;
        gtk_widget_destroy(GTK_WIDGET(d));
        if (cb) cb(cfg, ud);
        return;
    }
    gtk_widget_destroy(GTK_WIDGET(d));
}

GtkWidget *clarus_settings_dialog_new(GtkWindow *parent, machine_config *cfg, saved_fn saved,
                                      void *ud)
{
    g_return_val_if_fail(cfg != NULL, NULL);
    settings *s = g_new0(settings, 1);
    s->cfg = cfg;
    s->saved = saved;
    s->ud = ud;
    s->work = machine_config_new(machine_config_desc(cfg));
    copy_settings(s->work, cfg);

    s->dialog =
        g_object_new(GTK_TYPE_DIALOG, "use-header-bar", TRUE, "modal", TRUE, "transient-for",
                     parent, "default-width", 560, "destroy-with-parent", TRUE, NULL);
    g_object_set_data_full(G_OBJECT(s->dialog), "clarus-settings", s, settings_free);
    GtkWidget *cancel =
        gtk_dialog_add_button(GTK_DIALOG(s->dialog), "_Cancel", GTK_RESPONSE_CANCEL);
    set_accessible_name(cancel, "Cancel");
    GtkWidget *save = gtk_dialog_add_button(GTK_DIALOG(s->dialog), "_Save", GTK_RESPONSE_ACCEPT);
    set_accessible_name(save, "Save");
    gtk_style_context_add_class(gtk_widget_get_style_context(save), "suggested-action");
    gtk_dialog_set_default_response(GTK_DIALOG(s->dialog), GTK_RESPONSE_ACCEPT);
    GtkWidget *header = gtk_dialog_get_header_bar(GTK_DIALOG(s->dialog));
    gchar *title = g_strdup_printf("%s Settings", machine_config_name(cfg));
    gtk_window_set_title(GTK_WINDOW(s->dialog), title);
    g_free(title);

    GtkWidget *content = gtk_dialog_get_content_area(GTK_DIALOG(s->dialog));
    s->problem = gtk_info_bar_new();
    gtk_widget_set_name(s->problem, "settings-problem");
    set_accessible_name(s->problem, "Settings problem");
    s->problem_label = gtk_label_new(NULL);
    gtk_label_set_line_wrap(GTK_LABEL(s->problem_label), TRUE);
    gtk_label_set_xalign(GTK_LABEL(s->problem_label), 0);
    gtk_label_set_selectable(GTK_LABEL(s->problem_label), TRUE);
    gtk_widget_show(s->problem_label);
    gtk_container_add(GTK_CONTAINER(gtk_info_bar_get_content_area(GTK_INFO_BAR(s->problem))),
                      s->problem_label);
    gtk_widget_set_no_show_all(s->problem, TRUE);
    gtk_box_pack_start(GTK_BOX(content), s->problem, FALSE, FALSE, 0);

    GtkWidget *stack = gtk_stack_new();
    gtk_stack_add_titled(GTK_STACK(stack), machine_page(s), "machine", "Machine");
    s->disks = disks_page_new(s->work);
    gtk_stack_add_titled(GTK_STACK(stack), s->disks, "disks", "Disks");
    GtkWidget *switcher = gtk_stack_switcher_new();
    gtk_stack_switcher_set_stack(GTK_STACK_SWITCHER(switcher), GTK_STACK(stack));
    if (header) gtk_header_bar_set_custom_title(GTK_HEADER_BAR(header), switcher);
    gtk_box_pack_start(GTK_BOX(content), stack, TRUE, TRUE, 0);
    gtk_widget_show_all(stack);
    gtk_widget_show(switcher);

    g_signal_connect(s->dialog, "response", G_CALLBACK(response), s);
    show_problems(s);
    return s->dialog;
}

GtkWidget *clarus_settings_disks_page(GtkWidget *dialog)
{
    settings *s = g_object_get_data(G_OBJECT(dialog), "clarus-settings");
    g_return_val_if_fail(s != NULL, NULL);
    return s->disks;
}

void clarus_settings_dialog(GtkWindow *parent, machine_config *cfg, saved_fn saved, void *ud)
{
    GtkWidget *d = clarus_settings_dialog_new(parent, cfg, saved, ud);
    if (d) gtk_window_present(GTK_WINDOW(d));
}
