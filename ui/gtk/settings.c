/* PLACEHOLDER (branch gtk-library): replace this whole file with the
 * gtk-settings branch's settings.c when merging. It only says that the
 * settings editor is not in this build, and never changes cfg. */
#include "settings.h"

void clarus_settings_dialog(GtkWindow *parent, machine_config *cfg,
                            void (*saved)(machine_config *cfg, void *ud), void *ud)
{
    (void)saved;
    (void)ud;
    GtkWidget *dlg = gtk_message_dialog_new(
        parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_INFO,
        GTK_BUTTONS_CLOSE, "Settings of “%s” are not available", machine_config_name(cfg));
    gtk_message_dialog_format_secondary_text(
        GTK_MESSAGE_DIALOG(dlg), "This build has no settings editor yet. The machine's file is %s.",
        machine_config_path(cfg) ? machine_config_path(cfg) : "not saved yet");
    g_signal_connect(dlg, "response", G_CALLBACK(gtk_widget_destroy), NULL);
    gtk_widget_show(dlg);
}
