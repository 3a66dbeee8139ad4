bin_PROGRAMS += clarus
clarus_SOURCES = ui/cli/main.c ui/common/png.c ui/common/png.h ui/cli/script.c ui/cli/script.h
clarus_CPPFLAGS = $(AM_CPPFLAGS) $(PNG_CFLAGS)
clarus_LDADD = $(CLARUS_LIBS) $(PNG_LIBS)

# The machine library's rules shared by `clarus NAME` and the GTK library window.
clarus_SOURCES += ui/common/machine_library.c ui/common/machine_library.h
UNIT_TESTS += tests/test-machine-library
tests_test_machine_library_SOURCES = tests/test-machine-library.c ui/common/machine_library.c \
	ui/common/machine_library.h ui/common/png.c ui/common/png.h
tests_test_machine_library_CPPFLAGS = $(AM_CPPFLAGS) $(PNG_CFLAGS)
tests_test_machine_library_LDADD = $(CLARUS_LIBS) $(PNG_LIBS)
