"""A team connected to the simulated Amazon, shared by the Amazon tests."""

from __future__ import annotations

from composer.amazon.models import AmazonAccount


def connect(team, simulator, *, region: str = "na") -> AmazonAccount:
    account = AmazonAccount(
        team=team,
        selling_partner_id=simulator.seller,
        region=region,
        marketplaces=[
            {"id": "ATVPDKIKX0DER", "name": "Amazon.com", "country": "US"},
            {"id": "A1PA6795UKMFR9", "name": "Amazon.de", "country": "DE"},
        ],
    )
    account.refresh_token = simulator.refresh_token
    account.save()
    return account
