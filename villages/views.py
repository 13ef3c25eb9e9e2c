from django.db.models import Prefetch
from django.shortcuts import render

from articles.models import Article
from villages.models import Kecamatan, Village


def about(request):
    count = Article.objects.published().for_village(request.village).count()
    return render(request, "villages/about.html", {"published_count": count})


def directory(request):
    kecamatan = Kecamatan.objects.filter(villages__is_active=True).distinct().prefetch_related(
        Prefetch("villages", queryset=Village.objects.active(), to_attr="active_villages")
    )
    return render(request, "villages/directory.html", {"kecamatan_list": kecamatan})
