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
