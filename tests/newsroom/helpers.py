"""What the newsroom's forms send, for the tests."""

from tests.conftest import host

BASE = host()


def story(**changes):
    data = {
        "title": "Kerja bakti di pantai", "photo": "", "photo_caption": "", "photo_alt": "",
        "body": "<p>Warga membersihkan pantai.</p>", "topic": "", "excerpt": "", "publish_at": "",
        "edited_version": "", "action": "save", "form_end": "1",
    }
    data.update(changes)
    return data


def edited(article, **changes):
    return story(**{
        "title": article.title, "body": article.body, "excerpt": article.excerpt,
        "edited_version": article.updated.isoformat(), **changes,
    })


def write_url(village):
    return f"/redaksi/{village.slug}/tulis/"


def article_url(article, suffix=""):
    return f"/redaksi/{article.village.slug}/berita/{article.pk}/{suffix}"
