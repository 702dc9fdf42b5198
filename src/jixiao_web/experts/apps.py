from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    """The expert pool (专家库) and expert rounds (集中评审) with their score sheets."""

    name = "jixiao_web.experts"
    default_auto_field = "django.db.models.BigAutoField"
