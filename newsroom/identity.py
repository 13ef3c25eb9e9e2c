"""The KIM's own site, edited by its lead (publishers) in the newsroom:
/redaksi/<slug>/identitas/. Editors are refused (403), members of another
village find nothing (404), as everywhere under member_view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from articles import identity
from newsroom.forms import IdentityForm
from newsroom.views import A, _page, member_view
from villages import roles


@member_view
def edit(request, village):
    if not roles.may(request.user, A.EDIT_IDENTITY, village):
        raise PermissionDenied("Hanya penerbit (ketua KIM) yang dapat mengubah identitas situs desa.")
    form = IdentityForm(request.POST or None, request.FILES or None, instance=village)
    if request.method == "POST" and form.is_valid():
        identity.save(
            village, form.identity_fields(), logo=form.logo_processed, cover=form.cover_processed,
            drop_logo=form.cleaned_data["drop_logo"], drop_cover=form.cleaned_data["drop_cover"],
        )
        messages.success(request, "Identitas situs tersimpan. Pembaca langsung melihat perubahannya.")
        return redirect("newsroom:identity", village.slug)
    return _page(request, "newsroom/identity.html", village, status=400 if form.errors else 200,
                 form=form, tab="identity")
