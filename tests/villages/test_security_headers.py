import pytest

from tests.conftest import host


@pytest.mark.parametrize("site,path", [("taan", "/"), ("taan", "/berita/panen-kakao/"), ("", "/"), ("", "/admin/login/")])
def test_every_host_sends_a_strict_content_security_policy(client, taan_article, site, path):
    response = client.get(path, HTTP_HOST=host(site))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
