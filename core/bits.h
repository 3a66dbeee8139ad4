/* Small helpers shared by every part of libclarus: branch hints and
 * big-endian loads/stores (guest memory is kept in guest byte order). */
#ifndef CLARUS_BITS_H
#define CLARUS_BITS_H

#include <stdint.h>
#include <string.h>

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define KiB (1024u)
#define MiB (1024u * 1024u)

static inline uint16_t load_be16(const void *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
#if defined(WORDS_BIGENDIAN)
    return v;
#else
    return __builtin_bswap16(v);
#endif
}

static inline uint32_t load_be32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
#if defined(WORDS_BIGENDIAN)
    return v;
#else
    return __builtin_bswap32(v);
#endif
}

static inline void store_be16(void *p, uint16_t v)
{
#if !defined(WORDS_BIGENDIAN)
    v = __builtin_bswap16(v);
#endif
    memcpy(p, &v, 2);
}

static inline void store_be32(void *p, uint32_t v)
{
#if !defined(WORDS_BIGENDIAN)
    v = __builtin_bswap32(v);
#endif
    memcpy(p, &v, 4);
}

static inline uint64_t load_be64(const void *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(WORDS_BIGENDIAN)
    return v;
#else
    return __builtin_bswap64(v);
#endif
}

static inline void store_be64(void *p, uint64_t v)
{
#if !defined(WORDS_BIGENDIAN)
    v = __builtin_bswap64(v);
#endif
    memcpy(p, &v, 8);
}

static inline uint16_t load_le16(const void *p)
{
    const uint8_t *b = p;
    return (uint16_t)(b[0] | b[1] << 8);
}

static inline uint32_t load_le32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline void store_le16(void *p, uint16_t v)
{
    uint8_t *b = p;
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
}

static inline void store_le32(void *p, uint32_t v)
{
    uint8_t *b = p;
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
    b[2] = (uint8_t)(v >> 16);
    b[3] = (uint8_t)(v >> 24);
}

#endif
