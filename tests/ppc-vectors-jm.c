/* Valgrind's none/tests/ppc32 expected outputs (../shared/testdata/ppc-valgrind-jm-insns,
 * SOURCES.md section 7), run on the Clarus core.
 *
 * Each file is what one test program printed on a real PowerPC. The lines
 * name an instruction and print its inputs and results; what they do not
 * print (the register numbers, the immediates patched into the instruction,
 * the CR and XER preset before it, the memory it read) is rebuilt here from
 * what the program does, as read in Valgrind's none/tests/ppc32 sources:
 *
 *  - jm-int, jm-int_other, jm-misc (jm-insns -i, -l -L -c, -m): one
 *    instruction per line, sources in r14/r15/r16, result in r17, CR field 2
 *    for the compares; CR and XER cleared before each one (XER[CA] set for
 *    the second half of the carry-consuming instructions); immediates
 *    patched into the SIMM/UIMM, SH/MB/ME, crfD/crfS and FXM fields. The
 *    loads read, and the stores write, a table of the program's three
 *    arguments (0, 999999 and 0xffffffff, big-endian words).
 *  - lsw: lswi/lswx/stswi/stswx on a 32-byte string, printed back as bytes.
 *  - ldst_multiple: lmw/stmw of r27-r31 on a 7-word table.
 *  - ldstrev: lhbrx/lwbrx/sthbrx/stwbrx against their plain forms.
 *  - mcrfs: FPSCR set by mtfsf 0xff, then mcrfs 1,7 into a CR of 0 or ~0.
 *  - mftocrf: mtocrf 4 and mfocrf 64. Bit 11, which makes them the
 *    one-field forms on later CPUs, is a reserved bit of mtcrf and mfcr on
 *    the 750 and 74xx (MPC750UM, MPC7400UM instruction listings), which do
 *    not decode it: they run mtcrf 4 and mfcr. The program itself notes
 *    that an MPC7447A returns the whole CR for mfocrf.
 *
 * Every printed value is compared. Lines whose instruction the model lacks
 * (popcntb is a POWER5 instruction) and lines whose recorded value is not a
 * CPU's (see mcrfs below) are counted as not applicable, with the reason,
 * and never as passed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "ppc-vectors.h"

/* ---- the harness side ---- */

#define JM_DATA 0x00010000u /* data the programs point their registers at */
#define JM_SIZE 0x00008000u /* cleared before every vector */

/* The registers jm-insns reserves: sources r14-r16, result r17. */
enum { RS1 = 14, RS2 = 15, RS3 = 16, RD = 17 };

typedef struct na_reason {
    const char *why;
    unsigned long long count;
} na_reason;

typedef struct jm {
    const pv_options *o;
    ppc_harness *h;
    pv_counts *n;
    const char *path;
    char *err;
    size_t errn;
    int line_no;
    const char *label; /* what the current vector is, for messages */
    na_reason na[4];
    int nna;
} jm;

static int bad(jm *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(jm *j, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(j->err, j->errn, "%s:%d: %s", j->path, j->line_no, msg);
    return -1;
}

static void not_applicable(jm *j, const char *why)
{
    for (int i = 0; i < j->nna; i++)
        if (j->na[i].why == why) {
            j->na[i].count++;
            return;
        }
    if (j->nna < (int)(sizeof(j->na) / sizeof(j->na[0]))) j->na[j->nna++] = (na_reason){why, 1};
}

static void fresh(jm *j)
{
    ph_clear(j->h);
    memset(j->h->ram + JM_DATA, 0, JM_SIZE);
}

/* Runs one instruction; on an exception records the vector as failed. */
static bool run(jm *j, uint32_t insn)
{
    if (ph_exec(j->h, insn)) return true;
    uint32_t srr1 = 0;
    ppc_get_spr(j->h->cpu, 27, &srr1);
    pv_fail(j->n, j->o, "%s:%d %s: %08x took the exception at %05x (SRR1 %08x)", j->path,
            j->line_no, j->label, insn, ppc_get_pc(j->h->cpu), srr1);
    return false;
}

static uint32_t x_form(unsigned op, unsigned d, unsigned a, unsigned b, unsigned xo, unsigned rc)
{
    return (uint32_t)op << 26 | d << 21 | a << 16 | b << 11 | xo << 1 | rc;
}

static uint32_t d_form(unsigned op, unsigned d, unsigned a, uint32_t imm)
{
    return (uint32_t)op << 26 | d << 21 | a << 16 | (imm & 0xffff);
}

/* mtcrf 0xff,rS and mtspr XER,rS: how the programs preset CR and XER. */
static bool set_cr(jm *j, unsigned reg, uint32_t v)
{
    const char *label = j->label;
    j->label = "mtcr, setting up";
    ppc_set_gpr(j->h->cpu, reg, v);
    bool ok = run(j, x_form(31, reg, 0, 0, 144, 0) | 0xffu << 12);
    j->label = label;
    return ok;
}

static bool set_xer(jm *j, unsigned reg, uint32_t v)
{
    const char *label = j->label;
    j->label = "mtxer, setting up";
    ppc_set_gpr(j->h->cpu, reg, v);
    bool ok = run(j, x_form(31, reg, 1, 0, 467, 0));
    j->label = label;
    return ok;
}

static uint32_t ram32(jm *j, uint32_t a)
{
    return load_be32(j->h->ram + a);
}

/* ---- reading lines ---- */

static char *next_line(char **cur)
{
    char *s = *cur;
    if (!*s) return NULL;
    char *nl = strchr(s, '\n');
    if (nl) {
        *nl = 0;
        *cur = nl + 1;
    } else {
        *cur = s + strlen(s);
    }
    size_t l = strlen(s);
    if (l && s[l - 1] == '\r') s[l - 1] = 0;
    return s;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Matches all of `s` against `fmt`: "%x" is exactly 8 hex digits
 * (uint32_t *), "%h" optional spaces then 1-8 hex digits (uint32_t *), "%d"
 * optional spaces, an optional '-' and 1-6 decimal digits (int *), ' ' one
 * or more spaces; any other character stands for itself. Trailing spaces
 * are allowed. */
static bool scan(const char *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = true;
    for (; ok && *fmt; fmt++) {
        char f = 0; /* 0: a literal character */
        if (*fmt == '%' && fmt[1])
            f = *++fmt;
        else if (*fmt == ' ')
            f = ' ';
        switch (f) {
        case 'x': {
            uint32_t v = 0;
            for (int k = 0; k < 8 && ok; k++, s++) {
                int d = hexval(*s);
                ok = d >= 0;
                v = v << 4 | (uint32_t)(d & 15);
            }
            *va_arg(ap, uint32_t *) = v;
            break;
        }
        case 'h': {
            while (*s == ' ') s++;
            uint32_t v = 0;
            int k = 0;
            for (; hexval(*s) >= 0 && k < 9; s++, k++) v = v << 4 | (uint32_t)hexval(*s);
            ok = k >= 1 && k <= 8;
            *va_arg(ap, uint32_t *) = v;
            break;
        }
        case 'd': {
            while (*s == ' ') s++;
            bool neg = *s == '-';
            if (neg) s++;
            int v = 0, k = 0;
            for (; *s >= '0' && *s <= '9' && k < 7; s++, k++) v = v * 10 + (*s - '0');
            ok = k >= 1 && k <= 6;
            *va_arg(ap, int *) = neg ? -v : v;
            break;
        }
        case ' ':
            ok = *s == ' ';
            while (*s == ' ') s++;
            break;
        default: ok = *s++ == *fmt; break;
        }
    }
    va_end(ap);
    while (ok && *s == ' ') s++;
    return ok && !*s;
}

/* ==== jm-insns: jm-int, jm-int_other, jm-misc ==== */

/* The argument table jm-insns builds for 32-bit runs (build_iargs_table:
 * 0, then 999999 * x + 999999 capped at 0xffffffff). */
static const uint32_t iargs[] = {0x00000000, 0x000f423f, 0xffffffff};
#define NB_IARGS 3

typedef enum {
    K_XO2,    /* rD, rA, rB: "a, b => rD (cr xer)" */
    K_XO1,    /* rD, rA */
    K_X2,     /* rA, rS, rB (logical and shift) */
    K_X1,     /* rA, rS */
    K_CMP,    /* crf 2, rA, rB: "a, b => r17 (cr xer)" */
    K_CMPI,   /* crf 2, rA, imm */
    K_DARITH, /* rD, rA, SIMM */
    K_DLOG,   /* rA, rS, UIMM */
    K_CRL,    /* crbD 17, crbA 14, crbB 15 */
    K_RLWI,   /* rlwinm/rlwimi rA, rS, SH, MB, ME */
    K_RLWNM,  /* rA, rS, rB, MB, ME */
    K_MFCR,
    K_MCRF,
    K_MCRXR,
    K_MTCRF,
    K_LD,  /* rD, d(rA) */
    K_LDX, /* rD, rA, rB */
    K_ST,  /* rS, d(rA) */
    K_STX, /* rS, rA, rB */
    K_DCBT,
    K_ABSENT, /* an instruction no model here has */
} jm_kind;

enum { F_OE = 1, F_CA = 2 }; /* has an "o" form; reads XER[CA] */

typedef struct jm_op {
    const char *name;
    jm_kind kind;
    unsigned op, xo, flags;
    unsigned char th[3], nth; /* dcbt forms: the TH values the program uses */
} jm_op;

#define OP(name, kind, op, xo, flags)                                                              \
    {                                                                                              \
        name, kind, op, xo, flags, {0, 0, 0}, 0                                                    \
    }

static const jm_op jm_ops[] = {
    /* XO-form arithmetic (MPCFPE32B chapter 8) */
    OP("add", K_XO2, 31, 266, F_OE),
    OP("addc", K_XO2, 31, 10, F_OE),
    OP("adde", K_XO2, 31, 138, F_OE | F_CA),
    OP("divw", K_XO2, 31, 491, F_OE),
    OP("divwu", K_XO2, 31, 459, F_OE),
    OP("mulhw", K_XO2, 31, 75, 0),
    OP("mulhwu", K_XO2, 31, 11, 0),
    OP("mullw", K_XO2, 31, 235, F_OE),
    OP("subf", K_XO2, 31, 40, F_OE),
    OP("subfc", K_XO2, 31, 8, F_OE),
    OP("subfe", K_XO2, 31, 136, F_OE | F_CA),
    OP("addme", K_XO1, 31, 234, F_OE | F_CA),
    OP("addze", K_XO1, 31, 202, F_OE | F_CA),
    OP("subfme", K_XO1, 31, 232, F_OE | F_CA),
    OP("subfze", K_XO1, 31, 200, F_OE | F_CA),
    OP("neg", K_XO1, 31, 104, F_OE),
    /* X-form logical and shifts */
    OP("and", K_X2, 31, 28, 0),
    OP("andc", K_X2, 31, 60, 0),
    OP("eqv", K_X2, 31, 284, 0),
    OP("nand", K_X2, 31, 476, 0),
    OP("nor", K_X2, 31, 124, 0),
    OP("or", K_X2, 31, 444, 0),
    OP("orc", K_X2, 31, 412, 0),
    OP("xor", K_X2, 31, 316, 0),
    OP("slw", K_X2, 31, 24, 0),
    OP("srw", K_X2, 31, 536, 0),
    OP("sraw", K_X2, 31, 792, 0),
    OP("cntlzw", K_X1, 31, 26, 0),
    OP("extsb", K_X1, 31, 954, 0),
    OP("extsh", K_X1, 31, 922, 0),
    OP("popcntb", K_ABSENT, 31, 122, 0),
    /* compares */
    OP("cmpw", K_CMP, 31, 0, 0),
    OP("cmplw", K_CMP, 31, 32, 0),
    OP("cmpwi", K_CMPI, 11, 0, 0),
    OP("cmplwi", K_CMPI, 10, 0, 0),
    /* D-form */
    OP("addi", K_DARITH, 14, 0, 0),
    OP("addic", K_DARITH, 12, 0, 0),
    OP("addic.", K_DARITH, 13, 0, 0),
    OP("addis", K_DARITH, 15, 0, 0),
    OP("mulli", K_DARITH, 7, 0, 0),
    OP("subfic", K_DARITH, 8, 0, 0),
    OP("ori", K_DLOG, 24, 0, 0),
    OP("oris", K_DLOG, 25, 0, 0),
    OP("xori", K_DLOG, 26, 0, 0),
    OP("xoris", K_DLOG, 27, 0, 0),
    OP("andi.", K_DLOG, 28, 0, 0),
    OP("andis.", K_DLOG, 29, 0, 0),
    /* condition register */
    OP("crand", K_CRL, 19, 257, 0),
    OP("crandc", K_CRL, 19, 129, 0),
    OP("creqv", K_CRL, 19, 289, 0),
    OP("crnand", K_CRL, 19, 225, 0),
    OP("crnor", K_CRL, 19, 33, 0),
    OP("cror", K_CRL, 19, 449, 0),
    OP("crorc", K_CRL, 19, 417, 0),
    OP("crxor", K_CRL, 19, 193, 0),
    OP("mfcr", K_MFCR, 31, 19, 0),
    OP("mcrf", K_MCRF, 19, 0, 0),
    OP("mcrxr", K_MCRXR, 31, 512, 0),
    OP("mtcrf", K_MTCRF, 31, 144, 0),
    /* rotates */
    OP("rlwimi", K_RLWI, 20, 0, 0),
    OP("rlwinm", K_RLWI, 21, 0, 0),
    OP("rlwnm", K_RLWNM, 23, 0, 0),
    /* loads and stores */
    OP("lbz", K_LD, 34, 0, 0),
    OP("lbzu", K_LD, 35, 0, 0),
    OP("lha", K_LD, 42, 0, 0),
    OP("lhau", K_LD, 43, 0, 0),
    OP("lhz", K_LD, 40, 0, 0),
    OP("lhzu", K_LD, 41, 0, 0),
    OP("lwz", K_LD, 32, 0, 0),
    OP("lwzu", K_LD, 33, 0, 0),
    OP("lbzx", K_LDX, 31, 87, 0),
    OP("lbzux", K_LDX, 31, 119, 0),
    OP("lhax", K_LDX, 31, 343, 0),
    OP("lhaux", K_LDX, 31, 375, 0),
    OP("lhzx", K_LDX, 31, 279, 0),
    OP("lhzux", K_LDX, 31, 311, 0),
    OP("lwzx", K_LDX, 31, 23, 0),
    OP("lwzux", K_LDX, 31, 55, 0),
    OP("stb", K_ST, 38, 0, 0),
    OP("stbu", K_ST, 39, 0, 0),
    OP("sth", K_ST, 44, 0, 0),
    OP("sthu", K_ST, 45, 0, 0),
    OP("stw", K_ST, 36, 0, 0),
    OP("stwu", K_ST, 37, 0, 0),
    OP("stbx", K_STX, 31, 215, 0),
    OP("stbux", K_STX, 31, 247, 0),
    OP("sthx", K_STX, 31, 407, 0),
    OP("sthux", K_STX, 31, 439, 0),
    OP("stwx", K_STX, 31, 151, 0),
    OP("stwux", K_STX, 31, 183, 0),
    /* cache hints with the later ISAs' TH field in bits 6-10 (reserved and
     * not decoded on the 750: MPC750UM dcbt/dcbtst) */
    {"dcbtct", K_DCBT, 31, 278, 0, {1, 7}, 2},
    {"dcbtds", K_DCBT, 31, 278, 0, {10, 0, 16}, 3},
    {"dcbtst", K_DCBT, 31, 246, 0, {6, 15}, 2},
};

static const char why_popcntb[] =
    "popcntb is a POWER5 (ISA 2.02) instruction; the CPU takes the illegal-instruction exception";

/* Looks `mn` up, with the "o" and "." suffixes of the forms that have them. */
static const jm_op *jm_lookup(const char *mn, bool *oe, bool *rc)
{
    char base[24];
    snprintf(base, sizeof(base), "%s", mn);
    *oe = *rc = false;
    for (size_t k = 0; k < sizeof(jm_ops) / sizeof(jm_ops[0]); k++)
        if (strcmp(jm_ops[k].name, base) == 0) return &jm_ops[k];
    size_t l = strlen(base);
    if (l > 1 && base[l - 1] == '.') {
        base[--l] = 0;
        *rc = true;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < sizeof(jm_ops) / sizeof(jm_ops[0]); k++) {
            const jm_op *op = &jm_ops[k];
            if (strcmp(op->name, base) != 0) continue;
            if (*oe && !(op->flags & F_OE)) return NULL;
            if (*rc && op->kind != K_XO2 && op->kind != K_XO1 && op->kind != K_X2 &&
                op->kind != K_X1 && op->kind != K_RLWI && op->kind != K_RLWNM)
                return NULL;
            return op;
        }
        if (pass == 0 && l > 1 && base[l - 1] == 'o') {
            base[--l] = 0;
            *oe = true;
        } else {
            break;
        }
    }
    return NULL;
}

typedef struct jm_block {
    char mn[24];    /* mnemonic of the run of lines being read */
    int idx;        /* index of the current line in that run */
    uint32_t chain; /* rlwimi: r17 as the previous line left it */
    char seen[128][24];
    int nseen;
} jm_block;

/* The common check: r17 (when the line shows it), CR, XER. */
static void check_regs(jm *j, uint32_t insn, const char *in, uint32_t want_rd, uint32_t want_cr,
                       uint32_t want_xer)
{
    ppc_cpu *c = j->h->cpu;
    uint32_t rd = ppc_get_gpr(c, RD), cr = ppc_get_cr(c), xer = ppc_get_xer(c);
    if (rd != want_rd || cr != want_cr || xer != want_xer)
        pv_fail(j->n, j->o,
                "%s:%d %s (%08x) %s: r17 %08x cr %08x xer %08x, expected %08x %08x %08x", j->path,
                j->line_no, j->label, insn, in, rd, cr, xer, want_rd, want_cr, want_xer);
    else
        j->n->passed++;
}

static int jm_line(jm *j, jm_block *b, const char *mn, const char *rest)
{
    bool oe, rc;
    const jm_op *op = jm_lookup(mn, &oe, &rc);
    if (!op) return bad(j, "unknown instruction '%s'", mn);
    j->label = mn;
    if (strcmp(b->mn, mn) != 0) {
        snprintf(b->mn, sizeof(b->mn), "%s", mn);
        b->idx = 0;
        b->chain = 0; /* rlwi_cb starts each run with r17 = 0 */
        bool known = false;
        for (int k = 0; k < b->nseen && !known; k++) known = strcmp(b->seen[k], mn) == 0;
        if (!known && b->nseen < 128) snprintf(b->seen[b->nseen++], sizeof(b->seen[0]), "%s", mn);
    } else {
        b->idx++;
    }
    ppc_cpu *c = j->h->cpu;
    uint32_t a = 0, bb = 0, res = 0, cr = 0, xer = 0, insn = 0;
    int d1 = 0, d2 = 0, d3 = 0;
    char in[96];
    unsigned RC = rc ? 1 : 0, OE = oe ? 1 : 0;

    switch (op->kind) {
    case K_XO2:
    case K_X2:
    case K_CMP:
    case K_CMPI:
    case K_DARITH:
    case K_DLOG:
    case K_CRL: {
        if (!scan(rest, "%x, %x => %x (%x %x)", &a, &bb, &res, &cr, &xer))
            return bad(j, "malformed %s line", mn);
        snprintf(in, sizeof(in), "%08x, %08x", a, bb);
        uint32_t xer_in = 0;
        if (op->flags & F_CA) {
            /* test_int_two_args runs the argument pairs twice for these,
             * XER[CA] clear then set. */
            int half = NB_IARGS * NB_IARGS, k = b->idx % half;
            if (b->idx >= 2 * half || a != iargs[k / NB_IARGS] || bb != iargs[k % NB_IARGS])
                return bad(j, "%s line out of jm-insns' argument order", mn);
            xer_in = b->idx >= half ? 0x20000000u : 0;
            if (xer_in) snprintf(in + strlen(in), sizeof(in) - strlen(in), " CA");
        }
        if ((op->kind == K_CMPI || op->kind == K_DARITH || op->kind == K_DLOG) && bb > 0xffff)
            return bad(j, "%s immediate %08x is not 16 bits", mn, bb);
        switch (op->kind) {
        case K_XO2: insn = x_form(31, RD, RS1, RS2, op->xo | OE << 9, RC); break;
        case K_X2: insn = x_form(31, RS1, RD, RS2, op->xo, RC); break;
        case K_CMP: insn = x_form(31, 2 << 2, RS1, RS2, op->xo, 0); break;
        case K_CMPI: insn = d_form(op->op, 2 << 2, RS1, bb); break;
        case K_DARITH: insn = d_form(op->op, RD, RS1, bb); break;
        case K_DLOG: insn = d_form(op->op, RS1, RD, bb); break;
        default: insn = x_form(19, RD, RS1, RS2, op->xo, 0); break;
        }
        fresh(j);
        ppc_set_gpr(c, RS1, a);
        ppc_set_gpr(c, RS2, bb);
        /* The compares and CR operations do not write r17: the line shows
         * what an earlier test left there, which must survive. */
        bool no_rd = op->kind == K_CMP || op->kind == K_CMPI || op->kind == K_CRL;
        if (no_rd) ppc_set_gpr(c, RD, res);
        if (xer_in && !set_xer(j, 18, xer_in)) return 0;
        if (run(j, insn)) check_regs(j, insn, in, res, cr, xer);
        return 0;
    }
    case K_XO1:
    case K_X1:
    case K_ABSENT: {
        if (!scan(rest, "%x => %x (%x %x)", &a, &res, &cr, &xer))
            return bad(j, "malformed %s line", mn);
        snprintf(in, sizeof(in), "%08x", a);
        uint32_t xer_in = 0;
        if (op->flags & F_CA) {
            int half = NB_IARGS;
            if (b->idx >= 2 * half || a != iargs[b->idx % half])
                return bad(j, "%s line out of jm-insns' argument order", mn);
            xer_in = b->idx >= half ? 0x20000000u : 0;
            if (xer_in) snprintf(in + strlen(in), sizeof(in) - strlen(in), " CA");
        }
        if (op->kind == K_XO1)
            insn = x_form(31, RD, RS1, 0, op->xo | OE << 9, RC);
        else
            insn = x_form(31, RS1, RD, 0, op->xo, RC);
        fresh(j);
        ppc_set_gpr(c, RS1, a);
        if (op->kind == K_ABSENT) {
            /* Not a vector for this CPU; what it must do instead is take
             * the illegal-instruction program exception. */
            uint32_t srr1 = 0;
            bool done = ph_exec(j->h, insn);
            ppc_get_spr(c, 27, &srr1);
            if (done || ppc_get_pc(c) != 0x700 || !(srr1 & 0x00080000u))
                pv_fail(j->n, j->o,
                        "%s:%d %s (%08x): the %s has no such instruction and must take the "
                        "illegal-instruction exception (pc %08x, SRR1 %08x)",
                        j->path, j->line_no, mn, insn, ppc_model_name(j->o->model), ppc_get_pc(c),
                        srr1);
            else
                not_applicable(j, why_popcntb);
            return 0;
        }
        if (xer_in && !set_xer(j, 18, xer_in)) return 0;
        if (run(j, insn)) check_regs(j, insn, in, res, cr, xer);
        return 0;
    }
    case K_RLWI:
    case K_RLWNM: {
        bool ok;
        if (op->kind == K_RLWI) {
            ok = scan(rest, "%x,%d,%d,%d => %x (%x %x)", &a, &d1, &d2, &d3, &res, &cr, &xer);
            snprintf(in, sizeof(in), "%08x, %d, %d, %d", a, d1, d2, d3);
        } else {
            ok = scan(rest, "%x, %x,%d,%d => %x (%x %x)", &a, &bb, &d2, &d3, &res, &cr, &xer);
            snprintf(in, sizeof(in), "%08x, %08x, %d, %d", a, bb, d2, d3);
        }
        if (!ok) return bad(j, "malformed %s line", mn);
        if (d1 < 0 || d1 > 31 || d2 < 0 || d2 > 31 || d3 < 0 || d3 > 31)
            return bad(j, "%s field out of range", mn);
        /* rA, rS, SH (or rB), MB, ME */
        insn = (uint32_t)op->op << 26 | RS1 << 21 | RD << 16 |
               (op->kind == K_RLWI ? (uint32_t)d1 : RS2) << 11 | (uint32_t)d2 << 6 |
               (uint32_t)d3 << 1 | RC;
        fresh(j);
        ppc_set_gpr(c, RS1, a);
        ppc_set_gpr(c, RS2, bb);
        if (op->op == 20) {
            /* rlwimi also reads r17: the previous line's result */
            ppc_set_gpr(c, RD, b->chain);
            snprintf(in + strlen(in), sizeof(in) - strlen(in), " r17 %08x", b->chain);
        }
        b->chain = res;
        if (run(j, insn)) check_regs(j, insn, in, res, cr, xer);
        return 0;
    }
    case K_MFCR:
        if (!scan(rest, "(%x) => %x (%x %x)", &a, &res, &cr, &xer))
            return bad(j, "malformed %s line", mn);
        snprintf(in, sizeof(in), "cr %08x", a);
        insn = x_form(31, RD, 0, 0, op->xo, 0);
        fresh(j);
        if (set_cr(j, RS1, a) && run(j, insn)) check_regs(j, insn, in, res, cr, xer);
        return 0;
    case K_MCRF:
    case K_MCRXR:
    case K_MTCRF: {
        bool ok;
        if (op->kind == K_MCRF)
            ok = scan(rest, "%d,%d (%x) => (%x %x)", &d1, &d2, &a, &cr, &xer);
        else if (op->kind == K_MCRXR)
            ok = scan(rest, "%d (%x) => (%x %x)", &d1, &a, &cr, &xer);
        else
            ok = scan(rest, "%d, %x => (%x %x)", &d1, &a, &cr, &xer);
        if (!ok) return bad(j, "malformed %s line", mn);
        int lim = op->kind == K_MTCRF ? 255 : 7;
        if (d1 < 0 || d1 > lim || d2 < 0 || d2 > 7) return bad(j, "%s field out of range", mn);
        fresh(j);
        ppc_set_gpr(c, RD, 0);
        bool ok2 = true;
        if (op->kind == K_MCRF) {
            snprintf(in, sizeof(in), "%d, %d cr %08x", d1, d2, a);
            insn = x_form(19, (unsigned)d1 << 2, (unsigned)d2 << 2, 0, 0, 0);
            ok2 = set_cr(j, RS1, a);
        } else if (op->kind == K_MCRXR) {
            snprintf(in, sizeof(in), "%d xer %08x", d1, a);
            insn = x_form(31, (unsigned)d1 << 2, 0, 0, op->xo, 0);
            ok2 = set_xer(j, RS1, a);
        } else {
            snprintf(in, sizeof(in), "%d, %08x", d1, a);
            insn = x_form(31, RS1, 0, 0, op->xo, 0) | (uint32_t)d1 << 12;
            ppc_set_gpr(c, RS1, a);
        }
        if (ok2 && run(j, insn)) check_regs(j, insn, in, 0, cr, xer);
        return 0;
    }
    case K_LD:
    case K_LDX: {
        uint32_t arg;
        int delta;
        bool ok = op->kind == K_LD
                      ? scan(rest, "%d, (%x) => %x,%d (%x %x)", &d1, &arg, &res, &delta, &cr, &xer)
                      : scan(rest, "%d (%x) => %x,%d (%x %x)", &d1, &arg, &res, &delta, &cr, &xer);
        if (!ok) return bad(j, "malformed %s line", mn);
        /* test_int_ld_one_reg_imm16: r14 = &iargs[0] for the first
         * NB_IARGS lines (offsets 0, 4i - 1), then &iargs[NB_IARGS - 1]
         * (offsets 1 - 4i); the line shows the iargs[] entry of its index.
         * test_int_ld_two_regs: r14 = &iargs[0], r15 = the offset. */
        int nlines = op->kind == K_LD ? 2 * NB_IARGS : NB_IARGS;
        if (b->idx >= nlines) return bad(j, "more %s lines than jm-insns prints", mn);
        bool back = b->idx >= NB_IARGS;
        int k = back ? NB_IARGS - 1 - (b->idx - NB_IARGS) : b->idx;
        if (arg != iargs[k] || d1 < -0x8000 || d1 > 0x7fff)
            return bad(j, "%s line out of jm-insns' argument order", mn);
        uint32_t base = JM_DATA + (back ? 4 * (NB_IARGS - 1) : 0);
        snprintf(in, sizeof(in), "%d(base) base %08x", d1, base);
        if (op->kind == K_LD)
            insn = d_form(op->op, RD, RS1, (uint32_t)d1);
        else
            insn = x_form(31, RD, RS1, RS2, op->xo, 0);
        fresh(j);
        for (int i = 0; i < NB_IARGS; i++) store_be32(j->h->ram + JM_DATA + 4 * i, iargs[i]);
        ppc_set_gpr(c, RS1, base);
        ppc_set_gpr(c, RS2, (uint32_t)d1);
        if (!run(j, insn)) return 0;
        uint32_t got_delta = ppc_get_gpr(c, RS1) - base;
        if (got_delta != (uint32_t)delta) {
            pv_fail(j->n, j->o, "%s:%d %s (%08x) %s: r14 moved by %d, expected %d", j->path,
                    j->line_no, mn, insn, in, (int)got_delta, delta);
            return 0;
        }
        check_regs(j, insn, in, res, cr, xer);
        return 0;
    }
    case K_ST:
    case K_STX: {
        uint32_t word;
        int delta;
        if (!scan(rest, "%x,%d => %x,%d (%x %x)", &a, &d1, &word, &delta, &cr, &xer))
            return bad(j, "malformed %s line", mn);
        /* test_int_st_two_regs_imm16: r15 = &priv[0] for the first NB_IARGS
         * lines (offsets 4i), then &priv[NB_IARGS - 1] (offsets 4(i - 2));
         * r14 = the iargs[] entry of the line's index, which is stored into
         * a cleared priv[] table; the line shows that priv[] entry.
         * test_int_st_three_regs: r15 = &priv[0], r16 = the offset. */
        int nlines = op->kind == K_ST ? 2 * NB_IARGS : NB_IARGS;
        if (b->idx >= nlines) return bad(j, "more %s lines than jm-insns prints", mn);
        bool back = b->idx >= NB_IARGS;
        int k = back ? b->idx - NB_IARGS : b->idx;
        if (a != iargs[k] || d1 < -0x8000 || d1 > 0x7fff)
            return bad(j, "%s line out of jm-insns' argument order", mn);
        uint32_t base = JM_DATA + (back ? 4 * (NB_IARGS - 1) : 0);
        snprintf(in, sizeof(in), "%08x, %d(base) base %08x", a, d1, base);
        if (op->kind == K_ST)
            insn = d_form(op->op, RS1, RS2, (uint32_t)d1);
        else
            insn = x_form(31, RS1, RS2, RS3, op->xo, 0);
        fresh(j);
        ppc_set_gpr(c, RS1, a);
        ppc_set_gpr(c, RS2, base);
        ppc_set_gpr(c, RS3, (uint32_t)d1);
        if (!run(j, insn)) return 0;
        uint32_t got = ram32(j, JM_DATA + 4 * (uint32_t)k);
        uint32_t got_delta = ppc_get_gpr(c, RS2) - base;
        uint32_t gcr = ppc_get_cr(c), gxer = ppc_get_xer(c);
        if (got != word || got_delta != (uint32_t)delta || gcr != cr || gxer != xer)
            pv_fail(j->n, j->o,
                    "%s:%d %s (%08x) %s: word %08x r15 moved by %d (cr %08x xer %08x), expected "
                    "%08x %d (%08x %08x)",
                    j->path, j->line_no, mn, insn, in, got, (int)got_delta, gcr, gxer, word, delta,
                    cr, xer);
        else
            j->n->passed++;
        return 0;
    }
    case K_DCBT: {
        if (!scan(rest, "with various hint values completes with no exceptions"))
            return bad(j, "malformed %s line", mn);
        /* test_dcbt_ops: r17 = a fresh 16 KiB block, r14 = 400; a hint
         * changes nothing a program can see. */
        fresh(j);
        for (uint32_t i = 0; i < 0x4000; i++) j->h->ram[JM_DATA + i] = (uint8_t)(i * 7 + 1);
        ppc_set_gpr(c, RD, JM_DATA);
        ppc_set_gpr(c, RS1, 400);
        for (int t = 0; t < op->nth; t++) {
            insn = x_form(31, op->th[t], RD, RS1, op->xo, 0);
            if (!run(j, insn)) return 0;
        }
        bool same = ppc_get_gpr(c, RD) == JM_DATA && ppc_get_gpr(c, RS1) == 400 &&
                    ppc_get_cr(c) == 0 && ppc_get_xer(c) == 0;
        for (uint32_t i = 0; i < 0x4000 && same; i++)
            same = j->h->ram[JM_DATA + i] == (uint8_t)(i * 7 + 1);
        if (!same)
            pv_fail(j->n, j->o, "%s:%d %s: changed registers or memory", j->path, j->line_no, mn);
        else
            j->n->passed++;
        return 0;
    }
    }
    return bad(j, "internal: unhandled kind for %s", mn);
}

static int run_jm_insns(jm *j, char *text)
{
    jm_block *b = calloc(1, sizeof(*b));
    if (!b) return bad(j, "out of memory");
    bool done = false, in_title = false;
    int rc = 0, tested = -1;
    char *cur = text;
    for (char *line; rc == 0 && (line = next_line(&cur));) {
        j->line_no++;
        if (!*line) {
            b->mn[0] = 0;
            continue;
        }
        if (done) {
            rc = bad(j, "text after the 'All done' line");
            break;
        }
        const char *s = line;
        while (*s == ' ') s++;
        bool title_end = s[strlen(s) - 1] == ':';
        if (line[0] != ' ') {
            /* a section title, on one line or continued on the next */
            b->mn[0] = 0;
            if (in_title)
                rc = bad(j, "unfinished section title");
            else if (scan(line, "All done. Tested %d different instructions", &tested))
                done = true;
            else
                in_title = !title_end;
            continue;
        }
        if (in_title) {
            if (!title_end || strchr(s, '>')) rc = bad(j, "unfinished section title");
            in_title = false;
            continue;
        }
        char mn[24];
        size_t l = 0;
        while (((s[l] >= 'a' && s[l] <= 'z') || s[l] == '.') && l < sizeof(mn) - 1) {
            mn[l] = s[l];
            l++;
        }
        mn[l] = 0;
        if (!l || s[l] != ' ') {
            rc = bad(j, "not a jm-insns line");
            break;
        }
        rc = jm_line(j, b, mn, s + l + 1);
    }
    if (rc == 0 && !done) rc = bad(j, "no 'All done' line: the file is truncated");
    if (rc == 0 && tested != b->nseen)
        rc = bad(j, "the file says %d instructions were tested, it shows %d", tested, b->nseen);
    free(b);
    return rc;
}

/* ==== lsw: lswi, lswx, stswi, stswx ==== */

/* lsw.c's source string; a1 and a2 are its two malloc'd blocks. */
static const char lsw_string[] = "here is a stringHERE IS A STRING";
#define LSW_A1 (JM_DATA)
#define LSW_A2 (JM_DATA + 0x100)
enum { LSW_RA1 = 9, LSW_RA2 = 10, LSW_R16 = 11 }; /* the compiler's registers */

static const struct {
    const char *title;
    bool load;
} lsw_sections[] = {
    {"lswi n == 8 (fe special cased)", true},   {"lswi n /= 8", true},   {"lswx", true},
    {"stswi n == 8 (fe special cased)", false}, {"stswi n /= 8", false}, {"stswx", false},
};

static bool lsw_exec(jm *j, int sec)
{
    ppc_cpu *c = j->h->cpu;
    uint32_t lswi = x_form(31, 3, LSW_RA1, 0, 597, 0),
             lswx = x_form(31, 3, LSW_RA1, LSW_R16, 533, 0);
    switch (sec) {
    case 0: /* li 5,0; lswi 3,a1,8 */ ppc_set_gpr(c, 5, 0); return run(j, lswi | 8 << 11);
    case 1: return run(j, lswi | 9 << 11);
    case 2: /* li 8,11; mtxer 8; lswx 3,a1,16 */ return set_xer(j, 8, 11) && run(j, lswx);
    case 3: /* lswi 3,a1,19; stswi 3,a2,8 */
        return run(j, lswi | 19 << 11) && run(j, x_form(31, 3, LSW_RA2, 8, 725, 0));
    case 4: return run(j, lswi | 19 << 11) && run(j, x_form(31, 3, LSW_RA2, 17, 725, 0));
    default: /* li 8,11; mtxer 8; lswx 3,a1,16; stswx 3,a2,16 */
        return set_xer(j, 8, 11) && run(j, lswx) && run(j, x_form(31, 3, LSW_RA2, LSW_R16, 661, 0));
    }
}

static int run_lsw(jm *j, char *text)
{
    ppc_cpu *c = j->h->cpu;
    bool seen[6] = {false};
    char *cur = text;
    for (char *line; (line = next_line(&cur));) {
        j->line_no++;
        if (!*line) continue;
        size_t l = strlen(line);
        if (l < 14 || strncmp(line, "------ ", 7) != 0 || strcmp(line + l - 7, " ------") != 0)
            return bad(j, "expected a '------ title ------' line");
        line[l - 7] = 0;
        int sec = -1;
        for (int k = 0; k < 6; k++)
            if (strcmp(line + 7, lsw_sections[k].title) == 0) sec = k;
        if (sec < 0) return bad(j, "unknown lsw section '%s'", line + 7);
        if (seen[sec]) return bad(j, "section '%s' twice", lsw_sections[sec].title);
        seen[sec] = true;
        j->label = lsw_sections[sec].title;
        int title_line = j->line_no;
        char *want = next_line(&cur);
        j->line_no++;
        if (!want) return bad(j, "truncated: no output for '%s'", lsw_sections[sec].title);
        uint8_t bytes[12];
        if (lsw_sections[sec].load) {
            for (int i = 0; i < 12; i++) {
                char *bl = next_line(&cur);
                j->line_no++;
                int idx;
                uint32_t v;
                if (!bl) return bad(j, "truncated: %s shows %d of its 12 bytes", j->label, i);
                if (!scan(bl, "%d = 0x%h", &idx, &v) || idx != i || v > 0xff)
                    return bad(j, "expected 'N = 0xXX' for byte %d", i);
                bytes[i] = (uint8_t)v;
            }
        }
        int report_line = j->line_no;
        j->line_no = title_line;
        fresh(j);
        memcpy(j->h->ram + LSW_A1, lsw_string, sizeof(lsw_string));
        ppc_set_gpr(c, LSW_RA1, LSW_A1);
        ppc_set_gpr(c, LSW_RA2, LSW_A2);
        ppc_set_gpr(c, LSW_R16, 16);
        bool ok = lsw_exec(j, sec);
        /* the load sections then store r3, r4, r5 at a2 with stw */
        for (unsigned r = 0; ok && lsw_sections[sec].load && r < 3; r++)
            ok = run(j, d_form(36, 3 + r, LSW_RA2, 4 * r));
        if (ok) {
            uint32_t at = LSW_A2 + (sec == 5 ? 16 : 0);
            const char *got = (const char *)j->h->ram + at;
            bool same = strcmp(got, want) == 0;
            for (int i = 0; same && lsw_sections[sec].load && i < 12; i++)
                same = j->h->ram[LSW_A2 + i] == bytes[i];
            if (!same)
                pv_fail(j->n, j->o,
                        "%s:%d %s: a2 reads \"%.40s\", r3-r7 %08x %08x %08x %08x %08x, "
                        "expected \"%s\"",
                        j->path, j->line_no, j->label, got, ppc_get_gpr(c, 3), ppc_get_gpr(c, 4),
                        ppc_get_gpr(c, 5), ppc_get_gpr(c, 6), ppc_get_gpr(c, 7), want);
            else
                j->n->passed++;
        }
        j->line_no = report_line;
        char *blank = next_line(&cur);
        if (blank) {
            j->line_no++;
            if (*blank) return bad(j, "expected a blank line after '%s'", j->label);
        }
    }
    for (int k = 0; k < 6; k++)
        if (!seen[k]) return bad(j, "truncated: no '%s' section", lsw_sections[k].title);
    return 0;
}

/* ==== ldst_multiple: lmw and stmw ==== */

/* ldst_multiple.c's values[] table */
static const uint32_t lm_values[7] = {0x6efbcfdf, 0xd16c2fd4, 0xf9dc1743, 0xa5aa0bd4,
                                      0x6c8f0c14, 0x69a24188, 0x53b57f1b};

static int run_ldst_multiple(jm *j, char *text)
{
    ppc_cpu *c = j->h->cpu;
    uint32_t prev[7] = {0};
    int vec = 0;
    char *cur = text;
    for (char *line; (line = next_line(&cur));) {
        j->line_no++;
        if (!*line) continue;
        uint32_t w[7] = {0};
        bool lmw = vec < 2;
        if (vec >= 4) return bad(j, "more lines than ldst_multiple prints");
        if (lmw ? !scan(line, "lmw => %x %x %x %x %x", &w[0], &w[1], &w[2], &w[3], &w[4])
                : !scan(line, "stmw => %x %x %x %x %x %x %x", &w[0], &w[1], &w[2], &w[3], &w[4],
                        &w[5], &w[6]))
            return bad(j, "expected the %s line", lmw ? "lmw" : "stmw");
        /* lmw r27,0(r14) and lmw r30,20(r14) with r14 = values; stmw
         * r27,0(r14) and stmw r30,20(r14) with r14 = a zeroed result[7]
         * and r27-r31 = values[0-4]. The second of each pair starts from
         * what the first left. */
        unsigned rs = vec & 1 ? 30 : 27, d = vec & 1 ? 20 : 0;
        j->label = lmw ? "lmw" : "stmw";
        fresh(j);
        ppc_set_gpr(c, 14, JM_DATA);
        if (lmw) {
            for (int i = 0; i < 7; i++) store_be32(j->h->ram + JM_DATA + 4 * i, lm_values[i]);
            for (int i = 0; i < 5; i++) ppc_set_gpr(c, 27 + (unsigned)i, vec ? prev[i] : 0);
        } else {
            for (int i = 0; i < 7; i++)
                store_be32(j->h->ram + JM_DATA + 4 * i, vec & 1 ? prev[i] : 0);
            for (int i = 0; i < 5; i++) ppc_set_gpr(c, 27 + (unsigned)i, lm_values[i]);
        }
        uint32_t insn = d_form(lmw ? 46 : 47, rs, 14, d);
        memcpy(prev, w, sizeof(prev));
        int nw = lmw ? 5 : 7;
        vec++;
        if (!run(j, insn)) continue;
        uint32_t got[7];
        bool same = true;
        for (int i = 0; i < nw; i++) {
            got[i] = lmw ? ppc_get_gpr(c, 27 + (unsigned)i) : ram32(j, JM_DATA + 4 * (uint32_t)i);
            same = same && got[i] == w[i];
        }
        if (!same) {
            char g[80] = "", e[80] = "";
            for (int i = 0; i < nw; i++) {
                snprintf(g + strlen(g), sizeof(g) - strlen(g), " %08x", got[i]);
                snprintf(e + strlen(e), sizeof(e) - strlen(e), " %08x", w[i]);
            }
            pv_fail(j->n, j->o, "%s:%d %s (%08x):%s, expected%s", j->path, j->line_no, j->label,
                    insn, g, e);
        } else {
            j->n->passed++;
        }
    }
    if (vec != 4) return bad(j, "truncated: %d of the 4 lines", vec);
    return 0;
}

/* ==== ldstrev: byte-reversed loads and stores ==== */

static int run_ldstrev(jm *j, char *text)
{
    static const struct {
        const char *label;
        unsigned xo;
        bool store;
        uint32_t data;
    } rev[] = {
        /* foo = 0x12345678 in memory; the stores write 0xABCD or
         * 0xABCD1425 over it. rA is 0, rB holds &foo. */
        {"ld be16", 279, false, 0},         {"ld le16", 790, false, 0},
        {"ld be32", 23, false, 0},          {"ld le32", 534, false, 0},
        {"st be16", 407, true, 0xabcd},     {"st le16", 918, true, 0xabcd},
        {"st be32", 151, true, 0xabcd1425}, {"st le32", 662, true, 0xabcd1425},
    };
    ppc_cpu *c = j->h->cpu;
    bool seen[8] = {false};
    char *cur = text;
    for (char *line; (line = next_line(&cur));) {
        j->line_no++;
        if (!*line) continue;
        int k = -1;
        for (int i = 0; i < 8; i++)
            if (strncmp(line, rev[i].label, 7) == 0) k = i;
        uint32_t want;
        if (k < 0 || !scan(line + 7, " 0x%x", &want))
            return bad(j, "expected 'ld|st be|le16|32 0xXXXXXXXX'");
        if (seen[k]) return bad(j, "'%s' twice", rev[k].label);
        seen[k] = true;
        j->label = rev[k].label;
        fresh(j);
        store_be32(j->h->ram + JM_DATA, 0x12345678);
        ppc_set_gpr(c, 9, JM_DATA);
        ppc_set_gpr(c, 10, rev[k].data);
        uint32_t insn = x_form(31, rev[k].store ? 10 : 3, 0, 9, rev[k].xo, 0);
        if (!run(j, insn)) continue;
        uint32_t got = rev[k].store ? ram32(j, JM_DATA) : ppc_get_gpr(c, 3);
        if (got != want)
            pv_fail(j->n, j->o, "%s:%d %s (%08x): %08x, expected %08x", j->path, j->line_no,
                    j->label, insn, got, want);
        else
            j->n->passed++;
    }
    for (int i = 0; i < 8; i++)
        if (!seen[i]) return bad(j, "truncated: no '%s' line", rev[i].label);
    return 0;
}

/* ==== mcrfs ==== */

/* Valgrind keeps only FPSCR[RN] of the FPSCR (its guest state has the
 * rounding mode and nothing else), and this file was recorded under it: the
 * values mtfsf puts in FPSCR[XE] and FPSCR[NI] read back as 0. The 750
 * implements both bits (MPC750UM 2.1.4, FPSCR), so mcrfs 1,7 copies them. */
static const char why_mcrfs[] =
    "the recorded CR field drops FPSCR[XE,NI]: Valgrind's FPSCR model, not a CPU's";

static int run_mcrfs(jm *j, char *text)
{
    ppc_cpu *c = j->h->cpu;
    int k = 0;
    char *cur = text;
    for (char *line; (line = next_line(&cur));) {
        j->line_no++;
        if (!*line) continue;
        uint32_t i, want;
        if (k >= 32) return bad(j, "more lines than mcrfs prints");
        if (!scan(line, "0x%h -> 0x%x", &i, &want) || i != (uint32_t)(k % 16))
            return bad(j, "expected '0x%x -> 0xXXXXXXXX'", k % 16);
        /* set_fpscr(i): lfd f0 = {0, i}; mtfsf 0xff,f0. Then CR = 0 for the
         * first 16 lines and ~0 for the others; mcrfs 1,7; mfcr. */
        uint32_t cr0 = k < 16 ? 0 : 0xffffffffu;
        k++;
        if (i & 0xc) {
            not_applicable(j, why_mcrfs);
            continue;
        }
        fresh(j);
        ppc_set_fpr(c, 0, i);
        j->label = "mtfsf 0xff,f0, setting up";
        if (!run(j, 63u << 26 | 0xffu << 17 | 711u << 1)) continue;
        j->label = "mcrfs 1,7";
        if (!set_cr(j, 9, cr0) || !run(j, x_form(63, 1 << 2, 7 << 2, 0, 64, 0)) ||
            !run(j, x_form(31, 9, 0, 0, 19, 0)))
            continue;
        uint32_t got = ppc_get_gpr(c, 9);
        if (got != want)
            pv_fail(j->n, j->o, "%s:%d mcrfs 1,7 with FPSCR %x, CR %08x: %08x, expected %08x",
                    j->path, j->line_no, i, cr0, got, want);
        else
            j->n->passed++;
    }
    if (k != 32) return bad(j, "truncated: %d of the 32 lines", k);
    return 0;
}

/* ==== mftocrf ==== */

static int run_mftocrf(jm *j, char *text)
{
    ppc_cpu *c = j->h->cpu;
    int k = 0;
    uint32_t three = 1;
    char *cur = text;
    for (char *line; (line = next_line(&cur));) {
        j->line_no++;
        if (!*line) {
            if (k != 32 && k != 64)
                return bad(j, "blank line after %d lines; mftocrf prints 32 and 32", k);
            continue;
        }
        uint32_t want;
        if (k >= 64) return bad(j, "more lines than mftocrf prints");
        if (!scan(line, "0x%x", &want)) return bad(j, "expected '0xXXXXXXXX'");
        bool to = k < 32;
        uint32_t x = to ? 1u << k : three, insn;
        k++;
        fresh(j);
        bool ok;
        if (to) {
            /* CR = 0x31415927; mtocrf 4,x (bit 11 set, FXM 4); mfcr */
            j->label = "mtocrf 4";
            insn = x_form(31, 10, 0, 0, 144, 0) | 1u << 20 | 4u << 12;
            ppc_set_gpr(c, 10, x);
            ok = set_cr(j, 9, 0x31415927) && run(j, insn) && run(j, x_form(31, 11, 0, 0, 19, 0));
        } else {
            /* CR = x (x = 3^i); li r,0; mfocrf r,64 (bit 11 set, FXM 64) */
            j->label = "mfocrf 64";
            insn = x_form(31, 11, 0, 0, 19, 0) | 1u << 20 | 64u << 12;
            three *= 3;
            ok = set_cr(j, 9, x) && run(j, insn);
        }
        if (!ok) continue;
        uint32_t got = ppc_get_gpr(c, 11);
        if (got != want)
            pv_fail(j->n, j->o, "%s:%d %s (%08x) with %08x: %08x, expected %08x", j->path,
                    j->line_no, j->label, insn, x, got, want);
        else
            j->n->passed++;
    }
    if (k != 64) return bad(j, "truncated: %d of the 64 lines", k);
    return 0;
}

/* ==== entry ==== */

int pv_run_jm(char *text, const char *name, const pv_options *o, ppc_harness *h, pv_counts *n,
              const char *path, char *err, size_t errn)
{
    static const struct {
        const char *file;
        int (*reader)(jm *, char *);
    } readers[] = {
        {"jm-int.stdout.exp", run_jm_insns},
        {"jm-int_other.stdout.exp", run_jm_insns},
        {"jm-misc.stdout.exp", run_jm_insns},
        {"lsw.stdout.exp", run_lsw},
        {"ldst_multiple.stdout.exp", run_ldst_multiple},
        {"ldstrev.stdout.exp", run_ldstrev},
        {"mcrfs.stdout.exp", run_mcrfs},
        {"mftocrf.stdout.exp", run_mftocrf},
    };
    if (strcmp(name, "jm-vmx.stdout.exp") == 0)
        return pv_run_jm_vmx(text, o, h, n, path, err, errn);
    jm j = {.o = o, .h = h, .n = n, .path = path, .err = err, .errn = errn, .label = ""};
    size_t len = strlen(text);
    bool cut = len && text[len - 1] != '\n'; /* the last line has no end */
    int nlines = 0;
    for (const char *s = text; (s = strchr(s, '\n')); s++) nlines++;
    for (size_t k = 0; k < sizeof(readers) / sizeof(readers[0]); k++) {
        if (strcmp(name, readers[k].file) != 0) continue;
        int rc = readers[k].reader(&j, text);
        if (rc < 0 && cut && j.line_no == nlines + 1 && strlen(err) + 40 < errn)
            strcat(err, " (the file ends inside this line)");
        if (rc == 0)
            for (int i = 0; i < j.nna; i++)
                printf("%s%s: %llu not applicable to the %s (%s)\n", o->tap ? "# " : "", name,
                       j.na[i].count, ppc_model_name(o->model), j.na[i].why);
        return rc;
    }
    snprintf(err, errn,
             "%s: unknown file: the Valgrind ppc32 reader takes jm-int, jm-int_other, jm-misc, "
             "jm-vmx, lsw, ldst_multiple, ldstrev, mcrfs and mftocrf .stdout.exp",
             path);
    return -1;
}
