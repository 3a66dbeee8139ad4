/* Motorola MPC106 "Grackle" PCI bridge / memory controller (g3beige).
 *
 * Configuration uses PCI mechanism #1 (MPC106 User's Manual, chapter 4.4,
 * address map B): CONFIG_ADDR at 0xfec00000 and CONFIG_DATA at 0xfee00000,
 * each a 0x1000-byte window here (the chip decodes larger ranges; the
 * register repeats every 4 bytes of the window). Both are little-endian.
 * The MPC106 itself is function 00:00.0 (1057:0002, class 0x060000).
 */
#ifndef CLARUS_GRACKLE_H
#define CLARUS_GRACKLE_H

#include "core/device.h"
#include "machines/pci.h"

#define GRACKLE_VENDOR_MOTOROLA 0x1057
#define GRACKLE_DEVICE_MPC106   0x0002
#define GRACKLE_WINDOW          0x1000

typedef struct grackle grackle;

/* Attaches the MPC106's own function at devfn 0 of `bus`; NULL if taken. */
grackle *grackle_create(const device_env *env, const char *id, pci_bus *bus);
device *grackle_device(grackle *g);
pci_device *grackle_bridge(grackle *g);           /* its own function */
const device_mmio *grackle_addr_mmio(grackle *g); /* CONFIG_ADDR, 0x1000 */
const device_mmio *grackle_data_mmio(grackle *g); /* CONFIG_DATA, 0x1000 */

#endif
