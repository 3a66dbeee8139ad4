# The GTK front end, linked into clarus when configure finds gtk+-3.0
# (Makefile.am includes this under HAVE_GTK).
clarus_SOURCES += ui/gtk/gtk_front.h ui/gtk/display.c ui/gtk/display.h ui/gtk/runner.c ui/gtk/runner.h \
	ui/gtk/prefs.c ui/gtk/prefs.h ui/common/triple_buffer.c ui/common/triple_buffer.h \
	ui/gtk/library.c ui/gtk/library.h ui/gtk/assistant.c ui/gtk/assistant.h
# PLACEHOLDER: the gtk-settings branch brings the real settings editor (same files).
clarus_SOURCES += ui/gtk/settings.c ui/gtk/settings.h
clarus_CPPFLAGS += $(GTK_CFLAGS)
clarus_LDADD += $(GTK_LIBS) -lm

# The triple buffer, with a producer and a consumer thread.
UNIT_TESTS += tests/test-triple-buffer
tests_test_triple_buffer_SOURCES = tests/test-triple-buffer.c ui/common/triple_buffer.c \
	ui/common/triple_buffer.h
tests_test_triple_buffer_LDADD = $(GLIB_LIBS)

# The display window under Xvfb, against the OpenBIOS banner.
TESTS += tests/gtk-display.sh
EXTRA_DIST += tests/gtk-display.sh

# The machine library window under Xvfb: the default machine, starting it,
# its thumbnail, a malformed file and a missing disk.
TESTS += tests/gtk-library.sh
EXTRA_DIST += tests/gtk-library.sh tests/drag-files.py
