#!/bin/sh
# The machine library window under Xvfb (issue 6): `clarus` with no
# arguments and an empty library folder saves the default machine and shows
# it; Return on its row starts it and the OpenBIOS banner appears in its
# window; ^C (SIGTERM) stops it and its last picture becomes the library's
# thumbnail. A malformed machine file is reported (stderr, and the info bar
# in the screenshot) and left byte for byte; a machine whose disk image is
# missing does not start, says which file, and its file is left as it was.
# Without a display `clarus` says so and exits 2. The X screenshots are kept
# in tests/artefacts (CLARUS_ARTEFACTS): gtk-library.png (a fresh library),
# gtk-library-running.png, gtk-library-thumbnail.png, gtk-library-broken.png
# gtk-library-missing-disk.png and gtk-library-drop.png. Files are dragged
# onto a row from tests/drag-files.py (a GTK drag source) with xdotool.
set -u
builddir=${CLARUS_BUILDDIR:-.}
srcdir=${CLARUS_SRCDIR:-.}
clarus="$builddir/clarus"
compare="$builddir/tests/png-compare"
ref="$srcdir/tests/data/openbios-banner.png"
out=${CLARUS_ARTEFACTS:-$builddir/tests/artefacts}
mkdir -p "$out"

# What the test needs: Xvfb (xvfb-run), ImageMagick's import and convert,
# and xdotool to find windows and press keys (scripts/install-deps test).
for tool in xvfb-run import convert xdotool; do
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
export HOME="$tmp" XDG_DATA_HOME="$tmp/data"

echo "1..11"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
show() { sed 's/^/# /' "$1" | tail -n 20; }

# Without a display there is no library to show.
XDG_CONFIG_HOME="$tmp/nodisplay" env -u DISPLAY -u WAYLAND_DISPLAY "$clarus" \
    </dev/null >"$tmp/nodisplay.log" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q 'needs a display' "$tmp/nodisplay.log"; then
    ok "clarus without a display says the library needs one and exits 2"
else
    not_ok "clarus without a display (exit $rc, wanted 2 and a message)"
    show "$tmp/nodisplay.log"
fi
# A name the library does not hold: the names it does hold are listed.
XDG_CONFIG_HOME="$tmp/byname" "$clarus" "No Such Mac" --headless </dev/null >"$tmp/byname.log" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q "no machine named 'No Such Mac'.*'Power Mac G4'" "$tmp/byname.log"; then
    ok "clarus NAME with an unknown name exits 2 and lists the library's machines"
else
    not_ok "clarus NAME with an unknown name (exit $rc)"
    show "$tmp/byname.log"
fi

# Runs inside xvfb-run: prints "ok"/"not ok" lines of its own, from $2 on.
cat >"$tmp/inside.sh" <<'IN'
set -u
clarus=$1 compare=$2 ref=$3 out=$4 tmp=$5 n=$6 srcdir=$7
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
show() { sed 's/^/# /' "$1" | tail -n 20; }
# The id of the visible window titled exactly $1, waiting up to 20 s.
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
stop() {
    kill -TERM "$1" 2>/dev/null
    wait "$1"
}

# 1. A fresh install: the default machine is saved and shown.
cfg="$tmp/fresh"
XDG_CONFIG_HOME="$cfg" G_MESSAGES_DEBUG=clarus "$clarus" </dev/null >"$tmp/fresh.log" 2>&1 &
pid=$!
lib=$(find_window Clarus)
ini="$cfg/clarus/machines/power-mac-g4.ini"
if [ -n "$lib" ] && grep -q '^id=mac99$' "$ini" 2>/dev/null &&
    grep -q '^name=Power Mac G4$' "$ini"; then
    ok "clarus with an empty library opens its window and saves the default Power Mac G4"
else
    not_ok "clarus with an empty library (window '${lib:-none}', $ini:)"
    cat "$ini" 2>&1 | sed 's/^/# /'
    show "$tmp/fresh.log"
fi
sleep 1
import -window root "$out/gtk-library.png" 2>/dev/null
# 2. Return on the selected row starts it: its window shows OpenBIOS.
[ -n "$lib" ] && xdotool windowfocus --sync "$lib" key Return 2>/dev/null
disp=$(find_window "Power Mac G4")
matched=no place= res=
i=0
while [ -n "$disp" ] && [ $i -lt 60 ]; do
    i=$((i + 1))
    sleep 1
    place=$(sed -n 's/.*800x600 picture shown at \([0-9]*x[0-9]*+[0-9]*+[0-9]*\) on the screen.*/\1/p' \
        "$tmp/fresh.log" | tail -n 1)
    [ -n "$place" ] || continue
    import -window root "$out/gtk-library-running.png" 2>/dev/null || continue
    convert "$out/gtk-library-running.png" -crop "$place" +repage "$tmp/shown.png" || continue
    if res=$("$compare" "$tmp/shown.png" "$ref" 8 0.2); then
        matched=yes
        break
    fi
done
if [ $matched = yes ]; then
    ok "Return on the library's row starts the machine: its window shows the OpenBIOS banner ($res)"
else
    not_ok "Return on the library's row starts the machine (window '${disp:-none}', ${res:-no picture})"
    show "$tmp/fresh.log"
fi
# 3. SIGTERM stops the machine and the library; the last picture is kept.
stop $pid
rc=$?
png="$cfg/clarus/machines/power-mac-g4.png"
if [ $rc -eq 130 ] && grep -q "^screenshot=$png\$" "$ini" &&
    res=$("$compare" "$png" "$ref" 8 0.2); then
    ok "SIGTERM ends the library (exit 130) and the machine's last picture is its thumbnail ($res)"
else
    not_ok "SIGTERM and the thumbnail (exit $rc, ${res:-no thumbnail})"
    cat "$ini" | sed 's/^/# /'
    show "$tmp/fresh.log"
fi
# 3b. clarus NAME (any case) opens that machine's window directly; its last
# picture replaces the thumbnail.
rm -f "$png"
XDG_CONFIG_HOME="$cfg" "$clarus" "power mac g4" --serial none --timeout 10 \
    --screenshot "$tmp/byname.png" </dev/null >"$tmp/byname.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && res=$("$compare" "$tmp/byname.png" "$ref" 8 0.2) &&
    "$compare" "$png" "$ref" 8 0.2 >/dev/null; then
    ok "clarus NAME runs the library's machine in its window and keeps its thumbnail ($res)"
else
    not_ok "clarus NAME (exit $rc, ${res:-no screenshot})"
    show "$tmp/byname.log"
fi
# The library again, with the thumbnail (a screenshot for the README).
XDG_CONFIG_HOME="$cfg" "$clarus" </dev/null >"$tmp/again.log" 2>&1 &
pid=$!
if find_window Clarus >/dev/null; then
    sleep 1
    import -window root "$out/gtk-library-thumbnail.png" 2>/dev/null
fi
stop $pid

# 4. A malformed machine file is reported and never written.
cfg="$tmp/broken"
mkdir -p "$cfg/clarus/machines"
printf '[machine]\nid=mac99\nname=Broken\nram=lots\n# keep me\n' >"$cfg/clarus/machines/broken.ini"
cp "$cfg/clarus/machines/broken.ini" "$tmp/broken.orig"
XDG_CONFIG_HOME="$cfg" "$clarus" </dev/null >"$tmp/broken.log" 2>&1 &
pid=$!
lib=$(find_window Clarus)
sleep 1
import -window root "$out/gtk-library-broken.png" 2>/dev/null
# Return on the broken row must not start anything or touch the file.
[ -n "$lib" ] && xdotool windowfocus --sync "$lib" key Return 2>/dev/null
sleep 1
stop $pid
if [ -n "$lib" ] && grep -q 'broken.ini.*ram' "$tmp/broken.log"; then
    ok "a malformed machine file is reported, naming the file and the key"
else
    not_ok "a malformed machine file is reported (window '${lib:-none}'; log:)"
    show "$tmp/broken.log"
fi
if cmp -s "$cfg/clarus/machines/broken.ini" "$tmp/broken.orig" &&
    [ "$(ls "$cfg/clarus/machines" | wc -l)" -eq 1 ]; then
    ok "the malformed file is left byte for byte and no default machine is added beside it"
else
    not_ok "the malformed file is left as it was"
    ls -l "$cfg/clarus/machines" | sed 's/^/# /'
fi

# 5. A machine whose disk image is missing: a message naming it, no window.
cfg="$tmp/missing"
mkdir -p "$cfg/clarus/machines"
printf '[machine]\nid=mac99\nname=Lost Disk\n\n[disks]\nhd0=%s/gone.img\n' "$tmp" \
    >"$cfg/clarus/machines/lost-disk.ini"
cp "$cfg/clarus/machines/lost-disk.ini" "$tmp/lost.orig"
XDG_CONFIG_HOME="$cfg" "$clarus" </dev/null >"$tmp/missing.log" 2>&1 &
pid=$!
lib=$(find_window Clarus)
[ -n "$lib" ] && xdotool windowfocus --sync "$lib" key Return 2>/dev/null
i=0
while [ $i -lt 20 ] && ! grep -q 'gone.img' "$tmp/missing.log"; do
    sleep 0.5
    i=$((i + 1))
done
sleep 1
import -window root "$out/gtk-library-missing-disk.png" 2>/dev/null
started=$(xdotool search --onlyvisible --name '^Lost Disk$' 2>/dev/null | head -n 1)
stop $pid
if grep -q "“Lost Disk” cannot start: .*$tmp/gone.img is missing" "$tmp/missing.log" &&
    [ -z "$started" ]; then
    ok "starting a machine whose disk image is missing names the file and opens no window"
else
    not_ok "a missing disk image (window '${started:-none}'; log:)"
    show "$tmp/missing.log"
fi
if cmp -s "$cfg/clarus/machines/lost-disk.ini" "$tmp/lost.orig"; then
    ok "the machine's file is left as it was"
else
    not_ok "the machine's file is left as it was"
    diff "$tmp/lost.orig" "$cfg/clarus/machines/lost-disk.ini" | sed 's/^/# /'
fi

# 6. Files dragged from another application onto the machine's row: the
# .ISO becomes its CD, the other file a hard disk, the folder is refused.
cfg="$tmp/drop"
mkdir -p "$cfg/clarus/machines" "$tmp/dd/folder"
printf '[machine]\nid=mac99\nname=Drop\n' >"$cfg/clarus/machines/drop.ini"
echo cd >"$tmp/dd/disc.ISO"
echo hd >"$tmp/dd/hd.img"
if ! /usr/bin/python3 -c 'import gi; gi.require_version("Gtk", "3.0")' 2>/dev/null; then
    n=$((n + 1))
    echo "ok $n # SKIP python3-gi is not installed (scripts/install-deps test)"
else
    XDG_CONFIG_HOME="$cfg" "$clarus" </dev/null >"$tmp/drop.log" 2>&1 &
    pid=$!
    /usr/bin/python3 "$srcdir/tests/drag-files.py" 700 300 "$tmp/dd/folder" "$tmp/dd/disc.ISO" \
        "$tmp/dd/hd.img" >"$tmp/drag.log" 2>&1 &
    dpid=$!
    lib=$(find_window Clarus)
    src=$(find_window drag-files)
    if [ -n "$lib" ] && [ -n "$src" ]; then
        # Press on the source, move in steps (past GTK's drag threshold) to
        # the library's only row, and let go there.
        xdotool mousemove 740 340 sleep 0.3 mousedown 1 sleep 0.2
        for s in 1 2 3 4 5 6 7 8 9 10; do
            xdotool mousemove $((740 - s * 40)) $((340 - s * 20)) sleep 0.1
        done
        xdotool mousemove 300 110 sleep 0.5 mousemove 310 112 sleep 0.5 mouseup 1
        i=0
        while [ $i -lt 20 ] && ! grep -q 'Not attached' "$tmp/drop.log"; do
            sleep 0.5
            i=$((i + 1))
        done
        import -window root "$out/gtk-library-drop.png" 2>/dev/null
    fi
    kill $dpid 2>/dev/null
    stop $pid
    ini="$cfg/clarus/machines/drop.ini"
    if grep -q "$tmp/dd/folder is a folder" "$tmp/drop.log" &&
        grep -q "^cd0=$tmp/dd/disc.ISO\$" "$ini" && grep -q "^hd0=$tmp/dd/hd.img\$" "$ini" &&
        ! grep -q folder "$ini"; then
        ok "files dropped on a row: the .ISO is its CD, the image a hard disk, a folder refused"
    else
        not_ok "files dropped on a row (windows '${lib:-none}' '${src:-none}'; file and log:)"
        sed 's/^/# /' "$ini"
        show "$tmp/drop.log"
    fi
fi
IN
# -noreset: the server must not reset between one clarus and the next (a
# client connecting while it resets is refused).
xvfb-run -a -s "-screen 0 1024x768x24 -noreset" sh "$tmp/inside.sh" "$clarus" "$compare" "$ref" "$out" \
    "$tmp" $n "$srcdir" >"$tmp/tap" 2>"$tmp/xvfb.err"
cat "$tmp/tap"
fails=$(grep -c '^not ok' "$tmp/tap")
oks=$(grep -c '^ok ' "$tmp/tap")
if [ "$oks" -ne 9 ] || [ "$fails" -ne 0 ]; then
    sed 's/^/# xvfb-run: /' "$tmp/xvfb.err" | tail -n 10
    exit 1
fi
exit 0
