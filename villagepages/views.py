"""A village's own pages, as readers see them on its host."""

from django.shortcuts import get_object_or_404, render

from villagepages.models import Page


def page(request, slug):
    page = get_object_or_404(Page.objects.on_site(request.village), slug=slug)
    return render(request, "villagepages/page.html", {"page": page, "canonical_url": page.url(request)})
