"""Every rule module, listed explicitly: importing this package registers the rules."""

from . import (
    contact,
    emoji,
    language,
    layout,
    length,
    links,
    notices,
    order_id,
    promotion,
    reviews,
    sensitive,
    spelling,
)

__all__ = ["contact", "emoji", "language", "layout", "length", "links", "order_id", "spelling"]
__all__ += ["notices", "promotion", "reviews", "sensitive"]
