/* Deep and branching recursion: a 50,000-deep non-tail recursion carrying a
 * stack buffer in every frame, Ackermann's function (A(3, 7): 693,964
 * calls, 1,000 deep), naive Fibonacci, the Tower of Hanoi, N-queens, all
 * permutations, a recursive-descent expression evaluator, recursive flood
 * fill and mutual recursion through function pointers. Exercises the stack
 * (the runner must give the usual 8 MB), the link register and the
 * callee-saved registers. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t __attribute__((noinline)) deep(uint32_t n, uint64_t seed)
{
    volatile uint8_t frame[24];
    for (int i = 0; i < 24; i++) frame[i] = (uint8_t)(seed >> (i % 8 * 8)) ^ (uint8_t)n;
    if (n == 0) return seed;
    uint64_t below = deep(n - 1, seed * 6364136223846793005ULL + 1442695040888963407ULL);
    uint64_t mine = 0;
    for (int i = 0; i < 24; i++) mine = mine * 131 + frame[i];
    return below ^ (mine + n);
}

static uint64_t calls;
static uint32_t ackermann(uint32_t m, uint32_t n)
{
    calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static uint32_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static uint32_t hanoi_hash;
static uint32_t hanoi(int n, int from, int to, int via)
{
    if (n == 0) return 0;
    uint32_t moves = hanoi(n - 1, from, via, to);
    hanoi_hash = hanoi_hash * 31 + (uint32_t)(n * 9 + from * 3 + to);
    return moves + 1 + hanoi(n - 1, via, to, from);
}

static int queens(int row, int n, uint32_t cols, uint32_t d1, uint32_t d2)
{
    if (row == n) return 1;
    int count = 0;
    for (int c = 0; c < n; c++) {
        uint32_t a = 1u << c, b = 1u << (row + c), d = 1u << (row - c + n);
        if ((cols & a) || (d1 & b) || (d2 & d)) continue;
        count += queens(row + 1, n, cols | a, d1 | b, d2 | d);
    }
    return count;
}

static uint32_t perm_hash, perm_count;
static void permute(char *s, int k, int n)
{
    if (k == n) {
        perm_count++;
        for (int i = 0; i < n; i++) perm_hash = perm_hash * 7 + (uint32_t)(s[i] - 'a');
        return;
    }
    for (int i = k; i < n; i++) {
        char t = s[k];
        s[k] = s[i];
        s[i] = t;
        permute(s, k + 1, n);
        t = s[k];
        s[k] = s[i];
        s[i] = t;
    }
}

/* expr := term (('+'|'-') term)*; term := factor (('*'|'/'|'%') factor)*;
 * factor := '-' factor | '(' expr ')' | number */
static const char *pos;
static int64_t expr(void);
static int64_t factor(void)
{
    while (*pos == ' ') pos++;
    if (*pos == '-') {
        pos++;
        return -factor();
    }
    if (*pos == '(') {
        pos++;
        int64_t v = expr();
        while (*pos == ' ') pos++;
        if (*pos == ')') pos++;
        return v;
    }
    int64_t v = 0;
    while (*pos >= '0' && *pos <= '9') v = v * 10 + (*pos++ - '0');
    return v;
}
static int64_t term(void)
{
    int64_t v = factor();
    for (;;) {
        while (*pos == ' ') pos++;
        char op = *pos;
        if (op != '*' && op != '/' && op != '%') return v;
        pos++;
        int64_t r = factor();
        if (op == '*')
            v *= r;
        else if (r != 0)
            v = op == '/' ? v / r : v % r;
    }
}
static int64_t expr(void)
{
    int64_t v = term();
    for (;;) {
        while (*pos == ' ') pos++;
        char op = *pos;
        if (op != '+' && op != '-') return v;
        pos++;
        int64_t r = term();
        v = op == '+' ? v + r : v - r;
    }
}

#define W 64
#define H 40
static char grid[H][W + 1];
static int fill(int y, int x)
{
    if (y < 0 || y >= H || x < 0 || x >= W || grid[y][x] != '.') return 0;
    grid[y][x] = 'o';
    return 1 + fill(y + 1, x) + fill(y - 1, x) + fill(y, x + 1) + fill(y, x - 1);
}

static int is_odd(uint32_t n);
static int is_even(uint32_t n)
{
    return n == 0 ? 1 : is_odd(n - 1);
}
static int is_odd(uint32_t n)
{
    return n == 0 ? 0 : is_even(n - 1);
}
static int (*const parity[2])(uint32_t) = {is_even, is_odd};

static uint64_t tree_sum(int depth, uint64_t v, uint64_t (*combine)(uint64_t, uint64_t))
{
    if (depth == 0) return v;
    return combine(tree_sum(depth - 1, v * 2, combine), tree_sum(depth - 1, v * 2 + 1, combine));
}
static uint64_t add(uint64_t a, uint64_t b)
{
    return a + b;
}
static uint64_t mixer(uint64_t a, uint64_t b)
{
    return (a * 31) ^ b;
}

int main(void)
{
    printf("deep(50000) = %016" PRIx64 "\n", deep(50000, 1));
    for (uint32_t m = 0; m <= 3; m++) {
        for (uint32_t n = 0; n <= 7; n++) {
            if (m < 3 && n % 2) continue;
            calls = 0;
            uint32_t a = ackermann(m, n);
            printf("A(%" PRIu32 ",%" PRIu32 ")=%" PRIu32 " (%" PRIu64 " calls) ", m, n, a, calls);
        }
        printf("\n");
    }
    printf("fib(27) = %" PRIu32 "\n", fib(27));
    uint32_t moves = hanoi(16, 0, 2, 1);
    printf("hanoi(16): %" PRIu32 " moves, hash %08" PRIx32 "\n", moves, hanoi_hash);
    for (int n = 1; n <= 9; n++) printf("queens(%d)=%d ", n, queens(0, n, 0, 0, 0));
    printf("\n");
    char letters[] = "abcdefgh";
    permute(letters, 0, 8);
    printf("permutations of 8: %" PRIu32 " hash %08" PRIx32 "\n", perm_count, perm_hash);
    static const char *exprs[] = {"1 + 2 * 3",
                                  "(1 + 2) * 3",
                                  "-(4 - 10) * -(3 + -2) % 5",
                                  "100 / 7 / 2 - 100 % 7",
                                  "((((((((((1+1)*2)*2)*2)*2)*2)*2)*2)*2)*2)",
                                  "123456789 * 987654321 - 5 * (6 - (7 * (8 - 9)))",
                                  "-7 / 2 + -7 % 2 * 1000"};
    for (unsigned i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
        pos = exprs[i];
        printf("%s = %" PRId64 "\n", exprs[i], expr());
    }
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++)
            grid[y][x] =
                ((x * 7 + y * 13) % 17 == 0 || (x == 31 && y != 20) || y == 33) ? '#' : '.';
        grid[y][W] = 0;
    }
    int f1 = fill(5, 5);
    int f2 = fill(36, 50);
    int f3 = fill(5, 5);
    printf("flood fill from (5,5): %d cells, from (36,50): %d cells, again %d\n", f1, f2, f3);
    printf("%s\n%s\n", grid[19], grid[36]);
    printf("parity: 10001 is %s, 7776 is %s\n", parity[1](10001) ? "odd" : "even",
           parity[0](7776) ? "even" : "odd");
    printf("tree sums: %" PRIu64 " %016" PRIx64 "\n", tree_sum(16, 1, add), tree_sum(16, 1, mixer));
    return 0;
}
