"""The portal tells nginx's edge of every change (pagecache/edge.py); the
deploy check says when it cannot, behind nginx."""

from pagecache.checks import check_edge_notified

REDIS = {"default": {"BACKEND": "kimportal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}}


def test_deploy_check_warns_behind_nginx_when_no_one_tells_the_edge_of_changes(settings):
    settings.CACHES, settings.KIM_BEHIND_PROXY, settings.KIM_EDGE_NOTIFY = REDIS, True, []
    assert [warning.id for warning in check_edge_notified(None)] == ["kimportal.W002"]


def test_deploy_check_is_quiet_when_the_edge_is_told(settings):
    settings.CACHES, settings.KIM_BEHIND_PROXY = REDIS, True
    settings.KIM_EDGE_NOTIFY = ["http://127.0.0.1:8089/stamps-changed"]
    assert check_edge_notified(None) == []


def _edge_notify_with(**environment):
    import os
    import subprocess
    import sys
    from pathlib import Path

    inherited = {name: value for name, value in os.environ.items() if name != "KIM_EDGE_NOTIFY"}
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "kimportal.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "print(','.join(settings.KIM_EDGE_NOTIFY))"],
        cwd=Path(__file__).resolve().parents[2], env=environment, capture_output=True, text=True, check=True,
    )
    return result.stdout.strip()


def test_behind_a_proxy_the_portal_tells_the_loopback_listener_unless_told_otherwise():
    assert _edge_notify_with(KIM_BEHIND_PROXY="1") == "http://127.0.0.1:8089/stamps-changed"
    assert _edge_notify_with(KIM_BEHIND_PROXY="1", KIM_EDGE_NOTIFY="") == ""
    assert _edge_notify_with(KIM_BEHIND_PROXY="0") == ""
