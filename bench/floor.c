/*
 * bench/floor.c - libical's own floor for a feed: how long libical alone takes to build and serialise the
 * very components a rendered feed holds (issue 18 item 2: a cold render within 5x of it). Built and run by
 * bench/run, not by the product's Makefile.
 *
 *     floor FEED.ics [ROUNDS]
 *
 * Reads the feed memocal-feed rendered and parses it (not timed), then, ROUNDS times (default 5), times:
 * a new VCALENDAR, each of its properties and components (every VTIMEZONE and VEVENT) built again
 * property by property (icalproperty_new_clone: a new property with a copy of its value and parameters,
 * the same allocations memocal makes with icalproperty_new_*), the whole tree serialised at once with
 * icalcomponent_as_ical_string_r, and everything freed. No database, no time arithmetic, no files: a lower
 * bound for producing the same events. Prints one line:
 *
 *     FLOOR vevents=N components=N bytes=N best_s=S median_s=S same_bytes=yes|no
 *
 * same_bytes: whether what it wrote is the feed byte for byte (memocal mends one libical folding bug;
 * "no" there only means such a line occurred, bench/run prints it as it is).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 20, n = 0;
	char *s = malloc(cap + 1);
	size_t r;
	while (s && (r = fread(s + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			char *t = realloc(s, 2 * cap + 1);
			if (!t) {
				free(s);
				s = NULL;
				break;
			}
			s = t;
			cap *= 2;
		}
	}
	fclose(f);
	if (s)
		s[n] = '\0';
	*len = n;
	return s;
}

/* A new component of c's kind with each of c's properties built again, and its subcomponents the same way. */
static icalcomponent *rebuild(icalcomponent *c)
{
	icalcomponent *out = icalcomponent_new(icalcomponent_isa(c));
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY))
	{
		icalproperty *q = icalproperty_new_clone(p);
		const char *x = icalproperty_isa(q) == ICAL_X_PROPERTY ? icalproperty_get_x_name(q) : NULL;
		if (x && strcmp(x, "X-LK") == 0) {
			icalproperty_set_x_name(q, "LINK"); /* as memocal makes it */
			for (icalparameter *a = icalproperty_get_first_parameter(q, ICAL_X_PARAMETER); a;
			     a = icalproperty_get_next_parameter(q, ICAL_X_PARAMETER))
				if (strcmp(icalparameter_get_xname(a), "X-LINKR") == 0)
					icalparameter_set_xname(a, "LINKREL");
		}
		icalcomponent_add_property(out, q);
	}
	/* in the order parsed: the parser added each VTIMEZONE at the front (libical does, as memocal's build does),
	 * so adding them again in that order gives back the feed's order */
	for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
	     s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		icalcomponent_add_component(out, rebuild(s));
	return out;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: floor FEED.ics [ROUNDS]\n");
		return 2;
	}
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	if (rounds < 1 || rounds > 100)
		rounds = 5;
	size_t len;
	char *feed = slurp(argv[1], &len);
	if (!feed) {
		fprintf(stderr, "floor: cannot read %s\n", argv[1]);
		return 1;
	}
	/* libical 3.0's parser does not know RFC 9253's LINK (it makes an X-LIC-ERROR of it) nor its LINKREL
	 * (dropped): parsed as X- names as long (so folded the same), and built again as LINK and LINKREL, as
	 * memocal builds them */
	char *text = malloc(len + 1);
	if (!text)
		return 1;
	memcpy(text, feed, len + 1);
	for (char *p = text; (p = strstr(p, "\nLINK;")) != NULL; p += 5)
		memcpy(p + 1, "X-LK", 4);
	for (char *p = text; (p = strstr(p, ";LINKREL=")) != NULL; p += 8) /* its parameter too */
		memcpy(p + 1, "X-LINKR", 7);
	icalcomponent *cal = icalparser_parse_string(text);
	free(text);
	if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		fprintf(stderr, "floor: %s is not a calendar\n", argv[1]);
		free(feed);
		if (cal)
			icalcomponent_free(cal);
		return 1;
	}
	int vevents = icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT);
	int components = icalcomponent_count_components(cal, ICAL_ANY_COMPONENT);
	double *t = malloc((size_t)rounds * sizeof *t);
	size_t out_len = 0;
	int same = 0;
	for (int r = 0; r < rounds; r++) {
		double t0 = now();
		icalcomponent *built = rebuild(cal);
		char *s = icalcomponent_as_ical_string_r(built);
		icalcomponent_free(built);
		t[r] = now() - t0;
		out_len = s ? strlen(s) : 0;
		same = s && out_len == len && memcmp(s, feed, len) == 0;
		const char *keep = getenv("FLOOR_OUT"); /* for a look at what it wrote */
		FILE *o = s && keep && r == rounds - 1 ? fopen(keep, "wb") : NULL;
		if (o) {
			fwrite(s, 1, out_len, o);
			fclose(o);
		}
		free(s);
	}
	qsort(t, (size_t)rounds, sizeof *t, cmp_double);
	printf("FLOOR vevents=%d components=%d bytes=%zu best_s=%.4f median_s=%.4f same_bytes=%s\n", vevents, components,
	       out_len, t[0], t[rounds / 2], same ? "yes" : "no");
	free(t);
	free(feed);
	icalcomponent_free(cal);
	icalmemory_free_ring();
	return 0;
}
