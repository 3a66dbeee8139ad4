/* Single-precision and mixed integer/float benchmark for
 * bench/run-ppc-user-bench.sh, the kind of work an old graphics or audio
 * program does: 8-bit image to float, a separable blur, a Sobel gradient with
 * sqrtf, back to 8 bits with rounding and a histogram; a biquad filter over
 * 16-bit audio samples with clamping; and 3D vertex transforms with a
 * perspective divide to integer screen coordinates. Every conversion between
 * int and float and every float operation is correctly rounded, so the output
 * is the same on every host (build with -ffp-contract=off).
 *
 * bench-class: fp-single
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#define IMG          384
#define IMG_ROUNDS   500
#define AUDIO_N      (1 << 16)
#define AUDIO_TAPS   40
#define AUDIO_PASSES 150
#define VERTS        4096
#define VERT_FRAMES  12000

static uint32_t rng_state = 0x2545f491u;

static uint32_t rng(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state;
}

static uint8_t img[IMG][IMG], out[IMG][IMG];
static float fa[IMG][IMG], fb[IMG][IMG];

static uint32_t image(void)
{
    static const float k[5] = {0.0625f, 0.25f, 0.375f, 0.25f, 0.0625f};
    uint32_t hist[64] = {0}, h = 0;

    for (int y = 0; y < IMG; y++)
        for (int x = 0; x < IMG; x++)
            img[y][x] = (uint8_t)(((x * x + y * 3) ^ (x * y)) + (rng() >> 29));

    for (int round = 0; round < IMG_ROUNDS; round++) {
        for (int y = 0; y < IMG; y++)
            for (int x = 0; x < IMG; x++) fa[y][x] = (float)img[y][x] * (1.0f / 255.0f);
        /* Horizontal then vertical 5-tap blur, edges clamped. */
        for (int y = 0; y < IMG; y++)
            for (int x = 0; x < IMG; x++) {
                float s = 0.0f;
                for (int t = -2; t <= 2; t++) {
                    int xx = x + t < 0 ? 0 : x + t >= IMG ? IMG - 1 : x + t;
                    s += k[t + 2] * fa[y][xx];
                }
                fb[y][x] = s;
            }
        for (int y = 0; y < IMG; y++)
            for (int x = 0; x < IMG; x++) {
                float s = 0.0f;
                for (int t = -2; t <= 2; t++) {
                    int yy = y + t < 0 ? 0 : y + t >= IMG ? IMG - 1 : y + t;
                    s += k[t + 2] * fb[yy][x];
                }
                fa[y][x] = s;
            }
        /* Sobel magnitude mixed with the blurred value. */
        for (int y = 1; y < IMG - 1; y++)
            for (int x = 1; x < IMG - 1; x++) {
                float gx = fa[y - 1][x + 1] + 2.0f * fa[y][x + 1] + fa[y + 1][x + 1] -
                           fa[y - 1][x - 1] - 2.0f * fa[y][x - 1] - fa[y + 1][x - 1];
                float gy = fa[y + 1][x - 1] + 2.0f * fa[y + 1][x] + fa[y + 1][x + 1] -
                           fa[y - 1][x - 1] - 2.0f * fa[y - 1][x] - fa[y - 1][x + 1];
                float v = 0.75f * fa[y][x] + 0.5f * sqrtf(gx * gx + gy * gy);
                if (v > 1.0f) v = 1.0f;
                int q = (int)(v * 255.0f + 0.5f);
                out[y][x] = (uint8_t)q;
                hist[q >> 2]++;
            }
        /* Feed the result back, with a little noise, for the next round. */
        for (int y = 1; y < IMG - 1; y++)
            for (int x = 1; x < IMG - 1; x++)
                img[y][x] = (uint8_t)(out[y][x] ^ (uint8_t)((x + y + round) & 7));
    }
    for (int i = 0; i < 64; i++) h = h * 16777619u ^ hist[i];
    return h;
}

static int16_t samples[AUDIO_N], filtered[AUDIO_N];

/* A biquad low-pass section and a FIR smoothing filter over 16-bit samples. */
static uint32_t audio(void)
{
    static const float b0 = 0.0675f, b1 = 0.135f, b2 = 0.0675f, a1 = -1.143f, a2 = 0.413f;
    float taps[AUDIO_TAPS];
    uint32_t h = 0;
    int32_t clipped = 0;

    for (int i = 0; i < AUDIO_TAPS; i++)
        taps[i] = (float)(AUDIO_TAPS - i) / (float)(AUDIO_TAPS * 20);
    for (int i = 0; i < AUDIO_N; i++) {
        int32_t tri = (i * 37) % 2000 - 1000;
        samples[i] = (int16_t)(tri * 20 + (int32_t)(rng() >> 20) - 2048);
    }
    for (int pass = 0; pass < AUDIO_PASSES; pass++) {
        float x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < AUDIO_N; i++) {
            float x = (float)samples[i];
            float y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            float g = y * 1.8f;
            int32_t v = (int32_t)g;
            if (v > 32767) {
                v = 32767;
                clipped++;
            } else if (v < -32768) {
                v = -32768;
                clipped++;
            }
            filtered[i] = (int16_t)v;
        }
        for (int i = AUDIO_TAPS; i < AUDIO_N; i++) {
            float acc = 0.0f;
            for (int t = 0; t < AUDIO_TAPS; t++) acc += taps[t] * (float)filtered[i - t];
            int32_t v = (int32_t)acc;
            samples[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
        }
        for (int i = 0; i < AUDIO_N; i += 3) h = (h ^ (uint16_t)samples[i]) * 0x01000193u;
    }
    return h ^ (uint32_t)clipped;
}

struct vec4 {
    float x, y, z, w;
};

static struct vec4 verts[VERTS];

/* Rotating a vertex cloud by a 4x4 matrix built from a rotation by small-angle
 * recurrences, projecting it onto a 512x384 screen and hashing the pixels. */
static uint32_t vertices(void)
{
    uint32_t h = 0, visible = 0;
    float c = 1.0f, s = 0.0f;
    const float dc = 0.99980003f, ds = 0.019998667f; /* about cos/sin of 0.02 */

    for (int i = 0; i < VERTS; i++) {
        verts[i].x = (float)((int32_t)(rng() >> 16) - 32768) / 16384.0f;
        verts[i].y = (float)((int32_t)(rng() >> 16) - 32768) / 16384.0f;
        verts[i].z = (float)((int32_t)(rng() >> 16) - 32768) / 16384.0f;
        verts[i].w = 1.0f;
    }
    for (int f = 0; f < VERT_FRAMES; f++) {
        float nc = c * dc - s * ds, ns = s * dc + c * ds;
        float norm = 1.0f / sqrtf(nc * nc + ns * ns);
        c = nc * norm;
        s = ns * norm;
        const float m[4][4] = {{c, 0.0f, s, 0.0f},
                               {s * 0.25f, 0.96824584f, -c * 0.25f, 0.0f},
                               {-s * 0.96824584f, 0.25f, c * 0.96824584f, 6.0f},
                               {0.0f, 0.0f, 0.0f, 1.0f}};
        for (int i = 0; i < VERTS; i++) {
            const struct vec4 *v = &verts[i];
            float x = m[0][0] * v->x + m[0][1] * v->y + m[0][2] * v->z + m[0][3] * v->w;
            float y = m[1][0] * v->x + m[1][1] * v->y + m[1][2] * v->z + m[1][3] * v->w;
            float z = m[2][0] * v->x + m[2][1] * v->y + m[2][2] * v->z + m[2][3] * v->w;
            if (z < 0.5f) continue;
            float inv = 1.0f / z;
            int32_t sx = (int32_t)(256.0f + x * inv * 300.0f);
            int32_t sy = (int32_t)(192.0f - y * inv * 300.0f);
            if (sx < 0 || sx >= 512 || sy < 0 || sy >= 384) continue;
            visible++;
            h = (h ^ (uint32_t)(sy * 512 + sx)) * 0x01000193u;
        }
    }
    return h ^ visible;
}

int main(void)
{
    printf("image    %08x\n", (unsigned)image());
    printf("audio    %08x\n", (unsigned)audio());
    printf("vertices %08x\n", (unsigned)vertices());
    return 0;
}
