"""The rich-text field of the newsroom and the admin: a textarea that
becomes our CKEditor 5 build (articles/editor/, loaded by
static/articles/editor/rich-text.js) once the page has loaded, and works as
a plain textarea until then."""

from django import forms
from django.templatetags.static import static


class RichTextEditor(forms.Textarea):
    """`upload_url`: where images put into the text go, the admin's multipart
    endpoint or, on a page with newsroom/photos.js, a village's resumable
    upload endpoint. None turns images off (data-images="off"): announcements
    take photos and PDFs in their attachment field instead. `upload_user`
    (optional, the user's id): keeps one person's unfinished uploads apart
    from another's on a shared phone (photos.js's resume key)."""

    class Media:
        js = [
            forms.Script("articles/pending-uploads.js", defer=True),
            forms.Script("articles/editor/rich-text.js", defer=True),
        ]

    def __init__(self, upload_url=None, attrs=None, upload_user=None):
        super().__init__(attrs)
        self.upload_url = upload_url
        self.upload_user = upload_user

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update({
            "data-rich-text": True,
            # The build is fetched by rich-text.js, after the page: named here
            # so that collectstatic's hashed names reach it.
            "data-editor-js": static("articles/editor/kim-editor.js"),
            "data-editor-css": static("articles/editor/kim-editor.css"),
            **({"data-upload-url": self.upload_url} if self.upload_url else {"data-images": "off"}),
            **({"data-upload-user": self.upload_user} if self.upload_url and self.upload_user else {}),
        })
        return context
