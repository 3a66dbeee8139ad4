/* The DingusPPC floating-point CSV (ppcfloattests.csv), run through the
 * CPU: MNEMONIC,opcode,round=RTN|RTZ|RPI|RNI|VEN,frD=,frA=,frB=,frC=,FPSCR=,CR=
 * Harness (DingusPPC's, SOURCES.md section 5): f4 <- frA, f5 <- frB,
 * f6 <- frC, other FPRs 0, FPSCR <- the rounding mode (VEN: VE set, round
 * to nearest), CR <- 0; compare frD (f3; not for the compares), FPSCR, CR.
 * Operands are decimal, read with a correctly rounded strtod as the
 * recording program's compiler read them, or names: snan is the x86
 * compiler's signalling NaN 0x7FF4000000000000, qnan 0x7FF8000000000000,
 * FLT_MAX/FLT_MIN the float limits widened to double. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ppc-vectors.h"

static bool parse_value(const char *s, uint64_t *out)
{
    static const struct {
        const char *name;
        uint64_t bits;
    } names[] = {
        {"snan", 0x7FF4000000000000ull},    {"qnan", 0x7FF8000000000000ull},
        {"inf", 0x7FF0000000000000ull},     {"DBL_MAX", 0x7FEFFFFFFFFFFFFFull},
        {"DBL_MIN", 0x0010000000000000ull}, {"FLT_MAX", 0x47EFFFFFE0000000ull},
        {"FLT_MIN", 0x3810000000000000ull},
    };
    bool neg = *s == '-';
    const char *name = neg ? s + 1 : s;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(name, names[i].name) == 0) {
            *out = names[i].bits | (neg ? 0x8000000000000000ull : 0);
            return true;
        }
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (end == s || *end) return false;
    memcpy(out, &d, 8);
    return true;
}

static const char *field(char **cols, int n, const char *key)
{
    size_t kl = strlen(key);
    for (int i = 0; i < n; i++)
        if (strncmp(cols[i], key, kl) == 0 && cols[i][kl] == '=') return cols[i] + kl + 1;
    return NULL;
}

static bool hex(const char *s, uint64_t *out)
{
    if (!s) return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 16);
    if (errno || end == s || *end) return false;
    *out = v;
    return true;
}

int pv_run_fp_csv(char *text, const pv_options *o, ppc_harness *h, pv_counts *n, const char *path,
                  char *err, size_t errn)
{
    int line_no = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        line_no++;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[--l] = 0;
        if (!l || line[0] == '#') continue;
        char copy[512];
        snprintf(copy, sizeof(copy), "%s", line);
        char *cols[16];
        int nc = 0;
        for (char *p = copy, *tok; nc < 16 && (tok = strsep(&p, ","));) cols[nc++] = tok;
        uint64_t insn, fpscr, cr, frd = 0, fr[3] = {0, 0, 0};
        const char *round = field(cols, nc, "round");
        if (!round) round = "RTN"; /* the compares carry no rounding mode */
        if (nc < 5 || !hex(cols[1], &insn) || !hex(field(cols, nc, "FPSCR"), &fpscr) ||
            !hex(field(cols, nc, "CR"), &cr)) {
            snprintf(err, errn, "%s:%d: not a DingusPPC floating-point vector line", path, line_no);
            return -1;
        }
        static const char *const keys[3] = {"frA", "frB", "frC"};
        for (int k = 0; k < 3; k++) {
            const char *v = field(cols, nc, keys[k]);
            if (v && !parse_value(v, &fr[k])) {
                snprintf(err, errn, "%s:%d: bad operand %s=%s", path, line_no, keys[k], v);
                return -1;
            }
        }
        bool is_cmp = strncmp(cols[0], "FCMP", 4) == 0;
        const char *d = field(cols, nc, "frD");
        if (d && !hex(d, &frd)) {
            snprintf(err, errn, "%s:%d: bad frD", path, line_no);
            return -1;
        }
        uint32_t fpscr_in = strcmp(round, "RTZ") == 0   ? 1
                            : strcmp(round, "RPI") == 0 ? 2
                            : strcmp(round, "RNI") == 0 ? 3
                            : strcmp(round, "VEN") == 0 ? 0x80
                                                        : 0;
        ph_clear(h);
        ppc_set_fpr(h->cpu, 4, fr[0]);
        ppc_set_fpr(h->cpu, 5, fr[1]);
        ppc_set_fpr(h->cpu, 6, fr[2]);
        ppc_set_fpscr(h->cpu, fpscr_in);
        if (!ph_exec(h, (uint32_t)insn)) {
            pv_fail(n, o, "%s:%d %s: took an exception", path, line_no, cols[0]);
            continue;
        }
        uint64_t got = ppc_get_fpr(h->cpu, 3);
        uint32_t gfpscr = ppc_get_fpscr(h->cpu), gcr = ppc_get_cr(h->cpu);
        if ((!is_cmp && d && got != frd) || gfpscr != fpscr || gcr != cr)
            pv_fail(n, o,
                    "%s:%d %s %08x: f3 %016llx fpscr %08x cr %08x, expected %016llx %08x %08x",
                    path, line_no, cols[0], (uint32_t)insn, (unsigned long long)got, gfpscr, gcr,
                    (unsigned long long)frd, (uint32_t)fpscr, (uint32_t)cr);
        else
            n->passed++;
    }
    return 0;
}
