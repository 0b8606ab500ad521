from django.urls import path

from radslag.councils import views, views_staff

app_name = "councils"

urlpatterns = [
    path("rad/", views.council_list, name="council_list"),
    path("rad/<slug:council_slug>/", views.council_page, name="council"),
    path("rad/<slug:council_slug>/protokoll/<int:meeting_pk>/", views.minutes, name="minutes"),
    path("dialoger/<slug:slug>/remissvar/", views.process_answers, name="process_answers"),
    path("remisser/filer/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("remisser/", views.my_consultations, name="my_consultations"),
    path("remisser/<int:consultation_pk>/svara/", views.answer, name="answer"),
    path("personal/rad/", views_staff.council_list, name="staff_councils"),
    path("personal/rad/nytt/", views_staff.council_create, name="staff_council_create"),
    path("personal/rad/<int:council_pk>/", views_staff.council_edit, name="staff_council"),
    path("personal/rad/<int:council_pk>/ledamoter/ny/", views_staff.member_edit, name="staff_member_create"),
    path("personal/rad/<int:council_pk>/ledamoter/<int:member_pk>/", views_staff.member_edit,
         name="staff_member_edit"),
    path("personal/rad/<int:council_pk>/moten/nytt/", views_staff.meeting_edit, name="staff_meeting_create"),
    path("personal/rad/<int:council_pk>/moten/<int:meeting_pk>/", views_staff.meeting_edit,
         name="staff_meeting_edit"),
    path("personal/remissinstanser/", views_staff.consultee_list, name="staff_consultees"),
    path("personal/remissinstanser/<int:consultee_pk>/", views_staff.consultee_edit, name="staff_consultee_edit"),
    path("personal/remisser/", views_staff.consultation_list, name="staff_consultations"),
    path("personal/processer/<int:pk>/remisser/ny/", views_staff.consultation_create,
         name="staff_consultation_create"),
    path("personal/remisser/<int:consultation_pk>/", views_staff.consultation_detail, name="staff_consultation"),
    path("personal/remisser/<int:consultation_pk>/skicka/", views_staff.consultation_send,
         name="staff_consultation_send"),
    path("personal/remissvar/<int:answer_pk>/publicera/", views_staff.answer_publish, name="staff_answer_publish"),
]
