/* Shared by the parts of tests/ppc-vectors: options, counts and the readers
 * for each vector format. */
#ifndef CLARUS_TESTS_PPC_VECTORS_H
#define CLARUS_TESTS_PPC_VECTORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ppc-harness.h"

typedef struct pv_options {
    bool tap;
    int show;
    ppc_model model;
} pv_options;

typedef struct pv_counts {
    unsigned long long passed, failed, undefined;
    int shown;
} pv_counts;

/* Records a failure, printing it if fewer than o->show have been shown. */
void pv_fail(pv_counts *n, const pv_options *o, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
char *pv_read_file(const char *path, size_t *len, char *err, size_t errn);

/* Each reader returns 0, or -1 with a message in err for unreadable input.
 * `text` may be modified. */
int pv_run_fp_csv(char *text, const pv_options *o, ppc_harness *h, pv_counts *n, const char *path,
                  char *err, size_t errn);
/* Valgrind's none/tests/ppc32 expected outputs; `name` is the file's base
 * name, which says which program produced it. */
int pv_run_jm(char *text, const char *name, const pv_options *o, ppc_harness *h, pv_counts *n,
              const char *path, char *err, size_t errn);

/* jm-vmx.stdout.exp, the AltiVec outputs (ppc-vectors-vmx.c); 7400 only. */
int pv_run_jm_vmx(char *text, const pv_options *o, ppc_harness *h, pv_counts *n, const char *path,
                  char *err, size_t errn);

#endif
