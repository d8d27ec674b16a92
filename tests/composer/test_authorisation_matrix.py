"""Every URL × every role × owner or not: who may reach what.

The URL list is read from the URL configuration, so a new view cannot slip in unclassified: each
named URL must have an entry in ROUTES below, saying which methods it takes, which object it
acts on (built owned by the seller "alice" of team Acme) and what each persona gets. A URL
missing from the table fails ``test_every_url_is_classified`` with its name.

Personas: ``seller`` is the owner (alice, the draft's author); ``other_seller`` is in the same
team but not the author; ``lead`` leads the owner's team; ``other_lead`` leads another team;
``admin`` is an admin; ``anonymous`` is logged out. Expected outcomes: OK (the request passed
the access checks: any answer but 401/403/404/405/5xx or the login page), 403 (wrong role),
404 (someone else's object: never reveal that it exists), LOGIN (sent to the log-in page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from composer.models import Draft, ImportJob, MessageTemplate, Order, User
from tests.conftest import make_draft

OK, FORBIDDEN, NOT_FOUND, LOGIN = "ok", 403, 404, "login"
ROLES = ("anonymous", "seller", "other_seller", "lead", "other_lead", "admin")

# Who gets what, for the common shapes of access.
ANY_USER = {"seller": OK, "other_seller": OK, "lead": OK, "other_lead": OK, "admin": OK}
OWN_DRAFT = {"seller": OK, "other_seller": NOT_FOUND, "lead": OK, "other_lead": NOT_FOUND, "admin": OK}
TEAM_OBJECT = {"seller": OK, "other_seller": OK, "lead": OK, "other_lead": NOT_FOUND, "admin": OK}
LEADS = {"seller": FORBIDDEN, "other_seller": FORBIDDEN, "lead": OK, "other_lead": OK, "admin": OK}
LEADS_OF_THE_TEAM = {
    "seller": FORBIDDEN,
    "other_seller": FORBIDDEN,
    "lead": OK,
    "other_lead": NOT_FOUND,
    "admin": OK,
}
ADMINS = {
    "seller": FORBIDDEN,
    "other_seller": FORBIDDEN,
    "lead": FORBIDDEN,
    "other_lead": FORBIDDEN,
    "admin": OK,
}


@dataclass(frozen=True)
class Route:
    methods: tuple[str, ...]
    access: dict[str, object]
    # The object the URL acts on, built owned by alice / team Acme; None for list pages.
    target: str | None = None
    # Logged-out visitors: LOGIN for every page behind log-in, OK for public ones.
    anonymous: object = LOGIN
    extra_kwargs: dict[str, int] = field(default_factory=dict)


GET, POST, BOTH = ("GET",), ("POST",), ("GET", "POST")


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # Hundreds of cases each create the personas: hash their passwords quickly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ROUTES: dict[str, Route] = {
    # Site-wide (config/urls.py).
    "login": Route(BOTH, ANY_USER, anonymous=OK),
    "logout": Route(POST, ANY_USER, anonymous=OK),
    "password_change": Route(BOTH, ANY_USER),
    "password_change_done": Route(GET, ANY_USER),
    "set_language": Route(POST, ANY_USER, anonymous=OK),
    # The seller's composer.
    "home": Route(GET, ANY_USER),
    "drafts": Route(GET, ANY_USER),
    "new_message": Route(BOTH, ANY_USER),
    "draft": Route(BOTH, OWN_DRAFT, target="draft"),
    "draft_check": Route(POST, OWN_DRAFT, target="draft"),
    "draft_export": Route(POST, OWN_DRAFT, target="draft"),
    "draft_preview": Route(BOTH, OWN_DRAFT, target="draft"),
    "draft_history": Route(GET, OWN_DRAFT, target="draft"),
    "draft_restore": Route(POST, OWN_DRAFT, target="draft", extra_kwargs={"version": 1}),
    # Only the author submits; a lead or admin who can see the draft is still refused.
    "draft_submit": Route(
        POST,
        {
            "seller": OK,
            "other_seller": NOT_FOUND,
            "lead": FORBIDDEN,
            "other_lead": NOT_FOUND,
            "admin": FORBIDDEN,
        },
        target="draft",
    ),
    # Only the author archives a draft from their own list.
    "draft_archive": Route(
        POST,
        {
            "seller": OK,
            "other_seller": NOT_FOUND,
            "lead": FORBIDDEN,
            "other_lead": NOT_FOUND,
            "admin": FORBIDDEN,
        },
        target="draft",
    ),
    # Only the author marks a message as sent: they are the one who sent it in Seller Central.
    "draft_sent": Route(
        POST,
        {
            "seller": OK,
            "other_seller": NOT_FOUND,
            "lead": FORBIDDEN,
            "other_lead": NOT_FOUND,
            "admin": FORBIDDEN,
        },
        target="draft",
    ),
    "rules": Route(GET, ANY_USER, anonymous=OK),
    "account_settings": Route(BOTH, ANY_USER),
    # Orders belong to the team.
    "orders": Route(GET, ANY_USER),
    "order_new": Route(BOTH, ANY_USER),
    "order": Route(GET, TEAM_OBJECT, target="order"),
    "order_language": Route(POST, TEAM_OBJECT, target="order"),
    "order_delivery": Route(POST, TEAM_OBJECT, target="order"),
    "order_review_request": Route(POST, TEAM_OBJECT, target="order"),
    "import_orders": Route(BOTH, ANY_USER),
    "import_job": Route(GET, TEAM_OBJECT, target="import_job"),
    "import_job_progress": Route(GET, TEAM_OBJECT, target="import_job"),
    "import_job_resume": Route(POST, TEAM_OBJECT, target="import_job"),
    # Team review: leads (and admins) only, and only for their own team's drafts.
    "review_queue": Route(GET, LEADS),
    "review_draft": Route(GET, LEADS_OF_THE_TEAM, target="submitted_draft"),
    "review_comment": Route(POST, LEADS_OF_THE_TEAM, target="submitted_draft"),
    "review_approve": Route(POST, LEADS_OF_THE_TEAM, target="submitted_draft"),
    "review_request_changes": Route(POST, LEADS_OF_THE_TEAM, target="submitted_draft"),
    # Whether a team needs approval before export is the admins' decision.
    "team_approval": Route(POST, ADMINS, target="team"),
    # The team dictionary for the spelling check: anyone adds from a draft they can see; leads
    # (and admins) manage the list, a lead only their own team's words.
    "dictionary_add": Route(POST, OWN_DRAFT, target="draft"),
    "dictionary_undo": Route(POST, OWN_DRAFT, target="draft"),
    # Ignore is for the draft at hand; "my dictionary" is the author's own.
    "spelling_ignore": Route(POST, OWN_DRAFT, target="draft"),
    "spelling_unignore": Route(POST, OWN_DRAFT, target="draft"),
    "personal_dictionary_add": Route(
        POST,
        {
            "seller": OK,
            "other_seller": NOT_FOUND,
            "lead": FORBIDDEN,
            "other_lead": NOT_FOUND,
            "admin": FORBIDDEN,
        },
        target="draft",
    ),
    "dictionary": Route(BOTH, LEADS),
    "dictionary_delete": Route(POST, LEADS_OF_THE_TEAM, target="dictionary_word"),
    # The template library is the admins'.
    "library": Route(GET, ADMINS),
    "template_new": Route(BOTH, ADMINS),
    "template_new_preview": Route(POST, ADMINS),
    "library_export": Route(GET, ADMINS),
    "library_import": Route(BOTH, ADMINS),
    "template_edit": Route(BOTH, ADMINS, target="template"),
    "template_preview": Route(POST, ADMINS, target="template"),
    "template_history": Route(GET, ADMINS, target="template"),
    "template_revert": Route(POST, ADMINS, target="template", extra_kwargs={"number": 1}),
    # The team's Amazon seller account is its leads' (and admins'); anyone sends their own draft.
    "amazon_account": Route(BOTH, LEADS),
    "amazon_account_remove": Route(POST, LEADS),
    "amazon_sync": Route(POST, LEADS),
    "amazon_authorise": Route(GET, LEADS),
    "amazon_authorised": Route(GET, LEADS),
    "draft_send": Route(POST, OWN_DRAFT, target="draft"),
    "draft_send_status": Route(GET, OWN_DRAFT, target="draft"),
}

# Django's own admin keeps its own staff permissions; it is checked separately below.
OUTSIDE_THE_MATRIX = {"admin"}


def _named_urls() -> set[str]:
    """Return every named URL of the site (outside Django's admin), read from the URLconf."""
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in OUTSIDE_THE_MATRIX:
                    continue
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_is_classified() -> None:
    unclassified = sorted(_named_urls() - ROUTES.keys())
    assert not unclassified, (
        f"URL(s) {', '.join(unclassified)} have no entry in ROUTES in {__file__}: add one saying "
        "which methods they take and who may reach them."
    )


def test_the_table_names_only_urls_that_exist() -> None:
    stale = sorted(ROUTES.keys() - _named_urls())
    assert not stale, f"ROUTES names URL(s) that no longer exist: {', '.join(stale)}"


# --- Objects owned by alice (team Acme) ---------------------------------------------------------


def _draft(seller: User, order: Order, **fields) -> Draft:
    body = f"Hello Laura,\n\nPlease confirm the colour for order {order.amazon_order_id}.\n\nAcme Home"
    return make_draft(seller, order, body, **fields)


def _template(admin_user: User) -> MessageTemplate:
    template = MessageTemplate.objects.create(
        message_type="order_question", language="en", subject="", body="Hello {{buyer_name}}, …"
    )
    template.record_version(by=admin_user, note="first")
    return template


def _dictionary_word(seller: User):
    from composer.models import DictionaryWord

    return DictionaryWord.objects.create(team=seller.team, word="Acmeware", added_by=seller)


TARGETS: dict[str, Callable[..., object]] = {
    "draft": lambda seller, order, **_: _draft(seller, order),
    "submitted_draft": lambda seller, order, **_: _draft(seller, order, status=Draft.Status.SUBMITTED),
    "order": lambda order, **_: order,
    "team": lambda seller, **_: seller.team,
    "import_job": lambda seller, **_: ImportJob.objects.create(
        team=seller.team, created_by=seller, file_name="orders.txt", status=ImportJob.Status.FAILED
    ),
    "template": lambda admin_user, **_: _template(admin_user),
    "dictionary_word": lambda seller, **_: _dictionary_word(seller),
}


def _cases():
    for name, route in sorted(ROUTES.items()):
        for method in route.methods:
            for role in ROLES:
                expected = route.anonymous if role == "anonymous" else route.access[role]
                yield pytest.param(name, method, role, expected, id=f"{name}-{method}-{role}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "role", "expected"), list(_cases()))
def test_access(
    name, method, role, expected, seller, other_seller, lead, other_lead, admin_user, order
) -> None:
    route = ROUTES[name]
    personas = {"seller": seller, "other_seller": other_seller, "lead": lead, "other_lead": other_lead}
    personas["admin"] = admin_user
    kwargs = dict(route.extra_kwargs)
    if route.target:
        target = TARGETS[route.target](seller=seller, order=order, admin_user=admin_user)
        kwargs["pk"] = target.pk
    url = reverse(name, kwargs=kwargs or None)
    client = Client(raise_request_exception=True)
    if role != "anonymous":
        client.force_login(personas[role])
    response = client.get(url) if method == "GET" else client.post(url, {})
    login_url = reverse("login")
    sent_to_login = response.status_code == 302 and response.url.startswith(login_url) and url != login_url
    outcome = f"{method} {url} as {role} answered {response.status_code} {getattr(response, 'url', '')}"
    if expected == OK:
        assert response.status_code not in (401, 403, 404, 405) and response.status_code < 500, outcome
        assert not sent_to_login or name == "logout", outcome
    elif expected == LOGIN:
        assert sent_to_login, outcome
    else:
        assert response.status_code == expected, outcome


@pytest.mark.django_db
def test_only_staff_reach_djangos_admin(client, seller, admin_user) -> None:
    client.force_login(seller)
    response = client.get("/django-admin/")
    assert response.status_code == 302 and "/django-admin/login/" in response.url


def _post_routes():
    for name, route in sorted(ROUTES.items()):
        if "POST" in route.methods:
            yield pytest.param(name, id=name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(_post_routes()))
def test_every_post_is_refused_without_a_csrf_token(name, seller, admin_user, order) -> None:
    route = ROUTES[name]
    kwargs = dict(route.extra_kwargs)
    if route.target:
        kwargs["pk"] = TARGETS[route.target](seller=seller, order=order, admin_user=admin_user).pk
    client = Client(enforce_csrf_checks=True)
    # Someone who may use the URL: the admin passes every access check above.
    if route.access.get("admin") == OK and route.anonymous != OK:
        client.force_login(admin_user)
    response = client.post(reverse(name, kwargs=kwargs or None), {})
    assert response.status_code == 403, f"POST {name} without a CSRF token answered {response.status_code}"
    assert b"CSRF" in response.content
