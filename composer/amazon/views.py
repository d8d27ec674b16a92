"""The "Amazon account" page (leads and admins), its website authorisation, and "Send to buyer"."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..models import VersionConflict
from ..views.access import get_draft_for_user, role_required
from ..views.conflicts import conflict_response
from . import sending
from .client import AmazonError, SellingPartner, exchange_authorisation_code
from .forms import ConnectForm, SendForm, consent_configured
from .models import AmazonAccount, AmazonSend

SESSION_STATE = "amazon_oauth_state"


def _team_or_400(request: HttpRequest):
    if request.user.team_id is None:
        return None
    return request.user.team


def prove(*, refresh_token: str, region: str, seller: str) -> list[dict]:
    """Fetch an access token and the account's marketplaces: proof the token works."""
    partner = SellingPartner(refresh_token=refresh_token, region=region, seller=seller)
    answer = partner.call("getMarketplaceParticipations").data
    return [
        {
            "id": item["marketplace"]["id"],
            "name": item["marketplace"].get("name", ""),
            "country": item["marketplace"].get("countryCode", ""),
        }
        for item in answer.get("payload", [])
        if item.get("participation", {}).get("isParticipating", True)
    ]


def _connect(request: HttpRequest, team, *, seller: str, region: str, refresh_token: str) -> bool:
    """Prove the token and store the account (replacing an earlier one); False with a message otherwise."""
    try:
        marketplaces = prove(refresh_token=refresh_token, region=region, seller=seller)
    except AmazonError as exc:
        messages.error(request, _("Amazon did not accept the connection: %(reason)s") % {"reason": exc})
        return False
    with transaction.atomic():
        account = AmazonAccount.objects.select_for_update().filter(team=team).first() or AmazonAccount(
            team=team
        )
        if account.pk and account.selling_partner_id != seller:
            # Another seller account: its sync position (a paused sync's too) and the last
            # sync's report do not carry over.
            account.synced_until = account.sync_cursor = account.last_sync_report = None
        account.selling_partner_id, account.region = seller, region
        account.refresh_token = refresh_token
        account.marketplaces = marketplaces
        account.connected_by, account.connected_at = request.user, timezone.now()
        account.last_sync_error = ""
        account.save()
    names = ", ".join(m["name"] for m in marketplaces) or _("none")
    messages.success(request, _("Connected. Marketplaces: %(names)s.") % {"names": names})
    return True


@login_required
@role_required("lead")
@require_http_methods(["GET", "POST"])
def amazon_account(request: HttpRequest) -> HttpResponse:
    team = _team_or_400(request)
    if team is None:
        return HttpResponseBadRequest(_("You belong to no team, so there is no account to connect."))
    account = AmazonAccount.objects.filter(team=team).first()
    form = ConnectForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if _connect(
                request,
                team,
                seller=data["selling_partner_id"],
                region=data["region"],
                refresh_token=data["refresh_token"],
            ):
                return redirect("amazon_account")
        status = 400
    return render(
        request,
        "composer/amazon_account.html",
        {"form": form, "account": account, "consent": consent_configured()},
        status=status,
    )


@login_required
@role_required("lead")
@require_POST
def amazon_account_remove(request: HttpRequest) -> HttpResponse:
    deleted, _details = AmazonAccount.objects.filter(team=request.user.team_id).delete()
    if deleted:
        messages.success(request, _("The Amazon account is removed; its refresh token is deleted."))
    return redirect("amazon_account")


@login_required
@role_required("lead")
@require_POST
def amazon_sync(request: HttpRequest) -> HttpResponse:
    from .tasks import sync_account

    account = AmazonAccount.objects.filter(team=request.user.team_id).first()
    if account is None:
        messages.error(request, _("Connect your team's Amazon account first."))
        return redirect("amazon_account")
    transaction.on_commit(lambda: sync_account.delay(account.pk))
    messages.success(request, _("Order sync started; new and updated orders appear in a moment."))
    return redirect("amazon_account")


@login_required
@role_required("lead")
@require_GET
def amazon_authorise(request: HttpRequest) -> HttpResponse:
    """Send the seller to Seller Central's consent page (website authorisation workflow)."""
    if not consent_configured():
        return HttpResponseBadRequest(_("Website authorisation is not set up: SPAPI_APP_ID is missing."))
    state = secrets.token_urlsafe(32)
    request.session[SESSION_STATE] = {"state": state, "region": request.GET.get("region", "na")}
    query = {
        "application_id": settings.SPAPI_APP_ID,
        "state": state,
        "redirect_uri": request.build_absolute_uri(reverse("amazon_authorised")),
    }
    return redirect(f"{settings.SPAPI_CONSENT_URL}?{urlencode(query)}")


@login_required
@role_required("lead")
@require_GET
def amazon_authorised(request: HttpRequest) -> HttpResponse:
    """Take Seller Central's answer: check the state, trade the code for a refresh token, connect."""
    expected = request.session.pop(SESSION_STATE, None) or {}
    state = request.GET.get("state", "")
    code = request.GET.get("spapi_oauth_code", "")
    seller = request.GET.get("selling_partner_id", "")
    if not expected or not secrets.compare_digest(state, expected.get("state", "")):
        return HttpResponseBadRequest(_("This authorisation was not started here, or it was used already."))
    if not code or not ConnectForm.base_fields["selling_partner_id"].regex.fullmatch(seller):
        return HttpResponseBadRequest(_("Seller Central's answer lacks the code or the selling partner ID."))
    team = _team_or_400(request)
    if team is None:
        return HttpResponseBadRequest(_("You belong to no team, so there is no account to connect."))
    try:
        refresh_token = exchange_authorisation_code(code)
    except AmazonError as exc:
        messages.error(request, _("Amazon did not accept the authorisation: %(reason)s") % {"reason": exc})
        return redirect("amazon_account")
    region = expected.get("region") if expected.get("region") in ("na", "eu", "fe") else "na"
    _connect(request, team, seller=seller, region=region, refresh_token=refresh_token)
    return redirect("amazon_account")


@login_required
@require_POST
def draft_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the draft's stored text for sending to the buyer through Amazon."""
    draft = get_draft_for_user(request, pk)
    form = SendForm(request.POST, files_list=request.FILES.getlist("attachments"))
    if not form.is_valid():
        return _refuse(request, draft, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    files = [
        sending.UploadedFile(
            name=upload.name,
            content=upload.read(),
            content_type=sending.content_type_for(upload.name, upload.content_type),
        )
        for upload in form.uploaded
    ]
    try:
        sending.queue_send(
            draft,
            by=request.user,
            version=form.cleaned_data["version"],
            files=files,
            checked_unknown=form.cleaned_data["checked_unknown"],
        )
    except VersionConflict as conflict:
        # The seller read an older text than the one stored, which is what would go out: both
        # texts go back to them (409) and nothing is queued.
        # A version above the stored one never existed (and may not even fit the column).
        base = conflict.base if conflict.base_version <= conflict.current.version else None
        return conflict_response(
            request, conflict, body=base.body if base else "", subject=base.subject if base else ""
        )
    except sending.SendRefused as exc:
        return _refuse(request, draft, str(exc))
    messages.success(request, _("Sending to the buyer through Amazon…"))
    return redirect("draft", pk=draft.pk)


def _refuse(request: HttpRequest, draft, reason: str) -> HttpResponse:
    """Show the editor again with the reason, as a 400: nothing was queued."""
    from .. import checking
    from ..views.compose import _editor_context

    messages.error(request, reason)
    return render(
        request, "composer/editor.html", _editor_context(draft, checking.check_draft(draft)), status=400
    )


@login_required
@require_GET
def draft_send_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the send panel fragment: the editor polls it while a send is under way."""
    draft = get_draft_for_user(request, pk)
    return render(request, "composer/partials/amazon_send.html", send_panel_context(draft))


def send_panel_context(draft) -> dict:
    account = AmazonAccount.objects.filter(team_id=draft.team_id).first()
    latest = draft.amazon_sends.first()
    return {
        "draft": draft,
        "send_form": SendForm(),
        "amazon_account": account,
        "send_blocked": sending.send_blocked_reason(draft, account, text=False),
        "latest_send": latest,
        "sends": list(draft.amazon_sends.all()[:10]),
        "send_pending": latest is not None
        and latest.status in (AmazonSend.Status.QUEUED, AmazonSend.Status.SENDING),
        "unknown_before": draft.amazon_sends.filter(status=AmazonSend.Status.UNKNOWN).exists(),
    }
