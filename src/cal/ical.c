/* ical.c - building a subscription feed (an RFC 5545 calendar) from stored series, with libical. */
#include "cal/ical.h"
#include "cal/ical_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "cal/exceptions.h"
#include "cal/time.h"
#include "util/buf.h"

static const char *pick(bitext t, const char *lang)
{
	const char *mine = strcmp(lang, "az") == 0 ? t.az : t.en, *other = strcmp(lang, "az") == 0 ? t.en : t.az;
	return mine && *mine ? mine : other;
}

/* "YYYY-MM-DD HH:MM:SS" (local, no zone) into a floating icaltime; all-day: a DATE. */
static struct icaltimetype local_time(const char *s, bool date)
{
	struct icaltimetype t = icaltime_null_time();
	cal_local l;
	if (cal_parse_local(s, &l) != 0)
		return t;
	t.year = l.year;
	t.month = l.month;
	t.day = l.day;
	if (date) {
		t.is_date = 1;
	} else {
		t.hour = l.hour;
		t.minute = l.minute;
		t.second = l.second;
	}
	return t;
}

/* A timestamptz as PostgreSQL prints it in UTC ("…+00") into a UTC icaltime. */
static struct icaltimetype utc_time(const char *s)
{
	struct icaltimetype t = icaltime_null_time();
	cal_local l;
	char head[20];
	/* "2026-11-26 21:46:29.756756+00": the seconds are enough */
	snprintf(head, sizeof head, "%s", s ? s : "");
	if (!s || cal_parse_local(head, &l) != 0)
		return icaltime_from_timet_with_zone(0, 0, icaltimezone_get_utc_timezone());
	t.year = l.year;
	t.month = l.month;
	t.day = l.day;
	t.hour = l.hour;
	t.minute = l.minute;
	t.second = l.second;
	t.zone = icaltimezone_get_utc_timezone();
	return t;
}

/* A DTSTART/DTEND/RDATE/EXDATE/RECURRENCE-ID in the series zone: TZID written by hand, plain "Asia/Baku"
 * (libical's own TZIDs carry a prefix clients do not know); UTC as "Z". */
static void zoned(icalproperty *p, const char *tzid, bool date)
{
	if (!date && strcmp(tzid, "UTC") != 0)
		icalproperty_add_parameter(p, icalparameter_new_tzid(tzid));
}

static struct icaltimetype in_zone(const char *local, const char *tzid, bool date)
{
	struct icaltimetype t = local_time(local, date);
	if (!date && strcmp(tzid, "UTC") == 0)
		t.zone = icaltimezone_get_utc_timezone();
	return t;
}

/* Whether an observance of libical's built-in zone is its end marker: libical 3.0 turns the tzfile into
 * observances and closes a zone without rules with a block that starts at the last second of 32-bit time
 * (2038-01-19 03:14:07 UTC) and changes nothing. Clients need not see it: the zone's real rules only. */
static bool end_marker(icalcomponent *obs)
{
	icalproperty *dt = icalcomponent_get_first_property(obs, ICAL_DTSTART_PROPERTY);
	icalproperty *from = icalcomponent_get_first_property(obs, ICAL_TZOFFSETFROM_PROPERTY);
	icalproperty *to = icalcomponent_get_first_property(obs, ICAL_TZOFFSETTO_PROPERTY);
	if (!dt || !from || !to || icalcomponent_get_first_property(obs, ICAL_RRULE_PROPERTY) ||
	    icalcomponent_get_first_property(obs, ICAL_RDATE_PROPERTY))
		return false;
	struct icaltimetype t = icalproperty_get_dtstart(dt);
	cal_local l = {t.year, t.month, t.day, t.hour, t.minute, t.second};
	long long onset = cal_local_wall(l) - icalproperty_get_tzoffsetfrom(from);
	return onset == 2147483647LL && icalproperty_get_tzoffsetfrom(from) == icalproperty_get_tzoffsetto(to);
}

/* A zone's VTIMEZONE, cloned from libical's system zone with its TZID made plain; NULL when tzdata has none.
 * The caller owns it. */
static icalcomponent *zone_component(const char *tzid)
{
	icaltimezone *z = icaltimezone_get_builtin_timezone(tzid);
	icalcomponent *zc = z ? icaltimezone_get_component(z) : NULL;
	if (!zc)
		return NULL;
	icalcomponent *copy = icalcomponent_new_clone(zc);
	for (icalcomponent *obs = icalcomponent_get_first_component(copy, ICAL_ANY_COMPONENT), *next; obs; obs = next) {
		next = icalcomponent_get_next_component(copy, ICAL_ANY_COMPONENT);
		if (end_marker(obs)) {
			icalcomponent_remove_component(copy, obs);
			icalcomponent_free(obs);
		}
	}
	icalproperty *p = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY);
	if (p)
		icalproperty_set_tzid(p, tzid);
	return copy;
}

/* The zones the feed's timed series use, each once, in order of first use (UTC needs none): into zones (room for
 * nseries), their number returned. */
static size_t zones_used(const feed_doc *d, const char **zones)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nseries; i++) {
		const char *tzid = d->series[i].tzid;
		if (d->series[i].all_day || strcmp(tzid, "UTC") == 0)
			continue;
		size_t k = 0;
		while (k < n && strcmp(zones[k], tzid) != 0)
			k++;
		if (k == n)
			zones[n++] = tzid;
	}
	return n;
}

static icalparameter_role role_of(const char *r)
{
	return strcmp(r, "chair") == 0 ? ICAL_ROLE_CHAIR
	     : strcmp(r, "optional") == 0 ? ICAL_ROLE_OPTPARTICIPANT : ICAL_ROLE_REQPARTICIPANT;
}

static icalparameter_partstat partstat_of(const char *p)
{
	return strcmp(p, "accepted") == 0 ? ICAL_PARTSTAT_ACCEPTED
	     : strcmp(p, "declined") == 0 ? ICAL_PARTSTAT_DECLINED
	     : strcmp(p, "tentative") == 0 ? ICAL_PARTSTAT_TENTATIVE : ICAL_PARTSTAT_NEEDSACTION;
}

static icalproperty_status status_of(const char *s)
{
	return strcmp(s, "cancelled") == 0 ? ICAL_STATUS_CANCELLED
	     : strcmp(s, "tentative") == 0 ? ICAL_STATUS_TENTATIVE : ICAL_STATUS_CONFIRMED;
}

/* A calendar address for someone who may have no e-mail: mailto: when known, else a stable URN.
 * Into out (reset first), as long as the address is: an imported e-mail is not cut. */
static const char *address(buf *out, const attendee *a, long long series_id, size_t index)
{
	buf_reset(out);
	if (a->email && *a->email)
		buf_printf(out, "mailto:%s", a->email);
	else if (a->person_id)
		buf_printf(out, "urn:memocal:person:%lld", a->person_id);
	else
		buf_printf(out, "urn:memocal:group:%lld-%zu", series_id, index);
	return buf_cstr(out);
}

static void add_people(icalcomponent *ev, const series *s, const char *lang)
{
	buf addr = BUF_INIT;
	for (size_t i = 0; i < s->nattendees; i++) {
		const attendee *a = &s->attendees[i];
		const char *cn = pick(a->name, lang);
		icalproperty *p = icalproperty_new_attendee(address(&addr, a, s->id, i));
		if (cn)
			icalproperty_add_parameter(p, icalparameter_new_cn(cn));
		icalproperty_add_parameter(p, icalparameter_new_role(role_of(a->role)));
		icalproperty_add_parameter(p, icalparameter_new_partstat(partstat_of(a->partstat)));
		icalproperty_add_parameter(p, icalparameter_new_cutype(a->person_id ? ICAL_CUTYPE_INDIVIDUAL
		                                                                  : ICAL_CUTYPE_GROUP));
		icalcomponent_add_property(ev, p);
		if (strcmp(a->role, "chair") == 0 && !icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY)) {
			/* the chair organises; RFC 5545 wants ORGANIZER beside ATTENDEEs */
			icalproperty *o = icalproperty_new_organizer(buf_cstr(&addr));
			if (cn)
				icalproperty_add_parameter(o, icalparameter_new_cn(cn));
			icalcomponent_add_property(ev, o);
		}
	}
	buf_free(&addr);
}

/* CATEGORIES holds a list, and libical writes every comma of its value as the list's separator (it escapes none
 * there, and has no way to), so a memorandum titled "Feeds, joint work" became two categories, "Feeds" and
 * " joint work", in every client. The title keeps its look with U+201A (‚, SINGLE LOW-9 QUOTATION MARK) in
 * place of each comma: one category, the whole title. */
static icalproperty *category(const char *title)
{
	size_t commas = 0, n = strlen(title);
	for (const char *p = title; *p; p++)
		commas += *p == ',';
	char *t = malloc(n + 2 * commas + 1), *o = t;
	if (!t)
		return NULL;
	for (const char *p = title; *p; p++) {
		if (*p == ',') {
			memcpy(o, "\xE2\x80\x9A", 3);
			o += 3;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	icalproperty *prop = icalproperty_new_categories(t);
	free(t);
	return prop;
}

static void add_category(icalcomponent *ev, const char *title)
{
	icalproperty *p = title ? category(title) : NULL;
	if (p)
		icalcomponent_add_property(ev, p);
}

/*
 * A board member's page of what the VEVENT is, as its URL and as an RFC 9253 LINK (LINKREL=alternate: the same
 * event as a page; libical 3.0 does not know LINK, so it is written as a property of that name with its
 * parameters): one occurrence's page (rid, "YYYY-MM-DD HH:MM:SS", for a single event or a moved occurrence),
 * or for a repeating series, whose VEVENT stands for all of its occurrences, the series' page that lists them.
 */
static void add_board_link(icalcomponent *ev, const series *s, const feed_doc *d, const char *rid)
{
	buf url = BUF_INIT;
	buf_printf(&url, "%s/series/%lld", d->board_base, s->id);
	if (rid && strlen(rid) >= 19)
		buf_printf(&url, "/occurrences/%.4s%.2s%.2sT%.2s%.2s%.2s", rid, rid + 5, rid + 8, rid + 11, rid + 14, rid + 17);
	icalcomponent_add_property(ev, icalproperty_new_url(buf_cstr(&url)));
	icalproperty *link = icalproperty_new_x(buf_cstr(&url));
	icalproperty_set_x_name(link, "LINK");
	icalparameter *rel = icalparameter_new_x("alternate");
	icalparameter_set_xname(rel, "LINKREL");
	icalproperty_add_parameter(link, rel);
	icalproperty_add_parameter(link, icalparameter_new_value(ICAL_VALUE_URI));
	icalproperty_add_parameter(link, icalparameter_new_fmttype("text/html"));
	icalcomponent_add_property(ev, link);
	buf_free(&url);
}

/* The parts a series' VEVENT and its overrides share. rid: the occurrence an override VEVENT stands for,
 * NULL for the series' own. */
static void add_common(icalcomponent *ev, const series *s, const feed_doc *d, const char *updated, int sequence,
                       const char *rid)
{
	icalcomponent_add_property(ev, icalproperty_new_uid(s->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(updated)));
	icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(updated)));
	if (s->created_at) /* a cancelled series that is gone was kept without it: none rather than 1970 */
		icalcomponent_add_property(ev, icalproperty_new_created(utc_time(s->created_at)));
	/* RFC 5545's default is 0, and python's recurring-ical-events 2.0.1 (Home Assistant) keeps one
	 * occurrence a day of a sub-daily rule when SEQUENCE:0 is written: only a real one goes out */
	if (sequence > 0)
		icalcomponent_add_property(ev, icalproperty_new_sequence(sequence));
	if (d->board_base) {
		/* a subscriber has no staff login: their link is the board page (the online link is in CONFERENCE,
		 * the description and the place) */
		add_board_link(ev, s, d, rid ? rid : (s->rrule && *s->rrule) || s->nrdates ? NULL : s->start_local);
	} else if (s->location_url) {
		icalcomponent_add_property(ev, icalproperty_new_url(s->location_url));
	} else {
		buf url = BUF_INIT; /* as long as base_url makes it: never cut */
		buf_printf(&url, "%s/series/%lld", d->base_url, s->id);
		icalcomponent_add_property(ev, icalproperty_new_url(buf_cstr(&url)));
		buf_free(&url);
	}
	add_category(ev, pick(s->memorandum_title, d->lang));
}

static void add_times(icalcomponent *ev, const series *s, const char *start, const char *end)
{
	icalproperty *p = icalproperty_new_dtstart(in_zone(start, s->tzid, s->all_day));
	zoned(p, s->tzid, s->all_day);
	icalcomponent_add_property(ev, p);
	p = icalproperty_new_dtend(in_zone(end, s->tzid, s->all_day));
	zoned(p, s->tzid, s->all_day);
	icalcomponent_add_property(ev, p);
}

/*
 * Title, description, place, and the online meeting's link where clients show it: Google Calendar and
 * Outlook show LOCATION and DESCRIPTION but not URL or CONFERENCE, so the link is the place when there is
 * none, and a line of the description ("label: link"); RFC 7986 CONFERENCE carries it for clients that
 * read it.
 */
static void add_texts(icalcomponent *ev, bitext title, bitext description, const char *location, const char *link,
                      const feed_doc *d)
{
	const char *t = pick(title, d->lang), *desc = pick(description, d->lang);
	if (t)
		icalcomponent_add_property(ev, icalproperty_new_summary(t));
	if (link && *link) {
		size_t n = (desc ? strlen(desc) : 0) + strlen(link) + (d->link_label ? strlen(d->link_label) : 0) + 8;
		char *text = malloc(n);
		if (text) {
			snprintf(text, n, "%s%s%s%s%s", desc && *desc ? desc : "", desc && *desc ? "\n\n" : "",
			         d->link_label ? d->link_label : "", d->link_label ? ": " : "", link);
			icalcomponent_add_property(ev, icalproperty_new_description(text));
			free(text);
		}
	} else if (desc && *desc) {
		icalcomponent_add_property(ev, icalproperty_new_description(desc));
	}
	if (location && *location)
		icalcomponent_add_property(ev, icalproperty_new_location(location));
	else if (link && *link)
		icalcomponent_add_property(ev, icalproperty_new_location(link));
	if (link && *link) {
		icalproperty *conf = icalproperty_new_conference(link);
		icalproperty_add_parameter(conf, icalparameter_new_value(ICAL_VALUE_URI));
		icalproperty_add_parameter(conf, icalparameter_new_feature(ICAL_FEATURE_VIDEO));
		if (d->link_label)
			icalproperty_add_parameter(conf, icalparameter_new_label(d->link_label));
		icalcomponent_add_property(ev, conf);
	}
}

/* The local times of a list of "YYYY-MM-DD HH:MM:SS" texts, malloc'd (NULL for none, or one that does not read). */
static cal_local *locals(const char *const *t, size_t n, bool *ok)
{
	if (!n)
		return NULL;
	cal_local *out = malloc(n * sizeof *out);
	for (size_t i = 0; out && i < n; i++)
		if (cal_parse_local(t[i], &out[i]) != 0) {
			free(out);
			out = NULL;
		}
	*ok = out != NULL;
	return out;
}

/* Whether an override's recurrence id is still one of the series' occurrences: 1, 0, or -1 when that cannot be
 * told (kept then, as the series page lists it as matching). */
static int still_occurs(const series *s, const char *recurrence_id)
{
	cal_series cs = {.tzid = s->tzid, .all_day = s->all_day, .rrule = s->rrule};
	cal_local rid;
	bool ok = true;
	if (cal_parse_local(s->start_local, &cs.start) != 0 || cal_parse_local(s->end_local, &cs.end) != 0 ||
	    cal_parse_local(recurrence_id, &rid) != 0)
		return -1;
	cal_local *rd = locals((const char *const *)s->rdates, s->nrdates, &ok);
	cal_local *ex = ok ? locals((const char *const *)s->exdates, s->nexdates, &ok) : NULL;
	cs.rdates = rd;
	cs.nrdates = s->nrdates;
	cs.exdates = ex;
	cs.nexdates = s->nexdates;
	char err[200];
	int is = ok ? cal_is_occurrence(&cs, rid, NULL, err, sizeof err) : -1;
	free(rd);
	free(ex);
	return is;
}

static int add_series(icalcomponent *cal, const series *s, const feed_doc *d, char *err, size_t errlen)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	add_common(ev, s, d, s->updated_at, s->sequence, NULL);
	add_times(ev, s, s->start_local, s->end_local);
	add_texts(ev, s->title, s->description, s->location, s->location_url, d);
	icalcomponent_add_property(ev, icalproperty_new_status(status_of(s->status)));
	if (s->rrule && *s->rrule) {
		struct icalrecurrencetype r = icalrecurrencetype_from_string(s->rrule); /* checked when stored */
		if (r.freq == ICAL_NO_RECURRENCE) {
			snprintf(err, errlen, "series %lld: stored rule does not parse", s->id);
			icalcomponent_free(ev);
			return -1;
		}
		icalcomponent_add_property(ev, icalproperty_new_rrule(r));
	}
	for (size_t i = 0; i < s->nrdates; i++) {
		struct icaldatetimeperiodtype dt = {in_zone(s->rdates[i], s->tzid, s->all_day), icalperiodtype_null_period()};
		icalproperty *p = icalproperty_new_rdate(dt);
		zoned(p, s->tzid, s->all_day);
		icalcomponent_add_property(ev, p);
	}
	/* skipped dates and cancelled single occurrences alike: EXDATE */
	for (size_t i = 0; i < s->nexdates + s->noverrides; i++) {
		const char *when;
		if (i < s->nexdates)
			when = s->exdates[i];
		else if (s->overrides[i - s->nexdates].cancelled)
			when = s->overrides[i - s->nexdates].recurrence_id;
		else
			continue;
		icalproperty *p = icalproperty_new_exdate(in_zone(when, s->tzid, s->all_day));
		zoned(p, s->tzid, s->all_day);
		icalcomponent_add_property(ev, p);
	}
	add_people(ev, s, d->lang);
	icalcomponent_add_component(cal, ev);

	/* moved or retitled occurrences: their own VEVENT with the same UID */
	for (size_t i = 0; i < s->noverrides; i++) {
		const series_override *o = &s->overrides[i];
		if (o->cancelled)
			continue;
		/* one the series' dates no longer have (its rule changed after it was made) applies to no occurrence: the
		 * staff pages leave it out, and a RECURRENCE-ID of no instance is read by each client its own way */
		if (still_occurs(s, o->recurrence_id) == 0)
			continue;
		icalcomponent *ov = icalcomponent_new_vevent();
		/* it shows the series' description, attendees and place too: modified when either last was (timestamps
		 * in PostgreSQL's one text form compare as text) */
		const char *updated = o->updated_at && (!s->updated_at || strcmp(o->updated_at, s->updated_at) > 0)
		                          ? o->updated_at
		                          : s->updated_at;
		add_common(ov, s, d, updated,
		           o->sequence > s->sequence ? o->sequence : s->sequence, o->recurrence_id);
		icalproperty *rid = icalproperty_new_recurrenceid(in_zone(o->recurrence_id, s->tzid, s->all_day));
		zoned(rid, s->tzid, s->all_day);
		icalcomponent_add_property(ov, rid);
		if (o->start_local && o->end_local) {
			add_times(ov, s, o->start_local, o->end_local);
		} else {
			/* unmoved: the original slot, as long as the series' own occurrences */
			cal_local a, b, r;
			cal_parse_local(s->start_local, &a);
			cal_parse_local(s->end_local, &b);
			cal_parse_local(o->recurrence_id, &r);
			char end[20];
			cal_format_local(cal_wall_local(cal_local_wall(r) + (cal_local_wall(b) - cal_local_wall(a))), end);
			add_times(ov, s, o->recurrence_id, end);
		}
		add_texts(ov, o->title.en || o->title.az ? o->title : s->title, s->description,
		          o->location ? o->location : s->location, s->location_url, d);
		icalcomponent_add_property(ov, icalproperty_new_status(status_of(s->status)));
		add_people(ov, s, d->lang);
		icalcomponent_add_component(cal, ov);
	}
	return 0;
}

/* One all-day event (end exclusive), transparent: a date to know, not time taken. */
static void add_day(icalcomponent *cal, const feed_doc *d, const char *uid, const char *day, const char *updated_at,
                    const char *summary, const char *path, const char *category)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(updated_at)));
	icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(updated_at)));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(local_time(day, true)));
	cal_local first;
	cal_parse_local(day, &first);
	char next[20];
	cal_format_local(cal_local_add_days(first, 1), next);
	icalcomponent_add_property(ev, icalproperty_new_dtend(local_time(next, true)));
	icalcomponent_add_property(ev, icalproperty_new_summary(summary ? summary : ""));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	buf url = BUF_INIT;
	buf_printf(&url, "%s%s", d->base_url, path);
	icalcomponent_add_property(ev, icalproperty_new_url(buf_cstr(&url)));
	buf_free(&url);
	if (category)
		add_category(ev, category);
	icalcomponent_add_component(cal, ev);
}

static void add_dates(icalcomponent *cal, const feed_doc *d, const feed_dates *m)
{
	/* a terminated memorandum ends on its termination, not on the last day it would have run to */
	const char *days[4] = {m->signed_on, m->terminated_on ? NULL : m->valid_until, m->notice, m->terminated_on};
	static const char *const kinds[4] = {"signed", "expires", "notice", "terminated"};
	for (int k = 0; k < 4; k++) {
		if (!days[k])
			continue;
		char uid[128], path[64];
		snprintf(uid, sizeof uid, "memorandum-%lld-%s@memocal", m->memorandum_id, kinds[k]);
		snprintf(path, sizeof path, "/memoranda/%lld", m->memorandum_id);
		add_day(cal, d, uid, days[k], m->updated_at, m->summary[k], path, m->title);
	}
}

/*
 * libical 3.0.16 (Debian 12) folds a line whose last fold leaves exactly 74 octets between the CR and
 * the LF of its own line end: "…value\r" "\r\n " "\n". A reader then sees a CR inside a line and an
 * empty continuation, and the feed does not parse (any SUMMARY of 73 characters did it; found by
 * tests/fuzz/ics's long run). The fold libical put there is taken out again, in place: the bytes
 * CR CR LF SP LF only arise this way, since no value memocal stores holds a CR. Returns the new length.
 */
static size_t mend_folds(char *s, size_t n)
{
	static const char bad[] = "\r\r\n \n";
	size_t w = 0;
	for (size_t r = 0; r < n;) {
		if (n - r >= 5 && memcmp(s + r, bad, 5) == 0) {
			s[w++] = '\r';
			s[w++] = '\n';
			r += 5;
		} else {
			s[w++] = s[r++];
		}
	}
	s[w] = '\0';
	return w;
}

/* The calendar itself: its properties, no components yet. */
static icalcomponent *new_calendar(const feed_doc *d)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//memocal//memocal feeds//EN"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	/* The name and description twice: RFC 7986's NAME and DESCRIPTION, which libical writes as
	 * TEXT (a comma or semicolon escaped), and the X-WR- pair that Apple, Google and Outlook read,
	 * where libical, by design, leaves a comma or semicolon of an X- property as it is. */
	icalcomponent_add_property(cal, icalproperty_new_name(d->name));
	icalcomponent_add_property(cal, icalproperty_new_description(d->description));
	icalproperty *p = icalproperty_new_x(d->name);
	icalproperty_set_x_name(p, "X-WR-CALNAME");
	icalcomponent_add_property(cal, p);
	p = icalproperty_new_x(d->description);
	icalproperty_set_x_name(p, "X-WR-CALDESC");
	icalcomponent_add_property(cal, p);
	/* RFC 7986 REFRESH-INTERVAL (VALUE=DURATION) and the older X-PUBLISHED-TTL that Outlook reads */
	struct icaldurationtype every = icaldurationtype_null_duration();
	every.minutes = (unsigned int)d->refresh_minutes;
	icalcomponent_add_property(cal, icalproperty_new_refreshinterval(every));
	char ttl[32];
	snprintf(ttl, sizeof ttl, "PT%ldM", d->refresh_minutes);
	p = icalproperty_new_x(ttl);
	icalproperty_set_x_name(p, "X-PUBLISHED-TTL");
	icalcomponent_add_property(cal, p);
	return cal;
}

/* Writes what parent holds, one component at a time, to out, and frees it: parent is empty after. */
static int flush(icalcomponent *parent, buf *out, char *err, size_t errlen)
{
	icalcomponent *c;
	while ((c = icalcomponent_get_first_component(parent, ICAL_ANY_COMPONENT)) != NULL) {
		icalcomponent_remove_component(parent, c);
		char *s = icalcomponent_as_ical_string_r(c);
		icalcomponent_free(c);
		if (!s) {
			snprintf(err, errlen, "libical could not write the calendar");
			return -1;
		}
		buf_puts(out, s);
		free(s);
	}
	return 0;
}

/*
 * The calendar's components, in their order: a VTIMEZONE per zone used, then each series' VEVENTs (its own,
 * then its moved or retitled occurrences), the memorandum's dates, the due dates. Added to parent; with out,
 * written to out and freed after the zones, each series, memorandum and due date (flush), so that a feed of
 * thousands of events is never a tree of them all at once: the bytes are the same, since libical writes a
 * calendar as its properties and then each component's own bytes in turn.
 */
static int add_parts(icalcomponent *parent, const feed_doc *d, buf *out, char *err, size_t errlen)
{
	const char **zones = malloc((d->nseries + 1) * sizeof *zones);
	if (!zones) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	size_t nzones = zones_used(d, zones);
	int rc = 0;
	for (size_t i = 0; i < nzones && rc == 0; i++) {
		icalcomponent *z = zone_component(zones[i]);
		if (!z) {
			snprintf(err, errlen, "no time zone %s in the system's tzdata", zones[i]);
			rc = -1;
			break;
		}
		icalcomponent_add_component(parent, z);
	}
	free(zones);
	/* all the zones before writing them: libical puts each VTIMEZONE added first among a calendar's components
	 * (the last added first), and the feed's bytes have always had them in that order */
	if (rc == 0 && out)
		rc = flush(parent, out, err, errlen);
	for (size_t i = 0; i < d->nseries && rc == 0; i++) {
		rc = add_series(parent, &d->series[i], d, err, errlen);
		if (rc == 0 && out)
			rc = flush(parent, out, err, errlen);
	}
	for (size_t i = 0; i < d->ndates && rc == 0; i++) {
		add_dates(parent, d, &d->dates[i]);
		if (out)
			rc = flush(parent, out, err, errlen);
	}
	for (size_t i = 0; i < d->ndues && rc == 0; i++) {
		add_day(parent, d, d->dues[i].uid, d->dues[i].day, d->dues[i].updated_at, d->dues[i].summary,
		        d->dues[i].path, NULL);
		if (out)
			rc = flush(parent, out, err, errlen);
	}
	return rc;
}

icalcomponent *cal_feed_calendar(const feed_doc *d, char *err, size_t errlen)
{
	icalcomponent *cal = new_calendar(d);
	if (add_parts(cal, d, NULL, err, errlen) != 0) {
		icalcomponent_free(cal);
		return NULL;
	}
	return cal;
}

char *cal_ical_bytes(icalcomponent *cal, size_t *len, char *err, size_t errlen)
{
	char *s = icalcomponent_as_ical_string_r(cal);
	if (!s) {
		snprintf(err, errlen, "libical could not write the calendar");
		return NULL;
	}
	*len = mend_folds(s, strlen(s));
	return s; /* libical allocates with malloc: the caller's free() releases it */
}

/*
 * As cal_ical_bytes(cal_feed_calendar(d)), byte for byte, without the whole tree: the calendar's head (its
 * properties) is written from a calendar without components, then each part as add_parts makes it, then its
 * end. A 5000-event feed's tree took about a hundred megabytes of a worker's memory; this keeps one series'.
 */
char *cal_feed_build(const feed_doc *d, size_t *len, char *err, size_t errlen)
{
	static const char end[] = "END:VCALENDAR\r\n";
	icalcomponent *cal = new_calendar(d);
	char *head = icalcomponent_as_ical_string_r(cal);
	size_t n = head ? strlen(head) : 0;
	if (!head || n < sizeof end - 1 || strcmp(head + n - (sizeof end - 1), end) != 0) {
		snprintf(err, errlen, "libical could not write the calendar");
		free(head);
		icalcomponent_free(cal);
		return NULL;
	}
	buf out = BUF_INIT;
	buf_append(&out, head, n - (sizeof end - 1));
	free(head);
	int rc = add_parts(cal, d, &out, err, errlen);
	icalcomponent_free(cal);
	if (rc != 0) {
		buf_free(&out);
		return NULL;
	}
	buf_append(&out, end, sizeof end - 1);
	*len = mend_folds(out.data, out.len);
	return out.data; /* malloc'd by buf: the caller's free() releases it */
}
