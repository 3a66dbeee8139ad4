/* mac-io ATA channel: empty-channel probe, a RAM disk through PIO and
 * DBDMA, interrupts and nIEN, resets and the command set; an ATAPI CD-ROM
 * drive: signature, IDENTIFY PACKET DEVICE, packet commands by PIO and
 * DMA, sense data, media changes. */
#include <glib.h>
#include <string.h>

#include "core/bits.h"
#include "machines/dev/dbdma.h"
#include "machines/dev/macio_ata.h"

#define RAM_SIZE     (1u << 20)
#define DISK_SECTORS 4096u
#define DMA_CH       0

/* Task-file register numbers (offset = n << 4). */
enum { DATA, ERR, NSECT, SECT, LCYL, HCYL, SELECT, STATUS, CONTROL };
#define ALT 0x16

typedef struct ramdisk {
    uint8_t *data;
    unsigned reads, writes;
    bool fail;
} ramdisk;

static bool rd_read(void *ctx, uint64_t lba, uint32_t count, uint8_t *buf)
{
    ramdisk *r = ctx;
    r->reads++;
    if (r->fail) return false;
    g_assert_cmpuint(lba + count, <=, DISK_SECTORS);
    memcpy(buf, r->data + lba * 512, count * 512);
    return true;
}

static bool rd_write(void *ctx, uint64_t lba, uint32_t count, const uint8_t *buf)
{
    ramdisk *r = ctx;
    r->writes++;
    if (r->fail) return false;
    g_assert_cmpuint(lba + count, <=, DISK_SECTORS);
    memcpy(r->data + lba * 512, buf, count * 512);
    return true;
}

static uint8_t pattern(uint64_t lba, unsigned i)
{
    return (uint8_t)(lba * 13 + i + (i >> 8));
}

typedef struct fixture {
    sched s;
    mm_space *bus;
    uint8_t *ram;
    dbdma *dma;
    macio_ata *ata;
    const device_mmio *io, *dio;
    ramdisk disk;
    bool level;
    int rises;
} fixture;

static void irq_cb(void *opaque, unsigned n, bool level)
{
    fixture *f = opaque;
    g_assert_cmpuint(n, ==, 13);
    if (level && !f->level) f->rises++;
    f->level = level;
}

static void setup(fixture *f, bool with_disk)
{
    memset(f, 0, sizeof(*f));
    sched_init(&f->s);
    f->bus = mm_create(32);
    f->ram = g_malloc0(RAM_SIZE);
    g_assert_cmpint(mm_add_ram(f->bus, "ram", 0, RAM_SIZE, f->ram), >=, 0);
    mm_commit(f->bus);
    device_env env = {.bus = f->bus, .sched = &f->s};
    f->dma = dbdma_create(&env, "dbdma");
    f->ata = macio_ata_create(&env, "ata");
    macio_ata_connect_irq(f->ata, irq_line_make(irq_cb, f, 13));
    macio_ata_attach_dma(f->ata, f->dma, DMA_CH);
    if (with_disk) {
        f->disk.data = g_malloc(DISK_SECTORS * 512);
        for (unsigned s = 0; s < DISK_SECTORS; s++)
            for (unsigned i = 0; i < 512; i++) f->disk.data[s * 512 + i] = pattern(s, i);
        ata_disk_ops ops = {&f->disk, DISK_SECTORS, false, rd_read, rd_write};
        g_assert_true(macio_ata_attach_disk(f->ata, 0, &ops));
        g_assert_false(macio_ata_attach_disk(f->ata, 0, &ops)); /* in use */
        g_assert_false(macio_ata_attach_disk(f->ata, 2, &ops));
    }
    device_reset(dbdma_device(f->dma), RESET_POWER_ON);
    device_reset(macio_ata_device(f->ata), RESET_POWER_ON);
    f->io = macio_ata_mmio(f->ata);
    f->dio = dbdma_mmio(f->dma);
    g_assert_cmpuint(f->io->size, ==, 0x1000);
}

static void teardown(fixture *f)
{
    device_destroy(macio_ata_device(f->ata));
    device_destroy(dbdma_device(f->dma));
    mm_destroy(f->bus);
    g_free(f->ram);
    g_free(f->disk.data);
}

static uint8_t rb(fixture *f, unsigned reg)
{
    return (uint8_t)f->io->ops->read(f->io->opaque, reg << 4, 1);
}

static void wb(fixture *f, unsigned reg, uint8_t v)
{
    f->io->ops->write(f->io->opaque, reg << 4, v, 1);
}

/* The guest's lhbrx of the data register: an ATA word, little-endian. */
static uint16_t data_word(fixture *f)
{
    return __builtin_bswap16((uint16_t)f->io->ops->read(f->io->opaque, 0, 2));
}

static void lba_cmd(fixture *f, uint32_t lba, uint8_t count, uint8_t cmd)
{
    wb(f, SELECT, (uint8_t)(0xe0 | (lba >> 24 & 0xf)));
    wb(f, NSECT, count);
    wb(f, SECT, (uint8_t)lba);
    wb(f, LCYL, (uint8_t)(lba >> 8));
    wb(f, HCYL, (uint8_t)(lba >> 16));
    wb(f, STATUS, cmd);
}

static void test_empty_channel(void)
{
    fixture f;
    setup(&f, false);
    /* OpenBIOS's probe: status not ff, the 55/aa pattern does not stick. */
    for (unsigned unit = 0; unit < 2; unit++) {
        wb(&f, SELECT, unit ? 0xb0 : 0xa0);
        g_assert_cmphex(rb(&f, STATUS), ==, 0);
        g_assert_cmphex(rb(&f, CONTROL), ==, 0);
        g_assert_cmphex(rb(&f, ALT), ==, 0);
        wb(&f, NSECT, 0x55);
        wb(&f, SECT, 0xaa);
        g_assert_cmphex(rb(&f, NSECT), ==, 0);
        g_assert_cmphex(rb(&f, SECT), ==, 0);
        for (unsigned r = ERR; r <= STATUS; r++) g_assert_cmphex(rb(&f, r), ==, 0);
    }
    wb(&f, CONTROL, 0);
    wb(&f, STATUS, 0xec);
    g_assert_cmpint(f.rises, ==, 0);
    g_assert_cmphex(data_word(&f), ==, 0);
    /* The timing word reads back. */
    f.io->ops->write(f.io->opaque, 0x200, 0x25008500, 4);
    g_assert_cmphex(f.io->ops->read(f.io->opaque, 0x200, 4), ==, 0x25008500);
    g_assert_cmphex(f.io->ops->read(f.io->opaque, 0x201, 1), ==, 0x00);
    g_assert_cmphex(f.io->ops->read(f.io->opaque, 0x202, 1), ==, 0x85);
    teardown(&f);
}

static void test_probe_and_reset(void)
{
    fixture f;
    setup(&f, true);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    wb(&f, NSECT, 0x55);
    wb(&f, SECT, 0xaa);
    g_assert_cmphex(rb(&f, NSECT), ==, 0x55);
    g_assert_cmphex(rb(&f, SECT), ==, 0xaa);
    /* SRST: busy while asserted, then the ATA signature. */
    wb(&f, CONTROL, 0x06);
    g_assert_cmphex(rb(&f, ALT), ==, 0x80);
    wb(&f, CONTROL, 0x02);
    g_assert_cmphex(rb(&f, ALT), ==, 0x50);
    g_assert_cmphex(rb(&f, NSECT), ==, 1);
    g_assert_cmphex(rb(&f, SECT), ==, 1);
    g_assert_cmphex(rb(&f, LCYL), ==, 0);
    g_assert_cmphex(rb(&f, HCYL), ==, 0);
    g_assert_cmphex(rb(&f, ERR), ==, 1);
    g_assert_cmpint(f.rises, ==, 0);
    /* Device 1 is absent: status 0, signature ff/ff, commands ignored. */
    wb(&f, SELECT, 0xb0);
    g_assert_cmphex(rb(&f, STATUS), ==, 0);
    g_assert_cmphex(rb(&f, LCYL), ==, 0xff);
    g_assert_cmphex(rb(&f, HCYL), ==, 0xff);
    wb(&f, STATUS, 0xec);
    g_assert_cmphex(rb(&f, STATUS), ==, 0);
    g_assert_cmpint(f.rises, ==, 0);
    /* ... and the alternate status at 0x160 answers like register 8. */
    wb(&f, SELECT, 0xa0);
    g_assert_cmphex(rb(&f, ALT), ==, 0x50);
    teardown(&f);
}

static void test_identify(void)
{
    fixture f;
    setup(&f, true);
    wb(&f, CONTROL, 0);
    wb(&f, SELECT, 0xa0);
    wb(&f, STATUS, 0xec);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, ALT), ==, 0x58);
    g_assert_true(f.level); /* alternate status leaves INTRQ alone */
    g_assert_cmphex(rb(&f, STATUS), ==, 0x58);
    g_assert_false(f.level);
    uint16_t id[256];
    uint8_t sum = 0;
    for (unsigned i = 0; i < 256; i++) {
        id[i] = data_word(&f);
        sum += (uint8_t)id[i] + (uint8_t)(id[i] >> 8);
    }
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    g_assert_cmpint(f.rises, ==, 1); /* none after the last block */
    g_assert_cmphex(id[0], ==, 0x0040);
    char model[41];
    for (unsigned i = 0; i < 20; i++) {
        model[2 * i] = (char)(id[27 + i] >> 8);
        model[2 * i + 1] = (char)id[27 + i];
    }
    model[40] = 0;
    g_assert_cmpstr(g_strchomp(model), ==, "Clarus ATA disk");
    g_assert_cmphex(id[49] & 0x0300, ==, 0x0300);
    g_assert_cmpuint(id[60] | (uint32_t)id[61] << 16, ==, DISK_SECTORS);
    g_assert_cmpuint(id[83] & 0x0400, ==, 0); /* no 48-bit */
    g_assert_cmphex(id[255] & 0xff, ==, 0xa5);
    g_assert_cmpuint(sum, ==, 0);
    g_assert_cmpuint((uint32_t)id[1] * id[3] * id[6], <=, DISK_SECTORS);
    teardown(&f);
}

static void test_read_pio(void)
{
    fixture f;
    setup(&f, true);
    wb(&f, CONTROL, 0);
    lba_cmd(&f, 10, 3, 0x20);
    for (unsigned s = 0; s < 3; s++) {
        g_assert_true(f.level);
        g_assert_cmphex(rb(&f, STATUS), ==, 0x58);
        for (unsigned i = 0; i < 512; i += 4) {
            /* 4-byte accesses move two words, bytes in stream order. */
            uint32_t v = f.io->ops->read(f.io->opaque, 0, 4);
            uint8_t b[4];
            store_be32(b, v);
            for (unsigned k = 0; k < 4; k++) g_assert_cmphex(b[k], ==, pattern(10 + s, i + k));
        }
    }
    g_assert_cmpint(f.rises, ==, 3);
    g_assert_false(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    /* The task file holds the last sector read and no sectors left. */
    g_assert_cmphex(rb(&f, NSECT), ==, 0);
    g_assert_cmphex(rb(&f, SECT), ==, 12);
    g_assert_cmphex(rb(&f, SELECT), ==, 0xe0);

    /* Count 0 means 256 sectors; reading one word at a time works too. */
    lba_cmd(&f, 0x300, 0, 0x20);
    for (unsigned s = 0; s < 256; s++) {
        g_assert_cmphex(rb(&f, STATUS), ==, 0x58);
        uint16_t w = data_word(&f);
        g_assert_cmphex(w, ==, pattern(0x300 + s, 0) | pattern(0x300 + s, 1) << 8);
        for (unsigned i = 1; i < 256; i++) data_word(&f);
    }
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    teardown(&f);
}

static void test_write_pio(void)
{
    fixture f;
    setup(&f, true);
    wb(&f, CONTROL, 0);
    lba_cmd(&f, 100, 2, 0x30);
    g_assert_cmphex(rb(&f, ALT), ==, 0x58);
    g_assert_cmpint(f.rises, ==, 0); /* no interrupt before the first block */
    for (unsigned s = 0; s < 2; s++) {
        for (unsigned i = 0; i < 512; i += 2) {
            uint16_t w = (uint16_t)((s * 512 + i) ^ 0x5a5a);
            f.io->ops->write(f.io->opaque, 0, __builtin_bswap16(w), 2);
        }
        g_assert_true(f.level);
        g_assert_cmphex(rb(&f, STATUS), ==, s == 0 ? 0x58 : 0x50);
    }
    g_assert_cmpint(f.rises, ==, 2);
    for (unsigned s = 0; s < 2; s++)
        for (unsigned i = 0; i < 512; i += 2)
            g_assert_cmphex(load_le16(f.disk.data + (100 + s) * 512 + i), ==,
                            (uint16_t)((s * 512 + i) ^ 0x5a5a));
    g_assert_cmphex(f.disk.data[102 * 512], ==, pattern(102, 0));
    g_assert_cmphex(f.disk.data[99 * 512 + 511], ==, pattern(99, 511));
    teardown(&f);
}

static void test_nien(void)
{
    fixture f;
    setup(&f, true);
    wb(&f, CONTROL, 0x02);
    wb(&f, STATUS, 0xe7); /* FLUSH CACHE */
    g_assert_false(f.level);
    g_assert_cmphex(rb(&f, ALT), ==, 0x50);
    /* The interrupt is pending: clearing nIEN drives the line. */
    wb(&f, CONTROL, 0x00);
    g_assert_true(f.level);
    wb(&f, CONTROL, 0x02);
    g_assert_false(f.level);
    wb(&f, CONTROL, 0x00);
    g_assert_true(f.level);
    /* Selecting the absent device releases the line; reselecting restores it. */
    wb(&f, SELECT, 0xb0);
    g_assert_false(f.level);
    wb(&f, SELECT, 0xa0);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    g_assert_false(f.level);
    /* KeyLargo interrupt register mirrors INTRQ (bit 30, little-endian). */
    wb(&f, STATUS, 0xe7);
    g_assert_cmphex(f.io->ops->read(f.io->opaque, 0x300, 4), ==, 0x00000040);
    /* Writing a command clears a pending interrupt. */
    wb(&f, STATUS, 0xe7);
    g_assert_true(f.level); /* the new command's own completion */
    g_assert_cmpint(f.rises, ==, 5);
    rb(&f, STATUS);
    g_assert_cmphex(f.io->ops->read(f.io->opaque, 0x300, 4), ==, 0);
    teardown(&f);
}

static void dwr(fixture *f, uint32_t reg, uint32_t v)
{
    f->dio->ops->write(f->dio->opaque, DMA_CH * 0x100 + reg, __builtin_bswap32(v), 4);
}

static uint32_t drd(fixture *f, uint32_t reg)
{
    return __builtin_bswap32(f->dio->ops->read(f->dio->opaque, DMA_CH * 0x100 + reg, 4));
}

static void put_desc(fixture *f, uint32_t at, uint16_t req, uint16_t cmd, uint32_t addr)
{
    uint8_t *p = f->ram + at;
    store_le16(p, req);
    store_le16(p + 2, cmd);
    store_le32(p + 4, addr);
    store_le32(p + 8, 0);
    store_le32(p + 12, 0xffffffff);
}

static void test_read_dma(void)
{
    fixture f;
    setup(&f, true);
    wb(&f, CONTROL, 0);
    /* Linux's order: descriptors, channel running, then the command. */
    put_desc(&f, 0x1000, 512, DBDMA_CMD(DBDMA_INPUT_MORE, 0, 0, 0, 0), 0x10000);
    put_desc(&f, 0x1010, 512, DBDMA_CMD(DBDMA_INPUT_LAST, 0, 0, 0, 0), 0x20000);
    put_desc(&f, 0x1020, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0);
    dwr(&f, DBDMA_CMDPTR_LO, 0x1000);
    dwr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16 | DBDMA_RUN);
    sched_run_until(&f.s, sched_now(&f.s) + 10 * SCHED_PS_PER_US);
    g_assert_cmphex(drd(&f, DBDMA_CMDPTR_LO), ==, 0x1000); /* parked: no data yet */
    lba_cmd(&f, 5, 2, 0xc8);
    g_assert_cmphex(rb(&f, ALT), ==, 0x58);
    g_assert_false(f.level);
    sched_run_until(&f.s, sched_now(&f.s) + 100 * SCHED_PS_PER_US);
    for (unsigned i = 0; i < 512; i++) {
        g_assert_cmphex(f.ram[0x10000 + i], ==, pattern(5, i));
        g_assert_cmphex(f.ram[0x20000 + i], ==, pattern(6, i));
    }
    g_assert_cmphex(f.ram[0x20200], ==, 0);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    g_assert_cmphex(load_le16(f.ram + 0x1010 + 12), ==, 0);
    g_assert_cmphex(drd(&f, DBDMA_CMDPTR_LO), ==, 0x1020);
    g_assert_cmphex(drd(&f, DBDMA_STATUS) & DBDMA_ACTIVE, ==, 0);

    /* The other order: command first, then the channel; a single
     * descriptor spanning both sectors. */
    dwr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16);
    lba_cmd(&f, 7, 2, 0xc8);
    put_desc(&f, 0x1100, 1024, DBDMA_CMD(DBDMA_INPUT_LAST, 0, 0, 0, 0), 0x30000);
    put_desc(&f, 0x1110, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0);
    dwr(&f, DBDMA_CMDPTR_LO, 0x1100);
    dwr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16 | DBDMA_RUN);
    sched_run_until(&f.s, sched_now(&f.s) + 100 * SCHED_PS_PER_US);
    for (unsigned i = 0; i < 1024; i++)
        g_assert_cmphex(f.ram[0x30000 + i], ==, pattern(7 + i / 512, i % 512));
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    teardown(&f);
}

static void test_write_dma(void)
{
    fixture f;
    setup(&f, true);
    for (unsigned i = 0; i < 1024; i++) f.ram[0x40000 + i] = (uint8_t)(i * 3 + 1);
    put_desc(&f, 0x1000, 1024, DBDMA_CMD(DBDMA_OUTPUT_LAST, 0, 0, 0, 0), 0x40000);
    put_desc(&f, 0x1010, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0);
    dwr(&f, DBDMA_CMDPTR_LO, 0x1000);
    dwr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16 | DBDMA_RUN);
    wb(&f, CONTROL, 0);
    lba_cmd(&f, 200, 2, 0xca);
    sched_run_until(&f.s, sched_now(&f.s) + 100 * SCHED_PS_PER_US);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    g_assert_cmpmem(f.disk.data + 200 * 512, 1024, f.ram + 0x40000, 1024);
    g_assert_cmphex(f.disk.data[202 * 512], ==, pattern(202, 0));
    teardown(&f);
}

static void test_errors(void)
{
    fixture f;
    setup(&f, true);
    wb(&f, CONTROL, 0);
    /* Past the end: ID not found. */
    lba_cmd(&f, DISK_SECTORS - 1, 2, 0x20);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x51);
    g_assert_cmphex(rb(&f, ERR), ==, 0x10);
    /* A packet command on a disk, and an unknown opcode: aborted. */
    wb(&f, STATUS, 0xa1);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x51);
    g_assert_cmphex(rb(&f, ERR), ==, 0x04);
    wb(&f, STATUS, 0xfe);
    g_assert_cmphex(rb(&f, ERR), ==, 0x04);
    /* Success clears the error register. */
    wb(&f, STATUS, 0xe7);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    g_assert_cmphex(rb(&f, ERR), ==, 0x00);
    /* A failing backend is a media error. */
    f.disk.fail = true;
    lba_cmd(&f, 1, 1, 0x20);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x51);
    g_assert_cmphex(rb(&f, ERR), ==, 0x40);
    teardown(&f);
}

static void test_readonly(void)
{
    fixture f;
    setup(&f, false);
    uint8_t *data = g_malloc0(64 * 512);
    ramdisk rdisk = {.data = data};
    ata_disk_ops ops = {&rdisk, 64, true, rd_read, rd_write};
    g_assert_true(macio_ata_attach_disk(f.ata, 1, &ops));
    wb(&f, CONTROL, 0);
    wb(&f, SELECT, 0xb0);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    lba_cmd(&f, 0, 1, 0x30);
    /* lba_cmd selected device 0, which is absent: nothing happened. */
    g_assert_cmphex(rb(&f, STATUS), ==, 0);
    wb(&f, SELECT, 0xf0);
    wb(&f, STATUS, 0x30);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x51);
    g_assert_cmphex(rb(&f, ERR), ==, 0x04);
    g_assert_cmpuint(rdisk.writes, ==, 0);
    g_free(data);
    teardown(&f);
}

static void test_features_multiple_chs(void)
{
    fixture f;
    setup(&f, true);
    wb(&f, CONTROL, 0x02);
    /* SET FEATURES: Ultra DMA mode 2, then IDENTIFY shows it selected. */
    wb(&f, ERR, 0x03);
    wb(&f, NSECT, 0x42);
    wb(&f, STATUS, 0xef);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    wb(&f, ERR, 0x03);
    wb(&f, NSECT, 0x47); /* UDMA 7: not supported */
    wb(&f, STATUS, 0xef);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x51);
    /* SET MULTIPLE 4, then READ MULTIPLE 8 sectors: two DRQ blocks. */
    wb(&f, NSECT, 4);
    wb(&f, STATUS, 0xc6);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    wb(&f, NSECT, 3);
    wb(&f, STATUS, 0xc6);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x51);
    wb(&f, STATUS, 0xec);
    uint16_t id[256];
    for (unsigned i = 0; i < 256; i++) id[i] = data_word(&f);
    g_assert_cmphex(id[88], ==, 0x043f);
    g_assert_cmphex(id[59], ==, 0x0104);

    wb(&f, CONTROL, 0x00);
    int rises = f.rises;
    lba_cmd(&f, 40, 8, 0xc4);
    for (unsigned b = 0; b < 2; b++) {
        g_assert_cmphex(rb(&f, STATUS), ==, 0x58);
        for (unsigned i = 0; i < 4 * 256; i++) {
            uint16_t w = data_word(&f);
            unsigned s = 40 + b * 4 + i / 256, k = (i % 256) * 2;
            g_assert_cmphex(w, ==, pattern(s, k) | pattern(s, k + 1) << 8);
        }
    }
    g_assert_cmpint(f.rises - rises, ==, 2);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);

    /* INITIALIZE DEVICE PARAMETERS 4 heads x 16 sectors, then CHS
     * cylinder 2, head 3, sector 5 = LBA (2 * 4 + 3) * 16 + 4 = 180. */
    wb(&f, SELECT, 0xa3);
    wb(&f, NSECT, 16);
    wb(&f, STATUS, 0x91);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    wb(&f, SELECT, 0xa3);
    wb(&f, NSECT, 1);
    wb(&f, SECT, 5);
    wb(&f, LCYL, 2);
    wb(&f, HCYL, 0);
    wb(&f, STATUS, 0x20);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x58);
    g_assert_cmphex(data_word(&f), ==, pattern(180, 0) | pattern(180, 1) << 8);
    /* Sector 0 does not exist in CHS. */
    wb(&f, CONTROL, 0x06);
    wb(&f, CONTROL, 0x02);
    wb(&f, SELECT, 0xa0);
    wb(&f, NSECT, 1);
    wb(&f, SECT, 0);
    wb(&f, STATUS, 0x20);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x51);
    g_assert_cmphex(rb(&f, ERR), ==, 0x10);
    teardown(&f);
}

static void test_diagnostic(void)
{
    fixture f;
    setup(&f, true);
    wb(&f, CONTROL, 0);
    lba_cmd(&f, 0xf00, 9, 0x40); /* READ VERIFY leaves the address */
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    g_assert_cmphex(rb(&f, SECT), ==, 0x08);
    g_assert_cmphex(rb(&f, LCYL), ==, 0x0f);
    g_assert_cmphex(rb(&f, NSECT), ==, 0);
    wb(&f, SELECT, 0xa0);
    wb(&f, STATUS, 0x90);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    g_assert_cmphex(rb(&f, ERR), ==, 0x01);
    g_assert_cmphex(rb(&f, NSECT), ==, 1);
    g_assert_cmphex(rb(&f, SECT), ==, 1);
    g_assert_cmphex(rb(&f, LCYL), ==, 0);
    g_assert_cmphex(rb(&f, HCYL), ==, 0);
    teardown(&f);
}

static void test_save_load(void)
{
    fixture f;
    setup(&f, true);
    wb(&f, CONTROL, 0);
    lba_cmd(&f, 30, 2, 0x20);
    rb(&f, STATUS);
    for (unsigned i = 0; i < 100; i++) data_word(&f);

    device *dev = macio_ata_device(f.ata);
    st_writer *w = st_writer_new();
    st_begin_chunk(w, dev->id, dev->cls->state_version);
    dev->cls->save(dev, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);

    device_reset(dev, RESET_HARD);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x50);
    st_reader *r = st_reader_new(img, len, NULL);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "ata", &ver));
    g_assert_true(dev->cls->load(dev, r, ver));
    st_reader_free(r);
    g_free(img);
    /* The transfer resumes at word 100 of sector 30. */
    g_assert_cmphex(rb(&f, ALT), ==, 0x58);
    g_assert_cmphex(data_word(&f), ==, pattern(30, 200) | pattern(30, 201) << 8);
    for (unsigned i = 101; i < 256; i++) data_word(&f);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x58);
    g_assert_cmphex(data_word(&f), ==, pattern(31, 0) | pattern(31, 1) << 8);
    teardown(&f);
}

/* ---- ATAPI CD-ROM ---- */

#define CD_SECTORS 1000u

typedef struct cdimage {
    uint8_t *data;
    unsigned reads;
    bool fail;
} cdimage;

static uint8_t cd_pattern(uint64_t lba, unsigned i)
{
    return (uint8_t)(lba * 7 + i * 3 + (i >> 8));
}

static bool cd_read(void *ctx, uint64_t lba, uint32_t count, uint8_t *buf)
{
    cdimage *c = ctx;
    c->reads++;
    if (c->fail) return false;
    g_assert_cmpuint(lba + count, <=, CD_SECTORS);
    memcpy(buf, c->data + lba * 2048, (size_t)count * 2048);
    return true;
}

static cdimage *cd_image_new(void)
{
    cdimage *c = g_new0(cdimage, 1);
    c->data = g_malloc((size_t)CD_SECTORS * 2048);
    for (unsigned s = 0; s < CD_SECTORS; s++)
        for (unsigned i = 0; i < 2048; i++) c->data[s * 2048 + i] = cd_pattern(s, i);
    return c;
}

static void cd_image_free(cdimage *c)
{
    g_free(c->data);
    g_free(c);
}

static atapi_media_ops cd_ops(cdimage *c)
{
    atapi_media_ops m = {c, CD_SECTORS, cd_read};
    return m;
}

/* A channel with a CD-ROM drive as unit 0 (empty when c is NULL). */
static void cd_setup(fixture *f, cdimage *c)
{
    setup(f, false);
    atapi_media_ops m = c ? cd_ops(c) : (atapi_media_ops){0};
    g_assert_true(macio_ata_attach_cdrom(f->ata, 0, c ? &m : NULL));
    g_assert_false(macio_ata_attach_cdrom(f->ata, 0, NULL)); /* in use */
    g_assert_false(macio_ata_attach_cdrom(f->ata, 2, NULL));
    atapi_media_ops bad = {c, 0, cd_read};
    g_assert_false(macio_ata_attach_cdrom(f->ata, 1, &bad));
    device_reset(macio_ata_device(f->ata), RESET_POWER_ON);
    wb(f, CONTROL, 0);
}

/* Writes PACKET and the 12-byte command packet. */
static void packet(fixture *f, const uint8_t *cdb, uint16_t limit, bool dma)
{
    wb(f, ERR, dma ? 0x01 : 0x00);
    wb(f, LCYL, (uint8_t)limit);
    wb(f, HCYL, (uint8_t)(limit >> 8));
    wb(f, SELECT, 0xa0);
    wb(f, STATUS, 0xa0);
    /* Ready for the packet: DRQ, CoD=1 IO=0, no interrupt. */
    g_assert_cmphex(rb(f, ALT), ==, 0x48);
    g_assert_cmphex(rb(f, NSECT), ==, 0x01);
    for (unsigned i = 0; i < 12; i += 2)
        f->io->ops->write(f->io->opaque, 0, (uint32_t)cdb[i] << 8 | cdb[i + 1], 2);
}

typedef struct pio_result {
    uint32_t bytes;
    unsigned blocks;
    uint32_t max_block;
    uint8_t status, error;
} pio_result;

/* Reads a PIO data-in phase the way a driver does: one DRQ block per
 * interrupt, its size from LBA mid/high. */
static pio_result pio_in(fixture *f, uint8_t *buf, uint32_t max)
{
    pio_result r = {0};
    for (;;) {
        g_assert_true(f->level);
        uint8_t st = rb(f, STATUS);
        g_assert_false(f->level);
        if (!(st & 0x08)) {
            g_assert_cmphex(rb(f, NSECT), ==, 0x03); /* CoD=1 IO=1: status phase */
            r.status = st;
            r.error = rb(f, ERR);
            return r;
        }
        g_assert_cmphex(st, ==, 0x48);
        g_assert_cmphex(rb(f, NSECT), ==, 0x02); /* IO=1: data to the host */
        uint32_t bc = rb(f, LCYL) | (uint32_t)rb(f, HCYL) << 8;
        g_assert_cmpuint(bc, >, 0);
        r.blocks++;
        if (bc > r.max_block) r.max_block = bc;
        for (uint32_t i = 0; i < bc; i += 2) {
            uint16_t w = data_word(f);
            g_assert_cmpuint(r.bytes + i + 1, <=, max);
            buf[r.bytes + i] = (uint8_t)w;
            if (i + 1 < bc) buf[r.bytes + i + 1] = (uint8_t)(w >> 8);
        }
        r.bytes += bc;
    }
}

/* A packet command with no data expected: its status and error. */
static pio_result cd_cmd(fixture *f, const uint8_t *cdb, uint8_t *buf, uint32_t max)
{
    packet(f, cdb, (uint16_t)(max > 0xfffe ? 0xfffe : max), false);
    return pio_in(f, buf, max);
}

static void expect_sense(fixture *f, uint8_t key, uint8_t asc, uint8_t ascq)
{
    uint8_t cdb[12] = {0x03, 0, 0, 0, 18};
    uint8_t sense[18];
    pio_result r = cd_cmd(f, cdb, sense, sizeof(sense));
    g_assert_cmphex(r.status, ==, 0x40);
    g_assert_cmpuint(r.bytes, ==, 18);
    g_assert_cmphex(sense[0], ==, 0x70);
    g_assert_cmphex(sense[2] & 0x0f, ==, key);
    g_assert_cmphex(sense[7], ==, 10);
    g_assert_cmphex(sense[12], ==, asc);
    g_assert_cmphex(sense[13], ==, ascq);
}

static void expect_check(fixture *f, const uint8_t *cdb, uint8_t key, uint8_t asc, uint8_t ascq)
{
    uint8_t buf[64];
    pio_result r = cd_cmd(f, cdb, buf, sizeof(buf));
    g_assert_cmphex(r.status, ==, 0x41);
    g_assert_cmpuint(r.bytes, ==, 0);
    g_assert_cmphex(r.error >> 4, ==, key);
    expect_sense(f, key, asc, ascq);
}

static void expect_good(fixture *f, const uint8_t *cdb)
{
    uint8_t buf[64];
    pio_result r = cd_cmd(f, cdb, buf, sizeof(buf));
    g_assert_cmphex(r.status, ==, 0x40);
    g_assert_cmpuint(r.bytes, ==, 0);
}

static void test_atapi_signature(void)
{
    fixture f;
    cd_setup(&f, NULL);
    /* After power-on: status 0 (a packet device leaves DRDY clear), the
     * PACKET feature set signature. */
    g_assert_cmphex(rb(&f, STATUS), ==, 0x00);
    g_assert_cmphex(rb(&f, NSECT), ==, 1);
    g_assert_cmphex(rb(&f, SECT), ==, 1);
    g_assert_cmphex(rb(&f, LCYL), ==, 0x14);
    g_assert_cmphex(rb(&f, HCYL), ==, 0xeb);
    /* OpenBIOS's ob_ide_device_check: the 55/aa pattern sticks. */
    wb(&f, NSECT, 0x55);
    wb(&f, SECT, 0xaa);
    g_assert_cmphex(rb(&f, NSECT), ==, 0x55);
    g_assert_cmphex(rb(&f, SECT), ==, 0xaa);
    /* SRST: busy while asserted, then the signature again, no interrupt. */
    wb(&f, CONTROL, 0x06);
    g_assert_cmphex(rb(&f, ALT), ==, 0x80);
    wb(&f, CONTROL, 0x02);
    g_assert_cmphex(rb(&f, ALT), ==, 0x00);
    g_assert_cmphex(rb(&f, NSECT), ==, 1);
    g_assert_cmphex(rb(&f, SECT), ==, 1);
    g_assert_cmphex(rb(&f, LCYL), ==, 0x14);
    g_assert_cmphex(rb(&f, HCYL), ==, 0xeb);
    g_assert_cmphex(rb(&f, ERR), ==, 0x01);
    /* The absent unit 1: status 0 and ff/ff, so the probe drops it. */
    wb(&f, SELECT, 0xb0);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x00);
    g_assert_cmphex(rb(&f, NSECT), ==, 1);
    g_assert_cmphex(rb(&f, LCYL), ==, 0xff);
    g_assert_cmphex(rb(&f, HCYL), ==, 0xff);
    wb(&f, SELECT, 0xa0);
    g_assert_cmpint(f.rises, ==, 0);
    /* After a command, DEVICE RESET brings the signature back without an
     * interrupt. */
    wb(&f, CONTROL, 0x00);
    wb(&f, STATUS, 0xe5); /* CHECK POWER MODE */
    g_assert_cmphex(rb(&f, STATUS), ==, 0x40);
    g_assert_cmphex(rb(&f, NSECT), ==, 0xff);
    int rises = f.rises;
    wb(&f, STATUS, 0x08);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x00);
    g_assert_cmphex(rb(&f, LCYL), ==, 0x14);
    g_assert_cmphex(rb(&f, HCYL), ==, 0xeb);
    g_assert_cmphex(rb(&f, NSECT), ==, 1);
    g_assert_cmpint(f.rises, ==, rises);
    g_assert_false(f.level);
    teardown(&f);
}

static void test_atapi_identify(void)
{
    fixture f;
    cd_setup(&f, NULL);
    /* IDENTIFY DEVICE: aborted, the signature in the task file. */
    wb(&f, NSECT, 0);
    wb(&f, LCYL, 0);
    wb(&f, HCYL, 0);
    wb(&f, STATUS, 0xec);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x41);
    g_assert_cmphex(rb(&f, ERR), ==, 0x04);
    g_assert_cmphex(rb(&f, LCYL), ==, 0x14);
    g_assert_cmphex(rb(&f, HCYL), ==, 0xeb);
    g_assert_cmphex(rb(&f, NSECT), ==, 1);
    g_assert_cmphex(data_word(&f), ==, 0); /* no data phase */
    /* IDENTIFY PACKET DEVICE: one 512-byte PIO block. */
    wb(&f, STATUS, 0xa1);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x48);
    uint16_t id[256];
    uint8_t sum = 0;
    for (unsigned i = 0; i < 256; i++) {
        id[i] = data_word(&f);
        sum += (uint8_t)id[i] + (uint8_t)(id[i] >> 8);
    }
    g_assert_cmphex(rb(&f, STATUS), ==, 0x40);
    g_assert_cmphex(id[0], ==, 0x85c0);             /* ATAPI, 50 us DRQ, 12-byte packets */
    g_assert_cmphex((id[0] >> 8) & 0x1f, ==, 0x05); /* what OpenBIOS takes as "cdrom" */
    g_assert_cmphex(id[0] & 0x0080, ==, 0x0080);    /* removable */
    char model[41];
    for (unsigned i = 0; i < 20; i++) {
        model[2 * i] = (char)(id[27 + i] >> 8);
        model[2 * i + 1] = (char)id[27 + i];
    }
    model[40] = 0;
    g_assert_cmpstr(g_strchomp(model), ==, "CLARUS CD-ROM");
    g_assert_cmphex(id[49] & 0x0300, ==, 0x0300);
    g_assert_cmphex(id[82] & 0x0010, ==, 0x0010); /* PACKET feature set */
    g_assert_cmphex(id[255] & 0xff, ==, 0xa5);
    g_assert_cmpuint(sum, ==, 0);
    /* The task file was not rewritten as for a disk read. */
    g_assert_cmphex(rb(&f, LCYL), ==, 0x14);
    teardown(&f);
}

static void test_atapi_empty(void)
{
    fixture f;
    cd_setup(&f, NULL);
    uint8_t tur[12] = {0x00};
    expect_check(&f, tur, 2, 0x3a, 0x00);
    /* The sense was read: the next REQUEST SENSE has nothing. */
    expect_sense(&f, 0, 0, 0);
    uint8_t cap[12] = {0x25};
    expect_check(&f, cap, 2, 0x3a, 0x00);
    uint8_t rd[12] = {0x28, 0, 0, 0, 0, 0, 0, 0, 1};
    expect_check(&f, rd, 2, 0x3a, 0x00);
    /* INQUIRY needs no disc. */
    uint8_t inq[12] = {0x12, 0, 0, 0, 96};
    uint8_t buf[96];
    pio_result r = cd_cmd(&f, inq, buf, sizeof(buf));
    g_assert_cmphex(r.status, ==, 0x40);
    g_assert_cmpuint(r.bytes, ==, 36);
    g_assert_cmphex(buf[0], ==, 0x05);
    g_assert_cmphex(buf[1], ==, 0x80);
    g_assert_cmpmem(buf + 8, 8, "CLARUS  ", 8);
    g_assert_cmpmem(buf + 16, 16, "CD-ROM          ", 16);
    /* Vital product data: the page list; an unknown page is refused. */
    uint8_t vpd[12] = {0x12, 0x01, 0x00, 0, 96};
    r = cd_cmd(&f, vpd, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 6);
    g_assert_cmphex(buf[5], ==, 0x80);
    vpd[2] = 0x83;
    expect_check(&f, vpd, 5, 0x24, 0);
    /* GET CONFIGURATION: no current profile; the CD-ROM profile listed. */
    uint8_t conf[12] = {0x46, 0x02, 0, 0, 0, 0, 0, 0, 64};
    r = cd_cmd(&f, conf, buf, sizeof(buf));
    g_assert_cmphex(r.status, ==, 0x40);
    g_assert_cmphex(load_be16(buf + 6), ==, 0x0000);
    g_assert_cmphex(load_be16(buf + 8), ==, 0x0000);  /* profile list feature */
    g_assert_cmphex(load_be16(buf + 12), ==, 0x0008); /* CD-ROM */
    g_assert_cmphex(buf[14] & 1, ==, 0);
    /* GET EVENT STATUS NOTIFICATION (polled, media class): no medium. */
    uint8_t gesn[12] = {0x4a, 0x01, 0, 0, 0x10, 0, 0, 0, 8};
    r = cd_cmd(&f, gesn, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 8);
    g_assert_cmphex(buf[2], ==, 0x04);
    g_assert_cmphex(buf[4], ==, 0);
    g_assert_cmphex(buf[5] & 0x02, ==, 0);
    /* ... asynchronous notification is refused. */
    gesn[1] = 0;
    expect_check(&f, gesn, 5, 0x24, 0);
    teardown(&f);
}

/* OpenBIOS drivers/ide.c on an empty drive at unit 0: probe, reset, type
 * check, IDENTIFY PACKET through its PIO data-in loop, then a TEST UNIT
 * READY that fails with "medium not present" without retries. */
static void test_atapi_openbios_probe(void)
{
    fixture f;
    cd_setup(&f, NULL);
    g_assert_cmphex(rb(&f, STATUS), !=, 0xff);
    wb(&f, SELECT, 0xa0);
    wb(&f, NSECT, 0x55);
    wb(&f, SECT, 0xaa);
    wb(&f, NSECT, 0xaa);
    wb(&f, SECT, 0x55);
    wb(&f, NSECT, 0x55);
    wb(&f, SECT, 0xaa);
    g_assert_cmphex(rb(&f, NSECT), ==, 0x55);
    g_assert_cmphex(rb(&f, SECT), ==, 0xaa);
    wb(&f, CONTROL, 0x06);
    wb(&f, CONTROL, 0x02);
    g_assert_cmphex(rb(&f, STATUS) & 0x80, ==, 0);
    g_assert_cmphex(rb(&f, NSECT), ==, 1);
    g_assert_cmphex(rb(&f, SECT), ==, 1);
    g_assert_cmphex(rb(&f, LCYL), ==, 0x14);
    g_assert_cmphex(rb(&f, HCYL), ==, 0xeb);
    /* IDENTIFY PACKET, polled: no BSY, no ERR, DRQ. */
    wb(&f, ERR, 0);
    wb(&f, SELECT, 0x00);
    wb(&f, STATUS, 0xa1);
    uint8_t st = rb(&f, STATUS);
    g_assert_cmphex(st & 0x89, ==, 0x08);
    for (unsigned i = 0; i < 256; i++) data_word(&f);
    g_assert_cmphex(rb(&f, STATUS) & 0x89, ==, 0x00);
    /* ob_ide_pio_packet with TEST UNIT READY: after PACKET, ASTATUS has
     * DRQ; after the packet, BSY and DRQ clear with ERR. */
    wb(&f, LCYL, 0);
    wb(&f, HCYL, 0);
    wb(&f, STATUS, 0xa0);
    g_assert_cmphex(rb(&f, ALT) & 0x89, ==, 0x08);
    for (unsigned i = 0; i < 6; i++) f.io->ops->write(f.io->opaque, 0, 0, 2);
    st = rb(&f, STATUS);
    g_assert_cmphex(st & 0x89, ==, 0x01);
    g_assert_cmpint(f.rises, ==, 0); /* nIEN held the line throughout */
    wb(&f, CONTROL, 0x00);
    g_assert_false(f.level); /* reading Status took the pending interrupt */
    expect_sense(&f, 2, 0x3a, 0);
    teardown(&f);
}

static void test_atapi_read_pio(void)
{
    cdimage *c = cd_image_new();
    fixture f;
    cd_setup(&f, c);
    uint8_t tur[12] = {0x00};
    expect_good(&f, tur);
    uint8_t cap[12] = {0x25};
    uint8_t buf[8];
    pio_result r = cd_cmd(&f, cap, buf, sizeof(buf));
    g_assert_cmphex(r.status, ==, 0x40);
    g_assert_cmpuint(r.bytes, ==, 8);
    g_assert_cmpuint(load_be32(buf), ==, CD_SECTORS - 1);
    g_assert_cmpuint(load_be32(buf + 4), ==, 2048);

    static const struct {
        uint16_t limit;
        uint32_t lba, count;
        unsigned blocks;
        uint32_t max_block;
        bool twelve;
    } cases[] = {
        {4096, 10, 5, 3, 4096, false},      /* 2 + 2 + 1 sectors */
        {3000, 10, 3, 3, 2048, false},      /* cut to whole sectors */
        {1000, 20, 2, 5, 1000, false},      /* below a sector: 4 x 1000 + 96 */
        {0xffff, 100, 100, 5, 63488, true}, /* READ(12): 31 + 31 + 2 | 31 + 5 */
    };
    uint8_t *data = g_malloc(100 * 2048);
    for (unsigned k = 0; k < G_N_ELEMENTS(cases); k++) {
        uint8_t cdb[12] = {0};
        cdb[0] = cases[k].twelve ? 0xa8 : 0x28;
        store_be32(cdb + 2, cases[k].lba);
        if (cases[k].twelve) {
            store_be32(cdb + 6, cases[k].count);
        } else {
            store_be16(cdb + 7, (uint16_t)cases[k].count);
        }
        int rises = f.rises;
        packet(&f, cdb, cases[k].limit, false);
        r = pio_in(&f, data, 100 * 2048);
        g_assert_cmphex(r.status, ==, 0x40);
        g_assert_cmpuint(r.bytes, ==, cases[k].count * 2048);
        g_assert_cmpuint(r.blocks, ==, cases[k].blocks);
        g_assert_cmpuint(r.max_block, ==, cases[k].max_block);
        /* One interrupt per DRQ block and one for the status. */
        g_assert_cmpint(f.rises - rises, ==, (int)cases[k].blocks + 1);
        for (uint32_t i = 0; i < r.bytes; i++)
            if (data[i] != cd_pattern(cases[k].lba + i / 2048, i % 2048))
                g_error("case %u: byte %u differs", k, i);
    }
    g_free(data);
    /* A zero-length read is a good status with no data. */
    uint8_t rd0[12] = {0x28, 0, 0, 0, 0, 5};
    expect_good(&f, rd0);
    teardown(&f);
    cd_image_free(c);
}

static void test_atapi_read_dma(void)
{
    cdimage *c = cd_image_new();
    fixture f;
    cd_setup(&f, c);
    put_desc(&f, 0x1000, 2048, DBDMA_CMD(DBDMA_INPUT_MORE, 0, 0, 0, 0), 0x10000);
    put_desc(&f, 0x1010, 4096, DBDMA_CMD(DBDMA_INPUT_LAST, 0, 0, 0, 0), 0x20000);
    put_desc(&f, 0x1020, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0);
    dwr(&f, DBDMA_CMDPTR_LO, 0x1000);
    dwr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16 | DBDMA_RUN);
    sched_run_until(&f.s, sched_now(&f.s) + 10 * SCHED_PS_PER_US);
    g_assert_cmphex(drd(&f, DBDMA_CMDPTR_LO), ==, 0x1000);
    uint8_t cdb[12] = {0x28, 0, 0, 0, 0, 20, 0, 0, 3};
    packet(&f, cdb, 0, true);
    g_assert_cmphex(rb(&f, ALT), ==, 0x48);
    g_assert_cmphex(rb(&f, NSECT), ==, 0x02);
    g_assert_false(f.level);
    sched_run_until(&f.s, sched_now(&f.s) + 200 * SCHED_PS_PER_US);
    for (unsigned i = 0; i < 2048; i++) g_assert_cmphex(f.ram[0x10000 + i], ==, cd_pattern(20, i));
    for (unsigned i = 0; i < 4096; i++)
        g_assert_cmphex(f.ram[0x20000 + i], ==, cd_pattern(21 + i / 2048, i % 2048));
    g_assert_cmphex(f.ram[0x21000], ==, 0);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x40);
    g_assert_cmphex(rb(&f, NSECT), ==, 0x03);
    g_assert_cmphex(drd(&f, DBDMA_CMDPTR_LO), ==, 0x1020);

    /* 70 sectors, more than the drive stages at once, in descriptors of
     * 16 sectors and one of 6. */
    dwr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16);
    for (unsigned d = 0; d < 4; d++)
        put_desc(&f, 0x1100 + 16 * d, 16 * 2048, DBDMA_CMD(DBDMA_INPUT_MORE, 0, 0, 0, 0),
                 0x40000 + d * 16 * 2048);
    put_desc(&f, 0x1140, 6 * 2048, DBDMA_CMD(DBDMA_INPUT_LAST, 0, 0, 0, 0), 0x40000 + 64 * 2048);
    put_desc(&f, 0x1150, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0);
    uint8_t cdb2[12] = {0xa8, 0, 0, 0, 0x01, 0x00, 0, 0, 0, 70};
    packet(&f, cdb2, 0xfffe, true);
    dwr(&f, DBDMA_CMDPTR_LO, 0x1100);
    dwr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16 | DBDMA_RUN);
    sched_run_until(&f.s, sched_now(&f.s) + 5000 * SCHED_PS_PER_US);
    for (unsigned i = 0; i < 70 * 2048; i++)
        if (f.ram[0x40000 + i] != cd_pattern(256 + i / 2048, i % 2048))
            g_error("DMA byte %u differs", i);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x40);

    /* A data-out packet by DMA (MODE SELECT's parameter list), and a
     * CHECK CONDITION with DMA requested: no data phase, ERR at once. */
    dwr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16);
    put_desc(&f, 0x1200, 16, DBDMA_CMD(DBDMA_OUTPUT_LAST, 0, 0, 0, 0), 0x30000);
    put_desc(&f, 0x1210, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0);
    dwr(&f, DBDMA_CMDPTR_LO, 0x1200);
    dwr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16 | DBDMA_RUN);
    uint8_t sel[12] = {0x55, 0x10, 0, 0, 0, 0, 0, 0, 16};
    packet(&f, sel, 16, true);
    g_assert_cmphex(rb(&f, NSECT), ==, 0x00); /* IO=0: data to the device */
    sched_run_until(&f.s, sched_now(&f.s) + 100 * SCHED_PS_PER_US);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x40);
    g_assert_cmphex(rb(&f, NSECT), ==, 0x03);
    g_assert_cmphex(drd(&f, DBDMA_CMDPTR_LO), ==, 0x1210);
    uint8_t bad[12] = {0x28, 0, 0xff, 0, 0, 0, 0, 0, 1};
    packet(&f, bad, 0, true);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x41);
    g_assert_cmphex(rb(&f, ERR), ==, 0x54);
    teardown(&f);
    cd_image_free(c);
}

static void test_atapi_toc(void)
{
    cdimage *c = cd_image_new();
    fixture f;
    cd_setup(&f, c);
    uint8_t buf[64];
    /* Format 0, LBA: track 1 at 0, lead-out at the capacity. */
    uint8_t toc[12] = {0x43, 0, 0, 0, 0, 0, 0, 0, 64};
    pio_result r = cd_cmd(&f, toc, buf, sizeof(buf));
    g_assert_cmphex(r.status, ==, 0x40);
    g_assert_cmpuint(r.bytes, ==, 20);
    g_assert_cmpuint(load_be16(buf), ==, 18);
    g_assert_cmphex(buf[2], ==, 1);
    g_assert_cmphex(buf[3], ==, 1);
    g_assert_cmphex(buf[5], ==, 0x14);
    g_assert_cmphex(buf[6], ==, 1);
    g_assert_cmpuint(load_be32(buf + 8), ==, 0);
    g_assert_cmphex(buf[14], ==, 0xaa);
    g_assert_cmpuint(load_be32(buf + 16), ==, CD_SECTORS);
    /* MSF: 00:02:00 and 1150 frames = 00:15:25. */
    toc[1] = 0x02;
    r = cd_cmd(&f, toc, buf, sizeof(buf));
    g_assert_cmphex(load_be32(buf + 8), ==, 0x00000200);
    g_assert_cmphex(load_be32(buf + 16), ==, 0x00000f19);
    /* Starting at the lead-out: only it; at track 2: no such track. */
    toc[6] = 0xaa;
    r = cd_cmd(&f, toc, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 12);
    g_assert_cmphex(buf[6], ==, 0xaa);
    toc[6] = 2;
    expect_check(&f, toc, 5, 0x24, 0);
    /* Format 1: one session, its first track 1 at LBA 0. */
    uint8_t ses[12] = {0x43, 0, 0x01, 0, 0, 0, 0, 0, 12};
    r = cd_cmd(&f, ses, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 12);
    g_assert_cmpuint(load_be16(buf), ==, 10);
    g_assert_cmphex(buf[6], ==, 1);
    g_assert_cmpuint(load_be32(buf + 8), ==, 0);
    /* The allocation length cuts the reply. */
    toc[1] = 0;
    toc[6] = 0;
    toc[8] = 4;
    r = cd_cmd(&f, toc, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 4);
    g_assert_cmpuint(load_be16(buf), ==, 18);
    teardown(&f);
    cd_image_free(c);
}

static void test_atapi_media_change(void)
{
    cdimage *c = cd_image_new();
    fixture f;
    cd_setup(&f, NULL);
    uint8_t tur[12] = {0x00};
    expect_check(&f, tur, 2, 0x3a, 0);
    atapi_media_ops m = cd_ops(c);
    macio_ata_change_media(f.ata, 0, &m);
    /* INQUIRY runs under a unit attention and leaves it pending. */
    uint8_t inq[12] = {0x12, 0, 0, 0, 36};
    uint8_t buf[64];
    pio_result r = cd_cmd(&f, inq, buf, sizeof(buf));
    g_assert_cmphex(r.status, ==, 0x40);
    /* Once: UNIT ATTENTION, medium may have changed; then ready. */
    expect_check(&f, tur, 6, 0x28, 0);
    expect_good(&f, tur);
    expect_good(&f, tur);
    /* GET EVENT STATUS reports the new medium once. */
    uint8_t gesn[12] = {0x4a, 0x01, 0, 0, 0x10, 0, 0, 0, 8};
    r = cd_cmd(&f, gesn, buf, sizeof(buf));
    g_assert_cmphex(buf[4], ==, 2);
    g_assert_cmphex(buf[5] & 0x02, ==, 0x02);
    r = cd_cmd(&f, gesn, buf, sizeof(buf));
    g_assert_cmphex(buf[4], ==, 0);
    /* A unit attention is also reported (and cleared) by REQUEST SENSE. */
    macio_ata_change_media(f.ata, 0, &m);
    expect_sense(&f, 6, 0x28, 0);
    expect_good(&f, tur);
    /* Eject from the host: a unit attention, then no medium. */
    macio_ata_change_media(f.ata, 0, NULL);
    expect_check(&f, tur, 6, 0x28, 0);
    expect_check(&f, tur, 2, 0x3a, 0);
    /* A drive that is not a CD-ROM drive: ignored. */
    macio_ata_change_media(f.ata, 1, &m);
    teardown(&f);
    cd_image_free(c);
}

static void test_atapi_errors(void)
{
    cdimage *c = cd_image_new();
    fixture f;
    cd_setup(&f, c);
    /* An unknown opcode: ILLEGAL REQUEST, invalid command operation code,
     * ABRT in the error register. */
    uint8_t bad[12] = {0xd8};
    uint8_t buf[64];
    pio_result r = cd_cmd(&f, bad, buf, sizeof(buf));
    g_assert_cmphex(r.status, ==, 0x41);
    g_assert_cmphex(r.error, ==, 0x54);
    expect_sense(&f, 5, 0x20, 0);
    /* Reading past the end: LBA out of range, no data. */
    uint8_t rd[12] = {0x28, 0, 0, 0, (CD_SECTORS - 1) >> 8, (CD_SECTORS - 1) & 0xff, 0, 0, 2};
    unsigned reads = c->reads;
    expect_check(&f, rd, 5, 0x21, 0);
    g_assert_cmpuint(c->reads, ==, reads);
    /* A failing image: MEDIUM ERROR, unrecovered read error. */
    c->fail = true;
    rd[5] = 0;
    expect_check(&f, rd, 3, 0x11, 0);
    c->fail = false;
    /* Saved mode pages do not exist. */
    uint8_t ms[12] = {0x5a, 0, 0xea, 0, 0, 0, 0, 0, 64};
    expect_check(&f, ms, 5, 0x39, 0);
    /* Overlapped PACKET is not offered: the ATA command aborts. */
    wb(&f, ERR, 0x02);
    wb(&f, STATUS, 0xa0);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x41);
    g_assert_cmphex(rb(&f, ERR), ==, 0x04);
    /* An unknown ATA command aborts too. */
    wb(&f, STATUS, 0xc8);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x41);
    teardown(&f);
    cd_image_free(c);
}

static void test_atapi_mode_eject(void)
{
    cdimage *c = cd_image_new();
    fixture f;
    cd_setup(&f, c);
    uint8_t buf[128];
    /* MODE SENSE(10) page 2Ah: eject and lock, tray mechanism. */
    uint8_t ms[12] = {0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 128};
    pio_result r = cd_cmd(&f, ms, buf, sizeof(buf));
    g_assert_cmphex(r.status, ==, 0x40);
    g_assert_cmpuint(r.bytes, ==, 8 + 22);
    g_assert_cmpuint(load_be16(buf), ==, 28);
    g_assert_cmphex(buf[8], ==, 0x2a);
    g_assert_cmphex(buf[9], ==, 20);
    g_assert_cmphex(buf[14] & 0x09, ==, 0x09);
    g_assert_cmphex(buf[14] >> 5, ==, 1);
    /* All pages. */
    ms[2] = 0x3f;
    r = cd_cmd(&f, ms, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 8 + 12 + 8 + 16 + 22);
    g_assert_cmphex(buf[8], ==, 0x01);
    /* MODE SELECT(10): a PIO data-out phase (IO=0), accepted. */
    uint8_t sel[12] = {0x55, 0x10, 0, 0, 0, 0, 0, 0, 24};
    packet(&f, sel, 24, false);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x48);
    g_assert_cmphex(rb(&f, NSECT), ==, 0x00);
    g_assert_cmpuint(rb(&f, LCYL), ==, 24);
    for (unsigned i = 0; i < 12; i++) f.io->ops->write(f.io->opaque, 0, 0, 2);
    g_assert_true(f.level);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x40);
    g_assert_cmphex(rb(&f, NSECT), ==, 0x03);
    /* PREVENT: eject refused; ALLOW: the tray opens, the disc is gone. */
    uint8_t prevent[12] = {0x1e, 0, 0, 0, 1};
    expect_good(&f, prevent);
    uint8_t eject[12] = {0x1b, 0, 0, 0, 0x02};
    expect_check(&f, eject, 5, 0x53, 0x02);
    prevent[4] = 0;
    expect_good(&f, prevent);
    expect_good(&f, eject);
    uint8_t tur[12] = {0x00};
    expect_check(&f, tur, 2, 0x3a, 0);
    uint8_t mech[12] = {0xbd, 0, 0, 0, 0, 0, 0, 0, 0, 8};
    r = cd_cmd(&f, mech, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 8);
    g_assert_cmphex(buf[1] & 0x10, ==, 0x10);
    /* Closing the tray loads the disc back: a unit attention, then ready. */
    uint8_t load[12] = {0x1b, 0, 0, 0, 0x03};
    expect_good(&f, load);
    expect_check(&f, tur, 6, 0x28, 0);
    expect_good(&f, tur);
    /* READ DISC INFORMATION: complete disc, one session. */
    uint8_t di[12] = {0x51, 0, 0, 0, 0, 0, 0, 0, 34};
    r = cd_cmd(&f, di, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 34);
    g_assert_cmphex(buf[2], ==, 0x0e);
    g_assert_cmphex(buf[4], ==, 1);
    /* GET CONFIGURATION: the CD-ROM profile is current. */
    uint8_t conf[12] = {0x46, 0x00, 0, 0, 0, 0, 0, 0, 128};
    r = cd_cmd(&f, conf, buf, sizeof(buf));
    g_assert_cmphex(load_be16(buf + 6), ==, 0x0008);
    g_assert_cmpuint(load_be32(buf), ==, r.bytes - 4);
    /* RT=2: one feature (core, ATAPI interface); an absent one: header only. */
    uint8_t one[12] = {0x46, 0x02, 0x00, 0x01, 0, 0, 0, 0, 128};
    r = cd_cmd(&f, one, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 8 + 12);
    g_assert_cmphex(load_be16(buf + 8), ==, 0x0001);
    g_assert_cmpuint(load_be32(buf + 12), ==, 2);
    one[3] = 0x28; /* MRW */
    r = cd_cmd(&f, one, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 8);
    /* SET CD SPEED and READ SUB-CHANNEL (current position). */
    uint8_t speed[12] = {0xbb, 0, 0xff, 0xff};
    expect_good(&f, speed);
    uint8_t sub[12] = {0x42, 0, 0x40, 0x01, 0, 0, 0, 0, 16};
    r = cd_cmd(&f, sub, buf, sizeof(buf));
    g_assert_cmpuint(r.bytes, ==, 16);
    g_assert_cmphex(buf[4], ==, 0x01);
    g_assert_cmphex(buf[6], ==, 1);
    teardown(&f);
    cd_image_free(c);
}

static void test_atapi_save_load(void)
{
    cdimage *c = cd_image_new();
    fixture f;
    cd_setup(&f, c);
    uint8_t cdb[12] = {0x28, 0, 0, 0, 0, 40, 0, 0, 4};
    packet(&f, cdb, 4096, false);
    rb(&f, STATUS);
    for (unsigned i = 0; i < 100; i++) data_word(&f);

    device *dev = macio_ata_device(f.ata);
    st_writer *w = st_writer_new();
    st_begin_chunk(w, dev->id, dev->cls->state_version);
    dev->cls->save(dev, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);
    device_reset(dev, RESET_HARD);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x00);
    st_reader *r = st_reader_new(img, len, NULL);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "ata", &ver));
    g_assert_true(dev->cls->load(dev, r, ver));
    st_reader_free(r);
    g_free(img);
    /* The first block resumes at word 100; the second follows. */
    g_assert_cmphex(rb(&f, ALT), ==, 0x48);
    g_assert_cmphex(data_word(&f), ==, cd_pattern(40, 200) | cd_pattern(40, 201) << 8);
    for (unsigned i = 101; i < 2048; i++) data_word(&f);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x48);
    g_assert_cmpuint(rb(&f, HCYL), ==, 0x10);
    g_assert_cmphex(data_word(&f), ==, cd_pattern(42, 0) | cd_pattern(42, 1) << 8);
    for (unsigned i = 1; i < 2048; i++) data_word(&f);
    g_assert_cmphex(rb(&f, STATUS), ==, 0x40);
    teardown(&f);
    cd_image_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/macio-ata/empty-channel", test_empty_channel);
    g_test_add_func("/macio-ata/probe-and-reset", test_probe_and_reset);
    g_test_add_func("/macio-ata/identify", test_identify);
    g_test_add_func("/macio-ata/read-pio", test_read_pio);
    g_test_add_func("/macio-ata/write-pio", test_write_pio);
    g_test_add_func("/macio-ata/nien", test_nien);
    g_test_add_func("/macio-ata/read-dma", test_read_dma);
    g_test_add_func("/macio-ata/write-dma", test_write_dma);
    g_test_add_func("/macio-ata/errors", test_errors);
    g_test_add_func("/macio-ata/readonly", test_readonly);
    g_test_add_func("/macio-ata/features-multiple-chs", test_features_multiple_chs);
    g_test_add_func("/macio-ata/diagnostic", test_diagnostic);
    g_test_add_func("/macio-ata/save-load", test_save_load);
    g_test_add_func("/macio-ata/atapi/signature", test_atapi_signature);
    g_test_add_func("/macio-ata/atapi/identify", test_atapi_identify);
    g_test_add_func("/macio-ata/atapi/empty", test_atapi_empty);
    g_test_add_func("/macio-ata/atapi/openbios-probe", test_atapi_openbios_probe);
    g_test_add_func("/macio-ata/atapi/read-pio", test_atapi_read_pio);
    g_test_add_func("/macio-ata/atapi/read-dma", test_atapi_read_dma);
    g_test_add_func("/macio-ata/atapi/toc", test_atapi_toc);
    g_test_add_func("/macio-ata/atapi/media-change", test_atapi_media_change);
    g_test_add_func("/macio-ata/atapi/errors", test_atapi_errors);
    g_test_add_func("/macio-ata/atapi/mode-eject", test_atapi_mode_eject);
    g_test_add_func("/macio-ata/atapi/save-load", test_atapi_save_load);
    return g_test_run();
}
