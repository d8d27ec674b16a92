"""Hostile text everywhere a seller, a buyer's order or a report can put it: no script runs.

An XSS corpus (script tags, event handlers, javascript: URLs, SVG, CSS expressions, broken
markup) goes into drafts (plain text and HTML), their subjects, review comments, the template
library, order fields and an imported order report. Each page that shows them is opened in
Chromium with a dialog listener, a console listener and a Content-Security-Policy violation
listener. Two defences are checked separately: the text is escaped (no injected element, handler
or javascript: URL reaches the DOM of the page or of any frame), and the policy never had to
block anything (a violation would mean the escaping failed somewhere).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import Page, expect

from composer import import_jobs
from composer.models import Draft, ImportJob, MessageTemplate, Order, Team, User
from tests.composer.report_files import all_orders, all_orders_row
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

CORPUS = [
    "<script>alert('xss-script')</script>",
    "<img src=x onerror=alert('xss-img')>",
    "<svg onload=alert('xss-svg')><circle r=1 /></svg>",
    "<svg><script>alert('xss-svg-script')</script></svg>",
    "<a href=\"javascript:alert('xss-js-url')\">track your parcel</a>",
    "<a href=\"  JaVaScRiPt:alert('xss-js-url-2')\">x</a>",
    "<iframe src=\"javascript:alert('xss-iframe')\"></iframe>",
    "<div style=\"background:url(javascript:alert('xss-css-url'))\">x</div>",
    "<div style=\"width: expression(alert('xss-css-expression'))\">x</div>",
    "<style>@import 'javascript:alert(1)'; body{background:url(\"javascript:alert('xss-style')\")}</style>",
    "\"><script>alert('xss-attr-break')</script>",
    "'><img src=x onerror=alert('xss-quote-break')>",
    "</textarea><script>alert('xss-textarea-break')</script>",
    "</title><script>alert('xss-title-break')</script>",
    "<<script>alert('xss-broken');//<</script>",
    "<img src=\"x` `<script>alert('xss-backtick')</script>\"` `>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-mxss')>",
    "<details open ontoggle=alert('xss-toggle')>",
    "<input autofocus onfocus=alert('xss-focus')>",
    "<object data=\"javascript:alert('xss-object')\"></object>",
    "<body onload=alert('xss-body')>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss-meta\')">',
    "{{7*7}} {% debug %} ${alert('xss-template')}",
]
PAYLOAD = "\n".join(CORPUS)
SHORT = "<img src=x onerror=alert('xss-short')>"

# Records Content-Security-Policy violations; Playwright injects it, so the policy allows it.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "") + " " + (e.sample || ""));
});
"""

# Anything the corpus could have injected if it were not escaped or sanitised.
INJECTED = """
() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) found.push(`${el.tagName} ${attr.name}`);
      if (/^\\s*javascript:/i.test(attr.value) && ["href", "src", "data", "action"].includes(attr.name)) {
        found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
  }
  for (const s of document.querySelectorAll("script:not([src])")) found.push("inline script");
  for (const tag of ["svg script", "object", "embed", "iframe:not(#preview-frame)", "meta[http-equiv=refresh i]"]) {
    for (const el of document.querySelectorAll(tag)) found.push(`element ${tag}`);
  }
  return found;
}
"""


@pytest.fixture
def hostile(demo) -> dict:
    """Put the corpus everywhere the site stores text from people, and return the objects."""
    team = Team.objects.get(name="Demo")
    seller = User.objects.get(username="seller")
    lead = User.objects.get(username="lead")
    admin = User.objects.get(username="admin")
    now = timezone.now()
    order = Order.objects.create(
        team=team,
        amazon_order_id="112-0000001-0000001",
        marketplace="US",
        buyer_locale="en-US",
        purchase_date=now - timedelta(days=9),
        delivery_date=now - timedelta(days=6),
        product_name=PAYLOAD[:500],
        buyer_name=SHORT,
        sku="<svg onload=alert('xss-sku')>"[:100],
    )
    drafts = {}
    for fmt in (Draft.Format.TEXT, Draft.Format.HTML):
        drafts[fmt] = make_draft(seller, order, f"Hello,\n{PAYLOAD}\nKind regards", format=fmt, subject=SHORT)
    reviewed = make_draft(seller, order, f"Hello,\n{PAYLOAD}", subject=SHORT, status=Draft.Status.SUBMITTED)
    reviewed.add_comment(by=lead, body=PAYLOAD)
    reviewed.add_comment(by=lead, body=SHORT, start=7, end=7 + len(CORPUS[0]))
    template, _ = MessageTemplate.objects.update_or_create(
        message_type="custom_design", language="fr", defaults={"subject": SHORT, "body": PAYLOAD}
    )
    template.record_version(by=admin, note=SHORT)
    job = _import_hostile_report(team, seller)
    return {"order": order, "drafts": drafts, "reviewed": reviewed, "template": template, "job": job}


def _import_hostile_report(team: Team, seller: User) -> ImportJob:
    rows = [
        all_orders_row("112-0000002-0000002", product=CORPUS[1], sku=CORPUS[2][:40]),
        all_orders_row("112-0000003-0000003", product=CORPUS[4], **{"ship-city": CORPUS[0]}),
        # Rows the import refuses: their reasons quote what was in the file.
        all_orders_row(CORPUS[0]),
        all_orders_row("112-0000004-0000004", purchase_date=CORPUS[1], quantity=CORPUS[6]),
    ]
    data = all_orders(rows)
    job = ImportJob(team=team, created_by=seller, file_name=f"{SHORT}.txt", file_size=len(data))
    job.file.save("report.txt", ContentFile(data), save=False)
    job.save()
    return import_jobs.run_import(job.pk)


@pytest.fixture
def watched(page: Page) -> dict:
    """Listen for dialogs, console messages and policy violations on every page opened."""
    seen: dict[str, list[str]] = {"dialogs": [], "console": []}

    def on_dialog(dialog) -> None:
        seen["dialogs"].append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda message: seen["console"].append(f"{message.type}: {message.text}"))
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    return seen


def _assert_no_script_ran(page: Page, seen: dict, where: str) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # let autofocus, ontoggle and onload handlers fire if any exist
    assert seen["dialogs"] == [], f"{where}: a dialog opened: {seen['dialogs']}"
    policy = [m for m in seen["console"] if "Content Security Policy" in m or "Refused to" in m]
    assert policy == [], f"{where}: the policy had to block something: {policy}"
    for frame in page.frames:
        violations = frame.evaluate("window.__cspViolations || []")
        assert violations == [], f"{where} ({frame.url}): policy violations {violations}"
        injected = frame.evaluate(INJECTED)
        assert injected == [], f"{where} ({frame.url}): injected markup reached the DOM: {injected}"


def _visit(page: Page, url: str, seen: dict, *, shows: str | None = None) -> None:
    page.goto(url)
    if shows is not None:
        # The text is shown as text, not dropped: the page really rendered the hostile value.
        expect(page.locator("body")).to_contain_text(shows)
    _assert_no_script_ran(page, seen, url)


def test_no_script_runs_on_the_sellers_pages(page: Page, live_server, hostile, login, watched) -> None:
    login("seller")
    base = live_server.url
    order, drafts, job = hostile["order"], hostile["drafts"], hostile["job"]
    _visit(page, f"{base}/drafts/", watched)
    _visit(page, f"{base}/drafts/{drafts['text'].pk}/", watched)
    _visit(page, f"{base}/drafts/{drafts['html'].pk}/", watched)
    _visit(page, f"{base}/drafts/{hostile['reviewed'].pk}/", watched, shows="alert('xss-short')")
    _visit(page, f"{base}/orders/", watched, shows="onerror=alert('xss-img')")
    _visit(page, f"{base}/orders/{order.pk}/", watched, shows="<script>alert('xss-script')</script>")
    _visit(page, f"{base}/messages/new/", watched)
    _visit(page, f"{base}/orders/import/", watched, shows=SHORT)
    _visit(page, f"{base}/orders/imports/{job.pk}/", watched, shows=SHORT)
    imported = Order.objects.get(amazon_order_id="112-0000002-0000002")
    _visit(page, f"{base}/orders/{imported.pk}/", watched, shows=CORPUS[1])


def test_typing_the_corpus_into_the_editor_runs_no_script(
    page: Page, live_server, hostile, login, watched
) -> None:
    login("seller")
    for fmt in ("text", "html"):
        draft = hostile["drafts"][fmt]
        page.goto(f"{live_server.url}/drafts/{draft.pk}/")
        message = page.get_by_role("textbox", name="Message")
        with page.expect_response(lambda r: r.url.endswith("/check/")):
            message.fill("Hello,\n" + PAYLOAD + "\n" + SHORT)
        page.wait_for_timeout(300)
        _assert_no_script_ran(page, watched, f"editor ({fmt}) after a live check")
        page.get_by_role("button", name="Save draft").click()
        _assert_no_script_ran(page, watched, f"editor ({fmt}) after saving")
        draft.refresh_from_db()
        assert PAYLOAD in draft.body  # stored exactly as typed: escaping happens on output


def test_no_script_runs_on_the_review_pages(page: Page, live_server, hostile, login, watched) -> None:
    login("lead")
    base = live_server.url
    _visit(page, f"{base}/review/", watched)
    _visit(page, f"{base}/review/{hostile['reviewed'].pk}/", watched, shows="alert('xss-svg')")


def test_no_script_runs_in_the_template_library(page: Page, live_server, hostile, login, watched) -> None:
    login("admin")
    base = live_server.url
    template = hostile["template"]
    _visit(page, f"{base}/templates/", watched)
    _visit(page, f"{base}/templates/{template.pk}/", watched)
    _visit(page, f"{base}/templates/{template.pk}/history/", watched, shows=SHORT)
