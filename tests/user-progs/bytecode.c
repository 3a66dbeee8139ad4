/* A small bytecode interpreter: a stack machine with 32-bit cells, local
 * memory, calls and returns, run once through a switch-based dispatch loop
 * (a jump table) and once through GCC's computed goto (indirect branches
 * through a table of label addresses); the two must agree. The bytecode
 * programs: a sieve of Eratosthenes, iterative Fibonacci modulo 2^32, the
 * longest Collatz chain below 2,000, Euclid's gcd over a grid, a recursive
 * factorial through CALL/RET, and a 12x12 matrix product. Arithmetic wraps
 * as unsigned 32-bit (defined), signed division follows C. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum op {
    PUSH,
    ADD,
    SUB,
    MUL,
    DIVS,
    MODS,
    DIVU,
    AND,
    OR,
    XOR,
    SHL,
    SHRU,
    SHRS,
    NEG,
    DUP,
    DROP,
    SWAP,
    OVER,
    LOAD,
    STORE,
    GET,
    SET,
    JMP,
    JZ,
    JNZ,
    LT,
    LTU,
    EQ,
    CALL,
    RET,
    OUT,
    HALT,
    NOPS
};

static const char *const names[NOPS] = {
    "push", "add",  "sub", "mul", "divs", "mods", "divu", "and",  "or",    "xor", "shl",
    "shru", "shrs", "neg", "dup", "drop", "swap", "over", "load", "store", "get", "set",
    "jmp",  "jz",   "jnz", "lt",  "ltu",  "eq",   "call", "ret",  "out",   "halt"};

#define MEM 40000
struct vm {
    uint32_t stack[256], rstack[256], mem[MEM];
    int sp, rsp;
    uint64_t steps;
    uint32_t out_hash, outs, last_out[4];
};

static void output(struct vm *m, uint32_t v)
{
    m->out_hash = (m->out_hash ^ v) * 16777619u;
    m->last_out[m->outs++ % 4] = v;
}

static uint32_t divs(uint32_t a, uint32_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0 || (x == INT32_MIN && y == -1)) return 0;
    return (uint32_t)(x / y);
}
static uint32_t mods(uint32_t a, uint32_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0 || (x == INT32_MIN && y == -1)) return 0;
    return (uint32_t)(x % y);
}
static uint32_t shrs(uint32_t a, uint32_t b)
{
    int32_t x = (int32_t)a;
    return (uint32_t)(x >> (b & 31));
}

static void run_switch(struct vm *m, const int32_t *code)
{
    int pc = 0;
    for (;;) {
        m->steps++;
        int32_t ins = code[pc++];
        uint32_t a, b;
        switch (ins) {
        case PUSH: m->stack[++m->sp] = (uint32_t)code[pc++]; break;
        case ADD:
            b = m->stack[m->sp--];
            m->stack[m->sp] += b;
            break;
        case SUB:
            b = m->stack[m->sp--];
            m->stack[m->sp] -= b;
            break;
        case MUL:
            b = m->stack[m->sp--];
            m->stack[m->sp] *= b;
            break;
        case DIVS:
            b = m->stack[m->sp--];
            m->stack[m->sp] = divs(m->stack[m->sp], b);
            break;
        case MODS:
            b = m->stack[m->sp--];
            m->stack[m->sp] = mods(m->stack[m->sp], b);
            break;
        case DIVU:
            b = m->stack[m->sp--];
            m->stack[m->sp] = b ? m->stack[m->sp] / b : 0;
            break;
        case AND:
            b = m->stack[m->sp--];
            m->stack[m->sp] &= b;
            break;
        case OR:
            b = m->stack[m->sp--];
            m->stack[m->sp] |= b;
            break;
        case XOR:
            b = m->stack[m->sp--];
            m->stack[m->sp] ^= b;
            break;
        case SHL:
            b = m->stack[m->sp--];
            m->stack[m->sp] <<= (b & 31);
            break;
        case SHRU:
            b = m->stack[m->sp--];
            m->stack[m->sp] >>= (b & 31);
            break;
        case SHRS:
            b = m->stack[m->sp--];
            m->stack[m->sp] = shrs(m->stack[m->sp], b);
            break;
        case NEG: m->stack[m->sp] = -m->stack[m->sp]; break;
        case DUP:
            a = m->stack[m->sp];
            m->stack[++m->sp] = a;
            break;
        case DROP: m->sp--; break;
        case SWAP:
            a = m->stack[m->sp];
            m->stack[m->sp] = m->stack[m->sp - 1];
            m->stack[m->sp - 1] = a;
            break;
        case OVER:
            a = m->stack[m->sp - 1];
            m->stack[++m->sp] = a;
            break;
        case LOAD: m->stack[m->sp] = m->mem[m->stack[m->sp] % MEM]; break;
        case STORE:
            a = m->stack[m->sp--];
            b = m->stack[m->sp--];
            m->mem[a % MEM] = b;
            break;
        case GET: m->stack[++m->sp] = m->mem[code[pc++] % MEM]; break;
        case SET: m->mem[code[pc++] % MEM] = m->stack[m->sp--]; break;
        case JMP: pc = code[pc]; break;
        case JZ: pc = m->stack[m->sp--] == 0 ? code[pc] : pc + 1; break;
        case JNZ: pc = m->stack[m->sp--] != 0 ? code[pc] : pc + 1; break;
        case LT:
            b = m->stack[m->sp--];
            m->stack[m->sp] = (int32_t)m->stack[m->sp] < (int32_t)b;
            break;
        case LTU:
            b = m->stack[m->sp--];
            m->stack[m->sp] = m->stack[m->sp] < b;
            break;
        case EQ:
            b = m->stack[m->sp--];
            m->stack[m->sp] = m->stack[m->sp] == b;
            break;
        case CALL:
            m->rstack[++m->rsp] = (uint32_t)pc + 1;
            pc = code[pc];
            break;
        case RET: pc = (int)m->rstack[m->rsp--]; break;
        case OUT: output(m, m->stack[m->sp--]); break;
        case HALT: return;
        default: printf("bad opcode %d\n", ins); return;
        }
        if (m->sp < 0 || m->sp > 250 || m->rsp < 0 || m->rsp > 250) {
            printf("stack out of range at %d\n", pc);
            return;
        }
    }
}

static void run_threaded(struct vm *m, const int32_t *code)
{
    static void *const table[NOPS] = {
        &&l_push, &&l_add,  &&l_sub,  &&l_mul,   &&l_divs, &&l_mods, &&l_divu, &&l_and,
        &&l_or,   &&l_xor,  &&l_shl,  &&l_shru,  &&l_shrs, &&l_neg,  &&l_dup,  &&l_drop,
        &&l_swap, &&l_over, &&l_load, &&l_store, &&l_get,  &&l_set,  &&l_jmp,  &&l_jz,
        &&l_jnz,  &&l_lt,   &&l_ltu,  &&l_eq,    &&l_call, &&l_ret,  &&l_out,  &&l_halt};
    int pc = 0;
    uint32_t a, b;
#define NEXT                                                                                       \
    do {                                                                                           \
        m->steps++;                                                                                \
        if (m->sp < 0 || m->sp > 250 || m->rsp < 0 || m->rsp > 250) goto l_overflow;               \
        goto *table[code[pc++]];                                                                   \
    } while (0)
    NEXT;
l_push:
    m->stack[++m->sp] = (uint32_t)code[pc++];
    NEXT;
l_add:
    b = m->stack[m->sp--];
    m->stack[m->sp] += b;
    NEXT;
l_sub:
    b = m->stack[m->sp--];
    m->stack[m->sp] -= b;
    NEXT;
l_mul:
    b = m->stack[m->sp--];
    m->stack[m->sp] *= b;
    NEXT;
l_divs:
    b = m->stack[m->sp--];
    m->stack[m->sp] = divs(m->stack[m->sp], b);
    NEXT;
l_mods:
    b = m->stack[m->sp--];
    m->stack[m->sp] = mods(m->stack[m->sp], b);
    NEXT;
l_divu:
    b = m->stack[m->sp--];
    m->stack[m->sp] = b ? m->stack[m->sp] / b : 0;
    NEXT;
l_and:
    b = m->stack[m->sp--];
    m->stack[m->sp] &= b;
    NEXT;
l_or:
    b = m->stack[m->sp--];
    m->stack[m->sp] |= b;
    NEXT;
l_xor:
    b = m->stack[m->sp--];
    m->stack[m->sp] ^= b;
    NEXT;
l_shl:
    b = m->stack[m->sp--];
    m->stack[m->sp] <<= (b & 31);
    NEXT;
l_shru:
    b = m->stack[m->sp--];
    m->stack[m->sp] >>= (b & 31);
    NEXT;
l_shrs:
    b = m->stack[m->sp--];
    m->stack[m->sp] = shrs(m->stack[m->sp], b);
    NEXT;
l_neg:
    m->stack[m->sp] = -m->stack[m->sp];
    NEXT;
l_dup:
    a = m->stack[m->sp];
    m->stack[++m->sp] = a;
    NEXT;
l_drop:
    m->sp--;
    NEXT;
l_swap:
    a = m->stack[m->sp];
    m->stack[m->sp] = m->stack[m->sp - 1];
    m->stack[m->sp - 1] = a;
    NEXT;
l_over:
    a = m->stack[m->sp - 1];
    m->stack[++m->sp] = a;
    NEXT;
l_load:
    m->stack[m->sp] = m->mem[m->stack[m->sp] % MEM];
    NEXT;
l_store:
    a = m->stack[m->sp--];
    b = m->stack[m->sp--];
    m->mem[a % MEM] = b;
    NEXT;
l_get:
    m->stack[++m->sp] = m->mem[code[pc++] % MEM];
    NEXT;
l_set:
    m->mem[code[pc++] % MEM] = m->stack[m->sp--];
    NEXT;
l_jmp:
    pc = code[pc];
    NEXT;
l_jz:
    pc = m->stack[m->sp--] == 0 ? code[pc] : pc + 1;
    NEXT;
l_jnz:
    pc = m->stack[m->sp--] != 0 ? code[pc] : pc + 1;
    NEXT;
l_lt:
    b = m->stack[m->sp--];
    m->stack[m->sp] = (int32_t)m->stack[m->sp] < (int32_t)b;
    NEXT;
l_ltu:
    b = m->stack[m->sp--];
    m->stack[m->sp] = m->stack[m->sp] < b;
    NEXT;
l_eq:
    b = m->stack[m->sp--];
    m->stack[m->sp] = m->stack[m->sp] == b;
    NEXT;
l_call:
    m->rstack[++m->rsp] = (uint32_t)pc + 1;
    pc = code[pc];
    NEXT;
l_ret:
    pc = (int)m->rstack[m->rsp--];
    NEXT;
l_out:
    output(m, m->stack[m->sp--]);
    NEXT;
l_halt:
    return;
l_overflow:
    printf("stack out of range at %d\n", pc);
#undef NEXT
}

/* A tiny assembler: mnemonics, numbers, labels ("name:") and label
 * references ("@name"). */
static int assemble(const char *src, int32_t *code)
{
    char labels[64][16];
    int addr[64], nlabels = 0, n = 0;
    for (int pass = 0; pass < 2; pass++) {
        n = 0;
        const char *p = src;
        char tok[32];
        int len;
        while (sscanf(p, "%31s%n", tok, &len) == 1) {
            p += len;
            size_t tl = strlen(tok);
            if (tok[tl - 1] == ':') {
                if (pass == 0) {
                    tok[tl - 1] = 0;
                    snprintf(labels[nlabels], sizeof labels[0], "%s", tok);
                    addr[nlabels++] = n;
                }
                continue;
            }
            if (tok[0] == '@') {
                int v = -1;
                for (int i = 0; i < nlabels; i++)
                    if (strcmp(labels[i], tok + 1) == 0) v = addr[i];
                if (pass == 1 && v < 0) printf("undefined label %s\n", tok);
                code[n++] = v;
                continue;
            }
            if ((tok[0] >= '0' && tok[0] <= '9') || tok[0] == '-') {
                long long v;
                sscanf(tok, "%lli", &v);
                code[n++] = (int32_t)(uint32_t)v;
                continue;
            }
            int op = -1;
            for (int i = 0; i < NOPS; i++)
                if (strcmp(names[i], tok) == 0) op = i;
            if (op < 0) printf("unknown mnemonic %s\n", tok);
            code[n++] = op;
        }
    }
    return n;
}

static const struct {
    const char *name, *src;
} programs[] = {
    {"sieve", /* mem[n] = 1 marks n composite; prints the primes below 30000 */
     "push 2 set 39900 "
     "outer: get 39900 push 30000 lt jz @count get 39900 load jnz @next "
     "get 39900 get 39900 mul set 39901 "
     "inner: get 39901 push 30000 lt jz @next push 1 get 39901 store "
     "get 39901 get 39900 add set 39901 jmp @inner "
     "next: get 39900 push 1 add set 39900 jmp @outer "
     "count: push 0 set 39902 push 2 set 39900 "
     "c_loop: get 39900 push 30000 lt jz @c_done get 39900 load jnz @c_skip "
     "get 39900 out get 39902 push 1 add set 39902 "
     "c_skip: get 39900 push 1 add set 39900 jmp @c_loop "
     "c_done: get 39902 out halt"},
    {"fibonacci", /* 5000 terms modulo 2^32 */
     "push 0 set 39900 push 1 set 39901 push 0 set 39902 "
     "loop: get 39902 push 5000 lt jz @done "
     "get 39900 get 39901 add get 39901 set 39900 set 39901 get 39901 out "
     "get 39902 push 1 add set 39902 jmp @loop "
     "done: halt"},
    {"collatz", /* the longest chain starting below 2000 */
     "push 1 set 39900 push 0 set 39903 push 0 set 39904 "
     "n_loop: get 39900 push 2000 lt jz @n_done get 39900 set 39901 push 0 set 39902 "
     "step: get 39901 push 1 eq jnz @step_done get 39901 push 1 and jz @even "
     "get 39901 push 3 mul push 1 add set 39901 jmp @counted "
     "even: get 39901 push 1 shru set 39901 "
     "counted: get 39902 push 1 add set 39902 jmp @step "
     "step_done: get 39903 get 39902 ltu jz @not_longer "
     "get 39902 set 39903 get 39900 set 39904 "
     "not_longer: get 39900 push 1 add set 39900 jmp @n_loop "
     "n_done: get 39904 out get 39903 out halt"},
    {"gcd", /* gcd(a, b) for 1 <= a, b < 60, with dup/swap/over */
     "push 1 set 39900 "
     "a_loop: get 39900 push 60 lt jz @end push 1 set 39901 "
     "b_loop: get 39901 push 60 lt jz @b_end get 39900 get 39901 "
     "g: dup jz @g_done swap over mods jmp @g "
     "g_done: drop out get 39901 push 1 add set 39901 jmp @b_loop "
     "b_end: get 39900 push 1 add set 39900 jmp @a_loop "
     "end: halt"},
    {"factorial", /* recursive, through call/ret; then signed corner cases */
     "push 0 set 39900 "
     "f_loop: get 39900 push 14 lt jz @f_end get 39900 call @fact out "
     "get 39900 push 1 add set 39900 jmp @f_loop "
     "f_end: push -7 push 2 divs out push -7 push 2 mods out push 7 push -2 mods out "
     "push -1 push 28 shrs out push -1 push 28 shru out push -2147483648 push 1 sub out "
     "push 7 neg out push -2147483648 push -1 divs out push -5 push 3 ltu out "
     "push -5 push 3 lt out push 1 push 31 shl out push 0xdeadbeef push 0xffff and out "
     "push 0xf0 push 0x0f or push 0xff xor out halt "
     "fact: dup push 2 lt jnz @fact_base dup push 1 sub call @fact mul ret "
     "fact_base: drop push 1 ret"},
    {"matrix", /* C = A * B for 12x12 matrices at 1000, 2000 and 3000 */
     "push 0 set 39900 "
     "init: get 39900 push 144 lt jz @mul_start "
     "get 39900 get 39900 mul push 7 mul push 13 add push 1000 mods get 39900 push 1000 add store "
     "get 39900 push 3 mul push 5 sub get 39900 push 2000 add store "
     "get 39900 push 1 add set 39900 jmp @init "
     "mul_start: push 0 set 39900 "
     "i_loop: get 39900 push 12 lt jz @sum push 0 set 39901 "
     "j_loop: get 39901 push 12 lt jz @j_end push 0 set 39903 push 0 set 39902 "
     "k_loop: get 39902 push 12 lt jz @k_end "
     "get 39900 push 12 mul get 39902 add push 1000 add load "
     "get 39902 push 12 mul get 39901 add push 2000 add load "
     "mul get 39903 add set 39903 get 39902 push 1 add set 39902 jmp @k_loop "
     "k_end: get 39903 get 39900 push 12 mul get 39901 add push 3000 add store "
     "get 39901 push 1 add set 39901 jmp @j_loop "
     "j_end: get 39900 push 1 add set 39900 jmp @i_loop "
     "sum: push 0 set 39903 push 0 set 39900 "
     "s_loop: get 39900 push 144 lt jz @s_end "
     "get 39903 push 31 mul get 39900 push 3000 add load add set 39903 "
     "get 39900 push 1 add set 39900 jmp @s_loop "
     "s_end: get 39903 out get 3000 out get 3143 out halt"},
};

int main(void)
{
    static int32_t code[4096];
    static struct vm a, b;
    uint64_t total = 0;
    for (unsigned i = 0; i < sizeof programs / sizeof programs[0]; i++) {
        int n = assemble(programs[i].src, code);
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        run_switch(&a, code);
        run_threaded(&b, code);
        int same = a.out_hash == b.out_hash && a.outs == b.outs && a.steps == b.steps &&
                   memcmp(a.mem, b.mem, sizeof a.mem) == 0;
        printf("%-10s %4d words, %9" PRIu64 " steps, %6" PRIu32 " outputs, hash %08" PRIx32
               ", last",
               programs[i].name, n, a.steps, a.outs, a.out_hash);
        for (uint32_t k = 0; k < 4 && k < a.outs; k++)
            printf(" %" PRId32, (int32_t)a.last_out[(a.outs - 1 - k) % 4]);
        printf(", dispatchers agree: %s\n", same ? "yes" : "NO");
        total += a.steps;
    }
    printf("total steps %" PRIu64 "\n", total);
    return 0;
}
