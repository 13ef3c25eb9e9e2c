"""Hot pages at the web server's speed (issue 20), measured in one run.

    bash bench/run_edge.sh                                  # throwaway PostgreSQL and Redis, 20 x 100
    bash bench/run_edge.sh --peer "WordPress front=http://127.0.0.1:8090/"

or by hand, against a database bench/generate.py filled and a Redis:

    DATABASE_URL=postgres://... CACHE_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/edge.py [--peer "label=URL" ...] [--before DIR]

Gunicorn with the production config (deploy/gunicorn.conf.py) and the
production nginx file (deploy/nginx/kimportal.conf, rendered for loopback by
harness/nginx.py, nginx with `worker_processes auto` as Debian's; the pages
on plain HTTP too, so they compare with a peer served without TLS). wrk asks
with `Accept-Encoding: gzip`, as browsers do, for N seconds per cell at each
connection count, in this order:

- the ceiling: a static file holding the village home's compressed bytes
  (what Django sends), through nginx (gzip_static) and through Gunicorn
  (WhiteNoise);
- village home, article, topic page, district home and feed XML, warm:
  through nginx (answered by its edge from Redis: before each cell an answer
  is checked to say "X-Cache: edge") and straight from Gunicorn's page cache
  ("hit");
- any peer given with --peer (WordPress behind fastcgi_cache,
  bench/wordpress/setup.sh serve);
- the uncached village home and article (page cache off), through nginx and
  straight from Gunicorn; with --before DIR, also from Gunicorn running the
  code in DIR (a checkout of the commit before the edge), same database.

Each cell's `uptime` load average is printed beside it: the machine is
shared, and a busy one moves every number.
"""

import argparse
import datetime
import gzip
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import load  # noqa: E402  bench/load.py: its Gunicorn, its pages, its env

from harness.nginx import Nginx  # noqa: E402


def loadavg():
    return Path("/proc/loadavg").read_text().split()[0]


def family(pid):
    """A process and its children (nginx's or Gunicorn's workers)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [pid, *(int(child) for child in children)]


def redis_pids(port):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if command.startswith("redis-server") and f":{port}" in command or f"--port {port}" in command:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids):
    """{pid: user and system CPU seconds so far}: what serving costs, which
    a busy machine moves less than req/s."""
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def spent_since(start, pids):
    """CPU seconds since `start`, of the processes alive at both ends (a
    worker recycled meanwhile is left out, with its successor)."""
    end = cpu_seconds(pids)
    return sum(end[pid] - start[pid] for pid in start if pid in end)


def wrk(url, host, connections, seconds, headers=()):
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency",
         *(["-H", f"Host: {host}"] if host else []), "-H", "Accept-Encoding: gzip",
         *(arg for header in headers for arg in ("-H", header)), url],
        capture_output=True, text=True, check=True,
    ).stdout
    return load.wrk_result(out)


def fetch(url, host=None, gzip_ok=True):
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    if host:
        headers["Host"] = host
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        return response.headers, response.read()


def host_of(site):
    return f"{site}.localhost" if site else "localhost"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", default="8,32")
    parser.add_argument("--workers", type=int, default=os.cpu_count() + 1)
    parser.add_argument("--peer", action="append", default=[], metavar="LABEL=URL",
                        help="another server's page in the same run, e.g. 'WordPress front=http://127.0.0.1:8090/'")
    parser.add_argument("--before", type=Path, help="a checkout of the code before, for the uncached pages")
    parser.add_argument("--no-uncached", action="store_true")
    parser.add_argument("--passes", type=int, default=1,
                        help="the warm cells (static, pages, peers) this many times, in turn; medians are reported")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    if not os.environ.get("CACHE_URL", "").startswith("redis://"):
        sys.exit("CACHE_URL must be a Redis (redis://host:port/db): nginx reads the pages from it")
    match = re.match(r"redis://([^/:]+):(\d+)(?:/(\d+))?", os.environ["CACHE_URL"])
    redis_address = f"{match.group(1)}:{match.group(2)}"
    redis = redis_pids(match.group(2))
    if (match.group(3) or "0") != "0":
        sys.exit("use database 0 here (the edge takes any; this script renders only the address)")
    connections = [int(c) for c in args.connections.split(",")]
    peers = [peer.split("=", 1) for peer in args.peer]

    work = Path(tempfile.mkdtemp(prefix="kim-bench-edge-"))
    static_root, media_root = work / "static", work / "media"
    media_root.mkdir()
    os.environ.update(load.base_env(static_root, page_cache=True))
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    targets = [t for t in load.pages() if len(t) == 3 and t[0] != "search"]

    def env(page_cache):
        # Behind nginx as in production: Django trusts X-Forwarded-Proto.
        return {**load.base_env(static_root, page_cache), "KIM_URL_SCHEME": "https", "SECURE_SSL_REDIRECT": "0",
                "MEDIA_ROOT": str(media_root)}

    started = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
    rows = {}  # (what, how, conns) -> [(wrk result, load average before, after), ...], in order

    def cell(what, how, url, host, expect=None, built=False, **kw):
        """expect: the X-Cache every answer must carry; built: none (the
        page cache is off, every page is built)."""
        for c in connections:
            if expect or built:
                headers, _ = fetch(url, host)
                assert headers.get("X-Cache") == expect, (what, how, headers.get("X-Cache"))
            before = loadavg()
            servers = [*family(server.process.pid), *(family(nginx.process.pid) if nginx else []), *redis]
            spent, spent_redis = cpu_seconds(servers), cpu_seconds(redis)
            result = wrk(url, host, c, args.seconds, **kw)
            result["redis_us"] = 1e6 * spent_since(spent_redis, redis) / max(result["requests"], 1)
            # Server side: Gunicorn, nginx and Redis, whichever answered.
            result["cpu_us"] = 1e6 * spent_since(spent, servers) / max(result["requests"], 1) if how != "peer" else None
            rows.setdefault((what, how, c), []).append((result, before, loadavg()))
            print(f"  {what} | {how} | {c} | {result['rps']:.0f} req/s | p99 {result['p99']:.1f} ms | "
                  f"CPU {result['cpu_us'] or 0:.0f} µs/request (Redis {result['redis_us']:.0f}) | load {before}",
                  file=sys.stderr)

    server = load.Gunicorn(env(True), args.workers)
    nginx = None
    try:
        village = next(site for name, site, _ in targets if name == "village home")
        _, compressed = fetch(f"http://127.0.0.1:{server.port}/", host_of(village))
        # The ceiling: the home's compressed bytes as a static file.
        (static_root / "ceiling.html").write_bytes(gzip.decompress(compressed))
        (static_root / "ceiling.html.gz").write_bytes(compressed)
        server.stop()
        server = load.Gunicorn(env(True), args.workers)  # WhiteNoise finds files at start
        nginx = Nginx(
            work / "nginx", upstream=f"127.0.0.1:{server.port}", static_root=static_root, media_root=media_root,
            redis=redis_address, key_prefix=os.environ.get("CACHE_KEY_PREFIX", ""), workers="auto", plain=True,
        ).start()
        through_nginx = f"http://127.0.0.1:{nginx.plain_port}"
        gunicorn = f"http://127.0.0.1:{server.port}"
        headers, body = fetch(f"{through_nginx}/static/ceiling.html", host_of(village))
        assert headers["Content-Encoding"] == "gzip" and body == compressed, "gzip_static did not serve the .gz"

        for _ in range(args.passes):
            cell("static file, the home's compressed bytes", "nginx gzip_static", f"{through_nginx}/static/ceiling.html",
                 host_of(village))
            cell("static file, the home's compressed bytes", "Gunicorn + WhiteNoise", f"{gunicorn}/static/ceiling.html",
                 host_of(village))
            for name, site, path in targets:
                for base in (through_nginx, gunicorn):
                    fetch(base + path, host_of(site))  # built and stored
                cell(name, "nginx edge", through_nginx + path, host_of(site), expect="edge")
                cell(name, "Gunicorn page cache", gunicorn + path, host_of(site), expect="hit")
            for label, url in peers:
                cell(label, "peer", url, None)

        if not args.no_uncached:
            server.stop()
            nginx.stop()
            # A key prefix of their own: the warm pages above are still in
            # Redis, valid, and nginx would serve them.
            uncached_prefix = os.environ.get("CACHE_KEY_PREFIX", "") + "-uncached"
            server = load.Gunicorn({**env(False), "CACHE_KEY_PREFIX": uncached_prefix}, args.workers)
            nginx = Nginx(
                work / "nginx-uncached", upstream=f"127.0.0.1:{server.port}", static_root=static_root,
                media_root=media_root, redis=redis_address, key_prefix=uncached_prefix, workers="auto", plain=True,
            ).start()
            for name, site, path in targets[:2]:
                cell(f"{name}, uncached", "nginx (edge misses) + Gunicorn", f"http://127.0.0.1:{nginx.plain_port}{path}",
                     host_of(site), expect=None, built=True)
                cell(f"{name}, uncached", "Gunicorn", f"http://127.0.0.1:{server.port}{path}", host_of(site))
            if args.before:
                server.stop()
                # Its own key prefix: before the edge, stamps were text, and
                # that code cannot read the integer stamps of this one.
                before_env = {**env(False), "CACHE_KEY_PREFIX": "before-" + os.environ.get("CACHE_KEY_PREFIX", "")}
                server = load.Gunicorn(before_env, args.workers, "--chdir", str(args.before))
                for name, site, path in targets[:2]:
                    cell(f"{name}, uncached", f"Gunicorn, code before ({args.before.name})",
                         f"http://127.0.0.1:{server.port}{path}", host_of(site))
    finally:
        if nginx is not None:
            nginx.stop()
        server.stop()

    print(f"\n### {args.label or 'edge'}: {started}, {platform.node()}, {os.cpu_count()} cores, "
          f"{args.workers} Gunicorn workers, nginx worker_processes auto, wrk -t2 {args.seconds}s per cell, "
          f"{args.passes} pass(es) of the warm cells (medians), Accept-Encoding: gzip, "
          f"home page {len(compressed)} bytes compressed\n")
    print("| page | served by | conns | req/s | % of nginx static | p50 ms | p99 ms | server CPU µs/request (of it Redis) | errors | load avg before each cell |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    median = statistics.median
    ceiling = {c: median(r["rps"] for r, *_ in runs) for (what, how, c), runs in rows.items() if how == "nginx gzip_static"}
    for c in connections:
        for (what, how, conns), runs in rows.items():
            if conns != c:
                continue
            rps = median(r["rps"] for r, *_ in runs)
            print(f"| {what} | {how} | {c} | {rps:.0f} | {100 * rps / ceiling[c]:.0f} % | "
                  f"{median(r['p50'] for r, *_ in runs):.1f} | {median(r['p99'] for r, *_ in runs):.1f} | "
                  f"{'–' if runs[0][0]['cpu_us'] is None else format(median(r['cpu_us'] for r, *_ in runs), '.0f')} "
                  f"({median(r['redis_us'] for r, *_ in runs):.0f}) | "
                  f"{sum(r['errors'] for r, *_ in runs)} | {', '.join(before for _, before, _ in runs)} |")


if __name__ == "__main__":
    main()
