#!/bin/sh
# tests/m68k-vectors on bad input: a truncated file, a wrong magic, an empty
# file, a directory with no vectors, a missing file and a count that lies.
# Each must print an error naming the file and exit 2, never crash.
prog=${CLARUS_BUILDDIR:-.}/tests/m68k-vectors
shared=${CLARUS_SHARED:-${srcdir:-.}/../shared}
good=$shared/testdata/m68000-singlestep/v1/NOP.json.bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
expect() { # description, file or dir, text the error must contain
    n=$((n + 1))
    out=$("$prog" "$2" 2>&1)
    rc=$?
    if [ $rc -eq 2 ] && echo "$out" | grep -qF -- "$2" && echo "$out" | grep -qiF -- "$3"; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1 (exit $rc)"
        echo "$out" | sed 's/^/# /' | head -5
        fail=1
    fi
}
echo "1..8"
if [ ! -f "$good" ]; then
    echo "Bail out! $good not found"
    exit 1
fi
head -c 100000 "$good" >"$tmp/truncated.json.bin"
expect "truncated file" "$tmp/truncated.json.bin" "truncated"
head -c 8 "$good" >"$tmp/header-only.json.bin"
expect "header without vectors" "$tmp/header-only.json.bin" "truncated"
printf '\x00\x11\x22\x33\x04\x00\x00\x00' >"$tmp/magic.json.bin"
cat "$good" | tail -c +9 >>"$tmp/magic.json.bin"
expect "wrong magic" "$tmp/magic.json.bin" "magic"
: >"$tmp/empty.json.bin"
expect "empty file" "$tmp/empty.json.bin" "empty"
mkdir "$tmp/novectors"
echo "not a vector" >"$tmp/novectors/README.md"
expect "directory with no vectors" "$tmp/novectors" "no vector files"
expect "missing file" "$tmp/does-not-exist.json.bin" "No such file"
# A count larger than the file holds.
printf '\x71\x5d\x3f\x1a\xff\xff\xff\x7f' >"$tmp/count.json.bin"
tail -c +9 "$good" >>"$tmp/count.json.bin"
expect "vector count larger than the file" "$tmp/count.json.bin" "vectors"
# Garbage after a valid header: random bytes must not crash the reader.
{ printf '\x71\x5d\x3f\x1a\x05\x00\x00\x00'; head -c 5000 /dev/urandom; } >"$tmp/random.json.bin"
n=$((n + 1))
"$prog" "$tmp/random.json.bin" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -qF "$tmp/random.json.bin" "$tmp/err"; then echo "ok $n - random bytes after the header"; else
    echo "not ok $n - random bytes after the header (exit $rc)"; fail=1; fi
exit $fail
