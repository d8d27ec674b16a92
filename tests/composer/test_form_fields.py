"""One partial renders every visible form field, with the limits of the form it comes from."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.loader import render_to_string

from composer.amazon.forms import SendForm
from composer.forms import ExportForm, ImportOrdersForm, OrderFilterForm

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _render(field: forms.BoundField, **extra) -> str:
    return render_to_string("composer/partials/field.html", {"field": field, **extra})


def test_a_text_field_takes_its_length_limit_and_help_text_from_the_form() -> None:
    html = _render(OrderFilterForm()["q"])
    assert 'maxlength="40"' in html
    assert 'type="search"' in html and 'class="form-control"' in html
    html = _render(ExportForm()["upload_destination_id"])
    assert f'maxlength="{ExportForm.base_fields["upload_destination_id"].max_length}"' in html


def test_help_text_describes_its_field() -> None:
    html = _render(ImportOrdersForm()["encoding"])
    assert 'aria-describedby="id_encoding_helptext"' in html
    assert 'id="id_encoding_helptext"' in html
    assert 'class="form-select"' in html


def test_a_field_with_errors_is_marked_invalid_and_says_why() -> None:
    form = OrderFilterForm({"q": "1" * 41})
    assert not form.is_valid()
    html = _render(form["q"])
    assert "is-invalid" in html and 'aria-invalid="true"' in html
    assert 'role="alert"' in html


def test_the_report_file_limit_reaches_the_page_script_from_the_form(settings) -> None:
    settings.ORDER_REPORT_MAX_BYTES = 3 * 1024 * 1024
    html = _render(ImportOrdersForm()["report_file"])
    assert 'data-max-bytes="3145728"' in html
    assert "larger than 3 MB" in html and "up to 3 MB" in html
    assert 'accept=".txt,.tsv,.csv' in html and "required" in html


def test_attachment_limits_are_stated_from_the_constants() -> None:
    html = _render(SendForm()["attachments"], label="Invoice file")
    assert "Up to 5 files of at most 10 MB" in html
    assert "multiple" in html and ">Invoice file</label>" in html


def test_a_check_box_renders_as_a_bootstrap_check() -> None:
    html = _render(SendForm()["checked_unknown"], wrapper="mb-2")
    assert 'class="form-check mb-2"' in html and 'class="form-check-input"' in html
    assert 'class="form-check-label"' in html


def test_a_datalist_and_extra_descriptions_are_added_to_the_widget() -> None:
    html = _render(OrderFilterForm()["q"], list="ids", describedby="more")
    assert 'list="ids"' in html and 'autocomplete="off"' in html and 'aria-describedby="more"' in html


def test_no_template_writes_its_own_visible_form_control() -> None:
    # Allowed: hidden inputs, the editor's message box (it carries the mark layer), the review
    # page's read-only copy, the header's language switch (Django's set_language takes no form)
    # and the guide's search box (inside an input group with its button).
    allowed = {
        ("composer/editor.html", 'name="body"'),
        ("composer/review/draft.html", 'id="review-body"'),
        ("base.html", 'id="language-select"'),
        ("composer/rules.html", 'id="guide-q"'),
    }
    found = []
    for path in TEMPLATES.rglob("*.html"):
        name = path.relative_to(TEMPLATES).as_posix()
        if name == "composer/partials/field.html":
            continue
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", path.read_text()):
            if 'type="hidden"' in tag or any(name == n and mark in tag for n, mark in allowed):
                continue
            found.append(f"{name}: {tag[:80]}")
    assert not found, "\n".join(found)
