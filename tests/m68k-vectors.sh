#!/bin/sh
# make check: every SingleStepTests 68000 vector in ../shared, through the
# MMIO path (every bus access seen, stray writes caught) and through the RAM
# fast path machines use. TAP: one line per file and mode.
shared=${CLARUS_SHARED:-${srcdir:-.}/../shared}
dir=${M68K_SINGLESTEP_DIR:-$shared/testdata/m68000-singlestep/v1}
prog=${CLARUS_BUILDDIR:-.}/tests/m68k-vectors
if [ ! -d "$dir" ]; then
    echo "Bail out! SingleStepTests 68000 vectors not found in $dir"
    exit 1
fi
files=$(ls "$dir"/*.bin 2>/dev/null | wc -l)
echo "1..$((files * 2))"
# Each run prints its own plan line; renumber the results into one plan.
status=0
for mode in mmio fast; do
    flag=
    [ $mode = fast ] && flag=--fast
    out=$("$prog" --tap $flag "$dir")
    rc=$?
    [ $rc -ne 0 ] && status=1
    echo "$out" | while IFS= read -r line; do
        case "$line" in
        "1.."*) ;;
        "ok "* | "not ok "*) echo "$line" | sed "s/^\(not ok\|ok\) [0-9]* - /\1 - $mode /" ;;
        "Bail out!"*) echo "$line" ;;
        *) echo "# $line" ;;
        esac
    done
done
# The bus transaction logs are compared too; the figure is informational
# (tests/README explains the vectors where MAME's log differs).
"$prog" --bus --show 0 "$dir" | grep '^bus transaction logs' | sed 's/^/# /'
exit $status
