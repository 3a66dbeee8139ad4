/* DBDMA engine: descriptor lists in RAM driven through the channel
 * registers, with a fake device behind the channel. */
#include <glib.h>
#include <string.h>

#include "core/bits.h"
#include "machines/dev/dbdma.h"

#define RAM_SIZE (1u << 20)
#define CH       3

typedef struct fake_client {
    mm_space *bus;
    uint32_t max_chunk; /* at most this many bytes per call (0: all) */
    bool not_ready;     /* return 0 */
    uint8_t out[256];   /* what OUTPUT descriptors sent */
    uint32_t out_len;
    uint8_t next_in; /* INPUT data: a counter pattern */
    unsigned calls, last_calls;
} fake_client;

static uint32_t fake_transfer(void *ctx, bool input, uint32_t addr, uint32_t len, bool last)
{
    fake_client *f = ctx;
    f->calls++;
    if (last) f->last_calls++;
    if (f->not_ready) return 0;
    if (f->max_chunk && len > f->max_chunk) len = f->max_chunk;
    uint8_t buf[256];
    g_assert_cmpuint(len, <=, sizeof(buf));
    if (input) {
        for (uint32_t i = 0; i < len; i++) buf[i] = f->next_in++;
        dbdma_mem_write(f->bus, addr, buf, len);
    } else {
        g_assert_cmpuint(f->out_len + len, <=, sizeof(f->out));
        dbdma_mem_read(f->bus, addr, f->out + f->out_len, len);
        f->out_len += len;
    }
    return len;
}

typedef struct fixture {
    sched s;
    mm_space *bus;
    uint8_t *ram;
    dbdma *d;
    const device_mmio *io;
    fake_client fc;
    int rises, falls;
    bool level;
} fixture;

static void irq_cb(void *opaque, unsigned n, bool level)
{
    fixture *f = opaque;
    g_assert_cmpuint(n, ==, 7);
    if (level && !f->level) f->rises++;
    if (!level && f->level) f->falls++;
    f->level = level;
}

static void setup(fixture *f)
{
    memset(f, 0, sizeof(*f));
    sched_init(&f->s);
    f->bus = mm_create(32);
    f->ram = g_malloc0(RAM_SIZE);
    g_assert_cmpint(mm_add_ram(f->bus, "ram", 0, RAM_SIZE, f->ram), >=, 0);
    mm_commit(f->bus);
    device_env env = {.bus = f->bus, .sched = &f->s};
    f->d = dbdma_create(&env, "dbdma");
    device_reset(dbdma_device(f->d), RESET_POWER_ON);
    f->io = dbdma_mmio(f->d);
    g_assert_cmpuint(f->io->size, ==, 0x2000);
    f->fc.bus = f->bus;
    dbdma_client c = {&f->fc, fake_transfer};
    dbdma_set_client(f->d, CH, &c);
    dbdma_connect_irq(f->d, CH, irq_line_make(irq_cb, f, 7));
}

static void teardown(fixture *f)
{
    device_destroy(dbdma_device(f->d));
    mm_destroy(f->bus);
    g_free(f->ram);
}

/* The guest's stwbrx/lwbrx: the register value is little-endian. */
static void wr(fixture *f, uint32_t reg, uint32_t v)
{
    f->io->ops->write(f->io->opaque, CH * 0x100 + reg, __builtin_bswap32(v), 4);
}

static uint32_t rd(fixture *f, uint32_t reg)
{
    return __builtin_bswap32(f->io->ops->read(f->io->opaque, CH * 0x100 + reg, 4));
}

static void put_desc(fixture *f, uint32_t at, uint16_t req, uint16_t cmd, uint32_t addr,
                     uint32_t dep)
{
    uint8_t *p = f->ram + at;
    store_le16(p, req);
    store_le16(p + 2, cmd);
    store_le32(p + 4, addr);
    store_le32(p + 8, dep);
    store_le16(p + 12, 0xdead); /* res_count and xfer_status: must be rewritten */
    store_le16(p + 14, 0xbeef);
}

static uint16_t res_count(fixture *f, uint32_t at)
{
    return load_le16(f->ram + at + 12);
}

static uint16_t xfer_status(fixture *f, uint32_t at)
{
    return load_le16(f->ram + at + 14);
}

static void run_us(fixture *f, int64_t us)
{
    sched_run_until(&f->s, sched_now(&f->s) + us * SCHED_PS_PER_US);
}

static void start(fixture *f, uint32_t list)
{
    wr(f, DBDMA_CMDPTR_LO, list);
    wr(f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16 | DBDMA_RUN);
}

static void test_output_input_stop(void)
{
    fixture f;
    setup(&f);
    for (unsigned i = 0; i < 8; i++) f.ram[0x1000 + i] = (uint8_t)(0xa0 + i);
    put_desc(&f, 0x100, 8, DBDMA_CMD(DBDMA_OUTPUT_MORE, 0, 0, 0, 0), 0x1000, 0);
    put_desc(&f, 0x110, 16, DBDMA_CMD(DBDMA_INPUT_LAST, 0, DBDMA_COND_ALWAYS, 0, 0), 0x2000, 0);
    put_desc(&f, 0x120, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    start(&f, 0x100);
    g_assert_cmphex(rd(&f, DBDMA_STATUS) & (DBDMA_RUN | DBDMA_ACTIVE), ==,
                    DBDMA_RUN | DBDMA_ACTIVE);
    run_us(&f, 100);

    g_assert_cmpuint(f.fc.out_len, ==, 8);
    for (unsigned i = 0; i < 8; i++) g_assert_cmphex(f.fc.out[i], ==, 0xa0 + i);
    for (unsigned i = 0; i < 16; i++) g_assert_cmphex(f.ram[0x2000 + i], ==, i);
    g_assert_cmphex(f.ram[0x2010], ==, 0);
    g_assert_cmpuint(f.fc.last_calls, ==, 1);
    /* Status written back, little-endian, with RUN|ACTIVE at completion. */
    g_assert_cmphex(res_count(&f, 0x100), ==, 0);
    g_assert_cmphex(xfer_status(&f, 0x100), ==, DBDMA_RUN | DBDMA_ACTIVE);
    g_assert_cmphex(f.ram[0x100 + 14], ==, 0x00);
    g_assert_cmphex(f.ram[0x100 + 15], ==, 0x84);
    g_assert_cmphex(res_count(&f, 0x110), ==, 0);
    g_assert_cmphex(xfer_status(&f, 0x110), ==, DBDMA_RUN | DBDMA_ACTIVE);
    /* STOP writes nothing back and leaves CommandPtr on itself. */
    g_assert_cmphex(res_count(&f, 0x120), ==, 0xdead);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x120);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, DBDMA_RUN);
    /* Only the INPUT_LAST asked for an interrupt: one pulse. */
    g_assert_cmpint(f.rises, ==, 1);
    g_assert_cmpint(f.falls, ==, 1);
    g_assert_false(f.level);
    teardown(&f);
}

static void test_transfer_takes_time(void)
{
    fixture f;
    setup(&f);
    put_desc(&f, 0x100, 200, DBDMA_CMD(DBDMA_INPUT_MORE, 0, 0, 0, 0), 0x2000, 0);
    put_desc(&f, 0x110, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    f.fc.max_chunk = 50;
    start(&f, 0x100);
    /* First chunk moves in the first step; the rest follow in time. */
    sched_run_until(&f.s, sched_now(&f.s));
    g_assert_cmpuint(f.fc.calls, ==, 1);
    g_assert_cmphex(res_count(&f, 0x100), ==, 0xdead);
    run_us(&f, 100);
    g_assert_cmpuint(f.fc.calls, ==, 4);
    for (unsigned i = 0; i < 200; i++) g_assert_cmphex(f.ram[0x2000 + i], ==, i);
    g_assert_cmphex(res_count(&f, 0x100), ==, 0);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x110);
    teardown(&f);
}

static void test_not_ready_and_kick(void)
{
    fixture f;
    setup(&f);
    put_desc(&f, 0x100, 16, DBDMA_CMD(DBDMA_INPUT_LAST, 0, 0, 0, 0), 0x2000, 0);
    put_desc(&f, 0x110, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    f.fc.not_ready = true;
    start(&f, 0x100);
    run_us(&f, 100);
    unsigned calls = f.fc.calls;
    g_assert_cmpuint(calls, ==, 1);
    run_us(&f, 100);
    g_assert_cmpuint(f.fc.calls, ==, calls); /* parked, not polling */
    g_assert_cmphex(rd(&f, DBDMA_STATUS) & DBDMA_ACTIVE, ==, DBDMA_ACTIVE);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x100);
    f.fc.not_ready = false;
    dbdma_kick(f.d, CH);
    run_us(&f, 100);
    g_assert_cmphex(f.ram[0x200f], ==, 15);
    g_assert_cmphex(res_count(&f, 0x100), ==, 0);
    g_assert_cmphex(rd(&f, DBDMA_STATUS) & DBDMA_ACTIVE, ==, 0);
    teardown(&f);
}

static void test_store_load_quad(void)
{
    fixture f;
    setup(&f);
    put_desc(&f, 0x100, 4, DBDMA_CMD(DBDMA_STORE_QUAD, DBDMA_KEY_SYSTEM, 0, 0, 0), 0x3000,
             0x11223344);
    put_desc(&f, 0x110, 2, DBDMA_CMD(DBDMA_STORE_QUAD, DBDMA_KEY_SYSTEM, 0, 0, 0), 0x3011, 0x5566);
    store_le32(f.ram + 0x3020, 0xcafef00d);
    put_desc(&f, 0x120, 4, DBDMA_CMD(DBDMA_LOAD_QUAD, DBDMA_KEY_SYSTEM, 0, 0, 0), 0x3020, 0);
    put_desc(&f, 0x130, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    start(&f, 0x100);
    run_us(&f, 10);
    /* cmdDep is little-endian: stored in memory as 44 33 22 11. */
    g_assert_cmphex(f.ram[0x3000], ==, 0x44);
    g_assert_cmphex(f.ram[0x3003], ==, 0x11);
    /* Two bytes, address aligned down to 0x3010. */
    g_assert_cmphex(f.ram[0x3010], ==, 0x66);
    g_assert_cmphex(f.ram[0x3011], ==, 0x55);
    g_assert_cmphex(f.ram[0x3012], ==, 0x00);
    g_assert_cmphex(load_le32(f.ram + 0x120 + 8), ==, 0xcafef00d);
    g_assert_cmphex(xfer_status(&f, 0x100), ==, DBDMA_RUN | DBDMA_ACTIVE);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x130);
    g_assert_cmpuint(f.fc.calls, ==, 0);
    teardown(&f);
}

static void test_nop_branch(void)
{
    fixture f;
    setup(&f);
    /* NOP branch always to 0x400, which branches if s0 is set (it is not)
     * and falls through to a STOP. */
    put_desc(&f, 0x100, 0, DBDMA_CMD(DBDMA_NOP, 0, 0, DBDMA_COND_ALWAYS, 0), 0, 0x400);
    put_desc(&f, 0x110, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    put_desc(&f, 0x400, 0, DBDMA_CMD(DBDMA_NOP, 0, 0, DBDMA_COND_IFSET, 0), 0, 0x500);
    put_desc(&f, 0x410, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    put_desc(&f, 0x500, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    wr(&f, DBDMA_BRANCH_SEL, 0x00010001);
    start(&f, 0x100);
    run_us(&f, 10);
    /* The first NOP recorded BT clear (status before branching), took the
     * branch; the second did not. */
    g_assert_cmphex(xfer_status(&f, 0x100), ==, DBDMA_RUN | DBDMA_ACTIVE);
    g_assert_cmphex(xfer_status(&f, 0x400), ==, DBDMA_RUN | DBDMA_ACTIVE | DBDMA_BT);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x410);
    g_assert_cmphex(rd(&f, DBDMA_STATUS) & DBDMA_BT, ==, 0);
    g_assert_cmphex(res_count(&f, 0x110), ==, 0xdead);

    /* Again with s0 set through ChannelControl: the branch is taken. */
    wr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, 0);
    wr(&f, DBDMA_CONTROL, 0x00010001);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, 0x0001);
    start(&f, 0x400);
    run_us(&f, 10);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x500);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, DBDMA_RUN | DBDMA_BT | 0x0001);
    teardown(&f);
}

static void test_interrupt_condition(void)
{
    fixture f;
    setup(&f);
    put_desc(&f, 0x100, 0, DBDMA_CMD(DBDMA_NOP, 0, DBDMA_COND_IFSET, 0, 0), 0, 0);
    put_desc(&f, 0x110, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    wr(&f, DBDMA_INTR_SEL, 0x00020002); /* condition: s1 set */
    g_assert_cmphex(rd(&f, DBDMA_INTR_SEL), ==, 0x00020002);
    start(&f, 0x100);
    run_us(&f, 10);
    g_assert_cmpint(f.rises, ==, 0);

    wr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16);
    wr(&f, DBDMA_CONTROL, 0x00020002);
    start(&f, 0x100);
    run_us(&f, 10);
    g_assert_cmpint(f.rises, ==, 1);

    /* IFCLR with the condition true: no interrupt. */
    put_desc(&f, 0x100, 0, DBDMA_CMD(DBDMA_NOP, 0, DBDMA_COND_IFCLR, 0, 0), 0, 0);
    wr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16);
    start(&f, 0x100);
    run_us(&f, 10);
    g_assert_cmpint(f.rises, ==, 1);
    teardown(&f);
}

static void test_wait_condition(void)
{
    fixture f;
    setup(&f);
    put_desc(&f, 0x100, 0, DBDMA_CMD(DBDMA_NOP, 0, 0, 0, DBDMA_COND_IFSET), 0, 0);
    put_desc(&f, 0x110, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    wr(&f, DBDMA_WAIT_SEL, 0x00040004); /* wait while s2 is set */
    wr(&f, DBDMA_CONTROL, 0x00040004);
    start(&f, 0x100);
    run_us(&f, 10);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x100);
    g_assert_cmphex(res_count(&f, 0x100), ==, 0xdead);
    g_assert_cmphex(rd(&f, DBDMA_STATUS) & DBDMA_ACTIVE, ==, DBDMA_ACTIVE);
    wr(&f, DBDMA_CONTROL, 0x00040000); /* clear s2 */
    run_us(&f, 10);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x110);
    g_assert_cmphex(res_count(&f, 0x100), ==, 0);
    teardown(&f);
}

static void test_wake_after_stop(void)
{
    fixture f;
    setup(&f);
    put_desc(&f, 0x100, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    start(&f, 0x100);
    run_us(&f, 10);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, DBDMA_RUN);
    /* While stopped the guest appends to the list and wakes the channel. */
    put_desc(&f, 0x100, 4, DBDMA_CMD(DBDMA_OUTPUT_LAST, 0, 0, 0, 0), 0x1000, 0);
    put_desc(&f, 0x110, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    memcpy(f.ram + 0x1000, "wake", 4);
    wr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_WAKE << 16 | DBDMA_WAKE);
    run_us(&f, 10);
    g_assert_cmpuint(f.fc.out_len, ==, 4);
    g_assert_cmpmem(f.fc.out, 4, "wake", 4);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x110);
    /* WAKE is cleared by the fetch. */
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, DBDMA_RUN);
    teardown(&f);
}

static void test_dead_and_run_clear(void)
{
    fixture f;
    setup(&f);
    put_desc(&f, 0x100, 0, 0x8000, 0, 0); /* reserved command */
    start(&f, 0x100);
    run_us(&f, 10);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, DBDMA_RUN | DBDMA_DEAD);
    g_assert_cmpint(f.rises, ==, 1);
    /* Clearing RUN clears DEAD; CommandPtr is writable again. */
    wr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, 0);

    /* A data transfer with the reserved key 4 kills the channel too. */
    put_desc(&f, 0x200, 4, DBDMA_CMD(DBDMA_INPUT_LAST, 4, 0, 0, 0), 0x2000, 0);
    start(&f, 0x200);
    run_us(&f, 10);
    g_assert_cmphex(rd(&f, DBDMA_STATUS) & DBDMA_DEAD, ==, DBDMA_DEAD);
    g_assert_cmpuint(f.fc.calls, ==, 0);
    wr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16);

    /* RUN cleared mid-transfer stops the channel where it is. */
    put_desc(&f, 0x300, 200, DBDMA_CMD(DBDMA_INPUT_LAST, 0, 0, 0, 0), 0x2000, 0);
    put_desc(&f, 0x310, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    f.fc.max_chunk = 16;
    start(&f, 0x300);
    sched_run_until(&f.s, sched_now(&f.s));
    g_assert_cmpuint(f.fc.calls, ==, 1);
    wr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_RUN << 16);
    run_us(&f, 100);
    g_assert_cmpuint(f.fc.calls, ==, 1);
    g_assert_cmphex(rd(&f, DBDMA_STATUS) & DBDMA_ACTIVE, ==, 0);
    g_assert_cmphex(res_count(&f, 0x300), ==, 0xdead);
    teardown(&f);
}

static void test_registers(void)
{
    fixture f;
    setup(&f);
    /* CommandPtr is 16-byte aligned; a byte read sees the little-endian lanes. */
    wr(&f, DBDMA_CMDPTR_LO, 0x12345678);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x12345670);
    g_assert_cmphex(f.io->ops->read(f.io->opaque, CH * 0x100 + DBDMA_CMDPTR_LO, 1), ==, 0x70);
    g_assert_cmphex(f.io->ops->read(f.io->opaque, CH * 0x100 + DBDMA_CMDPTR_LO + 3, 1), ==, 0x12);
    /* The guest's raw 4-byte view is byte-swapped. */
    g_assert_cmphex(f.io->ops->read(f.io->opaque, CH * 0x100 + DBDMA_CMDPTR_LO, 4), ==, 0x70563412);
    /* Other channels are separate. */
    g_assert_cmphex(f.io->ops->read(f.io->opaque, 4 * 0x100 + DBDMA_CMDPTR_LO, 4), ==, 0);
    /* ACTIVE, DEAD and BT cannot be written. */
    wr(&f, DBDMA_CONTROL, 0xffff0000u | DBDMA_ACTIVE | DBDMA_DEAD | DBDMA_BT | 0x80);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, 0x80);
    g_assert_cmphex(rd(&f, DBDMA_CONTROL), ==, 0);
    /* CommandPtr cannot move while the channel is active. */
    put_desc(&f, 0x100, 16, DBDMA_CMD(DBDMA_INPUT_LAST, 0, 0, 0, 0), 0x2000, 0);
    f.fc.not_ready = true;
    start(&f, 0x100);
    wr(&f, DBDMA_CMDPTR_LO, 0x800);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x100);
    /* Other registers read back. */
    wr(&f, DBDMA_XFER_MODE, 0xa5a5);
    g_assert_cmphex(rd(&f, DBDMA_XFER_MODE), ==, 0xa5a5);
    wr(&f, DBDMA_WAIT_SEL, 0xffffffff);
    g_assert_cmphex(rd(&f, DBDMA_WAIT_SEL), ==, 0x00ff00ff);
    /* Reset clears everything. */
    device_reset(dbdma_device(f.d), RESET_HARD);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, 0);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0);
    teardown(&f);
}

static void test_save_load(void)
{
    fixture f;
    setup(&f);
    put_desc(&f, 0x100, 16, DBDMA_CMD(DBDMA_INPUT_LAST, 0, 0, 0, 0), 0x2000, 0);
    put_desc(&f, 0x110, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    f.fc.not_ready = true;
    wr(&f, DBDMA_INTR_SEL, 0x00030001);
    start(&f, 0x100);
    run_us(&f, 10);

    st_writer *w = st_writer_new();
    device *dev = dbdma_device(f.d);
    st_begin_chunk(w, dev->id, dev->cls->state_version);
    dev->cls->save(dev, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);

    device_reset(dev, RESET_HARD);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0);
    st_reader *r = st_reader_new(img, len, NULL);
    g_assert_nonnull(r);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "dbdma", &ver));
    g_assert_true(dev->cls->load(dev, r, ver));
    st_reader_free(r);
    g_free(img);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x100);
    g_assert_cmphex(rd(&f, DBDMA_INTR_SEL), ==, 0x00030001);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, DBDMA_RUN | DBDMA_ACTIVE);
    /* Still parked after the load; a kick finishes the descriptor. */
    f.fc.not_ready = false;
    dbdma_kick(f.d, CH);
    run_us(&f, 10);
    g_assert_cmphex(res_count(&f, 0x100), ==, 0);
    g_assert_false(dev->cls->load(dev, NULL, 2)); /* newer version refused */
    teardown(&f);
}

static void test_fetch_bus_error(void)
{
    fixture f;
    setup(&f);
    start(&f, 0x80000000u); /* nothing decodes there */
    run_us(&f, 10);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, DBDMA_RUN | DBDMA_DEAD);
    g_assert_cmpint(f.rises, ==, 1);
    g_assert_false(f.bus->bus_error); /* the CPU's flag is left alone */
    teardown(&f);
}

static void test_flush_partial_input(void)
{
    fixture f;
    setup(&f);
    put_desc(&f, 0x100, 64, DBDMA_CMD(DBDMA_INPUT_LAST, 0, 0, 0, 0), 0x2000, 0);
    put_desc(&f, 0x110, 0, DBDMA_CMD(DBDMA_STOP, 0, 0, 0, 0), 0, 0);
    f.fc.max_chunk = 24;
    start(&f, 0x100);
    sched_run_until(&f.s, sched_now(&f.s));
    f.fc.not_ready = true; /* the device has nothing more */
    run_us(&f, 10);
    g_assert_cmpuint(f.fc.calls, ==, 2);
    g_assert_cmphex(res_count(&f, 0x100), ==, 0xdead);
    /* FLUSH writes the progress so far and clears itself. */
    wr(&f, DBDMA_CONTROL, (uint32_t)DBDMA_FLUSH << 16 | DBDMA_FLUSH);
    g_assert_cmphex(res_count(&f, 0x100), ==, 64 - 24);
    g_assert_cmphex(xfer_status(&f, 0x100), ==, DBDMA_RUN | DBDMA_ACTIVE | DBDMA_FLUSH);
    g_assert_cmphex(rd(&f, DBDMA_STATUS), ==, DBDMA_RUN | DBDMA_ACTIVE);
    g_assert_cmphex(rd(&f, DBDMA_CMDPTR_LO), ==, 0x100);
    teardown(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/dbdma/output-input-stop", test_output_input_stop);
    g_test_add_func("/dbdma/transfer-takes-time", test_transfer_takes_time);
    g_test_add_func("/dbdma/not-ready-and-kick", test_not_ready_and_kick);
    g_test_add_func("/dbdma/store-load-quad", test_store_load_quad);
    g_test_add_func("/dbdma/nop-branch", test_nop_branch);
    g_test_add_func("/dbdma/interrupt-condition", test_interrupt_condition);
    g_test_add_func("/dbdma/wait-condition", test_wait_condition);
    g_test_add_func("/dbdma/wake-after-stop", test_wake_after_stop);
    g_test_add_func("/dbdma/dead-and-run-clear", test_dead_and_run_clear);
    g_test_add_func("/dbdma/registers", test_registers);
    g_test_add_func("/dbdma/save-load", test_save_load);
    g_test_add_func("/dbdma/fetch-bus-error", test_fetch_bus_error);
    g_test_add_func("/dbdma/flush-partial-input", test_flush_partial_input);
    return g_test_run();
}
