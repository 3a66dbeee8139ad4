/* The 32-bit PowerPC core: public interface.
 *
 * Same shape as every Clarus CPU core (see core/m68k/m68k.h): create it on
 * a physical bus (an mm_space covering 4 GiB) and an optional scheduler,
 * reset it, run it for a cycle budget. Interrupts arrive as levels on pins
 * driven by the machine's interrupt controller. Nothing is global.
 *
 * References: IBM/Motorola "PowerPC Microprocessor Family: The Programming
 * Environments for 32-Bit Microprocessors" (MPCFPE32B), and the user's
 * manuals of the PowerPC 601 (MPC601UM), 603e (MPC603EUM), 604e
 * (MPC604EUM), 750 (MPC750UM) and 7400 (MPC7400UM).
 */
#ifndef CLARUS_PPC_H
#define CLARUS_PPC_H

#include <stdbool.h>
#include <stdint.h>

#include "memmap.h"
#include "scheduler.h"
#include "state.h"

typedef struct ppc_cpu ppc_cpu;

typedef enum {
    PPC_MODEL_601,
    PPC_MODEL_603E,
    PPC_MODEL_604E,
    PPC_MODEL_750,
    PPC_MODEL_7400,
} ppc_model;

/* Looks a model up by name ("601", "603e", "604e", "750", "g3", "7400",
 * "g4"); false if unknown. */
bool ppc_model_from_name(const char *name, ppc_model *out);
const char *ppc_model_name(ppc_model m);

typedef enum {
    PPC_PIN_INT,    /* external interrupt (level) */
    PPC_PIN_MCP,    /* machine check (edge) */
    PPC_PIN_SRESET, /* soft reset (edge) */
    PPC_PIN_HRESET, /* hard reset (edge) */
} ppc_pin;

typedef struct ppc_host {
    void *ctx;
    /* When set, `sc` calls this instead of taking the system call
     * exception: user-mode emulation (clarus-user) implements the OS here.
     * The handler reads and writes registers through the accessors below. */
    void (*syscall)(void *ctx, ppc_cpu *cpu);
    /* When set, an exception that user-mode emulation cannot take (a DSI,
     * ISI, program, alignment or FP exception) is reported here instead of
     * vectoring; the handler normally stops the program. vector is the
     * exception offset (0x300 for DSI, ...), srr1 the exception-specific
     * SRR1 bits the exception would have set (for a program exception:
     * 0x00100000 FP enabled, 0x00080000 illegal, 0x00040000 privileged,
     * 0x00020000 trap). The PC is the faulting instruction; DAR/DSISR are
     * set for a DSI or alignment exception. */
    void (*user_fault)(void *ctx, ppc_cpu *cpu, uint32_t vector, uint32_t srr1);
} ppc_host;

typedef struct ppc_config {
    ppc_model model;
    uint32_t pvr;        /* 0: the model's usual PVR */
    uint64_t core_hz;    /* 0: a typical clock for the model */
    uint32_t tb_divisor; /* core clocks per time base tick; 0: 8 */
    bool no_jit;         /* interpret only, even in a build with the JIT */
    unsigned jit_hot;    /* JIT: runs of a block head before it is compiled; 0: 16 */
} ppc_config;

/* Returns NULL and sets *err (if given) to a static message on failure. */
ppc_cpu *ppc_create(const ppc_config *cfg, mm_space *bus, sched *s, const ppc_host *host,
                    const char **err);
void ppc_destroy(ppc_cpu *cpu);

/* Hard reset: MSR[IP] set, execution at 0xFFF00100. */
void ppc_reset(ppc_cpu *cpu);

/* Runs for at least `cycles` core clocks, or until the slice is ended or
 * the CPU sleeps (MSR[POW] with nothing pending consumes the budget at
 * once). Returns the clocks run. */
int64_t ppc_run(ppc_cpu *cpu, int64_t cycles);
void ppc_end_slice(ppc_cpu *cpu);
/* Lets `cycles` clocks pass without running instructions, as if the CPU
 * had spent them in the loop it is in (the machine found it polling a
 * device register that cannot change before the next event). Time base
 * and decrementer advance; an interrupt that arrives ends the skip and the
 * CPU runs on. Returns the clocks that passed. */
int64_t ppc_run_idle(ppc_cpu *cpu, int64_t cycles);
int64_t ppc_slice_cycles(const ppc_cpu *cpu);

void ppc_set_pin(ppc_cpu *cpu, ppc_pin pin, bool asserted);

/* Registers. SPRs are addressed by their architectural number (LR = 8,
 * CTR = 9, XER = 1, SRR0 = 26, ...); ppc_get_spr returns false for an SPR
 * the model lacks. */
uint32_t ppc_get_gpr(const ppc_cpu *cpu, unsigned n);
void ppc_set_gpr(ppc_cpu *cpu, unsigned n, uint32_t v);
uint64_t ppc_get_fpr(const ppc_cpu *cpu, unsigned n); /* IEEE double bits */
void ppc_set_fpr(ppc_cpu *cpu, unsigned n, uint64_t v);
uint32_t ppc_get_cr(const ppc_cpu *cpu);
void ppc_set_cr(ppc_cpu *cpu, uint32_t v);
uint32_t ppc_get_xer(const ppc_cpu *cpu);
void ppc_set_xer(ppc_cpu *cpu, uint32_t v);
uint32_t ppc_get_fpscr(const ppc_cpu *cpu);
void ppc_set_fpscr(ppc_cpu *cpu, uint32_t v);
uint32_t ppc_get_msr(const ppc_cpu *cpu);
void ppc_set_msr(ppc_cpu *cpu, uint32_t v);
uint32_t ppc_get_pc(const ppc_cpu *cpu);
void ppc_set_pc(ppc_cpu *cpu, uint32_t v);
uint32_t ppc_get_sr(const ppc_cpu *cpu, unsigned n);
void ppc_set_sr(ppc_cpu *cpu, unsigned n, uint32_t v);
bool ppc_get_spr(const ppc_cpu *cpu, unsigned spr, uint32_t *out);
bool ppc_set_spr(ppc_cpu *cpu, unsigned spr, uint32_t v);
uint64_t ppc_get_timebase(const ppc_cpu *cpu);
/* AltiVec (7400): vector registers as 16 bytes in memory order (byte 0 is
 * element 0, the most significant), and the VSCR (NJ 0x00010000, SAT 1).
 * VRSAVE is SPR 256. On other models these read zero and writes are
 * ignored. */
void ppc_get_vr(const ppc_cpu *cpu, unsigned n, uint8_t out[16]);
void ppc_set_vr(ppc_cpu *cpu, unsigned n, const uint8_t in[16]);
uint32_t ppc_get_vscr(const ppc_cpu *cpu);
void ppc_set_vscr(ppc_cpu *cpu, uint32_t v);

uint64_t ppc_instructions(const ppc_cpu *cpu);
/* Blocks the JIT has compiled (0 in a build without it, or with no_jit). */
uint64_t ppc_jit_blocks_compiled(const ppc_cpu *cpu);
ppc_model ppc_get_model(const ppc_cpu *cpu);

/* Reads/writes guest memory through the CPU's current data translation,
 * for debuggers and user-mode emulation; false if an address is not
 * mapped. */
bool ppc_read_virt(ppc_cpu *cpu, uint32_t ea, void *buf, uint32_t len);
bool ppc_write_virt(ppc_cpu *cpu, uint32_t ea, const void *buf, uint32_t len);

/* Version 2 adds the AltiVec state; a version 1 state loads with the
 * vector registers zero and the VSCR at its reset value. */
#define PPC_STATE_VERSION 2
void ppc_save(const ppc_cpu *cpu, st_writer *w);
bool ppc_load(ppc_cpu *cpu, st_reader *r, uint16_t version);

#endif
