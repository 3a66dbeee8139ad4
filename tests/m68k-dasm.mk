# The 68000 disassembler and its check against the SingleStepTests names.
libclarus_a_SOURCES += core/m68k/m68k_dasm.c core/m68k/m68k_dasm.h

# tests/m68k-dasm-check [--tap] [--self-test] [FILE-or-DIR]...: every vector
# name of ../shared/testdata/m68000-singlestep/v1 against the structured
# decode, plus direct checks of the text output. The .sh wrapper finds the
# vectors and fails (TAP "Bail out!") if they are missing.
check_PROGRAMS += tests/m68k-dasm-check
tests_m68k_dasm_check_SOURCES = tests/m68k-dasm-check.c
tests_m68k_dasm_check_LDADD = $(CLARUS_LIBS)
TESTS += tests/m68k-dasm-check.sh
EXTRA_DIST += tests/m68k-dasm-check.sh
