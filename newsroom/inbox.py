"""The KIM's inbox of residents' messages (/redaksi/<village>/kotak-masuk/).

Every member reads the messages; only publishers (and the district) see who
sent them and may pass one to the district's fact-check desk: the roles
table's READ_TIPS, SEE_TIP_SENDER and PASS_TIP_TO_DISTRICT. Another
village's messages are simply not found (member_view, Tip.for_village).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from newsroom.views import _page, member_view
from tips.models import Tip
from villages import roles
from villages.phones import whatsapp_url

A = roles.Action


def _tip(request, village, pk):
    if not roles.may(request.user, A.READ_TIPS, village):
        raise PermissionDenied("Anda tidak berhak membaca kotak masuk desa ini.")
    return get_object_or_404(Tip.objects.for_village(village), pk=pk)


@member_view
def inbox(request, village):
    if not roles.may(request.user, A.READ_TIPS, village):
        raise PermissionDenied("Anda tidak berhak membaca kotak masuk desa ini.")
    tips = Tip.objects.for_village(village)
    kind = request.GET.get("jenis", "")
    if kind in Tip.Kind.values:
        tips = tips.filter(kind=kind)
    page = Paginator(tips, 30).get_page(request.GET.get("page"))
    return _page(request, "newsroom/inbox.html", village, tab="inbox", page=page, kinds=Tip.Kind.choices, kind=kind,
                 retention_days=settings.KIM_TIP_RETENTION_DAYS)


@member_view
def tip_detail(request, village, pk):
    tip = _tip(request, village, pk)
    user = request.user
    see_sender = roles.may(user, A.SEE_TIP_SENDER, village)
    reply = ""
    if see_sender and tip.sender_phone:
        greeting = f"Halo {tip.sender_name}, " if tip.sender_name else "Halo, "
        reply = whatsapp_url(tip.sender_phone, f"{greeting}ini redaksi {village.kim_name}, tentang pesan Anda "
                                               f"tanggal {timezone.localtime(tip.created):%d-%m-%Y}.")
    response = _page(request, "newsroom/tip.html", village, tab="inbox", tip=tip, see_sender=see_sender,
                     may_pass=roles.may(user, A.PASS_TIP_TO_DISTRICT, village), reply=reply)
    tip.mark_read()
    return response


@member_view
@require_POST
def pass_tip(request, village, pk):
    tip = _tip(request, village, pk)
    if not roles.may(request.user, A.PASS_TIP_TO_DISTRICT, village):
        raise PermissionDenied("Hanya penerbit yang dapat meneruskan pesan ke distrik.")
    if tip.pass_to_district(request.user):
        messages.success(request, "Pesan diteruskan ke meja cek fakta distrik. Staf distrik sudah dikabari.")
    else:
        messages.info(request, "Pesan ini sudah diteruskan ke distrik sebelumnya.")
    return redirect("newsroom:tip", village.slug, tip.pk)
