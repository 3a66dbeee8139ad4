# machines/dev/display.mk: the QEMU standard VGA / Bochs VBE PCI display.
libclarus_a_SOURCES += machines/dev/stdvga.c machines/dev/stdvga.h
UNIT_TESTS += tests/test-stdvga
tests_test_stdvga_SOURCES = tests/test-stdvga.c
tests_test_stdvga_LDADD = $(CLARUS_LIBS)
