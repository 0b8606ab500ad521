from django.urls import path

from radslag.contributions import views, views_moderation, views_staff

app_name = "contributions"
urlpatterns = [
    path("dialoger/<slug:slug>/bidra/", views.contribute, name="contribute"),
    path("dialoger/<slug:slug>/bidra/tack/", views.receipt, name="receipt"),
    path("dialoger/<slug:slug>/inspel/", views.process_contributions, name="process_contributions"),
    path("personal/processer/<int:pk>/inmatning/", views_staff.bulk_entry, name="bulk_entry"),
    path(
        "personal/processer/<int:pk>/inmatning/<int:contribution_pk>/angra/",
        views_staff.bulk_undo, name="bulk_undo",
    ),
    path("personal/processer/<int:pk>/moderering/", views_staff.moderation_queue_view, name="moderation_queue"),
    path("personal/processer/<int:pk>/moderering/publicera/", views_staff.bulk_publish, name="bulk_publish"),
    path(
        "personal/processer/<int:pk>/moderering/<int:contribution_pk>/",
        views_moderation.moderate, name="moderate",
    ),
    path("personal/processer/<int:pk>/oversikt/", views_staff.dashboard, name="dashboard"),
]
