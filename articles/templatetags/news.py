from django import template

from articles.html import render_body

register = template.Library()
register.filter("render_body", render_body)


@register.inclusion_tag("includes/picture.html")
def picture(photo, sizes="100vw", lazy=True, alt=None, width=800):
    """A photo as a responsive <picture>: WebP renditions with a JPEG
    fallback, explicit dimensions so nothing jumps while it loads."""
    shown = photo.closest_width(width)
    return {
        "photo": photo,
        "sizes": sizes,
        "lazy": lazy,
        "alt": photo.alt if alt is None else alt,
        "webp_srcset": photo.srcset("webp"),
        "jpg_srcset": photo.srcset("jpg"),
        "src": photo.url(shown),
        "width": shown,
        "height": photo.height_at(shown),
    }
