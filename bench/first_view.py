"""First view of the main pages on a phone, in Chromium.

    .venv/bin/python bench/first_view.py

Starts the portal under Gunicorn with the full demo data, loads each page at
360x740 (DPR 2) without scrolling, and prints the bytes transferred by kind,
then the paint times on an emulated 400 kbit/s link with 400 ms round trips.
"""

import datetime
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from harness.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from harness.page_weight import first_view  # noqa: E402
from harness.paint_timing import slow_paint_times  # noqa: E402
from harness.servers import PortalServer  # noqa: E402

BUDGETS_KB = {"village home": 150, "article": 120, "district home": 150}


def main():
    server = PortalServer(Path(tempfile.mkdtemp()), seed_args=[]).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(server.url("taan"))
            article = page.locator("article.card h2 a").first.get_attribute("href")
            page.close()
            urls = {"village home": server.url("taan"), "article": article, "district home": server.url()}
            print(f"{datetime.date.today()} · {platform.node()} · {platform.processor() or platform.machine()}")
            print("| page | total | budget | HTML | CSS | images | scripts | fonts | text painted (slow link) | largest image (slow link) |")
            print("|---|---|---|---|---|---|---|---|---|---|")
            for name, url in urls.items():
                w = first_view(browser, url)
                t = slow_paint_times(browser, url)
                kb = lambda n: f"{n / 1024:.1f} KB"  # noqa: E731
                print(
                    f"| {name} | {kb(w['total'])} | {BUDGETS_KB[name]} KB | {kb(w.get('Document', 0))} | "
                    f"{kb(w.get('Stylesheet', 0))} | {kb(w.get('Image', 0))} | {kb(w.get('Script', 0))} | "
                    f"{kb(w.get('Font', 0))} | {t['fcp'] / 1000:.2f} s | {t['lcp'] / 1000:.2f} s |"
                )
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
