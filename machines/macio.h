/* The mac-io ASICs of the PCI Power Macs: Heathrow (Beige G3) and
 * KeyLargo (G4). Each is one PCI function whose BAR0 (512 KiB) holds the
 * registers of the chips inside it at fixed offsets: the interrupt
 * controller, DBDMA, ESCC, CUDA, ATA, NVRAM. When the firmware moves the
 * BAR every child moves with it.
 *
 * Offsets inside the window follow Apple's device trees for these
 * machines (the "reg" properties of mac-io's children) and Linux's
 * arch/powerpc/platforms/powermac. The ASIC's own feature control
 * registers (FCR, at 0x38 on Heathrow, 0x38..0x4f on KeyLargo) read back
 * what was written: they gate clocks and power of the cells, which these
 * models always keep running.
 */
#ifndef CLARUS_MACIO_H
#define CLARUS_MACIO_H

#include "core/device.h"
#include "pci.h"

typedef enum { MACIO_HEATHROW, MACIO_KEYLARGO } macio_kind;

typedef struct macio macio;

macio *macio_create(const device_env *env, const char *id, macio_kind kind);
pci_device *macio_pci(macio *m);
device *macio_device(macio *m);
/* Places a child's register window at `offset` in BAR0. Windows added
 * first take precedence where two overlap. */
bool macio_map(macio *m, const char *name, uint32_t offset, const device_mmio *w);

#endif
