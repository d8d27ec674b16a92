"""Create the demo team, accounts and orders (development only)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from composer.models import Order, Team, User

DEMO_PASSWORD = "demo"
DEMO_ACCOUNTS = [("seller", User.Role.SELLER), ("lead", User.Role.LEAD), ("admin", User.Role.ADMIN)]

# (order ID, marketplace, buyer locale, product, buyer first name, days since purchase, days since delivery)
DEMO_ORDERS = [
    ("114-4909505-8661897", "US", "en-US", "Cast Iron Dutch Oven, 6 qt", "Laura", 12, 8),
    ("205-8226297-1288898", "UK", "en-GB", "Personalised Family Tree Canvas", "Charlotte", 3, None),
    ("303-1240685-8432959", "DE", "de-DE", "Kaffeemühle aus Edelstahl", "Jonas", 14, 9),
    ("171-9805642-8461579", "FR", "fr-FR", "Coussin personnalisé avec photo", "Camille", 4, None),
    ("406-2047601-8165826", "ES", "es-ES", "Juego de cuchillos de cocina", "Nuria", 20, 15),
    ("402-7871549-1572284", "IT", "it-IT", "Zaino da escursionismo 30 L", "Marco", 9, 6),
    ("249-4699237-8074902", "JP", "ja-JP", "名入れ万年筆", "中村", 6, 2),
    ("113-7526795-1515952", "US", "es-US", "Hiking Backpack, 40 L", "Sofía", 45, 40),
]


class Command(BaseCommand):
    help = "Create the demo accounts seller, lead and admin (password 'demo') in team Demo, with orders."

    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "Demo accounts are for development only; refusing to run under production settings (DEBUG=0)."
            )
        now = timezone.now()
        with transaction.atomic():
            team, _ = Team.objects.get_or_create(name="Demo", defaults={"store_name": "Demo Store"})
            for username, role in DEMO_ACCOUNTS:
                user, _ = User.objects.get_or_create(username=username)
                user.role, user.team = role, team
                user.is_staff = user.is_superuser = role == User.Role.ADMIN
                user.set_password(DEMO_PASSWORD)
                user.save()
            for order_id, market, locale, product, buyer, bought, delivered in DEMO_ORDERS:
                Order.objects.update_or_create(
                    team=team,
                    amazon_order_id=order_id,
                    defaults={
                        "marketplace": market,
                        "buyer_locale": locale,
                        "product_name": product,
                        "buyer_name": buyer,
                        "purchase_date": now - timedelta(days=bought),
                        "delivery_date": now - timedelta(days=delivered) if delivered is not None else None,
                        "status": Order.Status.SHIPPED if delivered is not None else Order.Status.UNSHIPPED,
                        "fulfillment_channel": "MFN",
                    },
                )
        self.stdout.write(
            "Demo accounts (password 'demo'): seller (Seller), lead (Team lead), admin (Admin)."
        )
        self.stdout.write(
            f"Demo orders: {len(DEMO_ORDERS)} across {len({o[1] for o in DEMO_ORDERS})} marketplaces."
        )
