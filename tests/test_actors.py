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


def test_dated_periods_give_the_side_in_force_on_the_articles_date():
    import pandas as pd
    import pytest

    from analysis.sources import describe_sources

    trump = load_actors().lookup["Donald Trump"][0]
    assert trump.side_on(None) == "trump-campaign" and trump.side_on("2016-10-01") == "trump-campaign"
    assert trump.side_on("2018-05-01") == "united-states" and trump.side_on("2022-06-01") == "republican"
    text = "Donald Trump spoke in Ohio. He said the deal was bad."
    rows = pd.DataFrame({"source_text": ["He"], "source_start": [28], "source_end": [30], "cue_text": ["said"]})
    out = describe_sources(text, rows, published=pd.Timestamp("2019-03-01", tz="UTC"))
    assert out["side"].tolist() == ["united-states"] and "on 2019-03-01" in out["source_evidence"].iloc[0]
    assert describe_sources(text, rows)["side"].tolist() == ["trump-campaign"]  # undated: the default side
    mine = load_actors({"actors": [{"name": "Ann Lee", "aliases": ["Ann Lee"], "side": "campaign",
                                     "periods": [{"side": "government", "from": "2020-01-01"}]}]})
    assert mine.dated and mine.lookup["Ann Lee"][0].side_on("2021-01-01") == "government"
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        load_actors({"actors": [{"name": "Bad", "aliases": ["Bad"], "periods": [{"side": "x", "from": "soon"}]}]})


def test_leaders_are_people_not_their_states():
    """Leaders listed inside a country or body entry were no antecedent for he/she and got its kind."""
    actors = load_actors()
    for name in ["Alexander Lukashenko", "Emmanuel Macron", "Olaf Scholz", "Xi Jinping", "Antonio Guterres",
                 "Rafael Grossi", "Jens Stoltenberg", "Ursula von der Leyen", "Andrzej Duda", "Olena Zelenska"]:
        actor = actors.lookup[name][0]
        assert (actor.type, actor.kind) == ("person", "official"), name
    assert actors.lookup["Belarus"][0].type == "country"


def test_he_resolves_to_a_leader_and_takes_the_leaders_side():
    import pandas as pd

    from analysis.sources import describe_sources

    text = "Alexander Lukashenko spoke to reporters on Monday. He said the border would stay open."
    rows = pd.DataFrame({"source_text": ["He"], "source_start": [51], "source_end": [53], "cue_text": ["said"]})
    out = describe_sources(text, rows)
    assert out[["resolved_text", "side", "kind"]].values.tolist() == [["Alexander Lukashenko", "belarus", "official"]]


def test_office_holders_sides_follow_the_date():
    actors = load_actors()
    obama, kallas, rutte = (actors.lookup[n][0] for n in ["Obama", "Kaja Kallas", "Rutte"])
    assert obama.side_on("2016-08-01") == "united-states" and obama.side_on("2019-08-01") == "democrat"
    assert kallas.side_on("2022-04-01") == "estonia" and kallas.side_on("2025-03-01") == "eu"
    assert rutte.side_on("2022-04-01") == "netherlands" and rutte.side_on("2025-03-01") == "nato"


def test_campaign_staff_who_took_office_change_side_with_the_date():
    import pandas as pd

    from analysis.sources import describe_sources

    text = "Mike Pence spoke at the rally. He said the plan would pass."
    rows = pd.DataFrame({"source_text": ["He"], "source_start": [31], "source_end": [33], "cue_text": ["said"]})
    side = {day: describe_sources(text, rows, published=pd.Timestamp(day, tz="UTC"))["side"].iloc[0]
            for day in ["2016-03-01", "2016-09-01", "2019-05-01", "2022-05-01"]}
    assert side == {"2016-03-01": "republican", "2016-09-01": "trump-campaign", "2019-05-01": "united-states",
                    "2022-05-01": "republican"}
    actors = load_actors()
    assert actors.lookup["Kamala Harris"][0].side_on("2019-06-01") == "democrat"
    assert actors.lookup["Kamala Harris"][0].side_on("2022-06-01") == "united-states"
    assert actors.lookup["Tim Kaine"][0].side_on("2016-08-01") == "clinton-campaign"
    assert actors.lookup["Tim Kaine"][0].side_on("2019-08-01") == "democrat"


def test_officials_of_the_war_corpora_resolve_to_their_side():
    """Ministers, presidential aides, governors and state-company heads who speak in the Kremlin, Ukrainian
    presidency and US government releases (invented sentences)."""
    import pandas as pd

    from analysis.sources import describe_sources

    cases = [
        ("Minister Chuychenko said the law was ready.", "Minister Chuychenko", "russia"),
        ("Tatyana Golikova said the clinics would reopen.", "Tatyana Golikova", "russia"),
        ("Governor Alikhanov noted that the port was busy.", "Governor Alikhanov", "russia"),
        ("Andrei Kostin said the bank had grown.", "Andrei Kostin", "russia"),
        ("Roman Mashovets stressed that the talks went well.", "Roman Mashovets", "ukraine"),
        ("Health Minister Viktor Lyashko said hospitals were ready.", "Health Minister Viktor Lyashko", "ukraine"),
        ("Prime Minister Nikol Pashinyan said the border was calm.", "Prime Minister Nikol Pashinyan", "armenia"),
        ("Attorney General Garland said the case would go on.", "Attorney General Garland", "united-states"),
        ("The FATF said the rules would change.", "The FATF", "international"),
    ]
    for text, source, side in cases:
        rows = pd.DataFrame({"source_text": [source], "source_start": [0], "source_end": [len(source)],
                             "cue_text": ["said"]})
        out = describe_sources(text, rows)
        assert out["side"].tolist() == [side], text
        assert out["identification"].tolist() == ["named"], text


def test_home_roles_of_the_presidential_office_take_the_outlets_side():
    import pandas as pd

    from analysis.sources import describe_sources

    text = "The Deputy Head of the Office of the President said aid was coming."
    source = "The Deputy Head of the Office of the President"
    rows = pd.DataFrame({"source_text": [source], "source_start": [0], "source_end": [len(source)],
                         "cue_text": ["said"]})
    assert describe_sources(text, rows, outlet="president.gov.ua")["side"].tolist() == ["ukraine"]
    assert describe_sources(text, rows)["side"].isna().all()  # no outlet: no home


def test_short_aliases_that_are_other_peoples_names_are_left_out():
    """Surnames shared with other people in the news (Garry Trudeau the cartoonist, Patrushev father and son,
    a Ukrainian and a Russian Kostin, the many Millers, Bennetts and Borisovs) match only with a first name."""
    lookup = load_actors().lookup
    for bare in ["Trudeau", "Kostin", "Miller", "Bennett", "Borisov", "Novak", "Popova", "Kozlov", "Garland",
                 "Marchenko", "Marin", "Titov"]:
        assert bare not in lookup, bare
    assert lookup["Justin Trudeau"][0].side == "canada"
    assert lookup["Dmitry Patrushev"][0].note.startswith("Minister of Agriculture")
    assert find_actors("Garry Trudeau drew it.").empty


def test_a_visiting_chancellor_is_not_the_publishers_own():
    # "The Chancellor stressed that Germany supports Ukraine" on president.gov.ua got side ukraine
    a = load_actors()
    assert a.home_side("The Chancellor", "president.gov.ua") is None
    assert a.home_side("The Prime Minister", "president.gov.ua") == "ukraine"
