#!/bin/sh
# make check: the 68000 disassembler against every SingleStepTests/m68000
# vector name, plus its text self-test. Prints TAP (via the program).
# M68K_SINGLESTEP_DIR overrides where the vectors are.
shared=${CLARUS_SHARED:-${srcdir:-.}/../shared}
dir=${M68K_SINGLESTEP_DIR:-$shared/testdata/m68000-singlestep/v1}
prog=${CLARUS_BUILDDIR:-.}/tests/m68k-dasm-check
if [ ! -d "$dir" ]; then
    echo "Bail out! SingleStepTests 68000 vectors not found in $dir"
    exit 1
fi
if [ ! -x "$prog" ]; then
    echo "Bail out! $prog has not been built"
    exit 1
fi
exec "$prog" --tap --self-test "$dir"
