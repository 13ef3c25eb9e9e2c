"""The public form on a village site, /kirim-kabar/: no login, no session,
no cookie (tips/guard.py says what stands in for them).

The form page and the thank-you page are the same for every reader and are
cached whole like every village page. A send (POST) is never cached: the page
cache answers only GET and HEAD, and the answer says no-store to anything
in between. A refused send comes back with everything typed, a 4xx and
the reason in Indonesian; the script also keeps the text in the phone's
localStorage until the thank-you page shows.
"""

from django.conf import settings
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from tips import guard
from tips.forms import HONEYPOT, TipForm
from tips.models import Tip

TOO_MANY = ("Terlalu banyak pesan dari jaringan Anda dalam satu jam terakhir. Pesan Anda masih ada di bawah "
            "dan tersimpan di ponsel ini: coba kirim lagi nanti.")
# People never see the honeypot; if their browser filled it in, sending again works.
HONEYPOT_FILLED = "Pesan Anda belum terkirim. Periksa sekali lagi, lalu tekan “Kirim pesan”."
INCOMPLETE = ("Pesan tidak sampai utuh, mungkin sinyal terputus saat mengirim. Periksa pesan Anda di bawah, "
              "lalu tekan “Kirim pesan” sekali lagi.")
OTHER_SITE = "Pesan hanya dapat dikirim dari formulir di situs desa ini. Pesan Anda masih ada di bawah."


def _page(request, form, status=200, refusal="", token=""):
    return render(request, "tips/form.html", {
        "form": form, "refusal": refusal, "token": token, "honeypot": HONEYPOT,
        "retention_days": settings.KIM_TIP_RETENTION_DAYS,
    }, status=status)


# Village hosts have no CSRF cookie (they set no cookie at all): the signed
# token, the Origin check and the rate limit stand in for it (tips/guard.py).
@csrf_exempt
def tip_form(request):
    if request.method in ("GET", "HEAD"):
        return _page(request, TipForm())
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    response = _receive(request)
    add_never_cache_headers(response)
    return response


def _from_this_site(request):
    """Browsers name the page a form was sent from; another site's page may
    not send here in its readers' names."""
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.get_host()}"


def _receive(request):
    village = request.village
    form = TipForm(request.POST)
    fresh = guard.issue(village)
    if not _from_this_site(request):
        return _page(request, form, 403, OTHER_SITE, fresh)
    if not guard.count_send(request):
        return _page(request, form, 429, TOO_MANY, fresh)
    if request.POST.get(HONEYPOT):
        return _page(request, form, 400, HONEYPOT_FILLED, fresh)
    if request.POST.get("form_end") != "1":
        # The last field of the form: without it, the send was cut short.
        return _page(request, form, 400, INCOMPLETE, fresh)
    refusal = ""
    try:
        guard.check(request.POST.get("token", ""), village)
    except guard.Refused as refused:
        refusal = refused.message
    if not form.is_valid() or refusal:
        return _page(request, form, 400, refusal or "Pesan Anda belum terkirim. Periksa bagian yang ditandai.", fresh)
    Tip.receive(village, **form.cleaned_data)
    return redirect("tips:sent")


@require_safe
def token(request):
    """A fresh form token for this village; never cached anywhere."""
    response = JsonResponse({"token": guard.issue(request.village)})
    add_never_cache_headers(response)
    return response


@require_safe
def sent(request):
    return render(request, "tips/sent.html", {"retention_days": settings.KIM_TIP_RETENTION_DAYS})
