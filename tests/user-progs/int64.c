/* 64-bit integer arithmetic: add, subtract, multiply (full 64x64 products
 * built from 32-bit halves and compared with the compiler's own), signed and
 * unsigned division and remainder by powers of two, by small and large
 * constants and by run-time values, including negative operands. On 32-bit
 * PowerPC every one of these is a multi-instruction sequence or a libgcc call
 * (__divdi3, __udivdi3, __moddi3, __umoddi3), so carries and borrows between
 * the halves are exercised heavily. INT64_MIN / -1 is undefined and avoided. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t next_u64(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

/* 64x64 -> 128 product from 32-bit pieces. */
static void mul_full(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    *lo = (mid << 32) | (uint32_t)ll;
    *hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/* Schoolbook shift-subtract division, the reference for the compiler's. */
static uint64_t udiv_ref(uint64_t n, uint64_t d, uint64_t *rem)
{
    uint64_t q = 0, r = 0;
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= (uint64_t)1 << i;
        }
    }
    *rem = r;
    return q;
}

static volatile int64_t vneg[] = {
    -1, -2, -3, -7, -8, -9, -1000000007LL, -4294967296LL, -4294967297LL, INT64_MIN + 1, INT64_MIN};

static void edge_values(void)
{
    static const int64_t vals[] = {0,
                                   1,
                                   -1,
                                   2,
                                   -2,
                                   3,
                                   -3,
                                   7,
                                   -7,
                                   0x7fffffff,
                                   -0x7fffffffLL - 1,
                                   0x80000000LL,
                                   0xffffffffLL,
                                   0x100000000LL,
                                   -0x100000000LL,
                                   0x123456789abcdefLL,
                                   -0x123456789abcdefLL,
                                   INT64_MAX,
                                   INT64_MIN,
                                   INT64_MIN + 1,
                                   INT64_MAX - 1};
    const int n = sizeof vals / sizeof vals[0];
    uint64_t h = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            volatile int64_t a = vals[i], b = vals[j];
            uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
            h = mix(h, ua + ub);
            h = mix(h, ua - ub);
            h = mix(h, ua * ub);
            if (b != 0) {
                h = mix(h, ua / ub);
                h = mix(h, ua % ub);
                if (!(a == INT64_MIN && b == -1)) {
                    h = mix(h, (uint64_t)(a / b));
                    h = mix(h, (uint64_t)(a % b));
                }
            }
            h = mix(h, (uint64_t)(a < b) | (uint64_t)(ua < ub) << 1 | (uint64_t)(a == b) << 2);
        }
    }
    printf("edge table checksum %016" PRIx64 "\n", h);
    /* A few printed outright. */
    printf("INT64_MIN / 2 = %" PRId64 ", %% 2 = %" PRId64 "\n", vals[18] / 2, vals[18] % 2);
    printf("INT64_MIN / 3 = %" PRId64 ", %% 3 = %" PRId64 "\n", vals[18] / 3, vals[18] % 3);
    printf("INT64_MAX / -7 = %" PRId64 ", %% -7 = %" PRId64 "\n", vals[17] / -7, vals[17] % -7);
    for (unsigned i = 0; i < sizeof vneg / sizeof vneg[0]; i++) {
        int64_t v = vneg[i];
        printf("%" PRId64 ": /2 %" PRId64 " %%2 %" PRId64 " /8 %" PRId64 " %%8 %" PRId64
               " /4096 %" PRId64 " %%4096 %" PRId64 " >>3 %" PRId64 " /10 %" PRId64 " %%10 %" PRId64
               " /-10 %" PRId64 " %%-10 %" PRId64 "\n",
               v, v / 2, v % 2, v / 8, v % 8, v / 4096, v % 4096, v >> 3, v / 10, v % 10, v / -10,
               v % -10);
    }
}

static void random_products(void)
{
    uint64_t h = 0, bad = 0;
    for (int i = 0; i < 200000; i++) {
        uint64_t a = next_u64(), b = next_u64();
        if (i & 1) b >>= (i >> 1) & 63;
        uint64_t hi, lo;
        mul_full(a, b, &hi, &lo);
        if (lo != a * b) bad++;
        h = mix(h, hi);
        h = mix(h, lo);
        int64_t sa = (int64_t)a >> (i & 31), sb = (int64_t)b;
        h = mix(h, (uint64_t)sa + (uint64_t)sb); /* wraps: unsigned */
        h = mix(h, (uint64_t)sa - (uint64_t)sb);
        h = mix(h, (uint64_t)(sa / 2 + sb / 2));
    }
    printf("products checksum %016" PRIx64 " mismatches %" PRIu64 "\n", h, bad);
}

static void widening_products(void)
{
    /* 32x32->64 products: mullw with mulhw (signed) or mulhwu (unsigned). */
    static const uint32_t edges[] = {0,          1,          2,          3,          0x7fffffff,
                                     0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x10000,
                                     0xffff,     0x12345678, 0x9abcdef0, 0x55555555, 0xaaaaaaab};
    const int n = sizeof edges / sizeof edges[0];
    uint64_t h = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            volatile uint32_t ua = edges[i], ub = edges[j];
            volatile int32_t sa = (int32_t)edges[i], sb = (int32_t)edges[j];
            int64_t sp = (int64_t)sa * sb;
            uint64_t up = (uint64_t)ua * ub;
            int64_t mp = (int64_t)sa * (int64_t)(uint64_t)ub; /* signed by unsigned */
            h = mix(h, (uint64_t)sp);
            h = mix(h, up);
            h = mix(h, (uint64_t)mp);
            if (i == j || j == 5 || i == 5)
                printf("%08" PRIx32 " * %08" PRIx32 ": signed %" PRId64 " unsigned %" PRIu64 "\n",
                       ua, ub, sp, up);
        }
    }
    for (int i = 0; i < 100000; i++) {
        uint64_t r = next_u64();
        volatile int32_t a = (int32_t)(uint32_t)r, b = (int32_t)(uint32_t)(r >> 32);
        h = mix(h, (uint64_t)((int64_t)a * b));
        h = mix(h, (uint64_t)(uint32_t)a * (uint32_t)b);
    }
    printf("widening products checksum %016" PRIx64 "\n", h);
}

static void random_divisions(void)
{
    uint64_t h = 0, bad = 0;
    for (int i = 0; i < 30000; i++) {
        uint64_t n = next_u64(), d = next_u64();
        /* Divisors of every width from 1 to 64 bits. */
        d >>= i % 64;
        if (d == 0) d = 1 + (uint64_t)i;
        if (i % 5 == 0) n >>= (i / 5) % 64;
        uint64_t rr, qr = udiv_ref(n, d, &rr);
        uint64_t q = n / d, r = n % d;
        if (q != qr || r != rr) bad++;
        h = mix(h, q);
        h = mix(h, r);
        int64_t sn = (int64_t)n, sd = (int64_t)d;
        if (i & 1) sd = -sd;
        if (!(sn == INT64_MIN && sd == -1)) {
            int64_t sq = sn / sd, sr = sn % sd;
            /* C99: truncation towards zero, a == (a/b)*b + a%b. */
            if (sq * sd + sr != sn) bad++;
            if (sr != 0 && ((sr < 0) != (sn < 0))) bad++;
            h = mix(h, (uint64_t)sq);
            h = mix(h, (uint64_t)sr);
        }
    }
    printf("divisions checksum %016" PRIx64 " mismatches %" PRIu64 "\n", h, bad);
}

static void constant_divisions(void)
{
    /* The compiler turns these into multiply-high sequences or shifts. */
    uint64_t h = 0;
    for (int i = 0; i < 20000; i++) {
        uint64_t u = next_u64();
        int64_t s = (int64_t)next_u64();
        if (i & 2) s >>= 17;
        h = mix(h, u / 3);
        h = mix(h, u % 3);
        h = mix(h, u / 10);
        h = mix(h, u % 10);
        h = mix(h, u / 1000000007);
        h = mix(h, u / 0x100000000ULL);
        h = mix(h, u % 0x100000000ULL);
        h = mix(h, u / 16);
        h = mix(h, u % 16);
        h = mix(h, (uint64_t)(s / 3));
        h = mix(h, (uint64_t)(s % 3));
        h = mix(h, (uint64_t)(s / 16));
        h = mix(h, (uint64_t)(s % 16));
        h = mix(h, (uint64_t)(s / -16));
        h = mix(h, (uint64_t)(s % -16));
        h = mix(h, (uint64_t)(s / 1000));
        h = mix(h, (uint64_t)(s % 1000));
        h = mix(h, (uint64_t)(s / 0x40000000LL));
        h = mix(h, (uint64_t)(s % 0x40000000LL));
        h = mix(h, (uint64_t)(s >> 7));
        h = mix(h, (uint64_t)s << 9);
    }
    printf("constant divisions checksum %016" PRIx64 "\n", h);
}

static void factorials(void)
{
    uint64_t f = 1;
    for (unsigned i = 1; i <= 20; i++) {
        f *= i;
        printf("%u! = %" PRIu64 " (0x%" PRIx64 ", %" PRId64 " negated)\n", i, f, f, -(int64_t)f);
    }
    /* Wrapping unsigned arithmetic is defined. */
    for (unsigned i = 21; i <= 25; i++) {
        f *= i;
        printf("%u! mod 2^64 = %" PRIu64 "\n", i, f);
    }
}

int main(void)
{
    edge_values();
    random_products();
    widening_products();
    random_divisions();
    constant_divisions();
    factorials();
    return 0;
}
