/* tests/m68k-vectors: runs SingleStepTests 68000 vectors on the Clarus core.
 *
 *   m68k-vectors [--bus] [--fast] [--tap] [--show N] FILE-OR-DIR...
 *
 * Each vector sets the CPU state and RAM, runs one instruction (with any
 * exception it raises) and compares D0-D7, A0-A6, USP, SSP, SR, PC, both
 * prefetch words, every RAM word and the total cycle count. By default RAM
 * is mapped through MMIO callbacks, so every bus access is seen and a write
 * outside the expected RAM words fails the vector; --fast maps RAM through
 * the page table fast path instead (what machines use). --bus also compares
 * the bus transaction log (kind, function code, address, data, strobes and
 * the idle clocks between accesses); its result is reported separately.
 *
 * File format (SOURCES.md section 1, little-endian):
 *   file  : u32 magic 0x1A3F5D71, u32 count, tests
 *   test  : u32 nbytes, u32 magic 0xABC12367, name, state, state, transactions
 *   name  : u32 nbytes, u32 magic 0x89ABCDEF, u32 len, bytes
 *   state : u32 nbytes, u32 magic 0x01234567, 19 x u32, u32 prefetch[2],
 *           u32 n, n x {u32 addr, u16 word}
 *   trans : u32 nbytes, u32 magic 0x456789AB, u32 cycles, u32 n,
 *           n x {u8 kind, u32 cycles, [kind != 0: u32 fc, addr, data, uds, lds]}
 *
 * Vectors that still fail, and why (each is a disagreement with MAME's
 * microcoded 68000, which generated the set):
 *   (none known)
 *
 * Exit status: 0 when every vector passes (the TAS and TRAPV vectors, which
 * the set's README calls unverified, are reported on a line of their own
 * and do not count), 1 when some fail, 2 on bad input.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "m68k/m68k.h"
#include "memmap.h"

#define FILE_MAGIC  0x1A3F5D71u
#define TEST_MAGIC  0xABC12367u
#define NAME_MAGIC  0x89ABCDEFu
#define STATE_MAGIC 0x01234567u
#define TRANS_MAGIC 0x456789ABu

#define RAM_SIZE (16u * 1024 * 1024)
#define MAX_BUS  512

enum { T_IDLE = 0, T_WRITE = 1, T_READ = 2, T_TAS = 3, T_READ_AE = 4, T_WRITE_AE = 5 };

typedef struct {
    uint32_t reg[19]; /* d0-d7 a0-a6 usp ssp sr pc */
    uint32_t prefetch[2];
    uint32_t nram;
    const uint8_t *ram; /* nram x {u32 addr, u16 word} */
} vstate;

typedef struct {
    uint8_t kind;
    uint32_t cycles, fc, addr, data, uds, lds;
} btrans;

typedef struct {
    const char *name;
    uint32_t name_len;
    vstate init, fin;
    uint32_t cycles;
    uint32_t ntrans;
    const uint8_t *trans;
} vector;

/* ---- reading ---- */

typedef struct {
    const char *path;
    const uint8_t *p, *end;
    char err[256];
} reader;

static bool fail(reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, sizeof(r->err), fmt, ap);
    va_end(ap);
    return false;
}

static bool need(reader *r, size_t n, const char *what)
{
    if ((size_t)(r->end - r->p) < n) return fail(r, "truncated in %s", what);
    return true;
}

static uint32_t u32(reader *r)
{
    const uint8_t *b = r->p;
    r->p += 4;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static bool read_block(reader *r, uint32_t magic, const char *what, const uint8_t **block_end)
{
    if (!need(r, 8, what)) return false;
    const uint8_t *start = r->p;
    uint32_t nbytes = u32(r);
    uint32_t m = u32(r);
    if (m != magic) return fail(r, "bad %s magic 0x%08x", what, m);
    if (nbytes < 8 || nbytes > (size_t)(r->end - start))
        return fail(r, "%s claims %u bytes, more than the file holds", what, nbytes);
    *block_end = start + nbytes;
    return true;
}

static bool read_state(reader *r, vstate *s)
{
    const uint8_t *end;
    if (!read_block(r, STATE_MAGIC, "state", &end)) return false;
    if ((size_t)(end - r->p) < 22 * 4) return fail(r, "state block too short");
    for (int i = 0; i < 19; i++) s->reg[i] = u32(r);
    s->prefetch[0] = u32(r);
    s->prefetch[1] = u32(r);
    s->nram = u32(r);
    if ((uint64_t)s->nram * 6 != (uint64_t)(end - r->p))
        return fail(r, "state RAM list of %u words does not fill its block", s->nram);
    s->ram = r->p;
    r->p = end;
    return true;
}

static bool read_vector(reader *r, vector *v)
{
    const uint8_t *tend, *end;
    if (!read_block(r, TEST_MAGIC, "test", &tend)) return false;
    if (!read_block(r, NAME_MAGIC, "name", &end)) return false;
    if (!need(r, 4, "name")) return false;
    v->name_len = u32(r);
    if (v->name_len > (size_t)(end - r->p))
        return fail(r, "name length %u overruns its block", v->name_len);
    v->name = (const char *)r->p;
    r->p = end;
    if (!read_state(r, &v->init) || !read_state(r, &v->fin)) return false;
    if (!read_block(r, TRANS_MAGIC, "transactions", &end)) return false;
    if ((size_t)(end - r->p) < 8) return fail(r, "transaction block too short");
    v->cycles = u32(r);
    v->ntrans = u32(r);
    v->trans = r->p;
    const uint8_t *q = r->p;
    for (uint32_t i = 0; i < v->ntrans; i++) {
        if (q >= end) return fail(r, "transaction list overruns its block");
        size_t len = *q == 0 ? 5 : 25;
        if ((size_t)(end - q) < len) return fail(r, "transaction list overruns its block");
        if (*q > T_WRITE_AE) return fail(r, "unknown transaction kind %u", *q);
        q += len;
    }
    if (q != end) return fail(r, "transaction block has %zu stray bytes", (size_t)(end - q));
    r->p = end;
    if (r->p != tend) return fail(r, "test block size disagrees with its contents");
    return true;
}

static btrans trans_at(const uint8_t **q)
{
    const uint8_t *b = *q;
    btrans t = {0};
    t.kind = b[0];
    reader tmp = {.p = b + 1, .end = b + 25};
    t.cycles = u32(&tmp);
    if (t.kind) {
        t.fc = u32(&tmp);
        t.addr = u32(&tmp);
        t.data = u32(&tmp);
        t.uds = u32(&tmp);
        t.lds = u32(&tmp);
    }
    *q = t.kind ? b + 25 : b + 5;
    return t;
}

/* ---- the harness ---- */

typedef struct {
    uint8_t *ram;
    bool fast;
    /* writes seen through MMIO */
    uint32_t written[4096];
    unsigned nwritten;
    bool overflow;
    /* bus log */
    btrans bus[MAX_BUS];
    unsigned nbus;
    int64_t bus_end;
} harness;

static uint32_t ram_read(void *opaque, uint32_t off, unsigned size)
{
    harness *h = opaque;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) v = v << 8 | h->ram[(off + i) & (RAM_SIZE - 1)];
    return v;
}

static void ram_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    harness *h = opaque;
    for (unsigned i = 0; i < size; i++) {
        uint32_t a = (off + i) & (RAM_SIZE - 1);
        h->ram[a] = (uint8_t)(val >> (8 * (size - 1 - i)));
        if (h->nwritten < sizeof(h->written) / sizeof(h->written[0]))
            h->written[h->nwritten++] = a;
        else
            h->overflow = true;
    }
}

static const mmio_ops ram_ops = {ram_read, ram_write, NULL};

static void observe(void *ctx, const m68k_bus_event *ev)
{
    harness *h = ctx;
    if (h->nbus + 2 >= MAX_BUS) return;
    if (ev->cycle > h->bus_end)
        h->bus[h->nbus++] = (btrans){.kind = T_IDLE, .cycles = (uint32_t)(ev->cycle - h->bus_end)};
    uint8_t kind = ev->kind == M68K_BUS_READ                 ? T_READ
                   : ev->kind == M68K_BUS_WRITE              ? T_WRITE
                   : ev->kind == M68K_BUS_READ_ADDRESS_ERROR ? T_READ_AE
                                                             : T_WRITE_AE;
    h->bus[h->nbus++] = (btrans){.kind = kind,
                                 .cycles = 4,
                                 .fc = ev->fc,
                                 .addr = ev->addr,
                                 .data = ev->data,
                                 .uds = ev->uds,
                                 .lds = ev->lds};
    h->bus_end = ev->cycle + 4;
}

typedef struct {
    bool bus;
    bool tap;
    bool fast;
    int show;
} options;

typedef struct {
    uint64_t passed, failed;
    uint64_t unv_passed, unv_failed;
    uint64_t bus_passed, bus_failed;
} totals;

static const char *const reg_names[19] = {"d0", "d1",  "d2",  "d3", "d4", "d5", "d6",
                                          "d7", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                          "a6", "usp", "ssp", "sr", "pc"};

static void put_words(uint8_t *ram, const vstate *s)
{
    const uint8_t *p = s->ram;
    for (uint32_t i = 0; i < s->nram; i++, p += 6) {
        uint32_t a = (p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24) & (RAM_SIZE - 1);
        ram[a] = p[5];
        ram[(a + 1) & (RAM_SIZE - 1)] = p[4];
    }
}

static void clear_words(uint8_t *ram, const vstate *s)
{
    const uint8_t *p = s->ram;
    for (uint32_t i = 0; i < s->nram; i++, p += 6) {
        uint32_t a = (p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24) & (RAM_SIZE - 1);
        ram[a] = ram[(a + 1) & (RAM_SIZE - 1)] = 0;
    }
}

/* Writes a description of the first difference into why; returns true if
 * the state, RAM and cycles all match. */
static bool compare(m68k_cpu *cpu, harness *h, const vector *v, int64_t cycles, char *why, size_t n)
{
    m68k_state st;
    m68k_get_state(cpu, &st);
    uint32_t got[19];
    memcpy(got, st.d, sizeof(st.d));
    memcpy(got + 8, st.a, sizeof(st.a));
    got[15] = st.usp;
    got[16] = st.ssp;
    got[17] = st.sr;
    got[18] = st.pc + 4;
    size_t used = 0;
    why[0] = 0;
#define NOTE(...)                                                                                  \
    do {                                                                                           \
        if (used < n) used += (size_t)snprintf(why + used, n - used, __VA_ARGS__);                 \
    } while (0)
    for (int i = 0; i < 19; i++)
        if (got[i] != v->fin.reg[i])
            NOTE("%s is %08x, expected %08x; ", reg_names[i], got[i], v->fin.reg[i]);
    if (st.ir != v->fin.prefetch[0] || st.irc != v->fin.prefetch[1])
        NOTE("prefetch is %04x %04x, expected %04x %04x; ", st.ir, st.irc, v->fin.prefetch[0],
             v->fin.prefetch[1]);
    const uint8_t *p = v->fin.ram;
    for (uint32_t i = 0; i < v->fin.nram; i++, p += 6) {
        uint32_t a = (p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24) & (RAM_SIZE - 1);
        uint32_t want = p[4] | p[5] << 8;
        uint32_t have = h->ram[a] << 8 | h->ram[(a + 1) & (RAM_SIZE - 1)];
        if (want != have) NOTE("RAM word %06x is %04x, expected %04x; ", a, have, want);
    }
    if (!h->fast) {
        for (unsigned i = 0; i < h->nwritten; i++) {
            uint32_t wa = h->written[i] & ~1u;
            bool listed = false;
            p = v->fin.ram;
            for (uint32_t j = 0; j < v->fin.nram && !listed; j++, p += 6)
                listed =
                    ((p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24) & (RAM_SIZE - 2)) == wa;
            if (!listed) {
                NOTE("wrote RAM at %06x, which the vector does not list; ", h->written[i]);
                break;
            }
        }
    }
    if (cycles != (int64_t)v->cycles)
        NOTE("took %lld cycles, expected %u; ", (long long)cycles, v->cycles);
#undef NOTE
    return used == 0;
}

/* Merges adjacent idle entries so both logs have one canonical form. */
static unsigned canon(btrans *t, unsigned n)
{
    unsigned o = 0;
    for (unsigned i = 0; i < n; i++) {
        if (t[i].kind == T_IDLE && t[i].cycles == 0) continue;
        if (t[i].kind == T_IDLE && o > 0 && t[o - 1].kind == T_IDLE)
            t[o - 1].cycles += t[i].cycles;
        else
            t[o++] = t[i];
    }
    return o;
}

static bool compare_bus(harness *h, const vector *v, char *why, size_t n)
{
    btrans want[MAX_BUS];
    unsigned nw = 0;
    const uint8_t *q = v->trans;
    for (uint32_t i = 0; i < v->ntrans && nw < MAX_BUS; i++) want[nw++] = trans_at(&q);
    nw = canon(want, nw);
    if (h->bus_end < (int64_t)v->cycles && h->nbus < MAX_BUS)
        h->bus[h->nbus++] = (btrans){.kind = T_IDLE, .cycles = (uint32_t)(v->cycles - h->bus_end)};
    unsigned ng = canon(h->bus, h->nbus);
    static const char *const kn[] = {"n", "w", "r", "t", "re", "we"};
    for (unsigned i = 0; i < nw || i < ng; i++) {
        if (i >= nw || i >= ng) {
            snprintf(why, n, "bus: %s entry %u", i >= nw ? "extra" : "missing", i);
            return false;
        }
        const btrans *a = &h->bus[i], *b = &want[i];
        bool same = a->kind == b->kind && a->cycles == b->cycles;
        if (same && a->kind != T_IDLE) {
            same = a->fc == b->fc && (a->addr & 0xfffffe) == (b->addr & 0xfffffe) &&
                   a->uds == b->uds && a->lds == b->lds;
            if (same && (a->kind == T_READ || a->kind == T_WRITE)) {
                uint32_t mask = (a->uds ? 0xff00 : 0) | (a->lds ? 0x00ff : 0);
                same = (a->data & mask) == (b->data & mask);
            }
        }
        if (!same) {
            snprintf(why, n, "bus entry %u: got %s%u fc%u %06x %04x, expected %s%u fc%u %06x %04x",
                     i, kn[a->kind], a->cycles, a->fc, a->addr & 0xffffff, a->data, kn[b->kind],
                     b->cycles, b->fc, b->addr & 0xffffff, b->data);
            return false;
        }
    }
    return true;
}

static bool unverified_name(const vector *v)
{
    /* "123 TAS (A1) 4ad1": the mnemonic is the second field */
    const char *s = memchr(v->name, ' ', v->name_len);
    if (!s) return false;
    size_t rest = v->name_len - (size_t)(s + 1 - v->name);
    s++;
    return (rest >= 4 && memcmp(s, "TAS ", 4) == 0) || (rest >= 5 && memcmp(s, "TRAPV", 5) == 0);
}

static bool run_file(const char *path, const options *opt, m68k_cpu *cpu, harness *h, totals *tot,
                     unsigned fileno, char *err, size_t errn)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errn, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (len <= 0) {
        fclose(f);
        snprintf(err, errn, "%s: empty file, not a SingleStepTests vector file", path);
        return false;
    }
    uint8_t *data = malloc((size_t)len);
    if (!data || fread(data, 1, (size_t)len, f) != (size_t)len) {
        fclose(f);
        free(data);
        snprintf(err, errn, "%s: cannot read", path);
        return false;
    }
    fclose(f);

    reader r = {.path = path, .p = data, .end = data + len};
    if (len < 8) {
        snprintf(err, errn, "%s: truncated header (%ld bytes)", path, len);
        free(data);
        return false;
    }
    uint32_t magic = u32(&r), count = u32(&r);
    if (magic != FILE_MAGIC) {
        snprintf(err, errn,
                 "%s: wrong magic 0x%08x (expected 0x%08x): not a SingleStepTests 68000 file", path,
                 magic, FILE_MAGIC);
        free(data);
        return false;
    }
    if (count == 0) {
        snprintf(err, errn, "%s: the file holds no vectors", path);
        free(data);
        return false;
    }
    /* Validate every vector before running any. */
    vector *vs = calloc(count, sizeof(*vs));
    if (!vs || (uint64_t)count * 16 > (uint64_t)len) {
        snprintf(err, errn, "%s: truncated: claims %u vectors, more than %ld bytes can hold", path,
                 count, len);
        free(vs);
        free(data);
        return false;
    }
    for (uint32_t i = 0; i < count; i++)
        if (!read_vector(&r, &vs[i])) {
            snprintf(err, errn, "%s: vector %u of %u: %s", path, i, count, r.err);
            free(vs);
            free(data);
            return false;
        }
    if (r.p != r.end) {
        snprintf(err, errn, "%s: %zu bytes after the last vector", path, (size_t)(r.end - r.p));
        free(vs);
        free(data);
        return false;
    }

    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    uint64_t pass = 0, failn = 0, upass = 0, ufail = 0, bpass = 0, bfail = 0;
    int shown = 0;
    for (uint32_t i = 0; i < count; i++) {
        const vector *v = &vs[i];
        m68k_state st = {0};
        memcpy(st.d, v->init.reg, sizeof(st.d));
        memcpy(st.a, v->init.reg + 8, sizeof(st.a));
        st.usp = v->init.reg[15];
        st.ssp = v->init.reg[16];
        st.sr = (uint16_t)v->init.reg[17];
        st.pc = v->init.reg[18] - 4;
        st.ir = (uint16_t)v->init.prefetch[0];
        st.irc = (uint16_t)v->init.prefetch[1];
        put_words(h->ram, &v->init);
        m68k_set_state(cpu, &st);
        h->nwritten = 0;
        h->overflow = false;
        h->nbus = 0;
        h->bus_end = 0;
        int64_t cycles = m68k_run(cpu, 1);
        char why[2048];
        bool ok = compare(cpu, h, v, cycles, why, sizeof(why));
        bool unv = unverified_name(v);
        if (unv)
            ok ? upass++ : ufail++;
        else
            ok ? pass++ : failn++;
        if (!ok && shown < opt->show) {
            printf("  FAIL %.*s: %s\n", (int)v->name_len, v->name, why);
            shown++;
        }
        if (opt->bus) {
            char bwhy[200];
            if (compare_bus(h, v, bwhy, sizeof(bwhy)))
                bpass++;
            else {
                bfail++;
                if (ok && shown < opt->show) {
                    printf("  BUS  %.*s: %s\n", (int)v->name_len, v->name, bwhy);
                    shown++;
                }
            }
        }
        /* Leave RAM all zero for the next vector. */
        clear_words(h->ram, &v->init);
        clear_words(h->ram, &v->fin);
        for (unsigned w = 0; w < h->nwritten; w++) h->ram[h->written[w]] = 0;
    }
    if (opt->tap) {
        printf("%s %u - %s %llu/%llu", failn ? "not ok" : "ok", fileno, base,
               (unsigned long long)pass, (unsigned long long)(pass + failn));
        if (upass + ufail)
            printf(" (unverified TAS/TRAPV: %llu/%llu)", (unsigned long long)upass,
                   (unsigned long long)(upass + ufail));
        if (opt->bus)
            printf(" (bus %llu/%llu)", (unsigned long long)bpass,
                   (unsigned long long)(bpass + bfail));
        printf("\n");
    } else {
        printf("%s: %llu passed, %llu failed", base, (unsigned long long)pass,
               (unsigned long long)failn);
        if (upass + ufail)
            printf("; unverified: %llu passed, %llu failed", (unsigned long long)upass,
                   (unsigned long long)ufail);
        if (opt->bus)
            printf("; bus: %llu matched, %llu differ", (unsigned long long)bpass,
                   (unsigned long long)bfail);
        printf("\n");
    }
    fflush(stdout);
    tot->passed += pass;
    tot->failed += failn;
    tot->unv_passed += upass;
    tot->unv_failed += ufail;
    tot->bus_passed += bpass;
    tot->bus_failed += bfail;
    free(vs);
    free(data);
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void usage(FILE *to)
{
    fprintf(to,
            "usage: m68k-vectors [--bus] [--fast] [--tap] [--show N] FILE-OR-DIR...\n"
            "Runs SingleStepTests 68000 vector files (*.json.bin; a directory means every\n"
            "*.bin file in it) and prints a line per file and a last line 'N passed, M failed'.\n");
}

int main(int argc, char **argv)
{
    options opt = {.show = 3};
    char **paths = NULL;
    size_t npaths = 0, cap = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--bus") == 0)
            opt.bus = true;
        else if (strcmp(a, "--tap") == 0)
            opt.tap = true;
        else if (strcmp(a, "--fast") == 0)
            opt.fast = true;
        else if (strcmp(a, "--show") == 0 && i + 1 < argc)
            opt.show = atoi(argv[++i]);
        else if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "m68k-vectors: unknown option %s\n", a);
            usage(stderr);
            return 2;
        } else {
            struct stat sb;
            if (stat(a, &sb) != 0) {
                fprintf(stderr, "m68k-vectors: %s: %s\n", a, strerror(errno));
                return 2;
            }
            size_t before = npaths;
            if (S_ISDIR(sb.st_mode)) {
                DIR *d = opendir(a);
                if (!d) {
                    fprintf(stderr, "m68k-vectors: %s: %s\n", a, strerror(errno));
                    return 2;
                }
                struct dirent *e;
                while ((e = readdir(d))) {
                    size_t l = strlen(e->d_name);
                    if (l < 4 || strcmp(e->d_name + l - 4, ".bin") != 0) continue;
                    char *full = malloc(strlen(a) + l + 2);
                    sprintf(full, "%s/%s", a, e->d_name);
                    struct stat fb;
                    if (stat(full, &fb) != 0 || !S_ISREG(fb.st_mode)) {
                        free(full);
                        continue;
                    }
                    if (npaths == cap) {
                        cap = cap ? cap * 2 : 256;
                        paths = realloc(paths, cap * sizeof(*paths));
                    }
                    paths[npaths++] = full;
                }
                closedir(d);
                if (npaths == before) {
                    fprintf(stderr, "m68k-vectors: %s: directory holds no vector files (*.bin)\n",
                            a);
                    return 2;
                }
                qsort(paths + before, npaths - before, sizeof(*paths), cmp_str);
            } else {
                if (npaths == cap) {
                    cap = cap ? cap * 2 : 256;
                    paths = realloc(paths, cap * sizeof(*paths));
                }
                paths[npaths++] = strdup(a);
            }
        }
    }
    if (npaths == 0) {
        usage(stderr);
        return 2;
    }

    harness *h = calloc(1, sizeof(*h));
    h->ram = calloc(1, RAM_SIZE);
    h->fast = opt.fast;
    mm_space *bus = mm_create(24);
    if (!h->ram || !bus) {
        fprintf(stderr, "m68k-vectors: out of memory\n");
        return 1;
    }
    if (opt.fast)
        mm_add_ram(bus, "ram", 0, RAM_SIZE, h->ram);
    else
        mm_add_mmio(bus, "ram", 0, RAM_SIZE, &ram_ops, h);
    mm_commit(bus);
    m68k_config cfg = {.model = M68K_MODEL_68000};
    const char *err = NULL;
    m68k_cpu *cpu = m68k_create(&cfg, bus, NULL, NULL, &err);
    if (!cpu) {
        fprintf(stderr, "m68k-vectors: %s\n", err);
        return 1;
    }
    if (opt.bus || !opt.fast) m68k_set_bus_observer(cpu, observe, h);

    if (opt.tap) printf("1..%zu\n", npaths);
    totals tot = {0};
    int status = 0;
    for (size_t i = 0; i < npaths; i++) {
        char msg[512];
        if (!run_file(paths[i], &opt, cpu, h, &tot, (unsigned)i + 1, msg, sizeof(msg))) {
            fprintf(stderr, "m68k-vectors: %s\n", msg);
            if (opt.tap) printf("Bail out! %s\n", msg);
            status = 2;
            break;
        }
    }
    if (status == 0) {
        if (tot.unv_passed + tot.unv_failed)
            printf("unverified TAS and TRAPV vectors (not counted below): %llu passed, %llu "
                   "failed\n",
                   (unsigned long long)tot.unv_passed, (unsigned long long)tot.unv_failed);
        if (opt.bus)
            printf("bus transaction logs: %llu matched, %llu differ\n",
                   (unsigned long long)tot.bus_passed, (unsigned long long)tot.bus_failed);
        printf("%llu passed, %llu failed\n", (unsigned long long)tot.passed,
               (unsigned long long)tot.failed);
        status = tot.failed ? 1 : 0;
    }
    m68k_destroy(cpu);
    mm_destroy(bus);
    free(h->ram);
    free(h);
    for (size_t i = 0; i < npaths; i++) free(paths[i]);
    free(paths);
    return status;
}
