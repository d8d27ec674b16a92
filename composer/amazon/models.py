"""A team's connected Amazon seller account, and every send made through it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import MESSAGE_TYPE_CHOICES, Draft, Order, Team
from . import secrets

# Amazon's three Selling Partner API regions and their endpoints.
REGION_ENDPOINTS = {
    "na": "https://sellingpartnerapi-na.amazon.com",
    "eu": "https://sellingpartnerapi-eu.amazon.com",
    "fe": "https://sellingpartnerapi-fe.amazon.com",
}
REGION_CHOICES = [
    ("na", _("North America (na)")),
    ("eu", _("Europe (eu)")),
    ("fe", _("Far East (fe)")),
]


class AmazonAccount(models.Model):
    """The seller account a team connected: one per team, its refresh token encrypted at rest."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="amazon_account")
    selling_partner_id = models.CharField(_("Selling partner ID"), max_length=32)
    region = models.CharField(_("Region"), max_length=2, choices=REGION_CHOICES)
    refresh_token_encrypted = models.TextField()
    # [{"id": "A1PA6795UKMFR9", "name": "Amazon.de", "country": "DE"}], from Amazon at Connect.
    marketplaces = models.JSONField(default=list)
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    connected_at = models.DateTimeField(default=timezone.now)
    # Orders created or updated up to this moment are stored; the next sync asks from here.
    synced_until = models.DateTimeField(null=True, blank=True)
    last_sync_error = models.TextField(blank=True)
    # Where a sync that paused for the rate limit goes on: the span, Amazon's page token and the
    # counts so far ({"since", "until", "token", "result"}); None between syncs.
    sync_cursor = models.JSONField(null=True, blank=True)
    # What the last finished sync stored and refused (composer/amazon/sync.py SyncResult).
    last_sync_report = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.selling_partner_id} ({self.region})"

    @property
    def refresh_token(self) -> str:
        return secrets.decrypt(self.refresh_token_encrypted)

    @refresh_token.setter
    def refresh_token(self, value: str) -> None:
        self.refresh_token_encrypted = secrets.encrypt(value)

    @property
    def marketplace_ids(self) -> list[str]:
        return [m["id"] for m in self.marketplaces]


class AmazonSendQuerySet(models.QuerySet):
    def live(self) -> AmazonSendQuerySet:
        """Return sends that went out, may have gone out, or are about to."""
        return self.filter(status__in=AmazonSend.LIVE)


class AmazonSend(models.Model):
    """One message sent (or being sent) to a buyer through the Selling Partner API.

    The row is claimed before Amazon is called, so two workers, two clicks or a redelivered task
    never send one draft twice; an answer we did not get is recorded as not known, never retried.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to send")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        NOT_SENT = "not_sent", _("Not sent")
        UNKNOWN = "unknown", _("Not known")

    # A draft has at most one of these at a time (a database constraint below).
    LIVE = (Status.QUEUED, Status.SENDING, Status.SENT)
    # A send claimed this long ago without an answer lost its worker mid-call.
    STALLED_AFTER = timedelta(minutes=2)

    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="amazon_sends")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="amazon_sends")
    # Kept when the account is removed: the history of what was sent stays.
    account = models.ForeignKey(AmazonAccount, on_delete=models.SET_NULL, null=True, related_name="sends")
    message_type = models.CharField(max_length=30, choices=MESSAGE_TYPE_CHOICES)
    operation = models.CharField(max_length=80)
    # The exact text the buyer gets (empty for Amazon's own review request, whose text Amazon writes).
    text = models.TextField(blank=True)
    draft_version = models.PositiveIntegerField()
    # [{"file_name": "invoice.pdf", "content_type": "application/pdf", "path": "…"}] until uploaded.
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    # What Amazon answered: HTTP status and body, or why we do not know.
    amazon_status = models.PositiveSmallIntegerField(null=True, blank=True)
    amazon_answer = models.TextField(blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    claimed = models.DateTimeField(null=True, blank=True)
    # When a send put off for the account's rate limit comes back (its task carries a countdown).
    due = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    objects = AmazonSendQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["draft"],
                condition=Q(status__in=["queued", "sending", "sent"]),
                name="one_live_amazon_send_per_draft",
            )
        ]

    def __str__(self) -> str:
        return f"{self.operation} {self.order} ({self.status})"

    @property
    def is_settled(self) -> bool:
        return self.status in (self.Status.SENT, self.Status.NOT_SENT, self.Status.UNKNOWN)

    @property
    def summary(self) -> str:
        """Say in words what happened to this send."""
        if self.status == self.Status.UNKNOWN:
            return str(_("Not known: check Seller Central before sending again."))
        if self.status == self.Status.NOT_SENT:
            return str(_("Not sent: %(reason)s")) % {"reason": self.error}
        if self.status == self.Status.SENT:
            return str(_("Sent to the buyer through Amazon."))
        return str(_("Sending…"))

    def is_stalled(self, now: datetime | None = None) -> bool:
        return (
            self.status == self.Status.SENDING
            and self.claimed is not None
            and self.claimed < (now or timezone.now()) - self.STALLED_AFTER
        )
