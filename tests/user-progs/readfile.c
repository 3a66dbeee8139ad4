/* Files named on the command line, read every way the C library and the
 * system calls offer: stat/fstat, open/read in odd chunk sizes,
 * lseek/pread, fopen/fread/fgets/getline/fgetc/ungetc/fseek/ftell, and
 * mmap, all compared with each other; for each file the size, lines, words,
 * longest line, CRC-32 and the most common bytes. A file that does not
 * exist gives ENOENT. Then a temporary file (tmpfile) is written, rewound
 * and read back, and data goes through a pipe and a dup'ed descriptor.
 * tests/user-progs.sh passes this program's own source, the README and a
 * missing file. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static uint32_t crc_table[256];
static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}
static uint32_t crc32(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static void analyse(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    struct stat st;
    if (stat(path, &st) != 0) {
        printf("%s: stat: %s\n", base, strerror(errno));
        int fd = open(path, O_RDONLY);
        printf("%s: open: %s (fd %d)\n", base, strerror(errno), fd);
        FILE *f = fopen(path, "r");
        printf("%s: fopen: %s\n", base, f ? "succeeded?" : strerror(errno));
        return;
    }
    size_t size = (size_t)st.st_size;
    printf("%s: regular %d, %zu bytes\n", base, S_ISREG(st.st_mode), size);
    unsigned char *a = malloc(size + 1), *b = malloc(size + 1);

    /* read(2) in chunks of 1, 7, 61 and 4096 bytes, rotating. */
    int fd = open(path, O_RDONLY);
    static const size_t chunks[] = {1, 7, 61, 4096};
    size_t got = 0;
    unsigned calls = 0;
    for (;;) {
        ssize_t r = read(fd, a + got, chunks[calls % 4]);
        calls++;
        if (r <= 0) break;
        got += (size_t)r;
    }
    struct stat fst;
    fstat(fd, &fst);
    off_t end = lseek(fd, 0, SEEK_END);
    off_t mid = lseek(fd, (off_t)(size / 2), SEEK_SET);
    unsigned char c1 = 0, c2 = 0;
    ssize_t r1 = read(fd, &c1, 1);
    ssize_t r2 = pread(fd, &c2, 1, (off_t)(size / 3));
    printf("  read: %zu bytes in %u calls, fstat size %lld, SEEK_END %lld, middle %lld byte %02x "
           "(%zd) pread byte %02x (%zd)\n",
           got, calls, (long long)fst.st_size, (long long)end, (long long)mid, c1, r1, c2, r2);
    close(fd);

    /* stdio: fread, then line by line with fgets and getline. */
    FILE *f = fopen(path, "rb");
    size_t n = fread(b, 1, size, f);
    printf("  fread %zu, same as read: %d, feof after extra fgetc: ", n, memcmp(a, b, size) == 0);
    int ch = fgetc(f);
    printf("%d (EOF %d)\n", feof(f) != 0, ch == EOF);
    rewind(f);
    char line[4096];
    unsigned lines = 0;
    size_t longest = 0;
    while (fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n') lines++;
        if (len > longest) longest = len;
    }
    fseek(f, -10, SEEK_END);
    long pos = ftell(f);
    ch = fgetc(f);
    ungetc('#', f);
    int ch2 = fgetc(f);
    printf("  fgets: %u lines, longest %zu; ftell after SEEK_END-10: %ld, byte %02x, ungetc gives "
           "%c\n",
           lines, longest, pos, (unsigned)ch, ch2);
    rewind(f);
    char *gl = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned glines = 0;
    size_t gbytes = 0;
    while ((len = getline(&gl, &cap, f)) > 0) {
        glines++;
        gbytes += (size_t)len;
    }
    free(gl);
    fclose(f);
    printf("  getline: %u lines, %zu bytes\n", glines, gbytes);

    /* mmap */
    fd = open(path, O_RDONLY);
    void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) {
        printf("  mmap failed: %s\n", strerror(errno));
    } else {
        printf("  mmap matches: %d\n", memcmp(m, a, size) == 0);
        munmap(m, size);
    }
    close(fd);

    /* Contents. */
    unsigned words = 0, hist[256] = {0};
    int in_word = 0;
    for (size_t i = 0; i < size; i++) {
        hist[a[i]]++;
        int space = a[i] == ' ' || a[i] == '\n' || a[i] == '\t';
        if (!space && !in_word) words++;
        in_word = !space;
    }
    printf("  words %u, crc32 %08" PRIx32 ", most common bytes:", words, crc32(a, size));
    for (int k = 0; k < 5; k++) {
        int best = 0;
        for (int c = 1; c < 256; c++)
            if (hist[c] > hist[best]) best = c;
        printf(" %02x x%u", best, hist[best]);
        hist[best] = 0;
    }
    printf("\n");
    free(a);
    free(b);
}

static void temporary_and_pipes(void)
{
    FILE *t = tmpfile();
    if (!t) {
        printf("tmpfile: %s\n", strerror(errno));
    } else {
        for (int i = 0; i < 2000; i++) fprintf(t, "line %d %x %.3f\n", i, i * 7919, i / 7.0);
        long written = ftell(t);
        rewind(t);
        char buf[100];
        int count = 0;
        double sum = 0;
        while (fgets(buf, sizeof buf, t)) {
            int a;
            unsigned b;
            double c;
            if (sscanf(buf, "line %d %x %lf", &a, &b, &c) == 3 && a == count &&
                b == (unsigned)count * 7919)
                count++;
            sum += c;
        }
        printf("tmpfile: %ld bytes written, %d lines read back, sum %.3f\n", written, count, sum);
        fclose(t);
    }
    int p[2];
    if (pipe(p) != 0) {
        printf("pipe: %s\n", strerror(errno));
        return;
    }
    const char msg[] = "through the pipe and back";
    ssize_t w = write(p[1], msg, sizeof msg);
    int d = dup(p[0]);
    char buf[64] = {0};
    ssize_t r = read(d, buf, sizeof buf);
    printf("pipe: wrote %zd read %zd \"%s\"\n", w, r, buf);
    close(p[0]);
    close(p[1]);
    close(d);
    errno = 0;
    r = read(d, buf, 1);
    printf("read from a closed descriptor: %zd, %s\n", r, strerror(errno));
}

int main(int argc, char **argv)
{
    crc_init();
    printf("crc32(\"123456789\") = %08" PRIx32 "\n", crc32((const unsigned char *)"123456789", 9));
    for (int i = 1; i < argc; i++) analyse(argv[i]);
    temporary_and_pipes();
    return 0;
}
