from django import forms


class RichTextEditor(forms.Textarea):
    """A textarea the rich-text editor takes over once it has loaded.
    (Placeholder until the editor build lands: a plain textarea.)"""

    def __init__(self, upload_url="", attrs=None):
        super().__init__({"data-rich-text": "", "data-upload-url": upload_url, **(attrs or {})})
