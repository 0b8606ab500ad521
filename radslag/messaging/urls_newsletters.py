from django.urls import path

from radslag.messaging import views_newsletters as views

app_name = "newsletters"

urlpatterns = [
    path("manadsblad/", views.archive, name="archive"),
    path("manadsblad/<int:newsletter_pk>/", views.issue, name="issue"),
    path("manadsblad/dialog/<slug:slug>/", views.process_archive, name="process_archive"),
    path("bilder/<int:image_pk>.<str:extension>", views.image, name="image"),
    path("personal/manadsblad/", views.staff_list, name="staff_list"),
    path("personal/manadsblad/ny/", views.edit, name="create"),
    path("personal/manadsblad/<int:newsletter_pk>/", views.edit, name="edit"),
    path("personal/manadsblad/<int:newsletter_pk>/forhandsvisning/", views.preview, name="preview"),
    path("personal/manadsblad/<int:newsletter_pk>/testa/", views.send_test, name="send_test"),
    path("personal/manadsblad/<int:newsletter_pk>/schemalagg/", views.schedule, name="schedule"),
    path("personal/manadsblad/<int:newsletter_pk>/skicka/", views.send, name="send"),
    path("personal/bilder/", views.media_library, name="media_library"),
]
