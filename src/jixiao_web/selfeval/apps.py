from django.apps import AppConfig


class SelfEvalConfig(AppConfig):
    """Self-evaluation of approved goal forms (绩效自评): entry, workflow, portal, exports."""

    name = "jixiao_web.selfeval"
    label = "selfeval"
    default_auto_field = "django.db.models.BigAutoField"
