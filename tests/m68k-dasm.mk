# The 68000 disassembler and its check against the SingleStepTests names.
