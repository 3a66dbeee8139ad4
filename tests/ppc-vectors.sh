#!/bin/sh
# make check: the PowerPC vectors recorded on real CPUs (DingusPPC's integer
# and floating-point CSVs) and Valgrind's ppc32 expected outputs, on the 750;
# Valgrind's AltiVec outputs (jm-vmx) on the 7400.
shared=${CLARUS_SHARED:-${srcdir:-.}/../shared}
prog=${CLARUS_BUILDDIR:-.}/tests/ppc-vectors
d=$shared/testdata/ppc-dingusppc
j=$shared/testdata/ppc-valgrind-jm-insns
for f in "$d/ppcinttests.csv" "$d/ppcfloattests.csv" "$j/jm-int.stdout.exp" "$j/jm-vmx.stdout.exp"; do
    if [ ! -f "$f" ]; then
        echo "Bail out! $f not found"
        exit 1
    fi
done
exec "$prog" --tap --cpu 750 "$d/ppcinttests.csv" "$d/ppcfloattests.csv" \
    "$j/jm-int.stdout.exp" "$j/jm-int_other.stdout.exp" "$j/jm-misc.stdout.exp" \
    "$j/lsw.stdout.exp" "$j/ldst_multiple.stdout.exp" "$j/ldstrev.stdout.exp" \
    "$j/mcrfs.stdout.exp" "$j/mftocrf.stdout.exp" \
    --cpu 7400 "$j/jm-vmx.stdout.exp"
