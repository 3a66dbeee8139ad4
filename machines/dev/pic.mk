# machines/dev/pic.mk: interrupt controllers (OpenPIC / KeyLargo MPIC).
libclarus_a_SOURCES += machines/dev/openpic.c machines/dev/openpic.h

UNIT_TESTS += tests/test-openpic
tests_test_openpic_SOURCES = tests/test-openpic.c
tests_test_openpic_LDADD = $(CLARUS_LIBS)
