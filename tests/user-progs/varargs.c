/* Variable arguments. The 32-bit PowerPC SysV ABI passes the first eight
 * integer words in r3-r10 and eight doubles in f1-f8, pairs 64-bit integers
 * in aligned register pairs and spills the rest to an overflow area, and its
 * va_list is a structure of counters and two pointers, so va_arg has to
 * walk registers then memory. Covered: mixed int, long long, double, char *
 * and pointer arguments at every count from 0 to 20, long long after an odd
 * number of ints (register-pair alignment), va_copy, passing a va_list down
 * to vsnprintf, float and char promotions, and structures passed through
 * va_arg. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Format letters: i int, l long long, d double, s string, u unsigned. */
static uint64_t __attribute__((noinline)) walk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    uint64_t h = 0;
    for (const char *p = fmt; *p; p++) {
        uint64_t v = 0;
        switch (*p) {
        case 'i': v = (uint64_t)(int64_t)va_arg(ap, int); break;
        case 'u': v = va_arg(ap, unsigned); break;
        case 'l': v = (uint64_t)va_arg(ap, long long); break;
        case 'd': {
            double d = va_arg(ap, double);
            memcpy(&v, &d, sizeof v);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            while (*s) v = v * 31 + (unsigned char)*s++;
            break;
        }
        }
        h = (h ^ v) * 1000003;
        h ^= h >> 29;
    }
    va_end(ap);
    return h;
}

static double sum_doubles(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++) s = s * 10 + va_arg(ap, double);
    va_end(ap);
    return s;
}

static long long sum_ll(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    long long s = 0;
    for (int i = 0; i < n; i++) s = s * 3 + va_arg(ap, long long);
    va_end(ap);
    return s;
}

static uint32_t sum_ints(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    uint32_t s = 0; /* unsigned: wraps instead of overflowing */
    for (int i = 0; i < n; i++) s = s * 7 + (uint32_t)va_arg(ap, int);
    va_end(ap);
    return s;
}

/* va_copy: walk the arguments twice. */
static void twice(int n, ...)
{
    va_list ap, cp;
    va_start(ap, n);
    va_copy(cp, ap);
    long long a = 0, b = 0;
    for (int i = 0; i < n; i++) a += (long long)va_arg(ap, int) * (i + 1);
    for (int i = 0; i < n; i++) b -= (long long)va_arg(cp, int) * (i + 1);
    va_end(cp);
    va_end(ap);
    printf("va_copy: %lld %lld\n", a, b);
}

/* Pass a va_list down. */
static int __attribute__((format(printf, 2, 3))) fmt_into(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, 200, fmt, ap);
    va_end(ap);
    return n;
}

/* Consume part of a va_list in a helper, then continue (C allows passing a
 * pointer to a va_list). */
static int take_two(va_list *ap)
{
    int a = va_arg(*ap, int);
    int b = va_arg(*ap, int);
    return a * 100 + b;
}
static void partial(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int first = take_two(&ap);
    double d = va_arg(ap, double);
    int second = take_two(&ap);
    long long l = va_arg(ap, long long);
    va_end(ap);
    printf("partial: %d %g %d %lld\n", first, d, second, l);
}

struct pair {
    int32_t a;
    double b;
    char c[5];
};
static void structs(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        struct pair p = va_arg(ap, struct pair);
        printf("struct %d: %" PRId32 " %g %s\n", i, p.a, p.b, p.c);
    }
    va_end(ap);
}

int main(void)
{
    printf("0: %016" PRIx64 "\n", walk(""));
    printf("1: %016" PRIx64 "\n", walk("i", -5));
    printf("2: %016" PRIx64 "\n", walk("il", 1, 0x123456789abcdefLL));
    printf("3: %016" PRIx64 "\n", walk("ili", 1, -2LL, 3));
    printf("4: %016" PRIx64 "\n", walk("iilld", 1, 2, 3LL, 4LL, 5.5));
    printf("5: %016" PRIx64 "\n",
           walk("dddddddddd", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    printf("6: %016" PRIx64 "\n", walk("iiiiiiiil", 1, 2, 3, 4, 5, 6, 7, 8, -9LL));
    printf("7: %016" PRIx64 "\n", walk("iiiiiiil", 1, 2, 3, 4, 5, 6, 7, -8LL));
    printf("8: %016" PRIx64 "\n", walk("iiiiiilil", 1, 2, 3, 4, 5, 6, 7LL, 8, 9LL));
    printf("9: %016" PRIx64 "\n", walk("sidslduiidsldsi", "alpha", 1, 2.5, "beta", 3LL, -4.25, 5u,
                                       6, 7, 8.125, "gamma", 9LL, 10.0, "delta", 11));
    printf("10: %016" PRIx64 "\n",
           walk("ddddddddddiiiiiiiiiilll", 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 1, 2,
                3, 4, 5, 6, 7, 8, 9, 10, 11LL, 12LL, 13LL));
    printf("doubles: %.17g %.17g\n", sum_doubles(3, 1.0, 2.0, 3.0),
           sum_doubles(12, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 1.5, 0.25, 0.125));
    printf("long longs: %lld %lld\n", sum_ll(2, 1LL, -1LL),
           sum_ll(9, 1LL, 2LL, 3LL, 4LL, 5LL, 6LL, 7LL, 8LL, 0x7fffffffffLL));
    uint32_t counts[21];
    for (int n = 0; n <= 20; n++) {
        counts[n] =
            sum_ints(n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
    }
    printf("ints:");
    for (int n = 0; n <= 20; n++) printf(" %" PRIu32, counts[n]);
    printf("\n");
    twice(11, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11);
    char buf[200];
    float f = 1.25f;
    char c = 'x';
    short s = -300;
    unsigned char uc = 200;
    int n = fmt_into(buf, "[%d|%5.2f|%c|%hd|%u|%s|%lld|%x|%e|%-6s|%06.1f|%p]", 42, f, c, s,
                     (unsigned)uc, "str", -1234567890123LL, 0xbeefu, 6.02e23, "ab", -3.14159,
                     (void *)0);
    printf("vsnprintf %d: %s\n", n, buf);
    partial(0, 1, 2, 3.5, 4, 5, 6LL);
    struct pair p1 = {1, 2.5, "abc"}, p2 = {-7, -0.125, "wxyz"};
    structs(2, p1, p2);
    return 0;
}
