/* template/fuzz.c - libFuzzer harness: every template rendered with hostile values. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "fuzz.h"

#include <dirent.h>
#include <sys/stat.h>

#include "view/template.h"
#include "view/value.h"

#ifndef MEMOCAL_FUZZ_TEMPLATES
#define MEMOCAL_FUZZ_TEMPLATES "templates"
#endif

#define MAX_NAMES 1024

static view_set *views;
static char *templates[256]; /* names, as view_render takes them */
static size_t ntemplates;
/* every name a template or a message reads, and how: a plain value, an {{#each}} list, a {{#with}} map */
enum use { USE_VALUE, USE_LIST, USE_MAP };
static struct {
	char *name;
	enum use use;
} names[MAX_NAMES];
static size_t nnames;

static void add_name(const char *s, size_t n, enum use use)
{
	if (!n || s[0] == '@' || s[0] == '.' || (n == 4 && memcmp(s, "else", 4) == 0))
		return;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.", s[i]))
			return;
	for (size_t i = 0; i < nnames; i++)
		if (strlen(names[i].name) == n && memcmp(names[i].name, s, n) == 0) {
			if (use != USE_VALUE)
				names[i].use = use;
			return;
		}
	if (nnames < MAX_NAMES) {
		names[nnames].name = fuzz_strndup(s, n);
		names[nnames].use = use;
		nnames++;
	}
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	char *s = fuzz_strndup(buf_cstr(&b), b.len);
	buf_free(&b);
	return s;
}

/* The names one template reads: the words inside its tags that are not keywords, filters or partials. */
static void scan_template(const char *text)
{
	for (const char *p = strstr(text, "{{"); p; p = strstr(p, "{{")) {
		p += 2;
		const char *end = strstr(p, "}}");
		if (!end)
			return;
		enum use use = USE_VALUE;
		if (*p == '!' || *p == '>' || *p == '/' || (p[0] == 't' && p[1] == ' ')) {
			p = end;
			continue;
		}
		if (strncmp(p, "#each", 5) == 0)
			use = USE_LIST;
		else if (strncmp(p, "#with", 5) == 0)
			use = USE_MAP;
		if (*p == '#')
			while (p < end && *p != ' ')
				p++;
		while (p < end) {
			bool filter = false; /* the word after "|" names a filter */
			while (p < end && (*p == ' ' || *p == '|' || *p == '=' || *p == '!'))
				filter |= *p++ == '|';
			const char *w = p;
			if (*p == '"') { /* a literal */
				const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
				p = q ? q + 1 : end;
				continue;
			}
			while (p < end && *p != ' ' && *p != '|')
				p++;
			if (!filter)
				add_name(w, (size_t)(p - w), use);
			use = USE_VALUE;
		}
		p = end;
	}
}

static void scan_dir(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096], name[512];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) != 0)
			continue;
		size_t l = strlen(e->d_name);
		if (S_ISDIR(st.st_mode)) {
			snprintf(name, sizeof name, "%s%s/", prefix, e->d_name);
			scan_dir(path, name);
		} else if (l > 5 && strcmp(e->d_name + l - 5, ".html") == 0 && ntemplates < 256) {
			snprintf(name, sizeof name, "%s%.*s", prefix, (int)(l - 5), e->d_name);
			templates[ntemplates++] = fuzz_strndup(name, strlen(name));
			char *text = slurp(path);
			if (text)
				scan_template(text);
			free(text);
		} else if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
			/* a catalogue: {name} in a message is looked up like a template's name */
			char *text = slurp(path);
			for (const char *p = text ? strchr(text, '{') : NULL; p; p = strchr(p + 1, '{')) {
				const char *q = strchr(p, '}');
				if (q)
					add_name(p + 1, (size_t)(q - p - 1), USE_VALUE);
			}
			free(text);
		}
	}
	closedir(d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("MEMOCAL_TEMPLATE_DIR");
	if (!dir || !*dir)
		dir = MEMOCAL_FUZZ_TEMPLATES;
	char err[512];
	views = view_load(dir, err, sizeof err);
	if (!views) {
		fprintf(stderr, "template harness: %s (set MEMOCAL_TEMPLATE_DIR)\n", err);
		exit(1);
	}
	scan_dir(dir, "");
	if (ntemplates == 0) {
		fprintf(stderr, "template harness: no templates in %s\n", dir);
		exit(1);
	}
	return 0;
}

/* The map at a dotted path below root, made as needed; a numeric segment is an index into a list. */
static view_value *walk(arena *a, view_value *root, const char *path, size_t n, const char **leaf, size_t *leaf_len)
{
	view_value *at = root;
	for (;;) {
		const char *dot = memchr(path, '.', n);
		if (!dot) {
			*leaf = path;
			*leaf_len = n;
			return at;
		}
		size_t l = (size_t)(dot - path);
		char *seg = arena_memdup(a, path, l);
		n -= l + 1;
		path = dot + 1;
		const char *nextdot = memchr(path, '.', n);
		size_t nl = nextdot ? (size_t)(nextdot - path) : n;
		bool index = nl > 0 && strspn(path, "0123456789") >= nl && nl < 3;
		view_value *child = view_get(at, seg);
		if (index) {
			if (!child || child->kind != VIEW_LIST)
				child = view_put_list(at, seg);
			size_t want = (size_t)atoi(arena_memdup(a, path, nl));
			while (child->count <= want)
				view_push_map(child);
			view_item *it = child->head;
			for (size_t i = 0; i < want; i++)
				it = it->next;
			at = it->v;
			n -= nextdot ? nl + 1 : nl;
			path += nextdot ? nl + 1 : nl;
			if (!nextdot) {
				*leaf = NULL;
				*leaf_len = 0;
				return at;
			}
		} else {
			if (!child || child->kind != VIEW_MAP)
				child = view_put_map(at, seg);
			at = child;
		}
	}
}

static void set(arena *a, view_value *root, const char *path, size_t n, view_value *v)
{
	const char *leaf;
	size_t leaf_len;
	view_value *m = walk(a, root, path, n, &leaf, &leaf_len);
	if (leaf && leaf_len)
		view_put(m, arena_memdup(a, leaf, leaf_len), v);
}

/* The value with every character HTML gives a meaning to replaced by a letter (clean), or as it is. */
static const char *value_of(arena *a, const char *s, size_t n, bool clean)
{
	char *v = arena_memdup(a, s, n);
	if (clean)
		for (char *p = v; *p; p++)
			switch (*p) {
			case '<': *p = 'L'; break;
			case '>': *p = 'G'; break;
			case '"': *p = 'Q'; break;
			case '\'': *p = 'A'; break;
			case '&': *p = 'M'; break;
			default: break;
			}
	return v;
}

/* The scope the lines describe (see below). */
static view_value *scope_of(arena *a, fuzz_lines in, bool clean)
{
	view_value *root = view_map_new(a);
	const char *l;
	size_t n;
	while (fuzz_line(&in, &l, &n)) {
		const char *eq = memchr(l, '=', n);
		if (!eq)
			continue;
		size_t klen = (size_t)(eq - l);
		const char *val = value_of(a, eq + 1, n - klen - 1, clean);
		char kind = klen ? l[klen - 1] : 0;
		if (kind == '#' || kind == '!')
			klen--;
		/* the name as set() will store it: a NUL ends it (found by the long run: "content\0pt" became "content") */
		size_t kname = strnlen(l, klen);
		if (kname >= 7 && memcmp(l, "content", 7) == 0 && (kname == 7 || l[7] == '.'))
			continue;
		view_value *v = kind == '#' ? view_int(a, strtoll(val, NULL, 10))
		              : kind == '!' ? view_bool(a, *val != '\0')
		                            : view_str(a, val);
		if (klen == 1 && l[0] == '*') {
			for (size_t i = 0; i < nnames; i++) {
				const char *nm = names[i].name;
				if (strncmp(nm, "content", 7) == 0 && (nm[7] == '\0' || nm[7] == '.'))
					continue;
				view_value *x = v;
				if (names[i].use == USE_LIST) {
					x = view_list_new(a);
					view_push_map(x);
					view_push_map(x);
				} else if (names[i].use == USE_MAP) {
					x = view_map_new(a);
				}
				set(a, root, nm, strlen(nm), x);
			}
		} else {
			set(a, root, l, klen, v);
		}
	}
	return root;
}

static void render(const char *name, view_value *root, const char *lang, buf *out)
{
	bool partial = strncmp(name, "partials/", 9) == 0 || strcmp(name, "layout") == 0;
	int rc = partial ? view_render(views, name, root, lang, out) : view_render_page(views, name, root, lang, out);
	FUZZ_CHECK(rc == 0, "%s did not render", name);
	FUZZ_CHECK(utf8_valid(out->data ? out->data : "", out->len), "%s: output is not UTF-8", name);
	FUZZ_CHECK(strlen(buf_cstr(out)) == out->len, "%s: a NUL in the output", name);
}

/* How many of c the text holds. */
static size_t count(const buf *b, char c)
{
	size_t k = 0;
	for (size_t i = 0; i < b->len; i++)
		k += b->data[i] == c;
	return k;
}

/*
 * The input is lines. The first names the template (any other text picks one by its bytes), the second
 * the language; then "path=value" (a string), "path#=123" (a number), "path!=x" (true when x is not
 * empty), or "*=value": every name any template reads, with lists of two items for {{#each}} and maps for
 * {{#with}}, so that value reaches every tag. Paths are dotted; a numeric segment indexes a list.
 * "content" is left alone: it is the layout's {{ content | raw }}, which only ever holds rendered HTML.
 *
 * The template is rendered twice: with the values as they are, and with < > " ' & in them replaced by
 * letters. Every value is escaped, so the raw < > " ' of the output are the template's own and must be
 * as many both times: one more means a value got out of its text or attribute.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_lines in = fuzz_lines_of(data, size);
	const char *l;
	size_t n;
	if (!fuzz_line(&in, &l, &n))
		return 0;
	const char *name = NULL;
	unsigned h = 0;
	for (size_t i = 0; i < n; i++)
		h = h * 31 + (unsigned char)l[i];
	for (size_t i = 0; i < ntemplates && !name; i++)
		if (strlen(templates[i]) == n && memcmp(templates[i], l, n) == 0)
			name = templates[i];
	if (!name)
		name = templates[h % ntemplates];
	char lang[8] = "en";
	if (fuzz_line(&in, &l, &n))
		snprintf(lang, sizeof lang, "%.*s", (int)(n < 7 ? n : 7), l);

	arena a;
	arena_init(&a, 4096);
	buf out = BUF_INIT, clean = BUF_INIT;
	render(name, scope_of(&a, in, false), lang, &out);
	render(name, scope_of(&a, in, true), lang, &clean);
	for (const char *c = "<>\"'"; *c; c++)
		FUZZ_CHECK(count(&out, *c) == count(&clean, *c), "%s: %zu raw %c, %zu with clean values:\n%s", name,
		           count(&out, *c), *c, count(&clean, *c), buf_cstr(&out));
	buf_free(&out);
	buf_free(&clean);
	arena_free(&a);
	return 0;
}
