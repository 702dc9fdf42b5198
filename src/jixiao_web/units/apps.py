from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "jixiao_web.units"
    label = "units"
    default_auto_field = "django.db.models.BigAutoField"
