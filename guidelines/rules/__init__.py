"""Every rule module, listed explicitly: importing this package registers the rules."""

from . import (
    accessibility,
    contact,
    disguise,
    emoji,
    images,
    language,
    layout,
    length,
    links,
    message_fit,
    notices,
    order_id,
    placeholders,
    promotion,
    reviews,
    sensitive,
    spelling,
    styling,
    subject,
    timing,
)

__all__ = ["contact", "emoji", "language", "layout", "length", "links", "order_id", "spelling"]
__all__ += ["notices", "promotion", "reviews", "sensitive"]
__all__ += ["disguise"]
__all__ += ["accessibility", "images", "message_fit", "placeholders", "styling", "subject", "timing"]
