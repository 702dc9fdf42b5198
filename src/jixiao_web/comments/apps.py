from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """审核意见 threads on a form, its fields and its indicator rows, and in-app notices."""

    name = "jixiao_web.comments"
    default_auto_field = "django.db.models.BigAutoField"
