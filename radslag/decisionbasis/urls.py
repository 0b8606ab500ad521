from django.urls import path

from radslag.decisionbasis import views, views_staff

app_name = "decisionbasis"
_VERSION = "personal/processer/<int:pk>/beslutsunderlag/<int:version_pk>/"
_PUBLIC = "dialoger/<slug:slug>/beslutsunderlag/<int:version_pk>/"
urlpatterns = [
    path(_PUBLIC, views.public_page, name="public"),
    path(f"{_PUBLIC}pdf/", views.public_file, {"kind": "pdf"}, name="public_pdf"),
    path(f"{_PUBLIC}docx/", views.public_file, {"kind": "docx"}, name="public_docx"),
    path(f"{_PUBLIC}bilaga/pdf/", views.public_file, {"kind": "attachment_pdf"}, name="public_attachment_pdf"),
    path(f"{_PUBLIC}bilaga/docx/", views.public_file, {"kind": "attachment"}, name="public_attachment_docx"),
    path("personal/processer/<int:pk>/beslutsunderlag/", views_staff.basis_list, name="list"),
    path(_VERSION, views_staff.version_page, name="version"),
    path(f"{_VERSION}kommentar/<slug:part>/", views_staff.comment, name="comment"),
    path(f"{_VERSION}skicka/", views_staff.freeze, name="freeze"),
    path(f"{_VERSION}ny-version/", views_staff.make_new_version, name="new_version"),
    path(f"{_VERSION}forhandsvisning/", views_staff.preview, name="preview"),
    path(f"{_VERSION}docx/", views_staff.download, {"kind": "docx"}, name="docx"),
    path(f"{_VERSION}pdf/", views_staff.download, {"kind": "pdf"}, name="pdf"),
    path(f"{_VERSION}bilaga/", views_staff.download, {"kind": "attachment"}, name="attachment"),
    path(f"{_VERSION}bilaga/pdf/", views_staff.download, {"kind": "attachment_pdf"}, name="attachment_pdf"),
    path(f"{_VERSION}zip/", views_staff.download, {"kind": "zip"}, name="zip"),
]
