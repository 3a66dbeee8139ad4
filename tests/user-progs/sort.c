/* Sorting and searching: qsort on 32-bit and 64-bit integers, doubles,
 * strings and structs (every comparator is a total order, so the result is
 * unique whatever algorithm qsort uses), bsearch for present and absent
 * keys, and hand-written insertion sort, heapsort, merge sort, radix sort
 * and quickselect checked against qsort. Lengths from 0 to 5000, including
 * already sorted, reversed and all-equal inputs. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng = 12345;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}
static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct rec {
    char name[13];
    uint8_t grade;
    int16_t score;
    uint32_t id;
};
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->grade != y->grade) return x->grade < y->grade ? -1 : 1;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    int c = strcmp(x->name, y->name);
    if (c) return c;
    return (x->id > y->id) - (x->id < y->id);
}

static uint32_t hash_i32(const int32_t *a, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint32_t)a[i]) * 16777619u;
    return h;
}

static void insertion(int32_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int32_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

static void sift(int32_t *a, size_t start, size_t end)
{
    size_t root = start;
    while (2 * root + 1 < end) {
        size_t child = 2 * root + 1;
        if (child + 1 < end && a[child] < a[child + 1]) child++;
        if (a[root] >= a[child]) return;
        int32_t t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static void heapsort_i32(int32_t *a, size_t n)
{
    for (size_t i = n / 2; i-- > 0;) sift(a, i, n);
    for (size_t end = n; end > 1; end--) {
        int32_t t = a[0];
        a[0] = a[end - 1];
        a[end - 1] = t;
        sift(a, 0, end - 1);
    }
}

static void merge_sort(int32_t *a, int32_t *tmp, size_t n)
{
    if (n < 2) return;
    size_t m = n / 2;
    merge_sort(a, tmp, m);
    merge_sort(a + m, tmp, n - m);
    size_t i = 0, j = m, k = 0;
    while (i < m && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < m) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

static void radix_sort(int32_t *a, int32_t *tmp, size_t n)
{
    for (int shift = 0; shift < 32; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) {
            uint32_t key = (uint32_t)a[i] ^ 0x80000000u;
            count[((key >> shift) & 0xff) + 1]++;
        }
        for (int i = 0; i < 256; i++) count[i + 1] += count[i];
        for (size_t i = 0; i < n; i++) {
            uint32_t key = (uint32_t)a[i] ^ 0x80000000u;
            tmp[count[(key >> shift) & 0xff]++] = a[i];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
}

static int32_t quickselect(int32_t *a, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        int32_t pivot = a[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                int32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                if (j == 0) break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return a[k];
    }
    return a[k];
}

static void integers(void)
{
    static int32_t a[5000], b[5000], c[5000], tmp[5000];
    static const size_t sizes[] = {0, 1, 2, 3, 7, 16, 100, 999, 5000};
    for (unsigned s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (int kind = 0; kind < 5; kind++) {
            size_t n = sizes[s];
            for (size_t i = 0; i < n; i++) {
                switch (kind) {
                case 0: a[i] = (int32_t)next(); break;
                case 1: a[i] = (int32_t)(next() % 10) - 5; break;
                case 2: a[i] = (int32_t)i * 3 - 1000; break;
                case 3: a[i] = 1000 - (int32_t)i * 7; break;
                default: a[i] = 42; break;
                }
            }
            memcpy(b, a, n * sizeof *a);
            qsort(b, n, sizeof *b, cmp_i32);
            uint32_t ref = hash_i32(b, n);
            int ok = 1;
            memcpy(c, a, n * sizeof *a);
            heapsort_i32(c, n);
            ok &= hash_i32(c, n) == ref;
            memcpy(c, a, n * sizeof *a);
            merge_sort(c, tmp, n);
            ok &= hash_i32(c, n) == ref;
            memcpy(c, a, n * sizeof *a);
            radix_sort(c, tmp, n);
            ok &= hash_i32(c, n) == ref;
            if (n <= 1000) {
                memcpy(c, a, n * sizeof *a);
                insertion(c, n);
                ok &= hash_i32(c, n) == ref;
            }
            int32_t median = 0;
            if (n) {
                memcpy(c, a, n * sizeof *a);
                median = quickselect(c, n, n / 2);
                ok &= median == b[n / 2];
            }
            /* bsearch for every element and for absent values. */
            unsigned found = 0, absent_found = 0;
            for (size_t i = 0; i < n; i++) {
                int32_t key = b[i];
                found += bsearch(&key, b, n, sizeof *b, cmp_i32) != NULL;
                if (key != INT32_MAX && (i + 1 == n || b[i + 1] != key + 1)) {
                    key++;
                    absent_found += bsearch(&key, b, n, sizeof *b, cmp_i32) != NULL;
                }
            }
            printf("n=%4zu kind %d: hash %08" PRIx32 " min %11" PRId32 " median %11" PRId32
                   " max %11" PRId32 " agree %d bsearch %u/%zu absent %u\n",
                   n, kind, ref, n ? b[0] : 0, median, n ? b[n - 1] : 0, ok, found, n,
                   absent_found);
        }
    }
}

static void others(void)
{
    static uint64_t u[3000];
    for (int i = 0; i < 3000; i++) {
        uint64_t hi = next(); /* two statements: operand order is unspecified */
        u[i] = hi << 32 | next();
    }
    qsort(u, 3000, sizeof *u, cmp_u64);
    uint64_t h = 0;
    for (int i = 0; i < 3000; i++) h = h * 1000003 + u[i];
    printf("uint64: first %016" PRIx64 " last %016" PRIx64 " hash %016" PRIx64 "\n", u[0], u[2999],
           h);

    static double d[2000];
    for (int i = 0; i < 2000; i++) d[i] = ((int32_t)next()) / 1e6 * (i % 3 ? 1 : 1e-9);
    qsort(d, 2000, sizeof *d, cmp_dbl);
    printf("doubles: %.17g %.17g %.17g %.17g\n", d[0], d[1], d[1000], d[1999]);

    static char words[800][12];
    static char *ptr[800];
    for (int i = 0; i < 800; i++) {
        int len = 1 + (int)(next() % 10);
        for (int k = 0; k < len; k++) words[i][k] = (char)('a' + next() % (k == 0 ? 26 : 4));
        words[i][len] = 0;
        ptr[i] = words[i];
    }
    qsort(ptr, 800, sizeof *ptr, cmp_str);
    printf("strings: %s %s %s ... %s %s\n", ptr[0], ptr[1], ptr[2], ptr[798], ptr[799]);
    char *key = ptr[321];
    char **hit = bsearch(&key, ptr, 800, sizeof *ptr, cmp_str);
    printf("bsearch '%s' -> equal %d\n", key, hit && strcmp(*hit, key) == 0);

    static struct rec r[1500];
    for (int i = 0; i < 1500; i++) {
        int c1 = 'a' + (int)(next() % 3);
        int c2 = 'a' + (int)(next() % 3);
        unsigned num = next() % 50;
        snprintf(r[i].name, sizeof r[i].name, "n%c%c%u", c1, c2, num);
        r[i].grade = (uint8_t)(next() % 5);
        r[i].score = (int16_t)((int)(next() % 2001) - 1000);
        r[i].id = (uint32_t)i;
    }
    qsort(r, 1500, sizeof *r, cmp_rec);
    uint32_t rh = 0;
    for (int i = 0; i < 1500; i++) rh = rh * 31 + r[i].id;
    for (int i = 0; i < 1500; i += 299)
        printf("rec %4d: %-8s grade %u score %5d id %4u\n", i, r[i].name, r[i].grade, r[i].score,
               r[i].id);
    printf("record order hash %08" PRIx32 "\n", rh);
}

int main(void)
{
    integers();
    others();
    return 0;
}
