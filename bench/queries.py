"""Queries, SQL time and wall time of the public pages and the district desk.

    DATABASE_URL=postgres://... CACHE_URL=dummy:// .venv/bin/python bench/queries.py [--label after]

Run it against a database filled by bench/generate.py. Every page is asked
for through Django's test client (village pages on `<slug>.localhost`, the
district and its desk on `localhost`, the desk logged in as the generated
district staff user `distrik`): once to warm up, then --runs times (default
5). For each page: HTTP status, number of queries, SQL time and wall time
(medians), and the slowest query. The slowest queries over --explain-ms
(default 5 ms) are run again under EXPLAIN (ANALYZE, BUFFERS) and
summarised: execution time, sequential scans (over a big table they are the
problem), the plan's top nodes and shared buffers touched.

The page cache is switched off (CACHE_URL=dummy://, set here unless given),
so the numbers are the uncached work of every request.

Flags:
    --label TEXT       names the run in the report and the file name
                       (default: the data size, e.g. 100x2000).
    --runs N           measured runs per page (default 5).
    --explain-ms MS    EXPLAIN the queries slower than this (default 5).
    --only TEXT        only the pages whose name contains TEXT.
    --timeout-ms MS    cancel any query running longer (statement_timeout);
                       the page is reported as a timeout with its plan.

Prints a Markdown report and writes it to bench/results/queries-<date>-<label>.md.
"""

import argparse
import datetime
import logging
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ.setdefault("CACHE_URL", "dummy://")
os.environ.setdefault("STATIC_ROOT", "/tmp/kimportal-bench-static")
os.environ["KIM_BASE_DOMAIN"] = "localhost"

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, ArticleQuerySet, Topic, search_words  # noqa: E402
from villages.models import Kecamatan, User, Village  # noqa: E402

BIG_TABLES = {"articles_article", "articles_revision", "villages_auditentry", "articles_photo"}


def search_before_0003(self, text):
    """ArticleQuerySet.search as it was before migration 0003 stored the
    document: the vector built from title, excerpt and body at query time.
    Used when the database has no search_document column, for the before numbers."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
    from django.db import models

    class StripTags(models.Func):
        function = "regexp_replace"
        template = "%(function)s(%(expressions)s, '<[^>]*>', ' ', 'g')"
        output_field = models.TextField()

    words = search_words(text)
    if not words:
        return self.none()
    vector = (
        SearchVector("title", weight="A", config="simple")
        + SearchVector("excerpt", weight="B", config="simple")
        + SearchVector(StripTags("body"), weight="C", config="simple")
    )
    query = SearchQuery(" ".join(words), search_type="plain", config="simple")
    return (
        self.annotate(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "-published_at", "-id")
    )


def has_search_document():
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "articles_article")
    return any(column.name == "search_document" for column in columns)


def pages():
    """(name, host slug or "", path, needs the desk login)."""
    village = (
        Village.objects.active().filter(articles__isnull=False).order_by("pk").first()
    )
    article = Article.objects.published().for_village(village).newest_first().first()
    topic = Topic.objects.order_by("position").first()
    kecamatan = Kecamatan.objects.order_by("pk").first()
    month = timezone.localdate() - datetime.timedelta(days=40)
    today = timezone.localdate()
    v, d = village.slug, ""
    return [
        ("village home", v, "/", False),
        ("village home page 50", v, "/?page=50", False),
        ("article", v, article.get_absolute_url(), False),
        ("village topic", v, f"/topik/{topic.slug}/", False),
        ("village archive", v, "/arsip/", False),
        ("village archive month", v, f"/arsip/{month.year}/{month.month}/", False),
        ("village search 'posyandu'", v, "/cari/?q=posyandu", False),
        ("village search 'kakao kebun'", v, "/cari/?q=kakao+kebun", False),
        ("village RSS", v, "/rss/", False),
        ("village sitemap", v, "/sitemap.xml", False),
        ("district home", d, "/", False),
        ("district home page 500", d, "/?page=500", False),
        ("district topic", d, f"/topik/{topic.slug}/", False),
        ("district RSS", d, "/rss/", False),
        ("district search 'posyandu'", d, "/cari/?q=posyandu", False),
        ("district search 'kakao kebun'", d, "/cari/?q=kakao+kebun", False),
        ("district search 'sekomandi'", d, "/cari/?q=sekomandi", False),
        ("district archive", d, "/arsip/", False),
        ("district archive month", d, f"/arsip/{month.year}/{month.month}/", False),
        ("district directory", d, "/desa/", False),
        ("desk feed", d, "/admin/meja/", True),
        ("desk feed page 500", d, "/admin/meja/?page=500", True),
        ("desk feed village", d, f"/admin/meja/?village={village.pk}", True),
        ("desk feed kecamatan", d, f"/admin/meja/?kecamatan={kecamatan.pk}", True),
        ("desk feed status=published", d, "/admin/meja/?status=published", True),
        ("desk feed status=review", d, "/admin/meja/?status=review", True),
        ("desk feed status=taken_down", d, "/admin/meja/?status=taken_down", True),
        ("desk feed status=scheduled", d, "/admin/meja/?status=scheduled", True),
        ("desk feed last 30 days", d, f"/admin/meja/?start={today - datetime.timedelta(days=30)}&end={today}", True),
        ("desk feed q=posyandu", d, "/admin/meja/?q=posyandu", True),
        ("desk feed kecamatan+published+q", d, f"/admin/meja/?kecamatan={kecamatan.pk}&status=published&q=kakao", True),
        ("desk activity", d, "/admin/meja/aktivitas/", True),
        ("desk activity CSV", d, "/admin/meja/aktivitas.csv", True),
        ("desk activity village", d, f"/admin/meja/aktivitas/{village.slug}/", True),
        ("desk audit log", d, "/admin/meja/log/", True),
    ]


class Recorder:
    """Every query of a request with its time in ms (Django's own log rounds to 1 ms)."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(((time.perf_counter() - started) * 1000, sql, params))


def fetch(client, slug, path):
    host = f"{slug}.localhost" if slug else "localhost"
    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        started = time.perf_counter()
        try:
            # secure: as behind the production proxy, so no redirect to https.
            response = client.get(path, HTTP_HOST=host, secure=True)
            _ = response.content
        except OperationalError as error:  # --timeout-ms: statement_timeout cancelled a query
            if "statement timeout" not in str(error):
                raise
            return "timeout", (time.perf_counter() - started) * 1000, recorder.queries
        wall = time.perf_counter() - started
    return response.status_code, wall * 1000, recorder.queries


def explain(sql, params, analyze=True):
    """EXPLAIN (ANALYZE, BUFFERS) summary of one query; the plan alone for
    one that ran out of time."""
    options = "ANALYZE, BUFFERS, FORMAT JSON" if analyze else "FORMAT JSON"
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN ({options}) " + sql, params)
            plan = cursor.fetchone()[0]
    except OperationalError:  # ran out of --timeout-ms under ANALYZE: the plan alone
        return explain(sql, params, analyze=False)
    plan = plan[0] if isinstance(plan, list) else plan
    seq_scans, nodes = [], []

    def walk(node, depth):
        kind = node["Node Type"]
        relation = node.get("Relation Name")
        index = node.get("Index Name")
        if depth < 3 or kind in ("Seq Scan", "Bitmap Heap Scan", "Sort"):
            label = kind + (f" on {relation}" if relation else "") + (f" using {index}" if index else "")
            if kind == "Sort" and node.get("Sort Method"):
                label += f" ({node['Sort Method']})"
            if analyze:
                nodes.append(f"{label} {node.get('Actual Total Time', 0):.1f} ms × {node.get('Actual Loops', 1)}")
            else:
                nodes.append(f"{label} (estimated {node.get('Plan Rows', 0)} rows)")
        if kind == "Seq Scan" and relation:
            if analyze:
                rows = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
                seq_scans.append(f"{relation} ({rows * node.get('Actual Loops', 1)} rows read)")
            else:
                seq_scans.append(f"{relation} (estimated)")
        for child in node.get("Plans", []):
            walk(child, depth + 1)

    walk(plan["Plan"], 0)
    top = plan["Plan"]
    buffers = top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0)
    return {
        "analyzed": analyze,
        "ms": plan.get("Execution Time", 0.0),
        "seq_scans": seq_scans,
        "nodes": list(dict.fromkeys(nodes))[:8],
        "buffers": buffers,
    }


def shown_sql(sql, params):
    return connection.ops.compose_sql(sql, params)


def shorten(sql, length=160):
    """One line, the column list left out: what is read, filtered and sorted."""
    sql = re.sub(r"^SELECT (?!COUNT).*? FROM ", "SELECT … FROM ", " ".join(sql.split()), count=1)
    return sql if len(sql) <= length else sql[: length - 1] + "…"


def database_facts():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('articles_article'))")
        size = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
        cursor.execute("SHOW work_mem")
        work_mem = cursor.fetchone()[0]
    villages = Village.objects.count()
    articles = Article.objects.count()
    return {
        "postgres": version.split()[0],
        "size": size,
        "villages": villages,
        "articles": articles,
        "label": f"{villages}x{articles // max(villages, 1)}",
        "settings": f"shared_buffers {shared_buffers}, work_mem {work_mem}",
    }


def machine():
    memory = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        memory = f"{kb / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{os.cpu_count()} CPU, {memory}, {platform.python_implementation()} {platform.python_version()}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--explain-ms", type=float, default=5.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--timeout-ms", type=int, default=0)
    args = parser.parse_args(argv)
    if args.timeout_ms:
        # libpq reads PGOPTIONS when it connects; nothing has connected yet.
        os.environ["PGOPTIONS"] = f"-c statement_timeout={args.timeout_ms}"
    if connection.vendor != "postgresql":
        parser.error("DATABASE_URL must point at PostgreSQL.")

    if not staticfiles_storage.exists(staticfiles_storage.manifest_name):
        call_command("collectstatic", interactive=False, verbosity=0)  # as deployed: hashed names
    for logger in ("kimportal.request", "axes"):  # a line per request or login otherwise
        logging.getLogger(logger).setLevel(logging.WARNING)
    facts = database_facts()
    if not has_search_document():
        ArticleQuerySet.search = search_before_0003
        facts["settings"] += "; search as before migration 0003 (no stored document)"
    label = args.label or facts["label"]
    staff = User.objects.get(username="distrik")
    public, desk = Client(), Client()
    desk.force_login(staff)

    rows, slow = [], []
    for name, slug, path, login in pages():
        if args.only and args.only not in name:
            continue
        client = desk if login else public
        status, wall, queries = fetch(client, slug, path)  # warm-up
        if status == "timeout":
            ms, sql, params = queries[-1]
            rows.append({
                "name": name, "url": f"{slug + '.' if slug else ''}localhost{path}", "status": "timeout",
                "queries": len(queries), "sql": sum(q[0] for q in queries), "wall": wall, "slowest": ms,
            })
            print(f"{name:<36} timed out after {wall:.0f} ms", file=sys.stderr)
            slow.append((name, ms, explain(sql, params, analyze=False), shown_sql(sql, params)))
            continue
        # A page slower than 5 s (before the fixes) is measured once, not --runs times.
        runs = [fetch(client, slug, path) for _ in range(args.runs if wall < 5000 else 1)]
        statuses = {status for status, _, _ in runs}
        walls = [wall for _, wall, _ in runs]
        sql_ms = [sum(q[0] for q in queries) for _, _, queries in runs]
        counts = [len(queries) for _, _, queries in runs]
        # The slowest query of the median run, by SQL time.
        median_run = sorted(runs, key=lambda run: sum(q[0] for q in run[2]))[len(runs) // 2]
        slowest = max(median_run[2], default=(0.0, "", ()), key=lambda q: q[0])
        rows.append({
            "name": name, "url": f"{slug + '.' if slug else ''}localhost{path}",
            "status": "/".join(map(str, sorted(statuses))), "queries": statistics.median(counts),
            "sql": statistics.median(sql_ms), "wall": statistics.median(walls), "slowest": slowest[0],
        })
        print(f"{name:<36} {rows[-1]['queries']:>4} q {rows[-1]['sql']:8.1f} ms SQL {rows[-1]['wall']:8.1f} ms", file=sys.stderr)
        for ms, sql, params in sorted(median_run[2], key=lambda q: q[0], reverse=True)[:2]:
            if ms >= args.explain_ms and sql.lstrip().upper().startswith("SELECT"):
                slow.append((name, ms, explain(sql, params), shown_sql(sql, params)))

    report = render(label, facts, rows, slow, args)
    print(report)
    out = ROOT / "bench" / "results" / f"queries-{datetime.date.today():%Y-%m-%d}-{label}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)
    print(f"Written to {out.relative_to(ROOT)}", file=sys.stderr)


def render(label, facts, rows, slow, args):
    lines = [
        f"# Queries per page: {label}",
        "",
        f"{datetime.date.today():%Y-%m-%d}; {facts['villages']} villages, {facts['articles']} articles "
        f"(articles_article {facts['size']}); PostgreSQL {facts['postgres']} ({facts['settings']}); "
        f"{machine()}. Page cache off (CACHE_URL={os.environ.get('CACHE_URL')}); "
        f"medians of {args.runs} runs after one warm-up; test client, no network.",
        "",
        "| page | status | queries | SQL ms | wall ms | slowest query ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row["status"] == "timeout":
            lines.append(
                f"| {row['name']} | **timeout** | {row['queries']:g} | > {row['sql']:.0f} | > {row['wall']:.0f} "
                f"| > {args.timeout_ms} (cancelled) |"
            )
            continue
        lines.append(
            f"| {row['name']} | {row['status']} | {row['queries']:g} | {row['sql']:.1f} | {row['wall']:.1f} | {row['slowest']:.1f} |"
        )
    lines += ["", f"## Queries over {args.explain_ms:g} ms, under EXPLAIN (ANALYZE, BUFFERS)", ""]
    if not slow:
        lines.append("None.")
    for name, ms, plan, sql in slow:
        big = [scan for scan in plan["seq_scans"] if scan.split()[0] in BIG_TABLES]
        measured = (
            f"{ms:.1f} ms in the page, {plan['ms']:.1f} ms under EXPLAIN, {plan['buffers']} shared buffers; "
            if plan["analyzed"]
            else f"cancelled by statement_timeout after {ms:.0f} ms, plan without ANALYZE; "
        )
        lines += [
            f"- **{name}**: {measured}"
            + (f"**seq scan on {', '.join(big)}**" if big else "no seq scan on a big table")
            + (f" (other seq scans: {', '.join(s for s in plan['seq_scans'] if s not in big)})" if len(plan["seq_scans"]) > len(big) else ""),
            f"  - plan: {' → '.join(plan['nodes'])}",
            f"  - `{shorten(sql, 300)}`",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
