/* The session API: what every front end (the headless CLI, GTK, tests) uses
 * to build and drive a machine. Front ends never reach into devices. */
#ifndef CLARUS_SESSION_H
#define CLARUS_SESSION_H

#include <glib.h>

#include "machine.h"

typedef struct clarus_session clarus_session;

typedef struct clarus_config {
    const char *machine; /* machine id; NULL = the default machine */
} clarus_config;

const char *clarus_version(void);

/* Builds the machine. Fails with a message naming the problem (unknown
 * machine, no machine available, ...). */
clarus_session *clarus_session_new(const clarus_config *cfg, GError **err);
void clarus_session_free(clarus_session *s);
const machine_desc *clarus_session_machine(const clarus_session *s);

#define CLARUS_ERROR (clarus_error_quark())
GQuark clarus_error_quark(void);
typedef enum {
    CLARUS_ERROR_UNKNOWN_MACHINE,
    CLARUS_ERROR_NO_MACHINE,
    CLARUS_ERROR_BAD_CONFIG,
} clarus_error_code;

#endif
