/* The PowerPC JIT fast path (ppc_jit.c): blocks of host code installed as
 * the handlers of hot decoded entries. Built with ./configure --enable-jit
 * on x86-64 hosts; elsewhere these do nothing and the interpreter runs. */
#ifndef CLARUS_PPC_JIT_H
#define CLARUS_PPC_JIT_H

#include "config.h"
#include "ppc_internal.h"

#if defined(CLARUS_JIT) && defined(__x86_64__)
#define CLARUS_JIT_X86_64 1
#else
#define CLARUS_JIT_X86_64 0
#endif

/* NULL when there is no JIT (not built in, or no executable memory). */
ppc_jit *ppc_jit_new(void);
void ppc_jit_free(ppc_jit *j);

/* Compiles the block that starts at entry `start` of a decoded page
 * (entries e, guest code at host) and returns its code, to be installed
 * as e[start].h; NULL when the first instruction is not one the JIT
 * translates or the code buffer is full. mark_head(c, e, i) is called for
 * the entries of the page the block branches to (worth a block of their own). */
ppc_handler ppc_jit_compile(ppc_cpu *c, ppc_dinsn *e, const uint8_t *host, unsigned start,
                            void (*mark_head)(ppc_cpu *c, ppc_dinsn *e, unsigned idx));

/* The buffer is full: the decoded pages must all be dropped (between
 * chains), then ppc_jit_reset makes it empty. */
bool ppc_jit_full(const ppc_jit *j);
void ppc_jit_reset(ppc_jit *j);
/* Whether h is code of this JIT. */
bool ppc_jit_owns(const ppc_jit *j, ppc_handler h);
/* Blocks compiled so far (statistics). */
uint64_t ppc_jit_blocks(const ppc_jit *j);

#endif
