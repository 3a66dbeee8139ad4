/* clarus: the command-line front end. It parses options and drives the
 * session API; the GTK front end (ui/gtk) will share this entry point. */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "machines/session.h"

/* Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad input. */
enum { EXIT_USAGE = 2 };

static void list_machines(void)
{
    size_t n = machine_count();
    if (n == 0) {
        printf("No machines are available yet: this build has the 68000 CPU core but no "
               "machine built around it.\n");
        return;
    }
    printf("Machines:\n");
    for (size_t i = 0; i < n; i++) {
        const machine_desc *m = machine_at(i);
        printf("  %-12s %s\n", m->id, m->description);
    }
}

int main(int argc, char **argv)
{
    gboolean show_version = FALSE, show_list = FALSE, headless = FALSE;
    gchar *machine = NULL;
    GOptionEntry entries[] = {
        {"version", 0, 0, G_OPTION_ARG_NONE, &show_version, "Print the version and exit", NULL},
        {"list-machines", 0, 0, G_OPTION_ARG_NONE, &show_list,
         "List the machines Clarus can emulate", NULL},
        {"machine", 'M', 0, G_OPTION_ARG_STRING, &machine, "Machine to run (see --list-machines)",
         "NAME"},
        {"headless", 0, 0, G_OPTION_ARG_NONE, &headless, "Run without a window", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL},
    };
    GError *err = NULL;
    GOptionContext *ctx = g_option_context_new("- Classic Macintosh and PowerPC emulator");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(
        ctx, "Exit status: 0 on success, 1 when the machine fails, 2 on bad usage or input.\n"
             "Report bugs in the project's issue tracker.");
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "clarus: %s\nTry 'clarus --help'.\n", err->message);
        g_error_free(err);
        g_option_context_free(ctx);
        return EXIT_USAGE;
    }
    g_option_context_free(ctx);
    if (argc > 1) {
        fprintf(stderr, "clarus: unexpected argument '%s'\nTry 'clarus --help'.\n", argv[1]);
        return EXIT_USAGE;
    }

    if (show_version) {
        printf("clarus %s\n", clarus_version());
        return 0;
    }
    if (show_list) {
        list_machines();
        return 0;
    }

    clarus_config cfg = {.machine = machine};
    clarus_session *s = clarus_session_new(&cfg, &err);
    if (!s) {
        int code = g_error_matches(err, CLARUS_ERROR, CLARUS_ERROR_NO_MACHINE) ? 0 : EXIT_USAGE;
        if (code == 0) {
            /* Nothing to start yet: say so plainly, with what there is. */
            printf("clarus %s\n", clarus_version());
            list_machines();
        } else {
            fprintf(stderr, "clarus: %s\n", err->message);
        }
        g_error_free(err);
        g_free(machine);
        return code;
    }
    (void)headless;
    clarus_session_free(s);
    g_free(machine);
    return 0;
}
