#!/bin/sh
# make check: the PowerPC disassembler against the DingusPPC, Capstone (LLVM
# MC) and powerpc-rs test sets in ../shared/testdata, plus its self-tests.
# Prints TAP (via the program). CLARUS_SHARED overrides where ../shared is.
shared=${CLARUS_SHARED:-${srcdir:-.}/../shared}
data=$shared/testdata
dingus=$data/ppc-dingusppc/ppcdisasmtest.csv
capstone=$data/ppc-disasm-capstone/suite-MC-PowerPC
prs=$data/ppc-disasm-powerpc-rs/powerpc-rs_disasm_tests.csv
prog=${CLARUS_BUILDDIR:-.}/tests/ppc-dasm-check
for f in "$dingus" "$capstone" "$prs"; do
    if [ ! -e "$f" ]; then
        echo "Bail out! PowerPC disassembler test data not found: $f"
        exit 1
    fi
done
if [ ! -x "$prog" ]; then
    echo "Bail out! $prog has not been built"
    exit 1
fi
exec "$prog" --tap --self-test --dingus "$dingus" --capstone "$capstone" --powerpc-rs "$prs"
