/* Double-precision benchmark for bench/run-ppc-user-bench.sh: an n-body
 * integration (multiply, add, divide, square root), a dense matrix multiply,
 * a radix-2 complex FFT and its inverse, an escape-time Mandelbrot set, and
 * polynomial evaluation with explicit fused multiply-adds (fma(), one fmadd on
 * PowerPC). Only IEEE-754 basic operations, sqrt and fma are used, each
 * correctly rounded, so the printed figures are bit-identical on every host as
 * long as the compiler does not contract a * b + c on its own (build with
 * -ffp-contract=off).
 *
 * bench-class: fp-double
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define NBODY_STEPS 600000
#define MAT_N       120
#define MAT_REPS    120
#define FFT_LOG2    12
#define FFT_N       (1 << FFT_LOG2)
#define FFT_REPS    800
#define POLY_POINTS 40000000
#define MANDEL_SIZE 1500
#define MANDEL_ITER 200

struct body {
    double x, y, z, vx, vy, vz, m;
};

#define NB 6

static double energy(const struct body *b)
{
    double e = 0.0;
    for (int i = 0; i < NB; i++) {
        e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(struct body *b, double dt)
{
    for (int i = 0; i < NB; i++) {
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            double mi = b[i].m * mag, mj = b[j].m * mag;
            b[i].vx -= dx * mj;
            b[i].vy -= dy * mj;
            b[i].vz -= dz * mj;
            b[j].vx += dx * mi;
            b[j].vy += dy * mi;
            b[j].vz += dz * mi;
        }
    }
    for (int i = 0; i < NB; i++) {
        b[i].x += dt * b[i].vx;
        b[i].y += dt * b[i].vy;
        b[i].z += dt * b[i].vz;
    }
}

/* A heavy central body and five lighter ones on roughly circular orbits;
 * made-up figures in units where G = 1. */
static void nbody(double *e0, double *e1, double *pos)
{
    struct body b[NB];
    memset(b, 0, sizeof b);
    b[0].m = 40.0;
    for (int i = 1; i < NB; i++) {
        double r = 1.5 * i, v = sqrt(b[0].m / r);
        b[i].m = 0.01 * i;
        b[i].x = (i & 1) ? r : -r;
        b[i].y = 0.1 * i;
        b[i].z = 0.02 * i - 0.05;
        b[i].vx = 0.01 * i;
        b[i].vy = (i & 1) ? v : -v;
        b[i].vz = 0.003 * i;
    }
    /* Zero the total momentum. */
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < NB; i++) {
        px += b[i].vx * b[i].m;
        py += b[i].vy * b[i].m;
        pz += b[i].vz * b[i].m;
    }
    b[0].vx = -px / b[0].m;
    b[0].vy = -py / b[0].m;
    b[0].vz = -pz / b[0].m;

    *e0 = energy(b);
    for (int s = 0; s < NBODY_STEPS; s++) advance(b, 0.001);
    *e1 = energy(b);
    *pos = 0;
    for (int i = 0; i < NB; i++) *pos += b[i].x + b[i].y + b[i].z;
}

static double ma[MAT_N][MAT_N], mb[MAT_N][MAT_N], mc[MAT_N][MAT_N];

static double matmul(void)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            ma[i][j] = (double)((i * 7 + j * 3) % 17) / 8.0 - 1.0;
            mb[i][j] = 1.0 / (double)(i + 2 * j + 1);
        }
    double trace = 0.0;
    for (int rep = 0; rep < MAT_REPS; rep++) {
        for (int i = 0; i < MAT_N; i++) {
            for (int j = 0; j < MAT_N; j++) mc[i][j] = 0.0;
            for (int k = 0; k < MAT_N; k++) {
                double aik = ma[i][k];
                for (int j = 0; j < MAT_N; j++) mc[i][j] += aik * mb[k][j];
            }
        }
        /* Feed the product back in, scaled, so each repetition differs. */
        for (int i = 0; i < MAT_N; i++) {
            trace += mc[i][i];
            for (int j = 0; j < MAT_N; j++) ma[i][j] = mc[i][j] * 0.25 + ma[i][j] * 0.5;
        }
    }
    return trace;
}

static double re[FFT_N], im[FFT_N], wr[FFT_N / 2], wi[FFT_N / 2];

/* Twiddle factors from cos(pi) = -1 by half-angle steps and repeated complex
 * multiplication: square roots only, no libm trigonometry. */
static void fft_init(void)
{
    double c = -1.0, s = 0.0;
    for (int k = 1; k < FFT_LOG2; k++) {
        s = sqrt((1.0 - c) / 2.0);
        c = sqrt((1.0 + c) / 2.0);
    }
    wr[0] = 1.0;
    wi[0] = 0.0;
    for (int k = 1; k < FFT_N / 2; k++) {
        wr[k] = wr[k - 1] * c + wi[k - 1] * s;
        wi[k] = wi[k - 1] * c - wr[k - 1] * s;
    }
}

static void fft(int inverse)
{
    for (uint32_t i = 1, j = 0; i < FFT_N; i++) {
        uint32_t bit = FFT_N >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
            double t = re[i];
            re[i] = re[j];
            re[j] = t;
            t = im[i];
            im[i] = im[j];
            im[j] = t;
        }
    }
    for (int len = 2; len <= FFT_N; len <<= 1) {
        int step = FFT_N / len;
        for (int i = 0; i < FFT_N; i += len) {
            for (int k = 0; k < len / 2; k++) {
                double c = wr[k * step], s = inverse ? -wi[k * step] : wi[k * step];
                int p = i + k, q = i + k + len / 2;
                double tr = re[q] * c - im[q] * s, ti = re[q] * s + im[q] * c;
                re[q] = re[p] - tr;
                im[q] = im[p] - ti;
                re[p] += tr;
                im[p] += ti;
            }
        }
    }
    if (inverse) {
        for (int i = 0; i < FFT_N; i++) {
            re[i] /= FFT_N;
            im[i] /= FFT_N;
        }
    }
}

static double fft_bench(double *err)
{
    double spec = 0.0;
    *err = 0.0;
    fft_init();
    for (int rep = 0; rep < FFT_REPS; rep++) {
        for (int i = 0; i < FFT_N; i++) {
            re[i] = (double)((i * (rep + 3)) % 101) / 50.0 - 1.0;
            im[i] = (double)((i * 13 + rep) % 37) / 36.0;
        }
        double r0 = re[5], i0 = im[7];
        fft(0);
        for (int i = 0; i < FFT_N; i += 64) spec += re[i] * re[i] + im[i] * im[i];
        fft(1);
        double e = fabs(re[5] - r0) + fabs(im[7] - i0);
        if (e > *err) *err = e;
    }
    return spec;
}

/* A degree-11 polynomial by Horner's rule, each step one fused multiply-add;
 * and a dot product of the values with fused accumulation. */
static double poly(void)
{
    static const double c[12] = {1.0,       -0.5,       0.3125,      -0.2109375,
                                 0.1552734, -0.1207275, 0.0969009,   -0.07942,
                                 0.0661793, -0.055944,  0.047849655, -0.0412};
    double sum = 0.0, dot = 0.0;
    for (int i = 0; i < POLY_POINTS; i++) {
        double x = (double)(i % 20000) / 20000.0 - 0.5;
        double y = c[11];
        for (int k = 10; k >= 0; k--) y = fma(y, x, c[k]);
        sum += y;
        dot = fma(y, x, dot);
    }
    return sum + dot;
}

/* Escape-time Mandelbrot set: data-dependent loop lengths and compares. */
static uint32_t mandel(void)
{
    uint32_t total = 0;
    for (int py = 0; py < MANDEL_SIZE; py++) {
        double ci = (double)py * (2.5 / MANDEL_SIZE) - 1.25;
        for (int px = 0; px < MANDEL_SIZE; px++) {
            double cr = (double)px * (3.0 / MANDEL_SIZE) - 2.1, zr = 0.0, zi = 0.0;
            int n = 0;
            while (n < MANDEL_ITER) {
                double r2 = zr * zr, i2 = zi * zi;
                if (r2 + i2 > 4.0) break;
                zi = 2.0 * zr * zi + ci;
                zr = r2 - i2 + cr;
                n++;
            }
            total = total * 31 + (uint32_t)n;
        }
    }
    return total;
}

int main(void)
{
    double e0, e1, pos, err;
    nbody(&e0, &e1, &pos);
    printf("nbody    %.17g %.17g %.17g\n", e0, e1, pos);
    printf("matmul   %.17g\n", matmul());
    double spec = fft_bench(&err);
    printf("fft      %.17g roundtrip %s\n", spec, err < 1e-9 ? "ok" : "BAD");
    printf("poly     %.17g\n", poly());
    printf("mandel   %08x\n", (unsigned)mandel());
    return 0;
}
