/* Apple Uni-North (mac99 / KeyLargo machines): the PCI host bridges and
 * the memory controller's register window.
 *
 * Uni-North presents three PCI host bridges, each with a "conf-idx"
 * (address) and "conf-data" register pair of 0x1000 bytes:
 *   AGP      conf-idx 0xf0800000, conf-data 0xf0c00000, bridge 106b:0020 at slot 11
 *   PCI      conf-idx 0xf2800000, conf-data 0xf2c00000, bridge 106b:001f at slot 11
 *            (mac-io, the USB controller, the display...)
 *   internal conf-idx 0xf4800000, conf-data 0xf4c00000, bridge 106b:001e at slot 14
 * Each bridge also answers configuration cycles on its own bus as a host
 * bridge function (class 0x060000). The "unin" window at 0xf8000000 holds
 * the memory controller's registers (version at +0).
 */
#ifndef CLARUS_UNINORTH_H
#define CLARUS_UNINORTH_H

#include "core/device.h"
#include "machines/pci.h"

#define UNINORTH_PCI_VENDOR_APPLE 0x106b
#define UNINORTH_DEVICE_INTERNAL  0x001e
#define UNINORTH_DEVICE_PCI       0x001f
#define UNINORTH_DEVICE_AGP       0x0020
#define UNINORTH_VERSION_10A      0x7 /* the "unin" version register */
#define UNINORTH_CONF_WINDOW      0x1000
#define UNINORTH_REGS_WINDOW      0x1000

typedef enum { UNINORTH_PCI, UNINORTH_AGP, UNINORTH_INTERNAL } uninorth_kind;

typedef struct uninorth_host uninorth_host;
typedef struct unin_regs unin_regs;

/* The main PCI bridge (106b:001f at slot 11, the mac-io bus). Attaches its
 * own host-bridge function to `bus`; NULL if that slot is taken. */
uninorth_host *uninorth_host_create(const device_env *env, const char *id, pci_bus *bus);
/* Any of the three bridges, with QEMU's IDs and slots listed above. */
uninorth_host *uninorth_host_create_kind(const device_env *env, const char *id, pci_bus *bus,
                                         uninorth_kind kind);
/* A bridge with its own function's device ID and devfn given explicitly. */
uninorth_host *uninorth_host_create_custom(const device_env *env, const char *id, pci_bus *bus,
                                           uint16_t bridge_device_id, uint8_t bridge_devfn);
device *uninorth_host_device(uninorth_host *h);
pci_device *uninorth_host_bridge(uninorth_host *h);           /* its own function */
const device_mmio *uninorth_conf_idx_mmio(uninorth_host *h);  /* 0x1000 */
const device_mmio *uninorth_conf_data_mmio(uninorth_host *h); /* 0x1000 */

unin_regs *unin_regs_create(const device_env *env, const char *id);
device *unin_regs_device(unin_regs *u);
const device_mmio *unin_regs_mmio(unin_regs *u); /* 0x1000 */

#endif
