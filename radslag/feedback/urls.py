from django.urls import path

from radslag.feedback import views, views_staff

app_name = "feedback"
urlpatterns = [
    path("dialoger/<slug:slug>/vad-hande/", views.what_happened, name="what_happened"),
    path("dialoger/<slug:slug>/inspel/<int:pk>/", views.contribution_page, name="contribution"),
    path("mina-inspel/", views.my_contributions, name="my_contributions"),
    # The path mail links to (radslag.messaging.links.TRAIL_PATH).
    path("mina-inspel/spar/<str:token>/", views.trail_by_token, name="trail"),
    path("personal/processer/<int:pk>/svar/", views_staff.staff_answers, name="staff_answers"),
    path("personal/processer/<int:pk>/svar/publicera/", views_staff.answers_publish, name="answers_publish"),
    path("personal/processer/<int:pk>/svar/tema/<int:theme_pk>/", views_staff.answer_edit, name="answer_edit"),
]
