/* digest.c - one person's weekly digest of their coming meetings: texts from the templates, MIME, no calendar. */
#include "mail/digest.h"

#include <stdio.h>
#include <string.h>

#include "mail/mime.h"
#include "util/arena.h"

/* The text/plain part: the same lines as the HTML template, from the same catalogue. */
static void plain_text(view_set *v, const digest_doc *d, buf *out)
{
	buf_printf(out, "%s %s - %s\n\n", view_msg(v, d->lang, "mail.digest_intro"), d->week_from, d->week_to);
	if (!d->nitems)
		buf_printf(out, "%s\n", view_msg(v, d->lang, "mail.digest_none"));
	for (size_t i = 0; i < d->nitems; i++) {
		const digest_item *it = &d->items[i];
		buf_printf(out, "* %s %s (%s)  %s", it->date, it->time, it->tzid, it->title ? it->title : "");
		if (it->cancelled)
			buf_printf(out, "  [%s]", view_msg(v, d->lang, "mail.digest_cancelled"));
		else if (it->moved)
			buf_printf(out, "  [%s %s %s]", view_msg(v, d->lang, "mail.digest_moved"), it->was_date, it->was_time);
		buf_printf(out, "\n");
		if (it->location && *it->location && !it->cancelled)
			buf_printf(out, "  %s: %s\n", view_msg(v, d->lang, "mail.where"), it->location);
		buf_printf(out, "  %s/series/%lld\n", d->base_url, it->series_id);
	}
	if (d->cut)
		buf_printf(out, "\n%s\n", view_msg(v, d->lang, "mail.digest_cut"));
	if (d->nactions)
		buf_printf(out, "\n%s\n\n", view_msg(v, d->lang, "mail.digest_actions"));
	for (size_t i = 0; i < d->nactions; i++) {
		const digest_action *x = &d->actions[i];
		buf_printf(out, "* %s", x->what);
		if (x->due_on)
			buf_printf(out, "  [%s %s%s%s]", view_msg(v, d->lang, "mail.digest_due"), x->due_on,
			           x->overdue ? ", " : "", x->overdue ? view_msg(v, d->lang, "mail.digest_overdue") : "");
		buf_printf(out, "\n  %s %s, %s\n", view_msg(v, d->lang, "mail.digest_from"), x->meeting ? x->meeting : "",
		           x->meeting_on ? x->meeting_on : "");
	}
	if (d->actions_cut)
		buf_printf(out, "\n%s\n", view_msg(v, d->lang, "mail.digest_actions_cut"));
	buf_printf(out, "\n-- \n%s\n", view_msg(v, d->lang, "mail.digest_footer"));
}

int mail_compose_digest(view_set *views, const digest_doc *d, buf *out, char *err, size_t errlen)
{
	buf subject = BUF_INIT, text = BUF_INIT, html = BUF_INIT, mid = BUF_INIT;
	buf_printf(&subject, "%s: %s - %s", view_msg(views, d->lang, "mail.subject.digest"), d->week_from, d->week_to);
	arena a;
	arena_init(&a, 8192);
	view_value *scope = view_map_new(&a);
	view_put_str(scope, "lang", d->lang);
	view_put_str(scope, "subject", buf_cstr(&subject));
	view_put_str(scope, "week_from", d->week_from);
	view_put_str(scope, "week_to", d->week_to);
	view_put_bool(scope, "cut", d->cut);
	view_value *list = view_put_list(scope, "meetings");
	for (size_t i = 0; i < d->nitems; i++) {
		const digest_item *it = &d->items[i];
		view_value *m = view_push_map(list);
		char *page = arena_alloc(&a, strlen(d->base_url) + 32);
		sprintf(page, "%s/series/%lld", d->base_url, it->series_id);
		view_put_str(m, "date", it->date);
		view_put_str(m, "time", it->time);
		view_put_str(m, "tzid", it->tzid);
		view_put_str(m, "title", it->title);
		view_put_str(m, "location", it->location);
		view_put_str(m, "page", page);
		view_put_bool(m, "cancelled", it->cancelled);
		view_put_bool(m, "moved", it->moved);
		view_put_str(m, "was_date", it->was_date);
		view_put_str(m, "was_time", it->was_time);
	}
	view_value *acts = view_put_list(scope, "actions");
	for (size_t i = 0; i < d->nactions; i++) {
		const digest_action *x = &d->actions[i];
		view_value *m = view_push_map(acts);
		view_put_str(m, "what", x->what);
		view_put_str(m, "due_on", x->due_on);
		view_put_bool(m, "overdue", x->overdue);
		view_put_str(m, "meeting", x->meeting);
		view_put_str(m, "meeting_on", x->meeting_on);
	}
	view_put_bool(scope, "actions_cut", d->actions_cut);
	int rc = view_render(views, "mail/digest", scope, d->lang, &html);
	if (rc != 0)
		snprintf(err, errlen, "no template mail/digest");
	plain_text(views, d, &text);
	const char *at = strrchr(d->from, '@');
	buf_printf(&mid, "<%s@%s>", d->message_key, at && at[1] ? at + 1 : "memocal.invalid");
	mail_message m = {d->from, d->from_name, d->recipient, d->recipient_name, buf_cstr(&subject), buf_cstr(&mid),
	                  d->now, buf_cstr(&text), buf_cstr(&html), NULL, 0, "DIGEST"};
	if (rc == 0 && (rc = mail_message_build(&m, out)) != 0)
		snprintf(err, errlen, "an address cannot go in a header");
	arena_free(&a);
	buf_free(&subject);
	buf_free(&text);
	buf_free(&html);
	buf_free(&mid);
	return rc;
}
