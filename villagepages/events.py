"""What happens to a village's pages that someone must be told about. The
newsroom listens (its notifications); nothing here knows who."""

from django.dispatch import Signal

# A page moved through the workflow. Sent with: page, actor (the user who
# moved it), transition (an articles Article.Transition: submitted,
# sent_back or published), note (the publisher's note, or "").
page_moved = Signal()
