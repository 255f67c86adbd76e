/* log.h - one-line structured (logfmt) logging to stderr. */
#ifndef MEMOCAL_LOG_H
#define MEMOCAL_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_LEVEL__MAX };

extern enum log_level log_threshold;

/* Returns -1 for an unknown name. */
int log_level_parse(const char *name);

/* Writes "ts=… level=… pid=… " then the formatted rest, as one write(2) so
 * that lines from concurrent workers never interleave. The macros test the
 * level first, so a disabled level costs one comparison and no formatting. */
void log_write(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...) do { if (log_threshold <= LOG_DEBUG) log_write(LOG_DEBUG, __VA_ARGS__); } while (0)
#define log_info(...)  do { if (log_threshold <= LOG_INFO)  log_write(LOG_INFO,  __VA_ARGS__); } while (0)
#define log_warn(...)  do { if (log_threshold <= LOG_WARN)  log_write(LOG_WARN,  __VA_ARGS__); } while (0)
#define log_error(...) do { if (log_threshold <= LOG_ERROR) log_write(LOG_ERROR, __VA_ARGS__); } while (0)

/* Appends s to a logfmt value, quoted and escaped, bounded to max bytes. */
struct buf;
void log_quote(struct buf *out, const char *s, unsigned max);

#endif
