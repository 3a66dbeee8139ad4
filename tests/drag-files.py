#!/usr/bin/python3
"""A drag source for GUI tests: a small window at (X, Y) whose button
offers the given files as text/uri-list, the way a file manager drags
them. Usage: drag-files.py X Y FILE... (the test moves the X pointer with
xdotool to drag from the button onto the window under test)."""
import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, Gio, Gtk  # noqa: E402

x, y = int(sys.argv[1]), int(sys.argv[2])
uris = [Gio.File.new_for_path(p).get_uri() for p in sys.argv[3:]]

win = Gtk.Window(title="drag-files")
win.move(x, y)
win.set_default_size(160, 80)
button = Gtk.Button(label="Drag me")
button.drag_source_set(
    Gdk.ModifierType.BUTTON1_MASK,
    [Gtk.TargetEntry.new("text/uri-list", 0, 0)],
    Gdk.DragAction.COPY,
)


def on_get(widget, context, data, info, time):
    data.set_uris(uris)


button.connect("drag-data-get", on_get)
win.add(button)
win.connect("destroy", Gtk.main_quit)
win.show_all()
Gtk.main()
