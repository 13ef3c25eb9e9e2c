"""Paint times on a slow rural link, emulated with DevTools throttling."""

SLOW_LINK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}

PAINTS = """() => new Promise((resolve) => {
  const result = {};
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  result.fcp = fcp ? fcp.startTime : null;
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    const last = entries[entries.length - 1];
    result.lcp = last.startTime;
    result.lcpElement = last.element ? last.element.tagName : null;
  }).observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve(result), 100);
})"""

# The first text a reader needs: the page title and the first paragraph.
TEXT_PAINTED = """() => {
  const nodes = [...document.querySelectorAll("h1, .excerpt, .body p")].slice(0, 2);
  return nodes.length === 2 && nodes.every((n) => n.getBoundingClientRect().height > 0);
}"""


def slow_paint_times(browser, url, viewport=None):
    context = browser.new_context(
        viewport=viewport or {"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    result = page.evaluate(PAINTS)
    context.close()
    return result
