/* The POWER instructions the 601 keeps (MPC601UM chapter 10). */
#include "ppc_internal.h"

void ppc_ops_power_init(ppc_handler *t, const ppc_model_info *info)
{
    (void)t;
    (void)info;
}
