#!/bin/sh
# What `make install` puts on a desktop system (data/local.mk): the desktop
# entry, the AppStream metainfo, the icon and the man pages.
#   - desktop-file-validate (without even a hint) and `appstreamcli validate
#     --no-net --strict` accept the files, and groff renders the man pages
#     without a warning;
#   - the pages and the metainfo carry the version `clarus --version` prints;
#   - every option that `clarus --help-all` (and `clarus-user --help-all`)
#     prints has an entry of its own in the man page, and every option the
#     man page has an entry for exists, so an option added without
#     documentation (or removed with it left behind) fails here;
#   - `make install DESTDIR=...` puts each file where desktops look for it
#     (the files validated again as installed; the desktop entry, icon and
#     metainfo only in a GTK build), and `make uninstall` removes them all.
set -u
builddir=${CLARUS_BUILDDIR:-.}
srcdir=${CLARUS_SRCDIR:-.}
appid=org.clarus.Clarus

# The validators (scripts/install-deps test installs them).
for tool in desktop-file-validate appstreamcli groff; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "1..0 # SKIP $tool is not installed (scripts/install-deps test)"
        exit 0
    fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { # description, then a file whose text explains it
    n=$((n + 1))
    echo "not ok $n - $1"
    [ -n "${2:-}" ] && [ -s "$2" ] && sed 's/^/# /' "$2"
    fail=1
}
# check DESCRIPTION COMMAND...: passes when COMMAND exits 0 and prints nothing
# on stderr (the validators and groff report problems there).
check() {
    desc=$1
    shift
    if "$@" >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
        ok "$desc"
    else
        cat "$tmp/err" >>"$tmp/out"
        not_ok "$desc" "$tmp/out"
    fi
}
# silent COMMAND...: succeeds when COMMAND succeeds without printing anything
# (desktop-file-validate prints its hints on stdout and still exits 0).
silent() {
    out=$("$@" 2>&1) || { echo "$out" >&2; return 1; }
    [ -z "$out" ] || { echo "$out" >&2; return 1; }
}
man_renders() { # groff with every warning on, as `man --warnings` runs it
    LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$1"
}
# The long and short options a GOption --help-all lists, one a line.
help_options() {
    "$1" --help-all | sed -n \
        -e 's/^  *\(-[A-Za-z0-9]\), \(--[A-Za-z0-9][A-Za-z0-9-]*\).*/\1\n\2/p' \
        -e 's/^  *\(--[A-Za-z0-9][A-Za-z0-9-]*\).*/\1/p'
}
# The options that start a .TP entry's tag in a man page, one a line.
man_options() {
    awk '
        tag { tag = 0
              gsub(/\\-/, "-"); gsub(/\\f[BIRP]/, ""); gsub(/"/, "")
              sub(/^\.[A-Z]+ +/, "")
              while (match($0, /^-[-A-Za-z0-9]+/)) {
                  print substr($0, 1, RLENGTH)
                  $0 = substr($0, RLENGTH + 1)
                  sub(/^[^,]*, */, "")
              }
              next }
        /^\.TP/ { tag = 1 }' "$1"
}
# documents PROGRAM PAGE: both directions between --help-all and the page.
documents() {
    prog=$1 page=$2 name=$(basename "$1")
    if ! help_options "$prog" | sort -u >"$tmp/help-opts" || [ ! -s "$tmp/help-opts" ]; then
        echo "$name --help-all printed no options" >"$tmp/why"
        not_ok "$name: its options are read from --help-all" "$tmp/why"
        return
    fi
    man_options "$page" | sort -u >"$tmp/man-opts"
    comm -23 "$tmp/help-opts" "$tmp/man-opts" >"$tmp/missing"
    if [ -s "$tmp/missing" ]; then
        not_ok "every option of $name --help-all has an entry in $(basename "$page"); missing:" \
            "$tmp/missing"
    else
        ok "every option of $name --help-all ($(wc -l <"$tmp/help-opts") of them) has an entry in $(basename "$page")"
    fi
    comm -13 "$tmp/help-opts" "$tmp/man-opts" >"$tmp/stale"
    if [ -s "$tmp/stale" ]; then
        not_ok "$(basename "$page") documents no option $name lacks; stale:" "$tmp/stale"
    else
        ok "$(basename "$page") documents no option $name lacks"
    fi
}

has_gtk=no
grep -q '^#define HAVE_GTK 1' "$builddir/config.h" 2>/dev/null && has_gtk=yes

check "desktop-file-validate accepts $appid.desktop" \
    silent desktop-file-validate "$srcdir/data/$appid.desktop"
check "appstreamcli validate --strict accepts $appid.metainfo.xml" \
    appstreamcli validate --no-net --strict "$srcdir/data/$appid.metainfo.xml"
check "clarus.1 renders without a warning" man_renders "$srcdir/doc/clarus.1"
check "clarus-user.1 renders without a warning" man_renders "$srcdir/doc/clarus-user.1"
# The version in the pages' footers and a release entry in the metainfo
# follow configure.ac's (a new version must update them).
version=$("$builddir/clarus" --version | sed -n 's/^clarus //p')
for page in clarus.1 clarus-user.1; do
    if grep -q "^\.TH .* \"Clarus $version\" " "$srcdir/doc/$page"; then
        ok "$page is the page of Clarus $version"
    else
        grep '^\.TH' "$srcdir/doc/$page" >"$tmp/why"
        not_ok "$page is the page of Clarus $version (.TH names another):" "$tmp/why"
    fi
done
if grep -q "<release version=\"$version\"" "$srcdir/data/$appid.metainfo.xml"; then
    ok "the metainfo has a release entry for $version"
else
    not_ok "the metainfo has a release entry for $version"
fi
documents "$builddir/clarus" "$srcdir/doc/clarus.1"
documents "$builddir/clarus-user" "$srcdir/doc/clarus-user.1"

# make install into a staging directory, as a package build does. The test
# runs inside `make check`: the inner make gets neither its jobserver nor its
# command-line variables.
dest="$tmp/root"
inner_make() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} -C "$builddir" "$@" \
        prefix=/usr DESTDIR="$dest"
}
if inner_make install >"$tmp/install.log" 2>&1; then
    ok "make install DESTDIR=... succeeds"
else
    not_ok "make install DESTDIR=... succeeds" "$tmp/install.log"
fi
# Each file where desktops and man look for it; the desktop entry, metainfo
# and icon only in a GTK build (clarus without GTK opens no window).
for f in bin/clarus bin/clarus-user share/man/man1/clarus.1 share/man/man1/clarus-user.1 \
    share/doc/clarus/README share/doc/clarus/roms-README share/applications/$appid.desktop \
    share/metainfo/$appid.metainfo.xml share/icons/hicolor/scalable/apps/$appid.svg; do
    case $f in
    share/applications/* | share/metainfo/* | share/icons/*) want=$has_gtk ;;
    *) want=yes ;;
    esac
    if [ "$want" = yes ] && [ -s "$dest/usr/$f" ]; then
        ok "installed: /usr/$f"
    elif [ "$want" = no ] && [ ! -e "$dest/usr/$f" ]; then
        ok "not installed without GTK: /usr/$f"
    else
        (cd "$dest" && find . -type f) >"$tmp/why" 2>&1
        not_ok "/usr/$f installed: $want (GTK build: $has_gtk); what was installed:" "$tmp/why"
    fi
done
if [ "$has_gtk" = yes ]; then
    check "the installed desktop entry validates" \
        silent desktop-file-validate "$dest/usr/share/applications/$appid.desktop"
    check "the installed metainfo validates" \
        appstreamcli validate --no-net --strict "$dest/usr/share/metainfo/$appid.metainfo.xml"
    check "the metainfo launches the desktop entry, whose icon is installed" sh -c '
        grep -q "<launchable type=\"desktop-id\">$1.desktop</launchable>" "$2/metainfo/$1.metainfo.xml" &&
        grep -q "^Icon=$1\$" "$2/applications/$1.desktop" &&
        test -s "$2/icons/hicolor/scalable/apps/$1.svg"' sh "$appid" "$dest/usr/share"
fi
if command -v man >/dev/null 2>&1; then
    check "man finds the installed clarus(1)" sh -c \
        'MANPATH="$1" man -w clarus | grep -q "/man1/clarus\.1"' sh "$dest/usr/share/man"
else
    not_ok "man finds the installed clarus(1): man is not installed"
fi
if inner_make uninstall >"$tmp/uninstall.log" 2>&1; then
    ok "make uninstall succeeds"
else
    not_ok "make uninstall succeeds" "$tmp/uninstall.log"
fi
find "$dest" -type f >"$tmp/left" 2>/dev/null
if [ -s "$tmp/left" ]; then
    not_ok "make uninstall removes every installed file; left:" "$tmp/left"
else
    ok "make uninstall removes every installed file"
fi
echo "1..$n"
exit $fail
