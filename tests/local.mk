# make check: every test prints TAP and runs under the automake TAP driver.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
TEST_EXTENSIONS = .sh
# CLARUS_SHARED, the tests' data (configure.ac: ../shared beside the source
# tree unless configure or make is given CLARUS_SHARED=DIR).
AM_TESTS_ENVIRONMENT = \
	G_TEST_SRCDIR=$(abs_srcdir)/tests G_TEST_BUILDDIR=$(abs_builddir)/tests \
	CLARUS_SRCDIR=$(abs_top_srcdir) CLARUS_BUILDDIR=$(abs_top_builddir) \
	CLARUS_SHARED=$(CLARUS_SHARED); export G_TEST_SRCDIR G_TEST_BUILDDIR CLARUS_SRCDIR \
	CLARUS_BUILDDIR CLARUS_SHARED;

# Unit tests (GLib g_test). UNIT_TESTS is what .ci/run repeats under the sanitizers
# (device fragments in machines/dev/ add theirs).
UNIT_TESTS += tests/test-sched tests/test-memmap tests/test-state tests/test-m68k tests/test-ppc tests/test-ppc-fpu tests/test-ppc-power
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS) tests/test-cli.sh tests/m68k-vectors.sh tests/m68k-vectors-bad-input.sh \
	tests/ppc-vectors.sh tests/user-bad-input.sh tests/user-smoke.sh
EXTRA_DIST += tests/test-cli.sh tests/README tests/m68k-vectors.sh tests/m68k-vectors-bad-input.sh \
	tests/ppc-vectors.sh tests/user-bad-input.sh tests/user-smoke.sh

tests_test_sched_SOURCES = tests/test-sched.c
tests_test_sched_LDADD = $(CLARUS_LIBS)
tests_test_memmap_SOURCES = tests/test-memmap.c
tests_test_memmap_LDADD = $(CLARUS_LIBS)
tests_test_state_SOURCES = tests/test-state.c
tests_test_state_LDADD = $(CLARUS_LIBS)
tests_test_m68k_SOURCES = tests/test-m68k.c
tests_test_m68k_LDADD = $(CLARUS_LIBS)
tests_test_ppc_SOURCES = tests/test-ppc.c
tests_test_ppc_LDADD = $(CLARUS_LIBS)
tests_test_ppc_power_SOURCES = tests/test-ppc-power.c tests/ppc-harness.c tests/ppc-harness.h
tests_test_ppc_power_LDADD = $(CLARUS_LIBS)


# The SingleStepTests runner is built by plain `make` (it is a user tool too).
noinst_PROGRAMS += tests/m68k-vectors
tests_m68k_vectors_SOURCES = tests/m68k-vectors.c
tests_m68k_vectors_LDADD = $(CLARUS_LIBS)

# What scripts/run-tests repeats in the ASan + UBSan build: the unit tests,
# and the 68000 vectors (a wide exercise of the core for the sanitizers).
unit-check:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$(UNIT_TESTS) tests/m68k-vectors.sh tests/ppc-vectors.sh"
.PHONY: unit-check

# PowerPC vectors (tests/ppc-vectors is built by plain `make`).
noinst_PROGRAMS += tests/ppc-vectors
tests_ppc_vectors_SOURCES = tests/ppc-vectors.c tests/ppc-vectors.h tests/ppc-vectors-fp.c \
	tests/ppc-vectors-jm.c tests/ppc-vectors-vmx.c tests/ppc-harness.c tests/ppc-harness.h
tests_ppc_vectors_LDADD = $(CLARUS_LIBS)

# Our own C programs, native against clarus-user (and qemu-ppc where installed).
TESTS += tests/user-progs.sh
EXTRA_DIST += tests/user-progs.sh tests/user-progs/README $(wildcard $(srcdir)/tests/user-progs/*.c)
clean-local: clean-user-progs
clean-user-progs:
	rm -rf tests/user-progs-out
.PHONY: clean-user-progs

# tests/ppc-diff: differential test against Unicorn's PowerPC 750 (a test
# peer, never linked into clarus). The wrapper bails out when Unicorn was
# missing at configure time, so it is in TESTS either way.
if HAVE_UNICORN
check_PROGRAMS += tests/ppc-diff
tests_ppc_diff_SOURCES = tests/ppc-diff.c
tests_ppc_diff_CFLAGS = $(AM_CFLAGS) $(UNICORN_CFLAGS)
tests_ppc_diff_LDADD = $(CLARUS_LIBS) $(UNICORN_LIBS) -lm
endif
TESTS += tests/ppc-diff.sh
EXTRA_DIST += tests/ppc-diff.sh

# The Power Macs: our machine pieces, OpenBIOS to its prompt, Forth against QEMU.
UNIT_TESTS += tests/test-pmac
tests_test_pmac_SOURCES = tests/test-pmac.c
tests_test_pmac_LDADD = $(CLARUS_LIBS)
TESTS += tests/pmac-boot.sh tests/pmac-forth.sh
EXTRA_DIST += tests/pmac-boot.sh tests/pmac-forth.sh tests/serial-dialog.py
# The OpenBIOS screen against our reference rendering.
check_PROGRAMS += tests/png-compare
tests_png_compare_SOURCES = tests/png-compare.c
tests_png_compare_CPPFLAGS = $(AM_CPPFLAGS) $(PNG_CFLAGS)
tests_png_compare_LDADD = $(PNG_LIBS)
TESTS += tests/pmac-screenshot.sh
EXTRA_DIST += tests/pmac-screenshot.sh tests/data/openbios-banner.png tests/data/openbios-blank.png
clean-local: clean-artefacts
clean-artefacts:
	rm -rf tests/artefacts
.PHONY: clean-artefacts

# PowerPC Linux on the Power Macs (../shared/guests/linux-ppc).
TESTS += tests/linux-ppc.sh
EXTRA_DIST += tests/linux-ppc.sh
UNIT_TESTS += tests/test-adb-keymap
tests_test_adb_keymap_SOURCES = tests/test-adb-keymap.c
tests_test_adb_keymap_LDADD = $(CLARUS_LIBS)

# Flattened device trees: the writer, the Power Macs' tree against OpenBIOS's.
UNIT_TESTS += tests/test-fdt
tests_test_fdt_SOURCES = tests/test-fdt.c
tests_test_fdt_LDADD = $(CLARUS_LIBS)
check_PROGRAMS += tests/pmac-fdt-gen
tests_pmac_fdt_gen_SOURCES = tests/pmac-fdt-gen.c
tests_pmac_fdt_gen_LDADD = $(CLARUS_LIBS)
TESTS += tests/pmac-fdt.sh
EXTRA_DIST += tests/pmac-fdt.sh tests/of-tree-dump.py tests/data/openbios-tree-mac99.txt \
	tests/data/openbios-tree-mac99-pmu.txt tests/data/openbios-tree-g3beige.txt

# The machine library (machine_config.c, machine_prop.c) and blank disk images.
UNIT_TESTS += tests/test-machine-config tests/test-disk-create
tests_test_machine_config_SOURCES = tests/test-machine-config.c
tests_test_machine_config_LDADD = $(CLARUS_LIBS)
tests_test_disk_create_SOURCES = tests/test-disk-create.c
tests_test_disk_create_LDADD = $(CLARUS_LIBS)

# ROM identification on synthetic images; also checks roms-README's ROM
# table against machines/rom_id.c (`make update-roms-readme` rewrites it).
UNIT_TESTS += tests/test-rom-id
tests_test_rom_id_SOURCES = tests/test-rom-id.c
tests_test_rom_id_LDADD = $(CLARUS_LIBS)
update-roms-readme: tests/test-rom-id$(EXEEXT)
	tests/test-rom-id$(EXEEXT) --update-readme $(srcdir)/roms-README
.PHONY: update-roms-readme
