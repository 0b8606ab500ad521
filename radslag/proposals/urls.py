from django.urls import path

from radslag.proposals import views, views_staff
from radslag.proposals.feeds import ProposalFeed

app_name = "proposals"

urlpatterns = [
    path("forslag/", views.proposal_list, name="list"),
    path("forslag/nytt/", views.proposal_create, name="create"),
    path("forslag/liknande/", views.similar, name="similar"),
    path("forslag/regler/", views.rules_page, name="rules"),
    path("forslag/statistik/", views.statistics_page, name="statistics"),
    path("forslag/flode/", ProposalFeed(), name="feed"),
    path("forslag/oppna-data.csv", views.open_data, name="open_data"),
    path("forslag/mina/", views.my_proposals, name="mine"),
    path("forslag/<int:pk>/", views.proposal_detail, name="detail"),
    path("forslag/<int:pk>/stod/", views.support, name="support"),
    path("forslag/<int:pk>/ta-tillbaka/", views.withdraw, name="withdraw"),
    path("forslag/<int:pk>/nyhet/", views.post_update, name="post_update"),
    path("personal/forslag/", views_staff.queue, name="staff_queue"),
    path("personal/forslag/regler/", views_staff.rules_edit, name="staff_rules"),
    path("personal/forslag/<int:pk>/", views_staff.proposal, name="staff_proposal"),
    path("personal/forslag/<int:pk>/godkann/", views_staff.accept, name="staff_accept"),
    path("personal/forslag/<int:pk>/avsla/", views_staff.refuse, name="staff_refuse"),
    path("personal/forslag/<int:pk>/namnd/", views_staff.assign, name="staff_assign"),
    path("personal/forslag/<int:pk>/behandla/", views_staff.start_handling, name="staff_start"),
    path("personal/forslag/<int:pk>/svara/", views_staff.answer, name="staff_answer"),
    path("personal/forslag/<int:pk>/framsteg/", views_staff.progress, name="staff_progress"),
]
