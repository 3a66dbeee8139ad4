#!/bin/sh
# Files dropped on a running machine's display window under Xvfb (issue 6):
# tests/drag-files.py (a GTK drag source) is dragged with xdotool onto the
# picture of a running mac99.
# 1-3. The default library machine started from the library: an ISO image
#    (made with xorriso) goes into its CD-ROM drive at once (the info bar
#    says so once the machine thread has swapped the disc) and into its .ini
#    as its CD; a raw image becomes a hard disk of its .ini for the next
#    start; a folder is refused with a visible error and the .ini keeps no
#    trace of it.
# 4. A machine from the command line: a hard disk image is refused with how
#    to attach one (--disk, the library).
# The info bar's text comes from the debug log (G_MESSAGES_DEBUG=clarus, where
# the C locale turns its curly quotes into '?'); X
# screenshots of each info bar are kept in tests/artefacts
# (gtk-display-drop-cd.png, gtk-display-drop-folder.png,
# gtk-display-drop-disk.png). The drive's unit attention after the swap is
# tested through its registers by tests/test-pmac (/pmac/session-cd).
set -u
builddir=${CLARUS_BUILDDIR:-.}
srcdir=${CLARUS_SRCDIR:-.}
clarus="$builddir/clarus"
out=${CLARUS_ARTEFACTS:-$builddir/tests/artefacts}
mkdir -p "$out"

for tool in xvfb-run import xdotool xorriso; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "1..0 # SKIP $tool is not installed (scripts/install-deps test)"
        exit 0
    fi
done
if [ ! -r /usr/share/qemu/openbios-ppc ]; then
    echo "1..0 # SKIP OpenBIOS is not installed (qemu-system-data)"
    exit 0
fi
if ! /usr/bin/python3 -c 'import gi; gi.require_version("Gtk", "3.0")' 2>/dev/null; then
    echo "1..0 # SKIP python3-gi is not installed (scripts/install-deps test)"
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"

mkdir -p "$tmp/iso" "$tmp/dd/folder"
echo "dropped on a running machine" >"$tmp/iso/HELLO.TXT"
xorriso -as mkisofs -quiet -R -J -V CLARUSDROP -o "$tmp/dd/disc.iso" "$tmp/iso" >/dev/null 2>&1
head -c 1048576 /dev/zero >"$tmp/dd/hd.img"

cat >"$tmp/inside.sh" <<'IN'
set -u
clarus=$1 out=$2 tmp=$3 srcdir=$4
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
show() { sed 's/^/# /' "$1" | tail -n 20; }
find_window() {
    i=0
    while [ $i -lt 40 ]; do
        w=$(xdotool search --onlyvisible --name "^$1\$" 2>/dev/null | head -n 1)
        [ -n "$w" ] && { echo "$w"; return 0; }
        sleep 0.5
        i=$((i + 1))
    done
    return 1
}
# The centre of the picture on the screen, from the window's debug line.
picture_centre() {
    i=0
    while [ $i -lt 60 ]; do
        p=$(sed -n 's/.*800x600 picture shown at \([0-9]*\)x\([0-9]*\)+\([0-9]*\)+\([0-9]*\) on the screen.*/\1 \2 \3 \4/p' "$1" | tail -n 1)
        if [ -n "$p" ]; then
            set -- $p
            echo "$(($3 + $1 / 2)) $(($4 + $2 / 2))"
            return 0
        fi
        sleep 0.5
        i=$((i + 1))
    done
    return 1
}
# drag FILE X Y: drags FILE from a drag-files.py window onto (X, Y).
drag() {
    /usr/bin/python3 "$srcdir/tests/drag-files.py" 1000 800 "$1" >>"$tmp/drag.log" 2>&1 &
    dpid=$!
    src=$(find_window drag-files)
    if [ -n "$src" ]; then
        sleep 0.5
        xdotool mousemove 1060 830 sleep 0.3 mousedown 1 sleep 0.2
        for s in 1 2 3 4 5 6 7 8 9 10; do
            xdotool mousemove $((1060 + ($2 - 1060) * s / 10)) $((830 + ($3 - 830) * s / 10)) sleep 0.1
        done
        xdotool mousemove $(($2 + 4)) $(($3 + 2)) sleep 0.5 mouseup 1
        sleep 0.5
    fi
    kill $dpid 2>/dev/null
    wait $dpid 2>/dev/null
}
# wait_for LOG PATTERN: up to 20 s.
wait_for() {
    i=0
    while [ $i -lt 40 ] && ! grep -q "$2" "$1"; do
        sleep 0.5
        i=$((i + 1))
    done
    grep -q "$2" "$1"
}

# The library's default machine, started with Return on its row.
log=$tmp/lib.log
: >"$log"
G_MESSAGES_DEBUG=clarus "$clarus" </dev/null >"$log" 2>&1 &
pid=$!
lib=$(find_window Clarus)
[ -n "$lib" ] && xdotool windowfocus --sync "$lib" key Return 2>/dev/null
ini="$tmp/config/clarus/machines/power-mac-g4.ini"
centre=$(picture_centre "$log")
if [ -z "$centre" ]; then
    not_ok "the library's machine runs in its window (log:)"
    show "$log"
    not_ok "a hard disk image dropped on the window (not tried)"
    not_ok "a folder dropped on the window (not tried)"
else
    set -- $centre
    cx=$1 cy=$2
    drag "$tmp/dd/disc.iso" $cx $cy
    if wait_for "$log" "info bar: disc.iso is in the CD-ROM drive, and in .Power Mac G4.'s settings" &&
        grep -q "^cd0=$tmp/dd/disc.iso\$" "$ini"; then
        ok "an ISO dropped on the running machine's window goes into its drive and its .ini"
    else
        not_ok "an ISO dropped on the window (ini and log:)"
        show "$ini"
        show "$log"
    fi
    import -window root "$out/gtk-display-drop-cd.png" 2>/dev/null
    drag "$tmp/dd/hd.img" $cx $cy
    if wait_for "$log" "info bar: hd.img is one of .Power Mac G4.'s hard disks from its next start" &&
        grep -q "^hd0=$tmp/dd/hd.img\$" "$ini"; then
        ok "a hard disk image dropped on the window is in the .ini for the next start"
    else
        not_ok "a hard disk image dropped on the window (ini and log:)"
        show "$ini"
        show "$log"
    fi
    import -window root "$out/gtk-display-drop-disk.png" 2>/dev/null
    cp "$ini" "$tmp/before.ini"
    drag "$tmp/dd/folder" $cx $cy
    if wait_for "$log" "clarus: Nothing was attached: $tmp/dd/folder.*folder" &&
        cmp -s "$ini" "$tmp/before.ini"; then
        ok "a folder dropped on the window: an error in its info bar, the .ini unchanged"
    else
        not_ok "a folder dropped on the window (ini and log:)"
        show "$ini"
        show "$log"
    fi
    import -window root "$out/gtk-display-drop-folder.png" 2>/dev/null
fi
kill -TERM $pid 2>/dev/null
wait $pid

# A machine from the command line has no settings to keep a disk in.
log=$tmp/cli.log
: >"$log"
G_MESSAGES_DEBUG=clarus "$clarus" --machine mac99 --timeout 300 </dev/null >"$log" 2>&1 &
pid=$!
centre=$(picture_centre "$log")
if [ -n "$centre" ]; then
    set -- $centre
    drag "$tmp/dd/hd.img" $1 $2
fi
if wait_for "$log" "clarus: hd.img was not attached: hard disks cannot be plugged in while the machine runs. Start it with --disk"; then
    ok "a hard disk dropped on a command-line machine's window: how to attach one instead"
else
    not_ok "a hard disk dropped on a command-line machine's window (log:)"
    show "$log"
fi
import -window root "$out/gtk-display-drop-cli.png" 2>/dev/null
kill -TERM $pid 2>/dev/null
wait $pid
IN
echo "1..4"
xvfb-run -a -s "-screen 0 1280x1024x24" sh "$tmp/inside.sh" "$clarus" "$out" "$tmp" "$srcdir" \
    >"$tmp/tap" 2>"$tmp/xvfb.err"
cat "$tmp/tap"
if [ "$(grep -c '^ok ' "$tmp/tap")" -ne 4 ]; then
    sed 's/^/# xvfb-run: /' "$tmp/xvfb.err" | tail -n 10
    exit 1
fi
exit 0
