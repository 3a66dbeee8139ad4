/* Heathrow / Grand Central interrupt controller ("PMAC-PIC"), old-world
 * Power Macs (g3beige).
 *
 * 64 sources in two banks of 32, each bank a set of four little-endian
 * 32-bit registers: events (+0x0), enable (+0x4), ack (+0x8, write 1s to
 * clear events), level (+0xc, the input wires). Sources 32-63 are at
 * mac-io +0x10, sources 0-31 at mac-io +0x20. The window below is mapped
 * at mac-io +0x00 and is 0x40 bytes long; it also holds the feature
 * control (+0x38) and auxiliary control (+0x3c) words, which are kept as
 * plain storage.
 */
#ifndef CLARUS_HEATHROW_PIC_H
#define CLARUS_HEATHROW_PIC_H

#include "core/device.h"

typedef struct heathrow_pic heathrow_pic;

#define HEATHROW_PIC_WINDOW_SIZE 0x40u
#define HEATHROW_PIC_NSOURCES    64u

/* Returns NULL on a bad argument. */
heathrow_pic *heathrow_pic_create(const device_env *env, const char *id);
/* A wire into source n (0..63); true = the device requests service. */
irq_line heathrow_pic_input(heathrow_pic *p, unsigned n);
/* The CPU's external interrupt pin. */
void heathrow_pic_connect_cpu(heathrow_pic *p, irq_line int_out);
const device_mmio *heathrow_pic_mmio(heathrow_pic *p); /* mac-io +0x00, 0x40 bytes */
device *heathrow_pic_device(heathrow_pic *p);

#endif
