# machines/dev/pic.mk: filled in by its device work.
