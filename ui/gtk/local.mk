# The GTK front end, linked into clarus when configure finds gtk+-3.0
# (Makefile.am includes this under HAVE_GTK).
clarus_SOURCES += ui/gtk/gtk_front.h ui/gtk/display.c ui/gtk/runner.c ui/gtk/runner.h \
	ui/gtk/prefs.c ui/gtk/prefs.h ui/common/triple_buffer.c ui/common/triple_buffer.h \
	ui/gtk/audio_out.c ui/gtk/audio_out.h ui/common/audio_ring.c ui/common/audio_ring.h \
	ui/common/resample.c ui/common/resample.h ui/common/test_tone.c ui/common/test_tone.h
clarus_CPPFLAGS += $(GTK_CFLAGS) $(SDL2_MIXER_CFLAGS)
clarus_LDADD += $(GTK_LIBS) $(SDL2_MIXER_LIBS) -lm

# The triple buffer, with a producer and a consumer thread.
UNIT_TESTS += tests/test-triple-buffer
tests_test_triple_buffer_SOURCES = tests/test-triple-buffer.c ui/common/triple_buffer.c \
	ui/common/triple_buffer.h
tests_test_triple_buffer_LDADD = $(GLIB_LIBS)

# The display window under Xvfb, against the OpenBIOS banner.
TESTS += tests/gtk-display.sh
EXTRA_DIST += tests/gtk-display.sh

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
