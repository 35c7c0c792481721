"""kb in a real browser: headless Chromium driven by Playwright against live_server.

The browser is the system's (/usr/bin/chromium, Debian's `chromium` package);
Playwright never downloads one here. Without it these tests skip, except in CI
(`CI` set), where they fail: CI must install it (.ci/run does).

Every page a test opens is watched: a JavaScript dialog (alert/confirm/prompt)
fails the test, and so does a Content-Security-Policy violation, a failed load
or a script error, on every page, the admin and /api/docs/ included.
"""

import csv
import io
import json
import os
import re
import shutil
from datetime import UTC, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from kb.learning.models import HitBucket
from kb.learning.recording import hour_of
from kb.models import Issue, IssueRelation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.rst"))
XSS_FILE = ROOT / "tests" / "data" / "xss_payloads.rst"
CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 15_000
DNS_LINE = ("I1211 16:59:31.000000 1 nanny.go:108] "
    "dnsmasq[7]: Maximum number of concurrent DNS queries reached (max: 150)")


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
        if message.type != "error":
            return
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


def test_it_browses_and_filters_the_issue_list_as_cards(page, knowledge):
    page.goto("/issues/")
    page.get_by_role("link", name="Cards").click()
    page.wait_for_url("**/issues/?view=cards")
    cards = page.locator(".issue-card")
    total = Issue.objects.active().count()
    assert cards.count() == total
    # A component chip filters the list to that component.
    page.locator(".issue-card .chip", has_text=re.compile(r"^kubedns$")).first.click()
    page.wait_for_url(re.compile(r"component=kubedns"))
    assert "view=cards" in page.url
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
    assert "view=cards" in page.url


def test_it_matches_a_pasted_log_and_highlights_the_lines(page, knowledge):
    log = "\n".join([
        "2016-12-11 16:59:20.001 1 INFO kubedns started",
        DNS_LINE,
        "some unrelated noise line that matches nothing at all",
        DNS_LINE,
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
    assert "dnsmasq containers" in match.locator(".remedy__text").inner_text()
    assert "dns-forward-max" in match.locator(".remedy__full .prose").text_content()
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


# ---- The issue table, the chart, widths (issue 13) --------------------------------


def row_titles(page) -> list[str]:
    return [t.strip() for t in page.locator("table.issue-table tbody th.col-title").all_inner_texts()]


def test_the_issue_table_sorts_pages_filters_and_exports(page, knowledge):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Issues").click()
    page.wait_for_url("**/issues/")
    total = Issue.objects.active().count()
    assert page.locator(".pager__range").inner_text() == f"1–{total} of {total}"
    # Sort: a click on a header sorts by it, a second click reverses.
    page.locator("thead th.col-title a").click()
    page.wait_for_url(re.compile(r"sort=title"))
    ordered = sorted(Issue.objects.active().values_list("title", flat=True))
    assert row_titles(page) == ordered
    assert page.locator("thead th.col-title").get_attribute("aria-sort") == "ascending"
    page.locator("thead th.col-title a").click()
    page.wait_for_url(re.compile(r"sort=-title"))
    assert row_titles(page) == ordered[::-1]
    # Page: 10 per page, then the next page; the sort is kept.
    page.goto("/issues/?sort=-title&per_page=10")
    assert row_titles(page) == ordered[::-1][:10]
    page.get_by_role("link", name="Next ›").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert row_titles(page) == ordered[::-1][10:20]
    assert page.locator(".pager__range").inner_text() == f"11–20 of {total}"
    # Filter: a component link in a row narrows the list and keeps sort and page size. The
    # component is one on this page whose issues have more than one status, to filter further.
    names = page.locator("td.col-components a").all_inner_texts()
    name = next(n for n in names if Issue.objects.active().filter(components__name=n)
                .values("status").distinct().count() > 1)
    page.locator("td.col-components a", has_text=re.compile(f"^{re.escape(name)}$")).first.click()
    page.wait_for_url(re.compile(r"component="))
    assert "sort=-title" in page.url and "per_page=10" in page.url and "&page=" not in page.url
    expected = Issue.objects.active().filter(components__name=name).order_by("-title")
    assert row_titles(page) == [i.title for i in expected]
    status = expected.first().status
    page.select_option("#f-status", status)
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(f"status={status}"))
    assert "sort=-title" in page.url  # the filter form carries the sort
    fixed = [i.title for i in expected.filter(status=status)]
    assert 0 < len(fixed) < len(expected) and row_titles(page) == fixed
    # Export: the CSV link downloads the filtered, sorted list.
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text())))
    assert [row["title"] for row in rows] == fixed
    with page.expect_download() as info:
        page.get_by_role("link", name="JSON").click()
    assert [r["title"] for r in json.loads(Path(info.value.path()).read_text())["results"]] == fixed
    page.get_by_role("link", name="Clear").click()
    page.wait_for_url(re.compile(r"/issues/$"))
    assert len(row_titles(page)) == total


def test_the_hits_column_and_the_issue_page_chart_show_hits(page, knowledge):
    issue = Issue.objects.get(slug="kubedns-cannot-handle-big-cluster-load-with-default-settings")
    now = timezone.now()
    for days_ago, count in [(0, 3), (2, 7), (20, 1)]:
        HitBucket.objects.create(issue=issue, hour=hour_of(now) - timedelta(days=days_ago), count=count)
    Issue.objects.filter(pk=issue.pk).update(first_seen=now - timedelta(days=20), last_seen=now)
    page.goto("/issues/?sort=-hits")
    first = page.locator("table.issue-table tbody tr").first
    assert first.locator("th.col-title").inner_text().strip() == issue.title
    spark = first.locator("svg.spark")
    assert spark.get_attribute("aria-label") == "Hits per hour over the last 24 hours: 3"
    assert spark.locator("rect.spark__bar").count() == 1
    assert first.locator(".hits-cell__n").inner_text() == "3"
    first.locator("th.col-title a").click()
    page.wait_for_url(f"**{issue.get_absolute_url()}")
    chart = page.locator("#trend-title ~ figure svg.chart")
    box = chart.bounding_box()
    assert box["width"] > 300 and 60 < box["height"] < 140
    bars = chart.locator("rect.chart__bar")
    assert bars.count() == 3
    today = now.astimezone(UTC).date()
    tips = sorted(t.strip() for t in bars.locator("title").all_text_contents())
    assert tips == sorted([f"{today:%Y-%m-%d}: 3 hits", f"{today - timedelta(days=2):%Y-%m-%d}: 7 hits",
                           f"{today - timedelta(days=20):%Y-%m-%d}: 1 hit"])
    heights = {t.split(":")[1].strip(): float(b.get_attribute("height"))
               for b, t in zip(bars.all(), bars.locator("title").all_text_contents(), strict=True)}
    assert heights["7 hits"] > heights["3 hits"] > heights["1 hit"]
    assert "11 hits in 30 days, at most 7 a day" in page.locator(".trend__axis").inner_text()
    facts = page.locator(".facts").text_content()
    assert "First seen" in facts and "Last seen" in facts and "never matched" not in facts


def test_focus_moves_to_the_result_heading_after_a_paste(page, knowledge):
    page.goto("/match/")
    page.fill("form[data-paste-form] textarea", DNS_LINE)
    page.get_by_role("button", name="Find known issues").click()
    page.wait_for_url("**/results/*/")
    assert page.evaluate("document.activeElement.id") == "result-title"
    assert page.evaluate("document.activeElement.tagName") == "H1"


def test_the_sender_can_keep_the_log_text_with_the_permalink(page, knowledge):
    """The paste form offers the box the README names; by default the link keeps no log text."""
    page.goto("/")
    form = page.locator("form[data-paste-form]")
    # every description an input points at is on the page (the file's help was not)
    for described in form.locator("[aria-describedby]").all():
        for ref in described.get_attribute("aria-describedby").split():
            assert page.locator(f"#{ref}").count() == 1, ref
    keep = page.get_by_label("Keep my log text with the result's link")
    assert not keep.is_checked()
    log = DNS_LINE
    form.locator("textarea").fill(log)
    keep.check()
    page.get_by_role("button", name="Find known issues").click()
    page.wait_for_url("**/results/*/")
    assert page.locator("#paste textarea").input_value().strip() == log
    assert "the log text was kept at the sender's request" in page.locator(".page-header").inner_text()
    # unticked, the next answer's link keeps no text
    page.goto("/")
    page.locator("form[data-paste-form] textarea").fill(log)
    page.get_by_role("button", name="Find known issues").click()
    page.wait_for_url("**/results/*/")
    assert page.locator("#paste textarea").input_value() == ""
    assert "kept at the sender's request" not in page.locator(".page-header").inner_text()


def _running_job(**progress):
    from kb.jobs.models import Job

    now = timezone.now()
    return Job.objects.create(name="node-3.log", input_path="none", input_bytes=10_000_000,
                              state=Job.State.RUNNING, started_at=now, heartbeat_at=now, **progress)


def test_a_job_page_updates_its_progress_in_place_then_opens_the_result(page, knowledge):
    """kb.js polls the job's JSON: the numbers move without a reload (the page's own state,
    window.stayed, survives), and the finished job's result opens by itself."""
    from kb.jobs.models import Job
    from kb.jobs.results import store
    from kb.matching.loader import current_engine

    job = _running_job(bytes_read=1_000_000, lines_read=100)
    page.goto(f"/jobs/{job.pk}/")
    page.evaluate("window.stayed = true")
    assert "100 lines" in page.locator("[data-job-read]").inner_text()
    assert not page.locator("[data-job-current]").is_visible()  # nothing being read yet
    Job.objects.filter(pk=job.pk).update(bytes_read=5_242_880, lines_read=52_000, heartbeat_at=timezone.now(),
                                         current="var/log/nova/nova-compute.log")
    page.locator("[data-job-read]", has_text="52,000 lines").wait_for()
    assert page.locator("progress").get_attribute("value") is not None
    assert page.locator("progress").evaluate("bar => bar.value") == 5_242_880
    read = page.locator("[data-job-read]").inner_text()
    assert read == "5.0 MiB of 9.5 MiB of the upload, 52,000 lines, 0 files done", read
    assert page.locator("[data-job-current]").inner_text() == "var/log/nova/nova-compute.log"
    assert page.locator("[data-job-current]").is_visible()
    assert page.evaluate("window.stayed") is True  # updated in place, not reloaded
    result = store(current_engine().match_text(DNS_LINE), "job", name="node-3.log")
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, result=result, finished_at=timezone.now())
    page.wait_for_url(f"**/results/{result.pk}/")
    assert "1 known issue found" in page.locator("h1").inner_text()


def test_a_job_is_cancelled_from_its_page_with_and_without_javascript(browser, live_server, page, knowledge):
    from kb.jobs.models import Job

    for tab in (page, browser.new_context(base_url=live_server.url, java_script_enabled=False).new_page()):
        job = Job.objects.create(name="queued.log", input_path="none", input_bytes=1000)
        tab.goto(f"/jobs/{job.pk}/")
        tab.get_by_role("button", name="Cancel the job").click()
        tab.wait_for_url(f"**/jobs/{job.pk}/")
        tab.locator("h1", has_text="cancelled").wait_for()
        assert Job.objects.get(pk=job.pk).state == Job.State.CANCELLED
        assert tab.get_by_role("button", name="Cancel the job").count() == 0


def test_a_job_page_without_javascript_reloads_itself(browser, live_server, knowledge):
    """The <noscript> refresh: the page still follows the job when scripts are off."""
    from kb.jobs.models import Job

    job = _running_job(bytes_read=1_000, lines_read=7)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    tab.goto(f"/jobs/{job.pk}/")
    assert "7 lines" in tab.locator("[data-job-read]").inner_text()
    Job.objects.filter(pk=job.pk).update(lines_read=900, heartbeat_at=timezone.now())
    tab.locator("[data-job-read]", has_text="900 lines").wait_for()
    context.close()


def test_staff_see_edit_on_an_issue_page_leading_to_the_admin(page, knowledge):
    issue = Issue.objects.active().first()
    page.goto(issue.get_absolute_url())
    assert page.get_by_role("link", name=re.compile(r"^Edit")).count() == 0
    log_in_as_staff(page)
    page.goto(issue.get_absolute_url())
    page.get_by_role("link", name=re.compile(r"^Edit")).click()
    page.wait_for_url(f"**/admin/kb/issue/{issue.pk}/change/")
    assert page.locator("#id_title").input_value() == issue.title


def log_in_as_staff(page):
    User = get_user_model()
    if not User.objects.filter(username="editor").exists():
        User.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


# What sticks out of the viewport: every visible element whose box passes the right or left edge,
# unless an ancestor scrolls or clips it sideways (a code block, the status pills strip); that
# ancestor is itself checked. The document must not scroll sideways either.
TOO_WIDE_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const clipped = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    if (r.right <= vw + 0.5 && r.left >= -0.5) continue;
    if (clipped(el)) continue;
    const cls = typeof el.className === "string" ? el.className.trim().split(/\\s+/).join(".") : "";
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (cls ? "." + cls : "");
    wide.push(`${name} [${Math.round(r.left)}..${Math.round(r.right)}]`);
  }
  return {viewport: vw, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 8)};
}"""


# Every page a person opens with GET, by URL name: the 390 px check below visits each. A new URL
# name must be added here or to NOT_PAGES (test_every_url_name_is_width_checked_or_not_a_page).
def page_urls(o) -> dict[str, list[str]]:
    """`o` holds an issue, document, cluster, signature, result and job to open pages of."""
    from django.urls import reverse

    issue, document, cluster, signature = o.issue, o.document, o.cluster, o.signature
    return {
        "kb:home": ["/"],
        "kb:issue_list": ["/issues/", "/issues/?view=cards", "/issues/?sort=-hits&per_page=5"],
        "kb:issue": [issue.get_absolute_url()],
        "kb:document_list": ["/documents/"],
        "kb:document": [document.get_absolute_url()],
        "kb:search": ["/search/?q=dnsmasq+concurrent", "/search/"],
        "kb:paste": ["/match/"],
        "learning:unknown_list": ["/unknown/", "/unknown/?status=ignored"],
        "learning:unknown_new_issue": [reverse("learning:unknown_new_issue", args=[cluster.pk])],
        "learning:hot_report": ["/reports/hot/"],
        "learning:signature_report": ["/reports/signatures/"],
        "api:unknown-list": ["/api/unknown/"],
        "api:unknown-detail": [f"/api/unknown/{cluster.pk}/"],
        "api:root": ["/api/"],
        "api:search": ["/api/search", "/api/search?q=dnsmasq"],
        "api:match": ["/api/match", "/api/match?q=" + DNS_LINE.replace(" ", "+")],
        "api:import": ["/api/import"],
        "api:docs": ["/api/docs/"],
        "api:issue-list": ["/api/issues/"],
        "api:issue-detail": [f"/api/issues/{issue.slug}/"],
        "api:signature-list": ["/api/signatures/"],
        "api:signature-detail": [f"/api/signatures/{signature.pk}/"],
        "api:component-list": ["/api/components/"],
        "api:component-detail": ["/api/components/kubedns/"],
        "api:document-list": ["/api/documents/"],
        "api:document-detail": [f"/api/documents/{document.slug}/"],
        "jobs:result": [f"/results/{o.result.pk}/"],
        "jobs:job": [f"/jobs/{o.job.pk}/"],
        "api:result": [f"/api/results/{o.result.pk}"],
        "api:job": [f"/api/jobs/{o.job.pk}"],
        "api:jobs": ["/api/jobs"],
    }


NOT_PAGES = {
    # POST only (forms and webhooks), machine formats, or the API's catch-all 404.
    "learning:unknown_add_signature", "learning:unknown_set_status", "learning:feedback",
    "api:feedback", "api:unknown-issue", "api:unknown-set-status", "api:unknown-signature", "api:schema",
    "api:None", "kb:health",
    "chatops:slack", "chatops:slack_interactivity", "chatops:mattermost", "chatops:mattermost_action",
    "jobs:job_cancel", "api:job-cancel",
}


def url_names() -> set[str]:
    from django.urls import URLResolver, get_resolver

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            else:
                yield f"{namespace}:{pattern.name}" if namespace else str(pattern.name)

    return set(walk(get_resolver().url_patterns, None))


def admin_urls(user) -> list[str]:
    """The admin's index, each app's list, and each model's list, add, change and history pages."""
    from django.contrib import admin
    from django.urls import reverse

    urls = ["/admin/", "/admin/password_change/"]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        if admin.site._registry[model].has_add_permission(SimpleNamespace(user=user)):
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[first.pk]))
    urls += sorted({f"/admin/{model._meta.app_label}/" for model in admin.site._registry})
    return urls


def test_every_url_name_is_width_checked_or_not_a_page():
    one = SimpleNamespace(pk=1, slug="x", get_absolute_url=lambda: "/x/")
    stand_in = SimpleNamespace(issue=one, document=one, cluster=one, signature=one, result=one, job=one)
    covered = set(page_urls(stand_in)) | NOT_PAGES
    missing = url_names() - covered
    assert missing == set(), f"new URL names {sorted(missing)}: add them to page_urls() or NOT_PAGES"


def busy_knowledge():
    """Enough recorded use that every report and queue page has rows, as in real use."""
    from kb.learning.recording import record_feedback, record_report
    from kb.matching.report import MatchReport
    from kb.models import Signature
    from tests.base import matched

    issue = Issue.objects.get(slug="kubedns-cannot-handle-big-cluster-load-with-default-settings")
    long_line = ("nova.compute.manager [req-6c2f4b0e-1d7a-4f3e-9b2a-8c1d2e3f4a5b admin admin] "
                 "[instance: 0f1e2d3c-4b5a-6978-8899-aabbccddeeff] Failed to allocate network(s): "
                 "/var/lib/kolla/venv/lib/python3.10/site-packages/nova/network/neutron.py:VeryLongIdentifier")
    report = MatchReport((matched(issue),), 3, 1, ((2, long_line), (3, "x" * 300)), 2)
    record_report(report, "web")
    signature = Signature.objects.filter(issue=issue).first()
    record_feedback(issue, "wrong", "web", signature_text=signature.text, line=DNS_LINE)
    from kb.jobs.models import Job
    from kb.jobs.results import store
    from kb.learning.models import UnknownCluster
    from kb.matching.loader import current_engine

    paste = "\n".join([DNS_LINE, long_line, "y" * 400])
    result = store(current_engine().match_text(paste), "web", name="node-3-" + "z" * 80 + ".log")
    job = Job.objects.create(name="sosreport-node-3.tar.xz", input_path="none", input_bytes=123456789)
    return SimpleNamespace(issue=issue, document=issue.document, signature=signature, result=result, job=job,
                           cluster=UnknownCluster.objects.order_by("pk").first())


def test_no_page_is_wider_than_a_390_px_phone(browser, live_server, knowledge, settings):
    """Anonymous and staff, kb's pages, the browsable API, Swagger UI and the admin, at 390 px."""
    settings.KB_ANON_THROTTLE = None
    urls = [u for group in page_urls(busy_knowledge()).values() for u in group]
    urls.append("/no-such-page/")  # the 404 page
    failures = []
    for staff in (False, True):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                      is_mobile=True, has_touch=True, device_scale_factor=1)
        context.route(re.compile(r"^(?!http://(localhost|127\\.0\\.0\\.1)[:/]).*"), lambda r: r.abort())
        tab = context.new_page()
        if staff:
            log_in_as_staff(tab)
            extra = admin_urls(get_user_model().objects.get(username="editor"))
        else:
            extra = ["/admin/login/"]
        for url in urls + extra:
            tab.goto(url)
            tab.wait_for_load_state("load")
            if url == "/api/docs/":
                tab.wait_for_selector(".opblock-summary-path")
            found = tab.evaluate(TOO_WIDE_JS)
            if found["scrollWidth"] > found["viewport"] or found["wide"]:
                failures.append(f"{'staff' if staff else 'anonymous'} {url}: {found}")
        context.close()
    assert failures == [], "\n".join(failures)


def test_the_admin_issue_page_fits_a_1280_px_screen(page, knowledge):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_as_staff(page)
    issue = Issue.objects.filter(upstream_links__isnull=False).first()
    page.goto(f"/admin/kb/issue/{issue.pk}/change/")
    found = page.evaluate(TOO_WIDE_JS)
    assert found["scrollWidth"] <= 1280 and found["wide"] == [], found


def test_the_match_card_shows_upstream_badges_the_release_and_the_full_fix(page, knowledge):
    pxc = ("2016-12-11 16:59:22.220 1165 ERROR oslo_db.api DBDeadlock: (pymysql.err.InternalError) (1213, "
           "'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction')")
    page.goto("/match/")
    page.fill("form[data-paste-form] textarea", f"{DNS_LINE}\n{pxc}")
    page.get_by_role("button", name="Find known issues").click()
    page.wait_for_url("**/results/*/")
    dns = page.locator("article.match", has=page.locator(".match__title", has_text="KubeDNS cannot handle"))
    # Under the remedy: each upstream link with its kind and status badges.
    link = dns.locator(".upstream-list li", has_text="kargo issue #643")
    assert link.locator("a").get_attribute("href") == "https://github.com/kubernetes-incubator/kargo/issues/643"
    assert link.locator(".badge--kind").inner_text() == "GitHub issue"
    assert link.locator(".badge--link-fixed").inner_text().lower() == "fixed"
    assert dns.locator(".upstream-list li").count() == 2
    # The short remedy stops at a list item; the full fix is one click away, on the card.
    short = dns.locator(".remedy__text").inner_text()
    assert short.startswith("The fix is needed at several levels:") and "--dns-forw" not in short
    full = dns.locator(".remedy__full .prose")
    assert not full.is_visible()
    dns.get_by_text("Show the full fix").click()
    assert full.is_visible() and "--dns-forward-max=1000" in full.inner_text()
    # A fixed issue says which release carries the fix.
    title = page.locator(".match__title", has_text="PXC pseudo-deadlocks")
    deadlock = page.locator("article.match", has=title)
    assert "The fix ships in Newton." in deadlock.locator(".remedy__release").inner_text()
    assert deadlock.locator(".upstream-list .badge--kind", has_text="Gerrit review").count() == 2


# What real documents put in titles and symptoms (cert-manager's and Argo CD's troubleshooting
# pages, a Cinder runbook): a message, a URL, a path with no space to break at.
LONG_WORDS_RST = """\
Certificates
============

Failed to update ACME account:400 urn:ietf:params:acme:error:invalidEmail
---------------------------------------------------------------------------

Symptoms
~~~~~~~~

The issuer stays not ready, and the attach of the volume fails in
/usr/lib/python2.7/dist-packages/cinder/volume/drivers/san/hp/hp_3par_common.py with the log:

::

    ERROR cert-manager/issuers "msg"="failed to register an ACME account" "error"="400 urn:ietf:params"

Solution
~~~~~~~~

Give the issuer a real e-mail address for https://api.github.com/repos/xxxx/yyyy/statuses/abcdef.
"""


def test_long_unbroken_words_of_real_documents_fit_a_390_px_phone(browser, live_server, tmp_path, settings):
    """Seen at 390 px after importing real documents: an issue page's title, the document's list of
    issues, the search hits and the issue cards 400-650 px wide, each by a title or excerpt holding
    a URL, a URN or a path; a match card's remedy quoting a URL; a bundle's result page, its
    per-file table 502 px wide."""
    import tarfile

    from kb.analysis import analyse
    from kb.intake import members
    from kb.jobs.results import store
    from kb.matching.loader import current_engine

    settings.KB_ANON_THROTTLE = None
    source = tmp_path / "acme_troubleshooting.rst"
    source.write_text(LONG_WORDS_RST)
    call_command("import_docs", str(source), verbosity=0)
    issue = Issue.objects.get(title__startswith="Failed to update ACME account")
    bundle = tmp_path / "sosreport-node-3.tar.gz"
    with tarfile.open(bundle, "w:gz") as archive:
        for name, text in [("var/log/containers/cert-manager-7d9f8b6c5d-x2x9k_cert-manager_cert-manager.log",
                            "E1206 10:00:00.000000 1 sync.go:70] failed to register an ACME account\n"),
                           ("var/log/dnsmasq.log", DNS_LINE + "\n")]:
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    report = analyse(current_engine(), members(str(bundle), 1 << 20), full_limit=1 << 20)
    result = store(report, "job", name=bundle.name)
    urls = [issue.get_absolute_url(), issue.document.get_absolute_url(), "/search/?q=volume+attach+issuer",
            "/issues/?view=cards", f"/results/{result.pk}/"]
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True, device_scale_factor=1)
    context.route(re.compile(r"^(?!http://(localhost|127\\.0\\.0\\.1)[:/]).*"), lambda r: r.abort())
    tab = context.new_page()
    failures = []
    for url in urls:
        tab.goto(url)
        found = tab.evaluate(TOO_WIDE_JS)
        if found["scrollWidth"] > found["viewport"] or found["wide"]:
            failures.append(f"{url}: {found}")
        if url.startswith("/search/"):
            assert tab.locator(".hit").count() == 1  # the search found the issue: its hit was measured
    context.close()
    assert failures == [], "\n".join(failures)
