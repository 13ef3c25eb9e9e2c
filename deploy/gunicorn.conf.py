"""Gunicorn for KIM Portal, behind nginx (deploy/nginx/kimportal.conf).

Loaded by deploy/kimportal.service: gunicorn --config deploy/gunicorn.conf.py kimportal.wsgi
"""

import multiprocessing
import os

# nginx proxies to this address. Another machine's nginx: bind to a private
# address instead, and let only that machine reach it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: nginx buffers whole requests and answers, so a slow phone
# never holds a worker. 2 x cores + 1, or WEB_CONCURRENCY when set.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))

# Turning a 50-megapixel phone photo into eight renditions takes seconds on a
# small VM; nginx waits 75 s (proxy_read_timeout), a little longer than this.
timeout = 60
# systemctl reload (HUP) lets running requests finish within this.
graceful_timeout = 30

# Pillow's memory does not always go back to the system: recycle workers now
# and then, not all at once.
max_requests = 1000
max_requests_jitter = 100

# To the journal: journalctl -u kimportal
accesslog = "-"
errorlog = "-"
