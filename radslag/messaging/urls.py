from django.urls import path

from radslag.messaging import views

app_name = "messaging"

# The first three paths are fixed in radslag.messaging.links: mail already sent links to them.
urlpatterns = [
    path("meddelanden/bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("meddelanden/avsluta/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("meddelanden/installningar/<str:token>/", views.preferences, name="preferences"),
    path("meddelanden/folj/", views.follow, name="follow"),
    path("mina-utskick/", views.my_mail, name="my_mail"),
]
