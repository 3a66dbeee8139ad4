libclarus_a_SOURCES += \
	core/m68k/m68k.h
