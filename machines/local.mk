libclarus_a_SOURCES += \
	machines/machine.c machines/machine.h \
	machines/session.c machines/session.h \
	machines/pci.h
