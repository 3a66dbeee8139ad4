/* A "real program" benchmark for bench/run-ppc-user-bench.sh: a small
 * compressor and decompressor. LZ77 with hash chains over a 64 KiB window
 * finds matches; an adaptive binary range coder (11-bit probabilities, bit
 * trees for literals, lengths and distances) codes the tokens; the decoder
 * reverses both and the result is checked against the input. The inputs are
 * generated text-like and table-like data. Prints sizes and checksums per
 * round; the output is the same on every host.
 *
 * bench-class: mixed
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS     45
#define INPUT_SIZE (600 * 1024)
#define WIN_BITS   16
#define WIN_SIZE   (1u << WIN_BITS)
#define HASH_BITS  15
#define MAX_CHAIN  24
#define MIN_MATCH  3
#define MAX_MATCH  258

static uint32_t rng_state = 12345u;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Text from a small vocabulary with a skewed word choice, interleaved with
 * lines of a number table. */
static uint32_t make_input(unsigned char *buf, uint32_t size)
{
    static const char *vocab[] = {
        "the",     "of",     "and",    "emulator",  "register", "memory",    "a",
        "to",      "in",     "is",     "PowerPC",   "branch",   "cache",     "page",
        "table",   "opcode", "for",    "with",      "segment",  "exception", "vector",
        "machine", "clock",  "timer",  "interrupt", "load",     "store",     "word",
        "byte",    "ROM",    "driver", "floppy",    "SCSI",     "video",     "sound"};
    const uint32_t nvocab = sizeof vocab / sizeof vocab[0];
    uint32_t n = 0, line = 0;
    while (n < size - 300) {
        if (line % 7 == 6) {
            /* Each rng() call in its own initializer: the order in which
             * function arguments are evaluated is unspecified. */
            uint32_t id = rng(), qty = rng() % 100000, letter = rng() % 26;
            n += (uint32_t)snprintf((char *)buf + n, 300, "%08x %6u %6u %c\n", (unsigned)id,
                                    (unsigned)qty, (unsigned)line, (char)('A' + letter));
        } else {
            uint32_t words = 6 + rng() % 10;
            for (uint32_t w = 0; w < words; w++) {
                uint32_t r = rng();
                uint32_t k = (r % nvocab) * ((r >> 8) % nvocab) / nvocab; /* skewed */
                size_t l = strlen(vocab[k]);
                memcpy(buf + n, vocab[k], l);
                n += (uint32_t)l;
                buf[n++] = w + 1 < words ? ' ' : '\n';
            }
        }
        line++;
    }
    return n;
}

/* The range coder: LZMA-style carry handling through a cached byte. */
struct enc {
    uint64_t low;
    uint32_t range, cache_size;
    unsigned char cache;
    unsigned char *out;
    uint32_t pos;
};

static void enc_shift(struct enc *e)
{
    if ((uint32_t)e->low < 0xff000000u || (e->low >> 32) != 0) {
        unsigned char carry = (unsigned char)(e->low >> 32), t = e->cache;
        do {
            e->out[e->pos++] = (unsigned char)(t + carry);
            t = 0xff;
        } while (--e->cache_size != 0);
        e->cache = (unsigned char)(e->low >> 24);
    }
    e->cache_size++;
    e->low = (e->low & 0x00ffffffu) << 8;
}

static void enc_bit(struct enc *e, uint16_t *p, int bit)
{
    uint32_t bound = (e->range >> 11) * *p;
    if (!bit) {
        e->range = bound;
        *p += (2048 - *p) >> 5;
    } else {
        e->low += bound;
        e->range -= bound;
        *p -= *p >> 5;
    }
    while (e->range < (1u << 24)) {
        e->range <<= 8;
        enc_shift(e);
    }
}

static void enc_tree(struct enc *e, uint16_t *probs, int bits, uint32_t v)
{
    uint32_t m = 1;
    for (int i = bits - 1; i >= 0; i--) {
        int b = (int)(v >> i) & 1;
        enc_bit(e, &probs[m], b);
        m = (m << 1) | (uint32_t)b;
    }
}

struct dec {
    uint32_t range, code;
    const unsigned char *in;
    uint32_t pos, size;
};

static unsigned char dec_byte(struct dec *d)
{
    return d->pos < d->size ? d->in[d->pos++] : 0;
}

static int dec_bit(struct dec *d, uint16_t *p)
{
    uint32_t bound = (d->range >> 11) * *p;
    int bit;
    if (d->code < bound) {
        d->range = bound;
        *p += (2048 - *p) >> 5;
        bit = 0;
    } else {
        d->code -= bound;
        d->range -= bound;
        *p -= *p >> 5;
        bit = 1;
    }
    while (d->range < (1u << 24)) {
        d->range <<= 8;
        d->code = (d->code << 8) | dec_byte(d);
    }
    return bit;
}

static uint32_t dec_tree(struct dec *d, uint16_t *probs, int bits)
{
    uint32_t m = 1;
    for (int i = 0; i < bits; i++) m = (m << 1) | (uint32_t)dec_bit(d, &probs[m]);
    return m - (1u << bits);
}

/* The adaptive model shared by both directions. */
struct model {
    uint16_t is_match[4];
    uint16_t lit[8][256];
    uint16_t len[256];
    uint16_t dist_hi[256];
    uint16_t dist_lo[4][256];
};

static void model_init(struct model *m)
{
    uint16_t *p = (uint16_t *)m;
    for (size_t i = 0; i < sizeof *m / sizeof *p; i++) p[i] = 1024;
}

static uint32_t hash3(const unsigned char *p)
{
    uint32_t v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

static uint32_t compress(const unsigned char *in, uint32_t n, unsigned char *out, uint32_t *matches)
{
    static int32_t head[1 << HASH_BITS], prev[WIN_SIZE];
    static struct model m;
    struct enc e = {0, 0xffffffffu, 1, 0, out, 0};
    uint32_t state = 0, i = 0;

    model_init(&m);
    for (uint32_t k = 0; k < (1u << HASH_BITS); k++) head[k] = -1;
    *matches = 0;
    while (i < n) {
        uint32_t best_len = 0, best_dist = 0;
        if (i + MIN_MATCH <= n) {
            uint32_t h = hash3(in + i);
            int32_t cand = head[h];
            uint32_t limit = n - i < MAX_MATCH ? n - i : MAX_MATCH;
            for (int chain = 0; chain < MAX_CHAIN && cand >= 0; chain++) {
                uint32_t dist = i - (uint32_t)cand;
                if (dist > WIN_SIZE - 1) break;
                if (in[cand + (int32_t)best_len] == in[i + best_len]) {
                    uint32_t l = 0;
                    while (l < limit && in[(uint32_t)cand + l] == in[i + l]) l++;
                    if (l > best_len) {
                        best_len = l;
                        best_dist = dist;
                        if (l == limit) break;
                    }
                }
                cand = prev[(uint32_t)cand & (WIN_SIZE - 1)];
            }
            prev[i & (WIN_SIZE - 1)] = head[h];
            head[h] = (int32_t)i;
        }
        if (best_len >= MIN_MATCH) {
            enc_bit(&e, &m.is_match[state], 1);
            enc_tree(&e, m.len, 8, best_len - MIN_MATCH);
            enc_tree(&e, m.dist_hi, 8, best_dist >> 8);
            enc_tree(&e, m.dist_lo[best_len > 4 ? 3 : best_len - MIN_MATCH], 8, best_dist & 0xff);
            /* Insert the covered positions into the hash chains. */
            for (uint32_t k = 1; k < best_len; k++) {
                uint32_t p = i + k;
                if (p + MIN_MATCH <= n) {
                    uint32_t h = hash3(in + p);
                    prev[p & (WIN_SIZE - 1)] = head[h];
                    head[h] = (int32_t)p;
                }
            }
            i += best_len;
            state = ((state << 1) | 1) & 3;
            (*matches)++;
        } else {
            enc_bit(&e, &m.is_match[state], 0);
            enc_tree(&e, m.lit[i ? in[i - 1] >> 5 : 0], 8, in[i]);
            i++;
            state = (state << 1) & 3;
        }
    }
    for (int k = 0; k < 5; k++) enc_shift(&e);
    return e.pos;
}

static uint32_t decompress(const unsigned char *in, uint32_t size, unsigned char *out, uint32_t n)
{
    static struct model m;
    struct dec d = {0xffffffffu, 0, in, 0, size};
    uint32_t state = 0, o = 0;

    model_init(&m);
    for (int k = 0; k < 5; k++) d.code = (d.code << 8) | dec_byte(&d);
    while (o < n) {
        if (dec_bit(&d, &m.is_match[state])) {
            uint32_t len = dec_tree(&d, m.len, 8) + MIN_MATCH;
            uint32_t dist = dec_tree(&d, m.dist_hi, 8) << 8;
            dist |= dec_tree(&d, m.dist_lo[len > 4 ? 3 : len - MIN_MATCH], 8);
            if (dist == 0 || dist > o || len > n - o) return o; /* corrupt */
            for (uint32_t k = 0; k < len; k++, o++) out[o] = out[o - dist];
            state = ((state << 1) | 1) & 3;
        } else {
            out[o] = (unsigned char)dec_tree(&d, m.lit[o ? out[o - 1] >> 5 : 0], 8);
            o++;
            state = (state << 1) & 3;
        }
    }
    return o;
}

static uint32_t fnv(const unsigned char *p, uint32_t n)
{
    uint32_t h = 0x811c9dc5u;
    for (uint32_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x01000193u;
    return h;
}

int main(void)
{
    unsigned char *in = malloc(INPUT_SIZE), *packed = malloc(INPUT_SIZE + INPUT_SIZE / 2),
                  *back = malloc(INPUT_SIZE);
    uint32_t total_in = 0, total_out = 0, sum = 0;

    if (!in || !packed || !back) {
        fprintf(stderr, "compress: out of memory\n");
        return 1;
    }
    for (int round = 0; round < ROUNDS; round++) {
        uint32_t n = make_input(in, INPUT_SIZE), matches;
        uint32_t c = compress(in, n, packed, &matches);
        memset(back, 0, n);
        uint32_t d = decompress(packed, c, back, n);
        if (d != n || memcmp(in, back, n) != 0) {
            fprintf(stderr, "compress: round %d did not survive the round trip\n", round);
            return 1;
        }
        printf("round %d: %u -> %u bytes, %u matches, packed %08x\n", round, (unsigned)n,
               (unsigned)c, (unsigned)matches, (unsigned)fnv(packed, c));
        total_in += n;
        total_out += c;
        sum = sum * 31 + fnv(packed, c);
    }
    printf("total %u -> %u bytes, checksum %08x\n", (unsigned)total_in, (unsigned)total_out,
           (unsigned)sum);
    free(back);
    free(packed);
    free(in);
    return 0;
}
