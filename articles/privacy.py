"""Likely personal data in an article's text: NIK and KK numbers (16
digits) and phone numbers. The newsroom warns before an article is sent
and shows the publisher what it found; it never refuses the text, since a
village office's public number is often meant to be there."""

import re

from articles.html import plain_text

# The same patterns run in the browser (newsroom.js), so they keep to the
# syntax both Python and JavaScript read the same way.
PATTERNS = [
    ("Nomor NIK atau KK (16 angka)", r"(?<![0-9])(?:[0-9][ .\-]?){15}[0-9](?![0-9])"),
    ("Nomor telepon", r"(?<![0-9+])(?:\+62|62|0)[ \-]?8[0-9]{1,3}(?:[ .\-]?[0-9]{3,4}){2}(?![0-9])"),
]
_COMPILED = [(label, re.compile(source)) for label, source in PATTERNS]


def findings(*texts):
    """[(what, the text found)] in the given texts (HTML or plain)."""
    found = []
    for text in texts:
        plain = plain_text(text or "")
        for label, pattern in _COMPILED:
            found += [(label, match.group(0)) for match in pattern.finditer(plain)]
    return found
