#!/bin/sh
# A new machine made through the assistant, driven through the accessibility
# tree (issue 6, acceptance 2 and 5). Under Xvfb, with a D-Bus session and
# the AT-SPI bus, `clarus` opens its library; tests/gtk-assistant.py
# (python3-dogtail) clicks New, fills the assistant (a mac99 named "Test
# G4", OpenBIOS, 256 MB, no disk), checks the .ini it saves, starts the
# machine from its row and compares the window's display area on the X
# screen with tests/data/openbios-banner.png (tests/png-compare), then
# closes the window. The screenshots are kept in tests/artefacts
# (CLARUS_ARTEFACTS) as gtk-assistant-*.png.
#
# CLARUS_README_SHOTS=1 also copies the library and the running machine's
# window to doc/screenshots/library.png and running.png (the README's
# pictures; `make readme-screenshots` does this).
#
# Everything the test needs comes with scripts/install-deps test: a missing
# tool fails the test. Only a build without the GTK front end skips it.
set -u
builddir=${CLARUS_BUILDDIR:-.}
srcdir=${CLARUS_SRCDIR:-.}
clarus="$builddir/clarus"
compare="$builddir/tests/png-compare"
ref="$srcdir/tests/data/openbios-banner.png"
out=${CLARUS_ARTEFACTS:-$builddir/tests/artefacts}
mkdir -p "$out"

if ! grep -q '^#define HAVE_GTK 1' "$builddir/config.h" 2>/dev/null; then
    echo "1..0 # SKIP clarus was built without the GTK front end"
    exit 0
fi
missing=
for tool in xvfb-run dbus-run-session import convert xdotool; do
    command -v $tool >/dev/null 2>&1 || missing="$missing $tool"
done
[ -x /usr/libexec/at-spi-bus-launcher ] || missing="$missing at-spi-bus-launcher(at-spi2-core)"
/usr/bin/python3 -c 'import dogtail, pyatspi' 2>/dev/null || missing="$missing python3-dogtail"
convert -version 2>/dev/null | grep -q ImageMagick || missing="$missing ImageMagick"
[ -r /usr/share/qemu/openbios-ppc ] || missing="$missing OpenBIOS(qemu-system-data)"
if [ -n "$missing" ]; then
    echo "1..1"
    echo "not ok 1 - missing:$missing (scripts/install-deps test installs them)"
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The user's settings, folders and accessibility bus stay out of it.
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    XDG_RUNTIME_DIR="$tmp/run" XDG_CACHE_HOME="$tmp/cache"
mkdir -m 700 "$tmp/run"
unset NO_AT_BRIDGE

# Runs inside xvfb-run and a D-Bus session: clarus and the dogtail driver.
# Writes TAP lines to $tmp/tap.
cat >"$tmp/inside.sh" <<'IN'
set -u
clarus=$1 compare=$2 ref=$3 out=$4 tmp=$5 srcdir=$6
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
# The session bus starts the accessibility bus (at-spi-bus-launcher) and
# its registry when GTK asks for them; they write to this script's output.
exec >"$tmp/tap"
G_MESSAGES_DEBUG=clarus "$clarus" </dev/null >"$tmp/clarus.log" 2>&1 &
pid=$!
/usr/bin/python3 "$srcdir/tests/gtk-assistant.py" $n "$tmp/clarus.log" \
    "$tmp/config/clarus/machines" "$out" "$compare" "$ref" >"$tmp/driver.tap" 2>"$tmp/driver.err"
cat "$tmp/driver.tap"
n=$(grep -c '^\(not \)\?ok ' "$tmp/driver.tap")
# The library, its machine window closed, ends on SIGTERM as it does
# without a window (exit 130).
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
if [ $rc -eq 130 ]; then
    ok "SIGTERM ends the library (exit 130)"
else
    not_ok "SIGTERM ends the library (exit $rc, wanted 130)"
fi
IN
echo "1..10"
xvfb-run -a -s "-screen 0 1024x768x24 -noreset" dbus-run-session -- \
    sh "$tmp/inside.sh" "$clarus" "$compare" "$ref" "$out" "$tmp" "$srcdir" \
    >"$tmp/xvfb.out" 2>"$tmp/xvfb.err"
cat "$tmp/tap"
oks=$(grep -c '^ok ' "$tmp/tap")
fails=$(grep -c '^not ok' "$tmp/tap")
if [ "$oks" -ne 10 ] || [ "$fails" -ne 0 ]; then
    sed 's/^/# driver: /' "$tmp/driver.err" 2>/dev/null | tail -n 20
    sed 's/^/# clarus: /' "$tmp/clarus.log" | tail -n 20
    cat "$tmp/xvfb.out" "$tmp/xvfb.err" | sed 's/^/# xvfb-run: /' | tail -n 10
    exit 1
fi
if [ "${CLARUS_README_SHOTS:-0}" = 1 ]; then
    mkdir -p "$srcdir/doc/screenshots"
    # Small files for the repository: no metadata, an 8-bit palette.
    convert "$out/gtk-assistant-library.png" -strip PNG8:"$srcdir/doc/screenshots/library.png" &&
        convert "$out/gtk-assistant-running.png" -strip PNG8:"$srcdir/doc/screenshots/running.png" &&
        echo "# wrote $srcdir/doc/screenshots/library.png and running.png"
fi
exit 0
