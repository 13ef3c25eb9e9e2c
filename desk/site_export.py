"""The district desk's exports of a village's site (exports/): choose the
village and the format, the task queue writes the file, download it here."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from desk.views import desk_context, district_view
from exports import runs
from exports.forms import VillageExportForm
from exports.models import ExportRun
from villages import roles


def export(request):
    form = VillageExportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        run = runs.start(form.cleaned_data["village"], request.user, form.cleaned_data["format"])
        messages.success(request, f"Ekspor {run.village.name} ({run.get_format_display()}) sedang dibuat. "
                                  "Muat ulang halaman ini sebentar lagi untuk mengunduhnya.")
        return redirect("desk:export")
    context = desk_context(request, "Ekspor situs desa", form=form, exports=runs.recent(), keep_days=runs.KEEP_DAYS)
    return TemplateResponse(request, "desk/export.html", context, status=400 if form.errors else 200)


export = district_view(export, roles.Action.EXPORT_SITE)


def download(request, run_pk):
    run = get_object_or_404(ExportRun.objects.select_related("village"), pk=run_pk)
    if not roles.may(request.user, roles.Action.EXPORT_SITE, run.village) or not run.is_ready:
        raise Http404("Berkas ekspor ini belum siap atau sudah dihapus.")
    return runs.download(run)


download = district_view(download, roles.Action.EXPORT_SITE)
