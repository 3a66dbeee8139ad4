/* Memory and string benchmark for bench/run-ppc-user-bench.sh: the C
 * library's block and string routines over megabyte buffers. Builds a pool of
 * pseudo-random words, then repeatedly measures them (strlen), sorts pointers
 * to them (qsort with strcmp), looks them up (bsearch), searches them (strchr,
 * strstr, memchr), joins them (memcpy, strcpy, strcat), copies blocks of many
 * sizes and alignments (memcpy, memmove, memset) and compares them (memcmp).
 * Prints a checksum per phase; the output is the same on every host.
 *
 * bench-class: memory
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS    35
#define NWORDS    30000
#define POOL_SIZE (NWORDS * 24)
#define BUF_SIZE  (1u << 20)

static uint32_t rng_state = 2463534242u;

static uint32_t rng(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

static uint32_t hash_bytes(uint32_t h, const void *p, uint32_t n)
{
    const unsigned char *b = p;
    for (uint32_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x01000193u;
    return h;
}

static char pool[POOL_SIZE];
static char *words[NWORDS];
static uint32_t order[NWORDS];

/* Word pointers sort by contents, then by index, so that the result does not
 * depend on the sorting algorithm. */
static int cmp_words(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int c = strcmp(x, y);
    if (c) return c;
    return x < y ? -1 : x > y;
}

static int cmp_key(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(char *const *)elem);
}

static void make_words(void)
{
    static const char *syll[] = {"ka",  "ri",  "mo",  "sen", "tal", "por",  "lu",
                                 "vex", "dra", "qui", "ne",  "bo",  "ster", "ga",
                                 "phi", "ul",  "zen", "ia",  "co",  "mb"};
    char *p = pool;
    for (int i = 0; i < NWORDS; i++) {
        int n = 1 + (int)(rng() % 6);
        words[i] = p;
        for (int k = 0; k < n; k++) {
            const char *s = syll[rng() % 20];
            size_t l = strlen(s);
            memcpy(p, s, l);
            p += l;
        }
        *p++ = '\0';
    }
}

int main(void)
{
    unsigned char *a = malloc(BUF_SIZE + 64), *b = malloc(BUF_SIZE + 64);
    char *text = malloc(POOL_SIZE + 64);
    char **sorted = malloc(sizeof(char *) * NWORDS);
    uint32_t lens = 0, sorth = 0, found = 0, search = 0, joined = 0, copies = 0, cmps = 0;

    if (!a || !b || !text || !sorted) {
        fprintf(stderr, "memstr: out of memory\n");
        return 1;
    }
    make_words();

    for (int round = 0; round < ROUNDS; round++) {
        /* strlen over the pool. */
        for (int rep = 0; rep < 20; rep++)
            for (int i = 0; i < NWORDS; i++) lens += (uint32_t)strlen(words[i]);

        /* Sort word pointers, hash the order. */
        memcpy(sorted, words, sizeof(char *) * NWORDS);
        qsort(sorted, NWORDS, sizeof(char *), cmp_words);
        for (int i = 0; i < NWORDS; i++) order[i] = (uint32_t)(sorted[i] - pool);
        sorth = hash_bytes(sorth, sorted[0], (uint32_t)strlen(sorted[0]));
        for (int i = 0; i < NWORDS; i += 97)
            sorth = hash_bytes(sorth, sorted[i], (uint32_t)strlen(sorted[i]));

        /* Look every word up by binary search. */
        for (int i = 0; i < NWORDS; i++) {
            char **hit = bsearch(words[i], sorted, NWORDS, sizeof(char *), cmp_key);
            if (hit && strcmp(*hit, words[i]) == 0) found += (uint32_t)strlen(*hit) + 1;
        }

        /* Join the words (strcpy/strcat/memcpy) and search the text. */
        char *t = text;
        for (int i = 0; i < NWORDS; i++) {
            const char *w = pool + order[(i * 7 + round) % NWORDS];
            size_t l = strlen(w);
            memcpy(t, w, l);
            t += l;
            *t++ = (i % 13 == 12) ? '\n' : ' ';
        }
        *t = '\0';
        joined = hash_bytes(joined, text, (uint32_t)(t - text));
        for (const char *q = text; (q = strchr(q, '\n')) != NULL; q++) search++;
        static const char *needles[] = {"sterster", "quiqui", "kari", "phiul", "mbmbmb", "zenia"};
        for (int n = 0; n < 6; n++) {
            for (const char *q = text; (q = strstr(q, needles[n])) != NULL; q++)
                search += (uint32_t)(q - text) & 7;
        }
        for (int rep = 0; rep < 4; rep++) {
            char line[128];
            const char *q = text;
            while ((q = memchr(q, 'x', (size_t)(t - q))) != NULL && q < t - 100) {
                strcpy(line, "<");
                strncat(line, q, 40);
                strcat(line, ">");
                search += (uint32_t)strlen(line);
                q++;
            }
        }

        /* Block copies of many sizes and alignments. */
        for (uint32_t i = 0; i < BUF_SIZE; i++) a[i] = (unsigned char)(rng() >> 24);
        for (int rep = 0; rep < 400; rep++) memcpy(b + (rep & 7), a + (rep % 5), BUF_SIZE - 8);
        for (int i = 0; i < 400000; i++) {
            uint32_t r = rng();
            uint32_t len = (r & 0x3ff) + 1, src = (r >> 10) % (BUF_SIZE - 1024),
                     dst = (r >> 3) % (BUF_SIZE - 1024);
            if (r & 0x80000000u)
                memmove(b + dst, b + src, len);
            else
                memcpy(a + dst, b + src, len);
        }
        for (int rep = 0; rep < 100; rep++) memset(a + (rep & 15), rep & 0xff, BUF_SIZE / 2);
        copies = hash_bytes(copies, a, BUF_SIZE);
        copies = hash_bytes(copies, b, BUF_SIZE);

        /* Compare blocks that differ at a late position. */
        memcpy(a, b, BUF_SIZE);
        for (int i = 0; i < 600; i++) {
            uint32_t pos = BUF_SIZE - 1 - (rng() % 4096);
            a[pos] ^= 1;
            int c = memcmp(a, b, BUF_SIZE);
            cmps += (uint32_t)(c < 0 ? 1 : c > 0 ? 2 : 3) + pos;
            a[pos] ^= 1;
        }
    }

    printf("strlen   %u\n", (unsigned)lens);
    printf("qsort    %08x\n", (unsigned)sorth);
    printf("bsearch  %u\n", (unsigned)found);
    printf("join     %08x search %u\n", (unsigned)joined, (unsigned)search);
    printf("copies   %08x\n", (unsigned)copies);
    printf("memcmp   %u\n", (unsigned)cmps);
    free(sorted);
    free(text);
    free(b);
    free(a);
    return 0;
}
