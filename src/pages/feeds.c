/* feeds.c - the subscribers page and feed tokens in the staff UI. */
#include "pages/feeds.h"

#include <stdlib.h>
#include <string.h>

#include "cal/time.h"
#include "http/fields.h"
#include "pages/account.h"
#include "pages/app.h"
#include "pages/forms.h"
#include "pages/paging.h"
#include "pages/pick.h"
#include "pages/render.h"
#include "store/feeds.h"
#include "store/outbox.h"
#include "store/memoranda.h"
#include "store/organisations.h"
#include "store/sizes.h"
#include "util/date.h"
#include "util/secret.h"
#include "view/qr.h"

/* Google Calendar drops subscriptions over about 1 MB: warn well before. */
#define SIZE_WARNING (800L * 1024)
/* A staff member's own staff-feed addresses: at most this many live at once, this many listed. */
#define OWN_LIVE_MAX 5
#define OWN_LIST_MAX 20
/* How long the key to a new address's sealed secret lives in its maker's browser (migration 015). */
#define REVEAL_SECONDS 600

static const char *const langs[] = {"az", "en", NULL};

static const field_def fields[] = {
	{"label", FIELD_TEXT, true, 200, 0, NULL},
	{"scope", FIELD_TEXT, true, 40, 0, NULL},
	{"lang", FIELD_CHOICE, true, 0, 0, langs},
};
enum { F_LABEL, F_SCOPE, F_LANG, F__MAX };

int feeds_parse_scope(const char *text, const char **kind, long long *id)
{
	/* every deadline, the same for all staff (issue 16): no record of its own, id 0 */
	if (text && strcmp(text, "staff") == 0) {
		*kind = "staff";
		*id = 0;
		return 0;
	}
	static const char *const kinds[] = {"memorandum", "organisation", "person"};
	for (size_t i = 0; text && i < 3; i++) {
		size_t n = strlen(kinds[i]);
		if (strncmp(text, kinds[i], n) == 0 && text[n] == ':' && text[n + 1] && text[n + 1] != '0' &&
		    strlen(text + n + 1) <= 18 && strspn(text + n + 1, "0123456789") == strlen(text + n + 1)) {
			*kind = kinds[i];
			*id = strtoll(text + n + 1, NULL, 10);
			return 0;
		}
	}
	return -1;
}

static const char *text_in(bitext t, const char *lang)
{
	const char *mine = strcmp(lang, "az") == 0 ? t.az : t.en;
	return mine && *mine ? mine : (strcmp(lang, "az") == 0 ? t.en : t.az);
}

/* A timestamp from the database ("YYYY-MM-DD HH:MM:SS+00", the session's zone is UTC) as name_date and
 * name_time in the zone the other pages read times in, so a fetch reads like the agenda's times. */
static void put_local(http_ctx *c, view_value *m, const char *name, const char *stamp)
{
	cal_local utc;
	if (!stamp || strlen(stamp) < 19 || cal_parse_local(arena_strndup(c->a, stamp, 19), &utc) != 0)
		return;
	char text[20];
	cal_format_local(cal_utc_to_local(cal_local_to_utc(utc, "UTC"), viewer_zone(c)), text);
	view_put_str(m, arena_printf(c->a, "%s_date", name), arena_strndup(c->a, text, 10));
	view_put_str(m, arena_printf(c->a, "%s_time", name), arena_strndup(c->a, text + 11, 5));
}
/* The most attendees the subscribers page lists (by name); it says when there are more. */
#define REACH_LIMIT 500
/* addresses a page of the feeds list shows: revoked ones are kept, so the list only grows */
#define FEEDS_PAGE 200

int feeds_list(http_ctx *c)
{
	app *ap = app_of(c);
	feed_token *list;
	size_t n;
	long long after;
	int bad = page_after(c, &after);
	if (bad)
		return bad;
	/* a page at a time, and one more to know there is a next */
	if (store_feed_tokens(&ap->db, c->a, after, FEEDS_PAGE + 1, &list, &n) != 0)
		return page_store_error(c, &ap->db);
	bool more = n > FEEDS_PAGE;
	if (more)
		n = FEEDS_PAGE;
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "feeds.title");
	page_put_done(c, s);
	/* after a form sent twice: the first send made the address (feeds_create) */
	if (http_query(c, "replayed"))
		view_put_str(s, "message", page_msg(c, "feeds.replayed", 0));
	view_put_str(s, "tz", viewer_zone(c));
	view_value *items = view_put_list(s, "tokens");
	const staff_user *me = &visit_of(c)->user;
	for (size_t i = 0; i < n; i++) {
		feed_token *t = &list[i];
		view_value *m = view_push_map(items);
		view_put_int(m, "id", t->id);
		view_put_str(m, "label", t->label);
		view_put_str(m, "scope_kind", t->scope_kind);
		view_put_int(m, "scope_id", t->scope_id);
		view_put_str(m, "scope_name", t->scope_name.en ? text_in(t->scope_name, lang) : NULL);
		view_put_str(m, "scope_path", strcmp(t->scope_kind, "person") == 0 ? "people"
		                              : strcmp(t->scope_kind, "organisation") == 0 ? "organisations" : "memoranda");
		view_put_str(m, "lang", t->lang);
		view_put_str(m, "created_at", t->created_at);
		view_put_str(m, "created_by", t->created_by);
		view_put_bool(m, "revoked", t->revoked_at != NULL);
		view_put_str(m, "revoked_at", t->revoked_at);
		put_local(c, m, "revoked", t->revoked_at);
		/* a staff member's own address: when and with which app they read it is theirs and the admins' */
		if (strcmp(t->scope_kind, "staff") == 0 && me->role < ROLE_ADMIN &&
		    !(t->created_by && me->login && strcmp(t->created_by, me->login) == 0)) {
			view_put_bool(m, "private", true);
			continue;
		}
		view_put_str(m, "last_fetched_at", t->last_fetched_at);
		put_local(c, m, "last_fetched", t->last_fetched_at);
		view_put_str(m, "last_client", t->last_client);
		view_put_bool(m, "fetched", t->last_size >= 0);
		view_put_str(m, "size", t->last_size >= 0 ? arena_printf(c->a, "%.1f", (double)t->last_size / 1024) : NULL);
		view_put_bool(m, "large", t->last_size >= SIZE_WARNING);
		view_put_int(m, "fetches", t->fetches);
	}
	if (more)
		view_put_int(s, "next_after", list[n - 1].id);
	view_put_bool(s, "later_page", after != 0);
	/* how each attendee hears of a change: mail (migration 017), a feed of their own, both, neither */
	outbox_reach *reach;
	size_t nr;
	if (store_outbox_reach(&ap->db, c->a, REACH_LIMIT, &reach, &nr) != 0)
		return page_store_error(c, &ap->db);
	view_value *people = view_put_list(s, "attendees");
	for (size_t i = 0; i < nr; i++) {
		view_value *m = view_push_map(people);
		view_put_int(m, "id", reach[i].person_id);
		view_put_str(m, "name", text_in(reach[i].name, lang));
		view_put_str(m, "reach", reach[i].mail && reach[i].feed ? "both" : reach[i].mail ? "mail"
		                         : reach[i].feed ? "feed" : "none");
	}
	view_put_bool(s, "attendees_cut", nr == REACH_LIMIT);
	return page_render(c, "feeds/list", s);
}

static int form_page(http_ctx *c, int status, field_value *vals, const char *message_key)
{
	app *ap = app_of(c);
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "feeds.new");
	view_value *f = page_put_fields(c, s, "feeds", fields, vals, F__MAX);
	/* one choice for the scope: the staff's, and every memorandum, organisation and person while each kind is few
	 * enough to list (PICK_LISTED); past that, only the one chosen: the page of each links here with
	 * ?scope= */
	view_value *scope = view_get(f, "scope");
	view_put_str(scope, "type", "select");
	const char *chosen = vals[F_SCOPE].raw;
	memorandum_summary *memos = arena_alloc(c->a, sizeof *memos);
	organisation *orgs = arena_alloc(c->a, sizeof *orgs);
	person *people = NULL;
	store_sizes many;
	/* how many of each first: a kind past PICK_LISTED is not read, only the one chosen of it */
	if (store_sizes_up_to(&ap->db, c->a, PICK_LISTED + 1, &many) != 0)
		return page_store_error(c, &ap->db);
	size_t nm = (size_t)many.memoranda, no = (size_t)many.organisations, np = (size_t)many.people;
	if ((nm <= PICK_LISTED && store_memorandum_choices(&ap->db, c->a, PICK_LISTED + 1, &memos, &nm) != 0) ||
	    (no <= PICK_LISTED && store_org_options(&ap->db, c->a, PICK_LISTED + 1, &orgs, &no) != 0) ||
	    (np <= PICK_LISTED && store_person_choices(&ap->db, c->a, PICK_LISTED + 1, &people, &np) != 0))
		return page_store_error(c, &ap->db);
	long long one = 0;
	const char *colon = strchr(chosen, ':');
	if (colon)
		one = pick_id_of(colon + 1);
	bool unlisted = false;
	if (nm > PICK_LISTED) {
		unlisted = true;
		nm = 0;
		memorandum m;
		int found = one > 0 && strncmp(chosen, "memorandum:", 11) == 0
		                ? store_memorandum_get(&ap->db, c->a, one, &m) : 0;
		if (found < 0)
			return page_store_error(c, &ap->db);
		if (found) {
			memos[0] = (memorandum_summary){0};
			memos[0].id = m.id;
			memos[0].title = m.title;
			nm = 1;
		}
	}
	if (no > PICK_LISTED) {
		unlisted = true;
		no = 0;
		int found = one > 0 && strncmp(chosen, "organisation:", 13) == 0
		                ? store_org_get(&ap->db, c->a, one, &orgs[0]) : 0;
		if (found < 0)
			return page_store_error(c, &ap->db);
		no = found ? 1 : 0;
	}
	if (np > PICK_LISTED) {
		unlisted = true;
		np = 0;
		if (one > 0 && strncmp(chosen, "person:", 7) == 0 &&
		    store_person_names(&ap->db, c->a, &one, 1, &people, &np) != 0)
			return page_store_error(c, &ap->db);
	}
	view_put_bool(s, "scopes_unlisted", unlisted);
	page_add_option(scope, "", "—", !*chosen);
	page_add_option(scope, "staff", page_msg(c, "feeds.scope.staff", 0), strcmp(chosen, "staff") == 0);
	for (size_t i = 0; i < nm; i++) {
		const char *v = arena_printf(c->a, "memorandum:%lld", memos[i].id);
		page_add_option(scope, v, arena_printf(c->a, "%s: %s", page_msg(c, "feeds.scope.memorandum", 0),
		                                       text_in(memos[i].title, lang)), strcmp(v, chosen) == 0);
	}
	for (size_t i = 0; i < no; i++) {
		const char *v = arena_printf(c->a, "organisation:%lld", orgs[i].id);
		page_add_option(scope, v, arena_printf(c->a, "%s: %s", page_msg(c, "feeds.scope.organisation", 0),
		                                       text_in(orgs[i].name, lang)), strcmp(v, chosen) == 0);
	}
	for (size_t i = 0; i < np; i++) {
		const char *v = arena_printf(c->a, "person:%lld", people[i].id);
		page_add_option(scope, v, arena_printf(c->a, "%s: %s", page_msg(c, "feeds.scope.person", 0),
		                                       text_in(people[i].full_name, lang)), strcmp(v, chosen) == 0);
	}
	if (message_key)
		view_put_str(s, "message", page_msg(c, message_key, 0));
	int rc = page_render(c, "feeds/form", s);
	if (rc == 0)
		c->status = status;
	return rc;
}

int feeds_new(http_ctx *c)
{
	field_value vals[F__MAX];
	const char *raw[F__MAX] = {NULL, http_query(c, "scope"), "az"};
	page_fill_fields(fields, F__MAX, raw, vals);
	return form_page(c, 200, vals, NULL);
}

/*
 * Makes a feed address: 256 random bits, shown once; only their hash is kept. The secret goes to the page
 * that shows it (after the redirect) sealed in the database under a key only this browser gets (a cookie
 * set here): never in clear at rest, never in a URL that nginx would log. Not on a replayed form, whose
 * first send made the address.
 */
static enum change_result make_token(http_ctx *c, const char *kind, long long id, const char *lang,
                                     const char *label, long long *tid)
{
	app *ap = app_of(c);
	const char *secret = secret_token(c->a, 32);
	const char *reveal_key = secret_token(c->a, 32);
	actor who = app_actor(c);
	enum change_result res = store_feed_token_create(&ap->db, c->a, &who, secret_hash_hex(c->a, secret), kind, id, lang,
	                                                 label, secret_hash_hex(c->a, reveal_key),
	                                                 secret_seal(c->a, reveal_key, secret), tid);
	if (res == CHANGE_DONE && !ap->db.replayed) {
		buf set = BUF_INIT;
		cookie_format(&set, arena_printf(c->a, "memocal_reveal_%lld", *tid), reveal_key, REVEAL_SECONDS, c->https);
		http_header(c, "Set-Cookie", buf_cstr(&set));
		buf_free(&set);
	}
	return res;
}

int feeds_create(http_ctx *c)
{
	app *ap = app_of(c);
	field_value v[F__MAX];
	fields_check(c->a, &c->body, fields, F__MAX, v);
	const char *kind = NULL;
	long long id = 0;
	bitext name = {NULL, NULL};
	if (v[F_SCOPE].value && feeds_parse_scope(v[F_SCOPE].value, &kind, &id) != 0)
		v[F_SCOPE].error = "invalid.choice";
	else if (kind) {
		int found = store_feed_scope_name(&ap->db, c->a, kind, id, &name);
		if (found < 0)
			return page_store_error(c, &ap->db);
		if (!found)
			v[F_SCOPE].error = "invalid.choice";
	}
	for (int i = 0; i < F__MAX; i++)
		if (v[i].error)
			return form_page(c, 422, v, "form.invalid");
	long long tid;
	if (make_token(c, kind, id, v[F_LANG].value, v[F_LABEL].value, &tid) != CHANGE_DONE) {
		const char *msg;
		int status = page_save_failed(c, &ap->db, "/feeds", &msg);
		return form_page(c, status, v, msg);
	}
	/* after a form sent twice the first send made the address, and its secret cannot be shown again */
	http_redirect(c, 303, ap->db.replayed ? "/feeds?replayed=1" : arena_printf(c->a, "/feeds/%lld/subscribe", tid));
	return 0;
}

/* The secret of token id if this browser holds the key to its sealed copy, taking that copy (so it is
 * shown once) and clearing the cookie; NULL otherwise. -1 in *failed on a database error. */
static const char *take_secret(http_ctx *c, long long id, int *failed)
{
	app *ap = app_of(c);
	const char *name = arena_printf(c->a, "memocal_reveal_%lld", id);
	const char *key = cookie_get(&c->cookies, name);
	*failed = 0;
	if (!key)
		return NULL;
	buf set = BUF_INIT;
	cookie_format(&set, name, "", 0, c->https);
	http_header(c, "Set-Cookie", buf_cstr(&set));
	buf_free(&set);
	if (strlen(key) != 43)
		return NULL;
	const char *sealed;
	int got = store_feed_reveal_take(&ap->db, c->a, id, visit_of(c)->user.id, secret_hash_hex(c->a, key), &sealed);
	if (got < 0)
		*failed = 1;
	return got > 0 ? secret_unseal(c->a, key, sealed) : NULL;
}

/* The calendar apps the subscribe page explains, each with its steps (subscribe.ID.1 ... .N in the
 * catalogues), its name (subscribe.ID) and how often it fetches (subscribe.ID.refresh, {n}: the
 * minutes the feed itself suggests). Each step is also drawn (templates/feeds/illustration.html): a
 * window titled with the app's own name, and per step a numbered button with what to choose in the app
 * (subscribe.ID.ui.K, the app's own words, which the step quotes). */
static const struct {
	const char *id;
	int steps;
	const char *window; /* the app's name on its window: a brand, the same in every language */
	bool phone;         /* drawn as a phone, not a window */
} apps[] = {
	{"google", 3, "Google Calendar", false}, {"outlook_web", 2, "Outlook", false},
	{"outlook", 3, "Outlook", false},        {"apple_mac", 3, "Calendar", false},
	{"iphone", 3, "iPhone", true},           {"thunderbird", 3, "Thunderbird", false},
};

/* The drawing's geometry (SVG user units): a title bar, then one row per step. */
#define SHOT_WIDTH 320
#define SHOT_BAR 30
#define SHOT_ROW 30

static void put_apps(http_ctx *c, view_value *s, long refresh)
{
	view_value *list = view_put_list(s, "apps");
	for (size_t i = 0; i < sizeof apps / sizeof apps[0]; i++) {
		view_value *m = view_push_map(list);
		view_put_str(m, "id", apps[i].id);
		view_put_str(m, "name", page_msg(c, arena_printf(c->a, "subscribe.%s", apps[i].id), 0));
		view_put_str(m, "refresh", page_msg(c, arena_printf(c->a, "subscribe.%s.refresh", apps[i].id), refresh));
		view_value *steps = view_put_list(m, "steps");
		for (int k = 1; k <= apps[i].steps; k++)
			view_push(steps, view_str(c->a, page_msg(c, arena_printf(c->a, "subscribe.%s.%d", apps[i].id, k), 0)));
		view_put_str(m, "window", apps[i].window);
		view_put_bool(m, "phone", apps[i].phone);
		int width = apps[i].phone ? SHOT_WIDTH * 3 / 4 : SHOT_WIDTH;
		int height = SHOT_BAR + apps[i].steps * SHOT_ROW + 12;
		view_put_int(m, "width", width);
		view_put_int(m, "height", height);
		view_put_int(m, "inner_height", height - 2);
		view_put_int(m, "inner_width", width - 2);
		view_put_int(m, "middle", width / 2);
		view_put_int(m, "button_width", width - 56);
		view_value *ui = view_put_list(m, "ui");
		for (int k = 1; k <= apps[i].steps; k++) {
			view_value *u = view_push_map(ui);
			view_put_int(u, "n", k);
			view_put_int(u, "y", SHOT_BAR + 6 + (k - 1) * SHOT_ROW);
			view_put_str(u, "label", page_msg(c, arena_printf(c->a, "subscribe.%s.ui.%d", apps[i].id, k), 0));
			view_put_bool(u, "last", k == apps[i].steps);
		}
	}
}

/* A staff member's own address of the staff feed (made on /account): theirs to see and revoke. */
static bool own_staff_token(http_ctx *c, const feed_token *t)
{
	const char *login = visit_of(c)->user.login;
	return strcmp(t->scope_kind, "staff") == 0 && t->created_by && login && strcmp(t->created_by, login) == 0;
}

/* The token of the path's {id}: 1, or 0 having set 404 (none; with own, none of this person's own), or -1. */
static int path_token(http_ctx *c, bool own, feed_token *t)
{
	app *ap = app_of(c);
	int found = store_feed_token_get(&ap->db, c->a, http_param_int(c, "id"), t);
	if (found > 0 && own && !own_staff_token(c, t))
		found = 0;
	if (found == 0)
		c->error_key = "error.not_found";
	return found;
}

static int subscribe_page(http_ctx *c, bool own)
{
	app *ap = app_of(c);
	feed_token t;
	int found = path_token(c, own, &t);
	if (found <= 0)
		return found < 0 ? page_store_error(c, &ap->db) : 404;
	int failed;
	const char *secret = take_secret(c, t.id, &failed);
	if (failed)
		return page_store_error(c, &ap->db);
	const char *lang = lang_code(c->lang);
	view_value *s = page_scope(c, "subscribe.title");
	view_put_bool(s, "own", own); /* its links go back to /account, not to the admin's list */
	view_put_int(s, "id", t.id);
	view_put_str(s, "label", t.label);
	view_put_str(s, "scope_kind_label", page_msg(c, arena_printf(c->a, "feeds.scope.%s", t.scope_kind), 0));
	view_put_str(s, "scope_name", t.scope_name.en ? text_in(t.scope_name, lang) : NULL);
	view_put_str(s, "feed_lang_name", page_msg(c, arena_printf(c->a, "feeds.lang.%s", t.lang), 0));
	view_put_str(s, "scope_value", strcmp(t.scope_kind, "staff") == 0 ? "staff"
	                                                                   : arena_printf(c->a, "%s:%lld", t.scope_kind, t.scope_id));
	view_put_bool(s, "revoked", t.revoked_at != NULL);
	view_put_int(s, "past_days", ap->cfg->feed_past_days);
	view_put_int(s, "refresh", ap->cfg->feed_refresh_minutes);
	put_apps(c, s, ap->cfg->feed_refresh_minutes);
	if (secret && !t.revoked_at) {
		const char *base = ap->cfg->base_url;
		const char *host = strstr(base, "://") ? strstr(base, "://") + 3 : base;
		const char *webcal = arena_printf(c->a, "webcal://%s/feeds/%s.ics", host, secret);
		int size;
		view_put_str(s, "https_url", arena_printf(c->a, "%s/feeds/%s.ics", base, secret));
		view_put_str(s, "webcal_url", webcal);
		/* the webcal address: a phone's camera offers to subscribe to it (iPhone) */
		view_put_str(s, "qr_path", view_qr_path(c->a, webcal, &size));
		view_put_int(s, "qr_size", size);
	}
	int rc = page_render(c, "feeds/subscribe", s);
	/* the secret is in this page and nowhere else: keep it out of every cache (and the back button's) */
	http_header(c, "Cache-Control", "no-store");
	return rc;
}

int feeds_subscribe(http_ctx *c)
{
	return subscribe_page(c, false);
}

int feeds_own_subscribe(http_ctx *c)
{
	return subscribe_page(c, true);
}

static int revoke(http_ctx *c, const char *back)
{
	app *ap = app_of(c);
	actor who = app_actor(c);
	switch (store_feed_token_revoke(&ap->db, c->a, &who, http_param_int(c, "id"))) {
	case CHANGE_DONE:
	case CHANGE_STALE: /* revoked already: the same outcome */
		http_redirect(c, 303, page_done_url(c, back, "feed_revoked"));
		return 0;
	case CHANGE_GONE:
		c->error_key = "error.not_found";
		return 404;
	case CHANGE_ERROR:
		break;
	}
	return page_store_error(c, &ap->db);
}

int feeds_revoke(http_ctx *c)
{
	return revoke(c, "/feeds");
}

int feeds_own_revoke(http_ctx *c)
{
	feed_token t;
	int found = path_token(c, true, &t);
	if (found <= 0)
		return found < 0 ? page_store_error(c, &app_of(c)->db) : 404;
	return revoke(c, "/account");
}

/* ---- a staff member's own addresses of the staff feed (issue 16, item 5), on /account ---- */

int feeds_put_own(http_ctx *c, view_value *s)
{
	app *ap = app_of(c);
	feed_token *list;
	size_t n;
	if (store_feed_tokens_own(&ap->db, c->a, visit_of(c)->user.login, OWN_LIST_MAX, &list, &n) != 0)
		return -1;
	view_value *l = view_put_list(s, "own_feeds");
	size_t live = 0;
	for (size_t i = 0; i < n; i++) {
		view_value *m = view_push_map(l);
		view_put_int(m, "id", list[i].id);
		view_put_str(m, "label", list[i].label);
		view_put_str(m, "lang_name", page_msg(c, arena_printf(c->a, "feeds.lang.%s", list[i].lang), 0));
		put_local(c, m, "created", list[i].created_at);
		put_local(c, m, "last_fetched", list[i].last_fetched_at);
		put_local(c, m, "revoked", list[i].revoked_at);
		view_put_bool(m, "revoked", list[i].revoked_at != NULL);
		live += list[i].revoked_at == NULL;
	}
	view_put_bool(s, "own_feed_room", live < OWN_LIVE_MAX);
	view_put_int(s, "own_live_max", OWN_LIVE_MAX);
	return 0;
}

/* POST /account/feeds/new: an address of the staff feed for the one who asks, in the language they chose. */
int feeds_own_create(http_ctx *c)
{
	app *ap = app_of(c);
	const char *lang = form_get(&c->body, "lang");
	if (!lang || (strcmp(lang, "en") != 0 && strcmp(lang, "az") != 0)) {
		c->error_key = "account.feed_lang";
		c->error_field = "lang";
		return 422;
	}
	feed_token *list;
	size_t n, live = 0;
	if (store_feed_tokens_own(&ap->db, c->a, visit_of(c)->user.login, OWN_LIST_MAX, &list, &n) != 0)
		return page_store_error(c, &ap->db);
	for (size_t i = 0; i < n; i++)
		live += list[i].revoked_at == NULL;
	/* a few devices' worth; more would be addresses forgotten rather than used */
	if (live >= OWN_LIVE_MAX) {
		c->error_key = "account.feed_too_many";
		return 409;
	}
	const char *label = arena_printf(c->a, "%s (%s)", page_msg(c, "account.feed_label", 0), visit_of(c)->user.login);
	long long tid;
	switch (make_token(c, "staff", 0, lang, label, &tid)) {
	case CHANGE_DONE:
		http_redirect(c, 303, ap->db.replayed ? page_done_url(c, "/account", "feed_replayed")
		                                      : arena_printf(c->a, "/account/feeds/%lld/subscribe", tid));
		return 0;
	default:
		return page_store_error(c, &ap->db);
	}
}
