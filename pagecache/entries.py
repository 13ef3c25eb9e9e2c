"""A stored page as bytes: the one format the page cache and nginx both read.

    KIM2 200 kim:stamp:global=7301 kim:stamp:village:taan=5512 until=1767225600\\n
    Content-Type: text/html; charset=utf-8\\n
    ETag: "..."\\n
    ...\\n
    \\n
    <the body, exactly as the reader was sent it>

The first line names the stamps the page was built under, by their keys in
the cache and their values then, and when the entry expires (Unix time,
never later than the cache's own expiry of it); the page is served only
while every one of those stamps still holds that value. nginx (deploy/nginx/lua/kimportal/edge.lua)
reads the same bytes straight from Redis, so a page Django stored is a page
nginx can serve, under the same rule, without a Python process (and keep,
parsed, until it expires); it knows
which stamps to fetch beside the page from the site, and serves nothing
whose first line names other keys.

Stored as raw bytes, not a pickle (kimportal/cache.py keeps a value that
starts with a letter as it is), and stamps are integers, which Redis keeps
as their digits: nginx compares the digits it reads with the ones written
here. Header values cannot hold a line break (Django refuses them) and are
Latin-1, as on the wire.
"""

from collections import namedtuple

MAGIC = b"KIM2 "

# stamps: ((key, value as text), ...); until: Unix time, an int;
# headers: [(name, value), ...].
Entry = namedtuple("Entry", "stamps until status headers content")


def pack(stamps, until, status, headers, content):
    first = " ".join([f"KIM2 {status}", *(f"{key}={value}" for key, value in stamps), f"until={until}"])
    head = "".join(f"{name}: {value}\n" for name, value in headers)
    return f"{first}\n{head}\n".encode("latin-1") + bytes(content)


def unpack(data):
    """The Entry these bytes hold, or None for anything else (nothing
    stored, or a value in an older format: a miss, never an error)."""
    if not isinstance(data, bytes) or not data.startswith(MAGIC):
        return None
    head, separator, content = data.partition(b"\n\n")
    if not separator:
        return None
    first, *lines = head.decode("latin-1").split("\n")
    _, status, *stamps, until = first.split(" ")
    return Entry(
        tuple(tuple(stamp.rsplit("=", 1)) for stamp in stamps),
        int(until.removeprefix("until=")),
        int(status),
        [tuple(line.split(": ", 1)) for line in lines],
        content,
    )
