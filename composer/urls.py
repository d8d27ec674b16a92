from django.urls import path

from .amazon import views as amazon
from .views import account, compose, dictionary, history, imports, library, orders, review, rules

urlpatterns = [
    path("", compose.home, name="home"),
    path("drafts/", compose.drafts, name="drafts"),
    path("messages/new/", compose.new_message, name="new_message"),
    path("drafts/<int:pk>/", compose.draft_editor, name="draft"),
    path("drafts/<int:pk>/check/", compose.draft_check, name="draft_check"),
    path("drafts/<int:pk>/export/", compose.draft_export, name="draft_export"),
    path("drafts/<int:pk>/sent/", compose.draft_sent, name="draft_sent"),
    path("drafts/<int:pk>/archive/", compose.draft_archive, name="draft_archive"),
    path("drafts/<int:pk>/preview/", compose.draft_preview, name="draft_preview"),
    path("drafts/<int:pk>/history/", history.draft_history, name="draft_history"),
    path("drafts/<int:pk>/history/<int:version>/restore/", history.draft_restore, name="draft_restore"),
    path("orders/", orders.order_list, name="orders"),
    path("orders/new/", orders.order_new, name="order_new"),
    path("orders/<int:pk>/", orders.order_detail, name="order"),
    # Orders import, buyer language, Request a Review, time zone (issue 7)
    path("orders/<int:pk>/language/", orders.order_language, name="order_language"),
    path("orders/<int:pk>/delivery/", orders.order_delivery, name="order_delivery"),
    path(
        "orders/<int:pk>/request-a-review/", orders.order_record_review_request, name="order_review_request"
    ),
    path("orders/import/", imports.import_orders, name="import_orders"),
    path("orders/imports/<int:pk>/", imports.import_job, name="import_job"),
    path("orders/imports/<int:pk>/progress/", imports.import_job_progress, name="import_job_progress"),
    path("orders/imports/<int:pk>/resume/", imports.import_job_resume, name="import_job_resume"),
    path("settings/", account.account_settings, name="account_settings"),
    # The team's Amazon seller account, its order sync, and sending through it (issue 18)
    path("amazon/", amazon.amazon_account, name="amazon_account"),
    path("amazon/remove/", amazon.amazon_account_remove, name="amazon_account_remove"),
    path("amazon/sync/", amazon.amazon_sync, name="amazon_sync"),
    path("amazon/authorise/", amazon.amazon_authorise, name="amazon_authorise"),
    path("amazon/authorised/", amazon.amazon_authorised, name="amazon_authorised"),
    path("drafts/<int:pk>/send/", amazon.draft_send, name="draft_send"),
    path("drafts/<int:pk>/send/status/", amazon.draft_send_status, name="draft_send_status"),
    path("rules/", rules.rule_list, name="rules"),
    # Team dictionary for the spelling check (issue 4)
    path("dictionary/", dictionary.dictionary, name="dictionary"),
    path("dictionary/<int:pk>/delete/", dictionary.dictionary_delete, name="dictionary_delete"),
    path("drafts/<int:pk>/dictionary/", dictionary.dictionary_add_from_draft, name="dictionary_add"),
    path("drafts/<int:pk>/dictionary/undo/", dictionary.dictionary_undo, name="dictionary_undo"),
    path(
        "drafts/<int:pk>/my-dictionary/", dictionary.personal_dictionary_add, name="personal_dictionary_add"
    ),
    path("drafts/<int:pk>/ignore/", dictionary.ignore_word, name="spelling_ignore"),
    path("drafts/<int:pk>/unignore/", dictionary.unignore_word, name="spelling_unignore"),
    # Team review (issue 6)
    path("drafts/<int:pk>/submit/", review.draft_submit, name="draft_submit"),
    path("review/", review.review_queue, name="review_queue"),
    path("review/<int:pk>/", review.review_draft, name="review_draft"),
    path("review/<int:pk>/comment/", review.review_comment, name="review_comment"),
    path("review/<int:pk>/approve/", review.review_approve, name="review_approve"),
    path("review/<int:pk>/request-changes/", review.review_request_changes, name="review_request_changes"),
    path("teams/<int:pk>/approval/", review.team_approval, name="team_approval"),
    # Template library (issue 6)
    path("templates/", library.library, name="library"),
    path("templates/new/", library.template_new, name="template_new"),
    path("templates/new/preview/", library.template_preview, name="template_new_preview"),
    path("templates/export/", library.library_export, name="library_export"),
    path("templates/import/", library.library_import, name="library_import"),
    path("templates/<int:pk>/", library.template_edit, name="template_edit"),
    path("templates/<int:pk>/preview/", library.template_preview, name="template_preview"),
    path("templates/<int:pk>/history/", library.template_history, name="template_history"),
    path("templates/<int:pk>/revert/<int:number>/", library.template_revert, name="template_revert"),
]
