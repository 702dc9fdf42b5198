"""/manage/: the finance administrator's pages of users and units (docs/people.md)."""

from django.urls import path

from jixiao_web.people import import_views, unit_views, user_views

app_name = "people"
urlpatterns = [
    path("", user_views.user_list, name="users"),
    path("users/new/", user_views.user_new, name="user_new"),
    path("users/<int:pk>/", user_views.user_edit, name="user"),
    path("users/<int:pk>/active/", user_views.user_active, name="user_active"),
    path("users/<int:pk>/password/", user_views.user_password, name="user_password"),
    path("users/import/", import_views.import_page, name="import"),
    path("users/import/template.xlsx", import_views.template, name="import_template"),
    path("users/import/passwords.xlsx", import_views.passwords, name="import_passwords"),
    path("units/", unit_views.unit_list, name="units"),
    path("units/new/", unit_views.unit_new, name="unit_new"),
    path("units/merge/", unit_views.unit_merge, name="unit_merge"),
    path("units/<int:pk>/", unit_views.unit_edit, name="unit"),
]
