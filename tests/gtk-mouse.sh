#!/bin/sh
# The display window's pointer grab under Xvfb (issue 6): a click in the
# emulated display grabs the pointer, relative motion and the button go to
# the machine (the window's debug lines under G_MESSAGES_DEBUG=clarus; that
# the session's mouse calls reach the ADB mouse is test-pmac's
# /pmac/session-mouse), the header bar tells how to let go, and Ctrl+Alt+G
# releases the pointer. Driven by xdotool; polled, not timed.
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

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" HOME="$tmp"

cat >"$tmp/inside.sh" <<'IN'
set -u
clarus=$1 out=$2 tmp=$3
log=$tmp/clarus.log
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$log" | grep -v DEBUG | tail -n 5; }
# Waits up to 15 s for a line matching $1 in the log.
wait_for() {
    i=0
    while [ $i -lt 30 ]; do
        grep -q "$1" "$log" && return 0
        i=$((i + 1))
        sleep 0.5
    done
    return 1
}
G_MESSAGES_DEBUG=clarus "$clarus" --machine mac99 --serial none --timeout 300 \
    </dev/null >"$log" 2>&1 &
pid=$!
wait_for 'picture shown at' || true
win=$(xdotool search --name 'Power Mac' 2>/dev/null | head -n 1)
[ -n "$win" ] && xdotool windowfocus --sync "$win" mousemove --window "$win" 200 250 click 1
if wait_for 'pointer: grabbed'; then ok "a click in the display grabs the pointer"
else not_ok "a click in the display grabs the pointer (window '${win:-none}')"; fi
import -window root "$out/gtk-mouse-grabbed.png" 2>/dev/null
xdotool mousemove_relative -- 12 7
if wait_for 'mouse: moved 12,7'; then ok "motion goes to the machine as relative motion (12,7)"
else not_ok "motion goes to the machine as relative motion (12,7)"; fi
xdotool mousedown 1
if wait_for 'mouse: buttons 1'; then ok "the button goes down in the machine"
else not_ok "the button goes down in the machine"; fi
xdotool mouseup 1
if wait_for 'mouse: buttons 0'; then ok "the button comes up in the machine"
else not_ok "the button comes up in the machine"; fi
xdotool key ctrl+alt+g
if wait_for 'pointer: released'; then ok "Ctrl+Alt+G releases the pointer"
else not_ok "Ctrl+Alt+G releases the pointer"; fi
# Released: motion stays with the host.
before=$(grep -c 'mouse: moved' "$log")
xdotool mousemove_relative -- 9 9
sleep 1
if [ "$(grep -c 'mouse: moved' "$log")" -eq "$before" ]; then ok "after the release, motion stays with the host"
else not_ok "after the release, motion stays with the host"; fi
kill -TERM $pid 2>/dev/null
wait $pid
IN
echo "1..6"
xvfb-run -a -s "-screen 0 1024x768x24" sh "$tmp/inside.sh" "$clarus" "$out" "$tmp" \
    >"$tmp/tap" 2>"$tmp/xvfb.err"
cat "$tmp/tap"
if [ "$(grep -c '^ok ' "$tmp/tap")" -ne 6 ]; then
    sed 's/^/# xvfb-run: /' "$tmp/xvfb.err" | tail -n 10
    exit 1
fi
exit 0
