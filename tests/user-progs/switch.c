/* Switch statements and jump tables: a dense switch the compiler turns into
 * a bounds check plus an indirect branch through a table (bctr on
 * PowerPC), a sparse switch it turns into a binary decision tree, switches
 * on signed values with negative cases, on 64-bit and 8-bit values, with
 * fall-through, tables of function pointers, a state machine (a lexer for
 * a small language) and GCC's computed goto. Every case label is reached. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t __attribute__((noinline)) dense(uint32_t x)
{
    switch (x) {
    case 0: return 11;
    case 1: return 23;
    case 2: return 37;
    case 3: return x * 5;
    case 4: return 59;
    case 5: return 61;
    case 6: return x << 3;
    case 7: return 79;
    case 8: return 83;
    case 9: return 97;
    case 10: return 101;
    case 11: return x ^ 0x55;
    case 12: return 127;
    case 13: return 131;
    case 14: return 149;
    case 15: return 151;
    case 16: return 163;
    case 17: return 173;
    case 18: return 181;
    case 19: return 191;
    default: return 0xffff;
    }
}

static int32_t __attribute__((noinline)) negative(int32_t x)
{
    switch (x) {
    case -8: return 1;
    case -7: return 2;
    case -6: return 3;
    case -5: return 5;
    case -4: return 8;
    case -3: return 13;
    case -2: return 21;
    case -1: return 34;
    case 0: return 55;
    case 1: return 89;
    case 2: return 144;
    case 3: return 233;
    default: return -x;
    }
}

static int __attribute__((noinline)) sparse(int32_t x)
{
    switch (x) {
    case -1000000: return 1;
    case -65536: return 2;
    case -1: return 3;
    case 7: return 4;
    case 100: return 5;
    case 1000: return 6;
    case 4096: return 7;
    case 65535: return 8;
    case 1 << 20: return 9;
    case 123456789: return 10;
    case INT32_MAX: return 11;
    case INT32_MIN: return 12;
    default: return 0;
    }
}

static int __attribute__((noinline)) wide(uint64_t x)
{
    switch (x) {
    case 0: return 1;
    case 1: return 2;
    case 0x100000000ULL: return 3;
    case 0x100000001ULL: return 4;
    case 0xffffffffULL: return 5;
    case 0xffffffffffffffffULL: return 6;
    case 0x8000000000000000ULL: return 7;
    case 2: return 8;
    case 3: return 9;
    case 4: return 10;
    case 5: return 11;
    default: return 0;
    }
}

static int __attribute__((noinline)) bytes(uint8_t c)
{
    switch (c) {
    case 'a' ... 'z': return 1;
    case 'A' ... 'Z': return 2;
    case '0' ... '9': return 3;
    case ' ':
    case '\t':
    case '\n': return 4;
    case 0x80 ... 0xbf: return 5;
    case 0xc0 ... 0xff: return 6;
    default: return 0;
    }
}

/* Fall-through: Duff's device copying n bytes. */
static void duff(unsigned char *to, const unsigned char *from, size_t count)
{
    if (!count) return;
    size_t n = (count + 7) / 8;
    switch (count % 8) {
    case 0:
        do {
            *to++ = *from++;
        /* fall through */
        case 7: *to++ = *from++;
        /* fall through */
        case 6: *to++ = *from++;
        /* fall through */
        case 5: *to++ = *from++;
        /* fall through */
        case 4: *to++ = *from++;
        /* fall through */
        case 3: *to++ = *from++;
        /* fall through */
        case 2: *to++ = *from++;
        /* fall through */
        case 1: *to++ = *from++;
        } while (--n > 0);
    }
}

static uint32_t op_add(uint32_t a, uint32_t b)
{
    return a + b;
}
static uint32_t op_sub(uint32_t a, uint32_t b)
{
    return a - b;
}
static uint32_t op_mul(uint32_t a, uint32_t b)
{
    return a * b;
}
static uint32_t op_xor(uint32_t a, uint32_t b)
{
    return a ^ b;
}
static uint32_t op_rot(uint32_t a, uint32_t b)
{
    return (a << (b & 31)) | (a >> (-b & 31));
}
static uint32_t op_div(uint32_t a, uint32_t b)
{
    return b ? a / b : a;
}
static uint32_t (*const ops[])(uint32_t, uint32_t) = {op_add, op_sub, op_mul,
                                                      op_xor, op_rot, op_div};

/* A lexer as a state machine. */
enum tok { T_NUM, T_IDENT, T_OP, T_STR, T_END, T_ERR };
static const char *const tok_names[] = {"num", "ident", "op", "str", "end", "err"};

static enum tok lex(const char **pp, char *text)
{
    const char *p = *pp;
    int state = 0, n = 0;
    for (;;) {
        unsigned char c = (unsigned char)*p;
        switch (state) {
        case 0:
            switch (bytes(c)) {
            case 4: p++; continue;
            case 1:
            case 2: state = 1; break;
            case 3: state = 2; break;
            default:
                if (c == 0) {
                    *pp = p;
                    text[0] = 0;
                    return T_END;
                }
                if (c == '"') {
                    state = 3;
                    p++;
                    continue;
                }
                text[0] = (char)c;
                text[1] = 0;
                *pp = p + 1;
                return strchr("+-*/=<>(){};", c) ? T_OP : T_ERR;
            }
            break;
        case 1:
            if (bytes(c) == 1 || bytes(c) == 2 || bytes(c) == 3 || c == '_') break;
            text[n] = 0;
            *pp = p;
            return T_IDENT;
        case 2:
            if (bytes(c) == 3) break;
            text[n] = 0;
            *pp = p;
            return T_NUM;
        case 3:
            if (c == '"') {
                text[n] = 0;
                *pp = p + 1;
                return T_STR;
            }
            if (c == 0) {
                text[n] = 0;
                *pp = p;
                return T_ERR;
            }
            break;
        }
        text[n++] = (char)c;
        p++;
    }
}

static uint32_t __attribute__((noinline)) threaded(const uint8_t *prog)
{
    static void *const labels[] = {&&inc, &&dbl, &&sq, &&dec, &&halt};
    uint32_t acc = 1;
    goto *labels[*prog++];
inc:
    acc++;
    goto *labels[*prog++];
dbl:
    acc *= 2;
    goto *labels[*prog++];
sq:
    acc *= acc;
    goto *labels[*prog++];
dec:
    acc--;
    goto *labels[*prog++];
halt:
    return acc;
}

int main(void)
{
    uint32_t h = 0;
    for (uint32_t i = 0; i < 25; i++) h = h * 31 + dense(i);
    for (uint32_t i = 0; i < 100000; i++) h = h * 31 + dense(i * 2654435761u % 23);
    printf("dense: %08" PRIx32 " (dense(3)=%" PRIu32 " dense(11)=%" PRIu32 " dense(20)=%" PRIu32
           " dense(0xffffffff)=%" PRIu32 ")\n",
           h, dense(3), dense(11), dense(20), dense(0xffffffffu));
    printf("negative:");
    for (int32_t i = -10; i <= 5; i++) printf(" %" PRId32, negative(i));
    printf("\n");
    static const int32_t sv[] = {-1000000,  -65536,    -65535,    -1,   0,     7,
                                 8,         100,       1000,      4096, 65535, 1 << 20,
                                 123456789, INT32_MAX, INT32_MIN, 99};
    printf("sparse:");
    for (unsigned i = 0; i < sizeof sv / sizeof sv[0]; i++) printf(" %d", sparse(sv[i]));
    printf("\n");
    static const uint64_t wv[] = {0,
                                  1,
                                  2,
                                  3,
                                  4,
                                  5,
                                  6,
                                  0x100000000ULL,
                                  0x100000001ULL,
                                  0xffffffffULL,
                                  0xffffffffffffffffULL,
                                  0x8000000000000000ULL,
                                  0x200000000ULL};
    printf("wide:");
    for (unsigned i = 0; i < sizeof wv / sizeof wv[0]; i++) printf(" %d", wide(wv[i]));
    printf("\n");
    int classes[7] = {0};
    for (int c = 0; c < 256; c++) classes[bytes((uint8_t)c)]++;
    printf("byte classes: %d %d %d %d %d %d %d\n", classes[0], classes[1], classes[2], classes[3],
           classes[4], classes[5], classes[6]);
    unsigned char src[100], dst[100];
    for (int i = 0; i < 100; i++) src[i] = (unsigned char)(i * 37 + 11);
    int duff_ok = 1;
    for (size_t n = 0; n <= 100; n++) {
        memset(dst, 0, sizeof dst);
        duff(dst, src, n);
        if (memcmp(dst, src, n) != 0 || (n < 100 && dst[n] != 0)) duff_ok = 0;
    }
    printf("duff's device: %s\n", duff_ok ? "ok" : "BAD");
    uint32_t acc = 0x12345678;
    for (uint32_t i = 0; i < 60000; i++) acc = ops[i % 6](acc, i * 7 + 3);
    printf("function table: %08" PRIx32 "\n", acc);
    const char *code = "while (x1 < 100) { y = \"hi there\" + 42 * foo_bar; } @ z9 \"open";
    char text[128];
    enum tok t;
    do {
        t = lex(&code, text);
        printf("%s(%s) ", tok_names[t], text);
    } while (t != T_END);
    printf("\n");
    static const uint8_t prog1[] = {0, 1, 1, 2, 3, 2, 0, 4};
    static const uint8_t prog2[] = {1, 1, 1, 1, 2, 2, 3, 0, 1, 4};
    printf("computed goto: %" PRIu32 " %" PRIu32 "\n", threaded(prog1), threaded(prog2));
    return 0;
}
