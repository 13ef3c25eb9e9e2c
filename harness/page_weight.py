"""What a page costs: bytes actually transferred (compressed, images
included) while Chromium loads a page at 360x740, DPR 2, without scrolling
(first_view), or read to its end (whole_read)."""

from collections import defaultdict

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def first_view(browser, url):
    return _weigh(browser, url, scroll=False)


def whole_read(browser, url):
    """A reader who scrolls to the end: every lazy image is fetched too."""
    return _weigh(browser, url, scroll=True)


def _weigh(browser, url, scroll):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    kinds, sizes = {}, defaultdict(int)
    cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    if scroll:
        height = page.evaluate("document.documentElement.scrollHeight")
        for _ in range(0, height, 370):
            page.evaluate("window.scrollBy(0, 370)")
            page.wait_for_timeout(100)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    by_kind = defaultdict(int)
    for request_id, size in sizes.items():
        by_kind[kinds.get(request_id, "Other")] += size
    context.close()
    return {"total": sum(by_kind.values()), **by_kind}
