/* Conversions between numbers and text in both directions and back again:
 * snprintf with %d %u %x %o %lld %llx %#x %+d %05d %-8d and * widths, then
 * strtol/strtoul/strtoll/strtoull/strtoimax in bases 0, 2, 8, 10, 16 and
 * 36 (with leading space, sign, 0x prefixes, trailing garbage and
 * overflow to ERANGE); doubles printed with %.17g and %a and read back
 * with strtod bit for bit; strtod of decimal strings that are hard to round
 * (halfway cases, long digit strings, subnormals, hex floats, inf/nan);
 * strtof; atoi; sscanf. long is 32 bits on PowerPC and 64 on x86-64, so
 * strtol is only given values that fit in 32 bits and the range checks use
 * strtoll. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static void integers_round_trip(void)
{
    uint64_t s = 0x0ddc0ffeebadf00dULL;
    unsigned bad = 0, n = 0;
    for (int i = 0; i < 8000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        int64_t v = (int64_t)s >> (i % 64);
        int32_t v32 = (int32_t)(uint32_t)s;
        char buf[80];
        char *end;
        snprintf(buf, sizeof buf, "%" PRId64, v);
        bad += strtoll(buf, &end, 10) != v || *end;
        snprintf(buf, sizeof buf, "%#" PRIx64, (uint64_t)v);
        bad += strtoull(buf, &end, 0) != (uint64_t)v || *end;
        snprintf(buf, sizeof buf, "%" PRIo64, (uint64_t)v);
        bad += strtoull(buf, &end, 8) != (uint64_t)v || *end;
        snprintf(buf, sizeof buf, "%" PRId32, v32);
        bad += strtol(buf, &end, 10) != v32 || *end;
        bad += atoi(buf) != v32;
        snprintf(buf, sizeof buf, "  %+" PRId32 "xyz", v32);
        bad += strtol(buf, &end, 0) != v32 || strcmp(end, "xyz") != 0;
        snprintf(buf, sizeof buf, "%" PRIX32, (uint32_t)v32);
        bad += strtoul(buf, &end, 16) != (uint32_t)v32 || *end;
        snprintf(buf, sizeof buf, "%" PRIdMAX, (intmax_t)v);
        bad += strtoimax(buf, &end, 10) != v;
        n += 8;
    }
    printf("integer round trips: %u of %u bad\n", bad, n);
}

static void integer_parsing(void)
{
    static const struct {
        const char *s;
        int base;
    } cases[] = {{"0", 0},
                 {"-0", 10},
                 {"0x1f", 0},
                 {"0X1F", 16},
                 {"1f", 16},
                 {"0x", 16},
                 {"017", 0},
                 {"017", 10},
                 {"089", 0},
                 {"  +42 ", 10},
                 {"-2147483648", 10},
                 {"2147483647", 10},
                 {"zz", 36},
                 {"Zz1", 36},
                 {"101101", 2},
                 {"-101", 2},
                 {"12abc", 10},
                 {"abc", 10},
                 {"", 10},
                 {"- 5", 10},
                 {"9223372036854775807", 10},
                 {"9223372036854775808", 10},
                 {"-9223372036854775808", 10},
                 {"-9223372036854775809", 10},
                 {"18446744073709551615", 10},
                 {"18446744073709551616", 10},
                 {"0xffffffffffffffff", 0},
                 {"-1", 10},
                 {"1e5", 10},
                 {"0b101", 0},
                 {"777777777777777777777", 8}};
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *end;
        errno = 0;
        long long ll = strtoll(cases[i].s, &end, cases[i].base);
        int e1 = errno;
        long used1 = (long)(end - cases[i].s);
        errno = 0;
        unsigned long long ull = strtoull(cases[i].s, &end, cases[i].base);
        int e2 = errno;
        long used2 = (long)(end - cases[i].s);
        printf("\"%s\" base %d: strtoll %lld (%ld used%s) strtoull %llu (%ld used%s)\n", cases[i].s,
               cases[i].base, ll, used1, e1 == ERANGE ? ", ERANGE" : "", ull, used2,
               e2 == ERANGE ? ", ERANGE" : "");
    }
}

static void doubles_round_trip(void)
{
    uint64_t s = 0x123456789abcdef1ULL;
    unsigned bad = 0, n = 0;
    uint32_t h = 0;
    for (int i = 0; i < 4000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        uint64_t u = s;
        if ((u & 0x7ff0000000000000ULL) == 0x7ff0000000000000ULL) continue;
        double d;
        memcpy(&d, &u, sizeof d);
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", d);
        bad += bits(strtod(buf, NULL)) != u;
        for (char *p = buf; *p; p++) h = h * 31 + (unsigned char)*p;
        snprintf(buf, sizeof buf, "%a", d);
        bad += bits(strtod(buf, NULL)) != u;
        snprintf(buf, sizeof buf, "%.16e", d);
        bad += bits(strtod(buf, NULL)) != u;
        float f = (float)d;
        if (isfinite(f)) {
            snprintf(buf, sizeof buf, "%.9g", (double)f);
            float g = strtof(buf, NULL);
            bad += memcmp(&f, &g, sizeof f) != 0;
        }
        n += 4;
    }
    printf("double round trips: %u of %u bad, text hash %08" PRIx32 "\n", bad, n, h);
}

static void hard_decimals(void)
{
    static const char *inputs[] = {
        "0.1",
        "0.30000000000000004",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1e-400",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1e309",
        "9007199254740993",
        "9007199254740993.0000000000000000000000000001",
        "9007199254740992.9999999999999999999999999999",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
        "123456789012345678901234567890",
        "0.000000000000000000000000000000000000000000001234",
        "3.14159265358979323846264338327950288419716939937510582097494459",
        "0x1.fffffffffffffp1023",
        "0x1p-1074",
        "0x0.0000000000001p-1022",
        "0x1.8p1",
        "-0x.8",
        "inf",
        "-Infinity",
        "nan",
        "  -0.0e+00",
        "1e",
        "1.5e+",
        ".5",
        "5.",
        "+.e1",
        "1_000",
        "12.5xyz",
    };
    for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char *end;
        errno = 0;
        double d = strtod(inputs[i], &end);
        int e = errno;
        float f = strtof(inputs[i], NULL);
        if (isnan(d))
            printf("%-60s nan (%ld used)\n", inputs[i], (long)(end - inputs[i]));
        else
            printf("%-60s %-24a %.17g%s (%ld used) float %a\n", inputs[i], d, d,
                   e == ERANGE ? " ERANGE" : "", (long)(end - inputs[i]), (double)f);
    }
}

static void formatting(void)
{
    char buf[256];
    int n = snprintf(buf, sizeof buf, "[%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%o|%#o|%u]", 42, -42, 42,
                     -42, 42, 42, 255u, 255u, 255u, 8u, 8u, 4000000000u);
    printf("%d %s\n", n, buf);
    n = snprintf(buf, sizeof buf, "[%*d|%-*d|%.*d|%.0d|%.3x|%hhd|%hhu|%hd|%c%c]", 6, 7, 6, 7, 4, 7,
                 0, 10u, (signed char)-56, (unsigned char)200, (short)-30000, 'o', 'k');
    printf("%d %s\n", n, buf);
    n = snprintf(buf, sizeof buf, "[%lld|%llu|%llx|%20lld|%-20llu|]", (long long)INT64_MIN,
                 (unsigned long long)UINT64_MAX, 0xdeadbeefcafeULL, -1234567890123LL,
                 98765432109876ULL);
    printf("%d %s\n", n, buf);
    n = snprintf(buf, sizeof buf, "[%s|%10s|%-10s|%.3s|%%|%5.1s]", "abc", "right", "left",
                 "truncate", "xyz");
    printf("%d %s\n", n, buf);
    int a = 0, b = 0, c2 = 0;
    char word[20];
    double d = 0;
    unsigned x = 0;
    int got = sscanf("  17 -4 abc 2.5e3 ff 99", "%d %i %19s %lf %x %n", &a, &b, word, &d, &x, &c2);
    printf("sscanf: %d fields: %d %d %s %g %u consumed %d\n", got, a, b, word, d, x, c2);
    long long big;
    got = sscanf("0x7fffffffffffffff", "%lli", &big);
    printf("sscanf %%lli: %d %lld\n", got, big);
}

int main(void)
{
    integers_round_trip();
    integer_parsing();
    doubles_round_trip();
    hard_decimals();
    formatting();
    return 0;
}
