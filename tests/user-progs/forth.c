/* A small Forth: an outer interpreter that parses words from a source
 * string, a dictionary of primitives and colon definitions compiled to
 * threaded code (cells holding primitive numbers or addresses of other
 * definitions), IF ELSE THEN, BEGIN UNTIL, BEGIN WHILE REPEAT, DO LOOP +LOOP
 * with I and J, VARIABLE, CONSTANT, RECURSE, ." strings and number output.
 * Cells are 32-bit and arithmetic wraps as unsigned (defined behaviour);
 * division is C's truncating division. The program text below defines and
 * runs about thirty words: primes, gcd, Fibonacci, factorials, a star
 * triangle, Ackermann, a tiny pseudo-random generator and bubble sort. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int32_t cell;

enum prim {
    P_LIT,
    P_EXIT,
    P_BRANCH,
    P_ZBRANCH,
    P_DO,
    P_LOOP,
    P_PLOOP,
    P_I,
    P_J,
    P_CALL,
    P_ADD,
    P_SUB,
    P_MUL,
    P_DIV,
    P_MOD,
    P_NEG,
    P_AND,
    P_OR,
    P_XOR,
    P_INVERT,
    P_LSHIFT,
    P_RSHIFT,
    P_LT,
    P_GT,
    P_EQ,
    P_ZEQ,
    P_ULT,
    P_DUP,
    P_DROP,
    P_SWAP,
    P_OVER,
    P_ROT,
    P_QDUP,
    P_FETCH,
    P_STORE,
    P_PSTORE,
    P_DOT,
    P_UDOT,
    P_EMIT,
    P_CR,
    P_TYPE,
    P_TOR,
    P_FROMR,
    P_MAX,
    P_MIN,
    P_ABS,
    P_UNLOOP,
    P_NPRIMS
};
static const char *const prim_names[P_NPRIMS] = {
    "(lit)",  "exit",   "(branch)", "(0branch)", "(do)",   "(loop)", "(+loop)", "i",
    "j",      "(call)", "+",        "-",         "*",      "/",      "mod",     "negate",
    "and",    "or",     "xor",      "invert",    "lshift", "rshift", "<",       ">",
    "=",      "0=",     "u<",       "dup",       "drop",   "swap",   "over",    "rot",
    "?dup",   "@",      "!",        "+!",        ".",      "u.",     "emit",    "cr",
    "(type)", ">r",     "r>",       "max",       "min",    "abs",    "unloop"};

#define MEMSZ 65536
static cell mem[MEMSZ]; /* code and data space, addressed by cell index */
static int here = 1;
static cell ds[256], rs[256];
static int dsp, rsp;

struct word {
    char name[64];
    int prim; /* -1 for a colon definition */
    int xt;   /* body address */
    int immediate;
    cell value; /* constants and variables: pushes this */
    int is_value;
};
static struct word dict[256];
static int nwords;
static char outbuf[1 << 16];
static size_t outlen;
static uint32_t out_hash = 2166136261u;

static void out(const char *s)
{
    for (; *s; s++) {
        out_hash = (out_hash ^ (unsigned char)*s) * 16777619u;
        if (outlen < sizeof outbuf - 1) outbuf[outlen++] = *s;
    }
}

static void fail(const char *msg, const char *what)
{
    printf("forth error: %s %s\n", msg, what);
    exit(3);
}

static void push(cell v)
{
    if (dsp >= 255) fail("stack overflow", "");
    ds[++dsp] = v;
}
static cell pop(void)
{
    if (dsp <= 0) fail("stack underflow", "");
    return ds[dsp--];
}

static void run(int ip)
{
    int rbase = rsp;
    for (;;) {
        cell w = mem[ip++];
        cell a, b, c;
        char buf[32];
        switch (w) {
        case P_LIT: push(mem[ip++]); break;
        case P_EXIT:
            if (rsp == rbase) return;
            ip = rs[rsp--];
            break;
        case P_BRANCH: ip = mem[ip]; break;
        case P_ZBRANCH: ip = pop() == 0 ? mem[ip] : ip + 1; break;
        case P_CALL:
            rs[++rsp] = ip + 1;
            ip = mem[ip];
            break;
        case P_DO:
            a = pop(); /* index */
            b = pop(); /* limit */
            rs[++rsp] = b;
            rs[++rsp] = a;
            break;
        case P_LOOP:
            rs[rsp] = (cell)((uint32_t)rs[rsp] + 1);
            if (rs[rsp] != rs[rsp - 1]) {
                ip = mem[ip];
            } else {
                rsp -= 2;
                ip++;
            }
            break;
        case P_PLOOP: {
            cell inc = pop();
            int64_t before = (int64_t)rs[rsp] - rs[rsp - 1];
            rs[rsp] = (cell)((uint32_t)rs[rsp] + (uint32_t)inc);
            int64_t after = (int64_t)rs[rsp] - rs[rsp - 1];
            if ((before < 0) == (after < 0) && after != 0) {
                ip = mem[ip];
            } else {
                rsp -= 2;
                ip++;
            }
            break;
        }
        case P_UNLOOP: rsp -= 2; break;
        case P_I: push(rs[rsp]); break;
        case P_J: push(rs[rsp - 2]); break;
        case P_ADD:
            b = pop();
            a = pop();
            push((cell)((uint32_t)a + (uint32_t)b));
            break;
        case P_SUB:
            b = pop();
            a = pop();
            push((cell)((uint32_t)a - (uint32_t)b));
            break;
        case P_MUL:
            b = pop();
            a = pop();
            push((cell)((uint32_t)a * (uint32_t)b));
            break;
        case P_DIV:
            b = pop();
            a = pop();
            if (b == 0 || (a == INT32_MIN && b == -1)) fail("bad division", "");
            push(a / b);
            break;
        case P_MOD:
            b = pop();
            a = pop();
            if (b == 0 || (a == INT32_MIN && b == -1)) fail("bad division", "");
            push(a % b);
            break;
        case P_NEG: push((cell)(0u - (uint32_t)pop())); break;
        case P_AND:
            b = pop();
            a = pop();
            push(a & b);
            break;
        case P_OR:
            b = pop();
            a = pop();
            push(a | b);
            break;
        case P_XOR:
            b = pop();
            a = pop();
            push(a ^ b);
            break;
        case P_INVERT: push(~pop()); break;
        case P_LSHIFT:
            b = pop();
            a = pop();
            push((cell)((uint32_t)a << (b & 31)));
            break;
        case P_RSHIFT:
            b = pop();
            a = pop();
            push((cell)((uint32_t)a >> (b & 31)));
            break;
        case P_LT:
            b = pop();
            a = pop();
            push(a < b ? -1 : 0);
            break;
        case P_GT:
            b = pop();
            a = pop();
            push(a > b ? -1 : 0);
            break;
        case P_EQ:
            b = pop();
            a = pop();
            push(a == b ? -1 : 0);
            break;
        case P_ZEQ: push(pop() == 0 ? -1 : 0); break;
        case P_ULT:
            b = pop();
            a = pop();
            push((uint32_t)a < (uint32_t)b ? -1 : 0);
            break;
        case P_DUP:
            a = pop();
            push(a);
            push(a);
            break;
        case P_DROP: pop(); break;
        case P_SWAP:
            b = pop();
            a = pop();
            push(b);
            push(a);
            break;
        case P_OVER:
            b = pop();
            a = pop();
            push(a);
            push(b);
            push(a);
            break;
        case P_ROT:
            c = pop();
            b = pop();
            a = pop();
            push(b);
            push(c);
            push(a);
            break;
        case P_QDUP:
            a = pop();
            push(a);
            if (a) push(a);
            break;
        case P_FETCH:
            a = pop();
            push(mem[(uint32_t)a % MEMSZ]);
            break;
        case P_STORE:
            a = pop();
            b = pop();
            mem[(uint32_t)a % MEMSZ] = b;
            break;
        case P_PSTORE:
            a = pop();
            b = pop();
            mem[(uint32_t)a % MEMSZ] = (cell)((uint32_t)mem[(uint32_t)a % MEMSZ] + (uint32_t)b);
            break;
        case P_DOT:
            snprintf(buf, sizeof buf, "%" PRId32 " ", pop());
            out(buf);
            break;
        case P_UDOT:
            snprintf(buf, sizeof buf, "%" PRIu32 " ", (uint32_t)pop());
            out(buf);
            break;
        case P_EMIT:
            buf[0] = (char)(pop() & 0x7f);
            buf[1] = 0;
            out(buf);
            break;
        case P_CR: out("\n"); break;
        case P_TYPE: {
            int len = mem[ip++];
            for (int k = 0; k < len; k++) {
                buf[0] = (char)mem[ip++];
                buf[1] = 0;
                out(buf);
            }
            break;
        }
        case P_TOR: rs[++rsp] = pop(); break;
        case P_FROMR: push(rs[rsp--]); break;
        case P_MAX:
            b = pop();
            a = pop();
            push(a > b ? a : b);
            break;
        case P_MIN:
            b = pop();
            a = pop();
            push(a < b ? a : b);
            break;
        case P_ABS:
            a = pop();
            push(a < 0 ? (cell)(0u - (uint32_t)a) : a);
            break;
        default: fail("bad cell in code", "");
        }
        if (rsp > 250 || rsp < 0) fail("return stack", "");
    }
}

static struct word *find(const char *name)
{
    for (int i = nwords - 1; i >= 0; i--)
        if (strcmp(dict[i].name, name) == 0) return &dict[i];
    return NULL;
}

static void comma(cell v)
{
    if (here >= MEMSZ) fail("dictionary full", "");
    mem[here++] = v;
}

static const char *src;
static int next_word(char *w, int n)
{
    while (*src == ' ' || *src == '\n' || *src == '\t') src++;
    if (!*src) return 0;
    int k = 0;
    while (*src && *src != ' ' && *src != '\n' && *src != '\t')
        if (k < n - 1)
            w[k++] = *src++;
        else
            src++;
    w[k] = 0;
    return 1;
}

static void interpret(const char *text)
{
    static int cstack[64];
    int csp = 0, compiling = 0;
    struct word *current = NULL;
    char w[48];
    src = text;
    while (next_word(w, sizeof w)) {
        if (strcmp(w, "(") == 0) {
            while (*src && *src != ')') src++;
            if (*src) src++;
            continue;
        }
        if (strcmp(w, "\\") == 0) {
            while (*src && *src != '\n') src++;
            continue;
        }
        if (strcmp(w, ":") == 0) {
            next_word(w, sizeof w);
            current = &dict[nwords++];
            snprintf(current->name, sizeof current->name, "%s", w);
            current->prim = -1;
            current->xt = here;
            compiling = 1;
            continue;
        }
        if (compiling) {
            if (strcmp(w, ";") == 0) {
                comma(P_EXIT);
                compiling = 0;
            } else if (strcmp(w, "if") == 0) {
                comma(P_ZBRANCH);
                cstack[csp++] = here;
                comma(0);
            } else if (strcmp(w, "else") == 0) {
                comma(P_BRANCH);
                int hole = here;
                comma(0);
                mem[cstack[--csp]] = here;
                cstack[csp++] = hole;
            } else if (strcmp(w, "then") == 0) {
                mem[cstack[--csp]] = here;
            } else if (strcmp(w, "begin") == 0) {
                cstack[csp++] = here;
            } else if (strcmp(w, "until") == 0) {
                comma(P_ZBRANCH);
                comma(cstack[--csp]);
            } else if (strcmp(w, "while") == 0) {
                comma(P_ZBRANCH);
                cstack[csp++] = here;
                comma(0);
            } else if (strcmp(w, "repeat") == 0) {
                int hole = cstack[--csp];
                comma(P_BRANCH);
                comma(cstack[--csp]);
                mem[hole] = here;
            } else if (strcmp(w, "do") == 0) {
                comma(P_DO);
                cstack[csp++] = here;
            } else if (strcmp(w, "loop") == 0 || strcmp(w, "+loop") == 0) {
                comma(w[0] == '+' ? P_PLOOP : P_LOOP);
                comma(cstack[--csp]);
            } else if (strcmp(w, "recurse") == 0) {
                comma(P_CALL);
                comma(current->xt);
            } else if (strcmp(w, ".\"") == 0) {
                src++;
                const char *end = strchr(src, '"');
                if (!end) fail("unterminated string", "");
                comma(P_TYPE);
                comma((cell)(end - src));
                for (const char *p = src; p < end; p++) comma((unsigned char)*p);
                src = end + 1;
            } else {
                struct word *d = find(w);
                if (d && d->is_value) {
                    comma(P_LIT);
                    comma(d->value);
                } else if (d && d->prim >= 0) {
                    comma(d->prim);
                } else if (d) {
                    comma(P_CALL);
                    comma(d->xt);
                } else {
                    char *end;
                    long long v = strtoll(w, &end, 0);
                    if (*end) fail("unknown word", w);
                    comma(P_LIT);
                    comma((cell)(uint32_t)v);
                }
            }
            if (csp < 0 || csp > 60) fail("control structure", w);
            continue;
        }
        if (strcmp(w, ".\"") == 0) {
            src++;
            const char *end = strchr(src, '"');
            if (!end) fail("unterminated string", "");
            char text_buf[128];
            snprintf(text_buf, sizeof text_buf, "%.*s", (int)(end - src), src);
            out(text_buf);
            src = end + 1;
            continue;
        }
        if (strcmp(w, "allot") == 0) {
            cell n = pop();
            if (n < 0 || here + n >= MEMSZ) fail("bad allot", "");
            here += n;
            continue;
        }
        if (strcmp(w, "variable") == 0 || strcmp(w, "constant") == 0) {
            int is_var = w[0] == 'v';
            next_word(w, sizeof w);
            struct word *d = &dict[nwords++];
            snprintf(d->name, sizeof d->name, "%s", w);
            d->prim = -1;
            d->is_value = 1;
            if (is_var) {
                d->value = here;
                comma(0);
            } else {
                d->value = pop();
            }
            continue;
        }
        struct word *d = find(w);
        if (d && d->is_value) {
            push(d->value);
        } else if (d && d->prim >= 0) {
            int tmp = here;
            mem[tmp] = d->prim;
            mem[tmp + 1] = P_EXIT;
            run(tmp);
        } else if (d) {
            run(d->xt);
        } else {
            char *end;
            long long v = strtoll(w, &end, 0);
            if (*end) fail("unknown word", w);
            push((cell)(uint32_t)v);
        }
    }
}

static const char program[] =
    "\\ arithmetic and stack words\n"
    ": square dup * ; : cube dup square * ;\n"
    ": squares 11 1 do i square . loop cr ;\n"
    ": gcd begin ?dup while swap over mod repeat ;\n"
    ": fib 0 1 rot 0 do swap over + loop drop ;\n"
    ": fact dup 2 < if drop 1 else dup 1 - recurse * then ;\n"
    ": prime? dup 2 < if drop 0 exit then dup 2 = if drop -1 exit then\n"
    "  dup 2 mod 0= if drop 0 exit then\n"
    "  3 begin 2dup dup * < 0= while 2dup mod 0= if 2drop 0 exit then 2 + repeat 2drop -1 ;\n"
    ": stars 0 do 42 emit loop ;\n"
    ": triangle 1 + 1 do i stars cr loop ;\n"
    ": table 6 1 do 6 1 do i j * . loop cr loop ;\n"
    "variable seed 12345 seed !\n"
    ": random seed @ 1103515245 * 12345 + dup seed ! 16 rshift 32767 and ;\n"
    "variable arr 63 allot\n"
    ": fill-arr 64 0 do random 1000 mod arr i + ! loop ;\n"
    ": bubble 64 1 do 64 i - 0 do arr i + @ arr i + 1 + @ > if\n"
    "    arr i + @ arr i + 1 + @ arr i + ! arr i + 1 + ! then loop loop ;\n"
    ": sorted? -1 63 0 do arr i + @ arr i + 1 + @ > if drop 0 then loop ;\n"
    ": sum-arr 0 64 0 do arr i + @ + loop ;\n"
    ": ack over 0= if nip 1 + exit then dup 0= if drop 1 - 1 recurse exit then\n"
    "  over swap 1 - recurse swap 1 - swap recurse ;\n"
    ": countdown begin dup . 1 - dup 0 < until drop cr ;\n"
    ": evens 20 0 do i . 2 +loop cr ;\n"
    ": down 0 10 do i . -3 +loop cr ;\n"
    "10 constant ten\n"
    ": collatz 0 swap begin dup 1 = 0= while dup 1 and if 3 * 1 + else 2 / then swap 1 + swap "
    "repeat drop ;\n"
    ": maxcollatz 0 0 rot 1 do i collatz 2dup < if nip nip i swap else drop then loop ;\n"
    "squares\n"
    "1071 462 gcd . 17 5 gcd . 0 9 gcd . cr\n"
    "20 fib . 46 fib . 47 fib u. cr\n"
    "12 fact . 13 fact . cr\n"
    ": primes 0 2000 2 do i prime? if 1 + then loop ; primes . cr\n"
    ": lastprimes 1000 900 do i prime? if i . then loop cr ; lastprimes\n"
    "5 triangle table\n"
    "fill-arr sum-arr . sorted? . bubble sorted? . sum-arr . arr @ . arr 63 + @ . cr\n"
    "2 3 ack . 3 3 ack . cr\n"
    "5 countdown evens down\n"
    "ten cube . -7 2 / . -7 2 mod . 7 -2 mod . -1 1 rshift . 1 31 lshift . cr\n"
    "-5 abs . 3 9 max . 3 9 min . -1 0 u< . 5 negate . 255 invert . cr\n"
    "1000 maxcollatz . . cr\n"
    ".\" done\" cr\n";

int main(void)
{
    for (int p = 0; p < P_NPRIMS; p++) {
        if (p == P_LIT || p == P_BRANCH || p == P_ZBRANCH || p == P_DO || p == P_LOOP ||
            p == P_PLOOP || p == P_CALL || p == P_TYPE)
            continue;
        struct word *d = &dict[nwords++];
        snprintf(d->name, sizeof d->name, "%s", prim_names[p]);
        d->prim = p;
    }
    /* A few words are easiest written in Forth itself. */
    interpret(": nip swap drop ; : 2dup over over ; : 2drop drop drop ; : cells ; : 1+ 1 + ;");
    interpret(program);
    fwrite(outbuf, 1, outlen, stdout);
    printf("output hash %08" PRIx32 ", dictionary %d words, %d cells used, stack depth %d\n",
           out_hash, nwords, here, dsp);
    return 0;
}
