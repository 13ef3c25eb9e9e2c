"""What a stored photo offers a page, once: the URLs of its renditions.

The photo pipeline (articles/photos.py) writes each image it takes as
`<folder>/<width>.<ext>`, at a few widths, in JPEG and WebP. Anything that
knows its `folder`, its largest `width` and `height` and its `widths` reads
them the same way: a photo in a village's library (articles.models.Photo)
and a village's logo or cover photo (villages.models.StoredImage). It lives
here, below both, so neither repeats it."""

from django.core.files.storage import default_storage


class Renditions:
    """Mixed into a class with `folder`, `width`, `height` and `widths`."""

    def url(self, width=None, ext="jpg"):
        width = width if width in self.widths else self.closest_width(width or 800)
        return default_storage.url(f"{self.folder}/{width}.{ext}")

    def closest_width(self, wanted):
        """The narrowest rendition at least `wanted` px wide, else the widest."""
        fitting = [w for w in self.widths if w >= wanted]
        return min(fitting) if fitting else max(self.widths)

    def srcset(self, ext="jpg", largest=None):
        widths = [w for w in self.widths if largest is None or w <= largest]
        return ", ".join(f"{self.url(w, ext)} {w}w" for w in widths)

    def height_at(self, width):
        return round(self.height * width / self.width)
