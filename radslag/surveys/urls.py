from django.urls import path

from radslag.surveys import views, views_staff

app_name = "surveys"

urlpatterns = [
    path("enkater/<int:pk>/", views.start, name="start"),
    path("enkater/svar/<str:token>/", views.answer, name="answer"),
    path("medborgarpanel/uppehall/<str:token>/", views.pause, name="pause"),
    path("personal/enkater/", views_staff.survey_list, name="staff_surveys"),
    path("personal/enkater/<int:pk>/", views_staff.survey_detail, name="staff_survey"),
    path("personal/enkater/<int:pk>/forhandsvisning/", views_staff.preview, name="staff_preview"),
    path("personal/enkater/<int:pk>/resultat/", views_staff.results, name="staff_results"),
    path("personal/enkater/<int:pk>/export.<str:fmt>", views_staff.export, name="staff_export"),
    path("personal/enkater/<int:pk>/pappersenkat.pdf", views_staff.paper_pdf, name="staff_paper_pdf"),
    path("personal/enkater/<int:pk>/pappersinmatning/", views_staff.paper_entry, name="staff_paper_entry"),
]
