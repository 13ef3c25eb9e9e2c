"""Parse served HTML the way a browser would and list anything that could run."""

from html.parser import HTMLParser

ACTIVE_TAGS = {"script", "iframe", "object", "embed", "form", "svg", "math", "style", "base", "meta-refresh"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}


class _Finder(HTMLParser):
    def __init__(self, allowed_scripts):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.allowed_scripts = allowed_scripts

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ACTIVE_TAGS and not (tag == "script" and attrs.get("src") in self.allowed_scripts):
            self.found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name == "style":
                self.found.append(f"{tag}[style]")
            if name in URL_ATTRS and value:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self.found.append(f"{tag}[{name}={value[:30]}]")


def active_content(html, allowed_scripts=()):
    finder = _Finder(set(allowed_scripts))
    finder.feed(html)
    finder.close()
    return finder.found
