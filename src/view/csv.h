/* csv.h - RFC 4180 text: fields quoted when they must be, records ended by CRLF. */
#ifndef MEMOCAL_CSV_H
#define MEMOCAL_CSV_H

#include <stdbool.h>

#include "util/buf.h"

/*
 * One field of the current record, preceded by a comma unless first. A field holding a comma, a
 * double quote, CR or LF is quoted and its quotes doubled (RFC 4180, 2.6 and 2.7), and so is one holding
 * a semicolon or a tab (the separators other spreadsheet locales split on); one that starts
 * with = + - @ or a tab gets a leading apostrophe first, so a spreadsheet that opens the file shows
 * it as text rather than running it as a formula (CSV injection: the values are what staff typed).
 * NULL is an empty field. The bytes are otherwise copied as they are (UTF-8 stays UTF-8).
 */
void csv_field(buf *b, const char *s, bool first);
/* A whole number as a field. */
void csv_int(buf *b, long long n, bool first);
/* Ends the record: CRLF (RFC 4180, 2.1). */
void csv_end(buf *b);

#endif
