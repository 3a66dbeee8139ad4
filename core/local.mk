# libclarus: CPU cores, machines and the session API. No GTK or SDL header here.
noinst_LIBRARIES += libclarus.a
libclarus_a_SOURCES = \
	core/log.c core/log.h \
	core/memmap.c core/memmap.h \
	core/scheduler.c core/scheduler.h \
	core/state.c core/state.h \
	core/chardev.c core/chardev.h \
	core/device.h \
	core/bits.h
