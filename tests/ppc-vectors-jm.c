/* Valgrind none/tests/ppc32 outputs: not read yet. */
#include <stdio.h>

#include "ppc-vectors.h"

int pv_run_jm(char *text, const char *name, const pv_options *o, ppc_harness *h, pv_counts *n,
              const char *path, char *err, size_t errn)
{
    (void)text;
    (void)name;
    (void)o;
    (void)h;
    (void)n;
    snprintf(err, errn, "%s: this format is not supported yet", path);
    return -1;
}
