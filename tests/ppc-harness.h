/* A PowerPC test harness: one CPU with 1 MiB of RAM at address 0 and
 * translation off, that executes single instructions. Shared by the vector
 * runners and unit tests. */
#ifndef CLARUS_TESTS_PPC_HARNESS_H
#define CLARUS_TESTS_PPC_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "ppc/ppc.h"

#define PH_RAM_SIZE (1u << 20)
#define PH_CODE     0x00080000u /* where single instructions are placed */

typedef struct ppc_harness {
    ppc_cpu *cpu;
    mm_space *bus;
    uint8_t *ram;
} ppc_harness;

ppc_harness *ph_new(ppc_model model);
void ph_free(ppc_harness *h);
/* Puts every register in a known state: GPRs, FPRs, CR, XER, FPSCR, LR,
 * CTR zero; MSR = FP (supervisor, translation off); PC = PH_CODE. */
void ph_clear(ppc_harness *h);
/* Executes `insn` at PH_CODE. Returns false if it took an exception (the
 * PC is then at the vector, SRR0/SRR1 describe it). */
bool ph_exec(ppc_harness *h, uint32_t insn);

#endif
