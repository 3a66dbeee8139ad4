/* Mac NVRAM byte array behind a strided register window (see nvram.h). */
#include "nvram.h"

#include <string.h>

struct nvram {
    device dev;
    device_env env;
    device_mmio mmio;
    uint32_t size;
    unsigned it_shift;
    uint8_t *data;
};

static uint32_t cell(const nvram *n, uint32_t offset)
{
    return (offset >> n->it_shift) & (n->size - 1);
}

static uint32_t nvram_read(void *opaque, uint32_t offset, unsigned size)
{
    nvram *n = opaque;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) v = v << 8 | n->data[cell(n, offset + i)];
    return v;
}

static void nvram_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
    nvram *n = opaque;
    for (unsigned i = 0; i < size; i++)
        n->data[cell(n, offset + i)] = (uint8_t)(value >> (8 * (size - 1 - i)));
}

static const mmio_ops nvram_ops = {nvram_read, nvram_write, NULL};

/* NVRAM survives resets: that is its purpose. */
static void nvram_reset(device *d, reset_kind k)
{
    (void)d;
    (void)k;
}

static void nvram_save(const device *d, st_writer *w)
{
    const nvram *n = (const nvram *)d;
    st_put_u32(w, n->size);
    st_put_bytes(w, n->data, n->size);
}

static bool nvram_load(device *d, st_reader *r, uint16_t version)
{
    nvram *n = (nvram *)d;
    if (version > 1) return false;
    if (st_get_u32(r) != n->size) return false;
    uint8_t *tmp = g_malloc(n->size);
    st_get_bytes(r, tmp, n->size);
    bool ok = st_chunk_ok(r);
    if (ok) memcpy(n->data, tmp, n->size);
    g_free(tmp);
    return ok;
}

static void nvram_destroy(device *d)
{
    nvram *n = (nvram *)d;
    g_free(n->data);
    g_free(n);
}

static const device_class nvram_class = {
    .type = "nvram",
    .desc = "Power Mac NVRAM (mac-io / Core99 byte array on a strided window)",
    .reset = nvram_reset,
    .save = nvram_save,
    .load = nvram_load,
    .state_version = 1,
    .destroy = nvram_destroy,
};

nvram *nvram_create(const device_env *env, const char *id, uint32_t size, unsigned it_shift)
{
    if (!size || (size & (size - 1)) || it_shift > 8 || ((uint64_t)size << it_shift) > 0x80000000u)
        return NULL;
    nvram *n = g_new0(nvram, 1);
    n->dev.cls = &nvram_class;
    n->dev.id = id;
    n->env = *env;
    n->size = size;
    n->it_shift = it_shift;
    n->data = g_malloc0(size);
    n->mmio.ops = &nvram_ops;
    n->mmio.opaque = n;
    n->mmio.size = size << it_shift;
    return n;
}

const device_mmio *nvram_mmio(nvram *n)
{
    return &n->mmio;
}

uint8_t *nvram_data(nvram *n)
{
    return n->data;
}

uint32_t nvram_size(const nvram *n)
{
    return n->size;
}

device *nvram_device(nvram *n)
{
    return &n->dev;
}

bool nvram_load_file(nvram *n, const char *path, GError **err)
{
    gchar *buf = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &buf, &len, err)) return false;
    if (len != n->size) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: NVRAM image is %zu bytes, expected %u", path, (size_t)len, n->size);
        g_free(buf);
        return false;
    }
    memcpy(n->data, buf, n->size);
    g_free(buf);
    return true;
}

bool nvram_save_file(const nvram *n, const char *path, GError **err)
{
    return g_file_set_contents(path, (const gchar *)n->data, n->size, err);
}
