from django.urls import path

from jixiao_web.monitoring import entry_views, views

app_name = "monitoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.round_new, name="new"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/close/", views.round_close, name="close"),
    path("<int:pk>/report/<str:kind>/", views.report, name="report"),
    path("<int:pk>/forms/<int:form_pk>/", entry_views.entry, name="entry"),
    path("<int:pk>/forms/<int:form_pk>/return/", entry_views.entry_return, name="return"),
    path("<int:pk>/forms/<int:form_pk>/lights/", entry_views.entry_lights, name="lights"),
]
