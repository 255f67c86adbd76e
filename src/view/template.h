/* template.h - HTML templates: loaded and compiled once, rendered per request. */
#ifndef MEMOCAL_VIEW_TEMPLATE_H
#define MEMOCAL_VIEW_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "view/value.h"

typedef struct view_set view_set;

/*
 * Loads and compiles every *.html file below dir, recursively; a template's
 * name is its path relative to dir without ".html" ("layout",
 * "memoranda/list", "partials/nav"). Also loads every dir/messages/<lang>.txt
 * catalogue. On any error returns NULL and writes "path:line: what is wrong"
 * into err (always NUL-terminated when errlen > 0). The syntax is described
 * at the top of template.c.
 */
view_set *view_load(const char *dir, char *err, size_t errlen);
void view_free(view_set *set);

/* Appends the rendering of template name to out. lang ("en", "az") selects
 * the catalogue, falling back to "en", then to the key itself. Returns -1
 * only when the template does not exist; missing variables render empty. */
int view_render(view_set *set, const char *name, view_value *scope, const char *lang, buf *out);

/* Renders name, then template "layout" with the same scope plus "content"
 * holding that output (print it with {{ content | raw }}); appends the
 * result to out. -1 if either template is missing. */
int view_render_page(view_set *set, const char *name, view_value *scope, const char *lang, buf *out);

/* The catalogue text for key in lang (fallback "en", then key itself), for C
 * code that needs a message. Never NULL. */
const char *view_msg(view_set *set, const char *lang, const char *key);
/* The plural form ("one" or "other") of a count of n things in lang (en, az). */
const char *view_plural(const char *lang, long long n);
/* The message for n things: key.FORM, key.other or key, in lang's catalogue, then en's (the template's
 * {{t key count}}). */
const char *view_msg_n(view_set *set, const char *lang, const char *key, long long n);

bool view_has(view_set *set, const char *name);

#endif
