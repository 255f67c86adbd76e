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

#define MEMO_MAX_ROWS 20

/* The columns of each repeated part, by the name used in "<part>_<row>_<column>". */
static const rows_col party_cols[PARTY__COLS] = {
	[PARTY_ORG] = {.def = {"org", FIELD_ID, true, 0, 0, NULL}, .from = ROWS_ORGS, .key = true},
	[PARTY_SIGNATORY] = {.def = {"signatory", FIELD_ID, false, 0, 0, NULL}, .from = ROWS_PEOPLE},
};
static const rows_col member_cols[MEMBER__COLS] = {
	[MEMBER_PERSON] = {.def = {"person", FIELD_ID, true, 0, 0, NULL}, .from = ROWS_PEOPLE, .key = true},
	[MEMBER_ROLE] = {.def = {"role", FIELD_CHOICE, true, 0, 0, roles}, .choice_msg = "role", .key = true},
	[MEMBER_ORG] = {.def = {"org", FIELD_ID, false, 0, 0, NULL}, .from = ROWS_ORGS},
	[MEMBER_TITLE_EN] = {.def = {"title_en", FIELD_TEXT, false, 300, 0, NULL}},
	[MEMBER_TITLE_AZ] = {.def = {"title_az", FIELD_TEXT, false, 300, 0, NULL}},
};
static const rows_col area_cols[AREA__COLS] = {
	[AREA_EN] = {.def = {"en", FIELD_TEXT, true, 2000, 0, NULL}},
	[AREA_AZ] = {.def = {"az", FIELD_TEXT, true, 2000, 0, NULL}},
};
const rows_part memo_parts[PART__MAX] = {
	[PART_PARTY] = {.prefix = "party", .msg = "memo.party", .cols = party_cols, .ncols = PARTY__COLS,
	                .max_rows = MEMO_MAX_ROWS, .key = "parties", .legend = "memo.parties", .twice = "memo.party_twice"},
	[PART_MEMBER] = {.prefix = "member", .msg = "memo.member", .cols = member_cols, .ncols = MEMBER__COLS,
	                 .max_rows = MEMO_MAX_ROWS, .key = "members", .legend = "memo.members", .twice = "memo.member_twice"},
	[PART_AREA] = {.prefix = "area", .msg = "memo.area", .cols = area_cols, .ncols = AREA__COLS,
	               .max_rows = MEMO_MAX_ROWS, .key = "areas", .legend = "memo.areas"},
};

void memo_form_read(http_ctx *c, const rows_lists *l, const project *projects, size_t nprojects, memo_form *f,
                    memorandum_input *in)
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
	/* each cell by its column; known people and organisations; a party, or a person in a role, once */
	for (int p = 0; p < PART__MAX; p++)
		rows_read(c, &memo_parts[p], l, &f->rows[p]);

	/* dates in order: the database would refuse it too, but here the message can name the field */
	field_value *signed_on = &f->f[MF_SIGNED_ON], *from = &f->f[MF_VALID_FROM], *until = &f->f[MF_VALID_UNTIL];
	if (until->value && signed_on->value && strcmp(until->value, signed_on->value) <= 0)
		until->error = "memo.until_after_signed";
	else if (until->value && from->value && strcmp(until->value, from->value) < 0)
		until->error = "memo.until_after_from";

	/* at least two different parties */
	const rows_part *pp = &memo_parts[PART_PARTY];
	rows_data *parties = &f->rows[PART_PARTY], *members = &f->rows[PART_MEMBER];
	size_t distinct = 0;
	for (size_t i = 0; i < parties->n; i++) {
		const field_value *org = rows_cell(parties, pp, i, PARTY_ORG);
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen |= rows_cell(parties, pp, j, PARTY_ORG)->value && rows_cell(parties, pp, j, PARTY_ORG)->num == org->num;
		distinct += org->value && !seen;
	}
	if (distinct < 2)
		rows_part_error(parties, "memo.parties_min");

	/* a member's organisation, if given, must be a party (which says more than "not one of the options") */
	for (size_t i = 0; i < members->n; i++) {
		field_value *org = rows_cell(members, &memo_parts[PART_MEMBER], i, MEMBER_ORG);
		bool party = false;
		for (size_t j = 0; org->value && j < parties->n; j++)
			party |= rows_cell(parties, pp, j, PARTY_ORG)->num == org->num;
		if (org->value && !party && org->error)
			org->error = "memo.member_org_not_party";
		else if (org->value && !party)
			rows_error(members, &memo_parts[PART_MEMBER], i, MEMBER_ORG, "memo.member_org_not_party");
	}

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
	for (int p = 0; p < PART__MAX; p++)
		f->invalid += f->rows[p].invalid;
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
	in->parties = arena_alloc(c->a, (parties->n + 1) * sizeof *in->parties);
	for (size_t i = 0; i < parties->n; i++) {
		field_value *cell = rows_cell(parties, pp, i, 0);
		in->parties[i].org = cell[PARTY_ORG].num;
		in->parties[i].signatory = cell[PARTY_SIGNATORY].value ? cell[PARTY_SIGNATORY].num : 0;
	}
	in->nparties = parties->n;
	in->members = arena_alloc(c->a, (members->n + 1) * sizeof *in->members);
	for (size_t i = 0; i < members->n; i++) {
		field_value *cell = rows_cell(members, &memo_parts[PART_MEMBER], i, 0);
		in->members[i].person = cell[MEMBER_PERSON].num;
		in->members[i].role = cell[MEMBER_ROLE].value;
		in->members[i].org = cell[MEMBER_ORG].value ? cell[MEMBER_ORG].num : 0;
		in->members[i].title = (bitext){cell[MEMBER_TITLE_EN].value, cell[MEMBER_TITLE_AZ].value};
	}
	in->nmembers = members->n;
	const rows_data *areas = &f->rows[PART_AREA];
	in->areas = arena_alloc(c->a, (areas->n + 1) * sizeof *in->areas);
	for (size_t i = 0; i < areas->n; i++) {
		field_value *cell = rows_cell(areas, &memo_parts[PART_AREA], i, 0);
		in->areas[i] = (bitext){cell[AREA_EN].value, cell[AREA_AZ].value};
	}
	in->nareas = areas->n;
	in->projects = f->projects;
	in->nprojects = f->nprojects;
	if (code->value)
		in->new_project = (project){0, code->value, {pen->value, paz->value}};
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
	const char **party = arena_alloc(c->a, (np + 1) * PARTY__COLS * sizeof *party);
	for (size_t i = 0; i < np; i++) {
		party[i * PARTY__COLS + PARTY_ORG] = arena_printf(c->a, "%lld", m->parties[i].org.id);
		party[i * PARTY__COLS + PARTY_SIGNATORY] =
			m->parties[i].signatory.id ? arena_printf(c->a, "%lld", m->parties[i].signatory.id) : NULL;
	}
	const char **member = arena_alloc(c->a, (nm + 1) * MEMBER__COLS * sizeof *member);
	for (size_t i = 0; i < nm; i++) {
		const memorandum_member *mm = &m->members[i];
		const char **r = &member[i * MEMBER__COLS];
		r[MEMBER_PERSON] = arena_printf(c->a, "%lld", mm->person.id);
		r[MEMBER_ROLE] = mm->role;
		r[MEMBER_ORG] = mm->org.id ? arena_printf(c->a, "%lld", mm->org.id) : NULL;
		r[MEMBER_TITLE_EN] = mm->role_title.en;
		r[MEMBER_TITLE_AZ] = mm->role_title.az;
	}
	const char **area = arena_alloc(c->a, (na + 1) * AREA__COLS * sizeof *area);
	for (size_t i = 0; i < na; i++) {
		area[i * AREA__COLS + AREA_EN] = m->areas[i].text.en;
		area[i * AREA__COLS + AREA_AZ] = m->areas[i].text.az;
	}
	rows_fill(c, &memo_parts[PART_PARTY], NULL, party, np, &f->rows[PART_PARTY]);
	rows_fill(c, &memo_parts[PART_MEMBER], NULL, member, nm, &f->rows[PART_MEMBER]);
	rows_fill(c, &memo_parts[PART_AREA], NULL, area, na, &f->rows[PART_AREA]);
	f->projects = arena_alloc(c->a, ((m ? m->nprojects : 0) + 1) * sizeof *f->projects);
	for (size_t i = 0; m && i < m->nprojects; i++)
		f->projects[f->nprojects++] = m->projects[i].id;
	for (int p = 0; p < PART__MAX; p++)
		rows_grow(c, &memo_parts[p], &f->rows[p], 2);
}
