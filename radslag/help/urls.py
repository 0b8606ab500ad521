from django.urls import path

from radslag.help import views

app_name = "help"
urlpatterns = [
    path("hjalp/", views.index, name="index"),
    path("hjalp/<slug:chapter>/", views.chapter_page, name="chapter"),
]
