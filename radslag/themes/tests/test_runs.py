"""Analysis runs: starting one, the work, progress, and keeping people's decisions on a re-run."""

from collections import Counter

import pytest

from radslag.audit.models import AuditEvent
from radslag.contributions.models import Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.themes import services
from radslag.themes.models import AnalysisRun, Coding, Theme
from radslag.themes.querysets import active_themes, set_aside_contributions, unthemed_contributions
from radslag.themes.runs import STALE_AFTER, execute_run, start_analysis
from radslag.themes.tests.corpus import LATE_SCHOOL

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _topics(topic_backend):
    """Runs here use the topic stand-in backend unless they name another."""


def analyse(process, user, **options):
    options.setdefault("backend", "topics")
    run = start_analysis(process=process, user=user, **options)
    return execute_run(run.pk)


def theme_of(contribution):
    return Theme.objects.get(codings__contribution=contribution, status=Theme.Status.ACTIVE)


def main_theme(contributions):
    """The theme most of these contributions are in."""
    counts = Counter(theme_of(c).pk for c in contributions if c.theme_codings.filter(theme__status="active").exists())
    return Theme.objects.get(pk=counts.most_common(1)[0][0])


def test_run_finds_the_three_topics(process, staff, corpus):
    run = analyse(process, staff, k=3)
    assert run.status == AnalysisRun.Status.DONE
    assert run.progress == 100
    assert run.contribution_count == 24
    assert active_themes(process).count() == 3
    main_themes = set()
    for texts in corpus.values():
        themes = Counter(theme_of(contribution).pk for contribution in texts if contribution.theme_codings.exists())
        theme_pk, count = themes.most_common(1)[0]
        assert count >= 7
        main_themes.add(theme_pk)
    assert len(main_themes) == 3
    assert Coding.objects.filter(source=Coding.Source.MACHINE).count() >= 20
    assert AuditEvent.objects.filter(action="themes.analysis_completed").exists()


def test_run_chooses_the_number_of_themes_itself(process, staff, corpus):
    run = analyse(process, staff)
    assert run.status == AnalysisRun.Status.DONE
    assert active_themes(process).count() >= 2
    assert run.meta["k_selection"]["rule"]


def test_the_word_based_backend_runs_end_to_end(process, staff, corpus):
    """The backend that is always there: themes with labels, keywords, quotes, and most texts placed."""
    run = analyse(process, staff, backend="lexical", k=3)
    assert run.status == AnalysisRun.Status.DONE and run.meta["backend"] == "lexical"
    themes = list(active_themes(process))
    assert len(themes) >= 2
    assert all(theme.label and theme.keywords and theme.quotes.exists() for theme in themes)
    assert Coding.objects.filter(theme__process=process).count() + run.outlier_count == 24


def test_only_published_contributions_are_analysed(process, staff, corpus):
    hidden = ContributionFactory(process=process, body="Skolan är dålig", status=Contribution.Status.HIDDEN)
    run = analyse(process, staff, k=3)
    assert run.contribution_count == 24
    assert not hidden.theme_codings.exists()


def test_filter_by_channel(process, staff, corpus):
    ContributionFactory.create_batch(6, process=process, channel="slip", body="Bussen går för sällan till Nol")
    run = analyse(process, staff, channel="slip")
    assert run.contribution_count == 6


def test_resident_may_not_start_a_run(process, resident, corpus):
    with pytest.raises(PermissionDeniedError):
        start_analysis(process=process, user=resident)


def test_second_run_while_one_is_queued_is_refused(process, staff, corpus):
    start_analysis(process=process, user=staff)
    with pytest.raises(DomainError):
        start_analysis(process=process, user=staff)


def test_unknown_backend_is_refused(process, staff):
    with pytest.raises(DomainError):
        start_analysis(process=process, user=staff, backend="sentence-transformers:/nowhere")


def test_rerun_keeps_decisions_and_puts_new_texts_into_existing_themes(process, staff, corpus):
    analyse(process, staff, k=3)
    school, bus, park = (main_theme(corpus[name]) for name in ("school", "bus", "park"))
    services.rename_theme(theme=school, user=staff, label="En bra skola ger en bra framtid")
    services.set_theme_accepted(theme=bus, user=staff, accepted=True)
    moved = next(c for c in corpus["park"] if theme_of(c) == park)
    services.move_contribution(contribution=moved, from_theme=theme_of(moved), to_theme=bus, user=staff)
    new = [ContributionFactory(process=process, body=text) for text in LATE_SCHOOL]

    run = analyse(process, staff)

    assert run.status == AnalysisRun.Status.DONE
    school.refresh_from_db()
    assert school.status == Theme.Status.ACTIVE and school.name == "En bra skola ger en bra framtid"
    assert Theme.objects.get(pk=bus.pk).accepted
    assert Coding.objects.get(contribution=moved).theme_id == bus.pk
    assert Coding.objects.get(contribution=moved).source == Coding.Source.HUMAN
    assert {theme_of(contribution).pk for contribution in new} == {school.pk}
    assert run.assigned_count >= 2
    # The undecided park theme was a proposal: it is replaced, and its texts are grouped again.
    assert not Theme.objects.filter(pk=park.pk).exists()
    assert main_theme(corpus["park"]).run_id == run.pk
    assert not unthemed_contributions(process).filter(pk__in=[c.pk for c in corpus["school"]]).exists()


def test_a_failing_engine_ends_as_a_failed_run_and_changes_nothing(process, staff, corpus, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the engine broke")

    monkeypatch.setattr("radslag.themes.runs.find_themes", broken)
    run = analyse(process, staff)
    assert (run.status, run.error) == (AnalysisRun.Status.FAILED, "the engine broke")
    assert run.finished_at is not None
    assert not Theme.objects.exists()


def test_a_contribution_hidden_since_leaves_its_kept_theme(process, staff, corpus):
    analyse(process, staff, k=3)
    school = main_theme(corpus["school"])
    services.set_theme_accepted(theme=school, user=staff, accepted=True)
    hidden = school.codings.first().contribution
    hidden.status = Contribution.Status.HIDDEN
    hidden.save()
    analyse(process, staff, k=3)
    assert not hidden.theme_codings.exists()
    assert Theme.objects.get(pk=school.pk).accepted


def test_a_stale_run_does_not_block_a_new_one(process, staff, corpus):
    stale = start_analysis(process=process, user=staff)
    AnalysisRun.objects.filter(pk=stale.pk).update(created_at=stale.created_at - STALE_AFTER * 2)
    assert start_analysis(process=process, user=staff).status == AnalysisRun.Status.QUEUED
    assert AnalysisRun.objects.get(pk=stale.pk).status == AnalysisRun.Status.FAILED


def test_a_contribution_set_aside_by_hand_stays_out_of_every_run_until_coded_again(process, staff, corpus):
    analyse(process, staff, k=3)
    greeting = ContributionFactory(process=process, body="Hej! Tack för att ni ordnade kvällen.")
    school = corpus["school"][0]
    was_in = theme_of(school)
    services.code_contribution(contribution=school, themes=[], user=staff, no_theme=True)
    services.code_contribution(contribution=greeting, themes=[], user=staff, no_theme=True)
    assert not school.theme_codings.filter(theme__status="active").exists()
    assert was_in.quotes.filter(contribution=school).count() == 0
    run = analyse(process, staff, k=3)
    assert run.contribution_count == 24 - 1  # the corpus less the set-aside one; the greeting never counted
    assert not school.theme_codings.filter(theme__status="active").exists()
    assert not greeting.theme_codings.exists()
    assert school not in unthemed_contributions(process) and greeting not in unthemed_contributions(process)
    assert set(set_aside_contributions(process)) == {school, greeting}
    now_school = main_theme(corpus["school"][1:])
    services.code_contribution(contribution=school, themes=[now_school], user=staff)
    assert school not in set_aside_contributions(process) and theme_of(school) == now_school


def test_themes_and_no_theme_together_are_refused(process, staff, corpus):
    analyse(process, staff, k=3)
    school = corpus["school"][0]
    with pytest.raises(DomainError, match="inte båda"):
        services.code_contribution(contribution=school, themes=[theme_of(school)], user=staff, no_theme=True)


def test_input_typed_in_by_staff_without_a_stated_language_is_analysed_as_swedish(process, staff, corpus):
    """Working-group notes and other input staff pass on store no language; the analysis read them by detection
    alone, which calls short Swedish notes Polish ("Mer lekplatser i Nödinge") and so set them apart."""
    for text in ("Mer lekplatser i Nödinge", "Fler cykelvägar"):
        ContributionFactory(process=process, body=text, language="", status=Contribution.Status.PUBLISHED)
    Contribution.objects.filter(process=process).update(language="")
    run = analyse(process, staff, k=3)
    assert run.meta["languages"] == {"sv": 26}
