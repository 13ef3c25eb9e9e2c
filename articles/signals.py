"""Keep cached pages true: whatever readers see of an article, photo, topic
or announcement bumps the page-cache stamps it appears under."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles.models import Announcement, Article, Photo, Topic
from kimportal import pagecache


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Photo)
def village_content_changed(sender, instance, **kwargs):
    pagecache.village_changed(instance.village.slug)


@receiver(m2m_changed, sender=Article.gallery.through)
def gallery_changed(sender, instance, **kwargs):
    if isinstance(instance, Article):
        pagecache.village_changed(instance.village.slug)


@receiver([post_save, post_delete], sender=Topic)
@receiver([post_save, post_delete], sender=Announcement)
@receiver(m2m_changed, sender=Announcement.villages.through)
@receiver(m2m_changed, sender=Announcement.kecamatans.through)
def shown_everywhere_changed(sender, **kwargs):
    pagecache.everything_changed()
