/* schedule.c - the occurrences of stored series: model structs in, sorted occurrences out. */
#include "cal/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

static int parse_all(arena *a, const char *const *in, size_t n, cal_local **out)
{
	*out = arena_alloc(a, (n ? n : 1) * sizeof **out);
	for (size_t i = 0; i < n; i++)
		if (cal_parse_local(in[i], &(*out)[i]) != 0)
			return -1;
	return 0;
}

int schedule_to_cal(arena *a, const series *s, cal_series *out)
{
	memset(out, 0, sizeof *out);
	out->tzid = s->tzid;
	out->all_day = s->all_day;
	out->rrule = s->rrule;
	if (cal_parse_local(s->start_local, &out->start) != 0 || cal_parse_local(s->end_local, &out->end) != 0)
		return -1;
	cal_local *rd, *ex;
	if (parse_all(a, s->rdates, s->nrdates, &rd) || parse_all(a, s->exdates, s->nexdates, &ex))
		return -1;
	out->rdates = rd;
	out->nrdates = s->nrdates;
	out->exdates = ex;
	out->nexdates = s->nexdates;
	cal_override *ov = arena_alloc(a, (s->noverrides ? s->noverrides : 1) * sizeof *ov);
	for (size_t i = 0; i < s->noverrides; i++) {
		const series_override *o = &s->overrides[i];
		if (cal_parse_local(o->recurrence_id, &ov[i].recurrence_id) != 0)
			return -1;
		ov[i].cancelled = o->cancelled;
		ov[i].moved = o->start_local && o->end_local;
		if (ov[i].moved &&
		    (cal_parse_local(o->start_local, &ov[i].start) != 0 || cal_parse_local(o->end_local, &ov[i].end) != 0))
			return -1;
		ov[i].id = (long long)i; /* the index back into s->overrides */
	}
	out->overrides = ov;
	out->noverrides = s->noverrides;
	return 0;
}

static int by_start(const void *x, const void *y)
{
	const occurrence *a = x, *b = y;
	if (a->start_utc != b->start_utc)
		return a->start_utc < b->start_utc ? -1 : 1;
	if (a->series->id != b->series->id)
		return a->series->id < b->series->id ? -1 : 1;
	/* one series twice at one instant (an occurrence moved onto another's time): still one order */
	return strcmp(a->recurrence_id ? a->recurrence_id : "", b->recurrence_id ? b->recurrence_id : "");
}

/* Appends the occurrences of one series to *occ (malloc'd, grown as needed). -1 out of memory. */
static int append(arena *a, const series *s, const cal_occurrence *buf, int got, occurrence **occ, size_t *count,
                  size_t *cap)
{
	for (int k = 0; k < got; k++) {
		if (*count == *cap) {
			size_t nc = *cap * 2;
			occurrence *grown = realloc(*occ, nc * sizeof **occ);
			if (!grown)
				return -1;
			*occ = grown;
			*cap = nc;
		}
		occurrence *o = &(*occ)[(*count)++];
		o->series = s;
		o->start_utc = buf[k].start_utc;
		o->end_utc = buf[k].end_utc;
		o->start = buf[k].start;
		o->end = buf[k].end;
		char rid[20];
		cal_format_local(buf[k].recurrence_id, rid);
		o->recurrence_id = arena_strdup(a, rid);
		o->override = buf[k].override ? &s->overrides[buf[k].override->id] : NULL;
		o->cancelled = buf[k].cancelled;
	}
	return 0;
}

/* The smallest share of the budget a series gets, so that one with many occurrences in the window is not
 * cut by a share split among thousands of series. */
#define MIN_SHARE 20000L

int schedule_expand(arena *a, const series *list, size_t nseries, long long from_utc, long long to_utc,
                    size_t max_each, size_t max_total, occurrence **out, size_t *n, bool *truncated, long *budget)
{
	*n = 0;
	*truncated = false;
	size_t cap = 64, count = 0, nretry = 0;
	occurrence *occ = malloc(cap * sizeof *occ);
	cal_occurrence *buf = malloc((max_each ? max_each : 1) * sizeof *buf);
	size_t *retry = malloc((nseries ? nseries : 1) * sizeof *retry);
	cal_series *cs = arena_alloc(a, (nseries ? nseries : 1) * sizeof *cs);
	if (!occ || !buf || !retry)
		goto oom;
	for (size_t i = 0; i < nseries; i++) {
		const series *s = &list[i];
		char err[256];
		bool cut = false;
		if (schedule_to_cal(a, s, &cs[i]) != 0) {
			log_error("msg=\"series has unreadable times\" series=%lld", s->id);
			continue;
		}
		long share = *budget / (long)(nseries - i);
		if (share < MIN_SHARE)
			share = *budget < MIN_SHARE ? *budget : MIN_SHARE;
		long mine = share;
		int got = cal_expand(&cs[i], from_utc, to_utc, max_each, buf, &cut, &mine, err, sizeof err);
		*budget -= share - mine;
		if (got < 0) {
			log_error("msg=\"series does not expand\" series=%lld cause=\"%s\"", s->id, err);
			continue;
		}
		if (cut && (size_t)got < max_each && mine <= 0)
			retry[nretry++] = i; /* its share ran out: more may come from what the others left */
		else
			*truncated |= cut;
		if (append(a, s, buf, got, &occ, &count, &cap) != 0)
			goto oom;
	}
	for (size_t r = 0; r < nretry; r++) {
		size_t i = retry[r];
		const series *s = &list[i];
		char err[256];
		bool cut = false;
		if (*budget <= 0) {
			*truncated = true;
			continue;
		}
		int got = cal_expand(&cs[i], from_utc, to_utc, max_each, buf, &cut, budget, err, sizeof err);
		*truncated |= cut;
		if (got < 0)
			continue;
		size_t k = 0; /* this series' first pass goes: the second holds all of it and more */
		for (size_t j = 0; j < count; j++)
			if (occ[j].series != s)
				occ[k++] = occ[j];
		count = k;
		if (append(a, s, buf, got, &occ, &count, &cap) != 0)
			goto oom;
	}
	free(buf);
	free(retry);
	qsort(occ, count, sizeof *occ, by_start);
	if (count > max_total) {
		count = max_total;
		*truncated = true;
	}
	*out = arena_alloc(a, (count ? count : 1) * sizeof **out);
	if (count)
		memcpy(*out, occ, count * sizeof *occ);
	free(occ);
	*n = count;
	return 0;
oom:
	free(occ);
	free(buf);
	free(retry);
	return -1;
}

int schedule_count_end(arena *a, const series *s, char out[32])
{
	if (!s->rrule || !strstr(s->rrule, "COUNT="))
		return 0;
	cal_series cs;
	if (schedule_to_cal(a, s, &cs) != 0)
		return -1;
	cs.rdates = NULL; /* the store adds the RDATEs; without EXDATEs the last start is the same or later */
	cs.nrdates = 0;
	cs.exdates = NULL;
	cs.nexdates = 0;
	cs.overrides = NULL;
	cs.noverrides = 0;
	long long from = cal_local_to_utc(cs.start, s->tzid);
	long long to = cal_local_to_utc((cal_local){2500, 1, 1, 0, 0, 0}, "UTC");
	if (from == CAL_TIME_INVALID || to == CAL_TIME_INVALID)
		return -1;
	cal_occurrence *occ = arena_alloc(a, (SCHEDULE_COUNT_END_MAX + 1) * sizeof *occ);
	bool truncated = false;
	char err[200];
	int got = cal_expand(&cs, from - 2 * 86400LL, to, SCHEDULE_COUNT_END_MAX + 1, occ, &truncated, NULL, err,
	                     sizeof err);
	if (got < 0)
		return -1;
	if (got == 0 || truncated || got > SCHEDULE_COUNT_END_MAX)
		return 0;
	cal_local e = occ[0].end;
	for (int i = 1; i < got; i++) /* the latest end (an occurrence's length may vary across DST) */
		if (cal_local_cmp(occ[i].end, e) > 0)
			e = occ[i].end;
	snprintf(out, 32, "%04d-%02d-%02d %02d:%02d:%02d", e.year % 10000, e.month % 100, e.day % 100, e.hour % 100,
	         e.minute % 100, e.second % 100);
	return 1;
}
