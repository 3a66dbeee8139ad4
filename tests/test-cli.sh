#!/bin/sh
# The clarus command line: --version, --help, --list-machines and bad usage.
clarus="${CLARUS_BUILDDIR:-.}/clarus"
n=0
fail=0
check() { # description, then the command's expected exit status, then the command
    desc=$1; want=$2; shift 2
    n=$((n + 1))
    out=$("$@" 2>&1 </dev/null); got=$?
    if [ "$got" = "$want" ]; then echo "ok $n - $desc"; else
        echo "not ok $n - $desc (exit $got, wanted $want)"; echo "$out" | sed 's/^/# /'; fail=1; fi
    LAST="$out"
}
contains() { # description, text expected in the last output
    n=$((n + 1))
    case "$LAST" in *"$2"*) echo "ok $n - $1" ;; *) echo "not ok $n - $1: no '$2' in:"; echo "$LAST" | sed 's/^/# /'; fail=1 ;; esac
}
echo "1..25"
check "--version exits 0" 0 "$clarus" --version
contains "--version prints the version" "clarus 0."
check "--help exits 0" 0 "$clarus" --help
contains "--help lists --list-machines" "--list-machines"
check "--list-machines exits 0" 0 "$clarus" --list-machines
contains "--list-machines lists mac99 as the default" "mac99        Power Mac G4"
contains "--list-machines lists g3beige" "g3beige      Beige Power Macintosh G3"
check "unknown option exits 2" 2 "$clarus" --frobnicate
contains "unknown option is named" "frobnicate"
check "unknown machine exits 2" 2 "$clarus" --machine nosuchmac --headless
contains "unknown machine is named" "unknown machine 'nosuchmac'"
check "--headless with no machine runs mac99 to OpenBIOS's prompt" 0 "$clarus" --headless --until "0 >" --timeout 60
contains "--headless runs mac99" "machine id 1"
check "--help exits 0 and documents --screenshot" 0 "$clarus" --help
contains "--help documents --until" "--until=TEXT"
check "a bad --timeout exits 2" 2 "$clarus" --machine mac99 --timeout soon
check "--display takes gtk or none" 2 "$clarus" --machine mac99 --display sdl
contains "--display's values are named" "--display takes gtk or none"
check "--headless with --display gtk exits 2" 2 "$clarus" --machine mac99 --headless --display gtk
# No display to open (or no GTK in this build): a message, exit 1, no machine run.
check "--display gtk without a display exits 1" 1 env -u DISPLAY -u WAYLAND_DISPLAY "$clarus" --machine mac99 --display gtk --timeout 1
# The serial console is a window: not with --headless, and not without a display.
check "--serial-console with --headless exits 2" 2 "$clarus" --machine mac99 --headless --serial-console
contains "--serial-console's refusal says where a console is" "--serial stdio"
check "--serial-console without a display exits 1" 1 env -u DISPLAY -u WAYLAND_DISPLAY "$clarus" --machine mac99 --serial-console --timeout 1
check "--help exits 0 (for --serial-console)" 0 "$clarus" --help
contains "--help documents --serial-console" "--serial-console"
exit $fail
