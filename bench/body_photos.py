"""What a phone reader downloads for a story with four photos in its text,
before and after body photos became responsive <picture>s, in Chromium.

    .venv/bin/python bench/body_photos.py

Starts the portal under Gunicorn with the small demo, writes a story with
four photo-like pictures in its text (harness/photo_story.py) and prints
the bytes a phone (360x740, DPR 2) transfers for its first view (no
scrolling) and for reading to the end, next to what its four 1200 px JPEGs
weigh: what the page sent before body photos were responsive (each an
eager <img> of that JPEG; measured on the commit before: 807 KB).
"""

import datetime
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from harness.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from harness.page_weight import first_view, whole_read  # noqa: E402
from harness.photo_story import full_size_bytes, photo_story  # noqa: E402
from harness.servers import PortalServer  # noqa: E402


def main():
    server = PortalServer(Path(tempfile.mkdtemp())).start()
    try:
        story = photo_story(server, "empat-foto")
        url = server.url("taan", story["path"])
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            first, whole = first_view(browser, url), whole_read(browser, url)
            browser.close()
        kb = lambda n: f"{n / 1024:.1f} KB"  # noqa: E731
        print(f"{datetime.date.today()} · {platform.node()} · 360x740 DPR 2 · story with 4 body photos")
        print("| | total | images |")
        print("|---|---|---|")
        print(f"| the four 1200 px JPEGs (before) | | {kb(full_size_bytes(server, story))} |")
        print(f"| first view | {kb(first['total'])} | {kb(first.get('Image', 0))} |")
        print(f"| read to the end | {kb(whole['total'])} | {kb(whole.get('Image', 0))} |")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
