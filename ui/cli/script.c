/* Script commands (one a line; blank lines and lines starting with # are
 * skipped; TEXT is the rest of the line, or a "quoted string"; both take
 * the escapes \n \r \t \\ \" \xNN):
 *
 *   wait-serial TEXT [SECONDS]  run until TEXT appears on the serial console
 *                               (default 60 s of host time)
 *   send-serial TEXT            the serial console's host side sends TEXT
 *   type TEXT                   TEXT typed on the ADB keyboard (US layout)
 *   screenshot FILE.png         the display as a PNG
 *   sleep SECONDS               run for SECONDS of guest time
 *   power-off                   switch the machine off; the script ends
 */
#include "script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machines/adb_keymap.h"
#include "ui/common/png.h"

typedef enum { CMD_WAIT, CMD_SEND, CMD_TYPE, CMD_SHOT, CMD_SLEEP, CMD_OFF } cmd_kind;

typedef struct {
    cmd_kind kind;
    unsigned line;
    char *text; /* decoded argument */
    size_t len;
    double seconds;
    char *source; /* the line as written, for messages */
} cmd;

struct clarus_script {
    char *path;
    GPtrArray *cmds;
};

static void cmd_free(gpointer p)
{
    cmd *c = p;
    g_free(c->text);
    g_free(c->source);
    g_free(c);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes escapes in [p, end); NULL on a bad escape. */
static GString *unescape(const char *p, const char *end)
{
    GString *g = g_string_new(NULL);
    while (p < end) {
        if (*p != '\\') {
            g_string_append_c(g, *p++);
            continue;
        }
        if (++p == end) break;
        switch (*p) {
        case 'n': g_string_append_c(g, '\n'); break;
        case 'r': g_string_append_c(g, '\r'); break;
        case 't': g_string_append_c(g, '\t'); break;
        case '\\': g_string_append_c(g, '\\'); break;
        case '"': g_string_append_c(g, '"'); break;
        case 'x': {
            int h = end - p >= 3 ? hexval(p[1]) : -1;
            int l = end - p >= 3 ? hexval(p[2]) : -1;
            if (h < 0 || l < 0) {
                g_string_free(g, TRUE);
                return NULL;
            }
            g_string_append_c(g, (char)(h << 4 | l));
            p += 2;
            break;
        }
        default: g_string_free(g, TRUE); return NULL;
        }
        p++;
    }
    return g;
}

/* The argument: a quoted string (then *rest is what follows it), or the
 * whole rest of the line. */
static GString *argument(const char *a, const char **rest)
{
    while (*a == ' ' || *a == '\t') a++;
    *rest = a + strlen(a);
    if (*a != '"') return unescape(a, a + strlen(a));
    const char *q = a + 1;
    while (*q && *q != '"') q += (*q == '\\' && q[1]) ? 2 : 1;
    if (*q != '"') return NULL;
    *rest = q + 1;
    return unescape(a + 1, q);
}

static bool parse_seconds(const char *s, double *out)
{
    char *end;
    while (*s == ' ' || *s == '\t') s++;
    double v = g_ascii_strtod(s, &end);
    while (*end == ' ' || *end == '\t') end++;
    if (end == s || *end || v < 0 || v > 1e6) return false;
    *out = v;
    return true;
}

static bool bad(GError **err, const char *path, unsigned line, const char *what)
{
    g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "%s:%u: %s", path, line, what);
    return false;
}

static bool parse_line(clarus_script *sc, char *l, unsigned line, GError **err)
{
    g_strstrip(l);
    if (!*l || *l == '#') return true;
    char *sp = l + strcspn(l, " \t");
    char *arg = *sp ? sp + 1 : sp;
    gsize wl = (gsize)(sp - l);
    cmd *c = g_new0(cmd, 1);
    c->line = line;
    c->source = g_strdup(l);
    g_ptr_array_add(sc->cmds, c);
#define IS(w) (wl == strlen(w) && strncmp(l, w, wl) == 0)
    if (IS("power-off")) {
        c->kind = CMD_OFF;
        if (*arg) return bad(err, sc->path, line, "power-off takes no argument");
        return true;
    }
    if (IS("sleep")) {
        c->kind = CMD_SLEEP;
        if (!parse_seconds(arg, &c->seconds))
            return bad(err, sc->path, line, "sleep takes a number of seconds");
        return true;
    }
    if (IS("screenshot")) {
        c->kind = CMD_SHOT;
        g_strstrip(arg);
        if (!*arg) return bad(err, sc->path, line, "screenshot takes a file name");
        c->text = g_strdup(arg);
        return true;
    }
    if (!IS("wait-serial") && !IS("send-serial") && !IS("type")) {
        gchar *m = g_strdup_printf("unknown command '%.*s' (wait-serial, send-serial, type, "
                                   "screenshot, sleep, power-off)",
                                   (int)wl, l);
        bad(err, sc->path, line, m);
        g_free(m);
        return false;
    }
    c->kind = IS("wait-serial") ? CMD_WAIT : IS("send-serial") ? CMD_SEND : CMD_TYPE;
    c->seconds = 60;
    const char *rest;
    GString *t;
    if (c->kind == CMD_WAIT && *arg != '"') {
        /* wait-serial TEXT [SECONDS]: a last word that is a number is the limit. */
        char *last = strrchr(arg, ' ');
        double v;
        if (last && parse_seconds(last + 1, &v)) {
            *last = 0;
            c->seconds = v;
        }
        t = argument(arg, &rest);
    } else {
        t = argument(arg, &rest);
        if (t && c->kind == CMD_WAIT && *rest && !parse_seconds(rest, &c->seconds)) {
            g_string_free(t, TRUE);
            t = NULL;
        } else if (t && c->kind != CMD_WAIT && *rest) {
            g_string_free(t, TRUE);
            t = NULL;
        }
    }
    if (!t) return bad(err, sc->path, line, "a bad argument (quotes or escapes)");
    c->len = t->len;
    c->text = g_string_free(t, FALSE);
    if (!c->len) return bad(err, sc->path, line, "the text is empty");
    if (c->kind == CMD_TYPE) {
        for (size_t i = 0; i < c->len; i++) {
            uint8_t code;
            bool shift;
            if (!adb_keymap_char(c->text[i], &code, &shift)) {
                gchar *m = g_strdup_printf("type: no key types the character 0x%02x",
                                           (unsigned char)c->text[i]);
                bad(err, sc->path, line, m);
                g_free(m);
                return false;
            }
        }
    }
    return true;
#undef IS
}

clarus_script *clarus_script_load(const char *path, GError **err)
{
    gchar *data = NULL;
    GError *e = NULL;
    if (!g_file_get_contents(path, &data, NULL, &e)) {
        g_set_error(err, CLARUS_ERROR, CLARUS_ERROR_BAD_CONFIG, "--script: %s", e->message);
        g_error_free(e);
        return NULL;
    }
    clarus_script *sc = g_new0(clarus_script, 1);
    sc->path = g_strdup(path);
    sc->cmds = g_ptr_array_new_with_free_func(cmd_free);
    gchar **lines = g_strsplit(data, "\n", -1);
    g_free(data);
    bool ok = true;
    for (unsigned i = 0; ok && lines[i]; i++) ok = parse_line(sc, lines[i], i + 1, err);
    g_strfreev(lines);
    if (!ok) {
        clarus_script_free(sc);
        return NULL;
    }
    return sc;
}

void clarus_script_free(clarus_script *sc)
{
    if (!sc) return;
    g_ptr_array_free(sc->cmds, TRUE);
    g_free(sc->path);
    g_free(sc);
}

static void report(const clarus_script *sc, const cmd *c, const char *what, clarus_session *s)
{
    fprintf(stderr, "\nclarus: %s:%u: %s: %s\n", sc->path, c->line, c->source, what);
    fprintf(stderr, "clarus: the last serial output was:\n%s\n", clarus_session_serial_tail(s));
}

/* Runs the machine for up to `seconds` of guest time. */
static clarus_stop run_for(clarus_session *s, double seconds)
{
    clarus_run_opts o = {.guest_seconds = seconds};
    return clarus_session_run(s, &o);
}

static bool machine_ended(clarus_stop why)
{
    return why == CLARUS_STOP_POWER_OFF || why == CLARUS_STOP_FAILED ||
           why == CLARUS_STOP_REQUESTED || why == CLARUS_STOP_RESTART;
}

/* One key press: down, the guest collects it, up, collected again. */
static clarus_stop press(clarus_session *s, uint8_t code, bool shift)
{
    clarus_run_opts o = {.until_keys_taken = true, .timeout_seconds = 10};
    clarus_stop why;
    if (shift) clarus_session_key(s, ADB_KEY_SHIFT, true);
    clarus_session_key(s, code, true);
    why = clarus_session_run(s, &o);
    if (why != CLARUS_STOP_KEYS_TAKEN) return why;
    /* Held for a moment, as a person would. */
    why = run_for(s, 0.02);
    if (why != CLARUS_STOP_GUEST_TIME) return why;
    clarus_session_key(s, code, false);
    if (shift) clarus_session_key(s, ADB_KEY_SHIFT, false);
    why = clarus_session_run(s, &o);
    if (why != CLARUS_STOP_KEYS_TAKEN) return why;
    return run_for(s, 0.02);
}

int clarus_script_run(clarus_script *sc, clarus_session *s)
{
    for (guint i = 0; i < sc->cmds->len; i++) {
        const cmd *c = g_ptr_array_index(sc->cmds, i);
        clarus_stop why = CLARUS_STOP_GUEST_TIME;
        switch (c->kind) {
        case CMD_WAIT: {
            clarus_run_opts o = {.until = c->text, .timeout_seconds = c->seconds};
            why = clarus_session_run(s, &o);
            if (why == CLARUS_STOP_TIMEOUT) {
                gchar *m = g_strdup_printf("timed out after %g s", c->seconds);
                report(sc, c, m, s);
                g_free(m);
                return 3;
            }
            if (why == CLARUS_STOP_UNTIL) continue;
            break;
        }
        case CMD_SEND: clarus_session_send_serial(s, c->text, c->len); continue;
        case CMD_TYPE:
            for (size_t k = 0; k < c->len; k++) {
                uint8_t code;
                bool shift;
                adb_keymap_char(c->text[k], &code, &shift);
                why = press(s, code, shift);
                if (why == CLARUS_STOP_TIMEOUT) {
                    report(sc, c, "the guest does not read the keyboard", s);
                    return 3;
                }
                if (machine_ended(why)) break;
            }
            if (!machine_ended(why)) continue;
            break;
        case CMD_SHOT: {
            uint32_t *px = NULL;
            unsigned w, h;
            GError *err = NULL;
            if (!clarus_session_frame(s, &px, &w, &h)) {
                report(sc, c, "the display shows nothing", s);
                return 1;
            }
            bool ok = png_write_rgb(c->text, px, w, h, &err);
            g_free(px);
            if (!ok) {
                report(sc, c, err->message, s);
                g_error_free(err);
                return 1;
            }
            continue;
        }
        case CMD_SLEEP:
            why = run_for(s, c->seconds);
            if (why == CLARUS_STOP_GUEST_TIME) continue;
            break;
        case CMD_OFF: clarus_session_power_off(s); return 0;
        }
        /* The machine stopped before the line was done. */
        if (why == CLARUS_STOP_POWER_OFF && i + 1 == sc->cmds->len) return 0;
        if (why == CLARUS_STOP_REQUESTED) return 130;
        report(sc, c,
               why == CLARUS_STOP_POWER_OFF ? "the guest powered off first" : "the machine stopped",
               s);
        return why == CLARUS_STOP_POWER_OFF ? 3 : 1;
    }
    return 0;
}
