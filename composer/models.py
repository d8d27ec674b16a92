"""Teams, people, orders, templates and drafts: what the composer stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import guidelines

from . import windows
from .bounds import MAX_QUANTITY, validate_order_date

# The labels come from the engine as message ids (guidelines.i18n), which makemessages extracts.
MESSAGE_TYPE_CHOICES = [(t.key, _(t.label)) for t in guidelines.MESSAGE_TYPES.values()]
LOCALE_CHOICES = list(guidelines.SUPPORTED_LOCALES.items())
# A draft may ignore this many words; more is a sign of a wrong buyer language, not of names.
MAX_IGNORED_WORDS = 200
# How long whoever added a word to the team dictionary may take it back with "Undo".
DICTIONARY_UNDO_WINDOW = timedelta(minutes=15)
MARKETPLACE_CHOICES = [(m.code, m.domain) for m in guidelines.MARKETPLACES.values()]

order_id_validator = RegexValidator(
    guidelines.ORDER_ID.pattern,
    _("An Amazon order ID has 17 digits in the form 123-1234567-1234567."),
    code="invalid_order_id",
)


def validate_locale(value: str) -> None:
    if not guidelines.locales.is_supported(value):
        raise ValidationError(
            _("%(value)s is not a buyer language we support."), params={"value": value}, code="locale"
        )


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    store_name = models.CharField(_("store name"), max_length=100, blank=True)
    # Team leads approve drafts before they go out, unless the team switches it off.
    approval_required = models.BooleanField(_("approval required before export"), default=True)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        SELLER = "seller", _("Seller")
        LEAD = "lead", _("Team lead")
        ADMIN = "admin", _("Admin")

    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SELLER)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members")
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    interface_language = models.CharField(_("interface language"), max_length=10, blank=True)

    def remember_interface_language(self, code: str) -> None:
        """Store the interface language the user picked, so their next log-in opens in it."""
        if code != self.interface_language:
            self.interface_language = code
            self.save(update_fields=["interface_language"])

    @property
    def is_lead(self) -> bool:
        return self.role == self.Role.LEAD

    @property
    def is_admin_role(self) -> bool:
        return self.role == self.Role.ADMIN or self.is_superuser


class OrderQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> OrderQuerySet:
        """Return the orders of the user's team; admins see every team's orders."""
        if user.is_admin_role:
            return self
        return self.filter(team=user.team_id) if user.team_id else self.none()

    def with_review_request(self) -> OrderQuerySet:
        """Return orders that already had a review request (Amazon's button or our message)."""
        return self.filter(
            Q(messages__kind=MessageRecord.Kind.REQUEST_A_REVIEW) | Q(messages__message_type="review_request")
        ).distinct()

    def with_review_requested(self) -> OrderQuerySet:
        """Annotate ``review_requested``: whether a review request was sent or Amazon's button used."""
        requests = MessageRecord.objects.filter(order=OuterRef("pk")).filter(
            Q(kind=MessageRecord.Kind.REQUEST_A_REVIEW) | Q(message_type="review_request")
        )
        return self.annotate(review_requested=Exists(requests))

    def review_request_allowed(self, now: datetime) -> OrderQuerySet:
        """Return shipped orders inside the 5–30-day review window with no review request yet."""
        today = now.astimezone(UTC).date()
        # Delivered on UTC day D: allowed on days D+5 … D+30, so D lies in [today-30, today-5].
        earliest = windows.start_of_utc_day(today - timedelta(days=windows.REVIEW_CLOSES_AFTER_DAYS))
        latest = windows.start_of_utc_day(today - timedelta(days=windows.REVIEW_OPENS_AFTER_DAYS - 1))
        already = self.model.objects.with_review_request().values("pk")
        return self.filter(
            status=Order.Status.SHIPPED, delivery_date__gte=earliest, delivery_date__lt=latest
        ).exclude(pk__in=already)

    def proactive_allowed(self, now: datetime) -> OrderQuerySet:
        """Return orders still inside the 30-day window for proactive messages."""
        today = now.astimezone(UTC).date()
        earliest = windows.start_of_utc_day(today - timedelta(days=windows.PROACTIVE_CLOSES_AFTER_DAYS))
        return self.filter(
            Q(delivery_date__gte=earliest) | Q(delivery_date__isnull=True, purchase_date__gte=earliest)
        )


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING = "Pending", _("Pending")
        UNSHIPPED = "Unshipped", _("Unshipped")
        PARTIALLY_SHIPPED = "PartiallyShipped", _("Partially shipped")
        SHIPPED = "Shipped", _("Shipped")
        CANCELED = "Canceled", _("Canceled")
        UNFULFILLABLE = "Unfulfillable", _("Unfulfillable")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="orders")
    amazon_order_id = models.CharField(_("order ID"), max_length=19, validators=[order_id_validator])
    marketplace = models.CharField(_("marketplace"), max_length=2, choices=MARKETPLACE_CHOICES)

    class LocaleSource(models.TextChoices):
        MARKETPLACE = "", _("the marketplace's language")
        SELLER = "seller", _("set by the seller")
        AMAZON = "amazon", _("the buyer's preference at Amazon")
        # Amazon was asked and knew none we serve: the marketplace's language stays.
        ASKED = "asked", _("the marketplace's language (Amazon gave none)")

    buyer_locale = models.CharField(
        _("buyer language"), max_length=10, choices=LOCALE_CHOICES, validators=[validate_locale]
    )
    # Where the buyer language came from: a synced order is asked about once (GetAttributes),
    # and Amazon's answer never replaces a language the seller chose.
    # (A database default too: servers still on the previous release insert orders without it.)
    buyer_locale_source = models.CharField(
        max_length=10,
        choices=LocaleSource.choices,
        default=LocaleSource.MARKETPLACE,
        db_default=LocaleSource.MARKETPLACE,
        blank=True,
    )
    purchase_date = models.DateTimeField(_("purchase date"), validators=[validate_order_date])
    delivery_date = models.DateTimeField(
        _("delivery date"), null=True, blank=True, validators=[validate_order_date]
    )
    # The delivery promise the Orders API gives (deliverByWindow); reports do not carry it.
    earliest_delivery_date = models.DateTimeField(_("earliest delivery date"), null=True, blank=True)
    latest_delivery_date = models.DateTimeField(_("latest delivery date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SHIPPED)
    fulfillment_channel = models.CharField(
        _("fulfilment channel"), max_length=3, choices=[("AFN", "Amazon"), ("MFN", _("Seller"))], blank=True
    )
    product_name = models.CharField(_("product name"), max_length=500)
    buyer_name = models.CharField(_("buyer first name"), max_length=100, blank=True)
    sku = models.CharField(max_length=100, blank=True)
    asin = models.CharField(max_length=20, blank=True)
    quantity = models.PositiveIntegerField(default=1, validators=[MaxValueValidator(MAX_QUANTITY)])
    ship_country = models.CharField(max_length=2, blank=True)
    # Every item of an order synced from Amazon: [{"asin", "sku", "title", "quantity"}].
    items = models.JSONField(default=list, blank=True)
    # The message types Amazon offered for this order when last asked (composer/amazon/eligibility.py).
    amazon_offers = models.JSONField(null=True, blank=True)
    amazon_offers_checked = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-purchase_date"]
        constraints = [
            models.UniqueConstraint(fields=["team", "amazon_order_id"], name="unique_order_per_team")
        ]

    def __str__(self) -> str:
        return self.amazon_order_id

    @property
    def marketplace_id(self) -> str:
        return guidelines.MARKETPLACES[self.marketplace].marketplace_id

    def review_requests_sent(self) -> int:
        """Count review requests already made: Amazon counts its button and our message alike."""
        return self.messages.filter(
            Q(kind=MessageRecord.Kind.REQUEST_A_REVIEW) | Q(message_type="review_request")
        ).count()

    def unsent_review_request(self) -> Draft | None:
        """Return the last review request exported for this order but not marked as sent.

        It may have been sent in Seller Central without being marked: the seller is warned
        (not stopped) before writing another.
        """
        return (
            self.drafts.filter(message_type="review_request", exported_at__isnull=False)
            .exclude(status=Draft.Status.SENT)
            .order_by("-exported_at")
            .first()
        )

    def check_context(self, *, now: datetime | None = None, review_requests_sent: int | None = None) -> dict:
        """Return what the guideline engine needs to know about this order.

        ``review_requests_sent`` is the count when the caller has it already (the live check
        reads it from the cache together with the team's words).
        """
        if review_requests_sent is None:
            review_requests_sent = self.review_requests_sent()
        return {
            "now": now or timezone.now(),
            "purchase_date": windows.utc_day(self.purchase_date),
            "delivery_date": windows.utc_day(self.delivery_date),
            "order_status": self.status,
            # The live check passes it from its cache (composer/check_cache.py).
            "review_requests_sent": review_requests_sent,
            "product_name": self.product_name,
            "buyer_name": self.buyer_name,
            "store_name": self.team.store_name,
            "amazon_offers": self.current_amazon_offers(now),
        }

    def current_amazon_offers(self, now: datetime | None = None) -> list[str] | None:
        """Return the types Amazon offered for this order if it answered recently, else None."""
        from .amazon.eligibility import TRUST_ANSWER_FOR

        checked = self.amazon_offers_checked
        if self.amazon_offers is None or checked is None:
            return None
        return self.amazon_offers if checked > (now or timezone.now()) - TRUST_ANSWER_FOR else None

    def review_window(self) -> windows.Window | None:
        """Return the UTC days on which a review request is allowed: 5 to 30 days after delivery."""
        return windows.review_window_for(self.delivery_date)

    def proactive_window(self) -> windows.Window:
        """Return the UTC days on which proactive messages are allowed (30 days, R6)."""
        return windows.proactive_window_for(self.purchase_date, self.delivery_date)

    def record_review_request(self, *, by: User) -> MessageRecord:
        """Record that the seller pressed Amazon's Request a Review button for this order.

        Amazon allows one review request per order, whichever way it is made, so a second
        record is refused: it would only hide which request really went out.
        """
        with transaction.atomic():
            # Lock the order so two clicks cannot both record the first request.
            Order.objects.select_for_update().filter(pk=self.pk).first()
            if self.review_requests_sent():
                raise ValidationError(
                    _("A review request is already recorded for order %(id)s."),
                    params={"id": self.amazon_order_id},
                    code="already_requested",
                )
            return self.messages.create(
                kind=MessageRecord.Kind.REQUEST_A_REVIEW, message_type="review_request", sent_by=by
            )

    def set_delivery_date(self, value: datetime | None) -> None:
        """Store when the parcel arrived (None when unknown); the windows count from its UTC day."""
        self.delivery_date = value
        self.save(update_fields=["delivery_date", "updated"])

    def set_buyer_locale(self, tag: str) -> None:
        """Store the buyer's preferred language; ``en_US`` and ``en-US`` mean the same."""
        try:
            locale = guidelines.normalize_locale(tag)
        except ValueError:
            locale = tag
        validate_locale(locale)
        self.buyer_locale, self.buyer_locale_source = locale, self.LocaleSource.SELLER
        self.save(update_fields=["buyer_locale", "buyer_locale_source", "updated"])


class MessageTemplate(models.Model):
    """The library's template for one message type in one buyer language."""

    message_type = models.CharField(_("message type"), max_length=30, choices=MESSAGE_TYPE_CHOICES)
    # A language subtag ("de") or a full tag where the region matters ("pt-BR", "zh-CN").
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    is_published = models.BooleanField(_("published"), default=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["message_type", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["message_type", "language"], name="one_template_per_type_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_message_type_display()} ({self.language})"

    @classmethod
    def for_locale(cls, message_type: str, locale: str) -> MessageTemplate | None:
        """Return the published template for a buyer locale: exact tag first, then the language."""
        tag = guidelines.normalize_locale(locale)
        candidates = cls.objects.filter(
            message_type=message_type, is_published=True, language__in=[tag, tag.split("-")[0]]
        )
        by_language = {t.language: t for t in candidates}
        return by_language.get(tag) or by_language.get(tag.split("-")[0])

    def latest_version(self) -> TemplateVersion | None:
        return self.versions.order_by("-number").first()

    def record_version(self, *, by: User | None, note: str = "") -> TemplateVersion:
        """Keep the current text as a new version in the template's history."""
        latest = self.latest_version()
        return self.versions.create(
            number=(latest.number + 1) if latest else 1,
            subject=self.subject,
            body=self.body,
            created_by=by,
            note=note,
        )

    def publish(self, *, subject: str, body: str, by: User | None, note: str = "") -> TemplateVersion:
        """Store checked text as the live template and keep it as a new version in the history."""
        with transaction.atomic():
            self.subject, self.body, self.is_published = subject, body, True
            self.save()
            return self.record_version(by=by, note=note)

    def revert_to(self, version: TemplateVersion, *, by: User | None) -> TemplateVersion:
        """Publish an earlier version's text again; the history keeps every step."""
        return self.publish(
            subject=version.subject, body=version.body, by=by, note=f"Reverted to version {version.number}"
        )


class TemplateVersion(models.Model):
    template = models.ForeignKey(MessageTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    created = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["template", "-number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="unique_template_version")]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"


class DraftQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> DraftQuerySet:
        """Return a seller's own drafts, a lead's team drafts, or every draft for an admin."""
        if user.is_admin_role:
            return self
        if user.is_lead:
            return self.filter(team=user.team_id) if user.team_id else self.none()
        return self.filter(author=user)

    def active(self) -> DraftQuerySet:
        return self.filter(archived_at__isnull=True)

    def awaiting_review(self) -> DraftQuerySet:
        return self.filter(status=Draft.Status.SUBMITTED)


class ReviewStateError(Exception):
    """Raised when a review step does not fit the draft's state; the message is for the user."""


class VersionConflict(Exception):
    """Raised when a write is based on an older version than the one stored.

    ``current`` is the draft as stored now; ``base`` is the revision the write started from
    (None when that version is not in the history), so both texts can be shown.
    """

    def __init__(self, current: Draft, base_version: int | None = None) -> None:
        super().__init__(f"draft {current.pk} is at version {current.version}, not {base_version}")
        self.current = current
        self.base_version = base_version

    @property
    def base(self) -> DraftRevision | None:
        if self.base_version is None:
            return None
        return self.current.revisions.filter(version=self.base_version).first()


class Draft(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        EXPORTED = "exported", _("Exported")
        SENT = "sent", _("Sent")

    class Format(models.TextChoices):
        TEXT = "text", _("Plain text")
        HTML = "html", _("HTML")

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="drafts")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="drafts")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="drafts")
    message_type = models.CharField(_("message type"), max_length=30, choices=MESSAGE_TYPE_CHOICES)
    buyer_locale = models.CharField(_("buyer language"), max_length=10, choices=LOCALE_CHOICES)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.TEXT)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"), blank=True)
    # Optimistic concurrency: every save names the version it started from.
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    template_version = models.ForeignKey(
        TemplateVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="drafts"
    )
    findings = models.JSONField(default=list, blank=True)
    # Words the seller chose to "Ignore" in this draft only; the spelling check accepts them here.
    ignored_words = models.JSONField(default=list, blank=True)
    # The version a team lead approved; any later save makes the draft need approval again.
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    # The version last exported, and when: "Mark as sent" records exactly that text.
    exported_version = models.PositiveIntegerField(null=True, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)
    # Archived drafts leave "My drafts" but are kept (with their history) and can come back.
    archived_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = DraftQuerySet.as_manager()

    CHANGED_SINCE_EXPORT = _("The text changed after the export: export it again before you send it.")

    # What a live check reads of the draft itself (the text comes with the request).
    CHECKED_FIELDS = ("author", "team", "order", "message_type", "buyer_locale", "format", "ignored_words")

    class Meta:
        ordering = ["-updated"]

    def __str__(self) -> str:
        return f"{self.get_message_type_display()} – {self.order}"

    def save(self, *args, **kwargs) -> None:
        """Save the draft; a new draft's first text is kept as the first revision of its history."""
        if not self._state.adding:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.keep_revision(by=self.author, reason=DraftRevision.Reason.STARTED)

    def ignore_word(self, word: str) -> bool:
        """Accept ``word`` in this draft's spelling check; return False when it was ignored already.

        Not a new version of the text: the row is updated without touching ``version``.
        """
        if word.casefold() in {w.casefold() for w in self.ignored_words}:
            return False
        if len(self.ignored_words) >= MAX_IGNORED_WORDS:
            raise ValidationError(_("This draft ignores too many words already."), code="too_many")
        self.ignored_words = [*self.ignored_words, word]
        # save() (not an UPDATE) so that post_save tells the live-check cache.
        self.save(update_fields=["ignored_words"])
        return True

    def stop_ignoring(self, word: str) -> bool:
        """Check ``word`` again in this draft (the undo of "Ignore"); return whether it was ignored."""
        kept = [w for w in self.ignored_words if w.casefold() != word.casefold()]
        if len(kept) == len(self.ignored_words):
            return False
        self.ignored_words = kept
        self.save(update_fields=["ignored_words"])
        return True

    def is_visible_to(self, user: User) -> bool:
        """Tell whether ``user`` may see this draft: the rule of ``Draft.objects.visible_to``."""
        if user.is_admin_role:
            return True
        if user.is_lead:
            return user.team_id is not None and self.team_id == user.team_id
        return self.author_id == user.pk

    def save_text(
        self,
        *,
        body: str,
        subject: str,
        base_version: int,
        findings: list,
        by: User,
        format: str | None = None,
        reason: str = "save",
        session: str = "",
    ) -> DraftRevision:
        """Store new text if nobody saved since ``base_version``; otherwise raise VersionConflict.

        The compare-and-set happens in one UPDATE, so two tabs cannot both win. ``format``
        ("text" or "html") is stored with the text when given, since the checks depend on it.
        Every stored text is kept as a revision with who, when and ``reason``.
        """
        with transaction.atomic():
            changed_after_approval = self.status == self.Status.APPROVED
            status = self.Status.DRAFT if changed_after_approval else self.status
            updated = Draft.objects.filter(pk=self.pk, version=base_version).update(
                body=body,
                subject=subject,
                findings=findings,
                status=status,
                version=F("version") + 1,
                updated=timezone.now(),
                **({"format": format} if format else {}),
            )
            if not updated:
                raise VersionConflict(Draft.objects.get(pk=self.pk), base_version)
            if changed_after_approval:
                self.events.create(status=status, actor=by, note="Edited after approval")
                reason = DraftRevision.Reason.EDITED_AFTER_APPROVAL
            self.refresh_from_db()
            # The UPDATE sends no post_save for the draft; the new revision's post_save tells
            # the live-check cache (composer/check_cache.py) that the draft changed.
            return self.keep_revision(by=by, reason=reason, session=session)

    def keep_revision(self, *, by: User, reason: str, session: str = "") -> DraftRevision:
        """Keep the text as stored now as a revision of the draft's history."""
        return self.revisions.create(
            version=self.version,
            body=self.body,
            subject=self.subject,
            format=self.format,
            reason=reason,
            author=by,
            session=session,
        )

    def restore(
        self, revision: DraftRevision, *, base_version: int, by: User, findings: list
    ) -> DraftRevision:
        """Store an earlier revision's text again as a new revision; nothing in between is lost."""
        return self.save_text(
            body=revision.body,
            subject=revision.subject,
            base_version=base_version,
            findings=findings,
            by=by,
            format=revision.format,
            reason=DraftRevision.Reason.RESTORE,
        )

    def mark_exported(self, *, by: User, note: str) -> None:
        """Record an export of the text as stored now; its revision is never thinned.

        An export is not a message sent: it can be repeated in any format, and only "Mark as
        sent" (``mark_sent``) puts the message in the order's history. A sent draft stays sent.
        """
        self.revisions.filter(version=self.version).update(exported=True)
        self.exported_version, self.exported_at = self.version, timezone.now()
        self.save(update_fields=["exported_version", "exported_at"])
        status = self.Status.SENT if self.status == self.Status.SENT else self.Status.EXPORTED
        self.record_event(status, by=by, note=note)

    def archive(self, *, by: User) -> None:
        """Take the draft off the seller's list; nothing is deleted, and ``unarchive`` undoes it."""
        self.archived_at = timezone.now()
        self.save(update_fields=["archived_at"])
        self.events.create(status=self.status, actor=by, note="Archived")

    def unarchive(self, *, by: User) -> None:
        self.archived_at = None
        self.save(update_fields=["archived_at"])
        self.events.create(status=self.status, actor=by, note="Restored from the archive")

    def error_count(self) -> int:
        """Return how many errors the last check of the stored text found."""
        return sum(1 for f in self.findings if f.get("severity") == "error")

    def mark_sent_refusal(self) -> str:
        """Return why the seller cannot mark this text as sent through Seller Central, or ""."""
        if self.status == self.Status.SENT:
            return _("This message is already marked as sent.")
        if self.exported_version is None:
            return _("Export the message first, then send it in Seller Central.")
        if self.exported_version != self.version:
            return self.CHANGED_SINCE_EXPORT
        return ""

    def mark_sent(self, *, by: User, channel: str = "", text: str | None = None) -> MessageRecord:
        """Record that this message reached the buyer: the one place a sent message is recorded.

        Through Seller Central (the default channel) the seller sends the exported text and says
        so with "Mark as sent": only the text as last exported can be marked. The site's own
        sending through Amazon passes ``channel=MessageRecord.Channel.API`` and the text it sent.
        Amazon allows one review request per order, however it is made: a second is refused.
        Raises ValidationError with the reason.
        """
        channel = channel or MessageRecord.Channel.SELLER_CENTRAL
        with transaction.atomic():
            # Lock the order so that two sends cannot both record the first review request.
            Order.objects.select_for_update().filter(pk=self.order_id).first()
            self.refresh_from_db()
            reason = self.mark_sent_refusal() if channel == MessageRecord.Channel.SELLER_CENTRAL else ""
            if not reason and self.status == self.Status.SENT:
                reason = _("This message is already marked as sent.")
            if not reason and self.message_type == "review_request" and self.order.review_requests_sent():
                reason = _("A review request is already recorded for order %(id)s.") % {
                    "id": self.order.amazon_order_id
                }
            if reason:
                raise ValidationError(reason, code="not_sendable")
            record = MessageRecord.objects.create(
                order=self.order,
                draft=self,
                kind=MessageRecord.Kind.SENT,
                channel=channel,
                message_type=self.message_type,
                export_format=self.format,
                text=self.body if text is None else text,
                sent_by=by,
            )
            self.record_event(self.Status.SENT, by=by, note=f"Sent ({record.get_channel_display()})")
        return record

    def record_event(self, status: str, *, by: User, note: str = "") -> None:
        self.status = status
        self.save(update_fields=["status", "updated"])
        self.events.create(status=status, actor=by, note=note)

    # Review: the seller submits, a team lead approves or asks for changes. Each transition is
    # checked here and kept as a DraftEvent with who and when.

    def needs_approval(self) -> bool:
        return self.team.approval_required

    def is_approved(self) -> bool:
        """Tell whether the text as stored now is the text a lead approved."""
        return self.approved_version is not None and self.approved_version == self.version

    def can_submit(self) -> bool:
        if self.status == self.Status.EXPORTED:
            # An exported message edited afterwards is a new message: it needs its own review.
            return self.needs_approval() and not self.is_approved()
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    def submit(self, *, by: User) -> None:
        """Send the draft to the team's review queue."""
        if not self.can_submit():
            raise ReviewStateError(_("Only a draft or a draft with requested changes can be submitted."))
        if any(f.get("severity") == "error" for f in self.findings):
            raise ReviewStateError(_("Fix the errors in the message before submitting it for review."))
        with transaction.atomic():
            self.record_event(self.Status.SUBMITTED, by=by, note="Submitted for review")

    def approve(self, *, by: User, version: int) -> None:
        """Approve the text at ``version``: the one the lead read, not a later edit."""
        self._check_reviewable(version)
        with transaction.atomic():
            self.approved_version = self.version
            self.save(update_fields=["approved_version"])
            self.revisions.filter(version=self.version).update(approved=True)
            self.record_event(self.Status.APPROVED, by=by, note=f"Approved version {self.version}")

    def request_changes(self, *, by: User, comment: str, version: int) -> ReviewComment:
        """Send the draft back to its author with a comment on the whole draft."""
        self._check_reviewable(version)
        if not comment.strip():
            raise ReviewStateError(_("Say what should change."))
        with transaction.atomic():
            note = self.add_comment(by=by, body=comment)
            self.record_event(self.Status.CHANGES_REQUESTED, by=by, note="Changes requested")
        return note

    def add_comment(
        self, *, by: User, body: str, start: int | None = None, end: int | None = None
    ) -> ReviewComment:
        """Comment on the whole draft, or on the span ``start``–``end`` of its body."""
        if (start is None) != (end is None) or (
            start is not None and not (0 <= start < end <= len(self.body))
        ):
            raise ReviewStateError(_("The selected passage is not part of the message."))
        excerpt = self.body[start:end] if start is not None else ""
        return self.review_comments.create(
            author=by, body=body, start=start, end=end, excerpt=excerpt, draft_version=self.version
        )

    def _check_reviewable(self, version: int) -> None:
        if version != self.version:
            raise VersionConflict(self, version)
        if self.status != self.Status.SUBMITTED:
            raise ReviewStateError(_("This draft is not waiting for review."))

    def export_blocked_reason(
        self, *, body: str | None = None, subject: str | None = None, message_format: str | None = None
    ) -> str:
        """Return why this text may not be exported yet, or "" when it may.

        With approval required, only the exact text a lead approved goes out; any edit after
        approval needs a new approval.
        """
        if not self.needs_approval():
            return ""
        unchanged = (
            (body is None or body == self.body)
            and (subject is None or subject == self.subject)
            and (not message_format or message_format == self.format)
        )
        if self.is_approved() and unchanged:
            return ""
        if self.is_approved():
            return _("The text differs from the approved version. Save it and submit it for review again.")
        if self.status == self.Status.SUBMITTED and unchanged:
            return _("Waiting for your team lead's review before export.")
        return _("Your team requires a team lead's approval before export. Submit the draft for review.")

    def submit_refusal(self, *, edited: bool = False) -> str:
        """Return why "Submit for review" is not possible, or "".

        ``edited``: for the text once the seller has changed it (an approved or exported text
        that changes needs its own review; a draft waiting for review keeps waiting).
        """
        if edited and self.status != self.Status.SUBMITTED and self.needs_approval():
            return ""
        if self.status == self.Status.SUBMITTED:
            return _("Waiting for your team lead's review.")
        if self.is_approved():
            return _("Approved by your team lead: nothing to submit.")
        if not self.can_submit():
            return _("Only a draft or a draft with requested changes can be submitted.")
        return ""


class DraftEvent(models.Model):
    """One state change of a draft, kept with who and when."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=Draft.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    note = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]

    def __str__(self) -> str:
        return f"{self.draft_id}: {self.status}"


# Autosaves younger than this are all kept; older ones are thinned to one per draft and minute.
AUTOSAVES_KEPT_WHOLE = timedelta(days=1)


class DraftRevisionQuerySet(models.QuerySet):
    def thin_autosaves(self, *, older_than: datetime) -> int:
        """Delete autosaves made before ``older_than`` down to one per draft and minute.

        Kept always: the last autosave of each editing session (where a crashed tab's work
        ends), an exported revision and an approved one, and every revision that is not an
        autosave. Returns how many revisions were deleted.
        """
        autosaves = self.filter(reason=DraftRevision.Reason.AUTOSAVE)
        last_of_session = {
            (row["draft"], row["session"]): row["last"]
            for row in autosaves.values("draft", "session").annotate(last=models.Max("version"))
        }
        old = autosaves.filter(created__lt=older_than, exported=False, approved=False)
        kept_minutes: set[tuple[int, datetime]] = set()
        doomed: list[int] = []
        rows = old.order_by("draft", "-version").values_list("pk", "draft", "version", "session", "created")
        for pk, draft, version, session, created in rows.iterator():
            minute = (draft, created.replace(second=0, microsecond=0))
            if last_of_session.get((draft, session)) == version or minute not in kept_minutes:
                kept_minutes.add(minute)
                continue
            doomed.append(pk)
        deleted = 0
        for start in range(0, len(doomed), 500):
            deleted += self.filter(pk__in=doomed[start : start + 500]).delete()[0]
        return deleted


class DraftRevision(models.Model):
    """One stored text of a draft, with who stored it, when and why. Never edited afterwards."""

    class Reason(models.TextChoices):
        STARTED = "started", _("Started from the template")
        AUTOSAVE = "autosave", _("Autosave")
        SAVE = "save", _("Saved")
        FIX = "fix", _("Fix applied")
        RESTORE = "restore", _("Restored an earlier revision")
        EDITED_AFTER_APPROVAL = "edited_after_approval", _("Edited after approval")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    format = models.CharField(max_length=4, choices=Draft.Format.choices, default=Draft.Format.TEXT)
    reason = models.CharField(max_length=30, choices=Reason.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A digest of the editing session (the log-in session), so thinning keeps each session's last.
    session = models.CharField(max_length=64, blank=True)
    exported = models.BooleanField(default=False)
    approved = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = DraftRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["draft", "-version"]
        constraints = [models.UniqueConstraint(fields=["draft", "version"], name="unique_draft_revision")]

    def __str__(self) -> str:
        return f"{self.draft_id} v{self.version} ({self.reason})"


class ReviewComment(models.Model):
    """A team lead's remark on a draft: on the whole text, or on the span start–end of its body."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="review_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    body = models.TextField(_("comment"), max_length=2000)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    # The commented words as they were, so the remark still reads right after the seller edits.
    excerpt = models.TextField(blank=True)
    draft_version = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]

    def __str__(self) -> str:
        return f"{self.draft_id}: {self.body[:40]}"

    def passage_in(self, text: str) -> tuple[int, int] | None:
        """Return where the commented words are in ``text`` now (code points), or None.

        The seller may have edited since: the words are looked for where they were, then
        nearest to that place; words that are gone have no passage.
        """
        if self.start is None or not self.excerpt:
            return None
        if text[self.start : self.end] == self.excerpt:
            return self.start, self.end
        found, position = [], text.find(self.excerpt)
        while position >= 0:
            found.append(position)
            position = text.find(self.excerpt, position + 1)
        if not found:
            return None
        nearest = min(found, key=lambda p: abs(p - self.start))
        return nearest, nearest + len(self.excerpt)

    @property
    def passage(self) -> tuple[int, int] | None:
        """Return where the commented words are in the draft's stored text now."""
        return self.passage_in(self.draft.body)


class MessageRecord(models.Model):
    """What reached the buyer for an order: a sent message or a press of Amazon's Request a Review.

    Exports are not recorded here (they are draft events): only ``Draft.mark_sent`` and
    ``Order.record_review_request`` create records, and the order's history shows them.
    """

    class Kind(models.TextChoices):
        SENT = "sent", _("Sent message")
        REQUEST_A_REVIEW = "request_a_review", _("Request a Review (Amazon's button)")

    class Channel(models.TextChoices):
        SELLER_CENTRAL = "seller_central", _("through Seller Central, marked by the seller")
        API = "api", _("through Amazon's Messaging API, by this site")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="messages")
    draft = models.ForeignKey(Draft, on_delete=models.SET_NULL, null=True, blank=True, related_name="exports")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SENT)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    message_type = models.CharField(max_length=30, choices=MESSAGE_TYPE_CHOICES, blank=True)
    export_format = models.CharField(max_length=10, blank=True)
    text = models.TextField(blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.order} {self.kind} {self.created:%Y-%m-%d}"


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> ImportJobQuerySet:
        """Return the imports of the user's team; admins see every team's imports."""
        if user.is_admin_role:
            return self
        return self.filter(team=user.team_id) if user.team_id else self.none()


class ImportJob(models.Model):
    """One uploaded order report and how far its import got.

    The job lives in the database so that the page can poll it and so that an import
    interrupted by a restart can be resumed from the last batch it committed.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    class ReportKind(models.TextChoices):
        ALL_ORDERS = "all_orders", _("All Orders")
        FULFILLED_SHIPMENTS = "fulfilled_shipments", _("Amazon Fulfilled Shipments")

    # Enough to show a seller what to fix; the count below keeps the true total.
    MAX_STORED_ERRORS = 1000
    # A batch takes seconds; a running job silent for this long lost its worker (a restart).
    STALLED_AFTER = timedelta(minutes=5)

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="order-imports/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(default=0)
    # Empty means "detect it"; the detected one is stored in ``encoding``.
    requested_encoding = models.CharField(max_length=20, blank=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    report_kind = models.CharField(_("report"), max_length=30, choices=ReportKind.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    # [{"row": 12, "reason": "…"}]; the row is the line number in the file, header = 1.
    errors = models.JSONField(default=list, blank=True)
    # Line numbers of imported rows whose control characters were removed (a NUL, say).
    cleaned_rows = models.JSONField(default=list, blank=True)
    cleaned_count = models.PositiveIntegerField(default=0)
    failure = models.TextField(_("why the import stopped"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    finished = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_stalled(self) -> bool:
        """Tell whether a running import stopped moving: its worker was stopped."""
        return self.status == self.Status.RUNNING and self.updated < timezone.now() - self.STALLED_AFTER

    @property
    def can_resume(self) -> bool:
        return bool(self.file) and (self.status == self.Status.FAILED or self.is_stalled)

    @property
    def encoding_name(self) -> str:
        from .importing import ENCODINGS

        return ENCODINGS.get(self.encoding, self.encoding)

    @property
    def percent_done(self) -> int:
        if not self.rows_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.rows_done * 100 // self.rows_total)

    def start(self, *, encoding: str, report_kind: str, rows_total: int) -> None:
        """Mark the job running once the file has been read through and recognised."""
        self.status = self.Status.RUNNING
        self.encoding, self.report_kind, self.rows_total = encoding, report_kind, rows_total
        self.failure = ""
        self.save(update_fields=["status", "encoding", "report_kind", "rows_total", "failure", "updated"])

    def record_batch(
        self, *, rows_done: int, created: int, updated: int, errors: list[dict], cleaned: list[int] = ()
    ) -> None:
        """Save progress; called inside the transaction that stores the batch's orders."""
        room = self.MAX_STORED_ERRORS - len(self.errors)
        self.errors = self.errors + errors[: max(room, 0)]
        room = self.MAX_STORED_ERRORS - len(self.cleaned_rows)
        self.cleaned_rows = self.cleaned_rows + list(cleaned)[: max(room, 0)]
        self.rows_done = rows_done
        self.created_count += created
        self.updated_count += updated
        self.error_count += len(errors)
        self.cleaned_count += len(cleaned)
        self.save(
            update_fields=[
                "rows_done",
                "created_count",
                "updated_count",
                "error_count",
                "errors",
                "cleaned_rows",
                "cleaned_count",
                "updated",
            ]
        )

    def finish(self) -> None:
        self.status, self.finished = self.Status.DONE, timezone.now()
        # The line count guessed the rows before reading them; blank lines are not rows.
        self.rows_total = self.rows_done
        self.save(update_fields=["status", "finished", "rows_total", "updated"])
        self.discard_file()

    def fail(self, reason: str) -> None:
        """Stop with a reason the seller can act on; committed batches stay and can be resumed."""
        self.status, self.failure, self.finished = self.Status.FAILED, reason, timezone.now()
        self.save(update_fields=["status", "failure", "finished", "updated"])

    def requeue(self) -> None:
        """Resume a failed or interrupted import from the last committed batch."""
        if not self.file:
            raise ValidationError(_("The uploaded file is gone; upload the report again."), code="no_file")
        if not self.can_resume:
            raise ValidationError(_("Only a stopped import can be resumed."), code="not_stopped")
        self.status, self.finished, self.failure = self.Status.QUEUED, None, ""
        self.save(update_fields=["status", "finished", "failure", "updated"])

    def discard_file(self) -> None:
        """Delete the upload: reports carry buyers' addresses, which we do not keep."""
        if self.file:
            self.file.delete(save=False)
            self.save(update_fields=["file"])


class DictionaryWordQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> DictionaryWordQuerySet:
        """Return the words of the user's team; admins see every team's words."""
        if user.is_admin_role:
            return self
        return self.filter(team=user.team_id) if user.team_id else self.none()

    def words_for(self, team: Team) -> frozenset[str]:
        """Return the team's words as the spelling check takes them (``Context.known_words``)."""
        return frozenset(self.filter(team=team).values_list("word", flat=True))

    def add(self, *, team: Team, word: str, by: User) -> tuple[DictionaryWord, bool]:
        """Add a word to the team's dictionary unless it is there already, in any letter case."""
        existing = self.filter(team=team, word__iexact=word).first()
        if existing:
            return existing, False
        return self.create(team=team, word=word, added_by=by), True


class PersonalWordQuerySet(models.QuerySet):
    def words_for(self, user_id: int) -> frozenset[str]:
        """Return the words one seller's spelling check accepts."""
        return frozenset(self.filter(user=user_id).values_list("word", flat=True))

    def add(self, *, user: User, word: str) -> tuple[PersonalWord, bool]:
        """Add a word to the seller's own dictionary unless it is there already, in any letter case."""
        existing = self.filter(user=user, word__iexact=word).first()
        if existing:
            return existing, False
        return self.create(user=user, word=word), True


class PersonalWord(models.Model):
    """A word one seller accepts as spelled correctly ("Add to my dictionary"): only their drafts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_words"
    )
    word = models.CharField(_("word"), max_length=64)
    created = models.DateTimeField(_("added"), auto_now_add=True)

    objects = PersonalWordQuerySet.as_manager()

    class Meta:
        ordering = ["word"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("word"), "user", name="unique_personal_word_per_user"
            )
        ]

    def __str__(self) -> str:
        return self.word


class DictionaryWord(models.Model):
    """A word a team accepts as spelled correctly: a brand, a product term, a place name."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="dictionary_words")
    word = models.CharField(_("word"), max_length=64)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(_("added"), auto_now_add=True)

    objects = DictionaryWordQuerySet.as_manager()

    class Meta:
        ordering = ["team", "word"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("word"), "team", name="unique_dictionary_word_per_team"
            )
        ]

    def __str__(self) -> str:
        return self.word

    def undoable_by(self, user: User) -> bool:
        """Tell whether ``user`` may take back this addition: they made it, a moment ago."""
        return self.added_by_id == user.pk and timezone.now() - self.created <= DICTIONARY_UNDO_WINDOW


# The Amazon connection's models live with the rest of its code, in the same app.
from .amazon.models import AmazonAccount, AmazonSend  # noqa: E402, F401
