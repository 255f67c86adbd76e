/* smtp.c - handing one message to an SMTP server with libcurl. */

#include "mail/smtp.h"

#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

struct reader {
	const char *p;
	size_t left;
};

static size_t feed(char *dst, size_t size, size_t n, void *ctx)
{
	struct reader *r = ctx;
	size_t k = size * n < r->left ? size * n : r->left;
	memcpy(dst, r->p, k);
	r->p += k;
	r->left -= k;
	return k;
}

/* The server's last answer line ("550 5.1.1 no such mailbox"): libcurl reports only the code, and staff
 * want the server's words (the outbox page shows them). Kept from what libcurl's debug hook sees. */
struct answer {
	char line[400];    /* the last answer */
	char refusal[400]; /* the last 4xx or 5xx answer: the QUIT's "221 Bye" comes after it */
};

static int watch(CURL *c, curl_infotype type, char *data, size_t size, void *ctx)
{
	(void)c;
	struct answer *a = ctx;
	if (type != CURLINFO_HEADER_IN || size == 0)
		return 0;
	size_t n = size < sizeof a->line - 1 ? size : sizeof a->line - 1;
	while (n > 0 && (data[n - 1] == '\r' || data[n - 1] == '\n'))
		n--;
	for (size_t i = 0; i < n; i++) /* printable only: it goes to a log line and a page */
		a->line[i] = (unsigned char)data[i] < 0x20 || data[i] == 0x7f ? ' ' : data[i];
	a->line[n] = '\0';
	if (a->line[0] == '4' || a->line[0] == '5')
		memcpy(a->refusal, a->line, n + 1);
	return 0;
}

int smtp_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

enum smtp_result smtp_send(const smtp_options *o, const char *from, const char *to, const char *msg, size_t len,
                           char *why, size_t whylen)
{
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(why, whylen, "curl_easy_init failed");
		return SMTP_TEMPORARY;
	}
	char from_arg[320], errbuf[CURL_ERROR_SIZE] = "";
	snprintf(from_arg, sizeof from_arg, "<%s>", from);
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	struct reader r = {msg, len};
	struct answer last = {"", ""};
	curl_easy_setopt(c, CURLOPT_URL, o->url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_arg);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, watch);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, &last);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L); /* only for the debug hook: libcurl then writes nothing itself */
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->timeout);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout);
	/* only SMTP: a configured URL cannot make memocal speak another protocol */
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, o->require_tls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	if (o->user && *o->user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, o->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, o->password ? o->password : "");
	}
	CURLcode rc = curl_easy_perform(c);
	long code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	enum smtp_result res;
	if (rc == CURLE_OK) {
		res = SMTP_SENT;
		snprintf(why, whylen, "%s", last.line);
	} else {
		/* a 5xx answer is the server's last word on this message; anything else may pass later */
		res = code >= 500 && code < 600 ? SMTP_PERMANENT : SMTP_TEMPORARY;
		/* the server's own words when it answered, else what libcurl says went wrong */
		if (*last.refusal && code >= 400)
			snprintf(why, whylen, "%s", last.refusal);
		else
			snprintf(why, whylen, "%ld %s", code, *errbuf ? errbuf : curl_easy_strerror(rc));
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return res;
}
