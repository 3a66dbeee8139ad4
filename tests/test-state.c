/* Save-state container: round trip, tolerance of newer chunks, and refusal
 * of corrupt or truncated images. */
#include <glib.h>
#include <string.h>

#include "state.h"

static uint8_t *make_image(size_t *len)
{
    st_writer *w = st_writer_new();
    st_begin_chunk(w, "cpu", 3);
    st_put_u32(w, 0xdeadbeef);
    st_put_u16(w, 0x1234);
    st_put_u64(w, 0x0102030405060708ull);
    st_put_bool(w, true);
    st_put_str(w, "68000");
    st_end_chunk(w);
    st_begin_chunk(w, "via1", 1);
    st_put_u8(w, 0x7f);
    st_put_u8(w, 0x80); /* a field this reader's "via1" v1 does not know */
    st_end_chunk(w);
    return st_writer_finish(w, len);
}

static void test_round_trip(void)
{
    size_t len;
    uint8_t *img = make_image(&len);
    /* explicit little-endian encoding, independent of the host */
    g_assert_cmpmem(img, 8, "CLARUSST", 8);
    g_assert_cmpuint(img[12 + 32], ==, 0xef);
    g_assert_cmpuint(img[12 + 35], ==, 0xde);

    GError *err = NULL;
    st_reader *r = st_reader_new(img, len, &err);
    g_assert_no_error(err);
    const char *id;
    uint16_t ver;
    g_assert_true(st_next_chunk(r, &id, &ver));
    g_assert_cmpstr(id, ==, "cpu");
    g_assert_cmpuint(ver, ==, 3);
    g_assert_cmphex(st_get_u32(r), ==, 0xdeadbeef);
    g_assert_cmphex(st_get_u16(r), ==, 0x1234);
    g_assert_cmphex(st_get_u64(r), ==, 0x0102030405060708ull);
    g_assert_true(st_get_bool(r));
    char *s = st_get_str(r);
    g_assert_cmpstr(s, ==, "68000");
    g_free(s);
    g_assert_cmpuint(st_remaining(r), ==, 0);
    g_assert_true(st_chunk_ok(r));
    /* reading past the end gives zeros and marks the chunk */
    g_assert_cmpuint(st_get_u32(r), ==, 0);
    g_assert_false(st_chunk_ok(r));

    g_assert_true(st_next_chunk(r, &id, &ver));
    g_assert_cmpstr(id, ==, "via1");
    g_assert_cmpuint(st_get_u8(r), ==, 0x7f);
    /* the reader stops early: the trailing byte is skipped, next chunk is END */
    g_assert_false(st_next_chunk(r, &id, &ver));

    g_assert_true(st_find_chunk(r, "via1", &ver));
    g_assert_cmpuint(st_get_u8(r), ==, 0x7f);
    g_assert_false(st_find_chunk(r, "scsi0", &ver));
    st_reader_free(r);
    g_free(img);
}

static void expect_refused(const uint8_t *img, size_t len, const char *what)
{
    GError *err = NULL;
    st_reader *r = st_reader_new(img, len, &err);
    g_assert_null(r);
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, what));
    g_error_free(err);
}

static void test_corrupt(void)
{
    size_t len;
    uint8_t *img = make_image(&len);
    uint8_t *bad = g_memdup2(img, len);
    bad[12 + 33] ^= 1; /* one payload bit */
    expect_refused(bad, len, "CRC");
    memcpy(bad, img, len);
    bad[0] = 'X';
    expect_refused(bad, len, "magic");
    memcpy(bad, img, len);
    bad[8] = 9; /* future major version */
    expect_refused(bad, len, "format 9");
    for (size_t cut = 0; cut < len; cut++) {
        GError *err = NULL;
        st_reader *r = st_reader_new(img, cut, &err);
        g_assert_null(r);
        g_assert_nonnull(err);
        g_error_free(err);
    }
    memcpy(bad, img, len);
    bad[12 + 28] = 0xff; /* the first chunk claims more bytes than there are */
    bad[12 + 29] = 0xff;
    expect_refused(bad, len, "truncated");
    g_free(bad);
    g_free(img);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/state/round-trip", test_round_trip);
    g_test_add_func("/state/corrupt", test_corrupt);
    return g_test_run();
}
