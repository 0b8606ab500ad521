from django.urls import path

from radslag.themes import views, views_actions

app_name = "themes"

THEMES = "personal/processer/<int:pk>/teman/"
THEME = THEMES + "<int:theme_pk>/"

urlpatterns = [
    path(THEMES, views.overview, name="overview"),
    path(THEMES + "analys/", views.start_run, name="start_run"),
    path(THEMES + "analys/<int:run_pk>/status/", views.run_status, name="run_status"),
    path(THEMES + "sammanfoga/", views_actions.merge, name="merge"),
    path(THEMES + "nytt/", views_actions.create, name="create"),
    path(THEMES + "inspel/<int:contribution_pk>/", views.code_contribution, name="code_contribution"),
    path(THEME, views.theme_detail, name="theme_detail"),
    path(THEME + "namn/", views_actions.rename, name="rename"),
    path(THEME + "godkann/", views_actions.accept, name="accept"),
    path(THEME + "fast/", views_actions.pin, name="pin"),
    path(THEME + "dela/", views_actions.split, name="split"),
    path(THEME + "fokusomraden/", views_actions.focus_areas, name="focus_areas"),
    path(THEME + "flytta/<int:contribution_pk>/", views_actions.move, name="move"),
]
