"""Keep cached pages true: whatever readers see of an article, photo, topic
or announcement bumps the page-cache stamps it appears under, and the page
cache learns when a page will change by the clock alone."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles import identity, photos
from articles.models import Announcement, Article, Photo, Topic
from pagecache import stamps
from pagecache.signals import next_change
from villages.models import Village, village_pages_changed


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Photo)
def village_content_changed(sender, instance, **kwargs):
    village_pages_changed(instance.village.slug)


@receiver(post_delete, sender=Photo)
def photo_files_deleted(sender, instance, **kwargs):
    # After the commit: a rolled-back delete keeps its files.
    folder = instance.folder
    transaction.on_commit(lambda: photos.delete_folder(folder))


@receiver(post_save, sender=Article)
def old_share_cards_deleted(sender, instance, **kwargs):
    # A new title names a new card: the old one shows what the article no
    # longer says. After the commit, and only then, as for photos.
    article = instance
    transaction.on_commit(lambda: identity.remove_old_cards(article))


@receiver(post_delete, sender=Article)
def share_cards_deleted(sender, instance, **kwargs):
    slug, pk = instance.village.slug, instance.pk
    transaction.on_commit(lambda: identity.remove_cards(slug, pk))


@receiver(post_save, sender=Village)
def stale_share_cards_deleted(sender, instance, **kwargs):
    # The card shows the village's names, colour, logo and address.
    village, old_slug = instance, getattr(instance, "_old_slug", None)
    transaction.on_commit(lambda: identity.prune_cards(village, old_slug))


@receiver(m2m_changed, sender=Article.gallery.through)
def gallery_changed(sender, instance, **kwargs):
    if isinstance(instance, Article):
        village_pages_changed(instance.village.slug)


@receiver([post_save, post_delete], sender=Topic)
@receiver([post_save, post_delete], sender=Announcement)
@receiver(m2m_changed, sender=Announcement.villages.through)
@receiver(m2m_changed, sender=Announcement.kecamatans.through)
def shown_everywhere_changed(sender, **kwargs):
    stamps.everything_changed()


@receiver(next_change)
def next_publication(sender, request, **kwargs):
    """A scheduled article goes live on its village's site (or anywhere, for the district portal)."""
    return Article.objects.next_publication(getattr(request, "village", None))


@receiver(next_change)
def next_announcement_change(sender, request, **kwargs):
    return Announcement.objects.next_change()
