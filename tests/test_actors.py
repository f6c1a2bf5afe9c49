"""The actor dictionary (analysis.actors): shipped entries, adjectives, aliases."""
from __future__ import annotations

from analysis.actors import find_actors, load_actors


def test_find_actors_adjectives_and_aliases():
    found = find_actors("Pro-Russian bloggers and Ukrinform disagreed with the U.S. State Department.")
    assert found[["surface", "side", "alias"]].values.tolist() == [
        ["Pro-Russian", "russia", False],
        ["Ukrinform", "ukraine", True],
        ["U.S. State Department", "united-states", True],
    ]


def test_every_actor_entry_is_documented():
    actors = load_actors()
    assert all(a.note for a in actors.actors)
    assert {"russia", "ukraine", "united-states", "eu", "nato", "trump-campaign", "clinton-campaign"} <= {
        a.side for a in actors.actors}
    for name in ["TASS", "RIA Novosti", "Interfax", "Sputnik", "RT", "Ukrinform", "UNIAN", "Reuters", "AP",
                 "AFP", "Putin", "Zelenskyy", "Biden", "RNC", "DNC", "Pence", "Kaine"]:
        assert name in actors.lookup, name
