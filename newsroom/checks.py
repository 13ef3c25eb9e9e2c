from pathlib import Path

from django.conf import settings
from django.core import checks


@checks.register()
def check_partial_uploads_are_not_served(app_configs, **kwargs):
    """Photos on their way up may carry a home's GPS position: they must not
    sit where the media or static files are served from."""
    partial = Path(settings.KIM_PARTIAL_UPLOADS_DIR).resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        served = Path(getattr(settings, name)).resolve()
        if partial == served or served in partial.parents:
            return [
                checks.Error(
                    f"KIM_PARTIAL_UPLOADS_DIR ({partial}) is inside {name} ({served}): "
                    "half-sent photos, GPS and all, would be served to anyone.",
                    hint=f"Set KIM_PARTIAL_UPLOADS_DIR to a directory beside {name}, e.g. {served.parent / 'partial-uploads'}.",
                    id="kimportal.E001",
                )
            ]
    return []
