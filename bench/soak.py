"""Soak: mixed traffic against two Gunicorn instances sharing one database,
one cache and one media directory.

    bash tests/with_postgres.sh bash tests/with_redis.sh \\
        .venv/bin/python bench/soak.py --minutes 10

Starts the demo portal (harness/servers.py: migrate, collectstatic, demo data,
Gunicorn) plus a second instance on the same database, cache and media, then
for the given time runs, spread over both instances:
- readers on every village host and the district portal (home, articles,
  topic pages, search, feeds),
- editors, each uploading a phone photo into the editor and saving a new
  published article with it,
- district staff browsing the desk (feed, filters, activity, CSV).
It counts every answer by status, checks afterwards that every save it was
told succeeded is in the database, and samples the workers' memory.
"""

import argparse
import collections
import datetime
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness import images  # noqa: E402
from harness.servers import Browser, PortalServer  # noqa: E402

PASSWORD = "kimportal-demo"


class Soak:
    def __init__(self, ports, villages, deadline):
        self.ports, self.villages, self.deadline = ports, villages, deadline
        self.statuses = collections.Counter()
        self.saved_titles = []
        self.errors = []
        self.lock = threading.Lock()

    def count(self, response, what):
        with self.lock:
            self.statuses[response.status] += 1
            if response.status >= 500:
                self.errors.append(f"{response.status} {what}")

    def port(self):
        return random.choice(self.ports)

    def reader(self):
        browser = Browser()
        while time.monotonic() < self.deadline:
            slug = random.choice(self.villages + [""])
            response, body = browser.request(self.port(), "GET", "/", site=slug)
            self.count(response, f"{slug} /")
            # Article links are absolute (articles live on their village's host), topic links relative.
            links = [(m[0].decode(), m[1].decode()) for m in re.findall(rb'href="http://([a-z0-9-]+)\.localhost[^/"]*(/berita/[^"]+/)"', body)]
            links += [(slug, m.decode()) for m in re.findall(rb'href="(/topik/[^"]+/)"', body)]
            for site, path in random.sample(links, min(3, len(links))):
                response, _ = browser.request(self.port(), "GET", path, site=site)
                self.count(response, f"{site} {path}")
            for path in ("/cari/?q=warga", "/rss/"):
                response, _ = browser.request(self.port(), "GET", path, site=slug)
                self.count(response, path)

    def login(self, username):
        browser = Browser()
        response = browser.sign_in(self.port(), username, PASSWORD)
        self.count(response, f"login {username}")
        return browser

    def editor(self, slug):
        browser = self.login(f"penerbit-{slug}")
        port = self.port()
        _, body = browser.request(port, "GET", "/admin/articles/article/add/")
        village = re.search(rb'<option value="(\d+)" selected>', body).group(1).decode()
        photo = images.phone_jpeg()
        while time.monotonic() < self.deadline:
            port = self.port()
            boundary = uuid.uuid4().hex
            upload = (
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"foto.jpg\"\r\n"
                "Content-Type: image/jpeg\r\n\r\n"
            ).encode() + photo + f"\r\n--{boundary}--\r\n".encode()
            response, answer = browser.request(
                port, "POST", f"/admin/articles/article/upload/?village={village}", body=upload,
                headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "X-CSRFToken": browser.csrf()},
            )
            self.count(response, "upload")
            image = json.loads(answer)["url"] if response.status == 200 else ""
            title = f"Soak {slug} {uuid.uuid4().hex[:10]}"
            response, _ = browser.post_form(self.port(), "/admin/articles/article/add/", {
                "village": village, "title": title, "status": "published", "_save": "Simpan",
                "body": f'<p>Berita uji beban.</p><figure class="image"><img src="{image}" alt="Foto"></figure>',
            })
            self.count(response, "save")
            if response.status == 302:
                with self.lock:
                    self.saved_titles.append(title)
            time.sleep(2)

    def staff(self):
        browser = self.login("distrik")
        paths = ["/admin/meja/", "/admin/meja/?status=published&q=warga", "/admin/meja/aktivitas/",
                 "/admin/meja/aktivitas.csv", "/admin/meja/log/", "/admin/meja/?page=3"]
        while time.monotonic() < self.deadline:
            path = random.choice(paths)
            response, _ = browser.request(self.port(), "GET", path)
            self.count(response, path)
            time.sleep(0.5)


def worker_rss_mb(pids):
    total = 0
    for pid in pids:
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            total += int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{child}/status").read_text()).group(1))
    return total / 1024


def saved_in_database(server, titles):
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "import sys, json; from articles.models import Article; "
         "titles = json.load(sys.stdin); print(Article.objects.filter(title__in=titles).count())"],
        cwd=ROOT, env=server.env, input=json.dumps(titles), capture_output=True, text=True, check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--readers", type=int, default=12)
    parser.add_argument("--editors", type=int, default=4)
    args = parser.parse_args()

    server = PortalServer(Path(tempfile.mkdtemp(prefix="kim-soak-")), seed_args=["--villages", "8", "--articles", "8"])
    server.start()
    second = server.another_instance()
    ports = [server.port, second]
    pids = [server.process.pid, server.others[0].pid]
    # The demo's village subdomains, from the district directory.
    _, directory = Browser().request(server.port, "GET", "/desa/")
    villages = sorted(set(re.findall(rb"//([a-z0-9-]+)\.localhost", directory)))
    villages = [v.decode() for v in villages]
    try:
        soak = Soak(ports, villages, time.monotonic() + args.minutes * 60)
        threads = [threading.Thread(target=soak.reader) for _ in range(args.readers)]
        threads += [threading.Thread(target=soak.editor, args=(slug,)) for slug in villages[: args.editors]]
        threads += [threading.Thread(target=soak.staff)]
        memory = [(0, worker_rss_mb(pids))]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            time.sleep(30)
            memory.append((round((time.monotonic() - started) / 60, 1), worker_rss_mb(pids)))
        stored = saved_in_database(server, soak.saved_titles)
    finally:
        server.stop()

    total = sum(soak.statuses.values())
    five = sum(n for status, n in soak.statuses.items() if status >= 500)
    print(f"\n### Soak: {datetime.date.today()}, {platform.node()}, {os.cpu_count()} cores, "
          f"{args.minutes:g} min, 2 instances x {server.workers} workers, database "
          f"{'PostgreSQL' if server.database_url.startswith('postgres') else 'SQLite'}, "
          f"cache {server.env['CACHE_URL'].split(':')[0]}\n")
    print(f"- requests: {total} ({total / (args.minutes * 60):.0f}/s); by status: "
          + ", ".join(f"{s}: {n}" for s, n in sorted(soak.statuses.items())))
    print(f"- 5xx: {five}" + (f" (first: {soak.errors[:5]})" if five else ""))
    print(f"- saves acknowledged: {len(soak.saved_titles)}; found in the database afterwards: {stored}")
    print("- worker memory (MB, both instances) by minute: " + ", ".join(f"{m}: {mb:.0f}" for m, mb in memory))
    sys.exit(0 if five == 0 and stored == len(soak.saved_titles) else 1)


if __name__ == "__main__":
    main()
