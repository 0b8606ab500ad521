from django.urls import path

from radslag.opinions import views, views_staff, views_transfer

app_name = "opinions"
STAFF = "personal/processer/<int:pk>/samtal/"
ONE = STAFF + "<int:conversation_pk>/"
urlpatterns = [
    path("samtal/<int:pk>/", views.participate, name="participate"),
    path("samtal/<int:pk>/svara/", views.vote, name="vote"),
    path("samtal/<int:pk>/pastaende/", views.submit, name="submit"),
    path("samtal/<int:pk>/kod/", views.enter_code, name="enter_code"),
    path("samtal/<int:pk>/om-dig/", views.profile, name="profile"),
    path("samtal/<int:pk>/hall-mig-informerad/", views.tell_me, name="tell_me"),
    path("samtal/<int:pk>/resultat/", views.results, name="results"),
    path(STAFF, views_staff.conversation_list, name="staff_list"),
    path(STAFF + "importera/", views_transfer.import_export, name="staff_import"),
    path(ONE, views_staff.conversation_edit, name="staff_conversation"),
    path(ONE + "moderering/", views_staff.moderation_queue, name="staff_moderation"),
    path(ONE + "pastaenden/<int:statement_pk>/", views_staff.moderate, name="staff_moderate"),
    path(ONE + "pastaenden/<int:statement_pk>/andra/", views_staff.seed_edit, name="staff_seed"),
    path(ONE + "berakna/", views_staff.recompute, name="staff_recompute"),
    path(ONE + "exportera/", views_transfer.export, name="staff_export"),
]
