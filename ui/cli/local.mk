bin_PROGRAMS += clarus
clarus_SOURCES = ui/cli/main.c ui/cli/png.c ui/cli/png.h ui/cli/script.c ui/cli/script.h
clarus_CPPFLAGS = $(AM_CPPFLAGS) $(PNG_CFLAGS)
clarus_LDADD = $(CLARUS_LIBS) $(PNG_LIBS)
