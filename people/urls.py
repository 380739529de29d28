from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("legislators/", views.legislator_list, name="legislator_list"),
    path("legislators/<slug:slug>/", views.legislator_detail, name="legislator_detail"),
    path("detainees/", views.detainee_list, name="detainee_list"),
    path("detainees/<slug:slug>/", views.detainee_detail, name="detainee_detail"),
]
