"""The same rumour, reported from several villages, found together.

A hoax travels as a forwarded WhatsApp message: the same text, often with a
line of the resident's own before it ("apakah ini benar?"), or the same
link. Two reports are taken as the same rumour when

- they share a link (host without www./m., path, query without tracking
  parameters: https://m.facebook.com/x?fbclid=1 and facebook.com/x match), or
- most of the words of the shorter one are in the other: at least
  MIN_SHARED distinctive words in common, and at least OVERLAP of the
  shorter report's distinctive words. Distinctive words are lower-cased,
  three letters or more, not a link and not one of the everyday words
  below. Measuring against the shorter report (not Jaccard over both)
  keeps a pasted message together with the same message plus a comment.

Reports that match are grouped transitively (a union-find): if A matches B
and B matches C, all three are one group. Plain Python over the reports
the district holds (a few hundred within the retention period): no index,
no search engine, and a rule a person can check by reading two messages.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

MIN_SHARED = 4
OVERLAP = 0.6

LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]{3,}")
TRACKING = re.compile(r"(utm_[a-z_]+|fbclid|gclid|igshid|mc_cid|mc_eid|si)$")
EVERYDAY = frozenset("""
    ada adalah agar akan aku apa apakah atau bahwa banyak baru bisa boleh bukan buat dalam dan dari dengan
    dia harus hari ini itu juga kalau kami kamu karena kata katanya ke kepada ketika kita lagi lain mau
    mereka oleh pada para saat saja sama sampai sangat saya sebagai sedang semua sering setelah sudah
    supaya tapi tetapi telah tentang tidak untuk yang yaitu jika jadi pun nya deh dong kok sih tolong
    mohon info informasi benar betul hoaks hoax berita pesan kabar warga desa teman bapak ibu share sebarkan
    """.split())


def links(text):
    """The links in a text, each in one normal form."""
    found = set()
    for raw in LINK.findall(text or ""):
        url = raw.rstrip(".,;:!?)]}")
        if not url.lower().startswith("http"):
            url = "http://" + url
        try:
            parts = urlsplit(url)
        except ValueError:
            continue
        host = (parts.hostname or "").lower()
        for prefix in ("www.", "m.", "mobile."):
            host = host.removeprefix(prefix)
        if not host:
            continue
        query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not TRACKING.match(k.lower())))
        found.add(f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else ""))
    return found


def words(text):
    """The distinctive words of a text (links left out)."""
    plain = LINK.sub(" ", (text or "").lower())
    return {w for w in WORD.findall(plain) if w not in EVERYDAY}


def similar(a, b):
    """Whether two (links, words) pairs are reports of the same rumour."""
    if a[0] & b[0]:
        return True
    shared = len(a[1] & b[1])
    shorter = min(len(a[1]), len(b[1]))
    return shorter > 0 and shared >= MIN_SHARED and shared / shorter >= OVERLAP


def group(reports, text=lambda report: report.message):
    """Lists of reports about the same rumour; the groups with the most
    villages first, then the most recent. `reports` in any order."""
    reports = list(reports)
    keys = [(links(text(r)), words(text(r))) for r in reports]
    parent = list(range(len(reports)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            if root(i) != root(j) and similar(keys[i], keys[j]):
                parent[root(j)] = root(i)
    groups = {}
    for i, report in enumerate(reports):
        groups.setdefault(root(i), []).append(report)
    return sorted(groups.values(), key=_rank, reverse=True)


def _rank(reports):
    return len({r.village_id for r in reports}), len(reports), max(r.created for r in reports)
