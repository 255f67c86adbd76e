#!/usr/bin/python3
"""bench/large.py - a seeded, repeatable large installation of memocal, as one psql script of COPY streams.

    /usr/bin/python3 bench/large.py [--seed N] [--scale F] | psql -v ON_ERROR_STOP=1 -d memocal  (as the owner)

What a university leaves after fifteen years (issue 18), at --scale 1: 1,000 organisations, 20,000
people (with positions), 2,000 memoranda over 15 years (2 or 3 parties each, their signatories and
members, areas), 40,000 series (single and every recurrence shape: daily, weekly on one or two days,
fortnightly, monthly by day and by weekday, yearly, COUNT, UNTIL and unbounded rules, RDATEs and
EXDATEs; five zones; all-day and multi-day), 100,000 overrides (moved, retitled, cancelled), 1 to 5
attendees a series and sometimes a group, 5,000 feed tokens, a feed version per scope, and the audit
log that history leaves (a create for every record, an update for every override and then some).
Rules without an end belong to memoranda still in force; those of expired memoranda were ended (UNTIL)
when their memorandum ended, as staff do, so the series without an end are today's, not history's.
Meeting records (migration 016) for the past occurrences of most series, as staff keep them: an agenda of
two to four items with minutes in both languages, attendance of the series' people, decisions numbered per
memorandum and year, action items (most done, some open and overdue), mostly approved (about 35,000
records, 100,000 items, 35,000 decisions and 50,000 actions at --scale 1).

Rows go in with COPY, not row by row. The feed triggers (which would touch every person of a
memorandum for each attendee row), the span and search triggers of migration 018 and the occurrence
index's of migration 030 are off while they go in, and so are migration 017's mail triggers (a history
loaded is not news: nobody is invited to fifteen years of meetings) and migration 035's (each record's
memorandum and whether it was held are written with it); afterwards the script fills series_span,
person_search and feed_version with one statement each, exactly as migrations 018 and 037 fill them for
existing rows, and `memocal migrate` narrows the COUNT rules and writes the occurrence index (every
new series_span row starts waiting for it). Ids are explicit (COPY writes them into the
identity columns) and the sequences are moved past them at the end, so the web can add rows.
Everything derives from --seed: the same seed gives the same database.
"""
import argparse
import datetime as dt
import hashlib
import json
import random
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--seed", type=int, default=18)
ap.add_argument("--scale", type=float, default=1.0)
args = ap.parse_args()
R = random.Random(args.seed)
S = args.scale
out = sys.stdout
N_ORG, N_PERSON, N_MEMO, N_SERIES, N_OVERRIDE, N_TOKEN = (max(3, int(x * S)) for x in
                                                          (1000, 20000, 2000, 40000, 100000, 5000))
ID0 = 1000000  # above anything the seed holds
TODAY = dt.date(2026, 12, 1)
ZONES = ["Asia/Baku", "Asia/Baku", "Asia/Baku", "Europe/London", "America/New_York", "Asia/Tokyo", "Europe/Berlin"]

FIRST = [("Aysel", "Aysel"), ("Rashad", "Rəşad"), ("Leyla", "Leyla"), ("Elchin", "Elçin"), ("Gunel", "Günel"),
         ("Tural", "Tural"), ("Nigar", "Nigar"), ("Orkhan", "Orxan"), ("Sabina", "Səbinə"), ("Farid", "Fərid"),
         ("Aynur", "Aynur"), ("Kamran", "Kamran"), ("Lala", "Lalə"), ("Vugar", "Vüqar"), ("Sevinj", "Sevinc"),
         ("Ilgar", "İlqar"), ("Narmin", "Nərmin"), ("Anar", "Anar"), ("Khadija", "Xədicə"), ("Murad", "Murad")]
LAST = [("Mammadova", "Məmmədova"), ("Aliyev", "Əliyev"), ("Huseynova", "Hüseynova"), ("Guliyev", "Quliyev"),
        ("Hasanova", "Həsənova"), ("Ismayilov", "İsmayılov"), ("Abbasova", "Abbasova"), ("Jafarov", "Cəfərov"),
        ("Karimova", "Kərimova"), ("Rzayev", "Rzayev"), ("Babayeva", "Babayeva"), ("Najafov", "Nəcəfov")]
ORGW = [("Heritage", "İrs"), ("Culture", "Mədəniyyət"), ("Science", "Elm"), ("Archive", "Arxiv"),
        ("History", "Tarix"), ("Arts", "İncəsənət"), ("Museum", "Muzey"), ("Education", "Təhsil")]
KINDS = [("university", "University", "Universiteti"), ("ngo", "Society", "İctimai Birliyi"),
         ("company", "Company", "Şirkəti"), ("government", "Agency", "Agentliyi"), ("other", "Centre", "Mərkəzi")]
TOPICS = [("Steering committee", "Rəhbər komitə"), ("Joint seminar", "Birgə seminar"),
          ("Project board", "Layihə şurası"), ("Field survey", "Çöl tədqiqatı"),
          ("Student interviews", "Tələbə müsahibələri"), ("Archive workshop", "Arxiv emalatxanası"),
          ("Budget review", "Büdcə icmalı"), ("Public lecture", "İctimai mühazirə"),
          ("Working group", "İşçi qrupu"), ("Research colloquium", "Tədqiqat kollokviumu")]
TITLES = [("Rector", "Rektor"), ("Professor", "Professor"), ("Chairman of the board", "İdarə heyətinin sədri"),
          ("Project manager", "Layihə meneceri"), ("Coordinator", "Koordinator"), ("Researcher", "Tədqiqatçı")]


def esc(v):
    """One COPY text field."""
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    s = str(v)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy(table, cols, rows):
    out.write("COPY %s (%s) FROM STDIN;\n" % (table, ", ".join(cols)))
    for r in rows:
        out.write("\t".join(esc(v) for v in r))
        out.write("\n")
    out.write("\\.\n")


def ts(d):
    return d.strftime("%Y-%m-%d %H:%M:%S")


def arr(xs):
    return "{" + ",".join('"%s"' % x for x in xs) + "}"


out.write("\\set ON_ERROR_STOP on\nBEGIN;\n")
for t, trg in (("series", "series_feed"), ("series", "series_span"), ("attendee", "attendee_feed"),
               ("series_override", "series_override_feed"), ("memorandum", "memorandum_feed"),
               ("memorandum_party", "memorandum_party_feed"), ("memorandum_member", "memorandum_member_feed"),
               ("person", "person_search"), ("position", "position_search"),
               ("series", "series_occurrence"), ("series_override", "series_override_occurrence"),
               ("series", "series_mail"), ("series_override", "series_override_mail"), ("attendee", "attendee_mail"),
               ("meeting_record", "meeting_record_memorandum"), ("record_attendance", "record_held")):
    out.write("ALTER TABLE %s DISABLE TRIGGER %s;\n" % (t, trg))

# ---- organisations
orgs = []
for i in range(N_ORG):
    oid = ID0 + i
    kind, ken, kaz = R.choice(KINDS)
    w1, w2 = R.sample(ORGW, 2)
    en = "%s %s %s %d" % (w1[0], w2[0], ken, i)
    az = "%s %s %s %d" % (w1[1], w2[1], kaz, i)
    orgs.append((oid, "org-%d" % i, kind, en, az, "%s%s%d" % (w1[0][0], w2[0][0], i), None,
                 "https://org%d.example.org" % i))
copy("organisation", ["id", "slug", "kind", "name_en", "name_az", "short_name_en", "short_name_az", "website"], orgs)

# ---- people and their positions
people, positions = [], []
pos_id = ID0
for i in range(N_PERSON):
    pid = ID0 + i
    f, l = R.choice(FIRST), R.choice(LAST)
    people.append((pid, "%s %s" % (f[0], l[0]), "%s %s" % (f[1], l[1]), None, None,
                   "p%d@example.org" % i if R.random() < 0.9 else None, R.choice(["az", "en"])))
    for k, o in enumerate(R.sample(range(N_ORG), R.choice([1, 1, 1, 2]))):
        t = R.choice(TITLES)
        positions.append((pos_id, pid, ID0 + o, t[0], t[1], k))
        pos_id += 1
copy("person", ["id", "full_name_en", "full_name_az", "honorific_en", "honorific_az", "email", "preferred_lang"],
     people)
copy("position", ["id", "person_id", "organisation_id", "title_en", "title_az", "sort"], positions)

# ---- memoranda over fifteen years, their parties and members
memos, parties, members, areas = [], [], [], []
memo_people = {}
area_id = ID0
for i in range(N_MEMO):
    mid = ID0 + i
    signed = dt.date(2012, 1, 1) + dt.timedelta(days=R.randrange(15 * 365))
    until = signed + dt.timedelta(days=365 * R.choice([2, 3, 5, 10]))
    status = "signed"  # migration 022 stores the decision only; the life (active, expired) follows from the dates
    t = R.choice(ORGW)
    memos.append((mid, "Memorandum on %s cooperation no. %d" % (t[0].lower(), i),
                  "%s sahəsində əməkdaşlıq haqqında memorandum № %d" % (t[1], i), signed, signed, until, status))
    ps = R.sample(range(N_ORG), R.choice([2, 2, 2, 3]))
    mp = []
    sigs = R.sample(range(N_PERSON), len(ps))
    for k, o in enumerate(ps):
        sig = ID0 + sigs[k]
        parties.append((mid, ID0 + o, sig, k))
        members.append((mid, sig, ID0 + o, "signatory", k))
        mp.append(sig)
    for k in range(R.randrange(2, 7)):
        p = ID0 + R.randrange(N_PERSON)
        if p in mp:
            continue
        members.append((mid, p, ID0 + R.choice(ps), R.choice(["coordinator", "board_member", "contact"]), 10 + k))
        mp.append(p)
    memo_people[mid] = mp
    areas.append((area_id, mid, 0, "Joint research in %s" % t[0].lower(), "%s üzrə birgə tədqiqat" % t[1]))
    area_id += 1
copy("memorandum", ["id", "title_en", "title_az", "signed_on", "valid_from", "valid_until", "status"], memos)
copy("memorandum_party", ["memorandum_id", "organisation_id", "signatory_id", "sort"], parties)
copy("memorandum_member", ["memorandum_id", "person_id", "organisation_id", "role", "sort"], members)
copy("memorandum_area", ["id", "memorandum_id", "sort", "text_en", "text_az"], areas)

# ---- series: every shape, spread over each memorandum's years
RULES = [  # (weight, make(start) -> rule or None)
    (30, lambda d: None),
    (12, lambda d: "FREQ=WEEKLY;COUNT=%d" % R.randrange(4, 30)),
    (8, lambda d: "FREQ=WEEKLY;UNTIL=%sT235959Z" % (d + dt.timedelta(days=R.randrange(30, 700))).strftime("%Y%m%d")),
    (6, lambda d: "FREQ=WEEKLY;INTERVAL=2;BYDAY=%s" % R.choice(["MO,TH", "TU,FR", "WE"])),
    (8, lambda d: "FREQ=MONTHLY;COUNT=%d" % R.randrange(3, 24)),
    (6, lambda d: "FREQ=MONTHLY;BYDAY=%d%s;UNTIL=%sT000000Z" % (R.choice([1, 2, -1]), R.choice(["MO", "WE", "FR"]),
                                                                (d + dt.timedelta(days=R.randrange(90, 1500))).strftime("%Y%m%d"))),
    (4, lambda d: "FREQ=MONTHLY;BYMONTHDAY=%d;COUNT=%d" % (R.choice([1, 15, 28]), R.randrange(3, 12))),
    (5, lambda d: "FREQ=YEARLY"),
    (4, lambda d: "FREQ=YEARLY;COUNT=%d" % R.randrange(2, 10)),
    (5, lambda d: "FREQ=DAILY;COUNT=%d" % R.randrange(2, 10)),
    (3, lambda d: "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=%d" % R.randrange(6, 60)),
    (2, lambda d: "FREQ=WEEKLY"),
]
RW = [w for w, _ in RULES]
series, atts, ovs, recurring = [], [], [], []
att_id, ov_id = ID0, ID0
memo_of = {}
for i in range(N_SERIES):
    sid = ID0 + i
    mi = R.randrange(N_MEMO)
    mid = ID0 + mi
    m = memos[mi]
    span_days = max(30, (m[5] - m[3]).days)
    day = m[3] + dt.timedelta(days=R.randrange(span_days))
    rule = R.choices(RULES, RW)[0][1](day)
    if rule and "COUNT=" not in rule and "UNTIL=" not in rule and m[5] <= TODAY:
        # a rule without an end outlives its memorandum only while the memorandum is in force: when one
        # expired, its staff ended its open series (an UNTIL at its end)
        rule += ";UNTIL=%sT235959Z" % m[5].strftime("%Y%m%d")
    all_day = R.random() < 0.12
    if all_day:
        start = dt.datetime(day.year, day.month, day.day)
        end = start + dt.timedelta(days=R.choice([1, 1, 1, 2, 3]))  # multi-day now and then
    else:
        start = dt.datetime(day.year, day.month, day.day, R.choice([9, 10, 11, 14, 15, 16]), R.choice([0, 30]))
        end = start + dt.timedelta(minutes=R.choice([45, 60, 90, 120, 180]))
    if rule and "BYDAY" in rule and "WEEKLY" in rule:
        # DTSTART on one of the rule's days, so it is its first occurrence
        wd = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        days = rule.split("BYDAY=")[1].split(";")[0].split(",")
        while wd[start.weekday()] not in days:
            start += dt.timedelta(days=1)
            end += dt.timedelta(days=1)
    if rule and "BYMONTHDAY" in rule:
        md = int(rule.split("BYMONTHDAY=")[1].split(";")[0])
        start = start.replace(day=md)
        end = start + (dt.timedelta(days=1) if all_day else dt.timedelta(minutes=60))
    rdates = [ts(start + dt.timedelta(days=R.randrange(200, 900)))] if rule and R.random() < 0.05 else []
    exdates = []
    t = R.choice(TOPICS)
    status = "cancelled" if R.random() < 0.03 else ("tentative" if R.random() < 0.08 else "confirmed")
    series.append((sid, mid, "meeting" if R.random() < 0.8 else "event", "large-%d@bench.memocal" % sid,
                   "%s %d" % (t[0], i), "%s %d" % (t[1], i),
                   "Agenda: items %d and %d." % (i, i + 1) if R.random() < 0.4 else None, None,
                   R.choice(["Khazar University, room %d" % R.randrange(100, 400), "MIRAS office", None]),
                   R.choice(ZONES), all_day, ts(start), ts(end), rule, arr(rdates), arr(exdates), status,
                   R.randrange(0, 3), ts(start - dt.timedelta(days=20)) + "+00"))
    memo_of[sid] = mid
    if rule:
        recurring.append((sid, start, end, rule, all_day))
    mp = memo_people[mid]
    k0 = R.randrange(1, 6)
    chosen = set()
    for k in range(k0):
        p = R.choice(mp) if R.random() < 0.6 else ID0 + R.randrange(N_PERSON)
        if p in chosen:
            continue
        chosen.add(p)
        atts.append((att_id, sid, p, None, None, "chair" if k == 0 else R.choice(["required", "optional"]),
                     R.choice(["needs-action", "accepted", "accepted", "declined", "tentative"]), k))
        att_id += 1
    if R.random() < 0.1:
        atts.append((att_id, sid, None, "Students of project %d" % mi, "Layihə %d tələbələri" % mi, "optional",
                     "needs-action", 9))
        att_id += 1
copy("series", ["id", "memorandum_id", "kind", "uid", "title_en", "title_az", "description_en", "description_az",
                "location", "tzid", "all_day", "start_local", "end_local", "rrule", "rdates", "exdates", "status",
                "sequence", "created_at"], series)
copy("attendee", ["id", "series_id", "person_id", "group_en", "group_az", "role", "partstat", "sort"], atts)

# ---- overrides: on recurring series, at an occurrence the rule surely has (the start, or a whole number of
# the rule's own steps after it for the plain weekly and daily ones), moved, retitled or cancelled
seen = set()
n = 0  # attempts: a draw that repeats an occurrence already overridden is skipped, and the loop still ends
while len(ovs) < N_OVERRIDE and n < 10 * N_OVERRIDE and recurring:
    sid, start, end, rule, all_day = R.choice(recurring)
    step = None
    if rule.startswith("FREQ=WEEKLY;COUNT=") or rule.startswith("FREQ=WEEKLY;UNTIL=") or rule == "FREQ=WEEKLY" \
            or rule.startswith("FREQ=WEEKLY;UNTIL"):
        step = dt.timedelta(days=7)
    elif rule.startswith("FREQ=DAILY"):
        step = dt.timedelta(days=1)
    k = R.randrange(0, 120) if step else 0
    if "COUNT=" in rule and step:
        k = min(k, int(rule.split("COUNT=")[1].split(";")[0]) - 1)
    if "UNTIL=" in rule and step:
        u = dt.datetime.strptime(rule.split("UNTIL=")[1][:8], "%Y%m%d")
        k = min(k, max(0, (u - start) // step - 1))
    rid = start + (step * k if step else dt.timedelta(0))
    n += 1
    if (sid, rid) in seen:
        continue
    seen.add((sid, rid))
    kind = R.random()
    if kind < 0.3:
        ovs.append((ov_id, sid, ts(rid), True, None, None, None, None, None, 1))
    elif kind < 0.8:
        d = dt.timedelta(days=R.choice([1, 2, 7, 30, 400])) if all_day else dt.timedelta(hours=R.choice([1, 2, 24, 48, 9000]))
        ovs.append((ov_id, sid, ts(rid), False, ts(rid + d), ts(rid + d + (end - start)), None, None, None, 1))
    else:
        ovs.append((ov_id, sid, ts(rid), False, None, None, "Changed %d" % ov_id, "Dəyişdi %d" % ov_id, "Room B", 1))
    ov_id += 1
copy("series_override", ["id", "series_id", "recurrence_id", "cancelled", "start_local", "end_local", "title_en",
                         "title_az", "location", "sequence"], ovs)

# ---- meeting records for past occurrences (migration 016): the start of every series, and each of the
# first occurrences of the plain weekly and daily rules; not those cancelled or overridden
people_of = {}
for a in atts:
    if a[2] is not None:
        people_of.setdefault(a[1], []).append(a[2])
recs, items, attend, decs, acts = [], [], [], [], []
rec_id = item_id = dec_id = act_id = ID0
dec_number = {}
WORDS = [("archive survey", "arxiv tədqiqatı"), ("joint seminar programme", "birgə seminar proqramı"),
         ("student exchange", "tələbə mübadiləsi"), ("budget for the year", "ilin büdcəsi"),
         ("heritage catalogue", "irs kataloqu"), ("field trip to Sheki", "Şəkiyə ezamiyyət")]
for sid, mid, kind, uid, ten, taz, _d1, _d2, _loc, _tz, all_day, start_s, _end_s, rule, _r, _x, status, _q, _c \
        in series:
    if status == "cancelled" or R.random() < 0.25:
        continue
    start = dt.datetime.strptime(start_s, "%Y-%m-%d %H:%M:%S")
    rids = [start]
    if rule and (rule.startswith("FREQ=WEEKLY;COUNT=") or rule.startswith("FREQ=DAILY;COUNT=")):
        step = dt.timedelta(days=7 if "WEEKLY" in rule else 1)
        rids = [start + step * k for k in range(min(int(rule.split("COUNT=")[1]), 12))]
    ppl = people_of.get(sid, []) or memo_people[mid][:2]
    for rid in rids:
        if rid.date() >= TODAY or (sid, rid) in seen:
            continue
        state = R.choices(["approved", "circulated", "draft"], [75, 12, 13])[0]
        recs.append((rec_id, sid, ts(rid), state,
                     "The meeting of %s" % (rid + dt.timedelta(days=30)).strftime("%Y-%m-%d") if state == "approved" else None,
                     ts(rid + dt.timedelta(days=30)) + "+00" if state == "approved" else None))
        for k in range(R.randrange(2, 5)):
            w = R.choice(WORDS)
            items.append((item_id, rec_id, k, "Item %d: the %s" % (k + 1, w[0]), "Bənd %d: %s" % (k + 1, w[1]),
                          R.choice(ppl), 15, "Discussed the %s; agreed to go on (meeting %d)." % (w[0], rec_id),
                          "%s müzakirə edildi; davam etmək qərara alındı (görüş %d)." % (w[1].capitalize(), rec_id)))
            item_id += 1
        held = False
        for p in sorted(set(ppl)):
            attend.append((rec_id, p, R.choices(["present", "remote", "late", "absent", "excused"], [60, 15, 5, 10, 10])[0]))
            held = held or attend[-1][2] in ("present", "remote", "late")
        recs[-1] += (mid, held)  # migration 035's columns, as its triggers (off while loading) would set them
        first_dec = None
        for k in range(R.choice([0, 1, 1, 2])):
            n = dec_number.get((mid, rid.year), 0) + 1
            dec_number[(mid, rid.year)] = n
            w = R.choice(WORDS)
            decs.append((dec_id, rec_id, mid, rid.year, n, k, 0, "To approve the %s." % w[0], "%s təsdiq edilsin." % w[1].capitalize()))
            first_dec = first_dec or dec_id
            dec_id += 1
        for k in range(R.choice([0, 1, 1, 2, 3])):
            w = R.choice(WORDS)
            due = rid.date() + dt.timedelta(days=R.choice([14, 30, 60]))
            st = "open" if due > TODAY - dt.timedelta(days=120) or R.random() < 0.05 else R.choice(["done", "done", "dropped"])
            acts.append((act_id, rec_id, k, "Prepare the %s" % w[0], "%s hazırlansın" % w[1].capitalize(), R.choice(ppl),
                         due.isoformat(), st, first_dec if k == 0 else None))
            act_id += 1
        rec_id += 1
copy("meeting_record", ["id", "series_id", "recurrence_id", "state", "approved_by", "approved_at", "memorandum_id", "held"],
     recs)
copy("record_item", ["id", "record_id", "sort", "title_en", "title_az", "presenter_id", "planned_minutes", "minutes_en",
                     "minutes_az"], items)
copy("record_attendance", ["record_id", "person_id", "status"], attend)
copy("record_decision", ["id", "record_id", "memorandum_id", "year", "number", "sort", "item_sort", "text_en", "text_az"],
     decs)
copy("record_action", ["id", "record_id", "sort", "what_en", "what_az", "owner_id", "due_on", "status", "decision_id"],
     acts)

# ---- feed tokens: people, memoranda, organisations (only hashes are stored; these secrets are never used)
toks = []
for i in range(N_TOKEN):
    kind = R.choices(["person", "memorandum", "organisation"], [6, 3, 1])[0]
    sid = ID0 + R.randrange({"person": N_PERSON, "memorandum": N_MEMO, "organisation": N_ORG}[kind])
    toks.append((ID0 + i, hashlib.sha256(b"bench-large-%d-%d" % (args.seed, i)).hexdigest(), kind, sid,
                 R.choice(["az", "en"]), "Feed %d" % i, "bench",
                 "2020-01-01 00:00:00+00" if R.random() < 0.1 else None))
copy("feed_token", ["id", "secret_hash", "scope_kind", "scope_id", "lang", "label", "created_by", "revoked_at"], toks)

# ---- the audit log that history leaves: a create for every record, an update per override, some deletes
def audit_rows():
    aid = ID0
    t0 = dt.datetime(2012, 1, 1)
    span = (dt.datetime(2026, 11, 30) - t0).total_seconds()
    logins = ["admin", "editor1", "editor2", "editor3", "cli"]
    entities = ([("organisation", o[0], o[3], {"name_en": o[3], "name_az": o[4], "slug": o[1]}) for o in orgs] +
                [("person", p[0], p[1], {"full_name_en": p[1], "full_name_az": p[2], "email": p[5]}) for p in people] +
                [("memorandum", m[0], m[1], {"title_en": m[1], "title_az": m[2], "status": m[6]}) for m in memos] +
                [("series", s[0], s[4], {"title_en": s[4], "rrule": s[13], "start_local": s[11]}) for s in series])
    rows = []
    for ent, eid, label, snap in entities:
        rows.append((t0 + dt.timedelta(seconds=R.random() * span), "create", ent, eid, label, snap))
    for o in ovs:
        rows.append((t0 + dt.timedelta(seconds=R.random() * span), "update", "series", o[1], "",
                     {"overrides": [["…"], ["…", o[2]]]}))
    for k in range(len(series) // 2):
        s = R.choice(series)
        rows.append((t0 + dt.timedelta(seconds=R.random() * span), "update", "series", s[0], s[4],
                     {"title_en": [s[4] + " (draft)", s[4]]}))
    rows.sort(key=lambda r: r[0])  # ids in time order, as the log grows
    for at, action, ent, eid, label, ch in rows:
        yield (aid, at.strftime("%Y-%m-%d %H:%M:%S") + "+00", R.choice(logins), action, ent, eid, label,
               json.dumps(ch, ensure_ascii=False))
        aid += 1
copy("audit_log", ["id", "at", "user_login", "action", "entity", "entity_id", "label", "changes"], audit_rows())

for t, trg in (("series", "series_feed"), ("series", "series_span"), ("attendee", "attendee_feed"),
               ("series_override", "series_override_feed"), ("memorandum", "memorandum_feed"),
               ("memorandum_party", "memorandum_party_feed"), ("memorandum_member", "memorandum_member_feed"),
               ("person", "person_search"), ("position", "position_search"),
               ("series", "series_occurrence"), ("series_override", "series_override_occurrence"),
               ("series", "series_mail"), ("series_override", "series_override_mail"), ("attendee", "attendee_mail"),
               ("meeting_record", "meeting_record_memorandum"), ("record_attendance", "record_held")):
    out.write("ALTER TABLE %s ENABLE TRIGGER %s;\n" % (t, trg))
out.write("""
-- what the triggers that were off would have kept: migration 018's fills and a version per scope
INSERT INTO series_span (series_id, count_end, span)
SELECT id, NULL, memocal_series_span(rrule, start_local, end_local, rdates, NULL) FROM series WHERE id >= %(id0)d;
INSERT INTO person_search (person_id, folded, sort_name)
SELECT p.id, memocal_fold(p.full_name_en || ' ' || p.full_name_az || ' '
          || coalesce(p.honorific_en, '') || ' ' || coalesce(p.honorific_az, '') || ' ' || coalesce(p.email, '')
          || coalesce((SELECT string_agg(' ' || pos.title_en || ' ' || pos.title_az, '') FROM position pos
                        WHERE pos.person_id = p.id), '')), p.full_name_en
  FROM person p WHERE p.id >= %(id0)d;
INSERT INTO feed_version (scope_kind, scope_id)
SELECT 'memorandum', id FROM memorandum WHERE id >= %(id0)d
UNION ALL SELECT 'organisation', id FROM organisation WHERE id >= %(id0)d
UNION ALL SELECT 'person', id FROM person WHERE id >= %(id0)d
ON CONFLICT DO NOTHING;
""" % {"id0": ID0})
for t in ("organisation", "person", "position", "memorandum", "memorandum_area", "series", "attendee",
          "series_override", "feed_token", "audit_log", "meeting_record", "record_item", "record_decision",
          "record_action"):
    out.write("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT max(id) FROM %s));\n" % (t, t))
# VACUUM as well as ANALYZE: a database that has run for years has been vacuumed (autovacuum), so its GIN
# indexes have no pending list left and its visibility map lets counts read indexes only
out.write("COMMIT;\nVACUUM ANALYZE;\n")
