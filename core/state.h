/* Save-state container: a versioned sequence of chunks, one per device.
 *
 *   "CLARUSST"  u16 major  u16 minor
 *   chunk*      char id[24] (NUL padded), u16 version, u16 flags, u32 length, payload
 *   "END" chunk whose 4-byte payload is the CRC-32 of every byte before it
 *
 * Every integer is little-endian and written field by field (never a struct
 * image). A reader rejects an unknown major version, a bad CRC or a chunk
 * that overruns the file; it hands each chunk's version to the device, which
 * reads what it knows and ignores trailing bytes a newer writer appended.
 * Reading past the end of a chunk yields zeros and marks the chunk bad.
 */
#ifndef CLARUS_STATE_H
#define CLARUS_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#define ST_MAGIC       "CLARUSST"
#define ST_MAJOR       1
#define ST_MINOR       0
#define ST_ID_LEN      24
#define ST_HEADER_SIZE 12
#define ST_CHUNK_HEAD  32

typedef struct st_writer st_writer;
typedef struct st_reader st_reader;

st_writer *st_writer_new(void);
void st_writer_free(st_writer *w);
/* Chunks do not nest. id: up to 23 characters. */
void st_begin_chunk(st_writer *w, const char *id, uint16_t version);
void st_end_chunk(st_writer *w);
void st_put_u8(st_writer *w, uint8_t v);
void st_put_u16(st_writer *w, uint16_t v);
void st_put_u32(st_writer *w, uint32_t v);
void st_put_u64(st_writer *w, uint64_t v);
void st_put_bool(st_writer *w, bool v);
void st_put_bytes(st_writer *w, const void *p, size_t n);
void st_put_str(st_writer *w, const char *s); /* u32 length + bytes */
/* Appends the END chunk and returns the whole image (caller frees with
 * g_free); the writer is freed. */
uint8_t *st_writer_finish(st_writer *w, size_t *len);

/* Validates the header, every chunk boundary and the CRC. The data must
 * outlive the reader. */
st_reader *st_reader_new(const uint8_t *data, size_t len, GError **err);
void st_reader_free(st_reader *r);
/* Iterates chunks in file order; false after the last. */
bool st_next_chunk(st_reader *r, const char **id, uint16_t *version);
/* Positions on the first chunk with this id; false if there is none. */
bool st_find_chunk(st_reader *r, const char *id, uint16_t *version);
uint8_t st_get_u8(st_reader *r);
uint16_t st_get_u16(st_reader *r);
uint32_t st_get_u32(st_reader *r);
uint64_t st_get_u64(st_reader *r);
bool st_get_bool(st_reader *r);
void st_get_bytes(st_reader *r, void *p, size_t n);
char *st_get_str(st_reader *r); /* g_free the result */
/* Bytes left in the current chunk; false once a read has overrun it. */
size_t st_remaining(const st_reader *r);
bool st_chunk_ok(const st_reader *r);
uint16_t st_minor_version(const st_reader *r);

#endif
