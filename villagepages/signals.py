"""A new village gets its starter pages; any change to a page bumps its
village's page-cache stamps (pagecache/stamps.py), so the next reader sees it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from villagepages.models import Page
from villagepages.starters import create_starter_pages
from villages.models import Village, village_pages_changed


@receiver(post_save, sender=Village)
def village_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        create_starter_pages(instance)


@receiver([post_save, post_delete], sender=Page)
def page_changed(sender, instance, **kwargs):
    village_pages_changed(instance.village.slug)
