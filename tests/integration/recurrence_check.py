#!/usr/bin/python3
"""recurrence_check.py - the independent side of t71_crosscheck.sh: a table of recurring series, each expanded
by Debian's python3-icalendar and python3-recurring-ical-events, compared with the start instants memocal shows.

  recurrence_check.py rows             one tab-separated line per row, for the shell to create the series:
                                       index, name, tzid, start, end, rrule, exdates, rdates (both "|"-separated),
                                       windows ("YYYY-MM-DD:days" joined by ","); empty fields are "-"
  recurrence_check.py check N FILE     compares row N with memocal's start instants in FILE (UTC seconds, one a
                                       line); prints "ok - ..." or "not ok - ..." (and detail lines starting with
                                       "#"), exits 0 or 1

The event is written as iCalendar text (DTSTART;TZID, DTEND;TZID, RRULE, EXDATE;TZID, RDATE;TZID) and read back
with icalendar.Calendar.from_ical, as a calendar client would, then expanded with
recurring_ical_events.of(cal).between(...) over each window. Both sides count an occurrence when it starts in
a window [from, from + days) in UTC.

Where the independent implementation is known to be wrong, the row names the fault and carries the set RFC 5545
gives, worked out by hand; memocal is held to that set and the output says so. The fault itself is checked
too: if the independent side stops being wrong, the row says that instead, and still compares.
"""
import datetime
import sys

import icalendar
import pytz
import recurring_ical_events

UTC = pytz.utc

# Why a row cannot trust the independent side. Each is a fact about Debian 12's python3-icalendar 4.0.3,
# python3-recurring-ical-events 2.0.1 (on dateutil) and python3-tz, checked again in every run.
FAULT_BYDAY_ORDINAL = ("python3-icalendar 4.0.3 refuses a BYDAY with a two-digit ordinal (20MO) and drops the "
                       "whole RRULE, leaving DTSTART alone")
FAULT_PYTZ_2037 = ("pytz reads only the transitions listed in the zone file, which end in 2037: after that "
                   "Europe/Berlin stays on CET (+01) all year, while the zone's rule (and RFC 5545's TZID) "
                   "keeps summer time")
FAULT_PYTZ_2037_NY = ("pytz reads only the transitions listed in the zone file, which end in 2037: after that "
                      "America/New_York stays on EST (-05) all year")
FAULT_REPEATED_HOUR = ("recurring-ical-events localizes each start with pytz's default is_dst=False, which picks "
                       "the second (standard time) 02:30 of 26 October; RFC 5545 3.3.5 says a local time that "
                       "occurs twice means the first one (summer time, 00:30Z)")
FAULT_DTSTART_COUNT = ("dateutil counts only the rule's own matches towards COUNT and recurring-ical-events adds "
                       "DTSTART on top (4 occurrences); RFC 5545 3.3.10: \"The DTSTART property value always "
                       "counts as the first occurrence\" (3)")
FAULT_UNTIL_OFFSET = ("dateutil compares UNTIL with starts that still carry DTSTART's pytz offset (EST, -05): "
                      "17 March 09:00 EDT (13:00Z) looks like 14:00Z and is dropped before recurring-ical-events "
                      "corrects the offset; RFC 5545 3.3.10: an UNTIL that falls on an occurrence is its last one")
FAULT_DATE_UNTIL = ("a DATE UNTIL with a DATE-TIME DTSTART is outside RFC 5545 3.3.10 (UNTIL must have DTSTART's "
                    "value type); recurring-ical-events turns it into 00:00 UTC and loses 10 March 10:00 in Baku, "
                    "memocal (like libical) includes the whole day named, which is what the form's 'ends on a "
                    "date' means")


def row(name, tz, start, end, rrule, windows, exdates=(), rdates=(), fault=None, want=None):
    """want: for a fault row, the UTC starts RFC 5545 gives ("YYYY-MM-DD HH:MM"), worked out by hand."""
    return dict(name=name, tz=tz, start=start, end=end, rrule=rrule, windows=windows, exdates=list(exdates),
                rdates=list(rdates), fault=fault, want=want)


Y2025 = [("2024-12-31", 366)]  # all of 2025 in UTC, and the last day of 2024

ROWS = [
    # the rule table of tests/unit/test_cal.c
    row("daily, 5 times", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY;COUNT=5", Y2025),
    row("weekly on Monday and Wednesday", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00",
        "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6", Y2025),
    row("every other Tuesday (INTERVAL=2)", "Asia/Baku", "2025-03-11 10:00", "2025-03-11 11:00",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=4", Y2025),
    row("the last Friday of the month (BYDAY=-1FR)", "Asia/Baku", "2025-01-31 10:00", "2025-01-31 11:00",
        "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6", Y2025),
    row("the 31st skips short months (BYMONTHDAY=31)", "Asia/Baku", "2025-01-31 10:00", "2025-01-31 11:00",
        "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7", Y2025),
    row("29 February every leap year", "Asia/Baku", "2024-02-29 10:00", "2024-02-29 11:00",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3",
        [("2024-02-01", 60), ("2025-02-01", 60), ("2026-02-01", 60), ("2027-02-01", 60), ("2028-02-01", 60),
         ("2029-02-01", 60), ("2030-02-01", 60), ("2031-02-01", 60), ("2032-02-01", 60), ("2033-02-01", 60)]),
    row("the second Tuesday of the month", "Asia/Baku", "2025-01-14 10:00", "2025-01-14 11:00",
        "FREQ=MONTHLY;BYDAY=2TU;COUNT=4", Y2025),
    row("the 20th Monday of the year (BYDAY=20MO)", "Asia/Baku", "2024-05-13 10:00", "2024-05-13 11:00",
        "FREQ=YEARLY;BYDAY=20MO;COUNT=3", [("2024-01-01", 366), ("2025-01-02", 366), ("2026-01-03", 366)],
        fault=FAULT_BYDAY_ORDINAL, want=["2024-05-13 06:00", "2025-05-19 06:00", "2026-05-18 06:00"]),
    row("the last weekday of the month (BYSETPOS=-1)", "Asia/Baku", "2025-01-31 10:00", "2025-01-31 11:00",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", Y2025),
    row("UNTIL in UTC, the series in Baku", "Asia/Baku", "2025-02-24 10:00", "2025-02-24 11:00",
        "FREQ=WEEKLY;UNTIL=20250310T060000Z", Y2025),
    row("UNTIL one second before the last", "Asia/Baku", "2025-02-24 10:00", "2025-02-24 11:00",
        "FREQ=WEEKLY;UNTIL=20250310T055959Z", Y2025),
    row("UNTIL as a date includes that day", "Asia/Baku", "2025-02-24 10:00", "2025-02-24 11:00",
        "FREQ=WEEKLY;UNTIL=20250310", Y2025,
        fault=FAULT_DATE_UNTIL, want=["2025-02-24 06:00", "2025-03-03 06:00", "2025-03-10 06:00"]),
    row("UNTIL in UTC, the series in New York", "America/New_York", "2025-04-07 09:00", "2025-04-07 10:00",
        "FREQ=WEEKLY;UNTIL=20250421T130000Z", Y2025),
    row("UNTIL in UTC after New York's spring-forward", "America/New_York", "2025-03-03 09:00", "2025-03-03 10:00",
        "FREQ=WEEKLY;UNTIL=20250317T130000Z", Y2025,
        fault=FAULT_UNTIL_OFFSET, want=["2025-03-03 14:00", "2025-03-10 13:00", "2025-03-17 13:00"]),
    row("Europe/Berlin: Sundays across spring-forward", "Europe/Berlin", "2025-03-23 10:00", "2025-03-23 11:00",
        "FREQ=WEEKLY;COUNT=3", Y2025),
    row("Europe/Berlin: Sundays across fall-back", "Europe/Berlin", "2025-10-19 10:00", "2025-10-19 11:00",
        "FREQ=WEEKLY;COUNT=3", Y2025),
    row("America/New_York: daily across 9 March", "America/New_York", "2025-03-08 09:00", "2025-03-08 10:00",
        "FREQ=DAILY;COUNT=3", Y2025),
    row("America/New_York: daily across 2 November", "America/New_York", "2025-11-01 09:00", "2025-11-01 10:00",
        "FREQ=DAILY;COUNT=3", Y2025),
    row("Europe/Berlin: 02:30 daily across the gap", "Europe/Berlin", "2025-03-29 02:30", "2025-03-29 03:00",
        "FREQ=DAILY;COUNT=3", Y2025),
    row("Europe/Berlin: 02:30 daily across the repeated hour", "Europe/Berlin", "2025-10-25 02:30",
        "2025-10-25 03:00", "FREQ=DAILY;COUNT=3", Y2025,
        fault=FAULT_REPEATED_HOUR, want=["2025-10-25 00:30", "2025-10-26 00:30", "2025-10-27 01:30"]),
    row("Asia/Baku stays +04 all year", "Asia/Baku", "2025-01-15 10:00", "2025-01-15 11:00",
        "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12", Y2025),
    row("DTSTART off the rule counts towards COUNT", "Asia/Baku", "2025-03-11 10:00", "2025-03-11 11:00",
        "FREQ=WEEKLY;BYDAY=MO;COUNT=3", Y2025,
        fault=FAULT_DTSTART_COUNT, want=["2025-03-11 06:00", "2025-03-17 06:00", "2025-03-24 06:00"]),
    row("hourly on Mondays at 9 and 10", "Asia/Baku", "2024-01-01 10:00", "2024-01-01 10:30",
        "FREQ=HOURLY;BYDAY=MO;BYHOUR=9,10;COUNT=4", [("2023-12-01", 62)]),
    row("a single event", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", None, Y2025),
    row("endless daily, a window in the middle", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY",
        [("2025-03-20", 3), ("2026-02-26", 5)]),
    row("COUNT ended before the window", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=WEEKLY;COUNT=3",
        [("2026-01-01", 366)]),
    row("every 400 years: 2000, and nothing in 2200 (the agenda reaches 2200)", "Asia/Baku", "2000-01-01 10:00",
        "2000-01-01 11:00", "FREQ=YEARLY;INTERVAL=400", [("1999-12-01", 62), ("2199-12-01", 62)]),
    row("every 100 years: 2000, 2100, 2200", "Asia/Baku", "2000-01-01 10:00", "2000-01-01 11:00",
        "FREQ=YEARLY;INTERVAL=100", [("1999-12-01", 62), ("2099-12-01", 62), ("2199-12-01", 62)]),
    # EXDATE and RDATE (test_cal.c: exdate_removes_one, exdate_can_remove_dtstart, rdate_adds_one_in_order)
    row("EXDATE removes one (and one that is no occurrence does nothing)", "Asia/Baku", "2025-03-10 10:00",
        "2025-03-10 11:00", "FREQ=DAILY;COUNT=5", Y2025, exdates=["2025-03-12 10:00", "2025-03-12 11:00"]),
    row("EXDATE can remove DTSTART", "Asia/Baku", "2025-03-10 10:00", "2025-03-10 11:00", "FREQ=DAILY;COUNT=3",
        Y2025, exdates=["2025-03-10 10:00"]),
    row("RDATE adds one in order (and one already there once)", "Asia/Baku", "2025-03-10 10:00",
        "2025-03-10 11:00", "FREQ=WEEKLY;COUNT=3", Y2025, rdates=["2025-03-20 15:00", "2025-03-17 10:00"]),
    row("EXDATE and RDATE across Berlin's spring-forward", "Europe/Berlin", "2025-03-23 10:00", "2025-03-23 11:00",
        "FREQ=WEEKLY;BYDAY=SU;COUNT=4", Y2025, exdates=["2025-03-30 10:00"], rdates=["2025-03-31 18:00"]),
    row("RDATE without a rule", "Europe/Berlin", "2025-03-23 10:00", "2025-03-23 11:00", None, Y2025,
        rdates=["2025-03-30 10:00", "2025-10-26 12:00"]),
    # past 2037, where pytz stops following the zone's rules
    row("Europe/Berlin: Sundays across spring-forward 2040", "Europe/Berlin", "2040-03-18 10:00",
        "2040-03-18 11:00", "FREQ=WEEKLY;COUNT=3", [("2040-03-01", 60)],
        fault=FAULT_PYTZ_2037, want=["2040-03-18 09:00", "2040-03-25 08:00", "2040-04-01 08:00"]),
    row("America/New_York: monthly on the 4th in summer 2050", "America/New_York", "2050-06-04 09:00",
        "2050-06-04 10:00", "FREQ=MONTHLY;COUNT=3", [("2050-06-01", 120)],
        fault=FAULT_PYTZ_2037_NY, want=["2050-06-04 13:00", "2050-07-04 13:00", "2050-08-04 13:00"]),
]


def local(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M")


def ical_local(text):
    return local(text).strftime("%Y%m%dT%H%M%S")


def utc_text(seconds):
    return datetime.datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M:%S")


def calendar_of(r):
    """The series as iCalendar text, read back by icalendar: what a client subscribing to it would do."""
    tz = r["tz"]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//memocal tests//recurrence_check//EN", "BEGIN:VEVENT",
             "UID:crosscheck@memocal.test", "DTSTAMP:20250101T000000Z",
             "DTSTART;TZID=%s:%s" % (tz, ical_local(r["start"])), "DTEND;TZID=%s:%s" % (tz, ical_local(r["end"]))]
    if r["rrule"]:
        lines.append("RRULE:" + r["rrule"])
    if r["exdates"]:
        lines.append("EXDATE;TZID=%s:%s" % (tz, ",".join(ical_local(x) for x in r["exdates"])))
    if r["rdates"]:
        lines.append("RDATE;TZID=%s:%s" % (tz, ",".join(ical_local(x) for x in r["rdates"])))
    lines += ["SUMMARY:crosscheck", "END:VEVENT", "END:VCALENDAR", ""]
    return icalendar.Calendar.from_ical("\r\n".join(lines).encode())


def windows_of(r):
    for start, days in r["windows"]:
        lo = UTC.localize(datetime.datetime.strptime(start, "%Y-%m-%d"))
        yield lo, lo + datetime.timedelta(days=days)


def independent(r):
    """(the set of UTC starts, the parse errors icalendar recorded)"""
    cal = calendar_of(r)
    errors = [e for ev in cal.walk("VEVENT") for e in getattr(ev, "errors", [])]
    got = set()
    for lo, hi in windows_of(r):
        for ev in recurring_ical_events.of(cal).between(lo, hi):
            start = ev["DTSTART"].dt
            if lo <= start < hi:
                got.add(int(start.astimezone(UTC).timestamp()))
    return got, errors


def in_windows(r, seconds):
    return any(lo.timestamp() <= seconds < hi.timestamp() for lo, hi in windows_of(r))


def show(label, starts):
    print("#   %-12s %s" % (label, ", ".join(utc_text(s)[:16] for s in sorted(starts)) or "(none)"))


def check(index, path):
    r = ROWS[index]
    with open(path) as f:
        memocal = {int(x) for x in f.read().split() if in_windows(r, int(x))}
    py, errors = independent(r)
    name = "%s: %s in %s" % (r["name"], r["rrule"] or "no RRULE", r["tz"])
    if r["fault"]:
        want = {int(UTC.localize(datetime.datetime.strptime(w, "%Y-%m-%d %H:%M")).timestamp()) for w in r["want"]}
        if py == want:
            print("# the independent implementation now gets this row right; its known fault was: " + r["fault"])
            note = "memocal and python3-recurring-ical-events agree (the fault named for this row is gone)"
        else:
            print("# known fault of the independent implementation: " + r["fault"])
            for e in errors:
                print("#   icalendar: %s: %s" % e)
            show("independent:", py)
            note = "memocal matches the hand-computed set (known fault of the independent implementation)"
        ok = memocal == want
        if not ok:
            show("memocal:", memocal)
            show("RFC 5545:", want)
    else:
        want = py
        note = "memocal and python3-recurring-ical-events agree"
        ok = memocal == py and not errors
        if not ok:
            for e in errors:
                print("#   icalendar: %s: %s" % e)
            show("memocal:", memocal)
            show("independent:", py)
    print("%s - %s: %d occurrence%s, %s" % ("ok" if ok else "not ok", name, len(want), "" if len(want) == 1 else "s",
                                           note if ok else "they differ"))
    return 0 if ok else 1


def rows():
    for i, r in enumerate(ROWS):
        fields = [str(i), r["name"], r["tz"], r["start"], r["end"], r["rrule"] or "-", "|".join(r["exdates"]) or "-",
                  "|".join(r["rdates"]) or "-", ",".join("%s:%d" % w for w in r["windows"])]
        print("\t".join(fields))


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "rows":
        rows()
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(check(int(sys.argv[2]), sys.argv[3]))
    else:
        sys.exit(__doc__)
