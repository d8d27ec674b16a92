"""Orders: the team's order list with filters, manual entry, and one order's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import BuyerLocaleForm, DeliveryDateForm, OrderFilterForm, OrderForm, RecordReviewRequestForm
from ..models import LOCALE_CHOICES, MessageRecord, Order
from .access import get_order_for_user

ORDERS_PER_PAGE = 50


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    form = OrderFilterForm(request.GET or None)
    orders = Order.objects.visible_to(request.user).select_related("team")
    if form.is_valid():
        orders = filter_orders(orders, form.cleaned_data, now=now)
    orders = orders.with_review_requested()
    page = Paginator(orders, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "now": now, "filter_query": query.urlencode()}
    return render(request, "composer/orders.html", context)


def filter_orders(orders, filters: dict, *, now):
    """Narrow the order list by the seller's filters; the window filters use today's UTC date."""
    if filters.get("q"):
        orders = orders.filter(amazon_order_id__contains=filters["q"].strip())
    for name in ("marketplace", "status", "fulfillment_channel"):
        if filters.get(name):
            orders = orders.filter(**{name: filters[name]})
    if filters.get("window") == "review_request":
        orders = orders.review_request_allowed(now)
    elif filters.get("window") == "proactive":
        orders = orders.proactive_allowed(now)
    return orders


@login_required
@require_http_methods(["GET", "POST"])
def order_new(request: HttpRequest) -> HttpResponse:
    if request.user.team_id is None:
        messages.error(request, _("You need to belong to a team to add orders."))
        return redirect("orders")
    form = OrderForm(request.POST or None, team=request.user.team)
    if request.method == "POST" and form.is_valid():
        order = form.save()
        messages.success(request, _("Order %(id)s added.") % {"id": order.amazon_order_id})
        return redirect("order", pk=order.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "composer/order_form.html", {"form": form}, status=status)


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_order_for_user(request, pk)
    return _render_detail(request, order)


def _render_detail(request: HttpRequest, order: Order, *, status: int = 200, **forms) -> HttpResponse:
    context = {
        "order": order,
        "language_form": forms.get("language_form")
        or BuyerLocaleForm(initial={"buyer_locale": order.buyer_locale}),
        "review_form": forms.get("review_form") or RecordReviewRequestForm(),
        "delivery_form": forms.get("delivery_form")
        or DeliveryDateForm(order=order, initial={"delivery_date": _local_input(order.delivery_date)}),
        "review_recorded": order.messages.filter(kind=MessageRecord.Kind.REQUEST_A_REVIEW).first(),
        "language_choices": LOCALE_CHOICES,
    }
    return render(request, "composer/order_detail.html", context, status=status)


def _local_input(value) -> str:
    """Return a datetime as a datetime-local input shows it: on the seller's clock, to the minute."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if value else ""


@login_required
@require_POST
def order_language(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the buyer's preferred language from what Amazon shows (en-US or en_US)."""
    order = get_order_for_user(request, pk)
    form = BuyerLocaleForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, order, status=400, language_form=form)
    order.set_buyer_locale(form.cleaned_data["buyer_locale"])
    messages.success(request, _("Buyer language set to %(tag)s.") % {"tag": order.buyer_locale})
    return redirect("order", pk=order.pk)


@login_required
@require_POST
def order_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the delivery date by hand: All Orders reports do not carry it."""
    order = get_order_for_user(request, pk)
    form = DeliveryDateForm(request.POST, order=order)
    if not form.is_valid():
        return _render_detail(request, order, status=400, delivery_form=form)
    order.set_delivery_date(form.cleaned_data["delivery_date"])
    messages.success(request, _("Delivery date saved; the windows below count from it."))
    return redirect("order", pk=order.pk)


@login_required
@require_POST
def order_record_review_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the seller pressed Amazon's Request a Review button for this order."""
    order = get_order_for_user(request, pk)
    form = RecordReviewRequestForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, order, status=400, review_form=form)
    try:
        order.record_review_request(by=request.user)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _render_detail(request, order, status=409, review_form=form)
    messages.success(
        request,
        _("Recorded: Request a Review sent for order %(id)s. Any further review request will be flagged.")
        % {"id": order.amazon_order_id},
    )
    return redirect("order", pk=order.pk)
