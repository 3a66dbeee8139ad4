/* The packet-command engine of an ATAPI CD-ROM drive: the SCSI/MMC
 * commands a CD-ROM answers, independent of the ATA transport that
 * carries the 12-byte packets (macio_ata.c runs the PACKET protocol and
 * moves the data by PIO or DMA).
 *
 * Followed: T10 SPC-3 (INQUIRY, REQUEST SENSE fixed format, MODE SENSE /
 * MODE SELECT headers, TEST UNIT READY, unit attention rules), T10 MMC-3
 * (READ(10)/(12), READ CAPACITY, READ TOC/PMA/ATIP formats 0-2, GET
 * CONFIGURATION with the CD-ROM profile, GET EVENT STATUS NOTIFICATION,
 * READ DISC INFORMATION, MECHANISM STATUS, READ SUB-CHANNEL, START STOP
 * UNIT, PREVENT ALLOW MEDIUM REMOVAL, SET CD SPEED, mode pages 01h, 0Dh,
 * 0Eh and 2Ah) and SFF-8020i for what the ATAPI generation of drives
 * reports.
 *
 * The disc is one data track (track 1, mode 1, 2048-byte sectors)
 * starting at LBA 0, in one complete session: what an ISO 9660 image is.
 */
#ifndef CLARUS_ATAPI_CD_H
#define CLARUS_ATAPI_CD_H

#include <stdbool.h>
#include <stdint.h>

#include "core/state.h"

#define ATAPI_CD_SECTOR 2048u

/* A CD-ROM medium: `sectors` 2048-byte sectors; read returns false on a
 * host error (reported to the guest as an unrecovered read error). The
 * struct is copied; ctx must outlive the drive or the next media change. */
typedef struct atapi_media_ops {
    void *ctx;
    uint64_t sectors; /* 2048-byte */
    bool (*read)(void *ctx, uint64_t lba, uint32_t count, uint8_t *buf);
} atapi_media_ops;

/* Sense keys (SPC-3 4.5.6). */
#define ATAPI_SENSE_NONE            0x0
#define ATAPI_SENSE_NOT_READY       0x2
#define ATAPI_SENSE_MEDIUM_ERROR    0x3
#define ATAPI_SENSE_ILLEGAL_REQUEST 0x5
#define ATAPI_SENSE_UNIT_ATTENTION  0x6

typedef struct atapi_cd {
    atapi_media_ops media;
    bool has_media;      /* a disc is loaded */
    bool tray_open;      /* opened by START STOP UNIT (LoEj) */
    bool prevent;        /* PREVENT ALLOW MEDIUM REMOVAL */
    bool unit_attention; /* 06/28/00 pending (medium may have changed) */
    uint8_t event;       /* pending media event (GET EVENT STATUS NOTIFICATION), 0 = none */
    uint8_t sense_key, asc, ascq;
    uint16_t speed; /* SET CD SPEED, kB/s (reported back in page 2Ah) */
} atapi_cd;

/* What a packet asks of the transport. Data-in comes first from the `len`
 * bytes the engine left in the buffer, then (for reads of the medium)
 * from `sectors` sectors starting at `lba`, which the transport fetches
 * with atapi_cd_read() in chunks as its buffer empties. */
typedef struct atapi_request {
    bool check;    /* CHECK CONDITION: the sense is set, no data phase */
    bool data_out; /* the host sends `len` bytes, then atapi_cd_data_out() */
    uint32_t len;
    uint64_t lba;
    uint32_t sectors;
} atapi_request;

/* Power-on state; media NULL = an empty drive. No unit attention: the
 * disc was there when the machine started. */
void atapi_cd_init(atapi_cd *cd, const atapi_media_ops *media);
/* The host changes the disc (NULL = remove it): unit attention 06/28/00
 * for the next command and a media event for GET EVENT STATUS. */
void atapi_cd_change_media(atapi_cd *cd, const atapi_media_ops *media);
bool atapi_cd_ready(const atapi_cd *cd);
/* Runs a 12-byte packet. buf receives data-in (bufsize >= 64 KiB). */
void atapi_cd_packet(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, uint32_t bufsize,
                     atapi_request *rq);
/* Reads n sectors of a READ's stream; false: medium error, sense set. */
bool atapi_cd_read(atapi_cd *cd, uint64_t lba, uint32_t n, uint8_t *buf);
/* The parameter data of a data-out command (MODE SELECT) has arrived. */
void atapi_cd_data_out(atapi_cd *cd, const uint8_t *cdb, const uint8_t *buf, uint32_t len);
/* Sets the sense for a CHECK CONDITION the transport reports itself. */
void atapi_cd_set_sense(atapi_cd *cd, uint8_t key, uint8_t asc, uint8_t ascq);

/* Save states: the drive's fields, not the medium (wiring). A state saved
 * with a disc loaded restored onto a drive without one (or the reverse)
 * reports a unit attention, as a swapped disc would. */
void atapi_cd_save(const atapi_cd *cd, st_writer *w);
void atapi_cd_load(atapi_cd *cd, st_reader *r);

#endif
