/* Identifying a Macintosh ROM image by the checksum Apple stores in its
 * first four bytes.
 *
 * Every 68k Mac ROM, and the 68k part of an old-world Power Mac ROM, starts
 * with a 32-bit checksum: the sum, modulo 2^32, of the big-endian 16-bit
 * words that follow it. The start-up test in the ROM recomputes it (the
 * Mac SE's routine, quoted on 68kmla.org "Mac ROM Checksum Computation?",
 * adds 0x1FFFE words from ROM base + 4 and compares the total with the
 * first long word). The span it covers:
 *   - the whole ROM for every 68k ROM except the Macintosh Classic's: its
 *     512 KiB ROM carries the XO ROM disk in its second half, and the
 *     checksum covers the first 256 KiB only (Mini vMac's build system sets
 *     kCheckSumRom_Size to 256 KiB for the Classic, the ROM size for every
 *     other model);
 *   - the first 3 MiB of an old-world Power Mac's 4 MiB ROM (the 68k ROM;
 *     the last MiB holds the PowerPC boot code, the nanokernel and Open
 *     Firmware: DingusPPC's developer notes, zdocs/developers/misc.md, and
 *     its machine factory, which sums offsets 4 to 0x2FFFFF). That last
 *     MiB has a check of its own: the NanoKernel configuration record
 *     (NKConfigurationInfo, whose offset from 0x300000 is the long word at
 *     0x300080) holds ROMCheckSum64 at +0x20, the sum of the ROM's
 *     big-endian 64-bit double words with the record's first 40 bytes (the
 *     eight byte-lane sums and ROMCheckSum64 itself) left out. Clarus
 *     checks both.
 * New-world Macs have no such ROM (their "Mac OS ROM" file is another
 * format) and Clarus's mac99/g3beige boot OpenBIOS instead. */
#ifndef CLARUS_ROM_ID_H
#define CLARUS_ROM_ID_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    ROM_OK,         /* a known ROM, the right size, its checksum right */
    ROM_UNKNOWN,    /* a well-formed ROM (ROM size, checksum right) not in the table */
    ROM_TRUNCATED,  /* a known ROM's checksum, but the image is short */
    ROM_CORRUPT,    /* a known checksum that the image does not sum to, a known ROM of
                     * the wrong size, or a size no Mac ROM has */
    ROM_NOT_A_ROM,  /* empty, too small, too large, or no ROM checksum at all */
    ROM_UNREADABLE, /* rom_identify_file: the file cannot be opened or read */
} rom_verdict;

typedef enum {
    ROM_FAMILY_68K,       /* 68k Macs */
    ROM_FAMILY_OLD_WORLD, /* old-world Power Macs (4 MiB) */
} rom_family;

typedef struct rom_info {
    uint32_t checksum; /* the first four bytes, big-endian */
    uint32_t size;     /* the ROM's size in bytes */
    uint32_t sum_span; /* bytes from offset 0 that the checksum covers (from 4 on) */
    rom_family family;
    const char *name;   /* e.g. "Macintosh Plus v3 (Loud Harmonicas)" */
    const char *models; /* the Macs it fits, e.g. "Macintosh 512Ke, Macintosh Plus" */
} rom_info;

/* The known ROMs (machines/rom_id.c says where each checksum comes from). */
extern const rom_info rom_table[];
extern const size_t rom_table_len;

/* ROM sizes run from 64 KiB to 4 MiB, powers of two. */
#define ROM_MIN_SIZE (64u * 1024)
#define ROM_MAX_SIZE (4u * 1024 * 1024)

/* Apple's 32-bit checksum: the sum of the big-endian 16-bit words from
 * offset 4 to `span` (an odd last byte is not counted). */
uint32_t rom_checksum(const uint8_t *data, size_t span);

/* The span the checksum covers in an image of `size` bytes whose checksum
 * is not in the table: 3 MiB for 4 MiB (old-world Power Mac) images, the
 * whole image otherwise. */
size_t rom_default_sum_span(size_t size);

/* The table entry with this stored checksum, or NULL. */
const rom_info *rom_lookup(uint32_t checksum);

/* Identifies the image data[0..len). *match (if match is not NULL) is set
 * to the table entry whose checksum the image stores, for ROM_OK,
 * ROM_TRUNCATED and ROM_CORRUPT with a known checksum, NULL otherwise. */
rom_verdict rom_identify(const uint8_t *data, size_t len, const rom_info **match);

/* The same against another table (tests), with a sentence for the user in
 * *detail (if detail is not NULL; g_free it) saying what was found. */
rom_verdict rom_identify_in(const rom_info *table, size_t n, const uint8_t *data, size_t len,
                            const rom_info **match, char **detail);

/* Reads and identifies the file at `path`; *message (g_free it) is a
 * sentence naming the file and the verdict: which ROM and models it fits,
 * or what is wrong with it. Files larger than any ROM are not read whole. */
rom_verdict rom_identify_file(const char *path, const rom_info **match, char **message);

/* A short phrase for a verdict ("known ROM", "truncated", ...). */
const char *rom_verdict_text(rom_verdict v);

#endif
