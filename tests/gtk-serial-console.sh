#!/bin/sh
# The display window's serial console under Xvfb (issue 6): `clarus --machine
# mac99 --serial-console` opens the Serial Console window (a VTE terminal)
# with OpenBIOS's console on the serial port; xdotool types `1 2 + .` and
# Return into it, and the terminal's own text (CLARUS_SERIAL_CONSOLE_DUMP,
# written by the window after each change) must show OpenBIOS's answer
# `1 2 + . 3  ok`: the keys went from the terminal through the machine
# thread to the guest, and its output came back into the terminal. Polled,
# not timed. A screenshot is kept in tests/artefacts (CLARUS_ARTEFACTS).
set -u
builddir=${CLARUS_BUILDDIR:-.}
clarus="$builddir/clarus"
out=${CLARUS_ARTEFACTS:-$builddir/tests/artefacts}
mkdir -p "$out"

for tool in xvfb-run xdotool import; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "1..0 # SKIP $tool is not installed (scripts/install-deps test)"
        exit 0
    fi
done
if [ ! -r /usr/share/qemu/openbios-ppc ]; then
    echo "1..0 # SKIP OpenBIOS is not installed (qemu-system-data)"
    exit 0
fi
if ! grep -q '^#define HAVE_VTE 1' "$builddir/config.h" 2>/dev/null; then
    echo "1..0 # SKIP this clarus was built without VTE (libvte-2.91-dev)"
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" HOME="$tmp"

cat >"$tmp/inside.sh" <<'IN'
set -u
clarus=$1 out=$2 tmp=$3
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
dump=$tmp/console.txt
CLARUS_SERIAL_CONSOLE_DUMP=$dump "$clarus" --machine mac99 --serial-console --timeout 300 \
    </dev/null >"$tmp/clarus.log" 2>&1 &
pid=$!
# OpenBIOS's prompt in the terminal.
i=0
while [ $i -lt 120 ] && kill -0 $pid 2>/dev/null && ! grep -q '^0 > *$' "$dump" 2>/dev/null; do
    i=$((i + 1))
    sleep 0.5
done
if grep -q '^0 > *$' "$dump" 2>/dev/null; then
    ok "the serial console shows OpenBIOS's prompt"
else
    not_ok "the serial console shows OpenBIOS's prompt (terminal text and log:)"
    sed 's/^/# /' "$dump" 2>/dev/null | tail -n 10
    sed 's/^/# /' "$tmp/clarus.log" | tail -n 10
fi
# Type into the terminal window (no window manager: focus it directly).
win=$(xdotool search --name '^Serial Console' 2>/dev/null | head -n 1)
answered=no
if [ -n "$win" ]; then
    xdotool windowfocus --sync "$win"
    xdotool type --delay 40 '1 2 + .'
    xdotool key Return
    i=0
    while [ $i -lt 60 ] && kill -0 $pid 2>/dev/null; do
        if grep -q '1 2 + \. 3  *ok' "$dump" 2>/dev/null; then
            answered=yes
            break
        fi
        i=$((i + 1))
        sleep 0.5
    done
fi
import -window root "$out/gtk-serial-console.png" 2>/dev/null
if [ $answered = yes ]; then
    ok "typing '1 2 + .' in the serial console gets OpenBIOS's answer 3"
else
    not_ok "typing '1 2 + .' in the serial console gets OpenBIOS's answer 3 (window '${win:-none}'; terminal text:)"
    sed 's/^/# /' "$dump" 2>/dev/null | tail -n 10
fi
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
if [ $rc -eq 130 ]; then
    ok "SIGTERM closes both windows and ends the run (exit 130)"
else
    not_ok "SIGTERM closes both windows and ends the run (exit $rc, wanted 130)"
    sed 's/^/# /' "$tmp/clarus.log" | tail -n 20
fi
IN
echo "1..3"
xvfb-run -a -s "-screen 0 1024x768x24" sh "$tmp/inside.sh" "$clarus" "$out" "$tmp" \
    >"$tmp/tap" 2>"$tmp/xvfb.err"
cat "$tmp/tap"
if [ "$(grep -c '^ok ' "$tmp/tap")" -ne 3 ]; then
    sed 's/^/# xvfb-run: /' "$tmp/xvfb.err" | tail -n 10
    exit 1
fi
exit 0
