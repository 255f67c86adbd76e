/* smtp.h - handing one message to an SMTP server with libcurl. */
#ifndef MEMOCAL_SMTP_H
#define MEMOCAL_SMTP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct smtp_options {
	const char *url;       /* smtp://host:port (STARTTLS) or smtps://host:port */
	const char *user;      /* AUTH, when set */
	const char *password;
	bool require_tls;      /* refuse to send without STARTTLS (or smtps) */
	long timeout;          /* seconds for the whole exchange */
} smtp_options;

enum smtp_result {
	SMTP_SENT,       /* the server took it (250 after DATA) */
	SMTP_TEMPORARY,  /* try again later: 4xx, no connection, a timeout */
	SMTP_PERMANENT,  /* 5xx: this message will never be taken */
};

/* Sends msg (CRLF lines) from one address to one. why gets the server's answer or curl's error. */
enum smtp_result smtp_send(const smtp_options *o, const char *from, const char *to, const char *msg, size_t len,
                           char *why, size_t whylen);

/* curl_global_init, once per process. */
int smtp_global_init(void);

#endif
