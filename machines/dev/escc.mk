# Zilog Z85C30 SCC / ESCC (mac-io serial ports).
libclarus_a_SOURCES += machines/dev/escc.c machines/dev/escc.h
UNIT_TESTS += tests/test-escc
tests_test_escc_SOURCES = tests/test-escc.c
tests_test_escc_LDADD = $(CLARUS_LIBS)
