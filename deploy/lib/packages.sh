# packages.sh - installs the Debian packages memocal needs, only those missing.
# Sourced by deploy/dev-up and tests/run; both run as root on Debian 12.

MEMOCAL_BUILD_PACKAGES="gcc make autoconf automake pkg-config libfcgi-dev libpq-dev libical-dev libsodium-dev libqrencode-dev libcurl4-openssl-dev libmagic-dev check"
# weasyprint makes a meeting record's PDF (pages/records.c); fonts-dejavu-core has the Azerbaijani letters;
# libmagic1 and libmagic-mgc (its database) read an uploaded document's kind from its bytes (src/util/filetype.c)
MEMOCAL_RUN_PACKAGES="postgresql-15 nginx-light curl ca-certificates tzdata weasyprint fonts-dejavu-core libmagic1 libmagic-mgc"
# The integration tests' independent recurrence expansion (tests/integration/recurrence_check.py, and
# python3-dateutil's rrulestr for the rule property tests, rule_check.py) and reading of the feeds
# (tests/integration/feed_check.py), run with Debian's /usr/bin/python3. The subscribe page's QR code is
# read back by zbarimg (zbar-tools) after librsvg's rsvg-convert (librsvg2-bin) draws its SVG (t80).
# pdftotext (poppler-utils) reads the record PDFs back in t78.
MEMOCAL_TEST_PACKAGES="python3-icalendar python3-recurring-ical-events python3-dateutil python3-aiosmtpd procps zbar-tools librsvg2-bin poppler-utils"
# The libFuzzer harnesses (tests/fuzz/run): Debian's clang, its sanitizer and libFuzzer runtimes, and
# llvm-symbolizer (llvm-14) for readable stack traces.
MEMOCAL_FUZZ_PACKAGES="clang libclang-rt-14-dev llvm-14"
# The feeds' second independent reader, ical.js (tests/feeds, npm ci; tests/integration/feed_check_icaljs.mjs):
# Node.js and npm, only when there is no npm yet (as for the browser tests below).
MEMOCAL_NODE_PACKAGES=""
command -v npm >/dev/null 2>&1 || MEMOCAL_NODE_PACKAGES="nodejs npm"
# The browser tests (tests/browser): Debian's Chromium and fonts with the Azerbaijani letters.
# Node.js and npm only when there is no npm yet: a machine may have another vendor's nodejs,
# which brings its own npm and conflicts with Debian's npm package.
MEMOCAL_BROWSER_PACKAGES="chromium fonts-liberation fonts-dejavu-core"
command -v npm >/dev/null 2>&1 || MEMOCAL_BROWSER_PACKAGES="$MEMOCAL_BROWSER_PACKAGES nodejs npm"

# packages_install PKG...: apt-get update (once) and install whichever are not installed yet.
packages_install() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || { echo "apt-get update failed" >&2; return 1; }
	# nginx and postgresql must not start system-wide services on install: memocal starts its own
	local policy=/usr/sbin/policy-rc.d created=0
	if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created=1; fi
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	local rc=$?
	[ $created = 1 ] && rm -f "$policy"
	[ $rc -eq 0 ] || echo "apt-get install failed: ${missing[*]}" >&2
	return $rc
}
