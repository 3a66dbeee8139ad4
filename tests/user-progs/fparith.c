/* Double-precision arithmetic printed with printf: series, compensated
 * summation, Newton iterations, Gaussian elimination on an ill-conditioned
 * (Hilbert) matrix, a Mandelbrot escape-count table, polynomial evaluation
 * and a running checksum of the exact bit patterns of thousands of results.
 * Every operation is a correctly rounded IEEE 754 operation in
 * round-to-nearest, so the bits must agree exactly with the host. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static uint64_t sum_hash;
static void feed(double d)
{
    sum_hash = (sum_hash ^ bits(d)) * 0x100000001b3ULL;
    sum_hash ^= sum_hash >> 31;
}

static void series(void)
{
    double h = 0, hr = 0, pi4 = 0, e = 1, term = 1, zeta2 = 0;
    for (int i = 1; i <= 100000; i++) {
        h += 1.0 / i;
        pi4 += (i & 1 ? 1.0 : -1.0) / (2 * i - 1);
        zeta2 += 1.0 / ((double)i * i);
        feed(h);
        feed(pi4);
    }
    for (int i = 100000; i >= 1; i--) hr += 1.0 / i;
    for (int i = 1; i < 25; i++) {
        term /= i;
        e += term;
    }
    printf("harmonic(1e5) forward %.17g backward %.17g\n", h, hr);
    printf("leibniz pi %.17g zeta(2) %.17g e %.17g\n", 4 * pi4, zeta2, e);
    /* Kahan summation of 0.1 a million times. */
    double s = 0, c = 0, naive = 0;
    for (int i = 0; i < 1000000; i++) {
        double y = 0.1 - c;
        double t = s + y;
        c = (t - s) - y;
        s = t;
        naive += 0.1;
    }
    printf("0.1 x 1e6: naive %.17g kahan %.17g\n", naive, s);
}

static void newton(void)
{
    for (int k = 2; k <= 40; k += 3) {
        double x = k, r = k;
        for (int i = 0; i < 60; i++) r = 0.5 * (r + x / r);
        double cube = k;
        for (int i = 0; i < 100; i++) cube = cube - (cube * cube * cube - x) / (3 * cube * cube);
        printf("sqrt(%d) ~ %.17g (r*r-x = %.3g)  cbrt ~ %.17g\n", k, r, r * r - x, cube);
        feed(r);
        feed(cube);
    }
}

#define N 9
static void hilbert(void)
{
    double a[N][2 * N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < 2 * N; j++)
            a[i][j] = j < N ? 1.0 / (i + j + 1) : (j - N == i ? 1.0 : 0.0);
    /* Gauss-Jordan with partial pivoting. */
    for (int c = 0; c < N; c++) {
        int p = c;
        for (int r = c + 1; r < N; r++)
            if ((a[r][c] < 0 ? -a[r][c] : a[r][c]) > (a[p][c] < 0 ? -a[p][c] : a[p][c])) p = r;
        if (p != c)
            for (int j = 0; j < 2 * N; j++) {
                double t = a[c][j];
                a[c][j] = a[p][j];
                a[p][j] = t;
            }
        double d = a[c][c];
        for (int j = 0; j < 2 * N; j++) a[c][j] /= d;
        for (int r = 0; r < N; r++) {
            if (r == c) continue;
            double f = a[r][c];
            for (int j = 0; j < 2 * N; j++) a[r][j] -= f * a[c][j];
        }
    }
    printf("inverse Hilbert(%d), first row:", N);
    for (int j = N; j < 2 * N; j++) printf(" %.10g", a[0][j]);
    printf("\ncorner %.17g diagonal:", a[N - 1][2 * N - 1]);
    for (int i = 0; i < N; i++) {
        printf(" %.6e", a[i][N + i]);
        for (int j = N; j < 2 * N; j++) feed(a[i][j]);
    }
    printf("\n");
}

static void mandelbrot(void)
{
    static const char shade[] = " .:-=+*#%@";
    unsigned total = 0;
    for (int y = -12; y <= 12; y++) {
        char line[80];
        int n = 0;
        for (int x = -39; x <= 20; x++) {
            double cr = x / 20.0, ci = y / 10.0, zr = 0, zi = 0;
            int it = 0;
            while (it < 200 && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                it++;
            }
            total += (unsigned)it;
            feed(zr);
            line[n++] = shade[it >= 200 ? 9 : it % 9];
        }
        line[n] = 0;
        printf("|%s|\n", line);
    }
    printf("mandelbrot iterations %u\n", total);
}

static void polynomials(void)
{
    /* Chebyshev T_n by recurrence and by Horner on the coefficient form. */
    double coef[20][21] = {{0}};
    coef[0][0] = 1;
    coef[1][1] = 1;
    for (int n = 2; n < 20; n++)
        for (int k = 0; k <= n; k++) coef[n][k] = (k ? 2 * coef[n - 1][k - 1] : 0) - coef[n - 2][k];
    for (int i = 0; i <= 8; i++) {
        double x = -1 + i * 0.25 + 0.01;
        double t0 = 1, t1 = x;
        for (int n = 2; n < 20; n++) {
            double t2 = 2 * x * t1 - t0;
            t0 = t1;
            t1 = t2;
        }
        double horner = 0;
        for (int k = 19; k >= 0; k--) horner = horner * x + coef[19][k];
        printf("T19(%.2f) recurrence %.17g horner %.17g\n", x, t1, horner);
        feed(t1);
        feed(horner);
    }
}

static void mixed(void)
{
    /* Division, reciprocal and negative zero. */
    double x = 1.0;
    for (int i = 0; i < 2000; i++) {
        x = x * 1.0000001 + 1e-300;
        double y = 1.0 / x, z = -x / 3.0, w = (x - 1.0) * (x + 1.0);
        feed(y);
        feed(z);
        feed(w);
        feed(x / 7.0 - x * (1.0 / 7.0));
    }
    volatile double nz = -0.0, pz = 0.0;
    printf("-0.0 %g, 0.0 - 0.0 %g, -0.0 - 0.0 %g, -0.0 * 5 %g, 0.0 * -5 %g, -0.0 + -0.0 %g\n", nz,
           pz - pz, nz - pz, nz * 5, pz * -5, nz + nz);
    printf("checksum %016" PRIx64 "\n", sum_hash);
}

int main(void)
{
    series();
    newton();
    hilbert();
    mandelbrot();
    polynomials();
    mixed();
    return 0;
}
