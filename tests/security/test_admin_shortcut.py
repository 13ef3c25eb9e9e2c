"""Finding 4: the admin's generic "view on site" route (/admin/r/<type>/<id>/)
answered any signed-in newsroom user for any object with its public URL,
whose slug is the title: other villages' drafts, scheduled, trashed and
taken-down articles. Every object the admin reaches goes through a scoped
queryset; this route, which does not, is gone."""

from django.contrib.contenttypes.models import ContentType

from articles.models import Announcement, Article
from tests.conftest import host
from tests.factories import AnnouncementFactory, ArticleFactory


def test_the_generic_view_on_site_route_is_gone(client, district_staff, taan_editor, bela):
    draft = ArticleFactory(village=bela, title="Rahasia redaksi Bela", slug="rahasia-redaksi-bela", status="draft", published_at=None)
    announcement = AnnouncementFactory()
    for user in (district_staff, taan_editor):
        client.force_login(user)
        for model, pk in ((Article, draft.pk), (Announcement, announcement.pk)):
            url = f"/admin/r/{ContentType.objects.get_for_model(model).pk}/{pk}/"
            response = client.get(url, HTTP_HOST=host())
            assert response.status_code in (302, 404)
            assert "rahasia" not in response.get("Location", "") and "pengumuman" not in response.get("Location", "")


def test_articles_still_link_to_their_page_from_the_admin(client, district_staff, taan_article):
    client.force_login(district_staff)
    page = client.get(f"/admin/articles/article/{taan_article.pk}/change/", HTTP_HOST=host()).content.decode()
    assert 'href="http://taan.localhost/berita/panen-kakao/"' in page
