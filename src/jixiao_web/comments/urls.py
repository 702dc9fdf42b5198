from django.urls import path

from jixiao_web.comments import views

app_name = "notices"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("read/", views.notice_read_all, name="read_all"),
    path("<int:pk>/read/", views.notice_read, name="read"),
]
