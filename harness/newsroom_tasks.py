"""The newsroom's two everyday tasks, done in Chromium the way volunteers do
them on a phone over a village link, and measured: taps, screens scrolled,
bytes sent, seconds.

- An editor writes an article with two phone photos (the lead photo and
  one in the text) and submits it to the publisher.
- The publisher opens it from the newsroom home and publishes it.

A tap is a touch on the screen: a button or link, a field to type into,
the photo button and then the photo in the phone's picker (two). Screens
scrolled: how far the page had to move to bring each touched element into
view, in viewport heights. tests/e2e/test_newsroom_tasks.py asserts on
these; bench/newsroom_tasks.py reports them.
"""

import time
from dataclasses import dataclass, field

# DevTools' throttling: 400 kbit/s down, 200 kbit/s up, 400 ms round trips.
VILLAGE_LINK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 200_000 / 8}
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True,
         "locale": "id-ID"}


def slow_link(page):
    """Throttle a page to the village link; returns the DevTools session,
    through which the signal can also be dropped (signal(session, False))."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", VILLAGE_LINK)
    return session


def signal(session, on):
    session.send("Network.emulateNetworkConditions", {**VILLAGE_LINK, "offline": not on})


@dataclass
class Task:
    """Counts what a person does on one page (and the pages it leads to)."""

    page: object
    taps: int = 0
    screens_scrolled: float = 0.0
    bytes_sent: int = 0
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    def __post_init__(self):
        self.page.on("requestfinished", self._sent)

    def _sent(self, request):
        # Request bodies that went up: tus pieces (blobs, whose size only
        # the Content-Length sent tells) and forms.
        self.bytes_sent += int(request.all_headers().get("content-length") or 0)

    def _reach(self, locator):
        """Scroll the way a thumb would, counting how far."""
        locator.wait_for(state="visible")
        box = locator.bounding_box()
        height = self.page.viewport_size["height"]
        if box is not None:
            below = box["y"] + min(box["height"], height) - height
            distance = below if below > 0 else max(0, -box["y"])
            self.screens_scrolled += distance / height
        locator.scroll_into_view_if_needed()

    def tap(self, locator, *, navigates=False):
        self._reach(locator)
        self.taps += 1
        if navigates:
            with self.page.expect_navigation(wait_until="domcontentloaded"):
                locator.tap()
        else:
            locator.tap()

    def type_into(self, locator, text):
        self.tap(locator)
        self.page.keyboard.type(text)

    def choose_photo(self, button, path):
        """The photo button, then the photo in the phone's picker: two taps."""
        self._reach(button)
        with self.page.expect_file_chooser() as chooser:
            self.taps += 1
            button.tap()
        self.taps += 1
        chooser.value.set_files(str(path))

    def done(self):
        self.seconds = time.monotonic() - self.started
        return self


def write_and_submit(page, newsroom_url, title, lead_photo, body_photo, text):
    """From the newsroom home to an article waiting for review, with a lead
    photo and one in the text. Waits as the person would, for the send
    button to come back once the photos are up."""
    page.goto(newsroom_url, wait_until="domcontentloaded")
    task = Task(page)
    task.tap(page.get_by_role("link", name="+ Tulis berita"), navigates=True)
    task.type_into(page.locator("#id_title"), title)
    task.choose_photo(page.locator("label[for=id_photo_file]"), lead_photo)
    editable = page.locator(".ck-editor__editable")
    editable.wait_for(timeout=60_000)
    task.type_into(editable, text)
    task.choose_photo(page.locator(".ck-toolbar button.ck-file-dialog-button"), body_photo)
    submit = page.locator("button[name=action][value=submit]")
    page.wait_for_function("button => !button.disabled", arg=submit.element_handle(), timeout=300_000)
    task.tap(submit, navigates=True)
    return task.done()


def review_and_publish(page, newsroom_url, title):
    """From the newsroom home to the article published, as its publisher."""
    page.goto(newsroom_url, wait_until="domcontentloaded")
    task = Task(page)
    task.tap(page.locator(".bucket-tinjauan").get_by_role("link", name=title), navigates=True)
    task.tap(page.get_by_role("button", name="Terbitkan sekarang"), navigates=True)
    return task.done()


def visit_timings(page, url):
    """Seconds from the start of a visit until the form can be used (its
    HTML and deferred scripts done: every field, the photo button and the
    send buttons work) and until the rich-text editor has taken over the
    text field; and the bytes the visit transferred."""
    transferred = []
    page.on("response", lambda response: transferred.append(response))
    started = time.monotonic()
    page.goto(url, wait_until="domcontentloaded")
    usable = time.monotonic() - started
    page.locator(".ck-editor__editable").wait_for(timeout=120_000)
    editor = time.monotonic() - started
    page.wait_for_load_state("networkidle")
    size = page.evaluate(
        "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".reduce((sum, entry) => sum + (entry.transferSize || 0), 0)"
    )
    return {"usable": usable, "editor": editor, "bytes": size}


def upload_through_a_dropped_signal(page, write_url, photo, seconds_offline=5):
    """Choose a lead photo, drop the signal after its first piece is in,
    bring it back: how many uploads were started (one, if it resumed), the
    offsets the server took, and whether the photo was stored."""
    page.goto(write_url, wait_until="domcontentloaded")
    session = slow_link(page)
    creations, offsets = [], []

    def answered(response):
        if "/unggah/" not in response.url:
            return
        if response.request.method == "POST" and response.url.endswith("/unggah/"):
            creations.append(response.status)
        if response.request.method == "PATCH" and response.status == 204:
            offsets.append(int(response.headers["upload-offset"]))

    page.on("response", answered)
    page.set_input_files("[data-photo-file]", str(photo))
    deadline = time.monotonic() + 120
    while not offsets and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    signal(session, False)
    page.wait_for_timeout(seconds_offline * 1000)
    signal(session, True)
    page.locator("[data-photo-id]:not([value=''])").wait_for(state="attached", timeout=300_000)
    return {"uploads started": len(creations), "offsets": offsets, "stored": True}
