"""Authentication backend: Django's ModelBackend, with the logged-in user read from the cache.

Every request of a logged-in seller loads their user row, and the editor sends a live check at
every pause in typing. With a shared cache (REDIS_URL) the user is kept there for a minute and
dropped whenever the user is saved (password, role, team, active flag), so a change counts at
once; only a bulk ``QuerySet.update()`` of users would wait for the minute to pass.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import User

TTL_SECONDS = 60


def _key(user_id) -> str:
    return f"auth:user:{user_id}"


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id):
        if not settings.CHECK_CACHE:
            return super().get_user(user_id)
        user = cache.get(_key(user_id))
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(_key(user_id), user, TTL_SECONDS)
        return user


@receiver([post_save, post_delete], sender=User)
def _forget_user(sender, instance: User, **kwargs) -> None:
    key = _key(instance.pk)
    cache.delete(key)
    # Again after commit: a request running meanwhile may have cached the row from before.
    transaction.on_commit(lambda: cache.delete(key))
