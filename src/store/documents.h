/* documents.h - files attached to a memorandum, an amendment or an occurrence: every version kept, deletion soft. */
#ifndef MEMOCAL_STORE_DOCUMENTS_H
#define MEMOCAL_STORE_DOCUMENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/text.h"
#include "model/user.h"
#include "store/audit.h"
#include "store/db.h"

/* What a document belongs to: a memorandum (and maybe one of its amendments), or one occurrence. */
typedef struct document_owner {
	long long memorandum_id;
	long long amendment_id;    /* 0: the memorandum itself */
	long long series_id;       /* with recurrence_id: an occurrence (memorandum_id 0) */
	const char *recurrence_id; /* "YYYY-MM-DD HH:MM:SS", the occurrence's original local start */
} document_owner;

/* One file as uploaded (its bytes in the request's arena) or as read back. */
typedef struct document_file {
	const char *data;
	size_t len;
	const char *content_type; /* as libmagic found it (util/filetype.c), never the browser's word */
	const char *filename;     /* as the browser named it, UTF-8, no path */
} document_file;

typedef struct document_version {
	int n;
	const char *filename;
	const char *content_type;
	long long size;
	const char *sha256; /* hex */
	const char *login;  /* who uploaded it */
	const char *at;     /* "YYYY-MM-DD HH:MM" UTC */
} document_version;

typedef struct document {
	long long id;
	document_owner owner;
	bitext title;          /* az may be NULL */
	int version;           /* the newest version's number, and the forms' guard */
	const char *created_at;
	bool deleted;
	long long memorandum_id; /* the memorandum it concerns, an occurrence's too */
	bitext memorandum_title;
	bitext series_title;     /* an occurrence's */
	document_version latest; /* lists: the newest version */
	document_version *versions; /* store_document_get: newest first */
	size_t nversions;
} document;

/* A new document with its first version, audited ("create document"). *id: the new document. */
enum change_result store_document_create(store *s, arena *a, const actor *who, const document_owner *o, bitext title,
                                         const document_file *f, long long *id);
/* The same inside a change already under way (an amendment with its document: pages/life.c): no transaction of
 * its own, and its own audit row beside the change's. */
enum change_result store_document_insert(store *s, arena *a, const actor *who, const document_owner *o, bitext title,
                                         const document_file *f, long long *id);
/* Another version (the older ones stay); version is the one the form showed (CHANGE_STALE when another came first). */
enum change_result store_document_add_version(store *s, arena *a, const actor *who, long long id, int version,
                                              const char *label, const document_file *f);
/* Soft deletion with who, when and why; the audit row's label carries the reason. */
enum change_result store_document_delete(store *s, arena *a, const actor *who, long long id, int version,
                                         const char *label, const char *reason);

/* 1 with *out (versions too, newest first), 0 when there is no such document, -1 on error. A deleted one is found
 * (deleted set): its page says so. */
int store_document_get(store *s, arena *a, long long id, document *out);
/* The live documents of a memorandum (its amendments' too: owner.amendment_id) or of an occurrence, oldest first,
 * each with its newest version in latest. */
int store_documents_of_memorandum(store *s, arena *a, long long memorandum_id, document **out, size_t *n);
int store_documents_of_occurrence(store *s, arena *a, long long series_id, const char *recurrence_id, document **out,
                                  size_t *n);
/* Version n's bytes (0: the newest) of a live document: 1 with *f, 0 when none, -1 on error. */
int store_document_file(store *s, arena *a, long long id, int n, document_file *f);

#endif
