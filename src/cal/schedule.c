/* schedule.c - the occurrences of stored series: model structs in, sorted occurrences out. */
#include "cal/schedule.h"

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
	return a->series->id < b->series->id ? -1 : a->series->id > b->series->id;
}

int schedule_expand(arena *a, const series *list, size_t nseries, long long from_utc, long long to_utc,
                    size_t max_each, size_t max_total, occurrence **out, size_t *n, bool *truncated)
{
	*n = 0;
	*truncated = false;
	size_t cap = 64, count = 0;
	occurrence *occ = malloc(cap * sizeof *occ);
	cal_occurrence *buf = malloc((max_each ? max_each : 1) * sizeof *buf);
	if (!occ || !buf) {
		free(occ);
		free(buf);
		return -1;
	}
	for (size_t i = 0; i < nseries; i++) {
		const series *s = &list[i];
		cal_series cs;
		char err[256];
		bool cut = false;
		if (schedule_to_cal(a, s, &cs) != 0) {
			log_error("msg=\"series has unreadable times\" series=%lld", s->id);
			continue;
		}
		int got = cal_expand(&cs, from_utc, to_utc, max_each, buf, &cut, err, sizeof err);
		if (got < 0) {
			log_error("msg=\"series does not expand\" series=%lld cause=\"%s\"", s->id, err);
			continue;
		}
		*truncated |= cut;
		for (int k = 0; k < got; k++) {
			if (count == cap) {
				cap *= 2;
				occurrence *grown = realloc(occ, cap * sizeof *occ);
				if (!grown) {
					free(occ);
					free(buf);
					return -1;
				}
				occ = grown;
			}
			occurrence *o = &occ[count++];
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
	}
	free(buf);
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
}
