# fpu.mk
