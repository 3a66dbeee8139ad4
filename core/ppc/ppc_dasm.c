/* The 32-bit PowerPC disassembler (see ppc_dasm.h for the syntax and what
 * each model decodes).
 *
 * Encodings and operand fields follow MPCFPE32B appendix A ("Complete
 * instruction list sorted by opcode") and the instruction pages of chapter 8;
 * reserved fields are the ones those pages mark as 0 or "///". The simplified
 * mnemonics are those of MPCFPE32B appendix F. The POWER instructions of the
 * 601 come from MPC601UM (its instruction set chapter: the POWER instructions
 * that are not in the PowerPC architecture), tlbld/tlbli from MPC603EUM
 * (memory management) and the vector instructions from ALTIVECPEM
 * (instruction set and opcode tables).
 *
 * Bit numbering in the comments is IBM's: bit 0 is the most significant bit
 * of the word. A field "bits 6-10" is (w >> 21) & 31.
 */
#include "ppc/ppc_dasm.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Field masks (instruction bits the field occupies). */
#define M_OP    0xFC000000u /* primary opcode, bits 0-5 */
#define M_D     0x03E00000u /* rD/rS/frD/vD/TO/BO/crbD, bits 6-10 */
#define M_A     0x001F0000u /* rA/frA/vA/BI/crbA, bits 11-15 */
#define M_B     0x0000F800u /* rB/frB/vB/NB/SH/crbB, bits 16-20 */
#define M_C     0x000007C0u /* frC/vC/MB, bits 21-25 */
#define M_ME    0x0000003Eu /* ME, bits 26-30 */
#define M_XO10  0x000007FEu /* X-form extended opcode, bits 21-30 */
#define M_XO9   0x000003FEu /* XO-form extended opcode, bits 22-30 */
#define M_OE    0x00000400u /* OE, bit 21 */
#define M_RC    0x00000001u /* Rc/LK, bit 31 */
#define M_CRFD  0x03800000u /* crfD, bits 6-8 */
#define M_CRFS  0x001C0000u /* crfS, bits 11-13 */
#define M_L     0x00200000u /* L of the compares, bit 10 */
#define M_SPR   0x001FF800u /* SPR/TBR, bits 11-20 */
#define M_SR    0x000F0000u /* SR, bits 12-15 */
#define M_CRM   0x000FF000u /* CRM, bits 12-19 */
#define M_IMM16 0x0000FFFFu

#define RD(w)  (((w) >> 21) & 31)
#define RA(w)  (((w) >> 16) & 31)
#define RB(w)  (((w) >> 11) & 31)
#define RC5(w) (((w) >> 6) & 31)
#define ME5(w) (((w) >> 1) & 31)

enum { OPS_SIZE = 64, MN_SIZE = 16 };

typedef struct dasm {
    uint32_t pc, w;
    int model;
    bool basic; /* PPC_DASM_BASIC: no simplified mnemonics */
    bool invalid;
    char mn[MN_SIZE];
    char ops[OPS_SIZE];
    size_t opslen;
    unsigned nops;
} dasm;

/* ---- output ---- */

static void set_mn(dasm *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_mn(dasm *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->mn, sizeof d->mn, fmt, ap);
    va_end(ap);
}

static void add_op(dasm *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add_op(dasm *d, const char *fmt, ...)
{
    va_list ap;
    if (d->opslen + 2 >= sizeof d->ops) return; /* cannot happen: texts are short */
    if (d->nops++) d->ops[d->opslen++] = ',';
    va_start(ap, fmt);
    int n = vsnprintf(d->ops + d->opslen, sizeof d->ops - d->opslen, fmt, ap);
    va_end(ap);
    if (n > 0) d->opslen += (size_t)n;
    if (d->opslen >= sizeof d->ops) d->opslen = sizeof d->ops - 1;
}

static void op_r(dasm *d, unsigned r)
{
    add_op(d, "r%u", r);
}
static void op_f(dasm *d, unsigned r)
{
    add_op(d, "f%u", r);
}
static void op_v(dasm *d, unsigned r)
{
    add_op(d, "v%u", r);
}
static void op_crf(dasm *d, unsigned f)
{
    add_op(d, "cr%u", f);
}
static void op_s(dasm *d, int v)
{
    add_op(d, "%d", v);
}
static void op_u(dasm *d, unsigned v)
{
    add_op(d, "%u", v);
}
static void op_hex(dasm *d, unsigned v)
{
    add_op(d, "0x%X", v);
}
static void op_target(dasm *d, uint32_t a)
{
    add_op(d, "0x%08X", (unsigned)a);
}

/* (rA|0): register 0 stands for the value zero. */
static void op_r0(dasm *d, unsigned r)
{
    if (r)
        add_op(d, "r%u", r);
    else
        add_op(d, "0");
}

/* d(rA), with (rA|0) addressing unless `update` (then rA is a real base). */
static void op_mem(dasm *d, int disp, unsigned ra, bool update)
{
    if (ra == 0 && !update)
        add_op(d, "%d(0)", disp);
    else
        add_op(d, "%d(r%u)", disp, ra);
}

static const char *const crbit_name[4] = {"lt", "gt", "eq", "so"};

/* A CR bit: lt..so for cr0, 4*crN+lt.. for the other fields. */
static void op_crb(dasm *d, unsigned b)
{
    if (b < 4)
        add_op(d, "%s", crbit_name[b]);
    else
        add_op(d, "4*cr%u+%s", b >> 2, crbit_name[b & 3]);
}

static void bad(dasm *d)
{
    d->invalid = true;
}

/* Marks the word invalid when a bit outside `used` (the opcode, the extended
 * opcode and the operand fields of the form) is set: a reserved field. */
static bool reserved_set(dasm *d, uint32_t used)
{
    if (d->w & ~used) {
        d->invalid = true;
        return true;
    }
    return false;
}

static const char *dot(uint32_t w)
{
    return (w & M_RC) ? "." : "";
}

/* ---- integer immediates ---- */

/* twi/tw TO values with a condition name (MPCFPE32B appendix F, trap mnemonics); where two
 * names share a value (ge/nl, le/ng, lge/lnl, lle/lng) the first is used.
 * TO = 31 is "u" (trap unconditionally). */
static const char *const trap_cond[32] = {
    [1] = "lgt", [2] = "llt", [4] = "eq",  [5] = "lge", [6] = "lle", [8] = "gt",
    [12] = "ge", [16] = "lt", [20] = "le", [24] = "ne", [31] = "u",
};

static void dec_twi(dasm *d)
{
    uint32_t w = d->w;
    unsigned to = RD(w);
    if (!d->basic && trap_cond[to]) {
        set_mn(d, "tw%si", trap_cond[to]);
    } else {
        set_mn(d, "twi");
        op_u(d, to);
    }
    op_r(d, RA(w));
    op_s(d, (int16_t)w);
}

/* mulli, subfic, dozi: rD,rA,SIMM (rA is a register, not rA|0). */
static void dec_arith_imm(dasm *d, const char *name)
{
    set_mn(d, "%s", name);
    op_r(d, RD(d->w));
    op_r(d, RA(d->w));
    op_s(d, (int16_t)d->w);
}

/* addic and addic.: subic(.) for a negative immediate. */
static void dec_addic(dasm *d, bool record)
{
    uint32_t w = d->w;
    int v = (int16_t)w;
    const char *rc = record ? "." : "";
    if (!d->basic && v < 0) {
        set_mn(d, "subic%s", rc);
        v = -v;
    } else {
        set_mn(d, "addic%s", rc);
    }
    op_r(d, RD(w));
    op_r(d, RA(w));
    op_s(d, v);
}

/* addi/addis: li/lis with rA = 0, subi/subis for a negative immediate. */
static void dec_addi(dasm *d, bool shifted)
{
    uint32_t w = d->w;
    int v = (int16_t)w;
    unsigned ra = RA(w);
    const char *s = shifted ? "s" : "";
    if (!d->basic && ra == 0) {
        set_mn(d, "li%s", s);
        op_r(d, RD(w));
        op_s(d, v);
        return;
    }
    if (!d->basic && v < 0) {
        set_mn(d, "subi%s", s);
        op_r(d, RD(w));
        op_r(d, ra);
        op_s(d, -v);
        return;
    }
    set_mn(d, "addi%s", s);
    op_r(d, RD(w));
    op_r0(d, ra);
    op_s(d, v);
}

/* cmpi/cmpli: crfD,L,rA,IMM (bit 9 reserved); cmpwi/cmplwi when L = 0. */
static void dec_cmp_imm(dasm *d, bool logical)
{
    uint32_t w = d->w;
    if (reserved_set(d, M_OP | M_CRFD | M_L | M_A | M_IMM16)) return;
    unsigned crf = (w >> 23) & 7, l = (w >> 21) & 1;
    if (!d->basic && l == 0) {
        set_mn(d, logical ? "cmplwi" : "cmpwi");
        if (crf) op_crf(d, crf);
    } else {
        set_mn(d, logical ? "cmpli" : "cmpi");
        op_crf(d, crf);
        op_u(d, l);
    }
    op_r(d, RA(w));
    if (logical)
        op_u(d, w & 0xFFFF);
    else
        op_s(d, (int16_t)w);
}

/* ori/oris/xori/xoris/andi./andis.: rA,rS,UIMM; nop = ori r0,r0,0. */
static void dec_logical_imm(dasm *d, const char *name)
{
    uint32_t w = d->w;
    if (!d->basic && w == 0x60000000u) {
        set_mn(d, "nop");
        return;
    }
    set_mn(d, "%s", name);
    op_r(d, RA(w));
    op_r(d, RD(w));
    op_hex(d, w & 0xFFFF);
}

/* ---- branches ---- */

enum br_kind { BR_BC, BR_LR, BR_CTR };

/* The simplified form of bc/bclr/bcctr (MPCFPE32B appendix F, branch mnemonics), when one exists
 * that assembles back to this word. BO bits: 0x10 = do not test the condition, 0x08 = the condition
 * value, 0x04 = do not decrement CTR, 0x02 = branch when CTR reaches 0, 0x01 = y (prediction). When
 * the condition is not tested 0x08 is a "z" bit, when CTR is not decremented 0x02 is one; a z bit
 * must be 0. */
static bool simple_branch(dasm *d, unsigned bo, unsigned bi, enum br_kind kind, const char *lkaa,
                          bool backward, uint32_t target)
{
    static const char *const cond_true[4] = {"lt", "gt", "eq", "so"};
    static const char *const cond_false[4] = {"ge", "le", "ne", "ns"};
    const char *tail = kind == BR_LR ? "lr" : kind == BR_CTR ? "ctr" : "";
    char base[8];
    enum { OP_NONE, OP_CRF, OP_CRB } opk;
    bool y = bo & 1;

    if ((bo & 0x14) == 0x14) { /* branch always */
        if (bo != 20 || bi != 0 || kind == BR_BC) return false;
        snprintf(base, sizeof base, "b");
        opk = OP_NONE;
        y = false;
    } else if ((bo & 0x14) == 0x04) { /* condition only */
        if (bo & 0x02) return false;
        snprintf(base, sizeof base, "b%s", (bo & 0x08) ? cond_true[bi & 3] : cond_false[bi & 3]);
        opk = OP_CRF;
    } else if ((bo & 0x14) == 0x10) { /* CTR only; bcctr may not decrement CTR */
        if ((bo & 0x08) || bi != 0 || kind == BR_CTR) return false;
        snprintf(base, sizeof base, "bd%s", (bo & 0x02) ? "z" : "nz");
        opk = OP_NONE;
    } else { /* CTR and condition */
        if (kind == BR_CTR) return false;
        snprintf(base, sizeof base, "bd%s%s", (bo & 0x02) ? "z" : "nz", (bo & 0x08) ? "t" : "f");
        opk = OP_CRB;
    }
    /* y reverses the static prediction: taken for bc with a negative
     * displacement, not taken otherwise (MPCFPE32B chapter 4, conditional branch
     * control). */
    const char *hint = !y ? "" : (kind == BR_BC && backward) ? "-" : "+";
    set_mn(d, "%s%s%s%s", base, tail, lkaa, hint);
    if (opk == OP_CRF && (bi >> 2) != 0) op_crf(d, bi >> 2);
    if (opk == OP_CRB) op_crb(d, bi);
    if (kind == BR_BC) op_target(d, target);
    return true;
}

static void dec_cond_branch(dasm *d, enum br_kind kind)
{
    uint32_t w = d->w;
    unsigned bo = RD(w), bi = RA(w);
    bool lk = w & 1, aa = kind == BR_BC && (w & 2);
    int32_t bd = 0;
    uint32_t target = 0;
    if (kind == BR_BC) {
        bd = (int16_t)(w & 0xFFFC);
        target = aa ? (uint32_t)bd : d->pc + (uint32_t)bd;
    } else if (reserved_set(d, M_OP | M_D | M_A | M_XO10 | M_RC)) {
        return;
    }
    const char *lkaa = lk ? (aa ? "la" : "l") : (aa ? "a" : "");
    if (!d->basic && simple_branch(d, bo, bi, kind, lkaa, bd < 0, target)) return;
    set_mn(d, "%s%s", kind == BR_BC ? "bc" : kind == BR_LR ? "bclr" : "bcctr", lkaa);
    op_u(d, bo);
    op_crb(d, bi);
    if (kind == BR_BC) op_target(d, target);
}

static void dec_b(dasm *d)
{
    uint32_t w = d->w;
    int32_t li = (int32_t)(w & 0x03FFFFFCu);
    if (li & 0x02000000) li -= 0x04000000;
    bool aa = w & 2, lk = w & 1;
    set_mn(d, "b%s%s", lk ? "l" : "", aa ? "a" : "");
    op_target(d, aa ? (uint32_t)li : d->pc + (uint32_t)li);
}

/* ---- opcode 19: branches to LR/CTR, CR logic, rfi, isync ---- */

static void dec_cr_logic(dasm *d, const char *name)
{
    uint32_t w = d->w;
    unsigned bd = RD(w), ba = RA(w), bb = RB(w);
    if (reserved_set(d, M_OP | M_D | M_A | M_B | M_XO10)) return;
    if (!d->basic) {
        /* crset/crclr: creqv/crxor bx,bx,bx; crmove/crnot: cror/crnor bx,by,by */
        if (bd == ba && ba == bb && (!strcmp(name, "creqv") || !strcmp(name, "crxor"))) {
            set_mn(d, "%s", name[2] == 'e' ? "crset" : "crclr");
            op_crb(d, bd);
            return;
        }
        if (ba == bb && (!strcmp(name, "cror") || !strcmp(name, "crnor"))) {
            set_mn(d, "%s", name[2] == 'o' ? "crmove" : "crnot");
            op_crb(d, bd);
            op_crb(d, ba);
            return;
        }
    }
    set_mn(d, "%s", name);
    op_crb(d, bd);
    op_crb(d, ba);
    op_crb(d, bb);
}

static void dec_op19(dasm *d)
{
    uint32_t w = d->w;
    switch ((w >> 1) & 0x3FF) {
    case 0: /* mcrf crfD,crfS */
        if (reserved_set(d, M_OP | M_CRFD | M_CRFS | M_XO10)) return;
        set_mn(d, "mcrf");
        op_crf(d, (w >> 23) & 7);
        op_crf(d, (w >> 18) & 7);
        return;
    case 16: dec_cond_branch(d, BR_LR); return;
    case 528: dec_cond_branch(d, BR_CTR); return;
    case 33: dec_cr_logic(d, "crnor"); return;
    case 129: dec_cr_logic(d, "crandc"); return;
    case 193: dec_cr_logic(d, "crxor"); return;
    case 225: dec_cr_logic(d, "crnand"); return;
    case 257: dec_cr_logic(d, "crand"); return;
    case 289: dec_cr_logic(d, "creqv"); return;
    case 417: dec_cr_logic(d, "crorc"); return;
    case 449: dec_cr_logic(d, "cror"); return;
    case 50:
        if (!reserved_set(d, M_OP | M_XO10)) set_mn(d, "rfi");
        return;
    case 150:
        if (!reserved_set(d, M_OP | M_XO10)) set_mn(d, "isync");
        return;
    default: bad(d); return;
    }
}

/* ---- rotates ---- */

/* rlwinm's simplified forms, first match wins (MPCFPE32B appendix F, rotate
 * and shift mnemonics). */
static bool simple_rlwinm(dasm *d, unsigned ra, unsigned rs, unsigned sh, unsigned mb, unsigned me,
                          const char *rc)
{
    unsigned n, b = 0;
    const char *name;
    bool two = false; /* two numeric operands */
    if (mb == 0 && me == 31) {
        name = sh < 16 ? "rotlwi" : "rotrwi";
        n = sh < 16 ? sh : 32 - sh;
    } else if (mb == 0 && sh != 0 && me == 31 - sh) {
        name = "slwi";
        n = sh;
    } else if (me == 31 && sh != 0 && sh + mb == 32) {
        name = "srwi";
        n = mb;
    } else if (mb == 0 && sh == 0) {
        name = "clrrwi";
        n = 31 - me;
    } else if (mb == 0) {
        name = "extlwi";
        n = me + 1;
        b = sh;
        two = true;
    } else if (me == 31 && sh == 0) {
        name = "clrlwi";
        n = mb;
    } else if (me == 31 && sh + mb > 32) {
        name = "extrwi";
        n = 32 - mb;
        b = sh + mb - 32;
        two = true;
    } else if (sh != 0 && me == 31 - sh && mb <= me) {
        /* clrlslwi rA,rS,b,n = rlwinm rA,rS,n,b-n,31-n */
        set_mn(d, "clrlslwi%s", rc);
        op_r(d, ra);
        op_r(d, rs);
        op_u(d, mb + sh);
        op_u(d, sh);
        return true;
    } else {
        return false;
    }
    set_mn(d, "%s%s", name, rc);
    op_r(d, ra);
    op_r(d, rs);
    op_u(d, n);
    if (two) op_u(d, b);
    return true;
}

/* rlwimi's: inslwi n,b = rlwimi 32-b,b,b+n-1; insrwi n,b = rlwimi
 * 32-(b+n),b,b+n-1 (shift counts modulo 32). */
static bool simple_rlwimi(dasm *d, unsigned ra, unsigned rs, unsigned sh, unsigned mb, unsigned me,
                          const char *rc)
{
    if (mb > me) return false;
    if (sh == ((32 - mb) & 31))
        set_mn(d, "inslwi%s", rc);
    else if (sh == ((31 - me) & 31))
        set_mn(d, "insrwi%s", rc);
    else
        return false;
    op_r(d, ra);
    op_r(d, rs);
    op_u(d, me - mb + 1);
    op_u(d, mb);
    return true;
}

/* Opcodes 20 rlwimi, 21 rlwinm, 22 rlmi (601), 23 rlwnm: M-form. */
static void dec_rotate(dasm *d, unsigned opcd)
{
    uint32_t w = d->w;
    unsigned rs = RD(w), ra = RA(w), sh = RB(w), mb = RC5(w), me = ME5(w);
    const char *rc = dot(w);
    static const char *const names[4] = {"rlwimi", "rlwinm", "rlmi", "rlwnm"};
    if (!d->basic) {
        if (opcd == 21 && simple_rlwinm(d, ra, rs, sh, mb, me, rc)) return;
        if (opcd == 20 && simple_rlwimi(d, ra, rs, sh, mb, me, rc)) return;
        if (opcd == 23 && mb == 0 && me == 31) {
            set_mn(d, "rotlw%s", rc);
            op_r(d, ra);
            op_r(d, rs);
            op_r(d, sh);
            return;
        }
    }
    set_mn(d, "%s%s", names[opcd - 20], rc);
    op_r(d, ra);
    op_r(d, rs);
    if (opcd >= 22)
        op_r(d, sh);
    else
        op_u(d, sh);
    op_u(d, mb);
    op_u(d, me);
}

/* ---- opcode 31 ---- */

/* XO-form integer arithmetic, keyed by the 9-bit extended opcode. */
enum { XO_OE = 1, XO_DA = 2, XO_601 = 4 };

static const struct xo_op {
    uint16_t xo;
    uint8_t flags;
    const char *name;
} xo_ops[] = {
    {8, XO_OE, "subfc"},
    {10, XO_OE, "addc"},
    {11, 0, "mulhwu"},
    {40, XO_OE, "subf"},
    {75, 0, "mulhw"},
    {104, XO_OE | XO_DA, "neg"},
    {136, XO_OE, "subfe"},
    {138, XO_OE, "adde"},
    {200, XO_OE | XO_DA, "subfze"},
    {202, XO_OE | XO_DA, "addze"},
    {232, XO_OE | XO_DA, "subfme"},
    {234, XO_OE | XO_DA, "addme"},
    {235, XO_OE, "mullw"},
    {266, XO_OE, "add"},
    {459, XO_OE, "divwu"},
    {491, XO_OE, "divw"},
    /* POWER, 601 only (MPC601UM, instruction set chapter) */
    {107, XO_OE | XO_601, "mul"},
    {264, XO_OE | XO_601, "doz"},
    {331, XO_OE | XO_601, "div"},
    {360, XO_OE | XO_DA | XO_601, "abs"},
    {363, XO_OE | XO_601, "divs"},
    {488, XO_OE | XO_DA | XO_601, "nabs"},
};

static bool dec_xo_arith(dasm *d)
{
    uint32_t w = d->w;
    unsigned xo = (w >> 1) & 0x1FF;
    const struct xo_op *op = NULL;
    for (size_t i = 0; i < sizeof xo_ops / sizeof xo_ops[0]; i++)
        if (xo_ops[i].xo == xo) op = &xo_ops[i];
    if (!op || ((op->flags & XO_601) && d->model != PPC_DASM_601)) return false;
    uint32_t used = M_OP | M_D | M_A | M_XO9 | M_RC;
    if (!(op->flags & XO_DA)) used |= M_B;
    if (op->flags & XO_OE) used |= M_OE;
    if (reserved_set(d, used)) return true;
    const char *o = (w & M_OE) ? "o" : "";
    unsigned rd = RD(w), ra = RA(w), rb = RB(w);
    /* sub rD,rA,rB = subf rD,rB,rA; subc likewise (MPCFPE32B appendix F, subtract
     * mnemonics) */
    if (!d->basic && (xo == 40 || xo == 8)) {
        set_mn(d, "sub%s%s%s", xo == 8 ? "c" : "", o, dot(w));
        op_r(d, rd);
        op_r(d, rb);
        op_r(d, ra);
        return true;
    }
    set_mn(d, "%s%s%s", op->name, o, dot(w));
    op_r(d, rd);
    op_r(d, ra);
    if (!(op->flags & XO_DA)) op_r(d, rb);
    return true;
}

/* X-form operand layouts. */
enum xform {
    X_ASB,    /* rA,rS,rB (logical, shifts) */
    X_AS,     /* rA,rS */
    X_ASSH,   /* rA,rS,SH */
    X_DA,     /* rD,rA (clcs) */
    X_LX,     /* rD,(rA|0),rB: indexed load/store and friends */
    X_LUX,    /* rD,rA,rB: indexed with update */
    X_FLX,    /* frD,(rA|0),rB */
    X_FLUX,   /* frD,rA,rB */
    X_VLX,    /* vD,(rA|0),rB */
    X_CACHE,  /* (rA|0),rB */
    X_RB,     /* rB */
    X_TLBL,   /* rB; bits 6-10 not checked (see ppc_dasm.h) */
    X_NONE,   /* no operand */
    X_CMP,    /* crfD,L,rA,rB */
    X_TW,     /* TO,rA,rB */
    X_RD,     /* rD (mfcr, mfmsr) or rS (mtmsr) */
    X_MTCRF,  /* CRM,rS */
    X_MCRXR,  /* crfD */
    X_MFSPR,  /* rD,SPR */
    X_MTSPR,  /* SPR,rS */
    X_MFTB,   /* rD,TBR */
    X_MFSR,   /* rD,SR */
    X_MTSR,   /* SR,rS */
    X_MFSRIN, /* rD,rB */
    X_LSWI,   /* rD,(rA|0),NB */
    X_DST,    /* rA,rB,STRM; T at bit 6 */
    X_DSS,    /* STRM; A (all) at bit 6 */
};

enum { X_RC = 1, X_RC1 = 2, X_601 = 4, X_603 = 8, X_AV = 16 };

static const struct x_op {
    uint16_t xo;
    uint8_t form, flags;
    const char *name;
} x_ops[] = {
    {0, X_CMP, 0, "cmp"},
    {4, X_TW, 0, "tw"},
    {6, X_VLX, X_AV, "lvsl"},
    {7, X_VLX, X_AV, "lvebx"},
    {19, X_RD, 0, "mfcr"},
    {20, X_LX, 0, "lwarx"},
    {23, X_LX, 0, "lwzx"},
    {24, X_ASB, X_RC, "slw"},
    {26, X_AS, X_RC, "cntlzw"},
    {28, X_ASB, X_RC, "and"},
    {29, X_ASB, X_RC | X_601, "maskg"},
    {32, X_CMP, 0, "cmpl"},
    {38, X_VLX, X_AV, "lvsr"},
    {39, X_VLX, X_AV, "lvehx"},
    {54, X_CACHE, 0, "dcbst"},
    {55, X_LUX, 0, "lwzux"},
    {60, X_ASB, X_RC, "andc"},
    {71, X_VLX, X_AV, "lvewx"},
    {83, X_RD, 0, "mfmsr"},
    {86, X_CACHE, 0, "dcbf"},
    {87, X_LX, 0, "lbzx"},
    {103, X_VLX, X_AV, "lvx"},
    {119, X_LUX, 0, "lbzux"},
    {124, X_ASB, X_RC, "nor"},
    {135, X_VLX, X_AV, "stvebx"},
    {144, X_MTCRF, 0, "mtcrf"},
    {146, X_RD, 0, "mtmsr"},
    {150, X_LX, X_RC1, "stwcx."},
    {151, X_LX, 0, "stwx"},
    {152, X_ASB, X_RC | X_601, "slq"},
    {153, X_ASB, X_RC | X_601, "sle"},
    {167, X_VLX, X_AV, "stvehx"},
    {183, X_LUX, 0, "stwux"},
    {184, X_ASSH, X_RC | X_601, "sliq"},
    {199, X_VLX, X_AV, "stvewx"},
    {210, X_MTSR, 0, "mtsr"},
    {215, X_LX, 0, "stbx"},
    {216, X_ASB, X_RC | X_601, "sllq"},
    {217, X_ASB, X_RC | X_601, "sleq"},
    {231, X_VLX, X_AV, "stvx"},
    {242, X_MFSRIN, 0, "mtsrin"},
    {246, X_CACHE, 0, "dcbtst"},
    {247, X_LUX, 0, "stbux"},
    {248, X_ASSH, X_RC | X_601, "slliq"},
    {277, X_LX, X_RC | X_601, "lscbx"},
    {278, X_CACHE, 0, "dcbt"},
    {279, X_LX, 0, "lhzx"},
    {284, X_ASB, X_RC, "eqv"},
    {306, X_RB, 0, "tlbie"},
    {310, X_LX, 0, "eciwx"},
    {311, X_LUX, 0, "lhzux"},
    {316, X_ASB, X_RC, "xor"},
    {339, X_MFSPR, 0, "mfspr"},
    {342, X_DST, X_AV, "dst"},
    {343, X_LX, 0, "lhax"},
    {359, X_VLX, X_AV, "lvxl"},
    {370, X_NONE, 0, "tlbia"},
    {371, X_MFTB, 0, "mftb"},
    {374, X_DST, X_AV, "dstst"},
    {375, X_LUX, 0, "lhaux"},
    {407, X_LX, 0, "sthx"},
    {412, X_ASB, X_RC, "orc"},
    {438, X_LX, 0, "ecowx"},
    {439, X_LUX, 0, "sthux"},
    {444, X_ASB, X_RC, "or"},
    {467, X_MTSPR, 0, "mtspr"},
    {470, X_CACHE, 0, "dcbi"},
    {476, X_ASB, X_RC, "nand"},
    {487, X_VLX, X_AV, "stvxl"},
    {512, X_MCRXR, 0, "mcrxr"},
    {531, X_DA, X_601, "clcs"},
    {533, X_LX, 0, "lswx"},
    {534, X_LX, 0, "lwbrx"},
    {535, X_FLX, 0, "lfsx"},
    {536, X_ASB, X_RC, "srw"},
    {537, X_ASB, X_RC | X_601, "rrib"},
    {541, X_ASB, X_RC | X_601, "maskir"},
    {566, X_NONE, 0, "tlbsync"},
    {567, X_FLUX, 0, "lfsux"},
    {595, X_MFSR, 0, "mfsr"},
    {597, X_LSWI, 0, "lswi"},
    {598, X_NONE, 0, "sync"},
    {599, X_FLX, 0, "lfdx"},
    {631, X_FLUX, 0, "lfdux"},
    {659, X_MFSRIN, 0, "mfsrin"},
    {661, X_LX, 0, "stswx"},
    {662, X_LX, 0, "stwbrx"},
    {663, X_FLX, 0, "stfsx"},
    {664, X_ASB, X_RC | X_601, "srq"},
    {665, X_ASB, X_RC | X_601, "sre"},
    {695, X_FLUX, 0, "stfsux"},
    {696, X_ASSH, X_RC | X_601, "sriq"},
    {725, X_LSWI, 0, "stswi"},
    {727, X_FLX, 0, "stfdx"},
    {728, X_ASB, X_RC | X_601, "srlq"},
    {729, X_ASB, X_RC | X_601, "sreq"},
    {758, X_CACHE, 0, "dcba"},
    {759, X_FLUX, 0, "stfdux"},
    {760, X_ASSH, X_RC | X_601, "srliq"},
    {790, X_LX, 0, "lhbrx"},
    {792, X_ASB, X_RC, "sraw"},
    {822, X_DSS, X_AV, "dss"},
    {824, X_ASSH, X_RC, "srawi"},
    {854, X_NONE, 0, "eieio"},
    {918, X_LX, 0, "sthbrx"},
    {920, X_ASB, X_RC | X_601, "sraq"},
    {921, X_ASB, X_RC | X_601, "srea"},
    {922, X_AS, X_RC, "extsh"},
    {952, X_ASSH, X_RC | X_601, "sraiq"},
    {954, X_AS, X_RC, "extsb"},
    {978, X_TLBL, X_603, "tlbld"},
    {982, X_CACHE, 0, "icbi"},
    {983, X_FLX, 0, "stfiwx"},
    {1010, X_TLBL, X_603, "tlbli"},
    {1014, X_CACHE, 0, "dcbz"},
};

/* Operand fields of each layout, for the reserved-field check. */
static uint32_t xform_fields(enum xform f)
{
    switch (f) {
    case X_ASB:
    case X_ASSH:
    case X_LX:
    case X_LUX:
    case X_FLX:
    case X_FLUX:
    case X_VLX:
    case X_TW:
    case X_LSWI: return M_D | M_A | M_B;
    case X_AS:
    case X_DA: return M_D | M_A;
    case X_CACHE: return M_A | M_B;
    case X_RB: return M_B;
    case X_TLBL: return M_D | M_B;
    case X_NONE: return 0;
    case X_CMP: return M_CRFD | M_L | M_A | M_B;
    case X_RD: return M_D;
    case X_MTCRF: return M_D | M_CRM;
    case X_MCRXR: return M_CRFD;
    case X_MFSPR:
    case X_MTSPR:
    case X_MFTB: return M_D | M_SPR;
    case X_MFSR:
    case X_MTSR: return M_D | M_SR;
    case X_MFSRIN: return M_D | M_B;
    case X_DST: return 0x02000000u | 0x00600000u | M_A | M_B;
    case X_DSS: return 0x02000000u | 0x00600000u;
    }
    return 0;
}

/* The simplified mnemonics of the SPR moves (MPCFPE32B appendix F), plus the
 * 601's MQ and RTC (MPC601UM, its SPR list) and the 7400's VRSAVE (ALTIVECPEM).
 * Returns the register name ("lr", "sprg" ...) and sets *index for the
 * numbered ones (SPRGn, BATs), or NULL. */
static const char *spr_alias(unsigned spr, bool to, int model, int *index)
{
    *index = -1;
    switch (spr) {
    case 1: return "xer";
    case 8: return "lr";
    case 9: return "ctr";
    case 18: return "dsisr";
    case 19: return "dar";
    case 22: return "dec";
    case 25: return "sdr1";
    case 26: return "srr0";
    case 27: return "srr1";
    case 282: return "ear";
    case 284: return to ? "tbl" : NULL;
    case 285: return to ? "tbu" : NULL;
    case 287: return to ? NULL : "pvr";
    case 0: return model == PPC_DASM_601 ? "mq" : NULL;
    case 4: return model == PPC_DASM_601 && !to ? "rtcu" : NULL;
    case 5: return model == PPC_DASM_601 && !to ? "rtcl" : NULL;
    case 20: return model == PPC_DASM_601 && to ? "rtcu" : NULL;
    case 21: return model == PPC_DASM_601 && to ? "rtcl" : NULL;
    case 256: return model == PPC_DASM_7400 ? "vrsave" : NULL;
    default: break;
    }
    if (spr >= 272 && spr <= 275) {
        *index = (int)spr - 272;
        return "sprg";
    }
    if (spr >= 528 && spr <= 535) {
        *index = (int)(spr - 528) / 2;
        return (spr & 1) ? "ibatl" : "ibatu";
    }
    if (spr >= 536 && spr <= 543 && model != PPC_DASM_601) { /* the 601 has no DBATs */
        *index = (int)(spr - 536) / 2;
        return (spr & 1) ? "dbatl" : "dbatu";
    }
    return NULL;
}

static void dec_spr(dasm *d, bool to)
{
    uint32_t w = d->w;
    unsigned r = RD(w), spr = RA(w) | (RB(w) << 5);
    int index;
    const char *alias = d->basic ? NULL : spr_alias(spr, to, d->model, &index);
    if (alias) {
        set_mn(d, "m%c%s", to ? 't' : 'f', alias);
        if (to && index >= 0) op_u(d, (unsigned)index);
        op_r(d, r);
        if (!to && index >= 0) op_u(d, (unsigned)index);
        return;
    }
    set_mn(d, to ? "mtspr" : "mfspr");
    if (to) op_u(d, spr);
    op_r(d, r);
    if (!to) op_u(d, spr);
}

static void dec_op31(dasm *d)
{
    uint32_t w = d->w;
    if (dec_xo_arith(d)) return;
    unsigned xo = (w >> 1) & 0x3FF;
    const struct x_op *op = NULL;
    for (size_t i = 0; i < sizeof x_ops / sizeof x_ops[0]; i++)
        if (x_ops[i].xo == xo) op = &x_ops[i];
    if (!op || ((op->flags & X_601) && d->model != PPC_DASM_601) ||
        ((op->flags & X_603) && d->model != PPC_DASM_603E) ||
        ((op->flags & X_AV) && d->model != PPC_DASM_7400)) {
        bad(d);
        return;
    }
    uint32_t used = M_OP | M_XO10 | xform_fields((enum xform)op->form);
    if (op->flags & X_RC) used |= M_RC;
    if (op->flags & X_RC1) {
        if (!(w & M_RC)) {
            bad(d);
            return;
        }
        used |= M_RC;
    }
    if (reserved_set(d, used)) return;

    unsigned rd = RD(w), ra = RA(w), rb = RB(w);
    const char *rc = (op->flags & X_RC) ? dot(w) : "";
    set_mn(d, "%s%s", op->name, rc);
    switch ((enum xform)op->form) {
    case X_ASB:
        if (!d->basic && rd == rb && (xo == 444 || xo == 124)) {
            /* mr rA,rS = or rA,rS,rS; not rA,rS = nor rA,rS,rS */
            set_mn(d, "%s%s", xo == 444 ? "mr" : "not", rc);
            op_r(d, ra);
            op_r(d, rd);
            return;
        }
        op_r(d, ra);
        op_r(d, rd);
        op_r(d, rb);
        return;
    case X_AS:
        op_r(d, ra);
        op_r(d, rd);
        return;
    case X_ASSH:
        op_r(d, ra);
        op_r(d, rd);
        op_u(d, rb);
        return;
    case X_DA:
        op_r(d, rd);
        op_r(d, ra);
        return;
    case X_LX:
        op_r(d, rd);
        op_r0(d, ra);
        op_r(d, rb);
        return;
    case X_LUX:
        op_r(d, rd);
        op_r(d, ra);
        op_r(d, rb);
        return;
    case X_FLX:
        op_f(d, rd);
        op_r0(d, ra);
        op_r(d, rb);
        return;
    case X_FLUX:
        op_f(d, rd);
        op_r(d, ra);
        op_r(d, rb);
        return;
    case X_VLX:
        op_v(d, rd);
        op_r0(d, ra);
        op_r(d, rb);
        return;
    case X_CACHE:
        op_r0(d, ra);
        op_r(d, rb);
        return;
    case X_RB:
    case X_TLBL: op_r(d, rb); return;
    case X_NONE: return;
    case X_CMP: {
        unsigned crf = (w >> 23) & 7, l = (w >> 21) & 1;
        if (!d->basic && l == 0) {
            set_mn(d, xo == 0 ? "cmpw" : "cmplw");
            if (crf) op_crf(d, crf);
        } else {
            op_crf(d, crf);
            op_u(d, l);
        }
        op_r(d, ra);
        op_r(d, rb);
        return;
    }
    case X_TW:
        if (!d->basic && rd == 31 && ra == 0 && rb == 0) {
            set_mn(d, "trap");
            return;
        }
        if (!d->basic && trap_cond[rd]) {
            set_mn(d, "tw%s", trap_cond[rd]);
        } else {
            op_u(d, rd);
        }
        op_r(d, ra);
        op_r(d, rb);
        return;
    case X_RD: op_r(d, rd); return;
    case X_MTCRF: {
        unsigned crm = (w >> 12) & 0xFF;
        if (!d->basic && crm == 0xFF) {
            set_mn(d, "mtcr");
        } else {
            add_op(d, "0x%02X", crm);
        }
        op_r(d, rd);
        return;
    }
    case X_MCRXR: op_crf(d, rd >> 2); return;
    case X_MFSPR: dec_spr(d, false); return;
    case X_MTSPR: dec_spr(d, true); return;
    case X_MFTB: {
        unsigned tbr = ra | (rb << 5);
        if (!d->basic && (tbr == 268 || tbr == 269)) {
            set_mn(d, tbr == 268 ? "mftb" : "mftbu");
            op_r(d, rd);
            return;
        }
        op_r(d, rd);
        op_u(d, tbr);
        return;
    }
    case X_MFSR:
        op_r(d, rd);
        op_u(d, ra & 15);
        return;
    case X_MTSR:
        op_u(d, ra & 15);
        op_r(d, rd);
        return;
    case X_MFSRIN:
        op_r(d, rd);
        op_r(d, rb);
        return;
    case X_LSWI:
        op_r(d, rd);
        op_r0(d, ra);
        op_u(d, rb ? rb : 32);
        return;
    case X_DST:
        /* bits 7-8 reserved, T at bit 6, STRM at bits 9-10 */
        set_mn(d, "%s%s", op->name, (w & 0x02000000u) ? "t" : "");
        op_r(d, ra);
        op_r(d, rb);
        op_u(d, (w >> 21) & 3);
        return;
    case X_DSS:
        if (w & 0x02000000u) { /* dssall: the STRM field is not used */
            if (w & 0x00600000u)
                bad(d);
            else
                set_mn(d, "dssall");
            return;
        }
        op_u(d, (w >> 21) & 3);
        return;
    }
}

/* ---- D-form loads and stores, opcodes 32-55 ---- */

static void dec_load_store(dasm *d)
{
    static const char *const names[24] = {
        "lwz", "lwzu", "lbz", "lbzu", "stw",  "stwu",  "stb",  "stbu",
        "lhz", "lhzu", "lha", "lhau", "sth",  "sthu",  "lmw",  "stmw",
        "lfs", "lfsu", "lfd", "lfdu", "stfs", "stfsu", "stfd", "stfdu",
    };
    uint32_t w = d->w;
    unsigned i = (w >> 26) - 32;
    /* update forms (odd opcodes below lmw, and the FP ones) use rA itself */
    bool update = (i < 14 || i >= 16) && (i & 1);
    set_mn(d, "%s", names[i]);
    if (i >= 16)
        op_f(d, RD(w));
    else
        op_r(d, RD(w));
    op_mem(d, (int16_t)w, RA(w), update);
}

/* ---- floating point, opcodes 59 and 63 ---- */

/* A-form operand layouts */
enum { FA_DAB, FA_DB, FA_DAC, FA_DACB };

static void dec_fp_a(dasm *d, const char *name, int form)
{
    uint32_t w = d->w;
    static const uint32_t fields[4] = {M_D | M_A | M_B, M_D | M_B, M_D | M_A | M_C,
                                       M_D | M_A | M_B | M_C};
    if (reserved_set(d, M_OP | 0x3Eu | M_RC | fields[form])) return;
    set_mn(d, "%s%s", name, dot(w));
    op_f(d, RD(w));
    if (form != FA_DB) op_f(d, RA(w));
    if (form == FA_DAC || form == FA_DACB) op_f(d, RC5(w));
    if (form != FA_DAC) op_f(d, RB(w));
}

static void dec_op59(dasm *d)
{
    switch ((d->w >> 1) & 31) {
    case 18: dec_fp_a(d, "fdivs", FA_DAB); return;
    case 20: dec_fp_a(d, "fsubs", FA_DAB); return;
    case 21: dec_fp_a(d, "fadds", FA_DAB); return;
    case 22: dec_fp_a(d, "fsqrts", FA_DB); return;
    case 24: dec_fp_a(d, "fres", FA_DB); return;
    case 25: dec_fp_a(d, "fmuls", FA_DAC); return;
    case 28: dec_fp_a(d, "fmsubs", FA_DACB); return;
    case 29: dec_fp_a(d, "fmadds", FA_DACB); return;
    case 30: dec_fp_a(d, "fnmsubs", FA_DACB); return;
    case 31: dec_fp_a(d, "fnmadds", FA_DACB); return;
    default: bad(d); return;
    }
}

static void dec_op63(dasm *d)
{
    uint32_t w = d->w;
    switch ((w >> 1) & 31) {
    case 18: dec_fp_a(d, "fdiv", FA_DAB); return;
    case 20: dec_fp_a(d, "fsub", FA_DAB); return;
    case 21: dec_fp_a(d, "fadd", FA_DAB); return;
    case 22: dec_fp_a(d, "fsqrt", FA_DB); return;
    case 23: dec_fp_a(d, "fsel", FA_DACB); return;
    case 25: dec_fp_a(d, "fmul", FA_DAC); return;
    case 26: dec_fp_a(d, "frsqrte", FA_DB); return;
    case 28: dec_fp_a(d, "fmsub", FA_DACB); return;
    case 29: dec_fp_a(d, "fmadd", FA_DACB); return;
    case 30: dec_fp_a(d, "fnmsub", FA_DACB); return;
    case 31: dec_fp_a(d, "fnmadd", FA_DACB); return;
    default: break;
    }
    unsigned xo = (w >> 1) & 0x3FF;
    const char *name = NULL;
    switch (xo) {
    case 0:
    case 32: /* fcmpu/fcmpo crfD,frA,frB */
        if (reserved_set(d, M_OP | M_XO10 | M_CRFD | M_A | M_B)) return;
        set_mn(d, xo ? "fcmpo" : "fcmpu");
        op_crf(d, (w >> 23) & 7);
        op_f(d, RA(w));
        op_f(d, RB(w));
        return;
    case 12: name = "frsp"; break;
    case 14: name = "fctiw"; break;
    case 15: name = "fctiwz"; break;
    case 40: name = "fneg"; break;
    case 72: name = "fmr"; break;
    case 136: name = "fnabs"; break;
    case 264: name = "fabs"; break;
    case 38:
    case 70: /* mtfsb1/mtfsb0 crbD (an FPSCR bit number) */
        if (reserved_set(d, M_OP | M_XO10 | M_D | M_RC)) return;
        set_mn(d, "mtfsb%c%s", xo == 38 ? '1' : '0', dot(w));
        op_u(d, RD(w));
        return;
    case 64: /* mcrfs crfD,crfS */
        if (reserved_set(d, M_OP | M_XO10 | M_CRFD | M_CRFS)) return;
        set_mn(d, "mcrfs");
        op_crf(d, (w >> 23) & 7);
        op_crf(d, (w >> 18) & 7);
        return;
    case 134: /* mtfsfi crfD,IMM (IMM at bits 16-19) */
        if (reserved_set(d, M_OP | M_XO10 | M_CRFD | 0x0000F000u | M_RC)) return;
        set_mn(d, "mtfsfi%s", dot(w));
        op_crf(d, (w >> 23) & 7);
        op_u(d, (w >> 12) & 15);
        return;
    case 583: /* mffs frD */
        if (reserved_set(d, M_OP | M_XO10 | M_D | M_RC)) return;
        set_mn(d, "mffs%s", dot(w));
        op_f(d, RD(w));
        return;
    case 711: /* mtfsf FM,frB (FM at bits 7-14) */
        if (reserved_set(d, M_OP | M_XO10 | 0x01FE0000u | M_B | M_RC)) return;
        set_mn(d, "mtfsf%s", dot(w));
        add_op(d, "0x%02X", (unsigned)(w >> 17) & 0xFF);
        op_f(d, RB(w));
        return;
    default: bad(d); return;
    }
    /* frD,frB with frA reserved */
    if (reserved_set(d, M_OP | M_XO10 | M_D | M_B | M_RC)) return;
    set_mn(d, "%s%s", name, dot(w));
    op_f(d, RD(w));
    op_f(d, RB(w));
}

/* ---- AltiVec, opcode 4 (7400) ---- */

/* VX-form operand layouts */
enum vx_form {
    V_DAB,   /* vD,vA,vB */
    V_DB,    /* vD,vB */
    V_DBU,   /* vD,vB,UIMM (5 bits in the vA field) */
    V_SPLT4, /* vD,vB,UIMM: element number, 4/3/2 bits at the low end */
    V_SPLT3, /*   of the vA field; the bits above are reserved */
    V_SPLT2,
    V_SIMM, /* vD,SIMM (5-bit signed, vA field) */
    V_D,    /* vD */
    V_B,    /* vB */
};

static const struct vx_op {
    uint16_t xo;
    uint8_t form;
    const char *name;
} vx_ops[] = {
    {0, V_DAB, "vaddubm"},     {2, V_DAB, "vmaxub"},      {4, V_DAB, "vrlb"},
    {8, V_DAB, "vmuloub"},     {10, V_DAB, "vaddfp"},     {12, V_DAB, "vmrghb"},
    {14, V_DAB, "vpkuhum"},    {64, V_DAB, "vadduhm"},    {66, V_DAB, "vmaxuh"},
    {68, V_DAB, "vrlh"},       {72, V_DAB, "vmulouh"},    {74, V_DAB, "vsubfp"},
    {76, V_DAB, "vmrghh"},     {78, V_DAB, "vpkuwum"},    {128, V_DAB, "vadduwm"},
    {130, V_DAB, "vmaxuw"},    {132, V_DAB, "vrlw"},      {140, V_DAB, "vmrghw"},
    {142, V_DAB, "vpkuhus"},   {206, V_DAB, "vpkuwus"},   {258, V_DAB, "vmaxsb"},
    {260, V_DAB, "vslb"},      {264, V_DAB, "vmulosb"},   {266, V_DB, "vrefp"},
    {268, V_DAB, "vmrglb"},    {270, V_DAB, "vpkshus"},   {322, V_DAB, "vmaxsh"},
    {324, V_DAB, "vslh"},      {328, V_DAB, "vmulosh"},   {330, V_DB, "vrsqrtefp"},
    {332, V_DAB, "vmrglh"},    {334, V_DAB, "vpkswus"},   {384, V_DAB, "vaddcuw"},
    {386, V_DAB, "vmaxsw"},    {388, V_DAB, "vslw"},      {394, V_DB, "vexptefp"},
    {396, V_DAB, "vmrglw"},    {398, V_DAB, "vpkshss"},   {452, V_DAB, "vsl"},
    {458, V_DB, "vlogefp"},    {462, V_DAB, "vpkswss"},   {512, V_DAB, "vaddubs"},
    {514, V_DAB, "vminub"},    {516, V_DAB, "vsrb"},      {520, V_DAB, "vmuleub"},
    {522, V_DB, "vrfin"},      {524, V_SPLT4, "vspltb"},  {526, V_DB, "vupkhsb"},
    {576, V_DAB, "vadduhs"},   {578, V_DAB, "vminuh"},    {580, V_DAB, "vsrh"},
    {584, V_DAB, "vmuleuh"},   {586, V_DB, "vrfiz"},      {588, V_SPLT3, "vsplth"},
    {590, V_DB, "vupkhsh"},    {640, V_DAB, "vadduws"},   {642, V_DAB, "vminuw"},
    {644, V_DAB, "vsrw"},      {650, V_DB, "vrfip"},      {652, V_SPLT2, "vspltw"},
    {654, V_DB, "vupklsb"},    {708, V_DAB, "vsr"},       {714, V_DB, "vrfim"},
    {718, V_DB, "vupklsh"},    {768, V_DAB, "vaddsbs"},   {770, V_DAB, "vminsb"},
    {772, V_DAB, "vsrab"},     {776, V_DAB, "vmulesb"},   {778, V_DBU, "vcfux"},
    {780, V_SIMM, "vspltisb"}, {782, V_DAB, "vpkpx"},     {832, V_DAB, "vaddshs"},
    {834, V_DAB, "vminsh"},    {836, V_DAB, "vsrah"},     {840, V_DAB, "vmulesh"},
    {842, V_DBU, "vcfsx"},     {844, V_SIMM, "vspltish"}, {846, V_DB, "vupkhpx"},
    {896, V_DAB, "vaddsws"},   {898, V_DAB, "vminsw"},    {900, V_DAB, "vsraw"},
    {906, V_DBU, "vctuxs"},    {908, V_SIMM, "vspltisw"}, {970, V_DBU, "vctsxs"},
    {974, V_DB, "vupklpx"},    {1024, V_DAB, "vsububm"},  {1026, V_DAB, "vavgub"},
    {1028, V_DAB, "vand"},     {1034, V_DAB, "vmaxfp"},   {1036, V_DAB, "vslo"},
    {1088, V_DAB, "vsubuhm"},  {1090, V_DAB, "vavguh"},   {1092, V_DAB, "vandc"},
    {1098, V_DAB, "vminfp"},   {1100, V_DAB, "vsro"},     {1152, V_DAB, "vsubuwm"},
    {1154, V_DAB, "vavguw"},   {1156, V_DAB, "vor"},      {1220, V_DAB, "vxor"},
    {1282, V_DAB, "vavgsb"},   {1284, V_DAB, "vnor"},     {1346, V_DAB, "vavgsh"},
    {1408, V_DAB, "vsubcuw"},  {1410, V_DAB, "vavgsw"},   {1536, V_DAB, "vsububs"},
    {1540, V_D, "mfvscr"},     {1544, V_DAB, "vsum4ubs"}, {1600, V_DAB, "vsubuhs"},
    {1604, V_B, "mtvscr"},     {1608, V_DAB, "vsum4shs"}, {1664, V_DAB, "vsubuws"},
    {1672, V_DAB, "vsum2sws"}, {1792, V_DAB, "vsubsbs"},  {1800, V_DAB, "vsum4sbs"},
    {1856, V_DAB, "vsubshs"},  {1920, V_DAB, "vsubsws"},  {1928, V_DAB, "vsumsws"},
};

/* VC-form compares: Rc at bit 21, 10-bit extended opcode. */
static const struct vc_op {
    uint16_t xo;
    const char *name;
} vc_ops[] = {
    {6, "vcmpequb"},   {70, "vcmpequh"},  {134, "vcmpequw"}, {198, "vcmpeqfp"}, {454, "vcmpgefp"},
    {518, "vcmpgtub"}, {582, "vcmpgtuh"}, {646, "vcmpgtuw"}, {710, "vcmpgtfp"}, {774, "vcmpgtsb"},
    {838, "vcmpgtsh"}, {902, "vcmpgtsw"}, {966, "vcmpbfp"},
};

static void dec_altivec(dasm *d)
{
    uint32_t w = d->w;
    unsigned vd = RD(w), va = RA(w), vb = RB(w), vc = RC5(w);
    unsigned xo6 = w & 0x3F;

    if (xo6 >= 32) { /* VA-form: vD,vA,vB,vC */
        static const char *const va_names[16] = {
            "vmhaddshs", "vmhraddshs", "vmladduhm", NULL,       "vmsumubm", "vmsummbm",
            "vmsumuhm",  "vmsumuhs",   "vmsumshm",  "vmsumshs", "vsel",     "vperm",
            "vsldoi",    NULL,         "vmaddfp",   "vnmsubfp",
        };
        const char *name = xo6 < 48 ? va_names[xo6 - 32] : NULL;
        if (!name) {
            bad(d);
            return;
        }
        set_mn(d, "%s", name);
        op_v(d, vd);
        op_v(d, va);
        if (xo6 == 44) { /* vsldoi vD,vA,vB,SHB: bit 21 reserved */
            if (reserved_set(d, ~0x00000400u)) return;
            op_v(d, vb);
            op_u(d, vc & 15);
        } else if (xo6 >= 46) { /* vmaddfp/vnmsubfp vD,vA,vC,vB */
            op_v(d, vc);
            op_v(d, vb);
        } else {
            op_v(d, vb);
            op_v(d, vc);
        }
        return;
    }
    if (xo6 == 6) { /* VC-form compares */
        unsigned xo = w & 0x3FF;
        for (size_t i = 0; i < sizeof vc_ops / sizeof vc_ops[0]; i++) {
            if (vc_ops[i].xo != xo) continue;
            set_mn(d, "%s%s", vc_ops[i].name, (w & 0x400) ? "." : "");
            op_v(d, vd);
            op_v(d, va);
            op_v(d, vb);
            return;
        }
        bad(d);
        return;
    }
    unsigned xo = w & 0x7FF;
    const struct vx_op *op = NULL;
    for (size_t i = 0; i < sizeof vx_ops / sizeof vx_ops[0]; i++)
        if (vx_ops[i].xo == xo) op = &vx_ops[i];
    if (!op) {
        bad(d);
        return;
    }
    static const uint32_t fields[] = {
        [V_DAB] = M_D | M_A | M_B,
        [V_DB] = M_D | M_B,
        [V_DBU] = M_D | M_A | M_B,
        [V_SPLT4] = M_D | 0x000F0000u | M_B,
        [V_SPLT3] = M_D | 0x00070000u | M_B,
        [V_SPLT2] = M_D | 0x00030000u | M_B,
        [V_SIMM] = M_D | M_A,
        [V_D] = M_D,
        [V_B] = M_B,
    };
    if (reserved_set(d, M_OP | 0x7FFu | fields[op->form])) return;
    if (!d->basic && va == vb && (xo == 1156 || xo == 1284)) {
        /* vmr vD,vS = vor vD,vS,vS; vnot vD,vS = vnor vD,vS,vS */
        set_mn(d, "%s", xo == 1156 ? "vmr" : "vnot");
        op_v(d, vd);
        op_v(d, va);
        return;
    }
    set_mn(d, "%s", op->name);
    switch ((enum vx_form)op->form) {
    case V_DAB:
        op_v(d, vd);
        op_v(d, va);
        op_v(d, vb);
        return;
    case V_DB:
        op_v(d, vd);
        op_v(d, vb);
        return;
    case V_DBU:
    case V_SPLT4:
    case V_SPLT3:
    case V_SPLT2:
        op_v(d, vd);
        op_v(d, vb);
        op_u(d, va);
        return;
    case V_SIMM:
        op_v(d, vd);
        op_s(d, (va & 16) ? (int)va - 32 : (int)va);
        return;
    case V_D: op_v(d, vd); return;
    case V_B: op_v(d, vb); return;
    }
}

/* ---- top level ---- */

static void decode(dasm *d)
{
    uint32_t w = d->w;
    unsigned opcd = w >> 26;
    switch (opcd) {
    case 3: dec_twi(d); return;
    case 4:
        if (d->model == PPC_DASM_7400)
            dec_altivec(d);
        else
            bad(d);
        return;
    case 7: dec_arith_imm(d, "mulli"); return;
    case 8: dec_arith_imm(d, "subfic"); return;
    case 9:
        if (d->model == PPC_DASM_601)
            dec_arith_imm(d, "dozi");
        else
            bad(d);
        return;
    case 10: dec_cmp_imm(d, true); return;
    case 11: dec_cmp_imm(d, false); return;
    case 12: dec_addic(d, false); return;
    case 13: dec_addic(d, true); return;
    case 14: dec_addi(d, false); return;
    case 15: dec_addi(d, true); return;
    case 16: dec_cond_branch(d, BR_BC); return;
    case 17: /* sc: everything but bit 30 is reserved */
        if (w == 0x44000002u)
            set_mn(d, "sc");
        else
            bad(d);
        return;
    case 18: dec_b(d); return;
    case 19: dec_op19(d); return;
    case 22:
        if (d->model != PPC_DASM_601) {
            bad(d);
            return;
        }
        dec_rotate(d, opcd);
        return;
    case 20:
    case 21:
    case 23: dec_rotate(d, opcd); return;
    case 24: dec_logical_imm(d, "ori"); return;
    case 25: dec_logical_imm(d, "oris"); return;
    case 26: dec_logical_imm(d, "xori"); return;
    case 27: dec_logical_imm(d, "xoris"); return;
    case 28: dec_logical_imm(d, "andi."); return;
    case 29: dec_logical_imm(d, "andis."); return;
    case 31: dec_op31(d); return;
    case 59: dec_op59(d); return;
    case 63: dec_op63(d); return;
    default:
        if (opcd >= 32 && opcd <= 55)
            dec_load_store(d);
        else
            bad(d);
        return;
    }
}

static void run(dasm *d, uint32_t pc, uint32_t insn, int model, unsigned flags)
{
    memset(d, 0, sizeof *d);
    d->pc = pc;
    d->w = insn;
    d->model = model;
    d->basic = flags & PPC_DASM_BASIC;
    decode(d);
}

int ppc_dasm_ex(uint32_t pc, uint32_t insn, int model, unsigned flags, char *buf, size_t bufsize)
{
    dasm d;
    run(&d, pc, insn, model, flags);
    if (d.invalid) return snprintf(buf, bufsize, "dc.l 0x%08X", (unsigned)insn);
    if (d.nops) return snprintf(buf, bufsize, "%s %s", d.mn, d.ops);
    return snprintf(buf, bufsize, "%s", d.mn);
}

int ppc_dasm(uint32_t pc, uint32_t insn, int model, char *buf, size_t bufsize)
{
    return ppc_dasm_ex(pc, insn, model, 0, buf, bufsize);
}

int ppc_dasm_valid(uint32_t insn, int model)
{
    dasm d;
    run(&d, 0, insn, model, PPC_DASM_BASIC);
    return !d.invalid;
}
