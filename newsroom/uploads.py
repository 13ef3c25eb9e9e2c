"""Photo uploads that survive a dropped connection: the tus protocol (core
and creation), then the one photo pipeline. (Being written.)"""

from django.http import HttpResponse


def create(request, slug):
    return HttpResponse(status=404)


def resource(request, slug, upload_id):
    return HttpResponse(status=404)


def finish(request, slug, upload_id):
    return HttpResponse(status=404)
