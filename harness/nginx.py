"""deploy/nginx/kimportal.conf run by the real nginx on loopback, with a Redis
of its own: what tests/test_nginx.py, the page-cache tests through nginx and
bench/edge.py drive.

The production file is rendered for loopback (base domain -> localhost,
ports 80/443 -> free ports, a certificate made here with openssl, tmp
directories for STATIC_ROOT and MEDIA_ROOT, the upstream, Redis and the
cache key prefix given) and run by the real nginx binary, with Debian's Lua
module loaded for the edge (deploy/nginx/lua/kimportal/edge.lua); every
request goes over real HTTP(S) to 127.0.0.1 with the village's host in SNI
and in the Host header.
"""

import http.client
import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

from harness.servers import ROOT, free_port

SITE_CONF = ROOT / "deploy" / "nginx" / "kimportal.conf"
# What every site shares, own domains included, and an own domain's block.
SHARED_CONF = ROOT / "deploy" / "nginx" / "kimportal-site.conf"
OWN_DOMAIN_CONF = ROOT / "deploy" / "nginx" / "own-domain.conf"
# Debian's libnginx-mod-http-lua and the NDK it needs (make system-deps).
MODULES = ("/usr/lib/nginx/modules/ndk_http_module.so", "/usr/lib/nginx/modules/ngx_http_lua_module.so")


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if found is None:
        raise RuntimeError("nginx is not installed: `make system-deps` installs it (Debian package nginx).")
    missing = [module for module in MODULES if not os.path.exists(module)]
    if missing:
        raise RuntimeError(f"{missing} missing: `make system-deps` installs them (Debian package libnginx-mod-http-lua).")
    return found


def render_site(*, http_port, https_port, notify_port, cert_dir, static_root, media_root, upstream, log_dir, redis,
                key_prefix, upstreams_log=True, source=SITE_CONF, domain=None, slug=None):
    """A production nginx file (the site file, the snippet the sites share,
    or an own domain's block for `domain` and `slug`) with its placeholders
    swapped for loopback ones; beside its own access log, the tests' log of
    which upstream answered."""
    text = source.read_text()
    if domain is not None:
        text = text.replace("village.example.id", domain).replace("village-slug", slug)
    upstreams = f"\n    access_log {log_dir}/access.log upstreams;" if upstreams_log else ""
    text = text.replace(
        "access_log /var/log/nginx/kimportal.access.log kimportal;",
        f"access_log {log_dir}/kimportal.access.log kimportal;{upstreams}",
    )
    text = text.replace("/etc/nginx/snippets/kimportal-site.conf", f"{log_dir}/kimportal-site.conf")
    text = text.replace("/etc/nginx/kimportal-domains/", f"{log_dir}/domains/")
    text = text.replace("/etc/nginx/kimportal-redis-auth", f"{log_dir}/kimportal-redis-auth")
    text = text.replace("/var/www/kimportal-acme", f"{log_dir}/acme")
    text = text.replace(r"kimportal\.example\.id", r"localhost")
    text = text.replace("/etc/letsencrypt/live/kimportal.example.id/", f"{cert_dir}/")
    if domain is not None:
        text = text.replace(f"/etc/letsencrypt/live/{domain}/", f"{cert_dir}/")
    text = text.replace("kimportal.example.id", "localhost")
    text = text.replace("/srv/kimportal/static/", f"{static_root}/")
    text = text.replace("/srv/kimportal/media/", f"{media_root}/")
    text = text.replace("/srv/kimportal/partial-uploads/", f"{Path(media_root).parent}/partial-uploads/")
    text = text.replace("/srv/kimportal/app/", f"{ROOT}/")
    text = text.replace("127.0.0.1:8000", upstream)
    text = text.replace("127.0.0.1:6379", redis)
    text = text.replace("127.0.0.1:8089", f"127.0.0.1:{notify_port}")
    text = text.replace('set $kimportal_cache_key_prefix "";', f'set $kimportal_cache_key_prefix "{key_prefix}";')
    text = re.sub(r"^\s*listen \[::\]:.*\n", "", text, flags=re.M)  # loopback is IPv4 here
    text = re.sub(r"\blisten 80\b", f"listen 127.0.0.1:{http_port}", text)
    text = re.sub(r"\blisten 443\b", f"listen 127.0.0.1:{https_port}", text)
    left = re.findall(
        r"example\.id|/srv/|/etc/letsencrypt|/etc/nginx/|/var/log|/var/www|village-slug|listen (?:80|443)\b"
        r"|127\.0\.0\.1:(?:8000|6379|8089)\b",
        re.sub(r"#.*", "", text),  # what nginx reads, not the comments
    )
    if left:
        raise RuntimeError(f"{source} has placeholders this harness does not know: {left}")
    return text


def main_conf(workdir, site_path, workers=1):
    """The nginx.conf around the site file, as Debian's is (its
    modules-enabled/ loads the Lua module), with every path nginx writes to
    inside workdir."""
    # As root, nginx would hand its workers to "nobody", who cannot read
    # pytest's private tmp directories.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    modules = "".join(f"load_module {module};\n" for module in MODULES)
    temp = "\n".join(
        f"    {name}_temp_path {workdir / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}{modules}worker_processes {workers};
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    log_format upstreams '$request_uri $status upstream=$upstream_addr';
    access_log {workdir / "access.log"} upstreams;
{temp}
    include {site_path};
}}
"""


def self_signed_certificate(directory, names=()):
    """fullchain.pem and privkey.pem for localhost, *.localhost and the
    other names given (own domains), as certbot lays them out."""
    directory.mkdir()
    alt = ",".join(f"DNS:{name}" for name in ("localhost", "*.localhost", *names))
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=localhost", "-addext", f"subjectAltName={alt}",
            "-keyout", str(directory / "privkey.pem"), "-out", str(directory / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )
    return directory


class RedisServer:
    """A throwaway Redis on a loopback port, as the deploy files configure it
    (a memory limit, least recently used keys evicted); it can be stopped and
    started again on the same port."""

    def __init__(self, workdir, password=None):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.password = password
        self.process = None

    @property
    def url(self):
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru", "--dir", str(self.workdir),
             *(["--requirepass", self.password] if self.password else [])],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("redis-server did not start")
                time.sleep(0.05)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


class Nginx:
    """nginx with the production site file in front of `upstream`."""

    def __init__(self, workdir, *, upstream, static_root, media_root, redis, key_prefix, workers=1, plain=False,
                 own_domains=None, redis_password=None, notify_port=None):
        """plain: the site's pages on plain HTTP too, on `plain_port`, and
        only the production access log (for benchmarks, beside a peer served
        without TLS; production redirects plain HTTP to HTTPS).
        own_domains: {domain: village slug}, each with its block as
        deploy/own-domain.sh writes it (and a name in the certificate).
        redis_password: written where the site file includes it from, as
        docs/operations.md says to.
        notify_port: where the portal says stamps changed (notify_url; the
        portal may need it before nginx is made, for its KIM_EDGE_NOTIFY)."""
        own_domains = own_domains or {}
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.cert_dir = self_signed_certificate(self.workdir / "cert", own_domains)
        self.http_port, self.https_port = free_port(), free_port()
        self.notify_port = notify_port or free_port()
        paths = dict(
            http_port=self.http_port, https_port=self.https_port, notify_port=self.notify_port, cert_dir=self.cert_dir,
            static_root=static_root, media_root=media_root, upstream=upstream, log_dir=self.workdir,
            redis=redis, key_prefix=key_prefix, upstreams_log=not plain,
        )
        text = render_site(**paths)
        (self.workdir / "kimportal-site.conf").write_text(render_site(source=SHARED_CONF, **paths))
        (self.workdir / "domains").mkdir(exist_ok=True)
        if redis_password is not None:
            (self.workdir / "kimportal-redis-auth.conf").write_text(f'set $kimportal_redis_password "{redis_password}";\n')
        for domain, slug in own_domains.items():
            (self.workdir / "domains" / f"{domain}.conf").write_text(
                render_site(source=OWN_DOMAIN_CONF, domain=domain, slug=slug, **paths)
            )
        # Where certbot's HTTP-01 challenges are written (deploy/own-domain.sh).
        self.acme_challenges = self.workdir / "acme" / ".well-known" / "acme-challenge"
        self.acme_challenges.mkdir(parents=True, exist_ok=True)
        self.plain_port = None
        if plain:
            self.plain_port = free_port()
            https = f"listen 127.0.0.1:{self.https_port} ssl http2;"
            text = text.replace(https, f"{https}\n    listen 127.0.0.1:{self.plain_port};", 1)
        site = self.workdir / "kimportal.conf"
        site.write_text(text)
        self.conf = self.workdir / "nginx.conf"
        self.conf.write_text(main_conf(self.workdir, site, workers))
        self.process = None

    def start(self):
        self._stderr = open(self.workdir / "nginx.stderr", "wb")
        self.process = subprocess.Popen(
            [nginx_binary(), "-e", "stderr", "-p", str(self.workdir), "-c", str(self.conf),
             "-g", f"daemon off; pid {self.workdir / 'nginx.pid'}; error_log stderr;"],
            stdout=self._stderr, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("nginx did not start:\n" + (self.workdir / "nginx.stderr").read_text())
            try:
                socket.create_connection(("127.0.0.1", self.https_port), timeout=1).close()
                return self
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self._stderr.close()
            self.process = None

    @property
    def notify_url(self):
        """KIM_EDGE_NOTIFY for a portal behind this nginx."""
        return f"http://127.0.0.1:{self.notify_port}/stamps-changed"

    def tls_context(self):
        context = ssl.create_default_context(cafile=str(self.cert_dir / "fullchain.pem"))
        # OpenSSL never matches a wildcard one label above a bare name
        # (*.localhost); the chain is still checked against our certificate.
        context.check_hostname = False
        return context

    def upstream_of(self, marker, timeout=5):
        """What nginx logged as the upstream of the request whose URI holds
        marker: "-" when nginx answered by itself."""
        deadline = time.monotonic() + timeout
        log = self.workdir / "access.log"
        while time.monotonic() < deadline:
            for line in log.read_text().splitlines() if log.exists() else []:
                if marker in line:
                    return line.rsplit("upstream=", 1)[1]
            time.sleep(0.05)
        raise AssertionError(f"nginx logged no request with {marker!r}")

    def request(self, host, path="/", *, tls=True, method="GET", headers=None, body=None):
        """(status, headers, body) of one request over its own connection."""
        if tls:
            conn = LoopbackTLS(host, self.https_port, context=self.tls_context(), timeout=30)
        else:
            conn = Loopback(host, self.http_port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()


class Loopback(http.client.HTTPConnection):
    """Connects to 127.0.0.1 whatever the host (*.localhost does not resolve
    here), and still names the host in the Host header."""

    def connect(self):
        self.sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)


class LoopbackTLS(http.client.HTTPSConnection):
    """As Loopback, and names the host in SNI too, as a browser does."""

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
