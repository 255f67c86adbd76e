/* memorandum_form.c - the memorandum form: its fields, its rows of parts, and reading it back. */
#include "pages/memorandum_form.h"

#include <stdlib.h>
#include <string.h>

/* the decision stored; the rest of a memorandum's life follows from its dates (migration 022) */
static const char *const statuses[] = {"draft", "signed", NULL};
static const char *const roles[] = {"signatory", "coordinator", "board_member", "contact", "participant", NULL};

const field_def memo_fields[MF__MAX] = {
	{"title_en", FIELD_TEXT, true, 500, 0, NULL},
	{"title_az", FIELD_TEXT, true, 500, 0, NULL},
	{"summary_en", FIELD_TEXTAREA, false, 10000, 0, NULL},
	{"summary_az", FIELD_TEXTAREA, false, 10000, 0, NULL},
	{"signed_on", FIELD_DATE, true, 0, 0, NULL},
	{"valid_from", FIELD_DATE, false, 0, 0, NULL},
	{"valid_until", FIELD_DATE, false, 0, 0, NULL},
	{"status", FIELD_CHOICE, true, 0, 0, statuses},
	{"source_url", FIELD_URL, false, 2048, 0, NULL},
	{"new_project_code", FIELD_TEXT, false, 32, 0, NULL},
	{"new_project_name_en", FIELD_TEXT, false, 300, 0, NULL},
	{"new_project_name_az", FIELD_TEXT, false, 300, 0, NULL},
	{"version", FIELD_INT, false, 0, 0, NULL},
};

/* The columns of each repeated part, by the name used in "<part>_<row>_<column>". */
static const struct {
	const char *prefix;
	size_t ncols;
	field_def cols[5];
} parts[PART__MAX] = {
	[PART_PARTY] = {"party", 2, {{"org", FIELD_ID, false, 0, 0, NULL}, {"signatory", FIELD_ID, false, 0, 0, NULL}}},
	[PART_MEMBER] = {"member", 5,
	                 {{"person", FIELD_ID, false, 0, 0, NULL},
	                  {"role", FIELD_CHOICE, false, 0, 0, roles},
	                  {"org", FIELD_ID, false, 0, 0, NULL},
	                  {"title_en", FIELD_TEXT, false, 300, 0, NULL},
	                  {"title_az", FIELD_TEXT, false, 300, 0, NULL}}},
	[PART_AREA] = {"area", 2, {{"en", FIELD_TEXT, false, 2000, 0, NULL}, {"az", FIELD_TEXT, false, 2000, 0, NULL}}},
};

static bool known_org(const organisation *o, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (o[i].id == id)
			return true;
	return false;
}

static bool known_person(const person *p, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id)
			return true;
	return false;
}

static long rows_sent(http_ctx *c, enum memo_part part)
{
	const char *v = form_get(&c->body, arena_printf(c->a, "%s_rows", parts[part].prefix));
	long n = v && strspn(v, "0123456789") == strlen(v) && strlen(v) < 4 ? strtol(v, NULL, 10) : 0;
	return n > MEMO_MAX_ROWS ? MEMO_MAX_ROWS : n;
}

/* Reads one part's rows; each cell validated by its column's field_def. Empty rows are dropped. */
static void read_rows(http_ctx *c, enum memo_part part, memo_form *f, field_value cells[][5])
{
	long n = rows_sent(c, part);
	f->rows[part] = arena_alloc(c->a, (size_t)(n ? n : 1) * sizeof(memo_row));
	f->nrows[part] = 0;
	for (long i = 0; i < n; i++) {
		memo_row *r = &f->rows[part][f->nrows[part]];
		field_value *cell = cells[f->nrows[part]];
		bool any = false;
		for (size_t k = 0; k < parts[part].ncols; k++) {
			const char *name = arena_printf(c->a, "%s_%ld_%s", parts[part].prefix, i, parts[part].cols[k].name);
			field_check(c->a, &parts[part].cols[k], form_get(&c->body, name), &cell[k]);
			r->v[k] = cell[k].raw;
			r->err[k] = cell[k].error;
			any |= cell[k].raw[0] != '\0';
		}
		if (any)
			f->nrows[part]++;
	}
}

static void row_error(memo_form *f, enum memo_part part, size_t row, size_t col, const char *key)
{
	if (!f->rows[part][row].err[col])
		f->rows[part][row].err[col] = key;
}

void memo_form_read(http_ctx *c, const organisation *orgs, size_t norgs, const person *people, size_t npeople,
                    const project *projects, size_t nprojects, memo_form *f, memorandum_input *in)
{
	memset(f, 0, sizeof *f);
	memset(in, 0, sizeof *in);
	fields_check(c->a, &c->body, memo_fields, MF__MAX, f->f);
	/* "active" and "expired" were choices before migration 022 (older scripts and open forms send them):
	 * both were a signed memorandum, whose dates now say which */
	field_value *st = &f->f[MF_STATUS];
	if (st->error && (strcmp(st->raw, "active") == 0 || strcmp(st->raw, "expired") == 0)) {
		st->error = NULL;
		st->value = "signed";
	}

	field_value cells[PART__MAX][MEMO_MAX_ROWS][5];
	for (int p = 0; p < PART__MAX; p++)
		read_rows(c, (enum memo_part)p, f, cells[p]);

	/* dates in order: the database would refuse it too, but here the message can name the field */
	field_value *signed_on = &f->f[MF_SIGNED_ON], *from = &f->f[MF_VALID_FROM], *until = &f->f[MF_VALID_UNTIL];
	if (until->value && signed_on->value && strcmp(until->value, signed_on->value) <= 0)
		until->error = "memo.until_after_signed";
	else if (until->value && from->value && strcmp(until->value, from->value) < 0)
		until->error = "memo.until_after_from";

	/* parties: known organisations, each once, at least two */
	size_t distinct = 0;
	for (size_t i = 0; i < f->nrows[PART_PARTY]; i++) {
		field_value *cell = cells[PART_PARTY][i];
		if (!cell[0].value) {
			row_error(f, PART_PARTY, i, 0, "invalid.required");
			continue;
		}
		if (!known_org(orgs, norgs, cell[0].num))
			row_error(f, PART_PARTY, i, 0, "invalid.choice");
		if (cell[1].value && !known_person(people, npeople, cell[1].num))
			row_error(f, PART_PARTY, i, 1, "invalid.choice");
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup |= cells[PART_PARTY][j][0].num == cell[0].num;
		if (dup)
			row_error(f, PART_PARTY, i, 0, "memo.party_twice");
		else
			distinct++;
	}
	if (distinct < 2)
		f->group_error[PART_PARTY] = "memo.parties_min";

	/* members: a known person with a role; their organisation, if given, must be a party */
	for (size_t i = 0; i < f->nrows[PART_MEMBER]; i++) {
		field_value *cell = cells[PART_MEMBER][i];
		if (!cell[0].value)
			row_error(f, PART_MEMBER, i, 0, "invalid.required");
		else if (!known_person(people, npeople, cell[0].num))
			row_error(f, PART_MEMBER, i, 0, "invalid.choice");
		if (!cell[1].value)
			row_error(f, PART_MEMBER, i, 1, "invalid.required");
		if (cell[2].value) {
			bool party = false;
			for (size_t j = 0; j < f->nrows[PART_PARTY]; j++)
				party |= cells[PART_PARTY][j][0].num == cell[2].num;
			if (!party)
				row_error(f, PART_MEMBER, i, 2, "memo.member_org_not_party");
		}
		for (size_t j = 0; j < i; j++)
			if (cells[PART_MEMBER][j][0].num == cell[0].num && cell[1].value && cells[PART_MEMBER][j][1].value &&
			    strcmp(cells[PART_MEMBER][j][1].value, cell[1].value) == 0)
				row_error(f, PART_MEMBER, i, 1, "memo.member_twice");
	}

	/* areas: both languages, always */
	for (size_t i = 0; i < f->nrows[PART_AREA]; i++)
		for (size_t k = 0; k < 2; k++)
			if (!cells[PART_AREA][i][k].value)
				row_error(f, PART_AREA, i, k, "invalid.required");

	/* projects: ticked boxes named "project", each a known id */
	f->projects = arena_alloc(c->a, (nprojects ? nprojects : 1) * sizeof *f->projects);
	for (size_t i = 0; i < c->body.count; i++) {
		if (strcmp(c->body.fields[i].name, "project") != 0)
			continue;
		for (size_t j = 0; j < nprojects; j++) {
			if (strcmp(arena_printf(c->a, "%lld", projects[j].id), c->body.fields[i].value) != 0)
				continue;
			bool seen = false;
			for (size_t k = 0; k < f->nprojects; k++)
				seen |= f->projects[k] == projects[j].id;
			if (!seen)
				f->projects[f->nprojects++] = projects[j].id;
		}
	}

	/* a new related project: all three fields, a code nobody has (tick an existing one instead) */
	field_value *code = &f->f[MF_NEW_PROJECT_CODE], *pen = &f->f[MF_NEW_PROJECT_EN], *paz = &f->f[MF_NEW_PROJECT_AZ];
	if (code->value || pen->value || paz->value) {
		for (field_value *v = code; v <= paz; v++)
			if (!v->value && !v->error)
				v->error = "invalid.required";
		if (code->value) {
			char *up = arena_strdup(c->a, code->value);
			for (char *q = up; *q; q++)
				if (*q >= 'a' && *q <= 'z')
					*q = (char)(*q - 'a' + 'A');
			if (!(up[0] >= 'A' && up[0] <= 'Z') && !(up[0] >= '0' && up[0] <= '9'))
				code->error = "memo.project_code";
			else if (strspn(up, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != strlen(up))
				code->error = "memo.project_code";
			for (size_t j = 0; !code->error && j < nprojects; j++)
				if (strcmp(projects[j].code, up) == 0)
					code->error = "memo.project_exists";
			code->value = up;
		}
	}

	for (int i = 0; i < MF__MAX; i++)
		f->invalid += f->f[i].error != NULL;
	for (int p = 0; p < PART__MAX; p++) {
		f->invalid += f->group_error[p] != NULL;
		for (size_t i = 0; i < f->nrows[p]; i++)
			for (size_t k = 0; k < parts[p].ncols; k++)
				f->invalid += f->rows[p][i].err[k] != NULL;
	}
	if (f->invalid)
		return;

	memorandum *m = &in->m;
	m->title = (bitext){f->f[MF_TITLE_EN].value, f->f[MF_TITLE_AZ].value};
	m->summary = (bitext){f->f[MF_SUMMARY_EN].value, f->f[MF_SUMMARY_AZ].value};
	m->signed_on = f->f[MF_SIGNED_ON].value;
	m->valid_from = f->f[MF_VALID_FROM].value;
	m->valid_until = f->f[MF_VALID_UNTIL].value;
	m->status = f->f[MF_STATUS].value;
	m->source_url = f->f[MF_SOURCE_URL].value;
	m->version = (int)f->f[MF_VERSION].num;
	in->parties = arena_alloc(c->a, (f->nrows[PART_PARTY] + 1) * sizeof *in->parties);
	for (size_t i = 0; i < f->nrows[PART_PARTY]; i++) {
		in->parties[i].org = cells[PART_PARTY][i][0].num;
		in->parties[i].signatory = cells[PART_PARTY][i][1].value ? cells[PART_PARTY][i][1].num : 0;
	}
	in->nparties = f->nrows[PART_PARTY];
	in->members = arena_alloc(c->a, (f->nrows[PART_MEMBER] + 1) * sizeof *in->members);
	for (size_t i = 0; i < f->nrows[PART_MEMBER]; i++) {
		field_value *cell = cells[PART_MEMBER][i];
		in->members[i].person = cell[0].num;
		in->members[i].role = cell[1].value;
		in->members[i].org = cell[2].value ? cell[2].num : 0;
		in->members[i].title = (bitext){cell[3].value, cell[4].value};
	}
	in->nmembers = f->nrows[PART_MEMBER];
	in->areas = arena_alloc(c->a, (f->nrows[PART_AREA] + 1) * sizeof *in->areas);
	for (size_t i = 0; i < f->nrows[PART_AREA]; i++)
		in->areas[i] = (bitext){cells[PART_AREA][i][0].value, cells[PART_AREA][i][1].value};
	in->nareas = f->nrows[PART_AREA];
	in->projects = f->projects;
	in->nprojects = f->nprojects;
	if (code->value)
		in->new_project = (project){0, code->value, {pen->value, paz->value}};
}

void memo_form_grow(http_ctx *c, memo_form *f, enum memo_part part)
{
	size_t n = f->nrows[part] + 2 > MEMO_MAX_ROWS ? MEMO_MAX_ROWS : f->nrows[part] + 2;
	memo_row *rows = arena_alloc(c->a, (n ? n : 1) * sizeof *rows);
	if (f->nrows[part])
		memcpy(rows, f->rows[part], f->nrows[part] * sizeof *rows);
	for (size_t i = f->nrows[part]; i < n; i++)
		for (size_t k = 0; k < 5; k++)
			rows[i].v[k] = "";
	f->rows[part] = rows;
	f->nrows[part] = n;
}

void memo_form_from(http_ctx *c, const memorandum *m, memo_form *f)
{
	memset(f, 0, sizeof *f);
	const char *raw[MF__MAX] = {0};
	if (m) {
		raw[MF_TITLE_EN] = m->title.en;
		raw[MF_TITLE_AZ] = m->title.az;
		raw[MF_SUMMARY_EN] = m->summary.en;
		raw[MF_SUMMARY_AZ] = m->summary.az;
		raw[MF_SIGNED_ON] = m->signed_on;
		raw[MF_VALID_FROM] = m->valid_from;
		raw[MF_VALID_UNTIL] = m->valid_until;
		raw[MF_STATUS] = m->status;
		raw[MF_SOURCE_URL] = m->source_url;
		raw[MF_VERSION] = arena_printf(c->a, "%d", m->version);
	} else {
		raw[MF_STATUS] = "draft";
	}
	for (int i = 0; i < MF__MAX; i++) {
		memset(&f->f[i], 0, sizeof f->f[i]);
		f->f[i].raw = raw[i] ? raw[i] : "";
		f->f[i].value = raw[i];
	}
	size_t np = m ? m->nparties : 0, nm = m ? m->nmembers : 0, na = m ? m->nareas : 0;
	f->rows[PART_PARTY] = arena_alloc(c->a, (np + 1) * sizeof(memo_row));
	for (size_t i = 0; i < np; i++) {
		f->rows[PART_PARTY][i].v[0] = arena_printf(c->a, "%lld", m->parties[i].org.id);
		f->rows[PART_PARTY][i].v[1] =
			m->parties[i].signatory.id ? arena_printf(c->a, "%lld", m->parties[i].signatory.id) : "";
	}
	f->nrows[PART_PARTY] = np;
	f->rows[PART_MEMBER] = arena_alloc(c->a, (nm + 1) * sizeof(memo_row));
	for (size_t i = 0; i < nm; i++) {
		const memorandum_member *mm = &m->members[i];
		memo_row *r = &f->rows[PART_MEMBER][i];
		r->v[0] = arena_printf(c->a, "%lld", mm->person.id);
		r->v[1] = mm->role;
		r->v[2] = mm->org.id ? arena_printf(c->a, "%lld", mm->org.id) : "";
		r->v[3] = mm->role_title.en ? mm->role_title.en : "";
		r->v[4] = mm->role_title.az ? mm->role_title.az : "";
	}
	f->nrows[PART_MEMBER] = nm;
	f->rows[PART_AREA] = arena_alloc(c->a, (na + 1) * sizeof(memo_row));
	for (size_t i = 0; i < na; i++) {
		f->rows[PART_AREA][i].v[0] = m->areas[i].text.en;
		f->rows[PART_AREA][i].v[1] = m->areas[i].text.az;
	}
	f->nrows[PART_AREA] = na;
	f->projects = arena_alloc(c->a, ((m ? m->nprojects : 0) + 1) * sizeof *f->projects);
	for (size_t i = 0; m && i < m->nprojects; i++)
		f->projects[f->nprojects++] = m->projects[i].id;
	for (int p = 0; p < PART__MAX; p++)
		memo_form_grow(c, f, (enum memo_part)p);
}
