"""Telling nginx's edge that stamps changed.

nginx serves hot pages from Redis itself (deploy/nginx/lua/kimportal/edge.lua)
and, so a hot page costs no round trip to Redis, trusts the stamps it read
for LEASE_SECONDS. After every change, once the new stamps are in Redis, the
portal tells each nginx (KIM_EDGE_NOTIFY) to read them afresh. An nginx that
cannot be told still holds the old stamps until its lease runs out, so then
the change's answer waits out the lease: the next reader sees the change
either way, which is the page cache's one promise.
"""

import http.client
import logging
import time
import urllib.parse

from django.conf import settings

log = logging.getLogger(__name__)

# edge.lua's _M.lease_s (tests/test_nginx.py holds them equal).
LEASE_SECONDS = 1
# nginx counts a lease from before it asked Redis, which was before the
# stamps were written if it read the old ones; the margin is for its clock,
# read once per turn of its event loop, so a turn that ran long (up to a
# quarter of a second) makes a lease look younger than it is.
MARGIN_SECONDS = 0.25
# nginx is on loopback: it answers in a millisecond or it is not there.
TIMEOUT_SECONDS = 0.5


def _tell(url):
    parts = urllib.parse.urlsplit(url)
    # http.client, not urllib.request: a proxy in the environment must not
    # carry a loopback address elsewhere.
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("POST", parts.path or "/", headers={"Content-Length": "0"})
        status = connection.getresponse().status
    finally:
        connection.close()
    if status != 204:
        raise OSError(f"nginx answered {status}")


def stamps_changed(written_at):
    """Stamps written to the cache at `written_at` (time.monotonic()): tell
    every nginx, or wait until none can still hold the old ones."""
    for url in settings.KIM_EDGE_NOTIFY:
        try:
            _tell(url)
        except Exception as error:  # refused, timed out, a 403, a malformed address
            log.error("nginx was not told that pages changed (%s: %s); waiting out its lease", url, error)
            time.sleep(max(0, written_at + LEASE_SECONDS + MARGIN_SECONDS - time.monotonic()))
            return
