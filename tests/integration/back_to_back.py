#!/usr/bin/python3
"""back_to_back.py - two requests back to back on one worker, for every route: the second must carry
nothing of the first.

Run by t23_back_to_back.sh against a memocal-web and a memocal-feed started with one worker each, spoken
to over FastCGI directly (the same worker takes every request). For each route of the routing table
(`memocal routes`, `memocal routes feed`), with real ids substituted, for each method it allows (and a
POST to a route that allows only GET), first as the administrator and then as a visitor: a request with a
large body of many fields (a query string for a GET), values marked so they can be found, then a small
request of another kind, as a visitor without cookies (a 404, a 405, a refused query, the login page, a
body over the limit). The second answer must hold none of the marks, the administrator's name or login,
the administrator's session cookie or CSRF token, and the worker must be the same process throughout
(none crashed).

Usage: back_to_back.py CONFIG.json   (ports, routes, ids, the admin's cookie and token, names)
Prints one line per failure and a summary; exits 1 on any failure.
"""
import json
import os
import random
import socket
import struct
import sys
import urllib.parse

FCGI_BEGIN, FCGI_END, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT, FCGI_STDERR = 1, 3, 4, 5, 6, 7


def record(kind, content, rid=1):
    out = b""
    while True:
        chunk, content = content[:65535], content[65535:]
        pad = (8 - len(chunk) % 8) % 8
        out += struct.pack("!BBHHBB", 1, kind, rid, len(chunk), pad, 0) + chunk + b"\0" * pad
        if not content:
            return out


def pair(name, value):
    def size(n):
        return struct.pack("!B", n) if n < 128 else struct.pack("!I", n | 0x80000000)
    return size(len(name)) + size(len(value)) + name + value


def fcgi(port, params, body=b""):
    """One request; (status, headers text, body bytes)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    msg = record(FCGI_BEGIN, struct.pack("!HB5x", 1, 0))
    msg += record(FCGI_PARAMS, b"".join(pair(k.encode(), v.encode("utf-8", "surrogateescape"))
                                          for k, v in params.items()))
    msg += record(FCGI_PARAMS, b"")
    if body:
        msg += record(FCGI_STDIN, body)
    msg += record(FCGI_STDIN, b"")
    s.sendall(msg)
    data = b""
    out = b""
    while True:
        while len(data) < 8:
            got = s.recv(65536)
            if not got:
                raise RuntimeError("connection closed before the end of the request")
            data += got
        _, kind, _, clen, pad, _ = struct.unpack("!BBHHBB", data[:8])
        while len(data) < 8 + clen + pad:
            got = s.recv(65536)
            if not got:
                raise RuntimeError("connection closed inside a record")
            data += got
        content, data = data[8:8 + clen], data[8 + clen + pad:]
        if kind == FCGI_STDOUT:
            out += content
        elif kind == FCGI_END:
            break
    s.close()
    head, _, rest = out.partition(b"\r\n\r\n")
    head = head.decode("latin-1")
    status = 200
    for line in head.split("\r\n"):
        if line.lower().startswith("status:"):
            status = int(line.split()[1])
    return status, head, rest


def worker_of(parent):
    with open(f"/proc/{parent}/task/{parent}/children") as f:
        return sorted(f.read().split())


def main():
    cfg = json.load(open(sys.argv[1]))
    rnd = random.Random(cfg.get("seed", 1))
    failures = []
    count = 0
    echoed = 0  # first answers that carried their marks back: the second must not
    as_admin = 0  # first answers rendered for the logged-in administrator
    admin = cfg["admin"]  # cookie, csrf, login, name
    secrets = [admin["csrf"], admin["session"], admin["login"], admin["name"]]

    def base(method, uri, cookie="", lang="en"):
        path, _, query = uri.partition("?")
        return {
            "REQUEST_METHOD": method, "REQUEST_URI": uri, "DOCUMENT_URI": path, "QUERY_STRING": query,
            "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.9", "HTTP_HOST": "localhost",
            "HTTP_COOKIE": cookie, "HTTP_ACCEPT_LANGUAGE": lang,
        }

    def marked_fields(mark, big):
        """Many fields: the names forms use, and others; five of them large when big."""
        names = ["login", "password", "next", "back", "lang", "display_name", "role", "title_en", "title_az",
                 "name_en", "name_az", "summary_en", "summary_az", "email", "q", "slug", "label", "scope",
                 "location", "description_en", "description_az", "start_date", "start_time", "rrule",
                 "version", "once", "memorandum", "organisation", "person", "kind", "status"]
        names += [f"extra{i}" for i in range(30)]
        fields = [(n, f"{mark}-{n}-Xəzər") for n in names]
        if big:
            fields += [(f"big{i}", (mark + "ə") * (cfg["big_field"] // (len(mark) + 2))) for i in range(5)]
        return fields

    seconds = [
        ("GET", "/no-such-page-{n}", 404, b""),
        ("GET", "/login", 200, b""),
        ("POST", "/healthz", 405, b"a=b"),
        ("GET", "/memoranda?q=%FF", 400, b""),  # refused before routing: not UTF-8
        ("GET", "/favicon.ico", 404, b""),
        ("POST", "/login", 413, b"x" * (cfg["max_body"] + 10)),  # over max_body, refused unread
    ]

    def second(program, port, i):
        method, uri, want, body = seconds[i % len(seconds)]
        if program == "feed":
            method, uri, want, body = [("GET", "/feeds/no-such-token-{n}-aaaaaaaaaaaaaaaaaaaaaa.ics", 404, b""),
                                       ("GET", "/nothing-here", 404, b""),
                                       ("POST", "/feeds/healthz", 405, b"a=b")][i % 3]
        uri = uri.replace("{n}", str(i))
        p = base(method, uri)
        if body:
            p["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
            p["CONTENT_LENGTH"] = str(len(body))
        return method, uri, want, fcgi(port, p, body)

    for program in ("web", "feed"):
        port = cfg[program + "_port"]
        parent = cfg[program + "_parent"]
        workers = worker_of(parent)
        if len(workers) != 1:
            failures.append(f"{program}: {len(workers)} workers, not one: {workers}")
            continue
        routes = cfg[program + "_routes"]
        i = 0
        for methods, pattern, need in routes:
            uri = pattern
            for k, v in cfg["ids"].items():
                uri = uri.replace("{" + k + "}", str(v))
            tries = set(m for m in methods.split(",") if m in ("GET", "POST"))
            tries.add("POST")  # a POST to a GET-only route: 405 with a large body
            for who in ("admin", "visitor"):
                for method in sorted(tries):
                    i += 1
                    mark = f"B2B{rnd.randrange(10**9):09d}M"
                    cookie = f"memocal_session={admin['session']}; memocal_lang=az" if who == "admin" else ""
                    p = base(method, uri, cookie, "az")
                    body = b""
                    fields = marked_fields(mark, True)
                    if method == "POST":
                        if who == "admin":
                            fields.insert(0, ("csrf", admin["csrf"]))
                        body = urllib.parse.urlencode(fields).encode()
                        p["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
                        p["CONTENT_LENGTH"] = str(len(body))
                    else:
                        small = marked_fields(mark, False)[:20]
                        p["REQUEST_URI"] = uri + "?" + urllib.parse.urlencode(small)
                        p["QUERY_STRING"] = urllib.parse.urlencode(small)
                    try:
                        st1, _, b1 = fcgi(port, p, body)
                        m2, u2, want, (st2, h2, b2) = second(program, port, i)
                    except Exception as e:  # noqa: BLE001 - any failure to talk is a failure of the worker
                        failures.append(f"{program} {who} {method} {uri}: {e}")
                        continue
                    count += 1
                    echoed += mark.encode() in b1
                    as_admin += who == "admin" and admin["name"].encode() in b1
                    label = f"{program} {who} {method} {uri} ({st1}) then {m2} {u2} ({st2})"
                    if want is not None and st2 != want:
                        failures.append(f"{label}: status {st2}, wanted {want}")
                    text = h2.encode("latin-1") + b"\n" + b2
                    for s in [mark] + (secrets if who == "admin" else []):
                        if s and s.encode() in text:
                            failures.append(f"{label}: the second answer holds {s!r}")
                    try:
                        b2.decode("utf-8")
                    except UnicodeDecodeError as e:
                        failures.append(f"{label}: the second answer is not UTF-8 ({e})")
                    now = worker_of(parent)
                    if now != workers:
                        failures.append(f"{label}: the worker changed ({workers} -> {now}): it crashed")
                        workers = now
    for f in failures:
        print("FAIL", f)
    if echoed < 10 or as_admin < 10:
        failures.append(f"only {echoed} first answers echoed what was sent and {as_admin} were the administrator's:"
                        " the test would not see a leak")
        print("FAIL", failures[-1])
    print(f"{count} pairs of requests ({echoed} first answers echoing the values sent, {as_admin} the administrator's),"
          f" {len(failures)} failures")
    sys.exit(1 if failures or count == 0 else 0)


if __name__ == "__main__":
    main()
