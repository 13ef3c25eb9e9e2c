#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster under a temp dir:
#   bash tests/with_postgres.sh .venv/bin/python -m pytest
# DATABASE_URL points at it (a password-authenticated role with CREATEDB, not a
# superuser, as in production); it is stopped and deleted afterwards.
set -euo pipefail

# Newest server under /usr/lib/postgresql, else whatever is on PATH.
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ ! -x "$bindir/initdb" ]; then
    bindir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
fi
[ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] ||
    { echo "PostgreSQL server not installed (apt-get install postgresql)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/kimportal-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
as_owner=()
if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$tmp"
    as_owner=(runuser -u postgres --)
fi

stop() {
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap stop EXIT

# The superuser only reaches the private socket; TCP needs the password.
"${as_owner[@]}" "$bindir/initdb" -D "$tmp/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_owner[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w start -o \
    "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null ||
    { cat "$tmp/server.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/psql" -h "$tmp" -p "$port" -U postgres -d postgres -qX -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE ROLE kimportal LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE kimportal OWNER kimportal;
SQL
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

export DATABASE_URL="postgres://kimportal:$password@127.0.0.1:$port/kimportal"
set +e
"$@"
status=$?
set -e
exit $status
