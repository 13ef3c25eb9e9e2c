"""The real parts both the tests and the benchmarks drive: the portal under
Gunicorn with its own database (servers), the production nginx file on
loopback with its Lua edge and a Redis of its own (nginx), Debian's Chromium (chromium), image
files as phones and attackers make them (images), and what a first view
costs in bytes (page_weight) and in paint time on a slow link (paint_timing).

A plain package, not a Django app: nothing here is imported by the portal."""
