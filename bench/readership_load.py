"""Readership correctness under load: N beacon reads over every village's
counted pages, through two Gunicorn instances on one database and one
Redis, with flushes running meanwhile; then a last flush, and the daily
rows must hold exactly N reads (per village, per page and per source) and
the bot beacons none of them, only in the bots column.

    .venv/bin/python bench/readership_load.py --reads 20000
    bash tests/with_postgres.sh .venv/bin/python bench/readership_load.py --reads 20000

Uses the database of harness.servers.PortalServer (SQLite, or a fresh
PostgreSQL database when DATABASE_URL names one) and the Redis of
CACHE_URL, or one of its own. Needs an idle machine for the beacons-per-
second figure to mean anything; the correctness check holds on any.
Prints a Markdown summary; exits 1 on any difference.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402

from harness.servers import Browser, PortalServer, free_port  # noqa: E402

PHONE = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
BOTS = [
    "WhatsApp/2.23.20.0",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "TelegramBot (like TwitterBot)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
]
# (marker, referrer host) -> the source the desk should show.
ARRIVALS = [
    (("wa", ""), "whatsapp"), (("", "l.facebook.com"), "facebook"), (("", "www.google.co.id"), "search"),
    (("salin", ""), "other"), (("", ""), "direct"), (("", "{own}"), None),
]
BEACON = re.compile(rb'name="kim-baca" content="([^"]*)" data-tanda="([^"]*)"')
LINK = re.compile(rb'href="[^"]*?(/(?:berita|topik)/[^"/]+/)"')


def own_redis():
    port = free_port()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
                               stdout=subprocess.DEVNULL)
    for _ in range(50):
        try:
            redis.Redis(port=port).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    return process, f"redis://127.0.0.1:{port}/0"


def manage(server, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=server.env, check=True,
                          capture_output=True, text=True).stdout


def shell_json(server, code):
    """What `code`, run by manage.py shell, prints after "JSON ", decoded."""
    out = manage(server, "shell", "-c", code)
    return json.loads(next(line[5:] for line in out.splitlines() if line.startswith("JSON ")))


def countable_pages(server, slugs):
    """[(slug, path, token)]: each village's home, bulletin, and the articles and topics its home links to."""
    found = []
    for slug in slugs:
        _, home = Browser().request(server.port, "GET", "/", site=slug)
        paths = {"/", "/buletin/", *(m.decode() for m in LINK.findall(home))}
        for path in sorted(paths):
            response, body = Browser().request(server.port, "GET", path, site=slug)
            beacon = BEACON.search(body)
            if response.status == 200 and beacon:
                found.append((slug, beacon.group(1).decode(), beacon.group(2).decode()))
    return found


def send(port, slug, path, token, marker, referrer, user_agent):
    body = urlencode({"p": path, "t": token, "s": marker, "r": referrer})
    response, _ = Browser().request(port, "POST", "/_baca", site=slug, body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "User-Agent": user_agent,
    })
    return response.status


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reads", type=int, default=20000)
    parser.add_argument("--bots", type=int, default=500)
    parser.add_argument("--villages", type=int, default=6)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    rng = random.Random(20261130)

    redis_process = None
    if not os.environ.get("CACHE_URL", "").startswith("redis://"):
        redis_process, os.environ["CACHE_URL"] = own_redis()
    workdir = Path(tempfile.mkdtemp(prefix="kimportal-reads-"))
    server = PortalServer(workdir, seed_args=("--villages", str(args.villages), "--articles", "4"))
    try:
        server.start()
        ports = (server.port, server.another_instance())
        slugs = shell_json(server, "import json; from villages.models import Village; "
                           "print('JSON', json.dumps(list(Village.objects.values_list('slug', flat=True))))")
        pages = countable_pages(server, slugs)

        expected = {"reads": Counter(), "pages": Counter(), "sources": Counter(), "bots": Counter()}
        jobs = []
        for n in range(args.reads):
            slug, path, token = rng.choice(pages)
            (marker, referrer), source = rng.choice(ARRIVALS)
            referrer = referrer.replace("{own}", f"{slug}.localhost")
            jobs.append((ports[n % 2], slug, path, token, marker, referrer, PHONE))
            expected["reads"][slug] += 1
            expected["pages"][f"{slug} {path}"] += 1
            if source:
                expected["sources"][f"{slug} {source}"] += 1
        for n in range(args.bots):
            slug, path, token = rng.choice(pages)
            jobs.append((ports[n % 2], slug, path, token, "", "", rng.choice(BOTS)))
            expected["bots"][slug] += 1
        rng.shuffle(jobs)

        stop = threading.Event()
        flushes = Counter()

        def keep_flushing():  # the timer's flushes, meanwhile (and two at once now and then)
            while not stop.is_set():
                with ThreadPoolExecutor(2) as pool:
                    list(pool.map(lambda _: manage(server, "flush_reads"), range(1 + flushes["runs"] % 2)))
                flushes["runs"] += 1

        flusher = threading.Thread(target=keep_flushing)
        flusher.start()
        started = time.monotonic()
        with ThreadPoolExecutor(args.threads) as pool:
            statuses = Counter(pool.map(lambda job: send(*job), jobs))
        elapsed = time.monotonic() - started
        stop.set()
        flusher.join()
        manage(server, "flush_reads")

        stored = shell_json(server, """
import json
from readership.models import DailyReads, DailyPageReads, SOURCES
rows = {"reads": {}, "pages": {}, "sources": {}, "bots": {}}
for r in DailyReads.objects.select_related("village"):
    s = r.village.slug
    rows["reads"][s] = rows["reads"].get(s, 0) + r.reads
    rows["bots"][s] = rows["bots"].get(s, 0) + r.bots
    for source in SOURCES:
        if getattr(r, source):
            key = f"{s} {source}"
            rows["sources"][key] = rows["sources"].get(key, 0) + getattr(r, source)
for p in DailyPageReads.objects.select_related("village"):
    key = f"{p.village.slug} {p.path}"
    rows["pages"][key] = rows["pages"].get(key, 0) + p.reads
print("JSON", json.dumps(rows))
""")
        differences = {
            kind: {key: (expected[kind].get(key, 0), stored[kind].get(key, 0))
                   for key in set(expected[kind]) | set(stored[kind])
                   if expected[kind].get(key, 0) != stored[kind].get(key, 0)}
            for kind in expected
        }
        ok = statuses == Counter({204: len(jobs)}) and not any(differences.values())
        print(f"# Readership under load ({time.strftime('%Y-%m-%d')})\n")
        print("| | |\n|---|---|")
        print(f"| beacons sent (reads + bots) | {args.reads} + {args.bots}, through two Gunicorns, {args.threads} at a time |")
        print(f"| villages, counted pages | {len(slugs)}, {len(pages)} |")
        print(f"| answers | {dict(statuses)} |")
        print(f"| beacons a second (both servers) | {len(jobs) / elapsed:.0f} |")
        print(f"| flushes during the run | {flushes['runs']} (every other one two at once) |")
        print(f"| reads stored / sent | {sum(stored['reads'].values())} / {args.reads} |")
        print(f"| bots stored apart / sent | {sum(stored['bots'].values())} / {args.bots} |")
        print(f"| differences (village, page, source, bots) | {differences if not ok else 'none'} |")
        return 0 if ok else 1
    finally:
        server.stop()
        if redis_process:
            redis_process.terminate()
            redis_process.wait()


if __name__ == "__main__":
    sys.exit(main())
