# machines/dev/via.mk: filled in by its device work.
