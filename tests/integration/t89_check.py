#!/usr/bin/python3
"""t89_check.py - reads the activity report back for t89_report.sh, by code memocal did not write.

  numbers PAGE.html                 the "In numbers" table as name=value lines
  svg PAGE.html                     the timeline: parsed as XML (xml.etree), one line per mark "kind date x",
                                    after checking title/desc, that x grows with the date, and that the table
                                    beside it lists the same events
  csv FILE.csv                      parsed with the csv module (RFC 4180 line ends checked on the bytes):
                                    "memorandum_id|memorandum|from|to|measure|label|value" lines
Exits non-zero with a message when something does not hold.
"""
import csv
import html.parser
import io
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def numbers(path):
    text = open(path, encoding="utf-8").read()
    rows = re.findall(r'<tr id="m-([a-z_]+)"><th scope="row">[^<]*</th><td class="num">(\d+)</td></tr>', text)
    if not rows:
        fail("no numbers table")
    for name, value in rows:
        print(f"{name}={value}")


class FactTable(html.parser.HTMLParser):
    """the dates of the timeline's list (table.timeline-facts), in order"""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.dates = []
        self.kinds = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "timeline-facts" in (a.get("class") or ""):
            self.inside = True
        if self.inside and tag == "tr" and (a.get("class") or "").startswith("fact-"):
            self.kinds.append(a["class"][5:])
        if self.inside and tag == "time":
            self.dates.append(a["datetime"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False


def svg(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"<svg\b.*?</svg>", text, re.S)
    if not m:
        fail("no <svg> in the page")
    root = ET.fromstring(m.group(0))  # raises on anything that is not well-formed XML
    if root.tag != SVG + "svg":
        fail(f"root is {root.tag}")
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    if title is None or not (title.text or "").strip() or desc is None or not (desc.text or "").strip():
        fail("the picture lacks a title or a description")
    if set(root.get("aria-labelledby", "").split()) != {title.get("id"), desc.get("id")}:
        fail("aria-labelledby does not name the title and the description")
    marks = []
    for g in root.iter(SVG + "g"):
        cls = (g.get("class") or "").split()
        if "mark" not in cls:
            continue
        shapes = [c for c in g if c.tag != SVG + "title"]
        if len(shapes) != 1:
            fail(f"a mark with {len(shapes)} shapes: {ET.tostring(g)!r}")
        s = shapes[0]
        if s.tag == SVG + "circle":
            x = float(s.get("cx"))
        elif s.tag == SVG + "rect":
            x = float(s.get("x")) + float(s.get("width")) / 2
        else:
            x = float(re.match(r"M(-?\d+)", s.get("d")).group(1))
            if g.get("data-kind") == "missed":  # a cross starts at its left edge
                x += 9
        t = g.find(SVG + "title")
        if t is None or g.get("data-date") is None:
            fail("a mark without its title or date")
        marks.append((g.get("data-kind"), g.get("data-date"), x, t.text))
    for a, b in zip(marks, marks[1:]):
        if a[1] > b[1] or a[2] > b[2]:
            fail(f"the marks are not in date order, or x does not follow the dates: {a} then {b}")
    facts = FactTable()
    facts.feed(text)
    if facts.dates != [mk[1] for mk in marks] or facts.kinds != [mk[0] for mk in marks]:
        fail(f"the table lists other events than the picture: {facts.dates} {facts.kinds}")
    for kind, date, x, title in marks:
        print(f"{kind} {date} {x:.0f}")


def read_csv(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        fail("a byte order mark")
    lines = raw.split(b"\r\n")
    if lines[-1] != b"" or any(b"\n" in ln or b"\r" in ln for ln in lines):
        fail("records do not all end in CRLF")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    want = ["memorandum_id", "memorandum", "period_from", "period_to", "measure", "label", "value"]
    if rows[0] != want:
        fail(f"header {rows[0]}")
    for r in rows[1:]:
        if len(r) != 7:
            fail(f"a row of {len(r)} fields: {r}")
        print("|".join(r))


{"numbers": numbers, "svg": svg, "csv": read_csv}[sys.argv[1]](sys.argv[2])
