/* printf of doubles: %a %e %f %g (and upper-case forms) at precisions from
 * 0 to 40, with the flags (- + space # 0) and field widths, on exact
 * binary fractions, halfway cases (glibc rounds the exact binary value, so
 * 0.125 -> "0.12" but 0.375 -> "0.38"), powers of ten, the extremes (DBL_MAX
 * printed in full with %f, the smallest subnormal with %.760e), negative
 * zero and infinities. Thousands of random bit patterns are formatted too,
 * and the text hashed. Binary-to-decimal conversion in glibc is exact
 * multi-precision integer arithmetic, a long exercise of the integer unit. */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t text_hash = 2166136261u;
static unsigned long text_len;

static void hash_text(const char *s)
{
    for (; *s; s++) {
        text_hash = (text_hash ^ (unsigned char)*s) * 16777619u;
        text_len++;
    }
}

static const double values[] = {0.0,
                                -0.0,
                                1.0,
                                -1.0,
                                0.5,
                                0.125,
                                0.375,
                                2.5,
                                1e-5,
                                123456.789,
                                -9876543.21e-3,
                                1.0 / 3,
                                2.0 / 3,
                                M_PI,
                                M_E,
                                1e15,
                                1e16,
                                1e17,
                                9007199254740993.0,
                                0.1,
                                0.7,
                                1e21,
                                1e22,
                                1e23,
                                5e-324,
                                2.2250738585072014e-308,
                                1.7976931348623157e308,
                                0x1.fffffffffffffp-1,
                                0x1p-20,
                                999999.5,
                                0.000099999,
                                INFINITY,
                                -INFINITY};

static void table(void)
{
    static const char *formats[] = {
        "%a",       "%A",      "%.0a",  "%.3a",      "%.20a",   "%e",   "%.0e", "%.1E", "%.17e",
        "%.25e",    "%f",      "%.0f",  "%.1f",      "%.20f",   "%g",   "%G",   "%.0g", "%.1g",
        "%.17g",    "%.30g",   "%#g",   "%#.0f",     "%#.0e",   "%#x",  "%+e",  "% f",  "%+.3g",
        "%-12.4e|", "%012.3f", "%12g|", "%-+10.2f|", "%010.1e", "%#.3a"};
    for (unsigned v = 0; v < sizeof values / sizeof values[0]; v++) {
        char line[4096];
        int n = 0;
        for (unsigned f = 0; f < sizeof formats / sizeof formats[0]; f++) {
            char buf[512];
            if (strcmp(formats[f], "%#x") == 0) {
                uint64_t u;
                memcpy(&u, &values[v], sizeof u);
                snprintf(buf, sizeof buf, "%#" PRIx64, u);
            } else {
                snprintf(buf, sizeof buf, formats[f], values[v]);
            }
            n += snprintf(line + n, sizeof line - (size_t)n, "%s%s", f ? " " : "", buf);
        }
        printf("%s\n", line);
        hash_text(line);
    }
}

static void precisions(void)
{
    static const double v[] = {M_PI, 1.0 / 3, 0.1, 1e-300, 6.02214076e23, 2.5, 0.0625, -1234.5678};
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        for (int p = 0; p <= 40; p += (p < 20 ? 1 : 5)) {
            char buf[600];
            snprintf(buf, sizeof buf, "%.*e %.*f %.*g %.*a", p, v[i], p, v[i], p, v[i],
                     p > 13 ? 13 : p, v[i]);
            hash_text(buf);
            if (p % 7 == 0 || p == 17) printf("p=%d %s\n", p, buf);
        }
    }
}

static void extremes(void)
{
    static char buf[2000];
    int n = snprintf(buf, sizeof buf, "%f", DBL_MAX);
    printf("DBL_MAX %%f: %d chars: %s\n", n, buf);
    n = snprintf(buf, sizeof buf, "%.760e", 5e-324);
    printf("denorm_min %%.760e: %d chars, ends ...%s\n", n, buf + n - 60);
    hash_text(buf);
    n = snprintf(buf, sizeof buf, "%.1074f", 5e-324);
    printf("denorm_min %%.1074f: %d chars, tail %s\n", n, buf + n - 40);
    hash_text(buf);
    n = snprintf(buf, sizeof buf, "%.1100f", DBL_MIN);
    hash_text(buf);
    printf("DBL_MIN %%.1100f: %d chars\n", n);
    /* snprintf truncation and return value. */
    char small[8];
    volatile double pi = M_PI;
    size_t size = sizeof small;
    n = snprintf(small, size, "%.10f", pi);
    printf("truncated snprintf returned %d, buffer \"%s\"\n", n, small);
    n = snprintf(NULL, 0, "%e|%g|%a", 1e100, 1e-100, 1e100);
    printf("snprintf(NULL, 0) length %d\n", n);
    float f = 16777217.0f, g = 0.1f;
    printf("floats (promoted): %.9g %.9g %a %a\n", f, g, f, g);
}

static void random_patterns(void)
{
    uint64_t s = 0x0123456789abcdefULL;
    for (int i = 0; i < 3000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        uint64_t u = s;
        if ((u & 0x7ff0000000000000ULL) == 0x7ff0000000000000ULL) u ^= 0x4000000000000000ULL;
        double d;
        memcpy(&d, &u, sizeof d);
        char buf[2000];
        int p = i % 25;
        snprintf(buf, sizeof buf, "%.*e|%.*g|%a|%.17g", p, d, p, d, d, d);
        hash_text(buf);
        if (fabs(d) < 1e30 && fabs(d) > 1e-30) {
            snprintf(buf, sizeof buf, "%.*f", p, d);
            hash_text(buf);
        }
        if (i % 500 == 0) printf("%s\n", buf);
    }
}

int main(void)
{
    table();
    precisions();
    extremes();
    random_patterns();
    printf("text hash %08" PRIx32 " over %lu characters\n", text_hash, text_len);
    return 0;
}
