#!/bin/sh
# clarus-user on bad input: files that are not static big-endian 32-bit
# PowerPC ELF executables, and bad command lines. Each must print an error
# (naming the file where there is one) and exit 2, never crash. The bad
# ELF files are made at test time from a small static program built with
# powerpc-linux-gnu-gcc (Debian: gcc-powerpc-linux-gnu); without it the
# test fails, it does not skip.
prog=${CLARUS_BUILDDIR:-.}/clarus-user
cc=${PPC_CC:-powerpc-linux-gnu-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0

echo "1..15"
if [ ! -x "$prog" ]; then
    echo "Bail out! $prog not built"
    exit 1
fi
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "Bail out! $cc not found (apt-get install gcc-powerpc-linux-gnu)"
    exit 1
fi
cat >"$tmp/prog.c" <<'EOF'
int main(void) { return 0; }
EOF
if ! "$cc" -O2 -static -o "$tmp/good" "$tmp/prog.c" 2>"$tmp/cc.log" ||
    ! "$cc" -O2 -o "$tmp/dynamic" "$tmp/prog.c" 2>>"$tmp/cc.log" ||
    ! "$cc" -O2 -c -o "$tmp/object.o" "$tmp/prog.c" 2>>"$tmp/cc.log"; then
    echo "Bail out! $cc cannot build the test programs"
    sed 's/^/# /' "$tmp/cc.log"
    exit 1
fi

# expect DESCRIPTION TEXT FILE-OR-EMPTY ARGS...: exit 2, stderr holds TEXT
# (case-insensitive) and the file name when one is given.
expect() {
    desc=$1 text=$2 file=$3
    shift 3
    n=$((n + 1))
    "$prog" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    if [ $rc -eq 2 ] && grep -qiF -- "$text" "$tmp/err" &&
        { [ -z "$file" ] || grep -qF -- "$file" "$tmp/err"; } && [ ! -s "$tmp/out" ]; then
        echo "ok $n - $desc"
    else
        echo "not ok $n - $desc (exit $rc)"
        sed 's/^/# /' "$tmp/err" | head -5
        fail=1
    fi
}

# patch FILE OFFSET OCTAL-BYTE: overwrite one byte of a copy of the good ELF.
patch() {
    cp "$tmp/good" "$1"
    printf "\\$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

expect "missing file" "No such file" "$tmp/missing" "$tmp/missing"
: >"$tmp/empty"
expect "empty file" "empty" "$tmp/empty" "$tmp/empty"
echo "#!/bin/sh" >"$tmp/script"
expect "not an ELF file" "not an ELF" "$tmp/script" "$tmp/script"
head -c 30 "$tmp/good" >"$tmp/short-header"
expect "truncated ELF header" "truncated" "$tmp/short-header" "$tmp/short-header"
head -c 3000 "$tmp/good" >"$tmp/short-segment"
expect "truncated segment" "truncated" "$tmp/short-segment" "$tmp/short-segment"
patch "$tmp/class64" 4 002
expect "64-bit ELF" "64-bit" "$tmp/class64" "$tmp/class64"
patch "$tmp/little" 5 001
expect "little-endian ELF" "little-endian" "$tmp/little" "$tmp/little"
patch "$tmp/m68k" 19 004
expect "ELF for another machine" "not a PowerPC" "$tmp/m68k" "$tmp/m68k"
patch "$tmp/phentsize" 43 050
expect "bad program header size" "program header size" "$tmp/phentsize" "$tmp/phentsize"
expect "dynamically linked ELF" "dynamically linked" "$tmp/dynamic" "$tmp/dynamic"
expect "relocatable object" "relocatable" "$tmp/object.o" "$tmp/object.o"
expect "a directory" "directory" "$tmp" "$tmp"
expect "no program" "no program" "" 
expect "unknown CPU model" "unknown CPU model" "" --cpu 68040 "$tmp/good"
expect "unknown option" "unknown option" "" --no-such-option "$tmp/good"
exit $fail
