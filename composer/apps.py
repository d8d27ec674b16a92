from django.apps import AppConfig


class ComposerConfig(AppConfig):
    name = "composer"
    verbose_name = "Seller message composer"

    def ready(self) -> None:
        from . import checking

        checking.configure_backends()
