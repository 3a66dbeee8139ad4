/* Logging with a per-machine sink: no global state. A NULL logger writes
 * warnings and errors to stderr. */
#ifndef CLARUS_LOG_H
#define CLARUS_LOG_H

typedef enum { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG, LOG_TRACE } log_level;

typedef struct clarus_logger {
    void (*sink)(void *ud, log_level level, const char *category, const char *msg);
    void *ud;
    log_level max_level; /* messages above this level are dropped */
} clarus_logger;

void clarus_log(const clarus_logger *l, log_level level, const char *category, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

const char *log_level_name(log_level level);

#endif
