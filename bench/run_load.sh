#!/usr/bin/env bash
# The load benchmark on a throwaway PostgreSQL and Redis, for both sizes:
#
#   bash bench/run_load.sh                 # 20x100, then 100x2000
#   SIZES=100x2000 SECONDS_PER_CELL=20 bash bench/run_load.sh
#
# Needs wrk (apt-get install wrk). Writes bench/results/load-<date>-<size>.md
# and, from bench/profile.py, profile-<date>-<size>.md: where an uncached
# page's CPU goes.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${KIM_BENCH_INSIDE:-}" ]; then
    KIM_BENCH_INSIDE=1 exec bash tests/with_postgres.sh bash tests/with_redis.sh bash bench/run_load.sh "$@"
fi

py=${PYTHON:-.venv/bin/python}
export SECRET_KEY=${SECRET_KEY:-bench-only-secret-key-not-for-production}
export KIM_BASE_DOMAIN=localhost
export MEDIA_ROOT=${MEDIA_ROOT:-$(mktemp -d /tmp/kimportal-bench-media.XXXXXX)}
server=${DATABASE_URL%/*}
today=$(date +%F)
mkdir -p bench/results
"$py" -m pip install -q -r bench/requirements.txt

for size in ${SIZES:-20x100 100x2000}; do
    villages=${size%x*} articles=${size#*x}
    db="load_$size"
    "$py" -c 'import sys, psycopg; psycopg.connect(sys.argv[1], autocommit=True).execute(f"CREATE DATABASE \"{sys.argv[2]}\"")' \
        "$DATABASE_URL" "$db"
    echo "== $size: generate"
    DATABASE_URL="$server/$db" "$py" bench/generate.py --villages "$villages" --articles "$articles"
    echo "== $size: load"
    DATABASE_URL="$server/$db" CACHE_KEY_PREFIX="load-$size" "$py" bench/load.py --label "$villages villages x $articles articles" \
        --seconds "${SECONDS_PER_CELL:-10}" | tee "bench/results/load-$today-$size.md"
    echo "== $size: profile"
    DATABASE_URL="$server/$db" CACHE_KEY_PREFIX="load-$size" "$py" bench/profile.py --label "$villages villages x $articles articles" \
        | tee "bench/results/profile-$today-$size.md"
done
