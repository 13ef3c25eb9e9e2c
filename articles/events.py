"""What happens to articles and announcements that someone must be told
about. The newsroom listens (its notifications); nothing here knows who."""

from django.dispatch import Signal

# An article moved through the workflow. Sent with: article, actor (the
# user who moved it), transition (an Article.Transition), note (the
# publisher's note, the district's reason, or "").
article_moved = Signal()

# A district announcement was published for the first time. Sent with:
# announcement.
announcement_published = Signal()
