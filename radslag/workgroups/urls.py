from django.urls import path

from radslag.workgroups import views, views_staff

app_name = "workgroups"

urlpatterns = [
    path("grupper/", views.group_list, name="group_list"),
    path("grupper/<slug:slug>/", views.group_page, name="group"),
    path("grupper/<slug:slug>/rum/", views.space, name="space"),
    path("grupper/<slug:slug>/material/<int:material_pk>/", views.material, name="material"),
    path("grupper/<slug:slug>/rapport/", views.report, name="report"),
    path("grupper/<slug:slug>/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("grupper/<slug:slug>/rapport.docx", views.report_docx, name="report_docx"),
    path("arbetsgrupp-inbjudan/<str:token>/", views.invitation, name="invitation"),
    path("personal/grupper/", views_staff.group_list, name="staff_groups"),
    path("personal/grupper/ny/", views_staff.group_create, name="staff_group_create"),
    path("personal/grupper/<int:group_pk>/", views_staff.group_edit, name="staff_group"),
    path("personal/grupper/<int:group_pk>/medlemmar/ny/", views_staff.member_edit, name="staff_member_create"),
    path("personal/grupper/<int:group_pk>/medlemmar/<int:member_pk>/", views_staff.member_edit,
         name="staff_member_edit"),
    path("personal/grupper/<int:group_pk>/medlemmar/<int:member_pk>/bjud-in/", views_staff.member_invite,
         name="staff_member_invite"),
    path("personal/grupper/<int:group_pk>/medlemmar/<int:member_pk>/ta-bort/", views_staff.member_remove,
         name="staff_member_remove"),
    path("personal/grupper/<int:group_pk>/till-analysen/", views_staff.pass_on, name="staff_pass_on"),
    path("personal/grupper/<int:group_pk>/moten/nytt/", views_staff.meeting_edit, name="staff_meeting_create"),
    path("personal/grupper/<int:group_pk>/moten/<int:meeting_pk>/", views_staff.meeting_edit,
         name="staff_meeting_edit"),
]
