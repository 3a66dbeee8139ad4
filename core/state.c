#include "state.h"

#include <string.h>
#include <zlib.h>

#include "bits.h"

struct st_writer {
    GByteArray *buf;
    size_t chunk_start; /* offset of the open chunk's header, or SIZE_MAX */
};

struct st_reader {
    const uint8_t *data;
    size_t len;
    size_t next;     /* offset of the next chunk header */
    size_t pos, end; /* the current chunk's payload */
    bool overrun;
    uint16_t minor;
    char id[ST_ID_LEN];
};

static void put_le(GByteArray *b, uint64_t v, unsigned n)
{
    uint8_t tmp[8];
    for (unsigned i = 0; i < n; i++) tmp[i] = (uint8_t)(v >> (8 * i));
    g_byte_array_append(b, tmp, n);
}

st_writer *st_writer_new(void)
{
    st_writer *w = g_new0(st_writer, 1);
    w->buf = g_byte_array_new();
    w->chunk_start = SIZE_MAX;
    g_byte_array_append(w->buf, (const guint8 *)ST_MAGIC, 8);
    put_le(w->buf, ST_MAJOR, 2);
    put_le(w->buf, ST_MINOR, 2);
    return w;
}

void st_writer_free(st_writer *w)
{
    if (!w) return;
    g_byte_array_free(w->buf, TRUE);
    g_free(w);
}

void st_begin_chunk(st_writer *w, const char *id, uint16_t version)
{
    g_assert(w->chunk_start == SIZE_MAX);
    uint8_t name[ST_ID_LEN] = {0};
    g_assert(strlen(id) < ST_ID_LEN);
    memcpy(name, id, strlen(id));
    w->chunk_start = w->buf->len;
    g_byte_array_append(w->buf, name, ST_ID_LEN);
    put_le(w->buf, version, 2);
    put_le(w->buf, 0, 2); /* flags: none defined yet */
    put_le(w->buf, 0, 4); /* length, patched by st_end_chunk */
}

void st_end_chunk(st_writer *w)
{
    g_assert(w->chunk_start != SIZE_MAX);
    size_t payload = w->buf->len - w->chunk_start - ST_CHUNK_HEAD;
    store_le32(w->buf->data + w->chunk_start + ST_ID_LEN + 4, (uint32_t)payload);
    w->chunk_start = SIZE_MAX;
}

void st_put_u8(st_writer *w, uint8_t v)
{
    put_le(w->buf, v, 1);
}
void st_put_u16(st_writer *w, uint16_t v)
{
    put_le(w->buf, v, 2);
}
void st_put_u32(st_writer *w, uint32_t v)
{
    put_le(w->buf, v, 4);
}
void st_put_u64(st_writer *w, uint64_t v)
{
    put_le(w->buf, v, 8);
}
void st_put_bool(st_writer *w, bool v)
{
    put_le(w->buf, v ? 1 : 0, 1);
}
void st_put_bytes(st_writer *w, const void *p, size_t n)
{
    g_byte_array_append(w->buf, p, (guint)n);
}

void st_put_str(st_writer *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    st_put_u32(w, (uint32_t)n);
    st_put_bytes(w, s, n);
}

static uint32_t crc_of(const uint8_t *p, size_t n)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    while (n > 0) {
        uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;
        crc = crc32(crc, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return (uint32_t)crc;
}

uint8_t *st_writer_finish(st_writer *w, size_t *len)
{
    if (w->chunk_start != SIZE_MAX) st_end_chunk(w);
    st_begin_chunk(w, "END", 0);
    uint32_t crc = crc_of(w->buf->data, w->buf->len - ST_CHUNK_HEAD);
    st_put_u32(w, crc);
    st_end_chunk(w);
    *len = w->buf->len;
    uint8_t *data = g_byte_array_free(w->buf, FALSE);
    g_free(w);
    return data;
}

st_reader *st_reader_new(const uint8_t *data, size_t len, GError **err)
{
    if (len < ST_HEADER_SIZE || memcmp(data, ST_MAGIC, 8) != 0) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "not a Clarus save state (bad magic)");
        return NULL;
    }
    uint16_t major = load_le16(data + 8);
    if (major != ST_MAJOR) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "save state format %u is not supported (this Clarus reads format %u)", major,
                    ST_MAJOR);
        return NULL;
    }
    /* Walk every chunk header before trusting any payload. */
    size_t off = ST_HEADER_SIZE;
    bool ended = false;
    while (off < len) {
        if (len - off < ST_CHUNK_HEAD) {
            g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "save state truncated inside a chunk header at byte %zu", off);
            return NULL;
        }
        uint32_t clen = load_le32(data + off + ST_ID_LEN + 4);
        if (clen > len - off - ST_CHUNK_HEAD) {
            g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "save state truncated: chunk at byte %zu claims %u bytes", off, clen);
            return NULL;
        }
        if (memcmp(data + off, "END\0", 4) == 0) {
            if (clen != 4 || off + ST_CHUNK_HEAD + 4 != len) {
                g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                            "save state has a bad END chunk");
                return NULL;
            }
            uint32_t want = load_le32(data + off + ST_CHUNK_HEAD);
            if (crc_of(data, off) != want) {
                g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                            "save state is corrupt (CRC mismatch)");
                return NULL;
            }
            ended = true;
            break;
        }
        off += ST_CHUNK_HEAD + clen;
    }
    if (!ended) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "save state truncated (no END chunk)");
        return NULL;
    }
    st_reader *r = g_new0(st_reader, 1);
    r->data = data;
    r->len = off; /* the END chunk is not handed out */
    r->next = ST_HEADER_SIZE;
    r->minor = load_le16(data + 10);
    return r;
}

void st_reader_free(st_reader *r)
{
    g_free(r);
}

uint16_t st_minor_version(const st_reader *r)
{
    return r->minor;
}

bool st_next_chunk(st_reader *r, const char **id, uint16_t *version)
{
    if (r->next >= r->len) return false;
    const uint8_t *h = r->data + r->next;
    memcpy(r->id, h, ST_ID_LEN);
    r->id[ST_ID_LEN - 1] = 0;
    uint32_t clen = load_le32(h + ST_ID_LEN + 4);
    r->pos = r->next + ST_CHUNK_HEAD;
    r->end = r->pos + clen;
    r->next = r->end;
    r->overrun = false;
    if (id) *id = r->id;
    if (version) *version = load_le16(h + ST_ID_LEN);
    return true;
}

bool st_find_chunk(st_reader *r, const char *id, uint16_t *version)
{
    r->next = ST_HEADER_SIZE;
    const char *cid;
    while (st_next_chunk(r, &cid, version))
        if (strcmp(cid, id) == 0) return true;
    return false;
}

static const uint8_t *take(st_reader *r, size_t n)
{
    if (r->overrun || r->end - r->pos < n) {
        r->overrun = true;
        r->pos = r->end;
        return NULL;
    }
    const uint8_t *p = r->data + r->pos;
    r->pos += n;
    return p;
}

static uint64_t get_le(st_reader *r, unsigned n)
{
    const uint8_t *p = take(r, n);
    uint64_t v = 0;
    if (p)
        for (unsigned i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
    return v;
}

uint8_t st_get_u8(st_reader *r)
{
    return (uint8_t)get_le(r, 1);
}
uint16_t st_get_u16(st_reader *r)
{
    return (uint16_t)get_le(r, 2);
}
uint32_t st_get_u32(st_reader *r)
{
    return (uint32_t)get_le(r, 4);
}
uint64_t st_get_u64(st_reader *r)
{
    return get_le(r, 8);
}
bool st_get_bool(st_reader *r)
{
    return get_le(r, 1) != 0;
}

void st_get_bytes(st_reader *r, void *p, size_t n)
{
    const uint8_t *src = take(r, n);
    if (src)
        memcpy(p, src, n);
    else
        memset(p, 0, n);
}

char *st_get_str(st_reader *r)
{
    uint32_t n = st_get_u32(r);
    const uint8_t *p = take(r, n);
    return p ? g_strndup((const char *)p, n) : g_strdup("");
}

size_t st_remaining(const st_reader *r)
{
    return r->end - r->pos;
}
bool st_chunk_ok(const st_reader *r)
{
    return !r->overrun;
}
