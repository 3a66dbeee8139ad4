# Benchmarks: bench/m68k-run and `make bench`.
