"""The roles table, walked over HTTP: every action, as every role, in its
own village and another, on articles (and photos) that are live and not,
and where it matters in a village that lets its editors publish.

The expected answer of each case is the table's (villages/roles.py); the
observed one is what the portal did: whether the change happened. A new
action without a way to try it here fails
test_every_action_of_the_table_is_walked; a cell that does not match what
the screens do fails its case."""

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Announcement, Article, Photo, Topic
from exports.models import ExportRun
from harness import images
from imports.models import ImportRun
from tips.models import Tip
from tests.conftest import host
from tests.factories import ArticleFactory, MembershipFactory, UserFactory, VillageFactory
from tests.newsroom.conftest import TusClient
from tests.newsroom.helpers import edited, story
from villagepages.models import Page
from villages import roles
from villages.models import Membership, Village

A = roles.Action
BASE = host()
ROLE_USERS = {
    roles.Role.NONE: None,
    roles.Role.EDITOR: "editor",
    roles.Role.PUBLISHER: "publisher",
    roles.Role.DISTRICT: "district",
    roles.Role.SUPERUSER: "superuser",
}


@dataclass
class Case:
    """One try: `who` acts in their `own` village or another, on something `live` or not."""

    client: object
    village: Village  # the village acted in
    user: object
    live: bool

    def article(self, status="draft", **fields):
        when = timezone.now() - datetime.timedelta(hours=1) if status == "published" else None
        return ArticleFactory(village=self.village, status=status, published_at=when, **fields)

    def photo(self, live):
        photo = Photo.objects.create(village=self.village, folder=f"villages/{self.village.slug}/photos/" + "e" * 32,
                                     width=1200, height=900, widths=[1200], caption="Asli")
        if live:
            self.article("published", photo=photo)
        return photo

    def post(self, path, data=None):
        return self.client.post(path, data or {}, HTTP_HOST=BASE)

    def get(self, path):
        return self.client.get(path, HTTP_HOST=BASE)

    def site_page(self, status="draft"):
        return Page.objects.create(village=self.village, title="Sejarah kampung", body="<p>Asal-usul.</p>", status=status)

    def newsroom(self, article, suffix=""):
        return f"/redaksi/{self.village.slug}/berita/{article.pk}/{suffix}"


def _changed(article, **fields):
    article.refresh_from_db()
    return all(getattr(article, name) == value for name, value in fields.items())


# How each action is tried, and how to tell that it happened. States: a
# live case works on a published (or scheduled) article, the other on a
# draft or one in review, whichever the action starts from.


def try_view(case):
    article = case.article("published" if case.live else "draft", title="Berita untuk dilihat")
    response = case.get(case.newsroom(article))
    return response.status_code == 200 and "Berita untuk dilihat" in response.content.decode()


def try_create(case):
    case.post(f"/redaksi/{case.village.slug}/tulis/", story(title="Berita baru dari luar"))
    return Article.objects.filter(title="Berita baru dari luar", village=case.village).exists()


def try_edit(case):
    article = case.article("published" if case.live else "draft")
    case.post(case.newsroom(article), edited(article, title="Judul diubah"))
    return _changed(article, title="Judul diubah")


def try_submit(case):
    article = case.article("draft")
    case.post(case.newsroom(article), edited(article, action="submit"))
    return _changed(article, status="review")


def try_publish(case):
    article = case.article("review")
    case.post(case.newsroom(article, "tinjau/"), {"action": "publish"})
    return _changed(article, status="published")


def try_schedule(case):
    article = case.article("review")
    later = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    case.post(case.newsroom(article, "tinjau/"), {"action": "schedule", "publish_at": later})
    return _changed(article, status="scheduled")


def try_withdraw(case):
    article = case.article("published")
    case.post(case.newsroom(article, "tarik/"))
    return _changed(article, status="withdrawn")


def try_send_back(case):
    article = case.article("review")
    case.post(case.newsroom(article, "tinjau/"), {"action": "send_back", "note": "Perbaiki judulnya."})
    return _changed(article, status="draft", review_note="Perbaiki judulnya.")


def try_delete(case):
    article = case.article("published" if case.live else "draft")
    case.post(case.newsroom(article, "hapus/"))
    article.refresh_from_db()
    return article.deleted_at is not None


def try_restore_from_trash(case):
    article = case.article("published" if case.live else "draft")
    article.move_to_trash()
    case.post(f"/redaksi/{case.village.slug}/sampah/{article.pk}/pulihkan/")
    article.refresh_from_db()
    return article.deleted_at is None


def try_restore_revision(case):
    article = case.article("published" if case.live else "draft", title="Judul lama")
    revision = article.snapshot(None)
    Article.objects.filter(pk=article.pk).update(title="Judul baru")
    case.post(case.newsroom(article, f"riwayat/{revision.pk}/pulihkan/"))
    return _changed(article, title="Judul lama")


def try_change_photo(case):
    photo = case.photo(live=case.live)
    case.post(f"/redaksi/{case.village.slug}/tulis/", story(photo=photo.pk, photo_caption="Keterangan baru"))
    photo.refresh_from_db()
    return photo.caption == "Keterangan baru"


def try_edit_identity(case):
    """The words through the form, and a logo as the screen sends it: in
    pieces, made into a logo, then named by the form. Both or neither."""
    case.post(f"/redaksi/{case.village.slug}/identitas/", {"accent": "#1d4e89", "tagline": "Slogan dari identitas"})
    case.village.refresh_from_db()
    words = case.village.tagline == "Slogan dari identitas"
    logo = _try_logo(case)
    assert words == logo, f"the words changed: {words}, the logo: {logo}"
    return words


def _try_logo(case):
    tus = TusClient(case.client, case.village.slug)
    data = images.png(300, 200)
    created = tus.create(len(data))
    if created.status_code != 201:
        return False
    tus.patch(created["Location"], 0, data)
    made = tus.finish_image(created["Location"], "logo")
    if made.status_code != 200:
        return False
    case.post(f"/redaksi/{case.village.slug}/identitas/", {"accent": "#1d4e89", "logo": made.json()["id"]})
    case.village.refresh_from_db()
    return bool(case.village.logo)


def _tip(case, **fields):
    return Tip.objects.create(village=case.village, kind="hoaks", message="Pesan warga untuk dibaca redaksi.",
                              sender_name="Ibu Pengirim Rahasia", sender_phone="6281390012345", **fields)


def try_read_tips(case):
    tip = _tip(case)
    response = case.get(f"/redaksi/{case.village.slug}/kotak-masuk/{tip.pk}/")
    return response.status_code == 200 and "Pesan warga untuk dibaca redaksi." in response.content.decode()


def try_see_tip_sender(case):
    tip = _tip(case)
    response = case.get(f"/redaksi/{case.village.slug}/kotak-masuk/{tip.pk}/")
    page = response.content.decode()
    return response.status_code == 200 and "Ibu Pengirim Rahasia" in page and "6281390012345" in page


def try_pass_tip_to_district(case):
    tip = _tip(case)
    case.post(f"/redaksi/{case.village.slug}/kotak-masuk/{tip.pk}/teruskan/")
    tip.refresh_from_db()
    return tip.passed_at is not None


def _page_form(page, **changes):
    return {"title": page.title, "body": page.body, "edited_version": page.updated.isoformat(),
            "action": "save", "form_end": "1", **changes}


def try_create_page(case):
    case.post(f"/redaksi/{case.village.slug}/halaman/baru/", {"title": "Halaman dari luar", "body": "<p>Isi.</p>",
                                                              "action": "save", "form_end": "1"})
    return Page.objects.filter(title="Halaman dari luar", village=case.village).exists()


def try_edit_page(case):
    page = case.site_page("published" if case.live else "draft")
    case.post(f"/redaksi/{case.village.slug}/halaman/{page.pk}/", _page_form(page, title="Judul halaman diubah"))
    page.refresh_from_db()
    return page.title == "Judul halaman diubah"


def try_publish_page(case):
    page = case.site_page("review")
    case.post(f"/redaksi/{case.village.slug}/halaman/{page.pk}/", _page_form(page, action="publish"))
    page.refresh_from_db()
    return page.status == "published"


def try_send_back_page(case):
    page = case.site_page("review")
    case.post(f"/redaksi/{case.village.slug}/halaman/{page.pk}/kembalikan/", {"note": "Lengkapi nama kepala desa."})
    page.refresh_from_db()
    return (page.status, page.review_note) == ("draft", "Lengkapi nama kepala desa.")


def try_delete_page(case):
    page = case.site_page("published" if case.live else "draft")
    case.post(f"/redaksi/{case.village.slug}/halaman/{page.pk}/hapus/")
    page.refresh_from_db()
    return page.deleted_at is not None


def try_restore_page_from_trash(case):
    page = case.site_page("published" if case.live else "draft")
    Page.objects.filter(pk=page.pk).update(deleted_at=timezone.now())
    case.post(f"/redaksi/{case.village.slug}/sampah/halaman/{page.pk}/pulihkan/")
    page.refresh_from_db()
    return page.deleted_at is None


def try_arrange_pages(case):
    first = Page.objects.for_village(case.village).in_menu_order().first()
    case.post(f"/redaksi/{case.village.slug}/halaman/{first.pk}/urutan/", {"arah": "turun"})
    return Page.objects.for_village(case.village).in_menu_order().first() != first


def try_use_admin(case):
    return case.get("/admin/").status_code == 200


def try_read_desk(case):
    return case.get("/admin/meja/").status_code == 200


def try_take_down(case):
    article = case.article("published")
    case.post(f"/admin/meja/berita/{article.pk}/turunkan/", {"reason": "Memuat data pribadi warga."})
    article.refresh_from_db()
    return article.taken_down_at is not None


def try_announce(case):
    case.post("/admin/articles/announcement/add/", {
        "title": "Pengumuman uji", "body": "<p>Isi.</p>", "starts_at_0": "01/11/2026", "starts_at_1": "08:00:00",
        "ends_at_0": "31/12/2030", "ends_at_1": "08:00:00", "audience": "all",
    })
    return Announcement.objects.filter(title="Pengumuman uji").exists()


def try_onboard_village(case):
    case.post("/admin/meja/desa-baru/", {
        "name": "Desa Uji", "kim_name": "KIM Uji", "slug": "desa-uji", "kecamatan": case.village.kecamatan_id,
        "editor_name": "Sari Uji", "editor_email": "sari@uji.test", "editor_role": "publisher",
    })
    return Village.objects.filter(slug="desa-uji").exists()


def try_manage_villages(case):
    village = case.village
    case.post(f"/admin/villages/village/{village.pk}/change/", {
        "name": village.name, "kim_name": "KIM Diubah", "slug": village.slug, "kecamatan": village.kecamatan_id,
        "tagline": "", "description": "", "whatsapp": "", "is_active": "on",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
    })
    village.refresh_from_db()
    return village.kim_name == "KIM Diubah"


def try_manage_topics(case):
    case.post("/admin/articles/topic/add/", {"name": "Topik uji", "slug": "topik-uji", "description": "", "position": "0"})
    return Topic.objects.filter(slug="topik-uji").exists()


def try_manage_members(case):
    """The team screens in the newsroom (publishers and district staff); the
    admin's membership screens stay the district's (tests/newsroom/test_team.py)."""
    case.post(f"/redaksi/{case.village.slug}/tim/undang/", {
        "name": "Pendatang Baru", "email": "pendatang@uji.test", "whatsapp": "", "role": "editor",
    })
    return Membership.objects.filter(user__email="pendatang@uji.test", village=case.village).exists()


def _account_form(user, **fields):
    return {
        "username": user.username, "first_name": user.first_name, "last_name": "", "email": "", "whatsapp": "",
        "is_active": "on", "email_notifications": "on", "date_joined_0": "01/01/2026", "date_joined_1": "00:00:00",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000", **fields,
    }


def try_manage_accounts(case):
    member = UserFactory(username="anggota-lain")
    MembershipFactory(user=member, village=case.village)
    case.post(f"/admin/villages/user/{member.pk}/change/", _account_form(member, first_name="Diganti"))
    member.refresh_from_db()
    return member.first_name == "Diganti"


def try_grant_staff_roles(case):
    member = UserFactory(username="calon-staf")
    case.post(f"/admin/villages/user/{member.pk}/change/", _account_form(member, is_district_staff="on"))
    member.refresh_from_db()
    return member.is_district_staff


def try_manage_two_factor_devices(case):
    owner = UserFactory(username="pemilik-ponsel")
    device = TOTPDevice.objects.create(user=owner, name="ponsel", confirmed=True)
    case.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    return not TOTPDevice.objects.filter(pk=device.pk).exists()


def try_import_site(case):
    feed = (Path(__file__).parent / "imports" / "rss.xml").read_bytes()
    case.client.post("/admin/meja/impor/", {"village": case.village.pk, "export": SimpleUploadedFile("umpan.xml", feed)},
                     HTTP_HOST=BASE)
    run = ImportRun.objects.filter(village=case.village).first()
    if run is not None:
        case.post(f"/admin/meja/impor/{run.pk}/", {"default_topic": ""})
    return ImportRun.objects.filter(village=case.village, state=ImportRun.State.WAITING).exists()


def try_export_site(case):
    """Asked for in the newsroom (the KIM lead's screen, open to district
    staff too); the desk's screen asks the same cell (tests/exports/)."""
    case.post(f"/redaksi/{case.village.slug}/ekspor/", {"format": "zip"})
    return ExportRun.objects.filter(village=case.village).exists()
def try_manage_domains(case):
    case.post("/admin/meja/domain/", {"village": case.village.pk, "domain": "desa-sendiri.id"})
    case.village.refresh_from_db()
    return case.village.domain == "desa-sendiri.id"


TRIES = {
    A.VIEW: try_view, A.CREATE: try_create, A.EDIT: try_edit, A.SUBMIT: try_submit, A.PUBLISH: try_publish,
    A.SCHEDULE: try_schedule, A.WITHDRAW: try_withdraw, A.SEND_BACK: try_send_back, A.DELETE: try_delete,
    A.RESTORE_FROM_TRASH: try_restore_from_trash, A.RESTORE_REVISION: try_restore_revision,
    A.CHANGE_PHOTO: try_change_photo, A.EDIT_IDENTITY: try_edit_identity, A.READ_TIPS: try_read_tips,
    A.SEE_TIP_SENDER: try_see_tip_sender,
    A.PASS_TIP_TO_DISTRICT: try_pass_tip_to_district, A.CREATE_PAGE: try_create_page, A.EDIT_PAGE: try_edit_page,
    A.PUBLISH_PAGE: try_publish_page, A.ARRANGE_PAGES: try_arrange_pages, A.SEND_BACK_PAGE: try_send_back_page,
    A.DELETE_PAGE: try_delete_page, A.RESTORE_PAGE_FROM_TRASH: try_restore_page_from_trash, A.USE_ADMIN: try_use_admin, A.READ_DESK: try_read_desk,
    A.TAKE_DOWN: try_take_down, A.ANNOUNCE: try_announce, A.ONBOARD_VILLAGE: try_onboard_village,
    A.MANAGE_VILLAGES: try_manage_villages, A.MANAGE_TOPICS: try_manage_topics, A.MANAGE_MEMBERS: try_manage_members,
    A.MANAGE_ACCOUNTS: try_manage_accounts, A.GRANT_STAFF_ROLES: try_grant_staff_roles,
    A.MANAGE_TWO_FACTOR_DEVICES: try_manage_two_factor_devices, A.IMPORT_SITE: try_import_site,
    A.EXPORT_SITE: try_export_site,
    A.MANAGE_DOMAINS: try_manage_domains,
}
# Actions whose cell can depend on whether what is acted on is live.
LIVE_MATTERS = {A.VIEW, A.EDIT, A.DELETE, A.RESTORE_FROM_TRASH, A.RESTORE_REVISION, A.CHANGE_PHOTO, A.EDIT_PAGE,
                A.DELETE_PAGE, A.RESTORE_PAGE_FROM_TRASH}


def _cases():
    for action in roles.Action:
        for role in roles.COLUMNS:
            for where in ("own", "other"):
                for live in ((False, True) if action in LIVE_MATTERS else (False,)):
                    for editors_publish in ((False, True) if role == roles.Role.EDITOR and where == "own" else (False,)):
                        yield pytest.param(action, role, where, live, editors_publish,
                                           id=f"{action.value}-{role.value}-{where}{'-live' if live else ''}{'-editors-publish' if editors_publish else ''}")


def test_every_action_of_the_table_is_walked():
    assert set(TRIES) == set(roles.Action) == set(roles.TABLE)


@pytest.mark.parametrize("action, role, where, live, editors_publish", list(_cases()))
def test_the_screens_do_what_the_table_says(client, db, action, role, where, live, editors_publish):
    own = VillageFactory(slug="desa-sendiri", editors_may_publish=editors_publish)
    other = VillageFactory(slug="desa-lain")
    user = None
    if role == roles.Role.EDITOR or role == roles.Role.PUBLISHER:
        user = UserFactory(username=f"{role.value}-{own.slug}")
        MembershipFactory(user=user, village=own, role=role.value)
    elif role == roles.Role.DISTRICT:
        user = UserFactory(username="distrik", is_district_staff=True)
    elif role == roles.Role.SUPERUSER:
        user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    if user is not None:
        user.refresh_from_db()
        client.force_login(user)
    village = own if where == "own" else other
    client.raise_request_exception = False
    expected = _table_says(action, role if where == "own" or role in STAFF else roles.Role.NONE, live, editors_publish)
    happened = TRIES[action](Case(client, village, user, live))
    assert happened == expected, f"{role.value} {'in own' if where == 'own' else 'in another'} village, " \
                                 f"{'live' if live else 'not live'}: table says {expected}, the screens did {happened}"


# Roles that work across villages: in another village they are what they are at home.
STAFF = {roles.Role.DISTRICT, roles.Role.SUPERUSER}


def _table_says(action, role, live, editors_publish):
    """The cell, read straight from the table (not through roles.may), with
    its condition applied: a member acting in another village is nobody there."""
    cell = roles.TABLE[action][roles.COLUMNS.index(role)]
    if cell == roles.UNTIL_LIVE:
        return not live or editors_publish
    if cell == roles.IF_EDITORS_PUBLISH:
        return editors_publish
    return cell


ACTION_NAMES = {
    A.VIEW: "open an article in the newsroom", A.CREATE: "write a new article", A.EDIT: "change an article",
    A.SUBMIT: "submit to the publisher", A.PUBLISH: "publish", A.SCHEDULE: "schedule", A.WITHDRAW: "withdraw",
    A.SEND_BACK: "send back with a note", A.DELETE: "delete (to the trash)", A.RESTORE_FROM_TRASH: "restore from the trash",
    A.RESTORE_REVISION: "restore a revision", A.CHANGE_PHOTO: "change a photo's caption or description",
    A.EDIT_IDENTITY: "change the site's logo, cover, colour and contact",
    A.READ_TIPS: "read residents' messages (the inbox)", A.SEE_TIP_SENDER: "see who sent a message",
    A.PASS_TIP_TO_DISTRICT: "pass a message to the district's fact-check",
    A.CREATE_PAGE: "add a village page", A.EDIT_PAGE: "change a village page or restore its revision",
    A.PUBLISH_PAGE: "publish, hide or show a village page", A.ARRANGE_PAGES: "order the village pages in the menu",
    A.SEND_BACK_PAGE: "send a village page back with a note", A.DELETE_PAGE: "delete a village page (to the trash)",
    A.RESTORE_PAGE_FROM_TRASH: "restore a village page from the trash",
    A.USE_ADMIN: "use the admin", A.READ_DESK: "read the district desk", A.TAKE_DOWN: "take down or restore",
    A.ANNOUNCE: "announce to villages", A.ONBOARD_VILLAGE: "onboard a village", A.MANAGE_VILLAGES: "change villages and kecamatan",
    A.MANAGE_TOPICS: "manage topics", A.MANAGE_MEMBERS: "manage a village's members",
    A.MANAGE_ACCOUNTS: "manage village members' accounts", A.GRANT_STAFF_ROLES: "grant district staff or superuser",
    A.MANAGE_TWO_FACTOR_DEVICES: "remove someone's two-factor device",
    A.IMPORT_SITE: "import an old site, manage its old links",
    A.EXPORT_SITE: "export the village's site (WordPress file or ZIP)",
    A.MANAGE_DOMAINS: "give a village its own domain, check its DNS",
}
CELL_WORDS = {True: "yes", False: "–", roles.UNTIL_LIVE: "until live¹", roles.IF_EDITORS_PUBLISH: "if allowed²"}


def roles_table_markdown():
    head = "| action | anonymous or another village | editor | publisher | district staff | superuser |\n|---|---|---|---|---|---|\n"
    rows = "".join(
        f"| {ACTION_NAMES[action]} | " + " | ".join(CELL_WORDS[cell] for cell in roles.TABLE[action]) + " |\n"
        for action in roles.Action
    )
    return head + rows


def test_the_readme_shows_the_table():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    readme = "\n".join(line.strip() for line in readme.splitlines()) + "\n"
    assert roles_table_markdown() in readme, "README.md: paste tests/test_roles.py's roles_table_markdown() output"
