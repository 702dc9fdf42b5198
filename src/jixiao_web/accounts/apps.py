from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jixiao_web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from jixiao_web.dbfiles import restrict_sqlite_files

        # Here, with the accounts: the database keeps their password hashes and sessions.
        connection_created.connect(restrict_sqlite_files, dispatch_uid="jixiao-sqlite-modes")
