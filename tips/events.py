"""What happens to residents' messages that someone must be told about.
The newsroom listens (its notifications); nothing here knows who."""

from django.dispatch import Signal

# A resident sent a message to a KIM. Sent with: tip.
tip_received = Signal()

# A publisher passed a message to the district's fact-check desk. Sent
# with: tip, actor (the user who passed it).
tip_passed = Signal()
