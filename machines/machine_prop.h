/* The rules a value of a machine's typed property (machine_desc.props)
 * must follow, shared by every place a setting comes in: the session's
 * `--machine NAME,KEY=VALUE`, the machine library's .ini files and the GTK
 * settings editor. */
#ifndef CLARUS_MACHINE_PROP_H
#define CLARUS_MACHINE_PROP_H

#include <stdbool.h>

#include <glib.h>

#include "machine.h"

/* The property `key` of machine d, or NULL. */
const machine_prop *machine_prop_find(const machine_desc *d, const char *key);

/* True when `value` is a valid value of d's property `key`. Otherwise false
 * with a CLARUS_ERROR_BAD_CONFIG message saying why, without the KEY=VALUE
 * itself (callers say where it came from):
 *   'bogus' is not a setting of mac99 (its settings: cpu, ram, ...)
 *   cpu takes one of: 7400, 750
 *   ram takes a number from 16 to 2048 ('lots' is not a number)
 *   ram takes a number from 16 to 2048 (4096 is out of range)
 *   firmware is empty
 * value NULL (a KEY without =VALUE) is refused too. */
bool machine_prop_check(const machine_desc *d, const char *key, const char *value, GError **err);

#endif
