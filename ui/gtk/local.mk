# The GTK front end, linked into clarus when configure finds gtk+-3.0
# (Makefile.am includes this under HAVE_GTK).
clarus_SOURCES += ui/gtk/gtk_front.h ui/gtk/display.c ui/gtk/display.h ui/gtk/runner.c ui/gtk/runner.h \
	ui/gtk/prefs.c ui/gtk/prefs.h ui/common/triple_buffer.c ui/common/triple_buffer.h \
	ui/gtk/library.c ui/gtk/library.h ui/gtk/assistant.c ui/gtk/assistant.h
# The display's mouse grab, serial console (VTE when configure found
# vte-2.91, else absent) and frame-rate meter.
clarus_SOURCES += ui/gtk/grab.c ui/gtk/grab.h ui/gtk/serial_console.c ui/gtk/serial_console.h \
	ui/gtk/fps.c ui/gtk/fps.h
# The sound: a ring the machine thread fills and SDL2_mixer drains (when
# configure found it), rate conversion and the test tone.
clarus_SOURCES += ui/gtk/audio_out.c ui/gtk/audio_out.h ui/common/audio_ring.c \
	ui/common/audio_ring.h ui/common/resample.c ui/common/resample.h ui/common/test_tone.c \
	ui/common/test_tone.h
clarus_CPPFLAGS += $(GTK_CFLAGS) $(VTE_CFLAGS) $(SDL2_MIXER_CFLAGS)
clarus_LDADD += $(GTK_LIBS) $(VTE_LIBS) $(SDL2_MIXER_LIBS) -lm

# The triple buffer, with a producer and a consumer thread.
UNIT_TESTS += tests/test-triple-buffer
tests_test_triple_buffer_SOURCES = tests/test-triple-buffer.c ui/common/triple_buffer.c \
	ui/common/triple_buffer.h
tests_test_triple_buffer_LDADD = $(GLIB_LIBS)

# The display window under Xvfb, against the OpenBIOS banner; its serial
# console (typing into the VTE), pointer grab and frame rate.
TESTS += tests/gtk-display.sh tests/gtk-serial-console.sh tests/gtk-mouse.sh tests/gtk-fps.sh
EXTRA_DIST += tests/gtk-display.sh tests/gtk-serial-console.sh tests/gtk-mouse.sh tests/gtk-fps.sh

# The settings editor generated from the machines' property tables, and
# its Disks page; what a dropped file becomes (ui/common/drop_classify).
clarus_SOURCES += ui/gtk/settings.c ui/gtk/settings.h ui/gtk/disks.c ui/gtk/disks.h \
	ui/common/drop_classify.c ui/common/drop_classify.h
UNIT_TESTS += tests/test-drop-classify
tests_test_drop_classify_SOURCES = tests/test-drop-classify.c ui/common/drop_classify.c \
	ui/common/drop_classify.h
tests_test_drop_classify_LDADD = $(CLARUS_LIBS)
# The editor under Xvfb (tests/gtk-settings.sh runs tests/test-settings).
check_PROGRAMS += tests/test-settings
tests_test_settings_SOURCES = tests/test-settings.c ui/gtk/settings.c ui/gtk/settings.h \
	ui/gtk/disks.c ui/gtk/disks.h ui/common/drop_classify.c ui/common/drop_classify.h
tests_test_settings_CPPFLAGS = $(AM_CPPFLAGS) $(GTK_CFLAGS)
tests_test_settings_LDADD = $(CLARUS_LIBS) $(GTK_LIBS)
TESTS += tests/gtk-settings.sh
EXTRA_DIST += tests/gtk-settings.sh

# The machine library window under Xvfb: the default machine, starting it,
# its thumbnail, a malformed file and a missing disk.
TESTS += tests/gtk-library.sh
EXTRA_DIST += tests/gtk-library.sh tests/drag-files.py

# Files dropped on a running machine's window: a CD into the drive at once,
# a hard disk for the next start, a folder refused.
TESTS += tests/gtk-display-drop.sh
EXTRA_DIST += tests/gtk-display-drop.sh

# Sound: the lock-free ring with a producer and a consumer thread; rate
# conversion and the test tone.
UNIT_TESTS += tests/test-audio-ring tests/test-resample
tests_test_audio_ring_SOURCES = tests/test-audio-ring.c ui/common/audio_ring.c \
	ui/common/audio_ring.h
tests_test_audio_ring_LDADD = $(GLIB_LIBS)
tests_test_resample_SOURCES = tests/test-resample.c ui/common/resample.c ui/common/resample.h \
	ui/common/test_tone.c ui/common/test_tone.h
tests_test_resample_LDADD = $(GLIB_LIBS) -lm

# The sound path end to end under Xvfb: the test tone through SDL2_mixer
# into SDL's file-writing audio driver.
if HAVE_SDL2_MIXER
TESTS += tests/gtk-sound.sh
endif
EXTRA_DIST += tests/gtk-sound.sh tests/audio-check.py

# A machine made through the new-machine assistant, driven through the
# accessibility tree (python3-dogtail), started from its row and checked
# against the OpenBIOS banner. `make readme-screenshots` also copies its
# library and running-machine windows to doc/screenshots for the README.
TESTS += tests/gtk-assistant.sh
EXTRA_DIST += tests/gtk-assistant.sh tests/gtk-assistant.py doc/screenshots/library.png \
	doc/screenshots/running.png
readme-screenshots: clarus tests/png-compare
	CLARUS_README_SHOTS=1 CLARUS_SRCDIR=$(srcdir) CLARUS_BUILDDIR=$(builddir) \
		$(SHELL) $(srcdir)/tests/gtk-assistant.sh
