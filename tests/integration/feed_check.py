#!/usr/bin/python3
"""feed_check.py - the python side of t80_feeds.sh: memocal's feeds read by Debian's python3-icalendar and
python3-recurring-ical-events, as a calendar client would, and held against what memocal stored and shows.

  feed_check.py raw FEED                        the bytes: CRLF after every line, no line over 75 octets, every
                                                line valid UTF-8 on its own, no bare CR or LF
  feed_check.py unfolded FEED NAME [UID]        the value of the first property NAME (in the VEVENT of UID) after
                                                unfolding and unescaping (RFC 5545 3.1 and 3.3.11), on stdout
  feed_check.py prop FEED UID NAME              the values of property NAME in the master VEVENT of UID
  feed_check.py holds FEED TEXT                 exit 0 when TEXT is in the feed after unfolding (escapes as written)
  feed_check.py content FEED EXPECT.json        every property t80 asks for, against what the database holds
  feed_check.py occurrences FEED FROM DAYS      one "uid|start" line per occurrence python expands in the window
                                                [FROM 00:00Z, FROM + DAYS); start: UTC seconds, or the date of
                                                an all-day occurrence
  feed_check.py compare FEED FROM DAYS AGENDA SERIES ICALJS HAND
                                                the three sets of occurrences in one window: memocal's /agenda
                                                (the HTML of ?tz=UTC, cancelled items left out: the feed drops
                                                them), python's, and ical.js's (ICALJS: the lines of
                                                feed_check_icaljs.mjs occurrences); SERIES: "id|uid|tzid|all_day|
                                                title" lines; HAND: JSON {uid: {"faults": {"python"|"icaljs": why},
                                                "want": ["YYYY-MM-DD HH:MM" UTC, ...]}} for the series a reader is
                                                known to get wrong: memocal (and the reader not named) is held to
                                                RFC 5545's set, worked out by hand; the faulty reader's set is
                                                shown and named, and if it stops being wrong the output says so
                                                and holds it to the same set

Each check prints "ok - ..." or "not ok - ..." (details on lines starting with "#"); the exit status is 1 when
one failed. Known faults of the independent side are named on "#" lines, never skipped silently.
"""
import datetime
import json
import os
import re
import subprocess
import sys
import zoneinfo

import icalendar
import recurring_ical_events

UTC = datetime.timezone.utc
failed = False


def ok(name, good, detail=None):
    global failed
    print(("ok - " if good else "not ok - ") + name)
    if not good:
        failed = True
        for line in (detail or "").splitlines()[:12]:
            print("#   " + line)
    return good


def load(path):
    with open(path, "rb") as f:
        return f.read()


# ---- raw bytes ----

def unfold(data):
    """The logical lines of the feed, as bytes (RFC 5545 3.1: CRLF followed by one space or tab is removed)."""
    return re.sub(rb"\r\n[ \t]", b"", data).split(b"\r\n")


def unescape(text):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def raw(path):
    data = load(path)
    lines = data.split(b"\r\n")
    ok("the feed ends with CRLF", data.endswith(b"\r\n"))
    lines = lines[:-1] if lines and lines[-1] == b"" else lines
    bare = [i + 1 for i, l in enumerate(lines) if b"\r" in l or b"\n" in l]
    ok("every line of the feed ends with CRLF (no bare CR or LF)", not bare, "lines %s" % bare[:10])
    long_ = [(i + 1, len(l)) for i, l in enumerate(lines) if len(l) > 75]
    ok("no line is longer than 75 octets (%d lines)" % len(lines), not long_, "line, octets: %s" % long_[:10])
    bad = []
    for i, l in enumerate(lines):
        try:
            l.decode("utf-8", "strict")
        except UnicodeDecodeError as e:
            bad.append("line %d: %s: %r" % (i + 1, e.reason, l[max(0, e.start - 8):e.end + 8]))
    ok("every line is valid UTF-8 on its own (folding never splits a character)", not bad, "\n".join(bad))
    try:
        data.decode("utf-8", "strict")
        whole = True
    except UnicodeDecodeError:
        whole = False
    ok("the whole feed is valid UTF-8", whole)
    folded = sum(1 for l in lines if l[:1] in (b" ", b"\t"))
    print("# %d lines, %d of them continuations of a folded line" % (len(lines), folded))


def master_lines(data, uid):
    """The logical lines of the VEVENT with that UID and no RECURRENCE-ID."""
    block, out = None, []
    for line in unfold(data):
        if line == b"BEGIN:VEVENT":
            block = []
        elif line == b"END:VEVENT" and block is not None:
            if (b"UID:" + uid.encode()) in block and not any(l.startswith(b"RECURRENCE-ID") for l in block):
                out = block
            block = None
        elif block is not None:
            block.append(line)
    return out


def unfolded(path, name, uid=None):
    data = load(path)
    for line in master_lines(data, uid) if uid else unfold(data):
        text = line.decode("utf-8")
        head, sep, value = text.partition(":")
        if sep and head.split(";")[0].upper() == name.upper():
            sys.stdout.write(unescape(value))
            return
    sys.exit("no %s in %s" % (name, path))


# ---- content ----

def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def text(v):
    return None if v is None else str(v)


def pick(en, az, lang):
    mine, other = (az, en) if lang == "az" else (en, az)
    return mine if mine else other


def catalogue(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "=" in line and not line.lstrip().startswith("#"):
                k, _, v = line.partition("=")
                out[k.strip()] = v.strip()
    return out


def local(s):
    """'YYYY-MM-DD HH:MM:SS' (PostgreSQL's timestamp) -> naive datetime."""
    return datetime.datetime.strptime(s[:19], "%Y-%m-%d %H:%M:%S")


def times_of(ev, name):
    """Every value of RDATE/EXDATE (one or more properties, each one or more values) as (naive local, tzid, date)."""
    out = []
    for p in as_list(ev.get(name)):
        tzid = p.params.get("TZID")
        for d in p.dts:
            v = d.dt
            isdate = not isinstance(v, datetime.datetime)
            if not isdate:
                v = v.replace(tzinfo=None)
            out.append((v, tzid, isdate))
    return out


def typed_l(all_day, tz, tzid, isdate):
    """An RDATE/EXDATE value: a DATE for an all-day series, else a DATE-TIME with the series' TZID."""
    return (isdate and tzid is None) if all_day else (not isdate and tzid == tz)


def content(path, expect_path):
    with open(expect_path, encoding="utf-8") as f:
        x = json.load(f)
    lang = x["lang"]
    msgs = catalogue(x["messages"])
    data = load(path)
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:  # noqa: BLE001 - any parse error fails the check
        ok("python3-icalendar parses the %s feed" % lang, False, repr(e))
        return
    comps = list(cal.walk())
    ok("python3-icalendar parses the %s feed and walks it (%d components)" % (lang, len(comps)), len(comps) > 1)
    errs, known = [], []
    for c in comps:
        for prop, why in getattr(c, "errors", None) or []:
            # the known fault: a two-digit BYDAY ordinal (named again, with its series, below)
            (known if prop == "RRULE" and re.search(r"BYDAY=[^;]*[0-9]{2}[A-Z]{2}", why) else errs).append((prop, why))
    for prop, why in known:
        print("# known fault of python3-icalendar, named: it cannot read %s (%s)" % (prop, why))
    ok("python3-icalendar met no property it could not read%s" % (" but the known fault" if known else ""),
       not errs, repr(errs))

    head = "VCALENDAR: VERSION 2.0, PRODID, CALSCALE GREGORIAN, METHOD PUBLISH"
    ok(head, text(cal.get("VERSION")) == "2.0" and bool(text(cal.get("PRODID"))) and
       text(cal.get("CALSCALE")) == "GREGORIAN" and text(cal.get("METHOD")) == "PUBLISH",
       "%r %r %r %r" % (cal.get("VERSION"), cal.get("PRODID"), cal.get("CALSCALE"), cal.get("METHOD")))
    scope = pick(x["scope_title_en"], x["scope_title_az"], lang)
    want_name = msgs["feed.name"].replace("{name}", scope)
    want_desc = msgs["feed.desc." + x["scope_kind"]].replace("{name}", scope)
    ok("X-WR-CALNAME and X-WR-CALDESC are in the token's language (%s)" % lang,
       text(cal.get("X-WR-CALNAME")) == want_name and text(cal.get("X-WR-CALDESC")) == want_desc,
       "got %r / %r\nwant %r / %r" % (text(cal.get("X-WR-CALNAME")), text(cal.get("X-WR-CALDESC")), want_name,
                                      want_desc))
    ok("NAME and DESCRIPTION (RFC 7986) say the same",
       text(cal.get("NAME")) == want_name and text(cal.get("DESCRIPTION")) == want_desc,
       "got %r / %r" % (text(cal.get("NAME")), text(cal.get("DESCRIPTION"))))
    escaped = "NAME:" + re.sub(r"([\\;,])", r"\\\1", want_name).replace("\n", "\\n")
    ok("NAME is written as TEXT, its commas and semicolons escaped",
       escaped.encode("utf-8") in unfold(data), "want the line %r" % escaped)
    ri = cal.get("REFRESH-INTERVAL")
    want_ttl = "PT%dM" % x["refresh_minutes"]
    ok("REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL are %s" % want_ttl,
       ri is not None and text(ri) == want_ttl and ri.params.get("VALUE") == "DURATION" and
       text(cal.get("X-PUBLISHED-TTL")) == want_ttl, "%r %r" % (ri, cal.get("X-PUBLISHED-TTL")))

    events = [c for c in comps if c.name == "VEVENT"]
    zones = [text(z.get("TZID")) for z in comps if z.name == "VTIMEZONE"]
    used = set()
    for ev in events:
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE"):
            for p in as_list(ev.get(name)):
                if "TZID" in p.params:
                    used.add(p.params["TZID"])
    want_zones = sorted(set(x["zones"]))
    ok("one VTIMEZONE per TZID used, each plain (%s)" % ", ".join(want_zones),
       sorted(zones) == sorted(used) == want_zones and len(zones) == len(set(zones)),
       "VTIMEZONE: %s\nused: %s\nthe series' zones: %s" % (zones, sorted(used), want_zones))
    bad_tz = [z for z in zones if not re.fullmatch(r"[A-Za-z]+(/[A-Za-z_+-]+)+", z or "")]
    ok("TZID values are plain IANA names, no libical prefix", not bad_tz, repr(bad_tz))
    # libical's built-in zones end a zone without rules with a block at the last second of 32-bit time that
    # changes nothing (DTSTART:20380119T071407 in Asia/Baku); the feed carries the zone's real rules only
    markers = []
    for z in (c for c in comps if c.name == "VTIMEZONE"):
        for obs in z.subcomponents:
            start = obs.get("DTSTART")
            off = obs.get("TZOFFSETFROM")
            if start is None or off is None:
                continue
            onset = start.dt.replace(tzinfo=None) - off.td
            if onset == datetime.datetime(2038, 1, 19, 3, 14, 7):
                markers.append("%s %s" % (text(z.get("TZID")), start.to_ical().decode()))
    ok("VTIMEZONEs carry their zone's real rules only (no 2038-01-19 end marker)", not markers, repr(markers))
    ok("no SEQUENCE:0 is written (RFC 5545's default; it makes recurring-ical-events drop sub-daily occurrences)",
       b"SEQUENCE:0\r\n" not in b"\r\n".join(unfold(data)) + b"\r\n", "")

    by_uid = {}
    for ev in events:
        by_uid.setdefault(text(ev.get("UID")), []).append(ev)
    category = pick(x["memorandum_title_en"], x["memorandum_title_az"], lang) if x.get("memorandum_title_en") else None
    # CATEGORIES is a list whose commas libical cannot escape: memocal writes U+201A for a comma in the title
    category = category.replace(",", "\u201a") if category else None

    # every VEVENT
    problems = []
    for ev in events:
        uid = text(ev.get("UID"))
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "LAST-MODIFIED", "SUMMARY", "URL"):
            if ev.get(name) is None:
                problems.append("%s: no %s" % (uid, name))
        if ev.get("DTSTAMP") is not None and getattr(ev["DTSTAMP"].dt, "tzinfo", None) is None:
            problems.append("%s: DTSTAMP is not UTC" % uid)
    ok("every VEVENT has UID, DTSTAMP (UTC), DTSTART, DTEND, LAST-MODIFIED, SUMMARY and URL (%d)" % len(events),
       not problems and events, "\n".join(problems))

    roles = {"chair": "CHAIR", "required": "REQ-PARTICIPANT", "optional": "OPT-PARTICIPANT"}
    for s in x["series"]:
        uid, tz, all_day = s["uid"], s["tzid"], s["all_day"]
        name = "%s (%s)" % (s["title_en"], lang)
        evs = by_uid.get(uid, [])
        masters = [e for e in evs if e.get("RECURRENCE-ID") is None]
        if len(masters) != 1:
            ok("%s: one master VEVENT with its UID" % name, False, "%d found" % len(masters))
            continue
        m = masters[0]

        def stored(v):
            return local(v).date() if all_day else local(v)

        def value(prop):
            dt = prop.dt
            return dt if all_day else dt.replace(tzinfo=None)

        def typed(prop, tzid):  # a DATE for an all-day series, else a DATE-TIME with the series' TZID
            return (tzid is None and prop.params.get("VALUE") == "DATE") if all_day else tzid == tz

        # DTSTART, DTEND
        p = []
        for prop, col in (("DTSTART", "start_local"), ("DTEND", "end_local")):
            got = m.get(prop)
            if got is None or not typed(got, got.params.get("TZID")) or value(got) != stored(s[col]):
                p.append("%s %r %r, stored %s" % (prop, got and got.to_ical(), got and dict(got.params), s[col]))
        ok("%s: one master VEVENT; DTSTART and DTEND as stored, %s" % (name, "DATE values (all-day)" if all_day else "TZID=" + tz),
           not p, "\n".join(p))

        # RRULE, RDATE, EXDATE
        p = []
        got = m.get("RRULE")
        if s["rrule"] and s.get("fault_rrule") and (got is None or not dict(got)):
            print("# known fault of python3-icalendar, named: %s: %s; the RRULE is read from the bytes instead"
                  % (name, s["fault_rrule"]))
            rules = [l[6:].decode() for l in master_lines(data, uid) if l.startswith(b"RRULE:")]
            if [sorted(r.split(";")) for r in rules] != [sorted(s["rrule"].split(";"))]:
                p.append("RRULE in the bytes: %r" % rules)
        elif s["rrule"]:
            if s.get("fault_rrule"):
                print("# %s: python3-icalendar reads this RRULE now: the fault no longer shows (%s)" % (name, s["fault_rrule"]))
            if got is None or dict(got) != dict(icalendar.vRecur.from_ical(s["rrule"])):
                p.append("RRULE %r, stored %s" % (got, s["rrule"]))
        elif got is not None:
            p.append("an RRULE on a single event: %r" % (got,))
        rd = times_of(m, "RDATE")
        if sorted(v for v, _, _ in rd) != sorted(map(stored, s["rdates"])) or not all(typed_l(all_day, tz, t, d) for _, t, d in rd):
            p.append("RDATE %r, stored %r" % (rd, s["rdates"]))
        cancelled = [o["recurrence_id"] for o in s["overrides"] if o["cancelled"]]
        ex = times_of(m, "EXDATE")
        if sorted(v for v, _, _ in ex) != sorted(map(stored, s["exdates"] + cancelled)) or \
                not all(typed_l(all_day, tz, t, d) for _, t, d in ex):
            p.append("EXDATE %r, stored %r and cancelled %r" % (ex, s["exdates"], cancelled))
        ok("%s: RRULE%s, RDATE (%d), EXDATE (%d skipped, %d cancelled occurrences) as stored" %
           (name, " " + s["rrule"] if s["rrule"] else " none", len(s["rdates"]), len(s["exdates"]), len(cancelled)),
           not p, "\n".join(p))

        # SEQUENCE, STATUS, texts, URL, CATEGORIES
        p = []
        seq = m.get("SEQUENCE")
        if (int(seq) if seq is not None else 0) != s["sequence"] or (seq is not None and int(seq) == 0) or \
                text(m.get("STATUS")) != s["status"].upper() or m.get("LAST-MODIFIED") is None:
            p.append("SEQUENCE %r STATUS %r LAST-MODIFIED %r" % (seq, m.get("STATUS"), m.get("LAST-MODIFIED")))
        got = (text(m.get("SUMMARY")), text(m.get("DESCRIPTION")), text(m.get("LOCATION")))
        want = (pick(s["title_en"], s["title_az"], lang),) + texts_with_link(s, msgs, lang)
        if got != want:
            p.append("SUMMARY, DESCRIPTION, LOCATION\n got  %r\n want %r" % (got, want))
        conf = m.get("CONFERENCE")
        if s["location_url"] and (conf is None or text(conf) != s["location_url"] or conf.params.get("VALUE") != "URI"):
            p.append("CONFERENCE %r (want VALUE=URI:%s)" % (conf and conf.to_ical(), s["location_url"]))
        if not s["location_url"] and conf is not None:
            p.append("a CONFERENCE without an online link: %r" % conf.to_ical())
        # the board member's page under this address's own secret (issue 15): the occurrence's for a single
        # meeting, the meeting's list of occurrences when it repeats; the same as RFC 9253 LINK
        url = "%s/board/%s/series/%d" % (x["base_url"], x["token"], s["id"])
        if not s["rrule"] and not s["rdates"]:
            url += "/occurrences/" + re.sub(r"[-:]", "", s["start_local"][:19]).replace(" ", "T")
        link = m.get("LINK")
        if link is None or text(link) != url or link.params.get("LINKREL") != "alternate" or \
                link.params.get("FMTTYPE") != "text/html":
            p.append("LINK %r (want LINKREL=alternate;FMTTYPE=text/html:%s)" % (link and link.to_ical(), url))
        cats = m.get("CATEGORIES")
        catlist = [str(c) for c in cats.cats] if cats is not None else []
        if text(m.get("URL")) != url or catlist != [category]:
            p.append("URL %r (want %r), CATEGORIES %r (want [%r])" % (text(m.get("URL")), url, catlist, category))
        ok("%s: SEQUENCE %s, STATUS:%s, LAST-MODIFIED; SUMMARY, DESCRIPTION, LOCATION in %s%s; URL and LINK to the board page; the memorandum "
           "as one CATEGORIES" % (name, s["sequence"] or "left out (0)", s["status"].upper(), lang,
                                  ", the online link in DESCRIPTION, LOCATION and CONFERENCE" if s["location_url"] else ""),
           not p, "\n".join(p))

        # ATTENDEE, ORGANIZER
        people = s["attendees"]
        att = as_list(m.get("ATTENDEE"))
        p = [] if len(att) == len(people) else ["%d ATTENDEEs, %d stored" % (len(att), len(people))]
        for a, w in zip(att, people):
            want = {"CN": pick(w["name_en"], w["name_az"], lang), "ROLE": roles[w["role"]],
                    "PARTSTAT": w["partstat"].upper(), "CUTYPE": "INDIVIDUAL" if w["person_id"] else "GROUP"}
            got = {k: a.params.get(k) for k in want}
            if got != want:
                p.append("ATTENDEE %s: %r, want %r" % (a, got, want))
        chairs = [w for w in people if w["role"] == "chair"]
        org = m.get("ORGANIZER")
        if chairs and (org is None or org.params.get("CN") != pick(chairs[0]["name_en"], chairs[0]["name_az"], lang)):
            p.append("ORGANIZER %r %r, the chair is %r" % (org, getattr(org, "params", None), chairs[0]))
        if not chairs and org is not None:
            p.append("ORGANIZER %r without a chair" % org)
        ok("%s: %d ATTENDEE%s with CN in %s, ROLE, PARTSTAT, CUTYPE%s; %s" %
           (name, len(people), "" if len(people) == 1 else "s", lang,
            " (a group: CUTYPE=GROUP)" if any(not w["person_id"] for w in people) else "",
            "ORGANIZER = the chair" if chairs else "no ORGANIZER (no chair)"), not p, "\n".join(p))

        # changed occurrences: a VEVENT each with RECURRENCE-ID; cancelled ones none (they are EXDATEs)
        moved = [o for o in s["overrides"] if not o["cancelled"]]
        excs = {value(e["RECURRENCE-ID"]): e for e in evs if e.get("RECURRENCE-ID") is not None}
        if not s["overrides"] and not excs:
            continue
        p = []
        for o in moved:
            e = excs.get(stored(o["recurrence_id"]))
            if e is None or not typed(e["RECURRENCE-ID"], e["RECURRENCE-ID"].params.get("TZID")):
                p.append("no VEVENT with RECURRENCE-ID %s (found %r)" % (o["recurrence_id"], list(excs)))
                continue
            if o["start_local"] and (value(e["DTSTART"]) != stored(o["start_local"]) or
                                     value(e["DTEND"]) != stored(o["end_local"]) or
                                     not typed(e["DTSTART"], e["DTSTART"].params.get("TZID"))):
                p.append("DTSTART/DTEND %r/%r, want %s/%s" % (e["DTSTART"].dt, e["DTEND"].dt, o["start_local"],
                                                             o["end_local"]))
            want_title = pick(o["title_en"], o["title_az"], lang) if (o["title_en"] or o["title_az"]) else \
                pick(s["title_en"], s["title_az"], lang)
            if text(e.get("SUMMARY")) != want_title:
                p.append("SUMMARY %r, want %r" % (text(e.get("SUMMARY")), want_title))
            if (int(e["SEQUENCE"]) if e.get("SEQUENCE") is not None else 0) < s["sequence"]:
                p.append("SEQUENCE %r below the series' %d" % (e.get("SEQUENCE"), s["sequence"]))
        if len(excs) != len(moved):
            p.append("%d VEVENTs with a RECURRENCE-ID for %d changed occurrences" % (len(excs), len(moved)))
        ok("%s: %d changed occurrence%s with its own VEVENT (same UID, RECURRENCE-ID, new DTSTART/DTEND, SUMMARY, "
           "SEQUENCE); none for the %d cancelled" % (name, len(moved), "" if len(moved) == 1 else "s",
                                                    len(s["overrides"]) - len(moved)), not p, "\n".join(p))

    m = x.get("memorandum")
    if m:
        uid = "memorandum-%d-signed@memocal" % m["id"]
        evs = by_uid.get(uid, [])
        good = len(evs) == 1
        if good:
            e = evs[0]
            d0, d1 = e["DTSTART"].dt, e["DTEND"].dt
            want = datetime.date.fromisoformat(m["signed_on"])
            good = (not isinstance(d0, datetime.datetime) and d0 == want and d1 == want + datetime.timedelta(days=1)
                    and e["DTSTART"].params.get("VALUE") == "DATE" and
                    text(e.get("SUMMARY")) == msgs["feed.signed"].replace("{name}", scope))
        ok("the memorandum's signing date (%s) is an all-day event in its feed, titled in %s" % (m["signed_on"], lang),
           good, "%r" % [(e.get("DTSTART").to_ical(), text(e.get("SUMMARY"))) for e in evs])
    if failed:
        sys.exit(1)


def texts_with_link(s, msgs, lang):
    """DESCRIPTION and LOCATION as Google Calendar and Outlook should show them: the online link is the place when
    there is none, and a line of the description."""
    desc = pick(s["description_en"], s["description_az"], lang) or None
    loc = s["location"] or None
    link = s["location_url"]
    if link:
        line = "%s: %s" % (msgs["feed.online"], link)
        desc = desc + "\n\n" + line if desc else line
        loc = loc or link
    return desc, loc


# ---- occurrences ----

def window(frm, days):
    a = datetime.datetime.strptime(frm, "%Y-%m-%d").replace(tzinfo=UTC)
    return a, a + datetime.timedelta(days=int(days))


def key_of(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=UTC)  # floating: as if UTC (memocal writes none)
        return str(int(v.timestamp()))
    return v.isoformat()


def python_set(path, frm, days):
    cal = icalendar.Calendar.from_ical(load(path))
    a, b = window(frm, days)
    out = set()
    for ev in recurring_ical_events.of(cal).between(a, b):
        out.add("%s|%s" % (ev["UID"], key_of(ev["DTSTART"].dt)))
    return out


def occurrences(path, frm, days):
    for line in sorted(python_set(path, frm, days)):
        print(line)


def agenda_set(path, series):
    html = open(path, encoding="utf-8").read()
    out = set()
    for cls, sid, start in re.findall(r'<li class="([^"]*)" data-series="(\d+)" data-start-utc="(-?\d+)"', html):
        if "cancelled" in cls.split():
            continue
        s = series.get(sid)
        if s is None:
            continue  # another memorandum's (the agenda is filtered; this would be a fault shown below)
        if s["all_day"]:
            # an all-day occurrence starts at midnight in the series' zone: its date there
            d = datetime.datetime.fromtimestamp(int(start), zoneinfo.ZoneInfo(s["tzid"])).date()
            out.add("%s|%s" % (s["uid"], d.isoformat()))
        else:
            out.add("%s|%s" % (s["uid"], start))
    return out


def compare(path, frm, days, agenda, series_path, icaljs_path, hand_path):
    series = {}
    for line in open(series_path, encoding="utf-8"):
        sid, uid, tzid, all_day, title = line.rstrip("\n").split("|", 4)
        series[sid] = dict(uid=uid, tzid=tzid, all_day=all_day in ("t", "true"), title=title)
    by_uid = {s["uid"]: s for s in series.values()}
    with open(hand_path, encoding="utf-8") as f:
        hand = json.load(f)
    a, b = window(frm, days)
    mem = agenda_set(agenda, series)
    py = python_set(path, frm, days)
    js = set(l.strip() for l in open(icaljs_path, encoding="utf-8") if l.strip())
    # the memorandum's own dates (signed, expires) are in its feed but no series of the agenda
    py = {o for o in py if not o.startswith("memorandum-")}
    js = {o for o in js if not o.startswith("memorandum-")}

    def of(s, uid):
        return sorted(o.split("|", 1)[1] for o in s if o.split("|", 1)[0] == uid)

    uids = sorted({o.split("|", 1)[0] for o in mem | py | js})
    unknown = [u for u in uids if u not in by_uid]
    ok("window %s +%sd: every occurrence belongs to one of the memorandum's series" % (frm, days), not unknown,
       repr(unknown))
    for uid in uids:
        if uid not in by_uid:
            continue
        s = by_uid[uid]
        m, p, j = of(mem, uid), of(py, uid), of(js, uid)
        label = "window %s +%sd, %s" % (frm, days, s["title"])
        if uid in hand:
            h = hand[uid]
            whole = sorted(utc_seconds(t) for t in h["want"])
            want = [t for t in whole if a.timestamp() <= int(t) < b.timestamp()]
            sides = {"python": ("python3-icalendar", p), "icaljs": ("ical.js", j)}
            good = m == want
            for side, fault in h["faults"].items():
                reader, got = sides[side]
                # the fault is judged over all the occurrences worked out by hand, not only this window's
                if hand_evidence(side, path, uid, whole, icaljs_path) == whole:
                    print("# %s: %s gives RFC 5545's set now: the known fault no longer shows (%s)"
                          % (s["title"], reader, fault))
                    good = good and got == want
                else:
                    print("# known fault of %s, named: %s: %s" % (reader, s["title"], fault))
                    print("#   %s in this window: %s" % (reader, ", ".join(map(fmt, got)) or "nothing"))
            for side in sides:
                if side not in h["faults"]:
                    good = good and sides[side][1] == want
            trusted = " = ".join(["memocal"] + [sides[k][0] for k in sides if k not in h["faults"]])
            ok("%s: %s = RFC 5545 worked out by hand (%d: %s)" %
               (label, trusted, len(want), ", ".join(fmt(t) for t in want) or "none"), good,
               "memocal: %s\npython:  %s\nical.js: %s\nby hand: %s" %
               tuple(", ".join(map(fmt, v)) for v in (m, p, j, want)))
        else:
            ok("%s: memocal = python3-icalendar = ical.js (%d)" % (label, len(m)),
               m == p == j and len(m) > 0,
               "memocal: %s\npython:  %s\nical.js: %s" % (", ".join(map(fmt, m)), ", ".join(map(fmt, p)),
                                                         ", ".join(map(fmt, j))))
    if failed:
        sys.exit(1)


def utc_seconds(t):
    return str(int(datetime.datetime.strptime(t, "%Y-%m-%d %H:%M").replace(tzinfo=UTC).timestamp()))


def hand_evidence(side, path, uid, whole, icaljs_path):
    """What a reader makes of the series over the whole span of the hand-worked set (a day either side)."""
    lo = datetime.datetime.fromtimestamp(int(whole[0]), UTC).date() - datetime.timedelta(days=1)
    days = (int(whole[-1]) - int(whole[0])) // 86400 + 3
    if side == "python":
        got = python_set(path, lo.isoformat(), days)
    else:
        out = subprocess.run(["node", icaljs_script(), "occurrences", path, lo.isoformat(), str(days)],
                             capture_output=True, text=True, check=False).stdout
        got = set(l.strip() for l in out.splitlines() if l.strip())
    return sorted(o.split("|", 1)[1] for o in got if o.split("|", 1)[0] == uid)


def icaljs_script():
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "feed_check_icaljs.mjs")


def fmt(t):
    if re.fullmatch(r"-?\d+", t):
        return datetime.datetime.fromtimestamp(int(t), UTC).strftime("%Y-%m-%d %H:%MZ")
    return t


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "raw" and len(argv) == 3:
        raw(argv[2])
    elif cmd == "unfolded" and len(argv) in (4, 5):
        unfolded(*argv[2:])
        return
    elif cmd == "prop" and len(argv) == 5:
        values = [l.split(b":", 1)[1].decode() for l in master_lines(load(argv[2]), argv[3])
                  if l.split(b":", 1)[0].split(b";")[0] == argv[4].encode()]
        print("\n".join(values))
        sys.exit(0 if values else 1)
    elif cmd == "holds" and len(argv) == 4:
        sys.exit(0 if argv[3].encode() in b"\r\n".join(unfold(load(argv[2]))) else 1)
    elif cmd == "content" and len(argv) == 4:
        content(argv[2], argv[3])
    elif cmd == "occurrences" and len(argv) == 5:
        occurrences(argv[2], argv[3], argv[4])
    elif cmd == "compare" and len(argv) == 9:
        compare(*argv[2:9])
    else:
        sys.exit(__doc__)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv)
