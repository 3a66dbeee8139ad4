libclarus_a_SOURCES += \
	core/m68k/m68k.h \
	core/m68k/m68k_internal.h \
	core/m68k/m68k_ops.h \
	core/m68k/m68k_core.c \
	core/m68k/m68k_ops_arith.c \
	core/m68k/m68k_ops_bcd.c \
	core/m68k/m68k_ops_bit.c \
	core/m68k/m68k_ops_flow.c \
	core/m68k/m68k_ops_logic.c \
	core/m68k/m68k_ops_move.c \
	core/m68k/m68k_ops_muldiv.c \
	core/m68k/m68k_ops_shift.c \
	core/m68k/m68k_ops_system.c
