"""Load test of the public pages against Gunicorn as in production, with a
static file of the same size as the ceiling.

    DATABASE_URL=postgres://... CACHE_URL=redis://... \\
        .venv/bin/python bench/load.py --label "100 x 2000"

The database must already hold data (bench/generate.py); bench/run_load.sh
does everything on a throwaway PostgreSQL and Redis. For each page (village
home, an article, a topic page, the district feed, a feed XML and a search)
it runs wrk at 8 and 32 connections, twice: once against a server with the
page cache off (every request builds the page: "uncached") and once with it
on and primed ("warm"). The ceiling is the same Gunicorn and WhiteNoise
serving a static file as large as the village home, in the same run.
Gunicorn runs with the production config (deploy/gunicorn.conf.py), worker
recycling included. Worker memory is read from /proc before and after, and
over 100,000 requests spread over every village's pages (--mix-requests).
Prints Markdown tables.
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(static_root, page_cache):
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key"),
        "KIM_BASE_DOMAIN": "localhost",
        "KIM_URL_SCHEME": "http",
        "STATIC_ROOT": str(static_root),
        "KIM_PAGE_CACHE_SECONDS": "600" if page_cache else "0",
        "LOG_LEVEL": "WARNING",
    }


def pages():
    """Paths on real content: the first village with news, its newest article and topic."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings")
    import django

    django.setup()
    from articles.models import Article

    article = Article.objects.on_site().select_related("village", "topic").filter(
        topic__isnull=False
    ).newest_first().first()
    village = article.village.slug
    word = article.title.split()[0]
    targets = []
    if os.environ.get("KIM_COUNT_READS", "1").lower() not in ("0", "false", "no", "off"):
        # What every counted read adds (readership/): offline.js's POST for the article.
        from readership.counter import page_token

        path = f"/berita/{article.slug}/"
        targets.append(("beacon (a read counted)", village, "/_baca",
                        urllib.parse.urlencode({"p": path, "t": page_token(village, path), "s": "wa", "r": ""})))
    return targets + [
        ("village home", village, "/"),
        ("article", village, f"/berita/{article.slug}/"),
        ("topic page", village, f"/topik/{article.topic.slug}/"),
        ("district feed", "", "/"),
        ("feed XML", village, "/rss/"),
        ("search", village, f"/cari/?q={urllib.request.quote(word)}"),
    ]


class Gunicorn:
    def __init__(self, env, workers, *options):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py", "kimportal.wsgi",
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers), "--log-level", "warning", *options],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("", "/robots.txt")
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("Gunicorn did not start")

    def get(self, site, path):
        host = f"{site}.localhost" if site else "localhost"
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers={"Host": host})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def worker_rss_mb(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        total = 0
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        return total / 1024, len(children)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def mixed_paths(per_village=8):
    """Every active village's home, page 2, topics and newest articles, and the
    district's pages: what a day of readers spreads over."""
    from articles.models import Article, Topic
    from villages.models import Village

    topics = list(Topic.objects.values_list("slug", flat=True))
    paths = [("", "/"), ("", "/?page=2"), *(("", f"/topik/{t}/") for t in topics)]
    for village in Village.objects.active():
        host = village.slug
        paths += [(host, "/"), (host, "/?page=2"), (host, "/rss/"), *((host, f"/topik/{t}/") for t in topics[:3])]
        slugs = Article.objects.published().for_village(village).newest_first().values_list("slug", flat=True)
        paths += [(host, f"/berita/{slug}/") for slug in slugs[:per_village]]
    return paths


MIX_SCRIPT = """
local i = 0
request = function()
  i = i %% #paths + 1
  local p = paths[i]
  return wrk.format("GET", p[2], {["Host"] = p[1]})
end
paths = {%s}
"""


def memory_over_requests(server, paths, total, connections=32, seconds=10):
    """wrk over the mixed paths in chunks until `total` requests, with the
    workers' memory after each chunk."""
    entries = ", ".join(f'{{"{(site + ".") if site else ""}localhost", "{path}"}}' for site, path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(MIX_SCRIPT % entries)
    done, series, errors = 0, [(0, server.worker_rss_mb()[0])], 0
    while done < total:
        out = subprocess.run(
            ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "-s", script.name,
             f"http://127.0.0.1:{server.port}/"], capture_output=True, text=True, check=True,
        ).stdout
        done += int(re.search(r"(\d+) requests in", out).group(1))
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        errors += int(non2xx.group(1)) if non2xx else 0
        errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
        series.append((done, server.worker_rss_mb()[0]))
    os.unlink(script.name)
    return series, errors


BEACON_SCRIPT = """wrk.method = "POST"
wrk.body = "{body}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
"""


def wrk(port, site, path, connections, seconds, body=None):
    """GET `path`, or with a body, POST it as the readership beacon does."""
    host = f"{site}.localhost" if site else "localhost"
    script = []
    if body is not None:
        lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        lua.write(BEACON_SCRIPT.format(body=body))
        lua.close()
        script = ["-s", lua.name]
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "-H", f"Host: {host}",
         *script, f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout
    if script:
        os.unlink(script[1])
    return wrk_result(out)


def wrk_result(out):
    """What wrk --latency printed: requests per second, p50 and p99 in ms,
    errors (socket errors and answers other than 2xx or 3xx), requests."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non2xx.group(1)) if non2xx else 0
    return {"rps": rps, "p50": _ms(out, "50%"), "p99": _ms(out, "99%"), "errors": errors, "requests": total}


def _ms(out, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", default="8,32")
    parser.add_argument("--workers", type=int, default=os.cpu_count() + 1)
    parser.add_argument("--mix-requests", type=int, default=100_000,
                        help="requests spread over every village's pages, cache on, for the memory series")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    connections = [int(c) for c in args.connections.split(",")]

    static_root = Path(tempfile.mkdtemp(prefix="kim-bench-static-"))
    os.environ.update(base_env(static_root, page_cache=True))
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    targets = pages()

    rows, memory = [], []
    for cached in (False, True):
        env = base_env(static_root, page_cache=cached)
        server = Gunicorn(env, args.workers)
        try:
            home = server.get(next(t for t in targets if t[0] == "village home")[1], "/")
            if not cached:
                # The ceiling: WhiteNoise serving a file as large as the village home.
                (static_root / "ceiling.html").write_bytes(home)
                server.stop()
                server = Gunicorn(env, args.workers)
                ceiling = {c: wrk(server.port, "", "/static/ceiling.html", c, args.seconds) for c in connections}
            memory.append(("start", cached, *server.worker_rss_mb()))
            for name, site, path, *body in targets:
                if not body:
                    server.get(site, path)  # prime the cache (or the worker) once
                for c in connections:
                    result = wrk(server.port, site, path, c, args.seconds, *body)
                    rows.append((name, "warm" if cached else "uncached", c, result))
            memory.append(("end", cached, *server.worker_rss_mb()))
        finally:
            server.stop()
    if args.mix_requests:
        # The same workers throughout, from a cold start: no recycling.
        server = Gunicorn(base_env(static_root, page_cache=True), args.workers, "--max-requests", "0")
        try:
            mix = mixed_paths()
            series, mix_errors = memory_over_requests(server, mix, args.mix_requests)
        finally:
            server.stop()

    print(f"\n### {args.label or 'load'}: {datetime.date.today()}, {platform.node()}, {os.cpu_count()} cores, "
          f"{args.workers} Gunicorn workers, wrk {args.seconds}s per cell, home page {len(home)} bytes\n")
    print("| page | cache | conns | req/s | % of ceiling | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for c in connections:
        r = ceiling[c]
        print(f"| static file (ceiling) | – | {c} | {r['rps']:.0f} | 100 % | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |")
    for name, cache, c, r in rows:
        share = 100 * r["rps"] / ceiling[c]["rps"]
        print(f"| {name} | {cache} | {c} | {r['rps']:.0f} | {share:.0f} % | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |")
    requests = sum(r["requests"] for *_, r in rows)
    if args.mix_requests:
        print(f"\nMemory over {series[-1][0]} requests spread over {len(mix)} pages of every village and the "
              f"district (cache on, 32 connections, {mix_errors} errors), the same {args.workers} workers from a cold start (no recycling). Worker RSS, all workers:\n")
        print("| requests | " + " | ".join(f"{n:,}" for n, _ in series) + " |")
        print("|---" * (len(series) + 1) + "|")
        print("| MB | " + " | ".join(f"{mb:.0f}" for _, mb in series) + " |")
    print("\nWorker memory (RSS, all workers): " + ", ".join(
        f"{'warm' if cached else 'uncached'} server {when} {mb:.0f} MB ({n} workers)" for when, cached, mb, n in memory
    ) + f"; {requests} page requests in all.")


if __name__ == "__main__":
    main()
