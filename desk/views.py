"""The district desk: every village's articles in one stream, moderation,
the activity of each KIM, onboarding a new KIM and the audit log.

Every view is wrapped by `district_view`: anonymous visitors are sent to
the login page (so 2FA and lockouts apply), and anyone the roles table does
not let read the desk gets 403.
"""

import csv
from functools import wraps

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from accounts import invitations
from articles.models import Article
from desk.activity import WeeklyChart, is_new, is_quiet, village_activity, with_activity
from desk.forms import (
    ActivityOptions, DomainForm, FeedFilter, ImportMappingForm, ImportStartForm, NewDomainForm, NewVillageForm, ReasonForm,
)
from imports import runs, sources
from imports.importer import Options, import_export
from imports.models import ImportRun
from tips import rumours
from tips.models import Tip
from villages import domains, roles
from villages.models import AuditEntry, Village

FEED_PER_PAGE = 50
RUMOURS_READ = 500  # passed reports grouped on one screen, newest first


def district_view(view, action=roles.Action.READ_DESK):
    """Admin login required, then the roles table decides."""

    @wraps(view)
    def only_district(request, *args, **kwargs):
        if not roles.may(request.user, action):
            raise PermissionDenied("Halaman ini hanya untuk staf distrik.")
        return view(request, *args, **kwargs)

    return admin.site.admin_view(only_district)


def desk_context(request, title, **context):
    return {**admin.site.each_context(request), "title": title, **context}


@district_view
def feed(request):
    form = FeedFilter(request.GET)
    if not form.is_valid():
        context = desk_context(request, "Umpan berita semua desa", form=form, page=None)
        return TemplateResponse(request, "desk/feed.html", context, status=400)
    paginator = Paginator(form.articles(), FEED_PER_PAGE)
    paginator.count, scheduled_count = form.counts()
    page = paginator.get_page(request.GET.get("page"))
    # The two parts of the feed, as links that keep the other filters.
    others = request.GET.copy()
    for name in ("status", "page"):
        others.pop(name, None)
    context = desk_context(
        request, "Umpan berita semua desa", form=form, page=page, scheduled=form.showing_scheduled,
        scheduled_count=scheduled_count, others=others.urlencode(),
    )
    return TemplateResponse(request, "desk/feed.html", context)


def moderate(request, pk, action):
    """Take an article down from every public page, or put it back; both need a reason."""
    article = get_object_or_404(Article.objects.alive().select_related("village"), pk=pk)
    taking_down = action == "take_down"
    form = ReasonForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if taking_down and article.taken_down_at is None:
            article.take_down(request.user, reason)
            messages.success(request, f"“{article.title}” diturunkan dari situs publik.")
        elif not taking_down and article.taken_down_at is not None:
            article.restore_after_takedown(request.user, reason)
            messages.success(request, f"“{article.title}” dipulihkan.")
        else:
            messages.info(request, "Tidak ada yang berubah: berita sudah dalam keadaan itu.")
        return redirect(_safe_next(request, form.cleaned_data["next"]))
    title = "Turunkan berita" if taking_down else "Pulihkan berita"
    context = desk_context(request, title, article=article, form=form, taking_down=taking_down)
    return TemplateResponse(request, "desk/moderate.html", context, status=400 if request.method == "POST" else 200)


moderate = district_view(moderate, roles.Action.TAKE_DOWN)


def _safe_next(request, url):
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return "desk:feed"


@district_view
def activity(request):
    options = ActivityOptions(request.GET)
    if request.GET and not options.is_valid():
        context = desk_context(request, "Aktivitas KIM", options=options, quiet_days=settings.KIM_QUIET_DAYS)
        return TemplateResponse(request, "desk/activity.html", context, status=400)
    now = timezone.now()
    villages = village_activity(options.quiet_days, now)
    context = desk_context(
        request,
        "Aktivitas KIM",
        options=options,
        villages=villages,
        quiet_days=options.quiet_days,
        quiet_count=sum(v.quiet for v in villages),
        grace_days=settings.KIM_NEW_VILLAGE_GRACE_DAYS,
        chart=WeeklyChart.of_articles(Article.objects.on_site(), timezone.localdate(now)),
    )
    return TemplateResponse(request, "desk/activity.html", context)


@district_view
def activity_village(request, slug):
    village = get_object_or_404(with_activity(Village.objects.select_related("kecamatan")), slug=slug)
    village.quiet = is_quiet(village, settings.KIM_QUIET_DAYS)
    village.new = is_new(village)
    recent = Article.objects.alive().for_village(village).select_related("author").latest_first()[:10]
    context = desk_context(
        request,
        f"Aktivitas {village.kim_name}",
        village=village,
        recent=recent,
        chart=WeeklyChart.of_articles(Article.objects.published().for_village(village), timezone.localdate()),
    )
    return TemplateResponse(request, "desk/activity_village.html", context)


def _cell(value):
    """Spreadsheets run cells starting with = + - @ as formulas; quote them."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@district_view
def activity_csv(request):
    options = ActivityOptions(request.GET)
    if request.GET and not options.is_valid():
        return HttpResponse("Jumlah hari sepi harus angka 1 sampai 365.", status=400, content_type="text/plain; charset=utf-8")
    now = timezone.now()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aktivitas-kim-{timezone.localdate(now):%Y-%m-%d}.csv"'
    # The byte-order mark tells Excel the file is UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([
        "desa", "kim", "kecamatan", "subdomain", "aktif", "terbit_30_hari", "terbit_90_hari",
        "terakhir_terbit", "anggota", "editor_aktif_90_hari", f"sepi_{options.quiet_days}_hari",
    ])
    for v in village_activity(options.quiet_days, now):
        last = timezone.localtime(v.last_published).strftime("%Y-%m-%d %H:%M") if v.last_published else ""
        writer.writerow([_cell(x) for x in (
            v.name, v.kim_name, v.kecamatan.name, v.slug, "ya" if v.is_active else "tidak",
            v.published_30, v.published_90, last, v.members, v.active_editors, "ya" if v.quiet else "tidak",
        )])
    return response


@district_view
def audit_log(request):
    entries = AuditEntry.objects.select_related("village")
    action = request.GET.get("tindakan", "")
    if action in AuditEntry.Action.values:
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = desk_context(request, "Log audit", page=page, actions=AuditEntry.Action.choices, action=action)
    return TemplateResponse(request, "desk/audit_log.html", context)


def add_village(request):
    form = NewVillageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        village, editor = form.save_for(request.user)
        site = village.url(request=request)
        invitation = invitations.send(
            request, editor,
            subject=f"Akun redaksi {village.kim_name} di Portal KIM",
            news=f"{settings.KIM_DISTRICT_OFFICE} telah membuat situs {site} untuk {village.kim_name}.",
            short_news=f"situs {village.kim_name} sudah dibuat: {site}",
            with_link=True,
        )
        context = desk_context(
            request, f"{village.name} ditambahkan", village=village, editor=editor, link=invitation.link,
            emailed=invitation.emailed, link_days=invitation.days, whatsapp_link=invitation.whatsapp_link,
        )
        return TemplateResponse(request, "desk/village_added.html", context)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "desk/add_village.html", desk_context(request, "Tambah desa KIM", form=form), status=status)


add_village = district_view(add_village, roles.Action.ONBOARD_VILLAGE)


@district_view
def fact_check(request):
    """Reports of suspected hoaxes that KIM publishers passed on, the same
    rumour from several villages together (tips/rumours.py says how)."""
    reports = Tip.objects.passed_to_district().select_related("village__kecamatan").order_by("-passed_at")[:RUMOURS_READ]
    groups = [
        {"reports": sorted(g, key=lambda tip: tip.created, reverse=True), "villages": sorted({t.village.name for t in g})}
        for g in rumours.group(reports)
    ]
    context = desk_context(
        request, "Cek fakta: laporan dari desa", groups=groups, see_sender=roles.may(request.user, roles.Action.SEE_TIP_SENDER),
        retention_days=settings.KIM_TIP_RETENTION_DAYS,
    )
    return TemplateResponse(request, "desk/fact_check.html", context)


def import_site(request):
    """Moving an old site in, step one: the village and the export (or a feed)."""
    form = ImportStartForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        run = runs.start(form.cleaned_data["village"], request.user, form.data_bytes, form.file_name)
        return redirect("desk:import_run", pk=run.pk)
    recent = ImportRun.objects.select_related("village")[:10]
    context = desk_context(request, "Impor situs lama", form=form, recent=recent)
    return TemplateResponse(request, "desk/import_start.html", context, status=400 if request.method == "POST" else 200)


import_site = district_view(import_site, roles.Action.IMPORT_SITE)


def import_run(request, pk):
    """Step two: what was found, topics and authors to choose, then the
    import is queued; afterwards, its report."""
    run = get_object_or_404(ImportRun.objects.select_related("village"), pk=pk)
    title = f"Impor ke {run.village.name}"
    if run.state != ImportRun.State.PREVIEW:
        context = desk_context(request, title, run=run, report=runs.report_of(run), error=run.report.get("error"))
        return TemplateResponse(request, "desk/import_run.html", context)
    try:
        export = sources.read(run.read())
    except OSError:
        run.delete()
        messages.error(request, "Berkas impor ini sudah tidak ada. Unggah lagi.")
        return redirect("desk:import_site")
    form = ImportMappingForm(request.POST or None, export=export, village=run.village)
    if request.method == "POST" and form.is_valid():
        runs.confirm(run, **form.choices())
        messages.success(request, "Impor dimasukkan ke antrean. Halaman ini menampilkan laporannya setelah selesai.")
        return redirect("desk:import_run", pk=run.pk)
    statuses = [(Article.Status(status).label, count) for status, count in sorted(export.statuses().items())]
    plan = import_export(export, Options(village=run.village, dry_run=True))
    context = desk_context(request, title, run=run, export=export, statuses=statuses, form=form, plan=plan)
    return TemplateResponse(request, "desk/import_preview.html", context, status=400 if request.method == "POST" else 200)


import_run = district_view(import_run, roles.Action.IMPORT_SITE)


def own_domains(request):
    """Villages' own domains: each with its state, and a new one to add."""
    form = NewDomainForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        village = form.cleaned_data["village"]
        try:
            village.set_domain(request.user, form.cleaned_data["domain"])
        except ValidationError as error:
            form.add_error("domain", error)
        else:
            messages.success(request, f"Domain {village.domain_readable} dipasang untuk {village.name}. "
                                      "Pasang catatan DNS di bawah ini, lalu tekan “Periksa DNS”.")
            return redirect("desk:own_domain", slug=village.slug)
    villages = Village.objects.for_user(request.user).filter(domain__isnull=False).order_by("domain")
    context = desk_context(request, "Domain sendiri desa", form=form, villages=villages, base_domain=settings.KIM_BASE_DOMAIN)
    return TemplateResponse(request, "desk/own_domains.html", context, status=400 if request.method == "POST" else 200)


own_domains = district_view(own_domains, roles.Action.MANAGE_DOMAINS)


def own_domain(request, slug):
    """One village's own domain: the DNS records to set, "Periksa DNS", a
    new name, or none."""
    village = get_object_or_404(Village.objects.for_user(request.user), slug=slug)
    form = DomainForm(initial={"domain": village.domain_readable}, village=village)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "check" and village.domain:
            result = village.check_domain(request.user)
            (messages.success if result.points_here else messages.error)(request, result.message)
            return redirect("desk:own_domain", slug=village.slug)
        if action == "remove" and village.domain:
            name = village.domain_readable
            village.set_domain(request.user, "")
            messages.success(request, f"Domain {name} dilepas. Situs {village.name} kembali di {village.subdomain}.")
            return redirect("desk:own_domains")
        if action == "save":
            form = DomainForm(request.POST, village=village)
            if form.is_valid():
                try:
                    changed = village.set_domain(request.user, form.cleaned_data["domain"])
                except ValidationError as error:
                    form.add_error("domain", error)
                else:
                    if changed:
                        messages.success(request, f"Domain diganti menjadi {village.domain_readable}. Periksa DNS-nya lagi.")
                    return redirect("desk:own_domain", slug=village.slug)
        status = 400
    context = desk_context(
        request, f"Domain sendiri {village.name}", village=village, form=form,
        records=domains.records(village) if village.domain else [],
    )
    return TemplateResponse(request, "desk/own_domain.html", context, status=status)


own_domain = district_view(own_domain, roles.Action.MANAGE_DOMAINS)
