# clarus-user: static 32-bit PowerPC Linux programs in user mode (like
# qemu-ppc). A front end of its own: POSIX and GLib, linked to libclarus.
bin_PROGRAMS += clarus-user
clarus_user_SOURCES = \
	ui/user/linux_user.h \
	ui/user/sys_impl.h \
	ui/user/main.c \
	ui/user/elf_load.c \
	ui/user/guest_mem.c \
	ui/user/stack.c \
	ui/user/fault.c \
	ui/user/signal.c \
	ui/user/syscalls.c \
	ui/user/sys_fs.c \
	ui/user/sys_mem.c \
	ui/user/sys_proc.c
clarus_user_LDADD = $(CLARUS_LIBS)
