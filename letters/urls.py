from django.urls import path

from letters.pages import campaigns as campaign_views
from letters.pages import data as data_views
from letters.pages import views
from letters.pages.cards import letter_card
from letters.pages.feeds import CAMPAIGN_FEED, DEMAND_FEED, LETTER_LIST_FEED

app_name = "letters"

urlpatterns = [
    path("", views.home, name="home"),
    path("letters/", views.letter_list, name="letter_list"),
    path("letters.csv", views.letter_list, {"fmt": "csv"}, name="letter_list_csv"),
    path("letters.json", views.letter_list, {"fmt": "json"}, name="letter_list_json"),
    path("letters/feed/", LETTER_LIST_FEED, name="letter_feed"),
    path("letters/<slug:slug>/", views.letter_detail, name="letter_detail"),
    path("letters/<slug:slug>/card.png", letter_card, name="letter_card"),
    path(
        "letters/<slug:slug>.csv",
        views.letter_signers_export,
        {"fmt": "csv"},
        name="letter_signers_csv",
    ),
    path(
        "letters/<slug:slug>.json",
        views.letter_signers_export,
        {"fmt": "json"},
        name="letter_signers_json",
    ),
    path("recipients/<slug:slug>/", views.recipient_letters, name="recipient_letters"),
    path("bills/<slug:slug>/", views.bill_letters, name="bill_letters"),
    path("demands/", views.demand_list, name="demand_list"),
    path("demands.csv", views.demand_list, {"fmt": "csv"}, name="demand_list_csv"),
    path("demands.json", views.demand_list, {"fmt": "json"}, name="demand_list_json"),
    path("demands/<slug:slug>/", views.demand_detail, name="demand_detail"),
    path("demands/<slug:slug>/feed/", DEMAND_FEED, name="demand_feed"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("campaigns/", campaign_views.campaign_list, name="campaign_list"),
    path("campaigns/<slug:slug>/", campaign_views.campaign_detail, name="campaign_detail"),
    path("campaigns/<slug:slug>/feed/", CAMPAIGN_FEED, name="campaign_feed"),
    path("search/", views.search, name="search"),
    path("about/", views.about, name="about"),
    path("data/", data_views.data_page, name="data"),
    path("data/<str:filename>", data_views.data_file, name="data_file"),
]
