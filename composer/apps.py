from django.apps import AppConfig


class ComposerConfig(AppConfig):
    name = "composer"
    verbose_name = "Seller message composer"

    def ready(self) -> None:
        # composer.auth is imported in every process (management commands too), so saving a user
        # anywhere drops its cached copy.
        from . import auth, checking  # noqa: F401

        checking.configure_backends()
