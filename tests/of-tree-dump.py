#!/usr/bin/env python3
"""Dumps a device tree as canonical text, one line per property.

of-tree-dump.py guest [--timeout S] -- PROGRAM ARGS...
    Boots PROGRAM (a Clarus command line that starts the Linux test guest
    with guest.shell=1), walks /proc/device-tree through the guest's shell
    (ls, cat, crc) and prints the tree the kernel was given.
of-tree-dump.py dtb FILE
    Prints the tree in a flattened device tree blob (Devicetree
    Specification v0.4, chapter 5) in the same form.
of-tree-dump.py compare REFERENCE MINE
    Compares two dumps after setting aside what only Open Firmware's
    clients use (/packages, /options, /openprom, /builtin, the ihandles in
    /chosen, the MMU's translations and the "available" lists) and naming
    phandles by the path of the node they stand for. Prints each node or
    property missing (-), added (+) or different (~); exits 1 when a
    difference is outside /aliases, /chosen and the drives OF found on
    the ATA buses.

Each line is `PATH PROPERTY = HEX` (the property's bytes), or `PATH/` for a
node; lines are sorted, so two dumps compare with diff. Property values
read from the guest are checked against the guest's CRC-32 of the file; a
value the serial line garbled exits with status 1.
"""
import os
import select
import signal
import struct
import subprocess
import sys
import time
import zlib

PROMPT = b"guest# "


def dump_dtb(path):
    data = open(path, "rb").read()
    magic, total, off_struct, off_strings, _, version = struct.unpack(">6I", data[:24])
    if magic != 0xD00DFEED or total > len(data):
        sys.exit("of-tree-dump.py: %s is not a flattened device tree" % path)
    out, stack, pos = [], [], off_struct
    while True:
        tok = struct.unpack(">I", data[pos:pos + 4])[0]
        pos += 4
        if tok == 1:
            end = data.index(b"\0", pos)
            name = data[pos:end].decode()
            pos = (end + 4) & ~3
            stack.append(name)
            out.append(node_path(stack) + "/")
            # Linux gives every node of a flattened tree a "name" property:
            # its name up to the unit address.
            out.append("%s name = %s" % (node_path(stack), (name.split("@")[0].encode() + b"\0").hex()))
        elif tok == 3:
            length, nameoff = struct.unpack(">II", data[pos:pos + 8])
            pos += 8
            end = data.index(b"\0", off_strings + nameoff)
            name = data[off_strings + nameoff:end].decode()
            out.append("%s %s = %s" % (node_path(stack), name, data[pos:pos + length].hex()))
            pos = (pos + length + 3) & ~3
        elif tok == 2:
            stack.pop()
        elif tok == 9:
            return out
        elif tok != 4:
            sys.exit("of-tree-dump.py: bad token %#x at %#x" % (tok, pos - 4))


def node_path(stack):
    return "/" + "/".join(stack[1:]) if len(stack) > 1 else ""


class Guest:
    def __init__(self, cmd, timeout):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        self.buf = b""
        self.deadline = time.monotonic() + timeout
        self.read_prompt()

    def read_prompt(self):
        while PROMPT not in self.buf:
            left = self.deadline - time.monotonic()
            if left <= 0:
                self.close()
                sys.exit("of-tree-dump.py: timed out waiting for the guest's prompt")
            r, _, _ = select.select([self.proc.stdout], [], [], min(left, 0.5))
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    self.close()
                    sys.exit("of-tree-dump.py: the guest ended before its prompt")
                self.buf += chunk
        i = self.buf.index(PROMPT)
        text, self.buf = self.buf[:i], self.buf[i + len(PROMPT):]
        return text

    def run(self, line):
        self.proc.stdin.write(line.encode() + b"\r")
        self.proc.stdin.flush()
        text = self.read_prompt()
        # The terminal echoes the command line first; the output mapped
        # each newline to CR LF (the tty's ONLCR).
        echo_end = text.index(b"\n") + 1
        return text[echo_end:].replace(b"\r\n", b"\n")

    def close(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.communicate()


def dump_guest(cmd, timeout):
    g = Guest(cmd, timeout)
    out, bad = [], 0
    todo = [("/proc/device-tree", "")]
    while todo:
        dirpath, path = todo.pop()
        out.append(path + "/")
        for line in g.run("ls " + dirpath).decode("latin-1").splitlines():
            parts = line.split()
            if len(parts) != 3 or parts[2] in (".", ".."):
                continue
            kind, size, name = parts
            if kind == "d":
                todo.append((dirpath + "/" + name, path + "/" + name))
                continue
            crc = g.run("crc %s/%s" % (dirpath, name)).decode("latin-1").split()
            for _ in range(3):
                value = g.run("cat %s/%s" % (dirpath, name))
                if len(crc) >= 4 and int(crc[1], 16) == zlib.crc32(value) and \
                        int(crc[3]) == len(value):
                    break
            else:
                bad += 1
                sys.stderr.write("of-tree-dump.py: %s/%s garbled on the serial line\n" %
                                 (path, name))
            out.append("%s %s = %s" % (path, name, value.hex()))
    g.close()
    return out, bad


OF_ONLY_NODES = ("/packages", "/options", "/openprom", "/builtin")
OF_ONLY_PROPS = {("/chosen", p) for p in ("display", "memory", "mmu", "nvram", "rtc", "stdin",
                                          "stdout")}
OF_ONLY_NAMES = ("available", "translations", "phandle")
NOT_KEY = ("/aliases", "/chosen")


def key(node):
    # Open Firmware's probe of the drives on an ATA bus (cdrom@0, disk@0)
    # is shown but not counted: Linux probes the bus itself.
    return not node.startswith(NOT_KEY) and "/ata-3@" not in node.rpartition("/")[0]


def normalize(path):
    nodes, props, phandles = set(), {}, {}
    for line in open(path):
        line = line.rstrip("\n")
        if line.endswith("/") and " = " not in line:
            nodes.add(line[:-1] or "/")
            continue
        head, _, value = line.partition(" = ")
        node, _, name = head.rpartition(" ")
        node = node or "/"
        props[(node, name)] = value
        if name == "phandle":
            phandles[value] = node
    out_nodes = {n for n in nodes if not n.startswith(OF_ONLY_NODES)}
    out = {}
    for (node, name), value in props.items():
        if node.startswith(OF_ONLY_NODES) or (node, name) in OF_ONLY_PROPS or \
                name in OF_ONLY_NAMES:
            continue
        words = [value[i:i + 8] for i in range(0, len(value), 8)]
        if name == "interrupt-parent":
            value = " ".join("&" + phandles.get(w, w) for w in words)
        elif name == "interrupt-map":
            # The Power Macs' entries: PCI address (3 cells), pin, the
            # parent's phandle, its two-cell specifier.
            value = " ".join("&" + phandles.get(w, w) if i % 7 == 4 else w
                             for i, w in enumerate(words))
        out[(node, name)] = value
    return out_nodes, out


def text(value):
    raw = bytes.fromhex(value) if all(c in "0123456789abcdef" for c in value) else b""
    if raw and raw[-1:] == b"\0" and all(32 <= c < 127 or c == 0 for c in raw[:-1]):
        return repr(raw[:-1].decode().replace("\0", "|"))
    return value


def compare(ref_path, mine_path):
    ref_nodes, ref = normalize(ref_path)
    my_nodes, mine = normalize(mine_path)
    key_diffs = 0
    for n in sorted(ref_nodes | my_nodes):
        if n in ref_nodes and n not in my_nodes:
            print("- node %s" % n)
            key_diffs += key(n)
        elif n in my_nodes and n not in ref_nodes:
            print("+ node %s" % n)
            key_diffs += key(n)
    for k in sorted(set(ref) | set(mine)):
        node, name = k
        if node not in ref_nodes or node not in my_nodes:
            continue
        if k not in mine:
            print("- %s %s = %s" % (node, name, text(ref[k])))
        elif k not in ref:
            print("+ %s %s = %s" % (node, name, text(mine[k])))
        elif ref[k] != mine[k]:
            print("~ %s %s = %s (reference %s)" % (node, name, text(mine[k]), text(ref[k])))
        else:
            continue
        key_diffs += key(node)
    print("%d nodes, %d properties compared; %d differences outside /aliases, /chosen and ATA drives" %
          (len(ref_nodes), len(ref), key_diffs))
    return key_diffs


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(1 if compare(sys.argv[2], sys.argv[3]) else 0)
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "dtb":
        lines, bad = dump_dtb(args[1]), 0
    elif args and args[0] == "guest":
        timeout = 300.0
        args = args[1:]
        while args and args[0] != "--":
            opt = args.pop(0)
            if opt == "--timeout":
                timeout = float(args.pop(0))
            else:
                sys.exit("of-tree-dump.py: unknown option " + opt)
        if not args[1:]:
            sys.exit(__doc__)
        lines, bad = dump_guest(args[1:], timeout)
    else:
        sys.exit(__doc__)
    for line in sorted(lines):
        print(line)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
