"""Every rule module, listed explicitly: importing this package registers the rules."""

from . import contact, emoji, language, layout, length, links, order_id, spelling

__all__ = ["contact", "emoji", "language", "layout", "length", "links", "order_id", "spelling"]
