/* The display window's settings, kept in g_get_user_config_dir()/clarus/
 * clarus.ini:
 *
 *   [display]
 *   integer-scaling=false   (true: whole multiples only; false: fit the window)
 *   alt-is-command=false    (true: the host's Alt keys are Command, Super is Option)
 */
#ifndef CLARUS_GTK_PREFS_H
#define CLARUS_GTK_PREFS_H

#include <stdbool.h>

typedef struct display_prefs {
    bool integer_scaling;
    bool alt_is_command;
    /* false when the file exists but could not be read: it is then never
     * written over, so a hand-edited file is not lost. */
    bool writable;
} display_prefs;

/* Defaults for what the file does not say; a file that cannot be read is
 * reported on stderr. */
void display_prefs_load(display_prefs *p);
/* Writes them back, keeping the file's other groups and keys; a failure is
 * reported on stderr. */
void display_prefs_save(const display_prefs *p);

#endif
