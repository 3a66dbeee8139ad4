/* QEMU firmware configuration device, memory-mapped flavour
 * (QEMU docs/specs/fw_cfg.rst: "Selector (Control) Register", "Data
 * Register", "Firmware Configuration Items", "File Directory").
 */
#include "fw_cfg.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/bits.h"

/* Item keys are 14-bit indices plus the arch-local bit 15; bit 14 (the
 * old write channel) is ignored when selecting. */
#define KEY_MASK (FW_CFG_ARCH_LOCAL | (FW_CFG_WRITE_CHANNEL - 1))

typedef struct fw_cfg_file {
    char name[FW_CFG_MAX_FILE_PATH];
    uint16_t key;
} fw_cfg_file;

struct fw_cfg {
    device dev;
    const clarus_logger *log;
    GHashTable *items; /* key -> GBytes */
    GArray *files;     /* fw_cfg_file, in directory order */
    uint16_t selector;
    uint32_t offset;
    device_mmio ctl_mmio, data_mmio;
};

static uint16_t norm_key(uint16_t key)
{
    return key & KEY_MASK;
}

void fw_cfg_add_bytes(fw_cfg *f, uint16_t key, const void *data, size_t len)
{
    g_hash_table_replace(f->items, GUINT_TO_POINTER(norm_key(key)),
                         g_bytes_new(len ? data : NULL, len));
}

void fw_cfg_add_i16(fw_cfg *f, uint16_t key, uint16_t value)
{
    uint8_t b[2];
    store_le16(b, value);
    fw_cfg_add_bytes(f, key, b, sizeof(b));
}

void fw_cfg_add_i32(fw_cfg *f, uint16_t key, uint32_t value)
{
    uint8_t b[4];
    store_le32(b, value);
    fw_cfg_add_bytes(f, key, b, sizeof(b));
}

void fw_cfg_add_i64(fw_cfg *f, uint16_t key, uint64_t value)
{
    uint8_t b[8];
    store_le32(b, (uint32_t)value);
    store_le32(b + 4, (uint32_t)(value >> 32));
    fw_cfg_add_bytes(f, key, b, sizeof(b));
}

void fw_cfg_add_string(fw_cfg *f, uint16_t key, const char *s)
{
    fw_cfg_add_bytes(f, key, s, strlen(s) + 1);
}

/* FW_CFG_FILE_DIR: be32 count, then per file be32 size, be16 select,
 * be16 reserved, char name[56] (NUL padded). */
static void rebuild_dir(fw_cfg *f)
{
    size_t n = f->files->len;
    size_t len = 4 + n * (8 + FW_CFG_MAX_FILE_PATH);
    uint8_t *dir = g_malloc0(len);
    store_be32(dir, (uint32_t)n);
    for (size_t i = 0; i < n; i++) {
        const fw_cfg_file *e = &g_array_index(f->files, fw_cfg_file, i);
        uint8_t *p = dir + 4 + i * (8 + FW_CFG_MAX_FILE_PATH);
        GBytes *b = g_hash_table_lookup(f->items, GUINT_TO_POINTER(e->key));
        store_be32(p, b ? (uint32_t)g_bytes_get_size(b) : 0);
        store_be16(p + 4, e->key);
        memcpy(p + 8, e->name, FW_CFG_MAX_FILE_PATH);
    }
    fw_cfg_add_bytes(f, FW_CFG_FILE_DIR, dir, len);
    g_free(dir);
}

uint16_t fw_cfg_add_file(fw_cfg *f, const char *name, const void *data, size_t len)
{
    size_t nlen = strlen(name);
    if (nlen == 0 || nlen >= FW_CFG_MAX_FILE_PATH) {
        clarus_log(f->log, LOG_ERROR, "fw_cfg", "%s: bad file name \"%s\"", f->dev.id, name);
        return 0;
    }
    uint16_t key = 0;
    for (guint i = 0; i < f->files->len; i++) {
        const fw_cfg_file *e = &g_array_index(f->files, fw_cfg_file, i);
        if (!strcmp(e->name, name)) key = e->key;
    }
    if (!key) {
        fw_cfg_file e = {.key = (uint16_t)(FW_CFG_FILE_FIRST + f->files->len)};
        if (e.key >= FW_CFG_WRITE_CHANNEL) return 0;
        memcpy(e.name, name, nlen);
        g_array_append_val(f->files, e);
        key = e.key;
    }
    fw_cfg_add_bytes(f, key, data, len);
    rebuild_dir(f);
    return key;
}

/* ---- registers ---- */

static uint32_t ctl_read(void *opaque, uint32_t offset, unsigned size)
{
    (void)opaque;
    (void)offset;
    (void)size;
    return 0; /* the selector is write-only */
}

static void ctl_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    fw_cfg *f = opaque;
    /* A 16-bit big-endian register: anything but a halfword store to it is
     * ignored, as QEMU's device does. */
    if (offset != 0 || size != 2) {
        clarus_log(f->log, LOG_DEBUG, "fw_cfg", "%s: ignored %u-byte selector write at +%u",
                   f->dev.id, size, offset);
        return;
    }
    f->selector = (uint16_t)value;
    f->offset = 0;
}

static uint8_t next_byte(fw_cfg *f)
{
    GBytes *b = g_hash_table_lookup(f->items, GUINT_TO_POINTER(norm_key(f->selector)));
    if (!b) return 0;
    gsize len;
    const uint8_t *p = g_bytes_get_data(b, &len);
    if (f->offset >= len) return 0;
    return p[f->offset++];
}

static uint32_t data_read(void *opaque, uint32_t offset, unsigned size)
{
    (void)offset;
    fw_cfg *f = opaque;
    /* Wider reads return consecutive bytes in address order. */
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++) v = v << 8 | next_byte(f);
    return v;
}

static void data_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    (void)offset;
    (void)value;
    (void)size;
    (void)opaque; /* writes through the data register are ignored (fw_cfg.rst) */
}

static const mmio_ops ctl_ops = {ctl_read, ctl_write, NULL};
/* Each read of the data register takes the item's next byte. */
static bool data_streams(void *opaque, uint32_t offset)
{
    (void)opaque, (void)offset;
    return true;
}

static const mmio_ops data_ops = {data_read, data_write, data_streams};

/* ---- device class ---- */

static void fw_cfg_reset(device *d, reset_kind k)
{
    (void)k;
    fw_cfg *f = (fw_cfg *)d;
    f->selector = FW_CFG_SIGNATURE;
    f->offset = 0;
}

static void fw_cfg_save(const device *d, st_writer *w)
{
    const fw_cfg *f = (const fw_cfg *)d;
    /* The items are the machine's configuration, rebuilt when it is made. */
    st_put_u16(w, f->selector);
    st_put_u32(w, f->offset);
}

static bool fw_cfg_load(device *d, st_reader *r, uint16_t version)
{
    fw_cfg *f = (fw_cfg *)d;
    if (version > 1) return false;
    f->selector = st_get_u16(r);
    f->offset = st_get_u32(r);
    return st_chunk_ok(r);
}

static void fw_cfg_destroy(device *d)
{
    fw_cfg *f = (fw_cfg *)d;
    g_hash_table_destroy(f->items);
    g_array_free(f->files, TRUE);
    free(f);
}

static const device_class fw_cfg_class = {
    .type = "fw_cfg",
    .desc = "QEMU firmware configuration interface (selector + byte data register)",
    .reset = fw_cfg_reset,
    .save = fw_cfg_save,
    .load = fw_cfg_load,
    .state_version = 1,
    .destroy = fw_cfg_destroy,
};

fw_cfg *fw_cfg_create(const device_env *env, const char *id)
{
    fw_cfg *f = calloc(1, sizeof(*f));
    if (!f) return NULL;
    f->dev.cls = &fw_cfg_class;
    f->dev.id = id;
    f->log = env ? env->log : NULL;
    f->items =
        g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_bytes_unref);
    f->files = g_array_new(FALSE, TRUE, sizeof(fw_cfg_file));
    f->ctl_mmio = (device_mmio){&ctl_ops, f, FW_CFG_CTL_SIZE};
    f->data_mmio = (device_mmio){&data_ops, f, FW_CFG_DATA_SIZE};
    fw_cfg_add_bytes(f, FW_CFG_SIGNATURE, "QEMU", 4);
    fw_cfg_add_i32(f, FW_CFG_ID, FW_CFG_VERSION);
    return f;
}

device *fw_cfg_device(fw_cfg *f)
{
    return &f->dev;
}

const device_mmio *fw_cfg_ctl_mmio(fw_cfg *f)
{
    return &f->ctl_mmio;
}

const device_mmio *fw_cfg_data_mmio(fw_cfg *f)
{
    return &f->data_mmio;
}
