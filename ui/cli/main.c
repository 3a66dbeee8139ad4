/* clarus: the entry point. It parses options and drives the session API,
 * either here (headless, or --display none) or in the GTK display window
 * (ui/gtk), which runs the machine on its own thread. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "config.h"
#include "machines/machine_config.h"
#include "machines/session.h"
#include "ui/common/machine_library.h"
#include "ui/common/png.h"
#include "script.h"
#include "ui/common/test_tone.h"
#ifdef HAVE_GTK
#include "ui/gtk/gtk_front.h"
#include "ui/gtk/library.h"
#endif

/* Exit codes: 0 success (the awaited text appeared, or the guest powered
 * off), 1 runtime failure, 2 bad usage or bad input, 3 timeout, 130 stopped
 * by a signal (^C). */
enum { EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_TIMEOUT = 3, EXIT_INTERRUPTED = 130 };

static void list_machines(void)
{
    size_t n = machine_count();
    if (n == 0) {
        printf("No machines are available in this build.\n");
        return;
    }
    printf("Machines:\n");
    for (size_t i = 0; i < n; i++) {
        const machine_desc *m = machine_at(i);
        printf("  %-12s %s%s\n", m->id, m->description, i == 0 ? " (default)" : "");
    }
}

/* The running session, for the signal handler: ^C and SIGTERM end the run
 * cleanly, so the terminal gets its settings back. */
static clarus_session *running;

static void on_signal(int sig)
{
    (void)sig;
    if (running) clarus_session_request_stop(running);
}

/* --test-tone[=HZ]: 0 when not given. */
static double test_tone_hz;

static gboolean parse_test_tone(const gchar *name, const gchar *value, gpointer data, GError **err)
{
    (void)data;
    if (!value) {
        test_tone_hz = TEST_TONE_DEFAULT_HZ;
        return TRUE;
    }
    char *end;
    double hz = g_ascii_strtod(value, &end);
    if (end == value || *end || !(hz >= TEST_TONE_MIN_HZ && hz <= TEST_TONE_MAX_HZ)) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "%s: a pitch from %g to %g Hz, such as %s=440 (got '%s')", name,
                    TEST_TONE_MIN_HZ, TEST_TONE_MAX_HZ, name, value);
        return FALSE;
    }
    test_tone_hz = hz;
    return TRUE;
}

static int usage_error(const char *msg)
{
    fprintf(stderr, "clarus: %s\nTry 'clarus --help'.\n", msg);
    return EXIT_USAGE;
}

static int take_screenshot(clarus_session *s, const char *path)
{
    uint32_t *px = NULL;
    unsigned w = 0, h = 0;
    if (!clarus_session_frame(s, &px, &w, &h)) {
        fprintf(stderr, "clarus: --screenshot: the display shows nothing (no picture to save)\n");
        return EXIT_FAILED;
    }
    GError *err = NULL;
    bool ok = png_write_rgb(path, px, w, h, &err);
    g_free(px);
    if (!ok) {
        fprintf(stderr, "clarus: %s\n", err->message);
        g_error_free(err);
        return EXIT_FAILED;
    }
    return 0;
}

/* `clarus` alone: the machine library window. */
static int run_library(void)
{
#ifdef HAVE_GTK
    if (!clarus_gtk_display_available()) {
        fprintf(stderr, "clarus: the machine library needs a display (DISPLAY or WAYLAND_DISPLAY "
                        "is not set or not reachable); without one, run a machine with "
                        "--headless, or clarus NAME --display none\n");
        return EXIT_USAGE;
    }
    return clarus_gtk_library();
#else
    fprintf(stderr, "clarus: this clarus was built without GTK, so it has no machine library "
                    "window; run a machine with --headless\n");
    return EXIT_USAGE;
#endif
}

/* `clarus NAME`: a machine of the library (a fresh install holds the
 * default one). NULL after a message. */
static machine_config *library_machine(const char *name)
{
    gchar *dir = machine_config_dir();
    GError *err = NULL;
    machine_config *mc = NULL;
    if (library_ensure_default(dir, NULL, &err)) mc = library_find(dir, name, &err);
    if (!mc) {
        fprintf(stderr, "clarus: %s\n", err->message);
        g_error_free(err);
    }
    g_free(dir);
    return mc;
}

int main(int argc, char **argv)
{
    const int argc_given = argc;
    gboolean show_version = FALSE, show_list = FALSE, headless = FALSE;
    gchar *machine_name = NULL, *cpu = NULL, *firmware = NULL, *serial = NULL, *until = NULL;
    gchar *screenshot = NULL, **prom_env = NULL, *kernel = NULL, *initrd = NULL, *append = NULL;
    gchar **disks = NULL, *script = NULL, *cdrom = NULL, *display = NULL;
    gboolean snapshot = FALSE, serial_console = FALSE;
    gint ram = 0;
    gdouble timeout = 0;
    GOptionEntry entries[] = {
        {"version", 0, 0, G_OPTION_ARG_NONE, &show_version, "Print the version and exit", NULL},
        {"list-machines", 0, 0, G_OPTION_ARG_NONE, &show_list,
         "List the machines Clarus can emulate", NULL},
        {"machine", 'M', 0, G_OPTION_ARG_STRING, &machine_name,
         "Machine to run, with settings (see --list-machines; default mac99)",
         "NAME[,KEY=VALUE...]"},
        {"cpu", 0, 0, G_OPTION_ARG_STRING, &cpu, "CPU model (mac99: 7400 or 750)", "MODEL"},
        {"ram", 0, 0, G_OPTION_ARG_INT, &ram, "Memory size in MB (default 128)", "MB"},
        {"firmware", 0, 0, G_OPTION_ARG_FILENAME, &firmware,
         "Firmware image (default /usr/share/qemu/openbios-ppc)", "FILE"},
        {"headless", 0, 0, G_OPTION_ARG_NONE, &headless,
         "Run without a display; the firmware's console is the serial port", NULL},
        {"display", 0, 0, G_OPTION_ARG_STRING, &display,
         "gtk: show the machine in a window (the default with --machine when a display is "
         "available); none: run without a window",
         "gtk|none"},
        {"serial", 0, 0, G_OPTION_ARG_STRING, &serial,
         "Serial port A: stdio, pty, file:PATH or none (default: stdio when headless)", "BACKEND"},
        {"serial-console", 0, 0, G_OPTION_ARG_NONE, &serial_console,
         "Open the window's serial console (a terminal) and put the firmware's console on the "
         "serial port",
         NULL},
        {"prom-env", 0, 0, G_OPTION_ARG_STRING_ARRAY, &prom_env,
         "Set an Open Firmware variable in NVRAM (repeatable)", "NAME=VALUE"},
        {"kernel", 0, 0, G_OPTION_ARG_FILENAME, &kernel,
         "Linux kernel (vmlinux) for the firmware to boot", "FILE"},
        {"initrd", 0, 0, G_OPTION_ARG_FILENAME, &initrd, "Initial RAM disk for --kernel", "FILE"},
        {"append", 0, 0, G_OPTION_ARG_STRING, &append, "Kernel command line", "STRING"},
        {"disk", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &disks,
         "Hard disk image (raw), locked while in use; ,readonly to forbid writes (repeatable)",
         "FILE[,readonly]"},
        {"cdrom", 0, 0, G_OPTION_ARG_FILENAME, &cdrom,
         "CD image (ISO 9660) in the ATAPI CD-ROM drive", "FILE"},
        {"snapshot", 0, 0, G_OPTION_ARG_NONE, &snapshot,
         "Keep the guest's disk writes in memory: images are never changed", NULL},
        {"script", 0, 0, G_OPTION_ARG_FILENAME, &script,
         "Run the commands of FILE (wait-serial, send-serial, type, screenshot, sleep, "
         "power-off); exit 0 when it completes, 3 on a timeout",
         "FILE"},
        {"until", 0, 0, G_OPTION_ARG_STRING, &until,
         "Exit 0 as soon as TEXT appears on the serial output", "TEXT"},
        {"timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout,
         "Stop after SECONDS of host time (exit 3 if --until's text has not appeared)", "SECONDS"},
        {"screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot,
         "Write the emulated display as a PNG when the run ends", "FILE.png"},
        {"test-tone", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, parse_test_tone,
         "In the window: play a sine of HZ hertz (--test-tone alone: 440) in place of the "
         "machine's sound, to check the sound output",
         "HZ"},
        {NULL, 0, 0, 0, NULL, NULL, NULL},
    };
    GError *err = NULL;
    GOptionContext *ctx = g_option_context_new("[NAME] - Classic Macintosh and PowerPC emulator");
    g_option_context_set_summary(
        ctx, "With no arguments, clarus opens the machine library window. NAME runs a machine\n"
             "of the library (its name, or its file name without .ini) in its own window;\n"
             "options given with it (--ram, --disk, ...) override its settings for this run.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(
        ctx, "Exit status: 0 on success (--until's text seen, or the guest powered off),\n"
             "1 when the machine fails, 2 on bad usage or input, 3 on --timeout.\n"
             "Report bugs in the project's issue tracker.");
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        int rc = usage_error(err->message);
        g_error_free(err);
        g_option_context_free(ctx);
        return rc;
    }
    g_option_context_free(ctx);
    if (argc_given == 1) return run_library();
    const char *lib_name = argc == 2 ? argv[1] : NULL;
    if (argc > 2) {
        gchar *m = g_strdup_printf("unexpected argument '%s'", argv[2]);
        int rc = usage_error(m);
        g_free(m);
        return rc;
    }
    if (show_version) {
        printf("clarus %s\n", clarus_version());
        return 0;
    }
    if (show_list) {
        list_machines();
        return 0;
    }
    if (ram < 0) return usage_error("--ram: a size in MB, such as 256");
    if (timeout < 0) return usage_error("--timeout: a number of seconds");
    if (prom_env) {
        for (gchar **e = prom_env; *e; e++)
            if (!strchr(*e, '=') || **e == '=') return usage_error("--prom-env takes NAME=VALUE");
    }
    if (until && !*until) return usage_error("--until: the text must not be empty");

    /* --machine NAME[,KEY=VALUE...]: QEMU's way of setting machine properties. */
    gchar **mparts = machine_name ? g_strsplit(machine_name, ",", -1) : NULL;
    if (mparts && (!mparts[0][0] || strchr(mparts[0], '='))) {
        g_strfreev(mparts);
        return usage_error("--machine takes NAME[,KEY=VALUE...]");
    }
    for (gchar **kv = mparts ? mparts + 1 : NULL; kv && *kv; kv++) {
        if (!strchr(*kv, '=') || **kv == '=') {
            g_strfreev(mparts);
            return usage_error("--machine takes NAME[,KEY=VALUE...]");
        }
    }
    if (script && until) return usage_error("--script and --until do not go together");
    if (lib_name && machine_name) {
        g_strfreev(mparts);
        return usage_error("a library machine's NAME and --machine do not go together");
    }
    /* The window: asked for, or by default for a --machine run with a
     * display to show it on; --headless and --script run without one. */
    if (display && strcmp(display, "gtk") != 0 && strcmp(display, "none") != 0)
        return usage_error("--display takes gtk or none");
    bool want_gtk = display ? strcmp(display, "gtk") == 0
                            : (machine_name || lib_name || serial_console) && !headless && !script;
    if (display && want_gtk && headless)
        return usage_error("--headless runs without a display: leave out --display gtk");
    if (display && want_gtk && script)
        return usage_error("--script runs without a window: use --display none");
    if (serial_console && !want_gtk)
        return usage_error("--serial-console opens in the window: use it without --headless, "
                           "--script or --display none (--serial stdio gives a console there)");
    bool use_gtk = false;
#ifdef HAVE_GTK
    use_gtk = want_gtk && clarus_gtk_display_available();
    if (use_gtk && serial_console && !clarus_gtk_serial_console_available()) {
        fprintf(stderr, "clarus: --serial-console: this clarus was built without VTE "
                        "(libvte-2.91-dev missing when it was configured)\n");
        return EXIT_FAILED;
    }
#endif
    if (test_tone_hz > 0 && !use_gtk && !(want_gtk && (display || serial_console)))
        return usage_error("--test-tone plays through the window's sound output: it needs the "
                           "GTK window (--display gtk and a display)");
    if (want_gtk && !use_gtk && (display || serial_console)) {
#ifdef HAVE_GTK
        fprintf(stderr, "clarus: --display gtk: cannot open a display (DISPLAY or "
                        "WAYLAND_DISPLAY is not set or not reachable)\n");
#else
        fprintf(stderr, "clarus: --display gtk: this clarus was built without GTK "
                        "(configure --disable-gtk, or gtk+-3.0 missing)\n");
#endif
        return EXIT_FAILED;
    }
    machine_config *mc = lib_name ? library_machine(lib_name) : NULL;
    if (lib_name && !mc) return EXIT_USAGE;
    clarus_script *sc = NULL;
    if (script) {
        sc = clarus_script_load(script, &err);
        if (!sc) {
            fprintf(stderr, "clarus: %s\n", err->message);
            g_error_free(err);
            if (mc) machine_config_free(mc);
            return EXIT_USAGE;
        }
    }
    clarus_config cfg = {
        .machine = mparts ? mparts[0] : NULL,
        .props = mparts ? (const char *const *)(mparts + 1) : NULL,
        .cpu = cpu,
        .ram_mb = (unsigned)ram,
        .firmware = firmware,
        .serial = serial,
        .prom_env = (const char *const *)prom_env,
        .headless = headless,
        .serial_console = serial_console && use_gtk,
        .kernel = kernel,
        .initrd = initrd,
        .append = append,
        .disks = (const char *const *)disks,
        .snapshot = snapshot,
        .cdrom = cdrom,
    };
    if (mc) {
        /* The library machine's settings, under what the command line says. */
        clarus_config lib = {0};
        machine_config_to_session(mc, &lib);
        cfg.machine = lib.machine;
        cfg.props = lib.props;
        if (!disks) cfg.disks = lib.disks;
        if (!cdrom) cfg.cdrom = lib.cdrom;
    }
    clarus_session *s = clarus_session_new(&cfg, &err);
    if (!s) {
        fprintf(stderr, "clarus: %s\n", err->message);
        int code = g_error_matches(err, CLARUS_ERROR, CLARUS_ERROR_HOST) ? EXIT_FAILED : EXIT_USAGE;
        g_error_free(err);
        g_strfreev(mparts);
        clarus_script_free(sc);
        if (mc) machine_config_free(mc);
        return code;
    }
    clarus_run_opts ro = {.until = until, .timeout_seconds = timeout};
    int rc = 0;
    /* A script's result is its own exit status. */
    clarus_stop why = CLARUS_STOP_GUEST_TIME;
    if (use_gtk) {
#ifdef HAVE_GTK
        /* The window handles ^C itself (it stops the machine thread). */
        const machine_desc *md = clarus_session_machine(s);
        clarus_gtk_opts go = {.title = mc ? machine_config_name(mc) : md->name,
                              .id = md->id,
                              .until = until,
                              .timeout_seconds = timeout,
                              .serial_console = serial_console,
                              .test_tone_hz = test_tone_hz};
        clarus_gtk_result res = clarus_gtk_run(s, &go);
        /* The library shows a machine's last picture. */
        uint32_t *px = NULL;
        unsigned w = 0, h = 0;
        if (mc && clarus_session_frame(s, &px, &w, &h)) {
            if (!library_save_thumbnail(mc, px, w, h, &err)) {
                fprintf(stderr, "clarus: the thumbnail was not saved: %s\n", err->message);
                g_clear_error(&err);
            }
            g_free(px);
        }
        why = res.why;
        /* Closing the window is the user's way to end the run. */
        if (res.closed_by_user) why = CLARUS_STOP_POWER_OFF;
#endif
    } else {
        running = s;
        struct sigaction sa = {0};
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
        /* A reader that goes away (clarus ... | head) must not kill the machine
         * mid-write: the console's output is then dropped (chardev_write). */
        signal(SIGPIPE, SIG_IGN);
        if (sc)
            rc = clarus_script_run(sc, s);
        else
            why = clarus_session_run(s, &ro);
        running = NULL;
    }
    switch (why) {
    case CLARUS_STOP_UNTIL:
    case CLARUS_STOP_POWER_OFF:
    case CLARUS_STOP_RESTART: rc = 0; break;
    case CLARUS_STOP_TIMEOUT:
        if (until) {
            fprintf(stderr, "\nclarus: timeout: '%s' did not appear within %g s\n", until, timeout);
            rc = EXIT_TIMEOUT;
        }
        break;
    case CLARUS_STOP_FAILED: rc = EXIT_FAILED; break;
    case CLARUS_STOP_REQUESTED: rc = EXIT_INTERRUPTED; break;
    case CLARUS_STOP_GUEST_TIME:
    case CLARUS_STOP_KEYS_TAKEN: break;
    }
    if (screenshot) {
        int src = take_screenshot(s, screenshot);
        if (src && !rc) rc = src;
    }
    clarus_session_free(s);
    if (mc) machine_config_free(mc);
    g_free(machine_name);
    g_strfreev(mparts);
    g_free(cpu);
    g_free(firmware);
    g_free(serial);
    g_free(until);
    g_free(screenshot);
    g_free(kernel);
    g_free(initrd);
    g_free(append);
    g_strfreev(disks);
    g_free(script);
    g_free(cdrom);
    g_free(display);
    clarus_script_free(sc);
    g_strfreev(prom_env);
    return rc;
}
