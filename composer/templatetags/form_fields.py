"""``{% field_widget field %}``: a form field's own widget with the site's Bootstrap classes.

Every visible field is rendered by ``composer/partials/field.html`` through this tag, so the
limits (``maxlength``, ``required``, ``accept``…) come from the form's field and widget, never
from a copy in a template.
"""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


def widget_class(widget: forms.Widget) -> str:
    """Return the Bootstrap class for a widget: select, check box or any other control."""
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


register.filter("is_checkbox", is_checkbox)


@register.simple_tag
def field_widget(field: forms.BoundField, datalist: str = "", describedby: str = "") -> SafeString:
    """Render ``field``'s widget with its Bootstrap class, ``is-invalid`` when it has errors,
    an optional ``<datalist>`` id and extra ids for ``aria-describedby`` (the help text's id,
    which Django adds by itself, is kept first)."""
    widget = field.field.widget
    classes = [widget.attrs.get("class", ""), widget_class(widget)]
    if field.errors:
        classes.append("is-invalid")
    attrs: dict[str, str] = {"class": " ".join(c for c in classes if c)}
    if datalist:
        attrs["list"] = datalist
        attrs["autocomplete"] = "off"
    described = [widget.attrs.get("aria-describedby", "")]
    if field.help_text and field.auto_id:
        described.insert(0, f"{field.auto_id}_helptext")
    described.append(describedby)
    described = [d for d in described if d]
    if described:
        attrs["aria-describedby"] = " ".join(dict.fromkeys(described))
    return field.as_widget(attrs=attrs)
