import pytest

from tests.conftest import host


@pytest.mark.parametrize("site,path", [("taan", "/"), ("taan", "/berita/panen-kakao/"), ("", "/"), ("", "/masuk/")])
def test_every_host_sends_a_strict_content_security_policy(client, taan_article, site, path):
    response = client.get(path, HTTP_HOST=host(site))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_deploy_checks_are_clean_with_production_settings():
    import os
    import secrets
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "KIM_URL_SCHEME": "https",
        "KIM_BASE_DOMAIN": "kim.mamujukab.go.id",
        "CACHE_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr


def test_deploy_checks_warn_about_a_per_process_cache():
    import os
    import secrets
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "CACHE_URL": "locmem://"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
    )
    assert "kimportal.W001" in result.stderr + result.stdout


def test_https_deployments_send_hsts_and_redirect_http(client, taan, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get("/", HTTP_HOST=host("taan"))
    assert plain.status_code == 301 and plain["Location"] == "https://taan.localhost/"
    secure = client.get("/", HTTP_HOST=host("taan"), HTTP_X_FORWARDED_PROTO="https")
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")
