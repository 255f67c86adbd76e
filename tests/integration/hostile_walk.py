#!/usr/bin/python3
"""hostile_walk.py - the crawler of t22_hostile.sh: every form field and query parameter memocal-web offers,
sent with byte sequences that are not UTF-8, through nginx.

  hostile_walk.py BASE LOGIN PASSWORD

It logs in as LOGIN, walks the site from /agenda (same-site links only, at most MAX_PAGES pages, never a
link that logs out), and collects every <form> (action, method, enctype, the names and values of its
fields) and every query parameter named in a link or a GET form. Then, for each such field and each
sequence in BAD, it sends the request with that one value (or that field's name) replaced, the rest as the
page had it, the CSRF token included, and checks the answer: a 4xx and a body that is valid UTF-8. The same
for the Cookie and Accept-Language headers on a few pages, and for a multipart upload's part name and text.

Prints one "ok - ..." or "not ok - ..." line per group of checks (with "#" detail lines), exits 0.
No request can change data: a form whose fields carry such bytes is refused before any handler runs.
"""
import html.parser
import http.client
import sys
import urllib.parse

MAX_PAGES = 60
BAD = {
    'lone continuation byte': b'a\x80b',
    'overlong slash': b'\xc0\xaf',
    'overlong three-byte': b'\xe0\x80\xaf',
    'UTF-16 surrogate': b'\xed\xa0\x80',
    '0xFF': b'\xff',
    'NUL': b'a\x00b',
    'truncated sequence': b'\xc3(',
    'above U+10FFFF': b'\xf4\x90\x80\x80',
}


class Page(html.parser.HTMLParser):
    """The links and forms of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self.form = [], [], None
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'a' and a.get('href'):
            self.links.append(a['href'])
        elif tag == 'form':
            self.form = {'action': a.get('action') or '', 'method': (a.get('method') or 'get').lower(),
                         'enctype': a.get('enctype') or '', 'fields': []}
            self.forms.append(self.form)
        elif self.form is not None and tag in ('input', 'textarea', 'select', 'button') and a.get('name'):
            if tag == 'input' and a.get('type') in ('checkbox', 'radio') and 'checked' not in a:
                value = None  # not sent unless checked; still a field to attack
            else:
                value = a.get('value') or ''
            if tag == 'input' and a.get('type') == 'file':
                value = None
            self.form['fields'].append([a['name'], value, a.get('type') or tag])
            if tag == 'select':
                self.select = self.form['fields'][-1]
        elif tag == 'option' and self.select is not None:
            if self.select[1] == '' or 'selected' in a:
                self.select[1] = a.get('value') or ''

    def handle_endtag(self, tag):
        if tag == 'form':
            self.form = None
        elif tag == 'select':
            self.select = None


class Client:
    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.cookies = {}

    def request(self, method, target, body=None, headers=None, cookie=None):
        c = http.client.HTTPConnection(self.host, self.port, timeout=60)
        h = {'Host': f'{self.host}:{self.port}'}
        if cookie is None:
            cookie = '; '.join(f'{k}={v}' for k, v in self.cookies.items())
        if cookie:
            h['Cookie'] = cookie
        h.update(headers or {})
        # putrequest keeps the target's bytes as they are (latin-1 round trip)
        c.putrequest(method, target.decode('latin-1') if isinstance(target, bytes) else target, skip_host=True,
                     skip_accept_encoding=True)
        for k, v in h.items():
            c.putheader(k, v)
        if body is not None:
            c.putheader('Content-Length', str(len(body)))
        c.endheaders(body)
        r = c.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == 'set-cookie':
                name, _, rest = v.partition('=')
                self.cookies[name] = rest.split(';')[0]
        c.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data


def form_body(fields, replace=None):
    """urlencoded bytes of (name, value) pairs; replace = (index, raw name bytes or None, raw value bytes)."""
    parts = []
    for i, (name, value, _kind) in enumerate(fields):
        n, v = name.encode(), (value or '').encode()
        if replace and replace[0] == i:
            n = replace[1] if replace[1] is not None else n
            v = replace[2] if replace[2] is not None else v
        elif value is None:
            continue
        parts.append(urllib.parse.quote_from_bytes(n, safe='') + b'='.decode() + urllib.parse.quote_from_bytes(v, safe=''))
    return '&'.join(parts).encode()


def main():
    base, login, password = sys.argv[1:4]
    cl = Client(base)
    failures = []
    checked = [0]

    def verdict(what, status, data):
        checked[0] += 1
        try:
            data.decode('utf-8', errors='strict')
        except UnicodeDecodeError as e:
            failures.append(f'{what}: the body is not valid UTF-8 ({e})')
            return
        if not 400 <= status < 500:
            failures.append(f'{what}: status {status}, wanted a 4xx')

    # log in
    st, _, data = cl.request('GET', '/login')
    p = Page()
    p.feed(data.decode())
    csrf = [f[1] for f in p.forms[0]['fields'] if f[0] == 'csrf'][0]
    body = urllib.parse.urlencode({'csrf': csrf, 'login': login, 'password': password}).encode()
    st, h, _ = cl.request('POST', '/login', body, {'Content-Type': 'application/x-www-form-urlencoded'})
    if st != 303:
        print(f'not ok - hostile walk: log in as {login}: {st}')
        return

    # walk
    seen, queue, forms, params = set(), ['/agenda'], {}, {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        st, h, data = cl.request('GET', path)
        if st != 200 or 'text/html' not in h.get('content-type', ''):
            continue
        page = Page()
        page.feed(data.decode('utf-8', errors='replace'))
        for link in page.links:
            u = urllib.parse.urlsplit(urllib.parse.urljoin(path, link))
            if u.netloc or not u.path.startswith('/') or u.path.startswith('/static/'):
                continue
            for name, value in urllib.parse.parse_qsl(u.query, keep_blank_values=True):
                params.setdefault((u.path, name), u.query)
            target = u.path + ('?' + u.query if u.query else '')
            # one page per shape is enough: /series/1 and /series/2 have the same fields
            shape = ''.join('#' if ch.isdigit() else ch for ch in u.path)
            if shape not in {''.join('#' if ch.isdigit() else ch for ch in s.split('?')[0]) for s in seen} | \
                    {''.join('#' if ch.isdigit() else ch for ch in s.split('?')[0]) for s in queue}:
                queue.append(target)
        for f in page.forms:
            action = urllib.parse.urljoin(path, f['action'] or path)
            if f['method'] == 'get':
                for name, value, _ in f['fields']:
                    params.setdefault((urllib.parse.urlsplit(action).path, name), '')
                continue
            shape = ''.join('#' if ch.isdigit() else ch for ch in action)
            if action == '/logout' or shape in forms:
                continue
            forms[shape] = (action, f)

    print(f'# walked {len(seen)} pages: {len(forms)} POST forms, {len(params)} query parameters')
    if len(forms) < 8 or len(params) < 5:
        print(f'not ok - hostile walk: found too little to test ({len(forms)} forms, {len(params)} parameters)')
        return

    # every query parameter, with every bad sequence as its value and as its name
    for (path, name), query in sorted(params.items()):
        for label, bad in BAD.items():
            q = urllib.parse.quote_from_bytes(bad, safe='')
            st, _, data = cl.request('GET', f'{path}?{urllib.parse.quote(name)}={q}')
            verdict(f'GET {path}?{name}=<{label}>', st, data)
            st, _, data = cl.request('GET', f'{path}?{q}=1')
            verdict(f'GET {path}?<{label}>=1', st, data)

    # every field of every POST form, as its value and as its name
    for action, f in sorted(forms.values(), key=lambda x: x[0]):
        fields = [list(x) for x in f['fields']]
        token = [x for x in fields if x[0] == 'csrf']
        if token:
            token[0][1] = cl.cookies.get('memocal_csrf') or token[0][1]
        multipart = 'multipart' in f['enctype']
        for i, (name, value, kind) in enumerate(fields):
            if name == 'csrf':
                continue
            for label, bad in BAD.items():
                if multipart:
                    body, ct = multipart_body(fields, i, bad)
                else:
                    body, ct = form_body(fields, (i, None, bad)), 'application/x-www-form-urlencoded'
                st, _, data = cl.request('POST', action, body, {'Content-Type': ct})
                verdict(f'POST {action} {name}=<{label}>', st, data)
                if multipart:
                    body, ct = multipart_body(fields, i, bad, as_name=True)
                else:
                    body = form_body(fields, (i, bad, b'1'))
                st, _, data = cl.request('POST', action, body, {'Content-Type': ct})
                verdict(f'POST {action} <{label}>=1 (as the name of {name})', st, data)

    # headers: a cookie and Accept-Language that are not UTF-8 never break a page's encoding
    for label, bad in BAD.items():
        if b'\x00' in bad:
            continue  # a NUL cannot travel in an HTTP header
        for path in ('/agenda', '/no-such-page', '/login'):
            st, _, data = cl.request('GET', path, headers={'Accept-Language': bad.decode('latin-1')},
                                     cookie='lang=' + bad.decode('latin-1'))
            checked[0] += 1
            try:
                data.decode('utf-8')
            except UnicodeDecodeError:
                failures.append(f'GET {path} with a {label} cookie and Accept-Language: the body is not UTF-8')

    for f in failures[:40]:
        print('#', f)
    if failures:
        print(f'not ok - hostile walk: {len(failures)} of {checked[0]} hostile requests answered wrongly')
    else:
        print(f'ok - hostile walk: {checked[0]} hostile requests over {len(forms)} forms and {len(params)} '
              f'query parameters: each a 4xx with a valid UTF-8 body')


def multipart_body(fields, index, bad, as_name=False):
    boundary = b'hostilewalk7d10827'
    out = []
    for i, (name, value, kind) in enumerate(fields):
        n, v = name.encode(), (value or '').encode()
        if i == index:
            if as_name:
                n = bad
            else:
                v = bad
        elif value is None and kind != 'file':
            continue
        disp = b'form-data; name="' + n + b'"'
        if kind == 'file':
            disp += b'; filename="x.ics"'
            v = v or b'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'
        out.append(b'--' + boundary + b'\r\nContent-Disposition: ' + disp + b'\r\n\r\n' + v + b'\r\n')
    out.append(b'--' + boundary + b'--\r\n')
    return b''.join(out), 'multipart/form-data; boundary=' + boundary.decode()


if __name__ == '__main__':
    main()
