from django.dispatch import Signal

# Sent when a page is stored, with the request: receivers answer when, by
# the clock alone, what that site shows will next change (a scheduled
# article going live, an announcement starting or ending), or None. The
# page is kept no longer than the earliest answer, so such changes need no
# cron job and no save.
next_change = Signal()
