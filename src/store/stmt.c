/* stmt.c - every SQL statement memocal runs, by name, with $n parameters only. */
#include "store/stmt.h"

#include "util/date.h"

/* STMT_SERIES_OVERRIDES_WINDOW's bounds, local wall times: the window [$4, $5) two days wider, less the series'
 * length (k.en - k.st) at its start */
#define OVERRIDE_NEAR_FROM "(to_timestamp($4) AT TIME ZONE 'UTC' - interval '2 days' - (k.en - k.st))"
#define OVERRIDE_NEAR_TO "(to_timestamp($5) AT TIME ZONE 'UTC' + interval '2 days')"
/* a memorandum's "today": the day in memocal's zone (a constant, not a value anyone sends) */
#define LIFE_TODAY "(now() AT TIME ZONE '" DEFAULT_TZID "')::date"

#include <stddef.h>

static const struct {
	const char *name;
	bool read_only;
	const char *sql;
} stmts[STMT__MAX] = {
/* A search ($1) as a LIKE pattern on memocal_fold()ed text: folded, with LIKE's own %, _ and \ escaped,
 * so it matches exactly where strpos() found the folded text, and a pg_trgm index serves it (migration 018). */
#define FOLDED_PATTERN \
	"('%' || replace(replace(replace(memocal_fold($1), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')"
/* The same pattern made once per execution (an InitPlan), for a generic plan that tests many rows: as an expression
 * of $1, such a plan folded it again for every row it tested (the people search tested 1,713 rows for "aliyev":
 * 6.8 ms, 2.5 once). Only where the plan's shape does not depend on it: a generic plan cannot tell how selective a
 * LIKE on an InitPlan's value is, and with a LIMIT it read a whole table rather than its trigram index (the records
 * search's first look, 3 s for a rare word). A custom plan folds the pattern when it is planned, and reads its
 * selectivity from it: the lists keep FOLDED_PATTERN. */
#define FOLDED_ONCE "(SELECT " FOLDED_PATTERN ")"

/* The matches of a records search ($1, made a LIKE pattern by PATTERN: FOLDED_PATTERN or FOLDED_ONCE) in the three
 * tables, each by its words kept folded under a trigram index (search_folded, migration 041): record_id, what, text,
 * sort; ITEM, DECISION and ACTION end each table's part (a LIMIT, or an AND narrowing
 * it to one record). */
#define RECORD_MATCHES(pattern, item, decision, action) \
	"(SELECT i.record_id, 'item' AS what, concat_ws(' · ', i.title_en, i.title_az, i.notes_en, i.notes_az," \
	"   i.minutes_en, i.minutes_az) AS text, i.sort FROM record_item i" \
	"   WHERE i.search_folded LIKE " pattern item ")" \
	" UNION ALL (SELECT d.record_id, 'decision', d.year || '/' || d.number || ': ' || d.text_en || ' · ' || d.text_az," \
	"   d.sort FROM record_decision d WHERE d.search_folded LIKE " pattern decision ")" \
	" UNION ALL (SELECT a.record_id, 'action', a.what_en || ' · ' || a.what_az, a.sort FROM record_action a" \
	"   WHERE a.search_folded LIKE " pattern action ")"

/* In force (active or expiring). The first two terms follow from the life; they are spelled out for migration
 * 036's index of the memoranda not yet ended (an ended one is never in force). */
#define IN_FORCE(notice) \
	"(m.renewed_by IS NULL AND coalesce(m.valid_until, 'infinity'::date) >= " LIFE_TODAY \
	" AND memorandum_life(m, " LIFE_TODAY ", " notice ") IN ('active', 'expiring'))"
/* Whether a meeting of memorandum m was held in the MONTHS months to today: one probe of migration 035's index. */
#define HELD_WITHIN(months) \
	"EXISTS (SELECT 1 FROM held_meeting h WHERE h.memorandum_id = m.id" \
	"   AND h.day > " LIFE_TODAY " - make_interval(months => " months ") AND h.day <= " LIFE_TODAY ")"
/* The last meeting of memorandum m held by today, as text, or NULL: a probe of the same index. */
#define LAST_HELD "(SELECT max(h.day)::text FROM held_meeting h WHERE h.memorandum_id = m.id AND h.day <= " LIFE_TODAY ")"
/* A memorandum in force for longer than MONTHS months with no meeting held within them (a meeting record
 * with someone there, held_meeting of migrations 022 and 035): dormant. NOTICE, MONTHS: parameter names. */
#define DORMANT(notice, months) \
	"(" IN_FORCE(notice) \
	" AND coalesce(m.valid_from, m.signed_on) <= " LIFE_TODAY " - make_interval(months => " months ")" \
	" AND NOT " HELD_WITHIN(months) ")"
/* Expiring or expired with no decision taken (renewed, terminated): waiting for staff to decide. This is
 * memorandum_life()'s 'expiring' or 'expired' and memorandum_decided()'s false spelled out term by term (t88_life
 * holds the lists to the life each page shows): the planner then knows how many there are, and walks migration
 * 036's index in the home page's order instead of sorting all of them for the first 20. The last term bounds that
 * walk; it follows from the one before it, give or take the 3 days by which a month's end can be cut short (Aug 31
 * less six months is Feb 28). */
#define UNDECIDED(notice) \
	"(m.status <> 'draft' AND m.renewed_by IS NULL AND m.terminated_on IS NULL" \
	" AND (coalesce(m.valid_from, m.signed_on) > " LIFE_TODAY ") IS NOT TRUE" \
	" AND m.valid_until - make_interval(months => " notice ") <= " LIFE_TODAY \
	" AND m.valid_until <= " LIFE_TODAY " + make_interval(months => " notice ", days => 3))"
/* The memoranda list's state filter (pages/memoranda.c): STATE NULL for all, a life state, or one of the two
 * that the home page's lists link to, undecided and dormant. */
#define STATE_FILTER(notice, state, months) \
	" AND (" state "::text IS NULL OR CASE " state "::text WHEN 'undecided' THEN " UNDECIDED(notice) \
	" WHEN 'dormant' THEN " DORMANT(notice, months) " ELSE memorandum_life(m, " LIFE_TODAY ", " notice ") = " state " END)"

	[STMT_PING] = {"ping", true, "SELECT 1"},
	[STMT_KIND_SIZES] = {"kind_sizes", true,
		/* each kind counted up to $1 through its primary key (pages/pick.c, pages/feeds.c: a list past PICK_LISTED is
		 * not shown, so it is not read) */
		"SELECT (SELECT count(*) FROM (SELECT 1 FROM memorandum ORDER BY id LIMIT $1) m),"
		" (SELECT count(*) FROM (SELECT 1 FROM organisation ORDER BY id LIMIT $1) o),"
		" (SELECT count(*) FROM (SELECT 1 FROM person ORDER BY id LIMIT $1) p)"},

	/* ---- schema_migration: the runner's own bookkeeping ---- */
	[STMT_MIGRATION_LOCK] = {"migration_lock", false,
		/* one migrator at a time, released at commit */
		"SELECT pg_advisory_xact_lock(7262906151)"},
	[STMT_MIGRATION_APPLIED] = {"migration_applied", true,
		"SELECT version, name, applied_at FROM schema_migration ORDER BY version"},
	[STMT_MIGRATION_RECORD] = {"migration_record", false,
		"INSERT INTO schema_migration (version, name) VALUES ($1, $2)"},

	/* ---- memorandum ---- */
/* A page of the memoranda list: the memoranda WHERE picks, newest signed first, LIMIT of them after OFFSET (NOTICE
 * months: memorandum_life's); then each one's parties in their order, in both languages, for the page's rows only
 * (the rows OFFSET skips had their parties read too: the third page read 75 memoranda's). */
#define MEMORANDA_PAGE(where, limit, offset, notice) \
	"SELECT m.id, m.title_en, m.title_az, m.signed_on, m.valid_until, m.life, pa.en, pa.az" \
	" FROM (SELECT m.id, m.title_en, m.title_az, m.signed_on, m.valid_until," \
	"   memorandum_life(m, " LIFE_TODAY ", " notice ") AS life FROM memorandum m WHERE " where \
	"   ORDER BY m.signed_on DESC, m.id DESC LIMIT " limit " OFFSET " offset ") m" \
	/* both languages' names in one pass over the parties (two subqueries read them twice) */ \
	" CROSS JOIN LATERAL (SELECT string_agg(o.name_en, '; ' ORDER BY p.sort, o.id) AS en," \
	"   string_agg(o.name_az, '; ' ORDER BY p.sort, o.id) AS az FROM memorandum_party p" \
	"   JOIN organisation o ON o.id = p.organisation_id WHERE p.memorandum_id = m.id) pa" \
	" ORDER BY m.signed_on DESC, m.id DESC"
	/* The list without a search: one statement for each kind of state filter, so that each reads by its own index
	 * (migration 036's for undecided and dormant; the count of all by the primary key). In one statement with
	 * "$5 IS NULL OR CASE $5 ..." the generic plan evaluated the CASE row by row for every memorandum: the count of
	 * the undecided took 4 ms on the large installation. A life state (memorandum_life) has no index: it is a
	 * function of today's date. */
	[STMT_MEMORANDA_LIST] = {"memoranda_list", true,
		/* $1 limit, $2 offset, $3 notice months */
		MEMORANDA_PAGE("TRUE", "$1", "$2", "$3")},
	[STMT_MEMORANDA_COUNT] = {"memoranda_count", true, "SELECT count(*) FROM memorandum"},
	[STMT_MEMORANDA_LIST_UNDECIDED] = {"memoranda_list_undecided", true,
		/* $1 limit, $2 offset, $3 notice months */
		MEMORANDA_PAGE(UNDECIDED("$3"), "$1", "$2", "$3")},
	[STMT_MEMORANDA_COUNT_UNDECIDED] = {"memoranda_count_undecided", true,
		/* $1 notice months */
		"SELECT count(*) FROM memorandum m WHERE " UNDECIDED("$1")},
	[STMT_MEMORANDA_LIST_DORMANT] = {"memoranda_list_dormant", true,
		/* $1 limit, $2 offset, $3 notice months, $4 dormant months */
		MEMORANDA_PAGE(DORMANT("$3", "$4"), "$1", "$2", "$3")},
	[STMT_MEMORANDA_COUNT_DORMANT] = {"memoranda_count_dormant", true,
		/* $1 notice months, $2 dormant months */
		"SELECT count(*) FROM memorandum m WHERE " DORMANT("$1", "$2")},
	[STMT_MEMORANDA_LIST_LIFE] = {"memoranda_list_life", true,
		/* $1 limit, $2 offset, $3 notice months, $4 a life state */
		MEMORANDA_PAGE("memorandum_life(m, " LIFE_TODAY ", $3) = $4::text", "$1", "$2", "$3")},
	[STMT_MEMORANDA_COUNT_LIFE] = {"memoranda_count_life", true,
		/* $1 notice months, $2 a life state */
		"SELECT count(*) FROM memorandum m WHERE memorandum_life(m, " LIFE_TODAY ", $1) = $2::text"},
	/* A search ($1): the trigram index finds the few that match first, and the state filter looks at those. */
	[STMT_MEMORANDA_LIST_SEARCH] = {"memoranda_list_search", true,
		/* $1 search text, $2 limit, $3 offset, $4 notice months, $5 state or NULL, $6 dormant months;
		 * parties in their order, both languages */
		MEMORANDA_PAGE("m.search_folded LIKE " FOLDED_PATTERN STATE_FILTER("$4", "$5", "$6"),
		               "$2", "$3", "$4")},
	[STMT_MEMORANDA_COUNT_SEARCH] = {"memoranda_count_search", true,
		"SELECT count(*) FROM memorandum m"
		" WHERE m.search_folded LIKE " FOLDED_PATTERN STATE_FILTER("$2", "$3", "$4")},
	[STMT_MEMORANDUM_GET] = {"memorandum_get", true,
		/* $2 notice months: memorandum_life() (migration 022) says what the dates and decisions make it today */
		"SELECT id, title_en, title_az, summary_en, summary_az, signed_on, valid_from, valid_until, status,"
		" source_url, version, updated_at, memorandum_life(m, " LIFE_TODAY ", $2), renewed_by,"
		" (SELECT p.id FROM memorandum p WHERE p.renewed_by = m.id), terminated_on, termination_reason_en,"
		" termination_reason_az,"
		/* the day the successor was signed (the renewal decided), and its title: the renewal on the report's
		 * timeline */
		" (SELECT coalesce(n.signed_on, n.valid_from)::text FROM memorandum n WHERE n.id = m.renewed_by),"
		" (SELECT n.title_en FROM memorandum n WHERE n.id = m.renewed_by),"
		" (SELECT n.title_az FROM memorandum n WHERE n.id = m.renewed_by)"
		" FROM memorandum m WHERE id = $1"},
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
		"SELECT id, text_en, text_az, frequency FROM memorandum_area WHERE memorandum_id = $1 ORDER BY sort, id"},

	/* ---- staff_user ---- */
/* the timestamps as "YYYY-MM-DD HH:MM" in UTC, whatever the server's TimeZone */
#define USER_COLUMNS "id, login, password_hash, role, lang, display_name, disabled, version," \
	" to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), to_char(last_login_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')," \
	" time_zone, email, digest"
	[STMT_USER_BY_LOGIN] = {"user_by_login", true, "SELECT " USER_COLUMNS " FROM staff_user WHERE login = $1"},
	[STMT_USER_GET] = {"user_get", true, "SELECT " USER_COLUMNS " FROM staff_user WHERE id = $1"},
	[STMT_USER_LIST] = {"user_list", true, "SELECT " USER_COLUMNS " FROM staff_user ORDER BY login"},
	[STMT_USER_INSERT] = {"user_insert", false,
		"INSERT INTO staff_user (login, password_hash, role, display_name) VALUES ($1, $2, $3, $4) RETURNING id"},
	[STMT_USER_UPDATE] = {"user_update", false,
		/* $5 is the version the editor saw: no row back means someone else saved first */
		"UPDATE staff_user SET role = $2, display_name = $3, disabled = $4, version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $5 RETURNING id"},
	[STMT_USER_SET_PASSWORD] = {"user_set_password", false,
		"UPDATE staff_user SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id"},
	[STMT_USER_SET_LANG] = {"user_set_lang", false, "UPDATE staff_user SET lang = $2 WHERE id = $1"},
	[STMT_USER_SET_SETTINGS] = {"user_set_settings", false,
		/* a person's own settings page; $6 is the version the form was opened at: no row back means the
		 * account changed since (another tab, a new password, an administrator), and nothing is saved */
		"UPDATE staff_user SET lang = $2, time_zone = $3, email = $4, digest = $5, version = version + 1,"
		" updated_at = now() WHERE id = $1 AND version = $6 RETURNING id"},
	[STMT_USER_LOGGED_IN] = {"user_logged_in", false, "UPDATE staff_user SET last_login_at = now() WHERE id = $1"},
	[STMT_USER_SNAPSHOT] = {"user_snapshot", true,
		/* never the hash; a short fingerprint of it instead, so a new password shows in the log as a change */
		"SELECT (to_jsonb(u) - 'password_hash' - 'last_login_at'"
		" || jsonb_build_object('password', left(md5(password_hash), 12)))::text FROM staff_user u WHERE id = $1"},
	[STMT_USER_ACTIVE_ADMINS] = {"user_active_admins", true,
		"SELECT count(*) FROM staff_user WHERE role = 'admin' AND NOT disabled AND id <> $1"},

	/* ---- staff_session: only a hash of the cookie's secret is stored ---- */
	[STMT_SESSION_INSERT] = {"session_insert", false,
		"INSERT INTO staff_session (id_hash, user_id, csrf_token, expires_at, address, user_agent)"
		" VALUES ($1, $2, $3, now() + make_interval(secs => $4::int), $5, left($6, 300))"},
	[STMT_SESSION_LOAD] = {"session_load", true,
		"SELECT u.id, u.login, u.role, u.lang, u.display_name, s.csrf_token, u.time_zone"
		" FROM staff_session s JOIN staff_user u ON u.id = s.user_id"
		" WHERE s.id_hash = $1 AND s.expires_at > now() AND NOT u.disabled"},
	[STMT_SESSION_DELETE] = {"session_delete", false, "DELETE FROM staff_session WHERE id_hash = $1"},
	[STMT_SESSION_DELETE_USER] = {"session_delete_user", false, "DELETE FROM staff_session WHERE user_id = $1"},
	[STMT_SESSION_SWEEP] = {"session_sweep", false, "DELETE FROM staff_session WHERE expires_at < now()"},

	/* ---- login_failure and login_device (migration 014): keys 'account:<login>', 'pair:<address> <login>',
	 * 'device:<hash>'; past login_brake_limit(key) failures a try waits 1 min after the last one, doubling up
	 * to 15 min; a day without failures forgets. $1 account key, $2 pair key, $3 the device cookie's hash
	 * (NULL: none), $4 the login typed. Answers whether the browser is trusted for that login (then
	 * neither brake applies), and the seconds the account or the pair must still wait. ---- */
	[STMT_LOGIN_WAIT] = {"login_wait", true,
		"SELECT $3::text IS NOT NULL"
		"   AND EXISTS (SELECT 1 FROM login_device d JOIN staff_user u ON u.id = d.user_id"
		"               WHERE d.id_hash = $3 AND u.login = $4 AND d.expires_at > now())"
		"   AND NOT EXISTS (SELECT 1 FROM login_failure WHERE key = 'device:' || $3"
		"                   AND failures >= login_brake_limit(key) AND last_failure_at > now() - interval '1 day'),"
		" coalesce((SELECT max(ceil(extract(epoch FROM last_failure_at + make_interval(secs =>"
		"   least(900, 60 * power(2, failures - login_brake_limit(key)))) - now())))"
		"   FROM login_failure WHERE key IN ($1, $2)"
		"   AND failures >= login_brake_limit(key) AND last_failure_at > now() - interval '1 day'), 0)::int"},
	[STMT_LOGIN_FAILED] = {"login_failed", false,
		"INSERT INTO login_failure AS f (key, failures, last_failure_at) VALUES ($1, 1, now())"
		" ON CONFLICT (key) DO UPDATE SET last_failure_at = now(),"
		" failures = CASE WHEN f.last_failure_at < now() - interval '1 day' THEN 1 ELSE f.failures + 1 END"},
	/* a success forgets its pair's and its browser's failures, and the account's only while they are
	 * under the limit: an attack in progress stays braked when the owner logs in */
	[STMT_LOGIN_CLEAR] = {"login_clear", false,
		"DELETE FROM login_failure WHERE key = $1 AND (key NOT LIKE 'account:%' OR failures < login_brake_limit(key))"},
	[STMT_LOGIN_SWEEP] = {"login_sweep", false,
		"DELETE FROM login_failure WHERE last_failure_at < now() - interval '1 day'"},
	/* $1 the new device's hash, $2 the user, $3 lifetime in seconds, $4 the hash it replaces (or NULL) */
	[STMT_DEVICE_INSERT] = {"device_insert", false,
		"WITH gone AS (DELETE FROM login_device WHERE expires_at < now() OR id_hash = $4)"
		" INSERT INTO login_device (id_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3::int))"},

	/* ---- audit_log: $7/$8 are before/after snapshots; an update that changed nothing is not recorded ---- */
	[STMT_AUDIT_INSERT] = {"audit_insert", false,
		"INSERT INTO audit_log (user_id, user_login, action, entity, entity_id, label, changes)"
		" SELECT $1, $2, $3, $4, $5, $6, CASE $3::text WHEN 'update' THEN audit_diff($7::jsonb, $8::jsonb)"
		"   WHEN 'create' THEN coalesce($8::jsonb, '{}') ELSE coalesce($7::jsonb, '{}') END"
		" WHERE $3::text <> 'update' OR audit_diff($7::jsonb, $8::jsonb) <> '{}'::jsonb"},
	/* A page of the log by keyset on (at, id) (audit_log_at_idx, audit_log_entity_at_idx), never OFFSET:
	 * $1 entity or NULL, $2 entity id or NULL, $3 how many, $4 the entry the page goes on from. OLDER: the
	 * entries after it in the log's order (newest first); NEWER: those before it, oldest first (the page
	 * reverses them). */
#define AUDIT_COLUMNS \
	"id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), user_login, action, entity, entity_id, label," \
	" changes::text FROM audit_log WHERE ($1::text IS NULL OR entity = $1) AND ($2::bigint IS NULL OR entity_id = $2)"
	[STMT_AUDIT_LIST] = {"audit_list", true,
		"SELECT " AUDIT_COLUMNS " ORDER BY at DESC, id DESC LIMIT $3"},
	[STMT_AUDIT_ALL] = {"audit_all", true,
		/* the whole log's first page ($1 the most rows), newest first, by audit_log_at_idx (as audit_of_entity) */
		"SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), user_login, action, entity, entity_id, label,"
		" changes::text FROM audit_log ORDER BY at DESC, id DESC LIMIT $1"},
	[STMT_AUDIT_OF_ENTITY] = {"audit_of_entity", true,
		/* one entity's first page ($1 entity, $2 its id, $3 the most rows), as a memorandum's page shows it: a
		 * statement of its own, so that its generic plan reads audit_log_entity_at_idx (migration 018) without the
		 * "IS NULL OR" of audit_list, and the page runs without switching plan modes (plans, below) */
		"SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), user_login, action, entity, entity_id, label,"
		" changes::text FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY at DESC, id DESC LIMIT $3"},
	[STMT_AUDIT_OLDER] = {"audit_older", true,
		"SELECT " AUDIT_COLUMNS " AND (at, id) < (SELECT at, id FROM audit_log WHERE id = $4::bigint)"
		" ORDER BY at DESC, id DESC LIMIT $3"},
	[STMT_AUDIT_NEWER] = {"audit_newer", true,
		"SELECT " AUDIT_COLUMNS " AND (at, id) > (SELECT at, id FROM audit_log WHERE id = $4::bigint)"
		" ORDER BY at, id LIMIT $3"},

	/* ---- form_key: a create claims its form's key first; a second send finds the first's record ---- */
	[STMT_FORM_KEY_EXPIRE] = {"form_key_expire", false,
		/* a day is ample for a retry; SKIP LOCKED: two creates never wait for each other here */
		"DELETE FROM form_key WHERE key IN (SELECT key FROM form_key WHERE created_at < now() - interval '1 day'"
		" ORDER BY created_at LIMIT 100 FOR UPDATE SKIP LOCKED)"},
	[STMT_FORM_KEY_CLAIM] = {"form_key_claim", false,
		/* no row back: the key was claimed by a transaction that committed (one in flight is waited for) */
		"INSERT INTO form_key (key, entity, user_id) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key"},
	[STMT_FORM_KEY_GET] = {"form_key_get", true,
		"SELECT entity, record_id, user_id FROM form_key WHERE key = $1"},
	[STMT_FORM_KEY_SET] = {"form_key_set", false, "UPDATE form_key SET record_id = $2 WHERE key = $1"},

	/* ---- organisation ---- */
#define ORG_COLUMNS "id, slug, kind, name_en, name_az, short_name_en, short_name_az, website, version"
/* a search: the folded names, short names and slug (migration 041's search_folded) under a trigram index */
#define ORG_MATCH "(search_folded LIKE " FOLDED_PATTERN ")"
	[STMT_ORGS_LIST] = {"orgs_list", true,
		"SELECT " ORG_COLUMNS " FROM organisation WHERE $1::text IS NULL ORDER BY name_en, id LIMIT $2 OFFSET $3"},
	[STMT_ORGS_COUNT] = {"orgs_count", true, "SELECT count(*) FROM organisation WHERE $1::text IS NULL"},
	[STMT_ORGS_LIST_SEARCH] = {"orgs_list_search", true,
		"SELECT " ORG_COLUMNS " FROM organisation WHERE " ORG_MATCH " ORDER BY name_en, id LIMIT $2 OFFSET $3"},
	[STMT_ORGS_COUNT_SEARCH] = {"orgs_count_search", true, "SELECT count(*) FROM organisation WHERE " ORG_MATCH},
	/* the same for a reader in Azerbaijani: by name_az in the Azerbaijani alphabet (migration 043's index) */
	[STMT_ORGS_LIST_AZ] = {"orgs_list_az", true,
		"SELECT " ORG_COLUMNS " FROM organisation WHERE $1::text IS NULL"
		" ORDER BY name_az COLLATE \"az-x-icu\", id LIMIT $2 OFFSET $3"},
	[STMT_ORGS_LIST_SEARCH_AZ] = {"orgs_list_search_az", true,
		"SELECT " ORG_COLUMNS " FROM organisation WHERE " ORG_MATCH
		" ORDER BY name_az COLLATE \"az-x-icu\", id LIMIT $2 OFFSET $3"},
	[STMT_ORG_GET] = {"org_get", true, "SELECT " ORG_COLUMNS " FROM organisation WHERE id = $1"},
	[STMT_ORG_INSERT] = {"org_insert", false,
		"INSERT INTO organisation (slug, kind, name_en, name_az, short_name_en, short_name_az, website)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"},
	[STMT_ORG_UPDATE] = {"org_update", false,
		"UPDATE organisation SET slug = $2, kind = $3, name_en = $4, name_az = $5, short_name_en = $6,"
		" short_name_az = $7, website = $8, version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $9 RETURNING id"},
	[STMT_ORG_DELETE] = {"org_delete", false, "DELETE FROM organisation WHERE id = $1 AND version = $2 RETURNING id"},
	[STMT_ORG_SNAPSHOT] = {"org_snapshot", true, "SELECT (to_jsonb(o) - 'search_folded')::text FROM organisation o WHERE id = $1"},
	[STMT_ORG_OPTIONS] = {"org_options", true,
		/* $1 at most: a form lists organisations only while they are few (pages/pick.c) */
		"SELECT id, name_en, name_az FROM organisation ORDER BY name_en, id LIMIT $1"},
	[STMT_ORG_NAMES] = {"org_names", true,
		"SELECT id, name_en, name_az FROM organisation WHERE id = ANY ($1::bigint[]) ORDER BY name_en, id"},
	[STMT_ORG_FIND] = {"org_find", true,
		/* $1 a name typed into a form's organisation field, $2 how many: those it names (as the list's search),
		 * one whose name or short name (either language) folds to it first, then by name */
		"SELECT id, name_en, name_az, exact FROM (SELECT id, name_en, name_az,"
		"   memocal_fold($1) IN (memocal_fold(name_en), memocal_fold(name_az), memocal_fold(coalesce(short_name_en, '')),"
		"                        memocal_fold(coalesce(short_name_az, ''))) AS exact"
		"   FROM organisation WHERE " ORG_MATCH ") o ORDER BY exact DESC, name_en, id LIMIT $2"},
	[STMT_ORG_OPTIONS_OF] = {"org_options_of", true,
		/* the parties of the memoranda $1 '{id,…}', and organisation $2: one list of keys (an OR of the two had
		 * read every organisation) */
		"SELECT id, name_en, name_az FROM organisation WHERE id = ANY (ARRAY(SELECT organisation_id"
		" FROM memorandum_party WHERE memorandum_id = ANY ($1::bigint[])) || $2::bigint) ORDER BY name_en, id"},
	[STMT_ORG_MEMORANDA] = {"org_memoranda", true,
		"SELECT m.id, m.title_en, m.title_az, m.signed_on, m.valid_until, memorandum_life(m, " LIFE_TODAY ", $2), NULL, NULL"
		" FROM memorandum_party p JOIN memorandum m ON m.id = p.memorandum_id"
		" WHERE p.organisation_id = $1 ORDER BY m.signed_on DESC, m.id DESC"},
	[STMT_ORG_PEOPLE] = {"org_people", true,
		"SELECT pe.id, pe.full_name_en, pe.full_name_az, pos.title_en, pos.title_az"
		" FROM position pos JOIN person pe ON pe.id = pos.person_id"
		" WHERE pos.organisation_id = $1 ORDER BY pos.sort, pe.full_name_en, pe.id"},

	/* ---- memorandum: writing; the parts are replaced as a whole inside the audited transaction ---- */
	[STMT_MEMORANDUM_INSERT] = {"memorandum_insert", false,
		"INSERT INTO memorandum (title_en, title_az, summary_en, summary_az, signed_on, valid_from, valid_until,"
		" status, source_url) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"},
	[STMT_MEMORANDUM_UPDATE] = {"memorandum_update", false,
		"UPDATE memorandum SET title_en = $2, title_az = $3, summary_en = $4, summary_az = $5, signed_on = $6,"
		" valid_from = $7, valid_until = $8, status = $9, source_url = $10, version = version + 1,"
		" updated_at = now() WHERE id = $1 AND version = $11 RETURNING id"},
	[STMT_MEMORANDUM_DELETE] = {"memorandum_delete", false,
		"DELETE FROM memorandum WHERE id = $1 AND version = $2 RETURNING id"},
	[STMT_MEMORANDUM_SNAPSHOT] = {"memorandum_snapshot", true,
		/* the record with its parts, by name, so the audit log shows who was added or removed */
		"SELECT (to_jsonb(m) - 'search_folded' || jsonb_build_object("
		" 'parties', (SELECT coalesce(jsonb_agg(o.name_en || coalesce(' / ' || s.full_name_en, '') ORDER BY p.sort), '[]')"
		"   FROM memorandum_party p JOIN organisation o ON o.id = p.organisation_id"
		"   LEFT JOIN person s ON s.id = p.signatory_id WHERE p.memorandum_id = m.id),"
		" 'members', (SELECT coalesce(jsonb_agg(pe.full_name_en || ' (' || concat_ws(', ', mm.role,"
		"   nullif(concat_ws(' / ', mm.role_title_en, mm.role_title_az), ''), mo.name_en) || ')' ORDER BY mm.sort), '[]')"
		"   FROM memorandum_member mm JOIN person pe ON pe.id = mm.person_id"
		"   LEFT JOIN organisation mo ON mo.id = mm.organisation_id WHERE mm.memorandum_id = m.id),"
		" 'projects', (SELECT coalesce(jsonb_agg(pr.code ORDER BY pr.code), '[]')"
		"   FROM memorandum_project mp JOIN project pr ON pr.id = mp.project_id WHERE mp.memorandum_id = m.id),"
		" 'areas', (SELECT coalesce(jsonb_agg(a.text_en || ' / ' || a.text_az || coalesce(' (' || a.frequency || ': ' || (SELECT"
		"   string_agg(x.series_id::text, ', ' ORDER BY x.series_id) FROM area_series x WHERE x.area_id = a.id) || ')', '')"
		"   ORDER BY a.sort), '[]') FROM memorandum_area a WHERE a.memorandum_id = m.id),"
		" 'amendments', (SELECT coalesce(jsonb_agg(am.amended_on || ' ' || am.title_en ORDER BY am.amended_on, am.id), '[]')"
		"   FROM memorandum_amendment am WHERE am.memorandum_id = m.id)))::text"
		" FROM memorandum m WHERE m.id = $1"},
	[STMT_MEMORANDUM_STATE] = {"memorandum_state", true,
		/* everything a save writes, to tell an unchanged save (store_change_unless_same): the parts in their order,
		 * not by the numbers that keep it (a save numbers them afresh) */
		"SELECT jsonb_build_object('m', to_jsonb(m) - 'version' - 'updated_at' - 'search_folded',"
		" 'parties', (SELECT jsonb_agg(to_jsonb(p) - 'sort' ORDER BY p.sort, p.organisation_id) FROM memorandum_party p"
		"   WHERE p.memorandum_id = m.id),"
		" 'members', (SELECT jsonb_agg(to_jsonb(x) - 'sort' ORDER BY x.sort, x.person_id) FROM memorandum_member x"
		"   WHERE x.memorandum_id = m.id),"
		" 'projects', (SELECT jsonb_agg(x.project_id ORDER BY x.project_id) FROM memorandum_project x"
		"   WHERE x.memorandum_id = m.id),"
		" 'areas', (SELECT jsonb_agg(to_jsonb(a) - 'sort' || jsonb_build_object('series', (SELECT jsonb_agg(x.series_id"
		"   ORDER BY x.series_id) FROM area_series x WHERE x.area_id = a.id)) ORDER BY a.sort, a.id)"
		"   FROM memorandum_area a WHERE a.memorandum_id = m.id))::text"
		" FROM memorandum m WHERE m.id = $1"},
	[STMT_MEMORANDUM_CLEAR_PARTS] = {"memorandum_clear_parts", false,
		/* members first: they refer to the parties */
		/* not the areas: they keep their ids, and so their commitments, by position (AREA_INSERT) */
		"WITH mm AS (DELETE FROM memorandum_member WHERE memorandum_id = $1),"
		" mp AS (DELETE FROM memorandum_project WHERE memorandum_id = $1)"
		" SELECT 1"},
	[STMT_MEMORANDUM_CLEAR_PARTIES] = {"memorandum_clear_parties", false,
		"DELETE FROM memorandum_party WHERE memorandum_id = $1"},
	[STMT_MEMORANDUM_PARTY_INSERT] = {"memorandum_party_insert", false,
		"INSERT INTO memorandum_party (memorandum_id, organisation_id, signatory_id, sort) VALUES ($1, $2, $3, $4)"},
	[STMT_MEMORANDUM_MEMBER_INSERT] = {"memorandum_member_insert", false,
		"INSERT INTO memorandum_member (memorandum_id, person_id, organisation_id, role, role_title_en, role_title_az,"
		" sort) VALUES ($1, $2, $3, $4, $5, $6, $7)"},
	[STMT_MEMORANDUM_PROJECT_INSERT] = {"memorandum_project_insert", false,
		"INSERT INTO memorandum_project (memorandum_id, project_id) VALUES ($1, $2)"},
	[STMT_MEMORANDUM_AREA_INSERT] = {"memorandum_area_insert", false,
		/* the area at place $2 (after AREA_RENUMBER) takes the new text, or a new area is made there */
		"WITH u AS (UPDATE memorandum_area SET text_en = $3, text_az = $4 WHERE memorandum_id = $1 AND sort = $2"
		"  RETURNING id)"
		" INSERT INTO memorandum_area (memorandum_id, sort, text_en, text_az) SELECT $1, $2, $3, $4"
		" WHERE NOT EXISTS (SELECT 1 FROM u)"},
	[STMT_MEMORANDUM_PERSON_CHOICES] = {"memorandum_person_choices", true,
		/* $1 at most: a form lists people only while they are few (pages/pick.c); by person_full_name_en_idx */
		"SELECT id, full_name_en, full_name_az FROM person ORDER BY full_name_en, id LIMIT $1"},
	[STMT_MEMORANDUM_CHOICES] = {"memorandum_choices", true,
		/* $1 at most, newest signed first as the list shows them, by memorandum_signed_on_idx: id and titles only */
		"SELECT id, title_en, title_az FROM memorandum ORDER BY signed_on DESC, id DESC LIMIT $1"},
	[STMT_PERSON_NAMES] = {"person_names", true,
		/* $1 ids: those people (id, names), as memorandum_person_choices orders them */
		"SELECT id, full_name_en, full_name_az FROM person WHERE id = ANY ($1::bigint[]) ORDER BY full_name_en, id"},
	[STMT_PROJECT_CHOICES] = {"project_choices", true, "SELECT id, code, name_en, name_az FROM project ORDER BY code"},
	[STMT_PROJECT_INSERT] = {"project_insert", false,
		"INSERT INTO project (code, name_en, name_az) VALUES ($1, $2, $3) RETURNING id"},

	/* ---- person and its positions ---- */
#define PERSON_COLUMNS "p.id, p.full_name_en, p.full_name_az, p.honorific_en, p.honorific_az, p.email, p.preferred_lang, p.version, p.email_pref"
	/* A page of people by keyset on (full_name_en, id) (person_full_name_en_idx, migration 018), never OFFSET
	 * and never counted: $1 the search text (NULL for the whole list; the whole list's statements only test it
	 * so that every statement numbers its parameters alike), $2 how many, $3 the key's full_name_en as the
	 * link knew it (NULL: the key person's name now), $4 the key person's id. AFTER: the people after the key
	 * in the list's order; BEFORE: those before it, nearest first (the page reverses them). A key whose
	 * person is gone and whose name is not given compares as NULL: no rows, never an error. */
#define PEOPLE_SELECT \
	"SELECT " PERSON_COLUMNS ", pos.en, pos.az"
/* each person's positions in both languages, in one pass (two subqueries read them twice) */
#define PEOPLE_POSITIONS \
	" CROSS JOIN LATERAL (SELECT string_agg(x.title_en || ', ' || coalesce(o.short_name_en, o.name_en), '; '" \
	"   ORDER BY x.sort, x.id) AS en, string_agg(x.title_az || ', ' || coalesce(o.short_name_az, o.name_az), '; '" \
	"   ORDER BY x.sort, x.id) AS az FROM position x JOIN organisation o ON o.id = x.organisation_id" \
	"   WHERE x.person_id = p.id) pos"
#define PEOPLE_ALL PEOPLE_SELECT " FROM person p" PEOPLE_POSITIONS " WHERE $1::text IS NULL"
/* A search: the matches first, from person_search (the folded names, honorifics, e-mail and positions) through
 * its trigram index, sorted by the name it holds (migration 037), and only the page's people read, each by its
 * key, so a page costs what the search finds. MATERIALIZED keeps that order: without it the generic plan walks
 * the name index from the key and tests each person past it (35 ms on 20,000 people for a rare word past the
 * middle, against 0.2 ms). KEY: the keyset condition on the matches, ORDER: "" or " DESC". */
#define PEOPLE_FOUND(key, order) \
	"WITH found AS MATERIALIZED (SELECT person_id, sort_name FROM person_search WHERE folded LIKE " FOLDED_ONCE ") " \
	PEOPLE_SELECT " FROM (SELECT f.person_id FROM found f" key \
	" ORDER BY f.sort_name" order ", f.person_id" order " LIMIT $2) f" \
	" CROSS JOIN LATERAL (SELECT * FROM person x WHERE x.id = f.person_id OFFSET 0) p" PEOPLE_POSITIONS
#define PERSON_KEY "(coalesce($3::text, (SELECT k.full_name_en FROM person k WHERE k.id = $4::bigint)), $4::bigint)"
#define PEOPLE_FORWARD " ORDER BY p.full_name_en, p.id LIMIT $2"
#define PEOPLE_BACKWARD " ORDER BY p.full_name_en DESC, p.id DESC LIMIT $2"
	[STMT_PEOPLE_LIST] = {"people_list", true, PEOPLE_ALL PEOPLE_FORWARD},
	[STMT_PEOPLE_AFTER] = {"people_after", true,
		PEOPLE_ALL " AND (p.full_name_en, p.id) > " PERSON_KEY PEOPLE_FORWARD},
	[STMT_PEOPLE_BEFORE] = {"people_before", true,
		PEOPLE_ALL " AND (p.full_name_en, p.id) < " PERSON_KEY PEOPLE_BACKWARD},
	[STMT_PEOPLE_LIST_SEARCH] = {"people_list_search", true, PEOPLE_FOUND("", "") PEOPLE_FORWARD},
	[STMT_PEOPLE_AFTER_SEARCH] = {"people_after_search", true,
		PEOPLE_FOUND(" WHERE (f.sort_name, f.person_id) > " PERSON_KEY, "") PEOPLE_FORWARD},
	[STMT_PEOPLE_BEFORE_SEARCH] = {"people_before_search", true,
		PEOPLE_FOUND(" WHERE (f.sort_name, f.person_id) < " PERSON_KEY, " DESC") PEOPLE_BACKWARD},
	[STMT_PERSON_FIND] = {"person_find", true,
		/* $1 a name typed into a form's person field, $2 how many: the people it names, one whose whole name (either
		 * language) folds to it first, then by name; found through person_search's trigram index as the search is,
		 * and each person then read by key */
		"WITH found AS MATERIALIZED (SELECT person_id, sort_name FROM person_search WHERE folded LIKE " FOLDED_PATTERN
		" ORDER BY sort_name, person_id LIMIT 200)"
		" SELECT p.id, p.full_name_en, p.full_name_az, p.exact FROM found f"
		" CROSS JOIN LATERAL (SELECT x.*, memocal_fold(x.full_name_en) = memocal_fold($1)"
		"   OR memocal_fold(coalesce(x.full_name_az, '')) = memocal_fold($1) AS exact"
		"   FROM person x WHERE x.id = f.person_id OFFSET 0) p"
		" ORDER BY p.exact DESC, p.full_name_en, p.id LIMIT $2"},
	[STMT_PERSON_GET] = {"person_get", true, "SELECT " PERSON_COLUMNS " FROM person p WHERE p.id = $1"},
	[STMT_PERSON_POSITIONS] = {"person_positions", true,
		"SELECT pos.organisation_id, o.name_en, o.name_az, o.short_name_en, o.short_name_az, pos.title_en, pos.title_az"
		" FROM position pos JOIN organisation o ON o.id = pos.organisation_id"
		" WHERE pos.person_id = $1 ORDER BY pos.sort, pos.id"},
	[STMT_PERSON_INSERT] = {"person_insert", false,
		"INSERT INTO person (full_name_en, full_name_az, honorific_en, honorific_az, email, preferred_lang, email_pref)"
		" VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, 'every')) RETURNING id"},
	[STMT_PERSON_UPDATE] = {"person_update", false,
		/* $8 is the version the editor saw: no row back means someone else saved first */
		"UPDATE person SET full_name_en = $2, full_name_az = $3, honorific_en = $4, honorific_az = $5, email = $6,"
		" preferred_lang = $7, email_pref = coalesce($9, email_pref), version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $8 RETURNING id"},
	[STMT_PERSON_LOCK] = {"person_lock", false,
		/* before a delete: holds off new memberships (they take KEY SHARE on the person) until commit */
		"SELECT id FROM person WHERE id = $1 AND version = $2 FOR UPDATE"},
	[STMT_PERSON_REFERENCES] = {"person_references", true,
		/* meeting records name people too (migration 016): an action's owner, an attendance row; a
		 * delete must not fail on the former's key nor take the latter's history with it */
		"SELECT (SELECT count(*) FROM memorandum_member WHERE person_id = $1)"
		" + (SELECT count(*) FROM memorandum_party WHERE signatory_id = $1)"
		" + (SELECT count(*) FROM record_action WHERE owner_id = $1)"
		" + (SELECT count(*) FROM record_attendance WHERE person_id = $1)"},
	[STMT_PERSON_DELETE] = {"person_delete", false,
		"DELETE FROM person WHERE id = $1 AND version = $2 RETURNING id"},
	[STMT_PERSON_SNAPSHOT] = {"person_snapshot", true,
		/* the positions without their ids, which change whenever they are saved */
		"SELECT (to_jsonb(p) || jsonb_build_object('positions', coalesce((SELECT jsonb_agg(jsonb_build_object("
		"   'organisation_id', pos.organisation_id, 'title_en', pos.title_en, 'title_az', pos.title_az)"
		"   ORDER BY pos.sort, pos.id) FROM position pos WHERE pos.person_id = p.id), '[]'::jsonb)))::text"
		" FROM person p WHERE p.id = $1"},
	[STMT_PERSON_POSITIONS_DELETE] = {"person_positions_delete", false, "DELETE FROM position WHERE person_id = $1"},
	[STMT_POSITION_INSERT] = {"position_insert", false,
		"INSERT INTO position (person_id, organisation_id, title_en, title_az, sort) VALUES ($1, $2, $3, $4, $5)"
		" RETURNING id"},
	[STMT_PERSON_MEMORANDA] = {"person_memoranda", true,
		"SELECT m.id, m.title_en, m.title_az, m.signed_on, memorandum_life(m, " LIFE_TODAY ", $2), mm.role, mm.role_title_en, mm.role_title_az"
		" FROM memorandum_member mm JOIN memorandum m ON m.id = mm.memorandum_id"
		" WHERE mm.person_id = $1 ORDER BY m.signed_on DESC, m.id DESC, mm.sort, mm.role"},
	[STMT_PERSON_GROUPS] = {"person_groups", true,
		"SELECT g.id, g.name_en, g.name_az FROM person_group_member gm JOIN person_group g ON g.id = gm.group_id"
		" WHERE gm.person_id = $1 ORDER BY coalesce(g.name_en, g.name_az), g.id"},
	[STMT_PERSON_ATTENDS] = {"person_attends", true,
		/* the series a person attends: as themselves, or as a member of a group that attends */
		"SELECT t.series_id FROM attendee t WHERE t.person_id = $1"
		" UNION SELECT t.series_id FROM person_group_member g JOIN attendee t ON t.group_id = g.group_id"
		" WHERE g.person_id = $1"},

	/* ---- groups of people (migration 026) ---- */
#define GROUP_COLUMNS "g.id, g.name_en, g.name_az, g.version," \
	" (SELECT count(*) FROM person_group_member gm WHERE gm.group_id = g.id)," \
	" (SELECT count(DISTINCT t.series_id) FROM attendee t WHERE t.group_id = g.id)"
	[STMT_GROUP_LIST] = {"group_list", true,
		/* $1 limit, $2 offset; by name (English, else Azerbaijani) */
		"SELECT " GROUP_COLUMNS " FROM person_group g ORDER BY lower(coalesce(g.name_en, g.name_az)), g.id"
		" LIMIT $1 OFFSET $2"},
	[STMT_GROUP_COUNT] = {"group_count", true, "SELECT count(*) FROM person_group"},
	[STMT_GROUP_GET] = {"group_get", true, "SELECT " GROUP_COLUMNS " FROM person_group g WHERE g.id = $1"},
	[STMT_GROUP_MEMBERS] = {"group_members", true,
		/* with what mail reaches them: an address and every change (mail_recipients, migration 026) */
		"SELECT p.id, p.full_name_en, p.full_name_az, p.email IS NOT NULL AND p.email_pref = 'every'"
		" FROM person_group_member gm JOIN person p ON p.id = gm.person_id"
		" WHERE gm.group_id = $1 ORDER BY gm.sort, p.full_name_en, p.id"},
	[STMT_GROUP_SERIES] = {"group_series", true,
		/* the meetings the group attends, soonest first, live ones before cancelled */
		"SELECT s.id, s.title_en, s.title_az, s.status, s.start_local::text, s.rrule IS NOT NULL FROM series s"
		" WHERE EXISTS (SELECT 1 FROM attendee t WHERE t.series_id = s.id AND t.group_id = $1)"
		" ORDER BY s.status = 'cancelled', s.start_local, s.id LIMIT 200"},
	[STMT_GROUP_INSERT] = {"group_insert", false,
		"INSERT INTO person_group (name_en, name_az) VALUES ($1, $2) RETURNING id"},
	[STMT_GROUP_UPDATE] = {"group_update", false,
		/* $4 the version the editor saw */
		"UPDATE person_group SET name_en = $2, name_az = $3, version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $4 RETURNING id"},
	[STMT_GROUP_MEMBERS_DELETE] = {"group_members_delete", false,
		/* those no longer listed: a member kept is not taken out and put back (which would mail them) */
		"DELETE FROM person_group_member WHERE group_id = $1 AND NOT (person_id = ANY ($2::bigint[]))"},
	[STMT_GROUP_MEMBER_INSERT] = {"group_member_insert", false,
		"INSERT INTO person_group_member (group_id, person_id, sort) VALUES ($1, $2, $3)"
		" ON CONFLICT (group_id, person_id) DO UPDATE SET sort = EXCLUDED.sort"
		" WHERE person_group_member.sort IS DISTINCT FROM EXCLUDED.sort RETURNING person_id"},
	[STMT_GROUP_RENAME_ATTENDEES] = {"group_rename_attendees", false,
		/* the meetings show the group's name as their attendee rows hold it: a new name reaches them */
		"UPDATE attendee SET group_en = $2, group_az = $3 WHERE group_id = $1"
		" AND (group_en IS DISTINCT FROM $2 OR group_az IS DISTINCT FROM $3)"},
	[STMT_GROUP_SNAPSHOT] = {"group_snapshot", true,
		"SELECT (to_jsonb(g) - 'updated_at' || jsonb_build_object('members', coalesce((SELECT jsonb_agg(gm.person_id"
		"   ORDER BY gm.sort, gm.person_id) FROM person_group_member gm WHERE gm.group_id = g.id), '[]'::jsonb)))::text"
		" FROM person_group g WHERE g.id = $1"},

	/* ---- audit_log for the admin pages ---- */
	[STMT_AUDIT_CHANGES] = {"audit_changes", true,
		/* $1 '{id,…}': each entry's fields as rows (entry in $1's order, then field name), old and new
		 * as text cut to 200 letters. An update holds {"field": [old, new]}; a create or delete the
		 * whole record, which is the new or the old value. */
		"SELECT a.id, c.key,"
		" CASE WHEN char_length(v.old) > 200 THEN left(v.old, 200) || '…' ELSE v.old END,"
		" CASE WHEN char_length(v.new) > 200 THEN left(v.new, 200) || '…' ELSE v.new END"
		" FROM audit_log a CROSS JOIN LATERAL jsonb_each(a.changes) c"
		" CROSS JOIN LATERAL (SELECT"
		"   CASE a.action WHEN 'update' THEN c.value -> 0 WHEN 'delete' THEN c.value END #>> '{}' AS old,"
		"   CASE a.action WHEN 'update' THEN c.value -> 1 WHEN 'create' THEN c.value END #>> '{}' AS new) v"
		" WHERE a.id = ANY ($1::bigint[]) AND c.key NOT IN ('version', 'created_at', 'updated_at', 'password_hash')"
		" ORDER BY array_position($1::bigint[], a.id), c.key"},

	/* ---- series, series_override, attendee ---- */
#define WINDOW_RANGE \
	"tsrange(to_timestamp($4::bigint) AT TIME ZONE 'UTC' - interval '2 days'," \
	" to_timestamp($5::bigint) AT TIME ZONE 'UTC' + interval '2 days', '[]')"
#define SERIES_FIELDS \
	"s.id, s.memorandum_id, m.title_en, m.title_az, s.kind, s.uid, s.title_en, s.title_az, s.description_en," \
	" s.description_az, s.location, s.location_url, s.tzid, s.all_day, s.start_local, s.end_local, s.rrule," \
	" s.rdates, s.exdates, s.status, s.sequence, s.version, s.created_at, s.updated_at, s.cancelled_at, s.quorum"
#define SERIES_FROM " FROM series s JOIN memorandum m ON m.id = s.memorandum_id"
#define SERIES_COLUMNS SERIES_FIELDS SERIES_FROM
/* After SERIES_FIELDS (store/series.c reads it as column 26): the start, in Unix seconds, of the last of the rows of
 * x (a window's first $3 indexed occurrences after a key, in the pages' order) when there are $3 of them, else
 * NULL: nothing that starts after it can be among the first $3 - 1, so a page need not expand past it. */
#define WINDOW_CUT_COLUMN ", (SELECT date_part('epoch', max(x.start_utc))::bigint FROM x HAVING count(*) = $3)"
	[STMT_SERIES_LIST] = {"series_list", true,
		/* $1 memorandum, $2 organisation (a party), $3 person (attends, in a group that attends, or a member of
		 * the memorandum); NULL: any */
		"SELECT " SERIES_COLUMNS
		" WHERE ($1::bigint IS NULL OR s.memorandum_id = $1)"
		" AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM memorandum_party p"
		"   WHERE p.memorandum_id = s.memorandum_id AND p.organisation_id = $2))"
		" AND ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM attendee t WHERE t.series_id = s.id AND t.person_id = $3)"
		"   OR EXISTS (SELECT 1 FROM attendee t JOIN person_group_member g ON g.group_id = t.group_id"
		"     WHERE t.series_id = s.id AND g.person_id = $3)"
		"   OR EXISTS (SELECT 1 FROM memorandum_member mm WHERE mm.memorandum_id = s.memorandum_id AND mm.person_id = $3))"
		" ORDER BY s.start_local, s.id"},
	[STMT_SERIES_OF_MEMORANDUM] = {"series_of_memorandum", true,
		/* $1 memorandum: series_list for a memorandum's page, without the filters' "IS NULL OR" (as audit_of_entity) */
		"SELECT " SERIES_COLUMNS " WHERE s.memorandum_id = $1 ORDER BY s.start_local, s.id"},
	[STMT_SERIES_WINDOW] = {"series_window", true,
		/* series_list's, only those that can have an occurrence in [$4, $5) (Unix seconds): their span, or
		 * one of their moved occurrences, meets the window widened by two days each side (spans are local
		 * wall clock in any zone; migration 018) */
		"SELECT " SERIES_COLUMNS
		" WHERE s.id IN (SELECT series_id FROM series_span WHERE span && " WINDOW_RANGE
		"   UNION SELECT series_id FROM series_override WHERE start_local IS NOT NULL"
		"   AND tsrange(start_local, end_local, '[]') && " WINDOW_RANGE ")"
		" AND ($1::bigint IS NULL OR s.memorandum_id = $1)"
		" AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM memorandum_party p"
		"   WHERE p.memorandum_id = s.memorandum_id AND p.organisation_id = $2))"
		" AND ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM attendee t WHERE t.series_id = s.id AND t.person_id = $3)"
		"   OR EXISTS (SELECT 1 FROM attendee t JOIN person_group_member g ON g.group_id = t.group_id"
		"     WHERE t.series_id = s.id AND g.person_id = $3)"
		"   OR EXISTS (SELECT 1 FROM memorandum_member mm WHERE mm.memorandum_id = s.memorandum_id AND mm.person_id = $3))"
		" ORDER BY s.start_local, s.id"},
	[STMT_SERIES_COUNT_PENDING] = {"series_count_pending", true,
		/* series with a COUNT rule whose last occurrence is not yet known, after id $1, by id */
		"SELECT " SERIES_COLUMNS " JOIN series_span sp ON sp.series_id = s.id"
		" WHERE s.id > $1 AND sp.count_end IS NULL AND upper(s.rrule) ~ 'COUNT=' ORDER BY s.id LIMIT $2"},
	[STMT_SERIES_COUNT_END_SET] = {"series_count_end_set", false,
		/* $2 the end of the last occurrence of the rule $3 from start $4 to end $5: kept only while the series
		 * still has that rule and those times (a save in between made it unknown again) */
		"UPDATE series_span sp SET count_end = $2::timestamp,"
		" span = memocal_series_span(s.rrule, s.start_local, s.end_local, s.rdates, $2::timestamp)"
		" FROM series s WHERE sp.series_id = $1 AND s.id = sp.series_id AND s.rrule = $3"
		" AND s.start_local = $4::timestamp AND s.end_local = $5::timestamp"},
/* The window [$1, $2) (Unix seconds) as series_window's WINDOW_RANGE, and whether the occurrence index's
 * horizon covers it (migration 030). */
#define WINDOW_RANGE_12 \
	"tsrange(to_timestamp($1::bigint) AT TIME ZONE 'UTC' - interval '2 days'," \
	" to_timestamp($2::bigint) AT TIME ZONE 'UTC' + interval '2 days', '[]')"
#define HORIZON_COVERS \
	"EXISTS (SELECT 1 FROM occurrence_horizon h WHERE h.lo <= to_timestamp($1::bigint)" \
	" AND h.hi >= to_timestamp($2::bigint))"
#define MOVED_INTO_12 "o.start_local IS NOT NULL AND tsrange(o.start_local, o.end_local, '[]') && " WINDOW_RANGE_12
/* The series the occurrence index cannot answer for in [$1, $2), found by span as before: waiting to be written or
 * with too many occurrences (030's occ_state), and every series when the window leaves the horizon. */
#define NOT_INDEXED_12 \
	"  UNION SELECT sp.series_id FROM series_span sp WHERE sp.occ_state <> 1 AND sp.span && " WINDOW_RANGE_12 \
	"  UNION SELECT o.series_id FROM series_override o JOIN series_span sp ON sp.series_id = o.series_id" \
	"    WHERE sp.occ_state <> 1 AND " MOVED_INTO_12 \
	"  UNION SELECT sp.series_id FROM series_span sp WHERE NOT " HORIZON_COVERS " AND sp.span && " WINDOW_RANGE_12 \
	"  UNION SELECT o.series_id FROM series_override o WHERE NOT " HORIZON_COVERS " AND " MOVED_INTO_12
	[STMT_SERIES_WINDOW_FIRST] = {"series_window_first", true,
		/* series_window's unfiltered kind, for a page that shows the first $3 - 1 occurrences of [$1, $2) (by start,
		 * then series, as schedule_expand sorts them), $4: only those not cancelled; $5: a later page's key, the
		 * series of the last occurrence shown before, which started at $1 (0: the first page). The series of the first $3
		 * indexed occurrences (x: every row is a true occurrence, so the true first ones are among them; one more
		 * than shown, so that expanding says whether there were more), those under way at $1, and, expanded as
		 * before by their span, every series the index does not hold (pending, or too many occurrences) and
		 * every series at all when the window leaves the horizon (a one-time filter: then only that part runs);
		 * each row with the cut (WINDOW_CUT_COLUMN) */
		"WITH x AS MATERIALIZED (SELECT o.series_id, o.start_utc FROM series_occurrence o JOIN series os ON os.id = o.series_id"
		"   WHERE (o.start_utc, o.series_id) > (to_timestamp($1::bigint), $5::bigint)"
		"   AND o.start_utc < to_timestamp($2::bigint)"
		"   AND (NOT $4::boolean OR (NOT o.cancelled AND os.status <> 'cancelled')) AND " HORIZON_COVERS
		"   ORDER BY o.start_utc, o.series_id LIMIT $3)"
		" SELECT " SERIES_FIELDS WINDOW_CUT_COLUMN SERIES_FROM
		" WHERE s.id = ANY (ARRAY(" /* an array first: the series are then read by their key, ~500 of 40,000 */
		"  SELECT x.series_id FROM x"
		"  UNION SELECT o.series_id FROM series_occurrence o"
		"    WHERE tstzrange(o.start_utc, o.end_utc) @> to_timestamp($1::bigint)"
		NOT_INDEXED_12 "))"
		" ORDER BY s.start_local, s.id"},
	/* series_window_first for a filtered page ($5 memorandum, $6 organisation, $7 person, each NULL for any; $4 the
	 * key's series, 0 for none): the filter's series that can meet the window (f, as series_window finds them),
	 * then each one's first rows of the window by the index's (series, start): a page costs what the filter
	 * holds, not the installation. */
#define FILTER_PERSON_7 \
	"  AND ($7::bigint IS NULL OR EXISTS (SELECT 1 FROM attendee t WHERE t.series_id = s.id AND t.person_id = $7)" \
	"   OR EXISTS (SELECT 1 FROM attendee t JOIN person_group_member g ON g.group_id = t.group_id" \
	"     WHERE t.series_id = s.id AND g.person_id = $7)" \
	"   OR EXISTS (SELECT 1 FROM memorandum_member mm WHERE mm.memorandum_id = s.memorandum_id AND mm.person_id = $7))"
/* From the filter's own series, each tested for the window (a memorandum's or a person's series are few, and the
 * window meets thousands): with a memorandum or an organisation, its memoranda's; with a person alone, those they
 * attend, alone or in a group, and those of the memoranda they are a member of. Each page's parameters are known
 * when it is planned: the other branch is never run. */
#define FILTER_SERIES_567 \
	"f AS MATERIALIZED (SELECT s.id FROM memorandum m JOIN series s ON s.memorandum_id = m.id" \
	"  CROSS JOIN LATERAL (SELECT 1 FROM series_span sp WHERE sp.series_id = s.id AND sp.span && " WINDOW_RANGE_12 \
	"   UNION ALL SELECT 1 FROM series_override o WHERE o.series_id = s.id AND " MOVED_INTO_12 " LIMIT 1) w" \
	"  WHERE ($5::bigint IS NOT NULL OR $6::bigint IS NOT NULL)" \
	/* the memoranda as one IN with no OR around it, which PostgreSQL can join by key (an "$6 IS NULL OR m.id IN" \
	 * was tested memorandum by memorandum against every series: 70 ms for one memorandum) */ \
	"  AND m.id IN (SELECT p.memorandum_id FROM memorandum_party p WHERE p.organisation_id = $6" \
	"   AND ($5::bigint IS NULL OR p.memorandum_id = $5) UNION ALL SELECT $5::bigint WHERE $6::bigint IS NULL)" \
	FILTER_PERSON_7 \
	" UNION ALL SELECT s.id FROM series s" \
	"  CROSS JOIN LATERAL (SELECT 1 FROM series_span sp WHERE sp.series_id = s.id AND sp.span && " WINDOW_RANGE_12 \
	"   UNION ALL SELECT 1 FROM series_override o WHERE o.series_id = s.id AND " MOVED_INTO_12 " LIMIT 1) w" \
	"  WHERE $5::bigint IS NULL AND $6::bigint IS NULL" \
	"  AND s.id IN (SELECT t.series_id FROM attendee t WHERE t.person_id = $7" \
	"   UNION SELECT t.series_id FROM attendee t JOIN person_group_member g ON g.group_id = t.group_id" \
	"     WHERE g.person_id = $7" \
	"   UNION SELECT x.id FROM memorandum_member mm JOIN series x ON x.memorandum_id = mm.memorandum_id" \
	"     WHERE mm.person_id = $7))"
	[STMT_SERIES_FILTER_FIRST] = {"series_filter_first", true,
		"WITH " FILTER_SERIES_567 ","
		/* x: f's first $3 indexed occurrences of the window after the key, from each series' own first $3 by the
		 * index (series, start) */
		" x AS MATERIALIZED (SELECT y.series_id, y.start_utc FROM f CROSS JOIN LATERAL (SELECT o.series_id, o.start_utc"
		"   FROM series_occurrence o WHERE o.series_id = f.id"
		"   AND (o.start_utc, o.series_id) > (to_timestamp($1::bigint), $4::bigint) AND o.start_utc < to_timestamp($2::bigint)"
		"   ORDER BY o.start_utc LIMIT $3) y WHERE " HORIZON_COVERS " ORDER BY y.start_utc, y.series_id LIMIT $3)"
		" SELECT " SERIES_FIELDS WINDOW_CUT_COLUMN SERIES_FROM
		" WHERE s.id = ANY (ARRAY("
		"  SELECT x.series_id FROM x"
		"  UNION SELECT o.series_id FROM series_occurrence o"
		"    WHERE tstzrange(o.start_utc, o.end_utc) @> to_timestamp($1::bigint) AND o.series_id IN (SELECT id FROM f)"
		"  UNION SELECT sp.series_id FROM series_span sp WHERE sp.occ_state <> 1 AND sp.series_id IN (SELECT id FROM f)"
		"  UNION SELECT f.id FROM f WHERE NOT " HORIZON_COVERS "))"
		" ORDER BY s.start_local, s.id"},
	[STMT_SERIES_FILTER_WINDOW] = {"series_filter_window", true,
		/* series_window's with a filter, from the filter's own series (FILTER_SERIES_567) instead of every series
		 * live in the window: a memorandum's month grid on the large installation had probed 2,900 live series'
		 * spans to keep 3 of them. $3 and $4 are not used (NULL): the parameters are numbered as FILTER_SERIES_567
		 * and series_filter_first number them */
		"WITH " FILTER_SERIES_567
		" SELECT " SERIES_COLUMNS " WHERE s.id IN (SELECT id FROM f) AND $3::bigint IS NULL AND $4::bigint IS NULL"
		" ORDER BY s.start_local, s.id"},
	[STMT_SERIES_GRID] = {"series_grid", true,
		/* the month grid's series ($1, $2 its window in Unix seconds, with a day and a half to spare on each side;
		 * $3 the viewer's midnights of its days, in order, and the one after the last; a cell shows the first
		 * $4 - 1 of a day, and says so when there are more). By the occurrence index: for each day the series of
		 * its first $4 timed starts (the true first of that day are among them), every occurrence under way at a
		 * midnight but a one-day all-day one (each multi-day one, which the grid draws as a bar, crosses one),
		 * and for each day the series
		 * of its first $4 all-day occurrences, by their own date ($5 the first day's; an all-day occurrence is
		 * placed by its date, not by an instant: migration 032); and, as series_window_first, every series the
		 * index does not hold, by span, or every series when the window leaves the horizon. */
		"SELECT " SERIES_COLUMNS
		" WHERE s.id = ANY (ARRAY("
		"  (SELECT x.series_id FROM generate_series(1, cardinality($3::bigint[]) - 1) AS d(i)"
		"    CROSS JOIN LATERAL (SELECT o.series_id FROM series_occurrence o"
		"      WHERE o.start_utc >= to_timestamp(($3::bigint[])[d.i]) AND o.start_utc < to_timestamp(($3::bigint[])[d.i + 1])"
		/* timed only (migration 038's index): an all-day one is placed by its date, which need not be this day,
		 * and had taken one of the day's $4 (the week of t87 showed 12 of a fuller day and no link to more) */
		"      AND o.day_first IS NULL ORDER BY o.start_utc, o.series_id LIMIT $4) AS x"
		"    WHERE " HORIZON_COVERS ")"
		"  UNION SELECT o.series_id FROM unnest($3::bigint[]) AS m(t) JOIN series_occurrence o"
		"    ON tstzrange(o.start_utc, o.end_utc) @> to_timestamp(m.t)"
		/* not a one-day all-day occurrence, which straddles the viewer's midnights whenever its zone is not the
		 * viewer's: it is one day's by its date (below); two days or more all day are 47 hours or more */
		"    WHERE (o.day_first IS NULL OR o.end_utc - o.start_utc > interval '26 hours') AND " HORIZON_COVERS
		"  UNION (SELECT y.series_id FROM generate_series(0, cardinality($3::bigint[]) - 2) AS e(i)"
		"    CROSS JOIN LATERAL (SELECT o.series_id FROM series_occurrence o WHERE o.day_first = $5::date + e.i"
		"      ORDER BY o.start_utc, o.series_id LIMIT $4) AS y"
		"    WHERE " HORIZON_COVERS ")"
		NOT_INDEXED_12 "))"
		" ORDER BY s.start_local, s.id"},
	[STMT_SERIES_BY_IDS] = {"series_by_ids", true,
		"SELECT " SERIES_COLUMNS " WHERE s.id = ANY ($1::bigint[]) ORDER BY s.id"},
	[STMT_OCC_ROLL] = {"occ_roll", false,
		/* the horizon becomes [$1, $2) (Unix seconds) if that is later than the stored one (a machine whose clock
		 * is behind never moves it back); then every series waits to be written again: 1 rolled, 0 not */
		"WITH h AS (INSERT INTO occurrence_horizon (only_row, lo, hi)"
		"   VALUES (true, to_timestamp($1::bigint), to_timestamp($2::bigint))"
		"   ON CONFLICT (only_row) DO UPDATE SET lo = EXCLUDED.lo, hi = EXCLUDED.hi"
		"   WHERE EXCLUDED.hi > occurrence_horizon.hi RETURNING 1),"
		" u AS (UPDATE series_span SET occ_state = 0, occ_gen = occ_gen + 1 WHERE EXISTS (SELECT 1 FROM h)),"
		" d AS (DELETE FROM series_occurrence WHERE EXISTS (SELECT 1 FROM h))"
		" SELECT count(*) FROM h"},
	[STMT_OCC_HORIZON] = {"occ_horizon", true,
		"SELECT date_part('epoch', lo)::bigint, date_part('epoch', hi)::bigint FROM occurrence_horizon"},
	[STMT_OCC_PENDING] = {"occ_pending", true,
		/* series waiting to be written (of the ids $3, or any when NULL), by id after $1, at most $2: id,
		 * generation, and whether it can have an
		 * occurrence in the horizon at all (its span, or a moved occurrence, meets it) */
		"SELECT sp.series_id, sp.occ_gen,"
		" sp.span && tsrange((h.lo AT TIME ZONE 'UTC') - interval '2 days', (h.hi AT TIME ZONE 'UTC') + interval '2 days')"
		" OR EXISTS (SELECT 1 FROM series_override o WHERE o.series_id = sp.series_id AND o.start_local IS NOT NULL"
		"   AND tsrange(o.start_local, o.end_local, '[]') && tsrange((h.lo AT TIME ZONE 'UTC') - interval '2 days',"
		"   (h.hi AT TIME ZONE 'UTC') + interval '2 days'))"
		" FROM series_span sp, occurrence_horizon h WHERE sp.occ_state = 0 AND sp.series_id > $1"
		" AND ($3::bigint[] IS NULL OR sp.series_id = ANY ($3::bigint[]))"
		" ORDER BY sp.series_id LIMIT $2"},
	[STMT_OCC_MARK_EMPTY] = {"occ_mark_empty", false,
		/* series $1[i] has no occurrence in the horizon, if its generation is still $2[i] */
		"UPDATE series_span SET occ_state = 1 WHERE occ_state = 0"
		" AND (series_id, occ_gen) IN (SELECT * FROM unnest($1::bigint[], $2::bigint[]))"},
	[STMT_OCC_WRITE] = {"occ_write", false,
		/* series $1, read at generation $2 for the horizon [$4, $5): state $3 (1 with the occurrences starting
		 * $6, ending $7, cancelled $8, and, all-day, on the date $9 (days since 1970; NULL when timed); 2 too many),
		 * unless it changed or the horizon rolled since: then nothing */
		"WITH ok AS (UPDATE series_span SET occ_state = $3::smallint"
		"   WHERE series_id = $1 AND occ_gen = $2 AND occ_state = 0 AND EXISTS (SELECT 1 FROM occurrence_horizon h"
		"   WHERE h.lo = to_timestamp($4::bigint) AND h.hi = to_timestamp($5::bigint)) RETURNING series_id)"
		" INSERT INTO series_occurrence (series_id, start_utc, end_utc, cancelled, day_first)"
		" SELECT ok.series_id, to_timestamp(x.s), to_timestamp(x.e), x.c, date '1970-01-01' + x.d::int"
		" FROM ok, unnest($6::bigint[], $7::bigint[], $8::boolean[], $9::bigint[]) AS x(s, e, c, d)"
		" WHERE $3::smallint = 1"},
	[STMT_SERIES_GET] = {"series_get", true, "SELECT " SERIES_COLUMNS " WHERE s.id = $1"},
	[STMT_SERIES_OF_PEOPLE] = {"series_of_people", true,
		"SELECT " SERIES_COLUMNS " WHERE s.id <> $2 AND s.status <> 'cancelled'"
		" AND EXISTS (SELECT 1 FROM attendee t WHERE t.series_id = s.id AND t.person_id = ANY ($1::bigint[]))"
		" ORDER BY s.start_local, s.id"},
	/* The parts of a list of series ($1 their ids): joined to the ids one by one through each table's series index.
	 * "series_id = ANY ($1)" made PostgreSQL test every row it read against the whole array: with the agenda's 500
	 * series, 30 ms instead of 5-10 (large installation, issue 18). */
	[STMT_SERIES_OVERRIDES] = {"series_overrides", true,
		/* each series' overrides by its key (OFFSET 0 keeps the subquery a loop over the ids): with a hundred ids
		 * of 40,000 series the planner had hashed all 100,000 overrides, 20 ms where the loop takes 0.5 */
		"SELECT o.id, o.series_id, o.recurrence_id, o.cancelled, o.start_local, o.end_local, o.title_en, o.title_az,"
		" o.location, o.sequence, o.updated_at FROM unnest($1::bigint[]) AS k(id)"
		" CROSS JOIN LATERAL (SELECT * FROM series_override x WHERE x.series_id = k.id OFFSET 0) o"
		" ORDER BY o.recurrence_id"},
	[STMT_SERIES_OVERRIDES_WINDOW] = {"series_overrides_window", true,
		/* the overrides an expansion of [$4, $5) (Unix seconds) can use, of the series $1 that start at $2 and end
		 * at $3 (local times): those whose recurrence id is near the window (an occurrence under way in it started
		 * up to the series' length before it), and those moved to a time that overlaps it (migration 034). Local
		 * wall times are compared with the window's UTC two days wider: no zone is 48 hours from UTC */
		"SELECT o.id, o.series_id, o.recurrence_id, o.cancelled, o.start_local, o.end_local, o.title_en, o.title_az,"
		" o.location, o.sequence, o.updated_at"
		" FROM unnest($1::bigint[], $2::timestamp[], $3::timestamp[]) AS k(id, st, en)"
		" CROSS JOIN LATERAL (SELECT * FROM series_override x WHERE x.series_id = k.id"
		"   AND x.recurrence_id >= " OVERRIDE_NEAR_FROM " AND x.recurrence_id <= " OVERRIDE_NEAR_TO
		"  UNION ALL SELECT * FROM series_override x WHERE x.series_id = k.id AND x.start_local IS NOT NULL"
		"   AND x.end_local >= " OVERRIDE_NEAR_FROM " AND x.start_local <= " OVERRIDE_NEAR_TO
		"   AND NOT (x.recurrence_id >= " OVERRIDE_NEAR_FROM " AND x.recurrence_id <= " OVERRIDE_NEAR_TO ")"
		"  OFFSET 0) o ORDER BY o.recurrence_id"},
	[STMT_SERIES_ATTENDEES] = {"series_attendees", true,
		"SELECT t.id, t.series_id, t.person_id, coalesce(p.full_name_en, t.group_en), coalesce(p.full_name_az, t.group_az),"
		" p.email, t.role, t.partstat, t.group_id FROM unnest($1::bigint[]) AS k(id)"
		" JOIN attendee t ON t.series_id = k.id LEFT JOIN person p ON p.id = t.person_id ORDER BY t.sort, t.id"},
	[STMT_SERIES_PEOPLE] = {"series_people", true,
		/* $1 series ids: the people who attend any of them, once each (a page's person filter) */
		/* each person read by key (OFFSET 0 fences the lookup): joined, the planner hashed all 20,000 people of
		 * the large installation for a page's 200 */
		"SELECT p.id, p.full_name_en, p.full_name_az"
		" FROM (SELECT DISTINCT t.person_id FROM attendee t WHERE t.series_id = ANY ($1::bigint[])) t"
		" CROSS JOIN LATERAL (SELECT * FROM person x WHERE x.id = t.person_id OFFSET 0) p ORDER BY p.id"},
	[STMT_SERIES_INSERT] = {"series_insert", false,
		"INSERT INTO series (memorandum_id, kind, uid, title_en, title_az, description_en, description_az, location,"
		" location_url, tzid, all_day, start_local, end_local, rrule, rdates, exdates, status, cancelled_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
		" CASE WHEN $17 = 'cancelled' THEN now() END) RETURNING id"},
	[STMT_SERIES_UPDATE] = {"series_update", false,
		/* SEQUENCE rises when what an attendee's calendar shows changes: times, rule, place, status
		 * (SET reads the old row on the right-hand side) */
		"UPDATE series SET kind = $2, title_en = $3, title_az = $4, description_en = $5, description_az = $6,"
		" location = $7, location_url = $8, tzid = $9, all_day = $10, start_local = $11, end_local = $12,"
		" rrule = $13, rdates = $14, exdates = $15, status = $16,"
		" sequence = sequence + CASE WHEN (tzid, all_day, start_local, end_local, rrule, rdates, exdates, status,"
		"   location, location_url) IS DISTINCT FROM ($9, $10::boolean, $11::timestamp, $12::timestamp, $13,"
		"   $14::timestamp[], $15::timestamp[], $16, $7, $8) THEN 1 ELSE 0 END,"
		" cancelled_at = CASE WHEN $16 = 'cancelled' THEN coalesce(cancelled_at, now()) END,"
		" version = version + 1, updated_at = now() WHERE id = $1 AND version = $17 RETURNING id"},
	[STMT_SERIES_DELETE] = {"series_delete", false, "DELETE FROM series WHERE id = $1 AND version = $2 RETURNING id"},
/* One attendee in a series' audit snapshot: everything the series form and an import can change
 * (who, role, participation), so that a change to any of it is logged and an unchanged import is
 * seen as one. */
#define SNAPSHOT_ATTENDEE \
	"coalesce(p.full_name_en, concat_ws(' / ', t.group_en, t.group_az)) || ' (' || t.role || ', ' || t.partstat || ')'"
	[STMT_SERIES_SNAPSHOT] = {"series_snapshot", true,
		"SELECT (to_jsonb(s) - 'sequence' - 'cancelled_at' || jsonb_build_object('attendees',"
		" (SELECT coalesce(jsonb_agg(" SNAPSHOT_ATTENDEE " ORDER BY t.sort), '[]')"
		"   FROM attendee t LEFT JOIN person p ON p.id = t.person_id WHERE t.series_id = s.id)))::text"
		" FROM series s WHERE s.id = $1"},
	[STMT_SERIES_ATTENDEES_CLEAR] = {"series_attendees_clear", false, "DELETE FROM attendee WHERE series_id = $1"},
	[STMT_SERIES_ATTENDEE_INSERT] = {"series_attendee_insert", false,
		"INSERT INTO attendee (series_id, person_id, group_en, group_az, role, partstat, sort)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7)"},

	/* ---- feed_token, feed_version: a fetch asks STMT_FEED_LOOKUP alone, and only when its worker does not
	 * remember the token (src/pages/feed.c) ---- */
	/* A nested loop by construction (OFFSET 0 keeps the subquery from being flattened): the token's
	 * row by its unique index, then its one scope's version. As a plain join the planner may hash
	 * all of a small feed_version on every request. date_part (float) costs less than extract
	 * (numeric). Measured in bench/run. */
	[STMT_FEED_LOOKUP] = {"feed_lookup", true,
		"SELECT t.id, t.scope_kind, t.scope_id, t.lang, t.revoked_at IS NOT NULL, coalesce(v.version, 0),"
		" date_part('epoch', coalesce(v.changed_at, t.created_at))::bigint"
		" FROM feed_token t LEFT JOIN LATERAL (SELECT version, changed_at FROM feed_version"
		"  WHERE scope_kind = t.scope_kind AND scope_id = t.scope_id OFFSET 0) v ON true"
		" WHERE t.secret_hash = $1"},
	[STMT_FEED_SEEN] = {"feed_seen", false, "SELECT feed_token_seen($1, $2, $3)"},
#define FEED_SCOPE_NAMES \
	" CASE t.scope_kind WHEN 'memorandum' THEN (SELECT title_en FROM memorandum WHERE id = t.scope_id)" \
	"   WHEN 'organisation' THEN (SELECT name_en FROM organisation WHERE id = t.scope_id)" \
	"   ELSE (SELECT full_name_en FROM person WHERE id = t.scope_id) END," \
	" CASE t.scope_kind WHEN 'memorandum' THEN (SELECT title_az FROM memorandum WHERE id = t.scope_id)" \
	"   WHEN 'organisation' THEN (SELECT name_az FROM organisation WHERE id = t.scope_id)" \
	"   ELSE (SELECT full_name_az FROM person WHERE id = t.scope_id) END"
	/* The feeds page: live addresses first, newest first, then the revoked ones; $1 the most rows, a page at a time
	 * by key (the last one of the page before, $2): revoked addresses stay, so the list grows with the years. */
	[STMT_FEED_TOKENS_LIST] = {"feed_tokens_list", true,
		"SELECT t.id, t.scope_kind, t.scope_id, t.lang, t.label, t.created_at, t.created_by, t.revoked_at,"
		" t.last_fetched_at, t.last_client, t.last_size, t.fetches," FEED_SCOPE_NAMES
		" FROM (SELECT * FROM feed_token t ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC LIMIT $1) t"
		" ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC"},
	[STMT_FEED_TOKENS_AFTER] = {"feed_tokens_after", true,
		"SELECT t.id, t.scope_kind, t.scope_id, t.lang, t.label, t.created_at, t.created_by, t.revoked_at,"
		" t.last_fetched_at, t.last_client, t.last_size, t.fetches," FEED_SCOPE_NAMES
		" FROM (SELECT t.* FROM feed_token t,"
		"   (SELECT revoked_at IS NOT NULL AS revoked, created_at, id FROM feed_token WHERE id = $2) k"
		"   WHERE (t.revoked_at IS NOT NULL) > k.revoked"
		"     OR ((t.revoked_at IS NOT NULL) = k.revoked AND (t.created_at, t.id) < (k.created_at, k.id))"
		"   ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC LIMIT $1) t"
		" ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC"},
	[STMT_FEED_TOKENS_OWN] = {"feed_tokens_own", true,
		/* a staff member's own addresses of the staff feed (pages/feeds.c, on /account); $1 their login, $2 the most rows */
		"SELECT t.id, t.scope_kind, t.scope_id, t.lang, t.label, t.created_at, t.created_by, t.revoked_at,"
		" t.last_fetched_at, t.last_client, t.last_size, t.fetches," FEED_SCOPE_NAMES
		" FROM feed_token t WHERE t.created_by = $1 AND t.scope_kind = 'staff'"
		" ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC LIMIT $2"},
	[STMT_FEED_TOKEN_INSERT] = {"feed_token_insert", false,
		"INSERT INTO feed_token (secret_hash, scope_kind, scope_id, lang, label, created_by)"
		" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"},
	[STMT_FEED_TOKEN_REVOKE] = {"feed_token_revoke", false,
		"UPDATE feed_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id"},
	[STMT_FEED_TOKEN_SNAPSHOT] = {"feed_token_snapshot", true,
		"SELECT (to_jsonb(t) - 'secret_hash' - 'last_fetched_at' - 'last_client' - 'last_size' - 'fetches')::text"
		" FROM feed_token t WHERE id = $1"},
	[STMT_FEED_SCOPE_NAME] = {"feed_scope_name", true,
		"SELECT" FEED_SCOPE_NAMES " FROM (SELECT $1::text AS scope_kind, $2::bigint AS scope_id) t"},
	[STMT_FEED_MEMORANDUM_DATES] = {"feed_memorandum_dates", true,
		/* and the last day to give notice, $2 months before the end, while no decision is taken (migration 022) */
		"SELECT id, title_en, title_az, signed_on, valid_until, updated_at,"
		" CASE WHEN status = 'signed' AND renewed_by IS NULL AND terminated_on IS NULL"
		"  THEN (valid_until - make_interval(months => $2))::date::text END"
		", terminated_on FROM memorandum WHERE id = $1"},

	/* ---- feed_reveal: the sealed secret of a new address, under the hash of a key only the browser holds;
	 * taken once, within ten minutes (pages/feeds.c) ---- */
	[STMT_FEED_TOKEN_GET] = {"feed_token_get", true,
		"SELECT t.id, t.scope_kind, t.scope_id, t.lang, t.label, t.created_at, t.created_by, t.revoked_at,"
		" t.last_fetched_at, t.last_client, t.last_size, t.fetches," FEED_SCOPE_NAMES
		" FROM feed_token t WHERE t.id = $1"},
	[STMT_FEED_REVEAL_EXPIRE] = {"feed_reveal_expire", false,
		"DELETE FROM feed_reveal WHERE created_at < now() - interval '10 minutes'"},
	[STMT_FEED_REVEAL_PUT] = {"feed_reveal_put", false,
		"INSERT INTO feed_reveal (key_hash, token_id, user_id, sealed) VALUES ($1, $2, $3, $4)"},
	[STMT_FEED_REVEAL_TAKE] = {"feed_reveal_take", false,
		"DELETE FROM feed_reveal WHERE key_hash = $1 AND token_id = $2 AND user_id = $3"
		" RETURNING sealed, created_at > now() - interval '10 minutes'"},

	/* ---- series_override: one occurrence changed or cancelled, and a series split (store/overrides.c) ---- */
	[STMT_SERIES_TOUCH] = {"series_touch", false,
		/* before any change to an occurrence: $2 is the version the editor saw; SEQUENCE rises for attendees */
		"UPDATE series SET sequence = sequence + 1, version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $2 RETURNING id"},
	[STMT_SERIES_EXCEPTIONS_SNAPSHOT] = {"series_exceptions_snapshot", true,
		/* series_snapshot plus one key per override ("occurrence YYYY-MM-DD HH:MM": what changed), so the
		 * audit log shows which occurrence changed and how */
		"SELECT (to_jsonb(s) - 'sequence' - 'cancelled_at' || jsonb_build_object('attendees',"
		" (SELECT coalesce(jsonb_agg(" SNAPSHOT_ATTENDEE " ORDER BY t.sort), '[]')"
		"   FROM attendee t LEFT JOIN person p ON p.id = t.person_id WHERE t.series_id = s.id))"
		" || coalesce((SELECT jsonb_object_agg('occurrence ' || to_char(o.recurrence_id, 'YYYY-MM-DD HH24:MI'),"
		"   coalesce(nullif(concat_ws('; ', CASE WHEN o.cancelled THEN 'cancelled' END,"
		"     'moved to ' || to_char(o.start_local, 'YYYY-MM-DD HH24:MI') || ' – ' || to_char(o.end_local, 'YYYY-MM-DD HH24:MI'),"
		"     'title ' || o.title_en || ' / ' || o.title_az,"
		"     CASE WHEN o.location = '' THEN 'no place' ELSE 'place ' || o.location END), ''), 'as planned'))"
		"   FROM series_override o WHERE o.series_id = s.id), '{}'::jsonb))::text"
		" FROM series s WHERE s.id = $1"},
	[STMT_OVERRIDE_UPSERT] = {"override_upsert", false,
		/* $3..$7 NULL: as the series says; cancelled stays; the override's SEQUENCE rises, never below the series' */
		"INSERT INTO series_override (series_id, recurrence_id, start_local, end_local, title_en, title_az, location,"
		" sequence) VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT sequence FROM series WHERE id = $1))"
		" ON CONFLICT (series_id, recurrence_id) DO UPDATE SET start_local = EXCLUDED.start_local,"
		" end_local = EXCLUDED.end_local, title_en = EXCLUDED.title_en, title_az = EXCLUDED.title_az,"
		" location = EXCLUDED.location, sequence = greatest(series_override.sequence + 1, EXCLUDED.sequence),"
		" updated_at = now() RETURNING id"},
	[STMT_OVERRIDE_SET_CANCELLED] = {"override_set_cancelled", false,
		"INSERT INTO series_override (series_id, recurrence_id, cancelled, sequence)"
		" VALUES ($1, $2, $3, (SELECT sequence FROM series WHERE id = $1))"
		" ON CONFLICT (series_id, recurrence_id) DO UPDATE SET cancelled = EXCLUDED.cancelled,"
		" sequence = greatest(series_override.sequence + 1, EXCLUDED.sequence), updated_at = now() RETURNING id"},
	[STMT_OVERRIDE_DELETE] = {"override_delete", false,
		"DELETE FROM series_override WHERE id = $1 AND series_id = $2 RETURNING id"},
	[STMT_OVERRIDE_MOVE] = {"override_move", false,
		/* to the new series of a split, renamed to its recurrence id there; $4: drop its times and place */
		"UPDATE series_override SET series_id = $2, recurrence_id = $3,"
		" start_local = CASE WHEN $4::boolean THEN NULL ELSE start_local END,"
		" end_local = CASE WHEN $4::boolean THEN NULL ELSE end_local END,"
		" location = CASE WHEN $4::boolean THEN NULL ELSE location END, updated_at = now()"
		" WHERE id = $1 RETURNING id"},
	[STMT_OVERRIDES_PARK] = {"overrides_park", false,
		/* the overrides that follow a change of their series, out of each other's way first: the key is
		 * unique, and a shift can give one of them another's recurrence id (STMT_OVERRIDE_REKEY then sets it) */
		"UPDATE series_override SET recurrence_id = recurrence_id + interval '100000 years'"
		" WHERE series_id = $1 AND id = ANY($2::bigint[])"},
	[STMT_OVERRIDE_REKEY] = {"override_rekey", false,
		"UPDATE series_override SET recurrence_id = $3,"
		" sequence = greatest(sequence + 1, (SELECT sequence FROM series WHERE id = $2)), updated_at = now()"
		" WHERE id = $1 AND series_id = $2 RETURNING id"},
	/* the people a change of the series is mailed to (migration 026's mail_recipients) */
	[STMT_SERIES_MAIL_REACH] = {"series_mail_reach", true, "SELECT count(*) FROM mail_recipients($1)"},
	[STMT_SERIES_SUBSCRIBERS] = {"series_subscribers", true,
		/* the feed addresses whose feed shows the series: its memorandum's, its parties' organisations', and
		 * the people's who attend it or are members of its memorandum (as the feeds choose, store/feeds.c) */
		"SELECT count(*) FROM feed_token t, series s WHERE s.id = $1 AND t.revoked_at IS NULL AND ("
		" (t.scope_kind = 'memorandum' AND t.scope_id = s.memorandum_id)"
		" OR (t.scope_kind = 'organisation' AND t.scope_id IN (SELECT organisation_id FROM memorandum_party"
		"   WHERE memorandum_id = s.memorandum_id))"
		" OR (t.scope_kind = 'person' AND t.scope_id IN (SELECT person_id FROM attendee WHERE series_id = s.id"
		"   UNION SELECT person_id FROM memorandum_member WHERE memorandum_id = s.memorandum_id)))"},
	[STMT_SERIES_SPLIT_OLD] = {"series_split_old", false,
		/* the old series of a split: its shorter rule, the dates before the split; $5 the version the editor saw */
		"UPDATE series SET rrule = $2, rdates = $3, exdates = $4, sequence = sequence + 1, version = version + 1,"
		" updated_at = now() WHERE id = $1 AND version = $5 RETURNING id"},
	[STMT_SERIES_END_CANCEL] = {"series_end_cancel", false,
		/* a series that would start only after its memorandum's end (store/life.c): cancelled, as the form
		 * cancels one; $2 the version the termination's plan read */
		"UPDATE series SET status = 'cancelled', cancelled_at = coalesce(cancelled_at, now()),"
		" sequence = sequence + 1, version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $2 RETURNING id"},
	[STMT_SERIES_SPLIT_ATTENDEES] = {"series_split_attendees", false,
		"INSERT INTO attendee (series_id, person_id, group_en, group_az, role, partstat, sort)"
		" SELECT $2, person_id, group_en, group_az, role, partstat, sort FROM attendee WHERE series_id = $1"
		" ORDER BY sort, id"},

	/* ---- .ics import: one file, one transaction (store/import.c) ---- */
	[STMT_IMPORT_SERIES_BY_UID] = {"import_series_by_uid", false,
		/* locked: a second import of the same file waits for the first, then updates */
		"SELECT s.id, s.memorandum_id, m.title_en, m.title_az, s.kind, s.version, s.title_en, s.title_az,"
		" s.description_en, s.description_az"
		" FROM series s JOIN memorandum m ON m.id = s.memorandum_id WHERE s.uid = $1 FOR UPDATE OF s"},
	[STMT_IMPORT_PEOPLE_BY_EMAIL] = {"import_people_by_email", true,
		/* $1 '{a@b,…}' in lower case; served by person_email_lower_key */
		"SELECT lower(email), id FROM person WHERE lower(email) = ANY ($1::text[])"},
	[STMT_IMPORT_OVERRIDES_PRUNE] = {"import_overrides_prune", false,
		/* the file's overrides replace the series' own: those it does not name go */
		"DELETE FROM series_override WHERE series_id = $1 AND recurrence_id <> ALL ($2::timestamp[])"},
	[STMT_IMPORT_OVERRIDE_UPSERT] = {"import_override_upsert", false,
		/* an unchanged override keeps its SEQUENCE; a changed one rises, never below the series' */
		"INSERT INTO series_override AS o (series_id, recurrence_id, cancelled, start_local, end_local, title_en,"
		" title_az, location, sequence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT sequence FROM series WHERE id = $1))"
		" ON CONFLICT (series_id, recurrence_id) DO UPDATE SET cancelled = EXCLUDED.cancelled,"
		" start_local = EXCLUDED.start_local, end_local = EXCLUDED.end_local, title_en = EXCLUDED.title_en,"
		" title_az = EXCLUDED.title_az, location = EXCLUDED.location,"
		" sequence = greatest(o.sequence + 1, EXCLUDED.sequence), updated_at = now()"
		" WHERE (o.cancelled, o.start_local, o.end_local, o.title_en, o.title_az, o.location) IS DISTINCT FROM"
		" (EXCLUDED.cancelled, EXCLUDED.start_local, EXCLUDED.end_local, EXCLUDED.title_en, EXCLUDED.title_az,"
		" EXCLUDED.location)"},

	[STMT_IMPORT_ATTENDEES_INSERT] = {"import_attendees_insert", false,
		/* a series' attendees in one statement: arrays of the same length, in the file's order */
		"INSERT INTO attendee (series_id, person_id, group_en, group_az, role, partstat, sort)"
		" SELECT $1, u.p, u.ge, u.ga, u.r, u.ps, u.s FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[],"
		" $6::text[], $7::int[]) WITH ORDINALITY AS u(p, ge, ga, r, ps, s, n) ORDER BY u.n"},

	/* ---- import_upload: the file of an import that had to wait, kept for its retry (migration 013) ---- */
	[STMT_IMPORT_UPLOAD_KEEP] = {"import_upload_keep", false,
		/* $5 the bytes in hex; kept files older than a day go as a new one comes */
		"WITH gone AS (DELETE FROM import_upload WHERE created_at < now() - interval '1 day')"
		" INSERT INTO import_upload (key, memorandum_id, user_id, filename, body)"
		" VALUES ($1, $2, $3, $4, decode($5, 'hex'))"},
	[STMT_IMPORT_UPLOAD_GET] = {"import_upload_get", true,
		"SELECT filename, encode(body, 'hex') FROM import_upload"
		" WHERE key = $1 AND memorandum_id = $2 AND user_id IS NOT DISTINCT FROM $3::bigint"},
	[STMT_IMPORT_UPLOAD_DROP] = {"import_upload_drop", false, "DELETE FROM import_upload WHERE key = $1"},

	/* ---- meeting_record: what one occurrence did (store/records.c, migration 016) ---- */
	[STMT_RECORD_GET] = {"record_get", true,
		"SELECT id, state, approved_by, version FROM meeting_record WHERE series_id = $1 AND recurrence_id = $2"},
	[STMT_RECORD_QUORUM] = {"record_quorum", true, "SELECT quorum FROM series WHERE id = $1"},
	/* each part's columns in the order of records.h's enums, as text */
	[STMT_RECORD_ITEMS] = {"record_items", true,
		"SELECT title_en, title_az, notes_en, notes_az, presenter_id::text, planned_minutes::text, minutes_en,"
		" minutes_az FROM record_item WHERE record_id = $1 ORDER BY sort"},
	[STMT_RECORD_ATTENDANCE] = {"record_attendance", true,
		"SELECT person_id::text, status FROM record_attendance WHERE record_id = $1 ORDER BY person_id"},
	[STMT_RECORD_GUESTS] = {"record_guests", true, "SELECT name FROM record_guest WHERE record_id = $1 ORDER BY sort"},
	[STMT_RECORD_DECISIONS] = {"record_decisions", true,
		"SELECT year || '/' || number, item_sort::text, text_en, text_az FROM record_decision WHERE record_id = $1"
		" ORDER BY sort"},
	[STMT_RECORD_ACTIONS] = {"record_actions", true,
		"SELECT a.what_en, a.what_az, a.owner_id::text, a.due_on::text, a.status, d.sort::text, a.id::text"
		" FROM record_action a LEFT JOIN record_decision d ON d.id = a.decision_id WHERE a.record_id = $1"
		" ORDER BY a.sort"},
	[STMT_RECORD_CORRECTIONS] = {"record_corrections", true,
		"SELECT to_char(c.made_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), u.login, c.reason"
		" FROM record_correction c LEFT JOIN staff_user u ON u.id = c.user_id WHERE c.record_id = $1 ORDER BY c.id"},
	[STMT_RECORD_SNAPSHOT] = {"record_snapshot", true,
		/* the record with its parts in words, so the audit log shows what changed in the minutes */
		"SELECT (to_jsonb(r) - 'created_at' || jsonb_build_object("
		" 'agenda', (SELECT coalesce(jsonb_agg(jsonb_build_object('title', i.title_en || ' / ' || i.title_az,"
		"   'presenter', p.full_name_en, 'planned', i.planned_minutes, 'notes', concat_ws(' / ', i.notes_en, i.notes_az),"
		"   'minutes', concat_ws(' / ', i.minutes_en, i.minutes_az)) ORDER BY i.sort), '[]')"
		"   FROM record_item i LEFT JOIN person p ON p.id = i.presenter_id WHERE i.record_id = r.id),"
		" 'attendance', (SELECT coalesce(jsonb_agg(p.full_name_en || ': ' || t.status ORDER BY p.full_name_en), '[]')"
		"   FROM record_attendance t JOIN person p ON p.id = t.person_id WHERE t.record_id = r.id),"
		" 'guests', (SELECT coalesce(jsonb_agg(g.name ORDER BY g.sort), '[]') FROM record_guest g WHERE g.record_id = r.id),"
		" 'decisions', (SELECT coalesce(jsonb_agg(d.year || '/' || d.number || ': ' || d.text_en || ' / ' || d.text_az"
		"   ORDER BY d.sort), '[]') FROM record_decision d WHERE d.record_id = r.id),"
		" 'actions', (SELECT coalesce(jsonb_agg(a.what_en || ' / ' || a.what_az || ' (' || p.full_name_en"
		"   || coalesce(', due ' || a.due_on, '') || ', ' || a.status || coalesce(', decision ' || d.year || '/' || d.number, '')"
		"   || ')' ORDER BY a.sort), '[]') FROM record_action a JOIN person p ON p.id = a.owner_id"
		"   LEFT JOIN record_decision d ON d.id = a.decision_id WHERE a.record_id = r.id)))::text"
		" FROM meeting_record r WHERE r.id = $1"},
	[STMT_RECORD_STATE] = {"record_state", true,
		/* everything a save writes, to tell an unchanged save (store_change_unless_same): the parts in their order;
		 * an action's decision as the decision's number (the save makes decisions again, with new ids) */
		"SELECT jsonb_build_object('r', to_jsonb(r) - 'version' - 'updated_at',"
		" 'items', (SELECT jsonb_agg(to_jsonb(i) - 'id' - 'sort' - 'search_folded' ORDER BY i.sort) FROM record_item i"
		"   WHERE i.record_id = r.id),"
		" 'attendance', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.person_id) FROM record_attendance t"
		"   WHERE t.record_id = r.id),"
		" 'guests', (SELECT jsonb_agg(to_jsonb(g) - 'sort' ORDER BY g.sort) FROM record_guest g WHERE g.record_id = r.id),"
		" 'decisions', (SELECT jsonb_agg(to_jsonb(d) - 'id' - 'sort' - 'search_folded' ORDER BY d.sort)"
		"   FROM record_decision d WHERE d.record_id = r.id),"
		" 'actions', (SELECT jsonb_agg(to_jsonb(a) - 'sort' - 'search_folded' - 'decision_id' || jsonb_build_object("
		"   'decision', (SELECT jsonb_build_array(d.year, d.number) FROM record_decision d WHERE d.id = a.decision_id))"
		"   ORDER BY a.sort) FROM record_action a WHERE a.record_id = r.id))::text"
		" FROM meeting_record r WHERE r.id = $1"},
	[STMT_RECORD_INSERT] = {"record_insert", false,
		/* none when another form made this occurrence's record meanwhile: the page says so (409) */
		"INSERT INTO meeting_record (series_id, recurrence_id) VALUES ($1, $2)"
		" ON CONFLICT (series_id, recurrence_id) DO NOTHING RETURNING id"},
	[STMT_RECORD_TOUCH] = {"record_touch", false,
		/* $3: a correction may change an approved record */
		"UPDATE meeting_record SET version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $2 AND (state <> 'approved' OR $3::boolean) RETURNING id"},
	[STMT_RECORD_CORRECTION_INSERT] = {"record_correction_insert", false,
		"INSERT INTO record_correction (record_id, user_id, reason) VALUES ($1, $2, $3) RETURNING id"},
	[STMT_RECORD_CLEAR_PARTS] = {"record_clear_parts", false,
		/* the parts a save makes again; of the actions, those the form no longer has go, and those it keeps ($2)
		 * step aside from the places (sort) the rows take again (their decisions, made again, let go of them) */
		"WITH a AS (DELETE FROM record_action WHERE record_id = $1 AND NOT id = ANY ($2::bigint[])),"
		" k AS (UPDATE record_action SET sort = -sort WHERE record_id = $1 AND id = ANY ($2::bigint[])),"
		" t AS (DELETE FROM record_attendance WHERE record_id = $1),"
		" g AS (DELETE FROM record_guest WHERE record_id = $1),"
		" i AS (DELETE FROM record_item WHERE record_id = $1)"
		" SELECT 1"},
	[STMT_RECORD_ITEM_INSERT] = {"record_item_insert", false,
		"INSERT INTO record_item (record_id, sort, title_en, title_az, notes_en, notes_az, presenter_id, planned_minutes,"
		" minutes_en, minutes_az) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"},
	[STMT_RECORD_ATTENDANCE_INSERT] = {"record_attendance_insert", false,
		"INSERT INTO record_attendance (record_id, person_id, status) VALUES ($1, $2, $3) RETURNING person_id"},
	[STMT_RECORD_GUEST_INSERT] = {"record_guest_insert", false,
		"INSERT INTO record_guest (record_id, sort, name) VALUES ($1, $2, $3) RETURNING sort"},
	[STMT_RECORD_DECISION_LOCK] = {"record_decision_lock", false,
		/* one numbering at a time per memorandum, until the save commits (two ints: a key space of its own) */
		"SELECT pg_advisory_xact_lock(7262906, ($1::bigint % 2147483647)::int)"},
	[STMT_RECORD_DECISIONS_DROP] = {"record_decisions_drop", false,
		/* a record's decisions go before its new ones come, and say which numbers they had (kept ones keep theirs) */
		"DELETE FROM record_decision WHERE record_id = $1 RETURNING year || '/' || number"},
	[STMT_RECORD_DECISION_NEXT] = {"record_decision_next", false,
		"SELECT coalesce(max(number), 0) + 1 FROM record_decision WHERE memorandum_id = $1 AND year = $2"},
	[STMT_RECORD_DECISION_INSERT] = {"record_decision_insert", false,
		"INSERT INTO record_decision (record_id, memorandum_id, year, number, sort, item_sort, text_en, text_az)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"},
	[STMT_RECORD_ACTION_INSERT] = {"record_action_insert", false,
		"INSERT INTO record_action (record_id, sort, what_en, what_az, owner_id, due_on, status, decision_id)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"},
	[STMT_RECORD_ACTION_UPDATE] = {"record_action_update", false,
		/* a kept action ($9) of this record: none when the id is not one of its actions */
		"UPDATE record_action SET sort = $2, what_en = $3, what_az = $4, owner_id = $5, due_on = $6, status = $7,"
		" decision_id = $8 WHERE id = $9 AND record_id = $1 RETURNING id"},
	[STMT_RECORD_SET_STATE] = {"record_set_state", false,
		"UPDATE meeting_record SET state = $3, approved_by = $4,"
		" approved_at = CASE WHEN $3 = 'approved' THEN now() END, version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $2 RETURNING id"},
	[STMT_RECORD_OPEN_ACTIONS] = {"record_open_actions", true,
		"SELECT r.recurrence_id, a.what_en, a.what_az, p.full_name_en, p.full_name_az, a.due_on::text,"
		" a.due_on < " LIFE_TODAY
		" FROM record_action a JOIN meeting_record r ON r.id = a.record_id JOIN person p ON p.id = a.owner_id"
		" WHERE r.series_id = $1 AND r.recurrence_id < $2 AND a.status = 'open'"
		" ORDER BY a.due_on NULLS LAST, r.recurrence_id, a.sort LIMIT 200"},
	/* The memoranda search in meeting records: agenda items (titles, notes, minutes), decisions and actions whose
	 * words hold $1, folded like every search (case and Azerbaijani letters); newest meetings first, $2 of them.
	 * Three ways, which store_records_search() picks from (records.c). A rare word: each table's matches through
	 * its trigram index (migration 027), all of them sorted. A common one ("budget", "the"): matches by the ten
	 * thousand, which sorted took 0.25-1.5 s on the large installation; the newest records are looked into one by
	 * one instead, until $2 are found. */
	[STMT_RECORDS_SEARCH] = {"records_search", true,
		/* every match, sorted: the last resort */
		"SELECT s.id, r.recurrence_id, s.title_en, s.title_az, m.title_en, m.title_az, t.what, left(t.text, 300)"
		" FROM (" RECORD_MATCHES(FOLDED_PATTERN, "", "", "") ") t JOIN meeting_record r ON r.id = t.record_id"
		" JOIN series s ON s.id = r.series_id JOIN memorandum m ON m.id = s.memorandum_id"
		" ORDER BY r.recurrence_id DESC, t.what, t.sort LIMIT $2"},
	[STMT_RECORDS_SEARCH_RARE] = {"records_search_rare", true,
		/* at most $3 matches of each table, sorted, the last column false; when a table had $3 (a common word:
		 * these are not all its matches), one row instead, its last column true, and the matches are not joined
		 * to their meetings (900 of them, 10 ms, for rows thrown away) */
		"WITH t AS MATERIALIZED (" RECORD_MATCHES(FOLDED_PATTERN, " LIMIT $3", " LIMIT $3", " LIMIT $3") "),"
		" n AS MATERIALIZED (SELECT count(*) FILTER (WHERE what = 'item') >= $3"
		"   OR count(*) FILTER (WHERE what = 'decision') >= $3 OR count(*) FILTER (WHERE what = 'action') >= $3"
		"   AS common FROM t)"
		" (SELECT s.id, r.recurrence_id, s.title_en, s.title_az, m.title_en, m.title_az, t.what, left(t.text, 300),"
		"   false FROM t JOIN meeting_record r ON r.id = t.record_id"
		"   JOIN series s ON s.id = r.series_id JOIN memorandum m ON m.id = s.memorandum_id"
		"   WHERE NOT (SELECT common FROM n) ORDER BY r.recurrence_id DESC, t.what, t.sort LIMIT $2)"
		" UNION ALL SELECT NULL::bigint, NULL::timestamp, NULL, NULL, NULL, NULL, NULL, NULL, true FROM n WHERE common"},
	[STMT_RECORDS_SEARCH_RECENT] = {"records_search_recent", true,
		/* the matches in the newest $3 records (migration 039's index), newest first, until $2 are found: when
		 * there are $2, they are the newest of all */
		"SELECT s.id, h.recurrence_id, s.title_en, s.title_az, m.title_en, m.title_az, h.what, left(h.text, 300)"
		" FROM (SELECT r.series_id, r.recurrence_id, t.what, t.text, t.sort"
		"   FROM (SELECT r.id, r.series_id, r.recurrence_id FROM meeting_record r"
		"     ORDER BY r.recurrence_id DESC, r.id DESC LIMIT $3) r"
		"   CROSS JOIN LATERAL (" RECORD_MATCHES(FOLDED_ONCE, " AND i.record_id = r.id", " AND d.record_id = r.id",
		                                          " AND a.record_id = r.id") ") t"
		"   ORDER BY r.recurrence_id DESC, r.id DESC, t.what, t.sort LIMIT $2) h"
		" JOIN series s ON s.id = h.series_id JOIN memorandum m ON m.id = s.memorandum_id"
		" ORDER BY h.recurrence_id DESC, h.what, h.sort"},
	[STMT_RECORD_KEYS] = {"record_keys", true,
		"SELECT id, recurrence_id FROM meeting_record WHERE series_id = $1 ORDER BY recurrence_id"},
	[STMT_RECORDS_PARK] = {"records_park", false,
		/* as STMT_OVERRIDES_PARK: the records that follow a change of their series, out of each other's way */
		"UPDATE meeting_record SET recurrence_id = recurrence_id + interval '100000 years'"
		" WHERE series_id = $1 AND id = ANY($2::bigint[])"},
	[STMT_RECORD_REKEY] = {"record_rekey", false,
		"UPDATE meeting_record SET recurrence_id = $3, updated_at = now() WHERE id = $1 AND series_id = $2 RETURNING id"},
	[STMT_RECORD_MOVE] = {"record_move", false,
		/* to the new series of a split ("this and all following"), under its recurrence id there */
		"UPDATE meeting_record SET series_id = $2, recurrence_id = $3, updated_at = now() WHERE id = $1 RETURNING id"},
	[STMT_SERIES_SET_QUORUM] = {"series_set_quorum", false,
		"UPDATE series SET quorum = $2 WHERE id = $1 RETURNING id"},
	[STMT_BOARD_TOKEN] = {"board_token", true,
		/* a board member's page: the feed token ($1 its secret's hash) when it is live and its feed shows the series
		 * $2 (the scopes as STMT_SERIES_SUBSCRIBERS and the feeds choose them); no row for anything else */
		"SELECT t.id, t.lang FROM feed_token t, series s WHERE t.secret_hash = $1 AND s.id = $2 AND t.revoked_at IS NULL"
		" AND ((t.scope_kind = 'memorandum' AND t.scope_id = s.memorandum_id)"
		" OR (t.scope_kind = 'organisation' AND t.scope_id IN (SELECT organisation_id FROM memorandum_party"
		"   WHERE memorandum_id = s.memorandum_id))"
		" OR (t.scope_kind = 'person' AND t.scope_id IN (SELECT person_id FROM attendee WHERE series_id = s.id"
		"   UNION SELECT person_id FROM memorandum_member WHERE memorandum_id = s.memorandum_id)))"},
	[STMT_RECORD_STATES] = {"record_states", true,
		/* a series' meeting records and their states, for the board member's page of the series (pages/board.c) */
		"SELECT recurrence_id, state FROM meeting_record WHERE series_id = $1 ORDER BY recurrence_id"},
	[STMT_ACTIONS_LIST] = {"actions_list", true,
		/* the Actions page: $1 memorandum, $2 organisation (a party), $3 owner, each NULL for any; $4 open, overdue
		 * or all; $5 the most rows; $6 NULL for the first page, or the id of an action: the rows strictly after it
		 * in the list's order, its sort key read here by that id (none when it is gone: no rows). The key compares
		 * "undated" and the date apart (due_on IS NULL, then the date or any constant) so that it orders exactly
		 * as due_on NULLS LAST does, whatever dates are stored */
		"SELECT s.id, r.recurrence_id, m.id, m.title_en, m.title_az, s.title_en, s.title_az, a.what_en, a.what_az,"
		" p.id, p.full_name_en, p.full_name_az, a.due_on::text, a.status,"
		" a.status = 'open' AND a.due_on < " LIFE_TODAY ", d.year || '/' || d.number, a.id"
		" FROM record_action a JOIN meeting_record r ON r.id = a.record_id JOIN series s ON s.id = r.series_id"
		" JOIN memorandum m ON m.id = s.memorandum_id JOIN person p ON p.id = a.owner_id"
		" LEFT JOIN record_decision d ON d.id = a.decision_id"
		" WHERE ($1::bigint IS NULL OR m.id = $1)"
		" AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM memorandum_party mp WHERE mp.memorandum_id = m.id"
		"   AND mp.organisation_id = $2))"
		" AND ($3::bigint IS NULL OR a.owner_id = $3)"
		" AND ($4 = 'all' OR a.status = 'open') AND ($4 <> 'overdue' OR a.due_on < " LIFE_TODAY ")"
		" AND ($6::bigint IS NULL OR (a.status <> 'open', a.due_on IS NULL, coalesce(a.due_on, 'epoch'::date),"
		"   r.recurrence_id, a.sort, a.id)"
		"   > (SELECT k.status <> 'open', k.due_on IS NULL, coalesce(k.due_on, 'epoch'::date), kr.recurrence_id, k.sort,"
		"     k.id FROM record_action k JOIN meeting_record kr ON kr.id = k.record_id WHERE k.id = $6))"
		" ORDER BY a.status <> 'open', a.due_on NULLS LAST, r.recurrence_id, a.sort, a.id LIMIT $5"},
	[STMT_ACTIONS_FIRST] = {"actions_first", true,
		/* actions_list unfiltered for $1 open or overdue, at most $2 rows, the same rows in the same order, with a
		 * cost that does not grow with every action ever left open: the $2-th earliest due date among them (an
		 * index read, record_action_open_idx) bounds the rows joined and sorted; with fewer than $2 dated, all */
		"WITH b AS (SELECT (SELECT x.due_on FROM record_action x WHERE x.status = 'open'"
		"   AND ($1 <> 'overdue' OR x.due_on < " LIFE_TODAY ") ORDER BY x.due_on OFFSET $2::bigint - 1 LIMIT 1) AS bound)"
		" SELECT s.id, r.recurrence_id, m.id, m.title_en, m.title_az, s.title_en, s.title_az, a.what_en, a.what_az,"
		" p.id, p.full_name_en, p.full_name_az, a.due_on::text, a.status,"
		" a.status = 'open' AND a.due_on < " LIFE_TODAY ", d.year || '/' || d.number, a.id"
		" FROM record_action a JOIN meeting_record r ON r.id = a.record_id JOIN series s ON s.id = r.series_id"
		" JOIN memorandum m ON m.id = s.memorandum_id JOIN person p ON p.id = a.owner_id"
		" LEFT JOIN record_decision d ON d.id = a.decision_id"
		/* the chosen ids as an array: the rest is then joined row by row by key, not by hashing every table */
		" WHERE a.id = ANY (ARRAY(SELECT x.id FROM b, record_action x WHERE b.bound IS NOT NULL AND x.status = 'open'"
		"   AND x.due_on <= b.bound"
		"   UNION ALL SELECT x.id FROM b, record_action x WHERE b.bound IS NULL AND x.status = 'open'"
		"   AND ($1 <> 'overdue' OR x.due_on < " LIFE_TODAY ")))"
		" ORDER BY a.due_on NULLS LAST, r.recurrence_id, a.sort, a.id LIMIT $2"},
	[STMT_ACTIONS_FIRST_AFTER] = {"actions_first_after", true,
		/* actions_list's next page unfiltered for $1 open or overdue: at most $2 rows strictly after the action $3,
		 * the same rows in the same order, at actions_first's cost. Every row after a dated key is due on its date
		 * (the ties that follow it) or later, so the bound is the $2-th earliest due date strictly after the key's
		 * (an index read, as actions_first's; "at or after" would let the ties before the key take places of the
		 * page): the rows from the key's date to the bound hold the page. With fewer than $2 dated after it, or an
		 * undated key, every open one from the key's date on and the undated (as actions_first reads every undated
		 * one when fewer than $2 are dated); a key gone or no longer open (it sorts after every open one) leaves
		 * no rows. The row comparison then keeps what follows the key, compared as actions_list compares */
		"WITH k AS (SELECT x.status = 'open' AS open, x.due_on, x.due_on IS NULL AS undated,"
		"   coalesce(x.due_on, 'epoch'::date) AS due, y.recurrence_id, x.sort, x.id"
		"   FROM record_action x JOIN meeting_record y ON y.id = x.record_id WHERE x.id = $3),"
		/* the key's date as a value, not a join: the index scan alone then gives the dates in order */
		" b AS (SELECT (SELECT x.due_on FROM record_action x WHERE x.status = 'open'"
		"   AND ($1 <> 'overdue' OR x.due_on < " LIFE_TODAY ") AND x.due_on > (SELECT k.due_on FROM k WHERE k.open)"
		"   ORDER BY x.due_on OFFSET $2::bigint - 1 LIMIT 1) AS bound)"
		" SELECT s.id, r.recurrence_id, m.id, m.title_en, m.title_az, s.title_en, s.title_az, a.what_en, a.what_az,"
		" p.id, p.full_name_en, p.full_name_az, a.due_on::text, a.status,"
		" a.status = 'open' AND a.due_on < " LIFE_TODAY ", d.year || '/' || d.number, a.id"
		" FROM record_action a JOIN meeting_record r ON r.id = a.record_id JOIN series s ON s.id = r.series_id"
		" JOIN memorandum m ON m.id = s.memorandum_id JOIN person p ON p.id = a.owner_id"
		" LEFT JOIN record_decision d ON d.id = a.decision_id"
		/* k's and b's values as subqueries, each read once: both ends of the date range are then the index's,
		 * and the branch not taken reads nothing (joined, a generic plan filtered the rows after the scan) */
		" WHERE a.id = ANY (ARRAY(SELECT x.id FROM record_action x WHERE x.status = 'open'"
		"   AND x.due_on >= (SELECT k.due_on FROM k) AND x.due_on <= (SELECT b.bound FROM b)"
		"   UNION ALL SELECT x.id FROM record_action x WHERE (SELECT b.bound FROM b) IS NULL AND (SELECT k.open FROM k)"
		"   AND x.status = 'open' AND ($1 <> 'overdue' OR x.due_on < " LIFE_TODAY ")"
		"   AND (x.due_on >= (SELECT k.due_on FROM k) OR x.due_on IS NULL)))"
		" AND (a.due_on IS NULL, coalesce(a.due_on, 'epoch'::date), r.recurrence_id, a.sort, a.id)"
		"   > (SELECT k.undated, k.due, k.recurrence_id, k.sort, k.id FROM k)"
		" ORDER BY a.due_on NULLS LAST, r.recurrence_id, a.sort, a.id LIMIT $2"},
	/* ---- mail_outbox: memocal-mailer's queue (migration 017) ---- */
	[STMT_MAIL_RECLAIM] = {"mail_reclaim", false,
		/* a message taken longer ago than $1 seconds (the lease) by a mailer that has not said how it went:
		 * that mailer died, or lost the database, between taking it and finishing. Sent again: maybe twice,
		 * never lost */
		"UPDATE mail_outbox SET state = 'queued', last_error = coalesce(last_error, 'the mailer that took it stopped')"
		" WHERE state = 'sending' AND claimed_at < now() - make_interval(secs => $1)"},
	[STMT_MAIL_CLAIM] = {"mail_claim", false,
		/* one due message, skipping those another mailer (or a committing change, 017) holds; ordinary
		 * messages before bulk ones (a big import's, migration 021), each in order of arrival */
		"UPDATE mail_outbox o SET state = 'sending', claimed_at = now(), attempts = attempts + 1"
		" WHERE o.id = (SELECT id FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= now()"
		"   ORDER BY bulk, next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
		" RETURNING o.id, o.message_key, o.series_id, o.recipient, o.lang, o.method,"
		" to_char(o.recurrence_id, 'YYYY-MM-DD HH24:MI:SS'), o.event->>'uid', (o.event->>'sequence')::int,"
		" o.event->>'title_en', o.event->>'title_az', o.event->>'tzid',"
		" to_char((o.event->>'start_local')::timestamp, 'YYYY-MM-DD HH24:MI:SS'),"
		" to_char((o.event->>'end_local')::timestamp, 'YYYY-MM-DD HH24:MI:SS'), (o.event->>'all_day')::boolean,"
		" o.event->>'rrule', o.person_id,"
		" coalesce((SELECT CASE o.lang WHEN 'az' THEN p.full_name_az ELSE p.full_name_en END FROM person p WHERE p.id = o.person_id),"
		"   (SELECT coalesce(u.display_name, u.login) FROM staff_user u WHERE u.id = o.staff_user_id)),"
		" o.staff_user_id, o.created_at, (SELECT s.created_at FROM series s WHERE s.id = o.series_id)"},
	[STMT_MAIL_SENT] = {"mail_sent", false,
		"UPDATE mail_outbox SET state = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND state = 'sending'"},
	[STMT_MAIL_RETRY] = {"mail_retry", false,
		/* $2 the server's answer; backoff $3 seconds doubled per attempt up to an hour; given up once the
		 * message has waited longer than $4 seconds */
		"UPDATE mail_outbox SET last_error = left($2, 1000),"
		" state = CASE WHEN queued_at < now() - make_interval(secs => $4) THEN 'given_up' ELSE 'queued' END,"
		" next_attempt_at = now() + make_interval(secs => least(3600, $3::double precision * power(2, least(attempts - 1, 12))))"
		" WHERE id = $1 AND state = 'sending' RETURNING state"},
	[STMT_MAIL_FAILED] = {"mail_failed", false,
		"UPDATE mail_outbox SET state = 'failed', last_error = left($2, 1000) WHERE id = $1 AND state = 'sending'"},
	[STMT_MAIL_COUNT] = {"mail_count", true,
		"SELECT count(*) FROM mail_outbox o WHERE ($1::bigint IS NULL OR o.memorandum_id = $1)"
		" AND ($2::bigint IS NULL OR o.person_id = $2)"},
	[STMT_MAIL_LIST] = {"mail_list", true,
		/* newest first; the series' title from the series, or from the snapshot a cancellation kept */
		"SELECT o.id, to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), o.recipient, o.person_id,"
		" p.full_name_en, p.full_name_az, o.method, to_char(o.recurrence_id, 'YYYY-MM-DD HH24:MI'), o.series_id,"
		" coalesce(s.title_en, o.event->>'title_en'), coalesce(s.title_az, o.event->>'title_az'), s.id IS NOT NULL,"
		" o.state, o.attempts, o.last_error, to_char(o.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), o.lang,"
		" u.login" /* a STAFF message's account (migration 028) */
		" FROM mail_outbox o LEFT JOIN person p ON p.id = o.person_id LEFT JOIN series s ON s.id = o.series_id"
		" LEFT JOIN staff_user u ON u.id = o.staff_user_id"
		" WHERE ($1::bigint IS NULL OR o.memorandum_id = $1) AND ($2::bigint IS NULL OR o.person_id = $2)"
		" ORDER BY o.id DESC LIMIT $3 OFFSET $4"},
	[STMT_MAIL_SNAPSHOT] = {"mail_snapshot", true,
		"SELECT jsonb_build_object('recipient', recipient, 'method', method, 'series_id', series_id, 'state', state,"
		" 'attempts', attempts, 'last_error', last_error) FROM mail_outbox WHERE id = $1"},
	[STMT_MAIL_RESEND] = {"mail_resend", false,
		/* only a message refused for good or given up; the mailer hears of it at commit */
		"UPDATE mail_outbox SET state = 'queued', attempts = 0, next_attempt_at = now(), queued_at = now()"
		" WHERE id = $1 AND state IN ('failed', 'given_up') RETURNING id, pg_notify('memocal_mail', '')"},
	[STMT_MAIL_REACH] = {"mail_reach", true,
		/* every person who attends a meeting (or is in a group that does): do they get mail (an address and every change), a feed of
		 * their own (a live person token), both or neither; the subscribers page (pages/feeds.c) */
		/* People are walked in the list's order (person_full_name_en_idx) and each one looked into by index until
		 * $1 are found: written as EXISTS, the planner read every attendee and token into hash tables first (48 ms
		 * on the large installation); a scalar subquery with LIMIT 1 it cannot hash */
		"SELECT p.id, p.full_name_en, p.full_name_az, p.email IS NOT NULL AND p.email_pref = 'every',"
		" coalesce((SELECT true FROM feed_token t WHERE t.scope_kind = 'person' AND t.scope_id = p.id"
		"   AND t.revoked_at IS NULL LIMIT 1), false)"
		" FROM person p WHERE coalesce((SELECT true FROM attendee a WHERE a.person_id = p.id LIMIT 1),"
		"   (SELECT true FROM person_group_member g JOIN attendee a ON a.group_id = g.group_id"
		"     WHERE g.person_id = p.id LIMIT 1), false)"
		" ORDER BY p.full_name_en, p.id LIMIT $1"},
	[STMT_MAIL_REMIND] = {"mail_remind", false,
		/* $1 the series, $2 the occurrence's original start, $3 its start as it will be: one reminder to each
		 * attendee (and group member: mail_recipients) who wants every change, once (the key), however often it is looked for */
		"WITH q AS (INSERT INTO mail_outbox (series_id, memorandum_id, person_id, recipient, lang, method,"
		"   recurrence_id, event, reminder_key)"
		" SELECT s.id, s.memorandum_id, p.id, p.email, p.preferred_lang, 'REMINDER', $2::timestamp,"
		"   jsonb_build_object('start_local', $3::timestamp), 'reminder:' || s.id || ':' || $2 || ':' || p.id"
		" FROM series s CROSS JOIN LATERAL mail_recipients(s.id) m JOIN person p ON p.id = m.person_id"
		" WHERE s.id = $1 AND s.status <> 'cancelled'"
		" ON CONFLICT ON CONSTRAINT mail_outbox_reminder_key DO NOTHING RETURNING id)"
		" SELECT count(*) FROM q"},
	[STMT_MAIL_WAIT] = {"mail_wait", true,
		/* seconds until the next message is due (0: now; NULL: none queued), and until the oldest lease ends */
		"SELECT greatest(0, extract(epoch FROM min(next_attempt_at) FILTER (WHERE state = 'queued') - now())),"
		" greatest(0, extract(epoch FROM min(claimed_at) FILTER (WHERE state = 'sending')"
		"   + make_interval(secs => $1) - now()))"
		" FROM mail_outbox WHERE state IN ('queued', 'sending')"},
	/* weekly digests (migration 021) */
	[STMT_MAIL_DIGEST_DUE] = {"mail_digest_due", true,
		/* $1 the ISO week ("2026-W49"): the people who want a digest and have none queued for it yet */
		"SELECT p.id FROM person p WHERE p.email IS NOT NULL AND p.email_pref = 'digest'"
		" AND NOT EXISTS (SELECT 1 FROM mail_outbox o WHERE o.reminder_key = 'digest:' || p.id || ':' || $1)"
		" ORDER BY p.id LIMIT 10000"},
	[STMT_MAIL_DIGEST_ACTIONS] = {"mail_digest_actions", true,
		/* $1 the person: the open actions they own, from records shown outside the staff (circulated or
		 * approved; a draft's actions are not agreed yet), by due date; one more than a digest lists */
		"SELECT a.what_en, a.what_az, to_char(a.due_on, 'YYYY-MM-DD'), s.id, s.title_en, s.title_az,"
		" to_char(r.recurrence_id, 'YYYY-MM-DD')"
		" FROM record_action a JOIN meeting_record r ON r.id = a.record_id JOIN series s ON s.id = r.series_id"
		" WHERE a.owner_id = $1 AND a.status = 'open' AND r.state IN ('circulated', 'approved')"
		" ORDER BY a.due_on NULLS LAST, a.id LIMIT 51"},
	[STMT_MAIL_DIGEST_QUEUE] = {"mail_digest_queue", false,
		/* $1 the person, $2 the ISO week, $3 and $4 the window (UTC, "YYYY-MM-DD HH:MM:SS"): once per person
		 * and week (the key), however many mailers look; 1 when it was new */
		"WITH q AS (INSERT INTO mail_outbox (series_id, person_id, recipient, lang, method, event, reminder_key)"
		" SELECT NULL, p.id, p.email, p.preferred_lang, 'DIGEST',"
		"   jsonb_build_object('tzid', 'UTC', 'start_local', $3::timestamp, 'end_local', $4::timestamp),"
		"   'digest:' || p.id || ':' || $2"
		" FROM person p WHERE p.id = $1 AND p.email IS NOT NULL AND p.email_pref = 'digest'"
		" ON CONFLICT ON CONSTRAINT mail_outbox_reminder_key DO NOTHING RETURNING id)"
		" SELECT count(*) FROM q"},
	/* the staff digest (migration 028) */
	[STMT_MAIL_STAFF_QUEUE] = {"mail_staff_queue", false,
		/* $1 the ISO week, $2 notice months, $3 today ("YYYY-MM-DD", as the message will count it): one
		 * STAFF message per account with an address, the digest ticked and not disabled, once per week (the
		 * key), however many mailers look. Only when there is something to say (a memorandum in its notice
		 * period without a decision, or an overdue action): decided here, so an empty week leaves no row.
		 * How many were new */
		"WITH q AS (INSERT INTO mail_outbox (series_id, staff_user_id, recipient, lang, method, reminder_key)"
		" SELECT NULL, u.id, u.email, coalesce(u.lang, 'en'), 'STAFF', 'staff:' || u.id || ':' || $1"
		" FROM staff_user u WHERE u.email IS NOT NULL AND u.digest AND NOT u.disabled"
		" AND (EXISTS (SELECT 1 FROM memorandum m WHERE memorandum_life(m, $3::date, $2) = 'expiring'"
		"     AND NOT memorandum_decided(m))"
		"   OR EXISTS (SELECT 1 FROM record_action a WHERE a.status = 'open' AND a.due_on < $3::date))"
		" ORDER BY u.id"
		" ON CONFLICT ON CONSTRAINT mail_outbox_reminder_key DO NOTHING RETURNING id)"
		" SELECT count(*) FROM q"},
	[STMT_MAIL_STAFF_ACCOUNT] = {"mail_staff_account", true,
		/* $1 the account a STAFF message goes to: whether it still wants the digest when it is sent */
		"SELECT 1 FROM staff_user WHERE id = $1 AND email IS NOT NULL AND digest"
		" AND NOT disabled"},
	[STMT_MAIL_STAFF_MEMORANDA] = {"mail_staff_memoranda", true,
		/* $1 notice months, $2 today ("YYYY-MM-DD", the day in memocal's zone), $3 the most rows: memoranda
		 * in their notice period with no decision taken (the "expiring" half of UNDECIDED), soonest end
		 * first; days left, whether the notice period began within the last 7 days (since last week's
		 * digest), and how many there are in all */
		"SELECT m.id, m.title_en, m.title_az, m.valid_until::text, m.valid_until - $2::date,"
		" (m.valid_until - make_interval(months => $1))::date > $2::date - 7, count(*) OVER ()"
		" FROM memorandum m WHERE memorandum_life(m, $2::date, $1) = 'expiring' AND NOT memorandum_decided(m)"
		" ORDER BY m.valid_until, m.id LIMIT $3"},
	[STMT_MAIL_STAFF_ACTIONS] = {"mail_staff_actions", true,
		/* $1 today, $2 the most rows: open action items due before today, of records in any state (staff
		 * see drafts), oldest due first; the owner, the meeting and its occurrence (the record's page), and
		 * how many there are in all */
		"SELECT a.what_en, a.what_az, a.due_on::text, p.full_name_en, p.full_name_az, s.title_en, s.title_az,"
		" to_char(r.recurrence_id, 'YYYY-MM-DD HH24:MI:SS'), r.series_id,"
		" count(*) OVER ()"
		" FROM record_action a JOIN meeting_record r ON r.id = a.record_id JOIN series s ON s.id = r.series_id"
		" JOIN person p ON p.id = a.owner_id"
		" WHERE a.status = 'open' AND a.due_on < $1::date ORDER BY a.due_on, a.id LIMIT $2"},
	/* ---- the activity report (store/reports.c, migration 023) ---- */
	[STMT_REPORT_RECORDS] = {"report_records", true,
		/* $1 the memorandum: each meeting record of its series with what the report counts; the page keeps
		 * those whose occurrence falls in the period (a moved occurrence counts where it was held) */
		"SELECT r.series_id, r.recurrence_id::text, r.state,"
		" (SELECT count(*) FROM record_attendance a WHERE a.record_id = r.id),"
		" (SELECT count(*) FROM record_attendance a WHERE a.record_id = r.id AND a.status IN ('present', 'remote', 'late')),"
		" (SELECT count(*) FROM record_guest g WHERE g.record_id = r.id),"
		" (SELECT count(*) FROM record_action x WHERE x.record_id = r.id),"
		" (SELECT count(*) FROM record_action x WHERE x.record_id = r.id AND x.status = 'done'),"
		" (SELECT count(*) FROM record_action x WHERE x.record_id = r.id AND x.status = 'dropped')"
		" FROM meeting_record r JOIN series s ON s.id = r.series_id WHERE s.memorandum_id = $1"
		" ORDER BY r.recurrence_id, r.series_id LIMIT 20000"},
	[STMT_REPORT_DECISIONS] = {"report_decisions", true,
		"SELECT r.series_id, r.recurrence_id::text, d.year || '/' || d.number, d.text_en, d.text_az"
		" FROM record_decision d JOIN meeting_record r ON r.id = d.record_id WHERE d.memorandum_id = $1"
		" ORDER BY d.year, d.number LIMIT 5000"},
	[STMT_REPORT_ORG_MEMORANDA] = {"report_org_memoranda", true,
		/* the memoranda an organisation is a party to, by signature */
		"SELECT DISTINCT m.id, m.signed_on FROM memorandum m JOIN memorandum_party p ON p.memorandum_id = m.id"
		" WHERE p.organisation_id = $1 ORDER BY m.signed_on, m.id LIMIT 200"},
	[STMT_REPORT_DRAFT] = {"report_draft", true,
		"SELECT id, advice, text_en, text_az, version, updated_at::text FROM activity_report"
		" WHERE memorandum_id = $1 AND period_from = $2 AND period_to = $3 AND state = 'draft'"},
	[STMT_REPORT_ISSUED] = {"report_issued", true,
		/* every issued report of the memorandum, newest first, whatever its period */
		"SELECT id, period_from::text, period_to::text, advice, text_en, text_az,"
		" to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), issued_by"
		" FROM activity_report WHERE memorandum_id = $1 AND state = 'issued' ORDER BY issued_at DESC, id DESC LIMIT 100"},
	[STMT_REPORT_SNAPSHOT] = {"report_snapshot", true,
		"SELECT (to_jsonb(r) - 'updated_at' - 'numbers')::text FROM activity_report r WHERE id = $1"},
	[STMT_REPORT_DRAFT_INSERT] = {"report_draft_insert", false,
		"INSERT INTO activity_report (memorandum_id, period_from, period_to, advice, text_en, text_az)"
		" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"},
	[STMT_REPORT_DRAFT_UPDATE] = {"report_draft_update", false,
		"UPDATE activity_report SET advice = $2, text_en = $3, text_az = $4, version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $5 AND state = 'draft' RETURNING id"},
	[STMT_REPORT_ISSUE] = {"report_issue", false,
		/* $2 the version the issuer saw, $3 the numbers as CSV, $4 the login */
		"UPDATE activity_report SET state = 'issued', numbers = $3, issued_at = now(), issued_by = $4,"
		" version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 AND state = 'draft' RETURNING id"},
	[STMT_REPORT_ISSUED_CSV] = {"report_issued_csv", true,
		"SELECT numbers, period_from::text, period_to::text FROM activity_report"
		" WHERE id = $1 AND memorandum_id = $2 AND state = 'issued'"},

	/* ---- a memorandum's life (migration 022): decisions, amendments, commitments ---- */
	[STMT_MEMORANDUM_AMENDMENTS] = {"memorandum_amendments", true,
		"SELECT id, amended_on::text, title_en, title_az, summary_en, summary_az FROM memorandum_amendment"
		" WHERE memorandum_id = $1 ORDER BY amended_on, id"},
	[STMT_MEMORANDUM_AMENDMENT_INSERT] = {"memorandum_amendment_insert", false,
		"INSERT INTO memorandum_amendment (memorandum_id, amended_on, title_en, title_az, summary_en, summary_az)"
		" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"},
	[STMT_MEMORANDUM_TERMINATE] = {"memorandum_terminate", false,
		/* once: a terminated memorandum is not terminated again, nor a renewed one (a stale form misses) */
		"UPDATE memorandum SET terminated_on = $2, termination_reason_en = $3, termination_reason_az = $4,"
		" version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $5 AND terminated_on IS NULL AND renewed_by IS NULL RETURNING id"},
	[STMT_MEMORANDUM_RENEWED] = {"memorandum_renewed", false,
		/* $2 the successor; only a memorandum not renewed or terminated yet */
		"UPDATE memorandum SET renewed_by = $2, version = version + 1, updated_at = now()"
		" WHERE id = $1 AND version = $3 AND renewed_by IS NULL AND terminated_on IS NULL RETURNING id"},
	[STMT_MEMORANDUM_RENEW_INSERT] = {"memorandum_renew_insert", false,
		/* the successor of $1: its texts and source, new dates $2..$4 and status $5 */
		"INSERT INTO memorandum (title_en, title_az, summary_en, summary_az, signed_on, valid_from, valid_until,"
		" status, source_url)"
		" SELECT title_en, title_az, summary_en, summary_az, $2::date, $3::date, $4::date, $5::text, source_url"
		" FROM memorandum WHERE id = $1"
		" RETURNING id"},
	[STMT_MEMORANDUM_COPY_PARTIES] = {"memorandum_copy_parties", false,
		"INSERT INTO memorandum_party (memorandum_id, organisation_id, signatory_id, sort)"
		" SELECT $2, organisation_id, signatory_id, sort FROM memorandum_party WHERE memorandum_id = $1"},
	[STMT_MEMORANDUM_COPY_MEMBERS] = {"memorandum_copy_members", false,
		"INSERT INTO memorandum_member (memorandum_id, person_id, organisation_id, role, role_title_en,"
		" role_title_az, sort) SELECT $2, person_id, organisation_id, role, role_title_en, role_title_az, sort"
		" FROM memorandum_member WHERE memorandum_id = $1"},
	[STMT_MEMORANDUM_COPY_PROJECTS] = {"memorandum_copy_projects", false,
		"INSERT INTO memorandum_project (memorandum_id, project_id)"
		" SELECT $2, project_id FROM memorandum_project WHERE memorandum_id = $1"},
	[STMT_MEMORANDUM_COPY_AREAS] = {"memorandum_copy_areas", false,
		/* the areas with their promised frequency; the series that kept them belong to the old memorandum */
		"INSERT INTO memorandum_area (memorandum_id, sort, text_en, text_az, frequency)"
		" SELECT $2, row_number() OVER (ORDER BY sort, id) - 1, text_en, text_az, frequency"
		" FROM memorandum_area WHERE memorandum_id = $1"},
	[STMT_MEMORANDUM_TOUCH] = {"memorandum_touch", false,
		/* a change to a memorandum's parts (an amendment, a commitment): its version moves, so an open form
		 * made before it is stale */
		"UPDATE memorandum SET version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id"},
	[STMT_MEMORANDUM_AREA_RENUMBER] = {"memorandum_area_renumber", false,
		"UPDATE memorandum_area a SET sort = x.n FROM (SELECT id, row_number() OVER (ORDER BY sort, id) - 1 AS n"
		" FROM memorandum_area WHERE memorandum_id = $1) x WHERE a.id = x.id AND a.sort <> x.n"},
	[STMT_MEMORANDUM_AREA_TRIM] = {"memorandum_area_trim", false,
		"DELETE FROM memorandum_area WHERE memorandum_id = $1 AND sort >= $2"},
	[STMT_AREA_FREQUENCY_SET] = {"area_frequency_set", false,
		"UPDATE memorandum_area SET frequency = $3 WHERE id = $2 AND memorandum_id = $1 RETURNING id"},
	[STMT_AREA_SERIES_CLEAR] = {"area_series_clear", false, "DELETE FROM area_series WHERE area_id = $1"},
	[STMT_AREA_SERIES_ADD] = {"area_series_add", false,
		/* only a series of the area's own memorandum */
		"INSERT INTO area_series (area_id, series_id) SELECT a.id, s.id FROM memorandum_area a"
		" JOIN series s ON s.memorandum_id = a.memorandum_id WHERE a.id = $1 AND s.id = $2 RETURNING area_id"},
	[STMT_MEMORANDUM_COMMITMENTS] = {"memorandum_commitments", true,
		/* Each area that promises a frequency: the whole periods (1, 3 or 12 months) counted back from the
		 * memorandum's end or today, whichever is first, to its start (at most 24 periods; none before it is in force),
		 * how many of them had a meeting held (held_meeting: attendance recorded) of one of the area's series, the
		 * last one held, and the series, as '{id,…}' */
		"SELECT a.id, a.frequency, p.k, (SELECT count(*) FROM generate_series(0, p.k - 1) i WHERE EXISTS ("
		"   SELECT 1 FROM held_meeting h JOIN area_series x ON x.series_id = h.series_id WHERE x.area_id = a.id"
		"   AND h.day > p.e - make_interval(months => (i + 1) * p.l) AND h.day <= p.e - make_interval(months => i * p.l))),"
		" (SELECT max(h.day)::text FROM held_meeting h JOIN area_series x ON x.series_id = h.series_id"
		"   WHERE x.area_id = a.id AND h.day <= p.e),"
		" (SELECT coalesce(array_agg(x.series_id ORDER BY x.series_id), '{}')::text FROM area_series x WHERE x.area_id = a.id)"
		" FROM memorandum_area a JOIN memorandum m ON m.id = a.memorandum_id"
		" CROSS JOIN LATERAL (SELECT e, l, greatest(0, least(24, (extract(year FROM age(e, st)) * 12"
		"   + extract(month FROM age(e, st)))::int / l)) AS k"
		"   FROM (SELECT least(" LIFE_TODAY ", m.valid_until, m.terminated_on) AS e, coalesce(m.valid_from, m.signed_on) AS st,"
		"   CASE a.frequency WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 3 ELSE 12 END AS l) q) p"
		" WHERE a.memorandum_id = $1 AND a.frequency IS NOT NULL ORDER BY a.sort, a.id"},
	[STMT_MEMORANDUM_LAST_HELD] = {"memorandum_last_held", true,
		/* the last meeting held of any of the memorandum's series, and whether it is dormant: in force
		 * (active or expiring) for longer than $3 months with none held within them. $2 notice months */
		"SELECT " LAST_HELD ", " DORMANT("$2", "$3") " FROM memorandum m WHERE m.id = $1"},

	/* ---- the staff home page (pages/home.c) ---- */
	[STMT_HOME_UNDECIDED] = {"home_undecided", true,
		/* memoranda expiring or expired with no decision taken (renewed, terminated), soonest end first;
		 * $1 notice months, $2 the most rows */
		"SELECT m.id, m.title_en, m.title_az, m.valid_until::text, memorandum_life(m, " LIFE_TODAY ", $1)"
		" FROM memorandum m WHERE " UNDECIDED("$1") " ORDER BY m.valid_until, m.id LIMIT $2"},
	[STMT_HOME_DORMANT] = {"home_dormant", true,
		/* in force for longer than $2 months with no meeting held within them (as STMT_MEMORANDUM_LAST_HELD);
		 * $1 notice months, $3 the most rows; the last meeting held, if any. The memoranda in force are sorted
		 * first, behind a fence (OFFSET 0), and then looked into for meetings one by one until $3 are found:
		 * looking into each of the 600 in force of the large installation for its meetings before sorting had
		 * taken 40-70 ms. DORMANT() says the same in full, for the memoranda list's filter. */
		"SELECT m.id, m.title_en, m.title_az, " LAST_HELD
		" FROM (SELECT * FROM memorandum m WHERE " IN_FORCE("$1")
		"   AND coalesce(m.valid_from, m.signed_on) <= " LIFE_TODAY " - make_interval(months => $2)"
		"   ORDER BY m.signed_on, m.id OFFSET 0) m"
		" WHERE NOT " HELD_WITHIN("$2") " LIMIT $3"},
	/* ---- the "staff" feed: every deadline (pages/feed.c) ---- */
	[STMT_FEED_STAFF_MEMORANDA] = {"feed_staff_memoranda", true,
		/* signed memoranda with an end and no decision: the end and the last day to give notice ($1 months
		 * before it); $2 the most rows */
		"SELECT id, title_en, title_az, valid_until::text, (valid_until - make_interval(months => $1))::date::text,"
		" updated_at FROM memorandum WHERE status = 'signed' AND valid_until IS NOT NULL AND renewed_by IS NULL"
		" AND terminated_on IS NULL ORDER BY valid_until, id LIMIT $2"},
	[STMT_FEED_STAFF_ACTIONS] = {"feed_staff_actions", true,
		/* open action items with a due date, with their meeting (for the link) and its record's last change;
		 * $1 the most rows */
		"SELECT a.id, a.what_en, a.what_az, a.due_on::text, r.updated_at, r.series_id, r.recurrence_id"
		" FROM record_action a JOIN meeting_record r ON r.id = a.record_id"
		" WHERE a.status = 'open' AND a.due_on IS NOT NULL ORDER BY a.due_on, a.id LIMIT $1"},
	[STMT_HOME_MINUTES_WAITING] = {"home_minutes_waiting", true,
		/* meeting records circulated and not yet approved, oldest meeting first; $1 the most rows */
		"SELECT s.id, r.recurrence_id, m.id, m.title_en, m.title_az, s.title_en, s.title_az"
		" FROM meeting_record r JOIN series s ON s.id = r.series_id JOIN memorandum m ON m.id = s.memorandum_id"
		" WHERE r.state = 'circulated' ORDER BY r.recurrence_id, s.id LIMIT $1"},

	/* ---- documents: files of a memorandum, an amendment or an occurrence, every version kept (store/documents.c) ---- */
	[STMT_DOCUMENT_INSERT] = {"document_insert", false,
		/* $1 memorandum, $2 its amendment, or $3 series and $4 the occurrence's recurrence id; $6 NULL: no Azerbaijani title */
		"INSERT INTO document (memorandum_id, amendment_id, series_id, recurrence_id, title_en, title_az)"
		" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"},
	[STMT_DOCUMENT_VERSION_INSERT] = {"document_version_insert", false,
		/* $3 the file's bytes (sent as bytes, store_exec_binary); its size and hash are the database's own reading */
		"INSERT INTO document_version (document_id, n, bytes, size, content_type, filename, sha256, created_by,"
		" created_login) VALUES ($1, $2, $3::bytea, octet_length($3::bytea), $4, $5, encode(sha256($3::bytea), 'hex'),"
		" $6, $7) RETURNING document_id"},
	[STMT_DOCUMENT_BUMP] = {"document_bump", false,
		/* a new version: $2 the version the form showed (409 when another came first) */
		"UPDATE document SET version = version + 1 WHERE id = $1 AND version = $2 AND deleted_at IS NULL RETURNING version"},
	[STMT_DOCUMENT_DELETE] = {"document_delete", false,
		"UPDATE document SET deleted_at = now(), deleted_by = $3, deleted_login = $4, delete_reason = $5"
		" WHERE id = $1 AND version = $2 AND deleted_at IS NULL RETURNING id"},
	[STMT_DOCUMENT_SNAPSHOT] = {"document_snapshot", true,
		/* the audit log's view of a document: its row and each version without the bytes */
		"SELECT (to_jsonb(d) - 'created_at' || jsonb_build_object('versions', (SELECT coalesce(jsonb_agg(jsonb_build_object("
		" 'n', v.n, 'filename', v.filename, 'content_type', v.content_type, 'size', v.size, 'sha256', v.sha256,"
		" 'by', v.created_login) ORDER BY v.n), '[]') FROM document_version v WHERE v.document_id = d.id)))::text"
		" FROM document d WHERE d.id = $1"},
	[STMT_DOCUMENT_GET] = {"document_get", true,
		"SELECT d.id, d.memorandum_id, d.amendment_id, d.series_id, d.recurrence_id::text, d.title_en, d.title_az,"
		" d.version, to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), d.deleted_at IS NOT NULL,"
		" coalesce(d.memorandum_id, s.memorandum_id), m.title_en, m.title_az, s.title_en, s.title_az"
		" FROM document d LEFT JOIN series s ON s.id = d.series_id"
		" JOIN memorandum m ON m.id = coalesce(d.memorandum_id, s.memorandum_id) WHERE d.id = $1"},
	[STMT_DOCUMENT_VERSIONS] = {"document_versions", true,
		"SELECT n, filename, content_type, size, sha256, created_login,"
		" to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM document_version WHERE document_id = $1"
		" ORDER BY n DESC"},
	[STMT_DOCUMENTS_OF_MEMORANDUM] = {"documents_of_memorandum", true,
		/* the live documents of a memorandum and its amendments, each with its newest version */
		"SELECT d.id, d.amendment_id, d.title_en, d.title_az, d.version, v.n, v.filename, v.content_type, v.size,"
		" to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')"
		" FROM document d JOIN LATERAL (SELECT * FROM document_version x WHERE x.document_id = d.id ORDER BY x.n DESC"
		" LIMIT 1) v ON true WHERE d.memorandum_id = $1 AND d.deleted_at IS NULL ORDER BY d.created_at, d.id"},
	[STMT_DOCUMENTS_OF_OCCURRENCE] = {"documents_of_occurrence", true,
		"SELECT d.id, d.amendment_id, d.title_en, d.title_az, d.version, v.n, v.filename, v.content_type, v.size,"
		" to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')"
		" FROM document d JOIN LATERAL (SELECT * FROM document_version x WHERE x.document_id = d.id ORDER BY x.n DESC"
		" LIMIT 1) v ON true WHERE d.series_id = $1 AND d.recurrence_id = $2::timestamp AND d.deleted_at IS NULL"
		" ORDER BY d.created_at, d.id"},
	[STMT_DOCUMENT_FILE] = {"document_file", true,
		/* one version's bytes, name and type, read in binary (store_exec_binary): every column as its bytes;
		 * $2 0: the newest; nothing of a deleted document */
		"SELECT v.bytes, convert_to(v.filename, 'UTF8'), convert_to(v.content_type, 'UTF8')"
		" FROM document d JOIN document_version v ON v.document_id = d.id"
		" WHERE d.id = $1 AND d.deleted_at IS NULL AND v.n = CASE WHEN $2::int = 0 THEN d.version ELSE $2::int END"},
};

/*
 * How each statement is planned. PostgreSQL plans a prepared statement afresh for each execution's values as
 * long as it estimates the plan it could keep to cost more, and the long statements below (GENERIC), whose keys
 * and windows vary with every request, it always did: planning took longer than running them (series_filter_window
 * 1.7 ms planning, 0.1 ms running; series_window_first 1.5 and 1.0; the home page's 10.7 ms of statements became
 * 5.2). Measured on the large installation (bench/scale), their generic plans run as fast as the custom ones; db.c
 * switches the session's plan_cache_mode for them. The rest keep PostgreSQL's choice (AUTO): above all the
 * searches, where a word's rarity decides the plan (memoranda_list_search's generic plan took 48 ms where its
 * custom one takes 2), and the lists whose "$n IS NULL OR ..." filters need the value to pick an index. EITHER:
 * lookups by key, planned once by PostgreSQL anyway, which run in whichever mode the session is in, so that a
 * page of GENERIC statements and these never switches it.
 */
static const enum stmt_plan plans[STMT__MAX] = {
	[STMT_SERIES_WINDOW_FIRST] = PLAN_GENERIC, [STMT_SERIES_FILTER_FIRST] = PLAN_GENERIC,
	[STMT_SERIES_FILTER_WINDOW] = PLAN_GENERIC, [STMT_SERIES_GRID] = PLAN_GENERIC,
	[STMT_PEOPLE_LIST] = PLAN_GENERIC, [STMT_PEOPLE_AFTER] = PLAN_GENERIC, [STMT_PEOPLE_BEFORE] = PLAN_GENERIC,
	[STMT_MEMORANDA_LIST] = PLAN_GENERIC, [STMT_MEMORANDA_COUNT] = PLAN_GENERIC,
	[STMT_MEMORANDA_LIST_UNDECIDED] = PLAN_GENERIC, [STMT_MEMORANDA_COUNT_UNDECIDED] = PLAN_GENERIC,
	[STMT_MEMORANDA_LIST_DORMANT] = PLAN_GENERIC, [STMT_MEMORANDA_COUNT_DORMANT] = PLAN_GENERIC,
	[STMT_MEMORANDA_LIST_LIFE] = PLAN_GENERIC, [STMT_MEMORANDA_COUNT_LIFE] = PLAN_GENERIC,
	[STMT_ACTIONS_FIRST] = PLAN_GENERIC, [STMT_ACTIONS_FIRST_AFTER] = PLAN_GENERIC,
	[STMT_HOME_UNDECIDED] = PLAN_GENERIC, [STMT_HOME_DORMANT] = PLAN_GENERIC,
	[STMT_HOME_MINUTES_WAITING] = PLAN_GENERIC, [STMT_MEMORANDUM_LAST_HELD] = PLAN_GENERIC,
	[STMT_MEMORANDUM_COMMITMENTS] = PLAN_GENERIC,
	[STMT_SESSION_LOAD] = PLAN_EITHER, [STMT_PING] = PLAN_EITHER, [STMT_SERIES_GET] = PLAN_GENERIC,
	[STMT_SERIES_OVERRIDES] = PLAN_GENERIC, [STMT_SERIES_OVERRIDES_WINDOW] = PLAN_EITHER,
	[STMT_SERIES_ATTENDEES] = PLAN_GENERIC, [STMT_SERIES_PEOPLE] = PLAN_EITHER, [STMT_ORG_OPTIONS_OF] = PLAN_EITHER,
	[STMT_MEMORANDUM_GET] = PLAN_GENERIC, [STMT_MEMORANDUM_PARTIES] = PLAN_GENERIC,
	[STMT_MEMORANDUM_MEMBERS] = PLAN_GENERIC, [STMT_MEMORANDUM_PROJECTS] = PLAN_GENERIC,
	[STMT_MEMORANDUM_AREAS] = PLAN_GENERIC, [STMT_MEMORANDUM_AMENDMENTS] = PLAN_GENERIC,
	[STMT_DOCUMENTS_OF_MEMORANDUM] = PLAN_GENERIC, [STMT_AUDIT_OF_ENTITY] = PLAN_GENERIC,
	[STMT_AUDIT_ALL] = PLAN_GENERIC, [STMT_AUDIT_CHANGES] = PLAN_GENERIC,
	[STMT_SERIES_OF_MEMORANDUM] = PLAN_GENERIC, [STMT_PERSON_NAMES] = PLAN_GENERIC,
	/* a records search: each table's trigram index (a custom plan read a table from its start for a word it
	 * thought common: 125 ms), and the newest records by migration 039's index */
	[STMT_RECORDS_SEARCH_RARE] = PLAN_GENERIC, [STMT_RECORDS_SEARCH_RECENT] = PLAN_GENERIC,
	[STMT_ORGS_LIST] = PLAN_EITHER, [STMT_ORGS_LIST_AZ] = PLAN_EITHER, [STMT_ORGS_COUNT] = PLAN_EITHER,
};

enum stmt_plan stmt_plan(enum stmt id)
{
	return id < STMT__MAX ? plans[id] : PLAN_AUTO;
}

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
