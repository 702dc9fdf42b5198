from django.urls import path

from jixiao_web.portal import open_data, views

app_name = "portal"
urlpatterns = [
    path("", views.portal_index, name="index"),
    path("<int:pk>/", views.portal_form, name="form"),
    path("selfeval/", views.portal_selfevals, name="selfevals"),
    path("selfeval/<int:pk>/", views.portal_selfeval, name="selfeval"),
    path("data/<int:year>/forms.json", open_data.forms_json, name="data-forms"),
    path("data/<int:year>/indicators.csv", open_data.indicators_csv, name="data-indicators"),
    path("data/<int:year>/datapackage.json", open_data.datapackage, name="data-package"),
]
