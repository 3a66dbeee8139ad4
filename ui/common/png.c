#include "ui/common/png.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "machines/session.h"

#ifdef HAVE_PNG
#include <png.h>

bool png_write_rgb(const char *path, const uint32_t *pixels, unsigned w, unsigned h, GError **err)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "cannot write %s: %s", path,
                    strerror(errno));
        return false;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    uint8_t *row = g_malloc((size_t)w * 3);
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        fclose(f);
        g_free(row);
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "cannot write the PNG %s", path);
        return false;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (unsigned y = 0; y < h; y++) {
        for (unsigned x = 0; x < w; x++) {
            uint32_t p = pixels[(size_t)y * w + x];
            row[x * 3] = (uint8_t)(p >> 16);
            row[x * 3 + 1] = (uint8_t)(p >> 8);
            row[x * 3 + 2] = (uint8_t)p;
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    g_free(row);
    if (fclose(f) != 0) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST, "cannot write %s: %s", path,
                    strerror(errno));
        return false;
    }
    return true;
}
#else
bool png_write_rgb(const char *path, const uint32_t *pixels, unsigned w, unsigned h, GError **err)
{
    (void)pixels, (void)w, (void)h;
    g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_HOST,
                "cannot write %s: this build has no libpng (apt-get install libpng-dev)", path);
    return false;
}
#endif
