from django.urls import path

from letters import views

app_name = "letters"

urlpatterns = [
    path("", views.home, name="home"),
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/<slug:slug>/", views.letter_detail, name="letter_detail"),
    path("recipients/<slug:slug>/", views.recipient_letters, name="recipient_letters"),
    path("bills/<slug:slug>/", views.bill_letters, name="bill_letters"),
    path("demands/", views.demand_list, name="demand_list"),
    path("demands/<slug:slug>/", views.demand_detail, name="demand_detail"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
]
