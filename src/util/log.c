/* log.c - one-line structured (logfmt) logging to stderr. */
#include "util/log.h"

#include "util/buf.h"
#include "util/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

enum log_level log_threshold = LOG_INFO;

static const char *const level_names[LOG_LEVEL__MAX] = {
	"debug", /* LOG_DEBUG */
	"info",  /* LOG_INFO */
	"warn",  /* LOG_WARN */
	"error", /* LOG_ERROR */
};

int log_level_parse(const char *name)
{
	for (int i = 0; i < LOG_LEVEL__MAX; i++)
		if (strcmp(name, level_names[i]) == 0)
			return i;
	return -1;
}

void log_write(enum log_level lvl, const char *fmt, ...)
{
	char line[2048];
	struct timeval tv;
	struct tm tm;
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	int n = snprintf(line, sizeof line, "ts=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ level=%s pid=%ld ",
	                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	                 (long)(tv.tv_usec / 1000), level_names[lvl], (long)getpid());
	va_list ap;
	va_start(ap, fmt);
	int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	va_end(ap);
	size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
	static const char cut[] = " (cut)";
	if (len > sizeof line - 2) {
		/* an over-long line is cut, never split across writes, and says so */
		len = sizeof line - 2;
		memcpy(line + len - (sizeof cut - 1), cut, sizeof cut - 1);
	}
	line[len] = '\0';
	utf8_scrub(line); /* a value cut by its byte count ("%.64s", the line's end) stays UTF-8 */
	line[len++] = '\n';
	ssize_t w = write(STDERR_FILENO, line, len);
	(void)w;
}

void log_quote(buf *out, const char *s, unsigned max)
{
	buf_putc(out, '"');
	for (unsigned i = 0; s && s[i] && i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)c);
		} else if (c < 0x20 || c == 0x7f) {
			buf_printf(out, "\\x%02x", c);
		} else {
			buf_putc(out, (char)c);
		}
	}
	buf_putc(out, '"');
}
