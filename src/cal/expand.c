/* expand.c - series expansion: merges the rule's walk with RDATEs, drops EXDATEs, applies overrides. */
#include "cal/expand.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

/* An override's recurrence id as a wall time, and its index in s->overrides. */
struct ovkey {
	long long w;
	size_t i;
};

/* What one call works with; every array here is freed by ctx_free. */
struct ctx {
	const cal_series *s;
	const cal_zone *zone;
	long long start_w;
	long long len;       /* timed: length in seconds */
	int days;            /* all-day: length in days */
	long long *rd;       /* RDATE walls, sorted, unique */
	size_t nrd;
	long long *ex;       /* EXDATE walls, sorted, unique */
	size_t nex;
	struct ovkey *ov;    /* the overrides by (recurrence id, index) */
	cal_walk *walk;
	long budget;   /* what this expansion may spend */
	long given;    /* ... of it at the start */
	long *shared;  /* the caller's budget, charged with what was spent; NULL: none */
};

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
		utf8_scrub(err); /* a value quoted with "%.20s", or the message cut short, may end inside a letter */
	}
	return -1;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

static bool has_time(cal_local t)
{
	return t.hour || t.minute || t.second;
}

/* Validated walls of a list of local times, sorted and without repeats; NULL (no error) for an empty list. */
static int load_times(const cal_local *t, size_t n, bool all_day, const char *what, long long **out,
                      size_t *nout, char *err, size_t errlen)
{
	*out = NULL;
	*nout = 0;
	if (n == 0)
		return 0;
	if (!t)
		return fail(err, errlen, "%s: no list given", what);
	long long *w = malloc(n * sizeof *w);
	if (!w)
		return fail(err, errlen, "out of memory");
	for (size_t i = 0; i < n; i++) {
		bool valid = cal_local_valid(t[i]);
		if (!valid || (all_day && has_time(t[i]))) {
			char txt[20];
			cal_format_local(t[i], txt);
			free(w);
			return valid ? fail(err, errlen, "%s %s must be a date (00:00:00) in an all-day series", what, txt)
			             : fail(err, errlen, "%s %s is not a valid date and time", what, txt);
		}
		w[i] = cal_local_wall(t[i]);
	}
	qsort(w, n, sizeof *w, cmp_ll);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || w[i] != w[k - 1])
			w[k++] = w[i];
	*out = w;
	*nout = k;
	return 0;
}

static bool contains(const long long *a, size_t n, long long x)
{
	return n && bsearch(&x, a, n, sizeof *a, cmp_ll) != NULL;
}

static int cmp_ov(const void *a, const void *b)
{
	const struct ovkey *x = a, *y = b;
	if (x->w != y->w)
		return (x->w > y->w) - (x->w < y->w);
	return (x->i > y->i) - (x->i < y->i);
}

static void ctx_free(struct ctx *c)
{
	if (c->shared) {
		*c->shared -= c->given - (c->budget > 0 ? c->budget : 0);
		if (*c->shared < 0)
			*c->shared = 0;
	}
	free(c->rd);
	free(c->ex);
	free(c->ov);
	cal_walk_free(c->walk);
	memset(c, 0, sizeof *c);
}

static int ctx_init(struct ctx *c, const cal_series *s, long *budget, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	c->s = s;
	c->given = CAL_WALK_BUDGET;
	if (budget && *budget < c->given)
		c->given = *budget > 0 ? *budget : 0;
	c->budget = c->given;
	if (!s)
		return fail(err, errlen, "no series");
	if (!s->tzid || !*s->tzid)
		return fail(err, errlen, "the series has no time zone");
	c->zone = cal_zone_find(s->tzid);
	if (!c->zone)
		return fail(err, errlen, "unknown time zone '%.64s'", s->tzid);
	if (!cal_local_valid(s->start) || !cal_local_valid(s->end))
		return fail(err, errlen, "the start or the end is not a valid date and time");
	c->start_w = cal_local_wall(s->start);
	if (s->all_day) {
		if (has_time(s->start) || has_time(s->end))
			return fail(err, errlen, "an all-day series starts and ends on dates (00:00:00)");
		long long d = (cal_local_wall(s->end) - c->start_w) / 86400;
		if (d < 1)
			return fail(err, errlen, "the end must be after the start (the end date is exclusive)");
		if (d > 3660)
			return fail(err, errlen, "an occurrence cannot last more than ten years");
		c->days = (int)d;
	} else {
		c->len = cal_zone_to_utc(c->zone, s->end) - cal_zone_to_utc(c->zone, s->start);
		if (c->len < 0)
			return fail(err, errlen, "the end is before the start");
		if (c->len > 3660 * 86400LL)
			return fail(err, errlen, "an occurrence cannot last more than ten years");
	}
	if (load_times(s->rdates, s->nrdates, s->all_day, "RDATE", &c->rd, &c->nrd, err, errlen) < 0 ||
	    load_times(s->exdates, s->nexdates, s->all_day, "EXDATE", &c->ex, &c->nex, err, errlen) < 0)
		goto fail;
	if (s->noverrides) {
		if (!s->overrides) {
			fail(err, errlen, "overrides: no list given");
			goto fail;
		}
		c->ov = malloc(s->noverrides * sizeof *c->ov);
		if (!c->ov) {
			fail(err, errlen, "out of memory");
			goto fail;
		}
		for (size_t i = 0; i < s->noverrides; i++) {
			const cal_override *o = &s->overrides[i];
			char txt[20]; /* the recurrence id's text, made only for an error */
			if (!cal_local_valid(o->recurrence_id) || (s->all_day && has_time(o->recurrence_id))) {
				cal_format_local(o->recurrence_id, txt);
				fail(err, errlen, "override %lld: recurrence id %s is not a valid %s", o->id, txt,
				     s->all_day ? "date" : "date and time");
				goto fail;
			}
			if (o->moved && (!cal_local_valid(o->start) || !cal_local_valid(o->end) ||
			                 (s->all_day && (has_time(o->start) || has_time(o->end))))) {
				fail(err, errlen, "override %lld: the new start or end is not a valid %s", o->id,
				     s->all_day ? "date" : "date and time");
				goto fail;
			}
			c->ov[i].w = cal_local_wall(o->recurrence_id);
			c->ov[i].i = i;
		}
		qsort(c->ov, s->noverrides, sizeof *c->ov, cmp_ov);
	}
	c->walk = cal_walk_new(s->rrule, s->start, s->all_day, c->zone, &c->budget, err, errlen);
	if (!c->walk)
		goto fail;
	c->shared = budget; /* from here on, what is spent is charged */
	return 0;
fail:
	ctx_free(c);
	return -1;
}

/* The override for a recurrence id (the first given for it), or NULL. */
static const cal_override *find_override(const struct ctx *c, long long rid)
{
	size_t lo = 0, hi = c->s->noverrides;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->ov[mid].w < rid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->s->noverrides && c->ov[lo].w == rid)
		return &c->s->overrides[c->ov[lo].i];
	return NULL;
}

static void fill(const struct ctx *c, long long rid, const cal_override *ov, cal_occurrence *o)
{
	bool moved = ov && ov->moved;
	memset(o, 0, sizeof *o);
	o->recurrence_id = cal_wall_local(rid);
	o->override = ov;
	o->cancelled = ov && ov->cancelled;
	if (c->s->all_day) {
		cal_local st = moved ? ov->start : o->recurrence_id;
		cal_local en = moved ? ov->end : cal_local_add_days(st, c->days);
		if (cal_local_cmp(en, st) <= 0)
			en = cal_local_add_days(st, c->days);
		o->start = st;
		o->end = en;
		o->start_utc = cal_zone_to_utc(c->zone, st);
		o->end_utc = cal_zone_to_utc(c->zone, en);
	} else {
		long long su = cal_zone_to_utc(c->zone, moved ? ov->start : o->recurrence_id);
		long long eu = moved ? cal_zone_to_utc(c->zone, ov->end) : su + c->len;
		if (eu < su)
			eu = su;
		o->start_utc = su;
		o->end_utc = eu;
		o->start = cal_zone_to_local(c->zone, su);
		o->end = cal_zone_to_local(c->zone, eu);
	}
}

static bool overlaps(const cal_occurrence *o, long long from, long long to)
{
	if (o->end_utc > o->start_utc)
		return o->start_utc < to && o->end_utc > from;
	return o->start_utc >= from && o->start_utc < to;
}

/* Source of set members in increasing order: the rule's walk merged with the RDATEs, from lo_w on.
 * 1 and *x; 0 at the end; -1 budget spent; -2 libical error. */
struct members {
	struct ctx *c;
	size_t ri;
	bool have;
	long long next_w;
	bool walk_done;
	long long hi_w;
};

static void members_init(struct members *m, struct ctx *c, long long lo_w, long long hi_w)
{
	memset(m, 0, sizeof *m);
	m->c = c;
	m->hi_w = hi_w;
	while (m->ri < c->nrd && c->rd[m->ri] < lo_w)
		m->ri++;
	cal_walk_range(c->walk, cal_wall_local(lo_w), cal_wall_local(hi_w));
}

static int members_next(struct members *m, long long *x, char *err, size_t errlen)
{
	struct ctx *c = m->c;
	if (!m->have && !m->walk_done) {
		cal_local t;
		int r = cal_walk_next(c->walk, &t, err, errlen);
		if (r < 0)
			return r;
		if (r == 1) {
			m->have = true;
			m->next_w = cal_local_wall(t);
		} else {
			m->walk_done = true;
		}
	}
	bool rd_ok = m->ri < c->nrd && c->rd[m->ri] <= m->hi_w;
	if (!m->have && !rd_ok)
		return 0;
	if (m->have && (!rd_ok || m->next_w <= c->rd[m->ri])) {
		*x = m->next_w;
		m->have = false;
		if (rd_ok && c->rd[m->ri] == *x)
			m->ri++;
	} else {
		*x = c->rd[m->ri++];
	}
	return 1;
}

/* Whether rid is a member of the set (before EXDATEs): 1, 0, or <0 as members_next. */
static int is_member(struct ctx *c, long long rid, char *err, size_t errlen)
{
	if (rid == c->start_w || contains(c->rd, c->nrd, rid))
		return 1;
	cal_local t = cal_wall_local(rid), got;
	cal_walk_range(c->walk, t, t);
	int r = cal_walk_next(c->walk, &got, err, errlen);
	return r == 1 ? 1 : r;
}

static int cmp_occ(const cal_occurrence *a, const cal_occurrence *b)
{
	if (a->start_utc != b->start_utc)
		return a->start_utc < b->start_utc ? -1 : 1;
	return cal_local_cmp(a->recurrence_id, b->recurrence_id);
}

static int cmp_occ_q(const void *a, const void *b)
{
	return cmp_occ(a, b);
}

/* Unix seconds of 0001-01-03 and 9999-12-29: the window is clamped so that every conversion stays valid. */
#define UTC_MIN (-62135596800LL + 2 * 86400)
#define UTC_MAX (253402214400LL - 2 * 86400)

/* How far the zone's UTC offset moves within two days of an instant (0 where nothing changes). */
static long long offset_spread(const cal_zone *z, long long utc)
{
	long long lo = LLONG_MAX, hi = LLONG_MIN;
	for (int k = -2; k <= 2; k++) {
		long long u = utc + k * 86400LL, off = cal_local_wall(cal_zone_to_local(z, u)) - u;
		lo = off < lo ? off : lo;
		hi = off > hi ? off : hi;
	}
	return hi - lo;
}

static long long clamp(long long x, long long lo, long long hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

int cal_expand(const cal_series *s, long long from_utc, long long to_utc, size_t max, cal_occurrence *out,
               bool *truncated, long *budget, char *err, size_t errlen)
{
	struct ctx c;
	bool trunc = false;
	cal_occurrence *moved = NULL, *merged = NULL;
	size_t a = 0, b = 0;
	int rc = -1;

	if (truncated)
		*truncated = false;
	if (ctx_init(&c, s, budget, err, errlen) < 0)
		return -1;
	if (max > INT_MAX)
		max = INT_MAX;
	if (max && !out) {
		fail(err, errlen, "no room for the occurrences");
		goto done;
	}
	from_utc = clamp(from_utc, UTC_MIN, UTC_MAX);
	to_utc = clamp(to_utc, UTC_MIN, UTC_MAX);
	if (from_utc >= to_utc) {
		rc = 0;
		goto done;
	}

	/* The local range holding every recurrence id whose occurrence can overlap the window. Reading wall
	 * times through the zone is monotonic, but a time in a skipped or repeated hour can sit up to that
	 * hour's length on the other side of the window's edge, hence the margins. */
	long long lo_w, hi_w = cal_local_wall(cal_zone_to_local(c.zone, to_utc)) + offset_spread(c.zone, to_utc);
	if (s->all_day)
		lo_w = cal_local_wall(cal_zone_to_local(c.zone, from_utc)) - c.days * 86400LL;
	else
		lo_w = cal_local_wall(cal_zone_to_local(c.zone, from_utc - c.len));
	lo_w -= offset_spread(c.zone, s->all_day ? from_utc : from_utc - c.len);
	struct members m;
	members_init(&m, &c, lo_w, hi_w);
	for (;;) {
		long long x;
		int r = members_next(&m, &x, err, errlen);
		if (r == -2)
			goto done;
		if (r == -1)
			trunc = true;
		if (r != 1)
			break;
		if (contains(c.ex, c.nex, x))
			continue;
		const cal_override *ov = find_override(&c, x);
		if (ov && ov->moved)
			continue; /* placed by the loop below, where it moved to */
		cal_occurrence o;
		fill(&c, x, ov, &o);
		/* Not a break: walls grow, but their instants need not. A wall in a skipped hour is read with the
		 * offset before it (RFC 5545), so 02:30 on a spring-forward night is 03:30 new time, after the
		 * 03:00 that follows it on the wall. The walk ends at hi_w anyway, an offset change past the window. */
		if (o.start_utc >= to_utc)
			continue;
		if (!overlaps(&o, from_utc, to_utc))
			continue;
		if (a == max) {
			trunc = true;
			break;
		}
		out[a++] = o;
	}

	/* ... and for the same reason sorted by instant (by recurrence id where two start together) */
	if (a > 1)
		qsort(out, a, sizeof *out, cmp_occ_q);

	/* Moved occurrences whose new time overlaps the window, if they are occurrences at all. */
	for (size_t i = 0; i < s->noverrides; i++) {
		long long rid = c.ov[i].w;
		const cal_override *ov = &s->overrides[c.ov[i].i];
		if (i > 0 && c.ov[i - 1].w == rid)
			continue; /* a later override for the same id */
		if (!ov->moved || contains(c.ex, c.nex, rid))
			continue;
		cal_occurrence o;
		fill(&c, rid, ov, &o);
		if (!overlaps(&o, from_utc, to_utc))
			continue;
		int r = is_member(&c, rid, err, errlen);
		if (r == -2)
			goto done;
		if (r == -1)
			trunc = true;
		if (r != 1)
			continue;
		if (!moved && !(moved = malloc(s->noverrides * sizeof *moved))) {
			fail(err, errlen, "out of memory");
			goto done;
		}
		moved[b++] = o;
	}

	if (b) {
		qsort(moved, b, sizeof *moved, cmp_occ_q);
		size_t n = a + b < max ? a + b : max, i = 0, j = 0;
		if (n && !(merged = malloc(n * sizeof *merged))) {
			fail(err, errlen, "out of memory");
			goto done;
		}
		for (size_t k = 0; k < n; k++)
			merged[k] = (j >= b || (i < a && cmp_occ(&out[i], &moved[j]) <= 0)) ? out[i++] : moved[j++];
		if (a + b > max)
			trunc = true;
		if (n)
			memcpy(out, merged, n * sizeof *out);
		a = n;
	}
	rc = (int)a;
done:
	free(moved);
	free(merged);
	ctx_free(&c);
	if (truncated)
		*truncated = trunc;
	return rc;
}

int cal_preview(const cal_series *s, size_t n, cal_local *out, bool *truncated, long *budget, char *err,
                size_t errlen)
{
	struct ctx c;
	bool trunc = false;
	size_t k = 0;
	if (truncated)
		*truncated = false;
	if (ctx_init(&c, s, budget, err, errlen) < 0)
		return -1;
	if (n > INT_MAX)
		n = INT_MAX;
	if (n && !out) {
		ctx_free(&c);
		return fail(err, errlen, "no room for the starts");
	}
	long long lo_w = c.start_w;
	if (c.nrd && c.rd[0] < lo_w)
		lo_w = c.rd[0];
	struct members m;
	members_init(&m, &c, lo_w, cal_local_wall((cal_local){9999, 12, 31, 0, 0, 0}));
	for (;;) {
		long long x;
		int r = members_next(&m, &x, err, errlen);
		if (r == -2) {
			ctx_free(&c);
			return -1;
		}
		if (r == -1)
			trunc = true;
		if (r != 1)
			break;
		if (contains(c.ex, c.nex, x))
			continue;
		if (k == n) {
			trunc = true;
			break;
		}
		cal_local t = cal_wall_local(x);
		out[k++] = s->all_day ? t : cal_zone_to_local(c.zone, cal_zone_to_utc(c.zone, t));
	}
	ctx_free(&c);
	if (truncated)
		*truncated = trunc;
	return (int)k;
}

int cal_series_check(const cal_series *s, char *err, size_t errlen)
{
	struct ctx c;
	if (ctx_init(&c, s, NULL, err, errlen) < 0)
		return -1;
	int produces = s->rrule && *s->rrule ? cal_walk_produces(c.walk) : 1;
	ctx_free(&c);
	if (produces == 0)
		return fail(err, errlen, "the rule never produces an occurrence after the first from this start");
	return 0;
}
