/* ATAPI CD-ROM packet commands (see atapi_cd.h for the documents followed).
 *
 * Status is GOOD or CHECK CONDITION; the sense of the last CHECK CONDITION
 * stays latched until REQUEST SENSE reads it (SPC-3 fixed format sense,
 * no autosense over ATAPI). Unit attention (SPC-3 5.9.1 / MMC-3 4.x): a
 * pending 06/28/00 fails the next command except INQUIRY, REQUEST SENSE,
 * GET CONFIGURATION and GET EVENT STATUS NOTIFICATION, which run; REQUEST
 * SENSE reports and clears it.
 */
#include "atapi_cd.h"

#include <string.h>

#include "core/bits.h"

/* Additional sense codes used (SPC-3 annex D). */
#define ASC_INVALID_OPCODE     0x20
#define ASC_LBA_OUT_OF_RANGE   0x21
#define ASC_INVALID_FIELD      0x24
#define ASC_MEDIUM_CHANGED     0x28
#define ASC_SAVING_UNSUPPORTED 0x39
#define ASC_MEDIUM_NOT_PRESENT 0x3a
#define ASC_UNRECOVERED_READ   0x11
#define ASC_REMOVAL_PREVENTED  0x53

/* GET EVENT STATUS NOTIFICATION media event codes (MMC-3 table 106). */
#define EV_NONE      0
#define EV_NEW_MEDIA 2
#define EV_REMOVAL   3

#define SPEED_MAX 7056 /* kB/s: 40x */

void atapi_cd_set_sense(atapi_cd *cd, uint8_t key, uint8_t asc, uint8_t ascq)
{
    cd->sense_key = key;
    cd->asc = asc;
    cd->ascq = ascq;
}

void atapi_cd_init(atapi_cd *cd, const atapi_media_ops *media)
{
    memset(cd, 0, sizeof(*cd));
    if (media) {
        cd->media = *media;
        cd->has_media = true;
    }
    cd->speed = SPEED_MAX;
}

void atapi_cd_change_media(atapi_cd *cd, const atapi_media_ops *media)
{
    memset(&cd->media, 0, sizeof(cd->media));
    cd->has_media = media != NULL;
    if (media) cd->media = *media;
    cd->tray_open = false;
    cd->prevent = false;
    cd->unit_attention = true;
    cd->event = media ? EV_NEW_MEDIA : EV_REMOVAL;
}

bool atapi_cd_ready(const atapi_cd *cd)
{
    return cd->has_media && !cd->tray_open;
}

/* ---- helpers ---- */

static void check(atapi_cd *cd, atapi_request *rq, uint8_t key, uint8_t asc, uint8_t ascq)
{
    atapi_cd_set_sense(cd, key, asc, ascq);
    rq->check = true;
    rq->len = 0;
    rq->sectors = 0;
}

static void invalid_field(atapi_cd *cd, atapi_request *rq)
{
    check(cd, rq, ATAPI_SENSE_ILLEGAL_REQUEST, ASC_INVALID_FIELD, 0);
}

/* Data-in of `n` bytes built in buf, cut to the allocation length. */
static void reply(atapi_request *rq, uint32_t n, uint32_t alloc)
{
    rq->len = n < alloc ? n : alloc;
}

static void put_msf(uint8_t *p, uint64_t lba)
{
    /* MMC-3 6.1: MSF counts 75 frames a second from the 2-second pregap. */
    uint64_t f = lba + 150;
    p[0] = 0;
    p[1] = (uint8_t)(f / (75 * 60));
    p[2] = (uint8_t)(f / 75 % 60);
    p[3] = (uint8_t)(f % 75);
}

static void put_addr(uint8_t *p, uint64_t lba, bool msf)
{
    if (msf) {
        put_msf(p, lba);
    } else {
        store_be32(p, (uint32_t)lba);
    }
}

static void put_str(uint8_t *p, unsigned n, const char *s)
{
    size_t len = strlen(s);
    for (unsigned i = 0; i < n; i++) p[i] = (uint8_t)(i < len ? s[i] : ' ');
}

/* ---- the commands ---- */

static void cmd_request_sense(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, atapi_request *rq)
{
    if (cdb[1] & 0x01) { /* DESC: descriptor format is not supported */
        invalid_field(cd, rq);
        return;
    }
    if (cd->unit_attention) {
        cd->unit_attention = false;
        atapi_cd_set_sense(cd, ATAPI_SENSE_UNIT_ATTENTION, ASC_MEDIUM_CHANGED, 0);
    }
    memset(buf, 0, 18);
    buf[0] = 0x70; /* current error, fixed format */
    buf[2] = cd->sense_key;
    buf[7] = 10; /* additional sense length */
    buf[12] = cd->asc;
    buf[13] = cd->ascq;
    reply(rq, 18, cdb[4]);
    atapi_cd_set_sense(cd, ATAPI_SENSE_NONE, 0, 0);
}

static void cmd_inquiry(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, atapi_request *rq)
{
    uint32_t alloc = load_be16(cdb + 3);
    if (cdb[1] & 0x01) {
        /* Vital product data: the page list and the unit serial number. */
        memset(buf, 0, 16);
        buf[0] = 0x05;
        buf[1] = cdb[2];
        switch (cdb[2]) {
        case 0x00:
            buf[3] = 2;
            buf[4] = 0x00;
            buf[5] = 0x80;
            reply(rq, 6, alloc);
            return;
        case 0x80:
            buf[3] = 8;
            put_str(buf + 4, 8, "CD000001");
            reply(rq, 12, alloc);
            return;
        default: invalid_field(cd, rq); return;
        }
    }
    if (cdb[2]) {
        invalid_field(cd, rq);
        return;
    }
    memset(buf, 0, 36);
    buf[0] = 0x05; /* peripheral device type: CD/DVD */
    buf[1] = 0x80; /* removable medium */
    buf[2] = 0x05; /* SPC-3 */
    buf[3] = 0x02; /* response data format */
    buf[4] = 36 - 5;
    put_str(buf + 8, 8, "CLARUS");
    put_str(buf + 16, 16, "CD-ROM");
    put_str(buf + 32, 4, "1.0");
    reply(rq, 36, alloc);
}

static void cmd_read_capacity(atapi_cd *cd, uint8_t *buf, atapi_request *rq)
{
    uint64_t last = cd->media.sectors - 1;
    store_be32(buf, last > 0xffffffffu ? 0xffffffffu : (uint32_t)last);
    store_be32(buf + 4, ATAPI_CD_SECTOR);
    rq->len = 8;
}

static void cmd_read(atapi_cd *cd, uint64_t lba, uint32_t count, atapi_request *rq)
{
    if (lba + count > cd->media.sectors) {
        check(cd, rq, ATAPI_SENSE_ILLEGAL_REQUEST, ASC_LBA_OUT_OF_RANGE, 0);
        return;
    }
    rq->lba = lba;
    rq->sectors = count;
}

/* Mode pages (MMC-3 7.x); `changeable` gives the mask of fields the host
 * may change: none. Returns the page's length, 0 for an unknown page. */
static uint32_t mode_page(const atapi_cd *cd, uint8_t page, bool changeable, uint8_t *p)
{
    uint32_t n;
    switch (page) {
    case 0x01: /* read error recovery */
        n = 12;
        memset(p, 0, n);
        p[0] = 0x01;
        p[1] = 10;
        if (!changeable) p[3] = 5; /* read retry count */
        return n;
    case 0x0d: /* CD device parameters */
        n = 8;
        memset(p, 0, n);
        p[0] = 0x0d;
        p[1] = 6;
        if (!changeable) {
            p[5] = 60; /* S units per M unit */
            p[7] = 75; /* F units per S unit */
        }
        return n;
    case 0x0e: /* CD audio control */
        n = 16;
        memset(p, 0, n);
        p[0] = 0x0e;
        p[1] = 14;
        if (!changeable) {
            p[2] = 0x04; /* SOTC */
            p[8] = 0x01; /* port 0: channel 0 at full volume */
            p[9] = 0xff;
            p[10] = 0x02; /* port 1: channel 1 */
            p[11] = 0xff;
        }
        return n;
    case 0x2a: /* CD capabilities and mechanical status */
        n = 22;
        memset(p, 0, n);
        p[0] = 0x2a;
        p[1] = 20;
        if (changeable) return n;
        p[4] = 0x71; /* audio play, mode 2 form 1 and 2, multi-session */
        p[5] = 0x03; /* CD-DA commands, accurate stream */
        /* Lock, current lock state, eject; tray loading mechanism. */
        p[6] = (uint8_t)(0x01 | (cd->prevent ? 0x02 : 0) | 0x08 | 1 << 5);
        p[7] = 0x03;                  /* separate volume and mute */
        store_be16(p + 8, SPEED_MAX); /* maximum read speed */
        store_be16(p + 10, 256);      /* volume levels */
        store_be16(p + 12, 512);      /* buffer, KiB */
        store_be16(p + 14, cd->speed);
        return n;
    default: return 0;
    }
}

static void cmd_mode_sense(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, atapi_request *rq)
{
    bool ten = cdb[0] == 0x5a;
    uint8_t pc = cdb[2] >> 6, page = cdb[2] & 0x3f;
    uint32_t alloc = ten ? load_be16(cdb + 7) : cdb[4];
    if (pc == 3) {
        check(cd, rq, ATAPI_SENSE_ILLEGAL_REQUEST, ASC_SAVING_UNSUPPORTED, 0);
        return;
    }
    uint32_t hdr = ten ? 8 : 4, n = hdr;
    static const uint8_t all[] = {0x01, 0x0d, 0x0e, 0x2a};
    if (page == 0x3f) {
        for (unsigned i = 0; i < sizeof(all); i++) n += mode_page(cd, all[i], pc == 1, buf + n);
    } else {
        uint32_t len = mode_page(cd, page, pc == 1, buf + n);
        if (!len || cdb[3]) {
            invalid_field(cd, rq);
            return;
        }
        n += len;
    }
    /* Header: mode data length, medium type (MMC: 70h no disc present,
     * else 0), no block descriptors. */
    memset(buf, 0, hdr);
    uint8_t medium = atapi_cd_ready(cd) ? 0x00 : 0x70;
    if (ten) {
        store_be16(buf, (uint16_t)(n - 2));
        buf[2] = medium;
    } else {
        buf[0] = (uint8_t)(n - 1);
        buf[1] = medium;
    }
    reply(rq, n, alloc);
}

static void cmd_start_stop(atapi_cd *cd, const uint8_t *cdb, atapi_request *rq)
{
    bool start = cdb[4] & 0x01, loej = cdb[4] & 0x02;
    if ((cdb[4] >> 4) || !loej) return; /* power conditions, spin up/down: nothing to do */
    if (!start) {
        if (cd->prevent) {
            check(cd, rq, ATAPI_SENSE_ILLEGAL_REQUEST, ASC_REMOVAL_PREVENTED, 0x02);
            return;
        }
        if (!cd->tray_open && cd->has_media) cd->event = EV_REMOVAL;
        cd->tray_open = true;
    } else if (cd->tray_open) {
        /* Closing the tray reloads the disc that was in it. */
        cd->tray_open = false;
        if (cd->has_media) {
            cd->event = EV_NEW_MEDIA;
            cd->unit_attention = true;
        }
    }
}

/* READ TOC/PMA/ATIP (MMC-3 6.26). */
static void cmd_read_toc(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, atapi_request *rq)
{
    bool msf = cdb[1] & 0x02;
    uint8_t format = cdb[2] & 0x0f, track = cdb[6];
    uint32_t alloc = load_be16(cdb + 7), n;
    if (!format) format = cdb[9] >> 6; /* the SFF-8020i place for the format */
    uint64_t leadout = cd->media.sectors;
    switch (format) {
    case 0: /* formatted TOC: track 1 and the lead-out (AAh) */
        if (track > 1 && track != 0xaa) {
            invalid_field(cd, rq);
            return;
        }
        n = 4;
        if (track <= 1) {
            memset(buf + n, 0, 8);
            buf[n + 1] = 0x14; /* ADR 1, data track */
            buf[n + 2] = 1;
            put_addr(buf + n + 4, 0, msf);
            n += 8;
        }
        memset(buf + n, 0, 8);
        buf[n + 1] = 0x14;
        buf[n + 2] = 0xaa;
        put_addr(buf + n + 4, leadout, msf);
        n += 8;
        break;
    case 1: /* multi-session information: one session starting at track 1 */
        n = 12;
        memset(buf + 4, 0, 8);
        buf[5] = 0x14;
        buf[6] = 1;
        put_addr(buf + 8, 0, msf);
        break;
    case 2: { /* raw TOC: points A0, A1, A2 and track 1, MSF always */
        static const uint8_t points[] = {0xa0, 0xa1, 0xa2, 0x01};
        n = 4;
        for (unsigned i = 0; i < 4; i++) {
            uint8_t *d = buf + n;
            memset(d, 0, 11);
            d[0] = 1; /* session */
            d[1] = 0x14;
            d[3] = points[i];
            if (points[i] == 0xa0) {
                d[8] = 1; /* first track; disc type 00h: CD-DA or CD-ROM */
            } else if (points[i] == 0xa1) {
                d[8] = 1; /* last track */
            } else {
                uint8_t m[4];
                put_msf(m, points[i] == 0xa2 ? leadout : 0);
                memcpy(d + 8, m + 1, 3);
            }
            n += 11;
        }
        break;
    }
    default: invalid_field(cd, rq); return;
    }
    store_be16(buf, (uint16_t)(n - 2));
    buf[2] = 1; /* first track or session */
    buf[3] = 1; /* last */
    reply(rq, n, alloc);
}

/* GET CONFIGURATION (MMC-3 5.x feature descriptors). */
static uint32_t feature(const atapi_cd *cd, uint16_t code, uint8_t *p)
{
    bool ready = atapi_cd_ready(cd);
    memset(p, 0, 16);
    store_be16(p, code);
    switch (code) {
    case 0x0000: /* profile list: CD-ROM */
        p[2] = 0x03;
        p[3] = 4;
        store_be16(p + 4, 0x0008);
        p[6] = ready ? 0x01 : 0x00;
        return 8;
    case 0x0001:     /* core: ATAPI */
        p[2] = 0x07; /* version 1, persistent, current */
        p[3] = 8;
        store_be32(p + 4, 2);
        return 12;
    case 0x0002: /* morphing: polled events */
        p[2] = 0x07;
        p[3] = 4;
        p[4] = 0x02; /* OCEvent */
        return 8;
    case 0x0003: /* removable medium: tray, eject, lock */
        p[2] = 0x03;
        p[3] = 4;
        p[4] = (uint8_t)(1 << 5 | 0x08 | (cd->prevent ? 0x04 : 0) | 0x01);
        return 8;
    case 0x0010: /* random readable */
        p[2] = ready ? 0x01 : 0x00;
        p[3] = 8;
        store_be32(p + 4, ATAPI_CD_SECTOR);
        store_be16(p + 8, 1);
        return 12;
    case 0x001e:                                        /* CD read */
        p[2] = (uint8_t)(0x08 | (ready ? 0x01 : 0x00)); /* version 2 */
        p[3] = 4;
        return 8;
    default: return 0;
    }
}

static void cmd_get_configuration(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, atapi_request *rq)
{
    static const uint16_t codes[] = {0x0000, 0x0001, 0x0002, 0x0003, 0x0010, 0x001e};
    uint8_t rt = cdb[1] & 0x03;
    uint16_t start = load_be16(cdb + 2);
    uint32_t alloc = load_be16(cdb + 7), n = 8;
    if (rt == 3) {
        invalid_field(cd, rq);
        return;
    }
    for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        if (codes[i] < start || (rt == 2 && codes[i] != start)) continue;
        uint32_t len = feature(cd, codes[i], buf + n);
        if (rt == 1 && !(buf[n + 2] & 0x01)) continue; /* current ones only */
        n += len;
    }
    memset(buf, 0, 8);
    store_be32(buf, n - 4);
    store_be16(buf + 6, atapi_cd_ready(cd) ? 0x0008 : 0x0000); /* current profile */
    reply(rq, n, alloc);
}

static void cmd_event_status(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, atapi_request *rq)
{
    uint32_t alloc = load_be16(cdb + 7);
    if (!(cdb[1] & 0x01)) { /* asynchronous notification: not supported */
        invalid_field(cd, rq);
        return;
    }
    memset(buf, 0, 8);
    buf[3] = 0x10; /* supported classes: media */
    if (!(cdb[4] & 0x10)) {
        buf[2] = 0x80; /* NEA: none of the requested classes */
        store_be16(buf, 2);
        reply(rq, 4, alloc);
        return;
    }
    buf[2] = 0x04; /* media class */
    store_be16(buf, 6);
    buf[4] = cd->event;
    buf[5] = (uint8_t)((cd->tray_open ? 0x01 : 0) | (atapi_cd_ready(cd) ? 0x02 : 0));
    cd->event = EV_NONE;
    reply(rq, 8, alloc);
}

static void cmd_disc_info(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, atapi_request *rq)
{
    if (cdb[1] & 0x07) { /* data type other than standard disc information */
        invalid_field(cd, rq);
        return;
    }
    memset(buf, 0, 34);
    store_be16(buf, 32);
    buf[2] = 0x0e; /* last session complete, disc complete, not erasable */
    buf[3] = 1;    /* first track */
    buf[4] = 1;    /* sessions */
    buf[5] = 1;    /* first and last track in the last session */
    buf[6] = 1;
    buf[8] = 0x00;             /* disc type: CD-DA or CD-ROM */
    memset(buf + 16, 0xff, 8); /* no next session, no lead-out limit */
    reply(rq, 34, load_be16(cdb + 7));
}

static void cmd_mechanism_status(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, atapi_request *rq)
{
    memset(buf, 0, 8);
    buf[1] = cd->tray_open ? 0x10 : 0x00; /* idle mechanism, door open */
    reply(rq, 8, load_be16(cdb + 8));
}

static void cmd_read_subchannel(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, atapi_request *rq)
{
    bool msf = cdb[1] & 0x02, subq = cdb[2] & 0x40;
    uint32_t alloc = load_be16(cdb + 7), n = 4;
    memset(buf, 0, 28);
    buf[1] = 0x15; /* audio status: none */
    if (subq) {
        switch (cdb[3]) {
        case 1: /* current position: the head rests at the start of track 1 */
            buf[4] = 0x01;
            buf[5] = 0x14;
            buf[6] = 1;
            buf[7] = 1;
            put_addr(buf + 8, 0, msf);
            put_addr(buf + 12, 0, msf);
            n = 16;
            break;
        case 2: /* media catalogue number: none (MCVal 0) */
        case 3: /* track ISRC: none (TCVal 0) */
            buf[4] = cdb[3];
            if (cdb[3] == 3) {
                buf[5] = 0x14;
                buf[6] = 1;
            }
            n = 24;
            break;
        default: invalid_field(cd, rq); return;
        }
    }
    store_be16(buf + 2, (uint16_t)(n - 4));
    reply(rq, n, alloc);
}

/* Commands that run with a unit attention pending (SPC-3 5.9.1, MMC-3 4.1.6). */
static bool runs_under_ua(uint8_t op)
{
    return op == 0x03 || op == 0x12 || op == 0x46 || op == 0x4a;
}

/* Commands that need a readable disc. */
static bool needs_media(uint8_t op)
{
    switch (op) {
    case 0x00: /* TEST UNIT READY */
    case 0x25: /* READ CAPACITY */
    case 0x28: /* READ(10) */
    case 0xa8: /* READ(12) */
    case 0x2b: /* SEEK(10) */
    case 0x42: /* READ SUB-CHANNEL */
    case 0x43: /* READ TOC */
    case 0x51: /* READ DISC INFORMATION */
    case 0xbe: /* READ CD */ return true;
    default: return false;
    }
}

void atapi_cd_packet(atapi_cd *cd, const uint8_t *cdb, uint8_t *buf, uint32_t bufsize,
                     atapi_request *rq)
{
    (void)bufsize; /* every reply here is far below 64 KiB */
    memset(rq, 0, sizeof(*rq));
    uint8_t op = cdb[0];
    if (cd->unit_attention && !runs_under_ua(op)) {
        cd->unit_attention = false;
        check(cd, rq, ATAPI_SENSE_UNIT_ATTENTION, ASC_MEDIUM_CHANGED, 0);
        return;
    }
    if (op != 0x03) atapi_cd_set_sense(cd, ATAPI_SENSE_NONE, 0, 0);
    if (needs_media(op) && !atapi_cd_ready(cd)) {
        check(cd, rq, ATAPI_SENSE_NOT_READY, ASC_MEDIUM_NOT_PRESENT, 0);
        return;
    }
    switch (op) {
    case 0x00: /* TEST UNIT READY */
    case 0x2b: /* SEEK(10) */
        if (op == 0x2b && load_be32(cdb + 2) >= cd->media.sectors)
            check(cd, rq, ATAPI_SENSE_ILLEGAL_REQUEST, ASC_LBA_OUT_OF_RANGE, 0);
        break;
    case 0x03: cmd_request_sense(cd, cdb, buf, rq); break;
    case 0x12: cmd_inquiry(cd, cdb, buf, rq); break;
    case 0x1a: /* MODE SENSE(6) */
    case 0x5a: cmd_mode_sense(cd, cdb, buf, rq); break;
    case 0x15: /* MODE SELECT(6) */
        rq->data_out = true;
        rq->len = cdb[4];
        break;
    case 0x55: /* MODE SELECT(10) */
        rq->data_out = true;
        rq->len = load_be16(cdb + 7);
        break;
    case 0x1b: cmd_start_stop(cd, cdb, rq); break;
    case 0x1e: cd->prevent = cdb[4] & 0x01; break;
    case 0x25: cmd_read_capacity(cd, buf, rq); break;
    case 0x28: cmd_read(cd, load_be32(cdb + 2), load_be16(cdb + 7), rq); break;
    case 0xa8: cmd_read(cd, load_be32(cdb + 2), load_be32(cdb + 6), rq); break;
    case 0xbe: /* READ CD: user data of data sectors only (flags 10h) */
        if (((cdb[1] >> 2 & 7) != 0 && (cdb[1] >> 2 & 7) != 2) ||
            (cdb[9] && (cdb[9] & 0xf8) != 0x10) || cdb[10]) {
            invalid_field(cd, rq);
            break;
        }
        if (!cdb[9]) break; /* nothing selected: nothing moves */
        cmd_read(cd, load_be32(cdb + 2), (uint32_t)cdb[6] << 16 | load_be16(cdb + 7), rq);
        break;
    case 0x42: cmd_read_subchannel(cd, cdb, buf, rq); break;
    case 0x43: cmd_read_toc(cd, cdb, buf, rq); break;
    case 0x46: cmd_get_configuration(cd, cdb, buf, rq); break;
    case 0x4a: cmd_event_status(cd, cdb, buf, rq); break;
    case 0x51: cmd_disc_info(cd, cdb, buf, rq); break;
    case 0xbd: cmd_mechanism_status(cd, cdb, buf, rq); break;
    case 0xbb: { /* SET CD SPEED: FFFFh = as fast as possible */
        uint16_t s = load_be16(cdb + 2);
        cd->speed = s > SPEED_MAX ? SPEED_MAX : s;
        break;
    }
    default: check(cd, rq, ATAPI_SENSE_ILLEGAL_REQUEST, ASC_INVALID_OPCODE, 0); break;
    }
}

bool atapi_cd_read(atapi_cd *cd, uint64_t lba, uint32_t n, uint8_t *buf)
{
    if (atapi_cd_ready(cd) && lba + n <= cd->media.sectors &&
        cd->media.read(cd->media.ctx, lba, n, buf))
        return true;
    atapi_cd_set_sense(cd, ATAPI_SENSE_MEDIUM_ERROR, ASC_UNRECOVERED_READ, 0);
    return false;
}

void atapi_cd_data_out(atapi_cd *cd, const uint8_t *cdb, const uint8_t *buf, uint32_t len)
{
    /* MODE SELECT: the pages are all fixed; the parameters are accepted
     * and ignored, as drives do for values they round. */
    (void)cd;
    (void)cdb;
    (void)buf;
    (void)len;
}

void atapi_cd_save(const atapi_cd *cd, st_writer *w)
{
    st_put_bool(w, cd->has_media);
    st_put_bool(w, cd->tray_open);
    st_put_bool(w, cd->prevent);
    st_put_bool(w, cd->unit_attention);
    st_put_u8(w, cd->event);
    st_put_u8(w, cd->sense_key);
    st_put_u8(w, cd->asc);
    st_put_u8(w, cd->ascq);
    st_put_u16(w, cd->speed);
}

void atapi_cd_load(atapi_cd *cd, st_reader *r)
{
    bool had_media = st_get_bool(r);
    cd->tray_open = st_get_bool(r);
    cd->prevent = st_get_bool(r);
    cd->unit_attention = st_get_bool(r);
    cd->event = st_get_u8(r);
    cd->sense_key = st_get_u8(r) & 0x0f;
    cd->asc = st_get_u8(r);
    cd->ascq = st_get_u8(r);
    cd->speed = st_get_u16(r);
    if (had_media != cd->has_media) {
        cd->unit_attention = true;
        cd->event = cd->has_media ? EV_NEW_MEDIA : EV_REMOVAL;
    }
}
