#!/usr/bin/env python3
"""Talks to a firmware prompt over a program's standard input and output.

serial-dialog.py [--prompt TEXT] [--timeout S] [--send LINE]... [--last LINE]
                 -- PROGRAM ARGS...

Starts PROGRAM, waits for the prompt, sends each LINE (with a carriage
return, as a terminal would) and waits for the prompt again after it, then
stops the program and prints everything it wrote (carriage returns
removed). With --last, the final LINE is sent and the program is expected
to end by itself (a power-off): its exit status is printed as the last line
("serial-dialog.py: exit status N"). Exit status 0 when every prompt came
(and, with --last, the program ended with status 0), 1 otherwise (what was
read so far is printed too). Used to run the same Open Firmware dialog on
Clarus and on qemu-system-ppc, and to drive the Linux guest's shell.
"""
import os
import select
import signal
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    prompt, timeout, sends, last = "0 > ", 60.0, [], None
    while args and args[0] != "--":
        opt = args.pop(0)
        if opt == "--prompt":
            prompt = args.pop(0)
        elif opt == "--timeout":
            timeout = float(args.pop(0))
        elif opt == "--send":
            sends.append(args.pop(0))
        elif opt == "--last":
            last = args.pop(0)
        else:
            sys.exit("serial-dialog.py: unknown option " + opt)
    if not args:
        sys.exit("serial-dialog.py: no program given")
    cmd = args[1:]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    out = b""
    deadline = time.monotonic() + timeout
    ok = True

    def wait_for(text, start):
        nonlocal out
        while text.encode() not in out[start:]:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            r, _, _ = select.select([proc.stdout], [], [], min(left, 0.5))
            if r:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    return False
                out += chunk
        return True

    pos = 0
    if not wait_for(prompt, pos):
        ok = False
    else:
        for line in sends:
            pos = len(out)
            proc.stdin.write(line.encode() + b"\r")
            proc.stdin.flush()
            if not wait_for(prompt, pos):
                ok = False
                break
    status = None
    if ok and last is not None:
        proc.stdin.write(last.encode() + b"\r")
        proc.stdin.flush()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                ok = False
                break
            r, _, _ = select.select([proc.stdout], [], [], min(left, 0.5))
            if r:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if chunk:
                    out += chunk
                    continue
            if proc.poll() is not None:
                status = proc.returncode
                break
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        rest, _ = proc.communicate(timeout=5)
        out += rest or b""
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
    sys.stdout.write(out.replace(b"\r", b"").decode("latin-1"))
    if not ok:
        sys.stdout.write("\nserial-dialog.py: timed out waiting for %r\n" % prompt)
    if status is not None:
        sys.stdout.write("\nserial-dialog.py: exit status %d\n" % status)
        ok = ok and status == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
