# machines/dev/escc.mk: filled in by its device work.
