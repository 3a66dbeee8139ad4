/* ELF loading follows the System V ABI's ELF format chapter and its
 * PowerPC processor supplement (ELFCLASS32, ELFDATA2MSB, EM_PPC = 20). */
#include "firmware.h"

#include <string.h>

#include "core/bits.h"
#include "session.h"

#define PT_LOAD 1
#define EM_PPC  20

static bool fail(GError **err, const char *name, const char *what)
{
    g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_FIRMWARE, "%s: %s", name, what);
    return false;
}

bool fw_load_elf_rom_data(const char *name, const uint8_t *d, size_t len, uint8_t *rom,
                          uint32_t base, uint32_t size, uint32_t *entry, GError **err)
{
    if (len < 52 || memcmp(d, "\177ELF", 4) != 0)
        return fail(err, name, "not an ELF firmware image (OpenBIOS's openbios-ppc is one)");
    if (d[4] != 1 || d[5] != 2)
        return fail(err, name, "not a 32-bit big-endian ELF image, so not PowerPC firmware");
    if (load_be16(d + 18) != EM_PPC) return fail(err, name, "an ELF image for another CPU");
    uint32_t phoff = load_be32(d + 28);
    uint16_t phentsize = load_be16(d + 42), phnum = load_be16(d + 44);
    if (phentsize < 32 || phnum == 0 || phoff > len ||
        (uint64_t)phoff + (uint64_t)phentsize * phnum > len)
        return fail(err, name, "truncated ELF image (its program headers are cut off)");
    bool loaded = false;
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = d + phoff + (size_t)i * phentsize;
        if (load_be32(ph) != PT_LOAD) continue;
        uint32_t off = load_be32(ph + 4), paddr = load_be32(ph + 12);
        uint32_t filesz = load_be32(ph + 16), memsz = load_be32(ph + 20);
        if (memsz == 0) continue;
        if ((uint64_t)off + filesz > len)
            return fail(err, name, "truncated ELF image (a segment runs past the end of the file)");
        if (filesz > memsz || paddr < base || (uint64_t)paddr + memsz > (uint64_t)base + size)
            return fail(err, name, "a segment lies outside the boot ROM at 0xfff00000");
        memcpy(rom + (paddr - base), d + off, filesz);
        memset(rom + (paddr - base) + filesz, 0, memsz - filesz);
        loaded = true;
    }
    if (!loaded) return fail(err, name, "the ELF image has nothing to load");
    if (entry) *entry = load_be32(d + 24);
    return true;
}

bool fw_load_kernel(const char *path, uint8_t *ram, uint32_t ram_size, uint32_t load_base,
                    uint32_t *span, GError **err)
{
    gchar *data = NULL;
    gsize len = 0;
    GError *e = NULL;
    if (!g_file_get_contents(path, &data, &len, &e)) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "cannot read the kernel: %s",
                    e->message);
        g_error_free(e);
        return false;
    }
    const uint8_t *d = (const uint8_t *)data;
    bool ok = false;
    uint64_t end = 0;
    if (len < 52 || memcmp(d, "\177ELF", 4) != 0) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s: not an ELF kernel (a vmlinux is one)", path);
        goto out;
    }
    if (d[4] != 1 || d[5] != 2 || load_be16(d + 18) != EM_PPC) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s: not a 32-bit big-endian PowerPC kernel", path);
        goto out;
    }
    uint32_t phoff = load_be32(d + 28);
    uint16_t phentsize = load_be16(d + 42), phnum = load_be16(d + 44);
    if (phentsize < 32 || phnum == 0 || (uint64_t)phoff + (uint64_t)phentsize * phnum > len) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s: truncated ELF kernel (its program headers are cut off)", path);
        goto out;
    }
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = d + phoff + (size_t)i * phentsize;
        if (load_be32(ph) != PT_LOAD) continue;
        uint32_t off = load_be32(ph + 4), paddr = load_be32(ph + 12) & 0x0fffffffu;
        uint32_t filesz = load_be32(ph + 16), memsz = load_be32(ph + 20);
        if ((uint64_t)off + filesz > len || filesz > memsz) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "%s: truncated ELF kernel (a segment runs past the end of the file)", path);
            goto out;
        }
        uint64_t at = (uint64_t)load_base + paddr;
        if (at + memsz > ram_size) {
            g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                        "%s: the kernel does not fit in %u MB of RAM", path, ram_size >> 20);
            goto out;
        }
        memcpy(ram + at, d + off, filesz);
        memset(ram + at + filesz, 0, memsz - filesz);
        if (at + memsz - load_base > end) end = at + memsz - load_base;
    }
    if (!end) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG,
                    "%s: the kernel has nothing to load", path);
        goto out;
    }
    *span = (uint32_t)end;
    ok = true;
out:
    g_free(data);
    return ok;
}

bool fw_load_elf_rom(const char *path, uint8_t *rom, uint32_t base, uint32_t size, uint32_t *entry,
                     GError **err)
{
    gchar *data = NULL;
    gsize len = 0;
    GError *e = NULL;
    if (!g_file_get_contents(path, &data, &len, &e)) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_FIRMWARE, "cannot read firmware: %s",
                    e->message);
        g_error_free(e);
        return false;
    }
    bool ok = fw_load_elf_rom_data(path, (const uint8_t *)data, len, rom, base, size, entry, err);
    g_free(data);
    return ok;
}
