"""One-time links with which a new volunteer sets a first password.

The district desk makes the link at onboarding (`password_link`) and sends
it by email or WhatsApp. Django's PasswordResetConfirmView checks it: on
first opening it keeps the token in the session and redirects to the same
address without it, so the token is not in the page's address or in any
Referer. The request log never writes the token either (kimportal/logs.py
hides URL parameters named `token`).
"""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from villages import hosts


def password_link(request, user):
    """A one-time link: the token dies when the password is set (it is made
    from the password hash) and after PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "accounts:password_set",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
    )
    return hosts.build_url("", path, request)


class PasswordSetForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label, second.label = "Kata sandi baru", "Ulangi kata sandi baru"
        second.help_text = "Ketik sekali lagi kata sandi yang sama."
        self.error_messages = {**self.error_messages, "password_mismatch": "Kedua kata sandi tidak sama. Ketik ulang keduanya."}
        for field in (first, second):
            field.error_messages["required"] = "Isi kata sandi baru Anda."
            field.widget.attrs["autocomplete"] = "new-password"


class PasswordSetView(auth_views.PasswordResetConfirmView):
    form_class = PasswordSetForm
    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password_set_done")

    def render_to_response(self, context, **kwargs):
        # A link used, expired or cut short is gone (404); a refused form is 400.
        response = super().render_to_response(context, **kwargs)
        if not self.validlink:
            response.status_code = 404
        elif context["form"].is_bound:
            response.status_code = 400
        return response


password_set = PasswordSetView.as_view()
password_set_done = auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_set_done.html")
