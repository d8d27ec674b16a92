"""Forms for every POST the composer takes."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import guidelines

from . import message_guidance
from .bounds import CONTROL_CHARACTERS, validate_order_date
from .importing import ENCODINGS
from .models import (
    LOCALE_CHOICES,
    MARKETPLACE_CHOICES,
    MESSAGE_TYPE_CHOICES,
    Draft,
    Order,
    User,
    order_id_validator,
)


def _reject_control_characters(value: str) -> str:
    """Refuse binary junk: control characters other than tab and line breaks."""
    # One regex search: every live check runs it.
    if CONTROL_CHARACTERS.search(value):
        raise forms.ValidationError(
            _("The text contains control characters that are not allowed in a message."), code="binary"
        )
    return value


class MessageTypeSelect(forms.Select):
    """The message types, each with its one-line description; those the order does not allow
    today are disabled, their reason kept with them (the page's script shows it)."""

    unavailable: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["data-description"] = str(message_guidance.DESCRIPTIONS.get(value, ""))
        if value in self.unavailable:
            option["attrs"]["disabled"] = True
            option["attrs"]["data-reason"] = self.unavailable[value]
            option["label"] = f"{label} — {self.unavailable[value]}"
        return option


class NewMessageForm(forms.Form):
    message_type = forms.ChoiceField(
        label=_("Message type"),
        choices=MESSAGE_TYPE_CHOICES,
        widget=MessageTypeSelect(attrs={"aria-describedby": "type-description"}),
    )
    order_id = forms.CharField(
        label=_("Order ID"),
        max_length=40,
        help_text=_("Pick one of your orders or type its 17-digit ID, e.g. 123-1234567-1234567."),
    )
    buyer_locale = forms.ChoiceField(
        label=_("Buyer language"),
        choices=[("", _("As set on the order")), *LOCALE_CHOICES],
        required=False,
        help_text=_("The buyer's preferred language; Amazon blocks messages in another language."),
    )

    # Shown only when the order already has a review request (drafted, exported or sent).
    another_review_request = forms.BooleanField(
        label=_("Start another review request for this order anyway"), required=False
    )

    def __init__(self, *args, user: User, now: datetime | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.now = now or timezone.now()
        self.order: Order | None = None
        self.fields["message_type"].widget.unavailable = {}

    def guide_for(self, order: Order | None) -> None:
        """Disable the types ``order`` does not allow today and choose an allowed default."""
        if order is None:
            return
        unavailable = message_guidance.unavailable_types(order, self.now, offer=self.amazon_offer(order))
        self.fields["message_type"].widget.unavailable = unavailable
        if not self.is_bound:
            preferred = self.initial.get("message_type", "")
            self.initial["message_type"] = message_guidance.default_type(unavailable, preferred)

    def amazon_offer(self, order: Order):
        """Return Amazon's answer for a connected account's order (asked at most once per form)."""
        from .amazon.eligibility import offer_for

        if getattr(self, "_offer_order", None) != order.pk:
            self._offer, self._offer_order = offer_for(order), order.pk
        return self._offer

    def second_review_request(self) -> bool:
        """Tell whether the chosen order already has a review request, so the seller must confirm."""
        return bool(
            self.order is not None and self.order.drafts.filter(message_type="review_request").exists()
        )

    def clean_order_id(self) -> str:
        value = self.cleaned_data["order_id"].strip()
        order_id_validator(value)
        self.order = Order.objects.visible_to(self.user).filter(amazon_order_id=value).first()
        if self.order is None:
            raise forms.ValidationError(
                _("No order %(id)s in your team's orders. Add or import it on the Orders page first."),
                params={"id": value},
                code="unknown_order",
            )
        return value

    def clean(self) -> dict:
        data = super().clean()
        if self.order is None:
            return data
        if not data.get("buyer_locale"):
            data["buyer_locale"] = self.order.buyer_locale
        message_type = data.get("message_type")
        unavailable = message_guidance.unavailable_types(
            self.order, self.now, offer=self.amazon_offer(self.order)
        )
        reason = unavailable.get(message_type)
        if reason:
            self.add_error("message_type", reason)
        elif (
            message_type == "review_request"
            and self.second_review_request()
            and not data.get("another_review_request")
        ):
            self.add_error(
                "another_review_request",
                forms.ValidationError(
                    _(
                        "Order %(id)s already has a review request draft. Amazon allows one review "
                        "request per order: open that draft, or confirm that you want another."
                    ),
                    params={"id": self.order.amazon_order_id},
                    code="second_review_request",
                ),
            )
        return data


class DraftTextForm(forms.Form):
    """The text of a draft as the editor sends it, for a save, a live check or an export."""

    body = forms.CharField(
        label=_("Message"),
        required=False,
        strip=False,
        max_length=settings.COMPOSER_MAX_BODY_CHARS,
        error_messages={
            "max_length": _(
                "The message has %(show_value)d characters; this site takes at most %(limit_value)d. "
                "Shorten it to check and save it."
            )
        },
    )
    subject = forms.CharField(label=_("Subject"), required=False, max_length=200)
    version = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)
    # The editor's "Format" control; absent means "keep the draft's format".
    message_format = forms.ChoiceField(
        label=_("Format"),
        choices=Draft.Format.choices,
        required=False,
        help_text=_(
            "Plain text is what Seller Central and the Messaging API take. Choose HTML only for an "
            "e-mail to the buyer's anonymised address."
        ),
    )

    def clean_body(self) -> str:
        # Browsers send CRLF line breaks; the seller's text is stored with "\n" only.
        return _reject_control_characters(self.cleaned_data["body"].replace("\r\n", "\n"))

    def clean_subject(self) -> str:
        return _reject_control_characters(self.cleaned_data["subject"])


MISSING_VERSION = _(
    "This request does not say which version of the draft it is based on, so it was refused: "
    "nothing was saved. Reload the draft and try again."
)


class VersionedTextForm(DraftTextForm):
    """A write of the text (save, export, submit): it must name the version it started from.

    Without a version the server cannot tell a newer save from an older one, so it never
    falls back to the version stored now.
    """

    # Why this text is stored, as the editor knows it ("fix" after applying a fix); a form
    # submit is a "save", a script's save an "autosave" unless it says otherwise.
    reason = forms.ChoiceField(
        choices=[("autosave", "autosave"), ("save", "save"), ("fix", "fix")], required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].required = True
        self.fields["version"].error_messages["required"] = MISSING_VERSION


class RestoreRevisionForm(forms.Form):
    """Restore an earlier revision: ``version`` is the draft's version the seller saw."""

    version = forms.IntegerField(
        min_value=1, widget=forms.HiddenInput, error_messages={"required": MISSING_VERSION}
    )


class ExportForm(VersionedTextForm):
    format = forms.ChoiceField(
        label=_("Export"), choices=[("text", _("Plain text")), ("html", _("HTML")), ("api", _("API request"))]
    )
    # An invoice goes out as an attachment uploaded through Amazon's Uploads API first.
    upload_destination_id = forms.CharField(label=_("Upload destination ID"), required=False, max_length=200)
    file_name = forms.CharField(label=_("File name the buyer sees"), required=False, max_length=200)

    def clean(self) -> dict:
        data = super().clean()
        upload, name = data.get("upload_destination_id", ""), data.get("file_name", "")
        if bool(upload) != bool(name):
            raise forms.ValidationError(
                _("Give both the upload destination ID and the file name of the attachment."),
                code="attachment",
            )
        return data


class OrderForm(forms.ModelForm):
    class Meta:
        model = Order
        fields = [
            "amazon_order_id",
            "marketplace",
            "buyer_locale",
            "purchase_date",
            "delivery_date",
            "status",
            "fulfillment_channel",
            "product_name",
            "buyer_name",
        ]
        widgets = {
            "purchase_date": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "delivery_date": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, team, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.team = team
        self.fields["buyer_locale"].help_text = _(
            "Leave as the marketplace default unless Amazon shows another."
        )
        self.fields["buyer_locale"].required = False

    def clean_amazon_order_id(self) -> str:
        value = self.cleaned_data["amazon_order_id"].strip()
        exists = Order.objects.filter(team=self.team, amazon_order_id=value)
        if self.instance.pk:
            exists = exists.exclude(pk=self.instance.pk)
        if exists.exists():
            raise forms.ValidationError(_("Your team already has order %(id)s."), params={"id": value})
        return value

    def clean(self) -> dict:
        data = super().clean()
        if data.get("buyer_locale"):
            # The seller's choice: Amazon's answer (GetAttributes) never replaces it.
            self.instance.buyer_locale_source = Order.LocaleSource.SELLER
        elif data.get("marketplace"):
            data["buyer_locale"] = guidelines.MARKETPLACES[data["marketplace"]].default_locale
        return data

    def save(self, commit: bool = True) -> Order:
        self.instance.team = self.team
        return super().save(commit=commit)


# Review: a team lead comments, approves or asks for changes; every form names the version read.


class ReviewVersionForm(forms.Form):
    """Approve: the version is the text the lead read, so a later edit is never approved unseen."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ArchiveForm(forms.Form):
    """Archive a draft, or (``restore``) undo that."""

    restore = forms.BooleanField(required=False)


class MarkSentForm(forms.Form):
    """Mark as sent: the version is the text the seller exported and sent in Seller Central."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ReviewCommentForm(ReviewVersionForm):
    """A comment on the whole draft, or on a passage: selected with the mouse or typed as a quote."""

    passage = forms.CharField(
        label=_("Passage (optional)"),
        required=False,
        strip=False,
        max_length=2000,
        help_text=_(
            "Select words in the message, or type them here. Leave empty to comment on the whole draft."
        ),
    )
    body = forms.CharField(label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    # Where the selection was, as character offsets, so a passage that occurs twice is the one meant.
    start = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, draft_body: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.draft_body = draft_body

    def clean_body(self) -> str:
        return _reject_control_characters(self.cleaned_data["body"])

    def clean(self) -> dict:
        data = super().clean()
        passage, start, end = data.get("passage") or "", data.get("start"), data.get("end")
        if not passage.strip():
            data["start"] = data["end"] = None
            return data
        if start is not None and end is not None and self.draft_body[start:end] == passage:
            return data
        found = self.draft_body.find(passage)
        if found < 0:
            raise forms.ValidationError(
                _("The passage is not in the message. Select it in the message or copy it exactly."),
                code="passage",
            )
        data["start"], data["end"] = found, found + len(passage)
        return data


class RequestChangesForm(ReviewVersionForm):
    comment = forms.CharField(
        label=_("What should change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_comment(self) -> str:
        return _reject_control_characters(self.cleaned_data["comment"])


class TeamApprovalForm(forms.Form):
    approval_required = forms.BooleanField(
        label=_("Approval required before export"),
        required=False,
    )


# The template library, edited by admins.


class TemplateForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        required=False,
        help_text=_("For e-mail; messages sent through Amazon's API have no subject."),
    )
    body = forms.CharField(
        label=_("Body"),
        strip=False,
        max_length=settings.COMPOSER_MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 14, "class": "message-text"}),
    )
    acknowledge_warnings = forms.BooleanField(
        label=_("I have read the warnings and the template is right as it is"),
        required=False,
    )

    def clean_subject(self) -> str:
        return self._placeholders_known(_reject_control_characters(self.cleaned_data["subject"]))

    def clean_body(self) -> str:
        body = _reject_control_characters(self.cleaned_data["body"].replace("\r\n", "\n"))
        if not body.strip():
            raise forms.ValidationError(_("The body is empty."), code="required")
        return self._placeholders_known(body)

    def _placeholders_known(self, text: str) -> str:
        from .template_library import unknown_placeholders

        unknown = unknown_placeholders(text)
        if unknown:
            raise forms.ValidationError(
                _("Unknown placeholder: %(names)s. Use only the placeholders listed below."),
                params={"names": ", ".join("{{" + name + "}}" for name in unknown)},
                code="unknown_placeholder",
            )
        return text


class NewTemplateForm(TemplateForm):
    message_type = forms.ChoiceField(
        label=_("Message type"),
        choices=MESSAGE_TYPE_CHOICES,
    )
    language = forms.ChoiceField(label=_("Language"), choices=[])
    field_order = ["message_type", "language", "subject", "body", "acknowledge_warnings"]

    def __init__(self, *args, **kwargs) -> None:
        from .template_library import language_choices

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()

    def clean(self) -> dict:
        from .models import MessageTemplate

        data = super().clean()
        if MessageTemplate.objects.filter(
            message_type=data.get("message_type"), language=data.get("language")
        ).exists():
            raise forms.ValidationError(
                _("The library already has this message type in this language; edit that template."),
                code="duplicate",
            )
        return data


class RevertForm(forms.Form):
    acknowledge_warnings = forms.BooleanField(
        label=_("I have read the warnings and the template is right as it is"),
        required=False,
    )


class LibraryImportForm(forms.Form):
    file = forms.FileField(
        label=_("Library file (JSON)"),
        help_text=_("A file exported from this page, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."), code="too_large")
        return upload


class OrderFilterForm(forms.Form):
    """The filters above the order list (a GET form: it only narrows what is shown)."""

    WINDOW_CHOICES = [
        ("", _("Any")),
        ("review_request", _("Review request allowed today")),
        ("proactive", _("Proactive messages still allowed")),
    ]

    q = forms.CharField(
        label=_("Search by order ID"),
        required=False,
        max_length=40,
        widget=forms.SearchInput(attrs={"placeholder": "123-1234567-1234567"}),
    )
    marketplace = forms.ChoiceField(
        label=_("Marketplace"), required=False, choices=[("", _("Any")), *MARKETPLACE_CHOICES]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Order.Status.choices]
    )
    fulfillment_channel = forms.ChoiceField(
        label=_("Fulfilment channel"),
        required=False,
        choices=[("", _("Any")), ("AFN", _("Fulfilled by Amazon")), ("MFN", _("Fulfilled by the seller"))],
    )
    window = forms.ChoiceField(label=_("Time window"), required=False, choices=WINDOW_CHOICES)


_ENCODING_CHOICES = [(k, v) for k, v in ENCODINGS.items() if k != "utf-8-sig"]


class ImportOrdersForm(forms.Form):
    # The page's script refuses a too-large file before the upload (imports.js); the limit and
    # its message come from here, the server checks it again in clean_report_file.
    TOO_LARGE_MESSAGE_ID = "report-file-too-large"

    report_file = forms.FileField(
        label=_("Report file"),
        widget=forms.FileInput(attrs={"accept": ".txt,.tsv,.csv,text/plain,text/tab-separated-values"}),
    )
    encoding = forms.ChoiceField(
        label=_("File encoding"),
        required=False,
        choices=[("", _("Detect automatically")), *_ENCODING_CHOICES],
        help_text=_("Leave on automatic unless the imported names look garbled."),
    )

    def clean_report_file(self):
        upload = self.cleaned_data["report_file"]
        limit = settings.ORDER_REPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s MB; reports can be at most %(mb)d MB. "
                    "Download a shorter date range."
                ),
                params={"size": f"{upload.size / (1024 * 1024):.1f}", "mb": limit // (1024 * 1024)},
                code="too_large",
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        return upload

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.ORDER_REPORT_MAX_BYTES
        report_file = self.fields["report_file"]
        report_file.help_text = _(
            "The All Orders or Amazon Fulfilled Shipments report from Seller Central, as downloaded "
            "(tab-separated text), up to %(mb)d MB."
        ) % {"mb": limit // (1024 * 1024)}
        report_file.widget.attrs.update(
            {
                "data-max-bytes": str(limit),
                "data-message-id": self.TOO_LARGE_MESSAGE_ID,
                "data-too-large": _(
                    "This file is larger than %(max_mb)s MB, the most a report can be. "
                    "Download a shorter date range."
                )
                % {"max_mb": limit // (1024 * 1024)},
            }
        )


class BuyerLocaleForm(forms.Form):
    buyer_locale = forms.CharField(
        label=_("Buyer language"),
        max_length=20,
        help_text=_("The buyer's preferred language as Amazon shows it, for example en-US or en_US."),
    )

    def clean_buyer_locale(self) -> str:
        value = self.cleaned_data["buyer_locale"].strip()
        try:
            tag = guidelines.normalize_locale(value)
        except ValueError:
            raise forms.ValidationError(
                _("%(value)s is not a language tag such as en-US or de-DE."), params={"value": value}
            ) from None
        if tag not in guidelines.SUPPORTED_LOCALES:
            raise forms.ValidationError(
                _("%(value)s is not a buyer language we support."), params={"value": tag}
            )
        return tag


class RecordReviewRequestForm(forms.Form):
    """Nothing to fill in: the button press is the record (the form carries the CSRF check)."""


class ResumeImportForm(forms.Form):
    """Nothing to fill in: resuming continues after the last stored batch."""


def _time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class TimeZoneForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=_time_zone_choices,
        help_text=_("Dates and the messaging windows are shown on this clock."),
    )

    class Meta:
        model = User
        fields = ["time_zone"]


class DeliveryDateForm(forms.Form):
    """The day the parcel arrived, for orders no Fulfilled Shipments report covers (seller-fulfilled)."""

    delivery_date = forms.DateTimeField(
        label=_("Delivery date"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "When the carrier shows the parcel delivered, on your clock. The review window counts "
            "from it; leave empty if it is not known."
        ),
    )

    def __init__(self, *args, order: Order, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order = order

    def clean_delivery_date(self):
        value = self.cleaned_data["delivery_date"]
        validate_order_date(value)
        if value is not None and value < self.order.purchase_date:
            raise forms.ValidationError(
                _("The delivery date is before the purchase date."), code="before_purchase"
            )
        return value
