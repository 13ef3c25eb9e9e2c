from django import forms

from tips.models import MESSAGE_MAX, Tip
from villages.phones import WhatsAppField

HONEYPOT = "situs_web"


class TipForm(forms.Form):
    """What a resident writes. The token and the honeypot are checked by the
    view (tips/guard.py), before this form."""

    kind = forms.ChoiceField(
        label="Jenis pesan", choices=Tip.Kind.choices, initial=Tip.Kind.NEWS, widget=forms.RadioSelect,
        error_messages={"required": "Pilih jenis pesan.", "invalid_choice": "Pilih salah satu jenis pesan."},
    )
    message = forms.CharField(
        label="Pesan", min_length=10, max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="Apa, di mana, kapan. Untuk dugaan hoaks, tempel pesan atau tautan yang beredar.",
        error_messages={
            "required": "Tulis pesan Anda.",
            "min_length": "Pesan terlalu pendek: tulis paling sedikit %(limit_value)d huruf.",
            "max_length": "Pesan terlalu panjang: paling banyak %(limit_value)d huruf (sekarang %(show_value)d).",
        },
    )
    sender_name = forms.CharField(
        label="Nama (boleh dikosongkan)", required=False, max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": "Nama terlalu panjang: paling banyak %(limit_value)d huruf."},
    )
    sender_phone = WhatsAppField(
        label="Nomor WhatsApp (boleh dikosongkan)", required=False,
        help_text="Bila ingin dihubungi kembali. Contoh: 0812 4455 6677",
    )


    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
