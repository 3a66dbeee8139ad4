/* png-compare A.png B.png [CHANNEL_TOL [MAX_PERCENT]]
 *
 * Compares two screenshots pixel by pixel. A pixel differs when one of its
 * red, green or blue values differs by more than CHANNEL_TOL (default 8);
 * the images match when they have the same size and at most MAX_PERCENT
 * (default 0.5) of the pixels differ. Prints the verdict and the figures;
 * exit 0 on a match, 1 on a mismatch, 2 when a file cannot be read. */
#include <stdio.h>
#include <stdlib.h>

#include <png.h>

typedef struct {
    unsigned w, h;
    png_bytep px; /* RGBA */
} image;

static int load(const char *path, image *im)
{
    png_image p = {0};
    p.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&p, path)) {
        fprintf(stderr, "png-compare: %s: %s\n", path, p.message);
        return 0;
    }
    p.format = PNG_FORMAT_RGBA;
    im->w = p.width, im->h = p.height;
    im->px = malloc(PNG_IMAGE_SIZE(p));
    if (!im->px || !png_image_finish_read(&p, NULL, im->px, 0, NULL)) {
        fprintf(stderr, "png-compare: %s: %s\n", path, p.message);
        return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 5) {
        fprintf(stderr, "usage: png-compare A.png B.png [CHANNEL_TOL [MAX_PERCENT]]\n");
        return 2;
    }
    int tol = argc > 3 ? atoi(argv[3]) : 8;
    double max_pct = argc > 4 ? atof(argv[4]) : 0.5;
    image a, b;
    if (!load(argv[1], &a) || !load(argv[2], &b)) return 2;
    if (a.w != b.w || a.h != b.h) {
        printf("size differs: %ux%u vs %ux%u\n", a.w, a.h, b.w, b.h);
        return 1;
    }
    size_t n = (size_t)a.w * a.h, diff = 0;
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < 3; c++) {
            if (abs(a.px[i * 4 + c] - b.px[i * 4 + c]) > tol) {
                diff++;
                break;
            }
        }
    }
    double pct = 100.0 * (double)diff / (double)n;
    printf("%ux%u, %zu of %zu pixels differ by more than %d (%.3f%%, limit %.3f%%)\n", a.w, a.h,
           diff, n, tol, pct, max_pct);
    free(a.px);
    free(b.px);
    return pct <= max_pct ? 0 : 1;
}
