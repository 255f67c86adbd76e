/* ics/fuzz.c - libFuzzer harness: an .ics file through the upload's parse and mapping, then what is done with it. */
#include "fuzz.h"

#include "cal/ical.h"
#include "cal/import.h"
#include "cal/schedule.h"
#include "cal/time.h"
#include "util/log.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_threshold = LOG_LEVEL__MAX; /* schedule_expand logs what it skips: noise here */
	cal_init();
	return 0;
}

static bool sorted(const occurrence *o, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (o[i - 1].start_utc > o[i].start_utc)
			return false;
	return true;
}

/*
 * The input is the file as uploaded. cal_import_parse is everything pages/import.c does with it before
 * the store (structure, every value through libical, the events' meaning, each series checked the way
 * the expansion will ask). A file it accepts then goes where an imported series goes: the agenda's
 * expansion and a feed, which must read back in.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the upload's bytes and the NUL multipart.c puts after them, in a buffer of just that size */
	char *text = fuzz_strndup((const char *)data, size);
	arena a;
	arena_init(&a, 4096);
	cal_import imp;
	cal_import_problem why;
	/* memocal's default limits (config.c), so that the fuzzer meets them */
	const cal_import_limits limits = {48, 8784};
	if (cal_import_parse(&a, text, size, &limits, &imp, &why) != 0) {
		FUZZ_CHECK(why.code > CAL_IMPORT_OK && why.code < CAL_IMPORT_ERROR__MAX && why.line >= 0, "problem %d at %d",
		           (int)why.code, why.line);
		FUZZ_CHECK(!why.detail || utf8_valid(why.detail, strlen(why.detail)), "detail is not UTF-8");
		goto out;
	}
	FUZZ_CHECK(imp.n > 0 && imp.n <= CAL_IMPORT_MAX_EVENTS, "%zu series", imp.n);
	for (size_t i = 0; i < imp.n; i++) {
		series *s = &imp.list[i];
		/* what goes to PostgreSQL and into pages and feeds is text: UTF-8 without NUL */
		const char *texts[] = {s->uid, s->title.en, s->title.az, s->description.en, s->description.az, s->location,
		                       s->location_url, s->rrule, s->status};
		for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
			FUZZ_CHECK(!texts[k] || fuzz_clean_text(texts[k], strlen(texts[k])), "series %zu, text %zu", i, k);
		FUZZ_CHECK(s->uid && s->title.en && s->title.az, "series %zu without UID or title", i);
		for (size_t k = 0; k < s->nattendees; k++)
			FUZZ_CHECK(fuzz_clean_text(s->attendees[k].name.en, strlen(s->attendees[k].name.en)) &&
			                   (!s->attendees[k].email || fuzz_clean_text(s->attendees[k].email, strlen(s->attendees[k].email))),
			           "series %zu, attendee %zu", i, k);
		for (size_t k = 0; k < s->noverrides; k++) {
			const series_override *o = &s->overrides[k];
			const char *otexts[] = {o->title.en, o->title.az, o->location};
			for (size_t j = 0; j < 3; j++)
				FUZZ_CHECK(!otexts[j] || fuzz_clean_text(otexts[j], strlen(otexts[j])), "series %zu, override %zu", i, k);
		}
		FUZZ_CHECK(cal_zone_known(s->tzid), "series %zu's zone %s", i, s->tzid);
		/* what the store and the feed would add */
		s->id = (long long)i + 1;
		s->memorandum_id = 1;
		s->memorandum_title = (bitext){"Memorandum", "Memorandum"};
		s->kind = "meeting";
		s->version = 1;
		s->created_at = s->updated_at = "2024-05-01 12:00:00+00";
		for (size_t k = 0; k < s->nattendees; k++)
			s->attendees[k].id = (long long)k + 1;
	}
	/* the agenda around the first series' start, and a year that is the same for every input */
	cal_local first;
	FUZZ_CHECK(cal_parse_local(imp.list[0].start_local, &first) == 0, "start \"%s\"", imp.list[0].start_local);
	long long at = cal_local_to_utc(first, imp.list[0].tzid);
	long long windows[][2] = {{at - 86400 * 40, at + 86400 * 400}, {1714521600LL, 1746057600LL}};
	for (size_t w = 0; w < 2; w++) {
		occurrence *occ;
		size_t n;
		bool truncated;
		long budget = CAL_REQUEST_BUDGET;
		if (schedule_expand(&a, imp.list, imp.n, windows[w][0], windows[w][1], 200, 1000, &occ, &n, &truncated,
		                    &budget) == 0)
			FUZZ_CHECK(n <= 1000 && sorted(occ, n), "%zu occurrences, not in order", n);
	}
	/* the feed of those series, in each language; it must read back in as the same number of series */
	for (int l = 0; l < 2; l++) {
		/* in one language with board links (a mark where a subscriber's secret goes), in the other without */
		feed_doc d = {.lang = l ? "az" : "en", .name = "Fuzz", .description = "Fuzz feed",
		              .base_url = "https://memocal.example.org",
		              .board_base = l ? "https://memocal.example.org/board/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" : NULL,
		              .link_label = "Online meeting", .refresh_minutes = 60, .series = imp.list, .nseries = imp.n};
		size_t len;
		char err[256];
		char *feed = cal_feed_build(&d, &len, err, sizeof err);
		if (!feed)
			continue;
		FUZZ_CHECK(utf8_valid(feed, len) && strlen(feed) == len, "feed of %zu bytes", len);
		arena b;
		arena_init(&b, 4096);
		cal_import again;
		cal_import_problem why2;
		int rc = cal_import_parse(&b, feed, len, &limits, &again, &why2);
		FUZZ_CHECK(rc == 0 && again.n == imp.n, "the feed does not read back: %s at line %d (%s)",
		           cal_import_error_key(why2.code), why2.line, why2.detail ? why2.detail : "");
		arena_free(&b);
		free(feed);
	}
out:
	arena_free(&a);
	free(text);
	return 0;
}
