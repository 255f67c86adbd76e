/* expand/fuzz.c - libFuzzer harness: recurrence rules and their expansion, with hostile rules and windows. */
#include "fuzz.h"

#include "cal/exceptions.h"
#include "cal/expand.h"
#include "cal/rrule.h"
#include "cal/time.h"

#define MAX_TIMES 64
#define MAX_OUT 500

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	cal_init();
	return 0;
}

/* "YYYY-MM-DD HH:MM:SS" (or any shape cal_parse_local reads) from s[0..n) */
static bool local_of(const char *s, size_t n, cal_local *t)
{
	char tmp[40];
	if (n >= sizeof tmp)
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return cal_parse_local(tmp, t) == 0;
}

/* up to three '|'-separated local times */
static size_t locals_of(const char *s, size_t n, cal_local out[3])
{
	size_t k = 0;
	while (k < 3) {
		const char *bar = memchr(s, '|', n);
		size_t l = bar ? (size_t)(bar - s) : n;
		if (!local_of(s, l, &out[k]))
			return k;
		k++;
		if (!bar)
			break;
		n -= l + 1;
		s = bar + 1;
	}
	return k;
}

static bool msg_ok(const char *err, size_t errlen)
{
	return memchr(err, '\0', errlen) != NULL && utf8_valid(err, strlen(err));
}

static long long number(const char *s, size_t n)
{
	char tmp[24];
	if (n >= sizeof tmp)
		n = sizeof tmp - 1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return strtoll(tmp, NULL, 10);
}

static int cmp_occ(const cal_occurrence *a, const cal_occurrence *b)
{
	if (a->start_utc != b->start_utc)
		return a->start_utc < b->start_utc ? -1 : 1;
	return cal_local_cmp(a->recurrence_id, b->recurrence_id);
}

/*
 * The input is lines, one thing each, as a stored series and the requests made of it would give them:
 *   Z zone  A (all-day)  S start  E end  R rule (each also checked alone)  D rdate  X exdate
 *   O rid (cancelled)  M rid|start|end (moved)  W from_utc to_utc  N max  P n (preview)
 *   Q rid (is it an occurrence?)  T rid|new_start|map_until (split there)
 * Times are "YYYY-MM-DD HH:MM:SS"; what does not parse is left out, as the store would never hold it.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cal_local rd[MAX_TIMES], ex[MAX_TIMES], asks[MAX_TIMES], splits[MAX_TIMES][3];
	cal_override ov[MAX_TIMES];
	long long windows[8][2];
	size_t nrd = 0, nex = 0, nov = 0, nasks = 0, nsplits = 0, nwin = 0, max = 50, preview = 0;
	char *zone = NULL, *rule = NULL;
	cal_series s;
	memset(&s, 0, sizeof s);
	s.tzid = CAL_DEFAULT_TZID;
	local_of("2024-05-01 10:00:00", 19, &s.start);
	local_of("2024-05-01 11:00:00", 19, &s.end);
	char err[256];

	fuzz_lines in = fuzz_lines_of(data, size);
	const char *l;
	size_t n;
	while (fuzz_line(&in, &l, &n)) {
		if (n < 1)
			continue;
		const char *v = n > 2 ? l + 2 : l + n;
		size_t vn = n > 2 ? n - 2 : 0;
		cal_local t[3];
		switch (l[0]) {
		case 'Z':
			free(zone);
			s.tzid = zone = fuzz_strndup(v, vn);
			break;
		case 'A': s.all_day = true; break;
		case 'S': local_of(v, vn, &s.start); break;
		case 'E': local_of(v, vn, &s.end); break;
		case 'R': {
			free(rule);
			s.rrule = rule = fuzz_strndup(v, vn);
			memset(err, 'x', sizeof err);
			/* a rule reaches memocal as UTF-8 (forms and the import check that first): then so is the message */
			if (cal_rrule_check(rule, err, sizeof err) != 0)
				FUZZ_CHECK(memchr(err, '\0', sizeof err) && (!utf8_valid(rule, vn) || msg_ok(err, sizeof err)),
				           "cal_rrule_check's message for \"%s\": \"%.200s\"", rule, err);
			break;
		}
		case 'D':
			if (nrd < MAX_TIMES && local_of(v, vn, &t[0]))
				rd[nrd++] = t[0];
			break;
		case 'X':
			if (nex < MAX_TIMES && local_of(v, vn, &t[0]))
				ex[nex++] = t[0];
			break;
		case 'O':
		case 'M':
			if (nov < MAX_TIMES && locals_of(v, vn, t) >= (l[0] == 'O' ? 1u : 3u)) {
				memset(&ov[nov], 0, sizeof ov[nov]);
				ov[nov].recurrence_id = t[0];
				ov[nov].cancelled = l[0] == 'O';
				ov[nov].moved = l[0] == 'M';
				ov[nov].start = t[1];
				ov[nov].end = t[2];
				ov[nov].id = (long long)nov;
				nov++;
			}
			break;
		case 'W': {
			const char *sp = memchr(v, ' ', vn);
			if (sp && nwin < 8) {
				windows[nwin][0] = number(v, (size_t)(sp - v));
				windows[nwin][1] = number(sp + 1, vn - (size_t)(sp - v) - 1);
				nwin++;
			}
			break;
		}
		case 'N': max = (size_t)number(v, vn) % (MAX_OUT + 1); break;
		case 'P': preview = (size_t)number(v, vn) % 101; break;
		case 'Q':
			if (nasks < MAX_TIMES && local_of(v, vn, &t[0]))
				asks[nasks++] = t[0];
			break;
		case 'T':
			if (nsplits < MAX_TIMES && locals_of(v, vn, t) == 3)
				memcpy(splits[nsplits++], t, sizeof t);
			break;
		default: break;
		}
	}
	s.rdates = rd;
	s.nrdates = nrd;
	s.exdates = ex;
	s.nexdates = nex;
	s.overrides = ov;
	s.noverrides = nov;

	/* what is stored has passed this check (the forms and the import ask it); nothing else is expanded */
	memset(err, 'x', sizeof err);
	int checked = cal_series_check(&s, err, sizeof err);
	bool utf8_in = utf8_valid(s.tzid, strlen(s.tzid)) && (!s.rrule || utf8_valid(s.rrule, strlen(s.rrule)));
	FUZZ_CHECK(checked == 0 || (memchr(err, '\0', sizeof err) && (!utf8_in || msg_ok(err, sizeof err))),
	           "cal_series_check's message: \"%.200s\"", err);
	if (checked != 0)
		goto out;

	long long start_utc = cal_local_to_utc(s.start, s.tzid);
	if (nwin == 0) {
		windows[0][0] = start_utc - 86400;
		windows[0][1] = start_utc + 86400 * 400;
		nwin = 1;
	}
	static cal_occurrence occ[MAX_OUT];
	for (size_t w = 0; w < nwin; w++) {
		bool truncated;
		int got = cal_expand(&s, windows[w][0], windows[w][1], max, occ, &truncated, NULL, err, sizeof err);
		FUZZ_CHECK(got >= -1 && got <= (int)max, "%d occurrences for at most %zu", got, max);
		for (int i = 0; i < got; i++) {
			const cal_occurrence *o = &occ[i];
			FUZZ_CHECK(i == 0 || cmp_occ(&occ[i - 1], o) <= 0, "occurrence %d out of order", i);
			FUZZ_CHECK(o->start_utc < windows[w][1] && (o->end_utc > windows[w][0] || o->start_utc >= windows[w][0]),
			           "occurrence %d outside the window", i);
			FUZZ_CHECK(o->end_utc >= o->start_utc, "occurrence %d ends before it starts", i);
			FUZZ_CHECK(cal_local_valid(o->start) && cal_local_valid(o->recurrence_id), "occurrence %d's times", i);
			for (size_t k = 0; k < nex; k++)
				FUZZ_CHECK(cal_local_cmp(ex[k], o->recurrence_id) != 0,
				           "occurrence %d is an EXDATE", i);
		}
	}
	if (preview) {
		cal_local next[100];
		bool truncated;
		int got = cal_preview(&s, preview, next, &truncated, NULL, err, sizeof err);
		FUZZ_CHECK(got >= -1 && got <= (int)preview, "%d previewed of %zu", got, preview);
		for (int i = 1; i < got; i++)
			FUZZ_CHECK(cal_local_cmp(next[i - 1], next[i]) < 0, "preview %d out of order", i);
	}
	for (size_t i = 0; i < nasks; i++)
		FUZZ_CHECK(cal_is_occurrence(&s, asks[i], NULL, err, sizeof err) >= -1, "cal_is_occurrence");
	for (size_t i = 0; i < nsplits; i++) {
		arena a;
		arena_init(&a, 1024);
		cal_split plan;
		enum cal_split_refusal r = cal_split_plan(&a, &s, splits[i][0], splits[i][1], splits[i][2], &plan, err, sizeof err);
		if (r == CAL_SPLIT_OK) {
			/* both halves are stored as rules of their own: they must pass the same check */
			char why[256];
			FUZZ_CHECK(plan.old_rule && cal_rrule_check(plan.old_rule, why, sizeof why) == 0, "old rule \"%s\": %s",
			           plan.old_rule ? plan.old_rule : "(null)", why);
			FUZZ_CHECK(plan.new_rule && cal_rrule_check(plan.new_rule, why, sizeof why) == 0, "new rule \"%s\": %s",
			           plan.new_rule ? plan.new_rule : "(null)", why);
			for (size_t k = 0; k < plan.n; k++)
				(void)cal_split_map(&plan, plan.from[k]);
		}
		arena_free(&a);
	}
out:
	free(zone);
	free(rule);
	return 0;
}
