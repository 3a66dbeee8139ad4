/* Structure copies and the memory functions on odd sizes and alignments:
 * struct assignment of 1 to 67-byte structures (the compiler uses inline
 * loads and stores or calls memcpy), structures passed and returned by
 * value (small ones in registers on PowerPC, larger ones through memory),
 * arrays of structures with padding, unions, memcpy/memmove/memset/memcmp
 * for every source and destination offset from 0 to 15 and lengths 0 to
 * 300 (overlapping in both directions for memmove), and unaligned 16, 32
 * and 64-bit accesses through memcpy. Only values are printed, never the
 * layout, which legitimately differs (alignment of 64-bit types is 8 on
 * both, but padding is not something to print). */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t h = 2166136261u;
static void feed_bytes(const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) h = (h ^ c[i]) * 16777619u;
}

#define DEFINE_S(N)                                                                                \
    struct s##N {                                                                                  \
        unsigned char b[N];                                                                        \
    };                                                                                             \
    static struct s##N __attribute__((noinline)) make##N(unsigned seed) {                          \
        struct s##N s;                                                                             \
        for (int i = 0; i < N; i++) s.b[i] = (unsigned char)(seed * 31 + (unsigned)i * 7);         \
        return s;                                                                                  \
    } static struct s##N __attribute__((noinline)) twist##N(struct s##N s) {                       \
        for (int i = 0; i < N; i++) s.b[i] ^= (unsigned char)(i + N);                              \
        return s;                                                                                  \
    }

DEFINE_S(1)
DEFINE_S(2)
DEFINE_S(3)
DEFINE_S(4)
DEFINE_S(5)
DEFINE_S(7)
DEFINE_S(8)
DEFINE_S(9)
DEFINE_S(12)
DEFINE_S(15)
DEFINE_S(16)
DEFINE_S(17)
DEFINE_S(31)
DEFINE_S(33)
DEFINE_S(64)
DEFINE_S(67)

#define USE_S(N)                                                                                   \
    do {                                                                                           \
        struct s##N a = make##N(N), b;                                                             \
        b = a;                                                                                     \
        struct s##N c = twist##N(b);                                                               \
        struct s##N arr[3] = {a, c, a};                                                            \
        arr[2] = twist##N(arr[1]);                                                                 \
        feed_bytes(&a, N);                                                                         \
        feed_bytes(&c, N);                                                                         \
        feed_bytes(arr, sizeof arr);                                                               \
        printf(" %d:%02x%02x", N, c.b[0], arr[2].b[N - 1]);                                        \
    } while (0)

struct mixed {
    char tag;
    int64_t big;
    uint16_t small;
    double d;
    uint8_t flags[3];
    int32_t n;
    float f;
};

static struct mixed __attribute__((noinline)) update(struct mixed m, int k)
{
    m.tag = (char)('A' + k % 26);
    m.big = m.big * 3 - k;
    m.small = (uint16_t)(m.small + k * 1000);
    m.d = m.d / 2 + k;
    m.flags[k % 3] ^= 0xff;
    m.n -= k;
    m.f *= 1.5f;
    return m;
}

static void print_mixed(const char *what, const struct mixed *m)
{
    printf("%s: tag %c big %" PRId64 " small %u d %.17g flags %02x%02x%02x n %" PRId32 " f %.9g\n",
           what, m->tag, m->big, m->small, m->d, m->flags[0], m->flags[1], m->flags[2], m->n,
           (double)m->f);
}

union pun {
    uint32_t u;
    float f;
    unsigned char b[4];
};

static void memory_functions(void)
{
    static unsigned char src[400], dst[400], ref[400];
    for (int i = 0; i < 400; i++) src[i] = (unsigned char)(i * 13 + 5);
    unsigned bad = 0;
    for (size_t so = 0; so < 16; so++) {
        for (size_t doff = 0; doff < 16; doff++) {
            for (size_t len = 0; len <= 300; len += (len < 40 ? 1 : 37)) {
                memset(dst, 0xee, sizeof dst);
                memcpy(dst + doff, src + so, len);
                for (size_t i = 0; i < 400; i++) {
                    unsigned char want = (i >= doff && i < doff + len) ? src[so + i - doff] : 0xee;
                    if (dst[i] != want) bad++;
                }
                memset(dst + doff, (int)(so * 16 + doff), len);
                for (size_t i = 0; i < 400; i++) {
                    unsigned char want =
                        (i >= doff && i < doff + len) ? (unsigned char)(so * 16 + doff) : 0xee;
                    if (dst[i] != want) bad++;
                }
                /* Overlapping memmove within one buffer, both directions. */
                memcpy(dst, src, 400);
                memcpy(ref, src, 400);
                memmove(dst + doff + 40, dst + so + 40, len);
                for (size_t i = 0; i < len; i++) ref[doff + 40 + i] = src[so + 40 + i];
                if (memcmp(dst, ref, 400) != 0) bad++;
                memcpy(dst, src, 400);
                memcpy(ref, src, 400);
                memmove(dst + so + 40, dst + doff + 40, len);
                for (size_t i = 0; i < len; i++) ref[so + 40 + i] = src[doff + 40 + i];
                if (memcmp(dst, ref, 400) != 0) bad++;
                feed_bytes(dst, 400);
                int c = memcmp(src + so, src + doff, len);
                h = h * 3 + (uint32_t)((c > 0) - (c < 0));
            }
        }
    }
    printf("memcpy/memset/memmove/memcmp: %u errors, hash %08" PRIx32 "\n", bad, h);
}

static void unaligned(void)
{
    unsigned char buf[64];
    for (int i = 0; i < 64; i++) buf[i] = (unsigned char)(0xf0 - i * 3);
    uint64_t acc = 0;
    for (int off = 0; off < 16; off++) {
        uint16_t a;
        uint32_t b;
        uint64_t c;
        double d;
        memcpy(&a, buf + off, 2);
        memcpy(&b, buf + off + 1, 4);
        memcpy(&c, buf + off + 3, 8);
        memcpy(&d, buf + off + 5, 8);
        /* Byte order differs between the hosts: combine bytes explicitly so
         * the printed value is the same on both. */
        uint64_t be = 0;
        for (int k = 0; k < 8; k++) be = be << 8 | buf[off + 3 + k];
        acc = acc * 1000003 + be;
        (void)a;
        (void)b;
        (void)c;
        (void)d;
        c ^= 0x0101010101010101ULL;
        memcpy(buf + off + 3, &c, 8);
        b = ~b;
        memcpy(buf + off + 1, &b, 4);
    }
    feed_bytes(buf, 64);
    printf("unaligned: acc %016" PRIx64 " buffer hash %08" PRIx32 "\n", acc, h);
}

int main(void)
{
    printf("sizes/checks:");
    USE_S(1);
    USE_S(2);
    USE_S(3);
    USE_S(4);
    USE_S(5);
    USE_S(7);
    USE_S(8);
    USE_S(9);
    USE_S(12);
    USE_S(15);
    USE_S(16);
    USE_S(17);
    USE_S(31);
    USE_S(33);
    USE_S(64);
    USE_S(67);
    printf("\nstruct hash %08" PRIx32 "\n", h);

    struct mixed m = {'x', -1234567890123LL, 65000, 3.5, {1, 2, 3}, -7, 0.25f};
    struct mixed arr[10];
    for (int k = 0; k < 10; k++) {
        m = update(m, k);
        arr[k] = m;
    }
    print_mixed("final", &m);
    print_mixed("arr[4]", &arr[4]);
    struct mixed copy;
    memcpy(&copy, &arr[7], sizeof copy);
    copy.n += 1;
    print_mixed("copy of arr[7], n+1", &copy);
    printf("members in order: %d %d %d\n",
           offsetof(struct mixed, big) > offsetof(struct mixed, tag),
           offsetof(struct mixed, f) > offsetof(struct mixed, n), (int)(sizeof m % 8 == 0));

    union pun p;
    p.f = -1.5f;
    printf("union: float -1.5 is %08" PRIx32 "; ", p.u);
    p.u = 0x40490fdbu;
    printf("0x40490fdb is %.9g\n", (double)p.f);
    /* Nested and anonymous members, designated initialisers, compound
     * literals. */
    struct point {
        int32_t x, y;
    };
    struct rect {
        struct point lo, hi;
        union {
            uint32_t color;
            uint8_t rgba[4];
        };
    };
    struct rect r = {.hi = {.x = 10, .y = 20}, .lo = {-3, -4}, .color = 0};
    r.rgba[0] = 0x11;
    r.rgba[3] = 0x44;
    struct rect r2 = r;
    r2.lo = (struct point){r.hi.y, r.hi.x};
    printf("rect: (%" PRId32 ",%" PRId32 ")-(%" PRId32 ",%" PRId32
           ") rgba %02x..%02x; r2.lo (%" PRId32 ",%" PRId32 ")\n",
           r.lo.x, r.lo.y, r.hi.x, r.hi.y, r2.rgba[0], r2.rgba[3], r2.lo.x, r2.lo.y);
    memory_functions();
    unaligned();
    return 0;
}
