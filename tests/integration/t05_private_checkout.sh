#!/usr/bin/env bash
# t05_private_checkout.sh - the stack functions (what deploy/dev-up runs) from a checkout that the postgres user
# cannot enter: below a folder of mode 0700, as every checkout in /root is, and with a space in its path.
. "$(dirname "$0")/lib.sh"

priv=$OUT/private
rm -rf "$priv"
mkdir -p "$priv/my checkout"
chmod 700 "$priv"
# a copy of the checkout's files (a newcomer's clone); tests/run may run where git is not installed
tar -C "$SRC/" --exclude=./var --exclude=./build --exclude=node_modules --exclude=.git -cf - . |
	tar -C "$priv/my checkout" -xf -
check "the postgres user cannot enter the private folder (as with /root)" \
	bash -c "! runuser -u postgres -- test -x '$priv/my checkout'"

(
	# a second stack, all of its own: the functions read these variables
	SRC="$priv/my checkout"
	STACK_DIR=$SRC/var
	HTTP_PORT=$(free_port) WEB_PORT=$(free_port) FEED_PORT=$(free_port)
	WEB_WORKERS=1 FEED_WORKERS=1
	STACK_EXTRA_CONFIG=
	trap 'stack_stop' EXIT
	stack_pg_init && stack_pg_start && stack_db_create && stack_config && stack_memocal migrate >/dev/null &&
		stack_db_logins && stack_memocal seed >/dev/null && stack_start_program memocal-web &&
		stack_start_program memocal-feed && stack_nginx && stack_wait "http://127.0.0.1:$HTTP_PORT/healthz" 60 &&
		stack_wait "http://127.0.0.1:$HTTP_PORT/feeds/healthz" 60
	echo "started=$?"
	pg=$(readlink -f "$STACK_DIR/pg")
	echo "pg=$pg"
	[ -L "$STACK_DIR/pg" ] && echo "linked=yes"
	runuser -u postgres -- test -w "$pg/data" && echo "postgres-writes=yes"
	echo "login=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/login")"
	echo "css=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/static/style.css")"
	echo "feedhealth=$(curl -s "http://127.0.0.1:$HTTP_PORT/feeds/healthz")"
	echo "pids=$(cat "$STACK_DIR"/pids/* "$STACK_DIR/nginx/nginx.pid" 2>/dev/null | tr '\n' ' ')"
	echo "pgpid=$(head -1 "$pg/data/postmaster.pid")"
	stack_stop
	trap - EXIT
	echo "stopped=yes"
) >"$OUT/private.out" 2>&1
val() { sed -n "s/^$1=//p" "$OUT/private.out" | tail -1; }

check "the stack starts from a checkout below a private folder with a space in its path" test "$(val started)" = 0
check "its cluster lives where postgres can reach it, and var/pg points there" \
	bash -c "[ '$(val linked)' = yes ] && case '$(val pg)' in /var/lib/memocal-dev/*) true ;; *) false ;; esac"
check "postgres owns the cluster's folder" test "$(val postgres-writes)" = yes
check "nginx answers the login page (200) and the stylesheet from inside the private folder (200)" \
	test "$(val login) $(val css)" = "200 200"
check "memocal-feed answers through that nginx" test "$(val feedhealth)" = ok
left=0
# a process that has ended but whose parent has not yet collected it (state Z) is stopped too
for p in $(val pids) $(val pgpid); do
	case $(ps -o stat= -p "$p" 2>/dev/null) in
	'' | Z*) ;;
	*) left=$((left + 1)) && echo "# still running: $(ps -o pid=,args= -p "$p")" ;;
	esac
done
check "stack_stop stopped everything it started ($left left)" test "$(val stopped)" = yes -a "$left" = 0
[ "$(val started)" = 0 ] || tail -30 "$OUT/private.out"
# the cluster outside the checkout goes with the test
case $(val pg) in /var/lib/memocal-dev/?*) rm -rf "$(val pg)" ;; esac
rm -rf "$priv"
