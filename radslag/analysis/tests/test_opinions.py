"""Opinion groups: two camps are found, their statements represent them, shared views are consensus."""

import json
import random
import warnings
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import silhouette_score

from radslag.analysis.opinions import adjusted_rand, find_opinion_groups
from radslag.analysis.opinions.clustering import silhouette
from radslag.analysis.opinions.projection import principal_components
from radslag.analysis.polis_io import (
    Comment,
    Conversation,
    PolisFormatError,
    Vote,
    read_conversation,
    write_conversation,
)
from radslag.cli import main

POLIS = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "polis"


def two_camps(seed: int = 1) -> list[tuple[str, str, int]]:
    """40 people: camp A agrees with s0-s4 and rejects s5-s9, camp B the opposite; all agree with s10."""
    rnd = random.Random(seed)
    votes = []
    for p in range(40):
        camp = p % 2
        for s in range(10):
            likes = (s < 5) == (camp == 0)
            value = 1 if likes else -1
            if rnd.random() < 0.1:
                value = 0
            votes.append((f"p{p}", f"s{s}", value))
        votes.append((f"p{p}", "s10", 1 if rnd.random() < 0.95 else 0))
    return votes


def test_two_camps_become_two_groups():
    result = find_opinion_groups(two_camps())
    groups = result.group_of()
    assert result.meta["k"] == 2
    truth = [int(p[1:]) % 2 for p in sorted(groups)]
    assert adjusted_rand(truth, [groups[p] for p in sorted(groups)]) == 1.0


def test_each_group_is_represented_by_its_own_statements():
    result = find_opinion_groups(two_camps())
    for group in result.groups:
        camp = int(group.participants[0][1:]) % 2
        agreed = {r.statement_id for r in group.representative if r.direction == "agree"}
        expected = {f"s{i}" for i in (range(5) if camp == 0 else range(5, 10))}
        assert agreed and agreed <= expected


def test_statement_everyone_agrees_with_is_consensus():
    result = find_opinion_groups(two_camps())
    assert result.consensus[0].statement_id == "s10"
    assert result.consensus[0].direction == "agree"


def test_people_with_too_few_votes_are_not_grouped():
    votes = [*two_camps(), ("latecomer", "s0", 1), ("latecomer", "s1", 1)]
    assert "latecomer" not in find_opinion_groups(votes).group_of()


def test_same_seed_same_groups():
    assert find_opinion_groups(two_camps(), seed=3).group_of() == find_opinion_groups(two_camps(), seed=3).group_of()


def test_export_round_trip(tmp_path):
    conversation = Conversation(
        comments=[Comment("0", "Fler bänkar i parken"), Comment("1", "Längre öppettider på biblioteket")],
        votes=[Vote("7", "0", 1, 10), Vote("7", "1", -1, 11), Vote("8", "0", 0, 12)],
        groups={"7": "0"},
    )
    write_conversation(conversation, tmp_path)
    again = read_conversation(tmp_path)
    assert [c.text for c in again.comments] == ["Fler bänkar i parken", "Längre öppettider på biblioteket"]
    assert sorted((v.participant_id, v.comment_id, v.value) for v in again.votes) == [
        ("7", "0", 1), ("7", "1", -1), ("8", "0", 0)]
    assert again.groups == {"7": "0"}


def test_latest_vote_counts_when_a_participant_changes_their_mind(tmp_path):
    (tmp_path / "comments.csv").write_text("comment-id,comment-body\n0,Mer cykelbanor\n", encoding="utf-8")
    (tmp_path / "votes.csv").write_text("timestamp,comment-id,voter-id,vote\n5,0,1,-1\n9,0,1,1\n", encoding="utf-8")
    assert [v.value for v in read_conversation(tmp_path).votes] == [1]


@pytest.mark.parametrize(
    ("votes_csv", "message"),
    [
        ("timestamp,comment-id,voter-id\n1,0,1\n", "kolumnen vote saknas"),
        ("timestamp,comment-id,voter-id,vote\n1,0,1,ja\n", "rad 2, kolumn vote"),
        ("timestamp,comment-id,voter-id,vote\n1,0,1,5\n", "inte -1, 0 eller 1"),
        ("timestamp,comment-id,voter-id,vote\n1,99,1,1\n", "påstående 99 finns inte"),
    ],
)
def test_malformed_export_is_refused_with_row_and_column(tmp_path, votes_csv, message):
    (tmp_path / "comments.csv").write_text("comment-id,comment-body\n0,Text\n", encoding="utf-8")
    (tmp_path / "votes.csv").write_text(votes_csv, encoding="utf-8")
    with pytest.raises(PolisFormatError, match=message):
        read_conversation(tmp_path)


def test_cli_writes_the_contract_and_refuses_a_missing_folder(tmp_path, capsys):
    conversation = Conversation(
        comments=[Comment(str(i), f"Påstående {i}") for i in range(11)],
        votes=[Vote(p[1:], s[1:], v) for p, s, v in two_camps()],
    )
    write_conversation(conversation, tmp_path / "export")
    out = tmp_path / "out.json"
    assert main(["opinions", str(tmp_path / "export"), "-o", str(out)]) == 0
    payload = json.loads(out.read_text())
    assert {"groups", "consensus", "meta"} <= payload.keys()
    assert {"id", "participants", "representative"} <= payload["groups"][0].keys()
    assert main(["opinions", str(tmp_path / "nowhere"), "-o", str(out)]) == 2
    assert "finns inte" in capsys.readouterr().err


def test_greedy_rule_clusters_the_most_active_voters_until_there_are_fifteen():
    votes = [vote for vote in two_camps() if int(vote[0][1:]) < 10]
    for p in range(10, 20):  # ten latecomers with 1 to 5 answers
        votes += [(f"p{p}", f"s{s}", 1 if p % 2 else -1) for s in range(p % 5 + 1)]
    clustered = find_opinion_groups(votes).meta["clustered_participants"]
    assert clustered == 15


def test_hidden_statement_counts_as_answered_but_is_never_shown():
    votes = [*two_camps(), *[(f"p{p}", "hidden", 1 if p % 2 == 0 else -1) for p in range(40)]]
    votes += [("late", f"s{s}", 1) for s in range(6)] + [("late", "hidden", 1)]
    result = find_opinion_groups(votes, moderated_out=["hidden"])
    assert "late" in result.group_of()  # six visible answers plus the hidden one reach seven
    shown = {r.statement_id for g in result.groups for r in g.representative}
    shown |= {c.statement_id for c in result.consensus}
    assert "hidden" not in shown
    assert result.meta["moderated_out"] == 1


def test_group_zero_holds_the_first_participant():
    votes = two_camps()
    votes = [v for v in votes if v[0] == "p1"] + [v for v in votes if v[0] != "p1"]
    result = find_opinion_groups(votes)
    assert "p1" in next(g for g in result.groups if g.id == 0).participants


def test_power_iteration_finds_the_principal_components():
    rng = np.random.default_rng(4)
    data = rng.normal(size=(200, 12)) * np.linspace(3, 0.5, 12)
    centred = data - data.mean(axis=0)
    ours = principal_components(centred)
    reference = np.linalg.svd(centred, full_matrices=False)[2][:2]
    assert np.allclose(np.abs((ours * reference).sum(axis=1)), 1, atol=1e-4)


def test_silhouette_matches_the_textbook_definition():
    rng = np.random.default_rng(5)
    points = np.vstack([rng.normal(0, 1, (15, 2)), rng.normal(6, 1, (12, 2)), rng.normal((0, 8), 1, (9, 2))])
    labels = np.repeat([0, 1, 2], [15, 12, 9])
    assert silhouette(points, labels) == pytest.approx(silhouette_score(points, labels))


def _agreement(name: str) -> tuple[float, int]:
    folder = POLIS / name
    if not folder.is_dir():
        pytest.skip(f"the Pol.is data sets are not here ({folder}); CI has them")
    conversation = read_conversation(folder)
    votes = [(v.participant_id, v.comment_id, v.value) for v in sorted(conversation.votes, key=lambda v: v.timestamp)]
    hidden = [c.id for c in conversation.comments if c.moderated < 0]
    ours = find_opinion_groups(votes, statements=[c.id for c in conversation.comments], moderated_out=hidden).group_of()
    common = [p for p in conversation.groups if p in ours]
    return adjusted_rand([conversation.groups[p] for p in common], [ours[p] for p in common]), len(common)


# Measured 0.927 and 0.952 with the default seed (0), which is what the engine runs with. The result depends on
# the seed: re-measured on 2026-12-04, ssis.land-bank-farmland falls to 0.21 with seed 1 (docs/benchmarks.md,
# opinions, second round), so this pins the seed's result rather than a property of every seed.
@pytest.mark.parametrize(("name", "participants"), [("scoop-hivemind.taxes", 290),
                                                    ("ssis.land-bank-farmland.2rumnecbeh.2021-08-01", 350)])
def test_groups_agree_with_polis_on_a_real_conversation(name, participants):
    ari, compared = _agreement(name)
    assert compared >= participants
    assert ari >= 0.85


def test_number_of_groups_changes_only_after_four_recomputes_in_a_row():
    votes = two_camps()
    fresh = find_opinion_groups(votes)
    assert fresh.meta["k"] == 2
    # The previous result had three groups: two camps must win four recomputes before the map changes.
    meta: dict[str, object] = {"k": 3, "k_best": 3, "k_best_streak": 9}
    for recompute in range(1, 5):
        result = find_opinion_groups(votes, previous=meta)
        assert result.meta["k_best"] == 2 and result.meta["k_best_streak"] == recompute
        assert result.meta["k"] == (2 if recompute == 4 else 3)
        meta = result.meta


def test_a_recompute_continues_the_previous_groups_and_their_ids():
    votes = two_camps()
    fresh = find_opinion_groups(votes)
    assert "p0" in next(g for g in fresh.groups if g.id == 0).participants
    # The previous result called p0's camp group 1: the recompute keeps that, rather than renumbering.
    previous = {pid: 1 - group for pid, group in fresh.group_of().items()}
    continued = find_opinion_groups([*votes, ("p40", "s0", 1)], previous=fresh.meta, previous_groups=previous)
    assert continued.meta["continued_from_previous_groups"] is True
    assert {pid: group for pid, group in continued.group_of().items() if pid in previous} == previous


def test_a_previous_result_with_one_group_or_none_gives_a_fresh_start():
    votes = two_camps()
    fresh = find_opinion_groups(votes)
    for previous in ({}, {pid: 0 for pid in fresh.group_of()}):
        result = find_opinion_groups(votes, previous_groups=previous)
        assert result.meta["continued_from_previous_groups"] is False
        assert result.group_of() == fresh.group_of()


def test_a_few_more_answers_do_not_reshuffle_the_groups_of_a_real_conversation():
    """On ssis.land-bank-farmland, started afresh, the groups after 96 % of the answers agreed with those after
    95 % at an adjusted Rand index of 0.19 (the same people split another way); continued from the previous
    groups, as Pol.is does, 0.99."""
    folder = POLIS / "ssis.land-bank-farmland.2rumnecbeh.2021-08-01"
    if not folder.is_dir():
        pytest.skip(f"the Pol.is data sets are not here ({folder}); CI has them")
    conversation = read_conversation(folder)
    votes = [(v.participant_id, v.comment_id, v.value) for v in sorted(conversation.votes, key=lambda v: v.timestamp)]
    options = {"statements": [c.id for c in conversation.comments],
               "moderated_out": [c.id for c in conversation.comments if c.moderated < 0]}
    before = find_opinion_groups(votes[:round(len(votes) * 0.95)], **options)
    after = find_opinion_groups(votes[:round(len(votes) * 0.96)], previous=before.meta,
                                previous_groups=before.group_of(), **options)
    common = [p for p in before.group_of() if p in after.group_of()]
    assert len(common) >= 300
    assert adjusted_rand([before.group_of()[p] for p in common], [after.group_of()[p] for p in common]) >= 0.9


def test_people_who_agree_more_are_to_the_right_on_the_map():
    rnd = random.Random(2)
    votes = []
    for p in range(30):
        leaning = 1 if p < 10 else -1  # ten mostly agree, twenty mostly disagree
        votes += [(f"p{p}", f"s{s}", leaning if rnd.random() < 0.85 else -leaning) for s in range(12)]
    positions = find_opinion_groups(votes).positions
    agreeing = np.mean([positions[f"p{p}"][0] for p in range(10)])
    disagreeing = np.mean([positions[f"p{p}"][0] for p in range(10, 30)])
    assert agreeing > disagreeing


def test_groups_equal_red_dwarfs_on_a_small_real_conversation():
    """red-dwarf, the Polis community's independent Python reimplementation of Pol.is's math, finds the same
    two groups as we do on scoop-hivemind.freshwater (100 participants clustered by both)."""
    pipeline = pytest.importorskip(
        "reddwarf.implementations.polis",
        reason="red-dwarf is not installed (a benchmark reference only: pip install red-dwarf==0.4.0)",
    )
    folder = POLIS / "scoop-hivemind.freshwater"
    if not folder.is_dir():
        pytest.skip(f"the Pol.is data sets are not here ({folder}); CI has them")
    conversation = read_conversation(folder)
    hidden = [c.id for c in conversation.comments if c.moderated < 0]
    votes = [(v.participant_id, v.comment_id, v.value) for v in sorted(conversation.votes, key=lambda v: v.timestamp)]
    ours = find_opinion_groups(votes, statements=[c.id for c in conversation.comments], moderated_out=hidden).group_of()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = pipeline.run_pipeline(
            votes=[{"participant_id": int(v.participant_id), "statement_id": int(v.comment_id), "vote": v.value,
                    "modified": v.timestamp} for v in conversation.votes],
            mod_out_statement_ids=[int(c) for c in hidden], random_state=0,
        ).participants_df
    theirs = {str(p): int(g) for p, g in reference.loc[reference["to_cluster"], "cluster_id"].items()}
    assert sorted(theirs) == sorted(ours)
    assert adjusted_rand([ours[p] for p in theirs], list(theirs.values())) == 1.0
