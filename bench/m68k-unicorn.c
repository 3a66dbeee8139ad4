/* bench/m68k-unicorn: the reference side of `make bench`.
 *
 * Runs a flat 68000 image the way bench/m68k-run does (loaded at address 0 of
 * 16 MiB of RAM, reset SSP and PC from its first two longs, supervisor mode
 * with interrupts masked), but on Unicorn's 68000 CPU model, and prints the
 * same lines: instructions, seconds, MIPS and the requested peeks.
 *
 * Unicorn cannot stop "at STOP", so the run ends when the PC reaches the
 * address of the first STOP instruction the guest executes, which is found
 * by a counting pass: the image runs once with a hook on every instruction
 * that counts them (the STOP included, as bench/m68k-run counts it) and looks
 * for the STOP opcode. That pass is not timed. The timed pass then runs the
 * image afresh (new engine, new copy of the image, no hooks) until that
 * address. Given --instructions N --until ADDR (from an earlier run's
 * `instructions` and `stop` lines) the counting pass is skipped.
 *
 * Exit status: 0 success, 1 bad usage or image, 2 the guest did not reach
 * STOP within the time limit, 3 Unicorn reported an error.
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

#include <unicorn/unicorn.h>

#define RAM_SIZE     (16u * 1024u * 1024u)
#define MAX_PEEKS    64
#define STOP_OPCODE  0x4E72
#define EXIT_USAGE   1
#define EXIT_TIMEOUT 2
#define EXIT_UC      3

typedef struct count_state {
    const uint8_t *ram;
    uint64_t instructions;
    uint64_t stop_addr;
    bool found;
} count_state;

static const char *progname = "m68k-unicorn";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s [--peek ADDR]... [--max-seconds S] [--instructions N --until ADDR] "
            "IMAGE\n"
            "Runs a flat big-endian 68000 image on Unicorn's 68000 model up to its first\n"
            "STOP and prints instructions, seconds, MIPS, the STOP address and, for each\n"
            "--peek, the long at ADDR (hex). --max-seconds limits each pass (default 60).\n",
            progname);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
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

/* Reads the whole image into a fresh buffer; returns its size, 0 on error. */
static size_t load_image(const char *path, uint8_t **out)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open image %s: %s\n", progname, path, strerror(errno));
        return 0;
    }
    uint8_t *buf = malloc((size_t)RAM_SIZE + 1);
    if (!buf) {
        fprintf(stderr, "%s: out of memory\n", progname);
        fclose(f);
        return 0;
    }
    size_t n = fread(buf, 1, (size_t)RAM_SIZE + 1, f);
    bool bad = ferror(f);
    int err = errno;
    fclose(f);
    if (bad) {
        fprintf(stderr, "%s: cannot read image %s: %s\n", progname, path, strerror(err));
    } else if (n == 0) {
        fprintf(stderr, "%s: image %s is empty\n", progname, path);
        bad = true;
    } else if (n < 8) {
        fprintf(stderr, "%s: image %s is %zu bytes, too small for the reset SSP and PC\n", progname,
                path, n);
        bad = true;
    } else if (n > RAM_SIZE) {
        fprintf(stderr, "%s: image %s is larger than the %u MiB of RAM\n", progname, path,
                RAM_SIZE >> 20);
        bad = true;
    }
    if (bad) {
        free(buf);
        return 0;
    }
    *out = buf;
    return n;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void uc_fail(const char *what, uc_err e)
{
    fprintf(stderr, "%s: %s: %s\n", progname, what, uc_strerror(e));
}

/* A fresh engine on `ram` (which holds a fresh copy of the image), in the
 * state the 68000 is in after reset. */
static uc_engine *open_engine(uint8_t *ram)
{
    uc_engine *uc;
    uc_err e = uc_open(UC_ARCH_M68K, UC_MODE_BIG_ENDIAN, &uc);
    if (e != UC_ERR_OK) {
        uc_fail("uc_open", e);
        return NULL;
    }
    e = uc_ctl_set_cpu_model(uc, UC_CPU_M68K_M68000);
    if (e != UC_ERR_OK) {
        uc_fail("selecting the 68000 model", e);
        uc_close(uc);
        return NULL;
    }
    e = uc_mem_map_ptr(uc, 0, RAM_SIZE, UC_PROT_ALL, ram);
    if (e != UC_ERR_OK) {
        uc_fail("mapping RAM", e);
        uc_close(uc);
        return NULL;
    }
    uint32_t sr = 0x2700, ssp = be32(ram), pc = be32(ram + 4);
    if ((e = uc_reg_write(uc, UC_M68K_REG_SR, &sr)) != UC_ERR_OK ||
        (e = uc_reg_write(uc, UC_M68K_REG_A7, &ssp)) != UC_ERR_OK ||
        (e = uc_reg_write(uc, UC_M68K_REG_PC, &pc)) != UC_ERR_OK) {
        uc_fail("setting the reset state", e);
        uc_close(uc);
        return NULL;
    }
    return uc;
}

static void count_hook(uc_engine *uc, uint64_t address, uint32_t size, void *user)
{
    count_state *cs = user;
    (void)size;
    cs->instructions++;
    if (address < RAM_SIZE - 1 && (address & 1) == 0 &&
        (cs->ram[address] << 8 | cs->ram[address + 1]) == STOP_OPCODE) {
        cs->stop_addr = address;
        cs->found = true;
        uc_emu_stop(uc);
    }
}

static uint64_t timeout_us(double seconds)
{
    return (uint64_t)(seconds * 1e6);
}

/* Returns 0 or an exit status. */
static int count_pass(uint8_t *ram, const uint8_t *image, size_t size, double max_seconds,
                      count_state *cs)
{
    memset(ram, 0, RAM_SIZE);
    memcpy(ram, image, size);
    uc_engine *uc = open_engine(ram);
    if (!uc) return EXIT_UC;
    memset(cs, 0, sizeof(*cs));
    cs->ram = ram;
    uc_hook hook;
    uc_err e = uc_hook_add(uc, &hook, UC_HOOK_CODE, (void *)count_hook, cs, 1, 0);
    if (e != UC_ERR_OK) {
        uc_fail("adding the counting hook", e);
        uc_close(uc);
        return EXIT_UC;
    }
    /* An odd address is never a 68000 PC, so only the hook or the timeout ends this. */
    e = uc_emu_start(uc, be32(image + 4), 0xFFFFFFFF, timeout_us(max_seconds), 0);
    uint32_t pc = 0;
    uc_reg_read(uc, UC_M68K_REG_PC, &pc);
    uc_close(uc);
    if (e != UC_ERR_OK && !cs->found) {
        fprintf(stderr,
                "%s: counting pass: %s at PC=%08" PRIx32 " after %" PRIu64 " instructions\n",
                progname, uc_strerror(e), pc, cs->instructions);
        return EXIT_UC;
    }
    if (!cs->found) {
        fprintf(stderr,
                "%s: the guest did not execute STOP within %g s (%" PRIu64
                " instructions, PC=%08" PRIx32 ")\n",
                progname, max_seconds, cs->instructions, pc);
        return EXIT_TIMEOUT;
    }
    return 0;
}

/* Returns 0 or an exit status; *seconds is the time spent in uc_emu_start. */
static int timed_pass(uint8_t *ram, const uint8_t *image, size_t size, uint64_t stop_addr,
                      double max_seconds, double *seconds)
{
    memset(ram, 0, RAM_SIZE);
    memcpy(ram, image, size);
    uc_engine *uc = open_engine(ram);
    if (!uc) return EXIT_UC;
    double t0 = now_seconds();
    uc_err e = uc_emu_start(uc, be32(image + 4), stop_addr, timeout_us(max_seconds), 0);
    *seconds = now_seconds() - t0;
    uint32_t pc = 0;
    uc_reg_read(uc, UC_M68K_REG_PC, &pc);
    uc_close(uc);
    if (e != UC_ERR_OK) {
        fprintf(stderr, "%s: timed pass: %s at PC=%08" PRIx32 "\n", progname, uc_strerror(e), pc);
        return EXIT_UC;
    }
    if (pc != stop_addr) {
        fprintf(stderr,
                "%s: the guest did not reach STOP at %08" PRIx64 " within %g s (PC=%08" PRIx32
                ")\n",
                progname, stop_addr, max_seconds, pc);
        return EXIT_TIMEOUT;
    }
    return 0;
}

int main(int argc, char **argv)
{
    uint32_t peeks[MAX_PEEKS];
    unsigned npeeks = 0;
    double max_seconds = 60;
    uint64_t given_count = 0, given_until = 0;
    bool have_count = false, have_until = false;
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
        } else if (!strcmp(a, "--instructions")) {
            if (!v || !parse_u64(v, &given_count) || given_count == 0) {
                fprintf(stderr, "%s: --instructions needs a positive count\n", progname);
                return EXIT_USAGE;
            }
            have_count = true;
            i++;
        } else if (!strcmp(a, "--until")) {
            if (!v || !parse_hex(v, RAM_SIZE - 2, &given_until)) {
                fprintf(stderr, "%s: --until needs a hex address in RAM\n", progname);
                return EXIT_USAGE;
            }
            have_until = true;
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
    if (have_count != have_until) {
        fprintf(stderr, "%s: --instructions and --until go together\n", progname);
        return EXIT_USAGE;
    }

    uint8_t *image;
    size_t size = load_image(path, &image);
    if (!size) return EXIT_USAGE;
    /* uc_mem_map_ptr wants page-aligned host memory. */
    uint8_t *ram = aligned_alloc(4096, RAM_SIZE);
    if (!ram) {
        fprintf(stderr, "%s: out of memory\n", progname);
        free(image);
        return EXIT_USAGE;
    }

    count_state cs = {.instructions = given_count, .stop_addr = given_until};
    int rc = 0;
    if (!have_count) rc = count_pass(ram, image, size, max_seconds, &cs);
    double seconds = 0;
    if (!rc) rc = timed_pass(ram, image, size, cs.stop_addr, max_seconds, &seconds);
    if (!rc) {
        unsigned major, minor;
        uc_version(&major, &minor);
        printf("unicorn %u.%u\n", major, minor);
        printf("instructions %" PRIu64 "\n", cs.instructions);
        printf("stop %08" PRIx64 "\n", cs.stop_addr);
        printf("seconds %.6f\n", seconds);
        printf("MIPS %.2f\n", seconds > 0 ? (double)cs.instructions / seconds / 1e6 : 0.0);
        for (unsigned i = 0; i < npeeks; i++)
            printf("peek %08" PRIx32 " %08" PRIx32 "\n", peeks[i], be32(ram + peeks[i]));
    }
    free(ram);
    free(image);
    return rc;
}
