from django.urls import path

from jixiao_web.experts import sheets, views

app_name = "experts"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.round_new, name="new"),
    path("years/<int:year>/", views.year_setting, name="year"),
    path("experts/", views.pool, name="pool"),
    path("experts/<int:pk>/", views.pool_edit, name="pool_edit"),
    path("sheets/<int:pk>/", sheets.sheet, name="sheet"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/add/", views.round_add, name="add"),
    path("<int:pk>/assign/", views.round_assign, name="assign"),
    path("<int:pk>/hand/", views.round_hand, name="hand"),
    path("assignments/<int:pk>/remove/", views.round_unassign, name="unassign"),
    path("<int:pk>/close/", views.round_close, name="close"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.xlsx", views.results_xlsx, name="results_xlsx"),
]
