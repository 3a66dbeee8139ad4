/* clarus-user: loading a static 32-bit big-endian PowerPC ELF executable.
 *
 * Follows the ELF format of the System V gABI ("Executable and Linking
 * Format", chapters 4 and 5: the ELF header, program headers, PT_LOAD
 * segments with p_filesz bytes from the file and p_memsz - p_filesz zero
 * bytes) and the PowerPC processor supplement (EM_PPC = 20, ELFCLASS32,
 * ELFDATA2MSB). Every field is checked against the file before it is
 * used: a file that is not such an executable is refused with a message
 * saying why. */
#include "ui/user/linux_user.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "bits.h"

enum {
    EHDR_SIZE = 52,
    PHDR_SIZE = 32,
    ET_REL = 1,
    ET_EXEC = 2,
    ET_DYN = 3,
    ET_CORE = 4,
    EM_PPC = 20,
    EM_PPC64 = 21,
    PT_LOAD = 1,
    PT_DYNAMIC = 2,
    PT_INTERP = 3,
    PT_PHDR = 6,
    PF_X = 1,
    PF_W = 2,
    PF_R = 4,
    MAX_PHNUM = 512,
};

#define MAX_FILE_SIZE ((gsize)1 << 30)

typedef struct {
    uint32_t type, offset, vaddr, filesz, memsz, flags;
} phdr;

static bool fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

static phdr read_phdr(const uint8_t *p)
{
    return (phdr){.type = load_be32(p),
                  .offset = load_be32(p + 4),
                  .vaddr = load_be32(p + 8),
                  .filesz = load_be32(p + 16),
                  .memsz = load_be32(p + 20),
                  .flags = load_be32(p + 24)};
}

/* Checks the identification and the header; on success fills the fields
 * the loader uses. */
static bool check_header(const uint8_t *d, gsize size, char *err, size_t errlen)
{
    static const uint8_t magic[4] = {0x7f, 'E', 'L', 'F'};
    if (size == 0) return fail(err, errlen, "empty file, not an ELF executable");
    if (size < 4 || memcmp(d, magic, 4) != 0)
        return fail(err, errlen, "not an ELF file (no \\177ELF magic number)");
    if (size < 16)
        return fail(err, errlen, "truncated ELF file (%zu bytes, shorter than the identification)",
                    (size_t)size);
    if (d[4] == 2)
        return fail(err, errlen,
                    "64-bit ELF (ELFCLASS64): clarus-user runs 32-bit PowerPC programs only");
    if (d[4] != 1) return fail(err, errlen, "invalid ELF class %u", d[4]);
    if (d[5] == 1)
        return fail(err, errlen,
                    "little-endian ELF (ELFDATA2LSB): clarus-user runs big-endian PowerPC "
                    "programs only");
    if (d[5] != 2) return fail(err, errlen, "invalid ELF data encoding %u", d[5]);
    if (d[6] != 1) return fail(err, errlen, "unsupported ELF version %u", d[6]);
    if (size < EHDR_SIZE)
        return fail(err, errlen, "truncated ELF file (%zu bytes, shorter than the ELF header)",
                    (size_t)size);
    uint16_t type = load_be16(d + 16), machine = load_be16(d + 18);
    if (machine == EM_PPC64)
        return fail(err, errlen, "64-bit PowerPC ELF (EM_PPC64): not supported");
    if (machine != EM_PPC)
        return fail(err, errlen, "not a PowerPC ELF (e_machine %u, expected %u)", machine, EM_PPC);
    if (type == ET_REL)
        return fail(err, errlen, "relocatable object file, not an executable (link it first)");
    if (type == ET_CORE) return fail(err, errlen, "core dump, not an executable");
    if (type != ET_EXEC && type != ET_DYN)
        return fail(err, errlen, "unknown ELF file type %u", type);
    if (load_be32(d + 20) != 1)
        return fail(err, errlen, "unsupported ELF version %u", load_be32(d + 20));
    uint32_t phoff = load_be32(d + 28);
    uint16_t phentsize = load_be16(d + 42), phnum = load_be16(d + 44);
    if (phnum == 0) return fail(err, errlen, "no program headers: nothing to load");
    if (phnum > MAX_PHNUM) return fail(err, errlen, "too many program headers (%u)", phnum);
    if (phentsize != PHDR_SIZE)
        return fail(err, errlen, "bad program header size %u (expected %u)", phentsize, PHDR_SIZE);
    if ((uint64_t)phoff + (uint64_t)phnum * PHDR_SIZE > size)
        return fail(err, errlen,
                    "truncated ELF file: the program headers (offset %u, %u entries) end past "
                    "the end of the file (%zu bytes)",
                    phoff, phnum, (size_t)size);
    return true;
}

static unsigned prot_of(uint32_t flags)
{
    return (flags & PF_R ? LU_PROT_READ : 0) | (flags & PF_W ? LU_PROT_WRITE : 0) |
           (flags & PF_X ? LU_PROT_EXEC : 0);
}

static bool load(lu_mem *m, const uint8_t *d, gsize size, lu_image *img, char *err, size_t errlen)
{
    if (!check_header(d, size, err, errlen)) return false;
    uint16_t type = load_be16(d + 16);
    uint32_t entry = load_be32(d + 24), phoff = load_be32(d + 28);
    unsigned phnum = load_be16(d + 44);

    /* First pass: validate, find the extent and what the program needs. */
    uint64_t lo = UINT64_MAX, hi = 0;
    uint32_t phdr_vaddr = 0;
    bool have_phdr = false;
    unsigned nload = 0;
    for (unsigned i = 0; i < phnum; i++) {
        phdr ph = read_phdr(d + phoff + i * PHDR_SIZE);
        if (ph.type == PT_INTERP) {
            char interp[256] = "";
            if ((uint64_t)ph.offset + ph.filesz <= size && ph.filesz > 0) {
                size_t n = ph.filesz < sizeof(interp) ? ph.filesz : sizeof(interp) - 1;
                memcpy(interp, d + ph.offset, n);
                interp[n] = 0;
                interp[strcspn(interp, "\n")] = 0;
            }
            return fail(err, errlen,
                        "dynamically linked (it asks for the interpreter %s): clarus-user runs "
                        "static programs only (link with -static)",
                        interp[0] ? interp : "(unreadable)");
        }
        if (ph.type == PT_PHDR) {
            phdr_vaddr = ph.vaddr;
            have_phdr = true;
        }
        if (ph.type != PT_LOAD || ph.memsz == 0) continue;
        nload++;
        if ((uint64_t)ph.offset + ph.filesz > size)
            return fail(err, errlen,
                        "truncated ELF file: segment %u needs bytes up to %llu but the file "
                        "has %zu",
                        i, (unsigned long long)ph.offset + ph.filesz, (size_t)size);
        if (ph.filesz > ph.memsz)
            return fail(err, errlen, "bad segment %u: file size 0x%x above memory size 0x%x", i,
                        ph.filesz, ph.memsz);
        if (ph.vaddr < lo) lo = ph.vaddr;
        if ((uint64_t)ph.vaddr + ph.memsz > hi) hi = (uint64_t)ph.vaddr + ph.memsz;
    }
    if (nload == 0) return fail(err, errlen, "no loadable segment");

    /* ET_DYN without an interpreter would be a static-pie program, which
     * Debian's 32-bit PowerPC toolchain cannot build (no rcrt1.o): refuse
     * it rather than load it untested. */
    if (type == ET_DYN)
        return fail(err, errlen,
                    "position-independent executable (ET_DYN) without an interpreter: not "
                    "supported (link with -static -no-pie)");
    if (lo < LU_MIN_ADDR || hi > LU_TASK_SIZE - LU_STACK_SIZE - (16u << 20))
        return fail(err, errlen,
                    "segments at 0x%llx-0x%llx lie outside the user address space "
                    "(0x%x-0x%x)",
                    (unsigned long long)lo, (unsigned long long)hi, LU_MIN_ADDR,
                    LU_TASK_SIZE - LU_STACK_SIZE - (16u << 20));

    /* The entry point must be in a segment. */
    bool entry_ok = false;
    for (unsigned i = 0; i < phnum; i++) {
        phdr ph = read_phdr(d + phoff + i * PHDR_SIZE);
        if (ph.type == PT_LOAD && entry >= ph.vaddr && entry - ph.vaddr < ph.memsz) entry_ok = true;
        if (!have_phdr && ph.type == PT_LOAD && phoff >= ph.offset &&
            phoff - ph.offset < ph.filesz) {
            /* No PT_PHDR: the headers are where their file offset is loaded. */
            phdr_vaddr = ph.vaddr + (phoff - ph.offset);
            have_phdr = true;
        }
    }
    if (!entry_ok)
        return fail(err, errlen, "entry point 0x%x is outside every loadable segment", entry);

    /* Second pass: map and copy. */
    for (unsigned i = 0; i < phnum; i++) {
        phdr ph = read_phdr(d + phoff + i * PHDR_SIZE);
        if (ph.type != PT_LOAD || ph.memsz == 0) continue;
        uint32_t va = ph.vaddr;
        uint32_t start = va & ~(LU_PAGE_SIZE - 1);
        uint32_t end = lu_page_up(va + ph.memsz);
        unsigned prot = prot_of(ph.flags);
        if (!lu_mem_map_keep(m, start, end - start, prot | LU_PROT_READ))
            return fail(err, errlen, "cannot map segment %u at 0x%x", i, start);
        memcpy(m->host + va, d + ph.offset, ph.filesz);
        /* The tail past p_filesz reads as zero. The pages are fresh, but
         * the one where the file part ends may be shared with another
         * segment: clear this segment's part of it. */
        uint32_t file_end = va + ph.filesz;
        uint32_t clear_end = lu_page_up(file_end);
        if (clear_end > va + ph.memsz || clear_end == 0) clear_end = va + ph.memsz;
        memset(m->host + file_end, 0, clear_end - file_end);
    }

    img->entry = entry;
    img->phdr = have_phdr ? phdr_vaddr : (uint32_t)lo + phoff;
    img->phnum = phnum;
    img->phent = PHDR_SIZE;
    img->end = (uint32_t)hi;
    return true;
}

bool lu_elf_load(lu_mem *m, const char *path, lu_image *img, char *err, size_t errlen)
{
    gchar *data = NULL;
    gsize size = 0;
    GError *gerr = NULL;
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) return fail(err, errlen, "%s", g_strerror(ENOENT));
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) return fail(err, errlen, "%s", g_strerror(EISDIR));
    if (!g_file_get_contents(path, &data, &size, &gerr)) {
        fail(err, errlen, "%s", gerr->message);
        g_error_free(gerr);
        return false;
    }
    bool ok;
    if (size > MAX_FILE_SIZE)
        ok = fail(err, errlen, "file too large (%zu bytes)", (size_t)size);
    else
        ok = load(m, (const uint8_t *)data, size, img, err, errlen);
    g_free(data);
    return ok;
}
