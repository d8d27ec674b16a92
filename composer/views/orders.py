"""Orders: the list of a team's orders and manual entry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import OrderForm
from ..models import Order
from .access import get_order_for_user


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    orders = Order.objects.visible_to(request.user).select_related("team")
    query = request.GET.get("q", "").strip()
    if query:
        orders = orders.filter(amazon_order_id__contains=query)
    return render(request, "composer/orders.html", {"orders": orders[:200], "query": query})


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
    history = order.messages.select_related("sent_by")
    return render(request, "composer/order_detail.html", {"order": order, "history": history})
