"""The "Amazon account" page: connecting with a refresh token, the website authorisation, removal."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from composer.amazon.models import AmazonAccount

URL = "/amazon/"


def _connect(client, amazon, **overrides):
    data = {"selling_partner_id": amazon.seller, "region": "na", "refresh_token": amazon.refresh_token}
    return client.post(URL, {**data, **overrides}, follow=True)


def test_a_lead_connects_and_sees_the_marketplaces(client, lead, amazon) -> None:
    client.force_login(lead)
    page = client.get(URL)
    assert b"Selling partner ID" in page.content and b"Refresh token" in page.content
    response = _connect(client, amazon)
    assert response.status_code == 200
    assert b"Connected. Marketplaces: Amazon.com, Amazon.de." in response.content
    account = AmazonAccount.objects.get(team=lead.team)
    assert account.marketplace_ids == ["ATVPDKIKX0DER", "A1PA6795UKMFR9"]
    assert account.selling_partner_id == amazon.seller
    # Stored encrypted, readable by us, never shown again.
    assert amazon.refresh_token not in account.refresh_token_encrypted
    assert account.refresh_token == amazon.refresh_token
    assert amazon.refresh_token.encode() not in client.get(URL).content
    assert amazon.invalid == []


def test_a_refused_token_shows_amazons_reason_and_stores_nothing(client, lead, amazon) -> None:
    client.force_login(lead)
    response = _connect(client, amazon, refresh_token="Atzr|not-a-token")
    assert response.status_code == 400
    assert (
        b"Login with Amazon refused the token: The request has an invalid grant parameter" in response.content
    )
    assert not AmazonAccount.objects.exists()


def test_an_answer_we_cannot_read_as_a_token_is_refused_before_asking_amazon(client, lead, amazon) -> None:
    client.force_login(lead)
    response = _connect(client, amazon, refresh_token="hello", selling_partner_id="nope")
    assert response.status_code == 400
    assert b"starts with Atzr|" in response.content and b"looks like A2EUQ1WTGCTBG2" in response.content
    assert amazon.token_requests == 0 and not AmazonAccount.objects.exists()


def test_a_region_outside_na_eu_fe_is_refused(client, lead, amazon) -> None:
    client.force_login(lead)
    assert _connect(client, amazon, region="us").status_code == 400


def test_a_seller_may_not_open_the_page(client, seller, amazon) -> None:
    client.force_login(seller)
    assert client.get(URL).status_code == 403
    assert _connect(client, amazon).status_code == 403
    assert not AmazonAccount.objects.exists()


def test_connecting_again_replaces_the_token_and_removing_deletes_it(client, lead, amazon) -> None:
    client.force_login(lead)
    _connect(client, amazon)
    second = amazon.refresh_token + "-second"
    amazon.add_seller(second, amazon.seller, ("A1PA6795UKMFR9",))
    _connect(client, amazon, refresh_token=second)
    account = AmazonAccount.objects.get()
    assert account.refresh_token == second and account.marketplace_ids == ["A1PA6795UKMFR9"]
    client.post(reverse("amazon_account_remove"))
    assert not AmazonAccount.objects.exists()


def test_each_team_has_its_own_account(client, lead, other_lead, amazon) -> None:
    client.force_login(lead)
    _connect(client, amazon)
    client.force_login(other_lead)
    page = client.get(URL)
    assert amazon.seller.encode() not in page.content
    client.post(reverse("amazon_account_remove"))
    assert AmazonAccount.objects.filter(team=lead.team).exists()


def test_website_authorisation_checks_the_state_and_trades_the_code(client, lead, amazon, settings) -> None:
    settings.SPAPI_APP_ID = "amzn1.sp.solution.test"
    amazon.add_authorisation_code("ANcode123", amazon.refresh_token)
    client.force_login(lead)
    start = client.get(reverse("amazon_authorise") + "?region=eu")
    assert start.status_code == 302
    target = urlsplit(start["Location"])
    query = parse_qs(target.query)
    assert target.netloc == "sellercentral.amazon.com" and query["application_id"] == [
        "amzn1.sp.solution.test"
    ]
    state = query["state"][0]
    callback = reverse("amazon_authorised")
    forged = client.get(
        callback, {"state": "forged", "spapi_oauth_code": "ANcode123", "selling_partner_id": amazon.seller}
    )
    assert forged.status_code == 400 and not AmazonAccount.objects.exists()
    # A forged answer used up the state: the seller starts again.
    start = client.get(reverse("amazon_authorise") + "?region=eu")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    client.get(
        callback, {"state": state, "spapi_oauth_code": "ANcode123", "selling_partner_id": amazon.seller}
    )
    account = AmazonAccount.objects.get()
    assert (account.region, account.refresh_token) == ("eu", amazon.refresh_token)
    # The same answer replayed is refused.
    replay = client.get(
        callback, {"state": state, "spapi_oauth_code": "ANcode123", "selling_partner_id": amazon.seller}
    )
    assert replay.status_code == 400


def test_website_authorisation_needs_an_app_id(client, lead, settings) -> None:
    settings.SPAPI_APP_ID = ""
    client.force_login(lead)
    assert client.get(reverse("amazon_authorise")).status_code == 400


def test_a_token_written_with_another_key_is_reported_unreadable(client, lead, amazon, settings) -> None:
    from composer.amazon.secrets import SecretUnreadable

    client.force_login(lead)
    _connect(client, amazon)
    settings.FIELD_ENCRYPTION_KEY = "LVJ0Z3c2b1pWb2xQc3B4dWF0U2d6dVV5c2l6a2RkM1Q="
    account = AmazonAccount.objects.get()
    with pytest.raises(SecretUnreadable):
        _ = account.refresh_token


def test_connecting_another_seller_account_starts_its_sync_afresh(client, lead, amazon) -> None:
    client.force_login(lead)
    _connect(client, amazon)
    AmazonAccount.objects.update(
        synced_until="2026-11-20T12:00:00Z",
        sync_cursor={"since": "2026-11-01T00:00:00Z", "until": "2026-11-20T12:00:00Z", "token": "100"},
        last_sync_report={"orders": 3, "errors": [], "error_count": 0, "cleaned": [], "cleaned_count": 0},
    )
    other = "AOTHER" + amazon.seller[6:]
    amazon.add_seller(amazon.refresh_token + "-other", other, ("ATVPDKIKX0DER",))
    _connect(client, amazon, selling_partner_id=other, refresh_token=amazon.refresh_token + "-other")
    account = AmazonAccount.objects.get()
    assert account.selling_partner_id == other
    assert (account.synced_until, account.sync_cursor, account.last_sync_report) == (None, None, None)
