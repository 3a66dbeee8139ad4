/* mac-io ATA channel: empty-channel probe, a RAM disk through PIO and
 * DBDMA, interrupts and nIEN, resets and the command set. */
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
    return g_test_run();
}
