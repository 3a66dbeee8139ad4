/* The new-machine assistant (see assistant.h). Pages: Machine (name and
 * model), Firmware, Memory, Disks, then a summary whose Apply creates the
 * blank disk if one was asked for and saves the machine's file. A page
 * whose input is bad says why in its own info bar and keeps Next (or
 * Apply) off until it is put right. */
#include "assistant.h"

#include <string.h>

#include <glib/gstdio.h>

#include "machines/disk_create.h"
#include "machines/machine_prop.h"
#include "ui/common/machine_library.h"

enum { DISK_NONE, DISK_EXISTING, DISK_NEW };

typedef struct assistant {
    GtkWidget *win;
    char *dir;
    assistant_done_fn done;
    void *ud;
    bool finished;
    const machine_desc *desc;
    bool name_edited; /* the user typed a name: a model change leaves it */
    /* Machine */
    GtkWidget *page_machine, *name;
    GtkWidget **models; /* one radio button per machine_at(i) */
    /* Firmware */
    GtkWidget *page_fw, *fw_default, *fw_file, *fw_entry, *fw_browse, *fw_bar, *fw_label;
    /* Memory */
    GtkWidget *page_ram, *ram, *ram_help;
    /* Disks */
    GtkWidget *page_disk, *disk_radio[3], *disk_chooser, *disk_size, *disk_where, *disk_choose,
        *cd_chooser, *disk_bar, *disk_label;
    char *new_disk; /* where a blank disk goes */
    bool new_disk_chosen;
    /* Summary */
    GtkWidget *page_sum, *sum_label;
} assistant;

static GtkWidget *named(GtkWidget *w, const char *name)
{
    atk_object_set_name(gtk_widget_get_accessible(w), name);
    return w;
}

static GtkWidget *page_box(void)
{
    GtkWidget *b = gtk_box_new(GTK_ORIENTATION_VERTICAL, 12);
    gtk_container_set_border_width(GTK_CONTAINER(b), 18);
    return b;
}

static GtkWidget *dim_label(const char *text, int indent)
{
    GtkWidget *l = gtk_label_new(text);
    gtk_label_set_xalign(GTK_LABEL(l), 0);
    gtk_label_set_line_wrap(GTK_LABEL(l), TRUE);
    gtk_label_set_max_width_chars(GTK_LABEL(l), 60);
    gtk_widget_set_margin_start(l, indent);
    gtk_style_context_add_class(gtk_widget_get_style_context(l), "dim-label");
    return l;
}

/* An info bar inside a page, for what is wrong with its input. */
static GtkWidget *page_bar(GtkWidget **label, const char *name)
{
    GtkWidget *bar = gtk_info_bar_new();
    *label = gtk_label_new(NULL);
    gtk_label_set_line_wrap(GTK_LABEL(*label), TRUE);
    gtk_label_set_max_width_chars(GTK_LABEL(*label), 60);
    gtk_label_set_xalign(GTK_LABEL(*label), 0);
    gtk_label_set_selectable(GTK_LABEL(*label), TRUE);
    named(*label, name);
    gtk_container_add(GTK_CONTAINER(gtk_info_bar_get_content_area(GTK_INFO_BAR(bar))), *label);
    gtk_widget_set_no_show_all(bar, TRUE);
    return bar;
}

static void bar_show(GtkWidget *bar, GtkWidget *label, GtkMessageType type, const char *text)
{
    if (!text) {
        gtk_widget_hide(bar);
        return;
    }
    gtk_info_bar_set_message_type(GTK_INFO_BAR(bar), type);
    gtk_label_set_text(GTK_LABEL(label), text);
    gtk_widget_show(bar);
    gtk_widget_show(label);
}

static void set_complete(assistant *a, GtkWidget *page, bool ok)
{
    gtk_assistant_set_page_complete(GTK_ASSISTANT(a->win), page, ok);
}

static gchar *chooser_file(GtkWidget *chooser)
{
    return gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(chooser));
}

static gchar *name_text(assistant *a)
{
    return g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(a->name))));
}

/* ---- Machine ---- */

static void check_machine(assistant *a)
{
    gchar *name = name_text(a);
    set_complete(a, a->page_machine, *name != '\0');
    g_free(name);
}

static void on_name_changed(GtkEditable *e, gpointer data)
{
    (void)e;
    assistant *a = data;
    if (gtk_widget_has_focus(a->name)) a->name_edited = true;
    check_machine(a);
}

static void on_model_toggled(GtkToggleButton *b, gpointer data)
{
    assistant *a = data;
    if (!gtk_toggle_button_get_active(b)) return;
    a->desc = g_object_get_data(G_OBJECT(b), "clarus-desc");
    if (!a->name_edited) gtk_entry_set_text(GTK_ENTRY(a->name), a->desc->name);
    check_machine(a);
}

static void build_machine_page(assistant *a)
{
    GtkWidget *box = page_box();
    GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *label = gtk_label_new_with_mnemonic("Na_me");
    a->name = named(gtk_entry_new(), "Name");
    gtk_label_set_mnemonic_widget(GTK_LABEL(label), a->name);
    gtk_entry_set_activates_default(GTK_ENTRY(a->name), TRUE);
    gtk_box_pack_start(GTK_BOX(row), label, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(row), a->name, TRUE, TRUE, 0);
    gtk_box_pack_start(GTK_BOX(box), row, FALSE, FALSE, 0);
    GtkWidget *heading = gtk_label_new(NULL);
    gtk_label_set_markup(GTK_LABEL(heading), "<b>Model</b>");
    gtk_label_set_xalign(GTK_LABEL(heading), 0);
    gtk_box_pack_start(GTK_BOX(box), heading, FALSE, FALSE, 0);
    size_t n = machine_count();
    a->models = g_new0(GtkWidget *, n + 1);
    GSList *group = NULL;
    for (size_t i = 0; i < n; i++) {
        const machine_desc *d = machine_at(i);
        GtkWidget *r = gtk_radio_button_new_with_label(group, d->name);
        group = gtk_radio_button_get_group(GTK_RADIO_BUTTON(r));
        g_object_set_data(G_OBJECT(r), "clarus-desc", (gpointer)d);
        gtk_widget_set_tooltip_text(r, d->id);
        a->models[i] = r;
        gtk_box_pack_start(GTK_BOX(box), r, FALSE, FALSE, 0);
        GtkWidget *desc = dim_label(d->description, 24);
        atk_object_set_description(gtk_widget_get_accessible(r), d->description);
        gtk_box_pack_start(GTK_BOX(box), desc, FALSE, FALSE, 0);
        g_signal_connect(r, "toggled", G_CALLBACK(on_model_toggled), a);
    }
    g_signal_connect(a->name, "changed", G_CALLBACK(on_name_changed), a);
    a->page_machine = box;
    gtk_assistant_append_page(GTK_ASSISTANT(a->win), box);
    gtk_assistant_set_page_title(GTK_ASSISTANT(a->win), box, "Machine");
}

/* ---- Firmware ---- */

/* The firmware path as typed, pasted or browsed to; NULL when empty. A
 * leading ~ is the home folder, as in a shell. */
static gchar *fw_path(assistant *a)
{
    gchar *t = g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(a->fw_entry))));
    if (!*t) {
        g_free(t);
        return NULL;
    }
    if (t[0] == '~' && (t[1] == '/' || !t[1])) {
        gchar *home = g_build_filename(g_get_home_dir(), t + 1, NULL);
        g_free(t);
        t = home;
    }
    return t;
}

static void check_firmware(assistant *a)
{
    bool use_file = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(a->fw_file));
    gtk_widget_set_sensitive(a->fw_entry, use_file);
    gtk_widget_set_sensitive(a->fw_browse, use_file);
    const machine_prop *p = machine_prop_find(a->desc, "firmware");
    if (!p) {
        bar_show(a->fw_bar, a->fw_label, GTK_MESSAGE_INFO, "This model takes no firmware file.");
        set_complete(a, a->page_fw, true);
        return;
    }
    if (!use_file) {
        gchar *msg = NULL;
        if (p->def && *p->def && !g_file_test(p->def, G_FILE_TEST_IS_REGULAR))
            msg = g_strdup_printf("OpenBIOS is not installed (%s is missing): install the "
                                  "qemu-system-data package before starting the machine.",
                                  p->def);
        bar_show(a->fw_bar, a->fw_label, GTK_MESSAGE_WARNING, msg);
        set_complete(a, a->page_fw, true);
        g_free(msg);
        return;
    }
    gchar *path = fw_path(a);
    if (!path) {
        bar_show(a->fw_bar, a->fw_label, GTK_MESSAGE_INFO, "Choose the firmware or ROM file.");
        set_complete(a, a->page_fw, false);
        return;
    }
    char *verdict = NULL;
    bool ok = library_firmware_verdict(path, a->desc, &verdict);
    if (ok && strchr(path, ',')) {
        g_free(verdict);
        verdict =
            g_strdup_printf("%s: a firmware path may not contain a comma (rename the file)", path);
        ok = false;
    }
    bar_show(a->fw_bar, a->fw_label, ok ? GTK_MESSAGE_INFO : GTK_MESSAGE_ERROR, verdict);
    set_complete(a, a->page_fw, ok);
    g_free(verdict);
    g_free(path);
}

static void on_fw_changed(GtkWidget *w, gpointer data)
{
    (void)w;
    check_firmware(data);
}

static void on_fw_browse(GtkButton *b, gpointer data)
{
    (void)b;
    assistant *a = data;
    GtkWidget *dlg = gtk_file_chooser_dialog_new(
        "Firmware or ROM File", GTK_WINDOW(a->win), GTK_FILE_CHOOSER_ACTION_OPEN, "_Cancel",
        GTK_RESPONSE_CANCEL, "_Open", GTK_RESPONSE_ACCEPT, NULL);
    gchar *cur = fw_path(a);
    if (cur && g_file_test(cur, G_FILE_TEST_IS_REGULAR))
        gtk_file_chooser_set_filename(GTK_FILE_CHOOSER(dlg), cur);
    g_free(cur);
    if (gtk_dialog_run(GTK_DIALOG(dlg)) == GTK_RESPONSE_ACCEPT) {
        gchar *p = gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(dlg));
        /* "changed" runs the verdict. */
        if (p) gtk_entry_set_text(GTK_ENTRY(a->fw_entry), p);
        g_free(p);
    }
    gtk_widget_destroy(dlg);
}

static void build_firmware_page(assistant *a)
{
    GtkWidget *box = page_box();
    a->fw_default = named(gtk_radio_button_new_with_mnemonic(
                              NULL, "_OpenBIOS, the free Open Firmware (qemu-system-data)"),
                          "OpenBIOS");
    a->fw_file = named(gtk_radio_button_new_with_mnemonic_from_widget(
                           GTK_RADIO_BUTTON(a->fw_default), "A firmware or ROM _file"),
                       "Use a firmware file");
    /* A path entry (typed or pasted, as a path from a terminal often is)
     * with a Browse button for the file chooser. */
    a->fw_entry = named(gtk_entry_new(), "Firmware file");
    gtk_entry_set_placeholder_text(GTK_ENTRY(a->fw_entry), "Path of the firmware or ROM file");
    gtk_widget_set_hexpand(a->fw_entry, TRUE);
    a->fw_browse = named(gtk_button_new_with_mnemonic("_Browse…"), "Browse for a firmware file");
    GtkWidget *fw_row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_widget_set_margin_start(fw_row, 24);
    gtk_box_pack_start(GTK_BOX(fw_row), a->fw_entry, TRUE, TRUE, 0);
    gtk_box_pack_start(GTK_BOX(fw_row), a->fw_browse, FALSE, FALSE, 0);
    a->fw_bar = page_bar(&a->fw_label, "Firmware verdict");
    gtk_box_pack_start(GTK_BOX(box), a->fw_default, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), a->fw_file, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), fw_row, FALSE, FALSE, 0);
    gtk_box_pack_start(
        GTK_BOX(box),
        dim_label("A Mac ROM file is identified by its checksum; the Power Macs here boot Open "
                  "Firmware, so they take an ELF firmware image such as OpenBIOS.",
                  0),
        FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), a->fw_bar, FALSE, FALSE, 0);
    g_signal_connect(a->fw_file, "toggled", G_CALLBACK(on_fw_changed), a);
    g_signal_connect(a->fw_entry, "changed", G_CALLBACK(on_fw_changed), a);
    g_signal_connect(a->fw_browse, "clicked", G_CALLBACK(on_fw_browse), a);
    a->page_fw = box;
    gtk_assistant_append_page(GTK_ASSISTANT(a->win), box);
    gtk_assistant_set_page_title(GTK_ASSISTANT(a->win), box, "Firmware");
}

/* ---- Memory ---- */

static void prepare_ram(assistant *a)
{
    const machine_prop *p = machine_prop_find(a->desc, "ram");
    gtk_widget_set_sensitive(a->ram, p != NULL);
    if (!p) {
        gtk_label_set_text(GTK_LABEL(a->ram_help), "This model's memory is fixed.");
        set_complete(a, a->page_ram, true);
        return;
    }
    double now = gtk_spin_button_get_value(GTK_SPIN_BUTTON(a->ram));
    gtk_spin_button_set_range(GTK_SPIN_BUTTON(a->ram), p->min, p->max);
    /* A new model starts at its own default. */
    if (g_object_get_data(G_OBJECT(a->ram), "clarus-desc") != a->desc || now < p->min ||
        now > p->max)
        gtk_spin_button_set_value(GTK_SPIN_BUTTON(a->ram), g_ascii_strtod(p->def, NULL));
    g_object_set_data(G_OBJECT(a->ram), "clarus-desc", (gpointer)a->desc);
    gchar *help = g_strdup_printf("%s From %u to %u MB.", p->help ? p->help : "", p->min, p->max);
    gtk_label_set_text(GTK_LABEL(a->ram_help), help);
    g_free(help);
    set_complete(a, a->page_ram, true);
}

static void build_ram_page(assistant *a)
{
    GtkWidget *box = page_box();
    GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *label = gtk_label_new_with_mnemonic("_Memory (MB)");
    a->ram = named(gtk_spin_button_new_with_range(16, 2048, 16), "Memory (MB)");
    gtk_spin_button_set_numeric(GTK_SPIN_BUTTON(a->ram), TRUE);
    gtk_label_set_mnemonic_widget(GTK_LABEL(label), a->ram);
    gtk_box_pack_start(GTK_BOX(row), label, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(row), a->ram, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), row, FALSE, FALSE, 0);
    a->ram_help = dim_label("", 0);
    gtk_box_pack_start(GTK_BOX(box), a->ram_help, FALSE, FALSE, 0);
    a->page_ram = box;
    gtk_assistant_append_page(GTK_ASSISTANT(a->win), box);
    gtk_assistant_set_page_title(GTK_ASSISTANT(a->win), box, "Memory");
}

/* ---- Disks ---- */

/* ~/.local/share/clarus/disks/NAME.img, NAME-2.img, ... whichever is free. */
static gchar *default_disk_path(const char *name)
{
    gchar *dir = g_build_filename(g_get_user_data_dir(), "clarus", "disks", NULL);
    /* "My G4 (test)" -> my-g4-test */
    GString *slug = g_string_new(NULL);
    for (const char *c = name; *c; c++) {
        if (g_ascii_isalnum(*c))
            g_string_append_c(slug, g_ascii_tolower(*c));
        else if (slug->len && slug->str[slug->len - 1] != '-')
            g_string_append_c(slug, '-');
    }
    while (slug->len && slug->str[slug->len - 1] == '-') g_string_truncate(slug, slug->len - 1);
    gchar *stem = g_string_free(slug, slug->len == 0);
    if (!stem) stem = g_strdup("disk");
    gchar *path = NULL;
    for (unsigned n = 1; !path || g_file_test(path, G_FILE_TEST_EXISTS); n++) {
        g_free(path);
        gchar *file =
            n == 1 ? g_strdup_printf("%s.img", stem) : g_strdup_printf("%s-%u.img", stem, n);
        path = g_build_filename(dir, file, NULL);
        g_free(file);
    }
    g_free(stem);
    g_free(dir);
    return path;
}

static int disk_choice(assistant *a)
{
    for (int i = 0; i < 3; i++)
        if (gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(a->disk_radio[i]))) return i;
    return DISK_NONE;
}

/* What is wrong with the disk page's input, or NULL. */
static gchar *disk_problem(assistant *a)
{
    int choice = disk_choice(a);
    if (choice == DISK_EXISTING) {
        gchar *p = chooser_file(a->disk_chooser);
        gchar *msg = NULL;
        if (!p)
            msg = g_strdup("Choose the disk image.");
        else if (g_file_test(p, G_FILE_TEST_IS_DIR))
            msg = g_strdup_printf("%s is a folder, not a disk image", p);
        else if (strchr(p, ','))
            msg = g_strdup_printf("%s: a disk image path may not contain a comma", p);
        g_free(p);
        if (msg) return msg;
    } else if (choice == DISK_NEW) {
        GError *err = NULL;
        uint64_t bytes;
        if (!disk_size_parse(gtk_entry_get_text(GTK_ENTRY(a->disk_size)), &bytes, &err)) {
            gchar *msg = g_strdup_printf("Disk size: %s", err->message);
            g_error_free(err);
            return msg;
        }
        if (g_file_test(a->new_disk, G_FILE_TEST_EXISTS))
            return g_strdup_printf("%s already exists: a new disk never replaces a file",
                                   a->new_disk);
        if (strchr(a->new_disk, ','))
            return g_strdup_printf("%s: a disk image path may not contain a comma", a->new_disk);
    }
    gchar *cd = chooser_file(a->cd_chooser);
    gchar *msg = NULL;
    if (cd && g_file_test(cd, G_FILE_TEST_IS_DIR))
        msg = g_strdup_printf("%s is a folder, not a CD image", cd);
    else if (cd && strchr(cd, ','))
        msg = g_strdup_printf("%s: a CD image path may not contain a comma", cd);
    g_free(cd);
    return msg;
}

static void check_disks(assistant *a)
{
    int choice = disk_choice(a);
    gtk_widget_set_sensitive(a->disk_chooser, choice == DISK_EXISTING);
    gtk_widget_set_sensitive(a->disk_size, choice == DISK_NEW);
    gtk_widget_set_sensitive(a->disk_choose, choice == DISK_NEW);
    gchar *where = g_strdup_printf("at %s", a->new_disk);
    gtk_label_set_text(GTK_LABEL(a->disk_where), where);
    g_free(where);
    gchar *msg = disk_problem(a);
    bar_show(a->disk_bar, a->disk_label, GTK_MESSAGE_ERROR, msg);
    set_complete(a, a->page_disk, msg == NULL);
    g_free(msg);
}

static void on_disk_changed(GtkWidget *w, gpointer data)
{
    (void)w;
    check_disks(data);
}

static void prepare_disks(assistant *a)
{
    if (!a->new_disk_chosen) {
        gchar *name = name_text(a);
        g_free(a->new_disk);
        a->new_disk = default_disk_path(name);
        g_free(name);
    }
    check_disks(a);
}

static void on_choose_disk_path(GtkButton *b, gpointer data)
{
    (void)b;
    assistant *a = data;
    GtkWidget *dlg = gtk_file_chooser_dialog_new(
        "New Disk Image", GTK_WINDOW(a->win), GTK_FILE_CHOOSER_ACTION_SAVE, "_Cancel",
        GTK_RESPONSE_CANCEL, "_Select", GTK_RESPONSE_ACCEPT, NULL);
    gchar *dir = g_path_get_dirname(a->new_disk);
    gchar *base = g_path_get_basename(a->new_disk);
    if (g_file_test(dir, G_FILE_TEST_IS_DIR))
        gtk_file_chooser_set_current_folder(GTK_FILE_CHOOSER(dlg), dir);
    gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(dlg), base);
    g_free(dir);
    g_free(base);
    if (gtk_dialog_run(GTK_DIALOG(dlg)) == GTK_RESPONSE_ACCEPT) {
        gchar *p = gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(dlg));
        if (p) {
            g_free(a->new_disk);
            a->new_disk = p;
            a->new_disk_chosen = true;
        }
    }
    gtk_widget_destroy(dlg);
    check_disks(a);
}

static void on_no_cd(GtkButton *b, gpointer data)
{
    (void)b;
    assistant *a = data;
    gtk_file_chooser_unselect_all(GTK_FILE_CHOOSER(a->cd_chooser));
    check_disks(a);
}

static void build_disk_page(assistant *a)
{
    GtkWidget *box = page_box();
    a->disk_radio[DISK_NONE] =
        named(gtk_radio_button_new_with_mnemonic(NULL, "N_o hard disk"), "No hard disk");
    a->disk_radio[DISK_EXISTING] =
        named(gtk_radio_button_new_with_mnemonic_from_widget(
                  GTK_RADIO_BUTTON(a->disk_radio[DISK_NONE]), "Use an _existing disk image"),
              "Use an existing disk image");
    a->disk_chooser = named(gtk_file_chooser_button_new("Disk Image", GTK_FILE_CHOOSER_ACTION_OPEN),
                            "Disk image");
    gtk_widget_set_margin_start(a->disk_chooser, 24);
    a->disk_radio[DISK_NEW] =
        named(gtk_radio_button_new_with_mnemonic_from_widget(
                  GTK_RADIO_BUTTON(a->disk_radio[DISK_NONE]), "Create a blank disk _image"),
              "Create a blank disk image");
    GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_widget_set_margin_start(row, 24);
    GtkWidget *size_label = gtk_label_new_with_mnemonic("_Size");
    a->disk_size = named(gtk_entry_new(), "Disk size");
    gtk_entry_set_text(GTK_ENTRY(a->disk_size), "2G");
    gtk_entry_set_width_chars(GTK_ENTRY(a->disk_size), 8);
    gtk_widget_set_tooltip_text(a->disk_size, "Such as 500M, 2G or 1.5G (1 MiB to 2 TiB)");
    gtk_label_set_mnemonic_widget(GTK_LABEL(size_label), a->disk_size);
    a->disk_where = gtk_label_new(NULL);
    gtk_label_set_ellipsize(GTK_LABEL(a->disk_where), PANGO_ELLIPSIZE_START);
    gtk_label_set_xalign(GTK_LABEL(a->disk_where), 0);
    a->disk_choose = named(gtk_button_new_with_mnemonic("C_hange…"), "Change disk location");
    gtk_box_pack_start(GTK_BOX(row), size_label, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(row), a->disk_size, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(row), a->disk_where, TRUE, TRUE, 0);
    gtk_box_pack_start(GTK_BOX(row), a->disk_choose, FALSE, FALSE, 0);
    GtkWidget *cd_row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *cd_label = gtk_label_new_with_mnemonic("C_D image (optional)");
    a->cd_chooser =
        named(gtk_file_chooser_button_new("CD Image", GTK_FILE_CHOOSER_ACTION_OPEN), "CD image");
    GtkFileFilter *cds = gtk_file_filter_new();
    gtk_file_filter_set_name(cds, "CD images (.iso, .toast, .cdr)");
    gtk_file_filter_add_pattern(cds, "*.[iI][sS][oO]");
    gtk_file_filter_add_pattern(cds, "*.[tT][oO][aA][sS][tT]");
    gtk_file_filter_add_pattern(cds, "*.[cC][dD][rR]");
    gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(a->cd_chooser), cds);
    GtkFileFilter *all = gtk_file_filter_new();
    gtk_file_filter_set_name(all, "All files");
    gtk_file_filter_add_pattern(all, "*");
    gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(a->cd_chooser), all);
    gtk_label_set_mnemonic_widget(GTK_LABEL(cd_label), a->cd_chooser);
    GtkWidget *no_cd = named(gtk_button_new_with_label("No CD"), "No CD");
    gtk_box_pack_start(GTK_BOX(cd_row), cd_label, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(cd_row), a->cd_chooser, TRUE, TRUE, 0);
    gtk_box_pack_start(GTK_BOX(cd_row), no_cd, FALSE, FALSE, 0);
    a->disk_bar = page_bar(&a->disk_label, "Disk problem");

    gtk_box_pack_start(GTK_BOX(box), a->disk_radio[DISK_NONE], FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), a->disk_radio[DISK_EXISTING], FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), a->disk_chooser, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), a->disk_radio[DISK_NEW], FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), row, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), cd_row, FALSE, FALSE, 6);
    gtk_box_pack_start(GTK_BOX(box), a->disk_bar, FALSE, FALSE, 0);
    for (int i = 0; i < 3; i++)
        g_signal_connect(a->disk_radio[i], "toggled", G_CALLBACK(on_disk_changed), a);
    g_signal_connect(a->disk_chooser, "file-set", G_CALLBACK(on_disk_changed), a);
    g_signal_connect(a->cd_chooser, "file-set", G_CALLBACK(on_disk_changed), a);
    g_signal_connect(a->disk_size, "changed", G_CALLBACK(on_disk_changed), a);
    g_signal_connect(a->disk_choose, "clicked", G_CALLBACK(on_choose_disk_path), a);
    g_signal_connect(no_cd, "clicked", G_CALLBACK(on_no_cd), a);
    a->page_disk = box;
    gtk_assistant_append_page(GTK_ASSISTANT(a->win), box);
    gtk_assistant_set_page_title(GTK_ASSISTANT(a->win), box, "Disks");
}

/* ---- Summary and Apply ---- */

static void prepare_summary(assistant *a)
{
    GString *s = g_string_new(NULL);
    gchar *name = name_text(a);
    g_string_append_printf(s, "Name: %s\nModel: %s\n", name, a->desc->name);
    gchar *fw = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(a->fw_file)) ? fw_path(a) : NULL;
    g_string_append_printf(s, "Firmware: %s\n", fw ? fw : "OpenBIOS");
    if (machine_prop_find(a->desc, "ram"))
        g_string_append_printf(s, "Memory: %d MB\n",
                               gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(a->ram)));
    gchar *disk = disk_choice(a) == DISK_EXISTING ? chooser_file(a->disk_chooser) : NULL;
    if (disk_choice(a) == DISK_NEW)
        g_string_append_printf(s, "Hard disk: a new blank image of %s at %s\n",
                               gtk_entry_get_text(GTK_ENTRY(a->disk_size)), a->new_disk);
    else
        g_string_append_printf(s, "Hard disk: %s\n", disk ? disk : "none");
    gchar *cd = chooser_file(a->cd_chooser);
    g_string_append_printf(s, "CD: %s\n\nApply adds the machine to the library.", cd ? cd : "none");
    gtk_label_set_text(GTK_LABEL(a->sum_label), s->str);
    g_string_free(s, TRUE);
    g_free(name);
    g_free(fw);
    g_free(disk);
    g_free(cd);
    set_complete(a, a->page_sum, true);
}

/* Builds and saves the machine; NULL with a message when something fails
 * (a disk created on the way is removed again, nothing is half made). */
static machine_config *create_machine(assistant *a, GError **err)
{
    machine_config *cfg = machine_config_new(a->desc);
    gchar *name = name_text(a);
    gchar *fw = NULL, *disk = NULL, *cd = NULL, *path = NULL;
    bool made_disk = false, ok = machine_config_set_name(cfg, name, err);
    if (ok && machine_prop_find(a->desc, "ram")) {
        gchar *ram =
            g_strdup_printf("%d", gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(a->ram)));
        ok = machine_config_set(cfg, "ram", ram, err);
        g_free(ram);
    }
    if (ok && gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(a->fw_file))) {
        fw = fw_path(a);
        ok = fw && machine_config_set(cfg, "firmware", fw, err);
    }
    if (ok && disk_choice(a) == DISK_EXISTING) {
        disk = chooser_file(a->disk_chooser);
        ok = disk && machine_config_add_disk(cfg, disk, false, err);
    } else if (ok && disk_choice(a) == DISK_NEW) {
        uint64_t bytes = 0;
        gchar *dir = g_path_get_dirname(a->new_disk);
        g_mkdir_with_parents(dir, 0755);
        g_free(dir);
        ok = disk_size_parse(gtk_entry_get_text(GTK_ENTRY(a->disk_size)), &bytes, err) &&
             disk_create(a->new_disk, bytes, err);
        made_disk = ok;
        ok = ok && machine_config_add_disk(cfg, a->new_disk, false, err);
    }
    cd = chooser_file(a->cd_chooser);
    if (ok && cd) ok = machine_config_set_cdrom(cfg, cd, err);
    if (ok) {
        path = machine_config_new_path(a->dir, name);
        ok = machine_config_save(cfg, path, err);
    }
    if (!ok && made_disk) g_unlink(a->new_disk);
    if (!ok) {
        if (err && !*err)
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "a file was not chosen");
        machine_config_free(cfg);
        cfg = NULL;
    }
    g_free(name);
    g_free(fw);
    g_free(disk);
    g_free(cd);
    g_free(path);
    return cfg;
}

static void on_apply(GtkAssistant *w, gpointer data)
{
    (void)w;
    assistant *a = data;
    if (a->finished) return;
    a->finished = true;
    GError *err = NULL;
    machine_config *cfg = create_machine(a, &err);
    a->done(cfg, cfg ? NULL : err->message, a->ud);
    g_clear_error(&err);
}

static void on_prepare(GtkAssistant *w, GtkWidget *page, gpointer data)
{
    (void)w;
    assistant *a = data;
    if (page == a->page_fw)
        check_firmware(a);
    else if (page == a->page_ram)
        prepare_ram(a);
    else if (page == a->page_disk)
        prepare_disks(a);
    else if (page == a->page_sum)
        prepare_summary(a);
}

static void on_close(GtkAssistant *w, gpointer data)
{
    (void)data;
    gtk_widget_destroy(GTK_WIDGET(w));
}

static void on_destroy(GtkWidget *w, gpointer data)
{
    (void)w;
    assistant *a = data;
    g_free(a->models);
    g_free(a->new_disk);
    g_free(a->dir);
    g_free(a);
}

void assistant_open(GtkWindow *parent, const char *dir, assistant_done_fn done, void *ud)
{
    assistant *a = g_new0(assistant, 1);
    a->dir = g_strdup(dir);
    a->done = done;
    a->ud = ud;
    a->desc = machine_default();
    a->win = g_object_new(GTK_TYPE_ASSISTANT, "use-header-bar", TRUE, NULL);
    named(a->win, "New Machine");
    gtk_window_set_title(GTK_WINDOW(a->win), "New Machine");
    gtk_window_set_transient_for(GTK_WINDOW(a->win), parent);
    gtk_window_set_modal(GTK_WINDOW(a->win), TRUE);
    gtk_window_set_default_size(GTK_WINDOW(a->win), 560, 460);
    build_machine_page(a);
    build_firmware_page(a);
    build_ram_page(a);
    build_disk_page(a);
    a->page_sum = page_box();
    a->sum_label = named(gtk_label_new(NULL), "Summary");
    gtk_label_set_xalign(GTK_LABEL(a->sum_label), 0);
    gtk_label_set_line_wrap(GTK_LABEL(a->sum_label), TRUE);
    gtk_box_pack_start(GTK_BOX(a->page_sum), a->sum_label, FALSE, FALSE, 0);
    gtk_assistant_append_page(GTK_ASSISTANT(a->win), a->page_sum);
    gtk_assistant_set_page_type(GTK_ASSISTANT(a->win), a->page_sum, GTK_ASSISTANT_PAGE_CONFIRM);
    gtk_assistant_set_page_title(GTK_ASSISTANT(a->win), a->page_sum, "Summary");
    /* The default model first, its name as the machine's until one is typed. */
    gtk_entry_set_text(GTK_ENTRY(a->name), a->desc->name);
    for (size_t i = 0; a->models[i]; i++)
        if (g_object_get_data(G_OBJECT(a->models[i]), "clarus-desc") == a->desc)
            gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(a->models[i]), TRUE);
    a->new_disk = default_disk_path(a->desc->name);
    check_machine(a);
    g_signal_connect(a->win, "prepare", G_CALLBACK(on_prepare), a);
    g_signal_connect(a->win, "apply", G_CALLBACK(on_apply), a);
    g_signal_connect(a->win, "cancel", G_CALLBACK(on_close), a);
    g_signal_connect(a->win, "close", G_CALLBACK(on_close), a);
    g_signal_connect(a->win, "destroy", G_CALLBACK(on_destroy), a);
    gtk_widget_show_all(a->win);
    gtk_widget_grab_focus(a->name);
}
