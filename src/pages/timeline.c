/* timeline.c - the events of a memorandum's life and their places on the report's timeline picture. */
#include "pages/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "pages/forms.h"
#include "util/date.h"
#include "view/present.h"

/* The picture's coordinates (the SVG's viewBox): wide and short, so that it scales down to a phone's width
 * with its few words still readable (the years, 32 units, are about 11 CSS pixels tall at 390 px; the browser test checks at least 8). */
#define TL_WIDTH 1000
#define TL_LEFT 30
#define TL_RIGHT 970
#define TL_AXIS 300
#define TL_HEIGHT 350

enum tl_lane { LANE_LIFE, LANE_HELD, LANE_MISSED, LANE_EVENTS, LANE__MAX };
static const struct {
	int y;
	const char *key; /* its label in the catalogue */
} lanes[LANE__MAX] = {
	[LANE_LIFE] = {70, "report.lane.life"},
	[LANE_HELD] = {140, "report.lane.held"},
	[LANE_MISSED] = {200, "report.lane.missed"},
	[LANE_EVENTS] = {260, "report.lane.events"},
};

/* Every kind of event the picture shows: its name (the mark's class, "report.event.<name>" in the catalogue),
 * its lane and its shape (shapes differ, so the picture reads in black and white and without colour vision).
 * Amendments, a renewal (the successor's first day) and a termination go on the life lane too. */
enum tl_kind { TL_SIGNED, TL_AMENDED, TL_HELD, TL_MISSED, TL_EVENT, TL_TERMINATED, TL_EXPIRY, TL_RENEWED, TL__MAX };
static const struct {
	const char *name;
	enum tl_lane lane;
	const char *shape; /* bar, dot, cross, diamond: templates/reports/timeline.html draws each */
} kinds[TL__MAX] = {
	[TL_SIGNED] = {"signed", LANE_LIFE, "bar"},
	[TL_AMENDED] = {"amended", LANE_LIFE, "diamond"},
	[TL_TERMINATED] = {"terminated", LANE_LIFE, "cross"},
	[TL_HELD] = {"held", LANE_HELD, "dot"},
	[TL_MISSED] = {"missed", LANE_MISSED, "cross"},
	[TL_EVENT] = {"event", LANE_EVENTS, "diamond"},
	[TL_EXPIRY] = {"expiry", LANE_LIFE, "bar"},
	[TL_RENEWED] = {"renewed", LANE_LIFE, "dot"},
};

typedef struct tl_event {
	enum tl_kind kind;
	const char *date; /* YYYY-MM-DD */
	bitext what;      /* the series' title, or nothing */
	long long day;    /* days since 1970-01-01 */
} tl_event;

static long long day_number(const char *d)
{
	return date_days_from_civil(atoi(d), atoi(d + 5), atoi(d + 8));
}

static void add(tl_event *list, size_t *n, enum tl_kind k, const char *date, bitext what)
{
	list[*n] = (tl_event){k, date, what, day_number(date)};
	(*n)++;
}

/* The one place the events are gathered. */
static tl_event *timeline_events(arena *ar, const activity *a, size_t *n)
{
	tl_event *list = arena_alloc(ar, (a->nocc + a->m->namendments + 5) * sizeof *list);
	bitext none = {NULL, NULL};
	*n = 0;
	if (a->m->signed_on)
		add(list, n, TL_SIGNED, a->m->signed_on, none);
	for (size_t i = 0; i < a->nocc; i++) {
		const activity_occ *x = &a->occ[i];
		if (x->event && x->promised)
			add(list, n, TL_EVENT, x->date, x->o->series->title);
		else if (!x->event && x->held)
			add(list, n, TL_HELD, x->date, x->o->series->title);
		else if (!x->event && x->missed)
			add(list, n, TL_MISSED, x->date, x->o->series->title);
	}
	for (size_t i = 0; i < a->m->namendments; i++)
		add(list, n, TL_AMENDED, a->m->amendments[i].amended_on, a->m->amendments[i].title);
	if (a->m->terminated_on)
		add(list, n, TL_TERMINATED, a->m->terminated_on, a->m->termination_reason);
	/* a memorandum terminated before its last day ends there: no expiry after it */
	if (a->m->valid_until && !(a->m->terminated_on && strcmp(a->m->terminated_on, a->m->valid_until) < 0))
		add(list, n, TL_EXPIRY, a->m->valid_until, none);
	if (a->m->renewed_on)
		add(list, n, TL_RENEWED, a->m->renewed_on, a->m->successor_title);
	return list;
}

static int by_day(const void *pa, const void *pb)
{
	const tl_event *x = pa, *y = pb;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

static int x_of(long long day, long long d0, long long d1)
{
	return TL_LEFT + (int)((day - d0) * (TL_RIGHT - TL_LEFT) / (d1 > d0 ? d1 - d0 : 1));
}

void timeline_put(http_ctx *c, view_value *scope, const activity *a)
{
	const char *lang = lang_code(c->lang);
	size_t n;
	tl_event *ev = timeline_events(c->a, a, &n);
	qsort(ev, n, sizeof *ev, by_day);
	/* the axis runs over the memorandum's life and the period, whichever is longer at each end */
	long long d0 = day_number(a->from), d1 = day_number(a->to);
	for (size_t i = 0; i < n; i++) {
		if (ev[i].day < d0)
			d0 = ev[i].day;
		if (ev[i].day > d1)
			d1 = ev[i].day;
	}
	view_value *t = view_put_map(scope, "timeline");
	view_put_int(t, "width", TL_WIDTH);
	view_put_int(t, "height", TL_HEIGHT);
	view_put_int(t, "axis", TL_AXIS);
	view_put_int(t, "left", TL_LEFT);
	view_put_int(t, "right", TL_RIGHT);
	view_put_int(t, "count", (long long)n);
	view_value *ll = view_put_list(t, "lanes");
	for (int l = 0; l < LANE__MAX; l++) {
		view_value *e = view_push_map(ll);
		view_put_int(e, "y", lanes[l].y);
		view_put_int(e, "label_y", lanes[l].y - 22);
		view_put_str(e, "label", page_msg(c, lanes[l].key, 0));
	}
	view_value *band = view_put_map(t, "band");
	int bx = x_of(day_number(a->from), d0, d1), bx2 = x_of(day_number(a->to) + 1, d0, d1);
	view_put_int(band, "x", bx);
	view_put_int(band, "width", bx2 > bx ? bx2 - bx : 1);
	view_put_int(band, "height", TL_AXIS - 20);
	/* a tick on each 1 January; over a long life every second, fifth… year, at most a dozen labels */
	int y0, y1, mo, dd;
	date_civil_from_days(d0, &y0, &mo, &dd);
	date_civil_from_days(d1, &y1, &mo, &dd);
	int step = (y1 - y0) / 12 + 1;
	view_value *ticks = view_put_list(t, "ticks");
	for (int y = y0 + 1; y <= y1; y += step) {
		view_value *e = view_push_map(ticks);
		view_put_int(e, "x", x_of(date_days_from_civil(y, 1, 1), d0, d1));
		view_put_int(e, "year", y);
	}
	view_value *marks = view_put_list(t, "marks");
	for (size_t i = 0; i < n; i++) {
		view_value *e = view_push_map(marks);
		int x = x_of(ev[i].day, d0, d1), y = lanes[kinds[ev[i].kind].lane].y;
		view_put_str(e, "kind", kinds[ev[i].kind].name);
		view_put_str(e, "shape", kinds[ev[i].kind].shape);
		view_put_str(e, "label", page_msg(c, arena_printf(c->a, "report.event.%s", kinds[ev[i].kind].name), 0));
		view_put_str(e, "date", ev[i].date);
		view_put_int(e, "x", x);
		view_put_int(e, "y", y);
		/* each shape's corners, so the template only prints numbers */
		view_put_int(e, "x1", x - 9);
		view_put_int(e, "x2", x + 9);
		view_put_int(e, "y1", y - 9);
		view_put_int(e, "y2", y + 9);
		view_put_int(e, "top", y - 14); /* a bar stays below its lane's label */
		view_put_int(e, "bar_x", x - 3);
		if (ev[i].what.en)
			view_put_text(e, "what", ev[i].what, lang);
	}
}
