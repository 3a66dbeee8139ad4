/* The serial console window; see serial_console.h. */
#define G_LOG_DOMAIN "clarus"

#include "serial_console.h"

#include "config.h"

#ifdef HAVE_VTE

#include <vte/vte.h>

struct serial_console {
    GtkWidget *window, *term;
    serial_input_fn input;
    void *data;
    char *dump_path; /* CLARUS_SERIAL_CONSOLE_DUMP */
    guint dump_id;
};

bool serial_console_available(void)
{
    return true;
}

static void on_commit(VteTerminal *t, gchar *text, guint size, gpointer data)
{
    (void)t;
    serial_console *sc = data;
    if (sc->input && size) sc->input(text, size, sc->data);
}

/* The window only hides when closed: the run's output stays in it. */
static gboolean on_delete(GtkWidget *w, GdkEvent *ev, gpointer data)
{
    (void)ev;
    (void)data;
    gtk_widget_hide(w);
    return TRUE;
}

static gboolean dump_now(gpointer data)
{
    serial_console *sc = data;
    sc->dump_id = 0;
    GFile *f = g_file_new_for_path(sc->dump_path);
    GError *err = NULL;
    /* g_file_replace writes beside and renames: a reader never sees half. */
    GFileOutputStream *out =
        g_file_replace(f, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &err);
    if (out) {
        vte_terminal_write_contents_sync(VTE_TERMINAL(sc->term), G_OUTPUT_STREAM(out),
                                         VTE_WRITE_DEFAULT, NULL, &err);
        g_output_stream_close(G_OUTPUT_STREAM(out), NULL, err ? NULL : &err);
        g_object_unref(out);
    }
    if (err) {
        g_warning("CLARUS_SERIAL_CONSOLE_DUMP: %s", err->message);
        g_error_free(err);
    }
    g_object_unref(f);
    return G_SOURCE_REMOVE;
}

/* VTE parses what it is fed a little later: dump once it has settled. */
static void on_contents_changed(VteTerminal *t, gpointer data)
{
    (void)t;
    serial_console *sc = data;
    if (sc->dump_path && !sc->dump_id) sc->dump_id = g_timeout_add(100, dump_now, sc);
}

serial_console *serial_console_new(const char *title, serial_input_fn input, void *data)
{
    serial_console *sc = g_new0(serial_console, 1);
    sc->input = input;
    sc->data = data;
    const char *dump = g_getenv("CLARUS_SERIAL_CONSOLE_DUMP");
    if (dump && *dump) sc->dump_path = g_strdup(dump);

    sc->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
    g_object_ref_sink(sc->window);
    gchar *t = g_strdup_printf("Serial Console — %s", title);
    gtk_window_set_title(GTK_WINDOW(sc->window), t);
    GtkWidget *hb = gtk_header_bar_new();
    gtk_header_bar_set_show_close_button(GTK_HEADER_BAR(hb), TRUE);
    gtk_header_bar_set_title(GTK_HEADER_BAR(hb), "Serial Console");
    gtk_header_bar_set_subtitle(GTK_HEADER_BAR(hb), title);
    gtk_window_set_titlebar(GTK_WINDOW(sc->window), hb);
    gtk_widget_show(hb);
    g_free(t);

    sc->term = vte_terminal_new();
    VteTerminal *vt = VTE_TERMINAL(sc->term);
    /* 80x24, the size a serial terminal is assumed to be. */
    vte_terminal_set_size(vt, 80, 24);
    vte_terminal_set_scrollback_lines(vt, 10000);
    vte_terminal_set_scroll_on_output(vt, TRUE);
    vte_terminal_set_scroll_on_keystroke(vt, TRUE);
    vte_terminal_set_cursor_blink_mode(vt, VTE_CURSOR_BLINK_OFF);
    AtkObject *acc = gtk_widget_get_accessible(sc->term);
    if (acc) atk_object_set_name(acc, "Serial console");
    gtk_widget_set_tooltip_text(sc->term, "The guest's serial port: what you type goes to it");
    g_signal_connect(sc->term, "commit", G_CALLBACK(on_commit), sc);
    g_signal_connect(sc->term, "contents-changed", G_CALLBACK(on_contents_changed), sc);

    /* A scrollbar beside the terminal rather than a scrolled window, so the
     * window opens at the terminal's 80x24 (as GNOME Terminal does). */
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 0);
    GtkAdjustment *adj = gtk_scrollable_get_vadjustment(GTK_SCROLLABLE(sc->term));
    gtk_box_pack_start(GTK_BOX(box), sc->term, TRUE, TRUE, 0);
    gtk_box_pack_start(GTK_BOX(box), gtk_scrollbar_new(GTK_ORIENTATION_VERTICAL, adj), FALSE, FALSE,
                       0);
    gtk_container_add(GTK_CONTAINER(sc->window), box);
    g_signal_connect(sc->window, "delete-event", G_CALLBACK(on_delete), sc);
    gtk_widget_show_all(gtk_bin_get_child(GTK_BIN(sc->window)));
    return sc;
}

void serial_console_free(serial_console *sc)
{
    if (!sc) return;
    if (sc->dump_id) {
        g_source_remove(sc->dump_id);
        dump_now(sc);
    }
    g_signal_handlers_disconnect_by_data(sc->term, sc);
    gtk_widget_destroy(sc->window);
    g_object_unref(sc->window);
    g_free(sc->dump_path);
    g_free(sc);
}

void serial_console_feed(serial_console *sc, const uint8_t *buf, size_t n)
{
    if (sc && n) vte_terminal_feed(VTE_TERMINAL(sc->term), (const char *)buf, (gssize)n);
}

void serial_console_present(serial_console *sc)
{
    if (!sc) return;
    gtk_window_present(GTK_WINDOW(sc->window));
    gtk_widget_grab_focus(sc->term);
}

void serial_console_set_input_enabled(serial_console *sc, bool on)
{
    if (sc) vte_terminal_set_input_enabled(VTE_TERMINAL(sc->term), on);
}

#else /* no VTE */

bool serial_console_available(void)
{
    return false;
}

serial_console *serial_console_new(const char *title, serial_input_fn input, void *data)
{
    (void)title;
    (void)input;
    (void)data;
    return NULL;
}

void serial_console_free(serial_console *sc)
{
    (void)sc;
}

void serial_console_feed(serial_console *sc, const uint8_t *buf, size_t n)
{
    (void)sc;
    (void)buf;
    (void)n;
}

void serial_console_present(serial_console *sc)
{
    (void)sc;
}

void serial_console_set_input_enabled(serial_console *sc, bool on)
{
    (void)sc;
    (void)on;
}

#endif
