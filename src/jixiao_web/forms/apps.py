from django.apps import AppConfig


class FormsConfig(AppConfig):
    """The goal forms: list, page, editor, actions, audit trail (URLs under /forms/)."""

    name = "jixiao_web.forms"
    # The label the tables and migrations were made under (goals_form, goals_auditevent):
    # kept, so that renaming the package moved no table.
    label = "goals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jixiao_web.services import audit

        audit.connect()
