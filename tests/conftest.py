"""Personas and orders shared by the whole suite."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from composer.models import Draft, Order, Team, User

ORDER_ID = "114-4909505-8661897"


@pytest.fixture(autouse=True)
def _english_interface() -> None:
    """Start every test in English: a language activated by one test must not leak into the next."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Start every test with no live checks counted: users of earlier tests may share its ids."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing(django_test_environment) -> None:
    """Hash test passwords with a fast hasher: the default's million rounds add minutes to CI.

    Production keeps Django's default (PBKDF2); ``check --deploy`` runs in its own process.
    """
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _celery_runs_tasks_in_process(django_test_environment) -> None:
    """Run queued tasks in the calling process, on a queue of this run's own.

    The real queue is exercised by tests/composer/test_task_queue.py, which starts a worker
    against the machine's Redis; the queue name keeps concurrent runs from taking each other's
    tasks.
    """
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    app.conf.task_default_queue = f"composer-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def shared_check_cache(settings):
    """Turn on the shared live-check cache (Redis in production), empty before and after the test."""
    from django.core.cache import cache

    from composer import check_cache

    settings.CHECK_CACHE = True
    cache.clear()
    check_cache.forget_reports()
    yield
    cache.clear()
    check_cache.forget_reports()


@pytest.fixture
def amazon(settings):
    """Start the local SP-API simulator and point the client at it, for one seller of this test."""
    from tests.composer.spapi_simulator import CLIENT_ID, CLIENT_SECRET, Simulator

    simulator = Simulator().start()
    settings.SPAPI_ENDPOINT, settings.LWA_TOKEN_URL = simulator.url, simulator.token_url
    settings.SPAPI_CLIENT_ID, settings.SPAPI_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    # Redis keeps tokens and rate-limit buckets by seller: a seller of its own per test.
    simulator.seller = "A" + uuid.uuid4().hex[:13].upper()
    simulator.refresh_token = "Atzr|" + uuid.uuid4().hex
    simulator.add_seller(simulator.refresh_token, simulator.seller, ("ATVPDKIKX0DER", "A1PA6795UKMFR9"))
    yield simulator
    simulator.stop()


@pytest.fixture
def team(db) -> Team:
    # Approval before export is off here so export tests stay about export; the review tests
    # (tests/composer/test_review.py) switch it on, as it is for every new team.
    return Team.objects.create(name="Acme", store_name="Acme Home", approval_required=False)


@pytest.fixture
def other_team(db) -> Team:
    return Team.objects.create(name="Globex", store_name="Globex")


def _user(username: str, role: str, team: Team | None) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username, role=role, team=team)
    return user


@pytest.fixture
def seller(team) -> User:
    return _user("alice", User.Role.SELLER, team)


@pytest.fixture
def other_seller(team) -> User:
    return _user("bob", User.Role.SELLER, team)


@pytest.fixture
def lead(team) -> User:
    return _user("lena", User.Role.LEAD, team)


@pytest.fixture
def other_lead(other_team) -> User:
    return _user("otto", User.Role.LEAD, other_team)


@pytest.fixture
def admin_user(team) -> User:
    return _user("ada", User.Role.ADMIN, team)


@pytest.fixture
def order(team) -> Order:
    now = timezone.now()
    return Order.objects.create(
        team=team,
        amazon_order_id=ORDER_ID,
        marketplace="US",
        buyer_locale="en-US",
        purchase_date=now - timedelta(days=10),
        delivery_date=now - timedelta(days=7),
        status=Order.Status.SHIPPED,
        product_name="Cast Iron Dutch Oven",
        buyer_name="Laura",
    )


@pytest.fixture
def other_order(other_team) -> Order:
    now = timezone.now()
    return Order.objects.create(
        team=other_team,
        amazon_order_id="303-1240685-8432959",
        marketplace="DE",
        buyer_locale="de-DE",
        purchase_date=now - timedelta(days=10),
        delivery_date=now - timedelta(days=7),
        product_name="Kaffeemühle",
    )


@pytest.fixture
def templates(db) -> None:
    from django.core.management import call_command

    call_command("load_templates", verbosity=0)


def make_draft(
    author: User,
    order: Order,
    body: str = "",
    *,
    message_type: str = "order_question",
    buyer_locale: str = "en-US",
    **fields,
) -> Draft:
    """Create ``author``'s draft for ``order`` (to a US buyer unless told): the suite's usual draft."""
    return Draft.objects.create(
        author=author,
        team=order.team,
        order=order,
        message_type=message_type,
        buyer_locale=buyer_locale,
        body=body,
        **fields,
    )
