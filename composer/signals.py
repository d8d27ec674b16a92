"""Signals the composer sends where the ORM sends none."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``team_id`` after orders of that team were written with raw SQL (the order import),
# which sends no post_save; composer/check_cache.py retires what it cached about the team.
orders_stored = Signal()
