/* Hash tables: a chained table with string keys that grows by rehashing
 * (word frequencies over generated text, printed sorted), and an
 * open-addressing table with 64-bit keys, linear probing and tombstone
 * deletion, cross-checked against a sorted array with bsearch. Hashes are
 * FNV-1a and a 64-bit multiplicative mix; all iteration orders that reach
 * the output are made deterministic by sorting. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

struct entry {
    struct entry *next;
    char *key;
    uint32_t count;
};

struct table {
    struct entry **slots;
    size_t nslots, size;
    unsigned rehashes;
};

static void grow(struct table *t)
{
    size_t n = t->nslots ? t->nslots * 2 : 8;
    struct entry **s = calloc(n, sizeof *s);
    for (size_t i = 0; i < t->nslots; i++) {
        struct entry *e = t->slots[i];
        while (e) {
            struct entry *next = e->next;
            size_t k = fnv1a(e->key) & (n - 1);
            e->next = s[k];
            s[k] = e;
            e = next;
        }
    }
    free(t->slots);
    t->slots = s;
    t->nslots = n;
    t->rehashes++;
}

static void add_word(struct table *t, const char *w)
{
    if (t->size >= t->nslots * 3 / 4) grow(t);
    size_t k = fnv1a(w) & (t->nslots - 1);
    for (struct entry *e = t->slots[k]; e; e = e->next) {
        if (strcmp(e->key, w) == 0) {
            e->count++;
            return;
        }
    }
    struct entry *e = malloc(sizeof *e);
    e->key = strdup(w);
    e->count = 1;
    e->next = t->slots[k];
    t->slots[k] = e;
    t->size++;
}

static int by_count(const void *a, const void *b)
{
    const struct entry *x = *(struct entry *const *)a, *y = *(struct entry *const *)b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->key, y->key);
}

static void word_counts(void)
{
    static const char *syll[] = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "qua", "th"};
    struct table t = {0};
    uint32_t s = 99991;
    unsigned words = 0;
    for (int i = 0; i < 60000; i++) {
        s = s * 1664525u + 1013904223u;
        char w[32] = "";
        int nsyl = 1 + (int)((s >> 28) % 3);
        uint32_t r = s;
        for (int k = 0; k < nsyl; k++) {
            /* Zipf-like: low syllable indexes are much more common. */
            unsigned idx = (r & 0xff) % 11;
            idx = idx * idx / 11;
            strcat(w, syll[idx]);
            r >>= 8;
        }
        add_word(&t, w);
        words++;
    }
    struct entry **all = malloc(t.size * sizeof *all);
    size_t n = 0, longest = 0;
    for (size_t i = 0; i < t.nslots; i++) {
        size_t chain = 0;
        for (struct entry *e = t.slots[i]; e; e = e->next) {
            all[n++] = e;
            chain++;
        }
        if (chain > longest) longest = chain;
    }
    qsort(all, n, sizeof *all, by_count);
    printf("%u words, %zu distinct, %zu slots after %u rehashes, longest chain %zu\n", words,
           t.size, t.nslots, t.rehashes, longest);
    for (size_t i = 0; i < n && i < 12; i++)
        printf("  %-12s %" PRIu32 "\n", all[i]->key, all[i]->count);
    uint32_t h = 0;
    for (size_t i = 0; i < n; i++) h = h * 31 + fnv1a(all[i]->key) + all[i]->count;
    printf("  ... order hash %08" PRIx32 "\n", h);
    for (size_t i = 0; i < n; i++) {
        free(all[i]->key);
        free(all[i]);
    }
    free(all);
    free(t.slots);
}

#define EMPTY 0
#define TOMB  1
struct oa {
    uint64_t *keys;
    uint32_t *vals;
    size_t cap, used, live;
};

static size_t slot_of(uint64_t k, size_t cap)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)(k & (cap - 1));
}

static void oa_put(struct oa *t, uint64_t k, uint32_t v);
static void oa_resize(struct oa *t, size_t cap)
{
    struct oa n = {calloc(cap, sizeof(uint64_t)), calloc(cap, sizeof(uint32_t)), cap, 0, 0};
    for (size_t i = 0; i < t->cap; i++)
        if (t->keys[i] > TOMB) oa_put(&n, t->keys[i], t->vals[i]);
    free(t->keys);
    free(t->vals);
    *t = n;
}

static void oa_put(struct oa *t, uint64_t k, uint32_t v)
{
    if ((t->used + 1) * 10 >= t->cap * 7) oa_resize(t, t->cap ? t->cap * 2 : 16);
    size_t i = slot_of(k, t->cap), tomb = (size_t)-1;
    while (t->keys[i] != EMPTY) {
        if (t->keys[i] == k) {
            t->vals[i] = v;
            return;
        }
        if (t->keys[i] == TOMB && tomb == (size_t)-1) tomb = i;
        i = (i + 1) & (t->cap - 1);
    }
    if (tomb != (size_t)-1) {
        i = tomb;
    } else {
        t->used++;
    }
    t->keys[i] = k;
    t->vals[i] = v;
    t->live++;
}

static uint32_t *oa_get(struct oa *t, uint64_t k)
{
    if (!t->cap) return NULL;
    size_t i = slot_of(k, t->cap);
    while (t->keys[i] != EMPTY) {
        if (t->keys[i] == k) return &t->vals[i];
        i = (i + 1) & (t->cap - 1);
    }
    return NULL;
}

static int oa_del(struct oa *t, uint64_t k)
{
    if (!t->cap) return 0;
    size_t i = slot_of(k, t->cap);
    while (t->keys[i] != EMPTY) {
        if (t->keys[i] == k) {
            t->keys[i] = TOMB;
            t->live--;
            return 1;
        }
        i = (i + 1) & (t->cap - 1);
    }
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void open_addressing(void)
{
    struct oa t = {0};
    /* Reference: a flag per key index (keys are derived from indexes). */
    enum { KEYS = 30000 };
    static uint8_t present[KEYS];
    static uint32_t value[KEYS];
    uint64_t s = 7;
    unsigned puts = 0, dels = 0, gets = 0, mismatches = 0;
    for (int i = 0; i < 120000; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        uint32_t idx = (uint32_t)(s >> 33) % KEYS;
        uint64_t key = (uint64_t)idx * 0x9e3779b97f4a7c15ULL + 2; /* never 0 or 1 */
        switch ((s >> 20) % 4) {
        case 0:
        case 1:
            oa_put(&t, key, (uint32_t)i);
            present[idx] = 1;
            value[idx] = (uint32_t)i;
            puts++;
            break;
        case 2:
            mismatches += oa_del(&t, key) != present[idx];
            present[idx] = 0;
            dels++;
            break;
        default: {
            uint32_t *v = oa_get(&t, key);
            mismatches += (v != NULL) != present[idx] || (v && *v != value[idx]);
            gets++;
        }
        }
    }
    size_t live = 0;
    for (int i = 0; i < KEYS; i++) live += present[i];
    uint64_t *sorted = malloc(t.live * sizeof *sorted);
    size_t n = 0;
    for (size_t i = 0; i < t.cap; i++)
        if (t.keys[i] > TOMB) sorted[n++] = t.keys[i];
    qsort(sorted, n, sizeof *sorted, cmp_u64);
    unsigned found = 0;
    for (int i = 0; i < KEYS; i++) {
        uint64_t key = (uint64_t)i * 0x9e3779b97f4a7c15ULL + 2;
        found += bsearch(&key, sorted, n, sizeof *sorted, cmp_u64) != NULL;
    }
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++) h = h * 1000003 + sorted[i] + *oa_get(&t, sorted[i]);
    printf("open addressing: %u puts %u dels %u gets, %zu live (reference %zu, bsearch %u), "
           "capacity %zu, %u mismatches, hash %016" PRIx64 "\n",
           puts, dels, gets, t.live, live, found, t.cap, mismatches, h);
    free(sorted);
    free(t.keys);
    free(t.vals);
}

int main(void)
{
    word_counts();
    open_addressing();
    return 0;
}
