# machines/dev/pci.mk: the PCI bus core, the Uni-North and Grackle host
# bridges and QEMU's fw_cfg device.
libclarus_a_SOURCES += \
	machines/pci.c \
	machines/dev/uninorth.c machines/dev/uninorth.h \
	machines/dev/grackle.c machines/dev/grackle.h \
	machines/dev/fw_cfg.c machines/dev/fw_cfg.h

UNIT_TESTS += tests/test-pci tests/test-fw-cfg
tests_test_pci_SOURCES = tests/test-pci.c
tests_test_pci_LDADD = $(CLARUS_LIBS)
tests_test_fw_cfg_SOURCES = tests/test-fw-cfg.c
tests_test_fw_cfg_LDADD = $(CLARUS_LIBS)
