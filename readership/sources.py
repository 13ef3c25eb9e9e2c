"""Where a reader came from, in one of five words, from what the beacon
sends: the share marker of the link (?s=wa on the WhatsApp share link,
?s=salin on a copied link) and the host of document.referrer. The referrer
is reduced here and never kept; only the word is counted.

A read whose referrer is the village's own site is a reader moving within
it: counted as a read, with no source (INTERNAL)."""

import re

from readership.models import Source

# The markers our own share buttons add (articles/templates/articles/
# article_detail.html). The page cache ignores the parameter (pagecache/
# middleware.py, TRACKING_PARAMETER), so a marked link is the same entry.
MARKER_PARAMETER = "s"
MARKERS = {"wa": Source.WHATSAPP, "fb": Source.FACEBOOK, "salin": Source.OTHER}

INTERNAL = "internal"

# Host names by the service they belong to; android-app:// referrers
# (the Google app, WhatsApp's own browser) give the app's package name.
_HOSTS = [
    (Source.WHATSAPP, re.compile(r"(^|\.)(whatsapp\.com|whatsapp\.net|wa\.me)$|^com\.whatsapp(\.w4b)?$")),
    (Source.FACEBOOK, re.compile(r"(^|\.)(facebook\.com|fb\.com|fb\.me|messenger\.com)$|^com\.facebook\.")),
    (
        Source.SEARCH,
        re.compile(
            r"(^|\.)google(\.[a-z]{2,3}){1,2}$|^com\.google\.android\.googlequicksearchbox$"
            r"|(^|\.)(bing\.com|duckduckgo\.com|ecosia\.org|yandex\.[a-z.]+|baidu\.com|qwant\.com|startpage\.com)$"
            r"|(^|\.)search\.(yahoo\.com|brave\.com)$|(^|\.)yahoo\.co(m|\.id)$"
        ),
    ),
]


def source_of(marker, referrer_host, own_host):
    """One of Source's values, or INTERNAL."""
    marked = MARKERS.get(marker or "")
    if marked is not None:
        return marked.value
    host = (referrer_host or "").strip().lower().rstrip(".")[:253]
    if not host:
        return Source.DIRECT.value
    if host == own_host.lower():
        return INTERNAL
    for source, pattern in _HOSTS:
        if pattern.search(host):
            return source.value
    return Source.OTHER.value
