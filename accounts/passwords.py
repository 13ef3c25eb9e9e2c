"""One-time links with which a new editor sets a first password."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from villages import hosts


def password_link(request, user):
    """A one-time link: the token dies when the password is set (it is made
    from the password hash) and after PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "password_set",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
    )
    return hosts.build_url("", path, request)
