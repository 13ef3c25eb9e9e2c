"""What every screen people touch must pass: targets at least 44 px tall,
and no serious or critical axe-core violation."""

from pathlib import Path

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"

# Visible links, buttons, fields and disclosure toggles shorter than 44 px,
# inside `scope` (a CSS selector; the whole page by default). A checkbox or
# radio button is as tall as its label, which a tap on also toggles it.
SMALL_TARGETS = """scope => [...document.querySelectorAll(scope)].flatMap(root =>
  [...root.querySelectorAll('a, button, input:not([type=hidden]), select, textarea, summary')])
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0; })
  .map(e => {
    const toggles = e.matches('input[type=checkbox], input[type=radio]') && e.labels && e.labels.length;
    const height = Math.max(e.getBoundingClientRect().height, ...(toggles ? [...e.labels].map(l => l.getBoundingClientRect().height) : []));
    return [e.outerHTML.slice(0, 90), Math.round(height)];
  })
  .filter(([, height]) => height < 44)"""


def small_targets(page, scope="html"):
    return page.evaluate(SMALL_TARGETS, scope)


def serious_violations(page, browser):
    """axe-core on the same URL in a twin context that lets the script in
    past our CSP (same cookies, so the same session and step)."""
    twin = browser.new_context(viewport=page.viewport_size, bypass_csp=True)
    twin.add_cookies(page.context.cookies())
    other = twin.new_page()
    other.goto(page.url)
    other.add_script_tag(path=str(AXE))
    result = other.evaluate("axe.run(document, {resultTypes: ['violations']})")
    twin.close()
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


def audit(page, browser, scope="html"):
    small = small_targets(page, scope)
    assert small == [], (page.url, small)
    serious = serious_violations(page, browser)
    assert serious == [], (page.url, serious)
