/* NVRAM layout for OpenBIOS on the PCI Power Macs. The CHRP System
 * Binding (NVRAM chapter) defines the partition header: a signature byte,
 * a checksum byte, a big-endian length in 16-byte blocks (header
 * included) and a 12-byte name. The checksum is the 8-bit sum of the
 * signature, length and name bytes with each carry added back in. */
#include <string.h>

#include "pmac.h"

enum { NV_SYSTEM = 0x70, NV_FREE = 0x7f, NV_OSX = 0x5a };
/* The system partition's minimum size: OpenBIOS cannot grow a partition,
 * so room is left for the variables it adds (QEMU uses the same size). */
#define NV_SYSTEM_MIN 0xc10

static void part_header(uint8_t *h, uint8_t sig, const char *name, size_t bytes)
{
    h[0] = sig;
    h[2] = (uint8_t)(bytes >> 12);
    h[3] = (uint8_t)(bytes >> 4);
    memset(h + 4, 0, 12);
    memcpy(h + 4, name, strnlen(name, 12));
    unsigned sum = h[0];
    for (int i = 2; i < 16; i++) {
        sum += h[i];
        sum = (sum + (sum >> 8)) & 0xff;
    }
    h[1] = (uint8_t)sum;
}

bool pmac_nvram_format(uint8_t *nv, size_t len, const char *const *env)
{
    size_t half = len / 2;
    memset(nv, 0, len);
    size_t end = 16;
    for (size_t i = 0; env && env[i]; i++) {
        size_t n = strlen(env[i]) + 1;
        if (end + n + 1 > half) return false;
        memcpy(nv + end, env[i], n);
        end += n;
    }
    end++; /* an empty string ends the list */
    end = (end + 15) & ~(size_t)15;
    if (end < NV_SYSTEM_MIN) end = NV_SYSTEM_MIN;
    if (end + 16 > half) return false;
    part_header(nv, NV_SYSTEM, "system", end);
    part_header(nv + end, NV_FREE, "wwwwwwwwwwww", half - end);
    part_header(nv + half, NV_OSX, "wwwwwwwwwwww", len - half);
    return true;
}
