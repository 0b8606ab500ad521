from django.urls import path

from radslag.planning import views, views_items, views_output, views_workshop

app_name = "planning"

_P = "personal/planering/<int:project_pk>/"
_I = _P + "<slug:kind>/<int:item_pk>/"
_W = _P + "workshop/<int:workshop_pk>/"

urlpatterns = [
    path("planering/<int:project_pk>/", views_output.public, name="public"),
    path("planering/workshop/", views_workshop.join, name="join"),
    path("planering/workshop/<slug:code>/", views_workshop.phone, name="phone"),
    path("personal/planering/", views.projects, name="projects"),
    path(_P, views.project, name="project"),
    path(_P + "andra/", views.project_edit, name="project_edit"),
    path(_P + "medlemmar/", views.members, name="members"),
    path(_P + "medlemmar/<int:membership_pk>/ta-bort/", views.member_remove, name="member_remove"),
    path(_P + "omvarld/", views.context, name="context"),
    path(_P + "intressenter/", views.stakeholders, name="stakeholders"),
    path(_P + "problemtrad/", views.problem_tree, name="problem_tree"),
    path(_P + "maltrad/", views.objective_tree, name="objective_tree"),
    path(_P + "maltrad/spegla/", views.mirror, name="mirror"),
    path(_P + "nod/<int:item_pk>/flytta/", views.node_move, name="node_move"),
    path(_P + "nod/<int:item_pk>/ta-bort/", views.node_delete, name="node_delete"),
    path(_P + "logframe/", views.logframe, name="logframe"),
    path(_P + "risker/", views.risks, name="risks"),
    path(_P + "dokument.docx", views_output.document_docx, name="document_docx"),
    path(_P + "dokument.pdf", views_output.document_pdf, name="document_pdf"),
    path(_P + "logframe.xlsx", views_output.logframe_xlsx, name="logframe_xlsx"),
    path(_P + "aktivitetsplan.xlsx", views_output.activities_xlsx, name="activities_xlsx"),
    path(_P + "intressenter.xlsx", views_output.stakeholders_xlsx, name="stakeholders_xlsx"),
    path(_P + "risker.xlsx", views_output.risks_xlsx, name="risks_xlsx"),
    path(_P + "workshop/", views_workshop.workshop_list, name="workshops"),
    path(_W, views_workshop.workshop, name="workshop"),
    path(_W + "stang/", views_workshop.workshop_close, name="workshop_close"),
    path(_W + "forslag/<int:suggestion_pk>/", views_workshop.suggestion_handle, name="suggestion_handle"),
    path(_W + "skarm/", views_workshop.screen_page, name="screen"),
    path(_W + "skarm.json", views_workshop.screen_json, name="screen_json"),
    path(_I, views_items.item, name="item"),
    path(_I + "versioner/<int:version_number>/aterstall/", views_items.restore, name="item_restore"),
    path(_I + "kommentar/", views_items.comment, name="item_comment"),
    path(_I + "ta-bort/", views_items.delete, name="item_delete"),
]
