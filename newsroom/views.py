"""The newsroom's screens, for a village's editors and publishers (and
district staff, who may work in any village).

Every view below /redaksi/<slug>/ takes the village through `member_view`:
signed in, a member of that active village (or district staff), else 404.
What each person may do there is the roles table's answer
(villages/roles.py), asked through Article.may() and roles.may().
"""

import difflib
import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles import privacy
from articles.html import images_without_alt, plain_text
from articles.models import Article
from articles.views import render_as_readers_see
from newsroom.forms import NoteForm, PreferencesForm, ScheduleForm, StoryForm
from newsroom.models import Notification
from readership.summary import recent_readers
from tips.models import Tip
from villagepages.models import Page
from villages import roles
from villages.models import Village

A = roles.Action
S = Article.Status
LIST_SIZE = 8


def member_view(view):
    """Signed in, then the village from the URL through the user's own
    villages: another village is simply not found."""

    @wraps(view)
    @login_required
    def with_village(request, slug, *args, **kwargs):
        village = get_object_or_404(Village.objects.for_user(request.user).active(), slug=slug)
        if not roles.may(request.user, A.VIEW, village):
            raise Http404("Desa tidak ditemukan.")
        return view(request, village, *args, **kwargs)

    return with_village


def _article(village, pk, queryset=None):
    queryset = Article.objects.alive() if queryset is None else queryset
    return get_object_or_404(queryset.for_village(village).select_related("village", "author", "photo", "topic"), pk=pk)


def draft_key(user, village, item):
    """The key of the copy of a form kept on the phone (newsroom.js): per
    person, village and what is written, an article or a village page."""
    name = f"halaman-{item.pk or 'baru'}" if isinstance(item, Page) else (item.pk or "baru")
    return f"kim:draft:{user.pk}:{village.slug}:{name}"


def drafts_saved(request, *keys):
    """After a save the server confirmed: the copies on the phone to drop
    on the next page."""
    request.session["drafts_saved"] = list(keys)


def _drafts_saved(request):
    """Keys of the copies kept on the phone that the last save made needless."""
    return " ".join(request.session.pop("drafts_saved", []))


def _page(request, template, village=None, status=200, **context):
    """Every newsroom page knows its village, what the user may do there,
    and how many notifications wait."""
    user = request.user
    context.update(
        drafts_saved=_drafts_saved(request),
        village=village,
        unread=Notification.objects.for_user(user).unread().count(),
        tips_unread=Tip.objects.for_village(village).unread().count() if village is not None else 0,
        may_publish=village is not None and roles.may(user, A.PUBLISH, village),
        may_edit_identity=village is not None and roles.may(user, A.EDIT_IDENTITY, village),
        may_manage_team=village is not None and roles.may(user, A.MANAGE_MEMBERS, village),
        may_export_site=village is not None and roles.may(user, A.EXPORT_SITE, village),
        site_url=village.url(request=request) if village else "",
    )
    return render(request, template, context, status=status)


def _only_village(user):
    """The one village of someone in one KIM (most volunteers): the pages
    that belong to no village (notifications, settings, guide) keep its
    menu, so Beranda and Tulis stay one tap away."""
    villages = list(Village.objects.for_user(user).active()[:2])
    return villages[0] if len(villages) == 1 else None


@login_required
def choose_village(request):
    villages = list(Village.objects.for_user(request.user).active().select_related("kecamatan"))
    if len(villages) == 1:
        return redirect("newsroom:home", villages[0].slug)
    return _page(request, "newsroom/choose.html", villages=villages)


# Home: what waits for whom.

BUCKETS = {
    "tinjauan": "Menunggu tinjauan",
    "dikembalikan": "Dikembalikan untuk diperbaiki",
    "draf": "Draf saya",
    "terjadwal": "Terjadwal",
    "terbit": "Sudah terbit",
    "ditarik": "Ditarik dari situs",
    "diturunkan": "Diturunkan distrik",
}


def _bucket(village, user, name):
    """The articles of one bucket of the home screen, newest first."""
    articles = Article.objects.alive().for_village(village).select_related("author", "photo")
    publisher = roles.may(user, A.PUBLISH, village)
    now = timezone.now()
    if name == "tinjauan":
        articles = articles.filter(status=S.REVIEW, taken_down_at__isnull=True)
        return articles if publisher else articles.filter(author=user)
    if name == "dikembalikan":
        articles = articles.filter(status=S.DRAFT, taken_down_at__isnull=True).exclude(review_note="")
        return articles if publisher else articles.filter(author=user)
    if name == "draf":
        return articles.filter(status=S.DRAFT, review_note="", author=user, taken_down_at__isnull=True)
    if name == "ditarik":
        return articles.filter(status=S.WITHDRAWN, taken_down_at__isnull=True)
    if name == "terjadwal":
        return articles.filter(status=S.SCHEDULED, published_at__gt=now, taken_down_at__isnull=True)
    if name == "terbit":
        return articles.published().newest_first()
    if name == "diturunkan":
        return articles.taken_down()
    raise Http404("Daftar tidak dikenal.")


def _order(publisher):
    """For publishers the review queue comes first; for editors, what came back to them."""
    if publisher:
        return ["tinjauan", "dikembalikan", "draf", "terjadwal", "terbit", "ditarik", "diturunkan"]
    return ["dikembalikan", "draf", "tinjauan", "terjadwal", "terbit", "ditarik", "diturunkan"]


@member_view
def home(request, village):
    user = request.user
    name = request.GET.get("daftar")
    if name:  # one bucket in full, paginated
        articles = _bucket(village, user, name).latest_first() if name != "terbit" else _bucket(village, user, name)
        page = Paginator(articles, 20).get_page(request.GET.get("page"))
        return _page(request, "newsroom/list.html", village, page=page, bucket=name, title=BUCKETS[name])
    buckets = []
    for name in _order(roles.may(user, A.PUBLISH, village)):
        articles = _bucket(village, user, name)
        if name != "terbit":
            articles = articles.latest_first()
        shown = list(articles[: LIST_SIZE + 1])
        buckets.append({"name": name, "title": BUCKETS[name], "articles": shown[:LIST_SIZE],
                        "more": len(shown) > LIST_SIZE, "count": articles.count()})
    readers = recent_readers(village, timezone.localdate())
    return _page(request, "newsroom/home.html", village, buckets=buckets, readers=readers, tab="home")


# Writing.


def _action(request):
    action = request.POST.get("action", "save")
    return action if action in ("save", "submit", "publish", "schedule") else "save"


def _take_step(article, user, action, form):
    """Save the article, then take the step the button asked for."""
    if action == "publish":
        article.publish(user)
    elif action == "schedule":
        article.schedule(user, form.cleaned_data["publish_at"])
    elif action == "submit" and article.status != S.REVIEW:
        article.submit(user)
    else:
        article.save()
        article.snapshot(user)


STEP_DONE = {
    "save": "Draf tersimpan.",
    "submit": "Berita diajukan ke penerbit. Anda akan dikabari bila sudah ditinjau.",
    "publish": "Berita sudah terbit.",
    "schedule": "Berita dijadwalkan terbit.",
}
STEP_ACTION = {"save": A.EDIT, "submit": A.SUBMIT, "publish": A.PUBLISH, "schedule": A.SCHEDULE}


def _edit(request, village, article):
    """The form, new or existing; a refused form keeps everything typed."""
    user = request.user
    action = _action(request) if request.method == "POST" else "save"
    form = StoryForm(request.POST or None, instance=article, village=village, user=user, action=action)
    if request.method == "POST" and request.POST.get("form_end") != "1":
        # The last field of the form: without it, the form did not arrive
        # whole (a connection cut mid-send) and nothing of it is saved.
        return _page(request, "newsroom/incomplete.html", village, status=400, article=article)
    if request.method == "POST":
        if article.pk is None:
            article.village, article.author = village, user
        allowed = article.may(user, A.EDIT if article.pk else A.CREATE) and article.may(user, STEP_ACTION[action])
        if not allowed:
            raise PermissionDenied("Anda tidak berhak melakukan ini pada berita ini.")
        if form.is_valid():
            try:
                with transaction.atomic():
                    article = form.save(commit=False)
                    _take_step(article, user, action, form)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                drafts_saved(request, draft_key(user, village, Article(pk=None)), draft_key(user, village, article))
                messages.success(request, STEP_DONE[action])
                if images_without_alt(article.body):
                    messages.warning(request, "Pengingat: foto di dalam isi berita belum punya deskripsi untuk pembaca "
                                              "tunanetra. Ketuk fotonya di editor, lalu tombol ALT.")
                if action != "save":
                    return redirect(reverse("newsroom:article", args=[village.slug, article.pk]) + "?kabari=1")
                return redirect("newsroom:article", village.slug, article.pk)
    return _page(
        request, "newsroom/write.html", village, status=400 if form.errors else 200, tab="write" if article.pk is None else "",
        form=form, article=article, is_new=article.pk is None,
        saves_draft=article.pk is None or article.status in (S.DRAFT, S.WITHDRAWN),
        may_submit=article.may(user, A.SUBMIT), may_publish_this=article.may(user, A.PUBLISH),
        may_schedule=article.may(user, A.SCHEDULE),
        may_withdraw=article.is_live and article.may(user, A.WITHDRAW),
        privacy_patterns=json.dumps(privacy.PATTERNS),
        tell=whatsapp_links(request, article=article) if article.pk else [],
        draft_key=draft_key(user, village, article),
    )


@member_view
def write(request, village):
    if not roles.may(request.user, A.CREATE, village):
        raise PermissionDenied("Anda tidak berhak menulis berita di desa ini.")
    return _edit(request, village, Article(village=village))


@member_view
def article(request, village, pk):
    """An article: a draft opens as the form; one waiting for review, live,
    or taken down opens as readers will see it, with what this person may do
    there (publishers land on the review screen). ?ubah opens the form."""
    article = _article(village, pk)
    user = request.user
    editing = request.method == "POST" or "ubah" in request.GET
    if article.taken_down_at is None and article.may(user, A.EDIT) and (
        editing or article.status in (S.DRAFT, S.WITHDRAWN)
    ):
        return _edit(request, village, article)
    if article.status == S.REVIEW and article.taken_down_at is None and article.may(user, A.PUBLISH):
        return redirect("newsroom:review", village.slug, article.pk)
    if request.method == "POST":
        raise PermissionDenied("Berita yang sudah terbit hanya dapat diubah oleh penerbit.")
    return _as_readers_see(request, village, article, "newsroom/article_view.html")


def _as_readers_see(request, village, article, template, **context):
    user = request.user
    context.update(
        newsroom_url=reverse("newsroom:home", args=[village.slug]),
        article_url=reverse("newsroom:article", args=[village.slug, article.pk]),
        review_url=reverse("newsroom:review", args=[village.slug, article.pk]),
        request_change_url=reverse("newsroom:request_change", args=[village.slug, article.pk]),
        revisions_url=reverse("newsroom:revisions", args=[village.slug, article.pk]),
        may_edit=article.may(user, A.EDIT) and article.taken_down_at is None,
        may_publish_this=article.may(user, A.PUBLISH),
        findings=privacy.findings(article.title, article.body),
        tell=whatsapp_links(request, article=article),
        unread=Notification.objects.for_user(user).unread().count(),
        drafts_saved=_drafts_saved(request),
    )
    context.setdefault("schedule_form", ScheduleForm())
    context.setdefault("note_form", NoteForm())
    return render_as_readers_see(request, article, template, context)


def whatsapp_links(request, **about):
    """After a step, the people just told about it (article= or page=), as
    ready-to-send WhatsApp messages."""
    if "kabari" not in request.GET:
        return []
    recent = Notification.objects.filter(
        actor=request.user, created__gte=timezone.now() - timezone.timedelta(minutes=30), **about
    ).select_related("recipient")
    links = []
    for notification in recent:
        link = notification.whatsapp_link(request)
        if link:
            person = notification.recipient
            links.append({"name": person.get_full_name() or person.username, "url": link})
    return links


@member_view
def review(request, village, pk):
    """The publisher's one screen: the article as readers will see it, and
    publish now, schedule, or send back with a note."""
    article = _article(village, pk)
    user = request.user
    if not article.may(user, A.PUBLISH):
        raise PermissionDenied("Hanya penerbit yang meninjau berita.")
    if article.taken_down_at is not None:
        raise PermissionDenied("Berita ini diturunkan distrik; hanya distrik yang dapat memulihkannya.")
    schedule_form, note_form, status = ScheduleForm(), NoteForm(), 200
    if request.method == "POST":
        step = request.POST.get("action")
        if step == "publish":
            article.publish(user)
            messages.success(request, "Berita sudah terbit.")
            return redirect(reverse("newsroom:article", args=[village.slug, article.pk]) + "?kabari=1")
        if step == "schedule":
            schedule_form = ScheduleForm(request.POST)
            if schedule_form.is_valid():
                article.schedule(user, schedule_form.cleaned_data["publish_at"])
                messages.success(request, "Berita dijadwalkan terbit.")
                return redirect(reverse("newsroom:article", args=[village.slug, article.pk]) + "?kabari=1")
        elif step == "send_back":
            note_form = NoteForm(request.POST)
            if note_form.is_valid():
                article.send_back(user, note_form.cleaned_data["note"])
                messages.success(request, "Berita dikembalikan ke penulis dengan catatan Anda.")
                return redirect(reverse("newsroom:home", args=[village.slug]))
        status = 400
    response = _as_readers_see(
        request, village, article, "newsroom/review.html", schedule_form=schedule_form, note_form=note_form
    )
    response.status_code = status
    return response


@member_view
def preview(request, village, pk):
    return _as_readers_see(request, village, _article(village, pk), "newsroom/article_view.html")


@member_view
@require_POST
def request_change(request, village, pk):
    """An editor asks the publishers to change a live article they may no longer change themselves."""
    article = _article(village, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        response = _as_readers_see(request, village, article, "newsroom/article_view.html", note_form=form)
        response.status_code = 400
        return response
    article.request_change(request.user, form.cleaned_data["note"])
    messages.success(request, "Permintaan perubahan terkirim ke penerbit.")
    return redirect(reverse("newsroom:article", args=[village.slug, article.pk]) + "?kabari=1")


# Trash and revisions.


@member_view
@require_POST
def delete(request, village, pk):
    article = _article(village, pk)
    if not article.may(request.user, A.DELETE):
        raise PermissionDenied("Berita yang sudah terbit hanya dapat dihapus oleh penerbit.")
    article.move_to_trash()
    messages.success(request, f"“{article.title}” dipindahkan ke tempat sampah. Bisa dipulihkan dari sana.")
    return redirect("newsroom:home", village.slug)


@member_view
@require_POST
def withdraw(request, village, pk):
    """Off the site, kept in the newsroom as withdrawn (unlike the trash, it stays in the lists)."""
    article = _article(village, pk)
    if not article.is_live or not article.may(request.user, A.WITHDRAW):
        raise PermissionDenied("Hanya penerbit yang dapat menarik berita yang sudah terbit.")
    article.withdraw(request.user)
    messages.success(request, f"“{article.title}” ditarik dari situs. Bisa diterbitkan lagi dari sini.")
    return redirect("newsroom:article", village.slug, article.pk)


@member_view
def trash(request, village):
    articles = Article.objects.in_trash().for_village(village).select_related("author").order_by("-deleted_at")[:200]
    site_pages = Page.objects.in_trash().for_village(village).order_by("-deleted_at")[:200]
    return _page(request, "newsroom/trash.html", village, articles=articles, site_pages=site_pages)


@member_view
@require_POST
def restore(request, village, pk):
    article = _article(village, pk, Article.objects.in_trash())
    if not article.may(request.user, A.RESTORE_FROM_TRASH):
        raise PermissionDenied("Berita ini akan tampil lagi di situs bila dipulihkan; hanya penerbit yang dapat melakukannya.")
    article.restore_from_trash()
    messages.success(request, f"“{article.title}” dipulihkan dari tempat sampah.")
    return redirect("newsroom:article", village.slug, article.pk)


def _lines(version):
    """An article or a page as lines of readable text, one per paragraph, for comparing."""
    text = plain_text(version.body)
    return [version.title, "", *(line.strip() for line in text.splitlines() if line.strip())]


def revision_diff(chosen, current):
    """A revision beside what the article or page is now, as an HTML table
    of the lines that differ (and two around each); None without a choice."""
    if chosen is None:
        return None
    return difflib.HtmlDiff(wrapcolumn=50).make_table(
        _lines(chosen), _lines(current), "Revisi terpilih", "Sekarang", context=True, numlines=2
    )


@member_view
def revisions(request, village, pk):
    article = _article(village, pk)
    revisions = list(article.revisions.select_related("author")[:50])
    chosen = next((r for r in revisions if str(r.pk) == request.GET.get("rev")), None)
    return _page(request, "newsroom/revisions.html", village, article=article, revisions=revisions, chosen=chosen,
                 diff=revision_diff(chosen, article), may_restore=article.may(request.user, A.RESTORE_REVISION))


@member_view
@require_POST
def restore_revision(request, village, pk, revision_pk):
    article = _article(village, pk)
    if not article.may(request.user, A.RESTORE_REVISION):
        raise PermissionDenied("Berita yang sudah terbit hanya dapat diubah oleh penerbit.")
    revision = get_object_or_404(article.revisions, pk=revision_pk)
    revision.restore(request.user)
    messages.success(request, f"Teks dari revisi {timezone.localtime(revision.created):%d-%m-%Y %H.%M} dipulihkan.")
    return redirect("newsroom:article", village.slug, article.pk)


# The person's own pages.


@login_required
def notifications(request):
    mine = Notification.objects.for_user(request.user).select_related("village", "article", "announcement", "tip", "page")
    page = Paginator(mine, 30).get_page(request.GET.get("page"))
    unread_ids = {n.pk for n in page if n.read_at is None}
    response = _page(request, "newsroom/notifications.html", _only_village(request.user), page=page,
                     unread_ids=unread_ids, tab="notifications")
    Notification.objects.filter(pk__in=unread_ids).mark_read()
    return response


@login_required
def preferences(request):
    user = request.user
    initial = {f: getattr(user, f) for f in ("first_name", "last_name", "whatsapp", "email", "email_notifications")}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        for field, value in form.cleaned_data.items():
            setattr(user, field, value)
        user.save(update_fields=list(form.cleaned_data))
        messages.success(request, "Pengaturan tersimpan.")
        return redirect("newsroom:preferences")
    return _page(request, "newsroom/preferences.html", _only_village(user), form=form,
                 status=400 if form.errors else 200, tab="preferences")


@login_required
def guide(request):
    return _page(request, "newsroom/guide.html", _only_village(request.user), tab="guide")
