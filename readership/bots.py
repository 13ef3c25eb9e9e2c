"""Crawlers and link-preview fetchers are not readers.

The list is crawler-user-agents (github.com/monperrus/crawler-user-agents,
on PyPI with a release most months): some 1,500 patterns people keep up to
date, Googlebot and Bingbot, WhatsApp's, Facebook's and Telegram's link
previews, and headless browsers among them. We only ask it yes or no; the
user agent is never stored.

Most of them never reach us here anyway: they do not run scripts, and
the beacon is a script. Those that do (Googlebot renders pages) are
counted apart, as bots, so the desk sees how many were left out.
"""

import crawleruseragents

# A user agent longer than any browser's is not a reader either, and would
# only make the patterns work harder.
MAX_LENGTH = 512


def is_bot(user_agent):
    if not user_agent or len(user_agent) > MAX_LENGTH:
        return True
    return crawleruseragents.is_crawler(user_agent)


def warm_up():
    """Compiles the patterns (about 0.1 s) so the first reader after a start does not wait."""
    is_bot("Mozilla/5.0")
