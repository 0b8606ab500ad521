from django.urls import path

from radslag.panels import views

app_name = "panels"

urlpatterns = [
    path("medborgarpanel/", views.panel_page, name="panel"),
    path("personal/medborgarpanel/", views.staff, name="staff"),
    path("personal/medborgarpanel/inbjudningar/", views.create_invitations, name="create_invitations"),
    path("personal/medborgarpanel/inbjudningar/<int:batch_pk>.csv", views.invitation_file, name="invitation_file"),
]
