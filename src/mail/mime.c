/* mime.c - an RFC 5322 message with MIME parts (RFC 2045-2047) for an iMIP invitation (RFC 6047). */
#include "mail/mime.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

static bool plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/* An address may hold no control character, space, angle bracket or non-ASCII byte (no SMTPUTF8 here). */
static bool address_ok(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s > 0x7e || *s == '<' || *s == '>' || *s == '"')
			return false;
	return true;
}

static void base64(buf *out, const unsigned char *p, size_t n)
{
	char b[sodium_base64_ENCODED_LEN(57, sodium_base64_VARIANT_ORIGINAL)];
	for (size_t i = 0; i < n; i += 57) { /* 57 bytes: 76 characters a line */
		size_t k = n - i < 57 ? n - i : 57;
		sodium_bin2base64(b, sizeof b, p + i, k, sodium_base64_VARIANT_ORIGINAL);
		buf_puts(out, b);
		buf_puts(out, "\r\n");
	}
}

/* How many bytes of s, at most max, end on a UTF-8 character boundary. */
static size_t whole_chars(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	size_t k = max;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return k ? k : max;
}

/* Text a mail reader would take for an encoded word of its own (RFC 2047): it goes out encoded, so that what staff
 * typed ("=?utf-8?q?Boss_<ceo@evil.example>?=") is shown as typed, not decoded into another name or address. */
static bool looks_encoded(const char *text)
{
	return strstr(text, "=?") != NULL;
}

void mail_encode_header_text(buf *out, const char *text, size_t used)
{
	if (plain_ascii(text) && !looks_encoded(text) && used + strlen(text) <= 76) {
		buf_puts(out, text);
		return;
	}
	/* 45 bytes encode to 60 characters, "=?UTF-8?B?" and "?=" make 72, a folded line's space 73: one word a
	 * line, the first one shorter by what the header's name took */
	size_t n = strlen(text);
	char b[sodium_base64_ENCODED_LEN(45, sodium_base64_VARIANT_ORIGINAL)];
	size_t first = used + 12 + 8 < 76 ? (76 - used - 12) / 4 * 3 : 3;
	for (size_t i = 0; i < n;) {
		size_t k = whole_chars(text + i, n - i, i ? 45 : first);
		sodium_bin2base64(b, sizeof b, (const unsigned char *)text + i, k, sodium_base64_VARIANT_ORIGINAL);
		buf_printf(out, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "", b);
		i += k;
	}
}

static void mailbox(buf *out, const char *header, const char *name, const char *addr)
{
	buf_printf(out, "%s: ", header);
	if (name && *name) {
		if (plain_ascii(name) && !looks_encoded(name) && !strpbrk(name, "\"\\()<>[]:;@,.")) {
			buf_puts(out, name);
		} else if (plain_ascii(name) && !looks_encoded(name)) {
			/* a quoted-string (RFC 5322 3.2.4): "A <b@c>, D" stays one name, not a second recipient; an
			 * encoded word passed through as it is when short (mail_encode_header_text) would not */
			buf_putc(out, '"');
			for (const char *p = name; *p; p++) {
				if (*p == '"' || *p == '\\')
					buf_putc(out, '\\');
				buf_putc(out, *p);
			}
			buf_putc(out, '"');
		} else {
			mail_encode_header_text(out, name, strlen(header) + 2);
		}
		/* the address on a line of its own: a long name and address stay under 78 characters */
		buf_printf(out, "\r\n <%s>\r\n", addr);
	} else {
		buf_printf(out, "%s\r\n", addr);
	}
}

static void part(buf *out, const char *boundary, const char *type, const char *extra, const char *body, size_t n)
{
	buf_printf(out, "--%s\r\nContent-Type: %s\r\nContent-Transfer-Encoding: base64\r\n%s\r\n", boundary, type,
	           extra ? extra : "");
	base64(out, (const unsigned char *)body, n);
}

/* s with every line end made CRLF, appended to out */
static void crlf(buf *out, const char *s)
{
	for (const char *start = s; *s; s++) {
		if (*s == '\n' && (s == start || s[-1] != '\r'))
			buf_putc(out, '\r');
		buf_putc(out, *s);
	}
}

int mail_message_build(const mail_message *m, buf *out)
{
	if (!address_ok(m->from) || !address_ok(m->to) || !address_ok(m->method) || !m->message_id ||
	    !plain_ascii(m->message_id))
		return -1;
	char date[64];
	time_t t = (time_t)m->date;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	/* a boundary holding "=_" cannot occur in base64 text */
	unsigned char rnd[8];
	randombytes_buf(rnd, sizeof rnd);
	char hex[2 * sizeof rnd + 1];
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	char mixed[64], alt[64];
	snprintf(mixed, sizeof mixed, "=_memocal_m_%s", hex);
	snprintf(alt, sizeof alt, "=_memocal_a_%s", hex);

	mailbox(out, "From", m->from_name, m->from);
	mailbox(out, "To", m->to_name, m->to);
	buf_puts(out, "Subject: ");
	mail_encode_header_text(out, m->subject, 9);
	buf_printf(out, "\r\nDate: %s\r\nMessage-ID: %s\r\nMIME-Version: 1.0\r\n", date, m->message_id);
	buf_puts(out, "Auto-Submitted: auto-generated\r\n");
	buf_printf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", mixed);
	buf_printf(out, "--%s\r\nContent-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", mixed, alt);
	/* text in canonical form (RFC 2045 6.8: CRLF line ends) before base64 */
	buf text = BUF_INIT;
	crlf(&text, m->text);
	part(out, alt, "text/plain; charset=UTF-8", NULL, buf_cstr(&text), text.len);
	buf_reset(&text);
	crlf(&text, m->html);
	part(out, alt, "text/html; charset=UTF-8", NULL, buf_cstr(&text), text.len);
	buf_free(&text);
	if (m->ics) {
		char type[80];
		snprintf(type, sizeof type, "text/calendar; charset=UTF-8; method=%s", m->method);
		part(out, alt, type, NULL, m->ics, m->ics_len);
	}
	buf_printf(out, "--%s--\r\n", alt);
	if (m->ics)
		part(out, mixed, "application/ics; name=\"invite.ics\"",
		     "Content-Disposition: attachment; filename=\"invite.ics\"\r\n", m->ics, m->ics_len);
	buf_printf(out, "--%s--\r\n", mixed);
	return 0;
}
