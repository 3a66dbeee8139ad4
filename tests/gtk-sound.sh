#!/bin/sh
# Sound end to end under Xvfb (issue 6): `clarus --machine mac99
# --test-tone=HZ` opens its window, the machine thread puts a 44.1 kHz sine
# through the rate conversion into the lock-free ring, and SDL2_mixer
# drains the ring into SDL's disk audio driver (SDL_AUDIODRIVER=disk), which
# writes what it plays to a raw file at the pace of a real device.
# tests/audio-check.py then finds the tone in the file: its pitch by zero
# crossings and a Goertzel filter, its level, its length, few dropouts (the
# machine thread feeds the ring between slices, and a loaded host can make
# it late now and then).
# Without --test-tone the file holds silence (no machine has a sound device
# yet); the window's Play Test Tone menu item switches the tone on and off. With no sound device at all the machine runs silently after one
# warning. The raw files are kept in tests/artefacts (CLARUS_ARTEFACTS).
set -u
builddir=${CLARUS_BUILDDIR:-.}
srcdir=${CLARUS_SRCDIR:-.}
clarus="$builddir/clarus"
check="$srcdir/tests/audio-check.py"
out=${CLARUS_ARTEFACTS:-$builddir/tests/artefacts}
mkdir -p "$out"

for tool in xvfb-run python3; do
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
clarus=$1 check=$2 out=$3 tmp=$4
n=1
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
show() { sed 's/^/# /' "$1" | grep -v 'picture shown' | tail -n 15; }

# run NAME SECONDS ARGS...: clarus with SDL's disk driver writing
# $out/NAME.raw; the exit status and the log go to $tmp/NAME.*.
run() {
    name=$1 secs=$2
    shift 2
    rm -f "$out/$name.raw"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$out/$name.raw" G_MESSAGES_DEBUG=clarus \
        "$clarus" --machine mac99 --serial none --timeout "$secs" "$@" </dev/null \
        >"$tmp/$name.log" 2>&1
    echo $? >"$tmp/$name.rc"
}

# judge NAME RC WHAT...: audio-check.py on $out/NAME.raw, after a run
# through the disk driver that ended with exit status RC.
judge() {
    name=$1 want=$2
    shift 2
    rc=$(cat "$tmp/$name.rc")
    if [ "$rc" -ne "$want" ]; then
        not_ok "$name: clarus exit $rc, wanted $want"
        show "$tmp/$name.log"
        return
    fi
    if ! grep -q "through SDL's disk driver" "$tmp/$name.log"; then
        not_ok "$name: the sound did not go to SDL's disk driver"
        show "$tmp/$name.log"
        return
    fi
    if res=$(python3 "$check" "$out/$name.raw" "$@"); then
        ok "$name: $res"
    else
        not_ok "$name: $res"
        show "$tmp/$name.log"
    fi
}

# A 440 Hz tone for a 6 s run: at least 4 s of it, at most the run's length.
run gtk-sound-440 6 --test-tone
judge gtk-sound-440 0 tone 440 --min-seconds 4 --max-seconds 7
# Another pitch: the tone follows the option.
run gtk-sound-1000 4 --test-tone=1000
judge gtk-sound-1000 0 tone 1000 --min-seconds 2 --max-seconds 5
# No tone, no sound device in the machine: silence, played all along.
run gtk-sound-silence 4
judge gtk-sound-silence 0 silence --min-seconds 2 --max-seconds 5

# The window's menu: Play Test Tone switches the tone on and, chosen again,
# off. xdotool clicks the menu button (the third from the right in the
# header bar under GTK's default theme, left of the window controls), then
# the item, the second row of the menu below it, and the button again. The
# clicks wait until the window has taken its size for the 800x600 picture.
if command -v xdotool >/dev/null 2>&1; then
    toggle_tone() {
        wid=$(xdotool search --name 'Power Mac G4' | head -n 1)
        [ -n "$wid" ] || return 1
        eval "$(xdotool getwindowgeometry --shell "$wid")"
        xdotool mousemove $((X + WIDTH - 155)) $((Y + 27)) click 1
        sleep 0.5
        xdotool mousemove $((X + WIDTH - 155)) $((Y + 27 + 86)) click 1
        sleep 0.5
        # A check item leaves the menu open: the button closes it.
        xdotool mousemove $((X + WIDTH - 155)) $((Y + 27)) click 1
    }
    log="$tmp/gtk-sound-menu.log"
    rm -f "$out/gtk-sound-menu.raw"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$out/gtk-sound-menu.raw" G_MESSAGES_DEBUG=clarus \
        "$clarus" --machine mac99 --serial none --timeout 120 </dev/null >"$log" 2>&1 &
    pid=$!
    i=0
    while [ $i -lt 40 ] && ! grep -q '800x600 picture shown' "$log"; do
        i=$((i + 1))
        sleep 0.25
    done
    sleep 2
    toggle_tone
    sleep 3
    toggle_tone
    # The tone still in the ring plays out, then silence: SIGTERM ends the
    # run (exit 130).
    sleep 3
    kill -TERM $pid
    wait $pid
    echo $? >"$tmp/gtk-sound-menu.rc"
    judge gtk-sound-menu 130 tone 440 --min-seconds 2 --silent-head 2 --silent-tail 2
else
    ok "# SKIP the menu: xdotool is not installed (scripts/install-deps test)"
fi

# No sound device on the host: one warning, and the machine runs on.
SDL_AUDIODRIVER=no-such-driver "$clarus" --machine mac99 --serial none --timeout 3 --test-tone \
    </dev/null >"$tmp/nodev.log" 2>&1
rc=$?
warned=$(grep -c '^clarus: no sound: .*the machine runs silently' "$tmp/nodev.log")
if [ $rc -eq 0 ] && [ "$warned" -eq 1 ]; then
    ok "no sound device: one warning, the run ends by its --timeout (exit 0)"
else
    not_ok "no sound device: exit $rc (wanted 0), $warned warnings (wanted 1)"
    show "$tmp/nodev.log"
fi
IN
echo "1..6"
# Bad --test-tone values are refused before anything starts.
n=0
for bad in --test-tone=5 --test-tone=abc --test-tone=30000; do
    "$clarus" --machine mac99 "$bad" --timeout 1 </dev/null >"$tmp/bad.log" 2>&1
    rc=$?
    if [ $rc -ne 2 ] || ! grep -q 'test-tone: a pitch from 20 to 20000 Hz' "$tmp/bad.log"; then
        n=$((n + 1))
        sed "s/^/# $bad: /" "$tmp/bad.log"
    fi
done
"$clarus" --headless --test-tone --timeout 1 </dev/null >"$tmp/headless.log" 2>&1
rc=$?
failed=0
if [ $n -eq 0 ] && [ $rc -eq 2 ] && grep -q 'test-tone.*needs the GTK window' "$tmp/headless.log"; then
    echo "ok 1 - bad --test-tone pitches and --headless --test-tone are refused (exit 2)"
else
    failed=1
    echo "not ok 1 - bad --test-tone pitches and --headless --test-tone are refused"
    sed 's/^/# --headless: /' "$tmp/headless.log"
fi
xvfb-run -a -s "-screen 0 1024x768x24" sh "$tmp/inside.sh" "$clarus" "$check" "$out" "$tmp" \
    >"$tmp/tap" 2>"$tmp/xvfb.err"
cat "$tmp/tap"
if [ "$(grep -c '^ok ' "$tmp/tap")" -ne 5 ] || [ $failed -ne 0 ]; then
    sed 's/^/# xvfb-run: /' "$tmp/xvfb.err" | tail -n 10
    exit 1
fi
exit 0
