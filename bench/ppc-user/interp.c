/* Branchy interpreter benchmark for bench/run-ppc-user-bench.sh: a stack
 * bytecode machine with a switch dispatch loop (one indirect branch per
 * bytecode, short unpredictable basic blocks) runs four guest programs
 * assembled at start-up: recursive Fibonacci (calls and returns), a sieve of
 * Eratosthenes over the machine's memory, Collatz chain lengths (data-
 * dependent branches) and an insertion sort. Prints each program's result and
 * the number of bytecodes executed; the output is the same on every host.
 *
 * bench-class: interpreter
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum op {
    OP_HALT,
    OP_PUSH,   /* imm: push imm */
    OP_POP,    /* drop the top */
    OP_DUP,    /* duplicate the top */
    OP_SWAP,   /* exchange the two top values */
    OP_LOADL,  /* idx: push local idx */
    OP_STOREL, /* idx: pop into local idx */
    OP_INCL,   /* idx imm: local idx += imm */
    OP_LOADM,  /* pop address, push mem[address] */
    OP_STOREM, /* pop value, pop address, mem[address] = value */
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_MOD,
    OP_AND,
    OP_OR,
    OP_XOR,
    OP_SHL,
    OP_SHR,
    OP_LT,
    OP_LE,
    OP_EQ,
    OP_NE,
    OP_JMP,   /* target */
    OP_JZ,    /* target: pop, jump if zero */
    OP_JNZ,   /* target: pop, jump if not zero */
    OP_CALL,  /* target nargs */
    OP_ENTER, /* n: push n zero locals */
    OP_RET,   /* pop result, drop the frame, push result */
};

#define CODE_MAX  1024
#define STACK_MAX 4096
#define MEM_WORDS 65536
#define LABELS    32

#define REPS      6
#define FIB_N     29
#define SORT_N    2500
#define COLLATZ_N 100000

struct vm {
    int32_t stack[STACK_MAX];
    int32_t mem[MEM_WORDS];
    uint64_t executed;
};

struct asm_state {
    int32_t code[CODE_MAX];
    int n;
    int label_at[LABELS];
    int fix_at[CODE_MAX], fix_label[CODE_MAX], nfix;
};

static void emit(struct asm_state *a, int32_t w)
{
    if (a->n >= CODE_MAX) {
        fprintf(stderr, "interp: code buffer full\n");
        exit(1);
    }
    a->code[a->n++] = w;
}

static void op0(struct asm_state *a, enum op o)
{
    emit(a, o);
}
static void op1(struct asm_state *a, enum op o, int32_t x)
{
    emit(a, o);
    emit(a, x);
}
static void op2(struct asm_state *a, enum op o, int32_t x, int32_t y)
{
    emit(a, o);
    emit(a, x);
    emit(a, y);
}
static void label(struct asm_state *a, int l)
{
    a->label_at[l] = a->n;
}
/* A jump or call to label l; the target is patched by link(). */
static void jump(struct asm_state *a, enum op o, int l)
{
    emit(a, o);
    a->fix_at[a->nfix] = a->n;
    a->fix_label[a->nfix++] = l;
    emit(a, 0);
}
static void call(struct asm_state *a, int l, int32_t nargs)
{
    jump(a, OP_CALL, l);
    emit(a, nargs);
}
static void link(struct asm_state *a)
{
    for (int i = 0; i < a->nfix; i++) a->code[a->fix_at[i]] = a->label_at[a->fix_label[i]];
}

struct frame {
    int32_t ret_pc, fp;
};

static int32_t run(struct vm *vm, const int32_t *code, int32_t entry)
{
    static struct frame frames[STACK_MAX];
    int32_t *st = vm->stack, *mem = vm->mem;
    int32_t sp = 0, fp = 0, pc = entry, nf = 0, a, b;
    uint64_t count = 0;

    for (;;) {
        count++;
        switch ((enum op)code[pc++]) {
        case OP_HALT: vm->executed += count; return sp > 0 ? st[sp - 1] : 0;
        case OP_PUSH: st[sp++] = code[pc++]; break;
        case OP_POP: sp--; break;
        case OP_DUP:
            st[sp] = st[sp - 1];
            sp++;
            break;
        case OP_SWAP:
            a = st[sp - 1];
            st[sp - 1] = st[sp - 2];
            st[sp - 2] = a;
            break;
        case OP_LOADL: st[sp++] = st[fp + code[pc++]]; break;
        case OP_STOREL: st[fp + code[pc++]] = st[--sp]; break;
        case OP_INCL:
            st[fp + code[pc]] += code[pc + 1];
            pc += 2;
            break;
        case OP_LOADM: st[sp - 1] = mem[(uint32_t)st[sp - 1] % MEM_WORDS]; break;
        case OP_STOREM:
            a = st[--sp];
            b = st[--sp];
            mem[(uint32_t)b % MEM_WORDS] = a;
            break;
#define BIN(name, expr)                                                                            \
    case name:                                                                                     \
        b = st[--sp];                                                                              \
        a = st[sp - 1];                                                                            \
        st[sp - 1] = (expr);                                                                       \
        break;
            BIN(OP_ADD, (int32_t)((uint32_t)a + (uint32_t)b))
            BIN(OP_SUB, (int32_t)((uint32_t)a - (uint32_t)b))
            BIN(OP_MUL, (int32_t)((uint32_t)a * (uint32_t)b))
            BIN(OP_DIV, b == 0 ? 0 : (int32_t)((uint32_t)a / (uint32_t)b))
            BIN(OP_MOD, b == 0 ? 0 : (int32_t)((uint32_t)a % (uint32_t)b))
            BIN(OP_AND, a & b)
            BIN(OP_OR, a | b)
            BIN(OP_XOR, a ^ b)
            BIN(OP_SHL, (int32_t)((uint32_t)a << (b & 31)))
            BIN(OP_SHR, (int32_t)((uint32_t)a >> (b & 31)))
            BIN(OP_LT, a < b)
            BIN(OP_LE, a <= b)
            BIN(OP_EQ, a == b)
            BIN(OP_NE, a != b)
#undef BIN
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: pc = st[--sp] == 0 ? code[pc] : pc + 1; break;
        case OP_JNZ: pc = st[--sp] != 0 ? code[pc] : pc + 1; break;
        case OP_CALL:
            if (nf >= STACK_MAX || sp > STACK_MAX - 64) {
                fprintf(stderr, "interp: guest stack overflow\n");
                exit(1);
            }
            frames[nf].ret_pc = pc + 2;
            frames[nf++].fp = fp;
            fp = sp - code[pc + 1];
            pc = code[pc];
            break;
        case OP_ENTER:
            for (a = code[pc++]; a > 0; a--) st[sp++] = 0;
            break;
        case OP_RET:
            a = st[sp - 1];
            sp = fp;
            st[sp++] = a;
            nf--;
            pc = frames[nf].ret_pc;
            fp = frames[nf].fp;
            break;
        default: fprintf(stderr, "interp: bad opcode at %d\n", (int)(pc - 1)); exit(1);
        }
    }
}

enum {
    L_FIB,
    L_FIB1,
    L_SIEVE,
    L_S1,
    L_S2,
    L_S3,
    L_S4,
    L_S5,
    L_COLL,
    L_C1,
    L_C2,
    L_C3,
    L_C4,
    L_C5,
    L_SORT,
    L_O1,
    L_O2,
    L_O3,
    L_O4,
    L_O5,
    L_MAIN_FIB,
    L_MAIN_SIEVE,
    L_MAIN_COLL,
    L_MAIN_SORT,
    L_FILL,
    L_F1,
    L_F2
};

static void assemble(struct asm_state *a)
{
    /* fib(n): n < 2 ? n : fib(n - 1) + fib(n - 2) */
    label(a, L_FIB);
    op1(a, OP_LOADL, 0);
    op1(a, OP_PUSH, 2);
    op0(a, OP_LT);
    jump(a, OP_JZ, L_FIB1);
    op1(a, OP_LOADL, 0);
    op0(a, OP_RET);
    label(a, L_FIB1);
    op1(a, OP_LOADL, 0);
    op1(a, OP_PUSH, 1);
    op0(a, OP_SUB);
    call(a, L_FIB, 1);
    op1(a, OP_LOADL, 0);
    op1(a, OP_PUSH, 2);
    op0(a, OP_SUB);
    call(a, L_FIB, 1);
    op0(a, OP_ADD);
    op0(a, OP_RET);

    /* sieve(n): marks mem[0..n) and returns the number of primes below n.
     * locals: 0 n, 1 i, 2 j, 3 count */
    label(a, L_SIEVE);
    op1(a, OP_ENTER, 3);
    op1(a, OP_PUSH, 0);
    op1(a, OP_STOREL, 1);
    label(a, L_S1); /* clear */
    op1(a, OP_LOADL, 1);
    op1(a, OP_PUSH, 1);
    op0(a, OP_STOREM);
    op2(a, OP_INCL, 1, 1);
    op1(a, OP_LOADL, 1);
    op1(a, OP_LOADL, 0);
    op0(a, OP_LT);
    jump(a, OP_JNZ, L_S1);
    op1(a, OP_PUSH, 2);
    op1(a, OP_STOREL, 1);
    label(a, L_S2); /* for i = 2; i < n; i++ */
    op1(a, OP_LOADL, 1);
    op0(a, OP_LOADM);
    jump(a, OP_JZ, L_S4);
    op2(a, OP_INCL, 3, 1);
    op1(a, OP_LOADL, 1);
    op1(a, OP_LOADL, 1);
    op0(a, OP_MUL);
    op1(a, OP_STOREL, 2);
    label(a, L_S3); /* for j = i * i; j < n; j += i */
    op1(a, OP_LOADL, 2);
    op1(a, OP_LOADL, 0);
    op0(a, OP_LT);
    jump(a, OP_JZ, L_S4);
    op1(a, OP_LOADL, 2);
    op1(a, OP_PUSH, 0);
    op0(a, OP_STOREM);
    op1(a, OP_LOADL, 2);
    op1(a, OP_LOADL, 1);
    op0(a, OP_ADD);
    op1(a, OP_STOREL, 2);
    jump(a, OP_JMP, L_S3);
    label(a, L_S4);
    op2(a, OP_INCL, 1, 1);
    op1(a, OP_LOADL, 1);
    op1(a, OP_LOADL, 0);
    op0(a, OP_LT);
    jump(a, OP_JNZ, L_S2);
    op1(a, OP_LOADL, 3);
    op0(a, OP_RET);

    /* collatz(n): sum over k = 1..n of the chain length of k.
     * locals: 0 n, 1 k, 2 x, 3 total */
    label(a, L_COLL);
    op1(a, OP_ENTER, 3);
    op1(a, OP_PUSH, 1);
    op1(a, OP_STOREL, 1);
    label(a, L_C1);
    op1(a, OP_LOADL, 1);
    op1(a, OP_STOREL, 2);
    label(a, L_C2);
    op1(a, OP_LOADL, 2);
    op1(a, OP_PUSH, 1);
    op0(a, OP_NE);
    jump(a, OP_JZ, L_C5);
    op2(a, OP_INCL, 3, 1);
    op1(a, OP_LOADL, 2);
    op1(a, OP_PUSH, 1);
    op0(a, OP_AND);
    jump(a, OP_JNZ, L_C3);
    op1(a, OP_LOADL, 2);
    op1(a, OP_PUSH, 1);
    op0(a, OP_SHR);
    op1(a, OP_STOREL, 2);
    jump(a, OP_JMP, L_C2);
    label(a, L_C3);
    op1(a, OP_LOADL, 2);
    op1(a, OP_PUSH, 3);
    op0(a, OP_MUL);
    op1(a, OP_PUSH, 1);
    op0(a, OP_ADD);
    op1(a, OP_STOREL, 2);
    jump(a, OP_JMP, L_C2);
    label(a, L_C5);
    op2(a, OP_INCL, 1, 1);
    op1(a, OP_LOADL, 1);
    op1(a, OP_LOADL, 0);
    op0(a, OP_LE);
    jump(a, OP_JNZ, L_C1);
    op1(a, OP_LOADL, 3);
    op0(a, OP_RET);

    /* fill(n, seed): mem[i] = LCG values for i < n; returns the last seed.
     * locals: 0 n, 1 seed, 2 i */
    label(a, L_FILL);
    op1(a, OP_ENTER, 1);
    label(a, L_F1);
    op1(a, OP_LOADL, 1);
    op1(a, OP_PUSH, 1103515245);
    op0(a, OP_MUL);
    op1(a, OP_PUSH, 12345);
    op0(a, OP_ADD);
    op0(a, OP_DUP);
    op1(a, OP_STOREL, 1);
    op1(a, OP_LOADL, 2);
    op0(a, OP_SWAP);
    op1(a, OP_PUSH, 8);
    op0(a, OP_SHR);
    op1(a, OP_PUSH, 65535);
    op0(a, OP_AND);
    op0(a, OP_STOREM);
    op2(a, OP_INCL, 2, 1);
    op1(a, OP_LOADL, 2);
    op1(a, OP_LOADL, 0);
    op0(a, OP_LT);
    jump(a, OP_JNZ, L_F1);
    label(a, L_F2);
    op1(a, OP_LOADL, 1);
    op0(a, OP_RET);

    /* isort(n): insertion sort of mem[0..n); returns a position-weighted sum.
     * locals: 0 n, 1 i, 2 j, 3 v */
    label(a, L_SORT);
    op1(a, OP_ENTER, 3);
    op1(a, OP_PUSH, 1);
    op1(a, OP_STOREL, 1);
    label(a, L_O1);
    op1(a, OP_LOADL, 1);
    op0(a, OP_LOADM);
    op1(a, OP_STOREL, 3);
    op1(a, OP_LOADL, 1);
    op1(a, OP_STOREL, 2);
    label(a, L_O2); /* while j > 0 && mem[j - 1] > v */
    op1(a, OP_LOADL, 2);
    jump(a, OP_JZ, L_O3);
    op1(a, OP_LOADL, 3);
    op1(a, OP_LOADL, 2);
    op1(a, OP_PUSH, 1);
    op0(a, OP_SUB);
    op0(a, OP_LOADM);
    op0(a, OP_LT);
    jump(a, OP_JZ, L_O3);
    op1(a, OP_LOADL, 2); /* mem[j] = mem[j - 1] */
    op1(a, OP_LOADL, 2);
    op1(a, OP_PUSH, 1);
    op0(a, OP_SUB);
    op0(a, OP_LOADM);
    op0(a, OP_STOREM);
    op2(a, OP_INCL, 2, -1);
    jump(a, OP_JMP, L_O2);
    label(a, L_O3);
    op1(a, OP_LOADL, 2);
    op1(a, OP_LOADL, 3);
    op0(a, OP_STOREM);
    op2(a, OP_INCL, 1, 1);
    op1(a, OP_LOADL, 1);
    op1(a, OP_LOADL, 0);
    op0(a, OP_LT);
    jump(a, OP_JNZ, L_O1);
    op1(a, OP_PUSH, 0);
    op1(a, OP_STOREL, 3);
    op1(a, OP_PUSH, 0);
    op1(a, OP_STOREL, 1);
    label(a, L_O4); /* sum = sum * 33 ^ mem[i] * (i + 1) */
    op1(a, OP_LOADL, 3);
    op1(a, OP_PUSH, 33);
    op0(a, OP_MUL);
    op1(a, OP_LOADL, 1);
    op0(a, OP_LOADM);
    op1(a, OP_LOADL, 1);
    op1(a, OP_PUSH, 1);
    op0(a, OP_ADD);
    op0(a, OP_MUL);
    op0(a, OP_XOR);
    op1(a, OP_STOREL, 3);
    op2(a, OP_INCL, 1, 1);
    op1(a, OP_LOADL, 1);
    op1(a, OP_LOADL, 0);
    op0(a, OP_LT);
    jump(a, OP_JNZ, L_O4);
    label(a, L_O5);
    op1(a, OP_LOADL, 3);
    op0(a, OP_RET);

    /* Entry points: push the arguments, call, halt with the result. */
    label(a, L_MAIN_FIB);
    op1(a, OP_PUSH, FIB_N);
    call(a, L_FIB, 1);
    op0(a, OP_HALT);
    label(a, L_MAIN_SIEVE);
    op1(a, OP_PUSH, 40000); /* i * i stays below 2^31 */
    call(a, L_SIEVE, 1);
    op0(a, OP_HALT);
    label(a, L_MAIN_COLL);
    op1(a, OP_PUSH, COLLATZ_N);
    call(a, L_COLL, 1);
    op0(a, OP_HALT);
    label(a, L_MAIN_SORT);
    op1(a, OP_PUSH, SORT_N);
    op1(a, OP_PUSH, 42);
    op1(a, OP_PUSH, 0);
    call(a, L_FILL, 3);
    op0(a, OP_POP);
    op1(a, OP_PUSH, SORT_N);
    call(a, L_SORT, 1);
    op0(a, OP_HALT);
    link(a);
}

int main(void)
{
    static struct asm_state as;
    static struct vm vm;
    uint32_t fib = 0, sieve = 0, coll = 0, sort = 0;

    assemble(&as);
    for (int rep = 0; rep < REPS; rep++) {
        fib += (uint32_t)run(&vm, as.code, as.label_at[L_MAIN_FIB]);
        for (int k = 0; k < 4; k++) sieve += (uint32_t)run(&vm, as.code, as.label_at[L_MAIN_SIEVE]);
        coll += (uint32_t)run(&vm, as.code, as.label_at[L_MAIN_COLL]);
        sort = sort * 31 + (uint32_t)run(&vm, as.code, as.label_at[L_MAIN_SORT]);
        for (int i = 1; i < SORT_N; i++) {
            if (vm.mem[i - 1] > vm.mem[i]) {
                fprintf(stderr, "interp: the guest sort left mem[%d] > mem[%d]\n", i - 1, i);
                return 1;
            }
        }
    }
    printf("fib      %u\n", (unsigned)fib);
    printf("sieve    %u\n", (unsigned)sieve);
    printf("collatz  %u\n", (unsigned)coll);
    printf("sort     %08x\n", (unsigned)sort);
    printf("bytecodes %llu\n", (unsigned long long)vm.executed);
    return 0;
}
