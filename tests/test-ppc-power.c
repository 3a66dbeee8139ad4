/* The POWER instructions of the PowerPC 601 (core/ppc/ppc_ops_power.c),
 * one instruction at a time through tests/ppc-harness.
 *
 * Sources: MPC601UM chapter 10, and IBM's "AIX Assembler Language
 * Reference", one page per instruction (alangref/<mnemonic>.htm; the copies
 * read were ps-2.kev009.com/tl/techlib/manuals/adoclib/aixassem/alangref/,
 * ps-2.kev009.com/wisclibrary/aix52/.../alangref/ and
 * mouritzen.dk/aix-doc/en_US/a_doc_lib/aixassem/alangref/). Every worked
 * example found on those pages is a case below, cited as "AIX <page> ex N";
 * where a page's text is cut short the rest of the case is derived from the
 * page's description and says so. "Derived" cases follow the definitions;
 * "choice" marks a result the documents leave undefined, pinned to what
 * ppc_ops_power.c documents. */
#include <glib.h>
#include <string.h>

#include "ppc-harness.h"

/* ---- encodings (MPC601UM chapter 10) ---- */
#define XO_FORM(xo, rd, ra, rb, oe, rc)                                                            \
    (31u << 26 | (rd) << 21 | (ra) << 16 | (rb) << 11 | (oe) << 10 | (xo) << 1 | (rc))
#define X_FORM(xo, rs, ra, rb, rc)                                                                 \
    (31u << 26 | (rs) << 21 | (ra) << 16 | (rb) << 11 | (xo) << 1 | (rc))

#define I_ABS(rd, ra, oe, rc)      XO_FORM(360, rd, ra, 0, oe, rc)
#define I_NABS(rd, ra, oe, rc)     XO_FORM(488, rd, ra, 0, oe, rc)
#define I_DOZ(rd, ra, rb, oe, rc)  XO_FORM(264, rd, ra, rb, oe, rc)
#define I_MUL(rd, ra, rb, oe, rc)  XO_FORM(107, rd, ra, rb, oe, rc)
#define I_DIV(rd, ra, rb, oe, rc)  XO_FORM(331, rd, ra, rb, oe, rc)
#define I_DIVS(rd, ra, rb, oe, rc) XO_FORM(363, rd, ra, rb, oe, rc)
#define I_DOZI(rd, ra, si)         (9u << 26 | (rd) << 21 | (ra) << 16 | ((si)&0xffffu))
#define I_CLCS(rd, code, rc)       X_FORM(531, rd, code, 0, rc)
#define I_LSCBX(rd, ra, rb, rc)    X_FORM(277, rd, ra, rb, rc)
#define I_MASKG(ra, rs, rb, rc)    X_FORM(29, rs, ra, rb, rc)
#define I_MASKIR(ra, rs, rb, rc)   X_FORM(541, rs, ra, rb, rc)
#define I_RRIB(ra, rs, rb, rc)     X_FORM(537, rs, ra, rb, rc)
#define I_RLMI(ra, rs, rb, mb, me, rc)                                                             \
    (22u << 26 | (rs) << 21 | (ra) << 16 | (rb) << 11 | (mb) << 6 | (me) << 1 | (rc))
/* The shifts: X form, rS, rA, then rB or an SH field in the rB position. */
#define SLE                    153
#define SLEQ                   217
#define SLIQ                   184
#define SLLIQ                  248
#define SLLQ                   216
#define SLQ                    152
#define SRAIQ                  952
#define SRAQ                   920
#define SRE                    665
#define SREA                   921
#define SREQ                   729
#define SRIQ                   696
#define SRLIQ                  760
#define SRLQ                   728
#define SRQ                    664
#define SH(xo, ra, rs, rb, rc) X_FORM(xo, rs, ra, rb, rc)

#define XER_SO 0x80000000u
#define XER_OV 0x40000000u
#define XER_CA 0x20000000u
/* CR0 values: LT GT EQ SO. */
#define LT 8u
#define GT 4u
#define EQ 2u
#define SO 1u

/* A CR value whose field 0 is clear: a "." form changes only the top
 * nibble, any other form nothing. */
#define CR_SENTINEL 0x0abcdef1u

typedef struct {
    ppc_harness *h;
    ppc_cpu *cpu;
} fx;

static void fx_setup(fx *f, gconstpointer data)
{
    ppc_model model = (ppc_model)GPOINTER_TO_INT(data);
    f->h = ph_new(model);
    f->cpu = f->h->cpu;
    if (model == PPC_MODEL_601) g_assert_true(ppc_set_spr(f->cpu, 0, 0));
    ppc_set_cr(f->cpu, CR_SENTINEL);
}

static void fx_teardown(fx *f, gconstpointer data)
{
    (void)data;
    ph_free(f->h);
}

static void set(fx *f, unsigned r, uint32_t v)
{
    ppc_set_gpr(f->cpu, r, v);
}
static uint32_t gpr(fx *f, unsigned r)
{
    return ppc_get_gpr(f->cpu, r);
}

static void set_mq(fx *f, uint32_t v)
{
    g_assert_true(ppc_set_spr(f->cpu, 0, v));
}

static uint32_t mq(fx *f)
{
    uint32_t v = 0;
    g_assert_true(ppc_get_spr(f->cpu, 0, &v));
    return v;
}

static uint32_t xer(fx *f)
{
    return ppc_get_xer(f->cpu);
}

/* Runs one instruction that must complete without an exception. */
static void run(fx *f, uint32_t insn)
{
    ppc_set_cr(f->cpu, CR_SENTINEL);
    g_assert_true(ph_exec(f->h, insn));
    g_assert_cmphex(ppc_get_pc(f->cpu), ==, PH_CODE + 4);
}

/* CR0 after a "." form: the rest of CR must be untouched. */
static unsigned cr0(fx *f)
{
    uint32_t cr = ppc_get_cr(f->cpu);
    g_assert_cmphex(cr & 0x0fffffffu, ==, CR_SENTINEL & 0x0fffffffu);
    return cr >> 28;
}

static void assert_cr_untouched(fx *f)
{
    g_assert_cmphex(ppc_get_cr(f->cpu), ==, CR_SENTINEL);
}

/* ---- abs, nabs ---- */

static void test_abs(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX abs ex 1 */
    set(f, 4, 0x70003000);
    run(f, I_ABS(6, 4, 0, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x70003000);
    assert_cr_untouched(f);
    /* AIX abs ex 2 */
    set(f, 4, 0xffffffff);
    run(f, I_ABS(6, 4, 0, 1));
    g_assert_cmphex(gpr(f, 6), ==, 0x00000001);
    g_assert_cmpuint(cr0(f), ==, GT);
    /* AIX abs ex 3 */
    set(f, 4, 0xb0043000);
    run(f, I_ABS(6, 4, 1, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x4ffbd000);
    g_assert_cmphex(xer(f) & (XER_SO | XER_OV), ==, 0);
    /* AIX abs ex 4 (abso. of 0x80000000: the page's result text is cut
     * short; the description gives 0x80000000 with OV set, hence SO). */
    set(f, 4, 0x80000000);
    run(f, I_ABS(6, 4, 1, 1));
    g_assert_cmphex(gpr(f, 6), ==, 0x80000000);
    g_assert_cmphex(xer(f) & (XER_SO | XER_OV), ==, XER_SO | XER_OV);
    g_assert_cmpuint(cr0(f), ==, LT | SO);
}

static void test_abs_xer(fx *f, gconstpointer d)
{
    (void)d;
    /* Derived: without OE the most negative number leaves XER alone, and no
     * form touches CA (choice: the AIX page's "always affect CA" is not
     * followed, see ppc_ops_power.c). */
    ppc_set_xer(f->cpu, XER_CA | 5);
    set(f, 4, 0x80000000);
    run(f, I_ABS(6, 4, 0, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x80000000);
    g_assert_cmphex(xer(f), ==, XER_CA | 5);
    /* Derived: abso of a number that fits clears OV and keeps SO. */
    ppc_set_xer(f->cpu, XER_SO | XER_OV | XER_CA);
    set(f, 4, 0xfffffffb);
    run(f, I_ABS(6, 4, 1, 1));
    g_assert_cmphex(gpr(f, 6), ==, 5);
    g_assert_cmphex(xer(f), ==, XER_SO | XER_CA);
    g_assert_cmpuint(cr0(f), ==, GT | SO);
    /* Derived: abs of 0 */
    set(f, 4, 0);
    run(f, I_ABS(6, 4, 0, 1));
    g_assert_cmphex(gpr(f, 6), ==, 0);
    g_assert_cmpuint(cr0(f), ==, EQ | SO);
}

static void test_nabs(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX nabs ex 1 */
    set(f, 4, 0x00003000);
    run(f, I_NABS(6, 4, 0, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0xffffd000);
    /* AIX nabs ex 2 */
    set(f, 4, 0xffffffff);
    run(f, I_NABS(6, 4, 0, 1));
    g_assert_cmphex(gpr(f, 6), ==, 0xffffffff);
    g_assert_cmpuint(cr0(f), ==, LT);
    /* AIX nabs ex 3 */
    set(f, 4, 0x00000001);
    run(f, I_NABS(6, 4, 1, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0xffffffff);
    g_assert_cmphex(xer(f) & XER_OV, ==, 0);
    /* AIX nabs ex 4, with SO and OV set beforehand: "the Summary Overflow
     * (SO) bit is unchanged and the Overflow (OV) bit is set to zero". */
    ppc_set_xer(f->cpu, XER_SO | XER_OV | XER_CA);
    set(f, 4, 0x80000000);
    run(f, I_NABS(6, 4, 1, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x80000000);
    g_assert_cmphex(xer(f), ==, XER_SO | XER_CA);
}

/* ---- clcs ---- */

static void test_clcs(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX clcs ex: clcs 4,0xf gives the maximum cache line size; the 601's
     * one cache has 64-byte lines (MPC601UM), so 64 for codes 12-15. */
    for (unsigned code = 12; code <= 15; code++) {
        set(f, 4, 0);
        run(f, I_CLCS(4, code, 0));
        g_assert_cmphex(gpr(f, 4), ==, 64);
        assert_cr_untouched(f);
    }
    /* Choice: the undefined codes give 64 too; clcs. sets CR0 from rD. */
    run(f, I_CLCS(4, 3, 1));
    g_assert_cmphex(gpr(f, 4), ==, 64);
    g_assert_cmpuint(cr0(f), ==, GT);
}

/* ---- doz, dozi ---- */

static void test_doz(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX doz ex 1 */
    set(f, 4, 1);
    set(f, 6, 2);
    run(f, I_DOZ(4, 4, 6, 0, 0));
    g_assert_cmphex(gpr(f, 4), ==, 1);
    /* AIX doz ex 2 */
    set(f, 4, 1);
    set(f, 6, 0);
    run(f, I_DOZ(4, 4, 6, 0, 1));
    g_assert_cmphex(gpr(f, 4), ==, 0);
    g_assert_cmpuint(cr0(f), ==, EQ);
    /* AIX doz ex 3 */
    set(f, 4, 2);
    set(f, 6, 8);
    run(f, I_DOZ(4, 4, 6, 1, 0));
    g_assert_cmphex(gpr(f, 4), ==, 6);
    g_assert_cmphex(xer(f) & XER_OV, ==, 0);
    /* AIX doz ex 4 */
    set(f, 4, 0xefffffff);
    set(f, 6, 0);
    run(f, I_DOZ(4, 4, 6, 1, 1));
    g_assert_cmphex(gpr(f, 4), ==, 0x10000001);
    g_assert_cmphex(xer(f) & (XER_SO | XER_OV), ==, 0);
    g_assert_cmpuint(cr0(f), ==, GT);
}

static void test_doz_overflow(fx *f, gconstpointer d)
{
    (void)d;
    /* Derived: 0x7fffffff - 0x80000000 does not fit ("OV can only be set on
     * positive overflows", AIX doz). */
    set(f, 4, 0x80000000);
    set(f, 6, 0x7fffffff);
    run(f, I_DOZ(5, 4, 6, 1, 1));
    g_assert_cmphex(gpr(f, 5), ==, 0xffffffff);
    g_assert_cmphex(xer(f) & (XER_SO | XER_OV), ==, XER_SO | XER_OV);
    g_assert_cmpuint(cr0(f), ==, LT | SO);
    /* Derived: rA > rB gives 0 and clears OV; SO stays. */
    set(f, 4, 5);
    set(f, 6, 0xfffffffb);
    run(f, I_DOZ(5, 4, 6, 1, 0));
    g_assert_cmphex(gpr(f, 5), ==, 0);
    g_assert_cmphex(xer(f) & (XER_SO | XER_OV), ==, XER_SO);
    /* Derived: without OE the overflow leaves XER alone. */
    ppc_set_xer(f->cpu, 0);
    set(f, 4, 0x80000000);
    set(f, 6, 0x7fffffff);
    run(f, I_DOZ(5, 4, 6, 0, 0));
    g_assert_cmphex(gpr(f, 5), ==, 0xffffffff);
    g_assert_cmphex(xer(f), ==, 0);
}

static void test_dozi(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX dozi ex */
    set(f, 4, 1);
    run(f, I_DOZI(4, 4, 0));
    g_assert_cmphex(gpr(f, 4), ==, 0);
    /* Derived: SI is signed. */
    set(f, 3, 0xfffffffb);        /* -5 */
    run(f, I_DOZI(7, 3, 0xfffd)); /* -3 */
    g_assert_cmphex(gpr(f, 7), ==, 2);
    set(f, 3, 5);
    run(f, I_DOZI(7, 3, 0xfffd));
    g_assert_cmphex(gpr(f, 7), ==, 0);
    /* Derived: dozi has no OE and no Rc (bit 31 is part of SI): an
     * overflowing difference with an odd SI leaves XER and CR alone. */
    ppc_set_xer(f->cpu, 0);
    set(f, 3, 0x80000000);
    run(f, I_DOZI(7, 3, 0x7fff));
    g_assert_cmphex(gpr(f, 7), ==, 0x80007fff);
    g_assert_cmphex(xer(f), ==, 0);
    assert_cr_untouched(f);
}

/* ---- mul ---- */

static void test_mul(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX mul ex 1 */
    set(f, 4, 3);
    set(f, 10, 2);
    run(f, I_MUL(6, 4, 10, 0, 0));
    g_assert_cmphex(mq(f), ==, 6);
    g_assert_cmphex(gpr(f, 6), ==, 0);
    /* AIX mul ex 2: CR0 is GT although rD is negative: it reflects MQ. */
    set(f, 4, 0x00004500);
    set(f, 10, 0x80007000);
    run(f, I_MUL(6, 4, 10, 0, 1));
    g_assert_cmphex(mq(f), ==, 0x1e300000);
    g_assert_cmphex(gpr(f, 6), ==, 0xffffdd80);
    g_assert_cmpuint(cr0(f), ==, GT);
    /* AIX mul ex 3 with XER = 0 (the page's XER text is cut short; the
     * description sets SO and OV when the product needs more than 32 bits). */
    ppc_set_xer(f->cpu, 0);
    set_mq(f, 0);
    run(f, I_MUL(6, 4, 10, 1, 0));
    g_assert_cmphex(mq(f), ==, 0x1e300000);
    g_assert_cmphex(gpr(f, 6), ==, 0xffffdd80);
    g_assert_cmphex(xer(f), ==, XER_SO | XER_OV);
}

static void test_mul_edges(fx *f, gconstpointer d)
{
    (void)d;
    /* Derived: 0x10000 * 0x10000 = 2^32: rD = 1, MQ = 0, CR0 = EQ (MQ). */
    set(f, 4, 0x10000);
    set(f, 5, 0x10000);
    run(f, I_MUL(3, 4, 5, 0, 1));
    g_assert_cmphex(gpr(f, 3), ==, 1);
    g_assert_cmphex(mq(f), ==, 0);
    g_assert_cmpuint(cr0(f), ==, EQ);
    /* Derived: a negative product that fits: no overflow, OV cleared, SO
     * kept and copied into CR0. */
    ppc_set_xer(f->cpu, XER_SO | XER_OV);
    set(f, 4, 0xfffffffd);
    set(f, 5, 2);
    run(f, I_MUL(3, 4, 5, 1, 1));
    g_assert_cmphex(gpr(f, 3), ==, 0xffffffff);
    g_assert_cmphex(mq(f), ==, 0xfffffffa);
    g_assert_cmphex(xer(f), ==, XER_SO);
    g_assert_cmpuint(cr0(f), ==, LT | SO);
    /* Derived: 0x80000000 * 0x80000000 = 2^62. */
    ppc_set_xer(f->cpu, 0);
    set(f, 4, 0x80000000);
    run(f, I_MUL(3, 4, 4, 1, 0));
    g_assert_cmphex(gpr(f, 3), ==, 0x40000000);
    g_assert_cmphex(mq(f), ==, 0);
    g_assert_cmphex(xer(f), ==, XER_SO | XER_OV);
    /* Derived: rD may be rA: the sources are read first. */
    set(f, 4, 7);
    set(f, 5, 6);
    run(f, I_MUL(4, 4, 5, 0, 0));
    g_assert_cmphex(gpr(f, 4), ==, 0);
    g_assert_cmphex(mq(f), ==, 42);
}

/* ---- div, divs ---- */

static void test_div(fx *f, gconstpointer d)
{
    (void)d;
    /* Derived (AIX div: dividend (RA) || (MQ), quotient to RT, remainder
     * to MQ with the dividend's sign). 2^32 / 3. */
    set(f, 4, 1);
    set_mq(f, 0);
    set(f, 5, 3);
    run(f, I_DIV(6, 4, 5, 1, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x55555555);
    g_assert_cmphex(mq(f), ==, 1);
    g_assert_cmphex(xer(f) & XER_OV, ==, 0);
    /* -7 / 2 = -3 remainder -1. */
    set(f, 4, 0xffffffff);
    set_mq(f, 0xfffffff9);
    set(f, 5, 2);
    run(f, I_DIV(6, 4, 5, 0, 1));
    g_assert_cmphex(gpr(f, 6), ==, 0xfffffffd);
    g_assert_cmphex(mq(f), ==, 0xffffffff);
    g_assert_cmpuint(cr0(f), ==, LT);
    /* 7 / -2 = -3 remainder 1. */
    set(f, 4, 0);
    set_mq(f, 7);
    set(f, 5, 0xfffffffe);
    run(f, I_DIV(6, 4, 5, 0, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0xfffffffd);
    g_assert_cmphex(mq(f), ==, 1);
    /* A dividend wider than 32 bits whose quotient fits:
     * (2^61 + 5) / -2^31 = -2^30 remainder 5. */
    set(f, 4, 0x20000000);
    set_mq(f, 5);
    set(f, 5, 0x80000000); /* -2^31 */
    run(f, I_DIV(6, 4, 5, 1, 1));
    g_assert_cmphex(gpr(f, 6), ==, 0xc0000000);
    g_assert_cmphex(mq(f), ==, 5);
    g_assert_cmphex(xer(f) & XER_OV, ==, 0);
    g_assert_cmpuint(cr0(f), ==, LT);
    /* Zero quotient, negative dividend: remainder keeps the sign. */
    set(f, 4, 0xffffffff);
    set_mq(f, 0xfffffffe); /* -2 */
    set(f, 5, 5);
    run(f, I_DIV(6, 4, 5, 0, 1));
    g_assert_cmphex(gpr(f, 6), ==, 0);
    g_assert_cmphex(mq(f), ==, 0xfffffffe);
    g_assert_cmpuint(cr0(f), ==, EQ);
}

static void test_div_overflow(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX div: "-2**31 / -1": MQ = 0 and RT = -2**31; divo sets OV, SO. */
    set(f, 4, 0xffffffff);
    set_mq(f, 0x80000000);
    set(f, 5, 0xffffffff);
    run(f, I_DIV(6, 4, 5, 1, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x80000000);
    g_assert_cmphex(mq(f), ==, 0);
    g_assert_cmphex(xer(f) & (XER_SO | XER_OV), ==, XER_SO | XER_OV);
    /* Choice: a quotient that needs more than 32 bits (2^32 / 1) gives the
     * same; OV is set. */
    ppc_set_xer(f->cpu, 0);
    set(f, 4, 1);
    set_mq(f, 0);
    set(f, 5, 1);
    run(f, I_DIV(6, 4, 5, 1, 1));
    g_assert_cmphex(gpr(f, 6), ==, 0x80000000);
    g_assert_cmphex(mq(f), ==, 0);
    g_assert_cmphex(xer(f) & (XER_SO | XER_OV), ==, XER_SO | XER_OV);
    g_assert_cmpuint(cr0(f), ==, LT | SO);
    /* Choice: divide by zero gives the same. */
    ppc_set_xer(f->cpu, 0);
    set(f, 4, 0);
    set_mq(f, 5);
    set(f, 5, 0);
    run(f, I_DIV(6, 4, 5, 1, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x80000000);
    g_assert_cmphex(mq(f), ==, 0);
    g_assert_cmphex(xer(f) & XER_OV, ==, XER_OV);
    /* Derived: the most negative 64-bit dividend over -1 overflows (and
     * must not trap the host). */
    ppc_set_xer(f->cpu, 0);
    set(f, 4, 0x80000000);
    set_mq(f, 0);
    set(f, 5, 0xffffffff);
    run(f, I_DIV(6, 4, 5, 1, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x80000000);
    g_assert_cmphex(xer(f) & XER_OV, ==, XER_OV);
    /* Derived: without OE an overflow leaves XER alone. */
    ppc_set_xer(f->cpu, XER_CA);
    set(f, 5, 0);
    run(f, I_DIV(6, 4, 5, 0, 0));
    g_assert_cmphex(xer(f), ==, XER_CA);
    /* Derived: divo that fits clears OV and keeps SO. */
    ppc_set_xer(f->cpu, XER_SO | XER_OV);
    set(f, 4, 0);
    set_mq(f, 9);
    set(f, 5, 3);
    run(f, I_DIV(6, 4, 5, 1, 0));
    g_assert_cmphex(gpr(f, 6), ==, 3);
    g_assert_cmphex(xer(f), ==, XER_SO);
}

static void test_divs(fx *f, gconstpointer d)
{
    (void)d;
    /* Derived (AIX divs: RA / RB, quotient to RT, remainder to MQ). */
    set(f, 4, 7);
    set(f, 6, 2);
    run(f, I_DIVS(3, 4, 6, 0, 0));
    g_assert_cmphex(gpr(f, 3), ==, 3);
    g_assert_cmphex(mq(f), ==, 1);
    set(f, 4, 0xfffffff9); /* -7 */
    run(f, I_DIVS(3, 4, 6, 1, 1));
    g_assert_cmphex(gpr(f, 3), ==, 0xfffffffd);
    g_assert_cmphex(mq(f), ==, 0xffffffff);
    g_assert_cmphex(xer(f) & XER_OV, ==, 0);
    g_assert_cmpuint(cr0(f), ==, LT);
    /* MQ is not an input of divs. */
    set_mq(f, 0x12345678);
    set(f, 4, 100);
    set(f, 6, 10);
    run(f, I_DIVS(3, 4, 6, 0, 1));
    g_assert_cmphex(gpr(f, 3), ==, 10);
    g_assert_cmphex(mq(f), ==, 0);
    g_assert_cmpuint(cr0(f), ==, GT);
    /* AIX divs: "-2**31 / -1": MQ = 0 and RT = -2**31. */
    set(f, 4, 0x80000000);
    set(f, 6, 0xffffffff);
    set_mq(f, 0x55);
    run(f, I_DIVS(3, 4, 6, 1, 0));
    g_assert_cmphex(gpr(f, 3), ==, 0x80000000);
    g_assert_cmphex(mq(f), ==, 0);
    g_assert_cmphex(xer(f) & (XER_SO | XER_OV), ==, XER_SO | XER_OV);
    /* Choice: divide by zero gives the same. */
    ppc_set_xer(f->cpu, 0);
    set(f, 4, 1234);
    set(f, 6, 0);
    run(f, I_DIVS(3, 4, 6, 1, 1));
    g_assert_cmphex(gpr(f, 3), ==, 0x80000000);
    g_assert_cmphex(mq(f), ==, 0);
    g_assert_cmphex(xer(f) & (XER_SO | XER_OV), ==, XER_SO | XER_OV);
    g_assert_cmpuint(cr0(f), ==, LT | SO);
}

/* ---- lscbx ---- */

#define STR_AT 0x1000u

/* XER with the compare byte in bits 16-23 and the count in bits 25-31. */
static void set_xer_string(fx *f, uint32_t high, uint8_t match, unsigned count)
{
    ppc_set_xer(f->cpu, high | (uint32_t)match << 8 | count);
}

static void test_lscbx_match(fx *f, gconstpointer d)
{
    (void)d;
    /* Derived (AIX lscbx): the matching byte is loaded too and counted;
     * nothing after it is read; lscbx. sets CR0[EQ]. Choice: the unloaded
     * byte of the last register is cleared. */
    memcpy(f->h->ram + STR_AT, "ab\0cdefghijklmnop", 17);
    set(f, 3, STR_AT);
    set(f, 5, 0xdeadbeef);
    set(f, 6, 0xcafef00d);
    set_xer_string(f, 0, 0, 16);
    run(f, I_LSCBX(5, 0, 3, 1));
    g_assert_cmphex(gpr(f, 5), ==, 0x61620000);
    g_assert_cmphex(gpr(f, 6), ==, 0xcafef00d);
    g_assert_cmphex(xer(f) & 0x7f, ==, 3);
    g_assert_cmphex(xer(f) >> 8 & 0xff, ==, 0);
    g_assert_cmpuint(cr0(f), ==, EQ);
}

static void test_lscbx_wrap(fx *f, gconstpointer d)
{
    (void)d;
    /* Derived: no match in 10 bytes from r30: r30, r31, then r0. EA =
     * (rA|0) + rB with rA = 4. */
    static const uint8_t bytes[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    memcpy(f->h->ram + STR_AT + 0x10, bytes, sizeof(bytes));
    set(f, 4, STR_AT);
    set(f, 7, 0x10);
    set(f, 0, 0xdeadbeef);
    set(f, 1, 0x11111111);
    set_xer_string(f, XER_SO, 0xee, 10);
    run(f, I_LSCBX(30, 4, 7, 1));
    g_assert_cmphex(gpr(f, 30), ==, 0x01020304);
    g_assert_cmphex(gpr(f, 31), ==, 0x05060708);
    g_assert_cmphex(gpr(f, 0), ==, 0x090a0000); /* choice: cleared tail */
    g_assert_cmphex(gpr(f, 1), ==, 0x11111111);
    g_assert_cmphex(xer(f), ==, XER_SO | 0xee00 | 10);
    g_assert_cmpuint(cr0(f), ==, SO);
}

static void test_lscbx_second_register(fx *f, gconstpointer d)
{
    (void)d;
    /* Derived: the match is the 6th byte: rD full, rD+1 two bytes, rD+2 not
     * touched; count 6; without Rc CR stays. */
    memcpy(f->h->ram + STR_AT, "ABCDE/GHIJKL", 12);
    set(f, 3, STR_AT);
    set(f, 9, 0x99999999);
    set_xer_string(f, 0, '/', 12);
    run(f, I_LSCBX(7, 0, 3, 0));
    g_assert_cmphex(gpr(f, 7), ==, 0x41424344);
    g_assert_cmphex(gpr(f, 8), ==, 0x452f0000);
    g_assert_cmphex(gpr(f, 9), ==, 0x99999999);
    g_assert_cmphex(xer(f) & 0x7f, ==, 6);
    assert_cr_untouched(f);
    /* Derived: a match on the last byte of the count still counts (EQ). */
    set_xer_string(f, 0, 'D', 4);
    run(f, I_LSCBX(7, 0, 3, 1));
    g_assert_cmphex(gpr(f, 7), ==, 0x41424344);
    g_assert_cmphex(xer(f) & 0x7f, ==, 4);
    g_assert_cmpuint(cr0(f), ==, EQ);
    /* Derived: a match one byte past the count is not seen. */
    set_xer_string(f, 0, 'E', 4);
    run(f, I_LSCBX(7, 0, 3, 1));
    g_assert_cmphex(xer(f) & 0x7f, ==, 4);
    g_assert_cmpuint(cr0(f), ==, 0);
}

static void test_lscbx_skips_address_registers(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX lscbx: "If GPR RA is not 0 and GPRs RA and RB are in the range to
     * be loaded, then GPRs RA and RB are not written to." */
    memcpy(f->h->ram + STR_AT + 0x20, "0123456789AB", 12);
    set(f, 4, STR_AT);
    set(f, 5, 0x20);
    set_xer_string(f, 0, 0xff, 12);
    run(f, I_LSCBX(3, 4, 5, 0));
    g_assert_cmphex(gpr(f, 3), ==, 0x30313233);
    g_assert_cmphex(gpr(f, 4), ==, STR_AT);
    g_assert_cmphex(gpr(f, 5), ==, 0x20);
    g_assert_cmphex(xer(f) & 0x7f, ==, 12);
}

static void test_lscbx_zero_count(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX lscbx (IBM's current copy of the page): "If XER(25-31) = 0, GPR
     * RT is not altered." Derived: no match, so CR0[EQ] clear. */
    memcpy(f->h->ram + STR_AT, "\0\0\0\0", 4);
    set(f, 3, STR_AT);
    set(f, 5, 0x5555aaaa);
    set_xer_string(f, 0, 0, 0);
    run(f, I_LSCBX(5, 0, 3, 1));
    g_assert_cmphex(gpr(f, 5), ==, 0x5555aaaa);
    g_assert_cmphex(xer(f), ==, 0);
    g_assert_cmpuint(cr0(f), ==, 0);
}

/* ---- maskg, maskir, rlmi, rrib ---- */

static void test_maskg(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX maskg ex 1 */
    set(f, 4, 0x14);
    set(f, 5, 0x10);
    run(f, I_MASKG(6, 5, 4, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x0000f800);
    /* AIX maskg ex 2 (CR = 0 beforehand, 0x80000000 after) */
    set(f, 4, 0x10);
    set(f, 5, 0x17);
    ppc_set_cr(f->cpu, 0);
    g_assert_true(ph_exec(f->h, I_MASKG(6, 5, 4, 1)));
    g_assert_cmphex(gpr(f, 6), ==, 0xffff81ff);
    g_assert_cmphex(ppc_get_cr(f->cpu), ==, 0x80000000);
    /* Derived from the rules ("Consider the following" list of IBM's
     * maskg page): start = stop + 1 gives all ones... */
    static const struct {
        uint32_t start, stop, mask;
    } cases[] = {
        {5, 4, 0xffffffff},
        {0, 31, 0xffffffff},
        {31, 0, 0x80000001},
        {7, 7, 0x01000000},
        {0, 0, 0x80000000},
        {31, 31, 0x00000001},
        {0xffffffe5, 0x40, 0x87ffffff}, /* only bits 27-31 count: 5 to 0 */
        {1, 0, 0xffffffff},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        set(f, 5, cases[k].start);
        set(f, 4, cases[k].stop);
        run(f, I_MASKG(6, 5, 4, 0));
        g_assert_cmphex(gpr(f, 6), ==, cases[k].mask);
    }
}

static void test_maskir(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX maskir ex 1 */
    set(f, 6, 0xaaaaaaaa);
    set(f, 4, 0x000f0f00);
    set(f, 5, 0x55555555);
    run(f, I_MASKIR(6, 5, 4, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0xaaa5a5aa);
    /* AIX maskir ex 2 (CR0 derived: the result is negative) */
    set(f, 6, 0xaaaaaaaa);
    set(f, 4, 0x0a050f00);
    run(f, I_MASKIR(6, 5, 4, 1));
    g_assert_cmphex(gpr(f, 6), ==, 0xa0afa5aa);
    g_assert_cmpuint(cr0(f), ==, LT);
}

static void test_rlmi(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX rlmi ex 1 (and its "rlmi 6,4,5,0xFFFFFFFC" spelling: MB 0, ME 29) */
    set(f, 4, 0x90003000);
    set(f, 5, 2);
    set(f, 6, 0xffffffff);
    run(f, I_RLMI(6, 4, 5, 0, 0x1d, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x4000c003);
    /* AIX rlmi ex 2 setup (rlmi. of 0xB0043000; the result is cut short on
     * the page): 0xB0043000 rotated by 2 is 0xC010C002. */
    set(f, 4, 0xb0043000);
    set(f, 6, 0xffffffff);
    run(f, I_RLMI(6, 4, 5, 0, 0x1d, 1));
    g_assert_cmphex(gpr(f, 6), ==, 0xc010c003);
    g_assert_cmpuint(cr0(f), ==, LT);
    /* Derived: a wrapping mask (MB > ME) and rB above bit 27 ignored. */
    set(f, 4, 0x12345678);
    set(f, 5, 0xffffffe8); /* 8 */
    set(f, 6, 0);
    run(f, I_RLMI(6, 4, 5, 28, 3, 0));
    g_assert_cmphex(gpr(f, 6), ==, 0x30000002);
}

static void test_rrib(fx *f, gconstpointer d)
{
    (void)d;
    /* AIX rrib ex 1 */
    set(f, 5, 0);
    set(f, 6, 4);
    set(f, 4, 0xffffffff);
    run(f, I_RRIB(4, 5, 6, 0));
    g_assert_cmphex(gpr(f, 4), ==, 0xf7ffffff);
    /* AIX rrib ex 2 (CR0 derived) */
    set(f, 5, 0xb0043000);
    set(f, 4, 0);
    run(f, I_RRIB(4, 5, 6, 1));
    g_assert_cmphex(gpr(f, 4), ==, 0x08000000);
    g_assert_cmpuint(cr0(f), ==, GT);
    /* Derived: shift 0 and 31; only rS bit 0 matters. */
    set(f, 5, 0x7fffffff);
    set(f, 4, 0xffffffff);
    set(f, 6, 0x20); /* bits above 27 ignored: 0 */
    run(f, I_RRIB(4, 5, 6, 0));
    g_assert_cmphex(gpr(f, 4), ==, 0x7fffffff);
    set(f, 5, 0x80000000);
    set(f, 4, 0);
    set(f, 6, 31);
    run(f, I_RRIB(4, 5, 6, 0));
    g_assert_cmphex(gpr(f, 4), ==, 1);
}

/* ---- shifts with MQ ---- */

typedef struct {
    const char *what;
    uint32_t insn;
    uint32_t rs;     /* into r4 */
    unsigned rb_reg; /* 0: SH form */
    uint32_t rb;     /* into rb_reg */
    uint32_t mq_in;
    uint32_t ra_out; /* r6 */
    uint32_t mq_out;
    int cr0; /* -1: no Rc, CR must not change */
    int ca;  /* -1: CA must not change */
} shift_case;

static void run_shift_cases(fx *f, const shift_case *cases, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const shift_case *s = &cases[k];
        if (g_test_verbose()) g_test_message("%s", s->what);
        set(f, 4, s->rs);
        if (s->rb_reg) set(f, s->rb_reg, s->rb);
        set_mq(f, s->mq_in);
        /* CA set beforehand: a shift without CA must keep it, an algebraic
         * one must compute it. */
        ppc_set_xer(f->cpu, XER_CA);
        run(f, s->insn);
        g_assert_cmphex(gpr(f, 6), ==, s->ra_out);
        g_assert_cmphex(mq(f), ==, s->mq_out);
        if (s->cr0 < 0)
            assert_cr_untouched(f);
        else
            g_assert_cmpuint(cr0(f), ==, (unsigned)s->cr0);
        if (s->ca < 0)
            g_assert_cmphex(xer(f), ==, XER_CA);
        else
            g_assert_cmphex(xer(f), ==, s->ca ? XER_CA : 0);
    }
}

static void test_shift_left(fx *f, gconstpointer d)
{
    (void)d;
    static const shift_case cases[] = {
        {"AIX sle ex 1", SH(SLE, 6, 4, 5, 0), 0x90003000, 5, 4, 0, 0x00030000, 0x00030009, -1, -1},
        {"AIX sle ex 2", SH(SLE, 6, 4, 5, 1), 0xb0043000, 5, 4, 0, 0x00430000, 0x0043000b, GT, -1},
        {"derived: sle ignores rB[26]", SH(SLE, 6, 4, 5, 0), 0x90003000, 5, 0x24, 0, 0x00030000,
         0x00030009, -1, -1},
        {"AIX sleq ex 1", SH(SLEQ, 6, 4, 5, 0), 0x90003000, 5, 4, 0xffffffff, 0x0003000f,
         0x00030009, -1, -1},
        {"AIX sleq ex 2", SH(SLEQ, 6, 4, 5, 1), 0xb0043000, 5, 4, 0xffffffff, 0x0043000f,
         0x0043000b, GT, -1},
        {"AIX sliq ex 1", SH(SLIQ, 6, 4, 0x14, 0), 0x12345678, 0, 0, 0, 0x67800000, 0x67812345, -1,
         -1},
        {"AIX sliq ex 2", SH(SLIQ, 6, 4, 0x10, 1), 0x12345678, 0, 0, 0, 0x56780000, 0x56781234, GT,
         -1},
        {"AIX slliq ex 1", SH(SLLIQ, 6, 4, 3, 0), 0x90003000, 0, 0, 0xffffffff, 0x80018007,
         0x80018004, -1, -1},
        {"AIX slliq ex 2", SH(SLLIQ, 6, 4, 4, 1), 0xb0043000, 0, 0, 0xffffffff, 0x0043000f,
         0x0043000b, GT, -1},
        {"AIX sllq ex 1 (rB[26] set)", SH(SLLQ, 6, 4, 5, 0), 0x90003000, 5, 0x24, 0xabcdefab,
         0xabcdefa0, 0xabcdefab, -1, -1},
        {"AIX sllq ex 2", SH(SLLQ, 6, 4, 5, 1), 0xb0043000, 5, 4, 0xffffffff, 0x0043000f,
         0xffffffff, GT, -1},
        {"derived: sllq by 32 gives MQ", SH(SLLQ, 6, 4, 5, 0), 0x90003000, 5, 0x20, 0x89abcdef,
         0x89abcdef, 0x89abcdef, -1, -1},
        {"derived: sllq by 0 gives rS", SH(SLLQ, 6, 4, 5, 0), 0x90003000, 5, 0, 0x89abcdef,
         0x90003000, 0x89abcdef, -1, -1},
        {"AIX slq ex 1 (rB[26] set)", SH(SLQ, 6, 4, 5, 0), 0x90003000, 5, 0x24, 0, 0x00000000,
         0x00030009, -1, -1},
        {"AIX slq ex 2", SH(SLQ, 6, 4, 5, 1), 0xb0043000, 5, 4, 0, 0x00430000, 0x0043000b, GT, -1},
        {"derived: slq. by 63 gives 0 (EQ)", SH(SLQ, 6, 4, 5, 1), 0xffffffff, 5, 0xffffffff, 0,
         0x00000000, 0xffffffff, EQ, -1},
        {"derived: sle. negative result", SH(SLE, 6, 4, 5, 1), 0x40000001, 5, 1, 0, 0x80000002,
         0x80000002, LT, -1},
    };
    run_shift_cases(f, cases, G_N_ELEMENTS(cases));
}

static void test_shift_right(fx *f, gconstpointer d)
{
    (void)d;
    static const shift_case cases[] = {
        {"AIX sre ex 1", SH(SRE, 6, 4, 5, 0), 0x90003000, 5, 0xc, 0, 0x00090003, 0x00090003, -1,
         -1},
        {"AIX sre ex 2", SH(SRE, 6, 4, 5, 1), 0xb0043000, 5, 0xf, 0, 0x00016008, 0x60016008, GT,
         -1},
        {"AIX sreq ex 1", SH(SREQ, 6, 4, 7, 0), 0x9000300f, 7, 4, 0xefffffff, 0xe9000300,
         0xf9000300, -1, -1},
        /* The page prints the source as 0xB00 300F; its results need
         * 0xB000300F. */
        {"AIX sreq ex 2", SH(SREQ, 6, 4, 18, 1), 0xb000300f, 18, 4, 0xefffffff, 0xeb000300,
         0xfb000300, LT, -1},
        {"AIX sriq ex 1", SH(SRIQ, 6, 4, 0xc, 0), 0x9000300f, 0, 0, 0, 0x00090003, 0x00f90003, -1,
         -1},
        {"AIX sriq ex 2", SH(SRIQ, 6, 4, 0x14, 1), 0xb000300f, 0, 0, 0, 0x00000b00, 0x0300fb00, GT,
         -1},
        {"AIX srliq ex 1", SH(SRLIQ, 6, 4, 4, 0), 0x9000300f, 0, 0, 0x11111111, 0x19000300,
         0xf9000300, -1, -1},
        {"AIX srliq ex 2", SH(SRLIQ, 6, 4, 4, 1), 0xb0043000, 0, 0, 0xffffffff, 0xfb004300,
         0x0b004300, LT, -1},
        {"AIX srlq ex 1 (rB[26] set)", SH(SRLQ, 6, 4, 8, 0), 0x9000300f, 8, 0x24, 0xffffffff,
         0x0fffffff, 0xffffffff, -1, -1},
        {"AIX srlq ex 2", SH(SRLQ, 6, 4, 8, 1), 0xb0043000, 8, 4, 0xffffffff, 0xfb004300,
         0xffffffff, LT, -1},
        {"derived: srlq by 32 gives MQ", SH(SRLQ, 6, 4, 8, 0), 0x9000300f, 8, 0x20, 0x13579bdf,
         0x13579bdf, 0x13579bdf, -1, -1},
        {"AIX srq ex 1 (rB[26] set)", SH(SRQ, 6, 4, 25, 0), 0x9000300f, 25, 0x24, 0, 0x00000000,
         0xf9000300, -1, -1},
        /* The page writes "srq. 6,4,8" after loading the amount into GPR 25. */
        {"AIX srq ex 2", SH(SRQ, 6, 4, 25, 1), 0xb000300f, 25, 4, 0, 0x0b000300, 0xfb000300, GT,
         -1},
        {"derived: sre by 0", SH(SRE, 6, 4, 5, 0), 0x87654321, 5, 0x40, 0, 0x87654321, 0x87654321,
         -1, -1},
    };
    run_shift_cases(f, cases, G_N_ELEMENTS(cases));
}

static void test_shift_algebraic(fx *f, gconstpointer d)
{
    (void)d;
    /* Derived from the AIX srea, sraiq and sraq pages (their worked examples
     * are cut short in the copies read): rotate right, fill with the sign
     * outside MASK(n, 31), CA = sign AND (1 bits shifted out). */
    static const shift_case cases[] = {
        {"srea negative, ones out", SH(SREA, 6, 4, 5, 0), 0x9000300f, 5, 4, 0, 0xf9000300,
         0xf9000300, -1, 1},
        {"srea negative, zeros out", SH(SREA, 6, 4, 5, 1), 0x90003000, 5, 4, 0, 0xf9000300,
         0x09000300, LT, 0},
        {"srea positive, ones out", SH(SREA, 6, 4, 5, 1), 0x7000300f, 5, 4, 0, 0x07000300,
         0xf7000300, GT, 0},
        {"srea ignores rB[26]", SH(SREA, 6, 4, 5, 0), 0x9000300f, 5, 0x24, 0, 0xf9000300,
         0xf9000300, -1, 1},
        {"srea by 0", SH(SREA, 6, 4, 5, 0), 0x80000001, 5, 0, 0, 0x80000001, 0x80000001, -1, 0},
        {"sraiq by 31", SH(SRAIQ, 6, 4, 31, 1), 0x80000000, 0, 0, 0, 0xffffffff, 0x00000001, LT, 0},
        {"sraiq by 31 of -1", SH(SRAIQ, 6, 4, 31, 0), 0xffffffff, 0, 0, 0, 0xffffffff, 0xffffffff,
         -1, 1},
        {"sraiq by 8", SH(SRAIQ, 6, 4, 8, 1), 0x00123456, 0, 0, 0, 0x00001234, 0x56001234, GT, 0},
        {"sraq by 4", SH(SRAQ, 6, 4, 5, 0), 0xb004300f, 5, 4, 0, 0xfb004300, 0xfb004300, -1, 1},
        {"sraq rB[26]: negative", SH(SRAQ, 6, 4, 5, 1), 0xb0043000, 5, 0x24, 0, 0xffffffff,
         0x0b004300, LT, 1},
        {"sraq rB[26]: positive", SH(SRAQ, 6, 4, 5, 1), 0x30043000, 5, 0x24, 0, 0x00000000,
         0x03004300, EQ, 0},
        {"sraq by 32 of 0x80000000", SH(SRAQ, 6, 4, 5, 0), 0x80000000, 5, 0x20, 0, 0xffffffff,
         0x80000000, -1, 1},
    };
    run_shift_cases(f, cases, G_N_ELEMENTS(cases));
}

/* ---- every form: SO into CR0, nothing else touched ---- */

typedef struct {
    const char *name;
    uint32_t insn; /* with Rc = 0 and OE = 0 */
    bool has_rc;
    bool has_oe;
    bool writes_ca;
} form;

static const form all_forms[] = {
    {"abs", I_ABS(6, 4, 0, 0), true, true, false},
    {"nabs", I_NABS(6, 4, 0, 0), true, true, false},
    {"doz", I_DOZ(6, 4, 5, 0, 0), true, true, false},
    {"mul", I_MUL(6, 4, 5, 0, 0), true, true, false},
    {"div", I_DIV(6, 4, 5, 0, 0), true, true, false},
    {"divs", I_DIVS(6, 4, 5, 0, 0), true, true, false},
    {"dozi", I_DOZI(6, 4, 7), false, false, false},
    {"clcs", I_CLCS(6, 12, 0), true, false, false},
    {"lscbx", I_LSCBX(6, 0, 3, 0), true, false, false},
    {"maskg", I_MASKG(6, 4, 5, 0), true, false, false},
    {"maskir", I_MASKIR(6, 4, 5, 0), true, false, false},
    {"rlmi", I_RLMI(6, 4, 5, 3, 20, 0), true, false, false},
    {"rrib", I_RRIB(6, 4, 5, 0), true, false, false},
    {"sle", SH(SLE, 6, 4, 5, 0), true, false, false},
    {"sleq", SH(SLEQ, 6, 4, 5, 0), true, false, false},
    {"sliq", SH(SLIQ, 6, 4, 5, 0), true, false, false},
    {"slliq", SH(SLLIQ, 6, 4, 5, 0), true, false, false},
    {"sllq", SH(SLLQ, 6, 4, 5, 0), true, false, false},
    {"slq", SH(SLQ, 6, 4, 5, 0), true, false, false},
    {"sraiq", SH(SRAIQ, 6, 4, 5, 0), true, false, true},
    {"sraq", SH(SRAQ, 6, 4, 5, 0), true, false, true},
    {"sre", SH(SRE, 6, 4, 5, 0), true, false, false},
    {"srea", SH(SREA, 6, 4, 5, 0), true, false, true},
    {"sreq", SH(SREQ, 6, 4, 5, 0), true, false, false},
    {"sriq", SH(SRIQ, 6, 4, 5, 0), true, false, false},
    {"srliq", SH(SRLIQ, 6, 4, 5, 0), true, false, false},
    {"srlq", SH(SRLQ, 6, 4, 5, 0), true, false, false},
    {"srq", SH(SRQ, 6, 4, 5, 0), true, false, false},
};

static void prepare_operands(fx *f, bool has_mq)
{
    set(f, 4, 0x9abcdef1);
    set(f, 5, 3);
    set(f, 3, STR_AT);
    memcpy(f->h->ram + STR_AT, "\x81xyz", 4);
    if (has_mq) set_mq(f, 0x13572468);
}

/* CR0 LT/GT/EQ of a value. */
static unsigned sign_class(uint32_t v)
{
    return (int32_t)v < 0 ? LT : v ? GT : EQ;
}

static void test_record_forms(fx *f, gconstpointer d)
{
    (void)d;
    for (size_t k = 0; k < G_N_ELEMENTS(all_forms); k++) {
        const form *fm = &all_forms[k];
        bool is_lscbx = strcmp(fm->name, "lscbx") == 0;
        if (g_test_verbose()) g_test_message("%s", fm->name);
        /* Rc = 0: CR untouched; OE = 0: SO and OV untouched even when set;
         * CA untouched unless the form computes it. lscbx finds its byte
         * (0x81) first and counts 1. */
        uint32_t string = 0x8100 | (is_lscbx ? 1 : 4);
        prepare_operands(f, true);
        set_xer_string(f, XER_SO | XER_OV | XER_CA, 0x81, 4);
        run(f, fm->insn);
        assert_cr_untouched(f);
        if (!fm->writes_ca)
            g_assert_cmphex(xer(f), ==, XER_SO | XER_OV | XER_CA | string);
        else
            g_assert_cmphex(xer(f) & ~XER_CA, ==, XER_SO | XER_OV | string);
        if (!fm->has_rc) continue;
        /* Rc = 1 with XER[SO] set: CR0 is the sign class of the result
         * (of MQ for mul, "byte found" for lscbx) with SO copied. */
        prepare_operands(f, true);
        set_xer_string(f, XER_SO, 0x81, 4);
        run(f, fm->insn | 1);
        unsigned expect = is_lscbx                       ? EQ
                          : strcmp(fm->name, "mul") == 0 ? sign_class(mq(f))
                                                         : sign_class(gpr(f, 6));
        g_assert_cmpuint(cr0(f), ==, expect | SO);
        /* Rc = 0 again with XER[SO] clear: still no CR0 update. */
        prepare_operands(f, true);
        set_xer_string(f, 0, 0x81, 4);
        run(f, fm->insn);
        assert_cr_untouched(f);
    }
}

/* ---- the 750 has none of them ---- */

static void test_illegal_on_750(fx *f, gconstpointer d)
{
    (void)d;
    g_assert_cmpint(ppc_get_model(f->cpu), ==, PPC_MODEL_750);
    for (size_t k = 0; k < G_N_ELEMENTS(all_forms); k++) {
        const form *fm = &all_forms[k];
        for (unsigned v = 0; v < 4; v++) {
            bool rc = v & 1, oe = v & 2;
            if ((rc && !fm->has_rc) || (oe && !fm->has_oe)) continue;
            uint32_t insn = fm->insn | (rc ? 1u : 0) | (oe ? 1u << 10 : 0);
            if (g_test_verbose()) g_test_message("%s %08x", fm->name, insn);
            ph_clear(f->h);
            prepare_operands(f, false);
            set(f, 6, 0x66666666);
            g_assert_false(ph_exec(f->h, insn));
            g_assert_cmphex(ppc_get_pc(f->cpu), ==, 0x700);
            uint32_t srr0 = 0, srr1 = 0;
            g_assert_true(ppc_get_spr(f->cpu, 26, &srr0));
            g_assert_true(ppc_get_spr(f->cpu, 27, &srr1));
            g_assert_cmphex(srr0, ==, PH_CODE);
            g_assert_cmphex(srr1 & 0x001f0000u, ==, 0x00080000u); /* illegal instruction */
            g_assert_cmphex(gpr(f, 6), ==, 0x66666666);
        }
    }
}

#define ADD(path, fn)                                                                              \
    g_test_add("/ppc601/" path, fx, GINT_TO_POINTER(PPC_MODEL_601), fx_setup, fn, fx_teardown)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    ADD("abs/examples", test_abs);
    ADD("abs/xer", test_abs_xer);
    ADD("nabs/examples", test_nabs);
    ADD("clcs", test_clcs);
    ADD("doz/examples", test_doz);
    ADD("doz/overflow", test_doz_overflow);
    ADD("dozi", test_dozi);
    ADD("mul/examples", test_mul);
    ADD("mul/edges", test_mul_edges);
    ADD("div/basic", test_div);
    ADD("div/overflow", test_div_overflow);
    ADD("divs", test_divs);
    ADD("lscbx/match", test_lscbx_match);
    ADD("lscbx/wrap-to-r0", test_lscbx_wrap);
    ADD("lscbx/second-register", test_lscbx_second_register);
    ADD("lscbx/skips-address-registers", test_lscbx_skips_address_registers);
    ADD("lscbx/zero-count", test_lscbx_zero_count);
    ADD("maskg", test_maskg);
    ADD("maskir", test_maskir);
    ADD("rlmi", test_rlmi);
    ADD("rrib", test_rrib);
    ADD("shift/left", test_shift_left);
    ADD("shift/right", test_shift_right);
    ADD("shift/algebraic", test_shift_algebraic);
    ADD("record-forms", test_record_forms);
    g_test_add("/ppc750/power-opcodes-illegal", fx, GINT_TO_POINTER(PPC_MODEL_750), fx_setup,
               test_illegal_on_750, fx_teardown);
    return g_test_run();
}
