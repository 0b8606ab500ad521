"""The committed contributions file is realistic input: valid values, varied text, a skewed profile."""

from collections import Counter

from radslag.contributions.models import Channel, Relation
from radslag.core.models import AgeBand, Sex
from radslag.demo.seed.contributions import read_rows
from radslag.demo.seed.governance import FOCUS_AREAS
from radslag.demo.seed.municipality import LOCALITIES


def test_every_row_uses_known_values():
    slugs = {slug for _, slug, _, _ in FOCUS_AREAS}
    for row in read_rows():
        assert row["channel"] in Channel.values
        assert row["age_band"] in [*AgeBand.values, ""]
        assert row["sex"] in [*Sex.values, ""]
        assert row["relation"] in [*Relation.values, ""]
        assert row["locality"] in [*LOCALITIES, ""]
        assert set(filter(None, row["focus_areas"].split(";"))) <= slugs
        assert bool(row["received"]) != bool(row["days_before_load"]), row["ref"]


def test_texts_are_unique_and_varied():
    rows = read_rows()
    texts = [row["text"] for row in rows]
    assert 350 <= len(texts) <= 500
    assert len(set(texts)) == len(texts)
    openings = Counter(" ".join(text.split()[:3]) for text in texts)
    assert openings.most_common(1)[0][1] < len(texts) / 10


def test_older_residents_are_over_represented_and_young_ones_few():
    ages = Counter(row["age_band"] for row in read_rows() if row["age_band"])
    total = sum(ages.values())
    assert (ages["0-15"] + ages["16-19"]) / total < 0.08
    assert (ages["65-79"] + ages["80+"]) / total > 0.3
