from django.urls import path

from radslag.dialogues.views import calendar, public, registration, staff, staff_mail, staff_plan

app_name = "dialogues"

public_patterns = [
    path("", public.home, name="home"),
    path("dialoger/", public.process_list, name="process_list"),
    path("dialoger/<slug:slug>/", public.process_detail, name="process_detail"),
    path("dialoger/<slug:slug>/aktiviteter/<int:pk>/", registration.activity_detail, name="activity_detail"),
    path("dialoger/<slug:slug>/aktiviteter/<int:pk>/avboka/<str:token>/", registration.registration_cancel,
         name="registration_cancel"),
    path("dialoger/<slug:slug>/kalender.ics", calendar.process_ics, name="process_ics"),
    path("dialoger/<slug:slug>/aktiviteter/<int:pk>/kalender.ics", calendar.activity_ics, name="activity_ics"),
]

staff_patterns = [
    path("personal/", staff.staff_home, name="staff_home"),
    path("personal/processer/ny/", staff.process_create, name="process_create"),
    path("personal/processer/<int:pk>/", staff.process_edit, name="process_edit"),
    path("personal/processer/<int:pk>/publicera/", staff.process_publish, name="process_publish"),
    path("personal/processer/<int:pk>/stang/", staff.process_close, name="process_close"),
    path("personal/processer/<int:pk>/uppdateringar/ny/", staff.update_edit, name="update_create"),
    path("personal/processer/<int:pk>/uppdateringar/<int:update_pk>/", staff.update_edit, name="update_edit"),
    path("personal/processer/<int:pk>/faser/", staff_plan.phase_list, name="phase_list"),
    path("personal/processer/<int:pk>/faser/<int:phase_pk>/", staff_plan.phase_list, name="phase_edit"),
    path("personal/processer/<int:pk>/faser/<int:phase_pk>/ta-bort/", staff_plan.phase_delete, name="phase_delete"),
    path("personal/processer/<int:pk>/aktiviteter/", staff_plan.activity_list, name="activity_list"),
    path("personal/processer/<int:pk>/aktiviteter/ny/", staff_plan.activity_edit, name="activity_create"),
    path("personal/processer/<int:pk>/aktiviteter/<int:activity_pk>/", staff_plan.activity_edit,
         name="activity_edit"),
    path("personal/processer/<int:pk>/aktiviteter/<int:activity_pk>/installd/", staff_plan.activity_cancel,
         name="activity_cancel"),
    path("personal/processer/<int:pk>/aktiviteter/<int:activity_pk>/skriv/", staff_mail.activity_mail,
         name="activity_mail"),
    path("personal/processer/<int:pk>/aktiviteter/<int:activity_pk>/bord/ny/", staff_plan.table_edit,
         name="table_create"),
    path("personal/processer/<int:pk>/aktiviteter/<int:activity_pk>/bord/<int:table_pk>/", staff_plan.table_edit,
         name="table_edit"),
]

urlpatterns = public_patterns + staff_patterns
