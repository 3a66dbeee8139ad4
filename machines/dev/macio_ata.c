/* mac-io ATA channel: task file, ATA disk command set, the ATAPI PACKET
 * protocol, PIO and DBDMA transfers (see macio_ata.h for the documents
 * followed; the CD-ROM's packet commands are in atapi_cd.c).
 *
 * Both devices on the cable latch every task-file write (ATA-6 5.2: the
 * command block registers are written to both devices); the one selected
 * by DEV answers reads. A selected device that is absent while the other
 * is present reads Status and Error as 0, and its signature registers
 * hold ff/ff after a reset, which is how the firmware and Linux tell that
 * no second device is there. Commands execute at once: data for a read is
 * in the buffer when DRQ is first seen.
 */
#include "macio_ata.h"

#include <glib.h>
#include <string.h>

#include "core/bits.h"

/* Status. */
#define ST_ERR  0x01
#define ST_DRQ  0x08
#define ST_DSC  0x10
#define ST_DRDY 0x40
#define ST_BSY  0x80
/* Error. */
#define ER_ABRT 0x04
#define ER_IDNF 0x10
#define ER_UNC  0x40
/* Device control. */
#define DC_NIEN 0x02
#define DC_SRST 0x04
/* Device/head. */
#define DH_DEV 0x10
#define DH_LBA 0x40
#define DH_OBS 0xa0 /* obsolete bits, read as one */

#define SECTOR      512u
#define MAX_SECTORS 256u
#define MAX_MULT    16u
#define BUF_SIZE    (MAX_SECTORS * SECTOR)
/* ATAPI interrupt reason (the sector count register, ATA-6 9.10). */
#define IR_COD 0x01
#define IR_IO  0x02
/* Sectors of a CD read staged in the buffer at a time. */
#define CD_CHUNK    (BUF_SIZE / ATAPI_CD_SECTOR)
#define PACKET_SIZE 12u

/* Register numbers (offset >> 4). */
enum {
    R_DATA = 0,
    R_ERROR = 1,
    R_NSECT = 2,
    R_SECT = 3,
    R_LCYL = 4,
    R_HCYL = 5,
    R_SELECT = 6,
    R_STATUS = 7,
    R_CONTROL = 8,
    R_CONTROL_ALT = 0x16,
    R_TIMING = 0x20, /* 0x20..0x23 */
    R_INTR = 0x30,
};

/* PH_PACKET: waiting for the command packet; PH_API_*: the data phase of
 * a packet command by PIO, PH_ADMA_*: by DMA. */
typedef enum {
    PH_IDLE,
    PH_PIO_IN,
    PH_PIO_OUT,
    PH_DMA_IN,
    PH_DMA_OUT,
    PH_PACKET,
    PH_API_IN,
    PH_API_OUT,
    PH_ADMA_IN,
    PH_ADMA_OUT,
} ata_phase;

typedef struct ata_unit {
    ata_unit_kind kind;
    ata_disk_ops disk;
    /* The task file as this device latched it. */
    uint8_t feature, error, nsect, sect, lcyl, hcyl, select, status;
    bool intrq; /* the device's pending interrupt */
    /* Settings. */
    uint16_t cyls, heads, spt;   /* default geometry (IDENTIFY words 1, 3, 6) */
    uint16_t cur_heads, cur_spt; /* INITIALIZE DEVICE PARAMETERS */
    uint8_t mult;                /* SET MULTIPLE MODE: sectors per DRQ block, 0 = off */
    uint8_t xfer_mode;           /* SET FEATURES 03h: the mode selected */
    bool wcache;                 /* SET FEATURES 02h/82h */
    /* The command in progress. */
    uint8_t cmd;
    uint8_t phase;
    uint64_t lba;       /* first sector of the transfer */
    uint32_t count;     /* sectors */
    uint32_t total;     /* bytes */
    uint32_t pos;       /* bytes moved */
    uint32_t block;     /* bytes per DRQ block (PIO) */
    uint32_t block_end; /* pos where the current DRQ block ends */
    uint8_t *buf;       /* BUF_SIZE bytes */
    /* ATAPI: the drive, and the packet command in progress. For a packet
     * command `total` is the data staged in buf, `lba`/`count` the CD
     * sectors still to stage after it. */
    atapi_cd cd;
    uint8_t cdb[PACKET_SIZE];
    uint16_t limit; /* byte count limit (LBA mid/high at PACKET) */
    bool dma;       /* Features bit 0 at PACKET */
} ata_unit;

struct macio_ata {
    device dev;
    device_env env;
    device_mmio mmio;
    ata_unit unit[2];
    unsigned cur; /* the device DEV selects */
    uint8_t devctl;
    uint32_t timing[4];
    irq_line irq;
    bool irq_level;
    dbdma *dma;
    unsigned dma_ch;
};

static bool present(const macio_ata *a, unsigned u)
{
    return a->unit[u].kind != ATA_UNIT_NONE;
}

static bool line_level(const macio_ata *a)
{
    return present(a, a->cur) && a->unit[a->cur].intrq && !(a->devctl & DC_NIEN);
}

static void update_irq(macio_ata *a)
{
    bool level = line_level(a);
    if (level != a->irq_level) {
        a->irq_level = level;
        irq_set(&a->irq, level);
    }
}

static void raise_intrq(macio_ata *a, ata_unit *u)
{
    u->intrq = true;
    update_irq(a);
}

/* Status bits a device shows when idle: a packet device has no DSC (its
 * bit 4 is SERV, for overlapped commands, which are not offered). */
static uint8_t st_ready(const ata_unit *u)
{
    return u->kind == ATA_UNIT_DISK ? ST_DRDY | ST_DSC : ST_DRDY;
}

/* ATA-6 9.12: the signature a device leaves after a reset or diagnostics. */
static void set_signature(ata_unit *u)
{
    u->nsect = 1;
    u->sect = 1;
    switch (u->kind) {
    case ATA_UNIT_DISK: u->lcyl = u->hcyl = 0; break;
    case ATA_UNIT_ATAPI:
        u->lcyl = 0x14;
        u->hcyl = 0xeb;
        break;
    default: u->lcyl = u->hcyl = 0xff; break;
    }
}

/* The device side of a reset (SRST, power-on) or EXECUTE DEVICE DIAGNOSTIC. */
static void reset_unit(ata_unit *u)
{
    u->phase = PH_IDLE;
    u->intrq = false;
    u->error = 0x01; /* diagnostic code: no error */
    u->status = u->kind == ATA_UNIT_DISK ? ST_DRDY | ST_DSC : 0;
    u->select = DH_OBS;
    set_signature(u);
}

static void default_settings(ata_unit *u)
{
    u->cur_heads = u->heads;
    u->cur_spt = u->spt;
    u->mult = 0;
    u->xfer_mode = 0;
    u->wcache = true;
}

/* ---- addressing ---- */

static bool get_lba(const ata_unit *u, uint64_t *lba)
{
    if (u->select & DH_LBA) {
        *lba = (uint64_t)(u->select & 0xf) << 24 | (uint32_t)u->hcyl << 16 |
               (uint32_t)u->lcyl << 8 | u->sect;
        return true;
    }
    unsigned cyl = (unsigned)u->hcyl << 8 | u->lcyl, head = u->select & 0xf;
    if (!u->cur_spt || !u->sect || u->sect > u->cur_spt || head >= u->cur_heads) return false;
    *lba = ((uint64_t)cyl * u->cur_heads + head) * u->cur_spt + (u->sect - 1u);
    return true;
}

/* Leaves the address of sector `lba` in the task file. */
static void set_lba(ata_unit *u, uint64_t lba)
{
    if (u->select & DH_LBA) {
        u->sect = (uint8_t)lba;
        u->lcyl = (uint8_t)(lba >> 8);
        u->hcyl = (uint8_t)(lba >> 16);
        u->select = (uint8_t)((u->select & 0xf0) | ((lba >> 24) & 0xf));
    } else if (u->cur_heads && u->cur_spt) {
        uint64_t track = lba / u->cur_spt, cyl = track / u->cur_heads;
        u->sect = (uint8_t)(lba % u->cur_spt + 1);
        u->lcyl = (uint8_t)cyl;
        u->hcyl = (uint8_t)(cyl >> 8);
        u->select = (uint8_t)((u->select & 0xf0) | (track % u->cur_heads));
    }
}

/* ---- command endings ---- */

static void cmd_ok(macio_ata *a, ata_unit *u)
{
    u->phase = PH_IDLE;
    u->status = st_ready(u);
    raise_intrq(a, u);
}

static void cmd_abort(macio_ata *a, ata_unit *u, uint8_t err)
{
    u->phase = PH_IDLE;
    u->error = err;
    u->status = st_ready(u) | ST_ERR;
    raise_intrq(a, u);
}

/* After `done` sectors of a transfer: the count left and the address of
 * the last sector moved (ATA-1 register contents, which old drivers read). */
static void progress(ata_unit *u, uint32_t done)
{
    u->nsect = (uint8_t)(u->count - done);
    if (done) set_lba(u, u->lba + done - 1);
}

/* ---- IDENTIFY DEVICE (ATA-6 8.15) ---- */

static void id_string(uint8_t *id, unsigned word, unsigned words, const char *s)
{
    /* Two characters a word, the first in bits 15-8; padded with spaces. */
    size_t n = strlen(s);
    for (unsigned i = 0; i < words * 2; i++) {
        char c = i < n ? s[i] : ' ';
        id[2 * word + (i ^ 1)] = (uint8_t)c;
    }
}

static void build_identify(const ata_unit *u, uint8_t *id)
{
    memset(id, 0, SECTOR);
#define W(n, v) store_le16(id + 2 * (n), (uint16_t)(v))
    uint64_t lba28 = u->disk.sectors > 0x0fffffff ? 0x0fffffff : u->disk.sectors;
    uint32_t cur_cyls = 0, cur_chs = 0;
    if (u->cur_heads && u->cur_spt) {
        uint64_t c = lba28 / ((uint32_t)u->cur_heads * u->cur_spt);
        cur_cyls = c > 65535 ? 65535 : (uint32_t)c;
        cur_chs = cur_cyls * u->cur_heads * u->cur_spt;
    }
    W(0, 0x0040); /* ATA device, fixed */
    W(1, u->cyls);
    W(3, u->heads);
    W(6, u->spt);
    id_string(id, 10, 10, "CLARUS0000000001");
    id_string(id, 23, 4, "1.0");
    id_string(id, 27, 20, "Clarus ATA disk");
    W(47, 0x8000 | MAX_MULT);
    W(49, 0x0300); /* LBA, DMA */
    W(50, 0x4000);
    W(51, 0x0200); /* PIO mode 2 timing */
    W(53, 0x0007); /* words 54-58, 64-70 and 88 valid */
    W(54, cur_cyls);
    W(55, u->cur_heads);
    W(56, u->cur_spt);
    W(57, cur_chs & 0xffff);
    W(58, cur_chs >> 16);
    W(59, u->mult ? 0x100 | u->mult : 0);
    W(60, lba28 & 0xffff);
    W(61, lba28 >> 16);
    unsigned mode = u->xfer_mode & 7, kind = u->xfer_mode >> 3;
    W(63, 0x0007 | (kind == 4 ? 0x100u << mode : 0));
    W(64, 0x0003); /* PIO 3 and 4 */
    W(65, 120);
    W(66, 120);
    W(67, 120);
    W(68, 120);
    W(80, 0x007e); /* ATA-1 to ATA-6 */
    W(82, 0x0020); /* write cache */
    W(83, 0x5000); /* FLUSH CACHE; no 48-bit addressing */
    W(84, 0x4000);
    W(85, u->wcache ? 0x0020 : 0);
    W(86, 0x1000);
    W(87, 0x4000);
    W(88, 0x003f | (kind == 8 ? 0x100u << mode : 0)); /* UDMA 0-5 */
    W(93, 0x600b); /* passed diagnostics, jumpered, 80-conductor cable */
#undef W
    /* Word 255: signature a5h and a checksum making all 512 bytes sum to 0. */
    id[510] = 0xa5;
    uint8_t sum = 0;
    for (unsigned i = 0; i < 511; i++) sum += id[i];
    id[511] = (uint8_t)-sum;
}

/* ---- data-transfer commands ---- */

static void start_pio_in(macio_ata *a, ata_unit *u, uint32_t block)
{
    u->phase = PH_PIO_IN;
    u->pos = 0;
    u->block = block;
    u->block_end = block < u->total ? block : u->total;
    u->status = st_ready(u) | ST_DRQ;
    raise_intrq(a, u);
}

static bool disk_read(macio_ata *a, ata_unit *u)
{
    if (u->disk.read(u->disk.ctx, u->lba, u->count, u->buf)) return true;
    clarus_log(a->env.log, LOG_WARN, "ata", "%s: disk read of %u sectors at %llu failed", a->dev.id,
               u->count, (unsigned long long)u->lba);
    set_lba(u, u->lba);
    cmd_abort(a, u, ER_UNC);
    return false;
}

static bool disk_write(macio_ata *a, ata_unit *u, uint64_t lba, uint32_t n, const uint8_t *p)
{
    if (u->disk.write(u->disk.ctx, lba, n, p)) return true;
    clarus_log(a->env.log, LOG_WARN, "ata", "%s: disk write of %u sectors at %llu failed",
               a->dev.id, n, (unsigned long long)lba);
    set_lba(u, lba);
    cmd_abort(a, u, ER_ABRT);
    return false;
}

/* Decodes the task file for a read/write/verify of nsect sectors. */
static bool setup_xfer(macio_ata *a, ata_unit *u, bool write)
{
    u->count = u->nsect ? u->nsect : MAX_SECTORS;
    u->total = u->count * SECTOR;
    u->pos = 0;
    if (!get_lba(u, &u->lba) || u->lba + u->count > u->disk.sectors) {
        cmd_abort(a, u, ER_IDNF);
        return false;
    }
    if (write && u->disk.readonly) {
        cmd_abort(a, u, ER_ABRT);
        return false;
    }
    return true;
}

static void pio_block_done(macio_ata *a, ata_unit *u)
{
    uint32_t start = (u->block_end - 1) / u->block * u->block;
    if (u->phase == PH_PIO_OUT) {
        uint32_t first = start / SECTOR, n = (u->pos - start) / SECTOR;
        if (!disk_write(a, u, u->lba + first, n, u->buf + start)) return;
    }
    if (u->kind == ATA_UNIT_DISK && u->cmd != 0xec) progress(u, u->pos / SECTOR);
    if (u->pos < u->total) {
        u->block_end = u->pos + u->block < u->total ? u->pos + u->block : u->total;
        raise_intrq(a, u); /* the next DRQ block is ready */
    } else if (u->phase == PH_PIO_OUT) {
        cmd_ok(a, u);
    } else {
        /* PIO data-in: no interrupt after the last block. */
        u->phase = PH_IDLE;
        u->status = st_ready(u);
    }
}

static void rw_command(macio_ata *a, ata_unit *u, bool write, bool dma, uint32_t block_sectors)
{
    if (!setup_xfer(a, u, write)) return;
    if (dma) {
        if (!a->dma) {
            cmd_abort(a, u, ER_ABRT);
            return;
        }
        if (!write && !disk_read(a, u)) return;
        u->phase = write ? PH_DMA_OUT : PH_DMA_IN;
        u->status = ST_DRDY | ST_DSC | ST_DRQ;
        dbdma_kick(a->dma, a->dma_ch);
        return;
    }
    if (write) {
        u->phase = PH_PIO_OUT;
        u->block = block_sectors * SECTOR;
        u->block_end = u->block < u->total ? u->block : u->total;
        u->status = ST_DRDY | ST_DSC | ST_DRQ; /* no interrupt before the first block */
    } else {
        if (!disk_read(a, u)) return;
        start_pio_in(a, u, block_sectors * SECTOR);
    }
}

/* ---- ATAPI: the PACKET protocol (ATA-6 8.23 PACKET, 9.10/9.11) ----
 *
 * PACKET: the device asks for the 12-byte command packet with DRQ and
 * interrupt reason CoD=1 IO=0, without an interrupt (IDENTIFY PACKET
 * DEVICE word 0 announces the "50 us" DRQ type). The data then move by
 * PIO, in DRQ blocks of at most the byte count limit the host wrote to
 * LBA mid/high, each announced by an interrupt with the block's size in
 * LBA mid/high and IO=1 (data-in) or IO=0 (data-out); or by DMA (Features
 * bit 0) through the DBDMA channel. The command ends with an interrupt,
 * CoD=1 IO=1, and ERR with the sense key in Error bits 7-4 for a CHECK
 * CONDITION. */

static void packet_end(macio_ata *a, ata_unit *u, bool ok)
{
    u->phase = PH_IDLE;
    u->nsect = IR_COD | IR_IO;
    if (ok) {
        u->status = ST_DRDY;
        u->error = 0;
    } else {
        u->status = ST_DRDY | ST_ERR;
        u->error = (uint8_t)(u->cd.sense_key << 4);
        if (u->cd.sense_key == ATAPI_SENSE_ILLEGAL_REQUEST) u->error |= ER_ABRT;
    }
    raise_intrq(a, u);
}

/* Stages the next chunk of a CD read in the buffer. */
static bool packet_refill(macio_ata *a, ata_unit *u)
{
    uint32_t n = u->count < CD_CHUNK ? u->count : CD_CHUNK;
    if (!atapi_cd_read(&u->cd, u->lba, n, u->buf)) {
        clarus_log(a->env.log, LOG_WARN, "ata", "%s: CD read of %u sectors at %llu failed",
                   a->dev.id, n, (unsigned long long)u->lba);
        packet_end(a, u, false);
        return false;
    }
    u->lba += n;
    u->count -= n;
    u->total = n * ATAPI_CD_SECTOR;
    u->pos = 0;
    return true;
}

/* Offers the next PIO DRQ block. ATA-6 8.23: a block never exceeds the
 * byte count limit, and is even unless it ends the transfer; like real
 * drives, a read is cut on sector boundaries when the limit allows. */
static void packet_pio_block(macio_ata *a, ata_unit *u)
{
    uint32_t left = u->total - u->pos;
    uint64_t all = left + (uint64_t)u->count * ATAPI_CD_SECTOR;
    uint32_t n = u->limit ? u->limit : 0xfffe;
    if (all > n) {
        n &= ~1u;
        if (n < 2) n = 2;
        if (n >= ATAPI_CD_SECTOR) n -= n % ATAPI_CD_SECTOR;
    }
    if (n > left) n = left;
    u->block_end = u->pos + n;
    u->lcyl = (uint8_t)n;
    u->hcyl = (uint8_t)(n >> 8);
    u->nsect = u->phase == PH_API_IN ? IR_IO : 0;
    u->status = ST_DRDY | ST_DRQ;
    raise_intrq(a, u);
}

/* The host has moved a whole DRQ block. */
static void packet_block_done(macio_ata *a, ata_unit *u)
{
    if (u->pos == u->total) {
        if (u->phase == PH_API_OUT) {
            atapi_cd_data_out(&u->cd, u->cdb, u->buf, u->total);
            packet_end(a, u, true);
            return;
        }
        if (!u->count) {
            packet_end(a, u, true);
            return;
        }
        if (!packet_refill(a, u)) return;
    }
    packet_pio_block(a, u);
}

/* The 12th byte of the packet has arrived: run it. */
static void packet_command(macio_ata *a, ata_unit *u)
{
    atapi_request rq;
    atapi_cd_packet(&u->cd, u->cdb, u->buf, BUF_SIZE, &rq);
    if (rq.check) {
        packet_end(a, u, false);
        return;
    }
    u->total = rq.len > BUF_SIZE ? BUF_SIZE : rq.len;
    u->pos = 0;
    u->lba = rq.lba;
    u->count = rq.data_out ? 0 : rq.sectors;
    if (!u->total && u->count && !packet_refill(a, u)) return;
    if (!u->total) {
        packet_end(a, u, true);
        return;
    }
    if (u->dma) {
        u->phase = rq.data_out ? PH_ADMA_OUT : PH_ADMA_IN;
        u->nsect = rq.data_out ? 0 : IR_IO;
        u->status = ST_DRDY | ST_DRQ;
        dbdma_kick(a->dma, a->dma_ch);
        return;
    }
    u->phase = rq.data_out ? PH_API_OUT : PH_API_IN;
    packet_pio_block(a, u);
}

/* DMA data phase of a packet command. */
static uint32_t packet_dma(macio_ata *a, ata_unit *u, bool input, uint32_t addr, uint32_t len)
{
    if (u->phase != (input ? PH_ADMA_IN : PH_ADMA_OUT)) return 0;
    uint32_t done = 0;
    while (done < len) {
        if (u->pos == u->total) {
            if (!u->count) break;
            if (!packet_refill(a, u)) return done;
        }
        uint32_t n = u->total - u->pos;
        if (n > len - done) n = len - done;
        if (input) {
            dbdma_mem_write(a->env.bus, addr + done, u->buf + u->pos, n);
        } else {
            dbdma_mem_read(a->env.bus, addr + done, u->buf + u->pos, n);
        }
        u->pos += n;
        done += n;
    }
    if (u->pos == u->total && !u->count) {
        if (!input) atapi_cd_data_out(&u->cd, u->cdb, u->buf, u->total);
        packet_end(a, u, true);
    }
    return done;
}

/* The DBDMA channel's client: moves bytes between the buffer and memory. */
static uint32_t dma_transfer(void *ctx, bool input, uint32_t addr, uint32_t len, bool last)
{
    (void)last;
    macio_ata *a = ctx;
    ata_unit *u = &a->unit[a->cur];
    if (u->kind == ATA_UNIT_ATAPI) return packet_dma(a, u, input, addr, len);
    if (u->phase != (input ? PH_DMA_IN : PH_DMA_OUT)) return 0;
    uint32_t n = u->total - u->pos;
    if (n > len) n = len;
    if (input) {
        dbdma_mem_write(a->env.bus, addr, u->buf + u->pos, n);
    } else {
        dbdma_mem_read(a->env.bus, addr, u->buf + u->pos, n);
    }
    u->pos += n;
    if (u->pos == u->total) {
        if (!input && !disk_write(a, u, u->lba, u->count, u->buf)) return n;
        progress(u, u->count);
        cmd_ok(a, u);
    }
    return n;
}

/* ---- the command set ---- */

static void set_features(macio_ata *a, ata_unit *u)
{
    switch (u->feature) {
    case 0x03: {
        /* Transfer mode in the sector count: 00/01 PIO default, 08+n PIO n,
         * 20+n multiword DMA n, 40+n Ultra DMA n. */
        unsigned kind = u->nsect >> 3, mode = u->nsect & 7;
        bool ok = (kind == 0 && mode <= 1) || (kind == 1 && mode <= 4) ||
                  (kind == 4 && mode <= 2) || (kind == 8 && mode <= 5);
        if (!ok) {
            cmd_abort(a, u, ER_ABRT);
            return;
        }
        if (kind == 4 || kind == 8) u->xfer_mode = u->nsect;
        break;
    }
    case 0x02: u->wcache = true; break;
    case 0x82: u->wcache = false; break;
    case 0x55: /* read look-ahead off/on, reverting to defaults off/on */
    case 0xaa:
    case 0x66:
    case 0xcc: break;
    default: cmd_abort(a, u, ER_ABRT); return;
    }
    cmd_ok(a, u);
}

/* ---- IDENTIFY PACKET DEVICE (ATA-6 8.16) ---- */

static void build_identify_packet(const ata_unit *u, uint8_t *id)
{
    memset(id, 0, SECTOR);
#define W(n, v) store_le16(id + 2 * (n), (uint16_t)(v))
    /* ATAPI, CD-ROM (type 05h), removable, 50 us DRQ, 12-byte packets. */
    W(0, 0x8000 | 0x05 << 8 | 0x0080 | 0x0040);
    id_string(id, 10, 10, "CLARUSCD00000001");
    id_string(id, 23, 4, "1.0");
    id_string(id, 27, 20, "CLARUS CD-ROM");
    W(49, 0x0300); /* LBA, DMA */
    W(53, 0x0006); /* words 64-70 and 88 valid */
    unsigned mode = u->xfer_mode & 7, kind = u->xfer_mode >> 3;
    W(63, 0x0007 | (kind == 4 ? 0x100u << mode : 0));
    W(64, 0x0003); /* PIO 3 and 4 */
    W(65, 120);
    W(66, 120);
    W(67, 120);
    W(68, 120);
    W(71, 30); /* typical release and service times, us */
    W(72, 30);
    W(80, 0x0070); /* ATA/ATAPI-4 to -6 */
    W(82, 0x0210); /* DEVICE RESET, PACKET */
    W(83, 0x4000);
    W(84, 0x4000);
    W(85, 0x0210);
    W(87, 0x4000);
    W(88, 0x003f | (kind == 8 ? 0x100u << mode : 0)); /* UDMA 0-5 */
    W(93, 0x600b);
#undef W
    id[510] = 0xa5;
    uint8_t sum = 0;
    for (unsigned i = 0; i < 511; i++) sum += id[i];
    id[511] = (uint8_t)-sum;
}

/* The ATA commands of a packet device (ATA-6 6.x, PACKET command feature
 * set): the rest abort. */
static void atapi_command(macio_ata *a, ata_unit *u, uint8_t cmd)
{
    switch (cmd) {
    case 0xa0: /* PACKET: overlap (Features bit 1) is not offered */
        if ((u->feature & 0x02) || ((u->feature & 0x01) && !a->dma)) {
            cmd_abort(a, u, ER_ABRT);
            break;
        }
        u->dma = u->feature & 0x01;
        u->limit = (uint16_t)(u->hcyl << 8 | u->lcyl);
        u->phase = PH_PACKET;
        u->pos = 0;
        u->total = u->block_end = PACKET_SIZE;
        u->nsect = IR_COD;
        u->status = ST_DRDY | ST_DRQ;
        break;
    case 0xa1: /* IDENTIFY PACKET DEVICE */
        build_identify_packet(u, u->buf);
        u->count = 1;
        u->total = SECTOR;
        start_pio_in(a, u, SECTOR);
        break;
    case 0x08: { /* DEVICE RESET: signature, DRDY clear, no interrupt */
        uint8_t sel = u->select;
        reset_unit(u);
        u->select = sel;
        update_irq(a);
        break;
    }
    case 0xec: /* IDENTIFY DEVICE: aborted, with the signature to say why */
        cmd_abort(a, u, ER_ABRT);
        set_signature(u);
        break;
    case 0xef: set_features(a, u); break;
    case 0xe5: /* CHECK POWER MODE: active */
        u->nsect = 0xff;
        cmd_ok(a, u);
        break;
    case 0xe0: /* STANDBY IMMEDIATE, IDLE IMMEDIATE, SLEEP */
    case 0xe1:
    case 0xe6: cmd_ok(a, u); break;
    default:
        clarus_log(a->env.log, LOG_DEBUG, "ata", "%s: ATAPI command %02x aborted", a->dev.id, cmd);
        cmd_abort(a, u, ER_ABRT);
        break;
    }
}

/* EXECUTE DEVICE DIAGNOSTIC runs on both devices whichever is selected;
 * device 0 reports (error 01h: device 0 passed, device 1 passed or absent). */
static void diagnostic(macio_ata *a)
{
    for (unsigned i = 0; i < 2; i++) {
        ata_unit *u = &a->unit[i];
        uint8_t sel = u->select;
        reset_unit(u);
        u->select = sel;
    }
    if (present(a, 0)) raise_intrq(a, &a->unit[0]);
    if (present(a, 1) && a->cur == 1) raise_intrq(a, &a->unit[1]);
}

static void execute(macio_ata *a, ata_unit *u, uint8_t cmd)
{
    u->cmd = cmd;
    u->error = 0;
    u->phase = PH_IDLE;
    if (cmd == 0x90) {
        diagnostic(a);
        return;
    }
    if (u->kind == ATA_UNIT_ATAPI) {
        atapi_command(a, u, cmd);
        return;
    }
    switch (cmd) {
    case 0xec: /* IDENTIFY DEVICE */
        build_identify(u, u->buf);
        u->count = 1;
        u->total = SECTOR;
        start_pio_in(a, u, SECTOR);
        break;
    case 0x20: /* READ SECTORS (with and without retries) */
    case 0x21: rw_command(a, u, false, false, 1); break;
    case 0x30: /* WRITE SECTORS */
    case 0x31: rw_command(a, u, true, false, 1); break;
    case 0xc4: /* READ MULTIPLE */
    case 0xc5: /* WRITE MULTIPLE */
        if (!u->mult) {
            cmd_abort(a, u, ER_ABRT);
            break;
        }
        rw_command(a, u, cmd == 0xc5, false, u->mult);
        break;
    case 0xc8: /* READ DMA */
    case 0xc9: rw_command(a, u, false, true, 0); break;
    case 0xca: /* WRITE DMA */
    case 0xcb: rw_command(a, u, true, true, 0); break;
    case 0x40: /* READ VERIFY SECTORS */
    case 0x41:
        if (setup_xfer(a, u, false)) {
            progress(u, u->count);
            cmd_ok(a, u);
        }
        break;
    case 0x91: /* INITIALIZE DEVICE PARAMETERS */
        if (!u->nsect) {
            cmd_abort(a, u, ER_ABRT);
            break;
        }
        u->cur_spt = u->nsect;
        u->cur_heads = (uint16_t)((u->select & 0xf) + 1);
        cmd_ok(a, u);
        break;
    case 0xc6: /* SET MULTIPLE MODE */
        if (u->nsect > MAX_MULT || (u->nsect & (u->nsect - 1))) {
            cmd_abort(a, u, ER_ABRT);
            break;
        }
        u->mult = u->nsect;
        cmd_ok(a, u);
        break;
    case 0xef: set_features(a, u); break;
    case 0xe7: /* FLUSH CACHE: the backend writes through */
    case 0xe0: /* STANDBY IMMEDIATE, IDLE IMMEDIATE, STANDBY, IDLE, SLEEP */
    case 0xe1:
    case 0xe2:
    case 0xe3:
    case 0xe6:
    case 0x94: /* their ATA-1/2 opcodes */
    case 0x95:
    case 0x96:
    case 0x97:
    case 0x99: cmd_ok(a, u); break;
    case 0xe5: /* CHECK POWER MODE: active */
    case 0x98:
        u->nsect = 0xff;
        cmd_ok(a, u);
        break;
    default:
        if ((cmd & 0xf0) == 0x10 || (cmd & 0xf0) == 0x70) {
            cmd_ok(a, u); /* RECALIBRATE, SEEK */
            break;
        }
        /* NOP, PACKET, IDENTIFY PACKET DEVICE, DEVICE RESET, 48-bit
         * commands and anything unknown: a disk aborts them. */
        clarus_log(a->env.log, LOG_DEBUG, "ata", "%s: command %02x aborted", a->dev.id, cmd);
        cmd_abort(a, u, ER_ABRT);
        break;
    }
}

/* ---- registers ---- */

static void control_write(macio_ata *a, uint8_t v)
{
    uint8_t old = a->devctl;
    a->devctl = v;
    if ((v & DC_SRST) && !(old & DC_SRST)) {
        /* SRST asserted: both devices stop and stay busy until it drops. */
        for (unsigned i = 0; i < 2; i++) {
            ata_unit *u = &a->unit[i];
            u->phase = PH_IDLE;
            u->intrq = false;
            if (u->kind != ATA_UNIT_NONE) u->status = ST_BSY;
        }
    } else if (!(v & DC_SRST) && (old & DC_SRST)) {
        /* Reset done: signatures in place, device 0 selected, no interrupt. */
        for (unsigned i = 0; i < 2; i++) reset_unit(&a->unit[i]);
        a->cur = 0;
    }
    update_irq(a);
}

static uint8_t taskfile_read(macio_ata *a, unsigned reg)
{
    if (!present(a, 0) && !present(a, 1)) return 0;
    ata_unit *u = &a->unit[a->cur];
    bool absent = !present(a, a->cur);
    switch (reg) {
    case R_ERROR: return absent ? 0 : u->error;
    case R_NSECT: return u->nsect;
    case R_SECT: return u->sect;
    case R_LCYL: return u->lcyl;
    case R_HCYL: return u->hcyl;
    case R_SELECT: return u->select;
    case R_STATUS:
        if (absent) return 0;
        u->intrq = false;
        update_irq(a);
        return u->status;
    default: /* alternate status: no side effect */ return absent ? 0 : u->status;
    }
}

static void taskfile_write(macio_ata *a, unsigned reg, uint8_t v)
{
    if (reg == R_STATUS) {
        ata_unit *u = &a->unit[a->cur];
        if (!present(a, a->cur)) {
            /* Only diagnostics reach the devices when the selected one is absent. */
            if (v == 0x90 && present(a, 0)) execute(a, &a->unit[0], v);
            return;
        }
        if (u->status & ST_BSY) return;
        u->intrq = false;
        update_irq(a);
        execute(a, u, v);
        return;
    }
    for (unsigned i = 0; i < 2; i++) {
        ata_unit *u = &a->unit[i];
        switch (reg) {
        case R_ERROR: u->feature = v; break;
        case R_NSECT: u->nsect = v; break;
        case R_SECT: u->sect = v; break;
        case R_LCYL: u->lcyl = v; break;
        case R_HCYL: u->hcyl = v; break;
        case R_SELECT: u->select = v | DH_OBS; break;
        default: break;
        }
    }
    if (reg == R_SELECT) {
        a->cur = (v & DH_DEV) ? 1 : 0;
        update_irq(a);
    }
}

/* An odd-sized last block of a packet command ends with a pad byte. */
static uint32_t data_read(macio_ata *a, unsigned size)
{
    ata_unit *u = &a->unit[a->cur];
    if (size == 1 || (u->phase != PH_PIO_IN && u->phase != PH_API_IN)) return size == 1 ? 0xff : 0;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        v <<= 8;
        if (u->pos < u->block_end) v |= u->buf[u->pos++];
    }
    if (u->pos >= u->block_end) {
        if (u->phase == PH_API_IN) {
            packet_block_done(a, u);
        } else {
            pio_block_done(a, u);
        }
    }
    return v;
}

static void data_write(macio_ata *a, uint32_t v, unsigned size)
{
    ata_unit *u = &a->unit[a->cur];
    if (size == 1 || (u->phase != PH_PIO_OUT && u->phase != PH_API_OUT && u->phase != PH_PACKET))
        return;
    uint8_t *dst = u->phase == PH_PACKET ? u->cdb : u->buf;
    for (unsigned i = 0; i < size && u->pos < u->block_end; i++)
        dst[u->pos++] = (uint8_t)(v >> (8 * (size - 1 - i)));
    if (u->pos < u->block_end) return;
    if (u->phase == PH_PACKET) {
        packet_command(a, u);
    } else if (u->phase == PH_API_OUT) {
        packet_block_done(a, u);
    } else {
        pio_block_done(a, u);
    }
}

/* The timing and interrupt words are little-endian: byte k of a word is
 * bits 8k..8k+7 of its value. */
static uint32_t lanes_read(uint32_t word, uint32_t offset, unsigned size)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) v = v << 8 | (word >> (8 * ((offset + i) & 3)) & 0xff);
    return v;
}

static uint32_t lanes_merge(uint32_t word, uint32_t offset, uint32_t value, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        unsigned lane = (offset + i) & 3;
        uint32_t byte = value >> (8 * (size - 1 - i)) & 0xff;
        word = (word & ~(0xffu << (8 * lane))) | byte << (8 * lane);
    }
    return word;
}

static uint32_t ata_read(void *opaque, uint32_t offset, unsigned size)
{
    macio_ata *a = opaque;
    offset &= MACIO_ATA_WINDOW_SIZE - 1;
    unsigned reg = offset >> 4;
    uint32_t ones = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
    switch (reg) {
    case R_DATA: return data_read(a, size);
    case R_ERROR:
    case R_NSECT:
    case R_SECT:
    case R_LCYL:
    case R_HCYL:
    case R_SELECT:
    case R_STATUS:
    case R_CONTROL:
    case R_CONTROL_ALT: return size == 1 ? taskfile_read(a, reg) : ones;
    case R_TIMING:
    case R_TIMING + 1:
    case R_TIMING + 2:
    case R_TIMING + 3:
        if ((offset & 0xf) >= 4) return 0;
        return lanes_read(a->timing[reg - R_TIMING], offset, size);
    case R_INTR:
        if ((offset & 0xf) >= 4) return 0;
        return lanes_read(a->irq_level ? 0x40000000u : 0, offset, size);
    default: return ones;
    }
}

static void ata_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    macio_ata *a = opaque;
    offset &= MACIO_ATA_WINDOW_SIZE - 1;
    unsigned reg = offset >> 4;
    switch (reg) {
    case R_DATA: data_write(a, value, size); break;
    case R_ERROR:
    case R_NSECT:
    case R_SECT:
    case R_LCYL:
    case R_HCYL:
    case R_SELECT:
    case R_STATUS:
        if (size == 1) taskfile_write(a, reg, (uint8_t)value);
        break;
    case R_CONTROL:
    case R_CONTROL_ALT:
        if (size == 1) control_write(a, (uint8_t)value);
        break;
    case R_TIMING:
    case R_TIMING + 1:
    case R_TIMING + 2:
    case R_TIMING + 3:
        if ((offset & 0xf) < 4)
            a->timing[reg - R_TIMING] = lanes_merge(a->timing[reg - R_TIMING], offset, value, size);
        break;
    default: break; /* the interrupt register: the DMA bit is not modelled */
    }
}

/* The data register delivers the next word of a sector at each read. */
static bool ata_streams(void *opaque, uint32_t offset)
{
    (void)opaque;
    return offset < 0x10;
}

static const mmio_ops ata_ops = {ata_read, ata_write, ata_streams};

/* ---- device ---- */

static void ata_reset(device *dev, reset_kind k)
{
    (void)k;
    macio_ata *a = (macio_ata *)dev;
    a->devctl = 0;
    a->cur = 0;
    memset(a->timing, 0, sizeof(a->timing));
    for (unsigned i = 0; i < 2; i++) {
        default_settings(&a->unit[i]);
        reset_unit(&a->unit[i]);
        a->unit[i].feature = 0;
        a->unit[i].cmd = 0;
        /* A hardware reset ends PREVENT MEDIUM REMOVAL and clears the sense. */
        a->unit[i].cd.prevent = false;
        atapi_cd_set_sense(&a->unit[i].cd, ATAPI_SENSE_NONE, 0, 0);
    }
    /* Local state only: the interrupt controller is reset too. */
    a->irq_level = false;
}

static void save_unit(const ata_unit *u, st_writer *w)
{
    st_put_u8(w, (uint8_t)u->kind);
    st_put_u8(w, u->feature);
    st_put_u8(w, u->error);
    st_put_u8(w, u->nsect);
    st_put_u8(w, u->sect);
    st_put_u8(w, u->lcyl);
    st_put_u8(w, u->hcyl);
    st_put_u8(w, u->select);
    st_put_u8(w, u->status);
    st_put_bool(w, u->intrq);
    st_put_u16(w, u->cur_heads);
    st_put_u16(w, u->cur_spt);
    st_put_u8(w, u->mult);
    st_put_u8(w, u->xfer_mode);
    st_put_bool(w, u->wcache);
    st_put_u8(w, u->cmd);
    st_put_u8(w, u->phase);
    st_put_u64(w, u->lba);
    st_put_u32(w, u->count);
    st_put_u32(w, u->total);
    st_put_u32(w, u->pos);
    st_put_u32(w, u->block);
    st_put_u32(w, u->block_end);
    if (u->phase != PH_IDLE) st_put_bytes(w, u->buf, u->total);
    if (u->kind == ATA_UNIT_ATAPI) {
        st_put_bytes(w, u->cdb, PACKET_SIZE);
        st_put_u16(w, u->limit);
        st_put_bool(w, u->dma);
        atapi_cd_save(&u->cd, w);
    }
}

static bool load_unit(ata_unit *u, st_reader *r)
{
    ata_unit_kind kind = (ata_unit_kind)st_get_u8(r);
    u->feature = st_get_u8(r);
    u->error = st_get_u8(r);
    u->nsect = st_get_u8(r);
    u->sect = st_get_u8(r);
    u->lcyl = st_get_u8(r);
    u->hcyl = st_get_u8(r);
    u->select = st_get_u8(r);
    u->status = st_get_u8(r);
    u->intrq = st_get_bool(r);
    u->cur_heads = st_get_u16(r);
    u->cur_spt = st_get_u16(r);
    u->mult = st_get_u8(r);
    u->xfer_mode = st_get_u8(r);
    u->wcache = st_get_bool(r);
    u->cmd = st_get_u8(r);
    u->phase = st_get_u8(r);
    u->lba = st_get_u64(r);
    u->count = st_get_u32(r);
    u->total = st_get_u32(r);
    u->pos = st_get_u32(r);
    u->block = st_get_u32(r);
    u->block_end = st_get_u32(r);
    /* The disk is wiring, not state: a state saved with another set of
     * drives does not fit this machine. */
    bool packet_phase = u->phase >= PH_PACKET;
    if (kind != u->kind || u->phase > PH_ADMA_OUT || u->total > BUF_SIZE || u->pos > u->total ||
        u->block_end > u->total || u->pos > u->block_end ||
        (packet_phase && kind != ATA_UNIT_ATAPI) ||
        (u->phase == PH_PACKET && u->block_end != PACKET_SIZE))
        return false;
    if (u->phase != PH_IDLE) {
        bool pio = u->phase == PH_PIO_IN || u->phase == PH_PIO_OUT;
        if (!u->buf || (pio && !u->block)) return false;
        st_get_bytes(r, u->buf, u->total);
    }
    if (kind == ATA_UNIT_ATAPI) {
        st_get_bytes(r, u->cdb, PACKET_SIZE);
        u->limit = st_get_u16(r);
        u->dma = st_get_bool(r);
        atapi_cd_load(&u->cd, r);
    }
    return true;
}

static void ata_save(const device *dev, st_writer *w)
{
    const macio_ata *a = (const macio_ata *)dev;
    st_put_u8(w, (uint8_t)a->cur);
    st_put_u8(w, a->devctl);
    for (unsigned i = 0; i < 4; i++) st_put_u32(w, a->timing[i]);
    for (unsigned i = 0; i < 2; i++) save_unit(&a->unit[i], w);
}

static bool ata_load(device *dev, st_reader *r, uint16_t version)
{
    macio_ata *a = (macio_ata *)dev;
    if (version > 2) return false; /* 2 added packet devices; disks saved alike */
    a->cur = st_get_u8(r) & 1;
    a->devctl = st_get_u8(r);
    for (unsigned i = 0; i < 4; i++) a->timing[i] = st_get_u32(r);
    for (unsigned i = 0; i < 2; i++) {
        if (!load_unit(&a->unit[i], r)) {
            ata_reset(dev, RESET_HARD);
            return false;
        }
    }
    a->irq_level = line_level(a);
    return st_chunk_ok(r);
}

static void ata_destroy(device *dev)
{
    macio_ata *a = (macio_ata *)dev;
    if (a->dma) dbdma_set_client(a->dma, a->dma_ch, NULL);
    for (unsigned i = 0; i < 2; i++) g_free(a->unit[i].buf);
    g_free(a);
}

static const device_class ata_class = {
    .type = "macio-ata",
    .desc = "mac-io ATA channel (Heathrow/KeyLargo), ATA disks and ATAPI CD-ROMs, PIO and DBDMA",
    .reset = ata_reset,
    .save = ata_save,
    .load = ata_load,
    .state_version = 2,
    .destroy = ata_destroy,
};

macio_ata *macio_ata_create(const device_env *env, const char *id)
{
    macio_ata *a = g_new0(macio_ata, 1);
    a->dev.cls = &ata_class;
    a->dev.id = id;
    a->env = *env;
    a->mmio.ops = &ata_ops;
    a->mmio.opaque = a;
    a->mmio.size = MACIO_ATA_WINDOW_SIZE;
    ata_reset(&a->dev, RESET_POWER_ON);
    return a;
}

const device_mmio *macio_ata_mmio(macio_ata *a)
{
    return &a->mmio;
}

void macio_ata_connect_irq(macio_ata *a, irq_line out)
{
    a->irq = out;
}

void macio_ata_attach_dma(macio_ata *a, dbdma *d, unsigned channel)
{
    if (a->dma) dbdma_set_client(a->dma, a->dma_ch, NULL);
    a->dma = d;
    a->dma_ch = channel;
    if (d) {
        dbdma_client c = {a, dma_transfer};
        dbdma_set_client(d, channel, &c);
    }
}

bool macio_ata_attach_disk(macio_ata *a, unsigned unit, const ata_disk_ops *ops)
{
    if (unit > 1 || !ops || !ops->sectors || !ops->read || !ops->write) return false;
    ata_unit *u = &a->unit[unit];
    if (u->kind != ATA_UNIT_NONE) return false;
    u->kind = ATA_UNIT_DISK;
    u->disk = *ops;
    u->buf = g_malloc0(MAX_SECTORS * SECTOR);
    /* Default geometry (ATA-6 annex: 16 heads, 63 sectors, at most 16383
     * cylinders); tiny disks get one head and fewer sectors a track. */
    uint64_t s = ops->sectors;
    if (s >= 16 * 63) {
        u->heads = 16;
        u->spt = 63;
        u->cyls = (uint16_t)(s / (16 * 63) > 16383 ? 16383 : s / (16 * 63));
    } else {
        u->heads = 1;
        u->spt = (uint16_t)(s < 63 ? s : 63);
        u->cyls = (uint16_t)(s / u->spt);
    }
    default_settings(u);
    reset_unit(u);
    u->select = a->unit[unit ^ 1].select;
    return true;
}

static bool media_ok(const atapi_media_ops *media)
{
    return !media || (media->sectors && media->read);
}

bool macio_ata_attach_cdrom(macio_ata *a, unsigned unit, const atapi_media_ops *media)
{
    if (unit > 1 || !media_ok(media)) return false;
    ata_unit *u = &a->unit[unit];
    if (u->kind != ATA_UNIT_NONE) return false;
    u->kind = ATA_UNIT_ATAPI;
    atapi_cd_init(&u->cd, media);
    u->buf = g_malloc0(BUF_SIZE);
    default_settings(u);
    reset_unit(u);
    u->select = a->unit[unit ^ 1].select;
    return true;
}

void macio_ata_change_media(macio_ata *a, unsigned unit, const atapi_media_ops *media)
{
    if (unit > 1 || a->unit[unit].kind != ATA_UNIT_ATAPI) {
        clarus_log(a->env.log, LOG_WARN, "ata", "%s: unit %u is not a CD-ROM drive", a->dev.id,
                   unit);
        return;
    }
    if (!media_ok(media)) {
        clarus_log(a->env.log, LOG_WARN, "ata", "%s: empty CD image not inserted", a->dev.id);
        return;
    }
    atapi_cd_change_media(&a->unit[unit].cd, media);
}

device *macio_ata_device(macio_ata *a)
{
    return &a->dev;
}
