"""Parse served HTML the way a browser would and list anything that could run
or load from elsewhere. Hostile payloads in tests point at evil.example."""

from html.parser import HTMLParser

# Elements that run code or load from elsewhere. Forms, inputs and buttons
# are judged by where they send data (see URL_ATTRS), not by being there.
ACTIVE_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "style", "base", "link", "template",
    "frame", "frameset", "applet", "video", "audio",
}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "srcdoc"}
SAFE_IFRAME = "https://www.youtube-nocookie.com/embed/"


def _allowed(tag, attrs, allowed_scripts, in_head):
    if tag == "style":
        return in_head  # our own inlined stylesheet; article content lives in <body>
    if tag == "script":
        # Our own static files, JSON-LD data, or what a test names.
        src = attrs.get("src") or ""
        return src.startswith("/static/") or src in allowed_scripts or attrs.get("type") == "application/ld+json"
    if tag == "iframe":
        return (attrs.get("src") or "").startswith(SAFE_IFRAME)
    if tag == "link":
        return "evil.example" not in (attrs.get("href") or "")
    return False


class _Finder(HTMLParser):
    def __init__(self, allowed_scripts):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.allowed_scripts = allowed_scripts
        self.in_head = False

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag in ACTIVE_TAGS and not _allowed(tag, attrs, self.allowed_scripts, self.in_head):
            self.found.append(f"<{tag}>")
        if tag == "form" and not (attrs.get("action") or "/").startswith(("/", "?")):
            self.found.append(f"<form action={attrs.get('action')}>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta refresh>")
        if tag == "a" and attrs.get("target") and "noopener" not in (attrs.get("rel") or ""):
            self.found.append("a[target] without noopener")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name == "style":
                self.found.append(f"{tag}[style]")
            if name in URL_ATTRS and value:
                compact = "".join(value.split()).lower()
                # A link to another site is only a link; loading from one is not.
                loads = "evil.example" in compact and not (tag == "a" and name == "href")
                if compact.startswith(("javascript:", "data:", "vbscript:")) or loads:
                    self.found.append(f"{tag}[{name}={value[:40]}]")


def active_content(html, allowed_scripts=()):
    finder = _Finder(set(allowed_scripts))
    finder.feed(html)
    finder.close()
    return finder.found
