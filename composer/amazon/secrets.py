"""Encrypt the refresh tokens sellers give us (Fernet: AES-128-CBC with an HMAC)."""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class SecretUnreadable(Exception):
    """Raised when a stored secret was written with another key (FIELD_ENCRYPTION_KEY changed)."""


@cache
def _fernet(key: str, fallback: str) -> Fernet:
    if key:
        return Fernet(key.encode())
    # Development only: production refuses to start without FIELD_ENCRYPTION_KEY (settings.py).
    digest = hashlib.sha256(("field-encryption:" + fallback).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def fernet() -> Fernet:
    return _fernet(settings.FIELD_ENCRYPTION_KEY, settings.SECRET_KEY)


def encrypt(plain: str) -> str:
    return fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable from None
