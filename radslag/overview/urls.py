from django.urls import path

from radslag.overview import views

app_name = "overview"
urlpatterns = [
    path("personal/oversikt/", views.officials_overview, name="officials"),
    # The focus-area page moved here from governance (which may not read dialogues or themes); same address.
    path("fokusomraden/<slug:slug>/", views.focus_area, name="focus_area"),
    path("styrning/vision/", views.vision, name="vision"),
]
