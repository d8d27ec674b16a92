from django.urls import path

from .views import compose, orders, rules

urlpatterns = [
    path("", compose.home, name="home"),
    path("drafts/", compose.drafts, name="drafts"),
    path("messages/new/", compose.new_message, name="new_message"),
    path("drafts/<int:pk>/", compose.draft_editor, name="draft"),
    path("drafts/<int:pk>/check/", compose.draft_check, name="draft_check"),
    path("drafts/<int:pk>/export/", compose.draft_export, name="draft_export"),
    path("orders/", orders.order_list, name="orders"),
    path("orders/new/", orders.order_new, name="order_new"),
    path("orders/<int:pk>/", orders.order_detail, name="order"),
    path("rules/", rules.rule_list, name="rules"),
]
