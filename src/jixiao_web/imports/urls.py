from django.urls import path

from jixiao_web.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_page, name="page"),
    path("recent/", views.recent, name="recent"),
    path("<int:pk>/", views.batch_detail, name="batch"),
    path("<int:pk>/status/", views.batch_status, name="status"),
    path("template/<str:kind>/", views.template_download, name="template"),
]
