"""Debian's Chromium, as Playwright launches it for the tests and benchmarks."""

CHROMIUM = "/usr/bin/chromium"
# The closed network here refuses Chromium's background connections.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
