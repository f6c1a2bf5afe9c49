"""The actor dictionary: who is on which side.

``lexicons/actors.yaml`` lists wire and state news agencies, governments, ministries, militaries,
leaders and campaigns with their ``side`` (``russia``, ``ukraine``, ``united-states``,
``trump-campaign`` ...), ``kind`` and aliases; adjectives ("Russian", "Ukrainian") map to a side too.
Users add their own entries (a YAML file or a dict) with :func:`load_actors`.

>>> find_actors("Peskov met TASS.")[["surface", "side"]].values.tolist()
[['Peskov', 'russia'], ['TASS', 'russia']]
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import pandas as pd
import yaml

from . import paths
from .patterns import trie_pattern

__all__ = ["Actor", "ActorMatch", "ActorDictionary", "Office", "load_actors", "find_actors", "ACTORS_FILE"]

ACTORS_FILE = "actors.yaml"


@dataclass(frozen=True)
class Actor:
    """One entry of the actor dictionary."""

    name: str
    side: str | None
    kind: str
    type: str
    note: str = ""
    aliases: tuple = ()
    periods: tuple = ()  # (side, from date or None, until date or None): the side in force then

    def side_on(self, when=None) -> str | None:
        """The actor's side on a date: the first of ``periods`` that covers it, else ``side``.

        >>> a = Actor("Ann Lee", "campaign", "person", "person", periods=(("government", _dt.date(2017, 1, 20), None),))
        >>> a.side_on("2016-10-01"), a.side_on(pd.Timestamp("2018-03-01", tz="UTC")), a.side_on(None)
        ('campaign', 'government', 'campaign')
        """
        day = _as_date(when) if self.periods else None
        if day is not None:
            for side, start, until in self.periods:
                if (start is None or start <= day) and (until is None or day < until):
                    return side
        return self.side


@dataclass(frozen=True)
class Office:
    """An office and who held it when (``offices`` in actors.yaml): "President of Ukraine"."""

    name: str
    side: str | None
    roles: tuple = ()  # how a text names the office without a name ("Ukraine's President")
    bare: tuple = ()  # the bare role ("the President") that means this office in its home outlets
    holders: tuple = ()  # (name, from date or None, until date or None)

    def holder_on(self, when=None) -> str | None:
        """Who held the office on a date (None when undated or nobody listed then).

        >>> o = Office("Mayor of Town", None, holders=(("Ann Lee", _dt.date(2020, 1, 1), None),
        ...                                            ("Bo Park", None, _dt.date(2020, 1, 1))))
        >>> o.holder_on("2021-05-01"), o.holder_on("2019-05-01"), o.holder_on(None)
        ('Ann Lee', 'Bo Park', None)
        """
        day = _as_date(when)
        if day is None:
            return None
        for name, start, until in self.holders:
            if (start is None or start <= day) and (until is None or day < until):
                return name
        return None


@dataclass(frozen=True)
class ActorMatch:
    """An actor mention: ``text[start:end]`` is ``surface``; ``alias`` False for adjectives."""

    start: int
    end: int
    surface: str
    actor: Actor
    alias: bool


@dataclass(frozen=True, eq=False)
class ActorDictionary:
    """Compiled actor dictionary: ``lookup`` maps a surface form to (actor, is_alias)."""

    actors: tuple[Actor, ...]
    lookup: Mapping[str, tuple[Actor, bool]]
    regex: re.Pattern
    patterns: tuple = ()  # (compiled regex, side, name): side-only patterns such as "(R-Ohio)"
    gender: Mapping[str, str] = dataclasses.field(default_factory=dict)  # alias -> "f" | "m"
    homes: Mapping[str, str] = dataclasses.field(default_factory=dict)  # outlet (lower case) -> side
    home_roles: re.Pattern | None = None  # "the President", "the Head of State": the outlet's own
    dated: bool = False  # some actor has dated ``periods``: sides depend on the article's date
    offices: tuple = ()  # Office entries (who held an office when)
    office_regex: re.Pattern | None = None  # the offices' ``roles``, one named group per office
    home_offices: Mapping[str, int] = dataclasses.field(default_factory=dict)  # outlet (lower) -> office index

    def office_holder(self, source: str, outlet: str | None, published) -> tuple[Office, str] | None:
        """(office, holder) when ``source`` names an office without a name and the article's date
        says who held it: "the President of Ukraine" anywhere, or the office's bare role ("the
        President", "the Head of State") in one of its home outlets (``outlet_homes`` with
        ``office``). None when undated, not an office, or nobody is listed for that date.

        >>> a = load_actors()
        >>> a.office_holder("the President", "president.gov.ua", "2022-03-01")[1]
        'Volodymyr Zelensky'
        >>> a.office_holder("Russia's President", None, "2010-06-01")[1]
        'Dmitry Medvedev'
        >>> a.office_holder("the President", "some-blog", "2022-03-01") is None
        True
        """
        if not self.offices or not source or published is None:
            return None
        src = source.strip()
        office = None
        if self.office_regex is not None:
            m = self.office_regex.fullmatch(src)
            if m:
                office = self.offices[int(m.lastgroup[1:])]
        if office is None and outlet:
            k = self.home_offices.get(str(outlet).strip().lower())
            if k is not None and self.offices[k].bare and _bare_role(self.offices[k].bare).fullmatch(src):
                office = self.offices[k]
        if office is None:
            return None
        holder = office.holder_on(published)
        return (office, holder) if holder else None

    def home_side(self, source: str, outlet: str | None) -> str | None:
        """The side of a role named without its country ("the Head of State") in an outlet whose
        home is known (``outlet_homes``): on president.gov.ua that is Ukraine's head of state.

        >>> load_actors().home_side("The Head of State", "president.gov.ua")
        'ukraine'
        >>> load_actors().home_side("the President", "some-blog") is None
        True
        """
        if not outlet or self.home_roles is None:
            return None
        side = self.homes.get(str(outlet).strip().lower())
        return side if side and self.home_roles.fullmatch(source.strip()) else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorMatch]:
        """All non-overlapping actor mentions in ``text[start:end]`` (longest first at each place)."""
        end = len(text) if end is None else end
        out = []
        for m in self.regex.finditer(text, start, end):
            actor, alias = self.lookup[m.group(0)]
            out.append(ActorMatch(m.start(), m.end(), m.group(0), actor, alias))
        return out


def _as_date(value) -> _dt.date | None:
    """A date from a date, datetime, pandas Timestamp or ISO string; None when missing or unreadable."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(ts) else ts.date()


def _periods(entry: Mapping) -> tuple:
    out = []
    for p in entry.get("periods", []) or []:
        start, until = _as_date(p.get("from")), _as_date(p.get("until"))
        if (p.get("from") is not None and start is None) or (p.get("until") is not None and until is None):
            raise ValueError(f"actor {entry.get('name')!r}: period {p} needs dates as YYYY-MM-DD")
        out.append((p.get("side"), start, until))
    return tuple(out)


@functools.lru_cache(maxsize=64)
def _bare_role(bare: tuple) -> re.Pattern:
    """The bare roles of an office ("the President", "our Head of State") as one regex."""
    return re.compile(r"(?:the\s+|our\s+)?(?:" + "|".join(re.escape(b) for b in bare) + ")", re.IGNORECASE)


def _offices(entries: list, source: str) -> tuple[Office, ...]:
    out = []
    for e in entries:
        holders = []
        for h in e.get("holders", []) or []:
            start, until = _as_date(h.get("from")), _as_date(h.get("until"))
            if (h.get("from") is not None and start is None) or (h.get("until") is not None and until is None):
                raise ValueError(f"{source}: office {e.get('office')!r}: holder {h} needs dates as YYYY-MM-DD")
            holders.append((str(h["name"]), start, until))
        out.append(Office(name=str(e["office"]), side=e.get("side"),
                          roles=tuple(str(r) for r in e.get("roles", []) or []),
                          bare=tuple(str(r) for r in e.get("bare", []) or []), holders=tuple(holders)))
    return tuple(out)


def _read_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _actor_entries(data: Any) -> list[dict]:
    if data is None:
        return []
    if isinstance(data, Mapping):
        if "actors" in data:
            return list(data["actors"] or [])
        return [data] if "name" in data else []
    return list(data)


@functools.lru_cache(maxsize=16)
def _compile_actors(extra_key: str | None) -> ActorDictionary:
    shipped = _read_yaml(paths.LEXICONS / ACTORS_FILE)
    entries = _actor_entries(shipped)
    pattern_entries = list(shipped.get("patterns", []) or [])
    gender_lists = [shipped.get("genders", {}) or {}]
    home_lists = [shipped.get("outlet_homes", []) or []]
    roles = list(shipped.get("home_roles", []) or [])
    office_entries = list(shipped.get("offices", []) or [])
    if extra_key is not None:
        kind, _, payload = extra_key.partition(":")
        extra = json.loads(payload) if kind == "json" else _read_yaml(Path(payload))
        entries += _actor_entries(extra)
        if isinstance(extra, Mapping):
            pattern_entries = list(extra.get("patterns", []) or []) + pattern_entries
            gender_lists.append(extra.get("genders", {}) or {})
            home_lists.append(extra.get("outlet_homes", []) or [])
            roles += list(extra.get("home_roles", []) or [])
            office_entries = list(extra.get("offices", []) or []) + office_entries  # the user's first
    actors: list[Actor] = []
    lookup: dict[str, tuple[Actor, bool]] = {}
    source = (extra_key.partition(":")[2] if extra_key and extra_key.startswith("path:") else "actor dictionary")
    for entry in entries:  # later entries (the user's) win
        try:
            periods = _periods(entry)
        except ValueError as err:
            raise ValueError(f"{source}: {err}") from None
        actor = Actor(
            name=str(entry["name"]),
            side=entry.get("side"),
            kind=entry.get("kind", "unknown"),
            type=entry.get("type", "organization"),
            note=str(entry.get("note", "")),
            aliases=tuple(str(a) for a in entry.get("aliases", []) or []),
            periods=periods,
        )
        actors.append(actor)
        for adj in entry.get("adjectives", []) or []:
            lookup[str(adj)] = (actor, False)
        for alias in [actor.name if entry.get("name_is_alias") else None, *(entry.get("aliases", []) or [])]:
            if alias:
                lookup[str(alias)] = (actor, True)
    regex = re.compile(r"(?<![\w-])" + trie_pattern(lookup) + r"(?!\w)")
    patterns = tuple((re.compile(p["pattern"]), p.get("side"), str(p.get("name", p["pattern"])))
                     for p in pattern_entries)
    gender = {str(alias): g for lists in gender_lists for key, g in (("female", "f"), ("male", "m"))
              for alias in lists.get(key, []) or []}
    homes = {str(h["outlet"]).strip().lower(): h.get("side") for lists in home_lists for h in lists}
    home_roles = (re.compile(r"(?:the\s+|our\s+)?(?:" + trie_pattern(str(r) for r in roles) + ")", re.IGNORECASE)
                  if roles else None)
    offices = _offices(office_entries, source)
    by_name = {}
    for k, o in enumerate(offices):
        by_name.setdefault(o.name, k)  # a user's entry for the same office wins
    office_regex = None
    alts = [f"(?P<o{k}>{trie_pattern(o.roles)})" for k, o in enumerate(offices) if o.roles and by_name[o.name] == k]
    if alts:
        office_regex = re.compile(r"(?:the\s+|our\s+|its\s+)?(?:" + "|".join(alts) + ")", re.IGNORECASE)
    home_offices = {str(h["outlet"]).strip().lower(): by_name[h["office"]] for lists in home_lists for h in lists
                    if h.get("office") in by_name}
    return ActorDictionary(tuple(actors), lookup, regex, patterns, gender, homes, home_roles,
                           dated=any(a.periods for a in actors), offices=offices, office_regex=office_regex,
                           home_offices=home_offices)


def load_actors(extra: str | Path | Mapping | list | None = None) -> ActorDictionary:
    """The compiled actor dictionary, with the user's ``extra`` YAML file or dict added (cached).

    ``extra`` has the format of ``lexicons/actors.yaml`` (``{"actors": [{name, aliases, adjectives,
    side, periods, kind, type, note}, ...]}``, or a list of entries); its entries win over shipped
    ones. ``periods`` (optional) give dated sides: ``[{side: government, from: 2017-01-20, until:
    2021-01-20}]``; :meth:`Actor.side_on` picks the one in force on an article's date.

    >>> load_actors().lookup["TASS"][0].side
    'russia'
    >>> mine = load_actors({"actors": [{"name": "Acme Corp", "aliases": ["Acme"], "side": "acme"}]})
    >>> mine.lookup["Acme"][0].side, "Acme" in load_actors().lookup
    ('acme', False)
    """
    if extra is None:
        return _compile_actors(None)
    if isinstance(extra, (str, Path)):
        return _compile_actors("path:" + str(Path(extra).resolve()))
    return _compile_actors("json:" + json.dumps(extra, sort_keys=True, default=str))


def _as_actors(actors) -> ActorDictionary:
    """An ActorDictionary from None (shipped), a YAML path, a dict/list of extra entries, or itself."""
    if actors is None:
        return load_actors()
    if isinstance(actors, ActorDictionary):
        return actors
    return load_actors(actors)


def find_actors(text: str, extra: str | Path | Mapping | None = None) -> pd.DataFrame:
    """Every actor mention in ``text``: ``start``, ``end``, ``surface``, ``actor``, ``side``, ``kind``, ``alias``.

    >>> find_actors("Russian officials and the Pentagon disagreed.")[["surface", "side", "alias"]].values.tolist()
    [['Russian', 'russia', False], ['Pentagon', 'united-states', True]]
    """
    matches = load_actors(extra).find(text or "")
    return pd.DataFrame(
        {
            "start": pd.Series([m.start for m in matches], dtype="int64"),
            "end": pd.Series([m.end for m in matches], dtype="int64"),
            "surface": pd.Series([m.surface for m in matches], dtype="string"),
            "actor": pd.Series([m.actor.name for m in matches], dtype="string"),
            "side": pd.Series([m.actor.side for m in matches], dtype="string"),
            "kind": pd.Series([m.actor.kind for m in matches], dtype="string"),
            "alias": pd.Series([m.alias for m in matches], dtype="bool"),
        }
    )
