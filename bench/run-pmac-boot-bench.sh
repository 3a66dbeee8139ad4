#!/bin/sh
# Time from start to the OpenBIOS prompt ("0 >" on the serial console) on the
# Power Macs, Clarus against qemu-system-ppc, side by side in one run, and with
# --kernel FILE the time to boot that Linux kernel to its power-off.
#
# bench/run-pmac-boot-bench.sh --clarus PATH [--runs N] [--kernel VMLINUX] [--out BENCHMARKS.md]
#
# Each side runs each machine N times (3 by default), alternating; both are
# driven by tests/serial-dialog.py, which starts the program, waits for the
# prompt and stops it, so the figure is wall-clock time from exec to prompt.
# The best run of each side counts. Writes its section of BENCHMARKS.md
# between its markers (the rest of the file is left as it is).
set -eu
me=run-pmac-boot-bench
here=$(cd "$(dirname "$0")" && pwd)
dialog="$here/../tests/serial-dialog.py"
clarus=
runs=3
out=
vmlinux=
while [ $# -gt 0 ]; do
    case $1 in
    --clarus) clarus=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --kernel) vmlinux=$2; shift 2 ;;
    *) echo "$me: unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "$clarus" ] || { echo "$me: --clarus PATH is required" >&2; exit 2; }
command -v qemu-system-ppc >/dev/null || { echo "$me: qemu-system-ppc is not installed" >&2; exit 2; }
BEGIN_MARK='<!-- bench:pmac-boot begin -->'
END_MARK='<!-- bench:pmac-boot end -->'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
# time_to_prompt LABEL CMD...: prints seconds, or "fail".
time_to_prompt() {
    t0=$(now)
    if python3 "$dialog" --timeout 120 -- "$@" >"$work/log" 2>&1; then
        t1=$(now)
        echo "$t0 $t1" | awk '{printf "%.3f\n", $2 - $1}'
    else
        echo fail
    fi
}

for m in mac99 g3beige; do
    cb=; qb=
    i=0
    while [ $i -lt "$runs" ]; do
        i=$((i + 1))
        c=$(time_to_prompt "$clarus" --machine $m --headless --serial stdio)
        echo "$me: $m clarus run $i: $c s" >&2
        q=$(time_to_prompt qemu-system-ppc -M $m -nographic -serial stdio -monitor none -display none)
        echo "$me: $m qemu run $i: $q s" >&2
        [ "$c" = fail ] && { echo "$me: clarus did not reach the prompt on $m" >&2; exit 1; }
        [ "$q" = fail ] && { echo "$me: qemu did not reach the prompt on $m" >&2; exit 1; }
        cb=$(echo "$cb $c" | awk '{b=$1; for(i=2;i<=NF;i++) if ($i<b) b=$i; print b}')
        qb=$(echo "$qb $q" | awk '{b=$1; for(i=2;i<=NF;i++) if ($i<b) b=$i; print b}')
    done
    echo "$m $cb $qb" >>"$work/rows"
done

# Linux: from start to the guest's power-off (the process ends), the guest
# kernel of ../shared/guests/linux-ppc through each side's OpenBIOS, and
# Clarus also with --firmware none.
time_to_exit() {
    t0=$(now)
    if timeout 300 "$@" </dev/null >"$work/log" 2>&1 && grep -q 'GUEST-POWEROFF' "$work/log"; then
        t1=$(now)
        echo "$t0 $t1" | awk '{printf "%.3f\n", $2 - $1}'
    else
        echo fail
    fi
}
if [ -n "$vmlinux" ]; then
    for m in mac99 g3beige; do
        cb=; nb=; qb=
        i=0
        while [ $i -lt "$runs" ]; do
            i=$((i + 1))
            c=$(time_to_exit "$clarus" --machine $m --headless --serial stdio --kernel "$vmlinux" --append console=ttyPZ0)
            f=$(time_to_exit "$clarus" --machine $m --headless --serial stdio --firmware none --kernel "$vmlinux" --append console=ttyPZ0)
            q=$(time_to_exit qemu-system-ppc -M $m -m 128 -nographic -serial stdio -monitor none -display none -kernel "$vmlinux" -append console=ttyPZ0)
            echo "$me: $m linux run $i: clarus $c s, clarus --firmware none $f s, qemu $q s" >&2
            for v in "$c" "$f" "$q"; do [ "$v" = fail ] && { echo "$me: a Linux run on $m failed" >&2; exit 1; }; done
            cb=$(echo "$cb $c" | awk '{b=$1; for(i=2;i<=NF;i++) if ($i<b) b=$i; print b}')
            nb=$(echo "$nb $f" | awk '{b=$1; for(i=2;i<=NF;i++) if ($i<b) b=$i; print b}')
            qb=$(echo "$qb $q" | awk '{b=$1; for(i=2;i<=NF;i++) if ($i<b) b=$i; print b}')
        done
        echo "$m $cb $nb $qb" >>"$work/linux"
    done
fi

if grep -q '^#define CLARUS_JIT 1' "$(dirname "$clarus")/config.h" 2>/dev/null; then
    jit_note="\`./configure --enable-jit\` (the PowerPC JIT fast path)"
else
    jit_note="interpreter only (configured without --enable-jit)"
fi
qver=$(qemu-system-ppc --version | head -1 | sed 's/^QEMU emulator version //')
{
    echo "$BEGIN_MARK"
    echo "## Power Macs: time to the OpenBIOS prompt, Clarus vs qemu-system-ppc (\`make bench-pmac\`)"
    echo
    echo "Written by \`make bench-pmac\` (part of \`make bench\`; bench/run-pmac-boot-bench.sh); edits"
    echo "between the markers are lost. Wall-clock seconds from starting the program to \"0 >\" on"
    echo "the serial console (\`clarus --machine M --headless --serial stdio\` against"
    echo "\`qemu-system-ppc -M M -nographic\`), both with Debian's OpenBIOS and driven by"
    echo "tests/serial-dialog.py; $runs runs each, alternating, the best counts. Target: no slower than QEMU."
    echo
    echo "| machine | Clarus (s) | QEMU $qver (s) | Clarus / QEMU | target |"
    echo "| --- | ---: | ---: | ---: | --- |"
    while read -r m c q; do
        echo "$m $c $q" | awk '{r=$2/$3; printf "| %s | %.3f | %.3f | %.2fx | %s |\n", $1, $2, $3, r, (r <= 1.0 ? "met" : "not met")}'
    done <"$work/rows"
    if [ -s "$work/linux" ]; then
        echo
        echo "Linux to power-off: the guest kernel of ../shared/guests/linux-ppc (\`--kernel vmlinux"
        echo "--append console=ttyPZ0\`, 128 MB; QEMU: \`-kernel ... -nographic\`), wall-clock seconds from"
        echo "start until the process ends after the guest's power-off; best of $runs each."
        echo
        echo "| machine | Clarus, OpenBIOS (s) | Clarus, --firmware none (s) | QEMU (s) | Clarus / QEMU | --firmware none / QEMU |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: |"
        while read -r m c f q; do
            echo "$m $c $f $q" | awk '{printf "| %s | %.3f | %.3f | %.3f | %.2fx | %.2fx |\n", $1, $2, $3, $4, $2/$4, $3/$4}'
        done <"$work/linux"
    fi
    echo
    echo "- Clarus build: $jit_note"
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Host CPU: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //') ($(nproc) online)"
    echo "$END_MARK"
} >"$work/section"
cat "$work/section" >&2
[ -n "$out" ] || exit 0
if [ -s "$out" ]; then cp "$out" "$work/old"; else : >"$work/old"; fi
awk -v b="$BEGIN_MARK" -v e="$END_MARK" -v sect="$work/section" '
    function put() { while ((getline l < sect) > 0) print l; close(sect); done = 1 }
    $0 == b { skip = 1; put(); next }
    skip && $0 == e { skip = 0; next }
    skip { next }
    { print }
    END {
        if (skip) exit 1
        if (!done) { if (NR) print ""; put() }
    }' "$work/old" >"$work/new" || { echo "$me: $out has a begin marker without an end marker" >&2; exit 1; }
cp "$work/new" "$out.tmp.$$"
mv "$out.tmp.$$" "$out"
echo "$me: written to $out" >&2
