from django.urls import path

from radslag.governance.views import principles, public, staff

app_name = "governance"
urlpatterns = [
    path("styrning/", public.overview, name="overview"),
    path("beslut/", public.decision_list, name="decision_list"),
    path("beslut/<int:pk>/", public.decision_detail, name="decision_detail"),
    path("personal/beslut/", staff.decision_admin_list, name="decision_admin_list"),
    path("personal/beslut/ny/", staff.decision_edit, name="decision_create"),
    path("personal/beslut/<int:pk>/", staff.decision_edit, name="decision_edit"),
    path("personal/styrning/vision/", staff.vision_edit, name="vision_edit"),
    path("personal/styrning/plan/", staff.plan_edit, name="plan_edit"),
    path("personal/fokusomraden/", staff.focus_area_edit, name="focus_area_admin"),
    path("personal/fokusomraden/<int:pk>/", staff.focus_area_edit, name="focus_area_edit"),
    # principles for dialogue (working groups helper)
    path("principer/", principles.principles, name="principles"),
    path("principer/version/<int:number>/", principles.principles_version, name="principles_version"),
    path("personal/principer/", principles.principles_edit, name="principles_edit"),
    path("personal/styrning/sammantraden/", staff.meetings, name="meetings"),
    path("personal/styrning/sammantraden/<int:pk>/ta-bort/", staff.meeting_remove, name="meeting_remove"),
]
