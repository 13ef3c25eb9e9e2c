"""A real portal, as in production: its own database, collected static files,
Gunicorn on a loopback port. Used by the tests that need a running portal and
by the benchmarks."""

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
# Every account `seed_demo` makes has it (demo/seeding.py); none has an authenticator.
DEMO_PASSWORD = "kimportal-demo"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fresh_database_url(workdir):
    """A database of the server's own, on the same engine the suite runs on."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'portal.sqlite3'}"
    import psycopg

    name = f"kimportal_e2e_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlparse(url)._replace(path=f"/{name}").geturl()


def _drop_database(database_url):
    if not database_url.startswith("postgres"):
        return
    import psycopg

    admin_url = os.environ["DATABASE_URL"]
    name = urlparse(database_url).path.lstrip("/")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class PortalServer:
    def __init__(self, workdir, seed_args=("--villages", "4", "--articles", "6"), workers=2):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.seed_args = list(seed_args)
        self.workers = workers
        self.process = None
        self.others = []
        self.database_url = _fresh_database_url(self.workdir)
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": "e2e-test-secret-key-not-for-production",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.workdir / "media"),
            "STATIC_ROOT": str(self.workdir / "static"),
            "KIM_BASE_DOMAIN": "localhost",
            "KIM_URL_SCHEME": "http",
            "KIM_SERVE_MEDIA": "1",
            # Its Gunicorn workers must share one cache (a local-memory
            # cache per worker would serve pages another worker changed);
            # Redis when the suite runs with one, else files.
            "CACHE_URL": os.environ.get("CACHE_URL") or f"file://{self.workdir / 'cache'}",
            "CACHE_KEY_PREFIX": uuid.uuid4().hex[:12],
        }

    def url(self, slug="", path="/"):
        host = f"{slug}.localhost" if slug else "localhost"
        return f"http://{host}:{self.port}{path}"

    def sign_in(self, page, username, password=DEMO_PASSWORD, next=None):
        """Signs a Playwright page in through /masuk/ as a person would, as
        nobody else first (its cookies are cleared); returns where it landed:
        /admin/ for district staff, the newsroom (/redaksi/...) for village
        members, or `next`."""
        page.context.clear_cookies()
        page.goto(self.url(path="/masuk/" + (f"?{urlencode({'next': next})}" if next else "")))
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_navigation(wait_until="domcontentloaded"):
            page.click("button[type=submit]")
        if "/masuk/" in page.url:
            raise AssertionError(f"{username} was not signed in: {page.locator('.errorlist').all_inner_texts()}")
        return urlparse(page.url).path

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True
        )

    def start(self):
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        self.manage("seed_demo", *self.seed_args)
        self.process = self._gunicorn(self.port, "gunicorn.log")
        self._wait_until_ready(self.port, self.process)
        return self

    def another_instance(self):
        """A second Gunicorn on its own port sharing this one's database,
        cache and media, as a second application server would; its port."""
        port = free_port()
        process = self._gunicorn(port, f"gunicorn-{port}.log")
        self.others.append(process)
        self._wait_until_ready(port, process)
        return port

    def _gunicorn(self, port, log):
        return subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "kimportal.wsgi",
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(self.workers),
                "--access-logfile", "-",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.workdir / log, "wb"),
            stderr=subprocess.STDOUT,
        )

    def _wait_until_ready(self, port, process, timeout=30):
        deadline = time.monotonic() + timeout
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Host": f"localhost:{port}"}
        )
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError((self.workdir / "gunicorn.log").read_text())
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:  # refused while starting, or a slow first answer
                time.sleep(0.2)
        raise RuntimeError("Gunicorn did not answer within %ss" % timeout)

    def stop(self):
        for process in [self.process, *self.others]:
            if process is not None:
                process.terminate()
                process.wait(timeout=15)
        _drop_database(self.database_url)


class Browser:
    """Just enough of a browser: cookies for the base domain, one instance's port."""

    def __init__(self, cookies=None):
        self.cookies = cookies if cookies is not None else {}

    def request(self, port, method, path, site="", body=None, headers=None):
        host = f"{site}.localhost" if site else "localhost"
        headers = {"Host": f"{host}:{port}", **(headers or {})}
        if self.cookies and not site:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response, content

    def csrf(self):
        return self.cookies["csrftoken"]

    def post_form(self, port, path, fields):
        body = urlencode({"csrfmiddlewaretoken": self.csrf(), **fields}, doseq=True)
        return self.request(port, "POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})

    def sign_in(self, port, username, password=DEMO_PASSWORD, next="/admin/"):
        """Through /masuk/ (the form first, for its CSRF cookie); the answer, a 302 when it worked."""
        self.request(port, "GET", "/masuk/")
        response, _ = self.post_form(port, "/masuk/?" + urlencode({"next": next}), {"username": username, "password": password})
        return response
