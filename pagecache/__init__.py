"""Whole pages for anonymous readers, served from the cache and never stale.

The page cache knows sites and version stamps, nothing of villages or
articles. What it needs from the rest of the portal comes in three ways:

- `request.site` (set by the site middleware above it): `cache_scope`, the
  stamp a site's pages depend on besides the global one, `host`, its host
  name in one normal form (what page keys hold), and `has_sessions`,
  whether a session cookie can mean a signed-in user there;
- `stamps.site_changed()` and `stamps.everything_changed()`, called by the
  apps whose changes show on pages (their signals);
- the `signals.next_change` signal, answered by the apps whose pages change
  by the clock (a scheduled article going live, an announcement ending).

Every cache key the portal builds from stamps comes from `stamps.py`.
"""
