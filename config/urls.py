from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Everyone changes their own password with Django's views; admins reset another user's in
    # Django's admin (Users › the user › "Reset password"), also Django's own view.
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("", include("composer.urls")),
    # Browsers ask for /favicon.ico whatever the page links; the icon is an SVG among our files.
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("composer/favicon.svg"))),
]

# A lost database connection outside a view still answers 503 with a clear message, not 500.
handler500 = "composer.views.errors.server_error"
