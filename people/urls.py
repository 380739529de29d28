from django.urls import path

from people.pages import brief, views
from people.pages import members as member_views
from people.pages.feeds import DETAINEE_FEED, LEGISLATOR_FEED

app_name = "people"

urlpatterns = [
    path("members/", member_views.members_index, name="members_index"),
    path("members/<str:state>/", member_views.members_state, name="members_state"),
    path(
        "members/<str:state>.csv",
        member_views.members_state,
        {"fmt": "csv"},
        name="members_state_csv",
    ),
    path(
        "members/<str:state>/<int:district>/",
        member_views.members_district,
        name="members_district",
    ),
    path(
        "members/<str:state>/<int:district>.csv",
        member_views.members_district,
        {"fmt": "csv"},
        name="members_district_csv",
    ),
    path("legislators/", views.legislator_list, name="legislator_list"),
    path("legislators.csv", views.legislator_list, {"fmt": "csv"}, name="legislator_list_csv"),
    path("legislators.json", views.legislator_list, {"fmt": "json"}, name="legislator_list_json"),
    path("legislators/<slug:slug>/", views.legislator_detail, name="legislator_detail"),
    path("legislators/<slug:slug>/feed/", LEGISLATOR_FEED, name="legislator_feed"),
    path("legislators/<slug:slug>/brief/", brief.member_brief, name="member_brief"),
    path("detainees/", views.detainee_list, name="detainee_list"),
    path("detainees.csv", views.detainee_list, {"fmt": "csv"}, name="detainee_list_csv"),
    path("detainees.json", views.detainee_list, {"fmt": "json"}, name="detainee_list_json"),
    path("detainees/<slug:slug>/", views.detainee_detail, name="detainee_detail"),
    path("detainees/<slug:slug>/feed/", DETAINEE_FEED, name="detainee_feed"),
    path(
        "detainees/<slug:slug>.csv",
        views.detainee_detail,
        {"fmt": "csv"},
        name="detainee_detail_csv",
    ),
    path(
        "detainees/<slug:slug>.json",
        views.detainee_detail,
        {"fmt": "json"},
        name="detainee_detail_json",
    ),
    path(
        "detainees/<slug:slug>/events.csv",
        views.detainee_events_export,
        {"fmt": "csv"},
        name="detainee_events_csv",
    ),
    path(
        "detainees/<slug:slug>/events.json",
        views.detainee_events_export,
        {"fmt": "json"},
        name="detainee_events_json",
    ),
]
