# machines/dev/display.mk: filled in by its device work.
