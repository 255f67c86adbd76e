#!/usr/bin/python3
"""mail_check.py - reads a message memocal-mailer sent, with python's email package and python3-icalendar,
and prints what it found as "key=value" lines for the shell test (t86) to compare, one a line:

  usage: mail_check.py FILE.eml

It fails (exit 1, "error: ...") when the message is not what RFC 6047 asks for: multipart/alternative
with text/plain, text/html and text/calendar (with method=), an .ics attachment equal to that calendar,
base64 decoding to UTF-8, and the calendar's METHOD equal to the part's method=.
"""
import sys
from email import policy
from email.parser import BytesParser

import icalendar
import time


def fail(msg):
    print("error: " + msg)
    sys.exit(1)


def main():
    with open(sys.argv[1], "rb") as f:
        msg = BytesParser(policy=policy.default).parse(f)
    out = {}
    out["message_id"] = msg["Message-ID"]
    out["subject"] = str(msg["Subject"])
    out["to"] = msg["To"].addresses[0].addr_spec
    out["to_name"] = msg["To"].addresses[0].display_name
    out["from"] = msg["From"].addresses[0].addr_spec
    out["envelope_to"] = msg["X-Envelope-To"]
    if msg.get_content_type() != "multipart/mixed":
        fail("top type " + msg.get_content_type())
    alt = [p for p in msg.iter_parts() if p.get_content_type() == "multipart/alternative"]
    if len(alt) != 1:
        fail("no multipart/alternative")
    kinds = {p.get_content_type(): p for p in alt[0].iter_parts()}
    for t in ("text/plain", "text/html"):
        if t not in kinds:
            fail("no " + t)
    out["text"] = kinds["text/plain"].get_content().replace("\n", " | ")
    out["html"] = kinds["text/html"].get_content().replace("\n", " ")
    if "text/calendar" not in kinds:
        # a reminder: no calendar, and no attachment either
        if [p for p in msg.iter_parts() if p.get_filename()]:
            fail("an attachment without a calendar part")
        out["method"] = "none"
        for k, v in out.items():
            print("%s=%s" % (k, v))
        return
    cal_part = kinds["text/calendar"]
    method = cal_part.get_param("method")
    ics = cal_part.get_content()
    att = [p for p in msg.iter_parts() if p.get_filename() == "invite.ics"]
    if len(att) != 1:
        fail("no invite.ics attachment")
    att_bytes = att[0].get_payload(decode=True)
    if att_bytes.decode("utf-8") != ics:
        fail("the attachment differs from the text/calendar part")
    cal = icalendar.Calendar.from_ical(ics)
    out["part_method"] = method
    out["method"] = str(cal.get("METHOD"))
    events = [c for c in cal.walk("VEVENT")]
    out["events"] = str(len(events))
    ev = events[0]
    out["uid"] = str(ev.get("UID"))
    out["sequence"] = str(ev.get("SEQUENCE"))
    out["summary"] = str(ev.get("SUMMARY"))
    out["status"] = str(ev.get("STATUS"))
    # seconds since DTSTAMP (a message's own moment, RFC 5546), and the year of CREATED ("" when there is none)
    stamp = ev.get("DTSTAMP")
    out["stamp_age"] = str(int(time.time() - stamp.dt.timestamp())) if stamp else ""
    created = ev.get("CREATED")
    out["created_year"] = str(created.dt.year) if created else ""
    out["organizer"] = str(ev.get("ORGANIZER"))
    rid = ev.get("RECURRENCE-ID")
    out["recurrence_id"] = rid.dt.strftime("%Y-%m-%d %H:%M:%S") if rid else ""
    out["rrule"] = "yes" if ev.get("RRULE") else "no"
    atts = ev.get("ATTENDEE")
    atts = atts if isinstance(atts, list) else ([atts] if atts else [])
    me = [a for a in atts if str(a).lower() == "mailto:" + out["to"].lower()]
    out["attendee"] = str(me[0]) if me else ""
    out["rsvp"] = str(me[0].params.get("RSVP", "")) if me else ""
    for k, v in out.items():
        print("%s=%s" % (k, v))


if __name__ == "__main__":
    main()
