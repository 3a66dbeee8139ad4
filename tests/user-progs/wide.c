/* Wide strings (wchar_t is 32 bits on both hosts: int on x86-64, long on
 * 32-bit PowerPC, so values are printed through uint32_t): wcslen, wcscpy,
 * wcsncpy, wcscat, wcscmp/wcsncmp (sign only), wcschr, wcsrchr, wcsstr,
 * wcsspn, wcscspn, wcstok, wmemcpy/wmemmove/wmemset/wmemcmp/wmemchr,
 * wcstol/wcstoul/wcstod, swprintf and swscanf, towupper/towlower, and a
 * hand-written UTF-8 encoder and decoder round-tripping every code point.
 * Everything runs in the "C" locale (no setlocale: locale files are not
 * portable between the hosts), so the library's multibyte conversions are
 * only given ASCII. Non-ASCII characters come from wide literals. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

static void showl(const char *label, const wchar_t *s)
{
    size_t n = wcslen(s);
    printf("%s [%zu] ", label, n);
    for (size_t i = 0; i < n; i++) {
        uint32_t c = (uint32_t)s[i];
        if (c >= 0x20 && c < 0x7f)
            putchar((int)c);
        else
            printf("<U+%04" PRIX32 ">", c);
    }
    printf("\n");
}

static int sign(int x)
{
    return (x > 0) - (x < 0);
}

static size_t utf8_encode(uint32_t c, unsigned char *out)
{
    if (c < 0x80) {
        out[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (unsigned char)(0xc0 | c >> 6);
        out[1] = (unsigned char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (unsigned char)(0xe0 | c >> 12);
        out[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
        out[2] = (unsigned char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (unsigned char)(0xf0 | c >> 18);
    out[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
    out[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
    out[3] = (unsigned char)(0x80 | (c & 0x3f));
    return 4;
}

static size_t utf8_decode(const unsigned char *in, uint32_t *c)
{
    if (in[0] < 0x80) {
        *c = in[0];
        return 1;
    }
    if (in[0] < 0xe0) {
        *c = (uint32_t)(in[0] & 0x1f) << 6 | (in[1] & 0x3f);
        return 2;
    }
    if (in[0] < 0xf0) {
        *c = (uint32_t)(in[0] & 0x0f) << 12 | (uint32_t)(in[1] & 0x3f) << 6 | (in[2] & 0x3f);
        return 3;
    }
    *c = (uint32_t)(in[0] & 0x07) << 18 | (uint32_t)(in[1] & 0x3f) << 12 |
         (uint32_t)(in[2] & 0x3f) << 6 | (in[3] & 0x3f);
    return 4;
}

int main(void)
{
    const wchar_t *greek = L"\u0391\u03b8\u03ae\u03bd\u03b1 caf\u00e9 \u20ac5 \U0001F600!";
    showl("literal", greek);
    printf("sizeof(wchar_t) %zu, WCHAR_MIN < 0: %d, WEOF %08" PRIx32 "\n", sizeof(wchar_t),
           WCHAR_MIN < 0, (uint32_t)WEOF);

    wchar_t buf[200], buf2[200];
    wcscpy(buf, L"Hello, ");
    wcscat(buf, greek);
    showl("wcscat", buf);
    wcsncpy(buf2, buf, 5);
    buf2[5] = 0;
    showl("wcsncpy 5", buf2);
    printf("wcscmp signs: %d %d %d %d\n", sign(wcscmp(L"abc", L"abd")),
           sign(wcscmp(L"abc", L"abc")), sign(wcscmp(L"\u00e9", L"e")),
           sign(wcsncmp(L"abcX", L"abcY", 3)));
    /* Values above 0x7fffffff cannot occur in wchar_t on Linux; order by
     * code point is what both hosts do for real characters. */
    const wchar_t *p = wcschr(buf, L'\u20ac');
    printf("wcschr euro at %ld, wcsrchr 'l' at %ld, wcsstr \"caf\" at %ld\n",
           p ? (long)(p - buf) : -1L, (long)(wcsrchr(buf, L'l') - buf),
           (long)(wcsstr(buf, L"caf") - buf));
    printf("wcsspn letters %zu wcscspn space %zu\n", wcsspn(buf, L"Helo"), wcscspn(buf, L" "));
    wchar_t toks[] = L"one, two;;three \u00e9l\u00e8ve ,four";
    wchar_t *state;
    int n = 0;
    for (wchar_t *t = wcstok(toks, L" ,;", &state); t; t = wcstok(NULL, L" ,;", &state)) {
        char label[20];
        snprintf(label, sizeof label, "token %d", n++);
        showl(label, t);
    }

    wmemset(buf2, L'\u2603', 10);
    buf2[10] = 0;
    wmemcpy(buf2 + 2, L"ab", 2);
    wmemmove(buf2 + 1, buf2, 6);
    showl("wmem*", buf2);
    printf("wmemcmp %d wmemchr %ld\n", sign(wmemcmp(buf2, L"\u2603\u2603\u2603ab", 5)),
           (long)((wchar_t *)wmemchr(buf2, L'b', 10) - buf2));

    wchar_t *end;
    long l = wcstol(L"  -12345xyz", &end, 10);
    unsigned long ul = wcstoul(L"0x7fffffff", NULL, 16);
    double d = wcstod(L"3.25e2abc", NULL);
    long long ll = wcstoll(L"-9223372036854775807", NULL, 10);
    printf("wcstol %ld (rest %zu) wcstoul %lu wcstod %g wcstoll %lld\n", l, wcslen(end), ul, d, ll);

    int len = swprintf(buf, 200, L"[%d|%5.2f|%ls|%s|%lc|%x]", -42, 3.14159, L"w\u00e9de", "narrow",
                       (wint_t)L'\u03a9', 255u);
    printf("swprintf returned %d\n", len);
    showl("swprintf", buf);
    len = swprintf(buf, 5, L"%d", 1234567);
    printf("swprintf overflow returns %d\n", len);
    int a = 0;
    double f = 0;
    wchar_t word[20];
    int got = swscanf(L"77 2.5 token rest", L"%d %lf %19ls", &a, &f, word);
    printf("swscanf %d: %d %g ", got, a, f);
    showl("", word);

    printf("towupper/towlower:");
    for (const wchar_t *q = L"aZ9!"; *q; q++)
        printf(" %c%c", (int)towupper((wint_t)*q), (int)towlower((wint_t)*q));
    printf(" iswalpha(a) %d iswdigit(7) %d iswspace(tab) %d\n", iswalpha(L'a') != 0,
           iswdigit(L'7') != 0, iswspace(L'\t') != 0);

    /* ASCII through the C library's multibyte functions. */
    char mb[64];
    size_t mbn = wcstombs(mb, L"plain ASCII", sizeof mb);
    wchar_t back[64];
    size_t wn = mbstowcs(back, mb, 64);
    printf("wcstombs %zu \"%s\" mbstowcs %zu ", mbn, mb, wn);
    showl("", back);
    printf("wcstombs of non-ASCII in C locale: %s\n",
           wcstombs(mb, L"\u00e9", sizeof mb) == (size_t)-1 ? "error" : "converted");

    /* Our own UTF-8 round trip over the code space. */
    uint32_t bad = 0, h = 2166136261u;
    unsigned char enc[4];
    for (uint32_t c = 0; c < 0x110000; c += (c < 0x800 ? 1 : 7)) {
        if (c >= 0xd800 && c < 0xe000) continue;
        size_t k = utf8_encode(c, enc);
        uint32_t dec;
        if (utf8_decode(enc, &dec) != k || dec != c) bad++;
        for (size_t i = 0; i < k; i++) h = (h ^ enc[i]) * 16777619u;
    }
    printf("utf-8 round trip: %" PRIu32 " bad, hash %08" PRIx32 "\n", bad, h);
    unsigned char text[200];
    size_t tn = 0;
    for (const wchar_t *q = greek; *q; q++) tn += utf8_encode((uint32_t)*q, text + tn);
    printf("greek as utf-8 (%zu bytes):", tn);
    for (size_t i = 0; i < tn; i++) printf(" %02x", text[i]);
    printf("\n");
    return 0;
}
