/* Heap-heavy code: 40,000 random malloc/free/realloc operations on up to
 * 2,000 live blocks from 1 byte to 200 KB (above glibc's mmap threshold, so
 * brk and mmap/munmap both serve the heap), each block filled with a pattern
 * and verified before it is freed or after it is moved by realloc; calloc
 * zeroing; posix_memalign and aligned_alloc; a 50,000-node linked list
 * sorted by merge sort; a treap with random inserts and deletes. Addresses
 * are never printed, only facts that hold on both hosts. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng = 2463534242u;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

struct block {
    unsigned char *p;
    size_t size;
    uint8_t tag;
};

static void paint(unsigned char *p, size_t n, uint8_t tag)
{
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(tag + i * 7);
}

static int check(const unsigned char *p, size_t n, uint8_t tag)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(tag + i * 7)) return 0;
    return 1;
}

static void churn(void)
{
    enum { SLOTS = 2000 };
    static struct block b[SLOTS];
    unsigned long mallocs = 0, frees = 0, reallocs = 0, bad = 0, misaligned = 0;
    uint64_t bytes = 0;
    for (int op = 0; op < 40000; op++) {
        uint32_t r = next();
        struct block *s = &b[r % SLOTS];
        uint32_t kind = (r >> 11) % 8;
        size_t size;
        uint32_t sr = next();
        if (sr % 2000 == 0)
            size = 131072 + sr % 70000; /* mmap-sized */
        else if (sr % 10 == 0)
            size = 1 + sr % 8192;
        else
            size = 1 + sr % 200;
        if (s->p == NULL) {
            s->p = malloc(size);
            if (!s->p) {
                printf("malloc(%zu) failed\n", size);
                exit(1);
            }
            s->size = size;
            s->tag = (uint8_t)r;
            paint(s->p, size, s->tag);
            mallocs++;
            bytes += size;
            if ((uintptr_t)s->p % 8) misaligned++;
        } else if (kind < 5) {
            if (!check(s->p, s->size, s->tag)) bad++;
            free(s->p);
            s->p = NULL;
            frees++;
        } else {
            unsigned char *q = realloc(s->p, size);
            if (!q) {
                printf("realloc failed\n");
                exit(1);
            }
            size_t keep = size < s->size ? size : s->size;
            if (!check(q, keep, s->tag)) bad++;
            s->p = q;
            s->size = size;
            paint(q, size, s->tag);
            reallocs++;
            bytes += size;
        }
    }
    unsigned long live = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (b[i].p) {
            if (!check(b[i].p, b[i].size, b[i].tag)) bad++;
            free(b[i].p);
            live++;
        }
    }
    printf("churn: %lu mallocs, %lu frees, %lu reallocs, %lu live at end, %" PRIu64
           " bytes requested, %lu corrupted, %lu not 8-byte aligned\n",
           mallocs, frees, reallocs, live, bytes, bad, misaligned);
}

static void zeroing_and_alignment(void)
{
    unsigned long nonzero = 0;
    for (int i = 0; i < 200; i++) {
        size_t n = 1 + (size_t)i * 997 % 70000;
        unsigned char *p = calloc(n, 3);
        for (size_t k = 0; k < n * 3; k++) nonzero += p[k] != 0;
        memset(p, 0xa5, n * 3);
        free(p);
    }
    printf("calloc: %lu non-zero bytes seen\n", nonzero);
    unsigned long ok = 0;
    for (size_t align = 16; align <= 65536; align *= 4) {
        void *p = NULL;
        int rc = posix_memalign(&p, align, 1000);
        void *q = aligned_alloc(align, align * 3);
        ok += rc == 0 && p && (uintptr_t)p % align == 0;
        ok += q && (uintptr_t)q % align == 0;
        if (p) memset(p, 1, 1000);
        if (q) memset(q, 2, align * 3);
        free(p);
        free(q);
    }
    printf("aligned allocations correct: %lu of 14\n", ok);
    void *z = malloc(0);
    printf("malloc(0) %s\n", z ? "returned a pointer" : "returned NULL");
    free(z);
    void *big = malloc((size_t)8 << 20);
    if (big) {
        memset(big, 0x5a, (size_t)8 << 20);
        unsigned char *c = big;
        printf("8 MB block: %02x %02x\n", c[0], c[((size_t)8 << 20) - 1]);
        free(big);
    }
    char *grow = NULL;
    size_t len = 0;
    for (int i = 0; i < 3000; i++) {
        char *g = realloc(grow, len + 12);
        if (!g) exit(1);
        grow = g;
        len += (size_t)snprintf(grow + len, 12, "%d,", i);
    }
    uint32_t h = 0;
    for (size_t i = 0; i < len; i++) h = h * 31 + (unsigned char)grow[i];
    printf("grown string: %zu bytes hash %08" PRIx32 "\n", len, h);
    free(grow);
}

struct node {
    struct node *next;
    uint32_t key;
    uint32_t seq;
};

static struct node *merge(struct node *a, struct node *b)
{
    struct node head, *t = &head;
    while (a && b) {
        if (a->key < b->key || (a->key == b->key && a->seq < b->seq)) {
            t->next = a;
            a = a->next;
        } else {
            t->next = b;
            b = b->next;
        }
        t = t->next;
    }
    t->next = a ? a : b;
    return head.next;
}

static struct node *sort_list(struct node *l)
{
    if (!l || !l->next) return l;
    struct node *slow = l, *fast = l->next;
    while (fast && fast->next) {
        slow = slow->next;
        fast = fast->next->next;
    }
    struct node *right = slow->next;
    slow->next = NULL;
    return merge(sort_list(l), sort_list(right));
}

static void lists(void)
{
    struct node *head = NULL;
    for (uint32_t i = 0; i < 50000; i++) {
        struct node *n = malloc(sizeof *n);
        n->key = next() % 50000;
        n->seq = i;
        n->next = head;
        head = n;
    }
    head = sort_list(head);
    uint32_t h = 0, count = 0, ordered = 1, prev = 0;
    for (struct node *n = head; n; n = n->next) {
        h = h * 31 + n->key * 7 + n->seq;
        if (n->key < prev) ordered = 0;
        prev = n->key;
        count++;
    }
    while (head) {
        struct node *n = head->next;
        free(head);
        head = n;
    }
    printf("list: %" PRIu32 " nodes, ordered %" PRIu32 ", hash %08" PRIx32 "\n", count, ordered, h);
}

struct treap {
    struct treap *l, *r;
    uint32_t key, prio, size;
};

static uint32_t tsize(struct treap *t)
{
    return t ? t->size : 0;
}
static void fix(struct treap *t)
{
    t->size = 1 + tsize(t->l) + tsize(t->r);
}

static void split(struct treap *t, uint32_t key, struct treap **l, struct treap **r)
{
    if (!t) {
        *l = *r = NULL;
    } else if (t->key < key) {
        split(t->r, key, &t->r, r);
        *l = t;
        fix(t);
    } else {
        split(t->l, key, l, &t->l);
        *r = t;
        fix(t);
    }
}

static struct treap *join(struct treap *a, struct treap *b)
{
    if (!a) return b;
    if (!b) return a;
    if (a->prio > b->prio) {
        a->r = join(a->r, b);
        fix(a);
        return a;
    }
    b->l = join(a, b->l);
    fix(b);
    return b;
}

static int contains(struct treap *t, uint32_t key)
{
    while (t) {
        if (key == t->key) return 1;
        t = key < t->key ? t->l : t->r;
    }
    return 0;
}

static uint32_t walk_hash(struct treap *t, uint32_t h)
{
    if (!t) return h;
    h = walk_hash(t->l, h);
    h = h * 131 + t->key;
    return walk_hash(t->r, h);
}

static void free_treap(struct treap *t)
{
    if (!t) return;
    free_treap(t->l);
    free_treap(t->r);
    free(t);
}

static void treaps(void)
{
    struct treap *root = NULL;
    uint32_t inserted = 0, deleted = 0;
    for (int i = 0; i < 60000; i++) {
        uint32_t key = next() % 20000;
        if (next() % 3) {
            if (contains(root, key)) continue;
            struct treap *n = malloc(sizeof *n);
            n->l = n->r = NULL;
            n->key = key;
            n->prio = next();
            n->size = 1;
            struct treap *a, *b;
            split(root, key, &a, &b);
            root = join(join(a, n), b);
            inserted++;
        } else {
            struct treap *a, *b, *mid, *c;
            split(root, key, &a, &b);
            split(b, key + 1, &mid, &c);
            if (mid) deleted++;
            free_treap(mid);
            root = join(a, c);
        }
    }
    printf("treap: %" PRIu32 " inserted, %" PRIu32 " deleted, size %" PRIu32 ", hash %08" PRIx32
           "\n",
           inserted, deleted, tsize(root), walk_hash(root, 0));
    free_treap(root);
}

int main(void)
{
    churn();
    zeroing_and_alignment();
    lists();
    treaps();
    return 0;
}
