"""The district desk's village screens: onboarding a KIM and the audit log.

Every view here and in articles/desk.py is wrapped by `district_view`:
anonymous visitors are sent to the login page, village members get 403.
"""

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify

from villages import hosts
from villages.models import AuditEntry, Membership, User, Village, whatsapp_url, works_across_villages


def district_view(view):
    """Admin login required (so 2FA and lockouts apply), then district staff only."""

    @wraps(view)
    def only_district(request, *args, **kwargs):
        if not works_across_villages(request.user):
            raise PermissionDenied("Halaman ini hanya untuk staf distrik.")
        return view(request, *args, **kwargs)

    return admin.site.admin_view(only_district)


def desk_context(request, title, **context):
    return {**admin.site.each_context(request), "title": title, **context}


@district_view
def audit_log(request):
    entries = AuditEntry.objects.select_related("village")
    action = request.GET.get("tindakan", "")
    if action in AuditEntry.Action.values:
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = desk_context(request, "Log audit", page=page, actions=AuditEntry.Action.choices, action=action)
    return TemplateResponse(request, "desk/audit_log.html", context)


class NewVillageForm(forms.ModelForm):
    editor_name = forms.CharField(label="Nama editor pertama", max_length=150)
    editor_email = forms.EmailField(label="Email editor", required=False)
    editor_whatsapp = forms.RegexField(
        label="WhatsApp editor",
        required=False,
        regex=r"^\+?[0-9]{8,15}$",
        error_messages={"invalid": "Tulis nomor WhatsApp dengan angka saja, misalnya 6281234567890."},
    )
    editor_role = forms.ChoiceField(
        label="Peran editor", choices=Membership.Role.choices, initial=Membership.Role.PUBLISHER
    )

    class Meta:
        model = Village
        fields = ["name", "kim_name", "slug", "kecamatan"]

    def clean_editor_email(self):
        email = self.cleaned_data["editor_email"].lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                "Email ini sudah dipakai pengguna lain. Tambahkan orang itu lewat menu Keanggotaan."
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("editor_email") and not cleaned.get("editor_whatsapp"):
            raise ValidationError("Isi email atau nomor WhatsApp editor, agar tautan kata sandi bisa dikirim.")
        return cleaned

    @transaction.atomic
    def save_for(self, staff):
        village = self.save()
        first, _, last = self.cleaned_data["editor_name"].partition(" ")
        editor = User(
            username=_free_username(self.cleaned_data["editor_email"] or f"kim-{village.slug}"),
            first_name=first[:150],
            last_name=last[:150],
            email=self.cleaned_data["editor_email"],
        )
        # No password until the editor sets one through the link.
        editor.set_unusable_password()
        editor.save()
        Membership.objects.create(user=editor, village=village, role=self.cleaned_data["editor_role"])
        AuditEntry.record(staff, AuditEntry.Action.VILLAGE_ADDED, village, subject=village)
        return village, editor


def _free_username(wanted):
    base = slugify(wanted.split("@")[0])[:140] or "editor"
    name, n = base, 2
    while User.objects.filter(username=name).exists():
        name, n = f"{base}-{n}", n + 1
    return name


def password_link(request, user):
    """A one-time link: the token dies when the password is set (it is made
    from the password hash) and after PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "password_set",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
    )
    return hosts.build_url("", path, request)


@district_view
def add_village(request):
    form = NewVillageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        village, editor = form.save_for(request.user)
        link = password_link(request, editor)
        site = village.url(request=request)
        emailed = False
        if editor.email:
            days = settings.PASSWORD_RESET_TIMEOUT // 86400
            try:
                send_mail(
                    f"Akun redaksi {village.kim_name} di Portal KIM",
                    f"Halo {editor.first_name},\n\n{settings.KIM_DISTRICT_OFFICE} telah membuat situs "
                    f"{site} untuk {village.kim_name}.\n\nNama pengguna Anda: {editor.username}\n"
                    f"Buat kata sandi Anda lewat tautan ini (berlaku {days} hari, sekali pakai):\n{link}\n",
                    None,
                    [editor.email],
                )
                emailed = True
            except OSError:
                # A mail server down must not undo the village: staff still see the link.
                emailed = False
        whatsapp_text = (
            f"Halo {editor.first_name}, situs {village.kim_name} sudah dibuat: {site}\n"
            f"Nama pengguna: {editor.username}\nBuat kata sandi lewat tautan ini (sekali pakai): {link}"
        )
        phone = form.cleaned_data["editor_whatsapp"]
        context = desk_context(
            request, f"{village.name} ditambahkan", village=village, editor=editor, link=link, emailed=emailed,
            link_days=settings.PASSWORD_RESET_TIMEOUT // 86400,
            whatsapp_link=whatsapp_url(phone, whatsapp_text) if phone else "",
        )
        return TemplateResponse(request, "desk/village_added.html", context)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "desk/add_village.html", desk_context(request, "Tambah desa KIM", form=form), status=status)
