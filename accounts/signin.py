"""Signing in and out of the newsroom, on the base domain (/masuk/, /keluar/).

Step one asks for the username and password with Django's
AuthenticationForm, so django-axes counts every wrong password and refuses
a locked username and address pair, as anywhere else. Someone without an
authenticator is signed in there. Someone with one is not yet: their id
waits in the session (`PENDING`, for `PENDING_SECONDS`) and step two
(/masuk/kode/) asks for the 6-digit code only. A wrong code is a failed
login for axes exactly like a wrong password; django-otp slows down
repeated failures and takes each code once.

Then: the page they were on their way to when it is safe, else their
role's home (accounts/landing.py); district staff whom the district
requires to use a code and who have none go to enrolment first.

Signing out is a POST (a GET asks first) and sends Clear-Site-Data:
"storage", so on a shared phone the next person finds none of this
person's drafts or half-sent photos in the browser's storage.

The admin's own login and logout URLs lead here (`admin_login`,
`admin_logout`, wired in kimportal/urls.py).
"""

import time

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts import twofactor
from accounts.landing import after_sign_in, home_url, safe_next

PENDING = "signin_pending"
PENDING_SECONDS = 5 * 60


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Periksa huruf besar dan kecil, lalu coba lagi.",
        "inactive": "Akun ini tidak aktif. Hubungi ketua KIM atau staf distrik.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username, password = self.fields["username"], self.fields["password"]
        username.label, password.label = "Nama pengguna", "Kata sandi"
        username.error_messages["required"] = "Isi nama pengguna Anda."
        password.error_messages["required"] = "Isi kata sandi Anda."
        username.widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}
        )
        password.widget.attrs["autocomplete"] = "current-password"


def _next(request):
    return request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""


def _finish(request, user, next_url, device=None):
    auth_login(request, user)
    if device is not None:
        django_otp.login(request, device)  # this session is verified by that code
    elif twofactor.two_factor_required(user):
        return redirect("accounts:twofactor")
    return redirect(after_sign_in(request, user, next_url))


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login(request):
    """Step one: username and password."""
    next_url = safe_next(request, _next(request))
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = form.get_user()
        device = twofactor.confirmed_device(user)
        if device is None:
            return _finish(request, user, next_url)
        # Not signed in yet: only the code finishes it.
        request.session.cycle_key()
        request.session[PENDING] = {
            "user": user.pk, "backend": user.backend, "next": next_url, "until": time.time() + PENDING_SECONDS,
        }
        return redirect("accounts:login_code")
    return TemplateResponse(request, "accounts/login.html", {
        "form": form, "next": next_url, "home_url": home_url(request.user) if request.user.is_authenticated else "",
    }, status=400 if form.is_bound else 200)


def _pending_user(request):
    """The user who gave the right password in the last few minutes, else None."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or not isinstance(pending.get("user"), int):
        return None
    if not isinstance(pending.get("until"), float) or pending["until"] < time.time():
        return None
    if pending.get("backend") not in settings.AUTHENTICATION_BACKENDS:
        return None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login_code(request):
    """Step two, for those with an authenticator: the 6-digit code."""
    user = _pending_user(request)
    device = twofactor.confirmed_device(user) if user is not None else None
    if device is None:
        if PENDING in request.session:
            del request.session[PENDING]
            messages.info(request, "Waktu memasukkan kode sudah habis. Masuk lagi dengan nama pengguna dan kata sandi.")
        return redirect("accounts:login")

    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        del request.session[PENDING]
        return get_lockout_response(request, None, credentials)

    form = twofactor.CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", twofactor.SLOW_DOWN)
        else:
            verified = twofactor.verify(user, device, form.cleaned_data["code"])
            if verified is not None:
                next_url = request.session.pop(PENDING).get("next", "")
                return _finish(request, user, next_url, verified)
            form.add_error("code", twofactor.WRONG_CODE)
        # A wrong code is a failed login, as a wrong password is: after the
        # limit axes locks the username and address pair (AxesMiddleware
        # answers with the lockout page).
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            del request.session[PENDING]
    return TemplateResponse(
        request, "accounts/login_code.html", {"form": form, "username": user.get_username()},
        status=400 if form.is_bound else 200,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def logout(request):
    """Signs out on POST (CSRF-checked); a GET shows the button."""
    if request.method != "POST":
        return TemplateResponse(request, "accounts/logout.html", {
            "home_url": home_url(request.user) if request.user.is_authenticated else "",
        })
    auth_logout(request)
    # The session is gone; the message travels in its own cookie.
    messages.success(request, "Anda sudah keluar dari ruang redaksi.")
    response = redirect("accounts:login")
    # Drafts and resumable-upload entries live in this origin's
    # localStorage; the next person on a shared phone must not find them.
    response["Clear-Site-Data"] = '"storage"'
    return response


def admin_login(request, extra_context=None):
    """The admin's login URL, kept for bookmarks and the admin's own
    redirects: on to ours, with `next`."""
    url = reverse("accounts:login")
    next_url = request.GET.get(REDIRECT_FIELD_NAME)
    if next_url:
        url += "?" + urlencode({REDIRECT_FIELD_NAME: next_url})
    return redirect(url)


def admin_logout(request, extra_context=None):
    """The admin's logout button posts here: signing out is ours."""
    return logout(request)
