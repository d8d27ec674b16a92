"""Every rule module, listed explicitly: importing this package registers the rules."""

from . import contact, emoji, layout, length, links, order_id

__all__ = ["contact", "emoji", "layout", "length", "links", "order_id"]
