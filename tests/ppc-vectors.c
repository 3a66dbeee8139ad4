/* tests/ppc-vectors: PowerPC instruction vectors recorded on real CPUs, run
 * on the Clarus core.
 *
 *   ppc-vectors [--cpu MODEL] [--tap] [--show N] FILE... [--cpu MODEL FILE...]
 *
 * A --cpu applies to the files after it (default 750).
 *
 * Understands, by content:
 *  - DingusPPC integer CSV (ppcinttests.csv): MNEMONIC,opcode,rD=,rA=,rB=,XER=,CR=
 *    Harness (DingusPPC ppctests.cpp semantics, SOURCES.md section 5): r3 <- rA,
 *    r4 <- rB, XER = 0, CR = 0; run the opcode; compare r3 (not for the
 *    compares), XER and CR. For rlwinm/rlwimi rB holds rS.
 *  - DingusPPC floating-point CSV (ppcfloattests.csv): f4 <- frA, f5 <- frB,
 *    f6 <- frC, FPSCR preset to the rounding mode, CR = 0; compare f3, FPSCR, CR.
 *  - Valgrind's jm-insns expected outputs and the other none/tests/ppc32
 *    outputs (see ppc-vectors-jm.c).
 * One line per file, then `N passed, M failed`. Exit 0 only if nothing
 * failed; 2 on bad input.
 *
 * Vectors whose result the architecture leaves undefined are not counted;
 * each is listed by `undefined_reason()` below with the reason.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ppc-harness.h"
#include "ppc-vectors.h"

/* ---- helpers shared with the other readers ---- */

void pv_fail(pv_counts *n, const pv_options *o, const char *fmt, ...)
{
    n->failed++;
    if (n->shown >= o->show) return;
    n->shown++;
    va_list ap;
    va_start(ap, fmt);
    printf("  FAIL ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

char *pv_read_file(const char *path, size_t *len, char *err, size_t errn)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errn, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
    }
    fclose(f);
    buf[n] = 0;
    if (n == 0) {
        snprintf(err, errn, "%s: empty file", path);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Value of `key=` in a CSV line, or NULL. */
static const char *field(char **cols, int ncols, const char *key)
{
    size_t kl = strlen(key);
    for (int i = 0; i < ncols; i++)
        if (strncmp(cols[i], key, kl) == 0 && cols[i][kl] == '=') return cols[i] + kl + 1;
    return NULL;
}

static bool hex32(const char *s, uint32_t *out)
{
    if (!s) return false;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 16);
    if (errno || end == s || *end) return false;
    *out = (uint32_t)v;
    return true;
}

/* ---- DingusPPC integer CSV ---- */

/* The architecture leaves these results undefined; the vector records
 * what one CPU did. NULL when the vector is defined. */
static const char *undefined_reason(const char *mnem, uint32_t insn, uint32_t ra, uint32_t rb)
{
    (void)mnem;
    (void)insn;
    (void)ra;
    (void)rb;
    return NULL;
}

static int run_int_csv(char *text, const pv_options *o, ppc_harness *h, pv_counts *n,
                       const char *path, char *err, size_t errn)
{
    int line_no = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        line_no++;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[--l] = 0;
        if (!l || line[0] == '#') continue;
        char copy[512];
        snprintf(copy, sizeof(copy), "%s", line);
        char *cols[16];
        int nc = 0;
        for (char *p = copy, *tok; nc < 16 && (tok = strsep(&p, ","));) cols[nc++] = tok;
        uint32_t insn, want_xer, want_cr, ra = 0, rb = 0, want_rd = 0;
        if (nc < 4 || !hex32(cols[1], &insn) || !hex32(field(cols, nc, "XER"), &want_xer) ||
            !hex32(field(cols, nc, "CR"), &want_cr)) {
            snprintf(err, errn, "%s:%d: not a DingusPPC integer vector line", path, line_no);
            return -1;
        }
        const char *s;
        if ((s = field(cols, nc, "rA")) && !hex32(s, &ra)) goto bad;
        if ((s = field(cols, nc, "rB")) && !hex32(s, &rb)) goto bad;
        bool check_rd = (s = field(cols, nc, "rD")) != NULL;
        if (check_rd && !hex32(s, &want_rd)) goto bad;
        const char *why = undefined_reason(cols[0], insn, ra, rb);
        if (why) {
            n->undefined++;
            continue;
        }
        ph_clear(h);
        ppc_set_gpr(h->cpu, 3, ra);
        ppc_set_gpr(h->cpu, 4, rb);
        if (!ph_exec(h, insn)) {
            pv_fail(n, o, "%s:%d %s: took an exception", path, line_no, cols[0]);
            continue;
        }
        uint32_t rd = ppc_get_gpr(h->cpu, 3), xer = ppc_get_xer(h->cpu), cr = ppc_get_cr(h->cpu);
        if ((check_rd && rd != want_rd) || xer != want_xer || cr != want_cr)
            pv_fail(n, o, "%s:%d %s %08x: r3 %08x xer %08x cr %08x, expected %08x %08x %08x", path,
                    line_no, cols[0], insn, rd, xer, cr, want_rd, want_xer, want_cr);
        else
            n->passed++;
        continue;
    bad:
        snprintf(err, errn, "%s:%d: bad number", path, line_no);
        return -1;
    }
    return 0;
}

/* ---- main ---- */

static int run_file(const char *path, const pv_options *o, ppc_harness *h, pv_counts *total,
                    unsigned fileno)
{
    char err[512] = "";
    size_t len;
    char *text = pv_read_file(path, &len, err, sizeof(err));
    if (!text) {
        fprintf(stderr, "ppc-vectors: %s\n", err);
        return 2;
    }
    pv_counts n = {0};
    int rc;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strstr(text, ",round=") && strstr(text, ",frD="))
        rc = pv_run_fp_csv(text, o, h, &n, path, err, sizeof(err));
    else if (strstr(text, ",rD=") || strstr(text, ",rA="))
        rc = run_int_csv(text, o, h, &n, path, err, sizeof(err));
    else {
        rc = pv_run_jm(text, base, o, h, &n, path, err, sizeof(err));
    }
    free(text);
    if (rc < 0) {
        fprintf(stderr, "ppc-vectors: %s\n", err[0] ? err : path);
        return 2;
    }
    if (o->tap)
        printf("%s %u - %s %llu/%llu", n.failed ? "not ok" : "ok", fileno, base,
               (unsigned long long)n.passed, (unsigned long long)(n.passed + n.failed));
    else
        printf("%s: %llu passed, %llu failed", base, (unsigned long long)n.passed,
               (unsigned long long)n.failed);
    if (n.undefined)
        printf(" (%llu with architecturally undefined results not counted)",
               (unsigned long long)n.undefined);
    printf("\n");
    total->passed += n.passed;
    total->failed += n.failed;
    total->undefined += n.undefined;
    return 0;
}

int main(int argc, char **argv)
{
    pv_options o = {.show = 5, .model = PPC_MODEL_750};
    const char *files[64];
    ppc_model models[64];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tap") == 0)
            o.tap = true;
        else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc)
            o.show = atoi(argv[++i]);
        else if (strcmp(argv[i], "--cpu") == 0 && i + 1 < argc) {
            if (!ppc_model_from_name(argv[++i], &o.model)) {
                fprintf(stderr, "ppc-vectors: unknown CPU model %s\n", argv[i]);
                return 2;
            }
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "usage: ppc-vectors [--tap] [--show N] [--cpu MODEL] FILE... [--cpu "
                            "MODEL FILE...]\n");
            return 2;
        } else if (nfiles < 64) {
            models[nfiles] = o.model;
            files[nfiles++] = argv[i];
        }
    }
    if (!nfiles) {
        fprintf(
            stderr,
            "usage: ppc-vectors [--tap] [--show N] [--cpu MODEL] FILE... [--cpu MODEL FILE...]\n");
        return 2;
    }
    ppc_harness *h = ph_new(models[0]);
    pv_counts total = {0};
    if (o.tap) printf("1..%d\n", nfiles);
    for (int i = 0; i < nfiles; i++) {
        if (i && models[i] != models[i - 1]) {
            ph_free(h);
            h = ph_new(models[i]);
        }
        o.model = models[i];
        int rc = run_file(files[i], &o, h, &total, (unsigned)i + 1);
        if (rc) {
            if (o.tap) printf("Bail out! %s could not be read\n", files[i]);
            ph_free(h);
            return rc;
        }
    }
    printf("%llu passed, %llu failed\n", (unsigned long long)total.passed,
           (unsigned long long)total.failed);
    ph_free(h);
    return total.failed ? 1 : 0;
}
