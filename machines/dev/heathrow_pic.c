/* Heathrow / Grand Central interrupt controller.
 *
 * There is no public datasheet; the register set and its behaviour follow
 * the description in Linux arch/powerpc/platforms/powermac/pic.c (struct
 * pmac_irq_hw: flag, enable, ack, level; HEATHROW_LEVEL_MASK) and QEMU's
 * heathrow_pic model, which OpenBIOS and Linux have been run against.
 *
 * Per bank of 32 sources:
 *   events (+0x0, read-only): for an edge source, bit n latches when its
 *     wire rises while the source is enabled; the Linux driver notes that
 *     enabling a source whose wire is already up does not set the bit
 *     (it re-triggers such sources in software). For a level source the
 *     bit follows the wire.
 *   enable (+0x4): the mask; a set bit lets the source interrupt.
 *   ack (+0x8, write-only, reads 0): 1 bits clear edge latches; level
 *     sources stay up while their wire is.
 *   level (+0xc, read-only): the input wires as they are now.
 * Sources 20-28 (the level mask 0x1ff00000 of bank 0) are level-triggered,
 * every other source is edge-triggered. The CPU's INT pin is the OR over
 * both banks of (events & enable).
 */
#include "heathrow_pic.h"

#include <glib.h>
#include <string.h>

#define HP_BANK_LO 0x20 /* sources 0-31 */
#define HP_BANK_HI 0x10 /* sources 32-63 */
#define HP_EVENTS  0x0
#define HP_ENABLE  0x4
#define HP_ACK     0x8
#define HP_LEVEL   0xc
#define HP_FCR     0x38 /* feature control */
#define HP_AUX     0x3c /* auxiliary control */

/* Bank 0's level-triggered sources (Linux HEATHROW_LEVEL_MASK). */
#define HP_LEVEL_MASK_LO 0x1ff00000u

typedef struct hp_bank {
    uint32_t latched; /* edge events */
    uint32_t enable;
    uint32_t levels; /* input wires */
    uint32_t level_mask;
} hp_bank;

struct heathrow_pic {
    device dev;
    device_env env;
    device_mmio mmio;
    irq_line int_out;
    bool int_level;
    hp_bank bank[2]; /* [0]: sources 0-31, [1]: sources 32-63 */
    uint32_t fcr, aux;
};

static uint32_t bank_events(const hp_bank *b)
{
    return b->latched | (b->levels & b->level_mask);
}

static void update_output(heathrow_pic *p)
{
    bool level = false;
    for (unsigned i = 0; i < 2; i++) level |= (bank_events(&p->bank[i]) & p->bank[i].enable) != 0;
    if (level != p->int_level) {
        p->int_level = level;
        irq_set(&p->int_out, level);
    }
}

static void set_input(void *opaque, unsigned n, bool level)
{
    heathrow_pic *p = opaque;
    if (n >= HEATHROW_PIC_NSOURCES) return;
    hp_bank *b = &p->bank[n / 32];
    uint32_t bit = 1u << (n % 32);
    bool rising = level && !(b->levels & bit);
    if (level)
        b->levels |= bit;
    else
        b->levels &= ~bit;
    if (rising && (b->enable & bit) && !(b->level_mask & bit)) b->latched |= bit;
    update_output(p);
}

/* The bank a register offset falls in, or NULL. */
static hp_bank *bank_at(heathrow_pic *p, uint32_t off)
{
    switch (off & ~0xfu) {
    case HP_BANK_LO: return &p->bank[0];
    case HP_BANK_HI: return &p->bank[1];
    default: return NULL;
    }
}

static uint32_t reg_read(heathrow_pic *p, uint32_t off)
{
    hp_bank *b = bank_at(p, off);
    if (b) {
        switch (off & 0xc) {
        case HP_EVENTS: return bank_events(b);
        case HP_ENABLE: return b->enable;
        case HP_LEVEL: return b->levels;
        default: return 0; /* ack is write-only; Mac OS drivers read it as 0 */
        }
    }
    switch (off) {
    case HP_FCR: return p->fcr;
    case HP_AUX: return p->aux;
    default: return 0;
    }
}

/* bytes: which bits of the register the access covers (narrow writes
 * touch only their own byte lanes). */
static void reg_write(heathrow_pic *p, uint32_t off, uint32_t v, uint32_t bytes)
{
    hp_bank *b = bank_at(p, off);
    if (b) {
        switch (off & 0xc) {
        case HP_ENABLE:
            b->enable = (b->enable & ~bytes) | (v & bytes);
            update_output(p);
            return;
        case HP_ACK:
            b->latched &= ~(v & bytes);
            update_output(p);
            return;
        default: return; /* events and level are read-only */
        }
    }
    switch (off) {
    case HP_FCR: p->fcr = (p->fcr & ~bytes) | (v & bytes); return;
    case HP_AUX: p->aux = (p->aux & ~bytes) | (v & bytes); return;
    default:
        clarus_log(p->env.log, LOG_DEBUG, "heathrow-pic", "%s: write to unused offset 0x%02x",
                   p->dev.id, off);
        return;
    }
}

/* Registers are little-endian words; the bus value is in guest order, so
 * byte k of an access is byte (off & 3) + k of the little-endian word. */
static uint32_t mmio_read(void *opaque, uint32_t off, unsigned size)
{
    heathrow_pic *p = opaque;
    if (off >= HEATHROW_PIC_WINDOW_SIZE) return 0;
    uint32_t reg = reg_read(p, off & ~3u), v = 0;
    for (unsigned k = 0; k < size; k++) {
        unsigned lane = (off & 3) + k;
        v = v << 8 | (lane < 4 ? (reg >> (8 * lane)) & 0xff : 0);
    }
    return v;
}

static void mmio_write(void *opaque, uint32_t off, uint32_t value, unsigned size)
{
    heathrow_pic *p = opaque;
    if (off >= HEATHROW_PIC_WINDOW_SIZE) return;
    uint32_t reg = 0, bytes = 0;
    for (unsigned k = 0; k < size; k++) {
        unsigned lane = (off & 3) + k;
        if (lane >= 4) break;
        uint32_t byte = (value >> (8 * (size - 1 - k))) & 0xff;
        reg |= byte << (8 * lane);
        bytes |= 0xffu << (8 * lane);
    }
    reg_write(p, off & ~3u, reg, bytes);
}

static const mmio_ops heathrow_pic_ops = {mmio_read, mmio_write, NULL};

static void reset_state(heathrow_pic *p)
{
    for (unsigned i = 0; i < 2; i++) {
        p->bank[i].latched = 0;
        p->bank[i].enable = 0;
        p->bank[i].levels = 0;
    }
    p->bank[0].level_mask = HP_LEVEL_MASK_LO;
    p->bank[1].level_mask = 0;
    p->fcr = 0;
    p->aux = 0;
    p->int_level = false;
}

static void heathrow_pic_reset(device *d, reset_kind k)
{
    (void)k;
    reset_state((heathrow_pic *)d);
}

static void heathrow_pic_save(const device *d, st_writer *w)
{
    const heathrow_pic *p = (const heathrow_pic *)d;
    for (unsigned i = 0; i < 2; i++) {
        st_put_u32(w, p->bank[i].latched);
        st_put_u32(w, p->bank[i].enable);
        st_put_u32(w, p->bank[i].levels);
    }
    st_put_u32(w, p->fcr);
    st_put_u32(w, p->aux);
    st_put_bool(w, p->int_level);
}

static bool heathrow_pic_load(device *d, st_reader *r, uint16_t version)
{
    heathrow_pic *p = (heathrow_pic *)d;
    if (version > p->dev.cls->state_version) return false;
    for (unsigned i = 0; i < 2; i++) {
        p->bank[i].latched = st_get_u32(r);
        p->bank[i].enable = st_get_u32(r);
        p->bank[i].levels = st_get_u32(r);
    }
    p->fcr = st_get_u32(r);
    p->aux = st_get_u32(r);
    p->int_level = st_get_bool(r);
    return st_chunk_ok(r);
}

static void heathrow_pic_destroy(device *d)
{
    g_free(d);
}

static const device_class heathrow_pic_class = {
    .type = "heathrow-pic",
    .desc = "Heathrow/Grand Central interrupt controller (2 x 32 sources)",
    .reset = heathrow_pic_reset,
    .save = heathrow_pic_save,
    .load = heathrow_pic_load,
    .state_version = 1,
    .destroy = heathrow_pic_destroy,
};

heathrow_pic *heathrow_pic_create(const device_env *env, const char *id)
{
    if (!env) return NULL;
    heathrow_pic *p = g_new0(heathrow_pic, 1);
    p->dev.cls = &heathrow_pic_class;
    p->dev.id = id ? id : "heathrow-pic";
    p->env = *env;
    p->mmio.ops = &heathrow_pic_ops;
    p->mmio.opaque = p;
    p->mmio.size = HEATHROW_PIC_WINDOW_SIZE;
    reset_state(p);
    return p;
}

irq_line heathrow_pic_input(heathrow_pic *p, unsigned n)
{
    /* An out-of-range source yields a wire that goes nowhere. */
    if (n >= HEATHROW_PIC_NSOURCES) return irq_line_make(NULL, NULL, 0);
    return irq_line_make(set_input, p, n);
}

void heathrow_pic_connect_cpu(heathrow_pic *p, irq_line int_out)
{
    p->int_out = int_out;
}

const device_mmio *heathrow_pic_mmio(heathrow_pic *p)
{
    return &p->mmio;
}

device *heathrow_pic_device(heathrow_pic *p)
{
    return &p->dev;
}
