/* Temporary: floating point arrives with core/ppc/ppc_fpu.c. */
#include "ppc_internal.h"

void ppc_ops_fp_init(ppc_handler *t, const ppc_model_info *info)
{
    (void)t;
    (void)info;
}
