/* Character back ends for emulated serial ports. */
#define _GNU_SOURCE
#include "chardev.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

typedef enum { CD_STDIO, CD_PTY, CD_FILE, CD_NONE, CD_BUFFER } chardev_kind;

struct chardev {
    chardev_kind kind;
    int in_fd, out_fd; /* -1 when absent */
    bool own_out;      /* close out_fd at the end */
    bool in_closed;
    bool restore_tty;
    struct termios saved;
    char *path;
    GString *out;         /* CD_BUFFER */
    GByteArray *in;       /* CD_BUFFER */
    GByteArray *injected; /* chardev_inject: read before the back end's input */
    chardev_watch_fn watch;
    void *watch_ctx;
};

static chardev *new_dev(chardev_kind kind)
{
    chardev *c = g_new0(chardev, 1);
    c->kind = kind;
    c->in_fd = c->out_fd = -1;
    return c;
}

static void set_nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

chardev *chardev_open(const char *spec, GError **err)
{
    if (!spec || !strcmp(spec, "none")) return new_dev(CD_NONE);
    if (!strcmp(spec, "stdio")) {
        chardev *c = new_dev(CD_STDIO);
        c->in_fd = dup(STDIN_FILENO);
        c->out_fd = STDOUT_FILENO;
        if (c->in_fd >= 0) {
            /* Not O_NONBLOCK: that flag belongs to the open file, which the
             * shell shares; chardev_read polls instead. */
            if (isatty(c->in_fd) && tcgetattr(c->in_fd, &c->saved) == 0) {
                /* Keys go to the guest as typed: no line editing, no echo;
                 * ^C still stops Clarus. */
                struct termios raw = c->saved;
                raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
                raw.c_iflag &= ~(tcflag_t)(ICRNL);
                raw.c_cc[VMIN] = 0;
                raw.c_cc[VTIME] = 0;
                if (tcsetattr(c->in_fd, TCSANOW, &raw) == 0) c->restore_tty = true;
            }
        }
        return c;
    }
    if (!strcmp(spec, "pty")) {
        int fd = posix_openpt(O_RDWR | O_NOCTTY);
        if (fd < 0 || grantpt(fd) != 0 || unlockpt(fd) != 0) {
            g_set_error(err, G_FILE_ERROR, g_file_error_from_errno(errno),
                        "cannot create a pseudo-terminal: %s", g_strerror(errno));
            if (fd >= 0) close(fd);
            return NULL;
        }
        chardev *c = new_dev(CD_PTY);
        c->in_fd = c->out_fd = fd;
        c->own_out = true;
        c->path = g_strdup(ptsname(fd));
        struct termios t;
        if (tcgetattr(fd, &t) == 0) {
            cfmakeraw(&t);
            tcsetattr(fd, TCSANOW, &t);
        }
        set_nonblocking(fd);
        fprintf(stderr, "clarus: serial port on %s\n", c->path);
        return c;
    }
    if (!strncmp(spec, "file:", 5)) {
        const char *path = spec + 5;
        if (!*path) {
            g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "serial file: no path after 'file:'");
            return NULL;
        }
        int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0) {
            g_set_error(err, G_FILE_ERROR, g_file_error_from_errno(errno),
                        "cannot open serial output file %s: %s", path, g_strerror(errno));
            return NULL;
        }
        chardev *c = new_dev(CD_FILE);
        c->out_fd = fd;
        c->own_out = true;
        c->in_closed = true;
        c->path = g_strdup(path);
        return c;
    }
    g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                "unknown serial back end '%s' (use stdio, pty, file:PATH or none)", spec);
    return NULL;
}

chardev *chardev_buffer_new(void)
{
    chardev *c = new_dev(CD_BUFFER);
    c->out = g_string_new(NULL);
    c->in = g_byte_array_new();
    return c;
}

void chardev_close(chardev *c)
{
    if (!c) return;
    if (c->restore_tty) tcsetattr(c->in_fd, TCSANOW, &c->saved);
    if (c->kind == CD_STDIO && c->in_fd >= 0) close(c->in_fd);
    if (c->own_out && c->out_fd >= 0) close(c->out_fd);
    if (c->out) g_string_free(c->out, TRUE);
    if (c->injected) g_byte_array_free(c->injected, TRUE);
    if (c->in) g_byte_array_free(c->in, TRUE);
    g_free(c->path);
    g_free(c);
}

void chardev_write(chardev *c, const uint8_t *buf, size_t n)
{
    if (!n) return;
    if (c->watch) c->watch(c->watch_ctx, buf, n);
    if (c->kind == CD_BUFFER) {
        g_string_append_len(c->out, (const char *)buf, (gssize)n);
        return;
    }
    if (c->out_fd < 0) return;
    while (n) {
        ssize_t w = write(c->out_fd, buf, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            /* A pty nobody reads, or a closed pipe: the guest's output is
             * dropped rather than stalling the machine. */
            return;
        }
        buf += w;
        n -= (size_t)w;
    }
}

void chardev_inject(chardev *c, const void *buf, size_t n)
{
    if (!c->injected) c->injected = g_byte_array_new();
    g_byte_array_append(c->injected, buf, (guint)n);
}

size_t chardev_read(chardev *c, uint8_t *buf, size_t n)
{
    if (c->injected && c->injected->len) {
        size_t k = c->injected->len < n ? c->injected->len : n;
        memcpy(buf, c->injected->data, k);
        g_byte_array_remove_range(c->injected, 0, (guint)k);
        return k;
    }
    if (c->kind == CD_BUFFER) {
        size_t k = c->in->len < n ? c->in->len : n;
        if (k == 0) return 0;
        memcpy(buf, c->in->data, k);
        g_byte_array_remove_range(c->in, 0, (guint)k);
        return k;
    }
    if (c->in_fd < 0 || c->in_closed) return 0;
    struct pollfd pf = {.fd = c->in_fd, .events = POLLIN};
    if (poll(&pf, 1, 0) <= 0) return 0;
    ssize_t r = read(c->in_fd, buf, n);
    if (r > 0) return (size_t)r;
    if (r == 0 && c->kind == CD_STDIO) c->in_closed = true;
    return 0;
}

bool chardev_input_closed(const chardev *c)
{
    if (c->kind == CD_BUFFER) return false;
    return c->in_fd < 0 || c->in_closed;
}

void chardev_watch(chardev *c, chardev_watch_fn fn, void *ctx)
{
    c->watch = fn;
    c->watch_ctx = ctx;
}

const char *chardev_path(const chardev *c)
{
    return c->kind == CD_PTY ? c->path : NULL;
}

const char *chardev_buffer_output(const chardev *c)
{
    return c->out ? c->out->str : "";
}

void chardev_buffer_push(chardev *c, const void *buf, size_t n)
{
    if (c->in) g_byte_array_append(c->in, buf, (guint)n);
}
