"""The rules a KIM's own look keeps (villages/identity.py): colours that
white text and links stay readable on, links that lead where they say."""

import pytest
from django.core.exceptions import ValidationError

from villages import identity


@pytest.mark.parametrize("colour", [colour for colour, _ in identity.PALETTE])
def test_every_colour_offered_keeps_aa_contrast_under_white_text_and_as_links(colour):
    assert identity.contrast(colour, identity.WHITE) >= 4.5
    assert identity.contrast(identity.darker(colour), identity.PAGE) >= 4.5
    assert identity.normalize_accent(colour) == colour


def test_contrast_ratio_is_wcags():
    assert identity.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert identity.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("colour", ["#ffdd00", "#7fc8a9", "#ffffff", "#8a8a8a"])
def test_a_colour_white_text_would_be_hard_to_read_on_is_refused_with_its_ratio(colour):
    with pytest.raises(ValidationError) as refused:
        identity.normalize_accent(colour)
    message = refused.value.messages[0]
    assert "terlalu terang" in message and "4,5:1" in message
    assert f"{identity.contrast(colour, identity.WHITE):.1f}:1".replace(".", ",") in message


@pytest.mark.parametrize("value", ["", "hijau", "#12345", "#12345g", "0b6e4f", "#0b6e4f; color: red"])
def test_anything_but_a_hex_colour_is_refused(value):
    with pytest.raises(ValidationError):
        identity.normalize_accent(value)


def test_a_colour_is_stored_in_one_spelling():
    assert identity.normalize_accent("#0B6E4F") == "#0b6e4f"


@pytest.mark.parametrize("kind, url", [
    ("facebook", "https://www.facebook.com/kimtaan"),
    ("facebook", "https://m.facebook.com/kimtaan"),
    ("instagram", "https://instagram.com/kimtaan"),
    ("youtube", "https://youtu.be/abc"),
    ("tiktok", "https://www.tiktok.com/@kimtaan"),
])
def test_a_link_on_its_own_service_is_accepted(kind, url):
    identity.SocialLink(kind)(url)


@pytest.mark.parametrize("kind, url", [
    ("facebook", "http://www.facebook.com/kimtaan"),  # not https
    ("facebook", "https://facebook.com.penipu.example/kimtaan"),
    ("facebook", "https://www.facebook.com@penipu.example/"),
    ("instagram", "https://www.facebook.com/kimtaan"),
    ("tiktok", "javascript:alert(1)"),
])
def test_a_link_that_leads_elsewhere_is_refused(kind, url):
    with pytest.raises(ValidationError):
        identity.SocialLink(kind)(url)
