/* The 68000 core through its public API: reset, two cores side by side,
 * interrupts (autovectored, vectored, spurious, masked, level 7), STOP and
 * the idle skip, RESET, bus errors from a device, trace, privilege, the
 * scheduler shortening a slice and end_slice. Programs are hand-assembled
 * 68000 words (encodings from the M68000 Programmer's Reference Manual). */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "m68k/m68k.h"
#include "memmap.h"
#include "scheduler.h"

#define RAM_SIZE (64 * 1024)
#define CODE     0x1000u
#define STACK    0x8000u

typedef struct {
    uint8_t *ram;
    mm_space *bus;
    m68k_cpu *cpu;
    sched s;
    /* host callbacks */
    int iack_level, iack_calls, iack_result;
    int resets;
    /* a device at 0x20000 */
    uint32_t dev_reg;
    bool dev_bus_error;
    sched_event dev_event;
    int dev_fired;
    sched_time dev_fired_at;
} rig;

static void put16(rig *r, uint32_t a, uint16_t v)
{
    store_be16(r->ram + a, v);
}
static void put32(rig *r, uint32_t a, uint32_t v)
{
    store_be32(r->ram + a, v);
}
static uint32_t get32(rig *r, uint32_t a)
{
    return load_be32(r->ram + a);
}

static void load_code(rig *r, uint32_t at, const uint16_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++) put16(r, at + 2 * (uint32_t)i, w[i]);
}

static int host_iack(void *ctx, unsigned level)
{
    rig *r = ctx;
    r->iack_level = (int)level;
    r->iack_calls++;
    return r->iack_result;
}

static void host_reset(void *ctx)
{
    ((rig *)ctx)->resets++;
}

static void dev_fire(void *opaque, sched_time late)
{
    rig *r = opaque;
    r->dev_fired++;
    r->dev_fired_at = sched_now(&r->s) - late;
}

static uint32_t dev_read(void *opaque, uint32_t off, unsigned size)
{
    rig *r = opaque;
    (void)off;
    (void)size;
    if (r->dev_bus_error) mm_signal_bus_error(r->bus);
    return r->dev_reg;
}

static void dev_write(void *opaque, uint32_t off, uint32_t v, unsigned size)
{
    rig *r = opaque;
    (void)off;
    (void)size;
    r->dev_reg = v;
    /* A write arms an event 100 CPU clocks (at 8 MHz: 12.5 us) ahead. */
    sched_after(&r->s, &r->dev_event, 100 * SCHED_PS_PER_SEC / 8000000);
    if (v == 0xdead) m68k_end_slice(r->cpu);
}

static const mmio_ops dev_ops = {dev_read, dev_write, NULL};

static rig *rig_new(void)
{
    rig *r = g_new0(rig, 1);
    r->ram = calloc(1, RAM_SIZE);
    r->bus = mm_create(24);
    mm_add_ram(r->bus, "ram", 0, RAM_SIZE, r->ram);
    mm_add_mmio(r->bus, "dev", 0x20000, 0x100, &dev_ops, r);
    mm_commit(r->bus);
    sched_init(&r->s);
    sched_event_init(&r->dev_event, "dev", dev_fire, r, 0);
    m68k_host host = {.ctx = r, .iack = host_iack, .reset_out = host_reset};
    r->iack_result = M68K_IACK_AUTOVECTOR;
    m68k_config cfg = {.model = M68K_MODEL_68000, .clock_hz = 8000000};
    const char *err = NULL;
    r->cpu = m68k_create(&cfg, r->bus, &r->s, &host, &err);
    g_assert_nonnull(r->cpu);
    put32(r, 0, STACK);
    put32(r, 4, CODE);
    /* Every vector points at a handler that records its number: handler
     * for vector v lives at 0x3000 + 8v: MOVE.W #v,$0100.W; STOP #$2700 */
    for (uint32_t v = 2; v < 256; v++) {
        uint32_t h = 0x3000 + 8 * v;
        put32(r, 4 * v, h);
        uint16_t code[] = {0x31fc, (uint16_t)v, 0x0100, 0x4e72, 0x2700};
        load_code(r, h, code, 5);
    }
    return r;
}

static void rig_free(rig *r)
{
    m68k_destroy(r->cpu);
    mm_destroy(r->bus);
    free(r->ram);
    g_free(r);
}

static uint16_t vector_taken(rig *r)
{
    return load_be16(r->ram + 0x100);
}

/* Runs until STOP, at most `limit` clocks. */
static int64_t run_to_stop(rig *r, int64_t limit)
{
    int64_t total = 0;
    do total += m68k_run(r->cpu, 1);
    while (!m68k_is_stopped(r->cpu) && !m68k_is_halted(r->cpu) && total < limit);
    return total;
}

static void test_reset(void)
{
    rig *r = rig_new();
    put16(r, CODE, 0x4e71);
    m68k_reset(r->cpu);
    g_assert_cmphex(m68k_get_reg(r->cpu, M68K_REG_PC), ==, CODE);
    g_assert_cmphex(m68k_get_reg(r->cpu, M68K_REG_A7), ==, STACK);
    g_assert_cmphex(m68k_get_reg(r->cpu, M68K_REG_SSP), ==, STACK);
    g_assert_cmphex(m68k_get_reg(r->cpu, M68K_REG_SR) & 0xff00, ==, 0x2700);
    /* The reset sequence's 40 clocks come before the first instruction. */
    g_assert_cmpint(m68k_run(r->cpu, 1), ==, 40);
    g_assert_cmpint(m68k_run(r->cpu, 1), ==, 4);
    rig_free(r);
}

/* Sums 1..n into D0 with a DBF loop, then STOP. */
static void load_sum(rig *r, uint16_t n)
{
    uint16_t code[] = {
        0x7000,                 /* moveq #0,d0 */
        0x323c, n,              /* move.w #n,d1 */
        0x5341,                 /* subq.w #1,d1 */
        0x7400,                 /* moveq #0,d2 */
        0x5282,                 /* loop: addq.l #1,d2 */
        0xd082,                 /* add.l d2,d0 */
        0x51c9, 0xfffa,         /* dbf d1,loop */
        0x23c0, 0x0000, 0x0200, /* move.l d0,$200 */
        0x4e72, 0x2700,         /* stop #$2700 */
    };
    load_code(r, CODE, code, G_N_ELEMENTS(code));
}

static void test_two_cores(void)
{
    rig *a = rig_new(), *b = rig_new();
    load_sum(a, 100);
    load_sum(b, 1000);
    m68k_reset(a->cpu);
    m68k_reset(b->cpu);
    /* Interleave small slices: neither core may disturb the other. */
    for (int i = 0; i < 10000 && !(m68k_is_stopped(a->cpu) && m68k_is_stopped(b->cpu)); i++) {
        if (!m68k_is_stopped(a->cpu)) m68k_run(a->cpu, 37);
        if (!m68k_is_stopped(b->cpu)) m68k_run(b->cpu, 53);
    }
    g_assert_true(m68k_is_stopped(a->cpu));
    g_assert_true(m68k_is_stopped(b->cpu));
    g_assert_cmpuint(get32(a, 0x200), ==, 5050);
    g_assert_cmpuint(get32(b, 0x200), ==, 500500);
    g_assert_cmpuint(m68k_get_reg(a->cpu, M68K_REG_D0), ==, 5050);
    g_assert_cmpuint(m68k_get_reg(b->cpu, M68K_REG_D0), ==, 500500);
    /* 4 instructions before the loop, 3 per iteration, 2 after */
    g_assert_cmpuint(m68k_instructions(a->cpu), ==, 6 + 3 * 100);
    g_assert_cmpuint(m68k_instructions(b->cpu), ==, 6 + 3 * 1000);
    rig_free(a);
    rig_free(b);
}

/* A program that lowers the mask and spins: MOVE #$2000,SR; BRA * */
static void load_spin(rig *r)
{
    uint16_t code[] = {0x46fc, 0x2000, 0x60fe};
    load_code(r, CODE, code, G_N_ELEMENTS(code));
}

static void test_interrupt_autovector(void)
{
    rig *r = rig_new();
    load_spin(r);
    m68k_reset(r->cpu);
    m68k_run(r->cpu, 200);
    g_assert_cmpuint(vector_taken(r), ==, 0);
    m68k_set_ipl(r->cpu, 3);
    run_to_stop(r, 10000);
    g_assert_cmpuint(vector_taken(r), ==, 24 + 3);
    g_assert_cmpint(r->iack_level, ==, 3);
    /* The handler ran with the mask raised to the interrupt's level; the
     * frame holds the interrupted SR (mask 0) and a PC inside the loop. */
    uint32_t sp = m68k_get_reg(r->cpu, M68K_REG_SSP);
    g_assert_cmphex(load_be16(r->ram + sp) & 0x0700, ==, 0);
    g_assert_cmphex(get32(r, sp + 2), ==, CODE + 4);
    rig_free(r);
}

static void test_interrupt_vectored_and_spurious(void)
{
    rig *r = rig_new();
    load_spin(r);
    m68k_reset(r->cpu);
    m68k_run(r->cpu, 100);
    r->iack_result = 0x40;
    m68k_set_ipl(r->cpu, 5);
    run_to_stop(r, 10000);
    g_assert_cmpuint(vector_taken(r), ==, 0x40);

    rig *s = rig_new();
    load_spin(s);
    m68k_reset(s->cpu);
    m68k_run(s->cpu, 100);
    s->iack_result = M68K_IACK_SPURIOUS;
    m68k_set_ipl(s->cpu, 2);
    run_to_stop(s, 10000);
    g_assert_cmpuint(vector_taken(s), ==, 24);
    rig_free(r);
    rig_free(s);
}

static void test_interrupt_masked_and_nmi(void)
{
    rig *r = rig_new();
    /* Mask at 5: MOVE #$2500,SR; BRA * */
    uint16_t code[] = {0x46fc, 0x2500, 0x60fe};
    load_code(r, CODE, code, 3);
    m68k_reset(r->cpu);
    m68k_run(r->cpu, 100);
    m68k_set_ipl(r->cpu, 5); /* not above the mask */
    m68k_run(r->cpu, 1000);
    g_assert_cmpuint(vector_taken(r), ==, 0);
    g_assert_cmpint(r->iack_calls, ==, 0);
    m68k_set_ipl(r->cpu, 7); /* level 7 is taken whatever the mask */
    run_to_stop(r, 10000);
    g_assert_cmpuint(vector_taken(r), ==, 24 + 7);
    rig_free(r);
}

static void test_interrupt_timing(void)
{
    rig *r = rig_new();
    load_spin(r);
    m68k_reset(r->cpu);
    m68k_run(r->cpu, 100);
    m68k_set_ipl(r->cpu, 1);
    /* One run of 1 clock takes the interrupt (44 clocks, MC68000 UM
     * table 8-14) and nothing else. */
    int64_t n = m68k_run(r->cpu, 1);
    g_assert_cmpint(n, ==, 44);
    g_assert_cmphex(m68k_get_reg(r->cpu, M68K_REG_PC), ==, 0x3000 + 8 * 25);
    g_assert_cmphex(m68k_get_reg(r->cpu, M68K_REG_SR) & 0x0700, ==, 0x0100);
    rig_free(r);
}

static void test_stop_idles(void)
{
    rig *r = rig_new();
    /* STOP #$2000 (supervisor, mask 0), then NOPs */
    uint16_t code[] = {0x4e72, 0x2000, 0x4e71, 0x4e71};
    load_code(r, CODE, code, 4);
    m68k_reset(r->cpu);
    m68k_run(r->cpu, 41); /* the reset's 40 clocks, then STOP */
    g_assert_true(m68k_is_stopped(r->cpu));
    uint64_t insns = m68k_instructions(r->cpu);
    /* A stopped CPU gives back its whole budget at once. */
    g_assert_cmpint(m68k_run(r->cpu, 1000000), ==, 1000000);
    g_assert_cmpuint(m68k_instructions(r->cpu), ==, insns);
    m68k_set_ipl(r->cpu, 4);
    run_to_stop(r, 10000);
    g_assert_cmpuint(vector_taken(r), ==, 24 + 4);
    rig_free(r);
}

static void test_reset_instruction(void)
{
    rig *r = rig_new();
    uint16_t code[] = {0x4e70, 0x4e72, 0x2700};
    load_code(r, CODE, code, 3);
    m68k_reset(r->cpu);
    int64_t n = run_to_stop(r, 10000);
    g_assert_cmpint(r->resets, ==, 1);
    g_assert_cmpint(n, >=, 132); /* RESET is 132 clocks */
    rig_free(r);
}

static void test_bus_error(void)
{
    rig *r = rig_new();
    /* MOVE.W $20000,D0 */
    uint16_t code[] = {0x3039, 0x0002, 0x0000, 0x4e72, 0x2700};
    load_code(r, CODE, code, 5);
    r->dev_reg = 0x1234;
    m68k_reset(r->cpu);
    run_to_stop(r, 10000);
    g_assert_cmphex(m68k_get_reg(r->cpu, M68K_REG_D0) & 0xffff, ==, 0x1234);
    g_assert_cmpuint(vector_taken(r), ==, 0);

    rig *b = rig_new();
    load_code(b, CODE, code, 5);
    b->dev_bus_error = true;
    m68k_reset(b->cpu);
    run_to_stop(b, 10000);
    g_assert_cmpuint(vector_taken(b), ==, 2);
    /* Group 0 frame: status word, access address, IR, SR, PC. */
    uint32_t sp = m68k_get_reg(b->cpu, M68K_REG_SSP);
    g_assert_cmphex(load_be16(b->ram + sp) & 0x1f, ==, 0x10 | 5); /* read, supervisor data */
    g_assert_cmphex(get32(b, sp + 2), ==, 0x20000);
    g_assert_cmphex(load_be16(b->ram + sp + 6), ==, 0x3039);
    rig_free(r);
    rig_free(b);
}

static void test_address_error(void)
{
    rig *r = rig_new();
    /* MOVE.W $1001.W,D0 */
    uint16_t code[] = {0x3038, 0x1001};
    load_code(r, CODE, code, 2);
    m68k_reset(r->cpu);
    run_to_stop(r, 10000);
    g_assert_cmpuint(vector_taken(r), ==, 3);
    uint32_t sp = m68k_get_reg(r->cpu, M68K_REG_SSP);
    g_assert_cmphex(get32(r, sp + 2), ==, 0x1001);
    rig_free(r);
}

static void test_trace(void)
{
    rig *r = rig_new();
    /* MOVE #$A000,SR (T and S set); NOP; NOP */
    uint16_t code[] = {0x46fc, 0xa000, 0x4e71, 0x4e71};
    load_code(r, CODE, code, 4);
    m68k_reset(r->cpu);
    run_to_stop(r, 10000);
    /* The first NOP ran with T set: the trace exception follows it. */
    g_assert_cmpuint(vector_taken(r), ==, 9);
    uint32_t sp = m68k_get_reg(r->cpu, M68K_REG_SSP);
    g_assert_cmphex(get32(r, sp + 2), ==, CODE + 6);
    rig_free(r);
}

static void test_privilege(void)
{
    rig *r = rig_new();
    /* MOVE #$0000,SR (to user mode); STOP #$2700 (privileged) */
    uint16_t code[] = {0x46fc, 0x0000, 0x4e72, 0x2700};
    load_code(r, CODE, code, 4);
    put32(r, 0x2000, 0); /* give the user stack somewhere to be */
    m68k_reset(r->cpu);
    run_to_stop(r, 10000);
    g_assert_cmpuint(vector_taken(r), ==, 8);
    uint32_t sp = m68k_get_reg(r->cpu, M68K_REG_SSP);
    g_assert_cmphex(get32(r, sp + 2), ==, CODE + 4);
    rig_free(r);
}

static void test_sched_shortens_slice(void)
{
    rig *r = rig_new();
    /* MOVE.W #1,$20000; BRA * */
    uint16_t code[] = {0x33fc, 0x0001, 0x0002, 0x0000, 0x60fe};
    load_code(r, CODE, code, 5);
    m68k_reset(r->cpu);
    clock_domain cpu_clock = {8000000};
    sched_time end = clock_ticks_to_ps(&cpu_clock, 100000);
    sched_slice_begin(&r->s, end);
    int64_t n = m68k_run(r->cpu, 100000);
    sched_slice_end(&r->s, clock_ticks_to_ps(&cpu_clock, (uint64_t)n));
    /* The write armed an event 100 clocks later: the slice stopped there
     * instead of running all 100000 clocks. */
    g_assert_cmpint(n, <, 300);
    g_assert_cmpint(sched_next(&r->s), <=, sched_now(&r->s));
    sched_run_until(&r->s, sched_now(&r->s));
    g_assert_cmpint(r->dev_fired, ==, 1);
    rig_free(r);
}

static void test_end_slice(void)
{
    rig *r = rig_new();
    /* MOVE.W #$DEAD,$20000 (the device ends the slice); BRA * */
    uint16_t code[] = {0x33fc, 0xdead, 0x0002, 0x0000, 0x60fe};
    load_code(r, CODE, code, 5);
    m68k_reset(r->cpu);
    int64_t n = m68k_run(r->cpu, 1000000);
    g_assert_cmpint(n, <, 100);
    g_assert_cmphex(r->dev_reg, ==, 0xdead);
    rig_free(r);
}

static void test_save_load(void)
{
    /* Run a program halfway, save, load into a second core with a copy of
     * memory, run both to the end: they must agree in every register. */
    rig *a = rig_new(), *b = rig_new();
    load_sum(a, 500);
    m68k_reset(a->cpu);
    m68k_run(a->cpu, 3000);
    g_assert_false(m68k_is_stopped(a->cpu));
    st_writer *w = st_writer_new();
    st_begin_chunk(w, "cpu", M68K_STATE_VERSION);
    m68k_save(a->cpu, w);
    st_end_chunk(w);
    size_t len;
    uint8_t *img = st_writer_finish(w, &len);
    memcpy(b->ram, a->ram, RAM_SIZE);
    GError *err = NULL;
    st_reader *r = st_reader_new(img, len, &err);
    g_assert_no_error(err);
    uint16_t ver;
    g_assert_true(st_find_chunk(r, "cpu", &ver));
    g_assert_true(m68k_load(b->cpu, r, ver));
    run_to_stop(a, 1000000);
    run_to_stop(b, 1000000);
    for (int i = 0; i < M68K_REG_COUNT; i++)
        g_assert_cmphex(m68k_get_reg(a->cpu, i), ==, m68k_get_reg(b->cpu, i));
    g_assert_cmpuint(get32(b, 0x200), ==, 125250);
    g_assert_cmpuint(m68k_instructions(a->cpu), ==, m68k_instructions(b->cpu));
    /* A truncated chunk or a newer version is refused. */
    g_assert_true(st_find_chunk(r, "cpu", &ver));
    g_assert_false(m68k_load(b->cpu, r, M68K_STATE_VERSION + 1));
    st_reader_free(r);
    g_free(img);
    w = st_writer_new();
    st_begin_chunk(w, "cpu", M68K_STATE_VERSION);
    st_put_u32(w, 1);
    st_end_chunk(w);
    img = st_writer_finish(w, &len);
    r = st_reader_new(img, len, &err);
    g_assert_true(st_find_chunk(r, "cpu", &ver));
    uint32_t pc_before = m68k_get_reg(b->cpu, M68K_REG_PC);
    g_assert_false(m68k_load(b->cpu, r, ver));
    g_assert_cmphex(m68k_get_reg(b->cpu, M68K_REG_PC), ==, pc_before);
    st_reader_free(r);
    g_free(img);
    rig_free(a);
    rig_free(b);
}

static void test_create_errors(void)
{
    mm_space *bus = mm_create(24);
    const char *err = NULL;
    m68k_config cfg = {.model = M68K_MODEL_68040};
    g_assert_null(m68k_create(&cfg, bus, NULL, NULL, &err));
    g_assert_nonnull(err);
    err = NULL;
    g_assert_null(m68k_create(NULL, bus, NULL, NULL, &err));
    g_assert_nonnull(err);
    mm_destroy(bus);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/m68k/reset", test_reset);
    g_test_add_func("/m68k/two-cores", test_two_cores);
    g_test_add_func("/m68k/interrupt/autovector", test_interrupt_autovector);
    g_test_add_func("/m68k/interrupt/vectored-and-spurious", test_interrupt_vectored_and_spurious);
    g_test_add_func("/m68k/interrupt/masked-and-level-7", test_interrupt_masked_and_nmi);
    g_test_add_func("/m68k/interrupt/timing", test_interrupt_timing);
    g_test_add_func("/m68k/stop-idles", test_stop_idles);
    g_test_add_func("/m68k/reset-instruction", test_reset_instruction);
    g_test_add_func("/m68k/bus-error", test_bus_error);
    g_test_add_func("/m68k/address-error", test_address_error);
    g_test_add_func("/m68k/trace", test_trace);
    g_test_add_func("/m68k/privilege", test_privilege);
    g_test_add_func("/m68k/sched-shortens-slice", test_sched_shortens_slice);
    g_test_add_func("/m68k/end-slice", test_end_slice);
    g_test_add_func("/m68k/save-load", test_save_load);
    g_test_add_func("/m68k/create-errors", test_create_errors);
    return g_test_run();
}
