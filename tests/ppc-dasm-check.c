/* Checks the PowerPC disassembler (core/ppc/ppc_dasm.c) against three
 * external test sets (../shared/testdata, described in SOURCES.md sections 5,
 * 8 and 9) and against its own table and sweep.
 *
 *   ppc-dasm-check [--tap] [--self-test] [--verbose] [--dingus FILE]
 *                  [--capstone FILE-or-DIR] [--powerpc-rs FILE]
 *
 * Exit status: 0 all passed, 1 a check failed, 2 bad usage or a missing or
 * malformed data file. With --tap: one TAP line per data file and per
 * self-test; the last line is "N passed, M failed" (N counts the cases that
 * match and the listed cases whose dc.l output is confirmed; skipped 64-bit
 * cases are in neither count and are reported per file).
 *
 * How a case is compared. Every text (expected and ours) is split into a
 * mnemonic and operands, and each operand is put in a canonical form: numbers
 * in any base become decimal values, "d(rA)" keeps its two parts, CR bits
 * ("lt", "4*cr1+gt", "cr1gt", "un") become bit numbers. The differences left
 * are the documented ones below.
 *
 * 1. DingusPPC ppcdisasmtest.csv (SOURCES.md section 5; "address,opcode,
 *    mnemonic[,operand...]"). Compared with our default (simplified) text,
 *    allowing only these syntax differences:
 *      D1 numbers: DingusPPC writes every immediate, displacement and count
 *         in hex ("addi r5,r30,0x0", "mulli r24,r0,-0x57E6", "sliq r1,r4,
 *         0x3", "mtcrf 0x07,r12"); we write signed immediates and counts in
 *         decimal ("addi r5,r30,0", "sliq r1,r4,3"). Compared as values.
 *      D2 separators: DingusPPC's CSV fields vs our "mnemonic op,op".
 *      D3 rA = 0 in a D-form access: DingusPPC writes the bare address
 *         ("lwz r0,0x2F3C"), we write the architecture's d(rA|0) form
 *         ("lwz r0,12092(0)"). Our "d(0)" is compared as "d".
 *      D4 subtract: we print MPCFPE32B's simplified sub/subc ("sub rD,rA,rB"
 *         = "subf rD,rB,rA") where DingusPPC keeps subf/subfc; ours is
 *         turned back into subf with rA and rB swapped.
 *      D5 negative immediates: we print subi/subis/subic (MPCFPE32B appendix F)
 *         where DingusPPC writes addi/addis/addic with a negative value;
 *         ours is turned back into add* with the value negated.
 *      D6 bc with BO = 20 (branch always): DingusPPC writes "b target";
 *         MPCFPE32B has no simplified mnemonic for it and we print the basic
 *         "bc 20,lt,target", compared as "b target".
 *      D7 cmp/cmpl with L = 1: DingusPPC writes "cmp cr7,r31,r23" (no L);
 *         we write the basic form with its L operand, "cmp cr7,1,r31,r23".
 *    Model per case: DingusPPC runs its tests as a 601 with POWER enabled
 *    (SOURCES.md), but the file also holds the 603e's tlbld/tlbli. So the
 *    POWER instructions are checked on the 601 and must print dc.l on the
 *    other models, tlbld/tlbli on the 603e (dc.l elsewhere), and every
 *    other case (dc.l ones included) on all five models.
 *
 * 2. Capstone suite/MC/PowerPC, the .s.cs files (section 8; LLVM MC output with
 *    CS_OPT_SYNTAX_NOREGNAME, "0xb0,0xb1,0xb2,0xb3 = text"), and
 * 3. powerpc-rs_disasm_tests.csv (section 9; DERIVED, "source_file,test_fn,
 *    extensions,form,opcode_hex,expected_text").
 *    Both tools pick simplified mnemonics for different sets of encodings
 *    than we do (LLVM: "bt 2,target" for beq, "rlwinm 2,3,5,0,3" for extlwi,
 *    "tw 12,3,4" for twge, "mtspr 272,4" for mtsprg 0, "mftb 2,268" for
 *    mftb; powerpc-rs: subf, rlwimi, "clrrwi. r0,r0,0" for rotlwi., and
 *    rows in the basic form). So both the expected text and our simplified
 *    text are expanded into the basic form (MPCFPE32B appendix F read
 *    backwards: li -> addi rD,0,v; beq cr1,t -> bc 12,6,t; mtlr -> mtspr 8;
 *    extlwi -> rlwinm ...), and a case passes when the expected expansion
 *    equals our basic-form output (PPC_DASM_BASIC) and the expansion of our
 *    simplified text does too. Per-tool differences on top of that:
 *      C1 NOREGNAME: registers and CR fields are bare numbers ("add 1,2,3",
 *         "cmpwi 2,3,128"); ours are compared with the class letters dropped.
 *      C2 branch targets are written relative to the instruction (".+1024")
 *         or absolute for the "a" forms; the cases run at address 0.
 *      C3 LLVM's +/- are Power ISA 2.x "at" hints (BO = 011at / 001at /
 *         1a00t: "+" = at 11, "-" = at 10). A 32-bit CPU reads those bits as
 *         a z bit (ignored, should be 0) and y; the expansion of LLVM's text
 *         uses the 2.x meaning, so it lands on the exact BO, which we print
 *         in the basic form ("bclr 14,eq") because no 32-bit simplified
 *         mnemonic assembles to a word with a z bit set.
 *      R1 powerpc-rs writes the (rA|0) operand as r0 ("dcbf r0,r5",
 *         "addi r5,r0,0x0"); we write 0. An expected r0 matches our 0.
 *      R2 powerpc-rs writes branch targets relative to the instruction
 *         ("bl -0x1fc368"); the cases run at address 0 and targets are
 *         compared modulo 2^32.
 *      R3 powerpc-rs names CR bits cr1lt/un and FPSCR bits the same way
 *         ("mtfsb0 cr7gt" = bit 29); both become bit numbers.
 *      R4 powerpc-rs names some SPRs (HID0, DABR); they become numbers.
 *      R5 powerpc-rs's basic "sync 0" is our "sync".
 *      R6 powerpc-rs writes the immediate of addis/lis unsigned ("lis r8,
 *         0xefce"); we write the signed SIMM ("lis r8,-4146"), the same
 *         16-bit field. Its addis values 0x8000-0xFFFF are compared as
 *         their signed 16-bit value.
 *    Skipped and counted as skipped: 64-bit-only instructions (ld, std,
 *    rld*, mulld, cmpd, td, fctid, mtmsrd, slb* ...: see is_64bit()).
 *    Listed (see listed_reason()): entries outside the 32-bit architecture
 *    (Power ISA 2.x, Book E, POWER6+ forms, or fields the 32-bit
 *    architecture reserves) and three powerpc-rs vsplt* entries we consider
 *    wrong. For each of them we check that we print dc.l on every model
 *    (except Book E's tlbwe, whose word is the 603e's "tlbld r0").
 *    Model: AltiVec entries run on the 7400 (and must be dc.l on the
 *    others); every other entry on all five models.
 *
 * --self-test adds: a table of exact texts (simplified and basic, all five
 * models: POWER, 603e and AltiVec only where they exist, SPR names per model,
 * branch hints, reserved fields); the snprintf-like truncation contract; a
 * sweep over every extended opcode of opcodes 4/19/31/59/63 and random words
 * of every primary opcode, checking on all models that the text fits, that
 * dc.l, ppc_dasm_valid() and both modes agree, that our simplified text
 * expands to our basic text, that a word valid on the 604e is valid on every
 * model, and that models only add the instructions they should.
 */
#include "ppc/ppc_dasm.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- options and TAP output ---- */

static bool tap;
static bool verbose;
static unsigned tap_n;
static unsigned long total_passed, total_failed;

static void result_line(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void result_line(bool ok, const char *fmt, ...)
{
    va_list ap;
    if (tap) printf("%s %u - ", ok ? "ok" : "not ok", ++tap_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void diag(const char *fmt, ...)
{
    va_list ap;
    fputs(tap ? "# " : "  ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static void bail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void bail(const char *fmt, ...)
{
    va_list ap;
    char msg[1024];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fflush(stdout);
    if (tap) printf("Bail out! %s\n", msg);
    fprintf(stderr, "ppc-dasm-check: %s\n", msg);
    exit(2);
}

static const int models[5] = {PPC_DASM_601, PPC_DASM_603E, PPC_DASM_604E, PPC_DASM_750,
                              PPC_DASM_7400};

/* ---- parsed instruction text ---- */

enum { MAXOPS = 8, TOKLEN = 48, MNLEN = 32 };

typedef struct insn_text {
    char mn[MNLEN];
    int n;
    char op[MAXOPS][TOKLEN];
} insn_text;

static void copy_tok(char *dst, size_t size, const char *s, size_t len)
{
    while (len && isspace((unsigned char)*s)) s++, len--;
    while (len && isspace((unsigned char)s[len - 1])) len--;
    if (len >= size) len = size - 1;
    memcpy(dst, s, len);
    dst[len] = 0;
}

/* "mn op1,op2" or "mn op1, op2": false if malformed. */
static bool parse_text(const char *s, insn_text *t)
{
    memset(t, 0, sizeof *t);
    while (isspace((unsigned char)*s)) s++;
    size_t m = strcspn(s, " \t");
    if (m == 0 || m >= MNLEN) return false;
    copy_tok(t->mn, sizeof t->mn, s, m);
    s += m;
    while (isspace((unsigned char)*s)) s++;
    if (!*s) return true;
    for (;;) {
        size_t k = strcspn(s, ",");
        if (t->n >= MAXOPS || k >= TOKLEN) return false;
        copy_tok(t->op[t->n], TOKLEN, s, k);
        if (!t->op[t->n][0]) return false;
        t->n++;
        if (!s[k]) return true;
        s += k + 1;
    }
}

static void set_op(insn_text *t, int i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_op(insn_text *t, int i, const char *fmt, ...)
{
    char tmp[TOKLEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    memcpy(t->op[i], tmp, sizeof tmp);
}

static void format_text(const insn_text *t, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "%s", t->mn);
    for (int i = 0; i < t->n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "," : " ", t->op[i]);
}

static bool texts_equal(const insn_text *a, const insn_text *b)
{
    if (strcmp(a->mn, b->mn) || a->n != b->n) return false;
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->op[i], b->op[i])) return false;
    return true;
}

/* ---- dialects and canonical operands ---- */

typedef struct dialect {
    const char *name;
    bool classless;   /* C1: registers and CR fields as bare numbers */
    bool isa2_hints;  /* C3: +/- are Power ISA 2.x "at" hints */
    bool r0_for_zero; /* R1: (rA|0) written as r0 */
    bool spr_names;   /* R4 */
    bool uimm_addis;  /* R6: addis/lis immediate written unsigned */
} dialect;

static const dialect d_ours = {"ours", false, false, false, false, false};
static const dialect d_dingus = {"DingusPPC", false, false, false, false, false};
static const dialect d_capstone = {"Capstone", true, true, false, false, false};
static const dialect d_prs = {"powerpc-rs", false, false, true, true, true};

/* A number: decimal, or hex with 0x; an optional sign. */
static bool parse_num(const char *s, long long *v)
{
    bool neg = false;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    if (!*s) return false;
    char *end;
    errno = 0;
    unsigned long long u;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        if (!isxdigit((unsigned char)s[2])) return false;
        u = strtoull(s + 2, &end, 16);
    } else {
        if (!isdigit((unsigned char)*s)) return false;
        u = strtoull(s, &end, 10);
    }
    if (*end || errno) return false;
    *v = neg ? -(long long)u : (long long)u;
    return true;
}

static int crbit_index(const char *s)
{
    static const char *const names[4] = {"lt", "gt", "eq", "so"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, names[i])) return i;
    if (!strcmp(s, "un")) return 3;
    return -1;
}

static const struct {
    const char *name;
    int spr;
} spr_names[] = {
    {"HID0", 1008}, {"HID1", 1009}, {"IABR", 1010},  {"DABR", 1013},  {"PIR", 1023},
    {"L2CR", 1017}, {"ICTC", 1019}, {"THRM1", 1020}, {"THRM2", 1021}, {"THRM3", 1022},
};

/* Canonical form of one operand (see the comment at the top). */
static void canon_operand(const char *in, const dialect *dl, uint32_t pc, char *out)
{
    long long v;
    unsigned n;
    char c, tail;
    size_t len = strlen(in);
    const char *lp = strchr(in, '(');
    if (lp && len && in[len - 1] == ')' && lp > in) { /* d(rA) */
        char disp[TOKLEN], base[TOKLEN], cd[TOKLEN], cb[TOKLEN];
        copy_tok(disp, sizeof disp, in, (size_t)(lp - in));
        copy_tok(base, sizeof base, lp + 1, len - (size_t)(lp - in) - 2);
        canon_operand(disp, dl, pc, cd);
        canon_operand(base, dl, pc, cb);
        snprintf(out, TOKLEN, "%.20s(%.20s)", cd, cb);
        return;
    }
    if (sscanf(in, "%c%u%c", &c, &n, &tail) == 2 && (c == 'r' || c == 'f' || c == 'v') && n < 32 &&
        isdigit((unsigned char)in[1])) {
        if (dl->classless)
            snprintf(out, TOKLEN, "%u", n);
        else
            snprintf(out, TOKLEN, "%c%u", c, n);
        return;
    }
    if (!strncmp(in, "cr", 2) && in[2] >= '0' && in[2] <= '7') {
        if (!in[3]) { /* a CR field */
            if (dl->classless)
                snprintf(out, TOKLEN, "%c", in[2]);
            else
                snprintf(out, TOKLEN, "cr%c", in[2]);
            return;
        }
        int b = crbit_index(in + 3); /* powerpc-rs "cr1gt" */
        if (b >= 0) {
            snprintf(out, TOKLEN, "%d", (in[2] - '0') * 4 + b);
            return;
        }
    }
    if (!strncmp(in, "4*cr", 4) && in[4] >= '0' && in[4] <= '7' && in[5] == '+') {
        int b = crbit_index(in + 6);
        if (b >= 0) {
            snprintf(out, TOKLEN, "%d", (in[4] - '0') * 4 + b);
            return;
        }
    }
    int b = crbit_index(in);
    if (b >= 0) {
        snprintf(out, TOKLEN, "%d", b);
        return;
    }
    if (in[0] == '.' && (in[1] == 0 || ((in[1] == '+' || in[1] == '-') && parse_num(in + 1, &v)))) {
        if (in[1] == 0) v = 0; /* C2: ".+N" relative to the instruction */
        snprintf(out, TOKLEN, "%lld", (long long)pc + v);
        return;
    }
    if (parse_num(in, &v)) {
        snprintf(out, TOKLEN, "%lld", v);
        return;
    }
    if (dl->spr_names) {
        for (size_t i = 0; i < sizeof spr_names / sizeof spr_names[0]; i++) {
            if (!strcmp(in, spr_names[i].name)) {
                snprintf(out, TOKLEN, "%d", spr_names[i].spr);
                return;
            }
        }
    }
    snprintf(out, TOKLEN, "%s", in);
}

static void canon_text(const insn_text *in, const dialect *dl, uint32_t pc, insn_text *out)
{
    *out = *in;
    for (int i = 0; i < in->n; i++) canon_operand(in->op[i], dl, pc, out->op[i]);
}

/* ---- expansion of simplified mnemonics into the basic form ---- */

static bool tok_num(const char *s, long long *v)
{
    return parse_num(s, v);
}

static long long num_or(const char *s, long long dflt)
{
    long long v;
    return tok_num(s, &v) ? v : dflt;
}

/* A CR field token ("cr3" or, classless, "3") as a number, or -1. */
static int tok_crf(const char *s)
{
    if (!strncmp(s, "cr", 2)) s += 2;
    long long v;
    return tok_num(s, &v) && v >= 0 && v < 8 ? (int)v : -1;
}

static void reg_tok(const dialect *dl, char cls, unsigned n, char *out)
{
    if (dl->classless)
        snprintf(out, TOKLEN, "%u", n);
    else
        snprintf(out, TOKLEN, "%c%u", cls, n);
}

static void crf_tok(const dialect *dl, int n, char *out)
{
    if (dl->classless)
        snprintf(out, TOKLEN, "%d", n);
    else
        snprintf(out, TOKLEN, "cr%d", n);
}

/* mn without its trailing "." (sets *rc). */
static void strip_dot(const char *mn, char *base, bool *rc)
{
    size_t l = strlen(mn);
    *rc = l > 1 && mn[l - 1] == '.';
    snprintf(base, MNLEN, "%.*s", (int)(*rc ? l - 1 : l), mn);
}

static const struct {
    const char *name;
    int mf, mt; /* SPR numbers, -1 if no such move */
    bool indexed;
} spr_aliases[] = {
    {"xer", 1, 1, false},
    {"lr", 8, 8, false},
    {"ctr", 9, 9, false},
    {"dsisr", 18, 18, false},
    {"dar", 19, 19, false},
    {"dec", 22, 22, false},
    {"sdr1", 25, 25, false},
    {"srr0", 26, 26, false},
    {"srr1", 27, 27, false},
    {"ear", 282, 282, false},
    {"tbl", -1, 284, false},
    {"tbu", -1, 285, false},
    {"pvr", 287, -1, false},
    {"mq", 0, 0, false},
    {"rtcu", 4, 20, false},
    {"rtcl", 5, 21, false},
    {"vrsave", 256, 256, false},
    {"sprg", 272, 272, true},
    {"ibatu", 528, 528, true},
    {"ibatl", 529, 529, true},
    {"dbatu", 536, 536, true},
    {"dbatl", 537, 537, true},
    /* names LLVM uses for registers outside the 32-bit architecture (C1) */
    {"asr", 280, 280, false},
    {"dscr", 17, 17, false},
    {"udscr", 3, 3, false},
    {"cfar", 28, 28, false},
    {"amr", 29, 29, false},
    {"pid", 48, 48, false},
    {"uamr", 13, 13, false},
    {"ppr", 896, 896, false},
};

static const struct {
    const char *name;
    int to;
} trap_conds[] = {
    {"lt", 16}, {"le", 20}, {"eq", 4},  {"ge", 12}, {"gt", 8},  {"nl", 12}, {"ne", 24}, {"ng", 20},
    {"llt", 2}, {"lle", 6}, {"lge", 5}, {"lgt", 1}, {"lnl", 5}, {"lng", 6}, {"u", 31},
};

enum br_kind { BR_BC, BR_LR, BR_CTR };

/* Branch mnemonics: b<core>[lr|ctr][l][a][+|-]. Returns false if `mn` is not
 * a simplified conditional branch. */
static bool expand_branch(const insn_text *in, insn_text *out, const dialect *dl, uint32_t pc)
{
    static const struct {
        const char *core;
        int bo;  /* -1: condition mnemonic */
        int bit; /* for conditions: CR bit in the field; for t/f: -1 */
    } cores[] = {
        {"dnzt", 8, -1}, {"dnzf", 0, -1}, {"dzt", 10, -1}, {"dzf", 2, -1}, {"dnz", 16, -2},
        {"dz", 18, -2},  {"lt", 12, 0},   {"le", 4, 1},    {"eq", 12, 2},  {"ge", 4, 0},
        {"gt", 12, 1},   {"nl", 4, 0},    {"ne", 4, 2},    {"ng", 4, 1},   {"so", 12, 3},
        {"ns", 4, 3},    {"un", 12, 3},   {"nu", 4, 3},    {"t", 12, -1},  {"f", 4, -1},
    };
    const char *m = in->mn;
    if (m[0] != 'b') return false;
    const char *p = m + 1;
    int bo = 20, bit = -2;
    bool found = false;
    for (size_t i = 0; i < sizeof cores / sizeof cores[0]; i++) {
        size_t l = strlen(cores[i].core);
        if (!strncmp(p, cores[i].core, l)) {
            bo = cores[i].bo;
            bit = cores[i].bit;
            p += l;
            found = true;
            break;
        }
    }
    enum br_kind kind = BR_BC;
    if (!strncmp(p, "lr", 2)) {
        kind = BR_LR;
        p += 2;
    } else if (!strncmp(p, "ctr", 3)) {
        kind = BR_CTR;
        p += 3;
    }
    if (!found && kind == BR_BC) return false; /* b, bl, bc, bclr ...: basic */
    bool lk = false, aa = false;
    if (*p == 'l') lk = true, p++;
    if (kind == BR_BC && *p == 'a') aa = true, p++;
    char hint = 0;
    if (*p == '+' || *p == '-') hint = *p++;
    if (*p) return false;

    /* operands */
    int k = 0, bi = 0;
    if (bit >= 0) { /* condition: [crN,] */
        int crf = 0;
        int want = kind == BR_BC ? 2 : 1;
        if (in->n == want) crf = tok_crf(in->op[k++]);
        if (crf < 0) return false;
        bi = crf * 4 + bit;
    } else if (bit == -1) { /* t/f forms: BI, */
        if (in->n <= k) return false;
        bi = (int)num_or(in->op[k++], -1);
        if (bi < 0 || bi > 31) return false;
    }
    long long target = 0;
    if (kind == BR_BC) {
        if (in->n != k + 1 || !tok_num(in->op[k], &target)) return false;
    } else if (in->n != k) {
        return false;
    }
    if (hint) {
        bool backward = kind == BR_BC &&
                        (aa ? (int32_t)(uint32_t)target < 0 : (int32_t)((uint32_t)target - pc) < 0);
        if (dl->isa2_hints && (bo & 0x14) == 0x04)
            bo |= hint == '+' ? 3 : 2;
        else if (dl->isa2_hints && (bo & 0x14) == 0x10)
            bo |= hint == '+' ? 9 : 8;
        else if ((hint == '+') != (kind == BR_BC && backward))
            bo |= 1; /* 32-bit: y reverses the static prediction */
    }
    memset(out, 0, sizeof *out);
    snprintf(out->mn, MNLEN, "%s%s%s",
             kind == BR_BC   ? "bc"
             : kind == BR_LR ? "bclr"
                             : "bcctr",
             lk ? "l" : "", aa ? "a" : "");
    set_op(out, 0, "%d", bo);
    set_op(out, 1, "%d", bi);
    out->n = 2;
    if (kind == BR_BC) set_op(out, out->n++, "%lld", (long long)(uint32_t)target);
    return true;
}

/* Rotate and shift mnemonics (MPCFPE32B appendix F). */
static bool expand_rotate(const char *base, const char *rc, const insn_text *in, insn_text *out)
{
    static const char *const names[] = {"rotlwi", "rotrwi", "slwi",   "srwi",   "clrlwi",  "clrrwi",
                                        "extlwi", "extrwi", "inslwi", "insrwi", "clrlslwi"};
    int which = -1;
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (!strcmp(base, names[i])) which = i;
    if (which < 0) return false;
    int need = which >= 6 ? 4 : 3;
    if (in->n != need) return false;
    long long n, b = 0;
    if (!tok_num(in->op[2], &n) || (need == 4 && !tok_num(in->op[3], &b))) return false;
    long long sh, mb, me;
    const char *op = "rlwinm";
    switch (which) {
    case 0: sh = n, mb = 0, me = 31; break;
    case 1: sh = (32 - n) & 31, mb = 0, me = 31; break;
    case 2: sh = n, mb = 0, me = 31 - n; break;
    case 3: sh = (32 - n) & 31, mb = n, me = 31; break;
    case 4: sh = 0, mb = n, me = 31; break;
    case 5: sh = 0, mb = 0, me = 31 - n; break;
    case 6: sh = b, mb = 0, me = n - 1; break;
    case 7: sh = (b + n) & 31, mb = 32 - n, me = 31; break;
    case 8: op = "rlwimi", sh = (32 - b) & 31, mb = b, me = b + n - 1; break;
    case 9: op = "rlwimi", sh = (32 - (b + n)) & 31, mb = b, me = b + n - 1; break;
    default: /* clrlslwi rA,rS,b,n: here n is op[2] = b and b is op[3] = n */
        sh = b, mb = n - b, me = 31 - b;
        break;
    }
    *out = *in;
    snprintf(out->mn, MNLEN, "%s%s", op, rc);
    set_op(out, 2, "%lld", sh);
    set_op(out, 3, "%lld", mb);
    set_op(out, 4, "%lld", me);
    out->n = 5;
    return true;
}

/* Expands any simplified mnemonic of MPCFPE32B appendix F (and the few
 * other aliases the tools use) into the basic form; other texts are copied.
 * Branch targets are reduced modulo 2^32. */
static void expand(const insn_text *in, insn_text *out, const dialect *dl, uint32_t pc)
{
    char base[MNLEN], r0[TOKLEN];
    bool rcb;
    strip_dot(in->mn, base, &rcb);
    const char *rc = rcb ? "." : "";
    reg_tok(dl, 'r', 0, r0);
    *out = *in;

    if (expand_branch(in, out, dl, pc)) return;
    if (!strcmp(in->mn, "b") || !strcmp(in->mn, "bl") || !strcmp(in->mn, "ba") ||
        !strcmp(in->mn, "bla") || !strcmp(in->mn, "bc") || !strcmp(in->mn, "bcl") ||
        !strcmp(in->mn, "bca") || !strcmp(in->mn, "bcla")) {
        long long t;
        if (in->n >= 1 && tok_num(in->op[in->n - 1], &t))
            set_op(out, in->n - 1, "%lld", (long long)(uint32_t)t);
        return;
    }
    if (!strcmp(in->mn, "blr") || !strcmp(in->mn, "blrl") || !strcmp(in->mn, "bctr") ||
        !strcmp(in->mn, "bctrl")) {
        snprintf(out->mn, MNLEN, "%s",
                 in->mn[1] == 'l' ? (in->mn[3] ? "bclrl" : "bclr")
                                  : (in->mn[4] ? "bcctrl" : "bcctr"));
        set_op(out, 0, "20");
        set_op(out, 1, "0");
        out->n = 2;
        return;
    }
    if ((!strcmp(in->mn, "li") || !strcmp(in->mn, "lis")) && in->n == 2) {
        snprintf(out->mn, MNLEN, "%s", in->mn[2] ? "addis" : "addi");
        set_op(out, 2, "%s", in->op[1]);
        set_op(out, 1, "0");
        out->n = 3;
        return;
    }
    if ((!strcmp(in->mn, "subi") || !strcmp(in->mn, "subis") || !strcmp(in->mn, "subic") ||
         !strcmp(in->mn, "subic.")) &&
        in->n == 3) {
        snprintf(out->mn, MNLEN, "add%s", in->mn + 3);
        set_op(out, 2, "%lld", -num_or(in->op[2], 0));
        return;
    }
    if (!strncmp(base, "sub", 3)) {
        const char *r = base + 3;
        if ((!*r || !strcmp(r, "o") || !strcmp(r, "c") || !strcmp(r, "co")) && in->n == 3) {
            snprintf(out->mn, MNLEN, "subf%.2s%s", r, rc);
            set_op(out, 1, "%s", in->op[2]);
            set_op(out, 2, "%s", in->op[1]);
            return;
        }
    }
    if ((!strcmp(base, "mr") || !strcmp(base, "not")) && in->n == 2) {
        snprintf(out->mn, MNLEN, "%s%s", base[0] == 'm' ? "or" : "nor", rc);
        set_op(out, 2, "%s", in->op[1]);
        out->n = 3;
        return;
    }
    if ((!strcmp(in->mn, "nop") || !strcmp(in->mn, "xnop")) && in->n == 0) {
        snprintf(out->mn, MNLEN, "%s", in->mn[0] == 'n' ? "ori" : "xori");
        set_op(out, 0, "%s", r0);
        set_op(out, 1, "%s", r0);
        set_op(out, 2, "0");
        out->n = 3;
        return;
    }
    if (!strcmp(in->mn, "cmpw") || !strcmp(in->mn, "cmpwi") || !strcmp(in->mn, "cmplw") ||
        !strcmp(in->mn, "cmplwi")) {
        if (in->n != 2 && in->n != 3) return;
        char crf[TOKLEN];
        if (in->n == 3)
            snprintf(crf, sizeof crf, "%s", in->op[0]);
        else
            crf_tok(dl, 0, crf);
        size_t l = strlen(in->mn);
        snprintf(out->mn, MNLEN, "cmp%s%s", in->mn[3] == 'l' ? "l" : "",
                 in->mn[l - 1] == 'i' ? "i" : "");
        set_op(out, 0, "%s", crf);
        set_op(out, 1, "0");
        set_op(out, 2, "%s", in->op[in->n - 2]);
        set_op(out, 3, "%s", in->op[in->n - 1]);
        out->n = 4;
        return;
    }
    if (!strcmp(in->mn, "trap") && in->n == 0) {
        snprintf(out->mn, MNLEN, "tw");
        set_op(out, 0, "31");
        set_op(out, 1, "%s", r0);
        set_op(out, 2, "%s", r0);
        out->n = 3;
        return;
    }
    if (!strncmp(in->mn, "tw", 2) && in->n == 2) {
        char cond[MNLEN];
        snprintf(cond, sizeof cond, "%s", in->mn + 2);
        size_t l = strlen(cond);
        bool imm = l && cond[l - 1] == 'i';
        if (imm) cond[l - 1] = 0;
        for (size_t i = 0; i < sizeof trap_conds / sizeof trap_conds[0]; i++) {
            if (strcmp(cond, trap_conds[i].name)) continue;
            snprintf(out->mn, MNLEN, "tw%s", imm ? "i" : "");
            set_op(out, 2, "%s", in->op[1]);
            set_op(out, 1, "%s", in->op[0]);
            set_op(out, 0, "%d", trap_conds[i].to);
            out->n = 3;
            return;
        }
        return;
    }
    if (!strcmp(in->mn, "mtcr") && in->n == 1) {
        snprintf(out->mn, MNLEN, "mtcrf");
        set_op(out, 1, "%s", in->op[0]);
        set_op(out, 0, "255");
        out->n = 2;
        return;
    }
    if ((!strcmp(in->mn, "mftb") || !strcmp(in->mn, "mftbu")) && in->n == 1) {
        snprintf(out->mn, MNLEN, "mftb");
        set_op(out, 1, "%s", in->mn[4] ? "269" : "268");
        out->n = 2;
        return;
    }
    if (!strcmp(in->mn, "sync") && in->n == 1 && !strcmp(in->op[0], "0")) { /* R5 */
        out->n = 0;
        return;
    }
    if ((!strncmp(in->mn, "mf", 2) || !strncmp(in->mn, "mt", 2)) && in->n >= 1) {
        bool to = in->mn[1] == 't';
        for (size_t i = 0; i < sizeof spr_aliases / sizeof spr_aliases[0]; i++) {
            if (strcmp(in->mn + 2, spr_aliases[i].name)) continue;
            int spr = to ? spr_aliases[i].mt : spr_aliases[i].mf;
            if (spr < 0 || in->n != (spr_aliases[i].indexed ? 2 : 1)) return;
            if (spr_aliases[i].indexed) {
                long long idx = num_or(in->op[to ? 0 : 1], -1);
                if (idx < 0 || idx > 3) return;
                spr += (int)idx * (spr >= 528 ? 2 : 1);
            }
            const char *reg = in->op[to ? in->n - 1 : 0];
            char r[TOKLEN];
            snprintf(r, sizeof r, "%s", reg);
            snprintf(out->mn, MNLEN, "%s", to ? "mtspr" : "mfspr");
            set_op(out, to ? 0 : 1, "%d", spr);
            set_op(out, to ? 1 : 0, "%s", r);
            out->n = 2;
            return;
        }
    }
    if (!strcmp(base, "rotlw") && in->n == 3) {
        snprintf(out->mn, MNLEN, "rlwnm%s", rc);
        set_op(out, 3, "0");
        set_op(out, 4, "31");
        out->n = 5;
        return;
    }
    if (expand_rotate(base, rc, in, out)) return;
    if ((!strcmp(in->mn, "crset") || !strcmp(in->mn, "crclr")) && in->n == 1) {
        snprintf(out->mn, MNLEN, "%s", in->mn[2] == 's' ? "creqv" : "crxor");
        set_op(out, 1, "%s", in->op[0]);
        set_op(out, 2, "%s", in->op[0]);
        out->n = 3;
        return;
    }
    if ((!strcmp(in->mn, "crmove") || !strcmp(in->mn, "crnot")) && in->n == 2) {
        snprintf(out->mn, MNLEN, "%s", in->mn[2] == 'm' ? "cror" : "crnor");
        set_op(out, 2, "%s", in->op[1]);
        out->n = 3;
        return;
    }
    if ((!strcmp(in->mn, "vmr") || !strcmp(in->mn, "vnot")) && in->n == 2) {
        snprintf(out->mn, MNLEN, "%s", in->mn[1] == 'm' ? "vor" : "vnor");
        set_op(out, 2, "%s", in->op[1]);
        out->n = 3;
        return;
    }
}

/* ---- our output ---- */

typedef struct ours {
    char s[PPC_DASM_BUFSIZE], b[PPC_DASM_BUFSIZE]; /* simplified, basic */
    insn_text ts, tb;                              /* parsed */
    bool parsed;
} ours;

static void run_ours(uint32_t pc, uint32_t w, int model, ours *o)
{
    ppc_dasm(pc, w, model, o->s, sizeof o->s);
    ppc_dasm_ex(pc, w, model, PPC_DASM_BASIC, o->b, sizeof o->b);
    o->parsed = parse_text(o->s, &o->ts) && parse_text(o->b, &o->tb);
}

static bool is_dcl(const char *text, uint32_t w)
{
    char want[32];
    snprintf(want, sizeof want, "dc.l 0x%08X", (unsigned)w);
    return !strcmp(text, want);
}

/* Our simplified text expanded == our basic text (both canonical). */
static bool self_consistent(const ours *o, const dialect *dl, uint32_t pc, insn_text *es,
                            insn_text *eb)
{
    insn_text cs, cb;
    canon_text(&o->ts, dl, pc, &cs);
    canon_text(&o->tb, dl, pc, &cb);
    expand(&cs, es, dl, pc);
    expand(&cb, eb, dl, pc);
    return texts_equal(es, eb);
}

/* ---- which model a case is for ---- */

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list)) return true;
    return false;
}

/* POWER instructions of the 601 (any OE/Rc variant). */
static bool is_power(const char *mn)
{
    static const char *const power[] = {
        "abs",  "clcs", "div",  "divs", "doz",  "dozi",  "lscbx", "maskg", "maskir", "mul",
        "nabs", "rlmi", "rrib", "sle",  "sleq", "sliq",  "slliq", "sllq",  "slq",    "sraiq",
        "sraq", "sre",  "srea", "sreq", "sriq", "srliq", "srlq",  "srq",   NULL,
    };
    char base[MNLEN];
    bool rc;
    strip_dot(mn, base, &rc);
    if (in_list(base, power)) return true;
    size_t l = strlen(base);
    if (l > 1 && base[l - 1] == 'o') {
        base[l - 1] = 0;
        return in_list(base, power);
    }
    return false;
}

static bool is_altivec(const char *mn)
{
    static const char *const av[] = {
        "lvsl",   "lvsr",   "lvebx",  "lvehx",  "lvewx",    "lvx",      "lvxl", "stvebx",
        "stvehx", "stvewx", "stvx",   "stvxl",  "dss",      "dssall",   "dst",  "dstt",
        "dstst",  "dststt", "mfvscr", "mtvscr", "mfvrsave", "mtvrsave", NULL,
    };
    return mn[0] == 'v' || in_list(mn, av);
}

/* Instructions of 64-bit implementations only (skipped). */
static bool is_64bit(const insn_text *t)
{
    static const char *const list[] = {
        "ld",      "ldu",     "ldx",     "ldux",   "lwa",   "lwax",   "lwaux",   "std",
        "stdu",    "stdx",    "stdux",   "stdcx.", "ldarx", "ldbrx",  "stdbrx",  "ldcix",
        "stdcix",  "rldicl",  "rldicr",  "rldic",  "rldcl", "rldcr",  "rldimi",  "rotldi",
        "rotld",   "sldi",    "srdi",    "clrldi", "extsw", "cntlzd", "popcntd", "sld",
        "srd",     "srad",    "sradi",   "mulld",  "mulhd", "mulhdu", "divd",    "divdu",
        "cmpd",    "cmpdi",   "cmpld",   "cmpldi", "fctid", "fctidz", "fctiduz", "fcfid",
        "fcfidu",  "fcfids",  "fcfidus", "mtmsrd", "rfid",  "hrfid",  "slbie",   "slbmte",
        "slbmfee", "slbmfev", "slbia",   "slbfee", NULL,
    };
    char base[MNLEN];
    bool rc;
    strip_dot(t->mn, base, &rc);
    return in_list(base, list) || in_list(t->mn, list) || !strncmp(t->mn, "td", 2);
}

/* Entries outside the 32-bit architecture, or that we consider wrong: we
 * check that they print dc.l. */
static const char *listed_reason(const insn_text *t, uint32_t w)
{
    static const char *const isa2[] = {"isel",    "popcntw", "fcpsgn",  "fre",    "frsqrtes",
                                       "fctiwuz", "frin",    "frip",    "friz",   "frim",
                                       "lfiwax",  "lfiwzx",  "nap",     "tlbiel", "mtocrf",
                                       "mfocrf",  "lwsync",  "ptesync", NULL};
    static const char *const booke[] = {"rfci",  "wrtee", "wrteei", "tlbre", "tlbwe",  "tlbivax",
                                        "tlbsx", "mfpmr", "mtpmr",  "icblc", "icbtls", NULL};
    static const char *const power6[] = {"lbzcix", "lhzcix", "lwzcix", "stbcix", "sthcix",
                                         "stwcix", "attn",   "copy",   "paste.", NULL};
    static const struct {
        const char *const *names;
        const char *reason;
    } groups[] = {
        {isa2,
         "Power ISA 2.x instruction or form (not in the 32-bit architecture; lwsync/ptesync and "
         "mtocrf/mfocrf set bits the 32-bit sync/mtcrf/mfcr reserve)"},
        {booke,
         "Book E (embedded) instruction (tlbwe 0x7C0007A4 is the 603e's tlbld r0, checked as "
         "such)"},
        {power6, "POWER6 and later server instruction"},
    };
    char base[MNLEN];
    bool rc;
    strip_dot(t->mn, base, &rc);
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
        if (in_list(base, groups[g].names) || in_list(t->mn, groups[g].names))
            return groups[g].reason;
    if (!strcmp(t->mn, "sync") && t->n == 1 && strcmp(t->op[0], "0"))
        return "sync with L != 0 (lwsync/ptesync): the 32-bit architecture reserves the L field";
    if (!strcmp(t->mn, "mtmsr") && t->n == 2)
        return "mtmsr with the Power ISA 2.x L operand: a reserved field in 32-bit";
    if (!strcmp(t->mn, "sc") && t->n == 1)
        return "sc with the Power ISA 2.x LEV operand: a reserved field in 32-bit";
    if ((!strcmp(t->mn, "bclr") || !strcmp(t->mn, "bcctr") || !strcmp(t->mn, "bclrl") ||
         !strcmp(t->mn, "bcctrl")) &&
        t->n == 3)
        return "bclr/bcctr with the Power ISA 2.x BH operand: a reserved field in 32-bit";
    /* powerpc-rs decodes the whole 5-bit field; ALTIVECPEM gives vspltb a
     * 4-bit element number (b <- UIMM || 0b000), vsplth 3 bits, vspltw 2,
     * so 0x1c/0x14/0x18 set reserved bits (the element would lie outside
     * the register). We print dc.l. */
    unsigned uimm = (w >> 16) & 31;
    if ((!strcmp(t->mn, "vspltb") && uimm > 15) || (!strcmp(t->mn, "vsplth") && uimm > 7) ||
        (!strcmp(t->mn, "vspltw") && uimm > 3))
        return "vsplt* element number wider than the AltiVec PEM's field (reserved bits set)";
    return NULL;
}

/* ---- reporting ---- */

typedef struct stats {
    unsigned long match, listed, skipped, failed, shown;
} stats;

static void fail_case(stats *st, const char *where, uint32_t w, int model, const char *expected,
                      const ours *o, const char *why)
{
    st->failed++;
    if (!verbose && st->shown >= 25) return;
    st->shown++;
    diag("FAIL %s: 0x%08X on %d: expected \"%s\", got \"%s\" (basic \"%s\"): %s", where,
         (unsigned)w, model, expected, o->s, o->b, why);
}

/* ---- 1. DingusPPC ---- */

/* D3-D7: our canonical simplified text rewritten into DingusPPC's forms. */
static void dingus_rewrite(insn_text *t)
{
    char base[MNLEN];
    bool rcb;
    strip_dot(t->mn, base, &rcb);
    const char *rc = rcb ? "." : "";
    for (int i = 0; i < t->n; i++) { /* D3 */
        size_t l = strlen(t->op[i]);
        if (l > 3 && !strcmp(t->op[i] + l - 3, "(0)")) t->op[i][l - 3] = 0;
    }
    if (!strncmp(base, "sub", 3) && t->n == 3) { /* D4 */
        const char *r = base + 3;
        if (!*r || !strcmp(r, "o") || !strcmp(r, "c") || !strcmp(r, "co")) {
            char tmp[TOKLEN];
            snprintf(t->mn, MNLEN, "subf%.2s%s", r, rc);
            memcpy(tmp, t->op[1], TOKLEN);
            memcpy(t->op[1], t->op[2], TOKLEN);
            memcpy(t->op[2], tmp, TOKLEN);
            return;
        }
    }
    if ((!strcmp(t->mn, "subi") || !strcmp(t->mn, "subis") || !strcmp(t->mn, "subic") ||
         !strcmp(t->mn, "subic.")) &&
        t->n == 3) { /* D5 */
        char mn[MNLEN];
        snprintf(mn, sizeof mn, "add%s", t->mn + 3);
        memcpy(t->mn, mn, MNLEN);
        set_op(t, 2, "%lld", -num_or(t->op[2], 0));
        return;
    }
    if ((!strcmp(t->mn, "bc") || !strcmp(t->mn, "bcl") || !strcmp(t->mn, "bca") ||
         !strcmp(t->mn, "bcla")) &&
        t->n == 3 && (num_or(t->op[0], 0) & 0x14) == 0x14) { /* D6 */
        char mn[MNLEN];
        snprintf(mn, sizeof mn, "b%s", t->mn + 2);
        memcpy(t->mn, mn, MNLEN);
        memcpy(t->op[0], t->op[2], TOKLEN);
        t->n = 1;
        return;
    }
    if ((!strcmp(t->mn, "cmp") || !strcmp(t->mn, "cmpl")) && t->n == 4 &&
        !strcmp(t->op[1], "1")) { /* D7 */
        memmove(t->op[1], t->op[2], 2 * TOKLEN);
        t->n = 3;
    }
}

static void dingus_case(const char *where, uint32_t pc, uint32_t w, const insn_text *raw, stats *st)
{
    char expected[160];
    format_text(raw, expected, sizeof expected);
    bool power = is_power(raw->mn);
    bool m603 = !strcmp(raw->mn, "tlbld") || !strcmp(raw->mn, "tlbli");
    insn_text exp;
    canon_text(raw, &d_dingus, pc, &exp);
    for (int i = 0; i < 5; i++) {
        int m = models[i];
        ours o;
        run_ours(pc, w, m, &o);
        if ((power && m != PPC_DASM_601) || (m603 && m != PPC_DASM_603E)) {
            if (!is_dcl(o.s, w) || !is_dcl(o.b, w)) {
                fail_case(st, where, w, m, expected, &o, "must be dc.l on this model");
                return;
            }
            continue;
        }
        if (!o.parsed) {
            fail_case(st, where, w, m, expected, &o, "our text does not parse");
            return;
        }
        insn_text got, es, eb;
        canon_text(&o.ts, &d_dingus, pc, &got);
        dingus_rewrite(&got);
        if (!texts_equal(&exp, &got)) {
            fail_case(st, where, w, m, expected, &o, "differs");
            return;
        }
        if (!self_consistent(&o, &d_ours, pc, &es, &eb)) {
            fail_case(st, where, w, m, expected, &o, "simplified and basic forms disagree");
            return;
        }
    }
    st->match++;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) bail("%s: %s", path, strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0) bail("%s: cannot seek", path);
    long size = ftell(f);
    if (size < 0 || fseek(f, 0, SEEK_SET) != 0) bail("%s: cannot read", path);
    char *buf = malloc((size_t)size + 1);
    if (!buf) bail("out of memory");
    if (fread(buf, 1, (size_t)size, f) != (size_t)size) bail("%s: read error", path);
    fclose(f);
    buf[size] = 0;
    if (strlen(buf) != (size_t)size) bail("%s: contains NUL bytes", path);
    return buf;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Splits line at commas (no quoting); returns the field count. */
static int split_csv(char *line, char **fields, int max, bool quotes)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == max) return -1;
        if (quotes && *p == '"') {
            char *q = strchr(p + 1, '"');
            if (!q) return -1;
            *q = 0;
            fields[n++] = p + 1;
            p = q + 1;
            if (*p == 0) return n;
            if (*p != ',') return -1;
            p++;
            continue;
        }
        fields[n++] = p;
        char *c = strchr(p, ',');
        if (!c) return n;
        *c = 0;
        p = c + 1;
    }
}

static bool parse_u32(const char *s, uint32_t *v)
{
    long long x;
    if (strncmp(s, "0x", 2) && strncmp(s, "0X", 2)) return false;
    if (!parse_num(s, &x) || x < 0 || x > 0xFFFFFFFFll) return false;
    *v = (uint32_t)x;
    return true;
}

static void check_dingus(const char *path)
{
    char *text = read_file(path);
    stats st = {0};
    unsigned line_no = 0;
    char *p = text;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        line_no++;
        char *line = p;
        p = nl ? nl + 1 : p + strlen(p);
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[--l] = 0;
        while (isspace((unsigned char)*line)) line++;
        if (!*line || *line == '#') continue;
        char *f[MAXOPS + 3];
        int n = split_csv(line, f, MAXOPS + 3, false);
        uint32_t pc, w;
        if (n < 3 || !parse_u32(f[0], &pc) || !parse_u32(f[1], &w) || !f[2][0])
            bail("%s: line %u: expected address,opcode,mnemonic[,operand...]", path, line_no);
        insn_text raw;
        memset(&raw, 0, sizeof raw);
        copy_tok(raw.mn, MNLEN, f[2], strlen(f[2]));
        for (int i = 3; i < n; i++) {
            if (!f[i][0]) bail("%s: line %u: empty operand", path, line_no);
            copy_tok(raw.op[raw.n++], TOKLEN, f[i], strlen(f[i]));
        }
        char where[64];
        snprintf(where, sizeof where, "%s:%u", base_name(path), line_no);
        dingus_case(where, pc, w, &raw, &st);
    }
    free(text);
    if (st.match + st.failed == 0) bail("%s: no test cases", path);
    total_passed += st.match;
    total_failed += st.failed;
    result_line(st.failed == 0, "%s (DingusPPC): %lu of %lu cases match", base_name(path), st.match,
                st.match + st.failed);
}

/* ---- 2 and 3: Capstone and powerpc-rs ---- */

static void tool_case(const char *where, const dialect *dl, uint32_t w, const char *text,
                      bool altivec_row, stats *st)
{
    insn_text raw;
    if (!parse_text(text, &raw)) {
        ours none = {{0}, {0}, {{0}, 0, {{0}}}, {{0}, 0, {{0}}}, false};
        fail_case(st, where, w, 0, text, &none, "expected text does not parse");
        return;
    }
    if (is_64bit(&raw)) {
        st->skipped++;
        return;
    }
    const char *reason = listed_reason(&raw, w);
    bool av = altivec_row || is_altivec(raw.mn);
    const uint32_t pc = 0;
    insn_text cexp, exp;
    canon_text(&raw, dl, pc, &cexp);
    expand(&cexp, &exp, dl, pc);
    long long imm;
    if (dl->uimm_addis && !strcmp(exp.mn, "addis") && exp.n == 3 && tok_num(exp.op[2], &imm) &&
        imm >= 0x8000 && imm <= 0xFFFF)
        set_op(&exp, 2, "%lld", imm - 0x10000); /* R6 */
    for (int i = 0; i < 5; i++) {
        int m = models[i];
        ours o;
        run_ours(pc, w, m, &o);
        /* Book E's tlbwe is the word of the 603e's tlbld r0 */
        if (reason && m == PPC_DASM_603E && !strcmp(raw.mn, "tlbwe") && w == 0x7C0007A4u) {
            if (strcmp(o.s, "tlbld r0") || strcmp(o.b, "tlbld r0")) {
                fail_case(st, where, w, m, "tlbld r0", &o, "the 603e's tlbld");
                return;
            }
            continue;
        }
        if (reason || (av && m != PPC_DASM_7400)) {
            if (!is_dcl(o.s, w) || !is_dcl(o.b, w)) {
                fail_case(st, where, w, m, text, &o,
                          reason ? reason : "AltiVec must be dc.l on this model");
                return;
            }
            continue;
        }
        if (!o.parsed) {
            fail_case(st, where, w, m, text, &o, "our text does not parse");
            return;
        }
        insn_text es, eb;
        if (!self_consistent(&o, dl, pc, &es, &eb)) {
            fail_case(st, where, w, m, text, &o, "simplified and basic forms disagree");
            return;
        }
        bool same = !strcmp(exp.mn, eb.mn) && exp.n == eb.n;
        for (int k = 0; same && k < exp.n; k++)
            same = !strcmp(exp.op[k], eb.op[k]) ||
                   (dl->r0_for_zero && !strcmp(exp.op[k], "r0") && !strcmp(eb.op[k], "0"));
        if (!same) {
            char e1[160], e2[160], why[400];
            format_text(&exp, e1, sizeof e1);
            format_text(&eb, e2, sizeof e2);
            snprintf(why, sizeof why, "basic forms differ: \"%s\" vs ours \"%s\"", e1, e2);
            fail_case(st, where, w, m, text, &o, why);
            return;
        }
    }
    if (reason) {
        st->listed++;
        if (verbose) diag("listed %s: 0x%08X \"%s\": %s", where, (unsigned)w, text, reason);
    } else {
        st->match++;
    }
}

static void report_tool(const char *name, const char *tool, const stats *st)
{
    total_passed += st->match + st->listed;
    total_failed += st->failed;
    result_line(st->failed == 0,
                "%s (%s): %lu of %lu compared cases match; %lu listed (dc.l confirmed), %lu "
                "skipped (64-bit only)",
                name, tool, st->match, st->match + st->failed, st->listed, st->skipped);
}

static void check_capstone_file(const char *path)
{
    char *text = read_file(path);
    stats st = {0};
    unsigned line_no = 0;
    char *p = text;
    bool header = false;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        line_no++;
        char *line = p;
        p = nl ? nl + 1 : p + strlen(p);
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[--l] = 0;
        if (line_no == 1) {
            if (strncmp(line, "# CS_ARCH_PPC, CS_MODE_BIG_ENDIAN", 33))
                bail("%s: line 1: not a Capstone PowerPC big-endian test file", path);
            header = true;
            continue;
        }
        if (!line[0] || line[0] == '#') continue;
        unsigned b[4];
        int used = 0;
        if (sscanf(line, " 0x%x , 0x%x , 0x%x , 0x%x = %n", &b[0], &b[1], &b[2], &b[3], &used) !=
                4 ||
            !used || b[0] > 255 || b[1] > 255 || b[2] > 255 || b[3] > 255)
            bail("%s: line %u: expected \"0xb0,0xb1,0xb2,0xb3 = text\": \"%s\"", path, line_no,
                 line);
        uint32_t w = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
        char where[96];
        snprintf(where, sizeof where, "%s:%u", base_name(path), line_no);
        tool_case(where, &d_capstone, w, line + used, false, &st);
    }
    free(text);
    if (!header || st.match + st.failed + st.listed + st.skipped == 0)
        bail("%s: no test cases", path);
    report_tool(base_name(path), "Capstone/LLVM", &st);
}

static void check_powerpc_rs(const char *path)
{
    char *text = read_file(path);
    stats st = {0};
    unsigned line_no = 0;
    char *p = text;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        line_no++;
        char *line = p;
        p = nl ? nl + 1 : p + strlen(p);
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[--l] = 0;
        if (!line[0]) continue;
        char *f[8];
        int n = split_csv(line, f, 8, true);
        if (line_no == 1) {
            if (n != 6 || strcmp(f[0], "source_file") || strcmp(f[4], "opcode_hex") ||
                strcmp(f[5], "expected_text"))
                bail("%s: line 1: not the powerpc-rs test CSV header", path);
            continue;
        }
        uint32_t w;
        if (n != 6 || !parse_u32(f[4], &w) || !f[5][0])
            bail("%s: line %u: expected source_file,test_fn,extensions,form,opcode_hex,"
                 "expected_text",
                 path, line_no);
        char where[96];
        snprintf(where, sizeof where, "%s:%u (%s)", base_name(path), line_no, f[1]);
        tool_case(where, &d_prs, w, f[5], !strcmp(f[2], "AltiVec"), &st);
    }
    free(text);
    if (st.match + st.failed + st.listed + st.skipped == 0) bail("%s: no test cases", path);
    report_tool(base_name(path), "powerpc-rs", &st);
}

/* ---- self-tests ---- */

/* Exact texts. model ALL: the same on every model; a model number with
 * ONLY: that text on that model and dc.l on the others; BASIC: with
 * PPC_DASM_BASIC. Encodings worked out by hand from MPCFPE32B appendix A,
 * MPC601UM and ALTIVECPEM. */
#define ALL   0
#define ONLY  1
#define BASIC 2
static const struct {
    int model;
    unsigned flags;
    uint32_t pc, w;
    const char *text;
} table[] = {
    /* integer immediates and their simplified forms */
    {ALL, 0, 0, 0x60000000, "nop"},
    {ALL, BASIC, 0, 0x60000000, "ori r0,r0,0x0"},
    {ALL, 0, 0, 0x3860FFCE, "li r3,-50"},
    {ALL, BASIC, 0, 0x3860FFCE, "addi r3,0,-50"},
    {ALL, 0, 0, 0x3C60BFF0, "lis r3,-16400"},
    {ALL, BASIC, 0, 0x3C60BFF0, "addis r3,0,-16400"},
    {ALL, 0, 0, 0x38610010, "addi r3,r1,16"},
    {ALL, 0, 0, 0x3821FFE0, "subi r1,r1,32"},
    {ALL, BASIC, 0, 0x3821FFE0, "addi r1,r1,-32"},
    {ALL, 0, 0, 0x3C63FFFF, "subis r3,r3,1"},
    {ALL, 0, 0, 0x3464FFFF, "subic. r3,r4,1"},
    {ALL, 0, 0, 0x30640008, "addic r3,r4,8"},
    {ALL, 0, 0, 0x1C64FFFD, "mulli r3,r4,-3"},
    {ALL, 0, 0, 0x2F83FFFF, "cmpwi cr7,r3,-1"},
    {ALL, 0, 0, 0x2803FFFF, "cmplwi r3,65535"},
    {ALL, BASIC, 0, 0x2803FFFF, "cmpli cr0,0,r3,65535"},
    {ALL, 0, 0, 0x2C430000, "dc.l 0x2C430000"}, /* cmpi: bit 9 reserved */
    {ALL, 0, 0, 0x2FA30005, "cmpi cr7,1,r3,5"},
    {ALL, 0, 0, 0x6063FF00, "ori r3,r3,0xFF00"},
    {ALL, 0, 0, 0x70600001, "andi. r0,r3,0x1"},
    {ALL, 0, 0, 0x6C638000, "xoris r3,r3,0x8000"},
    /* integer register forms */
    {ALL, 0, 0, 0x7C832378, "mr r3,r4"},
    {ALL, BASIC, 0, 0x7C832378, "or r3,r4,r4"},
    {ALL, 0, 0, 0x7C8320F9, "not. r3,r4"},
    {ALL, 0, 0, 0x7C652050, "sub r3,r4,r5"},
    {ALL, BASIC, 0, 0x7C652050, "subf r3,r5,r4"},
    {ALL, 0, 0, 0x7C652411, "subco. r3,r4,r5"},
    {ALL, 0, 0, 0x7C6400D0, "neg r3,r4"},
    {ALL, 0, 0, 0x7C642496, "dc.l 0x7C642496"}, /* mulhw has no OE */
    {ALL, 0, 0, 0x7C032000, "cmpw r3,r4"},
    {ALL, BASIC, 0, 0x7C032000, "cmp cr0,0,r3,r4"},
    {ALL, 0, 0, 0x7C832040, "cmplw cr1,r3,r4"},
    {ALL, 0, 0, 0x7C832670, "srawi r3,r4,4"},
    {ALL, 0, 0, 0x7C830775, "extsb. r3,r4"},
    {ALL, 0, 0, 0x7C830034, "cntlzw r3,r4"},
    /* traps */
    {ALL, 0, 0, 0x7FE00008, "trap"},
    {ALL, BASIC, 0, 0x7FE00008, "tw 31,r0,r0"},
    {ALL, 0, 0, 0x7C832008, "tweq r3,r4"},
    {ALL, 0, 0, 0x0C230005, "twlgti r3,5"},
    {ALL, 0, 0, 0x7C632008, "tw 3,r3,r4"},
    {ALL, 0, 0, 0x7D832008, "twge r3,r4"},
    {ALL, 0, 0, 0x7FE32008, "twu r3,r4"},
    {ALL, 0, 0, 0x0FE3FFFF, "twui r3,-1"},
    /* branches, at 0x1000 */
    {ALL, 0, 0x1000, 0x48000008, "b 0x00001008"},
    {ALL, 0, 0x1000, 0x4BFFFFFD, "bl 0x00000FFC"},
    {ALL, 0, 0x1000, 0x48000102, "ba 0x00000100"},
    {ALL, 0, 0x1000, 0x4BFFFF03, "bla 0xFFFFFF00"},
    {ALL, 0, 0x1000, 0x41860010, "beq cr1,0x00001010"},
    {ALL, BASIC, 0x1000, 0x41860010, "bc 12,4*cr1+eq,0x00001010"},
    {ALL, 0, 0x1000, 0x40A2FFF8, "bne- 0x00000FF8"},
    {ALL, 0, 0x1000, 0x40A20008, "bne+ 0x00001008"},
    {ALL, 0, 0x1000, 0x4082FFF8, "bne 0x00000FF8"},
    {ALL, 0, 0x1000, 0x4200FFF0, "bdnz 0x00000FF0"},
    {ALL, 0, 0x1000, 0x4220FFF0, "bdnz- 0x00000FF0"},
    {ALL, 0, 0x1000, 0x4245FFF0, "bc 18,4*cr1+gt,0x00000FF0"}, /* BI set: no bdz */
    {ALL, 0, 0x1000, 0x41060008, "bdnzt 4*cr1+eq,0x00001008"},
    {ALL, 0, 0x1000, 0x40430023, "bdzfla so,0x00000020"},
    {ALL, 0, 0x1000, 0x40430020, "bdzf so,0x00001020"},
    {ALL, 0, 0x1000, 0x42800010, "bc 20,lt,0x00001010"},
    {ALL, 0, 0x1000, 0x429F0005, "bcl 20,4*cr7+so,0x00001004"},
    {ALL, 0, 0, 0x4DC20020, "bclr 14,eq"}, /* z bit set */
    {ALL, 0, 0, 0x4DE20020, "bclr 15,eq"},
    {ALL, 0, 0, 0x4E800020, "blr"},
    {ALL, BASIC, 0, 0x4E800020, "bclr 20,lt"},
    {ALL, 0, 0, 0x4E800021, "blrl"},
    {ALL, 0, 0, 0x4E800420, "bctr"},
    {ALL, 0, 0, 0x4E800421, "bctrl"},
    {ALL, 0, 0, 0x4E810020, "bclr 20,gt"},
    {ALL, 0, 0, 0x4E000420, "bcctr 16,lt"}, /* bcctr may not decrement CTR */
    {ALL, 0, 0, 0x4C880021, "bgelrl cr2"},
    {ALL, 0, 0, 0x4DBF0020, "bsolr+ cr7"},
    {ALL, 0, 0, 0x4C8A1820, "dc.l 0x4C8A1820"}, /* bits 16-20 of bclr */
    /* condition register */
    {ALL, 0, 0, 0x4CC63242, "crset 4*cr1+eq"},
    {ALL, BASIC, 0, 0x4CC63242, "creqv 4*cr1+eq,4*cr1+eq,4*cr1+eq"},
    {ALL, 0, 0, 0x4C631982, "crclr so"},
    {ALL, 0, 0, 0x4C010B82, "crmove lt,gt"},
    {ALL, 0, 0, 0x4C431842, "crnot eq,so"},
    {ALL, 0, 0, 0x4C411A03, "dc.l 0x4C411A03"},
    {ALL, 0, 0, 0x4C9C0000, "mcrf cr1,cr7"},
    {ALL, 0, 0, 0x4C000064, "rfi"},
    {ALL, 0, 0, 0x4C00012C, "isync"},
    {ALL, 0, 0, 0x4C200064, "dc.l 0x4C200064"},
    {ALL, 0, 0, 0x44000002, "sc"},
    {ALL, 0, 0, 0x44000022, "dc.l 0x44000022"},
    {ALL, 0, 0, 0x44000000, "dc.l 0x44000000"},
    /* rotates */
    {ALL, 0, 0, 0x5483403E, "rotlwi r3,r4,8"},
    {ALL, 0, 0, 0x5483C03E, "rotrwi r3,r4,8"},
    {ALL, 0, 0, 0x5483103A, "slwi r3,r4,2"},
    {ALL, BASIC, 0, 0x5483103A, "rlwinm r3,r4,2,0,29"},
    {ALL, 0, 0, 0x5483F0BE, "srwi r3,r4,2"},
    {ALL, 0, 0, 0x5483043E, "clrlwi r3,r4,16"},
    {ALL, 0, 0, 0x5483003A, "clrrwi r3,r4,2"},
    {ALL, 0, 0, 0x5483200E, "extlwi r3,r4,8,4"},
    {ALL, 0, 0, 0x5483663E, "extrwi r3,r4,8,4"},
    {ALL, 0, 0, 0x548311BA, "clrlslwi r3,r4,8,2"},
    {ALL, 0, 0, 0x548307C0, "rlwinm r3,r4,0,31,0"},
    {ALL, 0, 0, 0x5083E116, "inslwi r3,r4,8,4"},
    {ALL, 0, 0, 0x5083A116, "insrwi r3,r4,8,4"},
    {ALL, 0, 0, 0x50830FFC, "rlwimi r3,r4,1,31,30"},
    {ALL, 0, 0, 0x5C83283E, "rotlw r3,r4,r5"},
    {ALL, 0, 0, 0x5C83283C, "rlwnm r3,r4,r5,0,30"},
    /* loads and stores */
    {ALL, 0, 0, 0x807FFFF8, "lwz r3,-8(r31)"},
    {ALL, 0, 0, 0x80600010, "lwz r3,16(0)"},
    {ALL, 0, 0, 0x84600004, "lwzu r3,4(r0)"},
    {ALL, 0, 0, 0xC8210008, "lfd f1,8(r1)"},
    {ALL, 0, 0, 0xDFE1FFF8, "stfdu f31,-8(r1)"},
    {ALL, 0, 0, 0xBBA1FFF4, "lmw r29,-12(r1)"},
    {ALL, 0, 0, 0xBDA00000, "stmw r13,0(0)"},
    {ALL, 0, 0, 0x7C60202E, "lwzx r3,0,r4"},
    {ALL, 0, 0, 0x7C60206E, "lwzux r3,r0,r4"},
    {ALL, 0, 0, 0x7C23242E, "lfsx f1,r3,r4"},
    {ALL, 0, 0, 0x7C2027AE, "stfiwx f1,0,r4"},
    {ALL, 0, 0, 0x7C602028, "lwarx r3,0,r4"},
    {ALL, 0, 0, 0x7C602029, "dc.l 0x7C602029"},
    {ALL, 0, 0, 0x7C60212D, "stwcx. r3,0,r4"},
    {ALL, 0, 0, 0x7C60212C, "dc.l 0x7C60212C"},
    {ALL, 0, 0, 0x7C6404AA, "lswi r3,r4,32"},
    {ALL, 0, 0, 0x7CA025AA, "stswi r5,0,4"},
    {ALL, 0, 0, 0x7C642C2A, "lswx r3,r4,r5"},
    {ALL, 0, 0, 0x7C642A6C, "eciwx r3,r4,r5"},
    {ALL, 0, 0, 0x7C642B6C, "ecowx r3,r4,r5"},
    {ALL, 0, 0, 0x7C001FEC, "dcbz 0,r3"},
    {ALL, 0, 0, 0x7C201FEC, "dc.l 0x7C201FEC"},
    {ALL, 0, 0, 0x7C0325EC, "dcba r3,r4"},
    {ALL, 0, 0, 0x7C0323AC, "dcbi r3,r4"},
    {ALL, 0, 0, 0x7C00222C, "dcbt 0,r4"},
    /* system */
    {ALL, 0, 0, 0x7C6000A6, "mfmsr r3"},
    {ALL, 0, 0, 0x7C600124, "mtmsr r3"},
    {ALL, 0, 0, 0x7C6F04A6, "mfsr r3,15"},
    {ALL, 0, 0, 0x7C6001A4, "mtsr 0,r3"},
    {ALL, 0, 0, 0x7C602526, "mfsrin r3,r4"},
    {ALL, 0, 0, 0x7C6021E4, "mtsrin r3,r4"},
    {ALL, 0, 0, 0x7C002264, "tlbie r4"},
    {ALL, 0, 0, 0x7C00046C, "tlbsync"},
    {ALL, 0, 0, 0x7C0002E4, "tlbia"},
    {ALL, 0, 0, 0x7C0004AC, "sync"},
    {ALL, 0, 0, 0x7C2004AC, "dc.l 0x7C2004AC"},
    {ALL, 0, 0, 0x7C0006AC, "eieio"},
    {ALL, 0, 0, 0x7D800400, "mcrxr cr3"},
    {ALL, 0, 0, 0x7C600026, "mfcr r3"},
    {ALL, 0, 0, 0x7C680120, "mtcrf 0x80,r3"},
    {ALL, 0, 0, 0x7C6FF120, "mtcr r3"},
    {ALL, BASIC, 0, 0x7C6FF120, "mtcrf 0xFF,r3"},
    {ALL, 0, 0, 0x7C710120, "dc.l 0x7C710120"}, /* mtocrf */
    /* SPR moves */
    {ALL, 0, 0, 0x7C0802A6, "mflr r0"},
    {ALL, BASIC, 0, 0x7C0802A6, "mfspr r0,8"},
    {ALL, 0, 0, 0x7C6903A6, "mtctr r3"},
    {ALL, 0, 0, 0x7C6103A6, "mtxer r3"},
    {ALL, 0, 0, 0x7C7242A6, "mfsprg r3,2"},
    {ALL, 0, 0, 0x7C7343A6, "mtsprg 3,r3"},
    {ALL, 0, 0, 0x7C7083A6, "mtibatu 0,r3"},
    {PPC_DASM_750, 0, 0, 0x7C7F82A6, "mfdbatl r3,3"},
    {PPC_DASM_601, 0, 0, 0x7C7F82A6, "mfspr r3,543"},
    {ALL, 0, 0, 0x7C7F42A6, "mfpvr r3"},
    {ALL, 0, 0, 0x7C7F43A6, "mtspr 287,r3"},
    {ALL, 0, 0, 0x7C7C43A6, "mttbl r3"},
    {ALL, 0, 0, 0x7C7C42A6, "mfspr r3,284"},
    {ALL, 0, 0, 0x7C70FAA6, "mfspr r3,1008"},
    {PPC_DASM_601, 0, 0, 0x7C6002A6, "mfmq r3"},
    {PPC_DASM_750, 0, 0, 0x7C6002A6, "mfspr r3,0"},
    {PPC_DASM_601, 0, 0, 0x7C6402A6, "mfrtcu r3"},
    {PPC_DASM_601, 0, 0, 0x7C7503A6, "mtrtcl r3"},
    {PPC_DASM_601, 0, 0, 0x7C7403A6, "mtrtcu r3"},
    {PPC_DASM_601, 0, 0, 0x7C6502A6, "mfrtcl r3"},
    {PPC_DASM_604E, 0, 0, 0x7C7503A6, "mtspr 21,r3"},
    {PPC_DASM_7400, 0, 0, 0x7C6042A6, "mfvrsave r3"},
    {PPC_DASM_603E, 0, 0, 0x7C6042A6, "mfspr r3,256"},
    {ALL, 0, 0, 0x7C6C42E6, "mftb r3"},
    {ALL, BASIC, 0, 0x7C6C42E6, "mftb r3,268"},
    {ALL, 0, 0, 0x7C6D42E6, "mftbu r3"},
    {ALL, 0, 0, 0x7C7B1AE6, "mftb r3,123"},
    /* floating point */
    {ALL, 0, 0, 0xFC22182A, "fadd f1,f2,f3"},
    {ALL, 0, 0, 0xFC22186A, "dc.l 0xFC22186A"}, /* frC of fadd */
    {ALL, 0, 0, 0xFC2200F2, "fmul f1,f2,f3"},
    {ALL, 0, 0, 0xEC2220FA, "fmadds f1,f2,f3,f4"},
    {ALL, 0, 0, 0xFC2220EE, "fsel f1,f2,f3,f4"},
    {ALL, 0, 0, 0xFC20102C, "fsqrt f1,f2"},
    {ALL, 0, 0, 0xEC201030, "fres f1,f2"},
    {ALL, 0, 0, 0xFC201035, "frsqrte. f1,f2"},
    {ALL, 0, 0, 0xFC821800, "fcmpu cr1,f2,f3"},
    {ALL, 0, 0, 0xFC821841, "dc.l 0xFC821841"},
    {ALL, 0, 0, 0xFC20101E, "fctiwz f1,f2"},
    {ALL, 0, 0, 0xFC201050, "fneg f1,f2"},
    {ALL, 0, 0, 0xFC201091, "fmr. f1,f2"},
    {ALL, 0, 0, 0xFC60048E, "mffs f3"},
    {ALL, 0, 0, 0xFDFE0D8E, "mtfsf 0xFF,f1"},
    {ALL, 0, 0, 0xFFFE0D8E, "dc.l 0xFFFE0D8E"},
    {ALL, 0, 0, 0xFFE0004C, "mtfsb1 31"},
    {ALL, 0, 0, 0xFC880080, "mcrfs cr1,cr2"},
    /* POWER instructions: 601 only */
    {PPC_DASM_601, ONLY, 0, 0x7C6402D0, "abs r3,r4"},
    {PPC_DASM_601, ONLY, 0, 0x7C6406D1, "abso. r3,r4"},
    {ALL, 0, 0, 0x7C6412D0, "dc.l 0x7C6412D0"}, /* abs: rB reserved */
    {PPC_DASM_601, ONLY, 0, 0x7C640426, "clcs r3,r4"},
    {PPC_DASM_601, ONLY, 0, 0x7C642A96, "div r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C642AD6, "divs r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C642A10, "doz r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x2464FFFF, "dozi r3,r4,-1"},
    {PPC_DASM_601, ONLY, 0, 0x7C642A2A, "lscbx r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C602A2B, "lscbx. r3,0,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C83283A, "maskg r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832C3B, "maskir. r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C6428D6, "mul r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C6403D0, "nabs r3,r4"},
    {PPC_DASM_601, ONLY, 0, 0x58832A1E, "rlmi r3,r4,r5,8,15"},
    {PPC_DASM_601, ONLY, 0, 0x7C832C32, "rrib r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832932, "sle r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C8329B2, "sleq r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832970, "sliq r3,r4,5"},
    {PPC_DASM_601, ONLY, 0, 0x7C8329F0, "slliq r3,r4,5"},
    {PPC_DASM_601, ONLY, 0, 0x7C8329B0, "sllq r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832930, "slq r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832F70, "sraiq r3,r4,5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832F30, "sraq r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832D32, "sre r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832F32, "srea r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832DB2, "sreq r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832D70, "sriq r3,r4,5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832DF0, "srliq r3,r4,5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832DB0, "srlq r3,r4,r5"},
    {PPC_DASM_601, ONLY, 0, 0x7C832D30, "srq r3,r4,r5"},
    /* 603e */
    {PPC_DASM_603E, ONLY, 0, 0x7C0027A4, "tlbld r4"},
    {PPC_DASM_603E, ONLY, 0, 0x7C0027E4, "tlbli r4"},
    {ALL, 0, 0, 0x7C0327A4, "dc.l 0x7C0327A4"}, /* tlbld: rA reserved */
    /* AltiVec: 7400 only */
    {PPC_DASM_7400, ONLY, 0, 0x10221800, "vaddubm v1,v2,v3"},
    {PPC_DASM_7400, ONLY, 0, 0x10221484, "vmr v1,v2"},
    {PPC_DASM_7400, ONLY | BASIC, 0, 0x10221484, "vor v1,v2,v2"},
    {PPC_DASM_7400, ONLY, 0, 0x10221504, "vnot v1,v2"},
    {PPC_DASM_7400, ONLY, 0, 0x1022192C, "vsldoi v1,v2,v3,4"},
    {ALL, 0, 0, 0x10221D2C, "dc.l 0x10221D2C"}, /* vsldoi: bit 21 */
    {PPC_DASM_7400, ONLY, 0, 0x102220EE, "vmaddfp v1,v2,v3,v4"},
    {PPC_DASM_7400, ONLY, 0, 0x1022192B, "vperm v1,v2,v3,v4"},
    {PPC_DASM_7400, ONLY, 0, 0x1030030C, "vspltisb v1,-16"},
    {PPC_DASM_7400, ONLY, 0, 0x102F120C, "vspltb v1,v2,15"},
    {ALL, 0, 0, 0x1024128C, "dc.l 0x1024128C"}, /* vspltw element 4 */
    {PPC_DASM_7400, ONLY, 0, 0x10221C06, "vcmpequb. v1,v2,v3"},
    {PPC_DASM_7400, ONLY, 0, 0x103F134A, "vcfsx v1,v2,31"},
    {PPC_DASM_7400, ONLY, 0, 0x10200604, "mfvscr v1"},
    {PPC_DASM_7400, ONLY, 0, 0x10001644, "mtvscr v2"},
    {ALL, 0, 0, 0x10201644, "dc.l 0x10201644"},
    {PPC_DASM_7400, ONLY, 0, 0x1020110A, "vrefp v1,v2"},
    {ALL, 0, 0, 0x1021110A, "dc.l 0x1021110A"},
    {PPC_DASM_7400, ONLY, 0, 0x7C2018CE, "lvx v1,0,r3"},
    {PPC_DASM_7400, ONLY, 0, 0x7C221BCE, "stvxl v1,r2,r3"},
    {PPC_DASM_7400, ONLY, 0, 0x7C22180C, "lvsl v1,r2,r3"},
    {PPC_DASM_7400, ONLY, 0, 0x7C4322AC, "dst r3,r4,2"},
    {PPC_DASM_7400, ONLY, 0, 0x7E4322AC, "dstt r3,r4,2"},
    {PPC_DASM_7400, ONLY, 0, 0x7E2322EC, "dststt r3,r4,1"},
    {PPC_DASM_7400, ONLY, 0, 0x7C20066C, "dss 1"},
    {PPC_DASM_7400, ONLY, 0, 0x7E00066C, "dssall"},
    {ALL, 0, 0, 0x7E20066C, "dc.l 0x7E20066C"},
    {ALL, 0, 0, 0x7D4322AC, "dc.l 0x7D4322AC"}, /* dst: bit 7 */
    /* not instructions of any model here */
    {ALL, 0, 0, 0x00000000, "dc.l 0x00000000"},
    {ALL, 0, 0, 0x04000000, "dc.l 0x04000000"},
    {ALL, 0, 0, 0xE8000000, "dc.l 0xE8000000"},
    {ALL, 0, 0, 0x78000000, "dc.l 0x78000000"},
    {ALL, 0, 0, 0xEC000000, "dc.l 0xEC000000"},
    {ALL, 0, 0, 0xFC000010, "dc.l 0xFC000010"},
    {ALL, 0, 0, 0xFFFFFFFF, "fnmadd. f31,f31,f31,f31"},
};

static bool self_test_table(void)
{
    unsigned long ok = 0, bad = 0;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        for (int k = 0; k < 5; k++) {
            int m = models[k];
            const char *want = table[i].text;
            char dcl[32];
            if (table[i].model != ALL && table[i].model != m) {
                if (!(table[i].flags & ONLY)) continue;
                snprintf(dcl, sizeof dcl, "dc.l 0x%08X", (unsigned)table[i].w);
                want = dcl;
            }
            char buf[PPC_DASM_BUFSIZE];
            unsigned flags = (table[i].flags & BASIC) ? PPC_DASM_BASIC : 0;
            ppc_dasm_ex(table[i].pc, table[i].w, m, flags, buf, sizeof buf);
            if (strcmp(buf, want)) {
                bad++;
                diag("FAIL table: 0x%08X on %d%s: expected \"%s\", got \"%s\"",
                     (unsigned)table[i].w, m, flags ? " (basic)" : "", want, buf);
            } else {
                ok++;
            }
        }
    }
    total_passed += ok;
    total_failed += bad;
    result_line(bad == 0, "self-test: %lu of %lu exact texts", ok, ok + bad);
    return bad == 0;
}

static bool self_test_truncation(void)
{
    static const uint32_t words[] = {0x7C0004AC, 0x4E800020, 0x3860FFCE,
                                     0x7D49F02F, 0x54DF0FBC, 0xFD8952FC};
    unsigned long bad = 0, n = 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        char full[PPC_DASM_BUFSIZE];
        int len = ppc_dasm(0x1000, words[i], PPC_DASM_750, full, sizeof full);
        n++;
        if (len != (int)strlen(full) || ppc_dasm(0x1000, words[i], PPC_DASM_750, NULL, 0) != len) {
            bad++;
            diag("FAIL truncation: 0x%08X: length %d for \"%s\"", (unsigned)words[i], len, full);
            continue;
        }
        for (int size = 1; size <= len + 1; size++) {
            char buf[PPC_DASM_BUFSIZE + 8];
            memset(buf, 'X', sizeof buf);
            int r = ppc_dasm(0x1000, words[i], PPC_DASM_750, buf, (size_t)size);
            n++;
            if (r != len || strlen(buf) != (size_t)(size - 1 < len ? size - 1 : len) ||
                strncmp(buf, full, strlen(buf)) || buf[size] != 'X') {
                bad++;
                diag("FAIL truncation: 0x%08X with a %d-byte buffer", (unsigned)words[i], size);
            }
        }
    }
    total_passed += n - bad;
    total_failed += bad;
    result_line(bad == 0, "self-test: snprintf contract (%lu checks)", n);
    return bad == 0;
}

static uint32_t rng_state = 0x12345678u;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

typedef struct sweep {
    unsigned long words, checks, bad, valid[5];
} sweep;

static void sweep_fail(sweep *s, uint32_t w, int m, const char *why, const char *a, const char *b)
{
    s->bad++;
    if (!verbose && s->bad > 25) return;
    diag("FAIL sweep: 0x%08X on %d: %s (\"%s\" / \"%s\")", (unsigned)w, m, why, a, b);
}

static void sweep_word(sweep *s, uint32_t w)
{
    char base_s[PPC_DASM_BUFSIZE] = "", base_b[PPC_DASM_BUFSIZE] = "";
    bool base_valid = false;
    s->words++;
    /* the 604e first: it decodes the base architecture only */
    static const int order[5] = {PPC_DASM_604E, PPC_DASM_750, PPC_DASM_7400, PPC_DASM_603E,
                                 PPC_DASM_601};
    for (int k = 0; k < 5; k++) {
        int m = order[k];
        ours o;
        int ls = ppc_dasm(0x10000, w, m, o.s, sizeof o.s);
        int lb = ppc_dasm_ex(0x10000, w, m, PPC_DASM_BASIC, o.b, sizeof o.b);
        int valid = ppc_dasm_valid(w, m);
        s->checks++;
        if (ls != (int)strlen(o.s) || lb != (int)strlen(o.b) || ls >= PPC_DASM_BUFSIZE - 1 ||
            lb >= PPC_DASM_BUFSIZE - 1) {
            sweep_fail(s, w, m, "length", o.s, o.b);
            continue;
        }
        bool ds = is_dcl(o.s, w), db = is_dcl(o.b, w);
        if (ds != db || ds == (valid != 0) || (!ds && !strncmp(o.s, "dc.l", 4))) {
            sweep_fail(s, w, m, "dc.l / ppc_dasm_valid disagree", o.s, o.b);
            continue;
        }
        if (k == 0) {
            base_valid = valid;
            memcpy(base_s, o.s, sizeof base_s);
            memcpy(base_b, o.b, sizeof base_b);
        }
        if (valid) s->valid[k]++;
        if (base_valid && !valid) sweep_fail(s, w, m, "valid on the 604e but not here", o.s, o.b);
        if (m == PPC_DASM_750 && (strcmp(o.s, base_s) || strcmp(o.b, base_b)))
            sweep_fail(s, w, m, "604e and 750 texts differ", o.s, base_s);
        if (!valid) continue;
        if (!base_valid) { /* a model-specific instruction */
            char mn[MNLEN];
            snprintf(mn, sizeof mn, "%.*s", (int)strcspn(o.s, " "), o.s);
            bool ok = (m == PPC_DASM_601 && is_power(mn)) ||
                      (m == PPC_DASM_603E && (!strcmp(mn, "tlbld") || !strcmp(mn, "tlbli"))) ||
                      (m == PPC_DASM_7400 && is_altivec(mn));
            if (!ok)
                sweep_fail(s, w, m, "only valid on this model, but not one of its own", o.s, "");
        }
        o.parsed = parse_text(o.s, &o.ts) && parse_text(o.b, &o.tb);
        insn_text es, eb;
        if (!o.parsed) {
            sweep_fail(s, w, m, "text does not parse", o.s, o.b);
        } else if (!self_consistent(&o, &d_ours, 0x10000, &es, &eb)) {
            char e1[160], e2[160];
            format_text(&es, e1, sizeof e1);
            format_text(&eb, e2, sizeof e2);
            sweep_fail(s, w, m, "simplified text does not expand to the basic one", e1, e2);
        }
    }
}

static bool self_test_sweep(void)
{
    sweep s = {0};
    static const uint32_t fields[4] = {0x00000000u, 0x03FFF800u, 0x00642800u, 0};
    for (unsigned op = 0; op < 64; op++) {
        bool extended = op == 4 || op == 19 || op == 31 || op == 59 || op == 63;
        if (extended) {
            for (uint32_t low = 0; low < 2048; low++) {
                for (int f = 0; f < 4; f++) {
                    uint32_t fl = f == 3 ? rnd() & 0x03FFF800u : fields[f];
                    sweep_word(&s, op << 26 | fl | low);
                    if (op == 4 || op == 59 || op == 63) /* A/VA-forms: bits 21-25 are fields */
                        sweep_word(&s, op << 26 | (rnd() & 0x03FFFFFFu));
                }
            }
        } else {
            for (int i = 0; i < 3000; i++) sweep_word(&s, op << 26 | (rnd() & 0x03FFFFFFu));
        }
    }
    /* every SPR/TBR number of mfspr, mtspr and mftb */
    for (uint32_t spr = 0; spr < 1024; spr++) {
        uint32_t f = (spr & 31) << 16 | (spr >> 5) << 11;
        sweep_word(&s, 0x7C6002A6u | f);
        sweep_word(&s, 0x7C6003A6u | f);
        sweep_word(&s, 0x7C6002E6u | f);
    }
    for (int i = 0; i < 200000; i++) sweep_word(&s, rnd());
    total_passed += s.checks - s.bad;
    total_failed += s.bad;
    result_line(s.bad == 0,
                "self-test: sweep of %lu words x 5 models (%lu checks; valid on 604e %lu, 750 "
                "%lu, 7400 %lu, 603e %lu, 601 %lu)",
                s.words, s.checks, s.valid[0], s.valid[1], s.valid[2], s.valid[3], s.valid[4]);
    return s.bad == 0;
}

/* ---- main ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The Capstone files: a file, or the *.s.cs files of a directory, sorted. */
static size_t capstone_files(const char *path, char ***out)
{
    struct stat st;
    if (stat(path, &st) != 0) bail("%s: %s", path, strerror(errno));
    char **v = NULL;
    size_t n = 0;
    if (!S_ISDIR(st.st_mode)) {
        v = malloc(sizeof *v);
        if (!v || !(v[0] = strdup(path))) bail("out of memory");
        *out = v;
        return 1;
    }
    DIR *d = opendir(path);
    if (!d) bail("%s: %s", path, strerror(errno));
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!ends_with(e->d_name, ".s.cs")) continue;
        char **nv = realloc(v, (n + 1) * sizeof *v);
        if (!nv) bail("out of memory");
        v = nv;
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        v[n] = malloc(len);
        if (!v[n]) bail("out of memory");
        snprintf(v[n], len, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(d);
    if (n == 0) bail("%s: no .s.cs files in this directory", path);
    qsort(v, n, sizeof *v, cmp_str);
    *out = v;
    return n;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: ppc-dasm-check [--tap] [--self-test] [--verbose] [--dingus FILE]\n"
               "                      [--capstone FILE-or-DIR] [--powerpc-rs FILE]\n"
               "Checks the PowerPC disassembler against the DingusPPC, Capstone and powerpc-rs\n"
               "test sets (../shared/testdata) and its own self-tests.\n");
}

int main(int argc, char **argv)
{
    const char *dingus = NULL, *capstone = NULL, *prs = NULL;
    bool selftest = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--tap")) {
            tap = true;
        } else if (!strcmp(a, "--self-test")) {
            selftest = true;
        } else if (!strcmp(a, "--verbose")) {
            verbose = true;
        } else if (!strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if ((!strcmp(a, "--dingus") || !strcmp(a, "--capstone") ||
                    !strcmp(a, "--powerpc-rs")) &&
                   i + 1 < argc) {
            const char **dst = a[2] == 'd' ? &dingus : a[2] == 'c' ? &capstone : &prs;
            *dst = argv[++i];
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!dingus && !capstone && !prs && !selftest) {
        usage(stderr);
        return 2;
    }
    /* Every file must exist before anything is reported. */
    struct stat st;
    if (dingus && stat(dingus, &st) != 0) bail("%s: %s", dingus, strerror(errno));
    if (prs && stat(prs, &st) != 0) bail("%s: %s", prs, strerror(errno));
    char **cfiles = NULL;
    size_t ncap = capstone ? capstone_files(capstone, &cfiles) : 0;

    if (tap) printf("1..%zu\n", (selftest ? 3 : 0) + (dingus ? 1 : 0) + ncap + (prs ? 1 : 0));
    if (selftest) {
        self_test_table();
        self_test_truncation();
        self_test_sweep();
    }
    if (dingus) check_dingus(dingus);
    for (size_t i = 0; i < ncap; i++) {
        check_capstone_file(cfiles[i]);
        free(cfiles[i]);
    }
    free(cfiles);
    if (prs) check_powerpc_rs(prs);
    printf("%lu passed, %lu failed\n", total_passed, total_failed);
    return total_failed ? 1 : 0;
}
