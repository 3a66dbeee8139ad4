#include "macio.h"

#include <stdlib.h>
#include <string.h>

#include "core/bits.h"

#define MACIO_BAR_SIZE     0x80000u
#define MACIO_MAX_CHILDREN 16
/* The ASIC's own registers: the first 256 bytes that no cell claims. */
#define MACIO_REGS 0x100u

typedef struct macio_child {
    const char *name;
    uint32_t offset;
    device_mmio w;
} macio_child;

struct macio {
    pci_device pci; /* first: the device header */
    macio_kind kind;
    macio_child child[MACIO_MAX_CHILDREN];
    unsigned nchild;
    uint8_t regs[MACIO_REGS];
    const clarus_logger *log;
    bool warned;
};

static const macio_child *find_child(const macio *m, uint32_t offset, unsigned size)
{
    for (unsigned i = 0; i < m->nchild; i++) {
        const macio_child *c = &m->child[i];
        if (offset >= c->offset && offset + size <= c->offset + c->w.size) return c;
    }
    return NULL;
}

static uint32_t macio_read(void *opaque, uint32_t offset, unsigned size)
{
    macio *m = opaque;
    const macio_child *c = find_child(m, offset, size);
    if (c) return c->w.ops->read(c->w.opaque, offset - c->offset, size);
    if (offset + size <= MACIO_REGS) {
        switch (size) {
        case 1: return m->regs[offset];
        case 2: return load_be16(m->regs + offset);
        default: return load_be32(m->regs + offset);
        }
    }
    /* Unpopulated cells of the ASIC read as zero. */
    return 0;
}

static void macio_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    macio *m = opaque;
    const macio_child *c = find_child(m, offset, size);
    if (c) {
        c->w.ops->write(c->w.opaque, offset - c->offset, value, size);
        return;
    }
    if (offset + size <= MACIO_REGS) {
        switch (size) {
        case 1: m->regs[offset] = (uint8_t)value; break;
        case 2: store_be16(m->regs + offset, (uint16_t)value); break;
        default: store_be32(m->regs + offset, value); break;
        }
        return;
    }
    if (!m->warned) {
        m->warned = true;
        clarus_log(m->log, LOG_DEBUG, "macio", "write to unpopulated mac-io offset 0x%05x", offset);
    }
}

static bool macio_streams(void *opaque, uint32_t offset)
{
    const macio_child *c = find_child(opaque, offset, 1);
    return c && c->w.ops->streams && c->w.ops->streams(c->w.opaque, offset - c->offset);
}

static const mmio_ops macio_ops = {macio_read, macio_write, macio_streams};

static void macio_reset(device *d, reset_kind k)
{
    (void)k;
    macio *m = (macio *)d;
    memset(m->regs, 0, sizeof(m->regs));
}

static void macio_save(const device *d, st_writer *w)
{
    const macio *m = (const macio *)d;
    st_put_bytes(w, m->regs, sizeof(m->regs));
}

static bool macio_load(device *d, st_reader *r, uint16_t version)
{
    macio *m = (macio *)d;
    if (version > 1) return false;
    st_get_bytes(r, m->regs, sizeof(m->regs));
    return st_chunk_ok(r);
}

static void macio_destroy(device *d)
{
    free(d);
}

static const device_class macio_heathrow_class = {
    .type = "macio-heathrow",
    .desc = "Apple Heathrow mac-io ASIC (PCI 106b:0010): interrupts, DBDMA, ESCC, CUDA, ATA, NVRAM",
    .reset = macio_reset,
    .save = macio_save,
    .load = macio_load,
    .state_version = 1,
    .destroy = macio_destroy,
};

static const device_class macio_keylargo_class = {
    .type = "macio-keylargo",
    .desc = "Apple KeyLargo mac-io ASIC (PCI 106b:0022): OpenPIC, DBDMA, ESCC, CUDA, two ATA",
    .reset = macio_reset,
    .save = macio_save,
    .load = macio_load,
    .state_version = 1,
    .destroy = macio_destroy,
};

macio *macio_create(const device_env *env, const char *id, macio_kind kind)
{
    macio *m = calloc(1, sizeof(*m));
    if (!m) return NULL;
    m->kind = kind;
    m->log = env->log;
    m->pci.dev.cls = kind == MACIO_KEYLARGO ? &macio_keylargo_class : &macio_heathrow_class;
    m->pci.dev.id = id;
    /* Class 0xff0000 ("other"), as Apple's mac-io functions report. */
    pci_device_init(&m->pci, 0x106b, kind == MACIO_KEYLARGO ? 0x0022 : 0x0010, 0xff0000,
                    kind == MACIO_KEYLARGO ? 0x00 : 0x01);
    pci_device_set_bar(&m->pci, 0, MACIO_BAR_SIZE, false, &macio_ops, m, NULL);
    return m;
}

pci_device *macio_pci(macio *m)
{
    return &m->pci;
}

device *macio_device(macio *m)
{
    return &m->pci.dev;
}

bool macio_map(macio *m, const char *name, uint32_t offset, const device_mmio *w)
{
    if (!w || m->nchild == MACIO_MAX_CHILDREN || (uint64_t)offset + w->size > MACIO_BAR_SIZE)
        return false;
    m->child[m->nchild++] = (macio_child){name, offset, *w};
    return true;
}
