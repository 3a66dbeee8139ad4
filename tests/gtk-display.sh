#!/bin/sh
# The GTK display window under Xvfb (issue 6, first slice): `clarus --machine
# mac99` opens its window on the X server, OpenBIOS draws its banner and
# prompt, and an X screenshot of the whole screen (ImageMagick's import),
# cropped to where the window says it shows the emulated display (its debug
# line under G_MESSAGES_DEBUG=clarus), matches tests/data/openbios-banner.png
# by tests/png-compare (the tolerances of pmac-screenshot.sh). The screen is
# polled until it matches or a minute passes: nothing is timed. Then ^C
# (SIGTERM) ends the run with exit 130, and a run ended by --timeout still
# writes --screenshot in the window's mode. The screenshots are kept in
# tests/artefacts (CLARUS_ARTEFACTS).
set -u
builddir=${CLARUS_BUILDDIR:-.}
srcdir=${CLARUS_SRCDIR:-.}
clarus="$builddir/clarus"
compare="$builddir/tests/png-compare"
ref="$srcdir/tests/data/openbios-banner.png"
out=${CLARUS_ARTEFACTS:-$builddir/tests/artefacts}
mkdir -p "$out"

# What the test needs: Xvfb (xvfb-run) and ImageMagick's import and convert
# (scripts/install-deps test installs them).
for tool in xvfb-run import convert; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "1..0 # SKIP $tool is not installed (scripts/install-deps test)"
        exit 0
    fi
done
if ! convert -version 2>/dev/null | grep -q ImageMagick; then
    echo "1..0 # SKIP convert is not ImageMagick's (scripts/install-deps test)"
    exit 0
fi
if [ ! -r /usr/share/qemu/openbios-ppc ]; then
    echo "1..0 # SKIP OpenBIOS is not installed (qemu-system-data)"
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The user's settings and folders stay out of it.
export XDG_CONFIG_HOME="$tmp/config" HOME="$tmp"

# Runs inside xvfb-run: prints "ok"/"not ok" lines of its own.
cat >"$tmp/inside.sh" <<'IN'
set -u
clarus=$1 compare=$2 ref=$3 out=$4 tmp=$5
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
G_MESSAGES_DEBUG=clarus "$clarus" --machine mac99 --serial "file:$tmp/serial.log" --timeout 300 \
    </dev/null >"$tmp/clarus.log" 2>&1 &
pid=$!
# Poll: the window's place for the picture, then the picture on the X screen.
matched=no place= res=
i=0
while [ $i -lt 60 ] && kill -0 $pid 2>/dev/null; do
    i=$((i + 1))
    sleep 1
    place=$(sed -n 's/.*800x600 picture shown at \([0-9]*x[0-9]*+[0-9]*+[0-9]*\) on the screen.*/\1/p' \
        "$tmp/clarus.log" | tail -n 1)
    [ -n "$place" ] || continue
    import -window root "$out/gtk-screen.png" 2>/dev/null || continue
    convert "$out/gtk-screen.png" -crop "$place" +repage "$out/gtk-display.png" || continue
    if res=$("$compare" "$out/gtk-display.png" "$ref" 8 0.2); then
        matched=yes
        break
    fi
done
if [ -n "$place" ]; then
    ok "the window shows the 800x600 display (at $place on the screen)"
else
    not_ok "the window shows the 800x600 display (no debug line; log:)"
    sed 's/^/# /' "$tmp/clarus.log" | tail -n 20
fi
if [ $matched = yes ]; then
    ok "the X screen shows the OpenBIOS banner and prompt in the window ($res)"
else
    not_ok "the X screen shows the OpenBIOS banner and prompt in the window (${res:-no picture}; see $out/gtk-screen.png)"
fi
# A signal from the terminal ends the run as it does without a window.
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
if [ $rc -eq 130 ]; then
    ok "SIGTERM closes the window and ends the run (exit 130)"
else
    not_ok "SIGTERM closes the window and ends the run (exit $rc, wanted 130)"
    sed 's/^/# /' "$tmp/clarus.log" | tail -n 20
fi
# The window's mode keeps --screenshot: the emulated display when the run ends.
rm -f "$out/gtk-screenshot.png"
"$clarus" --machine mac99 --display gtk --serial none --timeout 10 \
    --screenshot "$out/gtk-screenshot.png" </dev/null >"$tmp/shot.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && res=$("$compare" "$out/gtk-screenshot.png" "$ref" 8 0.2); then
    ok "--display gtk --timeout 10 --screenshot writes the banner and prompt ($res)"
else
    not_ok "--display gtk --screenshot (exit $rc; ${res:-no PNG})"
    sed 's/^/# /' "$tmp/shot.log" | tail -n 20
fi
IN
echo "1..4"
xvfb-run -a -s "-screen 0 1024x768x24" sh "$tmp/inside.sh" "$clarus" "$compare" "$ref" "$out" "$tmp" \
    >"$tmp/tap" 2>"$tmp/xvfb.err"
cat "$tmp/tap"
if [ "$(grep -c '^ok ' "$tmp/tap")" -ne 4 ]; then
    sed 's/^/# xvfb-run: /' "$tmp/xvfb.err" | tail -n 10
    exit 1
fi
exit 0
