/* A configured machine of the library the GTK front end keeps: one
 * GKeyFile .ini per machine under machine_config_dir():
 *
 *   [machine]
 *   id=mac99
 *   name=My G4
 *   screenshot=/home/me/.cache/clarus/my-g4.png
 *   cpu=7400
 *   ram=256
 *   ...                 (every key of the machine's property table)
 *   [disks]
 *   hd0=/path/a.img
 *   hd0-readonly=false
 *   cd0=/path/b.iso
 *
 * Property values follow the machine's typed table by the same rules as
 * the session's `--machine NAME,KEY=VALUE` (machine_prop_check), except
 * that a property whose default is empty (mac99's nvram: none) may be
 * empty. Groups and keys this version does not know are kept through a
 * load and a save, so a newer Clarus's settings survive a round trip. */
#ifndef CLARUS_MACHINE_CONFIG_H
#define CLARUS_MACHINE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "machine.h"
#include "session.h"

typedef struct machine_config machine_config;

/* A configuration of machine d with the table's defaults, no disks, no
 * CD, no screenshot, named after the model (d->name). */
machine_config *machine_config_new(const machine_desc *d);
/* The default machine (machine_default()) named "Power Mac G4"; NULL when
 * this build has no machine. */
machine_config *machine_config_default(void);
/* Reads a machine file. Refuses a file that is not a key file, one without
 * [machine] id or with an unknown id, a bad value (not one of the choices,
 * out of range, not a number, empty) or a bad [disks] entry, with a
 * CLARUS_ERROR message naming the file, the group, the key and why. The
 * file is only read. */
machine_config *machine_config_load(const char *path, GError **err);
/* Writes cfg to path atomically (g_file_set_contents: a crash leaves the
 * old file or the new one), creating missing parent folders (0700). */
bool machine_config_save(machine_config *cfg, const char *path, GError **err);
void machine_config_free(machine_config *cfg);

const machine_desc *machine_config_desc(const machine_config *cfg);
/* The file it was last loaded from or saved to, or NULL. */
const char *machine_config_path(const machine_config *cfg);

const char *machine_config_name(const machine_config *cfg);
/* Refuses an empty name. */
bool machine_config_set_name(machine_config *cfg, const char *name, GError **err);

/* The value of property `key` (a key of the machine's table), or NULL
 * when the machine has no such property. */
const char *machine_config_get(const machine_config *cfg, const char *key);
/* Sets property `key`; a bad value or an unknown key is refused with a
 * message and the old value stays. */
bool machine_config_set(machine_config *cfg, const char *key, const char *value, GError **err);

/* Hard disk images, in the order the machine attaches them. */
size_t machine_config_disk_count(const machine_config *cfg);
/* Disk i's path (NULL past the end); *readonly when readonly is not NULL. */
const char *machine_config_disk(const machine_config *cfg, size_t i, bool *readonly);
/* Appends a disk; refuses an empty path and one with a comma (the
 * session's FILE[,readonly] syntax cannot carry it). */
bool machine_config_add_disk(machine_config *cfg, const char *path, bool readonly, GError **err);
void machine_config_set_disk_readonly(machine_config *cfg, size_t i, bool readonly);
void machine_config_remove_disk(machine_config *cfg, size_t i);

/* The CD image in the CD-ROM drive (cd0), or NULL when it is empty. */
const char *machine_config_cdrom(const machine_config *cfg);
/* path NULL empties the drive; an empty path is refused. */
bool machine_config_set_cdrom(machine_config *cfg, const char *path, GError **err);

/* The screenshot thumbnail the library shows, or NULL. */
const char *machine_config_screenshot(const machine_config *cfg);
void machine_config_set_screenshot(machine_config *cfg, const char *path);

/* Fills the machine's part of a session config: machine, props (KEY=VALUE
 * for each setting that differs from the table's default and is not
 * empty, so unset ones keep the session's own defaults: serial stays stdio
 * when headless, a missing OpenBIOS gets its install hint), disks
 * ("FILE" or "FILE,readonly") and cdrom. Other fields of out (headless,
 * kernel, snapshot, ...) are left as the caller set them. The strings stay
 * valid until the next machine_config_to_session on cfg or its free. */
void machine_config_to_session(machine_config *cfg, clarus_config *out);

/* g_get_user_config_dir()/clarus/machines (g_free it). */
gchar *machine_config_dir(void);
/* The .ini files in dir, full paths, sorted (g_strfreev it); an empty
 * list when dir does not exist, NULL with a message when it cannot be
 * read. */
gchar **machine_config_list(const char *dir, GError **err);
/* A path in dir for a new machine named `name` that no file has yet:
 * dir/my-g4.ini, dir/my-g4-2.ini, ... (g_free it). */
gchar *machine_config_new_path(const char *dir, const char *name);

#endif
