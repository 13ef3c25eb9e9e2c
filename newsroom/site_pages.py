"""The newsroom's screens for a village's own pages (villagepages/): the
list in menu order, with up and down buttons and hide or show; the editor
(the articles' rich-text widget and their copy kept on the phone); sending
back with a note; the trash; a preview as readers will see it; the
revisions. What each person may do is the roles table's answer, asked
through Page.may() and roles.may(); every view takes the village through
`member_view`, so another village's page is simply not found."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse, set_urlconf
from django.utils import timezone
from django.views.decorators.http import require_POST

from newsroom.forms import NoteForm, PageForm
from newsroom.views import _page, draft_key, drafts_saved, member_view, revision_diff, whatsapp_links
from villagepages.models import Page
from villagepages.starters import HINTS
from villages import roles

A = roles.Action
STEPS = ("save", "submit", "publish")
STEP_DONE = {
    "save": "Halaman tersimpan.",
    "submit": "Halaman diajukan ke penerbit untuk diterbitkan.",
    "publish": "Halaman sudah terbit dan tampil di situs desa.",
}
MOVES = {"naik": -1, "turun": 1}


def _site_page(village, pk, queryset=None):
    queryset = Page.objects.alive() if queryset is None else queryset
    return get_object_or_404(queryset.for_village(village), pk=pk)


def _list_url(village, page=None):
    return reverse("newsroom:pages", args=[village.slug]) + (f"#halaman-{page.pk}" if page else "")


def _list(request, village, status=200):
    user = request.user
    return _page(
        request, "newsroom/pages.html", village, status=status, tab="pages",
        site_pages=list(Page.objects.alive().for_village(village).in_menu_order()),
        may_create=roles.may(user, A.CREATE_PAGE, village),
        may_arrange=roles.may(user, A.ARRANGE_PAGES, village),
        may_show=roles.may(user, A.PUBLISH_PAGE, village),
    )


@member_view
def page_list(request, village):
    return _list(request, village)


def _editor(request, village, page, form, status=200, incomplete=False, note_form=None):
    """The page editor: the form, the publisher's note, and what this person may do here."""
    user = request.user
    return _page(
        request, "newsroom/page_edit.html", village, status=status, tab="pages",
        form=form, site_page=page, is_new=page.pk is None, incomplete=incomplete, hint=HINTS.get(page.slug, ""),
        saves_draft=not page.is_live, may_submit=True, may_publish_this=page.may(user, A.PUBLISH_PAGE),
        may_show=page.pk is not None and page.is_live and page.may(user, A.PUBLISH_PAGE),
        may_send_back=page.status == Page.Status.REVIEW and page.may(user, A.SEND_BACK_PAGE),
        may_delete=page.pk is not None and page.may(user, A.DELETE_PAGE),
        note_form=note_form or NoteForm(), draft_key=draft_key(user, village, page),
        tell=whatsapp_links(request, page=page) if page.pk else [],
    )


def _edit(request, village, page):
    """The form, new or existing; a refused form keeps everything typed (and
    the phone keeps a copy until the server has it, newsroom.js)."""
    user = request.user
    step = request.POST.get("action", "save") if request.method == "POST" else "save"
    step = step if step in STEPS else "save"
    incomplete = request.method == "POST" and request.POST.get("form_end") != "1"
    bound = request.method == "POST" and not incomplete
    form = PageForm(request.POST if bound else None, instance=page, village=village, user=user, action=step)
    if bound:
        allowed = page.may(user, A.EDIT_PAGE if page.pk else A.CREATE_PAGE)
        if not allowed or (step == "publish" and not page.may(user, A.PUBLISH_PAGE)):
            raise PermissionDenied("Anda tidak berhak melakukan ini pada halaman ini.")
        if form.is_valid():
            try:
                page = form.save(commit=False)
                page.save_by(user, step)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                drafts_saved(request, draft_key(user, village, Page()), draft_key(user, village, page))
                messages.success(request, STEP_DONE[step])
                return redirect(reverse("newsroom:page", args=[village.slug, page.pk]) + ("?kabari=1" if step != "save" else ""))
    return _editor(request, village, page, form, status=400 if form.errors or incomplete else 200, incomplete=incomplete)


@member_view
def page_new(request, village):
    if not roles.may(request.user, A.CREATE_PAGE, village):
        raise PermissionDenied("Anda tidak berhak menambah halaman di desa ini.")
    return _edit(request, village, Page(village=village))


@member_view
def page_edit(request, village, page_pk):
    """A page opens as the form for whoever may change it; as what it says
    for an editor once it is live (only a publisher may change it then)."""
    page = _site_page(village, page_pk)
    if page.may(request.user, A.EDIT_PAGE):
        return _edit(request, village, page)
    if request.method == "POST":
        raise PermissionDenied("Halaman yang sudah terbit hanya dapat diubah oleh penerbit.")
    return _page(request, "newsroom/page_view.html", village, tab="pages", site_page=page,
                 tell=whatsapp_links(request, page=page))


@member_view
@require_POST
def page_send_back(request, village, page_pk):
    """A publisher returns a page waiting for review to whoever wrote it, with a note."""
    page = _site_page(village, page_pk)
    if not page.may(request.user, A.SEND_BACK_PAGE):
        raise PermissionDenied("Hanya penerbit yang dapat mengembalikan halaman.")
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            page.send_back(request.user, form.cleaned_data["note"])
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, "Halaman dikembalikan ke penulis dengan catatan Anda.")
            return redirect(reverse("newsroom:page", args=[village.slug, page.pk]) + "?kabari=1")
    editing = PageForm(instance=page, village=village, user=request.user)
    return _editor(request, village, page, editing, status=400, note_form=form)


@member_view
@require_POST
def page_delete(request, village, page_pk):
    page = _site_page(village, page_pk)
    if not page.may(request.user, A.DELETE_PAGE):
        raise PermissionDenied("Halaman yang sudah terbit hanya dapat dihapus oleh penerbit.")
    page.move_to_trash(request.user)
    messages.success(request, f"“{page.title}” dipindahkan ke tempat sampah. Bisa dipulihkan dari sana.")
    return redirect("newsroom:pages", village.slug)


@member_view
@require_POST
def page_restore(request, village, page_pk):
    page = _site_page(village, page_pk, Page.objects.in_trash())
    if not page.may(request.user, A.RESTORE_PAGE_FROM_TRASH):
        raise PermissionDenied("Halaman ini akan tampil lagi di situs bila dipulihkan; hanya penerbit yang dapat melakukannya.")
    page.restore_from_trash(request.user)
    messages.success(request, f"“{page.title}” dipulihkan dari tempat sampah.")
    return redirect("newsroom:page", village.slug, page.pk)


@member_view
def page_preview(request, village, page_pk):
    """The page with the village site's own template, menu and URLs, as
    readers will see it once published. Never cached, never indexed."""
    page = _site_page(village, page_pk)
    request.village = village
    set_urlconf("kimportal.urls_village")
    try:
        response = TemplateResponse(request, "villagepages/page.html", {"page": page, "preview": True})
        response.render()
    finally:
        set_urlconf(None)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


@member_view
@require_POST
def page_move(request, village, page_pk):
    page = _site_page(village, page_pk)
    step = MOVES.get(request.POST.get("arah"))
    if step is None:
        messages.error(request, "Arah tidak dikenal: pilih Naik atau Turun.")
        return _list(request, village, status=400)
    page.move(request.user, step)
    return redirect(_list_url(village, page))


@member_view
@require_POST
def page_visibility(request, village, page_pk):
    page = _site_page(village, page_pk)
    shown = {"1": True, "0": False}.get(request.POST.get("tampil"))
    if shown is None:
        messages.error(request, "Pilihan tidak dikenal: Tampilkan atau Sembunyikan.")
        return _list(request, village, status=400)
    page.show(request.user, shown)
    messages.success(request, f"“{page.title}” {'tampil lagi' if shown else 'disembunyikan dari'} di situs desa.")
    return redirect(_list_url(village, page))


@member_view
def page_revisions(request, village, page_pk):
    page = _site_page(village, page_pk)
    revisions = list(page.revisions.select_related("author")[:50])
    chosen = next((r for r in revisions if str(r.pk) == request.GET.get("rev")), None)
    return _page(request, "newsroom/page_revisions.html", village, tab="pages", site_page=page, revisions=revisions,
                 chosen=chosen, diff=revision_diff(chosen, page), may_restore=page.may(request.user, A.EDIT_PAGE))


@member_view
@require_POST
def page_restore_revision(request, village, page_pk, page_revision_pk):
    page = _site_page(village, page_pk)
    if not page.may(request.user, A.EDIT_PAGE):
        raise PermissionDenied("Halaman yang sudah terbit hanya dapat diubah oleh penerbit.")
    revision = get_object_or_404(page.revisions, pk=page_revision_pk)
    revision.restore(request.user)
    messages.success(request, f"Teks dari revisi {timezone.localtime(revision.created):%d-%m-%Y %H.%M} dipulihkan.")
    return redirect("newsroom:page", village.slug, page.pk)
