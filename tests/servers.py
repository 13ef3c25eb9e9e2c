"""A real portal, as in production: its own database, collected static files,
Gunicorn on a loopback port. Used by the browser tests."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]


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

    def manage(self, *args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True
        )

    def start(self):
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        self.manage("seed_demo", *self.seed_args)
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "kimportal.wsgi",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(self.workers),
                "--access-logfile", "-",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.workdir / "gunicorn.log", "wb"),
            stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/", headers={"Host": f"localhost:{self.port}"}
        )
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.workdir / "gunicorn.log").read_text())
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:  # refused while starting, or a slow first answer
                time.sleep(0.2)
        raise RuntimeError("Gunicorn did not answer within %ss" % timeout)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
        _drop_database(self.database_url)
