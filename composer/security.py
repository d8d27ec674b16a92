"""Content Security Policy exceptions, named and kept in one place."""

from __future__ import annotations

from csp.decorators import csp_update

# The HTML preview of an e-mail message is a sandboxed srcdoc frame (no scripts can run in it),
# and a srcdoc frame inherits the page's policy. E-mail HTML is styled inline, so the page that
# holds the preview allows inline *styles*; scripts stay 'self' only, with no eval.
allows_preview_styles = csp_update({"style-src": ["'unsafe-inline'"]})
