from django import forms

from exports.models import ExportRun
from villages import roles
from villages.models import Village


class ExportForm(forms.Form):
    """Which file: the button pressed names it (format=wxr or format=zip)."""

    format = forms.ChoiceField(
        label="Format", choices=ExportRun.Format.choices,
        error_messages={"required": "Pilih formatnya: WordPress atau arsip ZIP.",
                        "invalid_choice": "Format itu tidak dikenal. Pilih WordPress atau arsip ZIP."},
    )


class VillageExportForm(ExportForm):
    """The district desk's: which village, too (only those the user may export)."""

    village = forms.ModelChoiceField(Village.objects.none(), label="Desa", empty_label="Pilih desa",
                                     error_messages={"required": "Pilih desanya."})

    field_order = ["village", "format"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = [v.pk for v in Village.objects.for_user(user) if roles.may(user, roles.Action.EXPORT_SITE, v)]
        self.fields["village"].queryset = Village.objects.filter(pk__in=allowed).order_by("name")
