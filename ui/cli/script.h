/* --script FILE: automation for CI, one command a line. */
#ifndef CLARUS_CLI_SCRIPT_H
#define CLARUS_CLI_SCRIPT_H

#include <glib.h>

#include "machines/session.h"

typedef struct clarus_script clarus_script;

/* Reads and checks the whole script; NULL with a message naming the file
 * and line on an error. */
clarus_script *clarus_script_load(const char *path, GError **err);
void clarus_script_free(clarus_script *sc);

/* Runs it on the machine. Returns the exit status: 0 when the script
 * completes (or the guest powers off at a power-off line), 3 when a
 * wait-serial line times out, 1 on any other failure; the failing line and
 * the last serial output are printed on stderr. */
int clarus_script_run(clarus_script *sc, clarus_session *s);

#endif
