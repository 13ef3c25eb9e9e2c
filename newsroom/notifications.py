"""Who is told what: the receivers of articles.events.

- submitted, or a change asked for: the village's publishers;
- sent back, published, scheduled, withdrawn: the author;
- a village page (villagepages/) submitted: the village's publishers; sent
  back or published: whoever wrote it (Page.writer);
- taken down or restored by the district: the publishers and the author;
- a new district announcement: the publishers of every village it is for;
- a resident's message (tips/): the village's editors and publishers (all
  of whom read the inbox); passed to the district: district staff.

Each becomes a Notification (a count and a list in the newsroom), and an
email through the task queue when mail is set up and the person wants it.
"""

from django.db import transaction
from django.dispatch import receiver

from articles.events import announcement_published, article_moved
from articles.models import Article
from newsroom.models import Notification, district_staff, members_of, publishers_of
from newsroom.tasks import email_notification
from tips.events import tip_passed, tip_received
from villagepages.events import page_moved

T = Article.Transition
TO_PUBLISHERS = {T.SUBMITTED, T.CHANGE_REQUESTED}
TO_AUTHOR = {T.SENT_BACK, T.PUBLISHED, T.SCHEDULED, T.WITHDRAWN}
TO_BOTH = {T.TAKEN_DOWN, T.RESTORED}


def _send(notifications):
    for notification in notifications:
        if notification.should_email:
            transaction.on_commit(lambda pk=notification.pk: email_notification.enqueue(pk))
    return notifications


@receiver(article_moved)
def tell_about_article(sender, article, actor, transition, note="", **kwargs):
    recipients = []
    if transition in TO_PUBLISHERS | TO_BOTH:
        recipients += publishers_of(article.village)
    if transition in TO_AUTHOR | TO_BOTH:
        recipients.append(article.author)
    return _send(Notification.tell(recipients, article.village, actor, transition=transition, article=article, note=note))


@receiver(page_moved)
def tell_about_page(sender, page, actor, transition, note="", **kwargs):
    if transition in TO_PUBLISHERS:
        recipients = publishers_of(page.village)
    else:
        recipients = [page.writer(besides=actor)]
    return _send(Notification.tell(recipients, page.village, actor, transition=transition, page=page, note=note))


@receiver(announcement_published)
def tell_about_announcement(sender, announcement, **kwargs):
    made = []
    for village in announcement.target_villages():
        made += Notification.tell(publishers_of(village), village, announcement.created_by, announcement=announcement)
    return _send(made)


@receiver(tip_received)
def tell_about_tip(sender, tip, **kwargs):
    return _send(Notification.tell(members_of(tip.village), tip.village, None, tip=tip, tip_event="received"))


@receiver(tip_passed)
def tell_district_about_tip(sender, tip, actor, **kwargs):
    return _send(Notification.tell(district_staff(), tip.village, actor, tip=tip, tip_event="passed"))
