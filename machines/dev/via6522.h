/* Rockwell R6522 / Synertek SY6522 Versatile Interface Adapter.
 *
 * One model serves every VIA in the Macs: VIA1 and VIA2 of the 68k
 * machines, and the VIA cell in the mac-io chips that talks to the CUDA,
 * Egret or PMU microcontroller. What sits on the pins is the owner's
 * business, reached through hooks: port reads and writes, bytes the shift
 * register sent, and inputs driven on CA1/CA2/CB1/CB2.
 *
 * The 16 registers are at offset (n << reg_shift): the Macs decode them
 * 0x200 apart (reg_shift 9), so the window is 16 << reg_shift bytes. Every
 * register is 8 bits wide; a wider access reads the register in the
 * lowest-addressed byte lane and 0xff in the others, and writes that lane.
 *
 * Timers count phi2 cycles (`clock_hz`: 783.36 kHz, i.e. 4.7 MHz / 6, in
 * the Macs) and are computed from the scheduler's time when read; one
 * scheduler event stands for the next timer or shift-register interrupt.
 */
#ifndef CLARUS_VIA6522_H
#define CLARUS_VIA6522_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"

typedef struct via6522 via6522;

/* Register numbers (R6522 datasheet, "Register Select" table). */
enum {
    VIA_ORB = 0,    /* output/input register B */
    VIA_ORA = 1,    /* output/input register A, with handshake */
    VIA_DDRB = 2,   /* data direction B (1 = output) */
    VIA_DDRA = 3,   /* data direction A */
    VIA_T1CL = 4,   /* T1 counter low (read clears the T1 flag) / latch low */
    VIA_T1CH = 5,   /* T1 counter high (write starts T1) */
    VIA_T1LL = 6,   /* T1 latch low */
    VIA_T1LH = 7,   /* T1 latch high */
    VIA_T2CL = 8,   /* T2 counter low (read clears the T2 flag) / latch low */
    VIA_T2CH = 9,   /* T2 counter high (write starts T2) */
    VIA_SR = 10,    /* shift register */
    VIA_ACR = 11,   /* auxiliary control */
    VIA_PCR = 12,   /* peripheral control */
    VIA_IFR = 13,   /* interrupt flags */
    VIA_IER = 14,   /* interrupt enable */
    VIA_ORA_NH = 15 /* register A without handshake */
};

/* IFR / IER bits. */
enum {
    VIA_INT_CA2 = 0x01,
    VIA_INT_CA1 = 0x02,
    VIA_INT_SR = 0x04,
    VIA_INT_CB2 = 0x08,
    VIA_INT_CB1 = 0x10,
    VIA_INT_T2 = 0x20,
    VIA_INT_T1 = 0x40,
    VIA_INT_ANY = 0x80 /* IFR: some enabled flag is set; IER write: set (1) or clear (0) */
};

/* ACR fields. */
enum {
    VIA_ACR_PA_LATCH = 0x01,
    VIA_ACR_PB_LATCH = 0x02,
    VIA_ACR_SR_MASK = 0x1c,
    VIA_ACR_SR_OUT = 0x10,
    VIA_ACR_SR_EXT = 0x0c, /* with SR_OUT clear: shift in under CB1 */
    VIA_ACR_T2_PULSES = 0x20,
    VIA_ACR_T1_FREERUN = 0x40,
    VIA_ACR_T1_PB7 = 0x80
};

typedef struct via6522_hooks {
    void *ctx;
    /* The pin levels of port A (0) or B (1); bits whose DDR bit is set
     * read the output register instead. NULL: inputs float high. */
    uint8_t (*port_in)(void *ctx, int port);
    /* The output register or the DDR changed: value is the output
     * register, ddr the direction (bits with ddr 0 are not driven). */
    void (*port_out)(void *ctx, int port, uint8_t value, uint8_t ddr);
    /* A byte was shifted out under the VIA's own clock (phi2 or T2). */
    void (*sr_out)(void *ctx, uint8_t byte);
    /* The guest read the shift register. */
    void (*sr_read)(void *ctx);
    /* Optional: CA2 (line 0) or CB2 (line 1) is programmed as an output
     * and its level changed. */
    void (*ctrl_out)(void *ctx, int line, bool level);
} via6522_hooks;

/* hooks may be NULL; they are copied. */
via6522 *via6522_create(const device_env *env, const char *id, uint64_t clock_hz,
                        unsigned reg_shift, const via6522_hooks *hooks);
const device_mmio *via6522_mmio(via6522 *v); /* size 16 << reg_shift */
void via6522_connect_irq(via6522 *v, irq_line out);
device *via6522_device(via6522 *v);

/* Inputs on the control lines. The active edge (PCR) sets the flag. */
void via6522_set_ca1(via6522 *v, bool level);
void via6522_set_ca2(via6522 *v, bool level);
void via6522_set_cb1(via6522 *v, bool level);
void via6522_set_cb2(via6522 *v, bool level);

/* Shift register under an external clock (CB1 driven by the device at the
 * other end, ACR shift modes 011 and 111):
 *   via6522_sr_in     the device clocked a whole byte in: SR = byte, SR flag set;
 *   via6522_sr_set    the device's clocks have placed byte in SR, flag not yet set;
 *   via6522_sr_get    the byte in SR (what eight clocks shift out on CB2);
 *   via6522_sr_done   the eighth clock edge: sets the SR flag. */
void via6522_sr_in(via6522 *v, uint8_t byte);
void via6522_sr_set(via6522 *v, uint8_t byte);
uint8_t via6522_sr_get(const via6522 *v);
void via6522_sr_done(via6522 *v);

/* Register access without the window (offset = register number); reads
 * have their side effects. */
uint8_t via6522_read(via6522 *v, unsigned reg);
void via6522_write(via6522 *v, unsigned reg, uint8_t value);

/* State of the registers, without side effects (debugger, owner devices). */
uint8_t via6522_peek(via6522 *v, unsigned reg);
/* The IRQ output's level. */
bool via6522_irq_level(const via6522 *v);

#endif
