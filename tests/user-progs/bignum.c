/* Arbitrary-precision arithmetic with 32-bit limbs and 64-bit intermediate
 * products (on 32-bit PowerPC: mullw/mulhwu pairs, carries through adde):
 * 1000!, 3^5000, Fibonacci(10000), 1000 digits of pi by Machin's formula
 * and 500 of sqrt(2) by bisection, schoolbook multiplication against
 * Karatsuba, and conversion to decimal by repeated division. Results are
 * printed as digit counts, the first and last digits and digit sums. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXL 1400
typedef struct {
    int n; /* limbs used */
    uint32_t d[MAXL];
} big;

static void set_u32(big *a, uint32_t v)
{
    a->n = v ? 1 : 0;
    a->d[0] = v;
}

static void trim(big *a)
{
    while (a->n > 0 && a->d[a->n - 1] == 0) a->n--;
}

static void mul_small(big *a, uint32_t m)
{
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->d[i] * m + carry;
        a->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) a->d[a->n++] = (uint32_t)carry;
}

static uint32_t div_small(big *a, uint32_t m)
{
    uint64_t rem = 0;
    for (int i = a->n - 1; i >= 0; i--) {
        uint64_t cur = rem << 32 | a->d[i];
        a->d[i] = (uint32_t)(cur / m);
        rem = cur % m;
    }
    trim(a);
    return (uint32_t)rem;
}

static void add(big *r, const big *a, const big *b)
{
    int n = a->n > b->n ? a->n : b->n;
    uint64_t carry = 0;
    for (int i = 0; i < n; i++) {
        uint64_t t = carry + (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
        r->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    r->n = n;
    if (carry) r->d[r->n++] = (uint32_t)carry;
}

/* r = a - b, a >= b */
static void sub(big *r, const big *a, const big *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
        borrow = t < 0;
        r->d[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
    }
    r->n = a->n;
    trim(r);
}

static int cmp(const big *a, const big *b)
{
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static void mul(big *r, const big *a, const big *b)
{
    static uint32_t t[2 * MAXL];
    memset(t, 0, sizeof(uint32_t) * (size_t)(a->n + b->n + 1));
    for (int i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < b->n; j++) {
            uint64_t x = (uint64_t)a->d[i] * b->d[j] + t[i + j] + carry;
            t[i + j] = (uint32_t)x;
            carry = x >> 32;
        }
        t[i + b->n] = (uint32_t)carry;
    }
    r->n = a->n + b->n;
    memcpy(r->d, t, sizeof(uint32_t) * (size_t)r->n);
    trim(r);
}

/* Karatsuba on plain limb arrays (little-endian), n a power of two. */
static void kmul(uint32_t *r, const uint32_t *a, const uint32_t *b, int n)
{
    if (n <= 8) {
        memset(r, 0, sizeof(uint32_t) * (size_t)(2 * n));
        for (int i = 0; i < n; i++) {
            uint64_t carry = 0;
            for (int j = 0; j < n; j++) {
                uint64_t x = (uint64_t)a[i] * b[j] + r[i + j] + carry;
                r[i + j] = (uint32_t)x;
                carry = x >> 32;
            }
            r[i + n] = (uint32_t)carry;
        }
        return;
    }
    int h = n / 2;
    uint32_t *z0 = calloc((size_t)(2 * n), sizeof(uint32_t));
    uint32_t *z2 = calloc((size_t)(2 * n), sizeof(uint32_t));
    uint32_t *sa = calloc((size_t)(h + 1), sizeof(uint32_t));
    uint32_t *sb = calloc((size_t)(h + 1), sizeof(uint32_t));
    uint32_t *z1 = calloc((size_t)(2 * n + 4), sizeof(uint32_t));
    kmul(z0, a, b, h);
    kmul(z2, a + h, b + h, h);
    uint64_t ca = 0, cb = 0;
    for (int i = 0; i < h; i++) {
        ca += (uint64_t)a[i] + a[i + h];
        sa[i] = (uint32_t)ca;
        ca >>= 32;
        cb += (uint64_t)b[i] + b[i + h];
        sb[i] = (uint32_t)cb;
        cb >>= 32;
    }
    /* (sa + ca*B^h)(sb + cb*B^h) with the carries handled separately. */
    kmul(z1, sa, sb, h);
    uint64_t c = 0;
    if (ca)
        for (int i = 0; i < h; i++) {
            c += (uint64_t)z1[i + h] + sb[i];
            z1[i + h] = (uint32_t)c;
            c >>= 32;
        }
    for (int i = 2 * h; c; i++) {
        c += z1[i];
        z1[i] = (uint32_t)c;
        c >>= 32;
    }
    c = 0;
    if (cb)
        for (int i = 0; i < h; i++) {
            c += (uint64_t)z1[i + h] + sa[i];
            z1[i + h] = (uint32_t)c;
            c >>= 32;
        }
    for (int i = 2 * h; c; i++) {
        c += z1[i];
        z1[i] = (uint32_t)c;
        c >>= 32;
    }
    if (ca && cb) z1[2 * h] += 1;
    /* z1 -= z0 + z2 */
    int64_t borrow = 0;
    for (int i = 0; i < 2 * n + 4; i++) {
        int64_t t = (int64_t)z1[i] - (i < 2 * n ? z0[i] : 0) - (i < 2 * n ? z2[i] : 0) - borrow;
        borrow = 0;
        while (t < 0) {
            t += (int64_t)1 << 32;
            borrow++;
        }
        z1[i] = (uint32_t)t;
    }
    memset(r, 0, sizeof(uint32_t) * (size_t)(2 * n));
    uint64_t carry = 0;
    for (int i = 0; i < 2 * n; i++) {
        carry += (uint64_t)r[i] + z0[i];
        if (i >= h && i - h < 2 * n + 4) carry += z1[i - h];
        if (i >= n) carry += z2[i - n];
        r[i] = (uint32_t)carry;
        carry >>= 32;
    }
    free(z0);
    free(z2);
    free(sa);
    free(sb);
    free(z1);
}

static char *to_decimal(const big *a)
{
    static big t;
    t = *a;
    char *s = malloc((size_t)a->n * 10 + 2);
    int len = 0;
    if (t.n == 0) s[len++] = '0';
    while (t.n > 0) {
        uint32_t r = div_small(&t, 1000000000u);
        for (int k = 0; k < 9; k++) {
            s[len++] = (char)('0' + r % 10);
            r /= 10;
            if (t.n == 0 && r == 0) break;
        }
    }
    while (len > 1 && s[len - 1] == '0') len--;
    for (int i = 0; i < len / 2; i++) {
        char c = s[i];
        s[i] = s[len - 1 - i];
        s[len - 1 - i] = c;
    }
    s[len] = 0;
    return s;
}

static void report(const char *what, const big *a)
{
    char *s = to_decimal(a);
    size_t len = strlen(s);
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++) sum += (unsigned)(s[i] - '0');
    printf("%-14s %5zu digits, digit sum %6u: %.30s...%s\n", what, len, sum, s,
           len > 30 ? s + len - 30 : "");
    free(s);
}

/* Fixed point with 'scale' limbs after the point: arctan(1/x). */
static void arctan_inv(big *r, uint32_t x, int scale)
{
    static big term, tmp;
    set_u32(&term, 1);
    memmove(term.d + scale, term.d, sizeof(uint32_t));
    memset(term.d, 0, sizeof(uint32_t) * (size_t)scale);
    term.n = scale + 1;
    div_small(&term, x); /* 1/x */
    *r = term;
    uint64_t x2 = (uint64_t)x * x;
    for (uint32_t k = 1; term.n > 0; k++) {
        if (x2 < 0x100000000ULL) {
            div_small(&term, (uint32_t)x2);
        } else {
            div_small(&term, x);
            div_small(&term, x);
        }
        tmp = term;
        div_small(&tmp, 2 * k + 1);
        if (k & 1)
            sub(r, r, &tmp);
        else
            add(r, r, &tmp);
    }
}

int main(void)
{
    static big a, b, c;
    set_u32(&a, 1);
    for (uint32_t i = 2; i <= 1000; i++) mul_small(&a, i);
    report("1000!", &a);
    set_u32(&b, 1);
    for (int i = 0; i < 5000; i++) mul_small(&b, 3);
    report("3^5000", &b);
    /* 1000! / 3^k for the largest k: divide while divisible. */
    static big q;
    q = a;
    unsigned k = 0;
    for (;;) {
        big t = q;
        if (div_small(&t, 3) != 0) break;
        q = t;
        k++;
    }
    printf("3 divides 1000! exactly %u times\n", k);

    static big f0, f1, f2;
    set_u32(&f0, 0);
    set_u32(&f1, 1);
    for (int i = 2; i <= 10000; i++) {
        add(&f2, &f0, &f1);
        f0 = f1;
        f1 = f2;
    }
    report("fib(10000)", &f1);

    /* pi = 16 atan(1/5) - 4 atan(1/239), 1000 decimal digits (~106 limbs). */
    int scale = 110;
    static big t1, t2, pi;
    arctan_inv(&t1, 5, scale);
    mul_small(&t1, 16);
    arctan_inv(&t2, 239, scale);
    mul_small(&t2, 4);
    sub(&pi, &t1, &t2);
    /* Multiply the fraction by 10^1000 and drop the fixed point. */
    for (int i = 0; i < 1000 / 9; i++) mul_small(&pi, 1000000000u);
    mul_small(&pi, 10);
    memmove(pi.d, pi.d + scale, sizeof(uint32_t) * (size_t)(pi.n - scale));
    pi.n -= scale;
    report("pi*10^1000", &pi);

    /* floor(sqrt(2 * 10^1000)) by bisection: each step squares the
     * midpoint with the schoolbook multiplication. */
    static big n2, lo, hi, mid, sq;
    set_u32(&n2, 2);
    for (int i = 0; i < 100; i++) {
        mul_small(&n2, 1000000000u);
        mul_small(&n2, 10);
    }
    set_u32(&lo, 1);
    hi = n2;
    int iters = 0;
    while (1) {
        add(&mid, &lo, &hi);
        div_small(&mid, 2);
        if (cmp(&mid, &lo) == 0) break;
        mul(&sq, &mid, &mid);
        if (cmp(&sq, &n2) <= 0)
            lo = mid;
        else
            hi = mid;
        iters++;
    }
    report("sqrt(2)*10^500", &lo);
    printf("bisection steps %d\n", iters);

    /* Schoolbook against Karatsuba on 256-limb numbers. */
    static uint32_t ka[256], kb[256], kr[512];
    uint32_t s = 1;
    for (int i = 0; i < 256; i++) {
        s = s * 1664525u + 1013904223u;
        ka[i] = s;
        s = s * 1664525u + 1013904223u;
        kb[i] = s | (i == 255 ? 0x80000000u : 0);
    }
    ka[255] |= 0x80000000u;
    kmul(kr, ka, kb, 256);
    a.n = 256;
    memcpy(a.d, ka, sizeof ka);
    b.n = 256;
    memcpy(b.d, kb, sizeof kb);
    mul(&c, &a, &b);
    int same = c.n == 512 && memcmp(c.d, kr, sizeof kr) == 0;
    uint32_t h = 0;
    for (int i = 0; i < 512; i++) h = h * 31 + kr[i];
    printf("karatsuba == schoolbook: %s, product hash %08" PRIx32 "\n", same ? "yes" : "NO", h);
    report("product", &c);
    return 0;
}
