"""Walk every URL pattern of the project, on every kind of host, as every
kind of outsider, and prove none of them shows or changes another village's
unpublished work. New URLs are walked automatically."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver

from articles.models import Article, Photo
from exports.models import ExportRun
from newsroom.models import Notification, Upload
from tests.conftest import host
from tests.factories import ArticleFactory, KecamatanFactory, TopicFactory
from tips.models import Tip
from villagepages.models import Page
from villages.models import Membership, Village

SECRET = "RAHASIA-TAAN-7f3c"


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + _text(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + _text(entry.pattern)


def _text(pattern):
    return getattr(pattern, "_route", None) or pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")


def _fill(route, values):
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m.group(1), "1")), route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values.get(m.group(1), "x")), route)
    return "/" + route.replace("\\", "")


@pytest.fixture
def victim(taan, taan_editor):
    topic = TopicFactory(slug="rahasia")
    photo = Photo.objects.create(village=taan, folder="villages/taan/photos/0f0f", width=800, height=600, widths=[800])
    draft = ArticleFactory(
        village=taan, slug="rahasia", title=SECRET, excerpt=SECRET, body=f"<p>{SECRET}</p>",
        status="draft", published_at=None, topic=topic, photo=photo, author=taan_editor,
    )
    # Its author also has news out, so their author page exists and is walked.
    ArticleFactory(village=taan, slug="terbit", title="Sudah terbit", author=taan_editor, topic=topic)
    trashed = ArticleFactory(village=taan, slug="dibuang", title=f"{SECRET}-sampah", status="draft", published_at=None)
    trashed.move_to_trash()
    tip = Tip.objects.create(village=taan, kind="hoaks", message=SECRET, sender_name=SECRET, sender_phone="6281390012345")
    page = Page.objects.create(village=taan, slug="rahasia", title=SECRET, body=f"<p>{SECRET}</p>", status="draft")
    # A page waiting for review (to be sent back) and one in the trash (to be restored).
    waiting = Page.objects.create(village=taan, slug="menunggu", title=f"{SECRET}-tinjau", body=f"<p>{SECRET}</p>",
                                  status="review")
    trashed_page = Page.objects.create(village=taan, slug="dibuang", title=f"{SECRET}-sampah", body=f"<p>{SECRET}</p>")
    Page.objects.filter(pk=trashed_page.pk).update(deleted_at="2026-11-01T00:00:00Z")
    # A finished export of Taan (exports/): its file holds the secret too.
    export = ExportRun.objects.create(village=taan, format="wxr", state="done", stored_name="rahasia.xml")
    export.file_path.parent.mkdir(parents=True, exist_ok=True)
    export.file_path.write_text(f"<rss>{SECRET}</rss>")
    # A logo on its way to Taan's identity, not yet saved with it.
    upload = Upload.objects.create(village=taan, user=taan_editor, length=10, offset=10, purpose="logo",
                                   image={"folder": "villages/taan/photos/" + "a" * 32, "width": 400, "height": 200,
                                          "widths": [400]})
    return {"export": export, "upload": upload, "draft": draft, "trashed": trashed, "photo": photo, "revision": draft.snapshot(taan_editor),
            "tip": tip, "page": page, "page_revision": page.snapshot(taan_editor), "waiting_page": waiting,
            "trashed_page": trashed_page}


def _values(victim, model_path):
    draft = victim["draft"]
    by_model = {
        "articles/article": draft.pk, "articles/photo": victim["photo"].pk, "articles/topic": draft.topic_id,
        "villages/village": draft.village_id, "villages/user": draft.author_id,
        "villages/membership": Membership.objects.filter(village=draft.village).first().pk,
        "villages/kecamatan": draft.village.kecamatan_id,
    }
    return {
        "object_id": by_model.get(model_path, draft.pk), "pk": draft.pk, "revision_pk": victim["revision"].pk,
        "slug": draft.slug, "year": 2026, "month": 11, "app_label": model_path.split("/")[0] or "articles",
        "content_type_id": ContentType.objects.get_for_model(Article).pk, "path": "villages/taan/photos/0f0f/800.jpg",
        "url": "articles/article/", "uidb64": "MQ", "token": "x",
        "page_pk": victim["page"].pk, "page_revision_pk": victim["page_revision"].pk, "run_pk": victim["export"].pk,
        "upload_id": victim["upload"].pk,
    }


def _urls(victim):
    village_hosts = [host("taan"), host("bela"), *OWN_DOMAINS]
    for urlconf, hosts in (("kimportal.urls", [host()]), ("kimportal.urls_village", village_hosts)):
        for route in sorted(set(_patterns(get_resolver(urlconf)))):
            model = "/".join(route.split("/")[1:3]) if route.startswith("admin/") else ""
            values = _values(victim, model)
            if route.startswith("penulis/"):
                values["pk"] = victim["draft"].author_id
            path = _fill(route, values)
            for h in hosts:
                yield h, path
            if route.startswith("redaksi/<slug:slug>/tim/"):
                # The team screens, in the victim's village, on one of its members.
                member = Membership.objects.filter(village=victim["draft"].village).first()
                yield host(), _fill(route, {"slug": "taan", "pk": member.pk})
            elif route.startswith("redaksi/<slug:slug>/"):
                # The newsroom of the victim's own village, and in its inbox the victim's message.
                in_village = {**_values(victim, model), "slug": victim["draft"].village.slug}
                if "kotak-masuk/" in route:
                    in_village["pk"] = victim["tip"].pk
                yield host(), _fill(route, in_village)
            if "<int:page_pk>/" in route:
                # The page waiting for review and the page in the trash, in their own village.
                for name in ("waiting_page", "trashed_page"):
                    yield host(), _fill(route, {**_values(victim, model), "slug": "taan", "page_pk": victim[name].pk})
            if "<path:object_id>/" in route or "<int:pk>/" in route:
                trashed_path = _fill(route, {**_values(victim, model), "object_id": victim["trashed"].pk, "pk": victim["trashed"].pk})
                yield host(), trashed_path


# Bela on its own domain, verified; Taan's own domain added but not verified (every URL 400).
OWN_DOMAINS = ["bela.desa.id", "taan.desa.id"]


@pytest.fixture
def own_domains(victim, bela):
    from django.utils import timezone

    bela.domain, bela.domain_verified = "bela.desa.id", timezone.now()
    bela.save()
    taan = victim["draft"].village
    taan.domain = "taan.desa.id"
    taan.save()


OUTSIDERS = ["anonymous", "bela_editor", "bela_publisher"]


@pytest.mark.usefixtures("own_domains")
@pytest.mark.parametrize("who", OUTSIDERS)
def test_no_url_shows_or_changes_another_villages_unpublished_work(client, victim, who, request, bela):
    KecamatanFactory()
    outsider = None if who == "anonymous" else request.getfixturevalue(who)
    client.raise_request_exception = False
    walked = 0
    for http_host, path in _urls(victim):
        for method in ("get", "post"):
            # The sign-out URLs end the session: the walk goes on as the same outsider.
            if outsider is not None and "_auth_user_id" not in client.session:
                client.force_login(outsider)
            data = {"post": "yes", "title": "DIBAJAK", "status": "published", "village": bela.pk,
                    "role": "publisher", "name": "Penyusup", "email": "penyusup@uji.test"} if method == "post" else {}
            response = getattr(client, method)(path, data, HTTP_HOST=http_host)
            walked += 1
            assert response.status_code < 500, (method, http_host, path, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert SECRET.encode() not in body, (method, http_host, path)
    draft = Article.objects.get(pk=victim["draft"].pk)
    assert (draft.title, draft.status, draft.village.slug, draft.deleted_at, draft.taken_down_at) == (SECRET, "draft", "taan", None, None)
    assert Article.objects.in_trash().filter(pk=victim["trashed"].pk).exists()
    assert Photo.objects.filter(pk=victim["photo"].pk).exists()
    assert list(Tip.objects.values_list("pk", "passed_at")) == [(victim["tip"].pk, None)]
    page = Page.objects.get(pk=victim["page"].pk)
    assert (page.title, page.status, page.village.slug, page.position) == (SECRET, "draft", "taan", victim["page"].position)
    assert page.deleted_at is None
    waiting = Page.objects.get(pk=victim["waiting_page"].pk)
    assert (waiting.status, waiting.review_note, waiting.deleted_at) == ("review", "", None)
    assert Page.objects.in_trash().filter(pk=victim["trashed_page"].pk).exists()
    assert not Notification.objects.filter(page__isnull=False).exists()
    team = set(Membership.objects.filter(village=victim["draft"].village).values_list("user__username", "role"))
    assert team == {("editor-taan", "editor")}
    assert Upload.objects.get(pk=victim["upload"].pk).image["folder"].startswith("villages/taan/")
    assert Village.objects.get(slug="taan").logo == {}
    assert walked > 200


@pytest.mark.usefixtures("own_domains")
def test_district_staff_reach_every_url_without_a_server_error(client, victim, district_staff):
    client.force_login(district_staff)
    client.raise_request_exception = False
    for http_host, path in _urls(victim):
        response = client.get(path, HTTP_HOST=http_host)
        assert response.status_code < 500, (http_host, path, response.status_code)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_the_identity_screen_manifest_and_share_card_of_one_village_are_closed_to_outsiders(client, victim, who, request, bela, taan):
    """The walk above fills every slug with the draft's; these are the same
    URLs with the real village and article: outsiders change nothing and
    learn nothing of Taan's draft or its look."""
    outsider = None if who == "anonymous" else request.getfixturevalue(who)
    if outsider is not None:
        client.force_login(outsider)
    client.raise_request_exception = False
    from articles.identity import card_version

    draft = victim["draft"]
    for method in ("get", "post"):
        data = {"accent": "#1d4e89", "tagline": "DIBAJAK"} if method == "post" else {}
        response = getattr(client, method)("/redaksi/taan/identitas/", data, HTTP_HOST=host())
        assert response.status_code in (302, 403, 404), (method, response.status_code)
        if response.status_code == 302:
            assert "/masuk/" in response["Location"]
        for site in ("taan", "bela"):
            card = getattr(client, method)(f"/berita/{draft.slug}/kartu/{card_version(draft)}.jpg", HTTP_HOST=host(site))
            assert card.status_code in (403, 404, 405), (site, card.status_code)
            assert SECRET.encode() not in card.content
    manifest = client.get("/manifest.webmanifest", HTTP_HOST=host("bela")).content.decode()
    assert "taan" not in manifest.lower()
    taan.refresh_from_db()
    assert taan.tagline != "DIBAJAK" and taan.accent == ""
