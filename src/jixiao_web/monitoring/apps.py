from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """Monitoring rounds (绩效运行监控) and the units' entries with their lights."""

    name = "jixiao_web.monitoring"
    label = "monitoring"
    default_auto_field = "django.db.models.BigAutoField"
