#!/usr/bin/env bash
# t60_production.sh - the README's production section on loopback: make install, db/setup, the installed programs behind the shipped nginx server block over TLS, systemd units, backup and restore.
. "$(dirname "$0")/lib.sh"
. "$SRC/deploy/lib/packages.sh"
umask 022

P=$STACK_DIR/t60 # everything this test makes; its programs log to $STACK_DIR/t60-*.log (sanitizer scan)
rm -rf "$P"
: >"$STACK_DIR/t60-memocal-web.log"
: >"$STACK_DIR/t60-memocal-feed.log"
mkdir -p "$P/build" "$P/run" "$P/tls" "$P/nginx/conf.d" "$P/nginx/tmp" "$P/backup"
PREFIX=$P/usr
ETC=$P/etc
CONF=$ETC/memocal/memocal.conf
RUN=$PG_RUN
DB=memocal_t60
TLS_PORT=$(free_port)
PLAIN_PORT=$(free_port)
NAME=memocal.example.org
HTTPS=https://$NAME:$TLS_PORT
WEB_PID= FEED_PID=

# stop exactly what this test started
cleanup() {
	[ -f "$P/nginx/nginx.pid" ] && kill -QUIT "$(cat "$P/nginx/nginx.pid")" 2>/dev/null
	[ -n "$WEB_PID" ] && stack_stop_pid "$WEB_PID"
	[ -n "$FEED_PID" ] && stack_stop_pid "$FEED_PID"
	return 0
}
trap cleanup EXIT

# sreq METHOD PATH [curl args]: req over HTTPS to the nginx of this test, checking its certificate
sreq() {
	local m=$1 p=$2
	shift 2
	BASE=$HTTPS req "$m" "$p" --max-time 10 --cacert "$P/tls/cert.pem" --resolve "$NAME:$TLS_PORT:127.0.0.1" "$@"
}
# start_programs: the installed memocal-web and memocal-feed, default config path, in the background
start_programs() {
	setsid "$PREFIX/bin/memocal-web" >>"$STACK_DIR/t60-memocal-web.log" 2>&1 </dev/null &
	WEB_PID=$!
	setsid "$PREFIX/bin/memocal-feed" >>"$STACK_DIR/t60-memocal-feed.log" 2>&1 </dev/null &
	FEED_PID=$!
	for _ in $(seq 1 50); do [ -S "$P/run/web.sock" ] && [ -S "$P/run/feed.sock" ] && return 0; sleep 0.1; done
	return 1
}
# stop_program PID: SIGTERM, then its exit status (124 when it did not stop within 10 s)
stop_program() {
	kill -TERM "$1"
	timeout 10 tail --pid="$1" -f /dev/null || return 124
	wait "$1"
}

# ---- make install, as the README says, with this build's compiler flags (ASan in that run)
cflags=$(sed -n 's/^CFLAGS = //p' "$BIN/Makefile")
if (cd "$P/build" && timeout 120 "$SRC/configure" --prefix="$PREFIX" --sysconfdir="$ETC" CFLAGS="$cflags" >configure.log 2>&1 &&
	timeout 300 make -j"$(nproc)" >make.log 2>&1 && timeout 60 make install >install.log 2>&1); then
	pass "configure --prefix --sysconfdir, make and make install succeed"
else
	fail "configure --prefix --sysconfdir, make and make install succeed" \
		"$(cd "$P/build" && tail -n 8 configure.log make.log install.log 2>/dev/null)"
	exit 0
fi
missing=
for f in bin/memocal-web bin/memocal-feed bin/memocal bin/memocal-mailer share/memocal/templates/layout.html \
	share/memocal/templates/messages/az.txt share/memocal/static/style.css share/memocal/db/migrations/001_roles.sql \
	share/memocal/db/seed/001_khazar_miras_2024.sql share/memocal/db/seed/002_demo_schedule.sql share/memocal/db/setup/create.sql share/memocal/memocal.conf.sample \
	share/memocal/nginx/memocal.conf lib/systemd/system/memocal-web.socket lib/systemd/system/memocal-web.service \
	lib/systemd/system/memocal-feed.socket lib/systemd/system/memocal-feed.service lib/systemd/system/memocal-migrate.service \
	lib/systemd/system/memocal-mailer.service share/memocal/db/migrations/017_mail_outbox.sql; do
	[ -f "$PREFIX/$f" ] || missing="$missing $f"
done
[ -f "$CONF" ] || missing="$missing $CONF"
if [ -z "$missing" ]; then
	pass "make install puts programs, templates, static files, migrations, seed, setup, units and the config in place"
else
	fail "make install puts programs, templates, static files, migrations, seed, setup, units and the config in place" \
		"missing:$missing"
	exit 0
fi

env -u MEMOCAL_CONFIG "$PREFIX/bin/memocal" config >"$OUT/config.out" 2>/dev/null
check "the installed CLI reads sysconfdir/memocal/memocal.conf and finds the installed data" \
	grep -qx "template_dir = $PREFIX/share/memocal/templates" "$OUT/config.out"
check "the installed memocal-web --check finds its config and templates without being told" \
	env -u MEMOCAL_CONFIG "$PREFIX/bin/memocal-web" --check
# an empty default is documented as "#key =" (no trailing space)
undocumented=$(while IFS= read -r line; do grep -qxF -e "#$line" -e "#${line% }" "$CONF" || echo "${line%% =*}"; done <"$OUT/config.out")
check "the installed memocal.conf documents every key with its default (${undocumented:-all})" test -z "$undocumented"
check "an environment variable overrides the file (MEMOCAL_WEB_WORKERS)" bash -c \
	"MEMOCAL_WEB_WORKERS=7 env -u MEMOCAL_CONFIG '$PREFIX/bin/memocal' config | grep -qx 'web_workers = 7'"
cp "$CONF" "$OUT/conf.orig"
echo "web_worker = 3" >>"$CONF"
env -u MEMOCAL_CONFIG "$PREFIX/bin/memocal-web" --check >"$OUT/typo.out" 2>&1
check "a wrong key in the installed config stops memocal-web naming file, line and key" bash -c \
	"test $? = 1 && grep -qF '$CONF:$(wc -l <"$CONF"): unknown key \"web_worker\"' '$OUT/typo.out'"
cp "$OUT/conf.orig" "$CONF"

echo "# edited by the administrator" >>"$CONF"
(cd "$P/build" && make install >install2.log 2>&1)
check "a second make install keeps the administrator's memocal.conf" \
	bash -c "tail -1 '$CONF' | grep -q 'edited by the administrator' && grep -q 'keeping $CONF' '$P/build/install2.log'"
touch "$P/build/stamp"
(cd "$P/build" && make install DESTDIR="$P/dest" >install3.log 2>&1)
check "make install DESTDIR=... installs under DESTDIR, with the real paths inside" bash -c \
	"test -x '$P/dest$PREFIX/bin/memocal-web' -a -f '$P/dest$CONF' -a -f '$P/dest$PREFIX/share/memocal/static/style.css' &&
	 grep -qx 'ExecStart=$PREFIX/bin/memocal-web --config $CONF --listen=' '$P/dest$PREFIX/lib/systemd/system/memocal-web.service' &&
	 test -z \"\$(find '$PREFIX' '$ETC' -newer '$P/build/stamp' -type f)\""

# ---- the database: db/setup/create.sql as the superuser, then migrate and seed as the owner
pw_web=$(openssl rand -hex 16) pw_feed=$(openssl rand -hex 16)
stack_psql -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" # a previous run's, when the stack is reused
setup() { stack_psql -v dbname=$DB -v owner=$DB -v web_password="$pw_web" -v feed_password="$pw_feed" -f "$PREFIX/share/memocal/db/setup/create.sql" "$@"; }
check "db/setup/create.sql creates the owner, the login roles and the database" setup
check "db/setup/create.sql runs again without harm (password change)" setup
stack_psql -v dbname=$DB -v owner=$DB -v web_password=short -f "$PREFIX/share/memocal/db/setup/create.sql" >"$OUT/setup.out" 2>&1
check "db/setup/create.sql refuses a short or missing password" bash -c "test $? != 0 && grep -q 'password of 16 characters' '$OUT/setup.out'"

cat >>"$CONF" <<CONF
web_dsn = host=$RUN dbname=$DB user=memocal_web_login
feed_dsn = host=$RUN dbname=$DB user=memocal_feed_login
admin_dsn = host=$RUN dbname=$DB user=$DB
web_listen = unix:$P/run/web.sock
feed_listen = unix:$P/run/feed.sock
web_workers = 3
feed_workers = 2
base_url = https://$NAME
CONF
check "memocal migrate as the owner (no superuser, no CREATEROLE) applies the migrations" \
	bash -c "env -u MEMOCAL_CONFIG '$PREFIX/bin/memocal' migrate | grep -q 'migrations* applied'"
check "memocal seed loads the seed memorandum" env -u MEMOCAL_CONFIG "$PREFIX/bin/memocal" seed
admin_pw=$(openssl rand -hex 12)
check "memocal user add creates the first administrator" bash -c \
	"printf '%s\n' '$admin_pw' | env -u MEMOCAL_CONFIG '$PREFIX/bin/memocal' user add admin --role admin"
psql_as() { local role=$1; shift; runuser -u postgres -- psql -X -tA -h "$RUN" -U "$role" -d $DB "$@" 2>&1; }
check "the owner is neither superuser nor allowed to create roles or databases" \
	test "$(psql_as postgres -c "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = '$DB'")" = f
check "memocal_feed_login reads" test "$(psql_as memocal_feed_login -c 'SELECT count(*) FROM memorandum')" = 1
check "memocal_feed_login cannot write" bash -c \
	"runuser -u postgres -- psql -X -tA -h '$RUN' -U memocal_feed_login -d $DB -c 'DELETE FROM memorandum_area' 2>&1 | grep -q 'read-only transaction\|permission denied'"
check "memocal_feed_login cannot write even in a read-write transaction" bash -c \
	"runuser -u postgres -- psql -X -tA -h '$RUN' -U memocal_feed_login -d $DB -c 'BEGIN READ WRITE' -c 'DELETE FROM memorandum_area' 2>&1 | grep -q 'permission denied for table memorandum_area'"
check "memocal_web_login may change rows" bash -c \
	"runuser -u postgres -- psql -X -tA -v ON_ERROR_STOP=1 -h '$RUN' -U memocal_web_login -d $DB -c 'BEGIN' -c 'UPDATE memorandum SET version = version WHERE false' -c 'ROLLBACK'"
check "memocal_web_login cannot create tables" bash -c \
	"runuser -u postgres -- psql -X -tA -h '$RUN' -U memocal_web_login -d $DB -c 'CREATE TABLE t60 (id int)' 2>&1 | grep -q 'permission denied'"
check "a role outside memocal may not connect to its database" bash -c \
	"runuser -u postgres -- psql -X -tA -h '$RUN' -U memocal -d $DB -c 'SELECT 1' 2>&1 | grep -q 'permission denied for database'"

# ---- the installed programs (default config path), nginx with the shipped server block, over TLS
check "the installed memocal-web and memocal-feed start on their unix sockets" start_programs

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=$NAME" \
	-addext "subjectAltName=DNS:$NAME" -keyout "$P/tls/key.pem" -out "$P/tls/cert.pem" >"$OUT/openssl.out" 2>&1
# the installed copy of deploy/nginx/memocal.conf, adapted the way the README says, plus loopback ports
shipped=$PREFIX/share/memocal/nginx/memocal.conf
check "the installed server block is the shipped one with the installed static path" \
	bash -c "diff '$SRC/deploy/nginx/memocal.conf' '$shipped' | grep '^[<>]' | grep -v -E 'alias .*/share/memocal/static/(style\.css)?;' | { ! grep -q .; }"
sed -e "s|^\(\s*\)listen 80;|\1listen 127.0.0.1:$PLAIN_PORT;|" -e "s|^\(\s*\)listen 443 ssl|\1listen 127.0.0.1:$TLS_PORT ssl|" \
	-e '/listen \[::\]/d' -e "s|/etc/ssl/memocal/fullchain.pem|$P/tls/cert.pem|" -e "s|/etc/ssl/memocal/privkey.pem|$P/tls/key.pem|" \
	-e "s|unix:/run/memocal/|unix:$P/run/|" "$shipped" >"$P/nginx/conf.d/memocal.conf"
# Debian's own nginx.conf, with its paths moved here (and no dynamic modules: memocal needs none);
# the server block is dropped into conf.d/ as the README says
sed -e "s|^pid .*|pid $P/nginx/nginx.pid;|" -e "s|^error_log .*|error_log $P/nginx/error.log;|" \
	-e "s|access_log .*|access_log $P/nginx/access.log;|" -e "s|include /etc/nginx/conf.d/\*.conf;|include $P/nginx/conf.d/*.conf;|" \
	-e '/include \/etc\/nginx\/sites-enabled/d' -e '/include \/etc\/nginx\/modules-enabled/d' \
	-e "s|^http {|http {\n\tclient_body_temp_path $P/nginx/tmp/body;\n\tfastcgi_temp_path $P/nginx/tmp/fastcgi;\n\tproxy_temp_path $P/nginx/tmp/proxy;\n\tuwsgi_temp_path $P/nginx/tmp/uwsgi;\n\tscgi_temp_path $P/nginx/tmp/scgi;|" \
	/etc/nginx/nginx.conf >"$P/nginx/nginx.conf"
ln -sf /etc/nginx/fastcgi_params "$P/nginx/fastcgi_params"
ngx() { /usr/sbin/nginx -e "$P/nginx/error.log" -p "$P/nginx/" -c "$P/nginx/nginx.conf" "$@"; }
check "nginx -t accepts the shipped server block inside Debian's nginx.conf" ngx -t -q
ngx
for _ in $(seq 1 50); do [ -f "$P/nginx/nginx.pid" ] && break; sleep 0.1; done

JAR=$OUT/jar.t60 # lib.sh's req sends and keeps this session
rm -f "$JAR"
sreq GET /login
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -1)
sreq POST /login --data-urlencode "csrf=$csrf" --data-urlencode login=admin --data-urlencode "password=$admin_pw"
check "the administrator logs in over HTTPS ($STATUS)" test "$STATUS" = 303
check "the session cookie is Secure and HttpOnly behind TLS (nginx passes HTTPS=on)" bash -c \
	"grep -i '^set-cookie: memocal_session=' '$OUT/headers' | grep -i '; secure' | grep -qi '; httponly'"
sreq GET /memoranda/1
expect "GET /memoranda/1 over HTTPS through nginx to the installed memocal-web" 200 "Khazar University"
cp "$OUT/headers" "$OUT/page.headers"
STYLE=$(sed -n 's|.*<link rel="stylesheet" href="\(/static/style-[0-9a-f]\{8\}\.css\)">.*|\1|p' "$OUT/body")
check "the installed memocal-web names the installed stylesheet by its content" test -n "$STYLE"
check "CSP: default-src 'self', frame-ancestors 'none', no 'unsafe-inline'" bash -c \
	"grep -i '^content-security-policy:' '$OUT/page.headers' | grep \"default-src 'self'\" | grep \"frame-ancestors 'none'\" | grep -vq unsafe-inline"
check "X-Content-Type-Options nosniff, Referrer-Policy, X-Frame-Options, HSTS" bash -c \
	"grep -qi '^x-content-type-options: nosniff' '$OUT/page.headers' && grep -qi '^referrer-policy: same-origin' '$OUT/page.headers' &&
	 grep -qi '^x-frame-options: deny' '$OUT/page.headers' && grep -qi '^strict-transport-security: max-age=[1-9]' '$OUT/page.headers'"
check "nginx does not tell its version" grep -qix 'server: nginx.' "$OUT/page.headers"
refute "the page carries no inline script or style (the CSP would block it)" "<script>" "<style" " style=" " onclick=" " onload="
sreq GET /memoranda
expect "GET /memoranda over HTTPS" 200 "Khazar University"
sreq GET /no/such/page
check "error answers carry the security headers too" bash -c "test $STATUS = 404 && grep -qi '^content-security-policy:' '$OUT/headers'"
sreq GET /healthz
expect "/healthz answers through nginx" 200
sreq GET /feeds/healthz -H 'Accept-Encoding: gzip'
expect "/feeds/healthz reaches memocal-feed" 200
check "no gzip on /feeds/ even when asked, and the location itself says gzip off" bash -c \
	"test $STATUS = 200 && ! grep -qi '^content-encoding' '$OUT/headers' &&
	 sed -n '/location ~ \"\^\/feeds\//,/}/p' '$shipped' | grep -q '^\s*gzip off;'"
check "memocal-feed served /feeds/healthz" grep -q 'path="/feeds/healthz" status=200' "$STACK_DIR/t60-memocal-feed.log"
sreq GET /memoranda/1 -H 'Accept-Encoding: gzip'
check "no gzip on pages (BREACH)" bash -c "test $STATUS = 200 && ! grep -qi '^content-encoding' '$OUT/headers'"
sreq GET /static/style.css -H 'Accept-Encoding: gzip' --compressed
check "static CSS is served by nginx from DATADIR/memocal/static, compressed, cached" bash -c \
	"test $STATUS = 200 && cmp -s '$OUT/body' '$PREFIX/share/memocal/static/style.css' && grep -qi '^content-type: text/css' '$OUT/headers' &&
	 grep -qi '^content-encoding: gzip' '$OUT/headers' && grep -qi '^cache-control: max-age=3600' '$OUT/headers' &&
	 ! grep -q 'path=\"/static' '$STACK_DIR/t60-memocal-web.log'"
sreq GET "${STYLE:-/static/style-00000000.css}" -H 'Accept-Encoding: gzip' --compressed
check "… and under the name the pages give it, kept for a year (the shipped nginx configuration)" bash -c \
	"test $STATUS = 200 && cmp -s '$OUT/body' '$PREFIX/share/memocal/static/style.css' && grep -qi '^cache-control: max-age=31536000' '$OUT/headers'"

STATUS=$(curl -s -o /dev/null -D "$OUT/headers" -w '%{http_code}' --max-time 5 -H "Host: $NAME" "http://127.0.0.1:$PLAIN_PORT/memoranda?q=x")
check "plain HTTP redirects to HTTPS on the configured name ($STATUS)" bash -c \
	"test $STATUS = 301 && grep -qi '^location: https://$NAME/memoranda?q=x' '$OUT/headers'"
STATUS=$(curl -s -o /dev/null -D "$OUT/headers" -w '%{http_code}' --max-time 5 -H "Host: evil.example" "http://127.0.0.1:$PLAIN_PORT/")
check "the redirect ignores a forged Host header" grep -qi "^location: https://$NAME/" "$OUT/headers"

codes=$(for _ in $(seq 1 20); do
	curl -s -o /dev/null -w '%{http_code}\n' --max-time 5 --cacert "$P/tls/cert.pem" --resolve "$NAME:$TLS_PORT:127.0.0.1" \
		--data-urlencode login=admin --data-urlencode password=wrong "$HTTPS/login"
done | tr '\n' ' ')
n429=$(echo "$codes" | tr ' ' '\n' | grep -c '^429$')
check "limit_req on POST /login: a burst of 20 gets at least 5 answers of 429 ($codes)" test "$n429" -ge 5
check "limit_req on /login lets the first tries through to memocal (${codes%% *})" bash -c "echo '${codes%% *}' | grep -qx '[234][0-9][0-9]' && test '${codes%% *}' != 429"
JAR= sreq GET /login
check "showing the login form is not limited ($STATUS)" test "$STATUS" = 200
sreq GET /memoranda/1
expect "other pages are not limited by the /login zone" 200

# ---- reload under load through the production server block (wrk, 3 s)
command -v wrk >/dev/null || packages_install wrk >/dev/null 2>&1
if command -v wrk >/dev/null; then
	timeout 20 wrk -t2 -c8 -d3s --timeout 5s -H "Cookie: $(session_cookie)" "https://127.0.0.1:$TLS_PORT/memoranda/1" >"$OUT/wrk.out" 2>&1 &
	w=$!
	# the reload comes once wrk's requests are being answered (the web log grows), however busy the machine
	mark=$(wc -l <"$STACK_DIR/t60-memocal-web.log")
	wait_for 60 has_lines $((mark + 50)) "$STACK_DIR/t60-memocal-web.log"
	kill -HUP "$WEB_PID"
	wait $w
	reqs=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$OUT/wrk.out")
	# a failure shows wrk's count and nginx's reason (e.g. "upstream prematurely closed connection":
	# a worker that accepted a request and dropped it)
	check "SIGHUP under wrk load through nginx: ${reqs:-no} requests, none failed" bash -c \
		"test '${reqs:-0}' -gt 0 && ! grep -q 'Non-2xx\|Socket errors' '$OUT/wrk.out' &&
		 ! grep -q 'path=\"/memoranda/1\" status=[^2]' '$STACK_DIR/t60-memocal-web.log' ||
		 { grep -E 'Non-2xx|Socket errors' '$OUT/wrk.out'; grep -m2 'upstream' '$P/nginx/error.log'; exit 1; }"
	check "the reload was logged" grep -q 'msg=reloaded program=memocal-web' "$STACK_DIR/t60-memocal-web.log"
else
	fail "wrk is not installed and could not be (apt-get install wrk)"
fi

# ---- systemd units, rendered by make install with this prefix
command -v systemd-analyze >/dev/null || packages_install systemd >/dev/null 2>&1
units=$PREFIX/lib/systemd/system
(cd "$units" && timeout 30 systemd-analyze verify --man=no memocal-web.socket memocal-web.service \
	memocal-feed.socket memocal-feed.service memocal-migrate.service memocal-mailer.service) >"$OUT/verify.out" 2>&1
check "systemd-analyze verify passes on the rendered units, without a warning" bash -c "test $? = 0 && ! grep -q . '$OUT/verify.out'"
want="User=memocal|ExecReload=/bin/kill -HUP \$MAINPID|KillSignal=SIGTERM|KillMode=mixed|TimeoutStopSec=45|Restart=on-failure|NoNewPrivileges=yes|ProtectSystem=strict|ProtectHome=yes|PrivateTmp=yes|PrivateDevices=yes|ProtectKernelTunables=yes|ProtectKernelModules=yes|RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6|SystemCallFilter=@system-service|MemoryDenyWriteExecute=yes"
lack=
for u in memocal-web memocal-feed; do
	IFS='|' read -ra lines <<<"$want"
	for l in "${lines[@]}"; do grep -qxF "$l" "$units/$u.service" || lack="$lack $u:$l"; done
done
check "both services run as memocal, hardened, restart on failure, reload with HUP, wait out the drain" test -z "$lack"
# the mailer: the same hardening, no socket and no reload (it reads its configuration when it starts)
lack=
IFS='|' read -ra lines <<<"User=memocal|KillSignal=SIGTERM|Restart=on-failure|NoNewPrivileges=yes|ProtectSystem=strict|ProtectHome=yes|PrivateTmp=yes|PrivateDevices=yes|ProtectKernelTunables=yes|ProtectKernelModules=yes|RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6|SystemCallFilter=@system-service|MemoryDenyWriteExecute=yes|CapabilityBoundingSet="
for l in "${lines[@]}"; do grep -qxF "$l" "$units/memocal-mailer.service" || lack="$lack $l"; done
check "memocal-mailer.service runs as memocal, hardened like the others, restarts on failure" test -z "$lack"
# the unit's own ExecStart, handed a socket the way systemd does (fd 3, LISTEN_FDS)
exec_start=$(sed -n 's/^ExecStart=//p' "$units/memocal-feed.service")
port=$(free_port)
/usr/bin/python3 - "$port" $exec_start >>"$STACK_DIR/t60-memocal-feed.log" 2>&1 <<'PY' &
import os, socket, sys
port, argv = int(sys.argv[1]), sys.argv[2:]
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.listen(16)
os.dup2(s.fileno(), 3); os.set_inheritable(3, True)
os.environ["LISTEN_FDS"] = "1"; os.environ["LISTEN_PID"] = str(os.getpid())
os.execv(argv[0], argv)
PY
act=$!
ok=1
for _ in $(seq 1 50); do
	REQUEST_METHOD=GET REQUEST_URI=/feeds/healthz SERVER_PROTOCOL=HTTP/1.1 timeout 2 cgi-fcgi -bind -connect "127.0.0.1:$port" 2>/dev/null | grep -q '^ok' && { ok=0; break; }
	sleep 0.1
done
check "the unit's ExecStart serves the socket systemd passes (--listen=)" test $ok = 0
check "... and stops on SIGTERM with status 0" stop_program $act

# ---- backup and restore (the README): dump, stop, drop, restore, start; the same bytes.
# Feeds do not exist yet: when they do, a feed's bytes join this comparison.
sreq GET /memoranda/1 && cp "$OUT/body" "$P/backup/show.before"
sreq GET /memoranda && cp "$OUT/body" "$P/backup/list.before"
chown postgres: "$P/backup"
check "pg_dump -Fc writes a backup" timeout 30 runuser -u postgres -- pg_dump -h "$RUN" -Fc -d $DB -f "$P/backup/memocal.dump"
check "SIGTERM stops memocal-web gracefully (exit 0)" stop_program "$WEB_PID"
WEB_PID=
check "SIGTERM stops memocal-feed gracefully (exit 0)" stop_program "$FEED_PID"
FEED_PID=
check "the stops were logged" bash -c "grep -q 'msg=stopped program=memocal-web' '$STACK_DIR/t60-memocal-web.log' &&
	grep -q 'msg=stopped program=memocal-feed' '$STACK_DIR/t60-memocal-feed.log'"
check "the database can be dropped once the programs are stopped" timeout 30 runuser -u postgres -- dropdb -h "$RUN" $DB
check "pg_restore --create brings it back" \
	timeout 60 runuser -u postgres -- pg_restore -h "$RUN" --create --exit-on-error -d postgres "$P/backup/memocal.dump"
start_programs
ok=1
for _ in $(seq 1 50); do sreq GET /healthz && [ "$STATUS" = 200 ] && { ok=0; break; }; sleep 0.1; done
check "after the restore the programs answer again" test $ok = 0
sreq GET /memoranda/1
check "/memoranda/1 has the same bytes after backup and restore" cmp "$OUT/body" "$P/backup/show.before"
sreq GET /memoranda
check "/memoranda has the same bytes after backup and restore" cmp "$OUT/body" "$P/backup/list.before"
check "the restore kept the database's privileges (CONNECT for memocal's roles only)" bash -c \
	"runuser -u postgres -- psql -X -tA -h '$RUN' -U memocal -d $DB -c 'SELECT 1' 2>&1 | grep -q 'permission denied for database'"
