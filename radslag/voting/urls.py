from django.urls import path

from radslag.voting.views import public, results, staff

app_name = "voting"

public_patterns = [
    path("rosta/<int:ballot_pk>/", public.vote, name="vote"),
    path("rosta/<int:ballot_pk>/kvitto/<str:receipt>/", public.receipt, name="receipt"),
    path("rosta/<int:ballot_pk>/hall-mig-informerad/", public.tell_me, name="tell_me"),
    path("rosta/<int:ballot_pk>/valsedlar/", public.ballot_list, name="ballot_list"),
    path("rosta/<int:ballot_pk>/resultat/", results.results, name="results"),
    path("rosta/<int:ballot_pk>/resultat.json", results.results_json, name="results_json"),
    path("rosta/<int:ballot_pk>/projektor/", results.projector, name="projector"),
    path("rosta/<int:ballot_pk>/api/rosta/", results.cast_json, name="cast_json"),
]

BASE = "personal/processer/<int:pk>/omrostningar/"
staff_patterns = [
    path(BASE, staff.ballot_index, name="ballot_index"),
    path(f"{BASE}ny/", staff.ballot_edit, name="ballot_create"),
    path(f"{BASE}<int:ballot_pk>/", staff.ballot_detail, name="ballot_detail"),
    path(f"{BASE}<int:ballot_pk>/andra/", staff.ballot_edit, name="ballot_edit"),
    path(f"{BASE}<int:ballot_pk>/alternativ/<int:option_pk>/ta-bort/", staff.option_delete, name="option_delete"),
    path(f"{BASE}<int:ballot_pk>/teman/", staff.theme_options_add, name="theme_options_add"),
    path(f"{BASE}<int:ballot_pk>/koder/", staff.codes_generate, name="codes_generate"),
    path(f"{BASE}<int:ballot_pk>/koder/<int:batch_pk>/", staff.code_sheet, name="code_sheet"),
    path(f"{BASE}<int:ballot_pk>/papper/", staff.paper_entry, name="paper_entry"),
    path(f"{BASE}<int:ballot_pk>/papper/valsedel.pdf", staff.paper_ballot_pdf, name="paper_ballot_pdf"),
    path(f"{BASE}<int:ballot_pk>/ord/", staff.word_hide, name="word_hide"),
    path(f"{BASE}<int:ballot_pk>/oppna/", staff.ballot_open, name="ballot_open"),
    path(f"{BASE}<int:ballot_pk>/stang/", staff.ballot_close, name="ballot_close"),
    path(f"{BASE}<int:ballot_pk>/publicera/", staff.ballot_publish, name="ballot_publish"),
]

urlpatterns = public_patterns + staff_patterns
