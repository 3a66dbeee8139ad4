/* clarus-user: runs a static 32-bit PowerPC Linux program in user mode.
 *
 *   clarus-user [--cpu MODEL] [--strace] [--argv0 NAME] PROGRAM [ARGS...]
 *
 * The exit status is the program's; a program killed by a signal gives
 * 128 + the signal number, as a shell reports it. Bad usage and a file
 * that is not a static big-endian 32-bit PowerPC ELF executable give a
 * message and status 2. */
#include "config.h"

#include "ui/user/linux_user.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

extern char **environ;

enum { EXIT_FAILURE_RUNTIME = 1, EXIT_USAGE = 2 };

/* The core runs until the slice ends; each system call or fault that
 * ends the program ends the slice. */
#define SLICE_CYCLES 1000000000

int main(int argc, char **argv)
{
    gchar *cpu_name = NULL, *argv0 = NULL;
    gboolean strace = FALSE, show_version = FALSE, stats = FALSE;
    GOptionEntry entries[] = {
        {"cpu", 0, 0, G_OPTION_ARG_STRING, &cpu_name,
         "PowerPC model: 601, 603e, 604e, 750 (default), 7400", "MODEL"},
        {"strace", 0, 0, G_OPTION_ARG_NONE, &strace, "Log every system call on stderr", NULL},
        {"stats", 0, 0, G_OPTION_ARG_NONE, &stats,
         "At exit, print the instructions executed on stderr", NULL},
        {"argv0", 0, 0, G_OPTION_ARG_STRING, &argv0,
         "The program's argv[0] (default: PROGRAM as given)", "NAME"},
        {"version", 0, 0, G_OPTION_ARG_NONE, &show_version, "Print the version and exit", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL},
    };
    GOptionContext *octx = g_option_context_new("PROGRAM [ARGS...]");
    g_option_context_set_summary(octx, "Runs a static 32-bit big-endian PowerPC Linux program (as "
                                       "built by powerpc-linux-gnu-gcc -static) in user mode.");
    g_option_context_add_main_entries(octx, entries, NULL);
    /* Options stop at PROGRAM: what follows belongs to the program. */
    g_option_context_set_strict_posix(octx, TRUE);
    GError *gerr = NULL;
    if (!g_option_context_parse(octx, &argc, &argv, &gerr)) {
        fprintf(stderr, "clarus-user: %s (see --help)\n", gerr->message);
        g_error_free(gerr);
        g_option_context_free(octx);
        return EXIT_USAGE;
    }
    g_option_context_free(octx);
    if (show_version) {
        printf("clarus-user %s\n", PACKAGE_VERSION);
        return 0;
    }
    /* g_option_context_parse leaves argv[0] and a "--" separator. */
    int first = 1;
    if (first < argc && strcmp(argv[first], "--") == 0) first++;
    if (first >= argc) {
        fprintf(stderr, "clarus-user: no program given\n"
                        "usage: clarus-user [--cpu MODEL] [--strace] PROGRAM [ARGS...]\n");
        return EXIT_USAGE;
    }

    ppc_model model = PPC_MODEL_750;
    if (cpu_name && !ppc_model_from_name(cpu_name, &model)) {
        fprintf(stderr,
                "clarus-user: unknown CPU model '%s' (known: 601, 603e, 604e, 750, g3, 7400, "
                "g4)\n",
                cpu_name);
        g_free(cpu_name);
        return EXIT_USAGE;
    }
    g_free(cpu_name);

    lu_process *p = g_new0(lu_process, 1);
    p->model = model;
    p->strace = strace;
    const char *err = NULL;
    if (!lu_mem_init(&p->mem, &err)) {
        fprintf(stderr, "clarus-user: %s\n", err);
        g_free(p);
        return EXIT_FAILURE_RUNTIME;
    }

    const char *prog = argv[first];
    char msg[512];
    lu_image img;
    if (!lu_elf_load(&p->mem, prog, &img, msg, sizeof(msg))) {
        fprintf(stderr, "clarus-user: %s: %s\n", prog, msg);
        lu_mem_destroy(&p->mem);
        g_free(p);
        return EXIT_USAGE;
    }
    char *real = realpath(prog, NULL);
    p->exe_path = real;
    /* For execve of another PowerPC program. */
    char *self = realpath("/proc/self/exe", NULL);
    p->self_exe = self;
    p->exec_name = prog;
    if (argv0) argv[first] = argv0;

    /* A write to a broken pipe fails with EPIPE and the program gets the
     * SIGPIPE (signal.c), with its own disposition, not the emulator. */
    signal(SIGPIPE, SIG_IGN);

    /* Typical clocks of these CPUs in Macs; the time base counts at a
     * quarter of the bus clock, taken as core / 8. */
    static const uint64_t mhz[] = {
        [PPC_MODEL_601] = 66,  [PPC_MODEL_603E] = 200, [PPC_MODEL_604E] = 200,
        [PPC_MODEL_750] = 400, [PPC_MODEL_7400] = 450,
    };
    p->core_hz = mhz[model] * 1000000u;
    p->timebase_hz = p->core_hz / 8;
    ppc_config cfg = {.model = model, .core_hz = p->core_hz, .tb_divisor = 8};
    ppc_host host = {.ctx = p, .syscall = lu_syscall, .user_fault = lu_user_fault};
    p->cpu = ppc_create(&cfg, p->mem.mm, NULL, &host, &err);
    int status;
    if (!p->cpu) {
        fprintf(stderr, "clarus-user: cannot create the CPU: %s\n", err);
        status = EXIT_FAILURE_RUNTIME;
    } else if (!lu_setup_process(p, &img, argc - first, argv + first, environ, msg, sizeof(msg))) {
        fprintf(stderr, "clarus-user: %s\n", msg);
        status = EXIT_FAILURE_RUNTIME;
    } else {
        while (!p->exited) {
            ppc_run(p->cpu, SLICE_CYCLES);
            lu_signal_between_runs(p);
        }
        status = p->exit_status;
        if (stats)
            fprintf(stderr, "clarus-user: instructions %llu\n",
                    (unsigned long long)ppc_instructions(p->cpu));
    }
    fflush(stdout);
    ppc_destroy(p->cpu);
    lu_mem_destroy(&p->mem);
    free(real);
    free(self);
    g_free(argv0);
    g_free(p);
    return status;
}
