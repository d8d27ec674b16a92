from django.apps import AppConfig


class ComposerConfig(AppConfig):
    name = "composer"
    verbose_name = "Seller message composer"

    def ready(self) -> None:
        # composer.auth and composer.check_cache are imported in every process (management
        # commands and workers too), so a change saved anywhere drops the cached copies.
        from . import auth, check_cache, checking  # noqa: F401

        checking.configure_backends()
