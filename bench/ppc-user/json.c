/* A second "real program" benchmark for bench/run-ppc-user-bench.sh: a JSON
 * parser and writer. Generates a document of records (nested objects and
 * arrays, escaped strings, integers, decimals, literals), parses it by
 * recursive descent into a malloc'd tree (strtod for decimals), walks the tree,
 * writes it back out (snprintf, %.17g for decimals), parses the output again
 * and checks that writing that gives the same text. Branchy byte-at-a-time
 * scanning, many small allocations and the C library's number conversions.
 * The output is the same on every host.
 *
 * bench-class: mixed
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS  100
#define RECORDS 2500

enum kind { J_NULL, J_FALSE, J_TRUE, J_INT, J_NUM, J_STR, J_ARR, J_OBJ };

struct node {
    enum kind kind;
    int64_t i;
    double d;
    char *s;            /* J_STR: the value; object members: the key */
    struct node *child; /* J_ARR, J_OBJ: the first element */
    struct node *next;  /* the next sibling */
};

static uint32_t rng_state = 0x1234567u;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* A growing output buffer. */
struct buf {
    char *p;
    uint32_t len, cap;
};

static void put(struct buf *b, const char *s, uint32_t n)
{
    if (b->len + n + 1 > b->cap) {
        while (b->len + n + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : 16;
        b->p = realloc(b->p, b->cap);
        if (!b->p) {
            fprintf(stderr, "json: out of memory\n");
            exit(1);
        }
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, (uint32_t)strlen(s));
}

static void make_doc(struct buf *b)
{
    static const char *names[] = {"Quadra",
                                  "Performa",
                                  "PowerBook",
                                  "iMac",
                                  "Centris",
                                  "LC",
                                  "Classic",
                                  "Color",
                                  "Tower",
                                  "Cube",
                                  "SE/30",
                                  "Mac II",
                                  "G3 \\\"Beige\\\"",
                                  "G4\\tDigital Audio"};
    char tmp[256];
    puts_(b, "{\"machines\": [\n");
    for (int r = 0; r < RECORDS; r++) {
        uint32_t a = rng(), c = rng(), e = rng();
        int32_t mhz = (int32_t)(a % 1000) + 16;
        double price = (double)(c % 500000) / 100.0 + 0.125;
        snprintf(tmp, sizeof tmp,
                 "  {\"id\": %d, \"name\": \"%s %u\", \"mhz\": %d, \"price\": %.2f, "
                 "\"ratio\": %.6e,\n",
                 r, names[e % 14], (unsigned)(e >> 20), (int)mhz, price,
                 (double)(int32_t)(a ^ c) / 7.0);
        puts_(b, tmp);
        snprintf(tmp, sizeof tmp, "   \"ram\": [%u, %u, %u], \"offset\": %d, ",
                 (unsigned)(1u << (a % 10)), (unsigned)(c % 4096), (unsigned)(e % 65536),
                 -(int)(c % 100000));
        puts_(b, tmp);
        snprintf(tmp, sizeof tmp,
                 "\"flags\": {\"fpu\": %s, \"mmu\": %s, \"note\": %s, \"path\": "
                 "\"C:\\\\%u\\u00e9\"}}%s\n",
                 (a & 1) ? "true" : "false", (c & 2) ? "true" : "false",
                 (e & 4) ? "null" : "\"line\\nbreak\"", (unsigned)(a % 97),
                 r + 1 < RECORDS ? "," : "");
        puts_(b, tmp);
    }
    puts_(b, "], \"count\": 2500, \"version\": 1.5}\n");
}

struct parser {
    const char *p;
    int error;
};

static void skip_ws(struct parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r') ps->p++;
}

static struct node *new_node(enum kind k)
{
    struct node *n = calloc(1, sizeof *n);
    if (!n) {
        fprintf(stderr, "json: out of memory\n");
        exit(1);
    }
    n->kind = k;
    return n;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* A string after its opening quote; escapes decoded, \u as UTF-8. */
static char *parse_string(struct parser *ps)
{
    struct buf b = {0};
    put(&b, "", 0);
    for (;;) {
        const char *start = ps->p;
        while (*ps->p && *ps->p != '"' && *ps->p != '\\') ps->p++;
        put(&b, start, (uint32_t)(ps->p - start));
        if (*ps->p == '"') {
            ps->p++;
            return b.p;
        }
        if (*ps->p == '\0') break;
        char esc = ps->p[1], c;
        ps->p += 2;
        switch (esc) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case '"':
        case '\\':
        case '/': c = esc; break;
        case 'u': {
            uint32_t cp = 0;
            for (int k = 0; k < 4; k++) {
                int h = hexval(ps->p[k]);
                if (h < 0) goto bad;
                cp = cp << 4 | (uint32_t)h;
            }
            ps->p += 4;
            unsigned char u[3];
            uint32_t n;
            if (cp < 0x80) {
                u[0] = (unsigned char)cp;
                n = 1;
            } else if (cp < 0x800) {
                u[0] = (unsigned char)(0xc0 | cp >> 6);
                u[1] = (unsigned char)(0x80 | (cp & 0x3f));
                n = 2;
            } else {
                u[0] = (unsigned char)(0xe0 | cp >> 12);
                u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
                u[2] = (unsigned char)(0x80 | (cp & 0x3f));
                n = 3;
            }
            put(&b, (const char *)u, n);
            continue;
        }
        default: goto bad;
        }
        put(&b, &c, 1);
    }
bad:
    ps->error = 1;
    return b.p;
}

static struct node *parse_value(struct parser *ps, int depth);

static struct node *parse_container(struct parser *ps, int depth, int object)
{
    struct node *n = new_node(object ? J_OBJ : J_ARR), **tail = &n->child;
    char close = object ? '}' : ']';
    ps->p++;
    skip_ws(ps);
    if (*ps->p == close) {
        ps->p++;
        return n;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(ps);
        if (object) {
            if (*ps->p != '"') break;
            ps->p++;
            key = parse_string(ps);
            skip_ws(ps);
            if (*ps->p != ':') {
                free(key);
                break;
            }
            ps->p++;
        }
        struct node *v = parse_value(ps, depth + 1);
        if (object) {
            /* Members keep the key in a wrapper node: an object of pairs. */
            struct node *pair = new_node(J_NULL);
            pair->s = key;
            pair->child = v;
            v = pair;
        }
        *tail = v;
        tail = &v->next;
        if (ps->error) return n;
        skip_ws(ps);
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == close) {
            ps->p++;
            return n;
        }
        break;
    }
    ps->error = 1;
    return n;
}

static struct node *parse_value(struct parser *ps, int depth)
{
    skip_ws(ps);
    if (depth > 64) {
        ps->error = 1;
        return new_node(J_NULL);
    }
    char c = *ps->p;
    if (c == '{' || c == '[') return parse_container(ps, depth, c == '{');
    if (c == '"') {
        struct node *n = new_node(J_STR);
        ps->p++;
        n->s = parse_string(ps);
        return n;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        const char *q = ps->p;
        int integral = 1;
        if (*q == '-') q++;
        while ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' || *q == '+' ||
               *q == '-') {
            if (*q == '.' || *q == 'e' || *q == 'E') integral = 0;
            q++;
        }
        struct node *n;
        if (integral) {
            n = new_node(J_INT);
            int neg = *ps->p == '-';
            uint64_t v = 0;
            for (const char *d = ps->p + neg; d < q; d++) v = v * 10 + (uint64_t)(*d - '0');
            n->i = neg ? -(int64_t)v : (int64_t)v;
        } else {
            n = new_node(J_NUM);
            char *end;
            n->d = strtod(ps->p, &end);
            if (end != q) ps->error = 1;
        }
        ps->p = q;
        return n;
    }
    static const struct {
        const char *word;
        enum kind kind;
    } lits[] = {{"true", J_TRUE}, {"false", J_FALSE}, {"null", J_NULL}};
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(lits[k].word);
        if (strncmp(ps->p, lits[k].word, l) == 0) {
            ps->p += l;
            return new_node(lits[k].kind);
        }
    }
    ps->error = 1;
    return new_node(J_NULL);
}

static void free_tree(struct node *n)
{
    while (n) {
        struct node *next = n->next;
        free_tree(n->child);
        free(n->s);
        free(n);
        n = next;
    }
}

static void write_string(struct buf *b, const char *s)
{
    put(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char tmp[8];
        if (c == '"' || c == '\\') {
            tmp[0] = '\\';
            tmp[1] = (char)c;
            put(b, tmp, 2);
        } else if (c == '\n') {
            put(b, "\\n", 2);
        } else if (c == '\t') {
            put(b, "\\t", 2);
        } else if (c < 0x20) {
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
            put(b, tmp, 6);
        } else {
            put(b, (const char *)&c, 1);
        }
    }
    put(b, "\"", 1);
}

static void write_value(struct buf *b, const struct node *n)
{
    char tmp[40];
    switch (n->kind) {
    case J_NULL: puts_(b, "null"); break;
    case J_FALSE: puts_(b, "false"); break;
    case J_TRUE: puts_(b, "true"); break;
    case J_INT:
        snprintf(tmp, sizeof tmp, "%lld", (long long)n->i);
        puts_(b, tmp);
        break;
    case J_NUM:
        snprintf(tmp, sizeof tmp, "%.17g", n->d);
        if (!strpbrk(tmp, ".eEn")) strcat(tmp, ".0");
        puts_(b, tmp);
        break;
    case J_STR: write_string(b, n->s); break;
    case J_ARR:
    case J_OBJ:
        put(b, n->kind == J_OBJ ? "{" : "[", 1);
        for (const struct node *c = n->child; c; c = c->next) {
            if (n->kind == J_OBJ) {
                write_string(b, c->s);
                put(b, ":", 1);
                write_value(b, c->child);
            } else {
                write_value(b, c);
            }
            if (c->next) put(b, ",", 1);
        }
        put(b, n->kind == J_OBJ ? "}" : "]", 1);
        break;
    }
}

struct stats {
    int64_t ints;
    double nums;
    uint32_t strs, nodes, trues;
};

static void walk(const struct node *n, struct stats *st)
{
    for (; n; n = n->next) {
        st->nodes++;
        switch (n->kind) {
        case J_INT: st->ints += n->i; break;
        case J_NUM: st->nums += n->d; break;
        case J_TRUE: st->trues++; break;
        case J_STR:
        case J_NULL:
            if (n->s)
                for (const unsigned char *p = (const unsigned char *)n->s; *p; p++)
                    st->strs = (st->strs ^ *p) * 0x01000193u;
            break;
        default: break;
        }
        walk(n->child, st);
    }
}

int main(void)
{
    struct stats st = {0, 0.0, 0x811c9dc5u, 0, 0};
    uint32_t bytes = 0;

    for (int round = 0; round < ROUNDS; round++) {
        struct buf doc = {0}, out1 = {0}, out2 = {0};
        make_doc(&doc);
        struct parser ps = {doc.p, 0};
        struct node *tree = parse_value(&ps, 0);
        skip_ws(&ps);
        if (ps.error || *ps.p) {
            fprintf(stderr, "json: round %d: parse error at offset %d\n", round,
                    (int)(ps.p - doc.p));
            return 1;
        }
        walk(tree, &st);
        write_value(&out1, tree);
        free_tree(tree);

        struct parser ps2 = {out1.p, 0};
        tree = parse_value(&ps2, 0);
        if (ps2.error) {
            fprintf(stderr, "json: round %d: cannot parse my own output\n", round);
            return 1;
        }
        write_value(&out2, tree);
        free_tree(tree);
        if (out1.len != out2.len || memcmp(out1.p, out2.p, out1.len) != 0) {
            fprintf(stderr, "json: round %d: writing, parsing and writing again differs\n", round);
            return 1;
        }
        bytes += doc.len + out1.len;
        free(doc.p);
        free(out1.p);
        free(out2.p);
    }
    printf("bytes    %u\n", (unsigned)bytes);
    printf("nodes    %u trues %u\n", (unsigned)st.nodes, (unsigned)st.trues);
    printf("ints     %lld\n", (long long)st.ints);
    printf("numbers  %.17g\n", st.nums);
    printf("strings  %08x\n", (unsigned)st.strs);
    return 0;
}
