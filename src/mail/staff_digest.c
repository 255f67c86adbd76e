/* staff_digest.c - a staff account's weekly digest: memoranda in their notice period, overdue actions. */
#include "mail/staff_digest.h"

#include <stdio.h>
#include <string.h>

#include "mail/mime.h"
#include "util/arena.h"

void mail_fill_count(buf *out, const char *msg, const char *name, long long value)
{
	char ph[64];
	int len = snprintf(ph, sizeof ph, "{%s}", name);
	const char *at = len > 0 && (size_t)len < sizeof ph ? strstr(msg, ph) : NULL;
	while (at) {
		buf_append(out, msg, (size_t)(at - msg));
		buf_printf(out, "%lld", value);
		msg = at + len;
		at = strstr(msg, ph);
	}
	buf_printf(out, "%s", msg);
}

/* "key" in its plural form for n, with {name} filled */
static void count_msg(view_set *v, const char *lang, buf *out, const char *key, const char *name, long long n)
{
	mail_fill_count(out, view_msg_n(v, lang, key, n), name, n);
}

void mail_staff_digest_text(view_set *v, const staff_digest_doc *d, buf *out)
{
	const char *lang = d->lang;
	buf_printf(out, "%s %s\n\n%s\n\n", view_msg(v, lang, "mail.staff_intro"), d->today,
	           view_msg(v, lang, "mail.staff_memoranda"));
	if (!d->nmemoranda)
		buf_printf(out, "%s\n", view_msg(v, lang, "mail.staff_memoranda_none"));
	for (size_t i = 0; i < d->nmemoranda; i++) {
		const staff_memo_item *m = &d->memoranda[i];
		buf_printf(out, "* %s", m->title ? m->title : "");
		if (m->is_new)
			buf_printf(out, "  [%s]", view_msg(v, lang, "mail.staff_new"));
		buf_printf(out, "\n  %s %s, ", view_msg(v, lang, "mail.staff_expires"), m->valid_until);
		count_msg(v, lang, out, "mail.staff_days_left", "days", m->days_left);
		buf_printf(out, "\n  %s/memoranda/%lld\n", d->base_url, m->id);
	}
	if (d->memoranda_total > (long long)d->nmemoranda) {
		buf_printf(out, "\n");
		count_msg(v, lang, out, "mail.staff_memoranda_more", "memoranda_more",
		          d->memoranda_total - (long long)d->nmemoranda);
		buf_printf(out, "\n");
	}
	buf_printf(out, "\n%s\n\n", view_msg(v, lang, "mail.staff_actions"));
	if (!d->nactions)
		buf_printf(out, "%s\n", view_msg(v, lang, "mail.staff_actions_none"));
	for (size_t i = 0; i < d->nactions; i++) {
		const staff_action_item *x = &d->actions[i];
		buf_printf(out, "* %s  [%s %s]\n  %s: %s\n  %s %s, %s\n  %s%s\n", x->what ? x->what : "",
		           view_msg(v, lang, "mail.staff_due"), x->due_on, view_msg(v, lang, "mail.staff_owner"),
		           x->owner ? x->owner : "", view_msg(v, lang, "mail.staff_from"), x->meeting ? x->meeting : "",
		           x->meeting_on ? x->meeting_on : "", d->base_url, x->page);
	}
	if (d->actions_total > (long long)d->nactions) {
		buf_printf(out, "\n");
		count_msg(v, lang, out, "mail.staff_actions_more", "actions_more", d->actions_total - (long long)d->nactions);
		buf_printf(out, "\n");
	}
	buf_printf(out, "\n-- \n%s\n", view_msg(v, lang, "mail.staff_footer"));
}

int mail_staff_digest_html(view_set *views, const staff_digest_doc *d, const char *subject, buf *out)
{
	arena a;
	arena_init(&a, 8192);
	view_value *scope = view_map_new(&a);
	view_put_str(scope, "lang", d->lang);
	view_put_str(scope, "subject", subject);
	view_put_str(scope, "today", d->today);
	view_value *list = view_put_list(scope, "memoranda");
	for (size_t i = 0; i < d->nmemoranda; i++) {
		const staff_memo_item *m = &d->memoranda[i];
		view_value *it = view_push_map(list);
		char *page = arena_alloc(&a, strlen(d->base_url) + 40);
		sprintf(page, "%s/memoranda/%lld", d->base_url, m->id);
		view_put_str(it, "title", m->title);
		view_put_str(it, "valid_until", m->valid_until);
		view_put_int(it, "days", m->days_left);
		view_put_bool(it, "is_new", m->is_new);
		view_put_str(it, "page", page);
	}
	view_put_int(scope, "memoranda_more", d->memoranda_total - (long long)d->nmemoranda);
	list = view_put_list(scope, "actions");
	for (size_t i = 0; i < d->nactions; i++) {
		const staff_action_item *x = &d->actions[i];
		view_value *it = view_push_map(list);
		char *page = arena_alloc(&a, strlen(d->base_url) + strlen(x->page) + 1);
		sprintf(page, "%s%s", d->base_url, x->page);
		view_put_str(it, "what", x->what);
		view_put_str(it, "due_on", x->due_on);
		view_put_str(it, "owner", x->owner);
		view_put_str(it, "meeting", x->meeting);
		view_put_str(it, "meeting_on", x->meeting_on);
		view_put_str(it, "page", page);
	}
	view_put_int(scope, "actions_more", d->actions_total - (long long)d->nactions);
	int rc = view_render(views, "mail/staff_digest", scope, d->lang, out);
	arena_free(&a);
	return rc;
}

int mail_compose_staff_digest(view_set *views, const staff_digest_doc *d, buf *out, char *err, size_t errlen)
{
	buf subject = BUF_INIT, text = BUF_INIT, html = BUF_INIT, mid = BUF_INIT;
	buf_printf(&subject, "%s: %s", view_msg(views, d->lang, "mail.subject.staff"), d->today);
	int rc = mail_staff_digest_html(views, d, buf_cstr(&subject), &html);
	if (rc != 0)
		snprintf(err, errlen, "no template mail/staff_digest");
	mail_staff_digest_text(views, d, &text);
	const char *at = strrchr(d->from, '@');
	buf_printf(&mid, "<%s@%s>", d->message_key, at && at[1] ? at + 1 : "memocal.invalid");
	mail_message m = {d->from, d->from_name, d->recipient, d->recipient_name, buf_cstr(&subject), buf_cstr(&mid),
	                  d->now, buf_cstr(&text), buf_cstr(&html), NULL, 0, "STAFF"};
	if (rc == 0 && (rc = mail_message_build(&m, out)) != 0)
		snprintf(err, errlen, "an address cannot go in a header");
	buf_free(&subject);
	buf_free(&text);
	buf_free(&html);
	buf_free(&mid);
	return rc;
}
