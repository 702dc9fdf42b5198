"""App configurations of the project itself (the apps of its parts are in their folders)."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin, with `admin.site` the site whose login is the app's (admin_site.py)."""

    default_site = "jixiao_web.admin_site.AdminSite"
