"""Bringing a volunteer in: an account when they have none yet, and a
message that tells them how to sign in, sent by email and made ready to
send by WhatsApp (a wa.me link whoever invites them taps).

Two screens use it: the district desk when it onboards a village (its
first editor), and a KIM's publisher inviting someone to the team
(newsroom/team.py). A new account has no password: the message carries a
one-time link to set one (`passwords.password_link`), which whoever
invites also sees, to send by hand. Someone who already has an account
gets no link (whoever invites them must never be able to set another
person's password): they are told to sign in as they always do.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.text import slugify

from accounts.passwords import password_link
from villages import hosts
from villages.models import User
from villages.phones import whatsapp_url


@dataclass
class Invitation:
    user: User
    link: str  # the one-time password link; "" for someone who signs in as usual
    emailed: bool  # the email went out
    whatsapp_link: str  # wa.me with the message typed in; "" without a number
    days: int  # how long the link lasts


def link_days():
    return settings.PASSWORD_RESET_TIMEOUT // 86400


def new_account(name, email="", whatsapp="", username_hint=""):
    """An account with no password yet: its owner sets one through the link."""
    first, _, last = name.strip().partition(" ")
    user = User(
        username=free_username(email or username_hint or name),
        first_name=first[:150],
        last_name=last.strip()[:150],
        email=email,
        whatsapp=whatsapp,
    )
    user.set_unusable_password()
    user.save()
    return user


def free_username(wanted):
    """A username from an email address or a name, numbered when taken."""
    base = slugify(wanted.split("@")[0])[:140] or "editor"
    name, n = base, 2
    while User.objects.filter(username=name).exists():
        name, n = f"{base}-{n}", n + 1
    return name


def send(request, user, *, subject, news, short_news, with_link, whatsapp=""):
    """Tell `user` the news (`news` opens the email, `short_news` the
    WhatsApp message), with their username and either the one-time link
    (`with_link`) or where to sign in. `whatsapp`: the number to write to,
    else the account's own."""
    days = link_days()
    link = password_link(request, user) if with_link else ""
    sign_in = hosts.build_url("", reverse("accounts:login"), request)
    if link:
        email_how = f"Buat kata sandi Anda lewat tautan ini (berlaku {days} hari, sekali pakai):\n{link}\n"
        whatsapp_how = f"Buat kata sandi lewat tautan ini (sekali pakai): {link}"
    else:
        email_how = f"Masuk dengan akun dan kata sandi Anda yang biasa di:\n{sign_in}\n"
        whatsapp_how = f"Masuk dengan akun Anda yang biasa di {sign_in}"
    emailed = False
    if user.email:
        try:
            send_mail(
                subject,
                f"Halo {user.first_name},\n\n{news}\n\nNama pengguna Anda: {user.username}\n{email_how}",
                None,
                [user.email],
            )
            emailed = True
        except OSError:
            # A mail server down must not undo what was done: the screen still shows the link.
            emailed = False
    number = whatsapp or user.whatsapp
    text = f"Halo {user.first_name}, {short_news}\nNama pengguna: {user.username}\n{whatsapp_how}"
    return Invitation(
        user=user, link=link, emailed=emailed, whatsapp_link=whatsapp_url(number, text) if number else "", days=days
    )
