from django.urls import path

from radslag.reports import views, views_staff

app_name = "reports"
urlpatterns = [
    path("dialoger/<slug:slug>/sammanstallning/", views.compilation_page, name="compilation"),
    path("dialoger/<slug:slug>/sammanstallning/version/<int:number>/", views.compilation_page,
         name="compilation_version"),
    path("dialoger/<slug:slug>/sammanstallning/version/<int:number>/pdf/", views.compilation_file,
         {"kind": "pdf"}, name="compilation_pdf"),
    path("dialoger/<slug:slug>/sammanstallning/version/<int:number>/docx/", views.compilation_file,
         {"kind": "docx"}, name="compilation_docx"),
    path("personal/processer/<int:pk>/sammanstallning/", views_staff.compilation_preview,
         name="staff_compilation"),
    path("personal/processer/<int:pk>/sammanstallning/publicera/", views_staff.compilation_publish,
         name="staff_compilation_publish"),
    path("personal/processer/<int:pk>/sammanstallning/pdf/", views_staff.compilation_preview_file,
         {"kind": "pdf"}, name="staff_compilation_pdf"),
    path("personal/processer/<int:pk>/sammanstallning/docx/", views_staff.compilation_preview_file,
         {"kind": "docx"}, name="staff_compilation_docx"),
]
