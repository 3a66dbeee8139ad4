#!/bin/sh
# clarus-user smoke test: small C programs built twice, with
# powerpc-linux-gnu-gcc -O2 -static for clarus-user and with the host's cc
# to run natively; each pair must print the same standard output and end
# with the same exit status (a signal counts as 128 + its number, as the
# shell reports it). A last program checks that a system call clarus-user
# lacks returns ENOSYS and is named once on stderr. Without the cross
# compiler the test fails, it does not skip (Debian: apt-get install
# gcc-powerpc-linux-gnu).
prog=${CLARUS_BUILDDIR:-.}/clarus-user
ppc_cc=${PPC_CC:-powerpc-linux-gnu-gcc}
host_cc=${HOST_CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ulimit -c 0 2>/dev/null
n=0
fail=0

echo "1..12"
if [ ! -x "$prog" ]; then
    echo "Bail out! $prog not built"
    exit 1
fi
for c in "$ppc_cc" "$host_cc"; do
    if ! command -v "$c" >/dev/null 2>&1; then
        echo "Bail out! $c not found (apt-get install gcc-powerpc-linux-gnu build-essential)"
        exit 1
    fi
done

cat >"$tmp/hello.c" <<'EOF'
#include <stdio.h>
int main(void)
{
    printf("Hello, world!\n");
    return 0;
}
EOF

cat >"$tmp/args.c" <<'EOF'
/* argv, the environment and standard input. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
extern char **environ;
int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d]=[%s]\n", i, argv[i]);
    printf("argv[argc]=%s\n", argv[argc] ? "non-null" : "null");
    const char *v = getenv("CLARUS_SMOKE");
    printf("CLARUS_SMOKE=[%s]\n", v ? v : "(unset)");
    int n = 0;
    for (char **e = environ; *e; e++) n += strncmp(*e, "CLARUS_SMOKE", 12) == 0;
    printf("matching environment entries: %d\n", n);
    char line[256];
    int lines = 0;
    while (fgets(line, sizeof(line), stdin)) {
        for (char *s = line; *s; s++) *s = (char)toupper((unsigned char)*s);
        printf("%d: %s", ++lines, line);
    }
    printf("%d lines read\n", lines);
    return 0;
}
EOF

cat >"$tmp/heap.c" <<'EOF'
/* malloc, realloc (large blocks come from mmap and grow with mremap),
 * free, qsort and string functions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}
int main(void)
{
    enum { N = 3000 };
    char **v = malloc(N * sizeof(*v));
    uint32_t x = 12345;
    for (int i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        size_t len = 1 + (x >> 16) % 40;
        v[i] = malloc(len + 1);
        for (size_t j = 0; j < len; j++) v[i][j] = (char)('a' + (x >> (j % 24)) % 26);
        v[i][len] = 0;
    }
    qsort(v, N, sizeof(*v), cmp);
    uint32_t h = 5381;
    size_t total = 0;
    for (int i = 0; i < N; i++) {
        total += strlen(v[i]);
        for (char *s = v[i]; *s; s++) h = h * 33 + (unsigned char)*s;
    }
    printf("sorted: first=%s last=%s chars=%zu hash=%08x\n", v[0], v[N - 1], total, h);
    char *big = malloc(1 << 20);
    memset(big, 'x', 1 << 20);
    big = realloc(big, 3 << 20);
    memset(big + (1 << 20), 'y', 2 << 20);
    size_t xs = 0, ys = 0;
    for (size_t i = 0; i < (3u << 20); i++) {
        xs += big[i] == 'x';
        ys += big[i] == 'y';
    }
    printf("big block: %zu x, %zu y\n", xs, ys);
    free(big);
    char buf[128];
    snprintf(buf, sizeof(buf), "[%s|%-6d|%08x|%.3s|%c|%lld]", "fmt", -42, 0xbeefu, "truncated",
             'Z', -1234567890123LL);
    puts(buf);
    char *dup = strdup("the quick brown fox");
    char *tok, *save;
    for (tok = strtok_r(dup, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
        printf("word %s (%zu)\n", tok, strlen(tok));
    printf("strstr: %s\n", strstr("a needle in a haystack", "needle"));
    free(dup);
    for (int i = 0; i < N; i++) free(v[i]);
    free(v);
    return 0;
}
EOF

cat >"$tmp/status.c" <<'EOF'
/* Exit statuses: return, exit(), abort() and a segmentation fault. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "return";
    printf("ending by %s\n", how);
    fflush(stdout);
    if (strcmp(how, "exit") == 0)
        exit(argc > 2 ? atoi(argv[2]) : 1);
    if (strcmp(how, "abort") == 0)
        abort();
    if (strcmp(how, "segv") == 0)
        *(volatile int *)(argc > 2 ? 16 : 8) = 1;
    return 3;
}
EOF

cat >"$tmp/nosys.c" <<'EOF'
/* A call clarus-user does not implement (break, number 17 on 32-bit
 * PowerPC, which Linux itself never implemented), made twice: ENOSYS both
 * times, named once on stderr. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
int main(void)
{
    for (int i = 0; i < 2; i++) {
        long r = syscall(17, 0);
        printf("break: %ld %s\n", r, r == -1 && errno == ENOSYS ? "ENOSYS" : "unexpected");
    }
    return 0;
}
EOF
if ! "$ppc_cc" -O2 -static -o "$tmp/nosys.ppc" "$tmp/nosys.c" 2>"$tmp/cc.log"; then
    echo "Bail out! cannot build nosys.c"
    sed 's/^/# /' "$tmp/cc.log"
    exit 1
fi

for p in hello args heap status; do
    if ! "$ppc_cc" -O2 -static -o "$tmp/$p.ppc" "$tmp/$p.c" 2>"$tmp/cc.log" ||
        ! "$host_cc" -O2 -o "$tmp/$p.host" "$tmp/$p.c" 2>>"$tmp/cc.log"; then
        echo "Bail out! cannot build $p.c"
        sed 's/^/# /' "$tmp/cc.log"
        exit 1
    fi
done

# same DESCRIPTION STDIN-FILE PROGRAM ARGS...
same() {
    desc=$1 input=$2 p=$3
    shift 3
    n=$((n + 1))
    "$tmp/$p.host" "$@" >"$tmp/native.out" 2>/dev/null <"$input"
    want=$?
    "$prog" "$tmp/$p.ppc" "$@" >"$tmp/user.out" 2>"$tmp/user.err" <"$input"
    got=$?
    if [ $got -eq $want ] && cmp -s "$tmp/native.out" "$tmp/user.out"; then
        echo "ok $n - $desc (exit $got)"
    else
        echo "not ok $n - $desc (exit $got, natively $want)"
        diff "$tmp/native.out" "$tmp/user.out" | head -10 | sed 's/^/# /'
        sed 's/^/# stderr: /' "$tmp/user.err" | head -5
        fail=1
    fi
}

printf 'first line\nsecond Line\nlast\n' >"$tmp/input"
same "hello world" /dev/null hello
CLARUS_SMOKE="a value with spaces" same "arguments, environment, standard input" "$tmp/input" \
    args one "two words" "" '*?$x' --flag
same "no arguments, empty input" /dev/null args
same "malloc, realloc, qsort, strings" /dev/null heap
same "return from main" /dev/null status
same "exit(0)" /dev/null status exit 0
same "exit(42)" /dev/null status exit 42
same "exit(255)" /dev/null status exit 255
same "exit(256) wraps to 0" /dev/null status exit 256
same "abort" /dev/null status abort
same "segmentation fault" /dev/null status segv

n=$((n + 1))
"$prog" "$tmp/nosys.ppc" >"$tmp/user.out" 2>"$tmp/user.err" </dev/null
rc=$?
named=$(grep -c "system call 17 (break)" "$tmp/user.err")
enosys=$(grep -c "^break: -1 ENOSYS$" "$tmp/user.out")
if [ $rc -eq 0 ] && [ "$named" -eq 1 ] && [ "$enosys" -eq 2 ]; then
    echo "ok $n - an unimplemented call returns ENOSYS and is named once"
else
    echo "not ok $n - an unimplemented call returns ENOSYS and is named once (exit $rc," \
        "named $named times, $enosys ENOSYS results)"
    sed 's/^/# /' "$tmp/user.out" "$tmp/user.err" | head -8
    fail=1
fi
exit $fail
