#!/usr/bin/env bash
# Benchmark data and query measurements on a throwaway PostgreSQL (tests/with_postgres.sh),
# each size in a database of its own:
#
#   bash bench/run_queries.sh                         # 20x100, then 100x2000
#   SIZES=20x100 bash bench/run_queries.sh            # one size only
#   KIM_BENCH_BEFORE=0002 bash bench/run_queries.sh   # also measure with the articles app
#                                                     # migrated back to 0002, then forward again
#   KIM_BENCH_HOLD=1 bash bench/run_queries.sh        # keep the cluster afterwards (Ctrl-C ends it)
#
# Writes bench/results/generate-<date>-<size>.log and queries-<date>-<size>[-before].md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${KIM_BENCH_INSIDE:-}" ]; then
    # with_postgres.sh deletes its cluster when the command ends: run everything inside one.
    KIM_BENCH_INSIDE=1 exec bash tests/with_postgres.sh bash bench/run_queries.sh "$@"
fi

py=${PYTHON:-.venv/bin/python}
export SECRET_KEY=${SECRET_KEY:-bench-only-secret-key-not-for-production}
export CACHE_URL=dummy:// KIM_BASE_DOMAIN=localhost
export MEDIA_ROOT=${MEDIA_ROOT:-$(mktemp -d /tmp/kimportal-bench-media.XXXXXX)}
server=${DATABASE_URL%/*}
today=$(TZ=Asia/Makassar date +%F)  # the date queries.py names its files with (Django sets TZ)
mkdir -p bench/results

for size in ${SIZES:-20x100 100x2000}; do
    villages=${size%x*} articles=${size#*x}
    db="bench_$size"
    "$py" -c 'import sys, psycopg; psycopg.connect(sys.argv[1], autocommit=True).execute(f"CREATE DATABASE \"{sys.argv[2]}\"")' \
        "$DATABASE_URL" "$db"
    url="$server/$db"
    echo "== $size: generate"
    DATABASE_URL=$url "$py" bench/generate.py --villages "$villages" --articles "$articles" |
        tee "bench/results/generate-$today-$size.log"
    if [ -n "${KIM_BENCH_BEFORE:-}" ]; then
        echo "== $size: articles migrated back to $KIM_BENCH_BEFORE"
        DATABASE_URL=$url "$py" manage.py migrate articles "$KIM_BENCH_BEFORE" -v 0
        # Rewrite the table without the dropped columns' data, as it was before.
        DATABASE_URL=$url "$py" -c 'import sys, psycopg; psycopg.connect(sys.argv[1], autocommit=True).execute("VACUUM (FULL, ANALYZE) articles_article")' "$url"
        # Unindexed searches parse every article: cancel what runs past 20 s.
        DATABASE_URL=$url "$py" bench/queries.py --label "$size-before" --timeout-ms 20000 > /dev/null ||
            echo "queries before: failed, going on" >&2
        started=$SECONDS
        DATABASE_URL=$url "$py" manage.py migrate -v 0
        DATABASE_URL=$url "$py" -c 'import sys, psycopg; psycopg.connect(sys.argv[1], autocommit=True).execute("VACUUM ANALYZE articles_article")' "$url"
        echo "migrate forward + VACUUM ANALYZE: $((SECONDS - started)) s" | tee -a "bench/results/generate-$today-$size.log"
    fi
    echo "== $size: queries"
    DATABASE_URL=$url "$py" bench/queries.py --label "$size" > /dev/null || echo "queries: failed, going on" >&2
done

if [ -n "${KIM_BENCH_HOLD:-}" ]; then
    echo "Holding the cluster: DATABASE_URL=$server/bench_<size>; Ctrl-C or kill to end."
    sleep infinity
fi
