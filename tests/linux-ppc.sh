#!/bin/sh
# PowerPC Linux on the Power Macs (the Linux issue): the guest kernel in
# ../shared/guests/linux-ppc booted through OpenBIOS with --kernel, its /init
# computation, power-off, ext4 disks through the mac-io ATA channel, the
# image lock, --snapshot, and a SIGKILL while the guest writes.
# Uses python3 (tests/serial-dialog.py) and e2fsprogs (mke2fs, debugfs, e2fsck).
set -u
builddir=${CLARUS_BUILDDIR:-.}
srcdir=${CLARUS_SRCDIR:-.}
shared=${CLARUS_SHARED:-$srcdir/../shared}
clarus="$builddir/clarus"
dialog="$srcdir/tests/serial-dialog.py"
vmlinux="$shared/guests/linux-ppc/vmlinux"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
show() { tail -"${2:-15}" "$1" | sed 's/^/# /'; }
export PATH="$PATH:/sbin:/usr/sbin"
echo "1..21"
if [ ! -r "$vmlinux" ]; then
    for i in $(seq 21); do not_ok "no guest kernel at $vmlinux"; done
    exit 1
fi
# pata_macio's 1 s settle after each channel reset is guest time, not work;
# the tests keep it (it is what a user's boot does).
append='console=ttyPZ0'

# 1. Boot to /init, the computation, power-off: exit 0 with no --until.
"$clarus" --machine g3beige --headless --kernel "$vmlinux" --append "$append" --timeout 300 \
    </dev/null >"$tmp/boot.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q 'GUEST-INIT-OK' "$tmp/boot.log" &&
    grep -q 'GUEST-COMPUTE .* MATCH' "$tmp/boot.log" && grep -q 'GUEST-POWEROFF' "$tmp/boot.log"; then
    ok "g3beige: Linux reaches /init, the computation MATCHes, power-off exits 0"
else
    not_ok "g3beige: Linux boot to power-off (exit $rc)"
    show "$tmp/boot.log"
fi
# The G4 (its user space uses AltiVec), and the G4 with the PMU instead of CUDA.
for m in mac99 mac99,via=pmu; do
    "$clarus" --machine $m --headless --kernel "$vmlinux" --append "$append" --timeout 300 \
        </dev/null >"$tmp/boot.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -q 'GUEST-COMPUTE .* MATCH' "$tmp/boot.log" &&
        grep -q 'GUEST-POWEROFF' "$tmp/boot.log"; then
        ok "$m: Linux reaches /init, the computation MATCHes, power-off exits 0"
    else
        not_ok "$m: Linux boot to power-off (exit $rc)"
        show "$tmp/boot.log"
    fi
done
# --firmware none: Clarus enters the kernel itself with a device tree it builds.
for m in g3beige mac99; do
    "$clarus" --machine $m --headless --firmware none --kernel "$vmlinux" --append "$append" \
        --timeout 300 </dev/null >"$tmp/boot.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -q 'GUEST-COMPUTE .* MATCH' "$tmp/boot.log" &&
        grep -q 'GUEST-POWEROFF' "$tmp/boot.log" && ! grep -q 'OpenBIOS' "$tmp/boot.log"; then
        ok "$m --firmware none: Linux boots without OpenBIOS, MATCH, power-off exits 0"
    else
        not_ok "$m --firmware none (exit $rc)"
        show "$tmp/boot.log"
    fi
done
# --until stops the run at the text.
"$clarus" --machine g3beige --headless --kernel "$vmlinux" --append "$append" \
    --until GUEST-INIT-OK --timeout 300 </dev/null >"$tmp/until.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q 'GUEST-INIT-OK' "$tmp/until.log" && ! grep -q 'GUEST-POWEROFF' "$tmp/until.log"; then
    ok "g3beige: --until GUEST-INIT-OK exits 0 at the text"
else
    not_ok "g3beige: --until GUEST-INIT-OK (exit $rc)"
    show "$tmp/until.log"
fi

# 2. An ext4 disk: the guest checks a host file's CRC, writes a file, syncs,
# powers off; the host reads the new file back.
mkdir -p "$tmp/root"
printf 'hello from the host\n' >"$tmp/root/hello.txt"
head -c 100000 /dev/urandom >"$tmp/root/blob.bin"
crc=$(python3 -c "import zlib,sys; print('%08x' % zlib.crc32(open(sys.argv[1],'rb').read()))" "$tmp/root/blob.bin")
mke2fs -q -t ext4 -d "$tmp/root" -F "$tmp/disk.img" 16M >/dev/null 2>&1
shell() { # image-options, then the dialog's --send/--last arguments
    disk=$1
    shift
    python3 "$dialog" --prompt 'guest# ' --timeout 300 "$@" -- "$clarus" --machine g3beige --headless \
        --kernel "$vmlinux" --append "$append guest.shell=1" $disk
}
shell "--disk $tmp/disk.img" --send 'mount /dev/sda /mnt ext4' --send 'crc /mnt/blob.bin' \
    --send 'write /mnt/new.txt written-by-the-guest' --send 'sync' --send 'umount /mnt' \
    --last 'poweroff' >"$tmp/disk.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q "CRC32 $crc LEN 100000 /mnt/blob.bin" "$tmp/disk.log"; then
    ok "g3beige: the guest reads a host file from the ext4 disk (CRC $crc)"
else
    not_ok "g3beige: the guest reads a host file from the ext4 disk (dialog $rc, CRC $crc)"
    show "$tmp/disk.log"
fi
got=$(debugfs -R 'cat /new.txt' "$tmp/disk.img" 2>/dev/null)
if [ "$got" = "written-by-the-guest" ] && e2fsck -fn "$tmp/disk.img" >/dev/null 2>&1; then
    ok "the host reads the guest's file back (debugfs) and the file system is clean"
else
    not_ok "the host reads the guest's file back: got '$got'"
fi

# 3. --snapshot: the guest writes, the image stays byte-identical.
sum_before=$(sha256sum <"$tmp/disk.img")
shell "--disk $tmp/disk.img --snapshot" --send 'mount /dev/sda /mnt ext4' \
    --send 'write /mnt/snap.txt not-on-the-host' --send 'sync' --send 'crc /mnt/snap.txt' \
    --last 'poweroff' >"$tmp/snap.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q 'CRC32 .* /mnt/snap.txt' "$tmp/snap.log" &&
    [ "$(sha256sum <"$tmp/disk.img")" = "$sum_before" ]; then
    ok "--snapshot: the guest wrote and read its file, the image is byte-identical"
else
    not_ok "--snapshot (dialog $rc)"
    show "$tmp/snap.log"
fi

# 4. The lock: a second Clarus on the same image is refused, naming it and the holder.
"$clarus" --machine g3beige --headless --serial none --disk "$tmp/disk.img" --timeout 60 \
    </dev/null >/dev/null 2>&1 &
first=$!
sleep 1
"$clarus" --machine mac99 --headless --disk "$tmp/disk.img" --timeout 5 </dev/null >"$tmp/lock.log" 2>&1
rc=$?
kill $first 2>/dev/null
wait $first 2>/dev/null
if [ $rc -eq 2 ] && grep -q "image $tmp/disk.img is in use by clarus (pid $first)" "$tmp/lock.log"; then
    ok "a second instance on a locked image exits 2 naming the image and the holder"
else
    not_ok "image lock (exit $rc)"
    show "$tmp/lock.log" 3
fi
# (auto-boot? false: OpenBIOS, on QEMU too, hangs trying to boot a disk that
# has a bare ext4 file system and no partition map.)
"$clarus" --machine mac99 --headless --disk "$tmp/disk.img" --prom-env 'auto-boot?=false' \
    --until '0 >' --timeout 60 </dev/null >/dev/null 2>&1
rc=$?
if [ $rc -eq 0 ]; then
    ok "the lock goes with the process that held it"
else
    not_ok "the lock goes with the process that held it (exit $rc)"
fi

# 5. SIGKILL while the guest writes: the image is clean or e2fsck -p repairs it.
cat >"$tmp/writer.py" <<'PY'
import os, signal, subprocess, sys, time
clarus, vmlinux, append, img = sys.argv[1:5]
p = subprocess.Popen([clarus, "--machine", "g3beige", "--headless", "--kernel", vmlinux,
                      "--append", append + " guest.shell=1", "--disk", img],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
out = b""
def wait_for(t, limit=300):
    global out
    end = time.time() + limit
    while t not in out and time.time() < end:
        out += os.read(p.stdout.fileno(), 65536)
    return t in out
ok = wait_for(b"guest# ")
p.stdin.write(b"mount /dev/sda /mnt ext4\r"); p.stdin.flush()
ok = ok and wait_for(b"MOUNTED /mnt")
for i in range(40):
    p.stdin.write(b"write /mnt/f%d.txt %s\r" % (i, b"x" * 200)); p.stdin.flush()
time.sleep(0.5)
p.send_signal(signal.SIGKILL)
p.wait()
sys.exit(0 if ok and p.returncode == -signal.SIGKILL else 1)
PY
mke2fs -q -t ext4 -F "$tmp/kill.img" 16M >/dev/null 2>&1
python3 "$tmp/writer.py" "$clarus" "$vmlinux" "$append" "$tmp/kill.img" >/dev/null 2>&1
rc=$?
e2fsck -p "$tmp/kill.img" >"$tmp/fsck.log" 2>&1
fsck=$?
if [ $rc -eq 0 ] && [ $fsck -le 1 ] && e2fsck -fn "$tmp/kill.img" >/dev/null 2>&1; then
    ok "SIGKILL while the guest writes: e2fsck -p finds the image clean or repairs it (e2fsck $fsck)"
else
    not_ok "SIGKILL while the guest writes (writer $rc, e2fsck -p $fsck)"
    show "$tmp/fsck.log" 5
fi

# 6. An ISO 9660 image in the CD-ROM drive, read by the guest.
mkdir -p "$tmp/iso"
head -c 300000 /dev/urandom >"$tmp/iso/big.bin"
isocrc=$(python3 -c "import zlib,sys; print('%08x' % zlib.crc32(open(sys.argv[1],'rb').read()))" "$tmp/iso/big.bin")
xorriso -as mkisofs -quiet -R -J -o "$tmp/cd.iso" "$tmp/iso" >/dev/null 2>&1
python3 "$dialog" --prompt 'guest# ' --timeout 300 --send 'mount /dev/sr0 /mnt iso9660 ro' \
    --send 'crc /mnt/big.bin' --last poweroff -- "$clarus" --machine mac99 --headless \
    --kernel "$vmlinux" --append "$append guest.shell=1" --cdrom "$tmp/cd.iso" >"$tmp/cd.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q "CRC32 $isocrc LEN 300000 /mnt/big.bin" "$tmp/cd.log"; then
    ok "mac99: the guest reads a file from an ISO 9660 image through --cdrom"
else
    not_ok "mac99: --cdrom (dialog $rc)"
    show "$tmp/cd.log"
fi

# 7. --script: type a line on the ADB keyboard, see it echoed on serial, and
# screenshot the framebuffer console (offb on the std VGA).
cat >"$tmp/kbd.script" <<'SC'
# the guest's shell, then a line typed on its framebuffer console
wait-serial "guest# " 300
type hello from adb\n
wait-serial "KBD: hello from adb" 60
screenshot @SHOT@
power-off
SC
sed -i "s|@SHOT@|$tmp/fbcon.png|" "$tmp/kbd.script"
"$clarus" --machine g3beige --display none --kernel "$vmlinux" \
    --append "$append guest.shell=1 guest.kbd=1" \
    --serial "file:$tmp/kbd.log" --script "$tmp/kbd.script" </dev/null >"$tmp/script.out" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q 'KBD: hello from adb' "$tmp/kbd.log"; then
    ok "--script: a line typed on the ADB keyboard reaches the guest (KBD: hello from adb)"
else
    not_ok "--script typing (exit $rc)"
    show "$tmp/script.out" 5
fi
# The console shows the typed line: our reference rendering, allowing the
# blinking cursor (8 or fewer pixels a channel, 0.03% of the picture; the
# text alone is 0.08%).
if res=$("$builddir/tests/png-compare" "$tmp/fbcon.png" "$srcdir/tests/data/linux-fbcon-kbd.png" 8 0.03); then
    ok "the screenshot shows the framebuffer console with the typed line ($res)"
else
    not_ok "the screenshot shows the framebuffer console with the typed line ($res)"
fi
# A wait that never succeeds: exit 3 with the line and the last output.
printf 'wait-serial NEVER-COMES 2\n' >"$tmp/timeout.script"
"$clarus" --machine mac99 --display none --serial none --script "$tmp/timeout.script" </dev/null >"$tmp/to.out" 2>&1
rc=$?
if [ $rc -eq 3 ] && grep -q 'timeout.script:1: wait-serial NEVER-COMES 2: timed out' "$tmp/to.out"; then
    ok "--script: a wait-serial timeout exits 3 naming the line"
else
    not_ok "--script timeout (exit $rc)"
    show "$tmp/to.out" 5
fi

# 8. The guest's reboot restarts the machine (CUDA RESET_SYSTEM): the kernel
# is loaded afresh and boots again, through OpenBIOS and without it.
printf 'wait-serial "guest# " 300\nsend-serial "reboot\\n"\nwait-serial GUEST-INIT-OK 300\nwait-serial "guest# " 300\npower-off\n' \
    >"$tmp/reboot.script"
for fw in openbios none; do
    rm -f "$tmp/reboot.log"
    opt=
    [ $fw = none ] && opt="--firmware none"
    "$clarus" --machine g3beige --headless $opt --serial "file:$tmp/reboot.log" --kernel "$vmlinux" \
        --append "$append guest.shell=1" --script "$tmp/reboot.script" </dev/null >"$tmp/rb.out" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && [ "$(grep -c GUEST-INIT-OK "$tmp/reboot.log")" -eq 2 ]; then
        ok "g3beige ($fw): the guest's reboot restarts the machine and Linux boots again"
    else
        not_ok "g3beige ($fw): reboot (exit $rc)"
        show "$tmp/rb.out" 5
    fi
done

# 9. --initrd: an extra initramfs (gzip cpio) the kernel unpacks over its own.
mkdir -p "$tmp/ird"
printf 'from-the-initrd\n' >"$tmp/ird/hello-initrd.txt"
(cd "$tmp/ird" && printf 'hello-initrd.txt\n' | cpio -o -H newc 2>/dev/null | gzip >"$tmp/initrd.gz")
for fw in openbios none; do
    opt=
    [ $fw = none ] && opt="--firmware none"
    python3 "$dialog" --prompt 'guest# ' --timeout 300 --send 'cat /hello-initrd.txt' --last poweroff \
        -- "$clarus" --machine g3beige --headless $opt --kernel "$vmlinux" --initrd "$tmp/initrd.gz" \
        --append "$append guest.shell=1" >"$tmp/ird.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -q '^from-the-initrd' "$tmp/ird.log"; then
        ok "g3beige ($fw): --initrd reaches the guest"
    else
        not_ok "g3beige ($fw): --initrd (dialog $rc)"
        show "$tmp/ird.log" 5
    fi
done

# 10. A bad kernel: a message and exit 2.
printf 'not a kernel' >"$tmp/bad"
"$clarus" --machine g3beige --headless --kernel "$tmp/bad" </dev/null >"$tmp/bad.log" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q 'not an ELF kernel' "$tmp/bad.log"; then
    ok "a file that is not a kernel: a message, exit 2"
else
    not_ok "a file that is not a kernel (exit $rc)"
fi
exit $fail
