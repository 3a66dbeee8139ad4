#!/bin/sh
# shellcheck disable=SC2016 # the $AWK programs are single-quoted on purpose
# The driver behind `make bench`: runs the 68000 workload image on the Clarus
# core (bench/m68k-run) and on Unicorn's 68000 model (bench/m68k-unicorn),
# alternately in one run, checks that both end with the same checksums, and
# writes both MIPS figures and their ratio into BENCHMARKS.md, between its
# markers (the rest of the file is left as it is).
#
#   run-m68k-bench.sh --run PROG --peer PROG --image IMG --out BENCHMARKS.md
#                     [--runs N] [--max-seconds S] [--cc 'CC'] [--cflags 'CFLAGS']
#
# First Unicorn runs once with its untimed counting pass, which finds the
# instruction count and the STOP address; then each side runs N times (3 by
# default), alternately, and the fastest run of each side is the figure.
# Fails, writing nothing, when a runner fails, when any run's peeks differ
# from the others' or when the workload's status word is not STATUS_OK.
set -eu

me="run-m68k-bench"
AWK=${AWK:-awk}
run=
peer=
image=
out=
runs=3
max_seconds=300
cc=
cflags=

# The workload's results block (see bench/m68k-workload.S): the status word,
# six checksums, the iteration count and the folded checksum.
PEEKS="1000 1004 1008 100c 1010 1014 1018 101c 1020"
STATUS_ADDR=00001000
STATUS_OK=600dc0de
FINAL_ADDR=00001020
BEGIN_MARK='<!-- bench:m68k-workload begin -->'
END_MARK='<!-- bench:m68k-workload end -->'

die() {
    echo "$me: $*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || die "$1 needs a value"
    case $1 in
    --run) run=$2 ;;
    --peer) peer=$2 ;;
    --image) image=$2 ;;
    --out) out=$2 ;;
    --runs) runs=$2 ;;
    --max-seconds) max_seconds=$2 ;;
    --cc) cc=$2 ;;
    --cflags) cflags=$2 ;;
    *) die "unknown argument $1" ;;
    esac
    shift 2
done
if [ -z "$run" ] || [ -z "$peer" ] || [ -z "$image" ] || [ -z "$out" ]; then
    die "usage: $0 --run PROG --peer PROG --image IMG --out FILE [--runs N] [--max-seconds S]"
fi
[ -x "$run" ] || die "$run is not an executable"
[ -x "$peer" ] || die "$peer is not an executable"
[ -s "$image" ] || die "$image is missing or empty"
case $runs in '' | *[!0-9]* | 0) die "--runs needs a positive count" ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/m68k-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

peek_args=
for a in $PEEKS; do peek_args="$peek_args --peek $a"; done

# field KEY FILE: the value on the line starting with KEY.
field() {
    $AWK -v k="$1" '$1 == k { print $2; exit }' "$2"
}

# side NAME OUTFILE COMMAND...: runs one side, failing the bench if it fails.
side() {
    name=$1
    file=$2
    shift 2
    echo "$me: $name: $*" >&2
    rc=0
    "$@" >"$file" 2>"$file.err" || rc=$?
    if [ $rc -ne 0 ]; then
        cat "$file" "$file.err" >&2
        die "$name failed (exit status $rc)"
    fi
    for k in instructions seconds MIPS; do
        [ -n "$(field $k "$file")" ] || die "$name printed no '$k' line"
    done
}

# 1. Unicorn's counting pass: the instruction count and the STOP address.
# shellcheck disable=SC2086 # peek_args is a list of words
side "Unicorn (counting pass)" "$tmp/count" "$peer" $peek_args --max-seconds "$max_seconds" "$image"
peer_insns=$(field instructions "$tmp/count")
stop=$(field stop "$tmp/count")
peer_version=$(${PKG_CONFIG:-pkg-config} --modversion unicorn 2>/dev/null) ||
    peer_version=$(field unicorn "$tmp/count")
[ -n "$stop" ] || die "Unicorn printed no 'stop' line"
grep '^peek ' "$tmp/count" >"$tmp/ref-peeks"

# 2. The timed runs, alternately.
i=1
while [ "$i" -le "$runs" ]; do
    # shellcheck disable=SC2086
    side "Clarus run $i" "$tmp/clarus.$i" "$run" $peek_args --max-seconds "$max_seconds" "$image"
    # shellcheck disable=SC2086
    side "Unicorn run $i" "$tmp/peer.$i" "$peer" $peek_args --max-seconds "$max_seconds" \
        --instructions "$peer_insns" --until "$stop" "$image"
    i=$((i + 1))
done

# 3. The cross-check: every run ends with the same results block.
status=0
i=1
while [ "$i" -le "$runs" ]; do
    for who in clarus peer; do
        f=$tmp/$who.$i
        grep '^peek ' "$f" >"$f.peeks" || true
        cmp -s "$tmp/ref-peeks" "$f.peeks" && continue
        case $who in clarus) name=Clarus ;; *) name=Unicorn ;; esac
        echo "$me: $name run $i ended with other results than Unicorn's counting pass:" >&2
        $AWK 'NR == FNR { ref[$2] = $3; next }
              { printf "  %s  expected %s  got %s%s\n", $2, ref[$2], $3, (ref[$2] == $3 ? "" : "   <- differs") }' \
            "$tmp/ref-peeks" "$f.peeks" >&2
        status=1
    done
    i=$((i + 1))
done
[ $status -eq 0 ] || die "FAILED: Clarus and Unicorn disagree on the workload's results; $out not updated"
st=$($AWK -v a="$STATUS_ADDR" '$2 == a { print $3 }' "$tmp/ref-peeks")
[ "$st" = "$STATUS_OK" ] ||
    die "FAILED: the workload's status word is '$st', not $STATUS_OK (an unexpected exception?)"
final=$($AWK -v a="$FINAL_ADDR" '$2 == a { print $3 }' "$tmp/ref-peeks")

# 4. The figures: the fastest run of each side.
best() {
    j=1
    while [ "$j" -le "$runs" ]; do
        field seconds "$tmp/$1.$j"
        j=$((j + 1))
    done | $AWK 'NR == 1 || $1 < m { m = $1 } END { printf "%.6f\n", m }'
}
clarus_insns=$(field instructions "$tmp/clarus.1")
clarus_cycles=$(field cycles "$tmp/clarus.1")
clarus_best=$(best clarus)
peer_best=$(best peer)
clarus_mips=$($AWK -v n="$clarus_insns" -v s="$clarus_best" 'BEGIN { printf("%.1f", (s > 0 ? n / s / 1e6 : 0)) }')
peer_mips=$($AWK -v n="$peer_insns" -v s="$peer_best" 'BEGIN { printf("%.1f", (s > 0 ? n / s / 1e6 : 0)) }')
ratio=$($AWK -v c="$clarus_mips" -v p="$peer_mips" 'BEGIN { printf("%.2f", (p > 0 ? c / p : 0)) }')
verdict=$($AWK -v r="$ratio" 'BEGIN { print (r >= 1.5 ? "met" : "not met") }')

cpu=$($AWK -F': *' '/^(model name|cpu model|Processor|uarch)[ \t]*:/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
[ -n "$cpu" ] || cpu=$(uname -m)
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
date=$(date -u '+%Y-%m-%d %H:%M UTC')
compiler=
if [ -n "$cc" ]; then
    compiler=$($cc --version 2>/dev/null | head -n 1) || compiler=$cc
fi
[ -n "$compiler" ] || compiler=unknown

count_note=
if [ "$clarus_insns" != "$peer_insns" ]; then
    count_note="- Note: the two instruction counts differ (Clarus $clarus_insns, Unicorn $peer_insns); each MIPS figure uses its own side's count."
fi

# 5. The section, between its markers.
{
    echo "$BEGIN_MARK"
    echo "## 68000 workload: Clarus vs Unicorn (\`make bench\`)"
    echo
    echo "Written by \`make bench\` (bench/run-m68k-bench.sh); edits between the markers are lost."
    echo "The workload, bench/m68k-workload.S, loops over an integer kernel with branches,"
    echo "(An)+ copies, MULU/DIVU, shifts and bit operations, JSR/RTS with LINK/UNLK and"
    echo "d16(An) record updates, then executes STOP. bench/m68k-run runs it on the Clarus"
    echo "68000 core, bench/m68k-unicorn on Unicorn's 68000 model (no hooks in the timed"
    echo "pass); the two alternate in one run, $runs runs each, and the fastest of each side"
    echo "counts. Both sides ended with the same results block (final checksum $final)."
    echo
    echo "| | Clarus | Unicorn $peer_version |"
    echo "| --- | ---: | ---: |"
    echo "| instructions | $clarus_insns | $peer_insns |"
    echo "| cycles (68000 clocks) | $clarus_cycles | n/a |"
    echo "| best time (s) | $clarus_best | $peer_best |"
    echo "| MIPS | $clarus_mips | $peer_mips |"
    echo
    echo "- Ratio Clarus / Unicorn: **${ratio}x** (target: at least 1.5x, $verdict)"
    echo "- Date: $date"
    echo "- Host CPU: $cpu ($ncpu online)"
    echo "- Compiler: $compiler; CFLAGS \`$cflags\`"
    [ -z "$count_note" ] || echo "$count_note"
    echo "$END_MARK"
} >"$tmp/section"

if [ ! -s "$out" ]; then
    cat >"$tmp/old" <<'EOF'
# Benchmarks

Figures measured by the benchmarks in bench/. Each section is written by the
command it names and can be refreshed by running that command again; the other
sections are left as they are. A figure against a peer is a ratio taken side by
side in one run on one machine.
EOF
else
    cp "$out" "$tmp/old"
fi

# Replace the old section, or append it; everything else stays as it was.
$AWK -v b="$BEGIN_MARK" -v e="$END_MARK" -v sect="$tmp/section" '
    function put() { while ((getline l < sect) > 0) print l; close(sect); done = 1 }
    $0 == b { skip = 1; put(); next }
    skip && $0 == e { skip = 0; next }
    skip { next }
    { print }
    END {
        if (skip) exit 1
        if (!done) { if (NR) print ""; put() }
    }' "$tmp/old" >"$tmp/new" || die "$out has a begin marker without an end marker; fix it by hand"

cp "$tmp/new" "$out.tmp.$$"
mv "$out.tmp.$$" "$out"
echo "$me: Clarus $clarus_mips MIPS, Unicorn $peer_mips MIPS, ratio ${ratio}x; written to $out"
