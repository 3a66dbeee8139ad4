# Benchmarks: bench/m68k-run, `make bench` and `make bench-ppc`.
#
# `make bench-ppc` (part of `make bench`) builds the C programs in
# bench/ppc-user natively and as static PowerPC executables, runs each
# natively, under clarus-user and under qemu-ppc side by side
# (bench/run-ppc-user-bench.sh) and writes times and ratios into
# BENCHMARKS.md. BENCH_PPC_ARGS passes options to the script (--runs 1).
#
# bench/m68k-run runs a flat 68000 image on the Clarus core and prints its
# figures; bench/m68k-unicorn runs the same image on Unicorn's 68000 model, a
# reference peer that is never linked into clarus. `make bench` assembles the
# workload bench/m68k-workload.S (a build product, never committed), runs it
# on both side by side through bench/run-m68k-bench.sh, fails if their results
# differ, and writes the figures into BENCHMARKS.md.

noinst_PROGRAMS += bench/m68k-run
bench_m68k_run_SOURCES = bench/m68k-run.c
bench_m68k_run_LDADD = $(CLARUS_LIBS)

if HAVE_UNICORN
noinst_PROGRAMS += bench/m68k-unicorn
bench_m68k_unicorn_SOURCES = bench/m68k-unicorn.c
bench_m68k_unicorn_CFLAGS = $(AM_CFLAGS) $(UNICORN_CFLAGS)
bench_m68k_unicorn_LDADD = $(UNICORN_LIBS)
endif

EXTRA_DIST += bench/m68k-workload.S bench/run-m68k-bench.sh bench/run-ppc-user-bench.sh \
	bench/ppc-user/compress.c bench/ppc-user/fp-double.c bench/ppc-user/fp-single.c \
	bench/ppc-user/int-hash.c bench/ppc-user/interp.c bench/ppc-user/json.c \
	bench/ppc-user/memstr.c bench/run-pmac-boot-bench.sh

bench-ppc: clarus-user$(EXEEXT)
	AWK='$(AWK)' $(SHELL) $(srcdir)/bench/run-ppc-user-bench.sh \
	  --clarus-user ./clarus-user$(EXEEXT) --programs $(srcdir)/bench/ppc-user \
	  --out $(srcdir)/BENCHMARKS.md --cc '$(CC)' $(BENCH_PPC_ARGS)
# Time to the OpenBIOS prompt on mac99 and g3beige against qemu-system-ppc.
bench-pmac: clarus$(EXEEXT)
	$(SHELL) $(srcdir)/bench/run-pmac-boot-bench.sh --clarus ./clarus$(EXEEXT) \
	  --kernel $(CLARUS_SHARED)/guests/linux-ppc/vmlinux \
	  --out $(srcdir)/BENCHMARKS.md $(BENCH_PMAC_ARGS)
CLEANFILES += bench/m68k-workload.o bench/m68k-workload.elf bench/m68k-workload.img

# -m68000: only 68000 instructions are accepted.
BENCH_M68K_ASFLAGS = -m68000 --register-prefix-optional --fatal-warnings

if HAVE_M68K_BINUTILS
bench/m68k-workload.o: $(srcdir)/bench/m68k-workload.S
	@$(MKDIR_P) bench
	$(AM_V_GEN)$(M68K_AS) $(BENCH_M68K_ASFLAGS) -o $@ $(srcdir)/bench/m68k-workload.S

bench/m68k-workload.elf: bench/m68k-workload.o
	$(AM_V_GEN)$(M68K_LD) -Ttext=0 -e _start -o $@ bench/m68k-workload.o

bench/m68k-workload.img: bench/m68k-workload.elf
	$(AM_V_GEN)$(M68K_OBJCOPY) -O binary -j .text bench/m68k-workload.elf $@
endif

if HAVE_UNICORN
if HAVE_M68K_BINUTILS
bench: bench/m68k-run$(EXEEXT) bench/m68k-unicorn$(EXEEXT) bench/m68k-workload.img bench-ppc bench-pmac
	AWK='$(AWK)' PKG_CONFIG='$(PKG_CONFIG)' $(SHELL) $(srcdir)/bench/run-m68k-bench.sh \
	  --run bench/m68k-run$(EXEEXT) --peer bench/m68k-unicorn$(EXEEXT) \
	  --image bench/m68k-workload.img --out $(srcdir)/BENCHMARKS.md \
	  --cc '$(CC)' --cflags '$(CFLAGS)'
else
bench:
	@echo "make bench: configure found no m68k-linux-gnu-as/objcopy;" \
	  "install binutils-m68k-linux-gnu and rerun configure" >&2; exit 1
endif
else
bench:
	@echo "make bench: configure found no Unicorn (pkg-config unicorn);" \
	  "install libunicorn-dev and rerun configure" >&2; exit 1
endif

.PHONY: bench bench-ppc bench-pmac
