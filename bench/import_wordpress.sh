#!/usr/bin/env bash
# How long `manage.py import_wordpress` takes for a whole WordPress site:
# the 2,000 posts (20 categories x 100, each with its own featured image) that
#   bash bench/wordpress/setup.sh bench
# wrote to $WP_DIR/export.xml with its uploads, imported with --media-dir
# into one village of a fresh PostgreSQL (tests/with_postgres.sh), as
#
#   bash bench/import_wordpress.sh                 # prints the time, and load before and after
#   KIM_BENCH_PROFILE=1 bash bench/import_wordpress.sh   # also a cProfile of the import:
#                                                  # /tmp/import-wordpress-<date>.pstats, top 40 printed
#
# The import runs once, in one process, with the page cache off
# (CACHE_URL=dummy://) and media in a temporary MEDIA_ROOT. The figure and
# the machine go into bench/README.md ("Importing a WordPress site").
set -euo pipefail
cd "$(dirname "$0")/.."
WP_DIR=${WP_DIR:-/tmp/kimportal-wp-bench}
[ -f "$WP_DIR/export.xml" ] || { echo "no $WP_DIR/export.xml: run \`bash bench/wordpress/setup.sh bench\` first" >&2; exit 1; }

if [ -z "${KIM_BENCH_INSIDE:-}" ]; then
    KIM_BENCH_INSIDE=1 exec bash tests/with_postgres.sh bash bench/import_wordpress.sh "$@"
fi

py=${PYTHON:-.venv/bin/python}
export SECRET_KEY=${SECRET_KEY:-bench-only-secret-key-not-for-production}
export CACHE_URL=dummy:// KIM_BASE_DOMAIN=localhost
MEDIA_ROOT=$(mktemp -d /tmp/kimportal-import-media.XXXXXX)
export MEDIA_ROOT
trap 'rm -rf "$MEDIA_ROOT"' EXIT

"$py" manage.py migrate -v 0
"$py" manage.py shell -c '
from articles.models import Topic
from villages.models import Kecamatan, Village
kecamatan = Kecamatan.objects.create(name="Simboro", slug="simboro")
Village.objects.create(slug="taan", name="Desa Taan", kim_name="KIM Taan", kecamatan=kecamatan)
Topic.objects.create(name="Umum", slug="umum")
'
posts=$(grep -c "<wp:post_type><!\[CDATA\[post\]\]></wp:post_type>" "$WP_DIR/export.xml")
images=$(find "$WP_DIR/wp-content/uploads" -type f | wc -l)
echo "export: $posts posts, $(du -h "$WP_DIR/export.xml" | cut -f1); uploads: $images files, $(du -sh "$WP_DIR/wp-content/uploads" | cut -f1)"
echo "machine: $(nproc) cores, $(uptime)"
command=(manage.py import_wordpress "$WP_DIR/export.xml" --village taan --media-dir "$WP_DIR/wp-content/uploads"
    --default-topic umum --no-fetch)
# Wall time, and the CPU time of the import process (user + system, its
# threads included): on a shared machine the CPU time is the steadier figure.
timed() {
    "$py" -c '
import resource, subprocess, sys, time
started = time.monotonic()
status = subprocess.call(sys.argv[1:])
wall = time.monotonic() - started
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"import_wordpress: {wall:.1f} s wall, {used.ru_utime + used.ru_stime:.1f} s CPU (user {used.ru_utime:.1f}, system {used.ru_stime:.1f})", file=sys.stderr)
sys.exit(status)
' "$@"
}
if [ -n "${KIM_BENCH_PROFILE:-}" ]; then
    stats=/tmp/import-wordpress-$(date -u +%F).pstats
    timed "$py" -m cProfile -o "$stats" "${command[@]}" | tail -n 8
else
    timed "$py" "${command[@]}" | tail -n 8
fi
echo "after: $(uptime)"
"$py" manage.py shell -c '
from articles.models import Article, Photo
print(f"articles: {Article.objects.count()}, photos: {Photo.objects.count()}")
'
du -sh "$MEDIA_ROOT" | sed "s/^/media written: /"
if [ -n "${KIM_BENCH_PROFILE:-}" ]; then
    "$py" -c 'import pstats, sys; pstats.Stats(sys.argv[1]).sort_stats("cumulative").print_stats(40)' "$stats"
fi
