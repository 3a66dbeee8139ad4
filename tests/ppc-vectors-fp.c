/* The DingusPPC floating-point CSV: arrives with the FPU. */
#include <stdio.h>

#include "ppc-vectors.h"

int pv_run_fp_csv(char *text, const pv_options *o, ppc_harness *h, pv_counts *n,
                  const char *path, char *err, size_t errn)
{
    (void)text;
    (void)o;
    (void)h;
    (void)n;
    snprintf(err, errn, "%s: floating-point vectors are not supported yet", path);
    return -1;
}
