"""Send a checked draft to the buyer through Amazon, never twice.

``queue_send`` claims the draft in the database (a unique constraint allows one live send per
draft) before any worker sees it; ``perform_send`` moves that row from queued to sending with
a conditional UPDATE before calling Amazon, so a redelivered task or a second worker finds it
taken. An answer we did not get is "not known", and nothing here sends it again.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import mimetypes
import uuid
from dataclasses import dataclass
from datetime import timedelta

import requests
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

import guidelines

from .. import checking, sp_api
from ..models import Draft, MessageRecord, User, VersionConflict
from . import eligibility, ratelimit
from .client import AmazonError, OutcomeUnknown, Refused, SellingPartner, Unreachable, _timeout
from .models import AmazonAccount, AmazonSend

logger = logging.getLogger(__name__)

ATTACHMENT_DIR = "amazon-attachments"
# A send Amazon throttled this many times (each a 429: nothing done) is given up as not sent.
MAX_THROTTLED_ATTEMPTS = 10


class SendRefused(Exception):
    """The draft may not be sent now; the message says why, for the seller."""


@dataclass(frozen=True)
class UploadedFile:
    name: str
    content: bytes
    content_type: str


def send_blocked_reason(draft: Draft, account: AmazonAccount | None, *, text: bool = True) -> str:
    """Return why "Send to buyer" is off for this draft as stored, or "" when it may be sent.

    ``text=False`` leaves out the findings, which the editor follows live as the seller types.
    """
    if account is None:
        return _("Connect your team's Amazon account to send from here.")
    if not sp_api.has_operation(draft.message_type):
        return _("Amazon has no API operation for this message type; send it from Seller Central.")
    if draft.status == Draft.Status.SENT:
        return _("This message is already marked as sent.")
    if text and any(f.get("severity") == "error" for f in draft.findings):
        return _("Fix the errors in the message before sending it.")
    blocked = draft.export_blocked_reason()
    if blocked:
        return blocked
    if draft.amazon_sends.live().exists():
        return _("This message was already sent or is being sent.")
    return ""


def queue_send(
    draft: Draft,
    *,
    by: User,
    version: int,
    files: list[UploadedFile] = (),
    checked_unknown: bool = False,
) -> AmazonSend:
    """Claim the draft for one send and queue it; raise SendRefused with the reason otherwise.

    ``version`` is the version the seller looked at: an older one raises VersionConflict, since
    the text stored now (the one that would go out) is not the text they read.
    """
    account = eligibility.account_for(draft.order)
    if version != draft.version:
        raise VersionConflict(draft, version)
    reason = send_blocked_reason(draft, account, text=False)
    if reason:
        raise SendRefused(reason)
    # Amazon's own answer first: it decides what is in time, and the check below reads it.
    offer = eligibility.offer_for(draft.order, account=account, refresh=True)
    unavailable = offer.reason_unavailable(draft.message_type)
    if unavailable:
        raise SendRefused(unavailable)
    # The stored text is checked again: the exact text that goes out is the one checked.
    draft.findings = checking.check_draft(draft).findings
    reason = send_blocked_reason(draft, account)
    if reason:
        raise SendRefused(reason)
    if draft.amazon_sends.filter(status=AmazonSend.Status.UNKNOWN).exists() and not checked_unknown:
        raise SendRefused(
            _(
                "An earlier send of this message has no known outcome. Check Seller Central before sending again."
            )
        )
    kind = guidelines.get_message_type(draft.message_type)
    if kind.attachments_only and not files:
        raise SendRefused(_("An invoice goes out as an attached file: add the invoice."))
    if files and not sp_api.accepts_attachments(draft.message_type):
        raise SendRefused(_("Amazon takes no attachments with this message type."))
    operation = sp_api.operation_for(draft.message_type)
    text = "" if (kind.solicitation or kind.attachments_only) else draft.body
    # Validate against Amazon's model now, with stand-in attachments: the seller hears at once.
    try:
        sp_api.build_request(
            message_type=draft.message_type,
            amazon_order_id=draft.order.amazon_order_id,
            marketplace_id=draft.order.marketplace_id,
            text=draft.body,
            attachments=[sp_api.Attachment("pending", f.name) for f in files],
        )
    except sp_api.RequestInvalid as exc:
        raise SendRefused(" ".join(exc.reasons)) from exc
    stored = []
    for upload in files:
        path = default_storage.save(
            f"{ATTACHMENT_DIR}/{uuid.uuid4().hex}/{upload.name}", ContentFile(upload.content)
        )
        stored.append({"file_name": upload.name, "content_type": upload.content_type, "path": path})
    try:
        with transaction.atomic():
            # Locked, then compared again: a save between the check above and this claim would
            # otherwise send a text nobody checked.
            stored_version = (
                Draft.objects.select_for_update()
                .filter(pk=draft.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored_version != version:
                raise VersionConflict(Draft.objects.get(pk=draft.pk), version)
            send = AmazonSend.objects.create(
                draft=draft,
                order=draft.order,
                account=account,
                message_type=draft.message_type,
                operation=operation.operation_id,
                text=text,
                draft_version=draft.version,
                attachments=stored,
                requested_by=by,
            )
            transaction.on_commit(lambda: _enqueue(send.pk))
    except VersionConflict:
        _discard_files(stored)
        raise
    except IntegrityError:
        _discard_files(stored)
        raise SendRefused(_("This message was already sent or is being sent.")) from None
    return send


def _enqueue(send_id: int) -> None:
    from .tasks import send_message

    try:
        send_message.delay(send_id)
    except Exception:
        # The claim is stored; beat queues it again (requeue_waiting), and the claim keeps it single.
        logger.exception("send %s could not be queued now; beat will queue it again", send_id)


def defer(send_id: int, countdown: float) -> None:
    """Note when a send put off for the account's rate limit is due, so beat leaves it alone."""
    AmazonSend.objects.filter(pk=send_id, status=AmazonSend.Status.QUEUED).update(
        due=timezone.now() + timedelta(seconds=countdown)
    )


def requeue_waiting(now=None) -> list[int]:
    """Queue again the sends still waiting long after they were claimed or due (their message was lost)."""
    cutoff = (now or timezone.now()) - AmazonSend.STALLED_AFTER
    waiting = list(
        AmazonSend.objects.filter(status=AmazonSend.Status.QUEUED)
        .filter(Q(due__isnull=True, created__lt=cutoff) | Q(due__lt=cutoff))
        .values_list("pk", flat=True)
    )
    for send_id in waiting:
        _enqueue(send_id)
    return waiting


def perform_send(
    send_id: int,
    *,
    partner: SellingPartner | None = None,
    max_wait: float | None = None,
    slot: float | None = None,
) -> AmazonSend | None:
    """Make the one call that sends a queued message; return the send, or None if already taken.

    With ``max_wait`` (a worker) the account's rate limit is waited for at most that long before
    the send is claimed: a later slot raises ratelimit.Deferred and the send stays queued, so one
    busy account never holds the workers that other accounts' sends need.
    """
    if max_wait is not None:
        queued = (
            AmazonSend.objects.filter(pk=send_id, status=AmazonSend.Status.QUEUED)
            .select_related("account")
            .first()
        )
        if queued is not None and queued.account is not None:
            plan = sp_api.operations()[queued.operation]
            slot = ratelimit.hold_slot(
                queued.account.selling_partner_id,
                queued.operation,
                rate=plan.rate,
                burst=plan.burst,
                max_wait=max_wait,
                slot=slot,
            )
    now = timezone.now()
    taken = AmazonSend.objects.filter(pk=send_id, status=AmazonSend.Status.QUEUED).update(
        status=AmazonSend.Status.SENDING, claimed=now, attempts=F("attempts") + 1
    )
    if not taken:
        # A task delivered again after its worker died mid-call: the first call may have gone out.
        settle_interrupted(send_id)
        return None
    send = AmazonSend.objects.select_related("order", "account", "draft").get(pk=send_id)
    if send.account is None:
        return _finish(send, AmazonSend.Status.NOT_SENT, error=_("the Amazon account was removed."))
    try:
        partner = partner or SellingPartner.for_account(send.account)
        attachments = [_upload(partner, send, a) for a in send.attachments]
    except AmazonError as exc:
        # Nothing was sent to the buyer yet: uploads alone reach nobody.
        return _finish(
            send,
            AmazonSend.Status.NOT_SENT,
            error=_("an attachment could not be uploaded: %(e)s") % {"e": exc},
        )
    request = sp_api.build_request(
        message_type=send.message_type,
        amazon_order_id=send.order.amazon_order_id,
        marketplace_id=send.order.marketplace_id,
        # The text stored with the claim, checked then: never a later edit of the draft.
        text=send.text,
        attachments=attachments,
    )
    arguments = {
        "amazon_order_id": send.order.amazon_order_id,
        "marketplace_ids": request["query"]["marketplaceIds"],
    }
    if request["body"] is not None:
        arguments["body"] = request["body"]
    try:
        answer = partner.call(send.operation, max_wait=max_wait, slot=slot, **arguments)
    except ratelimit.Deferred as deferred:
        # Amazon answered 429 and did nothing (or the slot passed while attachments uploaded):
        # the send goes back to the queue, to come back after the interval Amazon named, unless
        # Amazon has throttled it too often already.
        if deferred.throttled and send.attempts >= MAX_THROTTLED_ATTEMPTS:
            return _finish(
                send,
                AmazonSend.Status.NOT_SENT,
                http_status=429,
                error=_("Amazon is busy (too many requests); try again in a few minutes."),
            )
        AmazonSend.objects.filter(pk=send.pk, status=AmazonSend.Status.SENDING).update(
            status=AmazonSend.Status.QUEUED, claimed=None
        )
        raise
    except Refused as exc:
        return _finish(
            send, AmazonSend.Status.NOT_SENT, http_status=exc.status, answer=exc.answer, error=str(exc)
        )
    except OutcomeUnknown as exc:
        return _finish(
            send, AmazonSend.Status.UNKNOWN, http_status=exc.status, answer=exc.answer, error=str(exc)
        )
    except Unreachable as exc:
        return _finish(
            send, AmazonSend.Status.NOT_SENT, http_status=exc.status, answer=exc.answer, error=str(exc)
        )
    return _finish(send, AmazonSend.Status.SENT, http_status=answer.status, answer=answer.text or "{}")


def settle_interrupted(send_id: int) -> None:
    """Record as not known a send whose worker stopped while Amazon was being called."""
    AmazonSend.objects.filter(pk=send_id, status=AmazonSend.Status.SENDING).update(
        status=AmazonSend.Status.UNKNOWN,
        finished=timezone.now(),
        error=_("The worker stopped while Amazon was being called."),
    )


def settle_stalled(now=None) -> list[int]:
    """Record as not known every send claimed long ago without an answer; return their ids."""
    cutoff = (now or timezone.now()) - AmazonSend.STALLED_AFTER
    stalled = list(
        AmazonSend.objects.filter(status=AmazonSend.Status.SENDING, claimed__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    for send_id in stalled:
        settle_interrupted(send_id)
    return stalled


def _upload(partner: SellingPartner, send: AmazonSend, attachment: dict) -> sp_api.Attachment:
    with default_storage.open(attachment["path"], "rb") as handle:
        content = handle.read()
    md5 = base64.b64encode(hashlib.md5(content).digest()).decode()
    action = guidelines.get_message_type(send.message_type).action
    destination = partner.call(
        "createUploadDestinationForResource",
        marketplace_ids=[send.order.marketplace_id],
        content_md5=md5,
        resource=f"messaging/v1/orders/{send.order.amazon_order_id}/messages/{action}",
        content_type=attachment["content_type"],
    ).data["payload"]
    try:
        response = requests.put(
            destination["url"],
            data=content,
            headers={**destination.get("headers", {}), "Content-MD5": md5},
            timeout=_timeout(),
        )
    except requests.RequestException as exc:
        raise Unreachable(str(exc)) from exc
    if response.status_code >= 300:
        raise Unreachable(_("the upload answered %(status)d") % {"status": response.status_code})
    return sp_api.Attachment(destination["uploadDestinationId"], attachment["file_name"])


def _finish(
    send: AmazonSend, outcome: str, *, http_status: int | None = None, answer: str = "", error: str = ""
) -> AmazonSend:
    """Store the outcome; a sent message becomes the draft's "Sent" and enters the order's history."""
    with transaction.atomic():
        # A settled "not known" may still learn that it was sent; nothing else is overwritten.
        updated = AmazonSend.objects.filter(
            pk=send.pk, status__in=[AmazonSend.Status.SENDING, AmazonSend.Status.UNKNOWN]
        ).update(
            status=outcome,
            amazon_status=http_status,
            amazon_answer=answer[:4000],
            error=error[:2000],
            finished=timezone.now(),
        )
        send.refresh_from_db()
        if updated and outcome == AmazonSend.Status.SENT:
            try:
                send.draft.mark_sent(by=send.requested_by, channel=MessageRecord.Channel.API, text=send.text)
            except ValidationError as exc:
                # Amazon has it; the draft was marked sent another way meanwhile. Keep both facts.
                logger.warning("send %s went out but the draft was not marked: %s", send.pk, exc)
    _discard_files(send.attachments)
    return send


def _discard_files(attachments: list[dict]) -> None:
    for attachment in attachments:
        default_storage.delete(attachment["path"])


def content_type_for(name: str, given: str) -> str:
    return given or mimetypes.guess_type(name)[0] or "application/octet-stream"
