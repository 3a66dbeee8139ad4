bin_PROGRAMS += clarus
clarus_SOURCES = ui/cli/main.c ui/common/png.c ui/common/png.h ui/cli/script.c ui/cli/script.h
clarus_CPPFLAGS = $(AM_CPPFLAGS) $(PNG_CFLAGS)
clarus_LDADD = $(CLARUS_LIBS) $(PNG_LIBS)
