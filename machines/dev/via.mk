# machines/dev/via.mk: the R6522 VIA, the CUDA system controller and the ADB bus.
libclarus_a_SOURCES += machines/dev/via6522.c machines/dev/via6522.h \
	machines/dev/adb.c machines/dev/adb.h machines/dev/cuda.c machines/dev/cuda.h
UNIT_TESTS += tests/test-via tests/test-cuda
tests_test_via_SOURCES = tests/test-via.c
tests_test_via_LDADD = $(CLARUS_LIBS)
tests_test_cuda_SOURCES = tests/test-cuda.c
tests_test_cuda_LDADD = $(CLARUS_LIBS)
# The PMU99 power manager (New World Power Macs / PowerBooks) on the same VIA.
libclarus_a_SOURCES += machines/dev/pmu.c machines/dev/pmu.h
UNIT_TESTS += tests/test-pmu
tests_test_pmu_SOURCES = tests/test-pmu.c
tests_test_pmu_LDADD = $(CLARUS_LIBS)
