"""The newsroom's screens. (Being written.)"""

from django.http import HttpResponse


def _stub(*args, **kwargs):
    return HttpResponse("Segera.", status=404)


choose_village = notifications = preferences = guide = home = write = article = review = preview = _stub
request_change = delete = revisions = restore_revision = trash = restore = _stub
