#!/bin/sh
# make check: our own C programs (tests/user-progs/*.c), each built natively
# (gcc -O2) and for 32-bit PowerPC (powerpc-linux-gnu-gcc -O2 -static), run
# natively and under clarus-user, and, where qemu-ppc is installed, under
# qemu-ppc as a cross-check. Standard output and exit status must be identical
# to the native run. TAP: one line per program and runner; on a difference the
# diff is printed as comments. tests/user-progs/README says what each covers.
#
# Overrides: CLARUS_USER (the runner, default $CLARUS_BUILDDIR/clarus-user),
# QEMU_PPC (default qemu-ppc; "none" leaves the cross-check out),
# USER_PROGS_CC, USER_PROGS_PPC_CC, USER_PROGS_JOBS, USER_PROGS_TIMEOUT,
# USER_PROGS_ONLY (a space-separated list of program names).

srcdir=${CLARUS_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${CLARUS_BUILDDIR:-.}
src=$srcdir/tests/user-progs
out=$builddir/tests/user-progs-out
cc=${USER_PROGS_CC:-gcc}
ppc_cc=${USER_PROGS_PPC_CC:-powerpc-linux-gnu-gcc}
clarus_user=${CLARUS_USER:-$builddir/clarus-user}
qemu=${QEMU_PPC:-qemu-ppc}
limit=${USER_PROGS_TIMEOUT:-30}
# -ffp-contract=off: GCC fuses a*b+c into one fused multiply-add on PowerPC
# but not on baseline x86-64, which would make the outputs legitimately
# differ. fma.c tests the fused instructions explicitly. -frounding-math:
# GCC ignores #pragma STDC FENV_ACCESS and otherwise assumes the default
# rounding mode (it inlines rint() as if rounding to nearest, for one).
cflags="-O2 -std=gnu11 -Wall -ffp-contract=off -frounding-math"

# Programs that exit with a status other than 0 on purpose.
expected_status() {
    case $1 in
    argv) echo 7 ;;
    *) echo 0 ;;
    esac
}

# run NAME OUTFILE COMMAND...: one program with its arguments and environment.
run() {
    name=$1
    outf=$2
    shift 2
    case $name in
    argv)
        env -u UPTEST_UNSET UPTEST_GREETING='hello, world' UPTEST_EMPTY= \
            UPTEST_UTF8="$(printf 'caf\303\251 \342\202\254')" \
            timeout "$limit" "$@" alpha 'two words' '' --flag=1 -x \
            "$(printf 'caf\303\251')" 12345678901234 >"$outf" 2>"$outf.err" </dev/null
        ;;
    readfile)
        timeout "$limit" "$@" "$src/readfile.c" "$src/README" "$src/no-such-file" \
            >"$outf" 2>"$outf.err" </dev/null
        ;;
    *)
        timeout "$limit" "$@" >"$outf" 2>"$outf.err" </dev/null
        ;;
    esac
    echo $? >"$outf.rc"
}

# Internal entry points for the parallel build and run (through xargs).
case $1 in
--build)
    kind=$2
    name=$3
    if [ "$kind" = native ]; then
        set -- "$cc" $cflags
    else
        set -- "$ppc_cc" $cflags -static
    fi
    bin=$out/$kind/$name
    if [ ! -x "$bin" ] || [ "$src/$name.c" -nt "$bin" ] || [ "$0" -nt "$bin" ]; then
        rm -f "$bin"
        "$@" -o "$bin" "$src/$name.c" -lm >"$out/$name.$kind.build" 2>&1
    fi
    # The copy qemu-ppc runs when it has the mffs* defect (see below).
    if [ "$kind" = ppc ]; then
        rm -f "$out/qemu/$name"
        if [ -x "$bin" ] && [ -x "$out/mffs-rewrite" ]; then
            "$out/mffs-rewrite" "$bin" "$out/qemu/$name" >>"$out/$name.$kind.build" 2>&1 &&
                chmod +x "$out/qemu/$name"
        fi
    fi
    exit 0
    ;;
--run)
    kind=$2
    name=$3
    case $kind in
    native) [ -x "$out/native/$name" ] && run "$name" "$out/$name.native" "$out/native/$name" ;;
    clarus-user) [ -x "$out/ppc/$name" ] && run "$name" "$out/$name.$kind" "$clarus_user" "$out/ppc/$name" ;;
    qemu-ppc)
        bin=$out/ppc/$name
        [ -x "$out/qemu/$name" ] && bin=$out/qemu/$name
        [ -x "$bin" ] && run "$name" "$out/$name.$kind" "$qemu" "$bin"
        ;;
    esac
    exit 0
    ;;
esac

if ! command -v "$cc" >/dev/null 2>&1; then
    echo "Bail out! native C compiler '$cc' not found"
    exit 1
fi
if ! command -v "$ppc_cc" >/dev/null 2>&1; then
    echo "Bail out! '$ppc_cc' not found (scripts/install-deps test installs gcc-powerpc-linux-gnu and libc6-dev-powerpc-cross)"
    exit 1
fi
case $clarus_user in
*/*) [ -x "$clarus_user" ] ;;
*) command -v "$clarus_user" >/dev/null 2>&1 ;;
esac || {
    echo "Bail out! clarus-user not found at $clarus_user (build it with make)"
    exit 1
}
runners=clarus-user
if [ "$qemu" != none ] && command -v "$qemu" >/dev/null 2>&1; then
    runners="clarus-user qemu-ppc"
fi

if [ -n "$USER_PROGS_ONLY" ]; then
    progs=$USER_PROGS_ONLY
else
    progs=$(cd "$src" && ls *.c | sed 's/\.c$//')
fi
[ -n "$progs" ] || {
    echo "Bail out! no programs in $src"
    exit 1
}
nprogs=$(echo $progs | wc -w)
nrunners=$(echo $runners | wc -w)
jobs=${USER_PROGS_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}

mkdir -p "$out/native" "$out/ppc" "$out/qemu" || {
    echo "Bail out! cannot create $out"
    exit 1
}
echo "1..$((nprogs * nrunners))"
case " $runners " in
*" qemu-ppc "*) ;;
*)
    if [ "$qemu" = none ]; then
        echo "# qemu-ppc cross-check left out (QEMU_PPC=none)"
    else
        echo "# qemu-ppc not installed (Debian package qemu-user): no cross-check"
    fi
    ;;
esac

# glibc's libm (floor, ceil, round, trunc, sin, cos, tan, atan, atan2,
# tgamma, lgamma) and fenv functions contain mffscrn, mffscrni and mffsl.
# On CPUs before Power ISA 3.0 their extra fields are ignored and they
# execute as mffs (glibc relies on that and sets the rounding mode
# separately when AT_HWCAP2 lacks ARCH_3_00). QEMU 7.2 (Debian 12) instead
# raises SIGILL for them on those CPUs (QEMU issue 1955, fixed upstream by
# "target/ppc: Fix fallback to MFFS for MFFS* instructions on pre 3.0
# ISAs"). When a probe shows the defect, qemu-ppc runs copies of the
# programs with those instruction words in the executable sections
# rewritten to the mffs they execute as on a 750 or a 7400; clarus-user
# always runs the unmodified programs.
rm -f "$out/mffs-rewrite"
case " $runners " in
*" qemu-ppc "*)
    cat >"$out/qemu-probe.c" <<'EOF'
int main(void)
{
    double d;
    __asm__ volatile(".long 0xfc17048e\n\tstfd 0,%0" : "=m"(d) : : "fr0"); /* mffscrni f0,0 */
    return 0;
}
EOF
    "$ppc_cc" -O2 -static -o "$out/qemu-probe" "$out/qemu-probe.c" >/dev/null 2>&1 &&
        "$qemu" "$out/qemu-probe" >/dev/null 2>&1
    if [ $? -ne 0 ]; then
        cat >"$out/mffs-rewrite.c" <<'EOF'
/* Copies a 32-bit big-endian ELF executable, rewriting mffs-family words
 * (primary opcode 63, extended opcode 583, bits 11-20 nonzero) in sections
 * with SHF_EXECINSTR to plain mffs. */
#include <stdio.h>
static unsigned long be(const unsigned char *p, int n)
{
    unsigned long v = 0;
    while (n--) v = v << 8 | *p++;
    return v;
}
int main(int argc, char **argv)
{
    FILE *f = argc == 3 ? fopen(argv[1], "rb") : NULL;
    if (!f) return 2;
    static unsigned char b[64 << 20];
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    if (n < 52 || n == sizeof b || b[4] != 1 || b[5] != 2) return 2;
    unsigned long shoff = be(b + 32, 4), shentsize = be(b + 46, 2), shnum = be(b + 48, 2);
    int count = 0;
    for (unsigned long i = 0; i < shnum; i++) {
        if (shoff + (i + 1) * shentsize > n) return 2;
        const unsigned char *sh = b + shoff + i * shentsize;
        unsigned long type = be(sh + 4, 4), flags = be(sh + 8, 4);
        unsigned long off = be(sh + 16, 4), size = be(sh + 20, 4);
        if (type == 8 || !(flags & 4) || off + size > n) continue; /* NOBITS, not code */
        for (unsigned long o = off; o + 4 <= off + size; o += 4) {
            unsigned long w = be(b + o, 4);
            if ((w & 0xfc0007feUL) == 0xfc00048eUL && (w & 0x001ff800UL)) {
                w &= ~0x001ff800UL;
                for (int k = 0; k < 4; k++) b[o + k] = (unsigned char)(w >> (24 - 8 * k));
                count++;
            }
        }
    }
    f = fopen(argv[2], "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0) return 2;
    printf("%d mffs-family words rewritten for qemu-ppc\n", count);
    return 0;
}
EOF
        "$cc" -O2 -o "$out/mffs-rewrite" "$out/mffs-rewrite.c" || {
            echo "Bail out! cannot build $out/mffs-rewrite"
            exit 1
        }
        echo "# qemu-ppc raises SIGILL on mffscrn/mffscrni/mffsl (QEMU issue 1955): it runs"
        echo "# copies with them rewritten to the mffs that pre-ISA-3.0 CPUs execute them as"
    fi
    ;;
esac

# Build everything, then run everything, $jobs at a time.
for name in $progs; do rm -f "$out/$name".*; done
for name in $progs; do
    echo "native $name"
    echo "ppc $name"
done | xargs -P "$jobs" -n 2 sh "$0" --build
for name in $progs; do
    for kind in native $runners; do echo "$kind $name"; done
done | xargs -P "$jobs" -n 2 sh "$0" --run

status=0
n=0
for name in $progs; do
    want=$(expected_status "$name")
    for kind in $runners; do
        n=$((n + 1))
        why=
        if [ ! -x "$out/native/$name" ]; then
            why="native build failed"
            log=$out/$name.native.build
        elif [ ! -x "$out/ppc/$name" ]; then
            why="PowerPC build failed"
            log=$out/$name.ppc.build
        elif [ "$(cat "$out/$name.native.rc")" != "$want" ]; then
            why="native run exited $(cat "$out/$name.native.rc"), expected $want"
            log=$out/$name.native.err
        elif [ "$(cat "$out/$name.$kind.rc")" = 124 ]; then
            why="timed out after ${limit}s"
            log=$out/$name.$kind.err
        elif [ "$(cat "$out/$name.$kind.rc")" != "$want" ]; then
            why="exit status $(cat "$out/$name.$kind.rc"), native $want"
            log=$out/$name.$kind.err
        elif ! cmp -s "$out/$name.native" "$out/$name.$kind"; then
            why="output differs from the native run"
            log=
        fi
        if [ -z "$why" ]; then
            echo "ok $n - $name ($kind)"
        else
            status=1
            echo "not ok $n - $name ($kind): $why"
            [ -n "$log" ] && [ -s "$log" ] && head -n 20 "$log" | sed 's/^/# /'
            diff -u "$out/$name.native" "$out/$name.$kind" 2>&1 | head -n 40 | sed 's/^/# /'
        fi
    done
done
exit $status
