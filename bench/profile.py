"""Where a page's time goes, on Gunicorn as in production.

    DATABASE_URL=postgres://... CACHE_URL=redis://... \\
        .venv/bin/python bench/profile.py --label "20 x 100"

bench/run_load.sh runs it after the load test. For each page (the village
home and an article by default) it starts Gunicorn with the page cache off
(or on and primed, with --cached) and drives it with wrk at 8 connections,
twice, after measuring the CPU of a static file as large as the village home (the
ceiling):

1. CPU per request: the CPU time every process spent during the run (Gunicorn
   workers, PostgreSQL backends, Redis, wrk, from /proc), divided by the
   requests served. On 2 cores the budget for 20 % of the ceiling is
   2 cores / (0.2 x ceiling req/s).
2. A py-spy profile of the workers, folded into what the time was spent on
   and the functions that spent it. Sampling is non-blocking (the workers
   are not paused) and counts only a worker holding the GIL, so time spent
   waiting for PostgreSQL is not in it. The milliseconds are each share of
   the workers' CPU time measured in step 1.

Needs wrk and py-spy (pip install -r bench/requirements.txt).
"""

import argparse
import collections
import datetime
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import ROOT, Gunicorn, base_env, pages, wrk  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
PY_SPY = shutil.which("py-spy", path=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")

# A sample belongs to the innermost frame that matches one of these, read
# from the leaf outwards: a date filter called by a template counts as
# template rendering, a query run from a template counts as the ORM. The
# last two only take what none of the others claimed.
AREAS = [
    ("PostgreSQL driver (psycopg)", r"psycopg/"),
    ("ORM: building SQL, making model instances", r"django/db/"),
    ("Page cache and Redis client", r"(redis|hiredis)/|kimportal/(pagecache|cache)\.py"),
    ("URL reversing", r"django/urls/"),
    ("Templates: rendering, tags, filters", r"django/template/|templatetags/"),
    ("Views and models (our code)", r"(articles|villages)/"),
    ("Middleware and request handling", r"django/|whitenoise/|csp/|axes/|django_otp/|kimportal/|asgiref/"),
    ("Gunicorn: HTTP parsing, sockets", r"gunicorn/"),
]
# py-spy names files relative to site-packages or the project: "(django/db/models/query.py:371)".
AREAS = [(name, re.compile(rf"\((?:{pattern})")) for name, pattern in AREAS]


def processes():
    """pid -> command name, for every process we can see."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = (entry / "comm").read_text().strip()
            except OSError:
                pass
    return found


def cpu_seconds(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def cpu_by_process(gunicorn_pids):
    """CPU seconds so far, per kind of process."""
    totals = collections.Counter()
    for pid, name in processes().items():
        kind = "Gunicorn workers" if pid in gunicorn_pids else {"postgres": "PostgreSQL", "redis-server": "Redis"}.get(name)
        if kind:
            totals[kind] += cpu_seconds(pid)
    return totals


def worker_pids(server):
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split()
    return {server.process.pid, *map(int, children)}


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_per_request(server, site, path, seconds):
    # Each worker's PostgreSQL connection is opened by the priming request,
    # so every process counted is there before and after.
    pids = worker_pids(server)
    before, wrk_before = cpu_by_process(pids), _children_cpu()
    result = wrk(server.port, site, path, 8, seconds)
    after = cpu_by_process(pids)
    after["wrk"] = _children_cpu() - wrk_before  # wrk has exited: its CPU is counted as ours
    return collections.Counter({kind: 1000 * (after[kind] - before[kind]) / result["requests"] for kind in after}), result


def _area(frames, areas):
    return next((name for frame in reversed(frames) for name, pattern in areas if pattern.search(frame)), None)


def profile(server, site, path, seconds):
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as out:
        raw = out.name
    spy = subprocess.Popen(
        [PY_SPY, "record", "--pid", str(server.process.pid), "--subprocesses", "--nonblocking", "--gil",
         "--rate", "250", "--format", "raw", "--duration", str(seconds + 2), "--output", raw],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    wrk(server.port, site, path, 8, seconds)
    spy.wait(timeout=60)
    areas, functions = collections.Counter(), collections.Counter()
    for line in Path(raw).read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        count = int(count)
        area = _area(frames, AREAS[:-2]) or _area(frames, AREAS[-2:]) or "Other"
        areas[area] += count
        functions[frames[-1].strip()] += count
    os.unlink(raw)
    return areas, functions


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=os.cpu_count() + 1)
    parser.add_argument("--pages", default="village home,article")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--cached", action="store_true", help="profile pages served from the page cache instead")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    if not PY_SPY:
        sys.exit("py-spy is missing: pip install -r bench/requirements.txt")

    static_root = Path(tempfile.mkdtemp(prefix="kim-bench-static-"))
    env = base_env(static_root, page_cache=args.cached)
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    wanted = args.pages.split(",")
    targets = [t for t in pages() if t[0] in wanted]
    # The ceiling, as in bench/load.py: a static file as large as the village home.
    server = Gunicorn(env, args.workers)
    try:
        (static_root / "ceiling.html").write_bytes(server.get(targets[0][1], "/"))
    finally:
        server.stop()

    results = []
    for name, site, path in [("static file (ceiling)", "", "/static/ceiling.html"), *targets]:
        server = Gunicorn(env, args.workers)
        try:
            server.get(site, path)  # opens the database connection; primes the cache when on
            cpu, result = cpu_per_request(server, site, path, args.seconds)
            # The ceiling is measured, not profiled: WhiteNoise sending a file.
            spent = None if path.startswith("/static/") else profile(server, site, path, args.seconds)
        finally:
            server.stop()
        results.append((name, path, cpu, result, spent))

    ceiling_rps = results[0][3]["rps"]
    budget = 1000 * os.cpu_count() / (0.2 * ceiling_rps)
    print(f"\n### Profile, {args.label or 'public pages'}: {datetime.date.today()}, {platform.node()}, "
          f"{os.cpu_count()} cores, {args.workers} Gunicorn workers, page cache {'on and primed' if args.cached else 'off'}, wrk 8 connections, {args.seconds}s per run\n")
    print(f"20 % of the ceiling ({ceiling_rps:.0f} req/s) is {0.2 * ceiling_rps:.0f} req/s: on {os.cpu_count()} cores, "
          f"{budget:.1f} ms of CPU per request for every process together.\n")
    kinds = ["Gunicorn workers", "PostgreSQL", "Redis", "wrk"]
    print("| page | req/s | % of ceiling | CPU ms per request | " + " | ".join(kinds) + " |")
    print("|---" * (4 + len(kinds)) + "|")
    for name, path, cpu, result, _ in results:
        print(f"| {name} | {result['rps']:.0f} | {100 * result['rps'] / ceiling_rps:.0f} % | {sum(cpu.values()):.1f} | "
              + " | ".join(f"{cpu[kind]:.2f}" for kind in kinds) + " |")

    for name, path, cpu, result, spent in results[1:]:
        areas, functions = spent
        samples = sum(areas.values())
        worker_ms = cpu["Gunicorn workers"]
        print(f"\n#### {name} (`{path}`): the workers' {worker_ms:.1f} ms by what it was spent on ({samples} py-spy samples)\n")
        print("| spent on | share | ≈ ms per request |")
        print("|---|---|---|")
        for area, count in areas.most_common():
            print(f"| {area} | {100 * count / samples:.0f} % | {worker_ms * count / samples:.1f} |")
        print(f"\nThe {args.top} functions with the most time of their own:\n")
        print("| function | share |")
        print("|---|---|")
        for function, count in functions.most_common(args.top):
            print(f"| `{function}` | {100 * count / samples:.1f} % |")

if __name__ == "__main__":
    main()
