"""What a KIM chooses for its own site, and the rules those choices keep.

The accent colour is the masthead's background under white text, and its
darker shade is the colour of links and of the menu bar. Any colour is
refused unless both keep WCAG AA contrast (4.5:1 for normal text) against
white and against the page's pale background: a village cannot make its
own site unreadable. PALETTE offers colours that pass; a colour of one's
own is checked the same way on save.

Links to a KIM's pages elsewhere must be https and on that service's own
domain: a "Facebook" link that leads anywhere else is refused.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# What the masthead and links are drawn on (static/css/site.css).
WHITE = "#ffffff"
PAGE = "#f3f6f5"  # --wash, the page background around the news
DEFAULT_ACCENT = "#0b6e4f"  # --brand in site.css
DISTRICT_COLOUR = "#1d4e89"  # --district in site.css: the district portal's masthead
AA_NORMAL_TEXT = 4.5
# App icons made from the logo: the browser tab, the iPhone home screen,
# and the two an installable web app needs (its manifest).
ICON_SIZES = (32, 180, 192, 512)

# Indonesian names a KIM chooses from; each keeps AA with white text and,
# darkened, as a link on the page (tests/villages/test_identity_rules.py).
PALETTE = [
    ("#0b6e4f", "Hijau daun"),
    ("#1d4e89", "Biru laut"),
    ("#0e6a7a", "Biru toska"),
    ("#6b3fa0", "Ungu"),
    ("#a8432c", "Merah bata"),
    ("#b0123b", "Merah marun"),
    ("#8a5a00", "Cokelat kopi"),
    ("#4a5a1e", "Hijau zaitun"),
    ("#37474f", "Abu batu"),
]


def parse_hex(value):
    """'#0B6E4F' -> (11, 110, 79); ValidationError for anything else."""
    value = (value or "").strip()
    digits = value[1:] if value.startswith("#") else ""
    if len(digits) != 6 or any(c not in "0123456789abcdefABCDEF" for c in digits):
        raise ValidationError("Warna tidak dikenali. Pilih salah satu warna yang disediakan.", code="invalid")
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def to_hex(rgb):
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def _channel(c):
    c = c / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour):
    r, g, b = parse_hex(colour) if isinstance(colour, str) else colour
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a, b):
    """WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darker(colour, amount=0.25):
    """The shade of `colour` used for the menu bar and for links."""
    return to_hex(c * (1 - amount) for c in parse_hex(colour))


def normalize_accent(value):
    """'#0B6E4F' -> '#0b6e4f', refusing a colour white text or links would be hard to read on."""
    colour = to_hex(parse_hex(value))
    worst = min(contrast(colour, WHITE), contrast(darker(colour), PAGE))
    if worst < AA_NORMAL_TEXT:
        raise ValidationError(
            "Warna %(colour)s terlalu terang: tulisan putih di atasnya hanya berkontras %(ratio)s:1, "
            "padahal perlu minimal 4,5:1 agar mudah dibaca. Pilih warna yang lebih gelap.",
            code="low_contrast",
            params={"colour": colour, "ratio": f"{contrast(colour, WHITE):.1f}".replace(".", ",")},
        )
    return colour


def validate_accent(value):
    if value:
        normalize_accent(value)


# Where each kind of link may point.
SOCIAL_HOSTS = {
    "facebook": ("Facebook", ("facebook.com", "fb.com", "fb.me")),
    "instagram": ("Instagram", ("instagram.com",)),
    "youtube": ("YouTube", ("youtube.com", "youtu.be")),
    "tiktok": ("TikTok", ("tiktok.com",)),
}


@deconstructible
class SocialLink:
    """Validator: an https link on one service's own domain."""

    def __init__(self, kind):
        self.kind = kind

    def __call__(self, value):
        if not value:
            return
        name, domains = SOCIAL_HOSTS[self.kind]
        parts = urlsplit(value)
        host = (parts.hostname or "").lower()
        on_domain = any(host == d or host.endswith("." + d) for d in domains)
        if parts.scheme != "https" or not on_domain or parts.username or parts.password:
            raise ValidationError(
                f"Tautan {name} harus alamat https di {domains[0]}, misalnya https://www.{domains[0]}/namakim.",
                code="wrong_site",
            )

    def __eq__(self, other):
        return isinstance(other, SocialLink) and other.kind == self.kind


validate_facebook = SocialLink("facebook")
validate_instagram = SocialLink("instagram")
validate_youtube = SocialLink("youtube")
validate_tiktok = SocialLink("tiktok")
