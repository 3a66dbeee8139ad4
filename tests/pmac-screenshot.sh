#!/bin/sh
# OpenBIOS draws on the std VGA (acceptance 3 of the OpenBIOS issue): without
# --headless the firmware's console is the screen; --screenshot writes it as a
# PNG when the run ends. Each machine's PNG is compared with
# tests/data/openbios-banner.png, our own rendering of the OpenBIOS banner and
# prompt (800x600, checked by eye), by tests/png-compare: a pixel differs when
# a colour channel differs by more than 8, and at most 0.2% of the pixels may
# differ. The tolerance leaves room for another build date in the banner line
# of a newer OpenBIOS (about 0.1% of the pixels) and nothing like a missing
# banner (all the text together covers 0.66%).
set -u
builddir=${CLARUS_BUILDDIR:-.}
srcdir=${CLARUS_SRCDIR:-.}
clarus="$builddir/clarus"
compare="$builddir/tests/png-compare"
ref="$srcdir/tests/data/openbios-banner.png"
out=${CLARUS_ARTEFACTS:-$builddir/tests/artefacts}
mkdir -p "$out"
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
echo "1..5"
for m in mac99 g3beige; do
    png="$out/openbios-$m.png"
    rm -f "$png"
    "$clarus" --machine $m --display none --serial none --timeout 10 --screenshot "$png" </dev/null >"$out/$m.log" 2>&1
    rc=$?
    if [ $rc -ne 0 ] || [ ! -s "$png" ]; then
        not_ok "$m: --screenshot writes a PNG (exit $rc)"
        sed 's/^/# /' "$out/$m.log"
        continue
    fi
    if res=$("$compare" "$png" "$ref" 8 0.2); then
        ok "$m: the screen shows the OpenBIOS banner and prompt ($res)"
    else
        not_ok "$m: the screen shows the OpenBIOS banner and prompt ($res; see $png)"
    fi
done
# The comparison can fail: a picture without the text is far off.
if "$compare" "$ref" "$srcdir/tests/data/openbios-blank.png" 8 0.2 >/dev/null; then
    not_ok "a screen without the banner does not match"
else
    ok "a screen without the banner does not match"
fi
# Headless, OpenBIOS does not use the display: there is no picture to save.
"$clarus" --machine mac99 --headless --serial none --timeout 5 --screenshot "$out/none.png" \
    </dev/null >"$out/none.log" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "shows nothing" "$out/none.log" && [ ! -e "$out/none.png" ]; then
    ok "headless: --screenshot says the display shows nothing (exit 1)"
else
    not_ok "headless: --screenshot says the display shows nothing (exit $rc)"
fi
# A screenshot path that cannot be written: a message, exit 1. The display
# must show something first: as long a run as the banner's above (5 s of host
# time was too short for OpenBIOS to set the VGA up on a loaded machine).
"$clarus" --machine mac99 --display none --serial none --timeout 10 --screenshot /nonexistent-dir/x.png \
    </dev/null >"$out/bad.log" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "cannot write" "$out/bad.log"; then
    ok "an unwritable --screenshot path: a message, exit 1"
else
    not_ok "an unwritable --screenshot path: a message, exit 1 (exit $rc)"
fi
exit $fail
