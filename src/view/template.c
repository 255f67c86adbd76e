/* template.c - HTML templates: loader, compiler and renderer. */

/*
 * Template syntax (the reference for template authors)
 * ====================================================
 *
 * Text outside {{ }} is copied verbatim. Spaces inside the braces are
 * optional: {{name}} and {{ name }} are the same.
 *
 * {{ name }}  {{ a.b.c }}
 *     Prints a value, HTML-escaped: & < > " ' become &amp; &lt; &gt; &quot;
 *     &#39;, which is safe in element text and in quoted attribute values.
 *     Strings print as they are, integers in decimal, booleans as "true"
 *     or nothing; lists, maps and missing names print nothing.
 *     A name is looked up in the innermost {{#each}} item (if it is a map),
 *     then in each enclosing item outwards, then in the root scope; the rest
 *     of a dotted name then walks down maps. Names are [A-Za-z0-9_-] segments.
 *     Special names: {{ . }} is the current #each item (the root outside
 *     one); {{ @index }} counts from 0, {{ @number }} from 1, and @first and
 *     @last are booleans, all for the innermost #each.
 *
 * {{ name | filter }}   exactly one filter:
 *     raw   no escaping, only for HTML the program built (the layout's
 *           {{ content | raw }}); never for user data.
 *     url   percent-encodes all but A-Z a-z 0-9 - . _ ~, for one path
 *           segment or query value: href="/memoranda?q={{ q | url }}".
 *     href  a whole URL for href= or src=: kept (HTML-escaped) only if it
 *           starts with http://, https://, mailto: (any case) or is relative
 *           starting with "/" (not "//" or "/\"), "?" or "#", and has no
 *           spaces or control characters; anything else prints "#".
 *     date  "YYYY-MM-DD" (or a timestamp starting with one) as "1 May 2024":
 *           day, catalogue message month.N of the current language, year.
 *           Anything else prints escaped as it is.
 *
 * {{#if x}} ... {{#else}} ... {{/if}}      {{#unless x}} ... {{/unless}}
 *     True: a non-empty string, a nonzero integer, true, a non-empty list,
 *     any map. False: everything else, including missing names.
 *     Comparisons compare the printed forms (so 3 equals "3"):
 *     {{#if x == "literal"}}  {{#if x != "literal"}}  {{#if x == y}}
 *     {{#if x == 3}}. String literals are in double quotes, no escapes.
 *
 * {{#each list}} ... {{#else}} ... {{/each}}
 *     Renders the body once per list element; the else part renders when
 *     the list is empty, missing or not a list. Eaches nest, and names of
 *     outer items stay reachable.
 *
 * {{#with map}} ... {{#else}} ... {{/with}}
 *     Renders the body with map as the innermost item (names resolve in it
 *     first, then outwards), so a partial can be reused for several values:
 *     {{#with f.name_en}}{{> partials/input }}{{/with}}. The else part
 *     renders when the value is missing or not a map.
 *
 * {{> partials/nav }}
 *     Includes another template by name, rendered with the current scope.
 *     Names are checked at load time. Inclusion deeper than 16 levels
 *     (recursion) silently renders nothing.
 *
 * {{t key.name }}
 *     The message for key from messages/<lang>.txt (falling back to en.txt,
 *     then to the key itself), HTML-escaped. {var} in the message text is
 *     replaced by the escaped value of var, looked up like any name.
 *
 * {{t key.name count }}
 *     The plural form of the message for the number in count (a name):
 *     key.name.one or key.name.other as view_plural() says for the
 *     language, falling back to key.name.other, then to key.name, then to
 *     the same in en.txt. English has one (1) and other; Azerbaijani only
 *     other (a noun after a numeral stays singular: "5 memorandum"). This is
 *     the one way to say a number of things: templates never test a count.
 *
 * {{! comment }}   renders nothing; ends at the first "}}".
 *
 * Anything malformed (an unclosed tag, an unknown block or filter, a
 * mismatched or missing close, an unterminated string, an unknown partial)
 * makes view_load fail with "file:line: what is wrong".
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "view/template.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/arena.h"
#include "util/utf8.h"
#include "view/catalog.h"
#include "view/escape.h"

#define MAX_DEPTH 16

enum nkind { N_TEXT, N_VAR, N_IF, N_EACH, N_WITH, N_PARTIAL, N_TRANS };
enum filter { F_HTML, F_RAW, F_URL, F_HREF, F_DATE };
enum cmp { C_TRUTHY, C_EQ, C_NE };

typedef struct node node;
typedef struct tmpl tmpl;

struct node {
	enum nkind kind;
	int line;
	node *next;
	const char *text;   /* TEXT: the bytes; VAR/IF/EACH: name; PARTIAL: name; TRANS: key */
	size_t len;         /* TEXT only: text is not NUL-terminated there */
	enum filter filter; /* VAR */
	enum cmp cmp;       /* IF */
	bool negate;        /* IF that came from #unless */
	const char *rhs;    /* IF with a comparison: literal or name */
	bool rhs_literal;
	node *body, *alt;   /* IF, EACH */
	tmpl *partial;      /* PARTIAL, resolved once every file is parsed */
};

struct tmpl {
	const char *name;
	const char *path;
	node *nodes;
	tmpl *next;
};

typedef struct lang_cat {
	const char *lang;
	view_catalog cat;
	struct lang_cat *next;
} lang_cat;

/* Everything, compiled trees and catalogues alike, lives in one arena. */
struct view_set {
	arena a;
	tmpl *list;  /* while loading */
	tmpl **t;    /* sorted by name */
	size_t nt;
	lang_cat *cats;
};

__attribute__((format(printf, 5, 6)))
static int fail(char *err, size_t errlen, const char *path, int line, const char *fmt, ...)
{
	if (!err || errlen == 0)
		return -1;
	/* line 0: about the whole file */
	int n = line > 0 ? snprintf(err, errlen, "%s:%d: ", path, line) : snprintf(err, errlen, "%s: ", path);
	if (n >= 0 && (size_t)n < errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	if (errlen)
		utf8_scrub(err); /* a line of the file quoted, or the message cut to fit, may end inside a letter */
	return -1;
}

/* ---- parser ---- */

struct parser {
	arena *a;
	const char *path;
	const char *pos, *end;
	int line;
	char *err;
	size_t errlen;
};

/* What ended a node list: end of file, {{#else}} or {{/word}}. */
struct stop {
	enum { S_EOF, S_ELSE, S_END } kind;
	const char *word;
	size_t wlen;
	int line;
};

/* The inside of one tag, consumed left to right. */
struct cur {
	const char *p, *e;
};

#define PFAIL(p, line, ...) fail((p)->err, (p)->errlen, (p)->path, (line), __VA_ARGS__)

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool name_char(char c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.' || c == '@';
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static bool partial_char(char c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.' || c == '/';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_ws(struct cur *c)
{
	while (c->p < c->e && is_space(*c->p))
		c->p++;
}

static size_t take(struct cur *c, bool (*ok)(char), const char **start)
{
	*start = c->p;
	while (c->p < c->e && ok(*c->p))
		c->p++;
	return (size_t)(c->p - *start);
}

static bool word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* "." or @index/@number/@first/@last, or [A-Za-z0-9_-]+ segments joined by single dots. */
static bool valid_name(const char *s, size_t n)
{
	if (word_is(s, n, ".") || word_is(s, n, "@index") || word_is(s, n, "@number") ||
	    word_is(s, n, "@first") || word_is(s, n, "@last"))
		return true;
	size_t seg = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (seg == 0)
				return false;
			seg = 0;
		} else if (s[i] == '@') {
			return false;
		} else {
			seg++;
		}
	}
	return seg > 0;
}

/* Moves to q, counting lines on the way. */
static void advance(struct parser *p, const char *q)
{
	for (; p->pos < q; p->pos++)
		p->line += *p->pos == '\n';
}

static const char *find(const char *s, const char *end, const char *pat)
{
	for (; s + 1 < end; s++)
		if (s[0] == pat[0] && s[1] == pat[1])
			return s;
	return NULL;
}

static node *new_node(struct parser *p, enum nkind kind, int line)
{
	node *n = arena_alloc(p->a, sizeof *n);
	n->kind = kind;
	n->line = line;
	return n;
}

static int expect_end(struct parser *p, struct cur *c, int line)
{
	skip_ws(c);
	if (c->p == c->e)
		return 0;
	return PFAIL(p, line, "unexpected \"%.*s\" in tag", (int)(c->e - c->p), c->p);
}

static int parse_list(struct parser *p, node **out, struct stop *st);

/* A name with a check that it is one; what says where, for the message. */
static const char *parse_name(struct parser *p, struct cur *c, int line, const char *what)
{
	const char *s;
	size_t n = take(c, name_char, &s);
	if (!valid_name(s, n)) {
		PFAIL(p, line, "expected a name %s, got \"%.*s\"", what, (int)(c->e - s), s);
		return NULL;
	}
	if (word_is(s, n, "else")) {
		PFAIL(p, line, "\"else\" is not a name; write {{#else}}");
		return NULL;
	}
	return arena_strndup(p->a, s, n);
}

/* {{#if}}, {{#unless}} or {{#each}} up to its matching close. */
static node *parse_block(struct parser *p, struct cur *c, const char *word, int line)
{
	node *n = new_node(p, strcmp(word, "each") == 0 ? N_EACH : strcmp(word, "with") == 0 ? N_WITH : N_IF, line);
	n->negate = strcmp(word, "unless") == 0;
	skip_ws(c);
	if (!(n->text = parse_name(p, c, line, "after {{#")))
		return NULL;
	skip_ws(c);
	if (n->kind == N_IF && c->e - c->p >= 2 && (c->p[0] == '=' || c->p[0] == '!') && c->p[1] == '=') {
		n->cmp = c->p[0] == '=' ? C_EQ : C_NE;
		c->p += 2;
		skip_ws(c);
		const char *s;
		if (c->p < c->e && *c->p == '"') {
			const char *q = memchr(c->p + 1, '"', (size_t)(c->e - c->p - 1));
			if (!q) {
				PFAIL(p, line, "unterminated string literal");
				return NULL;
			}
			n->rhs = arena_strndup(p->a, c->p + 1, (size_t)(q - c->p - 1));
			n->rhs_literal = true;
			c->p = q + 1;
		} else if (c->p < c->e && ((*c->p >= '0' && *c->p <= '9') || *c->p == '-')) {
			size_t len = 1;
			s = c->p++;
			while (c->p < c->e && *c->p >= '0' && *c->p <= '9')
				c->p++, len++;
			n->rhs = arena_strndup(p->a, s, len);
			n->rhs_literal = true;
		} else if (!(n->rhs = parse_name(p, c, line, "or literal after == or !="))) {
			return NULL;
		}
	}
	if (expect_end(p, c, line))
		return NULL;

	struct stop st;
	if (parse_list(p, &n->body, &st))
		return NULL;
	if (st.kind == S_ELSE) {
		int else_line = st.line;
		if (parse_list(p, &n->alt, &st))
			return NULL;
		if (st.kind == S_ELSE) {
			PFAIL(p, st.line, "second {{#else}} (first at line %d)", else_line);
			return NULL;
		}
	}
	if (st.kind == S_EOF) {
		PFAIL(p, line, "{{#%s}} is never closed", word);
		return NULL;
	}
	if (!word_is(st.word, st.wlen, word)) {
		PFAIL(p, st.line, "{{/%.*s}} does not close {{#%s}} from line %d", (int)st.wlen, st.word, word, line);
		return NULL;
	}
	return n;
}

/* One tag; appends a node at *tail, or reports a stop. Returns 1 for a stop. */
static int parse_tag(struct parser *p, struct cur *c, int line, node ***tail, struct stop *st)
{
	const char *s;
	size_t n;
	node *nd = NULL;

	if (c->p == c->e)
		return PFAIL(p, line, "empty tag");
	switch (*c->p) {
	case '!':
		return 0;
	case '/':
		c->p++;
		skip_ws(c);
		if (!(n = take(c, is_alnum, &s)))
			return PFAIL(p, line, "expected a block name after {{/");
		if (expect_end(p, c, line))
			return -1;
		*st = (struct stop){S_END, s, n, line};
		return 1;
	case '#':
		c->p++;
		skip_ws(c);
		n = take(c, is_alnum, &s);
		if (word_is(s, n, "else")) {
			if (expect_end(p, c, line))
				return -1;
			*st = (struct stop){S_ELSE, s, n, line};
			return 1;
		}
		if (word_is(s, n, "if"))
			nd = parse_block(p, c, "if", line);
		else if (word_is(s, n, "unless"))
			nd = parse_block(p, c, "unless", line);
		else if (word_is(s, n, "each"))
			nd = parse_block(p, c, "each", line);
		else if (word_is(s, n, "with"))
			nd = parse_block(p, c, "with", line);
		else
			return PFAIL(p, line, "unknown block {{#%.*s}}", (int)n, s);
		if (!nd)
			return -1;
		break;
	case '>':
		c->p++;
		skip_ws(c);
		if (!(n = take(c, partial_char, &s)))
			return PFAIL(p, line, "expected a template name after {{>");
		if (expect_end(p, c, line))
			return -1;
		nd = new_node(p, N_PARTIAL, line);
		nd->text = arena_strndup(p->a, s, n);
		break;
	default:
		if (c->e - c->p > 1 && c->p[0] == 't' && is_space(c->p[1])) {
			c->p++;
			skip_ws(c);
			if (!(n = take(c, key_char, &s)))
				return PFAIL(p, line, "expected a message key after {{t");
			nd = new_node(p, N_TRANS, line);
			nd->text = arena_strndup(p->a, s, n);
			skip_ws(c);
			/* an optional name: the count that chooses the plural form */
			if (c->p < c->e && !(nd->rhs = parse_name(p, c, line, "after {{t key")))
				return -1;
			if (expect_end(p, c, line))
				return -1;
			break;
		}
		nd = new_node(p, N_VAR, line);
		if (!(nd->text = parse_name(p, c, line, "in {{ }}")))
			return -1;
		skip_ws(c);
		if (c->p < c->e && *c->p == '|') {
			c->p++;
			skip_ws(c);
			n = take(c, is_alnum, &s);
			if (word_is(s, n, "raw"))
				nd->filter = F_RAW;
			else if (word_is(s, n, "url"))
				nd->filter = F_URL;
			else if (word_is(s, n, "href"))
				nd->filter = F_HREF;
			else if (word_is(s, n, "date"))
				nd->filter = F_DATE;
			else
				return PFAIL(p, line, "unknown filter \"%.*s\"", (int)(c->e - s), s);
		}
		if (expect_end(p, c, line))
			return -1;
	}
	**tail = nd;
	*tail = &nd->next;
	return 0;
}

/* Text and tags until end of file, {{#else}} or a {{/close}}, which is reported in st. */
static int parse_list(struct parser *p, node **out, struct stop *st)
{
	node **tail = out;
	*out = NULL;
	for (;;) {
		const char *open = find(p->pos, p->end, "{{");
		const char *text_end = open ? open : p->end;
		if (text_end > p->pos) {
			node *t = new_node(p, N_TEXT, p->line);
			t->text = p->pos;
			t->len = (size_t)(text_end - p->pos);
			*tail = t;
			tail = &t->next;
		}
		advance(p, text_end);
		if (!open) {
			*st = (struct stop){S_EOF, NULL, 0, p->line};
			return 0;
		}
		int line = p->line;
		const char *close = find(open + 2, p->end, "}}");
		if (!close)
			return PFAIL(p, line, "unclosed tag: no \"}}\" after \"{{\"");
		struct cur c = {open + 2, close};
		advance(p, close + 2);
		skip_ws(&c);
		while (c.e > c.p && is_space(c.e[-1]))
			c.e--;
		int r = parse_tag(p, &c, line, &tail, st);
		if (r)
			return r < 0 ? -1 : 0;
	}
}

static int compile(view_set *set, tmpl *t, const char *src, size_t len, char *err, size_t errlen)
{
	struct parser p = {&set->a, t->path, src, src + len, 1, err, errlen};
	struct stop st;
	if (parse_list(&p, &t->nodes, &st))
		return -1;
	if (st.kind == S_ELSE)
		return PFAIL(&p, st.line, "{{#else}} outside any block");
	if (st.kind == S_END)
		return PFAIL(&p, st.line, "{{/%.*s}} without a matching opening block", (int)st.wlen, st.word);
	return 0;
}

/* ---- loader ---- */

static char *read_file(arena *a, const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fail(err, errlen, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	char *data = NULL;
	long size;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		data = arena_alloc(a, (size_t)size + 1);
		*len = (size_t)size;
		if (fread(data, 1, *len, f) != *len)
			data = NULL;
	}
	fclose(f);
	if (!data)
		fail(err, errlen, path, 0, "cannot read");
	return data;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

static int load_template(view_set *set, const char *path, const char *name, char *err, size_t errlen)
{
	size_t len;
	char *src = read_file(&set->a, path, &len, err, errlen);
	if (!src)
		return -1;
	if (memchr(src, '\0', len))
		return fail(err, errlen, path, 0, "contains a NUL byte");
	if (!utf8_valid(src, len)) {
		int line = 1;
		for (const char *l = src, *e; l < src + len; l = e + 1, line++) {
			e = memchr(l, '\n', (size_t)(src + len - l));
			if (!e)
				e = src + len;
			if (!utf8_valid(l, (size_t)(e - l)))
				break;
		}
		return fail(err, errlen, path, line, "not valid UTF-8");
	}
	tmpl *t = arena_alloc(&set->a, sizeof *t);
	t->name = name;
	t->path = path;
	t->next = set->list;
	set->list = t;
	set->nt++;
	return compile(set, t, src, len, err, errlen);
}

/* Every *.html below root/rel; dot files are skipped (editor droppings). */
static int load_dir(view_set *set, const char *root, const char *rel, char *err, size_t errlen)
{
	const char *dirpath = *rel ? arena_printf(&set->a, "%s/%s", root, rel) : root;
	DIR *d = opendir(dirpath);
	if (!d)
		return fail(err, errlen, dirpath, 0, "cannot open directory: %s", strerror(errno));
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		const char *crel = *rel ? arena_printf(&set->a, "%s/%s", rel, e->d_name)
		                        : arena_strdup(&set->a, e->d_name);
		const char *path = arena_printf(&set->a, "%s/%s", root, crel);
		struct stat sb;
		if (stat(path, &sb) != 0)
			rc = fail(err, errlen, path, 0, "cannot stat: %s", strerror(errno));
		else if (S_ISDIR(sb.st_mode))
			rc = load_dir(set, root, crel, err, errlen);
		else if (S_ISREG(sb.st_mode) && ends_with(crel, ".html"))
			rc = load_template(set, path, arena_strndup(&set->a, crel, strlen(crel) - 5), err, errlen);
	}
	closedir(d);
	return rc;
}

static int load_catalogs(view_set *set, const char *root, char *err, size_t errlen)
{
	const char *dirpath = arena_printf(&set->a, "%s/messages", root);
	DIR *d = opendir(dirpath);
	if (!d)
		return errno == ENOENT ? 0 : fail(err, errlen, dirpath, 0, "cannot open directory: %s", strerror(errno));
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".txt"))
			continue;
		const char *path = arena_printf(&set->a, "%s/%s", dirpath, e->d_name);
		size_t len;
		char *data = read_file(&set->a, path, &len, err, errlen);
		lang_cat *lc = arena_alloc(&set->a, sizeof *lc);
		lc->lang = arena_strndup(&set->a, e->d_name, strlen(e->d_name) - 4);
		lc->next = set->cats;
		set->cats = lc;
		rc = data ? view_catalog_parse(&lc->cat, &set->a, path, data, len, err, errlen) : -1;
	}
	closedir(d);
	return rc;
}

static int cmp_tmpl(const void *x, const void *y)
{
	return strcmp((*(tmpl *const *)x)->name, (*(tmpl *const *)y)->name);
}

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, (*(tmpl *const *)elem)->name);
}

static tmpl *find_tmpl(const view_set *set, const char *name)
{
	if (!set || !name || !set->nt)
		return NULL;
	tmpl **t = bsearch(name, set->t, set->nt, sizeof *set->t, cmp_name);
	return t ? *t : NULL;
}

static int resolve(view_set *set, const tmpl *t, node *n, char *err, size_t errlen)
{
	for (; n; n = n->next) {
		if (n->kind == N_PARTIAL && !(n->partial = find_tmpl(set, n->text)))
			return fail(err, errlen, t->path, n->line, "unknown partial \"%s\"", n->text);
		if (resolve(set, t, n->body, err, errlen) || resolve(set, t, n->alt, err, errlen))
			return -1;
	}
	return 0;
}

view_set *view_load(const char *dir, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	view_set *set = calloc(1, sizeof *set);
	if (!set) {
		fail(err, errlen, dir, 0, "out of memory");
		return NULL;
	}
	arena_init(&set->a, 65536);
	if (load_dir(set, dir, "", err, errlen) || load_catalogs(set, dir, err, errlen))
		goto bad;
	set->t = arena_alloc(&set->a, (set->nt + 1) * sizeof *set->t);
	size_t i = 0;
	for (tmpl *t = set->list; t; t = t->next)
		set->t[i++] = t;
	qsort(set->t, set->nt, sizeof *set->t, cmp_tmpl);
	for (i = 0; i < set->nt; i++)
		if (resolve(set, set->t[i], set->t[i]->nodes, err, errlen))
			goto bad;
	return set;
bad:
	view_free(set);
	return NULL;
}

void view_free(view_set *set)
{
	if (!set)
		return;
	arena_free(&set->a);
	free(set);
}

bool view_has(view_set *set, const char *name)
{
	return find_tmpl(set, name) != NULL;
}

static const view_catalog *catalog_for(const view_set *set, const char *lang)
{
	for (const lang_cat *lc = set ? set->cats : NULL; lc && lang; lc = lc->next)
		if (strcmp(lc->lang, lang) == 0)
			return &lc->cat;
	return NULL;
}

const char *view_msg(view_set *set, const char *lang, const char *key)
{
	if (!key)
		return "";
	const char *m = view_catalog_get(catalog_for(set, lang), key);
	if (!m)
		m = view_catalog_get(catalog_for(set, "en"), key);
	return m ? m : key;
}

const char *view_plural(const char *lang, long long n)
{
	/* CLDR's cardinal rules for the two languages memocal speaks: Azerbaijani nouns after a numeral
	 * stay singular, so its catalogue needs one form; any other language is read as English */
	if (lang && strcmp(lang, "az") == 0)
		return "other";
	return n == 1 ? "one" : "other";
}

/* key.FORM, else key.other, else key, in one catalogue; NULL when it has none of them. */
static const char *plural_in(const view_catalog *cat, const char *lang, const char *key, long long n)
{
	char k[256];
	const char *m = NULL;
	if (snprintf(k, sizeof k, "%s.%s", key, view_plural(lang, n)) < (int)sizeof k)
		m = view_catalog_get(cat, k);
	if (!m && snprintf(k, sizeof k, "%s.other", key) < (int)sizeof k)
		m = view_catalog_get(cat, k);
	return m ? m : view_catalog_get(cat, key);
}

const char *view_msg_n(view_set *set, const char *lang, const char *key, long long n)
{
	if (!key)
		return "";
	const char *m = plural_in(catalog_for(set, lang), lang, key, n);
	if (!m)
		m = plural_in(catalog_for(set, "en"), "en", key, n);
	return m ? m : key;
}

/* ---- renderer ---- */

/* One #each iteration; frames link outwards through the C stack. */
struct frame {
	const view_value *item;
	size_t index;
	bool last;
	const struct frame *up;
};

struct ctx {
	view_set *set;
	const char *lang;
	const view_value *root;
	const view_value *page; /* {content} while rendering the layout */
	const struct frame *top;
	buf *out;
	int depth;
};

/* tmp receives the value of an @ name, which exists nowhere else. */
static const view_value *lookup(const struct ctx *c, const char *name, size_t len, view_value *tmp)
{
	if (len == 1 && name[0] == '.')
		return c->top ? c->top->item : c->root;
	if (len && name[0] == '@') {
		if (!c->top)
			return NULL;
		if (word_is(name, len, "@index") || word_is(name, len, "@number")) {
			*tmp = (view_value){.kind = VIEW_INT};
			tmp->u.i = (long long)c->top->index + (name[1] == 'n');
		} else {
			*tmp = (view_value){.kind = VIEW_BOOL};
			tmp->u.b = word_is(name, len, "@first") ? c->top->index == 0 : c->top->last;
		}
		return tmp;
	}
	const char *end = name + len;
	const char *dot = memchr(name, '.', len);
	size_t seg = (size_t)((dot ? dot : end) - name);
	const view_value *v = NULL;
	for (const struct frame *f = c->top; f && !v; f = f->up)
		v = view_getn(f->item, name, seg);
	if (!v)
		v = view_getn(c->page, name, seg);
	if (!v)
		v = view_getn(c->root, name, seg);
	while (v && dot) {
		name = dot + 1;
		dot = memchr(name, '.', (size_t)(end - name));
		v = view_getn(v, name, (size_t)((dot ? dot : end) - name));
	}
	return v;
}

/* The printed form; tmp holds an integer's digits. */
static const char *str_of(const view_value *v, char tmp[32])
{
	if (!v)
		return "";
	switch (v->kind) {
	case VIEW_STR: return v->u.s ? v->u.s : "";
	case VIEW_INT: snprintf(tmp, 32, "%lld", v->u.i); return tmp;
	case VIEW_BOOL: return v->u.b ? "true" : "";
	default: return "";
	}
}

static bool truthy(const view_value *v)
{
	if (!v)
		return false;
	switch (v->kind) {
	case VIEW_STR: return v->u.s && v->u.s[0];
	case VIEW_INT: return v->u.i != 0;
	case VIEW_BOOL: return v->u.b;
	case VIEW_LIST: return v->count > 0;
	default: return true;
	}
}

static const char *message(const struct ctx *c, const char *key)
{
	return view_msg(c->set, c->lang, key);
}

static void emit(const struct ctx *c, const char *s, enum filter f)
{
	size_t n = strlen(s);
	int y, m, d;
	switch (f) {
	case F_HTML: view_escape_html(c->out, s, n); break;
	case F_RAW: utf8_repair(c->out, s, n); break;
	case F_URL: view_escape_url(c->out, s, n); break;
	case F_HREF: view_escape_href(c->out, s, n); break;
	case F_DATE:
		if (view_parse_date(s, &y, &m, &d) == 0) {
			char key[16];
			snprintf(key, sizeof key, "month.%d", m);
			buf_printf(c->out, "%d ", d);
			emit(c, message(c, key), F_HTML);
			buf_printf(c->out, " %d", y);
		} else {
			view_escape_html(c->out, s, n);
		}
		break;
	}
}

/* Escaped message text with {name} placeholders filled from the scope. */
static void emit_message(const struct ctx *c, const char *msg)
{
	const char *p = msg;
	while (*p) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		const char *s = open ? open + 1 : NULL;
		size_t n = close ? (size_t)(close - s) : 0;
		bool ok = n > 0;
		for (size_t i = 0; ok && i < n; i++)
			ok = name_char(s[i]);
		if (!ok) {
			/* not a placeholder: print through the brace and go on */
			size_t upto = open ? (size_t)(open - p) + 1 : strlen(p);
			view_escape_html(c->out, p, upto);
			p += upto;
			continue;
		}
		view_escape_html(c->out, p, (size_t)(open - p));
		view_value tmp;
		char num[32];
		emit(c, str_of(lookup(c, s, n, &tmp), num), F_HTML);
		p = close + 1;
	}
}

static void render(struct ctx *c, const node *n)
{
	for (; n; n = n->next) {
		view_value tmp, tmp2;
		char num[32], num2[32];
		const view_value *v;
		switch (n->kind) {
		case N_TEXT:
			buf_append(c->out, n->text, n->len);
			break;
		case N_VAR:
			emit(c, str_of(lookup(c, n->text, strlen(n->text), &tmp), num), n->filter);
			break;
		case N_IF: {
			v = lookup(c, n->text, strlen(n->text), &tmp);
			bool yes;
			if (n->cmp == C_TRUTHY) {
				yes = truthy(v);
			} else {
				const char *rhs = n->rhs_literal ? n->rhs
				                : str_of(lookup(c, n->rhs, strlen(n->rhs), &tmp2), num2);
				yes = (strcmp(str_of(v, num), rhs) == 0) == (n->cmp == C_EQ);
			}
			render(c, yes != n->negate ? n->body : n->alt);
			break;
		}
		case N_EACH: {
			v = lookup(c, n->text, strlen(n->text), &tmp);
			if (!v || v->kind != VIEW_LIST || !v->count) {
				render(c, n->alt);
				break;
			}
			size_t i = 0;
			for (const view_item *it = v->head; it; it = it->next, i++) {
				struct frame f = {it->v, i, it->next == NULL, c->top};
				c->top = &f;
				render(c, n->body);
				c->top = f.up;
			}
			break;
		}
		case N_WITH: {
			v = lookup(c, n->text, strlen(n->text), &tmp);
			if (!v || v->kind != VIEW_MAP) {
				render(c, n->alt);
				break;
			}
			struct frame f = {v, 0, true, c->top};
			c->top = &f;
			render(c, n->body);
			c->top = f.up;
			break;
		}
		case N_PARTIAL:
			if (c->depth >= MAX_DEPTH)
				break;
			c->depth++;
			render(c, n->partial->nodes);
			c->depth--;
			break;
		case N_TRANS:
			if (n->rhs) {
				view_value at;
				char digits[32];
				const char *count = str_of(lookup(c, n->rhs, strlen(n->rhs), &at), digits);
				emit_message(c, view_msg_n(c->set, c->lang, n->text, strtoll(count, NULL, 10)));
			} else {
				emit_message(c, message(c, n->text));
			}
			break;
		}
	}
}

int view_render(view_set *set, const char *name, view_value *scope, const char *lang, buf *out)
{
	const tmpl *t = find_tmpl(set, name);
	if (!t)
		return -1;
	struct ctx c = {set, lang, scope, NULL, NULL, out, 0};
	render(&c, t->nodes);
	return 0;
}

int view_render_page(view_set *set, const char *name, view_value *scope, const char *lang, buf *out)
{
	const tmpl *layout = find_tmpl(set, "layout");
	if (!layout || !view_has(set, name))
		return -1;
	buf body = BUF_INIT;
	view_render(set, name, scope, lang, &body);
	/* A map on the stack rather than a put into scope: the caller's tree
	 * stays untouched and nothing is allocated for it. */
	view_value content = {.kind = VIEW_STR};
	content.u.s = buf_cstr(&body);
	view_item item = {"content", &content, NULL};
	view_value page = {.kind = VIEW_MAP, .head = &item, .tail = &item, .count = 1};
	struct ctx c = {set, lang, scope, &page, NULL, out, 0};
	render(&c, layout->nodes);
	buf_free(&body);
	return 0;
}
