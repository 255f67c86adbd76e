#!/usr/bin/python3
"""form_trip.py - edit forms sent back as a browser sends them, over HTTP.

    form_trip.py BASE LOGIN PASSWORD PATH [NAME=VALUE ...] [-- PATH [NAME=VALUE ...] ...]

Logs in as LOGIN, and for each PATH: GETs it, reads the form whose action is PATH (PAGE=>ACTION: GETs PAGE and
reads the form whose action is ACTION, as an approved record's page sends its correction) (every input, select and
textarea, as a browser would send them: the selected option, a checked box, a textarea's text with CRLF line
ends), replaces or adds the NAME=VALUE pairs given after it (NAME= with nothing sends an empty value), presses
the primary button (name=action value=save where the form has one) and prints one line per form:

    PATH STATUS LOCATION

(LOCATION: where a redirect went, else the first 300 characters of the answer; FORM_TRIP_BODY=FILE: the last
answer's whole text is written there; FORM_TRIP_TWICE=1: each form is sent twice, as a double click or a
resubmit after Back sends it, and a second line "PATH STATUS LOCATION" tells the second answer). BASE fcgi:HOST:PORT talks
FastCGI to a memocal-web of a test's own (cgi-fcgi), for forms larger than the test stack's limits let through
nginx. rule_check.py uses Form and session too.
"""
import html.parser
import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request


class Form(html.parser.HTMLParser):
    """The fields the edit form sends, as a browser sends them."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.fields = action, False, []
        self.select = self.textarea = None
        self.text = ""
        self.chosen = None
        self.save = None  # the primary button's name and value, when it has them

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("action") == self.action:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            t = a.get("type", "text")
            if t == "checkbox":
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif t not in ("submit", "button", "file"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "button" and "primary" in a.get("class", "").split() and a.get("name") and self.save is None:
            self.save = (a["name"], a.get("value", ""))
        elif tag == "select":
            self.select, self.chosen, self.first = a.get("name"), None, None
        elif tag == "option" and self.select:
            if self.first is None:
                self.first = a.get("value", "")
            if "selected" in a:
                self.chosen = a.get("value", "")
        elif tag == "textarea":
            self.textarea, self.text = a.get("name"), ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self.select:
            self.fields.append((self.select, self.chosen if self.chosen is not None else self.first))
            self.select = None
        elif tag == "textarea" and self.textarea:
            # an HTML parser drops one newline right after <textarea>; a browser sends the rest, CRLF line ends
            text = self.text[1:] if self.text.startswith("\n") else self.text
            self.fields.append((self.textarea, text.replace("\n", "\r\n")))
            self.textarea = None
        elif tag == "form":
            self.inside = False


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def keep(text):
    """The answer's text into FORM_TRIP_BODY, when set."""
    if os.environ.get("FORM_TRIP_BODY"):
        with open(os.environ["FORM_TRIP_BODY"], "w", encoding="utf-8") as f:
            f.write(text)


def fcgi_session(where):
    """get and post over FastCGI (cgi-fcgi) to HOST:PORT, keeping the cookies memocal-web sets."""
    cookies = {}

    def ask(method, path, body=b""):
        env = dict(os.environ, REQUEST_METHOD=method, REQUEST_URI=path, SERVER_PROTOCOL="HTTP/1.1",
                   HTTP_COOKIE="; ".join("%s=%s" % kv for kv in cookies.items()))
        if method == "POST":
            env.update(CONTENT_TYPE="application/x-www-form-urlencoded", CONTENT_LENGTH=str(len(body)))
        out = subprocess.run(["cgi-fcgi", "-bind", "-connect", where], input=body, env=env, capture_output=True,
                             timeout=120).stdout
        head, _, text = out.partition(b"\r\n\r\n")
        status, headers = 200, {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            k, _, v = line.partition(":")
            v = v.strip()
            if k.lower() == "status":
                status = int(v.split()[0])
            elif k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";")[0]
                if "Max-Age=0" in rest or not value:
                    cookies.pop(name, None)
                else:
                    cookies[name] = value
            else:
                headers[k.lower()] = v
        return status, headers, text.decode("utf-8", "replace")

    def get(path):
        status, headers, text = ask("GET", path)
        return status, text, headers

    def post(path, fields):
        status, headers, text = ask("POST", path, urllib.parse.urlencode(fields).encode())
        keep(text)
        return status, headers.get("location", "") or text[:300]

    return get, post


def session(base, login, password):
    """get(path) and post(path, fields) as LOGIN, or None when the login failed."""
    if base.startswith("fcgi:"):
        get, post = fcgi_session(base[5:])
        _, page, _ = get("/login")
        csrf = re.search(r'name="csrf" value="([^"]*)"', page).group(1)
        code, _ = post("/login", [("csrf", csrf), ("login", login), ("password", password)])
        return (get, post) if code == 303 else None
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def get(path):
        with op.open(base + path, timeout=120) as r:
            return r.status, r.read().decode("utf-8"), r.headers

    def post(path, fields):
        data = urllib.parse.urlencode(fields).encode()
        try:
            with op.open(urllib.request.Request(base + path, data=data), timeout=120) as r:
                return r.status, r.headers.get("Location", "")
        except urllib.error.HTTPError as e:
            text = e.read().decode("utf-8", "replace")
            keep(text)
            return e.code, e.headers.get("Location", "") or text[:300]

    _, page, _ = get("/login")
    csrf = re.search(r'name="csrf" value="([^"]*)"', page).group(1)
    code, _ = post("/login", [("csrf", csrf), ("login", login), ("password", password)])
    return (get, post) if code == 303 else None


def send_back(get, post, path, changes):
    """PATH's form as it came, with CHANGES ({name: value}) made: (status, location or text)."""
    path, _, action = path.partition("=>")
    _, page, _ = get(path)
    path = action or path
    f = Form(path)
    f.feed(page)
    fields = [(k, changes.get(k, v)) for k, v in f.fields]
    fields += [(k, v) for k, v in changes.items() if k not in dict(f.fields)]
    if f.save:
        fields.append(f.save)
    first = post(path, fields)
    if os.environ.get("FORM_TRIP_TWICE"):
        return [first, post(path, fields)]
    return first


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    base, login, password = argv[1:4]
    s = session(base, login, password)
    if not s:
        print("logging in as %s failed" % login)
        return 1
    forms, cur = [], None
    for a in argv[4:]:
        if a == "--":
            cur = None
        elif cur is None:
            cur = (a, {})
            forms.append(cur)
        else:
            k, _, v = a.partition("=")
            cur[1][k] = v
    for path, changes in forms:
        answers = send_back(*s, path, changes)
        for code, where in answers if isinstance(answers, list) else [answers]:
            print("%s %s %s" % (path, code, where.replace("\n", " ")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
