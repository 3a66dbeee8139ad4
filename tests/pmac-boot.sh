#!/bin/sh
# The Power Macs boot OpenBIOS to its prompt (acceptance 1 of the OpenBIOS
# issue), and bad input gets a message and exit 2, never a crash.
set -u
builddir=${CLARUS_BUILDDIR:-.}
clarus="$builddir/clarus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
echo "1..28"

for m in mac99 g3beige; do
    "$clarus" --machine $m --headless --serial stdio --until '0 >' --timeout 60 \
        </dev/null >"$tmp/out" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -q 'Welcome to OpenBIOS' "$tmp/out"; then
        ok "$m boots OpenBIOS to '0 >'"
    else
        not_ok "$m boots OpenBIOS to '0 >' (exit $rc)"
        tail -15 "$tmp/out" | sed 's/^/# /'
    fi
done

# The default machine, headless: mac99 on the serial console.
"$clarus" --headless --until '0 >' --timeout 60 </dev/null >"$tmp/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q 'machine id 1' "$tmp/out"; then
    ok "clarus --headless runs mac99 to its prompt"
else
    not_ok "clarus --headless runs mac99 to its prompt (exit $rc)"
fi

# --timeout: exit 3 when the text has not appeared.
"$clarus" --machine mac99 --headless --serial none --until 'NEVER PRINTED' --timeout 2 \
    </dev/null >"$tmp/out" 2>&1
rc=$?
if [ $rc -eq 3 ] && grep -q "did not appear" "$tmp/out"; then
    ok "--timeout exits 3 with a message"
else
    not_ok "--timeout exits 3 with a message (exit $rc)"
fi

# --serial file: the console goes to the file.
"$clarus" --machine g3beige --headless --serial "file:$tmp/serial.log" --until '0 >' \
    --timeout 60 </dev/null >/dev/null 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q 'OpenBIOS' "$tmp/serial.log"; then
    ok "--serial file:PATH writes the console to the file"
else
    not_ok "--serial file:PATH writes the console to the file (exit $rc)"
fi

# Input piped in at start-up reaches the prompt whole (nothing is lost when
# OpenBIOS resets the port), and a guest power-off ends the run with exit 0.
printf '1 2 + .\r' | "$clarus" --machine mac99 --headless --until ' 3  ok' --timeout 60 \
    >"$tmp/out" 2>&1
rc=$?
if [ $rc -eq 0 ]; then
    ok "piped '1 2 + .' prints 3"
else
    not_ok "piped '1 2 + .' prints 3 (exit $rc)"
    tail -3 "$tmp/out" | sed 's/^/# /'
fi
for m in mac99 g3beige; do
    # --until text that never comes: exit 0 only by the power-off (a timeout is 3).
    printf 'power-off\r' | "$clarus" --machine $m --headless --until NEVER-PRINTED --timeout 60 \
        >"$tmp/out" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -q '0 > power-off' "$tmp/out"; then
        ok "$m: OpenBIOS power-off through CUDA ends the run, exit 0"
    else
        not_ok "$m: OpenBIOS power-off through CUDA ends the run (exit $rc)"
        tail -3 "$tmp/out" | sed 's/^/# /'
    fi
done

# Machine settings, QEMU style: --machine NAME,KEY=VALUE.
"$clarus" --machine mac99,ram=256,cpu=750 --headless --until '0 >' --timeout 60 </dev/null \
    >"$tmp/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q 'Memory: 256M' "$tmp/out" && grep -q 'CPU type PowerPC,750' "$tmp/out"; then
    ok "--machine mac99,ram=256,cpu=750 reaches OpenBIOS with 256M and a 750"
else
    not_ok "--machine mac99,ram=256,cpu=750 (exit $rc)"
fi

# --prom-env reaches OpenBIOS through the NVRAM: with auto-boot? false it does
# not try to boot.
"$clarus" --machine g3beige --headless --prom-env 'auto-boot?=false' --until '0 >' --timeout 60 \
    </dev/null >"$tmp/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && ! grep -q 'Trying hd' "$tmp/out"; then
    ok "--prom-env auto-boot?=false: OpenBIOS stops at its prompt without booting"
else
    not_ok "--prom-env auto-boot?=false (exit $rc)"
    tail -5 "$tmp/out" | sed 's/^/# /'
fi

# The NVRAM file keeps Open Firmware settings across runs.
rm -f "$tmp/nv.bin"
"$clarus" --machine g3beige,nvram="$tmp/nv.bin" --headless --prom-env 'auto-boot?=false' \
    --until '0 >' --timeout 60 </dev/null >/dev/null 2>&1
"$clarus" --machine g3beige,nvram="$tmp/nv.bin" --headless --until '0 >' --timeout 60 \
    </dev/null >"$tmp/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ "$(wc -c <"$tmp/nv.bin")" -eq 8192 ] && ! grep -q 'Trying hd' "$tmp/out"; then
    ok "nvram=FILE: a setting made in one run holds in the next"
else
    not_ok "nvram=FILE persistence (exit $rc)"
fi

# Bad input: each gets exit 2 and a message that names the problem.
expect_usage() {
    desc=$1
    pattern=$2
    shift 2
    "$clarus" "$@" </dev/null >"$tmp/out" 2>&1
    rc=$?
    if [ $rc -eq 2 ] && grep -q -- "$pattern" "$tmp/out"; then
        ok "$desc: exit 2"
    else
        not_ok "$desc: exit 2 and '$pattern' (exit $rc)"
        sed 's/^/# /' "$tmp/out" | head -5
    fi
}
printf 'not an ELF file at all\n' >"$tmp/junk.bin"
head -c 3000 /usr/share/qemu/openbios-ppc >"$tmp/truncated.elf" 2>/dev/null ||
    printf '\177ELF\001\002\001' >"$tmp/truncated.elf"
head -c 52 /bin/sh >"$tmp/x86.elf"
expect_usage "unknown machine" "unknown machine 'lisa'" --machine lisa --headless
expect_usage "unknown CPU" "unknown CPU 'z80'" --machine mac99 --cpu z80 --headless
expect_usage "CPU that does not fit" "does not fit" --machine g3beige --cpu 7400 --headless
expect_usage "RAM too large" "takes 16 to 2048 MB" --machine mac99 --ram 4096 --headless
expect_usage "missing firmware file" "cannot read firmware" --machine mac99 \
    --firmware "$tmp/nonexistent" --headless
expect_usage "firmware that is not ELF" "not an ELF firmware image" --machine mac99 \
    --firmware "$tmp/junk.bin" --headless
expect_usage "truncated firmware" "truncated" --machine g3beige --firmware "$tmp/truncated.elf" \
    --headless
expect_usage "firmware for another CPU" "ELF" --machine mac99 --firmware "$tmp/x86.elf" --headless
expect_usage "bad --serial" "serial" --machine mac99 --serial bogus --headless
expect_usage "bad --prom-env" "NAME=VALUE" --machine mac99 --prom-env novalue --headless
expect_usage "bad --ram" "ram" --machine mac99 --ram lots --headless
expect_usage "unknown machine setting" "'bogus' is not a setting of mac99" --machine mac99,bogus=1
expect_usage "bad machine setting value" "cpu takes one of" --machine mac99,cpu=z80
expect_usage "malformed --machine" "NAME\[,KEY=VALUE" --machine mac99,novalue
expect_usage "setting out of range" "ram takes a number from 16 to 2048" --machine g3beige,ram=1
head -c 100 /dev/zero >"$tmp/short-nvram"
expect_usage "an NVRAM file of the wrong size" "short-nvram" --machine mac99,nvram="$tmp/short-nvram" --headless
expect_usage "a directory as a disk" "cannot open the image" --machine mac99 --disk "$tmp" --headless
exit $fail
