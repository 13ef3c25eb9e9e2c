"""The KIM's own site, edited by its lead (publishers) in the newsroom:
/redaksi/<slug>/identitas/. Editors are refused (403), members of another
village find nothing (404), as everywhere under member_view.

The logo and cover photo go up before the form is sent, in pieces that
survive a dropped signal (newsroom/uploads.py, newsroom/static/newsroom/
photos.js); the form names the upload, and the village takes its image
when the whole form is saved."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect

from articles import identity
from newsroom.forms import IdentityForm
from newsroom.views import A, _page, member_view
from villages import roles


@member_view
def edit(request, village):
    if not roles.may(request.user, A.EDIT_IDENTITY, village):
        raise PermissionDenied("Hanya penerbit (ketua KIM) yang dapat mengubah identitas situs desa.")
    form = IdentityForm(request.POST or None, instance=village, user=request.user)
    if request.method == "POST" and form.is_valid():
        logo, cover = form.new_logo, form.new_cover
        with transaction.atomic():
            identity.save(
                village, form.identity_fields(),
                logo=logo.image if logo else None, cover=cover.image if cover else None,
                drop_logo=form.cleaned_data["drop_logo"], drop_cover=form.cleaned_data["drop_cover"],
            )
            for upload in (logo, cover):
                if upload:
                    upload.hand_over_image()
        messages.success(request, "Identitas situs tersimpan. Pembaca langsung melihat perubahannya.")
        return redirect("newsroom:identity", village.slug)
    return _page(request, "newsroom/identity.html", village, status=400 if form.errors else 200,
                 form=form, tab="identity")
