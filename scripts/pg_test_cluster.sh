#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests (CI and developers).
#
#   eval "$(scripts/pg_test_cluster.sh start)"    # exports CLAIMGRAPH_TEST_PG_URL, _DIR
#   .venv/bin/pytest -q tests/test_store.py
#   scripts/pg_test_cluster.sh stop "$CLAIMGRAPH_TEST_PG_DIR"
#
# `start` runs initdb in a new temp dir (as the `postgres` user when run as
# root: PostgreSQL refuses to run as root), starts the server on a free
# 127.0.0.1 port with its unix socket in that dir, creates the database
# `claimgraph_test`, and prints shell `export` lines. `stop DIR` stops that
# server and removes DIR (only a dir this script made: it holds a marker file).
# The server is for tests only: trust authentication on loopback, no fsync.
set -euo pipefail

MARKER=.claimgraph-pg-test-cluster
DATABASE=claimgraph_test

die() {
	echo "pg_test_cluster: $*" >&2
	exit 1
}

# The newest installed server's bin dir (Debian: /usr/lib/postgresql/N/bin).
bindir() {
	local dir
	dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	if [[ -n "$dir" && -x "$dir/initdb" ]]; then
		echo "$dir"
	elif command -v initdb >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
	else
		die "no PostgreSQL server found (Debian: apt-get install -y postgresql)"
	fi
}

# Run a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
	if [[ $(id -u) -eq 0 ]]; then
		id postgres >/dev/null 2>&1 || die "running as root but there is no postgres user"
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
	local bin dir port
	bin=$(bindir)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/claimgraph-pg.XXXXXX")
	touch "$dir/$MARKER"
	if [[ $(id -u) -eq 0 ]]; then
		chown postgres: "$dir"
	fi
	# C locale: byte-order text sorting, as SQLite compares text.
	as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C \
		--no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		die "initdb failed"
	}
	# A free port can be taken between the probe and the bind: try a few.
	for _ in 1 2 3 4 5; do
		port=$(free_port)
		if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
			start >/dev/null; then
			as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres "$DATABASE"
			echo "export CLAIMGRAPH_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$port/$DATABASE"
			echo "export CLAIMGRAPH_TEST_PG_DIR=$dir"
			return 0
		fi
	done
	cat "$dir/server.log" >&2 || true
	rm -rf "$dir"
	die "could not start PostgreSQL"
}

stop() {
	local dir=${1:-${CLAIMGRAPH_TEST_PG_DIR:-}}
	[[ -n "$dir" ]] || die "usage: $0 stop DIR"
	[[ -f "$dir/$MARKER" ]] || die "$dir is not a cluster made by this script"
	if [[ -f "$dir/data/postmaster.pid" ]]; then
		as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null || true
	fi
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*) die "usage: $0 start | stop DIR" ;;
esac
