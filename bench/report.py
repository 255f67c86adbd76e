#!/usr/bin/env python3
"""report.py - bench/run's summary: rates, ratios against the targets, CPU per request.

usage: report.py RUNS SIZE200 SIZE5000 CPUS SECONDS
RUNS has one line per wrk run (bench/run's run()):
  name req/s non2xx3xx bytes/response p50_us p99_us socket_errors \
  nginx_us feed_us pg_us wrk_us others_s
Prints the report; exit status = the number of targets missed.
"""
import statistics
import sys

FIELDS = ("rate", "bad", "per", "p50", "p99", "errs", "nginx", "feed", "pg", "wrk", "others")


def main():
    path, size200, size5000, cpus, seconds = sys.argv[1:6]
    size = {"200": int(size200), "5000": int(size5000)}
    budget = int(cpus) * float(seconds)  # CPU seconds one run can use on this machine
    runs = {}
    for line in open(path):
        name, *vals = line.split()
        runs.setdefault(name, []).append(dict(zip(FIELDS, map(float, vals))))
    med = statistics.median

    def m(name, field):
        return med([r[field] for r in runs[name]])

    def cpu(name):
        return m(name, "nginx") + m(name, "feed") + m(name, "pg") + m(name, "wrk")

    print("%-12s %8s %6s %10s %7s %7s   %-30s %7s  %s" % (
        "case", "req/s", "bad", "bytes/resp", "p50 ms", "p99 ms", "CPU us/req: nginx feed pg wrk",
        "others", "req/s per round"))
    for name in runs:
        bad = sum(r["bad"] + r["errs"] for r in runs[name])
        print("%-12s %8.0f %6d %10.0f %7.2f %7.2f   %5.0f %4.0f %4.0f %4.0f = %5.0f %6.0f%%  %s" % (
            name, m(name, "rate"), bad, m(name, "per"), m(name, "p50") / 1000, m(name, "p99") / 1000,
            m(name, "nginx"), m(name, "feed"), m(name, "pg"), m(name, "wrk"), cpu(name),
            100 * m(name, "others") / budget, " ".join("%.0f" % r["rate"] for r in runs[name])))
    print("(bad: non-2xx/3xx answers and socket errors, all rounds; CPU: medians; others: the CPU the")
    print(" rest of the machine used during the run, as a share of all its CPUs)")

    # the cheapest answer memocal-feed gives: whichever of the two candidates was faster
    cheap = max(("cheapest-404", "healthz"), key=lambda n: m(n, "rate"))
    what = {"cheapest-404": "GET /feeds/short.ics, a 404 before any query (no database)",
            "healthz": "GET /feeds/healthz, one SELECT 1"}
    print()
    print("cheapest answer of memocal-feed: %s: %s" % (cheap, what[cheap]))
    print()
    fails = 0

    def ratio(case, base):
        rs = [a["rate"] / b["rate"] for a, b in zip(runs[case], runs[base])]
        return med(rs), min(rs), max(rs)

    def target(label, case, base, want):
        nonlocal fails
        r, lo, hi = ratio(case, base)
        bad = sum(x["bad"] + x["errs"] for x in runs[case])
        ok = r >= want and bad == 0
        fails += not ok
        print("%-46s %5.2fx (rounds %.2f-%.2f, CPU %.2fx)  target >= %.1fx  %s%s" % (
            label, r, lo, hi, cpu(base) / cpu(case), want, "PASS" if ok else "FAIL",
            "" if bad == 0 else "  (%d non-2xx/3xx or socket errors)" % bad))

    target("full feed, 200 events / static, same bytes", "feed-200", "static-200", 0.5)
    target("full feed, 5000 events / static, same bytes", "feed-5000", "static-5000", 0.5)
    target("304 revalidation / %s" % cheap, "feed-304", cheap, 0.8)
    other = "healthz" if cheap == "cheapest-404" else "cheapest-404"
    r, lo, hi = ratio("feed-304", other)
    print("%-46s %5.2fx (rounds %.2f-%.2f, CPU %.2fx)  (for comparison)" % (
        "304 revalidation / %s" % other, r, lo, hi, cpu(other) / cpu("feed-304")))
    print("(ratio: the median over the rounds of case/baseline in the same round; CPU: the baseline's")
    print(" CPU per request over the case's, which other load on the machine moves less)")

    # every 200 carried the whole calendar (wrk also counts the bytes of the answers it cut off
    # when the time was up: a few per cent more), every 304 none of it
    for case, n in (("feed-200", "200"), ("feed-5000", "5000"), ("static-200", "200"), ("static-5000", "5000")):
        per = m(case, "per")
        if not size[n] <= per <= size[n] * 1.05 + 1024:
            fails += 1
            print("FAIL %s: %.0f bytes per answer for a %d-byte feed" % (case, per, size[n]))
    if m("feed-304", "per") > 1024:
        fails += 1
        print("FAIL feed-304: the answers carry a body")
    busy = max(m(n, "others") for n in runs) / budget
    if busy > 0.10:
        print()
        print("note: other programs used up to %.0f%% of the machine's CPU during a run: the rates are" % (100 * busy))
        print("lower and noisier than on a quiet machine; the ratios less so (each case runs next to its baseline)")
    print()
    print("all targets met" if fails == 0 else "%d target(s) missed" % fails)
    return fails


if __name__ == "__main__":
    sys.exit(min(main(), 100))
