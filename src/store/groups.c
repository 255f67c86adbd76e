/* groups.c - reading and changing groups of people and their members (migration 026). */
#include "store/groups.h"

#include <string.h>

#include "store/rows.h"
#include "util/buf.h"

static void read_group(arena *a, const PGresult *r, int i, person_group *g)
{
	g->id = row_int(r, i, 0);
	g->name = row_bitext(a, r, i, 1);
	g->version = (int)row_int(r, i, 3);
	g->members = row_int(r, i, 4);
	g->meetings = row_int(r, i, 5);
}

int store_groups_list(store *s, arena *a, long limit, long offset, person_group **out, size_t *n, long long *total)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	PGresult *r = store_exec(s, STMT_GROUP_COUNT, 0, NULL);
	if (!r)
		return -1;
	*total = row_int(r, 0, 0);
	PQclear(r);
	const char *params[] = {param_int(a, limit), param_int(a, offset)};
	r = store_exec(s, STMT_GROUP_LIST, 2, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	person_group *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++)
		read_group(a, r, i, &list[i]);
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_group_get(store *s, arena *a, long long id, person_group *g)
{
	memset(g, 0, sizeof *g);
	const char *params[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_GROUP_GET, 1, params);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found)
		read_group(a, r, 0, g);
	PQclear(r);
	return found;
}

int store_group_members(store *s, arena *a, long long id, group_member **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *params[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_GROUP_MEMBERS, 1, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	group_member *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].person_id = row_int(r, i, 0);
		list[i].name = row_bitext(a, r, i, 1);
		list[i].mailed = PQgetvalue(r, i, 3)[0] == 't';
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_group_meetings(store *s, arena *a, long long id, group_meeting **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *params[] = {param_int(a, id)};
	PGresult *r = store_exec(s, STMT_GROUP_SERIES, 1, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	group_meeting *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].series_id = row_int(r, i, 0);
		list[i].title = row_bitext(a, r, i, 1);
		list[i].status = row_str(a, r, i, 3);
		list[i].start = row_str(a, r, i, 4);
		list[i].repeats = PQgetvalue(r, i, 5)[0] == 't';
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_person_groups(store *s, arena *a, long long person_id, person_group **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *params[] = {param_int(a, person_id)};
	PGresult *r = store_exec(s, STMT_PERSON_GROUPS, 1, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	person_group *list = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *list);
	memset(list, 0, (size_t)(rows ? rows : 1) * sizeof *list);
	for (int i = 0; i < rows; i++) {
		list[i].id = row_int(r, i, 0);
		list[i].name = row_bitext(a, r, i, 1);
	}
	PQclear(r);
	*out = list;
	*n = (size_t)rows;
	return 0;
}

int store_person_attends(store *s, arena *a, long long person_id, long long **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *params[] = {param_int(a, person_id)};
	PGresult *r = store_exec(s, STMT_PERSON_ATTENDS, 1, params);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	long long *ids = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *ids);
	for (int i = 0; i < rows; i++)
		ids[i] = row_int(r, i, 0);
	PQclear(r);
	*out = ids;
	*n = (size_t)rows;
	return 0;
}

struct group_ctx {
	person_group *g;
	const long long *members;
	size_t nmembers;
	group_refusal *why;
};

/* Which name a unique violation was about, from the index the server names. */
static void name_taken(store *s, group_refusal *why)
{
	if (s->status != STORE_CONFLICT)
		return;
	why->name_az = strstr(s->constraint, "name_az") != NULL;
	why->name_en = !why->name_az;
}

static bool same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static enum change_result apply_save(store *s, arena *a, void *ctx, long long *id)
{
	struct group_ctx *x = ctx;
	person_group *g = x->g;
	enum change_result res;
	bool renamed = false;
	if (g->id == 0) {
		const char *params[] = {g->name.en, g->name.az};
		res = store_write(s, STMT_GROUP_INSERT, 2, params, id);
	} else {
		/* the meetings take a new name only when there is one: a save of the members alone leaves their
		 * attendee rows (and so every invitation) alone */
		person_group before;
		if (store_group_get(s, a, g->id, &before) < 0)
			return CHANGE_ERROR;
		renamed = !same(before.name.en, g->name.en) || !same(before.name.az, g->name.az);
		const char *params[] = {param_int(a, g->id), g->name.en, g->name.az, param_int(a, g->version)};
		res = store_write(s, STMT_GROUP_UPDATE, 4, params, NULL);
	}
	if (res == CHANGE_ERROR)
		name_taken(s, x->why);
	if (res != CHANGE_DONE)
		return res;
	const char *gid = param_int(a, *id);
	/* the members no longer listed leave; the others stay (and are not mailed again) */
	buf kept = BUF_INIT;
	buf_puts(&kept, "{");
	for (size_t i = 0; i < x->nmembers; i++)
		buf_printf(&kept, "%s%lld", i ? "," : "", x->members[i]);
	buf_puts(&kept, "}");
	const char *dparams[] = {gid, arena_strdup(a, buf_cstr(&kept))};
	buf_free(&kept);
	PGresult *r = store_exec(s, STMT_GROUP_MEMBERS_DELETE, 2, dparams);
	if (!r)
		return CHANGE_ERROR;
	PQclear(r);
	for (size_t i = 0; i < x->nmembers; i++) {
		const char *params[] = {gid, param_int(a, x->members[i]), param_int(a, (long long)i)};
		r = store_exec(s, STMT_GROUP_MEMBER_INSERT, 3, params);
		if (!r) {
			x->why->member = (int)i; /* a person deleted meanwhile */
			return CHANGE_ERROR;
		}
		PQclear(r);
	}
	if (renamed) {
		const char *params[] = {gid, g->name.en, g->name.az};
		r = store_exec(s, STMT_GROUP_RENAME_ATTENDEES, 3, params);
		if (!r)
			return CHANGE_ERROR;
		PQclear(r);
	}
	return CHANGE_DONE;
}

enum change_result store_group_save(store *s, arena *a, const actor *who, person_group *g, const long long *members,
                                    size_t nmembers, group_refusal *why)
{
	memset(why, 0, sizeof *why);
	why->member = -1;
	struct group_ctx x = {g, members, nmembers, why};
	change c = {who, g->id ? "update" : "create", "group", STMT_GROUP_SNAPSHOT, g->id,
	            g->name.en ? g->name.en : g->name.az, apply_save, &x, g->id ? &g->version : NULL, false};
	enum change_result res = store_change_unless_same(s, a, &c, STMT_PING) /* the row, its members in order */;
	if (res == CHANGE_DONE)
		g->id = c.id;
	return res;
}
