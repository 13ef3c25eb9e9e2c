#!/usr/bin/env bash
# bench/edge.py on a throwaway PostgreSQL and Redis, 20 villages x 100 articles:
#
#   bash bench/run_edge.sh
#   BEFORE=4d8ee44 bash bench/run_edge.sh      # also the uncached pages on that commit's code
#   bash bench/run_edge.sh --peer "WordPress front=http://127.0.0.1:8090/" --peer "WordPress post=http://127.0.0.1:8090/?p=42"
#
# Needs wrk and nginx's Lua module (installed here when missing). Writes
# bench/results/edge-<date>.md. Keep the machine otherwise idle.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${KIM_BENCH_INSIDE:-}" ]; then
    missing=""
    command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
    test -f /usr/lib/nginx/modules/ngx_http_lua_module.so || missing="$missing libnginx-mod-http-lua"
    if [ -n "$missing" ]; then
        SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
        $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
    fi
    KIM_BENCH_INSIDE=1 exec bash tests/with_postgres.sh bash tests/with_redis.sh bash bench/run_edge.sh "$@"
fi

py=${PYTHON:-.venv/bin/python}
export SECRET_KEY=${SECRET_KEY:-bench-only-secret-key-not-for-production}
export KIM_BASE_DOMAIN=localhost
server=${DATABASE_URL%/*}
size=${SIZE:-20x100}
villages=${size%x*} articles=${size#*x}
db="edge_$size"
mkdir -p bench/results
"$py" -c 'import sys, psycopg; psycopg.connect(sys.argv[1], autocommit=True).execute(f"CREATE DATABASE \"{sys.argv[2]}\"")' \
    "$DATABASE_URL" "$db"
echo "== $size: generate"
DATABASE_URL="$server/$db" "$py" bench/generate.py --villages "$villages" --articles "$articles"
before=()
if [ -n "${BEFORE:-}" ]; then
    dir=$(mktemp -d /tmp/kimportal-before.XXXXXX)
    git archive "$BEFORE" | tar -x -C "$dir"
    before=(--before "$dir")
fi
echo "== $size: edge"
DATABASE_URL="$server/$db" CACHE_KEY_PREFIX="edge-$size" "$py" bench/edge.py --label "$villages villages x $articles articles" \
    --seconds "${SECONDS_PER_CELL:-10}" "${before[@]}" "$@" | tee "bench/results/edge-$(date +%F).md"
