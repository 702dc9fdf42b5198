from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "jixiao_web.goals"
    label = "goals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jixiao_web.services import audit

        audit.connect()
