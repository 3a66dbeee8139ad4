#!/bin/sh
# shellcheck disable=SC2016 # the $AWK programs are single-quoted on purpose
# The driver behind `make bench-ppc`: builds C programs natively and as static
# 32-bit PowerPC Linux executables, runs each natively, under clarus-user and
# under qemu-ppc, alternately in one run, checks that all runs print the same
# output, and writes the times and ratios into BENCHMARKS.md between its
# markers (the rest of the file is left as it is).
#
#   run-ppc-user-bench.sh --clarus-user PATH --out FILE
#       [--programs DIR-or-FILE.c]...  (default: bench/ppc-user beside this script)
#       [--runs N] [--timeout SECONDS] [--cpu MODEL] [--qemu PATH]
#       [--cc CC] [--cross-cc CC] [--cflags 'FLAGS'] [--work DIR]
#
# Each --programs names a directory (every *.c in it) or one .c file; it may be
# given more than once. A program takes no arguments or input, prints its
# results on standard output and exits with status 0; a line
# "bench-class: CLASS" in its source names its class (fp-double programs are
# the ones the "faster than qemu-ppc" target is about).
#
# Each runner runs every program N times (3 by default), the three runners
# taking turns in a rotating order; the fastest run counts. The figure is the
# CPU time (user + system) of the run, which other jobs on a shared machine
# disturb less than the wall-clock time; the wall-clock times are recorded
# too. Fails, writing nothing, when a tool is missing, a build fails, a run
# fails or times out, or any run prints other output than the native run.
set -eu

me="run-ppc-user-bench"
AWK=${AWK:-awk}
here=$(cd "$(dirname "$0")" && pwd)
clarus=
out=
programs=
runs=3
timeout_s=1200
cpu=
qemu="qemu-ppc"
cc=gcc
cross_cc=powerpc-linux-gnu-gcc
# -ffp-contract=off: GCC fuses a * b + c into fmadd on PowerPC but not on
# baseline x86-64, which would make the outputs legitimately differ; the
# programs call fma() where they want a fused multiply-add.
cflags="-O2 -ffp-contract=off"
work=

BEGIN_MARK='<!-- bench:ppc-user begin -->'
END_MARK='<!-- bench:ppc-user end -->'
# The interpreter targets (acceptance item 7 of the PowerPC issue).
GEOMEAN_TARGET=3
FP_CLASS=fp-double

die() {
    echo "$me: $*" >&2
    exit 1
}

usage="usage: $0 --clarus-user PATH --out FILE [--programs DIR-or-FILE]... [--runs N]
       [--timeout SECONDS] [--cpu MODEL] [--qemu PATH] [--cc CC] [--cross-cc CC]
       [--cflags 'FLAGS'] [--work DIR]"

while [ $# -gt 0 ]; do
    case $1 in -h | --help)
        echo "$usage"
        exit 0
        ;;
    esac
    [ $# -ge 2 ] || die "$1 needs a value"
    case $1 in
    --clarus-user) clarus=$2 ;;
    --out) out=$2 ;;
    --programs) programs="$programs
$2" ;;
    --runs) runs=$2 ;;
    --timeout) timeout_s=$2 ;;
    --cpu) cpu=$2 ;;
    --qemu) qemu=$2 ;;
    --cc) cc=$2 ;;
    --cross-cc) cross_cc=$2 ;;
    --cflags) cflags=$2 ;;
    --work) work=$2 ;;
    *) die "unknown argument $1
$usage" ;;
    esac
    shift 2
done
if [ -z "$clarus" ] || [ -z "$out" ]; then die "$usage"; fi
case $runs in '' | *[!0-9]* | 0) die "--runs needs a positive count" ;; esac
case $timeout_s in '' | *[!0-9]* | 0) die "--timeout needs a positive number of seconds" ;; esac
[ -n "$programs" ] || programs=$here/ppc-user

# tool NAME HINT: NAME must be an executable path or a command on PATH.
tool() {
    case $1 in
    */*) [ -f "$1" ] && [ -x "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
    esac || die "$1 not found: $2; the benchmark needs it and is not run without it"
}
tool "$cc" "a native C compiler (install gcc)"
tool "$cross_cc" "the PowerPC cross compiler (install gcc-powerpc-linux-gnu and libc6-dev-powerpc-cross)"
tool "$qemu" "the qemu-ppc peer (install qemu-user)"
tool "$clarus" "clarus-user (build it with make clarus-user)"
# A path without a slash would be looked up on PATH by the timer; make it absolute.
case $clarus in */*) clarus=$(cd "$(dirname "$clarus")" && pwd)/$(basename "$clarus") ;; esac

# The program list: directories give their *.c files in name order.
srcs=
for p in $programs; do
    if [ -d "$p" ]; then
        found=
        for f in "$p"/*.c; do
            [ -f "$f" ] || continue
            srcs="$srcs $f"
            found=1
        done
        [ -n "$found" ] || die "no *.c programs in $p"
    elif [ -f "$p" ]; then
        case $p in *.c) srcs="$srcs $p" ;; *) die "$p is not a .c file" ;; esac
    else
        die "$p: no such program or directory"
    fi
done
names=
for f in $srcs; do
    n=$(basename "$f" .c)
    case " $names " in *" $n "*) die "two programs are called $n" ;; esac
    names="$names $n"
done

if [ -n "$work" ]; then
    mkdir -p "$work" || die "cannot create $work"
    work=$(cd "$work" && pwd)
    cleanup=
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/ppc-user-bench.XXXXXX")
    cleanup=$work
fi
trap '[ -z "$cleanup" ] || rm -rf "$cleanup"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/native" "$work/ppc" "$work/runs"

# The timer: runs a command with stdin from /dev/null and its output in
# files, and prints its wall-clock and CPU times and exit status.
cat >"$work/ppcb-time.c" <<'EOF'
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t expired;
static void on_alarm(int sig) { (void)sig; expired = 1; }

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: ppcb-time SECONDS OUT ERR PROGRAM [ARGS...]\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("ppcb-time: fork");
        return 2;
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0) {
            perror("ppcb-time: open");
            _exit(126);
        }
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        execvp(argv[4], argv + 4);
        fprintf(stderr, "ppcb-time: cannot run %s: %s\n", argv[4], strerror(errno));
        _exit(127);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm((unsigned)strtoul(argv[1], NULL, 10));
    int st, timed_out = 0;
    struct rusage ru;
    while (wait4(pid, &st, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("ppcb-time: wait4");
            return 2;
        }
        if (expired) {
            kill(pid, SIGKILL);
            timed_out = 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    char status[32];
    if (timed_out)
        snprintf(status, sizeof status, "timeout");
    else if (WIFEXITED(st))
        snprintf(status, sizeof status, "%d", WEXITSTATUS(st));
    else
        snprintf(status, sizeof status, "%d", 128 + WTERMSIG(st));
    printf("wall %.6f cpu %.6f user %.6f sys %.6f maxrss %ld status %s\n",
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
           (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6,
           (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6, ru.ru_maxrss, status);
    return 0;
}
EOF
"$cc" -O2 -o "$work/ppcb-time" "$work/ppcb-time.c" >"$work/ppcb-time.log" 2>&1 || {
    cat "$work/ppcb-time.log" >&2
    die "cannot build the timer with $cc"
}

# 1. Build. The cross compiler is tried on a trivial program first, so that a
# missing PowerPC C library is reported as such.
printf '#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n' >"$work/probe.c"
# shellcheck disable=SC2086 # cflags is a list of words
"$cross_cc" $cflags -static -o "$work/probe" "$work/probe.c" >"$work/probe.log" 2>&1 || {
    cat "$work/probe.log" >&2
    die "$cross_cc cannot build a static program (install libc6-dev-powerpc-cross)"
}
for f in $srcs; do
    n=$(basename "$f" .c)
    echo "$me: building $n" >&2
    # shellcheck disable=SC2086
    "$cc" $cflags -o "$work/native/$n" "$f" -lm >"$work/native/$n.log" 2>&1 || {
        cat "$work/native/$n.log" >&2
        die "FAILED: $cc could not build $f"
    }
    # shellcheck disable=SC2086
    "$cross_cc" $cflags -static -o "$work/ppc/$n" "$f" -lm >"$work/ppc/$n.log" 2>&1 || {
        cat "$work/ppc/$n.log" >&2
        die "FAILED: $cross_cc could not build $f"
    }
done

clarus_args=
[ -z "$cpu" ] || clarus_args="--cpu $cpu"

# timed RUNNER NAME RUN: one timed run; its figures go to runs/NAME.RUNNER.RUN.
timed() {
    r=$1
    n=$2
    i=$3
    base=$work/runs/$n.$r.$i
    # shellcheck disable=SC2086 # clarus_args is a list of words
    case $r in
    native) set -- "$work/native/$n" ;;
    clarus) set -- "$clarus" $clarus_args "$work/ppc/$n" ;;
    qemu) set -- "$qemu" "$work/ppc/$n" ;;
    esac
    echo "$me: $n: $r run $i: $*" >&2
    "$work/ppcb-time" "$timeout_s" "$base.out" "$base.err" "$@" >"$base.time" ||
        die "the timer failed on $*"
    st=$($AWK '{ print $NF }' "$base.time")
    case $st in
    0) ;;
    timeout) die "FAILED: $n under $r did not finish in ${timeout_s}s; $out not updated" ;;
    *)
        tail -n 20 "$base.err" >&2
        die "FAILED: $n under $r exited with status $st; $out not updated"
        ;;
    esac
}

# 2. The timed runs: for each program, run i takes the runners in a rotating
# order, so that none always runs first or last.
pi=0
for n in $names; do
    i=1
    while [ "$i" -le "$runs" ]; do
        case $(((i + pi) % 3)) in
        0) order="native clarus qemu" ;;
        1) order="clarus qemu native" ;;
        *) order="qemu native clarus" ;;
        esac
        for r in $order; do timed "$r" "$n" "$i"; done
        i=$((i + 1))
    done
    # The cross-check: every run printed what the first native run printed.
    ref=$work/runs/$n.native.1.out
    [ -s "$ref" ] || die "FAILED: $n printed nothing natively; a benchmark must print its results"
    for r in native clarus qemu; do
        i=1
        while [ "$i" -le "$runs" ]; do
            f=$work/runs/$n.$r.$i.out
            if ! cmp -s "$ref" "$f"; then
                diff -u "$ref" "$f" | head -n 40 >&2 || true
                die "FAILED: $n under $r (run $i) printed other output than natively; $out not updated"
            fi
            i=$((i + 1))
        done
    done
    pi=$((pi + 1))
done

# 3. Instruction counts, when clarus-user offers them: an untimed pass with
# --stats, whose "instructions N" line on standard error is read.
count_flag=
if "$clarus" --help 2>&1 | grep -q -e '--stats'; then count_flag=--stats; fi
for n in $names; do
    insns=
    if [ -n "$count_flag" ]; then
        # shellcheck disable=SC2086
        "$work/ppcb-time" "$timeout_s" "$work/runs/$n.count.out" "$work/runs/$n.count.err" \
            "$clarus" $clarus_args $count_flag "$work/ppc/$n" >"$work/runs/$n.count.time" ||
            die "the timer failed"
        st=$($AWK '{ print $NF }' "$work/runs/$n.count.time")
        if [ "$st" != 0 ] || ! cmp -s "$work/runs/$n.native.1.out" "$work/runs/$n.count.out"; then
            tail -n 20 "$work/runs/$n.count.err" >&2
            die "FAILED: $n under clarus-user $count_flag (the counting pass) exited with status $st or printed other output; $out not updated"
        fi
        insns=$($AWK '{ for (k = 1; k < NF; k++) if ($k ~ /^instructions:?$/ && $(k + 1) ~ /^[0-9]+$/) v = $(k + 1) }
                      END { print v }' "$work/runs/$n.count.err")
    fi
    echo "${insns:-n/a}" >"$work/runs/$n.insns"
done

# 4. The figures: per program the fastest run of each runner.
# best NAME RUNNER FIELD: the smallest value of FIELD (cpu or wall) over the runs.
best() {
    j=1
    while [ "$j" -le "$runs" ]; do
        $AWK -v k="$3" '{ for (f = 1; f < NF; f++) if ($f == k) print $(f + 1) }' \
            "$work/runs/$1.$2.$j.time"
        j=$((j + 1))
    done | $AWK 'NR == 1 || $1 < m { m = $1 } END { printf "%.6f\n", m }'
}
: >"$work/table"
for n in $names; do
    f=
    for s in $srcs; do [ "$(basename "$s" .c)" = "$n" ] && f=$s; done
    class=$(sed -n 's/.*bench-class: *\([A-Za-z0-9_-]*\).*/\1/p' "$f" | head -n 1)
    echo "$n ${class:--} $(best "$n" native cpu) $(best "$n" qemu cpu) $(best "$n" clarus cpu)" \
        "$(best "$n" native wall) $(best "$n" qemu wall) $(best "$n" clarus wall)" \
        "$(cat "$work/runs/$n.insns")" >>"$work/table"
done

# Columns of the table file: 1 name, 2 class, 3-5 CPU native/qemu/clarus,
# 6-8 wall native/qemu/clarus, 9 clarus instructions.
$AWK -v fpc="$FP_CLASS" -v target="$GEOMEAN_TARGET" -v w="$work" '
    function g(s, k) { return exp(s / k) }
    function ratio(a, b) { return b > 0 ? a / b : 0 }
    {
        rn = ratio($5, $3); rq = ratio($5, $4)
        mips = ($9 ~ /^[0-9]+$/ && $5 > 0) ? sprintf("%.1f", $9 / $5 / 1e6) : "n/a"
        printf "| %s | %s | %.3f | %.3f | %.3f | %.2fx | %.2fx | %s | %s |\n",
            $1, $2, $3, $4, $5, rn, rq, ($9 ~ /^[0-9]+$/ ? $9 : "n/a"), mips > (w "/rows")
        printf "| %s | %.3f | %.3f | %.3f | %.2fx | %.2fx |\n",
            $1, $6, $7, $8, ratio($8, $6), ratio($8, $7) > (w "/wall-rows")
        k++
        ln += log($3); lq += log($4); lc += log($5)
        wn += log($6); wq += log($7); wc += log($8)
        if ($2 == fpc) {
            fk++; fl += log(rq)
            if (rq >= 1) fslow = fslow " " $1
            flist = flist (flist == "" ? "" : ", ") sprintf("%s %.2fx", $1, rq)
        }
    }
    END {
        gq = ratio(g(lc, k), g(lq, k))
        printf "| **geometric mean** | | %.3f | %.3f | %.3f | %.2fx | %.2fx | | |\n",
            g(ln, k), g(lq, k), g(lc, k), ratio(g(lc, k), g(ln, k)), gq > (w "/rows")
        printf "| **geometric mean** | %.3f | %.3f | %.3f | %.2fx | %.2fx |\n",
            g(wn, k), g(wq, k), g(wc, k), ratio(g(wc, k), g(wn, k)),
            ratio(g(wc, k), g(wq, k)) > (w "/wall-rows")
        printf "- Target: geometric-mean time of clarus-user at most %sx qemu-ppc'"'"'s: **%.2fx**, %s\n",
            target, gq, (gq <= target ? "met" : "not met") > (w "/verdicts")
        if (fk == 0)
            printf "- Target: double-precision FP code faster than qemu-ppc: not measured (no program has bench-class: %s)\n",
                fpc > (w "/verdicts")
        else
            printf "- Target: double-precision FP code (bench-class %s: %s) faster than qemu-ppc: %s\n",
                fpc, flist, (fslow == "" ? "met" : "not met (slower or equal:" fslow ")") > (w "/verdicts")
        printf "clarus/qemu geometric mean %.2fx\n", gq
    }' "$work/table" >"$work/summary" || die "cannot compute the figures"

cpu_model=$($AWK -F': *' '/^(model name|cpu model|Processor|uarch)[ \t]*:/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
[ -n "$cpu_model" ] || cpu_model=$(uname -m)
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
date=$(date -u '+%Y-%m-%d %H:%M UTC')
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
cc_version=$("$cc" --version 2>/dev/null | head -n 1) || cc_version=$cc
cross_version=$("$cross_cc" --version 2>/dev/null | head -n 1) || cross_version=$cross_cc
qemu_version=$("$qemu" --version 2>/dev/null | head -n 1) || qemu_version=$qemu
clarus_version=$("$clarus" --version 2>/dev/null | head -n 1) || clarus_version="(no --version)"
case $clarus_version in '') clarus_version="(no --version)" ;; esac
nprogs=0
for n in $names; do nprogs=$((nprogs + 1)); done
# Where the programs came from, relative to the source tree when inside it.
top=$(dirname "$here")
from=
for p in $programs; do
    abs=$(cd "$(dirname "$p")" && pwd)/$(basename "$p")
    case $abs in "$top"/*) abs=${abs#"$top"/} ;; esac
    [ ! -d "$p" ] || abs=$abs/
    from="$from${from:+, }$abs"
done
if [ -n "$count_flag" ]; then
    count_note="Instruction counts come from an untimed \`clarus-user $count_flag\` pass; MIPS = instructions / best CPU time."
else
    count_note="clarus-user offers no instruction count (no --stats option), so the instructions and MIPS columns are n/a."
fi

s_progs=s
[ "$nprogs" != 1 ] || s_progs=
s_runs=s
[ "$runs" != 1 ] || s_runs=

# 5. The section, between its markers.
if grep -q '^#define CLARUS_JIT 1' "$(dirname "$clarus")/config.h" 2>/dev/null; then
    jit_note="built with --enable-jit (the JIT fast path)"
else
    jit_note="interpreter only (built without --enable-jit)"
fi
{
    echo "$BEGIN_MARK"
    echo "## PowerPC user-mode programs: clarus-user vs qemu-ppc vs native (\`make bench-ppc\`)"
    echo
    echo "Written by \`make bench-ppc\` (part of \`make bench\`; bench/run-ppc-user-bench.sh); edits"
    echo "between the markers are lost. Each of the $nprogs program$s_progs from $from is built"
    echo "natively (\`$(basename "$cc") $cflags\`) and as a static 32-bit PowerPC Linux executable"
    echo "(\`$(basename "$cross_cc") $cflags -static\`), then run natively, under clarus-user and"
    echo "under qemu-ppc, the three taking turns in one run, $runs run$s_runs each; every run printed the"
    echo "same output as the native run. Times are the CPU seconds (user + system) of each runner's"
    echo "fastest run; ratios below 1 mean clarus-user is faster."
    echo
    echo "| program | class | native (s) | qemu-ppc (s) | clarus-user (s) | clarus/native | clarus/qemu | clarus instructions | clarus MIPS |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    cat "$work/rows"
    echo
    cat "$work/verdicts"
    echo
    echo "Wall-clock seconds of the fastest run of each (the machine may have been shared):"
    echo
    echo "| program | native (s) | qemu-ppc (s) | clarus-user (s) | clarus/native | clarus/qemu |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    cat "$work/wall-rows"
    echo
    echo "- $count_note"
    echo "- Date: $date; load average at the end: $load"
    echo "- Host CPU: $cpu_model ($ncpu online)"
    echo "- Native compiler: $cc_version"
    echo "- Cross compiler: $cross_version"
    echo "- qemu-ppc: $qemu_version"
    echo "- clarus-user: $clarus_version${cpu:+, --cpu $cpu}; $jit_note"
    echo "$END_MARK"
} >"$work/section"

if [ ! -s "$out" ]; then
    cat >"$work/old" <<'EOF'
# Benchmarks

Figures measured by the benchmarks in bench/. Each section is written by the
command it names and can be refreshed by running that command again; the other
sections are left as they are. A figure against a peer is a ratio taken side by
side in one run on one machine.
EOF
else
    cp "$out" "$work/old"
fi

# Replace the old section, or append it; everything else stays as it was.
$AWK -v b="$BEGIN_MARK" -v e="$END_MARK" -v sect="$work/section" '
    function put() { while ((getline l < sect) > 0) print l; close(sect); done = 1 }
    $0 == b { skip = 1; put(); next }
    skip && $0 == e { skip = 0; next }
    skip { next }
    { print }
    END {
        if (skip) exit 1
        if (!done) { if (NR) print ""; put() }
    }' "$work/old" >"$work/new" || die "$out has a begin marker without an end marker; fix it by hand"

cp "$work/new" "$out.tmp.$$"
mv "$out.tmp.$$" "$out"
cat "$work/rows" "$work/verdicts" >&2
echo "$me: $(cat "$work/summary"); written to $out" >&2
