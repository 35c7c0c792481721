"""Screenshots of the issue list, an issue page and a match answer at 1,280 and 390 px.

Run against a kb that serves the shipped knowledge (`make run`, then in another terminal
`make screenshots`; KB_URL=... for another address). Uses the system's Chromium through
Playwright, like tests/test_browser.py. Writes docs/screenshots/<page>-<width>.png.
"""

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = os.environ.get("KB_URL", "http://127.0.0.1:8000").rstrip("/")
CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
OUT = Path(__file__).resolve().parent
LOG = "\n".join([
    "2016-12-11 16:59:20.001 1 INFO kubedns started",
    "Dec 11 16:59:22 node-3 dnsmasq[7]: Maximum number of concurrent DNS queries reached (max: 150)",
    "Dec 11 16:59:23 node-3 dnsmasq[7]: Maximum number of concurrent DNS queries reached (max: 150)",
    "2016-12-11 16:59:22.220 1165 ERROR oslo_db.api DBDeadlock: (pymysql.err.InternalError) (1213, "
    "'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction')",
])
# A phone screenshot of a long page is cut here: the top is what a reader sees first.
MAX_HEIGHT = {1280: 2600, 390: 2600}


def shoot(page, name: str, width: int):
    height = page.evaluate("document.documentElement.scrollHeight")
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT[width])}
    page.screenshot(path=OUT / f"{name}-{width}.png", full_page=True, clip=clip)
    print(f"{name}-{width}.png: page {page.evaluate('document.documentElement.scrollWidth')} x {height} px")


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme="light")
            page.goto(f"{BASE}/issues/?sort=-hits")
            shoot(page, "issue-list", width)
            # The issue hit most in the last 24 hours, so that its chart has something to show.
            page.goto(BASE + page.locator("table.issue-table tbody th a").first.get_attribute("href"))
            shoot(page, "issue-page", width)
            page.goto(f"{BASE}/match/")
            page.fill("form[data-paste-form] textarea", LOG)
            page.get_by_role("button", name="Find known issues").click()
            page.wait_for_url("**/results/*/")
            page.evaluate("document.activeElement.blur()")
            shoot(page, "match-answer", width)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
