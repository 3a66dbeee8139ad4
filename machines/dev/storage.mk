# machines/dev/storage.mk: filled in by its device work.
