/* setjmp/longjmp: a jump out of deep recursion, the value passed through
 * (longjmp(env, 0) arrives as 1), volatile locals keeping values changed
 * after setjmp, nested jump buffers, jumping from a qsort comparator back
 * through the C library, callee-saved integer and floating-point registers
 * surviving (the compiler keeps values in r14-r31 and f14-f31 across
 * calls), and sigsetjmp/siglongjmp without a signal involved (signals.c
 * leaves a signal handler with siglongjmp). */
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf top;
static int depth_reached;

static int __attribute__((noinline)) dive(int depth, int limit)
{
    volatile char pad[64];
    pad[depth % 64] = (char)depth;
    depth_reached = depth;
    if (depth == limit) longjmp(top, depth);
    if (depth > limit) return 0;
    return dive(depth + 1, limit) + pad[depth % 64];
}

static jmp_buf cmp_env;
static int comparisons;
static int cmp_abort(const void *a, const void *b)
{
    if (++comparisons == 50) longjmp(cmp_env, 7);
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static double __attribute__((noinline)) clobber(double x)
{
    /* Uses many registers, so that wrong save/restore would show. */
    double a = x * 1.5, b = a + 2, c = b * a, d = c - 1, e = d / 3, f = e + a, g = f * f;
    uint64_t i = (uint64_t)(int64_t)x, j = i * 3, k = j ^ 0x5555, l = k + i, m = l * l, n = m - k;
    return a + b + c + d + e + f + g + (double)(i + j + k + l + m + n);
}

static jmp_buf reg_env;
static void __attribute__((noinline)) jump_back(double x)
{
    if (clobber(x) > 0) longjmp(reg_env, 1);
}

static int registers(void)
{
    /* Non-volatile locals are indeterminate after longjmp only if modified
     * between setjmp and longjmp; these are not, so they must survive. */
    double f1 = 1.25, f2 = -2.5, f3 = 1e100, f4 = 3.0e-5;
    int64_t i1 = 0x123456789abcdefLL, i2 = -77;
    uint32_t u1 = 0xdeadbeefu, u2 = 42;
    if (setjmp(reg_env) == 0) {
        jump_back(f1 + f2 + (double)i1);
        return -1;
    }
    printf("registers after longjmp: %g %g %g %g %" PRId64 " %" PRId64 " %08" PRIx32 " %" PRIu32
           "\n",
           f1, f2, f3, f4, i1, i2, u1, u2);
    return 0;
}

int main(void)
{
    /* 1. Out of deep recursion. */
    for (volatile int limit = 1; limit <= 10000; limit *= 10) {
        int r = setjmp(top);
        if (r == 0) {
            dive(0, limit);
            printf("not reached\n");
        } else {
            printf("longjmp from depth %d returned %d\n", depth_reached, r);
        }
    }

    /* 2. longjmp(env, 0) returns 1; volatile locals keep later values. */
    volatile int counter = 0;
    volatile double acc = 0.5;
    jmp_buf env;
    int r = setjmp(env);
    counter++;
    acc *= 3;
    if (counter < 5) longjmp(env, counter == 3 ? 0 : counter * 10);
    printf("after loop: last setjmp value %d counter %d acc %g\n", r, counter, acc);

    /* 3. Nested buffers: an inner jump does not disturb the outer one. */
    jmp_buf outer, inner;
    volatile int trail = 0;
    if ((r = setjmp(outer)) == 0) {
        trail = trail * 10 + 1;
        if ((r = setjmp(inner)) == 0) {
            trail = trail * 10 + 2;
            longjmp(inner, 5);
        }
        trail = trail * 10 + r;
        longjmp(outer, 9);
    }
    printf("nested: trail %d, outer returned %d\n", trail, r);

    /* 4. Out of a qsort comparator. */
    int data[400];
    for (int i = 0; i < 400; i++) data[i] = (i * 7919) % 400;
    if ((r = setjmp(cmp_env)) == 0) {
        qsort(data, 400, sizeof data[0], cmp_abort);
        printf("qsort finished?\n");
    } else {
        printf("left qsort after %d comparisons with %d\n", comparisons, r);
    }
    comparisons = -1000000;
    qsort(data, 400, sizeof data[0], cmp_abort);
    printf("second qsort sorted: %d %d %d\n", data[0], data[199], data[399]);

    /* 5. Callee-saved registers. */
    registers();

    /* 6. sigsetjmp/siglongjmp restore the signal mask only when asked to
     * save it (no signal is delivered here: only the mask changes). */
    for (volatile int save = 0; save <= 1; save++) {
        sigjmp_buf senv;
        sigset_t set, cur;
        sigemptyset(&set);
        sigaddset(&set, SIGUSR2);
        sigprocmask(SIG_SETMASK, &set, NULL); /* USR2 blocked at sigsetjmp */
        if (sigsetjmp(senv, save) == 0) {
            sigemptyset(&set);
            sigaddset(&set, SIGHUP);
            sigprocmask(SIG_SETMASK, &set, NULL); /* now HUP instead */
            siglongjmp(senv, 1);
        }
        sigprocmask(SIG_BLOCK, NULL, &cur);
        printf("siglongjmp with savemask=%d: USR2 blocked %d, HUP blocked %d\n", save,
               sigismember(&cur, SIGUSR2), sigismember(&cur, SIGHUP));
        sigemptyset(&set);
        sigprocmask(SIG_SETMASK, &set, NULL);
    }

    return 0;
}
