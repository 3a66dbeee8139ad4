/* The process's arguments and environment as the runner sets them up on
 * the initial stack: argc, every argv string byte for byte (including an
 * empty one, one with a space and one in UTF-8), argv[argc] == NULL, that
 * the strings are writable, selected environment variables (set, set but
 * empty, unset), the variables with our prefix in sorted order, setenv and
 * unsetenv, and the page size from the auxiliary vector. Exits with status
 * 7 so that the exit status is checked too. tests/user-progs.sh passes the
 * arguments and sets the variables; the program name is printed without
 * its directory, which differs between the native and PowerPC builds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

static void print_bytes(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x20 && *p < 0x7f && *p != '\\')
            putchar(*p);
        else
            printf("\\x%02x", *p);
    }
    putchar('"');
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    const char *base = strrchr(argv[0], '/');
    printf("argc %d, program name %s\n", argc, base ? base + 1 : argv[0]);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d] length %zu ", i, strlen(argv[i]));
        print_bytes(argv[i]);
        char *end;
        long long v = strtoll(argv[i], &end, 10);
        if (*argv[i] && !*end) printf(" = number %lld", v);
        printf("\n");
    }
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
    if (argc > 1 && argv[1][0]) {
        argv[1][0] = (char)(argv[1][0] ^ 0x20);
        printf("argv[1] modified in place: %s\n", argv[1]);
    }

    static const char *vars[] = {"UPTEST_GREETING", "UPTEST_EMPTY", "UPTEST_UTF8", "UPTEST_UNSET"};
    for (unsigned i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        printf("%s ", vars[i]);
        if (v)
            print_bytes(v);
        else
            printf("unset");
        printf("\n");
    }
    size_t total = 0, ours = 0;
    char *mine[64];
    for (char **e = environ; *e; e++) {
        total++;
        if (strncmp(*e, "UPTEST_", 7) == 0 && ours < 64) mine[ours++] = *e;
    }
    qsort(mine, ours, sizeof *mine, cmp_str);
    printf("%zu of the environment's variables are ours:", ours);
    for (size_t i = 0; i < ours; i++) printf(" %s", mine[i]);
    printf("\n");
    printf("environment has at least as many entries: %d\n", total >= ours);
    setenv("UPTEST_NEW", "fresh", 0);
    setenv("UPTEST_GREETING", "replaced", 1);
    setenv("UPTEST_EMPTY", "kept?", 0);
    unsetenv("UPTEST_UTF8");
    printf("after setenv/unsetenv: NEW=%s GREETING=%s EMPTY=\"%s\" UTF8=%s\n", getenv("UPTEST_NEW"),
           getenv("UPTEST_GREETING"), getenv("UPTEST_EMPTY"),
           getenv("UPTEST_UTF8") ? "set" : "unset");

    unsigned long pagesz = getauxval(AT_PAGESZ);
    long sc = sysconf(_SC_PAGESIZE);
    printf("page size from auxv is a power of two >= 4096: %d, sysconf agrees: %d\n",
           pagesz >= 4096 && (pagesz & (pagesz - 1)) == 0, sc == (long)pagesz);
    printf("AT_ENTRY nonzero %d, AT_PHDR nonzero %d, AT_RANDOM nonzero %d\n",
           getauxval(AT_ENTRY) != 0, getauxval(AT_PHDR) != 0, getauxval(AT_RANDOM) != 0);
    printf("uid matches auxv %d\n", getauxval(AT_UID) == (unsigned long)getuid());
    fflush(stdout);
    return 7;
}
