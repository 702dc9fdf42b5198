from django.urls import path

from jixiao_web.selfeval import downloads, summary, views

app_name = "selfeval"
urlpatterns = [
    path("", views.selfeval_list, name="list"),
    path("open/", views.selfeval_open, name="open"),
    path("summary/", summary.selfeval_summary, name="summary"),
    path("summary.xlsx", downloads.summary_download, name="summary-xlsx"),
    path("<int:pk>/", views.selfeval_page, name="page"),
    path("<int:pk>/preview/", views.selfeval_preview, name="preview"),
    path("<int:pk>/download/<str:identifier>/", downloads.selfeval_download, name="download"),
    path("<int:pk>/<str:action>/", views.selfeval_action, name="action"),
]
