"""Gunicorn for KIM Portal, behind nginx (deploy/nginx/kimportal.conf).

Loaded by deploy/kimportal.service: gunicorn --config deploy/gunicorn.conf.py kimportal.wsgi
"""

import multiprocessing
import os

# nginx proxies to this address. Another machine's nginx: bind to a private
# address instead, and let only that machine reach it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: nginx buffers whole requests and answers, so a slow phone
# never holds a worker. Cores + 1, or WEB_CONCURRENCY when set: a page from
# the cache is nearly all CPU, and on 2 cores (bench/load.py) 3 workers served
# cached pages 10-15 % faster than 5 and built uncached ones as fast; 9 were
# slower at both.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))

# Turning a 50-megapixel phone photo into eight renditions takes seconds on a
# small VM; nginx waits 75 s (proxy_read_timeout), a little longer than this.
timeout = 60
# systemctl reload (HUP) lets running requests finish within this.
graceful_timeout = 30

# Pillow's memory does not always go back to the system: recycle workers now
# and then, not all at once. Not often: a new worker costs about a second of
# CPU to start, and at 1000 requests a second (a story going round WhatsApp)
# recycling every 1000 requests spent half a core on it; at 20,000 the
# recycling still showed in the load benchmark. Readers' pages do not grow
# the workers (bench/load.py: flat over 100,000 requests).
max_requests = 50000
max_requests_jitter = 10000

# To the journal: journalctl -u kimportal. There is no access log: Django
# writes one JSON line per request (kimportal/logs.py) with more in it.
errorlog = "-"
