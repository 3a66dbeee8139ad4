#include "log.h"

#include <stdarg.h>
#include <stdio.h>

const char *log_level_name(log_level level)
{
    static const char *const names[] = {"error", "warning", "info", "debug", "trace"};
    return (unsigned)level < sizeof(names) / sizeof(names[0]) ? names[level] : "?";
}

void clarus_log(const clarus_logger *l, log_level level, const char *category, const char *fmt, ...)
{
    log_level max = l ? l->max_level : LOG_WARN;
    if (level > max) return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (l && l->sink)
        l->sink(l->ud, level, category, msg);
    else
        fprintf(stderr, "clarus: %s: %s: %s\n", category, log_level_name(level), msg);
}
