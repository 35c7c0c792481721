"""kb in a real browser: headless Chromium driven by Playwright against live_server.

The browser is the system's (/usr/bin/chromium, Debian's `chromium` package);
Playwright never downloads one here. Without it these tests skip, except in CI
(`CI` set), where they fail: CI must install it (.ci/run does).

Every page a test opens is watched: a JavaScript dialog (alert/confirm/prompt)
fails the test, and so does a Content-Security-Policy violation or a script
error on kb's own pages (the admin is Django's and is not held to it; Swagger
UI's inline styles on /api/docs/, which the CSP drops, are tolerated).
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from kb.models import Issue, IssueRelation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.rst"))
XSS_FILE = ROOT / "tests" / "data" / "xss_payloads.rst"
CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 15_000
DNS_LINE = "dnsmasq[7]: Maximum number of concurrent DNS queries reached (max: 150)"


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests (apt-get install -y chromium chromium-driver, "
                    "pip install -r requirements-dev.txt)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM} (set KB_CHROMIUM or install Debian's chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        except Error as exc:
            _unavailable(f"Chromium at {CHROMIUM} did not start: {exc}")
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Watch:
    """What a page did that it must not: dialogs, CSP violations, script errors."""

    def __init__(self):
        self.dialogs: list[str] = []
        self.problems: list[str] = []

    def on_dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(self, page, message):
        if message.type != "error" or "/admin/" in page.url:
            return
        if "/api/docs/" in page.url and "Applying inline style violates" in message.text:
            return  # Swagger UI (drf-spectacular-sidecar) sets inline styles; the CSP drops them, harmlessly
        self.problems.append(f"{page.url}: console error: {message.text}")

    def on_page_error(self, page, error):
        self.problems.append(f"{page.url}: uncaught {error}")


@pytest.fixture
def page(browser, live_server, settings):
    settings.KB_ANON_THROTTLE = None
    context = browser.new_context(base_url=live_server.url, java_script_enabled=True)
    context.set_default_timeout(TIMEOUT_MS)
    # Only the live server: nothing leaves the machine.
    context.route(re.compile(r"^(?!http://(localhost|127\.0\.0\.1)[:/]).*"), lambda route: route.abort())
    tab = context.new_page()
    watch = Watch()
    tab.on("dialog", watch.on_dialog)
    tab.on("console", lambda message: watch.on_console(tab, message))
    tab.on("pageerror", lambda error: watch.on_page_error(tab, error))
    tab.watch = watch
    yield tab
    context.close()
    assert watch.dialogs == [], f"a dialog fired: {watch.dialogs}"
    assert watch.problems == [], watch.problems


@pytest.fixture
def knowledge(db):
    call_command("import_rst", *map(str, FIXTURES), verbosity=0)


def test_the_watch_sees_dialogs_and_csp_violations(page, knowledge):
    """The harness itself: a dialog and a refused inline script are caught (then forgiven here)."""
    page.goto("/")
    page.evaluate("window.alert('harness')")
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';
                             document.body.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert page.watch.dialogs == ["alert: harness"]
    assert page.evaluate("window.ran") is None  # the CSP refused the inline script
    assert any("Content Security Policy" in p for p in page.watch.problems), page.watch.problems
    page.watch.dialogs.clear()
    page.watch.problems.clear()


def test_it_browses_and_filters_the_issue_list(page, knowledge):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Issues").click()
    page.wait_for_url("**/issues/")
    cards = page.locator(".issue-card")
    total = Issue.objects.active().count()
    assert cards.count() == total
    # A component chip filters the list to that component.
    page.locator(".issue-card .chip", has_text=re.compile(r"^kubedns$")).first.click()
    page.wait_for_url(re.compile(r"component=kubedns"))
    expected = Issue.objects.active().filter(components__name="kubedns").count()
    assert 0 < cards.count() == expected < total
    for card in cards.all():
        assert card.locator(".chip", has_text=re.compile(r"^kubedns$")).count() == 1
    # The status select and words field narrow further, through the filter form.
    page.select_option("#f-status", "fixed")
    page.fill("#f-q", "DNS")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"status=fixed"))
    narrowed = Issue.objects.active().filter_by(component="kubedns", status="fixed", q="DNS").count()
    assert cards.count() == narrowed
    page.get_by_role("link", name="Clear").click()
    page.wait_for_url(re.compile(r"/issues/$"))
    assert cards.count() == total


def test_it_matches_a_pasted_log_and_highlights_the_lines(page, knowledge):
    log = "\n".join([
        "2016-12-11 16:59:20.001 1 INFO kubedns started",
        f"Dec 11 16:59:22 node-3 {DNS_LINE}",
        "some unrelated noise line that matches nothing at all",
        f"Dec 11 16:59:23 node-3 {DNS_LINE}",
    ])
    page.goto("/")
    textarea = page.locator("form[data-paste-form] textarea")
    assert textarea.evaluate("el => el === document.activeElement")  # kb.js focuses the paste box
    textarea.fill(log)
    textarea.press("Control+Enter")  # kb.js submits on Ctrl+Enter
    page.wait_for_url("**/results/*/")
    assert page.locator("h1").inner_text().endswith("found")
    match = page.locator("#confident-title ~ article.match").first
    assert "KubeDNS cannot handle big cluster load" in match.locator(".match__title").inner_text()
    assert "dns-forward-max" in match.locator(".remedy__text").inner_text()
    marks = match.locator(".log-line mark")
    assert marks.count() == 2
    assert "Maximum number of concurrent DNS queries reached" in marks.first.inner_text()
    marked = match.locator(".log-line", has=page.locator("mark"))
    numbers = [n.strip() for n in marked.locator(".log-line__number").all_inner_texts()]
    assert numbers == ["2", "4"]  # the lines as pasted, by number
    # the permalink keeps the answer, not the log (unless the sender ticked "keep")
    assert page.locator("#paste textarea").input_value() == ""


def test_it_opens_an_issue_and_follows_a_related_issue(page, knowledge):
    relation = IssueRelation.objects.select_related("from_issue", "to_issue").first()
    assert relation is not None
    page.goto(relation.from_issue.get_absolute_url())
    assert page.locator("h1").inner_text() == relation.from_issue.title
    related = page.locator("#related ~ ul a", has_text=relation.to_issue.title)
    related.click()
    page.wait_for_url(f"**{relation.to_issue.get_absolute_url()}")
    assert page.locator("h1").inner_text() == relation.to_issue.title
    # ... and the relation reads back from the other side.
    assert page.locator("#related ~ ul a", has_text=relation.from_issue.title).count() == 1
    page.locator(".facts a[href*='/documents/']").first.click()
    page.wait_for_url("**/documents/**")
    assert page.locator(".doc-issue__title", has_text=relation.to_issue.title).count() == 1


def test_it_searches_from_any_page_with_the_slash_key(page, knowledge):
    page.goto("/documents/")
    page.keyboard.press("/")  # kb.js: "/" focuses the site search
    search = page.locator("#site-search")
    assert search.evaluate("el => el === document.activeElement")
    search.fill("dnsmasq concurrent queries")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    first = page.locator("ol.hits .hit__title a").first
    assert "KubeDNS" in first.inner_text()
    assert page.locator("ol.hits mark").count() > 0
    first.click()
    assert page.locator("h1").inner_text().startswith("KubeDNS")


def test_an_admin_edit_shows_on_the_issue_page_and_in_matches(page, knowledge):
    get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    issue = Issue.objects.get(slug="kubedns-cannot-handle-big-cluster-load-with-default-settings")
    new_line = "kb-browser-check: resolver pool exhausted on node-<NUM>"
    page.goto("/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/kb/issue/{issue.pk}/change/")
    page.fill("#id_workaround", "Edited in the browser: restart the kubedns pods one by one.")
    page.fill(f"#id_signatures-{issue.signatures.count()}-text", new_line)  # the inline's empty extra row
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    page.goto(issue.get_absolute_url())
    assert "Edited in the browser" in page.locator("#workaround ~ .prose").inner_text()
    assert page.get_by_text("Edited since import.").count() == 1
    assert new_line in page.locator(".signatures").inner_text()
    # The matcher took the edit: the new signature matches a pasted line.
    page.goto("/match/")
    page.fill("form[data-paste-form] textarea", "kb-browser-check: resolver pool exhausted on node-17")
    page.get_by_role("button", name="Find known issues").click()
    page.wait_for_url("**/results/*/")
    assert page.locator("article.match .match__title", has_text=issue.title).count() == 1


HOSTILE_PASTE = "\n".join([
    "evil-xss-marker <img src=x onerror=alert('P43 signature')> failed on node-1",
    "evil-xss-marker \"><svg onload=alert('P44 signature quote')> retry 3",
    "<script>alert('paste-3')</script> nothing known here",
])


def test_the_xss_document_runs_nothing_in_the_browser(page, knowledge):
    call_command("import_rst", str(XSS_FILE), verbosity=0)
    hostile = Issue.objects.filter(document__path__endswith="xss_payloads.rst")
    assert hostile.count() == 2
    urls = ["/", "/issues/", "/documents/", hostile.first().document.get_absolute_url(),
            "/search/?q=evil-xss-marker", "/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/unknown/",
            "/api/issues/" + hostile.first().slug + "/", "/api/docs/"]
    urls += [issue.get_absolute_url() for issue in hostile]
    urls += [f"/issues/?component={c.name}" for issue in hostile for c in issue.components.all()]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        for link in page.locator("main a[href]").all():
            href = (link.get_attribute("href") or "").strip().lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:")), (url, href)
    # Swagger UI works under the CSP (its script is a file; only its inline styles are dropped).
    page.goto("/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=TIMEOUT_MS)
    assert page.locator(".opblock-summary-path", has_text="/api/match").count() >= 1
    # The RST source is shown (the <details> opens) and stays text.
    page.goto(hostile.first().document.get_absolute_url())
    page.locator("details.source summary").click()
    assert "alert('P01 raw directive')" in page.locator("pre.source__code").inner_text()
    # Hostile lines pasted: matched lines are highlighted, nothing runs.
    page.goto("/match/")
    page.fill("form[data-paste-form] textarea", HOSTILE_PASTE)
    page.get_by_role("button", name="Find known issues").click()
    page.wait_for_url("**/results/*/")
    assert page.locator("article.match mark").count() >= 1
    assert "<img src=x onerror=alert('P43 signature')>" in page.locator("article.match").first.inner_text()
    # Markup the page would run if it were unescaped: none is in the live DOM.
    assert page.locator("main script, main iframe, main svg, main object, main embed, main [onerror], "
                        "main [onload], main [onclick]").count() == 0
    assert page.watch.dialogs == []
