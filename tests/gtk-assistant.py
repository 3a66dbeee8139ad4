#!/usr/bin/python3
# Drives a running `clarus` (the machine library) through the accessibility
# tree with dogtail, for tests/gtk-assistant.sh: New, the new-machine
# assistant's pages (model, firmware: a synthetic unknown and a truncated
# ROM file typed into the firmware entry are judged so and keep Next off,
# memory, disks, summary, Apply), the
# machine file it saves, Start on its row, the OpenBIOS banner in its window
# (X screenshots, compared with tests/png-compare), then closing the window
# (which asks first) and the library with the machine stopped again.
# Prints TAP lines "ok N - ..." / "not ok N - ..." from N = first + 1.
#
# usage: gtk-assistant.py FIRST CLARUS_LOG MACHINES_DIR OUT COMPARE REF
# The windows are kept in OUT: gtk-assistant-bad-firmware.png (the
# truncated ROM's verdict), gtk-assistant-summary.png (the assistant's
# last page), gtk-assistant-running.png (the machine's window) and
# gtk-assistant-library.png (the library afterwards, with its thumbnail);
# gtk-assistant-screen.png and -display.png are what was compared.
import glob
import os
import re
import subprocess
import sys
import time

# dogtail's own check wants GNOME's toolkit-accessibility setting, which a
# bare Xvfb session has no dconf for; GTK 3 exports its tree over AT-SPI
# whenever the accessibility bus is there (the shell script starts it).
from dogtail.config import config

config.checkForA11y = False
config.logDebugToFile = False
config.logDebugToStdOut = False
config.searchCutoffCount = 40
config.defaultDelay = 0.3
from dogtail import tree  # noqa: E402

(n, log, machines, out, compare, ref) = sys.argv[1:7]
n = int(n)
NAME = "Test G4"
RAM = 256


def ok(what):
    global n
    n += 1
    print("ok %d - %s" % (n, what), flush=True)


def not_ok(what, detail=None):
    global n
    n += 1
    print("not ok %d - %s" % (n, what), flush=True)
    if detail:
        for line in str(detail).splitlines()[-20:]:
            print("# " + line, flush=True)


def wait_for(cond, seconds, step=0.5):
    end = time.monotonic() + seconds
    while True:
        v = cond()
        if v or time.monotonic() > end:
            return v
        time.sleep(step)


def child(node, role, name, showing=True):
    """The node's descendant with this role and accessible name (dogtail
    retries for a while before it gives up)."""
    return node.child(name=name, roleName=role, showingOnly=showing)


def frame(app, title, seconds=20):
    def find():
        for c in app.children:
            if c.roleName in ("frame", "dialog", "alert") and c.name == title and c.showing:
                return c
        return None

    return wait_for(find, seconds)


def x_window(title):
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^%s$" % re.escape(title)],
                       capture_output=True, text=True)
    ids = r.stdout.split()
    return ids[0] if ids else None


def shoot_window(title, path):
    """The window titled `title` as the X server shows it, into path."""
    wid = x_window(title)
    if not wid:
        return False
    return subprocess.run(["import", "-window", wid, path], capture_output=True).returncode == 0


def machine_file():
    for path in glob.glob(os.path.join(machines, "*.ini")):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if re.search(r"^name=%s$" % re.escape(NAME), text, re.M):
            return path, text
    return None, None


def finish(planned):
    # What could not be reached is failed, so the plan always adds up.
    while n < planned:
        not_ok("not reached (an earlier step failed)")
    sys.exit(0)


def rom_files(folder):
    """Synthetic firmware files (no real ROM): a well-formed 1 MiB Mac ROM
    image whose checksum (the big-endian 16-bit sum of every word after the
    first four bytes, stored in them, as machines/rom_id.c checks it) no
    table entry has, and the first 64 KiB of a file claiming to be the
    128 KiB Macintosh Plus v3 ROM (checksum 4D1F8172)."""
    body = bytes((i * 7 + (i >> 9)) & 0xFF for i in range(4, 1 << 20))
    total = sum((body[i] << 8) | body[i + 1] for i in range(0, len(body), 2)) & 0xFFFFFFFF
    unknown = os.path.join(folder, "unknown.rom")
    with open(unknown, "wb") as f:
        f.write(total.to_bytes(4, "big") + body)
    truncated = os.path.join(folder, "plus-half.rom")
    with open(truncated, "wb") as f:
        f.write(bytes.fromhex("4D1F8172") + body[:(64 << 10) - 4])
    return unknown, truncated


PLANNED = n + 9
try:
    app = wait_for(lambda: next((a for a in tree.root.applications() if a.name == "clarus"), None),
                   30)
    lib = app and frame(app, "Clarus")
    if not lib:
        not_ok("clarus shows its library on the accessibility bus")
        finish(PLANNED)
    ok("clarus shows its library window on the accessibility bus")

    # New opens the assistant; the model buttons set the machine's name
    # until the user types one.
    child(lib, "push button", "New").click()
    asst = frame(app, "New Machine")
    if not asst:
        not_ok("New opens the “New Machine” assistant")
        finish(PLANNED)
    name = child(asst, "text", "Name")
    g3 = child(asst, "radio button", "Power Macintosh G3 (Beige)")
    g4 = child(asst, "radio button", "Power Mac G4 (AGP graphics)")
    g3.click()
    after_g3 = wait_for(lambda: name.text if name.text.startswith("Power Macintosh G3") else None, 5)
    g4.click()
    after_g4 = wait_for(lambda: name.text if name.text.startswith("Power Mac G4") else None, 5)
    name.grabFocus()
    name.text = NAME
    if after_g3 and after_g4 and g4.checked and not g3.checked and name.text == NAME:
        ok("the assistant's model buttons name the machine (%s, then %s) until a name is typed" %
           (after_g3, after_g4))
    else:
        not_ok("the model buttons and the Name entry (after G3 '%s', after G4 '%s', now '%s')" %
               (after_g3, after_g4, name.text))

    def next_page(title):
        child(asst, "push button", "Next").click()
        # The page title is a label in the assistant's header or sidebar.
        return wait_for(lambda: any(c.name == title for c in asst.findChildren(
            lambda x: x.roleName == "label" and x.showing)), 10)

    # Firmware: a file that is no firmware the machine can use is judged
    # in plain words and Next stays off; then OpenBIOS.
    fw_ok = next_page("Firmware")
    # Beside the clarus log: the test's own temporary folder.
    unknown, truncated = rom_files(os.path.dirname(log))
    inis_before = sorted(glob.glob(os.path.join(machines, "*.ini")))
    child(asst, "radio button", "Use a firmware file").click()
    entry = child(asst, "text", "Firmware file")
    verdict = child(asst, "label", "Firmware verdict", showing=False)
    nxt = child(asst, "push button", "Next")
    seen = {}
    for path, words in ((unknown, "unknown ROM"), (truncated, "truncated ROM")):
        entry.grabFocus()
        entry.text = path
        got = wait_for(lambda: verdict.text if path in verdict.text and words in verdict.text
                       else None, 10)
        seen[words] = (got or verdict.text, nxt.sensitive)
        if words == "truncated ROM":
            time.sleep(1)  # the window's next frame shows it
            shoot_window("Firmware", os.path.join(out, "gtk-assistant-bad-firmware.png"))
    if (all(v[0] and w in v[0] and not v[1] for w, v in seen.items()) and
            sorted(glob.glob(os.path.join(machines, "*.ini"))) == inis_before):
        ok("an unknown and a truncated ROM file get their verdict, Next stays off, no .ini")
    else:
        not_ok("the firmware verdicts (text, Next sensitive) and no new .ini", seen)
    child(asst, "radio button", "OpenBIOS").click()
    ram_ok = next_page("Memory")
    ram = child(asst, "spin button", "Memory (MB)")
    ram.value = RAM
    disk_ok = next_page("Disks")
    child(asst, "radio button", "No hard disk").click()
    sum_ok = next_page("Summary")
    summary = child(asst, "label", "Summary").text
    want = ["Name: " + NAME, "Model: Power Mac G4", "Firmware: OpenBIOS",
            "Memory: %d MB" % RAM, "Hard disk: none"]
    if fw_ok and ram_ok and disk_ok and sum_ok and all(w in summary for w in want):
        ok("Next leads through Firmware, Memory and Disks to a summary of the choices")
    else:
        not_ok("the assistant's pages (firmware %s, memory %s, disks %s, summary %s)" %
               (fw_ok, ram_ok, disk_ok, sum_ok), summary)
    # The assistant's X window is titled after its page.
    shoot_window("Summary", os.path.join(out, "gtk-assistant-summary.png"))
    child(asst, "push button", "Apply").click()

    # Apply saves the machine file and adds its row.
    path, text = wait_for(lambda: machine_file()[0] and machine_file(), 10) or (None, None)
    if (text and re.search(r"^id=mac99$", text, re.M) and
            re.search(r"^ram=%d$" % RAM, text, re.M) and not re.search(r"^hd\d", text, re.M)):
        ok("Apply saves %s: id=mac99, ram=%d, no disk" % (os.path.basename(path), RAM))
    else:
        not_ok("Apply saves the machine's file (%s)" % path,
               text or "\n".join(os.listdir(machines)))
    gone = wait_for(lambda: not frame(app, "New Machine", 0), 10)
    row_name = NAME + ", stopped"
    row = child(lib, "list item", row_name)
    if gone and row:
        ok("the assistant closes and the library lists “%s”" % row_name)
    else:
        not_ok("the assistant closes (%s) and the new row is listed" % gone)

    # Its row selected, Start opens its window, and OpenBIOS draws there.
    row.select()
    wait_for(lambda: row.selected, 5)
    child(lib, "push button", "Start").click()
    disp = frame(app, NAME, 30)
    running = wait_for(lambda: any(r.name == NAME + ", running" for r in lib.findChildren(
        lambda x: x.roleName == "list item")), 10)
    if disp and running:
        ok("Start on the selected row opens “%s” and its row says running" % NAME)
    else:
        not_ok("Start opens the machine's window (window %s, running %s)" % (disp, running))
        finish(PLANNED)
    screen = os.path.join(out, "gtk-assistant-screen.png")
    shown = os.path.join(out, "gtk-assistant-display.png")
    res, place = None, None
    end = time.monotonic() + 90
    while time.monotonic() < end:
        time.sleep(1)
        with open(log, encoding="utf-8", errors="replace") as f:
            places = re.findall(r"800x600 picture shown at (\d+x\d+\+\d+\+\d+) on the screen",
                                f.read())
        if not places:
            continue
        place = places[-1]
        if subprocess.run(["import", "-window", "root", screen], capture_output=True).returncode:
            continue
        if subprocess.run(["convert", screen, "-crop", place, "+repage", shown]).returncode:
            continue
        r = subprocess.run([compare, shown, ref, "8", "0.2"], capture_output=True, text=True)
        res = (r.stdout + r.stderr).strip()
        if r.returncode == 0:
            break
        res = "no match: " + res
    else:
        res = res or "no match: no picture"
    if res and not res.startswith("no match"):
        ok("the window shows the OpenBIOS banner and prompt (%s at %s)" % (res, place))
        shoot_window(NAME, os.path.join(out, "gtk-assistant-running.png"))
    else:
        not_ok("the window shows the OpenBIOS banner (%s; see %s)" % (res, screen))

    # Closing the running machine's window asks first; then the library
    # has it stopped again.
    child(disp, "push button", "Close").click()
    ask = wait_for(lambda: next((d for d in app.children if d.roleName in ("alert", "dialog") and
                                 d.showing), None), 10)
    if ask:
        child(ask, "push button", "Power Off and Close").click()
    closed = wait_for(lambda: not frame(app, NAME, 0), 20)
    stopped = wait_for(lambda: any(r.name == row_name for r in lib.findChildren(
        lambda x: x.roleName == "list item")), 20)
    if ask and closed and stopped:
        ok("closing the running machine's window asks first, then the library has it stopped")
    else:
        not_ok("closing the window (asked %s, closed %s, stopped %s)" % (bool(ask), closed,
                                                                         stopped))
    time.sleep(1)
    shoot_window("Clarus", os.path.join(out, "gtk-assistant-library.png"))
except Exception as e:  # a widget not found, the bus gone: the rest fails
    import traceback

    not_ok("driving clarus through AT-SPI: %s" % e, traceback.format_exc())
finish(PLANNED)
