"""Steps shared by the browser tests."""


def follow(link, wait_until="load"):
    """Tap a link and wait for the page it leads to. A bare click returns
    once the navigation commits, before the new document has loaded, so a
    read straight after it (count(), inner_text of an element both pages
    have) can still see the old page."""
    with link.page.expect_navigation(wait_until=wait_until):
        link.click()
