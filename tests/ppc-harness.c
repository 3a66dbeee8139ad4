#include "ppc-harness.h"

#include <stdlib.h>

#include "bits.h"

ppc_harness *ph_new(ppc_model model)
{
    ppc_harness *h = calloc(1, sizeof(*h));
    h->ram = calloc(1, PH_RAM_SIZE);
    h->bus = mm_create(32);
    mm_add_ram(h->bus, "ram", 0, PH_RAM_SIZE, h->ram);
    mm_commit(h->bus);
    ppc_config cfg = {.model = model};
    const char *err = NULL;
    h->cpu = ppc_create(&cfg, h->bus, NULL, NULL, &err);
    if (!h->cpu) abort();
    ph_clear(h);
    return h;
}

void ph_free(ppc_harness *h)
{
    ppc_destroy(h->cpu);
    mm_destroy(h->bus);
    free(h->ram);
    free(h);
}

void ph_clear(ppc_harness *h)
{
    for (unsigned i = 0; i < 32; i++) {
        ppc_set_gpr(h->cpu, i, 0);
        ppc_set_fpr(h->cpu, i, 0);
    }
    ppc_set_cr(h->cpu, 0);
    ppc_set_xer(h->cpu, 0);
    ppc_set_fpscr(h->cpu, 0);
    ppc_set_spr(h->cpu, 8, 0);
    ppc_set_spr(h->cpu, 9, 0);
    ppc_set_spr(h->cpu, 0, 0);   /* MQ, where the model has it (601) */
    ppc_set_msr(h->cpu, 0x2000); /* MSR[FP] */
    ppc_set_pc(h->cpu, PH_CODE);
}

bool ph_exec(ppc_harness *h, uint32_t insn)
{
    store_be32(h->ram + PH_CODE, insn);
    mm_notify_write(h->bus, PH_CODE, 4); /* the core may hold the old instruction decoded */
    ppc_set_pc(h->cpu, PH_CODE);
    /* No exception ever stores an odd address in SRR0. */
    ppc_set_spr(h->cpu, 26, 1);
    ppc_run(h->cpu, 1);
    uint32_t srr0 = 0;
    ppc_get_spr(h->cpu, 26, &srr0);
    return srr0 == 1;
}
