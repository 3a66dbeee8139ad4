/* The machine registry: every machine Clarus can build, from a const table.
 * Machine families add their descriptor to machines/machine.c. */
#ifndef CLARUS_MACHINE_H
#define CLARUS_MACHINE_H

#include <stddef.h>

typedef struct machine_desc {
    const char *id;          /* command-line name: "mac99" */
    const char *name;        /* "Power Mac G4 (AGP graphics)" */
    const char *description; /* one line for --list-machines and the GTK library */
} machine_desc;

size_t machine_count(void);
const machine_desc *machine_at(size_t i);
const machine_desc *machine_find(const char *id);
/* The machine `clarus --headless` runs when none is named, or NULL. */
const machine_desc *machine_default(void);

#endif
