/* Macintosh ROM identification: the checksum table and the checks (see
 * rom_id.h for the checksum itself). */
#include "machines/rom_id.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#define K 1024u
#define M (1024u * 1024u)

/* Where the facts come from (checksums, sizes, the models each ROM fits):
 *  [TN]  Apple Technical Note HW 11, "Macintosh Plus ROM Versions"
 *        (July 1987): the three Plus ROMs and their checksums.
 *  [DPC] DingusPPC, machines/romidentity.cpp: ROM sizes, checksums and the
 *        models for the 68k ROMs and the old-world Power Mac ROMs.
 *  [MVM] Mini vMac's build system (setup tool, the kRomCheckSum defines per
 *        model): 128K/512K, Plus, SE, SE FDHD, Classic, II, IIx, PB 100.
 *  [GEM] Gemulator's ROM list (its ROM-signature switch): Mac II to Quadra,
 *        LC and Power Mac 6100/7100 labels.
 *  [TD]  tinkerdifferent.com, "GCC Technologies FI/30 internal HD for Mac
 *        SE" (page 2): the SE and SE FDHD checksums and how they are summed.
 *  [QEMU] QEMU's q800 machine announcement (qemu-devel): the Quadra 800 ROM,
 *        checksum 0xF1ACAD13.
 * Where the sources name a ROM's models differently, the entry follows
 * [DPC] and says so. */
const rom_info rom_table[] = {
    /* 64 KiB: the original Macintosh [DPC][MVM][GEM]. Mini vMac's 128K
     * model accepts both. */
    {0x28BA61CE, 64 * K, 64 * K, ROM_FAMILY_68K, "Macintosh 128K ROM",
     "Macintosh 128K, Macintosh 512K"},
    {0x28BA4E50, 64 * K, 64 * K, ROM_FAMILY_68K, "Macintosh 512K ROM",
     "Macintosh 128K, Macintosh 512K"},
    /* 128 KiB: Macintosh Plus, three revisions [TN][DPC][MVM]. */
    {0x4D1EEEE1, 128 * K, 128 * K, ROM_FAMILY_68K, "Macintosh Plus v1 (Lonely Hearts)",
     "Macintosh 512Ke, Macintosh Plus"},
    {0x4D1EEAE1, 128 * K, 128 * K, ROM_FAMILY_68K, "Macintosh Plus v2 (Lonely Heifers)",
     "Macintosh 512Ke, Macintosh Plus"},
    {0x4D1F8172, 128 * K, 128 * K, ROM_FAMILY_68K, "Macintosh Plus v3 (Loud Harmonicas)",
     "Macintosh 512Ke, Macintosh Plus"},
    /* 256 KiB [DPC][MVM][TD][GEM]. */
    {0xB2E362A8, 256 * K, 256 * K, ROM_FAMILY_68K, "Macintosh SE", "Macintosh SE (800K drive)"},
    {0xB306E171, 256 * K, 256 * K, ROM_FAMILY_68K, "Macintosh SE FDHD", "Macintosh SE FDHD"},
    {0x97851DB6, 256 * K, 256 * K, ROM_FAMILY_68K, "Macintosh II v1 (800K)",
     "Macintosh II (800K drive)"},
    {0x9779D2C4, 256 * K, 256 * K, ROM_FAMILY_68K, "Macintosh II v2 (800K)",
     "Macintosh II (800K drive)"},
    {0x97221136, 256 * K, 256 * K, ROM_FAMILY_68K, "Universal IIx/IIcx/SE/30",
     "Macintosh II FDHD, IIx, IIcx, SE/30"},
    {0x96CA3846, 256 * K, 256 * K, ROM_FAMILY_68K, "Macintosh Portable", "Macintosh Portable"},
    {0x96645F9C, 256 * K, 256 * K, ROM_FAMILY_68K, "PowerBook 100", "PowerBook 100"},
    /* 512 KiB [DPC][GEM]. The Classic's checksum covers its first 256 KiB
     * (the rest is the XO ROM disk) [MVM]. */
    {0xA49F9914, 512 * K, 256 * K, ROM_FAMILY_68K, "Macintosh Classic", "Macintosh Classic"},
    {0x368CADFE, 512 * K, 512 * K, ROM_FAMILY_68K, "Macintosh IIci", "Macintosh IIci"},
    {0x4147DD77, 512 * K, 512 * K, ROM_FAMILY_68K, "Macintosh IIfx", "Macintosh IIfx"},
    {0x36B7FB6C, 512 * K, 512 * K, ROM_FAMILY_68K, "Macintosh IIsi", "Macintosh IIsi"},
    {0x350EACF0, 512 * K, 512 * K, ROM_FAMILY_68K, "Macintosh LC", "Macintosh LC"},
    {0x3193670E, 512 * K, 512 * K, ROM_FAMILY_68K, "Macintosh Classic II", "Macintosh Classic II"},
    {0x35C28F5F, 512 * K, 512 * K, ROM_FAMILY_68K, "Macintosh LC II", "Macintosh LC II"},
    /* 1 MiB [DPC][GEM]; the Quadra 800's [QEMU]. [GEM] names F1A6F343
     * "Quadra 610 / Centris 650" and F1ACAD13 "Quadra 650". */
    {0x420DBFF3, 1 * M, 1 * M, ROM_FAMILY_68K, "Quadra 700/900",
     "Quadra 700, Quadra 900, PowerBook 140, PowerBook 170"},
    {0x3DC27823, 1 * M, 1 * M, ROM_FAMILY_68K, "Quadra 950", "Quadra 950"},
    {0xE33B2724, 1 * M, 1 * M, ROM_FAMILY_68K, "PowerBook 160/180",
     "PowerBook 160, 165c, 180, 180c"},
    {0x4957EB49, 1 * M, 1 * M, ROM_FAMILY_68K, "Macintosh IIvx/IIvi", "Macintosh IIvx, IIvi"},
    {0xECFA989B, 1 * M, 1 * M, ROM_FAMILY_68K, "PowerBook Duo 210/230/250",
     "PowerBook Duo 210, 230, 250"},
    {0xEC904829, 1 * M, 1 * M, ROM_FAMILY_68K, "Macintosh LC III (early)", "Macintosh LC III"},
    {0xECBBC41C, 1 * M, 1 * M, ROM_FAMILY_68K, "Macintosh LC III", "Macintosh LC III"},
    {0xF1A6F343, 1 * M, 1 * M, ROM_FAMILY_68K, "Centris 610/650",
     "Centris 610, Centris 650, Quadra 800"},
    {0xF1ACAD13, 1 * M, 1 * M, ROM_FAMILY_68K, "Quadra 610/650/800",
     "Quadra 610, Quadra 650, Quadra 800"},
    {0xECD99DC0, 1 * M, 1 * M, ROM_FAMILY_68K, "Color Classic", "Color Classic"},
    {0xEDE66CBD, 1 * M, 1 * M, ROM_FAMILY_68K, "Color Classic II/LC 550",
     "Color Classic II, LC 550, Performa 275, 550, 560, Macintosh TV"},
    {0xFF7439EE, 1 * M, 1 * M, ROM_FAMILY_68K, "LC 475/Quadra 605", "Quadra 605, LC 475"},
    {0x0024D346, 1 * M, 1 * M, ROM_FAMILY_68K, "PowerBook Duo 270c", "PowerBook Duo 270c"},
    {0x015621D7, 1 * M, 1 * M, ROM_FAMILY_68K, "PowerBook Duo 280", "PowerBook Duo 280, 280c"},
    {0xFDA22562, 1 * M, 1 * M, ROM_FAMILY_68K, "PowerBook 150", "PowerBook 150"},
    {0x06684214, 1 * M, 1 * M, ROM_FAMILY_68K, "Quadra 630", "Quadra 630, LC 630"},
    {0x064DC91D, 1 * M, 1 * M, ROM_FAMILY_68K, "LC 580/Performa 580", "LC 580, Performa 580, 588"},
    /* 2 MiB [DPC][GEM]. */
    {0x5BF10FD1, 2 * M, 2 * M, ROM_FAMILY_68K, "Quadra 660AV/840AV", "Quadra 660AV, Quadra 840AV"},
    {0xB6909089, 2 * M, 2 * M, ROM_FAMILY_68K, "PowerBook 520/540",
     "PowerBook 520, 520c, 540, 540c"},
    {0xB57687A5, 2 * M, 2 * M, ROM_FAMILY_68K, "PowerBook 550c", "PowerBook 550c"},
    {0x4D27039C, 2 * M, 2 * M, ROM_FAMILY_68K, "PowerBook 190", "PowerBook 190cs"},
    /* Old-world Power Macs, 4 MiB, the checksum over the first 3 MiB [DPC];
     * the 6100/7100 label also [GEM], which names 63ABFD3F "PowerBook 5300"
     * where [DPC] has the 5200/6200 family. */
    {0x9FEB69B3, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac 6100/7100/8100 (PDM)",
     "Power Macintosh 6100, 7100, 8100"},
    {0x9B7A3AAD, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac 7100 (later, PDM)",
     "Power Macintosh 7100"},
    {0x9C7C98F7, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Workgroup Server 9150/80 (PDM)",
     "Workgroup Server 9150/80"},
    {0x9B037F6F, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Workgroup Server 9150/120 (PDM)",
     "Workgroup Server 9150/120"},
    {0x63ABFD3F, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac 5200/6200 (Cordyceps)",
     "Power Macintosh and Performa 5200, 5300, 6200, 6300"},
    {0x6F5724C0, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac 5400/6400 (Alchemy)",
     "Power Macintosh 5400, Performa 6400"},
    {0x96CD923D, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac 7200/7500/8500/9500 v1 (TNT)",
     "Power Macintosh 7200, 7500, 8500, 9500"},
    {0x9630C68B, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac 7200/7500/8500/9500 v2 (TNT)",
     "Power Macintosh 7200, 7500, 8500, 9500, SuperMac S900"},
    {0x962F6C13, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Apple Network Server 500 (TNT)",
     "Apple Network Server 500"},
    {0x960E4BE9, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac 7300/7600/8600/9600 v1 (TNT)",
     "Power Macintosh 7300, 7600, 8600, 9600"},
    {0x960FC647, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac 8600/9600 v2 (TNT)",
     "Power Macintosh 8600, 9600"},
    {0x6E92FE08, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac 6500 (Gazelle)",
     "Power Macintosh 6500, Twentieth Anniversary Macintosh"},
    {0x58F03416, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac 4400/7220 (Zanzibar)",
     "Power Macintosh 4400, 7220, Motorola StarMax 4400"},
    {0x79D68D63, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac G3 v1 (Gossamer)",
     "Power Macintosh G3 (beige) desktop"},
    {0x78FDB784, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac G3 v2 (Gossamer)",
     "Power Macintosh G3 (beige) minitower, desktop"},
    {0x78F57389, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac G3 v3 (Gossamer)",
     "Power Macintosh G3 (beige)"},
    {0x78E842A8, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "Power Mac G3 v4 (Gossamer)",
     "Power Macintosh G3 (beige)"},
    {0x83C54F75, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "PowerBook 2300 (PBX)",
     "PowerBook Duo 2300c, PowerBook 500 PowerPC upgrade"},
    {0x838C0831, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "PowerBook 1400 (PBX)", "PowerBook 1400"},
    {0x83A21950, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "PowerBook 1400cs (PBX)", "PowerBook 1400cs"},
    {0x276EC1F1, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "PowerBook 2400/3400 (PSX)",
     "PowerBook 2400c, 3400c"},
    {0x2560F229, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "PowerBook G3 (Kanga)",
     "PowerBook G3 (Kanga)"},
    {0xCBB01212, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "PowerBook G3 Wallstreet (GRX)",
     "PowerBook G3 Series (Wallstreet)"},
    {0xB46FFB63, 4 * M, 3 * M, ROM_FAMILY_OLD_WORLD, "PowerBook G3 Wallstreet PDQ (GRX)",
     "PowerBook G3 Series (Wallstreet II, PDQ)"},
};
const size_t rom_table_len = sizeof rom_table / sizeof rom_table[0];

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
    return (uint64_t)be32(p) << 32 | be32(p + 4);
}

uint32_t rom_checksum(const uint8_t *data, size_t span)
{
    uint32_t sum = 0;
    for (size_t i = 4; i + 1 < span; i += 2) sum += (uint32_t)data[i] << 8 | data[i + 1];
    return sum;
}

size_t rom_default_sum_span(size_t size)
{
    return size == ROM_MAX_SIZE ? 3 * M : size;
}

static bool is_rom_size(size_t len)
{
    for (size_t s = ROM_MIN_SIZE; s <= ROM_MAX_SIZE; s *= 2)
        if (len == s) return true;
    return false;
}

static const rom_info *lookup_in(const rom_info *table, size_t n, uint32_t checksum)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].checksum == checksum) return &table[i];
    return NULL;
}

const rom_info *rom_lookup(uint32_t checksum)
{
    return lookup_in(rom_table, rom_table_len, checksum);
}

/* The old-world ROM's PowerPC part: the NanoKernel configuration record
 * sits at 0x300000 plus the long word at 0x300080; its ROMCheckSum64 (at
 * +0x20) is the sum of the image's 64-bit words, the record's first 40
 * bytes left out. Returns NULL when it holds, else what is wrong. */
static const char *check_config_info(const uint8_t *data, size_t len)
{
    if (len < 0x300084) return "it is too short to hold the PowerPC part";
    uint64_t ci = 0x300000 + (uint64_t)be32(data + 0x300080);
    if (ci % 8 != 0 || ci + 0x80 > len)
        return "its PowerPC part's configuration record (found through the long word at "
               "0x300080) lies outside the image";
    uint64_t sum = 0;
    for (size_t i = 0; i + 8 <= len; i += 8)
        if (i < ci || i >= ci + 40) sum += be64(data + i);
    if (sum != be64(data + ci + 0x20))
        return "its PowerPC part (the last MiB) does not add up to the 64-bit checksum it "
               "stores";
    return NULL;
}

static char *size_text(size_t n)
{
    if (n >= M && n % M == 0) return g_strdup_printf("%zu MiB", n / M);
    if (n >= K && n % K == 0) return g_strdup_printf("%zu KiB", n / K);
    return g_strdup_printf("%zu bytes", n);
}

static void set_detail(char **detail, char *text)
{
    if (detail)
        *detail = text;
    else
        g_free(text);
}

rom_verdict rom_identify_in(const rom_info *table, size_t n, const uint8_t *data, size_t len,
                            const rom_info **match, char **detail)
{
    if (match) *match = NULL;
    if (len == 0) {
        set_detail(detail, g_strdup("it is empty"));
        return ROM_NOT_A_ROM;
    }
    if (len < 4) {
        set_detail(detail, g_strdup_printf("it is only %zu bytes long", len));
        return ROM_NOT_A_ROM;
    }
    uint32_t stored = be32(data);
    const rom_info *e = lookup_in(table, n, stored);
    g_autofree char *have = size_text(len);
    if (e) {
        if (match) *match = e;
        g_autofree char *want = size_text(e->size);
        if (len < e->size) {
            set_detail(detail, g_strdup_printf("it starts like the %s ROM (checksum %08X, fits %s) "
                                               "but is %s of its %s: the dump is truncated",
                                               e->name, stored, e->models, have, want));
            return ROM_TRUNCATED;
        }
        if (len > e->size) {
            set_detail(detail, g_strdup_printf("it starts like the %s ROM (checksum %08X) but is "
                                               "%s where that ROM is %s",
                                               e->name, stored, have, want));
            return ROM_CORRUPT;
        }
        uint32_t sum = rom_checksum(data, e->sum_span);
        if (sum != stored) {
            set_detail(detail, g_strdup_printf("it claims to be the %s ROM (checksum %08X) but "
                                               "its contents add up to %08X: the dump is corrupt",
                                               e->name, stored, sum));
            return ROM_CORRUPT;
        }
        if (e->family == ROM_FAMILY_OLD_WORLD && e->size == ROM_MAX_SIZE) {
            const char *why = check_config_info(data, len);
            if (why) {
                set_detail(detail, g_strdup_printf("it is the %s ROM by its checksum (%08X), but "
                                                   "%s: the dump is corrupt",
                                                   e->name, stored, why));
                return ROM_CORRUPT;
            }
        }
        set_detail(detail, g_strdup_printf("%s ROM (checksum %08X, %s), fits %s", e->name, stored,
                                           want, e->models));
        return ROM_OK;
    }
    if (len > ROM_MAX_SIZE) {
        set_detail(detail, g_strdup_printf("it is %s, larger than any Macintosh ROM (4 MiB at "
                                           "most)",
                                           have));
        return ROM_NOT_A_ROM;
    }
    if (len < ROM_MIN_SIZE) {
        set_detail(detail, g_strdup_printf("it is %s, smaller than any Macintosh ROM (64 KiB at "
                                           "least), and its first four bytes (%08X) are no known "
                                           "ROM's checksum",
                                           have, stored));
        return ROM_NOT_A_ROM;
    }
    if (!is_rom_size(len)) {
        set_detail(detail, g_strdup_printf("it is %s, no Macintosh ROM size (a power of two from "
                                           "64 KiB to 4 MiB), and its checksum %08X is unknown",
                                           have, stored));
        return ROM_CORRUPT;
    }
    uint32_t sum = rom_checksum(data, rom_default_sum_span(len));
    if (sum != stored) {
        set_detail(detail, g_strdup_printf("its first four bytes (%08X) are not the checksum of "
                                           "the rest (%08X), as they are in a Macintosh ROM",
                                           stored, sum));
        return ROM_NOT_A_ROM;
    }
    set_detail(detail, g_strdup_printf("a well-formed %s ROM image with checksum %08X, which "
                                       "Clarus does not know (see roms-README)",
                                       have, stored));
    return ROM_UNKNOWN;
}

rom_verdict rom_identify(const uint8_t *data, size_t len, const rom_info **match)
{
    return rom_identify_in(rom_table, rom_table_len, data, len, match, NULL);
}

rom_verdict rom_identify_file(const char *path, const rom_info **match, char **message)
{
    if (match) *match = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        set_detail(message, g_strdup_printf("%s: cannot open the ROM file: %s", path, strerror(e)));
        return ROM_UNREADABLE;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        set_detail(message, g_strdup_printf("%s: not a regular file, so not a ROM image", path));
        return ROM_UNREADABLE;
    }
    /* A file larger than any ROM: only its first bytes matter. */
    size_t want = (uint64_t)st.st_size > ROM_MAX_SIZE ? 4 : (size_t)st.st_size;
    uint8_t *buf = g_malloc(want ? want : 1);
    size_t got = fread(buf, 1, want, f);
    bool failed = ferror(f);
    fclose(f);
    if (failed || got != want) {
        g_free(buf);
        set_detail(message, g_strdup_printf("%s: cannot read the ROM file", path));
        return ROM_UNREADABLE;
    }
    rom_verdict v;
    char *detail = NULL;
    if (want != (size_t)st.st_size) {
        const rom_info *e = lookup_in(rom_table, rom_table_len, be32(buf));
        g_autofree char *have = size_text((size_t)st.st_size);
        if (e) {
            if (match) *match = e;
            g_autofree char *size = size_text(e->size);
            detail = g_strdup_printf("it starts like the %s ROM (checksum %08X) but is %s where "
                                     "that ROM is %s",
                                     e->name, e->checksum, have, size);
            v = ROM_CORRUPT;
        } else {
            detail =
                g_strdup_printf("it is %s, larger than any Macintosh ROM (4 MiB at most)", have);
            v = ROM_NOT_A_ROM;
        }
    } else {
        v = rom_identify_in(rom_table, rom_table_len, buf, got, match, &detail);
    }
    g_free(buf);
    if (v == ROM_OK)
        set_detail(message, g_strdup_printf("%s: %s", path, detail));
    else
        set_detail(message, g_strdup_printf("%s: %s: %s", path, rom_verdict_text(v), detail));
    g_free(detail);
    return v;
}

const char *rom_verdict_text(rom_verdict v)
{
    switch (v) {
    case ROM_OK: return "known ROM";
    case ROM_UNKNOWN: return "unknown ROM";
    case ROM_TRUNCATED: return "truncated ROM";
    case ROM_CORRUPT: return "corrupt ROM";
    case ROM_NOT_A_ROM: return "not a Macintosh ROM";
    case ROM_UNREADABLE: return "unreadable file";
    }
    return "?";
}
