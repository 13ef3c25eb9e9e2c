"""A village page through the newsroom on two phones (360 px): Taan's editor
writes a page and submits it; the publisher sees the count and the
notification, opens the page from it and sends it back with a note; the
editor sees the note; and what the editor types next survives a reload
without being saved. axe-core and the 44 px audit on each screen,
screenshots in tests/e2e/output/page-workflow-*."""

import uuid

import pytest

from tests.e2e.audit import audit
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture
def phones(browser):
    made = []

    def phone():
        context = browser.new_context(**PHONE, locale="id-ID")
        made.append(context)
        return context.new_page()

    yield phone
    for context in made:
        context.close()


def _type_body(page, text):
    editable = page.locator(".ck-editor__editable")
    editable.wait_for(timeout=60_000)
    editable.click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def test_a_page_is_submitted_sent_back_with_a_note_and_its_draft_survives_a_reload(portal, browser, phones, screenshot_dir):
    def shot(page, name):
        page.screenshot(path=str(screenshot_dir / f"page-workflow-{name}-phone.png"))

    title = f"Wisata Pantai {uuid.uuid4().hex[:4]}"

    # The editor writes a new page and submits it.
    editor = phones()
    portal.sign_in(editor, "editor-taan")
    editor.goto(portal.url(path="/redaksi/taan/halaman/baru/"))
    editor.fill("#id_title", title)
    _type_body(editor, "Pantai berpasir putih di Dusun Salu, sepuluh menit dari kantor desa.")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Ajukan ke penerbit").click()
    assert "Halaman diajukan ke penerbit" in editor.content()
    assert editor.locator("button[name=action][value=submit]").count() == 0  # waiting: not submitted twice
    page_url = editor.url.split("?")[0]
    shot(editor, "submitted")
    audit(editor, browser)

    # The publisher sees the count and the notification, and opens the page from it.
    publisher = phones()
    portal.sign_in(publisher, "penerbit-taan")
    publisher.goto(portal.url(path="/redaksi/taan/"))
    count = publisher.locator("nav.tabs .count[aria-label$='belum dibaca']")
    assert int(count.inner_text()) >= 1
    shot(publisher, "count")
    with publisher.expect_navigation():
        publisher.locator("nav.tabs a[href$='/redaksi/kabar/']").click()
    item = publisher.locator("a.row", has_text=f"mengajukan halaman “{title}” untuk ditinjau")
    assert item.is_visible() and "Halaman menunggu tinjauan" in item.inner_text()
    shot(publisher, "notifications")
    audit(publisher, browser)
    with publisher.expect_navigation():
        item.click()
    assert "/redaksi/taan/halaman/" in publisher.url

    # It sends the page back with a note.
    publisher.locator("details.send-back summary").click()
    publisher.fill("#id_note", "Tambahkan cara ke sana dan harga tiket masuk.")
    shot(publisher, "send-back")
    audit(publisher, browser)
    with publisher.expect_navigation():
        publisher.get_by_role("button", name="Kembalikan dengan catatan").click()
    assert "Halaman dikembalikan ke penulis" in publisher.content()

    # The editor is told, and sees the note on the page editor.
    editor.goto(portal.url(path="/redaksi/kabar/"))
    assert editor.locator("a.row", has_text="Tambahkan cara ke sana dan harga tiket masuk.").is_visible()
    editor.goto(page_url)
    note = editor.locator(".note.warn", has_text="Catatan penerbit:")
    assert "Tambahkan cara ke sana dan harga tiket masuk." in note.inner_text()
    shot(editor, "note")
    audit(editor, browser)

    # What the editor types next survives a reload that was never saved.
    _type_body(editor, " Tiket masuk Rp5.000.")
    editor.fill("#id_title", title + " dan Muara")
    editor.locator("#id_title").dispatch_event("input")
    editor.wait_for_function("""() => Object.keys(localStorage).some(k => k.includes(':taan:halaman-')
                                   && localStorage.getItem(k).includes('Rp5.000'))""")
    editor.reload()
    offer = editor.get_by_role("button", name="Pakai tulisan itu")
    offer.wait_for(timeout=10_000)
    shot(editor, "draft-offered")
    offer.click()
    assert editor.locator("#id_title").input_value() == title + " dan Muara"
    assert "Tiket masuk Rp5.000." in editor.locator(".ck-editor__editable").inner_text()
    shot(editor, "draft-restored")
