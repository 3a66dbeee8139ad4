bin_PROGRAMS += clarus
clarus_SOURCES = ui/cli/main.c
clarus_LDADD = $(CLARUS_LIBS)
