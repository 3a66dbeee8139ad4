# The PowerPC core (the FPU module and the disassembler have fragments of
# their own: fpu.mk, dasm.mk).
libclarus_a_SOURCES += \
	core/ppc/ppc.h \
	core/ppc/ppc_internal.h \
	core/ppc/ppc_core.c \
	core/ppc/ppc_mmu.c \
	core/ppc/ppc_dcache.c \
	core/ppc/ppc_jit.c \
	core/ppc/ppc_jit.h \
	core/ppc/ppc_jit_x86.h \
	core/ppc/ppc_ops_branch.c \
	core/ppc/ppc_ops_fp.c \
	core/ppc/ppc_ops_int.c \
	core/ppc/ppc_ops_ldst.c \
	core/ppc/ppc_ops_power.c \
	core/ppc/ppc_ops_sys.c \
	core/ppc/ppc_ops_vmx.c
