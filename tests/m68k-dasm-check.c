/* Checks the 68000 disassembler (core/m68k/m68k_dasm.c) against the names of
 * the SingleStepTests/m68000 vectors, and its text output against a table.
 *
 *   m68k-dasm-check [--tap] [--self-test] [--verbose] [FILE-or-DIR]...
 *
 * Each vector's name holds the instruction in Tom Harte's notation, e.g.
 * "000 ADD.w 1, D4 5244": index, mnemonic with size, operand classes, then
 * the opcode in hex. For every vector the instruction is decoded from the
 * initial state (opcode = prefetch[0] at pc-4, then prefetch[1] at pc-2,
 * then the RAM words) and the structured decode is turned into that
 * notation and compared. Directories are scanned for *.json.bin files.
 *
 * The file format (little-endian) is described in
 * ../shared/testdata/SOURCES.md section 1; this reader checks every length
 * and magic number and rejects a bad file with exit status 2.
 *
 * --self-test adds direct checks of the Motorola-syntax text for a table of
 * instructions, invalid encodings, and an exhaustive pass over all 65,536
 * first words (valid count, words read == length, text fits). Exit status:
 * 0 all passed, 1 a check failed, 2 bad usage or unreadable/bad file.
 */
#include "m68k/m68k_dasm.h"

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

/* A diagnostic line: a TAP comment in TAP mode. */
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

/* ---- the structured decode in Harte's notation ---- */

static const struct {
    const char *name;
    bool sized; /* the name carries .b/.w/.l */
} harte_mn[M68K_DASM_MNEMONIC_COUNT] = {
    [M68K_DASM_INVALID] = {"None", false},
    [M68K_DASM_ABCD] = {"ABCD", false},
    [M68K_DASM_ADD] = {"ADD", true},
    [M68K_DASM_ADDA] = {"ADDA", true},
    [M68K_DASM_ADDI] = {"ADD", true},
    [M68K_DASM_ADDQ] = {"ADD", true},
    [M68K_DASM_ADDX] = {"ADDX", true},
    [M68K_DASM_AND] = {"AND", true},
    [M68K_DASM_ANDI] = {"AND", true},
    [M68K_DASM_ASL] = {"ASL", true},
    [M68K_DASM_ASR] = {"ASR", true},
    [M68K_DASM_BCC] = {"Bcc", false},
    [M68K_DASM_BCHG] = {"BCHG", false},
    [M68K_DASM_BCLR] = {"BCLR", false},
    [M68K_DASM_BSET] = {"BSET", false},
    [M68K_DASM_BSR] = {"BSR", false},
    [M68K_DASM_BTST] = {"BTST", false},
    [M68K_DASM_CHK] = {"CHK", false},
    [M68K_DASM_CLR] = {"CLR", true},
    [M68K_DASM_CMP] = {"CMP", true},
    [M68K_DASM_CMPA] = {"CMPA", true},
    [M68K_DASM_CMPI] = {"CMP", true},
    [M68K_DASM_CMPM] = {"CMP", true},
    [M68K_DASM_DBCC] = {"DBcc", false},
    [M68K_DASM_DIVS] = {"DIVS", false},
    [M68K_DASM_DIVU] = {"DIVU", false},
    [M68K_DASM_EOR] = {"EOR", true},
    [M68K_DASM_EORI] = {"EOR", true},
    [M68K_DASM_EXG] = {"EXG", false},
    [M68K_DASM_EXT] = {"EXT", true},
    [M68K_DASM_ILLEGAL] = {"ILLEGAL", false},
    [M68K_DASM_JMP] = {"JMP", false},
    [M68K_DASM_JSR] = {"JSR", false},
    [M68K_DASM_LEA] = {"LEA", false},
    [M68K_DASM_LINEA] = {"ILLEGAL_LINEA", false},
    [M68K_DASM_LINEF] = {"ILLEGAL_LINEF", false},
    [M68K_DASM_LINK] = {"LINK", false},
    [M68K_DASM_LSL] = {"LSL", true},
    [M68K_DASM_LSR] = {"LSR", true},
    [M68K_DASM_MOVE] = {"MOVE", true},
    [M68K_DASM_MOVEA] = {"MOVEA", true},
    [M68K_DASM_MOVEM] = {"MOVEM", true},
    [M68K_DASM_MOVEP] = {"MOVEP", true},
    [M68K_DASM_MOVEQ] = {"MOVE.q", false},
    [M68K_DASM_MULS] = {"MULS", false},
    [M68K_DASM_MULU] = {"MULU", false},
    [M68K_DASM_NBCD] = {"NBCD", false},
    [M68K_DASM_NEG] = {"NEG", true},
    [M68K_DASM_NEGX] = {"NEGX", true},
    [M68K_DASM_NOP] = {"NOP", false},
    [M68K_DASM_NOT] = {"NOT", true},
    [M68K_DASM_OR] = {"OR", true},
    [M68K_DASM_ORI] = {"OR", true},
    [M68K_DASM_PEA] = {"PEA", false},
    [M68K_DASM_RESET] = {"RESET", false},
    [M68K_DASM_ROL] = {"ROL", true},
    [M68K_DASM_ROR] = {"ROR", true},
    [M68K_DASM_ROXL] = {"ROXL", true},
    [M68K_DASM_ROXR] = {"ROXR", true},
    [M68K_DASM_RTE] = {"RTE", false},
    [M68K_DASM_RTR] = {"RTR", false},
    [M68K_DASM_RTS] = {"RTS", false},
    [M68K_DASM_SBCD] = {"SBCD", false},
    [M68K_DASM_SCC] = {"Scc", false},
    [M68K_DASM_STOP] = {"STOP", false},
    [M68K_DASM_SUB] = {"SUB", true},
    [M68K_DASM_SUBA] = {"SUBA", true},
    [M68K_DASM_SUBI] = {"SUB", true},
    [M68K_DASM_SUBQ] = {"SUB", true},
    [M68K_DASM_SUBX] = {"SUBX", true},
    [M68K_DASM_SWAP] = {"SWAP", false},
    [M68K_DASM_TAS] = {"TAS", false},
    [M68K_DASM_TRAP] = {"TRAP", false},
    [M68K_DASM_TRAPV] = {"TRAPV", false},
    [M68K_DASM_TST] = {"TST", true},
    [M68K_DASM_UNLK] = {"UNLINK", false},
};

static bool is_special(m68k_dasm_kind k)
{
    return k == M68K_DASM_CCR || k == M68K_DASM_SR || k == M68K_DASM_USP;
}

/* Appends one operand; returns false for the ones Harte's names leave out
 * (CCR, SR, USP: the mnemonic says them). */
static bool harte_operand(char *p, size_t n, const m68k_dasm_operand *o, unsigned size)
{
    switch (o->kind) {
    case M68K_DASM_DN: snprintf(p, n, "D%u", (unsigned)o->reg); break;
    case M68K_DASM_AN: snprintf(p, n, "A%u", (unsigned)o->reg); break;
    case M68K_DASM_AIND: snprintf(p, n, "(A%u)", (unsigned)o->reg); break;
    case M68K_DASM_APOSTINC: snprintf(p, n, "(A%u)+", (unsigned)o->reg); break;
    case M68K_DASM_APREDEC: snprintf(p, n, "-(A%u)", (unsigned)o->reg); break;
    case M68K_DASM_ADISP: snprintf(p, n, "(d16, A%u)", (unsigned)o->reg); break;
    case M68K_DASM_AINDEX: snprintf(p, n, "(d8, A%u, Xn)", (unsigned)o->reg); break;
    case M68K_DASM_ABSW: snprintf(p, n, "(xxx).w"); break;
    case M68K_DASM_ABSL: snprintf(p, n, "(xxx).l"); break;
    case M68K_DASM_PCDISP: snprintf(p, n, "(d16, PC)"); break;
    case M68K_DASM_PCINDEX: snprintf(p, n, "(d8, PC, Xn)"); break;
    case M68K_DASM_IMM:
    case M68K_DASM_REGLIST: snprintf(p, n, "#"); break;
    case M68K_DASM_QUICK: snprintf(p, n, "%d", (int)(int32_t)o->value); break;
    case M68K_DASM_TARGET: /* short branches show the displacement */
        if (size == 1)
            snprintf(p, n, "%d", (int)o->disp);
        else
            snprintf(p, n, "#");
        break;
    default: return false;
    }
    return true;
}

static void harte_name(const m68k_dasm_insn *in, char *buf, size_t n)
{
    m68k_dasm_mnemonic m = in->mnemonic;
    const char *name = harte_mn[m].name;
    bool sized = harte_mn[m].sized;
    m68k_dasm_kind k0 = in->nops > 0 ? in->op[0].kind : M68K_DASM_NONE;
    m68k_dasm_kind k1 = in->nops > 1 ? in->op[1].kind : M68K_DASM_NONE;
    size_t len;

    if (m == M68K_DASM_ANDI || m == M68K_DASM_ORI || m == M68K_DASM_EORI) {
        static const char *const base[] = {"ANDI", "ORI", "EORI"};
        const char *b = base[m == M68K_DASM_ANDI ? 0 : m == M68K_DASM_ORI ? 1 : 2];
        if (k1 == M68K_DASM_CCR || k1 == M68K_DASM_SR) {
            snprintf(buf, n, "%sto%s", b, k1 == M68K_DASM_CCR ? "CCR" : "SR");
            name = NULL;
        }
    } else if (m == M68K_DASM_MOVE && (is_special(k0) || is_special(k1))) {
        m68k_dasm_kind k = is_special(k1) ? k1 : k0;
        snprintf(buf, n, "MOVE%s%s", is_special(k1) ? "to" : "from",
                 k == M68K_DASM_CCR  ? "CCR"
                 : k == M68K_DASM_SR ? "SR"
                                     : "USP");
        name = NULL;
    }
    if (name) {
        static const char sz[5] = {0, 'b', 'w', 0, 'l'};
        if (sized && in->size <= 4 && sz[in->size])
            snprintf(buf, n, "%s.%c", name, sz[in->size]);
        else
            snprintf(buf, n, "%s", name);
    }

    bool first = true;
    for (unsigned i = 0; i < in->nops && i < 2; i++) {
        char opnd[32];
        if (!harte_operand(opnd, sizeof opnd, &in->op[i], in->size)) continue;
        len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", first ? " " : ", ", opnd);
        first = false;
    }
}

/* ---- reading a vector file ---- */

#define FILE_MAGIC  0x1A3F5D71u
#define TEST_MAGIC  0xABC12367u
#define NAME_MAGIC  0x89ABCDEFu
#define STATE_MAGIC 0x01234567u
#define TRANS_MAGIC 0x456789ABu

typedef struct vfile {
    const char *path;
    uint8_t *data;
    size_t size;
    char err[256];
} vfile;

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* A cursor over [pos, end). Every read checks the bounds. */
typedef struct cursor {
    vfile *f;
    size_t pos, end;
    bool bad;
} cursor;

static bool fail_at(cursor *c, const char *what)
{
    if (!c->bad) snprintf(c->f->err, sizeof c->f->err, "%s at byte offset %zu", what, c->pos);
    c->bad = true;
    return false;
}

static bool get32(cursor *c, uint32_t *v)
{
    if (c->bad) return false;
    if (c->end - c->pos < 4) return fail_at(c, "truncated");
    *v = le32(c->f->data + c->pos);
    c->pos += 4;
    return true;
}

/* Opens a block "u32 nbytes, u32 magic" whose nbytes counts the header too;
 * `sub` covers the rest of the block. */
static bool block(cursor *c, uint32_t magic, const char *what, cursor *sub)
{
    uint32_t nbytes = 0, m = 0;
    size_t start = c->pos;
    if (!get32(c, &nbytes) || !get32(c, &m)) return false;
    if (m != magic) {
        c->pos = start;
        char msg[80];
        snprintf(msg, sizeof msg, "bad %s magic 0x%08x", what, (unsigned)m);
        return fail_at(c, msg);
    }
    if (nbytes < 8 || nbytes > c->end - start) {
        c->pos = start;
        char msg[80];
        snprintf(msg, sizeof msg, "bad %s length %u", what, (unsigned)nbytes);
        return fail_at(c, msg);
    }
    *sub = (cursor){c->f, c->pos, start + nbytes, false};
    c->pos = start + nbytes;
    return true;
}

static bool sub_ok(cursor *c, cursor *sub)
{
    if (sub->bad) {
        c->bad = true;
        return false;
    }
    return true;
}

typedef struct vstate {
    uint32_t pc;
    uint32_t prefetch[2];
    const uint8_t *ram; /* n entries of {u32 addr, u16 word} */
    uint32_t nram;
} vstate;

static bool parse_state(cursor *c, vstate *st)
{
    cursor s;
    uint32_t regs[19] = {0}, n = 0;
    if (!block(c, STATE_MAGIC, "state", &s)) return false;
    for (int i = 0; i < 19; i++) get32(&s, &regs[i]);
    get32(&s, &st->prefetch[0]);
    get32(&s, &st->prefetch[1]);
    get32(&s, &n);
    if (!s.bad && (s.end - s.pos) / 6 < n) fail_at(&s, "RAM list longer than its state block");
    if (!s.bad && s.end - s.pos != (size_t)n * 6) fail_at(&s, "stray bytes after the RAM list");
    if (!sub_ok(c, &s)) return false;
    st->pc = regs[18];
    st->ram = c->f->data + s.pos;
    st->nram = n;
    return true;
}

static bool parse_transactions(cursor *c)
{
    cursor s;
    uint32_t cycles = 0, n = 0;
    if (!block(c, TRANS_MAGIC, "transactions", &s)) return false;
    get32(&s, &cycles);
    get32(&s, &n);
    for (uint32_t i = 0; i < n && !s.bad; i++) {
        if (s.end - s.pos < 5) {
            fail_at(&s, "truncated transaction");
            break;
        }
        uint8_t kind = c->f->data[s.pos];
        if (kind > 5) {
            fail_at(&s, "bad transaction kind");
            break;
        }
        s.pos += 5;
        if (kind != 0) {
            if (s.end - s.pos < 20) {
                fail_at(&s, "truncated transaction");
                break;
            }
            s.pos += 20;
        }
    }
    if (!s.bad && s.pos != s.end) fail_at(&s, "stray bytes after the transactions");
    return sub_ok(c, &s);
}

typedef struct vtest {
    const char *name; /* not NUL-terminated */
    uint32_t namelen;
    vstate initial, final;
} vtest;

static bool parse_test(cursor *c, vtest *t)
{
    cursor tc, nc;
    uint32_t len = 0;
    if (!block(c, TEST_MAGIC, "test", &tc)) return false;
    if (!block(&tc, NAME_MAGIC, "name", &nc) || !get32(&nc, &len)) {
        tc.bad |= nc.bad;
        return sub_ok(c, &tc);
    }
    if (nc.end - nc.pos != len) fail_at(&nc, "name length does not match its block");
    if (!sub_ok(&tc, &nc)) return sub_ok(c, &tc);
    t->name = (const char *)c->f->data + nc.pos;
    t->namelen = len;
    if (parse_state(&tc, &t->initial) && parse_state(&tc, &t->final) && parse_transactions(&tc) &&
        tc.pos != tc.end)
        fail_at(&tc, "stray bytes at the end of a test");
    return sub_ok(c, &tc);
}

static bool load_file(vfile *f)
{
    FILE *fp = fopen(f->path, "rb");
    if (!fp) {
        snprintf(f->err, sizeof f->err, "cannot open: %s", strerror(errno));
        return false;
    }
    size_t cap = 1 << 20, n = 0;
    f->data = malloc(cap);
    while (f->data) {
        n += fread(f->data + n, 1, cap - n, fp);
        if (n < cap) break;
        uint8_t *p = realloc(f->data, cap *= 2);
        if (!p) {
            free(f->data);
            f->data = NULL;
        } else {
            f->data = p;
        }
    }
    bool err = ferror(fp);
    fclose(fp);
    if (!f->data || err) {
        snprintf(f->err, sizeof f->err, "%s", err ? "read error" : "out of memory");
        return false;
    }
    f->size = n;
    return true;
}

/* ---- memory of one vector, as the disassembler reads it ---- */

typedef struct vmem {
    const vstate *st;
    uint32_t opc; /* opcode address = pc - 4 */
    bool missing; /* a word the vector does not hold was read */
    uint32_t missing_addr;
} vmem;

static uint16_t vmem_read(void *ctx, uint32_t addr)
{
    vmem *m = ctx;
    addr &= 0xffffff;
    if (addr == m->opc) return (uint16_t)m->st->prefetch[0];
    if (addr == ((m->opc + 2) & 0xffffff)) return (uint16_t)m->st->prefetch[1];
    for (uint32_t i = 0; i < m->st->nram; i++) {
        const uint8_t *e = m->st->ram + (size_t)i * 6;
        if ((le32(e) & 0xffffff) == addr) return le16(e + 4);
    }
    if (!m->missing) m->missing_addr = addr;
    m->missing = true;
    return 0;
}

static unsigned long n_faulted_early, n_length_checked;

/* Instructions whose pc afterwards is not simply pc + length. */
static bool may_branch(m68k_dasm_mnemonic m)
{
    switch (m) {
    case M68K_DASM_BCC:
    case M68K_DASM_BSR:
    case M68K_DASM_DBCC:
    case M68K_DASM_JMP:
    case M68K_DASM_JSR:
    case M68K_DASM_RTS:
    case M68K_DASM_RTE:
    case M68K_DASM_RTR:
    case M68K_DASM_TRAP:
    case M68K_DASM_TRAPV:
    case M68K_DASM_CHK:
    case M68K_DASM_STOP:
    case M68K_DASM_ILLEGAL:
    case M68K_DASM_LINEA:
    case M68K_DASM_LINEF:
    case M68K_DASM_INVALID: return true;
    default: return false;
    }
}

/* Checks one test; on a mismatch fills `why`. */
static bool check_test(const vtest *t, char *why, size_t n)
{
    char name[256], want[256], got[256], text[96];
    m68k_dasm_insn in;
    vmem m = {&t->initial, (t->initial.pc - 4) & 0xffffff, false, 0};
    size_t len = t->namelen < sizeof name ? t->namelen : sizeof name - 1;

    memcpy(name, t->name, len);
    name[len] = 0;
    /* "<index> <instruction> <opcode hex>" */
    char *sp1 = strchr(name, ' '), *sp2 = strrchr(name, ' ');
    if (!sp1 || sp2 == sp1) {
        snprintf(why, n, "malformed name \"%s\"", name);
        return false;
    }
    *sp2 = 0;
    snprintf(want, sizeof want, "%s", sp1 + 1);
    char *endp;
    unsigned long opcode = strtoul(sp2 + 1, &endp, 16);
    if (*endp || endp == sp2 + 1 || opcode > 0xffff) {
        snprintf(why, n, "malformed opcode in name \"%s %s\"", name, sp2 + 1);
        return false;
    }

    m68k_dasm_decode(m.opc, vmem_read, &m, &in);
    harte_name(&in, got, sizeof got);
    m68k_dasm_format(&in, text, sizeof text);
    if (opcode != t->initial.prefetch[0] || opcode != in.opcode) {
        snprintf(why, n, "\"%s\": name says opcode $%04lx, prefetch[0] is $%04x", want, opcode,
                 (unsigned)t->initial.prefetch[0]);
        return false;
    }
    if (strcmp(want, got) != 0) {
        snprintf(why, n, "$%04lx: name \"%s\", decoded \"%s\" (%s)", opcode, want, got, text);
        return false;
    }
    /* The length, where the vector shows it: an instruction that neither
     * branches nor traps ends with pc advanced by its length. Otherwise the
     * new pc is a handler address from the vector table, far away. */
    uint32_t delta = (t->final.pc - t->initial.pc) & 0xffffff;
    bool completed = false;
    if (!may_branch(in.mnemonic)) {
        completed = delta == in.length;
        n_length_checked += completed;
        if (!completed && delta <= 16) {
            snprintf(why, n, "\"%s\" ($%04lx): length %u, but pc advanced by %u", want, opcode,
                     (unsigned)in.length, (unsigned)delta);
            return false;
        }
    }
    /* A vector holds only the words the CPU fetched: one that faulted (an
     * address error, a privilege violation) before its last extension words
     * does not have them. They do not change the name; an instruction that
     * completed fetched all its words, so a gap there is a length error. */
    if (m.missing) {
        if (completed || may_branch(in.mnemonic)) {
            snprintf(why, n, "\"%s\" ($%04lx): decoding read $%06x, which the vector does not hold",
                     want, opcode, (unsigned)m.missing_addr);
            return false;
        }
        n_faulted_early++;
    }
    return true;
}

/* Returns -1 for a bad file, else the number of failed vectors. */
static long check_file(const char *path, unsigned long *passed, unsigned long *failed)
{
    vfile f = {path, NULL, 0, ""};
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    unsigned long ok = 0, bad = 0, shown = 0;
    uint32_t magic = 0, count = 0;

    if (load_file(&f)) {
        cursor c = {&f, 0, f.size, false};
        get32(&c, &magic);
        get32(&c, &count);
        if (!c.bad && magic != FILE_MAGIC) {
            c.pos = 0;
            fail_at(&c, "not a SingleStepTests .json.bin file (bad magic)");
        }
        char why[512];
        for (uint32_t i = 0; i < count && !c.bad; i++) {
            vtest t;
            if (!parse_test(&c, &t)) break;
            if (check_test(&t, why, sizeof why)) {
                ok++;
            } else {
                bad++;
                if (shown++ < 5 || verbose) diag("%s: test %u: %s", base, (unsigned)i, why);
            }
        }
        if (!c.bad && c.pos != f.size) fail_at(&c, "stray bytes after the last test");
        if (!c.bad && count == 0) fail_at(&c, "file holds no tests");
    }
    free(f.data);
    if (f.err[0]) {
        fprintf(stderr, "m68k-dasm-check: %s: %s\n", path, f.err);
        result_line(false, "%s: bad file: %s", base, f.err);
        return -1;
    }
    *passed += ok;
    *failed += bad;
    result_line(bad == 0, "%s: %lu/%lu", base, ok, ok + bad);
    return (long)bad;
}

/* ---- self-test ---- */

typedef struct words {
    uint32_t pc;
    uint16_t w[6];
    unsigned n;
    uint32_t max_read; /* highest address read */
    bool any_read;
} words;

static uint16_t words_read(void *ctx, uint32_t addr)
{
    words *w = ctx;
    uint32_t i = (addr - w->pc) / 2;
    if (!w->any_read || addr > w->max_read) w->max_read = addr;
    w->any_read = true;
    return i < w->n ? w->w[i] : 0;
}

static const struct text_case {
    uint32_t pc;
    unsigned length; /* bytes */
    uint16_t w[6];
    const char *text;
} text_cases[] = {
    {0x1000, 2, {0x2318}, "move.l  (a0)+,-(a1)"},
    {0x1000, 2, {0x5244}, "addq.w  #1,d4"},
    {0x1200, 2, {0x6032}, "bra.s   $1234"},
    {0x1000, 4, {0x6100, 0x0ffe}, "bsr.w   $2000"},
    {0x1000, 2, {0x65fe}, "bcs.s   $1000"},
    {0x1000, 2, {0x60ff}, "bra.s   $1001"},
    {0x1010, 4, {0x51c8, 0xffee}, "dbf     d0,$1000"},
    {0x1000, 4, {0x57cf, 0x0010}, "dbeq    d7,$1012"},
    {0x1000, 4, {0x48e7, 0xf080}, "movem.l d0-d3/a0,-(sp)"},
    {0x1000, 4, {0x4c98, 0x8001}, "movem.w (a0)+,d0/a7"},
    {0x1000, 4, {0x4cd8, 0x7fff}, "movem.l (a0)+,d0-d7/a0-a6"},
    {0x1000, 4, {0x48a7, 0x0000}, "movem.w #0,-(sp)"},
    {0x1000, 2, {0xc649}, "dc.w    $c649"},
    {0x1000, 2, {0x408a}, "dc.w    $408a"},
    {0x1000, 2, {0x4afc}, "illegal"},
    {0x1000, 2, {0xa9f0}, "dc.w    $a9f0"},
    {0x1000, 2, {0xf200, 0x0000}, "dc.w    $f200"},
    {0x1000, 4, {0x023c, 0x001f}, "andi.b  #$1f,ccr"},
    {0x1000, 4, {0x007c, 0x2700}, "ori.w   #$2700,sr"},
    {0x1000, 4, {0x0a3c, 0x0001}, "eori.b  #1,ccr"},
    {0x1000, 4, {0x027c, 0xf8ff}, "andi.w  #$f8ff,sr"},
    {0x1000, 2, {0x40c0}, "move.w  sr,d0"},
    {0x1000, 2, {0x44c0}, "move.w  d0,ccr"},
    {0x1000, 4, {0x46fc, 0x2700}, "move.w  #$2700,sr"},
    {0x1000, 2, {0x4e68}, "move.l  usp,a0"},
    {0x1000, 2, {0x4e67}, "move.l  sp,usp"},
    {0x1000, 4, {0x45f0, 0x1010}, "lea     ($10,a0,d1.w),a2"},
    {0x1000, 4, {0x303a, 0x0232}, "move.w  ($1234,pc),d0"},
    {0x1000, 4, {0x41fb, 0x98fe}, "lea     ($1000,pc,a1.l),a0"},
    {0x1000, 2, {0x70fb}, "moveq   #-5,d0"},
    {0x1000, 2, {0x7e7f}, "moveq   #127,d7"},
    {0x1000, 4, {0x4e56, 0xfffc}, "link    a6,#-4"},
    {0x1000, 4, {0x4e56, 0x8000}, "link    a6,#-$8000"},
    {0x1000, 2, {0x4e5e}, "unlk    a6"},
    {0x1000, 4, {0x0509, 0x0008}, "movep.w (8,a1),d2"},
    {0x1000, 4, {0x0fcf, 0xfff0}, "movep.l d7,(-$10,sp)"},
    {0x1000, 2, {0xe1d0}, "asl.w   (a0)"},
    {0x1000, 4, {0xe6e8, 0x0100}, "ror.w   ($100,a0)"},
    {0x1000, 2, {0xe2b2}, "roxr.l  d1,d2"},
    {0x1000, 2, {0xe10b}, "lsl.b   #8,d3"},
    {0x1000, 2, {0xe248}, "lsr.w   #1,d0"},
    {0x1000, 2, {0x4e4f}, "trap    #15"},
    {0x1000, 4, {0x4e72, 0x2700}, "stop    #$2700"},
    {0x1000, 2, {0xc308}, "abcd    -(a0),-(a1)"},
    {0x1000, 2, {0x8101}, "sbcd    d1,d0"},
    {0x1000, 2, {0x4808}, "dc.w    $4808"},
    {0x1000, 4, {0x4838, 0x0100}, "nbcd    ($100).w"},
    {0x1000, 2, {0x4810}, "nbcd    (a0)"},
    {0x1000, 2, {0xc38a}, "exg     d1,a2"},
    {0x1000, 2, {0xc14f}, "exg     a0,sp"},
    {0x1000, 2, {0xc342}, "exg     d1,d2"},
    {0x1000, 2, {0xb308}, "cmpm.b  (a0)+,(a1)+"},
    {0x1000, 4, {0x0810, 0x0003}, "btst    #3,(a0)"},
    {0x1000, 4, {0x0800, 0x001f}, "btst    #$1f,d0"},
    {0x1000, 2, {0x03c2}, "bset    d1,d2"},
    {0x1000, 4, {0x033c, 0x00aa}, "btst    d1,#$aa"},
    {0x1000, 6, {0x4eb9, 0x1234, 0x5678}, "jsr     ($12345678).l"},
    {0x1000, 2, {0x4ed0}, "jmp     (a0)"},
    {0x1000, 4, {0x4278, 0x8000}, "clr.w   ($8000).w"},
    {0x1000, 6, {0x0680, 0x1234, 0x5678}, "addi.l  #$12345678,d0"},
    {0x1000, 4, {0x0411, 0x12ff}, "subi.b  #$ff,(a1)"},
    {0x1000, 8, {0x0c79, 0x0001, 0x00de, 0xadbe}, "cmpi.w  #1,($deadbe).l"},
    {0x1000, 4, {0x82fc, 0x0010}, "divu.w  #$10,d1"},
    {0x1000, 2, {0x81c1}, "divs.w  d1,d0"},
    {0x1000, 2, {0xc0d0}, "mulu.w  (a0),d0"},
    {0x1000, 4, {0xcffc, 0xffff}, "muls.w  #$ffff,d7"},
    {0x1000, 2, {0x52d0}, "shi     (a0)"},
    {0x1000, 2, {0x50c0}, "st      d0"},
    {0x1000, 2, {0x51c0}, "sf      d0"},
    {0x1000, 2, {0x4e71}, "nop"},
    {0x1000, 2, {0x4e75}, "rts"},
    {0x1000, 2, {0x4e73}, "rte"},
    {0x1000, 2, {0x4e77}, "rtr"},
    {0x1000, 2, {0x4e76}, "trapv"},
    {0x1000, 2, {0x4e70}, "reset"},
    {0x1000, 2, {0x4ad0}, "tas     (a0)"},
    {0x1000, 2, {0x4181}, "chk.w   d1,d0"},
    {0x1000, 2, {0x48c0}, "ext.l   d0"},
    {0x1000, 2, {0x4887}, "ext.w   d7"},
    {0x1000, 2, {0x4840}, "swap    d0"},
    {0x1000, 2, {0x4850}, "pea     (a0)"},
    {0x1000, 4, {0x487a, 0x0100}, "pea     ($1102,pc)"},
    {0x1000, 6, {0x11bc, 0x0012, 0x9810}, "move.b  #$12,($10,a0,a1.l)"},
    {0x1000, 6, {0x2f3c, 0x8000, 0x0000}, "move.l  #$80000000,-(sp)"},
    {0x1000, 8, {0x21f9, 0x00ff, 0x0000, 0x1234}, "move.l  ($ff0000).l,($1234).w"},
    {0x1000, 4, {0xb66d, 0xfffe}, "cmp.w   (-2,a5),d3"},
    {0x1000, 2, {0x305f}, "movea.w (sp)+,a0"},
    {0x1000, 2, {0x2248}, "movea.l a0,a1"},
    {0x1000, 2, {0xd3c8}, "adda.l  a0,a1"},
    {0x1000, 4, {0x9efc, 0x000c}, "suba.w  #$c,sp"},
    {0x1000, 2, {0xb5c9}, "cmpa.l  a1,a2"},
    {0x1000, 2, {0xd348}, "addx.w  -(a0),-(a1)"},
    {0x1000, 2, {0x9380}, "subx.l  d0,d1"},
    {0x1000, 2, {0xd290}, "add.l   (a0),d1"},
    {0x1000, 4, {0xd368, 0x7fff}, "add.w   d1,($7fff,a0)"},
    {0x1000, 2, {0x5f8f}, "subq.l  #7,sp"},
    {0x1000, 2, {0x8050}, "or.w    (a0),d0"},
    {0x1000, 4, {0xc1a8, 0xff80}, "and.l   d0,(-$80,a0)"},
    {0x1000, 2, {0xb34f}, "cmpm.w  (sp)+,(a1)+"},
    {0x1000, 2, {0xb159}, "eor.w   d0,(a1)+"},
    {0x1000, 2, {0x4480}, "neg.l   d0"},
    {0x1000, 2, {0x4018}, "negx.b  (a0)+"},
    {0x1000, 2, {0x4659}, "not.w   (a1)+"},
    {0x1000, 6, {0x4a39, 0x00ff, 0xfc00}, "tst.b   ($fffc00).l"},
    {0x1000, 2, {0x4280}, "clr.l   d0"},
    {0x1000, 4, {0x0880, 0x0007}, "bclr    #7,d0"},
    {0x1000, 6, {0x0878, 0x0001, 0x0100}, "bchg    #1,($100).w"},
    {0x1000, 2, {0x4e74, 0x0000}, "dc.w    $4e74"},
    {0x1000, 2, {0x4e7a, 0x0801}, "dc.w    $4e7a"},
    {0x1000, 2, {0x4848}, "dc.w    $4848"},
    {0x1000, 2, {0x49c0}, "dc.w    $49c0"},
    {0x1000, 2, {0x0e50, 0x0800}, "dc.w    $0e50"},
    {0x1000, 2, {0x0cfc, 0x0000}, "dc.w    $0cfc"},
    {0x1000, 4, {0x0bc8, 0x0000}, "movep.l d5,(0,a0)"},
    {0x1000, 2, {0x00bc, 0x0000, 0x0000}, "dc.w    $00bc"},
    {0x1000, 2, {0x003a, 0x0000}, "dc.w    $003a"},
    {0x1000, 2, {0x5208}, "dc.w    $5208"},
    {0x1000, 2, {0x5248}, "addq.w  #1,a0"},
    {0x1000, 2, {0x1049}, "dc.w    $1049"},
    {0x1000, 2, {0x1009}, "dc.w    $1009"},
    {0x1000, 2, {0xd009}, "dc.w    $d009"},
    {0x1000, 2, {0xd049}, "add.w   a1,d0"},
    {0x1000, 2, {0xb009}, "dc.w    $b009"},
    {0x1000, 2, {0x7100}, "dc.w    $7100"},
    {0x1000, 2, {0xe8c0}, "dc.w    $e8c0"},
    {0x1000, 2, {0xe0c0}, "dc.w    $e0c0"},
    {0x1000, 2, {0x8148}, "dc.w    $8148"},
    {0x1000, 2, {0xc188}, "exg     d0,a0"},
    {0x1000, 2, {0xc180}, "dc.w    $c180"},
    {0x1000, 2, {0x4100}, "dc.w    $4100"},
    {0x1000, 2, {0x4c00}, "dc.w    $4c00"},
    {0x1000, 2, {0x42c0}, "dc.w    $42c0"},
    {0x1000, 2, {0x4afb}, "dc.w    $4afb"},
    {0x1000, 2, {0x4ec8}, "dc.w    $4ec8"},
    {0x1000, 2, {0x4e98}, "dc.w    $4e98"},
    {0x1000, 4, {0x4cd0, 0x0000}, "movem.l (a0),#0"},
    {0x1000, 2, {0x4ca0, 0x0000}, "dc.w    $4ca0"},
    {0x1000, 2, {0x48d8, 0x0000}, "dc.w    $48d8"},
    {0x1000, 6, {0x13c0, 0x0000, 0x0000}, "move.b  d0,($0).l"},
    {0x1000, 2, {0x19c0}, "dc.w    $19c0"},
    {0x1000, 2, {0x15c0}, "dc.w    $15c0"},
    {0x1000, 2, {0x0008}, "dc.w    $0008"},
    {0x1000, 2, {0x0a7b}, "dc.w    $0a7b"},
    {0x1000, 2, {0x51fc}, "dc.w    $51fc"},
};

/* The first words the 68000 executes (not counting ILLEGAL, line A and
 * line F), as counted in T. Harte's 68000 opcode map (SOURCES.md section 2). */
#define VALID_FIRST_WORDS 45815u

static unsigned self_test(void)
{
    unsigned failures = 0, bad = 0;
    char text[96];
    m68k_dasm_insn in;

    /* 1. Text of a table of instructions. */
    for (size_t i = 0; i < sizeof text_cases / sizeof text_cases[0]; i++) {
        const struct text_case *tc = &text_cases[i];
        words w = {tc->pc, {0}, 6, 0, false};
        memcpy(w.w, tc->w, sizeof w.w);
        unsigned len = m68k_dasm(tc->pc, words_read, &w, text, sizeof text);
        if (strcmp(text, tc->text) != 0 || len != tc->length) {
            diag("$%04x: got \"%s\" (%u bytes), want \"%s\" (%u bytes)", tc->w[0], text, len,
                 tc->text, tc->length);
            bad++;
        }
    }
    result_line(bad == 0, "self-test: text of %zu instructions",
                sizeof text_cases / sizeof text_cases[0]);
    failures += bad != 0;

    /* 2. Every first word: the valid count, words read == length, the text
     * fits in 64 bytes, an invalid word is 2 bytes long. */
    unsigned valid = 0;
    bad = 0;
    for (uint32_t op = 0; op < 0x10000; op++) {
        static const uint16_t fills[2] = {0x0000, 0xffff};
        for (int f = 0; f < 2; f++) {
            words w = {0xfff0, {(uint16_t)op}, 6, 0, false};
            for (int k = 1; k < 6; k++) w.w[k] = fills[f];
            unsigned len = m68k_dasm_decode(w.pc, words_read, &w, &in);
            int tl = m68k_dasm_format(&in, text, sizeof text);
            bool ok = len >= 2 && len <= 10 && len == in.length && w.max_read + 2 == w.pc + len &&
                      tl > 0 && tl < 64 && strlen(text) == (size_t)tl;
            if (in.mnemonic == M68K_DASM_INVALID && len != 2) ok = false;
            if (!ok && bad++ < 10)
                diag("$%04x: length %u, read up to +%u, text \"%s\" (%d)", (unsigned)op, len,
                     (unsigned)(w.max_read - w.pc), text, tl);
            if (f == 0 && in.mnemonic != M68K_DASM_INVALID && in.mnemonic != M68K_DASM_ILLEGAL &&
                in.mnemonic != M68K_DASM_LINEA && in.mnemonic != M68K_DASM_LINEF)
                valid++;
        }
    }
    if (valid != VALID_FIRST_WORDS) {
        diag("%u valid first words, the 68000 has %u", valid, VALID_FIRST_WORDS);
        bad++;
    }
    result_line(bad == 0, "self-test: all 65536 first words (%u valid)", valid);
    failures += bad != 0;
    return failures;
}

/* ---- files and directories ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct list {
    char **v;
    size_t n, cap;
} list;

static void list_add(list *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) {
            perror("m68k-dasm-check");
            exit(2);
        }
    }
    l->v[l->n++] = s;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void bail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void bail(const char *fmt, ...)
{
    va_list ap;
    char msg[1024];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (tap) printf("Bail out! %s\n", msg);
    fprintf(stderr, "m68k-dasm-check: %s\n", msg);
    exit(2);
}

/* Expands a path: a directory gives its *.json.bin files, sorted. */
static void add_path(list *files, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) bail("%s: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        list_add(files, strdup(path));
        return;
    }
    DIR *d = opendir(path);
    if (!d) bail("%s: %s", path, strerror(errno));
    size_t first = files->n;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!ends_with(e->d_name, ".json.bin")) continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p) bail("out of memory");
        snprintf(p, n, "%s/%s", path, e->d_name);
        list_add(files, p);
    }
    closedir(d);
    if (files->n == first) bail("%s: no .json.bin files in this directory", path);
    qsort(files->v + first, files->n - first, sizeof *files->v, cmp_str);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: m68k-dasm-check [--tap] [--self-test] [--verbose] [FILE-or-DIR]...\n"
               "Checks the 68000 disassembler against SingleStepTests .json.bin vector names.\n");
}

int main(int argc, char **argv)
{
    list files = {NULL, 0, 0};
    bool selftest = false;
    unsigned long passed = 0, failed = 0;
    bool bad_file = false, fail = false;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tap") == 0)
            tap = true;
        else if (strcmp(argv[i], "--self-test") == 0)
            selftest = true;
        else if (strcmp(argv[i], "--verbose") == 0)
            verbose = true;
        else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            usage(stderr);
            return 2;
        }
    }
    for (int i = 1; i < argc; i++)
        if (!(argv[i][0] == '-' && argv[i][1] == '-')) add_path(&files, argv[i]);
    if (files.n == 0 && !selftest) {
        usage(stderr);
        return 2;
    }

    if (tap) printf("1..%zu\n", files.n + (selftest ? 2 : 0));
    if (selftest && self_test() != 0) fail = true;
    for (size_t i = 0; i < files.n; i++) {
        if (check_file(files.v[i], &passed, &failed) < 0) bad_file = true;
        free(files.v[i]);
    }
    free(files.v);
    if (files.n) {
        diag("instruction length confirmed by the final pc in %lu vectors; %lu vectors faulted "
             "before fetching all their extension words (read as 0)",
             n_length_checked, n_faulted_early);
        printf("%lu passed, %lu failed\n", passed, failed);
    }
    if (bad_file) return 2;
    return fail || failed ? 1 : 0;
}
