"""Village details, kecamatan names, members and author names appear on
public pages: changing them bumps the page-cache stamps (pagecache/stamps.py)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from pagecache import stamps
from villages import hosts
from villages.models import Kecamatan, Membership, User, Village, village_pages_changed


@receiver(pre_save, sender=Village)
def remember_old_subdomain(sender, instance, **kwargs):
    # A renamed village: the old host must stop answering from the cache too.
    instance._old_slug = Village.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()


@receiver([post_save, post_delete], sender=Village)
def village_changed(sender, instance, **kwargs):
    village_pages_changed(instance.slug, getattr(instance, "_old_slug", None))
    # Which own domain names which village (Village.objects.slug_for_domain).
    stamps.site_changed(hosts.DOMAINS_SCOPE)


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance, **kwargs):
    village_pages_changed(instance.village.slug)


@receiver([post_save, post_delete], sender=Kecamatan)
def kecamatan_changed(sender, **kwargs):
    stamps.everything_changed()


@receiver(post_delete, sender=User)
def author_deleted(sender, **kwargs):
    # Their bylines go (the database sets the articles' author to NULL,
    # without a signal), and so does their author page in every village.
    stamps.everything_changed()


@receiver(post_save, sender=User)
def author_renamed(sender, update_fields=None, **kwargs):
    # Every login saves last_login; only a name change shows on pages.
    if update_fields is None or {"first_name", "last_name", "username"} & set(update_fields):
        stamps.everything_changed()
