# mac-io storage and NVRAM: the DBDMA engine, the mac-io ATA channel and its
# ATAPI CD-ROM packet-command engine, the NVRAM.
libclarus_a_SOURCES += machines/dev/dbdma.c machines/dev/dbdma.h \
	machines/dev/macio_ata.c machines/dev/macio_ata.h \
	machines/dev/atapi_cd.c machines/dev/atapi_cd.h \
	machines/dev/nvram.c machines/dev/nvram.h

UNIT_TESTS += tests/test-dbdma tests/test-macio-ata tests/test-nvram
tests_test_dbdma_SOURCES = tests/test-dbdma.c
tests_test_dbdma_LDADD = $(CLARUS_LIBS)
tests_test_macio_ata_SOURCES = tests/test-macio-ata.c
tests_test_macio_ata_LDADD = $(CLARUS_LIBS)
tests_test_nvram_SOURCES = tests/test-nvram.c
tests_test_nvram_LDADD = $(CLARUS_LIBS)
