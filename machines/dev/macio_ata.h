/* The mac-io ATA channel ("macio-ide"): Heathrow ATA-1 at mac-io +0x20000,
 * KeyLargo ATA-3/ATA-4 at +0x1f000/+0x20000/+0x21000, each a 0x1000 window.
 *
 * Followed: ANSI ATA/ATAPI-6 (T13/1410D) for the task file, the protocols
 * (PIO data-in/out, non-data, DMA), IDENTIFY DEVICE words, SRST and the
 * device signatures; Linux drivers/ata/pata_macio.c and OpenBIOS
 * drivers/ide.c (macio_ide_*) for the register spacing and what the
 * firmware probes.
 *
 * Register window (register n at offset n << 4; offset bits 3-0 ignored):
 *   +0x000 data, 16-bit little-endian (a 4-byte access moves two words)
 *   +0x010 error / features        +0x020 sector count
 *   +0x030 LBA low (sector)        +0x040 LBA mid (cylinder low)
 *   +0x050 LBA high (cylinder high) +0x060 device/head
 *   +0x070 status / command
 *   +0x080 and +0x160 alternate status / device control (OpenBIOS uses
 *          register 8, Linux register 0x16)
 *   +0x200..+0x230 timing configuration words (read back as written)
 *   +0x300 KeyLargo interrupt register: bit 30 (LE) mirrors INTRQ
 *
 * With no drive attached every task-file register reads 0 (a channel with
 * no devices: the firmware's 0x55/0xaa probe fails at once and it moves
 * on). Interrupts: INTRQ is the channel's level-sensitive output, gated by
 * nIEN in device control; reading Status (not Alternate Status) or
 * writing a command clears the pending interrupt.
 *
 * DMA goes through a DBDMA channel (macio_ata_attach_dma): READ/WRITE DMA
 * load or store the whole transfer in a buffer, then the DBDMA client hook
 * moves bytes between it and guest memory as descriptors ask.
 *
 * ATAPI CD-ROM drives (macio_ata_attach_cdrom): ANSI ATA/ATAPI-6 PACKET
 * command feature set (PACKET, IDENTIFY PACKET DEVICE, DEVICE RESET, the
 * 14h/EBh signature, the interrupt reason in the sector count register,
 * the byte count in LBA mid/high); the data phase of a packet goes by PIO
 * in DRQ blocks no larger than the host's byte count limit, or by DMA
 * through the DBDMA channel when the host sets Features bit 0. The MMC
 * command set the drive answers is in atapi_cd.h. A packet device shows
 * status 00h (DRDY clear) after a reset until its first command, and
 * aborts IDENTIFY DEVICE leaving its signature in the task file, which is
 * how OpenBIOS (ob_ide_device_type_check) and Linux tell it from a disk.
 */
#ifndef CLARUS_MACIO_ATA_H
#define CLARUS_MACIO_ATA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/device.h"
#include "atapi_cd.h" /* atapi_media_ops: a CD image, 2048-byte sectors */
#include "dbdma.h"

#define MACIO_ATA_WINDOW_SIZE 0x1000

/* A disk backend: 512-byte sectors. read/write return false on a host
 * error (reported to the guest as a media error / abort). */
typedef struct ata_disk_ops {
    void *ctx;
    uint64_t sectors;
    bool readonly;
    bool (*read)(void *ctx, uint64_t lba, uint32_t count, uint8_t *buf);
    bool (*write)(void *ctx, uint64_t lba, uint32_t count, const uint8_t *buf);
} ata_disk_ops;

typedef enum { ATA_UNIT_NONE, ATA_UNIT_DISK, ATA_UNIT_ATAPI } ata_unit_kind;

typedef struct macio_ata macio_ata;

macio_ata *macio_ata_create(const device_env *env, const char *id);
const device_mmio *macio_ata_mmio(macio_ata *a); /* 0x1000 */
void macio_ata_connect_irq(macio_ata *a, irq_line out);
/* The DBDMA channel this ATA channel's DMA request is wired to. */
void macio_ata_attach_dma(macio_ata *a, dbdma *d, unsigned channel);
/* unit 0 (master) or 1 (slave); ops is copied. False on a bad unit, a
 * unit already in use, or a disk without sectors or callbacks. */
bool macio_ata_attach_disk(macio_ata *a, unsigned unit, const ata_disk_ops *ops);
/* An ATAPI CD-ROM drive as unit 0 or 1; media (copied) NULL = an empty
 * drive. False on a bad unit, a unit in use, or media without sectors or
 * a read callback. */
bool macio_ata_attach_cdrom(macio_ata *a, unsigned unit, const atapi_media_ops *media);
/* Changes the disc in a CD-ROM drive (NULL = eject): the next command
 * gets UNIT ATTENTION 06/28/00 and GET EVENT STATUS NOTIFICATION reports
 * the new medium or its removal. Ignored (with a warning) for a unit that
 * is not a CD-ROM drive or media without sectors. */
void macio_ata_change_media(macio_ata *a, unsigned unit, const atapi_media_ops *media);
device *macio_ata_device(macio_ata *a);

#endif
