# dasm.mk: the PowerPC disassembler and its check.
libclarus_a_SOURCES += core/ppc/ppc_dasm.c core/ppc/ppc_dasm.h

# tests/ppc-dasm-check [--tap] [--self-test] [--verbose] --shared DIR: the
# disassembler against the DingusPPC, Capstone (LLVM MC) and powerpc-rs test
# sets in ../shared/testdata, plus its own table and sweep. The .sh wrapper
# finds ../shared (CLARUS_SHARED) and bails out if the data is missing.
check_PROGRAMS += tests/ppc-dasm-check
tests_ppc_dasm_check_SOURCES = tests/ppc-dasm-check.c
tests_ppc_dasm_check_LDADD = $(CLARUS_LIBS)
TESTS += tests/ppc-dasm-check.sh
EXTRA_DIST += tests/ppc-dasm-check.sh
