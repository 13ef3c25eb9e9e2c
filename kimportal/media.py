import posixpath

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve


# District announcements' attachments (PDFs, images) are served from the
# base domain, the admin's own origin: they always download, and should a
# browser render one anyway, it runs in a sandbox with no script.
ATTACHMENTS = "district/"
ATTACHMENT_POLICY = "sandbox; default-src 'none'"


def serve_media(request, path):
    """Uploads, served by Django on a single machine (nginx takes over in
    production with KIM_SERVE_MEDIA=0, under the same rules). A village host
    serves only its own village's files; SecurityMiddleware adds nosniff."""
    path = posixpath.normpath(path).lstrip("/")
    village = getattr(request, "village", None)
    if village is not None and not path.startswith(f"villages/{village.slug}/"):
        raise Http404("Berkas tidak ditemukan.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if path.startswith(ATTACHMENTS):
        response["Content-Disposition"] = f'attachment; filename="{posixpath.basename(path)}"'
        response["Content-Security-Policy"] = ATTACHMENT_POLICY
    return response


def media_urlpatterns():
    if not settings.KIM_SERVE_MEDIA:
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_media, name="media")]
