from django.urls import path

from radslag.organisations.views import population, public, staff

app_name = "organisations"
urlpatterns = [
    path("tillganglighet/", public.accessibility, name="accessibility"),
    path("personuppgifter/", public.privacy, name="privacy"),
    path("sida-feedback/", public.page_feedback, name="page_feedback"),
    path("personal/tillganglighet/", staff.accessibility_edit, name="accessibility_edit"),
    path("personal/sidfeedback/", staff.feedback_results, name="feedback_results"),
    path("personal/orter/", staff.locality_list, name="locality_list"),
    path("personal/orter/<int:pk>/", staff.locality_list, name="locality_edit"),
    path("personal/organ/", staff.body_list, name="body_list"),
    path("personal/organ/<int:pk>/", staff.body_list, name="body_edit"),
    path("personal/befolkning/", population.population_import, name="population_import"),
    path("personal/befolkning/bekrafta/", population.population_confirm, name="population_confirm"),
]
