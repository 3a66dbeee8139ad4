# core/ppc/fpu.mk: the PowerPC floating-point unit (pure functions, used by
# the PowerPC core) and its unit test.
libclarus_a_SOURCES += core/ppc/ppc_fpu.c core/ppc/ppc_fpu.h core/ppc/ppc_fpu_host.h

check_PROGRAMS += tests/test-ppc-fpu
tests_test_ppc_fpu_SOURCES = tests/test-ppc-fpu.c
tests_test_ppc_fpu_LDADD = $(CLARUS_LIBS) -lm
# The test's host-FPU reference must not be contracted into FMAs or constant-folded
# across fesetround().
tests_test_ppc_fpu_CFLAGS = $(AM_CFLAGS) -ffp-contract=off -frounding-math
