/* The Motorola 680x0 core: public interface.
 *
 * The same shape as every Clarus CPU core: create it on a bus (an mm_space)
 * and an optional scheduler, reset it, then run it for a cycle budget.
 * Interrupts arrive as a level on the IPL pins, driven by the machine's
 * interrupt logic; the core asks the machine for the vector through the
 * acknowledge callback. Nothing here is global: any number of cores can run
 * side by side in one process.
 *
 * Reference: Motorola M68000 Family Programmer's Reference Manual (M68000PM/AD)
 * and MC68000 8-/16-/32-Bit Microprocessors User's Manual (M68000UM/AD, 9th ed.).
 */
#ifndef CLARUS_M68K_H
#define CLARUS_M68K_H

#include <stdbool.h>
#include <stdint.h>

#include "memmap.h"
#include "scheduler.h"
#include "state.h"

typedef struct m68k_cpu m68k_cpu;

/* The model selects the decode table and the exception frame formats.
 * Only the 68000 is implemented so far; create() refuses the others. */
typedef enum {
    M68K_MODEL_68000,
    M68K_MODEL_68010,
    M68K_MODEL_68020,
    M68K_MODEL_68030,
    M68K_MODEL_68040,
} m68k_model;

/* What the interrupt acknowledge callback returns besides a vector number. */
#define M68K_IACK_AUTOVECTOR (-1) /* VPA asserted: vector 24 + level */
#define M68K_IACK_SPURIOUS   (-2) /* BERR during IACK: vector 24 */

typedef struct m68k_host {
    void *ctx;
    /* Interrupt acknowledge cycle for `level` (1..7). Returns a vector number
     * (0..255) or one of M68K_IACK_*. NULL means every interrupt autovectors. */
    int (*iack)(void *ctx, unsigned level);
    /* The RESET instruction asserted the RESET line: reset external devices. */
    void (*reset_out)(void *ctx);
} m68k_host;

typedef struct m68k_config {
    m68k_model model;
    uint64_t clock_hz; /* used to convert cycles to scheduler time; 0 = 7.8336 MHz */
} m68k_config;

/* Registers for debuggers, tests and save-state inspection. M68K_REG_PC is the
 * address of the next instruction to execute. M68K_REG_IR and M68K_REG_IRC are
 * the 68000's two-word prefetch queue: IR holds the opcode of the next
 * instruction, IRC the word after it; the fetch address is then PC + 4. */
typedef enum {
    M68K_REG_D0,
    M68K_REG_D1,
    M68K_REG_D2,
    M68K_REG_D3,
    M68K_REG_D4,
    M68K_REG_D5,
    M68K_REG_D6,
    M68K_REG_D7,
    M68K_REG_A0,
    M68K_REG_A1,
    M68K_REG_A2,
    M68K_REG_A3,
    M68K_REG_A4,
    M68K_REG_A5,
    M68K_REG_A6,
    M68K_REG_A7,
    M68K_REG_USP,
    M68K_REG_SSP,
    M68K_REG_SR,
    M68K_REG_PC,
    M68K_REG_IR,
    M68K_REG_IRC,
    M68K_REG_COUNT
} m68k_reg;

/* Returns NULL and sets *err (if given) to a static message on failure. */
m68k_cpu *m68k_create(const m68k_config *cfg, mm_space *bus, sched *s, const m68k_host *host,
                      const char **err);
void m68k_destroy(m68k_cpu *cpu);

/* Hardware reset: supervisor mode, interrupts masked, SSP and PC loaded from
 * vectors 0 and 1 and the prefetch queue filled (the reset's own 40 clocks
 * and bus cycles are counted in the next run). */
void m68k_reset(m68k_cpu *cpu);

/* Runs until at least `cycles` clocks have passed, the slice was ended, or
 * the CPU halted (double bus fault). Returns the clocks run. A stopped CPU
 * (STOP) with no interrupt pending consumes the whole budget at once. */
int64_t m68k_run(m68k_cpu *cpu, int64_t cycles);

/* Ends the current run() after the instruction in progress (callable from a
 * device callback during run(), or from another thread with care). */
void m68k_end_slice(m68k_cpu *cpu);

/* Clocks run so far in the current run() call. */
int64_t m68k_slice_cycles(const m68k_cpu *cpu);

/* Interrupt priority level on the IPL pins, 0 (none) to 7 (non-maskable,
 * taken on the 0->7 transition). */
void m68k_set_ipl(m68k_cpu *cpu, unsigned level);

uint32_t m68k_get_reg(const m68k_cpu *cpu, m68k_reg r);
void m68k_set_reg(m68k_cpu *cpu, m68k_reg r, uint32_t value);

/* The whole programmer-visible state, for tests, debuggers and save states.
 * pc, ir and irc follow M68K_REG_PC/IR/IRC. Setting it also clears the STOP
 * and halt conditions and any trace pending from a previous instruction. */
typedef struct m68k_state {
    uint32_t d[8], a[7];
    uint32_t usp, ssp;
    uint16_t sr;
    uint32_t pc;
    uint16_t ir, irc;
} m68k_state;

void m68k_get_state(const m68k_cpu *cpu, m68k_state *st);
void m68k_set_state(m68k_cpu *cpu, const m68k_state *st);

/* Jumps to pc as a debugger does: refills the prefetch queue from memory
 * without spending bus cycles. */
void m68k_set_pc(m68k_cpu *cpu, uint32_t pc);

/* STOP executed and no interrupt has ended it yet. */
bool m68k_is_stopped(const m68k_cpu *cpu);
/* Double bus fault: the CPU stopped until the next reset. */
bool m68k_is_halted(const m68k_cpu *cpu);

/* Total instructions executed since create (for benchmarks and the debugger). */
uint64_t m68k_instructions(const m68k_cpu *cpu);

/* Save state: the CPU's fields into the current chunk of a save-state
 * writer (the caller begins and ends the chunk, "cpu" by convention, with
 * M68K_STATE_VERSION), and back. Load refuses a newer version or a
 * truncated chunk and leaves the CPU unchanged then. */
#define M68K_STATE_VERSION 1
void m68k_save(const m68k_cpu *cpu, st_writer *w);
bool m68k_load(m68k_cpu *cpu, st_reader *r, uint16_t version);

/* Bus observer: called for every access that takes the slow path (MMIO,
 * unmapped), and for address-error attempts, with the access's function code
 * and the clock within the current instruction at which the access starts.
 * Tests map RAM as MMIO to see every access. */
typedef enum {
    M68K_BUS_READ,
    M68K_BUS_WRITE,
    M68K_BUS_READ_ADDRESS_ERROR,
    M68K_BUS_WRITE_ADDRESS_ERROR,
} m68k_bus_kind;

typedef struct m68k_bus_event {
    m68k_bus_kind kind;
    unsigned fc;   /* function code 0..7 */
    uint32_t addr; /* full 32-bit address as computed */
    uint16_t data; /* word on the data bus (a byte on D15-8 for an even address) */
    bool uds, lds; /* upper/lower data strobes */
    int64_t cycle; /* clocks since the start of the current run() */
} m68k_bus_event;

typedef void (*m68k_bus_observer)(void *ctx, const m68k_bus_event *ev);
void m68k_set_bus_observer(m68k_cpu *cpu, m68k_bus_observer fn, void *ctx);

#endif
