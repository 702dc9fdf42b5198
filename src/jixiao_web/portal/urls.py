from django.urls import path

from jixiao_web.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_index, name="index"),
    path("<int:pk>/", views.portal_form, name="form"),
]
