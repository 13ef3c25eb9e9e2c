"""Taking the village's site out, for its KIM lead (publishers) and
district staff: /redaksi/<slug>/ekspor/. The file is written by the task
queue (exports/), and downloaded from here when it is ready. Editors are
refused (403), members of another village find nothing (404), as
everywhere under member_view; a run is looked up through the village in
the URL, so another village's exports are simply not found."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from exports import runs
from exports.forms import ExportForm
from exports.models import ExportRun
from newsroom.views import _page, member_view
from villages import roles


def _require_lead(request, village):
    if not roles.may(request.user, roles.Action.EXPORT_SITE, village):
        raise PermissionDenied("Hanya penerbit (ketua KIM) yang dapat mengekspor situs desa.")


@member_view
def export(request, village):
    _require_lead(request, village)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run = runs.start(village, request.user, form.cleaned_data["format"])
        messages.success(request, f"Berkas {run.get_format_display()} sedang dibuat. Muat ulang halaman ini sebentar lagi untuk mengunduhnya.")
        return redirect("newsroom:export", village.slug)
    exports = runs.recent(village)
    return _page(request, "newsroom/export.html", village, status=400 if form.errors else 200, form=form,
                 exports=exports, keep_days=runs.KEEP_DAYS, busy=any(run.state in (ExportRun.State.WAITING, ExportRun.State.RUNNING) for run in exports))


@member_view
def download(request, village, run_pk):
    _require_lead(request, village)
    run = get_object_or_404(ExportRun.objects.filter(village=village).select_related("village"), pk=run_pk)
    if not run.is_ready:
        raise Http404("Berkas ekspor ini belum siap atau sudah dihapus.")
    return runs.download(run)
