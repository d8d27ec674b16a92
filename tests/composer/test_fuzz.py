"""Junk in every field and header of every URL, and in both import files: never a 500.

Hypothesis sends each URL and method of the authorisation matrix (tests/composer/
test_authorisation_matrix.py) form fields and headers made of junk: huge text, NUL and other
control characters, lone surrogates and invalid UTF-8, overflowing numbers, dates at and past
the limits, wrong types (JSON, lists, repeated fields). It does the same to the two files the
site imports: an order report and a template library. After every request it checks that
nothing was half-stored: each draft's stored text is its newest revision, each template's text
its newest version, every order inside the accepted ranges.

The number of examples per URL is kept small so that the suite stays within a couple of
minutes; ``FUZZ_EXAMPLES`` raises it for a longer run.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer import bounds, import_jobs
from composer.models import DictionaryWord, Draft, ImportJob, MessageTemplate, Order

from .report_files import ALL_ORDERS_COLUMNS, FULFILLED_SHIPMENTS_COLUMNS
from .test_authorisation_matrix import OK, ROUTES, TARGETS

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Every field name a form of the site reads, so that junk reaches the code behind each one.
FIELDS = [
    "body",
    "subject",
    "version",
    "message_format",
    "reason",
    "format",
    "upload_destination_id",
    "file_name",
    "message_type",
    "order_id",
    "buyer_locale",
    "passage",
    "start",
    "end",
    "comment",
    "approval_required",
    "acknowledge_warnings",
    "language",
    "word",
    "team",
    "q",
    "marketplace",
    "status",
    "fulfillment_channel",
    "window",
    "encoding",
    "time_zone",
    "delivery_date",
    "amazon_order_id",
    "purchase_date",
    "product_name",
    "buyer_name",
    "next",
    "username",
    "password",
    "old_password",
    "new_password1",
    "new_password2",
    "action",
]

# Values that reach deeper than random text: valid ones, limits, and the classic troublemakers.
SPECIAL = [
    "",
    "0",
    "-1",
    "1",
    "2",
    "3",
    "2147483648",
    "9" * 40,
    "1e309",
    "NaN",
    "-0",
    "9999-12-31T23:59",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01T00:00",
    "1994-12-31T23:59",
    "1995-01-01T00:00",
    "2026-11-20T10:00",
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff tail",
    "\u202e\u200b",
    "{{order_id}}",
    "{{nope}}",
    "[" * 50,
    "[]",
    "{}",
    "null",
    "true",
    "text",
    "html",
    "api",
    "save",
    "fix",
    "autosave",
    "order_question",
    "review_request",
    "en",
    "en-US",
    "de-DE",
    "xx-XX",
    "US",
    "DE",
    "Shipped",
    "AFN",
    "review_request",
    "utf-8",
    "cp932",
    "Europe/Berlin",
    "Not/AZone",
    "114-4909505-8661897",
    "303-1240685-8432959",
    "//evil.example/",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "Hello Laura,\n\nThank you for your order 114-4909505-8661897.\n\nAcme Home",
]
junk_text = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8", categories=["Cc", "Cs", "Cf", "Zs", "So", "Lo"]), max_size=20),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.builds(
        lambda s, n: s * n, st.sampled_from(["a", "é", "👍🏽", "\x00", "{{"]), st.sampled_from([2001, 20001])
    ),
)
field_values = st.one_of(junk_text, st.lists(junk_text, min_size=2, max_size=3))
form_data = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), field_values, max_size=8
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT": st.one_of(
            st.sampled_from(["application/json", "text/html", "*/*", "application/json;q=0"]), junk_text
        ),
        "HTTP_HX_REQUEST": st.sampled_from(["true", "false", "", "\x00"]),
        "HTTP_X_CHECK_SEQ": junk_text,
        "HTTP_ACCEPT_LANGUAGE": st.one_of(st.sampled_from(["zh-Hans", "en", "de;q=x", "*"]), junk_text),
        "HTTP_REFERER": junk_text,
        "HTTP_USER_AGENT": junk_text,
        "HTTP_X_FORWARDED_FOR": junk_text,
    },
)

requests_sent = 0


@pytest.fixture(scope="module", autouse=True)
def _report_request_count(request):
    """Print how many requests the module generated, with the test summary."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nfuzz: {requests_sent} generated requests, none answered 500")


def _encode(data: dict) -> str:
    """Form-encode fields as a browser would, but with whatever bytes the junk holds."""

    def one(value: str) -> str:
        return quote(value.encode("utf-8", "surrogatepass"), safe="")

    pairs = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append(f"{one(key)}={one(item)}")
    return "&".join(pairs)


def _request(client: Client, method: str, url: str, data: dict, extra: dict):
    global requests_sent
    requests_sent += 1
    if method == "GET":
        query = _encode(data)
        return client.get(f"{url}?{query}" if query else url, **extra)
    return client.post(url, _encode(data), content_type="application/x-www-form-urlencoded", **extra)


def assert_nothing_half_stored() -> None:
    """Check what every write must leave behind, whatever it was sent."""
    for draft in Draft.objects.all():
        newest = draft.revisions.order_by("-version").first()
        assert newest is not None and newest.version == draft.version, (
            f"draft {draft.pk}: no revision of its text"
        )
        assert (newest.body, newest.subject) == (draft.body, draft.subject), (
            f"draft {draft.pk}: text not kept"
        )
        assert bounds.is_storable_text(draft.body) and bounds.is_storable_text(draft.subject)
        assert not draft.review_comments.filter(draft_version__gt=draft.version).exists()
    for template in MessageTemplate.objects.all():
        latest = template.latest_version()
        if latest is not None:
            assert (latest.subject, latest.body) == (template.subject, template.body), (
                f"template {template.pk}"
            )
        assert bounds.is_storable_text(template.body) and bounds.is_storable_text(template.subject)
    latest_date = timezone.now() + bounds.LATEST_AHEAD + timedelta(days=1)
    for order in Order.objects.all():
        assert bounds.EARLIEST_DATE <= order.purchase_date <= latest_date, order.amazon_order_id
        assert order.delivery_date is None or bounds.EARLIEST_DATE <= order.delivery_date <= latest_date
        assert 0 <= order.quantity <= bounds.MAX_QUANTITY
        assert bounds.is_storable_text(order.product_name) and bounds.is_storable_text(order.buyer_name)
    for word in DictionaryWord.objects.all():
        assert bounds.is_storable_text(word.word)


def _cases():
    for name, route in sorted(ROUTES.items()):
        for method in route.methods:
            yield pytest.param(name, method, id=f"{name}-{method}")


@pytest.mark.parametrize(("name", "method"), list(_cases()))
def test_junk_never_answers_500_and_stores_nothing_half(
    name, method, seller, other_seller, lead, other_lead, admin_user, order, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # The limits are tested elsewhere; here every request must reach its view.
    settings.RATE_LIMITS = {group: "100000/m" for group in settings.RATE_LIMITS}
    route = ROUTES[name]
    # The owner where the route lets them in, else the admin, who passes every other check.
    persona = seller if route.access.get("seller") == OK else admin_user
    kwargs = dict(route.extra_kwargs)
    if route.target:
        kwargs["pk"] = TARGETS[route.target](seller=seller, order=order, admin_user=admin_user).pk
    url = reverse(name, kwargs=kwargs or None)

    @FUZZ
    @given(data=form_data, extra=headers, with_version=st.booleans())
    def fuzz(data: dict, extra: dict, with_version: bool) -> None:
        client = Client()
        if route.anonymous != OK or name == "logout":
            client.force_login(persona)
        if with_version and "version" not in data and route.target in ("draft", "submitted_draft"):
            # Half the time the right version, so the junk gets past the version check.
            data = {**data, "version": str(Draft.objects.get(pk=kwargs["pk"]).version)}
        response = _request(client, method, url, data, extra)
        assert response.status_code < 500, f"{method} {url} answered {response.status_code}"
        assert_nothing_half_stored()

    fuzz()


# --- The two import files ---------------------------------------------------------------------

cell = st.one_of(
    st.sampled_from(
        [*SPECIAL, "Amazon.com", "Amazon.co.jp", "Shipped - Delivered to Buyer", "2026-11-02T09:15:27+00:00"]
    ),
    st.text(max_size=30),
    st.text(st.characters(codec="utf-8", categories=["Cc", "Cs", "Lo", "So"]), max_size=10),
)


@st.composite
def order_reports(draw) -> bytes:
    columns = draw(st.sampled_from([ALL_ORDERS_COLUMNS, FULFILLED_SHIPMENTS_COLUMNS]))
    header = list(columns)
    if draw(st.booleans()):
        # Junk in the header too: a renamed, dropped or extra column.
        header[draw(st.integers(0, len(header) - 1))] = draw(cell)
    rows = draw(
        st.lists(
            # Mostly the header's width; one more or one less is a row error.
            st.lists(cell, min_size=len(header) - 1, max_size=len(header) + 1),
            max_size=6,
        )
    )
    # Mostly well-formed order IDs, dates and channels, so rows get as far as the database.
    if draw(st.booleans()):
        for n, row in enumerate(rows):
            if len(row) == len(header):
                row[0] = f"114-{n:07d}-8661897"
                if "sales-channel" in header:
                    row[header.index("sales-channel")] = "Amazon.com"
                if "purchase-date" in header:
                    row[header.index("purchase-date")] = draw(
                        st.sampled_from(
                            ["2026-11-02T09:15:27+00:00", "9999-12-31T23:00:00-05:00", "1990-01-01T00:00:00Z"]
                        )
                    )
    text = "\n".join("\t".join(line) for line in [header, *rows]) + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "junk"]))
    if encoding == "junk":
        return text.encode("utf-8", "surrogatepass") + draw(st.binary(max_size=20))
    return (
        text.encode(encoding, "replace")
        if encoding != "utf-8-sig"
        else b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    )


def test_junk_order_reports_never_answer_500_nor_store_junk(seller, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    client = Client()
    client.force_login(seller)

    @FUZZ
    @given(report=order_reports(), data=form_data, extra=headers)
    def fuzz(report: bytes, data: dict, extra: dict) -> None:
        global requests_sent
        requests_sent += 1
        fields = {
            k: v for k, v in data.items() if k != "report_file" and isinstance(v, str) and "\x00" not in k
        }
        fields = {
            k.encode("utf-8", "replace").decode(): v.encode("utf-8", "replace").decode()
            for k, v in fields.items()
        }
        upload = ContentFile(report, name="All Orders.txt")
        response = client.post(reverse("import_orders"), {**fields, "report_file": upload}, **extra)
        assert response.status_code < 500
        job = ImportJob.objects.order_by("-pk").first()
        if response.status_code == 302 and job is not None and job.status == ImportJob.Status.QUEUED:
            import_jobs.run_import(job.pk)
            job.refresh_from_db()
            assert job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED)
            assert job.status == ImportJob.Status.DONE or job.failure
            assert client.get(reverse("import_job", args=[job.pk])).status_code == 200
        assert_nothing_half_stored()

    fuzz()


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.floats(allow_nan=False, allow_infinity=False),
        junk_text,
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(junk_text, children, max_size=4)
    ),
    max_leaves=20,
)
library_entry = st.fixed_dictionaries(
    {},
    optional={
        "message_type": st.one_of(st.sampled_from(["order_question", "delivery", "nope"]), json_values),
        "language": st.one_of(st.sampled_from(["en", "de", "pt-BR", "xx"]), json_values),
        "subject": st.one_of(junk_text, json_values),
        "body": st.one_of(
            st.sampled_from(
                ["Hello {{buyer_name}}, about order {{order_id}}: which colour?\n\n{{store_name}}"]
            ),
            junk_text,
            json_values,
        ),
        "published": json_values,
    },
)


@st.composite
def library_files(draw) -> bytes:
    shape = draw(st.sampled_from(["library", "any-json", "raw"]))
    if shape == "raw":
        return draw(st.one_of(st.binary(max_size=200), st.just(b"[" * 50_000 + b"]" * 50_000)))
    if shape == "any-json":
        value = draw(json_values)
    else:
        value = {
            "format": draw(st.one_of(st.just("composer-template-library"), json_values)),
            "templates": draw(st.lists(library_entry, max_size=3)),
        }
    return json.dumps(value, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


def test_junk_library_files_never_answer_500_nor_store_junk(admin_user) -> None:
    client = Client()
    client.force_login(admin_user)

    @FUZZ
    @given(content=library_files(), extra=headers)
    def fuzz(content: bytes, extra: dict) -> None:
        global requests_sent
        requests_sent += 1
        upload = ContentFile(content, name="library.json")
        response = client.post(reverse("library_import"), {"file": upload}, **extra)
        assert response.status_code in (200, 400)
        assert_nothing_half_stored()

    fuzz()
