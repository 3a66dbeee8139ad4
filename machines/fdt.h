/* A writer of flattened device trees (DTB), as the Devicetree
 * Specification v0.4, chapter 5 "Flattened Devicetree (DTB) Format"
 * defines them: a header, the memory reservation block, the structure
 * block (FDT_BEGIN_NODE, FDT_PROP, FDT_END_NODE, FDT_END tokens, each
 * 32-bit big-endian and 4-byte aligned) and the strings block, which holds
 * each property name once. Version 17, last compatible version 16.
 *
 * Nodes are written depth first: fdt_begin_node(w, "") opens the root,
 * properties follow their node's begin and precede its children.
 * Mistakes (a property after a child node, unbalanced nodes, an empty node
 * name below the root, running out of memory) are remembered and reported
 * by fdt_finish, so a builder need not check every call. */
#ifndef CLARUS_FDT_H
#define CLARUS_FDT_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 0x00000001u
#define FDT_END_NODE   0x00000002u
#define FDT_PROP       0x00000003u
#define FDT_NOP        0x00000004u
#define FDT_END        0x00000009u
#define FDT_VERSION    17u
#define FDT_LAST_COMP  16u
#define FDT_HEADER_LEN 40u

typedef struct fdt_writer fdt_writer;

/* A new, empty tree; boot_cpuid_phys goes into the header. NULL when out
 * of memory. */
fdt_writer *fdt_new(uint32_t boot_cpuid_phys);

/* Frees a writer that fdt_finish has not consumed. */
void fdt_free(fdt_writer *w);

/* Adds an entry to the memory reservation block (before fdt_finish). */
void fdt_add_reservation(fdt_writer *w, uint64_t address, uint64_t size);

void fdt_begin_node(fdt_writer *w, const char *name);
void fdt_end_node(fdt_writer *w);

/* A property of the open node: len bytes of value, copied. */
void fdt_prop(fdt_writer *w, const char *name, const void *value, size_t len);
/* An empty property (a flag such as interrupt-controller). */
void fdt_prop_empty(fdt_writer *w, const char *name);
void fdt_prop_u32(fdt_writer *w, const char *name, uint32_t value);
/* n 32-bit cells, written big-endian. */
void fdt_prop_cells(fdt_writer *w, const char *name, const uint32_t *cells, size_t n);
/* A NUL-terminated string. */
void fdt_prop_string(fdt_writer *w, const char *name, const char *s);
/* A string list (compatible): the NULL-terminated list's strings, each
 * with its NUL. */
void fdt_prop_strings(fdt_writer *w, const char *name, const char *const *list);

/* Closes the tree and returns the blob (g_free it), its length in *len;
 * the writer is freed either way. NULL with *err set when a mistake was
 * made while building. */
uint8_t *fdt_finish(fdt_writer *w, size_t *len, GError **err);

/* Big-endian cell access for readers of a blob. */
static inline uint32_t fdt_get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

#endif
