#!/bin/sh
# The differential test of the PowerPC 750 model against Unicorn's PowerPC
# 750 (tests/ppc-diff.c), as TAP for make check: Unicorn's deviations from
# the architecture demonstrated with Clarus giving the architected result, a
# self-check that the comparison catches a one-bit change, each instruction
# class on its own and all of them mixed, then the total: at least 1,000,000
# instructions executed in both engines and compared.
#
# Deterministic: every run uses the program's default seed. To reproduce a
# failure, run the command printed after "reproduce:".

prog="${CLARUS_BUILDDIR:-.}/tests/ppc-diff"
runs="int:2000 ldst:1000 branch:2000 cr:1000 fp:1500 int,ldst,branch,cr,fp:3000"
minimum=1000000

# A build with the JIT (./configure --enable-jit) runs the mixed blocks
# once more with every block compiled on its first run.
jit=
if grep -q '^#define CLARUS_JIT 1' "${CLARUS_BUILDDIR:-.}/config.h" 2>/dev/null; then
    jit=yes
    echo "1..10"
else
    echo "1..9"
fi
if [ ! -x "$prog" ]; then
    echo "Bail out! $prog was not built: it needs Unicorn (libunicorn-dev, see scripts/install-deps) at configure time"
    exit 1
fi

n=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# ok|not ok with the program's output as diagnostics when it failed.
report() {
    n=$((n + 1))
    if [ "$1" = ok ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        sed 's/^\([^#]\)/# \1/' "$out"
    fi
}

"$prog" --quirks >"$out" 2>&1
rc=$?
grep '^# U' "$out"
if [ $rc -eq 0 ]; then
    report ok "Unicorn's known deviations: Clarus gives the architected result in each"
else
    report "not ok" "Unicorn's known deviations: Clarus gives the architected result in each"
fi

# --mutate runs Unicorn on blocks whose first addi has its low immediate
# bit flipped: the comparison must notice, and the stepping must name it.
"$prog" --mutate --classes int,ldst --blocks 20 --keep-going >"$out" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q '^# first lasting divergence: [0-9A-F]*: 3[89AB]' "$out"; then
    report ok "self-check: a one-bit change in an addi is caught and located"
else
    report "not ok" "self-check: a one-bit change in an addi is caught and located (exit $rc)"
fi

total=0
for run in $runs; do
    classes=${run%:*}
    blocks=${run#*:}
    "$prog" --classes "$classes" --blocks "$blocks" >"$out" 2>&1
    rc=$?
    summary=$(grep '^# seed' "$out" | tail -n 1)
    executed=$(echo "$summary" | sed -n 's/.* \([0-9][0-9]*\) executed.*/\1/p')
    total=$((total + ${executed:-0}))
    if [ $rc -eq 0 ] && [ -n "$executed" ]; then
        report ok "$classes: $blocks blocks, ${executed} instructions executed, no disagreement"
    else
        report "not ok" "$classes: $blocks blocks (exit $rc)"
    fi
done

if [ -n "$jit" ]; then
    "$prog" --jit-hot 1 --classes int,ldst,branch,cr,fp --blocks 3000 --seed 0x5eed0717 >"$out" 2>&1
    rc=$?
    executed=$(grep '^# seed' "$out" | tail -n 1 | sed -n 's/.* \([0-9][0-9]*\) executed.*/\1/p')
    if [ $rc -eq 0 ] && [ -n "$executed" ]; then
        report ok "JIT: 3000 mixed blocks compiled on their first run, ${executed} instructions, no disagreement"
    else
        report "not ok" "JIT: 3000 mixed blocks compiled on their first run (exit $rc)"
    fi
fi

if [ "$total" -ge "$minimum" ]; then
    report ok "$total instructions executed and compared in all (at least $minimum)"
else
    : >"$out"
    report "not ok" "$total instructions executed and compared in all (fewer than $minimum)"
fi
