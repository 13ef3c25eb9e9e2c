"""District staff at work in a real browser: filter the feed, take an
article down and restore it, read the audit log, find the quiet KIMs,
export the CSV and push an announcement to exactly the targeted villages."""

import csv
import io
import re
import urllib.request

import pytest

pytestmark = pytest.mark.xdist_group("browser")

def _status(url):
    """Status of an anonymous request, as a reader's phone would make it."""
    host = re.match(r"http://([^/]+)", url).group(1)
    request = urllib.request.Request(url.replace(host.split(":")[0], "127.0.0.1", 1), headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _submit(page, selector="input[type=submit].default, button[type=submit].default"):
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator(selector).first.click()


def test_staff_filter_the_feed_and_take_an_article_down_and_back(portal, page, screenshot):
    assert portal.sign_in(page, "distrik") == "/admin/"
    page.goto(portal.url(path="/admin/"))
    page.get_by_role("link", name="Umpan berita semua desa").click()
    page.select_option("#id_village", label="Desa Taan")
    page.select_option("#id_status", "published")
    _submit(page, ".desk-filter button[type=submit]")
    villages = page.locator(".desk-table tbody td[data-label=Desa]").all_inner_texts()
    assert villages and all(v.startswith("Desa Taan") for v in villages)
    screenshot("desk-feed")

    first = page.locator(".desk-table tbody tr").first
    title = first.locator("td[data-label=Judul] strong").inner_text()
    public_url = first.get_by_role("link", name="Halaman publik").get_attribute("href")
    assert _status(public_url) == 200

    first.get_by_role("link", name="Turunkan").click()
    page.fill("#id_reason", "Foto memuat wajah anak tanpa izin orang tua.")
    screenshot("desk-take-down")
    _submit(page)
    assert "diturunkan dari situs publik" in page.locator(".messagelist").inner_text()
    assert _status(public_url) == 404

    page.goto(portal.url(path="/admin/meja/?status=taken_down"))
    row = page.locator(".desk-table tbody tr", has_text=title)
    row.get_by_role("link", name="Pulihkan").click()
    page.fill("#id_reason", "Foto sudah diganti oleh penulis.")
    _submit(page)
    assert _status(public_url) == 200

    page.get_by_role("link", name="Log audit").first.click()
    log = page.locator(".desk-table tbody").inner_text()
    assert "Foto memuat wajah anak tanpa izin orang tua." in log
    assert "Foto sudah diganti oleh penulis." in log
    screenshot("desk-audit-log")


def test_staff_find_the_quiet_kims_and_export_the_figures(portal, page, screenshot):
    assert portal.sign_in(page, "distrik") == "/admin/"
    page.goto(portal.url(path="/admin/meja/aktivitas/"))
    states = page.locator(".desk-table tbody td[data-label=Keadaan]").all_inner_texts()
    # The demo's fourth KIM has been quiet for weeks: it comes first.
    assert states[0] == "Sepi" and "Aktif" in states
    assert page.locator(".desk-chart svg rect").count() == 52
    screenshot("desk-activity")

    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    assert len(rows) == len(states)
    assert rows[0]["sepi_14_hari"] == "ya"


def test_staff_push_an_announcement_to_one_kecamatan(portal, page, browser, screenshot):
    title = f"Pasar murah beras di kantor camat ({page.width_name})"
    reader = browser.new_page()
    reader.goto(portal.url("taan"))
    kecamatan = re.search(r"Kec\. (.+)", reader.locator(".brand-sub").inner_text()).group(1).strip()

    assert portal.sign_in(page, "distrik") == "/admin/"
    page.goto(portal.url(path="/admin/articles/announcement/add/"))
    page.fill("#id_title", title)
    page.locator(".ck-editor__editable").click()
    page.keyboard.type("Beras medium Rp10.000 per kilogram, bawa kartu keluarga.")
    page.check("input[name=audience][value=kecamatan]")
    page.get_by_label(f"Kecamatan {kecamatan}", exact=True).check()
    screenshot("desk-announcement-form")
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("input[name=_save]")
    assert "/admin/articles/announcement/" in page.url and "add" not in page.url, page.locator(".errornote, .errorlist").all_inner_texts()

    reader.goto(portal.url(path="/desa/"))
    sites = sorted({
        re.match(r"http://([a-z0-9-]+)\.localhost", href).group(1)
        for href in reader.locator("main a[href*='.localhost']").evaluate_all("links => links.map(a => a.href)")
    })
    assert len(sites) >= 3
    shown_on = []
    for slug in sites:
        reader.goto(portal.url(slug))
        if reader.get_by_text(title).count():
            shown_on.append(slug)
    assert shown_on == ["taan"]
    reader.goto(portal.url())
    assert reader.get_by_text(title).count() == 1
    reader.close()

    page.goto(portal.url("taan"))
    screenshot("village-home-announcement")
