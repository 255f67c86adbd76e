/* itip.c - RFC 5546 iTIP messages (REQUEST, CANCEL) for one series and one attendee, with libical. */
#include "cal/itip.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cal/ical_build.h"
#include "cal/time.h"
#include "util/buf.h"

/* Removes every property of kind k from c. */
static void drop(icalcomponent *c, icalproperty_kind k)
{
	icalproperty *p;
	while ((p = icalcomponent_get_first_property(c, k))) {
		icalcomponent_remove_property(c, p);
		icalproperty_free(p);
	}
}

/* Removes the X- property named name (X-WR-CALNAME, …) from c. */
static void drop_x(icalcomponent *c, const char *name)
{
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_X_PROPERTY); p;) {
		icalproperty *next = icalcomponent_get_next_property(c, ICAL_X_PROPERTY);
		const char *x = icalproperty_get_x_name(p);
		if (x && strcmp(x, name) == 0) {
			icalcomponent_remove_property(c, p);
			icalproperty_free(p);
		}
		p = next;
	}
}

static void set_parameter(icalproperty *p, icalparameter *param)
{
	icalproperty_set_parameter(p, param);
}

/* ORGANIZER is the configured sender, and the recipient's ATTENDEE asks for a reply on a REQUEST. */
static void address_people(icalcomponent *ev, const itip_doc *m, bool request)
{
	drop(ev, ICAL_ORGANIZER_PROPERTY);
	buf addr = BUF_INIT;
	buf_printf(&addr, "mailto:%s", m->organizer);
	icalproperty *o = icalproperty_new_organizer(buf_cstr(&addr));
	if (m->organizer_name && *m->organizer_name)
		icalproperty_add_parameter(o, icalparameter_new_cn(m->organizer_name));
	icalcomponent_add_property(ev, o);
	buf_reset(&addr);
	buf_printf(&addr, "mailto:%s", m->recipient);
	icalproperty *mine = NULL;
	for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY); p;
	     p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY)) {
		const char *v = icalproperty_get_attendee(p);
		if (v && strcasecmp(v, buf_cstr(&addr)) == 0) {
			mine = p;
			break;
		}
	}
	if (!mine) {
		/* a CANCEL from a snapshot, or an attendee removed since: the recipient is named all the same */
		mine = icalproperty_new_attendee(buf_cstr(&addr));
		if (m->recipient_name && *m->recipient_name)
			icalproperty_add_parameter(mine, icalparameter_new_cn(m->recipient_name));
		icalproperty_add_parameter(mine, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL));
		icalcomponent_add_property(ev, mine);
	}
	if (request)
		set_parameter(mine, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
	buf_free(&addr);
}

static void sequence_always(icalcomponent *ev, int sequence)
{
	drop(ev, ICAL_SEQUENCE_PROPERTY);
	icalcomponent_add_property(ev, icalproperty_new_sequence(sequence));
}

/* The master VEVENT made the cancellation of one occurrence: that start, that RECURRENCE-ID, no rule. */
static int one_occurrence(icalcomponent *ev, const series *s, const char *rid, char *err, size_t errlen)
{
	cal_local l;
	if (cal_parse_local(rid, &l) != 0) {
		snprintf(err, errlen, "bad recurrence id %s", rid);
		return -1;
	}
	struct icaltimetype t = icaltime_null_time();
	t.year = l.year;
	t.month = l.month;
	t.day = l.day;
	if (s->all_day) {
		t.is_date = 1;
	} else {
		t.hour = l.hour;
		t.minute = l.minute;
		t.second = l.second;
		if (strcmp(s->tzid, "UTC") == 0)
			t.zone = icaltimezone_get_utc_timezone();
	}
	drop(ev, ICAL_RRULE_PROPERTY);
	drop(ev, ICAL_RDATE_PROPERTY);
	drop(ev, ICAL_EXDATE_PROPERTY);
	drop(ev, ICAL_DTSTART_PROPERTY);
	drop(ev, ICAL_DTEND_PROPERTY);
	drop(ev, ICAL_RECURRENCEID_PROPERTY);
	/* the TZID parameter by hand, as the feed does (libical would add its prefix) */
	icalproperty *start = icalproperty_new_dtstart(t), *rp = icalproperty_new_recurrenceid(t);
	if (!s->all_day && strcmp(s->tzid, "UTC") != 0) {
		icalproperty_add_parameter(start, icalparameter_new_tzid(s->tzid));
		icalproperty_add_parameter(rp, icalparameter_new_tzid(s->tzid));
	}
	icalcomponent_add_property(ev, start);
	icalcomponent_add_property(ev, rp);
	return 0;
}

char *cal_itip_build(const itip_doc *m, size_t *len, char *err, size_t errlen)
{
	bool request = strcmp(m->method, "REQUEST") == 0;
	feed_doc d = {.lang = m->lang, .name = "", .description = "", .base_url = m->base_url,
	              .link_label = m->link_label, .refresh_minutes = 60, .series = m->series, .nseries = 1};
	icalcomponent *cal = cal_feed_calendar(&d, err, errlen);
	if (!cal)
		return NULL;
	/* a message is not a subscription: no name, description or refresh hints */
	drop(cal, ICAL_NAME_PROPERTY);
	drop(cal, ICAL_DESCRIPTION_PROPERTY);
	drop(cal, ICAL_REFRESHINTERVAL_PROPERTY);
	drop_x(cal, "X-WR-CALNAME");
	drop_x(cal, "X-WR-CALDESC");
	drop_x(cal, "X-PUBLISHED-TTL");
	drop(cal, ICAL_METHOD_PROPERTY);
	icalcomponent_add_property(cal, icalproperty_new_method(request ? ICAL_METHOD_REQUEST : ICAL_METHOD_CANCEL));
	int rc = 0;
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev && rc == 0;) {
		icalcomponent *next = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
		bool is_override = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) != NULL;
		if (!request && is_override) {
			/* a CANCEL speaks of the series, or of one occurrence made from its master below */
			icalcomponent_remove_component(cal, ev);
			icalcomponent_free(ev);
			ev = next;
			continue;
		}
		address_people(ev, m, request);
		if (!request) {
			drop(ev, ICAL_STATUS_PROPERTY);
			icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CANCELLED));
			if (m->recurrence_id)
				rc = one_occurrence(ev, m->series, m->recurrence_id, err, errlen);
		}
		if (!request || !is_override)
			sequence_always(ev, m->series->sequence);
		ev = next;
	}
	char *out = rc == 0 ? cal_ical_bytes(cal, len, err, errlen) : NULL;
	icalcomponent_free(cal);
	return out;
}
