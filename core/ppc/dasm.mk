# dasm.mk
