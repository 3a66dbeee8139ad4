# machines/dev/pic.mk: interrupt controllers (OpenPIC / KeyLargo MPIC, Heathrow).
libclarus_a_SOURCES += machines/dev/openpic.c machines/dev/openpic.h \
	machines/dev/heathrow_pic.c machines/dev/heathrow_pic.h

UNIT_TESTS += tests/test-openpic tests/test-heathrow-pic
tests_test_openpic_SOURCES = tests/test-openpic.c
tests_test_openpic_LDADD = $(CLARUS_LIBS)
tests_test_heathrow_pic_SOURCES = tests/test-heathrow-pic.c
tests_test_heathrow_pic_LDADD = $(CLARUS_LIBS)
