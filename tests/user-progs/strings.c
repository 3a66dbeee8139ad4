/* The C string and memory functions on every alignment and length: strlen,
 * strcpy, strncpy, strcat, strncat, strcmp/strncmp (only the sign of the
 * result is defined), strchr, strrchr, strstr, strspn, strcspn, strpbrk,
 * strtok_r, memchr, memrchr, memcmp, memmem, strdup, character
 * classification in the C locale (with explicit unsigned char, since plain
 * char is signed on x86 and unsigned on PowerPC), and a few hand-written
 * string algorithms (reverse, KMP search, run-length encoding). glibc's
 * PowerPC string functions are hand-written assembly that reads whole words
 * and uses cmpb/rlwinm tricks, so misaligned heads and tails matter. */
#define _GNU_SOURCE
#include <ctype.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t h = 2166136261u;
static void feed(uint32_t v)
{
    h = (h ^ v) * 16777619u;
}
static int sign(int x)
{
    return (x > 0) - (x < 0);
}

static char buf_a[512], buf_b[512];

static void fill(char *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (char)('a' + (seed >> 16) % 26);
    }
    p[n] = 0;
}

static void lengths_and_copies(void)
{
    for (size_t align = 0; align < 16; align++) {
        for (size_t len = 0; len < 70; len++) {
            char *s = buf_a + align, *d = buf_b + (align * 7 + len) % 16;
            fill(s, len, (uint32_t)(align * 100 + len));
            feed((uint32_t)strlen(s));
            strcpy(d, s);
            feed((uint32_t)strcmp(d, s));
            feed((uint32_t)strlen(d));
            if (len > 0) {
                d[len / 2] = 'Z';
                feed((uint32_t)sign(strcmp(d, s)));
                feed((uint32_t)sign(strncmp(d, s, len / 2)));
                feed((uint32_t)sign(strncmp(d, s, len / 2 + 1)));
                feed((uint32_t)sign(memcmp(d, s, len)));
                /* Bytes above 0x7f must compare as unsigned char. */
                d[len / 2] = (char)0xe9;
                feed((uint32_t)sign(strcmp(d, s)));
                feed((uint32_t)sign(memcmp(s, d, len)));
            }
            const char *c = strchr(s, 'q');
            feed(c ? (uint32_t)(c - s) : 999u);
            c = strrchr(s, 'q');
            feed(c ? (uint32_t)(c - s) : 999u);
            c = memchr(s, 'e', len);
            feed(c ? (uint32_t)(c - s) : 999u);
            c = memrchr(s, 'e', len);
            feed(c ? (uint32_t)(c - s) : 999u);
            feed((uint32_t)(strchr(s, 0) - s));
            feed((uint32_t)strspn(s, "abcdefghijklm"));
            feed((uint32_t)strcspn(s, "xyz"));
            c = strpbrk(s, "uvw");
            feed(c ? (uint32_t)(c - s) : 999u);
            char tmp[200];
            memset(tmp, 'X', sizeof tmp);
            strncpy(tmp + (align & 3), s, 40);
            for (int i = 0; i < 48; i++) feed((unsigned char)tmp[i]);
            strcpy(tmp, "prefix-");
            strncat(tmp, s, len / 3);
            strcat(tmp, "-suffix");
            feed((uint32_t)strlen(tmp));
            for (const char *p = tmp; *p; p++) feed((unsigned char)*p);
        }
    }
    printf("lengths/copies/compares hash %08" PRIx32 "\n", h);
}

static void searching(void)
{
    static const char hay[] = "the quick brown fox jumps over the lazy dog; the dog sleeps, "
                              "the fox runs. abababababcabababcababc";
    static const char *needles[] = {"the",
                                    "dog",
                                    "fox runs",
                                    "abababc",
                                    "ababc",
                                    "",
                                    "cat",
                                    "s.",
                                    "abc",
                                    "ps, t",
                                    "g; t",
                                    "z",
                                    "lazy dog; the dog sleeps"};
    for (unsigned i = 0; i < sizeof needles / sizeof needles[0]; i++) {
        const char *p = strstr(hay, needles[i]);
        const char *q = memmem(hay, sizeof hay - 1, needles[i], strlen(needles[i]));
        printf("strstr(\"%s\") = %ld memmem %ld\n", needles[i], p ? (long)(p - hay) : -1L,
               q ? (long)(q - hay) : -1L);
    }
    char text[] = "alpha, beta;;gamma  delta,epsilon ; ;zeta";
    char *save = NULL;
    int n = 0;
    for (char *tok = strtok_r(text, ",; ", &save); tok; tok = strtok_r(NULL, ",; ", &save))
        printf("token %d: '%s'\n", n++, tok);
}

static void classification(void)
{
    uint32_t counts[8] = {0};
    for (int c = 0; c < 256; c++) {
        unsigned char uc = (unsigned char)c;
        counts[0] += isalpha(uc) != 0;
        counts[1] += isdigit(uc) != 0;
        counts[2] += isspace(uc) != 0;
        counts[3] += ispunct(uc) != 0;
        counts[4] += isupper(uc) != 0;
        counts[5] += isprint(uc) != 0;
        counts[6] += iscntrl(uc) != 0;
        counts[7] += isxdigit(uc) != 0;
        feed((uint32_t)toupper(uc) * 3 + (uint32_t)tolower(uc));
    }
    printf("C locale: alpha %u digit %u space %u punct %u upper %u print %u cntrl %u xdigit %u\n",
           counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7]);
    /* Plain char differs in signedness: only ever look at unsigned char. */
    const char *s = "caf\xc3\xa9";
    unsigned sum = 0;
    for (const char *p = s; *p; p++) sum += (unsigned char)*p;
    printf("byte sum of \"caf\\xc3\\xa9\": %u, length %zu\n", sum, strlen(s));
}

static void reverse(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
}

static int kmp(const char *text, const char *pat, int *count)
{
    int m = (int)strlen(pat), fail[64], first = -1, k = 0;
    fail[0] = 0;
    for (int i = 1; i < m; i++) {
        while (k > 0 && pat[i] != pat[k]) k = fail[k - 1];
        if (pat[i] == pat[k]) k++;
        fail[i] = k;
    }
    *count = 0;
    k = 0;
    for (int i = 0; text[i]; i++) {
        while (k > 0 && text[i] != pat[k]) k = fail[k - 1];
        if (text[i] == pat[k]) k++;
        if (k == m) {
            if (first < 0) first = i - m + 1;
            (*count)++;
            k = fail[k - 1];
        }
    }
    return first;
}

static void algorithms(void)
{
    char s[] = "A man, a plan, a canal: Panama";
    reverse(s);
    printf("reversed: %s\n", s);
    static char big[20001];
    fill(big, 20000, 7);
    for (int i = 0; i < 20000; i += 97) big[i] = 'a', big[i + 1] = 'b', big[i + 2] = 'a';
    int count, first = kmp(big, "aba", &count);
    printf("kmp 'aba': first %d count %d\n", first, count);
    first = kmp(big, "xyz", &count);
    printf("kmp 'xyz': first %d count %d\n", first, count);
    /* Run-length encoding round trip. */
    static char rle[50000], back[20001];
    size_t o = 0;
    for (size_t i = 0; big[i];) {
        size_t j = i;
        while (big[j] == big[i] && j - i < 9) j++;
        rle[o++] = (char)('0' + (j - i));
        rle[o++] = big[i];
        i = j;
    }
    rle[o] = 0;
    size_t b = 0;
    for (size_t i = 0; i < o; i += 2)
        for (int r = 0; r < rle[i] - '0'; r++) back[b++] = rle[i + 1];
    back[b] = 0;
    printf("rle length %zu round trip %s\n", o, strcmp(back, big) == 0 ? "ok" : "BAD");
    char *dup = strdup(big + 19990), *ndup = strndup(big, 12);
    printf("strdup tail '%s' ndup '%s'\n", dup, ndup);
    free(dup);
    free(ndup);
    for (size_t i = 0; i < 20000; i++) feed((unsigned char)big[i]);
    printf("final hash %08" PRIx32 "\n", h);
}

int main(void)
{
    lengths_and_copies();
    searching();
    classification();
    algorithms();
    return 0;
}
