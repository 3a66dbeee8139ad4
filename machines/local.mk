libclarus_a_SOURCES += \
	machines/machine.c machines/machine.h \
	machines/session.c machines/session.h machines/session_internal.h \
	machines/pci.h \
	machines/firmware.c machines/firmware.h \
	machines/disk_image.c machines/disk_image.h \
	machines/adb_keymap.c machines/adb_keymap.h \
	machines/macio.c machines/macio.h \
	machines/pmac.c machines/pmac.h machines/pmac_nvram.c \
	machines/mac99.c machines/g3beige.c
libclarus_a_SOURCES += machines/fdt.c machines/fdt.h machines/pmac_fdt.c machines/pmac_fdt.h
# The GTK front end's machine library: .ini files, shared property rules, blank disks.
libclarus_a_SOURCES += machines/machine_prop.c machines/machine_prop.h \
	machines/machine_config.c machines/machine_config.h \
	machines/disk_create.c machines/disk_create.h
# Macintosh ROM identification (the checksum table behind roms-README).
libclarus_a_SOURCES += machines/rom_id.c machines/rom_id.h
