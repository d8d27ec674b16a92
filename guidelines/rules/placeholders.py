"""A template placeholder left in the text (``{{access_key}}``) must never reach the buyer."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..message import Message
from ..placeholders import PLACEHOLDER
from ..registry import Docs, Example, Hit, rule

_ORDER = "114-4909505-8661897"


@rule(
    id="T901",
    name="unfilled-placeholder",
    category="formatting",
    severity="error",
    source="complete-message",
    message="A template placeholder is still in the text.",
    suggestion="Replace it with the real value before the message goes out.",
    docs=Docs(
        what="Finds template placeholders such as {{access_key}} or {{answer}} left in a draft, "
        "in the subject too.",
        why="The buyer would receive the placeholder instead of the key or the answer; a template "
        "placeholder in a message also reads as an automated mass mailing.",
        example="Here is your access key: {{access_key}}",
        instead="Here is your access key: 7KQ2-MX9P-4TRD",
    ),
    flags=[
        f"Order {_ORDER}: here is your access key: {{{{access_key}}}}",
        f"Order {_ORDER}: {{{{ answer }}}}",
        Example(f"Order {_ORDER}: the key is attached.", {"context": {"subject": "Your key {{access_key}}"}}),
    ],
    passes=[
        f"Order {_ORDER}: here is your access key: 7KQ2-MX9P-4TRD",
        f"Order {_ORDER}: a {{brace}} is fine.",
        Example("Order {{order_id}}: here is your key: {{access_key}}", {"context": {"template": True}}),
    ],
)
def unfilled_placeholder(message: Message) -> Iterator[Hit]:
    if message.context.template:
        return  # a template's placeholders are filled when a draft starts from it
    for field, text in (("body", message.text), ("subject", message.context.subject or "")):
        for match in PLACEHOLDER.finditer(text):
            yield Hit(
                *match.span(),
                field=field,
                message=_("The placeholder {placeholder} is still in the text.", placeholder=match.group(0)),
            )
