from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Users and units, managed by the finance administrator under /manage/ (docs/people.md)."""

    name = "jixiao_web.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"
