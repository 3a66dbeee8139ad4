/* bench/m68k-run: runs a flat 68000 image on the Clarus 68000 core.
 *
 *   bench/m68k-run [--peek ADDR]... [--max-seconds S] [--max-cycles N] IMAGE
 *
 * IMAGE (1 byte to 16 MiB) is loaded at address 0 of 16 MiB of RAM on a
 * 24-bit bus; its first two longs are the reset SSP and PC. The core is reset
 * and run in slices of SLICE_CYCLES clocks until it executes STOP. Then it
 * prints, one per line:
 *
 *   instructions N    instructions executed, the STOP included
 *   cycles C          clocks run (the core may count the final slice up to
 *                     its budget once STOP leaves it idle)
 *   seconds S         host time spent in the run loop only
 *   MIPS M            N / S / 1e6
 *   peek ADDR VALUE   for each --peek: the long at ADDR, both in hex
 *
 * Limits, so that an image that never stops still ends: --max-seconds of
 * host time (default 60) and, optionally, --max-cycles of guest clocks
 * (default none). Both are checked between slices.
 *
 * Exit status: 0 the guest executed STOP; 1 bad usage or image, or the core
 * could not be created; 2 a limit was reached before STOP; 3 the CPU halted
 * (double bus fault). In cases 2 and 3 the figures and peeks are still
 * printed, for diagnosis, before the error on stderr.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "m68k/m68k.h"
#include "memmap.h"

#define RAM_SIZE     (16u * 1024u * 1024u)
#define SLICE_CYCLES 10000000
#define MAX_PEEKS    64
#define EXIT_USAGE   1
#define EXIT_LIMIT   2
#define EXIT_HALTED  3

static const char *progname = "m68k-run";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s [--peek ADDR]... [--max-seconds S] [--max-cycles N] IMAGE\n"
            "Runs a flat big-endian 68000 image (loaded at 0 of 16 MiB of RAM; its first\n"
            "two longs are the reset SSP and PC) until STOP, then prints instructions,\n"
            "cycles, seconds, MIPS and, for each --peek, the long at ADDR (hex).\n"
            "Gives up after S seconds of host time (default 60) or N guest clocks\n"
            "(default no limit).\n",
            progname);
}

static bool parse_hex(const char *s, uint64_t limit, uint64_t *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+') return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 16);
    if (errno || *end || v > limit) return false;
    *out = v;
    return true;
}

static bool parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+') return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end) return false;
    *out = v;
    return true;
}

static bool parse_seconds(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || end == s || !(v > 0) || v > 1e6) return false;
    *out = v;
    return true;
}

/* Reads the image into ram; returns its size, or 0 after printing an error. */
static size_t load_image(const char *path, uint8_t *ram)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open image %s: %s\n", progname, path, strerror(errno));
        return 0;
    }
    size_t n = fread(ram, 1, RAM_SIZE, f);
    bool bad = ferror(f);
    int err = errno;
    /* One byte more than RAM holds means the image does not fit. */
    uint8_t extra;
    bool oversized = !bad && n == RAM_SIZE && fread(&extra, 1, 1, f) == 1;
    fclose(f);
    if (bad) {
        fprintf(stderr, "%s: cannot read image %s: %s\n", progname, path, strerror(err));
        return 0;
    }
    if (n == 0) {
        fprintf(stderr, "%s: image %s is empty\n", progname, path);
        return 0;
    }
    if (n < 8) {
        fprintf(stderr, "%s: image %s is %zu bytes, too small for the reset SSP and PC\n", progname,
                path, n);
        return 0;
    }
    if (oversized) {
        fprintf(stderr, "%s: image %s is larger than the %u MiB of RAM\n", progname, path,
                RAM_SIZE >> 20);
        return 0;
    }
    return n;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    uint32_t peeks[MAX_PEEKS];
    unsigned npeeks = 0;
    double max_seconds = 60;
    uint64_t max_cycles = 0;
    const char *path = NULL;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        uint64_t x;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--peek")) {
            if (!v || !parse_hex(v, RAM_SIZE - 4, &x)) {
                fprintf(stderr, "%s: --peek needs a hex address below %x\n", progname,
                        RAM_SIZE - 3);
                return EXIT_USAGE;
            }
            if (npeeks == MAX_PEEKS) {
                fprintf(stderr, "%s: at most %d --peek\n", progname, MAX_PEEKS);
                return EXIT_USAGE;
            }
            peeks[npeeks++] = (uint32_t)x;
            i++;
        } else if (!strcmp(a, "--max-seconds")) {
            if (!v || !parse_seconds(v, &max_seconds)) {
                fprintf(stderr, "%s: --max-seconds needs a positive number\n", progname);
                return EXIT_USAGE;
            }
            i++;
        } else if (!strcmp(a, "--max-cycles")) {
            if (!v || !parse_u64(v, &max_cycles) || max_cycles > INT64_MAX) {
                fprintf(stderr, "%s: --max-cycles needs a count of clocks\n", progname);
                return EXIT_USAGE;
            }
            i++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "%s: unknown option %s\n", progname, a);
            usage(stderr);
            return EXIT_USAGE;
        } else if (path) {
            fprintf(stderr, "%s: more than one image given\n", progname);
            return EXIT_USAGE;
        } else {
            path = a;
        }
    }
    if (!path) {
        usage(stderr);
        return EXIT_USAGE;
    }

    uint8_t *ram = g_malloc0(RAM_SIZE);
    if (!load_image(path, ram)) {
        g_free(ram);
        return EXIT_USAGE;
    }

    mm_space *bus = mm_create(24);
    if (!bus || mm_add_ram(bus, "ram", 0, RAM_SIZE, ram) < 0) {
        fprintf(stderr, "%s: cannot set up the address space\n", progname);
        if (bus) mm_destroy(bus);
        g_free(ram);
        return EXIT_USAGE;
    }
    mm_commit(bus);

    const m68k_config cfg = {.model = M68K_MODEL_68000, .clock_hz = 0};
    const char *err = NULL;
    m68k_cpu *cpu = m68k_create(&cfg, bus, NULL, NULL, &err);
    if (!cpu) {
        fprintf(stderr, "%s: cannot create the 68000: %s\n", progname, err ? err : "unknown error");
        mm_destroy(bus);
        g_free(ram);
        return EXIT_USAGE;
    }
    m68k_reset(cpu);

    /* The timed loop: nothing but run() and the limit checks between slices. */
    uint64_t insns0 = m68k_instructions(cpu);
    uint64_t cycles = 0;
    bool stopped = false, halted = false, out_of_time = false, out_of_cycles = false;
    double t0 = now_seconds(), t1 = t0;
    for (;;) {
        int64_t budget = SLICE_CYCLES;
        if (max_cycles && max_cycles - cycles < (uint64_t)budget)
            budget = (int64_t)(max_cycles - cycles);
        int64_t ran = m68k_run(cpu, budget);
        if (ran > 0) cycles += (uint64_t)ran;
        t1 = now_seconds();
        if (m68k_is_halted(cpu)) {
            halted = true;
            break;
        }
        if (m68k_is_stopped(cpu)) {
            stopped = true;
            break;
        }
        if (max_cycles && cycles >= max_cycles) {
            out_of_cycles = true;
            break;
        }
        if (t1 - t0 >= max_seconds) {
            out_of_time = true;
            break;
        }
    }
    double seconds = t1 - t0;
    uint64_t insns = m68k_instructions(cpu) - insns0;

    printf("instructions %" PRIu64 "\n", insns);
    printf("cycles %" PRIu64 "\n", cycles);
    printf("seconds %.6f\n", seconds);
    printf("MIPS %.2f\n", seconds > 0 ? (double)insns / seconds / 1e6 : 0.0);
    for (unsigned i = 0; i < npeeks; i++)
        printf("peek %08" PRIx32 " %08" PRIx32 "\n", peeks[i], load_be32(ram + peeks[i]));
    fflush(stdout);

    int rc = 0;
    uint32_t pc = m68k_get_reg(cpu, M68K_REG_PC);
    if (halted) {
        fprintf(stderr, "%s: the CPU halted (double bus fault) at PC=%08" PRIx32 "\n", progname,
                pc);
        rc = EXIT_HALTED;
    } else if (out_of_cycles) {
        fprintf(stderr,
                "%s: the guest did not execute STOP within %" PRIu64 " cycles (PC=%08" PRIx32 ")\n",
                progname, max_cycles, pc);
        rc = EXIT_LIMIT;
    } else if (out_of_time) {
        fprintf(stderr, "%s: the guest did not execute STOP within %g s (PC=%08" PRIx32 ")\n",
                progname, max_seconds, pc);
        rc = EXIT_LIMIT;
    } else if (!stopped) {
        rc = EXIT_LIMIT; /* not reached: the loop ends only in the cases above */
    }

    m68k_destroy(cpu);
    mm_destroy(bus);
    g_free(ram);
    return rc;
}
