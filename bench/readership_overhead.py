"""What counting readers costs the pages, measured side by side: two
Gunicorns on one database and one Redis, one with KIM_COUNT_READS on and
one with it off, and wrk taking turns between them pass after pass, so
a busy moment of the machine falls on both alike (bench/load.py runs the
two settings minutes apart, too far for a 5 % comparison on a shared VM).

    bash tests/with_postgres.sh bash tests/with_redis.sh sh -c \\
      '.venv/bin/python bench/generate.py --villages 20 --articles 100 &&
       .venv/bin/python bench/readership_overhead.py'

Warm pages come from the page cache; uncached ones are built every time.
A warm page's hit path is the same with counting on (the beacon is a
separate request, measured on its own in bench/load.py); what counting
adds to a page is its token and a few bytes of script in the HTML.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import Gunicorn, base_env, pages, wrk  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() + 1)
    args = parser.parse_args()

    static_root = Path(tempfile.mkdtemp(prefix="kim-bench-static-"))
    os.environ.update(base_env(static_root, page_cache=True))
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    wanted = {"village home", "article"}
    targets = [t for t in pages() if t[0] in wanted]
    cells = [(name, site, path, cached, c) for name, site, path in targets
             for cached, c in ((True, 32), (True, 8), (False, 8))]

    results = {}
    for number in range(args.passes):
        # Alternate which setting goes first, so neither always gets the
        # machine after a pause; one server runs at a time.
        for counting in ((False, True) if number % 2 == 0 else (True, False)):
            for cached in (True, False):
                env = {**base_env(static_root, page_cache=cached), "KIM_COUNT_READS": "1" if counting else "0"}
                server = Gunicorn(env, args.workers)
                try:
                    for name, site, path, cell_cached, c in cells:
                        if cell_cached == cached:
                            server.get(site, path)
                            result = wrk(server.port, site, path, c, args.seconds)
                            results.setdefault((name, cached, c, counting), []).append(result)
                finally:
                    server.stop()

    load = os.getloadavg()
    print(f"\n### Counting on against off: {args.passes} interleaved passes, wrk {args.seconds}s per cell, "
          f"{args.workers} workers, {os.cpu_count()} cores, load average after {load[0]:.1f}\n")
    print("| page | cache | conns | req/s off | req/s on | on / off | p99 ms off | p99 ms on | errors |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, site, path, cached, c in cells:
        off, on = results[name, cached, c, False], results[name, cached, c, True]
        rps_off = statistics.mean(r["rps"] for r in off)
        rps_on = statistics.mean(r["rps"] for r in on)
        p99_off = statistics.mean(r["p99"] for r in off)
        p99_on = statistics.mean(r["p99"] for r in on)
        errors = sum(r["errors"] for r in off + on)
        print(f"| {name} | {'warm' if cached else 'uncached'} | {c} | {rps_off:.0f} | {rps_on:.0f} | "
              f"{100 * rps_on / rps_off:.0f} % | {p99_off:.1f} | {p99_on:.1f} | {errors} |")


if __name__ == "__main__":
    main()
