"""The newsroom's two everyday tasks on a phone over a village link, measured.

    .venv/bin/python bench/newsroom_tasks.py [--runs 3]

Starts the portal under Gunicorn with the demo data (harness.servers),
drives Debian's Chromium at 360x740 over 400 kbit/s down, 200 kbit/s up and
400 ms round trips (DevTools throttling), and reports for each run:

- an editor writing an article with two 4 MB phone photos (3,000x4,000
  JPEG, EXIF-rotated, with GPS: one lead photo, one in the text) and
  submitting it: taps, screens scrolled, bytes sent, seconds;
- the publisher publishing it from the newsroom home: the same;
- the write page on a first visit (empty browser cache) and a later one:
  seconds until the form can be used, until the editor has loaded, bytes;
- a photo upload through a signal dropped for five seconds: whether it
  resumed (one upload, offsets going on) and was stored.

Targets (issue 16): editor at most 10 taps, publisher at most 3, at most
1.5 MB sent for the two photos, usable within 6 s on a first visit and
1.5 s on later ones.
"""

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from harness import images  # noqa: E402
from harness.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from harness.newsroom_tasks import (  # noqa: E402
    PHONE, review_and_publish, slow_link, upload_through_a_dropped_signal, visit_timings, write_and_submit,
)
from harness.servers import PortalServer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kim-newsroom-"))
    photos = []
    for n in (1, 2):
        path = workdir / f"IMG_2026113{n}_0930.jpg"
        path.write_bytes(images.camera_jpeg(3000, 4000, orientation=6, gps=True))
        photos.append(path)
    server = PortalServer(workdir / "portal").start()
    rows = {"editor": [], "publisher": [], "first": [], "later": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            newsroom = server.url(path="/redaksi/taan/")
            for run in range(args.runs):
                title = f"Panen cengkeh di Dusun Salu, catatan {run + 1}"
                context = browser.new_context(**PHONE)
                page = context.new_page()
                server.sign_in(page, "editor-taan")
                slow_link(page)
                rows["first"].append(visit_timings(page, server.url(path="/redaksi/taan/tulis/")))
                rows["later"].append(visit_timings(page, server.url(path="/redaksi/taan/tulis/")))
                rows["editor"].append(write_and_submit(page, newsroom, title, *photos, "Petani mulai memanen sejak Senin pagi."))
                context.close()
                context = browser.new_context(**PHONE)
                page = context.new_page()
                server.sign_in(page, "penerbit-taan")
                slow_link(page)
                rows["publisher"].append(review_and_publish(page, newsroom, title))
                context.close()
            context = browser.new_context(**PHONE)
            page = context.new_page()
            server.sign_in(page, "editor-taan")
            dropped = upload_through_a_dropped_signal(page, server.url(path="/redaksi/taan/tulis/"), photos[0])
            context.close()
            browser.close()
    finally:
        server.stop()

    sizes = ", ".join(f"{p.stat().st_size / 1e6:.1f} MB" for p in photos)
    print(f"Newsroom tasks, {time.strftime('%Y-%m-%d')}, {platform.machine()}, Chromium at 360x740, "
          f"400/200 kbit/s, 400 ms; photos {sizes}; {args.runs} runs (median, then each run)\n")
    print("| task | taps | screens scrolled | bytes sent | seconds | target |")
    print("|---|---|---|---|---|---|")
    for name, target in (("editor", "≤ 10 taps, ≤ 1.5 MB"), ("publisher", "≤ 3 taps")):
        tasks = rows[name]
        median = lambda attr: statistics.median(getattr(t, attr) for t in tasks)  # noqa: E731
        each = " / ".join(f"{t.seconds:.0f}" for t in tasks)
        print(f"| {name} | {median('taps'):.0f} | {median('screens_scrolled'):.1f} | "
              f"{median('bytes_sent') / 1e6:.2f} MB | {median('seconds'):.0f} ({each}) | {target} |")
    print("\n| write page | usable, s | editor ready, s | transferred | target |")
    print("|---|---|---|---|---|")
    for name, target in (("first visit", "usable ≤ 6 s"), ("later visit", "usable ≤ 1.5 s")):
        visits = rows["first" if name == "first visit" else "later"]
        usable = statistics.median(v["usable"] for v in visits)
        editor = statistics.median(v["editor"] for v in visits)
        size = statistics.median(v["bytes"] for v in visits)
        each = " / ".join(f"{v['usable']:.1f}" for v in visits)
        print(f"| {name} | {usable:.1f} ({each}) | {editor:.1f} | {size / 1024:.0f} KB | {target} |")
    print(f"\nSignal dropped for 5 s after the first piece of a photo: {dropped['uploads started']} upload started, "
          f"pieces taken at offsets {dropped['offsets']}, photo stored: {dropped['stored']}.")


if __name__ == "__main__":
    main()
