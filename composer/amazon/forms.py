"""Forms of the Amazon account page and of "Send to buyer"."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..forms import MISSING_VERSION
from .models import REGION_CHOICES

# Amazon's seller (merchant) tokens: "A" and 9 to 20 capitals and digits, e.g. A2EUQ1WTGCTBG2.
SELLER_ID_PATTERN = r"A[0-9A-Z]{8,20}"
# Attachments: Amazon takes up to 5 files; we keep each to 10 MB.
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class ConnectForm(forms.Form):
    """The self-authorisation path: the seller pastes what Seller Central's app page shows."""

    selling_partner_id = forms.RegexField(
        label=_("Selling partner ID"),
        regex=SELLER_ID_PATTERN,
        max_length=32,
        error_messages={"invalid": _("A selling partner ID looks like A2EUQ1WTGCTBG2.")},
        help_text=_("Your merchant token, shown in Seller Central under Settings › Account Info."),
    )
    region = forms.ChoiceField(label=_("Region"), choices=REGION_CHOICES)
    refresh_token = forms.CharField(
        label=_("Refresh token"),
        max_length=2000,
        strip=True,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Starts with Atzr|. Stored encrypted and never shown again."),
    )

    def clean_selling_partner_id(self) -> str:
        return self.cleaned_data["selling_partner_id"].upper()

    def clean_refresh_token(self) -> str:
        token = self.cleaned_data["refresh_token"]
        if not token.startswith("Atzr|"):
            raise forms.ValidationError(
                _("A refresh token from Seller Central starts with Atzr|."), code="token"
            )
        return token


class SendForm(forms.Form):
    """ "Send to buyer": the version the seller looked at, and the files for Amazon's Uploads API."""

    # The version the seller read: without one the send is refused (400), an older one is a 409.
    version = forms.IntegerField(
        min_value=1, widget=forms.HiddenInput, error_messages={"required": MISSING_VERSION}
    )
    # Rendered for the page; the files themselves are read from ``files_list`` (every file of the
    # multiple upload, which a FileField would reduce to one).
    attachments = forms.FileField(label=_("Attachments (optional)"), required=False, widget=MultipleFileInput)
    checked_unknown = forms.BooleanField(
        label=_("I checked Seller Central: the earlier send did not arrive"), required=False
    )

    def __init__(self, *args, files_list=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.uploaded = list(files_list or [])
        self.fields["attachments"].help_text = _(
            "Up to %(count)d files of at most %(mb)d MB, uploaded through Amazon's Uploads API with "
            "the message."
        ) % {"count": MAX_ATTACHMENTS, "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)}

    def clean(self) -> dict:
        data = super().clean()
        if len(self.uploaded) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Amazon takes at most %(count)d attachments.") % {"count": MAX_ATTACHMENTS},
                code="attachments",
            )
        for upload in self.uploaded:
            if upload.size > MAX_ATTACHMENT_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is larger than %(mb)d MB.")
                    % {"name": upload.name, "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
                    code="attachment_size",
                )
        return data


def consent_configured() -> bool:
    """Tell whether the website authorisation workflow is set up (a published app)."""
    return bool(settings.SPAPI_APP_ID and settings.SPAPI_CLIENT_ID)
