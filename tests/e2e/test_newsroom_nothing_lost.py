"""Nothing a volunteer writes or uploads is lost: the form cannot be sent
while a photo is still going up (the button says why), and an article
written without signal is kept on the phone and offered for sending when
the signal comes back."""

import pytest

from harness import images
from harness.newsroom_tasks import PHONE, signal, slow_link

pytestmark = pytest.mark.xdist_group("browser")


def _type_body(page, text):
    editable = page.locator(".ck-editor__editable")
    editable.wait_for(timeout=60_000)
    editable.click()
    page.keyboard.type(text)


@pytest.fixture
def writing(portal, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    portal.sign_in(page, "editor-taan")
    yield page
    context.close()


def test_the_form_waits_for_a_photo_still_going_up(portal, writing, tmp_path, screenshot_dir):
    photo = tmp_path / "IMG_1.jpg"
    photo.write_bytes(images.camera_jpeg(3000, 4000))
    writing.goto(portal.url(path="/redaksi/taan/tulis/"))
    slow_link(writing)
    writing.fill("#id_title", "Gotong royong di pasar")
    _type_body(writing, "Warga membersihkan pasar.")
    writing.set_input_files("[data-photo-file]", str(photo))
    save = writing.locator("button[name=action][value=save]")
    submit = writing.locator("button[name=action][value=submit]")
    writing.wait_for_function("button => button.disabled", arg=submit.element_handle(), timeout=10_000)
    assert "Tunggu" in submit.inner_text() and save.is_disabled()
    writing.screenshot(path=str(screenshot_dir / "newsroom-waits-for-photo-phone.png"))
    # Enter in a one-line field would send the form: held, with the reason on screen.
    writing.locator("#id_photo_caption").press("Enter")
    assert "/tulis/" in writing.url
    writing.wait_for_function("button => !button.disabled", arg=submit.element_handle(), timeout=120_000)
    with writing.expect_navigation():
        submit.click()
    assert "Berita diajukan ke penerbit" in writing.content()
    lead = writing.locator(".lead-image img")
    assert "/media/villages/taan/photos/" in lead.get_attribute("src")


def test_an_article_written_without_signal_is_kept_and_sent_when_it_returns(portal, writing, screenshot_dir):
    writing.goto(portal.url(path="/redaksi/taan/tulis/"))
    session = slow_link(writing)
    writing.fill("#id_title", "Jembatan darurat selesai dibangun")
    _type_body(writing, "Warga Dusun Salu menyelesaikan jembatan darurat.")
    signal(session, False)
    writing.wait_for_function("() => !navigator.onLine")
    writing.locator("button[name=action][value=save]").click()
    note = writing.locator("[data-offline-note]")
    note.wait_for(state="visible")
    assert "Tidak ada sinyal" in note.inner_text()
    kept = writing.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('kim:draft:'))")
    assert kept and all(":taan:baru" in key for key in kept)
    writing.screenshot(path=str(screenshot_dir / "newsroom-offline-held-phone.png"))
    signal(session, True)
    send = writing.get_by_role("button", name="Kirim sekarang")
    send.wait_for(timeout=10_000)
    with writing.expect_navigation():
        send.click()
    assert "Draf tersimpan" in writing.content()
    assert "Jembatan darurat selesai dibangun" in writing.content()
    # The server has it: the copy kept on the phone is dropped.
    assert writing.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('kim:draft:'))") == []


def test_a_draft_left_on_the_phone_is_offered_when_the_form_opens_again(portal, writing):
    writing.goto(portal.url(path="/redaksi/taan/tulis/"))
    writing.fill("#id_title", "Tulisan yang belum terkirim")
    writing.locator("#id_title").dispatch_event("input")
    writing.goto(portal.url(path="/redaksi/taan/"))
    writing.goto(portal.url(path="/redaksi/taan/tulis/"))
    offer = writing.get_by_role("button", name="Pakai tulisan itu")
    offer.wait_for(timeout=10_000)
    offer.click()
    assert writing.locator("#id_title").input_value() == "Tulisan yang belum terkirim"
