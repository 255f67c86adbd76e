/* stmt.c - every SQL statement memocal runs, by name, with $n parameters only. */
#include "store/stmt.h"

#include <stddef.h>

static const struct {
	const char *name;
	bool read_only;
	const char *sql;
} stmts[STMT__MAX] = {
	[STMT_PING] = {"ping", true, "SELECT 1"},

	/* ---- schema_migration: the runner's own bookkeeping ---- */
	[STMT_MIGRATION_LOCK] = {"migration_lock", false,
		/* one migrator at a time, released at commit */
		"SELECT pg_advisory_xact_lock(7262906151)"},
	[STMT_MIGRATION_APPLIED] = {"migration_applied", true,
		"SELECT version, name, applied_at FROM schema_migration ORDER BY version"},
	[STMT_MIGRATION_RECORD] = {"migration_record", false,
		"INSERT INTO schema_migration (version, name) VALUES ($1, $2)"},

	/* ---- memorandum ---- */
	[STMT_MEMORANDA_LIST] = {"memoranda_list", true,
		/* $1 search text or NULL, $2 limit, $3 offset; parties in their order, both languages */
		"SELECT m.id, m.title_en, m.title_az, m.signed_on, m.valid_until, m.status,"
		" (SELECT string_agg(o.name_en, '; ' ORDER BY p.sort, o.id) FROM memorandum_party p"
		"   JOIN organisation o ON o.id = p.organisation_id WHERE p.memorandum_id = m.id),"
		" (SELECT string_agg(o.name_az, '; ' ORDER BY p.sort, o.id) FROM memorandum_party p"
		"   JOIN organisation o ON o.id = p.organisation_id WHERE p.memorandum_id = m.id)"
		" FROM memorandum m"
		" WHERE $1::text IS NULL OR strpos(lower(m.title_en), lower($1)) > 0 OR strpos(lower(m.title_az), lower($1)) > 0"
		" ORDER BY m.signed_on DESC, m.id DESC LIMIT $2 OFFSET $3"},
	[STMT_MEMORANDA_COUNT] = {"memoranda_count", true,
		"SELECT count(*) FROM memorandum m"
		" WHERE $1::text IS NULL OR strpos(lower(m.title_en), lower($1)) > 0 OR strpos(lower(m.title_az), lower($1)) > 0"},
	[STMT_MEMORANDUM_GET] = {"memorandum_get", true,
		"SELECT id, title_en, title_az, summary_en, summary_az, signed_on, valid_from, valid_until, status,"
		" source_url, version, updated_at FROM memorandum WHERE id = $1"},
	[STMT_MEMORANDUM_PARTIES] = {"memorandum_parties", true,
		/* the signatory's position is the one they hold at that party */
		"SELECT o.id, o.slug, o.kind, o.name_en, o.name_az, o.short_name_en, o.short_name_az,"
		" s.id, s.full_name_en, s.full_name_az, s.honorific_en, s.honorific_az,"
		" (SELECT pos.title_en FROM position pos WHERE pos.person_id = s.id AND pos.organisation_id = o.id"
		"   ORDER BY pos.sort, pos.id LIMIT 1),"
		" (SELECT pos.title_az FROM position pos WHERE pos.person_id = s.id AND pos.organisation_id = o.id"
		"   ORDER BY pos.sort, pos.id LIMIT 1)"
		" FROM memorandum_party p JOIN organisation o ON o.id = p.organisation_id"
		" LEFT JOIN person s ON s.id = p.signatory_id"
		" WHERE p.memorandum_id = $1 ORDER BY p.sort, o.id"},
	[STMT_MEMORANDUM_MEMBERS] = {"memorandum_members", true,
		"SELECT pe.id, pe.full_name_en, pe.full_name_az, pe.honorific_en, pe.honorific_az, mm.role,"
		" mm.role_title_en, mm.role_title_az, o.id, o.name_en, o.name_az, o.short_name_en, o.short_name_az"
		" FROM memorandum_member mm JOIN person pe ON pe.id = mm.person_id"
		" LEFT JOIN organisation o ON o.id = mm.organisation_id"
		" WHERE mm.memorandum_id = $1 ORDER BY mm.sort, pe.id, mm.role"},
	[STMT_MEMORANDUM_PROJECTS] = {"memorandum_projects", true,
		"SELECT pr.id, pr.code, pr.name_en, pr.name_az FROM memorandum_project mp"
		" JOIN project pr ON pr.id = mp.project_id WHERE mp.memorandum_id = $1 ORDER BY pr.code"},
	[STMT_MEMORANDUM_AREAS] = {"memorandum_areas", true,
		"SELECT id, text_en, text_az FROM memorandum_area WHERE memorandum_id = $1 ORDER BY sort, id"},
};

const char *stmt_name(enum stmt id)
{
	return id < STMT__MAX ? stmts[id].name : "?";
}

const char *stmt_sql(enum stmt id)
{
	return id < STMT__MAX ? stmts[id].sql : NULL;
}

bool stmt_read_only(enum stmt id)
{
	return id < STMT__MAX && stmts[id].read_only;
}
