/* Valgrind's jm-vmx.stdout.exp (jm-insns -a: AltiVec), run on the 7400.
 * SOURCES.md section 7 describes the file.
 *
 * What the program does for each line, as read in Valgrind's
 * none/tests/ppc32/jm-insns.c: CR and VSCR are cleared (so VSCR[NJ] = 0,
 * Java mode), the sources go to v14, v15, v16, the instruction runs with
 * v17 as its target, and v17 and the CR are printed (VSCR[SAT] is not).
 * The operands are v17,v14,v15(,v16) in assembler order, so vmaddfp and
 * vnmsubfp get vA = v14, vC = v15, vB = v16. Immediates (vsldoi's SHB,
 * the splat and conversion UIMMs, the vspltis SIMMs) are patched into
 * the instruction. The loads read from a table of the program's vectors
 * at r15 + r14 (r14 = 16 * vector + offset); the stores write v14 to a
 * zeroed table at r16 + r15 and print that vector's slot, which keeps
 * what the earlier offsets of the same vector stored. lvsl/lvsr run
 * with r15 = the 16-aligned table and print the low 4 bits of r14 in hex.
 *
 * What the program prints is masked in places, and the same masks are
 * applied here: bytes other than the one loaded by lvebx (halfword,
 * word: lvehx, lvewx), whose contents the PEM leaves undefined; the low
 * 14 bits of vrefp and vrsqrtefp (estimates); the low bit of vmaddfp and
 * vnmsubfp. (The masks are inferred from the recorded values: a masked
 * bit is never set in them, which the reader checks.)
 *
 * Lines whose recorded value no 7400 produces are counted as not
 * applicable, with the reason, never as passed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "ppc-vectors.h"

#define VMX_DATA 0x00010000u /* the program's argument table */
#define VMX_PRIV 0x00018000u /* the table the stores write */
#define VMX_SPAN 0x00004000u

typedef enum {
    F_ONE,   /* vD,vB: "name: v" then "name:  => v (cr)" */
    F_TWO,   /* vD,vA,vB: "name: v, v" then "=> v (cr)" */
    F_THREE, /* vD,vA,vB,vC (VA form) */
    F_FMA,   /* vD,vA,vC,vB: vmaddfp, vnmsubfp */
    F_SPLT,  /* vD,vB,UIMM: "name: v, n" */
    F_SPLTI, /* vD,SIMM: "name: n => v (cr)" */
    F_SLDOI, /* vD,vA,vB,SHB: "name: v, v, n" then "=> v] (cr)" */
    F_LVS,   /* lvsl/lvsr: "name n, 0 => 0x.. 0x.. (cr)" */
    F_LOAD,  /* "name j, v => v (cr)" */
    F_STORE, /* "name j, v => v (cr)" */
    F_CVT,   /* vD,vB,UIMM: "name: x (f), n => x (f) (cr)" */
} vmx_form;

typedef struct vmx_op {
    const char *name;
    uint16_t xo; /* extended opcode: 11-bit VX, 10-bit VC + Rc, 6-bit VA, or opcode 31's */
    uint8_t form;
    uint32_t mask; /* bits of each result word the program prints; 0: all */
} vmx_op;

static const vmx_op vmx_ops[] = {
    {"vaddubm", 0, F_TWO, 0},
    {"vadduhm", 64, F_TWO, 0},
    {"vadduwm", 128, F_TWO, 0},
    {"vaddubs", 512, F_TWO, 0},
    {"vadduhs", 576, F_TWO, 0},
    {"vadduws", 640, F_TWO, 0},
    {"vaddsbs", 768, F_TWO, 0},
    {"vaddshs", 832, F_TWO, 0},
    {"vaddsws", 896, F_TWO, 0},
    {"vaddcuw", 384, F_TWO, 0},
    {"vsububm", 1024, F_TWO, 0},
    {"vsubuhm", 1088, F_TWO, 0},
    {"vsubuwm", 1152, F_TWO, 0},
    {"vsububs", 1536, F_TWO, 0},
    {"vsubuhs", 1600, F_TWO, 0},
    {"vsubuws", 1664, F_TWO, 0},
    {"vsubsbs", 1792, F_TWO, 0},
    {"vsubshs", 1856, F_TWO, 0},
    {"vsubsws", 1920, F_TWO, 0},
    {"vsubcuw", 1408, F_TWO, 0},
    {"vmuloub", 8, F_TWO, 0},
    {"vmulouh", 72, F_TWO, 0},
    {"vmulosb", 264, F_TWO, 0},
    {"vmulosh", 328, F_TWO, 0},
    {"vmuleub", 520, F_TWO, 0},
    {"vmuleuh", 584, F_TWO, 0},
    {"vmulesb", 776, F_TWO, 0},
    {"vmulesh", 840, F_TWO, 0},
    {"vsumsws", 1928, F_TWO, 0},
    {"vsum2sws", 1672, F_TWO, 0},
    {"vsum4ubs", 1544, F_TWO, 0},
    {"vsum4sbs", 1800, F_TWO, 0},
    {"vsum4shs", 1608, F_TWO, 0},
    {"vavgub", 1026, F_TWO, 0},
    {"vavguh", 1090, F_TWO, 0},
    {"vavguw", 1154, F_TWO, 0},
    {"vavgsb", 1282, F_TWO, 0},
    {"vavgsh", 1346, F_TWO, 0},
    {"vavgsw", 1410, F_TWO, 0},
    {"vmaxub", 2, F_TWO, 0},
    {"vmaxuh", 66, F_TWO, 0},
    {"vmaxuw", 130, F_TWO, 0},
    {"vmaxsb", 258, F_TWO, 0},
    {"vmaxsh", 322, F_TWO, 0},
    {"vmaxsw", 386, F_TWO, 0},
    {"vminub", 514, F_TWO, 0},
    {"vminuh", 578, F_TWO, 0},
    {"vminuw", 642, F_TWO, 0},
    {"vminsb", 770, F_TWO, 0},
    {"vminsh", 834, F_TWO, 0},
    {"vminsw", 898, F_TWO, 0},
    {"vand", 1028, F_TWO, 0},
    {"vor", 1156, F_TWO, 0},
    {"vxor", 1220, F_TWO, 0},
    {"vandc", 1092, F_TWO, 0},
    {"vnor", 1284, F_TWO, 0},
    {"vrlb", 4, F_TWO, 0},
    {"vrlh", 68, F_TWO, 0},
    {"vrlw", 132, F_TWO, 0},
    {"vslb", 260, F_TWO, 0},
    {"vslh", 324, F_TWO, 0},
    {"vslw", 388, F_TWO, 0},
    {"vsrb", 516, F_TWO, 0},
    {"vsrh", 580, F_TWO, 0},
    {"vsrw", 644, F_TWO, 0},
    {"vsrab", 772, F_TWO, 0},
    {"vsrah", 836, F_TWO, 0},
    {"vsraw", 900, F_TWO, 0},
    {"vpkuhum", 14, F_TWO, 0},
    {"vpkuwum", 78, F_TWO, 0},
    {"vpkuhus", 142, F_TWO, 0},
    {"vpkuwus", 206, F_TWO, 0},
    {"vpkshus", 270, F_TWO, 0},
    {"vpkswus", 334, F_TWO, 0},
    {"vpkshss", 398, F_TWO, 0},
    {"vpkswss", 462, F_TWO, 0},
    {"vpkpx", 782, F_TWO, 0},
    {"vmrghb", 12, F_TWO, 0},
    {"vmrghh", 76, F_TWO, 0},
    {"vmrghw", 140, F_TWO, 0},
    {"vmrglb", 268, F_TWO, 0},
    {"vmrglh", 332, F_TWO, 0},
    {"vmrglw", 396, F_TWO, 0},
    {"vslo", 1036, F_TWO, 0},
    {"vsro", 1100, F_TWO, 0},
    {"vsl", 452, F_TWO, 0},
    {"vsr", 708, F_TWO, 0},
    {"vupkhsb", 526, F_ONE, 0},
    {"vupkhsh", 590, F_ONE, 0},
    {"vupkhpx", 846, F_ONE, 0},
    {"vupklsb", 654, F_ONE, 0},
    {"vupklsh", 718, F_ONE, 0},
    {"vupklpx", 974, F_ONE, 0},
    {"vcmpgtub", 518, F_TWO, 0},
    {"vcmpgtuh", 582, F_TWO, 0},
    {"vcmpgtuw", 646, F_TWO, 0},
    {"vcmpgtsb", 774, F_TWO, 0},
    {"vcmpgtsh", 838, F_TWO, 0},
    {"vcmpgtsw", 902, F_TWO, 0},
    {"vcmpequb", 6, F_TWO, 0},
    {"vcmpequh", 70, F_TWO, 0},
    {"vcmpequw", 134, F_TWO, 0},
    {"vcmpgtub.", 1542, F_TWO, 0},
    {"vcmpgtuh.", 1606, F_TWO, 0},
    {"vcmpgtuw.", 1670, F_TWO, 0},
    {"vcmpgtsb.", 1798, F_TWO, 0},
    {"vcmpgtsh.", 1862, F_TWO, 0},
    {"vcmpgtsw.", 1926, F_TWO, 0},
    {"vcmpequb.", 1030, F_TWO, 0},
    {"vcmpequh.", 1094, F_TWO, 0},
    {"vcmpequw.", 1158, F_TWO, 0},
    {"vcmpeqfp", 198, F_TWO, 0},
    {"vcmpgefp", 454, F_TWO, 0},
    {"vcmpgtfp", 710, F_TWO, 0},
    {"vcmpbfp", 966, F_TWO, 0},
    {"vcmpeqfp.", 1222, F_TWO, 0},
    {"vcmpgefp.", 1478, F_TWO, 0},
    {"vcmpgtfp.", 1734, F_TWO, 0},
    {"vcmpbfp.", 1990, F_TWO, 0},
    {"vmhaddshs", 32, F_THREE, 0},
    {"vmhraddshs", 33, F_THREE, 0},
    {"vmladduhm", 34, F_THREE, 0},
    {"vmsumubm", 36, F_THREE, 0},
    {"vmsummbm", 37, F_THREE, 0},
    {"vmsumuhm", 38, F_THREE, 0},
    {"vmsumuhs", 39, F_THREE, 0},
    {"vmsumshm", 40, F_THREE, 0},
    {"vmsumshs", 41, F_THREE, 0},
    {"vsel", 42, F_THREE, 0},
    {"vperm", 43, F_THREE, 0},
    {"vsldoi", 44, F_SLDOI, 0},
    {"vspltb", 524, F_SPLT, 0},
    {"vsplth", 588, F_SPLT, 0},
    {"vspltw", 652, F_SPLT, 0},
    {"vspltisb", 780, F_SPLTI, 0},
    {"vspltish", 844, F_SPLTI, 0},
    {"vspltisw", 908, F_SPLTI, 0},
    {"lvsl", 6, F_LVS, 0},
    {"lvsr", 38, F_LVS, 0},
    {"lvebx", 7, F_LOAD, 0},
    {"lvehx", 39, F_LOAD, 0},
    {"lvewx", 71, F_LOAD, 0},
    {"lvx", 103, F_LOAD, 0},
    {"lvxl", 359, F_LOAD, 0},
    {"stvebx", 135, F_STORE, 0},
    {"stvehx", 167, F_STORE, 0},
    {"stvewx", 199, F_STORE, 0},
    {"stvx", 231, F_STORE, 0},
    {"stvxl", 487, F_STORE, 0},
    {"vaddfp", 10, F_TWO, 0},
    {"vsubfp", 74, F_TWO, 0},
    {"vmaxfp", 1034, F_TWO, 0},
    {"vminfp", 1098, F_TWO, 0},
    {"vmaddfp", 46, F_FMA, ~1u},
    {"vnmsubfp", 47, F_FMA, ~1u},
    {"vrfin", 522, F_ONE, 0},
    {"vrfiz", 586, F_ONE, 0},
    {"vrfip", 650, F_ONE, 0},
    {"vrfim", 714, F_ONE, 0},
    {"vrefp", 266, F_ONE, 0xffffc000u},
    {"vrsqrtefp", 330, F_ONE, 0xffffc000u},
    {"vlogefp", 458, F_ONE, 0},
    {"vexptefp", 394, F_ONE, 0},
    {"vcfux", 778, F_CVT, 0},
    {"vcfsx", 842, F_CVT, 0},
    {"vctuxs", 906, F_CVT, 0},
    {"vctsxs", 970, F_CVT, 0},
};

typedef struct {
    uint32_t w[4]; /* element 0 first */
} vec;

typedef struct vmx {
    const pv_options *o;
    ppc_harness *h;
    pv_counts *n;
    const char *path;
    char *err;
    size_t errn;
    int line_no;
    struct {
        const char *why;
        unsigned long long count;
    } na[4];
    int nna;
    /* the instruction being read, and how many of its lines so far */
    const vmx_op *op;
    int seq;
} vmx;

static int bad(vmx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(vmx *v, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(v->err, v->errn, "%s:%d: %s", v->path, v->line_no, msg);
    return -1;
}

static void not_applicable(vmx *v, const char *why)
{
    for (int i = 0; i < v->nna; i++)
        if (v->na[i].why == why) {
            v->na[i].count++;
            return;
        }
    if (v->nna < 4) {
        v->na[v->nna].why = why;
        v->na[v->nna++].count = 1;
    }
}

/* ---- parsing ---- */

static int hexd(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void skip_sp(const char **s)
{
    while (**s == ' ') (*s)++;
}

static bool lit(const char **s, const char *t)
{
    skip_sp(s);
    size_t l = strlen(t);
    if (strncmp(*s, t, l) != 0) return false;
    *s += l;
    return true;
}

/* Exactly 8 hex digits. */
static bool hex8(const char **s, uint32_t *out)
{
    uint32_t v = 0;
    for (int k = 0; k < 8; k++) {
        int d = hexd((*s)[k]);
        if (d < 0) return false;
        v = v << 4 | (uint32_t)d;
    }
    *s += 8;
    *out = v;
    return true;
}

/* A vector: four groups of 8 hex digits, run together or spaced. */
static bool vec_of(const char **s, vec *v)
{
    skip_sp(s);
    for (int k = 0; k < 4; k++) {
        if (k && **s == ' ') (*s)++;
        if (!hex8(s, &v->w[k])) return false;
    }
    return true;
}

static bool num(const char **s, int *out)
{
    skip_sp(s);
    bool neg = **s == '-';
    if (neg) (*s)++;
    int v = 0, k = 0;
    for (; **s >= '0' && **s <= '9' && k < 6; (*s)++, k++) v = v * 10 + (**s - '0');
    *out = neg ? -v : v;
    return k > 0;
}

/* "(xxxxxxxx)" and the end of the line. */
static bool cr_end(const char **s, uint32_t *cr)
{
    return lit(s, "(") && hex8(s, cr) && lit(s, ")") && (skip_sp(s), **s == 0);
}

/* Skips "( 1.234e+05)": the printed float. */
static bool float_note(const char **s)
{
    if (!lit(s, "(")) return false;
    const char *e = strchr(*s, ')');
    if (!e) return false;
    *s = e + 1;
    return true;
}

/* ---- running ---- */

static void set_vr(ppc_cpu *c, unsigned n, const vec *v)
{
    uint8_t b[16];
    for (int k = 0; k < 4; k++) store_be32(b + 4 * k, v->w[k]);
    ppc_set_vr(c, n, b);
}

static vec get_vr(ppc_cpu *c, unsigned n)
{
    uint8_t b[16];
    ppc_get_vr(c, n, b);
    vec v;
    for (int k = 0; k < 4; k++) v.w[k] = load_be32(b + 4 * k);
    return v;
}

/* The state the program sets before each instruction. */
static void fresh(vmx *v)
{
    ppc_cpu *c = v->h->cpu;
    ph_clear(v->h);
    ppc_set_msr(c, ppc_get_msr(c) | 0x02000000u); /* MSR[VEC] */
    ppc_set_vscr(c, 0);
    static const vec zero;
    for (unsigned k = 0; k < 32; k++) set_vr(c, k, &zero);
}

static bool exec(vmx *v, uint32_t insn)
{
    if (ph_exec(v->h, insn)) return true;
    uint32_t srr1 = 0;
    ppc_get_spr(v->h->cpu, 27, &srr1);
    pv_fail(v->n, v->o, "%s:%d %s: %08x took the exception at %05x (SRR1 %08x)", v->path,
            v->line_no, v->op->name, insn, ppc_get_pc(v->h->cpu), srr1);
    return false;
}

static uint32_t vx(unsigned d, unsigned a, unsigned b, unsigned xo)
{
    return 4u << 26 | d << 21 | a << 16 | b << 11 | xo;
}

static uint32_t va_form(unsigned d, unsigned a, unsigned b, unsigned c, unsigned xo)
{
    return 4u << 26 | d << 21 | a << 16 | b << 11 | c << 6 | xo;
}

static bool is_nan(uint32_t x)
{
    return (x & 0x7fffffffu) > 0x7f800000u;
}

static const char why_fma_nan[] =
    "vmaddfp/vnmsubfp with a NaN operand: the recording host returned the default NaN "
    "0x7fc00000; the AltiVec PEM's NaN rules (and so the 7400) return the first NaN operand, made "
    "quiet";

static const char why_fma_zero[] =
    "vmaddfp/vnmsubfp giving a zero of negative sign (-0 * x + -0, -tiny + -0): the recording "
    "shows +0; IEEE-754 and the PEM (its vmaddfp note on vB = -0.0) give -0";

/* Compares result and CR with what the line records; `in` lists the
 * source vectors for the NaN rule. */
static void check(vmx *v, uint32_t insn, const vec *got, const vec *want, int nwords,
                  uint32_t got_cr, uint32_t want_cr, const vec *const *in, int nin)
{
    uint32_t mask = v->op->mask ? v->op->mask : 0xffffffffu;
    bool ok = got_cr == want_cr;
    const char *na = NULL;
    for (int k = 0; k < nwords; k++) {
        if (want->w[k] & ~mask) {
            /* The mask was inferred from the recording: it must hold. */
            pv_fail(v->n, v->o, "%s:%d %s: recorded %08x has bits the inferred mask %08x drops",
                    v->path, v->line_no, v->op->name, want->w[k], mask);
            return;
        }
        if ((got->w[k] & mask) == want->w[k]) continue;
        bool any_nan = false;
        for (int s = 0; s < nin; s++) any_nan |= is_nan(in[s]->w[k]);
        if (v->op->form == F_FMA && any_nan && want->w[k] == 0x7fc00000u)
            na = why_fma_nan;
        else if (v->op->form == F_FMA && got->w[k] == 0x80000000u && want->w[k] == 0)
            na = why_fma_zero;
        else
            ok = false;
    }
    if (ok && na) {
        not_applicable(v, na);
        return;
    }
    if (ok) {
        v->n->passed++;
        return;
    }
    pv_fail(v->n, v->o,
            "%s:%d %s (%08x): %08x %08x %08x %08x (%08x), expected %08x %08x %08x %08x (%08x)",
            v->path, v->line_no, v->op->name, insn, got->w[0] & mask, got->w[1] & mask,
            got->w[2] & mask, got->w[3] & mask, got_cr, want->w[0], want->w[1], want->w[2],
            want->w[3], want_cr);
}

/* The second line of a two-line case: "name:  => v (cr)" (vsldoi: "v]"). */
static int result_line(vmx *v, char **cur, vec *want, uint32_t *cr)
{
    char *line = NULL;
    while ((line = strchr(*cur, '\n')) != NULL || **cur) {
        char *s0 = *cur;
        if (line) {
            *line = 0;
            *cur = line + 1;
        } else {
            *cur = s0 + strlen(s0);
        }
        v->line_no++;
        const char *s = s0;
        skip_sp(&s);
        size_t l = strlen(v->op->name);
        if (strncmp(s, v->op->name, l) != 0 || s[l] != ':') return bad(v, "expected a result line");
        s += l + 1;
        if (!lit(&s, "=>") || !vec_of(&s, want)) return bad(v, "bad result");
        if (v->op->form == F_SLDOI && !lit(&s, "]")) return bad(v, "bad vsldoi result");
        if (!cr_end(&s, cr)) return bad(v, "bad CR");
        return 0;
    }
    return bad(v, "the file ends before the result line");
}

static int run_case(vmx *v, const char *s, char **cur)
{
    ppc_cpu *c = v->h->cpu;
    const vmx_op *op = v->op;
    vec a = {{0}}, b = {{0}}, cc = {{0}}, want, got;
    uint32_t want_cr, insn = 0;
    int n = 0;
    fresh(v);
    switch (op->form) {
    case F_ONE:
    case F_TWO:
    case F_THREE:
    case F_FMA:
    case F_SPLT:
    case F_SLDOI: {
        if (!lit(&s, ":") || !vec_of(&s, &a)) return bad(v, "bad operand");
        int nv = op->form == F_ONE || op->form == F_SPLT ? 1 : op->form == F_TWO ? 2 : 3;
        if (op->form == F_SLDOI) nv = 2;
        if (nv >= 2 && !(lit(&s, ",") && vec_of(&s, &b))) return bad(v, "bad second operand");
        if (nv >= 3 && !(lit(&s, ",") && vec_of(&s, &cc))) return bad(v, "bad third operand");
        if ((op->form == F_SPLT || op->form == F_SLDOI) && !(lit(&s, ",") && num(&s, &n)))
            return bad(v, "bad immediate");
        skip_sp(&s);
        if (*s) return bad(v, "junk after the operands");
        if (result_line(v, cur, &want, &want_cr) < 0) return -1;
        set_vr(c, 14, &a);
        set_vr(c, 15, &b);
        set_vr(c, 16, &cc);
        switch (op->form) {
        case F_ONE: insn = vx(17, 0, 14, op->xo); break;
        case F_TWO: insn = vx(17, 14, 15, op->xo); break;
        case F_THREE: insn = va_form(17, 14, 15, 16, op->xo); break;
        case F_FMA: insn = va_form(17, 14, 16, 15, op->xo); break;
        case F_SPLT: insn = vx(17, (unsigned)n & 31, 14, op->xo); break;
        default: insn = va_form(17, 14, 15, (unsigned)n & 15, op->xo); break;
        }
        if (!exec(v, insn)) return 0;
        got = get_vr(c, 17);
        /* vmaddfp's sources in NaN priority order: vA, vB, vC. */
        const vec *in[3] = {&a, &cc, &b};
        check(v, insn, &got, &want, 4, ppc_get_cr(c), want_cr, in, 3);
        return 0;
    }
    case F_SPLTI:
        if (!lit(&s, ":") || !num(&s, &n) || !lit(&s, "=>") || !vec_of(&s, &want) ||
            !cr_end(&s, &want_cr))
            return bad(v, "expected 'name: N => v (cr)'");
        insn = vx(17, (unsigned)n & 31, 0, op->xo);
        if (!exec(v, insn)) return 0;
        got = get_vr(c, 17);
        check(v, insn, &got, &want, 4, ppc_get_cr(c), want_cr, NULL, 0);
        return 0;
    case F_LVS: {
        int zero;
        uint32_t hi[2], lo[2];
        /* The line shows EA & 15 in hex (r14 = 3..20 on a 16-aligned r15). */
        skip_sp(&s);
        if (hexd(*s) < 0) return bad(v, "expected the shift in hex");
        n = hexd(*s++);
        if (!lit(&s, ",") || !num(&s, &zero) || zero != 0 || !lit(&s, "=>") || !lit(&s, "0x") ||
            !hex8(&s, &hi[0]) || !hex8(&s, &lo[0]) || !lit(&s, "0x") || !hex8(&s, &hi[1]) ||
            !hex8(&s, &lo[1]) || !cr_end(&s, &want_cr))
            return bad(v, "expected 'lvsl N, 0 => 0x... 0x... (cr)'");
        want = (vec){{hi[0], lo[0], hi[1], lo[1]}};
        ppc_set_gpr(c, 14, (uint32_t)n);
        ppc_set_gpr(c, 15, VMX_DATA);
        insn = 31u << 26 | 17u << 21 | 14u << 16 | 15u << 11 | (uint32_t)op->xo << 1;
        if (!exec(v, insn)) return 0;
        got = get_vr(c, 17);
        check(v, insn, &got, &want, 4, ppc_get_cr(c), want_cr, NULL, 0);
        return 0;
    }
    case F_LOAD:
    case F_STORE: {
        if (!num(&s, &n) || !lit(&s, ",") || !vec_of(&s, &a) || !lit(&s, "=>") ||
            !vec_of(&s, &want) || !cr_end(&s, &want_cr))
            return bad(v, "expected 'name J, v => v (cr)'");
        /* j runs 0, 7, 14 for each vector of the table. */
        int idx = v->seq / 3;
        if (n != (v->seq % 3) * 7) return bad(v, "%s line out of the program's order", op->name);
        uint8_t *ram = v->h->ram;
        if (v->seq == 0) memset(ram + VMX_PRIV, 0, VMX_SPAN);
        uint32_t slot = 16u * (uint32_t)idx;
        for (int k = 0; k < 4; k++) store_be32(ram + VMX_DATA + slot + 4 * k, a.w[k]);
        mm_notify_write(v->h->bus, VMX_DATA + slot, 16);
        if (op->form == F_LOAD) {
            ppc_set_gpr(c, 14, slot + (uint32_t)n);
            ppc_set_gpr(c, 15, VMX_DATA);
            insn = 31u << 26 | 17u << 21 | 14u << 16 | 15u << 11 | (uint32_t)op->xo << 1;
        } else {
            set_vr(c, 14, &a);
            ppc_set_gpr(c, 15, slot + (uint32_t)n);
            ppc_set_gpr(c, 16, VMX_PRIV);
            insn = 31u << 26 | 14u << 21 | 15u << 16 | 16u << 11 | (uint32_t)op->xo << 1;
        }
        if (!exec(v, insn)) return 0;
        if (op->form == F_LOAD) {
            got = get_vr(c, 17);
            /* lvebx/lvehx/lvewx: only the element loaded is printed. */
            unsigned size = op->xo == 7 ? 1 : op->xo == 39 ? 2 : op->xo == 71 ? 4 : 16;
            if (size < 16) {
                unsigned keep = (unsigned)n & ~(size - 1);
                uint8_t bytes[16];
                for (int k = 0; k < 4; k++) store_be32(bytes + 4 * k, got.w[k]);
                for (unsigned k = 0; k < 16; k++)
                    if (k < keep || k >= keep + size) bytes[k] = 0;
                for (int k = 0; k < 4; k++) got.w[k] = load_be32(bytes + 4 * k);
            }
        } else {
            for (int k = 0; k < 4; k++) got.w[k] = load_be32(ram + VMX_PRIV + slot + 4 * k);
        }
        check(v, insn, &got, &want, 4, ppc_get_cr(c), want_cr, NULL, 0);
        return 0;
    }
    case F_CVT: {
        uint32_t x, r;
        if (!lit(&s, ":") || !hex8((skip_sp(&s), &s), &x) || !float_note(&s) || !lit(&s, ",") ||
            !num(&s, &n) || !lit(&s, "=>") || !hex8((skip_sp(&s), &s), &r) || !float_note(&s) ||
            !cr_end(&s, &want_cr))
            return bad(v, "expected 'name: x (f), N => x (f) (cr)'");
        /* The program's float vectors hold one value four times; it
         * prints element 0. */
        a = (vec){{x, x, x, x}};
        want = (vec){{r, 0, 0, 0}};
        set_vr(c, 14, &a);
        insn = vx(17, (unsigned)n & 31, 14, op->xo);
        if (!exec(v, insn)) return 0;
        got = get_vr(c, 17);
        check(v, insn, &got, &want, 1, ppc_get_cr(c), want_cr, NULL, 0);
        return 0;
    }
    }
    return bad(v, "internal: unknown form");
}

int pv_run_jm_vmx(char *text, const pv_options *o, ppc_harness *h, pv_counts *n, const char *path,
                  char *err, size_t errn)
{
    vmx v = {.o = o, .h = h, .n = n, .path = path, .err = err, .errn = errn};
    if (o->model != PPC_MODEL_7400) {
        snprintf(err, errn, "%s: AltiVec vectors need --cpu 7400", path);
        return -1;
    }
    char *cur = text;
    bool done = false;
    while (*cur) {
        char *nl = strchr(cur, '\n');
        char *line = cur;
        if (nl) {
            *nl = 0;
            cur = nl + 1;
        } else {
            cur += strlen(cur);
        }
        v.line_no++;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[l - 1] = 0;
        if (!*line) continue;
        if (line[0] != ' ') {
            /* Group headings; the last line counts the instructions. */
            if (strncmp(line, "All done. Tested ", 17) == 0) done = true;
            continue;
        }
        const char *s = line;
        skip_sp(&s);
        size_t nl_name = strcspn(s, ": ");
        const vmx_op *op = NULL;
        for (size_t k = 0; k < sizeof(vmx_ops) / sizeof(vmx_ops[0]); k++)
            if (strlen(vmx_ops[k].name) == nl_name && strncmp(s, vmx_ops[k].name, nl_name) == 0)
                op = &vmx_ops[k];
        if (!op) return bad(&v, "unknown instruction '%.*s'", (int)nl_name, s);
        if (op != v.op) {
            v.op = op;
            v.seq = 0;
        }
        if (run_case(&v, s + nl_name, &cur) < 0) return -1;
        v.seq++;
    }
    if (!done) return bad(&v, "truncated: no 'All done' line");
    for (int i = 0; i < v.nna; i++)
        printf("%sjm-vmx.stdout.exp: %llu not applicable to the 7400 (%s)\n", o->tap ? "# " : "",
               v.na[i].count, v.na[i].why);
    return 0;
}
