#!/usr/bin/python3
"""rule_check.py - the independent side of t76_rules.sh: generated recurrence rules, their occurrences by
python3-dateutil (rrulestr), and the meeting form driven over HTTP as a browser drives it.

  rule_check.py generate SEED N          N candidate series (tab-separated, for rule_probe roundtrip): index, tzid,
                                         all_day, start, end, rule. Every RRULE part appears: FREQ (SECONDLY too,
                                         which memocal refuses), INTERVAL, COUNT, UNTIL as a DATE, a UTC DATE-TIME
                                         and a floating one, BYSECOND ... BYSETPOS with lists, ordinals and
                                         negative values, WKST; zones east and west of UTC, with :30 and :45
                                         offsets, and starts on and around DST changes.
  rule_check.py compare ROWS PROBE       memocal's first 500 starts (rule_probe's output) against dateutil's for
                                         every row memocal accepted; "ok - ..." / "not ok - ..." lines
  rule_check.py windows SEED             rows for rule_probe window: sub-daily rules whose expansion windows start
                                         at every minute of an hour, in zones with :30 and :45 offsets
  rule_check.py compare-windows ROWS OUT  those windows against dateutil
  rule_check.py ics ROWS FILE UIDPREFIX  an .ics file holding the rows as events (RRULE as generated, UNTIL kinds,
                                         seconds, odd white space in descriptions), for an import
  rule_check.py form-trip BASE LOGIN PASSWORD IDS...
                                         for each series: its edit form fetched and sent back as it came, as a
                                         browser does; "ok - ..." when the answer is 303 to ?done=unchanged

Where dateutil 2.8.2 is known to read a rule otherwise than RFC 5545, the comparison says so and compares with
RFC 5545's reading, computed from dateutil's pieces:
  - DTSTART: RFC 5545 counts it as the first occurrence (and towards COUNT) even when the rule would not give it;
    dateutil gives only what the rule gives.
  - BYDAY mixing numbered and plain weekdays (BYDAY=2WE,FR): RFC 5545 means the days either gives; dateutil keeps
    the days both give. memocal is compared with the union of dateutil's two readings, BYSETPOS applied after.
  - UNTIL as a DATE with a DATE-TIME start: RFC 5545 wants UNTIL of DTSTART's type; memocal (like libical) reads
    the whole local day, dateutil refuses or reads its 00:00. Compared with that day's 23:59:59.
  - memocal, like libical and the clients built on it, expands nothing after the year 2582.
"""
import datetime as dt
import itertools
import random
import re
import sys
import zoneinfo

from dateutil import tz as dtz
from dateutil.rrule import rrulestr

FIRST = 500
HORIZON = dt.datetime(2582, 12, 31, 23, 59, 59)
WD = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ZONES = ["Asia/Baku", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide",
         "Pacific/Auckland", "America/St_Johns", "America/Sao_Paulo", "UTC", "Australia/Eucla", "Pacific/Chatham"]
# days on or around which the zones above change their clocks
DST_DAYS = ["03-08", "03-09", "03-29", "03-30", "03-31", "04-05", "04-06", "09-27", "09-28", "10-04", "10-05",
            "10-25", "10-26", "10-27", "11-01", "11-02", "11-03"]

KNOWN_DTSTART = ("dateutil gives only what the rule gives; RFC 5545 3.3.10 counts DTSTART as the first occurrence "
                 "(and towards COUNT) even when the rule would not give it")
KNOWN_MIXED = ("dateutil 2.8.2 reads BYDAY mixing numbered and plain weekdays (2WE,FR) as the days both give; "
               "RFC 5545 means the days either gives: compared with the union of dateutil's two readings")
KNOWN_DATE_UNTIL = ("a DATE UNTIL with a DATE-TIME start is outside RFC 5545 (UNTIL takes DTSTART's type); memocal, "
                    "like libical, reads the whole local day: dateutil is given that day's 23:59:59")
KNOWN_HORIZON = "memocal (like libical and the clients built on it) expands nothing after 2582"
KNOWN_GAP = ("dateutil.tz reads a wall time in a DST gap with the offset after the gap; RFC 5545 3.3.5 with the one "
             "before it (02:30 on a spring-forward night is 03:30): wall times are turned into instants with Python's "
             "zoneinfo (PEP 495), which reads them as RFC 5545 does")


def instant(wall, tzid):
    """A wall time in tzid as RFC 5545 3.3.5 reads it: the first of a repeated hour, a gap's time with the offset
    before the gap (zoneinfo's fold=0)."""
    return int(wall.replace(tzinfo=zoneinfo.ZoneInfo(tzid), fold=0).timestamp())


def vals(rnd, lo, hi, k, neg=False):
    out = set()
    while len(out) < k:
        v = rnd.randint(lo, hi)
        if neg and rnd.random() < .35:
            v = -v
        out.add(v)
    return ",".join(map(str, sorted(out, key=lambda x: (x < 0, abs(x)))))


def gen_rule(rnd, all_day):
    freqs = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] if all_day else \
        ["SECONDLY"] + ["MINUTELY"] * 4 + ["HOURLY"] * 6 + ["DAILY"] * 8 + ["WEEKLY"] * 8 + ["MONTHLY"] * 8 + \
        ["YEARLY"] * 6
    f = rnd.choice(freqs)
    p = []
    if rnd.random() < .4:
        p.append("INTERVAL=%d" % (rnd.choice([15, 20, 30, 45, 90, 120, 240]) if f == "MINUTELY" else
                                  rnd.choice([2, 3, 4, 6, 8, 12]) if f == "HOURLY" else rnd.choice([2, 3, 4, 5, 7, 12])))
    sub = f in ("SECONDLY", "MINUTELY", "HOURLY")
    if not all_day:
        if rnd.random() < (.5 if sub else .2):
            p.append("BYHOUR=" + vals(rnd, 0, 23, rnd.randint(1, 4 if f != "MINUTELY" else 2)))
        if rnd.random() < (.4 if f == "HOURLY" else .2):
            p.append("BYMINUTE=" + vals(rnd, 0, 59, rnd.randint(1, 3)))
        if rnd.random() < .08:
            p.append("BYSECOND=" + vals(rnd, 0, 59, rnd.randint(1, 2)))
    numbered = f in ("MONTHLY", "YEARLY")
    # dateutil walks a MINUTELY rule minute by minute through the days it filters out: few day limits there
    dayish = .3 if f == "MINUTELY" else 1
    if rnd.random() < (.55 if numbered else .35) * dayish:
        days = set()
        for _ in range(rnd.randint(1, 3)):
            if numbered and rnd.random() < .6:
                top = 53 if f == "YEARLY" and rnd.random() < .3 else 5
                n = rnd.randint(1, top)
                days.add("%s%d%s" % ("-" if rnd.random() < .35 else rnd.choice(["", "+"]), n, rnd.choice(WD)))
            else:
                days.add(rnd.choice(WD))
        p.append("BYDAY=" + ",".join(sorted(days)))
    if f not in ("WEEKLY",) and rnd.random() < .25 * dayish:
        p.append("BYMONTHDAY=" + vals(rnd, 1, 31, rnd.randint(1, 3), True))
    if f in ("YEARLY", "HOURLY") and rnd.random() < .12:
        p.append("BYYEARDAY=" + vals(rnd, 1, 366, rnd.randint(1, 3), True))
    if f == "YEARLY" and rnd.random() < .15:
        p.append("BYWEEKNO=" + vals(rnd, 1, 53, rnd.randint(1, 2), True))
    if rnd.random() < .25 * dayish:
        p.append("BYMONTH=" + vals(rnd, 1, 12, rnd.randint(1, 4)))
    if numbered and rnd.random() < .18:
        p.append("BYSETPOS=" + vals(rnd, 1, 4, rnd.randint(1, 2), True))
    if rnd.random() < .2:
        p.append("WKST=" + rnd.choice(WD))
    return f, p


def gen_builderish(rnd, f, start, all_day):
    """A rule of the form's plain-words builder's shape, or one part away from it (a day of the month other
    than the start's, an UNTIL that is not the end of a local day, a WKST, a second ordinal): the builder shows
    exactly the first kind, the custom field the second."""
    wd = WD[start.weekday()]
    nth = (start.day - 1) // 7 + 1
    p = []
    if rnd.random() < .3:
        p.append("INTERVAL=%d" % rnd.randint(2, 99 if rnd.random() < .9 else 150))
    if f == "WEEKLY":
        days = {wd} if rnd.random() < .5 else set(rnd.sample(WD, rnd.randint(1, 4)))
        if rnd.random() < .85:
            p.append("BYDAY=" + ",".join(sorted(days, key=WD.index)))
    elif f == "MONTHLY":
        c = rnd.random()
        if c < .35:
            p.append("BYMONTHDAY=%d" % (start.day if rnd.random() < .8 else rnd.choice([2, 15, -1, -3])))
        elif c < .6:
            p.append("BYDAY=%d%s" % (nth if rnd.random() < .8 else rnd.randint(1, 4), wd))
        elif c < .85:
            p.append("BYDAY=-1" + wd)
        else:
            p.append("BYDAY=1%s,-1%s" % (wd, wd))
    if rnd.random() < .1:
        p.append("WKST=" + rnd.choice(WD))
    return p


def gen_row(rnd, i):
    all_day = rnd.random() < .15
    tz = rnd.choice(ZONES)
    year = rnd.randint(2024, 2030)
    if rnd.random() < .35:
        md = rnd.choice(DST_DAYS)
        day = dt.date(year, int(md[:2]), int(md[3:]))
        hour = rnd.choice([0, 1, 2, 3, 9, 23])
    else:
        day = dt.date(year, 1, 1) + dt.timedelta(days=rnd.randrange(366))
        hour = rnd.randint(0, 23)
    minute = rnd.choice([0, 0, 15, 30, 45, rnd.randint(0, 59)])
    second = rnd.choice([0] * 9 + [rnd.randint(1, 59)])
    if all_day:
        start = dt.datetime.combine(day, dt.time())
        end = start + dt.timedelta(days=rnd.choice([1, 1, 1, 2, 3]))
    else:
        start = dt.datetime.combine(day, dt.time(hour, minute, second))
        end = start + dt.timedelta(minutes=rnd.choice([15, 30, 60, 90, 120]))
    if rnd.random() < .25:
        f = rnd.choice(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])
        parts = gen_builderish(rnd, f, start, all_day)
    else:
        f, parts = gen_rule(rnd, all_day)
    r = rnd.random()
    if r < .3:
        parts.append("COUNT=%d" % rnd.randint(1, 60))
    elif r < .65:
        until = start + dt.timedelta(days=rnd.randint(1, 2000), seconds=rnd.randint(0, 86399))
        if rnd.random() < .3:  # the end of that local day, as the builder writes it
            zone = dtz.gettz(tz)
            until = dt.datetime.combine(until.date(), dt.time(23, 59, 59)).replace(tzinfo=zone) \
                .astimezone(dt.timezone.utc).replace(tzinfo=None)
        kind = "date" if all_day else rnd.choice(["utc", "utc", "utc", "date", "floating"])
        if kind == "date":
            parts.append("UNTIL=" + until.strftime("%Y%m%d"))
        elif kind == "utc":
            parts.append("UNTIL=" + until.strftime("%Y%m%dT%H%M%SZ"))
        else:
            parts.append("UNTIL=" + until.strftime("%Y%m%dT%H%M%S"))
    rnd.shuffle(parts)
    rule = ";".join(["FREQ=" + f] + parts)
    fmt = "%Y-%m-%d %H:%M:%S"
    return [str(i), tz, "1" if all_day else "0", start.strftime(fmt), end.strftime(fmt), rule]


def generate(seed, n):
    rnd = random.Random(seed)
    for i in range(n):
        print("\t".join(gen_row(rnd, i)))


# ---- dateutil's reading ----

def parts_of(rule):
    return dict(p.split("=", 1) for p in rule.split(";"))


def rule_of(parts):
    return ";".join("%s=%s" % kv for kv in parts.items())


def du_list(rule, start, aware_tz, limit):
    """dateutil's starts for rule from start (naive wall times), at most limit."""
    s = start.replace(tzinfo=aware_tz) if aware_tz else start
    out = []
    for x in itertools.islice(rrulestr(rule, dtstart=s), limit):
        x = x.replace(tzinfo=None)
        if x > HORIZON:
            break
        out.append(x)
    return out


def expected(row):
    """(the first 500 starts RFC 5545 gives, by way of dateutil, naive wall times; the known differences used)"""
    _, tzid, all_day, st, _, rule = row
    start = dt.datetime.strptime(st, "%Y-%m-%d %H:%M:%S")
    parts = parts_of(rule)
    notes = set()
    count = int(parts.pop("COUNT")) if "COUNT" in parts else None
    until = parts.get("UNTIL")
    aware = None
    until_utc = None
    if until and until.endswith("Z"):
        # compared as an instant, each wall time read as RFC 5545 reads it (see KNOWN_GAP)
        until_utc = int(dt.datetime.strptime(until, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc).timestamp())
        del parts["UNTIL"]
    elif until and len(until) == 8:
        parts["UNTIL"] = until + "T235959"
        if all_day == "0":
            notes.add(KNOWN_DATE_UNTIL)
    byday = parts.get("BYDAY", "").split(",") if "BYDAY" in parts else []
    numbered = [d for d in byday if re.match(r"^[+-]?\d", d)]
    plain = [d for d in byday if not re.match(r"^[+-]?\d", d)]
    need = FIRST * 2 + 2
    partial = False
    if numbered and plain and parts["FREQ"] in ("MONTHLY", "YEARLY"):
        notes.add(KNOWN_MIXED)
        setpos = [int(v) for v in parts.pop("BYSETPOS").split(",")] if "BYSETPOS" in parts else None
        until_v = parts.pop("UNTIL", None)
        # the periods from the first one, whole (dateutil drops candidates before its DTSTART): each reading
        # starts at midnight on the period's first day, with the times of day DTSTART gives by default
        # written out, so that a candidate earlier in the day than DTSTART (BYHOUR=0 from 03:00) is kept
        first = start.replace(day=1) if parts["FREQ"] == "MONTHLY" else start.replace(month=1, day=1)
        first = first.replace(hour=0, minute=0, second=0)
        for part, value in (("BYHOUR", start.hour), ("BYMINUTE", start.minute), ("BYSECOND", start.second)):
            parts.setdefault(part, str(value))
        cands, covered = set(), HORIZON
        for sel in (numbered, plain):
            q = dict(parts, BYDAY=",".join(sel))
            got_sel = du_list(rule_of(q), first, None, need * (6 if setpos else 1))
            cands.update(got_sel)
            if len(got_sel) == need * (6 if setpos else 1):
                covered = min(covered, got_sel[-1])  # beyond this one reading may have more
        # only what both readings have reached, in whole periods
        if covered < HORIZON:
            partial = True
            bound = (covered.year, covered.month) if parts["FREQ"] == "MONTHLY" else (covered.year,)
            cands = {x for x in cands if ((x.year, x.month) if parts["FREQ"] == "MONTHLY" else (x.year,)) < bound}
        cands = sorted(cands)
        if setpos:
            key = (lambda x: (x.year, x.month)) if parts["FREQ"] == "MONTHLY" else (lambda x: x.year)
            chosen = set()
            for _, grp in itertools.groupby(cands, key=key):
                grp = list(grp)
                for sp in setpos:
                    k = sp - 1 if sp > 0 else len(grp) + sp
                    if 0 <= k < len(grp):
                        chosen.add(grp[k])
            cands = sorted(chosen)
        cands = [x for x in cands if x >= start]
        if until_v:
            if until_v.endswith("Z"):  # not reached: a UTC UNTIL was taken out above
                pass
            else:
                cands = [x for x in cands if x <= dt.datetime.strptime(until_v, "%Y%m%dT%H%M%S")]
        got = cands
    else:
        got = du_list(rule_of(parts), start, aware, need * (4 if until_utc is not None else 1))
    if until_utc is not None:
        got = list(itertools.takewhile(lambda x: instant(x, tzid) <= until_utc, got))
    if not got or got[0] != start:
        notes.add(KNOWN_DTSTART)
    want = [start] + [x for x in got if x != start]
    if count is not None:
        want = want[:count]
    return want[:FIRST], notes, partial and len(want) < FIRST


def compare(rows_path, probe_path):
    rows = {}
    for line in open(rows_path, encoding="utf-8"):
        r = line.rstrip("\n").split("\t")
        rows[r[0]] = r
    accepted = refused = changed = bad = cut = builder = 0
    notes_seen = {}
    problems = []
    horizon = 0
    for line in open(probe_path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        idx, status = f[0], f[1]
        row = rows[idx]
        if status.startswith("refused"):
            refused += 1
            continue
        if status.startswith("error"):
            bad += 1
            problems.append("%s %s: %s" % (row[5], row[3], status))
            continue
        accepted += 1
        builder += status == "ok builder"
        if not status.startswith("ok"):
            changed += 1
            problems.append("%s (%s, %s, all-day %s): form round trip: %s" % (row[5], row[3], row[1], row[2], status))
        got = f[2].split() if len(f) > 2 else []
        was_cut = got and got[-1] == "cut"
        if was_cut:
            got = got[:-1]
            cut += 1
        try:
            want, notes, partial = expected(row)
        except Exception as e:  # dateutil refusing a rule memocal keeps is a difference too
            bad += 1
            problems.append("%s (%s): dateutil: %s" % (row[5], row[3], e))
            continue
        want = [x.strftime("%Y%m%dT%H%M%S") for x in want]
        if was_cut:
            want = want[:len(got)]
        if partial:  # dateutil's readings were followed only so far
            got = got[:len(want)]
        if len(want) < FIRST and len(got) == len(want) + 0 and want and want[-1][:4] >= "2582":
            notes.add(KNOWN_HORIZON)
        for n in notes:
            notes_seen[n] = notes_seen.get(n, 0) + 1
        if got != want:
            bad += 1
            k = next((i for i in range(min(len(got), len(want))) if got[i] != want[i]), min(len(got), len(want)))
            problems.append("%s from %s in %s: differs at %d: memocal %s, RFC 5545 (dateutil) %s" %
                            (row[5], row[3], row[1], k, got[k:k + 3], want[k:k + 3]))
        if want and len(want) < FIRST and int(want[-1][:4]) > 2500:
            horizon += 1
    print("# %d candidate rules: %d accepted for a meeting, %d refused (FREQ=SECONDLY, the limits, never a second "
          "occurrence, combinations libical 3.0 gets wrong); the form showed %d in the plain-words builder, %d in "
          "the custom field" % (len(rows), accepted, refused, builder, accepted - builder))
    for n, k in sorted(notes_seen.items()):
        print("# known difference of dateutil, named (%d rules): %s" % (k, n))
    if cut:
        print("# %d rules gave fewer than 500 starts within the probe's budget: compared as far as they went" % cut)
    for p in problems[:15]:
        print("#   " + p)
    ok = "ok" if accepted >= 2000 else "not ok"
    print("%s - at least 2000 generated rules accepted and checked (%d)" % (ok, accepted))
    print("%s - every accepted rule comes back from its edit form unchanged, its first 500 starts the same "
          "(%d changed)" % ("ok" if changed == 0 else "not ok", changed))
    print("%s - memocal's first 500 starts of every accepted rule are RFC 5545's by python3-dateutil's rrulestr "
          "(%d differ)" % ("ok" if bad == 0 else "not ok", bad))


# ---- windows: sub-daily rules, every minute of an hour ----

SUBDAILY = [
    ("America/New_York", "2026-12-01 09:00:00", "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16"),
    ("America/New_York", "2026-12-01 08:50:00", "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16"),
    ("America/New_York", "2026-12-01 09:00:00", "FREQ=HOURLY;BYMINUTE=0,30;BYHOUR=9,10,11,12,13,14,15,16"),
    ("America/New_York", "2026-12-01 07:40:00", "FREQ=HOURLY;BYMINUTE=15,45;BYHOUR=9,10,11,12,13,14,15,16"),
    ("Asia/Kolkata", "2026-03-02 08:10:00", "FREQ=MINUTELY;INTERVAL=25;BYHOUR=9,10,13,14"),
    ("Asia/Kathmandu", "2026-03-02 09:05:00", "FREQ=HOURLY;INTERVAL=3;BYMINUTE=5,35"),
    ("Europe/Berlin", "2026-03-27 01:30:00", "FREQ=MINUTELY;INTERVAL=45;BYHOUR=1,2,3,4"),
    ("Australia/Adelaide", "2026-04-03 01:45:00", "FREQ=HOURLY;INTERVAL=2;BYHOUR=1,3,5,7,9;BYMINUTE=15,45"),
]


def windows(seed):
    rnd = random.Random(seed)
    i = 0
    for tzid, st, rule in SUBDAILY:
        zone = dtz.gettz(tzid)
        start = dt.datetime.strptime(st, "%Y-%m-%d %H:%M:%S")
        end = start + dt.timedelta(minutes=10)
        base = start.replace(tzinfo=zone).astimezone(dt.timezone.utc) + dt.timedelta(days=rnd.randint(1, 9))
        base = base.replace(minute=0, second=0)
        for minute in range(60):  # a window starting at every minute of an hour
            lo = base + dt.timedelta(minutes=minute)
            hi = lo + dt.timedelta(hours=rnd.choice([2, 6, 24]))
            print("\t".join([str(i), tzid, st, end.strftime("%Y-%m-%d %H:%M:%S"), rule, str(int(lo.timestamp())),
                             str(int(hi.timestamp()))]))
            i += 1


def compare_windows(rows_path, out_path):
    rows = {}
    for line in open(rows_path, encoding="utf-8"):
        r = line.rstrip("\n").split("\t")
        rows[r[0]] = r
    bad, n, problems = 0, 0, []
    for line in open(out_path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        idx, tzid, st, _, rule, lo, hi = rows[f[0]]
        n += 1
        zone = dtz.gettz(tzid)
        start = dt.datetime.strptime(st, "%Y-%m-%d %H:%M:%S")
        lo_t, hi_t = int(lo), int(hi)
        # what the agenda shows: the occurrences that overlap the window (each lasts ten minutes); wall times
        # by dateutil, instants as RFC 5545 reads them (KNOWN_GAP)
        length = 600
        want = set()
        wlo = dt.datetime.fromtimestamp(lo_t, zone).replace(tzinfo=None) - dt.timedelta(days=2)
        whi = dt.datetime.fromtimestamp(hi_t, zone).replace(tzinfo=None) + dt.timedelta(days=2)
        for x in [start] + list(rrulestr(rule, dtstart=start).between(wlo, whi, inc=True)):
            t = instant(x, tzid)
            if t < hi_t and t + length > lo_t:
                want.add(t)
        got = set(int(x) for x in (f[2].split() if len(f) > 2 else [])) if f[1] == "ok" else None
        if got != want:
            bad += 1
            problems.append("%s from %s (%s), window %s .. %s: memocal %s, dateutil %s" % (
                rule, st, tzid, dt.datetime.utcfromtimestamp(lo_t), dt.datetime.utcfromtimestamp(hi_t),
                f[1] if got is None else sorted(got)[:4], sorted(want)[:4]))
    print("# known difference of dateutil, named: " + KNOWN_GAP)
    for p in problems[:10]:
        print("#   " + p)
    print("%s - sub-daily rules in windows starting at every minute of an hour, in zones with :30 and :45 offsets, "
          "agree with dateutil (%d windows, %d differ)" % ("ok" if bad == 0 and n >= 480 else "not ok", n, bad))


# ---- .ics for an import ----

def ics(rows_path, out, prefix):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//memocal tests//rule_check//EN"]
    for line in open(rows_path, encoding="utf-8"):
        idx, tzid, all_day, st, en, rule = line.rstrip("\n").split("\t")
        s = dt.datetime.strptime(st, "%Y-%m-%d %H:%M:%S")
        e = dt.datetime.strptime(en, "%Y-%m-%d %H:%M:%S")
        lines += ["BEGIN:VEVENT", "UID:%s-%s@memocal.test" % (prefix, idx), "DTSTAMP:20250101T000000Z"]
        if all_day == "1":
            lines += ["DTSTART;VALUE=DATE:" + s.strftime("%Y%m%d"), "DTEND;VALUE=DATE:" + e.strftime("%Y%m%d")]
        elif tzid == "UTC":
            lines += ["DTSTART:" + s.strftime("%Y%m%dT%H%M%SZ"), "DTEND:" + e.strftime("%Y%m%dT%H%M%SZ")]
        else:
            lines += ["DTSTART;TZID=%s:%s" % (tzid, s.strftime("%Y%m%dT%H%M%S")),
                      "DTEND;TZID=%s:%s" % (tzid, e.strftime("%Y%m%dT%H%M%S"))]
        def when(name, t):
            if all_day == "1":
                return "%s;VALUE=DATE:%s" % (name, t.strftime("%Y%m%d"))
            if tzid == "UTC":
                return "%s:%s" % (name, t.strftime("%Y%m%dT%H%M%SZ"))
            return "%s;TZID=%s:%s" % (name, tzid, t.strftime("%Y%m%dT%H%M%S"))
        lines.append("RRULE:" + rule)
        lines.append("SUMMARY:Imported rule %s" % idx)
        # what a form trims and what it keeps: the import stores the form's reading
        lines.append("DESCRIPTION:  First line\\r\\nsecond line\\twith a tab  \\n")
        lines.append("LOCATION: Room %s " % idx)
        k = int(idx)
        if k % 2 == 0:
            lines.append("ATTENDEE;CUTYPE=GROUP;CN=Group %s;ROLE=OPT-PARTICIPANT:urn:memocal:test:%s" % (idx, idx))
        if k % 4 == 1:
            lines.append(when("RDATE", s + dt.timedelta(days=1)))
        if k % 5 == 2:
            lines.append(when("EXDATE", s + dt.timedelta(days=2)))
        lines.append("END:VEVENT")
        if k % 3 == 0:  # the first occurrence cancelled (a RECURRENCE-ID of its own)
            lines += ["BEGIN:VEVENT", "UID:%s-%s@memocal.test" % (prefix, idx), "DTSTAMP:20250101T000000Z",
                      when("RECURRENCE-ID", s), "STATUS:CANCELLED", "SUMMARY:Imported rule %s" % idx, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


# ---- the form over HTTP ----

# Form, the edit form as a browser sends it, and the logged-in session: form_trip.py
from form_trip import Form, session  # noqa: E402


def form_trip(base, login, password, ids):
    s = session(base, login, password)
    if not s:
        print("not ok - the form round trips: logging in as %s failed" % login)
        return
    get, post = s
    bad = []
    builder = 0
    for sid in ids:
        action = "/series/%s/edit" % sid
        _, page, _ = get(action)
        f = Form(action)
        f.feed(page)
        fields = f.fields + [("action", "save")]
        builder += dict(f.fields).get("repeat") not in (None, "custom", "none")
        code, where = post(action, fields)
        if code != 303 or where != "/series/%s?done=unchanged" % sid:
            bad.append("series %s: %s %s" % (sid, code, where))
    for b in bad[:10]:
        print("#   " + b)
    print("%s - %d meetings sent back from their edit forms as they came over HTTP (%d shown in the plain-words "
          "builder, %d in the custom field): each answer says nothing changed (303 to ?done=unchanged)" %
          ("ok" if not bad else "not ok", len(ids), builder, len(ids) - builder))


if __name__ == "__main__":
    a = sys.argv
    if len(a) == 4 and a[1] == "generate":
        generate(int(a[2]), int(a[3]))
    elif len(a) == 4 and a[1] == "compare":
        compare(a[2], a[3])
    elif len(a) == 3 and a[1] == "windows":
        windows(int(a[2]))
    elif len(a) == 4 and a[1] == "compare-windows":
        compare_windows(a[2], a[3])
    elif len(a) == 5 and a[1] == "ics":
        ics(a[2], a[3], a[4])
    elif len(a) >= 5 and a[1] == "form-trip":
        form_trip(a[2], a[3], a[4], a[5:])
    else:
        sys.exit(__doc__)
