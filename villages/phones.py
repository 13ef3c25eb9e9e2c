"""Indonesian WhatsApp numbers, as people write them and as wa.me wants them.

People write 0812 4455 6677, +62 812-4455-6677, 62-812-4455-6677,
+62 (0)812 4455 6677 or (0812) 44556677, and paste them from WhatsApp or
a contact card with invisible marks and no-break spaces; every form takes
any of them and stores one way: country code and digits, 6281244556677,
which is also what wa.me links take.
"""

import re
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError

# Spaces of every kind (a phone's contact card uses no-break ones), hyphens
# and dashes, dots, brackets; and the invisible marks WhatsApp puts around a
# number copied from it (left-to-right embedding, zero-width spaces).
SEPARATORS = re.compile(r"[\s\-.()\u2010-\u2015\u2212\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
DIGITS = re.compile(r"[0-9]+")
INVALID = (
    "Nomor WhatsApp tidak dikenali. Tulis seperti 0812 4455 6677 atau +62 812 4455 6677."
)


def normalize(value):
    """'0812 4455 6677' -> '6281244556677'; ValidationError for anything
    that is not a plausible Indonesian mobile or fixed number."""
    digits = SEPARATORS.sub("", value or "")
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    elif digits.startswith("620"):
        digits = "62" + digits[3:]  # +62 (0)812 ...
    if not DIGITS.fullmatch(digits) or not digits.startswith("62") or not 10 <= len(digits) <= 15:
        raise ValidationError(INVALID, code="invalid")
    return digits


def validate(value):
    normalize(value)


def whatsapp_url(number, text=""):
    """wa.me link for a stored number (6281...); older rows may still read 0812..."""
    number = number.lstrip("+")
    if number.startswith("0"):
        number = "62" + number[1:]
    return f"https://wa.me/{number}" + (f"?{urlencode({'text': text})}" if text else "")


class WhatsAppField(forms.CharField):
    """A form field that takes a number as people write it and cleans it to 62…"""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 25)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
        kwargs.setdefault("help_text", "Contoh: 0812 4455 6677")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize(value) if value else ""
