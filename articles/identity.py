"""A KIM's own look, as files: its logo and cover photo (through the one
photo pipeline, articles/photos.py), the app icons made from the logo, and
the share card an article without a lead photo shows on WhatsApp.

Every file has a name of its own that changes when what it shows changes
(a new random folder for new icons; an article's card is named by its id
and a digest of what it shows), so it can be cached for a year and never
be stale. Old ones are deleted: replaced logos, covers and icons once the
change is saved; an article's older cards when it changes, when its newer
card is made and when it is deleted for good; every stale card of a village
when the village changes (articles/signals.py).

Share cards are made lazily, on the first request of the card's URL (the
article page names it as og:image): publishing stays as fast as before, a
change of logo or colour costs nothing until someone shares an article
(but deleting the cards it made stale), and most articles, which have a
lead photo, never need one.
"""

import hashlib
import io
import uuid
from functools import lru_cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from articles import photos
from articles.models import Article
from villages import identity

COVER_ASPECT = 3  # the cover is a banner, 3:1, across the top of the home page
CARD_SIZE = (1200, 630)  # what WhatsApp and Facebook show largest
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def image_data(processed, village):
    """Store a processed logo or cover; what Village.logo / .cover keep."""
    return {
        "folder": photos.store(processed, village.slug),
        "width": processed.width,
        "height": processed.height,
        "widths": processed.widths,
    }


def _stored(image, village):
    """A processed photo (photos.process) is stored here; an image already
    stored through the pipeline (what image_data() returned, for a logo or
    cover sent in pieces: newsroom/uploads.py) is taken as it is."""
    return image if isinstance(image, dict) else image_data(image, village)


def save(village, fields, logo=None, cover=None, drop_logo=False, drop_cover=False):
    """Change a village's look and contact: `fields` are plain values,
    `logo` and `cover` processed photos (photos.process), images already
    stored (image_data()), or None. New
    icons are made when the logo or colour changed; the files replaced
    are deleted once the change is saved. Saving the village bumps its
    page-cache stamps (villages/signals.py): the next reader sees it."""
    old_files = []
    # As saved, not as a form may already have set it on this object.
    saved_accent = type(village).objects.filter(pk=village.pk).values_list("accent", flat=True).first()
    accent_before = saved_accent or identity.DEFAULT_ACCENT
    for name, value in fields.items():
        setattr(village, name, value)
    if logo is not None or drop_logo:
        old_files.append(village.logo.get("folder"))
        village.logo = _stored(logo, village) if logo is not None else {}
    if cover is not None or drop_cover:
        old_files.append(village.cover.get("folder"))
        village.cover = _stored(cover, village) if cover is not None else {}
    if logo is not None or drop_logo or village.accent_colour != accent_before or not village.icons:
        old_files.append(village.icons)
        village.icons = make_icons(village)
    village.save()
    transaction.on_commit(lambda: _delete(old_files))


def _delete(folders):
    for folder in folders:
        if folder and folder.startswith("villages/") and default_storage.exists(folder):
            photos.delete_files(folder)


def _delete_tree(root):
    """Every file under `root`, a folder of one village's files."""
    if not root.startswith("villages/") or not default_storage.exists(root):
        return
    folders, _ = default_storage.listdir(root)
    for folder in folders:
        _delete_tree(f"{root}/{folder}")
    _delete([root])


# Icons


def _rgb(colour):
    return identity.parse_hex(colour)


@lru_cache(maxsize=16)
def font(size, bold=True):
    """DejaVu (Debian's fonts-dejavu-core) when installed, else Pillow's own."""
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:
        return ImageFont.load_default(size)


def _open_stored(data):
    """The largest JPEG rendition of a stored logo or cover, decoded."""
    with default_storage.open(f"{data['folder']}/{max(data['widths'])}.jpg") as f:
        image = Image.open(io.BytesIO(f.read()))
        image.load()
    return image.convert("RGB")


def _square(village, size=512):
    """The logo centred on white with room around it (a phone may round
    the corners), or the village's initial in white on its colour."""
    if village.logo:
        canvas = Image.new("RGB", (size, size), (255, 255, 255))
        logo = _open_stored(village.logo)
        logo.thumbnail((round(size * 0.8), round(size * 0.8)), Image.LANCZOS)
        canvas.paste(logo, ((size - logo.width) // 2, (size - logo.height) // 2))
        return canvas
    canvas = Image.new("RGB", (size, size), _rgb(village.accent_colour))
    draw = ImageDraw.Draw(canvas)
    draw.text((size / 2, size / 2), village.short_name[:1].upper(), font=font(round(size * 0.6)),
              fill=(255, 255, 255), anchor="mm")
    return canvas


def icon_files(village):
    """{size: PNG bytes} for every size in identity.ICON_SIZES."""
    square = _square(village)
    files = {}
    for size in identity.ICON_SIZES:
        icon = square if size == square.width else square.resize((size, size), Image.LANCZOS)
        out = io.BytesIO()
        # 256 colours: a 512 px icon of a photographed logo stays tens of KB.
        icon.quantize(256).save(out, "PNG", optimize=True)
        files[size] = out.getvalue()
    return files


def make_icons(village):
    """Write the app icons under a new name; returns their folder."""
    folder = f"villages/{village.slug}/icons/{uuid.uuid4().hex}"
    for size, data in icon_files(village).items():
        default_storage.save(f"{folder}/{size}.png", ContentFile(data))
    return folder


# Share cards


def card_version(article):
    """Names this version of the article's card: its id and a digest of
    everything the card shows, so any change to those (the title, the
    village's names, colour, logo or address) names a new card, and
    nothing else does."""
    village = article.village
    shown = "\n".join([article.title, village.name, village.kim_name, village.accent_colour,
                       village.logo.get("folder", ""), village.url()])
    return f"{article.pk}-{hashlib.sha256(shown.encode()).hexdigest()[:16]}"


def cards_folder(slug, article_pk):
    """Where every version of one article's card is written."""
    return f"villages/{slug}/cards/{article_pk}"


def card_path(article):
    return f"{cards_folder(article.village.slug, article.pk)}/{card_version(article)}.jpg"


def share_card(article):
    """The card's JPEG bytes: read from the media when made before, else
    drawn, stored (older versions of this article's card deleted) and returned."""
    path = card_path(article)
    if default_storage.exists(path):
        with default_storage.open(path) as f:
            return f.read()
    data = draw_card(article)
    remove_old_cards(article)
    stored = default_storage.save(path, ContentFile(data))
    if stored != path:  # another request made it meanwhile
        default_storage.delete(stored)
    return data


def remove_old_cards(article):
    """Delete every card of this article but its current version's: a card
    stays in the media only while it shows what the article and its village
    look like now. Called when an article is saved, when its card is made,
    and for each article with a card when its village changes."""
    folder, current = card_path(article).rsplit("/", 1)
    if not default_storage.exists(folder):
        return
    _, files = default_storage.listdir(folder)
    for name in files:
        if name != current:
            default_storage.delete(f"{folder}/{name}")


def remove_cards(slug, article_pk):
    """Delete every card of an article deleted for good."""
    _delete([cards_folder(slug, article_pk)])


def prune_cards(village, old_slug=None):
    """After a change of the village (its look, its names, its subdomain):
    delete the cards that no longer show it as it is, and those of articles
    no longer there. The cards are made again, lazily, when next asked for."""
    if old_slug and old_slug != village.slug:
        _delete_tree(f"villages/{old_slug}/cards")
    root = f"villages/{village.slug}/cards"
    if not default_storage.exists(root):
        return
    folders, _ = default_storage.listdir(root)
    ids = [int(name) for name in folders if name.isdigit()]
    articles = {a.pk: a for a in Article.objects.filter(village=village, pk__in=ids).only("pk", "title", "village")}
    for pk in ids:
        article = articles.get(pk)
        if article is None:
            remove_cards(village.slug, pk)
        else:
            article.village = village  # as it is now, without a query each
            remove_old_cards(article)


def _wrap(draw, text, typeface, width, max_lines):
    words, lines = text.split(), []
    for word in words:
        if lines and draw.textlength(f"{lines[-1]} {word}", font=typeface) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while draw.textlength(lines[-1] + " …", font=typeface) > width and " " in lines[-1]:
            lines[-1] = lines[-1].rsplit(" ", 1)[0]
        lines[-1] += " …"
    return lines


def draw_card(article):
    """1200×630 JPEG: the village's colour, its logo and name, the title."""
    village = article.village
    width, height = CARD_SIZE
    margin = 64
    card = Image.new("RGB", CARD_SIZE, _rgb(village.accent_colour))
    draw = ImageDraw.Draw(card)
    # A darker band along the bottom, with the site's address.
    draw.rectangle((0, height - 96, width, height), fill=_rgb(village.accent_dark))
    draw.text((margin, height - 48), village.url().split("://", 1)[-1].rstrip("/"), font=font(30, bold=False),
              fill=(255, 255, 255), anchor="lm")
    x = margin
    if village.logo:
        tile = 120
        logo = _open_stored(village.logo)
        logo.thumbnail((tile - 16, tile - 16), Image.LANCZOS)
        draw.rounded_rectangle((margin, margin, margin + tile, margin + tile), radius=18, fill=(255, 255, 255))
        card.paste(logo, (margin + (tile - logo.width) // 2, margin + (tile - logo.height) // 2))
        x = margin + tile + 28
    draw.text((x, margin + 30), village.name, font=font(44), fill=(255, 255, 255), anchor="lm")
    draw.text((x, margin + 86), village.kim_name, font=font(30, bold=False), fill=(255, 255, 255), anchor="lm")
    # The title: as large as fits in four lines.
    top, room = margin + 170, height - 96 - 36 - (margin + 170)
    for size in (64, 56, 48, 42):
        typeface = font(size)
        lines = _wrap(draw, article.title, typeface, width - 2 * margin, 4)
        if len(lines) * size * 1.2 <= room:
            break
    for i, line in enumerate(lines):
        draw.text((margin, top + i * size * 1.2), line, font=typeface, fill=(255, 255, 255))
    out = io.BytesIO()
    card.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()
