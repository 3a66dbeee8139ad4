# machines/dev/pci.mk: filled in by its device work.
