/* The flattened device tree writer (machines/fdt.c) and the Power Macs'
 * tree (machines/pmac_fdt.c): blobs are parsed back here by an
 * independent reader of the Devicetree Specification v0.4 chapter 5
 * layout and checked field by field. */
#include <glib.h>
#include <string.h>

#include "machines/fdt.h"
#include "machines/pmac_fdt.h"

/* ---- a reader: the blob as a list of "path" and "path:prop" entries ---- */

typedef struct parsed_prop {
    char *path; /* node path, "/" for the root */
    char *name; /* NULL for a node entry */
    GBytes *value;
} parsed_prop;

typedef struct parsed {
    GPtrArray *items; /* parsed_prop * */
    uint32_t off_struct, off_strings, off_rsv, size_strings, size_struct;
    GArray *rsv; /* uint64_t pairs */
} parsed;

static void item_free(gpointer p)
{
    parsed_prop *it = p;
    g_free(it->path);
    g_free(it->name);
    if (it->value) g_bytes_unref(it->value);
    g_free(it);
}

static void parsed_free(parsed *p)
{
    g_ptr_array_unref(p->items);
    g_array_unref(p->rsv);
}

/* Parses blob strictly: every check the specification makes of a reader. */
static void parse(const uint8_t *b, size_t len, parsed *out)
{
    g_assert_cmpuint(len, >=, FDT_HEADER_LEN);
    g_assert_cmphex(fdt_get_u32(b), ==, FDT_MAGIC);
    g_assert_cmpuint(fdt_get_u32(b + 4), ==, len); /* totalsize */
    out->off_struct = fdt_get_u32(b + 8);
    out->off_strings = fdt_get_u32(b + 12);
    out->off_rsv = fdt_get_u32(b + 16);
    g_assert_cmpuint(fdt_get_u32(b + 20), ==, 17); /* version */
    g_assert_cmpuint(fdt_get_u32(b + 24), ==, 16); /* last_comp_version */
    out->size_strings = fdt_get_u32(b + 32);
    out->size_struct = fdt_get_u32(b + 36);
    /* 5.1: the reservation block 8-byte aligned, the structure block
     * 4-byte aligned, the blocks inside the blob and in order. */
    g_assert_cmpuint(out->off_rsv % 8, ==, 0);
    g_assert_cmpuint(out->off_rsv, >=, FDT_HEADER_LEN);
    g_assert_cmpuint(out->off_struct % 4, ==, 0);
    g_assert_cmpuint(out->off_struct + out->size_struct, <=, out->off_strings);
    g_assert_cmpuint(out->off_strings + out->size_strings, <=, len);
    out->rsv = g_array_new(FALSE, FALSE, sizeof(uint64_t));
    for (uint32_t o = out->off_rsv;; o += 16) {
        g_assert_cmpuint(o + 16, <=, out->off_struct);
        uint64_t a = (uint64_t)fdt_get_u32(b + o) << 32 | fdt_get_u32(b + o + 4);
        uint64_t s = (uint64_t)fdt_get_u32(b + o + 8) << 32 | fdt_get_u32(b + o + 12);
        if (!a && !s) break;
        g_array_append_val(out->rsv, a);
        g_array_append_val(out->rsv, s);
    }
    out->items = g_ptr_array_new_with_free_func(item_free);
    GPtrArray *stack = g_ptr_array_new_with_free_func(g_free);
    const uint8_t *s = b + out->off_struct, *end = s + out->size_struct;
    bool done = false;
    while (!done) {
        g_assert_true(s + 4 <= end);
        g_assert_cmpuint((size_t)(s - b) % 4, ==, 0);
        uint32_t tok = fdt_get_u32(s);
        s += 4;
        switch (tok) {
        case FDT_BEGIN_NODE: {
            const char *name = (const char *)s;
            size_t n = strnlen(name, (size_t)(end - s));
            g_assert_true(s + n < end);
            char *path;
            if (stack->len == 0) {
                g_assert_cmpstr(name, ==, "");
                path = g_strdup("/");
            } else {
                const char *parent = g_ptr_array_index(stack, stack->len - 1);
                path = g_strdup_printf("%s%s%s", parent, strcmp(parent, "/") ? "/" : "", name);
            }
            g_ptr_array_add(stack, path);
            parsed_prop *it = g_new0(parsed_prop, 1);
            it->path = g_strdup(path);
            g_ptr_array_add(out->items, it);
            s += (n + 1 + 3) & ~(size_t)3;
            break;
        }
        case FDT_PROP: {
            g_assert_cmpuint(stack->len, >, 0);
            uint32_t plen = fdt_get_u32(s), nameoff = fdt_get_u32(s + 4);
            s += 8;
            g_assert_true(s + plen <= end);
            g_assert_cmpuint(nameoff, <, out->size_strings);
            parsed_prop *it = g_new0(parsed_prop, 1);
            it->path = g_strdup(g_ptr_array_index(stack, stack->len - 1));
            it->name = g_strdup((const char *)b + out->off_strings + nameoff);
            it->value = g_bytes_new(s, plen);
            g_ptr_array_add(out->items, it);
            s += (plen + 3) & ~3u;
            break;
        }
        case FDT_END_NODE:
            g_assert_cmpuint(stack->len, >, 0);
            g_ptr_array_remove_index(stack, stack->len - 1);
            break;
        case FDT_NOP: break;
        case FDT_END:
            g_assert_cmpuint(stack->len, ==, 0);
            g_assert_true(s == end);
            done = true;
            break;
        default: g_assert_not_reached();
        }
    }
    g_ptr_array_unref(stack);
}

static GBytes *find_prop(const parsed *p, const char *path, const char *name)
{
    for (guint i = 0; i < p->items->len; i++) {
        parsed_prop *it = g_ptr_array_index(p->items, i);
        if (it->name && !strcmp(it->path, path) && !strcmp(it->name, name)) return it->value;
    }
    return NULL;
}

static bool has_node(const parsed *p, const char *path)
{
    for (guint i = 0; i < p->items->len; i++) {
        parsed_prop *it = g_ptr_array_index(p->items, i);
        if (!it->name && !strcmp(it->path, path)) return true;
    }
    return false;
}

static uint32_t prop_u32(const parsed *p, const char *path, const char *name, unsigned cell)
{
    GBytes *v = find_prop(p, path, name);
    g_assert_nonnull(v);
    gsize n;
    const uint8_t *d = g_bytes_get_data(v, &n);
    g_assert_cmpuint(n, >=, (cell + 1) * 4);
    return fdt_get_u32(d + cell * 4);
}

static void assert_prop_str(const parsed *p, const char *path, const char *name, const char *want,
                            size_t want_len)
{
    GBytes *v = find_prop(p, path, name);
    if (!v) g_error("no %s in %s", name, path);
    gsize n;
    const void *d = g_bytes_get_data(v, &n);
    g_assert_cmpmem(d, n, want, want_len);
}
#define ASSERT_STR(p, path, name, lit) assert_prop_str(p, path, name, lit, sizeof(lit))

/* ---- the writer ---- */

static void test_roundtrip(void)
{
    fdt_writer *w = fdt_new(3);
    fdt_add_reservation(w, 0x0123456789abcdefull, 0x1000);
    fdt_begin_node(w, "");
    fdt_prop_u32(w, "#address-cells", 1);
    fdt_prop_string(w, "model", "abc"); /* 4 bytes with the NUL */
    fdt_begin_node(w, "node@10");
    fdt_prop_empty(w, "flag");
    uint32_t cells[3] = {1, 0xdeadbeef, 3};
    fdt_prop_cells(w, "reg", cells, 3);
    const char *const list[] = {"a", "bc", NULL};
    fdt_prop_strings(w, "compatible", list);
    fdt_prop(w, "odd", "\x01\x02\x03\x04\x05", 5);
    fdt_prop_u32(w, "#address-cells", 2); /* a name already in the strings block */
    fdt_begin_node(w, "child");
    fdt_end_node(w);
    fdt_end_node(w);
    fdt_begin_node(w, "second");
    fdt_prop_string(w, "model", "x");
    fdt_end_node(w);
    fdt_end_node(w);
    size_t len = 0;
    GError *err = NULL;
    uint8_t *b = fdt_finish(w, &len, &err);
    g_assert_no_error(err);
    g_assert_nonnull(b);

    parsed p;
    parse(b, len, &p);
    g_assert_cmpuint(fdt_get_u32(b + 28), ==, 3); /* boot_cpuid_phys */
    g_assert_cmpuint(p.rsv->len, ==, 2);
    g_assert_cmphex(g_array_index(p.rsv, uint64_t, 0), ==, 0x0123456789abcdefull);
    g_assert_cmphex(g_array_index(p.rsv, uint64_t, 1), ==, 0x1000);
    /* Nodes and properties in order. */
    static const char *const want[][2] = {
        {"/", NULL},
        {"/", "#address-cells"},
        {"/", "model"},
        {"/node@10", NULL},
        {"/node@10", "flag"},
        {"/node@10", "reg"},
        {"/node@10", "compatible"},
        {"/node@10", "odd"},
        {"/node@10", "#address-cells"},
        {"/node@10/child", NULL},
        {"/second", NULL},
        {"/second", "model"},
    };
    g_assert_cmpuint(p.items->len, ==, G_N_ELEMENTS(want));
    for (guint i = 0; i < p.items->len; i++) {
        parsed_prop *it = g_ptr_array_index(p.items, i);
        g_assert_cmpstr(it->path, ==, want[i][0]);
        g_assert_cmpstr(it->name, ==, want[i][1]);
    }
    g_assert_cmpuint(prop_u32(&p, "/", "#address-cells", 0), ==, 1);
    g_assert_cmpuint(prop_u32(&p, "/node@10", "#address-cells", 0), ==, 2);
    g_assert_cmphex(prop_u32(&p, "/node@10", "reg", 1), ==, 0xdeadbeef);
    g_assert_cmpuint(g_bytes_get_size(find_prop(&p, "/node@10", "flag")), ==, 0);
    ASSERT_STR(&p, "/node@10", "compatible", "a\0bc");
    ASSERT_STR(&p, "/", "model", "abc");
    assert_prop_str(&p, "/node@10", "odd", "\x01\x02\x03\x04\x05", 5);
    /* Each name once in the strings block: #address-cells, model, flag,
     * reg, compatible, odd. */
    static const char strings[] = "#address-cells\0model\0flag\0reg\0compatible\0odd";
    g_assert_cmpmem(b + p.off_strings, p.size_strings, strings, sizeof(strings));
    parsed_free(&p);
    g_free(b);
}

static void expect_failure(fdt_writer *w, const char *what)
{
    size_t len = 0;
    GError *err = NULL;
    uint8_t *b = fdt_finish(w, &len, &err);
    g_assert_null(b);
    g_assert_nonnull(err);
    if (!strstr(err->message, what)) g_error("'%s' does not say '%s'", err->message, what);
    g_error_free(err);
}

static void test_mistakes(void)
{
    fdt_writer *w = fdt_new(0);
    fdt_begin_node(w, "");
    fdt_begin_node(w, "a");
    expect_failure(w, "open");

    w = fdt_new(0);
    fdt_begin_node(w, "");
    fdt_begin_node(w, "a");
    fdt_end_node(w);
    fdt_prop_u32(w, "late", 1);
    fdt_end_node(w);
    expect_failure(w, "after a child");

    w = fdt_new(0);
    fdt_begin_node(w, "");
    fdt_begin_node(w, "bad name");
    fdt_end_node(w);
    fdt_end_node(w);
    expect_failure(w, "bad node name");

    w = fdt_new(0);
    fdt_begin_node(w, "");
    fdt_end_node(w);
    fdt_end_node(w);
    expect_failure(w, "no node open");

    w = fdt_new(0);
    expect_failure(w, "no root");

    w = fdt_new(0);
    fdt_prop_u32(w, "x", 1);
    fdt_begin_node(w, "");
    fdt_end_node(w);
    expect_failure(w, "outside any node");

    /* An abandoned writer is freed without finishing. */
    w = fdt_new(0);
    fdt_begin_node(w, "");
    fdt_free(w);
}

/* ---- the Power Macs' trees ---- */

static parsed build(const pmac_fdt_info *in)
{
    size_t len = 0;
    GError *err = NULL;
    uint8_t *b = pmac_fdt_build(in, &len, &err);
    g_assert_no_error(err);
    parsed p;
    parse(b, len, &p);
    g_free(b);
    return p;
}

/* Every interrupt-parent names a node that carries that phandle and is an
 * interrupt controller. */
static void check_phandles(const parsed *p)
{
    for (guint i = 0; i < p->items->len; i++) {
        parsed_prop *it = g_ptr_array_index(p->items, i);
        if (!it->name || strcmp(it->name, "interrupt-parent")) continue;
        uint32_t ph = fdt_get_u32(g_bytes_get_data(it->value, NULL));
        bool found = false;
        for (guint j = 0; j < p->items->len; j++) {
            parsed_prop *c = g_ptr_array_index(p->items, j);
            if (c->name && !strcmp(c->name, "phandle") &&
                fdt_get_u32(g_bytes_get_data(c->value, NULL)) == ph) {
                g_assert_nonnull(find_prop(p, c->path, "interrupt-controller"));
                found = true;
            }
        }
        if (!found) g_error("%s: interrupt-parent %u names no node", it->path, ph);
    }
}

static void test_mac99(void)
{
    pmac_fdt_info in;
    pmac_fdt_defaults(&in, PMAC_FDT_MAC99);
    in.ram_size = 256u << 20;
    in.cmdline = "console=ttyPZ0";
    in.initrd_start = 0x02000000;
    in.initrd_end = 0x02100000;
    parsed p = build(&in);
    ASSERT_STR(&p, "/", "compatible", "PowerMac3,1\0MacRISC\0MacRISC2\0Power Macintosh");
    ASSERT_STR(&p, "/", "model", "PowerMac3,1");
    g_assert_cmpuint(prop_u32(&p, "/memory@0", "reg", 1), ==, 256u << 20);
    ASSERT_STR(&p, "/cpus/PowerPC,G4@0", "device_type", "cpu");
    g_assert_cmphex(prop_u32(&p, "/cpus/PowerPC,G4@0", "cpu-version", 0), ==, 0x000c0209);
    g_assert_cmpuint(prop_u32(&p, "/cpus/PowerPC,G4@0", "timebase-frequency", 0), ==, 100000000);
    ASSERT_STR(&p, "/chosen", "bootargs", "console=ttyPZ0");
    g_assert_cmphex(prop_u32(&p, "/chosen", "linux,initrd-start", 0), ==, 0x02000000);
    g_assert_cmphex(prop_u32(&p, "/chosen", "linux,initrd-end", 0), ==, 0x02100000);
    ASSERT_STR(&p, "/chosen", "linux,stdout-path", "/pci@f2000000/mac-io@c/escc@13000/ch-a@13020");
    g_assert_true(has_node(&p, "/pci@f2000000/mac-io@c/escc@13000/ch-a@13020"));
    const char *mio = "/pci@f2000000/mac-io@c";
    ASSERT_STR(&p, "/pci@f2000000", "compatible", "uni-north");
    ASSERT_STR(&p, mio, "compatible", "Keylargo");
    /* BAR0 of device 0xc: phys.hi 0x02006010, then the address. */
    g_assert_cmphex(prop_u32(&p, mio, "assigned-addresses", 0), ==, 0x02006010);
    g_assert_cmphex(prop_u32(&p, mio, "assigned-addresses", 2), ==, 0x80000000);
    ASSERT_STR(&p, "/pci@f2000000/mac-io@c/interrupt-controller@40000", "device_type", "open-pic");
    g_assert_cmphex(prop_u32(&p, "/pci@f2000000/mac-io@c/ata-3@20000", "reg", 2), ==, 0x8b00);
    g_assert_cmphex(prop_u32(&p, "/pci@f2000000/mac-io@c/ata-3@21000", "reg", 2), ==, 0x8d00);
    g_assert_cmpuint(prop_u32(&p, "/pci@f2000000/mac-io@c/ata-3@21000", "interrupts", 0), ==, 14);
    g_assert_cmpuint(prop_u32(&p, "/pci@f2000000/mac-io@c/via-cuda@16000", "interrupts", 0), ==,
                     0x19);
    g_assert_cmpuint(prop_u32(&p, "/pci@f2000000/QEMU,VGA@e", "linebytes", 0), ==, 3200);
    g_assert_cmphex(prop_u32(&p, "/pci@f2000000/QEMU,VGA@e", "address", 0), ==, 0x81000000);
    g_assert_true(has_node(&p, "/nvram@fff04000"));
    g_assert_true(has_node(&p, "/uni-n@f8000000"));
    g_assert_false(has_node(&p, "/pci@f2000000/mac-io@c/gpio@50"));
    check_phandles(&p);
    parsed_free(&p);

    /* With the PMU: via-pmu and the GPIO cell, no ADB on plain PMU. */
    in.via = PMAC_FDT_PMU;
    in.initrd_start = in.initrd_end = 0;
    p = build(&in);
    g_assert_true(has_node(&p, "/pci@f2000000/mac-io@c/via-pmu@16000"));
    g_assert_false(has_node(&p, "/pci@f2000000/mac-io@c/via-pmu@16000/adb"));
    g_assert_false(has_node(&p, "/pci@f2000000/mac-io@c/via-cuda@16000"));
    g_assert_true(has_node(&p, "/pci@f2000000/mac-io@c/gpio@50/extint-gpio1@9"));
    g_assert_null(find_prop(&p, "/chosen", "linux,initrd-start"));
    check_phandles(&p);
    parsed_free(&p);
    in.via = PMAC_FDT_PMU_ADB;
    p = build(&in);
    g_assert_true(has_node(&p, "/pci@f2000000/mac-io@c/via-pmu@16000/adb/keyboard@8"));
    parsed_free(&p);
}

static void test_g3beige(void)
{
    pmac_fdt_info in;
    pmac_fdt_defaults(&in, PMAC_FDT_G3BEIGE);
    in.display_is_stdout = true;
    parsed p = build(&in);
    ASSERT_STR(&p, "/", "compatible", "AAPL,PowerMac G3\0MacRISC");
    ASSERT_STR(&p, "/", "model", "Power Macintosh");
    ASSERT_STR(&p, "/pci@80000000", "compatible", "grackle");
    ASSERT_STR(&p, "/chosen", "bootargs", "");
    ASSERT_STR(&p, "/chosen", "linux,stdout-path", "/pci@80000000/QEMU,VGA@1");
    g_assert_nonnull(find_prop(&p, "/pci@80000000/QEMU,VGA@1", "linux,boot-display"));
    const char *mio = "/pci@80000000/mac-io@10";
    ASSERT_STR(&p, mio, "compatible", "heathrow");
    g_assert_cmphex(prop_u32(&p, mio, "assigned-addresses", 2), ==, 0x81080000);
    /* Old world: no interrupt controller node, Heathrow inputs as
     * AAPL,interrupts. */
    for (guint i = 0; i < p.items->len; i++) {
        parsed_prop *it = g_ptr_array_index(p.items, i);
        g_assert_false(it->name && !strcmp(it->name, "interrupt-controller"));
        g_assert_false(it->name && !strcmp(it->name, "interrupts"));
    }
    g_assert_cmpuint(
        prop_u32(&p, "/pci@80000000/mac-io@10/escc@13000/ch-a@13020", "AAPL,interrupts", 0), ==,
        0x0f);
    g_assert_cmpuint(prop_u32(&p, "/pci@80000000/mac-io@10/ata-3@20000", "AAPL,interrupts", 1), ==,
                     0x02);
    g_assert_true(has_node(&p, "/pci@80000000/mac-io@10/nvram@60000"));
    g_assert_true(has_node(&p, "/pci@80000000/mac-io@10/via-cuda@16000/adb/mouse@9"));
    /* The three PCI ranges: I/O, ISA memory, the 0x80000000 window. */
    GBytes *r = find_prop(&p, "/pci@80000000", "ranges");
    g_assert_cmpuint(g_bytes_get_size(r), ==, 3 * 6 * 4);
    g_assert_cmphex(prop_u32(&p, "/pci@80000000", "ranges", 3), ==, 0xfe000000);
    parsed_free(&p);
}

static void test_bad_info(void)
{
    pmac_fdt_info in;
    pmac_fdt_defaults(&in, PMAC_FDT_MAC99);
    in.initrd_start = 0x100000;
    in.initrd_end = in.ram_size + 1;
    size_t len;
    GError *err = NULL;
    g_assert_null(pmac_fdt_build(&in, &len, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, "initrd"));
    g_clear_error(&err);
    pmac_fdt_defaults(&in, PMAC_FDT_G3BEIGE);
    in.cpu_name = NULL;
    g_assert_null(pmac_fdt_build(&in, &len, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fdt/roundtrip", test_roundtrip);
    g_test_add_func("/fdt/mistakes", test_mistakes);
    g_test_add_func("/fdt/pmac/mac99", test_mac99);
    g_test_add_func("/fdt/pmac/g3beige", test_g3beige);
    g_test_add_func("/fdt/pmac/bad-info", test_bad_info);
    return g_test_run();
}
