from tests.conftest import host


def test_healthz_is_ok_when_database_cache_and_media_work(client, db, settings):
    response = client.get("/healthz", HTTP_HOST=host())
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
    assert not list((settings.MEDIA_ROOT / "healthz").glob("*"))


def test_healthz_fails_without_saying_why_when_media_cannot_be_written(client, db, settings, tmp_path):
    not_a_directory = tmp_path / "media"
    not_a_directory.write_text("a file where the media directory should be")
    settings.MEDIA_ROOT = not_a_directory
    response = client.get("/healthz", HTTP_HOST=host())
    assert response.status_code == 503
    assert response.content == b"gagal\n"


def test_healthz_fails_when_the_cache_is_unreachable(client, db, settings):
    settings.CACHES = {
        "default": {"BACKEND": "kimportal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/healthz", HTTP_HOST=host())
    assert response.status_code == 503 and response.content == b"gagal\n"


def test_healthz_is_not_served_on_village_hosts(client, taan):
    assert client.get("/healthz", HTTP_HOST=host("taan")).status_code == 404
