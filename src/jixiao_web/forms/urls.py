from django.urls import path

from jixiao_web.comments import views as comments
from jixiao_web.forms import batch, editor, views

app_name = "forms"
urlpatterns = [
    path("", views.form_list, name="list"),
    path("export.xlsx", views.form_export, name="export"),
    path("target/", editor.target_preview, name="target"),
    path("new/", editor.form_new, name="new"),
    path("batch/", batch.form_batch, name="batch"),
    path("<int:pk>/", views.form_detail, name="detail"),
    path("<int:pk>/edit/", editor.form_edit, name="edit"),
    path("<int:pk>/source/", views.form_source, name="source"),
    path("<int:pk>/download/<str:identifier>/", views.form_download, name="download"),
    path("<int:pk>/comments/", comments.comment_add, name="comment"),
    path(
        "<int:pk>/comments/<int:comment>/resolve/", comments.comment_resolve, name="comment_resolve"
    ),
    path("<int:pk>/<str:action>/", views.form_action, name="action"),
]
