/* A flattened device tree writer (Devicetree Specification v0.4,
 * chapter 5). The structure block and the strings block grow separately;
 * fdt_finish lays out header, reservation block, structure block and
 * strings block, each offset aligned as section 5.1 asks (the reservation
 * block to 8 bytes, the structure block to 4). */
#include "fdt.h"

#include <string.h>

#include "session.h"

struct fdt_writer {
    GByteArray *structure;
    GByteArray *strings;
    GByteArray *reserve; /* 16-byte entries, big-endian address and size */
    uint32_t boot_cpuid_phys;
    unsigned depth;        /* nodes open */
    bool root_done;        /* the root node has been closed */
    bool child_written;    /* the open node already has a child: no more properties */
    const char *error;     /* the first mistake, a static string */
    const char *error_arg; /* the name involved (copied) */
};

static void put_u32(GByteArray *a, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    g_byte_array_append(a, b, 4);
}

static void pad4(GByteArray *a)
{
    static const uint8_t zero[3] = {0, 0, 0};
    if (a->len & 3) g_byte_array_append(a, zero, 4 - (a->len & 3));
}

static void fail(fdt_writer *w, const char *what, const char *name)
{
    if (w->error) return;
    w->error = what;
    w->error_arg = g_strdup(name ? name : "");
}

fdt_writer *fdt_new(uint32_t boot_cpuid_phys)
{
    fdt_writer *w = g_new0(fdt_writer, 1);
    w->structure = g_byte_array_new();
    w->strings = g_byte_array_new();
    w->reserve = g_byte_array_new();
    w->boot_cpuid_phys = boot_cpuid_phys;
    return w;
}

void fdt_free(fdt_writer *w)
{
    if (!w) return;
    g_byte_array_unref(w->structure);
    g_byte_array_unref(w->strings);
    g_byte_array_unref(w->reserve);
    g_free((char *)w->error_arg);
    g_free(w);
}

void fdt_add_reservation(fdt_writer *w, uint64_t address, uint64_t size)
{
    put_u32(w->reserve, (uint32_t)(address >> 32));
    put_u32(w->reserve, (uint32_t)address);
    put_u32(w->reserve, (uint32_t)(size >> 32));
    put_u32(w->reserve, (uint32_t)size);
}

/* Node names (section 2.2.1): up to 31 characters of a limited set before
 * an optional @unit-address. Only the characters are checked here. */
static bool valid_node_name(const char *name)
{
    if (!name[0]) return false;
    for (const char *c = name; *c; c++) {
        if (!g_ascii_isalnum(*c) && !strchr(",._+-@", *c)) return false;
    }
    return true;
}

void fdt_begin_node(fdt_writer *w, const char *name)
{
    if (w->depth == 0) {
        if (w->root_done) fail(w, "a second root node", name);
        if (name[0]) fail(w, "the root node must have an empty name", name);
    } else if (!valid_node_name(name)) {
        fail(w, "bad node name", name);
    }
    put_u32(w->structure, FDT_BEGIN_NODE);
    g_byte_array_append(w->structure, (const uint8_t *)name, (guint)strlen(name) + 1);
    pad4(w->structure);
    w->depth++;
    w->child_written = false;
}

void fdt_end_node(fdt_writer *w)
{
    if (w->depth == 0) {
        fail(w, "fdt_end_node with no node open", NULL);
        return;
    }
    put_u32(w->structure, FDT_END_NODE);
    if (--w->depth == 0) w->root_done = true;
    /* The parent now has a child: its properties are behind it. */
    w->child_written = true;
}

/* The offset of name in the strings block, adding it the first time. */
static uint32_t string_offset(fdt_writer *w, const char *name)
{
    size_t n = strlen(name) + 1;
    const uint8_t *s = w->strings->data;
    for (size_t off = 0; off < w->strings->len;) {
        size_t len = strlen((const char *)s + off) + 1;
        if (len == n && !memcmp(s + off, name, n)) return (uint32_t)off;
        off += len;
    }
    uint32_t off = w->strings->len;
    g_byte_array_append(w->strings, (const uint8_t *)name, (guint)n);
    return off;
}

void fdt_prop(fdt_writer *w, const char *name, const void *value, size_t len)
{
    if (w->depth == 0) fail(w, "a property outside any node", name);
    if (w->child_written) fail(w, "a property after a child node", name);
    if (!name[0] || len > 0x7fffffffu) fail(w, "bad property", name);
    put_u32(w->structure, FDT_PROP);
    put_u32(w->structure, (uint32_t)len);
    put_u32(w->structure, string_offset(w, name));
    if (len) g_byte_array_append(w->structure, value, (guint)len);
    pad4(w->structure);
}

void fdt_prop_empty(fdt_writer *w, const char *name)
{
    fdt_prop(w, name, NULL, 0);
}

void fdt_prop_u32(fdt_writer *w, const char *name, uint32_t value)
{
    fdt_prop_cells(w, name, &value, 1);
}

void fdt_prop_cells(fdt_writer *w, const char *name, const uint32_t *cells, size_t n)
{
    uint8_t *buf = g_malloc(n * 4 + 1);
    for (size_t i = 0; i < n; i++) {
        buf[i * 4] = (uint8_t)(cells[i] >> 24);
        buf[i * 4 + 1] = (uint8_t)(cells[i] >> 16);
        buf[i * 4 + 2] = (uint8_t)(cells[i] >> 8);
        buf[i * 4 + 3] = (uint8_t)cells[i];
    }
    fdt_prop(w, name, buf, n * 4);
    g_free(buf);
}

void fdt_prop_string(fdt_writer *w, const char *name, const char *s)
{
    fdt_prop(w, name, s, strlen(s) + 1);
}

void fdt_prop_strings(fdt_writer *w, const char *name, const char *const *list)
{
    GByteArray *a = g_byte_array_new();
    for (size_t i = 0; list[i]; i++)
        g_byte_array_append(a, (const uint8_t *)list[i], (guint)strlen(list[i]) + 1);
    fdt_prop(w, name, a->data, a->len);
    g_byte_array_unref(a);
}

uint8_t *fdt_finish(fdt_writer *w, size_t *len, GError **err)
{
    if (w->depth) fail(w, "nodes left open", NULL);
    if (!w->root_done) fail(w, "no root node", NULL);
    if (w->error) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "device tree: %s%s%s", w->error,
                    w->error_arg[0] ? ": " : "", w->error_arg);
        fdt_free(w);
        return NULL;
    }
    put_u32(w->structure, FDT_END);
    /* Header, then the reservation block at an 8-byte boundary, closed by
     * an all-zero entry. */
    uint32_t off_rsv = (FDT_HEADER_LEN + 7u) & ~7u;
    uint32_t off_struct = off_rsv + w->reserve->len + 16;
    uint32_t off_strings = off_struct + w->structure->len;
    uint32_t total = off_strings + w->strings->len;
    GByteArray *out = g_byte_array_sized_new(total);
    uint32_t header[10] = {
        FDT_MAGIC,   total,         off_struct,         off_strings,     off_rsv,
        FDT_VERSION, FDT_LAST_COMP, w->boot_cpuid_phys, w->strings->len, w->structure->len};
    for (unsigned i = 0; i < 10; i++) put_u32(out, header[i]);
    while (out->len < off_rsv) put_u32(out, 0);
    g_byte_array_append(out, w->reserve->data, w->reserve->len);
    for (unsigned i = 0; i < 4; i++) put_u32(out, 0);
    g_byte_array_append(out, w->structure->data, w->structure->len);
    g_byte_array_append(out, w->strings->data, w->strings->len);
    fdt_free(w);
    *len = out->len;
    return g_byte_array_free(out, FALSE);
}
