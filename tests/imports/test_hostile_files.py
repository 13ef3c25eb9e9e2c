"""Files that are not what they claim: XML attacks are refused before
anything is expanded or fetched, and a file that is not an export says
what to do instead, in Indonesian."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from articles.models import Article
from imports import sources

WXR_HEAD = b'<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
""" + WXR_HEAD + b"<item><title>&lol9;</title><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item></channel></rss>"
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY rahasia SYSTEM "file:///etc/passwd">]>
""" + WXR_HEAD + b"<item><title>&rahasia;</title><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item></channel></rss>"
EXTERNAL_DTD = b'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://169.254.169.254/latest/meta-data/x.dtd">\n' + WXR_HEAD + b"</channel></rss>"
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % luar SYSTEM "http://127.0.0.1:6379/"> %luar;]>
""" + WXR_HEAD + b"</channel></rss>"


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD, PARAMETER_ENTITY],
                         ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"])
def test_hostile_xml_is_refused_with_an_indonesian_message(data):
    with pytest.raises(ValidationError) as refused:
        sources.read(data)
    assert refused.value.code == "hostile"
    assert "Berkas ini ditolak" in refused.value.messages[0]


def test_the_command_refuses_hostile_xml_and_imports_nothing(tmp_path, taan):
    path = tmp_path / "ekspor.xml"
    path.write_bytes(BILLION_LAUGHS)
    with pytest.raises(CommandError, match="ditolak: berisi deklarasi DTD"):
        call_command("import_wordpress", str(path), village="taan")
    assert not Article.objects.exists()


@pytest.mark.parametrize("data", [
    b"<!doctype html><html><body><p>Bukan ekspor</p></body></html>",
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
    open(__file__.replace("test_hostile_files.py", "rss.xml"), "rb").read(),
], ids=["html", "sitemap", "rss-feed"])
def test_a_file_that_is_not_a_wordpress_export_is_refused_saying_where_to_get_one(data):
    with pytest.raises(ValidationError) as refused:
        sources.read_wordpress(data)
    assert refused.value.code in ("not_wxr", "broken")
    assert "Alat → Ekspor" in refused.value.messages[0] or "XML yang utuh" in refused.value.messages[0]


def test_a_cut_off_export_is_refused_as_incomplete():
    with pytest.raises(ValidationError, match="bukan XML yang utuh"):
        sources.read(WXR_HEAD)


def test_the_command_says_a_feed_is_not_a_wordpress_export(taan):
    from tests.imports.conftest import HERE

    with pytest.raises(CommandError, match="bukan ekspor WordPress"):
        call_command("import_wordpress", str(HERE / "rss.xml"), village="taan")


def test_a_sitemap_is_neither_an_export_nor_a_feed():
    with pytest.raises(ValidationError, match="bukan umpan RSS atau Atom"):
        sources.read(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>')
