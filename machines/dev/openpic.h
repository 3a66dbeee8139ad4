/* OpenPIC interrupt controller, as Apple built it into KeyLargo ("MPIC").
 *
 * Follows the "OpenPIC Register Interface Specification Revision 1.2"
 * (AMD/Cyrix, 1995): feature reporting, global configuration, vendor ID,
 * processor init, four IPIs, spurious vector, four global timers, one
 * vector/priority + destination register pair per source, and the per-CPU
 * task priority / interrupt acknowledge / end-of-interrupt registers.
 *
 * One processor (CPU 0) is modelled. Registers are 32-bit little-endian;
 * the window is 0x40000 bytes (KeyLargo maps it at mac-io +0x40000):
 *   0x01000 global registers, 0x01100 + 0x40*n timer n,
 *   0x10000 + 0x20*n source n, 0x20000 CPU 0 (0x80 task priority,
 *   0xa0 IACK, 0xb0 EOI).
 */
#ifndef CLARUS_OPENPIC_H
#define CLARUS_OPENPIC_H

#include <stdint.h>

#include "core/device.h"

typedef struct openpic openpic;

#define OPENPIC_WINDOW_SIZE 0x40000u
#define OPENPIC_MAX_SOURCES 256u

/* nsources: external interrupt sources (KeyLargo: 64), 1..256.
 * timer_hz: the rate the global timers count at (0: they never count).
 * Returns NULL on a bad argument. */
openpic *openpic_create(const device_env *env, const char *id, unsigned nsources,
                        uint64_t timer_hz);
/* A wire into source n (< nsources). The level is the source's logical
 * assertion: true = requesting. */
irq_line openpic_input(openpic *p, unsigned n);
/* The CPU's external interrupt pin (INT), driven high while an interrupt
 * is deliverable. */
void openpic_connect_cpu(openpic *p, irq_line int_out);
const device_mmio *openpic_mmio(openpic *p); /* OPENPIC_WINDOW_SIZE bytes */
device *openpic_device(openpic *p);

#endif
